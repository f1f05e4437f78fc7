/* testcase.c — a tests file's cases made into units and their results checked (testcase.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "testcase.h"

static const char *proposable_words[] = {"na", "yes", "relaxed", "no", "unknown"};

const char *zi_test_proposable_word(int32_t proposable)
{
    return proposable >= 0 && proposable <= ZI_PROPOSE_UNKNOWN ? proposable_words[proposable] : "?";
}

static char *path_text(struct zi_arena *arena, const struct zi_path *path)
{
    size_t len = 0;
    for (unsigned i = 0; i < path->n; i++)
        len += strlen(path->segments[i].text) + 1;
    char *text = zi_arena_alloc(arena, len + 1), *p = text;
    for (unsigned i = 0; i < path->n; i++)
        p += sprintf(p, "%s%s", i ? "." : "", path->segments[i].text);
    return text;
}

/* Whether output path `path` is `name` or ends with "." + name. */
static bool path_ends_with(const char *path, const char *name)
{
    size_t n = strlen(name), len = strlen(path);
    return len == n ? strcmp(path, name) == 0
                    : len > n && path[len - n - 1] == '.' && strcmp(path + len - n, name) == 0;
}

/* The output named `name`: its path, or the only one whose path ends with it; -1 (and *ambiguous set when
 * several end with it) otherwise. `kinds` is a bit set of enum zi_output_kind. */
static int32_t find_output(const struct zi_module *m, const char *name, unsigned kinds, bool *ambiguous)
{
    int32_t found = -1;
    *ambiguous = false;
    for (uint32_t o = 0; o < m->n_outputs; o++)
        if ((kinds >> m->outputs[o].kind & 1u) && strcmp(m->outputs[o].path, name) == 0) return (int32_t)o;
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        if (!(kinds >> m->outputs[o].kind & 1u) || !path_ends_with(m->outputs[o].path, name)) continue;
        if (found >= 0) *ambiguous = true;
        found = (int32_t)o;
    }
    return *ambiguous ? -1 : found;
}

/* The input a SET line names: an input's key, an item's code or path (an item with one input). */
static int32_t find_input(const struct zi_module *m, const char *name, struct zi_arena *arena,
                          const char **why)
{
    *why = NULL;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (strcmp(m->inputs[i].key, name) == 0) return (int32_t)i;
    int32_t item = -1;
    for (uint32_t o = 0; o < m->n_outputs && item < 0; o++)
        if (m->outputs[o].kind == ZI_OUTPUT_ITEM && m->outputs[o].code &&
            strcmp(m->outputs[o].code, name) == 0)
            item = (int32_t)o;
    bool ambiguous = false;
    if (item < 0) item = find_output(m, name, 1u << ZI_OUTPUT_ITEM, &ambiguous);
    if (ambiguous) {
        *why =
            zi_arena_printf(arena, "'%s' names several items; write the item's code or its whole path", name);
        return -1;
    }
    if (item < 0) return -1;
    int32_t input = -1;
    unsigned n = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (m->inputs[i].item == item) input = (int32_t)i, n++;
    if (n != 1) {
        *why = zi_arena_printf(arena, "item %s has %u inputs: name one by its key ('%s.NAME')",
                               m->outputs[item].code ? m->outputs[item].code : name, n,
                               m->outputs[item].code ? m->outputs[item].code : name);
        return -1;
    }
    return input;
}

static const char *number_cell(struct zi_arena *arena, double value)
{
    return zi_arena_printf(arena, "%.17g", value);
}

/* The cell of a label input whose stored value is `value` (a boolean's 1 or 0), or NULL. */
static const char *label_of_value(const struct zi_input_desc *in, double value)
{
    for (uint32_t k = 0; k < in->n_labels; k++)
        if (in->labels[k].value == value && !in->labels[k].printed_as) return in->labels[k].label;
    return NULL;
}

