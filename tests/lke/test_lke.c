/* test_lke.c — the bundled criteria, criteria/lke-zi-2021.zi (PermenPANRB 90/2021), against the facts of the
 * regulation (shared/domain/lke-zi-2021.md):
 *   - structure: 110 Pengungkit items (87 Pemenuhan + 23 Reform) and 3 Hasil items; every weight of the
 *     regulation, read back from the compiled descriptor;
 *   - every predicate threshold, on both sides of its boundary: units built from a perfect unit (every answer
 *     at its best) and then edited so that the score in question lands exactly on the threshold, or just
 *     below it. Each such unit first has its score checked against the value worked out by hand (within
 *     1e-9), then its verdict and the exact set of conditions that fail;
 *   - the data rules (`require`), the caps, and each percent item's zero-denominator rule;
 *   - the worked example of docs/worked-example.md, number by number (see worked_example below).
 * Every unit is scored by the reference interpreter AND by a native module built at -O2, which must give the
 * same bits. */
#include <check.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_util.h"
#include "interp.h"

#define CRITERIA ZI_SOURCE_DIR "/criteria/lke-zi-2021.zi"
#define WORKED_EXAMPLE ZI_SOURCE_DIR "/docs/worked-example.md"

enum { MAX_INPUTS = 256 };

/* Compiled once, in main, before the runner forks: every test sees the same model and native module. */
static struct compiled LKE;
static const struct zi_module *D; /* the in-memory descriptor (the interpreter's) */
static const struct zi_module *NATIVE;
static void *native_handle;

/* ---- units ----------------------------------------------------------------------------------------------
 */

struct unit {
    double in[MAX_INPUTS];
    uint8_t pr[MAX_INPUTS];
};

static int32_t input_index(const char *key)
{
    for (uint32_t i = 0; i < D->n_inputs; i++)
        if (strcmp(D->inputs[i].key, key) == 0) return (int32_t)i;
    ck_abort_msg("no input '%s'", key);
    return -1;
}

static int32_t output_index(const char *path)
{
    for (uint32_t i = 0; i < D->n_outputs; i++)
        if (strcmp(D->outputs[i].path, path) == 0) return (int32_t)i;
    ck_abort_msg("no output '%s'", path);
    return -1;
}

static int32_t item_output(const char *code)
{
    for (uint32_t i = 0; i < D->n_outputs; i++)
        if (D->outputs[i].code && strcmp(D->outputs[i].code, code) == 0) return (int32_t)i;
    ck_abort_msg("no item '%s'", code);
    return -1;
}

static void set(struct unit *u, const char *key, double v)
{
    int32_t i = input_index(key);
    ck_assert_msg(v >= D->inputs[i].min && v <= D->inputs[i].max, "%s = %g outside its range", key, v);
    u->in[i] = v;
    u->pr[i] = 1;
}

/* A scale answer by its label, as the worksheet holds it. */
static void answer(struct unit *u, const char *key, const char *label)
{
    const struct zi_input_desc *in = &D->inputs[input_index(key)];
    ck_assert_msg(in->kind == ZI_INPUT_SCALE, "%s is not a scale item", key);
    for (uint32_t k = 0; k < in->n_labels; k++)
        if (strcmp(in->labels[k].label, label) == 0) {
            set(u, key, in->labels[k].value);
            return;
        }
    ck_abort_msg("%s has no label '%s'", key, label);
}

static void unset(struct unit *u, const char *key)
{
    int32_t i = input_index(key);
    u->in[i] = 0;
    u->pr[i] = 0;
}

/* Two counts of a percent item: the numerator's and the denominator's keys (or, for A.II.3.iii.a, last
 * year's and this year's). */
static void counts(struct unit *u, const char *key_a, double a, const char *key_b, double b)
{
    set(u, key_a, a);
    set(u, key_b, b);
}

/* Every answer at its best: A / Ya everywhere, the survey indices at 4, every count 10 (each ratio 1, every
 * data rule met), and no disciplinary violation this year (A.II.3.iii.a = (10 − 0) / 10 = 1). Total 100. */
static void perfect(struct unit *u)
{
    ck_assert_uint_le(D->n_inputs, MAX_INPUTS);
    memset(u, 0, sizeof *u);
    for (uint32_t i = 0; i < D->n_inputs; i++) {
        const struct zi_input_desc *in = &D->inputs[i];
        double v = 0;
        if (in->kind == ZI_INPUT_SCALE) {
            for (uint32_t k = 0; k < in->n_labels; k++)
                v = in->labels[k].value > v ? in->labels[k].value : v;
        } else if (in->kind == ZI_INPUT_COUNT) {
            v = 10;
        } else {
            v = in->max;
        }
        u->in[i] = v;
        u->pr[i] = 1;
    }
    set(u, "A.II.3.iii.a.tahun_ini", 0);
}

/* ---- scoring --------------------------------------------------------------------------------------------
 */

/* ZI_LKE_DUMP=PREFIX appends every unit a test scores to PREFIX-units.csv (wide CSV, scale labels) and the
 * interpreter's results to PREFIX-zic.csv, in the reference calculator's format, so that
 * tests/lke/crosscheck.sh can score the threshold units with scripts/lke_reference.py in exact arithmetic
 * too. Unit ids are the test's name, its loop index and the row. */
static void print_number(FILE *f, double v)
{
    char text[40];
    snprintf(text, sizeof text, "%.15g", v); /* the shortest form that reads back as the same double */
    if (strtod(text, NULL) != v) snprintf(text, sizeof text, "%.17g", v);
    fputs(text, f);
}

static FILE *dump_file(const char *suffix, const char *header_first)
{
    const char *prefix = getenv("ZI_LKE_DUMP");
    if (!prefix || !*prefix) return NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s-%s.csv", prefix, suffix);
    FILE *f = fopen(path, "a");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    if (ftell(f) == 0) {
        fputs(header_first, f);
        if (strcmp(suffix, "units") == 0)
            for (uint32_t i = 0; i < D->n_inputs; i++)
                fprintf(f, ",%s", D->inputs[i].key);
        fputc('\n', f);
    }
    return f;
}

static const char *const result_columns[] = {"total",
                                             "pengungkit",
                                             "pengungkit.pemenuhan",
                                             "pengungkit.reform",
                                             "hasil",
                                             "area.manajemen_perubahan",
                                             "area.tatalaksana",
                                             "area.sdm",
                                             "area.akuntabilitas",
                                             "area.pengawasan",
                                             "area.pelayanan_publik"};

static void dump(const char *test, int loop, const struct unit *units, const struct batch *b)
{
    FILE *uf = dump_file("units", "unit");
    if (!uf) return;
    FILE *rf = dump_file(
        "zic", "unit,total,verdict,pengungkit,pemenuhan,reform,hasil,area.manajemen_perubahan,"
               "area.tatalaksana,area.sdm,area.akuntabilitas,area.pengawasan,area.pelayanan_publik");
    size_t len = strlen(test);
    if (len > 3 && strcmp(test + len - 3, "_fn") == 0) len -= 3;
    for (uint64_t row = 0; row < b->n; row++) {
        fprintf(uf, "%.*s-%d-%llu", (int)len, test, loop, (unsigned long long)row);
        fprintf(rf, "%.*s-%d-%llu", (int)len, test, loop, (unsigned long long)row);
        for (uint32_t i = 0; i < D->n_inputs; i++) {
            const struct zi_input_desc *in = &D->inputs[i];
            fputc(',', uf);
            if (!units[row].pr[i]) continue;
            if (in->kind == ZI_INPUT_SCALE) {
                uint32_t k = 0;
                while (k < in->n_labels && in->labels[k].value != units[row].in[i])
                    k++;
                ck_assert_uint_lt(k, in->n_labels);
                fputs(in->labels[k].label, uf);
            } else {
                print_number(uf, units[row].in[i]);
            }
        }
        fputc('\n', uf);
        int32_t v = b->verdict[row];
        for (size_t k = 0; k < sizeof result_columns / sizeof result_columns[0]; k++) {
            fputc(',', rf);
            if (v != ZI_VERDICT_NONE)
                fprintf(rf, "%.17g", batch_output(b, (uint32_t)output_index(result_columns[k]), row));
            if (k == 0) fprintf(rf, ",%s", v == ZI_VERDICT_NONE ? "ERROR" : D->verdicts[v].id);
        }
        fputc('\n', rf);
    }
    ck_assert(fclose(uf) == 0 && fclose(rf) == 0);
}

/* Scores the units with the interpreter (results left in *b) and with the -O2 native module, which must give
 * identical outputs, verdicts and failed-condition bits. */
#define score(units, n, b) score_units(__func__, _i, units, n, b)
static void score_units(const char *test, int loop, const struct unit *units, uint64_t n, struct batch *b)
{
    batch_alloc(b, D, n);
    for (uint64_t row = 0; row < n; row++)
        for (uint32_t i = 0; i < D->n_inputs; i++)
            if (units[row].pr[i]) batch_set(b, D, i, row, units[row].in[i]);
    double *scratch = calloc(LKE.model->n_ops, sizeof *scratch);
    ck_assert_ptr_nonnull(scratch);
    batch_interpret(b, LKE.model, scratch, true);
    free(scratch);

    struct batch nat, nat_summary;
    batch_alloc(&nat, D, n);
    batch_alloc(&nat_summary, D, n);
    batch_copy_inputs(&nat, b);
    batch_copy_inputs(&nat_summary, b);
    batch_score(&nat, NATIVE, true);
    batch_score(&nat_summary, NATIVE, false);
    const char *differs = batch_differs(D, &nat_summary, b, false);
    ck_assert_msg(differs == NULL, "native -O2 score_batch: %s differ from the interpreter's", differs);
    batch_free(&nat_summary);
    differs = batch_differs(D, &nat, b, true);
    ck_assert_msg(differs == NULL, "native -O2 explain_batch: %s differ from the interpreter's", differs);
    batch_free(&nat);
    dump(test, loop, units, b);
}

static double out(const struct batch *b, uint64_t row, const char *path)
{
    return batch_output(b, (uint32_t)output_index(path), row);
}

/* An item's normalised score: its points ÷ its weight (its share of its group's weight). */
static double item_value(const struct batch *b, uint64_t row, const char *code)
{
    int32_t o = item_output(code);
    return batch_output(b, (uint32_t)o, row) / D->outputs[o].weight;
}

static const char *verdict_of(const struct batch *b, uint64_t row)
{
    int32_t v = b->verdict[row];
    return v == ZI_VERDICT_NONE ? "NONE" : D->verdicts[v].id;
}

static bool condition_failed(const struct batch *b, uint64_t row, uint32_t c)
{
    return (b->failed[zi_tile_index(row, c / 64, b->n_words)] >> (c % 64)) & 1;
}

