/* bench_kernel.c — kernel throughput: scoring pre-parsed batches of units (no I/O), the native module at each
 * -O level against the reference interpreter, all on the same random units in one run. Prints a table of
 * units per second per core (median of several runs, with min-max) and the ratios.
 *
 *   bench_kernel CRITERIA.zi [UNITS] [RUNS]        (defaults: 1,000,000 units, 5 runs) */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend_util.h"
#include "interp.h"

static uint64_t BATCH = 4096;

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

struct result {
    const char *name;
    double median, min, max; /* units per second */
};

/* Scores `units` units (in batches, cycling over `pool` prepared batches) `runs` times. */
static struct result measure(const char *name, const struct zi_module *m, const struct zi_model *model,
                             struct batch *pool, int n_pool, uint64_t units, int runs)
{
    double rates[32];
    double *scratch = model ? calloc(model->n_ops, sizeof *scratch) : NULL;
    for (int r = 0; r < runs; r++) {
        double start = now();
        for (uint64_t done = 0, k = 0; done < units; done += BATCH, k++) {
            struct batch *b = &pool[k % (uint64_t)n_pool];
            if (m)
                batch_score(b, m, false);
            else
                batch_interpret(b, model, scratch, false);
        }
        rates[r] = (double)units / (now() - start);
    }
    free(scratch);
    qsort(rates, (size_t)runs, sizeof rates[0], by_value);
    struct result res = {name, rates[runs / 2], rates[0], rates[runs - 1]};
    return res;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_kernel CRITERIA.zi [UNITS] [RUNS]\n");
        return 2;
    }
    uint64_t units = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
    int runs = argc > 3 ? atoi(argv[3]) : 5;
    if (argc > 4)
        BATCH = strtoull(argv[4], NULL, 10);
    runs = runs < 1 ? 1 : runs > 31 ? 31 : runs;
    struct compiled c;
    compile_file(&c, argv[1]);
    const struct zi_module *d = &c.model->descriptor;
    enum { POOL = 16 };
    struct batch pool[POOL];
    for (int i = 0; i < POOL; i++) {
        batch_alloc(&pool[i], d, BATCH);
        batch_random(&pool[i], d, (uint64_t)i + 1);
    }
    struct result results[8];
    int n = 0;
    results[n++] = measure("interpreter", NULL, c.model, pool, POOL, units / 20 ? units / 20 : 1, runs);
    static const int levels[] = {0, 2, 3};
    void *handles[3];
    for (int i = 0; i < 3; i++) {
        char path[256];
        const struct zi_module *m = build_native(c.model, levels[i], &handles[i], path, sizeof path);
        static const char *const names[] = {"native -O0", "native -O2", "native -O3"};
        results[n++] = measure(names[i], m, NULL, pool, POOL, units, runs);
    }
    printf("%-14s %16s %16s %16s %10s\n", "scorer", "units/s median", "min", "max", "vs interp");
    for (int i = 0; i < n; i++)
        printf("%-14s %16.0f %16.0f %16.0f %9.1fx\n", results[i].name, results[i].median, results[i].min,
               results[i].max, results[i].median / results[0].median);
    printf("(%s: %u inputs, %u outputs, %u conditions; %llu units per run, %d runs, batches of %llu)\n", argv[1],
           d->n_inputs, d->n_outputs, d->n_conditions, (unsigned long long)units, runs, (unsigned long long)BATCH);
    for (int i = 0; i < 3; i++)
        dlclose(handles[i]);
    for (int i = 0; i < POOL; i++)
        batch_free(&pool[i]);
    compiled_free(&c);
    return 0;
}
