/* report.c — what the report formats share: which outputs are columns, the header at the first
 * batch, error locations, and the explanation lines (report_table.c, report_csv.c, report_json.c write the
 * rest). Reports stream: each batch is written as soon as it is scored, nothing is kept across batches.
 */
#include <stdlib.h>

#include "html.h"

#define ZI_TOP_LOSSES 5  /* items listed as costing the most points */
#define ZI_TOP_RECOVER 3 /* items listed under a failed condition */

int zi_report_init(struct zi_report *r, const struct zi_ctx *c, FILE *f, enum zi_report_format fmt)
{
    memset(r, 0, sizeof *r);
    const struct zi_module *m = c->m;
    r->c = c;
    r->m = m;
    r->excel = fmt == ZI_REPORT_CSV_EXCEL;
    r->format = r->excel ? ZI_REPORT_CSV : fmt;
    r->sep = r->excel ? ';' : ',';
    /* Numbers for people follow the language (87,50 or 87.50); CSV and JSON for programs keep the point, and
     * Excel in Indonesian reads a comma. */
    r->point =
        r->excel || ((fmt == ZI_REPORT_TABLE || fmt == ZI_REPORT_XLSX) && c->lang == ZI_LANG_ID) ? ',' : '.';
    zi_buf_init(&r->scratch);
    if (zi_out_init(&r->out, f) != 0) return -1;
    r->cols = malloc(((size_t)m->n_outputs + 1) * sizeof *r->cols);
    r->items = malloc(((size_t)m->n_outputs + 1) * sizeof *r->items);
    r->fails = malloc(((size_t)m->n_conditions + 1) * sizeof *r->fails);
    r->first_input = malloc(((size_t)m->n_outputs + 1) * sizeof *r->first_input);
    r->lost = malloc(((size_t)m->n_outputs + 1) * sizeof *r->lost);
    r->widths = calloc((size_t)m->n_outputs + 3, sizeof *r->widths);
    r->numbers = zi_numcache_new();
    r->status = malloc((size_t)m->n_conditions + 1);
    r->facts = malloc(((size_t)m->n_inputs + 1) * sizeof *r->facts);
    r->listed = malloc(((size_t)m->n_conditions + 1) * sizeof *r->listed);
    if (!r->cols || !r->items || !r->fails || !r->first_input || !r->lost || !r->widths || !r->numbers ||
        !r->status || !r->facts || !r->listed)
        return -1;
    zi_explain_first_inputs(m, r->first_input);
    /* CSV and JSON: every group, view member and let, in descriptor order. The table and the page are for
     * reading: the top-level groups and the view members (the per-area breakdown the verdicts talk about). */
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *d = &m->outputs[o];
        int col = fmt == ZI_REPORT_TABLE || fmt == ZI_REPORT_HTML
                      ? (d->kind == ZI_OUTPUT_GROUP && d->parent < 0) || d->kind == ZI_OUTPUT_VIEW
                      : d->kind == ZI_OUTPUT_GROUP || d->kind == ZI_OUTPUT_VIEW || d->kind == ZI_OUTPUT_LET;
        if (col) r->cols[r->n_cols++] = o;
    }
    return fmt == ZI_REPORT_HTML ? zi_report_html_open(r) : 0;
}

void zi_report_free(struct zi_report *r)
{
    zi_out_free(&r->out);
    free(r->cols);
    free(r->items);
    free(r->fails);
    free(r->first_input);
    free(r->lost);
    free(r->widths);
    free(r->numbers);
    free(r->status);
    free(r->facts);
    free(r->listed);
    zi_buf_free(&r->scratch);
    zi_report_xlsx_free(r);
    zi_report_html_free(r);
}

void zi_report_start(struct zi_report *r)
{
    if (r->started) return;
    r->started = 1;
    if (r->format == ZI_REPORT_CSV)
        zi_report_csv_header(r);
    else if (r->format == ZI_REPORT_JSON)
        zi_report_json_begin(r);
    else if (r->format == ZI_REPORT_HTML)
        zi_report_html_begin(r);
}

