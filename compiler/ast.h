/* ast.h — the syntax tree of a .zi file, built by the parser (grammar/parser.y) in the compilation's arena
 * and annotated in place by the checks (types, value ranges, resolved references, weights). Nothing here is
 * freed on its own: zi_arena_free releases the whole tree.
 *
 * Lists are singly linked through `next`, in source order. */
#ifndef ZI_AST_H
#define ZI_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"
#include "zi/module.h"

struct zi_name {
    const char *text; /* NULL when absent */
    struct zi_span span;
};

struct zi_string {
    const char *text; /* unescaped UTF-8; NULL when absent */
    struct zi_span span;
};

struct zi_path {
    struct zi_name *segments; /* arena array */
    unsigned n;
    struct zi_span span;
};

/* ZI_TYPE_LABEL is the value of a grade or category fact (the expression's `labels` say which);
 * ZI_TYPE_STRING a string literal, which only such a fact can be compared with. */
enum zi_type {
    ZI_TYPE_ERROR,
    ZI_TYPE_NUMBER,
    ZI_TYPE_PERCENT,
    ZI_TYPE_POINTS,
    ZI_TYPE_BOOL,
    ZI_TYPE_LABEL,
    ZI_TYPE_STRING,
};

enum zi_expr_kind {
    ZI_EXPR_ERROR, /* stands in for a part that failed to parse or broke a limit */
    ZI_EXPR_NUMBER,
    ZI_EXPR_BOOL,
    ZI_EXPR_PATH,
    ZI_EXPR_CALL,
    ZI_EXPR_NEG,
    ZI_EXPR_NOT,
    ZI_EXPR_BINARY,
    ZI_EXPR_IF,
    ZI_EXPR_STRING, /* a label of a grade or category: "pemda" */
    ZI_EXPR_IN,     /* lhs in [STRING, …]: the strings are `args` */
};

enum zi_binop {
    ZI_OP_ADD,
    ZI_OP_SUB,
    ZI_OP_MUL,
    ZI_OP_DIV,
    ZI_OP_AND,
    ZI_OP_OR,
    ZI_OP_GE,
    ZI_OP_GT,
    ZI_OP_LE,
    ZI_OP_LT,
    ZI_OP_EQ,
    ZI_OP_NE,
};

enum zi_ref_kind {
    ZI_REF_NONE,
    ZI_REF_TOTAL,
    ZI_REF_GROUP,
    ZI_REF_ITEM,
    ZI_REF_INPUT, /* an input of a score item, or a question's own answer */
    ZI_REF_LET,
    ZI_REF_VIEW,   /* a whole view: only valid after `all` */
    ZI_REF_MEMBER, /* one member of a view */
    ZI_REF_FACTS,  /* a `facts` block: only valid with '.' and a fact after it */
    ZI_REF_FACT,   /* one fact (an input with no item) */
};

struct zi_group;
struct zi_item;
struct zi_input;
struct zi_let;
struct zi_view;
struct zi_view_member;
struct zi_facts;
struct zi_labels;

struct zi_ref {
    enum zi_ref_kind kind;
    union {
        struct zi_group *group;
        struct zi_item *item;
        struct zi_input *input;
        struct zi_let *let;
        struct zi_view *view;
        struct zi_view_member *member;
        struct zi_facts *facts;
        unsigned label; /* the index of a grade's or category's value (check_facts.c's table of spellings) */
    } u;
};

