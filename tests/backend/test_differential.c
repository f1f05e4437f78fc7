/* test_differential.c [CRITERIA.zi] — the native module against the reference interpreter. With a file: on
 * that criteria (CMake runs it once for every .zi file of criteria/, so each bundled rule set is covered).
 * Without: on criteria with facts and prerequisites (tests/backend/criteria/facts.zi). 102,400 random units
 * each (random and missing answers and facts, range ends, survey thresholds, zero denominators, units near
 * the verdict thresholds), at -O0, -O1, -O2 and -O3. Every output, verdict, failed- and unknown-condition
 * word and explained operand must be identical bit for bit. Also checks that the native descriptor says
 * exactly what the in-memory one says, and the failed and unknown bits of units whose facts are met, unmet
 * and missing. */
#include <check.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_util.h"
#include "interp.h"
#include "zi/runtime.h"

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
            ck_assert_uint_eq(x->labels[k].printed_as, y->labels[k].printed_as);
        }
        same_string(x->item_code, y->item_code, "input item code");
        ck_assert_int_eq(x->role, y->role);
        ck_assert_uint_eq(x->column, y->column);
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
        ck_assert_int_eq(x->role, y->role);
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
        ck_assert_uint_eq(a->verdicts[i].first_prerequisite, b->verdicts[i].first_prerequisite);
        ck_assert_uint_eq(a->verdicts[i].n_prerequisites, b->verdicts[i].n_prerequisites);
    }
    ck_assert_uint_eq(a->n_sources, b->n_sources);
    for (uint32_t i = 0; i < a->n_sources; i++) {
        same_string(a->sources[i].name, b->sources[i].name, "source name");
        same_string(a->sources[i].sha256, b->sources[i].sha256, "source hash");
    }
    same_string(a->language, b->language, "language");
    /* The module's checksum covers its score levels, which the model's descriptor does not have. */
    struct zi_module with_levels = *b;
    with_levels.n_score_levels = a->n_score_levels;
    with_levels.score_levels = a->score_levels;
    ck_assert_msg(a->checksum == zi_module_checksum(&with_levels), "checksum differs");
    ck_assert_uint_eq(a->n_view_parts, b->n_view_parts);
    for (uint32_t i = 0; i < a->n_view_parts; i++) {
        ck_assert_int_eq(a->view_parts[i].member, b->view_parts[i].member);
        ck_assert_int_eq(a->view_parts[i].part, b->view_parts[i].part);
    }
}

static const char *const BUILDS[] = {"-O0", "-O1", "-O2", "-O3", "-O2 --cpu=native"};

/* Whether bit c of a word buffer is set for unit `row`. */
static bool bit(const uint64_t *words, uint32_t n_words, uint64_t row, uint32_t c)
{
    return (words[zi_tile_index(row, c / 64, n_words)] >> (c % 64)) & 1;
}

/* Every build of `path`'s model against the interpreter on random units; each verdict must be reached, and
 * with facts, some prerequisite must be met, unmet and unknown. */
