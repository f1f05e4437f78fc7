/* batch.c — the buffers one batch of units passes through.
 *
 * Allocated once per run and reset between batches, so a run of a million units allocates the same memory
 * as a run of one batch. The per-unit bookkeeping (id, row, errors) sits beside the column-major arrays of
 * zi/module.h; ids and messages go to one text buffer that is emptied with the batch.
 */
#include <math.h>
#include <stdlib.h>

#include "zirt.h"

int zi_batch_init(struct zi_batch *b, const struct zi_module *m, uint32_t cap, int explain)
{
    memset(b, 0, sizeof *b);
    b->lang = ZI_LANG_EN; /* run.c sets the run's */
    if (cap == 0 || cap > UINT32_MAX - ZI_TILE) cap = ZI_TILE;
    b->cap = cap;
    b->inputs = m->inputs;
    b->n_codes = m->n_code_columns;
    b->n_numbers = m->n_number_columns;
    b->n_inputs = m->n_inputs;
    b->n_outputs = m->n_outputs;
    b->n_conditions = m->n_conditions;
    b->n_words = m->n_failed_words;
    /* Whole tiles (zi/module.h); +1 so that a module with no inputs or conditions still gets valid pointers.
     */
    b->codes = calloc(zi_tile_elements(cap, b->n_codes) + 1, 1);
    b->numbers = malloc((zi_tile_elements(cap, b->n_numbers) + 1) * sizeof *b->numbers);
    b->outputs = calloc(zi_tile_elements(cap, b->n_outputs) + 1, sizeof *b->outputs);
    b->verdict = calloc(zi_tile_elements(cap, 1), sizeof *b->verdict);
    b->failed = calloc(zi_tile_elements(cap, b->n_words) + 1, sizeof *b->failed);
    b->unknown = calloc(zi_tile_elements(cap, b->n_words) + 1, sizeof *b->unknown);
    b->units = calloc(cap, sizeof *b->units);
    b->cap_errors = 64;
    b->errors = malloc(b->cap_errors * sizeof *b->errors);
    zi_buf_init(&b->text);
    int ok = b->codes && b->numbers && b->outputs && b->verdict && b->failed && b->unknown && b->units &&
             b->errors;
    if (explain) {
        b->lhs = calloc(zi_tile_elements(cap, b->n_conditions) + 1, sizeof *b->lhs);
        b->rhs = calloc(zi_tile_elements(cap, b->n_conditions) + 1, sizeof *b->rhs);
        ok = ok && b->lhs && b->rhs;
    }
    if (!ok) {
        zi_batch_free(b);
        return -1;
    }
    zi_batch_reset(b);
    return 0;
}

void zi_batch_free(struct zi_batch *b)
{
    free(b->codes);
    free(b->numbers);
    free(b->outputs);
    free(b->verdict);
    free(b->failed);
    free(b->unknown);
    free(b->lhs);
    free(b->rhs);
    free(b->units);
    free(b->errors);
    zi_buf_free(&b->text);
    memset(b, 0, sizeof *b);
}

void zi_batch_reset(struct zi_batch *b)
{
    /* Only inputs must be blank for the next batch (code 0 and NaN when absent, per the ABI): outputs,
     * verdicts and failure bits are all written by the module. */
    memset(b->codes, 0, zi_tile_elements(b->cap, b->n_codes));
    for (size_t i = 0, n = zi_tile_elements(b->cap, b->n_numbers); i < n; i++)
        b->numbers[i] = NAN;
    b->n = 0;
    b->n_errors = 0;
    b->text.len = 0;
}

uint32_t zi_batch_add_unit(struct zi_batch *b, uint64_t row, const char *id, size_t id_len)
{
    uint32_t u = b->n++;
    struct zi_unit *un = &b->units[u];
    un->row = row;
    un->id = (uint32_t)b->text.len;
    un->id_len = (uint32_t)id_len;
    un->first_error = un->last_error = ZI_NONE;
    un->n_errors = 0;
    un->unreadable = 0;
    un->complete = 0;
    un->id_hash = 0;
    zi_buf_append(&b->text, id, id_len);
    zi_buf_putc(&b->text, '\0');
    if (b->text.failed) {
        b->oom = 1;
        un->id = 0;
        un->id_len = 0;
    }
    return u;
}