/* ---- `all best`, `all worst` ---------------------------------------------------------------------------
 *
 * A scale answer's best label is the one of the highest value. A number's best is not known from its type (a
 * count of violations is better low, of resolved complaints high), so each item's number inputs are tried at
 * both ends of their range (0 and 1 for an unbounded count) in every combination, the reference interpreter
 * scores the item each way, and the combination that scores the item highest (lowest for `all worst`) and
 * breaks none of its `require` rules is kept. All items are tried at once: combination j of every item is
 * unit j of one batch (items score independently of each other). */
enum { MAX_TRIED_INPUTS = 6 }; /* an item with more number inputs keeps the first 2^6 combinations */

static double range_end(const struct zi_input_desc *in, bool high)
{
    double lo = isfinite(in->min) ? in->min : 0;
    if (!high) return lo;
    return isfinite(in->max) ? in->max : lo + 1;
}

static void choose_extremes(const struct zi_test_plan *plan, bool best, const char **cells,
                            struct zi_arena *arena)
{
    const struct zi_module *m = plan->m;
    uint32_t n_units = 1;
    uint32_t *rank = calloc(m->n_inputs + 1, sizeof *rank); /* an input's bit in its item's combination */
    uint32_t *count = calloc(m->n_outputs + 1, sizeof *count);
    if (!rank || !count) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        if (in->role != ZI_ROLE_ANSWER || zi_input_has_labels(in->kind) || in->item < 0) continue;
        rank[i] = count[in->item]++;
        uint32_t tried = count[in->item] > MAX_TRIED_INPUTS ? MAX_TRIED_INPUTS : count[in->item];
        if ((1u << tried) > n_units) n_units = 1u << tried;
    }
    size_t n_codes = zi_tile_elements(n_units, m->n_code_columns ? m->n_code_columns : 1);
    size_t n_numbers = zi_tile_elements(n_units, m->n_number_columns ? m->n_number_columns : 1);
    size_t n_outputs = zi_tile_elements(n_units, m->n_outputs);
    size_t n_words = zi_tile_elements(n_units, m->n_failed_words);
    size_t n_operands = zi_tile_elements(n_units, m->n_conditions ? m->n_conditions : 1);
    uint8_t *codes = calloc(n_codes, 1);
    double *numbers = malloc(n_numbers * sizeof *numbers), *outputs = calloc(n_outputs, sizeof *outputs);
    double *lhs = calloc(n_operands, sizeof *lhs), *rhs = calloc(n_operands, sizeof *rhs);
    double *scratch = calloc(plan->model->n_ops + 1, sizeof *scratch);
    int32_t *verdict = calloc(zi_tile_elements(n_units, 1), sizeof *verdict);
    uint64_t *failed = calloc(n_words, sizeof *failed), *unknown = calloc(n_words, sizeof *unknown);
    if (!codes || !numbers || !outputs || !lhs || !rhs || !scratch || !verdict || !failed || !unknown) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    for (size_t k = 0; k < n_numbers; k++)
        numbers[k] = NAN;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        if (in->role != ZI_ROLE_ANSWER) continue;
        if (zi_input_has_labels(in->kind)) {
            uint32_t pick = 0;
            for (uint32_t k = 1; k < in->n_labels; k++)
                if (best ? in->labels[k].value > in->labels[pick].value
                         : in->labels[k].value < in->labels[pick].value)
                    pick = k;
            if (in->n_labels == 0) continue;
            cells[i] = in->labels[pick].label;
            for (uint32_t j = 0; j < n_units; j++)
                codes[zi_tile_index(j, in->column, m->n_code_columns)] = (uint8_t)(pick + 1);
        } else if (in->item >= 0) {
            for (uint32_t j = 0; j < n_units; j++) {
                uint32_t combination =
                    j % (1u << (count[in->item] > MAX_TRIED_INPUTS ? MAX_TRIED_INPUTS : count[in->item]));
                bool high = rank[i] < MAX_TRIED_INPUTS && (combination >> rank[i] & 1u);
                numbers[zi_tile_index(j, in->column, m->n_number_columns)] = range_end(in, high);
            }
        }
    }
    zi_interp_explain_batch(plan->model, scratch, n_units, codes, numbers, outputs, verdict, failed, unknown,
                            lhs, rhs);
    for (uint32_t item = 0; item < m->n_outputs; item++) {
        if (!count[item]) continue;
        uint32_t tried = 1u << (count[item] > MAX_TRIED_INPUTS ? MAX_TRIED_INPUTS : count[item]);
        int64_t pick = -1;
        double pick_score = 0;
        for (uint32_t j = 0; j < tried; j++) {
            bool broken = false;
            for (uint32_t c = 0; c < m->n_conditions && !broken; c++)
                broken = m->conditions[c].role == ZI_CONDITION_REQUIRE &&
                         m->conditions[c].item == (int32_t)item &&
                         (failed[zi_tile_index(j, c / 64, m->n_failed_words)] >> (c % 64) & 1u);
            double score = outputs[zi_tile_index(j, item, m->n_outputs)];
            if (!broken && (pick < 0 || (best ? score > pick_score : score < pick_score)))
                pick = j, pick_score = score;
        }
        for (uint32_t i = 0; i < m->n_inputs && pick >= 0; i++)
            if (m->inputs[i].item == (int32_t)item && !zi_input_has_labels(m->inputs[i].kind))
                cells[i] = number_cell(
                    arena, numbers[zi_tile_index((uint64_t)pick, m->inputs[i].column, m->n_number_columns)]);
    }
    free(rank), free(count), free(codes), free(numbers), free(outputs), free(lhs), free(rhs), free(scratch);
    free(verdict), free(failed), free(unknown);
}

