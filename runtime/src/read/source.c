/* source.c — which reader a file needs, decided from its first bytes.
 *
 * Detection, unless the caller chose a format: a UTF-8 byte-order mark is skipped; a '[' or '{' first means
 * JSON, and a first line that is a whole object without a "units" key means JSON Lines; anything else is
 * CSV, whose separator is the most frequent of ',', ';' and tab in the header line, and which is the long
 * format when its header has a unit, an item and an answer column (header.c). An Excel workbook (a ZIP
 * archive, whatever its name) is turned into CSV text first (xlsx_read.c) and read by the same rules. A file
 * that is not text (an .xls, UTF-16) is refused from its first bytes, saying what it is. The readers
 * share one input window (input.c), so the bytes read for detection are not read twice.
 */
#include <errno.h>
#include <stdlib.h>

#include "zirt.h"

struct zi_source {
    struct zi_input in;
    struct zi_csv csv;
    struct zi_wide *wide;
    struct zi_long *lng;
    struct zi_jsonin *json;
    int empty;
};

const char *zi_input_error(const struct zi_input *in)
{
    if (in->error == E2BIG) return "a record longer than 64 MiB: not worksheet data";
    if (in->error == ENOMEM) return "out of memory";
    return strerror(in->error);
}

uint32_t zi_ingest_unit(struct zi_batch *b, uint64_t row, const char *id, size_t id_len)
{
    zi_trim(&id, &id_len);
    uint32_t u = zi_batch_add_unit(b, row, id, id_len);
    if (id_len == 0)
        zi_batch_error(b, u, row, 0, -1, ZI_WORDS(b->lang, "nama unit kosong", "the unit id is empty"));
    else if ((zi_excel_error(id, id_len) || id[0] == '=') && b->lang == ZI_LANG_EN)
        zi_batch_error(b, u, row, 0, -1,
                       "the unit id '%.*s' is %s, not a name: correct the cell in the workbook", (int)id_len,
                       id, id[0] == '=' ? "a formula saved without its value" : "Excel's error value");
    else if (zi_excel_error(id, id_len) || id[0] == '=')
        zi_batch_error(b, u, row, 0, -1,
                       "nama unit '%.*s' adalah %s, bukan nama: perbaiki sel itu di buku kerja", (int)id_len,
                       id, id[0] == '=' ? "rumus yang tersimpan tanpa nilainya" : "nilai galat Excel");
    else
        b->units[u].id_hash = zi_hash_bytes(id, id_len);
    return u;
}

void zi_ingest_id_text(struct zi_ctx *c, uint64_t row, uint32_t column, const char **p, size_t *len,
                       struct zi_buf *tmp)
{
    const char *s = *p;
    size_t i = 0;
    while (i < *len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == *len || zi_utf8_valid(s + i, *len - i)) return;
    tmp->len = 0;
    zi_cp1252_to_utf8(s, *len, tmp);
    zi_buf_putc(tmp, '\0');
    if (tmp->failed) return;
    if (c->noted_cp1252++ == 0) {
        /* Both spellings escaped: the bytes as they are (not text a terminal can show), and the text read,
         * whose control bytes must not reach the terminal either. */
        struct zi_buf shown;
        zi_buf_init(&shown);
        zi_buf_puts(&shown, "the unit id '");
        for (size_t k = 0; k < *len && k < 100; k++) {
            unsigned char ch = (unsigned char)s[k];
            if (ch >= 0x80)
                zi_buf_printf(&shown, "\\x%02x", ch);
            else
                zi_buf_put_printable(&shown, s + k, 1);
        }
        zi_buf_puts(&shown, "' is not UTF-8 text: read as Windows-1252, '");
        zi_buf_put_printable(&shown, tmp->p, tmp->len - 1 < 300 ? tmp->len - 1 : 300);
        zi_buf_puts(&shown,
                    "', as is every such id in this file (save it from Excel as CSV UTF-8 to avoid this)");
        if (!shown.failed) zi_ctx_warn(c, row, column, "%s", shown.p);
        zi_buf_free(&shown);
    }
    *p = tmp->p;
    *len = tmp->len - 1;
}

