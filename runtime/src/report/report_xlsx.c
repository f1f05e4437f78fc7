/* report_xlsx.c — the report as an Excel workbook (--format xlsx), written with Debian's libxlsxwriter.
 *
 * Sheets, with Indonesian labels (the criteria are Indonesian; docs/runtime.md, "Writing Excel"):
 *   Ringkasan  a row per unit: unit, total, predicate, status, a column per group, view member and let (the
 *              CSV report's columns, titled by the criteria), missing items and errors; numbers stored as
 *              numbers, shown with two decimals; a frozen header row and unit column, and filters;
 *   Alasan     with --explain: a row per reason (the explanation lines of the other reports);
 *   Perbaikan  with --gap: a row per change a unit needs to reach the target (score/gap.h), the numbers
 *              outside the worksheet and the unmet prerequisites included, headers in the run's language;
 *   Jawaban    the answers as read: a row per unit, a column per input (a label as its text, a number as a
 *              number), so an evaluator sees what was scored next to what was typed.
 *
 * Colours: in each unit's row, the cells that a verdict condition of the next predicate (the one above the
 * unit's; its own for a unit at the top) compares are green when that condition is met and red when it is
 * not (amber when it could not be decided). zirun decides this from the module's own condition bits, not
 * with Excel formulas that would have to restate the criteria. A unit with errors has no colours.
 *
 * The workbook streams (libxlsxwriter's constant_memory mode: each sheet's rows go to a temporary file as
 * they are written), so memory stays flat like the other reports. libxlsxwriter writes a file, not a
 * stream: the caller gives its path (zi_run_options.out_path, the temporary file zi/outfile.h renames).
 */
#include <errno.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "score/gap.h"
#include "zirt.h"

#define ZI_XLSX_CELL_MAX 32767 /* characters Excel keeps in a cell */

enum { FMT_HEAD, FMT_NUM, FMT_MET, FMT_UNMET, FMT_UNKNOWN, FMT_PERCENT, FMT_COUNT };

struct zi_xlsx_report {
    lxw_workbook *book;
    lxw_worksheet *summary, *reasons, *fixes, *answers;
    lxw_format *fmt[FMT_COUNT];
    uint32_t row, reason_row, fix_row; /* rows written so far (the header is row 0) */
    uint32_t last_col;
    uint32_t propose; /* 1: a "Dapat diusulkan" column (the criteria have prerequisites) */
    uint8_t *colour;  /* scratch, per output: 0 none, else FMT_MET, FMT_UNMET or FMT_UNKNOWN */
    int failed;       /* an lxw_error, or -1 past Excel's last row */
};

static void check(struct zi_xlsx_report *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && !x->failed) x->failed = (int)e;
}

/* Text into a cell: valid UTF-8 (a byte that is not is written U+FFFD: Excel refuses a workbook with one,
 * and a cell quoted in an error may hold any bytes), at most the characters Excel keeps. */
static void text(struct zi_xlsx_report *x, lxw_worksheet *ws, uint32_t row, uint32_t col, const char *p,
                 size_t len, lxw_format *f)
{
    char *s = malloc(len * 3 + 1);
    if (!s) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t n = 0, chars = 0;
    for (size_t i = 0; i < len && chars < ZI_XLSX_CELL_MAX; chars++) {
        size_t k = (unsigned char)p[i] < 0x80 ? 1 : zi_utf8_valid_length(p, i, len);
        if (k) {
            memcpy(s + n, p + i, k);
            n += k;
            i += k;
        } else {
            memcpy(s + n, "\xEF\xBF\xBD", 3);
            n += 3;
            i++;
        }
    }
    s[n] = '\0';
    check(x, worksheet_write_string(ws, row, (lxw_col_t)col, s, f));
    free(s);
}

static void text0(struct zi_xlsx_report *x, lxw_worksheet *ws, uint32_t row, uint32_t col, const char *s,
                  lxw_format *f)
{
    text(x, ws, row, col, s, strlen(s), f);
}

static lxw_format *format(lxw_workbook *book, const char *num, uint32_t fill, uint32_t font, int bold)
{
    lxw_format *f = workbook_add_format(book);
    if (!f) return NULL;
    if (num) format_set_num_format(f, num);
    if (fill) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill);
    }
    if (font) format_set_font_color(f, font);
    if (bold) format_set_bold(f);
    return f;
}

