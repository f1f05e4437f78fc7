/* cells.c — what one unit shows in one set, and the pieces the comparison and progress writers share: which
 * scores are columns, answers and numbers as people and tools read them, JSON fragments.
 */
#include <math.h>
#include <stdlib.h>

#include "compare.h"

const struct zi_unit_result *zi_at_unit(const struct zi_join *j, const struct zi_set *sets, size_t row,
                                        size_t s)
{
    uint32_t u = j->rows[row].at[s];
    return u == ZI_NONE ? NULL : sets[s].units[u].r;
}

enum zi_at zi_at_state(const struct zi_join *j, const struct zi_set *sets, size_t row, size_t s)
{
    const struct zi_unit_result *r = zi_at_unit(j, sets, row, s);
    if (!r) return ZI_AT_ABSENT;
    if (j->rows[row].dup[s]) return ZI_AT_TWICE;
    return r->n_errors || r->verdict < 0 ? ZI_AT_ERRORS : ZI_AT_OK;
}

int zi_at_skip(const struct zi_join *j, const struct zi_set *sets, size_t row, size_t s)
{
    return sets[s].optional && j->rows[row].at[s] == ZI_NONE;
}

const char *zi_at_status(enum zi_at a)
{
    static const char *const words[] = {"ok", "error", "twice", "absent"};
    return words[a];
}

uint32_t zi_compare_columns(const struct zi_module *m, uint32_t *cols)
{
    uint32_t n = 0;
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *d = &m->outputs[o];
        if ((d->kind == ZI_OUTPUT_GROUP && d->parent < 0) || d->kind == ZI_OUTPUT_VIEW) cols[n++] = o;
    }
    return n;
}

/* The label of answer v (1-based) as reports print it: another spelling of a value prints as its first. */
static const char *label_of(const struct zi_input_desc *d, double v)
{
    const struct zi_scale_label *l = &d->labels[(uint32_t)v - 1];
    return l->printed_as ? d->labels[l->printed_as - 1].label : l->label;
}

static int is_label(const struct zi_input_desc *d, double v)
{
    return zi_input_has_labels(d->kind) && v >= 1 && v <= d->n_labels;
}

void zi_answer_text(struct zi_buf *o, const struct zi_input_desc *d, double v, char point,
                    const char *missing)
{
    if (isnan(v)) {
        zi_buf_puts(o, missing);
        return;
    }
    if (is_label(d, v)) {
        zi_buf_puts(o, label_of(d, v));
        return;
    }
    char t[ZI_FMT_MAX];
    /* Six decimals at most, trailing zeros dropped (0.07 × 100 is 7.000000000000001 in binary), as the
     * reports print a fact's value. */
    size_t n = zi_fmt_fixed(d->kind == ZI_INPUT_PERCENT ? v * 100 : v, 6, point, t);
    while (n > 0 && t[n - 1] == '0')
        t[--n] = '\0';
    if (n > 0 && t[n - 1] == point) t[--n] = '\0';
    zi_buf_puts(o, t);
    if (d->kind == ZI_INPUT_PERCENT) zi_buf_putc(o, '%');
}

void zi_answer_plain(struct zi_buf *o, const struct zi_input_desc *d, double v)
{
    if (isnan(v)) return;
    if (is_label(d, v)) {
        zi_buf_puts(o, label_of(d, v));
        return;
    }
    char t[ZI_FMT_MAX];
    zi_buf_append(o, t, zi_fmt_shortest(v, t));
}

size_t zi_people_number(double x, char point, char *buf)
{
    if (!isfinite(x)) {
        buf[0] = '-';
        buf[1] = '\0';
        return 1;
    }
    return zi_fmt_fixed(x, 2, point, buf);
}

size_t zi_people_change(double x, char point, char *buf)
{
    size_t n = zi_people_number(fabs(x), point, buf + 1);
    if (!isfinite(x)) return zi_people_number(x, point, buf);
    /* "+0,00" for a change that rounds away would claim a rise: only a change seen in two decimals is signed
     */
    if (strcmp(buf + 1, point == ',' ? "0,00" : "0.00") == 0) {
        memmove(buf, buf + 1, n + 1);
        return n;
    }
    buf[0] = x < 0 ? '-' : '+';
    return n + 1;
}

void zi_json_key(struct zi_out *o, const char *k)
{
    zi_out_char(o, '"');
    zi_out_str(o, k);
    zi_out_str(o, "\":");
}

void zi_json_str(struct zi_out *o, const char *s)
{
    if (s)
        zi_out_json_string(o, s, strlen(s));
    else
        zi_out_str(o, "null");
}

