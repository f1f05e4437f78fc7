/* compare.c — the tiers of one evaluation side by side (`zirun compare`): per unit, the total, the areas, the
 * verdict and proposability at each tier; every item whose answer differs between the tiers, with its score
 * at each; then, for each tier and the one before it, where the later evaluators lowered scores most often —
 * the areas and the items ranked by how many units were lowered, then by the points taken.
 *
 * Only a tier where the unit was scored (ZI_AT_OK) takes part in a difference: a unit with errors in a tier,
 * or twice in its file, is shown with that, and a unit missing from a file is listed as missing; none is
 * dropped and none is compared on data that could not be read.
 */
#include <math.h>
#include <stdlib.h>

#include "compare.h"

#define ZI_EPS 1e-9       /* a score lower by less is the same score (two paths to one sum) */
#define ZI_TOP_LOWERED 10 /* items listed per pair of tiers in the table; JSON lists all */

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Whether input i's answer differs between the tiers where the unit was scored. */
int zi_cmp_input_changed(const struct zi_cmp *c, size_t row, uint32_t i)
{
    int seen = 0;
    double first = 0;
    for (size_t s = 0; s < c->sh.n_sets; s++) {
        if (zi_at_state(c->sh.j, c->sh.sets, row, s) != ZI_AT_OK) continue;
        double v = zi_at_unit(c->sh.j, c->sh.sets, row, s)->answers[i];
        if (!seen++)
            first = v;
        else if (!same(first, v))
            return 1;
    }
    return 0;
}

/* The inputs of item o: [first_input[o], end) */
static uint32_t item_end(const struct zi_module *m, uint32_t first, uint32_t o)
{
    uint32_t i = first;
    while (i < m->n_inputs && m->inputs[i].item == (int32_t)o)
        i++;
    return i;
}

int zi_cmp_item_changed(const struct zi_cmp *c, size_t row, uint32_t o)
{
    uint32_t first = c->first_input[o];
    if (first == ZI_NONE) return 0;
    for (uint32_t i = first, end = item_end(c->sh.m, first, o); i < end; i++)
        if (zi_cmp_input_changed(c, row, i)) return 1;
    return 0;
}

/* Item o's answers in set s for people ("10/8" for an item of two inputs) into c->sh.line. */
void zi_cmp_item_answers(struct zi_cmp *c, const struct zi_unit_result *r, uint32_t o)
{
    const struct zi_module *m = c->sh.m;
    uint32_t first = c->first_input[o];
    for (uint32_t i = first, end = item_end(m, first, o); i < end; i++) {
        if (i > first) zi_buf_putc(&c->sh.line, '/');
        zi_answer_text(&c->sh.line, &m->inputs[i], r->answers[i], c->sh.point,
                       ZI_WORDS(c->sh.lang, "tidak dijawab", "not answered"));
    }
}

/* Table: "    A.2 Prosedur pemilihan anggota: A 8,00 → B 4,00 → -" for a changed item, or, for a fact
 * (fact >= 0), "    fact unit.kategori: x → y". */