/* Ringkasan's columns: unit, total, predicate, status (and, for criteria with prerequisites, whether the unit
 * may be proposed, after the predicate), the report's columns, missing, errors. */
#define ZI_STATUS_COL(x) (3u + (x)->propose)
#define ZI_FIRST_SCORE_COL(x) (4u + (x)->propose)

static void headers(struct zi_report *r, struct zi_xlsx_report *x)
{
    const struct zi_module *m = r->m;
    lxw_format *h = x->fmt[FMT_HEAD];
    static const char *const first[] = {"Unit", "Nilai total", "Predikat"};
    for (uint32_t k = 0; k < 3; k++)
        text0(x, x->summary, 0, k, first[k], h);
    if (x->propose) text0(x, x->summary, 0, 3, "Dapat diusulkan", h);
    text0(x, x->summary, 0, ZI_STATUS_COL(x), "Status", h);
    for (uint32_t k = 0; k < r->n_cols; k++) {
        const struct zi_output_desc *d = &m->outputs[r->cols[k]];
        /* The title people know ("Pengungkit"), with the path that tells apart two of the same title. */
        struct zi_buf *s = &r->scratch;
        s->len = 0;
        zi_buf_puts(s, d->title);
        if (strcmp(d->title, d->path) != 0) zi_buf_printf(s, " (%s)", d->path);
        text(x, x->summary, 0, ZI_FIRST_SCORE_COL(x) + k, s->failed ? d->path : s->p,
             s->failed ? strlen(d->path) : s->len, h);
    }
    x->last_col = ZI_FIRST_SCORE_COL(x) + r->n_cols + 1;
    text0(x, x->summary, 0, x->last_col - 1, "Jawaban kosong", h);
    text0(x, x->summary, 0, x->last_col, "Kesalahan", h);
    check(x, worksheet_set_column(x->summary, 0, 0, 24, NULL));
    check(x, worksheet_set_column(x->summary, 1, (lxw_col_t)(x->last_col - 2), 14, NULL));
    check(x,
          worksheet_set_column(x->summary, (lxw_col_t)(x->last_col - 1), (lxw_col_t)x->last_col, 40, NULL));
    worksheet_freeze_panes(x->summary, 1, 1);

    text0(x, x->answers, 0, 0, "Unit", h);
    for (uint32_t i = 0; i < m->n_inputs; i++)
        text0(x, x->answers, 0, i + 1, m->inputs[i].key, h);
    check(x, worksheet_set_column(x->answers, 0, 0, 24, NULL));
    worksheet_freeze_panes(x->answers, 1, 1);
    if (x->fixes) {
        enum zi_lang l = r->c->lang;
        const char *const fix[] = {"Unit",
                                   ZI_WORDS(l, "Menuju", "Target"),
                                   ZI_WORDS(l, "Hasil pencarian", "Search result"),
                                   ZI_WORDS(l, "Butir", "Item"),
                                   ZI_WORDS(l, "Pertanyaan", "Question"),
                                   ZI_WORDS(l, "Dari", "From"),
                                   ZI_WORDS(l, "Menjadi", "To"),
                                   ZI_WORDS(l, "Poin", "Points"),
                                   ZI_WORDS(l, "Di luar lembar kerja", "Outside the worksheet")};
        for (uint32_t k = 0; k < sizeof fix / sizeof fix[0]; k++)
            text0(x, x->fixes, 0, k, fix[k], h);
        check(x, worksheet_set_column(x->fixes, 0, 0, 24, NULL));
        check(x, worksheet_set_column(x->fixes, 2, 2, 20, NULL));
        check(x, worksheet_set_column(x->fixes, 4, 4, 60, NULL));
        worksheet_freeze_panes(x->fixes, 1, 1);
    }
    if (x->reasons) {
        text0(x, x->reasons, 0, 0, "Unit", h);
        text0(x, x->reasons, 0, 1, "Alasan", h);
        check(x, worksheet_set_column(x->reasons, 0, 0, 24, NULL));
        check(x, worksheet_set_column(x->reasons, 1, 1, 100, NULL));
        worksheet_freeze_panes(x->reasons, 1, 0);
    }
}

