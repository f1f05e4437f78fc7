/* testfile.h — a criteria tests file (`.zt`, docs/tools.md "zic test") as the parser reads it: the criteria
 * it tests and its cases, each a unit described in a few lines and what that unit must produce.
 *
 * The same scanner and parser as a criteria file read it (parser.y, its `tests` rules), so a tests file gets
 * the same located diagnostics; the words only a tests file has (`case`, `best`, `fails`, …) are keywords
 * there alone, never in a criteria file. Nothing here knows the criteria: resolving a path or a label against
 * the module is compiler/testcase.c's job. */
#ifndef ZI_TESTFILE_H
#define ZI_TESTFILE_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

enum zi_test_line_kind {
    /* What the unit is. */
    ZI_TEST_ALL_BEST,  /* `all best`: every answer at its best */
    ZI_TEST_ALL_WORST, /* `all worst` */
    ZI_TEST_ALL_LABEL, /* `all "B"`: every scale answer that has the label `text` */
    ZI_TEST_ROW, /* `row N of "FILE"`: the unit on row `number` of `text` (relative to the tests file) */
    ZI_TEST_SET, /* `"A.I.1.i.a" = "Tidak"`, `ipak = 3.59`, `unit.tlhp = 99%`, `x = missing` */
    /* What it must produce. */
    ZI_TEST_VERDICT,    /* `verdict WBK` */
    ZI_TEST_PROPOSABLE, /* `proposable yes|no|relaxed|unknown|na` */
    ZI_TEST_SCORE,  /* `total 75.00`, `"A.1" 20`: a score (total, group, view member, item) to two decimals */
    ZI_TEST_FAILS,  /* `fails "total >= 75"`, `fails WBK "total >= 75"` */
    ZI_TEST_PASSES, /* `passes …`, the same */
    ZI_TEST_ERROR,  /* `error`: the unit is reported with errors (no verdict) */
};

/* The value of a ZI_TEST_SET line. */
enum zi_test_value_kind {
    ZI_TEST_VALUE_NUMBER, /* `number` (a percentage already divided by 100) */
    ZI_TEST_VALUE_STRING, /* a label, `text` */
    ZI_TEST_VALUE_BOOL,   /* true / false: `number` is 1 or 0 */
    ZI_TEST_VALUE_MISSING /* `missing`: the answer left blank */
};

struct zi_test_line {
    enum zi_test_line_kind kind;
    struct zi_span span;  /* the whole line */
    struct zi_string key; /* SET: a key written as a string; ALL_LABEL: the label; ROW: the file;
                           * FAILS/PASSES: the condition's text or a prerequisite's name */
    struct zi_path path;  /* SET and SCORE: the path written (n 0 when the key is a string) */
    struct zi_name word;  /* VERDICT: the verdict; PROPOSABLE: the word; FAILS/PASSES: the verdict, or
                           * text NULL for any */
    enum zi_test_value_kind value_kind; /* SET */
    struct zi_string value;             /* SET with a string value */
    double number;                      /* SET (a number), SCORE (the expected score), ROW (the row) */
    struct zi_span number_span;         /* where `number` was written */
    struct zi_test_line *next;
};

struct zi_test_case {
    struct zi_string name;
    struct zi_string like; /* `case "B" like "A"`: starts from case A's unit; text NULL when none */
    struct zi_span span;   /* `case "…"` */
    struct zi_test_line *lines, *last_line;
    struct zi_test_case *next;
};

struct zi_test_file {
    struct zi_string criteria; /* `tests "lke-zi-2021.zi"`: relative to the tests file's folder */
    struct zi_test_case *cases, *last_case;
    unsigned n_cases;
};

/* Parses the tests file held by `source` (one file). Returns the file's cases allocated in `arena`, never
 * NULL (possibly empty or partial); syntax errors are in `diag`, and the result is only fit to run when diag
 * has no errors. Exits with a message when out of memory, as zi_parse does. */
struct zi_test_file *zi_parse_tests(const struct zi_source *source, struct zi_arena *arena,
                                    struct zi_diag *diag);

/* ---- The grammar's builders for tests files (build_tests.c), called from parser.y's one-line actions ----
 */
struct zi_parse_context;

struct zi_test_line_list {
    struct zi_test_line *first, *last;
};

struct zi_test_line *zi_new_test_line(struct zi_parse_context *ctx, enum zi_test_line_kind kind,
                                      struct zi_span span);
struct zi_test_line *zi_build_test_text(struct zi_parse_context *ctx, enum zi_test_line_kind kind,
                                        struct zi_name verdict, struct zi_string text, struct zi_span span);
struct zi_test_line *zi_build_test_row(struct zi_parse_context *ctx, double row, struct zi_span row_span,
                                       struct zi_string file, struct zi_span span);
/* A SET line's key before its value: `key` a string, or `path`. */
struct zi_test_line *zi_build_test_key(struct zi_parse_context *ctx, struct zi_string key,
                                       struct zi_path path);
struct zi_test_line *zi_build_test_value(struct zi_parse_context *ctx, struct zi_test_line *line,
                                         enum zi_test_value_kind kind, double number, struct zi_string text,
                                         struct zi_span value_span, struct zi_span span);
/* A score expected: of the output at `path`, or of the item whose code is `code` (a string). */
struct zi_test_line *zi_build_test_score(struct zi_parse_context *ctx, struct zi_string code,
                                         struct zi_path path, double expected, struct zi_span number_span,
                                         struct zi_span span);
struct zi_test_line *zi_build_test_word(struct zi_parse_context *ctx, enum zi_test_line_kind kind,
                                        struct zi_name word, struct zi_span span);
/* Appends `line` (NULL for a line the parser skipped) to `list`. */
struct zi_test_line_list zi_build_test_lines(struct zi_test_line_list list, struct zi_test_line *line);
void zi_set_tests_criteria(struct zi_parse_context *ctx, struct zi_string criteria);
void zi_add_test_case(struct zi_parse_context *ctx, struct zi_string name, struct zi_string like,
                      struct zi_test_line_list lines, struct zi_span span);

/* The keyword token of `word` in a tests file, or 0 when it is none of a tests file's own words. */
int zi_test_keyword(const char *word, size_t len);

#endif
