/* test_module.c — checksum.c, validate.c, elfcheck.c, loader.c, describe.c: a good module loads, and every
 * kind of bad one is refused with a message that says what is wrong. */
#include <math.h>

#include "fixture.h"
#include "zirt.h"

/* ---- checksum: an independent serialisation of a small descriptor, byte by byte ---- */

struct bytes {
    unsigned char b[4096];
    size_t n;
};

static void put_str(struct bytes *s, const char *str)
{
    if (!str) {
        s->b[s->n++] = 0xFF;
        return;
    }
    size_t len = strlen(str) + 1;
    memcpy(s->b + s->n, str, len);
    s->n += len;
}

static void put_i64(struct bytes *s, int64_t v)
{
    for (int i = 0; i < 8; i++)
        s->b[s->n++] = (unsigned char)((uint64_t)v >> (8 * i));
}

static void put_f64(struct bytes *s, double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    put_i64(s, (int64_t)u);
}

static uint64_t fnv(const struct bytes *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < s->n; i++)
        h = (h ^ s->b[i]) * 0x100000001b3ull;
    return h;
}

static void noop_score(uint64_t n, const uint8_t *c, const double *x, double *o, int32_t *v, uint64_t *f,
                       uint64_t *u)
{
    (void)n, (void)c, (void)x, (void)o, (void)v, (void)f, (void)u;
}

static void noop_explain(uint64_t n, const uint8_t *c, const double *x, double *o, int32_t *v, uint64_t *f,
                         uint64_t *u, double *l, double *r)
{
    (void)n, (void)c, (void)x, (void)o, (void)v, (void)f, (void)u, (void)l, (void)r;
}

static struct zi_scale_label tiny_labels[] = {{"Ya", 1, 0, 0}, {"Tidak", 0, 0, 0}};
static struct zi_input_desc tiny_inputs[] = {{"Q.1", "Q.1", "Question", "yt", tiny_labels, 2, ZI_INPUT_SCALE,
                                              ZI_MISSING_ZERO, 1, ZI_ROLE_ANSWER, 0, 0, 1}};
static struct zi_output_desc tiny_outputs[] = {{"total", NULL, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 1},
                                               {"g.q", "Q.1", "Question", ZI_OUTPUT_ITEM, -1, 0, 1, 1}};
static struct zi_condition_desc tiny_conditions[] = {
    {"total >= 1", "total", NULL, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, 0, -1, 0, 0}};
static struct zi_verdict_desc tiny_verdicts[] = {{"OK", "Good", 0, 1, 0, 0, 0},
                                                 {"NO", "Not good", 1, 0, 1, 0, 0}};

static struct zi_source_desc tiny_sources[] = {{"tiny.zi", "ab"}};

static struct zi_module tiny(void)
{
    struct zi_module m = {ZI_MODULE_MAGIC,
                          ZI_MODULE_ABI_VERSION,
                          sizeof(struct zi_module),
                          0,
                          0,
                          "tiny",
                          "Tiny",
                          NULL,
                          "tiny.zi",
                          "ab",
                          "zic test",
                          1,
                          2,
                          1,
                          2,
                          1,
                          0,
                          1,
                          0,
                          tiny_inputs,
                          tiny_outputs,
                          tiny_conditions,
                          tiny_verdicts,
                          1,
                          0,
                          tiny_sources,
                          noop_score,
                          noop_explain,
                          "id",
                          0,
                          0,
                          NULL,
                          0,
                          0,
                          NULL};
    return m;
}

