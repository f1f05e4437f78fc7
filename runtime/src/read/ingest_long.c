/* ingest_long.c — `unit,item,answer` rows in any order.
 *
 * Rows of one unit may be anywhere in the file, so no unit is complete before the last row is read: the
 * whole file is grouped first, by unit id, into a store of answers (one double and one presence byte per
 * input per unit, in order of first appearance), and the units are then handed out in batches. This is the
 * one format whose memory grows with the number of units — about 9 bytes per input per unit, 1.1 GB for a
 * million units of 120 inputs; docs/runtime.md says so and recommends the wide format for large runs.
 */
#include <stdlib.h>

#include "zirt.h"

/* The store may not grow past this (docs/limits.md): a clear error instead of the machine running out of
 * memory, and every offset into it fits the 32 bits it is kept in. Twice what a million LKE units take; the
 * wide format and JSON stream, for runs larger than that. Tests build this file with a smaller value. */
#ifndef ZI_LONG_MAX_BYTES
#define ZI_LONG_MAX_BYTES ((size_t)2 << 30)
#endif

struct long_unit {
    uint64_t row;
    uint32_t id, id_len;
    uint32_t first_error, last_error;
    uint8_t unreadable;
};

struct zi_long {
    struct zi_ctx *c;
    struct zi_csv *csv;
    uint32_t n_cols, col_unit, col_item, col_answer;
    uint8_t *named; /* per input: some row names it */
    struct zi_strmap ids;
    struct long_unit *units;
    size_t n_units, cap_units, emitted;
    double *values;   /* n_units × n_inputs, one unit's answers together */
    uint8_t *present; /* the same shape */
    struct zi_unit_error *errors;
    uint32_t n_errors, cap_errors;
    struct zi_buf text; /* ids and messages */
    struct zi_buf why;
    struct zi_buf id; /* an id read as Windows-1252 (zi_ingest_id_text) */
    int loaded;
    int full; /* the store reached ZI_LONG_MAX_BYTES */
};

struct zi_long *zi_long_open(struct zi_ctx *c, struct zi_csv *csv, const struct zi_header_cols *hc)
{
    struct zi_long *l = calloc(1, sizeof *l);
    if (l) l->named = calloc((size_t)c->m->n_inputs + 1, 1);
    if (!l || !l->named || zi_strmap_init(&l->ids) != 0) {
        if (l) free(l->named);
        free(l);
        zi_ctx_fatal(c, "out of memory");
        return NULL;
    }
    l->c = c;
    l->csv = csv;
    zi_buf_init(&l->text);
    zi_buf_init(&l->why);
    zi_buf_init(&l->id);
    l->n_cols = (uint32_t)csv->nf;
    l->col_unit = hc->unit;
    l->col_item = hc->item;
    l->col_answer = hc->answer;
    /* Other columns (a row number, "keterangan") are the evaluator's own notes: named once, not read. */
    struct zi_buf other;
    zi_buf_init(&other);
    unsigned n_other = 0;
    for (uint32_t j = 0; j < l->n_cols; j++) {
        const char *p = csv->f[j].p;
        size_t len = csv->f[j].len;
        zi_trim(&p, &len);
        if (j == hc->unit || j == hc->item || j == hc->answer || len == 0 || zi_is_template_column(p, len))
            continue;
        zi_buf_puts(&other, n_other++ ? ", '" : "'");
        zi_buf_put_printable(&other, p, len);
        zi_buf_putc(&other, '\'');
    }
    if (n_other && !other.failed)
        zi_ctx_warn(c, csv->row, 0, "%s %s not read: the long layout reads the unit, item and answer columns",
                    other.p, n_other == 1 ? "is" : "are");
    zi_buf_free(&other);
    return l;
}

void zi_long_close(struct zi_long *l)
{
    if (!l) return;
    zi_strmap_free(&l->ids);
    free(l->named);
    free(l->units);
    free(l->values);
    free(l->present);
    free(l->errors);
    zi_buf_free(&l->text);
    zi_buf_free(&l->why);
    zi_buf_free(&l->id);
    free(l);
}

