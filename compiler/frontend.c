/* frontend.c — read, parse, check. Checks run only on a file that parsed cleanly: a tree patched up by
 * error recovery would mostly produce follow-on errors that vanish once the syntax is fixed.
 *
 * A criteria that `extends` another is read with its chain of bases: each file is appended to the one source
 * and parsed over its region, the bases merged under it (merge.c), and the checks run on the merged tree. */
#include "frontend.h"

#include <string.h>
#include <sys/stat.h>

#include "chars.h"
#include "checks.h"
#include "merge.h"
#include "parse.h"

/* A file saved in another encoding is one error, E007, and is not scanned: every accented letter would be an
 * error of its own, and a UTF-16 file is NUL bytes throughout. */
bool zi_wrong_encoding(const struct zi_source *source, size_t file, struct zi_diag *diag)
{
    uint32_t first = 0;
    enum zi_source_encoding encoding = zi_source_guess_encoding(source, file, &first);
    if (encoding == ZI_ENCODING_UTF16) {
        uint32_t begin = source->files[file].begin;
        struct zi_span start = {begin, begin + 2};
        struct zi_diagnostic *d =
            zi_diag_report(diag, ZI_SEV_ERROR, start, "E007",
                           "the file is saved as UTF-16 (\"Unicode\"), not UTF-8; save it as UTF-8");
        if (d) d->no_excerpt = true;
        return true;
    }
    if (encoding == ZI_ENCODING_CP1252) {
        char shown[4];
        zi_cp1252_char((unsigned char)source->text[first], shown);
        struct zi_span at = {first, first + 1};
        zi_diag_report(diag, ZI_SEV_ERROR, at, "E007",
                       "the file is saved as Windows-1252 (\"ANSI\"), not UTF-8 (byte 0x%02X here is "
                       "Windows-1252's '%.4s'); save the file as UTF-8",
                       (unsigned char)source->text[first], shown);
        return true;
    }
    return false;
}

/* The path of the base a file names, as the officer would type it from where zic runs: relative to the folder
 * of the file that says `extends` (absolute paths as they are). Allocated in the arena. */
static const char *base_path(struct zi_compilation *c, const char *from, const char *base)
{
    const char *slash = strrchr(from, '/');
    if (base[0] == '/' || !slash || strcmp(from, "-") == 0) return base;
    return zi_arena_printf(&c->arena, "%.*s%s", (int)(slash - from + 1), from, base);
}

/* E055 for a base that is already in the chain (the same file, however its path is written): names the whole
 * cycle. */
static bool in_chain(struct zi_compilation *c, const char *path, struct zi_span at)
{
    struct stat wanted, seen;
    if (stat(path, &wanted) != 0) return false; /* unreadable: zi_source_append says so */
    for (size_t k = 0; k < c->source.n_files; k++) {
        if (stat(c->source.files[k].name, &seen) != 0 || seen.st_dev != wanted.st_dev ||
            seen.st_ino != wanted.st_ino)
            continue;
        char *cycle = "";
        for (size_t j = k; j < c->source.n_files; j++)
            cycle = zi_arena_printf(&c->arena, "%s'%s' extends ", cycle, c->source.files[j].name);
        zi_diag_report(&c->diag, ZI_SEV_ERROR, at, "E055", "a cycle of 'extends': %s'%s' again", cycle,
                       c->source.files[k].name);
        return true;
    }
    return false;
}

/* Reads the base that the last file of the chain names and parses it. Returns its tree, or NULL with E055 (or
 * the base's own errors) reported. */
static struct zi_criteria *read_base(struct zi_compilation *c, const struct zi_criteria *derived)
{
    struct zi_span at = derived->extends.span;
    if (c->from_memory) {
        zi_diag_report(
            &c->diag, ZI_SEV_ERROR, at, "E055",
            "cannot read a base from memory: this criteria has no folder to find '%s' in; compile it "
            "from a file",
            derived->extends.text);
        return NULL;
    }
    const char *path = base_path(c, c->source.files[c->source.n_files - 1].name, derived->extends.text);
    if (in_chain(c, path, at)) return NULL;
    if (c->source.n_files == ZI_SOURCE_MAX_FILES) {
        zi_diag_report(&c->diag, ZI_SEV_ERROR, at, "E055",
                       "more than %d files in one chain of 'extends'; build a variant on a shorter chain",
                       ZI_SOURCE_MAX_FILES);
        return NULL;
    }
    char err[512];
    if (zi_source_append(&c->source, path, err, sizeof err) != 0) {
        zi_diag_report(&c->diag, ZI_SEV_ERROR, at, "E055", "cannot read the base rule set: %s", err);
        return NULL;
    }
    size_t file = c->source.n_files - 1;
    if (zi_wrong_encoding(&c->source, file, &c->diag)) return NULL;
    struct zi_criteria *base = zi_parse(&c->source, file, &c->arena, &c->diag);
    return zi_diag_has_errors(&c->diag) ? NULL : base;
}

static bool run(struct zi_compilation *c, const struct zi_frontend_options *options)
{
    zi_diag_init(&c->diag, &c->source, &c->arena);
    c->diag.werror = options->werror;
    c->diag.error_limit = options->error_limit;
    if (zi_wrong_encoding(&c->source, 0, &c->diag)) return false;
    c->criteria = zi_parse(&c->source, 0, &c->arena, &c->diag);
    if (zi_diag_has_errors(&c->diag)) return false;
    struct zi_criteria *chain[ZI_SOURCE_MAX_FILES] = {c->criteria};
    size_t n = 1;
    while (chain[n - 1]->extends.text) {
        struct zi_criteria *base = read_base(c, chain[n - 1]);
        if (!base) return false;
        chain[n++] = base;
    }
    zi_merge_refuse_edits(chain[n - 1], &c->diag);
    if (zi_diag_has_errors(&c->diag)) return false;
    for (size_t k = n - 1; k > 0; k--)
        chain[k - 1] = zi_merge(chain[k], chain[k - 1], &c->diag, &c->arena);
    c->criteria = chain[0];
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

static bool open_text(struct zi_compilation *c, const char *name, const char *text, size_t len,
                      bool has_folder, const struct zi_frontend_options *options)
{
    memset(c, 0, sizeof *c);
    zi_arena_init(&c->arena);
    c->from_memory = !has_folder;
    if (zi_source_from_memory(&c->source, name, text, len) != 0) {
        snprintf(c->io_error, sizeof c->io_error, "'%s' is too large for a criteria file", name);
        c->io_failed = true;
        return false;
    }
    return run(c, options);
}

bool zi_compilation_open_memory(struct zi_compilation *c, const char *name, const char *text, size_t len,
                                const struct zi_frontend_options *options)
{
    return open_text(c, name, text, len, false, options);
}

bool zi_compilation_open_text(struct zi_compilation *c, const char *path, const char *text, size_t len,
                              const struct zi_frontend_options *options)
{
    return open_text(c, path, text, len, true, options);
}

void zi_compilation_free(struct zi_compilation *c)
{
    zi_arena_free(&c->arena);
    zi_source_free(&c->source);
}
