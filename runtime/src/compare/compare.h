/* compare.h — the same units in several data files, side by side: the tiers of one evaluation (`zirun
 * compare`: the unit's self-assessment, the internal team's, the national team's) and the periods of a
 * monitoring (`zirun progress`: one file per month, or one file with a period column). Each file is read and
 * scored whole by zi_run_collect (zi/results.h); nothing here reads data or scores by its own means.
 *
 *   join.c      the units of every set matched by id, ignoring case and spaces, none dropped
 *   cells.c     what one unit shows in one set (scores, verdict, answers, errors), and the writers' helpers
 *   compare.c   tiers: scores and verdicts per tier, every changed answer with its points, where scores fall
 *   compare_html.c   the same as a page
 *   sheet_html.c     what the two pages share
 *   progress.c  periods: scores and verdict per period, the change since the previous one
 *   progress_html.c  the same as a page, with a line chart per unit (report/html.h's pieces)
 *   cli.c       the two sub-commands' command lines, dispatched from zirun.c (cli.h)
 *
 * Memory: every unit of every file is kept (zi/results.h: some 10 KB a unit for the LKE), so these are tools
 * for the units of an evaluation — hundreds or thousands — not for a million rows.
 */
#ifndef ZI_COMPARE_H
#define ZI_COMPARE_H

#include "zi/results.h"
#include "zirt.h"

/* ---- join.c ----------------------------------------------------------------------------------------------
 */

/* One unit of a set, with the id it is joined by: its own, or (a period column) the id without the period. */
struct zi_set_unit {
    const struct zi_unit_result *r;
    const char *id;
    size_t id_len;
};

/* One tier or period: a name given by the user and the units of one file (or of one period of a file). */
struct zi_set {
    const char *name; /* "tpi", "2026-01" */
    const char *file; /* the data file, for people */
    struct zi_set_unit *units;
    size_t n;
    /* The rows of a period column whose period could not be read: a unit not there is not missing. */
    int optional;
};

/* One unit across the sets. */
struct zi_joined {
    const char *id; /* as the first set that has it spells it (not NUL-terminated: id_len) */
    size_t id_len;
    uint32_t *at;  /* per set: the unit's index in set->units, or ZI_NONE when the set does not have it */
    uint64_t *dup; /* per set: the row of a later unit of that set with the same id, 0 when none */
};

struct zi_join {
    size_t n_sets, n;
    struct zi_joined *rows; /* the units in the order they first appear: the first set's, then the others' */
    uint32_t *at_store;
    uint64_t *dup_store;
};

/* Matches the units of `sets` by id, ignoring ASCII case, spaces and tabs (as the duplicate-id warning of a
 * run does): every unit of every set is in exactly one row, except a later unit of a set whose id is already
 * in that set, which marks the row (dup) instead: the set then has the unit twice, which is that set's error
 * for the unit. A unit with an empty id gets a row of its own. 0, or -1 out of memory (`j` freed). */
ZI_HIDDEN int zi_join_build(struct zi_join *j, const struct zi_set *sets, size_t n_sets);
ZI_HIDDEN void zi_join_free(struct zi_join *j);

/* ---- cells.c ----------------------------------------------------------------------------------------------
 */

enum zi_at {
    ZI_AT_OK,     /* scored, with a verdict */
    ZI_AT_ERRORS, /* in the set, with errors: no verdict, nothing compared */
    ZI_AT_TWICE,  /* in the set twice (ids equal but for case or spaces): which one counts cannot be told */
    ZI_AT_ABSENT, /* not in the set */
};
/* The unit of row `row` in set s, or NULL when absent. */
ZI_HIDDEN const struct zi_unit_result *zi_at_unit(const struct zi_join *j, const struct zi_set *sets,
                                                  size_t row, size_t s);
ZI_HIDDEN enum zi_at zi_at_state(const struct zi_join *j, const struct zi_set *sets, size_t row, size_t s);
/* Whether the reports leave set s out for row `row`: an optional set the unit is not in. */
ZI_HIDDEN int zi_at_skip(const struct zi_join *j, const struct zi_set *sets, size_t row, size_t s);

/* The outputs a comparison shows beside the total: the top-level groups and the view members (the areas),
 * as the table report does. Writes their indices to cols (m->n_outputs entries) and returns how many. */
ZI_HIDDEN uint32_t zi_compare_columns(const struct zi_module *m, uint32_t *cols);

/* Input i's answer v (a number, or a 1-based label; NaN when missing) for people: the label as reports
 * print it, a percentage as "87,5%", a number with `point`; `missing` when NaN. Appended to o. */
ZI_HIDDEN void zi_answer_text(struct zi_buf *o, const struct zi_input_desc *d, double v, char point,
                              const char *missing);
/* The same for tools (CSV, JSON): a label's text, or the shortest round-trip number as stored (a percentage
 * as its fraction); nothing when NaN. */
