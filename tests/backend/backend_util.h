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
/* The same with any options (e.g. --cpu=native). */
const struct zi_module *build_native_with(const struct zi_model *model,
                                          const struct zi_codegen_options *options, void **handle, char *path,
                                          size_t pathlen);

/* A batch of units in the module layout (zi/module.h): scale answers as label numbers in `codes`, the other
 * answers in `numbers` (NaN when missing). */
struct batch {
    uint64_t n;
    uint32_t n_codes, n_numbers, n_outputs, n_words, n_conditions;
    uint8_t *codes;
    double *numbers;
    double *outputs;
    int32_t *verdict;
    uint64_t *failed;
    uint64_t *unknown;
    double *lhs, *rhs;
};
/* Every answer missing, every result 0. The buffers are tiled (zi/module.h). */
void batch_alloc(struct batch *b, const struct zi_module *d, uint64_t n);
/* Output o of unit `row`. */
double batch_output(const struct batch *b, uint32_t o, uint64_t row);
void batch_free(struct batch *b);
/* Same inputs, fresh result buffers. */
void batch_copy_inputs(struct batch *to, const struct batch *from);
/* Input `i` of unit `row` answered with `value`: for a scale input, the value of one of its labels (the first
 * label with that value is the one answered). */
void batch_set(struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row, double value);
/* Runs the module's score_batch, or its explain_batch, on the whole batch. */
void batch_score(struct batch *b, const struct zi_module *m, bool explain);
/* Runs `score` (one of a module's score levels) on the whole batch. */
void batch_score_with(struct batch *b, zi_score_batch_fn score);
/* The same with the reference interpreter; `scratch` holds model->n_ops doubles. */
void batch_interpret(struct batch *b, const struct zi_model *model, double *scratch, bool explain);
/* Whether output o is one score_batch writes (all but the items). */
bool batch_scored_output(const struct zi_module *d, uint32_t o);
/* NULL when the results of units [0, n) are the same bits in both batches, else what differs. With `explain`,
 * every output and the condition operands (what explain_batch writes); without, what score_batch writes: the
 * outputs but the items, verdicts and failed conditions. Rows past n in the last tile are not compared: a
 * native module writes them, the interpreter does not. */
const char *batch_differs(const struct zi_module *d, const struct batch *a, const struct batch *b,
                          bool explain);
/* Input `i` of unit `row`: missing from now on; whether it is answered; its value (a scale label's value), 0
 * when missing. */
void batch_unset(struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row);
bool batch_has(const struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row);
double batch_get(const struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row);

/* Fills the batch with random units from `seed`: every kind of answer, missing answers, edge values (range
 * ends, the survey thresholds, zero denominators), units with every answer at its best, and units at their
 * best but for a few answers (which land near the thresholds). */
void batch_random(struct batch *b, const struct zi_module *d, uint64_t seed);

#endif
