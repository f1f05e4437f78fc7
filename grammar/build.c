/* build.c — the builders behind the grammar's one-line actions: allocate AST nodes in the arena, link
 * lists, and enforce the limits the grammar cannot express (expression depth, options given twice). */
#include <string.h>

#include "parse.h"

static struct zi_expr *new_expr(struct zi_parse_context *ctx, enum zi_expr_kind kind, struct zi_span span)
{
    struct zi_expr *e = zi_arena_alloc(ctx->arena, sizeof *e);
    e->kind = kind;
    e->span = span;
    e->depth = 1;
    return e;
}

struct zi_expr *zi_build_error_expr(struct zi_parse_context *ctx, struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_ERROR, span);
    e->type = ZI_TYPE_ERROR;
    return e;
}

/* Gives `e` its height from its operands. Past the limit the node is replaced by an error node (reported
 * once: operands that are already errors are passed up unchanged), so no later pass recurses deeper. */
static struct zi_expr *bounded(struct zi_parse_context *ctx, struct zi_expr *e, struct zi_expr *a,
                               struct zi_expr *b, struct zi_expr *c)
{
    struct zi_expr *parts[3] = {a, b, c};
    for (int i = 0; i < 3; i++)
        if (parts[i] && parts[i]->kind == ZI_EXPR_ERROR) {
            parts[i]->span.end = e->span.end > parts[i]->span.end ? e->span.end : parts[i]->span.end;
            return parts[i];
        }
    unsigned depth = 0;
    for (int i = 0; i < 3; i++)
        if (parts[i] && parts[i]->depth > depth) depth = parts[i]->depth;
    e->depth = depth + 1;
    if (e->depth > ZI_MAX_EXPR_DEPTH) {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, e->span, "E011",
                       "expression nested more than %d levels deep; split it with 'let'", ZI_MAX_EXPR_DEPTH);
        return zi_build_error_expr(ctx, e->span);
    }
    return e;
}

struct zi_expr *zi_build_number(struct zi_parse_context *ctx, double value, bool percent, struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_NUMBER, span);
    e->number = percent ? value / 100 : value;
    e->is_percent = percent;
    return e;
}

struct zi_expr *zi_build_bool(struct zi_parse_context *ctx, bool value, struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_BOOL, span);
    e->boolean = value;
    return e;
}

struct zi_expr *zi_build_path_expr(struct zi_parse_context *ctx, struct zi_path path)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_PATH, path.span);
    e->path = path;
    return e;
}

struct zi_arg_list zi_build_arg(struct zi_arg_list list, struct zi_expr *arg)
{
    if (list.last)
        list.last->next = arg;
    else
        list.first = arg;
    list.last = arg;
    list.n++;
    return list;
}

struct zi_expr *zi_build_call(struct zi_parse_context *ctx, struct zi_name name, struct zi_arg_list args,
                              struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_CALL, span);
    e->path.segments = zi_arena_alloc(ctx->arena, sizeof *e->path.segments);
    e->path.segments[0] = name;
    e->path.n = 1;
    e->path.span = name.span;
    e->args = args.first;
    e->n_args = args.n;
    unsigned depth = 0;
    for (struct zi_expr *a = args.first; a; a = a->next) {
        if (a->kind == ZI_EXPR_ERROR) return a;
        if (a->depth > depth) depth = a->depth;
    }
    e->depth = depth + 1;
    if (e->depth > ZI_MAX_EXPR_DEPTH) {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E011", "expression nested more than %d levels deep",
                       ZI_MAX_EXPR_DEPTH);
        return zi_build_error_expr(ctx, span);
    }
    return e;
}

struct zi_expr *zi_build_unary(struct zi_parse_context *ctx, enum zi_expr_kind kind, struct zi_expr *operand,
                               struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, kind, span);
    e->lhs = operand;
    return bounded(ctx, e, operand, NULL, NULL);
}

struct zi_expr *zi_build_binary(struct zi_parse_context *ctx, enum zi_binop op, struct zi_expr *lhs,
                                struct zi_expr *rhs, struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_BINARY, span);
    e->op = op;
    e->lhs = lhs;
    e->rhs = rhs;
    return bounded(ctx, e, lhs, rhs, NULL);
}

struct zi_expr *zi_build_if(struct zi_parse_context *ctx, struct zi_expr *cond, struct zi_expr *then_expr,
                            struct zi_expr *else_expr, struct zi_span span)
{
    struct zi_expr *e = new_expr(ctx, ZI_EXPR_IF, span);
    e->cond = cond;
    e->lhs = then_expr;
    e->rhs = else_expr;
    return bounded(ctx, e, cond, then_expr, else_expr);
}

