/* diff_impact.h — `zic diff --data UNITS`: the same units scored under both rule sets, side by side.
 *
 * Both modules read the same file (so units are matched by row) and score every unit (zi_run_collect, which
 * keeps each unit's scores and condition bits in memory: about 8 × (inputs + outputs + 2 × conditions) bytes
 * a unit and side, some 10 KB for the LKE — thousands of units, not millions). The report names every unit
 * whose predicate or proposability changes and the condition that made the difference, counts each
 * transition, and shows how the scores moved. */
#ifndef ZI_DIFF_IMPACT_H
#define ZI_DIFF_IMPACT_H

#include <stdbool.h>
#include <stdio.h>

#include "model_diff.h"
#include "zi/results.h"
#include "zi/runtime.h"

/* How one side read the data. */
struct zi_impact_side {
    const struct zi_module *m; /* borrowed: the loaded module */
    const char *name;          /* its criteria file, for messages */
    struct zi_results results;
    bool allowed_missing; /* read with --allow-missing-columns although the user did not ask for it */
    int status;           /* enum zi_run_status of its reading */
};

struct zi_impact {
    const char *data;              /* the data file as named on the command line */
    struct zi_impact_side side[2]; /* old, new */
};

/* Scores `data` with both modules (old, new: loaded, borrowed). A side whose reading fails only because the
 * file lacks columns it needs (the other rule set's file) is read again with --allow-missing-columns, which
 * the report says; its messages go to `diag` under a line naming the side. Returns 0, or 2 after a message on
 * `diag` when a side cannot read the file at all. Release with zi_impact_free whatever it returns. */
int zi_impact_collect(struct zi_impact *im, const struct zi_module *old_m, const char *old_name,
                      const struct zi_module *new_m, const char *new_name, const char *data,
                      const struct zi_run_options *opt, FILE *diag);

/* The report for people, and the value of "impact" in the JSON document. `diff` marks conditions that were
 * added or changed. Return 0, or -1 when writing failed. */
int zi_impact_write_text(const struct zi_impact *im, const struct zi_diff *diff, FILE *out);
int zi_impact_write_json(const struct zi_impact *im, const struct zi_diff *diff, FILE *out);

void zi_impact_free(struct zi_impact *im);

#endif
