/* test_codegen.c — each construct of the language, scored by hand: the interpreter must give the value
 * worked out here, and the native module (-O0 and -O2) exactly the interpreter's bits. */
#include <check.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_util.h"
#include "interp.h"

/* One unit's answers: key=value pairs; a key absent from the list is a missing answer. */
struct answer {
    const char *key;
    double value;
};

struct scored {
    struct compiled c;
    struct batch b;
};

static int32_t input_index(const struct zi_module *d, const char *key)
{
    for (uint32_t i = 0; i < d->n_inputs; i++)
        if (strcmp(d->inputs[i].key, key) == 0) return (int32_t)i;
    ck_abort_msg("no input '%s'", key);
    return -1;
}

static int32_t output_index(const struct zi_module *d, const char *path)
{
    for (uint32_t i = 0; i < d->n_outputs; i++)
        if (strcmp(d->outputs[i].path, path) == 0) return (int32_t)i;
    ck_abort_msg("no output '%s'", path);
    return -1;
}

static void same_summary(const struct zi_module *d, const struct batch *summary, const struct batch *full,
                         const char *what)
{
    const char *differs = batch_differs(d, summary, full, false);
    ck_assert_msg(differs == NULL, "%s: %s differ from explain_batch's", what, differs);
}

/* Scores `n` units given as answer lists with the interpreter, then checks the native module at -O0 and -O2
 * gives identical bits. */
static void score(struct scored *s, const char *criteria, const struct answer *const *units, uint64_t n)
{
    compile_text(&s->c, criteria);
    const struct zi_module *d = &s->c.model->descriptor;
    batch_alloc(&s->b, d, n);
    for (uint64_t row = 0; row < n; row++)
        for (const struct answer *a = units[row]; a->key; a++)
            batch_set(&s->b, d, (uint32_t)input_index(d, a->key), row, a->value);
    double *scratch = calloc(s->c.model->n_ops, sizeof *scratch);
    struct batch summary;
    batch_alloc(&summary, d, n);
    batch_copy_inputs(&summary, &s->b);
    batch_interpret(&s->b, s->c.model, scratch, true);
    batch_interpret(&summary, s->c.model, scratch, false);
    same_summary(d, &summary, &s->b, "the interpreter's score_batch");
    batch_free(&summary);
    free(scratch);
    for (int level = 0; level <= 2; level += 2) {
        void *handle;
        char path[256];
        const struct zi_module *m = build_native(s->c.model, level, &handle, path, sizeof path);
        struct batch nat, nat_summary;
        batch_alloc(&nat, d, n);
        batch_alloc(&nat_summary, d, n);
        batch_copy_inputs(&nat, &s->b);
        batch_copy_inputs(&nat_summary, &s->b);
        batch_score(&nat, m, true);
        batch_score(&nat_summary, m, false);
        const char *differs = batch_differs(d, &nat, &s->b, true);
        ck_assert_msg(differs == NULL, "-O%d: %s differ from the interpreter's", level, differs);
        same_summary(d, &nat_summary, &s->b, "the native score_batch");
        batch_free(&nat_summary);
        batch_free(&nat);
        dlclose(handle);
    }
}

static double out(const struct scored *s, uint64_t row, const char *path)
{
    const struct zi_module *d = &s->c.model->descriptor;
    return batch_output(&s->b, (uint32_t)output_index(d, path), row);
}

static const char *verdict_of(const struct scored *s, uint64_t row)
{
    int32_t v = s->b.verdict[row];
    return v < 0 ? "NONE" : s->c.model->descriptor.verdicts[v].id;
}

static void done(struct scored *s)
{
    batch_free(&s->b);
    compiled_free(&s->c);
}

#define CLOSE(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-12, "%.17g != %.17g", (double)(a), (double)(b))

static const char *const groups_zi = "criteria t \"T\" { regulation \"R\"\n"
                                     "  scale abc { \"A\" = 1, \"B\" = 0.5, \"C\" = 0 }\n"
                                     "  group top \"Top\" weight 10 {\n"
                                     "    group mean \"Mean\" weight 4 { question \"Q.a\" \"a\" : abc  "
                                     "question \"Q.b\" \"b\" : abc  question \"Q.c\" \"c\" : abc }\n"
                                     "    group sum \"Sum\" weight 6 { question \"S.a\" \"a\" : abc weight 2 "
                                     " question \"S.b\" \"b\" : abc weight 4 }\n"
                                     "  }\n"
                                     "  group rel \"Relative\" weight 3 relative { question \"R.a\" \"a\" : "
                                     "abc weight 1  question \"R.b\" \"b\" : abc weight 3 }\n"
                                     "  verdict OK \"ok\" { total >= 6.5 }\n"
                                     "  otherwise NO \"no\"\n"
                                     "}\n";

