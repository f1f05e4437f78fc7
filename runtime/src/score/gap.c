/* gap.c — what to fix first: the fewest answer changes that give a unit its target verdict (gap.h).
 *
 * The module is a black box, so the search measures instead of reading formulas:
 *
 *   1. Moves. Every change the search may make (each scale answer raised to each better label, each
 *      finite-range number moved to either end of its range) is scored once, all in one batch of
 *      explain_batch. A move's gain on a condition of the target verdict is how much it moves that
 *      condition's margin (lhs − rhs, turned so that passing is ≥ 0). A move that breaks a rule, or lowers
 *      any margin, is dropped: a suggestion never costs the unit elsewhere.
 *   2. Search. Items (an item's moves are alternatives: at most one per item) ordered by the points they can
 *      add; iterative deepening on the number of items, 1, 2, …, each level a branch and bound that cuts a
 *      branch when, for some failed condition, the gains still possible (the j largest single gains among
 *      the items still open, from a table made once per unit) cannot cover its shortfall. The best few sets
 *      of the first level that has any (fewest steps first: a step is one label up, B→A before C→A; a number
 *      is one step) are re-scored together.
 *   3. Verify. The candidates go through the module with their changes applied; the first that gets the
 *      target (or a better verdict) is the answer. A number's change is then made as small as it can be on
 *      its grid (0.01 for a number, 0.01 % for a percent, 1 for a count) by a k-ary search over re-scored
 *      candidates, and each change's points are re-scored alone.
 *
 * Provably minimal: the bound assumes a set of changes gains at most the sum of its single gains on each
 * condition — true for the sums, weights and caps criteria are made of. It is checked on every verified
 * candidate (the re-scored margins must equal the sum of the measured gains); a unit is reported minimal
 * only when every level below the answer's was searched to the end within the budget, the check held, every
 * failed condition is an ordering comparison (>=, >, <=, <), and no move was dropped (with another change a
 * dropped move might have been usable). Otherwise, or when the budget (search nodes per unit) ran out and a
 * greedy completion gave the answer, it is a heuristic bound: verified, maybe not the smallest.
 */
#include <math.h>
#include <stdlib.h>

#include "gap.h"

#define ZI_GAP_ROWS 1024u    /* candidate rows per call of the module */
#define ZI_GAP_KEEP 4u       /* candidate sets kept per level and verified together */
#define ZI_GAP_BUDGET 20000u /* search nodes per unit before the greedy completion takes over */
#define ZI_GAP_MAX_SET 128u  /* changes in one set (more: the unit is reported unreachable) */
#define ZI_GAP_KARY 32u      /* values tried per round when a number's change is made smallest */
#define ZI_GAP_EPS 1e-9      /* the language's comparison tolerance (docs/language.md §5) */
#define ZI_GAP_ADDITIVE 1e-6 /* how far a re-scored margin may be from the sum of the gains */
#define ZI_GAP_TOP 64u       /* largest gains summed exactly by the bound's table (more: the 64th repeats) */

struct move {
    uint32_t input, item;
    double to;      /* the stored value (label number or number) */
    uint32_t steps; /* labels moved up; 1 for a number */
    double points;  /* total(base + move) − total(base) */
    uint32_t gain;  /* offset of its gains (one per failed condition) in g->gains */
};

struct item {
    uint32_t first, n; /* its moves */
    double value;      /* the points it can add, relative to each shortfall: the search order */
    uint32_t maxgain;  /* offset of its largest gain per failed condition in g->gains */
};

struct cand {
    uint32_t n, steps;
    uint32_t moves[ZI_GAP_MAX_SET]; /* move indices */
};

struct zi_gap {
    const struct zi_module *m;
    zi_score_batch_fn score; /* m's score loop for this CPU */
    int32_t target_opt;
    /* Candidate rows, the layout of zi/module.h. */
    uint8_t *codes;
    double *numbers, *outputs, *lhs, *rhs;
    int32_t *verdict;
    uint64_t *failed, *unknown;
    uint32_t n_rows;
    /* The unit being searched. */
    uint8_t *base_codes;
    double *base_numbers;
    int32_t target;
    uint32_t *conds, n_conds; /* the target's failed verdict conditions */
    double *need;             /* shortfall per failed condition */
    double *base_margin;
    double base_total;
    struct move *moves;
    uint32_t n_moves, cap_moves;
    double *gains;
    size_t n_gains, cap_gains;
    struct item *items;
    uint32_t n_items;
    /* The bound's table: per failed condition f and item position p, the sums of the j largest maxgains
     * among items p.. for j = 0..ZI_GAP_TOP (bound() says how a larger j is bounded). */
    double *suf;
    size_t cap_suf;
    double *acc;                   /* the search's gains so far, per failed condition */
    uint32_t path[ZI_GAP_MAX_SET]; /* the moves chosen on the way down */
    struct cand keep[ZI_GAP_KEEP];
    uint32_t n_keep;
    uint64_t nodes;
    int cut;     /* the budget ran out during the search */
    int dropped; /* a move was dropped for breaking a rule or lowering a margin: with another change it
                  * might not have, so a smaller set is not ruled out */
    /* Results of the batch. */
    struct zi_gap_result *results;
    uint32_t cap_results;
    struct zi_gap_change *changes;
    size_t n_changes, cap_changes;
    uint32_t *prereqs;
    size_t n_prereqs, cap_prereqs;
    size_t *change_at, *prereq_at; /* per unit: offsets into changes and prereqs */
};

/* ASCII case-insensitive equality: verdict ids are typed on a command line. */
static int same_word(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y) return 0;
        if (!x) return 1;
    }
}

int32_t zi_gap_parse_target(const struct zi_module *m, const char *want)
{
    if (same_word(want, ZI_GAP_NEXT_WORD)) return ZI_GAP_TARGET_NEXT;
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (!m->verdicts[v].is_fallback && same_word(want, m->verdicts[v].id)) return (int32_t)v;
    return -1;
}

