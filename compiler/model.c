/* model.c — lowering the checked AST to the model (model.h): first the descriptor (inputs and outputs in
 * document order), then the program (items, groups bottom-up, views, total, lets, conditions). Constant
 * operations are folded with the interpreter's own arithmetic, so folding never changes a result. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "interp.h"
#include "zi/runtime.h"

struct lowerer {
    struct zi_criteria *criteria;
    const struct zi_source *source;
    struct zi_arena *arena;
    struct zi_op *ops;
    uint32_t n_ops, cap_ops;
    struct zi_input_desc *inputs;
    uint32_t n_inputs;
    struct zi_input **input_nodes;
    uint32_t n_code_columns, n_number_columns;
    struct zi_output_desc *outputs;
    uint32_t n_outputs, cap_outputs;
    struct zi_span *output_spans;
    struct zi_condition_desc *conditions;
    struct zi_model_condition *model_conditions;
    struct zi_span *condition_spans;
    uint32_t n_conditions, cap_conditions;
};

/* ---- the program ---------------------------------------------------------------------------------- */

static uint32_t push(struct lowerer *L, struct zi_op op)
{
    if (L->n_ops == L->cap_ops) {
        uint32_t cap = L->cap_ops ? L->cap_ops * 2 : 256;
        struct zi_op *bigger = zi_arena_alloc(L->arena, cap * sizeof *bigger);
        if (L->n_ops) memcpy(bigger, L->ops, L->n_ops * sizeof *bigger);
        L->ops = bigger;
        L->cap_ops = cap;
    }
    L->ops[L->n_ops] = op;
    return L->n_ops++;
}

static uint32_t constant(struct lowerer *L, double value, bool is_bool)
{
    struct zi_op op = {.code = ZI_OPC_CONST, .is_bool = is_bool, .value = value};
    return push(L, op);
}

static bool returns_bool(enum zi_opcode code)
{
    return (code >= ZI_OPC_GE && code <= ZI_OPC_NOT) || code == ZI_OPC_PRESENT;
}

static unsigned arity(enum zi_opcode code)
{
    switch (code) {
    case ZI_OPC_NEG:
    case ZI_OPC_ABS:
    case ZI_OPC_NOT:
    case ZI_OPC_BOOL_TO_NUMBER:
        return 1;
    case ZI_OPC_SELECT:
        return 3;
    default:
        return 2;
    }
}

static uint32_t emit(struct lowerer *L, enum zi_opcode code, uint32_t a, uint32_t b, uint32_t c)
{
    unsigned n = arity(code);
    uint32_t operands[3] = {a, n > 1 ? b : a, n > 2 ? c : a};
    bool folded = true;
    for (unsigned i = 0; i < n; i++)
        folded &= L->ops[operands[i]].code == ZI_OPC_CONST;
    bool is_bool = code == ZI_OPC_SELECT ? L->ops[operands[1]].is_bool : returns_bool(code);
    if (folded)
        return constant(L,
                        zi_op_apply(code, L->ops[operands[0]].value, L->ops[operands[1]].value,
                                    L->ops[operands[2]].value),
                        is_bool);
    /* A select on a constant condition is its chosen branch. */
    if (code == ZI_OPC_SELECT && L->ops[a].code == ZI_OPC_CONST) return L->ops[a].value != 0 ? b : c;
    struct zi_op op = {
        .code = code, .is_bool = is_bool, .a = operands[0], .b = operands[1], .c = operands[2]};
    return push(L, op);
}

static uint32_t as_number(struct lowerer *L, uint32_t op)
{
    return L->ops[op].is_bool ? emit(L, ZI_OPC_BOOL_TO_NUMBER, op, 0, 0) : op;
}

static uint32_t input_op(const struct zi_input *in)
{
    return (uint32_t)in->index * 2;
}

static uint32_t present_op(const struct zi_input *in)
{
    return (uint32_t)in->index * 2 + 1;
}

static uint32_t ref_op(struct lowerer *L, const struct zi_ref *r)
{
    switch (r->kind) {
    case ZI_REF_TOTAL:
        return L->criteria->op_total;
    case ZI_REF_GROUP:
        return r->u.group->op;
    case ZI_REF_ITEM:
        return r->u.item->op_points;
    case ZI_REF_INPUT:
        return input_op(r->u.input);
    case ZI_REF_FACT: /* a yes/no fact is a boolean: its value (1 or 0) made one */
        if (r->u.input->kind == ZI_INPUT_BOOLEAN)
            return emit(L, ZI_OPC_NE, input_op(r->u.input), constant(L, 0, false), 0);
        return input_op(r->u.input);
    case ZI_REF_LET:
        return r->u.let->op;
    case ZI_REF_MEMBER:
        return r->u.member->op;
    default:
        return constant(L, 0, false); /* unreachable after a clean check */
    }
}

static enum zi_opcode compare_code(enum zi_binop op)
{
    static const enum zi_opcode codes[] = {
        [ZI_OP_GE] = ZI_OPC_GE, [ZI_OP_GT] = ZI_OPC_GT, [ZI_OP_LE] = ZI_OPC_LE,
        [ZI_OP_LT] = ZI_OPC_LT, [ZI_OP_EQ] = ZI_OPC_EQ, [ZI_OP_NE] = ZI_OPC_NE};
    return codes[op];
}

static uint32_t lower(struct lowerer *L, const struct zi_expr *e);

