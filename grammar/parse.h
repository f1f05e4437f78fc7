/* parse.h — the front end's entry point: a .zi source in, a syntax tree out, syntax errors reported.
 *
 * The scanner (scanner.l) is reentrant and the parser (parser.y) pure: all state lives in a
 * struct zi_parse_context, so several files can be parsed at once on several threads. */
#ifndef ZI_PARSE_H
#define ZI_PARSE_H

#include <stdbool.h>

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
};

/* Parses `source`. Always returns a tree (possibly partial, with ZI_EXPR_ERROR placeholders) allocated in
 * `arena`; syntax errors are in `diag`. The tree is only fit for the checks when diag has no errors. */
struct zi_criteria *zi_parse(const struct zi_source *source, struct zi_arena *arena, struct zi_diag *diag);

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
/* A score block's body collects inputs and require rules before the item exists. */
struct zi_score_body {
    struct zi_input *inputs, *last_input;
    struct zi_require *requires, *last_require;
};

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

/* Top-level declarations, added to ctx->criteria in source order. */
void zi_add_header(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                   struct zi_span span);
void zi_add_regulation(struct zi_parse_context *ctx, struct zi_string regulation, struct zi_span span);
void zi_add_missing(struct zi_parse_context *ctx, enum zi_policy policy, struct zi_span span);
void zi_add_numbering(struct zi_parse_context *ctx, struct zi_name word, struct zi_span span);
void zi_add_scale(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                  struct zi_entry_list entries, struct zi_span span);
void zi_add_group(struct zi_parse_context *ctx, struct zi_group *group);
void zi_add_let(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                struct zi_expr *expr, struct zi_span span);
void zi_add_view(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                 struct zi_path_list paths, struct zi_span span);
void zi_add_verdict(struct zi_parse_context *ctx, struct zi_name name, struct zi_string title,
                    struct zi_condition_list conditions, bool is_otherwise, struct zi_span span);

/* The scanner's half of the interface (scanner.l): creates a scanner over ctx->source, or returns -1. */
int zi_lexer_create(struct zi_parse_context *ctx, void **scanner);
void zi_lexer_destroy(void *scanner);

#endif
