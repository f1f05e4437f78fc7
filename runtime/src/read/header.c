/* header.c — what a CSV header row says, and what to tell the user when it says nothing the criteria asks.
 *
 * A worksheet's header decides everything after it: which layout (a column per input, or unit/item/answer
 * rows), which column names the unit, which column feeds which input. A header that names no input — a
 * title row above it, a spreadsheet saved in another format, the wrong separator — would otherwise score
 * every unit as unanswered and print BELUM with exit 0, an official result that is wrong. So the readers ask
 * here whether the header was understood, and when it was not, this file looks at the first rows again to
 * say what the file most likely is (another separator, title rows and the row the header seems to start
 * at) before the run stops. Files that are not text at all (an .xls, UTF-16) are told apart from their
 * first bytes before any of this (zi_file_kind); an .xlsx is read as its sheet's CSV text (xlsx_read.c).
 *
 * Header words are compared ignoring case, spaces around, and with '_' and runs of spaces as one space, so
 * "Nama_Unit_Kerja" and "nama  unit kerja" are the same word.
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_MAX_WORD 64       /* a longer header is no header word */
#define ZI_TITLE_ROWS 50     /* rows searched for the real header below a title */
#define ZI_QUOTED_HEADER 160 /* bytes of a header quoted in a message */

/* The header's text lower-cased, '_' and runs of spaces as one space, trimmed; its length, or SIZE_MAX when
 * longer than cap. */
