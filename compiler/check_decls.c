/* check_decls.c — the declarations on their own: the header, scales, items and their inputs, names that
 * must be unique in their scope, and the order of the verdicts. Later passes rely on what this one sets:
 * each input's kind, range and key, each item's missing policy, the top-level symbol table. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "chars.h"
#include "checks.h"
#include "zi/module.h"

static struct zi_ref ref_group(struct zi_group *g)
{
    struct zi_ref r = {ZI_REF_GROUP, {.group = g}};
    return r;
}

static struct zi_ref ref_item(struct zi_item *item)
{
    struct zi_ref r = {ZI_REF_ITEM, {.item = item}};
    return r;
}

static bool is_builtin_type(const char *name)
{
    return strcmp(name, "number") == 0 || strcmp(name, "percent") == 0 || strcmp(name, "count") == 0;
}

static bool is_reserved(const char *name)
{
    return strcmp(name, "total") == 0 || strcmp(name, "answer") == 0;
}

/* A name or code given again by a file that extends the one that gave it first: the officer most likely meant
 * to change the base's, which takes `replace`. */
static void replace_hint(struct zi_checker *ck, struct zi_diagnostic *d, struct zi_span span,
                         struct zi_span first, const char *what)
{
    const struct zi_source *source = ck->diag->source;
    if (zi_source_file_at(source, span.begin) != zi_source_file_at(source, first.begin))
        zi_diag_add_hint(ck->diag, d, "to change it, write 'replace %s …'", what);
}

void zi_check_duplicate(struct zi_checker *ck, struct zi_span span, struct zi_span first, const char *what,
                        const char *name)
{
    struct zi_diagnostic *d =
        zi_diag_report(ck->diag, ZI_SEV_ERROR, span, "E020", "%s '%s' is already defined", what, name);
    zi_diag_add_note(ck->diag, d, first, "'%s' is first defined here", name);
    replace_hint(ck, d, span, first, zi_arena_printf(ck->arena, "%s %s", what, name));
}

char *zi_normalised_label(struct zi_arena *arena, const char *text)
{
    char *out = zi_arena_alloc(arena, strlen(text) + 1), *o = out;
    for (const char *p = text; *p; p++) {
        if (*p == ' ') {
            if (o > out && o[-1] != ' ') *o++ = ' ';
            continue;
        }
        *o++ = (char)tolower((unsigned char)*p);
    }
    if (o > out && o[-1] == ' ') o--;
    *o = '\0';
    return out;
}

static void check_scales(struct zi_checker *ck)
{
    for (struct zi_scale *s = ck->criteria->scales; s; s = s->next) {
        if (is_builtin_type(s->name.text)) {
            zi_diag_report(ck->diag, ZI_SEV_ERROR, s->name.span, "E020",
                           "'%s' is a built-in answer type; give the scale another name", s->name.text);
            continue;
        }
        struct zi_ref none = {0};
        struct zi_symbol *first = zi_symtab_insert(ck->arena, &ck->scales, s->name.text, none, s->name.span);
        if (first) {
            zi_check_duplicate(ck, s->name.span, first->span, "scale", s->name.text);
            s->used = true; /* reported as a duplicate: not also as unused (W101) */
            continue;
        }
        /* Labels seen so far, normalised: a scale of n labels costs O(n), not O(n²). */
        struct zi_symtab labels = {0};
        unsigned count = 0;
        for (struct zi_scale_entry *e = s->entries; e; e = e->next) {
            /* A module numbers a scale's labels in one byte (zi/module.h); one message per scale. */
            if (++count == ZI_MAX_SCALE_LABELS + 1)
                zi_diag_report(
                    ck->diag, ZI_SEV_ERROR, e->label.span, "E044",
                    "scale '%s' has more than %u labels; split the question, or use a number input",
                    s->name.text, ZI_MAX_SCALE_LABELS);
            if (!(e->value >= 0 && e->value <= 1))
                zi_diag_report(ck->diag, ZI_SEV_ERROR, e->value_span, "E024",
                               "scale value %g is outside [0, 1]; write a score between 0 and 1 (or 0%% to "
                               "100%%)",
                               e->value);
            const char *label = e->label.text;
            const char *normal = zi_normalised_label(ck->arena, label);
            if (!normal[0]) {
                zi_diag_report(ck->diag, ZI_SEV_ERROR, e->label.span, "E031",
                               "empty scale label: a blank cell means a missing answer");
                continue; /* not also a duplicate of an earlier blank label */
            }
            struct zi_symbol *prev = zi_symtab_insert(ck->arena, &labels, normal, none, e->label.span);
            if (prev) {
                struct zi_diagnostic *d =
                    zi_diag_report(ck->diag, ZI_SEV_ERROR, e->label.span, "E031",
                                   "label \"%s\" is already in scale '%s' (labels ignore case and spaces)",
                                   label, s->name.text);
                zi_diag_add_note(ck->diag, d, prev->span, "first used here");
            }
        }
    }
}

