/* check_facts.c — the declarations of issue 13's facts (docs/language.md §3, "Facts and prerequisites"):
 * grades and categories and their labels, the `facts` blocks and each fact's type, and the verdict each
 * `prerequisites` block names. Runs after check_decls.c (so the top-level names, the scales and the data keys
 * are known) and before names are resolved, which relies on what this pass sets: each fact's kind, labels,
 * range and key, the facts blocks in the top-level table, and each verdict's prerequisites. Also resolves a
 * string literal to a label, for the type check. */
#include <math.h>
#include <string.h>

#include "checks.h"
#include "zi/module.h"

static bool is_builtin_fact_type(const char *name)
{
    return strcmp(name, "number") == 0 || strcmp(name, "percent") == 0 || strcmp(name, "count") == 0 ||
           strcmp(name, "boolean") == 0;
}

static const char *kind_word(const struct zi_labels *l)
{
    return l->ordered ? "grade" : "category";
}

/* The labels of one grade or category: every spelling distinct once normalised (as data is matched), none
 * blank, at least two values, and no more spellings than a module numbers in a byte. */
static void check_label_values(struct zi_checker *ck, struct zi_labels *l)
{
    if (l->n_values < 2)
        zi_diag_report(ck->diag, ZI_SEV_ERROR, l->name.span, "E065",
                       "%s '%s' has %u value%s; it needs at least two to tell units apart", kind_word(l),
                       l->name.text, l->n_values, l->n_values == 1 ? "" : "s");
    if (l->n_spellings > ZI_MAX_SCALE_LABELS)
        zi_diag_report(ck->diag, ZI_SEV_ERROR, l->name.span, "E044",
                       "%s '%s' has %u labels and spellings, but a module numbers at most %u", kind_word(l),
                       l->name.text, l->n_spellings, ZI_MAX_SCALE_LABELS);
    /* A spelling repeated within one value ("pemda" | "Pemda") is harmless: both read as that value. Across
     * two values it is ambiguous. Each spelling is kept with its value's index. */
    struct zi_symtab seen = {0};
    unsigned index = 0;
    for (const struct zi_label_value *v = l->values; v; v = v->next, index++)
        for (unsigned i = 0; i < v->n_spellings; i++) {
            const struct zi_string *s = &v->spellings[i];
            const char *normal = zi_normalised_label(ck->arena, s->text);
            if (!normal[0]) {
                zi_diag_report(ck->diag, ZI_SEV_ERROR, s->span, "E065",
                               "empty label in %s '%s': a blank cell means missing data", kind_word(l),
                               l->name.text);
                continue;
            }
            struct zi_ref value = {ZI_REF_NONE, {.label = index}};
            struct zi_symbol *prev = zi_symtab_insert(ck->arena, &seen, normal, value, s->span);
            if (prev && prev->ref.u.label != index) {
                struct zi_diagnostic *d =
                    zi_diag_report(ck->diag, ZI_SEV_ERROR, s->span, "E065",
                                   "label \"%s\" is already a spelling of another value of %s '%s' (labels "
                                   "ignore case and spaces): data written so could not be read as one value",
                                   s->text, kind_word(l), l->name.text);
                zi_diag_add_note(ck->diag, d, prev->span, "first used here");
            }
        }
}

static void check_labels(struct zi_checker *ck)
{
    for (struct zi_labels *l = ck->criteria->labels; l; l = l->next) {
        if (is_builtin_fact_type(l->name.text)) {
            zi_diag_report(ck->diag, ZI_SEV_ERROR, l->name.span, "E020",
                           "'%s' is a built-in type; give the %s another name", l->name.text, kind_word(l));
            l->used = true;
            continue;
        }
        struct zi_ref none = {0};
        struct zi_symbol *first = zi_symtab_lookup(&ck->scales, l->name.text);
        if (!first) first = zi_symtab_insert(ck->arena, &ck->labels, l->name.text, none, l->name.span);
        if (first) {
            zi_check_duplicate(ck, l->name.span, first->span, kind_word(l), l->name.text);
            l->used = true; /* reported as a duplicate: not also as unused */
            continue;
        }
        check_label_values(ck, l);
    }
}

static struct zi_labels *find_labels(const struct zi_checker *ck, const char *name)
{
    if (!zi_symtab_lookup(&ck->labels, name)) return NULL;
    for (struct zi_labels *l = ck->criteria->labels; l; l = l->next)
        if (strcmp(l->name.text, name) == 0) return l;
    return NULL;
}

