/* parse.h — the front end's entry point: a .zi source in, a syntax tree out, syntax errors reported.
 *
 * The scanner (scanner.l) is reentrant and the parser (parser.y) pure: all state lives in a
 * struct zi_parse_context, so several files can be parsed at once on several threads. */
#ifndef ZI_PARSE_H
#define ZI_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"

/* Brace nesting the scanner accepts: the criteria block, 64 levels of groups, a score block, and some
 * room. Deeper input is reported (E011) and parsing stops, so the parser's stack stays small. */
#define ZI_MAX_BRACE_DEPTH 70
#define ZI_MAX_PAREN_DEPTH ZI_MAX_EXPR_DEPTH

struct zi_parse_context {
    struct zi_arena *arena; /* borrowed: the tree is allocated here */
    struct zi_diag *diag;   /* borrowed: syntax errors go here */
    const struct zi_source *source;
    struct zi_criteria *criteria; /* the result, owned by the arena */
    bool fatal; /* parsing was stopped (a limit was hit): no further syntax errors are useful */
    /* The last element of each top-level list, for appending in O(1). */
    struct zi_scale *last_scale;
    struct zi_member *last_group;
    struct zi_let *last_let;
    struct zi_view *last_view;
    struct zi_verdict *last_verdict;
    struct zi_edit *last_edit;
    /* `replace` was read before a named declaration: the builder files that declaration as an edit. */
    bool replacing;
    struct zi_span replace_span;
    uint32_t begin; /* where the file being parsed begins in the source (a chain holds several) */
    struct zi_labels *last_labels;
    struct zi_facts *last_facts;
    struct zi_prerequisites *last_prerequisites;
    /* Where each open brace was opened, to say which block an unexpected end of file left open. */
    struct {
        const char *what; /* "criteria", "group", … */
        struct zi_span span;
    } open[ZI_MAX_BRACE_DEPTH + 1];
    unsigned n_open;
    struct zi_span parens[ZI_MAX_EXPR_DEPTH]; /* open parentheses, innermost last */
    unsigned n_parens;
    struct zi_span unclosed_paren; /* the innermost '(' left open when a declaration began */
    bool has_unclosed_paren;
    /* The last two tokens scanned: at a syntax error the last is the lookahead, and the slip is often just
     * after the one before it (a question's text with no ': SCALE' after it). */
    struct zi_span last_token, before_last_token;
    int item_keyword;          /* ZI_TOK_QUESTION, ZI_TOK_INPUT or ZI_TOK_FACT while reading one, else 0 */
    uint32_t lexical_error_at; /* offset of the latest lexical error: the parser adds none on its line */
    bool has_lexical_error;
    /* Every brace, in order, for the indentation check of an unbalanced file (braces.c). */
    struct zi_brace *braces; /* malloc'd by the scanner; freed by zi_lexer_destroy */
    size_t n_braces, cap_braces;
    bool swallowed_braces; /* an unterminated comment ran to the end: its braces are not in the list */
    /* A tests file (testfile.h) is read instead of a criteria file: its words are keywords, its result is
     * `tests`. */
    bool tests_mode;
    struct zi_test_file *tests;
};

/* A brace as the scanner saw it: where it is and, for an opening brace, the keyword that opened the block. */
struct zi_brace {
    uint32_t offset;
    bool open;
    const char *what;   /* "group", "scale", … (opening braces) */
    struct zi_span key; /* that keyword */
};

/* Explains unbalanced braces by indentation (rustc's "unclosed delimiter"): when the file has more '{' than
 * '}' or fewer, finds the block whose '}' is missing or the '}' that closes a block early, from where the
 * indentation of the lines disagrees with the nesting, and reports it there (E013) instead of where the
 * grammar gave up. Returns the offset from which the parser's syntax errors are follow-ons of it, or
 * UINT32_MAX when the braces balance or the indentation explains nothing (then the parser's errors stand). */
uint32_t zi_braces_explain(struct zi_parse_context *ctx);

/* Parses the file `file` of `source` (its region of the text). Always returns a tree (possibly partial, with
 * ZI_EXPR_ERROR placeholders) allocated in `arena`; syntax errors are in `diag`. The tree is only fit for the
 * checks when diag has no errors. */
struct zi_criteria *zi_parse(const struct zi_source *source, size_t file, struct zi_arena *arena,
                             struct zi_diag *diag);

