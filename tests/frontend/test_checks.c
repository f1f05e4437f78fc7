/* test_checks.c — the semantic checks (compiler/check_*.c): every error and warning code of docs/language.md
 * §6 from E020 on, each at its line and column; the weight rules (each item's points, each group's mode); the
 * type rules; verdicts that can never hold, always hold or are shadowed; and "did you mean …?".
 *
 * Every source starts with HEAD (lines 1–3), so the lines of a test count from 4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "support.h"

#define HEAD                                                                                                 \
    "criteria uji \"Uji Zona Integritas\" {\n"                                                               \
    "  regulation \"PermenPANRB 90/2021\"\n"                                                                 \
    "  scale ya_tidak \"Ya/Tidak\" { \"Ya\" = 1, \"Tidak\" = 0 }\n"

/* A message contains `part`. */
#define EXPECT_MESSAGE(d, part)                                                                              \
    do {                                                                                                     \
        ck_assert_ptr_nonnull(d);                                                                            \
        ck_assert_msg(strstr((d)->message, (part)) != NULL, "message '%s' lacks '%s'", (d)->message,         \
                      (part));                                                                               \
    } while (0)

/* The first note of `d` is at line:col. */
static void expect_note_at(const struct zi_compilation *c, const struct zi_diagnostic *d, unsigned line,
                           unsigned col)
{
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_nonnull(d->notes);
    ck_assert(d->notes->has_span);
    unsigned l, k;
    zt_position(c, d->notes->span.begin, &l, &k);
    ck_assert_msg(l == line && k == col, "note '%s' at %u:%u, expected %u:%u", d->notes->message, l, k, line,
                  col);
}

/* ---- A clean file -------------------------------------------------------------------------------------- */

START_TEST(a_correct_file_has_no_diagnostic)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD
                         "  group pengungkit \"Komponen Pengungkit\" weight 60 {\n"
                         "    group pemenuhan weight 30 {\n"
                         "      question \"A.I.1.a\" \"Unit kerja telah membentuk tim\" : ya_tidak\n"
                         "    }\n"
                         "    group reform weight 30 {\n"
                         "      score \"A.II.1.a\" \"Agen perubahan\" {\n"
                         "        input perubahan : count\n"
                         "        input agen : count\n"
                         "        require perubahan >= 0\n"
                         "        = ratio(perubahan, agen, 0)\n"
                         "      }\n"
                         "    }\n"
                         "  }\n"
                         "  group hasil weight 40 {\n"
                         "    question \"B.I.a\" ipak \"IPAK\" : number in [0, 4] weight 40 = answer / 4\n"
                         "  }\n"
                         "  let inti = pengungkit + hasil\n"
                         "  verdict WBK { total >= 75\n inti >= 50\n hasil.ipak.answer >= 3.6 }\n"
                         "  otherwise BELUM\n"
                         "}\n"));
    zt_expect_clean(&c);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Declarations (check_decls.c) ---------------------------------------------------------------------- */

START_TEST(duplicate_names_are_E020)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD
               "  scale ya_tidak { \"Ya\" = 1 }\n"             /* 4 */
               "  scale number { \"A\" = 1 }\n"                /* 5 */
               "  group g weight 2 {\n"                        /* 6 */
               "    question \"A.1.a\" \"t\" : ya_tidak\n"     /* 7 */
               "    question \"A.2.a\" \"t\" : ya_tidak\n"     /* 8: also named 'a' */
               "    question \"A.3\" total \"t\" : ya_tidak\n" /* 9 */
               "    score \"A.4\" s \"t\" { input n : count input n : count input answer : count\n" /* 10 */
               "      = ratio(n, answer) }\n"                                                       /* 11 */
               "  }\n"                                                                              /* 12 */
               "  let g = 1\n"                                                                      /* 13 */
               "  let total = 2\n"                                                                  /* 14 */
               "  verdict V { g >= 1 }\n"                                                           /* 15 */
               "  verdict V { g >= 2 }\n"                                                           /* 16 */
               "  otherwise B\n"                                                                    /* 17 */
               "}\n");
    zt_expect(&c, "E020", 4, 9);
    expect_note_at(&c, zt_find(&c, "E020", 4, 9), 3, 9);
    EXPECT_MESSAGE(zt_find(&c, "E020", 4, 9), "scale 'ya_tidak' is already defined");
    zt_expect(&c, "E020", 5, 9);
    EXPECT_MESSAGE(zt_find(&c, "E020", 5, 9), "built-in answer type");
    zt_expect(&c, "E020", 8, 14); /* an item named after its code is reported at its code */
    expect_note_at(&c, zt_find(&c, "E020", 8, 14), 7, 14);
    zt_expect(&c, "E020", 9, 20);
    EXPECT_MESSAGE(zt_find(&c, "E020", 9, 20), "'total' is predefined");
    zt_expect(&c, "E020", 10, 47);
    zt_expect(&c, "E020", 10, 63);
    zt_expect(&c, "E020", 13, 7);
    expect_note_at(&c, zt_find(&c, "E020", 13, 7), 6, 9);
    zt_expect(&c, "E020", 14, 7);
    zt_expect(&c, "E020", 16, 11);
    zt_expect_count(&c, "E020", 9);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(duplicate_item_codes_and_data_keys_are_E021)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"                                          /* 4 */
                        "    question \"A.I.1.a\" \"t\" : ya_tidak\n"                     /* 5 */
                        "    question \"A.I.1.b\" \"t\" : ya_tidak\n"                     /* 6 */
                        "    question \"A.I.1.a\" c \"t\" : ya_tidak\n"                   /* 7 */
                        "    question \"\" d \"t\" : ya_tidak\n"                          /* 8 */
                        "    score \"A.I.1\" e \"t\" { input b : count = ratio(b, 1) }\n" /* 9: key A.I.1.b */
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E021", 7, 14);
    expect_note_at(&c, zt_find(&c, "E021", 7, 14), 5, 14);
    zt_expect(&c, "E021", 8, 14);
    EXPECT_MESSAGE(zt_find(&c, "E021", 8, 14), "empty item code");
    zt_expect(&c, "E021", 9, 33);
    EXPECT_MESSAGE(zt_find(&c, "E021", 9, 33), "data key 'A.I.1.b' is already used");
    expect_note_at(&c, zt_find(&c, "E021", 9, 33), 6, 14);
    zt_expect_count(&c, NULL, 3);
    zi_compilation_free(&c);
}
END_TEST

/* A repeated code is one slip: reported by the code the officer wrote (E021), never also by the name derived
 * from it ("item 'b' is already defined", E020), which the officer never wrote. An explicit name that repeats
 * is still E020. */
