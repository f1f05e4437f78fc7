/* gap.h — what to fix first (--gap WBK|WBBM|next, docs/runtime.md "What to fix first"): for each unit below
 * a target verdict, the smallest set of answer changes that makes the module give it, found by a search
 * over the module's own scores and verified by re-scoring the changed answers through score_batch.
 *
 * What may change: a unit's answers (role ZI_ROLE_ANSWER), never its facts. A scale answer is a worksheet
 * answer the unit changes itself; any other answer (a number, percent or count: survey indices, performance
 * figures) is "needed but outside the worksheet" — listed apart, with the value it must reach. Only numbers
 * that are the single input of their item and have a finite range are searched (an item computed from
 * several figures, such as a ratio of counts, is left as it is). The target verdict's prerequisites that the
 * unit does not meet (facts) are named too: they block proposability, and no answer changes them.
 *
 * Nothing here knows any regulation: verdicts, conditions, labels and ranges all come from the descriptor.
 */
#ifndef ZI_GAP_H
#define ZI_GAP_H

#include "zirt.h"

/* What --gap asked for (zi_run_options.gap): a verdict id of the module, or "next". */
#define ZI_GAP_NEXT_WORD "next"

enum zi_gap_status {
    ZI_GAP_NA = 0,      /* no gap: the unit has errors, or its target is the `otherwise` verdict */
    ZI_GAP_REACHED,     /* the unit already has the target verdict (or a better one): nothing to change */
    ZI_GAP_MINIMAL,     /* changes found, and no smaller set exists: exact search, completed */
    ZI_GAP_HEURISTIC,   /* changes found and verified, but the search was cut (budget): an upper bound */
    ZI_GAP_UNREACHABLE, /* no change of the answers the search may make reaches the target */
};

struct zi_gap_change {
    uint32_t input;  /* index in m->inputs */
    uint8_t outside; /* 1: not a worksheet answer (a number): "needed but outside the worksheet" */
    /* As the batch stores them: for a scale, the label number (1-based; 0 = not answered); for a number,
     * the value (NaN = not answered). */
    double from, to;
    double points; /* what the change alone adds to the total (re-scored), in points */
};

struct zi_gap_result {
    enum zi_gap_status status;
    int32_t target; /* verdict index aimed at, or -1 (status NA) */
    uint32_t n_changes;
    const struct zi_gap_change *changes; /* worksheet answers first, then outside; owned by the zi_gap */
    uint32_t n_prerequisites;
    const uint32_t *prerequisites;    /* condition indices of the target's unmet or unknown prerequisites */
    double total_before, total_after; /* the total as scored, and with every change (re-scored) */
    uint64_t nodes;                   /* search nodes spent (for the benchmark) */
};

struct zi_gap; /* per run: the module, the target, the candidate buffers, the results of one batch */

/* Whether `want` names a verdict of m or "next" (ignoring ASCII case); the verdict's index, ZI_GAP_NEXT
 * (-2) for "next", or -1 when it names none (or names the `otherwise` verdict, which is no target). */
#define ZI_GAP_TARGET_NEXT (-2)
ZI_HIDDEN int32_t zi_gap_parse_target(const struct zi_module *m, const char *want);

/* A new search for target `target` (a verdict index or ZI_GAP_TARGET_NEXT) on module m, which must outlive
 * it, re-scoring with `score` (m's score loop for this CPU). NULL when out of memory. Released with
 * zi_gap_free. */
ZI_HIDDEN struct zi_gap *zi_gap_new(const struct zi_module *m, zi_score_batch_fn score, int32_t target);
ZI_HIDDEN void zi_gap_free(struct zi_gap *g);

/* Searches the gap of every unit of the scored batch b (after zi_score_batch); the results stay valid until
 * the next call. -1 when out of memory (the results are then all ZI_GAP_NA). */
ZI_HIDDEN int zi_gap_batch(struct zi_gap *g, const struct zi_batch *b);

/* Unit u's result of the last zi_gap_batch. */
ZI_HIDDEN const struct zi_gap_result *zi_gap_get(const struct zi_gap *g, uint32_t u);

/* For reports read by programs (CSV, JSON): "minimal", "heuristic", "reached", "unreachable", or "" for NA
 * (static text). */
ZI_HIDDEN const char *zi_gap_status_code(enum zi_gap_status s);

/* The changes as one line of text for a CSV cell, in English with a decimal point and shortest numbers:
 * "A.I.1.i.a: B -> A (+0.375); B.I.a: 3.59 -> 3.6 (+0.04375, outside); prerequisite: NAME" (points with
 * at most six decimals, "not answered" for a missing answer); "unreachable"
 * when no change reaches the target; nothing for NA and REACHED. Appended to o. */
ZI_HIDDEN void zi_gap_text(struct zi_buf *o, const struct zi_module *m, const struct zi_gap_result *r);

/* For people, in c->lang: "minimal" / "batas atas" (heuristic), … (static text). */
ZI_HIDDEN const char *zi_gap_status_word(enum zi_gap_status s, enum zi_lang lang);

/* A change's answers as reports print them: a label's text, a number with `point`, or the words for "not
 * answered" in `lang`; appended to o. */
ZI_HIDDEN void zi_gap_value(struct zi_buf *o, const struct zi_module *m, const struct zi_gap_change *ch,
                            double v, char point, enum zi_lang lang);

/* The unit's gap as lines for people (the table report, the HTML report, the "Perbaikan" sheet), each ending
 * in '\n' and starting with `indent`, in `lang` with `point` as the decimal separator:
 *   "menuju WBK (minimal): 2 perubahan, total 73,10 → 75,35"
 *   "  A.I.1.i.a: B → A, +0,50 poin"
 *   "  di luar lembar kerja: B.II.a harus naik dari 3,41 menjadi 3,60, +1,66 poin"
 *   "  syarat pengusulan belum terpenuhi: NAME"
 * Nothing for status NA or REACHED. */
ZI_HIDDEN void zi_gap_lines(struct zi_buf *o, const struct zi_module *m, const struct zi_gap_result *r,
                            char point, enum zi_lang lang, const char *indent);

#endif /* ZI_GAP_H */
