/* test_answer.c — answer.c and names.c: every spelling of every kind of answer, every error message, and
 * how column names find inputs. */
#include <math.h>

#include "fixture.h"
#include "zirt.h"

static struct zi_loaded_module *lm;
static const struct zi_module *m;
static struct zi_answers *answers;
static struct zi_buf why;

static void load(const char *name)
{
    lm = fixture_load(name);
    m = zi_loaded_module_get(lm);
    answers = zi_answers_new(m);
    ck_assert_ptr_nonnull(answers);
    zi_buf_init(&why);
}

static void setup(void)
{
    load("fixture");
}

/* The module with facts (fixture_facts.c): grades, categories, a yes/no, a percent. */
static void setup_facts(void)
{
    load("facts");
}

static void teardown(void)
{
    zi_answers_free(answers);
    zi_module_unload(lm);
    zi_buf_free(&why);
}

static uint32_t input(const char *key)
{
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (strcmp(m->inputs[i].key, key) == 0) return i;
    ck_abort_msg("no input %s", key);
    return 0;
}

static double ok(const char *key, const char *cell)
{
    double v = -1;
    why.len = 0;
    enum zi_cell c = zi_answers_read_text(answers, input(key), cell, strlen(cell), &v, &why);
    ck_assert_msg(c == ZI_CELL_VALUE, "%s: '%s' should be read, got %d (%s)", key, cell, (int)c,
                  why.p ? why.p : "");
    return v;
}

static void missing(const char *key, const char *cell)
{
    double v;
    why.len = 0;
    ck_assert_msg(zi_answers_read_text(answers, input(key), cell, strlen(cell), &v, &why) == ZI_CELL_MISSING,
                  "%s: '%s' should be missing", key, cell);
}

static const char *bad(const char *key, const char *cell)
{
    double v;
    why.len = 0;
    enum zi_cell c = zi_answers_read_text(answers, input(key), cell, strlen(cell), &v, &why);
    ck_assert_msg(c == ZI_CELL_BAD, "%s: '%s' should be an error", key, cell);
    return why.p;
}

/* A scale answer reads as the label's number, 1-based: the code the batch stores (zi/module.h). */
START_TEST(scale_labels)
{
    ck_assert(ok("A.1", "Ya") == 1);
    ck_assert(ok("A.1", "ya") == 1);
    ck_assert(ok("A.1", " Ya ") == 1);
    ck_assert(ok("A.1", "YA") == 1);
    ck_assert(ok("A.1", "\tyA\t") == 1);
    ck_assert(ok("A.1", "Ya\xC2\xA0") == 1); /* a no-break space pasted from a spreadsheet */
    ck_assert(ok("A.1", "tidak") == 2);
    ck_assert(ok("A.2", "b") == 2);
    ck_assert(ok("A.2", " C") == 3);
    ck_assert_str_eq(bad("A.1", "Yaa"), "'Yaa' is not an answer on scale ya_tidak (accepted: Ya, Tidak)");
    ck_assert_str_eq(bad("A.2", "D"), "'D' is not an answer on scale abc (accepted: A, B, C)");
    ck_assert_str_eq(bad("A.1", "1"), "'1' is not an answer on scale ya_tidak (accepted: Ya, Tidak)");
}
END_TEST

START_TEST(missing_answers)
{
    const char *cells[] = {"", " ", "\t", "-", " - ", "NA", "na", "Na", "N/A", "n/a", " N/a "};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        missing("A.1", cells[i]);
        missing("B.1", cells[i]);
        missing("A.4", cells[i]);
        missing("A.3.perubahan", cells[i]);
    }
    ck_assert_int_eq(zi_cell_is_missing("NAN", 3), 0);
    ck_assert_int_eq(zi_cell_is_missing("--", 2), 0);
}
END_TEST

