/* arena.h — one region per compilation: the AST, interned strings, symbols and the model live here and are
 * released together by zi_arena_free, so no pass ever frees a node and none can leak one. */
#ifndef ZI_ARENA_H
#define ZI_ARENA_H

#include <stddef.h>

struct zi_arena_chunk;

struct zi_arena {
    struct zi_arena_chunk *head; /* newest chunk first */
    size_t total;                /* bytes handed out, for the resource limits */
};

/* Initialises an empty arena; nothing is allocated until the first request. */
void zi_arena_init(struct zi_arena *arena);

/* Returns `size` zeroed bytes aligned for any object, owned by the arena. Exits with a message when memory
 * is exhausted: a compiler that cannot allocate has nothing better to do. */
void *zi_arena_alloc(struct zi_arena *arena, size_t size);

/* Copies `len` bytes and a terminating NUL into the arena; returns the copy. */
char *zi_arena_strndup(struct zi_arena *arena, const char *text, size_t len);

/* printf into the arena; returns the formatted string. */
char *zi_arena_printf(struct zi_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Releases every chunk at once; the arena can be reused afterwards. */
void zi_arena_free(struct zi_arena *arena);

#endif