void zi_report_batch(struct zi_report *r, const struct zi_batch *b)
{
    zi_report_start(r);
    switch (r->format) {
    case ZI_REPORT_TABLE:
        zi_report_table_batch(r, b);
        break;
    case ZI_REPORT_CSV:
        zi_report_csv_batch(r, b);
        break;
    case ZI_REPORT_XLSX:
        zi_report_xlsx_batch(r, b);
        break;
    case ZI_REPORT_HTML:
        zi_report_html_batch(r, b);
        break;
    default:
        zi_report_json_batch(r, b);
        break;
    }
    r->units += b->n;
}

/* The last line of a CSV or table report (docs/runtime.md, "The last line"): a report cut short — a run
 * killed, a disk full, a copy interrupted — lacks it, and one whose run stopped on an error says so. In CSV
 * it is a comment line of one field (no comma, no semicolon), which pandas drops with comment='#'. */
static void trailer(struct zi_report *r, const struct zi_run_stats *st, int complete)
{
    struct zi_out *o = &r->out;
    /* A CSV for programs keeps the English words tools look for; the table and Excel's CSV are for people. */
    enum zi_lang lang = r->format == ZI_REPORT_CSV && !r->excel ? ZI_LANG_EN : r->c->lang;
    if (r->format == ZI_REPORT_CSV) zi_out_str(o, "# ");
    if (!complete) {
        zi_out_str(o, ZI_WORDS(lang, "laporan TIDAK LENGKAP: proses berhenti setelah ",
                               "INCOMPLETE report: the run stopped after "));
        zi_out_u64(o, st->units);
        zi_out_str(o, ZI_WORDS(lang, " unit", st->units == 1 ? " unit" : " units"));
        zi_out_str(o, ZI_WORDS(lang, " (galatnya tertulis di standard error)\n",
                               " (the error is on standard error)\n"));
        return;
    }
    const char *sep = r->format == ZI_REPORT_CSV ? " | " : ", ";
    zi_out_str(o, ZI_WORDS(lang, "akhir laporan: ", "end of report: "));
    zi_out_u64(o, st->units);
    zi_out_str(o, ZI_WORDS(lang, " unit", st->units == 1 ? " unit" : " units"));
    zi_out_str(o, sep);
    zi_out_u64(o, st->scored);
    zi_out_str(o, ZI_WORDS(lang, " dinilai", " scored"));
    zi_out_str(o, sep);
    zi_out_u64(o, st->with_errors);
    zi_out_str(o, ZI_WORDS(lang, " dengan galat\n", " with errors\n"));
}

int zi_report_finish(struct zi_report *r, const struct zi_run_stats *st, int complete)
{
    if (r->format == ZI_REPORT_XLSX) /* a run that failed leaves its workbook unfinished: it is not kept */
        return complete ? zi_report_xlsx_finish(r, st) : 0;
    zi_report_start(r);
    if (r->format == ZI_REPORT_JSON)
        zi_report_json_end(r, st, complete);
    else if (r->format == ZI_REPORT_HTML)
        zi_report_html_end(r, st, complete);
    else if (r->format == ZI_REPORT_TABLE && r->units == 0)
        zi_report_table_batch(r, NULL);
    if (r->format != ZI_REPORT_JSON && r->format != ZI_REPORT_HTML) trailer(r, st, complete);
    return zi_out_flush(&r->out);
}

void zi_report_error_text(struct zi_buf *o, const struct zi_ctx *c, const struct zi_batch *b,
                          const struct zi_unit_error *e)
{
    zi_location(o, c, e->row, e->column, ZI_LOC_TEXT);
    zi_buf_puts(o, zi_batch_str(b, e->text));
}

uint32_t zi_report_missing_codes(struct zi_report *r, const struct zi_batch *b, uint32_t u, struct zi_buf *s)
{
    const struct zi_module *m = r->m;
    uint32_t nm = zi_unit_missing(m, b, u, r->items, m->n_outputs);
    s->len = 0;
    for (uint32_t k = 0; k < nm; k++) {
        zi_buf_puts(s, k ? " " : "");
        zi_buf_puts(s, m->outputs[r->items[k]].code);
    }
    return nm;
}

