/* results.h — every unit of a data file scored and kept in memory, for the tools that look at units together
 * rather than stream them to a report: `zic test` (cases), `zic diff --data` (two rule sets over the same
 * units), `zirun compare` (tiers) and `zirun progress` (periods).
 *
 * zi_run streams: memory is a batch whatever the file's size. zi_run_collect keeps each unit's scores,
 * answers and condition bits — about 8 × (inputs + outputs + 2 × conditions) bytes a unit, some 10 KB for the
 * LKE — so it is for thousands of units, not millions. */
#ifndef ZI_RESULTS_H
#define ZI_RESULTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zi/module.h"
#include "zi/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* May a unit be proposed for the verdict it reached (docs/runtime.md, "Proposability")? */
enum zi_proposable {
    ZI_PROPOSE_NA = 0,  /* the `otherwise` verdict, or no verdict (a unit with errors) */
    ZI_PROPOSE_YES,     /* no prerequisites, or all met */
    ZI_PROPOSE_RELAXED, /* not all met, but every condition of the relaxation is */
    ZI_PROPOSE_NO,      /* one unmet, and no relaxation or one of its conditions unmet */
    ZI_PROPOSE_UNKNOWN, /* neither can be said without a missing fact */
};

struct zi_unit_result {
    const char *id;  /* as read (NUL-terminated; may be empty when the row had none) */
    uint64_t row;    /* where the unit starts: CSV row or JSON line, 1-based, as in error locations */
    int32_t verdict; /* index in m->verdicts, or ZI_VERDICT_NONE: no verdict (the unit has errors) */
    /* enum zi_proposable for its verdict: ZI_PROPOSE_YES for a verdict without prerequisites, ZI_PROPOSE_NA
     * for the `otherwise` verdict and for no verdict */
    int32_t proposable;
    uint32_t n_errors;
    const char
        *errors; /* the unit's located errors as the reports write them, one a line ('\n'), "" if none */
    const double *outputs; /* m->n_outputs scores, as the module computed them */
    const double *answers; /* m->n_inputs: the number, or the 1-based label; NAN when missing */
    const uint64_t *failed,
        *unknown;            /* m->n_failed_words words each: condition c is bit c % 64 of word c / 64 */
    const double *lhs, *rhs; /* m->n_conditions each: the operands each condition compared */
};

struct zi_results {
    const struct zi_module *m;
    size_t n;                     /* every unit of the input, in input order, errors included */
    struct zi_unit_result *units; /* n of them */
    struct zi_run_stats stats;    /* as zi_run counts them */
    void *store;                  /* the memory behind the units; private */
};

/* Reads and scores every unit of `in` as zi_run does (same options, same checks, same messages on `diag`),
 * and keeps them in `out` instead of writing a report; opt->report_format and opt->explain are ignored (the
 * operands are always kept). Always initialises `out`: release it with zi_results_free, whatever the result.
 * Returns an enum zi_run_status (ZI_RUN_FAILED: the module was refused, the input could not be read to its
 * end, or memory ran out — `out` then holds the units read before). */
int zi_run_collect(const struct zi_module *m, FILE *in, const char *in_name, FILE *diag,
                   const struct zi_run_options *opt, struct zi_results *out);

/* Frees what zi_run_collect kept; `r` may be zeroed or already freed (it is left zeroed). */
void zi_results_free(struct zi_results *r);

/* Whether condition c failed (1) or could not be decided (2) for the unit, or passed (0). */
static inline int zi_unit_condition(const struct zi_unit_result *u, uint32_t c)
{
    if ((u->unknown[c / 64] >> (c % 64)) & 1u) return 2;
    return (int)((u->failed[c / 64] >> (c % 64)) & 1u);
}

#ifdef __cplusplus
}
#endif

#endif /* ZI_RESULTS_H */
