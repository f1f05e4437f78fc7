/* check_verdicts.c — verdict conditions: each must be a condition; one that can never hold makes its verdict
 * unreachable (an error: a predicate nobody can get is a typo in a threshold); one that always holds is
 * suspicious; and a verdict whose conditions imply an earlier verdict's is never given, because the earlier
 * one wins first — an error too (E051): WBK before WBBM gives every WBBM unit WBK, a wrong official result.
 */
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

/* How one side of a comparison that can never hold is out of reach, in words: "'total' is at most 100",
 * "the threshold is 105", "the threshold is 110% of the weight 20, which is 22". `upper`: the side's highest
 * value matters (it is the side that must be large enough), else its lowest. `weight` is the weight a
 * percentage is of, or 0. */
static const char *side_words(struct zi_checker *ck, const struct zi_expr *e, double lo, double hi,
                              bool upper, double weight)
{
    if (e->kind == ZI_EXPR_NUMBER) {
        const char *value = zi_number_text(ck, e->is_percent ? e->number * 100 : e->number);
        if (e->is_percent && weight > 0)
            return zi_arena_printf(ck->arena, "the threshold is %s%% of the weight %s, which is %s", value,
                                   zi_number_text(ck, weight), zi_number_text(ck, e->number * weight));
        return zi_arena_printf(ck->arena, "the threshold is %s%s", value, e->is_percent ? "%" : "");
    }
    size_t len;
    const char *text = zi_source_slice(ck->diag->source, e->span, &len);
    int shown = len > 40 ? 40 : (int)len;
    if (lo == hi)
        return zi_arena_printf(ck->arena, "'%.*s' is always %s", shown, text, zi_number_text(ck, lo));
    return zi_arena_printf(ck->arena, "'%.*s' is at %s %s", shown, text, upper ? "most" : "least",
                           zi_number_text(ck, upper ? hi : lo));
}

/* Would the plain number `x`, compared with scores of weight at most `weight`, make sense as a percentage?
 * `pengungkit >= 75` when pengungkit weighs 60: "did you mean 75%?". */
static bool meant_as_percent(const struct zi_expr *e, double weight)
{
    return e->kind == ZI_EXPR_NUMBER && !e->is_percent && e->number > weight && e->number > 1 &&
           e->number <= 100;
}

static void report_never(struct zi_checker *ck, const struct zi_verdict *v, struct zi_diagnostic *d,
                         const struct zi_expr *threshold, double weight)
{
    if (threshold->kind == ZI_EXPR_NUMBER && threshold->is_percent && threshold->number > 1 &&
        weight < HUGE_VAL)
        zi_diag_add_hint(ck->diag, d, "a score is at most 100%% of its weight");
    if (meant_as_percent(threshold, weight))
        zi_diag_add_hint(ck->diag, d, "a share of the weight is written with '%%': did you mean %s%%?",
                         zi_number_text(ck, threshold->number));
    if (ck->in_prerequisites)
        zi_diag_add_hint(ck->diag, d,
                         "so no unit can be proposed for '%s' unless a relaxation applies; check the "
                         "threshold",
                         v->name.text);
    else
        zi_diag_add_hint(ck->diag, d, "so verdict '%s' can never be given; check the threshold",
                         v->name.text);
}

/* A plain condition whose operands' ranges decide it: E030 when it can never hold, else whether it always
 * holds. */