/* The two operands of a comparison as numbers, a percentage of a score scaled to the score's weight. */
static void comparison_operands(struct lowerer *L, const struct zi_expr *e, uint32_t *a, uint32_t *b)
{
    *a = as_number(L, lower(L, e->lhs));
    *b = as_number(L, lower(L, e->rhs));
    if (e->percent_of_weight) {
        uint32_t weight = constant(L, e->weight, false);
        if (e->lhs->type == ZI_TYPE_PERCENT)
            *a = emit(L, ZI_OPC_MUL, *a, weight, 0);
        else
            *b = emit(L, ZI_OPC_MUL, *b, weight, 0);
    }
}

static uint32_t lower_call(struct lowerer *L, const struct zi_expr *e)
{
    const struct zi_expr *a0 = e->args, *a1 = a0 ? a0->next : NULL, *a2 = a1 ? a1->next : NULL;
    switch (e->builtin) {
    case ZI_FN_MIN:
    case ZI_FN_MAX: {
        uint32_t acc = lower(L, a0);
        for (const struct zi_expr *a = a1; a; a = a->next)
            acc = emit(L, e->builtin == ZI_FN_MIN ? ZI_OPC_MIN : ZI_OPC_MAX, acc, lower(L, a), 0);
        return acc;
    }
    case ZI_FN_CLAMP: {
        uint32_t x = lower(L, a0), lo = lower(L, a1), hi = lower(L, a2);
        return emit(L, ZI_OPC_MIN, emit(L, ZI_OPC_MAX, x, lo, 0), hi, 0);
    }
    case ZI_FN_ABS:
        return emit(L, ZI_OPC_ABS, lower(L, a0), 0, 0);
    default: { /* ratio(n, d[, z]) = d is 0 ? z : clamp(n / d, 0, 1) */
        uint32_t num = lower(L, a0), den = lower(L, a1);
        uint32_t when_zero = a2 ? lower(L, a2) : constant(L, 0, false);
        uint32_t zero = constant(L, 0, false), one = constant(L, 1, false);
        uint32_t quotient = emit(L, ZI_OPC_DIV, num, den, 0);
        uint32_t clamped = emit(L, ZI_OPC_MIN, emit(L, ZI_OPC_MAX, quotient, zero, 0), one, 0);
        return emit(L, ZI_OPC_SELECT, emit(L, ZI_OPC_EQ, den, zero, 0), when_zero, clamped);
    }
    }
}

static uint32_t lower(struct lowerer *L, const struct zi_expr *e)
{
    switch (e->kind) {
    case ZI_EXPR_NUMBER:
        return constant(L, e->number, false);
    case ZI_EXPR_BOOL:
        return constant(L, e->boolean, true);
    case ZI_EXPR_PATH:
        return ref_op(L, &e->ref);
    case ZI_EXPR_CALL:
        return lower_call(L, e);
    case ZI_EXPR_NEG:
        return emit(L, ZI_OPC_NEG, lower(L, e->lhs), 0, 0);
    case ZI_EXPR_NOT:
        return emit(L, ZI_OPC_NOT, lower(L, e->lhs), 0, 0);
    case ZI_EXPR_IF: {
        uint32_t cond = lower(L, e->cond), a = lower(L, e->lhs), b = lower(L, e->rhs);
        return emit(L, ZI_OPC_SELECT, cond, a, b);
    }
    case ZI_EXPR_STRING: /* a label, resolved by the checks to the number the module reads for it */
        return constant(L, e->number, false);
    case ZI_EXPR_IN: { /* one of the listed values: their equalities or'ed, in order */
        uint32_t value = lower(L, e->lhs), any = ZI_MODEL_NONE;
        for (const struct zi_expr *a = e->args; a; a = a->next) {
            uint32_t is = emit(L, ZI_OPC_EQ, value, constant(L, a->number, false), 0);
            any = any == ZI_MODEL_NONE ? is : emit(L, ZI_OPC_OR, any, is, 0);
        }
        return any;
    }
    case ZI_EXPR_BINARY:
        break;
    default:
        return constant(L, 0, false); /* unreachable after a clean check */
    }
    switch (e->op) {
    case ZI_OP_ADD:
    case ZI_OP_SUB:
    case ZI_OP_MUL:
    case ZI_OP_DIV: {
        static const enum zi_opcode codes[] = {ZI_OPC_ADD, ZI_OPC_SUB, ZI_OPC_MUL, ZI_OPC_DIV};
        uint32_t a = lower(L, e->lhs), b = lower(L, e->rhs);
        return emit(L, codes[e->op], a, b, 0);
    }
    case ZI_OP_AND:
    case ZI_OP_OR: {
        uint32_t a = lower(L, e->lhs), b = lower(L, e->rhs);
        return emit(L, e->op == ZI_OP_AND ? ZI_OPC_AND : ZI_OPC_OR, a, b, 0);
    }
    default: {
        uint32_t a, b;
        comparison_operands(L, e, &a, &b);
        return emit(L, compare_code(e->op), a, b, 0);
    }
    }
}

/* ---- the descriptor ------------------------------------------------------------------------------------ */

static const char *or_name(const struct zi_string *title, const char *name)
{
    return title->text && title->text[0] ? title->text : name;
}

