/* test_compare.c — compare/join.c and the numbers of compare/cells.c: units matched across sets by id
 * ignoring case, spaces and tabs; a unit missing from a set kept with ZI_NONE there; an id twice in one set
 * marks the row instead of being dropped or chosen; empty ids never joined; signed changes that round to zero
 * unsigned.
 */
#include <check.h>
#include <stdlib.h>

#include "compare/compare.h"

/* A set of units named by `ids` (rows 2, 3, …). */
struct fake {
    struct zi_unit_result r[8];
    struct zi_set_unit u[8];
    struct zi_set set;
};

static void fake_init(struct fake *f, const char *name, const char *const *ids, size_t n)
{
    memset(f, 0, sizeof *f);
    for (size_t k = 0; k < n; k++) {
        f->r[k].id = ids[k];
        f->r[k].row = k + 2;
        f->u[k] = (struct zi_set_unit){&f->r[k], ids[k], strlen(ids[k])};
    }
    f->set = (struct zi_set){name, name, f->u, n, 0};
}

START_TEST(joined_ignoring_case_and_spaces)
{
    static const char *const a_ids[] = {"Kanwil Jatim", "U02", "U03"};
    static const char *const b_ids[] = {"kanwil jatim ", "U04", "u02"};
    struct fake a, b;
    fake_init(&a, "a", a_ids, 3);
    fake_init(&b, "b", b_ids, 3);
    struct zi_set sets[] = {a.set, b.set};
    struct zi_join j;
    ck_assert_int_eq(zi_join_build(&j, sets, 2), 0);
    ck_assert_uint_eq(j.n, 4);
    /* The first set's order, then the units only later sets have; the id as the first set spells it. */
    ck_assert_int_eq((int)j.rows[0].id_len, 12);
    ck_assert(memcmp(j.rows[0].id, "Kanwil Jatim", 12) == 0);
    ck_assert_uint_eq(j.rows[0].at[0], 0);
    ck_assert_uint_eq(j.rows[0].at[1], 0);
    ck_assert_uint_eq(j.rows[1].at[1], 2);       /* U02 and u02 */
    ck_assert_uint_eq(j.rows[2].at[1], ZI_NONE); /* U03 not in b */
    ck_assert(memcmp(j.rows[3].id, "U04", 3) == 0);
    ck_assert_uint_eq(j.rows[3].at[0], ZI_NONE); /* U04 only in b */
    ck_assert_int_eq(zi_at_state(&j, sets, 2, 1), ZI_AT_ABSENT);
    ck_assert_int_eq(zi_at_state(&j, sets, 1, 1), ZI_AT_OK);
    zi_join_free(&j);
}
END_TEST

START_TEST(twice_in_a_set_and_empty_ids)
{
    static const char *const a_ids[] = {"U01", "", "u 01", ""};
    static const char *const b_ids[] = {"U01"};
    struct fake a, b;
    fake_init(&a, "a", a_ids, 4);
    fake_init(&b, "b", b_ids, 1);
    struct zi_set sets[] = {a.set, b.set};
    struct zi_join j;
    ck_assert_int_eq(zi_join_build(&j, sets, 2), 0);
    /* U01 (twice in a: rows 2 and 4), and each empty id a row of its own. */
    ck_assert_uint_eq(j.n, 3);
    ck_assert_uint_eq(j.rows[0].at[0], 0);
    ck_assert_uint_eq(j.rows[0].dup[0], 4);
    ck_assert_uint_eq(j.rows[0].dup[1], 0);
    ck_assert_int_eq(zi_at_state(&j, sets, 0, 0), ZI_AT_TWICE);
    ck_assert_int_eq(zi_at_state(&j, sets, 0, 1), ZI_AT_OK);
    ck_assert_uint_eq(j.rows[1].at[0], 1);
    ck_assert_uint_eq(j.rows[2].at[0], 3);
    ck_assert_uint_eq(j.rows[2].at[1], ZI_NONE);
    zi_join_free(&j);
}
END_TEST

START_TEST(changes_for_people)
{
    char t[ZI_FMT_MAX];
    zi_people_change(2.5, ',', t);
    ck_assert_str_eq(t, "+2,50");
    zi_people_change(-1, '.', t);
    ck_assert_str_eq(t, "-1.00");
    zi_people_change(-0.001, ',', t); /* rounds away: no sign that would claim a fall */
    ck_assert_str_eq(t, "0,00");
    zi_people_number(NAN, ',', t);
    ck_assert_str_eq(t, "-");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime compare");
    TCase *tc = tcase_create("compare");
    tcase_add_test(tc, joined_ignoring_case_and_spaces);
    tcase_add_test(tc, twice_in_a_set_and_empty_ids);
    tcase_add_test(tc, changes_for_people);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