void *zi_build_grow(struct zi_parse_context *ctx, void *items, unsigned n, size_t size)
{
    if (n && (n & (n - 1)) != 0) return items; /* not a power of two: there is room */
    unsigned cap = n ? n * 2 : 1;
    void *bigger = zi_arena_alloc(ctx->arena, cap * size);
    if (n) memcpy(bigger, items, n * size);
    return bigger;
}

struct zi_path zi_build_path(struct zi_parse_context *ctx, struct zi_path path, struct zi_name segment)
{
    path.segments = zi_build_grow(ctx, path.segments, path.n, sizeof *path.segments);
    path.segments[path.n++] = segment;
    if (path.n == 1)
        path.span = segment.span;
    else
        path.span.end = segment.span.end;
    return path;
}

struct zi_path_list zi_build_path_list(struct zi_parse_context *ctx, struct zi_path_list list,
                                       struct zi_path path)
{
    list.paths = zi_build_grow(ctx, list.paths, list.n, sizeof *list.paths);
    list.paths[list.n++] = path;
    return list;
}

struct zi_item_options zi_build_item_weight(struct zi_parse_context *ctx, struct zi_item_options options,
                                            double weight, struct zi_span span)
{
    if (options.has_weight) {
        struct zi_diagnostic *d =
            zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E038", "item has more than one weight");
        zi_diag_add_note(ctx->diag, d, options.weight_span, "first weight given here");
        return options;
    }
    options.has_weight = true;
    options.weight = weight;
    options.weight_span = span;
    return options;
}

struct zi_item_options zi_build_item_missing(struct zi_parse_context *ctx, struct zi_item_options options,
                                             enum zi_policy policy, struct zi_span span)
{
    if (options.missing != ZI_POLICY_DEFAULT) {
        struct zi_diagnostic *d =
            zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E038", "item has more than one 'missing' rule");
        zi_diag_add_note(ctx->diag, d, options.missing_span, "first rule given here");
        return options;
    }
    options.missing = policy;
    options.missing_span = span;
    return options;
}

struct zi_entry_list zi_build_scale_entry(struct zi_parse_context *ctx, struct zi_entry_list list,
                                          struct zi_string label, double value, struct zi_span value_span)
{
    struct zi_scale_entry *entry = zi_arena_alloc(ctx->arena, sizeof *entry);
    entry->label = label;
    entry->value = value;
    entry->value_span = value_span;
    if (list.last)
        list.last->next = entry;
    else
        list.first = entry;
    list.last = entry;
    list.n++;
    return list;
}

struct zi_member_list zi_build_member(struct zi_parse_context *ctx, struct zi_member_list list,
                                      struct zi_group *group, struct zi_item *item)
{
    struct zi_member *member = zi_arena_alloc(ctx->arena, sizeof *member);
    member->group = group;
    member->item = item;
    if (list.last)
        list.last->next = member;
    else
        list.first = member;
    list.last = member;
    return list;
}

struct zi_group *zi_build_group(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                                struct zi_range weight, bool relative, struct zi_member_list members,
                                struct zi_span span)
{
    struct zi_group *g = zi_arena_alloc(ctx->arena, sizeof *g);
    g->name = name;
    g->title = title;
    g->has_weight = weight.present;
    g->weight = weight.lo;
    g->weight_span = weight.span;
    g->relative = relative;
    g->members = members.first;
    g->span = span;
    for (struct zi_member *m = members.first; m; m = m->next) {
        if (m->group)
            m->group->parent = g;
        else
            m->item->parent = g;
    }
    return g;
}

struct zi_input *zi_new_input(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                              struct zi_name type, struct zi_range range, struct zi_span span)
{
    struct zi_input *in = zi_arena_alloc(ctx->arena, sizeof *in);
    in->name = name;
    in->title = title;
    in->type = type;
    in->has_range = range.present;
    in->lo = range.lo;
    in->hi = range.hi;
    in->range_span = range.span;
    in->span = span;
    return in;
}

/* An item without an identifier is named after the last segment of its code ("A.I.1.i.a" -> "a"). */
static struct zi_name default_name(struct zi_parse_context *ctx, struct zi_name name, struct zi_string code)
{
    if (name.text || !code.text) return name;
    const char *last = strrchr(code.text, '.');
    last = last ? last + 1 : code.text;
    struct zi_name derived = {zi_arena_strndup(ctx->arena, last, strlen(last)), code.span};
    return derived;
}

