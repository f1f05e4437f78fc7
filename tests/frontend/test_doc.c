/* test_doc.c — the words and numbers of `zic doc` (compiler/doc_words.c) and the escaping of its writers
 * (doc_md.c, doc_html.c): each kind of condition in plain Indonesian and English, numbers as the worksheet
 * prints them, and text from the criteria that must not become markup. The whole documents are checked by the
 * golden files of tests/frontend/doc.sh and in the browser (tests/browser/doc_page.py). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "support.h"

static const char criteria[] =
    "criteria uji \"Uji <b>&amp; \\\"kutip\\\" | pipa\" {\n"
    "  regulation \"Uji 1/2021\"\n"
    "  scale ya_tidak \"Ya/Tidak\" { \"Ya\" = 1, \"Tidak\" = 0 }\n"
    "  grade nilai \"Nilai\" { \"A\" > \"B\" > \"C\" }\n"
    "  category jenis \"Jenis\" { \"pemda\" | \"Pemerintah Daerah\", \"kl\" }\n"
    "  facts unit \"Data Unit\" {\n"
    "    fact inti \"Unit inti\" : boolean\n"
    "    fact nilai \"Nilai unit\" : nilai\n"
    "    fact jenis \"Jenis unit\" : jenis\n"
    "    fact tlhp \"TLHP\" : percent\n"
    "    fact lama \"Lama\" : count in [0, 50]\n"
    "  }\n"
    "  group a \"Bagian <A>\" weight 60 {\n"
    "    group x \"X | Y\" weight 30 { question \"A.1.a\" \"Tanya *satu*\" : ya_tidak }\n"
    "    group y \"Y\" weight 30 { question \"A.2.a\" \"Indeks\" : number in [0, 4] = answer / 4 }\n"
    "  }\n"
    "  group b \"B\" weight 40 { question \"B.a\" \"Dua\" : ya_tidak }\n"
    "  let beda \"Beda\" = a - b\n"
    "  verdict V \"Baik\" {\n"
    "    total >= 75\n"
    "    all a >= 60%\n"
    "    a.y.a.answer >= 3.2\n"
    "    b > 50%\n"
    "    beda <= 30\n"
    "    a - b < 25\n"
    "  }\n"
    "  otherwise T \"Tidak\"\n"
    "  prerequisites V \"Syarat\" {\n"
    "    unit.inti and unit.nilai >= \"B\"\n"
    "    not unit.inti or unit.nilai > \"B\"\n"
    "    unit.jenis == \"Pemerintah Daerah\"; unit.jenis != \"kl\"\n"
    "    if unit.lama >= 3 then unit.tlhp >= 100% else unit.tlhp >= 90%\n"
    "    relaxation unit.jenis in [\"pemda\", \"kl\"]\n"
    "  }\n"
    "}\n";

struct fixture {
    struct zi_compilation c;
    struct zi_model *model;
    struct zi_doc_input in;
};

static void open_fixture(struct fixture *f, enum zi_lang lang)
{
    ck_assert_msg(zt_compile(&f->c, criteria), "%s", zt_dump(&f->c));
    f->model = zi_model_lower(f->c.criteria, &f->c.source, "zic test", &f->c.arena);
    f->in = (struct zi_doc_input){f->c.criteria, &f->model->descriptor, &f->c.source, lang, &f->c.arena};
}

/* The n-th condition (0-based) of the verdict, or of its prerequisites block, in words. */
static const char *condition(struct fixture *f, bool prerequisite, unsigned n)
{
    const struct zi_condition *c =
        prerequisite ? f->c.criteria->prerequisites->conditions : f->c.criteria->verdicts->conditions;
    for (; n; n--)
        c = c->next;
    return zi_doc_condition(&f->in, c);
}

