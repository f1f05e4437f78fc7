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

#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <llvm/Config/llvm-config.h>

#include "codegen_internal.h"

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

static LLVMTargetMachineRef target_machine(const struct zi_codegen_options *options, char *err, size_t errlen)
{
    /* Idempotent; the static-inline initialisers come from llvm-c/Target.h. */
    if (LLVMInitializeNativeTarget() || LLVMInitializeNativeAsmPrinter() || LLVMInitializeNativeAsmParser()) {
        snprintf(err, errlen, "LLVM has no code generator for this machine");
        return NULL;
    }
    char *triple = LLVMGetDefaultTargetTriple();
    LLVMTargetRef target;
    char *message = NULL;
    if (LLVMGetTargetFromTriple(triple, &target, &message)) {
        snprintf(err, errlen, "no LLVM target for %s: %s", triple, message ? message : "");
        LLVMDisposeMessage(message);
        LLVMDisposeMessage(triple);
        return NULL;
    }
    char *cpu = options->native_cpu ? LLVMGetHostCPUName() : NULL;
    char *features = options->native_cpu ? LLVMGetHostCPUFeatures() : NULL;
    static const LLVMCodeGenOptLevel levels[] = {LLVMCodeGenLevelNone, LLVMCodeGenLevelLess,
                                                 LLVMCodeGenLevelDefault, LLVMCodeGenLevelAggressive};
    LLVMTargetMachineRef tm =
        LLVMCreateTargetMachine(target, triple, cpu ? cpu : "generic", features ? features : "",
                                levels[options->opt_level], LLVMRelocPIC, LLVMCodeModelDefault);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
    LLVMDisposeMessage(triple);
    if (!tm) snprintf(err, errlen, "LLVM could not create a target machine");
    return tm;
}

/* Units per vector iteration: as many doubles as a vector register holds on the target CPU. A generic x86-64
 * has SSE2 (two); --cpu=native may have AVX (four) or AVX-512 (eight). */
static unsigned lanes_for(const struct zi_codegen_options *options)
{
    if (!options->native_cpu) return 2;
    char *features = LLVMGetHostCPUFeatures();
    unsigned lanes = 2;
    if (features && strstr(features, "+avx512f"))
        lanes = 8;
    else if (features && strstr(features, "+avx"))
        lanes = 4;
    LLVMDisposeMessage(features);
    return lanes;
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
 * that the two halves of a build can run on two threads (LLVM shares nothing between contexts). */
struct half {
    const struct zi_model *model;
    const struct zi_codegen_options *options;
    LLVMTargetMachineRef tm;
    enum zi_codegen_part part;
    unsigned lanes;
    const char *object;
    struct zi_codegen_timing timing;
    int status;
    char err[512];
};

static void *compile_half(void *arg)
{
    struct half *h = arg;
    double start = now_ms();
    LLVMContextRef ctx = LLVMContextCreate();
    LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(h->tm);
    char *triple = LLVMGetTargetMachineTriple(h->tm);
    LLVMModuleRef mod =
        zi_codegen_module(ctx, h->model, layout, triple, h->lanes, h->part, h->err, sizeof h->err);
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
    return NULL;
}

static double max_ms(double a, double b)
{
    return a > b ? a : b;
}

int zi_codegen_build(const struct zi_model *model, const struct zi_codegen_options *options,
                     const char *output, struct zi_codegen_timing *timing, char *err, size_t errlen)
{
    /* Two halves on two threads (codegen_internal.h), unless someone wants to look at the one module. */
    unsigned n = options->emit_llvm || options->emit_obj ? 1 : 2;
    struct half halves[2];
    unsigned lanes = lanes_for(options);
    int status = 0;
    memset(halves, 0, sizeof halves);
    for (unsigned i = 0; i < n && status == 0; i++) {
        struct half *h = &halves[i];
        h->model = model;
        h->options = options;
        h->part = n == 1 ? ZI_PART_WHOLE : i == 0 ? ZI_PART_SCORE : ZI_PART_REST;
        h->lanes = lanes;
        /* Target machines are made here, before any thread starts: LLVM's target registry is initialised
         * on first use. */
        h->tm = target_machine(options, err, errlen);
        if (!h->tm) {
            status = -1;
            break;
        }
        h->object = n == 1 && options->emit_obj ? options->emit_obj : options->objects[i];
    }
    if (status == 0) {
        pthread_t thread;
        bool threaded = n == 2 && pthread_create(&thread, NULL, compile_half, &halves[1]) == 0;
        compile_half(&halves[0]);
        if (threaded)
            pthread_join(thread, NULL);
        else if (n == 2)
            compile_half(&halves[1]); /* no thread to be had: one after the other */
    }
    struct zi_codegen_timing t = {0};
    for (unsigned i = 0; i < n && status == 0; i++) {
        /* The phases of the two halves overlap: each is reported as its longer one. */
        t.generate_ms = max_ms(t.generate_ms, halves[i].timing.generate_ms);
        t.optimise_ms = max_ms(t.optimise_ms, halves[i].timing.optimise_ms);
        t.emit_ms = max_ms(t.emit_ms, halves[i].timing.emit_ms);
        if (halves[i].status != 0) {
            snprintf(err, errlen, "%s", halves[i].err);
            status = -1;
        }
    }
    if (status == 0 && output) {
        double link_start = now_ms();
        const char *inputs[2] = {halves[0].object, halves[1].object};
        status = zi_link_shared(inputs, n, output, options->watch_child, err, errlen);
        t.link_ms = now_ms() - link_start;
    }
    for (unsigned i = 0; i < 2; i++) {
        if (halves[i].tm) LLVMDisposeTargetMachine(halves[i].tm);
    }
    if (timing) *timing = t;
    return status;
}