static int add_output(struct lowerer *L, struct zi_span span, int kind, const char *path, const char *code,
                      const char *title, int parent, int depth, bool has_weight, double weight)
{
    if (L->n_outputs == L->cap_outputs) {
        uint32_t cap = L->cap_outputs ? L->cap_outputs * 2 : 64;
        struct zi_output_desc *bigger = zi_arena_alloc(L->arena, cap * sizeof *bigger);
        struct zi_span *spans = zi_arena_alloc(L->arena, cap * sizeof *spans);
        if (L->n_outputs) {
            memcpy(bigger, L->outputs, L->n_outputs * sizeof *bigger);
            memcpy(spans, L->output_spans, L->n_outputs * sizeof *spans);
        }
        L->outputs = bigger;
        L->output_spans = spans;
        L->cap_outputs = cap;
    }
    L->output_spans[L->n_outputs] = span;
    struct zi_output_desc *o = &L->outputs[L->n_outputs];
    o->path = path;
    o->code = code;
    o->title = title;
    o->kind = kind;
    o->parent = parent;
    o->depth = depth;
    o->has_weight = has_weight;
    o->weight = has_weight ? weight : 0;
    return (int)L->n_outputs++;
}

static uint32_t count_inputs(const struct zi_group *g)
{
    uint32_t n = 0;
    for (const struct zi_member *m = g->members; m; m = m->next) {
        if (m->group)
            n += count_inputs(m->group);
        else
            for (const struct zi_input *in = m->item->inputs; in; in = in->next)
                n++;
    }
    return n;
}

static void describe_input(struct lowerer *L, struct zi_item *item, struct zi_input *in)
{
    in->index = (int)L->n_inputs;
    L->input_nodes[L->n_inputs] = in;
    struct zi_input_desc *d = &L->inputs[L->n_inputs++];
    d->key = in->key;
    d->item_code = item->code.text;
    d->text = or_name(&in->title, or_name(&item->text, in->name.text));
    d->kind = in->kind;
    d->role = ZI_ROLE_ANSWER;
    d->missing = item->policy;
    d->item = item->output;
    d->column = zi_input_has_labels(in->kind) ? L->n_code_columns++ : L->n_number_columns++;
    d->min = in->lo;
    d->max = in->hi;
    if (in->scale) {
        d->scale = in->scale->name.text;
        d->n_labels = in->scale->n_entries;
        struct zi_scale_label *labels =
            zi_arena_alloc(L->arena, (d->n_labels ? d->n_labels : 1) * sizeof *labels);
        unsigned k = 0;
        for (const struct zi_scale_entry *e = in->scale->entries; e; e = e->next, k++) {
            labels[k].label = e->label.text;
            labels[k].value = e->value;
        }
        d->labels = labels;
    }
}

/* Outputs in document order: a group, then its members. */
static void describe_group(struct lowerer *L, struct zi_group *g, const char *parent_path, int parent,
                           int depth)
{
    const char *path =
        parent_path ? zi_arena_printf(L->arena, "%s.%s", parent_path, g->name.text) : g->name.text;
    g->output = add_output(L, g->span, ZI_OUTPUT_GROUP, path, NULL, or_name(&g->title, g->name.text), parent,
                           depth, true, g->weight);
    for (struct zi_member *m = g->members; m; m = m->next) {
        if (m->group) {
            describe_group(L, m->group, path, g->output, depth + 1);
            continue;
        }
        struct zi_item *item = m->item;
        item->output = add_output(
            L, item->span, ZI_OUTPUT_ITEM, zi_arena_printf(L->arena, "%s.%s", path, item->name.text),
            item->code.text, or_name(&item->text, item->code.text), g->output, depth + 1, true, item->points);
        for (struct zi_input *in = item->inputs; in; in = in->next)
            describe_input(L, item, in);
    }
}

/* A boolean fact's spellings (docs/language.md §3): "Ya" and "Tidak" are printed; Excel's TRUE/FALSE and
 * BENAR/SALAH, and 1/0, are read too. */
static const struct {
    const char *label;
    double value;
} boolean_labels[] = {{"Ya", 1},   {"Tidak", 0}, {"Y", 1},     {"T", 0},     {"Yes", 1}, {"No", 0},
                      {"True", 1}, {"False", 0}, {"Benar", 1}, {"Salah", 0}, {"1", 1},   {"0", 0}};

/* The labels of a grade's or category's fact: every spelling, in the order written, each value's first the
 * one printed for the others. A grade's value is its rank (worst 1 … best n), a category's 1 + its index. */
static struct zi_scale_label *fact_labels(struct lowerer *L, const struct zi_labels *set, uint32_t *n)
{
    struct zi_scale_label *labels = zi_arena_alloc(L->arena, set->n_spellings * sizeof *labels);
    uint32_t k = 0, index = 0;
    for (const struct zi_label_value *v = set->values; v; v = v->next, index++) {
        uint32_t printed = k;
        for (unsigned i = 0; i < v->n_spellings; i++, k++) {
            labels[k].label = v->spellings[i].text;
            labels[k].value = set->ordered ? set->n_values - index : index + 1;
            labels[k].printed_as = i ? printed + 1 : 0;
        }
    }
    *n = k;
    return labels;
}

/* A fact: an input with no item, after every answer (so answers keep their columns whatever facts there are).
 */
