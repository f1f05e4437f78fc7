/* bench_kernel.c — kernel throughput: scoring pre-parsed batches of units (no I/O, no parsing, no report),
 * side by side in one run on the same random units: the reference interpreter; the default (portable) module
 * at -O2, each of its CPU levels this machine has (x86-64, x86-64-v3, x86-64-v4), and at -O0, -O1 and -O3 the
 * level the runtime picks here; the module built for this machine's CPU (--cpu=native); and the hand-written
 * C scorer of the LKE (lke_hand.c, compiled -O3 -march=native) when the criteria are the LKE.
 *
 *   bench_kernel CRITERIA.zi [--units N] [--runs R] [--batch B] [--pool P]
 *
 * Units come from a pool of P batches of B units each (defaults 64 × 256: 16,384 distinct units, about 4 MB
 * of answers, more than the L2 cache holds), cycled until N units are scored (default 10,000,000; the
 * interpreter scores N/50). Results go to one batch of output buffers reused for every call, as zirun reuses
 * its batch. Every scorer is first checked against the interpreter on the whole pool, bit for bit (the
 * hand-written scorer performs the same operations in the same order). Runs are interleaved
 * (run 1 of every scorer, then run 2, ...) so that a noisy neighbour slows all of them alike; each line gives
 * the median, min and max units per second over the runs, and the ratios use medians.
 *
 * Besides the table, one machine-readable line per scorer:
 *   kernel NAME median_ups=X min_ups=Y max_ups=Z */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend_util.h"
#include "interp.h"
#include "lke_hand.h"
#include "zi/runtime.h"

enum { MAX_RUNS = 31, MAX_SCORERS = 16 };

typedef void hand_score_fn(const struct lke_hand *h, uint64_t n, const uint8_t *codes, const double *numbers,
                           double *outputs, int32_t *verdict, uint64_t *failed);

struct scorer {
    char name[64];
    zi_score_batch_fn score;   /* a native module's score loop (one of its levels), or NULL */
    struct lke_hand *hand;     /* the hand-written scorer, or NULL */
    hand_score_fn *hand_score; /* its score function (lke_hand.c as compiled for one CPU level) */
    void (*hand_free)(struct lke_hand *h);
    const char *level; /* the CPU level the hand-written C was compiled for, NULL for this machine's */
    void *handle;
    double rates[MAX_RUNS];
};

#ifdef ZI_HAND_LEVELS
/* lke_hand.c compiled for the levels below this machine's (bench/CMakeLists.txt). */
struct lke_hand *lke_hand_new_x86_64(const struct zi_module *d, char *err, size_t errlen);
void lke_hand_free_x86_64(struct lke_hand *h);
hand_score_fn lke_hand_score_x86_64;
struct lke_hand *lke_hand_new_x86_64_v3(const struct zi_module *d, char *err, size_t errlen);
void lke_hand_free_x86_64_v3(struct lke_hand *h);
hand_score_fn lke_hand_score_x86_64_v3;
#endif

