/* lsp_nav.c — what the cursor is on. Two ways, both over the compiled (merged) tree, so that a name declared
 * in a base of the chain is found too:
 *
 *   - a declaration: the name (or an item's code) of a scale, group, item, input, let, view, verdict, grade,
 *     category, facts block or fact whose span holds the position;
 *   - a use: the text around the position read as a path (`hasil.bersih.capaian`, up to the segment under the
 *     cursor) or an item's code in quotes, resolved by name as the checks resolve it (check_names.c). Reading
 *     the text rather than the expressions also finds the names of `extends` edits (`replace hasil.bersih >=
 *     19.5 with …`), which the merge consumes, and works on a file whose checks failed.
 */
#include <ctype.h>
#include <string.h>

#include "checks.h"
#include "lsp.h"

static bool holds(struct zi_span span, uint32_t offset)
{
    return span.end > span.begin && span.begin <= offset && offset <= span.end;
}

static struct zi_lsp_target ref_target(struct zi_ref ref, struct zi_span at)
{
    struct zi_lsp_target t = {.kind = ZI_LSP_REF, .ref = ref, .at = at};
    return t;
}

/* ---- declarations ---- */

static bool decl_in_inputs(struct zi_input *inputs, enum zi_ref_kind kind, uint32_t offset,
                           struct zi_lsp_target *t)
{
    for (struct zi_input *in = inputs; in; in = in->next)
        if (holds(in->name.span, offset)) {
            struct zi_ref r = {kind, {.input = in}};
            *t = ref_target(r, in->name.span);
            return true;
        }
    return false;
}

static bool decl_in_members(struct zi_member *members, uint32_t offset, struct zi_lsp_target *t)
{
    for (struct zi_member *m = members; m; m = m->next) {
        if (m->group) {
            struct zi_ref r = {ZI_REF_GROUP, {.group = m->group}};
            if (holds(m->group->name.span, offset)) {
                *t = ref_target(r, m->group->name.span);
                return true;
            }
            if (holds(m->group->span, offset) && decl_in_members(m->group->members, offset, t)) return true;
        } else {
            struct zi_item *item = m->item;
            struct zi_ref r = {ZI_REF_ITEM, {.item = item}};
            if (holds(item->code.span, offset)) {
                *t = ref_target(r, item->code.span);
                return true;
            }
            if (holds(item->name.span, offset) && item->name.span.begin != item->code.span.begin) {
                *t = ref_target(r, item->name.span);
                return true;
            }
            if (item->is_score && decl_in_inputs(item->inputs, ZI_REF_INPUT, offset, t)) return true;
        }
    }
    return false;
}

static bool decl_at(struct zi_criteria *c, uint32_t offset, struct zi_lsp_target *t)
{
    for (struct zi_scale *s = c->scales; s; s = s->next)
        if (holds(s->name.span, offset)) {
            *t = (struct zi_lsp_target){.kind = ZI_LSP_SCALE, .scale = s, .at = s->name.span};
            return true;
        }
    for (struct zi_labels *l = c->labels; l; l = l->next)
        if (holds(l->name.span, offset)) {
            *t = (struct zi_lsp_target){.kind = ZI_LSP_LABELS, .labels = l, .at = l->name.span};
            return true;
        }
    for (struct zi_verdict *v = c->verdicts; v; v = v->next)
        if (holds(v->name.span, offset)) {
            *t = (struct zi_lsp_target){.kind = ZI_LSP_VERDICT, .verdict = v, .at = v->name.span};
            return true;
        }
    for (struct zi_let *l = c->lets; l; l = l->next)
        if (holds(l->name.span, offset)) {
            struct zi_ref r = {ZI_REF_LET, {.let = l}};
            *t = ref_target(r, l->name.span);
            return true;
        }
    for (struct zi_view *v = c->views; v; v = v->next)
        if (holds(v->name.span, offset)) {
            struct zi_ref r = {ZI_REF_VIEW, {.view = v}};
            *t = ref_target(r, v->name.span);
            return true;
        }
    for (struct zi_facts *f = c->facts; f; f = f->next) {
        if (holds(f->name.span, offset)) {
            struct zi_ref r = {ZI_REF_FACTS, {.facts = f}};
            *t = ref_target(r, f->name.span);
            return true;
        }
        if (decl_in_inputs(f->facts, ZI_REF_FACT, offset, t)) return true;
    }
    return decl_in_members(c->groups, offset, t);
}

/* ---- uses, read from the text ---- */

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The item whose code is `code` (`len` bytes), or NULL. */
static struct zi_item *item_with_code(struct zi_member *members, const char *code, size_t len)
{
    for (struct zi_member *m = members; m; m = m->next) {
        if (m->group) {
            struct zi_item *found = item_with_code(m->group->members, code, len);
            if (found) return found;
        } else if (m->item->code.text && strlen(m->item->code.text) == len &&
                   memcmp(m->item->code.text, code, len) == 0) {
            return m->item;
        }
    }
    return NULL;
}

