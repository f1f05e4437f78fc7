/* test_scanner.c — the lexical rules of docs/language.md §1, one test per rule: the token stream with its
 * byte spans (read straight from the scanner), and each lexical error code at its line and column. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parser.h"
#include "support.h"

/* ---- Reading the token stream -------------------------------------------------------------------------- */

enum { MAX_TOKENS = 256 };

struct token {
    int kind;
    uint32_t begin, end;
    double number;    /* ZI_TOK_NUMBER */
    const char *text; /* ZI_TOK_IDENT, ZI_TOK_STRING: the (unescaped) text, in the arena */
};

/* A compilation used only for its arena, source and diagnostics, so support.h's helpers apply. */
struct lexed {
    struct zi_compilation c;
    struct token tokens[MAX_TOKENS];
    unsigned n; /* tokens before the end of file */
};

static void lex_n(struct lexed *lx, const char *text, size_t len)
{
    memset(lx, 0, sizeof *lx);
    zi_arena_init(&lx->c.arena);
    ck_assert_int_eq(zi_source_from_memory(&lx->c.source, "test.zi", text, len), 0);
    zi_diag_init(&lx->c.diag, &lx->c.source, &lx->c.arena);
    struct zi_parse_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = &lx->c.arena;
    ctx.diag = &lx->c.diag;
    ctx.source = &lx->c.source;
    void *scanner;
    ck_assert_int_eq(zi_lexer_create(&ctx, &scanner), 0);
    for (;;) {
        ZIYYSTYPE value;
        ZIYYLTYPE where;
        memset(&value, 0, sizeof value);
        int kind = ziyylex(&value, &where, scanner);
        if (kind == 0) break;
        ck_assert_uint_lt(lx->n, MAX_TOKENS);
        struct token *t = &lx->tokens[lx->n++];
        t->kind = kind;
        t->begin = where.begin;
        t->end = where.end;
        if (kind == ZI_TOK_NUMBER)
            t->number = value.number;
        else if (kind == ZI_TOK_IDENT)
            t->text = value.name.text;
        else if (kind == ZI_TOK_STRING)
            t->text = value.string.text;
    }
    zi_lexer_destroy(scanner);
}

static void lex(struct lexed *lx, const char *text)
{
    lex_n(lx, text, strlen(text));
}

static void lexed_free(struct lexed *lx)
{
    zi_compilation_free(&lx->c);
}

