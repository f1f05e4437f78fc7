/* check_limits.c — what a module can hold. The runtime refuses a module with more than a million inputs,
 * outputs or conditions, or ten thousand verdicts (runtime/src/load/validate.c: counts beyond those are taken
 * for damage), so a criteria file past them would compile into a module no zirun loads. This pass counts what
 * the model will make of the checked file — the inputs; the total, groups, items, view members and lets;
 * the verdicts' conditions, an `all` condition once per member, and the require rules; the verdicts — and
 * reports E045 at the criteria's name instead (docs/limits.md). It runs only on a file free of errors,
 * whose names are all resolved. */
#include "checks.h"

/* The runtime's limits (runtime/src/load/validate.c): keep the two in step. */
#define ZI_LIMIT_INPUTS 1000000u
#define ZI_LIMIT_OUTPUTS 1000000u
#define ZI_LIMIT_CONDITIONS 1000000u
#define ZI_LIMIT_VERDICTS 10000u

struct counts {
    uint64_t inputs, outputs, conditions, verdicts;
};

static void count_group(const struct zi_group *g, struct counts *n)
{
    n->outputs++;
    for (const struct zi_member *m = g->members; m; m = m->next) {
        if (m->group) {
            count_group(m->group, n);
            continue;
        }
        n->outputs++;
        for (const struct zi_input *in = m->item->inputs; in; in = in->next)
            n->inputs++;
        for (const struct zi_require *r = m->item->requires; r; r = r->next)
            n->conditions++;
    }
}

/* The conditions an `all PATH …` condition becomes: one per member of the view or child of the group. */
static uint64_t all_members(const struct zi_ref *r)
{
    if (r->kind == ZI_REF_VIEW) return r->u.view->n_members;
    uint64_t n = 0;
    if (r->kind == ZI_REF_GROUP)
        for (const struct zi_member *m = r->u.group->members; m; m = m->next)
            n++;
    return n;
}

static void too_many(struct zi_checker *ck, const char *what, uint64_t n, unsigned limit)
{
    struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, ck->criteria->name.span, "E045",
                                             "too many %s: %llu, but a module holds at most %u", what,
                                             (unsigned long long)n, limit);
    zi_diag_add_hint(ck->diag, d,
                     "split the criteria into several files, or check that it was generated right");
}

void zi_check_limits(struct zi_checker *ck)
{
    if (zi_diag_has_errors(ck->diag)) return;
    const struct zi_criteria *c = ck->criteria;
    struct counts n = {.outputs = 1}; /* the total */
    for (const struct zi_member *m = c->groups; m; m = m->next)
        count_group(m->group, &n);
    for (const struct zi_view *v = c->views; v; v = v->next)
        n.outputs += v->n_members;
    for (const struct zi_let *l = c->lets; l; l = l->next)
        n.outputs++;
    for (const struct zi_verdict *v = c->verdicts; v; v = v->next) {
        n.verdicts++;
        for (const struct zi_condition *k = v->conditions; k; k = k->next)
            n.conditions += k->is_all ? all_members(&k->all_ref) : 1;
    }
    for (const struct zi_facts *f = c->facts; f; f = f->next)
        for (const struct zi_input *in = f->facts; in; in = in->next)
            n.inputs++;
    for (const struct zi_prerequisites *p = c->prerequisites; p; p = p->next)
        for (const struct zi_condition *k = p->conditions; k; k = k->next)
            n.conditions += k->is_all ? all_members(&k->all_ref) : 1;
    if (n.inputs > ZI_LIMIT_INPUTS)
        too_many(ck, "inputs (answers and facts read from the data)", n.inputs, ZI_LIMIT_INPUTS);
    if (n.outputs > ZI_LIMIT_OUTPUTS)
        too_many(ck, "scores (the total, groups, items, view members and lets)", n.outputs, ZI_LIMIT_OUTPUTS);
    if (n.conditions > ZI_LIMIT_CONDITIONS)
        too_many(ck,
                 "conditions (of verdicts and prerequisites, an `all` once per member, and require rules)",
                 n.conditions, ZI_LIMIT_CONDITIONS);
    if (n.verdicts > ZI_LIMIT_VERDICTS) too_many(ck, "verdicts", n.verdicts, ZI_LIMIT_VERDICTS);
}
