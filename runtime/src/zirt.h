/* zirt.h — libzirt's internal interfaces, one banner per source file, in pipeline order. The folders of
 * runtime/src are the stages:
 *
 *   load/    the module before anything runs: loader, sign, elfcheck, validate, checksum, describe
 *   read/    bytes ─► input (a window over the stream) ─► csv / jsonscan / xlsx_read (records, objects)
 *            ─► ingest_wide / ingest_long / ingest_json (cells ─► answer ─► batch)   chosen by source
 *   score/   batch ─► score (the module) ─► propose ─► explain
 *   report/  report_table / report_csv / report_json / report_xlsx ─► out
 *
 * run.c drives it; runopts.c parses the options; zirun.c is the command line.
 * Every symbol here has hidden visibility: the public contract is zi/runtime.h.
 */
#ifndef ZIRT_H
#define ZIRT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zi/results.h"
#include "zi/runtime.h"

#define ZI_HIDDEN __attribute__((visibility("hidden")))
#define ZI_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* The same words in the run's language: ZI_WORDS(c->lang, "Nilai", "Score"). Reports keep both spellings
 * side by side where they are used, so a reader sees what each label says in either language. */
#define ZI_WORDS(lang, id, en) ((lang) == ZI_LANG_EN ? (en) : (id))

#define ZI_NONE UINT32_MAX /* "no index" in the uint32 links below */

/* ---- buf.c: growable bytes ------------------------------------------------------------------------------
 * A failed allocation sets the sticky `failed` flag and turns later appends into no-ops, so a caller checks
 * once after a batch instead of after every append. The bytes are owned by the buf; zi_buf_free releases
 * them. The content is always followed by a NUL byte (not counted in len) once anything was appended. */
struct zi_buf {
    char *p;
    size_t len, cap;
    int failed;
};
ZI_HIDDEN void zi_buf_init(struct zi_buf *b);
ZI_HIDDEN void zi_buf_free(struct zi_buf *b);
ZI_HIDDEN int zi_buf_reserve(struct zi_buf *b, size_t extra); /* 0, or -1 after setting failed */
ZI_HIDDEN void zi_buf_append(struct zi_buf *b, const void *p, size_t n);
ZI_HIDDEN void zi_buf_puts(struct zi_buf *b, const char *s);
ZI_HIDDEN void zi_buf_putc(struct zi_buf *b, char c);
ZI_HIDDEN void zi_buf_vprintf(struct zi_buf *b, const char *fmt, va_list ap) ZI_PRINTF(2, 0);
ZI_HIDDEN void zi_buf_printf(struct zi_buf *b, const char *fmt, ...) ZI_PRINTF(2, 3);
/* Data shown to people (a unit id, a cell, a header name): control bytes as \xNN, so that a NUL cannot cut a
 * message short and an escape sequence cannot reach the terminal. */
ZI_HIDDEN void zi_buf_put_printable(struct zi_buf *b, const char *p, size_t n);

/* ---- numfmt.c: numbers to text -------------------------------------------------------------------------
 * Each writes into `buf` (at least ZI_FMT_MAX bytes), NUL-terminates and returns the length. */
#define ZI_FMT_MAX 40
/* The shortest decimal that reads back as exactly x (decimal point; exponent form below 1e-4 and from 1e17;
 * -0 is written 0; "nan", "inf", "-inf" for the non-finite). */
ZI_HIDDEN size_t zi_fmt_shortest(double x, char *buf);
/* x rounded to `decimals` places (0..17), with `point` as the decimal separator. */
ZI_HIDDEN size_t zi_fmt_fixed(double x, int decimals, char point, char *buf);
/* zi_fmt_shortest with a decimal comma, for text people read (docs/language.md: the worksheet's convention).
 */
ZI_HIDDEN size_t zi_fmt_human(double x, char *buf);
ZI_HIDDEN size_t zi_fmt_u64(uint64_t v, char *buf);

/* ---- numparse.c: text to numbers -----------------------------------------------------------------------
 * A decimal as people type it (docs/language.md §8): spaces around, a leading sign, a decimal point or a
 * decimal comma, thousands grouped by the other one, an optional exponent and an optional trailing %. */
struct zi_number {
    uint64_t mantissa; /* significant digits, when exact */
    int32_t exp10;     /* value = mantissa × 10^exp10 */
    uint8_t negative;
    uint8_t percent; /* a % sign followed the number */
    uint8_t exact;   /* 0: more than 19 significant digits; `approx` holds the value (without %) */
    /* One separator, one to three digits before it and exactly three after, no exponent ("1.000",
     * "12,500"): a decimal here, but for a whole number it can only be grouping (answer.c). */
    uint8_t thousands;
    double approx;
};
/* Returns 0 and fills `n`, or -1 when the text is not a number. Reads only [p, p+len). */
ZI_HIDDEN int zi_number_scan(const char *p, size_t len, struct zi_number *n);
/* The correctly rounded double nearest to n × 10^shift (shift -2 turns percentage points into a fraction).
 * Ignores the percent flag: the caller decides what a % means. */
ZI_HIDDEN double zi_number_value(const struct zi_number *n, int shift);

/* ---- cp1252.c: ids saved as Windows-1252 ----------------------------------------------------------------
 * The table and zi_utf8_valid are zi/encoding.h's, shared with the compiler. */
#include "zi/encoding.h"

/* Appends [p, p+len) read as Windows-1252 to out, as UTF-8 (undefined bytes as U+FFFD). */
ZI_HIDDEN void zi_cp1252_to_utf8(const char *p, size_t len, struct zi_buf *out);

/* ---- checksum.c: zi_module_checksum (public) ------------------------------------------------------------
 */

/* ---- validate.c: zi_module_validate (public)
 * --------------------------------------------------------------- With `ranges`, also requires every string,
 * table and entry point to lie inside the loaded object: the loader passes the object's segments, so a
 * damaged pointer is refused instead of followed. */
struct zi_mem_range {
    uintptr_t lo, hi; /* [lo, hi) */
    int exec;         /* the segment is executable */
};
ZI_HIDDEN int zi_module_validate_in(const struct zi_module *m, const struct zi_mem_range *ranges,
                                    size_t n_ranges, char *err, size_t errlen);

/* ---- elfcheck.c: are these bytes a shared object we can load? ---------------------------------------------
 * Reads the ELF header and program and section header tables of the file's bytes [bytes, bytes+n) (named
 * `path` in messages) and checks class, byte order, type, machine, that every table and loadable segment
 * lies within them, and that loading would run none of their code. 0, or -1 with a message. */
ZI_HIDDEN int zi_elf_check(const char *path, const unsigned char *bytes, size_t n, char *err, size_t errlen);

/* ---- sign.c: module signatures and keys (public: zi_keyring_*, zi_key_*, zi_module_sign) -----------------
 */
struct zi_signature {
    int present;   /* the file ends with a signature trailer */
    int length_ok; /* the trailer's length field is the image's: the trailer is where it was written */
    unsigned char key[ZI_PUBLIC_KEY_SIZE], sig[64];
};
/* Finds the trailer of the file's bytes [p, p+n); returns the image's length (n when there is none). */
ZI_HIDDEN size_t zi_signature_split(const unsigned char *p, size_t n, struct zi_signature *s);
/* 1 when `s` is present and is its key's signature of the image [image, image+n), else 0. */
ZI_HIDDEN int zi_signature_verify(const unsigned char *image, size_t n, const struct zi_signature *s);
/* The name of `key` in the keyring (maybe ""), or NULL when it is not there. */
ZI_HIDDEN const char *zi_keyring_find(const struct zi_keyring *k,
                                      const unsigned char key[ZI_PUBLIC_KEY_SIZE]);

/* ---- loader.c: zi_module_load / zi_module_unload (public) ---------------------------------------------- */
/* ---- describe.c: zi_module_describe (public) ------------------------------------------------------------
 */

