/* test_hostile_criteria.c — criteria files too big for a module: half a million groups side by side, a
 * million one inside another, conditions multiplied by `all`, ten thousand verdicts. Each is refused with
 * E045 (or E011 for the nesting) at a known place, fast, rather than compiling into a module that zirun would
 * refuse or that would exhaust memory on the way. tests/frontend/test_hostile.c has the rest of the front
 * end's hostile inputs (1 MB lines, deep expressions, NUL bytes, invalid UTF-8, every prefix of a file).
 *
 * ZI_TEST_SCALE > 1 (sanitizers, valgrind): the half million flat groups (0.7 GB of AST, a few seconds)
 * become half a million / scale, below the limit, and must then check clean. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

struct text {
    char *p;
    size_t len, cap;
};

static void putf(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(struct text *t, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ck_assert(n >= 0 && n < (int)sizeof tmp);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1 << 16;
        while (t->cap < t->len + (size_t)n + 1)
            t->cap *= 2;
        t->p = realloc(t->p, t->cap);
        ck_assert_ptr_nonnull(t->p);
    }
    memcpy(t->p + t->len, tmp, (size_t)n + 1);
    t->len += (size_t)n;
}

static unsigned scale(void)
{
    const char *s = getenv("ZI_TEST_SCALE");
    int v = s ? atoi(s) : 1;
    return v > 1 ? (unsigned)v : 1;
}

static void expect_message(const struct zi_compilation *c, const char *code, const char *message)
{
    for (const struct zi_diagnostic *d = c->diag.first; d; d = d->next)
        if (strcmp(d->code, code) == 0 && strcmp(d->message, message) == 0) return;
    ck_abort_msg("expected %s \"%s\"; the front end said:\n%s", code, message, zt_dump(c));
}

START_TEST(half_a_million_flat_groups)
{
    /* Half a million groups side by side, each with its question: a million scores and one more group than a
     * module holds. */
    unsigned n = scale() == 1 ? 500001 : 500000 / scale();
    struct text t = {0};
    putf(&t, "criteria k {\n  regulation \"r\"\n  scale y { \"Ya\" = 1 }\n");
    for (unsigned i = 0; i < n; i++)
        putf(&t, "  group g%u weight 1 { question \"%u\" q \"t\" : y }\n", i, i);
    putf(&t, "  verdict V { total >= 1 }\n  otherwise B\n}\n");
    struct zi_compilation c;
    bool ok = zt_compile_n(&c, t.p, t.len, false, 50);
    if (n <= 500000) {
        ck_assert_msg(ok, "%s", zt_dump(&c));
    } else {
        ck_assert(!ok);
        zt_expect_only(&c, "E045", 1, 10);
        expect_message(
            &c, "E045",
            "too many scores (the total, groups, items, view members and lets): 1000003, but a module "
            "holds at most 1000000");
    }
    zi_compilation_free(&c);
    free(t.p);
}
END_TEST

START_TEST(a_million_nested_groups)
{
    /* tests/frontend/test_hostile.c nests ten thousand; a million costs no more, as parsing stops at the
     * 71st brace. */
    unsigned n = 1000000 / scale();
    struct text t = {0};
    putf(&t, "criteria k {\n");
    for (unsigned i = 0; i < n; i++)
        putf(&t, "group g%u weight 1 {\n", i);
    for (unsigned i = 0; i <= n; i++)
        putf(&t, "}\n");
    struct zi_compilation c;
    ck_assert(!zt_compile_n(&c, t.p, t.len, false, 50));
    zt_expect_only(&c, "E011", 71, 20);
    expect_message(&c, "E011", "blocks nested more than 70 deep; parsing stopped here");
    zi_compilation_free(&c);
    free(t.p);
}
END_TEST

/* One group of `members` questions, and `verdicts` verdicts each requiring all of them: verdicts × members
 * conditions from a file of a few kilobytes. */