void zi_json_num(struct zi_out *o, double x)
{
    if (isfinite(x))
        zi_out_double(o, x);
    else
        zi_out_str(o, "null");
}

void zi_json_errors(struct zi_out *o, const char *errors)
{
    zi_out_char(o, '[');
    for (const char *p = errors; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (p != errors) zi_out_char(o, ',');
        zi_out_json_string(o, p, n);
        p += n + (nl != NULL);
    }
    zi_out_char(o, ']');
}

/* ---- the sheet ------------------------------------------------------------------------------------------
 */

#define ZI_MAX_ID_WIDTH 40 /* as the table report: a longer id widens only its own line */

static size_t max_sz(size_t a, size_t b)
{
    return a > b ? a : b;
}

static size_t width_of(const char *s)
{
    return zi_utf8_width(s, strlen(s));
}

int zi_sheet_init(struct zi_sheet *sh, const struct zi_module *m, const struct zi_set *sets, size_t n_sets,
                  const struct zi_join *j, FILE *f, enum zi_report_format format, enum zi_lang lang)
{
    memset(sh, 0, sizeof *sh);
    sh->m = m;
    sh->sets = sets;
    sh->n_sets = n_sets;
    sh->j = j;
    sh->format = format;
    sh->lang = lang;
    sh->point = lang == ZI_LANG_ID ? ',' : '.';
    zi_buf_init(&sh->line);
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (m->verdicts[v].n_prerequisites) sh->prerequisites = 1;
    sh->one_file = 1;
    for (size_t s = 1; s < n_sets; s++)
        if (strcmp(sets[s].file, sets[0].file) != 0) sh->one_file = 0;
    sh->cols = malloc(((size_t)m->n_outputs + 1) * sizeof *sh->cols);
    sh->widths = malloc(((size_t)m->n_outputs + 2) * sizeof *sh->widths);
    if (zi_out_init(&sh->out, f) != 0 || !sh->cols || !sh->widths) return -1;
    sh->n_cols = zi_compare_columns(m, sh->cols);
    sh->id_width = 4;
    for (size_t r = 0; r < j->n; r++) {
        sh->line.len = 0;
        zi_buf_put_printable(&sh->line, j->rows[r].id, j->rows[r].id_len);
        if (!sh->line.failed) sh->id_width = max_sz(sh->id_width, zi_utf8_width(sh->line.p, sh->line.len));
    }
    if (sh->id_width > ZI_MAX_ID_WIDTH) sh->id_width = ZI_MAX_ID_WIDTH;
    sh->name_width = 4;
    for (size_t s = 0; s < n_sets; s++)
        sh->name_width = max_sz(sh->name_width, width_of(sets[s].name));
    char t[ZI_FMT_MAX];
    const struct zi_output_desc *total = &m->outputs[m->total_output];
    sh->widths[0] = max_sz(5, total->has_weight ? zi_fmt_fixed(total->weight, 2, ',', t) : 6);
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        const struct zi_output_desc *d = &m->outputs[sh->cols[k]];
        sh->widths[1 + k] = max_sz(width_of(d->path), d->has_weight ? zi_fmt_fixed(d->weight, 2, ',', t) : 6);
    }
    return 0;
}

void zi_sheet_free(struct zi_sheet *sh)
{
    zi_out_free(&sh->out);
    free(sh->cols);
    free(sh->widths);
    zi_buf_free(&sh->line);
}

static void pad(struct zi_out *o, const char *s, size_t width)
{
    size_t w = width_of(s);
    zi_out_str(o, s);
    zi_out_spaces(o, width > w ? width - w : 0);
}

static void right(struct zi_out *o, const char *s, size_t width)
{
    size_t w = width_of(s);
    zi_out_spaces(o, 2 + (width > w ? width - w : 0));
    zi_out_str(o, s);
}