/* Whether input i is searched as a number: an answer that is not a label, the only input of its item, with
 * a finite range (a survey index, a performance figure). */
static int searched_number(const struct zi_module *m, uint32_t i)
{
    const struct zi_input_desc *d = &m->inputs[i];
    if (d->role != ZI_ROLE_ANSWER || zi_input_has_labels(d->kind)) return 0;
    if (!isfinite(d->min) || !isfinite(d->max) || !(d->min < d->max)) return 0;
    return !(i > 0 && m->inputs[i - 1].item == d->item) &&
           !(i + 1 < m->n_inputs && m->inputs[i + 1].item == d->item);
}

struct zi_gap *zi_gap_new(const struct zi_module *m, zi_score_batch_fn score, int32_t target)
{
    struct zi_gap *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->m = m;
    g->score = score;
    g->target_opt = target;
    size_t max_moves = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        if (m->inputs[i].role == ZI_ROLE_ANSWER && m->inputs[i].kind == ZI_INPUT_SCALE)
            max_moves += m->inputs[i].n_labels;
        else if (searched_number(m, i))
            max_moves += 2;
    }
    size_t nc = (size_t)m->n_conditions + 1, ni = (size_t)m->n_inputs + 1;
    g->codes = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_code_columns) + 1, 1);
    g->numbers = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_number_columns) + 1, sizeof *g->numbers);
    g->outputs = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_outputs) + 1, sizeof *g->outputs);
    g->lhs = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_conditions) + 1, sizeof *g->lhs);
    g->rhs = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_conditions) + 1, sizeof *g->rhs);
    g->verdict = calloc(ZI_GAP_ROWS, sizeof *g->verdict);
    g->failed = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_failed_words), sizeof *g->failed);
    g->unknown = calloc(zi_tile_elements(ZI_GAP_ROWS, m->n_failed_words), sizeof *g->unknown);
    g->base_codes = calloc((size_t)m->n_code_columns + 1, 1);
    g->base_numbers = calloc((size_t)m->n_number_columns + 1, sizeof *g->base_numbers);
    g->conds = calloc(nc, sizeof *g->conds);
    g->need = calloc(nc, sizeof *g->need);
    g->base_margin = calloc(nc, sizeof *g->base_margin);
    g->acc = calloc(nc, sizeof *g->acc);
    g->cap_moves = (uint32_t)max_moves;
    g->moves = calloc(max_moves + 1, sizeof *g->moves);
    g->cap_gains = (max_moves + ni) * nc;
    g->gains = calloc(g->cap_gains, sizeof *g->gains);
    g->items = calloc(ni, sizeof *g->items);
    if (!g->codes || !g->numbers || !g->outputs || !g->lhs || !g->rhs || !g->verdict || !g->failed ||
        !g->unknown || !g->base_codes || !g->base_numbers || !g->conds || !g->need || !g->base_margin ||
        !g->acc || !g->moves || !g->gains || !g->items) {
        zi_gap_free(g);
        return NULL;
    }
    return g;
}

void zi_gap_free(struct zi_gap *g)
{
    if (!g) return;
    free(g->codes);
    free(g->numbers);
    free(g->outputs);
    free(g->lhs);
    free(g->rhs);
    free(g->verdict);
    free(g->failed);
    free(g->unknown);
    free(g->base_codes);
    free(g->base_numbers);
    free(g->conds);
    free(g->need);
    free(g->base_margin);
    free(g->acc);
    free(g->moves);
    free(g->gains);
    free(g->items);
    free(g->suf);
    free(g->results);
    free(g->changes);
    free(g->prereqs);
    free(g->change_at);
    free(g->prereq_at);
    free(g);
}

/* ---- candidate rows ---------------------------------------------------------------------------------- */

static void row_load(struct zi_gap *g, uint32_t r)
{
    const struct zi_module *m = g->m;
    for (uint32_t k = 0; k < m->n_code_columns; k++)
        g->codes[zi_tile_index(r, k, m->n_code_columns)] = g->base_codes[k];
    for (uint32_t k = 0; k < m->n_number_columns; k++)
        g->numbers[zi_tile_index(r, k, m->n_number_columns)] = g->base_numbers[k];
}

static void row_set(struct zi_gap *g, uint32_t r, uint32_t input, double v)
{
    const struct zi_module *m = g->m;
    const struct zi_input_desc *d = &m->inputs[input];
    if (zi_input_has_labels(d->kind))
        g->codes[zi_tile_index(r, d->column, m->n_code_columns)] = (uint8_t)v;
    else
        g->numbers[zi_tile_index(r, d->column, m->n_number_columns)] = v;
}

static double base_value(const struct zi_gap *g, uint32_t input)
{
    const struct zi_input_desc *d = &g->m->inputs[input];
    return zi_input_has_labels(d->kind) ? g->base_codes[d->column] : g->base_numbers[d->column];
}

/* A new row holding the base answers with the moves of `set` (n of them) applied; its index. */
static uint32_t row_add(struct zi_gap *g, const uint32_t *set, uint32_t n)
{
    uint32_t r = g->n_rows++;
    row_load(g, r);
    for (uint32_t k = 0; k < n; k++)
        row_set(g, r, g->moves[set[k]].input, g->moves[set[k]].to);
    return r;
}

static void rows_score(struct zi_gap *g, int explain)
{
    const struct zi_module *m = g->m;
    if (explain)
        m->explain_batch(g->n_rows, g->codes, g->numbers, g->outputs, g->verdict, g->failed, g->unknown,
                         g->lhs, g->rhs);
    else
        g->score(g->n_rows, g->codes, g->numbers, g->outputs, g->verdict, g->failed, g->unknown);
}

static double row_total(const struct zi_gap *g, uint32_t r)
{
    return g->outputs[zi_tile_index(r, (uint32_t)g->m->total_output, g->m->n_outputs)];
}

