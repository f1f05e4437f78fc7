/* check_types.c — the type and the range of values of every expression (docs/language.md §4). Types catch
 * comparisons that mean nothing (an index against a percentage); ranges catch divisions that can be by zero,
 * scores that can leave [0, 1], and conditions that can never hold. */
#include <math.h>
#include <string.h>

#include "checks.h"

/* Divisors known to be non-zero where an expression is evaluated: `if d == 0 then … else <here>`. */
enum { MAX_GUARDS = 16 };
struct guards {
    const void *targets[MAX_GUARDS];
    unsigned n;
};

static const char *type_name(enum zi_type t)
{
    switch (t) {
    case ZI_TYPE_NUMBER:
        return "a number";
    case ZI_TYPE_PERCENT:
        return "a percentage";
    case ZI_TYPE_POINTS:
        return "a score";
    case ZI_TYPE_BOOL:
        return "a condition";
    case ZI_TYPE_LABEL:
        return "a grade or category";
    case ZI_TYPE_STRING:
        return "a label";
    default:
        return "an invalid value";
    }
}

static const char *const op_symbols[] = {">=", ">", "<=", "<", "==", "!="};

/* The same comparison with its operands swapped: a >= b is b <= a. */
static enum zi_binop flip_op(enum zi_binop op)
{
    static const enum zi_binop mirror[] = {ZI_OP_LE, ZI_OP_LT, ZI_OP_GE, ZI_OP_GT, ZI_OP_EQ, ZI_OP_NE};
    return mirror[op - ZI_OP_GE];
}

static bool numeric(enum zi_type t)
{
    return t == ZI_TYPE_NUMBER || t == ZI_TYPE_PERCENT || t == ZI_TYPE_POINTS;
}

static void set(struct zi_expr *e, enum zi_type type, double lo, double hi)
{
    e->type = type;
    e->lo = lo;
    e->hi = hi;
}

static double mul0(double a, double b)
{
    return a == 0 || b == 0 ? 0 : a * b; /* 0 × ∞ is 0 here: a bound, not a value */
}

static void interval_mul(double alo, double ahi, double blo, double bhi, double *lo, double *hi)
{
    double c[4] = {mul0(alo, blo), mul0(alo, bhi), mul0(ahi, blo), mul0(ahi, bhi)};
    *lo = *hi = c[0];
    for (int i = 1; i < 4; i++) {
        *lo = c[i] < *lo ? c[i] : *lo;
        *hi = c[i] > *hi ? c[i] : *hi;
    }
}

static const void *ref_target(const struct zi_expr *e)
{
    return e->kind == ZI_EXPR_PATH ? (const void *)e->ref.u.input : NULL;
}

static bool guarded(const struct guards *g, const struct zi_expr *divisor)
{
    const void *target = ref_target(divisor);
    for (unsigned i = 0; target && i < g->n; i++)
        if (g->targets[i] == target) return true;
    return false;
}

/* If `cond` is `X == 0` (X a name), X is non-zero in the else branch; `X != 0` or `X > 0`: in the then
 * branch. Returns X's target and which branch it guards. */
static const void *guard_of(const struct zi_expr *cond, bool *in_then)
{
    if (cond->kind != ZI_EXPR_BINARY) return NULL;
    const struct zi_expr *name = cond->lhs, *zero = cond->rhs;
    if (name->kind != ZI_EXPR_PATH) {
        name = cond->rhs;
        zero = cond->lhs;
    }
    if (name->kind != ZI_EXPR_PATH || zero->kind != ZI_EXPR_NUMBER || zero->number != 0) return NULL;
    switch (cond->op) {
    case ZI_OP_EQ:
    case ZI_OP_LE:
        *in_then = false;
        return ref_target(name);
    case ZI_OP_NE:
    case ZI_OP_GT:
        *in_then = true;
        return ref_target(name);
    default:
        return NULL;
    }
}

static void infer(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item, struct guards *g);

/* A label or a grade or category fact where a number or a condition is wanted (E028): labels are only ever
 * compared, `FACT == "pemda"`, `FACT >= "B"` or `FACT in [...]`. Returns true when `e` is one (reported). */
