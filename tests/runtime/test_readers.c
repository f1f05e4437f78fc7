/* test_readers.c — csv.c and jsonscan.c on awkward input, with every buffer size from 1 byte up so that
 * records and objects are cut at every possible place. */
#include "fixture.h"
#include "zirt.h"

/* Reads all records of `text` with a window of `chunk` bytes into "row:field|field\n" lines. */
static char *csv_dump(const char *text, size_t chunk, char sep)
{
    FILE *f = fmemopen((void *)text, strlen(text), "rb");
    ck_assert_ptr_nonnull(f);
    struct zi_input in;
    ck_assert_int_eq(zi_input_init(&in, f, chunk), 0);
    struct zi_csv r;
    zi_csv_init(&r, &in, sep);
    struct zi_buf out;
    zi_buf_init(&out);
    int got;
    while ((got = zi_csv_next(&r)) == 1) {
        zi_buf_printf(&out, "%llu%s:", (unsigned long long)r.row, r.problem ? "!" : "");
        for (size_t i = 0; i < r.nf; i++) {
            zi_buf_puts(&out, i ? "|" : "");
            zi_buf_append(&out, r.f[i].p, r.f[i].len);
        }
        zi_buf_putc(&out, '\n');
    }
    ck_assert_int_eq(got, 0);
    zi_csv_free(&r);
    zi_input_free(&in);
    fclose(f);
    zi_buf_putc(&out, '\0');
    return out.p;
}

