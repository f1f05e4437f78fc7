/* frontend.c — read, parse, check. Checks run only on a file that parsed cleanly: a tree patched up by
 * error recovery would mostly produce follow-on errors that vanish once the syntax is fixed. */
#include "frontend.h"

#include <string.h>

#include "checks.h"
#include "parse.h"

static bool run(struct zi_compilation *c, const struct zi_frontend_options *options)
{
    zi_diag_init(&c->diag, &c->source, &c->arena);
    c->diag.werror = options->werror;
    c->diag.error_limit = options->error_limit;
    c->criteria = zi_parse(&c->source, &c->arena, &c->diag);
    if (zi_diag_has_errors(&c->diag)) return false;
    return zi_check(c->criteria, &c->diag, &c->arena);
}

bool zi_compilation_open(struct zi_compilation *c, const char *path,
                         const struct zi_frontend_options *options)
{
    memset(c, 0, sizeof *c);
    zi_arena_init(&c->arena);
    if (zi_source_read(&c->source, path, c->io_error, sizeof c->io_error) != 0) {
        c->io_failed = true;
        return false;
    }
    return run(c, options);
}

bool zi_compilation_open_memory(struct zi_compilation *c, const char *name, const char *text, size_t len,
                                const struct zi_frontend_options *options)
{
    memset(c, 0, sizeof *c);
    zi_arena_init(&c->arena);
    if (zi_source_from_memory(&c->source, name, text, len) != 0) {
        snprintf(c->io_error, sizeof c->io_error, "'%s' is too large for a criteria file", name);
        c->io_failed = true;
        return false;
    }
    return run(c, options);
}

void zi_compilation_free(struct zi_compilation *c)
{
    zi_arena_free(&c->arena);
    zi_source_free(&c->source);
}
