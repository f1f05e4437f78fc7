/* test_report.c — explain.c (how failed conditions and lost points read), out.c (JSON and CSV escaping)
 * and idset.c (duplicate ids across growth), on small in-memory inputs. */
#include <math.h>

#include "fixture.h"
#include "report/html.h"
#include "zirt.h"

/* Conditions of every operator, on an in-memory descriptor: zi_explain_condition reads only the tables. */
static const struct zi_output_desc outs[] = {
    {"total", 0, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 100},
    {"area.mp", 0, "Manajemen Perubahan", ZI_OUTPUT_VIEW, -1, 0, 1, 8},
    {"g.a", "A.1", "Pertanyaan satu", ZI_OUTPUT_ITEM, -1, 0, 1, 4},
    {"g.b", "A.2", "Pertanyaan dua", ZI_OUTPUT_ITEM, -1, 0, 1, 4},
    {"g.c", "A.3", "Pertanyaan tiga", ZI_OUTPUT_ITEM, -1, 0, 1, 2},
};
static const struct zi_condition_desc conds[] = {
    {"total >= 75", "total", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, 0, -1, 0, 0},
    {"area.mp >= 60%", "Area MP", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, 1, -1, 8, 0.6},
    {"total > 75", "total", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GT, 0, -1, 0, 0},
    {"x <= 3", "x", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_LE, -1, -1, 0, 0},
    {"x < 3", "x", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_LT, -1, -1, 0, 0},
    {"x == 3", "x", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_EQ, -1, -1, 0, 0},
    {"x != 3", "x", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_NE, -1, -1, 0, 0},
    {"a and b", "a and b", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_BOOL, -1, -1, 0, 0},
    {"area.mp >= 62.5%", "area.mp", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, 1, -1, 8, 0.625},
};

static struct zi_module mod(void)
{
    struct zi_module m = {0};
    m.n_outputs = sizeof outs / sizeof outs[0];
    m.n_conditions = sizeof conds / sizeof conds[0];
    m.outputs = outs;
    m.conditions = conds;
    return m;
}

static void says_in(enum zi_lang lang, uint32_t c, double l, double r, char point, const char *want,
                    double want_shortfall)
{
    struct zi_module m = mod();
    struct zi_failure f = {0, c, l, r};
    struct zi_buf o;
    zi_buf_init(&o);
    double shortfall;
    zi_explain_condition(&o, &m, &f, point, lang, &shortfall);
    ck_assert_str_eq(o.p, want);
    if (isnan(want_shortfall))
        ck_assert(isnan(shortfall));
    else
        ck_assert_msg(fabs(shortfall - want_shortfall) < 1e-12, "shortfall %.17g, want %.17g", shortfall,
                      want_shortfall);
    zi_buf_free(&o);
}

static void says(uint32_t c, double l, double r, char point, const char *want, double want_shortfall)
{
    says_in(ZI_LANG_ID, c, l, r, point, want, want_shortfall);
}

START_TEST(condition_texts)
{
    says(0, 72.5, 75, ',', "total: 72,50 dari 100,00, minimal 75,00, kurang 2,50", 2.5);
    says_in(ZI_LANG_EN, 0, 72.5, 75, '.', "total: 72.50 of 100.00, at least 75.00, short by 2.50", 2.5);
    /* Two decimals would hide the failure: as many as it takes. */
    says(0, 74.996, 75, ',', "total: 74,996 dari 100,00, minimal 75,000, kurang 0,004", 75 - 74.996);
    says(0, 74.99999, 75, ',', "total: 74,99999 dari 100,00, minimal 75,00000, kurang 0,00001",
         75 - 74.99999);
    /* A share of a weight: the share it has, the one it needs. */
    says(1, 4.5, 4.8, ',', "Area MP: 4,50 dari 8,00 = 56,2%, minimal 60% = 4,80, kurang 0,30", 4.8 - 4.5);
    says_in(ZI_LANG_EN, 1, 4.5, 4.8, '.', "Area MP: 4.50 of 8.00 = 56.2%, at least 60% = 4.80, short by 0.30",
            4.8 - 4.5);
    says(8, 4.5, 5, ',', "area.mp: 4,50 dari 8,00 = 56,2%, minimal 62,5% = 5,00, kurang 0,50", 0.5);
    says(2, 75, 75, ',', "total: 75,00 dari 100,00, harus lebih dari 75,00", 0);
    says(2, 74, 75, ',', "total: 74,00 dari 100,00, harus lebih dari 75,00, kurang 1,00", 1);
    says(3, 3.41, 3, ',', "x: 3,41, paling tinggi 3,00, lebih 0,41", 3.41 - 3);
    says_in(ZI_LANG_EN, 3, 3.41, 3, '.', "x: 3.41, at most 3.00, over by 0.41", 3.41 - 3);
    says(4, 3, 3, ',', "x: 3,00, harus kurang dari 3,00", 0);
    says(5, 2.5, 3, ',', "x: 2,50, harus 3,00, selisih 0,50", 0.5);
    says(6, 3, 3, ',', "x: 3,00, tidak boleh 3,00", NAN);
    says(7, 0, 1, ',', "a and b tidak terpenuhi", NAN);
    says_in(ZI_LANG_EN, 7, 0, 1, '.', "a and b does not hold", NAN);
}
END_TEST

