/* build_tests.c — the builders of a tests file's grammar rules (testfile.h) and its parse entry point. They
 * only record what was written; what a path or a label means is decided against the module (testcase.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parser.h"
#include "testfile.h"

int zi_test_keyword(const char *word, size_t len)
{
    static const struct {
        const char *word;
        int token;
    } words[] = {
        {"tests", ZI_TOK_TESTS},   {"case", ZI_TOK_CASE},
        {"like", ZI_TOK_LIKE},     {"best", ZI_TOK_BEST},
        {"worst", ZI_TOK_WORST},   {"row", ZI_TOK_ROW},
        {"of", ZI_TOK_OF},         {"fails", ZI_TOK_FAILS},
        {"passes", ZI_TOK_PASSES}, {"proposable", ZI_TOK_PROPOSABLE},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == len && memcmp(words[i].word, word, len) == 0) return words[i].token;
    return 0;
}

struct zi_test_line *zi_new_test_line(struct zi_parse_context *ctx, enum zi_test_line_kind kind,
                                      struct zi_span span)
{
    struct zi_test_line *line = zi_arena_alloc(ctx->arena, sizeof *line);
    line->kind = kind;
    line->span = span;
    return line;
}

struct zi_test_line *zi_build_test_text(struct zi_parse_context *ctx, enum zi_test_line_kind kind,
                                        struct zi_name verdict, struct zi_string text, struct zi_span span)
{
    struct zi_test_line *line = zi_new_test_line(ctx, kind, span);
    line->word = verdict;
    line->key = text;
    return line;
}

struct zi_test_line *zi_build_test_row(struct zi_parse_context *ctx, double row, struct zi_span row_span,
                                       struct zi_string file, struct zi_span span)
{
    struct zi_test_line *line = zi_new_test_line(ctx, ZI_TEST_ROW, span);
    if (row < 1 || row != floor(row) || row > 1e9)
        zi_diag_report(ctx->diag, ZI_SEV_ERROR, row_span, "E080", "a row is a whole number from 1, not %g",
                       row);
    line->number = row;
    line->number_span = row_span;
    line->key = file;
    return line;
}

struct zi_test_line *zi_build_test_key(struct zi_parse_context *ctx, struct zi_string key,
                                       struct zi_path path)
{
    struct zi_test_line *line = zi_new_test_line(ctx, ZI_TEST_SET, key.text ? key.span : path.span);
    line->key = key;
    line->path = path;
    return line;
}

struct zi_test_line *zi_build_test_value(struct zi_parse_context *ctx, struct zi_test_line *line,
                                         enum zi_test_value_kind kind, double number, struct zi_string text,
                                         struct zi_span value_span, struct zi_span span)
{
    (void)ctx;
    line->value_kind = kind;
    line->number = number;
    line->value = text;
    line->number_span = value_span;
    line->span = span;
    return line;
}

struct zi_test_line *zi_build_test_score(struct zi_parse_context *ctx, struct zi_string code,
                                         struct zi_path path, double expected, struct zi_span number_span,
                                         struct zi_span span)
{
    struct zi_test_line *line = zi_new_test_line(ctx, ZI_TEST_SCORE, span);
    line->key = code;
    line->path = path;
    line->number = expected;
    line->number_span = number_span;
    return line;
}

struct zi_test_line *zi_build_test_word(struct zi_parse_context *ctx, enum zi_test_line_kind kind,
                                        struct zi_name word, struct zi_span span)
{
    struct zi_test_line *line = zi_new_test_line(ctx, kind, span);
    line->word = word;
    return line;
}

struct zi_test_line_list zi_build_test_lines(struct zi_test_line_list list, struct zi_test_line *line)
{
    if (line) ZI_APPEND(list.first, list.last, line);
    return list;
}

void zi_set_tests_criteria(struct zi_parse_context *ctx, struct zi_string criteria)
{
    ctx->tests->criteria = criteria;
}

void zi_add_test_case(struct zi_parse_context *ctx, struct zi_string name, struct zi_string like,
                      struct zi_test_line_list lines, struct zi_span span)
{
    struct zi_test_case *c = zi_arena_alloc(ctx->arena, sizeof *c);
    c->name = name;
    c->like = like;
    c->span = span;
    c->lines = lines.first;
    c->last_line = lines.last;
    ZI_APPEND(ctx->tests->cases, ctx->tests->last_case, c);
    ctx->tests->n_cases++;
}

struct zi_test_file *zi_parse_tests(const struct zi_source *source, struct zi_arena *arena,
                                    struct zi_diag *diag)
{
    struct zi_parse_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.diag = diag;
    ctx.source = source;
    ctx.tests_mode = true;
    ctx.tests = zi_arena_alloc(arena, sizeof *ctx.tests);
    /* The builders of criteria declarations are unreachable from the tests rules, but keep a criteria to
     * write to all the same. */
    ctx.criteria = zi_arena_alloc(arena, sizeof *ctx.criteria);
    void *scanner;
    if (zi_lexer_create(&ctx, &scanner) != 0) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    ziyyparse(scanner, &ctx);
    ZIYYSTYPE value;
    ZIYYLTYPE where;
    while (!ctx.fatal && ziyylex(&value, &where, scanner) != 0)
        continue;
    uint32_t from = zi_braces_explain(&ctx);
    if (from != UINT32_MAX) zi_diag_retract(diag, "E010", from);
    zi_lexer_destroy(scanner);
    return ctx.tests;
}