START_TEST(numbers)
{
    ck_assert(ok("B.1", "3,41") == 3.41);
    ck_assert(ok("B.1", "3.41") == 3.41);
    ck_assert(ok("B.1", " +3,5 ") == 3.5);
    ck_assert(ok("B.1", "4") == 4);
    ck_assert(ok("B.1", "0") == 0);
    ck_assert_str_eq(bad("B.1", "4,2"), "'4,2' is outside the range [0, 4]");
    ck_assert_str_eq(bad("B.1", "-0,1"), "'-0,1' is outside the range [0, 4]");
    ck_assert_str_eq(bad("B.1", "tiga"),
                     "'tiga' is not a number (accepted: a number in [0, 4], such as 3,41 or 3.41)");
    ck_assert_str_eq(bad("B.1", "87%"),
                     "'87%' is not a number (accepted: a number in [0, 4], such as 3,41 or 3.41)");
}
END_TEST

START_TEST(percentages)
{
    ck_assert(ok("A.4", "87%") == 0.87);
    ck_assert(ok("A.4", "87 %") == 0.87);
    ck_assert(ok("A.4", "87,5 %") == 0.875);
    ck_assert(ok("A.4", "87,5%") == 0.875);
    ck_assert(ok("A.4", "87") == 0.87);
    ck_assert(ok("A.4", "87,3") == 0.873);
    ck_assert(ok("A.4", "0.87") == 0.87);
    ck_assert(ok("A.4", "0,87") == 0.87);
    ck_assert(ok("A.4", "1") == 1);
    ck_assert(ok("A.4", "1%") == 0.01);
    ck_assert(ok("A.4", "100%") == 1);
    ck_assert(ok("A.4", "0") == 0);
    ck_assert_str_eq(bad("A.4", "101%"), "'101%' is outside the range [0%, 100%]");
    ck_assert_str_eq(bad("A.4", "150"), "'150' is outside the range [0%, 100%]");
    ck_assert_str_eq(
        bad("A.4", "banyak"),
        "'banyak' is not a percentage (accepted: a percentage in [0%, 100%], such as 87%, 87,5 %, 87 or "
        "0.87)");
}
END_TEST

START_TEST(counts)
{
    ck_assert(ok("A.3.perubahan", "12") == 12);
    ck_assert(ok("A.3.perubahan", "12,0") == 12);
    ck_assert(ok("A.3.perubahan", " 0 ") == 0);
    /* Issue 11: a count has no fraction, so one separator before three digits groups thousands, the way an
     * Indonesian worksheet writes a thousand; it is never a count a thousand times smaller. */
    ck_assert(ok("A.3.perubahan", "1.000") == 1000);
    ck_assert(ok("A.3.perubahan", "1,000") == 1000);
    ck_assert(ok("A.3.perubahan", "1.000,00") == 1000);
    ck_assert(ok("A.3.perubahan", "1.0") == 1);
    ck_assert(ok("A.3.perubahan", "1,00") == 1);
    ck_assert_str_eq(
        bad("A.3.perubahan", "12.500"),
        "'12.500' is outside the range [0, 1000] (read as 12500: a dot before three digits groups "
        "thousands)");
    ck_assert_str_eq(
        bad("A.3.perubahan", "1,234"),
        "'1,234' is outside the range [0, 1000] (read as 1234: a comma before three digits groups "
        "thousands)");
    ck_assert_str_eq(bad("A.3.perubahan", "1.2345"),
                     "'1.2345' is not a whole number (accepted: a whole number in [0, 1000], such as 12 or "
                     "1.250)");
    ck_assert(ok("A.3.perubahan", "1.000e0") == 1); /* with an exponent it is a decimal, as Excel writes */
    ck_assert_str_eq(
        bad("A.3.perubahan", "1,5"),
        "'1,5' is not a whole number (accepted: a whole number in [0, 1000], such as 12 or 1.250)");
    ck_assert_str_eq(
        bad("A.3.perubahan", "-2"),
        "'-2' is not a whole number (accepted: a whole number in [0, 1000], such as 12 or 1.250)");
    ck_assert_str_eq(bad("A.3.perubahan", "1001"), "'1001' is outside the range [0, 1000]");
    ck_assert_str_eq(
        bad("A.3.perubahan", "5%"),
        "'5%' is not a whole number (accepted: a whole number in [0, 1000], such as 12 or 1.250)");
}
END_TEST

