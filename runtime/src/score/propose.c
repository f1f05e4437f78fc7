/* propose.c — may a unit be proposed for the verdict its scores reached? (docs/runtime.md, "Proposability")
 *
 * The module decides each prerequisite and relaxation condition: met, unmet (its `failed` bit), or unknown
 * (its `unknown` bit: a fact it reads is missing for the unit). From those statuses this file derives the
 * unit's proposability by the rules of the language — yes, relaxed, no, unknown, or not applicable — and
 * names, for the reports, which facts an unknown condition needs and which values a condition read.
 *
 * Which facts a condition reads: the descriptor does not list them, but a fact can only be read by its full
 * path (FACTS.FACT, its data key) and only in a prerequisites block, whose condition text is its source text;
 * so the facts a condition reads are the fact keys that occur in its text as a whole dotted name (outside
 * string literals, spaces around the dots allowed). When none of those is missing for a unit whose condition
 * is unknown (a text this rule cannot read), every fact missing for the unit is named instead: an unknown is
 * never left without the data that would decide it. Nothing here knows any regulation: names, labels and
 * keys all come from the module.
 */
#include <stdlib.h>

#include "zirt.h"

enum zi_proposable zi_propose_status(const struct zi_module *m, uint32_t verdict, const uint8_t *status)
{
    const struct zi_verdict_desc *v = &m->verdicts[verdict];
    if (v->is_fallback) return ZI_PROPOSE_NA;
    int unmet = 0, unknown = 0, relax = 0, relax_unmet = 0, relax_unknown = 0;
    for (uint32_t k = 0; k < v->n_prerequisites; k++) {
        int relaxation = m->conditions[v->first_prerequisite + k].role == ZI_CONDITION_RELAXATION;
        relax |= relaxation;
        if (status[k] == ZI_PREREQ_UNMET) {
            if (relaxation)
                relax_unmet = 1;
            else
                unmet = 1;
        } else if (status[k] == ZI_PREREQ_UNKNOWN) {
            if (relaxation)
                relax_unknown = 1;
            else
                unknown = 1;
        }
    }
    if (!unmet && !unknown) return ZI_PROPOSE_YES;
    if (relax && !relax_unmet && !relax_unknown) return ZI_PROPOSE_RELAXED;
    if (unmet && (!relax || relax_unmet)) return ZI_PROPOSE_NO;
    return ZI_PROPOSE_UNKNOWN;
}

/* Whether c may continue an identifier. */
static int ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

/* Appends to p->facts the fact inputs whose key is a dotted name of `text`. */
static void facts_of(struct zi_propose *p, const struct zi_module *m, const char *text, struct zi_buf *name)
{
    const char *s = text;
    uint32_t first = p->n_facts;
    while (*s) {
        if (*s == '"') { /* a label: "instansi.x" inside a string is not a read of a fact */
            for (s++; *s && *s != '"'; s++)
                if (*s == '\\' && s[1]) s++;
            if (*s) s++;
            continue;
        }
        if (!ident_char(*s) || (*s >= '0' && *s <= '9')) {
            s++;
            continue;
        }
        name->len = 0;
        for (;;) {
            const char *start = s;
            while (ident_char(*s))
                s++;
            zi_buf_append(name, start, (size_t)(s - start));
            const char *dot = skip_spaces(s);
            if (*dot != '.') break;
            const char *next = skip_spaces(dot + 1);
            if (!ident_char(*next) || (*next >= '0' && *next <= '9')) break;
            zi_buf_putc(name, '.');
            s = next;
        }
        for (uint32_t i = 0; i < m->n_inputs && !name->failed; i++) {
            const struct zi_input_desc *d = &m->inputs[i];
            if (d->role != ZI_ROLE_FACT || strlen(d->key) != name->len || memcmp(d->key, name->p, name->len))
                continue;
            int seen = 0; /* "if jenis == … then rb >= … else rb >= …" reads rb once */
            for (uint32_t k = first; k < p->n_facts; k++)
                seen |= p->facts[k] == i;
            if (!seen) p->facts[p->n_facts++] = i;
        }
    }
}

int zi_propose_init(struct zi_propose *p, const struct zi_module *m)
{
    memset(p, 0, sizeof *p);
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        p->any |= m->verdicts[v].n_prerequisites > 0;
    if (!p->any) return 0;
    /* A name matches one input at most, and a text holds fewer names than bytes. */
    size_t cap = 0;
    for (uint32_t c = 0; c < m->n_conditions; c++)
        if (m->conditions[c].role == ZI_CONDITION_PREREQUISITE ||
            m->conditions[c].role == ZI_CONDITION_RELAXATION)
            cap += strlen(m->conditions[c].text) / 2 + 1;
    p->first_fact = calloc((size_t)m->n_conditions + 1, sizeof *p->first_fact);
    p->facts = malloc((cap + 1) * sizeof *p->facts);
    if (!p->first_fact || !p->facts) return -1;
    struct zi_buf name;
    zi_buf_init(&name);
    for (uint32_t c = 0; c < m->n_conditions; c++) {
        p->first_fact[c] = p->n_facts;
        const struct zi_condition_desc *d = &m->conditions[c];
        if (d->role == ZI_CONDITION_PREREQUISITE || d->role == ZI_CONDITION_RELAXATION)
            facts_of(p, m, d->text, &name);
    }
    p->first_fact[m->n_conditions] = p->n_facts;
    int oom = name.failed;
    zi_buf_free(&name);
    return oom ? -1 : 0;
}

