/* build_edits.c — the builders of a derived criteria's edits (`replace`, `remove`, `add to`, `in verdict`),
 * called from the grammar's one-line actions. They only record what the file says, in source order, in
 * ctx->criteria->edits: whether the base has what an edit names is known only once the base is read, and
 * compiler/merge.c answers it. */
#include <string.h>

#include "parse.h"

static struct zi_edit *new_edit(struct zi_parse_context *ctx, enum zi_edit_kind kind,
                                enum zi_decl_kind target, struct zi_span span)
{
    struct zi_edit *e = zi_arena_alloc(ctx->arena, sizeof *e);
    e->kind = kind;
    e->target = target;
    e->span = span;
    if (ctx->last_edit)
        ctx->last_edit->next = e;
    else
        ctx->criteria->edits = e;
    ctx->last_edit = e;
    return e;
}

/* A path of one segment: how a scale, let, view or verdict is named. */
static struct zi_path one_segment(struct zi_parse_context *ctx, struct zi_name name)
{
    struct zi_path none = {0};
    return zi_build_path(ctx, none, name);
}

void zi_begin_replace(struct zi_parse_context *ctx, struct zi_span span)
{
    ctx->replacing = true;
    ctx->replace_span = span;
}

bool zi_take_replacement(struct zi_parse_context *ctx, enum zi_decl_kind kind, struct zi_name name,
                         void *node, struct zi_span span)
{
    if (!ctx->replacing) return false;
    ctx->replacing = false;
    struct zi_span whole = {ctx->replace_span.begin, span.end};
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_REPLACE, kind, whole);
    e->path = one_segment(ctx, name);
    switch (kind) {
    case ZI_DECL_SCALE:
        e->u.scale = node;
        break;
    case ZI_DECL_LET:
        e->u.let = node;
        break;
    case ZI_DECL_VIEW:
        e->u.view = node;
        break;
    case ZI_DECL_GRADE:
    case ZI_DECL_CATEGORY:
        e->u.labels = node;
        break;
    case ZI_DECL_FACTS:
        e->u.facts = node;
        break;
    case ZI_DECL_PREREQUISITES:
        e->u.prerequisites = node;
        break;
    default:
        e->u.verdict = node;
        break;
    }
    return true;
}

void zi_add_replace_group(struct zi_parse_context *ctx, struct zi_path path, struct zi_string title,
                          struct zi_range weight, bool relative, struct zi_member_list members,
                          struct zi_span span)
{
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_REPLACE, ZI_DECL_GROUP, span);
    e->path = path;
    /* The group keeps its place and takes the last name of the path: `replace group a.b` is group b in a. */
    struct zi_span group_span = {path.span.begin, span.end};
    e->u.group = zi_build_group(ctx, path.segments[path.n - 1], title, weight, relative, members, group_span);
}

void zi_add_replace_item(struct zi_parse_context *ctx, struct zi_item *item, struct zi_span span)
{
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_REPLACE, ZI_DECL_ITEM, span);
    e->code = item->code;
    e->u.item = item;
}

void zi_add_replace_weight(struct zi_parse_context *ctx, struct zi_path path, struct zi_string code,
                           double weight, struct zi_span weight_span, struct zi_span span)
{
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_WEIGHT, code.text ? ZI_DECL_ITEM : ZI_DECL_GROUP, span);
    e->path = path;
    e->code = code;
    e->weight = weight;
    e->weight_span = weight_span;
}

int zi_build_remove_kind(struct zi_parse_context *ctx, struct zi_name word)
{
    if (strcmp(word.text, "item") != 0)
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, word.span, "E010",
                       "unknown kind '%s' after 'remove'; write scale, grade, category, facts, group, item, "
                       "let, view, verdict or prerequisites",
                       word.text);
    return ZI_DECL_ITEM;
}

/* What `remove KIND` takes after it: an item its code, a group its path, the others one name. */
static const char *wanted_after(enum zi_decl_kind kind)
{
    return kind == ZI_DECL_ITEM    ? "an item's code in quotes"
           : kind == ZI_DECL_GROUP ? "a group's path (pengungkit.pemenuhan)"
                                   : "a name";
}

void zi_add_remove(struct zi_parse_context *ctx, int kind, struct zi_path path, struct zi_string code,
                   struct zi_span span)
{
    enum zi_decl_kind target = (enum zi_decl_kind)kind;
    bool fits = target == ZI_DECL_ITEM    ? code.text != NULL
                : target == ZI_DECL_GROUP ? path.n > 0
                                          : path.n == 1;
    if (!fits) {
        struct zi_span at = code.text ? code.span : path.span;
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, at, "E010", "'remove' of this kind takes %s",
                       wanted_after(target));
        return;
    }
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_REMOVE, target, span);
    e->path = path;
    e->code = code;
}

void zi_add_to(struct zi_parse_context *ctx, struct zi_path path, struct zi_member_list members,
               struct zi_span span)
{
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_ADD_TO, ZI_DECL_GROUP, span);
    e->path = path;
    e->members = members.first;
}

struct zi_condition_edit *zi_build_condition_change(struct zi_parse_context *ctx,
                                                    enum zi_condition_edit_kind kind,
                                                    struct zi_condition *old, struct zi_condition *added,
                                                    struct zi_span span)
{
    /* A condition that failed to parse has been reported; an edit of it would only add a follow-on. */
    if ((kind != ZI_COND_ADD && !old) || (kind != ZI_COND_REMOVE && !added)) return NULL;
    struct zi_condition_edit *e = zi_arena_alloc(ctx->arena, sizeof *e);
    e->kind = kind;
    e->old = old;
    e->added = added;
    e->span = span;
    return e;
}

struct zi_condition_edit_list zi_build_condition_edit(struct zi_condition_edit_list list,
                                                      struct zi_condition_edit *edit)
{
    if (edit) ZI_APPEND(list.first, list.last, edit);
    return list;
}

/* A verdict's conditions have no name and no relaxation: those belong to a prerequisites block. */
static void plain_condition(struct zi_parse_context *ctx, const struct zi_condition *c)
{
    if (!c) return;
    if (c->is_relaxation)
        zi_diag_report(
            ctx->diag, ZI_SEV_ERROR, c->span, "E010",
            "a verdict has no relaxation; a relaxation belongs in 'in prerequisites VERDICT { … }'");
    else if (c->name.text)
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, c->name.span, "E010",
                       "a verdict's condition takes no name; only a prerequisite does");
}

void zi_add_condition_edits(struct zi_parse_context *ctx, int kind, struct zi_name name,
                            struct zi_condition_edit_list edits, struct zi_span span)
{
    if (kind == ZI_DECL_VERDICT)
        for (const struct zi_condition_edit *ce = edits.first; ce; ce = ce->next) {
            plain_condition(ctx, ce->old);
            plain_condition(ctx, ce->added);
        }
    struct zi_edit *e = new_edit(ctx, ZI_EDIT_CONDITIONS, (enum zi_decl_kind)kind, span);
    e->path = one_segment(ctx, name);
    e->conditions = edits.first;
}
