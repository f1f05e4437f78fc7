/* codegen.c — LLVM IR for a scoring module: the two batch entry points and the constant descriptor.
 *
 * The entry points are one loop over units whose body is the model's program, operation by operation, in
 * the model's order: the same IEEE operations as the interpreter performs (no fast-math flags, no fused
 * multiply-add), so both give identical bits. The loop reads columns with unit stride and its pointers are
 * noalias, which lets the loop vectoriser process several units per instruction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>

#include "codegen_internal.h"
#include "zi/runtime.h"

struct gen {
    LLVMContextRef ctx;
    LLVMModuleRef mod;
    LLVMBuilderRef b;
    LLVMTypeRef f64, i1, i8, i32, i64, ptr;
    const struct zi_model *model;
    const struct zi_codegen_level *levels;
    unsigned n_levels;
    uint32_t *order; /* the operations the entry needs, in the order they are generated (schedule_live) */
    uint32_t n_order;
    uint32_t *first_output; /* per operation: the first output it is the value of, or ZI_MODEL_NONE */
    uint32_t *next_output;  /* per output: the next output of the same operation, or ZI_MODEL_NONE */
    LLVMValueRef *loaded;   /* per input: its column loaded in this iteration, or NULL */
};

static LLVMValueRef f64_const(struct gen *g, double v)
{
    return LLVMConstReal(g->f64, v);
}

/* The loop over units takes a CPU level's lanes units at a time in vector registers, performing exactly the
 * interpreter's operations element by element: a vector lane is just another unit. Vectorising here rather
 * than leaving it to LLVM's loop vectoriser is deliberate: with dozens of columns of one buffer, the
 * vectoriser cannot prove the columns apart and gives up. */
enum { ZI_MAX_LANES = 16 };

struct lanes {
    unsigned width;
    LLVMTypeRef f64, i1, i8, i32, i64;
    /* A label's number compared as a double rather than a byte. Without SSE4.1 (the x86-64 baseline), a byte
     * comparison's mask must be widened to the doubles' lanes by three shuffles for every label, and a select
     * is three instructions more; converting the byte once per input and comparing doubles gives the mask
     * at the right width. The same labels are picked, so the same bits come out. */
    bool codes_as_doubles;
};

static void lanes_init(struct gen *g, struct lanes *l, unsigned width)
{
    l->width = width;
    l->f64 = width == 1 ? g->f64 : LLVMVectorType(g->f64, width);
    l->i1 = width == 1 ? g->i1 : LLVMVectorType(g->i1, width);
    l->i8 = width == 1 ? g->i8 : LLVMVectorType(g->i8, width);
    l->i32 = width == 1 ? g->i32 : LLVMVectorType(g->i32, width);
    l->i64 = width == 1 ? g->i64 : LLVMVectorType(g->i64, width);
    l->codes_as_doubles = false;
}

static LLVMValueRef splat(const struct lanes *l, LLVMValueRef scalar)
{
    if (l->width == 1) return scalar;
    LLVMValueRef elements[ZI_MAX_LANES];
    for (unsigned k = 0; k < l->width; k++)
        elements[k] = scalar;
    return LLVMConstVector(elements, l->width);
}

static LLVMValueRef lane_f64(struct gen *g, const struct lanes *l, double v)
{
    return splat(l, f64_const(g, v));
}

static LLVMValueRef lane_int(const struct lanes *l, LLVMTypeRef scalar_type, long long v)
{
    return splat(l, LLVMConstInt(scalar_type, (unsigned long long)v, 1));
}

/* A buffer parameter (i8*) as a typed pointer to the first element of the tile that starts at unit `start`
 * (a multiple of ZI_TILE): element start * n_columns, since whole tiles precede it (zi/module.h). */
static LLVMValueRef tile_base(struct gen *g, LLVMTypeRef scalar, LLVMValueRef param, LLVMValueRef start,
                              uint32_t n_columns)
{
    /* LLVM 14's pointers are typed: view the i8* parameter as a pointer to `scalar` (a no-op on LLVM 19). */
    LLVMValueRef typed = LLVMBuildPointerCast(g->b, param, LLVMPointerType(scalar, 0), "");
    LLVMValueRef offset = LLVMBuildMul(g->b, start, LLVMConstInt(g->i64, n_columns, 0), "");
    return LLVMBuildInBoundsGEP2(g->b, scalar, typed, &offset, 1, "");
}

/* Units [r, r + width) of column `column` of a tile, as a pointer to a lane value: a constant offset from the
 * tile's base plus the unit, so one register per buffer addresses every column. */
static LLVMValueRef lane_address(struct gen *g, LLVMTypeRef scalar, LLVMTypeRef lane, LLVMValueRef base,
                                 uint32_t column, LLVMValueRef r)
{
    LLVMValueRef index = LLVMBuildNUWAdd(g->b, LLVMConstInt(g->i64, (uint64_t)column * ZI_TILE, 0), r, "");
    LLVMValueRef p = LLVMBuildInBoundsGEP2(g->b, scalar, base, &index, 1, "");
    return lane == scalar ? p : LLVMBuildPointerCast(g->b, p, LLVMPointerType(lane, 0), "");
}

static unsigned scalar_size(struct gen *g, LLVMTypeRef scalar)
{
    return (unsigned)LLVMABISizeOfType(LLVMGetModuleDataLayout(g->mod), scalar);
}

static LLVMValueRef load(struct gen *g, LLVMTypeRef scalar, LLVMTypeRef lane, LLVMValueRef base,
                         uint32_t column, LLVMValueRef r)
{
    LLVMValueRef v = LLVMBuildLoad2(g->b, lane, lane_address(g, scalar, lane, base, column, r), "");
    LLVMSetAlignment(v, scalar_size(g, scalar));
    return v;
}