static bool misplaced_label(struct zi_checker *ck, const struct zi_expr *e)
{
    if (e->type != ZI_TYPE_STRING && e->type != ZI_TYPE_LABEL) return false;
    size_t len;
    const char *text = zi_source_slice(ck->diag->source, e->span, &len);
    if (e->type == ZI_TYPE_STRING)
        zi_diag_report(
            ck->diag, ZI_SEV_ERROR, e->span, "E028",
            "a string such as %.*s is a label: it can only be compared with a grade or category fact "
            "('FACT == %.*s', 'FACT in [%.*s, …]')",
            len > 40 ? 40 : (int)len, text, len > 40 ? 40 : (int)len, text, len > 40 ? 40 : (int)len, text);
    else
        zi_diag_report(
            ck->diag, ZI_SEV_ERROR, e->span, "E028",
            "'%.*s' is a %s: compare it with one of its labels ('== \"%s\"') or list them ('in [...]')",
            len > 60 ? 60 : (int)len, text, e->labels->ordered ? "grade" : "category",
            e->labels->values->spellings[0].text);
    return true;
}

static void infer_path(struct zi_checker *ck, struct zi_expr *e)
{
    const struct zi_ref *r = &e->ref;
    switch (r->kind) {
    case ZI_REF_TOTAL:
        set(e, ZI_TYPE_POINTS, 0, ck->criteria->total_weight);
        e->weight = ck->criteria->total_weight;
        break;
    case ZI_REF_GROUP:
        set(e, ZI_TYPE_POINTS, 0, r->u.group->weight);
        e->weight = r->u.group->weight;
        break;
    case ZI_REF_ITEM:
        set(e, ZI_TYPE_POINTS, 0, r->u.item->points);
        e->weight = r->u.item->points;
        break;
    case ZI_REF_MEMBER:
        set(e, ZI_TYPE_POINTS, 0, r->u.member->weight);
        e->weight = r->u.member->weight;
        break;
    case ZI_REF_INPUT: {
        const struct zi_input *in = r->u.input;
        bool fraction = in->kind == ZI_INPUT_PERCENT || in->kind == ZI_INPUT_SCALE;
        set(e, fraction ? ZI_TYPE_PERCENT : ZI_TYPE_NUMBER, in->lo, in->hi);
        break;
    }
    case ZI_REF_LET: {
        const struct zi_expr *value = r->u.let->expr;
        set(e, value->type, value->lo, value->hi);
        e->weight = value->weight;
        break;
    }
    case ZI_REF_FACT: {
        const struct zi_input *f = r->u.input;
        if (f->labels) {
            set(e, ZI_TYPE_LABEL, f->lo, f->hi);
            e->labels = f->labels;
        } else {
            enum zi_type t = f->kind == ZI_INPUT_BOOLEAN   ? ZI_TYPE_BOOL
                             : f->kind == ZI_INPUT_PERCENT ? ZI_TYPE_PERCENT
                                                           : ZI_TYPE_NUMBER;
            set(e, t, f->lo, f->hi);
        }
        break;
    }
    case ZI_REF_FACTS:
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E029",
                       "'%s' is a block of facts: name one of them ('%s.%s')", r->u.facts->name.text,
                       r->u.facts->name.text, r->u.facts->facts ? r->u.facts->facts->name.text : "x");
        set(e, ZI_TYPE_ERROR, 0, 0);
        break;
    case ZI_REF_VIEW:
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E029",
                       "'%s' is a view, a set of scores: name one member ('%s.%s'), or compare each with "
                       "'all %s …' in a verdict",
                       r->u.view->name.text, r->u.view->name.text,
                       r->u.view->n_members ? r->u.view->members[0].name.text : "x", r->u.view->name.text);
        set(e, ZI_TYPE_ERROR, 0, 0);
        break;
    default:
        set(e, ZI_TYPE_ERROR, 0, 0);
        break;
    }
}

static int builtin_of(const char *name)
{
    static const struct {
        const char *name;
        int fn;
    } table[] = {{"min", ZI_FN_MIN},
                 {"max", ZI_FN_MAX},
                 {"clamp", ZI_FN_CLAMP},
                 {"abs", ZI_FN_ABS},
                 {"ratio", ZI_FN_RATIO}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0) return table[i].fn;
    return ZI_FN_NONE;
}