static struct zi_item *new_item(struct zi_parse_context *ctx, bool is_score, struct zi_string code,
                                struct zi_name name, struct zi_string text, struct zi_item_options options,
                                struct zi_expr *expr, struct zi_span span)
{
    struct zi_item *item = zi_arena_alloc(ctx->arena, sizeof *item);
    item->is_score = is_score;
    item->code = code;
    item->name = default_name(ctx, name, code);
    item->text = text;
    item->has_weight = options.has_weight;
    item->weight = options.weight;
    item->weight_span = options.weight_span;
    item->missing = options.missing;
    item->missing_span = options.missing_span;
    item->expr = expr;
    item->span = span;
    return item;
}

struct zi_item *zi_build_question(struct zi_parse_context *ctx, struct zi_string code, struct zi_name name,
                                  struct zi_string text, struct zi_name type, struct zi_range range,
                                  struct zi_item_options options, struct zi_expr *expr, struct zi_span span)
{
    struct zi_item *item = new_item(ctx, false, code, name, text, options, expr, span);
    struct zi_name answer = {"answer", type.span};
    item->inputs = zi_new_input(ctx, answer, text, type, range, span);
    item->inputs->item = item;
    return item;
}

struct zi_score_body zi_build_body_input(struct zi_parse_context *ctx, struct zi_score_body body,
                                         struct zi_name name, struct zi_string title, struct zi_name type,
                                         struct zi_range range, struct zi_span span)
{
    struct zi_input *in = zi_new_input(ctx, name, title, type, range, span);
    if (body.last_input)
        body.last_input->next = in;
    else
        body.inputs = in;
    body.last_input = in;
    return body;
}

struct zi_score_body zi_build_body_require(struct zi_parse_context *ctx, struct zi_score_body body,
                                           struct zi_expr *expr, struct zi_string message,
                                           struct zi_span span)
{
    struct zi_require *req = zi_arena_alloc(ctx->arena, sizeof *req);
    req->expr = expr;
    req->message = message;
    req->span = span;
    if (body.last_require)
        body.last_require->next = req;
    else
    body.requires = req;
    body.last_require = req;
    return body;
}

struct zi_item *zi_build_score(struct zi_parse_context *ctx, struct zi_string code, struct zi_name name,
                               struct zi_string text, struct zi_item_options options,
                               struct zi_score_body body, struct zi_expr *expr, struct zi_span span)
{
    struct zi_item *item = new_item(ctx, true, code, name, text, options, expr, span);
    item->inputs = body.inputs;
    item->requires = body.requires;
    for (struct zi_input *in = item->inputs; in; in = in->next)
        in->item = item;
    return item;
}

struct zi_condition_list zi_build_condition(struct zi_condition_list list, struct zi_condition *condition)
{
    if (!condition) return list; /* a condition that failed to parse (already reported) */
    if (list.last)
        list.last->next = condition;
    else
        list.first = condition;
    list.last = condition;
    return list;
}

struct zi_condition *zi_build_plain_condition(struct zi_parse_context *ctx, struct zi_expr *expr)
{
    struct zi_condition *c = zi_arena_alloc(ctx->arena, sizeof *c);
    c->expr = expr;
    c->span = expr->span;
    return c;
}

struct zi_condition *zi_build_all_condition(struct zi_parse_context *ctx, struct zi_path path,
                                            enum zi_binop op, struct zi_expr *rhs, struct zi_span span)
{
    struct zi_condition *c = zi_arena_alloc(ctx->arena, sizeof *c);
    c->is_all = true;
    c->all_path = path;
    c->all_op = op;
    c->all_rhs = rhs;
    c->span = span;
    return c;
}

void zi_add_header(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                   struct zi_string extends, struct zi_span span)
{
    ctx->criteria->name = name;
    ctx->criteria->title = title;
    ctx->criteria->extends = extends;
    ctx->criteria->span = span;
}

/* A header entry can be given once (E038): reports a second one and returns true. */
static bool given_before(struct zi_parse_context *ctx, bool given, const char *what, struct zi_span span,
                         struct zi_span first)
{
    if (!given) return false;
    struct zi_diagnostic *d =
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E038", "'%s' given more than once", what);
    zi_diag_add_note(ctx->diag, d, first, "first given here");
    return true;
}

void zi_add_regulation(struct zi_parse_context *ctx, struct zi_string regulation, struct zi_span span)
{
    struct zi_criteria *c = ctx->criteria;
    if (given_before(ctx, c->regulation.text != NULL, "regulation", span, c->regulation.span)) return;
    c->regulation = regulation;
}