/* ---- `row N of "FILE"` --------------------------------------------------------------------------------
 *
 * A data file is read once, whole, with the module (zi_run_collect: fine for the few hundred units a tests
 * file points at), and kept until the plan is made. */
struct row_file {
    const char *name;
    struct zi_results results;
    int status;
    char *messages; /* what the run said on its diagnostics stream */
    struct row_file *next;
};

static struct row_file *row_file_read(struct row_file **files, const struct zi_module *scorer,
                                      const char *path, struct zi_arena *arena)
{
    for (struct row_file *f = *files; f; f = f->next)
        if (strcmp(f->name, path) == 0) return f;
    struct row_file *f = zi_arena_alloc(arena, sizeof *f);
    f->name = zi_arena_printf(arena, "%s", path);
    f->next = *files;
    *files = f;
    size_t len = 0;
    FILE *diag = open_memstream(&f->messages, &len);
    FILE *in = fopen(path, "rb");
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.program = "zic";
    if (!in) {
        if (diag) fprintf(diag, "cannot open '%s': %s\n", path, strerror(errno));
        memset(&f->results, 0, sizeof f->results);
        f->status = ZI_RUN_FAILED;
    } else {
        f->status = zi_run_collect(scorer, in, path, diag, &opt, &f->results);
        fclose(in);
    }
    if (diag) fclose(diag);
    return f;
}

static void row_files_free(struct row_file *files)
{
    for (; files; files = files->next) {
        zi_results_free(&files->results);
        free(files->messages);
    }
}

static void copy_row(const struct zi_module *m, const struct zi_unit_result *u, const char **cells,
                     struct zi_arena *arena)
{
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        double a = u->answers[i];
        const struct zi_input_desc *in = &m->inputs[i];
        if (isnan(a))
            cells[i] = NULL;
        else if (zi_input_has_labels(in->kind) && a >= 1 && a <= in->n_labels)
            cells[i] = in->labels[(uint32_t)a - 1].label;
        else
            cells[i] = number_cell(arena, a);
    }
}

/* ---- Resolving a case -------------------------------------------------------------------------------------
 */
struct resolver {
    const struct zi_test_plan *plan;
    const struct zi_module *scorer;
    const char *dir;
    struct zi_arena *arena;
    struct zi_diag *diag;
    struct row_file *files;
    const char **best, **worst; /* computed on first use */
};

