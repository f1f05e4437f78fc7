/* lsp_complete.c — completion from the compiled tree (bases included), by what the text before the cursor
 * says is wanted:
 *
 *   after ':'                         scale names, the answer types, grades and categories
 *   after `a.b.`                      the children of a.b (groups, items, inputs, view members, facts)
 *   inside "…" after question, score,
 *     item or weight                  item codes (the edits name items by code: `replace weight "A.a" 20`)
 *   elsewhere                         the top-level names (groups, lets, views, facts, total), the inputs of
 *                                     the item around the cursor, and the keywords
 *
 * Each item replaces the text typed so far (a textEdit), so a code with dots in it is not completed twice. */
#include <ctype.h>
#include <string.h>

#include "checks.h"
#include "lsp.h"

/* CompletionItemKind (LSP 3.17). */
enum {
    KIND_FIELD = 5,
    KIND_VARIABLE = 6,
    KIND_CLASS = 7,
    KIND_MODULE = 9,
    KIND_VALUE = 12,
    KIND_ENUM = 13,
    KIND_KEYWORD = 14
};

/* The reserved words of the scanner (grammar/scanner.l; tests/lsp/lsp_test.py checks that they are all here).
 */
static const char *const keywords[] = {
    "add",        "all",     "and",       "category",      "criteria", "else",       "error",
    "exclude",    "extends", "fact",      "facts",         "false",    "grade",      "group",
    "if",         "in",      "input",     "language",      "let",      "missing",    "not",
    "numbering",  "or",      "otherwise", "prerequisites", "question", "regulation", "relative",
    "relaxation", "remove",  "replace",   "require",       "scale",    "score",      "then",
    "to",         "true",    "verdict",   "view",          "weight",   "with",       "zero",
};

struct completion {
    struct zi_lsp_doc *doc;
    json_t *items;
    json_t *range; /* the text typed so far, which an item replaces */
};

static void offer(struct completion *c, const char *label, int kind, const char *detail)
{
    if (!label) return;
    json_t *item = json_pack("{s:s, s:i, s:{s:O, s:s}}", "label", label, "kind", kind, "textEdit", "range",
                             c->range, "newText", label);
    if (item && detail) json_object_set_new(item, "detail", json_string(detail));
    json_array_append_new(c->items, item);
}

static void offer_members(struct completion *c, const struct zi_member *members)
{
    for (const struct zi_member *m = members; m; m = m->next) {
        if (m->group)
            offer(c, m->group->name.text, KIND_MODULE, m->group->title.text);
        else
            offer(c, m->item->name.text, KIND_FIELD, m->item->code.text);
    }
}

static void offer_inputs(struct completion *c, const struct zi_input *inputs)
{
    for (const struct zi_input *in = inputs; in; in = in->next)
        offer(c, in->name.text, KIND_VARIABLE, in->title.text);
}

static void offer_children(struct completion *c, const struct zi_ref *r)
{
    switch (r->kind) {
    case ZI_REF_GROUP:
        offer_members(c, r->u.group->members);
        break;
    case ZI_REF_ITEM:
        offer_inputs(c, r->u.item->inputs);
        break;
    case ZI_REF_VIEW:
        for (unsigned i = 0; i < r->u.view->n_members; i++)
            offer(c, r->u.view->members[i].name.text, KIND_MODULE, r->u.view->members[i].title);
        break;
    case ZI_REF_FACTS:
        offer_inputs(c, r->u.facts->facts);
        break;
    default:
        break;
    }
}

static void offer_codes(struct completion *c, const struct zi_member *members)
{
    for (const struct zi_member *m = members; m; m = m->next) {
        if (m->group)
            offer_codes(c, m->group->members);
        else
            offer(c, m->item->code.text, KIND_VALUE, m->item->text.text);
    }
}

static void offer_types(struct completion *c, const struct zi_criteria *cr)
{
    for (const struct zi_scale *s = cr->scales; s; s = s->next)
        offer(c, s->name.text, KIND_ENUM, s->title.text);
    for (const struct zi_labels *l = cr->labels; l; l = l->next)
        offer(c, l->name.text, KIND_ENUM, l->title.text);
    static const char *const types[] = {"number", "percent", "count", "boolean"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        offer(c, types[i], KIND_KEYWORD, NULL);
}

static void offer_top(struct completion *c, struct zi_criteria *cr, uint32_t offset)
{
    struct zi_item *item = zi_lsp_item_at(cr, offset);
    if (item) offer_inputs(c, item->inputs);
    offer_members(c, cr->groups);
    for (const struct zi_let *l = cr->lets; l; l = l->next)
        offer(c, l->name.text, KIND_VARIABLE, l->title.text);
    for (const struct zi_view *v = cr->views; v; v = v->next)
        offer(c, v->name.text, KIND_CLASS, v->title.text);
    for (const struct zi_facts *f = cr->facts; f; f = f->next)
        offer(c, f->name.text, KIND_MODULE, f->title.text);
    offer(c, "total", KIND_VARIABLE, "the whole score");
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        offer(c, keywords[i], KIND_KEYWORD, NULL);
}

static bool is_ident(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

/* After `a.b.` (the segments before the one being typed, from `from` to `dot`): the children of a.b. */
static void offer_path(struct completion *c, struct zi_criteria *cr, uint32_t from, uint32_t dot,
                       uint32_t offset)
{
    char path[512];
    if (dot - from >= sizeof path) return;
    memcpy(path, c->doc->text + from, dot - from);
    path[dot - from] = '\0';
    char *save = NULL, *segment = strtok_r(path, ".", &save);
    if (!segment) return;
    struct zi_ref r = zi_lsp_name(cr, segment, offset);
    while (r.kind != ZI_REF_NONE && (segment = strtok_r(NULL, ".", &save)))
        r = zi_ref_child(&r, segment);
    offer_children(c, &r);
}

json_t *zi_lsp_complete(struct zi_lsp_doc *doc, uint32_t offset)
{
    struct zi_criteria *cr = doc->comp.criteria;
    struct completion c = {doc, json_array(), NULL};
    if (!cr || offset > doc->len) return c.items;
    const char *text = doc->text, *before;
    struct zi_span inside;
    if (zi_lsp_in_string(text, doc->len, offset, &inside)) {
        size_t n = zi_lsp_word_before(text, inside.begin - 1, &before);
        if (zi_lsp_word_is(before, n, "question") || zi_lsp_word_is(before, n, "score") ||
            zi_lsp_word_is(before, n, "item") || zi_lsp_word_is(before, n, "weight")) {
            c.range = zi_lsp_range(&doc->comp.source, (struct zi_span){inside.begin, offset});
            offer_codes(&c, cr->groups);
        }
        json_decref(c.range);
        return c.items;
    }
    uint32_t word = offset;
    while (word > 0 && is_ident(text[word - 1]))
        word--;
    c.range = zi_lsp_range(&doc->comp.source, (struct zi_span){word, offset});
    if (word > 0 && text[word - 1] == '.') {
        uint32_t from = word - 1;
        while (from > 0 && (is_ident(text[from - 1]) || text[from - 1] == '.'))
            from--;
        offer_path(&c, cr, from, word - 1, offset);
    } else if (zi_lsp_word_before(text, word, &before) == 1 && before[0] == ':') {
        offer_types(&c, cr);
    } else {
        offer_top(&c, cr, offset);
    }
    json_decref(c.range);
    return c.items;
}
