/* interp.c — the reference interpreter. Deliberately plain: one unit at a time, one operation at a time, in
 * program order. Compiled with -ffp-contract=off (CMakeLists.txt) so that a * b + c is two roundings, as in
 * the native module. */
#include "interp.h"

#include <string.h>

double zi_op_apply(enum zi_opcode code, double a, double b, double c)
{
    switch (code) {
    case ZI_OPC_ADD:
        return a + b;
    case ZI_OPC_SUB:
        return a - b;
    case ZI_OPC_MUL:
        return a * b;
    case ZI_OPC_DIV:
        return b == 0 ? 0 : a / b;
    case ZI_OPC_MIN:
        return a < b ? a : b;
    case ZI_OPC_MAX:
        return a > b ? a : b;
    case ZI_OPC_NEG:
        return -a;
    case ZI_OPC_ABS:
        return a < 0 ? -a : a;
    case ZI_OPC_GE:
        return a - b >= -ZI_COMPARE_EPSILON;
    case ZI_OPC_GT:
        return a - b > ZI_COMPARE_EPSILON;
    case ZI_OPC_LE:
        return a - b <= ZI_COMPARE_EPSILON;
    case ZI_OPC_LT:
        return a - b < -ZI_COMPARE_EPSILON;
    case ZI_OPC_EQ: {
        double d = a - b;
        return d <= ZI_COMPARE_EPSILON && d >= -ZI_COMPARE_EPSILON;
    }
    case ZI_OPC_NE: {
        double d = a - b;
        return d > ZI_COMPARE_EPSILON || d < -ZI_COMPARE_EPSILON;
    }
    case ZI_OPC_AND:
        return a != 0 && b != 0;
    case ZI_OPC_OR:
        return a != 0 || b != 0;
    case ZI_OPC_NOT:
        return a == 0;
    case ZI_OPC_SELECT:
        return a != 0 ? b : c;
    case ZI_OPC_BOOL_TO_NUMBER:
        return a != 0 ? 1 : 0;
    default: /* CONST, INPUT and PRESENT have no operands: the caller handles them */
        return 0;
    }
}

/* The value of input `i` for unit `row`: a scale label's value, a number, +0 when absent (zi/module.h). */
static double input_value(const struct zi_module *d, const struct zi_input_desc *in, uint64_t row,
                          const uint8_t *codes, const double *numbers)
{
    if (zi_input_has_labels(in->kind)) {
        uint8_t code = codes[zi_tile_index(row, in->column, d->n_code_columns)];
        return code ? in->labels[code - 1].value : 0;
    }
    double x = numbers[zi_tile_index(row, in->column, d->n_number_columns)];
    return x == x ? x : 0;
}

static bool input_present(const struct zi_module *d, const struct zi_input_desc *in, uint64_t row,
                          const uint8_t *codes, const double *numbers)
{
    if (zi_input_has_labels(in->kind)) return codes[zi_tile_index(row, in->column, d->n_code_columns)] != 0;
    double x = numbers[zi_tile_index(row, in->column, d->n_number_columns)];
    return x == x;
}

/* Runs the program for unit `row`; leaves every operation's value in `v`. */
static void run(const struct zi_model *m, double *v, uint64_t row, const uint8_t *codes,
                const double *numbers)
{
    const struct zi_module *d = &m->descriptor;
    const struct zi_input_desc *inputs = d->inputs;
    for (uint32_t i = 0; i < m->n_ops; i++) {
        const struct zi_op *op = &m->ops[i];
        switch (op->code) {
        case ZI_OPC_CONST:
            v[i] = op->value;
            break;
        case ZI_OPC_INPUT:
            v[i] = input_value(d, &inputs[op->index], row, codes, numbers);
            break;
        case ZI_OPC_PRESENT:
            v[i] = input_present(d, &inputs[op->index], row, codes, numbers);
            break;
        default:
            v[i] = zi_op_apply(op->code, v[op->a], v[op->b], v[op->c]);
            break;
        }
    }
}

/* Both entry points: explaining when lhs and rhs are given. */
static void score(const struct zi_model *m, double *v, uint64_t n, const uint8_t *codes,
                  const double *numbers, double *outputs, int32_t *verdict, uint64_t *failed,
                  uint64_t *unknown, double *lhs, double *rhs)
{
    const struct zi_module *d = &m->descriptor;
    for (uint64_t row = 0; row < n; row++) {
        run(m, v, row, codes, numbers);
        for (uint32_t o = 0; o < d->n_outputs; o++)
            if (lhs || d->outputs[o].kind != ZI_OUTPUT_ITEM)
                outputs[zi_tile_index(row, o, d->n_outputs)] = v[m->outputs[o]];
        for (uint32_t w = 0; w < d->n_failed_words; w++)
            failed[zi_tile_index(row, w, d->n_failed_words)] =
                unknown[zi_tile_index(row, w, d->n_failed_words)] = 0;
        bool withheld = m->incomplete != ZI_MODEL_NONE && v[m->incomplete] != 0;
        for (uint32_t c = 0; c < d->n_conditions; c++) {
            if (lhs) {
                lhs[zi_tile_index(row, c, d->n_conditions)] = v[m->conditions[c].lhs];
                rhs[zi_tile_index(row, c, d->n_conditions)] = v[m->conditions[c].rhs];
            }
            uint64_t bit = (uint64_t)1 << (c % 64);
            uint32_t known = m->conditions[c].known;
            if (known != ZI_MODEL_NONE && v[known] == 0) {
                unknown[zi_tile_index(row, c / 64, d->n_failed_words)] |= bit;
                failed[zi_tile_index(row, c / 64, d->n_failed_words)] |= bit;
                continue;
            }
            if (v[m->conditions[c].holds] != 0) continue;
            failed[zi_tile_index(row, c / 64, d->n_failed_words)] |= bit;
            withheld |= d->conditions[c].role == ZI_CONDITION_REQUIRE;
        }
        int32_t chosen = (int32_t)d->n_verdicts - 1; /* the fallback */
        for (uint32_t k = 0; k + 1 < d->n_verdicts; k++) {
            const struct zi_verdict_desc *vd = &d->verdicts[k];
            bool holds = true;
            for (uint32_t c = vd->first_condition; c < vd->first_condition + vd->n_conditions; c++)
                holds = holds && v[m->conditions[c].holds] != 0;
            if (holds) {
                chosen = (int32_t)k;
                break;
            }
        }
        verdict[row] = withheld ? ZI_VERDICT_NONE : chosen;
    }
}

void zi_interp_score_batch(const struct zi_model *m, double *v, uint64_t n, const uint8_t *codes,
                           const double *numbers, double *outputs, int32_t *verdict, uint64_t *failed,
                           uint64_t *unknown)
{
    score(m, v, n, codes, numbers, outputs, verdict, failed, unknown, NULL, NULL);
}

void zi_interp_explain_batch(const struct zi_model *m, double *v, uint64_t n, const uint8_t *codes,
                             const double *numbers, double *outputs, int32_t *verdict, uint64_t *failed,
                             uint64_t *unknown, double *lhs, double *rhs)
{
    score(m, v, n, codes, numbers, outputs, verdict, failed, unknown, lhs, rhs);
}
