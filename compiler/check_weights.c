/* check_weights.c — how each group combines its children (docs/language.md, "Groups and weights"), the
 * maximum points of every item, and the views built over groups with the same children. */
#include <math.h>
#include <string.h>

#include "checks.h"

static bool close_enough(double a, double b)
{
    double scale = fabs(b) > 1 ? fabs(b) : 1;
    return fabs(a - b) <= ZI_EPSILON * scale;
}

static void check_group(struct zi_checker *ck, struct zi_group *g)
{
    if (!g->has_weight) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, g->name.span, "E027",
                       "group '%s' has no weight; add 'weight N' with the points the regulation gives it",
                       g->name.text);
        g->weight = 0;
    } else if (!(g->weight > 0)) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, g->weight_span, "E027",
                       "group '%s' must have a positive weight", g->name.text);
    }
    unsigned n = 0, weighted = 0;
    double sum = 0;
    const struct zi_member *first_weighted = NULL, *first_unweighted = NULL;
    for (struct zi_member *m = g->members; m; m = m->next) {
        n++;
        bool has = m->group ? true : m->item->has_weight;
        double w = m->group ? m->group->weight : m->item->weight;
        if (m->group) check_group(ck, m->group);
        if (has) {
            weighted++;
            sum += w;
            if (!first_weighted) first_weighted = m;
            if (m->item && !(w > 0))
                zi_diag_report(ck->diag, ZI_SEV_ERROR, m->item->weight_span, "E027",
                               "item '%s' must have a positive weight", m->item->code.text);
        } else if (!first_unweighted) {
            first_unweighted = m;
        }
    }
    if (n == 0) {
        zi_diag_report(ck->diag, ZI_SEV_WARNING, g->name.span, "W107", "group '%s' is empty and scores 0",
                       g->name.text);
        g->mode = ZI_GROUP_MEAN;
        return;
    }
    if (weighted == 0) {
        g->mode = ZI_GROUP_MEAN;
        for (struct zi_member *m = g->members; m; m = m->next)
            m->item->points = g->weight / n;
        return;
    }
    if (weighted < n) {
        const struct zi_item *item = first_unweighted->item;
        struct zi_diagnostic *d = zi_diag_report(
            ck->diag, ZI_SEV_ERROR, item->span, "E026",
            "item '%s' has no weight, but other members of '%s' have one", item->code.text, g->name.text);
        struct zi_span where =
            first_weighted->group ? first_weighted->group->weight_span : first_weighted->item->weight_span;
        zi_diag_add_note(ck->diag, d, where, "a weighted member is here");
        zi_diag_add_hint(ck->diag, d, "weigh every member, or none (then each counts the same)");
        g->mode = ZI_GROUP_SUM;
        return;
    }
    if (g->relative) {
        g->mode = ZI_GROUP_RELATIVE;
    } else {
        g->mode = ZI_GROUP_SUM;
        if (g->has_weight && !close_enough(sum, g->weight)) {
            struct zi_diagnostic *d = zi_diag_report(
                ck->diag, ZI_SEV_ERROR, g->weight_span, "E025",
                "weights of the members of '%s' add up to %g, but '%s' has weight %g (%s by %g)",
                g->name.text, sum, g->name.text, g->weight, sum > g->weight ? "over" : "short",
                fabs(sum - g->weight));
            zi_diag_add_hint(ck->diag, d,
                             "correct a weight, or write 'weight %g relative' to use the members' "
                             "weights as proportions",
                             g->weight);
        }
    }
    for (struct zi_member *m = g->members; m; m = m->next)
        if (m->item)
            m->item->points =
                g->mode == ZI_GROUP_RELATIVE && sum > 0 ? g->weight * m->item->weight / sum : m->item->weight;
}

static double ref_weight(const struct zi_ref *r)
{
    switch (r->kind) {
    case ZI_REF_GROUP:
        return r->u.group->weight;
    case ZI_REF_ITEM:
        return r->u.item->points;
    default:
        return 0;
    }
}