START_TEST(checksum_follows_the_spec)
{
    struct zi_module m = tiny();
    struct bytes s = {{0}, 0};
    put_str(&s, "tiny"), put_str(&s, "Tiny"), put_str(&s, NULL), put_str(&s, "tiny.zi"), put_str(&s, "ab");
    put_str(&s, "zic test");
    put_i64(&s, 1), put_i64(&s, 2), put_i64(&s, 1), put_i64(&s, 2), put_i64(&s, 1), put_i64(&s, 0);
    put_i64(&s, 1), put_i64(&s, 0); /* one code column, no number column */
    /* the input, its labels where the labels pointer stands */
    put_str(&s, "Q.1"), put_str(&s, "Q.1"), put_str(&s, "Question"), put_str(&s, "yt");
    put_str(&s, "Ya"), put_f64(&s, 1), put_i64(&s, 0), put_str(&s, "Tidak"), put_f64(&s, 0), put_i64(&s, 0);
    put_i64(&s, 2), put_i64(&s, ZI_INPUT_SCALE), put_i64(&s, ZI_MISSING_ZERO), put_i64(&s, 1);
    put_i64(&s, ZI_ROLE_ANSWER), put_i64(&s, 0); /* role, column */
    put_f64(&s, 0), put_f64(&s, 1);
    /* outputs */
    put_str(&s, "total"), put_str(&s, NULL), put_str(&s, "Total");
    put_i64(&s, ZI_OUTPUT_TOTAL), put_i64(&s, -1), put_i64(&s, 0), put_i64(&s, 1), put_f64(&s, 1);
    put_str(&s, "g.q"), put_str(&s, "Q.1"), put_str(&s, "Question");
    put_i64(&s, ZI_OUTPUT_ITEM), put_i64(&s, -1), put_i64(&s, 0), put_i64(&s, 1), put_f64(&s, 1);
    /* condition */
    put_str(&s, "total >= 1"), put_str(&s, "total"), put_str(&s, NULL);
    put_i64(&s, 0), put_i64(&s, ZI_CONDITION_VERDICT), put_i64(&s, ZI_COND_GE), put_i64(&s, 0),
        put_i64(&s, -1), put_f64(&s, 0), put_f64(&s, 0);
    /* verdicts */
    put_str(&s, "OK"), put_str(&s, "Good"), put_i64(&s, 0), put_i64(&s, 1), put_i64(&s, 0);
    put_i64(&s, 0), put_i64(&s, 0); /* no prerequisites */
    put_str(&s, "NO"), put_str(&s, "Not good"), put_i64(&s, 1), put_i64(&s, 0), put_i64(&s, 1);
    put_i64(&s, 0), put_i64(&s, 0);
    /* the source files */
    put_i64(&s, 1), put_str(&s, "tiny.zi"), put_str(&s, "ab");
    put_str(&s, "id"), put_i64(&s, 0); /* the language, no view parts */
    put_i64(&s, 0);                    /* no score levels */
    ck_assert_uint_eq(zi_module_checksum(&m), fnv(&s));
}
END_TEST

START_TEST(checksum_sees_content_only)
{
    struct zi_module m = tiny();
    uint64_t base = zi_module_checksum(&m);
    m.checksum = 123;
    m.reserved = 7;
    m.score_batch = NULL;
    ck_assert_uint_eq(zi_module_checksum(&m), base); /* not magic, checksum, reserved or entry points */
    m = tiny();
    m.regulation = "";
    ck_assert_uint_ne(zi_module_checksum(&m), base); /* NULL and "" differ */
    m = tiny();
    tiny_labels[1].value = 0.25;
    ck_assert_uint_ne(zi_module_checksum(&m), base);
    tiny_labels[1].value = 0;
    tiny_outputs[1].weight = 2;
    ck_assert_uint_ne(zi_module_checksum(&m), base);
    tiny_outputs[1].weight = 1;
    ck_assert_uint_eq(zi_module_checksum(&m), base);
}
END_TEST

/* ---- validate: an in-memory copy of the tiny module, broken one way at a time ---- */

static void refused(const struct zi_module *m, const char *part)
{
    char err[512] = "";
    ck_assert_int_eq(zi_module_validate(m, err, sizeof err), -1);
    ck_assert_msg(strstr(err, part) != NULL, "message '%s' should contain '%s'", err, part);
}

static struct zi_module valid(void)
{
    struct zi_module m = tiny();
    m.checksum = zi_module_checksum(&m);
    return m;
}

