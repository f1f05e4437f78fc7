/* test_diag.c — the diagnostics engine (compiler/diag.c, compiler/source.c): the error limit and what is
 * dropped past it, -Werror, and the printed form — location, source line, caret under the right code point,
 * notes and hints, sorting, windowing of very long lines, the summary line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* A memory stream whose buffer pointer lives on the heap: with a local one, gcc 12 at -O3 believes the
 * returned text may point into the caller's frame (-Wdangling-pointer). */
struct memout {
    char *text;
    size_t len;
};

static FILE *memout_open(struct memout **m)
{
    *m = calloc(1, sizeof **m);
    ck_assert_ptr_nonnull(*m);
    FILE *out = open_memstream(&(*m)->text, &(*m)->len);
    ck_assert_ptr_nonnull(out);
    return out;
}

static char *memout_close(FILE *out, struct memout *m)
{
    fclose(out);
    char *text = m->text;
    free(m);
    return text;
}

/* What zi_diag_print writes for `c` (malloc'd). */
static char *printed(struct zi_compilation *c, bool colour)
{
    struct memout *m;
    FILE *out = memout_open(&m);
    zi_diag_print(&c->diag, out, colour);
    return memout_close(out, m);
}

static char *summary(unsigned errors, unsigned warnings)
{
    struct memout *m;
    FILE *out = memout_open(&m);
    zi_diag_print_summary(out, errors, warnings);
    return memout_close(out, m);
}

#define EXPECT_PRINTED(c, expected)                                                                          \
    do {                                                                                                     \
        char *out_ = printed((c), false);                                                                    \
        ck_assert_msg(strcmp(out_, (expected)) == 0, "printed:\n%s\nexpected:\n%s", out_, (expected));       \
        free(out_);                                                                                          \
    } while (0)

/* ---- The error limit ----------------------------------------------------------------------------------- */

/* A criteria block holding `n` stray '@'s, one per line (lines 2 … n+1). */
static char *strays(unsigned n)
{
    size_t cap = 64 + (size_t)n * 4;
    char *text = malloc(cap);
    size_t len = (size_t)snprintf(text, cap, "criteria k {\n");
    for (unsigned i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "  @\n");
    snprintf(text + len, cap - len, "  otherwise B\n}\n");
    return text;
}

START_TEST(errors_past_the_limit_are_counted_not_kept)
{
    char *text = strays(60);
    struct zi_compilation c;
    zt_compile_n(&c, text, strlen(text), false, ZI_DIAG_ERROR_LIMIT);
    ck_assert_uint_eq(c.diag.n_errors, 50);
    ck_assert_uint_eq(c.diag.n_dropped, 10);
    zt_expect_count(&c, "E001", 50);
    zt_expect(&c, "E001", 51, 3); /* the first 50 are kept, in order */
    ck_assert_ptr_null(zt_find(&c, "E001", 52, 3));
    char *out = printed(&c, false);
    const char *note =
        "test.zi: note: too many errors (10 more not shown); fix these first or raise -ferror-limit\n";
    size_t len = strlen(out);
    ck_assert_uint_ge(len, strlen(note));
    ck_assert_str_eq(out + len - strlen(note), note);
    free(out);
    zi_compilation_free(&c);

    /* -ferror-limit=5 */
    zt_compile_n(&c, text, strlen(text), false, 5);
    ck_assert_uint_eq(c.diag.n_errors, 5);
    ck_assert_uint_eq(c.diag.n_dropped, 55);
    zi_compilation_free(&c);

    /* -ferror-limit=0: no limit */
    zt_compile_n(&c, text, strlen(text), false, 0);
    ck_assert_uint_eq(c.diag.n_errors, 60);
    ck_assert_uint_eq(c.diag.n_dropped, 0);
    zt_expect_count(&c, "E001", 60);
    zi_compilation_free(&c);
    free(text);
}
END_TEST

