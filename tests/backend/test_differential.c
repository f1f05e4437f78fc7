/* test_differential.c CRITERIA.zi — the native module against the reference interpreter on one bundled
 * criteria (CMake runs it once for every .zi file of criteria/, so each rule set there is covered): 102,400
 * random units (random and missing answers, range ends, survey thresholds, zero denominators, units near the
 * verdict thresholds), at -O0, -O1, -O2 and -O3. Every output, verdict, failed-condition word and explained
 * operand must be identical bit for bit. Also checks that the native descriptor says exactly what the
 * in-memory one says. */
#include <check.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_util.h"
#include "interp.h"

enum { BATCH = 4093, BATCHES = 25 }; /* not a multiple of any vector width: the remainder loop runs too */

/* ZI_TEST_SCALE=k runs 1/k of the batches: the sanitizer and valgrind passes look for memory errors, not
 * for rounding differences, and are 10-50 times slower. */
static uint64_t batches(void)
{
    const char *scale = getenv("ZI_TEST_SCALE");
    long k = scale ? strtol(scale, NULL, 10) : 1;
    return k > 1 && BATCHES / k > 0 ? (uint64_t)(BATCHES / k) : k > 1 ? 1 : BATCHES;
}

static void same_string(const char *a, const char *b, const char *what)
{
    if (!a || !b)
        ck_assert_msg(a == b, "%s: one is NULL", what);
    else
        ck_assert_msg(strcmp(a, b) == 0, "%s: '%s' != '%s'", what, a, b);
}

/* Field by field: a mismatch here is a struct layout slip in codegen.c. */
static void same_descriptor(const struct zi_module *a, const struct zi_module *b)
{
    ck_assert_uint_eq(a->magic, b->magic);
    ck_assert_uint_eq(a->abi_version, b->abi_version);
    ck_assert_uint_eq(a->descriptor_size, b->descriptor_size);
    ck_assert_msg(a->checksum == b->checksum, "checksum differs");
    same_string(a->criteria_id, b->criteria_id, "criteria_id");
    same_string(a->regulation, b->regulation, "regulation");
    same_string(a->source_sha256, b->source_sha256, "source_sha256");
    same_string(a->compiler_version, b->compiler_version, "compiler_version");
    ck_assert_uint_eq(a->n_inputs, b->n_inputs);
    ck_assert_uint_eq(a->n_outputs, b->n_outputs);
    ck_assert_uint_eq(a->n_conditions, b->n_conditions);
    ck_assert_uint_eq(a->n_verdicts, b->n_verdicts);
    ck_assert_uint_eq(a->n_failed_words, b->n_failed_words);
    ck_assert_int_eq(a->total_output, b->total_output);
    for (uint32_t i = 0; i < a->n_inputs; i++) {
        const struct zi_input_desc *x = &a->inputs[i], *y = &b->inputs[i];
        same_string(x->key, y->key, "input key");
        same_string(x->text, y->text, "input text");
        same_string(x->scale, y->scale, "input scale");
        ck_assert_uint_eq(x->n_labels, y->n_labels);
        for (uint32_t k = 0; k < x->n_labels; k++) {
            same_string(x->labels[k].label, y->labels[k].label, "label");
            ck_assert(x->labels[k].value == y->labels[k].value);
        }
        ck_assert_int_eq(x->kind, y->kind);
        ck_assert_int_eq(x->missing, y->missing);
        ck_assert_int_eq(x->item, y->item);
        ck_assert(x->min == y->min && x->max == y->max);
    }
    for (uint32_t i = 0; i < a->n_outputs; i++) {
        const struct zi_output_desc *x = &a->outputs[i], *y = &b->outputs[i];
        same_string(x->path, y->path, "output path");
        same_string(x->code, y->code, "output code");
        same_string(x->title, y->title, "output title");
        ck_assert_int_eq(x->kind, y->kind);
        ck_assert_int_eq(x->parent, y->parent);
        ck_assert_int_eq(x->depth, y->depth);
        ck_assert_int_eq(x->has_weight, y->has_weight);
        ck_assert(x->weight == y->weight);
    }
    for (uint32_t i = 0; i < a->n_conditions; i++) {
        const struct zi_condition_desc *x = &a->conditions[i], *y = &b->conditions[i];
        same_string(x->text, y->text, "condition text");
        same_string(x->lhs, y->lhs, "condition lhs");
        same_string(x->message, y->message, "condition message");
        ck_assert_int_eq(x->verdict, y->verdict);
        ck_assert_int_eq(x->op, y->op);
        ck_assert_int_eq(x->lhs_output, y->lhs_output);
        ck_assert_int_eq(x->item, y->item);
        ck_assert(x->rhs_weight == y->rhs_weight && x->rhs_percent == y->rhs_percent);
    }
    for (uint32_t i = 0; i < a->n_verdicts; i++) {
        same_string(a->verdicts[i].id, b->verdicts[i].id, "verdict id");
        same_string(a->verdicts[i].title, b->verdicts[i].title, "verdict title");
        ck_assert_uint_eq(a->verdicts[i].first_condition, b->verdicts[i].first_condition);
        ck_assert_uint_eq(a->verdicts[i].n_conditions, b->verdicts[i].n_conditions);
        ck_assert_int_eq(a->verdicts[i].is_fallback, b->verdicts[i].is_fallback);
    }
}

