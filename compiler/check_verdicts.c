/* check_verdicts.c — verdict conditions: each must be a condition; one that can never hold makes its verdict
 * unreachable (an error: a predicate nobody can get is a typo in a threshold); one that always holds is
 * suspicious; and a verdict whose conditions imply an earlier verdict's is never given, because the earlier
 * one wins first. */
#include <math.h>
#include <string.h>

#include "checks.h"

bool zi_compare_never(enum zi_binop op, double alo, double ahi, double blo, double bhi)
{
    switch (op) {
    case ZI_OP_GE:
        return ahi - blo < -ZI_EPSILON;
    case ZI_OP_GT:
        return ahi - blo <= ZI_EPSILON;
    case ZI_OP_LE:
        return alo - bhi > ZI_EPSILON;
    case ZI_OP_LT:
        return alo - bhi >= -ZI_EPSILON;
    case ZI_OP_EQ:
        return ahi - blo < -ZI_EPSILON || alo - bhi > ZI_EPSILON;
    case ZI_OP_NE:
        return alo == ahi && blo == bhi && fabs(alo - blo) <= ZI_EPSILON;
    default:
        return false;
    }
}

bool zi_compare_always(enum zi_binop op, double alo, double ahi, double blo, double bhi)
{
    switch (op) {
    case ZI_OP_GE:
        return alo - bhi >= -ZI_EPSILON;
    case ZI_OP_GT:
        return alo - bhi > ZI_EPSILON;
    case ZI_OP_LE:
        return ahi - blo <= ZI_EPSILON;
    case ZI_OP_LT:
        return ahi - blo < -ZI_EPSILON;
    case ZI_OP_EQ:
        return alo == ahi && blo == bhi && fabs(alo - blo) <= ZI_EPSILON;
    case ZI_OP_NE:
        return ahi - blo < -ZI_EPSILON || alo - bhi > ZI_EPSILON;
    default:
        return false;
    }
}

static bool is_comparison(enum zi_binop op)
{
    return op >= ZI_OP_GE;
}

static enum zi_binop flipped(enum zi_binop op)
{
    switch (op) {
    case ZI_OP_GE:
        return ZI_OP_LE;
    case ZI_OP_GT:
        return ZI_OP_LT;
    case ZI_OP_LE:
        return ZI_OP_GE;
    case ZI_OP_LT:
        return ZI_OP_GT;
    default:
        return op;
    }
}

/* A condition of the form `score OP constant`, for the shadowing analysis. */
struct canon {
    const void *target;
    enum zi_binop op;
    double threshold;
};

struct verdict_facts {
    struct canon *canons;
    unsigned n, cap;
    bool all_canonical; /* every condition could be put in canonical form */
};

static void add_canon(struct zi_checker *ck, struct verdict_facts *f, const void *target, enum zi_binop op,
                      double threshold)
{
    if (f->n == f->cap) {
        unsigned cap = f->cap ? f->cap * 2 : 8;
        struct canon *bigger = zi_arena_alloc(ck->arena, cap * sizeof *bigger);
        if (f->n) memcpy(bigger, f->canons, f->n * sizeof *bigger);
        f->canons = bigger;
        f->cap = cap;
    }
    f->canons[f->n].target = target;
    f->canons[f->n].op = op;
    f->canons[f->n].threshold = threshold;
    f->n++;
}

/* Reports a comparison whose operands' ranges decide it, for `name` (a member of `all`) or the whole. */
static void check_decided(struct zi_checker *ck, const struct zi_verdict *v, struct zi_span span,
                          enum zi_binop op, double alo, double ahi, double blo, double bhi,
                          const char *member, bool *always)
{
    if (zi_compare_never(op, alo, ahi, blo, bhi)) {
        struct zi_diagnostic *d =
            member
                ? zi_diag_report(ck->diag, ZI_SEV_ERROR, span, "E030",
                                 "this condition can never hold for '%s', which lies in [%g, %g] against "
                                 "[%g, %g]",
                                 member, alo, ahi, blo, bhi)
                : zi_diag_report(ck->diag, ZI_SEV_ERROR, span, "E030",
                                 "this condition can never hold: its left side lies in [%g, %g], its right "
                                 "side in [%g, %g]",
                                 alo, ahi, blo, bhi);
        zi_diag_add_hint(ck->diag, d, "so verdict '%s' can never be given; check the threshold",
                         v->name.text);
        *always = false;
        return;
    }
    *always = *always && zi_compare_always(op, alo, ahi, blo, bhi);
}