static void table_change(struct zi_cmp *c, size_t row, uint32_t o, int32_t fact)
{
    const struct zi_module *m = c->sh.m;
    struct zi_buf *l = &c->sh.line;
    l->len = 0;
    zi_buf_puts(l, "    ");
    if (fact >= 0) {
        zi_buf_puts(l, ZI_WORDS(c->sh.lang, "fakta ", "fact "));
        zi_buf_puts(l, m->inputs[fact].key);
    } else {
        zi_buf_puts(l, m->outputs[o].code ? m->outputs[o].code : m->outputs[o].path);
        zi_buf_putc(l, ' ');
        zi_buf_puts(l, m->outputs[o].title);
    }
    zi_buf_puts(l, ": ");
    for (size_t s = 0; s < c->sh.n_sets; s++) {
        if (s) zi_buf_puts(l, " → ");
        if (zi_at_state(c->sh.j, c->sh.sets, row, s) != ZI_AT_OK) {
            zi_buf_putc(l, '-');
            continue;
        }
        const struct zi_unit_result *r = zi_at_unit(c->sh.j, c->sh.sets, row, s);
        if (fact >= 0) {
            zi_answer_text(l, &m->inputs[fact], r->answers[fact], c->sh.point,
                           ZI_WORDS(c->sh.lang, "kosong", "missing"));
            continue;
        }
        zi_cmp_item_answers(c, r, o);
        char t[ZI_FMT_MAX];
        zi_people_number(r->outputs[o], c->sh.point, t);
        zi_buf_putc(l, ' ');
        zi_buf_puts(l, t);
    }
    zi_buf_putc(l, '\n');
    if (!l->failed) zi_out_bytes(&c->sh.out, l->p, l->len);
}

/* Counts row's lowered scores into c->low, per pair of consecutive tiers where it was scored at both. */
static void count_lowered(struct zi_cmp *c, size_t row)
{
    const struct zi_module *m = c->sh.m;
    for (size_t p = 0; p + 1 < c->sh.n_sets; p++) {
        if (zi_at_state(c->sh.j, c->sh.sets, row, p) != ZI_AT_OK ||
            zi_at_state(c->sh.j, c->sh.sets, row, p + 1) != ZI_AT_OK)
            continue;
        const struct zi_unit_result *a = zi_at_unit(c->sh.j, c->sh.sets, row, p);
        const struct zi_unit_result *b = zi_at_unit(c->sh.j, c->sh.sets, row, p + 1);
        c->pair_units[p]++;
        /* Verdicts are listed best first: a larger index is a lower verdict. */
        if (b->verdict > a->verdict) c->pair_verdict[p]++;
        for (uint32_t o = 0; o < m->n_outputs; o++) {
            double drop = a->outputs[o] - b->outputs[o];
            if (!(drop > ZI_EPS)) continue;
            struct zi_lowered *lw = &c->low[p * m->n_outputs + o];
            lw->units++;
            lw->points += drop;
        }
    }
}

/* The outputs of pair p that were lowered and are items (items) or columns (areas), ranked: most units
 * first, then most points, then in the criteria's order. Written to c->order; returns how many. */
uint32_t zi_cmp_ranked(struct zi_cmp *c, size_t p, int items)
{
    const struct zi_module *m = c->sh.m;
    const struct zi_lowered *low = c->low + p * m->n_outputs;
    uint32_t n = 0;
    if (items) {
        for (uint32_t o = 0; o < m->n_outputs; o++)
            if (m->outputs[o].kind == ZI_OUTPUT_ITEM && low[o].units) c->order[n++] = o;
    } else {
        for (uint32_t k = 0; k < c->sh.n_cols; k++)
            if (low[c->sh.cols[k]].units) c->order[n++] = c->sh.cols[k];
    }
    /* Insertion sort, stable: a few hundred items at most. */
    for (uint32_t i = 1; i < n; i++) {
        uint32_t o = c->order[i], k = i;
        while (k > 0) {
            const struct zi_lowered *x = &low[c->order[k - 1]], *y = &low[o];
            if (x->units > y->units || (x->units == y->units && x->points >= y->points)) break;
            c->order[k] = c->order[k - 1];
            k--;
        }
        c->order[k] = o;
    }
    return n;
}

