/* codegen.c — LLVM IR for a scoring module: the two batch entry points and the constant descriptor.
 *
 * The entry points are one loop over units whose body is the model's program, operation by operation, in
 * the model's order: the same IEEE operations as the interpreter performs (no fast-math flags, no fused
 * multiply-add), so both give identical bits. The loop reads columns with unit stride and its pointers are
 * noalias, which lets the loop vectoriser process several units per instruction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>

#include "codegen_internal.h"

struct gen {
    LLVMContextRef ctx;
    LLVMModuleRef mod;
    LLVMBuilderRef b;
    LLVMTypeRef f64, i1, i8, i32, i64, ptr;
    const struct zi_model *model;
};

static LLVMValueRef f64_const(struct gen *g, double v)
{
    return LLVMConstReal(g->f64, v);
}

/* The address of element `row` of column `column` of a column-major buffer of `type`. */
static LLVMValueRef column_base(struct gen *g, LLVMTypeRef type, LLVMValueRef base, LLVMValueRef n, uint32_t column)
{
    /* LLVM 14's pointers are typed: view the i8* parameter as a pointer to `type` (a no-op on LLVM 19). */
    LLVMValueRef typed = LLVMBuildPointerCast(g->b, base, LLVMPointerType(type, 0), "");
    LLVMValueRef offset = LLVMBuildMul(g->b, LLVMConstInt(g->i64, column, 0), n, "");
    return LLVMBuildInBoundsGEP2(g->b, type, typed, &offset, 1, "");
}

static LLVMValueRef element(struct gen *g, LLVMTypeRef type, LLVMValueRef column, LLVMValueRef row)
{
    return LLVMBuildInBoundsGEP2(g->b, type, column, &row, 1, "");
}

static LLVMValueRef load(struct gen *g, LLVMTypeRef type, LLVMValueRef address)
{
    LLVMValueRef v = LLVMBuildLoad2(g->b, type, address, "");
    LLVMSetAlignment(v, (unsigned)LLVMABISizeOfType(LLVMGetModuleDataLayout(g->mod), type));
    return v;
}

static void store(struct gen *g, LLVMValueRef value, LLVMValueRef address)
{
    LLVMValueRef s = LLVMBuildStore(g->b, value, address);
    LLVMSetAlignment(s, (unsigned)LLVMABISizeOfType(LLVMGetModuleDataLayout(g->mod), LLVMTypeOf(value)));
}

static LLVMValueRef select_lt(struct gen *g, LLVMRealPredicate pred, LLVMValueRef a, LLVMValueRef b)
{
    return LLVMBuildSelect(g->b, LLVMBuildFCmp(g->b, pred, a, b, ""), a, b, "");
}

