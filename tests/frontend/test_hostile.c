/* test_hostile.c — inputs built to break a compiler, generated here rather than committed: empty and
 * comment-only files, 1 MB lines, nesting far past every limit, NUL bytes, invalid UTF-8, every prefix of a
 * valid file, 100 000 declarations. Each must come back (no crash, no stack overflow, no quadratic blow-up)
 * with the expected code at the expected place. Run under ASan/UBSan and valgrind as well (see
 * tests/frontend/CMakeLists.txt). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support.h"

enum { MB = 1 << 20 };

/* A growable text buffer for generated sources. */
struct buf {
    char *text;
    size_t len, cap;
};

static void put(struct buf *b, const char *text, size_t len)
{
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1)
            cap *= 2;
        b->text = realloc(b->text, cap);
        ck_assert_ptr_nonnull(b->text);
        b->cap = cap;
    }
    memcpy(b->text + b->len, text, len);
    b->len += len;
    b->text[b->len] = '\0';
}

static void puts_(struct buf *b, const char *text)
{
    put(b, text, strlen(text));
}

static void repeat(struct buf *b, const char *text, size_t times)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < times; i++)
        put(b, text, len);
}

static void putf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(struct buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list args;
    va_start(args, fmt);
    int len = vsnprintf(tmp, sizeof tmp, fmt, args);
    va_end(args);
    ck_assert_int_lt(len, (int)sizeof tmp);
    put(b, tmp, (size_t)len);
}

static bool compile_buf(struct zi_compilation *c, const struct buf *b)
{
    return zt_compile_n(c, b->text, b->len, false, ZI_DIAG_ERROR_LIMIT);
}

