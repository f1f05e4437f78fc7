/* validate.c — zi_module_validate: refuse a descriptor the runtime cannot trust, with a reason.
 *
 * The runtime indexes arrays with numbers it reads from the descriptor and prints strings it points to; a
 * module written by another compiler version, or damaged on disk, must be refused here rather than crash
 * later. The checks go from the cheapest and most telling (magic, ABI version, size) to the most detailed
 * (every index), and the checksum comes last so that a structural problem is named as such rather than as
 * "checksum mismatch". When the loader passes the loaded object's segments, every pointer is also checked
 * to lie inside them before it is followed.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>

#include "zirt.h"

/* Limits far above any real criteria (the LKE has about 120 inputs and 100 conditions), low enough that a
 * damaged count is caught before it is used as an array length. */
#define ZI_MAX_INPUTS 1000000u
/* Files of a criteria: the one compiled and the chain of rule sets it extends (zic allows 16 levels). */
#define ZI_MAX_SOURCES 32u
#define ZI_MAX_OUTPUTS 1000000u
#define ZI_MAX_CONDITIONS 1000000u
#define ZI_MAX_VERDICTS 10000u

struct check {
    const struct zi_mem_range *ranges;
    size_t n_ranges;
    char *err;
    size_t errlen;
};

static int fail(struct check *k, const char *fmt, ...) ZI_PRINTF(2, 3);
static int fail(struct check *k, const char *fmt, ...)
{
    if (k->err && k->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(k->err, k->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static const struct zi_mem_range *range_of(const struct check *k, uintptr_t a)
{
    for (size_t i = 0; i < k->n_ranges; i++)
        if (a >= k->ranges[i].lo && a < k->ranges[i].hi) return &k->ranges[i];
    return NULL;
}

/* Whether [p, p + size) lies in one segment (always true without ranges). */
static int inside(const struct check *k, const void *p, size_t size)
{
    if (!k->ranges) return 1;
    const struct zi_mem_range *r = range_of(k, (uintptr_t)p);
    return r && size <= r->hi - (uintptr_t)p;
}

/* A readable, NUL-terminated string: NULL is reported by the caller's name for it. */
static int str_ok(const struct check *k, const char *s)
{
    if (!s) return 0;
    if (!k->ranges) return 1;
    const struct zi_mem_range *r = range_of(k, (uintptr_t)s);
    return r && memchr(s, '\0', r->hi - (uintptr_t)s) != NULL;
}

static int code_ok(const struct check *k, void (*fn)(void))
{
    if (!fn) return 0;
    if (!k->ranges) return 1;
    /* Comparing a function pointer's address needs a cast through an integer: the only portable way to
     * compare it with the segment bounds dl_iterate_phdr gave. */
    uintptr_t a;
    memcpy(&a, &fn, sizeof a);
    const struct zi_mem_range *r = range_of(k, a);
    return r && r->exec;
}

/* Why a table of `count` elements of `elem` bytes, aligned to `align`, cannot be read: NULL when it can. A
 * pointer damaged on disk may point inside the module yet off its elements' alignment: reading through it is
 * undefined (a SIGBUS on some CPUs), so it is refused like one pointing outside. */
static const char *table_problem(const struct check *k, const void *p, uint64_t count, size_t elem,
                                 size_t align)
{
    if (count == 0) return NULL;
    if (!p) return "NULL";
    if ((uintptr_t)p % align != 0) return "misaligned (a damaged module)";
    return inside(k, p, (size_t)(count * elem)) ? NULL : "outside the module";
}

#define TABLE_PROBLEM(k, p, count) table_problem((k), (p), (count), sizeof *(p), _Alignof(__typeof__(*(p))))

static int check_header(struct check *k, const struct zi_module *m)
{
    if ((uintptr_t)m % _Alignof(struct zi_module) != 0)
        return fail(k, "the descriptor is misaligned: not a zic scoring module, or a damaged one");
    if (!inside(k, m, sizeof m->magic)) return fail(k, "the descriptor lies outside the module");
    if (m->magic != ZI_MODULE_MAGIC)
        return fail(
            k, "bad magic 0x%08x (expected 0x%08x, \"ZIM2\"): not a zic scoring module, or a damaged one",
            (unsigned)m->magic, ZI_MODULE_MAGIC);
    if (!inside(k, m, offsetof(struct zi_module, descriptor_size) + sizeof m->descriptor_size))
        return fail(k, "the descriptor lies outside the module");
    if (m->abi_version != ZI_MODULE_ABI_VERSION)
        return fail(k,
                    "module ABI version %u, but this runtime reads version %u: rebuild the module with a zic "
                    "that matches this zirun",
                    (unsigned)m->abi_version, ZI_MODULE_ABI_VERSION);
    if (m->descriptor_size != sizeof(struct zi_module))
        return fail(k, "descriptor size %u, but this runtime's struct zi_module has %u bytes",
                    (unsigned)m->descriptor_size, (unsigned)sizeof(struct zi_module));
    if (!inside(k, m, sizeof *m)) return fail(k, "the descriptor lies outside the module");
    /* Every header string is required except the regulation, which a criteria file may leave out (W108), and
     * the language, which it need not declare. */
    static const struct {
        const char *name;
        size_t off;
        int optional;
    } strs[] = {
        {"criteria_id", offsetof(struct zi_module, criteria_id), 0},
        {"title", offsetof(struct zi_module, title), 0},
        {"regulation", offsetof(struct zi_module, regulation), 1},
        {"source_name", offsetof(struct zi_module, source_name), 0},
        {"source_sha256", offsetof(struct zi_module, source_sha256), 0},
        {"compiler_version", offsetof(struct zi_module, compiler_version), 0},
        {"language", offsetof(struct zi_module, language), 1},
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        const char *s;
        memcpy(&s, (const char *)m + strs[i].off, sizeof s);
        if (!(s == NULL && strs[i].optional) && !str_ok(k, s))
            return fail(k, "descriptor field %s is %s", strs[i].name,
                        s ? "not a string in the module" : "NULL");
    }
    if (m->n_inputs > ZI_MAX_INPUTS || m->n_outputs > ZI_MAX_OUTPUTS || m->n_conditions > ZI_MAX_CONDITIONS ||
        m->n_verdicts > ZI_MAX_VERDICTS)
        return fail(k,
                    "absurd counts (%u inputs, %u outputs, %u conditions, %u verdicts): a damaged descriptor",
                    (unsigned)m->n_inputs, (unsigned)m->n_outputs, (unsigned)m->n_conditions,
                    (unsigned)m->n_verdicts);
    if (m->n_verdicts == 0)
        return fail(k, "the module has no verdicts (at least the `otherwise` one is required)");
    if (m->n_outputs == 0) return fail(k, "the module has no outputs (at least `total` is required)");
    uint32_t words = m->n_conditions ? (m->n_conditions + 63) / 64 : 1;
    if (m->n_failed_words != words)
        return fail(k, "n_failed_words is %u, but %u conditions need %u", (unsigned)m->n_failed_words,
                    (unsigned)m->n_conditions, (unsigned)words);
    const char *problem;
    if ((problem = TABLE_PROBLEM(k, m->inputs, m->n_inputs)))
        return fail(k, "the inputs table is %s", problem);
    if ((problem = TABLE_PROBLEM(k, m->outputs, m->n_outputs)))
        return fail(k, "the outputs table is %s", problem);
    if ((problem = TABLE_PROBLEM(k, m->conditions, m->n_conditions)))
        return fail(k, "the conditions table is %s", problem);
    if ((problem = TABLE_PROBLEM(k, m->verdicts, m->n_verdicts)))
        return fail(k, "the verdicts table is %s", problem);
    if (m->n_sources == 0 || m->n_sources > ZI_MAX_SOURCES)
        return fail(k, "%u source files: a damaged descriptor", (unsigned)m->n_sources);
    if ((problem = TABLE_PROBLEM(k, m->sources, m->n_sources)))
        return fail(k, "the sources table is %s", problem);
    if (m->n_view_parts > m->n_outputs * 64u)
        return fail(k, "%u view parts: a damaged descriptor", (unsigned)m->n_view_parts);
    if (m->n_view_parts && (problem = TABLE_PROBLEM(k, m->view_parts, m->n_view_parts)))
        return fail(k, "the view parts table is %s", problem);
    for (uint32_t v = 0; v < m->n_view_parts; v++) {
        const struct zi_view_part *vp = &m->view_parts[v];
        if (vp->member < 0 || (uint32_t)vp->member >= m->n_outputs || vp->part < 0 ||
            (uint32_t)vp->part >= m->n_outputs || m->outputs[vp->member].kind != ZI_OUTPUT_VIEW)
            return fail(k, "view part %u names outputs %d and %d: a damaged descriptor", (unsigned)v,
                        (int)vp->member, (int)vp->part);
        /* Ordered by member (zi/module.h): explanations take each member's parts as one run. */
        if (v && vp->member < m->view_parts[v - 1].member)
            return fail(k, "view part %u is out of order: a damaged descriptor", (unsigned)v);
    }
    for (uint32_t s = 0; s < m->n_sources; s++)
        if (!str_ok(k, m->sources[s].name) || !str_ok(k, m->sources[s].sha256))
            return fail(k, "source file %u: name or hash is missing", (unsigned)s);
    if (!code_ok(k, (void (*)(void))m->score_batch))
        return fail(k, "entry point score_batch is %s", m->score_batch ? "not code of the module" : "NULL");
    if (m->n_score_levels > ZI_MAX_SCORE_LEVELS)
        return fail(k, "%u score levels: a damaged descriptor", (unsigned)m->n_score_levels);
    if ((problem = TABLE_PROBLEM(k, m->score_levels, m->n_score_levels)))
        return fail(k, "the score levels table is %s", problem);
    for (uint32_t v = 0; v < m->n_score_levels; v++) {
        const struct zi_score_level *l = &m->score_levels[v];
        if (!str_ok(k, l->name)) return fail(k, "score level %u: name is missing", (unsigned)v);
        if (l->requires & ~ZI_CPU_KNOWN)
            return fail(k,
                        "score level %s needs CPU features this runtime does not know (0x%x): rebuild the "
                        "module with a zic that matches this zirun",
                        l->name, (unsigned)l->requires);
        if (l->lanes == 0 || l->lanes > 16 || (l->lanes & (l->lanes - 1)))
            return fail(k, "score level %s: %u lanes: a damaged descriptor", l->name, (unsigned)l->lanes);
        /* Each level needs what the one before it needs: the best supported is then simply the last. */
        if (v && (m->score_levels[v - 1].requires & ~l->requires))
            return fail(k, "score level %s needs less than the level before it: a damaged descriptor",
                        l->name);
        if (!code_ok(k, (void (*)(void))l->score_batch))
            return fail(k, "score level %s: entry point is %s", l->name,
                        l->score_batch ? "not code of the module" : "NULL");
    }
    if (m->n_score_levels && m->score_levels[0].score_batch != m->score_batch)
        return fail(k, "score_batch is not the first score level's: a damaged descriptor");
    if (!code_ok(k, (void (*)(void))m->explain_batch))
        return fail(k, "entry point explain_batch is %s",
                    m->explain_batch ? "not code of the module" : "NULL");
    return 0;
}

static int index_ok(int64_t i, uint32_t n, int allow_none)
{
    return (allow_none && i == -1) || (i >= 0 && i < (int64_t)n);
}

static int check_outputs(struct check *k, const struct zi_module *m)
{
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *d = &m->outputs[o];
        if (!str_ok(k, d->path))
            return fail(k, "output %u: path is %s", (unsigned)o,
                        d->path ? "not a string in the module" : "NULL");
        if (!str_ok(k, d->title)) return fail(k, "output %u (%s): title is missing", (unsigned)o, d->path);
        if (d->kind < ZI_OUTPUT_TOTAL || d->kind > ZI_OUTPUT_LET)
            return fail(k, "output %u (%s): unknown kind %d", (unsigned)o, d->path, (int)d->kind);
        if (d->kind == ZI_OUTPUT_ITEM ? !str_ok(k, d->code) : (d->code && !str_ok(k, d->code)))
            return fail(k, "output %u (%s): item code is missing", (unsigned)o, d->path);
        if (!index_ok(d->parent, m->n_outputs, 1) || d->parent == (int32_t)o)
            return fail(k, "output %u (%s): parent %d is out of range", (unsigned)o, d->path, (int)d->parent);
        /* zic lists a group before what it holds; a parent listed after would allow a chain of parents that
         * loops, and whatever walks up from an item (explanations) would never stop. */
        if (d->parent > (int32_t)o)
            return fail(k, "output %u (%s): parent %d comes after it (a group must come before its parts)",
                        (unsigned)o, d->path, (int)d->parent);
        if ((d->has_weight != 0 && d->has_weight != 1) || !isfinite(d->weight) || d->weight < 0)
            return fail(k, "output %u (%s): bad weight", (unsigned)o, d->path);
    }
    if (!index_ok(m->total_output, m->n_outputs, 0) || m->outputs[m->total_output].kind != ZI_OUTPUT_TOTAL)
        return fail(k, "total_output %d is not the index of the `total` output", (int)m->total_output);
    return 0;
}

static int check_inputs(struct check *k, const struct zi_module *m)
{
    /* Columns are numbered in input order within each array: one check proves every column in range and
     * none written twice. */
    uint32_t codes = 0, numbers = 0;
    if ((uint64_t)m->n_code_columns + m->n_number_columns != m->n_inputs)
        return fail(k, "%u code columns and %u number columns for %u inputs", (unsigned)m->n_code_columns,
                    (unsigned)m->n_number_columns, (unsigned)m->n_inputs);
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *d = &m->inputs[i];
        if (!str_ok(k, d->key) || !d->key[0]) return fail(k, "input %u: key is missing", (unsigned)i);
        if (d->role != ZI_ROLE_ANSWER && d->role != ZI_ROLE_FACT)
            return fail(k, "input %u (%s): unknown role %d", (unsigned)i, d->key, (int)d->role);
        bool fact = d->role == ZI_ROLE_FACT;
        if (!(fact ? d->item_code == NULL : str_ok(k, d->item_code)) || !str_ok(k, d->text))
            return fail(k, "input %u (%s): item code or text is missing", (unsigned)i, d->key);
        if (d->kind < ZI_INPUT_SCALE || d->kind > (fact ? ZI_INPUT_BOOLEAN : ZI_INPUT_COUNT) ||
            (fact && d->kind == ZI_INPUT_SCALE))
            return fail(k, "input %u (%s): unknown kind %d", (unsigned)i, d->key, (int)d->kind);
        if (d->missing < ZI_MISSING_ZERO || d->missing > ZI_MISSING_ERROR)
            return fail(k, "input %u (%s): unknown missing policy %d", (unsigned)i, d->key, (int)d->missing);
        if (fact ? d->item != -1
                 : !index_ok(d->item, m->n_outputs, 0) || m->outputs[d->item].kind != ZI_OUTPUT_ITEM)
            return fail(k, "input %u (%s): item %d is not an item output", (unsigned)i, d->key, (int)d->item);
        if (isnan(d->min) || isnan(d->max) || d->min > d->max)
            return fail(k, "input %u (%s): bad range", (unsigned)i, d->key);
        bool labelled = zi_input_has_labels(d->kind);
        uint32_t *next = labelled ? &codes : &numbers;
        if (d->column != *next)
            return fail(k, "input %u (%s): column %u, expected %u", (unsigned)i, d->key, (unsigned)d->column,
                        (unsigned)*next);
        (*next)++;
        if (labelled) {
            if (!str_ok(k, d->scale))
                return fail(k, "input %u (%s): a labelled input without a scale name", (unsigned)i, d->key);
            if (d->n_labels == 0 || d->n_labels > ZI_MAX_SCALE_LABELS ||
                TABLE_PROBLEM(k, d->labels, d->n_labels))
                return fail(k, "input %u (%s): bad labels table (%u labels)", (unsigned)i, d->key,
                            (unsigned)d->n_labels);
            for (uint32_t l = 0; l < d->n_labels; l++) {
                if (!str_ok(k, d->labels[l].label))
                    return fail(k, "input %u (%s): label %u is missing", (unsigned)i, d->key, (unsigned)l);
                double v = d->labels[l].value;
                /* A scale scores in [0, 1]; a fact's value is a rank, a category number or 1/0. */
                double most =
                    d->kind == ZI_INPUT_SCALE || d->kind == ZI_INPUT_BOOLEAN ? 1 : ZI_MAX_SCALE_LABELS;
                if (!(v >= 0 && v <= most) || (d->kind != ZI_INPUT_SCALE && v != floor(v)))
                    return fail(k, "input %u (%s): label %s has value %g, outside what its kind allows",
                                (unsigned)i, d->key, d->labels[l].label, v);
                uint32_t printed_as = d->labels[l].printed_as;
                if (printed_as && (printed_as > d->n_labels || d->labels[printed_as - 1].printed_as != 0 ||
                                   d->labels[printed_as - 1].value != v))
                    return fail(k, "input %u (%s): label %s is printed as label %u, which is not its value's",
                                (unsigned)i, d->key, d->labels[l].label, (unsigned)printed_as);
            }
        } else if (d->n_labels != 0 || d->scale) {
            /* The checksum reads every string it is given: a stray scale name would be read unchecked. */
            return fail(k, "input %u (%s): a scale or labels on an input that is not a scale", (unsigned)i,
                        d->key);
        }
    }
    if (codes != m->n_code_columns)
        return fail(k, "%u labelled inputs, but %u code columns", (unsigned)codes,
                    (unsigned)m->n_code_columns);
    return 0;
}

static int check_conditions(struct check *k, const struct zi_module *m)
{
    for (uint32_t c = 0; c < m->n_conditions; c++) {
        const struct zi_condition_desc *d = &m->conditions[c];
        if (!str_ok(k, d->text) || !str_ok(k, d->lhs))
            return fail(k, "condition %u: text is missing", (unsigned)c);
        if (d->message && !str_ok(k, d->message))
            return fail(k, "condition %u (%s): message is not a string in the module", (unsigned)c, d->text);
        if (d->role < ZI_CONDITION_VERDICT || d->role > ZI_CONDITION_RELAXATION)
            return fail(k, "condition %u (%s): unknown role %d", (unsigned)c, d->text, (int)d->role);
        if (!index_ok(d->verdict, m->n_verdicts, 1) ||
            (d->verdict == -1) != (d->role == ZI_CONDITION_REQUIRE))
            return fail(k, "condition %u (%s): verdict %d is out of range", (unsigned)c, d->text,
                        (int)d->verdict);
        if (d->op < ZI_COND_GE || d->op > ZI_COND_BOOL)
            return fail(k, "condition %u (%s): unknown operator %d", (unsigned)c, d->text, (int)d->op);
        if (!index_ok(d->lhs_output, m->n_outputs, 1) || !index_ok(d->item, m->n_outputs, 1))
            return fail(k, "condition %u (%s): output index out of range", (unsigned)c, d->text);
        if (!isfinite(d->rhs_weight) || !isfinite(d->rhs_percent) || d->rhs_weight < 0)
            return fail(k, "condition %u (%s): bad threshold weight", (unsigned)c, d->text);
    }
    return 0;
}

static int check_verdicts(struct check *k, const struct zi_module *m)
{
    for (uint32_t v = 0; v < m->n_verdicts; v++) {
        const struct zi_verdict_desc *d = &m->verdicts[v];
        if (!str_ok(k, d->id) || !str_ok(k, d->title))
            return fail(k, "verdict %u: id or title is missing", (unsigned)v);
        if ((uint64_t)d->first_condition + d->n_conditions > m->n_conditions)
            return fail(k, "verdict %s: conditions %u..%u are out of range (%u conditions)", d->id,
                        (unsigned)d->first_condition, (unsigned)(d->first_condition + d->n_conditions),
                        (unsigned)m->n_conditions);
        for (uint32_t c = d->first_condition; c < d->first_condition + d->n_conditions; c++)
            if (m->conditions[c].verdict != (int32_t)v || m->conditions[c].role != ZI_CONDITION_VERDICT)
                return fail(k, "verdict %s: condition %u belongs to verdict %d", d->id, (unsigned)c,
                            (int)m->conditions[c].verdict);
        if ((uint64_t)d->first_prerequisite + d->n_prerequisites > m->n_conditions)
            return fail(k, "verdict %s: prerequisites %u..%u are out of range (%u conditions)", d->id,
                        (unsigned)d->first_prerequisite,
                        (unsigned)(d->first_prerequisite + d->n_prerequisites), (unsigned)m->n_conditions);
        for (uint32_t c = d->first_prerequisite; c < d->first_prerequisite + d->n_prerequisites; c++)
            if (m->conditions[c].verdict != (int32_t)v ||
                (m->conditions[c].role != ZI_CONDITION_PREREQUISITE &&
                 m->conditions[c].role != ZI_CONDITION_RELAXATION))
                return fail(k, "verdict %s: prerequisite %u belongs to verdict %d", d->id, (unsigned)c,
                            (int)m->conditions[c].verdict);
        int last = v + 1 == m->n_verdicts;
        if (d->is_fallback != last)
            return fail(k, "verdict %s: %s", d->id,
                        last ? "the last verdict must be the `otherwise` one"
                             : "`otherwise` is not the last verdict");
    }
    for (uint32_t c = 0; c < m->n_conditions; c++) {
        int32_t v = m->conditions[c].verdict;
        const struct zi_verdict_desc *d = v >= 0 ? &m->verdicts[v] : NULL;
        bool proposal = m->conditions[c].role != ZI_CONDITION_VERDICT;
        uint32_t first = d ? (proposal ? d->first_prerequisite : d->first_condition) : 0;
        uint32_t count = d ? (proposal ? d->n_prerequisites : d->n_conditions) : 0;
        if (d && (c < first || c >= first + count))
            return fail(k, "condition %u lies outside the range of its verdict %s", (unsigned)c,
                        m->verdicts[v].id);
    }
    return 0;
}

int zi_module_validate_in(const struct zi_module *m, const struct zi_mem_range *ranges, size_t n_ranges,
                          char *err, size_t errlen)
{
    struct check k = {ranges, n_ranges, err, errlen};
    if (!m) return fail(&k, "no module descriptor");
    if (check_header(&k, m) || check_outputs(&k, m) || check_inputs(&k, m) || check_conditions(&k, m) ||
        check_verdicts(&k, m))
        return -1;
    uint64_t sum = zi_module_checksum(m);
    if (sum != m->checksum)
        return fail(&k,
                    "checksum mismatch: the descriptor says 0x%016llx, its content gives 0x%016llx (the "
                    "module's tables are damaged)",
                    (unsigned long long)m->checksum, (unsigned long long)sum);
    return 0;
}

int zi_module_validate(const struct zi_module *m, char *err, size_t errlen)
{
    return zi_module_validate_in(m, NULL, 0, err, errlen);
}
