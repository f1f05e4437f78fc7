/* answer.c — a worksheet cell to the double its input wants (docs/language.md §8, "Answers in data"): a
 * number, or for a scale input the number of the label answered (1-based), which the batch stores as a code.
 *
 * Scale labels match case- and space-insensitively: the labels are normalised once (ASCII lower case,
 * spaces trimmed, inner runs of spaces and tabs — and the no-break spaces spreadsheets paste — collapsed to
 * one space) and a cell is normalised the same way into a small stack buffer, so matching is a length check
 * and a memcmp per label — or, for the usual short cell ("Ya", "b"), one 64-bit comparison per label after
 * folding the cell's case into an integer on the fly. Letters outside ASCII keep their case: the labels of
 * real criteria are ASCII.
 * Numbers go through numparse.c. Only the error path builds text, so reading a valid cell allocates nothing.
 */
#include <math.h>
#include <stdlib.h>

#include "zirt.h"

#define ZI_MAX_LABEL 256 /* a cell longer than this cannot be a label */

struct zi_answer_label {
    uint32_t off, len; /* normalised label in `text` */
    uint64_t key;      /* a label of up to 8 bytes, as folded_key() packs a cell; 0 for a longer one */
    double value;      /* what a match gives: the label's number, 1-based (zi/module.h, `codes`) */
};

struct zi_answers {
    const struct zi_module *m;
    enum zi_lang lang;     /* of the messages */
    uint32_t *first_label; /* per input: its labels in `labels` */
    struct zi_answer_label *labels;
    struct zi_buf text;
};

/* Normalised form of a label or cell into out (at least len bytes); its length, or SIZE_MAX when too long. */
static size_t normalise(const char *p, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    int pending_space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        int space = c == ' ' || c == '\t';
        if (c == 0xC2 && i + 1 < len && (unsigned char)p[i + 1] == 0xA0) { /* U+00A0 no-break space */
            space = 1;
            i++;
        }
        if (space) {
            pending_space = n > 0;
            continue;
        }
        if (n + 2 > cap) return SIZE_MAX;
        if (pending_space) out[n++] = ' ';
        pending_space = 0;
        out[n++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    }
    return n;
}

/* A cell of 1 to 8 bytes without spaces, lower-cased and packed into an integer (first byte lowest); 0 when
 * the cell is longer, empty, or holds a space, a tab or the first byte of a no-break space. */
static uint64_t folded_key(const char *p, size_t len)
{
    if (len == 0 || len > 8) return 0;
    uint64_t key = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ' || c == '\t' || c == 0xC2) return 0;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
        key |= (uint64_t)c << (8 * i);
    }
    return key;
}

struct zi_answers *zi_answers_new(const struct zi_module *m)
{
    struct zi_answers *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->m = m;
    a->lang = ZI_LANG_EN;
    zi_buf_init(&a->text);
    uint32_t total = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        total += m->inputs[i].n_labels;
    a->first_label = malloc(((size_t)m->n_inputs + 1) * sizeof *a->first_label);
    a->labels = malloc(((size_t)total + 1) * sizeof *a->labels);
    if (!a->first_label || !a->labels) {
        zi_answers_free(a);
        return NULL;
    }
    uint32_t at = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        a->first_label[i] = at;
        for (uint32_t l = 0; l < m->inputs[i].n_labels; l++, at++) {
            const char *s = m->inputs[i].labels[l].label;
            char norm[ZI_MAX_LABEL];
            size_t n = normalise(s, strlen(s), norm, sizeof norm);
            if (n == SIZE_MAX) n = 0; /* a label longer than any cell we compare: it can never match */
            a->labels[at].off = (uint32_t)a->text.len;
            a->labels[at].len = (uint32_t)n;
            a->labels[at].key = folded_key(norm, n);
            a->labels[at].value = l + 1;
            zi_buf_append(&a->text, norm, n);
            zi_buf_putc(&a->text, '\0');
        }
    }
    a->first_label[m->n_inputs] = at;
    if (a->text.failed) {
        zi_answers_free(a);
        return NULL;
    }
    return a;
}

void zi_answers_set_lang(struct zi_answers *a, enum zi_lang lang)
{
    a->lang = lang;
}

void zi_answers_free(struct zi_answers *a)
{
    if (!a) return;
    free(a->first_label);
    free(a->labels);
    zi_buf_free(&a->text);
    free(a);
}