static void describe_fact(struct lowerer *L, struct zi_input *fact)
{
    fact->index = (int)L->n_inputs;
    L->input_nodes[L->n_inputs] = fact;
    struct zi_input_desc *d = &L->inputs[L->n_inputs++];
    d->key = fact->key;
    d->text = or_name(&fact->title, fact->key);
    d->kind = fact->kind;
    d->role = ZI_ROLE_FACT;
    d->missing = ZI_MISSING_ZERO; /* unused: a missing fact makes its prerequisites unknown */
    d->item = -1;
    d->column = zi_input_has_labels(fact->kind) ? L->n_code_columns++ : L->n_number_columns++;
    d->min = fact->lo;
    d->max = fact->hi;
    if (fact->labels) {
        d->scale = fact->labels->name.text;
        d->labels = fact_labels(L, fact->labels, &d->n_labels);
    } else if (fact->kind == ZI_INPUT_BOOLEAN) {
        uint32_t n = sizeof boolean_labels / sizeof boolean_labels[0];
        struct zi_scale_label *labels = zi_arena_alloc(L->arena, n * sizeof *labels);
        for (uint32_t k = 0; k < n; k++) {
            labels[k].label = boolean_labels[k].label;
            labels[k].value = boolean_labels[k].value;
            labels[k].printed_as = k < 2 ? 0 : k % 2 + 1; /* "Ya" is label 0, "Tidak" label 1 */
        }
        d->scale = "boolean";
        d->labels = labels;
        d->n_labels = n;
    }
}

static const char *slice(struct lowerer *L, struct zi_span span)
{
    size_t len;
    const char *text = zi_source_slice(L->source, span, &len);
    return zi_arena_strndup(L->arena, text, len);
}

static const char *ref_label(struct lowerer *L, const struct zi_ref *r)
{
    switch (r->kind) {
    case ZI_REF_ITEM:
        return zi_arena_printf(L->arena, "%s %s", r->u.item->code.text, zi_ref_title(r));
    case ZI_REF_INPUT:
    case ZI_REF_FACT: {
        const struct zi_input *in = r->u.input;
        return zi_arena_printf(L->arena, "%s %s", in->key, zi_ref_title(r));
    }
    default:
        return zi_ref_title(r);
    }
}

static int ref_output(const struct zi_ref *r)
{
    switch (r->kind) {
    case ZI_REF_TOTAL:
        return 0;
    case ZI_REF_GROUP:
        return r->u.group->output;
    case ZI_REF_ITEM:
        return r->u.item->output;
    case ZI_REF_LET:
        return r->u.let->output;
    case ZI_REF_MEMBER:
        return r->u.member->output;
    default:
        return -1;
    }
}

static struct zi_condition_desc *add_condition(struct lowerer *L, struct zi_span span, uint32_t holds,
                                               uint32_t lhs, uint32_t rhs)
{
    if (L->n_conditions == L->cap_conditions) {
        uint32_t cap = L->cap_conditions ? L->cap_conditions * 2 : 32;
        struct zi_condition_desc *bigger = zi_arena_alloc(L->arena, cap * sizeof *bigger);
        struct zi_model_condition *mbigger = zi_arena_alloc(L->arena, cap * sizeof *mbigger);
        struct zi_span *spans = zi_arena_alloc(L->arena, cap * sizeof *spans);
        if (L->n_conditions) {
            memcpy(bigger, L->conditions, L->n_conditions * sizeof *bigger);
            memcpy(mbigger, L->model_conditions, L->n_conditions * sizeof *mbigger);
            memcpy(spans, L->condition_spans, L->n_conditions * sizeof *spans);
        }
        L->conditions = bigger;
        L->model_conditions = mbigger;
        L->condition_spans = spans;
        L->cap_conditions = cap;
    }
    L->condition_spans[L->n_conditions] = span;
    L->model_conditions[L->n_conditions].holds = holds;
    L->model_conditions[L->n_conditions].lhs = lhs;
    L->model_conditions[L->n_conditions].rhs = rhs;
    L->model_conditions[L->n_conditions].known = ZI_MODEL_NONE;
    struct zi_condition_desc *d = &L->conditions[L->n_conditions++];
    d->lhs_output = -1;
    d->item = -1;
    return d;
}

static const char *op_text(enum zi_binop op)
{
    static const char *const text[] = {[ZI_OP_GE] = ">=", [ZI_OP_GT] = ">",  [ZI_OP_LE] = "<=",
                                       [ZI_OP_LT] = "<",  [ZI_OP_EQ] = "==", [ZI_OP_NE] = "!="};
    return text[op];
}

/* ---- lowering the structure
 * -------------------------------------------------------------------------------- */

static void lower_item(struct lowerer *L, struct zi_item *item)
{
    uint32_t present = ZI_MODEL_NONE;
    for (struct zi_input *in = item->inputs; in; in = in->next)
        present = present == ZI_MODEL_NONE ? present_op(in) : emit(L, ZI_OPC_AND, present, present_op(in), 0);
    item->op_present = present;
    if (!item->expr) {
        /* A scale value, or a percentage: already in [0, 1] when valid. An absent input reads as +0, which
         * both give unchanged: the score needs no test of presence. */
        uint32_t score = input_op(item->inputs);
        if (item->inputs->kind != ZI_INPUT_SCALE)
            score = emit(L, ZI_OPC_MIN, emit(L, ZI_OPC_MAX, score, constant(L, 0, false), 0),
                         constant(L, 1, false), 0);
        item->op_score = score;
    } else {
        uint32_t raw = as_number(L, lower(L, item->expr));
        uint32_t score =
            emit(L, ZI_OPC_MIN, emit(L, ZI_OPC_MAX, raw, constant(L, 0, false), 0), constant(L, 1, false), 0);
        item->op_score = emit(L, ZI_OPC_SELECT, present, score, constant(L, 0, false));
    }
    item->op_points = emit(L, ZI_OPC_MUL, item->op_score, constant(L, item->points, false), 0);
}