/* The item whose block holds `offset` (its inputs, `answer` included, are names there), or NULL. */
static struct zi_item *item_around(struct zi_member *members, uint32_t offset)
{
    for (struct zi_member *m = members; m; m = m->next) {
        if (m->group && holds(m->group->span, offset)) return item_around(m->group->members, offset);
        if (m->item && holds(m->item->span, offset)) return m->item;
    }
    return NULL;
}

/* A name at the top of the criteria: a top-level group or item, let, view, facts block, or `total`. */
static struct zi_ref top_name(struct zi_criteria *c, const char *name)
{
    struct zi_ref r = {0};
    if (strcmp(name, "total") == 0) {
        r.kind = ZI_REF_TOTAL;
        return r;
    }
    struct zi_group top = {.members = c->groups};
    struct zi_ref parent = {ZI_REF_GROUP, {.group = &top}};
    r = zi_ref_child(&parent, name);
    if (r.kind != ZI_REF_NONE) return r;
    for (struct zi_let *l = c->lets; l; l = l->next)
        if (strcmp(l->name.text, name) == 0) return (struct zi_ref){ZI_REF_LET, {.let = l}};
    for (struct zi_view *v = c->views; v; v = v->next)
        if (strcmp(v->name.text, name) == 0) return (struct zi_ref){ZI_REF_VIEW, {.view = v}};
    for (struct zi_facts *f = c->facts; f; f = f->next)
        if (strcmp(f->name.text, name) == 0) return (struct zi_ref){ZI_REF_FACTS, {.facts = f}};
    return r;
}

size_t zi_lsp_word_before(const char *text, uint32_t at, const char **word)
{
    size_t i = at;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    size_t end = i;
    if (i > 0 && text[i - 1] == ':') {
        *word = text + i - 1;
        return 1;
    }
    while (i > 0 && ident_char(text[i - 1]))
        i--;
    *word = text + i;
    return end - i;
}

bool zi_lsp_word_is(const char *word, size_t len, const char *keyword)
{
    return strlen(keyword) == len && memcmp(word, keyword, len) == 0;
}

struct zi_ref zi_lsp_name(struct zi_criteria *c, const char *name, uint32_t offset)
{
    struct zi_item *item = item_around(c->groups, offset);
    if (item) {
        struct zi_ref parent = {ZI_REF_ITEM, {.item = item}};
        struct zi_ref r = zi_ref_child(&parent, name);
        if (r.kind != ZI_REF_NONE) return r;
    }
    return top_name(c, name);
}

struct zi_item *zi_lsp_item_at(struct zi_criteria *c, uint32_t offset)
{
    return item_around(c->groups, offset);
}

/* A single name in a place where a scale, grade, category or verdict is named. */
static bool named_decl(struct zi_criteria *c, const char *name, const char *before, size_t before_len,
                       struct zi_span at, struct zi_lsp_target *t)
{
    bool type_place = zi_lsp_word_is(before, before_len, ":") || zi_lsp_word_is(before, before_len, "scale");
    bool labels_place = type_place || zi_lsp_word_is(before, before_len, "grade") ||
                        zi_lsp_word_is(before, before_len, "category");
    bool verdict_place = zi_lsp_word_is(before, before_len, "verdict") ||
                         zi_lsp_word_is(before, before_len, "prerequisites") ||
                         zi_lsp_word_is(before, before_len, "otherwise");
    for (struct zi_scale *s = c->scales; type_place && s; s = s->next)
        if (strcmp(s->name.text, name) == 0) {
            *t = (struct zi_lsp_target){.kind = ZI_LSP_SCALE, .scale = s, .at = at};
            return true;
        }
    for (struct zi_labels *l = c->labels; labels_place && l; l = l->next)
        if (strcmp(l->name.text, name) == 0) {
            *t = (struct zi_lsp_target){.kind = ZI_LSP_LABELS, .labels = l, .at = at};
            return true;
        }
    for (struct zi_verdict *v = c->verdicts; verdict_place && v; v = v->next)
        if (v->name.text && strcmp(v->name.text, name) == 0) {
            *t = (struct zi_lsp_target){.kind = ZI_LSP_VERDICT, .verdict = v, .at = at};
            return true;
        }
    return false;
}

