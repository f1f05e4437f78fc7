/* model_diff.c — comparing two lowered rule sets (model_diff.h).
 *
 * Everything compared comes from the descriptor both modules would carry (names, titles, weights, scales,
 * condition texts), so the diff speaks of what evaluators see. What the descriptor does not show — how a
 * `score` item or a `let` computes, which constants a condition compares with — is compared on the program:
 * each operation gets a hash of its structure with inputs named by their keys, so two rule sets whose text
 * differs only in layout hash alike, and a changed formula does not. When no entry is found but the
 * programs still differ, one ZI_DIFF_SCORING change says so: "identical" always means "scores alike". */
#include "model_diff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------------------- */

struct side {
    const struct zi_diff_side *s;
    const struct zi_module *d;
    uint64_t *hash; /* per operation */
};

static const char *const section_titles[ZI_DIFF_N_SECTIONS] = {"Criteria",
                                                               "Scales",
                                                               "Groups",
                                                               "Items",
                                                               "Views and lets",
                                                               "Verdicts",
                                                               "Verdict conditions",
                                                               "Prerequisites and relaxations",
                                                               "Data checks",
                                                               "Facts",
                                                               "Scoring"};
static const char *const section_keys[ZI_DIFF_N_SECTIONS] = {
    "criteria",           "scales",        "groups",      "items", "views",  "verdicts",
    "verdict_conditions", "prerequisites", "data_checks", "facts", "scoring"};

const char *zi_diff_section_title(enum zi_diff_section s)
{
    return section_titles[s];
}

const char *zi_diff_section_key(enum zi_diff_section s)
{
    return section_keys[s];
}

