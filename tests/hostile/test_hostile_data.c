/* test_hostile_data.c — worksheets built to break zirun, each with the exact report it must give: a 100 MB
 * line (in the header, a row, a JSON unit, a JSON line), 100 000 columns and a record of more fields than the
 * reader keeps, numbers that are huge, infinite, not numbers or denormal, invalid UTF-8 and NUL bytes, a
 * quote never closed before a megabyte of rows, JSON with repeated keys and nesting a million deep, and every
 * prefix of a valid file (a truncated copy). They run through zi_run with the runtime tests' fixture module,
 * as zirun runs them.
 *
 * The inputs are generated while they are read (a stream of head + N bytes of filler + tail), so the 100 MB
 * line costs no memory and no disk beyond what zirun itself reads: it stops at 64 MiB.
 *
 * Cases that exist elsewhere are not repeated: quoting, separators and record boundaries in
 * tests/runtime/test_readers.c; one unclosed quote among ten thousand rows, empty inputs and broken JSON
 * structure in tests/runtime/test_run.c.
 */
#define _GNU_SOURCE /* fopencookie: a generated stream */
#include <math.h>
#include <stdio.h>

#include "fixture.h"
#include "zirt.h"

#define HEADER "unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2\n"
#define ROW(id) id ",Ya,A,10,10,100%,A,Ya,Ya,3.80,A\n"
#define MB ((uint64_t)1 << 20)

static struct zi_loaded_module *lm;
static const struct zi_module *m;

static void setup(void)
{
    lm = fixture_load("fixture");
    m = zi_loaded_module_get(lm);
}

static void teardown(void)
{
    zi_module_unload(lm);
}

/* ---- A generated stream: head, then `fill` repeated n times, then tail -------------------------------- */

struct gen {
    const char *head, *fill, *tail;
    size_t head_len, fill_len, tail_len;
    uint64_t n, pos, total;
};

static ssize_t gen_read(void *cookie, char *buf, size_t size)
{
    struct gen *g = cookie;
    size_t done = 0;
    while (done < size && g->pos < g->total) {
        uint64_t body = (uint64_t)g->fill_len * g->n;
        if (g->pos < g->head_len) {
            buf[done++] = g->head[g->pos++];
        } else if (g->pos < g->head_len + body) {
            uint64_t at = (g->pos - g->head_len) % g->fill_len;
            size_t take = g->fill_len - (size_t)at;
            if (take > size - done) take = size - done;
            if (take > g->head_len + body - g->pos) take = (size_t)(g->head_len + body - g->pos);
            memcpy(buf + done, g->fill + at, take);
            done += take;
            g->pos += take;
        } else {
            buf[done++] = g->tail[g->pos - g->head_len - body];
            g->pos++;
        }
    }
    return (ssize_t)done;
}

static int gen_close(void *cookie)
{
    free(cookie);
    return 0;
}

static FILE *generated(const char *head, const char *fill, uint64_t n, const char *tail)
{
    struct gen *g = calloc(1, sizeof *g);
    ck_assert_ptr_nonnull(g);
    g->head = head;
    g->fill = fill;
    g->tail = tail;
    g->head_len = strlen(head);
    g->fill_len = strlen(fill);
    g->tail_len = strlen(tail);
    g->n = g->fill_len ? n : 0;
    g->total = g->head_len + (uint64_t)g->fill_len * g->n + g->tail_len;
    cookie_io_functions_t io = {.read = gen_read, .close = gen_close};
    FILE *f = fopencookie(g, "r", io);
    ck_assert_ptr_nonnull(f);
    return f;
}

static FILE *text_stream(const char *text, size_t len)
{
    FILE *f = len ? fmemopen((void *)text, len, "rb") : fopen("/dev/null", "rb");
    ck_assert_ptr_nonnull(f);
    return f;
}

/* ---- Running zi_run ----------------------------------------------------------------------------------- */

struct result {
    int rc;
    struct zi_run_stats st;
    char *out, *diag;
    size_t out_len, diag_len;
};

static uint32_t max_messages = 1000; /* unit errors echoed: all of them, unless a test wants zirun's 20 */

