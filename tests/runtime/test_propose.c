/* test_propose.c — propose.c: the proposability rules over every combination of prerequisite statuses, and
 * which facts a prerequisite reads, found from its text.
 *
 * The rules of docs/runtime.md are checked against a second statement of them: a missing fact could be any
 * value, so a unit's proposability is what every way of filling its unknowns gives — one outcome when they
 * all agree, "relaxed" when each is yes or relaxed (proposable either way, on the relaxation's word), and
 * "unknown" otherwise.
 */
#include <check.h>
#include <stdlib.h>

#include "zirt.h"

#define MAX_CONDS 6

/* A descriptor with one verdict of `n_pre` prerequisites and `n_relax` relaxation conditions (only what
 * zi_propose_status reads), a verdict with none, and the `otherwise`. */
struct small {
    struct zi_module m;
    struct zi_condition_desc conds[MAX_CONDS];
    struct zi_verdict_desc verdicts[3];
};

static void small_init(struct small *s, unsigned n_pre, unsigned n_relax)
{
    memset(s, 0, sizeof *s);
    for (unsigned k = 0; k < n_pre + n_relax; k++) {
        s->conds[k].text = "x";
        s->conds[k].verdict = 0;
        s->conds[k].role = k < n_pre ? ZI_CONDITION_PREREQUISITE : ZI_CONDITION_RELAXATION;
    }
    s->verdicts[0] = (struct zi_verdict_desc){"A", "A", 0, 0, 0, 0, n_pre + n_relax};
    s->verdicts[1] = (struct zi_verdict_desc){"B", "B", 0, 0, 0, 0, 0};
    s->verdicts[2] = (struct zi_verdict_desc){"C", "C", 0, 0, 1, 0, 0};
    s->m.conditions = s->conds;
    s->m.n_conditions = n_pre + n_relax;
    s->m.verdicts = s->verdicts;
    s->m.n_verdicts = 3;
}

/* The outcome of one world: every status met or unmet. */
static enum zi_proposable decided(const uint8_t *st, unsigned n_pre, unsigned n_relax)
{
    int all = 1, relax = n_relax > 0;
    for (unsigned k = 0; k < n_pre; k++)
        all &= st[k] == ZI_PREREQ_MET;
    for (unsigned k = n_pre; k < n_pre + n_relax; k++)
        relax &= st[k] == ZI_PREREQ_MET;
    return all ? ZI_PROPOSE_YES : relax ? ZI_PROPOSE_RELAXED : ZI_PROPOSE_NO;
}

/* Every world the unknowns allow. */
static enum zi_proposable oracle(const uint8_t *st, unsigned n_pre, unsigned n_relax)
{
    unsigned n = n_pre + n_relax, unknown[MAX_CONDS], nu = 0;
    for (unsigned k = 0; k < n; k++)
        if (st[k] == ZI_PREREQ_UNKNOWN) unknown[nu++] = k;
    int seen[5] = {0};
    for (unsigned w = 0; w < 1u << nu; w++) {
        uint8_t world[MAX_CONDS];
        memcpy(world, st, n);
        for (unsigned j = 0; j < nu; j++)
            world[unknown[j]] = (w >> j) & 1 ? ZI_PREREQ_MET : ZI_PREREQ_UNMET;
        seen[decided(world, n_pre, n_relax)] = 1;
    }
    if (seen[ZI_PROPOSE_NO])
        return seen[ZI_PROPOSE_YES] || seen[ZI_PROPOSE_RELAXED] ? ZI_PROPOSE_UNKNOWN : ZI_PROPOSE_NO;
    return seen[ZI_PROPOSE_RELAXED] ? ZI_PROPOSE_RELAXED : ZI_PROPOSE_YES;
}

START_TEST(every_combination)
{
    static const char *const name[] = {"n/a", "yes", "relaxed", "no", "unknown"};
    unsigned cases = 0, by_outcome[5] = {0};
    for (unsigned n_pre = 1; n_pre <= 3; n_pre++) {
        for (unsigned n_relax = 0; n_relax <= 2; n_relax++) {
            struct small s;
            small_init(&s, n_pre, n_relax);
            unsigned n = n_pre + n_relax, combos = 1;
            for (unsigned k = 0; k < n; k++)
                combos *= 3;
            for (unsigned c = 0; c < combos; c++) {
                uint8_t st[MAX_CONDS];
                for (unsigned k = 0, x = c; k < n; k++, x /= 3)
                    st[k] = (uint8_t)(x % 3);
                enum zi_proposable got = zi_propose_status(&s.m, 0, st), want = oracle(st, n_pre, n_relax);
                ck_assert_msg(got == want, "%u prerequisites, %u relaxation conditions, case %u: %s, want %s",
                              n_pre, n_relax, c, name[got], name[want]);
                cases++;
                by_outcome[got]++;
            }
            /* A verdict with no prerequisites is proposable on its score; the `otherwise` never is. */
            ck_assert_int_eq(zi_propose_status(&s.m, 1, NULL), ZI_PROPOSE_YES);
            ck_assert_int_eq(zi_propose_status(&s.m, 2, NULL), ZI_PROPOSE_NA);
        }
    }
    ck_assert_uint_eq(cases, 3 * (1 + 3 + 9) + 9 * (1 + 3 + 9) + 27 * (1 + 3 + 9));
    for (int p = ZI_PROPOSE_YES; p <= ZI_PROPOSE_UNKNOWN; p++)
        ck_assert_msg(by_outcome[p] > 0, "no case gave %s", name[p]);
}
END_TEST