void zi_sheet_table_head(struct zi_sheet *sh, const char *what, const char *sets_word, const char *set_word)
{
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    zi_out_str(o, what);
    zi_out_str(o, ": ");
    zi_out_str(o, m->title);
    if (m->regulation) {
        zi_out_str(o, " — ");
        zi_out_str(o, m->regulation);
    }
    zi_out_char(o, '\n');
    zi_out_str(o, sets_word);
    zi_out_str(o, ": ");
    for (size_t s = 0; s < sh->n_sets; s++) {
        zi_out_str(o, s ? ", " : "");
        zi_out_str(o, sh->sets[s].name);
        zi_out_str(o, " = ");
        zi_out_str(o, sh->sets[s].file);
        zi_out_str(o, " (");
        zi_out_u64(o, sh->sets[s].n);
        zi_out_str(o, " unit");
        zi_out_str(o, sh->sets[s].n == 1 || sh->lang == ZI_LANG_ID ? ")" : "s)");
    }
    zi_out_str(o, "\n\n");
    pad(o, "unit", sh->id_width);
    zi_out_str(o, "  ");
    pad(o, set_word, sh->name_width);
    right(o, "total", sh->widths[0]);
    for (uint32_t k = 0; k < sh->n_cols; k++)
        right(o, m->outputs[sh->cols[k]].path, sh->widths[1 + k]);
    zi_out_str(o, "  ");
    zi_out_str(o, ZI_WORDS(sh->lang, "predikat", "verdict"));
    zi_out_char(o, '\n');
}

/* "proposable: yes, with relaxation" in the sheet's language. */
static const char *proposable_words(enum zi_lang lang, int32_t p)
{
    static const char *const en[] = {"-", "yes", "yes, with relaxation", "no", "not yet known"};
    static const char *const id[] = {"-", "ya", "ya, dengan relaksasi", "tidak", "belum diketahui"};
    return p < 0 || p > ZI_PROPOSE_UNKNOWN ? "-" : lang == ZI_LANG_ID ? id[p] : en[p];
}

static const char *proposable_code(int32_t p)
{
    static const char *const code[] = {"-", "yes", "relaxed", "no", "unknown"};
    return p < 0 || p > ZI_PROPOSE_UNKNOWN ? "-" : code[p];
}

void zi_sheet_table_line(struct zi_sheet *sh, size_t row, size_t s, int first)
{
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    const struct zi_joined *jr = &sh->j->rows[row];
    sh->line.len = 0;
    if (first) zi_buf_put_printable(&sh->line, jr->id, jr->id_len);
    size_t idw = first && !sh->line.failed ? zi_utf8_width(sh->line.p, sh->line.len) : 0;
    if (first && !sh->line.failed) zi_out_bytes(o, sh->line.p, sh->line.len);
    zi_out_spaces(o, 2 + (sh->id_width > idw ? sh->id_width - idw : 0));
    const struct zi_set *set = &sh->sets[s];
    enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    if (at == ZI_AT_ABSENT || at == ZI_AT_TWICE) {
        pad(o, set->name, sh->name_width);
        zi_out_str(o, "  ");
        if (at == ZI_AT_ABSENT && sh->one_file) {
            zi_out_str(o, ZI_WORDS(sh->lang, "tidak ada baris", "no row"));
            return;
        }
        if (at == ZI_AT_ABSENT) {
            zi_out_str(o, ZI_WORDS(sh->lang, "tidak ada di ", "not in "));
            zi_out_str(o, set->file);
            return;
        }
        char t[160];
        snprintf(t, sizeof t,
                 ZI_WORDS(sh->lang, "dua kali di %s (baris %llu dan %llu): perbaiki berkas itu",
                          "twice in %s (rows %llu and %llu): correct that file"),
                 set->file, (unsigned long long)r->row, (unsigned long long)jr->dup[s]);
        zi_out_str(o, t);
        return;
    }
    pad(o, set->name, sh->name_width);
    char t[ZI_FMT_MAX];
    int ok = at == ZI_AT_OK;
    zi_people_number(ok ? r->outputs[m->total_output] : NAN, sh->point, t);
    right(o, t, sh->widths[0]);
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        zi_people_number(ok ? r->outputs[sh->cols[k]] : NAN, sh->point, t);
        right(o, t, sh->widths[1 + k]);
    }
    zi_out_str(o, "  ");
    zi_out_str(o, ok ? m->verdicts[r->verdict].id : ZI_WORDS(sh->lang, "KESALAHAN", "ERROR"));
    if (ok && sh->prerequisites && r->proposable != ZI_PROPOSE_NA) {
        zi_out_str(o, ZI_WORDS(sh->lang, "  dapat diusulkan: ", "  proposable: "));
        zi_out_str(o, proposable_words(sh->lang, r->proposable));
    }
}

void zi_sheet_table_errors(struct zi_sheet *sh, size_t row, size_t s)
{
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    if (!r || zi_at_state(sh->j, sh->sets, row, s) != ZI_AT_ERRORS) return;
    for (const char *p = r->errors; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        zi_out_str(&sh->out, "    ! ");
        zi_out_str(&sh->out, sh->sets[s].name);
        zi_out_str(&sh->out, ": ");
        zi_out_bytes(&sh->out, p, n);
        zi_out_char(&sh->out, '\n');
        p += n + (nl != NULL);
    }
}