static void check_plain(struct zi_checker *ck, struct zi_verdict *v, struct zi_condition *c,
                        struct verdict_facts *f)
{
    struct zi_expr *e = c->expr;
    zi_check_expr(ck, e, NULL);
    if (e->type == ZI_TYPE_ERROR) {
        f->all_canonical = false;
        return;
    }
    if (e->type != ZI_TYPE_BOOL) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E036",
                       "a verdict condition must be a comparison such as 'total >= 75'");
        f->all_canonical = false;
        return;
    }
    if (e->kind != ZI_EXPR_BINARY || !is_comparison(e->op)) {
        f->all_canonical = false;
        return;
    }
    struct zi_expr *a = e->lhs, *b = e->rhs;
    double alo = a->lo, ahi = a->hi, blo = b->lo, bhi = b->hi;
    if (e->percent_of_weight) {
        if (a->type == ZI_TYPE_PERCENT) {
            alo *= e->weight;
            ahi *= e->weight;
        } else {
            blo *= e->weight;
            bhi *= e->weight;
        }
    }
    bool always = true;
    check_decided(ck, v, e->span, e->op, alo, ahi, blo, bhi, NULL, &always);
    if (always) zi_diag_report(ck->diag, ZI_SEV_WARNING, e->span, "W106", "this condition always holds");
    if (a->kind == ZI_EXPR_PATH && b->kind == ZI_EXPR_NUMBER)
        add_canon(ck, f, a->ref.u.group, e->op, blo);
    else if (b->kind == ZI_EXPR_PATH && a->kind == ZI_EXPR_NUMBER)
        add_canon(ck, f, b->ref.u.group, flipped(e->op), alo);
    else
        f->all_canonical = false;
}

static void check_all(struct zi_checker *ck, struct zi_verdict *v, struct zi_condition *c,
                      struct verdict_facts *f)
{
    zi_check_expr(ck, c->all_rhs, NULL);
    const struct zi_ref *r = &c->all_ref;
    if (r->kind == ZI_REF_NONE || c->all_rhs->type == ZI_TYPE_ERROR) {
        f->all_canonical = false;
        return;
    }
    if (r->kind == ZI_REF_VIEW && !r->u.view->members) {
        f->all_canonical = false; /* the view itself is wrong (E034, E022): nothing more to say here */
        return;
    }
    if (r->kind != ZI_REF_GROUP && r->kind != ZI_REF_VIEW) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, c->all_path.span, "E029",
                       "'all' compares each member of a group or view, and '%s' is neither", zi_ref_name(r));
        f->all_canonical = false;
        return;
    }
    struct zi_expr *rhs = c->all_rhs;
    if (rhs->type == ZI_TYPE_BOOL) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, rhs->span, "E028", "cannot compare a score with a condition");
        f->all_canonical = false;
        return;
    }
    bool is_percent = rhs->type == ZI_TYPE_PERCENT;
    bool always = true, any = false;
    struct zi_ref member = {0};
    unsigned n = r->kind == ZI_REF_VIEW ? r->u.view->n_members : 0;
    struct zi_member *m = r->kind == ZI_REF_GROUP ? r->u.group->members : NULL;
    for (unsigned i = 0;; i++) {
        double weight;
        const char *name;
        if (r->kind == ZI_REF_VIEW) {
            if (i == n) break;
            member.kind = ZI_REF_MEMBER;
            member.u.member = &r->u.view->members[i];
            weight = member.u.member->weight;
            name = member.u.member->name.text;
        } else {
            if (!m) break;
            if (m->group) {
                member.kind = ZI_REF_GROUP;
                member.u.group = m->group;
                weight = m->group->weight;
                name = m->group->name.text;
            } else {
                member.kind = ZI_REF_ITEM;
                member.u.item = m->item;
                weight = m->item->points;
                name = m->item->name.text;
            }
            m = m->next;
        }
        any = true;
        double scale = is_percent ? weight : 1;
        check_decided(ck, v, c->span, c->all_op, 0, weight, rhs->lo * scale, rhs->hi * scale, name, &always);
        if (rhs->kind == ZI_EXPR_NUMBER)
            add_canon(ck, f, member.u.group, c->all_op, rhs->number * scale);
        else
            f->all_canonical = false;
    }
    if (!any)
        zi_diag_report(ck->diag, ZI_SEV_WARNING, c->span, "W106",
                       "'%s' has no members: this condition always holds", zi_ref_name(r));
    else if (always)
        zi_diag_report(ck->diag, ZI_SEV_WARNING, c->span, "W106", "this condition always holds");
}

