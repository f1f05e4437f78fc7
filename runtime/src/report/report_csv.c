/* report_csv.c — one row per unit: unit,total,verdict,status, a column per group, view member and let (by
 * path, in descriptor order), then the missing items and the errors; --explain adds an explain column. A
 * criteria with prerequisites has two more columns after the verdict: proposable and prerequisites.
 *
 * Numbers are the shortest decimals that read back as the exact doubles the module computed (numfmt.c), with
 * a decimal point, so the file can be checked bit for bit. A unit with errors has status "error" and no
 * verdict; when its data could not be read at all its scores are empty too. This is zirun's fastest path:
 * everything goes through the output buffer, nothing is formatted with printf, and the text of scores seen
 * lately is reused (zi_numcache).
 */
#include "score/gap.h"
#include "zirt.h"

#define ZI_PREFETCH_AHEAD 6 /* numbers between asking for a cache slot and reading it */

/* The header names columns by path (CSV for programs), or for Excel in Indonesian by their titles. */
void zi_report_csv_header(struct zi_report *r)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->excel ? r->c->lang : ZI_LANG_EN;
    static const char *const names[2][9] = {{"unit", "total", "predikat", "dapat_diusulkan", "syarat",
                                             "status", "belum_dijawab", "galat", "alasan"},
                                            {"unit", "total", "verdict", "proposable", "prerequisites",
                                             "status", "missing", "errors", "explain"}};
    const char *const *name = names[lang == ZI_LANG_EN];
    /* Excel takes a file without a byte-order mark for the machine's code page, not UTF-8. */
    if (r->excel) zi_out_str(o, "\xEF\xBB\xBF");
    for (int k = 0; k < 6; k++) {
        if ((k == 3 || k == 4) && !r->c->propose.any) continue;
        if (k) zi_out_char(o, r->sep);
        zi_out_str(o, name[k]);
    }
    for (uint32_t k = 0; k < r->n_cols; k++) {
        zi_out_char(o, r->sep);
        const struct zi_output_desc *d = &m->outputs[r->cols[k]];
        const char *label = r->excel ? d->title : d->path;
        zi_out_csv_field(o, label, strlen(label));
    }
    for (int k = 6; k < (r->c->explain ? 9 : 8); k++) {
        zi_out_char(o, r->sep);
        zi_out_str(o, name[k]);
    }
    static const char *const gap_names[2][3] = {{"perbaikan_menuju", "perbaikan_minimal", "perbaikan"},
                                                {"gap_target", "gap_minimal", "gap_changes"}};
    for (int k = 0; r->gap && k < 3; k++) {
        zi_out_char(o, r->sep);
        zi_out_str(o, gap_names[lang == ZI_LANG_EN][k]);
    }
    zi_out_char(o, '\n');
}

/* A score as Excel in Indonesian reads it: the shortest exact decimal, with a comma. */
static void excel_number(struct zi_out *o, double x)
{
    char t[ZI_FMT_MAX];
    size_t n = zi_fmt_shortest(x, t);
    char *dot = memchr(t, '.', n);
    if (dot) *dot = ',';
    zi_out_bytes(o, t, n);
}

/* Lines ("a\n  b\n") as one quoted cell ("a; b": a cell has no room for the lines' indentation). */
static void lines_field(struct zi_out *o, const struct zi_buf *s)
{
    size_t len = s->len;
    while (len && s->p[len - 1] == '\n')
        len--;
    if (!len) return;
    zi_out_char(o, '"');
    for (const char *p = s->p, *end = s->p + len; p < end;) {
        if (p == s->p || p[-1] == '\n')
            while (p < end && *p == ' ')
                p++;
        /* The run up to the next newline or quote, copied at once; found with memchr, which reads a vector at
         * a time (explanations are a kilobyte a unit, and quotes in them are rare). */
        const char *q = memchr(p, '\n', (size_t)(end - p));
        if (!q) q = end;
        const char *quote = memchr(p, '"', (size_t)(q - p));
        if (quote) q = quote;
        zi_out_bytes(o, p, (size_t)(q - p));
        if (q == end) break;
        zi_out_bytes(o, *q == '\n' ? "; " : "\"\"", 2);
        p = q + 1;
    }
    zi_out_char(o, '"');
}

/* ",no,unmet: NAME; unknown: NAME": the two columns of a criteria with prerequisites. */
static void proposability(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_proposable p = zi_report_propose(r, b, u);
    zi_out_char(o, r->sep);
    zi_out_str(o, zi_report_proposable(p, r->excel, r->c->lang));
    zi_out_char(o, r->sep);
    uint32_t n = zi_report_propose_listed(r, b, u, p, r->listed);
    if (!n) return;
    struct zi_buf *s = &r->scratch;
    s->len = 0;
    for (uint32_t j = 0; j < n; j++) {
        uint32_t k = r->listed[j], c = m->verdicts[b->verdict[u]].first_prerequisite + k;
        /* Codes for programs; for Excel in Indonesian, the words of the table. */
        static const char *const what[2][2][3] = {
            {{NULL, "unmet: ", "unknown: "}, {"relaxation: ", "unmet relaxation: ", "unknown relaxation: "}},
            {{NULL, "syarat tidak terpenuhi: ", "syarat belum diketahui: "},
             {"relaksasi: ", "relaksasi tidak berlaku: ", "relaksasi belum diketahui: "}}};
        int words = r->excel && r->c->lang == ZI_LANG_ID;
        zi_buf_puts(s, j ? "; " : "");
        zi_buf_puts(s, what[words][m->conditions[c].role == ZI_CONDITION_RELAXATION][r->status[k]]);
        zi_buf_puts(s, zi_propose_name(m, c));
    }
    zi_out_csv_field(o, s->p, s->len);
}

