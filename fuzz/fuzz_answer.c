/* fuzz_answer.c — a worksheet cell to an answer: the number parser (numparse.c) and the label, number,
 * percent and count readers (answer.c), on any bytes.
 *
 * Input: one byte choosing the input (bits 0-1: scale, number, percent or count; bits 2-3: its range), then
 * lines: every line but the last is a scale label, the last is the cell. The descriptor is built here with
 * just the fields answer.c reads (by name, so it survives changes of the module ABI's layout), and the
 * cell read as text, and as a JSON number would be (the double the cell's first eight bytes spell, so that
 * NaN, infinities, -0 and denormals come up).
 *
 * Besides "no crash", an oracle: a plain decimal ([+-]digits[.|,digits][e[+-]digits], at most 400 bytes)
 * must be read as exactly the double strtod reads, and as a percentage (no exponent) exactly as strtod reads
 * it with e-2 appended — the correctly rounded promise of docs/runtime.md ("Reading answers"). Numbers of
 * more than 19 significant digits are read by strtod itself and then shifted, so only the first check holds
 * for them (docs/limits.md).
 */
#include <math.h>

#include "fuzz.h"
#include "zirt.h"

#define MAX_TEXT 400 /* numparse.c's ZI_MAX_TEXT: longer text is not a number */

/* Whether [p, p+len) is a plain decimal; *has_exp whether it has an exponent, *sig its significant digits. */
static int plain_decimal(const char *p, size_t len, int *has_exp, size_t *sig)
{
    size_t i = 0, digits = 0;
    int started = 0;
    *has_exp = 0;
    *sig = 0;
    if (i < len && (p[i] == '+' || p[i] == '-')) i++;
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++, digits++)
        if (started || p[i] != '0') started = 1, (*sig)++;
    if (i < len && (p[i] == '.' || p[i] == ',')) {
        i++;
        size_t frac = 0;
        for (; i < len && p[i] >= '0' && p[i] <= '9'; i++, frac++)
            if (started || p[i] != '0') started = 1, (*sig)++;
        if (frac == 0) return 0;
        digits += frac;
    }
    if (digits == 0) return 0;
    if (i < len && (p[i] == 'e' || p[i] == 'E')) {
        *has_exp = 1;
        i++;
        if (i < len && (p[i] == '+' || p[i] == '-')) i++;
        size_t e = 0;
        for (; i < len && p[i] >= '0' && p[i] <= '9'; i++)
            e++;
        if (e == 0) return 0;
    }
    return i == len;
}