static void store(struct gen *g, LLVMTypeRef scalar, LLVMTypeRef lane, LLVMValueRef value, LLVMValueRef base,
                  uint32_t column, LLVMValueRef r)
{
    LLVMValueRef s = LLVMBuildStore(g->b, value, lane_address(g, scalar, lane, base, column, r));
    LLVMSetAlignment(s, scalar_size(g, scalar));
}

static LLVMValueRef select_if(struct gen *g, LLVMRealPredicate pred, LLVMValueRef a, LLVMValueRef b)
{
    return LLVMBuildSelect(g->b, LLVMBuildFCmp(g->b, pred, a, b, ""), a, b, "");
}

/* The buffers of the tile being scored: typed pointers to each one's first element in the tile. */
struct tile {
    LLVMValueRef codes, numbers, outputs, verdict, failed, unknown, lhs, rhs;
};

/* A scale input's value: the value of the label numbered `code` (1-based), +0 for 0 (absent). A chain of
 * selects rather than a table load, so that it stays in vector registers; labels worth +0 need no link. */
static LLVMValueRef scale_value(struct gen *g, const struct lanes *l, const struct zi_input_desc *in,
                                LLVMValueRef code)
{
    LLVMValueRef value = lane_f64(g, l, 0);
    for (uint32_t k = 0; k < in->n_labels; k++) {
        double v = in->labels[k].value;
        if (v == 0 && !signbit(v)) continue;
        LLVMValueRef is_k = l->codes_as_doubles
                                ? LLVMBuildFCmp(g->b, LLVMRealOEQ, code, lane_f64(g, l, k + 1), "")
                                : LLVMBuildICmp(g->b, LLVMIntEQ, code, lane_int(l, g->i8, k + 1), "");
        value = LLVMBuildSelect(g->b, is_k, lane_f64(g, l, v), value, "");
    }
    return value;
}

/* One operation of the model; mirrors zi_op_apply in interp.c case by case. */
static LLVMValueRef gen_op(struct gen *g, const struct lanes *l, const struct zi_op *op, LLVMValueRef *v,
                           const struct tile *t, LLVMValueRef row)
{
    LLVMValueRef a = v[op->a], b = v[op->b], c = v[op->c];
    switch (op->code) {
    case ZI_OPC_CONST:
        return op->is_bool ? lane_int(l, g->i1, op->value != 0) : lane_f64(g, l, op->value);
    case ZI_OPC_INPUT:
    case ZI_OPC_PRESENT: {
        const struct zi_input_desc *in = &g->model->descriptor.inputs[op->index];
        LLVMValueRef *loaded = &g->loaded[op->index]; /* the value and the presence share one load */
        if (zi_input_has_labels(in->kind)) {
            if (!*loaded) {
                *loaded = load(g, g->i8, l->i8, t->codes, in->column, row);
                if (l->codes_as_doubles) *loaded = LLVMBuildUIToFP(g->b, *loaded, l->f64, "");
            }
            LLVMValueRef code = *loaded;
            if (op->code == ZI_OPC_PRESENT)
                return l->codes_as_doubles ? LLVMBuildFCmp(g->b, LLVMRealONE, code, lane_f64(g, l, 0), "")
                                           : LLVMBuildICmp(g->b, LLVMIntNE, code, lane_int(l, g->i8, 0), "");
            return scale_value(g, l, in, code);
        }
        /* A number: NaN when absent, the one value not equal to itself. */
        if (!*loaded) *loaded = load(g, g->f64, l->f64, t->numbers, in->column, row);
        LLVMValueRef x = *loaded;
        LLVMValueRef answered = LLVMBuildFCmp(g->b, LLVMRealORD, x, x, "");
        if (op->code == ZI_OPC_PRESENT) return answered;
        return LLVMBuildSelect(g->b, answered, x, lane_f64(g, l, 0), "");
    }
    case ZI_OPC_ADD:
        return LLVMBuildFAdd(g->b, a, b, "");
    case ZI_OPC_SUB:
        return LLVMBuildFSub(g->b, a, b, "");
    case ZI_OPC_MUL:
        return LLVMBuildFMul(g->b, a, b, "");
    case ZI_OPC_DIV: {
        const struct zi_op *divisor = &g->model->ops[op->b];
        if (divisor->code == ZI_OPC_CONST && divisor->value != 0) /* a mean's count: no zero to test */
            return LLVMBuildFDiv(g->b, a, b, "");
        LLVMValueRef zero = lane_f64(g, l, 0);
        LLVMValueRef is_zero = LLVMBuildFCmp(g->b, LLVMRealOEQ, b, zero, "");
        return LLVMBuildSelect(g->b, is_zero, zero, LLVMBuildFDiv(g->b, a, b, ""), "");
    }
    case ZI_OPC_MIN:
        return select_if(g, LLVMRealOLT, a, b);
    case ZI_OPC_MAX:
        return select_if(g, LLVMRealOGT, a, b);
    case ZI_OPC_NEG:
        return LLVMBuildFNeg(g->b, a, "");
    case ZI_OPC_ABS: {
        LLVMValueRef negative = LLVMBuildFCmp(g->b, LLVMRealOLT, a, lane_f64(g, l, 0), "");
        return LLVMBuildSelect(g->b, negative, LLVMBuildFNeg(g->b, a, ""), a, "");
    }
    case ZI_OPC_GE:
    case ZI_OPC_GT:
    case ZI_OPC_LE:
    case ZI_OPC_LT:
    case ZI_OPC_EQ:
    case ZI_OPC_NE: {
        LLVMValueRef d = LLVMBuildFSub(g->b, a, b, "");
        LLVMValueRef eps = lane_f64(g, l, ZI_COMPARE_EPSILON), neg_eps = lane_f64(g, l, -ZI_COMPARE_EPSILON);
        switch (op->code) {
        case ZI_OPC_GE:
            return LLVMBuildFCmp(g->b, LLVMRealOGE, d, neg_eps, "");
        case ZI_OPC_GT:
            return LLVMBuildFCmp(g->b, LLVMRealOGT, d, eps, "");
        case ZI_OPC_LE:
            return LLVMBuildFCmp(g->b, LLVMRealOLE, d, eps, "");
        case ZI_OPC_LT:
            return LLVMBuildFCmp(g->b, LLVMRealOLT, d, neg_eps, "");
        case ZI_OPC_EQ:
            return LLVMBuildAnd(g->b, LLVMBuildFCmp(g->b, LLVMRealOLE, d, eps, ""),
                                LLVMBuildFCmp(g->b, LLVMRealOGE, d, neg_eps, ""), "");
        default:
            return LLVMBuildOr(g->b, LLVMBuildFCmp(g->b, LLVMRealOGT, d, eps, ""),
                               LLVMBuildFCmp(g->b, LLVMRealOLT, d, neg_eps, ""), "");
        }
    }
    case ZI_OPC_AND:
        return LLVMBuildAnd(g->b, a, b, "");
    case ZI_OPC_OR:
        return LLVMBuildOr(g->b, a, b, "");
    case ZI_OPC_NOT:
        return LLVMBuildNot(g->b, a, "");
    case ZI_OPC_SELECT:
        return LLVMBuildSelect(g->b, a, b, c, "");
    case ZI_OPC_BOOL_TO_NUMBER:
        return LLVMBuildUIToFP(g->b, a, l->f64, "");
    }
    return lane_f64(g, l, 0);
}