/* The failed conditions of one verdict ("" for none), or of the data rules (verdict NULL: "CODE: text"),
 * joined with "; ", in descriptor order. */
static const char *failed_of(const struct batch *b, uint64_t row, const char *verdict)
{
    static char buf[2048];
    buf[0] = 0;
    for (uint32_t c = 0; c < D->n_conditions; c++) {
        const struct zi_condition_desc *cd = &D->conditions[c];
        if (verdict ? cd->verdict < 0 || strcmp(D->verdicts[cd->verdict].id, verdict) != 0 : cd->verdict >= 0)
            continue;
        if (!condition_failed(b, row, c)) continue;
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s%s%s", len ? "; " : "",
                 verdict ? "" : D->outputs[cd->item].code, verdict ? "" : ": ", cd->text);
    }
    return buf;
}

#define NEAR(x, want)                                                                                        \
    do {                                                                                                     \
        double x_ = (x), w_ = (want);                                                                        \
        ck_assert_msg(fabs(x_ - w_) <= 1e-9, "%s = %.17g, want %.17g", #x, x_, w_);                          \
    } while (0)

#define VERDICT(b, row, want) ck_assert_str_eq(verdict_of(b, row), want)
#define FAILED(b, row, verdict, want) ck_assert_str_eq(failed_of(b, row, verdict), want)

/* ---- structure ------------------------------------------------------------------------------------------
 */

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool under(int32_t o, int32_t ancestor)
{
    for (int32_t p = D->outputs[o].parent; p >= 0; p = D->outputs[p].parent)
        if (p == ancestor) return true;
    return false;
}

START_TEST(structure_items)
{
    int32_t pemenuhan = output_index("pengungkit.pemenuhan"), reform = output_index("pengungkit.reform");
    int32_t hasil = output_index("hasil");
    unsigned n_pemenuhan = 0, n_reform = 0, n_hasil = 0, n_items = 0, n_subareas = 0;
    for (uint32_t o = 0; o < D->n_outputs; o++) {
        const struct zi_output_desc *od = &D->outputs[o];
        if (od->kind != ZI_OUTPUT_ITEM) continue;
        n_items++;
        if (under((int32_t)o, pemenuhan)) {
            n_pemenuhan++;
            ck_assert_msg(starts_with(od->code, "A.I."), "%s under Pemenuhan", od->code);
        } else if (under((int32_t)o, reform)) {
            n_reform++;
            ck_assert_msg(starts_with(od->code, "A.II."), "%s under Reform", od->code);
        } else if (under((int32_t)o, hasil)) {
            n_hasil++;
            ck_assert_msg(starts_with(od->code, "B."), "%s under Hasil", od->code);
        }
    }
    ck_assert_uint_eq(n_pemenuhan, 87);
    ck_assert_uint_eq(n_reform, 23);
    ck_assert_uint_eq(n_hasil, 3);
    ck_assert_uint_eq(n_items, 113);
    /* Sub-areas: the groups whose children are Pengungkit items (42 of them: 25 Pemenuhan + 17 Reform). */
    for (uint32_t o = 0; o < D->n_outputs; o++) {
        if (D->outputs[o].kind != ZI_OUTPUT_GROUP) continue;
        for (uint32_t k = 0; k < D->n_outputs; k++)
            if (D->outputs[k].parent == (int32_t)o && D->outputs[k].kind == ZI_OUTPUT_ITEM &&
                starts_with(D->outputs[k].code, "A.")) {
                n_subareas++;
                break;
            }
    }
    ck_assert_uint_eq(n_subareas, 42);
    /* Inputs: 102 scale answers, 16 counts (8 percent items × 2), the two survey indices, and capaian. */
    unsigned scales = 0, count_inputs = 0, numbers = 0;
    for (uint32_t i = 0; i < D->n_inputs; i++) {
        const struct zi_input_desc *in = &D->inputs[i];
        scales += in->kind == ZI_INPUT_SCALE;
        count_inputs += in->kind == ZI_INPUT_COUNT;
        numbers += in->kind == ZI_INPUT_NUMBER;
        ck_assert_int_eq(in->missing, ZI_MISSING_ZERO); /* unanswered cells score 0, as in the worksheet */
    }
    ck_assert_uint_eq(scales, 103);
    ck_assert_uint_eq(count_inputs, 16);
    ck_assert_uint_eq(numbers, 2);
    ck_assert_uint_eq(D->n_inputs, 121);
    /* The survey indices are entered on the 0–4 scale. */
    for (int k = 0; k < 2; k++) {
        const struct zi_input_desc *in = &D->inputs[input_index(k ? "B.II.a" : "B.I.a")];
        ck_assert(in->kind == ZI_INPUT_NUMBER && in->min == 0 && in->max == 4);
    }
    ck_assert_str_eq(D->regulation, "PermenPANRB 90/2021");
}
END_TEST

/* The answer scales of the domain file: ya_tidak 1/0, abc 1/0.5/0, abcd 1/0.67/0.33/0, abcde 1/.75/.5/.25/0.
 */
START_TEST(structure_scales)
{
    static const struct {
        const char *key, *scale;
        double values[5];
        unsigned n;
    } scales[] = {
        {"A.I.1.i.a", "ya_tidak", {1, 0}, 2},           {"A.I.1.i.b", "abc", {1, 0.5, 0}, 3},
        {"A.I.1.iii.a", "abcd", {1, 0.67, 0.33, 0}, 4}, {"A.I.2.i.b", "abcde", {1, 0.75, 0.5, 0.25, 0}, 5},
        {"B.I.b", "abcde", {1, 0.75, 0.5, 0.25, 0}, 5},
    };
    static const char *const labels[][5] = {{"Ya", "Tidak"},
                                            {"A", "B", "C"},
                                            {"A", "B", "C", "D"},
                                            {"A", "B", "C", "D", "E"},
                                            {"A", "B", "C", "D", "E"}};
    for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        const struct zi_input_desc *in = &D->inputs[input_index(scales[s].key)];
        ck_assert_str_eq(in->scale, scales[s].scale);
        ck_assert_uint_eq(in->n_labels, scales[s].n);
        for (unsigned k = 0; k < scales[s].n; k++) {
            ck_assert_str_eq(in->labels[k].label, labels[s][k]);
            ck_assert(in->labels[k].value == scales[s].values[k]);
        }
    }
}
END_TEST

START_TEST(structure_weights)
{
    static const struct {
        const char *path;
        double weight;
    } weights[] = {
        {"total", 100},
        {"pengungkit", 60},
        {"hasil", 40},
        {"pengungkit.pemenuhan", 30},
        {"pengungkit.reform", 30},
        {"pengungkit.pemenuhan.manajemen_perubahan", 4},
        {"pengungkit.pemenuhan.tatalaksana", 3.5},
        {"pengungkit.pemenuhan.sdm", 5},
        {"pengungkit.pemenuhan.akuntabilitas", 5},
        {"pengungkit.pemenuhan.pengawasan", 7.5},
        {"pengungkit.pemenuhan.pelayanan_publik", 5},
        {"pengungkit.reform.manajemen_perubahan", 4},
        {"pengungkit.reform.tatalaksana", 3.5},
        {"pengungkit.reform.sdm", 5},
        {"pengungkit.reform.akuntabilitas", 5},
        {"pengungkit.reform.pengawasan", 7.5},
        {"pengungkit.reform.pelayanan_publik", 5},
        {"area.manajemen_perubahan", 8},
        {"area.tatalaksana", 7},
        {"area.sdm", 10},
        {"area.akuntabilitas", 10},
        {"area.pengawasan", 15},
        {"area.pelayanan_publik", 10},
        {"hasil.bersih", 22.5},
        {"hasil.pelayanan", 17.5},
    };
    for (size_t k = 0; k < sizeof weights / sizeof weights[0]; k++) {
        const struct zi_output_desc *od = &D->outputs[output_index(weights[k].path)];
        ck_assert_msg(od->has_weight && od->weight == weights[k].weight, "%s has weight %g, want %g",
                      od->path, od->weight, weights[k].weight);
    }
    ck_assert_int_eq(D->total_output, output_index("total"));
    NEAR(D->outputs[item_output("B.I.a")].weight, 17.5);
    NEAR(D->outputs[item_output("B.I.b")].weight, 5);
    NEAR(D->outputs[item_output("B.II.a")].weight, 17.5);
    /* The `area` view has exactly the six areas, each over Pemenuhan + Reform. */
    unsigned views = 0;
    for (uint32_t o = 0; o < D->n_outputs; o++)
        if (D->outputs[o].kind == ZI_OUTPUT_VIEW) {
            views++;
            ck_assert_msg(starts_with(D->outputs[o].path, "area."), "view member %s", D->outputs[o].path);
        }
    ck_assert_uint_eq(views, 6);
    /* Every group's children add up to its weight (an equal-weight sub-area's questions share its weight),
     * and the top-level groups add up to the total. */
    for (uint32_t o = 0; o < D->n_outputs; o++) {
        const struct zi_output_desc *od = &D->outputs[o];
        if (od->kind != ZI_OUTPUT_GROUP) continue;
        double sum = 0;
        unsigned children = 0;
        for (uint32_t k = 0; k < D->n_outputs; k++)
            if (D->outputs[k].parent == (int32_t)o) {
                sum += D->outputs[k].weight;
                children++;
            }
        ck_assert_msg(children > 0 && fabs(sum - od->weight) < 1e-12,
                      "%s: children add up to %.17g, weight %g", od->path, sum, od->weight);
    }
    /* The verdicts: WBBM, WBK, then BELUM; seven conditions each, `all area` being six. */
    ck_assert_uint_eq(D->n_verdicts, 3);
    ck_assert_str_eq(D->verdicts[0].id, "WBBM");
    ck_assert_str_eq(D->verdicts[1].id, "WBK");
    ck_assert_str_eq(D->verdicts[2].id, "BELUM");
    ck_assert(D->verdicts[2].is_fallback && !D->verdicts[0].is_fallback && !D->verdicts[1].is_fallback);
    ck_assert_uint_eq(D->verdicts[0].n_conditions, 12);
    ck_assert_uint_eq(D->verdicts[1].n_conditions, 12);
    /* ... and five data rules (A.II.1.i.b, A.II.4.i.a, A.II.5.iii.a, A.II.5.iii.b, A.II.6.i.b). */
    unsigned requires = 0;
    for (uint32_t c = 0; c < D->n_conditions; c++)
    requires += D->conditions[c].verdict < 0;
    ck_assert_uint_eq(requires, 5);
}
END_TEST

