/* merge.c — one job: apply a derived criteria (a file that says `extends "base.zi"`) to its base's tree.
 *
 * Both trees are in the compilation's arena and their spans point into one source (each file a region of it),
 * so the merged tree is the base's tree relinked: nodes are moved, never copied, and every diagnostic the
 * checks report later points into the file the node came from. What the derived file names and the base lacks
 * is reported here (E054, E056); everything else — a duplicate name, a weight that no longer adds up, a
 * verdict reading a removed group — is left to the checks, which run on the merged tree as on any other. */
#include "merge.h"

#include <string.h>

#include "checks.h"

struct merger {
    struct zi_criteria *base;
    struct zi_diag *diag;
    struct zi_arena *arena;
};

/* Names collected for "did you mean …?". */
struct names {
    const char **items;
    unsigned n, cap;
};

static void add_name(struct merger *m, struct names *names, const char *name)
{
    if (!name) return;
    if (names->n == names->cap) {
        unsigned cap = names->cap ? names->cap * 2 : 16;
        const char **bigger = zi_arena_alloc(m->arena, cap * sizeof *bigger);
        if (names->n) memcpy(bigger, names->items, names->n * sizeof *bigger);
        names->items = bigger;
        names->cap = cap;
    }
    names->items[names->n++] = name;
}

static const char *kind_name(enum zi_decl_kind kind)
{
    switch (kind) {
    case ZI_DECL_SCALE:
        return "scale";
    case ZI_DECL_GROUP:
        return "group";
    case ZI_DECL_ITEM:
        return "item";
    case ZI_DECL_LET:
        return "let";
    case ZI_DECL_VIEW:
        return "view";
    case ZI_DECL_VERDICT:
        return "verdict";
    case ZI_DECL_GRADE:
        return "grade";
    case ZI_DECL_CATEGORY:
        return "category";
    case ZI_DECL_FACTS:
        return "facts";
    case ZI_DECL_PREREQUISITES:
        return "prerequisites";
    }
    return "declaration";
}

/* E054 at `span`: the base has no `kind` called `name`; did-you-mean over `names`. */
static void not_in_base(struct merger *m, struct zi_span span, enum zi_decl_kind kind, const char *name,
                        const struct names *names)
{
    const char *close = zi_suggest(m->arena, name, names->items, names->n);
    zi_diag_report(m->diag, ZI_SEV_ERROR, span, "E054", "the base rule set has no %s %s'%s'%s%s%s",
                   kind_name(kind),
                   kind == ZI_DECL_ITEM            ? "with code "
                   : kind == ZI_DECL_PREREQUISITES ? "for verdict "
                                                   : "",
                   name, close ? "; did you mean " : "", close ? close : "", close ? "?" : "");
}

/* ---- top-level declarations named by their name -------------------------------------------------------- */

/* Defines FN, which returns the link (the `next` field or the list's head) to the element of c->LIST whose
 * KEY is `name`, or NULL after collecting every other KEY in `all` for "did you mean …?". The lists differ
 * only in their type. */
#define NAMED_LINK(fn, type, list, key)                                                                      \
    static struct type **fn(struct zi_criteria *c, const char *name, struct merger *m, struct names *all)    \
    {                                                                                                        \
        for (struct type **l = &c->list; *l; l = &(*l)->next) {                                              \
            if (strcmp((*l)->key.text, name) == 0) return l;                                                 \
            add_name(m, all, (*l)->key.text);                                                                \
        }                                                                                                    \
        return NULL;                                                                                         \
    }

NAMED_LINK(scale_link, zi_scale, scales, name)
NAMED_LINK(let_link, zi_let, lets, name)
NAMED_LINK(view_link, zi_view, views, name)
NAMED_LINK(verdict_link, zi_verdict, verdicts, name)
NAMED_LINK(facts_link, zi_facts, facts, name)
NAMED_LINK(prerequisites_link, zi_prerequisites, prerequisites, verdict) /* a block is named by its verdict */