enum entry_kind { ENTRY_SCORE, ENTRY_EXPLAIN };

/* On x86-64, LLVM sign-extends a 2-lane presence mask with punpcklwd into a register it has not written
 * yet, then psrad shifts that register's own bits out: the result never depends on them, but valgrind's
 * memcheck cannot see that and reports every score as uninitialised when the caller left the register
 * undefined. Zeroing the vector registers on entry (sixteen instructions per batch) makes the function's
 * inputs its arguments alone, for valgrind as for the hardware. */
static void clear_vector_registers(struct gen *g, bool avx)
{
    if (strncmp(LLVMGetTarget(g->mod), "x86_64", 6) != 0) return;
    /* With AVX, one VEX instruction clears all sixteen (and their upper halves: no SSE/AVX transition). */
    char code[] =
        "xorps %xmm0, %xmm0\n\txorps %xmm1, %xmm1\n\txorps %xmm2, %xmm2\n\txorps %xmm3, %xmm3\n\t"
        "xorps %xmm4, %xmm4\n\txorps %xmm5, %xmm5\n\txorps %xmm6, %xmm6\n\txorps %xmm7, %xmm7\n\t"
        "xorps %xmm8, %xmm8\n\txorps %xmm9, %xmm9\n\txorps %xmm10, %xmm10\n\txorps %xmm11, %xmm11\n\t"
        "xorps %xmm12, %xmm12\n\txorps %xmm13, %xmm13\n\txorps %xmm14, %xmm14\n\txorps %xmm15, %xmm15";
    if (avx) strcpy(code, "vzeroall");
    char constraints[] =
        "~{xmm0},~{xmm1},~{xmm2},~{xmm3},~{xmm4},~{xmm5},~{xmm6},~{xmm7},~{xmm8},~{xmm9},~{xmm10},"
        "~{xmm11},~{xmm12},~{xmm13},~{xmm14},~{xmm15}";
    LLVMTypeRef type = LLVMFunctionType(LLVMVoidTypeInContext(g->ctx), NULL, 0, 0);
    /* LLVM 14 takes `char *`, 19 `const char *`: mutable arrays suit both. */
    LLVMValueRef asm_value = LLVMGetInlineAsm(type, code, strlen(code), constraints, strlen(constraints), 1,
                                              0, LLVMInlineAsmDialectATT, 0);
    LLVMBuildCall2(g->b, type, asm_value, NULL, 0, "");
}