static void table_lowered_list(struct zi_cmp *c, size_t p, int items)
{
    const struct zi_module *m = c->sh.m;
    struct zi_out *o = &c->sh.out;
    uint32_t n = zi_cmp_ranked(c, p, items);
    zi_out_str(o, items ? ZI_WORDS(c->sh.lang, "  butir:\n", "  items:\n")
                        : ZI_WORDS(c->sh.lang, "  area:\n", "  areas:\n"));
    for (uint32_t k = 0; k < n && (!items || k < ZI_TOP_LOWERED); k++) {
        const struct zi_output_desc *d = &m->outputs[c->order[k]];
        const struct zi_lowered *lw = &c->low[p * m->n_outputs + c->order[k]];
        char pts[ZI_FMT_MAX], t[200];
        zi_people_number(lw->points, c->sh.point, pts);
        if (c->sh.lang == ZI_LANG_ID)
            snprintf(t, sizeof t, ": %u unit, %s poin\n", lw->units, pts);
        else
            snprintf(t, sizeof t, ": %u unit%s, %s points\n", lw->units, lw->units == 1 ? "" : "s", pts);
        zi_out_str(o, "    ");
        zi_out_str(o, d->code ? d->code : d->path);
        zi_out_char(o, ' ');
        zi_out_str(o, d->title);
        zi_out_str(o, t);
    }
    if (items && n > ZI_TOP_LOWERED) {
        char t[120];
        snprintf(t, sizeof t,
                 ZI_WORDS(c->sh.lang, "    … dan %u butir lagi (JSON memuat semuanya)\n",
                          "    … and %u more items (the JSON report lists them all)\n"),
                 n - ZI_TOP_LOWERED);
        zi_out_str(o, t);
    }
}

static void table(struct zi_cmp *c)
{
    const struct zi_module *m = c->sh.m;
    struct zi_sheet *sh = &c->sh;
    struct zi_out *o = &sh->out;
    zi_sheet_table_head(sh, ZI_WORDS(sh->lang, "Perbandingan tingkat penilaian", "Tier comparison"),
                        ZI_WORDS(sh->lang, "tingkat", "tiers"), ZI_WORDS(sh->lang, "tingkat", "tier"));
    for (size_t row = 0; row < sh->j->n; row++) {
        if (row) zi_out_char(o, '\n');
        for (size_t s = 0; s < sh->n_sets; s++) {
            zi_sheet_table_line(sh, row, s, s == 0);
            zi_out_char(o, '\n');
            zi_sheet_table_errors(sh, row, s);
        }
        for (uint32_t out = 0; out < m->n_outputs; out++)
            if (m->outputs[out].kind == ZI_OUTPUT_ITEM && zi_cmp_item_changed(c, row, out))
                table_change(c, row, out, -1);
        for (uint32_t i = 0; i < m->n_inputs; i++)
            if (m->inputs[i].role == ZI_ROLE_FACT && zi_cmp_input_changed(c, row, i))
                table_change(c, row, 0, (int32_t)i);
    }
    zi_sheet_table_absent(
        sh, ZI_WORDS(sh->lang, "unit yang tidak ada di setiap berkas", "units not in every file"));
    for (size_t p = 0; p + 1 < sh->n_sets; p++) {
        char t[300];
        snprintf(
            t, sizeof t,
            ZI_WORDS(
                sh->lang,
                "\nnilai yang diturunkan dari %s ke %s (%u unit dinilai di keduanya; predikat turun untuk "
                "%u):\n",
                "\nscores lowered from %s to %s (%u units scored at both; verdict lowered for %u):\n"),
            sh->sets[p].name, sh->sets[p + 1].name, c->pair_units[p], c->pair_verdict[p]);
        zi_out_str(o, t);
        if (!zi_cmp_ranked(c, p, 0) && !zi_cmp_ranked(c, p, 1)) {
            zi_out_str(o, ZI_WORDS(sh->lang, "  tidak ada nilai yang turun\n", "  no score was lowered\n"));
            continue;
        }
        table_lowered_list(c, p, 0);
        table_lowered_list(c, p, 1);
    }
}

/* The nearest set before s where the unit was scored, or -1. */
static long previous_ok(const struct zi_cmp *c, size_t row, size_t s)
{
    for (size_t k = s; k-- > 0;)
        if (zi_at_state(c->sh.j, c->sh.sets, row, k) == ZI_AT_OK) return (long)k;
    return -1;
}