static void lower_group(struct lowerer *L, struct zi_group *g)
{
    unsigned k = 0;
    bool excludes = false;
    for (struct zi_member *m = g->members; m; m = m->next, k++) {
        if (m->group) {
            lower_group(L, m->group);
        } else {
            lower_item(L, m->item);
            excludes |= m->item->policy == ZI_POLICY_EXCLUDE;
        }
    }
    if (k == 0) {
        g->op = constant(L, 0, false);
        return;
    }
    uint32_t sum = ZI_MODEL_NONE, den = ZI_MODEL_NONE;
    if (g->mode == ZI_GROUP_SUM && !excludes) {
        /* Absolute weights: the sum of the members' points, in order. */
        for (struct zi_member *m = g->members; m; m = m->next) {
            uint32_t points = m->group ? m->group->op : m->item->op_points;
            sum = sum == ZI_MODEL_NONE ? points : emit(L, ZI_OPC_ADD, sum, points, 0);
        }
        g->op = sum;
        return;
    }
    if (g->mode == ZI_GROUP_MEAN && !excludes) {
        /* The worksheet's rule: weight × (sum of scores / number of questions). */
        for (struct zi_member *m = g->members; m; m = m->next)
            sum = sum == ZI_MODEL_NONE ? m->item->op_score : emit(L, ZI_OPC_ADD, sum, m->item->op_score, 0);
        g->op = emit(L, ZI_OPC_MUL, constant(L, g->weight, false),
                     emit(L, ZI_OPC_DIV, sum, constant(L, k, false), 0), 0);
        return;
    }
    /* Weighted mean over the members that count: W × Σ wᵢ·nᵢ / Σ wᵢ·pᵢ, where an excluded missing member has
     * pᵢ = 0 (and nᵢ = 0 already). */
    for (struct zi_member *m = g->members; m; m = m->next) {
        double w = g->mode == ZI_GROUP_MEAN ? 1 : m->group ? m->group->weight : m->item->weight;
        uint32_t weight = constant(L, w, false), normalised, counted = weight;
        if (m->group) {
            normalised = emit(L, ZI_OPC_DIV, m->group->op, constant(L, m->group->weight, false), 0);
        } else {
            normalised = m->item->op_score;
            if (m->item->policy == ZI_POLICY_EXCLUDE)
                counted = emit(L, ZI_OPC_MUL, weight, as_number(L, m->item->op_present), 0);
        }
        uint32_t term = emit(L, ZI_OPC_MUL, weight, normalised, 0);
        sum = sum == ZI_MODEL_NONE ? term : emit(L, ZI_OPC_ADD, sum, term, 0);
        den = den == ZI_MODEL_NONE ? counted : emit(L, ZI_OPC_ADD, den, counted, 0);
    }
    g->op = emit(L, ZI_OPC_MUL, constant(L, g->weight, false), emit(L, ZI_OPC_DIV, sum, den, 0), 0);
}

static uint32_t sum_of(struct lowerer *L, const struct zi_ref *parts, unsigned n)
{
    uint32_t sum = ZI_MODEL_NONE;
    for (unsigned i = 0; i < n; i++) {
        uint32_t op = ref_op(L, &parts[i]);
        sum = sum == ZI_MODEL_NONE ? op : emit(L, ZI_OPC_ADD, sum, op, 0);
    }
    return sum == ZI_MODEL_NONE ? constant(L, 0, false) : sum;
}

static void lower_condition(struct lowerer *L, const struct zi_condition *c, int verdict)
{
    if (!c->is_all) {
        const struct zi_expr *e = c->expr;
        if (e->kind == ZI_EXPR_BINARY && e->op >= ZI_OP_GE) {
            uint32_t a, b;
            comparison_operands(L, e, &a, &b);
            struct zi_condition_desc *d =
                add_condition(L, c->span, emit(L, compare_code(e->op), a, b, 0), a, b);
            d->op = e->op - ZI_OP_GE; /* enum zi_condition_op follows the same order */
            d->lhs = e->lhs->kind == ZI_EXPR_PATH ? ref_label(L, &e->lhs->ref) : slice(L, e->lhs->span);
            d->lhs_output = e->lhs->kind == ZI_EXPR_PATH ? ref_output(&e->lhs->ref) : -1;
            if (e->percent_of_weight && e->rhs->kind == ZI_EXPR_NUMBER) {
                d->rhs_weight = e->weight;
                d->rhs_percent = e->rhs->number;
            }
            d->text = slice(L, c->span);
            d->verdict = verdict;
        } else {
            uint32_t holds = lower(L, e);
            struct zi_condition_desc *d =
                add_condition(L, c->span, holds, as_number(L, holds), constant(L, 1, false));
            d->op = ZI_COND_BOOL;
            d->lhs = slice(L, e->span);
            d->text = d->lhs;
            d->verdict = verdict;
        }
        return;
    }
    /* `all PATH OP rhs`: one condition per member, each a score against the threshold. */
    const struct zi_ref *r = &c->all_ref;
    uint32_t rhs = as_number(L, lower(L, c->all_rhs));
    bool percent = c->all_rhs->type == ZI_TYPE_PERCENT;
    const char *rhs_text = slice(L, c->all_rhs->span);
    unsigned n = r->kind == ZI_REF_VIEW ? r->u.view->n_members : 0;
    struct zi_member *m = r->kind == ZI_REF_GROUP ? r->u.group->members : NULL;
    for (unsigned i = 0;; i++) {
        struct zi_ref member = {0};
        double weight;
        const char *path;
        if (r->kind == ZI_REF_VIEW) {
            if (i == n) break;
            member.kind = ZI_REF_MEMBER;
            member.u.member = &r->u.view->members[i];
            weight = member.u.member->weight;
            path = L->outputs[member.u.member->output].path;
        } else {
            if (!m) break;
            member.kind = m->group ? ZI_REF_GROUP : ZI_REF_ITEM;
            if (m->group)
                member.u.group = m->group;
            else
                member.u.item = m->item;
            weight = m->group ? m->group->weight : m->item->points;
            path = L->outputs[ref_output(&member)].path;
            m = m->next;
        }
        uint32_t lhs = ref_op(L, &member);
        uint32_t threshold = percent ? emit(L, ZI_OPC_MUL, rhs, constant(L, weight, false), 0) : rhs;
        struct zi_condition_desc *d =
            add_condition(L, c->span, emit(L, compare_code(c->all_op), lhs, threshold, 0), lhs, threshold);
        d->op = c->all_op - ZI_OP_GE;
        d->lhs = ref_label(L, &member);
        d->lhs_output = ref_output(&member);
        if (percent && c->all_rhs->kind == ZI_EXPR_NUMBER) {
            d->rhs_weight = weight;
            d->rhs_percent = c->all_rhs->number;
        }
        d->text = zi_arena_printf(L->arena, "%s %s %s", path, op_text(c->all_op), rhs_text);
        d->verdict = verdict;
    }
}