/* The perfect unit scores 100 and WBBM; the empty worksheet scores 0 and BELUM. */
START_TEST(perfect_and_empty)
{
    struct unit u[2];
    perfect(&u[0]);
    memset(&u[1], 0, sizeof u[1]);
    struct batch b;
    score(u, 2, &b);
    NEAR(out(&b, 0, "total"), 100);
    NEAR(out(&b, 0, "pengungkit.pemenuhan"), 30);
    NEAR(out(&b, 0, "pengungkit.reform"), 30);
    NEAR(out(&b, 0, "hasil"), 40);
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    NEAR(out(&b, 1, "total"), 0);
    VERDICT(&b, 1, "BELUM");
    batch_free(&b);
}
END_TEST

/* ---- Total ----------------------------------------------------------------------------------------------
 */

/* Total exactly 85 with every other WBBM condition met (with a margin): Hasil 36.5 (IPAK and IPKP 3.60, so
 * 15.75 each; capaian A, 5) and Pengungkit 48.5, i.e. 11.5 points lost, no area below 78 %:
 *   area 1  −1.5  A.I.1.iv all at the bottom (Tidak, C, C, D): 1.5 × 0/4
 *   area 2  −1.5  A.I.2.iii C, C (0.5 × 0/2) and A.II.2.ii C, C (1 × 0/2)
 *   area 3  −2    A.II.3.iii.a: as many violations this year as last (10, 10): ratio 0
 *   area 4  −2    A.II.4.i.a: 0 of 10 targets
 *   area 5  −3    A.II.5.ii.a: 0 of 10 complaints
 *   area 6  −1.5  A.I.6.iv E, C, D (1 × 0/3) and A.I.6.v A, Tidak, B (1 × 1.5/3 = 0.5) */
static void total_85(struct unit *u)
{
    perfect(u);
    set(u, "B.I.a", 3.60);
    set(u, "B.II.a", 3.60);
    answer(u, "A.I.1.iv.a", "Tidak");
    answer(u, "A.I.1.iv.b", "C");
    answer(u, "A.I.1.iv.c", "C");
    answer(u, "A.I.1.iv.d", "D");
    answer(u, "A.I.2.iii.a", "C");
    answer(u, "A.I.2.iii.b", "C");
    answer(u, "A.II.2.ii.a", "C");
    answer(u, "A.II.2.ii.b", "C");
    counts(u, "A.II.3.iii.a.tahun_lalu", 10, "A.II.3.iii.a.tahun_ini", 10);
    counts(u, "A.II.4.i.a.tercapai", 0, "A.II.4.i.a.sasaran", 10);
    counts(u, "A.II.5.ii.a.selesai", 0, "A.II.5.ii.a.masuk", 10);
    answer(u, "A.I.6.iv.a", "E");
    answer(u, "A.I.6.iv.b", "C");
    answer(u, "A.I.6.iv.c", "D");
    answer(u, "A.I.6.v.b", "Tidak");
    answer(u, "A.I.6.v.c", "B");
}

START_TEST(total_wbbm_boundary)
{
    struct unit u[3];
    total_85(&u[0]);
    /* 0.01 less: A.II.1.i.a 99 changes by 100 agents (sub-area 2 × (0.99 + 1)/2 = 1.99). */
    total_85(&u[1]);
    counts(&u[1], "A.II.1.i.a.perubahan", 99, "A.II.1.i.a.agen", 100);
    /* A millionth less: 999,999 changes by 1,000,000 agents — still far outside the tolerance of 1e-9. */
    total_85(&u[2]);
    counts(&u[2], "A.II.1.i.a.perubahan", 999999, "A.II.1.i.a.agen", 1000000);
    struct batch b;
    score(u, 3, &b);
    NEAR(out(&b, 0, "hasil"), 36.5);
    NEAR(out(&b, 0, "pengungkit"), 48.5);
    NEAR(out(&b, 0, "area.manajemen_perubahan"), 6.5);
    NEAR(out(&b, 0, "area.tatalaksana"), 5.5);
    NEAR(out(&b, 0, "area.sdm"), 8);
    NEAR(out(&b, 0, "area.akuntabilitas"), 8);
    NEAR(out(&b, 0, "area.pengawasan"), 12);
    NEAR(out(&b, 0, "area.pelayanan_publik"), 8.5);
    NEAR(out(&b, 0, "total"), 85);
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    NEAR(out(&b, 1, "total"), 84.99);
    VERDICT(&b, 1, "WBK");
    FAILED(&b, 1, "WBBM", "total >= 85");
    NEAR(out(&b, 2, "total"), 84.999999);
    VERDICT(&b, 2, "WBK");
    FAILED(&b, 2, "WBBM", "total >= 85");
    batch_free(&b);
}
END_TEST

/* Total exactly 75 with every other WBK condition met with a margin: Hasil 34.025 (IPAK 3.64: 15.925; capaian
 * B: 3.75; IPKP 3.28: 14.35) and Pengungkit 40.975, i.e. 19.025 points lost, no area below 62 %:
 *   area 1  −3      A.I.1.iv at the bottom (−1.5), A.I.1.i Tidak, C (−0.5), A.II.1.ii.a E (−1)
 *   area 2  −2.5    A.I.2.iii C, C (−0.5), A.II.2.ii C, C (−1), A.I.2.ii.a/b C, C (2 × 2/4 = 1: −1)
 *   area 3  −3.5    A.II.3.iii.a 10 violations last year and this (−2), A.II.3.i.a C (−1.5)
 *   area 4  −3.5    A.II.4.i.a 0 of 10 (−2), A.II.4.ii.a D (−1.5)
 *   area 5  −4.525  A.II.5.ii.a 0 of 10 (−3), A.I.5.iv C, C, C (−1.5), A.II.5.iii.a 39 of 40 (2 × (0.975 +
 * 1)/2: −0.025) area 6  −2      A.I.6.iv E, C, D (−1), A.I.6.iii E, C, C (−1) */
static void total_75(struct unit *u)
{
    perfect(u);
    set(u, "B.I.a", 3.64);
    answer(u, "B.I.b", "B");
    set(u, "B.II.a", 3.28);
    answer(u, "A.I.1.iv.a", "Tidak");
    answer(u, "A.I.1.iv.b", "C");
    answer(u, "A.I.1.iv.c", "C");
    answer(u, "A.I.1.iv.d", "D");
    answer(u, "A.I.1.i.a", "Tidak");
    answer(u, "A.I.1.i.b", "C");
    answer(u, "A.II.1.ii.a", "E");
    answer(u, "A.I.2.iii.a", "C");
    answer(u, "A.I.2.iii.b", "C");
    answer(u, "A.II.2.ii.a", "C");
    answer(u, "A.II.2.ii.b", "C");
    answer(u, "A.I.2.ii.a", "C");
    answer(u, "A.I.2.ii.b", "C");
    counts(u, "A.II.3.iii.a.tahun_lalu", 10, "A.II.3.iii.a.tahun_ini", 10);
    answer(u, "A.II.3.i.a", "C");
    counts(u, "A.II.4.i.a.tercapai", 0, "A.II.4.i.a.sasaran", 10);
    answer(u, "A.II.4.ii.a", "D");
    counts(u, "A.II.5.ii.a.selesai", 0, "A.II.5.ii.a.masuk", 10);
    answer(u, "A.I.5.iv.a", "C");
    answer(u, "A.I.5.iv.b", "C");
    answer(u, "A.I.5.iv.c", "C");
    counts(u, "A.II.5.iii.a.lapor", 39, "A.II.5.iii.a.wajib", 40);
    answer(u, "A.I.6.iv.a", "E");
    answer(u, "A.I.6.iv.b", "C");
    answer(u, "A.I.6.iv.c", "D");
    answer(u, "A.I.6.iii.a", "E");
    answer(u, "A.I.6.iii.b", "C");
    answer(u, "A.I.6.iii.c", "C");
}

START_TEST(total_wbk_boundary)
{
    struct unit u[3];
    total_75(&u[0]);
    total_75(&u[1]);
    counts(&u[1], "A.II.1.i.a.perubahan", 99, "A.II.1.i.a.agen", 100); /* −0.01 */
    total_75(&u[2]);
    counts(&u[2], "A.II.1.i.a.perubahan", 999999, "A.II.1.i.a.agen", 1000000); /* −0.000001 */
    struct batch b;
    score(u, 3, &b);
    NEAR(out(&b, 0, "hasil.bersih"), 19.675);
    NEAR(out(&b, 0, "hasil"), 34.025);
    NEAR(out(&b, 0, "pengungkit"), 40.975);
    NEAR(out(&b, 0, "area.manajemen_perubahan"), 5);
    NEAR(out(&b, 0, "area.tatalaksana"), 4.5);
    NEAR(out(&b, 0, "area.sdm"), 6.5);
    NEAR(out(&b, 0, "area.akuntabilitas"), 6.5);
    NEAR(out(&b, 0, "area.pengawasan"), 10.475);
    NEAR(out(&b, 0, "area.pelayanan_publik"), 8);
    NEAR(out(&b, 0, "total"), 75);
    VERDICT(&b, 0, "WBK");
    FAILED(&b, 0, "WBK", "");
    NEAR(out(&b, 1, "total"), 74.99);
    VERDICT(&b, 1, "BELUM");
    FAILED(&b, 1, "WBK", "total >= 75");
    NEAR(out(&b, 2, "total"), 74.999999);
    VERDICT(&b, 2, "BELUM");
    FAILED(&b, 2, "WBK", "total >= 75");
    batch_free(&b);
}
END_TEST

/* ---- Pengungkit -----------------------------------------------------------------------------------------
 */

/* Pengungkit exactly 48 (Hasil 40, total 88): 12 points lost, every area at 75 % or more with a margin:
 *   area 1 −1.5 (A.I.1.iv at the bottom), area 2 −1.5 (A.I.2.iii C, C; A.II.2.ii C, C), area 3 −2
 * (A.II.3.iii.a 10 and 10), area 4 −2 (A.II.4.i.a 0 of 10), area 5 −3 (A.II.5.ii.a 0 of 10), area 6 −2
 * (A.I.6.iv E, C, D; A.I.6.iii E, C, C). */
static void pengungkit_48(struct unit *u)
{
    perfect(u);
    answer(u, "A.I.1.iv.a", "Tidak");
    answer(u, "A.I.1.iv.b", "C");
    answer(u, "A.I.1.iv.c", "C");
    answer(u, "A.I.1.iv.d", "D");
    answer(u, "A.I.2.iii.a", "C");
    answer(u, "A.I.2.iii.b", "C");
    answer(u, "A.II.2.ii.a", "C");
    answer(u, "A.II.2.ii.b", "C");
    counts(u, "A.II.3.iii.a.tahun_lalu", 10, "A.II.3.iii.a.tahun_ini", 10);
    counts(u, "A.II.4.i.a.tercapai", 0, "A.II.4.i.a.sasaran", 10);
    counts(u, "A.II.5.ii.a.selesai", 0, "A.II.5.ii.a.masuk", 10);
    answer(u, "A.I.6.iv.a", "E");
    answer(u, "A.I.6.iv.b", "C");
    answer(u, "A.I.6.iv.c", "D");
    answer(u, "A.I.6.iii.a", "E");
    answer(u, "A.I.6.iii.b", "C");
    answer(u, "A.I.6.iii.c", "C");
}

