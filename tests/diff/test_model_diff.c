/* test_model_diff.c — model_diff.c on pairs of rule sets held in memory: each kind of change found once, with
 * its numbers, its lines and the conditions it pairs; the same rules written otherwise are identical; a
 * formula the descriptor does not show is still found. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "frontend.h"
#include "model.h"
#include "model_diff.h"

struct side {
    struct zi_compilation c;
    struct zi_model *model;
    struct zi_diff_side s;
};

static void open_side(struct side *x, const char *name, const char *text)
{
    struct zi_frontend_options options = {.error_limit = 50};
    ck_assert_msg(zi_compilation_open_memory(&x->c, name, text, strlen(text), &options),
                  "%s does not compile", name);
    x->model = zi_model_lower(x->c.criteria, &x->c.source, "test", &x->c.arena);
    x->s = (struct zi_diff_side){x->model, &x->c.source, x->c.criteria};
}

/* The diff of two texts; the sides stay open (the changes point into the diff's own arena only). */
static void diff_texts(const char *old_text, const char *new_text, struct zi_diff *d)
{
    struct side a, b;
    open_side(&a, "old.zi", old_text);
    open_side(&b, "new.zi", new_text);
    zi_diff_models(&a.s, &b.s, d);
    zi_compilation_free(&a.c);
    zi_compilation_free(&b.c);
}

/* The only change of `section` with that subject and aspect (NULL: any), failing when there is not exactly
 * one. */
static const struct zi_diff_change *one(const struct zi_diff *d, enum zi_diff_section section,
                                        const char *subject, const char *aspect)
{
    const struct zi_diff_change *found = NULL;
    unsigned n = 0;
    for (size_t k = 0; k < d->n; k++) {
        const struct zi_diff_change *c = &d->changes[k];
        if (c->section == section && strcmp(c->subject, subject) == 0 &&
            (!aspect || (c->aspect && strcmp(c->aspect, aspect) == 0))) {
            found = c;
            n++;
        }
    }
    ck_assert_msg(n == 1, "%u changes of %s %s %s", n, zi_diff_section_key(section), subject,
                  aspect ? aspect : "");
    return found;
}

static const char base[] = "criteria uji \"Uji\" {\n"
                           "  regulation \"Contoh\"\n"
                           "  numbering free\n"
                           "  scale yt { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                           "  group a \"A\" weight 60 {\n"
                           "    question \"A.a\" \"Satu\" : yt\n"
                           "    question \"A.b\" \"Dua\" : yt\n"
                           "  }\n"
                           "  group b \"B\" weight 40 {\n"
                           "    question \"B.a\" \"Tiga\" : yt\n"
                           "  }\n"
                           "  verdict BAIK \"Baik\" {\n"
                           "    total >= 75\n"
                           "    a >= 40\n"
                           "  }\n"
                           "  otherwise KURANG \"Kurang\"\n"
                           "}\n";