/* One operation of the model; mirrors zi_op_apply in interp.c case by case. */
static LLVMValueRef gen_op(struct gen *g, const struct zi_op *op, LLVMValueRef *v, LLVMValueRef *input_cols,
                           LLVMValueRef *present_cols, LLVMValueRef row)
{
    LLVMValueRef a = v[op->a], b = v[op->b], c = v[op->c];
    LLVMValueRef eps = f64_const(g, ZI_COMPARE_EPSILON), neg_eps = f64_const(g, -ZI_COMPARE_EPSILON);
    switch (op->code) {
    case ZI_OPC_CONST:
        return op->is_bool ? LLVMConstInt(g->i1, op->value != 0, 0) : f64_const(g, op->value);
    case ZI_OPC_INPUT:
        return load(g, g->f64, element(g, g->f64, input_cols[op->index], row));
    case ZI_OPC_PRESENT:
        return LLVMBuildICmp(g->b, LLVMIntNE, load(g, g->i8, element(g, g->i8, present_cols[op->index], row)),
                             LLVMConstInt(g->i8, 0, 0), "");
    case ZI_OPC_ADD:
        return LLVMBuildFAdd(g->b, a, b, "");
    case ZI_OPC_SUB:
        return LLVMBuildFSub(g->b, a, b, "");
    case ZI_OPC_MUL:
        return LLVMBuildFMul(g->b, a, b, "");
    case ZI_OPC_DIV: {
        LLVMValueRef zero = f64_const(g, 0);
        LLVMValueRef is_zero = LLVMBuildFCmp(g->b, LLVMRealOEQ, b, zero, "");
        return LLVMBuildSelect(g->b, is_zero, zero, LLVMBuildFDiv(g->b, a, b, ""), "");
    }
    case ZI_OPC_MIN:
        return select_lt(g, LLVMRealOLT, a, b);
    case ZI_OPC_MAX:
        return select_lt(g, LLVMRealOGT, a, b);
    case ZI_OPC_NEG:
        return LLVMBuildFNeg(g->b, a, "");
    case ZI_OPC_ABS: {
        LLVMValueRef negative = LLVMBuildFCmp(g->b, LLVMRealOLT, a, f64_const(g, 0), "");
        return LLVMBuildSelect(g->b, negative, LLVMBuildFNeg(g->b, a, ""), a, "");
    }
    case ZI_OPC_GE:
        return LLVMBuildFCmp(g->b, LLVMRealOGE, LLVMBuildFSub(g->b, a, b, ""), neg_eps, "");
    case ZI_OPC_GT:
        return LLVMBuildFCmp(g->b, LLVMRealOGT, LLVMBuildFSub(g->b, a, b, ""), eps, "");
    case ZI_OPC_LE:
        return LLVMBuildFCmp(g->b, LLVMRealOLE, LLVMBuildFSub(g->b, a, b, ""), eps, "");
    case ZI_OPC_LT:
        return LLVMBuildFCmp(g->b, LLVMRealOLT, LLVMBuildFSub(g->b, a, b, ""), neg_eps, "");
    case ZI_OPC_EQ: {
        LLVMValueRef d = LLVMBuildFSub(g->b, a, b, "");
        return LLVMBuildAnd(g->b, LLVMBuildFCmp(g->b, LLVMRealOLE, d, eps, ""),
                            LLVMBuildFCmp(g->b, LLVMRealOGE, d, neg_eps, ""), "");
    }
    case ZI_OPC_NE: {
        LLVMValueRef d = LLVMBuildFSub(g->b, a, b, "");
        return LLVMBuildOr(g->b, LLVMBuildFCmp(g->b, LLVMRealOGT, d, eps, ""),
                           LLVMBuildFCmp(g->b, LLVMRealOLT, d, neg_eps, ""), "");
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
        return LLVMBuildUIToFP(g->b, a, g->f64, "");
    }
    return f64_const(g, 0);
}

enum entry_kind { ENTRY_SCORE, ENTRY_EXPLAIN };

/* void score_batch(i64 n, ptr inputs, ptr present, ptr outputs, ptr verdict, ptr failed)
 * void explain_batch(i64 n, ptr inputs, ptr present, ptr lhs, ptr rhs) */
static LLVMValueRef gen_entry(struct gen *g, enum entry_kind kind)
{
    const struct zi_model *m = g->model;
    const struct zi_module *d = &m->descriptor;
    LLVMTypeRef params[6] = {g->i64, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr};
    unsigned n_params = kind == ENTRY_SCORE ? 6 : 5;
    LLVMTypeRef fn_type = LLVMFunctionType(LLVMVoidTypeInContext(g->ctx), params, n_params, 0);
    LLVMValueRef fn = LLVMAddFunction(g->mod, kind == ENTRY_SCORE ? "zi_score_batch" : "zi_explain_batch", fn_type);
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    unsigned noalias = LLVMGetEnumAttributeKindForName("noalias", 7);
    unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
    for (unsigned i = 2; i <= n_params; i++)
        LLVMAddAttributeAtIndex(fn, i, LLVMCreateEnumAttribute(g->ctx, noalias, 0));
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, nounwind, 0));

    LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(g->ctx, fn, "entry");
    LLVMBasicBlockRef loop = LLVMAppendBasicBlockInContext(g->ctx, fn, "loop");
    LLVMBasicBlockRef done = LLVMAppendBasicBlockInContext(g->ctx, fn, "done");
    LLVMPositionBuilderAtEnd(g->b, entry);
    LLVMValueRef n = LLVMGetParam(fn, 0);
    LLVMValueRef inputs = LLVMGetParam(fn, 1), present = LLVMGetParam(fn, 2);

    /* Column base pointers are loop-invariant: compute them once, before the loop. */
    LLVMValueRef *input_cols = calloc(d->n_inputs + 1, sizeof *input_cols);
    LLVMValueRef *present_cols = calloc(d->n_inputs + 1, sizeof *present_cols);
    LLVMValueRef *v = calloc(m->n_ops + 1, sizeof *v);
    if (!input_cols || !present_cols || !v) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    for (uint32_t i = 0; i < d->n_inputs; i++) {
        input_cols[i] = column_base(g, g->f64, inputs, n, i);
        present_cols[i] = column_base(g, g->i8, present, n, i);
    }
    LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, n, LLVMConstInt(g->i64, 0, 0), ""), done, loop);

    LLVMPositionBuilderAtEnd(g->b, loop);
    LLVMValueRef row = LLVMBuildPhi(g->b, g->i64, "row");
    for (uint32_t i = 0; i < m->n_ops; i++)
        v[i] = gen_op(g, &m->ops[i], v, input_cols, present_cols, row);

    if (kind == ENTRY_SCORE) {
        LLVMValueRef outputs = LLVMGetParam(fn, 3), verdict = LLVMGetParam(fn, 4), failed = LLVMGetParam(fn, 5);
        for (uint32_t o = 0; o < d->n_outputs; o++) {
            LLVMValueRef value = v[m->outputs[o]];
            if (LLVMTypeOf(value) != g->f64)
                value = LLVMBuildUIToFP(g->b, value, g->f64, "");
            store(g, value, element(g, g->f64, column_base(g, g->f64, outputs, n, o), row));
        }
        LLVMValueRef withheld = m->incomplete != ZI_MODEL_NONE ? v[m->incomplete] : LLVMConstInt(g->i1, 0, 0);
        for (uint32_t w = 0; w < d->n_failed_words; w++) {
            LLVMValueRef bits = LLVMConstInt(g->i64, 0, 0);
            for (uint32_t c = w * 64; c < d->n_conditions && c < (w + 1) * 64; c++) {
                LLVMValueRef fails = LLVMBuildNot(g->b, v[m->conditions[c].holds], "");
                LLVMValueRef bit = LLVMBuildShl(g->b, LLVMBuildZExt(g->b, fails, g->i64, ""),
                                                LLVMConstInt(g->i64, c % 64, 0), "");
                bits = LLVMBuildOr(g->b, bits, bit, "");
                if (d->conditions[c].verdict < 0)
                    withheld = LLVMBuildOr(g->b, withheld, fails, "");
            }
            store(g, bits, element(g, g->i64, column_base(g, g->i64, failed, n, w), row));
        }
        /* The first verdict whose conditions all hold, else the fallback; none when withheld. */
        LLVMValueRef chosen = LLVMConstInt(g->i32, d->n_verdicts - 1, 1);
        for (uint32_t k = d->n_verdicts - 1; k-- > 0;) {
            const struct zi_verdict_desc *vd = &d->verdicts[k];
            LLVMValueRef all = LLVMConstInt(g->i1, 1, 0);
            for (uint32_t c = vd->first_condition; c < vd->first_condition + vd->n_conditions; c++)
                all = LLVMBuildAnd(g->b, all, v[m->conditions[c].holds], "");
            chosen = LLVMBuildSelect(g->b, all, LLVMConstInt(g->i32, k, 1), chosen, "");
        }
        chosen = LLVMBuildSelect(g->b, withheld, LLVMConstInt(g->i32, (unsigned long long)(long long)ZI_VERDICT_NONE, 1),
                                 chosen, "");
        store(g, chosen, element(g, g->i32, column_base(g, g->i32, verdict, n, 0), row));
    } else {
        LLVMValueRef lhs = LLVMGetParam(fn, 3), rhs = LLVMGetParam(fn, 4);
        for (uint32_t c = 0; c < d->n_conditions; c++) {
            store(g, v[m->conditions[c].lhs], element(g, g->f64, column_base(g, g->f64, lhs, n, c), row));
            store(g, v[m->conditions[c].rhs], element(g, g->f64, column_base(g, g->f64, rhs, n, c), row));
        }
    }
    LLVMValueRef next = LLVMBuildNUWAdd(g->b, row, LLVMConstInt(g->i64, 1, 0), "next");
    LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, next, n, ""), done, loop);
    LLVMValueRef zero = LLVMConstInt(g->i64, 0, 0);
    LLVMBasicBlockRef from[2] = {entry, LLVMGetInsertBlock(g->b)};
    LLVMValueRef incoming[2] = {zero, next};
    LLVMAddIncoming(row, incoming, from, 2);

    LLVMPositionBuilderAtEnd(g->b, done);
    LLVMBuildRetVoid(g->b);
    free(input_cols);
    free(present_cols);
    free(v);
    return fn;
}

