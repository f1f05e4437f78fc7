/* lke_hand_check.c — checks the hand-written LKE scorer (lke_hand.c) against the native module and the
 * reference interpreter, then times it against the module on cache-resident batches.
 *
 *   lke_hand_check [CRITERIA.zi] [--units N]
 *
 * CRITERIA.zi defaults to criteria/lke-zi-2021.zi. First, lke_hand_new must refuse criteria that are not the
 * LKE: other criteria, and the LKE with one threshold, scale value, weight, item order or missing-answer rule
 * changed. Then N units (default 200,000) drawn with batch_random, in batches of odd sizes and many seeds,
 * and a batch of units that answered nothing, are scored by the module (built for the generic CPU and for
 * this one, alternately), the interpreter and lke_hand_score, whose buffers are filled with garbage first so
 * that an output it forgot to write shows. Every output score_batch writes is compared bit for bit (counted)
 * and to 1e-9 (required); verdicts and failed words must be equal. Exits 1 on any disagreement.
 *
 * The timing runs each scorer on a pool of four batches of 256 units, interleaved round by round so that a
 * busy neighbour slows all of them alike, and reports the best round of each in units per CPU-second. */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend_util.h"
#include "interp.h"
#include "lke_hand.h"

struct tally {
    uint64_t units, outputs, inexact, verdicts, failed;
    double worst;
};

static void poison(struct batch *b, const struct zi_module *d)
{
    memset(b->outputs, 0xA5, zi_tile_elements(b->n, d->n_outputs) * sizeof *b->outputs);
    memset(b->verdict, 0x5A, zi_tile_elements(b->n, 1) * sizeof *b->verdict);
    memset(b->failed, 0xA5, zi_tile_elements(b->n, d->n_failed_words) * sizeof *b->failed);
}

/* Compares what `got` holds for units [0, n) with `want`; counts, and prints the first few differences. */
static void compare(const struct zi_module *d, const char *against, const struct batch *want,
                    const struct batch *got, struct tally *t)
{
    uint64_t n = want->n;
    for (uint32_t o = 0; o < d->n_outputs; o++) {
        if (!batch_scored_output(d, o)) continue;
        for (uint64_t row = 0; row < n; row++) {
            double a = batch_output(want, o, row), b = batch_output(got, o, row);
            t->outputs++;
            if (memcmp(&a, &b, sizeof a) == 0) continue;
            t->inexact++;
            double diff = fabs(a - b);
            if (!(diff <= t->worst)) t->worst = diff;
            if (!(diff <= 1e-9) && t->inexact < 10)
                fprintf(stderr, "lke_hand_check: %s: output %s of unit %llu: %.17g, not %.17g\n", against,
                        d->outputs[o].path, (unsigned long long)row, b, a);
        }
    }
    for (uint64_t row = 0; row < n; row++) {
        t->units++;
        if (want->verdict[row] != got->verdict[row] && t->verdicts++ < 10)
            fprintf(stderr, "lke_hand_check: %s: verdict of unit %llu: %d, not %d\n", against,
                    (unsigned long long)row, got->verdict[row], want->verdict[row]);
        for (uint32_t w = 0; w < d->n_failed_words; w++) {
            uint64_t x = want->failed[zi_tile_index(row, w, d->n_failed_words)];
            uint64_t y = got->failed[zi_tile_index(row, w, d->n_failed_words)];
            if (x != y && t->failed++ < 10)
                fprintf(stderr, "lke_hand_check: %s: failed word %u of unit %llu: %#llx, not %#llx\n",
                        against, w, (unsigned long long)row, (unsigned long long)y, (unsigned long long)x);
        }
    }
}

static bool report(const char *against, const struct tally *t)
{
    printf("%-16s %llu units, %llu outputs: %llu bit-identical, %llu not (largest difference %.3g); "
           "%llu verdicts and %llu failed words differ\n",
           against, (unsigned long long)t->units, (unsigned long long)t->outputs,
           (unsigned long long)(t->outputs - t->inexact), (unsigned long long)t->inexact, t->worst,
           (unsigned long long)t->verdicts, (unsigned long long)t->failed);
    return t->worst <= 1e-9 && t->verdicts == 0 && t->failed == 0;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = calloc((size_t)size + 1, 1)) != NULL &&
        fread(text, 1, (size_t)size, f) != (size_t)size) {
        free(text);
        text = NULL;
    }
    fclose(f);
    return text;
}

/* `text` with the first `from` replaced by `to`: a new string, or NULL (and a message) when `from` is not in
 * it. */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (!at) {
        fprintf(stderr, "lke_hand_check: '%s' is not in the criteria\n", from);
        return NULL;
    }
    char *changed = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
    if (!changed) return NULL;
    size_t head = (size_t)(at - text);
    memcpy(changed, text, head);
    strcpy(changed + head, to);
    strcat(changed, at + strlen(from));
    return changed;
}