START_TEST(validate_accepts_and_refuses)
{
    struct zi_module m = valid();
    char err[512] = "";
    ck_assert_msg(zi_module_validate(&m, err, sizeof err) == 0, "%s", err);
    refused(NULL, "no module descriptor");
    m = valid(), m.magic = 0x4d495a31;
    refused(&m, "bad magic 0x4d495a31");
    m = valid(), m.abi_version = 1;
    refused(&m, "module ABI version 1, but this runtime reads version 5");
    m = valid(), m.n_code_columns = 0, m.n_number_columns = 1;
    refused(&m, "1 labelled inputs, but 0 code columns");
    m = valid(), m.n_code_columns = 2;
    refused(&m, "2 code columns and 0 number columns for 1 inputs");
    m = valid(), m.descriptor_size = 64;
    refused(&m, "descriptor size 64");
    m = valid(), m.title = NULL;
    refused(&m, "descriptor field title is NULL");
    m = valid(), m.n_inputs = 2000000;
    refused(&m, "absurd counts");
    m = valid(), m.n_failed_words = 2;
    refused(&m, "n_failed_words is 2, but 1 conditions need 1");
    m = valid(), m.outputs = NULL;
    refused(&m, "the outputs table is NULL");
    /* A table pointer damaged on disk (fuzz_module found one): inside the module, off its alignment. */
    m = valid(), m.inputs = (const void *)((const char *)tiny_inputs + 4);
    refused(&m, "the inputs table is misaligned (a damaged module)");
    refused((const struct zi_module *)((const char *)&m + 4), "the descriptor is misaligned");
    m = valid(), m.score_batch = NULL;
    refused(&m, "entry point score_batch is NULL");
    m = valid(), m.total_output = 1;
    refused(&m, "total_output 1 is not the index of the `total` output");
    m = valid(), m.n_verdicts = 1;
    refused(&m, "the last verdict must be the `otherwise` one");
    m = valid(), m.checksum ^= 1;
    refused(&m, "checksum mismatch");
}
END_TEST

START_TEST(validate_tables)
{
    struct zi_input_desc in[1];
    struct zi_output_desc out[2];
    struct zi_condition_desc cond[1];
    struct zi_verdict_desc ver[2];
    struct zi_scale_label lab[2];
    struct zi_module m;
#define RESET()                                                                                              \
    memcpy(in, tiny_inputs, sizeof in), memcpy(out, tiny_outputs, sizeof out),                               \
        memcpy(cond, tiny_conditions, sizeof cond), memcpy(ver, tiny_verdicts, sizeof ver),                  \
        memcpy(lab, tiny_labels, sizeof lab), in[0].labels = lab, m = tiny(), m.inputs = in,                 \
                                              m.outputs = out, m.conditions = cond, m.verdicts = ver
    RESET(), in[0].item = 7;
    refused(&m, "input 0 (Q.1): item 7 is not an item output");
    RESET(), in[0].item = 0;
    refused(&m, "input 0 (Q.1): item 0 is not an item output");
    RESET(), in[0].kind = 9;
    refused(&m, "input 0 (Q.1): unknown kind 9");
    RESET(), in[0].missing = 5;
    refused(&m, "unknown missing policy 5");
    RESET(), lab[1].value = 2;
    refused(&m, "label Tidak has value 2, outside what its kind allows");
    RESET(), lab[0].label = NULL;
    refused(&m, "label 0 is missing");
    RESET(), in[0].n_labels = 0;
    refused(&m, "bad labels table (0 labels)");
    RESET(), in[0].min = 2;
    refused(&m, "input 0 (Q.1): bad range");
    RESET(), in[0].column = 1;
    refused(&m, "input 0 (Q.1): column 1, expected 0");
    /* A number input with a stray scale name, here a pointer to nowhere (fuzz_module: the checksum read it
     * with strlen): refused before anything reads it. */
    RESET(), in[0].kind = ZI_INPUT_NUMBER, in[0].n_labels = 0, in[0].labels = NULL,
             in[0].scale = (const char *)(uintptr_t)0xf900000000u, m.n_code_columns = 0,
             m.n_number_columns = 1;
    refused(&m, "input 0 (Q.1): a scale or labels on an input that is not a scale");
    RESET(), in[0].n_labels = 256;
    refused(&m, "bad labels table (256 labels)");
    RESET(), out[1].parent = 5;
    refused(&m, "output 1 (g.q): parent 5 is out of range");
    /* A loop of parents (the total inside the item inside the total) would hang whatever walks up a chain. */
    RESET(), out[0].parent = 1;
    refused(&m, "output 0 (total): parent 1 comes after it (a group must come before its parts)");
    RESET(), out[1].code = NULL;
    refused(&m, "output 1 (g.q): item code is missing");
    RESET(), out[1].weight = NAN;
    refused(&m, "output 1 (g.q): bad weight");
    RESET(), cond[0].verdict = 4;
    refused(&m, "condition 0 (total >= 1): verdict 4 is out of range");
    RESET(), cond[0].op = 17;
    refused(&m, "unknown operator 17");
    RESET(), cond[0].lhs_output = 9;
    refused(&m, "output index out of range");
    RESET(), ver[0].n_conditions = 5;
    refused(&m, "verdict OK: conditions 0..5 are out of range (1 conditions)");
    RESET(), cond[0].verdict = 1, ver[0].n_conditions = 0, ver[1].n_conditions = 1,
             ver[1].first_condition = 0;
    ver[0].first_condition = 0;
    m.checksum = 0;
    refused(&m, "checksum mismatch"); /* structurally fine: only the checksum is stale */
#undef RESET
}
END_TEST