START_TEST(pengungkit_wbbm_boundary)
{
    struct unit u[2];
    pengungkit_48(&u[0]);
    pengungkit_48(&u[1]);
    counts(&u[1], "A.II.1.i.a.perubahan", 99, "A.II.1.i.a.agen", 100); /* −0.01 */
    struct batch b;
    score(u, 2, &b);
    NEAR(out(&b, 0, "pengungkit"), 48);
    NEAR(out(&b, 0, "total"), 88);
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    NEAR(out(&b, 1, "pengungkit"), 47.99);
    NEAR(out(&b, 1, "total"), 87.99);
    VERDICT(&b, 1, "WBK");
    FAILED(&b, 1, "WBBM", "pengungkit >= 48");
    batch_free(&b);
}
END_TEST

/* Pengungkit exactly 40 (Hasil 40, total 80): 20 points lost, every area at 60 % or more with a margin:
 *   area 1 −3 (A.I.1.iv bottom, A.I.1.i Tidak/C, A.II.1.ii.a E), area 2 −2.5 (A.I.2.iii C, C; A.II.2.ii C, C;
 *   A.I.2.ii.a/b C, C), area 3 −3.5 (A.II.3.iii.a 10/10; A.II.3.i.a C), area 4 −3.5 (A.II.4.i.a 0 of 10;
 *   A.II.4.ii.a D), area 5 −5 (A.II.5.ii.a 0 of 10: −3; A.I.5.iv C, C, C: −1.5; A.II.5.iii.a 5 of 10: −0.5),
 *   area 6 −2.5 (A.II.6.ii.a D). */
static void pengungkit_40(struct unit *u)
{
    perfect(u);
    answer(u, "A.I.1.iv.a", "Tidak");
    answer(u, "A.I.1.iv.b", "C");
    answer(u, "A.I.1.iv.c", "C");
    answer(u, "A.I.1.iv.d", "D");
    answer(u, "A.I.1.i.a", "Tidak");
    answer(u, "A.I.1.i.b", "C");
    answer(u, "A.II.1.ii.a", "E");
    answer(u, "A.I.2.iii.a", "C");
    answer(u, "A.I.2.iii.b", "C");
    answer(u, "A.II.2.ii.a", "C");
    answer(u, "A.II.2.ii.b", "C");
    answer(u, "A.I.2.ii.a", "C");
    answer(u, "A.I.2.ii.b", "C");
    counts(u, "A.II.3.iii.a.tahun_lalu", 10, "A.II.3.iii.a.tahun_ini", 10);
    answer(u, "A.II.3.i.a", "C");
    counts(u, "A.II.4.i.a.tercapai", 0, "A.II.4.i.a.sasaran", 10);
    answer(u, "A.II.4.ii.a", "D");
    counts(u, "A.II.5.ii.a.selesai", 0, "A.II.5.ii.a.masuk", 10);
    answer(u, "A.I.5.iv.a", "C");
    answer(u, "A.I.5.iv.b", "C");
    answer(u, "A.I.5.iv.c", "C");
    counts(u, "A.II.5.iii.a.lapor", 5, "A.II.5.iii.a.wajib", 10);
    answer(u, "A.II.6.ii.a", "D");
}

START_TEST(pengungkit_wbk_boundary)
{
    struct unit u[2];
    pengungkit_40(&u[0]);
    pengungkit_40(&u[1]);
    counts(&u[1], "A.II.1.i.a.perubahan", 99, "A.II.1.i.a.agen", 100); /* −0.01 */
    struct batch b;
    score(u, 2, &b);
    NEAR(out(&b, 0, "pengungkit"), 40);
    NEAR(out(&b, 0, "total"), 80);
    NEAR(out(&b, 0, "area.manajemen_perubahan"), 5);
    NEAR(out(&b, 0, "area.tatalaksana"), 4.5);
    NEAR(out(&b, 0, "area.sdm"), 6.5);
    NEAR(out(&b, 0, "area.akuntabilitas"), 6.5);
    NEAR(out(&b, 0, "area.pengawasan"), 10);
    NEAR(out(&b, 0, "area.pelayanan_publik"), 7.5);
    VERDICT(&b, 0, "WBK");
    FAILED(&b, 0, "WBK", "");
    NEAR(out(&b, 1, "pengungkit"), 39.99);
    VERDICT(&b, 1, "BELUM");
    FAILED(&b, 1, "WBK", "pengungkit >= 40");
    batch_free(&b);
}
END_TEST

/* ---- Areas: each of the six, at exactly 75 % and 60 % of its weight (over Pemenuhan + Reform), and just
 * below. Everything else is perfect, so the area is the only condition that can fail. ----------------------
 */

/* Points the area keeps: weight × 75 % and weight × 60 %. */
static const struct {
    const char *id;
    double weight;
} areas[] = {
    {"manajemen_perubahan", 8}, {"tatalaksana", 7}, {"sdm", 10},
    {"akuntabilitas", 10},      {"pengawasan", 15}, {"pelayanan_publik", 10},
};

/* An area at exactly 75 % of its weight (−25 %). */
static void area_at_75(struct unit *u, int area)
{
    perfect(u);
    switch (area) {
    case 0: /* −2 of 8: A.II.1.ii.a E (−1), A.II.1.iii.a D (−1) */
        answer(u, "A.II.1.ii.a", "E");
        answer(u, "A.II.1.iii.a", "D");
        break;
    case 1: /* −1.75 of 7: A.II.2.ii C, C (−1), A.I.2.iii C, C (−0.5), A.I.2.ii.a B (2 × 3.5/4 = 1.75: −0.25)
             */
        answer(u, "A.II.2.ii.a", "C");
        answer(u, "A.II.2.ii.b", "C");
        answer(u, "A.I.2.iii.a", "C");
        answer(u, "A.I.2.iii.b", "C");
        answer(u, "A.I.2.ii.a", "B");
        break;
    case 2: /* −2.5 of 10: A.II.3.i.a C (−1.5), A.II.3.iii.a 10 violations last year, 5 this year (2 × 0.5:
               −1) */
        answer(u, "A.II.3.i.a", "C");
        counts(u, "A.II.3.iii.a.tahun_lalu", 10, "A.II.3.iii.a.tahun_ini", 5);
        break;
    case 3: /* −2.5 of 10: A.II.4.ii.a D (−1.5), A.II.4.i.a 5 of 10 targets (−1) */
        answer(u, "A.II.4.ii.a", "D");
        counts(u, "A.II.4.i.a.tercapai", 5, "A.II.4.i.a.sasaran", 10);
        break;
    case 4: /* −3.75 of 15: A.II.5.i.a E (−2.5), A.II.5.iii.a 0 of 10 (−1), A.II.5.iii.b 3 of 4 (−0.25) */
        answer(u, "A.II.5.i.a", "E");
        counts(u, "A.II.5.iii.a.lapor", 0, "A.II.5.iii.a.wajib", 10);
        counts(u, "A.II.5.iii.b.lapor", 3, "A.II.5.iii.b.wajib", 4);
        break;
    case 5: /* −2.5 of 10: A.II.6.ii.a D */
        answer(u, "A.II.6.ii.a", "D");
        break;
    }
}

/* The same area just below 75 %. Area 2 has no percent item: 0.00166… below is the closest a worksheet can
 * come (A.II.2.i.a C: 0.5 × 0.33, −0.335; A.II.2.ii A, B: −0.25; A.II.2.iii A, D, E: 2 × 1.25/3, −7/6; in
 * all −1051/600 = −1.75166…, found by enumerating the area's answers exactly). */
static double area_below_75(struct unit *u, int area)
{
    area_at_75(u, area);
    switch (area) {
    case 0:
        counts(u, "A.II.1.i.a.perubahan", 99, "A.II.1.i.a.agen", 100); /* −0.01 */
        return 0.01;
    case 1:
        perfect(u);
        answer(u, "A.II.2.i.a", "C");
        answer(u, "A.II.2.ii.b", "B");
        answer(u, "A.II.2.iii.b", "D");
        answer(u, "A.II.2.iii.c", "E");
        return 1.0 / 600;
    case 2:
        counts(u, "A.II.3.iii.a.tahun_lalu", 200, "A.II.3.iii.a.tahun_ini", 101); /* 2 × 99/200: −1.01 */
        return 0.01;
    case 3:
        counts(u, "A.II.4.i.a.tercapai", 99, "A.II.4.i.a.sasaran", 200); /* 2 × 99/200: −1.01 */
        return 0.01;
    case 4:
        counts(u, "A.II.5.ii.a.selesai", 299, "A.II.5.ii.a.masuk", 300); /* 3 × 1/300: −0.01 */
        return 0.01;
    default:
        counts(u, "A.II.6.i.b.dipermudah", 124, "A.II.6.i.b.terdata", 125); /* 2.5 × (1/125)/2: −0.01 */
        return 0.01;
    }
}

/* An area at exactly 60 % (−40 %) — except area 2 (Tatalaksana), which no worksheet can put at exactly 4.2 of
 * 7 (its scores are sums of weight × mean of two-decimal answers; enumerating them all exactly, the closest
 * are 4.20666… and 4.195). Returns the area's expected points. */
