/* diff_impact.c — `zic diff --data UNITS` (diff_impact.h): both rule sets score the same file, and the units
 * are compared row by row.
 *
 * Why a unit changed is read off the condition bits both modules keep: a unit that lost its verdict fails
 * one of that verdict's conditions under the new rules (those are listed, with their operands, and marked
 * when the diff added or changed them); a unit that gained one had failed it under the old rules (listed the
 * same way, with what became of each); a unit whose proposability changed has prerequisites unmet or
 * unknown on one side. */
#include "diff_impact.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"

enum { OLD = 0, NEW = 1 };
static const char *const side_names[2] = {"old", "new"};

/* ---- reading ------------------------------------------------------------------------------------------- */

/* One reading of `data` by side `s` into `out`, its messages into a buffer (*msgs, malloc'd). Returns an enum
 * zi_run_status; ZI_RUN_FAILED with *msgs NULL and errno set when the file cannot be opened. */
static int read_once(const struct zi_impact_side *s, const char *data, const struct zi_run_options *opt,
                     struct zi_results *out, char **msgs, size_t *len)
{
    *msgs = NULL;
    *len = 0;
    memset(out, 0, sizeof *out);
    FILE *in = fopen(data, "rb");
    if (!in) return ZI_RUN_FAILED;
    FILE *mem = open_memstream(msgs, len);
    if (!mem) {
        fclose(in);
        return ZI_RUN_FAILED;
    }
    int status = zi_run_collect(s->m, in, data, mem, opt, out);
    fclose(mem);
    fclose(in);
    return status;
}

static int read_side(struct zi_impact_side *s, int which, const char *data, const struct zi_run_options *opt,
                     FILE *diag)
{
    char *msgs;
    size_t len;
    s->status = read_once(s, data, opt, &s->results, &msgs, &len);
    if (!msgs) {
        fprintf(diag, "zic: error: cannot open '%s': %s\n", data, strerror(errno));
        return 2;
    }
    /* A file written for the other rule set lacks columns this one needs (2024's facts in a 2021 file): read
     * it again with the missing inputs unanswered rather than give up; the report says so. A file this side
     * cannot read even so is trouble, and the first reading's messages say why. */
    if (s->status == ZI_RUN_FAILED && !opt->allow_missing_columns) {
        struct zi_run_options relaxed = *opt;
        relaxed.allow_missing_columns = 1;
        struct zi_results again;
        char *msgs2;
        size_t len2;
        int status = read_once(s, data, &relaxed, &again, &msgs2, &len2);
        if (status != ZI_RUN_FAILED && msgs2) {
            zi_results_free(&s->results);
            s->results = again;
            s->status = status;
            s->allowed_missing = true;
            free(msgs);
            msgs = msgs2;
            len = len2;
        } else {
            zi_results_free(&again);
            free(msgs2);
        }
    }
    if (len) {
        fprintf(diag, "zic: diff: the %s rules (%s) reading %s%s:\n", side_names[which], s->name, data,
                s->allowed_missing ? " with --allow-missing-columns" : "");
        fwrite(msgs, 1, len, diag);
    }
    free(msgs);
    return s->status == ZI_RUN_FAILED ? 2 : 0;
}

int zi_impact_collect(struct zi_impact *im, const struct zi_module *old_m, const char *old_name,
                      const struct zi_module *new_m, const char *new_name, const char *data,
                      const struct zi_run_options *opt, FILE *diag)
{
    memset(im, 0, sizeof *im);
    im->data = data;
    im->side[OLD].m = old_m;
    im->side[OLD].name = old_name;
    im->side[NEW].m = new_m;
    im->side[NEW].name = new_name;
    if (read_side(&im->side[OLD], OLD, data, opt, diag) != 0) return 2;
    return read_side(&im->side[NEW], NEW, data, opt, diag);
}

void zi_impact_free(struct zi_impact *im)
{
    for (int k = 0; k < 2; k++)
        zi_results_free(&im->side[k].results);
}

/* ---- analysis ------------------------------------------------------------------------------------------ */