/* The rules as docs/runtime.md words them, one case each. */
START_TEST(documented_cases)
{
    struct small s;
    small_init(&s, 2, 1);
    const uint8_t M = ZI_PREREQ_MET, X = ZI_PREREQ_UNMET, U = ZI_PREREQ_UNKNOWN;
    const struct {
        uint8_t st[3];
        enum zi_proposable want;
    } cases[] = {
        {{M, M, X}, ZI_PROPOSE_YES},     /* all met: the relaxation does not matter */
        {{X, M, M}, ZI_PROPOSE_RELAXED}, /* unmet, under the relaxation */
        {{U, M, M}, ZI_PROPOSE_RELAXED}, /* unknown, under the relaxation */
        {{X, M, X}, ZI_PROPOSE_NO},      /* unmet, relaxation unmet */
        {{X, U, X}, ZI_PROPOSE_NO},      /* one unmet is enough, whatever the unknown is */
        {{U, M, X}, ZI_PROPOSE_UNKNOWN}, /* the unknown decides */
        {{X, M, U}, ZI_PROPOSE_UNKNOWN}, /* the relaxation's unknown decides */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        ck_assert_msg(zi_propose_status(&s.m, 0, cases[k].st) == cases[k].want, "case %zu", k);
    small_init(&s, 2, 0);
    const uint8_t unmet[2] = {X, M}, unknown[2] = {M, U};
    ck_assert_int_eq(zi_propose_status(&s.m, 0, unmet), ZI_PROPOSE_NO);
    ck_assert_int_eq(zi_propose_status(&s.m, 0, unknown), ZI_PROPOSE_UNKNOWN);
}
END_TEST

/* The facts a condition reads, from texts such as the compiler writes. */
START_TEST(facts_read_by_a_condition)
{
    static const struct zi_input_desc inputs[] = {
        {"A.1", "A.1", "a", 0, 0, 0, ZI_INPUT_NUMBER, 0, 0, ZI_ROLE_ANSWER, 0, 0, 1},
        {"instansi.jenis", 0, "j", 0, 0, 0, ZI_INPUT_NUMBER, 0, -1, ZI_ROLE_FACT, 1, 0, 1},
        {"instansi.indeks_rb", 0, "r", 0, 0, 0, ZI_INPUT_NUMBER, 0, -1, ZI_ROLE_FACT, 2, 0, 1},
        {"instansi.indeks", 0, "i", 0, 0, 0, ZI_INPUT_NUMBER, 0, -1, ZI_ROLE_FACT, 3, 0, 1},
        {"unit.tlhp", 0, "t", 0, 0, 0, ZI_INPUT_NUMBER, 0, -1, ZI_ROLE_FACT, 4, 0, 1},
    };
    struct zi_condition_desc conds[] = {
        {"total >= 75", "total", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, 0, -1, 0, 0},
        {"if instansi.jenis == \"pemda\" then instansi.indeks_rb >= \"CC\" else instansi.indeks_rb >= \"B\"",
         0, 0, 0, ZI_CONDITION_PREREQUISITE, ZI_COND_BOOL, -1, -1, 0, 0},
        {"unit . tlhp >= 100%", 0, 0, 0, ZI_CONDITION_PREREQUISITE, ZI_COND_GE, -1, -1, 0, 0},
        {"unit.jenis == \"instansi.indeks\" and total >= 60", 0, 0, 0, ZI_CONDITION_RELAXATION, ZI_COND_BOOL,
         -1, -1, 0, 0},
        {"instansi.indeks_rbx >= 2 or instansi.indeks.x", 0, 0, 0, ZI_CONDITION_RELAXATION, ZI_COND_BOOL, -1,
         -1, 0, 0},
    };
    struct zi_verdict_desc verdicts[] = {{"A", "A", 0, 1, 0, 1, 4}, {"B", "B", 1, 0, 1, 0, 0}};
    struct zi_module m;
    memset(&m, 0, sizeof m);
    m.inputs = inputs;
    m.n_inputs = 5;
    m.conditions = conds;
    m.n_conditions = 5;
    m.verdicts = verdicts;
    m.n_verdicts = 2;
    struct zi_propose p;
    ck_assert_int_eq(zi_propose_init(&p, &m), 0);
    ck_assert(p.any);
    ck_assert_uint_eq(p.first_fact[1] - p.first_fact[0], 0); /* a verdict's condition is not looked at */
    /* Each fact once, in the order read; a label that looks like a key is not a read. */
    ck_assert_uint_eq(p.first_fact[2] - p.first_fact[1], 2);
    ck_assert_uint_eq(p.facts[p.first_fact[1]], 1);
    ck_assert_uint_eq(p.facts[p.first_fact[1] + 1], 2);
    ck_assert_uint_eq(p.first_fact[3] - p.first_fact[2], 1);
    ck_assert_uint_eq(p.facts[p.first_fact[2]], 4);
    ck_assert_uint_eq(p.first_fact[4] - p.first_fact[3], 0);
    /* Whole names only: instansi.indeks_rbx and instansi.indeks.x are not instansi.indeks(_rb). */
    ck_assert_uint_eq(p.first_fact[5] - p.first_fact[4], 0);
    zi_propose_free(&p);
    /* A criteria without prerequisites has nothing to report and allocates nothing. */
    verdicts[0].n_prerequisites = 0;
    ck_assert_int_eq(zi_propose_init(&p, &m), 0);
    ck_assert(!p.any);
    ck_assert_ptr_null(p.facts);
    zi_propose_free(&p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime propose");
    TCase *tc = tcase_create("propose");
    tcase_add_test(tc, every_combination);
    tcase_add_test(tc, documented_cases);
    tcase_add_test(tc, facts_read_by_a_condition);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
