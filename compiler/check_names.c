/* check_names.c — resolving every path in every expression to what it names. A score expression sees only
 * its own item's inputs (so items depend on the data alone and can be scored in any order); lets and
 * verdict conditions see the top-level names and descend from there with '.'. */
#include <string.h>

#include "checks.h"

struct zi_ref zi_ref_child(const struct zi_ref *parent, const char *name)
{
    struct zi_ref none = {0};
    switch (parent->kind) {
    case ZI_REF_GROUP:
        for (struct zi_member *m = parent->u.group->members; m; m = m->next) {
            if (m->group && m->group->name.text && strcmp(m->group->name.text, name) == 0) {
                struct zi_ref r = {ZI_REF_GROUP, {.group = m->group}};
                return r;
            }
            if (m->item && m->item->name.text && strcmp(m->item->name.text, name) == 0) {
                struct zi_ref r = {ZI_REF_ITEM, {.item = m->item}};
                return r;
            }
        }
        return none;
    case ZI_REF_ITEM:
        for (struct zi_input *in = parent->u.item->inputs; in; in = in->next)
            if (strcmp(in->name.text, name) == 0) {
                struct zi_ref r = {ZI_REF_INPUT, {.input = in}};
                return r;
            }
        return none;
    case ZI_REF_VIEW:
        for (unsigned i = 0; i < parent->u.view->n_members; i++)
            if (strcmp(parent->u.view->members[i].name.text, name) == 0) {
                struct zi_ref r = {ZI_REF_MEMBER, {.member = &parent->u.view->members[i]}};
                return r;
            }
        return none;
    case ZI_REF_FACTS:
        for (struct zi_input *f = parent->u.facts->facts; f; f = f->next)
            if (strcmp(f->name.text, name) == 0) {
                struct zi_ref r = {ZI_REF_FACT, {.input = f}};
                return r;
            }
        return none;
    default:
        return none;
    }
}

const char *zi_ref_name(const struct zi_ref *ref)
{
    switch (ref->kind) {
    case ZI_REF_TOTAL:
        return "total";
    case ZI_REF_GROUP:
        return ref->u.group->name.text;
    case ZI_REF_ITEM:
        return ref->u.item->code.text;
    case ZI_REF_INPUT:
        return ref->u.input->name.text;
    case ZI_REF_LET:
        return ref->u.let->name.text;
    case ZI_REF_VIEW:
        return ref->u.view->name.text;
    case ZI_REF_MEMBER:
        return ref->u.member->name.text;
    case ZI_REF_FACTS:
        return ref->u.facts->name.text;
    case ZI_REF_FACT:
        return ref->u.input->key;
    default:
        return "?";
    }
}

const char *zi_ref_title(const struct zi_ref *ref)
{
    const char *title = NULL;
    switch (ref->kind) {
    case ZI_REF_TOTAL:
        title = "Total";
        break;
    case ZI_REF_GROUP:
        title = ref->u.group->title.text;
        break;
    case ZI_REF_ITEM:
        title = ref->u.item->text.text;
        break;
    case ZI_REF_INPUT:
        title = ref->u.input->title.text;
        break;
    case ZI_REF_LET:
        title = ref->u.let->title.text;
        break;
    case ZI_REF_VIEW:
        title = ref->u.view->title.text;
        break;
    case ZI_REF_MEMBER:
        title = ref->u.member->title;
        break;
    case ZI_REF_FACTS:
        title = ref->u.facts->title.text;
        break;
    case ZI_REF_FACT:
        title = ref->u.input->title.text;
        break;
    default:
        break;
    }
    return title ? title : zi_ref_name(ref);
}

/* Names a lookup could have meant: the children of `parent`, or the top-level names. */
enum { MAX_CANDIDATES = 4096 };

static unsigned child_names(const struct zi_ref *parent, const char **out)
{
    unsigned n = 0;
    switch (parent->kind) {
    case ZI_REF_GROUP:
        for (struct zi_member *m = parent->u.group->members; m && n < MAX_CANDIDATES; m = m->next)
            out[n++] = m->group ? m->group->name.text : m->item->name.text;
        break;
    case ZI_REF_ITEM:
        for (struct zi_input *in = parent->u.item->inputs; in && n < MAX_CANDIDATES; in = in->next)
            out[n++] = in->name.text;
        break;
    case ZI_REF_VIEW:
        for (unsigned i = 0; i < parent->u.view->n_members && n < MAX_CANDIDATES; i++)
            out[n++] = parent->u.view->members[i].name.text;
        break;
    case ZI_REF_FACTS:
        for (struct zi_input *f = parent->u.facts->facts; f && n < MAX_CANDIDATES; f = f->next)
            out[n++] = f->name.text;
        break;
    default:
        break;
    }
    return n;
}

static unsigned top_names(const struct zi_symtab *top, const char **out)
{
    unsigned n = 0;
    for (unsigned i = 0; i < top->cap && n < MAX_CANDIDATES; i++)
        if (top->slots[i].name) out[n++] = top->slots[i].name;
    return n;
}

static void unknown(struct zi_checker *ck, struct zi_name name, const char *where, const char **candidates,
                    unsigned n)
{
    /* Past the error limit the report is dropped: spend no time on a suggestion nobody reads (a file of
     * thousands of unknown names would otherwise take seconds). */
    bool dropped = ck->diag->error_limit && ck->diag->n_errors >= ck->diag->error_limit;
    const char *close = dropped ? NULL : zi_suggest(ck->arena, name.text, candidates, n);
    if (close)
        zi_diag_report(ck->diag, ZI_SEV_ERROR, name.span, "E022", "%s '%s'; did you mean %s?", where,
                       name.text, close);
    else
        zi_diag_report(ck->diag, ZI_SEV_ERROR, name.span, "E022", "%s '%s'", where, name.text);
}