/* zi_cell_is_missing for text already trimmed. */
static int missing_trimmed(const char *p, size_t len)
{
    if (len == 0 || (len == 1 && p[0] == '-')) return 1;
    char c0 = (char)(p[0] | 0x20), c1 = len > 1 ? (char)(p[1] | 0x20) : 0;
    if (len == 2) return c0 == 'n' && c1 == 'a';
    if (len == 3) return c0 == 'n' && p[1] == '/' && (p[2] | 0x20) == 'a';
    return 0;
}

/* How many of the n labels land in a slot of their own under multiplier `mult`. */
static unsigned labels_placed(uint64_t mult, const uint64_t *key, unsigned n, uint8_t *taken)
{
    unsigned placed = 0;
    memset(taken, 0, ZI_FAST_SLOTS);
    for (unsigned k = 0; k < n; k++) {
        unsigned slot = (unsigned)((key[k] * mult) >> (64 - ZI_FAST_SLOT_BITS));
        if (!taken[slot]) {
            taken[slot] = 1;
            placed++;
        }
    }
    return placed;
}

/* A perfect hash of up to ZI_FAST_SLOTS labels: the first of a fixed sequence of odd multipliers that gives
 * each label a slot of its own (for five labels in eight slots one in five does), or the best one found;
 * labels left without a slot are read on the slow path, which is slower but gives the same answer. */
static void place_labels(struct zi_column_reader *cr, const uint64_t *key, const uint8_t *key_len,
                         const uint8_t *code, unsigned n)
{
    uint8_t taken[ZI_FAST_SLOTS];
    uint64_t state = 0x2545f4914f6cdd1dull, best = 0x9e3779b97f4a7c15ull;
    unsigned best_placed = labels_placed(best, key, n, taken);
    for (int tries = 0; tries < 4096 && best_placed < n; tries++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t mult = state | 1;
        unsigned placed = labels_placed(mult, key, n, taken);
        if (placed > best_placed) {
            best = mult;
            best_placed = placed;
        }
    }
    cr->mult = best;
    for (unsigned k = 0; k < n; k++) {
        unsigned slot = (unsigned)((key[k] * best) >> (64 - ZI_FAST_SLOT_BITS));
        if (cr->key_len[slot]) continue; /* an earlier label has it: this one goes the slow way */
        cr->key[slot] = key[k];
        cr->key_len[slot] = key_len[k];
        cr->code[slot] = code[k];
    }
}

void zi_answers_column_reader(const struct zi_answers *a, int32_t input, struct zi_column_reader *cr)
{
    memset(cr, 0, sizeof *cr);
    if (input < 0) return;
    const struct zi_input_desc *d = &a->m->inputs[input];
    cr->column = d->column;
    cr->min = d->min;
    cr->max = d->max;
    switch (d->kind) {
    case ZI_INPUT_SCALE:
    case ZI_INPUT_GRADE:
    case ZI_INPUT_CATEGORY:
    case ZI_INPUT_BOOLEAN: {
        cr->kind = ZI_FAST_SCALE;
        uint64_t key[ZI_FAST_SLOTS];
        uint8_t key_len[ZI_FAST_SLOTS], code[ZI_FAST_SLOTS];
        unsigned n = 0;
        for (uint32_t l = a->first_label[input]; l < a->first_label[input + 1] && n < ZI_FAST_SLOTS; l++) {
            const struct zi_answer_label *lb = &a->labels[l];
            /* A label spelled like a missing answer never matches (the missing rule comes first); a longer
             * one is found by match_label on the slow path. */
            if (!lb->key || missing_trimmed(a->text.p + lb->off, lb->len)) continue;
            key[n] = lb->key; /* folded_key packs as zi_fold8 does, and the label is lower-case already */
            key_len[n] = (uint8_t)lb->len;
            code[n] = (uint8_t)lb->value;
            n++;
        }
        place_labels(cr, key, key_len, code, n);
        break;
    }
    case ZI_INPUT_NUMBER:
        cr->kind = ZI_FAST_NUMBER;
        break;
    case ZI_INPUT_PERCENT:
        cr->kind = ZI_FAST_PERCENT;
        break;
    default:
        cr->kind = ZI_FAST_COUNT;
        break;
    }
}

int zi_cell_is_missing(const char *p, size_t len)
{
    zi_trim(&p, &len);
    return missing_trimmed(p, len);
}

