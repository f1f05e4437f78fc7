/* testcase.h — the cases of a tests file (grammar/testfile.h) made into units of the criteria under test, and
 * each unit's result checked against what its case expects (docs/tools.md, "zic test").
 *
 * A case becomes one row of a wide CSV held in memory: every input's cell as a person would type it (a label,
 * a number), so the runtime reads, checks and scores the cases exactly as it reads a worksheet. Nothing here
 * scores a unit except the search for the best and worst answers of `all best` / `all worst` (which runs the
 * reference interpreter over a few candidate answers of each item). */
#ifndef ZI_TESTCASE_H
#define ZI_TESTCASE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "testfile.h"
#include "zi/results.h"

/* One line of a case that says what the unit must produce, resolved against the criteria. */
struct zi_test_expect {
    const struct zi_test_line *line;
    int32_t verdict;      /* VERDICT: its index; FAILS/PASSES: the verdict named, or -1 for any */
    int32_t proposable;   /* PROPOSABLE: enum zi_proposable */
    int32_t output;       /* SCORE: the output compared */
    uint32_t *conditions; /* FAILS/PASSES: the conditions of that text or name */
    uint32_t n_conditions;
};

struct zi_test_unit {
    const struct zi_test_case *c;
    const char **cells;             /* the cell of each input (m->n_inputs); NULL when left blank */
    struct zi_test_expect *expects; /* the expectations that resolved */
    uint32_t n_expects;
    uint32_t n_unresolved; /* expectation lines that did not (diagnosed): the case fails all the same */
    bool ok;               /* the unit it describes resolved: it is scored */
};

struct zi_test_plan {
    const struct zi_model *model;
    const struct zi_module *m;  /* the model's descriptor: the same inputs, outputs and conditions as the
                                 * loaded module that scores the plan */
    struct zi_test_unit *units; /* one per case, in file order */
    size_t n;
};

/* Resolves every case of `file` against `model`: the unit it describes and what it expects. `scorer` is the
 * model's loaded module, used to read the data files of `row N of "FILE"` (relative to `dir`, the tests
 * file's folder). Problems are located diagnostics in `diag` (codes E080–E085, docs/language.md); a case
 * whose unit does not resolve is not scored (its `ok` is false); an expectation that does not resolve is left
 * out and counted in `n_unresolved`, the others still checked. Everything is allocated in `arena`. */
void zi_test_plan_make(struct zi_test_plan *plan, const struct zi_test_file *file,
                       const struct zi_model *model, const struct zi_module *scorer, const char *dir,
                       struct zi_arena *arena, struct zi_diag *diag);

/* Writes the plan's scored units as a wide CSV (a unit column "case", a column per input key), unit k of the
 * plan named "k" (1-based). Returns 0, or -1 when writing failed. */
int zi_test_plan_csv(const struct zi_test_plan *plan, FILE *out);

/* What a case did not produce: one message per expectation missed, and the lines that explain it. */
struct zi_test_failure {
    const struct zi_test_line *line;
    const char *message; /* "expected verdict WBK, got BELUM" */
    const char *detail;  /* explanation lines, each "\n"-terminated ("WBK: total >= 75 fails: 74.99 < 75\n"),
                          * "" when none */
    struct zi_test_failure *next;
};

/* Checks the result `r` of unit `u` against its expectations. Returns the failures (NULL when the case
 * passed), allocated in `arena`. */
struct zi_test_failure *zi_test_check(const struct zi_test_plan *plan, size_t u,
                                      const struct zi_unit_result *r, struct zi_arena *arena);

/* Counts, for each condition, the scored cases on which it held and those on which it failed (`holds` and
 * `fails`, m->n_conditions each, zeroed by the caller). A unit with errors counts for nothing, nor does a
 * condition that could not be decided. */
void zi_test_cover(const struct zi_test_plan *plan, const struct zi_unit_result *r, uint32_t *holds,
                   uint32_t *fails);

/* "yes", "no", "relaxed", "unknown" or "na": how a tests file writes an enum zi_proposable. */
const char *zi_test_proposable_word(int32_t proposable);

#endif
