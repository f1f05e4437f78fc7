/* crosscheck.c — random LKE units for the cross-check against the independent reference calculator.
 *
 *   lke_crosscheck N SEED UNITS.csv RESULTS.csv [--half-missing]
 *
 * Generates N units of valid worksheet data from SEED (reproducibly: xorshift64*, not rand()), writes them to
 * UNITS.csv as the worksheet holds them — a wide CSV, `unit` then every input key of the compiled criteria,
 * scale answers as their LABELS (each value mapped back through the descriptor), counts as whole numbers,
 * survey indices with two decimals, missing answers as empty cells — and writes the reference interpreter's
 * results to RESULTS.csv in the reference calculator's format:
 * unit,total,verdict,pengungkit,pemenuhan,reform, hasil,area.* with %.17g; a unit that breaks a data rule
 * gets verdict ERROR and empty scores. tests/lke/crosscheck.sh runs scripts/lke_reference.py on UNITS.csv and
 * compares.
 *
 * The units: a tenth of them at random answer by answer; the rest near-perfect (each answer at its best but
 * for a few), so that every predicate is reached and many units land near the thresholds; survey indices
 * often right at or next to 3.20 and 3.60. Counts are consistent with the data rules except for about one
 * unit in fifty, which breaks one on purpose; caps (more changes than agents, more complaints resolved than
 * required, more violations than last year) and zero denominators come up often. A few answers are missing. A
 * percent item with only its denominator missing and a numerator above 0 is generated only with
 * --half-missing: the two calculators treat that case differently (zic: the item is missing, so its data rule
 * does not apply and it scores 0; the reference: the missing count reads as 0 and the rule is broken, ERROR),
 * and the domain file does not say which is right; the default run checks what both define. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_util.h"
#include "interp.h"

#define CRITERIA ZI_SOURCE_DIR "/criteria/lke-zi-2021.zi"

static uint64_t rng;

static uint64_t next(void)
{
    uint64_t x = rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static uint64_t below(uint64_t n)
{
    return n ? next() % n : 0;
}

static double uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

static bool chance(double p)
{
    return uniform() < p;
}

/* The percent items: numerator and denominator input names, and whether numerator > denominator is a data
 * error (a `require` rule) — from the domain file's table. A.II.3.iii.a is last year, this year. */
static const struct {
    const char *code, *num, *den;
    bool strict;
} percent_items[] = {
    {"A.II.1.i.a", "perubahan", "agen", false},         {"A.II.1.i.b", "terintegrasi", "perubahan", true},
    {"A.II.3.iii.a", "tahun_lalu", "tahun_ini", false}, {"A.II.4.i.a", "tercapai", "sasaran", true},
    {"A.II.5.ii.a", "selesai", "masuk", false},         {"A.II.5.iii.a", "lapor", "wajib", true},
    {"A.II.5.iii.b", "lapor", "wajib", true},           {"A.II.6.i.b", "dipermudah", "terdata", true},
};
enum { N_PERCENT = sizeof percent_items / sizeof percent_items[0] };

static const struct zi_module *D;

static uint32_t input_index(const char *code, const char *name)
{
    char key[96];
    if (name)
        snprintf(key, sizeof key, "%s.%s", code, name);
    else
        snprintf(key, sizeof key, "%s", code);
    for (uint32_t i = 0; i < D->n_inputs; i++)
        if (strcmp(D->inputs[i].key, key) == 0) return i;
    fprintf(stderr, "crosscheck: no input '%s'\n", key);
    exit(2);
}

static double scale_best(const struct zi_input_desc *in)
{
    double top = 0;
    for (uint32_t k = 0; k < in->n_labels; k++)
        top = in->labels[k].value > top ? in->labels[k].value : top;
    return top;
}

/* A survey index with two decimals, as k / 100 (the double nearest the decimal, as a reader parses it). */
static double survey_index(bool good)
{
    static const int edges[] = {319, 320, 321, 359, 360, 361, 360, 320};
    uint64_t pick = below(10);
    if (pick < 3) return edges[below(sizeof edges / sizeof edges[0])] / 100.0;
    if (good || pick < 8) return (double)(300 + below(101)) / 100.0;
    return (double)below(401) / 100.0;
}

/* Counts for one percent item: numerator a, denominator b (A.II.3.iii.a: last year, this year). `best` makes
 * the ratio 1. */
static void percent_counts(int p, bool best, double *a, double *b)
{
    uint64_t d = below(4) == 0 ? below(1001) : 1 + below(40);
    if (chance(0.05)) d = 0;
    if (p == 2) { /* A.II.3.iii.a: last year d, this year */
        *a = (double)d;
        *b = best ? 0 : chance(0.15) ? (double)(d + 1 + below(5)) : (double)below(d + 1);
        return;
    }
    *b = (double)d;
    if (best)
        *a = (double)d;
    else if (!percent_items[p].strict && chance(0.15))
        *a = (double)(d + 1 + below(20)); /* a cap, not an error */
    else
        *a = (double)below(d + 1);
}