START_TEST(group_modes)
{
    /* mean: 4 × (1 + 0.5 + 0)/3 = 2; sum: 2×1 + 4×0.5 = 4; relative: 3 × (1×0 + 3×1)/4 = 2.25; total 8.25 */
    const struct answer u0[] = {{"Q.a", 1},   {"Q.b", 0.5}, {"Q.c", 0}, {"S.a", 1},
                                {"S.b", 0.5}, {"R.a", 0},   {"R.b", 1}, {NULL, 0}};
    /* missing answers score 0 (the default rule): mean 4 × 1/3; sum 2; relative 0; total 3.333… */
    const struct answer u1[] = {{"Q.a", 1}, {"S.a", 1}, {NULL, 0}};
    const struct answer *const units[] = {u0, u1};
    struct scored s;
    score(&s, groups_zi, units, 2);
    CLOSE(out(&s, 0, "top.mean"), 2);
    CLOSE(out(&s, 0, "top.sum"), 4);
    CLOSE(out(&s, 0, "top"), 6);
    CLOSE(out(&s, 0, "rel"), 2.25);
    CLOSE(out(&s, 0, "total"), 8.25);
    CLOSE(out(&s, 0, "top.mean.a"), 4.0 / 3); /* an item's points: its share of its group's weight */
    CLOSE(out(&s, 0, "top.sum.b"), 2);
    ck_assert_str_eq(verdict_of(&s, 0), "OK");
    CLOSE(out(&s, 1, "top.mean"), 4.0 / 3);
    CLOSE(out(&s, 1, "top.sum"), 2);
    CLOSE(out(&s, 1, "rel"), 0);
    ck_assert_str_eq(verdict_of(&s, 1), "NO");
    done(&s);
}
END_TEST

START_TEST(missing_policies)
{
    const char *zi = "criteria t \"T\" { regulation \"R\" missing exclude\n"
                     "  scale yn { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                     "  group g \"G\" weight 6 {\n"
                     "    question \"Q.a\" \"a\" : yn  question \"Q.b\" \"b\" : yn  question \"Q.c\" \"c\" : "
                     "yn missing error\n"
                     "  }\n"
                     "  verdict OK \"ok\" { g >= 50% }\n"
                     "  otherwise NO \"no\"\n"
                     "}\n";
    /* Q.b missing is excluded: mean over a and c = (1 + 0)/2 → 3. Q.c missing: no verdict. All missing but c:
     * a and b excluded → mean of c alone. */
    const struct answer u0[] = {{"Q.a", 1}, {"Q.c", 0}, {NULL, 0}};
    const struct answer u1[] = {{"Q.a", 1}, {"Q.b", 1}, {NULL, 0}};
    const struct answer u2[] = {{"Q.c", 1}, {NULL, 0}};
    const struct answer *const units[] = {u0, u1, u2};
    struct scored s;
    score(&s, zi, units, 3);
    CLOSE(out(&s, 0, "g"), 3);
    ck_assert_str_eq(verdict_of(&s, 0), "OK");   /* exactly 50%: on the threshold, the threshold's verdict */
    CLOSE(out(&s, 1, "g"), 4);                   /* a, b present; c missing counts 0 under its own rule … */
    ck_assert_str_eq(verdict_of(&s, 1), "NONE"); /* … and withholds the verdict */
    CLOSE(out(&s, 2, "g"), 6);
    ck_assert_str_eq(verdict_of(&s, 2), "OK");
    done(&s);
}
END_TEST

static const char *const score_zi =
    "criteria t \"T\" { regulation \"R\"\n"
    "  group g \"G\" weight 10 {\n"
    "    score \"P.a\" \"ratio\" weight 4 {\n"
    "      input n \"done\" : count  input d \"due\" : count\n"
    "      require n <= d \"n must not exceed d\"\n"
    "      = ratio(n, d, 1)\n"
    "    }\n"
    "    score \"P.b\" \"drop\" weight 3 {\n"
    "      input lalu \"last\" : count  input ini \"now\" : count\n"
    "      = ratio(lalu - ini, lalu, if ini == 0 then 1 else 0)\n"
    "    }\n"
    "    question \"P.c\" idx \"index\" : number in [0, 4] weight 3 = answer / 4\n"
    "  }\n"
    "  let half = g / 2\n"
    "  let strong = g >= 9\n"
    "  verdict A \"a\" { strong; g.idx.answer >= 3.6 }\n"
    "  verdict B \"b\" { half >= 2.5 }\n"
    "  otherwise C \"c\"\n"
    "}\n";