static void native_matches_interpreter(const char *path)
{
    struct compiled c;
    compile_file(&c, path);
    const struct zi_module *d = &c.model->descriptor;
    double *scratch = calloc(c.model->n_ops, sizeof *scratch);
    struct batch ref, nat, nat_summary;
    batch_alloc(&ref, d, BATCH);
    batch_alloc(&nat, d, BATCH);
    batch_alloc(&nat_summary, d, BATCH);
    uint64_t verdict_counts[8] = {0}, met = 0, unmet = 0, unknown = 0, prerequisites = 0;
    /* -O0..-O3 of the portable module — its score loop for each x86-64 level (two, four and eight lanes),
     * every one this CPU has run — then -O2 for this machine's CPU: every width of the vector loop. */
    uint32_t cpu = zi_cpu_levels();
    unsigned levels_run = 0, levels_checked = 0;
    for (int level = 0; level <= 4; level++) {
        void *handle;
        char so[256];
        struct zi_codegen_options options = {.opt_level = level == 4 ? 2 : level,
                                             .cpu = level == 4 ? ZI_CODEGEN_NATIVE : ZI_CODEGEN_PORTABLE};
        const struct zi_module *m = build_native_with(c.model, &options, &handle, so, sizeof so);
        same_descriptor(d, m);
        char why[256];
        ck_assert_msg(zi_module_validate(m, why, sizeof why) == 0, "%s: %s", BUILDS[level], why);
#if defined(__x86_64__)
        if (level < 4) {
            static const char *const names[] = {"x86-64", "x86-64-v3", "x86-64-v4"};
            ck_assert_uint_eq(m->n_score_levels, 3);
            for (unsigned k = 0; k < 3; k++) {
                same_string(m->score_levels[k].name, names[k], "score level");
                ck_assert_uint_eq(m->score_levels[k].lanes, 2u << k);
            }
        }
#endif
        for (uint64_t seed = 1; seed <= batches(); seed++) {
            batch_random(&ref, d, seed);
            batch_copy_inputs(&nat, &ref);
            batch_interpret(&ref, c.model, scratch, true);
            batch_score(&nat, m, true);
            /* Each score level this CPU can run: the same bits as explain_batch for everything it writes. */
            for (uint32_t k = 0; k < m->n_score_levels; k++) {
                if (m->score_levels[k].requires & ~cpu) {
                    levels_checked +=
                        seed == 1; /* present and valid (zi_module_validate), not runnable here */
                    continue;
                }
                levels_run += seed == 1;
                batch_copy_inputs(&nat_summary, &ref);
                batch_score_with(&nat_summary, m->score_levels[k].score_batch);
                const char *differs = batch_differs(d, &nat_summary, &ref, false);
                ck_assert_msg(differs == NULL, "%s, level %s, batch seed %llu: score_batch's %s differ",
                              BUILDS[level], m->score_levels[k].name, (unsigned long long)seed, differs);
            }
            const char *differs = batch_differs(d, &nat, &ref, true);
            ck_assert_msg(differs == NULL,
                          "%s, batch seed %llu: explain_batch's %s differ from the interpreter's",
                          BUILDS[level], (unsigned long long)seed, differs);
            if (level != 0) continue;
            for (uint64_t row = 0; row < BATCH; row++) {
                verdict_counts[ref.verdict[row] + 1]++;
                for (uint32_t k = 0; k < d->n_conditions; k++) {
                    if (d->conditions[k].role < ZI_CONDITION_PREREQUISITE) continue;
                    prerequisites++;
                    bool undecided = bit(ref.unknown, ref.n_words, row, k);
                    bool failed = bit(ref.failed, ref.n_words, row, k);
                    ck_assert_msg(!undecided || failed, "condition %u: unknown but not failed", (unsigned)k);
                    unknown += undecided;
                    unmet += failed && !undecided;
                    met += !failed;
                }
            }
        }
        dlclose(handle);
    }
    /* The random units must reach every verdict, or the comparison proves less than it claims. */
    printf("differential: %s: %llu units x 5 builds, %u score loops run on this CPU (%s), %u only checked; "
           "verdicts: none %llu",
           strrchr(path, '/') + 1, (unsigned long long)(BATCH * batches()), levels_run,
           zi_cpu_level_name(cpu), levels_checked, (unsigned long long)verdict_counts[0]);
    for (uint32_t v = 0; v < d->n_verdicts; v++) {
        printf(", %s %llu", d->verdicts[v].id, (unsigned long long)verdict_counts[v + 1]);
        ck_assert_msg(verdict_counts[v + 1] > 0, "no random unit got verdict %s", d->verdicts[v].id);
    }
    if (prerequisites) {
        printf("; prerequisites met %llu, unmet %llu, unknown %llu", (unsigned long long)met,
               (unsigned long long)unmet, (unsigned long long)unknown);
        ck_assert(met > 0 && unmet > 0 && unknown > 0);
    }
    printf("\n");
    batch_free(&ref);
    batch_free(&nat);
    batch_free(&nat_summary);
    free(scratch);
    compiled_free(&c);
}

/* The bundled criteria file of the command line: set once in main before the runner starts. */
static const char *criteria_path;

START_TEST(criteria_native_matches_interpreter)
{
    native_matches_interpreter(criteria_path);
}
END_TEST

START_TEST(facts_native_matches_interpreter)
{
    native_matches_interpreter(ZI_SOURCE_DIR "/tests/backend/criteria/facts.zi");
}
END_TEST

static uint32_t input_of(const struct zi_module *d, const char *key)
{
    for (uint32_t i = 0; i < d->n_inputs; i++)
        if (strcmp(d->inputs[i].key, key) == 0) return i;
    ck_abort_msg("no input %s", key);
    return 0;
}