/* Grades and categories share a list: `replace grade X` finds only a grade. */
static struct zi_labels **labels_link(struct zi_criteria *c, const char *name, bool ordered, struct merger *m,
                                      struct names *all)
{
    for (struct zi_labels **l = &c->labels; *l; l = &(*l)->next) {
        if ((*l)->ordered != ordered) continue;
        if (strcmp((*l)->name.text, name) == 0) return l;
        add_name(m, all, (*l)->name.text);
    }
    return NULL;
}

/* Replaces or removes (`node` NULL) the named declaration an edit names. Returns false when the base has none
 * (E054 reported). */
/* Puts `node` in the place `link` points to (or, removing, takes that element out) and returns true. With
 * `link` NULL (the base has no such element) it does nothing, and the case's `break` leads to E054. */
#define SPLICE(link, node)                                                                                   \
    do {                                                                                                     \
        if (!(link)) break;                                                                                  \
        if (remove) {                                                                                        \
            *(link) = (*(link))->next;                                                                       \
        } else {                                                                                             \
            (node)->next = (*(link))->next;                                                                  \
            *(link) = (node);                                                                                \
        }                                                                                                    \
        return true;                                                                                         \
    } while (0)

static bool edit_named(struct merger *m, const struct zi_edit *e, bool remove)
{
    struct zi_name name = e->path.segments[0];
    struct names all = {0};
    struct zi_criteria *c = m->base;
    switch (e->target) {
    case ZI_DECL_SCALE: {
        struct zi_scale **l = scale_link(c, name.text, m, &all);
        SPLICE(l, e->u.scale);
        break;
    }
    case ZI_DECL_LET: {
        struct zi_let **l = let_link(c, name.text, m, &all);
        SPLICE(l, e->u.let);
        break;
    }
    case ZI_DECL_VIEW: {
        struct zi_view **l = view_link(c, name.text, m, &all);
        SPLICE(l, e->u.view);
        break;
    }
    case ZI_DECL_GRADE:
    case ZI_DECL_CATEGORY: {
        struct zi_labels **l = labels_link(c, name.text, e->target == ZI_DECL_GRADE, m, &all);
        SPLICE(l, e->u.labels);
        break;
    }
    case ZI_DECL_FACTS: {
        struct zi_facts **l = facts_link(c, name.text, m, &all);
        SPLICE(l, e->u.facts);
        break;
    }
    case ZI_DECL_PREREQUISITES: {
        struct zi_prerequisites **l = prerequisites_link(c, name.text, m, &all);
        SPLICE(l, e->u.prerequisites);
        break;
    }
    default: {
        struct zi_verdict **l = verdict_link(c, name.text, m, &all);
        SPLICE(l, e->u.verdict);
        break;
    }
    }
    not_in_base(m, name.span, e->target, name.text, &all);
    return false;
}

/* ---- groups and items ------------------------------------------------------------------------------------
 */

/* The link to the member holding the group at `path` (top-level groups first), or NULL with E054 at the first
 * segment that names nothing. */
static struct zi_member **group_link(struct merger *m, struct zi_path path)
{
    struct zi_member **list = &m->base->groups;
    for (unsigned i = 0; i < path.n; i++) {
        struct zi_member **found = NULL;
        struct names all = {0};
        for (struct zi_member **l = list; *l; l = &(*l)->next) {
            if (!(*l)->group) continue;
            if (strcmp((*l)->group->name.text, path.segments[i].text) == 0) {
                found = l;
                break;
            }
            add_name(m, &all, (*l)->group->name.text);
        }
        if (!found) {
            not_in_base(m, path.segments[i].span, ZI_DECL_GROUP, path.segments[i].text, &all);
            return NULL;
        }
        if (i + 1 == path.n) return found;
        list = &(*found)->group->members;
    }
    return NULL;
}

/* The link to the member holding the item with `code` under `list`, or NULL; collects every code in `all`. */
static struct zi_member **item_in(struct merger *m, struct zi_member **list, const char *code,
                                  struct names *all)
{
    for (struct zi_member **l = list; *l; l = &(*l)->next) {
        if ((*l)->item) {
            if (strcmp((*l)->item->code.text, code) == 0) return l;
            add_name(m, all, (*l)->item->code.text);
        } else {
            struct zi_member **found = item_in(m, &(*l)->group->members, code, all);
            if (found) return found;
        }
    }
    return NULL;
}

