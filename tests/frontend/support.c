/* support.c — see support.h. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool zt_compile_n(struct zi_compilation *c, const char *text, size_t len, bool werror, unsigned error_limit)
{
    struct zi_frontend_options options = {werror, error_limit};
    return zi_compilation_open_memory(c, "test.zi", text, len, &options);
}

bool zt_compile(struct zi_compilation *c, const char *text)
{
    return zt_compile_n(c, text, strlen(text), false, ZI_DIAG_ERROR_LIMIT);
}

void zt_position(const struct zi_compilation *c, unsigned offset, unsigned *line, unsigned *col)
{
    uint32_t l, k;
    zi_source_position(&c->source, offset, &l, &k);
    *line = l;
    *col = k;
}

const struct zi_diagnostic *zt_find(const struct zi_compilation *c, const char *code, unsigned line,
                                    unsigned col)
{
    for (const struct zi_diagnostic *d = c->diag.first; d; d = d->next) {
        if (strcmp(d->code, code) != 0) continue;
        unsigned l, k;
        zt_position(c, d->span.begin, &l, &k);
        if (l == line && k == col) return d;
    }
    return NULL;
}

const struct zi_diagnostic *zt_find_code(const struct zi_compilation *c, const char *code)
{
    for (const struct zi_diagnostic *d = c->diag.first; d; d = d->next)
        if (strcmp(d->code, code) == 0) return d;
    return NULL;
}

unsigned zt_count(const struct zi_compilation *c, const char *code)
{
    unsigned n = 0;
    for (const struct zi_diagnostic *d = c->diag.first; d; d = d->next)
        n += !code || strcmp(d->code, code) == 0;
    return n;
}

char *zt_dump(const struct zi_compilation *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) return strdup("(cannot print diagnostics)");
    if (c->io_failed) fprintf(out, "I/O failure: %s\n", c->io_error);
    /* zi_diag_print sorts into the arena; the compilation is ours to use. */
    zi_diag_print((struct zi_diag *)&c->diag, out, false);
    fclose(out);
    if (len > 20000) /* a hostile input: keep the failure message readable */
        strcpy(text + 20000, "\n…(truncated)\n");
    return text;
}

const char *zt_slice(const struct zi_compilation *c, unsigned begin, unsigned end)
{
    static char buf[4096];
    struct zi_span span = {begin, end};
    size_t len;
    const char *text = zi_source_slice(&c->source, span, &len);
    if (len >= sizeof buf) len = sizeof buf - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return buf;
}

int zt_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