static void infer_call(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item, struct guards *g)
{
    const char *name = e->path.segments[0].text;
    e->builtin = builtin_of(name);
    bool failed = false, all_percent = true;
    for (struct zi_expr *a = e->args; a; a = a->next) {
        infer(ck, a, item, g);
        if (a->type == ZI_TYPE_ERROR || misplaced_label(ck, a)) {
            failed = true;
        } else if (!numeric(a->type)) {
            zi_diag_report(ck->diag, ZI_SEV_ERROR, a->span, "E029", "'%s' takes numbers, not %s", name,
                           type_name(a->type));
            failed = true;
        }
        all_percent &= a->type == ZI_TYPE_PERCENT;
    }
    unsigned lo_args = 0, hi_args = 0;
    switch (e->builtin) {
    case ZI_FN_MIN:
    case ZI_FN_MAX:
        lo_args = 1;
        hi_args = ~0u;
        break;
    case ZI_FN_CLAMP:
        lo_args = hi_args = 3;
        break;
    case ZI_FN_ABS:
        lo_args = hi_args = 1;
        break;
    case ZI_FN_RATIO:
        lo_args = 2;
        hi_args = 3;
        break;
    default: {
        const char *names[] = {"min", "max", "clamp", "abs", "ratio"};
        const char *close = zi_suggest(ck->arena, name, names, 5);
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->path.span, "E037", "unknown function '%s'%s%s%s", name,
                       close ? "; did you mean " : "", close ? close : "", close ? "?" : "");
        set(e, ZI_TYPE_ERROR, 0, 0);
        return;
    }
    }
    if (e->n_args < lo_args || e->n_args > hi_args) {
        const char *expected = e->builtin == ZI_FN_CLAMP ? "3 arguments (value, lowest, highest)"
                               : e->builtin == ZI_FN_ABS ? "1 argument"
                               : e->builtin == ZI_FN_RATIO
                                   ? "2 or 3 arguments (numerator, denominator[, value "
                                     "when the denominator is 0])"
                                   : "at least 1 argument";
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E037", "'%s' takes %s, not %u", name, expected,
                       e->n_args);
        failed = true;
    }
    if (failed) {
        set(e, ZI_TYPE_ERROR, 0, 0);
        return;
    }
    struct zi_expr *a0 = e->args, *a1 = a0->next, *a2 = a1 ? a1->next : NULL;
    switch (e->builtin) {
    case ZI_FN_MIN:
    case ZI_FN_MAX: {
        double lo = a0->lo, hi = a0->hi;
        for (struct zi_expr *a = a0->next; a; a = a->next) {
            if (e->builtin == ZI_FN_MIN) {
                lo = fmin(lo, a->lo);
                hi = fmin(hi, a->hi);
            } else {
                lo = fmax(lo, a->lo);
                hi = fmax(hi, a->hi);
            }
        }
        set(e, all_percent ? ZI_TYPE_PERCENT : ZI_TYPE_NUMBER, lo, hi);
        break;
    }
    case ZI_FN_CLAMP:
        set(e, a0->type == ZI_TYPE_PERCENT ? ZI_TYPE_PERCENT : ZI_TYPE_NUMBER,
            fmin(fmax(a0->lo, a1->lo), a2->hi), fmax(fmin(a0->hi, a2->hi), a1->lo));
        break;
    case ZI_FN_ABS: {
        double lo = a0->lo >= 0 ? a0->lo : a0->hi <= 0 ? -a0->hi : 0;
        set(e, a0->type == ZI_TYPE_PERCENT ? ZI_TYPE_PERCENT : ZI_TYPE_NUMBER, lo,
            fmax(fabs(a0->lo), fabs(a0->hi)));
        break;
    }
    default: /* ratio */
        set(e, ZI_TYPE_PERCENT, a2 ? fmin(0, a2->lo) : 0, a2 ? fmax(1, a2->hi) : 1);
        break;
    }
}

