/* codegen.h — the native back end: the model (model.h) to an LLVM module, through the LLVM C API only, and
 * from there to an object file and a shared object. Builds against LLVM 14 and LLVM 19 alike: only typed
 * builders (LLVMBuildLoad2, LLVMBuildGEP2, LLVMBuildCall2) and the new pass manager (LLVMRunPasses). */
#ifndef ZI_CODEGEN_H
#define ZI_CODEGEN_H

#include <stdbool.h>

#include "model.h"

struct zi_codegen_options {
    int opt_level;   /* 0..3 */
    bool native_cpu; /* tune for this machine's CPU; default "generic" x86-64, for evaluators' older machines
                      */
    const char *emit_llvm; /* when not NULL, write the optimised IR here */
    const char *emit_obj;  /* when not NULL, keep the object file here */
    /* Where the object code goes on its way to the linker: files the caller made and removes (zic: temporary
     * files removed on a signal too, zi/outfile.h). Two halves compile on two threads into objects[0] and
     * [1]; with emit_llvm or emit_obj there is one module, in emit_obj or else objects[0]. */
    const char *objects[2];
    /* Called with the linker's process id once it is spawned (with every signal held, so none comes between)
     * and with 0 once it has ended but before it is reaped, so the id names no other process meanwhile;
     * zic passes zi_outfile_watch_child, whose signal handler stops the linker. NULL: not called. */
    void (*watch_child)(int pid);
};

/* Wall-clock milliseconds spent in each phase, for `zic build --time` and bench/. */
struct zi_codegen_timing {
    double generate_ms, optimise_ms, emit_ms, link_ms;
};

/* Compiles `model` into the shared object `output` through options->objects. Returns 0, or -1 with a message
 * in `err`. Makes no file of its own. */
int zi_codegen_build(const struct zi_model *model, const struct zi_codegen_options *options,
                     const char *output, struct zi_codegen_timing *timing, char *err, size_t errlen);

/* "LLVM 14.0.6": the LLVM this zic was built with. */
const char *zi_codegen_llvm_version(void);

#endif