/* The body of the loop for the units [row, row + width): the program, then the stores. */
static void gen_body(struct gen *g, enum entry_kind kind, const struct lanes *l, const struct tile *t,
                     LLVMValueRef *v, LLVMValueRef row)
{
    const struct zi_model *m = g->model;
    const struct zi_module *d = &m->descriptor;
    memset(g->loaded, 0, d->n_inputs * sizeof *g->loaded);
    for (uint32_t k = 0; k < g->n_order; k++) {
        uint32_t i = g->order[k];
        v[i] = gen_op(g, l, &m->ops[i], v, t, row);
        /* Stored as soon as computed, so that an output no later operation reads is not held in a register
         * (or spilled to the stack) until the end of the body. */
        for (uint32_t o = g->first_output[i]; o != ZI_MODEL_NONE; o = g->next_output[o]) {
            LLVMValueRef value = v[i];
            if (LLVMTypeOf(value) != l->f64) value = LLVMBuildUIToFP(g->b, value, l->f64, "");
            store(g, g->f64, l->f64, value, t->outputs, o, row);
        }
    }
    if (kind == ENTRY_EXPLAIN) {
        for (uint32_t c = 0; c < d->n_conditions; c++) {
            store(g, g->f64, l->f64, v[m->conditions[c].lhs], t->lhs, c, row);
            store(g, g->f64, l->f64, v[m->conditions[c].rhs], t->rhs, c, row);
        }
    }
    LLVMValueRef withheld = m->incomplete != ZI_MODEL_NONE ? v[m->incomplete] : lane_int(l, g->i1, 0);
    for (uint32_t w = 0; w < d->n_failed_words; w++) {
        LLVMValueRef bits = lane_int(l, g->i64, 0), unknown_bits = lane_int(l, g->i64, 0);
        for (uint32_t c = w * 64; c < d->n_conditions && c < (w + 1) * 64; c++) {
            LLVMValueRef fails = LLVMBuildNot(g->b, v[m->conditions[c].holds], "");
            if (m->conditions[c].known != ZI_MODEL_NONE) {
                /* Undecided: unknown, and failed too (a condition not known to hold does not hold). */
                LLVMValueRef undecided = LLVMBuildNot(g->b, v[m->conditions[c].known], "");
                fails = LLVMBuildOr(g->b, fails, undecided, "");
                unknown_bits = LLVMBuildOr(g->b, unknown_bits,
                                           LLVMBuildShl(g->b, LLVMBuildZExt(g->b, undecided, l->i64, ""),
                                                        lane_int(l, g->i64, c % 64), ""),
                                           "");
            }
            LLVMValueRef bit =
                LLVMBuildShl(g->b, LLVMBuildZExt(g->b, fails, l->i64, ""), lane_int(l, g->i64, c % 64), "");
            bits = LLVMBuildOr(g->b, bits, bit, "");
            if (d->conditions[c].role == ZI_CONDITION_REQUIRE)
                withheld = LLVMBuildOr(g->b, withheld, fails, "");
        }
        store(g, g->i64, l->i64, bits, t->failed, w, row);
        store(g, g->i64, l->i64, unknown_bits, t->unknown, w, row);
    }
    /* The first verdict whose conditions all hold, else the fallback; none when withheld. */
    LLVMValueRef chosen = lane_int(l, g->i32, (long long)d->n_verdicts - 1);
    for (uint32_t k = d->n_verdicts - 1; k-- > 0;) {
        const struct zi_verdict_desc *vd = &d->verdicts[k];
        LLVMValueRef all = lane_int(l, g->i1, 1);
        for (uint32_t c = vd->first_condition; c < vd->first_condition + vd->n_conditions; c++)
            all = LLVMBuildAnd(g->b, all, v[m->conditions[c].holds], "");
        chosen = LLVMBuildSelect(g->b, all, lane_int(l, g->i32, k), chosen, "");
    }
    chosen = LLVMBuildSelect(g->b, withheld, lane_int(l, g->i32, ZI_VERDICT_NONE), chosen, "");
    store(g, g->i32, l->i32, chosen, t->verdict, 0, row);
}

/* Appends `root` and what it reads that is not yet placed to g->order, depth first: each operation after its
 * operands (a, then b, then c), so each value is computed just before its first reader. `placed` marks what
 * is in the order; `stack` has room for every operation. Only unplaced operations are pushed, and one cannot
 * be pushed while it waits lower on the stack (it would read itself: operands precede their readers), so each
 * is placed once, when it leaves the stack. */
static void place(struct gen *g, uint32_t root, bool *placed, uint32_t *stack)
{
    const struct zi_op *ops = g->model->ops;
    uint32_t depth = 0;
    if (placed[root]) return;
    stack[depth++] = root;
    while (depth) {
        uint32_t i = stack[depth - 1];
        const struct zi_op *op = &ops[i];
        uint32_t pending = ZI_MODEL_NONE;
        if (op->code != ZI_OPC_CONST && op->code != ZI_OPC_INPUT && op->code != ZI_OPC_PRESENT) {
            uint32_t operands[3] = {op->a, op->b, op->c};
            for (int k = 0; k < 3 && pending == ZI_MODEL_NONE; k++)
                if (!placed[operands[k]]) pending = operands[k];
        }
        if (pending != ZI_MODEL_NONE) {
            stack[depth++] = pending;
            continue;
        }
        depth--;
        placed[i] = true;
        g->order[g->n_order++] = i;
    }
}

/* Which operations an entry point computes, and in what order: those its stores read and what they read in
 * turn (score_batch stores no item, so an item's points, and anything only they use, are never computed
 * there), depth first from what it stores, in the order it stores them. The model's own order computes every
 * item's points before the first sum reads one, which keeps a hundred vectors alive at once; this order keeps
 * a sum and the item being added. Any order in which operands precede their readers gives the same bits: each
 * operation is a pure function of its operands. Also links each operation to the outputs it is the value of,
 * which gen_body stores as soon as computed. */
static void schedule_live(struct gen *g, enum entry_kind kind)
{
    const struct zi_model *m = g->model;
    const struct zi_module *d = &m->descriptor;
    bool *placed = calloc(m->n_ops + 1, sizeof *placed);
    uint32_t *stack = calloc(m->n_ops + 1, sizeof *stack);
    if (!placed || !stack) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    g->n_order = 0;
    for (uint32_t i = 0; i < m->n_ops; i++)
        g->first_output[i] = ZI_MODEL_NONE;
    for (uint32_t o = d->n_outputs; o-- > 0;) {
        g->next_output[o] = ZI_MODEL_NONE;
        if (kind == ENTRY_SCORE && d->outputs[o].kind == ZI_OUTPUT_ITEM) continue;
        g->next_output[o] = g->first_output[m->outputs[o]];
        g->first_output[m->outputs[o]] = o;
    }
    for (uint32_t o = 0; o < d->n_outputs; o++)
        if (kind == ENTRY_EXPLAIN || d->outputs[o].kind != ZI_OUTPUT_ITEM)
            place(g, m->outputs[o], placed, stack);
    for (uint32_t c = 0; c < d->n_conditions; c++) {
        if (kind == ENTRY_EXPLAIN) {
            place(g, m->conditions[c].lhs, placed, stack);
            place(g, m->conditions[c].rhs, placed, stack);
        }
        place(g, m->conditions[c].holds, placed, stack);
        if (m->conditions[c].known != ZI_MODEL_NONE) place(g, m->conditions[c].known, placed, stack);
    }
    if (m->incomplete != ZI_MODEL_NONE) place(g, m->incomplete, placed, stack);
    free(placed);
    free(stack);
}