static double num_ok(const char *key, double x)
{
    double v = -1;
    why.len = 0;
    ck_assert_msg(zi_answers_read_number(answers, input(key), x, &v, &why) == ZI_CELL_VALUE, "%s: %g", key,
                  x);
    return v;
}

static const char *num_bad(const char *key, double x)
{
    double v;
    why.len = 0;
    ck_assert_msg(zi_answers_read_number(answers, input(key), x, &v, &why) == ZI_CELL_BAD, "%s: %g", key, x);
    return why.p;
}

START_TEST(json_numbers)
{
    ck_assert(num_ok("B.1", 3.41) == 3.41);
    ck_assert(num_ok("A.4", 87) == 0.87);
    ck_assert(num_ok("A.4", 87.3) == 0.873); /* the same double as the text "87,3" */
    ck_assert(num_ok("A.4", 0.5) == 0.5);
    ck_assert(num_ok("A.4", 1) == 1);
    ck_assert(num_ok("A.3.perubahan", 7) == 7);
    ck_assert(num_ok("A.1", 1) == 1);   /* a label's value: the label Ya, number 1 */
    ck_assert(num_ok("A.2", 0.5) == 2); /* B */
    ck_assert_str_eq(num_bad("A.2", 0.7), "'0.7' is not an answer on scale abc (accepted: A, B, C)");
    ck_assert_str_eq(
        num_bad("A.3.perubahan", 2.5),
        "'2.5' is not a whole number (accepted: a whole number in [0, 1000], such as 12 or 1.250)");
    ck_assert_str_eq(num_bad("B.1", 5), "'5' is outside the range [0, 4]");
}
END_TEST

/* An in-memory descriptor with what the fixture lacks: a label with inner spaces, keys that differ only in
 * case. zi_answers and zi_names read only the tables. */
static const struct zi_scale_label nilai[] = {{"Sangat  Baik", 1, 0, 0}, {"Baik", 0.5, 0, 0}};
static const struct zi_input_desc odd_inputs[] = {
    {"X.a", "X.a", "first", "nilai", nilai, 2, ZI_INPUT_SCALE, 0, 1, ZI_ROLE_ANSWER, 0, 0, 1},
    {"X.A", "X.A", "second", "nilai", nilai, 2, ZI_INPUT_SCALE, 0, 2, ZI_ROLE_ANSWER, 1, 0, 1},
};
static const struct zi_output_desc odd_outputs[] = {
    {"total", 0, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 2},
    {"g.a", "X.a", "first", ZI_OUTPUT_ITEM, -1, 0, 1, 1},
    {"g.b", "X.A", "second", ZI_OUTPUT_ITEM, -1, 0, 1, 1},
};

START_TEST(label_spaces_and_case)
{
    struct zi_module odd = {0};
    odd.n_inputs = 2;
    odd.n_outputs = 3;
    odd.inputs = odd_inputs;
    odd.outputs = odd_outputs;
    struct zi_answers *a = zi_answers_new(&odd);
    double v = -1;
    ck_assert_int_eq(zi_answers_read_text(a, 0, "sangat baik", 11, &v, &why), ZI_CELL_VALUE);
    ck_assert(v == 1);
    ck_assert_int_eq(zi_answers_read_text(a, 0, "  SANGAT \t BAIK ", 16, &v, &why), ZI_CELL_VALUE);
    ck_assert(v == 1);
    ck_assert_int_eq(zi_answers_read_text(a, 0, "sangatbaik", 10, &v, &why), ZI_CELL_BAD);
    zi_answers_free(a);
    struct zi_names nm;
    ck_assert_int_eq(zi_names_init(&nm, &odd), 0);
    ck_assert_int_eq(zi_names_find(&nm, "X.a", 3), 0);
    ck_assert_int_eq(zi_names_find(&nm, "X.A", 3), 1);
    ck_assert_int_eq(zi_names_find(&nm, "x.a", 3), ZI_NAME_AMBIGUOUS);
    ck_assert_int_eq(zi_names_find(&nm, "g.b", 3), 1);
    zi_names_free(&nm);
}
END_TEST