static void infer_arith(struct zi_checker *ck, struct zi_expr *e, const struct guards *g)
{
    struct zi_expr *a = e->lhs, *b = e->rhs;
    static const char *const symbols[] = {"+", "-", "*", "/"};
    for (struct zi_expr *side = a; side; side = side == a ? b : NULL)
        if (side->type == ZI_TYPE_BOOL) {
            zi_diag_report(ck->diag, ZI_SEV_ERROR, side->span, "E029",
                           "'%s' needs numbers on both sides, but this is a condition", symbols[e->op]);
            set(e, ZI_TYPE_ERROR, 0, 0);
            return;
        }
    enum zi_type type =
        (e->op == ZI_OP_ADD || e->op == ZI_OP_SUB) && a->type == ZI_TYPE_PERCENT && b->type == ZI_TYPE_PERCENT
            ? ZI_TYPE_PERCENT
            : ZI_TYPE_NUMBER;
    double lo, hi;
    switch (e->op) {
    case ZI_OP_ADD:
        lo = a->lo + b->lo;
        hi = a->hi + b->hi;
        break;
    case ZI_OP_SUB:
        lo = a->lo - b->hi;
        hi = a->hi - b->lo;
        break;
    case ZI_OP_MUL:
        interval_mul(a->lo, a->hi, b->lo, b->hi, &lo, &hi);
        break;
    default: /* division; by zero gives 0 */
        if (b->lo > 0 || b->hi < 0) {
            interval_mul(a->lo, a->hi, 1 / b->hi, 1 / b->lo, &lo, &hi);
        } else {
            bool nonneg = a->lo >= 0 && b->lo >= 0;
            lo = nonneg ? 0 : -HUGE_VAL;
            hi = HUGE_VAL;
            if (!guarded(g, b) && !(b->lo == 0 && b->hi == 0)) {
                size_t len;
                const char *text = zi_source_slice(ck->diag->source, b->span, &len);
                struct zi_diagnostic *d =
                    zi_diag_report(ck->diag, ZI_SEV_WARNING, b->span, "W104",
                                   "division by '%.*s', which can be 0 (a division by zero gives 0)",
                                   len > 60 ? 60 : (int)len, text);
                zi_diag_add_hint(ck->diag, d,
                                 "say what a zero denominator means: 'if %.*s == 0 then … else …', or "
                                 "ratio(numerator, denominator, value_when_zero)",
                                 len > 60 ? 60 : (int)len, text);
            }
        }
        break;
    }
    set(e, type, lo, hi);
}

/* The fix for a percentage compared with a number (E039). An answer with a range (an index from 0 to 4) has
 * the percentage's value in that range — 90% of 0 to 4 is 3.60, not 0.9 — and its item's score takes the
 * percentage as it is. */
static void hint_for_percentage(struct zi_checker *ck, struct zi_diagnostic *d, const struct zi_expr *cmp,
                                const struct zi_expr *number, const struct zi_expr *percent)
{
    const struct zi_input *in =
        number->kind == ZI_EXPR_PATH && number->ref.kind == ZI_REF_INPUT ? number->ref.u.input : NULL;
    bool ranged = in && isfinite(in->lo) && isfinite(in->hi) && in->hi > in->lo;
    if (number->kind == ZI_EXPR_NUMBER) {
        /* A percentage answer against a bare number: 90 or 0.9, both meant as 90%. */
        size_t len;
        const char *text = zi_source_slice(ck->diag->source, percent->span, &len);
        double x = number->number > 1 ? number->number : number->number * 100;
        zi_diag_add_hint(ck->diag, d, "'%.*s' is a percentage: write the number with '%%' (%s%%)",
                         len > 60 ? 60 : (int)len, text, zi_number_text(ck, x));
        return;
    }
    if (!ranged || percent->kind != ZI_EXPR_NUMBER) {
        zi_diag_add_hint(
            ck->diag, d,
            "compare with a plain number, or compare a score (a group or item), whose weight the "
            "percentage is of");
        return;
    }
    enum zi_binop op = number == cmp->lhs ? cmp->op : flip_op(cmp->op);
    size_t len;
    const char *text = zi_source_slice(ck->diag->source, number->span, &len);
    int shown = len > 60 ? 60 : (int)len;
    const char *pct = zi_number_text(ck, percent->number * 100);
    double value = in->lo + percent->number * (in->hi - in->lo);
    const char *lo = zi_number_text(ck, in->lo), *hi = zi_number_text(ck, in->hi);
    const char *item = in->item && !in->item->is_score ? in->item->name.text : NULL;
    if (item && shown > 7 && strncmp(text + shown - 7, ".answer", 7) == 0)
        zi_diag_add_hint(
            ck->diag, d,
            "'%.*s' runs from %s to %s, and %s%% of that is %.2f: write '%.*s %s %.2f', or compare "
            "the item's score, which is a share of its weight: '%.*s %s %s%%'",
            shown, text, lo, hi, pct, value, shown, text, op_symbols[op - ZI_OP_GE], value, shown - 7, text,
            op_symbols[op - ZI_OP_GE], pct);
    else
        zi_diag_add_hint(ck->diag, d,
                         "'%.*s' runs from %s to %s, and %s%% of that is %.2f: write '%.*s %s %.2f'", shown,
                         text, lo, hi, pct, value, shown, text, op_symbols[op - ZI_OP_GE], value);
}

