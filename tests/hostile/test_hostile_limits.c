/* test_hostile_limits.c — the runtime's memory limits on the number of units (docs/limits.md), reached with
 * small numbers: this suite links its own ingest_long.c and idset.c, built with a store limit of 1 MiB
 * instead of 2 GiB and 16 ids a shard of the duplicate-id table instead of 2^21
 * (tests/hostile/CMakeLists.txt). The messages are those a user sees at the real limits, sizes aside.
 */
#include "fixture.h"
#include "zirt.h"

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

static int run_text(const char *text, size_t len, char **diag, struct zi_run_stats *st)
{
    size_t diag_len;
    FILE *in = fmemopen((void *)text, len, "rb"), *out = fopen("/dev/null", "w"),
         *d = open_memstream(diag, &diag_len);
    ck_assert(in && out && d);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = ZI_REPORT_CSV;
    opt.allow_missing_columns = 1; /* the limits are tested with headers of a few inputs */
    int rc = zi_run(m, in, "data.csv", out, d, &opt, st);
    fclose(in);
    fclose(out);
    fclose(d);
    return rc;
}

START_TEST(long_format_store_limit)
{
    /* The fixture's units take 90 bytes of answers and 32 of bookkeeping each in the store, plus their ids:
     * 8192 units fit in 1 MiB, the 8193rd does not. Nothing is reported: no unit is complete before the
     * whole file is grouped. */
    struct zi_buf t;
    zi_buf_init(&t);
    zi_buf_puts(&t, "unit,item,answer\n");
    for (unsigned u = 0; u < 10000; u++)
        zi_buf_printf(&t, "U%05u,A.1,Ya\n", u);
    char *diag;
    struct zi_run_stats st;
    ck_assert_int_eq(run_text(t.p, t.len, &diag, &st), ZI_RUN_FAILED);
    ck_assert_str_eq(
        diag, "zirun: data.csv: a long-format file is grouped in memory, and after 8192 units it needs "
              "more than the 1 MiB allowed (use the wide format or JSON for large runs: their memory "
              "does not grow with the number of units)\n");
    ck_assert_uint_eq(st.units, 0);
    free(diag);

    /* 8000 units fit. */
    t.len = 0;
    zi_buf_puts(&t, "unit,item,answer\n");
    for (unsigned u = 0; u < 8000; u++)
        zi_buf_printf(&t, "U%05u,A.1,Ya\n", u);
    ck_assert_int_eq(run_text(t.p, t.len, &diag, &st), ZI_RUN_UNIT_ERRORS); /* A.7 is missing: policy error */
    ck_assert_uint_eq(st.units, 8000);
    free(diag);

    /* Error messages count too: a few units with thousands of bad answers each. */
    t.len = 0;
    zi_buf_puts(&t, "unit,item,answer\n");
    for (unsigned i = 0; i < 20000; i++)
        zi_buf_printf(&t, "U%u,A.1,tidak tahu %u\n", i % 3, i);
    ck_assert_int_eq(run_text(t.p, t.len, &diag, &st), ZI_RUN_FAILED);
    ck_assert_str_eq(diag,
                     "zirun: data.csv: a long-format file is grouped in memory, and after 3 units it needs "
                     "more than the 1 MiB allowed (use the wide format or JSON for large runs: their memory "
                     "does not grow with the number of units)\n");
    free(diag);
    zi_buf_free(&t);
}
END_TEST

START_TEST(units_per_run_limit)
{
    /* With 16 ids a shard, the first of the 64 shards to fill stops the run after about 600 units; at the
     * real limit, after about 134 million. The run stops at the end of that batch (of 256 units, the
     * default); its units past the limit are reported with an error, and the rows after it are not read. */
    struct zi_buf t;
    zi_buf_init(&t);
    zi_buf_puts(&t, "unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2\n");
    for (unsigned u = 0; u < 5000; u++)
        zi_buf_printf(&t, "U%05u,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A\n", u);
    char *diag;
    struct zi_run_stats st;
    ck_assert_int_eq(run_text(t.p, t.len, &diag, &st), ZI_RUN_FAILED);
    const char *tail =
        "too many units for one run (the duplicate-id check holds about 134 million ids): split the "
        "input\n";
    char *fatal = strstr(diag, "zirun: data.csv: row ");
    ck_assert_msg(fatal && strcmp(fatal + strlen(fatal) - strlen(tail), tail) == 0, "%s", diag);
    ck_assert_ptr_nonnull(strstr(diag, "error: unit 'U"));
    ck_assert_ptr_nonnull(strstr(diag, "': too many units for one run: not checked for a duplicate id\n"));
    ck_assert_uint_gt(st.with_errors, 0);
    ck_assert_uint_eq(st.units % 256, 0);
    ck_assert_uint_lt(st.units, 5000);
    free(diag);
    zi_buf_free(&t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hostile limits");
    TCase *tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, long_format_store_limit);
    tcase_add_test(tc, units_per_run_limit);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
