/* model.h — the resolved criteria: what both back ends consume, never the AST.
 *
 * The checked AST is lowered to a straight-line program over one unit: a sequence of operations in SSA form
 * (each reads earlier operations' results), plus which operation is each output and each condition. The
 * reference interpreter (interp.c) executes it one unit at a time; the code generator (codegen.c) emits the
 * same operations in the same order inside a loop over units. Both therefore round identically, which is
 * what makes their results equal bit for bit (docs/language.md §5).
 *
 * The model also carries the module descriptor (struct zi_module of zi/module.h) built in memory: names,
 * titles, scales, weights and condition texts, so the interpreter-backed and the native modules describe
 * themselves identically. Everything lives in the compilation's arena. */
#ifndef ZI_MODEL_H
#define ZI_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "zi/module.h"

enum zi_opcode {
    ZI_OPC_CONST,   /* number */
    ZI_OPC_INPUT,   /* the value of input `index` (0 when absent) */
    ZI_OPC_PRESENT, /* boolean: input `index` was answered */
    ZI_OPC_ADD,
    ZI_OPC_SUB,
    ZI_OPC_MUL,
    ZI_OPC_DIV, /* a / b, and 0 when b == 0 exactly */
    ZI_OPC_MIN, /* a < b ? a : b */
    ZI_OPC_MAX, /* a > b ? a : b */
    ZI_OPC_NEG,
    ZI_OPC_ABS, /* a < 0 ? -a : a */
    ZI_OPC_GE,  /* booleans: a - b >= -eps, and so on (docs/language.md §5) */
    ZI_OPC_GT,
    ZI_OPC_LE,
    ZI_OPC_LT,
    ZI_OPC_EQ,
    ZI_OPC_NE,
    ZI_OPC_AND, /* booleans */
    ZI_OPC_OR,
    ZI_OPC_NOT,
    ZI_OPC_SELECT,         /* a ? b : c, a boolean */
    ZI_OPC_BOOL_TO_NUMBER, /* 1 or 0, for a let or condition operand that is a boolean */
};

/* The tolerance of comparisons, as a double both back ends use verbatim. */
#define ZI_COMPARE_EPSILON 1e-9

struct zi_op {
    enum zi_opcode code;
    bool is_bool;     /* the result is a boolean */
    uint32_t a, b, c; /* operand operations */
    uint32_t index;   /* ZI_OPC_INPUT, ZI_OPC_PRESENT */
    double value;     /* ZI_OPC_CONST */
};

struct zi_model_condition {
    uint32_t holds; /* boolean operation: the condition holds (a require rule: holds or does not apply) */
    uint32_t lhs,
        rhs;        /* number operations shown by --explain (for a boolean condition: holds as 1/0, and 1) */
    uint32_t known; /* boolean operation: the condition could be decided (every fact it reads is given);
                     * ZI_MODEL_NONE when it always can (it reads no fact) */
};

struct zi_model {
    struct zi_op *ops;
    uint32_t n_ops;
    uint32_t *outputs;                     /* operation of each output, in descriptor order */
    struct zi_model_condition *conditions; /* in descriptor order (zi/module.h) */
    uint32_t incomplete; /* boolean: an item whose missing policy is `error` is missing; UINT32_MAX if none */
    struct zi_module descriptor; /* the in-memory descriptor; function pointers NULL */
    /* Where each input, output, condition and verdict of the descriptor was written, as spans of the
     * compilation's source text (zi_source_file_at tells which file of an `extends` chain): for the tools
     * that point people at the criteria (zic diff). The members of an `all` condition share its span;
     * `total` has the criteria's. */
    struct zi_span *input_spans, *output_spans, *condition_spans, *verdict_spans;
};

#define ZI_MODEL_NONE UINT32_MAX

/* Lowers a checked criteria (zi_check returned true) to a model in `arena`; `source` gives condition texts
 * and the provenance hash, `compiler_version` goes into the descriptor ("zic 0.1.0 (LLVM 14.0.6)"). The
 * descriptor's checksum is computed; its function pointers are left NULL. */
struct zi_model *zi_model_lower(struct zi_criteria *criteria, const struct zi_source *source,
                                const char *compiler_version, struct zi_arena *arena);

#endif