START_TEST(score_items_requires_and_lets)
{
    const struct answer u0[] = {{"P.a.n", 3},   {"P.a.d", 4}, {"P.b.lalu", 4},
                                {"P.b.ini", 1}, {"P.c", 3.6}, {NULL, 0}};
    const struct answer u1[] = {{"P.a.n", 0},   {"P.a.d", 0}, {"P.b.lalu", 0},
                                {"P.b.ini", 0}, {"P.c", 4},   {NULL, 0}};
    const struct answer u2[] = {{"P.a.n", 5},   {"P.a.d", 4}, {"P.b.lalu", 0},
                                {"P.b.ini", 2}, {"P.c", 0},   {NULL, 0}};
    const struct answer u3[] = {{"P.a.n", 1},   {"P.a.d", 2}, {"P.b.lalu", 2},
                                {"P.b.ini", 5}, {"P.c", 2},   {NULL, 0}};
    const struct answer *const units[] = {u0, u1, u2, u3};
    struct scored s;
    score(&s, score_zi, units, 4);
    /* u0: a = 4 × 3/4 = 3; b = 3 × 3/4 = 2.25; c = 3 × 0.9 = 2.7 → 7.95; half 3.975 → B */
    CLOSE(out(&s, 0, "g.a"), 3);
    CLOSE(out(&s, 0, "g.b"), 2.25);
    CLOSE(out(&s, 0, "g"), 7.95);
    CLOSE(out(&s, 0, "half"), 3.975);
    CLOSE(out(&s, 0, "strong"), 0);
    ck_assert_str_eq(verdict_of(&s, 0), "B");
    /* u1: zero denominators: a → 1 (z = 1), b → 1 (nothing last year, nothing now) → 4 + 3 + 3 = 10 → A */
    CLOSE(out(&s, 1, "g"), 10);
    ck_assert_str_eq(verdict_of(&s, 1), "A");
    /* u2: n > d breaks the require rule: scores still computed, verdict withheld */
    ck_assert_str_eq(verdict_of(&s, 2), "NONE");
    ck_assert_msg(s.b.failed[2] != 0, "the require rule's bit is set");
    /* u3: more violations than last year: ratio negative, clamped to 0 */
    CLOSE(out(&s, 3, "g.b"), 0);
    ck_assert_str_eq(verdict_of(&s, 3), "C");
    done(&s);
}
END_TEST

START_TEST(views_all_and_percent_of_weight)
{
    const char *zi = "criteria t \"T\" { regulation \"R\"\n"
                     "  scale yn { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                     "  group p \"P\" weight 6 { group x \"X\" weight 2 { question \"P.x\" \"x\" : yn }\n"
                     "                           group y \"Y\" weight 4 { question \"P.y\" \"y\" : yn } }\n"
                     "  group r \"R\" weight 6 { group x \"X\" weight 2 { question \"R.x\" \"x\" : yn }\n"
                     "                           group y \"Y\" weight 4 { question \"R.y\" \"y\" : yn } }\n"
                     "  view area \"Area\" = p + r\n"
                     "  verdict GOOD \"good\" { all area >= 75% }\n"
                     "  verdict FAIR \"fair\" { all area >= 50% }\n"
                     "  otherwise POOR \"poor\"\n"
                     "}\n";
    /* area.x = P.x·2 + R.x·2 of 4; area.y of 8 */
    const struct answer u0[] = {{"P.x", 1}, {"R.x", 1}, {"P.y", 1}, {"R.y", 1}, {NULL, 0}};
    const struct answer u1[] = {{"P.x", 1}, {"R.x", 0}, {"P.y", 1}, {"R.y", 1}, {NULL, 0}};
    const struct answer u2[] = {{"P.x", 0}, {"R.x", 0}, {"P.y", 1}, {"R.y", 1}, {NULL, 0}};
    const struct answer *const units[] = {u0, u1, u2};
    struct scored s;
    score(&s, zi, units, 3);
    CLOSE(out(&s, 0, "area.x"), 4);
    CLOSE(out(&s, 0, "area.y"), 8);
    ck_assert_str_eq(verdict_of(&s, 0), "GOOD");
    ck_assert_str_eq(verdict_of(&s, 1), "FAIR"); /* area.x = 2 of 4: 50 % exactly */
    ck_assert_str_eq(verdict_of(&s, 2), "POOR");
    /* Explain: GOOD's first condition for unit 1 is area.x 2 against 75 % of 4 = 3 */
    const struct zi_module *d = &s.c.model->descriptor;
    ck_assert_uint_eq(d->n_conditions, 4);
    ck_assert_str_eq(d->conditions[0].text, "area.x >= 75%");
    CLOSE(d->conditions[0].rhs_weight, 4);
    CLOSE(d->conditions[0].rhs_percent, 0.75);
    CLOSE(s.b.lhs[0 * 3 + 1], 2);
    CLOSE(s.b.rhs[0 * 3 + 1], 3);
    done(&s);
}
END_TEST