/* ZI_TEST_SCALE (8 under ASan, 16 under valgrind): loops that only repeat a check take bigger steps. */
static unsigned scale(void)
{
    const char *s = getenv("ZI_TEST_SCALE");
    int v = s ? atoi(s) : 1;
    return v > 1 ? (unsigned)v : 1;
}

static struct result run(FILE *in, const char *name, enum zi_data_format fmt, enum zi_report_format report)
{
    struct result r;
    memset(&r, 0, sizeof r);
    FILE *out = open_memstream(&r.out, &r.out_len), *diag = open_memstream(&r.diag, &r.diag_len);
    ck_assert(out && diag);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.data_format = fmt;
    opt.report_format = report;
    opt.max_messages = max_messages;
    /* Hostile cells and rows, mostly under a header of a few inputs: the refusal of a header that leaves
     * inputs without a column is tested in tests/runtime (test_readers.c). */
    opt.allow_missing_columns = 1;
    r.rc = zi_run(m, in, name, out, diag, &opt, &r.st);
    fclose(in);
    fclose(out);
    fclose(diag);
    return r;
}

static void result_free(struct result *r)
{
    free(r->out);
    free(r->diag);
}

#define expect_diag(r, want)                                                                                 \
    ck_assert_msg(strcmp((r).diag, (want)) == 0, "diagnostics:\n%s\nwanted:\n%s", (r).diag, (want))
#define expect_out(r, part)                                                                                  \
    ck_assert_msg(strstr((r).out, (part)) != NULL, "no '%s' in the report:\n%.2000s", (part), (r).out)

/* ---- 100 MB on one line -------------------------------------------------------------------------------- */

START_TEST(hundred_megabyte_row)
{
    struct result r = run(generated(HEADER ROW("U01") "U02,", "x", 100 * MB, "\n" ROW("U03")), "big.csv",
                          ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r, "zirun: big.csv: row 3: a record longer than 64 MiB: not worksheet data\n");
    ck_assert_uint_eq(r.st.units, 1); /* U01, read before the long row, is in the report */
    expect_out(r, "\nU01,");
    result_free(&r);
}
END_TEST

START_TEST(hundred_megabyte_header)
{
    struct result r =
        run(generated("unit,", "A", 100 * MB, "\n" ROW("U01")), "big.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r,
                "zirun: big.csv: cannot read the header: a record longer than 64 MiB: not worksheet data\n");
    result_free(&r);
}
END_TEST

START_TEST(hundred_megabyte_json_unit)
{
    struct result r =
        run(generated("{\"units\": [{\"id\": \"U01\", \"answers\": {\"A.1\": \"Ya\", \"A.7\": \"Ya\"}},\n"
                      "{\"id\": \"U02\", \"answers\": {\"A.1\": \"",
                      "x", 100 * MB, "\"}}]}\n"),
            "big.json", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r, "zirun: big.json: line 2: cannot read: a record longer than 64 MiB: not worksheet data\n");
    ck_assert_uint_eq(r.st.units, 1);
    result_free(&r);

    r = run(
        generated(
            "{\"id\": \"U01\", \"answers\": {\"A.7\": \"Ya\"}}\n{\"id\": \"U02\", \"answers\": {\"A.1\": \"",
            "x", 100 * MB, "\"}}\n"),
        "big.jsonl", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r,
                "zirun: big.jsonl: line 2: cannot read: a record longer than 64 MiB: not worksheet data\n");
    ck_assert_uint_eq(r.st.units, 1);
    result_free(&r);
}
END_TEST