static double area_at_60(struct unit *u, int area)
{
    perfect(u);
    switch (area) {
    case 0: /* −3.2: A.II.1.ii.a E (−1), A.II.1.iii.a D (−1), A.I.1.iii D, D, D (−1), A.II.1.i.b 8 of 10
               (−0.2) */
        answer(u, "A.II.1.ii.a", "E");
        answer(u, "A.II.1.iii.a", "D");
        answer(u, "A.I.1.iii.a", "D");
        answer(u, "A.I.1.iii.b", "D");
        answer(u, "A.I.1.iii.c", "D");
        counts(u, "A.II.1.i.b.terintegrasi", 8, "A.II.1.i.b.perubahan", 10);
        return 4.8;
    case 1: /* −419/150: A.I.2.iii A, B (−0.125), A.II.2.i.a C (−0.335), A.II.2.ii A, C (−0.5), A.II.2.iii D,
             * E, E (2 × 0.25/3: −11/6) → 4.20666… (the nearest a worksheet gets at or above 60 %) */
        answer(u, "A.I.2.iii.b", "B");
        answer(u, "A.II.2.i.a", "C");
        answer(u, "A.II.2.ii.b", "C");
        answer(u, "A.II.2.iii.a", "D");
        answer(u, "A.II.2.iii.b", "E");
        answer(u, "A.II.2.iii.c", "E");
        return 7 - 419.0 / 150;
    case 2: /* −4: A.II.3.i.a C, A.II.3.ii.a C (−3), A.II.3.iii.a 10 last year, 5 this year (−1) */
        answer(u, "A.II.3.i.a", "C");
        answer(u, "A.II.3.ii.a", "C");
        counts(u, "A.II.3.iii.a.tahun_lalu", 10, "A.II.3.iii.a.tahun_ini", 5);
        return 6;
    case 3: /* −4: A.II.4.ii.a D, A.II.4.iii.a D (−3), A.II.4.i.a 5 of 10 (−1) */
        answer(u, "A.II.4.ii.a", "D");
        answer(u, "A.II.4.iii.a", "D");
        counts(u, "A.II.4.i.a.tercapai", 5, "A.II.4.i.a.sasaran", 10);
        return 6;
    case 4: /* −6: A.II.5.i.a E (−2.5), A.II.5.ii.a 0 of 10 (−3), A.II.5.iii.a 5 of 10 (−0.5) */
        answer(u, "A.II.5.i.a", "E");
        counts(u, "A.II.5.ii.a.selesai", 0, "A.II.5.ii.a.masuk", 10);
        counts(u, "A.II.5.iii.a.lapor", 5, "A.II.5.iii.a.wajib", 10);
        return 9;
    default: /* −4: A.II.6.ii.a D (−2.5), A.I.6.iv E, C, D (−1), A.I.6.v A, Tidak, B (−0.5) */
        answer(u, "A.II.6.ii.a", "D");
        answer(u, "A.I.6.iv.a", "E");
        answer(u, "A.I.6.iv.b", "C");
        answer(u, "A.I.6.iv.c", "D");
        answer(u, "A.I.6.v.b", "Tidak");
        answer(u, "A.I.6.v.c", "B");
        return 6;
    }
}

/* Just below 60 %; returns the area's expected points. */
static double area_below_60(struct unit *u, int area)
{
    double at = area_at_60(u, area);
    switch (area) {
    case 0:
        counts(u, "A.II.1.i.a.perubahan", 99, "A.II.1.i.a.agen", 100);
        return at - 0.01;
    case 1: /* −561/200: A.I.2.i.a C (−0.67/3), A.II.2.i.a B (−0.165), A.II.2.ii B, C (−0.75), A.II.2.iii C,
             * E, E (2 × 0.5/3: −5/3) → 4.195 */
        perfect(u);
        answer(u, "A.I.2.i.a", "C");
        answer(u, "A.II.2.i.a", "B");
        answer(u, "A.II.2.ii.a", "B");
        answer(u, "A.II.2.ii.b", "C");
        answer(u, "A.II.2.iii.a", "C");
        answer(u, "A.II.2.iii.b", "E");
        answer(u, "A.II.2.iii.c", "E");
        return 7 - 561.0 / 200;
    case 2:
        counts(u, "A.II.3.iii.a.tahun_lalu", 200, "A.II.3.iii.a.tahun_ini", 101);
        return at - 0.01;
    case 3:
        counts(u, "A.II.4.i.a.tercapai", 99, "A.II.4.i.a.sasaran", 200);
        return at - 0.01;
    case 4:
        counts(u, "A.II.5.iii.b.lapor", 99, "A.II.5.iii.b.wajib", 100);
        return at - 0.01;
    default:
        counts(u, "A.II.6.i.b.dipermudah", 124, "A.II.6.i.b.terdata", 125);
        return at - 0.01;
    }
}

START_TEST(area_wbbm_boundary)
{
    int a = _i;
    struct unit u[2];
    area_at_75(&u[0], a);
    double gap = area_below_75(&u[1], a);
    struct batch b;
    score(u, 2, &b);
    char path[64], cond[96];
    snprintf(path, sizeof path, "area.%s", areas[a].id);
    snprintf(cond, sizeof cond, "area.%s >= 75%%", areas[a].id);
    NEAR(out(&b, 0, path), 0.75 * areas[a].weight);
    NEAR(out(&b, 0, "total"), 100 - 0.25 * areas[a].weight);
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    NEAR(out(&b, 1, path), 0.75 * areas[a].weight - gap);
    VERDICT(&b, 1, "WBK");
    FAILED(&b, 1, "WBBM", cond);
    batch_free(&b);
}
END_TEST

START_TEST(area_wbk_boundary)
{
    int a = _i;
    struct unit u[2];
    double at = area_at_60(&u[0], a), below = area_below_60(&u[1], a);
    struct batch b;
    score(u, 2, &b);
    char path[64], cond[96];
    snprintf(path, sizeof path, "area.%s", areas[a].id);
    snprintf(cond, sizeof cond, "area.%s >= 60%%", areas[a].id);
    NEAR(out(&b, 0, path), at);
    if (a != 1) NEAR(at, 0.6 * areas[a].weight);
    VERDICT(&b, 0, "WBK");
    snprintf(cond, sizeof cond, "area.%s >= 75%%", areas[a].id);
    FAILED(&b, 0, "WBBM", cond);
    FAILED(&b, 0, "WBK", "");
    NEAR(out(&b, 1, path), below);
    ck_assert(below < 0.6 * areas[a].weight - 1e-6);
    VERDICT(&b, 1, "BELUM");
    snprintf(cond, sizeof cond, "area.%s >= 60%%", areas[a].id);
    FAILED(&b, 1, "WBK", cond);
    batch_free(&b);
}
END_TEST

/* A unit exactly on a threshold whose double arithmetic lands just below it: area 6 (Pelayanan Publik) at
 * exactly 75 % of 10 through the worksheet's two-decimal abcd values, found by enumerating the area's answers
 * (exact sum vs. the IEEE sum in the worksheet's order). Exactly:
 *   A.I.6.i   A, B, B, Ya: 1 × (1 + 0.67 + 0.67 + 1)/4 = 0.835
 *   A.I.6.ii  A, B, B, B, D, B(abcde 0.75): 1 × 3.76/6 = 0.626666…
 *   A.I.6.iii A, A, C: 1 × 2/3
 *   A.I.6.iv  B(0.75), C, B(0.67): 1 × 1.42/3 = 0.473333…
 *   A.I.6.v   B(0.67), Ya, B(0.5): 1 × 2.17/3 = 0.723333…     → Pemenuhan 3.325
 *   A.II.6.i  A, 10 of 10: 2.5;  A.II.6.ii B: 2.5 × 0.67 = 1.675 → Reform 4.175;  area 7.5 = 75 % of 10.
 * In doubles the area is 7.499999999999999 (one ulp below): the tolerance of docs/language.md §5 gives the
 * unit the verdict its exact score earns, WBBM. */
START_TEST(area_exact_despite_rounding)
{
    struct unit u;
    perfect(&u);
    answer(&u, "A.I.6.i.b", "B");
    answer(&u, "A.I.6.i.c", "B");
    answer(&u, "A.I.6.ii.b", "B");
    answer(&u, "A.I.6.ii.c", "B");
    answer(&u, "A.I.6.ii.d", "B");
    answer(&u, "A.I.6.ii.e", "D");
    answer(&u, "A.I.6.ii.f", "B");
    answer(&u, "A.I.6.iii.c", "C");
    answer(&u, "A.I.6.iv.a", "B");
    answer(&u, "A.I.6.iv.b", "C");
    answer(&u, "A.I.6.iv.c", "B");
    answer(&u, "A.I.6.v.a", "B");
    answer(&u, "A.I.6.v.c", "B");
    answer(&u, "A.II.6.ii.a", "B");
    struct batch b;
    score(&u, 1, &b);
    NEAR(out(&b, 0, "pengungkit.pemenuhan.pelayanan_publik"), 3.325);
    NEAR(out(&b, 0, "pengungkit.reform.pelayanan_publik"), 4.175);
    NEAR(out(&b, 0, "area.pelayanan_publik"), 7.5);
    ck_assert_msg(out(&b, 0, "area.pelayanan_publik") < 7.5,
                  "the double sum is %.17g: this unit no longer tests "
                  "the tolerance",
                  out(&b, 0, "area.pelayanan_publik"));
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    batch_free(&b);
}
END_TEST

/* ---- B.I Birokrasi bersih dan akuntabel
 * -------------------------------------------------------------------- B.I = IPAK score + capaian. Both
 * predicates also require IPAK ≥ 3.60 (15.75 points) and capaian ≥ 3.75 (WBBM) or ≥ 2.5 (WBK), and 15.75
 * + 3.75 = 19.5, 15.75 + 2.5 = 18.25: the B.I minimums are implied by the other two conditions, so B.I can
 * sit exactly on its threshold, but it can never be the only reason a unit misses a predicate. The tests show
 * both. */
START_TEST(bersih_boundaries)
{
    struct unit u[5];
    perfect(&u[0]); /* B.I exactly 19.5: IPAK 3.60 (15.75) + capaian B (3.75) */
    set(&u[0], "B.I.a", 3.60);
    answer(&u[0], "B.I.b", "B");
    perfect(&u[1]); /* B.I 19.45625: IPAK 3.59 + capaian B — fails B.I and IPAK, for both predicates */
    set(&u[1], "B.I.a", 3.59);
    answer(&u[1], "B.I.b", "B");
    perfect(&u[2]); /* B.I exactly 18.25: IPAK 3.60 + capaian C (2.5) */
    set(&u[2], "B.I.a", 3.60);
    answer(&u[2], "B.I.b", "C");
    perfect(&u[3]); /* B.I 18.20625: IPAK 3.59 + capaian C */
    set(&u[3], "B.I.a", 3.59);
    answer(&u[3], "B.I.b", "C");
    perfect(&u[4]); /* B.I 20 ≥ 19.5 with IPAK 4 and capaian C: WBBM fails on capaian alone */
    answer(&u[4], "B.I.b", "C");
    struct batch b;
    score(u, 5, &b);
    NEAR(out(&b, 0, "hasil.bersih"), 19.5);
    NEAR(out(&b, 0, "hasil.bersih.ipak"), 15.75);
    NEAR(out(&b, 0, "hasil.bersih.capaian"), 3.75);
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    NEAR(out(&b, 1, "hasil.bersih"), 19.45625);
    VERDICT(&b, 1, "BELUM");
    FAILED(&b, 1, "WBBM", "hasil.bersih >= 19.5; hasil.bersih.ipak.answer >= 3.60");
    FAILED(&b, 1, "WBK", "hasil.bersih.ipak.answer >= 3.60");
    NEAR(out(&b, 2, "hasil.bersih"), 18.25);
    VERDICT(&b, 2, "WBK");
    FAILED(&b, 2, "WBBM", "hasil.bersih >= 19.5; hasil.bersih.capaian >= 3.75");
    FAILED(&b, 2, "WBK", "");
    NEAR(out(&b, 3, "hasil.bersih"), 18.20625);
    VERDICT(&b, 3, "BELUM");
    FAILED(&b, 3, "WBK", "hasil.bersih >= 18.25; hasil.bersih.ipak.answer >= 3.60");
    NEAR(out(&b, 4, "hasil.bersih"), 20);
    VERDICT(&b, 4, "WBK");
    FAILED(&b, 4, "WBBM", "hasil.bersih.capaian >= 3.75");
    batch_free(&b);
}
END_TEST