ZI_HIDDEN void zi_answer_plain(struct zi_buf *o, const struct zi_input_desc *d, double v);

/* A people's number: two decimals, `point` as the separator; "-" when not finite. */
ZI_HIDDEN size_t zi_people_number(double x, char point, char *buf);
/* A signed change for people: "+2,50", "-1,00", "0,00". */
ZI_HIDDEN size_t zi_people_change(double x, char point, char *buf);

/* JSON pieces: "key": ; a string or null; a finite number or null. */
ZI_HIDDEN void zi_json_key(struct zi_out *o, const char *k);
ZI_HIDDEN void zi_json_str(struct zi_out *o, const char *s);
ZI_HIDDEN void zi_json_num(struct zi_out *o, double x);
/* A unit's error lines (zi_unit_result.errors) as a JSON array of strings. */
ZI_HIDDEN void zi_json_errors(struct zi_out *o, const char *errors);
/* The text of a unit's state in one set that is not ZI_AT_OK, for people and for CSV's status column. */
ZI_HIDDEN const char *zi_at_status(enum zi_at a);

/* A report over the joined sets: what compare.c and progress.c share. The table shows per unit one line a
 * set (the unit's id on the first), with the total, the columns (zi_compare_columns) and the verdict, or what
 * keeps the set from having them; CSV has a row per unit and set; JSON an object per unit with one per set.
 */
struct zi_sheet {
    const struct zi_module *m;
    const struct zi_set *sets;
    size_t n_sets;
    const struct zi_join *j;
    enum zi_report_format format;
    enum zi_lang lang; /* ZI_LANG_ID or ZI_LANG_EN */
    char point;        /* people's decimal separator: ',' in Indonesian */
    int prerequisites; /* some verdict has prerequisites: proposability is shown */
    int one_file;      /* every set is of the same file (a period column) */
    struct zi_out out;
    uint32_t *cols, n_cols;
    size_t id_width, name_width, *widths; /* table: widths[0] the total's, widths[1 + k] column k's */
    struct zi_buf line;                   /* scratch */
};
/* 0, or -1 out of memory (free it all the same). */
ZI_HIDDEN int zi_sheet_init(struct zi_sheet *sh, const struct zi_module *m, const struct zi_set *sets,
                            size_t n_sets, const struct zi_join *j, FILE *f, enum zi_report_format format,
                            enum zi_lang lang);
ZI_HIDDEN void zi_sheet_free(struct zi_sheet *sh);
/* Table: the title line ("WHAT: criteria title — regulation"), the sets with their files and units, a blank
 * line and the column header, whose second column is named `set_word`. */
ZI_HIDDEN void zi_sheet_table_head(struct zi_sheet *sh, const char *what, const char *sets_word,
                                   const char *set_word);
/* Table: set s's line of row `row` without its line end: the id on the set's first line (`first`), the
 * set's name, then the numbers and verdict (and proposability), or why there are none. */
ZI_HIDDEN void zi_sheet_table_line(struct zi_sheet *sh, size_t row, size_t s, int first);
/* Table: the unit's errors in set s ("    ! tpi: row 4, column 3: …"), one a line. */
ZI_HIDDEN void zi_sheet_table_errors(struct zi_sheet *sh, size_t row, size_t s);
/* Table: the units that are not in every set, one a line with the sets they are missing from, under the
 * heading `heading`; nothing when every unit is in every set. Returns how many. */
ZI_HIDDEN size_t zi_sheet_table_absent(struct zi_sheet *sh, const char *heading);
/* CSV: the header's common columns (`set_word`,file,row,status,total,verdict[,proposable],columns…) after
 * "unit,", without a line end. */
ZI_HIDDEN void zi_sheet_csv_head(struct zi_sheet *sh, const char *set_word);
/* CSV: the common cells of row `row` in set s, matching zi_sheet_csv_head, the unit first. */
ZI_HIDDEN void zi_sheet_csv_cells(struct zi_sheet *sh, size_t row, size_t s);
/* CSV: the errors cell of row `row` in set s: the unit's errors, "; "-separated, or that it is twice in the
 * file. */
ZI_HIDDEN void zi_sheet_csv_errors(struct zi_sheet *sh, size_t row, size_t s);
/* JSON: the common members of set s's object for row `row` ("set_word":…,"status":…,…,"errors":[…]),
 * without braces. */
ZI_HIDDEN void zi_sheet_json_set(struct zi_sheet *sh, size_t row, size_t s, const char *set_word);
/* JSON: the document's start, the provenance then "sets_word":[{"name","file","units"}…], then
 * ",\"units\":[". */