void zi_check_range(struct zi_checker *ck, const struct zi_input *in, double *lo, double *hi)
{
    if (!(in->lo <= in->hi) || !isfinite(in->lo) || !isfinite(in->hi))
        zi_diag_report(ck->diag, ZI_SEV_ERROR, in->range_span, "E035",
                       "invalid range: the lower bound %g is above the upper bound %g", in->lo, in->hi);
    else if (in->kind == ZI_INPUT_COUNT && in->lo < 0)
        zi_diag_report(ck->diag, ZI_SEV_ERROR, in->range_span, "E035", "a count cannot be negative");
    else if (in->kind == ZI_INPUT_PERCENT && (in->lo < 0 || in->hi > 1))
        zi_diag_report(ck->diag, ZI_SEV_ERROR, in->range_span, "E035",
                       "a percentage range lies within [0%%, 100%%]; write the bounds with '%%'");
    *lo = in->lo;
    *hi = in->hi;
}

static bool is_identifier(const char *text)
{
    if (!(isalpha((unsigned char)text[0]) || text[0] == '_')) return false;
    for (const char *p = text + 1; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_')) return false;
    return true;
}

static void check_input(struct zi_checker *ck, struct zi_item *item, struct zi_input *in)
{
    const char *type = in->type.text;
    in->kind = ZI_INPUT_NUMBER;
    double lo = -HUGE_VAL, hi = HUGE_VAL;
    if (strcmp(type, "number") == 0) {
        in->kind = ZI_INPUT_NUMBER;
    } else if (strcmp(type, "percent") == 0) {
        in->kind = ZI_INPUT_PERCENT;
        lo = 0;
        hi = 1;
    } else if (strcmp(type, "count") == 0) {
        in->kind = ZI_INPUT_COUNT;
        lo = 0;
    } else {
        struct zi_symbol *sym = zi_symtab_lookup(&ck->scales, type);
        struct zi_scale *scale = NULL;
        for (struct zi_scale *s = ck->criteria->scales; s && sym; s = s->next)
            if (strcmp(s->name.text, type) == 0) {
                scale = s;
                break;
            }
        if (!scale) {
            const char *names[1024];
            unsigned n = 0;
            names[n++] = "number";
            names[n++] = "percent";
            names[n++] = "count";
            for (struct zi_scale *s = ck->criteria->scales; s && n < 1024; s = s->next)
                names[n++] = s->name.text;
            const char *close = zi_suggest(ck->arena, type, names, n);
            struct zi_diagnostic *d = zi_diag_report(
                ck->diag, ZI_SEV_ERROR, in->type.span, "E032", "unknown answer type '%s'%s%s%s", type,
                close ? "; did you mean " : "", close ? close : "", close ? "?" : "");
            zi_diag_add_hint(ck->diag, d, "an answer type is 'number', 'percent', 'count' or a scale's name");
            in->kind = ZI_INPUT_NUMBER;
        } else {
            scale->used = true;
            in->kind = ZI_INPUT_SCALE;
            in->scale = scale;
            lo = HUGE_VAL;
            hi = -HUGE_VAL;
            for (struct zi_scale_entry *e = scale->entries; e; e = e->next) {
                lo = e->value < lo ? e->value : lo;
                hi = e->value > hi ? e->value : hi;
            }
            if (in->has_range)
                zi_diag_report(ck->diag, ZI_SEV_ERROR, in->range_span, "E035",
                               "an answer on a scale has no range: its values are the scale's");
        }
    }
    if (in->has_range && in->kind != ZI_INPUT_SCALE) zi_check_range(ck, in, &lo, &hi);
    in->lo = lo;
    in->hi = hi;

    in->key = item->is_score ? zi_arena_printf(ck->arena, "%s.%s", item->code.text, in->name.text)
                             : item->code.text;
    if (!item->is_score) return; /* a question's key is its code, registered by check_item */
    struct zi_ref ref = {ZI_REF_INPUT, {.input = in}};
    struct zi_symbol *first = zi_symtab_insert(ck->arena, &ck->keys, in->key, ref, in->name.span);
    if (first) {
        struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, in->name.span, "E021",
                                                 "data key '%s' is already used", in->key);
        zi_diag_add_note(ck->diag, d, first->span, "used here");
    }
}