/* ---- score levels (ABI 5): validated, covered by the checksum, picked by what the CPU has ---- */

static void other_score(uint64_t n, const uint8_t *c, const double *x, double *o, int32_t *v, uint64_t *f,
                        uint64_t *u)
{
    noop_score(n, c, x, o, v, f, u);
}

#define V3 (ZI_CPU_X86_64_V2 | ZI_CPU_X86_64_V3)
#define V4 (V3 | ZI_CPU_X86_64_V4)

static struct zi_score_level portable_levels[3];

static struct zi_module with_levels(void)
{
    portable_levels[0] = (struct zi_score_level){"x86-64", 0, 2, noop_score};
    portable_levels[1] = (struct zi_score_level){"x86-64-v3", V3, 4, other_score};
    portable_levels[2] = (struct zi_score_level){"x86-64-v4", V4, 8, other_score};
    struct zi_module m = tiny();
    m.n_score_levels = 3;
    m.score_levels = portable_levels;
    m.checksum = zi_module_checksum(&m);
    return m;
}

static void picked(const struct zi_module *m, const char *want, uint32_t cpu, int expected, const char *part)
{
    char err[512] = "";
    int got = zi_module_pick_level_for(m, want, cpu, err, sizeof err);
    ck_assert_msg(got == expected, "want %s, cpu 0x%x: level %d, expected %d (%s)", want ? want : "best",
                  (unsigned)cpu, got, expected, err);
    if (part) ck_assert_msg(strstr(err, part) != NULL, "message '%s' should contain '%s'", err, part);
}