static void put_range_value(struct zi_buf *why, double v, int percent)
{
    char t[ZI_FMT_MAX];
    if (isinf(v)) {
        zi_buf_puts(why, v < 0 ? "-∞" : "∞");
        return;
    }
    zi_fmt_human(percent ? v * 100 : v, t);
    zi_buf_puts(why, t);
    if (percent) zi_buf_putc(why, '%');
}

static void put_range(struct zi_buf *why, const struct zi_input_desc *d)
{
    int percent = d->kind == ZI_INPUT_PERCENT;
    zi_buf_putc(why, '[');
    put_range_value(why, d->min, percent);
    zi_buf_puts(why, ", ");
    put_range_value(why, d->max, percent);
    zi_buf_putc(why, ']');
}

/* "(accepted: …)": what this input takes, for every error message about it. */
static void put_accepted(struct zi_buf *why, const struct zi_input_desc *d, enum zi_lang lang)
{
    zi_buf_puts(why, ZI_WORDS(lang, " (yang diterima: ", " (accepted: "));
    switch (d->kind) {
    case ZI_INPUT_SCALE:
    case ZI_INPUT_GRADE:
    case ZI_INPUT_CATEGORY:
    case ZI_INPUT_BOOLEAN:
        /* A fact's values by their names, each followed by its other spellings: "pemda (Pemerintah
         * Daerah), kl (…)". A scale has names only. */
        for (uint32_t l = 0, first = 1; l < d->n_labels; l++) {
            if (d->labels[l].printed_as) continue;
            zi_buf_puts(why, first ? "" : ", ");
            zi_buf_puts(why, d->labels[l].label);
            first = 0;
            uint32_t n = 0;
            for (uint32_t k = 0; k < d->n_labels; k++) {
                if (d->labels[k].printed_as != l + 1) continue;
                zi_buf_puts(why, n++ ? ", " : " (");
                zi_buf_puts(why, d->labels[k].label);
            }
            if (n) zi_buf_putc(why, ')');
        }
        break;
    case ZI_INPUT_NUMBER:
        zi_buf_puts(why, ZI_WORDS(lang, "angka dalam ", "a number in "));
        put_range(why, d);
        zi_buf_puts(why, ZI_WORDS(lang, ", misalnya 3,41 atau 3.41", ", such as 3,41 or 3.41"));
        break;
    case ZI_INPUT_PERCENT:
        zi_buf_puts(why, ZI_WORDS(lang, "persentase dalam ", "a percentage in "));
        put_range(why, d);
        zi_buf_puts(
            why, ZI_WORDS(lang, ", misalnya 87%, 87,5 %, 87 atau 0.87", ", such as 87%, 87,5 %, 87 or 0.87"));
        break;
    default:
        zi_buf_puts(why, ZI_WORDS(lang, "bilangan bulat dalam ", "a whole number in "));
        put_range(why, d);
        zi_buf_puts(why, ZI_WORDS(lang, ", misalnya 12 atau 1.250", ", such as 12 or 1.250"));
        break;
    }
    zi_buf_putc(why, ')');
}

/* The cell as the message quotes it: its first 80 bytes, control bytes escaped (a NUL would cut the message
 * short, and an escape sequence would reach the terminal zirun reports to). */
static void put_cell(struct zi_buf *why, const char *p, size_t len)
{
    zi_buf_putc(why, '\'');
    zi_buf_put_printable(why, p, len > 80 ? 80 : len);
    zi_buf_puts(why, len > 80 ? "…'" : "'");
}

int zi_excel_error(const char *p, size_t len)
{
    static const char *const errors[] = {"#N/A",   "#DIV/0!", "#VALUE!", "#REF!",         "#NAME?", "#NUM!",
                                         "#NULL!", "#SPILL!", "#CALC!",  "#GETTING_DATA", NULL};
    zi_trim(&p, &len);
    if (len < 4 || p[0] != '#') return 0;
    for (const char *const *e = errors; *e; e++)
        if (strlen(*e) == len && memcmp(*e, p, len) == 0) return 1;
    return 0;
}

/* `what` is one of the phrases of `phrases`: said in the answers' language. */
enum phrase { NOT_ANSWER, NOT_VALUE, NOT_NUMBER, TOO_LARGE, NOT_PERCENT, NOT_WHOLE };
static const char *const phrases[][2] = {
    [NOT_ANSWER] = {" bukan jawaban", " is not an answer"},
    [NOT_VALUE] = {" bukan nilai", " is not a value"},
    [NOT_NUMBER] = {" bukan angka", " is not a number"},
    [TOO_LARGE] = {" terlalu besar", " is too large"},
    [NOT_PERCENT] = {" bukan persentase", " is not a percentage"},
    [NOT_WHOLE] = {" bukan bilangan bulat", " is not a whole number"},
};