START_TEST(warnings_are_not_limited)
{
    static const char text[] = "criteria k {\n"
                               "  regulation \"r\"\n"
                               "  let a = x1\n"
                               "  let b = x2\n"
                               "  let c = x3\n"
                               "  otherwise B\n"
                               "}\n";
    struct zi_compilation c;
    zt_compile_n(&c, text, sizeof text - 1, false, 1);
    ck_assert_uint_eq(c.diag.n_errors, 1);
    ck_assert_uint_eq(c.diag.n_dropped, 2);
    zt_expect(&c, "E022", 3, 11);
    ck_assert_uint_eq(c.diag.n_warnings, 3); /* W103 for each let */
    zt_expect_count(&c, "W103", 3);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(werror_promotes_warnings)
{
    static const char text[] = "criteria k {\n"
                               "  scale s { \"Ya\" = 1 }\n"
                               "  otherwise B\n"
                               "}\n";
    struct zi_compilation c;
    ck_assert(zt_compile_n(&c, text, sizeof text - 1, false, 50));
    ck_assert_uint_eq(c.diag.n_warnings, 2);
    ck_assert_uint_eq(c.diag.n_errors, 0);
    zi_compilation_free(&c);

    ck_assert(!zt_compile_n(&c, text, sizeof text - 1, true, 50));
    ck_assert_uint_eq(c.diag.n_warnings, 0);
    ck_assert_uint_eq(c.diag.n_errors, 2);
    const struct zi_diagnostic *d = zt_find(&c, "W108", 1, 10);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->severity, ZI_SEV_ERROR);
    ck_assert(d->promoted);
    char *out = printed(&c, false);
    ck_assert_msg(strstr(out, "test.zi:1:10: error: criteria 'k' names no regulation") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "[W108, -Werror]\n") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "test.zi:2:9: error: scale 's' is never used [W101, -Werror]\n") != NULL, "%s",
                  out);
    free(out);
    zi_compilation_free(&c);

    /* Promoted warnings count against the error limit like errors. */
    zt_compile_n(&c, text, sizeof text - 1, true, 1);
    ck_assert_uint_eq(c.diag.n_errors, 1);
    ck_assert_uint_eq(c.diag.n_dropped, 1);
    zi_compilation_free(&c);
}
END_TEST

/* ---- The printed form ---------------------------------------------------------------------------------- */

START_TEST(error_with_caret_and_note)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n"
                   "  regulation \"r\"\n"
                   "  scale ya { \"Ya\" = 1 }\n"
                   "  scale ya { \"Ya\" = 1 }\n"
                   "  otherwise B\n"
                   "}\n");
    EXPECT_PRINTED(&c, "test.zi:3:9: warning: scale 'ya' is never used [W101]\n"
                       "    3 |   scale ya { \"Ya\" = 1 }\n"
                       "      |         ^~\n"
                       "test.zi:4:9: error: scale 'ya' is already defined [E020]\n"
                       "    4 |   scale ya { \"Ya\" = 1 }\n"
                       "      |         ^~\n"
                       "test.zi:3:9: note: 'ya' is first defined here\n"
                       "    3 |   scale ya { \"Ya\" = 1 }\n"
                       "      |         ^~\n");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(diagnostics_are_sorted_by_position)
{
    /* The checks report W108 (line 1) after E022 (line 3) in the order they run; printing sorts. */
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n"
                   "  otherwise B\n"
                   "  let a = x\n"
                   "}\n");
    char *out = printed(&c, false);
    const char *w108 = strstr(out, "[W108]"), *e022 = strstr(out, "[E022]"), *w103 = strstr(out, "[W103]");
    ck_assert_ptr_nonnull(w108);
    ck_assert_ptr_nonnull(e022);
    ck_assert_ptr_nonnull(w103);
    ck_assert_msg(w108 < w103 && w103 < e022, "not sorted:\n%s", out);
    free(out);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(hint_has_no_location)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n  let a = 1 < 2 < 3\n  otherwise B\n}\n");
    EXPECT_PRINTED(&c, "test.zi:2:17: error: unexpected '<' [E010]\n"
                       "    2 |   let a = 1 < 2 < 3\n"
                       "      |                 ^\n"
                       "note: comparisons do not chain: join two conditions with 'and'\n");
    zi_compilation_free(&c);
}
END_TEST

