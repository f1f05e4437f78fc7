/* model_diff.h — what changed between two rule sets, in the worksheet's terms (zic diff).
 *
 * Both sides are lowered models (model.h), so a criteria that `extends` another is compared as merged: what a
 * unit is scored by, wherever each line was written. Entries are matched by what people call them: items by
 * code, groups, views and lets by path, scales and facts by name, verdicts by name, a verdict's conditions by
 * verdict and operand ("total >= 75" → "total >= 80" is one change, not a removal and an addition), a
 * prerequisite by its name. Each change says where each side declared it (file:line of the chain). */
#ifndef ZI_MODEL_DIFF_H
#define ZI_MODEL_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "model.h"
#include "source.h"

/* One rule set: its model, the source text its spans point into, and its checked tree (for the scales',
 * grades' and categories' declarations, which the descriptor does not place). All borrowed. */
struct zi_diff_side {
    const struct zi_model *model;
    const struct zi_source *source;
    const struct zi_criteria *criteria;
};

/* The sections of a diff, in the order they are printed. */
enum zi_diff_section {
    ZI_DIFF_CRITERIA, /* id, title, language, regulation */
    ZI_DIFF_SCALES,
    ZI_DIFF_GROUPS,
    ZI_DIFF_ITEMS,
    ZI_DIFF_VIEWS, /* views' members and lets */
    ZI_DIFF_VERDICTS,
    ZI_DIFF_CONDITIONS, /* the verdicts' score conditions */
    ZI_DIFF_PREREQUISITES,
    ZI_DIFF_CHECKS, /* items' `require` rules */
    ZI_DIFF_FACTS,
    ZI_DIFF_SCORING, /* a difference in how units are scored that no entry above names */
    ZI_DIFF_N_SECTIONS
};

enum zi_diff_kind { ZI_DIFF_ADDED, ZI_DIFF_REMOVED, ZI_DIFF_CHANGED };

struct zi_diff_change {
    enum zi_diff_section section;
    enum zi_diff_kind kind;
    const char *subject; /* an item code, a group path, a scale or verdict name, a fact key … */
    const char *aspect;  /* ZI_DIFF_CHANGED: what changed ("weight", "text", "threshold", "moved", …) */
    const char *old_text, *new_text; /* each side as people read it; NULL on the side that lacks it */
    bool has_values;                 /* a number changed (weight, threshold, label score): */
    double old_value, new_value;
    const char *old_at, *new_at;          /* "file:line" of each side's declaration, NULL when none */
    int32_t old_condition, new_condition; /* the conditions' indices in each descriptor, else -1 */
    /* A condition one of several that one line declares (`all area >= 75%`): that line, else NULL. */
    const char *old_line, *new_line;
};

struct zi_diff {
    struct zi_arena arena; /* every string of the changes: they outlive the sides compared */
    struct zi_diff_change *changes;
    size_t n, cap;
};

/* Compares `old_side` with `new_side` into `out` (initialised here; release with zi_diff_free). Changes come
 * section by section; within one, in the old side's order, then what only the new side has. Exits on
 * out-of-memory, as the arena does. */
void zi_diff_models(const struct zi_diff_side *old_side, const struct zi_diff_side *new_side,
                    struct zi_diff *out);

void zi_diff_free(struct zi_diff *d);

/* The section's name for people ("Verdict conditions") and for JSON ("verdict_conditions"). */
const char *zi_diff_section_title(enum zi_diff_section s);
const char *zi_diff_section_key(enum zi_diff_section s);

/* A number as the criteria write it: a decimal point, at most `decimals` places, no trailing zeros ("18.25",
 * "0.33"). Writes into `buf` (at least 48 bytes) and returns it. */
char *zi_diff_number(double x, int decimals, char *buf);

/* The shortest decimal that reads back as exactly x ("0.6", "1e+20"), for JSON. Writes into `buf` (at least
 * 48 bytes) and returns it; "nan" or "inf" for the non-finite, which the caller writes as null. */
char *zi_diff_shortest(double x, char *buf);

#endif