START_TEST(numbers)
{
    struct fixture f;
    open_fixture(&f, ZI_LANG_ID);
    ck_assert_str_eq(zi_doc_number(&f.in, 75, 2), "75,00");
    ck_assert_str_eq(zi_doc_number(&f.in, 0.25, 2), "0,25");
    ck_assert_str_eq(zi_doc_number(&f.in, 1.0 / 3, 2), "0,3333"); /* two decimals would hide a third */
    ck_assert_str_eq(zi_doc_number(&f.in, 2.625, 2), "2,625");
    ck_assert_str_eq(zi_doc_number(&f.in, -0.0, 2), "0,00");
    ck_assert_str_eq(zi_doc_number(&f.in, -0.001, -1), "0");
    ck_assert_str_eq(zi_doc_number(&f.in, 0.5, -1), "0,5");
    ck_assert_str_eq(zi_doc_number(&f.in, 3, -1), "3");
    ck_assert_str_eq(zi_doc_number(&f.in, 0.67, -1), "0,67");
    ck_assert_str_eq(zi_doc_number(&f.in, 1e20, 2), "1e+20");
    ck_assert_str_eq(zi_doc_number(&f.in, INFINITY, 2), "tak hingga");
    ck_assert_str_eq(zi_doc_percent(&f.in, 0.875), "87,5%");
    ck_assert_str_eq(zi_doc_percent(&f.in, 0.6), "60%");
    ck_assert_str_eq(zi_doc_attr_number(&f.in, 30), "30");
    ck_assert_str_eq(zi_doc_attr_number(&f.in, 22.5), "22.5");
    ck_assert_str_eq(zi_doc_attr_number(&f.in, 0.1), "0.1");
    ck_assert_double_eq(strtod(zi_doc_attr_number(&f.in, 1.0 / 3), NULL), 1.0 / 3);
    f.in.lang = ZI_LANG_EN;
    ck_assert_str_eq(zi_doc_number(&f.in, 17.5, 2), "17.50");
    ck_assert_str_eq(zi_doc_percent(&f.in, 0.875), "87.5%");
    zi_compilation_free(&f.c);
}
END_TEST

START_TEST(conditions_in_indonesian)
{
    struct fixture f;
    open_fixture(&f, ZI_LANG_ID);
    ck_assert_str_eq(condition(&f, false, 0), "Nilai total paling rendah 75,00");
    ck_assert_str_eq(condition(&f, false, 1), "Setiap bagian Bagian <A> paling rendah 60% dari bobotnya");
    ck_assert_str_eq(condition(&f, false, 2), "Jawaban butir A.2.a (Indeks) paling rendah 3,20");
    ck_assert_str_eq(condition(&f, false, 3), "Nilai B (B) lebih dari 50% dari bobotnya (20,00 dari 40,00)");
    ck_assert_str_eq(condition(&f, false, 4), "Nilai Beda paling tinggi 30");
    ck_assert_str_eq(condition(&f, false, 5), "a - b kurang dari 25"); /* no plain reading: as written */
    const char **members;
    ck_assert_uint_eq(zi_doc_all_members(&f.in, f.c.criteria->verdicts->conditions->next, &members), 2);
    ck_assert_str_eq(members[0], "X | Y paling rendah 60% dari bobotnya (18,00 dari 30,00)");
    ck_assert_str_eq(members[1], "Y paling rendah 60% dari bobotnya (18,00 dari 30,00)");
    ck_assert_str_eq(condition(&f, true, 0), "Unit inti: Ya, dan Nilai unit paling rendah B");
    ck_assert_str_eq(condition(&f, true, 1), "Unit inti: Tidak, atau Nilai unit lebih baik dari B");
    ck_assert_str_eq(condition(&f, true, 2), "Jenis unit adalah Pemerintah Daerah");
    ck_assert_str_eq(condition(&f, true, 3), "Jenis unit bukan kl");
    ck_assert_str_eq(
        condition(&f, true, 4),
        "jika Lama paling rendah 3: TLHP paling rendah 100%; jika tidak: TLHP paling rendah 90%");
    ck_assert_str_eq(condition(&f, true, 5), "Jenis unit salah satu dari pemda, kl");
    zi_compilation_free(&f.c);
}
END_TEST

START_TEST(conditions_in_english)
{
    struct fixture f;
    open_fixture(&f, ZI_LANG_EN);
    ck_assert_str_eq(condition(&f, false, 0), "The total score is at least 75.00");
    ck_assert_str_eq(condition(&f, false, 1), "Every part of Bagian <A> is at least 60% of its weight");
    ck_assert_str_eq(condition(&f, false, 3),
                     "The score of B (B) is more than 50% of its weight (20.00 of 40.00)");
    ck_assert_str_eq(condition(&f, true, 1), "Unit inti: No, or Nilai unit is better than B");
    ck_assert_str_eq(condition(&f, true, 4),
                     "if Lama is at least 3: TLHP is at least 100%; otherwise: TLHP is at least 90%");
    ck_assert_str_eq(condition(&f, true, 5), "Jenis unit is one of pemda, kl");
    zi_compilation_free(&f.c);
}
END_TEST

