/* explain.c — why a unit got the verdict it got, in numbers.
 *
 * For each verdict better than the unit's, the conditions that failed, with both operands (from
 * explain_batch) and the shortfall; and the items where the unit lost the most points. Numbers are shown
 * with two decimals, as the worksheet does, except that two decimals must never make a failed condition look
 * met (74,996 shown as 75,00 against "75 required"): docs/language.md §5 asks for as many decimals as it
 * takes to show the difference.
 */
#include <math.h>

#include "zirt.h"

#define ZI_EPS 1e-9 /* the language's comparison tolerance (docs/language.md §5) */

uint32_t zi_explain_failures(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                             struct zi_failure *out, uint32_t cap)
{
    int32_t v = b->verdict[u];
    if (v < 0) return 0;
    uint32_t n = 0;
    for (int32_t w = 0; w < v; w++) {
        const struct zi_verdict_desc *vd = &m->verdicts[w];
        for (uint32_t c = vd->first_condition; c < vd->first_condition + vd->n_conditions; c++) {
            if (!zi_batch_cond_failed(b, u, c) || n >= cap) continue;
            out[n].verdict = (uint32_t)w;
            out[n].condition = c;
            out[n].lhs = b->lhs ? b->lhs[zi_tile_index(u, c, b->n_conditions)] : NAN;
            out[n].rhs = b->rhs ? b->rhs[zi_tile_index(u, c, b->n_conditions)] : NAN;
            n++;
        }
    }
    return n;
}

/* Text is built with puts rather than printf throughout: --explain writes a dozen lines per unit. */
int zi_explain_decimals(double l, double r)
{
    char a[ZI_FMT_MAX], bb[ZI_FMT_MAX];
    int d = 2;
    if (l == r) return d;
    for (; d < 17; d++) {
        zi_fmt_fixed(l, d, '.', a);
        zi_fmt_fixed(r, d, '.', bb);
        if (strcmp(a, bb) != 0) break;
    }
    return d;
}

static void put_fixed(struct zi_buf *o, double x, int decimals, char point)
{
    char t[ZI_FMT_MAX];
    zi_fmt_fixed(x, decimals, point, t);
    zi_buf_puts(o, t);
}

/* x as a percentage with `decimals` places, trailing zeros dropped: 0.734 → "73,4%". */
static void put_percent(struct zi_buf *o, double x, int decimals, char point)
{
    char pct[ZI_FMT_MAX];
    size_t n = zi_fmt_fixed(x * 100, decimals, point, pct);
    while (decimals > 0 && n > 0 && pct[n - 1] == '0')
        pct[--n] = '\0';
    if (n > 0 && pct[n - 1] == point) pct[--n] = '\0';
    zi_buf_puts(o, pct);
    zi_buf_putc(o, '%');
}

/* The threshold, and when it is a percentage of a weight, "75% = 6,00". */
static void put_rhs(struct zi_buf *o, const struct zi_condition_desc *d, double r, int dec, char point)
{
    /* At most six decimals of a percentage: 0.6 × 100 is 60.00000000000001 in binary. */
    if (d->rhs_weight > 0) {
        put_percent(o, d->rhs_percent, 6, point);
        zi_buf_puts(o, " = ");
    }
    put_fixed(o, r, dec, point);
}

static void put_word(struct zi_buf *o, enum zi_lang lang, const char *id, const char *en)
{
    zi_buf_puts(o, ZI_WORDS(lang, id, en));
}

/* ", short by 0,13": the difference with enough decimals not to read 0. */
static void put_shortfall(struct zi_buf *o, const char *word, double s, int dec, char point)
{
    char t[ZI_FMT_MAX];
    for (;; dec++) {
        zi_fmt_fixed(s, dec, point, t);
        if (dec >= 17 || strspn(t, "0.,") != strlen(t)) break;
    }
    zi_buf_puts(o, ", ");
    zi_buf_puts(o, word);
    zi_buf_putc(o, ' ');
    zi_buf_puts(o, t);
}

