/* report_table.c — an aligned table for people: unit, total, the top-level groups, the view members (the
 * per-area breakdown), verdict; two decimals with a decimal comma, as the worksheet prints them. A unit with
 * errors shows ERROR as its verdict and its errors on the lines below it; --explain adds the reasons. When
 * the criteria have prerequisites, whether the unit may be proposed follows its verdict ("dapat diusulkan:
 * tidak"), with the unmet and unknown prerequisites on the lines below.
 *
 * Column widths are fixed when the first batch arrives (ids from that batch, numbers from the weights), so
 * the table streams; a longer id further down widens only its own row.
 */
#include "score/gap.h"
#include "zirt.h"

#define ZI_MAX_ID_WIDTH 40

static size_t number_width(const struct zi_output_desc *d)
{
    char t[ZI_FMT_MAX];
    return d->has_weight ? zi_fmt_fixed(d->weight, 2, ',', t) : 6;
}

static size_t max_sz(size_t a, size_t b)
{
    return a > b ? a : b;
}

static void header(struct zi_report *r, const struct zi_batch *b)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    size_t *w = r->widths;
    w[0] = 4;
    for (uint32_t u = 0; b && u < b->n; u++) {
        r->scratch.len = 0;
        zi_buf_put_printable(&r->scratch, zi_batch_str(b, b->units[u].id), b->units[u].id_len);
        w[0] = max_sz(w[0], zi_utf8_width(r->scratch.p, r->scratch.len));
    }
    if (w[0] > ZI_MAX_ID_WIDTH) w[0] = ZI_MAX_ID_WIDTH;
    w[1] = max_sz(5, number_width(&m->outputs[m->total_output]));
    for (uint32_t k = 0; k < r->n_cols; k++) {
        const struct zi_output_desc *d = &m->outputs[r->cols[k]];
        w[2 + k] = max_sz(zi_utf8_width(d->path, strlen(d->path)), number_width(d));
    }
    /* With prerequisites, "dapat diusulkan: …" follows the verdict, after the longest verdict id. */
    size_t wv = 7;
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        wv = max_sz(wv, zi_utf8_width(m->verdicts[v].id, strlen(m->verdicts[v].id)));
    w[2 + r->n_cols] = wv;
    zi_out_str(o, m->title);
    if (m->regulation) {
        zi_out_str(o, " — ");
        zi_out_str(o, m->regulation);
    }
    zi_out_str(o, "\n\n");
    zi_out_str(o, "unit");
    zi_out_spaces(o, w[0] - 4 + 2);
    zi_out_spaces(o, w[1] - 5);
    zi_out_str(o, "total");
    for (uint32_t k = 0; k < r->n_cols; k++) {
        const char *path = m->outputs[r->cols[k]].path;
        zi_out_spaces(o, 2 + w[2 + k] - zi_utf8_width(path, strlen(path)));
        zi_out_str(o, path);
    }
    zi_out_str(o, ZI_WORDS(r->c->lang, "  predikat\n", "  verdict\n"));
}

static void number(struct zi_out *o, double x, size_t width, int show, char point)
{
    char t[ZI_FMT_MAX];
    size_t n = show ? zi_fmt_fixed(x, 2, point, t) : (t[0] = '-', 1);
    zi_out_spaces(o, 2 + (width > n ? width - n : 0));
    zi_out_bytes(o, t, n);
}

void zi_report_table_batch(struct zi_report *r, const struct zi_batch *b)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    if (!r->units) header(r, b);
    if (!b) return;
    const size_t *w = r->widths;
    for (uint32_t u = 0; u < b->n; u++) {
        const struct zi_unit *un = &b->units[u];
        /* The id as people can read it: control bytes escaped (zi_buf_put_printable). */
        r->scratch.len = 0;
        zi_buf_put_printable(&r->scratch, zi_batch_str(b, un->id), un->id_len);
        size_t idw = zi_utf8_width(r->scratch.p, r->scratch.len);
        zi_out_bytes(o, r->scratch.p, r->scratch.len);
        zi_out_spaces(o, w[0] > idw ? w[0] - idw : 0);
        int show = !un->unreadable;
        number(o, zi_batch_out(b, u, (uint32_t)m->total_output), w[1], show, r->point);
        for (uint32_t k = 0; k < r->n_cols; k++)
            number(o, zi_batch_out(b, u, r->cols[k]), w[2 + k], show, r->point);
        zi_out_str(o, "  ");
        const char *verdict =
            un->n_errors ? ZI_WORDS(r->c->lang, "GALAT", "ERROR") : m->verdicts[b->verdict[u]].id;
        zi_out_str(o, verdict);
        enum zi_proposable p = r->c->propose.any ? zi_report_propose(r, b, u) : ZI_PROPOSE_NA;
        if (p != ZI_PROPOSE_NA) {
            size_t vw = zi_utf8_width(verdict, strlen(verdict));
            zi_out_spaces(o, 2 + (w[2 + r->n_cols] > vw ? w[2 + r->n_cols] - vw : 0));
            zi_out_str(o, ZI_WORDS(r->c->lang, "dapat diusulkan: ", "may be proposed: "));
            zi_out_str(o, zi_report_proposable(p, 1, r->c->lang));
        }
        zi_out_char(o, '\n');
        struct zi_buf *s = &r->scratch;
        s->len = 0;
        for (uint32_t e = un->first_error; e != ZI_NONE; e = b->errors[e].next) {
            zi_buf_puts(s, "! ");
            zi_report_error_text(s, r->c, b, &b->errors[e]);
            zi_buf_putc(s, '\n');
        }
        zi_report_propose_lines(r, b, u, p, s);
        if (r->c->explain) zi_report_explain_lines(r, b, u, s, r->point);
        if (r->gap) zi_gap_lines(s, m, zi_gap_get(r->gap, u), r->point, r->c->lang, "");
        /* Every line indented under the unit (the explanation's own indentation kept). */
        for (size_t i = 0; i < s->len;) {
            const char *nl = memchr(s->p + i, '\n', s->len - i);
            size_t end = nl ? (size_t)(nl - s->p) + 1 : s->len;
            zi_out_str(o, "    ");
            zi_out_bytes(o, s->p + i, end - i);
            i = end;
        }
    }
}
