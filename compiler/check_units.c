/* check_units.c — thresholds in the wrong unit. A number compared with a score is in points, and a score of
 * weight 8 against 0.6 asks for 7.5 % of it: nobody sets a minimum that low, the author wrote a share as a
 * fraction of 1 and meant 60 % (E050, an error: the module would give WBK to units that are BELUM). A
 * fraction of 1 compared with an answer that runs from 0 to 4 is the same slip on an index (W120: 0.9 is a
 * possible index value, so only a warning, with the value the percentage would be).
 *
 * Runs after check_verdicts.c, which gives the verdict conditions (and the prerequisites) their types and
 * weights; looks at every comparison in the verdicts, the prerequisites and the lets. One diagnostic per
 * condition: an `all` names its members together. */
#include <math.h>

#include "checks.h"

/* A plain number literal strictly between 0 and 1: "0.6", not "60%", "1" or "7". */
static bool is_fraction(const struct zi_expr *e)
{
    return e->kind == ZI_EXPR_NUMBER && !e->is_percent && e->number > 0 && e->number < 1;
}

static const char *source_text(struct zi_checker *ck, const struct zi_expr *e)
{
    size_t len;
    const char *text = zi_source_slice(ck->diag->source, e->span, &len);
    return zi_arena_strndup(ck->arena, text, len > 60 ? 60 : len);
}

static const char *percent_text(struct zi_checker *ck, double fraction)
{
    return zi_arena_printf(ck->arena, "%s%%", zi_number_text(ck, fraction * 100));
}

/* `score OP x` with x a fraction of 1 and the score's weight above 1. */
static void check_points(struct zi_checker *ck, const struct zi_expr *cmp, const struct zi_expr *score,
                         const struct zi_expr *x)
{
    double w = score->weight;
    if (!(w > 1) || !isfinite(w)) return;
    struct zi_diagnostic *d =
        zi_diag_report(ck->diag, ZI_SEV_ERROR, cmp->span, "E050",
                       "%s points is only %s of what '%s' can score (%s points); did you mean %s?",
                       zi_number_text(ck, x->number), percent_text(ck, x->number / w), source_text(ck, score),
                       zi_number_text(ck, w), percent_text(ck, x->number));
    zi_diag_add_hint(
        ck->diag, d,
        "a number compared with a score is in points; a share of its weight is written with '%%' "
        "(%s); to mean %s points, write %s",
        percent_text(ck, x->number), zi_number_text(ck, x->number), percent_text(ck, x->number / w));
}

/* `answer OP x` with x a fraction of 1 and the answer running from 0 to more than 1 (an index 0–4). */
static void check_answer(struct zi_checker *ck, const struct zi_expr *cmp, const struct zi_expr *answer,
                         const struct zi_expr *x)
{
    if (answer->ref.kind != ZI_REF_INPUT) return; /* a fact in years may well be compared with 0.5 */
    const struct zi_input *in = answer->ref.u.input;
    if (in->kind != ZI_INPUT_NUMBER || in->lo != 0 || !(in->hi > 1) || !isfinite(in->hi)) return;
    zi_diag_report(ck->diag, ZI_SEV_WARNING, cmp->span, "W120",
                   "'%s' runs from 0 to %s, so %s is only %s of its range; did you mean %.2f (%s of %s)?",
                   source_text(ck, answer), zi_number_text(ck, in->hi), zi_number_text(ck, x->number),
                   percent_text(ck, x->number / in->hi), x->number * in->hi, percent_text(ck, x->number),
                   zi_number_text(ck, in->hi));
}

static void check_comparison(struct zi_checker *ck, const struct zi_expr *e)
{
    const struct zi_expr *x = is_fraction(e->rhs) ? e->rhs : is_fraction(e->lhs) ? e->lhs : NULL;
    if (!x) return;
    const struct zi_expr *other = x == e->rhs ? e->lhs : e->rhs;
    if (other->type == ZI_TYPE_POINTS)
        check_points(ck, e, other, x);
    else if (other->type == ZI_TYPE_NUMBER && other->kind == ZI_EXPR_PATH)
        check_answer(ck, e, other, x);
}

