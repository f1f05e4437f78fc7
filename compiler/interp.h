/* interp.h — the reference interpreter: the executable definition of what a criteria file means. It runs the
 * model's program one unit at a time with plain C doubles; the native module must agree with it bit for bit.
 * Also used by the model to fold constants, so folding cannot change a result either. */
#ifndef ZI_INTERP_H
#define ZI_INTERP_H

#include <stdint.h>

#include "model.h"

/* The result of one operation on operand values (booleans are 1.0 / 0.0). */
double zi_op_apply(enum zi_opcode code, double a, double b, double c);

/* Scores n units, with the same buffers and layout as a module's score_batch (zi/module.h): every output but
 * the items, verdicts, failure and unknown bits. `scratch` must hold model->n_ops doubles; allocates nothing.
 */
void zi_interp_score_batch(const struct zi_model *model, double *scratch, uint64_t n, const uint8_t *codes,
                           const double *numbers, double *outputs, int32_t *verdict, uint64_t *failed,
                           uint64_t *unknown);

/* The same as a module's explain_batch: what zi_interp_score_batch writes, the items, and the operands. */
void zi_interp_explain_batch(const struct zi_model *model, double *scratch, uint64_t n, const uint8_t *codes,
                             const double *numbers, double *outputs, int32_t *verdict, uint64_t *failed,
                             uint64_t *unknown, double *lhs, double *rhs);

#endif