static bool apply_row(struct resolver *rv, const struct zi_test_line *line, const char **cells)
{
    const char *name = line->key.text;
    const char *path = name[0] == '/' || strcmp(rv->dir, ".") == 0
                           ? name
                           : zi_arena_printf(rv->arena, "%s/%s", rv->dir, name);
    struct row_file *f = row_file_read(&rv->files, rv->scorer, path, rv->arena);
    if (f->status == ZI_RUN_FAILED) {
        const char *said = f->messages ? f->messages : "";
        size_t n = strcspn(said, "\n");
        zi_diag_report(rv->diag, ZI_SEV_ERROR, line->key.span, "E084", "cannot read the units of '%s': %.*s",
                       name, (int)n, n ? said : "the run failed");
        return false;
    }
    for (size_t k = 0; k < f->results.n; k++)
        if (f->results.units[k].row == (uint64_t)line->number) {
            copy_row(rv->plan->m, &f->results.units[k], cells, rv->arena);
            return true;
        }
    struct zi_diagnostic *d = zi_diag_report(rv->diag, ZI_SEV_ERROR, line->number_span, "E084",
                                             "no unit starts on row %.0f of '%s'", line->number, name);
    if (f->results.n)
        zi_diag_add_hint(rv->diag, d, "its %zu unit%s start on rows %llu to %llu", f->results.n,
                         f->results.n == 1 ? "" : "s", (unsigned long long)f->results.units[0].row,
                         (unsigned long long)f->results.units[f->results.n - 1].row);
    return false;
}

static bool apply_set(struct resolver *rv, const struct zi_test_line *line, const char **cells)
{
    const struct zi_module *m = rv->plan->m;
    const char *name = line->key.text ? line->key.text : path_text(rv->arena, &line->path);
    const char *why;
    int32_t i = find_input(m, name, rv->arena, &why);
    if (i < 0) {
        if (why)
            zi_diag_report(rv->diag, ZI_SEV_ERROR, line->key.text ? line->key.span : line->path.span, "E081",
                           "%s", why);
        else
            zi_diag_report(rv->diag, ZI_SEV_ERROR, line->key.text ? line->key.span : line->path.span, "E081",
                           "'%s' is no answer or fact of %s: write an item's code, an input's key or a fact "
                           "('facts.name')",
                           name, m->criteria_id);
        return false;
    }
    const struct zi_input_desc *in = &m->inputs[i];
    switch (line->value_kind) {
    case ZI_TEST_VALUE_MISSING:
        cells[i] = NULL;
        break;
    case ZI_TEST_VALUE_STRING:
        cells[i] = line->value.text;
        break;
    case ZI_TEST_VALUE_BOOL:
        cells[i] = in->kind == ZI_INPUT_BOOLEAN ? label_of_value(in, line->number) : NULL;
        if (!cells[i]) {
            zi_diag_report(rv->diag, ZI_SEV_ERROR, line->number_span, "E082",
                           "'%s' is not a yes/no fact; give it %s", name,
                           zi_input_has_labels(in->kind) ? "one of its labels" : "a number");
            return false;
        }
        break;
    case ZI_TEST_VALUE_NUMBER:
        cells[i] = number_cell(rv->arena, line->number);
        break;
    }
    return true;
}

static bool apply_all_label(struct resolver *rv, const struct zi_test_line *line, const char **cells)
{
    const struct zi_module *m = rv->plan->m;
    bool any = false;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        if (in->role != ZI_ROLE_ANSWER || in->kind != ZI_INPUT_SCALE) continue;
        for (uint32_t k = 0; k < in->n_labels; k++)
            if (strcmp(in->labels[k].label, line->key.text) == 0) {
                cells[i] = in->labels[k].label;
                any = true;
            }
    }
    if (!any)
        zi_diag_report(rv->diag, ZI_SEV_ERROR, line->key.span, "E082", "no scale of %s has the label \"%s\"",
                       m->criteria_id, line->key.text);
    return any;
}

static bool apply_all(struct resolver *rv, bool best, const char **cells)
{
    const struct zi_module *m = rv->plan->m;
    const char ***chosen = best ? &rv->best : &rv->worst;
    if (!*chosen) {
        *chosen = zi_arena_alloc(rv->arena, (m->n_inputs + 1) * sizeof **chosen);
        choose_extremes(rv->plan, best, *chosen, rv->arena);
    }
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (m->inputs[i].role == ZI_ROLE_ANSWER) cells[i] = (*chosen)[i];
    return true;
}