static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void check_number(const char *p, size_t len)
{
    struct zi_number n;
    int scanned = zi_number_scan(p, len, &n) == 0;
    if (scanned) {
        zi_number_value(&n, 0);
        zi_number_value(&n, -2);
    }
    int has_exp;
    size_t sig;
    if (len > MAX_TEXT || !plain_decimal(p, len, &has_exp, &sig)) return;
    if (!scanned) {
        fprintf(stderr, "fuzz: the plain decimal '%.*s' was not read as a number\n", (int)len, p);
        abort();
    }
    char c[MAX_TEXT + 8];
    memcpy(c, p, len);
    c[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (c[i] == ',') c[i] = '.';
    double want = strtod(c, NULL), got = zi_number_value(&n, 0);
    if (!same_double(want, got)) {
        fprintf(stderr, "fuzz: '%.*s' read as %a, strtod reads %a\n", (int)len, p, got, want);
        abort();
    }
    if (!has_exp && sig <= 19) {
        memcpy(c + len, "e-2", 4);
        want = strtod(c, NULL);
        got = zi_number_value(&n, -2);
        if (!same_double(want, got)) {
            fprintf(stderr, "fuzz: '%.*s' as a percentage read as %a, strtod reads %a\n", (int)len, p, got,
                    want);
            abort();
        }
    }
}

/* A second oracle: the wide reader's fast path (zi_cell_fast) must decide a cell exactly as the full rules
 * did, or leave it to them. */
static void check_fast_path(const struct zi_answers *a, const struct zi_input_desc *d, const char *cell,
                            size_t len, enum zi_cell want, double want_value)
{
    struct zi_column_reader cr;
    zi_answers_column_reader(a, 0, &cr);
    char *padded = calloc(len + 8, 1); /* 8 readable bytes past the cell, as the input window has */
    if (!padded) abort();
    memcpy(padded, cell, len);
    uint8_t codes[ZI_TILE] = {0};
    double numbers[ZI_TILE] = {0};
    int fast = zi_cell_fast(&cr, padded, len, codes, numbers);
    free(padded);
    if (fast == ZI_CELL_SLOW) return;
    int differs = fast != (int)want;
    if (!differs && fast == ZI_CELL_VALUE)
        differs = d->kind == ZI_INPUT_SCALE ? codes[0] != (uint8_t)want_value
                                            : !same_double(numbers[0], want_value);
    if (differs) {
        fprintf(stderr, "fuzz: the fast path read '%.*s' as %d (%g / code %u), the full rules as %d (%g)\n",
                (int)len, cell, fast, numbers[0], codes[0], (int)want, want_value);
        abort();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    static const double ranges[4][2] = {{0, 4}, {0, 1}, {0, 1000}, {-INFINITY, INFINITY}};
    unsigned config = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    /* Labels: each line but the last, NUL-terminated in a copy. */
    static struct zi_scale_label labels[ZI_MAX_SCALE_LABELS];
    char *copy = malloc(len + 1);
    if (!copy) abort();
    memcpy(copy, text, len);
    copy[len] = '\0';
    uint32_t n_labels = 0;
    char *cell = copy, *nl;
    while ((nl = memchr(cell, '\n', len - (size_t)(cell - copy))) != NULL && n_labels < ZI_MAX_SCALE_LABELS) {
        *nl = '\0';
        labels[n_labels].label = cell;
        labels[n_labels].value = (double)n_labels / 4;
        n_labels++;
        cell = nl + 1;
    }
    size_t cell_len = len - (size_t)(cell - copy);

    int32_t kind = (int32_t)(config & 3);
    struct zi_input_desc input = {
        .key = "A.1",
        .item_code = "A.1",
        .text = "Pertanyaan",
        .scale = kind == ZI_INPUT_SCALE ? "skala" : NULL,
        .labels = kind == ZI_INPUT_SCALE ? labels : NULL,
        .n_labels = kind == ZI_INPUT_SCALE ? n_labels : 0,
        .kind = kind,
        .min = ranges[config >> 2 & 3][0],
        .max = ranges[config >> 2 & 3][1],
    };
    struct zi_module m = {.n_inputs = 1, .inputs = &input};
    struct zi_answers *a = zi_answers_new(&m);
    if (!a) abort();
    struct zi_buf why;
    zi_buf_init(&why);
    double v;
    enum zi_cell got = zi_answers_read_text(a, 0, cell, cell_len, &v, &why);
    if (got == ZI_CELL_VALUE && kind == ZI_INPUT_SCALE && (v < 1 || v > n_labels)) abort();
    if (got == ZI_CELL_VALUE && kind != ZI_INPUT_SCALE && !(v >= input.min && v <= input.max)) abort();
    if (got == ZI_CELL_BAD && why.len == 0 && !why.failed) abort();
    if (got == ZI_CELL_MISSING && !zi_cell_is_missing(cell, cell_len)) abort();
    check_fast_path(a, &input, cell, cell_len, got, v);
    if (cell_len >= 8) {
        double x;
        memcpy(&x, cell, sizeof x);
        why.len = 0;
        got = zi_answers_read_number(a, 0, x, &v, &why);
        if (got == ZI_CELL_VALUE && kind != ZI_INPUT_SCALE && !(v >= input.min && v <= input.max)) abort();
    }
    check_number(cell, cell_len);
    zi_buf_free(&why);
    zi_answers_free(a);
    free(copy);
    return 0;
}