/* A condition that explains a change: condition `c` of side `side`, with what the unit got for it. */
struct reason {
    int side;
    uint32_t c;
    int result;       /* zi_unit_condition: 1 failed, 2 unknown; 0 met (a relaxation that applied) */
    const char *note; /* from the rules' diff: "added", "was: …", "now: …", "removed"; or NULL */
};

struct unit_change {
    const struct zi_unit_result *u[2];
    char label[2][160];
    struct reason *reasons;
    size_t n_reasons;
};

struct transition {
    const char *from, *to; /* point into a unit_change's labels */
    size_t units;
};

struct stat_row {
    const char *path;
    int out[2]; /* output index on each side */
    size_t units, changed;
    double min, median, max;
};

enum { HISTOGRAM_BINS = 5 };

struct analysis {
    struct zi_arena arena; /* everything below */
    const struct zi_impact *im;
    const struct zi_diff *diff;
    struct unit_change *changes;
    size_t n_changes, unchanged, both_errors;
    struct transition *transitions;
    size_t n_transitions;
    const struct zi_unit_result **one_side_errors[2]; /* units with errors under one side only */
    size_t n_one_side_errors[2];
    const struct zi_unit_result **alone[2]; /* units one side read and the other did not */
    size_t n_alone[2];
    struct stat_row *stats;
    size_t n_stats;
    double *total_deltas; /* sorted */
    size_t n_total_deltas;
    /* The totals' changes in HISTOGRAM_BINS bins of equal width from the least to the most (when they
     * differ). */
    size_t bins[HISTOGRAM_BINS];
    double bin_lo, bin_width;
    bool has_histogram;
};

static void *alloc(struct analysis *an, size_t n, size_t size)
{
    return zi_arena_alloc(&an->arena, (n ? n : 1) * size);
}

static const char *const proposable_words[] = {[ZI_PROPOSE_NA] = "",
                                               [ZI_PROPOSE_YES] = "",
                                               [ZI_PROPOSE_RELAXED] = " (proposable by relaxation)",
                                               [ZI_PROPOSE_NO] = " (not proposable)",
                                               [ZI_PROPOSE_UNKNOWN] = " (proposability unknown)"};

static void state_label(const struct zi_module *m, const struct zi_unit_result *u, char *buf, size_t size)
{
    if (u->verdict == ZI_VERDICT_NONE || u->verdict < 0 || (uint32_t)u->verdict >= m->n_verdicts) {
        snprintf(buf, size, "data errors");
        return;
    }
    int p = u->proposable >= 0 && u->proposable <= ZI_PROPOSE_UNKNOWN ? u->proposable : ZI_PROPOSE_NA;
    snprintf(buf, size, "%s%s", m->verdicts[u->verdict].id, proposable_words[p]);
}

static int verdict_index(const struct zi_module *m, const char *id)
{
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (strcmp(m->verdicts[v].id, id) == 0) return (int)v;
    return -1;
}

/* What the rules' diff says about condition c of `side`. */
static const char *note_of(const struct zi_diff *d, int side, uint32_t c)
{
    for (size_t k = 0; k < d->n; k++) {
        const struct zi_diff_change *ch = &d->changes[k];
        int32_t mine = side == NEW ? ch->new_condition : ch->old_condition;
        if (mine != (int32_t)c) continue;
        if (ch->kind == ZI_DIFF_ADDED) return "added";
        if (ch->kind == ZI_DIFF_REMOVED) return "removed since";
        return side == NEW ? ch->old_text : ch->new_text;
    }
    return NULL;
}

static void add_reason(struct unit_change *uc, int side, uint32_t c, int result, const struct zi_diff *d)
{
    uc->reasons[uc->n_reasons++] = (struct reason){side, c, result, note_of(d, side, c)};
}

/* The conditions in [first, first + n) of side `side` that the unit did not meet. */
static void unmet(struct unit_change *uc, const struct zi_diff *d, int side, uint32_t first, uint32_t n)
{
    for (uint32_t c = first; c < first + n; c++) {
        int r = zi_unit_condition(uc->u[side], c);
        if (r) add_reason(uc, side, c, r, d);
    }
}

/* Whether the other side has the reason's condition too (same verdict, role and text) with the same result
 * for the unit. */