START_TEST(duplicate_code_is_not_also_a_duplicate_name)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"                        /* 4 */
                        "    question \"A.I.1.a\" \"t\" : ya_tidak\n"   /* 5 */
                        "    question \"A.I.1.b\" \"t\" : ya_tidak\n"   /* 6 */
                        "    question \"A.I.1.b\" \"t\" : ya_tidak\n"   /* 7 */
                        "    question \"A.I.1.c\" a \"t\" : ya_tidak\n" /* 8 */
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E021", 7, 14);
    EXPECT_MESSAGE(zt_find(&c, "E021", 7, 14), "item code 'A.I.1.b' is already used");
    zt_expect(&c, "E020", 8, 24);
    zt_expect_count(&c, NULL, 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(scale_values_outside_0_1_are_E024)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  scale skor { \"A\" = 1.5, \"B\" = 150%, \"C\" = -0.5, \"D\" = 100%, \"E\" = 0 }\n"
                        "  group g weight 1 { question \"1\" a \"t\" : skor }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E024", 4, 22);
    zt_expect(&c, "E024", 4, 33);
    zt_expect(&c, "E024", 4, 45);
    zt_expect_count(&c, NULL, 3 + 1 /* W101: ya_tidak is unused */);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(duplicate_scale_labels_are_E031)
{
    struct zi_compilation c;
    zt_compile(
        &c,
        "criteria uji {\n"
        "  regulation \"r\"\n"
        "  scale ya_tidak { \"Ya\" = 1, \"Tidak\" = 0, \" ya \" = 1, \"TIDAK\" = 0, \"\" = 0, \"  \" = 0 }\n"
        "  group g weight 1 { question \"1\" a \"t\" : ya_tidak }\n"
        "  verdict V { g >= 1 }\n"
        "  otherwise B\n"
        "}\n");
    zt_expect(&c, "E031", 3, 43); /* labels compare case- and space-insensitively */
    expect_note_at(&c, zt_find(&c, "E031", 3, 43), 3, 20);
    zt_expect(&c, "E031", 3, 55);
    expect_note_at(&c, zt_find(&c, "E031", 3, 55), 3, 30);
    zt_expect(&c, "E031", 3, 68); /* a blank label is a missing answer */
    zt_expect(&c, "E031", 3, 76);
    zt_expect_count(&c, NULL, 4);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(unknown_answer_type_is_E032_with_a_suggestion)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"
                        "    question \"1\" a \"t\" : ya_tidk\n"
                        "    question \"2\" b \"t\" : persen\n"
                        "    question \"3\" d \"t\" : xyz = 1\n"
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E032", 5, 26);
    EXPECT_MESSAGE(zt_find(&c, "E032", 5, 26), "unknown answer type 'ya_tidk'; did you mean 'ya_tidak'?");
    zt_expect(&c, "E032", 6, 26);
    EXPECT_MESSAGE(zt_find(&c, "E032", 6, 26), "did you mean 'percent'?");
    zt_expect(&c, "E032", 7, 26);
    ck_assert_ptr_null(strstr(zt_find(&c, "E032", 7, 26)->message, "did you mean"));
    /* Only E032, three times: an unknown type is not also "a numeric answer without an expression". */
    zt_expect_count(&c, "E032", 3);
    zt_expect_count(&c, "E041", 0);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(otherwise_missing_repeated_or_misplaced_is_E033)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 { question \"1\" a \"t\" : ya_tidak }\n"
                        "  verdict V { g >= 1 }\n"
                        "}\n");
    zt_expect_only(&c, "E033", 1, 10); /* at the criteria's name */
    zi_compilation_free(&c);

    zt_compile(&c, HEAD "  group g weight 1 { question \"1\" a \"t\" : ya_tidak }\n"
                        "  otherwise BELUM\n"
                        "  verdict WBK { g >= 1 }\n"
                        "  otherwise LAGI\n"
                        "}\n");
    zt_expect(&c, "E033", 6, 3);
    EXPECT_MESSAGE(zt_find(&c, "E033", 6, 3), "verdict 'WBK' comes after 'otherwise'");
    expect_note_at(&c, zt_find(&c, "E033", 6, 3), 5, 3);
    zt_expect(&c, "E033", 7, 3);
    EXPECT_MESSAGE(zt_find(&c, "E033", 7, 3), "more than one 'otherwise'");
    zt_expect_count(&c, NULL, 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(bad_ranges_are_E035)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"
                        "    question \"1\" a \"t\" : number in [4, 0] = 0\n"
                        "    question \"2\" b \"t\" : count in [-1, 10] = 0\n"
                        "    question \"3\" d \"t\" : percent in [0, 150%]\n"
                        "    question \"4\" e \"t\" : ya_tidak in [0, 1]\n"
                        "    question \"5\" f \"t\" : number in [-4, -1] = 0\n"
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E035", 5, 33);
    EXPECT_MESSAGE(zt_find(&c, "E035", 5, 33), "lower bound 4 is above the upper bound 0");
    zt_expect(&c, "E035", 6, 32);
    zt_expect(&c, "E035", 7, 34);
    zt_expect(&c, "E035", 8, 35);
    zt_expect_count(&c, "E035", 4);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(answer_outside_a_score_expression_is_E040)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD
               "  group g weight 1 {\n"
               "    question \"1\" a \"t\" : ya_tidak = answer * 0.5\n" /* a scale question may have one */
               "  }\n"
               "  let x = answer\n"
               "  verdict V { g >= 0.25\n x >= 1\n g.a.answer >= 50% }\n"
               "  otherwise B\n"
               "}\n");
    zt_expect_only(&c, "E040", 7, 11);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(numeric_question_or_score_without_expression_or_input_is_E041)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"
                        "    question \"1\" a \"IPAK\" : number in [0, 4]\n"
                        "    question \"2\" b \"t\" : count\n"
                        "    question \"3\" d \"t\" : percent\n" /* a percentage is its own score */
                        "    score \"4\" e \"t\" { = 1 }\n"
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E041", 5, 5);
    zt_expect(&c, "E041", 6, 5);
    zt_expect(&c, "E041", 8, 5);
    zt_expect_count(&c, "E041", 3);
    ck_assert_uint_eq(c.diag.n_errors, 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(score_expression_naming_outside_its_item_is_E042)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"
                        "    question \"1\" a \"t\" : number in [0, 4] = answer / 4 * total / 100\n"
                        "    score \"2\" b \"t\" { input n : count = ratio(n, g) }\n"
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E042", 5, 58);
    EXPECT_MESSAGE(zt_find(&c, "E042", 5, 58), "the score of '1' can use only its own answer, not 'total'");
    zt_expect(&c, "E042", 6, 50);
    EXPECT_MESSAGE(zt_find(&c, "E042", 6, 50), "can use only its own inputs, not 'g'");
    zt_expect_count(&c, "E042", 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(scale_of_more_than_255_labels_is_E044)
{
    /* 255 labels are fine; the 256th is reported once, where it stands. */
    struct {
        char *p;
        size_t len;
    } t = {malloc(1 << 16), 0};
    ck_assert_ptr_nonnull(t.p);
    t.len += (size_t)sprintf(t.p + t.len, "criteria c \"t\" {\n  regulation \"r\"\n  scale big {");
    for (int k = 0; k < 300; k++)
        t.len += (size_t)sprintf(t.p + t.len, " \"L%d\" = 0,", k);
    t.p[t.len - 1] = ' ';
    t.len += (size_t)sprintf(t.p + t.len, "}\n  group g weight 1 { question \"Q.1\" q \"t\" : big }\n"
                                          "  verdict V { g >= 1 }\n  otherwise B\n}\n");
    struct zi_compilation c;
    zt_compile(&c, t.p);
    zt_expect_count(&c, "E044", 1);
    EXPECT_MESSAGE(c.diag.first,
                   "scale 'big' has more than 255 labels; split the question, or use a number input");
    zi_compilation_free(&c);
    free(t.p);
}
END_TEST

START_TEST(code_without_an_identifier_for_a_name_is_E043)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"
                        "    question \"B.I.1\" \"t\" : ya_tidak\n"
                        "    question \"B.I.2\" dua \"t\" : ya_tidak\n"
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect_only(&c, "E043", 5, 14);
    EXPECT_MESSAGE(c.diag.first, "the code's last part '1' is not an identifier");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(groups_nested_more_than_64_deep_are_E011)
{
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "criteria k {\n  regulation \"r\"\n");
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "group g%d weight 1 {\n", i);
    n += (size_t)snprintf(text + n, sizeof text - n, "question \"1\" a \"t\" : percent\n");
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "}\n");
    snprintf(text + n, sizeof text - n, "otherwise B\n}\n");
    struct zi_compilation c;
    zt_compile(&c, text);
    zt_expect_only(&c, "E011", 67, 7); /* the 65th group, at its name */
    zi_compilation_free(&c);

    /* 64 levels are fine. */
    n = (size_t)snprintf(text, sizeof text, "criteria k {\n  regulation \"r\"\n");
    for (int i = 0; i < 64; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "group g%d weight 1 {\n", i);
    n += (size_t)snprintf(text + n, sizeof text - n, "question \"1\" a \"t\" : percent\n");
    for (int i = 0; i < 64; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "}\n");
    snprintf(text + n, sizeof text - n, "otherwise B\n}\n");
    ck_assert(zt_compile(&c, text));
    zt_expect_clean(&c);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(missing_regulation_is_W108_and_unused_scale_W101)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, "criteria uji {\n"
                             "  scale ya_tidak { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                             "  scale abc { \"A\" = 1, \"B\" = 0.5, \"C\" = 0 }\n"
                             "  group g weight 1 { question \"1\" a \"t\" : abc }\n"
                             "  verdict V { g >= 1 }\n"
                             "  otherwise B\n"
                             "}\n"));
    zt_expect(&c, "W108", 1, 10);
    zt_expect(&c, "W101", 2, 9);
    zt_expect_count(&c, NULL, 2);
    ck_assert_uint_eq(c.diag.n_warnings, 2);
    ck_assert_uint_eq(c.diag.n_errors, 0);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Weights (check_weights.c) ------------------------------------------------------------------------- */

START_TEST(absolute_weights_sum_to_the_group)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group pengungkit weight 60 {\n"
                                  "    group pemenuhan weight 30 {\n"
                                  "      question \"1\" a \"t\" : ya_tidak weight 12.5\n"
                                  "      question \"2\" b \"t\" : ya_tidak weight 17.5\n"
                                  "    }\n"
                                  "    group reform weight 30 { question \"3\" a \"t\" : ya_tidak }\n"
                                  "  }\n"
                                  "  group hasil weight 40 { question \"4\" a \"t\" : ya_tidak }\n"
                                  "  verdict V { total >= 75 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_clean(&c);
    const struct zi_group *pengungkit = c.criteria->groups->group;
    const struct zi_group *pemenuhan = pengungkit->members->group;
    ck_assert_int_eq(pengungkit->mode, ZI_GROUP_SUM);
    ck_assert_int_eq(pemenuhan->mode, ZI_GROUP_SUM);
    ck_assert_double_eq(pemenuhan->members->item->points, 12.5);
    ck_assert_double_eq(pemenuhan->members->next->item->points, 17.5);
    ck_assert_double_eq(c.criteria->total_weight, 100);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(unweighted_children_share_the_weight_equally)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group tim_kerja \"Penyusunan Tim Kerja\" weight 0.5 {\n"
                                  "    question \"A.I.1.i.a\" \"Unit kerja telah membentuk tim\" : ya_tidak\n"
                                  "    question \"A.I.1.i.b\" \"Anggota tim dipilih\" : ya_tidak\n"
                                  "    question \"A.I.1.i.c\" \"Tim bekerja\" : ya_tidak\n"
                                  "    question \"A.I.1.i.d\" \"Tim dievaluasi\" : ya_tidak\n"
                                  "  }\n"
                                  "  verdict V { tim_kerja >= 0.25 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_clean(&c);
    const struct zi_group *g = c.criteria->groups->group;
    ck_assert_int_eq(g->mode, ZI_GROUP_MEAN);
    for (const struct zi_member *m = g->members; m; m = m->next)
        ck_assert_double_eq_tol(m->item->points, 0.125, 1e-15);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(relative_weights_are_proportions)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group g weight 10 relative {\n"
                                  "    question \"1\" a \"t\" : ya_tidak weight 1\n"
                                  "    question \"2\" b \"t\" : ya_tidak weight 3\n"
                                  "  }\n"
                                  "  verdict V { g >= 5 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_clean(&c); /* 1 + 3 is not 10, and need not be */
    const struct zi_group *g = c.criteria->groups->group;
    ck_assert_int_eq(g->mode, ZI_GROUP_RELATIVE);
    ck_assert_double_eq_tol(g->members->item->points, 2.5, 1e-12);
    ck_assert_double_eq_tol(g->members->next->item->points, 7.5, 1e-12);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(weights_that_do_not_add_up_are_E025)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group pengungkit \"Komponen Pengungkit\" weight 60 {\n" /* 4 */
                        "    group pemenuhan weight 30 { question \"1\" a \"t\" : ya_tidak }\n"
                        "    group reform weight 29.5 { question \"2\" a \"t\" : ya_tidak }\n"
                        "  }\n"
                        "  group hasil weight 40 {\n" /* 8 */
                        "    question \"3\" a \"t\" : ya_tidak weight 22.5\n"
                        "    question \"4\" b \"t\" : ya_tidak weight 17.6\n"
                        "  }\n"
                        "  verdict V { total >= 75 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E025", 4, 49);
    EXPECT_MESSAGE(zt_find(&c, "E025", 4, 49),
                   "weights of the members of 'pengungkit' add up to 59.5, but 'pengungkit' has weight 60 "
                   "(short by 0.5)");
    zt_expect(&c, "E025", 8, 22);
    EXPECT_MESSAGE(zt_find(&c, "E025", 8, 22), "add up to 40.1, but 'hasil' has weight 40 (over by 0.1)");
    zt_expect_count(&c, "E025", 2);
    ck_assert_uint_eq(c.diag.n_errors, 2);
    /* The hint names the way out. */
    ck_assert_ptr_nonnull(zt_find(&c, "E025", 8, 22)->notes);
    ck_assert_msg(strstr(zt_find(&c, "E025", 8, 22)->notes->message, "weight 40 relative") != NULL, "hint");
    zi_compilation_free(&c);

    /* Floating-point noise is not a difference: 0.1 + 0.2 is 0.3. */
    ck_assert(zt_compile(&c, HEAD "  group g weight 0.3 {\n"
                                  "    question \"1\" a \"t\" : ya_tidak weight 0.1\n"
                                  "    question \"2\" b \"t\" : ya_tidak weight 0.2\n"
                                  "  }\n"
                                  "  verdict V { g >= 0.1 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zi_compilation_free(&c);
}
END_TEST

START_TEST(some_children_weighted_some_not_is_E026)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group hasil weight 40 {\n"
                        "    question \"B.1\" ipak \"IPAK\" : ya_tidak weight 20\n"
                        "    question \"B.2\" capaian \"Capaian\" : ya_tidak\n"
                        "    question \"B.3\" ipkp \"IPKP\" : ya_tidak weight 20\n"
                        "  }\n"
                        "  verdict V { total >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect_only(&c, "E026", 6, 5);
    expect_note_at(&c, c.diag.first, 5, 50);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(missing_or_non_positive_weight_is_E027)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group tanpa { question \"1\" a \"t\" : ya_tidak }\n"
                        "  group nol weight 0 { question \"2\" a \"t\" : ya_tidak weight 0 }\n"
                        "  verdict V { total >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E027", 4, 9);
    EXPECT_MESSAGE(zt_find(&c, "E027", 4, 9), "group 'tanpa' has no weight");
    zt_expect(&c, "E027", 5, 20);
    zt_expect(&c, "E027", 5, 61);
    EXPECT_MESSAGE(zt_find(&c, "E027", 5, 61), "item '2' must have a positive weight");
    zt_expect_count(&c, "E027", 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(empty_group_is_W107)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group g weight 10 {\n"
                                  "    group kosong \"Belum diisi\" weight 5 { }\n"
                                  "    group isi weight 5 { question \"1\" a \"t\" : ya_tidak }\n"
                                  "  }\n"
                                  "  verdict V { g >= 1 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_only(&c, "W107", 5, 11);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(views_need_the_same_children_E034)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group pengungkit weight 60 {\n"                                      /* 4 */
                        "    group pemenuhan weight 30 {\n"                                     /* 5 */
                        "      group mp weight 10 { question \"A.I.1.a\" \"t\" : ya_tidak }\n"  /* 6 */
                        "      group sdm weight 20 { question \"A.I.2.a\" \"t\" : ya_tidak }\n" /* 7 */
                        "    }\n"                                                               /* 8 */
                        "    group reform weight 30 {\n"                                        /* 9 */
                        "      group mp weight 10 { question \"A.II.1.a\" \"t\" : ya_tidak }\n" /* 10 */
                        "      group akuntabilitas weight 20 { question \"A.II.2.a\" \"t\" : ya_tidak }\n"
                        "    }\n"                                                           /* 12 */
                        "  }\n"                                                             /* 13 */
                        "  group hasil weight 40 { question \"B.1\" x \"t\" : ya_tidak }\n" /* 14 */
                        "  view area = pengungkit.pemenuhan + pengungkit.reform\n"          /* 15 */
                        "  view salah = hasil.x + pengungkit\n"                             /* 16 */
                        "  view hilang = pengungkit.tidak_ada + hasil\n"                    /* 17 */
                        "  verdict V { total >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E034", 15, 38);
    EXPECT_MESSAGE(zt_find(&c, "E034", 15, 38),
                   "'pengungkit.reform' has no member 'sdm', which 'pengungkit.pemenuhan' has");
    zt_expect(&c, "E034", 16, 16);
    EXPECT_MESSAGE(zt_find(&c, "E034", 16, 16), "'B.1' is not a group");
    zt_expect(&c, "E022", 17, 17);
    zt_expect_count(&c, NULL, 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(views_add_up_their_members)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group pengungkit weight 60 {\n"
                                  "    group pemenuhan weight 30 {\n"
                                  "      group mp weight 4 { question \"A.I.1.a\" \"t\" : ya_tidak }\n"
                                  "      group sdm weight 26 { question \"A.I.2.a\" \"t\" : ya_tidak }\n"
                                  "    }\n"
                                  "    group reform weight 30 {\n"
                                  "      group sdm weight 26 { question \"A.II.2.a\" \"t\" : ya_tidak }\n"
                                  "      group mp weight 4 { question \"A.II.1.a\" \"t\" : ya_tidak }\n"
                                  "    }\n"
                                  "  }\n"
                                  "  group hasil weight 40 { question \"B.1\" x \"t\" : ya_tidak }\n"
                                  "  view area \"Area\" = pengungkit.pemenuhan + pengungkit.reform\n"
                                  "  verdict V { area.mp >= 60%\n all area >= 50% }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_clean(&c);
    const struct zi_view *v = c.criteria->views;
    ck_assert_uint_eq(v->n_members, 2);
    ck_assert_str_eq(v->members[0].name.text, "mp"); /* in the order of the first group */
    ck_assert_double_eq(v->members[0].weight, 8);
    ck_assert_double_eq(v->members[1].weight, 52);
    /* area.mp >= 60% is 60% of the member's weight, 8. */
    const struct zi_expr *e = c.criteria->verdicts->conditions->expr;
    ck_assert(e->percent_of_weight);
    ck_assert_double_eq(e->weight, 8);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Names (check_names.c, check_lets.c) --------------------------------------------------------------- */

START_TEST(undefined_names_are_E022_with_did_you_mean)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group pengungkit weight 60 { question \"A.1\" tim \"t\" : ya_tidak }\n" /* 4 */
                        "  group hasil weight 40 {\n"                                              /* 5 */
                        "    group bersih weight 40 { question \"B.1\" ipak \"t\" : ya_tidak }\n"  /* 6 */
                        "  }\n"                                                                    /* 7 */
                        "  let inti = pengungkt + hasil.bersh + hasil.bersih.ipk.answer\n"         /* 8 */
                        "  verdict V {\n"                                                          /* 9 */
                        "    inti >= 1\n"                                                          /* 10 */
                        "    totl >= 75\n"                                                         /* 11 */
                        "    xyzzy >= 1\n"                                                         /* 12 */
                        "    hasil.bersih.ipak.jawaban >= 1\n"                                     /* 13 */
                        "    pengungkit.tim.answer.lagi >= 1\n"                                    /* 14 */
                        "  }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E022", 8, 14);
    EXPECT_MESSAGE(zt_find(&c, "E022", 8, 14), "unknown name 'pengungkt'; did you mean 'pengungkit'?");
    zt_expect(&c, "E022", 8, 32);
    EXPECT_MESSAGE(zt_find(&c, "E022", 8, 32), "'hasil' has no member 'bersh'; did you mean 'bersih'?");
    zt_expect(&c, "E022", 8, 53);
    EXPECT_MESSAGE(zt_find(&c, "E022", 8, 53), "'bersih' has no member 'ipk'; did you mean 'ipak'?");
    zt_expect(&c, "E022", 11, 5);
    EXPECT_MESSAGE(zt_find(&c, "E022", 11, 5), "did you mean 'total'?");
    zt_expect(&c, "E022", 12, 5);
    ck_assert_ptr_null(strstr(zt_find(&c, "E022", 12, 5)->message, "did you mean"));
    zt_expect(&c, "E022", 13, 23);
    EXPECT_MESSAGE(zt_find(&c, "E022", 13, 23), "'B.1' has no member 'jawaban'");
    zt_expect(&c, "E022", 14, 27);
    EXPECT_MESSAGE(zt_find(&c, "E022", 14, 27), "'answer' has no members, so no 'lagi'");
    zt_expect_count(&c, NULL, 7);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(names_inside_a_score_are_its_inputs)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 {\n"
                        "    score \"1\" a \"t\" {\n"
                        "      input perubahan : count\n"
                        "      input agen : count\n"
                        "      require perubahn <= agen\n"
                        "      = ratio(perubahan, agn)\n"
                        "    }\n"
                        "  }\n"
                        "  verdict V { g >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E022", 8, 15);
    EXPECT_MESSAGE(zt_find(&c, "E022", 8, 15), "no input named 'perubahn'; did you mean 'perubahan'?");
    zt_expect(&c, "E022", 9, 26);
    EXPECT_MESSAGE(zt_find(&c, "E022", 9, 26), "did you mean 'agen'?");
    zt_expect_count(&c, "E022", 2);
    ck_assert_uint_eq(c.diag.n_errors, 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(suggestions_are_within_edit_distance_2)
{
    static const char *const names[] = {"pengungkit", "hasil", "total", "area", "ipak"};
    struct zi_arena arena;
    zi_arena_init(&arena);
    ck_assert_str_eq(zi_suggest(&arena, "pengungkt", names, 5), "'pengungkit'");   /* 1 deletion */
    ck_assert_str_eq(zi_suggest(&arena, "pengungkitt", names, 5), "'pengungkit'"); /* 1 insertion */
    ck_assert_str_eq(zi_suggest(&arena, "pengunkgit", names, 5), "'pengungkit'");  /* 1 transposition */
    ck_assert_str_eq(zi_suggest(&arena, "pengunkgti", names, 5), "'pengungkit'");  /* 2 transpositions */
    ck_assert_str_eq(zi_suggest(&arena, "pengxngkxt", names, 5), "'pengungkit'");  /* 2 substitutions */
    ck_assert_ptr_null(zi_suggest(&arena, "pengukt", names, 5));                   /* 3 edits */
    ck_assert_str_eq(zi_suggest(&arena, "hasl", names, 5), "'hasil'");
    /* Below 4 characters only one edit is allowed. */
    ck_assert_str_eq(zi_suggest(&arena, "are", names, 5), "'area'");
    ck_assert_ptr_null(zi_suggest(&arena, "ar", names, 5));
    /* An exact match is not a suggestion. */
    ck_assert_ptr_null(zi_suggest(&arena, "total", names, 5));
    ck_assert_ptr_null(zi_suggest(&arena, "zzzzzzzz", names, 5));
    zi_arena_free(&arena);
}
END_TEST

/* `abdc` is one edit from both `abc` (a deletion) and `abcd` (a transposition): the slip that keeps every
 * letter wins, and candidates still tied are all listed rather than one picked at random. */
START_TEST(suggestions_prefer_transpositions_and_list_ties)
{
    static const char *const names[] = {"abc", "abcd", "abce", "xyz"};
    struct zi_arena arena;
    zi_arena_init(&arena);
    ck_assert_str_eq(zi_suggest(&arena, "abdc", names, 4), "'abcd'");
    ck_assert_str_eq(zi_suggest(&arena, "abcx", names, 4), "'abcd' or 'abce'");
    static const char *const three[] = {"tim_a", "tim_b", "tim_c", "tim_a"};
    ck_assert_str_eq(zi_suggest(&arena, "tim_x", three, 4), "'tim_a', 'tim_b' or 'tim_c'");
    zi_arena_free(&arena);
}
END_TEST

START_TEST(let_cycles_are_E023)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 1 { question \"1\" a \"t\" : ya_tidak }\n"
                        "  let a \"Nilai A\" = b + g\n"
                        "  let b = c * 2\n"
                        "  let c = a\n"
                        "  let d = d + 1\n"
                        "  let e = a + 1\n"
                        "  verdict V { e >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E023", 5, 7);
    EXPECT_MESSAGE(zt_find(&c, "E023", 5, 7), "let 'a' depends on itself: a -> b -> c -> a");
    expect_note_at(&c, zt_find(&c, "E023", 5, 7), 7, 7);
    zt_expect(&c, "E023", 8, 7);
    EXPECT_MESSAGE(zt_find(&c, "E023", 8, 7), "let 'd' depends on itself: d -> d");
    zt_expect_count(&c, "E023", 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(lets_are_ordered_dependencies_first)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group g weight 1 { question \"1\" a \"t\" : ya_tidak }\n"
                                  "  let c = b + a\n"
                                  "  let b = a * 2\n"
                                  "  let a = g\n"
                                  "  verdict V { c >= 1 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_clean(&c);
    const struct zi_let *c_ = c.criteria->lets, *b = c_->next, *a = b->next;
    ck_assert_uint_lt(a->order, b->order);
    ck_assert_uint_lt(b->order, c_->order);
    /* The types flow through the lets in that order: g is points, so c is a number. */
    ck_assert_int_eq(a->expr->type, ZI_TYPE_POINTS);
    ck_assert_int_eq(c_->expr->type, ZI_TYPE_NUMBER);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(unused_let_is_W103)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group g weight 1 { question \"1\" a \"t\" : ya_tidak }\n"
                                  "  let dipakai = g\n"
                                  "  let sisa \"Tidak dipakai\" = g * 2\n"
                                  "  verdict V { dipakai >= 0.5 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect_only(&c, "W103", 6, 7);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Types (check_types.c) ----------------------------------------------------------------------------- */

START_TEST(points_compared_with_a_percentage_take_a_fraction_of_the_weight)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD
                         "  group hasil weight 40 {\n"
                         "    question \"B.1\" ipak \"IPAK\" : number in [0, 4] weight 17.5 = answer / 4\n"
                         "    question \"B.2\" capaian \"Capaian\" : ya_tidak weight 22.5\n"
                         "  }\n"
                         "  verdict V {\n"
                         "    hasil >= 60%\n"
                         "    90% <= hasil.ipak\n"
                         "    hasil.ipak.answer >= 3.6\n"
                         "    hasil.capaian.answer >= 50%\n"
                         "  }\n"
                         "  otherwise B\n"
                         "}\n"));
    zt_expect_clean(&c);
    const struct zi_condition *cond = c.criteria->verdicts->conditions;
    ck_assert(cond->expr->percent_of_weight);
    ck_assert_double_eq(cond->expr->weight, 40);
    ck_assert_int_eq(cond->expr->lhs->type, ZI_TYPE_POINTS);
    ck_assert_int_eq(cond->expr->rhs->type, ZI_TYPE_PERCENT);
    cond = cond->next;
    ck_assert(cond->expr->percent_of_weight);
    ck_assert_double_eq(cond->expr->weight, 17.5);
    cond = cond->next; /* a number against a number */
    ck_assert(!cond->expr->percent_of_weight);
    ck_assert_int_eq(cond->expr->lhs->type, ZI_TYPE_NUMBER);
    cond = cond->next; /* a scale answer is a percentage */
    ck_assert(!cond->expr->percent_of_weight);
    ck_assert_int_eq(cond->expr->lhs->type, ZI_TYPE_PERCENT);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(arithmetic_result_types)
{
    struct zi_compilation c;
    ck_assert(zt_compile(
        &c, HEAD "  group g weight 10 { question \"1\" a \"t\" : percent }\n"
                 "  let p = 10% + g.a.answer\n" /* percent + percent: percent */
                 "  let q = 10% * 2\n"          /* anything else: number */
                 "  let r = g + 1\n"            /* points + number: number */
                 "  let s = -10%\n"
                 "  let t = if g >= 5 then 10% else 20%\n"
                 "  let u = min(10%, g.a.answer)\n"
                 "  let v = ratio(g, 10)\n"
                 "  let w = g >= 5 and not (g > 9)\n"
                 "  verdict V { p >= 0%\n q >= 0\n r >= 0\n s <= 0%\n t >= 0%\n u >= 0%\n v >= 0%\n w }\n"
                 "  otherwise B\n"
                 "}\n"));
    static const enum zi_type expected[] = {ZI_TYPE_PERCENT, ZI_TYPE_NUMBER,  ZI_TYPE_NUMBER,
                                            ZI_TYPE_PERCENT, ZI_TYPE_PERCENT, ZI_TYPE_PERCENT,
                                            ZI_TYPE_PERCENT, ZI_TYPE_BOOL};
    unsigned i = 0;
    for (const struct zi_let *l = c.criteria->lets; l; l = l->next, i++)
        ck_assert_msg(l->expr->type == expected[i], "let '%s' has type %d, expected %d", l->name.text,
                      l->expr->type, expected[i]);
    ck_assert_uint_eq(i, 8);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(booleans_compared_with_other_types_are_E028)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 10 { question \"1\" a \"t\" : ya_tidak }\n"
                        "  verdict V {\n"
                        "    (g >= 5) == 1\n"
                        "    (g >= 5) >= (g >= 6)\n"
                        "    (g >= 5) == (g >= 6)\n"
                        "    all g >= (g > 1)\n"
                        "  }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E028", 6, 5);
    EXPECT_MESSAGE(zt_find(&c, "E028", 6, 5), "cannot compare a condition with a number");
    zt_expect(&c, "E028", 7, 5);  /* booleans only compare with == and != */
    zt_expect(&c, "E028", 9, 15); /* the span of a parenthesised expression is inside the parentheses */
    zt_expect_count(&c, NULL, 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(operators_on_the_wrong_type_are_E029)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 10 { question \"1\" a \"t\" : ya_tidak }\n" /* 4 */
                        "  view vw = g\n"                                             /* 5 */
                        "  verdict V {\n"                                             /* 6 */
                        "    (g >= 1) + 1 >= 2\n"                                     /* 7 */
                        "    not g\n"                                                 /* 8 */
                        "    g and g >= 1\n"                                          /* 9 */
                        "    (if g then 1 else 2) >= 1\n"                             /* 10 */
                        "    (if g >= 1 then 1 else g >= 2)\n"                        /* 11 */
                        "    -(g >= 1) >= 1\n"                                        /* 12 */
                        "    min(g >= 1, 2) >= 1\n"                                   /* 13 */
                        "    vw >= 1\n"                                               /* 14 */
                        "    all g.a >= 1\n"                                          /* 15 */
                        "  }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E029", 7, 6);
    zt_expect(&c, "E029", 8, 9);
    EXPECT_MESSAGE(zt_find(&c, "E029", 8, 9), "'not' needs a condition, not a score");
    zt_expect(&c, "E029", 9, 5);
    EXPECT_MESSAGE(zt_find(&c, "E029", 9, 5), "'and' joins conditions, not a score");
    zt_expect(&c, "E029", 10, 9);
    zt_expect(&c, "E029", 11, 6);
    EXPECT_MESSAGE(zt_find(&c, "E029", 11, 6), "the branches of 'if' give a number and a condition");
    zt_expect(&c, "E029", 12, 5);
    zt_expect(&c, "E029", 13, 9);
    zt_expect(&c, "E029", 14, 5);
    EXPECT_MESSAGE(zt_find(&c, "E029", 14, 5), "'vw' is a view");
    zt_expect(&c, "E029", 15, 9);
    EXPECT_MESSAGE(zt_find(&c, "E029", 15, 9), "'all' compares each member of a group or view");
    zt_expect_count(&c, NULL, 9);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(condition_that_is_not_a_boolean_is_E036)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 10 {\n"
                        "    score \"1\" a \"t\" { input n : count require n + 1 = ratio(n, 10) }\n"
                        "  }\n"
                        "  verdict V { g\n g - 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E036", 5, 47);
    EXPECT_MESSAGE(zt_find(&c, "E036", 5, 47), "a 'require' rule must be a condition, not a number");
    zt_expect(&c, "E036", 7, 15);
    zt_expect(&c, "E036", 8, 2);
    zt_expect_count(&c, "E036", 3);
    ck_assert_uint_eq(c.diag.n_errors, 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(unknown_functions_and_wrong_argument_counts_are_E037)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group g weight 10 { question \"1\" a \"t\" : ya_tidak }\n"
                        "  let a = rasio(g, 2) + clamp(g, 1) + abs() + ratio(g) + min() + foo(1)\n"
                        "  verdict V { a >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E037", 5, 11);
    EXPECT_MESSAGE(zt_find(&c, "E037", 5, 11), "unknown function 'rasio'; did you mean 'ratio'?");
    zt_expect(&c, "E037", 5, 25);
    EXPECT_MESSAGE(zt_find(&c, "E037", 5, 25), "'clamp' takes 3 arguments (value, lowest, highest), not 2");
    zt_expect(&c, "E037", 5, 39);
    zt_expect(&c, "E037", 5, 47);
    zt_expect(&c, "E037", 5, 58);
    zt_expect(&c, "E037", 5, 66);
    ck_assert_ptr_null(strstr(zt_find(&c, "E037", 5, 66)->message, "did you mean"));
    zt_expect_count(&c, NULL, 6);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(percentage_against_a_value_without_weight_is_E039)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group hasil weight 40 {\n"
                        "    question \"B.1\" ipak \"IPAK\" : number in [0, 4] weight 40 = answer / 4\n"
                        "  }\n"
                        "  let indeks = hasil.ipak.answer\n"
                        "  verdict V {\n"
                        "    hasil.ipak.answer >= 90%\n"
                        "    indeks / 4 < 90%\n"
                        "    hasil.ipak.answer >= 3.6\n"
                        "  }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E039", 9, 5);
    EXPECT_MESSAGE(zt_find(&c, "E039", 9, 5), "'hasil.ipak.answer' has no weight to take a percentage of");
    zt_expect(&c, "E039", 10, 5);
    zt_expect_count(&c, "E039", 2);
    ck_assert_uint_eq(c.diag.n_errors, 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(division_that_may_be_by_zero_is_W104)
{
    struct zi_compilation c;
    ck_assert(zt_compile(
        &c, HEAD "  group g weight 10 {\n"
                 "    score \"1\" a \"t\" { input n : count input d : count = min(n / d, 1) }\n"
                 "    score \"2\" b \"t\" { input n : count input d : count\n"
                 "      = if d == 0 then 1 else min(n / d, 1) }\n"
                 "    score \"3\" e \"t\" { input n : count input d : count = ratio(n, d, 1) }\n"
                 "    score \"4\" f \"t\" { input n : count input d : count in [1, 10] = min(n / d, 1) }\n"
                 "    score \"5\" h \"t\" { input n : count input d : count\n"
                 "      = if d > 0 then min(n / d, 1) else 0 }\n"
                 "  }\n"
                 "  verdict V { g >= 1 }\n"
                 "  otherwise B\n"
                 "}\n"));
    zt_expect(&c, "W104", 5, 65);
    EXPECT_MESSAGE(zt_find(&c, "W104", 5, 65), "division by 'd', which can be 0");
    zt_expect_count(&c, "W104", 1); /* guarded by 'if', by ratio(), or by the range: no warning */
    zt_expect_count(&c, "W109", 0);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(unused_inputs_are_W105)
{
    struct zi_compilation c;
    ck_assert(zt_compile(
        &c, HEAD "  group g weight 10 {\n"
                 "    score \"1\" a \"t\" { input lapor : count input wajib : count = ratio(lapor, 10) }\n"
                 "    question \"2\" b \"t\" : number in [0, 4] = 1\n"
                 "  }\n"
                 "  verdict V { g >= 1 }\n"
                 "  otherwise B\n"
                 "}\n"));
    zt_expect(&c, "W105", 5, 49);
    EXPECT_MESSAGE(zt_find(&c, "W105", 5, 49), "input 'wajib' of '1' is not used");
    zt_expect(&c, "W105", 6, 45);
    EXPECT_MESSAGE(zt_find(&c, "W105", 6, 45), "the score of '2' ignores its answer");
    zt_expect_count(&c, "W105", 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(score_that_can_leave_0_1_is_W109)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, HEAD "  group g weight 10 {\n"
                                  "    question \"1\" a \"t\" : number in [0, 4] = answer / 2\n"
                                  "    question \"2\" b \"t\" : number in [0, 4] = answer / 4\n"
                                  "    question \"3\" d \"t\" : number in [-1, 1] = answer\n"
                                  "    question \"4\" e \"t\" : number in [0, 8] = clamp(answer / 4, 0, 1)\n"
                                  "  }\n"
                                  "  verdict V { g >= 1 }\n"
                                  "  otherwise B\n"
                                  "}\n"));
    zt_expect(&c, "W109", 5, 45);
    EXPECT_MESSAGE(zt_find(&c, "W109", 5, 45),
                   "the score of '1' can range over [0, 2] and is clamped to [0, 1]");
    zt_expect(&c, "W109", 7, 46);
    zt_expect_count(&c, "W109", 2);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Verdicts (check_verdicts.c) ----------------------------------------------------------------------- */

static const char verdict_groups[] =
    HEAD "  group pengungkit weight 60 {\n"                                                          /* 4 */
         "    group pemenuhan weight 30 {\n"                                                         /* 5 */
         "      group mp weight 10 { question \"A.I.1.a\" \"t\" : ya_tidak }\n"                      /* 6 */
         "      group sdm weight 20 { question \"A.I.2.a\" \"t\" : ya_tidak }\n"                     /* 7 */
         "    }\n"                                                                                   /* 8 */
         "    group reform weight 30 {\n"                                                            /* 9 */
         "      group mp weight 10 { question \"A.II.1.a\" \"t\" : ya_tidak }\n"                     /* 10 */
         "      group sdm weight 20 { question \"A.II.2.a\" \"t\" : ya_tidak }\n"                    /* 11 */
         "    }\n"                                                                                   /* 12 */
         "  }\n"                                                                                     /* 13 */
         "  group hasil weight 40 { question \"B.1\" ipak \"t\" : number in [0, 4] = answer / 4 }\n" /* 14 */
         "  view area = pengungkit.pemenuhan + pengungkit.reform\n";                                 /* 15 */

static void compile_verdicts(struct zi_compilation *c, const char *verdicts)
{
    char text[8192];
    snprintf(text, sizeof text, "%s%s  otherwise BELUM\n}\n", verdict_groups, verdicts);
    zt_compile(c, text);
}

START_TEST(condition_that_can_never_hold_is_E030)
{
    struct zi_compilation c;
    compile_verdicts(&c, "  verdict MUSTAHIL {\n"                /* 16 */
                         "    total >= 105\n"                    /* 17 */
                         "    hasil > 40\n"                      /* 18 */
                         "    hasil.ipak.answer < 0\n"           /* 19 */
                         "    pengungkit >= 101%\n"              /* 20 */
                         "    all area >= 20.5\n"                /* 21: mp (weight 20) cannot, sdm (40) can */
                         "    all pengungkit.pemenuhan > 100%\n" /* 22 */
                         "  }\n");
    zt_expect(&c, "E030", 17, 5);
    EXPECT_MESSAGE(zt_find(&c, "E030", 17, 5),
                   "this condition can never hold: 'total' is at most 100, and the threshold is 105");
    ck_assert_msg(strstr(zt_find(&c, "E030", 17, 5)->notes->message, "verdict 'MUSTAHIL' can never be given"),
                  "hint");
    zt_expect(&c, "E030", 18, 5);
    zt_expect(&c, "E030", 19, 5);
    zt_expect(&c, "E030", 20, 5);
    zt_expect(&c, "E030", 21, 5);
    EXPECT_MESSAGE(zt_find(&c, "E030", 21, 5),
                   "this condition can never hold for 'mp' of 'area': it weighs 20 points, and the threshold "
                   "is 20.5 points");
    /* One message for the whole `all`, naming no member twice and giving no interval. */
    zt_expect(&c, "E030", 22, 5);
    EXPECT_MESSAGE(
        zt_find(&c, "E030", 22, 5),
        "this condition can never hold for any member of 'pengungkit.pemenuhan': a score is at most "
        "100% of its weight, and the threshold is 100%");
    zt_expect_count(&c, "E030", 6);
    zt_expect_count(&c, NULL, 6);
    zi_compilation_free(&c);

    /* On the threshold is not "never": 100 can be reached. */
    compile_verdicts(&c, "  verdict PENUH { total >= 100\n pengungkit >= 100%\n all area <= 100% }\n");
    zt_expect_count(&c, "E030", 0);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(condition_that_always_holds_is_W106)
{
    struct zi_compilation c;
    compile_verdicts(&c, "  verdict SELALU {\n"     /* 16 */
                         "    total >= 0\n"         /* 17 */
                         "    hasil <= 100%\n"      /* 18 */
                         "    all area >= 0%\n"     /* 19 */
                         "  }\n"                    /* 20 */
                         "  verdict KOSONG { }\n"); /* 21 */
    zt_expect(&c, "W106", 17, 5);
    zt_expect(&c, "W106", 18, 5);
    zt_expect(&c, "W106", 19, 5);
    zt_expect(&c, "W106", 21, 11);
    EXPECT_MESSAGE(zt_find(&c, "W106", 21, 11),
                   "verdict 'KOSONG' has no conditions and is given to every unit");
    zt_expect_count(&c, "W106", 4);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(verdict_shadowed_by_an_earlier_one_is_E051)
{
    struct zi_compilation c;
    compile_verdicts(&c, "  verdict WBK \"Wilayah Bebas dari Korupsi\" {\n"             /* 16 */
                         "    total >= 75\n"                                            /* 17 */
                         "    all area >= 60%\n"                                        /* 18 */
                         "  }\n"                                                        /* 19 */
                         "  verdict WBBM \"Wilayah Birokrasi Bersih dan Melayani\" {\n" /* 20 */
                         "    total >= 85\n"                                            /* 21 */
                         "    all area >= 75%\n"                                        /* 22 */
                         "    hasil >= 30\n"                                            /* 23 */
                         "  }\n");
    zt_expect_only(&c, "E051", 20, 11);
    EXPECT_MESSAGE(c.diag.first,
                   "verdict 'WBBM' can never be given: every unit that meets it also meets 'WBK', "
                   "which is tried first; move 'WBBM' before 'WBK'");
    ck_assert_int_eq(c.diag.first->severity, ZI_SEV_ERROR);
    expect_note_at(&c, c.diag.first, 16, 11);
    zi_compilation_free(&c);

    /* Stricter first is right: no warning. */
    compile_verdicts(&c, "  verdict WBBM { total >= 85\n all area >= 75% }\n"
                         "  verdict WBK { total >= 75\n all area >= 60% }\n");
    zt_expect_clean(&c);
    zi_compilation_free(&c);

    /* A later verdict that misses one of the earlier conditions is reachable. */
    compile_verdicts(&c, "  verdict A { total >= 75\n hasil >= 20 }\n"
                         "  verdict B { total >= 85 }\n");
    zt_expect_clean(&c);
    zi_compilation_free(&c);

    /* Thresholds written the other way round, and strict against non-strict. */
    compile_verdicts(&c, "  verdict A { 75 <= total }\n"
                         "  verdict B { total > 75 }\n"
                         "  verdict C { total >= 75 }\n");
    zt_expect(&c, "E051", 17, 11);
    zt_expect(&c, "E051", 18, 11);
    zt_expect_count(&c, NULL, 2);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Thresholds in the wrong unit (check_units.c) ------------------------------------------------------ */

START_TEST(fraction_of_one_against_a_weighted_score_is_E050)
{
    struct zi_compilation c;
    compile_verdicts(&c, "  verdict WBK {\n"              /* 16 */
                         "    all area >= 0.6\n"          /* 17: area weighs 20 (mp) and 40 (sdm) */
                         "    total >= 0.75\n"            /* 18 */
                         "    0.5 < pengungkit.reform\n"  /* 19: written the other way round */
                         "    hasil.ipak.answer >= 0.9\n" /* 20: an index 0–4: W120 */
                         "    all pengungkit >= 60%\n"    /* 21: right */
                         "    pengungkit >= 1\n"          /* 22: one point: may be meant */
                         "  }\n");
    zt_expect(&c, "E050", 17, 5);
    EXPECT_MESSAGE(zt_find(&c, "E050", 17, 5),
                   "0.6 points is only 1.5% to 3% of what each member of 'area' can score (20 to 40 points); "
                   "did you mean 60%?");
    ck_assert_str_eq(
        zt_find(&c, "E050", 17, 5)->notes->message,
        "'all' compares each member's score, in points; a share of each member's weight is written "
        "with '%': all area >= 60%");
    zt_expect(&c, "E050", 18, 5);
    EXPECT_MESSAGE(zt_find(&c, "E050", 18, 5),
                   "0.75 points is only 0.75% of what 'total' can score (100 points); did you mean 75%?");
    ck_assert_str_eq(zt_find(&c, "E050", 18, 5)->notes->message,
                     "a number compared with a score is in points; a share of its weight is written with '%' "
                     "(75%); to mean 0.75 points, write 0.75%");
    zt_expect(&c, "E050", 19, 5);
    EXPECT_MESSAGE(zt_find(&c, "E050", 19, 5),
                   "0.5 points is only 1.67% of what 'pengungkit.reform' can score");
    zt_expect(&c, "W120", 20, 5);
    EXPECT_MESSAGE(
        zt_find(&c, "W120", 20, 5),
        "'hasil.ipak.answer' runs from 0 to 4, so 0.9 is only 22.5% of its range; did you mean 3.60 "
        "(90% of 4)?");
    zt_expect_count(&c, "E050", 3);
    zt_expect_count(&c, NULL, 4);
    zi_compilation_free(&c);

    /* A weight of 1 or less: points and shares are the same size, nothing to say; only some members of an
     * `all` above 1: they alone are named. */
    zt_compile(&c, HEAD "  group g weight 2 {\n"                                         /* 4 */
                        "    group a weight 1 { question \"A.1.a\" \"t\" : ya_tidak }\n" /* 5 */
                        "    group b weight 0.5 { question \"A.2.a\" \"t\" : ya_tidak }\n"
                        "    group c weight 0.5 { question \"A.3.a\" \"t\" : ya_tidak }\n"
                        "  }\n"
                        "  verdict V { g.a >= 0.5\n g.b >= 0.25 }\n" /* 9 */
                        "  verdict W { all g >= 0.4 }\n"             /* 11 */
                        "  otherwise B\n"
                        "}\n");
    zt_expect_count(&c, NULL, 0);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(percentage_of_an_index_suggests_the_index_value)
{
    struct zi_compilation c;
    zt_compile(&c, HEAD "  group hasil weight 40 {\n"
                        "    question \"B.1\" ipak \"IPAK\" : number in [0, 4] weight 40 = answer / 4\n"
                        "  }\n"
                        "  verdict V {\n"
                        "    hasil.ipak.answer >= 90%\n" /* 8 */
                        "    80% <= hasil.ipak.answer\n" /* 9 */
                        "  }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect(&c, "E039", 8, 5);
    ck_assert_str_eq(
        zt_find(&c, "E039", 8, 5)->notes->message,
        "'hasil.ipak.answer' runs from 0 to 4, and 90% of that is 3.60: write 'hasil.ipak.answer "
        ">= 3.60', or compare the item's score, which is a share of its weight: 'hasil.ipak >= "
        "90%'");
    zt_expect(&c, "E039", 9, 5);
    EXPECT_MESSAGE(zt_find(&c, "E039", 9, 5)->notes, "write 'hasil.ipak.answer >= 3.20'");
    zt_expect_count(&c, "E039", 2);
    ck_assert_uint_eq(c.diag.n_errors, 2);
    zi_compilation_free(&c);

    /* A percentage against a bare number: the number is meant as a percentage. */
    zt_compile(&c, HEAD
               "  group g weight 10 {\n"
               "    score \"A.a\" capaian \"Capaian\" { input n : count\n input d : count\n = ratio(n, d) }\n"
               "  }\n"
               "  verdict V { ratio(g.capaian.n, g.capaian.d) >= 90 }\n" /* 9 */
               "  otherwise B\n"
               "}\n");
    zt_expect(&c, "E039", 9, 15);
    ck_assert_str_eq(zt_find(&c, "E039", 9, 15)->notes->message,
                     "'ratio(g.capaian.n, g.capaian.d)' is a percentage: write the number with '%' (90%)");
    zi_compilation_free(&c);
}
END_TEST

/* ---- Worksheet numbering (check_codes.c) --------------------------------------------------------------- */

/* Two areas of one category, numbered as the LKE numbers them; SLOT is the last sub-area's items. */
#define NUMBERED(slot)                                                                                       \
    HEAD "  group pengungkit weight 2 {\n"                                            /* 4 */                \
         "    group pemenuhan weight 2 {\n"                                           /* 5 */                \
         "      group mp weight 1 {\n"                                                /* 6 */                \
         "        group tim weight 1 {\n"                                             /* 7 */                \
         "          question \"A.I.1.i.a\" \"t\" : ya_tidak\n"                        /* 8 */                \
         "          question \"A.I.1.i.b\" \"t\" : ya_tidak\n"                        /* 9 */                \
         "        }\n"                                                                /* 10 */               \
         "      }\n"                                                                  /* 11 */               \
         "      group tata weight 1 {\n"                                              /* 12 */               \
         "        group sop weight 0.5 { question \"A.I.2.i.a\" \"t\" : ya_tidak }\n" /* 13 */               \
         "        group spbe weight 0.5 {\n"                                          /* 14 */               \
         "          question \"A.I.2.ii.a\" \"t\" : ya_tidak\n"                       /* 15 */               \
         "          question \"A.I.2.ii.b\" \"t\" : ya_tidak\n"                       /* 16 */               \
         "          question \"A.I.2.ii.c\" \"t\" : ya_tidak\n"                       /* 17 */               \
        slot                                                                          /* 18 */               \
         "        }\n"                                                                                       \
         "      }\n"                                                                                         \
         "    }\n"                                                                                           \
         "  }\n"                                                                                             \
         "  verdict V { total >= 1 }\n"                                                                      \
         "  otherwise B\n"                                                                                   \
         "}\n"

/* Component a, category I, area 1 (A.I.1), holding the sub-areas SUBAREAS from line 7 on. */
#define AREA(subareas)                                                                                       \
    HEAD "  group a weight 1 {\n"                                                                            \
         "    group i weight 1 {\n"                                                                          \
         "      group x weight 1 {\n" subareas "      }\n"                                                   \
         "    }\n"                                                                                           \
         "  }\n"                                                                                             \
         "  verdict V { total >= 1 }\n"                                                                      \
         "  otherwise B\n"                                                                                   \
         "}\n"

START_TEST(code_outside_its_sub_area_is_E052)
{
    struct zi_compilation c;
    zt_compile(&c, NUMBERED("          question \"A.I.2.ii.d\" \"t\" : ya_tidak\n"));
    zt_expect_clean(&c);
    zi_compilation_free(&c);

    /* A code of the sibling sub-area: the code it should have there, and where its own number is. */
    zt_compile(&c, NUMBERED("          question \"A.I.2.i.d\" \"t\" : ya_tidak\n"));
    zt_expect_only(&c, "E052", 18, 20);
    EXPECT_MESSAGE(c.diag.first, "item code 'A.I.2.i.d' does not belong in 'spbe', whose items are numbered "
                                 "A.I.2.ii.…; did you mean 'A.I.2.ii.d'?");
    expect_note_at(&c, c.diag.first, 13, 15);
    ck_assert_str_eq(c.diag.first->notes->message, "A.I.2.i is 'sop'");
    zi_compilation_free(&c);

    /* Copied from another area: the next letter at this place. */
    zt_compile(&c, NUMBERED("          question \"A.I.1.i.c\" salinan \"t\" : ya_tidak\n"));
    zt_expect_only(&c, "E052", 18, 20);
    EXPECT_MESSAGE(c.diag.first, "did you mean 'A.I.2.ii.d'?");
    zi_compilation_free(&c);

    /* A whole sub-area numbered from another area. */
    zt_compile(&c, NUMBERED("        }\n"
                            "        group lain weight 0 {\n"
                            "          question \"A.I.3.iii.a\" \"t\" : ya_tidak\n"
                            "          question \"A.I.3.iii.b\" \"t\" : ya_tidak\n"));
    zt_expect(&c, "E052", 19, 15);
    EXPECT_MESSAGE(
        zt_find(&c, "E052", 19, 15),
        "the items of group 'lain' are numbered A.I.3.iii.…, which does not belong in 'tata', whose "
        "parts are numbered A.I.2.…; did you mean A.I.2.iii.…?");
    zi_compilation_free(&c);

    /* Two questions, one slipped: no majority, so the sub-area takes the number that extends its area's. */
    zt_compile(&c, AREA("        group s1 weight 0.5 {\n"
                        "          question \"A.I.1.i.a\" \"t\" : ya_tidak\n"
                        "          question \"A.I.2.i.b\" \"t\" : ya_tidak\n" /* 9 */
                        "        }\n"
                        "        group s2 weight 0.5 { question \"A.I.1.ii.a\" \"t\" : ya_tidak }\n"));
    zt_expect_only(&c, "E052", 9, 20);
    EXPECT_MESSAGE(c.diag.first, "did you mean 'A.I.1.i.b'?");
    zi_compilation_free(&c);

    /* A code that duplicates another is E021's to report, not also out of place. */
    zt_compile(&c, NUMBERED("          question \"A.I.1.i.a\" x \"t\" : ya_tidak\n"));
    zt_expect_only(&c, "E021", 18, 20);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(gap_in_letters_or_roman_numerals_is_W121)
{
    struct zi_compilation c;
    zt_compile(&c, NUMBERED("          question \"A.I.2.ii.e\" \"t\" : ya_tidak\n"));
    zt_expect_only(&c, "W121", 18, 20);
    ck_assert_str_eq(c.diag.first->message, "'A.I.2.ii.e' follows 'A.I.2.ii.c': is A.I.2.ii.d missing?");
    zi_compilation_free(&c);

    zt_compile(&c, NUMBERED("          question \"A.I.2.ii.g\" \"t\" : ya_tidak\n"));
    ck_assert_str_eq(zt_find(&c, "W121", 18, 20)->message,
                     "'A.I.2.ii.g' follows 'A.I.2.ii.c': are A.I.2.ii.d, A.I.2.ii.e and A.I.2.ii.f missing?");
    zi_compilation_free(&c);

    /* Roman numerals: sub-area iv after ii. */
    zt_compile(&c,
               AREA("        group s1 weight 0.5 { question \"A.I.1.i.a\" \"t\" : ya_tidak }\n"
                    "        group s2 weight 0.25 { question \"A.I.1.ii.a\" \"t\" : ya_tidak }\n"
                    "        group s4 weight 0.25 { question \"A.I.1.iv.a\" \"t\" : ya_tidak }\n" /* 9 */));
    zt_expect_only(&c, "W121", 9, 15);
    ck_assert_str_eq(c.diag.first->message, "'A.I.1.iv' follows 'A.I.1.ii': is A.I.1.iii missing?");
    zi_compilation_free(&c);

    /* The first letter missing; and letters that are also roman numerals (c, d, i) still count as letters. */
    zt_compile(&c, AREA("        group s1 weight 0.5 { question \"A.I.1.i.b\" \"t\" : ya_tidak }\n" /* 7 */
                        "        group s2 weight 0.5 {\n"
                        "          question \"A.I.1.ii.a\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.b\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.c\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.d\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.e\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.f\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.g\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.h\" \"t\" : ya_tidak\n"
                        "          question \"A.I.1.ii.i\" \"t\" : ya_tidak\n"
                        "        }\n"));
    zt_expect_only(&c, "W121", 7, 40);
    ck_assert_str_eq(c.diag.first->message, "'A.I.1.i.b' is the first of 's1': is A.I.1.i.a missing?");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(numbering_free_turns_the_code_checks_off)
{
    struct zi_compilation c;
    /* Codes that look like worksheet numbers but are not: the criteria says so. */
    zt_compile(&c,
               HEAD "  numbering free\n"
                    "  group a weight 1 {\n"
                    "    group b weight 1 { question \"K.1.a\" \"t\" : ya_tidak\n question \"K.2.c\" \"t\" : "
                    "ya_tidak\n question \"K.1.d\" \"t\" : ya_tidak }\n"
                    "  }\n"
                    "  verdict V { total >= 1 }\n"
                    "  otherwise B\n"
                    "}\n");
    zt_expect_clean(&c);
    zi_compilation_free(&c);

    /* Without it, the same file is told. */
    zt_compile(&c,
               HEAD "  group a weight 1 {\n"
                    "    group b weight 1 { question \"K.1.a\" \"t\" : ya_tidak\n question \"K.2.c\" \"t\" : "
                    "ya_tidak\n question \"K.1.d\" \"t\" : ya_tidak }\n"
                    "  }\n"
                    "  verdict V { total >= 1 }\n"
                    "  otherwise B\n"
                    "}\n");
    zt_expect(&c, "E052", 6, 11);
    EXPECT_MESSAGE(zt_find(&c, "E052", 6, 11), "did you mean 'K.1.b'?");
    zt_expect(&c, "W121", 7, 11); /* the misplaced K.2.c stands in for K.1.b: K.1.c is missing */
    ck_assert_str_eq(zt_find(&c, "W121", 7, 11)->message, "'K.1.d' follows 'K.1.b': is K.1.c missing?");
    zi_compilation_free(&c);

    /* `numbering` takes one of two words, once. */
    zt_compile(&c, HEAD "  numbering romawi\n"
                        "  group a weight 1 { question \"A.1\" x \"t\" : ya_tidak }\n"
                        "  verdict V { total >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect_only(&c, "E053", 4, 13);
    EXPECT_MESSAGE(c.diag.first, "unknown numbering 'romawi'; write 'numbering worksheet'");
    zi_compilation_free(&c);
    zt_compile(&c, HEAD "  numbering worksheet\n  numbering free\n"
                        "  group a weight 1 { question \"A.1\" x \"t\" : ya_tidak }\n"
                        "  verdict V { total >= 1 }\n"
                        "  otherwise B\n"
                        "}\n");
    zt_expect_only(&c, "E038", 5, 3);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Plain words (wording.c) -------------------------------------------------------------------------- */

static const char *word_at(const void *words, unsigned i)
{
    return ((const char *const *)words)[i];
}

START_TEST(lists_and_numbers_in_plain_words)
{
    struct zi_arena arena;
    zi_arena_init(&arena);
    struct zi_checker ck = {0};
    ck.arena = &arena;
    const char *words[] = {"mp", "tata", "sdm", "akun", "awas", "yan"};
    ck_assert_str_eq(zi_name_list(&ck, 1, word_at, words, true), "'mp'");
    ck_assert_str_eq(zi_name_list(&ck, 2, word_at, words, true), "'mp' and 'tata'");
    ck_assert_str_eq(zi_name_list(&ck, 5, word_at, words, false), "mp, tata, sdm, akun and awas");
    ck_assert_str_eq(zi_name_list(&ck, 6, word_at, words, true), "'mp', 'tata', 'sdm', 'akun' and 2 more");
    ck_assert_str_eq(zi_number_text(&ck, 7.5), "7.5");
    ck_assert_str_eq(zi_number_text(&ck, 100), "100");
    ck_assert_str_eq(zi_number_text(&ck, 0.6 / 7), "0.09");
    ck_assert_str_eq(zi_number_text(&ck, 8.5714), "8.57");
    ck_assert_str_eq(zi_number_text(&ck, -0.001), "0");
    ck_assert_str_eq(zi_number_text(&ck, 1e300), "1e+300");
    zi_arena_free(&arena);
}
END_TEST

/* ---- Facts, grades, categories and prerequisites (check_facts.c) --------------------------------------- */

#define FACTS_HEAD                                                                                           \
    HEAD "  grade nilai { \"A\" > \"B\" | \"b\" | \"Baik\" > \"C\" }\n"                                      \
         "  category jenis { \"pemda\" | \"Pemda\", \"kl\" }\n"                                              \
         "  facts f { fact g : nilai; fact j : jenis; fact ok : boolean; fact p : percent }\n"               \
         "  group A weight 1 { question \"A.1\" q \"t\" : ya_tidak }\n"                                      \
         "  verdict V { total >= 1 }\n"                                                                      \
         "  otherwise B\n"

/* Lines from 10 on. */
START_TEST(labels_resolve_to_ranks_and_category_numbers)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, FACTS_HEAD "  prerequisites V {\n"
                                        "    f.g >= \"BAIK\"\n"            /* 11: any spelling, any case */
                                        "    f.j in [\"Pemda\", \"kl\"]\n" /* 12 */
                                        "    f.ok and f.p >= 50%\n"        /* 13 */
                                        "  }\n"
                                        "}\n"));
    zt_expect_clean(&c);
    const struct zi_condition *k = c.criteria->prerequisites->conditions;
    ck_assert(k->expr->rhs->number == 2); /* B is the middle of three: rank 2 */
    ck_assert(k->next->expr->args->number == 1 && k->next->expr->args->next->number == 2);
    ck_assert_int_eq(k->next->next->expr->type, ZI_TYPE_BOOL);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(fact_declarations_are_checked)
{
    struct zi_compilation c;
    /* A fact whose key is an item's code (E021), a facts block named as a group (E020), a grade named as a
     * scale (E020), and a grade of 256 spellings (E044). */
    struct {
        char *p;
        size_t len;
    } t = {malloc(1 << 16), 0};
    ck_assert_ptr_nonnull(t.p);
    t.len += (size_t)sprintf(t.p + t.len, "%s",
                             FACTS_HEAD "  facts A { fact q : boolean }\n"     /* 10 */
                                        "  grade ya_tidak { \"x\" > \"y\" }\n" /* 11 */
                                        "  grade big {");                      /* 12 */
    for (int k = 0; k < 128; k++)
        t.len += (size_t)sprintf(t.p + t.len, " \"L%d\" | \"M%d\" >", k, k);
    t.p[t.len - 1] = ' ';
    t.len += (size_t)sprintf(t.p + t.len, "}\n  facts g { fact b : big }\n"
                                          "  group G weight 1 { question \"A.q\" x \"t\" : ya_tidak }\n}\n");
    zt_compile(&c, t.p);
    zt_expect(&c, "E021", 10, 18);
    EXPECT_MESSAGE(zt_find(&c, "E021", 10, 18), "data key 'A.q' is already used");
    zt_expect(&c, "E020", 10, 9);
    zt_expect(&c, "E020", 11, 9);
    zt_expect(&c, "E044", 12, 9);
    EXPECT_MESSAGE(zt_find(&c, "E044", 12, 9),
                   "grade 'big' has 256 labels and spellings, but a module numbers at most 255");
    zt_expect_count(&c, NULL, 4 + 1 /* W121: A.q starts group G's letters late */);
    zi_compilation_free(&c);
    free(t.p);
}
END_TEST

START_TEST(a_fact_is_not_a_score)
{
    struct zi_compilation c;
    zt_compile(&c, FACTS_HEAD "  let l = f.p * 100\n"                       /* 10 */
                              "  verdict W { total >= 1; f.ok }\n"          /* 11 */
                              "  prerequisites V { f.g >= \"A\" or f.j }\n" /* 12 */
                              "}\n");
    zt_expect(&c, "E060", 10, 11);
    zt_expect(&c, "E060", 11, 27);
    zt_expect(&c, "E028", 12, 35);
    zt_expect(&c, "E033", 11, 3); /* W comes after the otherwise */
    zi_compilation_free(&c);
}
END_TEST

static Suite *checks_suite(void)
{
    Suite *s = suite_create("checks");
    TCase *decls = tcase_create("declarations");
    tcase_add_test(decls, a_correct_file_has_no_diagnostic);
    tcase_add_test(decls, duplicate_names_are_E020);
    tcase_add_test(decls, duplicate_item_codes_and_data_keys_are_E021);
    tcase_add_test(decls, duplicate_code_is_not_also_a_duplicate_name);
    tcase_add_test(decls, scale_values_outside_0_1_are_E024);
    tcase_add_test(decls, duplicate_scale_labels_are_E031);
    tcase_add_test(decls, unknown_answer_type_is_E032_with_a_suggestion);
    tcase_add_test(decls, otherwise_missing_repeated_or_misplaced_is_E033);
    tcase_add_test(decls, bad_ranges_are_E035);
    tcase_add_test(decls, answer_outside_a_score_expression_is_E040);
    tcase_add_test(decls, numeric_question_or_score_without_expression_or_input_is_E041);
    tcase_add_test(decls, score_expression_naming_outside_its_item_is_E042);
    tcase_add_test(decls, code_without_an_identifier_for_a_name_is_E043);
    tcase_add_test(decls, scale_of_more_than_255_labels_is_E044);
    tcase_add_test(decls, groups_nested_more_than_64_deep_are_E011);
    tcase_add_test(decls, missing_regulation_is_W108_and_unused_scale_W101);
    suite_add_tcase(s, decls);

    TCase *weights = tcase_create("weights");
    tcase_add_test(weights, absolute_weights_sum_to_the_group);
    tcase_add_test(weights, unweighted_children_share_the_weight_equally);
    tcase_add_test(weights, relative_weights_are_proportions);
    tcase_add_test(weights, weights_that_do_not_add_up_are_E025);
    tcase_add_test(weights, some_children_weighted_some_not_is_E026);
    tcase_add_test(weights, missing_or_non_positive_weight_is_E027);
    tcase_add_test(weights, empty_group_is_W107);
    tcase_add_test(weights, views_need_the_same_children_E034);
    tcase_add_test(weights, views_add_up_their_members);
    suite_add_tcase(s, weights);

    TCase *names = tcase_create("names");
    tcase_add_test(names, undefined_names_are_E022_with_did_you_mean);
    tcase_add_test(names, names_inside_a_score_are_its_inputs);
    tcase_add_test(names, suggestions_are_within_edit_distance_2);
    tcase_add_test(names, suggestions_prefer_transpositions_and_list_ties);
    tcase_add_test(names, let_cycles_are_E023);
    tcase_add_test(names, lets_are_ordered_dependencies_first);
    tcase_add_test(names, unused_let_is_W103);
    suite_add_tcase(s, names);

    TCase *types = tcase_create("types");
    tcase_add_test(types, points_compared_with_a_percentage_take_a_fraction_of_the_weight);
    tcase_add_test(types, arithmetic_result_types);
    tcase_add_test(types, booleans_compared_with_other_types_are_E028);
    tcase_add_test(types, operators_on_the_wrong_type_are_E029);
    tcase_add_test(types, condition_that_is_not_a_boolean_is_E036);
    tcase_add_test(types, unknown_functions_and_wrong_argument_counts_are_E037);
    tcase_add_test(types, percentage_against_a_value_without_weight_is_E039);
    tcase_add_test(types, division_that_may_be_by_zero_is_W104);
    tcase_add_test(types, unused_inputs_are_W105);
    tcase_add_test(types, score_that_can_leave_0_1_is_W109);
    suite_add_tcase(s, types);

    TCase *verdicts = tcase_create("verdicts");
    tcase_add_test(verdicts, condition_that_can_never_hold_is_E030);
    tcase_add_test(verdicts, condition_that_always_holds_is_W106);
    tcase_add_test(verdicts, verdict_shadowed_by_an_earlier_one_is_E051);
    suite_add_tcase(s, verdicts);

    TCase *units = tcase_create("units");
    tcase_add_test(units, fraction_of_one_against_a_weighted_score_is_E050);
    tcase_add_test(units, percentage_of_an_index_suggests_the_index_value);
    suite_add_tcase(s, units);

    TCase *wording = tcase_create("wording");
    tcase_add_test(wording, lists_and_numbers_in_plain_words);
    suite_add_tcase(s, wording);

    TCase *codes = tcase_create("codes");
    tcase_add_test(codes, code_outside_its_sub_area_is_E052);
    tcase_add_test(codes, gap_in_letters_or_roman_numerals_is_W121);
    tcase_add_test(codes, numbering_free_turns_the_code_checks_off);
    suite_add_tcase(s, codes);

    TCase *facts = tcase_create("facts");
    tcase_add_test(facts, labels_resolve_to_ranks_and_category_numbers);
    tcase_add_test(facts, fact_declarations_are_checked);
    tcase_add_test(facts, a_fact_is_not_a_score);
    suite_add_tcase(s, facts);
    return s;
}

int main(void)
{
    return zt_run(checks_suite());
}
