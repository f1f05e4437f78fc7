/* format.h — the canonical layout of a .zi file (`zic fmt`, and the language server's format-on-save).
 *
 * The formatter lays out the file's own tokens and comments (the scanner logs them), so every string, name
 * and comment is kept byte for byte and the file always parses to the same criteria. The rules, and why, are
 * in docs/tools.md ("zic fmt"). */
#ifndef ZI_FORMAT_H
#define ZI_FORMAT_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

/* Formats `text` (a whole .zi file named `name`). Returns 0 and a malloc'd canonical text in *out
 * (length *out_len; the caller frees it), 1 when the text does not parse (nothing formatted: a
 * formatter never guesses), -1 out of memory. Pure: no I/O. */
int zi_format_text(const char *name, const char *text, size_t len, char **out, size_t *out_len);

/* The same over the first file of `source`, with its lexical and syntax errors reported to `diag` (whose
 * arena is `arena`), for a caller that shows them (zic fmt). Returns as zi_format_text. */
int zi_format_source(const struct zi_source *source, struct zi_diag *diag, struct zi_arena *arena, char **out,
                     size_t *out_len);

#endif