static void generate(struct batch *bt, uint64_t row, bool half_missing)
{
    uint64_t style = below(20);
    /* style 0–1: answer by answer at random; 2–19: near-perfect, each answer off its best with probability q
     */
    static const double qs[] = {0.01, 0.03, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35};
    bool random_unit = style < 2;
    double q = random_unit ? 1 : qs[below(sizeof qs / sizeof qs[0])];
    double missing = style == 0 ? 0.1 : chance(0.3) ? 0.01 : 0;
    bool good_survey = !random_unit && chance(0.8);

    for (uint32_t i = 0; i < D->n_inputs; i++) {
        const struct zi_input_desc *in = &D->inputs[i];
        double v = 0;
        if (in->kind == ZI_INPUT_SCALE) {
            v = chance(q) ? in->labels[below(in->n_labels)].value : scale_best(in);
        } else if (in->kind == ZI_INPUT_NUMBER) {
            v = survey_index(good_survey);
        } else {
            continue; /* counts: below, item by item */
        }
        if (!chance(missing))
            batch_set(bt, D, i, row, v);
        else
            batch_unset(bt, D, i, row);
    }
    for (int p = 0; p < N_PERCENT; p++) {
        uint32_t ia = input_index(percent_items[p].code, percent_items[p].num);
        uint32_t ib = input_index(percent_items[p].code, percent_items[p].den);
        double a, b;
        percent_counts(p, !chance(q), &a, &b);
        bool pa = true, pb = true;
        if (chance(missing)) {
            uint64_t how = below(3);
            pa = how == 1; /* 0: both missing, 1: the denominator missing, 2: the numerator missing */
            pb = how == 2;
            /* Only the denominator missing, with a numerator above 0: the calculators disagree (see above).
             */
            if (!pb && pa && a > 0 && !half_missing && p != 2) a = 0;
        }
        if (pa)
            batch_set(bt, D, ia, row, a);
        else
            batch_unset(bt, D, ia, row);
        if (pb)
            batch_set(bt, D, ib, row, b);
        else
            batch_unset(bt, D, ib, row);
    }
    /* About one unit in fifty breaks a data rule on purpose. */
    if (chance(0.02)) {
        static const int strict[] = {1, 3, 5, 6, 7};
        int p = strict[below(5)];
        uint32_t ia = input_index(percent_items[p].code, percent_items[p].num);
        uint32_t ib = input_index(percent_items[p].code, percent_items[p].den);
        double den = batch_get(bt, D, ib, row);
        batch_set(bt, D, ib, row, den);
        batch_set(bt, D, ia, row, den + 1 + (double)below(5));
    }
}

static const char *label_of(const struct zi_input_desc *in, double v)
{
    for (uint32_t k = 0; k < in->n_labels; k++)
        if (in->labels[k].value == v) return in->labels[k].label;
    fprintf(stderr, "crosscheck: %s: no label for %g\n", in->key, v);
    exit(2);
}

static int32_t output_index(const char *path)
{
    for (uint32_t o = 0; o < D->n_outputs; o++)
        if (strcmp(D->outputs[o].path, path) == 0) return (int32_t)o;
    fprintf(stderr, "crosscheck: no output '%s'\n", path);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 5 || argc > 6 || (argc == 6 && strcmp(argv[5], "--half-missing") != 0)) {
        fprintf(stderr, "usage: %s N SEED UNITS.csv RESULTS.csv [--half-missing]\n", argv[0]);
        return 2;
    }
    uint64_t n = strtoull(argv[1], NULL, 10);
    rng = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ull + 1;
    bool half_missing = argc == 6;

    struct compiled c;
    compile_file(&c, CRITERIA);
    D = &c.model->descriptor;
    struct batch b;
    batch_alloc(&b, D, n);
    for (uint64_t row = 0; row < n; row++)
        generate(&b, row, half_missing);
    double *scratch = calloc(c.model->n_ops, sizeof *scratch);
    if (!scratch) return 2;
    batch_interpret(&b, c.model, scratch, true);
    free(scratch);

    FILE *uf = fopen(argv[3], "w");
    FILE *rf = fopen(argv[4], "w");
    if (!uf || !rf) {
        perror("crosscheck");
        return 2;
    }
    fputs("unit", uf);
    for (uint32_t i = 0; i < D->n_inputs; i++)
        fprintf(uf, ",%s", D->inputs[i].key);
    fputc('\n', uf);
    for (uint64_t row = 0; row < n; row++) {
        fprintf(uf, "u%05llu", (unsigned long long)row);
        for (uint32_t i = 0; i < D->n_inputs; i++) {
            const struct zi_input_desc *in = &D->inputs[i];
            double v = batch_get(&b, D, i, row);
            fputc(',', uf);
            if (!batch_has(&b, D, i, row)) continue;
            if (in->kind == ZI_INPUT_SCALE)
                fputs(label_of(in, v), uf);
            else if (in->kind == ZI_INPUT_COUNT)
                fprintf(uf, "%.0f", v);
            else
                fprintf(uf, "%.2f", v);
        }
        fputc('\n', uf);
    }

    static const char *const columns[] = {"total",
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
    enum { N_COLUMNS = sizeof columns / sizeof columns[0] };
    int32_t index[N_COLUMNS];
    for (int k = 0; k < N_COLUMNS; k++)
        index[k] = output_index(columns[k]);
    fputs("unit,total,verdict,pengungkit,pemenuhan,reform,hasil,area.manajemen_perubahan,area.tatalaksana,"
          "area.sdm,area.akuntabilitas,area.pengawasan,area.pelayanan_publik\n",
          rf);
    for (uint64_t row = 0; row < n; row++) {
        int32_t v = b.verdict[row];
        fprintf(rf, "u%05llu", (unsigned long long)row);
        if (v == ZI_VERDICT_NONE) {
            fputs(",,ERROR", rf);
            for (int k = 1; k < N_COLUMNS; k++)
                fputc(',', rf);
            fputc('\n', rf);
            continue;
        }
        fprintf(rf, ",%.17g,%s", batch_output(&b, (uint32_t)index[0], row), D->verdicts[v].id);
        for (int k = 1; k < N_COLUMNS; k++)
            fprintf(rf, ",%.17g", batch_output(&b, (uint32_t)index[k], row));
        fputc('\n', rf);
    }
    int status = ferror(uf) || ferror(rf);
    status |= fclose(uf) != 0;
    status |= fclose(rf) != 0;
    batch_free(&b);
    compiled_free(&c);
    return status ? 2 : 0;
}
