/* diag_codes.h — the codes diagnostics carry ("E025"), each with its severity and what it means in a few
 * words, as docs/language.md §6 lists them. */
#ifndef ZI_DIAG_CODES_H
#define ZI_DIAG_CODES_H

#include <stddef.h>

#include "diag.h"

struct zi_diag_code {
    const char *code;          /* "E025" */
    enum zi_severity severity; /* as reported without -Werror */
    const char *meaning;       /* the docs' words, Markdown (`code` in backticks) */
};

enum { ZI_DIAG_N_CODES = 69 };

/* The code at `index` (0 to ZI_DIAG_N_CODES - 1) of the table, in the docs' order; NULL past its end. Static
 * storage, never freed. */
const struct zi_diag_code *zi_diag_code_at(size_t index);

/* The index of `code` in the table, or -1 for a code that is not in it. */
int zi_diag_code_index(const char *code);

#endif
