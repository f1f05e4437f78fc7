/* lsp_hover.c — what a name stands for, in Markdown: an item's code, text, maximum points and the score of
 * each answer; a group's path, worksheet number, weight and how it adds up its members; a scale's answers;
 * a fact, let, view, verdict, grade or category; and for what can be read, the verdict and prerequisite
 * conditions that read it (directly, through a group or view above it, or through a let). The numbers are the
 * checks' (points are filled by check_weights.c): a file with errors may show fewer of them. */
#include <string.h>

#include "lsp.h"

/* A number as people write it: up to four decimals, no trailing zeros (0.25, 17.5, 0.1675). */
static const char *number(struct zi_arena *arena, double x)
{
    char *text = zi_arena_printf(arena, "%.4f", x);
    char *end = text + strlen(text);
    while (end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.') end[-1] = '\0';
    return strcmp(text, "-0") == 0 ? "0" : text;
}

struct hover {
    struct zi_lsp_doc *doc;
    struct zi_arena *arena;
    const char *md;
};

static void add(struct hover *h, const char *text)
{
    h->md = h->md ? zi_arena_printf(h->arena, "%s%s", h->md, text) : text;
}

/* ---- who reads a target ---- */

static bool is_within(const struct zi_group *ancestor, const struct zi_group *group)
{
    for (const struct zi_group *g = group; g; g = g->parent)
        if (g == ancestor) return true;
    return false;
}

/* Does reading `r` read the target (itself, a group holding it, a view over such a group, a let reading it)?
 * `depth` bounds the lets followed: a cycle of lets is an error the checks report, not a hang here. */
static bool expr_reads(const struct zi_expr *e, const struct zi_lsp_target *t, unsigned depth, bool direct);

static bool same_ref(const struct zi_ref *a, const struct zi_ref *b)
{
    return a->kind == b->kind && (a->kind == ZI_REF_TOTAL || memcmp(&a->u, &b->u, sizeof a->u) == 0);
}

/* `direct`: only the target itself (an item and its answer count as one), not a group, view or let over it.
 */
static bool ref_reads(const struct zi_ref *r, const struct zi_lsp_target *t, unsigned depth, bool direct)
{
    const struct zi_ref *want = &t->ref;
    if (same_ref(r, want) ||
        (r->kind == ZI_REF_INPUT && want->kind == ZI_REF_ITEM && r->u.input->item == want->u.item) ||
        (r->kind == ZI_REF_ITEM && want->kind == ZI_REF_INPUT && r->u.item == want->u.input->item))
        return true;
    if (direct) return false;
    const struct zi_group *group = want->kind == ZI_REF_GROUP  ? want->u.group
                                   : want->kind == ZI_REF_ITEM ? want->u.item->parent
                                   : want->kind == ZI_REF_INPUT && want->u.input->item
                                       ? want->u.input->item->parent
                                       : NULL;
    switch (r->kind) {
    case ZI_REF_TOTAL:
        return group != NULL || want->kind == ZI_REF_ITEM;
    case ZI_REF_GROUP:
        return group && is_within(r->u.group, group);
    case ZI_REF_FACT:
        return want->kind == ZI_REF_FACTS && r->u.input->facts == want->u.facts;
    case ZI_REF_LET:
        return depth < 64 && r->u.let->expr && expr_reads(r->u.let->expr, t, depth + 1, false);
    case ZI_REF_VIEW:
        for (unsigned i = 0; group && r->u.view->groups && i < r->u.view->n_paths; i++)
            if (r->u.view->groups[i] && is_within(r->u.view->groups[i], group)) return true;
        return false;
    default:
        return false;
    }
}

static bool expr_reads(const struct zi_expr *e, const struct zi_lsp_target *t, unsigned depth, bool direct)
{
    if (!e) return false;
    if (e->kind == ZI_EXPR_PATH) return ref_reads(&e->ref, t, depth, direct);
    for (const struct zi_expr *a = e->args; a; a = a->next)
        if (expr_reads(a, t, depth, direct)) return true;
    return expr_reads(e->lhs, t, depth, direct) || expr_reads(e->rhs, t, depth, direct) ||
           expr_reads(e->cond, t, depth, direct);
}

static bool condition_reads(const struct zi_condition *c, const struct zi_lsp_target *t, bool direct)
{
    return c->is_all ? ref_reads(&c->all_ref, t, 0, direct) : expr_reads(c->expr, t, 0, direct);
}

static void add_readers(struct hover *h, const struct zi_lsp_target *t, const char *verdict,
                        const struct zi_condition *conditions, bool *any)
{
    for (const struct zi_condition *c = conditions; c; c = c->next) {
        if (!condition_reads(c, t, false)) continue;
        size_t len;
        const char *text = zi_source_slice(&h->doc->comp.source, c->span, &len);
        if (!*any) add(h, "\n\nRead by:\n");
        *any = true;
        add(h, zi_arena_printf(h->arena, "\n- %s: `%.*s`%s", verdict, (int)len, text,
                               condition_reads(c, t, true) ? "" : " (through what holds it)"));
    }
}

static void add_uses(struct hover *h, const struct zi_lsp_target *t)
{
    if (t->kind != ZI_LSP_REF) return;
    const struct zi_criteria *c = h->doc->comp.criteria;
    bool any = false;
    for (const struct zi_verdict *v = c->verdicts; v; v = v->next)
        add_readers(h, t, zi_arena_printf(h->arena, "verdict **%s**", v->name.text), v->conditions, &any);
    for (const struct zi_prerequisites *p = c->prerequisites; p; p = p->next)
        add_readers(h, t, zi_arena_printf(h->arena, "prerequisites of **%s**", p->verdict.text),
                    p->conditions, &any);
    if (!any) add(h, "\n\nNo verdict condition reads it.");
}

/* ---- each kind ---- */

static void scale_answers(struct hover *h, const struct zi_scale *s, const struct zi_item *item)
{
    bool points = item && !item->expr;
    add(h, points ? "\n\n| Answer | Score | Points |\n|---|---|---|" : "\n\n| Answer | Score |\n|---|---|");
    for (const struct zi_scale_entry *e = s->entries; e; e = e->next) {
        add(h, zi_arena_printf(h->arena, "\n| \"%s\" | %s |", e->label.text, number(h->arena, e->value)));
        if (points) add(h, zi_arena_printf(h->arena, " %s |", number(h->arena, e->value * item->points)));
    }
}

static void hover_item(struct hover *h, const struct zi_item *item)
{
    add(h, zi_arena_printf(
               h->arena, "**%s** — %s `%s`\n\n%s", item->code.text, item->is_score ? "score" : "question",
               zi_lsp_group_path(h->arena, item->parent, item), item->text.text ? item->text.text : ""));
    add(h, zi_arena_printf(h->arena, "\n\nMaximum points: **%s**", number(h->arena, item->points)));
    if (item->has_weight) add(h, zi_arena_printf(h->arena, " (weight %s)", number(h->arena, item->weight)));
    if (item->parent)
        add(h,
            zi_arena_printf(h->arena, " in group `%s` \"%s\"", item->parent->name.text,
                            item->parent->title.text ? item->parent->title.text : item->parent->name.text));
    for (const struct zi_input *in = item->inputs; in; in = in->next) {
        if (item->is_score)
            add(h,
                zi_arena_printf(h->arena, "\n\nInput `%s`: %s — %s", in->name.text,
                                in->type.text ? in->type.text : "?", in->title.text ? in->title.text : ""));
        else if (in->scale)
            add(h, zi_arena_printf(h->arena, "\n\nScale `%s`%s%s%s:", in->scale->name.text,
                                   in->scale->title.text ? " \"" : "",
                                   in->scale->title.text ? in->scale->title.text : "",
                                   in->scale->title.text ? "\"" : ""));
        else if (in->type.text)
            add(h, zi_arena_printf(h->arena, "\n\nAnswer: %s", in->type.text));
        if (!item->is_score && in->scale) scale_answers(h, in->scale, item);
    }
}

static const char *mode_words(const struct zi_group *g)
{
    switch (g->mode) {
    case ZI_GROUP_MEAN:
        return "its weight × the mean of its members' scores";
    case ZI_GROUP_RELATIVE:
        return "its weight shared among its members by their relative weights";
    default:
        return "the sum of its members' points";
    }
}

static void hover_group(struct hover *h, const struct zi_group *g)
{
    unsigned n = 0;
    for (const struct zi_member *m = g->members; m; m = m->next)
        n++;
    add(h, zi_arena_printf(h->arena, "**%s** — group `%s`", g->title.text ? g->title.text : g->name.text,
                           zi_lsp_group_path(h->arena, g, NULL)));
    if (g->code && g->code[0]) add(h, zi_arena_printf(h->arena, " (%s)", g->code));
    if (g->has_weight)
        add(h, zi_arena_printf(h->arena, "\n\nWeight (maximum points): **%s**", number(h->arena, g->weight)));
    add(h, zi_arena_printf(h->arena, "\n\n%u member%s; scores %s.", n, n == 1 ? "" : "s", mode_words(g)));
}

static void hover_scale(struct hover *h, const struct zi_scale *s)
{
    add(h, zi_arena_printf(h->arena, "**scale `%s`**%s%s", s->name.text, s->title.text ? " — " : "",
                           s->title.text ? s->title.text : ""));
    scale_answers(h, s, NULL);
}

static void hover_labels(struct hover *h, const struct zi_labels *l)
{
    add(h, zi_arena_printf(h->arena, "**%s `%s`**%s%s\n\nValues%s:", l->ordered ? "grade" : "category",
                           l->name.text, l->title.text ? " — " : "", l->title.text ? l->title.text : "",
                           l->ordered ? ", best first" : ""));
    for (const struct zi_label_value *v = l->values; v; v = v->next)
        add(h, zi_arena_printf(h->arena, " \"%s\"%s", v->spellings[0].text, v->next ? "," : ""));
}

static void hover_verdict(struct hover *h, const struct zi_verdict *v)
{
    add(h, zi_arena_printf(h->arena, "**%s %s**%s%s", v->is_otherwise ? "otherwise" : "verdict", v->name.text,
                           v->title.text ? " — " : "", v->title.text ? v->title.text : ""));
    for (const struct zi_condition *c = v->conditions; c; c = c->next) {
        size_t len;
        const char *text = zi_source_slice(&h->doc->comp.source, c->span, &len);
        add(h, zi_arena_printf(h->arena, "%s- `%.*s`", c == v->conditions ? "\n\n" : "\n", (int)len, text));
    }
}

static void hover_ref(struct hover *h, const struct zi_ref *r)
{
    size_t len;
    const char *text;
    switch (r->kind) {
    case ZI_REF_ITEM:
        hover_item(h, r->u.item);
        break;
    case ZI_REF_GROUP:
        hover_group(h, r->u.group);
        break;
    case ZI_REF_TOTAL:
        add(h, zi_arena_printf(h->arena, "**total** — the whole score, out of **%s**",
                               number(h->arena, h->doc->comp.criteria->total_weight)));
        break;
    case ZI_REF_INPUT:
    case ZI_REF_FACT:
        add(h, zi_arena_printf(h->arena, "**%s** — %s `%s`: %s",
                               r->u.input->title.text ? r->u.input->title.text : r->u.input->name.text,
                               r->kind == ZI_REF_FACT ? "fact" : "input",
                               r->u.input->key ? r->u.input->key : r->u.input->name.text,
                               r->u.input->type.text ? r->u.input->type.text : "?"));
        if (r->u.input->has_range)
            add(h, zi_arena_printf(h->arena, " in [%s, %s]", number(h->arena, r->u.input->lo),
                                   number(h->arena, r->u.input->hi)));
        if (r->u.input->scale) scale_answers(h, r->u.input->scale, NULL);
        break;
    case ZI_REF_LET:
        text = r->u.let->expr ? zi_source_slice(&h->doc->comp.source, r->u.let->expr->span, &len) : "";
        add(h, zi_arena_printf(h->arena, "**let %s**%s%s\n\n`= %.*s`", r->u.let->name.text,
                               r->u.let->title.text ? " — " : "",
                               r->u.let->title.text ? r->u.let->title.text : "",
                               r->u.let->expr ? (int)len : 0, text));
        break;
    case ZI_REF_VIEW:
        text = zi_source_slice(&h->doc->comp.source, r->u.view->span, &len);
        add(h, zi_arena_printf(h->arena, "**view %s**%s%s\n\n`%.*s`\n\n%u members", r->u.view->name.text,
                               r->u.view->title.text ? " — " : "",
                               r->u.view->title.text ? r->u.view->title.text : "", (int)len, text,
                               r->u.view->n_members));
        break;
    case ZI_REF_MEMBER:
        add(h, zi_arena_printf(h->arena, "**%s** — view member `%s`, weight **%s**",
                               r->u.member->title ? r->u.member->title : r->u.member->name.text,
                               r->u.member->name.text, number(h->arena, r->u.member->weight)));
        break;
    case ZI_REF_FACTS:
        add(h, zi_arena_printf(h->arena, "**facts %s**%s%s", r->u.facts->name.text,
                               r->u.facts->title.text ? " — " : "",
                               r->u.facts->title.text ? r->u.facts->title.text : ""));
        break;
    default:
        break;
    }
}

json_t *zi_lsp_hover(struct zi_lsp_doc *doc, uint32_t offset)
{
    struct zi_lsp_target t = zi_lsp_target_at(doc, offset);
    struct zi_arena arena; /* this answer's text, released once it is in the JSON */
    zi_arena_init(&arena);
    struct hover h = {doc, &arena, NULL};
    switch (t.kind) {
    case ZI_LSP_REF:
        hover_ref(&h, &t.ref);
        add_uses(&h, &t);
        break;
    case ZI_LSP_SCALE:
        hover_scale(&h, t.scale);
        break;
    case ZI_LSP_LABELS:
        hover_labels(&h, t.labels);
        break;
    case ZI_LSP_VERDICT:
        hover_verdict(&h, t.verdict);
        break;
    default:
        break;
    }
    json_t *answer = h.md ? json_pack("{s:{s:s, s:s}, s:o}", "contents", "kind", "markdown", "value", h.md,
                                      "range", zi_lsp_range(&doc->comp.source, t.at))
                          : json_null();
    zi_arena_free(&arena);
    return answer;
}
