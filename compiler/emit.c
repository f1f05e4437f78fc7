/* emit.c — from model to shared object: target machine, IR, the new pass manager at -O0..-O3, object
 * emission, link. Modules are portable by default: PIC, CPU "generic" (evaluators' machines are older
 * than the one that builds), no fast-math. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <llvm/Config/llvm-config.h>

#include "codegen_internal.h"
#include "zi/runtime.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

const char *zi_codegen_llvm_version(void)
{
    return "LLVM " ZI_LLVM_VERSION_STRING;
}

/* A target machine for `cpu` and `features` ("generic" and "" for the baseline). */
static LLVMTargetMachineRef target_machine(const char *cpu, const char *features, int opt_level, char *err,
                                           size_t errlen)
{
    char *triple = LLVMGetDefaultTargetTriple();
    LLVMTargetRef target;
    char *message = NULL;
    if (LLVMGetTargetFromTriple(triple, &target, &message)) {
        snprintf(err, errlen, "no LLVM target for %s: %s", triple, message ? message : "");
        LLVMDisposeMessage(message);
        LLVMDisposeMessage(triple);
        return NULL;
    }
    static const LLVMCodeGenOptLevel levels[] = {LLVMCodeGenLevelNone, LLVMCodeGenLevelLess,
                                                 LLVMCodeGenLevelDefault, LLVMCodeGenLevelAggressive};
    LLVMTargetMachineRef tm = LLVMCreateTargetMachine(target, triple, cpu, features, levels[opt_level],
                                                      LLVMRelocPIC, LLVMCodeModelDefault);
    LLVMDisposeMessage(triple);
    if (!tm) snprintf(err, errlen, "LLVM could not create a target machine");
    return tm;
}

/* The x86-64 psABI levels a portable module carries (zi/module.h): as many doubles per step as the level's
 * vector registers hold. x86-64-v2 is left out: it adds SSE4.1's blend, which the loop's selects would use,
 * but no wider registers, and each level costs a third of the build time. */
static const struct zi_codegen_level x86_levels[] = {
    {"x86-64", "generic", "", 2, 0},
    {"x86-64-v3", "x86-64-v3", "", 4, ZI_CPU_X86_64_V2 | ZI_CPU_X86_64_V3},
    {"x86-64-v4", "x86-64-v4", "", 8, ZI_CPU_X86_64_V2 | ZI_CPU_X86_64_V3 | ZI_CPU_X86_64_V4},
};

/* The score levels of a build, in `out` (at most ZI_MAX_SCORE_LEVELS); `native` holds the strings of a
 * --cpu=native level until the build ends. Returns how many. */
struct native_cpu {
    char *cpu, *features;
    char name[96];
};

static unsigned levels_for(const struct zi_codegen_options *options, struct zi_codegen_level *out,
                           struct native_cpu *native)
{
    char *triple = LLVMGetDefaultTargetTriple();
    bool x86_64 = strncmp(triple, "x86_64", 6) == 0;
    LLVMDisposeMessage(triple);
    if (options->cpu == ZI_CODEGEN_NATIVE) {
        native->cpu = LLVMGetHostCPUName();
        native->features = LLVMGetHostCPUFeatures();
        snprintf(native->name, sizeof native->name, "native (%s)", native->cpu);
        unsigned lanes = strstr(native->features, "+avx512f") ? 8 : strstr(native->features, "+avx") ? 4 : 2;
        /* What the runtime can check of this CPU: its x86-64 levels (the build may use more of it). */
        out[0] = (struct zi_codegen_level){native->name, native->cpu, native->features, lanes,
                                           x86_64 ? zi_cpu_levels() : 0};
        return 1;
    }
    if (!x86_64) {
        out[0] = (struct zi_codegen_level){"generic", "generic", "", 2, 0};
        return 1;
    }
    unsigned n = sizeof x86_levels / sizeof x86_levels[0];
    if (options->cpu == ZI_CODEGEN_GENERIC) n = 1;
    if (options->cpu == ZI_CODEGEN_HOST_LEVEL) {
        /* The level the runtime would pick here: the last one this CPU has. */
        uint32_t cpu = zi_cpu_levels();
        unsigned best = 0;
        for (unsigned k = 0; k < n; k++)
            if ((x86_levels[k].requires & ~cpu) == 0) best = k;
        out[0] = x86_levels[best];
        return 1;
    }
    memcpy(out, x86_levels, n * sizeof *out);
    return n;
}

