/* diag_export.h — diagnostics for programs: `zic check --diagnostics-format=json|sarif` writes every
 * diagnostic of every file as one document on standard output, so editors and CI show them where they belong,
 * fix-its included. JSON is zic's own shape (docs/language.md §6); SARIF is version 2.1.0, the OASIS standard
 * that GitHub code scanning and editor extensions read. */
#ifndef ZI_DIAG_EXPORT_H
#define ZI_DIAG_EXPORT_H

#include <stdio.h>

#include "diag.h"
#include "diag_codes.h"

enum zi_diag_format { ZI_DIAG_TEXT, ZI_DIAG_JSON, ZI_DIAG_SARIF };

struct zi_diag_export {
    FILE *out; /* borrowed */
    enum zi_diag_format format;
    unsigned n_written;
    const char *tool_version; /* borrowed */
    /* SARIF: the rules the results use, in the order first used (indices into diag_codes.h's table), and
     * each code's place among them (ruleIndex), -1 while unused. */
    int rules[ZI_DIAG_N_CODES], rule_of[ZI_DIAG_N_CODES];
    unsigned n_rules;
};

/* Opens the document: `tool_version` names the compiler ("zic 0.4 (LLVM 14)"; borrowed until _end). */
void zi_diag_export_begin(struct zi_diag_export *x, FILE *out, enum zi_diag_format format,
                          const char *tool_version);

/* Adds every diagnostic of one file, sorted by position. */
void zi_diag_export_add(struct zi_diag_export *x, struct zi_diag *diag);

/* Closes the document; `errors` and `warnings` are the totals over every file. Returns 0, or -1 when writing
 * failed. */
int zi_diag_export_end(struct zi_diag_export *x, unsigned errors, unsigned warnings);

#endif
