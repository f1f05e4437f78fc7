/* fixture.h — helpers the runtime's test suites share: the hand-written fixture module, loaded from disk,
 * and small file utilities. Header-only (static functions) so each suite stays one file. */
#ifndef ZI_TEST_FIXTURE_H
#define ZI_TEST_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zi/runtime.h"

/* Loads modules/NAME.so; the caller unloads it. Fails the test with the loader's message on refusal. */
static inline struct zi_loaded_module *fixture_load(const char *name)
{
    char path[1024], err[600];
    snprintf(path, sizeof path, "%s/%s.so", ZI_MODULES_DIR, name);
    struct zi_loaded_module *lm = zi_module_load(path, err, sizeof err);
    ck_assert_msg(lm != NULL, "loading %s: %s", path, err);
    return lm;
}

/* The whole content of a file (NUL-terminated, caller frees), or NULL when it cannot be read. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *p = malloc(cap + 1);
    size_t got;
    while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *q = realloc(p, 2 * cap + 1);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (p) p[n] = '\0';
    if (len) *len = n;
    return p;
}

static inline void spit(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

#endif