START_TEST(top_losses)
{
    struct zi_module m = mod();
    struct zi_batch b;
    memset(&b, 0, sizeof b);
    b.cap = ZI_TILE;
    b.n_outputs = 5;
    /* One unit: output o of unit 0 is element o × ZI_TILE of the tiled buffer (zi/module.h). */
    double outputs[5 * ZI_TILE] = {0};
    const double unit0[] = {50, 3, 1, 3, 0};
    for (uint32_t o = 0; o < 5; o++)
        outputs[zi_tile_index(0, o, 5)] = unit0[o];
    b.outputs = outputs;
    struct zi_unit units[1] = {{.complete = 1}};
    b.units = units;
    uint32_t first_input[5];
    zi_explain_first_inputs(&m, first_input);
    struct zi_loss loss[5], lost[5];
    uint32_t n_lost = zi_explain_lost_items(&m, &b, 0, first_input, lost);
    ck_assert_uint_eq(n_lost, 3); /* in descriptor order */
    ck_assert_uint_eq(lost[0].output, 2);
    uint32_t n = zi_explain_losses(&m, lost, n_lost, loss, 5);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(loss[0].output, 2); /* 3 of 4 lost */
    ck_assert(loss[0].lost == 3);
    ck_assert_uint_eq(loss[1].output, 4); /* 2 of 2 lost */
    ck_assert_uint_eq(loss[2].output, 3); /* 1 of 4 lost */
    n = zi_explain_losses(&m, lost, n_lost, loss, 2);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(loss[1].output, 4);
}
END_TEST

/* The next verdict's failures first, nearest to passing first; the farther verdicts' after, as they were. */
START_TEST(next_step_order)
{
    struct zi_module m = mod();
    struct zi_failure f[] = {
        {0, 0, 60, 85},   /* verdict 0 (farther): total */
        {1, 0, 60, 75},   /* verdict 1 (next): 15 short of 75: 20% */
        {0, 1, 4, 6},     /* farther */
        {1, 1, 4.5, 4.8}, /* next: 0.3 short of 4.8: 6.25% */
        {1, 3, 3.41, 3},  /* next: 0.41 over 3: 13.7% */
    };
    ck_assert_uint_eq(zi_explain_order(&m, f, 5), 3);
    ck_assert_uint_eq(f[0].condition, 1);
    ck_assert_uint_eq(f[1].condition, 3);
    ck_assert_uint_eq(f[2].condition, 0);
    ck_assert_uint_eq(f[2].verdict, 1);
    ck_assert(f[3].verdict == 0 && f[3].condition == 0);
    ck_assert(f[4].verdict == 0 && f[4].condition == 1);
}
END_TEST

/* The items behind a view member (through the groups it adds up) that would recover the most, unanswered
 * ones marked. */