char *zi_diff_number(double x, int decimals, char *buf)
{
    if (!isfinite(x)) {
        strcpy(buf, isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
        return buf;
    }
    if (fabs(x) >= 1e15) {
        snprintf(buf, 48, "%g", x);
        return buf;
    }
    snprintf(buf, 48, "%.*f", decimals, x);
    char *end = buf + strlen(buf);
    if (strchr(buf, '.')) {
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.') *--end = '\0';
    }
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    return buf;
}

char *zi_diff_shortest(double x, char *buf)
{
    if (!isfinite(x)) return zi_diff_number(x, 0, buf);
    /* Plain decimals where people write them so (50, not 5e+01), exponents only for the very small or large.
     */
    bool plain = x == 0 || (fabs(x) >= 1e-4 && fabs(x) < 1e15);
    for (int digits = plain ? 0 : 1; digits <= 17; digits++) {
        snprintf(buf, 48, plain ? "%.*f" : "%.*g", digits, x == 0 ? 0 : x);
        if (strtod(buf, NULL) == x) break;
    }
    return buf;
}

/* Constants of the criteria (weights, thresholds, label scores) are written with at most this many places;
 * more only shows a computed share (4 / 3 points). */
enum { EXACT = 6 };

static const char *num(struct zi_diff *d, double x)
{
    char buf[48];
    zi_diff_number(x, EXACT, buf);
    return zi_arena_strndup(&d->arena, buf, strlen(buf));
}

static const char *where(struct zi_diff *d, const struct side *s, struct zi_span span)
{
    const struct zi_source_file *f = zi_source_file_at(s->s->source, span.begin);
    uint32_t line, col;
    zi_source_position(s->s->source, span.begin, &line, &col);
    return zi_arena_printf(&d->arena, "%s:%u", f->name, line);
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Text with every run of blanks as one space: conditions laid out differently are the same condition. */
static const char *squeeze(struct zi_diff *d, const char *text)
{
    size_t n = strlen(text);
    char *out = zi_arena_alloc(&d->arena, n + 1), *o = out;
    bool blank = false;
    for (const char *p = text; *p; p++) {
        bool b = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (b && o > out && !blank) *o++ = ' ';
        if (!b) *o++ = *p;
        blank = b;
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = '\0';
    return out;
}

/* A copy in the diff's arena: a change outlives the compilations it compares (NULL stays NULL). */
static const char *own(struct zi_diff *d, const char *text)
{
    return text ? zi_arena_strndup(&d->arena, text, strlen(text)) : NULL;
}

static struct zi_diff_change *add(struct zi_diff *d, enum zi_diff_section section, enum zi_diff_kind kind,
                                  const char *subject, const char *aspect)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        struct zi_diff_change *bigger = zi_arena_alloc(&d->arena, d->cap * sizeof *bigger);
        if (d->n) memcpy(bigger, d->changes, d->n * sizeof *bigger);
        d->changes = bigger;
    }
    struct zi_diff_change *c = &d->changes[d->n++];
    memset(c, 0, sizeof *c);
    c->section = section;
    c->kind = kind;
    c->subject = own(d, subject);
    c->aspect = own(d, aspect);
    c->old_condition = c->new_condition = -1;
    return c;
}

static struct zi_diff_change *changed_text(struct zi_diff *d, enum zi_diff_section section,
                                           const char *subject, const char *aspect, const char *old_text,
                                           const char *new_text)
{
    struct zi_diff_change *c = add(d, section, ZI_DIFF_CHANGED, subject, aspect);
    c->old_text = own(d, old_text);
    c->new_text = own(d, new_text);
    return c;
}

static struct zi_diff_change *changed_value(struct zi_diff *d, enum zi_diff_section section,
                                            const char *subject, const char *aspect, double old_value,
                                            double new_value)
{
    struct zi_diff_change *c =
        changed_text(d, section, subject, aspect, num(d, old_value), num(d, new_value));
    c->has_values = true;
    c->old_value = old_value;
    c->new_value = new_value;
    return c;
}

static const char *quoted(struct zi_diff *d, const char *text)
{
    return zi_arena_printf(&d->arena, "\"%s\"", text ? text : "");
}

/* ---- the program's structure --------------------------------------------------------------------------- */

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static bool commutative(enum zi_opcode code)
{
    return code == ZI_OPC_MUL || code == ZI_OPC_MIN || code == ZI_OPC_MAX || code == ZI_OPC_EQ ||
           code == ZI_OPC_NE || code == ZI_OPC_AND || code == ZI_OPC_OR;
}

/* Each operation's hash from its code, constant and operands' hashes; an input's from its key, so the
 * columns' order does not matter. A scale's label scores are not in it: the scales section names them.
 *
 * A chain of additions hashes as the multiset of its terms, and a commutative operation's operands in either
 * order alike: groups or members declared in another order add up in another order, which may change a sum
 * in its last bit but never a verdict (comparisons allow 1e-9, docs/language.md §5) — the same rules. */
static uint64_t *hash_ops(struct zi_diff *d, const struct zi_model *m)
{
    uint64_t *h = zi_arena_alloc(&d->arena, (m->n_ops + 1) * sizeof *h);
    uint64_t *terms =
        zi_arena_alloc(&d->arena, (m->n_ops + 1) * sizeof *terms); /* an addition's terms, summed */
    for (uint32_t i = 0; i < m->n_ops; i++) {
        const struct zi_op *op = &m->ops[i];
        uint64_t x = mix(0xcbf29ce484222325ull, &op->code, sizeof op->code);
        if (op->code == ZI_OPC_CONST) {
            double v = op->value == 0 ? 0 : op->value; /* -0 and 0 alike */
            x = mix(x, &v, sizeof v);
            x = mix(x, &op->is_bool, sizeof op->is_bool);
        } else if (op->code == ZI_OPC_INPUT || op->code == ZI_OPC_PRESENT) {
            const char *key = m->descriptor.inputs[op->index].key;
            x = mix(x, key, strlen(key));
        } else if (op->code == ZI_OPC_ADD) {
            terms[i] = (m->ops[op->a].code == ZI_OPC_ADD ? terms[op->a] : h[op->a]) +
                       (m->ops[op->b].code == ZI_OPC_ADD ? terms[op->b] : h[op->b]);
            x = mix(x, &terms[i], sizeof terms[i]);
        } else if (commutative(op->code)) {
            uint64_t sum = h[op->a] + h[op->b], both = h[op->a] ^ h[op->b];
            x = mix(mix(x, &sum, sizeof sum), &both, sizeof both);
        } else {
            /* Only the operands the operation has: an unused one is 0, which is no operand at all. */
            uint32_t operands[3] = {op->a, op->b, op->c};
            unsigned n = op->code == ZI_OPC_SELECT ? 3
                         : op->code == ZI_OPC_NEG || op->code == ZI_OPC_ABS || op->code == ZI_OPC_NOT ||
                                 op->code == ZI_OPC_BOOL_TO_NUMBER
                             ? 1
                             : 2;
            for (unsigned k = 0; k < n; k++)
                x = mix(x, &h[operands[k]], sizeof h[operands[k]]);
        }
        h[i] = x;
    }
    return h;
}

/* ---- lookups ------------------------------------------------------------------------------------------- */

static int find_output(const struct zi_module *m, int32_t kind, const char *key, bool by_code)
{
    for (uint32_t o = 0; o < m->n_outputs; o++)
        if (m->outputs[o].kind == kind && same_text(by_code ? m->outputs[o].code : m->outputs[o].path, key))
            return (int)o;
    return -1;
}

static int find_input(const struct zi_module *m, const char *key)
{
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (strcmp(m->inputs[i].key, key) == 0) return (int)i;
    return -1;
}

static int find_verdict(const struct zi_module *m, const char *id)
{
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (strcmp(m->verdicts[v].id, id) == 0) return (int)v;
    return -1;
}

static const char *parent_path(const struct zi_module *m, uint32_t o)
{
    return m->outputs[o].parent >= 0 ? m->outputs[m->outputs[o].parent].path : "(top)";
}

/* ---- criteria, scales ---------------------------------------------------------------------------------- */

static void diff_criteria(struct zi_diff *d, const struct side *a, const struct side *b)
{
    if (!same_text(a->d->criteria_id, b->d->criteria_id))
        changed_text(d, ZI_DIFF_CRITERIA, "criteria", "id", a->d->criteria_id, b->d->criteria_id);
    if (!same_text(a->d->title, b->d->title))
        changed_text(d, ZI_DIFF_CRITERIA, "criteria", "title", quoted(d, a->d->title),
                     quoted(d, b->d->title));
    if (!same_text(a->d->language, b->d->language))
        changed_text(d, ZI_DIFF_CRITERIA, "criteria", "language", a->d->language ? a->d->language : "(none)",
                     b->d->language ? b->d->language : "(none)");
    if (!same_text(a->d->regulation, b->d->regulation))
        changed_text(d, ZI_DIFF_CRITERIA, "criteria", "regulation", quoted(d, a->d->regulation),
                     quoted(d, b->d->regulation));
}

/* Where the scale, grade or category `name` is declared, or NULL. */
static const char *scale_at(struct zi_diff *d, const struct side *s, const char *name)
{
    for (const struct zi_scale *sc = s->s->criteria->scales; sc; sc = sc->next)
        if (same_text(sc->name.text, name)) return where(d, s, sc->span);
    for (const struct zi_labels *l = s->s->criteria->labels; l; l = l->next)
        if (same_text(l->name.text, name)) return where(d, s, l->span);
    return NULL;
}

/* The labels and their scores, "Ya 1, Tidak 0". */
static const char *labels_text(struct zi_diff *d, const struct zi_input_desc *in)
{
    const char *text = "";
    for (uint32_t k = 0; k < in->n_labels; k++) {
        if (in->labels[k].printed_as) continue; /* another spelling of a value already listed */
        char buf[48];
        text = zi_arena_printf(&d->arena, "%s%s%s %s", text, k ? ", " : "", in->labels[k].label,
                               zi_diff_number(in->labels[k].value, EXACT, buf));
    }
    return text;
}

static int find_label(const struct zi_input_desc *in, const char *label)
{
    for (uint32_t k = 0; k < in->n_labels; k++)
        if (strcmp(in->labels[k].label, label) == 0) return (int)k;
    return -1;
}

/* The first answer input of scale `name`: the scale as the module carries it. */
static int scale_input(const struct zi_module *m, const char *name)
{
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (m->inputs[i].kind == ZI_INPUT_SCALE && same_text(m->inputs[i].scale, name)) return (int)i;
    return -1;
}

/* Labels of `x` missing from `y` (removed when x is the old side), and scores that differ. */
static void diff_labels(struct zi_diff *d, enum zi_diff_section section, const char *subject,
                        const struct zi_input_desc *x, const struct zi_input_desc *y, bool x_is_old,
                        const char *old_at, const char *new_at)
{
    for (uint32_t k = 0; k < x->n_labels; k++) {
        int other = find_label(y, x->labels[k].label);
        struct zi_diff_change *c;
        if (other < 0) {
            const char *label = zi_arena_printf(&d->arena, "label \"%s\"", x->labels[k].label);
            const char *value = num(d, x->labels[k].value);
            c = changed_text(d, section, subject, label, x_is_old ? value : "(none)",
                             x_is_old ? "(none)" : value);
        } else if (x_is_old && x->labels[k].value != y->labels[other].value) {
            c = changed_value(d, section, subject,
                              zi_arena_printf(&d->arena, "score of \"%s\"", x->labels[k].label),
                              x->labels[k].value, y->labels[other].value);
        } else {
            continue;
        }
        c->old_at = old_at;
        c->new_at = new_at;
    }
}

static void diff_scales(struct zi_diff *d, const struct side *a, const struct side *b)
{
    for (uint32_t i = 0; i < a->d->n_inputs; i++) {
        const struct zi_input_desc *in = &a->d->inputs[i];
        if (in->kind != ZI_INPUT_SCALE || scale_input(a->d, in->scale) != (int)i) continue;
        int j = scale_input(b->d, in->scale);
        if (j < 0) {
            struct zi_diff_change *c = add(d, ZI_DIFF_SCALES, ZI_DIFF_REMOVED, in->scale, NULL);
            c->old_text = labels_text(d, in);
            c->old_at = scale_at(d, a, in->scale);
            continue;
        }
        const char *old_at = scale_at(d, a, in->scale), *new_at = scale_at(d, b, in->scale);
        diff_labels(d, ZI_DIFF_SCALES, in->scale, in, &b->d->inputs[j], true, old_at, new_at);
        diff_labels(d, ZI_DIFF_SCALES, in->scale, &b->d->inputs[j], in, false, old_at, new_at);
    }
    for (uint32_t j = 0; j < b->d->n_inputs; j++) {
        const struct zi_input_desc *in = &b->d->inputs[j];
        if (in->kind != ZI_INPUT_SCALE || scale_input(b->d, in->scale) != (int)j) continue;
        if (scale_input(a->d, in->scale) >= 0) continue;
        struct zi_diff_change *c = add(d, ZI_DIFF_SCALES, ZI_DIFF_ADDED, in->scale, NULL);
        c->new_text = labels_text(d, in);
        c->new_at = scale_at(d, b, in->scale);
    }
}

/* ---- groups, items, views, lets ------------------------------------------------------------------------ */

static const char *output_text(struct zi_diff *d, const struct zi_module *m, uint32_t o)
{
    const struct zi_output_desc *out = &m->outputs[o];
    char buf[48];
    zi_diff_number(out->weight, 2, buf);
    if (out->kind == ZI_OUTPUT_ITEM)
        return zi_arena_printf(&d->arena, "\"%s\" in %s, %s points", out->title, parent_path(m, o), buf);
    if (!out->has_weight) return quoted(d, out->title);
    return zi_arena_printf(&d->arena, "\"%s\", weight %s", out->title, buf);
}

/* What one input of an item (or a fact) is answered with: "scale abcd", "number in [0, 4]", "percent in
 * [0%, 100%]", "yes/no". */
static const char *input_kind_text(struct zi_diff *d, const struct zi_input_desc *in)
{
    static const char *const kinds[] = {"scale", "number", "percent", "count", "grade", "category", "yes/no"};
    const char *kind = in->kind >= 0 && in->kind <= ZI_INPUT_BOOLEAN ? kinds[in->kind] : "?";
    if (in->kind == ZI_INPUT_BOOLEAN) return kind;
    if (zi_input_has_labels(in->kind) && in->scale)
        return zi_arena_printf(&d->arena, "%s %s", kind, in->scale);
    bool percent = in->kind == ZI_INPUT_PERCENT;
    char lo[48], hi[48];
    return zi_arena_printf(&d->arena, "%s in [%s%s, %s%s]", kind,
                           zi_diff_number(in->min * (percent ? 100 : 1), EXACT, lo), percent ? "%" : "",
                           zi_diff_number(in->max * (percent ? 100 : 1), EXACT, hi), percent ? "%" : "");
}

static const char *const missing_names[] = {"zero", "exclude", "error"};

/* An item's inputs: added, removed, answered otherwise, missing otherwise. Returns whether any changed. */
static bool diff_item_inputs(struct zi_diff *d, const struct side *a, const struct side *b, const char *code,
                             const char *old_at, const char *new_at)
{
    bool any = false;
    for (uint32_t i = 0; i < a->d->n_inputs; i++) {
        const struct zi_input_desc *x = &a->d->inputs[i];
        if (!same_text(x->item_code, code)) continue;
        int j = find_input(b->d, x->key);
        struct zi_diff_change *c = NULL;
        if (j < 0) {
            c = changed_text(d, ZI_DIFF_ITEMS, code, zi_arena_printf(&d->arena, "input %s", x->key),
                             input_kind_text(d, x), "(none)");
        } else {
            const struct zi_input_desc *y = &b->d->inputs[j];
            const char *ka = input_kind_text(d, x), *kb = input_kind_text(d, y);
            if (strcmp(ka, kb) != 0)
                c = changed_text(d, ZI_DIFF_ITEMS, code, strcmp(x->key, code) == 0 ? "scale" : x->key, ka,
                                 kb);
            if (x->missing != y->missing && x->missing >= 0 && x->missing <= 2 && y->missing >= 0 &&
                y->missing <= 2) {
                if (c) {
                    c->old_at = old_at;
                    c->new_at = new_at;
                }
                c = changed_text(d, ZI_DIFF_ITEMS, code, "missing", missing_names[x->missing],
                                 missing_names[y->missing]);
            }
        }
        if (c) {
            c->old_at = old_at;
            c->new_at = new_at;
            any = true;
        }
    }
    for (uint32_t j = 0; j < b->d->n_inputs; j++) {
        const struct zi_input_desc *y = &b->d->inputs[j];
        if (!same_text(y->item_code, code) || find_input(a->d, y->key) >= 0) continue;
        struct zi_diff_change *c =
            changed_text(d, ZI_DIFF_ITEMS, code, zi_arena_printf(&d->arena, "input %s", y->key), "(none)",
                         input_kind_text(d, y));
        c->old_at = old_at;
        c->new_at = new_at;
        any = true;
    }
    return any;
}

static void diff_outputs(struct zi_diff *d, const struct side *a, const struct side *b, int32_t kind,
                         enum zi_diff_section section)
{
    bool items = kind == ZI_OUTPUT_ITEM;
    for (uint32_t o = 0; o < a->d->n_outputs; o++) {
        const struct zi_output_desc *x = &a->d->outputs[o];
        bool mine = x->kind == kind || (section == ZI_DIFF_VIEWS && x->kind == ZI_OUTPUT_LET);
        if (!mine) continue;
        const char *key = items ? x->code : x->path;
        int p = find_output(b->d, x->kind, key, items);
        const char *old_at = where(d, a, a->s->model->output_spans[o]);
        if (p < 0) {
            struct zi_diff_change *c = add(d, section, ZI_DIFF_REMOVED, key, NULL);
            c->old_text = output_text(d, a->d, o);
            c->old_at = old_at;
            continue;
        }
        const struct zi_output_desc *y = &b->d->outputs[p];
        const char *new_at = where(d, b, b->s->model->output_spans[p]);
        size_t first = d->n;
        if (items && !same_text(parent_path(a->d, o), parent_path(b->d, (uint32_t)p)))
            changed_text(d, section, key, "moved", parent_path(a->d, o), parent_path(b->d, (uint32_t)p));
        if (!same_text(x->title, y->title))
            changed_text(d, section, key, items ? "text" : "title", quoted(d, x->title), quoted(d, y->title));
        bool reweighted = x->has_weight != y->has_weight || fabs(x->weight - y->weight) > 1e-12;
        if (reweighted) changed_value(d, section, key, items ? "points" : "weight", x->weight, y->weight);
        for (size_t k = first; k < d->n; k++) {
            d->changes[k].old_at = old_at;
            d->changes[k].new_at = new_at;
        }
        bool inputs = items && diff_item_inputs(d, a, b, key, old_at, new_at);
        /* A formula the descriptor cannot show: a score item's or a let's expression. A weight or an input
         * that changed already explains a different program. */
        bool formula = x->kind == ZI_OUTPUT_ITEM || x->kind == ZI_OUTPUT_LET;
        if (formula && !reweighted && !inputs &&
            a->hash[a->s->model->outputs[o]] != b->hash[b->s->model->outputs[p]]) {
            struct zi_diff_change *c =
                changed_text(d, section, key, "formula", "(as before)", "(computed otherwise)");
            c->old_at = old_at;
            c->new_at = new_at;
        }
    }
    for (uint32_t p = 0; p < b->d->n_outputs; p++) {
        const struct zi_output_desc *y = &b->d->outputs[p];
        bool mine = y->kind == kind || (section == ZI_DIFF_VIEWS && y->kind == ZI_OUTPUT_LET);
        if (!mine || find_output(a->d, y->kind, items ? y->code : y->path, items) >= 0) continue;
        struct zi_diff_change *c = add(d, section, ZI_DIFF_ADDED, items ? y->code : y->path, NULL);
        c->new_text = output_text(d, b->d, p);
        c->new_at = where(d, b, b->s->model->output_spans[p]);
    }
}

/* ---- verdicts and their conditions --------------------------------------------------------------------- */

static const char *verdict_text(struct zi_diff *d, const struct zi_module *m, uint32_t v)
{
    return zi_arena_printf(&d->arena, "\"%s\"%s, %u of %u", m->verdicts[v].title,
                           m->verdicts[v].is_fallback ? " (otherwise)" : "", v + 1, m->n_verdicts);
}

static const char *order_text(struct zi_diff *d, const struct zi_module *m, const struct zi_module *other)
{
    const char *text = "";
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (find_verdict(other, m->verdicts[v].id) >= 0)
            text = zi_arena_printf(&d->arena, "%s%s%s", text, text[0] ? ", " : "", m->verdicts[v].id);
    return text;
}

static void diff_verdicts(struct zi_diff *d, const struct side *a, const struct side *b)
{
    for (uint32_t v = 0; v < a->d->n_verdicts; v++) {
        const struct zi_verdict_desc *x = &a->d->verdicts[v];
        int w = find_verdict(b->d, x->id);
        const char *old_at = where(d, a, a->s->model->verdict_spans[v]);
        if (w < 0) {
            struct zi_diff_change *c = add(d, ZI_DIFF_VERDICTS, ZI_DIFF_REMOVED, x->id, NULL);
            c->old_text = verdict_text(d, a->d, v);
            c->old_at = old_at;
            continue;
        }
        const struct zi_verdict_desc *y = &b->d->verdicts[w];
        struct zi_diff_change *c = NULL;
        if (!same_text(x->title, y->title))
            c = changed_text(d, ZI_DIFF_VERDICTS, x->id, "title", quoted(d, x->title), quoted(d, y->title));
        else if (x->is_fallback != y->is_fallback)
            c = changed_text(d, ZI_DIFF_VERDICTS, x->id, "otherwise", x->is_fallback ? "yes" : "no",
                             y->is_fallback ? "yes" : "no");
        if (c) {
            c->old_at = old_at;
            c->new_at = where(d, b, b->s->model->verdict_spans[w]);
        }
    }
    for (uint32_t w = 0; w < b->d->n_verdicts; w++) {
        if (find_verdict(a->d, b->d->verdicts[w].id) >= 0) continue;
        struct zi_diff_change *c = add(d, ZI_DIFF_VERDICTS, ZI_DIFF_ADDED, b->d->verdicts[w].id, NULL);
        c->new_text = verdict_text(d, b->d, w);
        c->new_at = where(d, b, b->s->model->verdict_spans[w]);
    }
    /* Verdicts are tried in order: the same verdicts in another order give units other verdicts. */
    const char *old_order = order_text(d, a->d, b->d), *new_order = order_text(d, b->d, a->d);
    if (strcmp(old_order, new_order) != 0)
        changed_text(d, ZI_DIFF_VERDICTS, "verdicts", "order", old_order, new_order);
}

/* The condition's operand as conditions are matched: the output's path, the input's key, or the left-hand
 * text. Points into the model. */
static const char *operand(const struct zi_model *m, uint32_t c)
{
    const struct zi_condition_desc *cd = &m->descriptor.conditions[c];
    if (cd->lhs_output >= 0) return m->descriptor.outputs[cd->lhs_output].path;
    const struct zi_op *lhs = &m->ops[m->conditions[c].lhs];
    if (cd->op != ZI_COND_BOOL && lhs->code == ZI_OPC_INPUT) return m->descriptor.inputs[lhs->index].key;
    return cd->lhs ? cd->lhs : cd->text;
}

/* The threshold as a number, when it is one: a percentage of a weight (as a fraction) or a constant. */
static bool threshold(const struct zi_model *m, uint32_t c, double *value, bool *percent)
{
    const struct zi_condition_desc *cd = &m->descriptor.conditions[c];
    *percent = cd->rhs_weight > 0;
    if (*percent) {
        *value = cd->rhs_percent;
        return true;
    }
    const struct zi_op *rhs = &m->ops[m->conditions[c].rhs];
    if (cd->op == ZI_COND_BOOL || rhs->code != ZI_OPC_CONST) return false;
    *value = rhs->value;
    return true;
}

/* The key conditions are paired by: a prerequisite's name, else the operand. */
static const char *condition_key(const struct zi_model *m, uint32_t c)
{
    const struct zi_condition_desc *cd = &m->descriptor.conditions[c];
    if (cd->role != ZI_CONDITION_VERDICT && cd->message) return cd->message;
    return operand(m, c);
}

static bool same_condition(struct zi_diff *d, const struct side *a, uint32_t i, const struct side *b,
                           uint32_t j)
{
    const struct zi_condition_desc *x = &a->d->conditions[i], *y = &b->d->conditions[j];
    if (x->op != y->op || x->role != y->role ||
        strcmp(condition_key(a->s->model, i), condition_key(b->s->model, j)) != 0)
        return false;
    double u, v;
    bool pu, pv;
    if (threshold(a->s->model, i, &u, &pu) && threshold(b->s->model, j, &v, &pv))
        return pu == pv && u == v && strcmp(operand(a->s->model, i), operand(b->s->model, j)) == 0;
    /* Same text, same program: a condition over a changed let or fact is named where that changed. */
    return strcmp(squeeze(d, x->text), squeeze(d, y->text)) == 0;
}

static const char *condition_text(struct zi_diff *d, const struct zi_module *m, uint32_t c)
{
    const struct zi_condition_desc *cd = &m->conditions[c];
    const char *text = squeeze(d, cd->text);
    if (cd->role != ZI_CONDITION_VERDICT && cd->message && !strstr(text, cd->message))
        text = zi_arena_printf(&d->arena, "\"%s\": %s", cd->message, text);
    if (cd->role == ZI_CONDITION_RELAXATION) text = zi_arena_printf(&d->arena, "relaxation %s", text);
    return text;
}

/* The line that declared condition c when it declared others too (`all area >= 75%`: one condition per
 * member), for the table to show once; else NULL. */
static const char *shared_line(struct zi_diff *d, const struct side *s, uint32_t c)
{
    const struct zi_model *m = s->s->model;
    unsigned n = 0;
    for (uint32_t k = 0; k < s->d->n_conditions; k++)
        n += m->condition_spans[k].begin == m->condition_spans[c].begin;
    if (n < 2) return NULL;
    size_t len;
    const char *text = zi_source_slice(s->s->source, m->condition_spans[c], &len);
    return squeeze(d, zi_arena_strndup(&d->arena, text, len));
}

static void collect(const struct zi_module *m, int32_t verdict, bool prerequisites, int32_t item,
                    uint32_t *list, size_t *n)
{
    *n = 0;
    for (uint32_t c = 0; c < m->n_conditions; c++) {
        const struct zi_condition_desc *cd = &m->conditions[c];
        bool role = prerequisites
                        ? cd->role == ZI_CONDITION_PREREQUISITE || cd->role == ZI_CONDITION_RELAXATION
                    : item >= 0 ? cd->role == ZI_CONDITION_REQUIRE
                                : cd->role == ZI_CONDITION_VERDICT;
        if (!role) continue;
        if (item >= 0 ? cd->item == item : cd->verdict == verdict) list[(*n)++] = c;
    }
}

/* Pairs the conditions of one verdict (or one item's checks) on each side: the same condition, then the same
 * key with another threshold or text; what is left was added or removed. */
static void diff_condition_lists(struct zi_diff *d, const struct side *a, const struct side *b,
                                 enum zi_diff_section section, const char *subject, const uint32_t *xs,
                                 size_t nx, const uint32_t *ys, size_t ny)
{
    bool *used_x = zi_arena_alloc(&d->arena, nx + 1), *used_y = zi_arena_alloc(&d->arena, ny + 1);
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (!used_y[j] && same_condition(d, a, xs[i], b, ys[j])) {
                used_x[i] = used_y[j] = true;
                break;
            }
    for (size_t i = 0; i < nx; i++) {
        if (used_x[i]) continue;
        size_t j = 0;
        while (j < ny && (used_y[j] || a->d->conditions[xs[i]].role != b->d->conditions[ys[j]].role ||
                          strcmp(condition_key(a->s->model, xs[i]), condition_key(b->s->model, ys[j])) != 0))
            j++;
        struct zi_diff_change *c;
        if (j < ny) {
            used_x[i] = used_y[j] = true;
            double u, v;
            bool pu, pv;
            bool numbers = threshold(a->s->model, xs[i], &u, &pu) && threshold(b->s->model, ys[j], &v, &pv) &&
                           pu == pv && a->d->conditions[xs[i]].op == b->d->conditions[ys[j]].op;
            c = changed_text(d, section, subject, numbers ? "threshold" : "condition",
                             condition_text(d, a->d, xs[i]), condition_text(d, b->d, ys[j]));
            if (numbers) {
                c->has_values = true;
                c->old_value = u;
                c->new_value = v;
            }
            c->new_condition = (int32_t)ys[j];
            c->new_at = where(d, b, b->s->model->condition_spans[ys[j]]);
            c->new_line = shared_line(d, b, ys[j]);
        } else {
            c = add(d, section, ZI_DIFF_REMOVED, subject, NULL);
            c->old_text = condition_text(d, a->d, xs[i]);
        }
        c->old_line = shared_line(d, a, xs[i]);
        c->old_condition = (int32_t)xs[i];
        c->old_at = where(d, a, a->s->model->condition_spans[xs[i]]);
    }
    for (size_t j = 0; j < ny; j++) {
        if (used_y[j]) continue;
        struct zi_diff_change *c = add(d, section, ZI_DIFF_ADDED, subject, NULL);
        c->new_text = condition_text(d, b->d, ys[j]);
        c->new_condition = (int32_t)ys[j];
        c->new_at = where(d, b, b->s->model->condition_spans[ys[j]]);
        c->new_line = shared_line(d, b, ys[j]);
    }
}

/* The conditions of every verdict (score conditions, or prerequisites and relaxations), matched by verdict
 * name: a verdict on one side only has all its conditions added or removed. */
static void diff_verdict_conditions(struct zi_diff *d, const struct side *a, const struct side *b,
                                    bool prerequisites)
{
    enum zi_diff_section section = prerequisites ? ZI_DIFF_PREREQUISITES : ZI_DIFF_CONDITIONS;
    uint32_t *xs = zi_arena_alloc(&d->arena, (a->d->n_conditions + 1) * sizeof *xs);
    uint32_t *ys = zi_arena_alloc(&d->arena, (b->d->n_conditions + 1) * sizeof *ys);
    size_t nx, ny;
    for (uint32_t v = 0; v < a->d->n_verdicts; v++) {
        int w = find_verdict(b->d, a->d->verdicts[v].id);
        collect(a->d, (int32_t)v, prerequisites, -1, xs, &nx);
        if (w >= 0)
            collect(b->d, w, prerequisites, -1, ys, &ny);
        else
            ny = 0;
        diff_condition_lists(d, a, b, section, a->d->verdicts[v].id, xs, nx, ys, ny);
    }
    for (uint32_t w = 0; w < b->d->n_verdicts; w++) {
        if (find_verdict(a->d, b->d->verdicts[w].id) >= 0) continue;
        collect(b->d, (int32_t)w, prerequisites, -1, ys, &ny);
        diff_condition_lists(d, a, b, section, b->d->verdicts[w].id, xs, 0, ys, ny);
    }
}

/* Items' `require` rules, matched by item code: an item on one side only brings its rules with it. */
static void diff_checks(struct zi_diff *d, const struct side *a, const struct side *b)
{
    uint32_t *xs = zi_arena_alloc(&d->arena, (a->d->n_conditions + 1) * sizeof *xs);
    uint32_t *ys = zi_arena_alloc(&d->arena, (b->d->n_conditions + 1) * sizeof *ys);
    size_t nx, ny;
    for (uint32_t o = 0; o < a->d->n_outputs; o++) {
        if (a->d->outputs[o].kind != ZI_OUTPUT_ITEM) continue;
        int p = find_output(b->d, ZI_OUTPUT_ITEM, a->d->outputs[o].code, true);
        collect(a->d, -1, false, (int32_t)o, xs, &nx);
        if (p >= 0)
            collect(b->d, -1, false, p, ys, &ny);
        else
            ny = 0;
        diff_condition_lists(d, a, b, ZI_DIFF_CHECKS, a->d->outputs[o].code, xs, nx, ys, ny);
    }
    for (uint32_t p = 0; p < b->d->n_outputs; p++) {
        if (b->d->outputs[p].kind != ZI_OUTPUT_ITEM ||
            find_output(a->d, ZI_OUTPUT_ITEM, b->d->outputs[p].code, true) >= 0)
            continue;
        collect(b->d, -1, false, (int32_t)p, ys, &ny);
        diff_condition_lists(d, a, b, ZI_DIFF_CHECKS, b->d->outputs[p].code, xs, 0, ys, ny);
    }
}

/* ---- facts --------------------------------------------------------------------------------------------- */

static const char *fact_text(struct zi_diff *d, const struct zi_input_desc *in)
{
    return zi_arena_printf(&d->arena, "\"%s\": %s", in->text, input_kind_text(d, in));
}

static void diff_facts(struct zi_diff *d, const struct side *a, const struct side *b)
{
    for (uint32_t i = 0; i < a->d->n_inputs; i++) {
        const struct zi_input_desc *x = &a->d->inputs[i];
        if (x->role != ZI_ROLE_FACT) continue;
        int j = find_input(b->d, x->key);
        const char *old_at = where(d, a, a->s->model->input_spans[i]);
        if (j < 0 || b->d->inputs[j].role != ZI_ROLE_FACT) {
            struct zi_diff_change *c = add(d, ZI_DIFF_FACTS, ZI_DIFF_REMOVED, x->key, NULL);
            c->old_text = fact_text(d, x);
            c->old_at = old_at;
            continue;
        }
        const struct zi_input_desc *y = &b->d->inputs[j];
        const char *new_at = where(d, b, b->s->model->input_spans[j]);
        size_t first = d->n;
        if (!same_text(x->text, y->text))
            changed_text(d, ZI_DIFF_FACTS, x->key, "text", quoted(d, x->text), quoted(d, y->text));
        const char *ka = input_kind_text(d, x), *kb = input_kind_text(d, y);
        if (strcmp(ka, kb) != 0) changed_text(d, ZI_DIFF_FACTS, x->key, "type", ka, kb);
        for (size_t k = first; k < d->n; k++) {
            d->changes[k].old_at = old_at;
            d->changes[k].new_at = new_at;
        }
        /* A grade's or category's values: spellings added or removed, a grade's ranks moved. */
        if (strcmp(ka, kb) == 0 && x->kind != ZI_INPUT_BOOLEAN) {
            diff_labels(d, ZI_DIFF_FACTS, x->key, x, y, true, old_at, new_at);
            diff_labels(d, ZI_DIFF_FACTS, x->key, y, x, false, old_at, new_at);
        }
    }
    for (uint32_t j = 0; j < b->d->n_inputs; j++) {
        const struct zi_input_desc *y = &b->d->inputs[j];
        if (y->role != ZI_ROLE_FACT) continue;
        int i = find_input(a->d, y->key);
        if (i >= 0 && a->d->inputs[i].role == ZI_ROLE_FACT) continue;
        struct zi_diff_change *c = add(d, ZI_DIFF_FACTS, ZI_DIFF_ADDED, y->key, NULL);
        c->new_text = fact_text(d, y);
        c->new_at = where(d, b, b->s->model->input_spans[j]);
    }
}

/* ---- the safety net ------------------------------------------------------------------------------------ */

/* Whether condition `c` of `m` has a twin in `other`: the same role, verdict (by name) or item (by code),
 * and program. */
static bool has_twin(const struct side *m, uint32_t c, const struct side *other)
{
    const struct zi_condition_desc *x = &m->d->conditions[c];
    for (uint32_t k = 0; k < other->d->n_conditions; k++) {
        const struct zi_condition_desc *y = &other->d->conditions[k];
        if (x->role != y->role ||
            m->hash[m->s->model->conditions[c].holds] != other->hash[other->s->model->conditions[k].holds])
            continue;
        if (x->verdict >= 0 ? y->verdict >= 0 && strcmp(m->d->verdicts[x->verdict].id,
                                                        other->d->verdicts[y->verdict].id) == 0
                            : y->item >= 0 && x->item >= 0 &&
                                  same_text(m->d->outputs[x->item].code, other->d->outputs[y->item].code))
            return true;
    }
    return false;
}

/* Whether the two programs give every unit the same outputs, verdict and conditions, as far as their
 * structure shows: every output (by path), input (by key) and condition (by verdict or item) has its twin,
 * whatever order the file declares them in. */
static bool same_program(const struct side *a, const struct side *b)
{
    const struct zi_model *x = a->s->model, *y = b->s->model;
    if (a->d->n_outputs != b->d->n_outputs || a->d->n_conditions != b->d->n_conditions ||
        a->d->n_inputs != b->d->n_inputs || a->d->n_verdicts != b->d->n_verdicts)
        return false;
    for (uint32_t o = 0; o < a->d->n_outputs; o++) {
        int p = find_output(b->d, a->d->outputs[o].kind, a->d->outputs[o].path, false);
        if (p < 0 || a->hash[x->outputs[o]] != b->hash[y->outputs[p]]) return false;
    }
    for (uint32_t c = 0; c < a->d->n_conditions; c++)
        if (!has_twin(a, c, b) || !has_twin(b, c, a)) return false;
    for (uint32_t i = 0; i < a->d->n_inputs; i++) {
        const struct zi_input_desc *p = &a->d->inputs[i];
        int j = find_input(b->d, p->key);
        if (j < 0) return false;
        const struct zi_input_desc *q = &b->d->inputs[j];
        if (p->kind != q->kind || p->missing != q->missing || p->n_labels != q->n_labels ||
            p->min != q->min || p->max != q->max)
            return false;
        for (uint32_t k = 0; k < p->n_labels; k++)
            if (p->labels[k].value != q->labels[k].value ||
                strcmp(p->labels[k].label, q->labels[k].label) != 0)
                return false;
    }
    if ((x->incomplete == ZI_MODEL_NONE) != (y->incomplete == ZI_MODEL_NONE)) return false;
    return x->incomplete == ZI_MODEL_NONE || a->hash[x->incomplete] == b->hash[y->incomplete];
}

void zi_diff_models(const struct zi_diff_side *old_side, const struct zi_diff_side *new_side,
                    struct zi_diff *out)
{
    memset(out, 0, sizeof *out);
    zi_arena_init(&out->arena);
    struct side a = {old_side, &old_side->model->descriptor, hash_ops(out, old_side->model)};
    struct side b = {new_side, &new_side->model->descriptor, hash_ops(out, new_side->model)};
    diff_criteria(out, &a, &b);
    diff_scales(out, &a, &b);
    diff_outputs(out, &a, &b, ZI_OUTPUT_GROUP, ZI_DIFF_GROUPS);
    diff_outputs(out, &a, &b, ZI_OUTPUT_ITEM, ZI_DIFF_ITEMS);
    diff_outputs(out, &a, &b, ZI_OUTPUT_VIEW, ZI_DIFF_VIEWS);
    diff_verdicts(out, &a, &b);
    diff_verdict_conditions(out, &a, &b, false);
    diff_verdict_conditions(out, &a, &b, true);
    diff_checks(out, &a, &b);
    diff_facts(out, &a, &b);
    bool rules_changed = false;
    for (size_t k = 0; k < out->n; k++)
        rules_changed |= out->changes[k].section != ZI_DIFF_CRITERIA;
    if (!rules_changed && !same_program(&a, &b)) {
        struct zi_diff_change *c = add(out, ZI_DIFF_SCORING, ZI_DIFF_CHANGED, "scoring", "program");
        c->old_text = "(as before)";
        c->new_text = "(computed otherwise: no entry above names the difference)";
    }
}

void zi_diff_free(struct zi_diff *d)
{
    zi_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}
