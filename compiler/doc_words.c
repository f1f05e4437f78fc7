/* doc_words.c — conditions and numbers as the people who sign the rule set read them: "Nilai total paling
 * rendah 75,00", not "total >= 75". A condition is put in words from its checked expression (what each path
 * names, the percentage of a weight, a grade's order); an expression with no plain reading (arithmetic) is
 * shown as written, so nothing is paraphrased into something it is not. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "doc.h"

#define WORDS(in, id, en) ZI_DOC_WORDS((in)->lang, id, en)

const char *zi_doc_number(const struct zi_doc_input *in, double x, int decimals)
{
    char buf[64];
    if (!isfinite(x)) return WORDS(in, "tak hingga", "infinity");
    if (fabs(x) >= 1e15) {
        snprintf(buf, sizeof buf, "%g", x); /* "%.2f" would print 300 digits */
    } else {
        /* Two decimals as the worksheet prints them, unless that would hide part of the number (1/3 of a
         * weight: 0,3333). */
        bool more = decimals == 2 && fabs(x * 100 - round(x * 100)) > 1e-6;
        snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 2 : more ? 4 : decimals, x);
        char *end = buf + strlen(buf);
        if (decimals < 0 || more) {
            while (end[-1] == '0' && (decimals < 0 || end[-3] != '.'))
                *--end = '\0';
            if (end[-1] == '.') *--end = '\0';
        }
        if (strspn(buf, "-0.") == strlen(buf) && buf[0] == '-') memmove(buf, buf + 1, strlen(buf)); /* -0 */
    }
    char *point = strchr(buf, '.');
    if (point && in->lang != ZI_LANG_EN) *point = ',';
    return zi_arena_strndup(in->arena, buf, strlen(buf));
}

const char *zi_doc_percent(const struct zi_doc_input *in, double fraction)
{
    return zi_arena_printf(in->arena, "%s%%", zi_doc_number(in, fraction * 100, -1));
}

const char *zi_doc_attr_number(const struct zi_doc_input *in, double x)
{
    char buf[64];
    if (x == floor(x) && fabs(x) < 1e15)
        snprintf(buf, sizeof buf, "%.0f", x); /* "30", where "%.1g" says "3e+01" */
    else
        for (int precision = 1; precision <= 17; precision++) { /* the shortest that reads back as x */
            snprintf(buf, sizeof buf, "%.*g", precision, x);
            if (strtod(buf, NULL) == x) break;
        }
    return zi_arena_strndup(in->arena, buf, strlen(buf));
}

const char *zi_doc_source_text(const struct zi_doc_input *in, struct zi_span span)
{
    size_t len;
    const char *text = zi_source_slice(in->source, span, &len);
    return zi_arena_strndup(in->arena, text, len);
}

/* What a path names, as the subject of a sentence: "Nilai Komponen Pengungkit", "Jawaban butir B.I.a". */
static const char *subject(const struct zi_doc_input *in, const struct zi_expr *e)
{
    const struct zi_ref *r = &e->ref;
    switch (r->kind) {
    case ZI_REF_TOTAL:
        return WORDS(in, "Nilai total", "The total score");
    case ZI_REF_GROUP: {
        const struct zi_group *g = r->u.group;
        const char *title = g->title.text ? g->title.text : g->name.text;
        const char *code = g->code && g->code[0] ? zi_arena_printf(in->arena, " (%s)", g->code) : "";
        return zi_arena_printf(in->arena, "%s %s%s", WORDS(in, "Nilai", "The score of"), title, code);
    }
    case ZI_REF_ITEM:
        return zi_arena_printf(in->arena, "%s %s (%s)", WORDS(in, "Nilai butir", "The score of item"),
                               r->u.item->code.text, r->u.item->text.text);
    case ZI_REF_INPUT: {
        const struct zi_input *input = r->u.input;
        if (!input->item->is_score)
            return zi_arena_printf(in->arena, "%s %s (%s)", WORDS(in, "Jawaban butir", "The answer to item"),
                                   input->item->code.text, input->item->text.text);
        return zi_arena_printf(in->arena, "%s %s (%s)", WORDS(in, "Isian", "The entry"), input->key,
                               input->title.text ? input->title.text : input->name.text);
    }
    case ZI_REF_LET:
        return zi_arena_printf(in->arena, "%s %s", WORDS(in, "Nilai", "The value of"),
                               r->u.let->title.text ? r->u.let->title.text : r->u.let->name.text);
    case ZI_REF_MEMBER:
        return zi_arena_printf(in->arena, "%s %s", WORDS(in, "Nilai", "The score of"), r->u.member->title);
    case ZI_REF_FACT:
        return r->u.input->title.text ? r->u.input->title.text : r->u.input->key;
    default:
        return zi_doc_source_text(in, e->span);
    }
}