/* ---- Survey indices ----------------------------------------------------------------------------------- */

START_TEST(ipak_boundaries)
{
    struct unit u[6];
    perfect(&u[0]);
    set(&u[0], "B.I.a", 3.60);
    perfect(&u[1]);
    set(&u[1], "B.I.a", 3.59);
    perfect(&u[2]);
    set(&u[2], "B.I.a", 3.599999);
    /* A WBK-level unit (IPKP 3.30 misses WBBM's 3.60): the same IPAK threshold decides WBK. */
    for (int k = 3; k < 6; k++) {
        perfect(&u[k]);
        set(&u[k], "B.II.a", 3.30);
    }
    set(&u[3], "B.I.a", 3.60);
    set(&u[4], "B.I.a", 3.59);
    set(&u[5], "B.I.a", 3.599999);
    struct batch b;
    score(u, 6, &b);
    NEAR(out(&b, 0, "hasil.bersih.ipak"), 15.75); /* 3.60 / 4 × 17.5 */
    NEAR(out(&b, 0, "total"), 98.25);
    VERDICT(&b, 0, "WBBM");
    FAILED(&b, 0, "WBBM", "");
    NEAR(out(&b, 1, "hasil.bersih.ipak"), 15.70625);
    VERDICT(&b, 1, "BELUM");
    FAILED(&b, 1, "WBBM", "hasil.bersih.ipak.answer >= 3.60");
    FAILED(&b, 1, "WBK", "hasil.bersih.ipak.answer >= 3.60");
    VERDICT(&b, 2, "BELUM");
    FAILED(&b, 2, "WBK", "hasil.bersih.ipak.answer >= 3.60");
    NEAR(out(&b, 3, "hasil.pelayanan.ipkp"), 14.4375);
    VERDICT(&b, 3, "WBK");
    FAILED(&b, 3, "WBBM", "hasil.pelayanan.ipkp.answer >= 3.60");
    FAILED(&b, 3, "WBK", "");
    VERDICT(&b, 4, "BELUM");
    FAILED(&b, 4, "WBK", "hasil.bersih.ipak.answer >= 3.60");
    VERDICT(&b, 5, "BELUM");
    FAILED(&b, 5, "WBK", "hasil.bersih.ipak.answer >= 3.60");
    batch_free(&b);
}
END_TEST

