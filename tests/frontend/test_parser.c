/* test_parser.c — the grammar of docs/language.md §2: the tree built for each construct, operator precedence,
 * the newline rule of verdicts, options given twice (E038), and error recovery that reports several syntax
 * errors (E010) in one run, each where it is. These run the parser alone (no checks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "support.h"

/* Parses `text` into c (no checks): c->criteria and c->diag are then what the parser produced. */
static void parse(struct zi_compilation *c, const char *text)
{
    memset(c, 0, sizeof *c);
    zi_arena_init(&c->arena);
    ck_assert_int_eq(zi_source_from_memory(&c->source, "test.zi", text, strlen(text)), 0);
    zi_diag_init(&c->diag, &c->source, &c->arena);
    c->criteria = zi_parse(&c->source, 0, &c->arena, &c->diag);
    ck_assert_ptr_nonnull(c->criteria);
}

/* ---- Expressions as s-expressions, so a test shows the tree it expects --------------------------------- */

static void print_path(FILE *out, const struct zi_path *p)
{
    for (unsigned i = 0; i < p->n; i++)
        fprintf(out, "%s%s", i ? "." : "", p->segments[i].text);
}

static void print_expr(FILE *out, const struct zi_expr *e)
{
    static const char *const ops[] = {"+", "-", "*", "/", "and", "or", ">=", ">", "<=", "<", "==", "!="};
    switch (e->kind) {
    case ZI_EXPR_ERROR:
        fputs("<error>", out);
        break;
    case ZI_EXPR_NUMBER:
        if (e->is_percent)
            fprintf(out, "%g%%", e->number * 100);
        else
            fprintf(out, "%g", e->number);
        break;
    case ZI_EXPR_BOOL:
        fputs(e->boolean ? "true" : "false", out);
        break;
    case ZI_EXPR_PATH:
        print_path(out, &e->path);
        break;
    case ZI_EXPR_CALL:
        fputc('(', out);
        print_path(out, &e->path);
        for (const struct zi_expr *a = e->args; a; a = a->next) {
            fputc(' ', out);
            print_expr(out, a);
        }
        fputc(')', out);
        break;
    case ZI_EXPR_NEG:
    case ZI_EXPR_NOT:
        fprintf(out, "(%s ", e->kind == ZI_EXPR_NEG ? "-" : "not");
        print_expr(out, e->lhs);
        fputc(')', out);
        break;
    case ZI_EXPR_BINARY:
        fprintf(out, "(%s ", ops[e->op]);
        print_expr(out, e->lhs);
        fputc(' ', out);
        print_expr(out, e->rhs);
        fputc(')', out);
        break;
    case ZI_EXPR_STRING:
        fprintf(out, "\"%s\"", e->text.text);
        break;
    case ZI_EXPR_IN:
        fputs("(in ", out);
        print_expr(out, e->lhs);
        for (const struct zi_expr *a = e->args; a; a = a->next) {
            fputc(' ', out);
            print_expr(out, a);
        }
        fputc(')', out);
        break;
    case ZI_EXPR_IF:
        fputs("(if ", out);
        print_expr(out, e->cond);
        fputc(' ', out);
        print_expr(out, e->lhs);
        fputc(' ', out);
        print_expr(out, e->rhs);
        fputc(')', out);
        break;
    }
}

/* The tree of `let x = EXPR` in a minimal file, as an s-expression (malloc'd). */
static char *tree_of(const char *expr)
{
    char text[512], *tree = NULL;
    size_t len = 0;
    snprintf(text, sizeof text, "criteria k {\n  let x = %s\n}\n", expr);
    struct zi_compilation c;
    parse(&c, text);
    ck_assert_msg(c.diag.n_errors == 0, "'%s' does not parse:\n%s", expr, zt_dump(&c));
    ck_assert_ptr_nonnull(c.criteria->lets);
    FILE *out = open_memstream(&tree, &len);
    print_expr(out, c.criteria->lets->expr);
    fclose(out);
    zi_compilation_free(&c);
    return tree;
}

#define EXPECT_TREE(expr, expected)                                                                          \
    do {                                                                                                     \
        char *tree_ = tree_of(expr);                                                                         \
        ck_assert_msg(strcmp(tree_, (expected)) == 0, "'%s' parses as %s, expected %s", (expr), tree_,       \
                      (expected));                                                                           \
        free(tree_);                                                                                         \
    } while (0)

/* ---- The tree of each construct ------------------------------------------------------------------------ */