/* A fact's type (E061 when it is a scale or nothing known), and with it the fact's kind and bounds. */
static void check_fact_type(struct zi_checker *ck, struct zi_input *fact)
{
    const char *type = fact->type.text;
    double lo = -HUGE_VAL, hi = HUGE_VAL;
    struct zi_labels *labels = find_labels(ck, type);
    if (labels) {
        labels->used = true;
        fact->labels = labels;
        fact->kind = labels->ordered ? ZI_INPUT_GRADE : ZI_INPUT_CATEGORY;
        lo = 1;
        hi = labels->n_values;
    } else if (strcmp(type, "boolean") == 0) {
        fact->kind = ZI_INPUT_BOOLEAN;
        lo = 0;
        hi = 1;
    } else if (strcmp(type, "percent") == 0) {
        fact->kind = ZI_INPUT_PERCENT;
        lo = 0;
        hi = 1;
    } else if (strcmp(type, "count") == 0) {
        fact->kind = ZI_INPUT_COUNT;
        lo = 0;
    } else if (strcmp(type, "number") == 0) {
        fact->kind = ZI_INPUT_NUMBER;
        if (!fact->has_range)
            zi_diag_report(ck->diag, ZI_SEV_ERROR, fact->type.span, "E035",
                           "a number fact needs its range, as data is checked against it: write 'number in "
                           "[LOW, HIGH]'");
    } else if (zi_symtab_lookup(&ck->scales, type)) {
        struct zi_diagnostic *d = zi_diag_report(
            ck->diag, ZI_SEV_ERROR, fact->type.span, "E061",
            "'%s' is a scale: a scale gives points; a fact gives none: declare a grade or a category", type);
        zi_diag_add_hint(ck->diag, d,
                         "grade NAME { \"AA\" > \"A\" > \"B\" } (ordered, best first), or category "
                         "NAME { \"pemda\", \"kl\" }");
        for (struct zi_scale *s = ck->criteria->scales; s; s = s->next)
            if (strcmp(s->name.text, type) == 0) s->used = true; /* not also unused (W101) */
        return;
    } else {
        const char *names[1024];
        unsigned n = 0;
        names[n++] = "boolean";
        names[n++] = "percent";
        names[n++] = "count";
        names[n++] = "number";
        for (const struct zi_labels *l = ck->criteria->labels; l && n < 1024; l = l->next)
            names[n++] = l->name.text;
        const char *close = zi_suggest(ck->arena, type, names, n);
        struct zi_diagnostic *d =
            zi_diag_report(ck->diag, ZI_SEV_ERROR, fact->type.span, "E061", "unknown fact type '%s'%s%s%s",
                           type, close ? "; did you mean " : "", close ? close : "", close ? "?" : "");
        zi_diag_add_hint(
            ck->diag, d,
            "a fact's type is 'boolean', 'percent', 'count', 'number' or a grade's or category's name");
        return;
    }
    if (fact->has_range) {
        if (labels || fact->kind == ZI_INPUT_BOOLEAN)
            zi_diag_report(ck->diag, ZI_SEV_ERROR, fact->range_span, "E035",
                           "a %s fact has no range: its values are its labels",
                           labels ? kind_word(labels) : "boolean");
        else
            zi_check_range(ck, fact, &lo, &hi);
    }
    fact->lo = lo;
    fact->hi = hi;
}

static void check_facts_block(struct zi_checker *ck, struct zi_facts *f)
{
    struct zi_ref ref = {ZI_REF_FACTS, {.facts = f}};
    zi_check_declare_top(ck, "facts block", f->name, ref);
    struct zi_symtab names = {0};
    for (struct zi_input *fact = f->facts; fact; fact = fact->next) {
        struct zi_ref none = {0};
        struct zi_symbol *dup = zi_symtab_insert(ck->arena, &names, fact->name.text, none, fact->name.span);
        if (dup) zi_check_duplicate(ck, fact->name.span, dup->span, "fact", fact->name.text);
        check_fact_type(ck, fact);
        fact->key = zi_arena_printf(ck->arena, "%s.%s", f->name.text, fact->name.text);
        struct zi_ref self = {ZI_REF_FACT, {.input = fact}};
        struct zi_symbol *first = zi_symtab_insert(ck->arena, &ck->keys, fact->key, self, fact->name.span);
        if (first && !dup) {
            struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, fact->name.span, "E021",
                                                     "data key '%s' is already used", fact->key);
            zi_diag_add_note(ck->diag, d, first->span, "used here");
        }
    }
}

