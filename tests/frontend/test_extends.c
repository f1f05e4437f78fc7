/* test_extends.c — rule sets that build on each other (compiler/merge.c, the chain in compiler/source.c and
 * compiler/frontend.c): a chain of three files merged into one tree (weights, verdict conditions, order,
 * header), every kind of edit applied in place, positions within each file of the chain, and the E055
 * refusals (memory, more than 16 files). The files are written to a fresh temporary folder for each test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"
#include "support.h"

static char folder[] = "/tmp/zi_extends_XXXXXX";

static void make_folder(void)
{
    strcpy(folder, "/tmp/zi_extends_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(folder));
}

/* Writes `text` to NAME in the test's folder; returns the path (static buffer per call site: copy it). */
static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Removes the files and folders `names` (files before their folder) of the test's folder, then the folder. */
static void remove_folder(const char *const *names, size_t n)
{
    char path[512];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, names[i]);
        if (unlink(path) != 0) rmdir(path);
    }
    rmdir(folder);
}

static bool compile_file(struct zi_compilation *c, const char *path)
{
    struct zi_frontend_options options = {false, ZI_DIAG_ERROR_LIMIT};
    return zi_compilation_open(c, path, &options);
}

static const char *condition_text(const struct zi_compilation *c, const struct zi_condition *k)
{
    return zt_slice(c, k->span.begin, k->span.end);
}

static const struct zi_group *group_named(const struct zi_member *m, const char *name)
{
    for (; m; m = m->next)
        if (m->group && strcmp(m->group->name.text, name) == 0) return m->group;
    return NULL;
}

/* ---- A chain of three files ------------------------------------------------------------------------------
 */

static const char BASE[] = "criteria dasar \"Dasar\" {\n"
                           "  regulation \"Uji 1/2021\"\n"
                           "  scale ya_tidak \"Ya/Tidak\" { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                           "  scale abc \"A/B/C\" { \"A\" = 1, \"B\" = 0.5, \"C\" = 0 }\n"
                           "  group pengungkit \"Komponen Pengungkit\" weight 60 {\n"
                           "    group pemenuhan \"Pemenuhan\" weight 30 {\n"
                           "      question \"A.I.a\" \"Tim kerja\" : ya_tidak weight 10\n"
                           "      question \"A.I.b\" \"Rencana kerja\" : abc weight 20\n"
                           "    }\n"
                           "    group reform \"Reform\" weight 30 {\n"
                           "      question \"A.II.a\" \"Komitmen perubahan\" : abc\n"
                           "    }\n"
                           "  }\n"
                           "  group hasil \"Komponen Hasil\" weight 40 {\n"
                           "    question \"B.a\" \"Capaian kinerja\" : abc\n"
                           "    question \"B.b\" \"Survei\" : abc\n"
                           "    question \"B.c\" \"Inovasi\" : abc\n"
                           "  }\n"
                           "  let pengungkit_persen = pengungkit / 60\n"
                           "  verdict WBBM \"Wilayah Birokrasi Bersih dan Melayani\" {\n"
                           "    total >= 85\n"
                           "    hasil >= 36\n"
                           "  }\n"
                           "  verdict WBK \"Wilayah Bebas dari Korupsi\" {\n"
                           "    total >= 75\n"
                           "    pengungkit_persen >= 0.66\n"
                           "  }\n"
                           "  otherwise BELUM \"Belum memenuhi syarat\"\n"
                           "}\n";

/* The middle file: a new verdict (before the otherwise), weights, an added question, a verdict's conditions.
 */
static const char MIDDLE[] =
    "criteria tengah \"Tengah\" extends \"dasar.zi\" {\n"
    "  regulation \"Uji 2/2024\"\n"
    "  replace weight \"A.I.a\" 5\n"
    "  replace weight \"A.I.b\" 25\n"
    "  add to pengungkit.reform { question \"A.II.b\" \"Agen perubahan\" : ya_tidak }\n"
    "  in verdict WBBM {\n"
    "    replace hasil >= 36 with hasil >= 34\n"
    "    add pengungkit >= 48\n"
    "  }\n"
    "  verdict BAIK \"Baik\" { total >= 60 }\n"
    "}\n";

/* The top file: replaces of each kind, removes, a new otherwise. */
static const char TOP[] = "criteria atas \"Atas\" extends \"sub/tengah.zi\" {\n"
                          "  replace scale abc \"A/B/C\" { \"A\" = 1, \"B\" = 0.67, \"C\" = 0 }\n"
                          "  replace let pengungkit_persen = pengungkit / 60 * 100\n"
                          "  replace question \"B.b\" \"Survei kepuasan\" : ya_tidak\n"
                          "  remove item \"B.c\"\n"
                          "  replace verdict WBK \"Wilayah Bebas dari Korupsi\" {\n"
                          "    total >= 75\n"
                          "    pengungkit_persen >= 66\n"
                          "  }\n"
                          "  remove verdict BAIK\n"
                          "  otherwise TIDAK \"Tidak memenuhi syarat\"\n"
                          "}\n";