struct zi_expr {
    enum zi_expr_kind kind;
    struct zi_span span;
    unsigned depth;            /* height of this subtree, bounded by ZI_MAX_EXPR_DEPTH */
    double number;             /* ZI_EXPR_NUMBER, already divided by 100 when is_percent */
    bool is_percent;           /* ZI_EXPR_NUMBER written with '%' */
    bool boolean;              /* ZI_EXPR_BOOL */
    struct zi_path path;       /* ZI_EXPR_PATH; ZI_EXPR_CALL: the function's name (one segment) */
    enum zi_binop op;          /* ZI_EXPR_BINARY */
    struct zi_expr *lhs, *rhs; /* operands; ZI_EXPR_IF: then and else; ZI_EXPR_NEG/NOT: lhs */
    struct zi_expr *cond;      /* ZI_EXPR_IF */
    struct zi_expr *args;  /* ZI_EXPR_CALL: the arguments; ZI_EXPR_IN: the strings; chained through `next` */
    struct zi_string text; /* ZI_EXPR_STRING */
    struct zi_expr *next;  /* the next argument of a call */
    unsigned n_args;
    /* Filled by the checks. */
    enum zi_type type;
    double lo, hi;          /* the values the expression can take, for E030/W104/W106/W109 */
    double weight;          /* ZI_TYPE_POINTS: the maximum of the referenced score */
    bool percent_of_weight; /* a comparison of points with a percentage: the percentage is of `weight` */
    struct zi_ref ref;      /* ZI_EXPR_PATH */
    int builtin;            /* ZI_EXPR_CALL: enum zi_builtin */
    const struct zi_labels
        *labels; /* ZI_TYPE_LABEL: the grade or category; a resolved ZI_EXPR_STRING: its own */
    /* A resolved ZI_EXPR_STRING has its value in `number`: a grade's rank (worst 1 … best n), a category's
     * 1 + the value's index, as the module reads them (zi/module.h). */
};

struct zi_scale_entry {
    struct zi_scale_entry *next;
    struct zi_string label;
    double value;
    struct zi_span value_span;
};

struct zi_scale {
    struct zi_scale *next;
    struct zi_name name;
    struct zi_string title;
    struct zi_scale_entry *entries;
    unsigned n_entries;
    struct zi_span span;
    bool used;
};

struct zi_input {
    struct zi_input *next;
    struct zi_name name; /* a question's implicit input is named "answer"; a fact's own name */
    struct zi_string title;
    struct zi_name
        type; /* number | percent | count | a scale; for a fact also boolean | a grade | a category */
    struct zi_facts *facts; /* the block of a fact, NULL for an answer */
    bool has_range;
    double lo, hi;
    struct zi_span range_span;
    struct zi_span span;
    /* Filled by the checks. */
    enum zi_input_kind kind;
    struct zi_scale *scale;
    struct zi_labels *labels; /* a grade or category fact */
    struct zi_item *item;     /* NULL for a fact */
    const char *key;          /* the data key: the item's code, or code.name, or FACTS.FACT for a fact */
    bool used;
    int index; /* position among all inputs, set by the model */
};

struct zi_require {
    struct zi_require *next;
    struct zi_expr *expr;
    struct zi_string message;
    struct zi_span span;
};

struct zi_member {
    struct zi_member *next;
    struct zi_group *group; /* exactly one of group and item */
    struct zi_item *item;
};

enum zi_policy { ZI_POLICY_DEFAULT = -1, ZI_POLICY_ZERO = 0, ZI_POLICY_EXCLUDE = 1, ZI_POLICY_ERROR = 2 };

struct zi_item {
    bool is_score; /* `score` block (inputs + expression) rather than `question` */
    struct zi_string code;
    struct zi_name name; /* defaults to the code's last segment */
    struct zi_string text;
    struct zi_input *inputs; /* a question has exactly one, its answer */
    struct zi_require *requires;
    bool has_weight;
    double weight;
    struct zi_span weight_span;
    enum zi_policy missing;
    struct zi_span missing_span;
    struct zi_expr *expr; /* score expression, NULL for a scale question */
    struct zi_span span;
    struct zi_group *parent;
    /* Filled by the checks. */
    enum zi_policy policy; /* missing policy in force */
    double points;         /* maximum points of this item within its group */
    /* Filled by the model. */
    uint32_t op_present, op_score, op_points; /* answered; normalised score in [0, 1]; points */
    int output;
};

enum zi_group_mode { ZI_GROUP_SUM, ZI_GROUP_MEAN, ZI_GROUP_RELATIVE };

