/* backend_util.h — what the back-end tests share: compiling criteria text to a model and to a loaded native
 * module, and random units drawn from a module's own descriptor. */
#ifndef ZI_BACKEND_UTIL_H
#define ZI_BACKEND_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "codegen.h"
#include "frontend.h"
#include "model.h"

struct compiled {
    struct zi_compilation compilation;
    struct zi_model *model;
};

/* Compiles criteria text; fails the test (ck_abort) on any diagnostic error. */
void compile_text(struct compiled *c, const char *text);
void compile_file(struct compiled *c, const char *path);
void compiled_free(struct compiled *c);

/* Builds the model into a shared object at -O`level` in a fresh temporary directory and loads it with
 * dlopen. Returns the module's descriptor; *handle gets the dlopen handle (dlclose it), *path the file. */
const struct zi_module *build_native(const struct zi_model *model, int level, void **handle, char *path,
                                     size_t pathlen);

/* A batch of units in the module layout. */
struct batch {
    uint64_t n;
    uint32_t n_inputs;
    double *inputs;
    uint8_t *present;
    double *outputs;
    int32_t *verdict;
    uint64_t *failed;
    double *lhs, *rhs;
};
void batch_alloc(struct batch *b, const struct zi_module *d, uint64_t n);
void batch_free(struct batch *b);
/* Same inputs, fresh result buffers. */
void batch_copy_inputs(struct batch *to, const struct batch *from);

/* Fills the batch with random units from `seed`: every kind of answer, missing answers, edge values (range
 * ends, the survey thresholds, zero denominators), units with every answer at its best, and units at their
 * best but for a few answers (which land near the thresholds). */
void batch_random(struct batch *b, const struct zi_module *d, uint64_t seed);

#endif