START_TEST(a_chain_of_three_files_is_one_merged_tree)
{
    make_folder();
    char middle[512], top[512], sub[512];
    snprintf(sub, sizeof sub, "%s/sub", folder);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    strcpy(middle, write_file("sub/tengah.zi", MIDDLE));
    /* The middle file says "dasar.zi": relative to its own folder, sub/. */
    write_file("sub/dasar.zi", BASE);
    strcpy(top, write_file("atas.zi", TOP));

    struct zi_compilation c;
    bool ok = compile_file(&c, top);
    if (!ok || zt_count(&c, NULL)) {
        char *dump = zt_dump(&c);
        ck_abort_msg("the chain does not check clean:\n%s", dump);
    }
    const struct zi_criteria *k = c.criteria;
    /* The header: the top file's id and title, the middle file's regulation. */
    ck_assert_str_eq(k->name.text, "atas");
    ck_assert_str_eq(k->title.text, "Atas");
    ck_assert_str_eq(k->regulation.text, "Uji 2/2024");

    /* The files of the chain, compiled file first, each with its own hash. */
    ck_assert_uint_eq(c.source.n_files, 3);
    ck_assert_str_eq(c.source.files[0].name, top);
    ck_assert_str_eq(c.source.files[1].name, middle);
    char expected[512];
    snprintf(expected, sizeof expected, "%s/sub/dasar.zi", folder);
    ck_assert_str_eq(c.source.files[2].name, expected);
    char hash[65];
    zi_sha256_hex(BASE, strlen(BASE), hash);
    ck_assert_str_eq(c.source.files[2].sha256, hash);
    zi_sha256_hex(TOP, strlen(TOP), hash);
    ck_assert_str_eq(c.source.files[0].sha256, hash);

    /* Weights: the items of Pemenuhan reweighted; Reform gained A.II.b. */
    const struct zi_group *pemenuhan =
        group_named(group_named(k->groups, "pengungkit")->members, "pemenuhan");
    ck_assert_double_eq(pemenuhan->members->item->weight, 5);
    ck_assert_double_eq(pemenuhan->members->next->item->weight, 25);
    const struct zi_group *reform = group_named(group_named(k->groups, "pengungkit")->members, "reform");
    ck_assert_str_eq(reform->members->next->item->code.text, "A.II.b");
    ck_assert_ptr_null(reform->members->next->next);
    ck_assert_ptr_eq(reform->members->next->item->parent, reform);
    /* B.b replaced in place: still second in Hasil, now a ya_tidak question; B.c removed. */
    const struct zi_group *hasil = group_named(k->groups, "hasil");
    ck_assert_str_eq(hasil->members->next->item->code.text, "B.b");
    ck_assert_str_eq(hasil->members->next->item->text.text, "Survei kepuasan");
    ck_assert_ptr_eq(hasil->members->next->item->parent, hasil);
    ck_assert_ptr_null(hasil->members->next->next);
    /* The replaced scale keeps its place (second). */
    ck_assert_str_eq(k->scales->next->name.text, "abc");
    ck_assert_double_eq_tol(k->scales->next->entries->next->value, 0.67, 1e-12);

    /* Verdicts: in order, BAIK removed, the top file's otherwise. */
    const struct zi_verdict *v = k->verdicts;
    ck_assert_str_eq(v->name.text, "WBBM");
    ck_assert_str_eq(condition_text(&c, v->conditions), "total >= 85");
    ck_assert_str_eq(condition_text(&c, v->conditions->next), "hasil >= 34");
    ck_assert_str_eq(condition_text(&c, v->conditions->next->next), "pengungkit >= 48");
    ck_assert_ptr_null(v->conditions->next->next->next);
    v = v->next;
    ck_assert_str_eq(v->name.text, "WBK");
    ck_assert_str_eq(condition_text(&c, v->conditions->next), "pengungkit_persen >= 66");
    v = v->next;
    ck_assert_str_eq(v->name.text, "TIDAK");
    ck_assert(v->is_otherwise);
    ck_assert_ptr_null(v->next);

    /* Positions are within each node's own file: WBBM's first condition is line 21 of the base. */
    unsigned line, col;
    zt_position(&c, k->verdicts->conditions->span.begin, &line, &col);
    ck_assert_uint_eq(line, 21);
    ck_assert_uint_eq(col, 5);
    ck_assert_str_eq(zi_source_file_at(&c.source, k->verdicts->conditions->span.begin)->name, expected);
    /* …and the condition the middle file put in its place is on line 7 of the middle file. */
    zt_position(&c, k->verdicts->conditions->next->span.begin, &line, &col);
    ck_assert_uint_eq(line, 7);
    ck_assert_str_eq(zi_source_file_at(&c.source, k->verdicts->conditions->next->span.begin)->name, middle);
    zi_compilation_free(&c);
    const char *names[] = {"atas.zi", "sub/tengah.zi", "sub/dasar.zi", "sub"};
    remove_folder(names, 4);
}
END_TEST

