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

/* The threshold, and when it is a percentage of a weight, "(75% of 8)". */
static void put_rhs(struct zi_buf *o, const struct zi_condition_desc *d, double r, int dec, char point)
{
    put_fixed(o, r, dec, point);
    if (d->rhs_weight > 0) {
        char pct[ZI_FMT_MAX], w[ZI_FMT_MAX];
        /* At most six decimals of a percentage: 0.6 × 100 is 60.00000000000001 in binary. */
        size_t n = zi_fmt_fixed(d->rhs_percent * 100, 6, point, pct);
        while (n > 0 && pct[n - 1] == '0')
            pct[--n] = '\0';
        if (n > 0 && pct[n - 1] == point) pct[--n] = '\0';
        zi_fmt_shortest(d->rhs_weight, w);
        if (point != '.') {
            char *dot = strchr(w, '.');
            if (dot) *dot = point;
        }
        zi_buf_puts(o, " (");
        zi_buf_puts(o, pct);
        zi_buf_puts(o, "% of ");
        zi_buf_puts(o, w);
        zi_buf_putc(o, ')');
    }
}

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
                          double *shortfall)
{
    const struct zi_condition_desc *d = &m->conditions[f->condition];
    double l = f->lhs, r = f->rhs;
    *shortfall = NAN;
    if (d->op == ZI_COND_BOOL) {
        zi_buf_puts(o, d->text);
        zi_buf_puts(o, " does not hold");
        return;
    }
    zi_buf_puts(o, d->lhs);
    if (d->lhs_output >= 0 && strcmp(m->outputs[d->lhs_output].path, d->lhs) != 0) {
        zi_buf_puts(o, " (");
        zi_buf_puts(o, m->outputs[d->lhs_output].path);
        zi_buf_putc(o, ')');
    }
    zi_buf_putc(o, ' ');
    int dec = zi_explain_decimals(l, r);
    put_fixed(o, l, dec, point);
    switch (d->op) {
    case ZI_COND_GE:
        zi_buf_puts(o, " < ");
        put_rhs(o, d, r, dec, point);
        zi_buf_puts(o, " required");
        *shortfall = r - l;
        put_shortfall(o, "short by", r - l, dec, point);
        break;
    case ZI_COND_GT:
        zi_buf_puts(o, " is not above ");
        put_rhs(o, d, r, dec, point);
        *shortfall = r - l;
        if (r - l > ZI_EPS) put_shortfall(o, "short by", r - l, dec, point);
        break;
    case ZI_COND_LE:
        zi_buf_puts(o, " > ");
        put_rhs(o, d, r, dec, point);
        zi_buf_puts(o, " allowed");
        *shortfall = l - r;
        put_shortfall(o, "over by", l - r, dec, point);
        break;
    case ZI_COND_LT:
        zi_buf_puts(o, " is not below ");
        put_rhs(o, d, r, dec, point);
        *shortfall = l - r;
        if (l - r > ZI_EPS) put_shortfall(o, "over by", l - r, dec, point);
        break;
    case ZI_COND_EQ:
        zi_buf_puts(o, ", but ");
        put_rhs(o, d, r, dec, point);
        zi_buf_puts(o, " required");
        *shortfall = fabs(l - r);
        put_shortfall(o, "off by", fabs(l - r), dec, point);
        break;
    default: /* ZI_COND_NE */
        zi_buf_puts(o, ", but it must differ from ");
        put_rhs(o, d, r, dec, point);
        break;
    }
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

uint32_t zi_explain_losses(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                           const uint32_t *first_input, struct zi_loss *out, uint32_t cap)
{
    uint32_t n = 0;
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *d = &m->outputs[o];
        if (d->kind != ZI_OUTPUT_ITEM || !d->has_weight || d->weight <= 0) continue;
        double lost = d->weight - zi_batch_out(b, u, o);
        if (!(lost > ZI_EPS)) continue;
        /* Insertion into the top `cap`, most lost first; equal losses keep descriptor order. */
        uint32_t at = n;
        while (at > 0 && out[at - 1].lost < lost)
            at--;
        if (at >= cap || excluded(m, b, u, o, first_input)) /* checked last: it reads the item's inputs */
            continue;
        uint32_t last = n < cap ? n : cap - 1;
        for (uint32_t k = last; k > at; k--)
            out[k] = out[k - 1];
        out[at].output = o;
        out[at].lost = lost;
        out[at].weight = d->weight;
        if (n < cap) n++;
    }
    return n;
}
