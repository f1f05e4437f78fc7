/* progress.c — a unit's scores over time (`zirun progress`): per unit and period, the total, the areas, the
 * verdict and proposability, and the change since the unit's previous period: the points won or lost, and
 * the verdict reached or lost. A period where the unit is missing or has errors is shown as such and is
 * skipped by the change: the next period is compared with the last one where the unit was scored, and says
 * which one that is.
 */
#include <math.h>

#include "compare.h"

/* The nearest period before s where the unit was scored, or -1. */
static long since(const struct zi_sheet *sh, size_t row, size_t s)
{
    if (zi_at_state(sh->j, sh->sets, row, s) != ZI_AT_OK) return -1;
    for (size_t k = s; k-- > 0;)
        if (zi_at_state(sh->j, sh->sets, row, k) == ZI_AT_OK) return (long)k;
    return -1;
}

/* Verdicts are listed best first: a smaller index is a better verdict. "reached" when b is better than a,
 * "lost" when worse, NULL when the same. */
static const char *verdict_change(int32_t a, int32_t b)
{
    return b < a ? "reached" : b > a ? "lost" : NULL;
}

/* Table: after the period's line, "  (+3,90; WBK dicapai)" — or "… sejak 2026-01" when the previous period
 * is not the one before. */
static void table_change(struct zi_sheet *sh, size_t row, size_t s)
{
    long p = since(sh, row, s);
    if (p < 0) return;
    const struct zi_module *m = sh->m;
    const struct zi_unit_result *a = zi_at_unit(sh->j, sh->sets, row, (size_t)p);
    const struct zi_unit_result *b = zi_at_unit(sh->j, sh->sets, row, s);
    char t[ZI_FMT_MAX];
    zi_people_change(b->outputs[m->total_output] - a->outputs[m->total_output], sh->point, t);
    struct zi_out *o = &sh->out;
    zi_out_str(o, "  (");
    zi_out_str(o, t);
    const char *vc = verdict_change(a->verdict, b->verdict);
    if (vc) {
        int reached = vc[0] == 'r';
        zi_out_str(o, "; ");
        zi_out_str(o, m->verdicts[reached ? b->verdict : a->verdict].id);
        zi_out_str(o, reached ? ZI_WORDS(sh->lang, " dicapai", " reached")
                              : ZI_WORDS(sh->lang, " lepas", " lost"));
    }
    if ((size_t)p + 1 != s) {
        zi_out_str(o, ZI_WORDS(sh->lang, "; sejak ", "; since "));
        zi_out_str(o, sh->sets[p].name);
    }
    zi_out_char(o, ')');
}

static void table(struct zi_sheet *sh)
{
    struct zi_out *o = &sh->out;
    zi_sheet_table_head(sh, ZI_WORDS(sh->lang, "Kemajuan per periode", "Progress over time"),
                        ZI_WORDS(sh->lang, "periode", "periods"), ZI_WORDS(sh->lang, "periode", "period"));
    for (size_t row = 0; row < sh->j->n; row++) {
        if (row) zi_out_char(o, '\n');
        for (size_t s = 0, first = 1; s < sh->n_sets; s++) {
            if (zi_at_skip(sh->j, sh->sets, row, s)) continue;
            zi_sheet_table_line(sh, row, s, first);
            first = 0;
            table_change(sh, row, s);
            zi_out_char(o, '\n');
            zi_sheet_table_errors(sh, row, s);
        }
    }
    zi_sheet_table_absent(
        sh, ZI_WORDS(sh->lang, "unit yang tidak ada di setiap periode", "units not in every period"));
}

static void csv(struct zi_sheet *sh)
{
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    zi_out_str(o, "unit,");
    zi_sheet_csv_head(sh, "period");
    zi_out_str(o, ",since,total_change");
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        zi_out_char(o, ',');
        sh->line.len = 0;
        zi_buf_puts(&sh->line, m->outputs[sh->cols[k]].path);
        zi_buf_puts(&sh->line, "_change");
        if (!sh->line.failed) zi_out_csv_field(o, sh->line.p, sh->line.len);
    }
    zi_out_str(o, ",verdict_change,errors\n");
    for (size_t row = 0; row < sh->j->n; row++) {
        for (size_t s = 0; s < sh->n_sets; s++) {
            if (zi_at_skip(sh->j, sh->sets, row, s)) continue;
            zi_sheet_csv_cells(sh, row, s);
            long p = since(sh, row, s);
            const struct zi_unit_result *a = p >= 0 ? zi_at_unit(sh->j, sh->sets, row, (size_t)p) : NULL;
            const struct zi_unit_result *b = zi_at_unit(sh->j, sh->sets, row, s);
            zi_out_char(o, ',');
            if (a) zi_out_csv_field(o, sh->sets[p].name, strlen(sh->sets[p].name));
            zi_out_char(o, ',');
            if (a) zi_out_double(o, b->outputs[m->total_output] - a->outputs[m->total_output]);
            for (uint32_t k = 0; k < sh->n_cols; k++) {
                zi_out_char(o, ',');
                if (a) zi_out_double(o, b->outputs[sh->cols[k]] - a->outputs[sh->cols[k]]);
            }
            zi_out_char(o, ',');
            const char *vc = a ? verdict_change(a->verdict, b->verdict) : NULL;
            if (vc) {
                zi_out_str(o, vc);
                zi_out_char(o, ' ');
                zi_out_str(o, m->verdicts[vc[0] == 'r' ? b->verdict : a->verdict].id);
            }
            zi_out_char(o, ',');
            zi_sheet_csv_errors(sh, row, s);
            zi_out_char(o, '\n');
        }
    }
}