/* ---- Facts and prerequisites ----------------------------------------------------------------------------
 */

static const char FACTS_BASE[] = "criteria dasar \"Dasar\" {\n"
                                 "  regulation \"Uji\"\n"
                                 "  scale ya_tidak { \"Ya\" = 1, \"Tidak\" = 0 }\n"
                                 "  grade nilai { \"A\" > \"B\" > \"C\" }\n"
                                 "  category layanan { \"rsud\", \"dukcapil\", \"lain\" }\n"
                                 "  facts instansi { fact sakip : nilai }\n"
                                 "  facts unit { fact jenis_layanan : layanan\n fact tlhp : percent }\n"
                                 "  group g weight 100 { question \"A.1\" a \"Soal\" : ya_tidak }\n"
                                 "  verdict WBK \"WBK\" { total >= 75 }\n"
                                 "  otherwise TIDAK \"Tidak\"\n"
                                 "  prerequisites WBK {\n"
                                 "    instansi.sakip >= \"B\"  \"SAKIP B\"\n"
                                 "    unit.tlhp >= 100%\n"
                                 "    relaxation unit.jenis_layanan in [\"rsud\", \"dukcapil\"]\n"
                                 "  }\n"
                                 "}\n";

START_TEST(prerequisites_and_grades_are_edited_in_place)
{
    make_folder();
    write_file("dasar.zi", FACTS_BASE);
    char top[512];
    strcpy(top, write_file("varian.zi",
                           "criteria varian extends \"dasar.zi\" {\n"
                           "  replace grade nilai { \"AA\" > \"A\" > \"B\" > \"C\" }\n"
                           "  in prerequisites WBK {\n"
                           "    replace instansi.sakip >= \"B\" with instansi.sakip >= \"A\" \"SAKIP A\"\n"
                           "    remove relaxation unit.jenis_layanan in [\"rsud\", \"dukcapil\"]\n"
                           "    add relaxation unit.jenis_layanan in [\"rsud\"] \"RSUD\"\n"
                           "  }\n"
                           "}\n"));
    struct zi_compilation c;
    if (!compile_file(&c, top) || zt_count(&c, NULL)) {
        char *dump = zt_dump(&c);
        ck_abort_msg("the variant does not check clean:\n%s", dump);
    }
    const struct zi_labels *nilai = c.criteria->labels;
    ck_assert_str_eq(nilai->name.text, "nilai");
    ck_assert_uint_eq(nilai->n_values, 4);
    const struct zi_condition *p = c.criteria->prerequisites->conditions;
    ck_assert_str_eq(condition_text(&c, p), "instansi.sakip >= \"A\"");
    ck_assert_str_eq(p->name.text, "SAKIP A");
    p = p->next;
    ck_assert_str_eq(condition_text(&c, p), "unit.tlhp >= 100%");
    p = p->next;
    ck_assert(p->is_relaxation);
    ck_assert_str_eq(p->name.text, "RSUD");
    ck_assert_ptr_null(p->next);
    zi_compilation_free(&c);
    const char *names[] = {"dasar.zi", "varian.zi"};
    remove_folder(names, 2);
}
END_TEST

START_TEST(a_verdicts_condition_takes_no_name_or_relaxation)
{
    struct zi_compilation c;
    ck_assert(!zt_compile(&c, "criteria varian extends \"dasar.zi\" {\n"
                              "  in verdict WBK { add total >= 80 \"Nilai\" }\n"
                              "  in verdict WBK { add relaxation total >= 80 }\n"
                              "}\n"));
    zt_expect(&c, "E010", 2, 36);
    zt_expect(&c, "E010", 3, 35);
    zt_expect_count(&c, NULL, 2);
    zi_compilation_free(&c);
}
END_TEST

/* ---- One file is a chain of one --------------------------------------------------------------------------
 */