static enum zi_cell bad(const struct zi_answers *a, struct zi_buf *why, const struct zi_input_desc *d,
                        const char *p, size_t len, enum phrase what)
{
    enum zi_lang lang = a->lang;
    put_cell(why, p, len);
    /* What a spreadsheet leaves in a cell whose formula failed, or whose formula was saved uncalculated
     * (xlsx_read.c): the evaluator fixes the workbook, not the answer. */
    if (zi_excel_error(p, len)) {
        zi_buf_puts(why,
                    ZI_WORDS(lang,
                             " adalah nilai galat Excel, bukan jawaban: perbaiki sel itu atau rumusnya di "
                             "buku kerja",
                             " is Excel's error value, not an answer: correct the cell or its formula in the "
                             "workbook"));
        return ZI_CELL_BAD;
    }
    if (len && p[0] == '=') {
        zi_buf_puts(
            why, ZI_WORDS(lang,
                          " adalah rumus yang tersimpan tanpa nilainya, bukan jawaban: buka buku kerja itu "
                          "di Excel atau LibreOffice lalu simpan lagi, agar nilainya ikut tersimpan",
                          " is a formula saved without its value, not an answer: open the workbook in "
                          "Excel or LibreOffice and save it again, so that the values are stored"));
        return ZI_CELL_BAD;
    }
    zi_buf_puts(why, phrases[what][lang == ZI_LANG_EN]);
    if (d->kind == ZI_INPUT_SCALE) {
        zi_buf_puts(why, ZI_WORDS(lang, " pada skala ", " on scale "));
        zi_buf_puts(why, d->scale);
    } else if (zi_input_has_labels(d->kind)) {
        if (d->kind == ZI_INPUT_BOOLEAN)
            zi_buf_puts(why, ZI_WORDS(lang, " untuk fakta ya/tidak", " for a yes/no fact"));
        else
            zi_buf_puts(why, ZI_WORDS(lang, " dari ", " of "));
        if (d->kind != ZI_INPUT_BOOLEAN) zi_buf_puts(why, d->scale);
    }
    put_accepted(why, d, lang);
    return ZI_CELL_BAD;
}

/* The range check every kind ends with. */
static enum zi_cell in_range(const struct zi_answers *a, const struct zi_input_desc *d, double v,
                             const char *p, size_t len, double *value, struct zi_buf *why)
{
    if (v < d->min || v > d->max) {
        put_cell(why, p, len);
        zi_buf_puts(why, ZI_WORDS(a->lang, " di luar rentang ", " is outside the range "));
        put_range(why, d);
        return ZI_CELL_BAD;
    }
    *value = v;
    return ZI_CELL_VALUE;
}

static int match_label(const struct zi_answers *a, uint32_t input, const char *p, size_t len, double *value)
{
    uint32_t first = a->first_label[input], end = a->first_label[input + 1];
    uint64_t key = folded_key(p, len);
    if (key) {
        for (uint32_t l = first; l < end; l++) {
            if (a->labels[l].key == key) {
                *value = a->labels[l].value;
                return 1;
            }
        }
        return 0;
    }
    char norm[ZI_MAX_LABEL];
    size_t n = normalise(p, len, norm, sizeof norm);
    if (n == SIZE_MAX || n == 0) return 0;
    for (uint32_t l = first; l < end; l++) {
        const struct zi_answer_label *lb = &a->labels[l];
        if (lb->len == n && memcmp(a->text.p + lb->off, norm, n) == 0) {
            *value = lb->value;
            return 1;
        }
    }
    return 0;
}

/* A percent input's number: with %, or above 1, it is percentage points; from 0 to 1, a fraction. */
static double percent_value(const struct zi_number *n)
{
    if (n->percent) return zi_number_value(n, -2);
    double v = zi_number_value(n, 0);
    return v > 1 ? zi_number_value(n, -2) : v;
}