static void check_csv(const char *text, char sep, const char *want)
{
    for (size_t chunk = 1; chunk <= 40; chunk++) {
        char *got = csv_dump(text, chunk, sep);
        ck_assert_msg(strcmp(got, want) == 0, "chunk %zu: got\n%s\nwant\n%s", chunk, got, want);
        free(got);
    }
    char *got = csv_dump(text, 0, sep);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(csv_plain)
{
    check_csv("a,b,c\n1,2,3\n", ',', "1:a|b|c\n2:1|2|3\n");
    check_csv("a,b\r\n1,2\r\n", ',', "1:a|b\n2:1|2\n");
    check_csv("a,b", ',', "1:a|b\n");
    check_csv("a,b,\n,,\n", ',', "1:a|b|\n"); /* a row of only separators is an empty row (issue 11) */
    check_csv("a,b\n , \t,\r\n,x\n", ',', "1:a|b\n3:|x\n");
    check_csv("a\n\n\r\nb\n", ',', "1:a\n4:b\n");
    check_csv("a;b,c\n", ';', "1:a|b,c\n");
    check_csv("a\tb\n", '\t', "1:a|b\n");
    check_csv("", ',', "");
}
END_TEST

START_TEST(csv_quoted)
{
    check_csv("\"x,y\",\"he said \"\"hi\"\"\",z\n", ',', "1:x,y|he said \"hi\"|z\n");
    check_csv("\"line1\nline2\",b\nnext,row\n", ',', "1:line1\nline2|b\n2:next|row\n");
    check_csv("\"a\"\r\n\"\"\r\n", ',', "1:a\n2:\n");
    check_csv("a,\"\",c\n", ',', "1:a||c\n");
    check_csv("ab\"c,d\n", ',', "1:ab\"c|d\n"); /* a quote inside an unquoted field is text */
    check_csv("\"3,41\";\"x\"\n", ';', "1:3,41|x\n");
}
END_TEST

START_TEST(csv_malformed)
{
    /* A quote never closed: the record is its own line, flagged, and the next line is read as usual. */
    check_csv("u1,\"Ya,A\nu2,Ya\n", ',', "1!:u1|Ya,A\n2:u2|Ya\n");
    check_csv("\"ab\"cd,e\nf\n", ',', "1!:abcd|e\n2:f\n");
    check_csv("x,\"open", ',', "1!:x|open\n");
    /* The unclosed quote of row 1 would be closed by row 2's quote: both rows are kept, both flagged. */
    check_csv("r1,\"Ya,A\nr2,\"Ya\"x,B\nr3,C\n", ',', "1!:r1|Ya,A\n2!:r2|Yax|B\n3:r3|C\n");
}
END_TEST

START_TEST(csv_long_record)
{
    size_t n = 100000;
    char *text = malloc(n + 16);
    memset(text, 'x', n);
    memcpy(text + n, ",y\nz\n", 6);
    char *got = csv_dump(text, 64, ',');
    ck_assert_uint_eq(strlen(got), n + 9);
    ck_assert(memcmp(got + 2 + n, "|y\n2:z\n", 7) == 0);
    free(got);
    free(text);
}
END_TEST

START_TEST(csv_separator_guess)
{
    ck_assert_int_eq(zi_csv_guess_separator("unit;A.1;A.2\n", 13), ';');
    ck_assert_int_eq(zi_csv_guess_separator("unit,A.1,A.2\n", 13), ',');
    ck_assert_int_eq(zi_csv_guess_separator("unit\tA.1\tA.2\n", 13), '\t');
    ck_assert_int_eq(zi_csv_guess_separator("\"a;b;c\",d\n", 10), ',');
    ck_assert_int_eq(zi_csv_guess_separator("unit\n", 5), ',');
}
END_TEST

/* Scans `text` into "line:element\n" lines; the result ends with "=rc problem". */
static char *json_dump(const char *text, size_t chunk, enum zi_json_layout layout)
{
    FILE *f = fmemopen((void *)text, strlen(text), "rb");
    ck_assert_ptr_nonnull(f);
    struct zi_input in;
    ck_assert_int_eq(zi_input_init(&in, f, chunk), 0);
    struct zi_jsonscan s;
    zi_jsonscan_init(&s, &in, layout);
    struct zi_buf out;
    zi_buf_init(&out);
    const char *p;
    size_t len;
    int got;
    while ((got = zi_jsonscan_next(&s, &p, &len)) == 1) {
        zi_buf_printf(&out, "%llu:", (unsigned long long)s.unit_line);
        zi_buf_append(&out, p, len);
        zi_buf_putc(&out, '\n');
    }
    zi_buf_printf(&out, "=%d %s", got, got < 0 ? s.problem : "");
    zi_input_free(&in);
    fclose(f);
    return out.p;
}

static void check_json(const char *text, enum zi_json_layout layout, const char *want)
{
    for (size_t chunk = 1; chunk <= 48; chunk++) {
        char *got = json_dump(text, chunk, layout);
        ck_assert_msg(strcmp(got, want) == 0, "chunk %zu: got\n%s\nwant\n%s", chunk, got, want);
        free(got);
    }
}

/* ---- header.c, cp1252.c: header words, files that are not CSV, ids in Windows-1252 (issue 11) ---------- */

START_TEST(header_words)
{
    ck_assert(zi_is_unit_header(" Nama Unit Kerja ", 17) && zi_is_unit_header("nama_unit_kerja", 15));
    ck_assert(zi_is_unit_header("SATKER", 6) && zi_is_unit_header("unit  id", 8) &&
              !zi_is_unit_header("no", 2));
    ck_assert(zi_is_item_header("Butir", 5) && zi_is_item_header("kode_butir", 10));
    ck_assert(zi_is_answer_header("Nilai", 5) && zi_is_answer_header("JAWABAN", 7));
    ck_assert(zi_is_number_header("No.", 3) && zi_is_number_header("Nomor", 5) &&
              !zi_is_number_header("Nama", 4));
}
END_TEST

/* A1-style references both ways, within Excel's limits (cellref.c). */
START_TEST(cell_references)
{
    char letters[8];
    static const struct {
        uint32_t column;
        const char *name;
    } cols[] = {{1, "A"},   {4, "D"},    {26, "Z"},    {27, "AA"},    {52, "AZ"},
                {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        ck_assert_uint_eq(zi_column_letters(cols[k].column, letters), strlen(cols[k].name));
        ck_assert_str_eq(letters, cols[k].name);
    }
    uint32_t c = 0, r = 0;
    ck_assert_int_eq(zi_cell_ref_parse("D17", 3, &c, &r), 0);
    ck_assert_uint_eq(c, 4);
    ck_assert_uint_eq(r, 17);
    ck_assert_int_eq(zi_cell_ref_parse("xfd1048576", 10, &c, &r), 0);
    ck_assert_uint_eq(c, 16384);
    ck_assert_uint_eq(r, 1048576);
    static const char *const bad[] = {"XFE1", "A1048577",      "A0", "17", "D", "D1x", "",
                                      "$D$1", "AAAAAAAAAAAAA1"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        ck_assert_int_eq(zi_cell_ref_parse(bad[k], strlen(bad[k]), &c, &r), -1);
}
END_TEST

/* Excel's error values, which are never an answer nor an id; text that merely starts with '#' is not one. */
START_TEST(excel_errors)
{
    static const char *const errors[] = {"#N/A",   " #DIV/0! ", "#VALUE!", "#REF!",
                                         "#NAME?", "#NUM!",     "#NULL!"};
    for (size_t k = 0; k < sizeof errors / sizeof errors[0]; k++)
        ck_assert(zi_excel_error(errors[k], strlen(errors[k])));
    static const char *const not_errors[] = {"N/A", "#", "#N/A!", "#n/a", "#1", "NA", ""};
    for (size_t k = 0; k < sizeof not_errors / sizeof not_errors[0]; k++)
        ck_assert(!zi_excel_error(not_errors[k], strlen(not_errors[k])));
}
END_TEST

START_TEST(file_kinds)
{
    /* A ZIP archive is read as a workbook (xlsx_read.c) before its kind is asked. */
    ck_assert(zi_is_zip("PK\3\4xxxxxl/workbook.xml", 24));
    ck_assert(!zi_is_zip("PK\3", 3));
    ck_assert(!zi_is_zip("unit,PK\3\4", 9));
    ck_assert_ptr_nonnull(zi_file_kind("\xFF\xFEu\0n\0", 6, ZI_LANG_EN));
    ck_assert_ptr_nonnull(zi_file_kind("u\0n\0i\0t\0", 8, ZI_LANG_EN));
    ck_assert_ptr_null(zi_file_kind("unit,A.1\n", 9, ZI_LANG_EN));
    ck_assert_ptr_null(zi_file_kind("\xEF\xBB\xBFunit;A.1\n", 12, ZI_LANG_EN));
}
END_TEST

START_TEST(windows_1252_ids)
{
    ck_assert(zi_utf8_valid("Caf\xC3\xA9", 5) && !zi_utf8_valid("Caf\xE9", 4));
    ck_assert(!zi_utf8_valid("\xC0\x80", 2) && !zi_utf8_valid("\xED\xA0\x80", 3)); /* overlong, surrogate */
    struct zi_buf out;
    zi_buf_init(&out);
    zi_cp1252_to_utf8("Caf\xE9 \x80\x81\x93x\x94", 10, &out);
    zi_buf_putc(&out, '\0');
    ck_assert_str_eq(out.p, "Caf\xC3\xA9 \xE2\x82\xAC\xEF\xBF\xBD\xE2\x80\x9Cx\xE2\x80\x9D");
    zi_buf_free(&out);
}
END_TEST

START_TEST(json_document)
{
    check_json(
        "{\"criteria\":\"x\",\"units\":[{\"id\":\"a\",\"answers\":{\"A.1\":\"Ya\"}},\n {\"id\":\"b\"}],"
        "\"n\":[1,{\"u\":\"}\"}]}\n",
        ZI_JSON_DOCUMENT, "1:{\"id\":\"a\",\"answers\":{\"A.1\":\"Ya\"}}\n2:{\"id\":\"b\"}\n=0 ");
    check_json("{\"units\":[{\"id\":\"a}{\",\"answers\":{\"k\":\"\\\"}\"}}]}", ZI_JSON_DOCUMENT,
               "1:{\"id\":\"a}{\",\"answers\":{\"k\":\"\\\"}\"}}\n=0 ");
    check_json(" [ {\"id\":1} , {\"id\":2} ] ", ZI_JSON_DOCUMENT, "1:{\"id\":1}\n1:{\"id\":2}\n=0 ");
    check_json("{\"units\":[]}", ZI_JSON_DOCUMENT, "=0 ");
    check_json("{\"units\":[\"text\", 12, {\"id\":3}]}", ZI_JSON_DOCUMENT,
               "1:\"text\"\n1:12\n1:{\"id\":3}\n=0 ");
}
END_TEST

START_TEST(json_broken)
{
    check_json("{\"units\":[{\"id\":\"a\"}\n {\"id\":\"b\"}]}", ZI_JSON_DOCUMENT,
               "1:{\"id\":\"a\"}\n=-1 line 2: expected ',' or ']' between units");
    check_json("{\"x\":1}", ZI_JSON_DOCUMENT, "=-1 line 1: no \"units\" array in the JSON document");
    check_json("{\"units\":[{\"id\":\"a\"}", ZI_JSON_DOCUMENT,
               "1:{\"id\":\"a\"}\n=-1 line 1: the JSON document ends too early");
    check_json("{\"units\":[{\"id\":\"a\"", ZI_JSON_DOCUMENT,
               "=-1 line 1: the JSON document ends inside a unit");
    check_json("{\"units\":{}}", ZI_JSON_DOCUMENT, "=-1 line 1: \"units\" must be an array of unit objects");
    check_json("{\"units\":[]} x", ZI_JSON_DOCUMENT, "=-1 line 1: text after the end of the JSON document");
}
END_TEST

START_TEST(json_lines)
{
    check_json("{\"id\":\"a\"}\n\n  {\"id\":\"b\"}  \r\n{broken\n", ZI_JSON_LINES,
               "1:{\"id\":\"a\"}\n3:{\"id\":\"b\"}\n4:{broken\n=0 ");
    ck_assert_int_eq(zi_json_looks_like_lines("{\"id\":\"a\"}\n{\"id\":\"b\"}", 21), 1);
    ck_assert_int_eq(zi_json_looks_like_lines("{\"answers\":{\"units\":1}}\n", 25), 1);
    ck_assert_int_eq(zi_json_looks_like_lines("{\"units\":[]}\n", 13), 0);
    ck_assert_int_eq(zi_json_looks_like_lines("{\n\"units\":[]}\n", 14), 0);
    ck_assert_int_eq(zi_json_looks_like_lines("[{\"id\":1}]", 10), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime readers");
    TCase *csv = tcase_create("csv");
    tcase_add_test(csv, csv_plain);
    tcase_add_test(csv, csv_quoted);
    tcase_add_test(csv, csv_malformed);
    tcase_add_test(csv, csv_long_record);
    tcase_add_test(csv, csv_separator_guess);
    suite_add_tcase(s, csv);
    TCase *json = tcase_create("json");
    tcase_add_test(csv, header_words);
    tcase_add_test(csv, file_kinds);
    tcase_add_test(csv, cell_references);
    tcase_add_test(csv, excel_errors);
    tcase_add_test(csv, windows_1252_ids);
    tcase_add_test(json, json_document);
    tcase_add_test(json, json_broken);
    tcase_add_test(json, json_lines);
    suite_add_tcase(s, json);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