void zi_explain_condition(struct zi_buf *o, const struct zi_module *m, const struct zi_failure *f, char point,
                          enum zi_lang lang, double *shortfall)
{
    const struct zi_condition_desc *d = &m->conditions[f->condition];
    double l = f->lhs, r = f->rhs;
    *shortfall = NAN;
    if (d->op == ZI_COND_BOOL) {
        zi_buf_puts(o, d->text);
        put_word(o, lang, " tidak terpenuhi", " does not hold");
        return;
    }
    zi_buf_puts(o, d->lhs);
    zi_buf_puts(o, ": ");
    int dec = zi_explain_decimals(l, r);
    put_fixed(o, l, dec, point);
    /* A score against a share of its weight: the share it has, then the one it needs. */
    const struct zi_output_desc *out = d->lhs_output >= 0 ? &m->outputs[d->lhs_output] : NULL;
    if (out && out->has_weight && out->weight > 0 && out->kind != ZI_OUTPUT_ITEM) {
        put_word(o, lang, " dari ", " of ");
        put_fixed(o, out->weight, 2, point);
        if (d->rhs_weight > 0) {
            zi_buf_puts(o, " = ");
            put_percent(o, l / out->weight, 1, point);
        }
    }
    switch (d->op) {
    case ZI_COND_GE:
        put_word(o, lang, ", minimal ", ", at least ");
        put_rhs(o, d, r, dec, point);
        *shortfall = r - l;
        put_shortfall(o, ZI_WORDS(lang, "kurang", "short by"), r - l, dec, point);
        break;
    case ZI_COND_GT:
        put_word(o, lang, ", harus lebih dari ", ", must be above ");
        put_rhs(o, d, r, dec, point);
        *shortfall = r - l;
        if (r - l > ZI_EPS) put_shortfall(o, ZI_WORDS(lang, "kurang", "short by"), r - l, dec, point);
        break;
    case ZI_COND_LE:
        put_word(o, lang, ", paling tinggi ", ", at most ");
        put_rhs(o, d, r, dec, point);
        *shortfall = l - r;
        put_shortfall(o, ZI_WORDS(lang, "lebih", "over by"), l - r, dec, point);
        break;
    case ZI_COND_LT:
        put_word(o, lang, ", harus kurang dari ", ", must be below ");
        put_rhs(o, d, r, dec, point);
        *shortfall = l - r;
        if (l - r > ZI_EPS) put_shortfall(o, ZI_WORDS(lang, "lebih", "over by"), l - r, dec, point);
        break;
    case ZI_COND_EQ:
        put_word(o, lang, ", harus ", ", must be ");
        put_rhs(o, d, r, dec, point);
        *shortfall = fabs(l - r);
        put_shortfall(o, ZI_WORDS(lang, "selisih", "off by"), fabs(l - r), dec, point);
        break;
    default: /* ZI_COND_NE */
        put_word(o, lang, ", tidak boleh ", ", must not be ");
        put_rhs(o, d, r, dec, point);
        break;
    }
}

/* How far a failed condition is from passing, relative to its threshold: 0,33 short of 48 is nearer than
 * 0,13 short of 6. A boolean or an unknown operand goes last. */
static double distance(const struct zi_module *m, const struct zi_failure *f)
{
    const struct zi_condition_desc *d = &m->conditions[f->condition];
    double gap = d->op == ZI_COND_GE || d->op == ZI_COND_GT   ? f->rhs - f->lhs
                 : d->op == ZI_COND_LE || d->op == ZI_COND_LT ? f->lhs - f->rhs
                 : d->op == ZI_COND_EQ                        ? fabs(f->lhs - f->rhs)
                                                              : NAN;
    double scale = fabs(f->rhs) > ZI_EPS ? fabs(f->rhs) : 1;
    return gap == gap ? gap / scale : INFINITY;
}

uint32_t zi_explain_order(const struct zi_module *m, struct zi_failure *f, uint32_t n)
{
    if (n == 0) return 0;
    uint32_t next = f[0].verdict;
    for (uint32_t k = 1; k < n; k++)
        if (f[k].verdict > next) next = f[k].verdict;
    /* The next verdict's failures first, nearest first (insertion sort: a handful of conditions, and equal
     * distances keep the criteria's order); the farther verdicts' after them, as they were. */
    uint32_t n_next = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (f[k].verdict != next) continue;
        struct zi_failure x = f[k];
        double dx = distance(m, &x);
        uint32_t at = n_next;
        memmove(&f[n_next + 1], &f[n_next], (k - n_next) * sizeof *f);
        while (at > 0 && distance(m, &f[at - 1]) > dx) {
            f[at] = f[at - 1];
            at--;
        }
        f[at] = x;
        n_next++;
    }
    return n_next;
}

void zi_explain_first_inputs(const struct zi_module *m, uint32_t *first_input)
{
    for (uint32_t o = 0; o < m->n_outputs; o++)
        first_input[o] = ZI_NONE;
    for (uint32_t i = m->n_inputs; i-- > 0;)
        if (m->inputs[i].item >= 0 && (uint32_t)m->inputs[i].item < m->n_outputs)
            first_input[m->inputs[i].item] = i;
}

/* Whether item o is left out of its group for unit u (missing, policy exclude): its weight went to the
 * other items, so it cost nothing. */