static struct zi_member **item_link(struct merger *m, struct zi_string code)
{
    struct names all = {0};
    struct zi_member **l = item_in(m, &m->base->groups, code.text, &all);
    if (!l) not_in_base(m, code.span, ZI_DECL_ITEM, code.text, &all);
    return l;
}

/* The member an edit names: a group by path, an item by code. */
static struct zi_member **member_link(struct merger *m, const struct zi_edit *e)
{
    return e->target == ZI_DECL_ITEM ? item_link(m, e->code) : group_link(m, e->path);
}

static void set_parent(struct zi_member *member, struct zi_group *parent)
{
    if (member->group)
        member->group->parent = parent;
    else
        member->item->parent = parent;
}

static struct zi_group *parent_of(const struct zi_member *member)
{
    return member->group ? member->group->parent : member->item->parent;
}

static void edit_member(struct merger *m, const struct zi_edit *e)
{
    struct zi_member **l = member_link(m, e);
    if (!l) return;
    struct zi_member *member = *l;
    switch (e->kind) {
    case ZI_EDIT_REPLACE: {
        struct zi_group *parent = parent_of(member);
        member->group = e->target == ZI_DECL_GROUP ? e->u.group : NULL;
        member->item = e->target == ZI_DECL_ITEM ? e->u.item : NULL;
        set_parent(member, parent);
        break;
    }
    case ZI_EDIT_WEIGHT:
        if (member->group) {
            member->group->has_weight = true;
            member->group->weight = e->weight;
            member->group->weight_span = e->weight_span;
        } else {
            member->item->has_weight = true;
            member->item->weight = e->weight;
            member->item->weight_span = e->weight_span;
        }
        break;
    case ZI_EDIT_REMOVE:
        *l = member->next;
        break;
    case ZI_EDIT_ADD_TO: {
        struct zi_member **tail = &member->group->members;
        while (*tail)
            tail = &(*tail)->next;
        *tail = e->members;
        for (struct zi_member *added = e->members; added; added = added->next)
            set_parent(added, member->group);
        break;
    }
    case ZI_EDIT_CONDITIONS:
        break;
    }
}

/* ---- conditions of a verdict -----------------------------------------------------------------------------
 */

static bool path_equal(const struct zi_path *a, const struct zi_path *b)
{
    if (a->n != b->n) return false;
    for (unsigned i = 0; i < a->n; i++)
        if (strcmp(a->segments[i].text, b->segments[i].text) != 0) return false;
    return true;
}

static bool expr_equal(const struct zi_expr *a, const struct zi_expr *b);

/* The arguments of two calls, or the strings of two `in […]`, pairwise. */
static bool args_equal(const struct zi_expr *a, const struct zi_expr *b)
{
    if (a->n_args != b->n_args) return false;
    for (const struct zi_expr *x = a->args, *y = b->args; x && y; x = x->next, y = y->next)
        if (!expr_equal(x, y)) return false;
    return true;
}

/* The same tree: numbers by value and by whether they were written as percentages (75% is 0.75 only when both
 * are written 75%). */
static bool expr_equal(const struct zi_expr *a, const struct zi_expr *b)
{
    if (!a || !b) return a == b;
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case ZI_EXPR_ERROR:
        return false;
    case ZI_EXPR_NUMBER:
        return a->number == b->number && a->is_percent == b->is_percent;
    case ZI_EXPR_BOOL:
        return a->boolean == b->boolean;
    case ZI_EXPR_PATH:
        return path_equal(&a->path, &b->path);
    case ZI_EXPR_STRING: /* a label as written: the base's spelling of it */
        return strcmp(a->text.text, b->text.text) == 0;
    case ZI_EXPR_IN:
        return expr_equal(a->lhs, b->lhs) && args_equal(a, b);
    case ZI_EXPR_CALL:
        return path_equal(&a->path, &b->path) && args_equal(a, b);
    case ZI_EXPR_NEG:
    case ZI_EXPR_NOT:
        return expr_equal(a->lhs, b->lhs);
    case ZI_EXPR_BINARY:
        return a->op == b->op && expr_equal(a->lhs, b->lhs) && expr_equal(a->rhs, b->rhs);
    case ZI_EXPR_IF:
        return expr_equal(a->cond, b->cond) && expr_equal(a->lhs, b->lhs) && expr_equal(a->rhs, b->rhs);
    }
    return false;
}