/* Ids of footer rows a spreadsheet adds under the units, without case, spaces, '-', '_', '.' or ':'. */
static int looks_like_footer(const char *p, size_t len)
{
    static const char *const words[] = {"jumlah",     "total",    "ratarata", "rerata",        "jumlahtotal",
                                        "grandtotal", "subtotal", "average",  "nilairatarata", NULL};
    /* Every id goes through here: most are turned away by their length or first letter. */
    if (len < 3 || len > 24 || !strchr("JjTtRrGgSsAaNn", p[0])) return 0;
    char w[16];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = p[i];
        if (ch == ' ' || ch == '\t' || ch == '-' || ch == '_' || ch == '.' || ch == ':') continue;
        if (n == sizeof w) return 0;
        w[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    for (const char *const *k = words; *k; k++)
        if (strlen(*k) == n && memcmp(*k, w, n) == 0) return 1;
    return 0;
}

/* The hash of an id without ASCII case and spaces, 0 when it has nothing else or is too long to fold. */
static uint64_t folded_id_hash(const char *p, size_t len)
{
    char w[256];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = p[i];
        if (ch == ' ' || ch == '\t') continue;
        if (n == sizeof w) return 0;
        w[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    return n ? zi_hash_bytes(w, n) : 0;
}

/* The unit's id for a warning: its first 100 bytes, control bytes as '?' (they would reach the terminal). */
static void shown_id(const struct zi_batch *b, const struct zi_unit *un, char *out, size_t cap)
{
    snprintf(out, cap, "%.*s", un->id_len < 100 ? (int)un->id_len : 100, zi_batch_str(b, un->id));
    for (char *q = out; *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7f) *q = '?';
}

#define ZI_MAX_ROW_WARNINGS 20 /* warnings about rows that may not be units, per run */

static void row_warning(struct zi_ctx *c, uint64_t row, const char *fmt, ...) ZI_PRINTF(3, 4);
static void row_warning(struct zi_ctx *c, uint64_t row, const char *fmt, ...)
{
    if (c->warned_rows++ >= ZI_MAX_ROW_WARNINGS) return;
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    zi_ctx_warn(c, row, 0, "%s%s", text,
                c->warned_rows != ZI_MAX_ROW_WARNINGS ? ""
                : c->lang == ZI_LANG_EN               ? " (further rows like this are not listed)"
                                                      : " (baris lain seperti ini tidak disebutkan lagi)");
}

/* Whether an error before `e` in unit u's list is about the same input (an input counts once). */
static int input_failed_before(const struct zi_batch *b, uint32_t u, uint32_t e)
{
    for (uint32_t k = b->units[u].first_error; k != e; k = b->errors[k].next)
        if (b->errors[k].input == b->errors[e].input) return 1;
    return 0;
}

void zi_ingest_find_sparse(const struct zi_ctx *c, struct zi_batch *b)
{
    const struct zi_module *m = c->m;
    uint32_t answers = 0; /* facts are not answers: a unit may not know them */
    for (uint32_t i = 0; i < m->n_inputs; i++)
        answers += m->inputs[i].role != ZI_ROLE_FACT;
    /* Tile by tile, an input at a time, as zi_batch_find_complete: the answers to one input of 64 units lie
     * side by side, where asking unit by unit touched a cache line per input and unit. */
    for (uint32_t first = 0; first < b->n; first += ZI_TILE) {
        uint32_t given[ZI_TILE] = {0};
        const uint8_t *codes = b->codes + zi_tile_index(first, 0, b->n_codes);
        const double *numbers = b->numbers + zi_tile_index(first, 0, b->n_numbers);
        for (uint32_t i = 0; i < m->n_inputs; i++) {
            const struct zi_input_desc *in = &m->inputs[i];
            if (in->role == ZI_ROLE_FACT) continue;
            if (zi_input_has_labels(in->kind)) {
                const uint8_t *column = codes + (size_t)in->column * ZI_TILE;
                for (uint32_t l = 0; l < ZI_TILE; l++)
                    given[l] += column[l] != 0;
            } else {
                const double *column = numbers + (size_t)in->column * ZI_TILE;
                for (uint32_t l = 0; l < ZI_TILE; l++)
                    given[l] += column[l] == column[l];
            }
        }
        for (uint32_t l = 0; l < ZI_TILE && first + l < b->n; l++) {
            uint32_t u = first + l;
            struct zi_unit *un = &b->units[u];
            uint32_t answered = given[l];
            /* An answer that could not be read was given: counted once, and only when nothing was stored. */
            for (uint32_t e = un->first_error; e != ZI_NONE; e = b->errors[e].next) {
                int32_t i = b->errors[e].input;
                if (i >= 0 && m->inputs[i].role != ZI_ROLE_FACT && !zi_batch_has(b, u, (uint32_t)i) &&
                    !input_failed_before(b, u, e))
                    answered++;
            }
            int counted = !un->complete && un->unreadable != ZI_UNREAD_ROW;
            un->few_answers = counted && (uint64_t)answered * 10 < answers;
            un->answered = counted ? answered : 0;
        }
    }
}

void zi_ingest_check_rows(struct zi_ctx *c, struct zi_batch *b)
{
    const struct zi_module *m = c->m;
    for (uint32_t u = 0; u < b->n; u++) {
        const struct zi_unit *un = &b->units[u];
        char shown[128];
        if (un->id_hash && looks_like_footer(zi_batch_str(b, un->id), un->id_len)) {
            shown_id(b, un, shown, sizeof shown);
            row_warning(
                c, un->row,
                ZI_WORDS(
                    c->lang,
                    "'%s' tampaknya baris penutup (jumlah atau rata-rata), bukan unit: baris ini dinilai "
                    "sebagai unit; hapus bila memang bukan unit",
                    "'%s' looks like a footer row (a total or an average), not a unit: it is scored as "
                    "a unit; delete the row if it is not one"),
                shown);
        }
        if (un->few_answers) {
            uint32_t answered = un->answered, answers = 0;
            for (uint32_t i = 0; i < m->n_inputs; i++)
                answers += m->inputs[i].role != ZI_ROLE_FACT;
            {
                shown_id(b, un, shown, sizeof shown);
                row_warning(
                    c, un->row,
                    ZI_WORDS(c->lang,
                             "unit '%s' menjawab %u dari %u masukan: baris kosong atau belum selesai, atau "
                             "bukan unit? (dinilai dengan sisanya belum dijawab)",
                             "unit '%s' answered %u of %u inputs: an empty or unfinished row, or not a unit? "
                             "(scored with the rest missing)"),
                    shown, answered, answers);
            }
        }
    }
}

/* A new id that equals an earlier one but for case and spaces ("Kanwil Jatim", "kanwil  jatim"). */
static void check_folded_id(struct zi_ctx *c, struct zi_batch *b, const struct zi_unit *un)
{
    uint64_t h = un->folded_hash, first;
    int r = h ? zi_idset_add(&c->folded_ids, h, un->row, &first) : 0;
    if (r == -1) b->oom = 1;
    if (r != 1) return; /* past the limit (-2), the exact check has stopped the run already */
    char shown[128];
    shown_id(b, un, shown, sizeof shown);
    row_warning(
        c, un->row,
        ZI_WORDS(c->lang,
                 "unit '%s' hanya berbeda huruf besar/kecil atau spasi dari unit di %s %llu: unit yang "
                 "sama dua kali?",
                 "unit id '%s' differs from the id at %s %llu only in case or spaces: the same unit twice?"),
        shown, c->lang == ZI_LANG_EN ? (c->json_input ? "line" : "row") : "baris", (unsigned long long)first);
}

#define ZI_IDS_AHEAD 8 /* look-ups asked for ahead of the one made */

void zi_ingest_hash_ids(struct zi_batch *b)
{
    for (uint32_t u = 0; u < b->n; u++) {
        struct zi_unit *un = &b->units[u];
        un->folded_hash = un->id_hash ? folded_id_hash(zi_batch_str(b, un->id), un->id_len) : 0;
    }
}

void zi_ingest_check_ids(struct zi_ctx *c, struct zi_batch *b)
{
    for (uint32_t u = 0; u < b->n && u < ZI_IDS_AHEAD; u++) {
        if (b->units[u].id_hash) zi_idset_prefetch(&c->ids, b->units[u].id_hash);
        if (b->units[u].folded_hash) zi_idset_prefetch(&c->folded_ids, b->units[u].folded_hash);
    }
    for (uint32_t u = 0; u < b->n; u++) {
        if (u + ZI_IDS_AHEAD < b->n && b->units[u + ZI_IDS_AHEAD].id_hash)
            zi_idset_prefetch(&c->ids, b->units[u + ZI_IDS_AHEAD].id_hash);
        if (u + ZI_IDS_AHEAD < b->n && b->units[u + ZI_IDS_AHEAD].folded_hash)
            zi_idset_prefetch(&c->folded_ids, b->units[u + ZI_IDS_AHEAD].folded_hash);
        const struct zi_unit *un = &b->units[u];
        if (!un->id_hash) continue;
        uint64_t first, row = un->row;
        int r = zi_idset_add(&c->ids, un->id_hash, row, &first);
        if (r == -2) {
            /* docs/limits.md: the run stops after this batch; what it holds past the limit is not scored. */
            zi_ctx_fatal(
                c,
                "%s %llu: too many units for one run (the duplicate-id check holds about 134 million ids): "
                "split the input",
                c->json_input ? "line" : "row", (unsigned long long)row);
            zi_batch_error_first(b, u, row, -1, "too many units for one run: not checked for a duplicate id");
        } else if (r < 0) {
            b->oom = 1;
        } else if (r == 0) {
            check_folded_id(c, b, un);
        } else if (r == 1) {
            zi_batch_error_first(b, u, row, -1,
                                 ZI_WORDS(c->lang, "unit '%.*s' sudah ada (pertama di %s %llu)",
                                          "duplicate unit id '%.*s' (first at %s %llu)"),
                                 (int)un->id_len, zi_batch_str(b, un->id),
                                 c->lang == ZI_LANG_EN ? (c->json_input ? "line" : "row") : "baris",
                                 (unsigned long long)first);
        }
    }
}

#define ZI_PEEK ((size_t)64 << 10) /* enough of a first line to decide; a JSON document may be one line */

/* Makes sure the first line, or its first ZI_PEEK bytes, or the whole input if shorter, is in the window;
 * -1 on a read error. The readers read the rest of a longer line themselves. */
static int first_line(struct zi_input *in)
{
    while (!in->eof && in->len - in->pos < ZI_PEEK && !memchr(in->buf + in->pos, '\n', in->len - in->pos))
        if (zi_input_more(in) < 0) return -1;
    return 0;
}

/* Moves past the rows above --header-row N: N - 1 lines (a title has no quoted line breaks). */
static int skip_to_header(struct zi_ctx *c, struct zi_input *in)
{
    for (uint32_t row = 1; row < c->header_row; row++) {
        char *nl;
        while (!(nl = memchr(in->buf + in->pos, '\n', in->len - in->pos)) && !in->eof)
            if (zi_input_more(in) < 0) return -1;
        if (!nl) {
            in->pos = in->len;
            return 0;
        }
        in->pos = (size_t)(nl + 1 - in->buf);
    }
    return first_line(in);
}

static int open_csv(struct zi_ctx *c, struct zi_source *s, enum zi_data_format fmt)
{
    struct zi_input *in = &s->in;
    size_t first = in->dropped + in->pos; /* where the file's first row starts, for zi_header_refuse */
    if (c->header_row > 1 && skip_to_header(c, in) != 0) {
        zi_ctx_fatal(c, "cannot read the header: %s", zi_input_error(in));
        return -1;
    }
    char sep = c->sheet[0]    ? ','
               : c->separator ? c->separator
                              : zi_csv_guess_separator(in->buf + in->pos, in->len - in->pos);
    zi_csv_init(&s->csv, in, sep);
    if (c->header_row > 1) s->csv.next_row = c->header_row;
    int got = zi_csv_next(&s->csv);
    if (got < 0) {
        zi_ctx_fatal(c, "cannot read the header: %s", zi_input_error(in));
        return -1;
    }
    if (got == 0) {
        if (c->header_row > 1) {
            zi_ctx_fatal(c,
                         ZI_WORDS(c->lang, "--header-row %u: berkas ini tidak punya baris itu",
                                  "--header-row %u: the file has no row there"),
                         (unsigned)c->header_row);
            return -1;
        }
        s->empty = 1;
        return 0;
    }
    if (s->csv.problem) {
        zi_ctx_fatal(c, "row %llu: the header is malformed: %s", (unsigned long long)s->csv.row,
                     s->csv.problem);
        return -1;
    }
    struct zi_header_cols hc;
    int is_long = zi_header_long(c, &s->csv, &hc);
    if (fmt == ZI_DATA_AUTO) fmt = is_long ? ZI_DATA_LONG_CSV : ZI_DATA_WIDE_CSV;
    if (fmt == ZI_DATA_LONG_CSV && c->period_column) {
        zi_ctx_fatal(c, "--period-column reads the wide layout (a row per unit and period), and this is the "
                        "long layout: give one file per period instead");
        return -1;
    }
    if (fmt == ZI_DATA_LONG_CSV) {
        if (!is_long) {
            zi_header_refuse(
                c, &s->csv, first, 1,
                ZI_WORDS(c->lang,
                         "CSV tata letak panjang memerlukan kolom unit, butir dan jawaban, dan judul "
                         "kolom ini tidak memuat ketiganya",
                         "a long-format CSV needs a unit, an item and an answer column, and this "
                         "header has not all three"));
            return -1;
        }
        s->lng = zi_long_open(c, &s->csv, &hc);
        return s->lng ? 0 : -1;
    }
    s->wide = zi_wide_open(c, &s->csv, first);
    return s->wide ? 0 : -1;
}

struct zi_source *zi_source_open(struct zi_ctx *c, FILE *f, enum zi_data_format fmt)
{
    struct zi_source *s = calloc(1, sizeof *s);
    if (!s || zi_input_init(&s->in, f, 0) != 0) {
        free(s);
        zi_ctx_fatal(c, "out of memory");
        return NULL;
    }
    struct zi_input *in = &s->in;
    if (first_line(in) != 0) {
        zi_ctx_fatal(c, "cannot read: %s", zi_input_error(in));
        zi_source_close(s);
        return NULL;
    }
    int xlsx = zi_is_zip(in->buf, in->len);
    if (!xlsx && c->want_sheet) {
        zi_ctx_fatal(c, "--sheet '%s' names a sheet of an Excel workbook (.xlsx), and this is not one",
                     c->want_sheet);
        zi_source_close(s);
        return NULL;
    }
    if (xlsx && (fmt == ZI_DATA_JSON || fmt == ZI_DATA_JSON_LINES)) {
        zi_ctx_fatal(c, "this is an Excel workbook (.xlsx), not JSON: leave --input-format out, or give wide "
                        "or long");
        zi_source_close(s);
        return NULL;
    }
    if (xlsx && zi_xlsx_open(c, in) != 0) {
        zi_source_close(s);
        return NULL;
    }
    const char *kind = zi_file_kind(in->buf, in->len, c->lang);
    if (kind) {
        zi_ctx_fatal(c, "%s", kind);
        zi_source_close(s);
        return NULL;
    }
    if (in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0) in->pos = 3;
    size_t p = in->pos;
    while (p < in->len &&
           (in->buf[p] == ' ' || in->buf[p] == '\t' || in->buf[p] == '\r' || in->buf[p] == '\n'))
        p++;
    if (fmt == ZI_DATA_AUTO && p < in->len && (in->buf[p] == '{' || in->buf[p] == '['))
        fmt = in->buf[p] == '[' || !zi_json_looks_like_lines(in->buf + p, in->len - p) ? ZI_DATA_JSON
                                                                                       : ZI_DATA_JSON_LINES;
    c->json_input = fmt == ZI_DATA_JSON || fmt == ZI_DATA_JSON_LINES;
    if (c->json_input && c->period_column) {
        zi_ctx_fatal(c, "--period-column reads the wide layout of a CSV file or workbook, and this is JSON: "
                        "give one file per period instead");
        zi_source_close(s);
        return NULL;
    }
    int rc;
    if (p == in->len) {
        s->empty = 1;
        rc = 0;
    } else if (c->json_input) {
        s->json = zi_jsonin_open(c, in, fmt == ZI_DATA_JSON ? ZI_JSON_DOCUMENT : ZI_JSON_LINES);
        rc = s->json ? 0 : -1;
    } else {
        rc = open_csv(c, s, fmt);
    }
    if (rc != 0) {
        zi_source_close(s);
        return NULL;
    }
    if (s->empty)
        zi_ctx_warn(c, 0, 0, "%s", ZI_WORDS(c->lang, "tidak ada unit di masukan", "no units in the input"));
    return s;
}

int zi_source_fill(struct zi_source *s, struct zi_batch *b)
{
    if (s->empty) return 0;
    if (s->wide) return zi_wide_fill(s->wide, b);
    if (s->lng) return zi_long_fill(s->lng, b);
    return zi_jsonin_fill(s->json, b);
}

struct zi_wide *zi_source_wide(struct zi_source *s, struct zi_csv **csv)
{
    *csv = &s->csv;
    return s->empty ? NULL : s->wide;
}

void zi_source_close(struct zi_source *s)
{
    if (!s) return;
    zi_wide_close(s->wide);
    zi_long_close(s->lng);
    zi_jsonin_close(s->json);
    zi_csv_free(&s->csv);
    zi_input_free(&s->in);
    free(s);
}