/* The IR passes of each level. A module is one loop over units whose body is straight-line arithmetic:
 * LLVM's default<O1>/<O2> pipelines (inliner, loop transforms, memory SSA, GVN, ...) find next to nothing to
 * do in it and cost a third of a build. -O1 and -O2 run the passes that do find work — instcombine folds
 * selects and constants, early-cse shares repeated operations, simplifycfg tidies the loop — and differ in
 * the backend's effort; -O3 runs LLVM's whole default<O3> pipeline, for comparison (bench/bench_kernel
 * measures all four: docs/performance.md). */
static int optimise(LLVMModuleRef mod, LLVMTargetMachineRef tm, int level, char *err, size_t errlen)
{
    if (level == 0) return 0;
#if LLVM_VERSION_MAJOR >= 18
    /* Since LLVM 18 a lone `instcombine` runs one iteration and aborts the process ("did not reach a
     * fixpoint") when a second would still change something, a check meant for LLVM's own tests: the
     * comparisons of a grade's rank met it. One iteration is what the default pipelines run too; the result
     * is only less folded. */
    const char *pipeline =
        level == 3 ? "default<O3>" : "function(instcombine<no-verify-fixpoint>,early-cse,simplifycfg)";
#else
    const char *pipeline = level == 3 ? "default<O3>" : "function(instcombine,early-cse,simplifycfg)";
#endif
    LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
    /* codegen.c vectorises the loop over units itself; LLVM's vectorisers and unroller would only grow the
     * code (and the build time) by rewriting the scalar remainder loop. */
    LLVMPassBuilderOptionsSetLoopVectorization(options, 0);
    LLVMPassBuilderOptionsSetSLPVectorization(options, 0);
    LLVMPassBuilderOptionsSetLoopInterleaving(options, 0);
    LLVMPassBuilderOptionsSetLoopUnrolling(options, 0);
    LLVMErrorRef error = LLVMRunPasses(mod, pipeline, tm, options);
    LLVMDisposePassBuilderOptions(options);
    if (error) {
        char *message = LLVMGetErrorMessage(error);
        snprintf(err, errlen, "LLVM optimisation failed: %s", message);
        LLVMDisposeErrorMessage(message);
        return -1;
    }
    return 0;
}

/* One module of a build, compiled from model to object file on its own LLVM context and target machine, so
 * that the modules of a build can run on several threads (LLVM shares nothing between contexts). */
struct job {
    const struct zi_model *model;
    const struct zi_codegen_options *options;
    const struct zi_codegen_level *levels;
    unsigned n_levels;
    LLVMTargetMachineRef tm;
    enum zi_codegen_part part;
    unsigned level; /* ZI_PART_SCORE: which */
    const char *object;
    struct zi_codegen_timing timing;
    int status;
    char err[512];
};