/* The document written to a temporary file, read back whole (malloc'd). */
static char *document(struct fixture *f, enum zi_doc_format format)
{
    FILE *out = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(zi_doc_write(&f->in, format, out), 0);
    long size = ftell(out);
    rewind(out);
    char *text = calloc(1, (size_t)size + 1);
    ck_assert_uint_eq(fread(text, 1, (size_t)size, out), (size_t)size);
    fclose(out);
    return text;
}

START_TEST(html_escapes_the_criteria_text)
{
    struct fixture f;
    open_fixture(&f, ZI_LANG_ID);
    char *html = document(&f, ZI_DOC_HTML);
    ck_assert_ptr_nonnull(strstr(html, "<title>Uji &lt;b&gt;&amp;amp; &quot;kutip&quot; | pipa</title>"));
    ck_assert_ptr_nonnull(strstr(html, "<td>Bagian &lt;A&gt;</td>"));
    ck_assert_ptr_null(strstr(html, "<A>"));
    ck_assert_ptr_null(strstr(html, "<b>"));
    /* the model's numbers on the group's row and heading, the table of contents before the headings */
    ck_assert_ptr_nonnull(
        strstr(html, "<tr data-path=\"a.x\" data-weight=\"30\" data-items=\"1\" data-depth=\"1\">"));
    ck_assert_ptr_nonnull(
        strstr(html, "<h4 id=\"g-a.x\" data-path=\"a.x\" data-weight=\"30\" data-items=\"1\">"));
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#g-a.x\">"));
    ck_assert(strstr(html, "<a href=\"#g-a.x\">") < strstr(html, "<h4 id=\"g-a.x\""));
    ck_assert_ptr_nonnull(strstr(html, "</main>\n</body>\n</html>\n"));
    free(html);
    zi_compilation_free(&f.c);
}
END_TEST

START_TEST(markdown_escapes_the_criteria_text)
{
    struct fixture f;
    open_fixture(&f, ZI_LANG_ID);
    char *md = document(&f, ZI_DOC_MARKDOWN);
    ck_assert_ptr_nonnull(strstr(md, "# Uji \\<b\\>&amp; \"kutip\" \\| pipa\n"));
    ck_assert_ptr_nonnull(
        strstr(md, "| A.1.a | Tanya \\*satu\\* | Ya/Tidak: Ya = 1 · Tidak = 0 | 30,00 |\n"));
    ck_assert_ptr_nonnull(strstr(md, "| A.1 | · X \\| Y | 30,00 | 1 |\n"));
    free(md);
    zi_compilation_free(&f.c);
}
END_TEST

START_TEST(json_is_the_descriptor)
{
    struct fixture f;
    open_fixture(&f, ZI_LANG_ID);
    char *json = document(&f, ZI_DOC_JSON);
    ck_assert_ptr_nonnull(strstr(json, "\"total\": {\"weight\": 100, \"items\": 3}"));
    ck_assert_ptr_nonnull(strstr(json, "{\"path\": \"a\", \"weight\": 60, \"items\": 2}"));
    ck_assert_ptr_nonnull(strstr(json, "{\"path\": \"a.y.a\", \"code\": \"A.2.a\", \"points\": 30}"));
    ck_assert_ptr_nonnull(strstr(json, "{\"id\": \"V\", \"conditions\": 7, \"prerequisites\": 6}"));
    free(json);
    zi_compilation_free(&f.c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("doc");
    TCase *tc = tcase_create("doc");
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, conditions_in_indonesian);
    tcase_add_test(tc, conditions_in_english);
    tcase_add_test(tc, html_escapes_the_criteria_text);
    tcase_add_test(tc, markdown_escapes_the_criteria_text);
    tcase_add_test(tc, json_is_the_descriptor);
    suite_add_tcase(s, tc);
    return zt_run(s);
}