int zi_report_xlsx_open(struct zi_report *r, const char *path)
{
    struct zi_xlsx_report *x = calloc(1, sizeof *x);
    if (!x) return -1;
    r->xlsx = x;
    x->colour = calloc((size_t)r->m->n_outputs + 1, 1);
    x->propose = r->c->propose.any != 0;
    if (!x->colour) return -1;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    x->book = workbook_new_opt(path, &opt);
    if (!x->book) return -1;
    x->summary = workbook_add_worksheet(x->book, "Ringkasan");
    if (r->c->explain) x->reasons = workbook_add_worksheet(x->book, "Alasan");
    if (r->gap) x->fixes = workbook_add_worksheet(x->book, "Perbaikan");
    x->answers = workbook_add_worksheet(x->book, "Jawaban");
    /* Excel's own "good", "bad" and "neutral" cell colours. */
    x->fmt[FMT_HEAD] = format(x->book, NULL, 0xD9E1F2, 0, 1);
    x->fmt[FMT_NUM] = format(x->book, "0.00", 0, 0, 0);
    x->fmt[FMT_MET] = format(x->book, "0.00", 0xC6EFCE, 0x006100, 0);
    x->fmt[FMT_UNMET] = format(x->book, "0.00", 0xFFC7CE, 0x9C0006, 0);
    x->fmt[FMT_UNKNOWN] = format(x->book, "0.00", 0xFFEB9C, 0x9C5700, 0);
    x->fmt[FMT_PERCENT] = format(x->book, "0.00%", 0, 0, 0);
    for (int k = 0; k < FMT_COUNT; k++)
        if (!x->fmt[k]) return -1;
    if (!x->summary || !x->answers || (r->c->explain && !x->reasons) || (r->gap && !x->fixes)) return -1;
    headers(r, x);
    return x->failed ? -1 : 0;
}

/* Which cells of unit u to colour: the outputs the next predicate's verdict conditions compare. */
static void colours(struct zi_report *r, struct zi_xlsx_report *x, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    memset(x->colour, 0, m->n_outputs);
    if (b->units[u].n_errors) return;
    int32_t v = b->verdict[u];
    if (v < 0 || (uint32_t)v >= m->n_verdicts) return;
    const struct zi_verdict_desc *t = &m->verdicts[v > 0 ? v - 1 : v];
    for (uint32_t k = t->first_condition; k < t->first_condition + t->n_conditions; k++) {
        const struct zi_condition_desc *cd = &m->conditions[k];
        if (cd->role != ZI_CONDITION_VERDICT || cd->lhs_output < 0) continue;
        uint8_t want = zi_batch_cond_unknown(b, u, k)  ? FMT_UNKNOWN
                       : zi_batch_cond_failed(b, u, k) ? FMT_UNMET
                                                       : FMT_MET;
        uint8_t *c = &x->colour[cd->lhs_output];
        if (*c != FMT_UNMET) *c = want; /* one unmet condition on a cell is enough to show red */
    }
}

static void number(struct zi_xlsx_report *x, lxw_worksheet *ws, uint32_t row, uint32_t col, double v,
                   lxw_format *f)
{
    if (v == v && v - v == 0) check(x, worksheet_write_number(ws, row, (lxw_col_t)col, v, f));
}

/* The answers as read, unit u's row of Jawaban. */
static void answers_row(struct zi_report *r, struct zi_xlsx_report *x, const struct zi_batch *b, uint32_t u,
                        uint32_t row)
{
    const struct zi_module *m = r->m;
    const struct zi_unit *un = &b->units[u];
    text(x, x->answers, row, 0, zi_batch_str(b, un->id), un->id_len, NULL);
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *d = &m->inputs[i];
        if (!zi_batch_has(b, u, i)) continue;
        if (zi_input_has_labels(d->kind)) { /* a scale or a fact's labels: kept as a label number */
            uint32_t code = b->codes[zi_tile_index(u, d->column, b->n_codes)];
            if (code == 0 || code > d->n_labels) continue;
            const struct zi_scale_label *l = &d->labels[code - 1];
            if (l->printed_as && l->printed_as <= d->n_labels) l = &d->labels[l->printed_as - 1];
            text0(x, x->answers, row, i + 1, l->label, NULL);
        } else {
            double v = b->numbers[zi_tile_index(u, d->column, b->n_numbers)];
            number(x, x->answers, row, i + 1, v, d->kind == ZI_INPUT_PERCENT ? x->fmt[FMT_PERCENT] : NULL);
        }
    }
}