START_TEST(score_levels)
{
    struct zi_module m = with_levels();
    char err[512] = "";
    ck_assert_msg(zi_module_validate(&m, err, sizeof err) == 0, "%s", err);
    /* The best the CPU has; a level asked for by name, if the CPU has it. */
    picked(&m, NULL, 0, 0, NULL);
    picked(&m, NULL, ZI_CPU_X86_64_V2, 0, NULL);
    picked(&m, NULL, V3, 1, NULL);
    picked(&m, NULL, V4, 2, NULL);
    picked(&m, "x86-64", V4, 0, NULL);
    picked(
        &m, "x86-64-v4", V3, -1,
        "the module's level x86-64-v4 needs x86-64-v4 (AVX-512), which this CPU (x86-64-v3 (AVX2)) does not "
        "have");
    picked(&m, "avx9", V4, -1, "the module has no level 'avx9' (it has x86-64, x86-64-v3, x86-64-v4)");
    ck_assert(zi_module_level_entry(&m, 1) == other_score);
    ck_assert_str_eq(zi_module_level_name(&m, 2), "x86-64-v4");
    /* A module without levels (written by hand) runs its score_batch anywhere. */
    struct zi_module plain = valid();
    picked(&plain, NULL, 0, 0, NULL);
    ck_assert(zi_module_level_entry(&plain, 0) == noop_score);
    ck_assert_str_eq(zi_module_level_name(&plain, 0), "any");
    /* --cpu=native on another machine: no level this CPU can run, and the message says what to do. */
    struct zi_score_level native = {"native (znver4)", V4, 8, noop_score};
    m = tiny(), m.n_score_levels = 1, m.score_levels = &native;
    picked(&m, NULL, V3, -1,
           "the module was built for another CPU (native (znver4), with zic build --cpu=native) and needs "
           "x86-64-v4 (AVX-512), which this CPU (x86-64-v3 (AVX2)) does not have: rebuild it without "
           "--cpu=native");
    /* The checksum covers what a level needs: a damaged `requires` must not send AVX-512 code to a CPU. */
    m = with_levels();
    uint64_t sum = m.checksum;
    portable_levels[2].requires = V3;
    ck_assert_uint_ne(zi_module_checksum(&m), sum);
    portable_levels[2].lanes = 4, portable_levels[2].requires = V4;
    ck_assert_uint_ne(zi_module_checksum(&m), sum);
    portable_levels[2].score_batch = noop_score, portable_levels[2].lanes = 8;
    ck_assert_uint_eq(zi_module_checksum(&m), sum); /* entry points are not content */
    /* Damaged tables, one way at a time. */
    m = with_levels(), portable_levels[1].lanes = 3;
    refused(&m, "score level x86-64-v3: 3 lanes: a damaged descriptor");
    m = with_levels(), portable_levels[1].requires = 0x10;
    refused(&m, "score level x86-64-v3 needs CPU features this runtime does not know (0x10)");
    m = with_levels(), portable_levels[2].requires = ZI_CPU_X86_64_V2;
    refused(&m, "score level x86-64-v4 needs less than the level before it");
    m = with_levels(), portable_levels[1].name = NULL;
    refused(&m, "score level 1: name is missing");
    m = with_levels(), portable_levels[2].score_batch = NULL;
    refused(&m, "score level x86-64-v4: entry point is NULL");
    m = with_levels(), m.score_batch = other_score;
    refused(&m, "score_batch is not the first score level's");
    m = with_levels(), m.n_score_levels = 9;
    refused(&m, "9 score levels: a damaged descriptor");
    m = with_levels(), m.score_levels = NULL;
    refused(&m, "the score levels table is NULL");
}
END_TEST

#undef V3
#undef V4

/* ---- loading from disk ---- */

static void load_refused(const char *path, const char *part)
{
    char err[600] = "";
    struct zi_loaded_module *lm = zi_module_load(path, err, sizeof err);
    ck_assert_msg(lm == NULL, "%s should be refused", path);
    ck_assert_msg(strstr(err, part) != NULL, "message '%s' should contain '%s'", err, part);
}

static void fixture_refused(const char *name, const char *part)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.so", ZI_MODULES_DIR, name);
    load_refused(path, part);
}

START_TEST(load_fixture)
{
    struct zi_loaded_module *lm = fixture_load("fixture");
    const struct zi_module *m = zi_loaded_module_get(lm);
    ck_assert_str_eq(m->criteria_id, "fixture");
    ck_assert_uint_eq(m->checksum, zi_module_checksum(m));
    char path[1024];
    snprintf(path, sizeof path, "%s/describe.txt", ZI_TMP_DIR);
    FILE *f = fopen(path, "w");
    ck_assert_int_eq(zi_module_describe(m, f), 0);
    fclose(f);
    char *text = slurp(path, NULL);
    ck_assert_ptr_nonnull(strstr(text, "criteria:      fixture\n"));
    ck_assert_ptr_nonnull(strstr(text, "regulation:    PermenPANRB 90/2021 (fixture)\n"));
    ck_assert_ptr_nonnull(strstr(text, "source sha256: 3b1f0c9a"));
    ck_assert_ptr_nonnull(strstr(text, "inputs:        10 (6 scale, 1 number, 1 percent, 2 count)\n"));
    ck_assert_ptr_nonnull(strstr(text, "conditions:    9 (1 require rules)\n"));
    ck_assert_ptr_nonnull(
        strstr(text, "verdicts:      WBBM \"Wilayah Birokrasi Bersih dan Melayani\" (4 conditions)\n"));
    ck_assert_ptr_nonnull(strstr(text, "BELUM \"Belum memenuhi syarat\" (otherwise)\n"));
    free(text);
    zi_module_unload(lm);
    zi_module_unload(NULL);
}
END_TEST