START_TEST(ipkp_boundaries)
{
    static const struct {
        double index;
        const char *verdict, *wbbm_failed, *wbk_failed;
    } cases[] = {
        {3.60, "WBBM", "", ""},
        {3.59, "WBK", "hasil.pelayanan.ipkp.answer >= 3.60", ""},
        {3.599999, "WBK", "hasil.pelayanan.ipkp.answer >= 3.60", ""},
        {3.20, "WBK", "hasil.pelayanan.ipkp.answer >= 3.60", ""},
        {3.19, "BELUM", "hasil.pelayanan.ipkp.answer >= 3.60", "hasil.pelayanan.ipkp.answer >= 3.20"},
        {3.199999, "BELUM", "hasil.pelayanan.ipkp.answer >= 3.60", "hasil.pelayanan.ipkp.answer >= 3.20"},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    struct unit u[N];
    for (int k = 0; k < N; k++) {
        perfect(&u[k]);
        set(&u[k], "B.II.a", cases[k].index);
    }
    struct batch b;
    score(u, N, &b);
    for (int k = 0; k < N; k++) {
        NEAR(out(&b, k, "hasil.pelayanan"), cases[k].index / 4 * 17.5);
        VERDICT(&b, k, cases[k].verdict);
        FAILED(&b, k, "WBBM", cases[k].wbbm_failed);
        FAILED(&b, k, "WBK", cases[k].wbk_failed);
    }
    NEAR(out(&b, 0, "hasil.pelayanan"), 15.75);
    NEAR(out(&b, 3, "hasil.pelayanan"), 14);
    batch_free(&b);
}
END_TEST

/* ---- B.I.b capaian kinerja: A 5, B 3.75 (WBBM's minimum), C 2.5 (WBK's), D 1.25, E 0. With IPAK at 4
 * (17.5), B.I is 17.5 + capaian: C gives 20 (B.I still meets WBBM's 19.5, capaian alone fails), D 18.75
 * (meets WBK's 18.25: capaian alone fails WBK), E 17.5 (fails both).
 * ------------------------------------------------ */
START_TEST(capaian_boundaries)
{
    static const struct {
        const char *label;
        double points;
        const char *verdict, *wbbm_failed, *wbk_failed;
    } cases[] = {
        {"A", 5, "WBBM", "", ""},
        {"B", 3.75, "WBBM", "", ""},
        {"C", 2.5, "WBK", "hasil.bersih.capaian >= 3.75", ""},
        {"D", 1.25, "BELUM", "hasil.bersih >= 19.5; hasil.bersih.capaian >= 3.75",
         "hasil.bersih.capaian >= 2.5"},
        {"E", 0, "BELUM", "hasil.bersih >= 19.5; hasil.bersih.capaian >= 3.75",
         "hasil.bersih >= 18.25; hasil.bersih.capaian >= 2.5"},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    struct unit u[N];
    for (int k = 0; k < N; k++) {
        perfect(&u[k]);
        answer(&u[k], "B.I.b", cases[k].label);
    }
    struct batch b;
    score(u, N, &b);
    for (int k = 0; k < N; k++) {
        NEAR(out(&b, k, "hasil.bersih.capaian"), cases[k].points);
        NEAR(out(&b, k, "total"), 95 + cases[k].points);
        VERDICT(&b, k, cases[k].verdict);
        FAILED(&b, k, "WBBM", cases[k].wbbm_failed);
        FAILED(&b, k, "WBK", cases[k].wbk_failed);
    }
    batch_free(&b);
}
END_TEST

/* ---- Data rules (require) and caps -----------------------------------------------------------------------
 */

START_TEST(require_rules)
{
    static const struct {
        const char *num, *den;
        double a, b;
        const char *failed;
    } cases[] = {
        {"A.II.1.i.b.terintegrasi", "A.II.1.i.b.perubahan", 11, 10, "A.II.1.i.b: terintegrasi <= perubahan"},
        {"A.II.4.i.a.tercapai", "A.II.4.i.a.sasaran", 11, 10, "A.II.4.i.a: tercapai <= sasaran"},
        {"A.II.5.iii.a.lapor", "A.II.5.iii.a.wajib", 11, 10, "A.II.5.iii.a: lapor <= wajib"},
        {"A.II.5.iii.b.lapor", "A.II.5.iii.b.wajib", 11, 10, "A.II.5.iii.b: lapor <= wajib"},
        {"A.II.6.i.b.dipermudah", "A.II.6.i.b.terdata", 11, 10, "A.II.6.i.b: dipermudah <= terdata"},
        /* a numerator above a zero denominator breaks the rule too */
        {"A.II.5.iii.a.lapor", "A.II.5.iii.a.wajib", 1, 0, "A.II.5.iii.a: lapor <= wajib"},
        {"A.II.1.i.b.terintegrasi", "A.II.1.i.b.perubahan", 3, 0, "A.II.1.i.b: terintegrasi <= perubahan"},
        /* on the rule's edge (equal counts) is fine */
        {"A.II.6.i.b.dipermudah", "A.II.6.i.b.terdata", 7, 7, ""},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    struct unit u[N];
    for (int k = 0; k < N; k++) {
        perfect(&u[k]);
        counts(&u[k], cases[k].num, cases[k].a, cases[k].den, cases[k].b);
    }
    struct batch b;
    score(u, N, &b);
    for (int k = 0; k < N; k++) {
        FAILED(&b, k, NULL, cases[k].failed);
        VERDICT(&b, k, cases[k].failed[0] ? "NONE" : "WBBM");
    }
    batch_free(&b);
}
END_TEST

/* Not data errors: more changes than change agents and more complaints resolved than required cap at 1; more
 * violations this year than last scores 0. */
START_TEST(caps_are_not_errors)
{
    struct unit u[4];
    perfect(&u[0]);
    counts(&u[0], "A.II.1.i.a.perubahan", 15, "A.II.1.i.a.agen", 8);
    perfect(&u[1]);
    counts(&u[1], "A.II.5.ii.a.selesai", 42, "A.II.5.ii.a.masuk", 40);
    perfect(&u[2]);
    counts(&u[2], "A.II.3.iii.a.tahun_lalu", 2, "A.II.3.iii.a.tahun_ini", 5);
    perfect(&u[3]); /* fewer violations: (11 − 7) / 11 */
    counts(&u[3], "A.II.3.iii.a.tahun_lalu", 11, "A.II.3.iii.a.tahun_ini", 7);
    struct batch b;
    score(u, 4, &b);
    NEAR(item_value(&b, 0, "A.II.1.i.a"), 1);
    NEAR(out(&b, 0, "total"), 100);
    VERDICT(&b, 0, "WBBM");
    NEAR(item_value(&b, 1, "A.II.5.ii.a"), 1);
    NEAR(out(&b, 1, "total"), 100);
    VERDICT(&b, 1, "WBBM");
    NEAR(item_value(&b, 2, "A.II.3.iii.a"), 0);
    NEAR(out(&b, 2, "area.sdm"), 8);
    NEAR(out(&b, 2, "total"), 98);
    VERDICT(&b, 2, "WBBM");
    FAILED(&b, 2, NULL, "");
    NEAR(item_value(&b, 3, "A.II.3.iii.a"), 4.0 / 11);
    NEAR(out(&b, 3, "total"), 100 - 2 * 7.0 / 11);
    batch_free(&b);
}
END_TEST

/* ---- Zero denominators: the rule of each percent item (domain file, "Percent items"). ---------------------
 */
START_TEST(zero_denominators)
{
    static const struct {
        const char *code, *a, *b;
        double na, nb, value;
    } cases[] = {
        {"A.II.1.i.a", "perubahan", "agen", 0, 0, 0},         /* no agents: 0 */
        {"A.II.1.i.a", "perubahan", "agen", 4, 0, 0},         /* changes but no agents: 0 (not an error) */
        {"A.II.1.i.b", "terintegrasi", "perubahan", 0, 0, 0}, /* no changes made: 0 */
        {"A.II.3.iii.a", "tahun_lalu", "tahun_ini", 0, 0, 1}, /* none last year, none this year: 1 */
        {"A.II.3.iii.a", "tahun_lalu", "tahun_ini", 0, 2, 0}, /* none last year, some this year: 0 */
        {"A.II.4.i.a", "tercapai", "sasaran", 0, 0, 0},       /* no targets: 0 */
        {"A.II.5.ii.a", "selesai", "masuk", 0, 0, 1},         /* nothing to follow up: 1 */
        {"A.II.5.ii.a", "selesai", "masuk", 3, 0, 1},         /* resolved with nothing required: capped, 1 */
        {"A.II.5.iii.a", "lapor", "wajib", 0, 0, 1},          /* nobody obliged: 1 */
        {"A.II.5.iii.b", "lapor", "wajib", 0, 0, 1},          /* nobody obliged: 1 */
        {"A.II.6.i.b", "dipermudah", "terdata", 0, 0, 0},     /* no services registered: 0 */
    };
    enum { N = sizeof cases / sizeof cases[0] };
    struct unit u[N];
    char ka[64], kb[64];
    for (int k = 0; k < N; k++) {
        perfect(&u[k]);
        snprintf(ka, sizeof ka, "%s.%s", cases[k].code, cases[k].a);
        snprintf(kb, sizeof kb, "%s.%s", cases[k].code, cases[k].b);
        counts(&u[k], ka, cases[k].na, kb, cases[k].nb);
    }
    struct batch b;
    score(u, N, &b);
    for (int k = 0; k < N; k++) {
        double weight = D->outputs[item_output(cases[k].code)].weight;
        ck_assert_msg(fabs(item_value(&b, k, cases[k].code) - cases[k].value) <= 1e-12,
                      "%s with %g, %g: %.17g", cases[k].code, cases[k].na, cases[k].nb,
                      item_value(&b, k, cases[k].code));
        NEAR(out(&b, k, "total"), 100 - (1 - cases[k].value) * weight);
        FAILED(&b, k, NULL, "");
        ck_assert_str_ne(verdict_of(&b, k), "NONE");
    }
    batch_free(&b);
}
END_TEST

/* A percent item with a count missing is a missing answer: 0, even where the zero-denominator rule gives 1.
 */
START_TEST(missing_counts)
{
    struct unit u[4];
    perfect(&u[0]);
    unset(&u[0], "A.II.5.ii.a.selesai");
    unset(&u[0], "A.II.5.ii.a.masuk");
    perfect(&u[1]);
    unset(&u[1], "A.II.5.iii.a.wajib");
    set(&u[1], "A.II.5.iii.a.lapor", 0);
    perfect(&u[2]);
    unset(&u[2], "A.II.1.i.a.perubahan");
    perfect(&u[3]); /* missing survey index: 0 points, and the index condition fails */
    unset(&u[3], "B.I.a");
    struct batch b;
    score(u, 4, &b);
    NEAR(item_value(&b, 0, "A.II.5.ii.a"), 0);
    NEAR(out(&b, 0, "total"), 97);
    NEAR(item_value(&b, 1, "A.II.5.iii.a"), 0);
    NEAR(out(&b, 1, "total"), 99);
    NEAR(item_value(&b, 2, "A.II.1.i.a"), 0);
    NEAR(out(&b, 2, "total"), 99);
    for (int k = 0; k < 3; k++)
        VERDICT(&b, k, "WBBM");
    NEAR(out(&b, 3, "hasil.bersih"), 5);
    VERDICT(&b, 3, "BELUM");
    FAILED(&b, 3, "WBK", "hasil.bersih >= 18.25; hasil.bersih.ipak.answer >= 3.60");
    batch_free(&b);
}
END_TEST

/* ---- The worked example (docs/worked-example.md)
 * ------------------------------------------------------------ Unit rsud-c of examples/ (WBK just barely).
 * Every number the document states is checked twice: the interpreter's value must be within 1e-9 of the exact
 * value worked out by hand (given here as a fraction), and the document's table row for it must show that
 * exact value as the document rounds it (two decimals; a rounding tie such as 32.775 is shown with its three
 * decimals). */

static const struct {
    const char *key;
    const char *label; /* a scale label, or NULL for a number */
    double number;
} rsud_c[] = {
    {"A.I.1.i.a", "Ya", 0},
    {"A.I.1.i.b", "A", 0},
    {"A.I.1.ii.a", "Ya", 0},
    {"A.I.1.ii.b", "B", 0},
    {"A.I.1.ii.c", "B", 0},
    {"A.I.1.iii.a", "A", 0},
    {"A.I.1.iii.b", "B", 0},
    {"A.I.1.iii.c", "B", 0},
    {"A.I.1.iv.a", "Tidak", 0},
    {"A.I.1.iv.b", "A", 0},
    {"A.I.1.iv.c", "A", 0},
    {"A.I.1.iv.d", "B", 0},
    {"A.I.2.i.a", "B", 0},
    {"A.I.2.i.b", "A", 0},
    {"A.I.2.i.c", "B", 0},
    {"A.I.2.ii.a", "C", 0},
    {"A.I.2.ii.b", "A", 0},
    {"A.I.2.ii.c", "C", 0},
    {"A.I.2.ii.d", "A", 0},
    {"A.I.2.iii.a", "B", 0},
    {"A.I.2.iii.b", "B", 0},
    {"A.I.3.i.a", "Tidak", 0},
    {"A.I.3.i.b", "A", 0},
    {"A.I.3.i.c", "Tidak", 0},
    {"A.I.3.ii.a", "Ya", 0},
    {"A.I.3.ii.b", "C", 0},
    {"A.I.3.ii.c", "Ya", 0},
    {"A.I.3.iii.a", "Ya", 0},
    {"A.I.3.iii.b", "B", 0},
    {"A.I.3.iii.c", "B", 0},
    {"A.I.3.iii.d", "A", 0},
    {"A.I.3.iii.e", "A", 0},
    {"A.I.3.iii.f", "A", 0},
    {"A.I.3.iv.a", "A", 0},
    {"A.I.3.iv.b", "B", 0},
    {"A.I.3.iv.c", "B", 0},
    {"A.I.3.iv.d", "Tidak", 0},
    {"A.I.3.v.a", "A", 0},
    {"A.I.3.vi.a", "A", 0},
    {"A.I.4.i.a", "A", 0},
    {"A.I.4.i.b", "A", 0},
    {"A.I.4.i.c", "C", 0},
    {"A.I.4.ii.a", "Tidak", 0},
    {"A.I.4.ii.b", "Tidak", 0},
    {"A.I.4.ii.c", "Tidak", 0},
    {"A.I.4.ii.d", "B", 0},
    {"A.I.4.ii.e", "Ya", 0},
    {"A.I.4.ii.f", "C", 0},
    {"A.I.4.ii.g", "Ya", 0},
    {"A.I.4.ii.h", "A", 0},
    {"A.I.5.i.a", "B", 0},
    {"A.I.5.i.b", "A", 0},
    {"A.I.5.ii.a", "A", 0},
    {"A.I.5.ii.b", "B", 0},
    {"A.I.5.ii.c", "A", 0},
    {"A.I.5.ii.d", "B", 0},
    {"A.I.5.iii.a", "B", 0},
    {"A.I.5.iii.b", "Tidak", 0},
    {"A.I.5.iii.c", "C", 0},
    {"A.I.5.iii.d", "B", 0},
    {"A.I.5.iv.a", "A", 0},
    {"A.I.5.iv.b", "A", 0},
    {"A.I.5.iv.c", "A", 0},
    {"A.I.5.v.a", "B", 0},
    {"A.I.5.v.b", "A", 0},
    {"A.I.5.v.c", "A", 0},
    {"A.I.5.v.d", "A", 0},
    {"A.I.5.v.e", "A", 0},
    {"A.I.6.i.a", "A", 0},
    {"A.I.6.i.b", "B", 0},
    {"A.I.6.i.c", "B", 0},
    {"A.I.6.i.d", "Tidak", 0},
    {"A.I.6.ii.a", "A", 0},
    {"A.I.6.ii.b", "C", 0},
    {"A.I.6.ii.c", "B", 0},
    {"A.I.6.ii.d", "D", 0},
    {"A.I.6.ii.e", "B", 0},
    {"A.I.6.ii.f", "B", 0},
    {"A.I.6.iii.a", "C", 0},
    {"A.I.6.iii.b", "A", 0},
    {"A.I.6.iii.c", "A", 0},
    {"A.I.6.iv.a", "B", 0},
    {"A.I.6.iv.b", "C", 0},
    {"A.I.6.iv.c", "B", 0},
    {"A.I.6.v.a", "A", 0},
    {"A.I.6.v.b", "Tidak", 0},
    {"A.I.6.v.c", "C", 0},
    {"A.II.1.i.a.perubahan", NULL, 14},
    {"A.II.1.i.a.agen", NULL, 20},
    {"A.II.1.i.b.terintegrasi", NULL, 9},
    {"A.II.1.i.b.perubahan", NULL, 14},
    {"A.II.1.ii.a", "A", 0},
    {"A.II.1.iii.a", "B", 0},
    {"A.II.2.i.a", "B", 0},
    {"A.II.2.ii.a", "A", 0},
    {"A.II.2.ii.b", "A", 0},
    {"A.II.2.iii.a", "B", 0},
    {"A.II.2.iii.b", "A", 0},
    {"A.II.2.iii.c", "A", 0},
    {"A.II.3.i.a", "A", 0},
    {"A.II.3.ii.a", "A", 0},
    {"A.II.3.iii.a.tahun_lalu", NULL, 11},
    {"A.II.3.iii.a.tahun_ini", NULL, 7},
    {"A.II.4.i.a.tercapai", NULL, 7},
    {"A.II.4.i.a.sasaran", NULL, 10},
    {"A.II.4.ii.a", "C", 0},
    {"A.II.4.iii.a", "A", 0},
    {"A.II.5.i.a", "C", 0},
    {"A.II.5.ii.a.selesai", NULL, 61},
    {"A.II.5.ii.a.masuk", NULL, 73},
    {"A.II.5.iii.a.lapor", NULL, 18},
    {"A.II.5.iii.a.wajib", NULL, 19},
    {"A.II.5.iii.b.lapor", NULL, 402},
    {"A.II.5.iii.b.wajib", NULL, 455},
    {"A.II.6.i.a", "B", 0},
    {"A.II.6.i.b.dipermudah", NULL, 9},
    {"A.II.6.i.b.terdata", NULL, 15},
    {"A.II.6.ii.a", "B", 0},
    {"B.I.a", NULL, 3.62},
    {"B.I.b", "C", 0},
    {"B.II.a", NULL, 3.30},
};

/* The exact values (num / den) of the document's numbers. `key` is a sub-area code (its output is found from
 * its items), or an output path. */
static const struct {
    const char *key;
    int64_t num, den;
} rsud_c_exact[] = {
    {"A.I.1.i", 1, 2},
    {"A.I.1.ii", 2, 3},
    {"A.I.1.iii", 39, 50},
    {"A.I.1.iv", 801, 800},
    {"A.I.2.i", 121, 150},
    {"A.I.2.ii", 1, 1},
    {"A.I.2.iii", 1, 4},
    {"A.I.3.i", 1, 12},
    {"A.I.3.ii", 5, 12},
    {"A.I.3.iii", 89, 80},
    {"A.I.3.iv", 121, 100},
    {"A.I.3.v", 3, 4},
    {"A.I.3.vi", 1, 4},
    {"A.I.4.i", 233, 120},
    {"A.I.4.ii", 367, 320},
    {"A.I.5.i", 9, 8},
    {"A.I.5.ii", 39, 32},
    {"A.I.5.iii", 3, 8},
    {"A.I.5.iv", 3, 2},
    {"A.I.5.v", 1401, 1000},
    {"A.I.6.i", 117, 200},
    {"A.I.6.ii", 57, 100},
    {"A.I.6.iii", 5, 6},
    {"A.I.6.iv", 71, 150},
    {"A.I.6.v", 1, 3},
    {"A.II.1.i", 47, 35},
    {"A.II.1.ii", 1, 1},
    {"A.II.1.iii", 67, 100},
    {"A.II.2.i", 67, 200},
    {"A.II.2.ii", 1, 1},
    {"A.II.2.iii", 11, 6},
    {"A.II.3.i", 3, 2},
    {"A.II.3.ii", 3, 2},
    {"A.II.3.iii", 8, 11},
    {"A.II.4.i", 7, 5},
    {"A.II.4.ii", 99, 200},
    {"A.II.4.iii", 3, 2},
    {"A.II.5.i", 5, 4},
    {"A.II.5.ii", 183, 73},
    {"A.II.5.iii", 15828, 8645},
    {"A.II.6.i", 127, 80},
    {"A.II.6.ii", 67, 40},
    /* areas per category */
    {"pengungkit.pemenuhan.manajemen_perubahan", 283, 96},
    {"pengungkit.pemenuhan.tatalaksana", 617, 300},
    {"pengungkit.pemenuhan.sdm", 1529, 400},
    {"pengungkit.pemenuhan.akuntabilitas", 593, 192},
    {"pengungkit.pemenuhan.pengawasan", 22479, 4000},
    {"pengungkit.pemenuhan.pelayanan_publik", 559, 200},
    {"pengungkit.reform.manajemen_perubahan", 2109, 700},
    {"pengungkit.reform.tatalaksana", 1901, 600},
    {"pengungkit.reform.sdm", 41, 11},
    {"pengungkit.reform.akuntabilitas", 679, 200},
    {"pengungkit.reform.pengawasan", 14105341, 2524340},
    {"pengungkit.reform.pelayanan_publik", 261, 80},
    /* areas over both categories, categories, components, total */
    {"area.manajemen_perubahan", 100141, 16800},
    {"area.tatalaksana", 209, 40},
    {"area.sdm", 33219, 4400},
    {"area.akuntabilitas", 31121, 4800},
    {"area.pengawasan", 5658300143, 504868000},
    {"area.pelayanan_publik", 2423, 400},
    {"pengungkit.pemenuhan", 162643, 8000},
    {"pengungkit.reform", 7381897321, 333212880},
    {"pengungkit", 1415624012623, 33321288000},
    {"hasil.bersih.ipak", 1267, 80},
    {"hasil.bersih.capaian", 5, 2},
    {"hasil.bersih", 1467, 80},
    {"hasil.pelayanan", 231, 16},
    {"hasil", 1311, 40},
    {"total", 2507729226823, 33321288000},
};

/* The document's rounding: two decimals, except a value whose exact decimal form ends in a 5 at the third
 * decimal (a rounding tie, such as 32.775), which is shown with its three decimals. */
static void doc_format(int64_t num, int64_t den, char *buf, size_t len)
{
    if ((num * 1000) % den == 0 && (num * 1000 / den) % 10 == 5)
        snprintf(buf, len, "%.3f", (double)num / (double)den);
    else
        snprintf(buf, len, "%.2f", (double)num / (double)den);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got + 1 > cap) {
            cap = (len + got + 1) * 2;
            text = realloc(text, cap);
            ck_assert_ptr_nonnull(text);
        }
        memcpy(text + len, chunk, got);
        len += got;
    }
    fclose(f);
    ck_assert_ptr_nonnull(text);
    text[len] = 0;
    return text;
}

/* The last cell of the document's table row whose first cell is `key` in backticks: "| `A.I.1.i` | … | 0.50
 * |". Bold marks and spaces are stripped. */
static bool doc_value(const char *doc, const char *key, char *buf, size_t len)
{
    char head[128];
    snprintf(head, sizeof head, "| `%s` |", key);
    for (const char *line = doc; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, head, strlen(head)) != 0) continue;
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        while (end > line && (end[-1] == ' ' || end[-1] == '|' || end[-1] == '\r'))
            end--;
        const char *start = end;
        while (start > line && start[-1] != '|')
            start--;
        size_t k = 0;
        for (const char *p = start; p < end && k + 1 < len; p++)
            if (*p != '*' && *p != ' ') buf[k++] = *p;
        buf[k] = 0;
        return true;
    }
    return false;
}