/* A changed answer in a cell of Perbaikan: its label, or its number (a percent as one), or nothing. */
static void fix_value(struct zi_xlsx_report *x, const struct zi_module *m, uint32_t row, uint32_t col,
                      uint32_t input, double v)
{
    const struct zi_input_desc *d = &m->inputs[input];
    if (!zi_input_has_labels(d->kind)) {
        number(x, x->fixes, row, col, v, d->kind == ZI_INPUT_PERCENT ? x->fmt[FMT_PERCENT] : x->fmt[FMT_NUM]);
    } else if (v >= 1 && v <= d->n_labels) {
        const struct zi_scale_label *l = &d->labels[(uint32_t)v - 1];
        text0(x, x->fixes, row, col, l->printed_as ? d->labels[l->printed_as - 1].label : l->label, NULL);
    }
}

/* Unit u's rows of Perbaikan: a row per change, then per unmet prerequisite; one row saying so when no
 * change reaches the target; none for a unit at or above it. */
static void fix_rows(struct zi_report *r, struct zi_xlsx_report *x, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    const struct zi_gap_result *g = zi_gap_get(r->gap, u);
    enum zi_lang l = r->c->lang;
    if (g->status == ZI_GAP_NA || g->status == ZI_GAP_REACHED) return;
    uint32_t n = g->n_changes + g->n_prerequisites;
    for (uint32_t k = 0; k < (n ? n : 1); k++) {
        uint32_t row = ++x->fix_row;
        text(x, x->fixes, row, 0, zi_batch_str(b, b->units[u].id), b->units[u].id_len, NULL);
        text0(x, x->fixes, row, 1, m->verdicts[g->target].id, NULL);
        text0(x, x->fixes, row, 2, zi_gap_status_word(g->status, l), NULL);
        if (k < g->n_changes) {
            const struct zi_gap_change *ch = &g->changes[k];
            const struct zi_input_desc *d = &m->inputs[ch->input];
            text0(x, x->fixes, row, 3, d->key, NULL);
            text0(x, x->fixes, row, 4, d->text, NULL);
            fix_value(x, m, row, 5, ch->input, ch->from);
            fix_value(x, m, row, 6, ch->input, ch->to);
            number(x, x->fixes, row, 7, ch->points, x->fmt[FMT_NUM]);
            text0(x, x->fixes, row, 8, ch->outside ? ZI_WORDS(l, "ya", "yes") : ZI_WORDS(l, "tidak", "no"),
                  NULL);
        } else if (k < n) {
            text0(x, x->fixes, row, 3, ZI_WORDS(l, "syarat pengusulan", "proposal prerequisite"), NULL);
            text0(x, x->fixes, row, 4, zi_propose_name(m, g->prerequisites[k - g->n_changes]), NULL);
            text0(x, x->fixes, row, 8, ZI_WORDS(l, "ya", "yes"), NULL);
        }
    }
}