/* A comparison with a grade or category on the left: a label (resolved to its value), or a fact of the same
 * grade or category, on the right. `<`, `>`, `<=`, `>=` need an order (E063). */
static void infer_label_compare(struct zi_checker *ck, struct zi_expr *e)
{
    struct zi_expr *a = e->lhs, *b = e->rhs;
    set(e, ZI_TYPE_ERROR, 0, 1);
    if (a->type != ZI_TYPE_LABEL) {
        if (b->type == ZI_TYPE_LABEL && a->type == ZI_TYPE_STRING) {
            size_t alen, blen;
            const char *atext = zi_source_slice(ck->diag->source, a->span, &alen);
            const char *btext = zi_source_slice(ck->diag->source, b->span, &blen);
            zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E028",
                           "the label goes after the fact it is compared with: write '%.*s %s %.*s'",
                           blen > 60 ? 60 : (int)blen, btext, op_symbols[flip_op(e->op) - ZI_OP_GE],
                           alen > 60 ? 60 : (int)alen, atext);
        } else {
            misplaced_label(ck, b->type == ZI_TYPE_LABEL || b->type == ZI_TYPE_STRING ? b : a);
        }
        return;
    }
    if (b->type == ZI_TYPE_STRING) {
        if (!zi_resolve_label(ck, b, a->labels)) return;
    } else if (b->type != ZI_TYPE_LABEL || b->labels != a->labels) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E028", "cannot compare %s '%s' with %s",
                       a->labels->ordered ? "grade" : "category", a->labels->name.text,
                       b->type == ZI_TYPE_LABEL
                           ? zi_arena_printf(ck->arena, "%s '%s'", b->labels->ordered ? "grade" : "category",
                                             b->labels->name.text)
                           : type_name(b->type));
        return;
    }
    if (!a->labels->ordered && e->op != ZI_OP_EQ && e->op != ZI_OP_NE) {
        zi_diag_report(
            ck->diag, ZI_SEV_ERROR, e->span, "E063",
            "'%s' on category '%s', whose values have no order: compare with '==' or '!=', or list "
            "the values that qualify with 'in [...]'",
            op_symbols[e->op - ZI_OP_GE], a->labels->name.text);
        return;
    }
    set(e, ZI_TYPE_BOOL, 0, 1);
}

static void infer_in(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item, struct guards *g)
{
    infer(ck, e->lhs, item, g);
    set(e, ZI_TYPE_ERROR, 0, 1);
    if (e->lhs->type == ZI_TYPE_ERROR) return;
    if (e->lhs->type != ZI_TYPE_LABEL) {
        size_t len;
        const char *text = zi_source_slice(ck->diag->source, e->lhs->span, &len);
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E028",
                       "'in [...]' lists labels of a grade or category, and '%.*s' is %s",
                       len > 60 ? 60 : (int)len, text, type_name(e->lhs->type));
        return;
    }
    bool resolved = true;
    for (struct zi_expr *s = e->args; s; s = s->next) {
        set(s, ZI_TYPE_STRING, 0, 0);
        resolved &= zi_resolve_label(ck, s, e->lhs->labels);
    }
    if (resolved) set(e, ZI_TYPE_BOOL, 0, 1);
}

static void infer_compare(struct zi_checker *ck, struct zi_expr *e)
{
    struct zi_expr *a = e->lhs, *b = e->rhs;
    if (a->type == ZI_TYPE_LABEL || a->type == ZI_TYPE_STRING || b->type == ZI_TYPE_LABEL ||
        b->type == ZI_TYPE_STRING) {
        infer_label_compare(ck, e);
        return;
    }
    bool a_bool = a->type == ZI_TYPE_BOOL, b_bool = b->type == ZI_TYPE_BOOL;
    if (a_bool || b_bool) {
        if (a_bool != b_bool || (e->op != ZI_OP_EQ && e->op != ZI_OP_NE))
            zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E028", "cannot compare %s with %s",
                           type_name(a->type), type_name(b->type));
        set(e, a_bool == b_bool ? ZI_TYPE_BOOL : ZI_TYPE_ERROR, 0, 1);
        return;
    }
    bool a_pct = a->type == ZI_TYPE_PERCENT, b_pct = b->type == ZI_TYPE_PERCENT;
    if (a_pct != b_pct) {
        struct zi_expr *other = a_pct ? b : a;
        if (other->type == ZI_TYPE_POINTS) {
            /* A score against a percentage: the percentage is of the score's weight. */
            e->percent_of_weight = true;
            e->weight = other->weight;
        } else {
            size_t len;
            const char *text = zi_source_slice(ck->diag->source, other->span, &len);
            struct zi_diagnostic *d =
                zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E039",
                               "compares a number with a percentage: '%.*s' has no weight to take a "
                               "percentage of",
                               len > 60 ? 60 : (int)len, text);
            hint_for_percentage(ck, d, e, other, a_pct ? a : b);
            set(e, ZI_TYPE_ERROR, 0, 1);
            return;
        }
    }
    set(e, ZI_TYPE_BOOL, 0, 1);
}