/* A counted loop from `start` (a value of block `from`) to `end` by `step`, whose body gen_body fills.
 * Leaves the builder at the end of block `exit`. */
static void gen_loop(struct gen *g, LLVMValueRef fn, enum entry_kind kind, const struct lanes *l,
                     const struct tile *t, LLVMValueRef *v, LLVMValueRef start, LLVMValueRef end,
                     LLVMBasicBlockRef exit)
{
    LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
    LLVMBasicBlockRef body = LLVMAppendBasicBlockInContext(g->ctx, fn, "lanes");
    LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, start, end, ""), exit, body);
    LLVMPositionBuilderAtEnd(g->b, body);
    LLVMValueRef row = LLVMBuildPhi(g->b, g->i64, "row");
    gen_body(g, kind, l, t, v, row);
    LLVMValueRef next = LLVMBuildNUWAdd(g->b, row, LLVMConstInt(g->i64, l->width, 0), "next");
    LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, next, end, ""), exit, body);
    LLVMBasicBlockRef blocks[2] = {from, LLVMGetInsertBlock(g->b)};
    LLVMValueRef incoming[2] = {start, next};
    LLVMAddIncoming(row, incoming, blocks, 2);
    LLVMPositionBuilderAtEnd(g->b, exit);
}

/* void score_batch(i64 n, ptr codes, ptr numbers, ptr outputs, ptr verdict, ptr failed, ptr unknown)
 * void explain_batch(i64 n, ptr codes, ptr numbers, ptr outputs, ptr verdict, ptr failed, ptr unknown,
 *                    ptr lhs, ptr rhs)
 */
/* The entry point's function, without a body. `shared`: it is defined in one half of a split build and used
 * in the other (codegen_internal.h), so it links by name — hidden, never exported from the shared object. */
static LLVMValueRef declare_entry(struct gen *g, enum entry_kind kind, bool shared, unsigned level)
{
    LLVMTypeRef params[9] = {g->i64, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr};
    unsigned n_params = kind == ENTRY_SCORE ? 7 : 9;
    LLVMTypeRef fn_type = LLVMFunctionType(LLVMVoidTypeInContext(g->ctx), params, n_params, 0);
    char name[32] = "zi_explain_batch";
    if (kind == ENTRY_SCORE) snprintf(name, sizeof name, "zi_score_batch_%u", level);
    LLVMValueRef fn = LLVMAddFunction(g->mod, name, fn_type);
    LLVMSetLinkage(fn, shared ? LLVMExternalLinkage : LLVMInternalLinkage);
    if (shared) LLVMSetVisibility(fn, LLVMHiddenVisibility);
    return fn;
}

static void add_string_attribute(struct gen *g, LLVMValueRef fn, const char *key, const char *value)
{
    LLVMAddAttributeAtIndex(
        fn, LLVMAttributeFunctionIndex,
        LLVMCreateStringAttribute(g->ctx, key, (unsigned)strlen(key), value, (unsigned)strlen(value)));
}