static const char *const BUILDS[] = {"-O0", "-O1", "-O2", "-O3", "-O2 --cpu=native"};

/* The criteria file, from the command line: set once in main before the runner starts. */
static const char *criteria_path;

START_TEST(lke_native_matches_interpreter)
{
    struct compiled c;
    compile_file(&c, criteria_path);
    const struct zi_module *d = &c.model->descriptor;
    double *scratch = calloc(c.model->n_ops, sizeof *scratch);
    struct batch ref, nat, nat_summary;
    batch_alloc(&ref, d, BATCH);
    batch_alloc(&nat, d, BATCH);
    batch_alloc(&nat_summary, d, BATCH);
    uint64_t verdict_counts[8] = {0};
    /* -O0..-O3 for the generic CPU (two lanes), then -O2 for this machine's CPU (four or eight lanes with AVX
     * or AVX-512): every width of the vector loop, and its remainder. */
    for (int level = 0; level <= 4; level++) {
        void *handle;
        char path[256];
        struct zi_codegen_options options = {.opt_level = level == 4 ? 2 : level, .native_cpu = level == 4};
        const struct zi_module *m = build_native_with(c.model, &options, &handle, path, sizeof path);
        same_descriptor(d, m);
        for (uint64_t seed = 1; seed <= batches(); seed++) {
            batch_random(&ref, d, seed);
            batch_copy_inputs(&nat, &ref);
            batch_copy_inputs(&nat_summary, &ref);
            batch_interpret(&ref, c.model, scratch, true);
            batch_score(&nat, m, true);
            batch_score(&nat_summary, m, false);
            /* score_batch: the same bits as explain_batch for everything it writes. */
            const char *differs = batch_differs(d, &nat_summary, &ref, false);
            ck_assert_msg(differs == NULL, "%s, batch seed %llu: score_batch's %s differ", BUILDS[level],
                          (unsigned long long)seed, differs);
            differs = batch_differs(d, &nat, &ref, true);
            ck_assert_msg(differs == NULL,
                          "%s, batch seed %llu: explain_batch's %s differ from the interpreter's",
                          BUILDS[level], (unsigned long long)seed, differs);
            if (level == 0)
                for (uint64_t row = 0; row < BATCH; row++)
                    verdict_counts[ref.verdict[row] + 1]++;
        }
        dlclose(handle);
    }
    /* The random units must reach every verdict, or the comparison proves less than it claims. */
    printf("differential: %llu units x 5 builds; verdicts: none %llu",
           (unsigned long long)(BATCH * batches()), (unsigned long long)verdict_counts[0]);
    for (uint32_t v = 0; v < d->n_verdicts; v++) {
        printf(", %s %llu", d->verdicts[v].id, (unsigned long long)verdict_counts[v + 1]);
        ck_assert_msg(verdict_counts[v + 1] > 0, "no random unit got verdict %s", d->verdicts[v].id);
    }
    printf("\n");
    batch_free(&ref);
    batch_free(&nat);
    batch_free(&nat_summary);
    free(scratch);
    compiled_free(&c);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_differential CRITERIA.zi\n");
        return 2;
    }
    criteria_path = argv[1];
    printf("differential: %s\n", criteria_path);
    Suite *s = suite_create("differential");
    TCase *tc = tcase_create("lke");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, lke_native_matches_interpreter);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