static int32_t subarea_output(const char *code)
{
    char item[64];
    snprintf(item, sizeof item, "%s.a", code);
    return D->outputs[item_output(item)].parent;
}

START_TEST(worked_example)
{
    struct unit u;
    memset(&u, 0, sizeof u);
    for (size_t k = 0; k < sizeof rsud_c / sizeof rsud_c[0]; k++) {
        if (rsud_c[k].label)
            answer(&u, rsud_c[k].key, rsud_c[k].label);
        else
            set(&u, rsud_c[k].key, rsud_c[k].number);
    }
    for (uint32_t i = 0; i < D->n_inputs; i++)
        ck_assert_msg(u.pr[i], "the worked example leaves %s unanswered", D->inputs[i].key);
    struct batch b;
    score(&u, 1, &b);
    char *doc = read_text(WORKED_EXAMPLE);
    for (size_t k = 0; k < sizeof rsud_c_exact / sizeof rsud_c_exact[0]; k++) {
        const char *key = rsud_c_exact[k].key;
        int32_t o = key[0] == 'A' && key[1] == '.' ? subarea_output(key) : output_index(key);
        double got = batch_output(&b, (uint32_t)o, 0),
               exact = (double)rsud_c_exact[k].num / (double)rsud_c_exact[k].den;
        ck_assert_msg(fabs(got - exact) <= 1e-9, "%s: interpreter %.17g, exact %lld/%lld = %.17g", key, got,
                      (long long)rsud_c_exact[k].num, (long long)rsud_c_exact[k].den, exact);
        char want[32], shown[64];
        doc_format(rsud_c_exact[k].num, rsud_c_exact[k].den, want, sizeof want);
        ck_assert_msg(doc_value(doc, key, shown, sizeof shown), "docs/worked-example.md has no row for `%s`",
                      key);
        ck_assert_msg(strcmp(shown, want) == 0, "docs/worked-example.md shows %s = %s, the exact value is %s",
                      key, shown, want);
    }
    /* The verdict and the conditions, as the document states them. */
    ck_assert_str_eq(verdict_of(&b, 0), "WBK");
    FAILED(&b, 0, "WBK", "");
    FAILED(&b, 0, "WBBM",
           "total >= 85; pengungkit >= 48; area.manajemen_perubahan >= 75%; area.tatalaksana >= 75%; "
           "area.akuntabilitas >= 75%; area.pengawasan >= 75%; area.pelayanan_publik >= 75%; hasil.bersih >= "
           "19.5; "
           "hasil.bersih.capaian >= 3.75; hasil.pelayanan.ipkp.answer >= 3.60");
    char shown[64];
    ck_assert_msg(doc_value(doc, "verdict", shown, sizeof shown),
                  "docs/worked-example.md has no verdict row");
    ck_assert_str_eq(shown, "WBK");
    /* And no checked-looking row escapes the check: every row keyed in backticks is one of the above. */
    for (const char *line = doc; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "| `", 3) != 0) continue;
        const char *key = line + 3, *end = strchr(key, '`');
        ck_assert_ptr_nonnull(end);
        bool known = (size_t)(end - key) == strlen("verdict") && strncmp(key, "verdict", 7) == 0;
        for (size_t k = 0; !known && k < sizeof rsud_c_exact / sizeof rsud_c_exact[0]; k++)
            known = strlen(rsud_c_exact[k].key) == (size_t)(end - key) &&
                    strncmp(rsud_c_exact[k].key, key, (size_t)(end - key)) == 0;
        ck_assert_msg(known, "docs/worked-example.md: row `%.*s` is not checked by this test",
                      (int)(end - key), key);
    }
    free(doc);
    batch_free(&b);
}
END_TEST

int main(void)
{
    compile_file(&LKE, CRITERIA);
    D = &LKE.model->descriptor;
    char path[256];
    NATIVE = build_native(LKE.model, 2, &native_handle, path, sizeof path);

    Suite *s = suite_create("lke");
    TCase *tc = tcase_create("structure");
    tcase_add_test(tc, structure_items);
    tcase_add_test(tc, structure_scales);
    tcase_add_test(tc, structure_weights);
    tcase_add_test(tc, perfect_and_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("thresholds");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, total_wbbm_boundary);
    tcase_add_test(tc, total_wbk_boundary);
    tcase_add_test(tc, pengungkit_wbbm_boundary);
    tcase_add_test(tc, pengungkit_wbk_boundary);
    tcase_add_loop_test(tc, area_wbbm_boundary, 0, 6);
    tcase_add_loop_test(tc, area_wbk_boundary, 0, 6);
    tcase_add_test(tc, area_exact_despite_rounding);
    tcase_add_test(tc, bersih_boundaries);
    tcase_add_test(tc, ipak_boundaries);
    tcase_add_test(tc, ipkp_boundaries);
    tcase_add_test(tc, capaian_boundaries);
    suite_add_tcase(s, tc);

    tc = tcase_create("data");
    tcase_add_test(tc, require_rules);
    tcase_add_test(tc, caps_are_not_errors);
    tcase_add_test(tc, zero_denominators);
    tcase_add_test(tc, missing_counts);
    suite_add_tcase(s, tc);

    tc = tcase_create("worked_example");
    tcase_add_test(tc, worked_example);
    suite_add_tcase(s, tc);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    dlclose(native_handle);
    compiled_free(&LKE);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
