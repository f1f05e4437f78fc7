/* ingest_wide.c — one row per unit: a unit id column and a column per input.
 *
 * The header is matched once (names.c) into a column → input map and a column reader per column; after
 * that each row is the hot path of zirun: the CSV reader hands over the fields in place, and each cell is
 * decoded by its column's reader straight into the unit's row of the batch (zi_cell_fast), or, when it is
 * not a common cell, by the full rules of answer.c. A row that cannot be read as a whole (wrong number of
 * fields, a broken quote) becomes a unit with an error and no scores; a cell that cannot be read is an error
 * of its unit; neither stops the rows after it.
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_MAX_LISTED 20 /* names listed in one warning before "and N more" */

struct zi_wide {
    struct zi_ctx *c;
    struct zi_csv *csv;
    uint32_t n_cols, id_col;
    uint32_t period_col;              /* --period-column's column, or ZI_NONE */
    int32_t *colmap;                  /* input per column, or -1 */
    struct zi_column_reader *readers; /* per column */
    struct zi_buf why;
    struct zi_buf id;          /* an id read as Windows-1252 (zi_ingest_id_text) */
    struct zi_buf with_period; /* "ID [PERIOD]" */
    int borrowed;              /* a copy (zi_wide_copy): colmap and readers are the original's */
};

/* Appends a name to a warning's list, stopping at ZI_MAX_LISTED; control bytes are escaped, as in answer.c
 * (a NUL in a header would cut the warning short). */
static void list_name(struct zi_buf *list, unsigned *count, const char *p, size_t len)
{
    if (*count < ZI_MAX_LISTED) {
        zi_buf_puts(list, *count ? ", '" : "'");
        zi_buf_put_printable(list, p, len);
        zi_buf_putc(list, '\'');
    }
    (*count)++;
}

static void warn_list(struct zi_ctx *c, const char *what, struct zi_buf *list, unsigned count,
                      const char *after)
{
    if (!count) return;
    if (count > ZI_MAX_LISTED)
        zi_ctx_warn(c, 1, 0, ZI_WORDS(c->lang, "%u %s: %s dan %u lagi%s", "%u %s: %s and %u more%s"), count,
                    what, list->p, count - ZI_MAX_LISTED, after);
    else
        zi_ctx_warn(c, 1, 0, "%u %s: %s%s", count, what, list->p, after);
}

/* Inputs without a column: by default the run stops, naming each with the nearest header present (a
 * column left out would score every unit as unanswered there); with --allow-missing-columns, a warning.
 * Facts without a column are one warning: a worksheet of scores alone is still scored, and every
 * prerequisite that reads them says "unknown" (facts carry no points, so no score is wrong). */
