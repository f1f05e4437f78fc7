/* emit.c — from model to shared object: target machine, IR, the new pass manager at -O0..-O3, object
 * emission, link. Modules are portable by default: PIC, CPU "generic" (evaluators' machines are older
 * than the one that builds), no fast-math. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

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
    const char *pipeline = level == 3 ? "default<O3>" : "function(instcombine,early-cse,simplifycfg)";
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

int zi_codegen_build(const struct zi_model *model, const struct zi_codegen_options *options,
                     const char *output, struct zi_codegen_timing *timing, char *err, size_t errlen)
{
    struct zi_codegen_timing t = {0};
    double start = now_ms();
    LLVMTargetMachineRef tm = target_machine(options, err, errlen);
    if (!tm) return -1;
    LLVMContextRef ctx = LLVMContextCreate();
    LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(tm);
    char *triple = LLVMGetTargetMachineTriple(tm);
    LLVMModuleRef mod = zi_codegen_module(ctx, model, layout, triple, lanes_for(options), err, errlen);
    LLVMDisposeMessage(triple);
    int status = mod ? 0 : -1;
    t.generate_ms = now_ms() - start;

    if (status == 0) {
        start = now_ms();
        status = optimise(mod, tm, options->opt_level, err, errlen);
        t.optimise_ms = now_ms() - start;
    }
    if (status == 0 && options->emit_llvm) {
        char *message = NULL;
        if (LLVMPrintModuleToFile(mod, options->emit_llvm, &message)) {
            snprintf(err, errlen, "cannot write '%s': %s", options->emit_llvm, message ? message : "");
            status = -1;
        }
        LLVMDisposeMessage(message);
    }

    /* The object goes next to nowhere in particular: a private temporary file unless asked to keep it. */
    char temp[] = "/tmp/zic-XXXXXX";
    const char *object = options->emit_obj;
    if (status == 0 && !object) {
        int fd = mkstemp(temp);
        if (fd < 0) {
            snprintf(err, errlen, "cannot create a temporary file");
            status = -1;
        } else {
            close(fd);
            object = temp;
        }
    }
    if (status == 0) {
        start = now_ms();
        char *message = NULL;
        /* LLVM 14 takes `char *`, 19 `const char *`: a mutable copy suits both. */
        char *path = strdup(object);
        if (!path || LLVMTargetMachineEmitToFile(tm, mod, path, LLVMObjectFile, &message)) {
            snprintf(err, errlen, "cannot write the object file '%s': %s", object,
                     message ? message : "out of memory");
            status = -1;
        }
        free(path);
        LLVMDisposeMessage(message);
        t.emit_ms = now_ms() - start;
    }
    if (status == 0 && output) {
        start = now_ms();
        status = zi_link_shared(object, output, err, errlen);
        t.link_ms = now_ms() - start;
    }
    if (object == temp) unlink(temp);
    if (mod) LLVMDisposeModule(mod);
    LLVMDisposeTargetData(layout);
    LLVMContextDispose(ctx);
    LLVMDisposeTargetMachine(tm);
    if (timing) *timing = t;
    return status;
}