size_t zi_sheet_table_absent(struct zi_sheet *sh, const char *heading)
{
    struct zi_out *o = &sh->out;
    size_t n = 0;
    for (size_t row = 0; row < sh->j->n; row++) {
        size_t missing = 0;
        for (size_t s = 0; s < sh->n_sets; s++)
            missing +=
                zi_at_state(sh->j, sh->sets, row, s) == ZI_AT_ABSENT && !zi_at_skip(sh->j, sh->sets, row, s);
        if (!missing) continue;
        if (!n++) {
            zi_out_char(o, '\n');
            zi_out_str(o, heading);
            zi_out_str(o, ":\n");
        }
        sh->line.len = 0;
        zi_buf_put_printable(&sh->line, sh->j->rows[row].id, sh->j->rows[row].id_len);
        zi_out_str(o, "  ");
        if (!sh->line.failed) zi_out_bytes(o, sh->line.p, sh->line.len);
        zi_out_str(o, ZI_WORDS(sh->lang, ": tidak ada di ", ": not in "));
        size_t k = 0;
        for (size_t s = 0; s < sh->n_sets; s++) {
            if (zi_at_state(sh->j, sh->sets, row, s) != ZI_AT_ABSENT || zi_at_skip(sh->j, sh->sets, row, s))
                continue;
            zi_out_str(o, k++ ? ", " : "");
            zi_out_str(o, sh->sets[s].name);
        }
        zi_out_char(o, '\n');
    }
    return n;
}

void zi_sheet_csv_head(struct zi_sheet *sh, const char *set_word)
{
    struct zi_out *o = &sh->out;
    zi_out_str(o, set_word);
    zi_out_str(o, ",file,row,status,total,verdict");
    if (sh->prerequisites) zi_out_str(o, ",proposable");
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        zi_out_char(o, ',');
        const char *path = sh->m->outputs[sh->cols[k]].path;
        zi_out_csv_field(o, path, strlen(path));
    }
}

void zi_sheet_csv_cells(struct zi_sheet *sh, size_t row, size_t s)
{
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    const struct zi_joined *jr = &sh->j->rows[row];
    const struct zi_set *set = &sh->sets[s];
    enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    zi_out_csv_field(o, jr->id, jr->id_len);
    zi_out_char(o, ',');
    zi_out_csv_field(o, set->name, strlen(set->name));
    zi_out_char(o, ',');
    zi_out_csv_field(o, set->file, strlen(set->file));
    zi_out_char(o, ',');
    if (r) zi_out_u64(o, r->row);
    zi_out_char(o, ',');
    zi_out_str(o, zi_at_status(at));
    zi_out_char(o, ',');
    int ok = at == ZI_AT_OK;
    if (ok) zi_out_double(o, r->outputs[m->total_output]);
    zi_out_char(o, ',');
    if (ok) zi_out_csv_field(o, m->verdicts[r->verdict].id, strlen(m->verdicts[r->verdict].id));
    if (sh->prerequisites) {
        zi_out_char(o, ',');
        if (ok) zi_out_str(o, proposable_code(r->proposable));
    }
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        zi_out_char(o, ',');
        if (ok) zi_out_double(o, r->outputs[sh->cols[k]]);
    }
}

void zi_sheet_csv_errors(struct zi_sheet *sh, size_t row, size_t s)
{
    struct zi_buf *l = &sh->line;
    l->len = 0;
    enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    if (at == ZI_AT_TWICE)
        zi_buf_printf(l, "twice in the file: rows %llu and %llu", (unsigned long long)r->row,
                      (unsigned long long)sh->j->rows[row].dup[s]);
    for (const char *p = at == ZI_AT_ERRORS ? r->errors : ""; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (l->len) zi_buf_puts(l, "; ");
        zi_buf_append(l, p, n);
        p += n + (nl != NULL);
    }
    if (!l->failed) zi_out_csv_field(&sh->out, l->p ? l->p : "", l->len);
}

void zi_sheet_json_head(struct zi_sheet *sh, const char *sets_word)
{
    struct zi_out *o = &sh->out;
    zi_out_char(o, '{');
    zi_report_json_provenance(o, sh->m);
    zi_out_str(o, ",\"");
    zi_out_str(o, sets_word);
    zi_out_str(o, "\":[");
    for (size_t s = 0; s < sh->n_sets; s++) {
        zi_out_str(o, s ? ",{" : "{");
        zi_json_key(o, "name");
        zi_json_str(o, sh->sets[s].name);
        zi_out_char(o, ',');
        zi_json_key(o, "file");
        zi_json_str(o, sh->sets[s].file);
        zi_out_char(o, ',');
        zi_json_key(o, "units");
        zi_out_u64(o, sh->sets[s].n);
        zi_out_char(o, '}');
    }
    zi_out_str(o, "],\"units\":[\n");
}