START_TEST(recover_through_a_view)
{
    static const struct zi_output_desc o[] = {
        {"total", 0, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 20},
        {"p", 0, "P", ZI_OUTPUT_GROUP, -1, 0, 1, 10},
        {"p.mp", 0, "MP", ZI_OUTPUT_GROUP, 1, 1, 1, 6},
        {"p.mp.a", "A.1", "Satu", ZI_OUTPUT_ITEM, 2, 2, 1, 3},
        {"p.mp.b", "A.2", "Dua", ZI_OUTPUT_ITEM, 2, 2, 1, 3},
        {"p.x", 0, "X", ZI_OUTPUT_GROUP, 1, 1, 1, 4},
        {"p.x.c", "A.3", "Tiga", ZI_OUTPUT_ITEM, 5, 2, 1, 4},
        {"area.mp", 0, "Area MP", ZI_OUTPUT_VIEW, -1, 0, 1, 6},
    };
    static const struct zi_view_part parts[] = {{7, 2}};
    static const struct zi_input_desc in[] = {
        {.key = "A.1", .item = 3, .kind = ZI_INPUT_NUMBER, .column = 0},
        {.key = "A.2", .item = 4, .kind = ZI_INPUT_NUMBER, .column = 1},
        {.key = "A.3", .item = 6, .kind = ZI_INPUT_NUMBER, .column = 2},
    };
    struct zi_module m = {0};
    m.n_outputs = 8;
    m.outputs = o;
    m.n_inputs = 3;
    m.inputs = in;
    m.n_view_parts = 1;
    m.view_parts = parts;
    struct zi_batch b;
    memset(&b, 0, sizeof b);
    b.cap = ZI_TILE;
    b.n_outputs = 8;
    b.n_numbers = 3;
    b.inputs = in;
    double outputs[8 * ZI_TILE] = {0}, numbers[3 * ZI_TILE] = {0};
    const double unit0[] = {3.5, 3.5, 3.5, 2, 0, 0, 0, 3.5}; /* A.2 unanswered, A.3 scored 0 */
    for (uint32_t k = 0; k < 8; k++)
        outputs[zi_tile_index(0, k, 8)] = unit0[k];
    numbers[zi_tile_index(0, 0, 3)] = 0.67;
    numbers[zi_tile_index(0, 1, 3)] = NAN;
    numbers[zi_tile_index(0, 2, 3)] = 0;
    b.outputs = outputs;
    b.numbers = numbers;
    struct zi_unit units[1] = {{.complete = 0}};
    b.units = units;
    uint32_t first_input[8];
    zi_explain_first_inputs(&m, first_input);
    struct zi_loss loss[3], lost[8];
    uint32_t n_lost = zi_explain_lost_items(&m, &b, 0, first_input, lost);
    uint32_t all, n = zi_explain_recover(&m, lost, n_lost, 7, loss, 3, &all);
    ck_assert_uint_eq(n, 2); /* A.3 is not in the area */
    ck_assert_uint_eq(all, 2);
    ck_assert_uint_eq(loss[0].output, 4);
    ck_assert(loss[0].unanswered && loss[0].lost == 3);
    ck_assert_uint_eq(loss[1].output, 3);
    ck_assert(!loss[1].unanswered && loss[1].lost == 1);
    n = zi_explain_recover(&m, lost, n_lost, 0, loss, 1, &all); /* the total: every item */
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(all, 3);
    ck_assert_uint_eq(loss[0].output, 6);
}
END_TEST

static char *rendered(void (*write)(struct zi_out *, const char *, size_t), const char *text, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/out.txt", ZI_TMP_DIR);
    FILE *f = fopen(path, "wb");
    struct zi_out o;
    ck_assert_int_eq(zi_out_init(&o, f), 0);
    write(&o, text, len);
    ck_assert_int_eq(zi_out_flush(&o), 0);
    zi_out_free(&o);
    fclose(f);
    return slurp(path, NULL);
}

static void json_is(const char *text, size_t len, const char *want)
{
    char *got = rendered(zi_out_json_string, text, len);
    ck_assert_str_eq(got, want);
    free(got);
}