/* Prints the diagnostics as zic would, to check that printing survives too. */
static void print_all(struct zi_compilation *c)
{
    FILE *out = fopen("/dev/null", "w");
    ck_assert_ptr_nonnull(out);
    zi_diag_print(&c->diag, out, false);
    fclose(out);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- Nothing, or nothing but comments ------------------------------------------------------------------ */

START_TEST(empty_file)
{
    struct zi_compilation c;
    ck_assert(!zt_compile_n(&c, "", 0, false, 50));
    zt_expect_only(&c, "E010", 1, 1);
    ck_assert_str_eq(c.diag.first->message, "unexpected end of file, expected 'criteria'");
    print_all(&c);
    zi_compilation_free(&c);
}
END_TEST

START_TEST(only_comments_and_blank_lines)
{
    struct zi_compilation c;
    zt_compile(&c, "// Lembar Kerja Evaluasi — belum diisi\n"
                   "/* blok\n"
                   "   komentar */\n"
                   "\n"
                   "   \t\n");
    /* The end of the file is reported where the last token (here: a line end) was read. */
    zt_expect_count(&c, "E010", 1);
    zt_expect_count(&c, NULL, 1);
    unsigned line, col;
    zt_position(&c, c.diag.first->span.begin, &line, &col);
    ck_assert_uint_ge(line, 3);
    ck_assert_uint_le(line, 5);
    print_all(&c);
    zi_compilation_free(&c);

    zt_compile(&c, "   \n\n\n");
    zt_expect_count(&c, "E010", 1);
    zi_compilation_free(&c);

    zt_compile(&c, "/* tidak pernah ditutup");
    zt_expect(&c, "E004", 1, 1);
    zt_expect_count(&c, "E004", 1);
    zi_compilation_free(&c);

    zt_compile(&c, "// tanpa baris baru");
    zt_expect_only(&c, "E010", 1, 3); /* at the comment, the last thing read */
    zi_compilation_free(&c);
}
END_TEST

/* ---- 1 MB on one line ---------------------------------------------------------------------------------- */

START_TEST(one_megabyte_string)
{
    struct buf b = {0};
    puts_(&b, "criteria k { regulation \"");
    repeat(&b, "Zona Integritas — ", MB / 20);
    puts_(&b, "\" otherwise B }");
    struct zi_compilation c;
    ck_assert(compile_buf(&c, &b));
    zt_expect_clean(&c);
    ck_assert_uint_eq(strlen(c.criteria->regulation.text), (size_t)(MB / 20) * strlen("Zona Integritas — "));
    zi_compilation_free(&c);

    /* The same string left open: one E002 at its quote, and the text still arrives. */
    b.len = 0;
    puts_(&b, "criteria k { regulation \"");
    repeat(&b, "x", MB);
    zt_compile_n(&c, b.text, b.len, false, 50);
    zt_expect(&c, "E002", 1, 25);
    zt_expect_count(&c, "E002", 1);
    print_all(&c);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

START_TEST(one_megabyte_sum)
{
    /* a+a+a+…: the parser's stack stays flat (left recursion); the tree is cut at 256 levels. */
    struct buf b = {0};
    puts_(&b, "criteria k { regulation \"r\" let x = a");
    repeat(&b, "+a", MB / 2);
    puts_(&b, " otherwise B }");
    struct zi_compilation c;
    ck_assert(!compile_buf(&c, &b));
    zt_expect_only(&c, "E011", 1, 37);
    ck_assert_str_eq(c.diag.first->message,
                     "expression nested more than 256 levels deep; split it with 'let'");
    print_all(&c);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

START_TEST(one_megabyte_of_prefix_operators)
{
    /* - - - …1, not not …, if … then if … : right-recursive, so the parser's own stack limit is what stops
     * them — with a located E011, never a crash. */
    static const char *const prefixes[] = {"-", "not ", "if a then ", "(-"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        struct buf b = {0};
        puts_(&b, "criteria k { let x = ");
        repeat(&b, prefixes[i], MB / strlen(prefixes[i]));
        puts_(&b, "1 }");
        struct zi_compilation c;
        ck_assert(!compile_buf(&c, &b));
        zt_expect_count(&c, "E011", 1);
        zt_expect_count(&c, NULL, 1);
        unsigned line, col;
        zt_position(&c, c.diag.first->span.begin, &line, &col);
        ck_assert_uint_eq(line, 1);
        ck_assert_uint_ge(col, 22); /* inside the run of operators */
        ck_assert_uint_le(col, 22 + MB);
        print_all(&c);
        zi_compilation_free(&c);
        free(b.text);
    }
}
END_TEST

START_TEST(one_megabyte_path_and_call_chain)
{
    struct buf b = {0};
    puts_(&b, "criteria k { regulation \"r\" let x = a");
    repeat(&b, ".a", MB / 2);
    puts_(&b, "\n verdict V { x >= 1 }\n otherwise B }");
    struct zi_compilation c;
    ck_assert(!compile_buf(&c, &b));
    zt_expect_only(&c, "E022", 1, 37);
    zi_compilation_free(&c);

    /* min(min(min(…: the parentheses hit their limit first, at the 257th '('. */
    b.len = 0;
    puts_(&b, "criteria k { let x = ");
    repeat(&b, "min(", MB / 4);
    ck_assert(!compile_buf(&c, &b));
    zt_expect_only(&c, "E011", 1, 22 + 256 * 4 + 3);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

START_TEST(very_long_identifier)
{
    struct buf b = {0};
    puts_(&b, "criteria k {\n  regulation \"r\"\n  let ");
    repeat(&b, "n", MB);
    puts_(&b, " = 1\n  verdict V { ");
    repeat(&b, "n", MB);
    puts_(&b, " < 2 }\n  otherwise B\n}\n");
    struct zi_compilation c;
    ck_assert(compile_buf(&c, &b));
    zt_expect_only(&c, "W106", 4, 15); /* 1 < 2 always holds: the name was resolved */
    ck_assert_uint_eq(strlen(c.criteria->lets->name.text), MB);
    zi_compilation_free(&c);

    /* A long name that is not declared: E022, and no time lost looking for a near miss. */
    b.len = 0;
    puts_(&b, "criteria k {\n  regulation \"r\"\n  verdict V { ");
    repeat(&b, "m", MB);
    puts_(&b, " >= 1 }\n  otherwise B\n}\n");
    ck_assert(!compile_buf(&c, &b));
    zt_expect_only(&c, "E022", 3, 15);
    print_all(&c);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

/* ---- Nesting past the limits --------------------------------------------------------------------------- */

START_TEST(ten_thousand_nested_groups)
{
    struct buf b = {0};
    puts_(&b, "criteria k {\n");
    for (unsigned i = 0; i < 10000; i++)
        putf(&b, "group g%u weight 1 {\n", i);
    repeat(&b, "}\n", 10000);
    puts_(&b, "}\n");
    struct zi_compilation c;
    ck_assert(!compile_buf(&c, &b));
    /* The 70th group opens the 71st brace (the criteria's is the first): parsing stops there. */
    zt_expect_only(&c, "E011", 71, 20);
    ck_assert_str_eq(c.diag.first->message, "blocks nested more than 70 deep; parsing stopped here");
    print_all(&c);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

START_TEST(hundred_thousand_nested_parentheses)
{
    struct buf b = {0};
    puts_(&b, "criteria k { let x = ");
    repeat(&b, "(", 100000);
    puts_(&b, "a");
    repeat(&b, ")", 100000);
    puts_(&b, " }");
    struct zi_compilation c;
    ck_assert(!compile_buf(&c, &b));
    zt_expect_only(&c, "E011", 1, 22 + 256); /* the 257th '(' */
    ck_assert_str_eq(c.diag.first->message, "parentheses nested too deeply; parsing stopped here");
    print_all(&c);
    zi_compilation_free(&c);

    /* 256 levels are allowed. */
    b.len = 0;
    puts_(&b, "criteria k { regulation \"r\" let x = ");
    repeat(&b, "(", 256);
    puts_(&b, "1");
    repeat(&b, ")", 256);
    puts_(&b, "\n verdict V { x >= 1 }\n otherwise B }");
    ck_assert(compile_buf(&c, &b));
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

START_TEST(deep_conditions_in_a_verdict)
{
    struct buf b = {0};
    puts_(&b, "criteria k { verdict V { total >= 1");
    repeat(&b, " and total >= 1", 50000);
    puts_(&b, " } otherwise B }");
    struct zi_compilation c;
    ck_assert(!compile_buf(&c, &b));
    zt_expect_only(&c, "E011", 1, 26);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

/* ---- Bytes that are not text --------------------------------------------------------------------------- */

START_TEST(nul_bytes)
{
    static const char one[] = "criteria k {\n  regulation \"r\"\n  // catatan \0 di sini\n  otherwise B\n}\n";
    struct zi_compilation c;
    zt_compile_n(&c, one, sizeof one - 1, false, 50);
    zt_expect_only(&c, "E006", 3, 14);
    zi_compilation_free(&c);

    /* A file of NULs: the error limit holds, and the rest are counted. */
    size_t n = 100000;
    char *zeros = calloc(n, 1);
    zt_compile_n(&c, zeros, n, false, 50);
    zt_expect(&c, "E006", 1, 1);
    zt_expect(&c, "E006", 1, 50);
    ck_assert_uint_eq(c.diag.n_errors, 50);
    ck_assert_uint_ge(c.diag.n_dropped, n - 50);
    print_all(&c);
    zi_compilation_free(&c);
    free(zeros);
}
END_TEST

START_TEST(invalid_utf8_in_many_places)
{
    struct zi_compilation c;
    /* A Windows-1252 file: its curly quotes (0x93, 0x94) and dash (0x96) are not UTF-8. It is one error
     * (E007) at the first of them, saying how to save the file, not one per accented letter. */
    const char *cp1252 = "criteria k \"\x93LKE\x94\" {\n"
                         "  regulation \"PermenPANRB \x96 90/2021\"\n"
                         "  // Catatan \x93tim\x94\n"
                         "  /* \xE9valuasi */ otherwise B @\n"
                         "}\n";
    zt_compile(&c, cp1252);
    zt_expect_only(&c, "E007", 1, 13);
    ck_assert_str_eq(c.diag.first->message,
                     "the file is saved as Windows-1252 (\"ANSI\"), not UTF-8 (byte 0x93 "
                     "here is Windows-1252's '“'); save the file as UTF-8");
    zi_compilation_free(&c);

    /* The same bytes among UTF-8 text are bad bytes, each reported, each one column as a terminal shows it.
     */
    char mixed[256];
    snprintf(mixed, sizeof mixed, "%s// “UTF-8”\n", cp1252);
    zt_compile(&c, mixed);
    zt_expect(&c, "E003", 1, 13);
    zt_expect(&c, "E003", 1, 17);
    zt_expect(&c, "E003", 2, 27);
    zt_expect(&c, "E003", 3, 14);
    zt_expect(&c, "E003", 3, 18);
    zt_expect(&c, "E003", 4, 6);
    zt_expect(&c, "E001", 4, 30); /* columns after the bad bytes are still right */
    zt_expect_count(&c, NULL, 7);
    print_all(&c);
    zi_compilation_free(&c);

    /* UTF-16, with or without its byte-order mark: one error, E007, not a NUL byte per character. */
    static const char utf16[] = "\xFF\xFE"
                                "c\0r\0i\0t\0e\0r\0i\0a\0 \0k\0";
    zt_compile_n(&c, utf16, sizeof utf16 - 1, false, 50);
    zt_expect_only(&c, "E007", 1, 1);
    zi_compilation_free(&c);
    zt_compile_n(&c, utf16 + 2, sizeof utf16 - 3, false, 50);
    zt_expect_only(&c, "E007", 1, 1);
    zi_compilation_free(&c);

    /* 1 MB of bytes that can never start a character: each is its own column; the output stays small. */
    char *junk = malloc(MB);
    uint32_t state = 12345;
    for (size_t i = 0; i < MB; i++) {
        state = state * 1103515245u + 12345u;
        junk[i] = (char)(0x80 | ((state >> 16) & 0x3F));
    }
    zt_compile_n(&c, junk, MB, false, 50);
    zt_expect(&c, "E003", 1, 1);
    zt_expect(&c, "E003", 1, 2);
    zt_expect(&c, "E003", 1, 50);
    ck_assert_uint_eq(c.diag.n_errors, 50);
    char *out = zt_dump(&c);
    ck_assert_uint_lt(strlen(out), 50 * 1200);
    free(out);
    zi_compilation_free(&c);

    /* Random bytes of every value, on many lines. */
    for (size_t i = 0; i < MB; i++) {
        state = state * 1103515245u + 12345u;
        junk[i] = (char)(state >> 24);
    }
    zt_compile_n(&c, junk, MB, false, 0);
    ck_assert(c.diag.n_errors > 0);
    for (const struct zi_diagnostic *d = c.diag.first; d; d = d->next)
        ck_assert_uint_le(d->span.begin, MB);
    print_all(&c);
    zi_compilation_free(&c);
    free(junk);
}
END_TEST

/* ---- Truncation ---------------------------------------------------------------------------------------- */

static const char small_valid[] =
    "criteria lke \"LKE Zona Integritas\" {\n"
    "  regulation \"PermenPANRB 90/2021\"\n"
    "  missing zero\n"
    "  scale ya_tidak \"Ya/Tidak\" { \"Ya\" = 1, \"Tidak\" = 0 }\n"
    "  group pengungkit \"Komponen Pengungkit\" weight 60 {\n"
    "    group pemenuhan weight 30 {\n"
    "      question \"A.I.1.a\" \"Unit kerja telah membentuk tim — “WBK”\" : ya_tidak\n"
    "    }\n"
    "    group reform weight 30 {\n"
    "      score \"A.II.1.a\" \"Agen perubahan\" {\n"
    "        input perubahan : count\n"
    "        input agen : count in [0, 100]\n"
    "        require perubahan >= 0 \"tidak boleh negatif\"\n"
    "        = ratio(perubahan, agen, 0)\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "  group hasil weight 40 {\n"
    "    question \"B.I.a\" ipak \"IPAK\" : number in [0, 4] weight 40 = if answer > 0 then answer / 4 else "
    "0\n"
    "  }\n"
    "  view area = pengungkit.pemenuhan + pengungkit.reform\n"
    "  let inti \"Nilai inti\" = (pengungkit + hasil) / 2 // rata-rata\n"
    "  verdict WBK \"Wilayah Bebas dari Korupsi\" {\n"
    "    total >= 75; inti >= 30\n"
    "    all area >= 50%\n"
    "    not (hasil.ipak.answer < 3.6) and\n"
    "      pengungkit >= 60%\n"
    "  }\n"
    "  otherwise BELUM \"Belum memenuhi syarat\"\n"
    "}\n";

START_TEST(every_prefix_of_a_valid_file)
{
    size_t n = sizeof small_valid - 1;
    size_t complete = strrchr(small_valid, '}') - small_valid + 1;
    struct zi_compilation c;
    ck_assert(zt_compile_n(&c, small_valid, n, false, 50));
    ck_assert_msg(c.diag.n_errors == 0, "%s", zt_dump(&c));
    zi_compilation_free(&c);
    for (size_t len = 0; len <= n; len++) {
        bool ok = zt_compile_n(&c, small_valid, len, false, 50);
        if (len < complete)
            ck_assert_msg(!ok && c.diag.n_errors > 0, "a prefix of %zu bytes was accepted", len);
        else
            ck_assert_msg(ok, "the whole file (%zu bytes) was rejected:\n%s", len, zt_dump(&c));
        /* Every diagnostic is within the text it was given. */
        for (const struct zi_diagnostic *d = c.diag.first; d; d = d->next)
            ck_assert_msg(d->span.begin <= len && d->span.end <= len, "prefix %zu: %s at %u-%u", len, d->code,
                          d->span.begin, d->span.end);
        print_all(&c);
        zi_compilation_free(&c);
    }
}
END_TEST

START_TEST(every_prefix_cut_mid_character)
{
    /* Cutting inside "—" or "“" leaves a truncated UTF-8 sequence at the end: E003, or E002 for the string.
     */
    const char *dash = strstr(small_valid, "—");
    size_t cut = (size_t)(dash - small_valid) + 1;
    struct zi_compilation c;
    zt_compile_n(&c, small_valid, cut, false, 50);
    unsigned line, col;
    zt_position(&c, (unsigned)cut - 1, &line, &col);
    zt_expect(&c, "E003", line, col);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Size: linear time --------------------------------------------------------------------------------- */

/* A criteria of `n` flat top-level groups of one question each, and a verdict over all of them. */
static void flat_groups(struct buf *b, unsigned n)
{
    b->len = 0;
    puts_(b, "criteria k {\n  regulation \"r\"\n  scale ya { \"Ya\" = 1, \"Tidak\" = 0 }\n");
    for (unsigned i = 0; i < n; i++)
        putf(b, "  group g%u weight 1 { question \"A.%u\" q%u \"Pertanyaan\" : ya }\n", i, i, i);
    puts_(b, "  group semua weight 1 {");
    for (unsigned i = 0; i < n; i++)
        putf(b, " question \"B.%u\" q%u \"t\" : ya", i, i);
    puts_(b, " }\n  verdict V { total >= 1\n  all semua >= 50% }\n  otherwise B\n}\n");
}

static double time_flat_groups(struct buf *b, unsigned n)
{
    flat_groups(b, n);
    struct zi_compilation c;
    double start = seconds();
    bool ok = compile_buf(&c, b);
    double took = seconds() - start;
    ck_assert_msg(ok, "%u flat groups:\n%s", n, zt_dump(&c));
    zt_expect_clean(&c);
    ck_assert_double_eq(c.criteria->total_weight, n + 1);
    zi_compilation_free(&c);
    return took;
}

START_TEST(hundred_thousand_flat_groups_in_linear_time)
{
    struct buf b = {0};
    double small = time_flat_groups(&b, 10000);
    double big = time_flat_groups(&b, 100000);
    /* Ten times the input: linear is ~10 times the time, quadratic ~100 times. Allow noise. */
    ck_assert_msg(big < 30 * small + 0.5, "10 000 groups: %.3f s, 100 000 groups: %.3f s", small, big);
    free(b.text);
}
END_TEST

/* The indentation check of unbalanced braces looks at each brace once: a 1 MB line of one-line blocks with
 * one
 * '}' too many, and a file of thousands of groups whose first lost its '}', both take linear time. */
static double time_unbalanced(struct buf *b, unsigned n, bool one_line)
{
    b->len = 0;
    puts_(b, "criteria k {\n  regulation \"r\"\n  scale ya { \"Ya\" = 1 }\n");
    for (unsigned i = 0; i < n; i++)
        if (one_line)
            putf(b, " group g%u weight 1 { }", i);
        else
            putf(b, "  group g%u weight 1 {\n    question \"%u\" q \"t\" : ya\n%s", i, i, i ? "  }\n" : "");
    puts_(b, one_line ? " }\n}\n}\n" : "  otherwise B\n}\n");
    struct zi_compilation c;
    double start = seconds();
    compile_buf(&c, b);
    double took = seconds() - start;
    zt_expect(&c, "E013", one_line ? 5 : 4, one_line ? 1 : 3);
    zi_compilation_free(&c);
    return took;
}

START_TEST(unbalanced_braces_in_linear_time)
{
    struct buf b = {0};
    for (int one_line = 0; one_line < 2; one_line++) {
        double small = time_unbalanced(&b, 5000, one_line);
        double big = time_unbalanced(&b, 50000, one_line);
        ck_assert_msg(big < 30 * small + 0.5, "%s: 5 000 blocks: %.3f s, 50 000: %.3f s",
                      one_line ? "one line" : "lines", small, big);
    }
    free(b.text);
}
END_TEST

START_TEST(large_scales_views_and_let_chains_in_linear_time)
{
    struct buf b = {0};
    struct zi_compilation c;
    double took[2];
    unsigned sizes[2] = {5000, 50000};
    for (int k = 0; k < 2; k++) {
        unsigned n = sizes[k];
        b.len = 0;
        puts_(&b, "criteria k {\n  regulation \"r\"\n  scale s {");
        for (unsigned i = 0; i < n; i++)
            putf(&b, " \"Label %u\" = 1,", i);
        /* Every question on a two-label scale: a question costs the size of its scale (see the report). */
        puts_(&b, " \"Tidak\" = 0 }\n  scale ya { \"Ya\" = 1, \"Tidak\" = 0 }\n");
        puts_(&b, "  group p weight 3 {\n    group a weight 1 {");
        for (unsigned i = 0; i < n; i++)
            putf(&b, " question \"A.%u\" m%u \"t\" : ya", i, i);
        puts_(&b, " }\n    group b weight 1 {");
        for (unsigned i = n; i-- > 0;)
            putf(&b, " question \"B.%u\" m%u \"t\" : ya", i, i);
        puts_(&b, " }\n    group c weight 1 { question \"C.1\" m \"t\" : s");
        puts_(&b, " }\n  }\n  view v = p.a + p.b\n  let l0 = p\n");
        for (unsigned i = 1; i < n; i++)
            putf(&b, "  let l%u = l%u + 1\n", i, i - 1);
        putf(&b, "  verdict V { all v >= 50%%\n l%u >= 1 }\n  otherwise B\n}\n", n - 1);
        double start = seconds();
        zt_compile_n(&c, b.text, b.len, false, 50);
        took[k] = seconds() - start;
        /* The one error: a scale of more than 255 labels (E044), reported once however many there are. */
        ck_assert_msg(c.diag.n_errors == 1, "%s", zt_dump(&c));
        zt_expect_count(&c, "E044", 1);
        ck_assert_uint_eq(c.criteria->views->n_members, n);
        zi_compilation_free(&c);
    }
    ck_assert_msg(took[1] < 30 * took[0] + 0.5, "5 000: %.3f s, 50 000: %.3f s", took[0], took[1]);
    free(b.text);
}
END_TEST

START_TEST(thousands_of_unknown_names_stop_costing_after_the_limit)
{
    struct buf b = {0};
    puts_(&b, "criteria k {\n  regulation \"r\"\n  scale ya { \"Ya\" = 1 }\n  group p weight 1 { question "
              "\"1\" a \"t\" : ya }\n");
    for (unsigned i = 0; i < 4000; i++)
        putf(&b, "  let nama%u = p\n", i);
    puts_(&b, "  verdict V {\n");
    for (unsigned i = 0; i < 20000; i++)
        putf(&b, "    tidak_ada%u >= 1\n", i);
    puts_(&b, "  }\n  otherwise B\n}\n");
    struct zi_compilation c;
    double start = seconds();
    ck_assert(!compile_buf(&c, &b));
    double took = seconds() - start;
    ck_assert_uint_eq(c.diag.n_errors, 50);
    ck_assert_uint_eq(c.diag.n_dropped, 19950);
    zt_expect(&c, "E022", 4006, 5);
    ck_assert_msg(took < 20, "took %.1f s", took);
    zi_compilation_free(&c);
    free(b.text);
}
END_TEST

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *empty = tcase_create("empty");
    tcase_add_test(empty, empty_file);
    tcase_add_test(empty, only_comments_and_blank_lines);
    suite_add_tcase(s, empty);

    /* Generous timeouts: these also run under valgrind and the sanitizers. */
    TCase *big = tcase_create("big");
    tcase_set_timeout(big, 300);
    tcase_add_test(big, one_megabyte_string);
    tcase_add_test(big, one_megabyte_sum);
    tcase_add_test(big, one_megabyte_of_prefix_operators);
    tcase_add_test(big, one_megabyte_path_and_call_chain);
    tcase_add_test(big, very_long_identifier);
    suite_add_tcase(s, big);

    TCase *deep = tcase_create("deep");
    tcase_set_timeout(deep, 300);
    tcase_add_test(deep, ten_thousand_nested_groups);
    tcase_add_test(deep, hundred_thousand_nested_parentheses);
    tcase_add_test(deep, deep_conditions_in_a_verdict);
    suite_add_tcase(s, deep);

    TCase *bytes = tcase_create("bytes");
    tcase_set_timeout(bytes, 300);
    tcase_add_test(bytes, nul_bytes);
    tcase_add_test(bytes, invalid_utf8_in_many_places);
    tcase_add_test(bytes, every_prefix_of_a_valid_file);
    tcase_add_test(bytes, every_prefix_cut_mid_character);
    suite_add_tcase(s, bytes);

    TCase *size = tcase_create("size");
    tcase_set_timeout(size, 600);
    tcase_add_test(size, hundred_thousand_flat_groups_in_linear_time);
    tcase_add_test(size, unbalanced_braces_in_linear_time);
    tcase_add_test(size, large_scales_views_and_let_chains_in_linear_time);
    tcase_add_test(size, thousands_of_unknown_names_stop_costing_after_the_limit);
    suite_add_tcase(s, size);
    return s;
}

int main(void)
{
    return zt_run(hostile_suite());
}