/* ---- strmap.c: string → uint32 map ----------------------------------------------------------------------
 * Open addressing; keys are copied into the map. For the input name index, the unit ids of a long file and
 * the names already warned about. */
struct zi_strmap_slot {
    uint64_t hash;         /* 0 marks an empty slot */
    uint32_t key, key_len; /* offset and length of the key in `keys` */
    uint32_t value;
};
struct zi_strmap {
    struct zi_strmap_slot *slots;
    size_t cap, n; /* cap is a power of two */
    struct zi_buf keys;
};
ZI_HIDDEN int zi_strmap_init(struct zi_strmap *m);
ZI_HIDDEN void zi_strmap_free(struct zi_strmap *m);
/* The value stored under the key, or ZI_NONE. */
ZI_HIDDEN uint32_t zi_strmap_get(const struct zi_strmap *m, const char *p, size_t len);
/* Where the value under the key is stored (to change it), or NULL; valid until the next put. */
ZI_HIDDEN uint32_t *zi_strmap_ref(struct zi_strmap *m, const char *p, size_t len);
/* Inserts key → value when the key is new (returns 0); when it exists, stores nothing and returns 1 with
 * the existing value in *old (if old is not NULL); -1 when out of memory. */
ZI_HIDDEN int zi_strmap_put(struct zi_strmap *m, const char *p, size_t len, uint32_t value, uint32_t *old);
ZI_HIDDEN uint64_t zi_hash_bytes(const char *p, size_t len);

/* ---- idset.c: has this unit id been seen? ---------------------------------------------------------------
 * Keeps a 64-bit hash and the first row of each id, in shards that grow one at a time (idset.c says why). */
#define ZI_IDSET_SHARD_BITS 6
#define ZI_IDSET_SHARDS (1 << ZI_IDSET_SHARD_BITS)
struct zi_idset_shard {
    uint64_t *hash; /* 0 marks an empty slot */
    uint32_t *row;
    uint32_t cap, n;
};
struct zi_idset {
    struct zi_idset_shard shard[ZI_IDSET_SHARDS];
};
ZI_HIDDEN int zi_idset_init(struct zi_idset *s);
ZI_HIDDEN void zi_idset_free(struct zi_idset *s);
/* Records the id whose zi_hash_bytes is h: 0 when it is new (recorded with its row), 1 when seen before
 * (*first_row set), -1 out of memory, -2 past the limit of docs/limits.md. */
ZI_HIDDEN int zi_idset_add(struct zi_idset *s, uint64_t h, uint64_t row, uint64_t *first_row);
/* Asks for the memory zi_idset_add(h) will look at first: a run of a million units has a table of tens
 * of megabytes, where each look-up would otherwise wait for main memory. */
static inline void zi_idset_prefetch(const struct zi_idset *s, uint64_t h)
{
    const struct zi_idset_shard *sh = &s->shard[h >> (64 - ZI_IDSET_SHARD_BITS)];
    size_t i = (size_t)h & (sh->cap - 1);
    __builtin_prefetch(&sh->hash[i], 1);
    __builtin_prefetch(&sh->row[i], 1);
}

/* ---- names.c: which input does a column or key name? ---------------------------------------------------
 * An input is found by its key (item code, or code.name), by its item's path (path.name for a score item's
 * input), or by its item's identifier (id.name); exactly first, then ignoring ASCII case. */
#define ZI_NAME_UNKNOWN (-1)
#define ZI_NAME_AMBIGUOUS (-2)
struct zi_names {
    struct zi_strmap exact, folded;
};
ZI_HIDDEN int zi_names_init(struct zi_names *nm, const struct zi_module *m);
ZI_HIDDEN void zi_names_free(struct zi_names *nm);
/* Input index, ZI_NAME_UNKNOWN, or ZI_NAME_AMBIGUOUS (two inputs match when case is ignored). Spaces around
 * the name are ignored. */
ZI_HIDDEN int32_t zi_names_find(const struct zi_names *nm, const char *p, size_t len);

/* ---- answer.c: a cell to the double an input wants ----------------------------------------------------- */
enum zi_cell {
    ZI_CELL_VALUE = 0,   /* *value is set */
    ZI_CELL_MISSING = 1, /* empty, spaces, "-", "NA", "N/A": a missing answer, not an error */
    ZI_CELL_BAD = 2,     /* not an answer: the reason, with the accepted values, was appended to `why` */
};
struct zi_answers; /* per-module tables: the scale labels, normalised for matching */
/* NULL when out of memory. Keeps `m`, which must outlive it. */
ZI_HIDDEN struct zi_answers *zi_answers_new(const struct zi_module *m);
/* The language of the messages zi_answers_read_* write (English until set). */
ZI_HIDDEN void zi_answers_set_lang(struct zi_answers *a, enum zi_lang lang);
ZI_HIDDEN void zi_answers_free(struct zi_answers *a);
/* A text cell (CSV, or a JSON string) for input `input`. *value is the number, or for a scale input the
 * label's number (1-based), which zi_batch_set stores as its code. */
ZI_HIDDEN enum zi_cell zi_answers_read_text(const struct zi_answers *a, uint32_t input, const char *p,
                                            size_t len, double *value, struct zi_buf *why);
/* A JSON number: taken as is, except that a percent input reads it by the percent rules. */
ZI_HIDDEN enum zi_cell zi_answers_read_number(const struct zi_answers *a, uint32_t input, double x,
                                              double *value, struct zi_buf *why);
ZI_HIDDEN int zi_cell_is_missing(const char *p, size_t len);
/* Whether [p, p+len) (trimmed) is one of Excel's error values ("#N/A", "#DIV/0!", "#VALUE!", …), which a
 * workbook's error cell holds and Excel writes into CSV for it: never an answer nor a unit id. */
ZI_HIDDEN int zi_excel_error(const char *p, size_t len);

/* A wide column's fast path. Nearly every cell of a worksheet is a label typed as declared (in any case) or
 * a plain decimal; a column reader, made once per column from its input, decodes those with no call, no
 * trimming and no table walk, and stores the answer straight into the unit's row of the batch. Any other
 * cell (spaces around, "NA", a sign, grouping, an exponent, a %, a label of more than 8 bytes, a value out
 * of range) is left to zi_answers_read_text, which decides it by the full rules, so the fast path can only
 * be faster, never different (tests/runtime/test_answer.c and fuzz_answer compare the two on any bytes). */
#define ZI_FAST_SLOT_BITS 3
#define ZI_FAST_SLOTS (1u << ZI_FAST_SLOT_BITS)
enum zi_fast_kind { ZI_FAST_NONE, ZI_FAST_SCALE, ZI_FAST_NUMBER, ZI_FAST_PERCENT, ZI_FAST_COUNT };
struct zi_column_reader {
    uint8_t kind; /* enum zi_fast_kind; NONE for a column no input reads */
    /* A scale's labels of 1 to 8 bytes, lower-cased and packed as zi_fold8 packs a cell, each in the slot
     * (key · mult) >> (64 − ZI_FAST_SLOT_BITS); an empty slot has length 0. A label that found no free
     * slot (or is longer, or spelled like a missing answer) is read on the slow path. */
    uint8_t key_len[ZI_FAST_SLOTS], code[ZI_FAST_SLOTS];
    uint32_t column; /* the input's column in codes or numbers (zi/module.h) */
    uint64_t mult;
    uint64_t key[ZI_FAST_SLOTS];
    double min, max;
};
/* The reader of input `input` (-1: a column that is read by nobody). */
ZI_HIDDEN void zi_answers_column_reader(const struct zi_answers *a, int32_t input,
                                        struct zi_column_reader *cr);
#define ZI_CELL_SLOW 3 /* zi_cell_fast: not a common cell; read it with zi_answers_read_text */

/* Bytes [p, p+len) (len <= 8) packed into an integer, first byte lowest, ASCII letters lower-cased, with
 * one unaligned load: the caller guarantees 8 readable bytes at p. */
