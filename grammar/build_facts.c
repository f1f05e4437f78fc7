/* build_facts.c — the builders behind the grammar's facts, grades, categories and prerequisites
 * (docs/language.md §3, "Facts and prerequisites"): inputs that carry no points, the labels they take, the
 * string literals and `in [...]` lists that compare them, and the blocks of conditions a verdict requires
 * beyond its score. What the grammar alone cannot check (a label given twice, a fact's type) is left to the
 * checks. */

#include "parse.h"

struct zi_spelling_list zi_build_spelling(struct zi_parse_context *ctx, struct zi_spelling_list list,
                                          struct zi_string spelling)
{
    list.items = zi_build_grow(ctx, list.items, list.n, sizeof *list.items);
    list.items[list.n++] = spelling;
    if (list.n == 1)
        list.span = spelling.span;
    else
        list.span.end = spelling.span.end;
    return list;
}

struct zi_value_list zi_build_label_value(struct zi_parse_context *ctx, struct zi_value_list list,
                                          struct zi_spelling_list spellings)
{
    struct zi_label_value *v = zi_arena_alloc(ctx->arena, sizeof *v);
    v->spellings = spellings.items;
    v->n_spellings = spellings.n;
    v->span = spellings.span;
    ZI_APPEND(list.first, list.last, v);
    list.n++;
    return list;
}

struct zi_fact_list zi_build_fact(struct zi_parse_context *ctx, struct zi_fact_list list, struct zi_name name,
                                  struct zi_string title, struct zi_name type, struct zi_range range,
                                  struct zi_span span)
{
    struct zi_input *fact = zi_new_input(ctx, name, title, type, range, span);
    ZI_APPEND(list.first, list.last, fact);
    return list;
}

struct zi_expr *zi_build_string(struct zi_parse_context *ctx, struct zi_string text)
{
    struct zi_expr *e = zi_arena_alloc(ctx->arena, sizeof *e);
    e->kind = ZI_EXPR_STRING;
    e->span = text.span;
    e->depth = 1;
    e->text = text;
    return e;
}

struct zi_expr *zi_build_in(struct zi_parse_context *ctx, struct zi_expr *lhs, struct zi_arg_list strings,
                            struct zi_span span)
{
    if (lhs->kind == ZI_EXPR_ERROR) return lhs;
    struct zi_expr *e = zi_arena_alloc(ctx->arena, sizeof *e);
    e->kind = ZI_EXPR_IN;
    e->span = span;
    e->depth = lhs->depth + 1; /* the strings are leaves */
    e->lhs = lhs;
    e->args = strings.first;
    e->n_args = strings.n;
    if (e->depth > ZI_MAX_EXPR_DEPTH) {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E011", "expression nested more than %d levels deep",
                       ZI_MAX_EXPR_DEPTH);
        return zi_build_error_expr(ctx, span);
    }
    return e;
}

struct zi_condition *zi_build_prerequisite(struct zi_condition *condition, struct zi_string name,
                                           bool is_relaxation)
{
    if (!condition) return NULL; /* it failed to parse (already reported) */
    condition->name = name;
    condition->is_relaxation = is_relaxation;
    return condition;
}

void zi_add_labels(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                   struct zi_value_list values, bool ordered, struct zi_span span)
{
    struct zi_labels *l = zi_arena_alloc(ctx->arena, sizeof *l);
    l->name = name;
    l->title = title;
    l->ordered = ordered;
    l->values = values.first;
    l->n_values = values.n;
    for (const struct zi_label_value *v = values.first; v; v = v->next)
        l->n_spellings += v->n_spellings;
    l->span = span;
    if (zi_take_replacement(ctx, ordered ? ZI_DECL_GRADE : ZI_DECL_CATEGORY, name, l, span)) return;
    ZI_APPEND(ctx->criteria->labels, ctx->last_labels, l);
}

void zi_add_facts(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                  struct zi_fact_list facts, struct zi_span span)
{
    struct zi_facts *f = zi_arena_alloc(ctx->arena, sizeof *f);
    f->name = name;
    f->title = title;
    f->facts = facts.first;
    f->span = span;
    for (struct zi_input *in = facts.first; in; in = in->next)
        in->facts = f;
    if (zi_take_replacement(ctx, ZI_DECL_FACTS, name, f, span)) return;
    ZI_APPEND(ctx->criteria->facts, ctx->last_facts, f);
}

void zi_add_prerequisites(struct zi_parse_context *ctx, struct zi_name verdict, struct zi_string title,
                          struct zi_condition_list conditions, struct zi_span span)
{
    struct zi_prerequisites *p = zi_arena_alloc(ctx->arena, sizeof *p);
    p->verdict = verdict;
    p->title = title;
    p->conditions = conditions.first;
    p->span = span;
    if (zi_take_replacement(ctx, ZI_DECL_PREREQUISITES, verdict, p, span)) return;
    ZI_APPEND(ctx->criteria->prerequisites, ctx->last_prerequisites, p);
}