static size_t word(const char *p, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = p[i];
        if (ch == ' ' || ch == '\t' || ch == '_') {
            space = n > 0;
            continue;
        }
        if (n + 2 > cap) return SIZE_MAX;
        if (space) out[n++] = ' ';
        space = 0;
        out[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    return n;
}

static int word_in(const char *p, size_t len, const char *const *names)
{
    char w[ZI_MAX_WORD];
    size_t n = word(p, len, w, sizeof w);
    if (n == SIZE_MAX) return 0;
    for (; *names; names++)
        if (strlen(*names) == n && memcmp(*names, w, n) == 0) return 1;
    return 0;
}

int zi_is_unit_header(const char *p, size_t len)
{
    static const char *const names[] = {
        "unit",      "id",     "unit id",     "unit kerja",   "nama unit kerja",
        "nama unit", "satker", "nama satker", "satuan kerja", NULL};
    return word_in(p, len, names);
}

int zi_is_item_header(const char *p, size_t len)
{
    static const char *const names[] = {"item", "kode", "code", "key", "butir", "kode butir", NULL};
    return word_in(p, len, names);
}

int zi_is_answer_header(const char *p, size_t len)
{
    static const char *const names[] = {"answer", "jawaban", "value", "nilai", NULL};
    return word_in(p, len, names);
}

int zi_is_number_header(const char *p, size_t len)
{
    static const char *const names[] = {"no", "no.", "nomor", "no urut", "#", NULL};
    return word_in(p, len, names);
}

/* The column named by --id-column (same comparison as header words), or ZI_NONE. */
static uint32_t named_column(const struct zi_csv *r, const char *name)
{
    char want[ZI_MAX_WORD];
    size_t n = word(name, strlen(name), want, sizeof want);
    for (uint32_t j = 0; j < r->nf; j++) {
        char w[ZI_MAX_WORD];
        size_t m = word(r->f[j].p, r->f[j].len, w, sizeof w);
        if (n != SIZE_MAX && m == n && memcmp(w, want, n) == 0) return j;
    }
    return ZI_NONE;
}

int zi_is_template_column(const char *p, size_t len)
{
    static const char *const names[] = {"component", "area",     "sub area", "question",
                                        "type",      "accepted", NULL};
    return word_in(p, len, names);
}

int zi_header_long(const struct zi_ctx *c, const struct zi_csv *r, struct zi_header_cols *hc)
{
    hc->unit = hc->item = hc->answer = ZI_NONE;
    if (c->id_column) hc->unit = named_column(r, c->id_column);
    for (uint32_t j = 0; j < r->nf; j++) {
        const char *p = r->f[j].p;
        size_t len = r->f[j].len;
        if (j == hc->unit) continue;
        if (hc->unit == ZI_NONE && !c->id_column && zi_is_unit_header(p, len))
            hc->unit = j;
        else if (hc->item == ZI_NONE && zi_is_item_header(p, len))
            hc->item = j;
        else if (hc->answer == ZI_NONE && zi_is_answer_header(p, len))
            hc->answer = j;
    }
    return hc->unit != ZI_NONE && hc->item != ZI_NONE && hc->answer != ZI_NONE;
}

uint32_t zi_header_period_column(struct zi_ctx *c, const struct zi_csv *r)
{
    if (!c->period_column) return ZI_NONE;
    uint32_t j = named_column(r, c->period_column);
    if (j == ZI_NONE)
        zi_ctx_fatal(c,
                     ZI_WORDS(c->lang,
                              "baris %llu: --period-column '%s' tidak menyebut kolom mana pun di judul kolom",
                              "row %llu: --period-column '%s' names no column of the header"),
                     (unsigned long long)r->row, c->period_column);
    return j;
}

/* Whether column j is the period column: never the unit's, never an unknown one. */
static int is_period(const struct zi_ctx *c, const struct zi_csv *r, uint32_t j)
{
    return c->period_column && named_column(r, c->period_column) == j;
}

uint32_t zi_header_id_column(struct zi_ctx *c, const struct zi_csv *r)
{
    if (c->id_column) {
        uint32_t j = named_column(r, c->id_column);
        if (j == ZI_NONE)
            zi_ctx_fatal(c,
                         ZI_WORDS(c->lang,
                                  "baris %llu: --id-column '%s' tidak menyebut kolom mana pun di judul kolom",
                                  "row %llu: --id-column '%s' names no column of the header"),
                         (unsigned long long)r->row, c->id_column);
        return j;
    }
    for (uint32_t j = 0; j < r->nf; j++)
        if (zi_is_unit_header(r->f[j].p, r->f[j].len) && !is_period(c, r, j)) return j;
    /* No column says it holds the unit: the first one that is neither an input nor a row number. */
    for (uint32_t j = 0; j < r->nf; j++)
        if (!zi_is_number_header(r->f[j].p, r->f[j].len) && !is_period(c, r, j) &&
            zi_names_find(&c->names, r->f[j].p, r->f[j].len) < 0)
            return j;
    zi_ctx_fatal(
        c,
        ZI_WORDS(c->lang,
                 "baris %llu: tidak ada kolom yang menyebut unit: beri judul 'unit' (atau 'nama unit kerja', "
                 "'satker') atau beri --id-column NAMA",
                 "row %llu: no column of the header names the unit: call it 'unit' (or 'nama unit kerja', "
                 "'satker') or give --id-column NAME"),
        (unsigned long long)r->row);
    return ZI_NONE;
}

/* How many columns other than `id_col` name an input (*named), and how many have a header but name none. */
static void count_named(const struct zi_ctx *c, const struct zi_csv *r, uint32_t id_col, uint32_t *named,
                        uint32_t *unnamed)
{
    *named = *unnamed = 0;
    for (uint32_t j = 0; j < r->nf; j++) {
        const char *p = r->f[j].p;
        size_t len = r->f[j].len;
        zi_trim(&p, &len);
        if (j == id_col || len == 0 || is_period(c, r, j)) continue;
        if (zi_names_find(&c->names, p, len) >= 0)
            (*named)++;
        else
            (*unnamed)++;
    }
}

int zi_header_understood(const struct zi_ctx *c, const struct zi_csv *r, uint32_t id_col)
{
    uint32_t named, unnamed;
    count_named(c, r, id_col, &named, &unnamed);
    return named > 0 && (named >= unnamed || (uint64_t)named * 2 >= c->m->n_inputs);
}

/* Whether the record at `line` (read with separator `sep`, or the one its line suggests when 0) is a header
 * this run would understand, either layout. Reads through a window of its own over the bytes in memory, so
 * the run's reader is not moved; quoted fields are unescaped in place, which is why the run stops after. */
static int would_understand(const struct zi_ctx *c, char *line, char *end, char sep)
{
    struct zi_input view = {.buf = line, .cap = (size_t)(end - line), .len = (size_t)(end - line), .eof = 1};
    struct zi_csv r;
    zi_csv_init(&r, &view, sep ? sep : zi_csv_guess_separator(line, (size_t)(end - line)));
    int ok = 0;
    if (zi_csv_next(&r) == 1 && !r.problem) {
        struct zi_header_cols hc;
        ok = zi_header_long(c, &r, &hc);
        if (!ok) {
            uint32_t id_col = ZI_NONE;
            for (uint32_t j = 0; j < r.nf && id_col == ZI_NONE; j++)
                if (zi_is_unit_header(r.f[j].p, r.f[j].len)) id_col = j;
            ok = zi_header_understood(c, &r, id_col);
        }
    }
    zi_csv_free(&r);
    return ok;
}

static const char *sep_name(char sep)
{
    return sep == '\t' ? "tab" : sep == ';' ? "';'" : "','";
}

void zi_header_refuse(struct zi_ctx *c, const struct zi_csv *r, size_t first_line, uint64_t first_row,
                      const char *what)
{
    struct zi_buf msg;
    zi_buf_init(&msg);
    enum zi_lang lang = c->lang;
    zi_buf_printf(&msg, ZI_WORDS(lang, "baris %llu: %s: '", "row %llu: %s: '"), (unsigned long long)r->row,
                  what);
    size_t quoted = 0;
    for (size_t j = 0; j < r->nf && quoted < ZI_QUOTED_HEADER; j++) {
        size_t len = r->f[j].len < ZI_QUOTED_HEADER - quoted ? r->f[j].len : ZI_QUOTED_HEADER - quoted;
        if (j) zi_buf_putc(&msg, r->sep == '\t' ? ' ' : r->sep);
        zi_buf_put_printable(&msg, r->f[j].p, len);
        quoted += len + 1;
    }
    zi_buf_puts(&msg, quoted >= ZI_QUOTED_HEADER ? "…'" : "'");
    const struct zi_module *m = c->m;
    zi_buf_puts(
        &msg, ZI_WORDS(lang,
                       "\n  yang diharapkan: kolom unit (unit, nama unit kerja, satker) dan satu kolom per "
                       "masukan, misalnya ",
                       "\n  expected: a unit column (unit, nama unit kerja, satker) and a column per input, "
                       "such as "));
    for (uint32_t i = 0; i < m->n_inputs && i < 3; i++)
        zi_buf_printf(&msg, "%s'%s'", i ? ", " : "", m->inputs[i].key);
    if (m->n_inputs > 3)
        zi_buf_puts(&msg, ZI_WORDS(lang, ", … (`zic template --format wide` menuliskannya)",
                                   ", … (`zic template --format wide` writes it)"));
    zi_buf_puts(
        &msg, ZI_WORDS(lang,
                       "; atau tata letak panjang: kolom unit, butir (kode, butir) dan jawaban (jawaban, "
                       "nilai)",
                       "; or the long layout: unit, item (kode, butir) and answer (jawaban, nilai) columns"));

    /* What the file seems to be: the same line split at another separator, or a header further down. */
    struct zi_input *in = r->in;
    int told = 0;
    if (first_line >= in->dropped) {
        char *start = in->buf + (first_line - in->dropped), *end = in->buf + in->len;
        char *line = start;
        for (uint64_t row = first_row; line < end && row < first_row + ZI_TITLE_ROWS && !told; row++) {
            char *nl = memchr(line, '\n', (size_t)(end - line));
            char *line_end = nl ? nl : end;
            if (row == r->row && !c->sheet[0]) { /* a workbook's cells have no separator to get wrong */
                static const char seps[] = {',', ';', '\t'};
                for (int k = 0; k < 3 && !told; k++) {
                    if (seps[k] == r->sep || !would_understand(c, line, line_end, seps[k])) continue;
                    zi_buf_printf(
                        &msg,
                        ZI_WORDS(lang,
                                 "\n  judul kolom menyebut masukan bila dipisah dengan %s: pemisahnya %s, "
                                 "bukan %s (beri --separator %s%s)",
                                 "\n  the header names inputs when split at %s: the separator is %s, not "
                                 "%s (give --separator %s%s)"),
                        sep_name(seps[k]), sep_name(seps[k]), sep_name(r->sep), sep_name(seps[k]),
                        !c->separator        ? ""
                        : lang == ZI_LANG_EN ? ", or leave --separator out to detect it"
                                             : ", atau hilangkan --separator agar dikenali sendiri");
                    told = 1;
                }
            } else if (row > r->row && line_end > line &&
                       would_understand(c, line, line_end, c->sheet[0] ? ',' : c->separator)) {
                zi_buf_printf(
                    &msg,
                    ZI_WORDS(lang,
                             "\n  judul kolom tampaknya mulai di baris %llu, di bawah judul: beri "
                             "--header-row %llu (atau hapus baris di atasnya)",
                             "\n  the header seems to start at row %llu, below a title: give --header-row "
                             "%llu (or delete the rows above it)"),
                    (unsigned long long)row, (unsigned long long)row);
                told = 1;
            }
            line = nl ? nl + 1 : end;
        }
    }
    if (!told && c->other_sheets[0])
        zi_buf_printf(
            &msg,
            ZI_WORDS(lang, "\n  buku kerja ini punya lembar lain: %s (beri --sheet NAMA untuk membacanya)",
                     "\n  the workbook has other sheets: %s (give --sheet NAME to read another)"),
            c->other_sheets);
    zi_ctx_fatal(c, "%s", msg.failed ? what : msg.p);
    zi_buf_free(&msg);
}

const char *zi_file_kind(const char *p, size_t len, enum zi_lang lang)
{
    if (len >= 8 && memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return ZI_WORDS(
            lang,
            "ini buku kerja Excel 97-2003 (.xls), bukan teks CSV: di Excel, simpan dengan Save As, "
            "jenis CSV UTF-8 (atau .xlsx)",
            "this is an Excel 97-2003 workbook (.xls), not CSV text: in Excel, save it with Save As, "
            "type CSV UTF-8");
    if (len >= 2 && (memcmp(p, "\xFF\xFE", 2) == 0 || memcmp(p, "\xFE\xFF", 2) == 0))
        return ZI_WORDS(
            lang,
            "ini teks UTF-16 (\"Unicode Text\" Excel), bukan UTF-8: di Excel, simpan dengan Save As, "
            "jenis CSV UTF-8",
            "this is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8: in Excel, save it with Save "
            "As, type CSV UTF-8");
    size_t zeros = 0, n = len < 64 ? len : 64;
    for (size_t i = 0; i < n; i++)
        zeros += p[i] == '\0';
    if (n >= 4 && zeros * 4 >= n)
        return ZI_WORDS(
            lang,
            "berkas ini memuat byte NUL: teks UTF-16 atau berkas biner, bukan teks CSV (di Excel, "
            "simpan dengan Save As, jenis CSV UTF-8)",
            "this has NUL bytes: UTF-16 text or a binary file, not CSV text (in Excel, save it with "
            "Save As, type CSV UTF-8)");
    return NULL;
}

/* Edit distance of two short names, ASCII case ignored; SIZE_MAX when either is longer than ZI_MAX_WORD. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    if (la > ZI_MAX_WORD || lb > ZI_MAX_WORD) return SIZE_MAX;
    size_t row[ZI_MAX_WORD + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            char x = a[i - 1], y = b[j - 1];
            x = (x >= 'A' && x <= 'Z') ? (char)(x - 'A' + 'a') : x;
            y = (y >= 'A' && y <= 'Z') ? (char)(y - 'A' + 'a') : y;
            size_t best = diag + (x != y);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = row[j];
            row[j] = best;
        }
    }
    return row[lb];
}

uint32_t zi_header_nearest(const struct zi_csv *r, const int32_t *colmap, uint32_t skip, const char *key)
{
    size_t klen = strlen(key), best = klen / 2 + 1;
    uint32_t at = ZI_NONE;
    for (uint32_t j = 0; j < r->nf; j++) {
        const char *p = r->f[j].p;
        size_t len = r->f[j].len;
        zi_trim(&p, &len);
        if (j == skip || colmap[j] >= 0 || len == 0) continue;
        size_t d = distance(key, klen, p, len);
        if (d < best) {
            best = d;
            at = j;
        }
    }
    return at;
}
