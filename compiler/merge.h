/* merge.h — a criteria that `extends` another, applied to its base: one tree for the checks. */
#ifndef ZI_MERGE_H
#define ZI_MERGE_H

#include "ast.h"
#include "diag.h"

/* Applies `derived` (a file that says `extends`) to `base` (its base's tree, itself merged when the base
 * extends another) in place: the derived header's entries override the base's and its id and title are the
 * criteria's; its new declarations are appended (new verdicts before the `otherwise`, which a derived
 * `otherwise` replaces); then its edits apply in source order. An edit naming what the base does not have is
 * E054, a condition the verdict does not have E056, both reported to `diag` (the edit is skipped). Both trees
 * live in `arena`, which also holds the diagnostics' text. Returns `base`, now the merged tree. */
struct zi_criteria *zi_merge(struct zi_criteria *base, struct zi_criteria *derived, struct zi_diag *diag,
                             struct zi_arena *arena);

/* Reports E057 at every edit of `criteria`, a file that extends nothing: there is no base to edit. */
void zi_merge_refuse_edits(const struct zi_criteria *criteria, struct zi_diag *diag);

#endif