static void csv_is(const char *text, const char *want)
{
    char *got = rendered(zi_out_csv_field, text, strlen(text));
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(escaping)
{
    json_is("Unit \"A\"\\B", 10, "\"Unit \\\"A\\\"\\\\B\"");
    json_is("a\nb\tc\x01", 6, "\"a\\nb\\tc\\u0001\"");
    json_is("Kantor Wilayah Jawa Timur — Dinas", 35, "\"Kantor Wilayah Jawa Timur — Dinas\"");
    json_is("bad \xff byte \xc3", 12, "\"bad \xEF\xBF\xBD byte \xEF\xBF\xBD\"");
    json_is("\xed\xa0\x80", 3,
            "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* a UTF-16 surrogate is not UTF-8 */
    csv_is("U01", "U01");
    csv_is("Unit, Jakarta", "\"Unit, Jakarta\"");
    csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
    csv_is(" padded", "\" padded\"");
    csv_is("a;b", "\"a;b\"");
    csv_is("#5", "\"#5\""); /* not a comment line for a reader that drops the report's last line */
    csv_is("Unit #5", "\"Unit #5\"");
    csv_is("", "");
    ck_assert_uint_eq(zi_utf8_width("Dinas — Jatim", 15), 13);
}
END_TEST

static void html_is(const char *text, size_t len, const char *want)
{
    char *got = rendered(zi_html_text, text, len);
    ck_assert_str_eq(got, want);
    free(got);
}

static void number_id(struct zi_out *o, const char *text, size_t len)
{
    (void)len;
    zi_html_number(o, strtod(text, NULL), 2, ZI_LANG_ID);
}

static void number_en(struct zi_out *o, const char *text, size_t len)
{
    (void)len;
    zi_html_number(o, strtod(text, NULL), 2, ZI_LANG_EN);
}

/* A bar of `text` (the value) over [0, 100], marks at 60 and at -5 (drawn at the bar's start). */
static void bar(struct zi_out *o, const char *text, size_t len)
{
    (void)len;
    struct zi_html_mark marks[] = {{60, "r1", "WBK \u2265 60"}, {-5, "r0", "<low>"}};
    zi_html_bar(o, strtod(text, NULL), 0, 100, "r0", marks, 2, "Area \"A\"");
}

START_TEST(html_pieces)
{
    html_is("<b>Unit \"A\" & 'B'</b>", 21, "&lt;b&gt;Unit &quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;");
    html_is("Dinas — Jatim\tx\ny", 19, "Dinas — Jatim\tx\ny");
    html_is("a\x01"
            "b\x7f\x00"
            "c",
            6, "abc"); /* control bytes are no text */
    html_is("bad \xff byte \xc3", 12, "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
    html_is("", 0, "");
    char *got = rendered(number_id, "87.5", 4);
    ck_assert_str_eq(got, "87,50");
    free(got);
    got = rendered(number_en, "87.5", 4);
    ck_assert_str_eq(got, "87.50");
    free(got);
    got = rendered(number_id, "nan", 3);
    ck_assert_str_eq(got, "\xE2\x80\x93");
    free(got);
    got = rendered(bar, "150", 3); /* past the end: a full bar */
    ck_assert_ptr_nonnull(strstr(got, "aria-label=\"Area &quot;A&quot;\""));
    ck_assert_ptr_nonnull(
        strstr(got, "<rect class=\"fill\" x=\"0\" y=\"4\" height=\"12\" width=\"1000.0\"/>"));
    ck_assert_ptr_nonnull(strstr(got, "x1=\"600.0\" x2=\"600.0\"><title>WBK \u2265 60</title>"));
    ck_assert_ptr_nonnull(strstr(got, "x1=\"0.0\" x2=\"0.0\"><title>&lt;low&gt;</title>"));
    free(got);
    got = rendered(bar, "nan", 3); /* no value: an empty track */
    ck_assert_ptr_null(strstr(got, "class=\"fill\""));
    free(got);
}
END_TEST

START_TEST(output_buffer_spills)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/big.txt", ZI_TMP_DIR);
    FILE *f = fopen(path, "wb");
    struct zi_out o;
    ck_assert_int_eq(zi_out_init(&o, f), 0);
    for (int i = 0; i < 200000; i++) {
        zi_out_u64(&o, (uint64_t)i);
        zi_out_char(&o, ',');
        zi_out_double(&o, i / 8.0);
        zi_out_char(&o, '\n');
    }
    ck_assert_int_eq(zi_out_flush(&o), 0);
    zi_out_free(&o);
    fclose(f);
    char *text = slurp(path, NULL);
    ck_assert_ptr_nonnull(strstr(text, "\n199999,24999.875\n"));
    ck_assert(strncmp(text, "0,0\n1,0.125\n2,0.25\n", 19) == 0);
    free(text);
}
END_TEST

START_TEST(duplicate_ids)
{
    struct zi_idset s;
    ck_assert_int_eq(zi_idset_init(&s), 0);
    char id[32];
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(id, sizeof id, "UNIT-%d", i);
        ck_assert_int_eq(zi_idset_add(&s, zi_hash_bytes(id, (size_t)n), (uint64_t)i + 2, NULL), 0);
    }
    for (int i = 0; i < 200000; i += 997) {
        int n = snprintf(id, sizeof id, "UNIT-%d", i);
        uint64_t first = 0;
        ck_assert_int_eq(zi_idset_add(&s, zi_hash_bytes(id, (size_t)n), 999999, &first), 1);
        ck_assert_uint_eq(first, (uint64_t)i + 2);
    }
    ck_assert_int_eq(zi_idset_add(&s, zi_hash_bytes("UNIT-200000", 11), 5, NULL), 0);
    zi_idset_free(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, condition_texts);
    tcase_add_test(tc, top_losses);
    tcase_add_test(tc, next_step_order);
    tcase_add_test(tc, recover_through_a_view);
    tcase_add_test(tc, escaping);
    tcase_add_test(tc, html_pieces);
    tcase_add_test(tc, output_buffer_spills);
    tcase_add_test(tc, duplicate_ids);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
