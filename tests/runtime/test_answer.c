/* test_answer.c — answer.c and names.c: every spelling of every kind of answer, every error message, and
 * how column names find inputs. */
#include <math.h>

#include "fixture.h"
#include "zirt.h"

static struct zi_loaded_module *lm;
static const struct zi_module *m;
static struct zi_answers *answers;
static struct zi_buf why;

static void setup(void)
{
    lm = fixture_load("fixture");
    m = zi_loaded_module_get(lm);
    answers = zi_answers_new(m);
    ck_assert_ptr_nonnull(answers);
    zi_buf_init(&why);
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
    ck_assert(ok("A.3.perubahan", "1.000") == 1); /* one separator is a decimal one: 1,000 */
    ck_assert_str_eq(bad("A.3.perubahan", "1,5"),
                     "'1,5' is not a whole number (accepted: a whole number in [0, 1000])");
    ck_assert_str_eq(bad("A.3.perubahan", "-2"),
                     "'-2' is not a whole number (accepted: a whole number in [0, 1000])");
    ck_assert_str_eq(bad("A.3.perubahan", "1001"), "'1001' is outside the range [0, 1000]");
    ck_assert_str_eq(bad("A.3.perubahan", "5%"),
                     "'5%' is not a whole number (accepted: a whole number in [0, 1000])");
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
    ck_assert_str_eq(num_bad("A.3.perubahan", 2.5),
                     "'2.5' is not a whole number (accepted: a whole number in [0, 1000])");
    ck_assert_str_eq(num_bad("B.1", 5), "'5' is outside the range [0, 4]");
}
END_TEST

/* An in-memory descriptor with what the fixture lacks: a label with inner spaces, keys that differ only in
 * case. zi_answers and zi_names read only the tables. */
static const struct zi_scale_label nilai[] = {{"Sangat  Baik", 1}, {"Baik", 0.5}};
static const struct zi_input_desc odd_inputs[] = {
    {"X.a", "X.a", "first", "nilai", nilai, 2, ZI_INPUT_SCALE, 0, 1, 0, 0, 1},
    {"X.A", "X.A", "second", "nilai", nilai, 2, ZI_INPUT_SCALE, 0, 2, 1, 0, 1},
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
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