static const char *name_at(const void *verdicts, unsigned i)
{
    return ((const char *const *)verdicts)[i];
}

/* The verdict a prerequisites block names: one that exists, is not the `otherwise`, and has no other block.
 */
static void check_target(struct zi_checker *ck, struct zi_prerequisites *p)
{
    const char *name = p->verdict.text;
    unsigned n = 0;
    for (const struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next)
        n += !v->is_otherwise;
    const char **names = zi_arena_alloc(ck->arena, (n ? n : 1) * sizeof *names);
    n = 0;
    for (struct zi_verdict *v = ck->criteria->verdicts; v; v = v->next) {
        if (strcmp(v->name.text, name) == 0) {
            if (v->is_otherwise) {
                struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, p->verdict.span, "E064",
                                                         "'%s' is the 'otherwise' verdict, which no unit is "
                                                         "proposed for: prerequisites belong to a "
                                                         "predicate",
                                                         name);
                zi_diag_add_note(ck->diag, d, v->name.span, "'%s' is declared here", name);
                return;
            }
            if (v->prerequisites) {
                struct zi_diagnostic *d = zi_diag_report(
                    ck->diag, ZI_SEV_ERROR, p->verdict.span, "E020",
                    "verdict '%s' already has its prerequisites; write them in one block", name);
                zi_diag_add_note(ck->diag, d, v->prerequisites->verdict.span, "the first block is here");
                return;
            }
            v->prerequisites = p;
            p->target = v;
            return;
        }
        if (!v->is_otherwise) names[n++] = v->name.text;
    }
    const char *close = zi_suggest(ck->arena, name, names, n);
    struct zi_diagnostic *d = zi_diag_report(
        ck->diag, ZI_SEV_ERROR, p->verdict.span, "E064", "prerequisites for '%s', which is no verdict%s%s%s",
        name, close ? "; did you mean " : "", close ? close : "", close ? "?" : "");
    if (!close && n)
        zi_diag_add_hint(ck->diag, d, "the verdicts are %s", zi_name_list(ck, n, name_at, names, true));
}

void zi_check_facts(struct zi_checker *ck)
{
    check_labels(ck);
    for (struct zi_facts *f = ck->criteria->facts; f; f = f->next)
        check_facts_block(ck, f);
    for (struct zi_prerequisites *p = ck->criteria->prerequisites; p; p = p->next)
        check_target(ck, p);
    for (const struct zi_labels *l = ck->criteria->labels; l; l = l->next)
        if (!l->used)
            zi_diag_report(ck->diag, ZI_SEV_WARNING, l->name.span, "W101", "%s '%s' is never used",
                           kind_word(l), l->name.text);
}

bool zi_resolve_label(struct zi_checker *ck, struct zi_expr *s, const struct zi_labels *labels)
{
    const char *normal = zi_normalised_label(ck->arena, s->text.text);
    unsigned index = 0;
    for (const struct zi_label_value *v = labels->values; v; v = v->next, index++)
        for (unsigned i = 0; i < v->n_spellings; i++)
            if (strcmp(zi_normalised_label(ck->arena, v->spellings[i].text), normal) == 0) {
                s->number = labels->ordered ? labels->n_values - index : index + 1;
                s->lo = s->hi = s->number;
                s->labels = labels;
                return true;
            }
    const char **names =
        zi_arena_alloc(ck->arena, (labels->n_spellings ? labels->n_spellings : 1) * sizeof *names);
    unsigned n = 0;
    for (const struct zi_label_value *v = labels->values; v; v = v->next)
        for (unsigned i = 0; i < v->n_spellings; i++)
            names[n++] = v->spellings[i].text;
    const char *close = zi_suggest(ck->arena, s->text.text, names, n);
    struct zi_diagnostic *d =
        zi_diag_report(ck->diag, ZI_SEV_ERROR, s->span, "E062", "%s '%s' has no label \"%s\"%s%s%s",
                       kind_word(labels), labels->name.text, s->text.text, close ? "; did you mean " : "",
                       close ? close : "", close ? "?" : "");
    if (!close) {
        unsigned k = 0;
        for (const struct zi_label_value *v = labels->values; v; v = v->next)
            names[k++] = v->spellings[0].text;
        zi_diag_add_hint(ck->diag, d, "its values are %s", zi_name_list(ck, k, name_at, names, true));
    }
    return false;
}