/* ",WBK,yes,A.I.1.i.a: B -> A (+0.375); …": the target, whether the set is minimal (yes, no; empty when
 * there is no gap), the changes (zi_gap_text). A unit at or above the target: its target, yes, nothing. For
 * Excel in Indonesian: "ya"/"tidak" and the lines people read (zi_gap_lines) in one cell. */
static void gap(struct zi_report *r, uint32_t u)
{
    const struct zi_gap_result *g = zi_gap_get(r->gap, u);
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->excel ? r->c->lang : ZI_LANG_EN;
    zi_out_char(o, r->sep);
    if (g->status != ZI_GAP_NA) zi_out_str(o, r->m->verdicts[g->target].id);
    zi_out_char(o, r->sep);
    if (g->status != ZI_GAP_NA)
        zi_out_str(o, g->status == ZI_GAP_MINIMAL || g->status == ZI_GAP_REACHED
                          ? ZI_WORDS(lang, "ya", "yes")
                          : ZI_WORDS(lang, "tidak", "no"));
    zi_out_char(o, r->sep);
    r->scratch.len = 0;
    if (r->excel) {
        zi_gap_lines(&r->scratch, r->m, g, r->point, lang, "");
        lines_field(o, &r->scratch);
    } else {
        zi_gap_text(&r->scratch, r->m, g);
        zi_out_csv_field(o, r->scratch.p, r->scratch.len);
    }
}

void zi_report_csv_batch(struct zi_report *r, const struct zi_batch *b)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    struct zi_buf *s = &r->scratch;
    for (uint32_t u = 0; u < b->n; u++) {
        const struct zi_unit *un = &b->units[u];
        int show = !un->unreadable;
        const char sep = r->sep;
        zi_out_csv_field(o, zi_batch_str(b, un->id), un->id_len);
        zi_out_char(o, sep);
        if (show && r->excel)
            excel_number(o, zi_batch_out(b, u, (uint32_t)m->total_output));
        else if (show)
            zi_out_double_cached(o, r->numbers, zi_batch_out(b, u, (uint32_t)m->total_output));
        zi_out_char(o, sep);
        if (!un->n_errors) zi_out_str(o, m->verdicts[b->verdict[u]].id);
        if (r->c->propose.any) proposability(r, b, u);
        zi_out_char(o, sep);
        zi_out_str(o, un->n_errors ? "error" : "ok");
        /* The hot loop of the report: one reservation, then each score written in place (piece by piece
         * only if the buffer could not grow, or for Excel). */
        char *at = r->excel ? NULL : zi_out_reserve(o, (size_t)r->n_cols * (ZI_FMT_MAX + 1));
        if (at) {
            char *p = at;
            const double *row = b->outputs + zi_tile_index(u, 0, b->n_outputs);
            for (uint32_t k = 0; k < r->n_cols; k++) {
                *p++ = ',';
                if (k + ZI_PREFETCH_AHEAD < r->n_cols)
                    zi_numcache_prefetch(r->numbers, row[(size_t)r->cols[k + ZI_PREFETCH_AHEAD] * ZI_TILE]);
                if (show) p += zi_numcache_write(r->numbers, row[(size_t)r->cols[k] * ZI_TILE], p);
            }
            o->len += (size_t)(p - at);
        } else {
            for (uint32_t k = 0; k < r->n_cols; k++) {
                zi_out_char(o, sep);
                if (show && r->excel)
                    excel_number(o, zi_batch_out(b, u, r->cols[k]));
                else if (show)
                    zi_out_double_cached(o, r->numbers, zi_batch_out(b, u, r->cols[k]));
            }
        }
        zi_out_char(o, sep);
        if (zi_report_missing_codes(r, b, u, s)) zi_out_csv_field(o, s->p, s->len);
        zi_out_char(o, sep);
        if (un->n_errors) {
            s->len = 0;
            for (uint32_t e = un->first_error; e != ZI_NONE; e = b->errors[e].next) {
                zi_report_error_text(s, r->c, b, &b->errors[e]);
                zi_buf_putc(s, '\n');
            }
            lines_field(o, s);
        }
        if (r->c->explain) {
            zi_out_char(o, sep);
            s->len = 0;
            zi_report_explain_lines(r, b, u, s, r->point);
            lines_field(o, s);
        }
        if (r->gap) gap(r, u);
        zi_out_char(o, '\n');
    }
}