/* CSV: the changes of set s from the set before it where the unit was scored, "A.2: A -> B (8 -> 4); …". */
static void csv_changes(struct zi_cmp *c, size_t row, size_t s)
{
    const struct zi_module *m = c->sh.m;
    struct zi_buf *l = &c->sh.line;
    l->len = 0;
    long p = previous_ok(c, row, s);
    if (p >= 0 && zi_at_state(c->sh.j, c->sh.sets, row, s) == ZI_AT_OK) {
        const struct zi_unit_result *a = zi_at_unit(c->sh.j, c->sh.sets, row, (size_t)p);
        const struct zi_unit_result *b = zi_at_unit(c->sh.j, c->sh.sets, row, s);
        for (uint32_t i = 0; i < m->n_inputs; i++) {
            if (same(a->answers[i], b->answers[i])) continue;
            const struct zi_input_desc *d = &m->inputs[i];
            if (l->len) zi_buf_puts(l, "; ");
            zi_buf_puts(l, d->key);
            zi_buf_puts(l, ": ");
            zi_answer_plain(l, d, a->answers[i]);
            zi_buf_puts(l, " -> ");
            zi_answer_plain(l, d, b->answers[i]);
            if (d->item >= 0) {
                char t[ZI_FMT_MAX];
                zi_buf_puts(l, " (");
                zi_buf_append(l, t, zi_fmt_shortest(a->outputs[d->item], t));
                zi_buf_puts(l, " -> ");
                zi_buf_append(l, t, zi_fmt_shortest(b->outputs[d->item], t));
                zi_buf_putc(l, ')');
            }
        }
    }
    if (!l->failed) zi_out_csv_field(&c->sh.out, l->p ? l->p : "", l->len);
}

static void csv(struct zi_cmp *c)
{
    struct zi_sheet *sh = &c->sh;
    struct zi_out *o = &sh->out;
    zi_out_str(o, "unit,");
    zi_sheet_csv_head(sh, "tier");
    zi_out_str(o, ",changed,errors\n");
    for (size_t row = 0; row < sh->j->n; row++) {
        for (size_t s = 0; s < sh->n_sets; s++) {
            zi_sheet_csv_cells(sh, row, s);
            zi_out_char(o, ',');
            csv_changes(c, row, s);
            zi_out_char(o, ',');
            zi_sheet_csv_errors(sh, row, s);
            zi_out_char(o, '\n');
        }
    }
}

/* JSON: an answer as stored: a label's text, a number, or null (missing, or the tier has no scores). */
static void json_answer(struct zi_cmp *c, const struct zi_input_desc *d, const struct zi_unit_result *r,
                        double v)
{
    if (!r || isnan(v)) {
        zi_out_str(&c->sh.out, "null");
        return;
    }
    c->sh.line.len = 0;
    zi_answer_plain(&c->sh.line, d, v);
    if (zi_input_has_labels(d->kind))
        zi_json_str(&c->sh.out, c->sh.line.failed ? "" : c->sh.line.p);
    else
        zi_json_num(&c->sh.out, v);
}

/* JSON: {"item":…,"title":…,"answers":{key:[per tier]},"scores":[per tier]}, or for a fact (fact >= 0)
 * {"fact":key,"answers":[per tier]}. */