const char *zi_report_proposable(enum zi_proposable p, int people, enum zi_lang lang)
{
    static const char *const code[] = {"-", "yes", "relaxed", "no", "unknown"};
    static const char *const words[2][5] = {{"-", "ya", "ya, dengan relaksasi", "tidak", "belum diketahui"},
                                            {"-", "yes", "yes, under the relaxation", "no", "unknown"}};
    return people ? words[lang == ZI_LANG_EN][p] : code[p];
}

enum zi_proposable zi_report_propose(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    return zi_propose_unit(r->m, b, u, r->status);
}

/* " (data kosong: instansi.opini_bpk, …)": the facts condition c lacks. */
static void put_missing(struct zi_report *r, const struct zi_batch *b, uint32_t u, uint32_t c,
                        struct zi_buf *o)
{
    uint32_t n = zi_propose_missing(&r->c->propose, r->m, b, u, c, r->facts);
    for (uint32_t k = 0; k < n; k++) {
        zi_buf_puts(o, k ? ", " : ZI_WORDS(r->c->lang, " (data kosong: ", " (no data: "));
        zi_buf_puts(o, r->m->inputs[r->facts[k]].key);
    }
    if (n) zi_buf_putc(o, ')');
}

/* " (nilai: kl)" for a condition on one fact, " (nilai: instansi.jenis = pemda, …)" for the others. */
static void put_values(struct zi_report *r, const struct zi_batch *b, uint32_t u, uint32_t c,
                       struct zi_buf *o)
{
    const struct zi_propose *p = &r->c->propose;
    size_t at = o->len;
    zi_buf_puts(o, ZI_WORDS(r->c->lang, " (nilai: ", " (value: "));
    if (p->first_fact[c + 1] - p->first_fact[c] == 1 && r->m->conditions[c].lhs_output < 0)
        zi_propose_fact_value(o, r->m, b, u, p->facts[p->first_fact[c]], r->point);
    else if (zi_propose_values(o, p, r->m, b, u, c, r->point) == 0)
        o->len = at; /* nothing it read can be shown */
    if (o->len != at) zi_buf_putc(o, ')');
}

uint32_t zi_report_propose_listed(const struct zi_report *r, const struct zi_batch *b, uint32_t u,
                                  enum zi_proposable p, uint32_t *out)
{
    if (p == ZI_PROPOSE_NA || p == ZI_PROPOSE_YES) return 0;
    const struct zi_module *m = r->m;
    const struct zi_verdict_desc *vd = &m->verdicts[b->verdict[u]];
    uint32_t n = 0;
    for (int relaxation = 0; relaxation < 2; relaxation++) {
        for (uint32_t k = 0; k < vd->n_prerequisites; k++) {
            uint32_t c = vd->first_prerequisite + k;
            if ((m->conditions[c].role == ZI_CONDITION_RELAXATION) != relaxation) continue;
            if (r->status[k] != ZI_PREREQ_MET || (relaxation && p == ZI_PROPOSE_RELAXED)) out[n++] = k;
        }
    }
    return n;
}

void zi_report_propose_lines(struct zi_report *r, const struct zi_batch *b, uint32_t u, enum zi_proposable p,
                             struct zi_buf *o)
{
    const struct zi_module *m = r->m;
    uint32_t n = zi_report_propose_listed(r, b, u, p, r->listed);
    for (uint32_t j = 0; j < n; j++) {
        uint32_t k = r->listed[j], c = m->verdicts[b->verdict[u]].first_prerequisite + k;
        int relaxation = m->conditions[c].role == ZI_CONDITION_RELAXATION;
        uint8_t st = r->status[k];
        static const char *const what[2][2][3] = {
            {{NULL, "syarat tidak terpenuhi: ", "syarat belum diketahui: "},
             {"relaksasi: ", "relaksasi tidak berlaku: ", "relaksasi belum diketahui: "}},
            {{NULL, "prerequisite not met: ", "prerequisite unknown: "},
             {"relaxation: ", "relaxation does not apply: ", "relaxation unknown: "}}};
        zi_buf_puts(o, what[r->c->lang == ZI_LANG_EN][relaxation][st]);
        zi_buf_puts(o, zi_propose_name(m, c));
        if (st == ZI_PREREQ_UNMET) put_values(r, b, u, c, o);
        if (st == ZI_PREREQ_UNKNOWN) put_missing(r, b, u, c, o);
        zi_buf_putc(o, '\n');
    }
}