/* JSON: "change":{"since":…,"total":…,"scores":{…},"verdict":"reached"|"lost"|null,"verdict_before":…} or
 * null for the unit's first scored period. */
static void json_change(struct zi_sheet *sh, size_t row, size_t s)
{
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    long p = since(sh, row, s);
    zi_json_key(o, "change");
    if (p < 0) {
        zi_out_str(o, "null");
        return;
    }
    const struct zi_unit_result *a = zi_at_unit(sh->j, sh->sets, row, (size_t)p);
    const struct zi_unit_result *b = zi_at_unit(sh->j, sh->sets, row, s);
    zi_out_char(o, '{');
    zi_json_key(o, "since");
    zi_json_str(o, sh->sets[p].name);
    zi_out_char(o, ',');
    zi_json_key(o, "total");
    zi_json_num(o, b->outputs[m->total_output] - a->outputs[m->total_output]);
    zi_out_str(o, ",\"scores\":{");
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        if (k) zi_out_char(o, ',');
        zi_json_key(o, m->outputs[sh->cols[k]].path);
        zi_json_num(o, b->outputs[sh->cols[k]] - a->outputs[sh->cols[k]]);
    }
    zi_out_str(o, "},");
    zi_json_key(o, "verdict");
    zi_json_str(o, verdict_change(a->verdict, b->verdict));
    zi_out_char(o, ',');
    zi_json_key(o, "verdict_before");
    zi_json_str(o, m->verdicts[a->verdict].id);
    zi_out_char(o, '}');
}

static void json(struct zi_sheet *sh)
{
    struct zi_out *o = &sh->out;
    zi_sheet_json_head(sh, "periods");
    for (size_t row = 0; row < sh->j->n; row++) {
        const struct zi_joined *jr = &sh->j->rows[row];
        zi_out_str(o, row ? ",\n{" : "{");
        zi_json_key(o, "id");
        zi_out_json_string(o, jr->id, jr->id_len);
        zi_out_str(o, ",\"periods\":[");
        for (size_t s = 0, first = 1; s < sh->n_sets; s++) {
            if (zi_at_skip(sh->j, sh->sets, row, s)) continue;
            zi_out_str(o, first ? "{" : ",{");
            first = 0;
            zi_sheet_json_set(sh, row, s, "period");
            zi_out_char(o, ',');
            json_change(sh, row, s);
            zi_out_char(o, '}');
        }
        zi_out_str(o, "]}");
    }
    zi_out_str(o, "\n]");
    zi_sheet_json_summary(sh, "periods", "not_in_every_period");
}

void zi_progress_last_line(const struct zi_sheet *sh, const char *sep, char *t, size_t n)
{
    zi_sheet_last_line(sh, sep, ZI_WORDS(sh->lang, "akhir laporan kemajuan", "end of progress report"),
                       ZI_WORDS(sh->lang, "periode", "periods"),
                       ZI_WORDS(sh->lang, "tidak ada di setiap periode", "not in every period"), t, n);
}

static void trailer(struct zi_sheet *sh)
{
    char t[300];
    int csv = sh->format == ZI_REPORT_CSV;
    zi_progress_last_line(sh, csv ? " | " : ", ", t, sizeof t);
    zi_out_str(&sh->out, csv ? "# " : "\n");
    zi_out_str(&sh->out, t);
    zi_out_char(&sh->out, '\n');
}

int zi_progress_write(const struct zi_module *m, const struct zi_set *sets, size_t n_sets,
                      const struct zi_join *j, FILE *f, enum zi_report_format format, enum zi_lang lang,
                      int *write_errno)
{
    struct zi_sheet sh;
    *write_errno = 0;
    int rc = -1;
    if (zi_sheet_init(&sh, m, sets, n_sets, j, f, format, lang) == 0) {
        if (format == ZI_REPORT_HTML) {
            zi_progress_html(&sh);
        } else if (format == ZI_REPORT_JSON) {
            json(&sh);
        } else if (format == ZI_REPORT_CSV) {
            csv(&sh);
            trailer(&sh);
        } else {
            table(&sh);
            trailer(&sh);
        }
        rc = zi_sheet_finish(&sh, write_errno);
    }
    zi_sheet_free(&sh);
    return rc;
}
