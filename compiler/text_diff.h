/* text_diff.h — a unified diff of two texts, line by line (`zic fmt --diff`). */
#ifndef ZI_TEXT_DIFF_H
#define ZI_TEXT_DIFF_H

#include <stddef.h>
#include <stdio.h>

/* Writes to `out` the unified diff (three lines of context, `diff -u` and `git apply` read it) that turns
 * `old` into `new`, headed `--- OLD_NAME` and `+++ NEW_NAME`; nothing when the texts are equal. A line is
 * compared with its line end, so a missing last line end or a '\r' is a difference. Returns 0, or -1 when
 * out of memory (nothing is written then). */
int zi_text_diff(FILE *out, const char *old_name, const char *old, size_t old_len, const char *new_name,
                 const char *new, size_t new_len);

#endif