/* "syarat WBK tidak terpenuhi: NAME: instansi.jenis = kl (aturan: instansi.jenis == "pemda")", per
 * condition of the reached verdict's prerequisites block. */
static void explain_prerequisites(struct zi_report *r, const struct zi_batch *b, uint32_t u, struct zi_buf *o,
                                  char point)
{
    const struct zi_module *m = r->m;
    enum zi_lang lang = r->c->lang;
    const struct zi_verdict_desc *vd = &m->verdicts[b->verdict[u]];
    static const char *const status[2][3] = {{" terpenuhi: ", " tidak terpenuhi: ", " belum diketahui: "},
                                             {" met: ", " unmet: ", " unknown: "}};
    for (uint32_t k = 0; k < vd->n_prerequisites; k++) {
        uint32_t c = vd->first_prerequisite + k;
        const struct zi_condition_desc *d = &m->conditions[c];
        if (d->role == ZI_CONDITION_RELAXATION)
            zi_buf_puts(o, ZI_WORDS(lang, "relaksasi ", "relaxation of "));
        else
            zi_buf_puts(o, ZI_WORDS(lang, "syarat ", "prerequisite of "));
        zi_buf_puts(o, vd->id);
        zi_buf_puts(o, status[lang == ZI_LANG_EN][zi_propose_condition(b, u, c)]);
        zi_buf_puts(o, zi_propose_name(m, c));
        size_t at = o->len;
        zi_buf_puts(o, ": ");
        if (zi_propose_values(o, &r->c->propose, m, b, u, c, point) == 0) o->len = at;
        if (d->message) { /* a named condition: its rule too (an unnamed one is called by its rule) */
            zi_buf_puts(o, ZI_WORDS(lang, " (aturan: ", " (rule: "));
            zi_buf_puts(o, d->text);
            zi_buf_putc(o, ')');
        }
        zi_buf_putc(o, '\n');
    }
}

/* "A.I.1.iv.b Pimpinan …: 0,22 dari 0,33, bisa naik 0,11", or "belum dijawab, bisa naik 0,33". */
static void loss_line(struct zi_buf *o, const struct zi_module *m, const struct zi_loss *l,
                      const char *indent, char point, enum zi_lang lang)
{
    const struct zi_output_desc *d = &m->outputs[l->output];
    char got[ZI_FMT_MAX], w[ZI_FMT_MAX], lost[ZI_FMT_MAX];
    zi_fmt_fixed(l->weight - l->lost, 2, point, got);
    zi_fmt_fixed(l->weight, 2, point, w);
    zi_fmt_fixed(l->lost, 2, point, lost);
    zi_buf_puts(o, indent);
    zi_buf_puts(o, d->code);
    zi_buf_putc(o, ' ');
    zi_buf_puts(o, d->title);
    zi_buf_puts(o, ": ");
    if (l->unanswered) {
        zi_buf_puts(o, ZI_WORDS(lang, "belum dijawab", "not answered"));
    } else {
        zi_buf_puts(o, got);
        zi_buf_puts(o, ZI_WORDS(lang, " dari ", " of "));
        zi_buf_puts(o, w);
    }
    zi_buf_puts(o, ZI_WORDS(lang, ", bisa naik ", ", can gain "));
    zi_buf_puts(o, lost);
    zi_buf_putc(o, '\n');
}