/* Lists built left to right while parsing, with their last element for O(1) appends. */
struct zi_member_list {
    struct zi_member *first, *last;
};
struct zi_entry_list {
    struct zi_scale_entry *first, *last;
    unsigned n;
};
struct zi_condition_list {
    struct zi_condition *first, *last;
};
struct zi_arg_list {
    struct zi_expr *first, *last;
    unsigned n;
};
struct zi_condition_edit_list {
    struct zi_condition_edit *first, *last;
};
struct zi_path_list {
    struct zi_path *paths;
    unsigned n;
};
struct zi_item_options {
    bool has_weight;
    double weight;
    struct zi_span weight_span;
    enum zi_policy missing;
    struct zi_span missing_span;
};
struct zi_range {
    bool present;
    double lo, hi;
    struct zi_span span;
};
/* Facts, grades, categories and prerequisites (build_facts.c). */
struct zi_spelling_list { /* "kl" | "Kementerian/Lembaga" */
    struct zi_string *items;
    unsigned n;
    struct zi_span span;
};
struct zi_value_list {
    struct zi_label_value *first, *last;
    unsigned n;
};
struct zi_fact_list {
    struct zi_input *first, *last;
};
/* A score block's body collects inputs and require rules before the item exists. */
struct zi_score_body {
    struct zi_input *inputs, *last_input;
    struct zi_require *requires, *last_require;
};

/* Appends `node` to a top-level list whose last element the parse context remembers, so a file of a million
 * flat declarations parses in linear time. */
#define ZI_APPEND(head, tail, node)                                                                          \
    do {                                                                                                     \
        if (tail)                                                                                            \
            (tail)->next = (node);                                                                           \
        else                                                                                                 \
            (head) = (node);                                                                                 \
        (tail) = (node);                                                                                     \
    } while (0)

/* Builders called from the grammar's one-line actions (build.c). Each allocates in ctx->arena and reports
 * what the grammar alone cannot (a limit, a repeated option) to ctx->diag. */
struct zi_expr *zi_build_number(struct zi_parse_context *ctx, double value, bool percent,
                                struct zi_span span);
struct zi_expr *zi_build_bool(struct zi_parse_context *ctx, bool value, struct zi_span span);
struct zi_expr *zi_build_path_expr(struct zi_parse_context *ctx, struct zi_path path);
struct zi_expr *zi_build_call(struct zi_parse_context *ctx, struct zi_name name, struct zi_arg_list args,
                              struct zi_span span);
struct zi_arg_list zi_build_arg(struct zi_arg_list list, struct zi_expr *arg);
struct zi_expr *zi_build_unary(struct zi_parse_context *ctx, enum zi_expr_kind kind, struct zi_expr *operand,
                               struct zi_span span);
struct zi_expr *zi_build_binary(struct zi_parse_context *ctx, enum zi_binop op, struct zi_expr *lhs,
                                struct zi_expr *rhs, struct zi_span span);
struct zi_expr *zi_build_if(struct zi_parse_context *ctx, struct zi_expr *cond, struct zi_expr *then_expr,
                            struct zi_expr *else_expr, struct zi_span span);
struct zi_expr *zi_build_error_expr(struct zi_parse_context *ctx, struct zi_span span);
/* Arrays built while parsing (path segments, paths, spellings) live in the arena with a capacity that is the
 * next power of two of their length, so appending is amortised O(1) without storing a capacity: returns
 * `items`, or a copy of its `n` elements of `size` bytes with room for more, when n is 0 or a power of two.
 */
void *zi_build_grow(struct zi_parse_context *ctx, void *items, unsigned n, size_t size);
struct zi_input *zi_new_input(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                              struct zi_name type, struct zi_range range, struct zi_span span);
struct zi_path zi_build_path(struct zi_parse_context *ctx, struct zi_path path, struct zi_name segment);
struct zi_path_list zi_build_path_list(struct zi_parse_context *ctx, struct zi_path_list list,
                                       struct zi_path path);

struct zi_item_options zi_build_item_weight(struct zi_parse_context *ctx, struct zi_item_options options,
                                            double weight, struct zi_span span);
struct zi_item_options zi_build_item_missing(struct zi_parse_context *ctx, struct zi_item_options options,
                                             enum zi_policy policy, struct zi_span span);
struct zi_entry_list zi_build_scale_entry(struct zi_parse_context *ctx, struct zi_entry_list list,
                                          struct zi_string label, double value, struct zi_span value_span);
struct zi_member_list zi_build_member(struct zi_parse_context *ctx, struct zi_member_list list,
                                      struct zi_group *group, struct zi_item *item);
struct zi_group *zi_build_group(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                                struct zi_range weight, bool relative, struct zi_member_list members,
                                struct zi_span span);
struct zi_item *zi_build_question(struct zi_parse_context *ctx, struct zi_string code, struct zi_name name,
                                  struct zi_string text, struct zi_name type, struct zi_range range,
                                  struct zi_item_options options, struct zi_expr *expr, struct zi_span span);
struct zi_score_body zi_build_body_input(struct zi_parse_context *ctx, struct zi_score_body body,
                                         struct zi_name name, struct zi_string title, struct zi_name type,
                                         struct zi_range range, struct zi_span span);
struct zi_score_body zi_build_body_require(struct zi_parse_context *ctx, struct zi_score_body body,
                                           struct zi_expr *expr, struct zi_string message,
                                           struct zi_span span);
struct zi_item *zi_build_score(struct zi_parse_context *ctx, struct zi_string code, struct zi_name name,
                               struct zi_string text, struct zi_item_options options,
                               struct zi_score_body body, struct zi_expr *expr, struct zi_span span);