static const char *verdict_ids(const struct zi_module *m, struct zi_arena *arena)
{
    const char *list = "";
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        list = zi_arena_printf(arena, "%s%s%s", list, v ? ", " : "", m->verdicts[v].id);
    return list;
}

static int32_t find_verdict(struct resolver *rv, const struct zi_name *word)
{
    const struct zi_module *m = rv->plan->m;
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (strcmp(m->verdicts[v].id, word->text) == 0) return (int32_t)v;
    zi_diag_report(rv->diag, ZI_SEV_ERROR, word->span, "E081", "%s has no verdict '%s' (its verdicts: %s)",
                   m->criteria_id, word->text, verdict_ids(m, rv->arena));
    return -1;
}

static bool resolve_expect(struct resolver *rv, const struct zi_test_line *line, struct zi_test_expect *e)
{
    const struct zi_module *m = rv->plan->m;
    e->line = line;
    e->verdict = -1;
    switch (line->kind) {
    case ZI_TEST_VERDICT:
        e->verdict = find_verdict(rv, &line->word);
        return e->verdict >= 0;
    case ZI_TEST_PROPOSABLE:
        for (int32_t p = 0; p <= ZI_PROPOSE_UNKNOWN; p++)
            if (strcmp(line->word.text, proposable_words[p]) == 0) {
                e->proposable = p;
                return true;
            }
        zi_diag_report(rv->diag, ZI_SEV_ERROR, line->word.span, "E082",
                       "a unit is proposable yes, no, relaxed, unknown or na, not '%s'", line->word.text);
        return false;
    case ZI_TEST_SCORE: {
        const char *name = line->key.text ? line->key.text : path_text(rv->arena, &line->path);
        struct zi_span at = line->key.text ? line->key.span : line->path.span;
        bool ambiguous = false;
        e->output = -1;
        for (uint32_t o = 0; o < m->n_outputs && line->key.text && e->output < 0; o++)
            if (m->outputs[o].kind == ZI_OUTPUT_ITEM && m->outputs[o].code &&
                strcmp(m->outputs[o].code, name) == 0)
                e->output = (int32_t)o;
        if (e->output < 0) e->output = find_output(m, name, ~0u, &ambiguous);
        if (e->output < 0 && ambiguous)
            zi_diag_report(rv->diag, ZI_SEV_ERROR, at, "E081",
                           "'%s' names several scores of %s; write its whole path", name, m->criteria_id);
        else if (e->output < 0)
            zi_diag_report(
                rv->diag, ZI_SEV_ERROR, at, "E081",
                "%s has no score '%s' (write total, a group's, view's or item's path, an item's code, or "
                "a let)",
                m->criteria_id, name);
        return e->output >= 0;
    }
    case ZI_TEST_FAILS:
    case ZI_TEST_PASSES:
        if (line->word.text && (e->verdict = find_verdict(rv, &line->word)) < 0) return false;
        e->conditions = zi_arena_alloc(rv->arena, (m->n_conditions + 1) * sizeof *e->conditions);
        for (uint32_t c = 0; c < m->n_conditions; c++) {
            const struct zi_condition_desc *cd = &m->conditions[c];
            bool named = strcmp(cd->text, line->key.text) == 0 ||
                         (cd->message && strcmp(cd->message, line->key.text) == 0);
            if (named && (e->verdict < 0 || cd->verdict == e->verdict)) e->conditions[e->n_conditions++] = c;
        }
        if (!e->n_conditions)
            zi_diag_report(
                rv->diag, ZI_SEV_ERROR, line->key.span, "E081",
                "%s has no condition \"%s\"%s%s (write it as the criteria do, or a prerequisite's name)",
                m->criteria_id, line->key.text, e->verdict >= 0 ? " in verdict " : "",
                e->verdict >= 0 ? m->verdicts[e->verdict].id : "");
        return e->n_conditions > 0;
    default:
        return true; /* ZI_TEST_ERROR */
    }
}