/* An operand in words; `points` says the other side is a score, whose numbers have two decimals. */
static const char *operand(const struct zi_doc_input *in, const struct zi_expr *e, bool points)
{
    switch (e->kind) {
    case ZI_EXPR_NUMBER:
        if (e->is_percent) return zi_doc_percent(in, e->number);
        return zi_doc_number(in, e->number, points ? 2 : -1);
    case ZI_EXPR_STRING:
        return e->text.text;
    case ZI_EXPR_PATH: {
        /* mid-sentence: "… paling rendah nilai Komponen Hasil" */
        char *text = zi_arena_printf(in->arena, "%s", subject(in, e));
        if (text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'a' && text[1] <= 'z') text[0] += 'a' - 'A';
        return text;
    }
    default:
        return zi_doc_source_text(in, e->span);
    }
}

static const char *op_words(const struct zi_doc_input *in, enum zi_binop op, bool grade)
{
    switch (op) {
    case ZI_OP_GE:
        return WORDS(in, "paling rendah", "is at least");
    case ZI_OP_GT:
        return grade ? WORDS(in, "lebih baik dari", "is better than")
                     : WORDS(in, "lebih dari", "is more than");
    case ZI_OP_LE:
        return WORDS(in, "paling tinggi", "is at most");
    case ZI_OP_LT:
        return grade ? WORDS(in, "lebih rendah dari", "is worse than")
                     : WORDS(in, "kurang dari", "is less than");
    case ZI_OP_EQ:
        return grade ? WORDS(in, "adalah", "is") : WORDS(in, "sama dengan", "is equal to");
    default:
        return grade ? WORDS(in, "bukan", "is not") : WORDS(in, "tidak sama dengan", "is not equal to");
    }
}

/* "60% dari bobotnya (36,00 dari 60,00)" */
static const char *share_of_weight(const struct zi_doc_input *in, double fraction, double weight)
{
    return zi_arena_printf(in->arena, "%s %s (%s %s %s)", zi_doc_percent(in, fraction),
                           WORDS(in, "dari bobotnya", "of its weight"),
                           zi_doc_number(in, fraction * weight, 2), WORDS(in, "dari", "of"),
                           zi_doc_number(in, weight, 2));
}

static const char *comparison(const struct zi_doc_input *in, const struct zi_expr *e)
{
    const struct zi_expr *a = e->lhs, *b = e->rhs;
    bool label = a->type == ZI_TYPE_LABEL || b->type == ZI_TYPE_LABEL;
    /* Scores and numeric answers (an index: 3,60) have two decimals; counts and years are whole. */
    bool points =
        a->type == ZI_TYPE_POINTS || b->type == ZI_TYPE_POINTS ||
        (a->kind == ZI_EXPR_PATH && a->ref.kind == ZI_REF_INPUT && a->ref.u.input->kind == ZI_INPUT_NUMBER);
    const char *rhs = e->percent_of_weight && b->kind == ZI_EXPR_NUMBER
                          ? share_of_weight(in, b->number, e->weight)
                          : operand(in, b, points);
    const char *lhs = a->kind == ZI_EXPR_PATH ? subject(in, a) : operand(in, a, points);
    return zi_arena_printf(in->arena, "%s %s %s", lhs, op_words(in, e->op, label), rhs);
}