static inline uint64_t zi_fold8(const char *p, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t x;
    memcpy(&x, p, sizeof x);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    if (len < 8) x &= (1ull << (8 * len)) - 1;
    /* Per byte, without carries between bytes: bit 7 of ge_a says "low 7 bits >= 'A'", of gt_z "> 'Z'". */
    uint64_t low7 = x & ~high;
    uint64_t ge_a = low7 + ones * (0x80 - 'A'), gt_z = low7 + ones * (0x80 - 'Z' - 1);
    uint64_t upper = ge_a & ~gt_z & ~x & high;
    return x | upper >> 2;
}

/* The cell [p, p+len), with 8 readable bytes past p even when it is shorter, for reader `cr`: ZI_CELL_VALUE
 * after storing the answer at codes[column * ZI_TILE] or numbers[column * ZI_TILE] (the unit's row of each
 * buffer), ZI_CELL_MISSING for an empty cell, ZI_CELL_SLOW for anything else. */
static inline int zi_cell_fast(const struct zi_column_reader *cr, const char *p, size_t len, uint8_t *codes,
                               double *numbers)
{
    if (len == 0) return ZI_CELL_MISSING;
    if (cr->kind == ZI_FAST_SCALE) {
        if (len > 8) return ZI_CELL_SLOW;
        /* One slot to compare, found by a perfect hash of the column's labels: which label a unit answered
         * is as unpredictable as the answers, so a loop over the labels would mispredict its exit. */
        uint64_t key = zi_fold8(p, len);
        unsigned slot = (unsigned)((key * cr->mult) >> (64 - ZI_FAST_SLOT_BITS));
        if (cr->key[slot] != key || cr->key_len[slot] != len) return ZI_CELL_SLOW;
        codes[(size_t)cr->column * ZI_TILE] = cr->code[slot];
        return ZI_CELL_VALUE;
    }
    /* digits[.|,digits]: at most 15 digits, so the mantissa m is exact and m / 10^k one correctly rounded
     * division — the very operation numparse.c does for such a cell. */
    static const double pow10[18] = {1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                     1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
    if (len > 16) return ZI_CELL_SLOW;
    uint64_t m = 0;
    size_t point = len;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned char)p[i] - '0';
        if (d < 10)
            m = m * 10 + d;
        else if ((p[i] == '.' || p[i] == ',') && point == len && i > 0 && i + 1 < len)
            point = i;
        else
            return ZI_CELL_SLOW;
    }
    if (len - (point < len) > 15) return ZI_CELL_SLOW;
    unsigned frac = point < len ? (unsigned)(len - point - 1) : 0;
    double v = (double)m / pow10[frac];
    if (cr->kind == ZI_FAST_PERCENT) {
        if (v > 1) v = (double)m / pow10[frac + 2]; /* percentage points (docs/language.md §8) */
    } else if (cr->kind == ZI_FAST_COUNT && frac) {
        return ZI_CELL_SLOW;
    }
    if (!(v >= cr->min && v <= cr->max)) return ZI_CELL_SLOW; /* the full path words the error */
    numbers[(size_t)cr->column * ZI_TILE] = v;
    return ZI_CELL_VALUE;
}
/* [p, p+len) without the ASCII spaces and tabs around it (inline: every cell goes through it). */
static inline void zi_trim(const char **p, size_t *len)
{
    const char *s = *p;
    size_t n = *len;
    while (n && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *p = s;
    *len = n;
}

/* ---- input.c: a window over an input stream ---------------------------------------------------------------
 * [pos, len) of buf is unread data; zi_input_more moves it to the front, grows the buffer when it is full
 * (up to ZI_INPUT_MAX, the longest record accepted) and reads more. buf[len] is always a NUL byte, and
 * ZI_INPUT_PAD zero bytes follow buf[len - 1], so that readers may load 8 bytes at once from any byte of the
 * data (csv.c, zi_cell_fast). */
#define ZI_INPUT_CHUNK (1u << 20)
#define ZI_INPUT_PAD 16
#define ZI_INPUT_MAX ((size_t)64 << 20)
struct zi_input {
    FILE *f;
    char *buf;
    size_t cap, len, pos;
    int eof;
    int error;      /* errno of a failed read, or ENOMEM, or E2BIG for a record longer than ZI_INPUT_MAX */
    size_t dropped; /* bytes of the stream moved out of the window: buf[0] is byte `dropped` of the stream */
};
ZI_HIDDEN int zi_input_init(struct zi_input *in, FILE *f, size_t chunk);
ZI_HIDDEN void zi_input_free(struct zi_input *in);
/* Reads more: >0 bytes added, 0 at the end of the stream, -1 on error (in->error says which). */
ZI_HIDDEN long zi_input_more(struct zi_input *in);

/* ---- csv.c: RFC 4180 records, zero-copy ------------------------------------------------------------------
 * Fields point into the input buffer (quoted fields are unescaped in place) and stay valid until the next
 * zi_csv_next. Empty lines are skipped but counted, so `row` is the row a spreadsheet shows. */
struct zi_field {
    const char *p;
    size_t len;
};
/* A record found by zi_csv_skip, to be split later: [off, off + len) of a buffer of records. */
struct zi_csv_span {
    size_t off, len;
    uint64_t row;
    const char *problem; /* static text, or NULL */
    int quoted;          /* the record has a quote: split it the careful way */
};
struct zi_csv {
    struct zi_input *in;
    char sep;
    uint64_t row; /* row of the record just read (the header is row 1) */
    uint64_t next_row;
    struct zi_field *f;
    size_t nf, capf;
    const char *problem; /* NULL, or why the record just read is malformed (its fields are a best effort) */
    /* Replay (par.c): when spans is set, records are spans[next_span…] of `base` instead of the input's. */
    char *base;
    const struct zi_csv_span *spans;
    size_t n_spans, next_span;
};
ZI_HIDDEN void zi_csv_init(struct zi_csv *r, struct zi_input *in, char sep);
ZI_HIDDEN void zi_csv_free(struct zi_csv *r);
/* 1: a record; 0: end of input; -1: read error or out of memory (r->in->error). */
ZI_HIDDEN int zi_csv_next(struct zi_csv *r);
/* Moves past the next record as zi_csv_next reads it, without splitting it into fields: on 1, the record is
 * [*start, *start + span->len) (valid until the next call) and span has its row and the problem found so far
 * (span->off is the caller's to set). Returns what zi_csv_next would. par.c cuts the input this way and
 * threads replay the spans, so that a chunk's records are exactly those one thread would read. */
ZI_HIDDEN int zi_csv_skip(struct zi_csv *r, struct zi_csv_span *span, const char **start);
/* The separator a header line uses: the most frequent of ',', ';' and tab outside quotes (',' on a tie). */
ZI_HIDDEN char zi_csv_guess_separator(const char *line, size_t len);

/* ---- jsonscan.c: unit objects out of a JSON stream
 * --------------------------------------------------------- Finds the byte range of each element of the
 * document's "units" array (or of a top-level array, or of each line of JSON Lines) without parsing it, so
 * memory does not grow with the document. */
enum zi_json_layout { ZI_JSON_DOCUMENT, ZI_JSON_LINES };
struct zi_jsonscan {
    struct zi_input *in;
    enum zi_json_layout layout;
    int state;
    uint64_t line;      /* line at in->pos */
    uint64_t unit_line; /* line where the element just returned starts */
    char problem[160];  /* why the scan stopped, after -1 */
};
ZI_HIDDEN void zi_jsonscan_init(struct zi_jsonscan *s, struct zi_input *in, enum zi_json_layout layout);
/* 1: [*p, *p + *len) is one element (valid until the next call); 0: no more; -1: the document's structure
 * is broken (s->problem) or reading failed. */
ZI_HIDDEN int zi_jsonscan_next(struct zi_jsonscan *s, const char **p, size_t *len);
/* Whether a first line holding a whole object with no "units" key means JSON Lines. */
ZI_HIDDEN int zi_json_looks_like_lines(const char *p, size_t len);

/* ---- propose.c (its functions are further down): per module, the fact inputs each prerequisite or
 * relaxation condition reads (propose.c says how they are found). Owned by the struct; zi_propose_free
 * releases it. */
struct zi_propose {
    int any;              /* some verdict has prerequisites: the reports have proposability */
    uint32_t *first_fact; /* per condition (n_conditions + 1 entries): its facts in facts[] */
    uint32_t *facts, n_facts;
};

/* ---- ctx (run.c): what every stage of one run shares -----------------------------------------------------
 */
struct zi_ctx {
    const struct zi_module *m;
    zi_score_batch_fn score; /* m's score loop for this CPU (cpu.c): the same for every thread of a run */
    const char *in_name;
    FILE *diag;
    struct zi_answers *answers;
    struct zi_names names;
    struct zi_idset ids;
    struct zi_idset folded_ids;     /* ids without case and spaces, for zi_ingest_check_rows */
    uint32_t noted_cp1252;          /* ids read as Windows-1252 so far */
    uint32_t warned_rows;           /* warnings about rows that may not be units (zi_ingest_check_rows) */
    struct zi_strmap warned;        /* unknown names already reported */
    uint32_t *requires, n_requires; /* conditions that are `require` rules */
    uint32_t *strict, n_strict;     /* inputs whose missing policy is error */
    int explain;
    int json_input; /* locations are JSON lines, not CSV rows */
    char separator;
    uint32_t header_row;       /* --header-row: the header's row, 0 for the first that is not empty */
    const char *id_column;     /* --id-column: the header of the unit column, or NULL */
    int allow_missing_columns; /* an input without a column is a warning, not the end of the run */
    const char *want_sheet;    /* --sheet: the workbook's sheet to read, or NULL for the first */
    const char *period_column; /* --period-column: the wide layout's period column, or NULL */
    enum zi_lang lang;         /* ZI_LANG_ID or ZI_LANG_EN (never AUTO): what every label and message is in */
    char sheet[128];           /* the workbook's sheet being read (locations name it), "" for text input */
    char other_sheets[256]; /* the workbook's other sheets, quoted, when --sheet chose none: a header hint */
    struct zi_propose propose; /* the facts each prerequisite reads (propose.c) */
    uint64_t warnings;
    char fatal[2048]; /* why a stage stopped the run; empty while all is well */
};
/* zi_module_pick_level with the CPU's levels given, for tests of a CPU other than this one. */
ZI_HIDDEN int zi_module_pick_level_for(const struct zi_module *m, const char *want, uint32_t cpu, char *err,
                                       size_t errlen);
ZI_HIDDEN void zi_ctx_warn(struct zi_ctx *c, uint64_t row, uint32_t column, const char *fmt, ...)
    ZI_PRINTF(4, 5);
ZI_HIDDEN void zi_ctx_fatal(struct zi_ctx *c, const char *fmt, ...) ZI_PRINTF(2, 3);
struct zi_batch;
/* After a batch is written (run.c): counts it into the stats and echoes its unit errors to c->diag, the
 * first max_messages of the run (*shown counts them all); `line` is scratch. */
ZI_HIDDEN void zi_run_account(struct zi_ctx *c, const struct zi_batch *b, struct zi_run_stats *st,
                              uint32_t max_messages, uint64_t *shown, struct zi_buf *line);

/* ---- batch.c: units on their way through the module ------------------------------------------------------
 * The tiled buffers of zi/module.h with room for `cap` units; the module is called with n = the units in the
 * batch. Ids and messages live in `text`, reset with the batch. */
struct zi_unit {
    uint64_t row; /* where the unit starts in the input (CSV row, JSON line) */
    uint32_t id, id_len;
    uint32_t first_error, last_error, n_errors;
    uint8_t unreadable;     /* ZI_UNREAD_CELL or ZI_UNREAD_ROW: scores are withheld */
    uint8_t complete;       /* every input has an answer (zi_batch_find_complete): nothing is missing */
    uint8_t few_answers;    /* under a tenth of the answers given, before scoring (zi_ingest_find_sparse) */
    uint32_t answered;      /* then: the answers given, or given unreadably */
    uint8_t missing_answer; /* after scoring (zi_score_batch): an answer is missing, and not for being
                               unreadable */
    uint64_t id_hash;       /* zi_hash_bytes of the id, for zi_ingest_check_ids; 0 for an empty id */
    uint64_t folded_hash;   /* the same without case and spaces (set by zi_ingest_hash_ids) */
};
#define ZI_UNREAD_CELL 1 /* a cell could not be read; the others were */
#define ZI_UNREAD_ROW 2  /* nothing of the unit could be read: no answers, so none are listed as missing */
struct zi_unit_error {
    uint64_t row;
    uint32_t column; /* 0 when not one column */
    int32_t input;   /* the input concerned, or -1 */
    uint32_t text;   /* offset of the NUL-terminated message in `text` */
    uint32_t next;   /* the unit's next error, or ZI_NONE */
};
struct zi_batch {
    uint32_t cap, n;
    uint32_t n_inputs, n_outputs, n_conditions, n_words, n_codes, n_numbers;
    const struct zi_input_desc *inputs; /* the module's, for each input's kind and column */
    uint8_t *codes;                     /* zi/module.h: scale answers as label numbers, 0 when missing */
    double *numbers;                    /* the other answers, NaN when missing */
    double *outputs;
    int32_t *verdict; /* the module's verdict; a unit with errors is reported without it */
    uint64_t *failed;
    uint64_t *unknown; /* condition bits: could not be decided (a fact missing), zi/module.h */
    double *lhs, *rhs; /* explain_batch operands, or NULL when score_batch is enough */
    struct zi_unit *units;
    struct zi_unit_error *errors;
    uint32_t n_errors, cap_errors;
    struct zi_buf text;
    int oom;
    enum zi_lang lang; /* of the messages written into the batch (the run's) */
};
ZI_HIDDEN int zi_batch_init(struct zi_batch *b, const struct zi_module *m, uint32_t cap, int explain);
ZI_HIDDEN void zi_batch_free(struct zi_batch *b);
ZI_HIDDEN void zi_batch_reset(struct zi_batch *b);
/* Appends a unit (the caller checks n < cap) and returns its index. */
ZI_HIDDEN uint32_t zi_batch_add_unit(struct zi_batch *b, uint64_t row, const char *id, size_t id_len);
ZI_HIDDEN void zi_batch_error(struct zi_batch *b, uint32_t u, uint64_t row, uint32_t column, int32_t input,
                              const char *fmt, ...) ZI_PRINTF(6, 7);
/* The same, put before the unit's other errors (a check made after the batch was filled that belongs first).
 */
ZI_HIDDEN void zi_batch_error_first(struct zi_batch *b, uint32_t u, uint64_t row, int32_t input,
                                    const char *fmt, ...) ZI_PRINTF(5, 6);
ZI_HIDDEN void zi_batch_error_text(struct zi_batch *b, uint32_t u, uint64_t row, uint32_t column,
                                   int32_t input, const char *text, size_t len);
/* Sets each unit's `complete` flag, once the batch is filled: most units answer everything, and for them
 * the reports and the checks of missing answers need not look at each input. */
ZI_HIDDEN void zi_batch_find_complete(struct zi_batch *b);
/* Whether unit u has an error about input i (a cell that could not be read is not a missing answer). */
ZI_HIDDEN int zi_batch_input_failed(const struct zi_batch *b, uint32_t u, uint32_t i);
static inline const char *zi_batch_str(const struct zi_batch *b, uint32_t off)
{
    return b->text.p + off;
}
/* Records an answer or a fact: for an input with labels, `v` is the label's number (1-based, as
 * zi_answers_read_* give it). */
static inline void zi_batch_set(struct zi_batch *b, uint32_t u, uint32_t input, double v)
{
    const struct zi_input_desc *in = &b->inputs[input];
    if (zi_input_has_labels(in->kind))
        b->codes[zi_tile_index(u, in->column, b->n_codes)] = (uint8_t)v;
    else
        b->numbers[zi_tile_index(u, in->column, b->n_numbers)] = v;
}
/* How messages name an input: "item A.2" or "fact instansi.opini_bpk" (with its key). */
static inline const char *zi_input_noun(const struct zi_input_desc *d, enum zi_lang lang)
{
    return d->role == ZI_ROLE_FACT ? ZI_WORDS(lang, "fakta", "fact") : ZI_WORDS(lang, "butir", "item");
}
static inline int zi_batch_has(const struct zi_batch *b, uint32_t u, uint32_t input)
{
    const struct zi_input_desc *in = &b->inputs[input];
    if (zi_input_has_labels(in->kind)) return b->codes[zi_tile_index(u, in->column, b->n_codes)] != 0;
    double x = b->numbers[zi_tile_index(u, in->column, b->n_numbers)];
    return x == x;
}
static inline double zi_batch_out(const struct zi_batch *b, uint32_t u, uint32_t o)
{
    return b->outputs[zi_tile_index(u, o, b->n_outputs)];
}
static inline int zi_batch_cond_failed(const struct zi_batch *b, uint32_t u, uint32_t c)
{
    return (int)((b->failed[zi_tile_index(u, c / 64, b->n_words)] >> (c % 64)) & 1u);
}

/* Whether condition c of unit u could not be decided (a fact it reads is missing). */
static inline int zi_batch_cond_unknown(const struct zi_batch *b, uint32_t u, uint32_t c)
{
    return (int)((b->unknown[zi_tile_index(u, c / 64, b->n_words)] >> (c % 64)) & 1u);
}

/* ---- score.c: the module's verdicts, and why a unit has none ---------------------------------------------
 * Calls score_batch (and explain_batch when explaining), then gives each unit that broke a `require` rule or
 * misses an item whose policy is error an error naming the rule or the items. */
ZI_HIDDEN void zi_score_batch(const struct zi_ctx *c, struct zi_batch *b);
/* The items (output indices) unit u left unanswered, in descriptor order, a cell that could not be read
 * excepted; writes at most `cap` and returns how many there are. */
ZI_HIDDEN uint32_t zi_unit_missing(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                                   uint32_t *items, uint32_t cap);

/* ---- propose.c: may a unit be proposed for the verdict it reached? ---------------------------------------
 * Each prerequisite and relaxation condition of the reached verdict is met, unmet or unknown (a fact it reads
 * is missing); the unit's proposability follows from those (docs/runtime.md, "Proposability"). */
enum zi_prereq_status { ZI_PREREQ_MET = 0, ZI_PREREQ_UNMET = 1, ZI_PREREQ_UNKNOWN = 2 };
/* enum zi_proposable is public: zi/results.h. */
/* The rules over `status`, one entry per condition of the verdict's prerequisite range (prerequisites and
 * relaxation conditions, in descriptor order). Pure; reads m->verdicts[verdict] and its conditions. */
ZI_HIDDEN enum zi_proposable zi_propose_status(const struct zi_module *m, uint32_t verdict,
                                               const uint8_t *status);
/* struct zi_propose (the facts each prerequisite reads) is declared above struct zi_ctx, which holds one. */
ZI_HIDDEN int zi_propose_init(struct zi_propose *p, const struct zi_module *m); /* 0, or -1 out of memory */
ZI_HIDDEN void zi_propose_free(struct zi_propose *p);
ZI_HIDDEN enum zi_prereq_status zi_propose_condition(const struct zi_batch *b, uint32_t u, uint32_t c);
/* Unit u's proposability; `status` (n_conditions entries of scratch) receives the statuses of its verdict's
 * prerequisite range. */
ZI_HIDDEN enum zi_proposable zi_propose_unit(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                                             uint8_t *status);
/* A prerequisite's name in reports: its own, or its source text. Valid as long as the module. */
ZI_HIDDEN const char *zi_propose_name(const struct zi_module *m, uint32_t c);
/* The facts condition c needs that unit u lacks (input indices, at most n_inputs, written to out). */
ZI_HIDDEN uint32_t zi_propose_missing(const struct zi_propose *p, const struct zi_module *m,
                                      const struct zi_batch *b, uint32_t u, uint32_t c, uint32_t *out);
/* Fact i of unit u as reports print it: the value's name, a number ("87,5%" with point ','), or "kosong". */
ZI_HIDDEN void zi_propose_fact_value(struct zi_buf *o, const struct zi_module *m, const struct zi_batch *b,
                                     uint32_t u, uint32_t i, char point);
/* "instansi.jenis = kl, total = 72,50": what condition c read for unit u, appended to o; returns how
 * many values it wrote. */
ZI_HIDDEN uint32_t zi_propose_values(struct zi_buf *o, const struct zi_propose *p, const struct zi_module *m,
                                     const struct zi_batch *b, uint32_t u, uint32_t c, char point);

/* ---- explain.c: why a unit got its verdict ----------------------------------------------------------------
 */
struct zi_failure {
    uint32_t verdict, condition;
    double lhs, rhs; /* the operands (explain_batch) */
};
struct zi_loss {
    uint32_t output;
    double lost, weight;
    int unanswered; /* an input of the item has no answer (it scored nothing, or less) */
};
/* Failed conditions of each verdict better than the unit's, in order; the operands are NaN unless the batch
 * has the explain buffers. */
ZI_HIDDEN uint32_t zi_explain_failures(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                                       struct zi_failure *out, uint32_t cap);
/* "Komponen Pengungkit: 47,67 dari 60,00, minimal 48,00, kurang 0,33" (or in English): the operands with as
 * many decimals as it takes to show they differ, `point` as the decimal separator; a share of a weight as
 * "5,87 dari 8,00 = 73,4%, minimal 75% = 6,00"; appended to `o`. Sets *shortfall (NaN for a boolean). */
ZI_HIDDEN void zi_explain_condition(struct zi_buf *o, const struct zi_module *m, const struct zi_failure *f,
                                    char point, enum zi_lang lang, double *shortfall);
/* The decimals (at least 2) it takes for l and r to print differently when they differ: a failed condition
 * must never look met (74,996 shown as 75,00 against "75 required"). */
ZI_HIDDEN int zi_explain_decimals(double l, double r);
/* Puts the failures of the next verdict to reach (the worst of those failed, just better than the unit's)
 * first, nearest to passing first (shortfall relative to the threshold), the others after them in their
 * order; returns how many are the next verdict's. */
ZI_HIDDEN uint32_t zi_explain_order(const struct zi_module *m, struct zi_failure *f, uint32_t n);
/* The items on which unit u lost points (weight − score, more than 1e-9), in descriptor order, into lost
 * (room for n_outputs); returns how many. Items a missing answer excluded are left out. `first_input` is what
 * zi_explain_first_inputs wrote. Found once per unit: the two below choose among them. */
ZI_HIDDEN uint32_t zi_explain_lost_items(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                                         const uint32_t *first_input, struct zi_loss *lost);
/* Of lost[0, n_lost), the items counted in output `whole` (a group, a view member such as an area, or the
 * total) that would recover the most points, most first: at most `cap` in out; *n_all says how many lost
 * points in all. */
ZI_HIDDEN uint32_t zi_explain_recover(const struct zi_module *m, const struct zi_loss *lost, uint32_t n_lost,
                                      uint32_t whole, struct zi_loss *out, uint32_t cap, uint32_t *n_all);
/* Of lost[0, n_lost), the `cap` items that lost the most points, most first. */
ZI_HIDDEN uint32_t zi_explain_losses(const struct zi_module *m, const struct zi_loss *lost, uint32_t n_lost,
                                     struct zi_loss *out, uint32_t cap);
/* Per output (n_outputs entries), the first of the item's inputs (they are consecutive), or ZI_NONE. */
ZI_HIDDEN void zi_explain_first_inputs(const struct zi_module *m, uint32_t *first_input);

/* ---- ingest_wide.c, ingest_long.c, ingest_json.c: units from the input ---------------------------------
 * Each *_fill adds units to the batch until it is full or the input ends and returns how many it added; a
 * problem that stops reading sets c->fatal (the units added so far are still valid). The CSV readers get the
 * zi_csv whose header record source.c has just read. */
struct zi_wide;
struct zi_long;
struct zi_header_cols;
struct zi_jsonin;
/* zi_wide_open refuses a header it does not understand (header.c), and one that leaves inputs without a
 * column unless c->allow_missing_columns; first_line is where the file's row 1 starts in the stream. */
ZI_HIDDEN struct zi_wide *zi_wide_open(struct zi_ctx *c, struct zi_csv *csv, size_t first_line);
ZI_HIDDEN int zi_wide_fill(struct zi_wide *w, struct zi_batch *b);
ZI_HIDDEN void zi_wide_close(struct zi_wide *w);
/* Another reader of the same header for a thread (par.c): rows from `csv`, messages through `c`, the
 * column map shared with `w`, which must outlive it. NULL when out of memory; zi_wide_close frees it. */
ZI_HIDDEN struct zi_wide *zi_wide_copy(const struct zi_wide *w, struct zi_ctx *c, struct zi_csv *csv);
ZI_HIDDEN struct zi_long *zi_long_open(struct zi_ctx *c, struct zi_csv *csv, const struct zi_header_cols *hc);
ZI_HIDDEN int zi_long_fill(struct zi_long *l, struct zi_batch *b);
ZI_HIDDEN void zi_long_close(struct zi_long *l);
ZI_HIDDEN struct zi_jsonin *zi_jsonin_open(struct zi_ctx *c, struct zi_input *in, enum zi_json_layout layout);
ZI_HIDDEN int zi_jsonin_fill(struct zi_jsonin *j, struct zi_batch *b);
ZI_HIDDEN void zi_jsonin_close(struct zi_jsonin *j);

/* ---- par.c: a wide CSV read, scored and formatted by several threads
 * ---------------------------------------- The caller's thread cuts the records after the header into chunks
 * (zi_csv_skip), threads read, score and format each chunk's batches into memory, and the caller's thread
 * then takes the chunks in input order: the duplicate-id and row checks (the state of the whole run), the
 * rows into the report, the errors echoed. What is written is byte for byte what one thread writes (par.c
 * says how). */
struct zi_report;
struct zi_par_tally { /* zi_run_account's arguments */
    struct zi_run_stats *st;
    uint32_t max_messages;
    uint64_t *shown;
    struct zi_buf *line;
};
/* The threads to use for --threads n: n, or for 0 the cores this process may run on. */
ZI_HIDDEN uint32_t zi_par_threads(uint32_t n);
/* Reads every unit of `w` (records from `csv`, the header read) into the report r (CSV or JSON, `format` as
 * asked, its header not yet written) with `threads` threads and batches of `cap` units (`explain`: with
 * operands); stops as zi_run's loop does, c->fatal saying why (out of memory too). Every thread is joined
 * before it returns. */
ZI_HIDDEN void zi_par_run(struct zi_ctx *c, struct zi_wide *w, struct zi_csv *csv, struct zi_report *r,
                          enum zi_report_format format, uint32_t cap, int explain, uint32_t threads,
                          const struct zi_par_tally *t);

/* ---- header.c: what a CSV header row says ----------------------------------------------------------------
 * Header words, compared ignoring case, spaces around and '_': the unit (unit, id, unit_id, unit kerja,
 * nama unit kerja, satker, …), the item (item, kode, code, key, butir) and the answer (answer, jawaban,
 * value, nilai). */
ZI_HIDDEN int zi_is_unit_header(const char *p, size_t len);
ZI_HIDDEN int zi_is_item_header(const char *p, size_t len);
ZI_HIDDEN int zi_is_answer_header(const char *p, size_t len);
/* A row-number column ("No", "No.", "Nomor"): a worksheet's first column, never the unit's name nor an
 * unknown column worth a warning. */
ZI_HIDDEN int zi_is_number_header(const char *p, size_t len);
/* The columns the form of `zic template` has beside the unit, item and answer (component, area, question, …):
 * notes for the person filling it in, not worth a warning when the long layout leaves them unread. */
ZI_HIDDEN int zi_is_template_column(const char *p, size_t len);
struct zi_header_cols {
    uint32_t unit, item, answer; /* column numbers, ZI_NONE when absent */
};
/* Whether the header is the long layout: a unit column (--id-column's, or the first unit word), an item and
 * an answer column, with any others beside them. Fills *hc either way. */
ZI_HIDDEN int zi_header_long(const struct zi_ctx *c, const struct zi_csv *r, struct zi_header_cols *hc);
/* The wide layout's unit column: --id-column's, the first unit word, or the first column that names no input
 * and is not a row number ("No"); ZI_NONE with c->fatal set when there is none. */
ZI_HIDDEN uint32_t zi_header_id_column(struct zi_ctx *c, const struct zi_csv *r);
/* The column --period-column names, or ZI_NONE: without the option, or with c->fatal set when it names no
 * column. */
ZI_HIDDEN uint32_t zi_header_period_column(struct zi_ctx *c, const struct zi_csv *r);
/* Whether a wide header names at least one input, and either inputs in at least half of its named columns
 * other than id_col or at least half of the criteria's inputs (a title, a wrong separator, another layout
 * name none or few). */
ZI_HIDDEN int zi_header_understood(const struct zi_ctx *c, const struct zi_csv *r, uint32_t id_col);
/* Stops the run (c->fatal) saying `what`, quoting the header r, what was expected, and what the file seems
 * to be: another separator, or a header further down (rows read again from the window, from byte
 * first_line of the stream, which is row first_row). Unescapes quoted fields of the window in place. */
ZI_HIDDEN void zi_header_refuse(struct zi_ctx *c, const struct zi_csv *r, size_t first_line,
                                uint64_t first_row, const char *what);
/* Among the columns of r that feed no input (colmap[j] < 0) other than `skip`, the one whose header is
 * nearest to an input's key (a typo, a renamed item): at most half the key's length in edits; or ZI_NONE. */
ZI_HIDDEN uint32_t zi_header_nearest(const struct zi_csv *r, const int32_t *colmap, uint32_t skip,
                                     const char *key);
/* What a file that is not CSV text or JSON is, from its first bytes (an .xls, UTF-16, other binary data), as
 * a message; NULL for anything else (a ZIP archive is read as a workbook before this is asked). Static text.
 */
ZI_HIDDEN const char *zi_file_kind(const char *p, size_t len, enum zi_lang lang);

/* ---- xlsx_read.c: an Excel workbook as CSV text ----------------------------------------------------------
 * Whether the first bytes are a ZIP archive's (an .xlsx is one, whatever its name). */
static inline int zi_is_zip(const char *p, size_t len)
{
    return len >= 4 && memcmp(p, "PK\3\4", 4) == 0;
}
/* Reads the rest of the stream behind the window `in` (a workbook, its first bytes in the window), chooses
 * the sheet (c->want_sheet, or the first), names it in c->sheet, and replaces the window's bytes with the
 * sheet as CSV text (',' separated, one line per sheet row, every line as wide as the widest: row and column
 * numbers are the sheet's), with nothing left to read. 0, or -1 after c->fatal (not a workbook, damaged,
 * past a limit of docs/limits.md, no such sheet). */
ZI_HIDDEN int zi_xlsx_open(struct zi_ctx *c, struct zi_input *in);

/* ---- cellref.c: A1-style cell references ------------------------------------------------------------------
 * Excel's own limits: a reference past them is not a cell. */
#define ZI_SHEET_MAX_ROWS 1048576u
#define ZI_SHEET_MAX_COLUMNS 16384u
/* Column 4 as "D", 28 as "AB": writes at most 3 letters and a NUL into out (8 bytes); returns the length. */
ZI_HIDDEN size_t zi_column_letters(uint32_t column, char *out);
/* "D17" (either case) into column 4, row 17; -1 when [p, p+len) is not a reference within Excel's limits. */
ZI_HIDDEN int zi_cell_ref_parse(const char *p, size_t len, uint32_t *column, uint32_t *row);
/* Appends where a cell is, nothing when row is 0: for a workbook "Sheet1!D17" ("Sheet1 row 17" without a
 * column; a sheet name with spaces quoted, 'Data 2026'!D17); for CSV "row 17, column 4" (JSON: "line 17").
 * ZI_LOC_PREFIX: as a message prefix after "file:" ("17:4:", "Sheet1!D17:"); ZI_LOC_TEXT: as text before a
 * message ("row 17, column 4: ", "Sheet1!D17: "). */
enum { ZI_LOC_PREFIX, ZI_LOC_TEXT };
ZI_HIDDEN void zi_location(struct zi_buf *o, const struct zi_ctx *c, uint64_t row, uint32_t column,
                           int style);

/* ---- source.c: which reader, and what the readers share ----------------------------------------------- */
struct zi_source;
/* Detects the format (unless fmt says), reads the header; NULL with c->fatal set on failure. */
ZI_HIDDEN struct zi_source *zi_source_open(struct zi_ctx *c, FILE *f, enum zi_data_format fmt);
ZI_HIDDEN int zi_source_fill(struct zi_source *s, struct zi_batch *b);
ZI_HIDDEN void zi_source_close(struct zi_source *s);
/* The wide layout's reader and the CSV records it reads, when the source is a wide CSV (or a workbook's sheet
 * read as one) whose header was understood; NULL for the other layouts and an empty input. Owned by s. */
ZI_HIDDEN struct zi_wide *zi_source_wide(struct zi_source *s, struct zi_csv **csv);

/* Starts a unit in the batch: trims the id, and records an error for an empty one. */
ZI_HIDDEN uint32_t zi_ingest_unit(struct zi_batch *b, uint64_t row, const char *id, size_t id_len);
/* Once the batch is filled: each unit's folded_hash, which zi_ingest_check_ids needs. It depends on the
 * batch alone, so par.c computes it on the threads that read, off the in-order path. */
ZI_HIDDEN void zi_ingest_hash_ids(struct zi_batch *b);
/* After zi_ingest_hash_ids: the duplicate-id check of every unit in the batch, in order, its error put first
 * among the unit's errors (several look-ups in flight at once, see zi_idset_prefetch). */
ZI_HIDDEN void zi_ingest_check_ids(struct zi_ctx *c, struct zi_batch *b);
/* After the batch's `complete` flags are set: warns about rows that may not be units — an id that looks
 * like a footer (Jumlah, Rata-rata, Total), a row that answered under a tenth of the inputs, an id that
 * differs from an earlier one only in case or spaces — up to 20 such warnings a run. */
ZI_HIDDEN void zi_ingest_check_rows(struct zi_ctx *c, struct zi_batch *b);
/* Sets each unit's few_answers flag, which zi_ingest_check_rows warns about: after zi_batch_find_complete and
 * before scoring, whose errors about missing answers must not count as answers (par.c scores a batch
 * before its rows are checked). */
ZI_HIDDEN void zi_ingest_find_sparse(const struct zi_ctx *c, struct zi_batch *b);
/* A CSV row's unit id as UTF-8: [*p, *p + *len) itself, or, when it is not UTF-8, read as Windows-1252 into
 * `tmp` (valid until its next use) with a warning the first time in a file. */
ZI_HIDDEN void zi_ingest_id_text(struct zi_ctx *c, uint64_t row, uint32_t column, const char **p, size_t *len,
                                 struct zi_buf *tmp);
/* Why the input window failed, for a message (static text). */
ZI_HIDDEN const char *zi_input_error(const struct zi_input *in);

/* ---- out.c: buffered output ------------------------------------------------------------------------------
 * Reports write through this instead of stdio: appends are a memcpy, and a failed write is remembered. With
 * no stream (f NULL) the buffer grows and keeps every byte ([p, p+len), owned by the zi_out; ENOMEM in
 * `failed` when it cannot): how threads format their share of a report (par/par.c). */
struct zi_out {
    FILE *f;
    char *p;
    size_t len, cap;
    int failed;       /* 0, or the errno of the first write that failed (EIO when the C library gave none) */
    uint64_t written; /* bytes handed to the stream */
    uint64_t to_disk; /* what `written` was when the disk was last asked to take it all (out.c) */
};
ZI_HIDDEN int zi_out_init(struct zi_out *o, FILE *f);
/* Writes what is buffered; -1 when this or an earlier write failed. */
ZI_HIDDEN int zi_out_flush(struct zi_out *o);
ZI_HIDDEN void zi_out_free(struct zi_out *o);
ZI_HIDDEN void zi_out_slow(struct zi_out *o, const void *p, size_t n);
static inline void zi_out_bytes(struct zi_out *o, const void *p, size_t n)
{
    if (o->cap - o->len >= n) {
        if (n) /* memcpy's pointers must be valid even for 0 bytes, and an empty buf's is NULL */
            memcpy(o->p + o->len, p, n);
        o->len += n;
    } else {
        zi_out_slow(o, p, n);
    }
}
static inline void zi_out_char(struct zi_out *o, char c)
{
    if (o->len < o->cap)
        o->p[o->len++] = c;
    else
        zi_out_slow(o, &c, 1);
}
static inline void zi_out_str(struct zi_out *o, const char *s)
{
    zi_out_bytes(o, s, strlen(s));
}
ZI_HIDDEN void zi_out_double(struct zi_out *o, double x); /* shortest round-trip, "" when not finite */
/* Scores take few distinct values (answers are discrete: an item scores one of its scale's values times its
 * share), so the text of recently printed doubles is kept in a small direct-mapped cache keyed by their bits;
 * the owner allocates it with zi_numcache_new and frees it with free(). 2^15 slots (1 MiB, within a core's L2
 * cache on current x86): on a million LKE units, whose area scores take hundreds of thousands of values, the
 * report was 8 % quicker end to end than with 2^13 slots, and no quicker with 2^16. */
#define ZI_NUMCACHE_BITS 15
/* A slot is 32 bytes, so that one look-up touches one cache line: the double's bits, then its text (one that
 * is longer than ZI_NUMCACHE_TEXT is not kept; a score's shortest decimal takes at most 24 bytes) and the
 * text's length. */
#define ZI_NUMCACHE_TEXT 23
struct zi_numcache_slot {
    uint64_t bits;
    char text[ZI_NUMCACHE_TEXT];
    uint8_t len;
};
struct zi_numcache {
    struct zi_numcache_slot slot[1u << ZI_NUMCACHE_BITS];
};
ZI_HIDDEN struct zi_numcache *zi_numcache_new(void);
/* zi_out_double through the cache: the same text, found instead of computed when x was printed lately. */
ZI_HIDDEN void zi_out_double_cached(struct zi_out *o, struct zi_numcache *c, double x);
/* The same text written at dst, which must have ZI_FMT_MAX bytes of room (a cached text is copied whole);
 * returns its length, 0 for a NaN or an infinity. */
ZI_HIDDEN size_t zi_numcache_write(struct zi_numcache *c, double x, char *dst);
/* The slot x would be found in (one multiply, one shift: the table is far larger than a core's first-level
 * cache, so a report asks for slots a few numbers ahead with zi_numcache_prefetch). */
static inline struct zi_numcache_slot *zi_numcache_slot(struct zi_numcache *c, double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return &c->slot[(bits * 0x9e3779b97f4a7c15ull) >> (64 - ZI_NUMCACHE_BITS)];
}
static inline void zi_numcache_prefetch(struct zi_numcache *c, double x)
{
    __builtin_prefetch(zi_numcache_slot(c, x));
}
/* Room for n bytes at the end of the buffer (writing out what it holds first when needed): the caller writes
 * there and adds what it wrote to o->len. NULL when out of memory. */
ZI_HIDDEN char *zi_out_reserve(struct zi_out *o, size_t n);
ZI_HIDDEN void zi_out_u64(struct zi_out *o, uint64_t v);
ZI_HIDDEN void zi_out_spaces(struct zi_out *o, size_t n);
/* A JSON string literal (quotes, escapes; invalid UTF-8 becomes U+FFFD so the output stays valid JSON). */
ZI_HIDDEN void zi_out_json_string(struct zi_out *o, const char *p, size_t n);
/* A CSV field, quoted when it holds a separator, quote, CR, LF or '#', or starts or ends with a space. */
ZI_HIDDEN void zi_out_csv_field(struct zi_out *o, const char *p, size_t n);
/* How many terminal columns UTF-8 text takes (code points; no East Asian width). */
ZI_HIDDEN size_t zi_utf8_width(const char *p, size_t n);

/* ---- report.c and report_*.c: writing results --------------------------------------------------------- */
struct zi_gap;
struct zi_report {
    const struct zi_ctx *c;
    const struct zi_module *m;
    enum zi_report_format format; /* ZI_REPORT_CSV_EXCEL is CSV with `excel` set */
    int excel;                    /* CSV for Excel in Indonesian: ';', decimal comma, a byte-order mark */
    char sep;                     /* CSV: the field separator */
    char point;                   /* the decimal separator of numbers written for people */
    struct zi_out out;
    uint32_t *cols, n_cols; /* outputs shown as columns */
    uint32_t *items;        /* scratch: a unit's missing items (n_outputs) */
    struct zi_numcache *numbers;
    struct zi_failure *fails; /* scratch: n_conditions */
    uint32_t *first_input;    /* per output: zi_explain_first_inputs */
    struct zi_loss *lost;     /* scratch: a unit's items that lost points (n_outputs) */
    size_t *widths;           /* table: column widths (unit, cols…, verdict) */
    uint8_t *status;          /* scratch: the reached verdict's prerequisite statuses (n_conditions) */
    uint32_t *facts;          /* scratch: a prerequisite's missing facts (n_inputs) */
    uint32_t *listed;         /* scratch: zi_report_propose_listed (n_conditions) */
    int started;
    uint64_t units;
    struct zi_buf scratch;
    struct zi_xlsx_report *xlsx; /* --format xlsx: the workbook being written (report_xlsx.c) */
    struct zi_html_report *html; /* --format html: the per-module tables of report_html.c (report/html.h) */
    const struct zi_gap *gap;    /* --gap: the batch's gaps (score/gap.h), or NULL */
};
ZI_HIDDEN int zi_report_init(struct zi_report *r, const struct zi_ctx *c, FILE *f, enum zi_report_format fmt);
ZI_HIDDEN void zi_report_batch(struct zi_report *r, const struct zi_batch *b);
/* Writes what comes before the first unit (the CSV header, the JSON document's opening), once; report_batch
 * and report_finish call it, and so does par.c before copying rows formatted elsewhere. */
ZI_HIDDEN void zi_report_start(struct zi_report *r);
/* Closes the document (JSON: the summary, with "complete"; CSV and table: the last line, which says whether
 * the run read its input to the end — `complete` — or stopped on an error); 0, or -1 when writing failed at
 * any point (r->out.failed holds the errno). */
ZI_HIDDEN int zi_report_finish(struct zi_report *r, const struct zi_run_stats *st, int complete);
ZI_HIDDEN void zi_report_free(struct zi_report *r);
/* The per-format halves. */
ZI_HIDDEN void zi_report_table_batch(struct zi_report *r, const struct zi_batch *b);
ZI_HIDDEN void zi_report_csv_header(struct zi_report *r);
ZI_HIDDEN void zi_report_csv_batch(struct zi_report *r, const struct zi_batch *b);
ZI_HIDDEN void zi_report_json_begin(struct zi_report *r);
/* The module's provenance the JSON report opens with, "criteria":… to "runtime":…, without braces (also for
 * zirun compare and progress). */
ZI_HIDDEN void zi_report_json_provenance(struct zi_out *o, const struct zi_module *m);
ZI_HIDDEN void zi_report_json_batch(struct zi_report *r, const struct zi_batch *b);
ZI_HIDDEN void zi_report_json_end(struct zi_report *r, const struct zi_run_stats *st, int complete);
/* report_xlsx.c: the workbook is a file libxlsxwriter writes at `path`, not the report's stream; open
 * returns 0, or -1 (zi_report_xlsx_error says why). finish writes the last line and closes the workbook:
 * 0, or -1. The error is static text. */
ZI_HIDDEN int zi_report_xlsx_open(struct zi_report *r, const char *path);
ZI_HIDDEN void zi_report_xlsx_batch(struct zi_report *r, const struct zi_batch *b);
ZI_HIDDEN int zi_report_xlsx_finish(struct zi_report *r, const struct zi_run_stats *st);
ZI_HIDDEN const char *zi_report_xlsx_error(const struct zi_report *r);
ZI_HIDDEN void zi_report_xlsx_free(struct zi_report *r);
/* collect.c: the units of a run kept in memory (zi_run_collect, zi/results.h). new returns NULL out of
 * memory; batch copies every unit of the batch (0, or -1 out of memory: the units before are kept);
 * results points `out` at the units kept so far (owned by the collector, which zi_results_free frees). */
struct zi_collector;
ZI_HIDDEN struct zi_collector *zi_collector_new(const struct zi_module *m);
ZI_HIDDEN int zi_collector_batch(struct zi_collector *k, const struct zi_ctx *c, const struct zi_batch *b);
ZI_HIDDEN void zi_collector_results(const struct zi_collector *k, struct zi_results *out);
ZI_HIDDEN void zi_collector_free(struct zi_collector *k);
/* Shared: an error's location and text ("row 3, column 4: item A.2: …"), appended to `o`. */
ZI_HIDDEN void zi_report_error_text(struct zi_buf *o, const struct zi_ctx *c, const struct zi_batch *b,
                                    const struct zi_unit_error *e);
/* Unit u's missing items' codes, space-separated, into `s` (emptied first); returns how many. */
ZI_HIDDEN uint32_t zi_report_missing_codes(struct zi_report *r, const struct zi_batch *b, uint32_t u,
                                           struct zi_buf *s);
/* "yes", "relaxed", "no", "unknown", "-" (CSV and JSON), or with `people` the words of the table in `lang`.
 */
ZI_HIDDEN const char *zi_report_proposable(enum zi_proposable p, int people, enum zi_lang lang);
/* Unit u's proposability (zi_propose_unit), its statuses left in r->status. */
ZI_HIDDEN enum zi_proposable zi_report_propose(struct zi_report *r, const struct zi_batch *b, uint32_t u);
/* After zi_report_propose returned p: the conditions a report lists, as offsets in the verdict's prerequisite
 * range written to out — the prerequisites not met, then the relaxation's conditions not met when the
 * relaxation was looked at (or all of them when it applied); none for yes and not applicable. */
ZI_HIDDEN uint32_t zi_report_propose_listed(const struct zi_report *r, const struct zi_batch *b, uint32_t u,
                                            enum zi_proposable p, uint32_t *out);
/* After zi_report_propose returned p: the lines under the unit in the table, each ending in '\n' — the
 * unmet and unknown prerequisites and, when the relaxation was looked at, its conditions — appended to o. */
ZI_HIDDEN void zi_report_propose_lines(struct zi_report *r, const struct zi_batch *b, uint32_t u,
                                       enum zi_proposable p, struct zi_buf *o);
/* The unit's explanation lines (not reached conditions, the reached verdict's prerequisites with what they
 * read, points lost, missing items), each ending in '\n'. */
ZI_HIDDEN void zi_report_explain_lines(struct zi_report *r, const struct zi_batch *b, uint32_t u,
                                       struct zi_buf *o, char point);

#endif /* ZIRT_H */