void zi_report_xlsx_batch(struct zi_report *r, const struct zi_batch *b)
{
    struct zi_xlsx_report *x = r->xlsx;
    const struct zi_module *m = r->m;
    struct zi_buf *s = &r->scratch;
    for (uint32_t u = 0; u < b->n && !x->failed; u++) {
        if (x->row + 1 >= LXW_ROW_MAX || x->reason_row + 64 >= LXW_ROW_MAX ||
            x->fix_row + 256 >= LXW_ROW_MAX) {
            x->failed = -1; /* Excel has 1,048,576 rows: the rest would be lost */
            break;
        }
        uint32_t row = ++x->row;
        const struct zi_unit *un = &b->units[u];
        text(x, x->summary, row, 0, zi_batch_str(b, un->id), un->id_len, NULL);
        colours(r, x, b, u);
        if (!un->unreadable) {
            uint32_t t = (uint32_t)m->total_output;
            number(x, x->summary, row, 1, zi_batch_out(b, u, t),
                   x->fmt[x->colour[t] ? x->colour[t] : FMT_NUM]);
            for (uint32_t k = 0; k < r->n_cols; k++) {
                uint32_t o = r->cols[k];
                number(x, x->summary, row, ZI_FIRST_SCORE_COL(x) + k, zi_batch_out(b, u, o),
                       x->fmt[x->colour[o] ? x->colour[o] : FMT_NUM]);
            }
        }
        if (!un->n_errors) text0(x, x->summary, row, 2, m->verdicts[b->verdict[u]].id, NULL);
        if (x->propose)
            text0(x, x->summary, row, 3, zi_report_proposable(zi_report_propose(r, b, u), 1, r->c->lang),
                  NULL);
        text0(x, x->summary, row, ZI_STATUS_COL(x), un->n_errors ? "kesalahan" : "dinilai", NULL);
        if (zi_report_missing_codes(r, b, u, s))
            text(x, x->summary, row, x->last_col - 1, s->p, s->len, NULL);
        if (un->n_errors) {
            s->len = 0;
            for (uint32_t e = un->first_error; e != ZI_NONE; e = b->errors[e].next) {
                if (s->len) zi_buf_putc(s, '\n');
                zi_report_error_text(s, r->c, b, &b->errors[e]);
            }
            text(x, x->summary, row, x->last_col, s->p, s->len, NULL);
        }
        if (x->reasons) {
            s->len = 0;
            zi_report_explain_lines(r, b, u, s, r->point);
            for (const char *p = s->p, *end = s->p + s->len; p && p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                while (p < nl && *p == ' ') /* a cell has no room for the lines' indentation */
                    p++;
                uint32_t rr = ++x->reason_row;
                text(x, x->reasons, rr, 0, zi_batch_str(b, un->id), un->id_len, NULL);
                text(x, x->reasons, rr, 1, p, (size_t)(nl - p), NULL);
                p = nl + 1;
            }
        }
        if (x->fixes) fix_rows(r, x, b, u);
        answers_row(r, x, b, u, row);
        if (s->failed) check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    if (x->failed) r->out.failed = EIO; /* stops the run: zi_report_xlsx_error says why */
}

int zi_report_xlsx_finish(struct zi_report *r, const struct zi_run_stats *st)
{
    struct zi_xlsx_report *x = r->xlsx;
    if (x->failed) return -1;
    /* The last line, below the filtered range, as the other reports end (docs/runtime.md, "The last line"):
     * an incomplete run never reaches this, and its workbook is not kept. */
    char line[200];
    snprintf(line, sizeof line, "akhir laporan: %llu unit, %llu dinilai, %llu dengan kesalahan",
             (unsigned long long)st->units, (unsigned long long)st->scored,
             (unsigned long long)st->with_errors);
    /* The filter first: in constant_memory mode libxlsxwriter refuses a range above the last row written. */
    check(x, worksheet_autofilter(x->summary, 0, 0, x->row, (lxw_col_t)x->last_col));
    text0(x, x->summary, x->row + 2, 0, line, NULL);
    if (x->reasons) check(x, worksheet_autofilter(x->reasons, 0, 0, x->reason_row, 1));
    if (x->fixes) check(x, worksheet_autofilter(x->fixes, 0, 0, x->fix_row, 8));
    check(x, worksheet_autofilter(x->answers, 0, 0, x->row, (lxw_col_t)r->m->n_inputs));
    lxw_error e = workbook_close(x->book);
    x->book = NULL;
    check(x, e);
    return x->failed ? -1 : 0;
}

const char *zi_report_xlsx_error(const struct zi_report *r)
{
    const struct zi_xlsx_report *x = r->xlsx;
    if (x && x->failed == -1) return "more units than an Excel sheet has rows (1,048,576): use --format csv";
    if (x && x->failed > 0) return lxw_strerror((lxw_error)x->failed);
    return "cannot create the workbook";
}

void zi_report_xlsx_free(struct zi_report *r)
{
    struct zi_xlsx_report *x = r->xlsx;
    if (!x) return;
    if (x->book) lxw_workbook_free(x->book);
    free(x->colour);
    free(x);
    r->xlsx = NULL;
}