static struct zi_group *resolve_group(struct zi_checker *ck, const struct zi_path *path)
{
    struct zi_symbol *sym = zi_symtab_lookup(&ck->top, path->segments[0].text);
    struct zi_ref ref = sym ? sym->ref : (struct zi_ref){0};
    for (unsigned i = 1; i < path->n && ref.kind != ZI_REF_NONE; i++)
        ref = zi_ref_child(&ref, path->segments[i].text);
    if (ref.kind == ZI_REF_NONE) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, path->span, "E022", "no group named '%s'",
                       zi_arena_strndup(ck->arena, ck->diag->source->text + path->span.begin,
                                        path->span.end - path->span.begin));
        return NULL;
    }
    if (ref.kind != ZI_REF_GROUP) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, path->span, "E034",
                       "a view combines groups; '%s' is not a group", zi_ref_name(&ref));
        return NULL;
    }
    return ref.u.group;
}

static const char *path_text(struct zi_checker *ck, const struct zi_path *path)
{
    return zi_arena_strndup(ck->arena, ck->diag->source->text + path->span.begin,
                            path->span.end - path->span.begin);
}

/* The members of `g` by name (the first of a name, as zi_ref_child finds it), so that a view over groups of n
 * members costs O(n), not O(n²). */
static struct zi_symtab members_by_name(struct zi_checker *ck, struct zi_group *g)
{
    struct zi_symtab tab = {0};
    for (struct zi_member *m = g->members; m; m = m->next) {
        struct zi_ref ref = {m->group ? ZI_REF_GROUP : ZI_REF_ITEM, {.group = m->group}};
        if (m->item) ref.u.item = m->item;
        struct zi_name name = m->group ? m->group->name : m->item->name;
        zi_symtab_insert(ck->arena, &tab, name.text, ref, name.span);
    }
    return tab;
}

static void check_view(struct zi_checker *ck, struct zi_view *v)
{
    v->groups = zi_arena_alloc(ck->arena, v->n_paths * sizeof *v->groups);
    struct zi_symtab *members = zi_arena_alloc(ck->arena, v->n_paths * sizeof *members);
    for (unsigned i = 0; i < v->n_paths; i++) {
        v->groups[i] = resolve_group(ck, &v->paths[i]);
        if (!v->groups[i]) return;
        members[i] = members_by_name(ck, v->groups[i]);
    }
    struct zi_group *first = v->groups[0];
    unsigned n = 0;
    for (struct zi_member *m = first->members; m; m = m->next)
        n++;
    /* Every group must have exactly the children of the first, by identifier. */
    for (unsigned i = 1; i < v->n_paths; i++) {
        for (struct zi_member *m = first->members; m; m = m->next) {
            const char *name = m->group ? m->group->name.text : m->item->name.text;
            if (!zi_symtab_lookup(&members[i], name)) {
                zi_diag_report(ck->diag, ZI_SEV_ERROR, v->paths[i].span, "E034",
                               "'%s' has no member '%s', which '%s' has; a view needs the same members in "
                               "each group",
                               path_text(ck, &v->paths[i]), name, path_text(ck, &v->paths[0]));
                return;
            }
        }
        for (struct zi_member *m = v->groups[i]->members; m; m = m->next) {
            const char *name = m->group ? m->group->name.text : m->item->name.text;
            if (!zi_symtab_lookup(&members[0], name)) {
                zi_diag_report(
                    ck->diag, ZI_SEV_ERROR, v->paths[i].span, "E034",
                    "'%s' has a member '%s' that '%s' lacks; a view needs the same members in each "
                    "group",
                    path_text(ck, &v->paths[i]), name, path_text(ck, &v->paths[0]));
                return;
            }
        }
    }
    v->members = zi_arena_alloc(ck->arena, (n ? n : 1) * sizeof *v->members);
    v->n_members = n;
    unsigned k = 0;
    for (struct zi_member *m = first->members; m; m = m->next, k++) {
        struct zi_view_member *vm = &v->members[k];
        vm->name = m->group ? m->group->name : m->item->name;
        struct zi_string title = m->group ? m->group->title : m->item->text;
        vm->title = title.text ? title.text : vm->name.text;
        vm->parts = zi_arena_alloc(ck->arena, v->n_paths * sizeof *vm->parts);
        for (unsigned i = 0; i < v->n_paths; i++) {
            vm->parts[i] = zi_symtab_lookup(&members[i], vm->name.text)->ref;
            vm->weight += ref_weight(&vm->parts[i]);
        }
    }
}

void zi_check_weights(struct zi_checker *ck)
{
    double total = 0;
    for (struct zi_member *m = ck->criteria->groups; m; m = m->next) {
        check_group(ck, m->group);
        total += m->group->weight;
    }
    ck->criteria->total_weight = total;
    for (struct zi_view *v = ck->criteria->views; v; v = v->next)
        check_view(ck, v);
}