void zi_test_plan_make(struct zi_test_plan *plan, const struct zi_test_file *file,
                       const struct zi_model *model, const struct zi_module *scorer, const char *dir,
                       struct zi_arena *arena, struct zi_diag *diag)
{
    const struct zi_module *m = &model->descriptor;
    plan->model = model;
    plan->m = m;
    plan->n = file->n_cases;
    plan->units = zi_arena_alloc(arena, (file->n_cases + 1) * sizeof *plan->units);
    struct resolver rv = {plan, scorer, dir, arena, diag, NULL, NULL, NULL};
    size_t k = 0;
    for (const struct zi_test_case *c = file->cases; c; c = c->next, k++) {
        struct zi_test_unit *u = &plan->units[k];
        u->c = c;
        u->cells = zi_arena_alloc(arena, (m->n_inputs + 1) * sizeof *u->cells);
        u->ok = true;
        for (size_t j = 0; j < k; j++)
            if (strcmp(plan->units[j].c->name.text, c->name.text) == 0) {
                struct zi_diagnostic *d = zi_diag_report(diag, ZI_SEV_ERROR, c->name.span, "E083",
                                                         "a second case named \"%s\"", c->name.text);
                zi_diag_add_note(diag, d, plan->units[j].c->name.span, "the first is here");
                u->ok = false;
                break;
            }
        if (c->like.text) {
            size_t j = 0;
            while (j < k && strcmp(plan->units[j].c->name.text, c->like.text) != 0)
                j++;
            if (j == k) {
                zi_diag_report(diag, ZI_SEV_ERROR, c->like.span, "E083",
                               "no case \"%s\" before this one to start from", c->like.text);
                u->ok = false;
            } else {
                memcpy(u->cells, plan->units[j].cells, m->n_inputs * sizeof *u->cells);
                u->ok &= plan->units[j].ok;
            }
        }
        unsigned n_lines = 0;
        for (const struct zi_test_line *l = c->lines; l; l = l->next)
            n_lines++;
        u->expects = zi_arena_alloc(arena, (n_lines + 1) * sizeof *u->expects);
        for (const struct zi_test_line *l = c->lines; l; l = l->next) {
            bool ok = true;
            if (l->kind == ZI_TEST_ALL_BEST || l->kind == ZI_TEST_ALL_WORST)
                ok = apply_all(&rv, l->kind == ZI_TEST_ALL_BEST, u->cells);
            else if (l->kind == ZI_TEST_ALL_LABEL)
                ok = apply_all_label(&rv, l, u->cells);
            else if (l->kind == ZI_TEST_ROW)
                ok = apply_row(&rv, l, u->cells);
            else if (l->kind == ZI_TEST_SET)
                ok = apply_set(&rv, l, u->cells);
            else if (resolve_expect(&rv, l, &u->expects[u->n_expects]))
                u->n_expects++;
            else
                u->n_unresolved++;
            u->ok &= ok;
        }
        if (u->n_expects + u->n_unresolved == 0) {
            zi_diag_report(
                diag, ZI_SEV_ERROR, c->span, "E085",
                "case \"%s\" expects nothing; say what the unit must produce (verdict, proposable, a "
                "score, fails, passes or error)",
                c->name.text);
            u->ok = false;
        }
    }
    row_files_free(rv.files);
}

/* ---- The CSV of the cases -------------------------------------------------------------------------------
 */
static int csv_cell(FILE *out, const char *text)
{
    if (!strpbrk(text, ",\"\r\n") && text[0] != ' ' && text[0] != '\0') return fputs(text, out) < 0 ? -1 : 0;
    if (fputc('"', out) == EOF) return -1;
    for (const char *p = text; *p; p++)
        if ((*p == '"' && fputc('"', out) == EOF) || fputc(*p, out) == EOF) return -1;
    return fputc('"', out) == EOF ? -1 : 0;
}

int zi_test_plan_csv(const struct zi_test_plan *plan, FILE *out)
{
    const struct zi_module *m = plan->m;
    int failed = fputs("case", out) < 0;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        failed |= fputc(',', out) == EOF || csv_cell(out, m->inputs[i].key) != 0;
    failed |= fputc('\n', out) == EOF;
    for (size_t k = 0; k < plan->n; k++) {
        if (!plan->units[k].ok) continue;
        failed |= fprintf(out, "%zu", k + 1) < 0;
        for (uint32_t i = 0; i < m->n_inputs; i++) {
            failed |= fputc(',', out) == EOF;
            if (plan->units[k].cells[i]) failed |= csv_cell(out, plan->units[k].cells[i]) != 0;
        }
        failed |= fputc('\n', out) == EOF;
    }
    return failed ? -1 : 0;
}