static void compile_job(struct job *h)
{
    double start = now_ms();
    LLVMContextRef ctx = LLVMContextCreate();
    LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(h->tm);
    char *triple = LLVMGetTargetMachineTriple(h->tm);
    LLVMModuleRef mod = zi_codegen_module(ctx, h->model, layout, triple, h->levels, h->n_levels, h->part,
                                          h->level, h->err, sizeof h->err);
    LLVMDisposeMessage(triple);
    h->status = mod ? 0 : -1;
    h->timing.generate_ms = now_ms() - start;

    if (h->status == 0) {
        start = now_ms();
        h->status = optimise(mod, h->tm, h->options->opt_level, h->err, sizeof h->err);
        h->timing.optimise_ms = now_ms() - start;
    }
    if (h->status == 0 && h->options->emit_llvm) {
        char *message = NULL;
        if (LLVMPrintModuleToFile(mod, h->options->emit_llvm, &message)) {
            snprintf(h->err, sizeof h->err, "cannot write '%s': %s", h->options->emit_llvm,
                     message ? message : "");
            h->status = -1;
        }
        LLVMDisposeMessage(message);
    }
    if (h->status == 0) {
        start = now_ms();
        char *message = NULL;
        /* LLVM 14 takes `char *`, 19 `const char *`: a mutable copy suits both. */
        char *path = strdup(h->object);
        if (!path || LLVMTargetMachineEmitToFile(h->tm, mod, path, LLVMObjectFile, &message)) {
            snprintf(h->err, sizeof h->err, "cannot write the object file '%s': %s", h->object,
                     message ? message : "out of memory");
            h->status = -1;
        }
        free(path);
        LLVMDisposeMessage(message);
        h->timing.emit_ms = now_ms() - start;
    }
    if (mod) LLVMDisposeModule(mod);
    LLVMDisposeTargetData(layout);
    LLVMContextDispose(ctx);
}

/* The jobs of a build, taken in order by as many threads as there are cores: the next job's index is the one
 * thing they share. */
struct queue {
    struct job *jobs;
    unsigned n;
    pthread_mutex_t lock;
    unsigned next;
};

static void *work(void *arg)
{
    struct queue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        unsigned k = q->next < q->n ? q->next++ : q->n;
        pthread_mutex_unlock(&q->lock);
        if (k == q->n) return NULL;
        compile_job(&q->jobs[k]);
    }
}

static double max_ms(double a, double b)
{
    return a > b ? a : b;
}

/* The backend's machine scheduler reorders a basic block before registers are allocated, and a score loop is
 * one block of thousands of instructions. Measured on the LKE (bench_kernel, side by side): it hoists the
 * items' label comparisons above the sums that read them, and the AVX-512 loop spills 500 vectors to the
 * stack for every 8 units (140 without it) and runs at 18-23 M units/s against 30-35 M/s without it; the
 * AVX2 loop gains 0-10 %, the baseline is unchanged, and a build is 10 % quicker. codegen.c already emits
 * each value just before its first reader, which is the order worth keeping. LLVM offers no per-function
 * switch for this, only its command-line option, which is process-wide: it is set once, before the first
 * build, and the only LLVM code generation in a zic process is this file's. */
static void disable_machine_scheduler(void)
{
    const char *argv[] = {"zic", "-enable-misched=false"};
    LLVMParseCommandLineOptions(2, argv, "");
}