/* Does `strong` imply `weak`? Both constrain the same score. */
static bool implies(const struct canon *strong, const struct canon *weak)
{
    double s = strong->threshold, w = weak->threshold;
    switch (weak->op) {
    case ZI_OP_GE:
        return (strong->op == ZI_OP_GE || strong->op == ZI_OP_GT || strong->op == ZI_OP_EQ) && s >= w;
    case ZI_OP_GT:
        return ((strong->op == ZI_OP_GE || strong->op == ZI_OP_EQ) && s > w) ||
               (strong->op == ZI_OP_GT && s >= w);
    case ZI_OP_LE:
        return (strong->op == ZI_OP_LE || strong->op == ZI_OP_LT || strong->op == ZI_OP_EQ) && s <= w;
    case ZI_OP_LT:
        return ((strong->op == ZI_OP_LE || strong->op == ZI_OP_EQ) && s < w) ||
               (strong->op == ZI_OP_LT && s <= w);
    case ZI_OP_EQ:
        return strong->op == ZI_OP_EQ && s == w;
    default:
        return false;
    }
}

/* Is every condition of `earlier` implied by some condition of `later`? */
static bool shadows(const struct verdict_facts *earlier, const struct verdict_facts *later)
{
    if (!earlier->all_canonical) return false;
    for (unsigned i = 0; i < earlier->n; i++) {
        bool implied = false;
        for (unsigned j = 0; j < later->n && !implied; j++)
            implied = later->canons[j].target == earlier->canons[i].target &&
                      implies(&later->canons[j], &earlier->canons[i]);
        if (!implied) return false;
    }
    return true;
}

void zi_check_verdicts(struct zi_checker *ck)
{
    unsigned n = 0;
    for (struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next)
        n++;
    struct verdict_facts *facts = zi_arena_alloc(ck->arena, (n ? n : 1) * sizeof *facts);
    struct zi_verdict **verdicts = zi_arena_alloc(ck->arena, (n ? n : 1) * sizeof *verdicts);
    unsigned k = 0;
    for (struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next, k++) {
        verdicts[k] = v;
        facts[k].all_canonical = true;
        if (v->is_otherwise) continue;
        if (!v->conditions)
            zi_diag_report(ck->diag, ZI_SEV_WARNING, v->name.span, "W106",
                           "verdict '%s' has no conditions and is given to every unit", v->name.text);
        for (struct zi_condition *c = v->conditions; c; c = c->next) {
            if (c->is_all)
                check_all(ck, v, c, &facts[k]);
            else
                check_plain(ck, v, c, &facts[k]);
        }
        for (unsigned i = 0; i < k; i++) {
            if (verdicts[i]->is_otherwise || !shadows(&facts[i], &facts[k])) continue;
            struct zi_diagnostic *d = zi_diag_report(
                ck->diag, ZI_SEV_WARNING, v->name.span, "W102",
                "verdict '%s' is never given: a unit that meets it also meets '%s', which comes "
                "first",
                v->name.text, verdicts[i]->name.text);
            zi_diag_add_note(ck->diag, d, verdicts[i]->name.span,
                             "'%s' is here; put the stricter verdict first", verdicts[i]->name.text);
            break;
        }
    }
}