/* A blank or an invisible character inside an item code (a tab, a no-break space pasted from Word) makes a
 * data key no worksheet column has: the item would score 0 for every unit without a word. Reported at the
 * character, named (E001), with the fix; the first such character only. */
static void odd_character_in_code(struct zi_checker *ck, const struct zi_item *item)
{
    const char *code = item->code.text;
    for (size_t i = 0; code[i];) {
        unsigned char c = (unsigned char)code[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = zi_utf8_decode(code + i, len);
        struct zi_char_info info = zi_char_info(cp);
        if (cp == ' ' || info.is_space) {
            /* The code's text is unescaped: find the character's bytes in the source to point at them. */
            size_t src_len;
            const char *src = zi_source_slice(ck->diag->source, item->code.span, &src_len);
            const char *hit = NULL;
            for (size_t k = 0; k + len <= src_len && !hit; k++)
                if (memcmp(src + k, code + i, len) == 0) hit = src + k;
            struct zi_span at = item->code.span;
            if (hit) {
                at.begin = (uint32_t)(hit - ck->diag->source->text);
                at.end = at.begin + (uint32_t)len;
            }
            struct zi_diagnostic *d =
                zi_diag_report(ck->diag, ZI_SEV_ERROR, at, "E001",
                               "this item code holds %s%s%s; a worksheet's codes have none: delete it",
                               cp == ' ' ? "a space" : "U+",
                               cp == ' ' ? "" : zi_arena_printf(ck->arena, "%04X ", (unsigned)cp),
                               cp == ' ' ? "" : info.name);
            if (hit) zi_diag_add_fixit(ck->diag, d, at, "");
            return;
        }
        i += len;
    }
}

static void check_item(struct zi_checker *ck, struct zi_item *item)
{
    const char *code = item->code.text;
    if (!code[0]) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, item->code.span, "E021", "empty item code");
        return;
    }
    odd_character_in_code(ck, item);
    struct zi_symbol *first = zi_symtab_insert(ck->arena, &ck->keys, code, ref_item(item), item->code.span);
    if (first) {
        struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, item->code.span, "E021",
                                                 "item code '%s' is already used", code);
        zi_diag_add_note(ck->diag, d, first->span, "first used here");
        replace_hint(ck, d, item->code.span, first->span,
                     zi_arena_printf(ck->arena, "%s \"%s\"", item->is_score ? "score" : "question", code));
    }
    if (!is_identifier(item->name.text))
        zi_diag_report(ck->diag, ZI_SEV_ERROR, item->code.span, "E043",
                       "the code's last part '%s' is not an identifier; name the item: question \"%s\" NAME "
                       "\"…\"",
                       item->name.text, code);
    if (item->is_score && !item->inputs)
        zi_diag_report(ck->diag, ZI_SEV_ERROR, item->span, "E041", "score item '%s' has no input", code);

    item->policy = item->missing != ZI_POLICY_DEFAULT ? item->missing : ck->criteria->missing;
    struct zi_symtab names = {0};
    for (struct zi_input *in = item->inputs; in; in = in->next) {
        if (item->is_score) {
            struct zi_ref none = {0};
            struct zi_symbol *dup = zi_symtab_insert(ck->arena, &names, in->name.text, none, in->name.span);
            if (dup) zi_check_duplicate(ck, in->name.span, dup->span, "input", in->name.text);
            if (is_reserved(in->name.text))
                zi_diag_report(ck->diag, ZI_SEV_ERROR, in->name.span, "E020",
                               "'%s' is predefined; give the input another name", in->name.text);
        }
        check_input(ck, item, in);
    }
    /* An unknown answer type (E032) is not also a numeric answer without an expression. */
    if (!item->is_score && !item->expr && item->inputs && is_builtin_type(item->inputs->type.text)) {
        enum zi_input_kind kind = item->inputs->kind;
        if (kind == ZI_INPUT_NUMBER || kind == ZI_INPUT_COUNT)
            zi_diag_report(ck->diag, ZI_SEV_ERROR, item->span, "E041",
                           "question '%s' has a numeric answer but no score expression; add '= …' giving a "
                           "score in [0, 1], e.g. '= answer / 4'",
                           code);
    }
}