/* `text` with `from` replaced by `to`: a malloc'd copy; `text` is freed unless it is `base`. */
static char *replaced(char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    ck_assert_msg(at != NULL, "'%s' is not in the text", from);
    char *out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
    ck_assert_ptr_nonnull(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    if (text != base) free(text);
    return out;
}

static char *edited(const char *from, const char *to)
{
    return replaced((char *)base, from, to);
}

START_TEST(identical_text)
{
    struct zi_diff d;
    diff_texts(base, base, &d);
    ck_assert_uint_eq(d.n, 0);
    zi_diff_free(&d);
}
END_TEST

START_TEST(same_rules_written_otherwise)
{
    /* The groups swapped, the conditions swapped, spaces and a comment: nothing to say. */
    char *text =
        edited("  group a \"A\" weight 60 {\n    question \"A.a\" \"Satu\" : yt\n    question \"A.b\" "
               "\"Dua\" : yt\n  }\n  group b \"B\" weight 40 {\n    question \"B.a\" \"Tiga\" : yt\n  }\n"
               "  verdict BAIK \"Baik\" {\n    total >= 75\n    a >= 40\n  }\n",
               "  group b \"B\" weight 40 {\n    question \"B.a\" \"Tiga\" : yt\n  }\n  group a \"A\" "
               "weight 60 {\n    question \"A.a\" \"Satu\" : yt // one\n    question \"A.b\" \"Dua\" : yt\n"
               "  }\n  verdict BAIK \"Baik\" {\n    a   >=   40\n    total >= 75.0\n  }\n");
    struct zi_diff d;
    diff_texts(base, text, &d);
    ck_assert_uint_eq(d.n, 0);
    zi_diff_free(&d);
    free(text);
}
END_TEST

START_TEST(threshold_is_one_change)
{
    char *text = edited("total >= 75", "total >= 80");
    struct zi_diff d;
    diff_texts(base, text, &d);
    ck_assert_uint_eq(d.n, 1);
    const struct zi_diff_change *c = one(&d, ZI_DIFF_CONDITIONS, "BAIK", "threshold");
    ck_assert_int_eq(c->kind, ZI_DIFF_CHANGED);
    ck_assert_str_eq(c->old_text, "total >= 75");
    ck_assert_str_eq(c->new_text, "total >= 80");
    ck_assert(c->has_values);
    ck_assert_double_eq(c->old_value, 75);
    ck_assert_double_eq(c->new_value, 80);
    ck_assert_str_eq(c->old_at, "old.zi:13");
    ck_assert_str_eq(c->new_at, "new.zi:13");
    ck_assert_int_eq(c->old_condition, 0); /* BAIK's first condition on both sides */
    ck_assert_int_eq(c->new_condition, 0);
    zi_diff_free(&d);
    free(text);
}
END_TEST

START_TEST(item_moved_retexted_added_removed)
{
    char *text = edited("    question \"A.b\" \"Dua\" : yt\n", "");
    text = replaced(
        text, "\"Tiga\" : yt\n",
        "\"Tiga, baru\" : yt\n    question \"A.b\" \"Dua\" : yt\n    question \"B.c\" \"Empat\" : yt\n");
    struct zi_diff d;
    diff_texts(base, text, &d);
    ck_assert_str_eq(one(&d, ZI_DIFF_ITEMS, "A.b", "moved")->new_text, "b");
    ck_assert_str_eq(one(&d, ZI_DIFF_ITEMS, "B.a", "text")->new_text, "\"Tiga, baru\"");
    const struct zi_diff_change *added = one(&d, ZI_DIFF_ITEMS, "B.c", NULL);
    ck_assert_int_eq(added->kind, ZI_DIFF_ADDED);
    ck_assert_ptr_null(added->old_text);
    ck_assert_str_eq(added->new_at, "new.zi:11");
    /* A.a is alone in a now: its share of a went from 30 to 60 points. */
    const struct zi_diff_change *points = one(&d, ZI_DIFF_ITEMS, "A.a", "points");
    ck_assert_double_eq(points->old_value, 30);
    ck_assert_double_eq(points->new_value, 60);
    zi_diff_free(&d);
    free(text);
}
END_TEST

START_TEST(weights_and_a_verdict)
{
    char *text = edited("weight 60", "weight 50");
    text = replaced(text, "weight 40", "weight 50");
    text = replaced(text, "  otherwise", "  verdict HEBAT \"Hebat\" { total >= 90 }\n  otherwise");
    struct zi_diff d;
    diff_texts(base, text, &d);
    ck_assert_double_eq(one(&d, ZI_DIFF_GROUPS, "a", "weight")->new_value, 50);
    ck_assert_double_eq(one(&d, ZI_DIFF_GROUPS, "b", "weight")->new_value, 50);
    ck_assert_int_eq(one(&d, ZI_DIFF_VERDICTS, "HEBAT", NULL)->kind, ZI_DIFF_ADDED);
    const struct zi_diff_change *c = one(&d, ZI_DIFF_CONDITIONS, "HEBAT", NULL);
    ck_assert_int_eq(c->kind, ZI_DIFF_ADDED);
    ck_assert_str_eq(c->new_text, "total >= 90");
    ck_assert_int_eq(c->old_condition, -1);
    zi_diff_free(&d);
    free(text);
}
END_TEST

START_TEST(label_score)
{
    char *text = edited("\"Tidak\" = 0", "\"Tidak\" = 0.25");
    struct zi_diff d;
    diff_texts(base, text, &d);
    ck_assert_uint_eq(d.n, 1);
    const struct zi_diff_change *c = one(&d, ZI_DIFF_SCALES, "yt", "score of \"Tidak\"");
    ck_assert_double_eq(c->old_value, 0);
    ck_assert_double_eq(c->new_value, 0.25);
    ck_assert_str_eq(c->new_at, "new.zi:4");
    zi_diff_free(&d);
    free(text);
}
END_TEST

START_TEST(verdicts_reordered)
{
    static const char two[] = "criteria uji \"Uji\" {\n  regulation \"Contoh\"\n  numbering free\n"
                              "  scale yt { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                              "  group a \"A\" weight 10 { question \"A.a\" \"Satu\" : yt }\n"
                              "  verdict X \"X\" { total >= 9 }\n  verdict Y \"Y\" { total <= 5 }\n"
                              "  otherwise Z \"Z\"\n}\n";
    static const char swapped[] = "criteria uji \"Uji\" {\n  regulation \"Contoh\"\n  numbering free\n"
                                  "  scale yt { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                                  "  group a \"A\" weight 10 { question \"A.a\" \"Satu\" : yt }\n"
                                  "  verdict Y \"Y\" { total <= 5 }\n  verdict X \"X\" { total >= 9 }\n"
                                  "  otherwise Z \"Z\"\n}\n";
    struct zi_diff d;
    diff_texts(two, swapped, &d);
    ck_assert_uint_eq(d.n, 1);
    const struct zi_diff_change *c = one(&d, ZI_DIFF_VERDICTS, "verdicts", "order");
    ck_assert_str_eq(c->old_text, "X, Y, Z");
    ck_assert_str_eq(c->new_text, "Y, X, Z");
    zi_diff_free(&d);
}
END_TEST

START_TEST(formula_only_the_program_shows)
{
    static const char f[] = "criteria uji \"Uji\" {\n  regulation \"Contoh\"\n  numbering free\n"
                            "  group g \"G\" weight 10 {\n"
                            "    score \"S.a\" \"Rasio\" { input x \"X\" : count\n input y \"Y\" : count\n"
                            " = ratio(x, y, 0) }\n  }\n"
                            "  verdict OK \"Oke\" { total >= 5 }\n  otherwise NO \"Tidak\"\n}\n";
    char g[sizeof f];
    strcpy(g, f);
    char *zero = strstr(g, "y, 0)");
    ck_assert_ptr_nonnull(zero);
    zero[3] = '1';
    struct zi_diff d;
    diff_texts(f, g, &d);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_int_eq(one(&d, ZI_DIFF_ITEMS, "S.a", "formula")->kind, ZI_DIFF_CHANGED);
    zi_diff_free(&d);
}
END_TEST

START_TEST(numbers)
{
    char buf[48];
    ck_assert_str_eq(zi_diff_number(18.25, 6, buf), "18.25");
    ck_assert_str_eq(zi_diff_number(4.0 / 3, 2, buf), "1.33");
    ck_assert_str_eq(zi_diff_number(-0.0, 2, buf), "0");
    ck_assert_str_eq(zi_diff_shortest(0.6, buf), "0.6");
    ck_assert_str_eq(zi_diff_shortest(50, buf), "50");
    ck_assert_str_eq(zi_diff_shortest(1e-7, buf), "1e-07");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_diff");
    TCase *tc = tcase_create("diff");
    tcase_add_test(tc, identical_text);
    tcase_add_test(tc, same_rules_written_otherwise);
    tcase_add_test(tc, threshold_is_one_change);
    tcase_add_test(tc, item_moved_retexted_added_removed);
    tcase_add_test(tc, weights_and_a_verdict);
    tcase_add_test(tc, label_score);
    tcase_add_test(tc, verdicts_reordered);
    tcase_add_test(tc, formula_only_the_program_shows);
    tcase_add_test(tc, numbers);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