START_TEST(load_broken_fixtures)
{
    fixture_refused("bad_magic", "bad magic 0x12345678");
    fixture_refused("old_abi", "it was built for module ABI 1 by an older zic; rebuild it with `zic build`");
    fixture_refused("ctor_library", "has code that runs when it is loaded or unloaded (constructors)");
    fixture_refused("ifunc_library",
                    "has indirect functions whose resolvers run when it is loaded (GNU IFUNC)");
    fixture_refused("ifunc_local_library",
                    "has indirect functions whose resolvers run when it is loaded (GNU IFUNC)");
    fixture_refused("bad_abi", "module ABI version 99, but this runtime reads version 5");
    fixture_refused("bad_size", "descriptor size 8");
    fixture_refused("bad_index", "input 2 (A.3.perubahan): item 99 is not an item output");
    fixture_refused("bad_checksum", "checksum mismatch");
    fixture_refused("null_title", "output 3 (pengungkit.pemenuhan.mp): title is missing");
    fixture_refused("absurd_count", "absurd counts (5000000 inputs");
    fixture_refused("plain_library", "does not export zi_scoring_module: not a zic scoring module");
    fixture_refused("no_such_module", "cannot open");
}
END_TEST

START_TEST(load_wrong_files)
{
    char path[1024], fixture[1024];
    snprintf(path, sizeof path, "%s/text.so", ZI_TMP_DIR);
    spit(path, "criteria x {}\n", 14);
    load_refused(path, "not a scoring module: not an ELF shared object");
    load_refused(ZI_TMP_DIR, "is a directory");
    snprintf(path, sizeof path, "%s/empty.so", ZI_TMP_DIR);
    spit(path, "", 0);
    load_refused(path, "not an ELF shared object");
    /* Truncated copies of the fixture: cut in the ELF header, the program headers, the segments, the end. */
    snprintf(fixture, sizeof fixture, "%s/fixture.so", ZI_MODULES_DIR);
    size_t len;
    char *bytes = slurp(fixture, &len);
    ck_assert_ptr_nonnull(bytes);
    snprintf(path, sizeof path, "%s/truncated.so", ZI_TMP_DIR);
    spit(path, bytes, 40);
    load_refused(path, "is truncated");
    spit(path, bytes, 100);
    load_refused(path, "is truncated: its program headers end past its 100 bytes");
    spit(path, bytes, len / 2);
    load_refused(path, "is truncated");
    spit(path, bytes, len - 1);
    load_refused(path, "is truncated: its section headers end at byte");
    /* An executable is not a module. */
    load_refused("/bin/sh", "");
    free(bytes);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime module");
    TCase *sum = tcase_create("checksum");
    tcase_add_test(sum, checksum_follows_the_spec);
    tcase_add_test(sum, checksum_sees_content_only);
    suite_add_tcase(s, sum);
    TCase *val = tcase_create("validate");
    tcase_add_test(val, validate_accepts_and_refuses);
    tcase_add_test(val, validate_tables);
    tcase_add_test(val, score_levels);
    suite_add_tcase(s, val);
    TCase *load = tcase_create("load");
    tcase_add_test(load, load_fixture);
    tcase_add_test(load, load_broken_fixtures);
    tcase_add_test(load, load_wrong_files);
    suite_add_tcase(s, load);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