static bool check_decided(struct zi_checker *ck, const struct zi_verdict *v, const struct zi_expr *e,
                          double alo, double ahi, double blo, double bhi)
{
    if (!zi_compare_never(e->op, alo, ahi, blo, bhi)) return zi_compare_always(e->op, alo, ahi, blo, bhi);
    /* The side that had to be larger ("at most") and the side that had to be smaller ("at least"). */
    bool a_small = e->op == ZI_OP_LE || e->op == ZI_OP_LT;
    double weight = e->percent_of_weight ? e->weight : 0;
    const char *a = side_words(ck, e->lhs, alo, ahi, !a_small, e->lhs->kind == ZI_EXPR_NUMBER ? weight : 0);
    const char *b = side_words(ck, e->rhs, blo, bhi, a_small, e->rhs->kind == ZI_EXPR_NUMBER ? weight : 0);
    struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E030",
                                             "this condition can never hold: %s, and %s", a, b);
    const struct zi_expr *threshold = e->rhs->kind == ZI_EXPR_NUMBER ? e->rhs : e->lhs;
    const struct zi_expr *score = threshold == e->rhs ? e->lhs : e->rhs;
    report_never(ck, v, d, threshold, score->type == ZI_TYPE_POINTS ? score->weight : HUGE_VAL);
    return false;
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
        zi_diag_report(ck->diag, ZI_SEV_ERROR, e->span, "E036", "a %s must be a comparison such as '%s'",
                       ck->in_prerequisites ? "prerequisite" : "verdict condition",
                       ck->in_prerequisites ? "unit.tlhp >= 100%" : "total >= 75");
        f->all_canonical = false;
        return;
    }
    if (e->kind != ZI_EXPR_BINARY || !is_comparison(e->op)) {
        f->all_canonical = false;
        return;
    }
    struct zi_expr *a = e->lhs, *b = e->rhs;
    if (a->type == ZI_TYPE_LABEL) { /* a grade or category: no range analysis (docs/language.md §3) */
        f->all_canonical = false;
        return;
    }
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
    if (check_decided(ck, v, e, alo, ahi, blo, bhi))
        zi_diag_report(ck->diag, ZI_SEV_WARNING, e->span, "W106", "this condition always holds");
    if (a->kind == ZI_EXPR_PATH && b->kind == ZI_EXPR_NUMBER)
        add_canon(ck, f, a->ref.u.group, e->op, blo);
    else if (b->kind == ZI_EXPR_PATH && a->kind == ZI_EXPR_NUMBER)
        add_canon(ck, f, b->ref.u.group, flipped(e->op), alo);
    else
        f->all_canonical = false;
}

struct zi_all_member *zi_all_members(struct zi_checker *ck, const struct zi_ref *r, unsigned *n)
{
    *n = 0;
    if (r->kind == ZI_REF_VIEW) {
        const struct zi_view *view = r->u.view;
        if (!view->n_members) return NULL;
        struct zi_all_member *out = zi_arena_alloc(ck->arena, view->n_members * sizeof *out);
        for (unsigned i = 0; i < view->n_members; i++) {
            out[i].ref.kind = ZI_REF_MEMBER;
            out[i].ref.u.member = &view->members[i];
            out[i].name = view->members[i].name.text;
            out[i].weight = view->members[i].weight;
        }
        *n = view->n_members;
        return out;
    }
    if (r->kind != ZI_REF_GROUP) return NULL;
    unsigned count = 0;
    for (const struct zi_member *m = r->u.group->members; m; m = m->next)
        count++;
    if (!count) return NULL;
    struct zi_all_member *out = zi_arena_alloc(ck->arena, count * sizeof *out);
    for (const struct zi_member *m = r->u.group->members; m; m = m->next, (*n)++) {
        struct zi_all_member *o = &out[*n];
        if (m->group) {
            o->ref.kind = ZI_REF_GROUP;
            o->ref.u.group = m->group;
            o->name = m->group->name.text;
            o->weight = m->group->weight;
        } else {
            o->ref.kind = ZI_REF_ITEM;
            o->ref.u.item = m->item;
            o->name = m->item->name.text;
            o->weight = m->item->points;
        }
    }
    return out;
}

static const char *member_name(const void *members, unsigned i)
{
    return ((const struct zi_all_member *const *)members)[i]->name;
}

/* "8" when the members weigh the same, else "7 to 15". */
static const char *weights_words(struct zi_checker *ck, const struct zi_all_member *const *members,
                                 unsigned n, double *heaviest)
{
    double lo = members[0]->weight, hi = lo;
    for (unsigned i = 1; i < n; i++) {
        lo = members[i]->weight < lo ? members[i]->weight : lo;
        hi = members[i]->weight > hi ? members[i]->weight : hi;
    }
    *heaviest = hi;
    if (lo == hi) return zi_number_text(ck, lo);
    return zi_arena_printf(ck->arena, "%s to %s", zi_number_text(ck, lo), zi_number_text(ck, hi));
}