static void all_conditions(struct text *t, unsigned members, unsigned verdicts)
{
    t->len = 0;
    putf(t,
         "criteria k {\n  regulation \"r\"\n  scale y { \"Ya\" = 1, \"Tidak\" = 0 }\n  group g weight 1 {\n");
    for (unsigned i = 0; i < members; i++)
        putf(t, "    question \"A.%u\" q%u \"t\" : y\n", i, i);
    putf(t, "  }\n");
    /* Thresholds fall from verdict to verdict (100.0%, 99.9%, …): a later verdict asking as much as an
     * earlier one could never be given (E051). */
    for (unsigned v = 0; v < verdicts; v++)
        putf(t, "  verdict V%u { all g >= %u.%u%% }\n", v, (1000 - v) / 10, (1000 - v) % 10);
    putf(t, "  otherwise B\n}\n");
}

START_TEST(conditions_multiplied_by_all)
{
    struct text t = {0};
    struct zi_compilation c;
    all_conditions(&t, 1000, 1000); /* exactly the limit: a million conditions */
    bool ok = zt_compile_n(&c, t.p, t.len, false, 50);
    ck_assert_msg(ok && zt_count(&c, "E045") == 0, "%s", zt_dump(&c));
    zi_compilation_free(&c);
    all_conditions(&t, 1000, 1001);
    ck_assert(!zt_compile_n(&c, t.p, t.len, false, 50));
    zt_expect(&c, "E045", 1, 10);
    zt_expect_count(&c, "E045", 1);
    expect_message(
        &c, "E045",
        "too many conditions (of verdicts and prerequisites, an `all` once per member, and require rules): "
        "1001000, but "
        "a module holds at most 1000000");
    zi_compilation_free(&c);
    free(t.p);
}
END_TEST

static void verdicts(struct text *t, unsigned n)
{
    t->len = 0;
    putf(t,
         "criteria k {\n  regulation \"r\"\n  scale y { \"Ya\" = 1 }\n  group g weight 1 { question \"1\" q "
         "\"t\" : y }\n");
    /* Falling thresholds (1, 0.9999, …): a later verdict asking as much as an earlier one is E051. */
    for (unsigned v = 0; v < n; v++)
        putf(t, "  verdict V%u { total >= %.4f }\n", v, (double)(n - v) / n);
    putf(t, "  otherwise B\n}\n");
}

START_TEST(ten_thousand_verdicts)
{
    struct text t = {0};
    struct zi_compilation c;
    verdicts(&t, 9999); /* and `otherwise`: the limit */
    zt_compile_n(&c, t.p, t.len, false, 50);
    ck_assert_msg(zt_count(&c, "E045") == 0, "%s", zt_dump(&c));
    zi_compilation_free(&c);
    verdicts(&t, 10000);
    ck_assert(!zt_compile_n(&c, t.p, t.len, false, 50));
    zt_expect(&c, "E045", 1, 10);
    expect_message(&c, "E045", "too many verdicts: 10001, but a module holds at most 10000");
    zi_compilation_free(&c);
    free(t.p);
}
END_TEST

START_TEST(a_file_over_64_mebibytes)
{
    /* From memory (fuzzing, tests) and from a file: refused before it is scanned. The file is sparse: 65 MiB
     * that take no disk. */
    size_t n = ((size_t)64 << 20) + 1;
    char *big = calloc(n, 1);
    ck_assert_ptr_nonnull(big);
    struct zi_compilation c;
    ck_assert(!zt_compile_n(&c, big, n, false, 50));
    ck_assert(c.io_failed);
    ck_assert_str_eq(c.io_error, "'test.zi' is too large for a criteria file");
    zi_compilation_free(&c);
    free(big);

    char path[1024], want[1200];
    snprintf(path, sizeof path, "%s/big.zi", ZI_TMP_DIR);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ftruncate(fileno(f), (off_t)65 << 20), 0);
    fclose(f);
    struct zi_frontend_options options = {false, 50};
    ck_assert(!zi_compilation_open(&c, path, &options));
    ck_assert(c.io_failed);
    snprintf(want, sizeof want, "'%s' is larger than 64 MiB; a criteria file never is", path);
    ck_assert_str_eq(c.io_error, want);
    zi_compilation_free(&c);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hostile criteria");
    TCase *tc = tcase_create("limits");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, half_a_million_flat_groups);
    tcase_add_test(tc, a_million_nested_groups);
    tcase_add_test(tc, conditions_multiplied_by_all);
    tcase_add_test(tc, ten_thousand_verdicts);
    tcase_add_test(tc, a_file_over_64_mebibytes);
    suite_add_tcase(s, tc);
    return zt_run(s);
}