START_TEST(a_single_file_is_a_chain_of_one)
{
    struct zi_compilation c;
    const char text[] = "criteria satu {\n  scale ya_tidak { \"Ya\" = 1, \"Tidak\" = 0 }\n}\n";
    zt_compile(&c, text);
    ck_assert_uint_eq(c.source.n_files, 1);
    ck_assert_str_eq(c.source.files[0].name, "test.zi");
    ck_assert_uint_eq(c.source.files[0].begin, 0);
    ck_assert_uint_eq(c.source.files[0].end, strlen(text));
    ck_assert_uint_eq(c.source.len, strlen(text));
    char hash[65];
    zi_sha256_hex(text, strlen(text), hash);
    ck_assert_str_eq(c.source.files[0].sha256, hash);
    zi_compilation_free(&c);
}
END_TEST

/* ---- Refusals (E055) ----------------------------------------------------------------------------------- */

START_TEST(a_base_cannot_be_read_from_memory)
{
    struct zi_compilation c;
    ck_assert(!zt_compile(&c, "criteria varian extends \"lke-zi-2021.zi\" {\n}\n"));
    zt_expect_only(&c, "E055", 1, 25);
    ck_assert_ptr_nonnull(strstr(zt_find_code(&c, "E055")->message, "cannot read a base from memory"));
    zi_compilation_free(&c);
}
END_TEST

/* The language server's way: the text is the editor's, the file need not exist, the base is beside its path.
 */
START_TEST(an_editors_text_reads_its_base_beside_its_path)
{
    make_folder();
    char base[512], path[512];
    strcpy(base, write_file("dasar.zi", BASE));
    snprintf(path, sizeof path, "%s/belum-disimpan.zi", folder);
    static const char text[] = "criteria varian \"Varian\" extends \"dasar.zi\" {\n"
                               "  replace weight \"A.I.a\" 5\n"
                               "  replace weight \"A.I.b\" 25\n"
                               "}\n";
    struct zi_compilation c;
    struct zi_frontend_options options = {false, ZI_DIAG_ERROR_LIMIT};
    ck_assert(zi_compilation_open_text(&c, path, text, strlen(text), &options));
    ck_assert_uint_eq(c.source.n_files, 2);
    ck_assert_str_eq(c.source.files[0].name, path);
    ck_assert_str_eq(c.source.files[1].name, base);
    ck_assert_str_eq(c.criteria->name.text, "varian");
    zi_compilation_free(&c);
    const char *names[] = {"dasar.zi"};
    remove_folder(names, 1);
}
END_TEST

START_TEST(more_than_16_files_in_a_chain_is_E055)
{
    make_folder();
    /* f0.zi extends f1.zi … f16.zi extends nothing: 17 files. */
    char name[32], text[256];
    const char *names[17];
    static char stored[17][32];
    for (int i = 0; i <= 16; i++) {
        snprintf(name, sizeof name, "f%d.zi", i);
        if (i < 16)
            snprintf(text, sizeof text, "criteria f%d extends \"f%d.zi\" {\n}\n", i, i + 1);
        else
            snprintf(text, sizeof text, "criteria f16 {\n}\n");
        write_file(name, text);
        strcpy(stored[i], name);
        names[i] = stored[i];
    }
    char top[512];
    snprintf(top, sizeof top, "%s/f0.zi", folder);
    struct zi_compilation c;
    ck_assert(!compile_file(&c, top));
    zt_expect_only(&c, "E055", 1, 22);
    ck_assert_ptr_nonnull(strstr(zt_find_code(&c, "E055")->message, "more than 16 files"));
    /* Reported in the 16th file, the one whose base would be the 17th. */
    ck_assert_str_eq(
        zi_source_file_at(&c.source, zt_find_code(&c, "E055")->span.begin)->name + strlen(folder), "/f15.zi");
    zi_compilation_free(&c);
    remove_folder(names, 17);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("extends");
    TCase *chain = tcase_create("chain");
    tcase_add_test(chain, a_chain_of_three_files_is_one_merged_tree);
    tcase_add_test(chain, a_single_file_is_a_chain_of_one);
    tcase_add_test(chain, prerequisites_and_grades_are_edited_in_place);
    tcase_add_test(chain, a_verdicts_condition_takes_no_name_or_relaxation);
    tcase_add_test(chain, an_editors_text_reads_its_base_beside_its_path);
    suite_add_tcase(s, chain);
    TCase *refusals = tcase_create("refusals");
    tcase_add_test(refusals, a_base_cannot_be_read_from_memory);
    tcase_add_test(refusals, more_than_16_files_in_a_chain_is_E055);
    suite_add_tcase(s, refusals);
    return zt_run(s);
}