/* ---- Checking a result -----------------------------------------------------------------------------------
 */
static const char *op_text(int32_t op)
{
    static const char *ops[] = {">=", ">", "<=", "<", "==", "!="};
    return op >= 0 && op < 6 ? ops[op] : "";
}

/* "WBK: total >= 75 fails: 74.99 < 75" — a condition and its operands as the unit had them. */
static const char *condition_line(const struct zi_module *m, const struct zi_unit_result *r, uint32_t c,
                                  struct zi_arena *arena)
{
    const struct zi_condition_desc *cd = &m->conditions[c];
    int state = zi_unit_condition(r, c);
    const char *verdict = cd->verdict >= 0 ? m->verdicts[cd->verdict].id : "require";
    const char *name = cd->message && cd->role != ZI_CONDITION_REQUIRE ? cd->message : cd->text;
    if (state == 2)
        return zi_arena_printf(arena, "%s: %s cannot be decided: a fact it reads is missing", verdict, name);
    /* A prerequisite compares labels by their rank or number: its operands mean nothing to people. */
    if (cd->op == ZI_COND_BOOL || cd->role != ZI_CONDITION_VERDICT)
        return zi_arena_printf(arena, "%s: %s %s", verdict, name, state ? "fails" : "holds");
    static const char *negated[] = {"<", "<=", ">", ">=", "!=", "=="};
    return zi_arena_printf(arena, "%s: %s %s: %.6g %s %.6g", verdict, name, state ? "fails" : "holds",
                           r->lhs[c], state ? negated[cd->op] : op_text(cd->op), r->rhs[c]);
}

static struct zi_test_failure *add_failure(struct zi_arena *arena, struct zi_test_failure ***tail,
                                           const struct zi_test_line *line, const char *message)
{
    struct zi_test_failure *f = zi_arena_alloc(arena, sizeof *f);
    f->line = line;
    f->message = message;
    f->detail = "";
    **tail = f;
    *tail = &f->next;
    return f;
}

/* Every failed (or undecided) condition of verdict v, or of its prerequisites (`prerequisites`). */
static const char *failed_conditions(const struct zi_module *m, const struct zi_unit_result *r, int32_t v,
                                     bool prerequisites, struct zi_arena *arena)
{
    const char *text = "";
    if (v < 0) return text;
    const struct zi_verdict_desc *vd = &m->verdicts[v];
    uint32_t first = prerequisites ? vd->first_prerequisite : vd->first_condition;
    uint32_t n = prerequisites ? vd->n_prerequisites : vd->n_conditions;
    for (uint32_t c = first; c < first + n; c++)
        if (zi_unit_condition(r, c))
            text = zi_arena_printf(arena, "%s%s\n", text, condition_line(m, r, c, arena));
    return text;
}

/* The unit's errors without their places ("row 5, column 6: "), which are in the CSV zic test made up. */
static const char *unit_errors(const char *errors, struct zi_arena *arena)
{
    const char *text = "";
    for (const char *p = errors; *p;) {
        size_t n = strcspn(p, "\n");
        const char *line = p;
        if (strncmp(line, "row ", 4) == 0) {
            const char *colon = memchr(line, ':', n);
            if (colon && colon[1] == ' ') line = colon + 2;
        }
        text = zi_arena_printf(arena, "%s%.*s\n", text, (int)(n - (size_t)(line - p)), line);
        p += n + (p[n] == '\n');
    }
    return text;
}

static const char *verdict_name(const struct zi_module *m, int32_t v)
{
    return v >= 0 ? m->verdicts[v].id : "none";
}