static struct zi_ref resolve_first(struct zi_checker *ck, struct zi_name name, struct zi_item *item,
                                   const char **candidates)
{
    struct zi_ref none = {0};
    if (item) {
        struct zi_ref self = {ZI_REF_ITEM, {.item = item}};
        struct zi_ref r = zi_ref_child(&self, name.text);
        if (r.kind != ZI_REF_NONE) return r;
        struct zi_symbol *sym = zi_symtab_lookup(&ck->top, name.text);
        if (sym && sym->ref.kind == ZI_REF_FACTS) return sym->ref; /* E060, below */
        if (sym) {
            zi_diag_report(ck->diag, ZI_SEV_ERROR, name.span, "E042",
                           "the score of '%s' can use only its own %s, not '%s'", item->code.text,
                           item->is_score ? "inputs" : "answer", name.text);
            return none;
        }
        unknown(ck, name, item->is_score ? "no input named" : "unknown name", candidates,
                child_names(&self, candidates));
        return none;
    }
    struct zi_symbol *sym = zi_symtab_lookup(&ck->top, name.text);
    if (sym) return sym->ref;
    if (strcmp(name.text, "answer") == 0) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, name.span, "E040",
                       "'answer' means a question's own answer inside its score expression; elsewhere name "
                       "the question: group.question.answer");
        return none;
    }
    unknown(ck, name, "unknown name", candidates, top_names(&ck->top, candidates));
    return none;
}

/* Resolves `path`; reports and returns a ZI_REF_NONE ref when it names nothing. */
static struct zi_ref resolve_path(struct zi_checker *ck, const struct zi_path *path, struct zi_item *item)
{
    if (!ck->candidates) ck->candidates = zi_arena_alloc(ck->arena, MAX_CANDIDATES * sizeof *ck->candidates);
    const char **candidates = ck->candidates;
    struct zi_ref ref = resolve_first(ck, path->segments[0], item, candidates);
    for (unsigned i = 1; i < path->n && ref.kind != ZI_REF_NONE; i++) {
        struct zi_ref child = zi_ref_child(&ref, path->segments[i].text);
        /* A view that is itself wrong (E034, E022) has unknown members, not missing ones: no follow-on error.
         */
        bool broken_view = ref.kind == ZI_REF_VIEW && !ref.u.view->members;
        if (child.kind == ZI_REF_NONE && !broken_view) {
            unsigned n = child_names(&ref, candidates);
            const char *where =
                n ? zi_arena_printf(ck->arena, "'%s' has no member", zi_ref_name(&ref))
                  : zi_arena_printf(ck->arena, "'%s' has no members, so no", zi_ref_name(&ref));
            unknown(ck, path->segments[i], where, candidates, n);
        }
        ref = child;
    }
    if ((ref.kind == ZI_REF_FACT || ref.kind == ZI_REF_FACTS) && !ck->in_prerequisites) {
        size_t len;
        const char *text = zi_source_slice(ck->diag->source, path->span, &len);
        struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, path->span, "E060",
                                                 "'%.*s' is a fact about the unit; it carries no points and "
                                                 "can only be tested in a 'prerequisites' "
                                                 "block",
                                                 (int)len, text);
        if (item)
            zi_diag_add_hint(ck->diag, d,
                             "a score uses its item's own answers; to score it, make it a question");
        struct zi_ref none = {0};
        return none;
    }
    switch (ref.kind) {
    case ZI_REF_LET:
        ref.u.let->used = true;
        break;
    case ZI_REF_INPUT:
    case ZI_REF_FACT:
        ref.u.input->used = true;
        break;
    default:
        break;
    }
    return ref;
}

static void resolve_expr(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item)
{
    if (!e) return;
    switch (e->kind) {
    case ZI_EXPR_PATH:
        e->ref = resolve_path(ck, &e->path, item);
        break;
    case ZI_EXPR_CALL:
        for (struct zi_expr *a = e->args; a; a = a->next)
            resolve_expr(ck, a, item);
        break;
    case ZI_EXPR_STRING:
        break; /* resolved to a label by the type check, which knows the fact it is compared with */
    default:
        resolve_expr(ck, e->cond, item);
        resolve_expr(ck, e->lhs, item);
        resolve_expr(ck, e->rhs, item);
        break;
    }
}

static void resolve_items(struct zi_checker *ck, struct zi_group *g)
{
    for (struct zi_member *m = g->members; m; m = m->next) {
        if (m->group) {
            resolve_items(ck, m->group);
            continue;
        }
        resolve_expr(ck, m->item->expr, m->item);
        for (struct zi_require *r = m->item->requires; r; r = r->next)
            resolve_expr(ck, r->expr, m->item);
    }
}

static void resolve_conditions(struct zi_checker *ck, struct zi_condition *conditions)
{
    for (struct zi_condition *c = conditions; c; c = c->next) {
        if (c->is_all) {
            c->all_ref = resolve_path(ck, &c->all_path, NULL);
            resolve_expr(ck, c->all_rhs, NULL);
        } else {
            resolve_expr(ck, c->expr, NULL);
        }
    }
}

void zi_check_names(struct zi_checker *ck)
{
    for (struct zi_member *m = ck->criteria->groups; m; m = m->next)
        resolve_items(ck, m->group);
    for (struct zi_let *l = ck->criteria->lets; l; l = l->next)
        resolve_expr(ck, l->expr, NULL);
    for (struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next)
        resolve_conditions(ck, v->conditions);
    ck->in_prerequisites = true;
    for (struct zi_prerequisites *p = ck->criteria->prerequisites; p; p = p->next)
        resolve_conditions(ck, p->conditions);
    ck->in_prerequisites = false;
}