static const char lke_excerpt[] =
    "criteria lke_zi_2021 \"Lembar Kerja Evaluasi Zona Integritas\" {\n"                 /* 1 */
    "  regulation \"PermenPANRB 90/2021\"\n"                                             /* 2 */
    "  missing exclude\n"                                                                /* 3 */
    "  scale ya_tidak \"Ya/Tidak\" { \"Ya\" = 1, \"Tidak\" = 0 }\n"                      /* 4 */
    "  scale abcd { \"A\" = 1, \"B\" = 67%, \"C\" = 0.33, \"D\" = 0, }\n"                /* 5 */
    "  group pengungkit \"Komponen Pengungkit\" weight 60 {\n"                           /* 6 */
    "    group pemenuhan \"Pemenuhan\" weight 30 relative {\n"                           /* 7 */
    "      group tim_kerja \"Penyusunan Tim Kerja\" weight 0.5 {\n"                      /* 8 */
    "        question \"A.I.1.i.a\" \"Unit kerja telah membentuk tim\" : ya_tidak\n"     /* 9 */
    "        question \"A.I.1.i.b\" prosedur \"Anggota dipilih\" : abcd missing zero\n"  /* 10 */
    "      }\n"                                                                          /* 11 */
    "    }\n"                                                                            /* 12 */
    "    group reform \"Reform\" weight 30 {\n"                                          /* 13 */
    "      score \"A.II.1.i.a\" \"Agen perubahan\" weight 2 missing error {\n"           /* 14 */
    "        input perubahan \"Jumlah perubahan\" : count\n"                             /* 15 */
    "        input agen : count in [0, 500]\n"                                           /* 16 */
    "        require perubahan <= 1000 \"Terlalu banyak\"\n"                             /* 17 */
    "        require agen >= 0\n"                                                        /* 18 */
    "        = ratio(perubahan, agen, 0)\n"                                              /* 19 */
    "      }\n"                                                                          /* 20 */
    "    }\n"                                                                            /* 21 */
    "  }\n"                                                                              /* 22 */
    "  group hasil weight 40 {\n"                                                        /* 23 */
    "    question \"B.I.a\" ipak \"IPAK\" : number in [0, 4] weight 17.5 = answer / 4\n" /* 24 */
    "    question \"B.I.b\" \"Persen\" : percent in [-5%, 100%] weight 22.5\n"           /* 25 */
    "  }\n"                                                                              /* 26 */
    "  view area \"Area\" = pengungkit.pemenuhan + pengungkit.reform\n"                  /* 27 */
    "  let inti \"Nilai inti\" = pengungkit + hasil\n"                                   /* 28 */
    "  verdict WBK \"Wilayah Bebas dari Korupsi\" {\n"                                   /* 29 */
    "    total >= 75\n"                                                                  /* 30 */
    "    all area >= 60%\n"                                                              /* 31 */
    "  }\n"                                                                              /* 32 */
    "  verdict KOSONG { }\n"                                                             /* 33 */
    "  otherwise BELUM \"Belum memenuhi syarat\"\n"                                      /* 34 */
    "}\n";

