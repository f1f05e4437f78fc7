/* frontend.h — one .zi file through the front end: read (with the chain of files it `extends`), parse, merge,
 * check. Every zic command starts here. */
#ifndef ZI_FRONTEND_H
#define ZI_FRONTEND_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "diag.h"

struct zi_frontend_options {
    bool werror;          /* warnings count as errors */
    unsigned error_limit; /* 0: no limit */
};

struct zi_compilation {
    struct zi_arena arena; /* owns the AST and the diagnostics */
    struct zi_source source;
    struct zi_diag diag;
    struct zi_criteria *criteria; /* NULL when the file could not be read or is not UTF-8 (E007) */
    bool io_failed;               /* the file could not be read: `io_error` says why */
    bool from_memory;             /* no folder to find a base in: `extends` is refused (E055) */
    char io_error[512];
};

/* Reads, parses and (when parsing succeeded) checks `path`. Always initialises `c`; release it with
 * zi_compilation_free. Returns true when the file is free of errors and may be lowered. */
bool zi_compilation_open(struct zi_compilation *c, const char *path,
                         const struct zi_frontend_options *options);

/* Same, from memory (tests and fuzzing). `name` is used in diagnostics. */
bool zi_compilation_open_memory(struct zi_compilation *c, const char *name, const char *text, size_t len,
                                const struct zi_frontend_options *options);

/* Same, from the text an editor holds for the file at `path` (the language server): `path` names it in
 * diagnostics, and the bases it `extends` are read from disk relative to its folder, as zi_compilation_open
 * reads them. */
bool zi_compilation_open_text(struct zi_compilation *c, const char *path, const char *text, size_t len,
                              const struct zi_frontend_options *options);

void zi_compilation_free(struct zi_compilation *c);

/* A file plainly saved in another encoding (UTF-16, Windows-1252) is one error, E007, reported to `diag`, and
 * is not to be scanned: returns true then. For the file `file` of `source`. */
bool zi_wrong_encoding(const struct zi_source *source, size_t file, struct zi_diag *diag);

#endif