int zi_codegen_build(const struct zi_model *model, const struct zi_codegen_options *options,
                     const char *output, struct zi_codegen_timing *timing, char *err, size_t errlen)
{
    /* Idempotent; the static-inline initialisers come from llvm-c/Target.h. */
    if (LLVMInitializeNativeTarget() || LLVMInitializeNativeAsmPrinter() || LLVMInitializeNativeAsmParser()) {
        snprintf(err, errlen, "LLVM has no code generator for this machine");
        return -1;
    }
    static pthread_once_t scheduler_once = PTHREAD_ONCE_INIT;
    pthread_once(&scheduler_once, disable_machine_scheduler);
    struct zi_codegen_level levels[ZI_MAX_SCORE_LEVELS];
    struct native_cpu native = {0};
    unsigned n_levels = levels_for(options, levels, &native);
    /* One module per score level and one for the rest, unless someone wants to look at the one module. The
     * baseline's score loop is the longest to compile (SSE2 has no blend: a select is three instructions), so
     * it goes first, the rest (explain loop, descriptor) second, then the levels from the widest down: the
     * longest jobs first, so the threads end together (on the LKE: 68, 51, 43 and 39 ms). */
    bool whole = options->emit_llvm || options->emit_obj;
    unsigned n = whole ? 1 : n_levels + 1;
    struct job jobs[ZI_CODEGEN_MAX_OBJECTS];
    int status = 0;
    memset(jobs, 0, sizeof jobs);
    for (unsigned i = 0; i < n && status == 0; i++) {
        struct job *h = &jobs[i];
        h->model = model;
        h->options = options;
        h->levels = levels;
        h->n_levels = n_levels;
        h->part = whole ? ZI_PART_WHOLE : i == 1 ? ZI_PART_REST : ZI_PART_SCORE;
        h->level = i == 0 ? 0 : n_levels + 1 - i; /* then the widest level, whose loop is the longest left */
        const struct zi_codegen_level *cpu = &levels[h->part == ZI_PART_SCORE ? h->level : 0];
        /* Target machines are made here, before any thread starts: LLVM's target registry is initialised
         * on first use. */
        h->tm = target_machine(cpu->cpu, cpu->features, options->opt_level, err, errlen);
        if (!h->tm) {
            status = -1;
            break;
        }
        h->object = whole && options->emit_obj ? options->emit_obj : options->objects[i];
        if (!h->object) {
            snprintf(err, errlen, "internal error: no object file for module %u", i);
            status = -1;
        }
    }
    unsigned n_threads = 0;
    if (status == 0) {
        struct queue q = {jobs, n, PTHREAD_MUTEX_INITIALIZER, 0};
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        unsigned wanted = cores > 1 ? (unsigned)(cores < (long)n ? cores : (long)n) : 1;
        pthread_t threads[ZI_CODEGEN_MAX_OBJECTS];
        for (unsigned t = 1; t < wanted; t++)
            if (pthread_create(&threads[n_threads], NULL, work, &q) == 0) n_threads++;
        work(&q); /* this thread too; with no thread to be had, all the jobs one after the other */
        for (unsigned t = 0; t < n_threads; t++)
            pthread_join(threads[t], NULL);
        pthread_mutex_destroy(&q.lock);
    }
    struct zi_codegen_timing t = {0};
    t.modules = n;
    t.threads = n_threads + 1;
    for (unsigned i = 0; i < n && status == 0; i++) {
        t.generate_ms = max_ms(t.generate_ms, jobs[i].timing.generate_ms);
        t.optimise_ms = max_ms(t.optimise_ms, jobs[i].timing.optimise_ms);
        t.emit_ms = max_ms(t.emit_ms, jobs[i].timing.emit_ms);
        t.cpu_ms += jobs[i].timing.generate_ms + jobs[i].timing.optimise_ms + jobs[i].timing.emit_ms;
        snprintf(t.module[i].what, sizeof t.module[i].what, "%s%s",
                 jobs[i].part == ZI_PART_WHOLE  ? "whole module"
                 : jobs[i].part == ZI_PART_REST ? "explain loop and descriptor"
                                                : "score loop ",
                 jobs[i].part == ZI_PART_SCORE ? levels[jobs[i].level].name : "");
        t.module[i].generate_ms = jobs[i].timing.generate_ms;
        t.module[i].optimise_ms = jobs[i].timing.optimise_ms;
        t.module[i].emit_ms = jobs[i].timing.emit_ms;
        if (jobs[i].status != 0) {
            snprintf(err, errlen, "%s", jobs[i].err);
            status = -1;
        }
    }
    if (status == 0 && output) {
        double link_start = now_ms();
        const char *inputs[ZI_CODEGEN_MAX_OBJECTS];
        for (unsigned i = 0; i < n; i++)
            inputs[i] = jobs[i].object;
        status = zi_link_shared(inputs, n, output, options->watch_child, err, errlen);
        t.link_ms = now_ms() - link_start;
    }
    for (unsigned i = 0; i < n; i++)
        if (jobs[i].tm) LLVMDisposeTargetMachine(jobs[i].tm);
    LLVMDisposeMessage(native.cpu);
    LLVMDisposeMessage(native.features);
    if (timing) *timing = t;
    return status;
}