static void check_group(struct zi_checker *ck, struct zi_group *g, unsigned depth)
{
    g->depth = depth;
    if (depth == ZI_MAX_GROUP_DEPTH) /* depth counts from 0: this is the 65th level */
        zi_diag_report(ck->diag, ZI_SEV_ERROR, g->name.span, "E011", "groups nested more than %d levels deep",
                       ZI_MAX_GROUP_DEPTH);
    struct zi_symtab names = {0};
    for (struct zi_member *m = g->members; m; m = m->next) {
        struct zi_name name = m->group ? m->group->name : m->item->name;
        if (name.text && is_reserved(name.text))
            zi_diag_report(ck->diag, ZI_SEV_ERROR, name.span, "E020",
                           "'%s' is predefined; choose another name", name.text);
        struct zi_ref ref = m->group ? ref_group(m->group) : ref_item(m->item);
        struct zi_symbol *dup =
            name.text ? zi_symtab_insert(ck->arena, &names, name.text, ref, name.span) : NULL;
        /* An item whose code repeats an earlier one's is reported by its code (E021, in check_item): its
         * name, derived from that code, is no second slip the officer made. */
        bool same_code = dup && m->item && dup->ref.kind == ZI_REF_ITEM &&
                         strcmp(dup->ref.u.item->code.text, m->item->code.text) == 0;
        if (dup && !same_code)
            zi_check_duplicate(ck, name.span, dup->span, m->group ? "group" : "item", name.text);
        if (m->group)
            check_group(ck, m->group, depth + 1);
        else
            check_item(ck, m->item);
    }
}

bool zi_check_declare_top(struct zi_checker *ck, const char *what, struct zi_name name, struct zi_ref ref)
{
    if (is_reserved(name.text)) {
        zi_diag_report(ck->diag, ZI_SEV_ERROR, name.span, "E020", "'%s' is predefined; choose another name",
                       name.text);
        return false;
    }
    struct zi_symbol *first = zi_symtab_insert(ck->arena, &ck->top, name.text, ref, name.span);
    if (first) zi_check_duplicate(ck, name.span, first->span, what, name.text);
    return !first;
}

static void check_verdict_order(struct zi_checker *ck)
{
    struct zi_verdict *otherwise = NULL;
    struct zi_symtab names = {0};
    for (struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next) {
        struct zi_ref none = {0};
        struct zi_symbol *first = zi_symtab_insert(ck->arena, &names, v->name.text, none, v->name.span);
        if (first) zi_check_duplicate(ck, v->name.span, first->span, "verdict", v->name.text);
        if (v->is_otherwise) {
            if (otherwise) {
                struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, v->span, "E033",
                                                         "more than one 'otherwise' verdict");
                zi_diag_add_note(ck->diag, d, otherwise->span, "the first is here");
            } else {
                otherwise = v;
            }
        } else if (otherwise) {
            struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, v->span, "E033",
                                                     "verdict '%s' comes after 'otherwise' and can never be "
                                                     "given; move 'otherwise' to the end",
                                                     v->name.text);
            zi_diag_add_note(ck->diag, d, otherwise->span, "'otherwise' is here");
        }
    }
    if (!otherwise)
        zi_diag_report(ck->diag, ZI_SEV_ERROR, ck->criteria->name.span, "E033",
                       "criteria '%s' has no 'otherwise' verdict for units that meet no verdict; add e.g. "
                       "'otherwise BELUM \"Belum memenuhi syarat\"'",
                       ck->criteria->name.text);
}

void zi_check_decls(struct zi_checker *ck)
{
    struct zi_criteria *c = ck->criteria;
    if (c->missing == ZI_POLICY_DEFAULT) c->missing = ZI_POLICY_ZERO;
    if (!c->regulation.text)
        zi_diag_report(ck->diag, ZI_SEV_WARNING, c->name.span, "W108",
                       "criteria '%s' names no regulation; add 'regulation \"…\"' so every report says which "
                       "rules it applied",
                       c->name.text);
    check_scales(ck);

    struct zi_ref total = {ZI_REF_TOTAL, {0}};
    zi_symtab_insert(ck->arena, &ck->top, "total", total, c->name.span);
    for (struct zi_member *m = c->groups; m; m = m->next) {
        zi_check_declare_top(ck, "group", m->group->name, ref_group(m->group));
        check_group(ck, m->group, 0);
    }
    for (struct zi_view *v = c->views; v; v = v->next) {
        struct zi_ref ref = {ZI_REF_VIEW, {.view = v}};
        zi_check_declare_top(ck, "view", v->name, ref);
    }
    for (struct zi_let *l = c->lets; l; l = l->next) {
        struct zi_ref ref = {ZI_REF_LET, {.let = l}};
        if (!zi_check_declare_top(ck, "let", l->name, ref))
            l->used = true; /* nothing can name it: reported as taken, not also as unused (W103) */
    }
    check_verdict_order(ck);
    for (struct zi_scale *s = c->scales; s; s = s->next)
        if (!s->used && !is_builtin_type(s->name.text))
            zi_diag_report(ck->diag, ZI_SEV_WARNING, s->name.span, "W101", "scale '%s' is never used",
                           s->name.text);
}
