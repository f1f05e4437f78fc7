/* frontend.c — read, parse, check. Checks run only on a file that parsed cleanly: a tree patched up by
 * error recovery would mostly produce follow-on errors that vanish once the syntax is fixed. */
#include "frontend.h"

#include <string.h>

#include "chars.h"
#include "checks.h"
#include "parse.h"

/* A file saved in another encoding is one error, E007, and is not scanned: every accented letter would be an
 * error of its own, and a UTF-16 file is NUL bytes throughout. */
static bool wrong_encoding(struct zi_compilation *c)
{
    uint32_t first = 0;
    enum zi_source_encoding encoding = zi_source_guess_encoding(&c->source, &first);
    if (encoding == ZI_ENCODING_UTF16) {
        struct zi_span start = {0, 2};
        struct zi_diagnostic *d =
            zi_diag_report(&c->diag, ZI_SEV_ERROR, start, "E007",
                           "the file is saved as UTF-16 (\"Unicode\"), not UTF-8; save it as UTF-8");
        if (d) d->no_excerpt = true;
        return true;
    }
    if (encoding == ZI_ENCODING_CP1252) {
        char shown[4];
        zi_cp1252_char((unsigned char)c->source.text[first], shown);
        struct zi_span at = {first, first + 1};
        zi_diag_report(&c->diag, ZI_SEV_ERROR, at, "E007",
                       "the file is saved as Windows-1252 (\"ANSI\"), not UTF-8 (byte 0x%02X here is "
                       "Windows-1252's '%.4s'); save the file as UTF-8",
                       (unsigned char)c->source.text[first], shown);
        return true;
    }
    return false;
}

static bool run(struct zi_compilation *c, const struct zi_frontend_options *options)
{
    zi_diag_init(&c->diag, &c->source, &c->arena);
    c->diag.werror = options->werror;
    c->diag.error_limit = options->error_limit;
    if (wrong_encoding(c)) return false;
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