void zi_sheet_json_set(struct zi_sheet *sh, size_t row, size_t s, const char *set_word)
{
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    zi_json_key(o, set_word);
    zi_json_str(o, sh->sets[s].name);
    zi_out_char(o, ',');
    zi_json_key(o, "status");
    zi_json_str(o, zi_at_status(at));
    if (!r) return;
    zi_out_char(o, ',');
    zi_json_key(o, "row");
    zi_out_u64(o, r->row);
    if (at == ZI_AT_TWICE) {
        zi_out_char(o, ',');
        zi_json_key(o, "again_at_row");
        zi_out_u64(o, sh->j->rows[row].dup[s]);
        return;
    }
    int ok = at == ZI_AT_OK;
    zi_out_char(o, ',');
    zi_json_key(o, "total");
    zi_json_num(o, ok ? r->outputs[m->total_output] : NAN);
    zi_out_char(o, ',');
    zi_json_key(o, "verdict");
    zi_json_str(o, ok ? m->verdicts[r->verdict].id : NULL);
    if (sh->prerequisites) {
        zi_out_char(o, ',');
        zi_json_key(o, "proposable");
        zi_json_str(o, ok && r->proposable != ZI_PROPOSE_NA ? proposable_code(r->proposable) : NULL);
    }
    zi_out_char(o, ',');
    zi_json_key(o, "scores");
    zi_out_char(o, '{');
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        if (k) zi_out_char(o, ',');
        zi_json_key(o, m->outputs[sh->cols[k]].path);
        zi_json_num(o, ok ? r->outputs[sh->cols[k]] : NAN);
    }
    zi_out_str(o, "},");
    zi_json_key(o, "errors");
    zi_json_errors(o, r->errors);
}

void zi_sheet_counts(const struct zi_sheet *sh, size_t *with_errors, size_t *not_everywhere)
{
    *with_errors = *not_everywhere = 0;
    for (size_t row = 0; row < sh->j->n; row++) {
        int err = 0, absent = 0;
        for (size_t s = 0; s < sh->n_sets; s++) {
            enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
            err |= at == ZI_AT_ERRORS || at == ZI_AT_TWICE;
            absent |= at == ZI_AT_ABSENT && !zi_at_skip(sh->j, sh->sets, row, s);
        }
        *with_errors += err;
        *not_everywhere += absent;
    }
}

void zi_sheet_json_summary(struct zi_sheet *sh, const char *sets_word, const char *absent_word)
{
    struct zi_out *o = &sh->out;
    size_t with_errors, absent;
    zi_sheet_counts(sh, &with_errors, &absent);
    zi_out_str(o, ",\"summary\":{\"units\":");
    zi_out_u64(o, sh->j->n);
    zi_out_str(o, ",\"");
    zi_out_str(o, sets_word);
    zi_out_str(o, "\":");
    zi_out_u64(o, sh->n_sets);
    zi_out_str(o, ",\"with_errors\":");
    zi_out_u64(o, with_errors);
    zi_out_str(o, ",\"");
    zi_out_str(o, absent_word);
    zi_out_str(o, "\":");
    zi_out_u64(o, absent);
    zi_out_str(o, ",\"complete\":true}}\n");
}

void zi_sheet_last_line(const struct zi_sheet *sh, const char *sep, const char *end, const char *sets,
                        const char *not_everywhere, char *t, size_t n)
{
    size_t with_errors, absent;
    zi_sheet_counts(sh, &with_errors, &absent);
    if (sh->lang == ZI_LANG_ID)
        snprintf(t, n, "%s: %zu unit%s%zu %s%s%zu dengan kesalahan%s%zu %s", end, sh->j->n, sep, sh->n_sets,
                 sets, sep, with_errors, sep, absent, not_everywhere);
    else
        snprintf(t, n, "%s: %zu unit%s%s%zu %s%s%zu with errors%s%zu %s", end, sh->j->n,
                 sh->j->n == 1 ? "" : "s", sep, sh->n_sets, sets, sep, with_errors, sep, absent,
                 not_everywhere);
}

int zi_sheet_finish(struct zi_sheet *sh, int *write_errno)
{
    if (zi_out_flush(&sh->out) == 0 && !sh->line.failed) return 0;
    *write_errno = sh->out.failed;
    return -1;
}
