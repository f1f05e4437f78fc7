/* report.c — what the report formats share: which outputs are columns, the header at the first
 * batch, error locations, and the explanation lines (report_table.c, report_csv.c, report_json.c write the
 * rest). Reports stream: each batch is written as soon as it is scored, nothing is kept across batches.
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_TOP_LOSSES 5 /* items listed as costing the most points */

int zi_report_init(struct zi_report *r, const struct zi_ctx *c, FILE *f, enum zi_report_format fmt)
{
    memset(r, 0, sizeof *r);
    const struct zi_module *m = c->m;
    r->c = c;
    r->m = m;
    r->format = fmt;
    zi_buf_init(&r->scratch);
    if (zi_out_init(&r->out, f) != 0) return -1;
    r->cols = malloc(((size_t)m->n_outputs + 1) * sizeof *r->cols);
    r->items = malloc(((size_t)m->n_outputs + 1) * sizeof *r->items);
    r->fails = malloc(((size_t)m->n_conditions + 1) * sizeof *r->fails);
    r->first_input = malloc(((size_t)m->n_outputs + 1) * sizeof *r->first_input);
    r->widths = calloc((size_t)m->n_outputs + 3, sizeof *r->widths);
    r->numbers = zi_numcache_new();
    if (!r->cols || !r->items || !r->fails || !r->first_input || !r->widths || !r->numbers) return -1;
    zi_explain_first_inputs(m, r->first_input);
    /* CSV and JSON: every group, view member and let, in descriptor order. The table is for reading: the
     * top-level groups and the view members (the per-area breakdown the verdicts talk about). */
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *d = &m->outputs[o];
        int col = fmt == ZI_REPORT_TABLE
                      ? (d->kind == ZI_OUTPUT_GROUP && d->parent < 0) || d->kind == ZI_OUTPUT_VIEW
                      : d->kind == ZI_OUTPUT_GROUP || d->kind == ZI_OUTPUT_VIEW || d->kind == ZI_OUTPUT_LET;
        if (col) r->cols[r->n_cols++] = o;
    }
    return 0;
}

void zi_report_free(struct zi_report *r)
{
    zi_out_free(&r->out);
    free(r->cols);
    free(r->items);
    free(r->fails);
    free(r->first_input);
    free(r->widths);
    free(r->numbers);
    zi_buf_free(&r->scratch);
    zi_report_xlsx_free(r);
}

static void start(struct zi_report *r)
{
    if (r->started) return;
    r->started = 1;
    if (r->format == ZI_REPORT_CSV)
        zi_report_csv_header(r);
    else if (r->format == ZI_REPORT_JSON)
        zi_report_json_begin(r);
}

void zi_report_batch(struct zi_report *r, const struct zi_batch *b)
{
    start(r);
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
    if (r->format == ZI_REPORT_CSV) zi_out_str(o, "# ");
    if (!complete) {
        zi_out_str(o, "INCOMPLETE report: the run stopped after ");
        zi_out_u64(o, st->units);
        zi_out_str(o, st->units == 1 ? " unit" : " units");
        zi_out_str(o, " (the error is on standard error)\n");
        return;
    }
    const char *sep = r->format == ZI_REPORT_CSV ? " | " : ", ";
    zi_out_str(o, "end of report: ");
    zi_out_u64(o, st->units);
    zi_out_str(o, st->units == 1 ? " unit" : " units");
    zi_out_str(o, sep);
    zi_out_u64(o, st->scored);
    zi_out_str(o, " scored");
    zi_out_str(o, sep);
    zi_out_u64(o, st->with_errors);
    zi_out_str(o, " with errors\n");
}

int zi_report_finish(struct zi_report *r, const struct zi_run_stats *st, int complete)
{
    if (r->format == ZI_REPORT_XLSX) /* a run that failed leaves its workbook unfinished: it is not kept */
        return complete ? zi_report_xlsx_finish(r, st) : 0;
    start(r);
    if (r->format == ZI_REPORT_JSON)
        zi_report_json_end(r, st, complete);
    else if (r->format == ZI_REPORT_TABLE && r->units == 0)
        zi_report_table_batch(r, NULL);
    if (r->format != ZI_REPORT_JSON) trailer(r, st, complete);
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

void zi_report_explain_lines(struct zi_report *r, const struct zi_batch *b, uint32_t u, struct zi_buf *o,
                             char point)
{
    const struct zi_module *m = r->m;
    /* A unit with errors has no verdict to explain: its errors say why. */
    uint32_t n = b->units[u].n_errors ? 0 : zi_explain_failures(m, b, u, r->fails, m->n_conditions);
    for (uint32_t k = 0; k < n; k++) {
        double shortfall;
        zi_buf_puts(o, m->verdicts[r->fails[k].verdict].id);
        zi_buf_puts(o, " not reached: ");
        zi_explain_condition(o, m, &r->fails[k], point, &shortfall);
        zi_buf_putc(o, '\n');
    }
    if (!b->units[u].unreadable) {
        struct zi_loss loss[ZI_TOP_LOSSES];
        uint32_t nl = zi_explain_losses(m, b, u, r->first_input, loss, ZI_TOP_LOSSES);
        for (uint32_t k = 0; k < nl; k++) {
            const struct zi_output_desc *d = &m->outputs[loss[k].output];
            char lost[ZI_FMT_MAX], w[ZI_FMT_MAX];
            zi_fmt_fixed(loss[k].lost, 2, point, lost);
            zi_fmt_fixed(loss[k].weight, 2, point, w);
            zi_buf_puts(o, "points lost on ");
            zi_buf_puts(o, d->code);
            zi_buf_putc(o, ' ');
            zi_buf_puts(o, d->title);
            zi_buf_puts(o, ": ");
            zi_buf_puts(o, lost);
            zi_buf_puts(o, " of ");
            zi_buf_puts(o, w);
            zi_buf_putc(o, '\n');
        }
    }
    uint32_t nm = zi_unit_missing(m, b, u, r->items, m->n_outputs);
    if (nm) {
        zi_buf_puts(o, "missing answers:");
        for (uint32_t k = 0; k < nm; k++) {
            zi_buf_puts(o, k ? ", " : " ");
            zi_buf_puts(o, m->outputs[r->items[k]].code);
        }
        zi_buf_putc(o, '\n');
    }
}