static bool alike_on_both(const struct unit_change *uc, const struct zi_module *const m[2],
                          const struct reason *r)
{
    if (r->note) return false; /* the diff changed it */
    int other = !r->side;
    const struct zi_condition_desc *x = &m[r->side]->conditions[r->c];
    for (uint32_t c = 0; c < m[other]->n_conditions; c++) {
        const struct zi_condition_desc *y = &m[other]->conditions[c];
        if (y->role == x->role && y->verdict >= 0 &&
            strcmp(m[other]->verdicts[y->verdict].id, m[r->side]->verdicts[x->verdict].id) == 0 &&
            strcmp(y->text, x->text) == 0)
            return zi_unit_condition(uc->u[other], c) == r->result;
    }
    return false;
}

/* Why the unit's state changed (the module comment above). */
static void explain(struct analysis *an, struct unit_change *uc)
{
    const struct zi_impact *im = an->im;
    const struct zi_diff *d = an->diff;
    const struct zi_module *m[2] = {im->side[OLD].m, im->side[NEW].m};
    uc->reasons = alloc(an, (size_t)m[OLD]->n_conditions + m[NEW]->n_conditions, sizeof *uc->reasons);
    const struct zi_unit_result *a = uc->u[OLD], *b = uc->u[NEW];
    if (a->verdict < 0 || b->verdict < 0) return; /* data errors: the errors are the reason */
    const char *vo = m[OLD]->verdicts[a->verdict].id, *vn = m[NEW]->verdicts[b->verdict].id;
    if (strcmp(vo, vn) != 0) {
        int lost = verdict_index(m[NEW], vo), gained = verdict_index(m[OLD], vn);
        /* Tried before the new verdict under the new rules: one of its conditions now fails. */
        if (lost >= 0 && lost < b->verdict)
            unmet(uc, d, NEW, m[NEW]->verdicts[lost].first_condition, m[NEW]->verdicts[lost].n_conditions);
        /* Tried before the old verdict under the old rules: one of its conditions failed then. */
        if (gained >= 0 && gained < a->verdict)
            unmet(uc, d, OLD, m[OLD]->verdicts[gained].first_condition,
                  m[OLD]->verdicts[gained].n_conditions);
        return;
    }
    /* The same verdict, another proposability: each side's unmet (or unknown) prerequisites, and the
     * relaxation that made a unit proposable all the same; a line both sides wrote alike and judged alike
     * explains nothing and is left out (unless nothing else is left). */
    for (int s = 0; s < 2; s++) {
        const struct zi_verdict_desc *v = &m[s]->verdicts[uc->u[s]->verdict];
        for (uint32_t c = v->first_prerequisite; c < v->first_prerequisite + v->n_prerequisites; c++) {
            int r = zi_unit_condition(uc->u[s], c);
            bool relaxed = m[s]->conditions[c].role == ZI_CONDITION_RELAXATION &&
                           uc->u[s]->proposable == ZI_PROPOSE_RELAXED;
            if (r || relaxed) add_reason(uc, s, c, r, d);
        }
    }
    size_t kept = 0;
    for (size_t k = 0; k < uc->n_reasons; k++)
        if (!alike_on_both(uc, m, &uc->reasons[k])) uc->reasons[kept++] = uc->reasons[k];
    if (kept) uc->n_reasons = kept;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static int find_path(const struct zi_module *m, int32_t kind, const char *path)
{
    for (uint32_t o = 0; o < m->n_outputs; o++)
        if (m->outputs[o].kind == kind && strcmp(m->outputs[o].path, path) == 0) return (int)o;
    return -1;
}

/* The score rows: total, the groups of the first two levels and the views' members, where both sides have
 * them; each with its changes' minimum, median and maximum over the units both sides scored. */
static void score_stats(struct analysis *an, const struct zi_unit_result **pairs, size_t n_pairs)
{
    const struct zi_module *a = an->im->side[OLD].m, *b = an->im->side[NEW].m;
    an->stats = alloc(an, a->n_outputs, sizeof *an->stats);
    double *deltas = alloc(an, n_pairs, sizeof *deltas);
    for (uint32_t o = 0; o < a->n_outputs; o++) {
        const struct zi_output_desc *x = &a->outputs[o];
        bool wanted = x->kind == ZI_OUTPUT_TOTAL || x->kind == ZI_OUTPUT_VIEW ||
                      (x->kind == ZI_OUTPUT_GROUP && x->depth <= 1);
        int p = wanted ? find_path(b, x->kind, x->path) : -1;
        if (p < 0) continue;
        struct stat_row *row = &an->stats[an->n_stats++];
        row->path = x->path;
        row->out[OLD] = (int)o;
        row->out[NEW] = p;
        for (size_t k = 0; k < n_pairs; k++) {
            deltas[k] = pairs[2 * k + NEW]->outputs[p] - pairs[2 * k + OLD]->outputs[o];
            if (fabs(deltas[k]) < 1e-9) deltas[k] = 0;
            row->changed += deltas[k] != 0;
        }
        row->units = n_pairs;
        qsort(deltas, n_pairs, sizeof *deltas, by_value);
        if (n_pairs) {
            row->min = deltas[0];
            row->max = deltas[n_pairs - 1];
            row->median =
                n_pairs % 2 ? deltas[n_pairs / 2] : (deltas[n_pairs / 2 - 1] + deltas[n_pairs / 2]) / 2;
        }
        if (x->kind == ZI_OUTPUT_TOTAL) {
            an->total_deltas = alloc(an, n_pairs, sizeof *an->total_deltas);
            memcpy(an->total_deltas, deltas, n_pairs * sizeof *deltas);
            an->n_total_deltas = n_pairs;
        }
    }
}

static void count_transition(struct analysis *an, const char *from, const char *to)
{
    for (size_t k = 0; k < an->n_transitions; k++)
        if (strcmp(an->transitions[k].from, from) == 0 && strcmp(an->transitions[k].to, to) == 0) {
            an->transitions[k].units++;
            return;
        }
    an->transitions[an->n_transitions++] = (struct transition){from, to, 1};
}

static int by_units(const void *x, const void *y)
{
    const struct transition *a = x, *b = y;
    if (a->units != b->units) return a->units > b->units ? -1 : 1;
    int c = strcmp(a->from, b->from);
    return c ? c : strcmp(a->to, b->to);
}

/* The unit of `r` read from `row`, looked for from index `hint` on (both sides read one file, so it is
 * nearly always there), or NULL. */
static const struct zi_unit_result *at_row(const struct zi_results *r, uint64_t row, size_t hint)
{
    if (hint < r->n && r->units[hint].row == row) return &r->units[hint];
    for (size_t k = 0; k < r->n; k++)
        if (r->units[k].row == row) return &r->units[k];
    return NULL;
}

static void analyse(struct analysis *an, const struct zi_impact *im, const struct zi_diff *d)
{
    memset(an, 0, sizeof *an);
    zi_arena_init(&an->arena);
    an->im = im;
    an->diff = d;
    const struct zi_results *r[2] = {&im->side[OLD].results, &im->side[NEW].results};
    size_t most = r[OLD]->n + r[NEW]->n;
    an->changes = alloc(an, most, sizeof *an->changes);
    an->transitions = alloc(an, most, sizeof *an->transitions);
    const struct zi_unit_result **pairs = alloc(an, 2 * most, sizeof *pairs);
    size_t n_pairs = 0;
    for (int s = 0; s < 2; s++) {
        an->one_side_errors[s] = alloc(an, r[s]->n, sizeof *an->one_side_errors[s]);
        an->alone[s] = alloc(an, r[s]->n, sizeof *an->alone[s]);
        for (size_t k = 0; k < r[s]->n; k++)
            if (!at_row(r[!s], r[s]->units[k].row, k)) an->alone[s][an->n_alone[s]++] = &r[s]->units[k];
    }
    for (size_t k = 0; k < r[OLD]->n; k++) {
        const struct zi_unit_result *a = &r[OLD]->units[k], *b = at_row(r[NEW], a->row, k);
        if (!b) continue;
        bool err_a = a->verdict < 0, err_b = b->verdict < 0;
        if (err_a && err_b) {
            an->both_errors++;
            continue;
        }
        if (err_a != err_b) {
            int s = err_a ? OLD : NEW;
            an->one_side_errors[s][an->n_one_side_errors[s]++] = err_a ? a : b;
        } else {
            pairs[2 * n_pairs + OLD] = a;
            pairs[2 * n_pairs + NEW] = b;
            n_pairs++;
        }
        struct unit_change *uc = &an->changes[an->n_changes];
        uc->u[OLD] = a;
        uc->u[NEW] = b;
        state_label(im->side[OLD].m, a, uc->label[OLD], sizeof uc->label[OLD]);
        state_label(im->side[NEW].m, b, uc->label[NEW], sizeof uc->label[NEW]);
        if (strcmp(uc->label[OLD], uc->label[NEW]) == 0) {
            an->unchanged++;
            continue;
        }
        explain(an, uc);
        count_transition(an, uc->label[OLD], uc->label[NEW]);
        an->n_changes++;
    }
    qsort(an->transitions, an->n_transitions, sizeof *an->transitions, by_units);
    score_stats(an, pairs, n_pairs);
    size_t n = an->n_total_deltas;
    if (n && an->total_deltas[0] != an->total_deltas[n - 1]) {
        an->has_histogram = true;
        an->bin_lo = an->total_deltas[0];
        an->bin_width = (an->total_deltas[n - 1] - an->bin_lo) / HISTOGRAM_BINS;
        for (size_t k = 0; k < n; k++) {
            int bin = (int)((an->total_deltas[k] - an->bin_lo) / an->bin_width);
            an->bins[bin < HISTOGRAM_BINS ? bin : HISTOGRAM_BINS - 1]++;
        }
    }
}

static void release(struct analysis *an)
{
    zi_arena_free(&an->arena);
}

/* ---- wording ------------------------------------------------------------------------------------------- */

/* How a comparison failed: "18.9 < 19.5". Empty for a boolean condition (its text says it all). */
static void operands_text(const struct zi_module *m, const struct zi_unit_result *u, uint32_t c, char *buf,
                          size_t size)
{
    static const char *const failed_as[] = {[ZI_COND_GE] = "<",  [ZI_COND_GT] = "<=", [ZI_COND_LE] = ">",
                                            [ZI_COND_LT] = ">=", [ZI_COND_EQ] = "!=", [ZI_COND_NE] = "=="};
    const struct zi_condition_desc *cd = &m->conditions[c];
    buf[0] = '\0';
    if (cd->op < ZI_COND_GE || cd->op > ZI_COND_NE || cd->role == ZI_CONDITION_PREREQUISITE ||
        cd->role == ZI_CONDITION_RELAXATION)
        return;
    char x[48], y[48];
    snprintf(buf, size, "%s %s %s", zi_diff_number(u->lhs[c], 4, x), failed_as[cd->op],
             zi_diff_number(u->rhs[c], 4, y));
}

static const char *result_word(int result)
{
    return result == 2 ? "unknown, a fact it reads is missing" : result ? "not met" : "met";
}

static const char *first_line(const char *text, size_t *len)
{
    const char *end = strchr(text, '\n');
    *len = end ? (size_t)(end - text) : strlen(text);
    return text;
}

/* ---- the table ----------------------------------------------------------------------------------------- */

static void text_reasons(FILE *out, const struct analysis *an, const struct unit_change *uc)
{
    const struct zi_module *m[2] = {an->im->side[OLD].m, an->im->side[NEW].m};
    int shown_side = -1, shown_verdict = -1;
    for (size_t k = 0; k < uc->n_reasons; k++) {
        const struct reason *r = &uc->reasons[k];
        const struct zi_condition_desc *cd = &m[r->side]->conditions[r->c];
        if (r->side != shown_side || cd->verdict != shown_verdict) {
            bool prereq = cd->role != ZI_CONDITION_VERDICT;
            fprintf(out, "    under the %s rules, %s%s %s:\n", side_names[r->side],
                    prereq ? "the prerequisites of " : "", m[r->side]->verdicts[cd->verdict].id,
                    prereq           ? "are not all met"
                    : r->side == NEW ? "now fails"
                                     : "failed");
            shown_side = r->side;
            shown_verdict = cd->verdict;
        }
        char ops[120];
        operands_text(m[r->side], uc->u[r->side], r->c, ops, sizeof ops);
        /* A prerequisite by its name, as the reports name it; a score condition by its text. */
        if (cd->role == ZI_CONDITION_VERDICT || !cd->message)
            fprintf(out, "      %s%s: %s", cd->role == ZI_CONDITION_RELAXATION ? "relaxation " : "", cd->text,
                    ops[0] ? ops : result_word(r->result));
        else
            fprintf(out, "      %s%s (%s): %s", cd->role == ZI_CONDITION_RELAXATION ? "relaxation " : "",
                    cd->message, cd->text, result_word(r->result));
        if (r->note) {
            bool word = strcmp(r->note, "added") == 0 || strcmp(r->note, "removed since") == 0;
            fprintf(out, word ? " [%s]" : r->side == NEW ? " [was: %s]" : " [now: %s]", r->note);
        }
        fputc('\n', out);
    }
}

static void text_unit(FILE *out, const struct zi_unit_result *u)
{
    fprintf(out, "  %s (row %llu)", u->id[0] ? u->id : "(no id)", (unsigned long long)u->row);
}

int zi_impact_write_text(const struct zi_impact *im, const struct zi_diff *d, FILE *out)
{
    struct analysis an;
    analyse(&an, im, d);
    fprintf(out, "\nImpact on %s (units matched by row)\n", im->data);
    for (int s = 0; s < 2; s++) {
        const struct zi_impact_side *side = &im->side[s];
        const struct zi_run_stats *st = &side->results.stats;
        fprintf(out, "  %s rules: %llu units, %llu scored, %llu with data errors", side_names[s],
                (unsigned long long)st->units, (unsigned long long)st->scored,
                (unsigned long long)st->with_errors);
        if (st->warnings)
            fprintf(out, ", %llu warning%s (on standard error)", (unsigned long long)st->warnings,
                    st->warnings == 1 ? "" : "s");
        fputc('\n', out);
        if (side->allowed_missing)
            fprintf(out,
                    "    read with --allow-missing-columns: the file lacks columns these rules need; those "
                    "inputs are unanswered\n");
    }

    fprintf(out, "\nUnits whose predicate or proposability changes (%zu)\n",
            an.n_changes - an.n_one_side_errors[OLD] - an.n_one_side_errors[NEW]);
    for (size_t k = 0; k < an.n_changes; k++) {
        const struct unit_change *uc = &an.changes[k];
        if (uc->u[OLD]->verdict < 0 || uc->u[NEW]->verdict < 0) continue; /* listed with the data errors */
        text_unit(out, uc->u[OLD]);
        fprintf(out, ": %s → %s\n", uc->label[OLD], uc->label[NEW]);
        text_reasons(out, &an, uc);
    }
    if (an.n_changes == an.n_one_side_errors[OLD] + an.n_one_side_errors[NEW]) fputs("  none\n", out);

    fputs("\nTransitions\n", out);
    for (size_t k = 0; k < an.n_transitions; k++)
        fprintf(out, "  %s → %s: %zu\n", an.transitions[k].from, an.transitions[k].to,
                an.transitions[k].units);
    fprintf(out, "  unchanged: %zu\n", an.unchanged);
    if (an.both_errors) fprintf(out, "  data errors under both: %zu\n", an.both_errors);

    for (int s = 0; s < 2; s++) {
        if (!an.n_one_side_errors[s]) continue;
        fprintf(out, "\nUnits with data errors under the %s rules only (%zu)\n", side_names[s],
                an.n_one_side_errors[s]);
        for (size_t k = 0; k < an.n_one_side_errors[s]; k++) {
            size_t len;
            const char *line = first_line(an.one_side_errors[s][k]->errors, &len);
            text_unit(out, an.one_side_errors[s][k]);
            fprintf(out, ": %.*s\n", (int)len, line);
        }
    }
    for (int s = 0; s < 2; s++) {
        if (!an.n_alone[s]) continue;
        fprintf(out, "\nUnits only the %s rules read (%zu)\n", side_names[s], an.n_alone[s]);
        for (size_t k = 0; k < an.n_alone[s]; k++) {
            text_unit(out, an.alone[s][k]);
            fputc('\n', out);
        }
    }

    size_t units = an.n_stats ? an.stats[0].units : 0;
    fprintf(out, "\nScore changes, new − old (%zu unit%s scored under both)\n", units, units == 1 ? "" : "s");
    size_t moved = 0;
    for (size_t k = 0; k < an.n_stats; k++) {
        const struct stat_row *row = &an.stats[k];
        if (!row->changed) continue;
        char a[48], b[48], c[48];
        fprintf(out, "  %-40s min %s, median %s, max %s (%zu changed)\n", row->path,
                zi_diff_number(row->min, 2, a), zi_diff_number(row->median, 2, b),
                zi_diff_number(row->max, 2, c), row->changed);
        moved++;
    }
    if (!moved) fputs("  no unit's total, group or area score changed\n", out);
    if (an.has_histogram) {
        enum { BAR = 40 };
        size_t most = 0;
        for (int k = 0; k < HISTOGRAM_BINS; k++)
            most = an.bins[k] > most ? an.bins[k] : most;
        fputs("  total:\n", out);
        for (int k = 0; k < HISTOGRAM_BINS; k++) {
            char a[48], b[48];
            size_t bar = (an.bins[k] * BAR + most - 1) / most;
            fprintf(out, "    %8s .. %-8s %4zu%s%.*s\n", zi_diff_number(an.bin_lo + k * an.bin_width, 2, a),
                    zi_diff_number(an.bin_lo + (k + 1) * an.bin_width, 2, b), an.bins[k], bar ? " " : "",
                    (int)bar, "########################################");
        }
    }
    release(&an);
    return ferror(out) ? -1 : 0;
}

/* ---- JSON ---------------------------------------------------------------------------------------------- */

static void jnum(FILE *out, double x)
{
    char buf[48];
    if (!isfinite(x))
        fputs("null", out);
    else
        fputs(zi_diff_shortest(x, buf), out);
}

static void json_unit(FILE *out, const struct zi_unit_result *u)
{
    fputs("{\"id\": ", out);
    zi_json_string(out, u->id);
    fprintf(out, ", \"row\": %llu", (unsigned long long)u->row);
}

static void json_state(FILE *out, const char *name, const struct zi_module *m, const struct zi_unit_result *u)
{
    static const char *const words[] = {"na", "yes", "relaxed", "no", "unknown"};
    fprintf(out, ", \"%s\": {\"verdict\": ", name);
    if (u->verdict < 0) {
        fputs("null, \"errors\": ", out);
        zi_json_string(out, u->errors);
    } else {
        zi_json_string(out, m->verdicts[u->verdict].id);
        int p = u->proposable >= 0 && u->proposable <= ZI_PROPOSE_UNKNOWN ? u->proposable : 0;
        fprintf(out, ", \"proposable\": \"%s\"", words[p]);
    }
    fputc('}', out);
}

int zi_impact_write_json(const struct zi_impact *im, const struct zi_diff *d, FILE *out)
{
    struct analysis an;
    analyse(&an, im, d);
    const struct zi_module *m[2] = {im->side[OLD].m, im->side[NEW].m};
    fputs("{\"data\": ", out);
    zi_json_string(out, im->data);
    fputs(", \"sides\": [", out);
    for (int s = 0; s < 2; s++) {
        const struct zi_run_stats *st = &im->side[s].results.stats;
        fprintf(out,
                "%s{\"rules\": \"%s\", \"units\": %llu, \"scored\": %llu, \"with_errors\": %llu, "
                "\"warnings\": %llu, \"allow_missing_columns\": %s}",
                s ? ", " : "", side_names[s], (unsigned long long)st->units, (unsigned long long)st->scored,
                (unsigned long long)st->with_errors, (unsigned long long)st->warnings,
                im->side[s].allowed_missing ? "true" : "false");
    }
    fputs("],\n    \"changed_units\": [", out);
    for (size_t k = 0; k < an.n_changes; k++) {
        const struct unit_change *uc = &an.changes[k];
        fputs(k ? ",\n      " : "\n      ", out);
        json_unit(out, uc->u[OLD]);
        fputs(", \"from\": ", out);
        zi_json_string(out, uc->label[OLD]);
        fputs(", \"to\": ", out);
        zi_json_string(out, uc->label[NEW]);
        json_state(out, "old", m[OLD], uc->u[OLD]);
        json_state(out, "new", m[NEW], uc->u[NEW]);
        fputs(", \"reasons\": [", out);
        for (size_t i = 0; i < uc->n_reasons; i++) {
            const struct reason *r = &uc->reasons[i];
            const struct zi_condition_desc *cd = &m[r->side]->conditions[r->c];
            fprintf(out, "%s{\"rules\": \"%s\", \"verdict\": ", i ? ", " : "", side_names[r->side]);
            zi_json_string(out, m[r->side]->verdicts[cd->verdict].id);
            fputs(", \"condition\": ", out);
            zi_json_string(out, cd->text);
            if (cd->message) {
                fputs(", \"name\": ", out);
                zi_json_string(out, cd->message);
            }
            fprintf(out, ", \"result\": \"%s\"", r->result == 2 ? "unknown" : r->result ? "not met" : "met");
            if (cd->op != ZI_COND_BOOL) {
                fputs(", \"lhs\": ", out);
                jnum(out, uc->u[r->side]->lhs[r->c]);
                fputs(", \"rhs\": ", out);
                jnum(out, uc->u[r->side]->rhs[r->c]);
            }
            if (r->note) {
                fputs(r->side == NEW ? ", \"old\": " : ", \"new\": ", out);
                zi_json_string(out, r->note);
            }
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fputs(an.n_changes ? "\n    ],\n    \"transitions\": [" : "],\n    \"transitions\": [", out);
    for (size_t k = 0; k < an.n_transitions; k++) {
        fputs(k ? ", {\"from\": " : "{\"from\": ", out);
        zi_json_string(out, an.transitions[k].from);
        fputs(", \"to\": ", out);
        zi_json_string(out, an.transitions[k].to);
        fprintf(out, ", \"units\": %zu}", an.transitions[k].units);
    }
    fprintf(out, "], \"unchanged\": %zu, \"errors_both\": %zu,\n    \"errors_one_side\": [", an.unchanged,
            an.both_errors);
    size_t n = 0;
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < an.n_one_side_errors[s]; k++, n++) {
            fputs(n ? ", " : "", out);
            json_unit(out, an.one_side_errors[s][k]);
            fprintf(out, ", \"rules\": \"%s\", \"errors\": ", side_names[s]);
            zi_json_string(out, an.one_side_errors[s][k]->errors);
            fputc('}', out);
        }
    fputs("],\n    \"read_by_one_side\": [", out);
    n = 0;
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < an.n_alone[s]; k++, n++) {
            fputs(n ? ", " : "", out);
            json_unit(out, an.alone[s][k]);
            fprintf(out, ", \"rules\": \"%s\"}", side_names[s]);
        }
    fputs("],\n    \"scores\": [", out);
    for (size_t k = 0; k < an.n_stats; k++) {
        const struct stat_row *row = &an.stats[k];
        fputs(k ? ",\n      {\"output\": " : "\n      {\"output\": ", out);
        zi_json_string(out, row->path);
        fprintf(out, ", \"units\": %zu, \"changed\": %zu, \"min\": ", row->units, row->changed);
        jnum(out, row->min);
        fputs(", \"median\": ", out);
        jnum(out, row->median);
        fputs(", \"max\": ", out);
        jnum(out, row->max);
        fputc('}', out);
    }
    fputs(an.n_stats ? "\n    ],\n    \"histogram\": [" : "],\n    \"histogram\": [", out);
    for (int k = 0; an.has_histogram && k < HISTOGRAM_BINS; k++) {
        fputs(k ? ", {\"from\": " : "{\"from\": ", out);
        jnum(out, an.bin_lo + k * an.bin_width);
        fputs(", \"to\": ", out);
        jnum(out, an.bin_lo + (k + 1) * an.bin_width);
        fprintf(out, ", \"units\": %zu}", an.bins[k]);
    }
    fputs("]}", out);
    release(&an);
    return ferror(out) ? -1 : 0;
}