static int32_t find(const struct zi_names *nm, const char *name)
{
    return zi_names_find(nm, name, strlen(name));
}

START_TEST(column_names)
{
    struct zi_names nm;
    ck_assert_int_eq(zi_names_init(&nm, m), 0);
    ck_assert_int_eq(find(&nm, "A.1"), (int32_t)input("A.1"));
    ck_assert_int_eq(find(&nm, "a.1"), (int32_t)input("A.1"));
    ck_assert_int_eq(find(&nm, " A.1 "), (int32_t)input("A.1"));
    ck_assert_int_eq(find(&nm, "pengungkit.pemenuhan.mp.tim"), (int32_t)input("A.1"));
    ck_assert_int_eq(find(&nm, "tim"), (int32_t)input("A.1"));
    ck_assert_int_eq(find(&nm, "TIM"), (int32_t)input("A.1"));
    ck_assert_int_eq(find(&nm, "IPAK"), (int32_t)input("B.1"));
    ck_assert_int_eq(find(&nm, "A.3.perubahan"), (int32_t)input("A.3.perubahan"));
    ck_assert_int_eq(find(&nm, "pengungkit.pemenuhan.pw.integrasi.terintegrasi"),
                     (int32_t)input("A.3.terintegrasi"));
    ck_assert_int_eq(find(&nm, "integrasi.perubahan"), (int32_t)input("A.3.perubahan"));
    ck_assert_int_eq(find(&nm, "A.3"), ZI_NAME_UNKNOWN); /* a score item has two inputs: name one */
    ck_assert_int_eq(find(&nm, "mp"), ZI_NAME_UNKNOWN);  /* a group, not an input */
    ck_assert_int_eq(find(&nm, "Catatan"), ZI_NAME_UNKNOWN);
    zi_names_free(&nm);
}
END_TEST

/* The fast path of a wide column (zi_cell_fast) against the full rules, on every input of a fixture: a
 * cell it decides must be decided the same way, to the bit; common cells must be decided by it. */
static void fast_agrees(uint32_t i, const struct zi_column_reader *cr, const char *cell, size_t len)
{
    char padded[64] = {0}; /* zi_cell_fast loads 8 bytes at a time */
    ck_assert_uint_lt(len, sizeof padded - 8);
    memcpy(padded, cell, len);
    uint8_t codes[ZI_TILE * 16] = {0};
    double numbers[ZI_TILE * 16];
    ck_assert_uint_lt(m->n_code_columns, 16);
    ck_assert_uint_lt(m->n_number_columns, 16);
    numbers[(size_t)cr->column * ZI_TILE] = NAN;
    int fast = zi_cell_fast(cr, padded, len, codes, numbers);
    if (fast == ZI_CELL_SLOW) return;
    double v = -1;
    why.len = 0;
    enum zi_cell slow = zi_answers_read_text(answers, i, cell, len, &v, &why);
    ck_assert_msg((int)slow == fast, "input %s, cell '%.*s': fast path %d, full rules %d", m->inputs[i].key,
                  (int)len, cell, fast, (int)slow);
    if (fast != ZI_CELL_VALUE) return;
    if (zi_input_has_labels(m->inputs[i].kind)) {
        ck_assert_msg(codes[(size_t)cr->column * ZI_TILE] == (uint8_t)v,
                      "input %s, cell '%.*s': code %u, not %g", m->inputs[i].key, (int)len, cell,
                      codes[(size_t)cr->column * ZI_TILE], v);
    } else {
        double got = numbers[(size_t)cr->column * ZI_TILE];
        ck_assert_msg(memcmp(&got, &v, sizeof v) == 0, "input %s, cell '%.*s': %.17g, not %.17g",
                      m->inputs[i].key, (int)len, cell, got, v);
    }
}

/* Random cells per input: 20,000, divided by ZI_TEST_SCALE (8 under ASan, 16 under valgrind), whose passes
 * look for memory errors, not for cells the first pass already showed to agree. */
static int random_cells(void)
{
    const char *s = getenv("ZI_TEST_SCALE");
    int scale = s ? atoi(s) : 1;
    return 20000 / (scale > 1 ? scale : 1);
}