void zi_propose_free(struct zi_propose *p)
{
    free(p->first_fact);
    free(p->facts);
    memset(p, 0, sizeof *p);
}

enum zi_prereq_status zi_propose_condition(const struct zi_batch *b, uint32_t u, uint32_t c)
{
    if (zi_batch_cond_unknown(b, u, c)) return ZI_PREREQ_UNKNOWN;
    return zi_batch_cond_failed(b, u, c) ? ZI_PREREQ_UNMET : ZI_PREREQ_MET;
}

enum zi_proposable zi_propose_unit(const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                                   uint8_t *status)
{
    int32_t v = b->verdict[u];
    if (b->units[u].n_errors || v < 0) return ZI_PROPOSE_NA;
    const struct zi_verdict_desc *vd = &m->verdicts[v];
    for (uint32_t k = 0; k < vd->n_prerequisites; k++)
        status[k] = (uint8_t)zi_propose_condition(b, u, vd->first_prerequisite + k);
    return zi_propose_status(m, (uint32_t)v, status);
}

const char *zi_propose_name(const struct zi_module *m, uint32_t c)
{
    const struct zi_condition_desc *d = &m->conditions[c];
    return d->message ? d->message : d->text;
}

uint32_t zi_propose_missing(const struct zi_propose *p, const struct zi_module *m, const struct zi_batch *b,
                            uint32_t u, uint32_t c, uint32_t *out)
{
    uint32_t n = 0;
    for (uint32_t k = p->first_fact[c]; k < p->first_fact[c + 1]; k++)
        if (!zi_batch_has(b, u, p->facts[k])) out[n++] = p->facts[k];
    if (n || !zi_batch_cond_unknown(b, u, c)) return n;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (m->inputs[i].role == ZI_ROLE_FACT && !zi_batch_has(b, u, i)) out[n++] = i;
    return n;
}

void zi_propose_fact_value(struct zi_buf *o, const struct zi_module *m, const struct zi_batch *b, uint32_t u,
                           uint32_t i, char point)
{
    const struct zi_input_desc *d = &m->inputs[i];
    if (!zi_batch_has(b, u, i)) {
        zi_buf_puts(o, "kosong");
        return;
    }
    if (zi_input_has_labels(d->kind)) {
        uint32_t code = b->codes[zi_tile_index(u, d->column, b->n_codes)];
        const struct zi_scale_label *l = &d->labels[code - 1];
        zi_buf_puts(o, l->printed_as ? d->labels[l->printed_as - 1].label : l->label);
        return;
    }
    double x = b->numbers[zi_tile_index(u, d->column, b->n_numbers)];
    char t[ZI_FMT_MAX];
    /* Six decimals at most, trailing zeros dropped: 0.07 × 100 is 7.000000000000001 in binary. */
    size_t n = zi_fmt_fixed(d->kind == ZI_INPUT_PERCENT ? x * 100 : x, 6, point, t);
    while (n > 0 && t[n - 1] == '0')
        t[--n] = '\0';
    if (n > 0 && t[n - 1] == point) t[--n] = '\0';
    zi_buf_puts(o, t);
    if (d->kind == ZI_INPUT_PERCENT) zi_buf_putc(o, '%');
}

uint32_t zi_propose_values(struct zi_buf *o, const struct zi_propose *p, const struct zi_module *m,
                           const struct zi_batch *b, uint32_t u, uint32_t c, char point)
{
    const struct zi_condition_desc *d = &m->conditions[c];
    uint32_t n = 0;
    for (uint32_t k = p->first_fact[c]; k < p->first_fact[c + 1]; k++, n++) {
        uint32_t i = p->facts[k];
        zi_buf_puts(o, n ? ", " : "");
        zi_buf_puts(o, m->inputs[i].key);
        zi_buf_puts(o, " = ");
        zi_propose_fact_value(o, m, b, u, i, point);
    }
    /* A prerequisite on a score: the score, when the batch has it (items only under --explain). */
    if (d->lhs_output >= 0 && (m->outputs[d->lhs_output].kind != ZI_OUTPUT_ITEM || b->lhs)) {
        char t[ZI_FMT_MAX];
        zi_fmt_fixed(zi_batch_out(b, u, (uint32_t)d->lhs_output), 2, point, t);
        zi_buf_puts(o, n ? ", " : "");
        zi_buf_puts(o, m->outputs[d->lhs_output].path);
        zi_buf_puts(o, " = ");
        zi_buf_puts(o, t);
        n++;
    }
    return n;
}