/* Under a failed condition on a group, an area or the total: the items of it that would recover the most. */
static void recover_lines(struct zi_report *r, const struct zi_batch *b, uint32_t u, uint32_t c,
                          uint32_t n_lost, struct zi_buf *o, char point)
{
    const struct zi_module *m = r->m;
    const struct zi_condition_desc *d = &m->conditions[c];
    if (d->lhs_output < 0 || m->outputs[d->lhs_output].kind == ZI_OUTPUT_ITEM || b->units[u].unreadable)
        return;
    struct zi_loss loss[ZI_TOP_RECOVER];
    uint32_t n_all,
        n = zi_explain_recover(m, r->lost, n_lost, (uint32_t)d->lhs_output, loss, ZI_TOP_RECOVER, &n_all);
    for (uint32_t k = 0; k < n; k++)
        loss_line(o, m, &loss[k], "    ", point, r->c->lang);
    if (n_all > n) {
        char more[24];
        snprintf(more, sizeof more, "%u", (unsigned)(n_all - n));
        zi_buf_puts(o, "    ");
        zi_buf_puts(o, ZI_WORDS(r->c->lang, "… dan ", "… and "));
        zi_buf_puts(o, more);
        zi_buf_puts(
            o, ZI_WORDS(r->c->lang, " butir lain yang kehilangan nilai\n", " more items that lost points\n"));
    }
}

void zi_report_explain_lines(struct zi_report *r, const struct zi_batch *b, uint32_t u, struct zi_buf *o,
                             char point)
{
    const struct zi_module *m = r->m;
    enum zi_lang lang = r->c->lang;
    /* A unit with errors has no verdict to explain: its errors say why. */
    uint32_t n = b->units[u].n_errors ? 0 : zi_explain_failures(m, b, u, r->fails, m->n_conditions);
    /* The next verdict to reach first, its failed conditions nearest first, each with the items that would
     * recover the most; the verdicts beyond it after, condition by condition. */
    uint32_t n_next = zi_explain_order(m, r->fails, n);
    uint32_t n_lost = b->units[u].unreadable || b->units[u].n_errors
                          ? 0
                          : zi_explain_lost_items(m, b, u, r->first_input, r->lost);
    for (uint32_t k = 0; k < n; k++) {
        const struct zi_failure *f = &r->fails[k];
        if (k == 0 || f->verdict != r->fails[k - 1].verdict) {
            char count[24];
            uint32_t in_verdict = 0;
            for (uint32_t j = k; j < n && r->fails[j].verdict == f->verdict; j++)
                in_verdict++;
            snprintf(count, sizeof count, "%u", (unsigned)in_verdict);
            zi_buf_puts(o, k == 0 ? ZI_WORDS(lang, "menuju ", "towards ") : ZI_WORDS(lang, "lalu ", "then "));
            zi_buf_puts(o, m->verdicts[f->verdict].id);
            zi_buf_puts(o, ": ");
            zi_buf_puts(o, count);
            const char *en = in_verdict == 1 ? " condition not met" : " conditions not met";
            zi_buf_puts(o, ZI_WORDS(lang, " syarat nilai belum terpenuhi", en));
            if (k == 0 && in_verdict > 1)
                zi_buf_puts(o, ZI_WORDS(lang, ", yang paling dekat lebih dulu", ", the closest first"));
            zi_buf_putc(o, '\n');
        }
        double shortfall;
        zi_buf_puts(o, "  ");
        zi_explain_condition(o, m, f, point, lang, &shortfall);
        zi_buf_putc(o, '\n');
        if (k < n_next) recover_lines(r, b, u, f->condition, n_lost, o, point);
    }
    if (!b->units[u].n_errors && b->verdict[u] >= 0) explain_prerequisites(r, b, u, o, point);
    /* At the best verdict nothing is left to reach: where points were lost still tells what to keep up. */
    if (n == 0 && !b->units[u].unreadable && !b->units[u].n_errors) {
        struct zi_loss loss[ZI_TOP_LOSSES];
        uint32_t nl = zi_explain_losses(m, r->lost, n_lost, loss, ZI_TOP_LOSSES);
        for (uint32_t k = 0; k < nl; k++)
            loss_line(o, m, &loss[k], ZI_WORDS(lang, "nilai hilang: ", "points lost: "), point, lang);
    }
    uint32_t nm = zi_unit_missing(m, b, u, r->items, m->n_outputs);
    if (nm) {
        zi_buf_puts(o, ZI_WORDS(lang, "belum dijawab:", "missing answers:"));
        for (uint32_t k = 0; k < nm; k++) {
            zi_buf_puts(o, k ? ", " : " ");
            zi_buf_puts(o, m->outputs[r->items[k]].code);
        }
        zi_buf_putc(o, '\n');
    }
}