enum zi_cell zi_answers_read_text(const struct zi_answers *a, uint32_t input, const char *p, size_t len,
                                  double *value, struct zi_buf *why)
{
    const struct zi_input_desc *d = &a->m->inputs[input];
    zi_trim(&p, &len);
    if (len <= 3 && missing_trimmed(p, len)) return ZI_CELL_MISSING;
    struct zi_number n;
    switch (d->kind) {
    case ZI_INPUT_SCALE:
    case ZI_INPUT_GRADE:
    case ZI_INPUT_CATEGORY:
    case ZI_INPUT_BOOLEAN:
        if (match_label(a, input, p, len, value)) return ZI_CELL_VALUE;
        return bad(a, why, d, p, len, d->role == ZI_ROLE_FACT ? NOT_VALUE : NOT_ANSWER);
    case ZI_INPUT_NUMBER: {
        if (zi_number_scan(p, len, &n) != 0 || n.percent) return bad(a, why, d, p, len, NOT_NUMBER);
        double v = zi_number_value(&n, 0);
        /* 1e400 reads as infinity, which an input without a range would take: the module would compute
         * with it (docs/limits.md). */
        if (!isfinite(v)) return bad(a, why, d, p, len, TOO_LARGE);
        return in_range(a, d, v, p, len, value, why);
    }
    case ZI_INPUT_PERCENT:
        if (zi_number_scan(p, len, &n) != 0) return bad(a, why, d, p, len, NOT_PERCENT);
        return in_range(a, d, percent_value(&n), p, len, value, why);
    default: {
        if (zi_number_scan(p, len, &n) != 0 || n.percent) return bad(a, why, d, p, len, NOT_WHOLE);
        /* A count has no fraction, so "1.000" and "12,500" group thousands, as Indonesian (and English)
         * worksheets write them: read as decimals they would silently be a thousand times smaller. */
        double v = zi_number_value(&n, n.thousands ? 3 : 0);
        if (!isfinite(v)) return bad(a, why, d, p, len, TOO_LARGE);
        if (v < 0 || v != floor(v)) return bad(a, why, d, p, len, NOT_WHOLE);
        if (n.thousands && (v < d->min || v > d->max)) {
            in_range(a, d, v, p, len, value, why);
            if (a->lang == ZI_LANG_EN)
                zi_buf_printf(why, " (read as %.0f: a %s before three digits groups thousands)", v,
                              memchr(p, '.', len) ? "dot" : "comma");
            else
                zi_buf_printf(why, " (terbaca %.0f: %s sebelum tiga angka memisahkan ribuan)", v,
                              memchr(p, '.', len) ? "titik" : "koma");
            return ZI_CELL_BAD;
        }
        return in_range(a, d, v, p, len, value, why);
    }
    }
}

enum zi_cell zi_answers_read_number(const struct zi_answers *a, uint32_t input, double x, double *value,
                                    struct zi_buf *why)
{
    const struct zi_input_desc *d = &a->m->inputs[input];
    char t[ZI_FMT_MAX];
    size_t len = zi_fmt_shortest(x, t);
    if (!isfinite(x)) return bad(a, why, d, t, len, NOT_NUMBER);
    switch (d->kind) {
    case ZI_INPUT_SCALE:
        /* A label that is a number ("1") first, then a label's value (1 for "Ya"): JSON writers differ. */
        if (match_label(a, input, t, len, value)) return ZI_CELL_VALUE;
        for (uint32_t l = 0; l < d->n_labels; l++) {
            if (d->labels[l].value == x) {
                *value = l + 1;
                return ZI_CELL_VALUE;
            }
        }
        return bad(a, why, d, t, len, NOT_ANSWER);
    case ZI_INPUT_GRADE:
    case ZI_INPUT_CATEGORY:
    case ZI_INPUT_BOOLEAN:
        /* A fact's value is a rank or a category's number, which nobody types: only a label spelled as a
         * number ("1" of a yes/no) is a number in JSON. */
        if (match_label(a, input, t, len, value)) return ZI_CELL_VALUE;
        return bad(a, why, d, t, len, NOT_VALUE);
    case ZI_INPUT_NUMBER:
        return in_range(a, d, x, t, len, value, why);
    case ZI_INPUT_PERCENT: {
        /* Through the decimal text, so that 87.3 in JSON is the same double as "87,3" in a CSV. */
        struct zi_number n;
        if (x > 1 && zi_number_scan(t, len, &n) == 0)
            return in_range(a, d, zi_number_value(&n, -2), t, len, value, why);
        return in_range(a, d, x, t, len, value, why);
    }
    default:
        if (x < 0 || x != floor(x)) return bad(a, why, d, t, len, NOT_WHOLE);
        return in_range(a, d, x, t, len, value, why);
    }
}