/* Whether lke_hand_new refuses the LKE `text` changed by the pairs (from, to) of `edits` (NULL-terminated),
 * which must leave criteria that compile; prints why. */
static bool refuses_changed(const char *text, const char *what, const char *const *edits)
{
    char *changed = strdup(text);
    for (const char *const *e = edits; changed && *e; e += 2) {
        char *next = replaced(changed, e[0], e[1]);
        free(changed);
        changed = next;
    }
    if (!changed) return false;
    struct compiled c;
    compile_text(&c, changed);
    char why[256];
    struct lke_hand *h = lke_hand_new(&c.model->descriptor, why, sizeof why);
    if (h)
        fprintf(stderr, "lke_hand_check: the LKE with %s is not refused\n", what);
    else
        printf("  %-36s refused: %s\n", what, why);
    lke_hand_free(h);
    compiled_free(&c);
    free(changed);
    return h == NULL;
}

#define QUESTION_A_I_1_ii_b                                                                                  \
    "          question \"A.I.1.ii.b\" \"Dalam dokumen pembangunan terdapat target-target prioritas yang "   \
    "relevan dengan tujuan pembangunan WBK/WBBM\" : abc\n"
#define QUESTION_A_I_1_ii_c                                                                                  \
    "          question \"A.I.1.ii.c\" \"Terdapat mekanisme atau media untuk mensosialisasikan pembangunan " \
    "WBK/WBBM\" : abc\n"