static void infer(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item, struct guards *g)
{
    switch (e->kind) {
    case ZI_EXPR_ERROR:
        set(e, ZI_TYPE_ERROR, 0, 0);
        return;
    case ZI_EXPR_NUMBER:
        set(e, e->is_percent ? ZI_TYPE_PERCENT : ZI_TYPE_NUMBER, e->number, e->number);
        return;
    case ZI_EXPR_BOOL:
        set(e, ZI_TYPE_BOOL, e->boolean, e->boolean);
        return;
    case ZI_EXPR_STRING:
        set(e, ZI_TYPE_STRING, 0, 0);
        return;
    case ZI_EXPR_IN:
        infer_in(ck, e, item, g);
        return;
    case ZI_EXPR_PATH:
        infer_path(ck, e);
        return;
    case ZI_EXPR_CALL:
        infer_call(ck, e, item, g);
        return;
    case ZI_EXPR_NEG:
        infer(ck, e->lhs, item, g);
        if (e->lhs->type == ZI_TYPE_ERROR || e->lhs->type == ZI_TYPE_BOOL || misplaced_label(ck, e->lhs)) {
            if (e->lhs->type == ZI_TYPE_BOOL)
                zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E029",
                               "'-' needs a number, not a condition");
            set(e, ZI_TYPE_ERROR, 0, 0);
            return;
        }
        set(e, e->lhs->type == ZI_TYPE_PERCENT ? ZI_TYPE_PERCENT : ZI_TYPE_NUMBER, -e->lhs->hi, -e->lhs->lo);
        return;
    case ZI_EXPR_NOT:
        infer(ck, e->lhs, item, g);
        if (e->lhs->type != ZI_TYPE_BOOL) {
            if (e->lhs->type != ZI_TYPE_ERROR && !misplaced_label(ck, e->lhs))
                zi_diag_report(ck->diag, ZI_SEV_ERROR, e->lhs->span, "E029",
                               "'not' needs a condition, not %s", type_name(e->lhs->type));
            set(e, ZI_TYPE_ERROR, 0, 0);
            return;
        }
        set(e, ZI_TYPE_BOOL, 0, 1);
        return;
    case ZI_EXPR_IF: {
        infer(ck, e->cond, item, g);
        bool in_then = false;
        const void *target = guard_of(e->cond, &in_then);
        struct zi_expr *branches[2] = {e->lhs, e->rhs};
        for (int i = 0; i < 2; i++) {
            bool push = target && (i == 0) == in_then && g->n < MAX_GUARDS;
            if (push) g->targets[g->n++] = target;
            infer(ck, branches[i], item, g);
            if (push) g->n--;
        }
        if (e->cond->type != ZI_TYPE_BOOL && e->cond->type != ZI_TYPE_ERROR && !misplaced_label(ck, e->cond))
            zi_diag_report(ck->diag, ZI_SEV_ERROR, e->cond->span, "E029", "'if' needs a condition, not %s",
                           type_name(e->cond->type));
        enum zi_type t1 = e->lhs->type, t2 = e->rhs->type;
        bool labels = misplaced_label(ck, e->lhs);
        labels = misplaced_label(ck, e->rhs) || labels; /* both branches reported */
        if (e->cond->type != ZI_TYPE_BOOL || t1 == ZI_TYPE_ERROR || t2 == ZI_TYPE_ERROR || labels) {
            set(e, ZI_TYPE_ERROR, 0, 0);
            return;
        }
        if ((t1 == ZI_TYPE_BOOL) != (t2 == ZI_TYPE_BOOL)) {
            zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E029",
                           "the branches of 'if' give %s and %s; both must be conditions or both numbers",
                           type_name(t1), type_name(t2));
            set(e, ZI_TYPE_ERROR, 0, 0);
            return;
        }
        enum zi_type t = t1 == t2 && t1 != ZI_TYPE_POINTS ? t1 : ZI_TYPE_NUMBER;
        set(e, t, fmin(e->lhs->lo, e->rhs->lo), fmax(e->lhs->hi, e->rhs->hi));
        return;
    }
    case ZI_EXPR_BINARY:
        break;
    }
    infer(ck, e->lhs, item, g);
    infer(ck, e->rhs, item, g);
    if (e->lhs->type == ZI_TYPE_ERROR || e->rhs->type == ZI_TYPE_ERROR) {
        set(e, ZI_TYPE_ERROR, 0, 0);
        return;
    }
    bool labels = e->op < ZI_OP_GE && misplaced_label(ck, e->lhs);
    labels = (e->op < ZI_OP_GE && misplaced_label(ck, e->rhs)) || labels; /* both operands reported */
    if (labels) {
        set(e, ZI_TYPE_ERROR, 0, 0);
        return;
    }
    switch (e->op) {
    case ZI_OP_AND:
    case ZI_OP_OR:
        for (struct zi_expr *side = e->lhs; side; side = side == e->lhs ? e->rhs : NULL)
            if (side->type != ZI_TYPE_BOOL) {
                zi_diag_report(ck->diag, ZI_SEV_ERROR, side->span, "E029", "'%s' joins conditions, not %s",
                               e->op == ZI_OP_AND ? "and" : "or", type_name(side->type));
                set(e, ZI_TYPE_ERROR, 0, 0);
                return;
            }
        set(e, ZI_TYPE_BOOL, 0, 1);
        return;
    case ZI_OP_ADD:
    case ZI_OP_SUB:
    case ZI_OP_MUL:
    case ZI_OP_DIV:
        infer_arith(ck, e, g);
        return;
    default:
        infer_compare(ck, e);
        return;
    }
}