static int oom(struct zi_long *l)
{
    if (l->full)
        zi_ctx_fatal(
            l->c,
            "a long-format file is grouped in memory, and after %zu units it needs more than the %zu MiB "
            "allowed (use the wide format or JSON for large runs: their memory does not grow with the "
            "number of units)",
            l->n_units, (size_t)ZI_LONG_MAX_BYTES >> 20);
    else
        zi_ctx_fatal(l->c,
                     "out of memory after %zu units of a long-format file (use the wide format for large "
                     "runs: its memory does not grow with the number of units)",
                     l->n_units);
    return -1;
}

/* Bytes the store takes with room for `cap` units: answers, units, ids and messages, errors. */
static size_t store_bytes(const struct zi_long *l, size_t cap)
{
    size_t per_unit = l->c->m->n_inputs * (sizeof *l->values + sizeof *l->present) + sizeof *l->units;
    return cap * per_unit + l->text.len + (size_t)l->cap_errors * sizeof *l->errors;
}

/* The unit with this id, created (in order of first appearance) when new; ZI_NONE when out of memory. */
static uint32_t unit_of(struct zi_long *l, const char *id, size_t len, uint64_t row)
{
    uint32_t u = zi_strmap_get(&l->ids, id, len);
    if (u != ZI_NONE) return u;
    size_t ni = l->c->m->n_inputs;
    if (l->n_units == l->cap_units) {
        size_t cap = l->cap_units ? l->cap_units * 2 : 256;
        while (cap > l->n_units && store_bytes(l, cap) > ZI_LONG_MAX_BYTES)
            cap = l->n_units + (cap - l->n_units) / 2;
        if (cap == l->n_units) {
            l->full = 1;
            return ZI_NONE;
        }
        struct long_unit *units = realloc(l->units, cap * sizeof *units);
        if (units) l->units = units;
        double *values = realloc(l->values, cap * ni * sizeof *values + 1);
        if (values) l->values = values;
        uint8_t *present = realloc(l->present, cap * ni + 1);
        if (present) l->present = present;
        if (!units || !values || !present) return ZI_NONE;
        l->cap_units = cap;
    }
    u = (uint32_t)l->n_units;
    if (zi_strmap_put(&l->ids, id, len, u, NULL) != 0) return ZI_NONE;
    struct long_unit *un = &l->units[u];
    un->row = row;
    un->id = (uint32_t)l->text.len;
    un->id_len = (uint32_t)len;
    un->first_error = un->last_error = ZI_NONE;
    un->unreadable = 0;
    zi_buf_append(&l->text, id, len);
    zi_buf_putc(&l->text, '\0');
    memset(l->values + (size_t)u * ni, 0, ni * sizeof *l->values);
    memset(l->present + (size_t)u * ni, 0, ni);
    l->n_units++;
    return l->text.failed ? ZI_NONE : u;
}

static int error(struct zi_long *l, uint32_t u, uint64_t row, uint32_t column, int32_t input, const char *fmt,
                 ...) ZI_PRINTF(6, 7);
static int error(struct zi_long *l, uint32_t u, uint64_t row, uint32_t column, int32_t input, const char *fmt,
                 ...)
{
    if (store_bytes(l, l->cap_units) > ZI_LONG_MAX_BYTES) {
        l->full = 1;
        return -1;
    }
    if (l->n_errors == l->cap_errors) {
        uint32_t cap = l->cap_errors ? l->cap_errors * 2 : 64;
        struct zi_unit_error *e = realloc(l->errors, cap * sizeof *e);
        if (!e) return -1;
        l->errors = e;
        l->cap_errors = cap;
    }
    struct zi_unit_error *e = &l->errors[l->n_errors];
    e->row = row;
    e->column = column;
    e->input = input;
    e->next = ZI_NONE;
    e->text = (uint32_t)l->text.len;
    va_list ap;
    va_start(ap, fmt);
    zi_buf_vprintf(&l->text, fmt, ap);
    va_end(ap);
    zi_buf_putc(&l->text, '\0');
    struct long_unit *un = &l->units[u];
    if (un->last_error == ZI_NONE)
        un->first_error = l->n_errors;
    else
        l->errors[un->last_error].next = l->n_errors;
    un->last_error = l->n_errors++;
    return l->text.failed ? -1 : 0;
}