static const char *words(const struct zi_doc_input *in, const struct zi_expr *e)
{
    switch (e->kind) {
    case ZI_EXPR_BINARY:
        switch (e->op) {
        case ZI_OP_AND:
        case ZI_OP_OR:
            return zi_arena_printf(in->arena, "%s, %s %s", words(in, e->lhs),
                                   e->op == ZI_OP_AND ? WORDS(in, "dan", "and") : WORDS(in, "atau", "or"),
                                   words(in, e->rhs));
        case ZI_OP_GE:
        case ZI_OP_GT:
        case ZI_OP_LE:
        case ZI_OP_LT:
        case ZI_OP_EQ:
        case ZI_OP_NE:
            return comparison(in, e);
        default:
            return zi_doc_source_text(in, e->span);
        }
    case ZI_EXPR_PATH:
        if (e->type == ZI_TYPE_BOOL) /* a yes/no fact */
            return zi_arena_printf(in->arena, "%s: %s", subject(in, e), WORDS(in, "Ya", "Yes"));
        return zi_doc_source_text(in, e->span);
    case ZI_EXPR_NOT:
        if (e->lhs->kind == ZI_EXPR_PATH && e->lhs->type == ZI_TYPE_BOOL)
            return zi_arena_printf(in->arena, "%s: %s", subject(in, e->lhs), WORDS(in, "Tidak", "No"));
        return zi_arena_printf(in->arena, "%s (%s)", WORDS(in, "tidak benar bahwa", "not"),
                               words(in, e->lhs));
    case ZI_EXPR_IF:
        return zi_arena_printf(in->arena, "%s %s: %s; %s: %s", WORDS(in, "jika", "if"), words(in, e->cond),
                               words(in, e->lhs), WORDS(in, "jika tidak", "otherwise"), words(in, e->rhs));
    case ZI_EXPR_IN: {
        const char *list = "";
        for (const struct zi_expr *s = e->args; s; s = s->next)
            list = zi_arena_printf(in->arena, "%s%s%s", list, list[0] ? ", " : "", s->text.text);
        return zi_arena_printf(in->arena, "%s %s %s",
                               e->lhs->kind == ZI_EXPR_PATH ? subject(in, e->lhs)
                                                            : operand(in, e->lhs, false),
                               WORDS(in, "salah satu dari", "is one of"), list);
    }
    case ZI_EXPR_BOOL:
        return e->boolean ? WORDS(in, "selalu terpenuhi", "always met")
                          : WORDS(in, "tidak pernah terpenuhi", "never met");
    default:
        return zi_doc_source_text(in, e->span);
    }
}

/* What `all PATH` names: "area (Pemenuhan + Reform)", "bagian Komponen Pengungkit". */
static const char *all_subject(const struct zi_doc_input *in, const struct zi_condition *c)
{
    const struct zi_ref *r = &c->all_ref;
    if (r->kind == ZI_REF_VIEW) return r->u.view->title.text ? r->u.view->title.text : r->u.view->name.text;
    const struct zi_group *g = r->u.group;
    return zi_arena_printf(in->arena, "%s %s", WORDS(in, "bagian", "part of"),
                           g->title.text ? g->title.text : g->name.text);
}

const char *zi_doc_condition(const struct zi_doc_input *in, const struct zi_condition *c)
{
    if (!c->is_all) return words(in, c->expr);
    const struct zi_expr *rhs = c->all_rhs;
    const char *threshold = rhs->type == ZI_TYPE_PERCENT && rhs->kind == ZI_EXPR_NUMBER
                                ? zi_arena_printf(in->arena, "%s %s", zi_doc_percent(in, rhs->number),
                                                  WORDS(in, "dari bobotnya", "of its weight"))
                                : operand(in, rhs, true);
    return zi_arena_printf(in->arena, "%s %s %s %s", WORDS(in, "Setiap", "Every"), all_subject(in, c),
                           op_words(in, c->all_op, false), threshold);
}

unsigned zi_doc_all_members(const struct zi_doc_input *in, const struct zi_condition *c, const char ***texts)
{
    /* zi_all_members needs only the checker's arena: the members are read from the checked tree. */
    struct zi_checker ck = {.arena = in->arena};
    unsigned n;
    struct zi_all_member *members = zi_all_members(&ck, &c->all_ref, &n);
    const struct zi_expr *rhs = c->all_rhs;
    bool share = rhs->type == ZI_TYPE_PERCENT && rhs->kind == ZI_EXPR_NUMBER;
    *texts = zi_arena_alloc(in->arena, (n ? n : 1) * sizeof **texts);
    for (unsigned i = 0; i < n; i++) {
        const char *title = zi_ref_title(&members[i].ref);
        (*texts)[i] = zi_arena_printf(
            in->arena, "%s %s %s", title ? title : members[i].name, op_words(in, c->all_op, false),
            share ? share_of_weight(in, rhs->number, members[i].weight) : operand(in, rhs, true));
    }
    return n;
}
