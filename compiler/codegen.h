/* codegen.h — the native back end: the model (model.h) to an LLVM module, through the LLVM C API only, and
 * from there to an object file and a shared object. Builds against LLVM 14 and LLVM 19 alike: only typed
 * builders (LLVMBuildLoad2, LLVMBuildGEP2, LLVMBuildCall2) and the new pass manager (LLVMRunPasses). */
#ifndef ZI_CODEGEN_H
#define ZI_CODEGEN_H

#include <stdbool.h>

#include "model.h"

/* Which CPUs a module's score loop is compiled for (module ABI 5, zi/module.h "score levels"). */
enum zi_codegen_cpu {
    /* The default: on x86-64, the levels x86-64 (SSE2), x86-64-v3 (AVX2) and x86-64-v4 (AVX-512) in one
     * module, the runtime picking the best the evaluator's CPU has; elsewhere the architecture's baseline. */
    ZI_CODEGEN_PORTABLE = 0,
    ZI_CODEGEN_GENERIC, /* --cpu=generic: the baseline level only (the smallest module, runs anywhere) */
    ZI_CODEGEN_NATIVE,  /* --cpu=native: this machine's CPU and every feature it has; runs only on its like */
    /* The one level of PORTABLE this machine would pick: for modules built to run here and now (zic run,
     * zic test, zic diff --data), at a third of the build time and the same speed. */
    ZI_CODEGEN_HOST_LEVEL,
};

/* Object files of one build: one per score level (at most three) and one for the rest. */
#define ZI_CODEGEN_MAX_OBJECTS 4

struct zi_codegen_options {
    int opt_level; /* 0..3 */
    enum zi_codegen_cpu cpu;
    const char *emit_llvm; /* when not NULL, write the optimised IR here */
    const char *emit_obj;  /* when not NULL, keep the object file here */
    /* Where the object code goes on its way to the linker: files the caller made and removes (zic: temporary
     * files removed on a signal too, zi/outfile.h). A build compiles one LLVM module per score level and one
     * for the rest (the explain loop and the descriptor), on as many threads as there are cores, into
     * objects[0..]; with emit_llvm or emit_obj there is one module, in emit_obj or else objects[0]. */
    const char *objects[ZI_CODEGEN_MAX_OBJECTS];
    /* Called with the linker's process id once it is spawned (with every signal held, so none comes between)
     * and with 0 once it has ended but before it is reaped, so the id names no other process meanwhile;
     * zic passes zi_outfile_watch_child, whose signal handler stops the linker. NULL: not called. */
    void (*watch_child)(int pid);
};

/* Wall-clock milliseconds spent in each phase, for `zic build --time` and bench/. The modules of a build
 * are compiled at once on several threads: generate, optimise and emit are each the longest of one module's,
 * cpu_ms is the sum of every phase of every module (what the build would take on one core). */
struct zi_codegen_timing {
    double generate_ms, optimise_ms, emit_ms, link_ms, cpu_ms;
    unsigned modules, threads;
    struct {
        char what[48]; /* "score loop x86-64-v3", "explain loop and descriptor", "whole module" */
        double generate_ms, optimise_ms, emit_ms;
    } module[ZI_CODEGEN_MAX_OBJECTS]; /* [0, modules) */
};

/* Compiles `model` into the shared object `output` through options->objects. Returns 0, or -1 with a message
 * in `err`. Makes no file of its own. */
int zi_codegen_build(const struct zi_model *model, const struct zi_codegen_options *options,
                     const char *output, struct zi_codegen_timing *timing, char *err, size_t errlen);

/* "LLVM 14.0.6": the LLVM this zic was built with. */
const char *zi_codegen_llvm_version(void);

#endif