static void lower_requires(struct lowerer *L, const struct zi_group *g)
{
    for (const struct zi_member *m = g->members; m; m = m->next) {
        if (m->group) {
            lower_requires(L, m->group);
            continue;
        }
        const struct zi_item *item = m->item;
        for (const struct zi_require *r = item->requires; r; r = r->next) {
            /* A rule applies only to an answered item: missing answers are reported as missing. */
            uint32_t rule = lower(L, r->expr);
            uint32_t holds = emit(L, ZI_OPC_OR, emit(L, ZI_OPC_NOT, item->op_present, 0, 0), rule, 0);
            struct zi_condition_desc *d =
                add_condition(L, r->expr->span, holds, as_number(L, holds), constant(L, 1, false));
            d->op = ZI_COND_BOOL;
            d->text = slice(L, r->expr->span);
            d->lhs = d->text;
            d->message = r->message.text ? r->message.text : NULL;
            d->verdict = -1;
            d->role = ZI_CONDITION_REQUIRE;
            d->item = item->output;
        }
    }
}

/* Whether the chain of ANDs `known` (built by facts_known) already tests `present`. */
static bool tests(const struct lowerer *L, uint32_t known, uint32_t present)
{
    for (uint32_t op = known;; op = L->ops[op].a) {
        if (op == present) return true;
        if (L->ops[op].code != ZI_OPC_AND) return false;
        if (L->ops[op].b == present) return true;
    }
}

/* The presence of every fact `e` reads, each once, AND'ed onto `known` (ZI_MODEL_NONE while there is none).
 */
static uint32_t facts_known(struct lowerer *L, const struct zi_expr *e, uint32_t known)
{
    if (!e) return known;
    if (e->kind == ZI_EXPR_PATH && e->ref.kind == ZI_REF_FACT) {
        uint32_t present = present_op(e->ref.u.input);
        if (known == ZI_MODEL_NONE) return present;
        return tests(L, known, present) ? known : emit(L, ZI_OPC_AND, known, present, 0);
    }
    known = facts_known(L, e->cond, known);
    known = facts_known(L, e->lhs, known);
    known = facts_known(L, e->rhs, known);
    for (const struct zi_expr *a = e->args; a; a = a->next)
        known = facts_known(L, a, known);
    return known;
}

/* A verdict's prerequisites, then its relaxation's conditions: each names its verdict and is unknown (and
 * failed) for a unit missing a fact it reads — no guess, even where 'or' could decide without it. */
static void lower_prerequisites(struct lowerer *L, const struct zi_prerequisites *p,
                                struct zi_verdict_desc *v, int verdict)
{
    v->first_prerequisite = L->n_conditions;
    for (int relaxation = 0; relaxation < 2; relaxation++)
        for (const struct zi_condition *c = p->conditions; c; c = c->next) {
            if (c->is_relaxation != (relaxation == 1)) continue;
            uint32_t first = L->n_conditions;
            lower_condition(L, c, verdict);
            uint32_t known = facts_known(L, c->is_all ? c->all_rhs : c->expr, ZI_MODEL_NONE);
            for (uint32_t k = first; k < L->n_conditions; k++) {
                L->conditions[k].role = relaxation ? ZI_CONDITION_RELAXATION : ZI_CONDITION_PREREQUISITE;
                L->conditions[k].message = c->name.text;
                L->model_conditions[k].known = known;
            }
        }
    v->n_prerequisites = L->n_conditions - v->first_prerequisite;
    if (!v->n_prerequisites) v->first_prerequisite = 0;
}

static uint32_t incomplete_of(struct lowerer *L, const struct zi_group *g, uint32_t acc)
{
    for (const struct zi_member *m = g->members; m; m = m->next) {
        if (m->group) {
            acc = incomplete_of(L, m->group, acc);
        } else if (m->item->policy == ZI_POLICY_ERROR) {
            uint32_t missing = emit(L, ZI_OPC_NOT, m->item->op_present, 0, 0);
            acc = acc == ZI_MODEL_NONE ? missing : emit(L, ZI_OPC_OR, acc, missing, 0);
        }
    }
    return acc;
}