static int absent_inputs(struct zi_wide *w, const uint32_t *col_of)
{
    struct zi_ctx *c = w->c;
    const struct zi_module *m = c->m;
    struct zi_buf absent, facts;
    zi_buf_init(&absent);
    zi_buf_init(&facts);
    unsigned n_absent = 0, n_facts = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        if (col_of[i] != ZI_NONE) continue;
        if (m->inputs[i].role == ZI_ROLE_FACT) {
            list_name(&facts, &n_facts, m->inputs[i].key, strlen(m->inputs[i].key));
            continue;
        }
        list_name(&absent, &n_absent, m->inputs[i].key, strlen(m->inputs[i].key));
        uint32_t near = c->allow_missing_columns || n_absent > ZI_MAX_LISTED
                            ? ZI_NONE
                            : zi_header_nearest(w->csv, w->colmap, w->id_col, m->inputs[i].key);
        if (near != ZI_NONE) {
            zi_buf_puts(&absent, ZI_WORDS(c->lang, " (judul kolom terdekat: '", " (nearest header: '"));
            zi_buf_put_printable(&absent, w->csv->f[near].p, w->csv->f[near].len);
            zi_buf_puts(&absent, "')");
        }
    }
    const char *more = ZI_WORDS(c->lang, " dan %u lagi", " and %u more");
    if (n_absent > ZI_MAX_LISTED && !c->allow_missing_columns)
        zi_buf_printf(&absent, more, n_absent - ZI_MAX_LISTED);
    if (n_facts > ZI_MAX_LISTED) zi_buf_printf(&facts, more, n_facts - ZI_MAX_LISTED);
    if (n_facts && !facts.failed && c->lang == ZI_LANG_EN)
        zi_ctx_warn(c, 1, 0, "no column for the fact%s %s: the prerequisites that read %s will be unknown",
                    n_facts == 1 ? "" : "s", facts.p, n_facts == 1 ? "it" : "them");
    else if (n_facts && !facts.failed)
        zi_ctx_warn(c, 1, 0, "tidak ada kolom untuk fakta %s: syarat yang membacanya menjadi belum diketahui",
                    facts.p);
    int oom = absent.failed || facts.failed;
    zi_buf_free(&facts);
    if (n_absent && !c->allow_missing_columns && !oom && c->lang != ZI_LANG_EN) {
        zi_ctx_fatal(
            c,
            "baris %llu: %u masukan kriteria tidak punya kolom: %s\n  setiap unit akan dihitung belum "
            "menjawabnya: perbaiki judul kolom, atau beri --allow-missing-columns untuk menilainya sebagai "
            "belum dijawab",
            (unsigned long long)w->csv->row, n_absent, absent.p);
        zi_buf_free(&absent);
        return -2;
    }
    if (n_absent && !c->allow_missing_columns && !oom) {
        zi_ctx_fatal(c,
                     "row %llu: %u input%s of the criteria ha%s no column: %s\n  every unit would count as "
                     "not having answered %s: correct the header, or give --allow-missing-columns to score "
                     "%s as unanswered",
                     (unsigned long long)w->csv->row, n_absent, n_absent == 1 ? "" : "s",
                     n_absent == 1 ? "s" : "ve", absent.p, n_absent == 1 ? "it" : "them",
                     n_absent == 1 ? "it" : "them");
        zi_buf_free(&absent);
        return -2;
    }
    if (c->lang == ZI_LANG_EN)
        warn_list(c, n_absent == 1 ? "input has no column" : "inputs have no column", &absent, n_absent,
                  " (counted as missing answers)");
    else
        warn_list(c, "masukan tanpa kolom", &absent, n_absent, " (dihitung belum dijawab)");
    zi_buf_free(&absent);
    return oom ? -1 : 0;
}

