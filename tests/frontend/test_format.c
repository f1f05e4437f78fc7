/* test_format.c — the formatter's API as the language server calls it (zi_format_text, compiler/format.h),
 * and the scanner's log of tokens and comments it is built on (zi_parse_logged). The layout itself is tested
 * by the golden pairs of tests/frontend/fmt, and over every criteria of the repository by fmt_models. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "parse.h"
#include "parser.h"
#include "support.h"

/* Formats `text`; returns the status, with the result (malloc'd, or NULL) in *out. */
static int format(const char *text, char **out)
{
    size_t len = 12345;
    *out = NULL;
    int status = zi_format_text("test.zi", text, strlen(text), out, &len);
    if (status == 0) {
        ck_assert_ptr_nonnull(*out);
        ck_assert_uint_eq(len, strlen(*out));
    }
    return status;
}

START_TEST(formats_a_text_and_says_its_length)
{
    char *out;
    ck_assert_int_eq(format("criteria t \"T\" {   regulation   \"R\"\n}", &out), 0);
    ck_assert_str_eq(out, "criteria t \"T\" {\n  regulation \"R\"\n}\n");
    free(out);
}
END_TEST

START_TEST(a_text_that_does_not_parse_is_not_formatted)
{
    char *out;
    ck_assert_int_eq(format("criteria t \"T\" {\n  regulation\n}\n", &out), 1);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(format("criteria t \"T\" {\n  regulation \"R\" \xff\n}\n", &out), 1); /* E003 */
    ck_assert_ptr_null(out);
    ck_assert_int_eq(format("", &out), 1);
    ck_assert_ptr_null(out);
}
END_TEST

/* The language server formats an unsaved buffer: a variant is formatted without reading its base. */
START_TEST(a_variant_is_formatted_without_its_base)
{
    char *out;
    ck_assert_int_eq(format("criteria v \"V\" extends \"no/such/base.zi\" {\n"
                            "in verdict WBK { remove total >= 75 }\n}\n",
                            &out),
                     0);
    ck_assert_str_eq(out, "criteria v \"V\" extends \"no/such/base.zi\" {\n"
                          "  in verdict WBK { remove total >= 75 }\n}\n");
    free(out);
}
END_TEST

/* Errors found after parsing (here an unknown scale, E032) do not stop the formatter. */
START_TEST(errors_of_the_checks_do_not_stop_it)
{
    char *out;
    ck_assert_int_eq(
        format("criteria t \"T\" { group g \"G\" weight 1 { question \"A.a\" \"x\" : nope } }", &out), 0);
    ck_assert_str_eq(out, "criteria t \"T\" {\n"
                          "  group g \"G\" weight 1 {\n"
                          "    question \"A.a\" \"x\" : nope\n"
                          "  }\n"
                          "}\n");
    free(out);
}
END_TEST

/* The log has every token and comment in source order, with their spans; a line end the scanner took for the
 * end of a condition is there as a SEP token, and a normal parse logs nothing. */
START_TEST(the_scanner_logs_tokens_and_comments)
{
    const char *text = "criteria t { // c\n verdict V { total >= 1\n } /* b */ }";
    struct zi_compilation c;
    memset(&c, 0, sizeof c);
    zi_arena_init(&c.arena);
    ck_assert_int_eq(zi_source_from_memory(&c.source, "test.zi", text, strlen(text)), 0);
    zi_diag_init(&c.diag, &c.source, &c.arena);
    struct zi_lexeme_log log = {0};
    zi_parse_logged(&c.source, 0, &c.arena, &c.diag, &log);
    ck_assert(!zi_diag_has_errors(&c.diag));
    static const int kinds[] = {ZI_TOK_CRITERIA,
                                ZI_TOK_IDENT,
                                '{',
                                ZI_LEXEME_COMMENT,
                                ZI_TOK_VERDICT,
                                ZI_TOK_IDENT,
                                '{',
                                ZI_TOK_IDENT,
                                ZI_TOK_GE,
                                ZI_TOK_NUMBER,
                                ZI_TOK_SEP,
                                '}',
                                ZI_LEXEME_COMMENT,
                                '}'};
    ck_assert_uint_eq(log.n, sizeof kinds / sizeof kinds[0]);
    for (size_t k = 0; k < log.n; k++)
        ck_assert_int_eq(log.items[k].kind, kinds[k]);
    ck_assert_str_eq(zt_slice(&c, log.items[3].span.begin, log.items[3].span.end), "// c");
    ck_assert_str_eq(zt_slice(&c, log.items[12].span.begin, log.items[12].span.end), "/* b */");
    ck_assert_str_eq(zt_slice(&c, log.items[10].span.begin, log.items[10].span.end), "\n");
    free(log.items);
    zi_compilation_free(&c);
}
END_TEST

static Suite *format_suite(void)
{
    Suite *s = suite_create("format");
    TCase *api = tcase_create("api");
    tcase_add_test(api, formats_a_text_and_says_its_length);
    tcase_add_test(api, a_text_that_does_not_parse_is_not_formatted);
    tcase_add_test(api, a_variant_is_formatted_without_its_base);
    tcase_add_test(api, errors_of_the_checks_do_not_stop_it);
    tcase_add_test(api, the_scanner_logs_tokens_and_comments);
    suite_add_tcase(s, api);
    return s;
}

int main(void)
{
    return zt_run(format_suite());
}