/* The condition of verdict `verdict` whose source text is `text`. */
static uint32_t condition_of(const struct zi_module *d, const char *verdict, const char *text)
{
    for (uint32_t c = 0; c < d->n_conditions; c++)
        if (d->conditions[c].verdict >= 0 && strcmp(d->verdicts[d->conditions[c].verdict].id, verdict) == 0 &&
            strcmp(d->conditions[c].text, text) == 0)
            return c;
    ck_abort_msg("no condition '%s' of %s", text, verdict);
    return 0;
}

/* Sets fact `key` of unit `row` to the value the module reads for it (a grade's rank, a category's number, a
 * yes/no's 1 or 0, a number). */
static void fact(struct batch *b, const struct zi_module *d, uint64_t row, const char *key, double value)
{
    batch_set(b, d, input_of(d, key), row, value);
}

/* The condition's failed and unknown bits for `row`, as "met", "unmet" or "unknown". */
static const char *status(const struct batch *b, uint64_t row, uint32_t c)
{
    bool undecided = bit(b->unknown, b->n_words, row, c), failed = bit(b->failed, b->n_words, row, c);
    return undecided ? (failed ? "unknown" : "unknown but not failed") : failed ? "unmet" : "met";
}

/* Units with their facts met, unmet and missing, through both back ends: a condition is unknown exactly when
 * a fact it reads is missing, even where 'or' would decide without it, and failed then too. */