START_TEST(quote_open_for_two_megabytes)
{
    /* An opening quote and no closing one in the next 2 MB of rows: it is taken to end at its own line end
     * (the reader looks 1 MiB ahead for the closing quote), and the rows after it are read as rows. */
    struct result r = run(generated(HEADER "U00,\"Ya,A,10,10,100%,A,Ya,Ya,3.80,A\n",
                                    "U,Ya,A,10,10,100%,A,Ya,Ya,3.80,A\n", 2 * MB / 34, ""),
                          "quote.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    ck_assert_uint_eq(r.st.units, 1 + 2 * MB / 34);
    ck_assert_uint_eq(r.st.scored, 1); /* the first U; the others are duplicates of it */
    ck_assert(strncmp(r.diag,
                      "quote.csv:2: error: unit 'U00': malformed row: a quoted field is not closed\n"
                      "quote.csv:4: error: unit 'U': duplicate unit id 'U' (first at row 3)\n",
                      strlen("quote.csv:2: error: unit 'U00': malformed row: a quoted field is not closed\n"
                             "quote.csv:4: error: unit 'U': duplicate unit id 'U' (first at row 3)\n")) == 0);
    result_free(&r);
}
END_TEST

/* ---- Columns and fields -------------------------------------------------------------------------------- */

START_TEST(hundred_thousand_columns)
{
    /* The fixture's ten inputs, then 99 990 columns no input has; three units, one row short. */
    struct zi_buf t;
    zi_buf_init(&t);
    zi_buf_puts(&t, "unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2");
    for (unsigned j = 0; j < 99990; j++)
        zi_buf_printf(&t, ",X%u", j);
    for (unsigned u = 1; u <= 2; u++) {
        zi_buf_printf(&t, "\nU%u,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A", u);
        for (unsigned j = 0; j < 99990; j++)
            zi_buf_puts(&t, ",catatan");
    }
    zi_buf_puts(&t, "\nU3,Ya,A\n");
    ck_assert(!t.failed);
    struct result r = run(text_stream(t.p, t.len), "wide.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    ck_assert_uint_eq(r.st.scored, 2);
    expect_diag(r,
                "wide.csv:1: warning: 99990 unknown columns: 'X0', 'X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', "
                "'X8', 'X9', 'X10', 'X11', 'X12', 'X13', 'X14', 'X15', 'X16', 'X17', 'X18', 'X19' and 99970 "
                "more (ignored)\n"
                "wide.csv:4: error: unit 'U3': malformed row: 3 fields, but the header has 100001\n"
                "zirun: wide.csv: 3 units, 2 scored, 1 with errors\n");
    result_free(&r);
    zi_buf_free(&t);
}
END_TEST

START_TEST(more_fields_than_the_reader_keeps)
{
    /* 1 048 576 fields a record are kept; a line of two million separators is one malformed record, not
     * 32 MB of field pointers. */
    struct result r =
        run(generated("unit", ",", 2 * MB, "\n" ROW("U01")), "fields.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r, "zirun: fields.csv: row 1: the header is malformed: more than 1048576 fields\n");
    result_free(&r);

    r = run(generated(HEADER ROW("U01") "U02", ",", 2 * MB, "\n" ROW("U03")), "fields.csv", ZI_DATA_AUTO,
            ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    ck_assert_uint_eq(r.st.scored, 2);
    expect_diag(r, "fields.csv:3: error: unit 'U02': malformed row: more than 1048576 fields\n"
                   "zirun: fields.csv: 3 units, 2 scored, 1 with errors\n");
    result_free(&r);
}
END_TEST

/* ---- Numbers ------------------------------------------------------------------------------------------- */

START_TEST(huge_infinite_and_denormal_numbers)
{
    /* B.1 is a number in [0, 4], A.3.perubahan a count in [0, 1000], A.4 a percent. */
    static const char csv[] =
        HEADER "N01,Ya,A,10,10,100%,A,Ya,Ya,1e400,A\n"
               "N02,Ya,A,10,10,100%,A,Ya,Ya,-1e400,A\n"
               "N03,Ya,A,10,10,100%,A,Ya,Ya,NaN,A\n"
               "N04,Ya,A,10,10,100%,A,Ya,Ya,inf,A\n"
               "N05,Ya,A,10,10,100%,A,Ya,Ya,Infinity,A\n"
               "N06,Ya,A,10,10,100%,A,Ya,Ya,1e308,A\n"
               "N07,Ya,A,10,10,100%,A,Ya,Ya,4.9e-324,A\n" /* the smallest denormal: a valid tiny number */
               "N08,Ya,A,10,10,100%,A,Ya,Ya,1e-400,A\n"   /* below every double: 0 */
               "N09,Ya,A,1e400,10,100%,A,Ya,Ya,3.80,A\n"  /* a count too large to be a count */
               "N10,Ya,A,10,10,1e400%,A,Ya,Ya,3.80,A\n"
               "N11,Ya,A,10,10,100%,A,Ya,Ya,0x10,A\n"
               "N12,Ya,A,10,10,100%,A,Ya,Ya,99999999999999999999999999,A\n";
    struct result r = run(text_stream(csv, sizeof csv - 1), "numbers.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r,
                "numbers.csv:2:10: error: unit 'N01': item B.1: '1e400' is too large (accepted: a number in "
                "[0, 4], such as 3,41 or 3.41)\n"
                "numbers.csv:3:10: error: unit 'N02': item B.1: '-1e400' is too large (accepted: a number in "
                "[0, 4], such as 3,41 or 3.41)\n"
                "numbers.csv:4:10: error: unit 'N03': item B.1: 'NaN' is not a number (accepted: a number in "
                "[0, 4], such as 3,41 or 3.41)\n"
                "numbers.csv:5:10: error: unit 'N04': item B.1: 'inf' is not a number (accepted: a number in "
                "[0, 4], such as 3,41 or 3.41)\n"
                "numbers.csv:6:10: error: unit 'N05': item B.1: 'Infinity' is not a number (accepted: a "
                "number in [0, 4], such as 3,41 or 3.41)\n"
                "numbers.csv:7:10: error: unit 'N06': item B.1: '1e308' is outside the range [0, 4]\n"
                "numbers.csv:10:4: error: unit 'N09': item A.3.perubahan: '1e400' is too large (accepted: a "
                "whole number in [0, 1000], such as 12 or 1.250)\n"
                "numbers.csv:11:6: error: unit 'N10': item A.4: '1e400%' is outside the range [0%, 100%]\n"
                "numbers.csv:12:10: error: unit 'N11': item B.1: '0x10' is not a number (accepted: a number "
                "in [0, 4], such as 3,41 or 3.41)\n"
                "numbers.csv:13:10: error: unit 'N12': item B.1: '99999999999999999999999999' is outside the "
                "range [0, 4]\n"
                "zirun: numbers.csv: 12 units, 2 scored, 10 with errors\n");
    result_free(&r);

    /* JSON: jansson refuses what is not a finite number; a denormal is a number like any other. */
    static const char json[] =
        "{\"id\": \"J1\", \"answers\": {\"B.1\": 1e400}}\n"
        "{\"id\": \"J2\", \"answers\": {\"B.1\": NaN}}\n"
        "{\"id\": \"J3\", \"answers\": {\"B.1\": 4.9e-324, \"A.3.perubahan\": 1e3, \"A.7\": \"Ya\"}}\n"
        "{\"id\": \"J4\", \"answers\": {\"A.3.perubahan\": 123456789012345678901234567890}}\n"
        "{\"id\": \"J5\", \"answers\": {\"A.3.perubahan\": -0.0, \"B.1\": -0, \"A.7\": \"Ya\"}}\n";
    r = run(text_stream(json, sizeof json - 1), "numbers.jsonl", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    /* jansson cannot read these units at all, not even leniently: their ids are unknown. */
    expect_diag(r, "numbers.jsonl:1: error: unit '': invalid JSON: real number overflow near '1e400'\n"
                   "numbers.jsonl:2: error: unit '': invalid JSON: invalid token near 'NaN'\n"
                   "numbers.jsonl:4: error: unit '': invalid JSON: too big integer\n"
                   "zirun: numbers.jsonl: 5 units, 2 scored, 3 with errors\n");
    result_free(&r);
}
END_TEST

START_TEST(numbers_for_inputs_without_a_range)
{
    /* A number or count input without `in [lo, hi]` takes any finite value, and no infinite one. */
    struct zi_input_desc inputs[2] = {
        {.key = "N",
         .item_code = "N",
         .text = "n",
         .kind = ZI_INPUT_NUMBER,
         .min = -INFINITY,
         .max = INFINITY},
        {.key = "C", .item_code = "C", .text = "c", .kind = ZI_INPUT_COUNT, .min = 0, .max = INFINITY},
    };
    struct zi_module d = {.n_inputs = 2, .inputs = inputs};
    struct zi_answers *a = zi_answers_new(&d);
    ck_assert_ptr_nonnull(a);
    struct zi_buf why;
    zi_buf_init(&why);
    double v;
    ck_assert_int_eq(zi_answers_read_text(a, 0, "1e400", 5, &v, &why), ZI_CELL_BAD);
    ck_assert_str_eq(why.p, "'1e400' is too large (accepted: a number in [-∞, ∞], such as 3,41 or 3.41)");
    why.len = 0;
    ck_assert_int_eq(zi_answers_read_text(a, 1, "1e400", 5, &v, &why), ZI_CELL_BAD);
    ck_assert_str_eq(why.p, "'1e400' is too large (accepted: a whole number in [0, ∞], such as 12 or 1.250)");
    why.len = 0;
    ck_assert_int_eq(zi_answers_read_text(a, 0, "-1,7976931348623157e308", 23, &v, &why), ZI_CELL_VALUE);
    ck_assert(v == -1.7976931348623157e308);
    ck_assert_int_eq(zi_answers_read_text(a, 0, "4,9e-324", 8, &v, &why), ZI_CELL_VALUE);
    ck_assert(v == 4.9e-324 && v > 0);
    ck_assert_int_eq(zi_answers_read_text(a, 0, "1e-400", 6, &v, &why), ZI_CELL_VALUE);
    ck_assert(v == 0);
    ck_assert_int_eq(zi_answers_read_number(a, 0, NAN, &v, &why), ZI_CELL_BAD);
    ck_assert_str_eq(why.p, "'nan' is not a number (accepted: a number in [-∞, ∞], such as 3,41 or 3.41)");
    why.len = 0;
    ck_assert_int_eq(zi_answers_read_number(a, 1, INFINITY, &v, &why), ZI_CELL_BAD);
    ck_assert_str_eq(why.p,
                     "'inf' is not a number (accepted: a whole number in [0, ∞], such as 12 or 1.250)");
    zi_buf_free(&why);
    zi_answers_free(a);
}
END_TEST

START_TEST(long_cells_and_many_errors)
{
    /* A number of 401 characters is not a number; a cell of 300 bytes is no label; each is quoted in the
     * message by its first 80 bytes. 25 unit errors: zirun echoes 20 and counts the rest. */
    char digits[402], label[301];
    memset(digits, '1', 401);
    digits[401] = '\0';
    memset(label, 'Y', 300);
    label[300] = '\0';
    struct zi_buf t;
    zi_buf_init(&t);
    zi_buf_puts(&t, HEADER);
    zi_buf_printf(&t, "L1,Ya,A,10,10,100%%,A,Ya,Ya,%s,A\n", digits);
    zi_buf_printf(&t, "L2,%s,A,10,10,100%%,A,Ya,Ya,3.80,A\n", label);
    for (int u = 3; u <= 25; u++)
        zi_buf_printf(&t, "L%d,Ya,A,10,10,100%%,A,Ya,Ya,5,A\n", u);
    max_messages = 0; /* zirun's default */
    struct result r = run(text_stream(t.p, t.len), "long.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    max_messages = 1000;
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    char want[4096];
    snprintf(
        want, sizeof want,
        "long.csv:2:10: error: unit 'L1': item B.1: '%.80s…' is not a number (accepted: a number in [0, 4], "
        "such as 3,41 or 3.41)\n"
        "long.csv:3:2: error: unit 'L2': item A.1: '%.80s…' is not an answer on scale ya_tidak (accepted: "
        "Ya, "
        "Tidak)\n",
        digits, label);
    ck_assert_msg(strncmp(r.diag, want, strlen(want)) == 0, "%s", r.diag);
    const char *rest = r.diag;
    for (int i = 0; i < 20; i++) {
        rest = strchr(rest, '\n');
        ck_assert_ptr_nonnull(rest);
        rest++;
    }
    ck_assert_str_eq(rest, "zirun: 5 more unit errors not shown here (every error is in the report)\n"
                           "zirun: long.csv: 25 units, 0 scored, 25 with errors\n");
    result_free(&r);
    zi_buf_free(&t);
}
END_TEST

/* ---- Bytes that are not text --------------------------------------------------------------------------- */

START_TEST(nul_bytes_and_invalid_utf8)
{
    /* A NUL or an escape in a cell is shown escaped in the message (it would cut the message short, or reach
     * the terminal); an id that is not UTF-8 is read as Windows-1252 (cp1252.c), with a warning. */
    static const char csv[] = "unit,A.1,A.\0002,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2\n"
                              "U\xff"
                              "1,Ya,A,10,10,100%,A,Ya,Ya,3.80,A\n"
                              "U2,Y\0a,A,10,10,100%,A,Ya,Ya,3.80,A\n"
                              "U3,\x1b[2J,A,10,10,100%,A,Ya,Ya,3.80,A\n";
    struct result r = run(text_stream(csv, sizeof csv - 1), "bytes.csv", ZI_DATA_AUTO, ZI_REPORT_JSON);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "bytes.csv:1: warning: 1 unknown column: 'A.\\x002' (ignored)\n"
                   "bytes.csv:1: warning: 1 input has no column: 'A.2' (counted as missing answers)\n"
                   "bytes.csv:2:1: warning: the unit id 'U\\xff1' is not UTF-8 text: read as Windows-1252, "
                   "'U\xc3\xbf"
                   "1', as is every such id in this file (save it from Excel as CSV UTF-8 to avoid this)\n"
                   "bytes.csv:3:2: error: unit 'U2': item A.1: 'Y\\x00a' is not an answer on scale ya_tidak "
                   "(accepted: Ya, Tidak)\n"
                   "bytes.csv:4:2: error: unit 'U3': item A.1: '\\x1b[2J' is not an answer on scale "
                   "ya_tidak (accepted: Ya, Tidak)\n"
                   "zirun: bytes.csv: 3 units, 1 scored, 2 with errors\n");
    expect_out(r, "{\"id\":\"U\xc3\xbf"
                  "1\",\"row\":2,\"status\":\"ok\"");
    result_free(&r);

    /* JSON: jansson refuses invalid UTF-8 and \u0000 in the unit that holds them. */
    static const char json[] = "{\"id\": \"J\xff\", \"answers\": {}}\n"
                               "{\"id\": \"J2\", \"answers\": {\"A.1\": \"Y\\u0000a\"}}\n"
                               "{\"id\": \"J3\", \"answers\": {\"A.1\": \"Y\x00"
                               "a\"}}\n";
    r = run(text_stream(json, sizeof json - 1), "bytes.jsonl", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "bytes.jsonl:1: error: unit '': invalid JSON: unable to decode byte 0xff near '\"J'\n"
                   "bytes.jsonl:2: error: unit '': invalid JSON: \\u0000 is not allowed without "
                   "JSON_ALLOW_NUL near '\"Y\\u0000a\"'\n"
                   "bytes.jsonl:3: error: unit '': invalid JSON: control character 0x0 near '\"Y'\n"
                   "zirun: bytes.jsonl: 3 units, 0 scored, 3 with errors\n");
    result_free(&r);
}
END_TEST

/* ---- JSON: repeated keys, deep nesting ----------------------------------------------------------------- */

START_TEST(json_repeated_keys_and_deep_nesting)
{
    static const char json[] =
        "{\"units\": [\n"
        "{\"id\": \"D1\", \"answers\": {\"A.1\": \"Ya\", \"A.1\": \"Tidak\"}},\n"
        "{\"id\": \"D2\", \"answers\": {\"A.1\": \"Ya\", \"a.1\": \"Tidak\", \"A.7\": \"Ya\"}},\n"
        "{\"id\": \"D3\", \"id\": \"D4\", \"answers\": {}}\n"
        "]}\n";
    struct result r = run(text_stream(json, sizeof json - 1), "keys.json", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "keys.json:2: error: unit 'D1': invalid JSON: duplicate object key near '\"A.1\"'\n"
                   "keys.json:3: error: unit 'D2': item A.1: answered more than once (again as 'a.1')\n"
                   "keys.json:4: error: unit 'D4': invalid JSON: duplicate object key near '\"id\"'\n"
                   "zirun: keys.json: 3 units, 0 scored, 3 with errors\n");
    result_free(&r);

    /* The document's own keys: a second "units" array stops the run after the first one's units. */
    static const char twice[] = "{\"units\": [{\"id\": \"A\", \"answers\": {\"A.7\": \"Ya\"}}],\n"
                                " \"units\": [{\"id\": \"B\", \"answers\": {\"A.7\": \"Ya\"}}]}\n";
    r = run(text_stream(twice, sizeof twice - 1), "twice.json", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r, "zirun: twice.json: line 2: a second \"units\" key in the JSON document\n");
    ck_assert_uint_eq(r.st.units, 1);
    result_free(&r);

    /* An answer nested a million deep: jansson stops at its depth limit (2048), in that unit only. */
    r = run(generated("[{\"id\": \"N1\", \"answers\": {\"A.1\": ", "[", MB, ""), "deep.json", ZI_DATA_AUTO,
            ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r, "zirun: deep.json: line 1: the JSON document ends inside a unit\n");
    result_free(&r);

    struct zi_buf t;
    zi_buf_init(&t);
    zi_buf_puts(&t, "[{\"id\": \"N1\", \"answers\": {\"A.1\": ");
    for (unsigned i = 0; i < MB; i++)
        zi_buf_putc(&t, '[');
    for (unsigned i = 0; i < MB; i++)
        zi_buf_putc(&t, ']');
    zi_buf_puts(&t, "}},\n{\"id\": \"N2\", \"answers\": {\"A.1\": \"Ya\", \"A.7\": \"Ya\"}}]\n");
    r = run(text_stream(t.p, t.len), "deep.json", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "deep.json:1: error: unit '': invalid JSON: maximum parsing depth reached near '['\n"
                   "zirun: deep.json: 2 units, 1 scored, 1 with errors\n");
    result_free(&r);

    /* The document itself nested a million deep: each element is a unit that is not an object. */
    t.len = 0;
    for (unsigned i = 0; i < MB; i++)
        zi_buf_putc(&t, '[');
    for (unsigned i = 0; i < MB; i++)
        zi_buf_putc(&t, ']');
    r = run(text_stream(t.p, t.len), "deep.json", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "deep.json:1: error: unit '': invalid JSON: maximum parsing depth reached near '['\n"
                   "zirun: deep.json: 1 units, 0 scored, 1 with errors\n");
    result_free(&r);
    zi_buf_free(&t);
}
END_TEST

/* ---- Truncated files ----------------------------------------------------------------------------------- */

/* Every prefix of a valid file: never a crash; the report holds every unit read, each complete or with an
 * error; the status is one of zirun's. */
static void every_prefix(const char *name, size_t *n_failed)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ZI_DATA_DIR, name);
    size_t len;
    char *text = slurp(path, &len);
    ck_assert_ptr_nonnull(text);
    for (size_t cut = 0; cut <= len; cut += scale()) {
        struct result r = run(text_stream(text, cut), name, ZI_DATA_AUTO, ZI_REPORT_CSV);
        ck_assert_msg(r.rc >= ZI_RUN_OK && r.rc <= ZI_RUN_FAILED, "%s cut at %zu: status %d", name, cut,
                      r.rc);
        ck_assert_uint_eq(r.st.units, r.st.scored + r.st.with_errors);
        *n_failed += r.rc == ZI_RUN_FAILED;
        result_free(&r);
    }
    free(text);
}

START_TEST(every_prefix_of_valid_files)
{
    size_t failed = 0;
    every_prefix("clean.csv", &failed);
    every_prefix("clean_long.csv", &failed);
    every_prefix("clean.jsonl", &failed);
    size_t json_failed = 0;
    every_prefix("clean.json", &json_failed);
    /* A JSON document cut anywhere but after its last brace is a broken structure. */
    ck_assert_uint_ge(json_failed, 1000 / scale());
    (void)failed;

    /* Three cuts with their exact report. */
    static const char csv[] = HEADER ROW("U01") "U02,Ya,A,10";
    struct result r = run(text_stream(csv, sizeof csv - 1), "cut.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "cut.csv:3: error: unit 'U02': malformed row: 4 fields, but the header has 11\n"
                   "zirun: cut.csv: 2 units, 1 scored, 1 with errors\n");
    result_free(&r);
    static const char quoted[] = HEADER ROW("U01") "U02,Ya,A,10,10,100%,A,Ya,Ya,\"3,8";
    r = run(text_stream(quoted, sizeof quoted - 1), "cut.csv", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_UNIT_ERRORS);
    expect_diag(r, "cut.csv:3: error: unit 'U02': malformed row: a quoted field is not closed\n"
                   "zirun: cut.csv: 2 units, 1 scored, 1 with errors\n");
    result_free(&r);
    static const char json[] =
        "{\"units\": [{\"id\": \"U01\", \"answers\": {\"A.7\": \"Ya\"}}, {\"id\": \"U02\", \"ans";
    r = run(text_stream(json, sizeof json - 1), "cut.json", ZI_DATA_AUTO, ZI_REPORT_CSV);
    ck_assert_int_eq(r.rc, ZI_RUN_FAILED);
    expect_diag(r, "zirun: cut.json: line 1: the JSON document ends inside a unit\n");
    ck_assert_uint_eq(r.st.units, 1);
    result_free(&r);
}
END_TEST

/* ---- Findings of the fuzz targets (fuzz/README.md) --------------------------------------------------- */

/* fuzz_answer: a JSON number from 1e16 to 1e17 (an integer above 2^53) made the shortest-decimal printer read
 * pow5[-1] when it quoted the number in a message; such numbers now print exactly, in plain digits. */
START_TEST(printing_numbers_from_1e16_to_1e17)
{
    static const double edges[] = {
        9007199254740992.0,  9007199254740994.0,  9999999999999998.0,     1e16,
        10000000000000002.0, 18014398509481984.0, 36028797018963968.0,    72057594037927936.0,
        12345678901234568.0, 99999999999999984.0, 4846791580151137.0 * 4, 0x1.0000000000001p56};
    uint64_t state = 7;
    for (int i = 0; i < 200000 / (int)scale(); i++) {
        double x;
        if (i < (int)(sizeof edges / sizeof edges[0])) {
            x = edges[i];
        } else {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            x = 9007199254740992.0 + (double)(state >> 11) / 9007199254740992.0 * 9.1e16;
            if (x >= 1e17) continue;
        }
        char got[ZI_FMT_MAX], want[64];
        zi_fmt_shortest(i % 2 ? -x : x, got);
        ck_assert_msg(strtod(got, NULL) == (i % 2 ? -x : x) && !strchr(got, 'e'), "%.17g printed as %s", x,
                      got);
        int p = 1;
        while (snprintf(want, sizeof want, "%.*g", p, x), strtod(want, NULL) != x)
            p++;
        int digits = 0;
        for (const char *c = got; *c; c++)
            digits += *c >= '0' && *c <= '9';
        const char *z = got + strlen(got);
        while (z > got && z[-1] == '0') /* trailing zeros of an integer are not significant */
            z--, digits--;
        ck_assert_msg(digits == p, "%.17g printed as %s, but %d digits suffice (%s)", x, got, p, want);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hostile data");
    TCase *big = tcase_create("big");
    tcase_add_checked_fixture(big, setup, teardown);
    tcase_set_timeout(big, 600);
    tcase_add_test(big, hundred_megabyte_row);
    tcase_add_test(big, hundred_megabyte_header);
    tcase_add_test(big, hundred_megabyte_json_unit);
    tcase_add_test(big, quote_open_for_two_megabytes);
    tcase_add_test(big, hundred_thousand_columns);
    tcase_add_test(big, more_fields_than_the_reader_keeps);
    suite_add_tcase(s, big);
    TCase *values = tcase_create("values");
    tcase_add_checked_fixture(values, setup, teardown);
    tcase_set_timeout(values, 600);
    tcase_add_test(values, huge_infinite_and_denormal_numbers);
    tcase_add_test(values, numbers_for_inputs_without_a_range);
    tcase_add_test(values, long_cells_and_many_errors);
    tcase_add_test(values, nul_bytes_and_invalid_utf8);
    tcase_add_test(values, json_repeated_keys_and_deep_nesting);
    tcase_add_test(values, every_prefix_of_valid_files);
    suite_add_tcase(s, values);
    TCase *findings = tcase_create("fuzz findings");
    tcase_set_timeout(findings, 600);
    tcase_add_test(findings, printing_numbers_from_1e16_to_1e17);
    suite_add_tcase(s, findings);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