ZI_HIDDEN void zi_sheet_json_head(struct zi_sheet *sh, const char *sets_word);
/* Units with errors in some set (or twice in one) and units missing from some set. */
ZI_HIDDEN void zi_sheet_counts(const struct zi_sheet *sh, size_t *with_errors, size_t *not_everywhere);
/* JSON: the document's end, ,"summary":{"units","SETS_WORD","with_errors","ABSENT_WORD","complete":true}}. */
ZI_HIDDEN void zi_sheet_json_summary(struct zi_sheet *sh, const char *sets_word, const char *absent_word);
/* The last line's text ("end of comparison: 6 units, 3 tiers, 2 with errors, 2 not in every file") into t (n
 * bytes): `end`, the units, the sets called `sets`, those with errors, those `not_everywhere`, joined by sep.
 */
ZI_HIDDEN void zi_sheet_last_line(const struct zi_sheet *sh, const char *sep, const char *end,
                                  const char *sets, const char *not_everywhere, char *t, size_t n);
/* Flushes; 0, or -1 with the errno of the failed write in *write_errno. */
ZI_HIDDEN int zi_sheet_finish(struct zi_sheet *sh, int *write_errno);

/* ---- sheet_html.c: the pages' shared pieces (report/html.h's shell) -------------------------------------
 * head: the page up to the sets ("Periode: 2026-01 (jan.csv), …"), with the page's own `css`; unit: row's
 * section, its heading and its table's head (a change column when change_word is not NULL), the table left
 * open for the rows; row: set s's row (`attr` names the set, e.g. data-tier; the change since the last
 * earlier set where the unit was scored with with_change), and the unit's errors in a row below; end: the
 * last line and the page's end. The caller closes a unit's table ("</tbody></table></div>") and section. */
ZI_HIDDEN void zi_sheet_html_head(struct zi_sheet *sh, const char *heading, const char *sets_word,
                                  const char *css);
ZI_HIDDEN void zi_sheet_html_unit(struct zi_sheet *sh, size_t row, const char *set_word,
                                  const char *change_word);
ZI_HIDDEN void zi_sheet_html_row(struct zi_sheet *sh, size_t row, size_t s, const char *attr,
                                 int with_change);
ZI_HIDDEN void zi_sheet_html_end(struct zi_sheet *sh, const char *last_line);

/* ---- compare.c: what the tier comparison's writers share (compare_html.c is the page) ------------------ */
struct zi_lowered {
    uint32_t units; /* units whose score here is lower at the later tier */
    double points;  /* the points they lost, summed */
};
struct zi_cmp {
    struct zi_sheet sh;
    uint32_t *first_input;  /* per output: its first input (zi_explain_first_inputs) */
    struct zi_lowered *low; /* per pair of tiers p (p → p + 1), per output: (n_sets - 1) × n_outputs */
    uint32_t *pair_units;   /* per pair: units scored at both tiers */
    uint32_t *pair_verdict; /* per pair: units whose verdict is worse at the later tier */
    uint32_t *order;        /* scratch: outputs ranked */
};
/* Whether input i's answer, or one of item o's, differs between the tiers where row's unit was scored. */
ZI_HIDDEN int zi_cmp_input_changed(const struct zi_cmp *c, size_t row, uint32_t i);
ZI_HIDDEN int zi_cmp_item_changed(const struct zi_cmp *c, size_t row, uint32_t o);
/* Item o's answers in unit r for people ("10/8" for an item of two inputs), appended to c->sh.line. */
ZI_HIDDEN void zi_cmp_item_answers(struct zi_cmp *c, const struct zi_unit_result *r, uint32_t o);
/* The outputs of pair p that were lowered, items (items) or columns, ranked — most units, then most points,
 * then the criteria's order — into c->order; returns how many. */
ZI_HIDDEN uint32_t zi_cmp_ranked(struct zi_cmp *c, size_t p, int items);
/* compare_html.c: the page of --format html, into c->sh.out. */
ZI_HIDDEN void zi_compare_html(struct zi_cmp *c);

/* ---- compare.c, progress.c ------------------------------------------------------------------------------
 * Write the comparison of `sets` (tiers, in the order given: each checks the one before) or the progress over
 * `sets` (periods, in period order) to `f` as `format` (table, CSV or JSON) in `lang` (ID or EN). Return 0,
 * or -1 when memory ran out (*write_errno 0) or writing failed (*write_errno the reason). */
ZI_HIDDEN int zi_compare_write(const struct zi_module *m, const struct zi_set *sets, size_t n_sets,
                               const struct zi_join *j, FILE *f, enum zi_report_format format,
                               enum zi_lang lang, int *write_errno);
/* progress.c: the last line of the progress report, counts separated by `sep`, into t (n bytes). */
ZI_HIDDEN void zi_progress_last_line(const struct zi_sheet *sh, const char *sep, char *t, size_t n);
/* progress_html.c: the page of --format html (a table and a line chart per unit), into sh->out. */
ZI_HIDDEN void zi_progress_html(struct zi_sheet *sh);
ZI_HIDDEN int zi_progress_write(const struct zi_module *m, const struct zi_set *sets, size_t n_sets,
                                const struct zi_join *j, FILE *f, enum zi_report_format format,
                                enum zi_lang lang, int *write_errno);

#endif /* ZI_COMPARE_H */
