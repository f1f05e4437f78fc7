/* support.h — what every front-end Check suite needs: compile a .zi text held in memory, and ask of the
 * result "is there a diagnostic CODE at LINE:COL?". Failures print every diagnostic of the compilation the
 * way zic prints them, so a failing assertion shows what the front end actually said. */
#ifndef ZI_TEST_SUPPORT_H
#define ZI_TEST_SUPPORT_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

#include "frontend.h"

/* Compiles `text` (NUL-terminated) as "test.zi" with the CLI's defaults (error limit 50, no -Werror).
 * Returns true when the front end found no error. Release with zi_compilation_free. */
bool zt_compile(struct zi_compilation *c, const char *text);

/* Same for `len` bytes that may contain NULs, with explicit options. */
bool zt_compile_n(struct zi_compilation *c, const char *text, size_t len, bool werror, unsigned error_limit);

/* The first diagnostic with `code` whose span begins at `line`:`col` (1-based, code points), or NULL. */
const struct zi_diagnostic *zt_find(const struct zi_compilation *c, const char *code, unsigned line,
                                    unsigned col);

/* The first diagnostic with `code` anywhere, or NULL. */
const struct zi_diagnostic *zt_find_code(const struct zi_compilation *c, const char *code);

/* How many diagnostics have `code` (NULL: all of them). */
unsigned zt_count(const struct zi_compilation *c, const char *code);

/* 1-based line and column of a byte offset of the compiled source. */
void zt_position(const struct zi_compilation *c, unsigned offset, unsigned *line, unsigned *col);

/* Every diagnostic as zic prints it, without colour: a malloc'd string the caller frees. */
char *zt_dump(const struct zi_compilation *c);

/* The text of a span of the compiled source, NUL-terminated in a static buffer (tests only). */
const char *zt_slice(const struct zi_compilation *c, unsigned begin, unsigned end);

/* Assertions that print the diagnostics when they fail. */
#define zt_expect(c, code, line, col)                                                                        \
    do {                                                                                                     \
        if (!zt_find((c), (code), (line), (col))) {                                                          \
            char *dump_ = zt_dump(c);                                                                        \
            ck_abort_msg("expected %s at %u:%u; the front end said:\n%s", (code), (unsigned)(line),          \
                         (unsigned)(col), dump_);                                                            \
        }                                                                                                    \
    } while (0)

/* Exactly one diagnostic in all, `code` at `line`:`col`. */
#define zt_expect_only(c, code, line, col)                                                                   \
    do {                                                                                                     \
        zt_expect((c), (code), (line), (col));                                                               \
        if (zt_count((c), NULL) != 1) {                                                                      \
            char *dump_ = zt_dump(c);                                                                        \
            ck_abort_msg("expected only %s at %u:%u; the front end said:\n%s", (code), (unsigned)(line),     \
                         (unsigned)(col), dump_);                                                            \
        }                                                                                                    \
    } while (0)

#define zt_expect_count(c, code, n)                                                                          \
    do {                                                                                                     \
        if (zt_count((c), (code)) != (unsigned)(n)) {                                                        \
            char *dump_ = zt_dump(c);                                                                        \
            ck_abort_msg("expected %u × %s, got %u; the front end said:\n%s", (unsigned)(n),                 \
                         (code) ? (const char *)(code) : "any", zt_count((c), (code)), dump_);               \
        }                                                                                                    \
    } while (0)

/* No diagnostic at all, not even a warning. */
#define zt_expect_clean(c) zt_expect_count((c), NULL, 0)

/* Runs a suite; returns the number of failures (the test program's exit status). */
int zt_run(Suite *suite);

#endif