/* One E030 for an `all` condition, naming every member it can never hold for. */
static void report_all_never(struct zi_checker *ck, const struct zi_verdict *v, const struct zi_condition *c,
                             const struct zi_all_member **never, unsigned n_never, unsigned n_members)
{
    const struct zi_expr *rhs = c->all_rhs;
    size_t len;
    const char *text = zi_source_slice(ck->diag->source, c->all_path.span, &len);
    const char *path = zi_arena_strndup(ck->arena, text, len);
    bool every = n_never == n_members && n_members > 1;
    const char *who = every ? zi_arena_printf(ck->arena, "any member of '%s'", path)
                            : zi_arena_printf(ck->arena, "%s of '%s'",
                                              zi_name_list(ck, n_never, member_name, never, true), path);
    double heaviest;
    const char *weights = weights_words(ck, never, n_never, &heaviest);
    const char *they = n_never == 1 ? "it weighs" : every ? "the members weigh" : "they weigh";
    const char *why;
    bool ge = c->all_op == ZI_OP_GE || c->all_op == ZI_OP_GT || c->all_op == ZI_OP_EQ;
    if (rhs->kind == ZI_EXPR_NUMBER && rhs->is_percent && ge)
        why = zi_arena_printf(ck->arena, "a score is at most 100%% of its weight, and the threshold is %s%%",
                              zi_number_text(ck, rhs->number * 100));
    else if (rhs->kind == ZI_EXPR_NUMBER && ge)
        why = zi_arena_printf(ck->arena, "%s %s points, and the threshold is %s points", they, weights,
                              zi_number_text(ck, rhs->number));
    else
        why = zi_arena_printf(ck->arena, "a score runs from 0 to its weight (%s %s), and %s", they, weights,
                              side_words(ck, rhs, rhs->lo, rhs->hi, !ge, 0));
    struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, c->span, "E030",
                                             "this condition can never hold for %s: %s", who, why);
    /* "Did you mean 75%?" only when no member can reach the number: one that can makes points likely. (A
     * percentage over 100 is already explained above.) */
    report_never(ck, v, d, rhs, !rhs->is_percent && (every || n_members == 1) ? heaviest : HUGE_VAL);
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
    unsigned n;
    struct zi_all_member *members = zi_all_members(ck, r, &n);
    if (!n) {
        zi_diag_report(ck->diag, ZI_SEV_WARNING, c->span, "W106",
                       "'%s' has no members: this condition always holds", zi_ref_name(r));
        return;
    }
    const struct zi_all_member **never = zi_arena_alloc(ck->arena, n * sizeof *never);
    unsigned n_never = 0;
    bool always = true;
    for (unsigned i = 0; i < n; i++) {
        double scale = rhs->type == ZI_TYPE_PERCENT ? members[i].weight : 1;
        double blo = rhs->lo * scale, bhi = rhs->hi * scale;
        if (zi_compare_never(c->all_op, 0, members[i].weight, blo, bhi))
            never[n_never++] = &members[i];
        else
            always = always && zi_compare_always(c->all_op, 0, members[i].weight, blo, bhi);
        if (rhs->kind == ZI_EXPR_NUMBER)
            add_canon(ck, f, members[i].ref.u.group, c->all_op, rhs->number * scale);
        else
            f->all_canonical = false;
    }
    if (n_never)
        report_all_never(ck, v, c, never, n_never, n);
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
            struct zi_diagnostic *d =
                zi_diag_report(ck->diag, ZI_SEV_ERROR, v->name.span, "E051",
                               "verdict '%s' can never be given: every unit that meets it also meets '%s', "
                               "which is tried first; move '%s' before '%s'",
                               v->name.text, verdicts[i]->name.text, v->name.text, verdicts[i]->name.text);
            zi_diag_add_note(
                ck->diag, d, verdicts[i]->name.span,
                "'%s' is here; the verdicts are tried in order and the first that holds is given",
                verdicts[i]->name.text);
            break;
        }
    }
}

void zi_check_prerequisites(struct zi_checker *ck)
{
    ck->in_prerequisites = true;
    for (struct zi_prerequisites *p = ck->criteria->prerequisites; p; p = p->next) {
        if (!p->target) continue; /* E064 or E020 already */
        struct verdict_facts unused = {0};
        for (struct zi_condition *c = p->conditions; c; c = c->next) {
            if (c->is_all)
                check_all(ck, p->target, c, &unused);
            else
                check_plain(ck, p->target, c, &unused);
        }
    }
    ck->in_prerequisites = false;
}