struct zi_test_failure *zi_test_check(const struct zi_test_plan *plan, size_t u,
                                      const struct zi_unit_result *r, struct zi_arena *arena)
{
    const struct zi_module *m = plan->m;
    const struct zi_test_unit *unit = &plan->units[u];
    struct zi_test_failure *first = NULL, **tail = &first;
    bool has_errors = r->verdict == ZI_VERDICT_NONE || r->n_errors > 0;
    bool expects_error = false;
    for (uint32_t k = 0; k < unit->n_expects; k++)
        expects_error |= unit->expects[k].line->kind == ZI_TEST_ERROR;
    if (has_errors && !expects_error && unit->n_expects) {
        struct zi_test_failure *f =
            add_failure(arena, &tail, unit->expects[0].line, "the unit has errors, so it got no verdict");
        f->detail = unit_errors(r->errors, arena);
        return first;
    }
    for (uint32_t k = 0; k < unit->n_expects; k++) {
        const struct zi_test_expect *e = &unit->expects[k];
        const struct zi_test_line *line = e->line;
        struct zi_test_failure *f = NULL;
        switch (line->kind) {
        case ZI_TEST_ERROR:
            if (!has_errors)
                f = add_failure(arena, &tail, line,
                                zi_arena_printf(arena,
                                                "expected the unit to be an error; it was scored: verdict %s",
                                                verdict_name(m, r->verdict)));
            break;
        case ZI_TEST_VERDICT:
            if (r->verdict != e->verdict) {
                f = add_failure(arena, &tail, line,
                                zi_arena_printf(arena, "expected verdict %s, got %s",
                                                m->verdicts[e->verdict].id, verdict_name(m, r->verdict)));
                f->detail = failed_conditions(m, r, e->verdict, false, arena);
                /* Every condition of the verdict expected holds: an earlier verdict was reached first. */
                if (!f->detail[0] && r->verdict >= 0)
                    f->detail =
                        zi_arena_printf(arena, "%s is tried first and every one of its conditions holds\n",
                                        m->verdicts[r->verdict].id);
            }
            break;
        case ZI_TEST_PROPOSABLE:
            if (r->proposable != e->proposable) {
                f = add_failure(arena, &tail, line,
                                zi_arena_printf(arena, "expected proposable %s, got %s (verdict %s)",
                                                zi_test_proposable_word(e->proposable),
                                                zi_test_proposable_word(r->proposable),
                                                verdict_name(m, r->verdict)));
                f->detail = failed_conditions(m, r, r->verdict, true, arena);
            }
            break;
        case ZI_TEST_SCORE: {
            char want[64], got[64];
            snprintf(want, sizeof want, "%.2f", line->number);
            snprintf(got, sizeof got, "%.2f", r->outputs[e->output]);
            if (strcmp(want, got) != 0)
                f = add_failure(
                    arena, &tail, line,
                    zi_arena_printf(arena, "expected %s %s, got %s", m->outputs[e->output].path, want, got));
            break;
        }
        case ZI_TEST_FAILS:
        case ZI_TEST_PASSES: {
            bool want_fail = line->kind == ZI_TEST_FAILS;
            const char *detail = "";
            for (uint32_t j = 0; j < e->n_conditions; j++) {
                int state = zi_unit_condition(r, e->conditions[j]);
                if (want_fail ? state != 1 : state != 0)
                    detail = zi_arena_printf(arena, "%s%s\n", detail,
                                             condition_line(m, r, e->conditions[j], arena));
            }
            if (detail[0]) {
                f = add_failure(arena, &tail, line,
                                zi_arena_printf(arena, "expected \"%s\" to %s", line->key.text,
                                                want_fail ? "fail" : "hold"));
                f->detail = detail;
            }
            break;
        }
        default:
            break;
        }
    }
    return first;
}

void zi_test_cover(const struct zi_test_plan *plan, const struct zi_unit_result *r, uint32_t *holds,
                   uint32_t *fails)
{
    if (r->verdict == ZI_VERDICT_NONE || r->n_errors > 0) return;
    for (uint32_t c = 0; c < plan->m->n_conditions; c++) {
        int state = zi_unit_condition(r, c);
        if (state == 0) holds[c]++;
        if (state == 1) fails[c]++;
    }
}