static int by_order(const void *a, const void *b)
{
    const struct zi_let *x = *(const struct zi_let *const *)a, *y = *(const struct zi_let *const *)b;
    return x->order < y->order ? -1 : x->order > y->order;
}

struct zi_model *zi_model_lower(struct zi_criteria *criteria, const struct zi_source *source,
                                const char *compiler_version, struct zi_arena *arena)
{
    struct lowerer L = {0};
    L.criteria = criteria;
    L.source = source;
    L.arena = arena;

    /* 1. The descriptor's inputs and outputs, in document order. */
    uint32_t n_inputs = 0;
    for (const struct zi_member *m = criteria->groups; m; m = m->next)
        n_inputs += count_inputs(m->group);
    for (const struct zi_facts *f = criteria->facts; f; f = f->next)
        for (const struct zi_input *in = f->facts; in; in = in->next)
            n_inputs++;
    L.inputs = zi_arena_alloc(arena, (n_inputs ? n_inputs : 1) * sizeof *L.inputs);
    L.input_nodes = zi_arena_alloc(arena, (n_inputs ? n_inputs : 1) * sizeof *L.input_nodes);
    add_output(&L, criteria->span, ZI_OUTPUT_TOTAL, "total", NULL, "Total", -1, 0, true,
               criteria->total_weight);
    for (const struct zi_member *m = criteria->groups; m; m = m->next)
        describe_group(&L, m->group, NULL, -1, 0);
    for (const struct zi_facts *f = criteria->facts; f; f = f->next)
        for (struct zi_input *in = f->facts; in; in = in->next)
            describe_fact(&L, in);
    for (const struct zi_view *v = criteria->views; v; v = v->next)
        for (unsigned i = 0; i < v->n_members; i++) {
            struct zi_view_member *vm = &v->members[i];
            const char *title =
                zi_arena_printf(arena, "%s (%s)", vm->title, or_name(&v->title, v->name.text));
            vm->output = add_output(&L, v->span, ZI_OUTPUT_VIEW,
                                    zi_arena_printf(arena, "%s.%s", v->name.text, vm->name.text), NULL, title,
                                    -1, 0, true, vm->weight);
        }
    unsigned n_lets = 0;
    for (const struct zi_let *l = criteria->lets; l; l = l->next)
        n_lets++;
    struct zi_let **lets = zi_arena_alloc(arena, (n_lets ? n_lets : 1) * sizeof *lets);
    n_lets = 0;
    for (struct zi_let *l = criteria->lets; l; l = l->next) {
        lets[n_lets++] = l;
        bool points = l->expr->type == ZI_TYPE_POINTS;
        l->output = add_output(&L, l->span, ZI_OUTPUT_LET, l->name.text, NULL,
                               or_name(&l->title, l->name.text), -1, 0, points, l->expr->weight);
    }
    qsort(lets, n_lets, sizeof *lets, by_order);

    /* 2. The program: inputs, items and groups bottom-up, views, total, lets, conditions. */
    for (uint32_t i = 0; i < L.n_inputs; i++) {
        struct zi_op in = {.code = ZI_OPC_INPUT, .index = i},
                     pr = {.code = ZI_OPC_PRESENT, .is_bool = true, .index = i};
        push(&L, in);
        push(&L, pr);
    }
    uint32_t total = ZI_MODEL_NONE;
    for (const struct zi_member *m = criteria->groups; m; m = m->next) {
        lower_group(&L, m->group);
        total = total == ZI_MODEL_NONE ? m->group->op : emit(&L, ZI_OPC_ADD, total, m->group->op, 0);
    }
    criteria->op_total = total == ZI_MODEL_NONE ? constant(&L, 0, false) : total;
    for (const struct zi_view *v = criteria->views; v; v = v->next)
        for (unsigned i = 0; i < v->n_members; i++)
            v->members[i].op = sum_of(&L, v->members[i].parts, v->n_paths);
    for (unsigned i = 0; i < n_lets; i++)
        lets[i]->op = lower(&L, lets[i]->expr);

    unsigned n_verdicts = 0;
    for (const struct zi_verdict *v = criteria->verdicts; v; v = v->next)
        n_verdicts++;
    struct zi_verdict_desc *verdicts =
        zi_arena_alloc(arena, (n_verdicts ? n_verdicts : 1) * sizeof *verdicts);
    unsigned k = 0;
    for (const struct zi_verdict *v = criteria->verdicts; v; v = v->next, k++) {
        verdicts[k].id = v->name.text;
        verdicts[k].title = or_name(&v->title, v->name.text);
        verdicts[k].first_condition = L.n_conditions;
        verdicts[k].is_fallback = v->is_otherwise;
        for (const struct zi_condition *c = v->conditions; c; c = c->next)
            lower_condition(&L, c, (int)k);
        verdicts[k].n_conditions = L.n_conditions - verdicts[k].first_condition;
    }
    for (const struct zi_member *m = criteria->groups; m; m = m->next)
        lower_requires(&L, m->group);
    k = 0;
    for (const struct zi_verdict *v = criteria->verdicts; v; v = v->next, k++)
        if (v->prerequisites) lower_prerequisites(&L, v->prerequisites, &verdicts[k], (int)k);
    uint32_t incomplete = ZI_MODEL_NONE;
    for (const struct zi_member *m = criteria->groups; m; m = m->next)
        incomplete = incomplete_of(&L, m->group, incomplete);

    /* 3. Tie outputs to operations and finish the descriptor. */
    struct zi_model *model = zi_arena_alloc(arena, sizeof *model);
    model->outputs = zi_arena_alloc(arena, L.n_outputs * sizeof *model->outputs);
    model->outputs[0] = criteria->op_total;
    for (uint32_t o = 1; o < L.n_outputs; o++)
        model->outputs[o] = ZI_MODEL_NONE;
    for (const struct zi_member *m = criteria->groups; m; m = m->next) {
        /* Walk groups again to map their outputs (document order) to operations. */
        const struct zi_group *stack[ZI_MAX_GROUP_DEPTH + 8];
        unsigned depth = 0;
        stack[depth++] = m->group;
        while (depth) {
            const struct zi_group *g = stack[--depth];
            model->outputs[g->output] = g->op;
            for (const struct zi_member *c = g->members; c; c = c->next) {
                if (c->group && depth < ZI_MAX_GROUP_DEPTH + 8)
                    stack[depth++] = c->group;
                else if (c->item)
                    model->outputs[c->item->output] = c->item->op_points;
            }
        }
    }
    for (const struct zi_view *v = criteria->views; v; v = v->next)
        for (unsigned i = 0; i < v->n_members; i++)
            model->outputs[v->members[i].output] = v->members[i].op;
    for (unsigned i = 0; i < n_lets; i++)
        model->outputs[lets[i]->output] = as_number(&L, lets[i]->op);

    model->output_spans = L.output_spans;
    model->condition_spans = L.condition_spans;
    model->input_spans = zi_arena_alloc(arena, (L.n_inputs ? L.n_inputs : 1) * sizeof *model->input_spans);
    for (uint32_t i = 0; i < L.n_inputs; i++) /* a fact's own span starts where its list does (parser.y) */
        model->input_spans[i] =
            L.input_nodes[i]->facts ? L.input_nodes[i]->name.span : L.input_nodes[i]->span;
    model->verdict_spans =
        zi_arena_alloc(arena, (n_verdicts ? n_verdicts : 1) * sizeof *model->verdict_spans);
    k = 0;
    for (const struct zi_verdict *v = criteria->verdicts; v; v = v->next)
        model->verdict_spans[k++] = v->span;
    model->ops = L.ops;
    model->n_ops = L.n_ops;
    model->conditions = L.model_conditions;
    model->incomplete = incomplete;

    struct zi_module *d = &model->descriptor;
    d->magic = ZI_MODULE_MAGIC;
    d->abi_version = ZI_MODULE_ABI_VERSION;
    d->descriptor_size = sizeof *d;
    d->criteria_id = criteria->name.text;
    d->title = or_name(&criteria->title, criteria->name.text);
    d->regulation = criteria->regulation.text ? criteria->regulation.text : "";
    d->language = criteria->language == ZI_LANGUAGE_ID   ? "id"
                  : criteria->language == ZI_LANGUAGE_EN ? "en"
                                                         : NULL;
    /* Provenance: every file of a chain of `extends`, the compiled one first, then its base, and so on; the
     * compiled file's own hash, as `sha256sum` gives it, not the whole chain's. */
    struct zi_source_desc *sources = zi_arena_alloc(arena, source->n_files * sizeof *sources);
    for (size_t k = 0; k < source->n_files; k++) {
        sources[k].name = zi_arena_strndup(arena, source->files[k].name, strlen(source->files[k].name));
        sources[k].sha256 = zi_arena_strndup(arena, source->files[k].sha256, 64);
    }
    d->n_sources = (uint32_t)source->n_files;
    d->sources = sources;
    d->source_name = sources[0].name;
    d->source_sha256 = sources[0].sha256;
    d->compiler_version = compiler_version;
    d->n_inputs = L.n_inputs;
    d->n_outputs = L.n_outputs;
    d->n_conditions = L.n_conditions;
    d->n_verdicts = n_verdicts;
    d->n_failed_words = L.n_conditions ? (L.n_conditions + 63) / 64 : 1;
    d->total_output = 0;
    d->n_code_columns = L.n_code_columns;
    d->n_number_columns = L.n_number_columns;
    d->inputs = L.inputs;
    d->outputs = L.outputs;
    d->conditions = L.conditions ? L.conditions : zi_arena_alloc(arena, sizeof *d->conditions);
    d->verdicts = verdicts;
    /* What each view member adds up (zi_view_part), members in descriptor order. */
    uint32_t n_parts = 0;
    for (const struct zi_view *v = criteria->views; v; v = v->next)
        n_parts += v->n_members * v->n_paths;
    struct zi_view_part *parts = zi_arena_alloc(arena, (n_parts ? n_parts : 1) * sizeof *parts);
    n_parts = 0;
    for (const struct zi_view *v = criteria->views; v; v = v->next)
        for (unsigned i = 0; i < v->n_members; i++)
            for (unsigned p = 0; p < v->n_paths; p++) {
                const struct zi_ref *part = &v->members[i].parts[p];
                int out = part->kind == ZI_REF_GROUP  ? part->u.group->output
                          : part->kind == ZI_REF_ITEM ? part->u.item->output
                                                      : -1;
                if (out >= 0) parts[n_parts++] = (struct zi_view_part){v->members[i].output, out};
            }
    d->n_view_parts = n_parts;
    d->view_parts = parts;
    d->checksum = zi_module_checksum(d);
    return model;
}
