/* codegen_internal.h — what the code generator's files share: codegen.c builds the LLVM module, emit.c
 * optimises it and writes the object, link.c turns the object into a shared object. */
#ifndef ZI_CODEGEN_INTERNAL_H
#define ZI_CODEGEN_INTERNAL_H

#include <stddef.h>

#include <llvm-c/Core.h>
#include <llvm-c/Target.h>

#include "codegen.h"

/* One CPU level of the score loop (zi/module.h, struct zi_score_level). */
struct zi_codegen_level {
    const char *name;     /* as the descriptor names it: "x86-64-v3" */
    const char *cpu;      /* LLVM's CPU name: "generic", "x86-64-v3", or the host's */
    const char *features; /* LLVM's feature string ("" for the CPU's own) */
    unsigned lanes;       /* units per vector iteration: a power of two, 2 to 16 */
    uint32_t requires;    /* ZI_CPU_* */
};

/* What one LLVM module holds. A build compiles several modules at once, on several threads, and links their
 * objects into one shared object: the score loop of each CPU level alone (most of the backend's work), and
 * the rest — the explain loop and the descriptor, which refers to the score loops by their hidden symbols.
 * --emit-llvm and --emit-obj build the whole module instead, so that what people look at is one file (each
 * score loop then carries its level's CPU as function attributes). */
enum zi_codegen_part { ZI_PART_WHOLE, ZI_PART_SCORE, ZI_PART_REST };

/* Builds `part` of the module for `model` in `ctx` for `triple` and `layout`, with the score loops of
 * levels[0..n_levels) (ZI_PART_SCORE: only levels[level]). Returns NULL with a message in `err` if the
 * generated IR fails verification (an internal error). The caller disposes the module. */
LLVMModuleRef zi_codegen_module(LLVMContextRef ctx, const struct zi_model *model, LLVMTargetDataRef layout,
                                const char *triple, const struct zi_codegen_level *levels, unsigned n_levels,
                                enum zi_codegen_part part, unsigned level, char *err, size_t errlen);

/* Runs `ld -shared -o output objects...` (ZI_LD overrides ld) without a shell, telling `watch_child` (may be
 * NULL) its process id as zi_codegen_options.watch_child says. Returns 0, or -1 with a message. */
int zi_link_shared(const char *const *objects, unsigned n_objects, const char *output,
                   void (*watch_child)(int pid), char *err, size_t errlen);

#endif