START_TEST(fast_path_agrees)
{
#define CELL(text)                                                                                           \
    {                                                                                                        \
        text, sizeof text - 1                                                                                \
    } /* with the NUL bytes inside it */
    static const struct {
        const char *p;
        size_t len;
    } cells[] = {CELL(""),
                 CELL("Ya"),
                 CELL("ya"),
                 CELL("YA"),
                 CELL(" Ya"),
                 CELL("Ya "),
                 CELL("yA\t"),
                 CELL("Tidak"),
                 CELL("tidak"),
                 CELL("na"),
                 CELL("NA"),
                 CELL("n/a"),
                 CELL("-"),
                 CELL("a"),
                 CELL("B"),
                 CELL("e"),
                 CELL("3,41"),
                 CELL("3.41"),
                 CELL("0"),
                 CELL("00"),
                 CELL("007"),
                 CELL("1"),
                 CELL("100"),
                 CELL("87"),
                 CELL("87,5"),
                 CELL("0.87"),
                 CELL("0,5"),
                 CELL("1.5"),
                 CELL("1,"),
                 CELL(",5"),
                 CELL(".5"),
                 CELL("1.2.3"),
                 CELL("1,2.3"),
                 CELL("1e3"),
                 CELL("87%"),
                 CELL("-1"),
                 CELL("+1"),
                 CELL("1 000"),
                 CELL("1.000"),
                 CELL("3.4\0"),
                 CELL("Y\0"),
                 CELL("ya\xc2\xa0"),
                 CELL("\xc2\xa0ya"),
                 CELL("1e400"),
                 CELL("4.0000001"),
                 CELL("12345678.123"),
                 CELL("999999999999999"),
                 CELL("9999999999999999"),
                 CELL("0.999999999999999")};
#undef CELL
    uint64_t state = 0x853c49e6748fea9bull;
    static const char alphabet[] = "0123456789.,-+% eEaAyYtTiIdDkKbBcC\t\xc2\xa0/\0";
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        struct zi_column_reader cr;
        zi_answers_column_reader(answers, (int32_t)i, &cr);
        for (size_t k = 0; k < sizeof cells / sizeof *cells; k++)
            fast_agrees(i, &cr, cells[k].p, cells[k].len);
        for (uint32_t l = 0; l < m->inputs[i].n_labels; l++) {
            const char *label = m->inputs[i].labels[l].label;
            char upper[64];
            size_t n = strlen(label) < sizeof upper ? strlen(label) : sizeof upper - 1;
            for (size_t c = 0; c < n; c++)
                upper[c] = (char)(label[c] >= 'a' && label[c] <= 'z' ? label[c] - 32 : label[c]);
            fast_agrees(i, &cr, label, n);
            fast_agrees(i, &cr, upper, n);
        }
        for (int r = 0, n = random_cells(); r < n; r++) {
            char cell[24];
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            size_t len = (size_t)(state >> 60) % 12;
            for (size_t c = 0; c < len; c++) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                cell[c] = alphabet[(state >> 33) % (sizeof alphabet - 1)];
            }
            fast_agrees(i, &cr, cell, len);
        }
    }
}
END_TEST

/* The cells a worksheet is made of are decided by the fast path, not merely allowed to be. */
START_TEST(fast_path_takes_common_cells)
{
    char padded[16];
    uint8_t codes[ZI_TILE * 16] = {0};
    double numbers[ZI_TILE * 16];
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        struct zi_column_reader cr;
        zi_answers_column_reader(answers, (int32_t)i, &cr);
        const struct zi_input_desc *d = &m->inputs[i];
        const char *cell = zi_input_has_labels(d->kind) ? d->labels[0].label
                           : d->kind == ZI_INPUT_COUNT  ? "1"
                                                        : "0,5";
        if (zi_input_has_labels(d->kind) && strlen(cell) > 8) continue;
        memset(padded, 0, sizeof padded);
        memcpy(padded, cell, strlen(cell));
        ck_assert_msg(zi_cell_fast(&cr, padded, strlen(cell), codes, numbers) == ZI_CELL_VALUE,
                      "input %s: '%s' took the slow path", d->key, cell);
        ck_assert_int_eq(zi_cell_fast(&cr, padded, 0, codes, numbers), ZI_CELL_MISSING);
    }
}
END_TEST

