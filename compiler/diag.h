/* diag.h — the one diagnostics engine. Diagnostics are data ({code, severity, span, message, notes}) kept in
 * the compilation's arena; tests assert on codes and positions, the driver prints them the way compilers do:
 *
 *   file.zi:12:7: error: message [E025]
 *      12 |       group x weight 4 {
 *         |       ^~~~~
 *   file.zi:8:3: note: 'pemenuhan' is defined here
 */
#ifndef ZI_DIAG_H
#define ZI_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "source.h"

enum zi_severity { ZI_SEV_NOTE, ZI_SEV_WARNING, ZI_SEV_ERROR };

struct zi_diag_note {
    struct zi_diag_note *next;
    struct zi_span span;
    bool has_span; /* a note without a place prints as "note: …" */
    const char *message;
};

/* A fix-it: replace the text of `span` with `text` (an empty span inserts, an empty text deletes). Editors
 * apply it as a text edit (--diagnostics-format=json|sarif); the terminal shows it under the caret. */
struct zi_diag_fixit {
    struct zi_diag_fixit *next;
    struct zi_span span;
    const char *text;
};

struct zi_diagnostic {
    struct zi_diagnostic *next;
    const char *code; /* "E025", "W101" */
    enum zi_severity severity;
    bool promoted; /* a warning turned into an error by -Werror */
    /* The terminal shows no source line: the file is not text it can echo (UTF-16, all NUL bytes and a
     * byte-order mark). Machine formats still give the place. */
    bool no_excerpt;
    struct zi_span span;
    const char *message;
    struct zi_diag_note *notes, *last_note;
    struct zi_diag_fixit *fixits, *last_fixit;
    unsigned order; /* emission order, to keep sorting stable */
};

struct zi_diag {
    const struct zi_source *source; /* borrowed */
    struct zi_arena *arena;         /* borrowed; holds every diagnostic */
    struct zi_diagnostic *first, *last;
    unsigned n_errors, n_warnings, n_dropped;
    unsigned error_limit; /* errors kept before the rest are dropped; 0 = no limit */
    bool werror;
};

/* The default cap on errors per file: enough to fix a file in one pass, few enough to read. */
#define ZI_DIAG_ERROR_LIMIT 50

void zi_diag_init(struct zi_diag *diag, const struct zi_source *source, struct zi_arena *arena);

/* Records a diagnostic. Returns it (to attach notes to), or NULL when it was dropped past the error limit
 * (zi_diag_add_note accepts NULL and does nothing). `code` must be a string literal. */
struct zi_diagnostic *zi_diag_report(struct zi_diag *diag, enum zi_severity severity, struct zi_span span,
                                     const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Attaches a note pointing at `span` to `diagnostic`. */
void zi_diag_add_note(struct zi_diag *diag, struct zi_diagnostic *diagnostic, struct zi_span span,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Attaches a note with no place (a hint). */
void zi_diag_add_hint(struct zi_diag *diag, struct zi_diagnostic *diagnostic, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Attaches a fix-it to `diagnostic` (NULL: does nothing): replace `span` with `text`, copied into the arena.
 */
void zi_diag_add_fixit(struct zi_diag *diag, struct zi_diagnostic *diagnostic, struct zi_span span,
                       const char *text);

/* Withdraws the errors with `code` whose span begins at or after `from`: follow-on errors that a later,
 * better diagnosis explains (the parser's "unexpected end of file" after a '}' found missing by indentation).
 */
void zi_diag_retract(struct zi_diag *diag, const char *code, uint32_t from);

/* True when the file had an error (including promoted warnings). */
bool zi_diag_has_errors(const struct zi_diag *diag);

/* The diagnostics sorted by position (stable), as an arena array; `*n` gets their number. */
struct zi_diagnostic **zi_diag_sorted(struct zi_diag *diag, size_t *n);

/* Prints every diagnostic sorted by position (stable), with source lines and carets; colour only when
 * `colour`. Does not print the summary line. */
void zi_diag_print(struct zi_diag *diag, FILE *out, bool colour);

/* "2 errors, 1 warning generated." for the counts given; nothing when both are 0. */
void zi_diag_print_summary(FILE *out, unsigned errors, unsigned warnings);

#endif