static int excluded(const struct zi_module *m, const struct zi_batch *b, uint32_t u, uint32_t o,
                    const uint32_t *first_input)
{
    if (b->units[u].complete) return 0;
    for (uint32_t i = first_input[o]; i < m->n_inputs && m->inputs[i].item == (int32_t)o; i++)
        if (m->inputs[i].missing == ZI_MISSING_EXCLUDE && !zi_batch_has(b, u, i)) return 1;
    return 0;
}

/* Whether every input of item o is answered by unit u. */
static int answered(const struct zi_module *m, const struct zi_batch *b, uint32_t u, uint32_t o,
                    const uint32_t *first_input)
{
    if (b->units[u].complete) return 1;
    for (uint32_t i = first_input[o]; i < m->n_inputs && m->inputs[i].item == (int32_t)o; i++)
        if (!zi_batch_has(b, u, i)) return 0;
    return 1;
}

/* What `whole` adds up when it is a view member: its run of view parts [lo, hi), which zi/module.h orders by
 * member (empty for anything else). Found once per search rather than once per item and group above it: the
 * explanation asks this for every item under every failed condition of every unit. */
struct whole_parts {
    uint32_t whole, lo, hi;
};

static struct whole_parts parts_of(const struct zi_module *m, uint32_t whole)
{
    struct whole_parts w = {whole, 0, 0};
    if (whole == ZI_NONE || m->outputs[whole].kind != ZI_OUTPUT_VIEW) return w;
    while (w.lo < m->n_view_parts && m->view_parts[w.lo].member != (int32_t)whole)
        w.lo++;
    for (w.hi = w.lo; w.hi < m->n_view_parts && m->view_parts[w.hi].member == (int32_t)whole;)
        w.hi++;
    return w;
}

/* Whether item o counts in output `whole`: `whole` is the total, or o lies under it — through the groups
 * above o, or through a group that a view member adds up. */
static int counts_in(const struct zi_module *m, uint32_t o, const struct whole_parts *w)
{
    if ((int32_t)w->whole == m->total_output) return 1;
    for (int32_t p = (int32_t)o; p >= 0; p = m->outputs[p].parent) {
        if (p == (int32_t)w->whole) return 1;
        for (uint32_t k = w->lo; k < w->hi; k++)
            if (m->view_parts[k].part == p) return 1;
    }
    return 0;
}

uint32_t zi_explain_lost_items(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                               const uint32_t *first_input, struct zi_loss *lost)
{
    uint32_t n = 0;
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *d = &m->outputs[o];
        if (d->kind != ZI_OUTPUT_ITEM || !d->has_weight || d->weight <= 0) continue;
        double points = d->weight - zi_batch_out(b, u, o);
        if (!(points > ZI_EPS) || excluded(m, b, u, o, first_input)) continue;
        lost[n++] = (struct zi_loss){o, points, d->weight, !answered(m, b, u, o, first_input)};
    }
    return n;
}

/* The items of lost[0, n_lost) counted in `whole` (every one when whole is ZI_NONE), the `cap` that lost most
 * kept in out, most first; returns how many there are in all. */
static uint32_t top_losses(const struct zi_module *m, const struct zi_loss *lost, uint32_t n_lost,
                           uint32_t whole, struct zi_loss *out, uint32_t cap)
{
    uint32_t n = 0, all = 0;
    struct whole_parts parts = parts_of(m, whole);
    for (uint32_t j = 0; j < n_lost; j++) {
        if (whole != ZI_NONE && !counts_in(m, lost[j].output, &parts)) continue;
        all++;
        /* Insertion into the top `cap`, most lost first; equal losses keep descriptor order. */
        uint32_t at = n;
        while (at > 0 && out[at - 1].lost < lost[j].lost)
            at--;
        if (at >= cap) continue;
        uint32_t last = n < cap ? n : cap - 1;
        for (uint32_t k = last; k > at; k--)
            out[k] = out[k - 1];
        out[at] = lost[j];
        if (n < cap) n++;
    }
    return all;
}

uint32_t zi_explain_losses(const struct zi_module *m, const struct zi_loss *lost, uint32_t n_lost,
                           struct zi_loss *out, uint32_t cap)
{
    uint32_t all = top_losses(m, lost, n_lost, ZI_NONE, out, cap);
    return all < cap ? all : cap;
}

uint32_t zi_explain_recover(const struct zi_module *m, const struct zi_loss *lost, uint32_t n_lost,
                            uint32_t whole, struct zi_loss *out, uint32_t cap, uint32_t *n_all)
{
    *n_all = top_losses(m, lost, n_lost, whole, out, cap);
    return *n_all < cap ? *n_all : cap;
}