START_TEST(facts_give_failed_and_unknown_bits)
{
    struct compiled c;
    compile_file(&c, ZI_SOURCE_DIR "/tests/backend/criteria/facts.zi");
    const struct zi_module *d = &c.model->descriptor;
    struct batch ref, nat;
    batch_alloc(&ref, d, 4);
    for (uint64_t row = 0; row < 4; row++)
        for (uint32_t i = 0; i < d->n_inputs; i++)
            if (d->inputs[i].role == ZI_ROLE_ANSWER) batch_set(&ref, d, i, row, 1); /* total 100 */
    /* 0: every fact met (a pemda with Indeks RB CC). */
    fact(&ref, d, 0, "instansi.opini_bpk", 1); /* WTP */
    fact(&ref, d, 0, "instansi.jenis", 1);     /* pemda */
    fact(&ref, d, 0, "instansi.indeks_rb", 3); /* CC */
    fact(&ref, d, 0, "instansi.spip", 3);
    fact(&ref, d, 0, "unit.tlhp", 1);
    fact(&ref, d, 0, "unit.lama_zi", 1);
    fact(&ref, d, 0, "unit.inti", 1);
    fact(&ref, d, 0, "unit.jenis_layanan", 4); /* lainnya */
    /* 1: a K/L with Indeks RB CC (it needs B), opini WDP, SPIP 2, TLHP 99 %; an RSUD. */
    fact(&ref, d, 1, "instansi.opini_bpk", 2);
    fact(&ref, d, 1, "instansi.jenis", 2);
    fact(&ref, d, 1, "instansi.indeks_rb", 3);
    fact(&ref, d, 1, "instansi.spip", 2);
    fact(&ref, d, 1, "unit.tlhp", 0.99);
    fact(&ref, d, 1, "unit.lama_zi", 0.5);
    fact(&ref, d, 1, "unit.inti", 0);
    fact(&ref, d, 1, "unit.jenis_layanan", 1); /* rsud */
    /* 2: no fact at all. 3: only the RSUD's service type, and Indeks RB with no jenis. */
    fact(&ref, d, 3, "unit.jenis_layanan", 1);
    fact(&ref, d, 3, "instansi.indeks_rb", 7);
    batch_alloc(&nat, d, 4);
    batch_copy_inputs(&nat, &ref);
    double *scratch = calloc(c.model->n_ops, sizeof *scratch);
    batch_interpret(&ref, c.model, scratch, true);
    void *handle;
    char so[256];
    const struct zi_module *m = build_native(c.model, 2, &handle, so, sizeof so);
    batch_score(&nat, m, true);
    const char *differs = batch_differs(d, &nat, &ref, true);
    ck_assert_msg(differs == NULL, "the native module's %s differ from the interpreter's", differs);

    static const struct {
        const char *verdict, *text, *expected[4];
    } cases[] = {
        {"WBK", "instansi.opini_bpk == \"WTP\"", {"met", "unmet", "unknown", "unknown"}},
        {"WBK",
         "if instansi.jenis == \"pemda\" then instansi.indeks_rb >= \"CC\" else instansi.indeks_rb >= \"B\"",
         {"met", "unmet", "unknown", "unknown"}},
        {"WBK", "unit.tlhp >= 100%", {"met", "unmet", "unknown", "unknown"}},
        {"WBK", "instansi.spip >= 3", {"met", "unmet", "unknown", "unknown"}},
        {"WBK", "unit.lama_zi >= 1", {"met", "unmet", "unknown", "unknown"}},
        {"WBK", "unit.inti or total >= 70", {"met", "met", "unknown", "unknown"}},
        {"WBK",
         "unit.jenis_layanan in [\"rsud\", \"dukcapil\", \"samsat\"]",
         {"unmet", "met", "unknown", "met"}},
        {"WBBM",
         "instansi.opini_bpk != \"TMP\" and instansi.indeks_rb > \"BB\"",
         {"unmet", "unmet", "unknown", "unknown"}},
        {"WBBM", "not unit.inti", {"unmet", "met", "unknown", "unknown"}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint32_t cond = condition_of(d, cases[k].verdict, cases[k].text);
        for (uint64_t row = 0; row < 4; row++)
            ck_assert_msg(strcmp(status(&ref, row, cond), cases[k].expected[row]) == 0,
                          "%s, unit %llu: '%s' is %s, expected %s", cases[k].verdict, (unsigned long long)row,
                          cases[k].text, status(&ref, row, cond), cases[k].expected[row]);
    }
    /* Every unit scores 100 and reaches WBBM: prerequisites never change the verdict the scores reach. */
    for (uint64_t row = 0; row < 4; row++)
        ck_assert_int_eq(ref.verdict[row], 0);
    /* The descriptor: roles, names, ranges. */
    const struct zi_verdict_desc *wbk = &d->verdicts[1];
    ck_assert_uint_eq(wbk->n_prerequisites, 7);
    ck_assert_int_eq(d->conditions[wbk->first_prerequisite].role, ZI_CONDITION_PREREQUISITE);
    ck_assert_str_eq(d->conditions[wbk->first_prerequisite].message, "Opini BPK WTP");
    ck_assert_ptr_null(d->conditions[wbk->first_prerequisite + 2].message);
    ck_assert_int_eq(d->conditions[wbk->first_prerequisite + 6].role, ZI_CONDITION_RELAXATION);
    ck_assert_uint_eq(d->verdicts[2].n_prerequisites, 0);
    const struct zi_input_desc *opini = &d->inputs[input_of(d, "instansi.opini_bpk")];
    ck_assert_int_eq(opini->role, ZI_ROLE_FACT);
    ck_assert_int_eq(opini->kind, ZI_INPUT_CATEGORY);
    ck_assert_ptr_null(opini->item_code);
    ck_assert_str_eq(opini->labels[1].label, "Wajar Tanpa Pengecualian");
    ck_assert_uint_eq(opini->labels[1].printed_as, 1);
    ck_assert(opini->labels[2].value == 2);
    const struct zi_input_desc *rb = &d->inputs[input_of(d, "instansi.indeks_rb")];
    ck_assert(rb->labels[0].value == 7 && rb->labels[6].value == 1); /* AA is the best rank */
    const struct zi_input_desc *inti = &d->inputs[input_of(d, "unit.inti")];
    ck_assert_int_eq(inti->kind, ZI_INPUT_BOOLEAN);
    ck_assert_str_eq(inti->labels[inti->labels[9].printed_as - 1].label, "Tidak"); /* "Salah" */
    dlclose(handle);
    free(scratch);
    batch_free(&ref);
    batch_free(&nat);
    compiled_free(&c);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 2) {
        fprintf(stderr, "usage: test_differential [CRITERIA.zi]\n");
        return 2;
    }
    Suite *s = suite_create("differential");
    if (argc == 2) {
        criteria_path = argv[1];
        printf("differential: %s\n", criteria_path);
        TCase *tc = tcase_create("criteria");
        tcase_set_timeout(tc, 600);
        tcase_add_test(tc, criteria_native_matches_interpreter);
        suite_add_tcase(s, tc);
    } else {
        TCase *facts = tcase_create("facts");
        tcase_set_timeout(facts, 600);
        tcase_add_test(facts, facts_native_matches_interpreter);
        tcase_add_test(facts, facts_give_failed_and_unknown_bits);
        suite_add_tcase(s, facts);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