START_TEST(thresholds_are_exact_despite_rounding)
{
    /* 0.1 + 0.2 is 0.30000000000000004 in doubles, 0.7 - 0.4 is 0.29999999999999993: both are on 0.3. */
    const char *zi = "criteria t \"T\" { regulation \"R\"\n"
                     "  group g \"G\" weight 1 { question \"A\" a \"a\" : number in [0, 1] = answer }\n"
                     "  let x = g.a.answer + 0.2\n"
                     "  let y = g.a.answer - 0.4\n"
                     "  verdict GE \"ge\" { x >= 0.3; y >= 0.3; x <= 0.3; y <= 0.3; x == 0.3 }\n"
                     "  verdict GT \"gt\" { x > 0.3 }\n"
                     "  otherwise NONE_ \"none\"\n"
                     "}\n";
    const struct answer u0[] = {{"A", 0.1}, {NULL, 0}};
    const struct answer u1[] = {{"A", 0.7}, {NULL, 0}};
    const struct answer *const units[] = {u0, u1};
    struct scored s;
    score(&s, zi, units, 2);
    ck_assert_str_eq(verdict_of(&s, 0), "NONE_"); /* y = -0.3: fails y >= 0.3 … and x > 0.3 does not hold */
    done(&s);
    const char *zi2 = "criteria t \"T\" { regulation \"R\"\n"
                      "  group g \"G\" weight 1 { question \"A\" a \"a\" : number in [0, 1] = answer }\n"
                      "  let x = g.a.answer + 0.2\n"
                      "  verdict ON \"on\" { x >= 0.3; x <= 0.3; x == 0.3 }\n"
                      "  verdict OVER \"over\" { x > 0.3 }\n"
                      "  otherwise UNDER \"under\"\n"
                      "}\n";
    const struct answer v0[] = {{"A", 0.1}, {NULL, 0}};
    const struct answer v1[] = {{"A", 0.1000001}, {NULL, 0}};
    const struct answer v2[] = {{"A", 0.0999999}, {NULL, 0}};
    const struct answer *const units2[] = {v0, v1, v2};
    score(&s, zi2, units2, 3);
    ck_assert_str_eq(verdict_of(&s, 0), "ON");
    ck_assert_str_eq(verdict_of(&s, 1), "OVER");
    ck_assert_str_eq(verdict_of(&s, 2), "UNDER");
    done(&s);
}
END_TEST

START_TEST(functions_and_division_by_zero)
{
    const char *zi = "criteria t \"T\" { regulation \"R\"\n"
                     "  group g \"G\" weight 1 { score \"F\" f \"f\" { input a \"a\" : number in [-10, 10]\n"
                     "                                             input b \"b\" : number in [-10, 10]\n"
                     "                          = clamp(min(a, b) + max(a, b) - abs(a), 0, 1) } }\n"
                     "  let q = g.f.a / g.f.b\n"
                     "  verdict V \"v\" { q >= 0 }\n"
                     "  otherwise W \"w\"\n"
                     "}\n";
    const struct answer u0[] = {{"F.a", -2}, {"F.b", 0.5}, {NULL, 0}};
    const struct answer u1[] = {{"F.a", 3}, {"F.b", 0}, {NULL, 0}};
    const struct answer *const units[] = {u0, u1};
    struct scored s;
    score(&s, zi, units, 2);
    /* u0: min -2 + max 0.5 - abs 2 = -3.5 → clamped 0; q = -4 */
    CLOSE(out(&s, 0, "g.f"), 0);
    CLOSE(out(&s, 0, "q"), -4);
    ck_assert_str_eq(verdict_of(&s, 0), "W");
    /* u1: 0 + 3 - 3 = 0; q = 3 / 0 = 0 by definition */
    CLOSE(out(&s, 1, "q"), 0);
    ck_assert_str_eq(verdict_of(&s, 1), "V");
    done(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("codegen");
    TCase *tc = tcase_create("constructs");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, group_modes);
    tcase_add_test(tc, missing_policies);
    tcase_add_test(tc, score_items_requires_and_lets);
    tcase_add_test(tc, views_all_and_percent_of_weight);
    tcase_add_test(tc, thresholds_are_exact_despite_rounding);
    tcase_add_test(tc, functions_and_division_by_zero);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