bool zi_lsp_in_string(const char *text, size_t len, uint32_t offset, struct zi_span *inside)
{
    size_t i = offset;
    while (i > 0 && text[i - 1] != '\n')
        i--;
    bool open = false;
    size_t start = 0;
    for (; i < len && text[i] != '\n'; i++) {
        if (!open && text[i] == '/' && i + 1 < len && (text[i + 1] == '/' || text[i + 1] == '*')) break;
        if (open && text[i] == '\\') {
            i++;
            continue;
        }
        if (text[i] != '"') continue;
        if (open && start <= offset && offset <= i) {
            *inside = (struct zi_span){(uint32_t)start, (uint32_t)i};
            return true;
        }
        open = !open;
        start = i + 1;
        if (i >= offset) break;
    }
    return false;
}

static bool use_at(struct zi_lsp_doc *doc, uint32_t offset, struct zi_lsp_target *t)
{
    struct zi_criteria *c = doc->comp.criteria;
    const char *text = doc->text;
    struct zi_span inside;
    if (zi_lsp_in_string(text, doc->len, offset, &inside)) {
        struct zi_item *item = item_with_code(c->groups, text + inside.begin, inside.end - inside.begin);
        if (!item) return false;
        *t = ref_target((struct zi_ref){ZI_REF_ITEM, {.item = item}}, inside);
        return true;
    }
    uint32_t begin = offset, end = offset;
    while (end < doc->len && ident_char(text[end]))
        end++;
    while (begin > 0 && (ident_char(text[begin - 1]) || text[begin - 1] == '.'))
        begin--;
    if (begin == end || !(isalpha((unsigned char)text[begin]) || text[begin] == '_')) return false;
    /* The segments up to the one under the cursor. */
    char path[512];
    if (end - begin >= sizeof path) return false;
    memcpy(path, text + begin, end - begin);
    path[end - begin] = '\0';
    char *save = NULL, *segment = strtok_r(path, ".", &save);
    if (!segment) return false;
    uint32_t seg_begin = begin;
    struct zi_span at = {seg_begin, seg_begin + (uint32_t)strlen(segment)};
    const char *before;
    size_t before_len = zi_lsp_word_before(text, begin, &before);
    if (at.end == end && named_decl(c, segment, before, before_len, at, t)) return true;
    struct zi_ref r = zi_lsp_name(c, segment, offset);
    while (r.kind != ZI_REF_NONE && at.end < end && (segment = strtok_r(NULL, ".", &save))) {
        at.begin = at.end + 1;
        at.end = at.begin + (uint32_t)strlen(segment);
        r = zi_ref_child(&r, segment);
    }
    if (r.kind == ZI_REF_NONE) return false;
    *t = ref_target(r, at);
    return true;
}

struct zi_lsp_target zi_lsp_target_at(struct zi_lsp_doc *doc, uint32_t offset)
{
    struct zi_lsp_target t = {.kind = ZI_LSP_NONE};
    if (!doc->comp.criteria || offset > doc->comp.source.files[0].end) return t;
    if (!decl_at(doc->comp.criteria, offset, &t)) use_at(doc, offset, &t);
    return t;
}

bool zi_lsp_target_span(const struct zi_lsp_target *t, struct zi_span *span)
{
    switch (t->kind) {
    case ZI_LSP_SCALE:
        *span = t->scale->name.span;
        return true;
    case ZI_LSP_LABELS:
        *span = t->labels->name.span;
        return true;
    case ZI_LSP_VERDICT:
        *span = t->verdict->name.span;
        return true;
    case ZI_LSP_REF:
        switch (t->ref.kind) {
        case ZI_REF_GROUP:
            *span = t->ref.u.group->name.span;
            return true;
        case ZI_REF_ITEM:
            *span = t->ref.u.item->code.span;
            return true;
        case ZI_REF_INPUT:
        case ZI_REF_FACT:
            *span = t->ref.u.input->name.span;
            return true;
        case ZI_REF_LET:
            *span = t->ref.u.let->name.span;
            return true;
        case ZI_REF_VIEW:
            *span = t->ref.u.view->name.span;
            return true;
        case ZI_REF_MEMBER:
            *span = t->ref.u.member->name.span;
            return true;
        case ZI_REF_FACTS:
            *span = t->ref.u.facts->name.span;
            return true;
        default:
            return false;
        }
    default:
        return false;
    }
}

const char *zi_lsp_group_path(struct zi_arena *arena, const struct zi_group *group,
                              const struct zi_item *item)
{
    const char *path = item ? item->name.text : NULL;
    for (const struct zi_group *g = group; g; g = g->parent)
        path = path ? zi_arena_printf(arena, "%s.%s", g->name.text, path) : g->name.text;
    return path ? path : "";
}

json_t *zi_lsp_definition(struct zi_lsp_doc *doc, uint32_t offset)
{
    struct zi_lsp_target t = zi_lsp_target_at(doc, offset);
    struct zi_span span;
    if (!zi_lsp_target_span(&t, &span)) return json_null();
    json_t *loc = zi_lsp_location(doc, span);
    return loc ? loc : json_null();
}