struct zi_group {
    struct zi_name name;
    struct zi_string title;
    bool has_weight;
    double weight;
    struct zi_span weight_span;
    bool relative;
    struct zi_member *members;
    struct zi_span span;
    struct zi_group *parent;
    /* Filled by the checks. */
    enum zi_group_mode mode;
    unsigned depth;
    const char *code; /* the worksheet number its members extend ("A.I.2.ii"); "" when none (check_codes.c) */
    /* Filled by the model. */
    uint32_t op;
    int output;
};

struct zi_let {
    struct zi_let *next;
    struct zi_name name;
    struct zi_string title;
    struct zi_expr *expr;
    struct zi_span span;
    /* Filled by the checks. */
    int visit; /* 0 unvisited, 1 in progress, 2 done: cycle detection */
    bool used;
    unsigned order; /* evaluation order */
    /* Filled by the model. */
    uint32_t op;
    int output;
};

struct zi_view_member {
    struct zi_name name;
    const char *title;
    double weight;
    struct zi_ref *parts; /* the child of that name in each group of the view (a group or an item) */
    /* Filled by the model. */
    uint32_t op;
    int output;
};

struct zi_view {
    struct zi_view *next;
    struct zi_name name;
    struct zi_string title;
    struct zi_path *paths; /* arena array */
    unsigned n_paths;
    struct zi_span span;
    /* Filled by the checks. */
    struct zi_group **groups;
    struct zi_view_member *members;
    unsigned n_members;
};

struct zi_condition {
    struct zi_condition *next;
    struct zi_expr *expr; /* a plain condition; or for `all`, the comparison with lhs a placeholder */
    bool is_all;
    struct zi_path all_path;
    enum zi_binop all_op;
    struct zi_expr *all_rhs;
    struct zi_span span;
    struct zi_string
        name;           /* a prerequisite's name in reports; NULL text when none (its source text is used) */
    bool is_relaxation; /* a `relaxation` line of a prerequisites block */
    /* Filled by the checks. */
    struct zi_ref all_ref;
};

struct zi_verdict {
    struct zi_verdict *next;
    struct zi_name name;
    struct zi_string title;
    struct zi_condition *conditions;
    bool is_otherwise;
    struct zi_span span;
    /* Filled by the checks. */
    struct zi_prerequisites *prerequisites; /* its block, or NULL */
};

/* One value of a grade or category: its name (spellings[0]: what conditions compare with and reports print)
 * and the other spellings data may use. */
struct zi_label_value {
    struct zi_label_value *next;
    struct zi_string *spellings; /* arena array */
    unsigned n_spellings;
    struct zi_span span;
};

/* A grade (ordered, best value first: `"AA" > "A" > …`) or a category (unordered values). */
struct zi_labels {
    struct zi_labels *next;
    struct zi_name name;
    struct zi_string title;
    bool ordered;
    struct zi_label_value *values;
    unsigned n_values, n_spellings;
    struct zi_span span;
    /* Filled by the checks. */
    bool used;
};

/* A `facts` block: inputs that carry no points, read by prerequisites only. */
struct zi_facts {
    struct zi_facts *next;
    struct zi_name name;
    struct zi_string title;
    struct zi_input *facts; /* each with `facts` pointing here and no item */
    struct zi_span span;
};

/* What a verdict requires beyond its score (`prerequisites VERDICT { … }`): conditions, each optionally
 * named, and the relaxation's conditions (is_relaxation), in source order. */
struct zi_prerequisites {
    struct zi_prerequisites *next;
    struct zi_name verdict;
    struct zi_string title;
    struct zi_condition *conditions;
    struct zi_span span;
    /* Filled by the checks. */
    struct zi_verdict *target;
};

/* The edits a criteria that `extends` another makes to its base (docs/language.md, "Rule sets that build on
 * each other"); compiler/merge.c applies them. */