void zi_check_expr(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item)
{
    struct guards g = {{0}, 0};
    infer(ck, e, item, &g);
    if (misplaced_label(ck, e)) set(e, ZI_TYPE_ERROR, 0, 0);
}

static void check_item(struct zi_checker *ck, struct zi_item *item)
{
    if (item->expr) {
        zi_check_expr(ck, item->expr, item);
        struct zi_expr *e = item->expr;
        if (e->type == ZI_TYPE_BOOL)
            zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E029",
                           "the score of '%s' must be a number in [0, 1], not a condition", item->code.text);
        else if (e->type != ZI_TYPE_ERROR && (e->lo < -ZI_EPSILON || e->hi > 1 + ZI_EPSILON))
            zi_diag_report(ck->diag, ZI_SEV_WARNING, e->span, "W109",
                           "the score of '%s' can range over [%g, %g] and is clamped to [0, 1]",
                           item->code.text, e->lo, e->hi);
    }
    for (struct zi_require *r = item->requires; r; r = r->next) {
        zi_check_expr(ck, r->expr, item);
        if (r->expr->type != ZI_TYPE_BOOL && r->expr->type != ZI_TYPE_ERROR)
            zi_diag_report(ck->diag, ZI_SEV_ERROR, r->expr->span, "E036",
                           "a 'require' rule must be a condition, "
                           "not %s",
                           type_name(r->expr->type));
    }
    for (struct zi_input *in = item->inputs; in; in = in->next) {
        if (in->used) continue;
        if (item->is_score)
            zi_diag_report(ck->diag, ZI_SEV_WARNING, in->name.span, "W105", "input '%s' of '%s' is not used",
                           in->name.text, item->code.text);
        else if (item->expr)
            zi_diag_report(ck->diag, ZI_SEV_WARNING, item->expr->span, "W105",
                           "the score of '%s' ignores its answer", item->code.text);
    }
}

static void check_group(struct zi_checker *ck, struct zi_group *g)
{
    for (struct zi_member *m = g->members; m; m = m->next) {
        if (m->group)
            check_group(ck, m->group);
        else
            check_item(ck, m->item);
    }
}

void zi_check_types(struct zi_checker *ck)
{
    for (struct zi_member *m = ck->criteria->groups; m; m = m->next)
        check_group(ck, m->group);
    for (unsigned i = 0; i < ck->n_lets; i++)
        zi_check_expr(ck, ck->let_order[i]->expr, NULL);
}
