/* score.c — one call of the module per batch, and the reasons a unit gets no verdict.
 *
 * The module withholds a verdict (ZI_VERDICT_NONE) when a `require` rule fails or an item whose missing
 * policy is `error` has no answer (docs/language.md §7); it cannot say which in a way people read, so the
 * runtime looks at the failure bits of the require rules and at the presence of those items and writes the
 * unit's errors itself. A unit that already has data errors is scored like any other — its unreadable cells
 * count as missing — and its verdict is then not reported (reports check n_errors), which keeps every batch
 * one straight call of score_batch.
 */
#include "zirt.h"

static void rule_errors(const struct zi_ctx *c, struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = c->m;
    uint64_t row = b->units[u].row;
    for (uint32_t k = 0; k < c->n_requires; k++) {
        uint32_t ci = c->requires[k];
        if (!zi_batch_cond_failed(b, u, ci)) continue;
        const struct zi_condition_desc *d = &m->conditions[ci];
        const char *code = d->item >= 0 && m->outputs[d->item].code ? m->outputs[d->item].code : NULL;
        const char *item = code ? ZI_WORDS(c->lang, "butir ", "item ") : "";
        if (d->message)
            zi_batch_error(b, u, row, 0, -1,
                           ZI_WORDS(c->lang, "%s%s%s%s (aturan: %s)", "%s%s%s%s (rule: %s)"), item,
                           code ? code : "", code ? ": " : "", d->message, d->text);
        else
            zi_batch_error(
                b, u, row, 0, -1,
                ZI_WORDS(c->lang, "%s%s%saturan %s tidak terpenuhi", "%s%s%srule %s does not hold"), item,
                code ? code : "", code ? ": " : "", d->text);
    }
    int32_t last_item = -1;
    for (uint32_t k = 0; k < c->n_strict && !b->units[u].complete && b->units[u].unreadable != ZI_UNREAD_ROW;
         k++) {
        uint32_t i = c->strict[k];
        int32_t item = m->inputs[i].item;
        if (zi_batch_has(b, u, i) || item == last_item || zi_batch_input_failed(b, u, i)) continue;
        last_item = item;
        zi_batch_error(b, u, row, 0, (int32_t)i,
                       ZI_WORDS(c->lang, "butir %s: belum dijawab, dan butir ini wajib dijawab",
                                "item %s: no answer, and a missing answer is an error for this item"),
                       m->outputs[item].code);
    }
}

/* Whether unit u left an answer out, an unreadable one aside: what the run's tally counts (zi_run_account).
 * Found here, after the errors about missing answers and before the in-order steps, so that par.c's
 * threads find it rather than the thread that writes. */
static uint8_t missing_answer(const struct zi_module *m, const struct zi_batch *b, uint32_t u)
{
    const struct zi_unit *un = &b->units[u];
    if (un->complete || un->unreadable == ZI_UNREAD_ROW) return 0;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (m->inputs[i].role == ZI_ROLE_ANSWER && !zi_batch_has(b, u, i) && !zi_batch_input_failed(b, u, i))
            return 1;
    return 0;
}

void zi_score_batch(const struct zi_ctx *c, struct zi_batch *b)
{
    const struct zi_module *m = c->m;
    if (b->lhs)
        m->explain_batch(b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed, b->unknown, b->lhs,
                         b->rhs);
    else
        c->score(b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed, b->unknown);
    for (uint32_t u = 0; u < b->n; u++) {
        rule_errors(c, b, u);
        if (b->verdict[u] == ZI_VERDICT_NONE && b->units[u].n_errors == 0)
            zi_batch_error(b, u, b->units[u].row, 0, -1, "the module gave no verdict and no reason");
        b->units[u].missing_answer = missing_answer(m, b, u);
    }
}

uint32_t zi_unit_missing(const struct zi_module *m, const struct zi_batch *b, uint32_t u, uint32_t *items,
                         uint32_t cap)
{
    /* A score item's inputs are consecutive in the descriptor, so comparing with the last item listed is
     * enough to list each item once, in linear time. */
    uint32_t n = 0, last = ZI_NONE;
    if (b->units[u].complete || b->units[u].unreadable == ZI_UNREAD_ROW) return 0;
    /* The unit's row of each buffer, found once: its column c is then c × ZI_TILE further (zi/module.h). */
    const uint8_t *codes = b->codes + zi_tile_index(u, 0, b->n_codes);
    const double *numbers = b->numbers + zi_tile_index(u, 0, b->n_numbers);
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        if (in->role == ZI_ROLE_FACT) continue; /* a fact is not an item: missing, it makes unknowns */
        uint32_t item = (uint32_t)in->item;
        double x = zi_input_has_labels(in->kind) ? 0 : numbers[(size_t)in->column * ZI_TILE];
        int has = zi_input_has_labels(in->kind) ? codes[(size_t)in->column * ZI_TILE] != 0 : x == x;
        if (has || item == last || zi_batch_input_failed(b, u, i)) continue;
        last = item;
        if (n < cap) items[n] = item;
        n++;
    }
    return n;
}