/* 0; -1 out of memory; -2 when the header is refused (c->fatal says why). */
static int map_header(struct zi_wide *w, size_t first_line)
{
    struct zi_ctx *c = w->c;
    const struct zi_module *m = c->m;
    struct zi_csv *r = w->csv;
    w->n_cols = (uint32_t)r->nf;
    w->colmap = malloc(((size_t)w->n_cols + 1) * sizeof *w->colmap);
    w->readers = malloc(((size_t)w->n_cols + 1) * sizeof *w->readers);
    uint32_t *col_of = malloc(((size_t)m->n_inputs + 1) * sizeof *col_of);
    if (!w->colmap || !w->readers || !col_of) {
        free(col_of);
        return -1;
    }
    w->id_col = zi_header_id_column(c, r);
    if (w->id_col == ZI_NONE || !zi_header_understood(c, r, w->id_col)) {
        if (!c->fatal[0])
            zi_header_refuse(c, r, first_line, 1,
                             ZI_WORDS(c->lang, "judul kolom tidak menyebut satu pun masukan kriteria",
                                      "the header names no input of the criteria"));
        free(col_of);
        return -2;
    }
    w->period_col = zi_header_period_column(c, r);
    /* A period column named like the unit's would make the periods the units. */
    int unit_word = w->period_col != ZI_NONE && !c->id_column &&
                    zi_is_unit_header(r->f[w->period_col].p, r->f[w->period_col].len);
    if (c->period_column && (w->period_col == ZI_NONE || w->period_col == w->id_col || unit_word)) {
        if (!c->fatal[0])
            zi_ctx_fatal(
                c, "row %llu: --period-column '%s' is the unit column: give the unit's with --id-column",
                (unsigned long long)r->row, c->period_column);
        free(col_of);
        return -2;
    }
    for (uint32_t i = 0; i < m->n_inputs; i++)
        col_of[i] = ZI_NONE;
    struct zi_buf unknown, ambiguous;
    zi_buf_init(&unknown);
    zi_buf_init(&ambiguous);
    unsigned n_unknown = 0, n_ambiguous = 0;
    for (uint32_t j = 0; j < w->n_cols; j++) {
        const char *p = r->f[j].p;
        size_t len = r->f[j].len;
        zi_trim(&p, &len);
        w->colmap[j] = -1;
        if (j == w->id_col || j == w->period_col) continue;
        int32_t i = zi_names_find(&c->names, p, len);
        if (i == ZI_NAME_UNKNOWN) {
            if (len && !zi_is_number_header(p, len)) list_name(&unknown, &n_unknown, p, len);
        } else if (i == ZI_NAME_AMBIGUOUS) {
            list_name(&ambiguous, &n_ambiguous, p, len);
        } else if (col_of[i] != ZI_NONE) {
            zi_ctx_warn(c, 1, j + 1, "column '%.*s' gives input %s again (already column %u); ignored",
                        (int)len, p, m->inputs[i].key, (unsigned)col_of[i] + 1);
        } else {
            col_of[i] = j;
            w->colmap[j] = i;
        }
    }
    for (uint32_t j = 0; j < w->n_cols; j++)
        zi_answers_column_reader(c->answers, w->colmap[j], &w->readers[j]);
    warn_list(c,
              ZI_WORDS(c->lang, "kolom tidak dikenal", n_unknown == 1 ? "unknown column" : "unknown columns"),
              &unknown, n_unknown, ZI_WORDS(c->lang, " (diabaikan)", " (ignored)"));
    warn_list(c,
              ZI_WORDS(c->lang, "kolom bermakna ganda, masing-masing menyebut beberapa masukan",
                       "ambiguous columns, each naming several inputs"),
              &ambiguous, n_ambiguous, ZI_WORDS(c->lang, " (diabaikan)", " (ignored)"));
    int rc = unknown.failed || ambiguous.failed ? -1 : absent_inputs(w, col_of);
    zi_buf_free(&unknown);
    zi_buf_free(&ambiguous);
    free(col_of);
    return rc;
}

struct zi_wide *zi_wide_open(struct zi_ctx *c, struct zi_csv *csv, size_t first_line)
{
    struct zi_wide *w = calloc(1, sizeof *w);
    if (!w) {
        zi_ctx_fatal(c, "out of memory");
        return NULL;
    }
    w->c = c;
    w->csv = csv;
    zi_buf_init(&w->why);
    zi_buf_init(&w->id);
    zi_buf_init(&w->with_period);
    if (map_header(w, first_line) != 0) {
        zi_ctx_fatal(c, "out of memory"); /* kept only when the header was not refused first */
        zi_wide_close(w);
        return NULL;
    }
    return w;
}

struct zi_wide *zi_wide_copy(const struct zi_wide *w, struct zi_ctx *c, struct zi_csv *csv)
{
    struct zi_wide *k = malloc(sizeof *k);
    if (!k) return NULL;
    *k = *w;
    k->c = c;
    k->csv = csv;
    k->borrowed = 1;
    zi_buf_init(&k->why);
    zi_buf_init(&k->id);
    zi_buf_init(&k->with_period);
    return k;
}

void zi_wide_close(struct zi_wide *w)
{
    if (!w) return;
    if (!w->borrowed) {
        free(w->colmap);
        free(w->readers);
    }
    zi_buf_free(&w->why);
    zi_buf_free(&w->id);
    zi_buf_free(&w->with_period);
    free(w);
}

/* A period's name is kept in the id between the last " [" and the final "]" (docs/runtime.md, "Progress over
 * time"), so it cannot hold a bracket itself, and must not be empty. */
static int period_valid(const char *p, size_t len)
{
    return len && !memchr(p, '[', len) && !memchr(p, ']', len);
}

/* With a period column, the unit in one period is a unit of its own: "ID [PERIOD]", so that the duplicate-id
 * check applies per period and every message names the period. An empty id stays empty (its own error); a
 * period that is not valid leaves the id as it is, the row's error saying why. */