START_TEST(header_and_scales)
{
    struct zi_compilation c;
    parse(&c, lke_excerpt);
    zt_expect_clean(&c);
    const struct zi_criteria *k = c.criteria;
    ck_assert_str_eq(k->name.text, "lke_zi_2021");
    ck_assert_str_eq(k->title.text, "Lembar Kerja Evaluasi Zona Integritas");
    ck_assert_str_eq(k->regulation.text, "PermenPANRB 90/2021");
    ck_assert_int_eq(k->missing, ZI_POLICY_EXCLUDE);
    ck_assert_uint_eq(k->span.begin, 0);
    ck_assert_uint_eq(k->span.end, sizeof lke_excerpt - 2); /* through the closing brace */

    const struct zi_scale *s = k->scales;
    ck_assert_str_eq(s->name.text, "ya_tidak");
    ck_assert_str_eq(s->title.text, "Ya/Tidak");
    ck_assert_uint_eq(s->n_entries, 2);
    ck_assert_str_eq(s->entries->label.text, "Ya");
    ck_assert_double_eq(s->entries->value, 1);
    ck_assert_str_eq(s->entries->next->label.text, "Tidak");
    s = s->next;
    ck_assert_str_eq(s->name.text, "abcd");
    ck_assert_ptr_null(s->title.text);
    ck_assert_uint_eq(s->n_entries, 4); /* a trailing comma is allowed */
    ck_assert_double_eq_tol(s->entries->next->value, 0.67, 1e-15);
    ck_assert_ptr_null(s->next);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(groups_nest_with_parents)
{
    struct zi_compilation c;
    parse(&c, lke_excerpt);
    const struct zi_member *top = c.criteria->groups;
    const struct zi_group *pengungkit = top->group;
    ck_assert_str_eq(pengungkit->name.text, "pengungkit");
    ck_assert_str_eq(pengungkit->title.text, "Komponen Pengungkit");
    ck_assert(pengungkit->has_weight);
    ck_assert_double_eq(pengungkit->weight, 60);
    ck_assert(!pengungkit->relative);
    ck_assert_ptr_null(pengungkit->parent);

    const struct zi_group *pemenuhan = pengungkit->members->group;
    ck_assert_str_eq(pemenuhan->name.text, "pemenuhan");
    ck_assert(pemenuhan->relative);
    ck_assert_ptr_eq(pemenuhan->parent, pengungkit);
    const struct zi_group *tim = pemenuhan->members->group;
    ck_assert_double_eq(tim->weight, 0.5);
    ck_assert_ptr_eq(tim->parent, pemenuhan);
    const struct zi_group *reform = pengungkit->members->next->group;
    ck_assert_str_eq(reform->name.text, "reform");
    ck_assert_ptr_null(pengungkit->members->next->next);

    const struct zi_group *hasil = top->next->group;
    ck_assert_str_eq(hasil->name.text, "hasil");
    ck_assert_ptr_null(hasil->title.text);
    ck_assert_ptr_null(top->next->next);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(questions_take_their_name_from_the_code)
{
    struct zi_compilation c;
    parse(&c, lke_excerpt);
    const struct zi_group *tim = c.criteria->groups->group->members->group->members->group;
    const struct zi_item *a = tim->members->item;
    ck_assert(!a->is_score);
    ck_assert_str_eq(a->code.text, "A.I.1.i.a");
    ck_assert_str_eq(a->name.text, "a"); /* the code's last segment */
    ck_assert_str_eq(a->text.text, "Unit kerja telah membentuk tim");
    ck_assert_ptr_eq(a->parent, tim);
    ck_assert(!a->has_weight);
    ck_assert_int_eq(a->missing, ZI_POLICY_DEFAULT);
    ck_assert_ptr_null(a->expr);
    /* A question has one input, its answer, whose type is the scale's name. */
    ck_assert_ptr_nonnull(a->inputs);
    ck_assert_ptr_null(a->inputs->next);
    ck_assert_str_eq(a->inputs->name.text, "answer");
    ck_assert_str_eq(a->inputs->type.text, "ya_tidak");
    ck_assert(!a->inputs->has_range);
    ck_assert_ptr_eq(a->inputs->item, a);

    const struct zi_item *b = a->parent->members->next->item;
    ck_assert_str_eq(b->name.text, "prosedur"); /* an explicit name wins */
    ck_assert_int_eq(b->missing, ZI_POLICY_ZERO);

    const struct zi_group *hasil = c.criteria->groups->next->group;
    const struct zi_item *ipak = hasil->members->item;
    ck_assert_str_eq(ipak->name.text, "ipak");
    ck_assert_str_eq(ipak->inputs->type.text, "number");
    ck_assert(ipak->inputs->has_range);
    ck_assert_double_eq(ipak->inputs->lo, 0);
    ck_assert_double_eq(ipak->inputs->hi, 4);
    ck_assert(ipak->has_weight);
    ck_assert_double_eq(ipak->weight, 17.5);
    ck_assert_ptr_nonnull(ipak->expr);
    ck_assert_int_eq(ipak->expr->kind, ZI_EXPR_BINARY);
    ck_assert_int_eq(ipak->expr->op, ZI_OP_DIV);

    const struct zi_item *persen = hasil->members->next->item;
    ck_assert_str_eq(persen->name.text, "b");
    ck_assert_double_eq_tol(persen->inputs->lo, -0.05, 1e-15); /* signed percent bounds */
    ck_assert_double_eq_tol(persen->inputs->hi, 1, 1e-15);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(score_blocks_have_inputs_and_require_rules)
{
    struct zi_compilation c;
    parse(&c, lke_excerpt);
    const struct zi_group *reform = c.criteria->groups->group->members->next->group;
    const struct zi_item *s = reform->members->item;
    ck_assert(s->is_score);
    ck_assert_str_eq(s->code.text, "A.II.1.i.a");
    ck_assert_str_eq(s->name.text, "a");
    ck_assert_str_eq(s->text.text, "Agen perubahan");
    ck_assert(s->has_weight);
    ck_assert_double_eq(s->weight, 2);
    ck_assert_int_eq(s->missing, ZI_POLICY_ERROR);

    const struct zi_input *in = s->inputs;
    ck_assert_str_eq(in->name.text, "perubahan");
    ck_assert_str_eq(in->title.text, "Jumlah perubahan");
    ck_assert_str_eq(in->type.text, "count");
    ck_assert(!in->has_range);
    ck_assert_ptr_eq(in->item, s);
    in = in->next;
    ck_assert_str_eq(in->name.text, "agen");
    ck_assert_ptr_null(in->title.text);
    ck_assert(in->has_range);
    ck_assert_double_eq(in->hi, 500);
    ck_assert_ptr_null(in->next);

    const struct zi_require *r = s->requires;
    ck_assert_str_eq(r->message.text, "Terlalu banyak");
    ck_assert_int_eq(r->expr->op, ZI_OP_LE);
    ck_assert_ptr_null(r->next->message.text);
    ck_assert_ptr_null(r->next->next);

    ck_assert_int_eq(s->expr->kind, ZI_EXPR_CALL);
    ck_assert_str_eq(s->expr->path.segments[0].text, "ratio");
    ck_assert_uint_eq(s->expr->n_args, 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(views_lets_verdicts_and_otherwise)
{
    struct zi_compilation c;
    parse(&c, lke_excerpt);
    const struct zi_view *v = c.criteria->views;
    ck_assert_str_eq(v->name.text, "area");
    ck_assert_str_eq(v->title.text, "Area");
    ck_assert_uint_eq(v->n_paths, 2);
    ck_assert_uint_eq(v->paths[0].n, 2);
    ck_assert_str_eq(v->paths[0].segments[0].text, "pengungkit");
    ck_assert_str_eq(v->paths[1].segments[1].text, "reform");
    ck_assert_ptr_null(v->next);

    const struct zi_let *l = c.criteria->lets;
    ck_assert_str_eq(l->name.text, "inti");
    ck_assert_str_eq(l->title.text, "Nilai inti");
    ck_assert_int_eq(l->expr->op, ZI_OP_ADD);
    ck_assert_ptr_null(l->next);

    const struct zi_verdict *wbk = c.criteria->verdicts;
    ck_assert_str_eq(wbk->name.text, "WBK");
    ck_assert_str_eq(wbk->title.text, "Wilayah Bebas dari Korupsi");
    ck_assert(!wbk->is_otherwise);
    const struct zi_condition *cond = wbk->conditions;
    ck_assert(!cond->is_all);
    ck_assert_int_eq(cond->expr->op, ZI_OP_GE);
    cond = cond->next;
    ck_assert(cond->is_all); /* all area >= 60% */
    ck_assert_uint_eq(cond->all_path.n, 1);
    ck_assert_str_eq(cond->all_path.segments[0].text, "area");
    ck_assert_int_eq(cond->all_op, ZI_OP_GE);
    ck_assert(cond->all_rhs->is_percent);
    ck_assert_double_eq_tol(cond->all_rhs->number, 0.6, 1e-15);
    ck_assert_ptr_null(cond->next);

    const struct zi_verdict *kosong = wbk->next;
    ck_assert_str_eq(kosong->name.text, "KOSONG");
    ck_assert_ptr_null(kosong->conditions);
    const struct zi_verdict *belum = kosong->next;
    ck_assert(belum->is_otherwise);
    ck_assert_str_eq(belum->name.text, "BELUM");
    ck_assert_str_eq(belum->title.text, "Belum memenuhi syarat");
    ck_assert_ptr_null(belum->next);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(spans_cover_their_construct)
{
    struct zi_compilation c;
    parse(&c, lke_excerpt);
    unsigned line, col;
    const struct zi_group *pemenuhan = c.criteria->groups->group->members->group;
    zt_position(&c, pemenuhan->span.begin, &line, &col);
    ck_assert_uint_eq(line, 7);
    ck_assert_uint_eq(col, 5);
    zt_position(&c, pemenuhan->span.end, &line, &col); /* just after its closing brace */
    ck_assert_uint_eq(line, 12);
    ck_assert_uint_eq(col, 6);
    const struct zi_item *a = pemenuhan->members->group->members->item;
    ck_assert_str_eq(zt_slice(&c, a->code.span.begin, a->code.span.end), "\"A.I.1.i.a\"");
    /* An item named after its code points at the code. */
    ck_assert_uint_eq(a->name.span.begin, a->code.span.begin);
    const struct zi_item *ipak = c.criteria->groups->next->group->members->item;
    ck_assert_str_eq(zt_slice(&c, ipak->expr->span.begin, ipak->expr->span.end), "answer / 4");
    ck_assert_str_eq(zt_slice(&c, ipak->weight_span.begin, ipak->weight_span.end), "17.5");
    const struct zi_condition *all = c.criteria->verdicts->conditions->next;
    ck_assert_str_eq(zt_slice(&c, all->span.begin, all->span.end), "all area >= 60%");
    zi_compilation_free(&c);
}
END_TEST

/* ---- Precedence ---------------------------------------------------------------------------------------- */

START_TEST(arithmetic_precedence_and_associativity)
{
    EXPECT_TREE("a + b * c", "(+ a (* b c))");
    EXPECT_TREE("a * b + c", "(+ (* a b) c)");
    EXPECT_TREE("a - b - c", "(- (- a b) c)");
    EXPECT_TREE("a / b / c", "(/ (/ a b) c)");
    EXPECT_TREE("a - b + c", "(+ (- a b) c)");
    EXPECT_TREE("(a + b) * c", "(* (+ a b) c)");
    EXPECT_TREE("-a * b", "(* (- a) b)");
    EXPECT_TREE("- -a", "(- (- a))");
    EXPECT_TREE("a - -b", "(- a (- b))");
    EXPECT_TREE("90% + 1", "(+ 90% 1)");
    EXPECT_TREE("90 % * 2", "(* 90% 2)");
    EXPECT_TREE("hasil.bersih.ipak.answer / 4", "(/ hasil.bersih.ipak.answer 4)");
}
END_TEST

START_TEST(boolean_precedence)
{
    EXPECT_TREE("not a and b", "(and (not a) b)");
    EXPECT_TREE("not a >= 1", "(not (>= a 1))");
    EXPECT_TREE("not not a", "(not (not a))");
    EXPECT_TREE("a or b and c", "(or a (and b c))");
    EXPECT_TREE("a and b or c", "(or (and a b) c)");
    EXPECT_TREE("a or b or c", "(or (or a b) c)");
    EXPECT_TREE("a + 1 >= b * 2 and c < 3", "(and (>= (+ a 1) (* b 2)) (< c 3))");
}
END_TEST

START_TEST(if_is_loosest)
{
    EXPECT_TREE("if a then b else c + 1", "(if a b (+ c 1))");
    EXPECT_TREE("if a > 0 and b then 1 else 2", "(if (and (> a 0) b) 1 2)");
    EXPECT_TREE("if a then if b then 1 else 2 else 3", "(if a (if b 1 2) 3)");
    EXPECT_TREE("if a then 1 else if b then 2 else 3", "(if a 1 (if b 2 3))");
    EXPECT_TREE("1 + (if a then 1 else 2)", "(+ 1 (if a 1 2))");
}
END_TEST

START_TEST(calls_and_literals)
{
    EXPECT_TREE("min(a, b + 1, ratio(c, d))", "(min a (+ b 1) (ratio c d))");
    EXPECT_TREE("f()", "(f)");
    EXPECT_TREE("clamp(x / 4, 0, 1)", "(clamp (/ x 4) 0 1)");
    EXPECT_TREE("true", "true");
    EXPECT_TREE("((((a))))", "a");
}
END_TEST

START_TEST(comparisons_do_not_chain)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  let x = a < b < c\n"
              "  let y = a == b == c\n"
              "}\n");
    zt_expect(&c, "E010", 2, 17);
    zt_expect(&c, "E010", 3, 18);
    zt_expect_count(&c, NULL, 2);
    const struct zi_diagnostic *d = zt_find(&c, "E010", 2, 17);
    ck_assert_str_eq(d->message, "unexpected '<'");
    ck_assert_ptr_nonnull(d->notes);
    ck_assert_str_eq(d->notes->message, "comparisons do not chain: join two conditions with 'and'");
    zi_compilation_free(&c);
}
END_TEST

/* ---- The newline rule in verdicts ---------------------------------------------------------------------- */

static unsigned n_conditions(const struct zi_verdict *v)
{
    unsigned n = 0;
    for (const struct zi_condition *c = v->conditions; c; c = c->next)
        n++;
    return n;
}

START_TEST(one_condition_per_line)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  verdict A {\n"
              "    total >= 75\n"
              "\n"
              "    // a comment line between conditions\n"
              "    pengungkit >= 40\n"
              "    all area >= 60%\n"
              "  }\n"
              "  verdict B { total >= 1; pengungkit >= 2 ;; hasil >= 3; }\n"
              "  verdict C {\n"
              "  }\n"
              "  verdict D { total >= 1 }\n"
              "  otherwise E\n"
              "}\n");
    zt_expect_clean(&c);
    const struct zi_verdict *v = c.criteria->verdicts;
    ck_assert_uint_eq(n_conditions(v), 3);
    ck_assert_uint_eq(n_conditions(v->next), 3);
    ck_assert_uint_eq(n_conditions(v->next->next), 0);
    ck_assert_uint_eq(n_conditions(v->next->next->next), 1);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(a_line_ending_in_an_operator_continues)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  verdict A {\n"
              "    total >= 75 and\n"
              "      pengungkit >= 40 or\n"
              "      hasil >=\n"
              "        30\n"
              "    hasil.bersih.ipak.answer +\n"
              "      hasil.pelayanan.ipkp.answer >= 7\n"
              "    min(pengungkit,\n"
              "        hasil) >= 1\n"
              "    (pengungkit\n"
              "       + hasil) >= 2\n"
              "  }\n"
              "  otherwise E\n"
              "}\n");
    zt_expect_clean(&c);
    const struct zi_condition *cond = c.criteria->verdicts->conditions;
    ck_assert_uint_eq(n_conditions(c.criteria->verdicts), 4);
    ck_assert_int_eq(cond->expr->op, ZI_OP_OR);
    ck_assert_int_eq(cond->next->expr->op, ZI_OP_GE);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(newline_errors_in_verdicts)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  verdict A {\n"
              "    total >= 75 pengungkit >= 40\n" /* two conditions on a line need ';' */
              "    total\n"                        /* the line ends after an operand: the condition ends */
              "      >= 75\n"
              "    hasil >= 30\n" /* still read after the errors */
              "  }\n"
              "  otherwise E\n"
              "}\n");
    zt_expect(&c, "E010", 3, 17);
    zt_expect(&c, "E010", 5, 7);
    zt_expect_count(&c, NULL, 2);
    ck_assert_str_eq(zt_find(&c, "E010", 5, 7)->message, "unexpected '>='");
    /* The condition after the errors is still read. */
    const struct zi_condition *cond = c.criteria->verdicts->conditions;
    while (cond && cond->next)
        cond = cond->next;
    ck_assert_ptr_nonnull(cond);
    ck_assert_str_eq(zt_slice(&c, cond->span.begin, cond->span.end), "hasil >= 30");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(newlines_mean_nothing_outside_verdicts)
{
    EXPECT_TREE("1\n    + 2\n    * 3", "(+ 1 (* 2 3))");
    struct zi_compilation c;
    parse(
        &c,
        "criteria\nk\n\"T\"\n{\n  scale s\n  {\n  \"Ya\"\n  =\n  1\n  }\n  view v\n  =\n  a\n  +\n  b\n}\n");
    zt_expect_clean(&c);
    ck_assert_uint_eq(c.criteria->views->n_paths, 2);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Options given twice (E038, reported by the builders) ---------------------------------------------- */

START_TEST(repeated_header_entries_and_item_options_are_E038)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  regulation \"PermenPANRB 90/2021\"\n"
              "  missing zero\n"
              "  regulation \"PermenPANRB 10/2019\"\n"
              "  missing error\n"
              "  group g weight 10 {\n"
              "    question \"1\" \"t\" : s weight 5 weight 6\n"
              "    question \"2\" \"t\" : s missing zero missing exclude\n"
              "  }\n"
              "}\n");
    zt_expect(&c, "E038", 4, 3);
    zt_expect(&c, "E038", 5, 3);
    zt_expect(&c, "E038", 7, 42); /* the second weight's number */
    zt_expect(&c, "E038", 8, 39); /* the second 'missing' */
    zt_expect_count(&c, NULL, 4);
    /* Each note points at the first occurrence; the first one stays in force. */
    const struct zi_diagnostic *d = zt_find(&c, "E038", 4, 3);
    unsigned line, col;
    zt_position(&c, d->notes->span.begin, &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 14);
    ck_assert_str_eq(c.criteria->regulation.text, "PermenPANRB 90/2021");
    ck_assert_int_eq(c.criteria->missing, ZI_POLICY_ZERO);
    d = zt_find(&c, "E038", 7, 42);
    zt_position(&c, d->notes->span.begin, &line, &col);
    ck_assert_uint_eq(line, 7);
    ck_assert_uint_eq(col, 33);
    d = zt_find(&c, "E038", 8, 39);
    zt_position(&c, d->notes->span.begin, &line, &col);
    ck_assert_uint_eq(line, 8);
    ck_assert_uint_eq(col, 26);
    ck_assert_str_eq(zt_slice(&c, d->span.begin, d->span.end), "missing exclude");
    ck_assert_double_eq(c.criteria->groups->group->members->item->weight, 5);
    ck_assert_int_eq(c.criteria->groups->group->members->next->item->missing, ZI_POLICY_ZERO);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Error recovery ------------------------------------------------------------------------------------ */

START_TEST(recovery_reports_every_syntax_error)
{
    struct zi_compilation c;
    parse(&c, "criteria uji \"Uji\" {\n"                 /* 1 */
              "  scale \"ya\" { \"Ya\" = 1 }\n"          /* 2: scale without a name */
              "  group pengungkit \"P\" weight {\n"      /* 3: weight without a number */
              "    question \"A.1\" \"Teks\" ya\n"       /* 4: missing ':' */
              "    group g \"G\" weight 1 {\n"           /* 5 */
              "      question \"A.2\" \"Teks\" : ya\n"   /* 6 */
              "    }\n"                                  /* 7 */
              "  }\n"                                    /* 8 */
              "  group hasil \"H\" weight 40 {\n"        /* 9 */
              "    score \"B.1\" x {\n"                  /* 10: no text */
              "      input n : count\n"                  /* 11 */
              "      = n\n"                              /* 12 */
              "    }\n"                                  /* 13 */
              "    question \"B.2\" \"T\" : ya weight\n" /* 14: weight without a number */
              "  }\n"                                    /* 15 */
              "  let a = 1 +\n"                          /* 16: operand missing */
              "  let b = 2\n"                            /* 17 */
              "  verdict \"WBK\" { total >= 1 }\n"       /* 18: verdict without a name */
              "  verdict X {\n"                          /* 19 */
              "    total >= 1 +\n"                       /* 20: continues ... */
              "    ;\n"                                  /* 21: ... into a ';' */
              "    total >= 2\n"                         /* 22 */
              "    ) >= 3\n"                             /* 23: stray ')' */
              "  }\n"                                    /* 24 */
              "  otherwise BELUM\n"                      /* 25 */
              "}\n");
    zt_expect(&c, "E010", 2, 9);
    zt_expect(&c, "E010", 3, 31);
    zt_expect(&c, "E010", 4, 27);
    zt_expect(&c, "E010", 10, 19); /* `x` is taken as the name; the text is missing */
    zt_expect(&c, "E010", 15, 3);
    zt_expect(&c, "E010", 17, 3);
    zt_expect(&c, "E010", 18, 11);
    zt_expect(&c, "E010", 21, 5);
    zt_expect(&c, "E010", 23, 5);
    zt_expect_count(&c, NULL, 9);
    ck_assert_str_eq(zt_find(&c, "E010", 4, 27)->message, "missing ':' before the answer type 'ya'");
    ck_assert_str_eq(zt_find(&c, "E010", 3, 31)->message, "unexpected '{', expected number");
    /* What parsed is kept: the lets, the good group, and the otherwise after the broken verdicts. */
    ck_assert_str_eq(c.criteria->lets->name.text, "b");
    ck_assert_str_eq(c.criteria->groups->group->name.text, "hasil");
    const struct zi_verdict *v = c.criteria->verdicts;
    while (v && v->next)
        v = v->next;
    ck_assert_ptr_nonnull(v);
    ck_assert(v->is_otherwise);
    ck_assert_str_eq(v->name.text, "BELUM");
    zi_compilation_free(&c);
}
END_TEST

/* The indentation shows which block lost its '}': reported at that block (E013), with the place the '}' goes,
 * and the grammar's "unexpected end of file" (a follow-on) is withdrawn. */
START_TEST(unclosed_block_is_found_by_indentation)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  group pengungkit weight 60 {\n"
              "    group pemenuhan weight 30 {\n"
              "      question \"1\" \"t\" : ya\n"
              "  }\n");
    zt_expect(&c, "E013", 3, 5);
    zt_expect(&c, "E013", 1, 1);
    zt_expect_count(&c, NULL, 2);
    const struct zi_diagnostic *d = zt_find(&c, "E013", 3, 5);
    ck_assert_str_eq(d->message,
                     "group 'pemenuhan' is never closed: its '}' is missing; add it before line 5, "
                     "where the indentation comes back to the level of this line");
    ck_assert_ptr_nonnull(d->fixits);
    ck_assert_str_eq(d->fixits->text, "    }\n");
    ck_assert_str_eq(zt_find(&c, "E013", 1, 1)->message,
                     "criteria 'k' is never closed: its '}' is missing; add it at the end of the file");
    zi_compilation_free(&c);
}
END_TEST

/* Where the indentation is no guide (a '}' at a level no block opened at), the grammar's error stands. */
START_TEST(unclosed_block_at_end_of_file_names_its_opener)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  group pengungkit weight 60 {\n"
              "    group pemenuhan weight 30 {\n"
              "      question \"1\" \"t\" : ya\n"
              " }\n");
    zt_expect_only(&c, "E010", 5, 3);
    const struct zi_diagnostic *d = c.diag.first;
    ck_assert_str_eq(d->message, "unexpected end of file, expected 'group', 'question', 'score' or '}'");
    ck_assert_ptr_nonnull(d->notes);
    ck_assert_str_eq(d->notes->message, "to match this 'group' block");
    unsigned line, col;
    zt_position(&c, d->notes->span.begin, &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 3);
    zi_compilation_free(&c);
}
END_TEST

/* The slips of the issue on the real criteria: deleting any one block-closing '}' of the bundled LKE is one
 * error, E013, at the line of the block it closed; writing one twice is one error at the copy. (Without the
 * check the grammar failed up to 360 lines below.) */
static char *read_lke(size_t *len)
{
    FILE *f = fopen(ZI_SOURCE_DIR "/criteria/lke-zi-2021.zi", "rb");
    ck_assert_ptr_nonnull(f);
    char *text = malloc(1 << 20);
    ck_assert_ptr_nonnull(text);
    *len = fread(text, 1, (1 << 20) - 1, f);
    text[*len] = '\0';
    fclose(f);
    return text;
}

START_TEST(every_brace_slip_in_the_lke_is_found_where_it_is)
{
    size_t len;
    char *text = read_lke(&len);
    char *edited = malloc(len + 64);
    ck_assert_ptr_nonnull(edited);
    unsigned openers[128], n_open = 0, line = 1, tried = 0;
    for (size_t begin = 0; begin < len; line++) {
        size_t end = begin;
        while (end < len && text[end] != '\n')
            end++;
        size_t first = begin, last = end;
        while (first < end && text[first] == ' ')
            first++;
        while (last > first && text[last - 1] == ' ')
            last--;
        if (last > first && text[last - 1] == '{') {
            ck_assert_uint_lt(n_open, 128);
            openers[n_open++] = line;
        } else if (last == first + 1 && text[first] == '}') {
            ck_assert_uint_gt(n_open, 0);
            unsigned opener = openers[--n_open];
            size_t next = end < len ? end + 1 : end;
            struct zi_compilation c;
            /* This line deleted: one error, at the block it closed. */
            memcpy(edited, text, begin);
            memcpy(edited + begin, text + next, len - next);
            zt_compile_n(&c, edited, len - (next - begin), false, 50);
            if (c.diag.n_errors != 1 || strcmp(c.diag.first->code, "E013") != 0)
                ck_abort_msg("'}' of line %u deleted:\n%s", line, zt_dump(&c));
            unsigned at, col;
            zt_position(&c, c.diag.first->span.begin, &at, &col);
            ck_assert_msg(at == opener, "'}' of line %u deleted: reported at line %u, not %u", line, at,
                          opener);
            zi_compilation_free(&c);
            /* This line written twice: one error, at the copy. */
            memcpy(edited, text, next);
            memcpy(edited + next, text + begin, next - begin);
            memcpy(edited + next + (next - begin), text + next, len - next);
            zt_compile_n(&c, edited, len + (next - begin), false, 50);
            if (c.diag.n_errors != 1 || strcmp(c.diag.first->code, "E013") != 0)
                ck_abort_msg("'}' of line %u written twice:\n%s", line, zt_dump(&c));
            zt_position(&c, c.diag.first->span.begin, &at, &col);
            ck_assert_msg(at == line + 1, "'}' of line %u written twice: reported at line %u", line, at);
            zi_compilation_free(&c);
            tried++;
        }
        begin = end < len ? end + 1 : end;
    }
    ck_assert_uint_gt(tried, 50);
    free(edited);
    free(text);
}
END_TEST

START_TEST(unclosed_parenthesis_is_pointed_at)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  let a = (1 + min(2, 3)\n"
              "  let b = 2\n"
              "}\n");
    zt_expect_only(&c, "E010", 3, 3);
    const struct zi_diagnostic *d = c.diag.first;
    ck_assert_ptr_nonnull(d->notes);
    ck_assert_str_eq(d->notes->message, "to match this '('");
    unsigned line, col;
    zt_position(&c, d->notes->span.begin, &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 11);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(file_must_be_one_criteria)
{
    struct zi_compilation c;
    parse(&c, "group g weight 1 { }\n");
    zt_expect_only(&c, "E010", 1, 1);
    ck_assert_str_eq(c.diag.first->message, "unexpected 'group', expected 'criteria'");
    zi_compilation_free(&c);

    parse(&c, "criteria a { }\ncriteria b { }\n");
    zt_expect_only(&c, "E010", 2, 1);
    ck_assert_str_eq(c.diag.first->message, "unexpected 'criteria', expected end of file");
    zi_compilation_free(&c);

    /* A keyword cannot be a name. */
    parse(&c, "criteria k {\n  let total2 = 1\n  let group = 2\n}\n");
    zt_expect_only(&c, "E010", 3, 7);
    ck_assert_str_eq(c.diag.first->message, "unexpected 'group', expected identifier");
    zi_compilation_free(&c);
}
END_TEST

/* ---- Facts, grades, categories and prerequisites (issue 13) ------------------------------------------- */

START_TEST(labels_and_in_lists)
{
    EXPECT_TREE("instansi.opini_bpk == \"WTP\"", "(== instansi.opini_bpk \"WTP\")");
    EXPECT_TREE("a.b in [\"rsud\", \"dukcapil\"] and not c", "(and (in a.b \"rsud\" \"dukcapil\") (not c))");
    EXPECT_TREE("x in [\"a\"] or y >= \"B\"", "(or (in x \"a\") (>= y \"B\"))");
}
END_TEST

START_TEST(grades_categories_facts_and_prerequisites)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"                                                 /* 1 */
              "  grade nilai \"Nilai\" { \"AA\" > \"A\" | \"a+\" > \"B\" }\n"  /* 2 */
              "  category opini { \"WTP\" | \"Wajar\", \"WDP\", }\n"           /* 3 */
              "  facts instansi \"Data\" {\n"                                  /* 4 */
              "    fact opini_bpk \"Opini\" : opini\n"                         /* 5 */
              "    fact spip : count in [1, 5]\n"                              /* 6 */
              "  }\n"                                                          /* 7 */
              "  prerequisites WBK \"Syarat\" {\n"                             /* 8 */
              "    instansi.opini_bpk == \"WTP\" \"Opini WTP\"\n"              /* 9 */
              "    instansi.spip >= 3; all area >= 60% \"Area\"\n"             /* 10 */
              "    relaxation instansi.opini_bpk in [\"WTP\",\n"               /* 11 */
              "                                      \"WDP\"] \"Relaksasi\"\n" /* 12 */
              "\n"                                                             /* 13 */
              "    relaxation instansi.spip > 1\n"                             /* 14 */
              "  }\n"                                                          /* 15 */
              "}\n");
    zt_expect_clean(&c);
    const struct zi_labels *grade = c.criteria->labels, *category = grade->next;
    ck_assert(grade->ordered && !category->ordered);
    ck_assert_uint_eq(grade->n_values, 3);
    ck_assert_uint_eq(grade->n_spellings, 4);
    ck_assert_str_eq(grade->values->next->spellings[1].text, "a+");
    ck_assert_uint_eq(category->n_values, 2);
    ck_assert_str_eq(category->values->spellings[1].text, "Wajar");
    const struct zi_facts *f = c.criteria->facts;
    ck_assert_str_eq(f->name.text, "instansi");
    ck_assert_str_eq(f->facts->type.text, "opini");
    ck_assert_ptr_eq(f->facts->facts, f);
    ck_assert(f->facts->next->has_range && f->facts->next->hi == 5);
    const struct zi_prerequisites *p = c.criteria->prerequisites;
    ck_assert_str_eq(p->verdict.text, "WBK");
    ck_assert_str_eq(p->title.text, "Syarat");
    const struct zi_condition *k = p->conditions;
    const char *names[] = {"Opini WTP", NULL, "Area", "Relaksasi", NULL};
    const bool relaxation[] = {false, false, false, true, true};
    for (int i = 0; i < 5; i++, k = k->next) {
        ck_assert_ptr_nonnull(k);
        if (names[i])
            ck_assert_str_eq(k->name.text, names[i]);
        else
            ck_assert_ptr_null(k->name.text);
        ck_assert(k->is_relaxation == relaxation[i]);
    }
    ck_assert_ptr_null(k);
    ck_assert(p->conditions->next->next->is_all);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(prerequisite_syntax_errors)
{
    struct zi_compilation c;
    parse(&c, "criteria k {\n"
              "  grade nilai { \"A\" , \"B\" }\n"
              "  facts f { fact x \"X\" }\n"
              "  prerequisites WBK { a == \"WTP\" \"name\" \"again\" }\n"
              "  verdict V { a in [1, 2] }\n"
              "}\n");
    zt_expect(&c, "E010", 2, 21);
    zt_expect(&c, "E010", 3, 23); /* after the fact's text */
    zt_expect(&c, "E010", 4, 41);
    zt_expect(&c, "E010", 5, 21);
    zt_expect_count(&c, NULL, 4);
    ck_assert_str_eq(zt_find(&c, "E010", 5, 21)->message, "unexpected number, expected string");
    ck_assert_str_eq(
        zt_find(&c, "E010", 3, 23)->message,
        "this fact has no type; write ': boolean', ': percent', ': count', ': number in [LOW, HIGH]' "
        "or ': GRADE' (a grade's or category's name) after it");
    ck_assert_ptr_null(zt_find(&c, "E010", 5, 21)->notes); /* not "two conditions on one line" */
    zi_compilation_free(&c);
}
END_TEST

static Suite *parser_suite(void)
{
    Suite *s = suite_create("parser");
    TCase *tree = tcase_create("tree");
    tcase_add_test(tree, header_and_scales);
    tcase_add_test(tree, groups_nest_with_parents);
    tcase_add_test(tree, questions_take_their_name_from_the_code);
    tcase_add_test(tree, score_blocks_have_inputs_and_require_rules);
    tcase_add_test(tree, views_lets_verdicts_and_otherwise);
    tcase_add_test(tree, spans_cover_their_construct);
    suite_add_tcase(s, tree);

    TCase *prec = tcase_create("precedence");
    tcase_add_test(prec, arithmetic_precedence_and_associativity);
    tcase_add_test(prec, boolean_precedence);
    tcase_add_test(prec, if_is_loosest);
    tcase_add_test(prec, calls_and_literals);
    tcase_add_test(prec, comparisons_do_not_chain);
    suite_add_tcase(s, prec);

    TCase *sep = tcase_create("separators");
    tcase_add_test(sep, one_condition_per_line);
    tcase_add_test(sep, a_line_ending_in_an_operator_continues);
    tcase_add_test(sep, newline_errors_in_verdicts);
    tcase_add_test(sep, newlines_mean_nothing_outside_verdicts);
    suite_add_tcase(s, sep);

    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, repeated_header_entries_and_item_options_are_E038);
    tcase_add_test(errors, recovery_reports_every_syntax_error);
    tcase_add_test(errors, unclosed_block_is_found_by_indentation);
    tcase_add_test(errors, unclosed_block_at_end_of_file_names_its_opener);
    tcase_add_test(errors, every_brace_slip_in_the_lke_is_found_where_it_is);
    tcase_add_test(errors, unclosed_parenthesis_is_pointed_at);
    tcase_add_test(errors, file_must_be_one_criteria);
    suite_add_tcase(s, errors);

    TCase *facts = tcase_create("facts");
    tcase_add_test(facts, labels_and_in_lists);
    tcase_add_test(facts, grades_categories_facts_and_prerequisites);
    tcase_add_test(facts, prerequisite_syntax_errors);
    suite_add_tcase(s, facts);
    return s;
}

int main(void)
{
    return zt_run(parser_suite());
}