struct bench {
    const struct zi_model *model;
    const struct zi_module *d;
    struct batch *pool;
    int n_pool;
    uint64_t batch;
    struct batch out; /* the outputs every call writes */
    double *scratch;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void score_one(struct bench *B, const struct scorer *s, const struct batch *in, struct batch *out)
{
    if (s->score)
        s->score(in->n, in->codes, in->numbers, out->outputs, out->verdict, out->failed, out->unknown);
    else if (s->hand)
        s->hand_score(s->hand, in->n, in->codes, in->numbers, out->outputs, out->verdict, out->failed);
    else
        zi_interp_score_batch(B->model, B->scratch, in->n, in->codes, in->numbers, out->outputs, out->verdict,
                              out->failed, out->unknown);
}

/* Scores the whole pool with `s` and with the interpreter; exits unless every result is the same bits. */
static void verify(struct bench *B, const struct scorer *s)
{
    struct batch want, got;
    batch_alloc(&want, B->d, B->batch);
    batch_alloc(&got, B->d, B->batch);
    for (int k = 0; k < B->n_pool; k++) {
        struct scorer interp = {.name = "interpreter"};
        score_one(B, &interp, &B->pool[k], &want);
        score_one(B, s, &B->pool[k], &got);
        const char *differs = batch_differs(B->d, &got, &want, false);
        if (differs) {
            fprintf(stderr, "bench_kernel: %s: %s differ from the interpreter's in batch %d\n", s->name,
                    differs, k);
            exit(1);
        }
    }
    printf("verified %-38s on %llu units: every output, verdict and failed condition the same bits\n",
           s->name, (unsigned long long)(B->batch * (uint64_t)B->n_pool));
    batch_free(&want);
    batch_free(&got);
}

static double run(struct bench *B, const struct scorer *s, uint64_t units)
{
    double start = now();
    uint64_t done = 0;
    for (uint64_t k = 0; done < units; k++, done += B->batch)
        score_one(B, s, &B->pool[k % (uint64_t)B->n_pool], &B->out);
    return (double)done / (now() - start);
}

/* Builds the model at -O`level` for `cpu` and adds the score loop of its level `want` (NULL: the one the
 * runtime picks on this machine) as "NAME (LEVEL)"; a level this CPU lacks is named and left out. */
static void add_module(struct scorer *list, int *n, const struct zi_model *model, const char *name, int level,
                       enum zi_codegen_cpu cpu, const char *want)
{
    struct zi_codegen_options options = {.opt_level = level, .cpu = cpu};
    char path[256], why[512];
    struct scorer *s = &list[*n];
    const struct zi_module *m = build_native_with(model, &options, &s->handle, path, sizeof path);
    int k = zi_module_pick_level(m, want, why, sizeof why);
    if (k < 0) {
        printf("(%s %s not run: %s)\n", name, want ? want : "", why);
        dlclose(s->handle);
        s->handle = NULL;
        return;
    }
    snprintf(s->name, sizeof s->name, "%s (%s)", name, zi_module_level_name(m, k));
    s->score = zi_module_level_entry(m, k);
    (*n)++;
}

static double median(const double *rates, int runs)
{
    double sorted[MAX_RUNS];
    memcpy(sorted, rates, (size_t)runs * sizeof *sorted);
    qsort(sorted, (size_t)runs, sizeof *sorted, by_value);
    return sorted[runs / 2];
}

static double least(const double *r, int runs)
{
    double m = r[0];
    for (int i = 1; i < runs; i++)
        m = r[i] < m ? r[i] : m;
    return m;
}

static double most(const double *r, int runs)
{
    double m = r[0];
    for (int i = 1; i < runs; i++)
        m = r[i] > m ? r[i] : m;
    return m;
}

static uint64_t number_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "bench_kernel: %s needs a number\n", argv[*i]);
        exit(2);
    }
    return strtoull(argv[++*i], NULL, 10);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_kernel CRITERIA.zi [--units N] [--runs R] [--batch B] [--pool P]\n");
        return 2;
    }
    uint64_t units = 10000000, batch = 256, pool = 64;
    int runs = 7;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--units") == 0)
            units = number_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--runs") == 0)
            runs = (int)number_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--batch") == 0)
            batch = number_arg(argc, argv, &i);
        else if (strcmp(argv[i], "--pool") == 0)
            pool = number_arg(argc, argv, &i);
        else {
            fprintf(stderr, "bench_kernel: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    runs = runs < 1 ? 1 : runs > MAX_RUNS ? MAX_RUNS : runs;
    batch = batch ? batch : 1;
    pool = pool ? pool : 1;

    struct compiled c;
    compile_file(&c, argv[1]);
    struct bench B = {.model = c.model, .d = &c.model->descriptor, .n_pool = (int)pool, .batch = batch};
    B.pool = calloc(pool, sizeof *B.pool);
    B.scratch = calloc(c.model->n_ops + 1, sizeof *B.scratch);
    if (!B.pool || !B.scratch) return 2;
    for (uint64_t k = 0; k < pool; k++) {
        batch_alloc(&B.pool[k], B.d, batch);
        batch_random(&B.pool[k], B.d, k + 1);
    }
    batch_alloc(&B.out, B.d, batch);

    struct scorer scorers[MAX_SCORERS] = {{.name = "interpreter"}};
    int n = 1;
    printf("this CPU: %s\n", zi_cpu_level_name(zi_cpu_levels()));
    add_module(scorers, &n, c.model, "module -O0", 0, ZI_CODEGEN_PORTABLE, NULL);
    add_module(scorers, &n, c.model, "module -O1", 1, ZI_CODEGEN_PORTABLE, NULL);
    add_module(scorers, &n, c.model, "module -O3", 3, ZI_CODEGEN_PORTABLE, NULL);
    static const char *const levels[] = {"x86-64", "x86-64-v3", "x86-64-v4"};
    for (int k = 0; k < 3; k++)
        add_module(scorers, &n, c.model, "module -O2 level", 2, ZI_CODEGEN_PORTABLE, levels[k]);
    add_module(scorers, &n, c.model, "module -O2 picked", 2, ZI_CODEGEN_PORTABLE, NULL);
    add_module(scorers, &n, c.model, "module -O2 cpu=native", 2, ZI_CODEGEN_NATIVE, NULL);
    char why[256];
    struct lke_hand *hand = lke_hand_new(B.d, why, sizeof why);
    int hand_at = -1;
    if (hand) {
        hand_at = n;
        scorers[n++] = (struct scorer){
            .name = "hand-written C", .hand = hand, .hand_score = lke_hand_score, .hand_free = lke_hand_free};
    } else {
        printf("(no hand-written scorer: %s)\n", why);
    }
#ifdef ZI_HAND_LEVELS
    /* What a C programmer would compile for an older CPU, where this CPU can run it. */
    uint32_t cpu = zi_cpu_levels();
    if (hand && (cpu & ZI_CPU_X86_64_V3))
        scorers[n++] = (struct scorer){.name = "hand-written C (x86-64-v3)",
                                       .hand = lke_hand_new_x86_64_v3(B.d, why, sizeof why),
                                       .hand_score = lke_hand_score_x86_64_v3,
                                       .hand_free = lke_hand_free_x86_64_v3,
                                       .level = "x86-64-v3"};
    if (hand)
        scorers[n++] = (struct scorer){.name = "hand-written C (x86-64)",
                                       .hand = lke_hand_new_x86_64(B.d, why, sizeof why),
                                       .hand_score = lke_hand_score_x86_64,
                                       .hand_free = lke_hand_free_x86_64,
                                       .level = "x86-64"};
    for (int i = 0; i < n; i++)
        if (scorers[i].hand_score && !scorers[i].hand) {
            printf("bench_kernel: %s: %s\n", scorers[i].name, why);
            return 2;
        }
#endif
    for (int i = 1; i < n; i++)
        verify(&B, &scorers[i]);

    for (int r = 0; r < runs; r++)
        for (int i = 0; i < n; i++)
            scorers[i].rates[r] = run(&B, &scorers[i], i == 0 ? units / 50 + 1 : units);

    double base = median(scorers[0].rates, runs);
    double hand_rate = hand_at >= 0 ? median(scorers[hand_at].rates, runs) : NAN;
    printf("\n%-40s %14s %14s %14s %10s %10s\n", "scorer", "units/s median", "min", "max", "vs interp",
           "hand C ÷ it");
    for (int i = 0; i < n; i++) {
        double m = median(scorers[i].rates, runs);
        printf("%-40s %14.0f %14.0f %14.0f %9.1fx %9.2fx\n", scorers[i].name, m,
               least(scorers[i].rates, runs), most(scorers[i].rates, runs), m / base, hand_rate / m);
    }
    /* Each level of the module against the hand-written C compiled for a CPU of that level: what an
     * evaluator's machine of that level would see ("native": this machine's own). */
    for (int i = 0; i < n; i++) {
        if (!scorers[i].hand) continue;
        const char *level = scorers[i].level ? scorers[i].level : zi_cpu_level_name(zi_cpu_levels());
        char want[80];
        snprintf(want, sizeof want, "module -O2 level (%s)", scorers[i].level ? scorers[i].level : "");
        for (int k = 0; k < n; k++) {
            int same = scorers[i].level ? strcmp(scorers[k].name, want) == 0
                                        : strncmp(scorers[k].name, "module -O2 picked", 17) == 0;
            if (!same) continue;
            printf("level %-30s the module's loop %.2fx the time of the hand-written C compiled for it\n",
                   level, median(scorers[i].rates, runs) / median(scorers[k].rates, runs));
        }
    }
    printf("(%s: %u inputs, %u outputs, %u conditions; %llu units per run, the interpreter %llu; %d runs; "
           "pool of "
           "%llu batches of %llu units)\n",
           argv[1], B.d->n_inputs, B.d->n_outputs, B.d->n_conditions, (unsigned long long)units,
           (unsigned long long)(units / 50 + 1), runs, (unsigned long long)pool, (unsigned long long)batch);
    for (int i = 0; i < n; i++)
        printf("kernel %s median_ups=%.0f min_ups=%.0f max_ups=%.0f\n", scorers[i].name,
               median(scorers[i].rates, runs), least(scorers[i].rates, runs), most(scorers[i].rates, runs));

    for (int i = 0; i < n; i++)
        if (scorers[i].handle) dlclose(scorers[i].handle);
    for (int i = 0; i < n; i++)
        if (scorers[i].hand) scorers[i].hand_free(scorers[i].hand);
    for (uint64_t k = 0; k < pool; k++)
        batch_free(&B.pool[k]);
    batch_free(&B.out);
    free(B.pool);
    free(B.scratch);
    compiled_free(&c);
    return 0;
}