static int row_reaches(const struct zi_gap *g, uint32_t r)
{
    return g->verdict[r] >= 0 && g->verdict[r] <= g->target;
}

/* Condition c's margin in row r (after explain_batch): ≥ 0 when it holds, turned so that more is better. */
static double margin(const struct zi_gap *g, uint32_t r, uint32_t c)
{
    const struct zi_module *m = g->m;
    double l = g->lhs[zi_tile_index(r, c, m->n_conditions)], x = g->rhs[zi_tile_index(r, c, m->n_conditions)];
    switch (m->conditions[c].op) {
    case ZI_COND_GE:
    case ZI_COND_GT:
        return l - x;
    case ZI_COND_LE:
    case ZI_COND_LT:
        return x - l;
    case ZI_COND_EQ:
        return -fabs(l - x);
    case ZI_COND_NE:
        return fabs(l - x);
    default: /* ZI_COND_BOOL: 1 holds, 0 does not */
        return l - 1;
    }
}

static int cond_failed(const struct zi_gap *g, uint32_t r, uint32_t c)
{
    return (int)((g->failed[zi_tile_index(r, c / 64, g->m->n_failed_words)] >> (c % 64)) & 1u);
}

static double *gains_of(struct zi_gap *g, uint32_t offset)
{
    return g->gains + offset;
}

/* ---- 1. moves ---------------------------------------------------------------------------------------- */

/* Every change the search may make, in input order (an item's inputs are consecutive, so its moves are too);
 * a scale's labels of equal value count once, and steps count the distinct values moved up. */
static void list_moves(struct zi_gap *g)
{
    const struct zi_module *m = g->m;
    g->n_moves = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *d = &m->inputs[i];
        if (d->role != ZI_ROLE_ANSWER) continue;
        if (d->kind == ZI_INPUT_SCALE) {
            uint32_t code = g->base_codes[d->column];
            double cur = code ? d->labels[code - 1].value : -INFINITY;
            for (uint32_t l = 0; l < d->n_labels; l++) {
                double v = d->labels[l].value;
                if (d->labels[l].printed_as || !(v > cur)) continue;
                uint32_t steps = 0, dup = 0;
                for (uint32_t k = 0; k < d->n_labels; k++) {
                    double w = d->labels[k].value;
                    if (d->labels[k].printed_as) continue;
                    int first = 1; /* count each distinct value once: its first canonical label */
                    for (uint32_t e = 0; e < k; e++)
                        if (!d->labels[e].printed_as && d->labels[e].value == w) first = 0;
                    if (first && w > cur && w <= v) steps++;
                    if (k < l && w == v) dup = 1;
                }
                if (dup) continue;
                struct move *mv = &g->moves[g->n_moves++];
                mv->input = i;
                mv->item = (uint32_t)d->item;
                mv->to = l + 1;
                mv->steps = steps;
            }
        } else if (searched_number(m, i)) {
            double x = g->base_numbers[d->column];
            for (int end = 0; end < 2; end++) {
                double to = end ? d->min : d->max;
                if (x == x && (end ? !(x > d->min) : !(x < d->max))) continue;
                struct move *mv = &g->moves[g->n_moves++];
                mv->input = i;
                mv->item = (uint32_t)d->item;
                mv->to = to;
                mv->steps = 1;
            }
        }
    }
}

/* Scores the base and every move (in chunks of rows), finds the target's failed conditions and keeps the
 * moves that raise at least one of them and lower none of the target's conditions, with their gains. */
static void measure_moves(struct zi_gap *g)
{
    const struct zi_module *m = g->m;
    const struct zi_verdict_desc *vd = &m->verdicts[g->target];
    uint32_t kept = 0;
    g->dropped = 0;
    for (uint32_t first = 0; first == 0 || first < g->n_moves;) {
        uint32_t n = g->n_moves - first < ZI_GAP_ROWS - 1 ? g->n_moves - first : ZI_GAP_ROWS - 1;
        g->n_rows = 0;
        row_add(g, NULL, 0);
        for (uint32_t k = 0; k < n; k++) {
            uint32_t one = first + k;
            row_add(g, &one, 1);
        }
        rows_score(g, 1);
        if (first == 0) {
            g->n_conds = 0;
            g->base_total = row_total(g, 0);
            for (uint32_t c = vd->first_condition; c < vd->first_condition + vd->n_conditions; c++) {
                if (!cond_failed(g, 0, c)) continue;
                uint32_t k = g->n_conds++;
                g->conds[k] = c;
                g->base_margin[k] = margin(g, 0, c);
                double need = -g->base_margin[k];
                g->need[k] = need > ZI_GAP_EPS ? need : ZI_GAP_EPS;
            }
        }
        for (uint32_t k = 0; k < n; k++) {
            uint32_t r = k + 1;
            struct move mv = g->moves[first + k];
            /* Its gains, written where it is kept (overwritten when it is not). */
            mv.gain = kept * g->n_conds;
            double *gn = gains_of(g, mv.gain);
            int useful = 0, worse = 0;
            for (uint32_t f = 0; f < g->n_conds; f++) {
                gn[f] = margin(g, r, g->conds[f]) - g->base_margin[f];
                if (gn[f] > ZI_GAP_EPS) useful = 1;
            }
            if (!useful) continue; /* it helps no failed condition: no smallest set needs it */
            for (uint32_t c = vd->first_condition; c < vd->first_condition + vd->n_conditions && !worse; c++)
                worse = margin(g, r, c) - margin(g, 0, c) < -ZI_GAP_EPS;
            if (worse || g->verdict[r] == ZI_VERDICT_NONE) { /* it costs elsewhere, or breaks a rule */
                g->dropped = 1;
                continue;
            }
            mv.points = row_total(g, r) - g->base_total;
            g->moves[kept++] = mv;
        }
        first += n;
        if (n == 0) break;
    }
    g->n_moves = kept;
}

/* ---- 2. search --------------------------------------------------------------------------------------- */