struct zi_condition_list zi_build_condition(struct zi_condition_list list, struct zi_condition *condition);
struct zi_condition *zi_build_plain_condition(struct zi_parse_context *ctx, struct zi_expr *expr);
struct zi_condition *zi_build_all_condition(struct zi_parse_context *ctx, struct zi_path path,
                                            enum zi_binop op, struct zi_expr *rhs, struct zi_span span);

struct zi_spelling_list zi_build_spelling(struct zi_parse_context *ctx, struct zi_spelling_list list,
                                          struct zi_string spelling);
struct zi_value_list zi_build_label_value(struct zi_parse_context *ctx, struct zi_value_list list,
                                          struct zi_spelling_list spellings);
struct zi_fact_list zi_build_fact(struct zi_parse_context *ctx, struct zi_fact_list list, struct zi_name name,
                                  struct zi_string title, struct zi_name type, struct zi_range range,
                                  struct zi_span span);
struct zi_expr *zi_build_string(struct zi_parse_context *ctx, struct zi_string text);
struct zi_expr *zi_build_in(struct zi_parse_context *ctx, struct zi_expr *lhs, struct zi_arg_list strings,
                            struct zi_span span);
/* A prerequisite's line: the condition with its name (a NULL text when none). */
struct zi_condition *zi_build_prerequisite(struct zi_condition *condition, struct zi_string name,
                                           bool is_relaxation);

/* Top-level declarations, added to ctx->criteria in source order. */
void zi_add_header(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                   struct zi_string extends, struct zi_span span);
void zi_add_regulation(struct zi_parse_context *ctx, struct zi_string regulation, struct zi_span span);
void zi_add_missing(struct zi_parse_context *ctx, enum zi_policy policy, struct zi_span span);
void zi_add_numbering(struct zi_parse_context *ctx, struct zi_name word, struct zi_span span);
void zi_add_language(struct zi_parse_context *ctx, struct zi_name word, struct zi_span span);
void zi_add_scale(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                  struct zi_entry_list entries, struct zi_span span);
void zi_add_group(struct zi_parse_context *ctx, struct zi_group *group);
void zi_add_let(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                struct zi_expr *expr, struct zi_span span);
void zi_add_view(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                 struct zi_path_list paths, struct zi_span span);
void zi_add_verdict(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                    struct zi_condition_list conditions, bool is_otherwise, struct zi_span span);

/* Edits of a base (`extends`), added to ctx->criteria->edits in source order. */
void zi_begin_replace(struct zi_parse_context *ctx, struct zi_span span);
/* Called by the builders of named declarations: when `replace` came before, files `node` (a scale, let, view,
 * verdict, grade, category, facts or prerequisites) as a replacement edit and returns true; else returns
 * false and the caller adds it. */
bool zi_take_replacement(struct zi_parse_context *ctx, enum zi_decl_kind kind, struct zi_name name,
                         void *node, struct zi_span span);
void zi_add_replace_group(struct zi_parse_context *ctx, struct zi_path path, struct zi_string title,
                          struct zi_range weight, bool relative, struct zi_member_list members,
                          struct zi_span span);
void zi_add_replace_item(struct zi_parse_context *ctx, struct zi_item *item, struct zi_span span);
void zi_add_replace_weight(struct zi_parse_context *ctx, struct zi_path path, struct zi_string code,
                           double weight, struct zi_span weight_span, struct zi_span span);
int zi_build_remove_kind(struct zi_parse_context *ctx, struct zi_name word);
void zi_add_remove(struct zi_parse_context *ctx, int kind, struct zi_path path, struct zi_string code,
                   struct zi_span span);
void zi_add_to(struct zi_parse_context *ctx, struct zi_path path, struct zi_member_list members,
               struct zi_span span);
struct zi_condition_edit *zi_build_condition_change(struct zi_parse_context *ctx,
                                                    enum zi_condition_edit_kind kind,
                                                    struct zi_condition *old, struct zi_condition *added,
                                                    struct zi_span span);
struct zi_condition_edit_list zi_build_condition_edit(struct zi_condition_edit_list list,
                                                      struct zi_condition_edit *edit);
void zi_add_condition_edits(struct zi_parse_context *ctx, int kind, struct zi_name name,
                            struct zi_condition_edit_list edits, struct zi_span span);
void zi_add_labels(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                   struct zi_value_list values, bool ordered, struct zi_span span);
void zi_add_facts(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                  struct zi_fact_list facts, struct zi_span span);
void zi_add_prerequisites(struct zi_parse_context *ctx, struct zi_name verdict, struct zi_string title,
                          struct zi_condition_list conditions, struct zi_span span);

/* The scanner's half of the interface (scanner.l): creates a scanner over ctx->source, or returns -1.
 * zi_lexer_destroy also frees the brace list the scanner kept in ctx. */
int zi_lexer_create(struct zi_parse_context *ctx, void **scanner);
void zi_lexer_destroy(void *scanner);

#endif