static void with_period(struct zi_wide *w, const char **id, size_t *id_len, const char *period, size_t len)
{
    const char *p = *id;
    size_t n = *id_len;
    zi_trim(&p, &n);
    if (!n || !period_valid(period, len)) return;
    w->with_period.len = 0;
    zi_buf_append(&w->with_period, p, n);
    zi_buf_puts(&w->with_period, " [");
    zi_buf_append(&w->with_period, period, len);
    zi_buf_putc(&w->with_period, ']');
    if (w->with_period.failed) return;
    *id = w->with_period.p;
    *id_len = w->with_period.len;
}

int zi_wide_fill(struct zi_wide *w, struct zi_batch *b)
{
    struct zi_ctx *c = w->c;
    struct zi_csv *r = w->csv;
    const struct zi_answers *ans = c->answers;
    int added = 0;
    while (b->n < b->cap) {
        int got = zi_csv_next(r);
        if (got == 0) break;
        if (got < 0) {
            zi_ctx_fatal(c, "row %llu: %s", (unsigned long long)r->next_row, zi_input_error(r->in));
            break;
        }
        added++;
        uint64_t row = r->row;
        const struct zi_field *f = r->f;
        const char *id = w->id_col < r->nf ? f[w->id_col].p : "";
        size_t id_len = w->id_col < r->nf ? f[w->id_col].len : 0;
        zi_ingest_id_text(c, row, w->id_col + 1, &id, &id_len, &w->id);
        const char *period = NULL;
        size_t period_len = 0;
        if (w->period_col != ZI_NONE && w->period_col < r->nf) {
            period = f[w->period_col].p;
            period_len = f[w->period_col].len;
            zi_trim(&period, &period_len);
            with_period(w, &id, &id_len, period, period_len);
        }
        uint32_t u = zi_ingest_unit(b, row, id, id_len);
        if (period && !period_valid(period, period_len))
            zi_batch_error(
                b, u, row, w->period_col + 1, -1,
                period_len
                    ? ZI_WORDS(c->lang, "periode '%.*s' memuat kurung siku: periode ditulis tanpa [ dan ]",
                               "the period '%.*s' has a bracket: a period is named without [ and ]")
                    : ZI_WORDS(c->lang, "tidak ada periode di kolom '%.*s'", "no period in column '%.*s'"),
                period_len ? (int)period_len : (int)strlen(c->period_column),
                period_len ? period : c->period_column);
        if (r->problem || r->nf != w->n_cols) {
            if (r->problem)
                zi_batch_error(b, u, row, 0, -1, ZI_WORDS(c->lang, "baris rusak: %s", "malformed row: %s"),
                               r->problem);
            else
                zi_batch_error(b, u, row, 0, -1,
                               ZI_WORDS(c->lang, "baris rusak: %zu kolom, padahal judul kolom ada %u",
                                        "malformed row: %zu fields, but the header has %u"),
                               r->nf, (unsigned)w->n_cols);
            b->units[u].unreadable = ZI_UNREAD_ROW;
            continue;
        }
        uint8_t *codes = b->codes + zi_tile_index(u, 0, b->n_codes);
        double *numbers = b->numbers + zi_tile_index(u, 0, b->n_numbers);
        for (uint32_t j = 0; j < w->n_cols; j++) {
            const struct zi_column_reader *cr = &w->readers[j];
            if (cr->kind == ZI_FAST_NONE ||
                zi_cell_fast(cr, f[j].p, f[j].len, codes, numbers) != ZI_CELL_SLOW)
                continue;
            int32_t i = w->colmap[j];
            double v;
            enum zi_cell cell = zi_answers_read_text(ans, (uint32_t)i, f[j].p, f[j].len, &v, &w->why);
            if (cell == ZI_CELL_VALUE) {
                zi_batch_set(b, u, (uint32_t)i, v);
            } else if (cell == ZI_CELL_BAD) {
                zi_batch_error(b, u, row, j + 1, i, "%s %s: %s", zi_input_noun(&c->m->inputs[i], c->lang),
                               c->m->inputs[i].key, w->why.failed ? "cannot be read" : w->why.p);
                b->units[u].unreadable = ZI_UNREAD_CELL;
                w->why.len = 0;
            }
        }
    }
    return added;
}
