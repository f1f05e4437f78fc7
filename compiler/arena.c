/* arena.c — a bump allocator over a list of chunks. Requests larger than a chunk get a chunk of their own,
 * so a 1 MB string in a hostile file costs 1 MB, not a chunk-size multiple. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ZI_ARENA_CHUNK = 64 * 1024, ZI_ARENA_ALIGN = 16 };

struct zi_arena_chunk {
    struct zi_arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void zi_arena_init(struct zi_arena *arena)
{
    arena->head = NULL;
    arena->total = 0;
}

static struct zi_arena_chunk *new_chunk(size_t size)
{
    struct zi_arena_chunk *chunk = malloc(sizeof *chunk + size);
    if (!chunk) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    chunk->used = 0;
    chunk->size = size;
    return chunk;
}

void *zi_arena_alloc(struct zi_arena *arena, size_t size)
{
    size_t rounded = (size + ZI_ARENA_ALIGN - 1) & ~(size_t)(ZI_ARENA_ALIGN - 1);
    if (rounded < size) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    struct zi_arena_chunk *chunk = arena->head;
    if (!chunk || chunk->size - chunk->used < rounded) {
        if (rounded > ZI_ARENA_CHUNK / 4) {
            /* A big block gets its own chunk behind the current one, which keeps its free space. */
            struct zi_arena_chunk *big = new_chunk(rounded);
            big->used = rounded;
            if (chunk) {
                big->next = chunk->next;
                chunk->next = big;
            } else {
                big->next = NULL;
                arena->head = big;
            }
            arena->total += rounded;
            memset(big->data, 0, rounded);
            return big->data;
        }
        chunk = new_chunk(ZI_ARENA_CHUNK);
        chunk->next = arena->head;
        arena->head = chunk;
    }
    void *result = chunk->data + chunk->used;
    chunk->used += rounded;
    arena->total += rounded;
    memset(result, 0, rounded);
    return result;
}

char *zi_arena_strndup(struct zi_arena *arena, const char *text, size_t len)
{
    char *copy = zi_arena_alloc(arena, len + 1);
    if (len) memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

char *zi_arena_printf(struct zi_arena *arena, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    va_list again;
    va_copy(again, args);
    int len = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    char *text = zi_arena_alloc(arena, (size_t)(len < 0 ? 0 : len) + 1);
    vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    return text;
}

void zi_arena_free(struct zi_arena *arena)
{
    struct zi_arena_chunk *chunk = arena->head;
    while (chunk) {
        struct zi_arena_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    arena->head = NULL;
    arena->total = 0;
}