static void json_change(struct zi_cmp *c, size_t row, uint32_t item, int32_t fact, int first)
{
    const struct zi_module *m = c->sh.m;
    struct zi_out *o = &c->sh.out;
    size_t ns = c->sh.n_sets;
    const struct zi_unit_result *r[3];
    for (size_t s = 0; s < ns; s++)
        r[s] = zi_at_state(c->sh.j, c->sh.sets, row, s) == ZI_AT_OK ? zi_at_unit(c->sh.j, c->sh.sets, row, s)
                                                                    : NULL;
    zi_out_str(o, first ? "{" : ",{");
    if (fact >= 0) {
        zi_json_key(o, "fact");
        zi_json_str(o, m->inputs[fact].key);
        zi_out_str(o, ",\"answers\":[");
        for (size_t s = 0; s < ns; s++) {
            if (s) zi_out_char(o, ',');
            json_answer(c, &m->inputs[fact], r[s], r[s] ? r[s]->answers[fact] : NAN);
        }
        zi_out_str(o, "]}");
        return;
    }
    zi_json_key(o, "item");
    zi_json_str(o, m->outputs[item].code ? m->outputs[item].code : m->outputs[item].path);
    zi_out_char(o, ',');
    zi_json_key(o, "title");
    zi_json_str(o, m->outputs[item].title);
    zi_out_str(o, ",\"answers\":{");
    uint32_t first_in = c->first_input[item];
    for (uint32_t i = first_in, end = item_end(m, first_in, item); i < end; i++) {
        if (i > first_in) zi_out_char(o, ',');
        zi_json_key(o, m->inputs[i].key);
        zi_out_char(o, '[');
        for (size_t s = 0; s < ns; s++) {
            if (s) zi_out_char(o, ',');
            json_answer(c, &m->inputs[i], r[s], r[s] ? r[s]->answers[i] : NAN);
        }
        zi_out_char(o, ']');
    }
    zi_out_str(o, "},\"scores\":[");
    for (size_t s = 0; s < ns; s++) {
        if (s) zi_out_char(o, ',');
        zi_json_num(o, r[s] ? r[s]->outputs[item] : NAN);
    }
    zi_out_str(o, "]}");
}

static void json_lowered_list(struct zi_cmp *c, size_t p, int items)
{
    const struct zi_module *m = c->sh.m;
    struct zi_out *o = &c->sh.out;
    uint32_t n = zi_cmp_ranked(c, p, items);
    zi_json_key(o, items ? "items" : "areas");
    zi_out_char(o, '[');
    for (uint32_t k = 0; k < n; k++) {
        const struct zi_output_desc *d = &m->outputs[c->order[k]];
        const struct zi_lowered *lw = &c->low[p * m->n_outputs + c->order[k]];
        zi_out_str(o, k ? ",{" : "{");
        zi_json_key(o, items ? "item" : "output");
        zi_json_str(o, items && d->code ? d->code : d->path);
        zi_out_char(o, ',');
        zi_json_key(o, "title");
        zi_json_str(o, d->title);
        zi_out_char(o, ',');
        zi_json_key(o, "units");
        zi_out_u64(o, lw->units);
        zi_out_char(o, ',');
        zi_json_key(o, "points");
        zi_json_num(o, lw->points);
        zi_out_char(o, '}');
    }
    zi_out_char(o, ']');
}