static void warn_name(struct zi_long *l, uint64_t row, const char *p, size_t len, const char *what)
{
    if (zi_strmap_put(&l->c->warned, p, len, 0, NULL) == 0)
        zi_ctx_warn(l->c, row, l->col_item + 1, "%s '%.*s' (its rows are ignored)", what, (int)len, p);
}

/* Inputs no row names, once the file is read: as in the wide layout, the run stops unless
 * --allow-missing-columns says to score them as unanswered (every unit would miss them). */
static int absent_inputs(struct zi_long *l)
{
    struct zi_ctx *c = l->c;
    const struct zi_module *m = c->m;
    struct zi_buf list, facts;
    zi_buf_init(&list);
    zi_buf_init(&facts);
    unsigned n = 0, n_facts = 0;
    for (uint32_t i = 0; i < m->n_inputs && l->n_units; i++) {
        if (l->named[i]) continue;
        /* A fact no row names is a warning, as in the wide layout (ingest_wide.c says why). */
        int fact = m->inputs[i].role == ZI_ROLE_FACT;
        unsigned k = fact ? n_facts++ : n++;
        if (k < 20) zi_buf_printf(fact ? &facts : &list, "%s'%s'", k ? ", " : "", m->inputs[i].key);
    }
    const char *more = ZI_WORDS(c->lang, " dan %u lagi", " and %u more");
    if (n > 20) zi_buf_printf(&list, more, n - 20);
    if (n_facts > 20) zi_buf_printf(&facts, more, n_facts - 20);
    if (n_facts && !facts.failed && c->lang == ZI_LANG_EN)
        zi_ctx_warn(c, 0, 0, "no row for the fact%s %s: the prerequisites that read %s will be unknown",
                    n_facts == 1 ? "" : "s", facts.p, n_facts == 1 ? "it" : "them");
    else if (n_facts && !facts.failed)
        zi_ctx_warn(c, 0, 0, "tidak ada baris untuk fakta %s: syarat yang membacanya menjadi belum diketahui",
                    facts.p);
    int oom = facts.failed;
    zi_buf_free(&facts);
    if (list.failed || oom) {
        zi_buf_free(&list);
        zi_ctx_fatal(c, "out of memory");
        return -1;
    }
    int rc = 0;
    if (n && !c->allow_missing_columns && c->lang != ZI_LANG_EN) {
        zi_ctx_fatal(
            c,
            "%u masukan kriteria tidak muncul di baris mana pun: %s\n  setiap unit akan dihitung belum "
            "menjawabnya: perbaiki kode butir, atau beri --allow-missing-columns untuk menilainya sebagai "
            "belum dijawab",
            n, list.p);
        rc = -1;
    } else if (n && !c->allow_missing_columns) {
        zi_ctx_fatal(c,
                     "%u input%s of the criteria appear%s in no row: %s\n  every unit would count as not "
                     "having answered %s: correct the item codes, or give --allow-missing-columns to score "
                     "%s as unanswered",
                     n, n == 1 ? "" : "s", n == 1 ? "s" : "", list.p, n == 1 ? "it" : "them",
                     n == 1 ? "it" : "them");
        rc = -1;
    } else if (n && c->lang != ZI_LANG_EN) {
        zi_ctx_warn(c, 0, 0, "%u masukan tidak muncul di baris mana pun: %s (dihitung belum dijawab)", n,
                    list.p);
    } else if (n) {
        zi_ctx_warn(c, 0, 0, "%u input%s appear%s in no row: %s (counted as missing answers)", n,
                    n == 1 ? "" : "s", n == 1 ? "s" : "", list.p);
    }
    zi_buf_free(&list);
    return rc;
}

