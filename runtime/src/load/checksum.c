/* checksum.c — zi_module_checksum: FNV-1a 64 over the descriptor's content.
 *
 * The compiler computes this on its in-memory descriptor and stores it in the module; the loader computes
 * it again on what it finds in the file. The serialisation (zi/runtime.h) is defined field by field rather
 * than over raw struct bytes so that padding, pointer values and the load address never enter it: only what
 * the descriptor says. FNV-1a is not a defence against a forged module — nothing in a shared object could
 * be — but it reliably catches a table damaged on disk or a descriptor the compiler wrote inconsistently.
 */
#include "zirt.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t eat(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

static uint64_t eat_str(uint64_t h, const char *s)
{
    if (!s) {
        unsigned char ff = 0xFF;
        return eat(h, &ff, 1);
    }
    return eat(h, (const unsigned char *)s, strlen(s) + 1);
}

static uint64_t eat_u64(uint64_t h, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    return eat(h, b, 8);
}

static uint64_t eat_int(uint64_t h, int64_t v)
{
    return eat_u64(h, (uint64_t)v);
}

static uint64_t eat_double(uint64_t h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return eat_u64(h, bits);
}

uint64_t zi_module_checksum(const struct zi_module *m)
{
    uint64_t h = FNV_OFFSET;
    h = eat_str(h, m->criteria_id);
    h = eat_str(h, m->title);
    h = eat_str(h, m->regulation);
    h = eat_str(h, m->source_name);
    h = eat_str(h, m->source_sha256);
    h = eat_str(h, m->compiler_version);
    h = eat_int(h, m->n_inputs);
    h = eat_int(h, m->n_outputs);
    h = eat_int(h, m->n_conditions);
    h = eat_int(h, m->n_verdicts);
    h = eat_int(h, m->n_failed_words);
    h = eat_int(h, m->total_output);
    h = eat_int(h, m->n_code_columns);
    h = eat_int(h, m->n_number_columns);
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        h = eat_str(h, in->key);
        h = eat_str(h, in->item_code);
        h = eat_str(h, in->text);
        h = eat_str(h, in->scale);
        for (uint32_t l = 0; l < in->n_labels; l++) {
            h = eat_str(h, in->labels[l].label);
            h = eat_double(h, in->labels[l].value);
            h = eat_int(h, in->labels[l].printed_as);
        }
        h = eat_int(h, in->n_labels);
        h = eat_int(h, in->kind);
        h = eat_int(h, in->missing);
        h = eat_int(h, in->item);
        h = eat_int(h, in->role);
        h = eat_int(h, in->column);
        h = eat_double(h, in->min);
        h = eat_double(h, in->max);
    }
    for (uint32_t o = 0; o < m->n_outputs; o++) {
        const struct zi_output_desc *out = &m->outputs[o];
        h = eat_str(h, out->path);
        h = eat_str(h, out->code);
        h = eat_str(h, out->title);
        h = eat_int(h, out->kind);
        h = eat_int(h, out->parent);
        h = eat_int(h, out->depth);
        h = eat_int(h, out->has_weight);
        h = eat_double(h, out->weight);
    }
    for (uint32_t c = 0; c < m->n_conditions; c++) {
        const struct zi_condition_desc *cd = &m->conditions[c];
        h = eat_str(h, cd->text);
        h = eat_str(h, cd->lhs);
        h = eat_str(h, cd->message);
        h = eat_int(h, cd->verdict);
        h = eat_int(h, cd->role);
        h = eat_int(h, cd->op);
        h = eat_int(h, cd->lhs_output);
        h = eat_int(h, cd->item);
        h = eat_double(h, cd->rhs_weight);
        h = eat_double(h, cd->rhs_percent);
    }
    for (uint32_t v = 0; v < m->n_verdicts; v++) {
        const struct zi_verdict_desc *vd = &m->verdicts[v];
        h = eat_str(h, vd->id);
        h = eat_str(h, vd->title);
        h = eat_int(h, vd->first_condition);
        h = eat_int(h, vd->n_conditions);
        h = eat_int(h, vd->is_fallback);
        h = eat_int(h, vd->first_prerequisite);
        h = eat_int(h, vd->n_prerequisites);
    }
    h = eat_int(h, m->n_sources);
    for (uint32_t s = 0; s < m->n_sources; s++) {
        h = eat_str(h, m->sources[s].name);
        h = eat_str(h, m->sources[s].sha256);
    }
    h = eat_str(h, m->language);
    h = eat_int(h, m->n_view_parts);
    for (uint32_t k = 0; k < m->n_view_parts; k++) {
        h = eat_int(h, m->view_parts[k].member);
        h = eat_int(h, m->view_parts[k].part);
    }
    h = eat_int(h, m->n_score_levels);
    for (uint32_t k = 0; k < m->n_score_levels; k++) {
        h = eat_str(h, m->score_levels[k].name);
        h = eat_int(h, m->score_levels[k].requires);
        h = eat_int(h, m->score_levels[k].lanes);
    }
    return h;
}