void zi_add_missing(struct zi_parse_context *ctx, enum zi_policy policy, struct zi_span span)
{
    struct zi_criteria *c = ctx->criteria;
    if (given_before(ctx, c->missing != ZI_POLICY_DEFAULT, "missing", span, c->missing_span)) return;
    c->missing = policy;
    c->missing_span = span;
}

/* `numbering worksheet` or `numbering free`: whether item codes follow the worksheet's numbering
 * (compiler/check_codes.c). */
void zi_add_numbering(struct zi_parse_context *ctx, struct zi_name word, struct zi_span span)
{
    struct zi_criteria *c = ctx->criteria;
    if (given_before(ctx, c->numbering != ZI_NUMBERING_AUTO, "numbering", span, c->numbering_span)) return;
    if (strcmp(word.text, "worksheet") == 0) {
        c->numbering = ZI_NUMBERING_WORKSHEET;
    } else if (strcmp(word.text, "free") == 0) {
        c->numbering = ZI_NUMBERING_FREE;
    } else {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, word.span, "E053",
                       "unknown numbering '%s'; write 'numbering worksheet' (item codes such as A.I.1.i.a "
                       "follow the groups) or 'numbering free' (item codes are only names)",
                       word.text);
        return;
    }
    c->numbering_span = span;
}

/* `language id` or `language en`: the language the criteria are written in, which reports and messages
 * follow unless the evaluator asks for another (zirun --lang). */
void zi_add_language(struct zi_parse_context *ctx, struct zi_name word, struct zi_span span)
{
    struct zi_criteria *c = ctx->criteria;
    if (given_before(ctx, c->language != ZI_LANGUAGE_UNSET, "language", span, c->language_span)) return;
    if (strcmp(word.text, "id") == 0) {
        c->language = ZI_LANGUAGE_ID;
    } else if (strcmp(word.text, "en") == 0) {
        c->language = ZI_LANGUAGE_EN;
    } else {
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, word.span, "E066",
                       "unknown language '%s'; write 'language id' (Bahasa Indonesia) or 'language en' "
                       "(English)",
                       word.text);
        return;
    }
    c->language_span = span;
}

void zi_add_scale(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                  struct zi_entry_list entries, struct zi_span span)
{
    struct zi_scale *s = zi_arena_alloc(ctx->arena, sizeof *s);
    s->name = name;
    s->title = title;
    s->entries = entries.first;
    s->n_entries = entries.n;
    s->span = span;
    if (zi_take_replacement(ctx, ZI_DECL_SCALE, name, s, span)) return;
    ZI_APPEND(ctx->criteria->scales, ctx->last_scale, s);
}

void zi_add_group(struct zi_parse_context *ctx, struct zi_group *group)
{
    struct zi_member *m = zi_arena_alloc(ctx->arena, sizeof *m);
    m->group = group;
    ZI_APPEND(ctx->criteria->groups, ctx->last_group, m);
}

void zi_add_let(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                struct zi_expr *expr, struct zi_span span)
{
    struct zi_let *let = zi_arena_alloc(ctx->arena, sizeof *let);
    let->name = name;
    let->title = title;
    let->expr = expr;
    let->span = span;
    if (zi_take_replacement(ctx, ZI_DECL_LET, name, let, span)) return;
    ZI_APPEND(ctx->criteria->lets, ctx->last_let, let);
}

void zi_add_view(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                 struct zi_path_list paths, struct zi_span span)
{
    struct zi_view *v = zi_arena_alloc(ctx->arena, sizeof *v);
    v->name = name;
    v->title = title;
    v->paths = paths.paths;
    v->n_paths = paths.n;
    v->span = span;
    if (zi_take_replacement(ctx, ZI_DECL_VIEW, name, v, span)) return;
    ZI_APPEND(ctx->criteria->views, ctx->last_view, v);
}

void zi_add_verdict(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                    struct zi_condition_list conditions, bool is_otherwise, struct zi_span span)
{
    struct zi_verdict *v = zi_arena_alloc(ctx->arena, sizeof *v);
    v->name = name;
    v->title = title;
    v->conditions = conditions.first;
    v->is_otherwise = is_otherwise;
    v->span = span;
    if (zi_take_replacement(ctx, ZI_DECL_VERDICT, name, v, span)) return;
    ZI_APPEND(ctx->criteria->verdicts, ctx->last_verdict, v);
}