static bool condition_equal(const struct zi_condition *a, const struct zi_condition *b)
{
    if (a->is_all != b->is_all || a->is_relaxation != b->is_relaxation) return false;
    if (a->is_all)
        return path_equal(&a->all_path, &b->all_path) && a->all_op == b->all_op &&
               expr_equal(a->all_rhs, b->all_rhs);
    return expr_equal(a->expr, b->expr);
}

/* E056: the verdict (or prerequisites block) `owner` has no such condition; the note, at `owner`, lists those
 * it has, as written. */
static void no_such_condition(struct merger *m, const struct zi_condition_edit *ce, enum zi_decl_kind kind,
                              struct zi_name owner, const struct zi_condition *conditions)
{
    struct zi_diagnostic *d =
        kind == ZI_DECL_PREREQUISITES
            ? zi_diag_report(m->diag, ZI_SEV_ERROR, ce->old->span, "E056",
                             "the prerequisites of '%s' in the base rule set have no such condition",
                             owner.text)
            : zi_diag_report(m->diag, ZI_SEV_ERROR, ce->old->span, "E056",
                             "verdict '%s' of the base rule set has no such condition", owner.text);
    if (!conditions) {
        zi_diag_add_note(m->diag, d, owner.span, "'%s' has no conditions", owner.text);
        return;
    }
    char *list = "";
    for (const struct zi_condition *c = conditions; c; c = c->next) {
        size_t len;
        const char *text = zi_source_slice(m->diag->source, c->span, &len);
        list = zi_arena_printf(m->arena, "%s%s'%s%.*s'", list, c == conditions ? "" : ", ",
                               c->is_relaxation ? "relaxation " : "", (int)len, text);
    }
    zi_diag_add_note(m->diag, d, owner.span, "'%s' has these conditions: %s", owner.text, list);
}

/* The list of conditions an `in verdict` or `in prerequisites` edit changes, and the name it goes by; NULL
 * with E054 when the base has no such verdict or block. */
static struct zi_condition **conditions_of(struct merger *m, const struct zi_edit *e, struct zi_name *owner)
{
    struct names all = {0};
    struct zi_name name = e->path.segments[0];
    if (e->target == ZI_DECL_PREREQUISITES) {
        struct zi_prerequisites **p = prerequisites_link(m->base, name.text, m, &all);
        if (p) {
            *owner = (*p)->verdict;
            return &(*p)->conditions;
        }
    } else {
        struct zi_verdict **v = verdict_link(m->base, name.text, m, &all);
        if (v) {
            *owner = (*v)->name;
            return &(*v)->conditions;
        }
    }
    not_in_base(m, name.span, e->target, name.text, &all);
    return NULL;
}

static void edit_conditions(struct merger *m, const struct zi_edit *e)
{
    struct zi_name owner;
    struct zi_condition **head = conditions_of(m, e, &owner);
    if (!head) return;
    for (const struct zi_condition_edit *ce = e->conditions; ce; ce = ce->next) {
        struct zi_condition **link = head;
        if (ce->kind == ZI_COND_ADD) {
            while (*link)
                link = &(*link)->next;
            ce->added->next = NULL;
            *link = ce->added;
            continue;
        }
        while (*link && !condition_equal(*link, ce->old))
            link = &(*link)->next;
        if (!*link) {
            no_such_condition(m, ce, e->target, owner, *head);
            continue;
        }
        if (ce->kind == ZI_COND_REMOVE) {
            *link = (*link)->next;
        } else {
            ce->added->next = (*link)->next;
            *link = ce->added;
        }
    }
}

/* ---- the derived file's own declarations --------------------------------------------------------------- */

/* Appends a list to the end of another, through each element's `next`. */
#define APPEND_LIST(type, head, list)                                                                        \
    do {                                                                                                     \
        type **tail_ = &(head);                                                                              \
        while (*tail_)                                                                                       \
            tail_ = &(*tail_)->next;                                                                         \
        *tail_ = (list);                                                                                     \
    } while (0)