static bool refuses_others(const char *lke)
{
    printf("criteria that are not the LKE:\n");
    struct compiled other;
    compile_text(&other, "criteria small { regulation \"test\"\n"
                         "  scale ya_tidak { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                         "  group g weight 10 { question \"Q.a\" \"q\" : ya_tidak }\n"
                         "  verdict OK { total >= 5 }\n  otherwise NO\n}\n");
    char why[256];
    struct lke_hand *h = lke_hand_new(&other.model->descriptor, why, sizeof why);
    bool ok = h == NULL;
    if (h)
        fprintf(stderr, "lke_hand_check: other criteria are not refused\n");
    else
        printf("  %-36s refused: %s\n", "other criteria", why);
    lke_hand_free(h);
    compiled_free(&other);

    static const char *const threshold[] = {"total >= 85", "total >= 86", NULL};
    static const char *const scale[] = {"\"B\" = 0.67", "\"B\" = 0.66", NULL};
    static const char *const weights[] = {"\"Penyusunan Tim Kerja\" weight 0.5",
                                          "\"Penyusunan Tim Kerja\" weight 1",
                                          "\"Rencana Pembangunan Zona Integritas\" weight 1",
                                          "\"Rencana Pembangunan Zona Integritas\" weight 0.5", NULL};
    static const char *const missing[] = {"  missing zero\n", "  missing exclude\n", NULL};
    static const char *const order[] = {QUESTION_A_I_1_ii_b, "", QUESTION_A_I_1_ii_c,
                                        QUESTION_A_I_1_ii_c QUESTION_A_I_1_ii_b, NULL};
    static const char *const dropped[] = {QUESTION_A_I_1_ii_b, "", NULL};
    ok &= refuses_changed(lke, "WBBM at total >= 86", threshold);
    ok &= refuses_changed(lke, "abcd's B worth 0.66", scale);
    ok &= refuses_changed(lke, "A.I.1.i weighing 1, A.I.1.ii 0.5", weights);
    ok &= refuses_changed(lke, "missing answers excluded", missing);
    ok &= refuses_changed(lke, "A.I.1.ii.c before A.I.1.ii.b", order);
    ok &= refuses_changed(lke, "no A.I.1.ii.b", dropped);
    return ok;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { POOL = 4, BATCH = 256, ROUNDS = 41 };

/* Units per CPU-second of one run of `units` units through one scorer (the module `m`, else the hand-written
 * one), cycling through a pool of cache-resident batches. CPU time, not wall time: the machine is shared. */
static double rate(const struct zi_module *m, const struct lke_hand *h, struct batch *pool, struct batch *out,
                   uint64_t units)
{
    double start = now();
    for (uint64_t done = 0, i = 0; done < units; done += BATCH, i++) {
        const struct batch *in = &pool[i % POOL];
        if (m)
            m->score_batch(BATCH, in->codes, in->numbers, out->outputs, out->verdict, out->failed,
                           out->unknown);
        else
            lke_hand_score(h, BATCH, in->codes, in->numbers, out->outputs, out->verdict, out->failed);
    }
    return (double)units / (now() - start);
}

int main(int argc, char **argv)
{
    const char *path = "criteria/lke-zi-2021.zi";
    uint64_t units = 200000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--units") == 0 && i + 1 < argc)
            units = strtoull(argv[++i], NULL, 10);
        else
            path = argv[i];
    }
    char *lke = read_text(path);
    if (!lke) {
        fprintf(stderr, "lke_hand_check: cannot read %s\n", path);
        return 2;
    }
    bool ok = refuses_others(lke);

    struct compiled c;
    compile_file(&c, path);
    const struct zi_module *d = &c.model->descriptor;
    char why[256];
    struct lke_hand *h = lke_hand_new(d, why, sizeof why);
    if (!h) {
        fprintf(stderr, "lke_hand_check: %s\n", why);
        return 1;
    }
    void *generic_handle, *native_handle;
    char so[256];
    const struct zi_module *generic = build_native(c.model, 2, &generic_handle, so, sizeof so);
    struct zi_codegen_options native_options = {.opt_level = 2, .cpu = ZI_CODEGEN_NATIVE};
    const struct zi_module *native =
        build_native_with(c.model, &native_options, &native_handle, so, sizeof so);
    double *scratch = calloc(c.model->n_ops + 1, sizeof *scratch);

    /* Batch sizes: odd ones around the tile and the vector widths, and larger ones; seed 0 is a batch of
     * units that answered nothing. */
    static const uint64_t sizes[] = {1, 3, 7, 13, 63, 65, 255, 256, 257, 511, 1000, 4097, 10007};
    struct tally vs_module = {0}, vs_interp = {0};
    uint64_t seed = 0;
    for (uint64_t done = 0; done < units; seed++) {
        uint64_t n = seed == 0 ? 100 : sizes[seed % (sizeof sizes / sizeof sizes[0])];
        struct batch in, module_out, interp_out, hand_out;
        batch_alloc(&in, d, n);
        if (seed > 0) batch_random(&in, d, seed);
        batch_alloc(&module_out, d, n);
        batch_alloc(&interp_out, d, n);
        batch_alloc(&hand_out, d, n);
        batch_copy_inputs(&module_out, &in);
        batch_copy_inputs(&interp_out, &in);
        batch_copy_inputs(&hand_out, &in);
        batch_score(&module_out, seed % 2 ? generic : native, false);
        batch_interpret(&interp_out, c.model, scratch, false);
        poison(&hand_out, d);
        lke_hand_score(h, n, hand_out.codes, hand_out.numbers, hand_out.outputs, hand_out.verdict,
                       hand_out.failed);
        compare(d, "vs module -O2", &module_out, &hand_out, &vs_module);
        compare(d, "vs interpreter", &interp_out, &hand_out, &vs_interp);
        batch_free(&in);
        batch_free(&module_out);
        batch_free(&interp_out);
        batch_free(&hand_out);
        done += n;
    }
    printf("\nbatches of 1 to 10007 units, seeds 1 to %llu, and 100 units that answered nothing:\n",
           (unsigned long long)(seed - 1));
    ok &= report("vs module -O2", &vs_module);
    ok &= report("vs interpreter", &vs_interp);

    struct batch pool[POOL], out;
    for (int k = 0; k < POOL; k++) {
        batch_alloc(&pool[k], d, BATCH);
        batch_random(&pool[k], d, 1000 + (uint64_t)k);
    }
    batch_alloc(&out, d, BATCH);
    uint64_t timed = 400000;
    const struct zi_module *modules[] = {generic, native, NULL};
    const char *names[] = {"module -O2 (generic x86-64)", "module -O2 --cpu=native",
                           "hand-written C (lke_hand.c)"};
    double best[3] = {0, 0, 0};
    for (int round = 0; round < ROUNDS; round++)
        for (int k = 0; k < 3; k++) {
            double r = rate(modules[k], h, pool, &out, timed);
            best[k] = r > best[k] ? r : best[k];
        }
    printf("\nunits per CPU-second, batches of %d units (pool of %d), best of %d interleaved runs of %llu "
           "units:\n",
           BATCH, POOL, ROUNDS, (unsigned long long)timed);
    for (int k = 0; k < 3; k++)
        printf("  %-30s %12.0f  (hand-written C: %.2fx)\n", names[k], best[k], best[2] / best[k]);

    for (int k = 0; k < POOL; k++)
        batch_free(&pool[k]);
    batch_free(&out);
    free(scratch);
    lke_hand_free(h);
    dlclose(generic_handle);
    dlclose(native_handle);
    compiled_free(&c);
    free(lke);
    return ok ? 0 : 1;
}