static void walk(struct zi_checker *ck, const struct zi_expr *e)
{
    if (!e || e->type == ZI_TYPE_ERROR) return;
    if (e->kind == ZI_EXPR_BINARY && e->op >= ZI_OP_GE) check_comparison(ck, e);
    walk(ck, e->lhs);
    walk(ck, e->rhs);
    walk(ck, e->cond);
    for (const struct zi_expr *a = e->args; a; a = a->next)
        walk(ck, a);
}

static const char *op_text(enum zi_binop op)
{
    static const char *const text[] = {">=", ">", "<=", "<", "==", "!="};
    return op >= ZI_OP_GE ? text[op - ZI_OP_GE] : "?";
}

static const char *member_name(const void *members, unsigned i)
{
    return ((const struct zi_all_member *)members)[i].name;
}

/* `all PATH OP x`: one message for the members whose weight makes x a sliver of it. */
static void check_all(struct zi_checker *ck, const struct zi_condition *c)
{
    const struct zi_expr *x = c->all_rhs;
    if (x->type == ZI_TYPE_ERROR || !is_fraction(x)) return;
    unsigned n;
    struct zi_all_member *members = zi_all_members(ck, &c->all_ref, &n);
    double lo = HUGE_VAL, hi = 0;
    unsigned n_heavy = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!(members[i].weight > 1)) continue;
        members[n_heavy++] = members[i]; /* keep the heavy ones at the front, in order */
        lo = fmin(lo, members[i].weight);
        hi = fmax(hi, members[i].weight);
    }
    if (!n_heavy) return;
    size_t len;
    const char *text = zi_source_slice(ck->diag->source, c->all_path.span, &len);
    const char *path = zi_arena_strndup(ck->arena, text, len);
    const char *who = n_heavy == n
                          ? zi_arena_printf(ck->arena, "each member of '%s'", path)
                          : zi_arena_printf(ck->arena, "%s of '%s'",
                                            zi_name_list(ck, n_heavy, member_name, members, true), path);
    const char *share = lo == hi ? percent_text(ck, x->number / lo)
                                 : zi_arena_printf(ck->arena, "%s to %s", percent_text(ck, x->number / hi),
                                                   percent_text(ck, x->number / lo));
    const char *weights =
        lo == hi ? zi_number_text(ck, lo)
                 : zi_arena_printf(ck->arena, "%s to %s", zi_number_text(ck, lo), zi_number_text(ck, hi));
    struct zi_diagnostic *d =
        zi_diag_report(ck->diag, ZI_SEV_ERROR, c->span, "E050",
                       "%s points is only %s of what %s can score (%s points); did you mean %s?",
                       zi_number_text(ck, x->number), share, who, weights, percent_text(ck, x->number));
    zi_diag_add_hint(ck->diag, d,
                     "'all' compares each member's score, in points; a share of each member's weight is "
                     "written with '%%': all %s %s %s",
                     path, op_text(c->all_op), percent_text(ck, x->number));
}

static void check_conditions(struct zi_checker *ck, const struct zi_condition *conditions)
{
    for (const struct zi_condition *c = conditions; c; c = c->next) {
        if (c->is_all)
            check_all(ck, c);
        else
            walk(ck, c->expr);
    }
}

void zi_check_units(struct zi_checker *ck)
{
    for (const struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next)
        check_conditions(ck, v->conditions);
    for (const struct zi_prerequisites *p = ck->criteria->prerequisites; p; p = p->next)
        if (p->target) check_conditions(ck, p->conditions);
    for (unsigned i = 0; i < ck->n_lets; i++)
        walk(ck, ck->let_order[i]->expr);
}