static struct zi_unit_error *new_error(struct zi_batch *b, uint32_t u, uint64_t row, uint32_t column,
                                       int32_t input, int first)
{
    if (b->n_errors == b->cap_errors) {
        struct zi_unit_error *e = realloc(b->errors, 2 * (size_t)b->cap_errors * sizeof *e);
        if (!e) {
            b->oom = 1;
            return NULL;
        }
        b->errors = e;
        b->cap_errors *= 2;
    }
    uint32_t i = b->n_errors++;
    struct zi_unit_error *e = &b->errors[i];
    e->row = row;
    e->column = column;
    e->input = input;
    e->next = ZI_NONE;
    e->text = (uint32_t)b->text.len;
    struct zi_unit *un = &b->units[u];
    if (first) {
        e->next = un->first_error;
        un->first_error = i;
        if (un->last_error == ZI_NONE) un->last_error = i;
    } else {
        if (un->last_error == ZI_NONE)
            un->first_error = i;
        else
            b->errors[un->last_error].next = i;
        un->last_error = i;
    }
    un->n_errors++;
    return e;
}

static ZI_PRINTF(7, 0) void verror(struct zi_batch *b, uint32_t u, uint64_t row, uint32_t column,
                                   int32_t input, int first, const char *fmt, va_list ap)
{
    if (!new_error(b, u, row, column, input, first)) return;
    zi_buf_vprintf(&b->text, fmt, ap);
    zi_buf_putc(&b->text, '\0');
    b->oom |= b->text.failed;
}

void zi_batch_error(struct zi_batch *b, uint32_t u, uint64_t row, uint32_t column, int32_t input,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(b, u, row, column, input, 0, fmt, ap);
    va_end(ap);
}

void zi_batch_error_first(struct zi_batch *b, uint32_t u, uint64_t row, int32_t input, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(b, u, row, 0, input, 1, fmt, ap);
    va_end(ap);
}

void zi_batch_error_text(struct zi_batch *b, uint32_t u, uint64_t row, uint32_t column, int32_t input,
                         const char *text, size_t len)
{
    if (!new_error(b, u, row, column, input, 0)) return;
    zi_buf_append(&b->text, text, len);
    zi_buf_putc(&b->text, '\0');
    b->oom |= b->text.failed;
}

void zi_batch_find_complete(struct zi_batch *b)
{
    /* Tile by tile, a column at a time: 64 units' answers to one input lie side by side, so each step is a
     * few vector compares, where asking unit by unit would touch a cache line per input. */
    for (uint32_t first = 0; first < b->n; first += ZI_TILE) {
        uint8_t gap[ZI_TILE] = {0};
        const uint8_t *codes = b->codes + zi_tile_index(first, 0, b->n_codes);
        const double *numbers = b->numbers + zi_tile_index(first, 0, b->n_numbers);
        for (uint32_t c = 0; c < b->n_codes; c++)
            for (uint32_t l = 0; l < ZI_TILE; l++)
                gap[l] |= codes[c * ZI_TILE + l] == 0;
        for (uint32_t c = 0; c < b->n_numbers; c++)
            for (uint32_t l = 0; l < ZI_TILE; l++)
                gap[l] |= numbers[c * ZI_TILE + l] != numbers[c * ZI_TILE + l];
        for (uint32_t l = 0; l < ZI_TILE && first + l < b->n; l++)
            b->units[first + l].complete = !gap[l];
    }
}

int zi_batch_input_failed(const struct zi_batch *b, uint32_t u, uint32_t i)
{
    for (uint32_t e = b->units[u].first_error; e != ZI_NONE; e = b->errors[e].next)
        if (b->errors[e].input == (int32_t)i) return 1;
    return 0;
}