/* Generates an entry point: explain_batch, or score_batch for CPU level `level`. */
static LLVMValueRef gen_entry(struct gen *g, enum entry_kind kind, bool shared, unsigned level)
{
    const struct zi_model *m = g->model;
    const struct zi_module *d = &m->descriptor;
    LLVMValueRef fn = declare_entry(g, kind, shared, level);
    const struct zi_codegen_level *cpu = &g->levels[kind == ENTRY_SCORE ? level : 0];
    if (kind == ENTRY_SCORE) {
        /* The level's CPU on the function itself: the backend compiles each function for its own CPU, so
         * one LLVM module (--emit-llvm, --emit-obj) can hold every level. */
        add_string_attribute(g, fn, "target-cpu", cpu->cpu);
        if (cpu->features[0]) add_string_attribute(g, fn, "target-features", cpu->features);
    }
    unsigned n_params = kind == ENTRY_SCORE ? 7 : 9;
    unsigned noalias = LLVMGetEnumAttributeKindForName("noalias", 7);
    unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
    for (unsigned i = 2; i <= n_params; i++)
        LLVMAddAttributeAtIndex(fn, i, LLVMCreateEnumAttribute(g->ctx, noalias, 0));
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, nounwind, 0));
    if (kind == ENTRY_EXPLAIN) {
        /* Explaining runs only on request and spends its time formatting text: not worth optimising, which
         * would double the build time (optnone requires noinline). */
        unsigned optnone = LLVMGetEnumAttributeKindForName("optnone", 7);
        unsigned noinline = LLVMGetEnumAttributeKindForName("noinline", 8);
        LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, optnone, 0));
        LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, noinline, 0));
    }

    LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(g->ctx, fn, "entry");
    LLVMPositionBuilderAtEnd(g->b, entry);
    clear_vector_registers(g, kind == ENTRY_SCORE && cpu->lanes >= 4);
    LLVMValueRef n = LLVMGetParam(fn, 0);
    LLVMValueRef *v = calloc(m->n_ops + 1, sizeof *v);
    g->loaded = calloc(d->n_inputs + 1, sizeof *g->loaded);
    g->order = calloc(m->n_ops + 1, sizeof *g->order);
    g->first_output = calloc(m->n_ops + 1, sizeof *g->first_output);
    g->next_output = calloc(d->n_outputs + 1, sizeof *g->next_output);
    if (!v || !g->loaded || !g->order || !g->first_output || !g->next_output) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    schedule_live(g, kind);
    struct lanes vector;
    lanes_init(g, &vector, kind == ENTRY_SCORE ? cpu->lanes : 1);
    /* Measured on the LKE (bench_kernel): the baseline's score loop 28 % faster, its build 6 % quicker; on
     * the AVX levels, no better. */
    vector.codes_as_doubles = kind == ENTRY_SCORE && cpu->requires == 0 && cpu->lanes == 2;

    /* for (start = 0; start < n; start += ZI_TILE): the units of one tile, a vector of units at a time. The
     * last vector of the last tile may run past n: the buffers hold whole tiles (zi/module.h), so it reads
     * and writes inside them, and one copy of the body (no scalar remainder loop) halves the code to compile.
     */
    LLVMBasicBlockRef tiles = LLVMAppendBasicBlockInContext(g->ctx, fn, "tiles");
    LLVMBasicBlockRef tile = LLVMAppendBasicBlockInContext(g->ctx, fn, "tile");
    LLVMBasicBlockRef next = LLVMAppendBasicBlockInContext(g->ctx, fn, "next");
    LLVMBasicBlockRef done = LLVMAppendBasicBlockInContext(g->ctx, fn, "done");
    LLVMBuildBr(g->b, tiles);
    LLVMPositionBuilderAtEnd(g->b, tiles);
    LLVMValueRef start = LLVMBuildPhi(g->b, g->i64, "start");
    LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntULT, start, n, ""), tile, done);

    LLVMPositionBuilderAtEnd(g->b, tile);
    struct tile t = {0};
    t.codes = tile_base(g, g->i8, LLVMGetParam(fn, 1), start, d->n_code_columns);
    t.numbers = tile_base(g, g->f64, LLVMGetParam(fn, 2), start, d->n_number_columns);
    t.outputs = tile_base(g, g->f64, LLVMGetParam(fn, 3), start, d->n_outputs);
    t.verdict = tile_base(g, g->i32, LLVMGetParam(fn, 4), start, 1);
    t.failed = tile_base(g, g->i64, LLVMGetParam(fn, 5), start, d->n_failed_words);
    t.unknown = tile_base(g, g->i64, LLVMGetParam(fn, 6), start, d->n_failed_words);
    if (kind == ENTRY_EXPLAIN) {
        t.lhs = tile_base(g, g->f64, LLVMGetParam(fn, 7), start, d->n_conditions);
        t.rhs = tile_base(g, g->f64, LLVMGetParam(fn, 8), start, d->n_conditions);
    }
    LLVMValueRef left = LLVMBuildSub(g->b, n, start, "");
    LLVMValueRef full = LLVMConstInt(g->i64, ZI_TILE, 0);
    LLVMValueRef count =
        LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntULT, left, full, ""), left, full, "count");
    LLVMValueRef rounded =
        LLVMBuildAnd(g->b, LLVMBuildNUWAdd(g->b, count, LLVMConstInt(g->i64, vector.width - 1, 0), ""),
                     LLVMConstInt(g->i64, ~(unsigned long long)(vector.width - 1), 0), "rounded");
    LLVMValueRef zero = LLVMConstInt(g->i64, 0, 0);
    gen_loop(g, fn, kind, &vector, &t, v, zero, rounded, next);
    LLVMValueRef following = LLVMBuildNUWAdd(g->b, start, full, "");
    LLVMBuildBr(g->b, tiles);
    LLVMValueRef incoming[2] = {zero, following};
    LLVMBasicBlockRef from[2] = {entry, next};
    LLVMAddIncoming(start, incoming, from, 2);

    LLVMPositionBuilderAtEnd(g->b, done);
    LLVMBuildRetVoid(g->b);
    free(v);
    free(g->loaded);
    free(g->order);
    free(g->first_output);
    free(g->next_output);
    g->loaded = NULL;
    g->order = g->first_output = g->next_output = NULL;
    return fn;
}

/* ---- the descriptor as constants -------------------------------------------------------------------------
 */

static LLVMValueRef string(struct gen *g, const char *text)
{
    if (!text) return LLVMConstNull(g->ptr);
    size_t len = strlen(text);
    LLVMValueRef init = LLVMConstStringInContext(g->ctx, text, (unsigned)len, 0);
    LLVMValueRef global = LLVMAddGlobal(g->mod, LLVMTypeOf(init), ".str");
    LLVMSetInitializer(global, init);
    LLVMSetGlobalConstant(global, 1);
    LLVMSetLinkage(global, LLVMPrivateLinkage);
    LLVMSetUnnamedAddress(global, LLVMGlobalUnnamedAddr);
    LLVMSetAlignment(global, 1);
    return LLVMConstPointerCast(global, g->ptr);
}

static LLVMValueRef i32c(struct gen *g, long long v)
{
    return LLVMConstInt(g->i32, (unsigned long long)v, 1);
}

/* A private constant array of `n` structs of `type`; returns a generic pointer to it (NULL when empty). */
static LLVMValueRef table(struct gen *g, LLVMTypeRef type, LLVMValueRef *elements, unsigned n,
                          const char *name)
{
    if (n == 0) return LLVMConstNull(g->ptr);
    LLVMValueRef init = LLVMConstArray(type, elements, n);
    LLVMValueRef global = LLVMAddGlobal(g->mod, LLVMTypeOf(init), name);
    LLVMSetInitializer(global, init);
    LLVMSetGlobalConstant(global, 1);
    LLVMSetLinkage(global, LLVMPrivateLinkage);
    return LLVMConstPointerCast(global, g->ptr);
}

static LLVMTypeRef named_struct(struct gen *g, const char *name, LLVMTypeRef *fields, unsigned n)
{
    LLVMTypeRef t = LLVMStructCreateNamed(g->ctx, name);
    LLVMStructSetBody(t, fields, n, 0);
    return t;
}

/* The descriptor tables mirror the structs of zi/module.h field by field; the loader's checksum and the
 * backend tests compare every field with the in-memory descriptor, so a layout slip cannot go unnoticed. */
