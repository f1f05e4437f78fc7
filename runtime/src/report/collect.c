/* collect.c — the units of a run kept in memory instead of written (zi/results.h).
 *
 * A sink beside the reports: run.c hands it each scored batch, and it copies out of the batch's tiles what
 * the tools that look at units together need. Each unit is one allocation (numbers, then bits, then its id
 * and errors), so the pointers of earlier units stay valid while the array of units grows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zirt.h"

struct zi_collector {
    struct zi_unit_result *units;
    size_t n, cap;
    void **blocks;   /* blocks[k] backs units[k] */
    uint8_t *status; /* scratch for zi_propose_unit: n_conditions */
    struct zi_buf text;
};

struct zi_collector *zi_collector_new(const struct zi_module *m)
{
    struct zi_collector *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    k->status = malloc((size_t)m->n_conditions + 1);
    if (!k->status) {
        free(k);
        return NULL;
    }
    zi_buf_init(&k->text);
    return k;
}

static int grow(struct zi_collector *k)
{
    if (k->n < k->cap) return 0;
    size_t cap = k->cap ? 2 * k->cap : 64;
    struct zi_unit_result *units = realloc(k->units, cap * sizeof *units);
    if (!units) return -1;
    k->units = units;
    void **blocks = realloc(k->blocks, cap * sizeof *blocks);
    if (!blocks) return -1;
    k->blocks = blocks;
    k->cap = cap;
    return 0;
}

/* Unit u of the batch into one block: outputs, answers, lhs, rhs (doubles), failed, unknown (words), then the
 * id and the errors' text. */
static int keep(struct zi_collector *k, const struct zi_ctx *c, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = c->m;
    const struct zi_unit *un = &b->units[u];
    k->text.len = 0;
    for (uint32_t e = un->first_error; un->n_errors && e != ZI_NONE; e = b->errors[e].next) {
        if (k->text.len) zi_buf_putc(&k->text, '\n');
        zi_report_error_text(&k->text, c, b, &b->errors[e]);
    }
    if (k->text.failed) return -1;
    size_t n_doubles = (size_t)m->n_outputs + m->n_inputs + 2 * (size_t)m->n_conditions;
    size_t n_words = 2 * (size_t)m->n_failed_words;
    size_t size = n_doubles * sizeof(double) + n_words * sizeof(uint64_t) + un->id_len + 1 + k->text.len + 1;
    char *block = malloc(size);
    if (!block || grow(k) != 0) {
        free(block);
        return -1;
    }
    double *outputs = (double *)(void *)block, *answers = outputs + m->n_outputs;
    double *lhs = answers + m->n_inputs, *rhs = lhs + m->n_conditions;
    uint64_t *failed = (uint64_t *)(void *)(rhs + m->n_conditions), *unknown = failed + m->n_failed_words;
    char *id = (char *)(unknown + m->n_failed_words), *errors = id + un->id_len + 1;
    for (uint32_t o = 0; o < m->n_outputs; o++)
        outputs[o] = zi_batch_out(b, u, o);
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        if (!zi_batch_has(b, u, i))
            answers[i] = NAN;
        else if (zi_input_has_labels(in->kind))
            answers[i] = b->codes[zi_tile_index(u, in->column, b->n_codes)];
        else
            answers[i] = b->numbers[zi_tile_index(u, in->column, b->n_numbers)];
    }
    for (uint32_t j = 0; j < m->n_conditions; j++) {
        lhs[j] = b->lhs ? b->lhs[zi_tile_index(u, j, b->n_conditions)] : NAN;
        rhs[j] = b->rhs ? b->rhs[zi_tile_index(u, j, b->n_conditions)] : NAN;
    }
    for (uint32_t w = 0; w < m->n_failed_words; w++) {
        failed[w] = b->failed[zi_tile_index(u, w, b->n_words)];
        unknown[w] = b->unknown[zi_tile_index(u, w, b->n_words)];
    }
    memcpy(id, zi_batch_str(b, un->id), un->id_len);
    id[un->id_len] = '\0';
    memcpy(errors, k->text.len ? k->text.p : "", k->text.len + 1);
    int32_t verdict = un->n_errors ? ZI_VERDICT_NONE : b->verdict[u];
    k->blocks[k->n] = block;
    k->units[k->n++] = (struct zi_unit_result){
        .id = id,
        .row = un->row,
        .verdict = verdict,
        .proposable = verdict >= 0 ? (int32_t)zi_propose_unit(m, b, u, k->status) : ZI_PROPOSE_NA,
        .n_errors = un->n_errors,
        .errors = errors,
        .outputs = outputs,
        .answers = answers,
        .failed = failed,
        .unknown = unknown,
        .lhs = lhs,
        .rhs = rhs,
    };
    return 0;
}

int zi_collector_batch(struct zi_collector *k, const struct zi_ctx *c, const struct zi_batch *b)
{
    for (uint32_t u = 0; u < b->n; u++)
        if (keep(k, c, b, u) != 0) return -1;
    return 0;
}

void zi_collector_results(const struct zi_collector *k, struct zi_results *out)
{
    out->n = k->n;
    out->units = k->units;
}

void zi_collector_free(struct zi_collector *k)
{
    if (!k) return;
    for (size_t i = 0; i < k->n; i++)
        free(k->blocks[i]);
    free(k->blocks);
    free(k->units);
    free(k->status);
    zi_buf_free(&k->text);
    free(k);
}

void zi_results_free(struct zi_results *r)
{
    if (!r) return;
    zi_collector_free(r->store);
    memset(r, 0, sizeof *r);
}