static int by_value(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    if (x->value != y->value) return x->value > y->value ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Items from the kept moves, their moves by steps, ordered by what they can add; the bound's table. 0, or -1
 * out of memory. */
static int make_items(struct zi_gap *g)
{
    uint32_t nf = g->n_conds;
    g->n_items = 0;
    for (uint32_t k = 0; k < g->n_moves;) {
        uint32_t e = k;
        while (e < g->n_moves && g->moves[e].item == g->moves[k].item)
            e++;
        for (uint32_t a = k + 1; a < e; a++) { /* insertion sort by steps: a handful of moves */
            struct move t = g->moves[a];
            uint32_t b = a;
            for (; b > k && g->moves[b - 1].steps > t.steps; b--)
                g->moves[b] = g->moves[b - 1];
            g->moves[b] = t;
        }
        struct item *it = &g->items[g->n_items];
        it->first = k;
        it->n = e - k;
        it->maxgain = (g->n_moves + g->n_items) * nf;
        double *mg = gains_of(g, it->maxgain);
        it->value = 0;
        for (uint32_t f = 0; f < nf; f++) {
            mg[f] = 0;
            for (uint32_t j = k; j < e; j++)
                if (gains_of(g, g->moves[j].gain)[f] > mg[f]) mg[f] = gains_of(g, g->moves[j].gain)[f];
            it->value += (mg[f] < g->need[f] ? mg[f] : g->need[f]) / g->need[f];
        }
        g->n_items++;
        k = e;
    }
    qsort(g->items, g->n_items, sizeof *g->items, by_value);
    uint32_t ni = g->n_items;
    size_t need = (size_t)nf * (ni + 1) * (ZI_GAP_TOP + 1);
    if (need > g->cap_suf) {
        double *p = realloc(g->suf, need * sizeof *p);
        if (!p) return -1;
        g->suf = p;
        g->cap_suf = need;
    }
    /* Items from the last to the first, keeping the ZI_GAP_TOP largest gains seen so far, sorted. */
    double sorted[ZI_GAP_TOP];
    for (uint32_t f = 0; f < nf; f++) {
        uint32_t ns = 0;
        double *row = g->suf + (size_t)f * (ni + 1) * (ZI_GAP_TOP + 1) + (size_t)ni * (ZI_GAP_TOP + 1);
        memset(row, 0, (ZI_GAP_TOP + 1) * sizeof *row);
        for (uint32_t p = ni; p-- > 0;) {
            double x = gains_of(g, g->items[p].maxgain)[f];
            if (ns < ZI_GAP_TOP || x > sorted[ns - 1]) {
                uint32_t at = ns < ZI_GAP_TOP ? ns++ : ns - 1;
                for (; at > 0 && sorted[at - 1] < x; at--)
                    sorted[at] = sorted[at - 1];
                sorted[at] = x;
            }
            row -= ZI_GAP_TOP + 1;
            row[0] = 0;
            for (uint32_t j = 1; j <= ZI_GAP_TOP; j++)
                row[j] = row[j - 1] + (j <= ns ? sorted[j - 1] : 0);
        }
    }
    return 0;
}

/* The most that j more items from positions p.. can add to failed condition f: the j largest of their gains
 * (past ZI_GAP_TOP, each further one counted as the ZI_GAP_TOP-th largest, which none exceeds). */
static double bound(const struct zi_gap *g, uint32_t f, uint32_t p, uint32_t j)
{
    const double *row = g->suf + ((size_t)f * (g->n_items + 1) + p) * (ZI_GAP_TOP + 1);
    if (j <= ZI_GAP_TOP) return row[j];
    return row[ZI_GAP_TOP] + (j - ZI_GAP_TOP) * (row[ZI_GAP_TOP] - row[ZI_GAP_TOP - 1]);
}

/* Whether j more items from positions p.. may still cover every shortfall, by the bound. */
static int may_cover(const struct zi_gap *g, uint32_t p, uint32_t j)
{
    for (uint32_t f = 0; f < g->n_conds; f++)
        if (g->acc[f] + bound(g, f, p, j) < g->need[f] - ZI_GAP_EPS) return 0;
    return 1;
}

static int strict(const struct zi_gap *g, uint32_t f)
{
    int32_t op = g->m->conditions[g->conds[f]].op;
    return op == ZI_COND_GT || op == ZI_COND_LT || op == ZI_COND_NE;
}

/* Whether gains `acc` cover every shortfall (the additive model). */
static int covers(const struct zi_gap *g, const double *acc)
{
    for (uint32_t f = 0; f < g->n_conds; f++)
        if (strict(g, f) ? !(acc[f] > g->need[f]) : !(acc[f] >= g->need[f] - ZI_GAP_EPS)) return 0;
    return 1;
}

static void keep_set(struct zi_gap *g, uint32_t n, uint32_t steps)
{
    uint32_t at = g->n_keep;
    while (at > 0 && g->keep[at - 1].steps > steps)
        at--;
    if (at >= ZI_GAP_KEEP) return;
    uint32_t last = g->n_keep < ZI_GAP_KEEP ? g->n_keep : ZI_GAP_KEEP - 1;
    for (uint32_t k = last; k > at; k--)
        g->keep[k] = g->keep[k - 1];
    g->keep[at].n = n;
    g->keep[at].steps = steps;
    memcpy(g->keep[at].moves, g->path, n * sizeof *g->path);
    if (g->n_keep < ZI_GAP_KEEP) g->n_keep++;
}

/* Sets of exactly `size` items from items[p..], `depth` chosen so far with `steps` steps. */
static void dfs(struct zi_gap *g, uint32_t size, uint32_t depth, uint32_t p, uint32_t steps)
{
    if (++g->nodes > ZI_GAP_BUDGET) {
        g->cut = 1;
        return;
    }
    uint32_t j = size - depth, ni = g->n_items;
    if (j == 0) {
        if (covers(g, g->acc)) keep_set(g, size, steps);
        return;
    }
    /* Items further on can only add less: once the bound fails from q, it fails from every later q. */
    for (uint32_t q = p; q + j <= ni && may_cover(g, q, j); q++) {
        const struct item *it = &g->items[q];
        for (uint32_t k = it->first; k < it->first + it->n; k++) {
            const struct move *mv = &g->moves[k];
            if (g->n_keep == ZI_GAP_KEEP && steps + mv->steps + (j - 1) >= g->keep[ZI_GAP_KEEP - 1].steps)
                break;
            const double *gn = gains_of(g, mv->gain);
            for (uint32_t f = 0; f < g->n_conds; f++)
                g->acc[f] += gn[f];
            g->path[depth] = k;
            dfs(g, size, depth + 1, q + 1, steps + mv->steps);
            for (uint32_t f = 0; f < g->n_conds; f++)
                g->acc[f] -= gn[f];
            if (g->cut) return;
        }
    }
}

/* The fewest items any covering set needs, by the bound alone; n_items + 1 when none covers. */
static uint32_t lower_bound(const struct zi_gap *g)
{
    uint32_t lb = 1, ni = g->n_items;
    for (uint32_t f = 0; f < g->n_conds; f++) {
        uint32_t j = 0;
        while (j <= ni && bound(g, f, 0, j) < g->need[f] - ZI_GAP_EPS)
            j++;
        if (j > lb) lb = j;
    }
    return lb;
}

/* ---- 3. verify --------------------------------------------------------------------------------------- */

/* Re-scores the candidate sets (explain_batch, for the margins); the first that reaches the target, or -1.
 * *additive is cleared when that set's margins are not the sum of its moves' gains. */
static int verify(struct zi_gap *g, const struct cand *cands, uint32_t n, int *additive)
{
    g->n_rows = 0;
    for (uint32_t k = 0; k < n; k++)
        row_add(g, cands[k].moves, cands[k].n);
    rows_score(g, 1);
    for (uint32_t k = 0; k < n; k++) {
        if (!row_reaches(g, k)) continue;
        for (uint32_t f = 0; f < g->n_conds; f++) {
            double sum = g->base_margin[f];
            for (uint32_t j = 0; j < cands[k].n; j++)
                sum += gains_of(g, g->moves[cands[k].moves[j]].gain)[f];
            double got = margin(g, k, g->conds[f]);
            if (fabs(got - sum) > ZI_GAP_ADDITIVE * (1 + fabs(sum))) *additive = 0;
        }
        return (int)k;
    }
    return -1;
}

/* Adds, one item at a time, the move that covers most of what is still short (relative to each shortfall),
 * re-scoring whenever the model says the set covers, until one reaches; 0 with the set in *out, or -1. */
static int greedy(struct zi_gap *g, struct cand *out, int *additive)
{
    uint32_t nf = g->n_conds;
    uint8_t used[ZI_GAP_MAX_SET] = {0};
    memset(g->acc, 0, nf * sizeof *g->acc);
    out->n = 0;
    out->steps = 0;
    while (out->n < ZI_GAP_MAX_SET && out->n < g->n_items) {
        double best = -1;
        uint32_t best_q = 0, best_k = 0;
        for (uint32_t q = 0; q < g->n_items && q < ZI_GAP_MAX_SET; q++) {
            if (used[q]) continue;
            const struct item *it = &g->items[q];
            for (uint32_t k = it->first; k < it->first + it->n; k++) {
                const double *gn = gains_of(g, g->moves[k].gain);
                double v = 0;
                for (uint32_t f = 0; f < nf; f++) {
                    double rest = g->need[f] - g->acc[f];
                    if (rest > 0) v += (gn[f] < rest ? gn[f] : rest) / g->need[f];
                }
                v -= 1e-6 * g->moves[k].steps; /* equal cover: fewer steps */
                if (v > best) {
                    best = v;
                    best_q = q;
                    best_k = k;
                }
            }
        }
        if (best < 0) break;
        used[best_q] = 1;
        out->moves[out->n++] = best_k;
        out->steps += g->moves[best_k].steps;
        const double *gn = gains_of(g, g->moves[best_k].gain);
        for (uint32_t f = 0; f < nf; f++)
            g->acc[f] += gn[f];
        if (covers(g, g->acc) && verify(g, out, 1, additive) == 0) return 0;
    }
    /* Everything the search may change: the last try. */
    if (out->n < g->n_items && g->n_items <= ZI_GAP_MAX_SET) {
        out->n = 0;
        for (uint32_t q = 0; q < g->n_items; q++)
            out->moves[out->n++] = g->items[q].first + g->items[q].n - 1;
        if (verify(g, out, 1, additive) == 0) return 0;
    }
    return -1;
}

/* ---- a number's change made smallest ---------------------------------------------------------------- */

/* The grid of a number's values (whole units of 1/scale) strictly between `from` and `to`, then `to`. */
struct grid {
    double from, to, scale;
    double k0;  /* first grid index past `from` */
    int dir;    /* +1 up, −1 down */
    uint64_t n; /* values: grid points, then `to` */
};

static double grid_value(const struct grid *gr, uint64_t j)
{
    if (j + 1 >= gr->n) return gr->to;
    return (gr->k0 + gr->dir * (double)j) / gr->scale;
}

static void grid_init(struct grid *gr, const struct zi_input_desc *d, double from, double to)
{
    gr->scale = d->kind == ZI_INPUT_COUNT ? 1 : d->kind == ZI_INPUT_PERCENT ? 10000 : 100;
    gr->dir = to > from ? 1 : -1;
    gr->from = from;
    gr->to = to;
    double a = from * gr->scale, b = to * gr->scale;
    gr->k0 = gr->dir > 0 ? floor(a) + 1 : ceil(a) - 1;
    double last = gr->dir > 0 ? ceil(b) - 1 : floor(b) + 1; /* the last grid point before `to` */
    double count = gr->dir > 0 ? last - gr->k0 + 1 : gr->k0 - last + 1;
    gr->n = (uint64_t)(count > 0 ? count : 0) + 1;
}

/* Moves change `at` of set s (a number) as little as keeps the target, the other changes as they are. */
static void smallest_number(struct zi_gap *g, struct cand *s, uint32_t at)
{
    struct move *mv = &g->moves[s->moves[at]];
    const struct zi_input_desc *d = &g->m->inputs[mv->input];
    double x = base_value(g, mv->input);
    double from = x == x ? x : (mv->to == d->max ? d->min : d->max);
    struct grid gr;
    grid_init(&gr, d, from, mv->to);
    /* A missing number may also become the end of the range it starts from. */
    uint64_t lo = 0, hi = gr.n - 1; /* hi reaches (the set was verified with it) */
    double first = x == x ? NAN : from;
    if (first == first) {
        g->n_rows = 0;
        uint32_t r = row_add(g, s->moves, s->n);
        row_set(g, r, mv->input, first);
        rows_score(g, 0);
        if (row_reaches(g, r)) {
            mv->to = first;
            return;
        }
    }
    while (lo < hi) {
        uint64_t span = hi - lo, step = span / ZI_GAP_KARY + (span % ZI_GAP_KARY != 0);
        g->n_rows = 0;
        uint64_t tried[ZI_GAP_KARY];
        uint32_t nt = 0;
        for (uint64_t j = lo; j < hi && nt < ZI_GAP_KARY; j += step) {
            uint32_t r = row_add(g, s->moves, s->n);
            row_set(g, r, mv->input, grid_value(&gr, j));
            tried[nt++] = j;
        }
        rows_score(g, 0);
        uint32_t t = 0;
        while (t < nt && !row_reaches(g, t))
            t++;
        if (t < nt) {
            hi = tried[t];
            if (t > 0) lo = tried[t - 1] + 1;
        } else {
            lo = tried[nt - 1] + 1;
        }
    }
    mv->to = grid_value(&gr, hi);
}

/* ---- one unit ---------------------------------------------------------------------------------------- */

/* Grows the batch's pools by one unit's worth; -1 when out of memory. */
static int reserve(struct zi_gap *g, size_t changes, size_t prereqs)
{
    if (g->n_changes + changes > g->cap_changes) {
        size_t cap = (g->n_changes + changes) * 2 + 64;
        struct zi_gap_change *p = realloc(g->changes, cap * sizeof *p);
        if (!p) return -1;
        g->changes = p;
        g->cap_changes = cap;
    }
    if (g->n_prereqs + prereqs > g->cap_prereqs) {
        size_t cap = (g->n_prereqs + prereqs) * 2 + 64;
        uint32_t *p = realloc(g->prereqs, cap * sizeof *p);
        if (!p) return -1;
        g->prereqs = p;
        g->cap_prereqs = cap;
    }
    return 0;
}

/* The search of gap.c's header for unit u; fills res (changes appended to the pool). -1 out of memory. */
static int unit_gap(struct zi_gap *g, const struct zi_batch *b, uint32_t u, struct zi_gap_result *res)
{
    const struct zi_module *m = g->m;
    memset(res, 0, sizeof *res);
    res->target = -1;
    int32_t v = b->verdict[u];
    if (b->units[u].n_errors || v < 0) return 0;
    int32_t t = g->target_opt == ZI_GAP_TARGET_NEXT ? (v > 0 ? v - 1 : v) : g->target_opt;
    res->target = t;
    res->total_before = res->total_after = zi_batch_out(b, u, (uint32_t)m->total_output);
    if (v <= t) {
        res->status = ZI_GAP_REACHED;
        return 0;
    }
    const struct zi_verdict_desc *vd = &m->verdicts[t];
    if (reserve(g, ZI_GAP_MAX_SET, vd->n_prerequisites) != 0) return -1;
    g->target = t;
    for (uint32_t k = 0; k < m->n_code_columns; k++)
        g->base_codes[k] = b->codes[zi_tile_index(u, k, b->n_codes)];
    for (uint32_t k = 0; k < m->n_number_columns; k++)
        g->base_numbers[k] = b->numbers[zi_tile_index(u, k, b->n_numbers)];
    list_moves(g);
    measure_moves(g);
    if (make_items(g) != 0) return -1;
    /* Minimal needs ordering comparisons: the bound of an equality or a boolean proves nothing. */
    int exact = !g->dropped, additive = 1, found = 0;
    for (uint32_t f = 0; f < g->n_conds; f++)
        if (m->conditions[g->conds[f]].op > ZI_COND_LT) exact = 0;
    struct cand best;
    g->nodes = 0;
    g->cut = 0;
    /* Sizes below `complete` are searched to the end: no set that small covers every shortfall. */
    uint32_t size = lower_bound(g), complete = size;
    for (; size <= g->n_items && size <= ZI_GAP_MAX_SET; size++) {
        g->n_keep = 0;
        memset(g->acc, 0, g->n_conds * sizeof *g->acc);
        dfs(g, size, 0, 0, 0);
        if (g->n_keep) {
            int k = verify(g, g->keep, g->n_keep, &additive);
            if (k >= 0) {
                best = g->keep[k];
                found = 1;
                break;
            }
            exact = 0; /* the model covered a set the module does not accept: it is not additive here */
        }
        if (g->cut) break;
        complete = size + 1;
    }
    if (!found && greedy(g, &best, &additive) == 0) found = 1;
    res->nodes = g->nodes;
    if (!found) {
        res->status = ZI_GAP_UNREACHABLE;
        for (uint32_t c = vd->first_prerequisite; c < vd->first_prerequisite + vd->n_prerequisites; c++)
            if (m->conditions[c].role == ZI_CONDITION_PREREQUISITE &&
                zi_propose_condition(b, u, c) != ZI_PREREQ_MET)
                g->prereqs[g->n_prereqs + res->n_prerequisites++] = c;
        return 0;
    }
    res->status = exact && additive && best.n <= complete ? ZI_GAP_MINIMAL : ZI_GAP_HEURISTIC;
    for (uint32_t k = 0; k < best.n; k++)
        if (!zi_input_has_labels(m->inputs[g->moves[best.moves[k]].input].kind)) smallest_number(g, &best, k);
    /* The set with every change, then each change alone: the points it earns and the total with all. */
    g->n_rows = 0;
    row_add(g, best.moves, best.n);
    for (uint32_t k = 0; k < best.n; k++)
        row_add(g, &best.moves[k], 1);
    row_add(g, NULL, 0);
    rows_score(g, 0);
    if (!row_reaches(g, 0)) { /* score_batch disagrees with explain_batch: never a suggestion it denies */
        res->status = ZI_GAP_UNREACHABLE;
        return 0;
    }
    res->total_before = row_total(g, best.n + 1);
    res->total_after = row_total(g, 0);
    /* The prerequisites the unit would still not meet with the changes (one may read a score). */
    for (uint32_t c = vd->first_prerequisite; c < vd->first_prerequisite + vd->n_prerequisites; c++) {
        uint64_t word = zi_tile_index(0, c / 64, m->n_failed_words), bit = 1ull << (c % 64);
        if (m->conditions[c].role == ZI_CONDITION_PREREQUISITE &&
            ((g->failed[word] | g->unknown[word]) & bit))
            g->prereqs[g->n_prereqs + res->n_prerequisites++] = c;
    }
    /* Worksheet answers first, then the numbers outside it; each in descriptor order. */
    for (int outside = 0; outside < 2; outside++) {
        for (uint32_t i = 0; i < m->n_inputs; i++) {
            for (uint32_t k = 0; k < best.n; k++) {
                const struct move *mv = &g->moves[best.moves[k]];
                if (mv->input != i || zi_input_has_labels(m->inputs[i].kind) == outside) continue;
                struct zi_gap_change *ch = &g->changes[g->n_changes + res->n_changes++];
                ch->input = i;
                ch->outside = (uint8_t)outside;
                ch->from = base_value(g, i);
                ch->to = mv->to;
                /* Rounded to 1e-9, the language's tolerance: a difference of sums ends in noise. */
                ch->points = round((row_total(g, k + 1) - res->total_before) * 1e9) / 1e9;
            }
        }
    }
    return 0;
}

int zi_gap_batch(struct zi_gap *g, const struct zi_batch *b)
{
    if (b->n > g->cap_results) {
        struct zi_gap_result *r = realloc(g->results, b->n * sizeof *r);
        if (r) g->results = r;
        size_t *ca = r ? realloc(g->change_at, b->n * sizeof *ca) : NULL;
        if (ca) g->change_at = ca;
        size_t *pa = ca ? realloc(g->prereq_at, b->n * sizeof *pa) : NULL;
        if (pa) g->prereq_at = pa;
        if (!pa) return -1;
        g->cap_results = b->n;
    }
    g->n_changes = g->n_prereqs = 0;
    int rc = 0;
    for (uint32_t u = 0; u < b->n; u++) {
        g->change_at[u] = g->n_changes;
        g->prereq_at[u] = g->n_prereqs;
        if (rc == 0 && unit_gap(g, b, u, &g->results[u]) != 0) rc = -1;
        if (rc != 0) {
            memset(&g->results[u], 0, sizeof g->results[u]);
            g->results[u].target = -1;
        }
        g->n_changes += g->results[u].n_changes;
        g->n_prereqs += g->results[u].n_prerequisites;
    }
    /* The pools may have moved while they grew: the pointers are set once they are final. */
    for (uint32_t u = 0; u < b->n; u++) {
        g->results[u].changes = g->changes ? g->changes + g->change_at[u] : NULL;
        g->results[u].prerequisites = g->prereqs ? g->prereqs + g->prereq_at[u] : NULL;
    }
    return rc;
}

const struct zi_gap_result *zi_gap_get(const struct zi_gap *g, uint32_t u)
{
    return &g->results[u];
}

/* ---- words ------------------------------------------------------------------------------------------- */

const char *zi_gap_status_word(enum zi_gap_status s, enum zi_lang lang)
{
    switch (s) {
    case ZI_GAP_REACHED:
        return ZI_WORDS(lang, "sudah tercapai", "reached");
    case ZI_GAP_MINIMAL:
        return "minimal";
    case ZI_GAP_HEURISTIC:
        return ZI_WORDS(lang, "heuristik: mungkin bukan yang terkecil", "heuristic: maybe not the smallest");
    case ZI_GAP_UNREACHABLE:
        return ZI_WORDS(lang, "tidak tercapai dengan mengubah jawaban", "not reachable by changing answers");
    default:
        return "-";
    }
}

const char *zi_gap_status_code(enum zi_gap_status s)
{
    static const char *const codes[] = {"", "reached", "minimal", "heuristic", "unreachable"};
    return codes[s];
}

/* x with at most six decimals, trailing zeros dropped: points are differences of sums, whose last bits are
 * noise ("0.04374999999998863"). */
static void put_short(struct zi_buf *o, double x)
{
    char t[ZI_FMT_MAX];
    size_t n = zi_fmt_fixed(x, 6, '.', t);
    while (n > 1 && t[n - 1] == '0')
        t[--n] = '\0';
    if (n > 1 && t[n - 1] == '.') t[--n] = '\0';
    zi_buf_puts(o, strcmp(t, "-0") == 0 ? "0" : t);
}

/* A changed answer for a program: its label, the shortest decimal, or "not answered". */
static void put_plain(struct zi_buf *o, const struct zi_module *m, uint32_t input, double v)
{
    const struct zi_input_desc *d = &m->inputs[input];
    char t[ZI_FMT_MAX];
    if (zi_input_has_labels(d->kind) ? v < 1 || v > d->n_labels : v != v) {
        zi_buf_puts(o, "not answered");
        return;
    }
    if (zi_input_has_labels(d->kind)) {
        const struct zi_scale_label *l = &d->labels[(uint32_t)v - 1];
        zi_buf_puts(o, l->printed_as ? d->labels[l->printed_as - 1].label : l->label);
    } else {
        zi_fmt_shortest(v, t);
        zi_buf_puts(o, t);
    }
}

void zi_gap_text(struct zi_buf *o, const struct zi_module *m, const struct zi_gap_result *r)
{
    if (r->status == ZI_GAP_UNREACHABLE) zi_buf_puts(o, "unreachable");
    if (r->status != ZI_GAP_MINIMAL && r->status != ZI_GAP_HEURISTIC && r->status != ZI_GAP_UNREACHABLE)
        return;
    for (uint32_t k = 0; k < r->n_changes; k++) {
        const struct zi_gap_change *ch = &r->changes[k];
        if (k) zi_buf_puts(o, "; ");
        zi_buf_puts(o, m->inputs[ch->input].key);
        zi_buf_puts(o, ": ");
        put_plain(o, m, ch->input, ch->from);
        zi_buf_puts(o, " -> ");
        put_plain(o, m, ch->input, ch->to);
        zi_buf_puts(o, ch->points < 0 ? " (" : " (+");
        put_short(o, ch->points);
        zi_buf_puts(o, ch->outside ? ", outside)" : ")");
    }
    for (uint32_t k = 0; k < r->n_prerequisites; k++) {
        zi_buf_puts(o, r->n_changes + k || r->status == ZI_GAP_UNREACHABLE ? "; prerequisite: "
                                                                           : "prerequisite: ");
        zi_buf_puts(o, zi_propose_name(m, r->prerequisites[k]));
    }
}

static void put_number(struct zi_buf *o, double x, int decimals, char point)
{
    char t[ZI_FMT_MAX];
    zi_fmt_fixed(x, decimals, point, t);
    zi_buf_puts(o, t);
}

void zi_gap_value(struct zi_buf *o, const struct zi_module *m, const struct zi_gap_change *ch, double v,
                  char point, enum zi_lang lang)
{
    const struct zi_input_desc *d = &m->inputs[ch->input];
    if (zi_input_has_labels(d->kind) ? v < 1 || v > d->n_labels : v != v) {
        zi_buf_puts(o, ZI_WORDS(lang, "kosong", "not answered"));
    } else if (zi_input_has_labels(d->kind)) {
        const struct zi_scale_label *l = &d->labels[(uint32_t)v - 1];
        zi_buf_puts(o, l->printed_as ? d->labels[l->printed_as - 1].label : l->label);
    } else if (d->kind == ZI_INPUT_PERCENT) {
        put_number(o, v * 100, 2, point);
        zi_buf_putc(o, '%');
    } else {
        put_number(o, v, d->kind == ZI_INPUT_COUNT ? 0 : 2, point);
    }
}

static void put_points(struct zi_buf *o, double p, char point, enum zi_lang lang)
{
    zi_buf_puts(o, p < 0 ? "-" : "+");
    put_number(o, fabs(p), 2, point);
    zi_buf_puts(o, ZI_WORDS(lang, " poin", " points"));
}

void zi_gap_lines(struct zi_buf *o, const struct zi_module *m, const struct zi_gap_result *r, char point,
                  enum zi_lang lang, const char *indent)
{
    if (r->status == ZI_GAP_NA || r->status == ZI_GAP_REACHED) return;
    zi_buf_puts(o, indent);
    zi_buf_puts(o, ZI_WORDS(lang, "menuju ", "to reach "));
    zi_buf_puts(o, m->verdicts[r->target].id);
    zi_buf_puts(o, " (");
    zi_buf_puts(o, zi_gap_status_word(r->status, lang));
    zi_buf_putc(o, ')');
    if (r->status != ZI_GAP_UNREACHABLE) {
        zi_buf_printf(o, ": %u %s, total ", r->n_changes,
                      ZI_WORDS(lang, "perubahan", r->n_changes == 1 ? "change" : "changes"));
        put_number(o, r->total_before, 2, point);
        zi_buf_puts(o, " → ");
        put_number(o, r->total_after, 2, point);
    }
    zi_buf_putc(o, '\n');
    for (uint32_t k = 0; k < r->n_changes; k++) {
        const struct zi_gap_change *ch = &r->changes[k];
        zi_buf_puts(o, indent);
        zi_buf_puts(o, "  ");
        if (ch->outside) {
            zi_buf_puts(o, ZI_WORDS(lang, "di luar lembar kerja: ", "outside the worksheet: "));
            zi_buf_puts(o, m->inputs[ch->input].key);
            int up = !(ch->from == ch->from) || ch->to > ch->from;
            zi_buf_puts(o, up ? ZI_WORDS(lang, " harus naik dari ", " must rise from ")
                              : ZI_WORDS(lang, " harus turun dari ", " must fall from "));
            zi_gap_value(o, m, ch, ch->from, point, lang);
            zi_buf_puts(o, ZI_WORDS(lang, " menjadi ", " to "));
        } else {
            zi_buf_puts(o, m->inputs[ch->input].key);
            zi_buf_puts(o, ": ");
            zi_gap_value(o, m, ch, ch->from, point, lang);
            zi_buf_puts(o, " → ");
        }
        zi_gap_value(o, m, ch, ch->to, point, lang);
        zi_buf_puts(o, ", ");
        put_points(o, ch->points, point, lang);
        zi_buf_putc(o, '\n');
    }
    for (uint32_t k = 0; k < r->n_prerequisites; k++) {
        zi_buf_puts(o, indent);
        zi_buf_puts(o, ZI_WORDS(lang, "  di luar lembar kerja: syarat pengusulan belum terpenuhi: ",
                                "  outside the worksheet: proposal prerequisite not met: "));
        zi_buf_puts(o, zi_propose_name(m, r->prerequisites[k]));
        zi_buf_putc(o, '\n');
    }
}