static void gen_descriptor(struct gen *g, LLVMValueRef *scores, LLVMValueRef explain)
{
    /* The descriptor as the module has it: the model's, with the score levels (which the checksum covers). */
    struct zi_score_level *levels = calloc(g->n_levels, sizeof *levels);
    if (!levels) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    for (unsigned k = 0; k < g->n_levels; k++)
        levels[k] =
            (struct zi_score_level){g->levels[k].name, g->levels[k].requires, g->levels[k].lanes, NULL};
    struct zi_module with_levels = g->model->descriptor;
    with_levels.n_score_levels = g->n_levels;
    with_levels.score_levels = levels;
    with_levels.checksum = zi_module_checksum(&with_levels);
    const struct zi_module *d = &with_levels;
    LLVMTypeRef P = g->ptr, I = g->i32, D = g->f64;

    LLVMTypeRef label_f[] = {P, D, I, I};
    LLVMTypeRef label_t = named_struct(g, "zi_scale_label", label_f, 4);
    LLVMTypeRef input_f[] = {P, P, P, P, P, I, I, I, I, I, I, D, D};
    LLVMTypeRef input_t = named_struct(g, "zi_input_desc", input_f, 13);
    LLVMTypeRef output_f[] = {P, P, P, I, I, I, I, D};
    LLVMTypeRef output_t = named_struct(g, "zi_output_desc", output_f, 8);
    LLVMTypeRef cond_f[] = {P, P, P, I, I, I, I, I, D, D};
    LLVMTypeRef cond_t = named_struct(g, "zi_condition_desc", cond_f, 10);
    LLVMTypeRef verdict_f[] = {P, P, I, I, I, I, I};
    LLVMTypeRef verdict_t = named_struct(g, "zi_verdict_desc", verdict_f, 7);
    LLVMTypeRef source_f[] = {P, P};
    LLVMTypeRef source_t = named_struct(g, "zi_source_desc", source_f, 2);
    LLVMTypeRef part_f[] = {I, I};
    LLVMTypeRef part_t = named_struct(g, "zi_view_part", part_f, 2);
    LLVMTypeRef level_f[] = {P, I, I, P};
    LLVMTypeRef level_t = named_struct(g, "zi_score_level", level_f, 4);
    LLVMTypeRef module_f[] = {I, I, I, I, g->i64, P, P, P, P, P, P, I, I, I, I, I, I, I,
                              I, P, P, P, P,      I, I, P, P, P, P, I, I, P, I, I, P};
    LLVMTypeRef module_t = named_struct(g, "zi_module", module_f, 35);

    unsigned most = d->n_inputs;
    most = d->n_outputs > most ? d->n_outputs : most;
    most = d->n_conditions > most ? d->n_conditions : most;
    most = d->n_verdicts > most ? d->n_verdicts : most;
    most = d->n_sources > most ? d->n_sources : most;
    most = d->n_view_parts > most ? d->n_view_parts : most;
    most = d->n_score_levels > most ? d->n_score_levels : most;
    LLVMValueRef *rows = calloc(most + 1, sizeof *rows);
    if (!rows) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }

    for (uint32_t i = 0; i < d->n_inputs; i++) {
        const struct zi_input_desc *in = &d->inputs[i];
        LLVMValueRef *labels = calloc(in->n_labels + 1, sizeof *labels);
        if (!labels) {
            fputs("zic: out of memory\n", stderr);
            exit(2);
        }
        for (uint32_t k = 0; k < in->n_labels; k++) {
            LLVMValueRef f[] = {string(g, in->labels[k].label), f64_const(g, in->labels[k].value),
                                i32c(g, in->labels[k].printed_as), i32c(g, 0)};
            labels[k] = LLVMConstNamedStruct(label_t, f, 4);
        }
        LLVMValueRef f[] = {string(g, in->key),
                            string(g, in->item_code),
                            string(g, in->text),
                            string(g, in->scale),
                            table(g, label_t, labels, in->n_labels, "zi.labels"),
                            i32c(g, in->n_labels),
                            i32c(g, in->kind),
                            i32c(g, in->missing),
                            i32c(g, in->item),
                            i32c(g, in->role),
                            i32c(g, in->column),
                            f64_const(g, in->min),
                            f64_const(g, in->max)};
        rows[i] = LLVMConstNamedStruct(input_t, f, 13);
        free(labels);
    }
    LLVMValueRef inputs = table(g, input_t, rows, d->n_inputs, "zi.inputs");

    for (uint32_t i = 0; i < d->n_outputs; i++) {
        const struct zi_output_desc *o = &d->outputs[i];
        LLVMValueRef f[] = {string(g, o->path),     string(g, o->code),     string(g, o->title),
                            i32c(g, o->kind),       i32c(g, o->parent),     i32c(g, o->depth),
                            i32c(g, o->has_weight), f64_const(g, o->weight)};
        rows[i] = LLVMConstNamedStruct(output_t, f, 8);
    }
    LLVMValueRef outputs = table(g, output_t, rows, d->n_outputs, "zi.outputs");

    for (uint32_t i = 0; i < d->n_conditions; i++) {
        const struct zi_condition_desc *c = &d->conditions[i];
        LLVMValueRef f[] = {string(g, c->text),          string(g, c->lhs), string(g, c->message),
                            i32c(g, c->verdict),         i32c(g, c->role),  i32c(g, c->op),
                            i32c(g, c->lhs_output),      i32c(g, c->item),  f64_const(g, c->rhs_weight),
                            f64_const(g, c->rhs_percent)};
        rows[i] = LLVMConstNamedStruct(cond_t, f, 10);
    }
    LLVMValueRef conditions = table(g, cond_t, rows, d->n_conditions, "zi.conditions");

    for (uint32_t i = 0; i < d->n_verdicts; i++) {
        const struct zi_verdict_desc *v = &d->verdicts[i];
        LLVMValueRef f[] = {
            string(g, v->id),           string(g, v->title),     i32c(g, v->first_condition),
            i32c(g, v->n_conditions),   i32c(g, v->is_fallback), i32c(g, v->first_prerequisite),
            i32c(g, v->n_prerequisites)};
        rows[i] = LLVMConstNamedStruct(verdict_t, f, 7);
    }
    LLVMValueRef verdicts = table(g, verdict_t, rows, d->n_verdicts, "zi.verdicts");
    for (uint32_t i = 0; i < d->n_sources; i++) {
        LLVMValueRef f[] = {string(g, d->sources[i].name), string(g, d->sources[i].sha256)};
        rows[i] = LLVMConstNamedStruct(source_t, f, 2);
    }
    LLVMValueRef sources = table(g, source_t, rows, d->n_sources, "zi.sources");
    for (uint32_t i = 0; i < d->n_view_parts; i++) {
        LLVMValueRef f[] = {i32c(g, d->view_parts[i].member), i32c(g, d->view_parts[i].part)};
        rows[i] = LLVMConstNamedStruct(part_t, f, 2);
    }
    LLVMValueRef view_parts = table(g, part_t, rows, d->n_view_parts, "zi.view_parts");
    for (uint32_t i = 0; i < d->n_score_levels; i++) {
        LLVMValueRef f[] = {string(g, levels[i].name), i32c(g, levels[i].requires), i32c(g, levels[i].lanes),
                            LLVMConstPointerCast(scores[i], P)};
        rows[i] = LLVMConstNamedStruct(level_t, f, 4);
    }
    LLVMValueRef score_levels = table(g, level_t, rows, d->n_score_levels, "zi.score_levels");
    free(rows);

    LLVMValueRef f[] = {i32c(g, d->magic),
                        i32c(g, d->abi_version),
                        i32c(g, d->descriptor_size),
                        i32c(g, 0),
                        LLVMConstInt(g->i64, d->checksum, 0),
                        string(g, d->criteria_id),
                        string(g, d->title),
                        string(g, d->regulation),
                        string(g, d->source_name),
                        string(g, d->source_sha256),
                        string(g, d->compiler_version),
                        i32c(g, d->n_inputs),
                        i32c(g, d->n_outputs),
                        i32c(g, d->n_conditions),
                        i32c(g, d->n_verdicts),
                        i32c(g, d->n_failed_words),
                        i32c(g, d->total_output),
                        i32c(g, d->n_code_columns),
                        i32c(g, d->n_number_columns),
                        inputs,
                        outputs,
                        conditions,
                        verdicts,
                        i32c(g, d->n_sources),
                        i32c(g, 0),
                        sources,
                        LLVMConstPointerCast(scores[0], P),
                        LLVMConstPointerCast(explain, P),
                        d->language ? string(g, d->language) : LLVMConstNull(P),
                        i32c(g, d->n_view_parts),
                        i32c(g, 0),
                        view_parts,
                        i32c(g, d->n_score_levels),
                        i32c(g, 0),
                        score_levels};
    free(levels);
    LLVMValueRef module = LLVMAddGlobal(g->mod, module_t, ZI_MODULE_SYMBOL);
    LLVMSetInitializer(module, LLVMConstNamedStruct(module_t, f, 35));
    LLVMSetGlobalConstant(module, 1);
    LLVMSetLinkage(module, LLVMExternalLinkage);
    LLVMSetVisibility(module, LLVMDefaultVisibility);
}