/* Asserts the kinds of the whole stream. */
static void expect_kinds(const struct lexed *lx, const int *kinds, unsigned n)
{
    ck_assert_uint_eq(lx->n, n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_msg(lx->tokens[i].kind == kinds[i], "token %u is %d, expected %d", i, lx->tokens[i].kind,
                      kinds[i]);
}

#define EXPECT_KINDS(lx, ...)                                                                                \
    do {                                                                                                     \
        static const int kinds_[] = {__VA_ARGS__};                                                           \
        expect_kinds((lx), kinds_, sizeof kinds_ / sizeof kinds_[0]);                                        \
    } while (0)

static void expect_span(const struct lexed *lx, unsigned i, uint32_t begin, uint32_t end)
{
    ck_assert_msg(lx->tokens[i].begin == begin && lx->tokens[i].end == end,
                  "token %u spans %u-%u, expected %u-%u", i, lx->tokens[i].begin, lx->tokens[i].end, begin,
                  end);
}

/* ---- Tokens -------------------------------------------------------------------------------------------- */

START_TEST(tokens_have_byte_spans)
{
    struct lexed lx;
    /*   0         1         2
     *   0123456789012345678901234 */
    lex(&lx, "criteria lke \"LKE\" {\n}");
    EXPECT_KINDS(&lx, ZI_TOK_CRITERIA, ZI_TOK_IDENT, ZI_TOK_STRING, '{', '}');
    expect_span(&lx, 0, 0, 8);
    expect_span(&lx, 1, 9, 12);
    ck_assert_str_eq(lx.tokens[1].text, "lke");
    expect_span(&lx, 2, 13, 18); /* a string's span includes its quotes */
    ck_assert_str_eq(lx.tokens[2].text, "LKE");
    expect_span(&lx, 3, 19, 20);
    expect_span(&lx, 4, 21, 22);
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(every_keyword_is_reserved)
{
    struct lexed lx;
    lex(&lx,
        "criteria regulation missing scale group relative question score input let view verdict otherwise "
        "weight in all if then else and or not true false zero exclude error require");
    EXPECT_KINDS(&lx, ZI_TOK_CRITERIA, ZI_TOK_REGULATION, ZI_TOK_MISSING, ZI_TOK_SCALE, ZI_TOK_GROUP,
                 ZI_TOK_RELATIVE, ZI_TOK_QUESTION, ZI_TOK_SCORE, ZI_TOK_INPUT, ZI_TOK_LET, ZI_TOK_VIEW,
                 ZI_TOK_VERDICT, ZI_TOK_OTHERWISE, ZI_TOK_WEIGHT, ZI_TOK_IN, ZI_TOK_ALL, ZI_TOK_IF,
                 ZI_TOK_THEN, ZI_TOK_ELSE, ZI_TOK_AND, ZI_TOK_OR, ZI_TOK_NOT, ZI_TOK_TRUE, ZI_TOK_FALSE,
                 ZI_TOK_ZERO, ZI_TOK_EXCLUDE, ZI_TOK_ERROR_KW, ZI_TOK_REQUIRE);
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(identifiers_are_ascii_and_case_sensitive)
{
    struct lexed lx;
    /* Type names, built-ins, `total` and `answer` are ordinary identifiers; keywords are case-sensitive. */
    lex(&lx, "_a1 B_2 number percent count total answer ratio Group criteria2 groupx");
    ck_assert_uint_eq(lx.n, 11);
    static const char *const names[] = {"_a1",    "B_2",   "number", "percent",   "count", "total",
                                        "answer", "ratio", "Group",  "criteria2", "groupx"};
    for (unsigned i = 0; i < lx.n; i++) {
        ck_assert_int_eq(lx.tokens[i].kind, ZI_TOK_IDENT);
        ck_assert_str_eq(lx.tokens[i].text, names[i]);
    }
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(punctuation_and_comparisons)
{
    struct lexed lx;
    lex(&lx, "{ } ( ) [ ] , : = . + - * / % >= > <= < == != ;");
    EXPECT_KINDS(&lx, '{', '}', '(', ')', '[', ']', ',', ':', '=', '.', '+', '-', '*', '/', '%', ZI_TOK_GE,
                 ZI_TOK_GT, ZI_TOK_LE, ZI_TOK_LT, ZI_TOK_EQ, ZI_TOK_NE, ZI_TOK_SEP);
    /* Two-character operators are one token, with no space needed around them. */
    lexed_free(&lx);
    lex(&lx, "a>=b<=c==d!=e");
    EXPECT_KINDS(&lx, ZI_TOK_IDENT, ZI_TOK_GE, ZI_TOK_IDENT, ZI_TOK_LE, ZI_TOK_IDENT, ZI_TOK_EQ, ZI_TOK_IDENT,
                 ZI_TOK_NE, ZI_TOK_IDENT);
    expect_span(&lx, 1, 1, 3);
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(numbers_have_a_decimal_point)
{
    struct lexed lx;
    lex(&lx, "12 0.5 17.5 007 3.60");
    EXPECT_KINDS(&lx, ZI_TOK_NUMBER, ZI_TOK_NUMBER, ZI_TOK_NUMBER, ZI_TOK_NUMBER, ZI_TOK_NUMBER);
    ck_assert_double_eq(lx.tokens[0].number, 12);
    ck_assert_double_eq(lx.tokens[1].number, 0.5);
    ck_assert_double_eq(lx.tokens[2].number, 17.5);
    ck_assert_double_eq(lx.tokens[3].number, 7);
    ck_assert_double_eq(lx.tokens[4].number, 3.60);
    lexed_free(&lx);
    /* A decimal comma is not part of a number: `0,5` is 0, a comma and 5, and an error (E014) at the comma,
     * with the fix: which was meant, 0.5 or two numbers, cannot be known. `0, 5` is two numbers. */
    lex(&lx, "0,5 1. 0, 5");
    EXPECT_KINDS(&lx, ZI_TOK_NUMBER, ',', ZI_TOK_NUMBER, ZI_TOK_NUMBER, '.', ZI_TOK_NUMBER, ',',
                 ZI_TOK_NUMBER);
    zt_expect_only(&lx.c, "E014", 1, 2);
    ck_assert_str_eq(lx.c.diag.first->message,
                     "decimal comma in '0,5'; write 0.5 (numbers take a decimal point; two "
                     "numbers take a space after the comma: '0, 5')");
    ck_assert_str_eq(lx.c.diag.first->fixits->text, ".");
    lexed_free(&lx);
}
END_TEST

START_TEST(number_with_more_than_15_significant_digits_is_E012)
{
    struct lexed lx;
    /* 15 significant digits are fine; leading zeros and trailing fraction zeros do not count. */
    lex(&lx, "123456789012345 0.000000000000001 123456789012345.000 0001234567890.12345");
    zt_expect_clean(&lx.c);
    ck_assert_double_eq(lx.tokens[0].number, 123456789012345.0);
    lexed_free(&lx);
    /* 16 digits, in the integer part, across the point, or in the fraction. */
    lex(&lx, "x = 1234567890123456\n"
             "y = 1234567890.123456\n"
             "z = 0.1234567890123456\n");
    zt_expect(&lx.c, "E012", 1, 5);
    zt_expect(&lx.c, "E012", 2, 5);
    zt_expect(&lx.c, "E012", 3, 5);
    zt_expect_count(&lx.c, NULL, 3);
    /* The number is still a token (value 0), so parsing goes on. */
    ck_assert_int_eq(lx.tokens[2].kind, ZI_TOK_NUMBER);
    ck_assert_double_eq(lx.tokens[2].number, 0);
    expect_span(&lx, 2, 4, 20);
    lexed_free(&lx);
}
END_TEST

START_TEST(percent_literal_means_the_fraction)
{
    /* `90%` and `90 %` both mean 0.9, in expressions, scale values and ranges. */
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n"
                   "  regulation \"r\"\n"
                   "  scale s { \"Ya\" = 100%, \"Sebagian\" = 67 %, \"Tidak\" = 0 }\n"
                   "  group g weight 10 {\n"
                   "    question \"1\" a \"t\" : s\n"
                   "    question \"2\" b \"t\" : percent in [10%, 90 %]\n"
                   "  }\n"
                   "  let p = 90%\n"
                   "  let q = 90 %\n"
                   "  verdict V { g >= p\n g >= q }\n"
                   "  otherwise B\n"
                   "}\n");
    zt_expect_clean(&c);
    const struct zi_criteria *k = c.criteria;
    const struct zi_scale_entry *e = k->scales->entries;
    ck_assert_double_eq_tol(e->value, 1.0, 1e-15);
    ck_assert_double_eq_tol(e->next->value, 0.67, 1e-15);
    const struct zi_input *in = k->groups->group->members->next->item->inputs;
    ck_assert_int_eq(in->kind, ZI_INPUT_PERCENT);
    ck_assert_double_eq_tol(in->lo, 0.1, 1e-15);
    ck_assert_double_eq_tol(in->hi, 0.9, 1e-15);
    for (const struct zi_let *l = k->lets; l; l = l->next) {
        ck_assert_int_eq(l->expr->kind, ZI_EXPR_NUMBER);
        ck_assert(l->expr->is_percent);
        ck_assert_double_eq_tol(l->expr->number, 0.9, 1e-15);
        ck_assert_int_eq(l->expr->type, ZI_TYPE_PERCENT);
    }
    zi_compilation_free(&c);
}
END_TEST

START_TEST(strings_unescape_and_keep_utf8)
{
    struct lexed lx;
    lex(&lx, "\"a\\\"b\\\\c\\nd\\te\" \"Pemantauan dan Evaluasi — «Ñ» 日本 ✓\" \"\"");
    EXPECT_KINDS(&lx, ZI_TOK_STRING, ZI_TOK_STRING, ZI_TOK_STRING);
    ck_assert_str_eq(lx.tokens[0].text, "a\"b\\c\nd\te");
    ck_assert_str_eq(lx.tokens[1].text, "Pemantauan dan Evaluasi — «Ñ» 日本 ✓");
    ck_assert_str_eq(lx.tokens[2].text, "");
    expect_span(&lx, 0, 0, 15);
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(indonesian_text_reaches_the_ast_intact)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria lke \"Lembar Kerja Evaluasi — Zona Integritas\" {\n"
                   "  regulation \"PermenPANRB 90/2021 “Pembangunan ZI”\"\n"
                   "  scale ya \"Ya/Tidak\" { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                   "  group g \"Penguatan Akuntabilitas Kinerja\" weight 5 {\n"
                   "    question \"A.I.1.i.a\" \"Unit kerja telah membentuk tim — “WBK/WBBM”\" : ya\n"
                   "  }\n"
                   "  verdict WBK \"Wilayah Bebas dari Korupsi\" { g >= 4 }\n"
                   "  otherwise BELUM \"Belum memenuhi syarat\"\n"
                   "}\n");
    zt_expect_clean(&c);
    ck_assert_str_eq(c.criteria->title.text, "Lembar Kerja Evaluasi — Zona Integritas");
    ck_assert_str_eq(c.criteria->regulation.text, "PermenPANRB 90/2021 “Pembangunan ZI”");
    ck_assert_str_eq(c.criteria->groups->group->title.text, "Penguatan Akuntabilitas Kinerja");
    ck_assert_str_eq(c.criteria->groups->group->members->item->text.text,
                     "Unit kerja telah membentuk tim — “WBK/WBBM”");
    ck_assert_str_eq(c.criteria->verdicts->next->title.text, "Belum memenuhi syarat");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(columns_count_code_points)
{
    struct lexed lx;
    /* "é—" is 5 bytes but 2 columns: '@' is byte 8 of its line but column 6. */
    lex(&lx, "\"é—\" @ \n\"Penilaian — ”\"\t#");
    zt_expect(&lx.c, "E001", 1, 6);
    zt_expect(&lx.c, "E014", 2, 17); /* a tab is one column ('#' is a comment written the wrong way) */
    zt_expect_count(&lx.c, NULL, 2);
    lexed_free(&lx);
}
END_TEST

START_TEST(byte_order_mark_is_skipped)
{
    struct lexed lx;
    lex(&lx, "\xEF\xBB\xBF"
             "criteria k @");
    EXPECT_KINDS(&lx, ZI_TOK_CRITERIA, ZI_TOK_IDENT);
    expect_span(&lx, 0, 3, 11);
    /* The mark takes no column: '@' is the 12th character an editor shows. */
    zt_expect_only(&lx.c, "E001", 1, 12);
    lexed_free(&lx);
    /* Anywhere else it is a stray character. */
    lex(&lx, "criteria \xEF\xBB\xBF"
             "k");
    EXPECT_KINDS(&lx, ZI_TOK_CRITERIA, ZI_TOK_IDENT);
    zt_expect_only(&lx.c, "E001", 1, 10);
    lexed_free(&lx);

    struct zi_compilation c;
    ck_assert(zt_compile(&c, "\xEF\xBB\xBF"
                             "criteria k {\n  regulation \"r\"\n  otherwise B\n}\n"));
    zt_expect_clean(&c);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(crlf_line_ends)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, "criteria k {\r\n"
                             "  regulation \"r\"\r\n"
                             "  group g weight 1 {\r\n"
                             "    question \"1\" a \"t\" : percent\r\n"
                             "  }\r\n"
                             "  verdict V {\r\n"
                             "    g >= 0.5\r\n"
                             "    g.a.answer >= 50%\r\n"
                             "  }\r\n"
                             "  otherwise B\r\n"
                             "}\r\n"));
    zt_expect_clean(&c);
    /* A CR LF ends a verdict condition as LF does: two conditions. */
    const struct zi_condition *cond = c.criteria->verdicts->conditions;
    ck_assert_ptr_nonnull(cond);
    ck_assert_ptr_nonnull(cond->next);
    ck_assert_ptr_null(cond->next->next);
    zi_compilation_free(&c);

    /* Positions after CR LF lines are right, and the CR is not part of the echoed line. */
    zt_compile(&c, "criteria k {\r\n  regulation \"r\"\r\n  @\r\n}\r\n");
    zt_expect_only(&c, "E001", 3, 3);
    size_t len;
    zi_source_line(&c.source, 3, &len);
    ck_assert_uint_eq(len, 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(comments_are_skipped)
{
    struct lexed lx;
    lex(&lx, "a // komentar: “Ya” — é\n"
             "/* blok\n"
             "   * bintang ** / */ b /**/ c /* */ // akhir");
    EXPECT_KINDS(&lx, ZI_TOK_IDENT, ZI_TOK_IDENT, ZI_TOK_IDENT);
    expect_span(&lx, 1, 60, 61);
    ck_assert_str_eq(lx.tokens[1].text, "b");
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
    /* `/` alone is division; `/ /` is two of them. */
    lex(&lx, "a / b / / c");
    EXPECT_KINDS(&lx, ZI_TOK_IDENT, '/', ZI_TOK_IDENT, '/', '/', ZI_TOK_IDENT);
    lexed_free(&lx);
}
END_TEST

/* ---- Lexical errors ------------------------------------------------------------------------------------ */

START_TEST(stray_characters_are_E001_and_scanning_goes_on)
{
    struct lexed lx;
    lex(&lx, "a @ b ^ c $ d ? e ! f & g ' h ~ i ` j \\ k\n"
             "\x01 l é m ‘n’");
    /* Every identifier still arrives. */
    unsigned idents = 0;
    for (unsigned i = 0; i < lx.n; i++)
        idents += lx.tokens[i].kind == ZI_TOK_IDENT;
    ck_assert_uint_eq(idents, 14);
    static const unsigned cols[] = {3, 7, 11, 15, 19, 23, 27, 31, 35, 39};
    for (unsigned i = 0; i < sizeof cols / sizeof cols[0]; i++)
        zt_expect(&lx.c, "E001", 1, cols[i]);
    zt_expect(&lx.c, "E001", 2, 1); /* a control byte */
    zt_expect(&lx.c, "E001", 2, 5); /* a letter outside a string: Indonesian text belongs in strings */
    zt_expect(&lx.c, "E001", 2, 9);
    zt_expect(&lx.c, "E001", 2, 11);
    zt_expect_count(&lx.c, NULL, 14);
    ck_assert_str_eq(zt_find(&lx.c, "E001", 1, 3)->message, "stray '@' in criteria");
    ck_assert_str_eq(zt_find(&lx.c, "E001", 2, 1)->message, "stray byte 0x01 in criteria");
    ck_assert_str_eq(zt_find(&lx.c, "E001", 2, 5)->message, "stray 'é' (U+00E9) in criteria");
    ck_assert_str_eq(zt_find(&lx.c, "E001", 2, 9)->message,
                     "stray '‘' (U+2018 LEFT SINGLE QUOTATION MARK) in criteria");
    lexed_free(&lx);
}
END_TEST

START_TEST(curly_quotes_are_E001_with_a_fix_and_the_string_is_read)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n"
                   "  regulation “PermenPANRB 90/2021”\n"
                   "  otherwise B\n"
                   "}\n");
    zt_expect(&c, "E001", 2, 14);
    zt_expect(&c, "E001", 2, 34);
    zt_expect_count(&c, NULL, 2); /* no syntax error: the string was read */
    const struct zi_diagnostic *d = zt_find(&c, "E001", 2, 14);
    ck_assert_str_eq(d->message, "stray '“' (U+201C LEFT DOUBLE QUOTATION MARK) in criteria; write '\"'");
    ck_assert_ptr_nonnull(d->fixits);
    ck_assert_str_eq(d->fixits->text, "\"");
    ck_assert_str_eq(c.criteria->regulation.text, "PermenPANRB 90/2021");
    zi_compilation_free(&c);

    /* A curly quote inside a straight-quoted string is text. */
    struct lexed lx;
    lex(&lx, "\"Tim “WBK”\"");
    EXPECT_KINDS(&lx, ZI_TOK_STRING);
    ck_assert_str_eq(lx.tokens[0].text, "Tim “WBK”");
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(unterminated_string_is_E002_at_its_quote)
{
    struct lexed lx;
    lex(&lx, "a \"Unit kerja telah\n"
             "b \"tim\\\n"
             "c \"akhir");
    /* The string still arrives (up to the line end), and the next line scans normally. */
    EXPECT_KINDS(&lx, ZI_TOK_IDENT, ZI_TOK_STRING, ZI_TOK_IDENT, ZI_TOK_STRING, ZI_TOK_IDENT, ZI_TOK_STRING);
    ck_assert_str_eq(lx.tokens[1].text, "Unit kerja telah");
    expect_span(&lx, 1, 2, 19);
    zt_expect(&lx.c, "E002", 1, 3);
    zt_expect(&lx.c, "E002", 2, 3); /* a backslash before the line end does not continue the string */
    zt_expect(&lx.c, "E002", 3, 3); /* open at the end of the file */
    zt_expect_count(&lx.c, NULL, 3);
    lexed_free(&lx);

    /* One missing quote is one error, not a cascade. */
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n"
                   "  regulation \"PermenPANRB\n"
                   "  otherwise B\n"
                   "}\n");
    zt_expect_only(&c, "E002", 2, 14);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(invalid_utf8_is_E003_everywhere)
{
    struct lexed lx;
    lex(&lx, "a \xFF b\n"             /* in code */
             "\"Ya \xC3\x28\"\n"      /* in a string: a lead byte without its continuation */
             "// catatan \xE2\x82\n"  /* in a line comment: a truncated sequence */
             "/* \xC0\xAF */\n"       /* in a block comment: an overlong encoding */
             "\"\xED\xA0\x80\"\n"     /* a UTF-16 surrogate */
             "\"\xF4\x90\x80\x80\"\n" /* above U+10FFFF */
             "c");
    zt_expect(&lx.c, "E003", 1, 3);
    zt_expect(&lx.c, "E003", 2, 5);
    zt_expect(&lx.c, "E003", 3, 12);
    zt_expect(&lx.c, "E003", 4, 4);
    zt_expect(&lx.c, "E003", 5, 2);
    zt_expect(&lx.c, "E003", 6, 2);
    /* Only E003s, and the identifiers around them all arrive. */
    ck_assert_uint_eq(zt_count(&lx.c, "E003"), zt_count(&lx.c, NULL));
    ck_assert_int_eq(lx.tokens[0].kind, ZI_TOK_IDENT);
    ck_assert_int_eq(lx.tokens[1].kind, ZI_TOK_IDENT);
    ck_assert_int_eq(lx.tokens[lx.n - 1].kind, ZI_TOK_IDENT);
    ck_assert_str_eq(lx.tokens[lx.n - 1].text, "c");
    ck_assert_str_eq(zt_find(&lx.c, "E003", 2, 5)->message, "invalid UTF-8 byte in string");
    ck_assert_str_eq(zt_find(&lx.c, "E003", 3, 12)->message, "invalid UTF-8 byte in comment");
    lexed_free(&lx);
}
END_TEST

START_TEST(unterminated_comment_is_E004_at_its_start)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n"
                   "  regulation \"r\"\n"
                   "  /* komentar tanpa akhir\n"
                   "  otherwise B\n"
                   "}\n");
    zt_expect(&c, "E004", 3, 3);
    const struct zi_diagnostic *d = zt_find(&c, "E004", 3, 3);
    ck_assert_uint_eq(d->span.end - d->span.begin, 2);
    /* The file then ends inside the criteria block: that is reported too, and nothing else. */
    zt_expect_count(&c, "E004", 1);
    zt_expect_count(&c, NULL, 2);
    zt_expect_count(&c, "E010", 1);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(unknown_escape_is_E005_at_the_backslash)
{
    struct lexed lx;
    lex(&lx, "\"C:\\data\" \"\\x41\" \"\\é\" \"ok\\\\\"");
    EXPECT_KINDS(&lx, ZI_TOK_STRING, ZI_TOK_STRING, ZI_TOK_STRING, ZI_TOK_STRING);
    zt_expect(&lx.c, "E005", 1, 4);
    zt_expect(&lx.c, "E005", 1, 12);
    zt_expect(&lx.c, "E005", 1, 19);
    zt_expect_count(&lx.c, NULL, 3);
    ck_assert_str_eq(lx.tokens[0].text, "C:ata"); /* the bad escape is dropped, the rest kept */
    ck_assert_str_eq(lx.tokens[3].text, "ok\\");
    /* The escape's span covers the whole character after the backslash. */
    const struct zi_diagnostic *d = zt_find(&lx.c, "E005", 1, 19);
    ck_assert_uint_eq(d->span.end - d->span.begin, 3);
    lexed_free(&lx);
}
END_TEST

START_TEST(nul_byte_is_E006_everywhere)
{
    static const char text[] = "a \0 b\n"
                               "\"Ya\0Tidak\"\n"
                               "// \0\n"
                               "/* \0 */ c";
    struct lexed lx;
    lex_n(&lx, text, sizeof text - 1);
    zt_expect(&lx.c, "E006", 1, 3);
    zt_expect(&lx.c, "E006", 2, 4);
    zt_expect(&lx.c, "E006", 3, 4);
    zt_expect(&lx.c, "E006", 4, 4);
    zt_expect_count(&lx.c, NULL, 4);
    EXPECT_KINDS(&lx, ZI_TOK_IDENT, ZI_TOK_IDENT, ZI_TOK_STRING, ZI_TOK_IDENT);
    ck_assert_str_eq(lx.tokens[2].text, "YaTidak");
    ck_assert_str_eq(lx.tokens[3].text, "c");
    lexed_free(&lx);
}
END_TEST

/* ---- The newline rule (SEP) ---------------------------------------------------------------------------- */

START_TEST(line_end_is_a_separator_only_inside_a_verdict_after_an_operand)
{
    struct lexed lx;
    lex(&lx, "let x = 1\n"
             "verdict V {\n"
             "  total >= 75\n"     /* ends with a number: SEP */
             "  a.b and\n"         /* ends with an operator: continues */
             "  c >= 60 %\n"       /* ends with %: SEP */
             "  (d\n"              /* inside parentheses: nothing */
             "  ) >= 1 ; e > f\n"  /* ';' is SEP; then ')' ends the line: SEP */
             "  ok == true // c\n" /* a line comment does not hide the line end */
             "  g /* a\n b */ h\n" /* nor does a block comment that spans one */
             "}\n"
             "let y = 2\n");
    EXPECT_KINDS(&lx, ZI_TOK_LET, ZI_TOK_IDENT, '=', ZI_TOK_NUMBER,            /* no SEP */
                 ZI_TOK_VERDICT, ZI_TOK_IDENT, '{',                            /* none after '{' */
                 ZI_TOK_IDENT, ZI_TOK_GE, ZI_TOK_NUMBER, ZI_TOK_SEP,           /* total >= 75 */
                 ZI_TOK_IDENT, '.', ZI_TOK_IDENT, ZI_TOK_AND,                  /* a.b and */
                 ZI_TOK_IDENT, ZI_TOK_GE, ZI_TOK_NUMBER, '%', ZI_TOK_SEP,      /* c >= 60 % */
                 '(', ZI_TOK_IDENT, ')', ZI_TOK_GE, ZI_TOK_NUMBER, ZI_TOK_SEP, /* (d) >= 1 ; */
                 ZI_TOK_IDENT, ZI_TOK_GT, ZI_TOK_IDENT, ZI_TOK_SEP,            /* e > f */
                 ZI_TOK_IDENT, ZI_TOK_EQ, ZI_TOK_TRUE, ZI_TOK_SEP,             /* ok == true */
                 ZI_TOK_IDENT, ZI_TOK_SEP, ZI_TOK_IDENT, ZI_TOK_SEP,           /* g h */
                 '}', ZI_TOK_LET, ZI_TOK_IDENT, '=', ZI_TOK_NUMBER);           /* none after */
    zt_expect_clean(&lx.c);
    lexed_free(&lx);
}
END_TEST

START_TEST(line_end_in_nested_blocks_of_a_verdict_file)
{
    struct lexed lx;
    /* Line ends inside groups, scales and score blocks are never separators. */
    lex(&lx, "group g weight 1 {\n"
             "  question \"1\" \"t\" : number = answer\n"
             "  score \"2\" \"t\" {\n"
             "    input n : count\n"
             "    = n\n"
             "  }\n"
             "}\n");
    for (unsigned i = 0; i < lx.n; i++)
        ck_assert_int_ne(lx.tokens[i].kind, ZI_TOK_SEP);
    lexed_free(&lx);
}
END_TEST

static Suite *scanner_suite(void)
{
    Suite *s = suite_create("scanner");
    TCase *tokens = tcase_create("tokens");
    tcase_add_test(tokens, tokens_have_byte_spans);
    tcase_add_test(tokens, every_keyword_is_reserved);
    tcase_add_test(tokens, identifiers_are_ascii_and_case_sensitive);
    tcase_add_test(tokens, punctuation_and_comparisons);
    tcase_add_test(tokens, numbers_have_a_decimal_point);
    tcase_add_test(tokens, number_with_more_than_15_significant_digits_is_E012);
    tcase_add_test(tokens, percent_literal_means_the_fraction);
    tcase_add_test(tokens, strings_unescape_and_keep_utf8);
    tcase_add_test(tokens, indonesian_text_reaches_the_ast_intact);
    tcase_add_test(tokens, columns_count_code_points);
    tcase_add_test(tokens, byte_order_mark_is_skipped);
    tcase_add_test(tokens, crlf_line_ends);
    tcase_add_test(tokens, comments_are_skipped);
    suite_add_tcase(s, tokens);

    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, stray_characters_are_E001_and_scanning_goes_on);
    tcase_add_test(errors, curly_quotes_are_E001_with_a_fix_and_the_string_is_read);
    tcase_add_test(errors, unterminated_string_is_E002_at_its_quote);
    tcase_add_test(errors, invalid_utf8_is_E003_everywhere);
    tcase_add_test(errors, unterminated_comment_is_E004_at_its_start);
    tcase_add_test(errors, unknown_escape_is_E005_at_the_backslash);
    tcase_add_test(errors, nul_byte_is_E006_everywhere);
    suite_add_tcase(s, errors);

    TCase *sep = tcase_create("separators");
    tcase_add_test(sep, line_end_is_a_separator_only_inside_a_verdict_after_an_operand);
    tcase_add_test(sep, line_end_in_nested_blocks_of_a_verdict_file);
    suite_add_tcase(s, sep);
    return s;
}

int main(void)
{
    return zt_run(scanner_suite());
}