/* Reads the whole file into the store. */
static int load(struct zi_long *l)
{
    struct zi_ctx *c = l->c;
    struct zi_csv *r = l->csv;
    size_t ni = c->m->n_inputs;
    for (;;) {
        int got = zi_csv_next(r);
        if (got == 0) return absent_inputs(l);
        if (got < 0) {
            zi_ctx_fatal(c, "row %llu: %s", (unsigned long long)r->next_row, zi_input_error(r->in));
            return -1;
        }
        uint64_t row = r->row;
        const struct zi_field *f = r->f;
        const char *id = l->col_unit < r->nf ? f[l->col_unit].p : "";
        size_t id_len = l->col_unit < r->nf ? f[l->col_unit].len : 0;
        zi_ingest_id_text(c, row, l->col_unit + 1, &id, &id_len, &l->id);
        zi_trim(&id, &id_len);
        uint32_t u = unit_of(l, id, id_len, row);
        if (u == ZI_NONE) return oom(l);
        int rc = 0;
        if (id_len == 0)
            rc = error(l, u, row, 0, -1, "%s", ZI_WORDS(c->lang, "nama unit kosong", "the unit id is empty"));
        if (r->problem || r->nf != l->n_cols) {
            if (r->problem)
                rc |= error(l, u, row, 0, -1, ZI_WORDS(c->lang, "baris rusak: %s", "malformed row: %s"),
                            r->problem);
            else
                rc |= error(l, u, row, 0, -1,
                            ZI_WORDS(c->lang, "baris rusak: %zu kolom, padahal judul kolom ada %u",
                                     "malformed row: %zu fields, but the header has %u"),
                            r->nf, (unsigned)l->n_cols);
            l->units[u].unreadable = ZI_UNREAD_CELL;
            if (rc) return oom(l);
            continue;
        }
        const char *name = f[l->col_item].p;
        size_t name_len = f[l->col_item].len;
        zi_trim(&name, &name_len);
        int32_t i = zi_names_find(&c->names, name, name_len);
        if (i < 0) {
            warn_name(l, row, name, name_len, i == ZI_NAME_AMBIGUOUS ? "ambiguous item" : "unknown item");
            if (rc) return oom(l);
            continue;
        }
        l->named[i] = 1;
        double v;
        size_t at = (size_t)u * ni + (size_t)i;
        enum zi_cell cell = zi_answers_read_text(c->answers, (uint32_t)i, f[l->col_answer].p,
                                                 f[l->col_answer].len, &v, &l->why);
        if (cell != ZI_CELL_MISSING && l->present[at]) {
            rc |=
                error(l, u, row, l->col_item + 1, i,
                      ZI_WORDS(c->lang, "%s %s: dijawab lebih dari sekali", "%s %s: answered more than once"),
                      zi_input_noun(&c->m->inputs[i], c->lang), c->m->inputs[i].key);
            l->units[u].unreadable = ZI_UNREAD_CELL;
        } else if (cell == ZI_CELL_VALUE) {
            l->values[at] = v;
            l->present[at] = 1;
        } else if (cell == ZI_CELL_BAD) {
            rc |=
                error(l, u, row, l->col_answer + 1, i, "%s %s: %s", zi_input_noun(&c->m->inputs[i], c->lang),
                      c->m->inputs[i].key, l->why.failed ? "cannot be read" : l->why.p);
            l->units[u].unreadable = ZI_UNREAD_CELL;
            /* Marked present so that a second answer to it is still reported as a repetition. */
            l->present[at] = 2;
        }
        l->why.len = 0;
        if (rc) return oom(l);
    }
}

int zi_long_fill(struct zi_long *l, struct zi_batch *b)
{
    if (!l->loaded) {
        l->loaded = 1;
        if (load(l) != 0) l->n_units = 0; /* nothing trustworthy to report: the run fails with c->fatal */
    }
    size_t ni = l->c->m->n_inputs;
    int added = 0;
    for (; l->emitted < l->n_units && b->n < b->cap; l->emitted++, added++) {
        const struct long_unit *lu = &l->units[l->emitted];
        uint32_t u = zi_batch_add_unit(b, lu->row, l->text.p + lu->id, lu->id_len);
        b->units[u].unreadable = lu->unreadable;
        const double *v = l->values + l->emitted * ni;
        const uint8_t *p = l->present + l->emitted * ni;
        for (size_t i = 0; i < ni; i++)
            if (p[i] == 1) zi_batch_set(b, u, (uint32_t)i, v[i]);
        for (uint32_t e = lu->first_error; e != ZI_NONE; e = l->errors[e].next) {
            const struct zi_unit_error *er = &l->errors[e];
            const char *t = l->text.p + er->text;
            zi_batch_error_text(b, u, er->row, er->column, er->input, t, strlen(t));
        }
    }
    return added;
}