/* A fix-it is shown as clang shows it: the text to type, under the caret. */
START_TEST(fixit_is_printed_under_the_caret)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n  regulation “r”\n  otherwise B\n}\n");
    EXPECT_PRINTED(
        &c, "test.zi:2:14: error: stray '“' (U+201C LEFT DOUBLE QUOTATION MARK) in criteria; write '\"' "
            "[E001]\n"
            "    2 |   regulation “r”\n"
            "      |              ^\n"
            "      |              \"\n"
            "test.zi:2:16: error: stray '”' (U+201D RIGHT DOUBLE QUOTATION MARK) in criteria; write '\"' "
            "[E001]\n"
            "    2 |   regulation “r”\n"
            "      |                ^\n"
            "      |                \"\n");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(caret_counts_code_points_and_keeps_tabs)
{
    struct zi_compilation c;
    /* Each of "é", "—", "“" is one column: the caret must sit under '@'. */
    zt_compile(&c, "criteria k {\n"
                   "  regulation \"Pemantauan — évaluasi\" @\n"
                   "\t\tmissing zero ^\n"
                   "}\n");
    EXPECT_PRINTED(&c, "test.zi:2:38: error: stray '@' in criteria [E001]\n"
                       "    2 |   regulation \"Pemantauan — évaluasi\" @\n"
                       "      |                                      ^\n"
                       "test.zi:3:16: error: stray '^' in criteria [E001]\n"
                       "    3 | \t\tmissing zero ^\n"
                       "      | \t\t             ^\n");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(caret_after_a_byte_order_mark)
{
    struct zi_compilation c;
    zt_compile(&c, "\xEF\xBB\xBF"
                   "criteria k { @\n}\n");
    EXPECT_PRINTED(&c, "test.zi:1:14: error: stray '@' in criteria [E001]\n"
                       "    1 | criteria k { @\n"
                       "      |              ^\n");
    zi_compilation_free(&c);
}
END_TEST

START_TEST(control_bytes_are_shown_as_spaces)
{
    static const char text[] = "criteria k {\n  \x1b[31m \0 @\n}\n";
    struct zi_compilation c;
    zt_compile_n(&c, text, sizeof text - 1, false, 50);
    char *out = printed(&c, false);
    ck_assert_ptr_null(
        memchr(out, 0x1b, strlen(out))); /* an escape in a hostile file cannot reach the terminal */
    ck_assert_msg(strstr(out, "    2 |    [31m   @\n") != NULL, "%s", out);
    free(out);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(span_across_a_line_end_is_cut_at_the_line_end)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k {\n  /* tidak\n  ditutup\n");
    char *out = printed(&c, false);
    ck_assert_msg(strstr(out, "test.zi:2:3: error: unterminated comment [E004]\n"
                              "    2 |   /* tidak\n"
                              "      |   ^~\n") != NULL,
                  "%s", out);
    free(out);
    zi_compilation_free(&c);

    zt_compile(&c, "criteria k {\n  regulation \"tidak ditutup\n}\n");
    out = printed(&c, false);
    ck_assert_msg(strstr(out, "    2 |   regulation \"tidak ditutup\n"
                              "      |              ^~~~~~~~~~~~~~\n") != NULL,
                  "%s", out);
    free(out);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(very_long_line_is_windowed_around_the_caret)
{
    /* A 100 000-character line with a stray '@' in the middle. */
    enum { N = 100000 };
    char *text = malloc(N + 64);
    size_t len = (size_t)snprintf(text, N + 64, "criteria k { regulation \"");
    memset(text + len, 'x', N);
    len += N;
    len += (size_t)snprintf(text + len, 64, "\" @ }\n");
    struct zi_compilation c;
    zt_compile_n(&c, text, len, false, 50);
    unsigned col = 25 + N + 3;
    zt_expect_only(&c, "E001", 1, col);
    char *out = printed(&c, false);
    /* location, echo and caret lines; none longer than the window and its frame */
    unsigned lines = 0;
    for (char *line = out, *end; *line; line = end + 1, lines++) {
        end = strchr(line, '\n');
        ck_assert_ptr_nonnull(end);
        ck_assert_uint_le((size_t)(end - line), 420);
    }
    ck_assert_uint_ge(lines, 3);
    ck_assert_msg(strstr(out, "    1 | ...xxxx") != NULL, "the echo starts with '...':\n%.200s", out);
    ck_assert_msg(strstr(out, "\" @ }\n") != NULL, "the echo shows the end of the line");
    /* The caret is under '@': same offset in its line as '@' in the echo. */
    char *echo = strstr(out, "    1 | ");
    char *caret_line = strchr(echo, '\n') + 1;
    char *at = strchr(echo, '@');
    char *caret = strchr(caret_line, '^');
    ck_assert_ptr_nonnull(at);
    ck_assert_ptr_nonnull(caret);
    ck_assert_int_eq(at - echo, caret - caret_line);
    free(out);
    zi_compilation_free(&c);
    free(text);
}
END_TEST

START_TEST(colour_only_when_asked)
{
    struct zi_compilation c;
    zt_compile(&c, "criteria k { @ }\n");
    char *plain = printed(&c, false), *colour = printed(&c, true);
    ck_assert_ptr_null(strchr(plain, '\033'));
    ck_assert_ptr_nonnull(strstr(colour, "\033[1;31merror:\033[0m"));
    ck_assert_ptr_nonnull(strstr(colour, "\033[1;32m^\033[0m"));
    free(plain);
    free(colour);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(summary_line)
{
    static const struct {
        unsigned errors, warnings;
        const char *text;
    } cases[] = {
        {0, 0, ""},
        {1, 0, "1 error generated.\n"},
        {2, 0, "2 errors generated.\n"},
        {0, 1, "1 warning generated.\n"},
        {0, 3, "3 warnings generated.\n"},
        {2, 1, "2 errors, 1 warning generated.\n"},
        {1, 2, "1 error, 2 warnings generated.\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = summary(cases[i].errors, cases[i].warnings);
        ck_assert_str_eq(text, cases[i].text);
        free(text);
    }
}
END_TEST

START_TEST(clean_file_prints_nothing)
{
    struct zi_compilation c;
    ck_assert(zt_compile(&c, "criteria k {\n  regulation \"r\"\n  otherwise B\n}\n"));
    char *out = printed(&c, false);
    ck_assert_str_eq(out, "");
    free(out);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Positions (source.c) ------------------------------------------------------------------------------ */

START_TEST(positions_lines_and_slices)
{
    struct zi_compilation c;
    zt_compile(&c, "ab\r\nçd\n\nx");
    unsigned line, col;
    zt_position(&c, 0, &line, &col);
    ck_assert(line == 1 && col == 1);
    zt_position(&c, 4, &line, &col); /* 'ç' */
    ck_assert(line == 2 && col == 1);
    zt_position(&c, 6, &line, &col); /* 'd': 'ç' is 2 bytes, 1 column */
    ck_assert(line == 2 && col == 2);
    zt_position(&c, 9, &line, &col); /* 'x' after an empty line */
    ck_assert(line == 4 && col == 1);
    zt_position(&c, 10, &line, &col); /* the end of the file */
    ck_assert(line == 4 && col == 2);
    zt_position(&c, 1000, &line, &col); /* past it: clamped */
    ck_assert(line == 4 && col == 2);

    size_t len;
    const char *text = zi_source_line(&c.source, 1, &len);
    ck_assert_uint_eq(len, 2); /* without the CR LF */
    ck_assert(memcmp(text, "ab", 2) == 0);
    zi_source_line(&c.source, 3, &len);
    ck_assert_uint_eq(len, 0);
    zi_source_line(&c.source, 0, &len);
    ck_assert_uint_eq(len, 0);
    zi_source_line(&c.source, 99, &len);
    ck_assert_uint_eq(len, 0);
    struct zi_span past = {8, 1000};
    zi_source_slice(&c.source, past, &len);
    ck_assert_uint_eq(len, 2);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(file_too_large_is_refused_before_scanning)
{
    /* The limit is checked before the text is copied, so the text need not be real. */
    static const char text[] = "criteria k { }";
    struct zi_compilation c;
    struct zi_frontend_options options = {false, 50};
    ck_assert(!zi_compilation_open_memory(&c, "huge.zi", text, (size_t)ZI_SOURCE_MAX_BYTES + 1, &options));
    ck_assert(c.io_failed);
    ck_assert_str_eq(c.io_error, "'huge.zi' is too large for a criteria file");
    ck_assert_ptr_null(c.criteria);
    zi_compilation_free(&c);

    ck_assert(!zi_compilation_open(&c, "/nonexistent/dir/lke.zi", &options));
    ck_assert(c.io_failed);
    ck_assert_msg(strstr(c.io_error, "cannot open '/nonexistent/dir/lke.zi'") != NULL, "%s", c.io_error);
    zi_compilation_free(&c);
}
END_TEST

static Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *limits = tcase_create("limits");
    tcase_add_test(limits, errors_past_the_limit_are_counted_not_kept);
    tcase_add_test(limits, warnings_are_not_limited);
    tcase_add_test(limits, werror_promotes_warnings);
    suite_add_tcase(s, limits);

    TCase *print = tcase_create("printing");
    tcase_add_test(print, error_with_caret_and_note);
    tcase_add_test(print, diagnostics_are_sorted_by_position);
    tcase_add_test(print, hint_has_no_location);
    tcase_add_test(print, fixit_is_printed_under_the_caret);
    tcase_add_test(print, caret_counts_code_points_and_keeps_tabs);
    tcase_add_test(print, caret_after_a_byte_order_mark);
    tcase_add_test(print, control_bytes_are_shown_as_spaces);
    tcase_add_test(print, span_across_a_line_end_is_cut_at_the_line_end);
    tcase_add_test(print, very_long_line_is_windowed_around_the_caret);
    tcase_add_test(print, colour_only_when_asked);
    tcase_add_test(print, summary_line);
    tcase_add_test(print, clean_file_prints_nothing);
    suite_add_tcase(s, print);

    TCase *source = tcase_create("source");
    tcase_add_test(source, positions_lines_and_slices);
    tcase_add_test(source, file_too_large_is_refused_before_scanning);
    suite_add_tcase(s, source);
    return s;
}

int main(void)
{
    return zt_run(diag_suite());
}
