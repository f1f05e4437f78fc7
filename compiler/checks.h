/* checks.h — the semantic checks that run between parsing and lowering. Each check is a file of its own:
 *
 *   check_decls.c     header, scales, items, inputs, duplicate names and codes, verdict order
 *   check_facts.c     grades, categories, facts and the verdicts prerequisites name; labels in conditions
 *   check_weights.c   group weights and modes, each item's points, views
 *   check_names.c     resolving every path to what it names ("did you mean …?")
 *   check_lets.c      the order of lets, and cycles among them
 *   check_types.c     types and value ranges of expressions
 *   check_verdicts.c  conditions that can never hold or always hold, verdicts an earlier one shadows
 *   check_units.c     thresholds in the wrong unit: 0.6 for 60% of a weight, 90% of an index
 *   check_codes.c     item codes that break the worksheet numbering (A.I.1.i.a sits in sub-area A.I.1.i)
 *   check_limits.c    no more inputs, outputs, conditions and verdicts than a module holds
 *
 * They annotate the AST in place (the "Filled by the checks" fields of ast.h) and report to the
 * diagnostics engine; each keeps going after an error so that one run reports as much as it can. */
#ifndef ZI_CHECK_H
#define ZI_CHECK_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

/* A name → declaration map (open addressing, in the arena), one per scope. */
struct zi_symbol {
    const char *name;
    struct zi_ref ref;
    struct zi_span span;
};
struct zi_symtab {
    struct zi_symbol *slots;
    unsigned n, cap;
};

struct zi_checker {
    struct zi_criteria *criteria;
    struct zi_diag *diag;
    struct zi_arena *arena;
    struct zi_symtab top;      /* top-level groups, views, lets and `total` */
    struct zi_symtab scales;   /* scales, by name */
    struct zi_symtab keys;     /* data keys of every input (item codes, code.name, facts.fact) */
    struct zi_symtab labels;   /* grades and categories, by name */
    bool in_prerequisites;     /* resolving or checking a prerequisites block: facts may be read */
    const char **candidates;   /* scratch space for "did you mean" */
    struct zi_let **let_order; /* lets in evaluation order (dependencies first) */
    unsigned n_lets;
};

/* Runs every check on `criteria`. Returns true when there was no error (warnings allowed). The AST must
 * come from a parse without errors. */
bool zi_check(struct zi_criteria *criteria, struct zi_diag *diag, struct zi_arena *arena);

/* The passes, in the order zi_check runs them. */
void zi_check_decls(struct zi_checker *ck);
void zi_check_facts(struct zi_checker *ck);
void zi_check_weights(struct zi_checker *ck);
void zi_check_names(struct zi_checker *ck);
void zi_check_lets(struct zi_checker *ck);
void zi_check_types(struct zi_checker *ck);
void zi_check_verdicts(struct zi_checker *ck);
void zi_check_units(struct zi_checker *ck);
void zi_check_codes(struct zi_checker *ck);
void zi_check_limits(struct zi_checker *ck);
/* The prerequisites' conditions, like a verdict's (check_verdicts.c; after zi_check_verdicts). */
void zi_check_prerequisites(struct zi_checker *ck);

/* Shared by the declaration checks (check_decls.c). zi_check_duplicate reports E020 for `name`, already
 * declared at `first`; zi_check_declare_top declares a top-level name (groups, views, lets, facts blocks) and
 * returns false when it was taken (reported); zi_check_range validates an input's or fact's `in [lo, hi]` and
 * gives its bounds. */
void zi_check_duplicate(struct zi_checker *ck, struct zi_span span, struct zi_span first, const char *what,
                        const char *name);
bool zi_check_declare_top(struct zi_checker *ck, const char *what, struct zi_name name, struct zi_ref ref);
void zi_check_range(struct zi_checker *ck, const struct zi_input *in, double *lo, double *hi);

/* A label as the runtime compares it: case-insensitive, spaces trimmed and runs of spaces collapsed; in the
 * arena. */
char *zi_normalised_label(struct zi_arena *arena, const char *text);

/* Resolves the string literal `s` to a value of `labels` (its `number` gets the value's grade rank or
 * category number, zi/module.h): reports E062, with the closest labels, and returns false when it is none of
 * them (check_facts.c). */
bool zi_resolve_label(struct zi_checker *ck, struct zi_expr *s, const struct zi_labels *labels);

/* Symbol tables (symtab.c). Lookup returns NULL when absent; insert returns the existing symbol when the
 * name is taken (and inserts nothing), else NULL. */
struct zi_symbol *zi_symtab_lookup(const struct zi_symtab *tab, const char *name);
struct zi_symbol *zi_symtab_insert(struct zi_arena *arena, struct zi_symtab *tab, const char *name,
                                   struct zi_ref ref, struct zi_span span);

/* The closest of `candidates` to `name` within Damerau–Levenshtein distance 2 (1 for names under 4
 * characters), quoted for "did you mean …?": "'abcd'", or every candidate tied for closest ("'ab1' or 'ab2'",
 * at most five). NULL when none is close. The text is allocated in `arena`. */
const char *zi_suggest(struct zi_arena *arena, const char *name, const char *const *candidates, unsigned n);

/* Children of a group, items' inputs: the scope a path segment descends into. Returns the child named
 * `name` of `parent`, or a ref of kind ZI_REF_NONE. */
struct zi_ref zi_ref_child(const struct zi_ref *parent, const char *name);

/* The name and span a ref was declared with, for notes. */
const char *zi_ref_name(const struct zi_ref *ref);
const char *zi_ref_title(const struct zi_ref *ref);

/* The built-in functions (docs/language.md §4). */
enum zi_builtin { ZI_FN_NONE, ZI_FN_MIN, ZI_FN_MAX, ZI_FN_CLAMP, ZI_FN_ABS, ZI_FN_RATIO };

/* Tolerance of comparisons (docs/language.md §5); also used to compare weights. */
#define ZI_EPSILON 1e-9

/* Types and ranges of one expression, for the passes that meet expressions (check_types.c). `item` is the
 * item whose score or require rule this is, or NULL at the top level. */
void zi_check_expr(struct zi_checker *ck, struct zi_expr *e, struct zi_item *item);

/* One score an `all PATH …` condition compares: a child of the group, or a member of the view, at PATH. */
struct zi_all_member {
    struct zi_ref ref;
    const char *name;
    double weight;
};

/* The members an `all` condition over `r` (a group or a view) compares, in order, in the checker's arena;
 * `*n` gets their number. Returns NULL (and 0) when `r` is neither or has none. */
struct zi_all_member *zi_all_members(struct zi_checker *ck, const struct zi_ref *r, unsigned *n);

/* A list of names in plain words for a message: "'a'", "'a' and 'b'", "'a', 'b', 'c', 'd' and 3 more"
 * (without the quotes unless `quoted`); in the arena. `at(items, i)` gives the i-th name. */
const char *zi_name_list(struct zi_checker *ck, unsigned n, const char *(*at)(const void *items, unsigned i),
                         const void *items, bool quoted);

/* A number for a message: at most two decimals, no trailing zeros (7.5, 4.29, 100); in the arena. */
const char *zi_number_text(struct zi_checker *ck, double x);

/* Does comparison `op` hold for all values in the intervals / for none (check_types.c)? */
bool zi_compare_always(enum zi_binop op, double alo, double ahi, double blo, double bhi);
bool zi_compare_never(enum zi_binop op, double alo, double ahi, double blo, double bhi);

#endif