static void json(struct zi_cmp *c)
{
    const struct zi_module *m = c->sh.m;
    struct zi_sheet *sh = &c->sh;
    struct zi_out *o = &sh->out;
    zi_sheet_json_head(sh, "tiers");
    for (size_t row = 0; row < sh->j->n; row++) {
        const struct zi_joined *jr = &sh->j->rows[row];
        zi_out_str(o, row ? ",\n{" : "{");
        zi_json_key(o, "id");
        zi_out_json_string(o, jr->id, jr->id_len);
        zi_out_str(o, ",\"tiers\":[");
        for (size_t s = 0; s < sh->n_sets; s++) {
            zi_out_str(o, s ? ",{" : "{");
            zi_sheet_json_set(sh, row, s, "tier");
            zi_out_char(o, '}');
        }
        zi_out_str(o, "],\"changed\":[");
        int first = 1;
        for (uint32_t out = 0; out < m->n_outputs; out++) {
            if (m->outputs[out].kind != ZI_OUTPUT_ITEM || !zi_cmp_item_changed(c, row, out)) continue;
            json_change(c, row, out, -1, first);
            first = 0;
        }
        for (uint32_t i = 0; i < m->n_inputs; i++) {
            if (m->inputs[i].role != ZI_ROLE_FACT || !zi_cmp_input_changed(c, row, i)) continue;
            json_change(c, row, 0, (int32_t)i, first);
            first = 0;
        }
        zi_out_str(o, "]}");
    }
    zi_out_str(o, "\n],\"lowered\":[");
    for (size_t p = 0; p + 1 < sh->n_sets; p++) {
        zi_out_str(o, p ? ",{" : "{");
        zi_json_key(o, "from");
        zi_json_str(o, sh->sets[p].name);
        zi_out_char(o, ',');
        zi_json_key(o, "to");
        zi_json_str(o, sh->sets[p + 1].name);
        zi_out_char(o, ',');
        zi_json_key(o, "units");
        zi_out_u64(o, c->pair_units[p]);
        zi_out_char(o, ',');
        zi_json_key(o, "verdict_lowered");
        zi_out_u64(o, c->pair_verdict[p]);
        zi_out_char(o, ',');
        json_lowered_list(c, p, 0);
        zi_out_char(o, ',');
        json_lowered_list(c, p, 1);
        zi_out_char(o, '}');
    }
    zi_out_char(o, ']');
    zi_sheet_json_summary(sh, "tiers", "not_in_every_file");
}

/* The last line of the table and CSV (docs/runtime.md, "The last line"). */
static void trailer(struct zi_cmp *c)
{
    struct zi_sheet *sh = &c->sh;
    int csv = sh->format == ZI_REPORT_CSV;
    char t[300];
    zi_sheet_last_line(sh, csv ? " | " : ", ", ZI_WORDS(sh->lang, "akhir perbandingan", "end of comparison"),
                       ZI_WORDS(sh->lang, "tingkat", "tiers"),
                       ZI_WORDS(sh->lang, "tidak ada di setiap berkas", "not in every file"), t, sizeof t);
    zi_out_str(&sh->out, csv ? "# " : "\n");
    zi_out_str(&sh->out, t);
    zi_out_char(&sh->out, '\n');
}

int zi_compare_write(const struct zi_module *m, const struct zi_set *sets, size_t n_sets,
                     const struct zi_join *j, FILE *f, enum zi_report_format format, enum zi_lang lang,
                     int *write_errno)
{
    struct zi_cmp c;
    memset(&c, 0, sizeof c);
    *write_errno = 0;
    int rc = -1;
    size_t pairs = n_sets > 1 ? n_sets - 1 : 1;
    c.first_input = malloc(((size_t)m->n_outputs + 1) * sizeof *c.first_input);
    c.low = calloc(pairs * m->n_outputs + 1, sizeof *c.low);
    c.pair_units = calloc(pairs, sizeof *c.pair_units);
    c.pair_verdict = calloc(pairs, sizeof *c.pair_verdict);
    c.order = malloc(((size_t)m->n_outputs + 1) * sizeof *c.order);
    if (zi_sheet_init(&c.sh, m, sets, n_sets, j, f, format, lang) != 0 || !c.first_input || !c.low ||
        !c.pair_units || !c.pair_verdict || !c.order || n_sets > 3)
        goto done;
    zi_explain_first_inputs(m, c.first_input);
    for (size_t row = 0; row < j->n; row++)
        count_lowered(&c, row);
    if (format == ZI_REPORT_HTML) {
        zi_compare_html(&c);
    } else if (format == ZI_REPORT_JSON) {
        json(&c);
    } else if (format == ZI_REPORT_CSV) {
        csv(&c);
        trailer(&c);
    } else {
        table(&c);
        trailer(&c);
    }
    rc = zi_sheet_finish(&c.sh, write_errno);
done:
    zi_sheet_free(&c.sh);
    free(c.first_input);
    free(c.low);
    free(c.pair_units);
    free(c.pair_verdict);
    free(c.order);
    return rc;
}