/* A fact's cell reads as the number of the spelling typed (any of its value's spellings, as scale labels
 * are matched); a wrong one names the fact's values, each with its other spellings. */
START_TEST(fact_cells)
{
    ck_assert(ok("instansi.opini", "WTP") == 1);
    ck_assert(ok("instansi.opini", " wajar  tanpa pengecualian ") == 2);
    ck_assert(ok("instansi.opini", "disclaimer") == 6);
    ck_assert(ok("instansi.sakip", "b") == 2);
    ck_assert(ok("unit.layanan", "Rumah Sakit Umum Daerah") == 2);
    const char *yes[] = {"Ya", "y", "YES", "TRUE", "true", "BENAR", "1"};
    const char *no[] = {"tidak", "T", "no", "FALSE", "Salah", "0"};
    for (size_t k = 0; k < sizeof yes / sizeof *yes; k++)
        ck_assert(m->inputs[input("unit.inti")].labels[(uint32_t)ok("unit.inti", yes[k]) - 1].value == 1);
    for (size_t k = 0; k < sizeof no / sizeof *no; k++)
        ck_assert(m->inputs[input("unit.inti")].labels[(uint32_t)ok("unit.inti", no[k]) - 1].value == 0);
    ck_assert(ok("unit.tlhp", "100%") == 1);
    missing("instansi.opini", "-");
    missing("unit.inti", "NA");
    ck_assert_str_eq(
        bad("instansi.opini", "WTX"),
        "'WTX' is not a value of opini (accepted: WTP (Wajar Tanpa Pengecualian), WDP (Wajar Dengan "
        "Pengecualian), TMP (Disclaimer))");
    ck_assert_str_eq(bad("instansi.sakip", "D"), "'D' is not a value of nilai (accepted: A, B, C)");
    ck_assert_str_eq(bad("unit.inti", "2"),
                     "'2' is not a value for a yes/no fact (accepted: Ya (Y, Yes, True, "
                     "Benar, 1), Tidak (T, No, False, Salah, 0))");
    /* A JSON number is a fact's value only when a spelling is that number: ranks are not typed. */
    ck_assert(num_ok("unit.inti", 1) == 11);
    ck_assert_str_eq(num_bad("instansi.sakip", 2), "'2' is not a value of nilai (accepted: A, B, C)");
    ck_assert(num_ok("unit.tlhp", 100) == 1);
}
END_TEST

/* Facts are named by their keys, in any case; the answers keep their names. */
START_TEST(fact_names)
{
    struct zi_names nm;
    ck_assert_int_eq(zi_names_init(&nm, m), 0);
    ck_assert_int_eq(find(&nm, "instansi.opini"), (int32_t)input("instansi.opini"));
    ck_assert_int_eq(find(&nm, "UNIT.TLHP"), (int32_t)input("unit.tlhp"));
    ck_assert_int_eq(find(&nm, "opini"), ZI_NAME_UNKNOWN);
    ck_assert_int_eq(find(&nm, "kinerja.tim"), (int32_t)input("A.1"));
    zi_names_free(&nm);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime answers");
    TCase *tc = tcase_create("answers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, scale_labels);
    tcase_add_test(tc, missing_answers);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, percentages);
    tcase_add_test(tc, counts);
    tcase_add_test(tc, json_numbers);
    tcase_add_test(tc, label_spaces_and_case);
    tcase_add_test(tc, column_names);
    tcase_add_test(tc, fast_path_agrees);
    tcase_add_test(tc, fast_path_takes_common_cells);
    TCase *facts = tcase_create("facts");
    tcase_add_checked_fixture(facts, setup_facts, teardown);
    tcase_add_test(facts, fact_cells);
    tcase_add_test(facts, fact_names);
    tcase_add_test(facts, fast_path_agrees);
    tcase_add_test(facts, fast_path_takes_common_cells);
    suite_add_tcase(s, facts);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