LLVMModuleRef zi_codegen_module(LLVMContextRef ctx, const struct zi_model *model, LLVMTargetDataRef layout,
                                const char *triple, const struct zi_codegen_level *levels, unsigned n_levels,
                                enum zi_codegen_part part, unsigned level, char *err, size_t errlen)
{
    struct gen g = {0};
    g.ctx = ctx;
    g.model = model;
    g.levels = levels;
    g.n_levels = n_levels;
    for (unsigned k = 0; k < n_levels; k++) {
        unsigned lanes = levels[k].lanes;
        if (lanes < 2 || lanes > ZI_MAX_LANES || (lanes & (lanes - 1)) != 0 ||
            n_levels > ZI_MAX_SCORE_LEVELS) {
            snprintf(err, errlen, "internal error: score level %s of %u lanes", levels[k].name, lanes);
            return NULL;
        }
    }
    g.mod = LLVMModuleCreateWithNameInContext(model->descriptor.criteria_id, ctx);
    LLVMSetTarget(g.mod, triple);
    LLVMSetModuleDataLayout(g.mod, layout);
    g.b = LLVMCreateBuilderInContext(ctx);
    g.f64 = LLVMDoubleTypeInContext(ctx);
    g.i1 = LLVMInt1TypeInContext(ctx);
    g.i8 = LLVMInt8TypeInContext(ctx);
    g.i32 = LLVMInt32TypeInContext(ctx);
    g.i64 = LLVMInt64TypeInContext(ctx);
    /* A pointer to i8: typed on LLVM 14, the one opaque `ptr` on LLVM 19. */
    g.ptr = LLVMPointerType(g.i8, 0);

    bool split = part != ZI_PART_WHOLE;
    if (part == ZI_PART_SCORE) {
        gen_entry(&g, ENTRY_SCORE, true, level);
    } else {
        LLVMValueRef scores[ZI_MAX_SCORE_LEVELS];
        for (unsigned k = 0; k < n_levels; k++)
            scores[k] =
                split ? declare_entry(&g, ENTRY_SCORE, true, k) : gen_entry(&g, ENTRY_SCORE, false, k);
        gen_descriptor(&g, scores, gen_entry(&g, ENTRY_EXPLAIN, false, 0));
    }
    LLVMDisposeBuilder(g.b);

    char *message = NULL;
    if (LLVMVerifyModule(g.mod, LLVMReturnStatusAction, &message)) {
        snprintf(err, errlen, "internal error: generated module does not verify: %s", message ? message : "");
        LLVMDisposeMessage(message);
        LLVMDisposeModule(g.mod);
        return NULL;
    }
    LLVMDisposeMessage(message);
    return g.mod;
}