/* ---- the descriptor as constants ------------------------------------------------------------------------- */

static LLVMValueRef string(struct gen *g, const char *text)
{
    if (!text)
        return LLVMConstNull(g->ptr);
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
static LLVMValueRef table(struct gen *g, LLVMTypeRef type, LLVMValueRef *elements, unsigned n, const char *name)
{
    if (n == 0)
        return LLVMConstNull(g->ptr);
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
static void gen_descriptor(struct gen *g, LLVMValueRef score, LLVMValueRef explain)
{
    const struct zi_module *d = &g->model->descriptor;
    LLVMTypeRef P = g->ptr, I = g->i32, D = g->f64;

    LLVMTypeRef label_f[] = {P, D};
    LLVMTypeRef label_t = named_struct(g, "zi_scale_label", label_f, 2);
    LLVMTypeRef input_f[] = {P, P, P, P, P, I, I, I, I, D, D};
    LLVMTypeRef input_t = named_struct(g, "zi_input_desc", input_f, 11);
    LLVMTypeRef output_f[] = {P, P, P, I, I, I, I, D};
    LLVMTypeRef output_t = named_struct(g, "zi_output_desc", output_f, 8);
    LLVMTypeRef cond_f[] = {P, P, P, I, I, I, I, D, D};
    LLVMTypeRef cond_t = named_struct(g, "zi_condition_desc", cond_f, 9);
    LLVMTypeRef verdict_f[] = {P, P, I, I, I};
    LLVMTypeRef verdict_t = named_struct(g, "zi_verdict_desc", verdict_f, 5);
    LLVMTypeRef module_f[] = {I, I, I, I, g->i64, P, P, P, P, P, P, I, I, I, I, I, I, P, P, P, P, P, P};
    LLVMTypeRef module_t = named_struct(g, "zi_module", module_f, 23);

    unsigned most = d->n_inputs;
    most = d->n_outputs > most ? d->n_outputs : most;
    most = d->n_conditions > most ? d->n_conditions : most;
    most = d->n_verdicts > most ? d->n_verdicts : most;
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
            LLVMValueRef f[] = {string(g, in->labels[k].label), f64_const(g, in->labels[k].value)};
            labels[k] = LLVMConstNamedStruct(label_t, f, 2);
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
                            f64_const(g, in->min),
                            f64_const(g, in->max)};
        rows[i] = LLVMConstNamedStruct(input_t, f, 11);
        free(labels);
    }
    LLVMValueRef inputs = table(g, input_t, rows, d->n_inputs, "zi.inputs");

    for (uint32_t i = 0; i < d->n_outputs; i++) {
        const struct zi_output_desc *o = &d->outputs[i];
        LLVMValueRef f[] = {string(g, o->path),      string(g, o->code),     string(g, o->title),
                            i32c(g, o->kind),        i32c(g, o->parent),     i32c(g, o->depth),
                            i32c(g, o->has_weight), f64_const(g, o->weight)};
        rows[i] = LLVMConstNamedStruct(output_t, f, 8);
    }
    LLVMValueRef outputs = table(g, output_t, rows, d->n_outputs, "zi.outputs");

    for (uint32_t i = 0; i < d->n_conditions; i++) {
        const struct zi_condition_desc *c = &d->conditions[i];
        LLVMValueRef f[] = {string(g, c->text),      string(g, c->lhs),          string(g, c->message),
                            i32c(g, c->verdict),     i32c(g, c->op),             i32c(g, c->lhs_output),
                            i32c(g, c->item),        f64_const(g, c->rhs_weight), f64_const(g, c->rhs_percent)};
        rows[i] = LLVMConstNamedStruct(cond_t, f, 9);
    }
    LLVMValueRef conditions = table(g, cond_t, rows, d->n_conditions, "zi.conditions");

    for (uint32_t i = 0; i < d->n_verdicts; i++) {
        const struct zi_verdict_desc *v = &d->verdicts[i];
        LLVMValueRef f[] = {string(g, v->id), string(g, v->title), i32c(g, v->first_condition),
                            i32c(g, v->n_conditions), i32c(g, v->is_fallback)};
        rows[i] = LLVMConstNamedStruct(verdict_t, f, 5);
    }
    LLVMValueRef verdicts = table(g, verdict_t, rows, d->n_verdicts, "zi.verdicts");
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
                        inputs,
                        outputs,
                        conditions,
                        verdicts,
                        LLVMConstPointerCast(score, P),
                        LLVMConstPointerCast(explain, P)};
    LLVMValueRef module = LLVMAddGlobal(g->mod, module_t, ZI_MODULE_SYMBOL);
    LLVMSetInitializer(module, LLVMConstNamedStruct(module_t, f, 23));
    LLVMSetGlobalConstant(module, 1);
    LLVMSetLinkage(module, LLVMExternalLinkage);
    LLVMSetVisibility(module, LLVMDefaultVisibility);
}

LLVMModuleRef zi_codegen_module(LLVMContextRef ctx, const struct zi_model *model, LLVMTargetDataRef layout,
                                const char *triple, char *err, size_t errlen)
{
    struct gen g = {0};
    g.ctx = ctx;
    g.model = model;
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

    LLVMValueRef score = gen_entry(&g, ENTRY_SCORE);
    LLVMValueRef explain = gen_entry(&g, ENTRY_EXPLAIN);
    gen_descriptor(&g, score, explain);
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