enum zi_edit_kind {
    ZI_EDIT_REPLACE,    /* `replace DECL`: the declaration of that name, group path or item code, in place */
    ZI_EDIT_WEIGHT,     /* `replace weight PATH|CODE NUMBER` */
    ZI_EDIT_REMOVE,     /* `remove KIND NAME|PATH|CODE` */
    ZI_EDIT_ADD_TO,     /* `add to PATH { members }` */
    ZI_EDIT_CONDITIONS, /* `in verdict NAME { … }`, `in prerequisites VERDICT { … }` */
};

/* What an edit names. */
enum zi_decl_kind {
    ZI_DECL_SCALE,
    ZI_DECL_GROUP,
    ZI_DECL_ITEM,
    ZI_DECL_LET,
    ZI_DECL_VIEW,
    ZI_DECL_VERDICT,
    ZI_DECL_GRADE,
    ZI_DECL_CATEGORY,
    ZI_DECL_FACTS,
    ZI_DECL_PREREQUISITES, /* named by its verdict */
};

enum zi_condition_edit_kind { ZI_COND_REPLACE, ZI_COND_ADD, ZI_COND_REMOVE };

/* One line of `in verdict NAME { … }`. */
struct zi_condition_edit {
    struct zi_condition_edit *next;
    enum zi_condition_edit_kind kind;
    struct zi_condition *old;   /* REPLACE, REMOVE: the condition as the base writes it */
    struct zi_condition *added; /* REPLACE, ADD: the new condition */
    struct zi_span span;
};

struct zi_edit {
    struct zi_edit *next;
    enum zi_edit_kind kind;
    enum zi_decl_kind target;
    struct zi_path path;   /* the target's name (one segment) or group path; no segment for an item */
    struct zi_string code; /* an item's code */
    struct zi_span span;   /* the whole edit */
    union {                /* ZI_EDIT_REPLACE: the new declaration */
        struct zi_scale *scale;
        struct zi_group *group;
        struct zi_item *item;
        struct zi_let *let;
        struct zi_view *view;
        struct zi_verdict *verdict;
        struct zi_labels *labels;
        struct zi_facts *facts;
        struct zi_prerequisites *prerequisites;
    } u;
    struct zi_member *members; /* ZI_EDIT_ADD_TO */
    double weight;             /* ZI_EDIT_WEIGHT */
    struct zi_span weight_span;
    struct zi_condition_edit *conditions; /* ZI_EDIT_CONDITIONS, of a verdict or a prerequisites block */
};

/* Whether item codes are worksheet numbers that follow the groups (check_codes.c): by default when every
 * code looks like one, or as the criteria says with `numbering worksheet` / `numbering free`. */
enum zi_numbering { ZI_NUMBERING_AUTO, ZI_NUMBERING_WORKSHEET, ZI_NUMBERING_FREE };

/* The language the criteria are written in (`language id` / `language en`): the reports' default. */
enum zi_language { ZI_LANGUAGE_UNSET, ZI_LANGUAGE_ID, ZI_LANGUAGE_EN };

struct zi_criteria {
    struct zi_name name;
    struct zi_string title;
    struct zi_string regulation;
    enum zi_policy missing;
    struct zi_span missing_span;
    enum zi_numbering numbering;
    struct zi_span numbering_span;
    enum zi_language language;
    struct zi_span language_span;
    struct zi_scale *scales;
    struct zi_member *groups; /* top-level groups */
    struct zi_let *lets;
    struct zi_view *views;
    struct zi_verdict *verdicts; /* in order, `otherwise` included */
    struct zi_labels *labels;    /* grades and categories */
    struct zi_facts *facts;
    struct zi_prerequisites *prerequisites;
    struct zi_span span;
    struct zi_string extends; /* the base's path as written; NULL text when none */
    struct zi_edit *edits;    /* in source order; merge.c applies and clears them */
    /* Filled by the checks. */
    double total_weight;
    /* Filled by the model. */
    uint32_t op_total;
};

/* Limits that keep a hostile file from exhausting the stack (docs/language.md). */
#define ZI_MAX_GROUP_DEPTH 64
#define ZI_MAX_EXPR_DEPTH 256

#endif