/* New verdicts go before the base's `otherwise`; a derived `otherwise` takes its place. */
static void add_verdicts(struct zi_criteria *base, struct zi_verdict *added)
{
    struct zi_verdict *otherwise = NULL, **link = &base->verdicts;
    while (*link && !(*link)->is_otherwise)
        link = &(*link)->next;
    if (*link) {
        otherwise = *link;
        *link =
            otherwise->next; /* anything after an `otherwise` is kept after it, for the checks to report */
    }
    bool derived_otherwise = false;
    for (const struct zi_verdict *v = added; v; v = v->next)
        derived_otherwise |= v->is_otherwise;
    APPEND_LIST(struct zi_verdict, base->verdicts, added);
    if (otherwise && !derived_otherwise) {
        struct zi_verdict *after = otherwise->next;
        otherwise->next = NULL;
        APPEND_LIST(struct zi_verdict, base->verdicts, otherwise);
        APPEND_LIST(struct zi_verdict, base->verdicts, after);
    } else if (otherwise) {
        APPEND_LIST(struct zi_verdict, base->verdicts, otherwise->next);
    }
}

static void merge_header(struct zi_criteria *base, const struct zi_criteria *derived)
{
    base->name = derived->name;
    base->title = derived->title;
    base->span = derived->span;
    base->extends = derived->extends;
    if (derived->regulation.text) base->regulation = derived->regulation;
    if (derived->missing != ZI_POLICY_DEFAULT) {
        base->missing = derived->missing;
        base->missing_span = derived->missing_span;
    }
    if (derived->language != ZI_LANGUAGE_UNSET) {
        base->language = derived->language;
        base->language_span = derived->language_span;
    }
    if (derived->numbering != ZI_NUMBERING_AUTO) {
        base->numbering = derived->numbering;
        base->numbering_span = derived->numbering_span;
    }
}

struct zi_criteria *zi_merge(struct zi_criteria *base, struct zi_criteria *derived, struct zi_diag *diag,
                             struct zi_arena *arena)
{
    struct merger m = {base, diag, arena};
    merge_header(base, derived);
    APPEND_LIST(struct zi_scale, base->scales, derived->scales);
    APPEND_LIST(struct zi_member, base->groups, derived->groups);
    APPEND_LIST(struct zi_let, base->lets, derived->lets);
    APPEND_LIST(struct zi_view, base->views, derived->views);
    APPEND_LIST(struct zi_labels, base->labels, derived->labels);
    APPEND_LIST(struct zi_facts, base->facts, derived->facts);
    APPEND_LIST(struct zi_prerequisites, base->prerequisites, derived->prerequisites);
    add_verdicts(base, derived->verdicts);
    for (const struct zi_edit *e = derived->edits; e; e = e->next) {
        if (e->kind == ZI_EDIT_CONDITIONS)
            edit_conditions(&m, e);
        else if (e->target == ZI_DECL_GROUP || e->target == ZI_DECL_ITEM)
            edit_member(&m, e);
        else
            edit_named(&m, e, e->kind == ZI_EDIT_REMOVE);
    }
    base->edits = NULL;
    return base;
}

void zi_merge_refuse_edits(const struct zi_criteria *criteria, struct zi_diag *diag)
{
    for (const struct zi_edit *e = criteria->edits; e; e = e->next) {
        /* At the edit's first word: the edit itself may be a block of many lines. */
        static const unsigned keyword_length[] = {7, 7, 6, 3, 2}; /* replace, replace, remove, add, in */
        struct zi_span at = {e->span.begin, e->span.begin + keyword_length[e->kind]};
        zi_diag_report(diag, ZI_SEV_ERROR, at, "E057",
                       "this criteria extends no other, so there is nothing to %s; to build on a rule set, "
                       "write 'criteria %s extends \"BASE.zi\" { … }'",
                       e->kind == ZI_EDIT_REMOVE   ? "remove"
                       : e->kind == ZI_EDIT_ADD_TO ? "add to"
                                                   : "change",
                       criteria->name.text ? criteria->name.text : "NAME");
    }
}
