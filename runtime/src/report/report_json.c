/* report_json.c — the auditable report: provenance of the module (criteria, regulation, source SHA-256 and
 * those of the rule sets it extends, compiler, checksum), then every unit with every score, its items,
 * missing answers, errors, the verdict conditions it failed, whether it may be proposed for its verdict (when
 * the criteria have prerequisites), and with --explain the operands and shortfalls. One unit per line,
 * written as it is scored, so the document streams like the CSV. Numbers are shortest round-trip decimals; a
 * value that is not a finite number (no module should produce one) is written null.
 */
#include "score/gap.h"
#include "zirt.h"

static void key(struct zi_out *o, const char *k)
{
    zi_out_char(o, '"');
    zi_out_str(o, k);
    zi_out_str(o, "\":");
}

static void str(struct zi_out *o, const char *s)
{
    if (s)
        zi_out_json_string(o, s, strlen(s));
    else
        zi_out_str(o, "null");
}

static void num(struct zi_out *o, double x)
{
    if (x - x == 0)
        zi_out_double(o, x);
    else
        zi_out_str(o, "null");
}

/* num() through the report's cache, for the scores every unit has. */
static void score(struct zi_report *r, double x)
{
    if (x - x == 0)
        zi_out_double_cached(&r->out, r->numbers, x);
    else
        zi_out_str(&r->out, "null");
}

void zi_report_json_provenance(struct zi_out *o, const struct zi_module *m)
{
    char sum[24];
    snprintf(sum, sizeof sum, "%016llx", (unsigned long long)m->checksum);
    key(o, "criteria");
    str(o, m->criteria_id);
    zi_out_char(o, ',');
    key(o, "title");
    str(o, m->title);
    zi_out_char(o, ',');
    key(o, "regulation");
    str(o, m->regulation);
    zi_out_char(o, ',');
    key(o, "language");
    str(o, m->language);
    zi_out_char(o, ',');
    key(o, "source_name");
    str(o, m->source_name);
    zi_out_char(o, ',');
    key(o, "source_sha256");
    str(o, m->source_sha256);
    zi_out_char(o, ',');
    /* A rule set built on others (`extends`): each base file and its hash, nearest first. Absent otherwise,
     * so a report of a single file keeps its shape. */
    if (m->n_sources > 1) {
        key(o, "bases");
        zi_out_char(o, '[');
        for (uint32_t s = 1; s < m->n_sources; s++) {
            zi_out_str(o, s == 1 ? "{" : ",{");
            key(o, "name");
            str(o, m->sources[s].name);
            zi_out_char(o, ',');
            key(o, "sha256");
            str(o, m->sources[s].sha256);
            zi_out_char(o, '}');
        }
        zi_out_str(o, "],");
    }
    key(o, "compiler");
    str(o, m->compiler_version);
    zi_out_char(o, ',');
    key(o, "module_checksum");
    str(o, sum);
    zi_out_char(o, ',');
    key(o, "runtime");
    str(o, "zirt " ZI_VERSION);
}

void zi_report_json_begin(struct zi_report *r)
{
    zi_out_char(&r->out, '{');
    zi_report_json_provenance(&r->out, r->m);
    zi_out_str(&r->out, ",\"units\":[");
}

static void errors(struct zi_report *r, const struct zi_batch *b, const struct zi_unit *un)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    int json = r->c->json_input;
    key(o, "errors");
    zi_out_char(o, '[');
    for (uint32_t e = un->first_error; e != ZI_NONE; e = b->errors[e].next) {
        const struct zi_unit_error *er = &b->errors[e];
        if (e != un->first_error) zi_out_char(o, ',');
        zi_out_char(o, '{');
        if (er->row) {
            key(o, json ? "line" : "row");
            zi_out_u64(o, er->row);
            zi_out_char(o, ',');
        }
        if (er->column) {
            key(o, "column");
            zi_out_u64(o, er->column);
            zi_out_char(o, ',');
        }
        if (er->input >= 0) {
            key(o, "item");
            str(o, m->inputs[er->input].key);
            zi_out_char(o, ',');
        }
        key(o, "message");
        str(o, zi_batch_str(b, er->text));
        zi_out_char(o, '}');
    }
    zi_out_char(o, ']');
}

static void explain(struct zi_report *r, const struct zi_batch *b, uint32_t u, uint32_t n_fails)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    struct zi_buf *s = &r->scratch;
    zi_out_str(o, ",\"explain\":{\"not_reached\":[");
    for (uint32_t k = 0; k < n_fails; k++) {
        const struct zi_failure *f = &r->fails[k];
        const struct zi_condition_desc *d = &m->conditions[f->condition];
        double shortfall;
        s->len = 0;
        zi_explain_condition(s, m, f, '.', r->c->lang, &shortfall);
        zi_out_str(o, k ? ",{" : "{");
        key(o, "verdict");
        str(o, m->verdicts[f->verdict].id);
        zi_out_char(o, ',');
        key(o, "condition");
        str(o, d->text);
        zi_out_char(o, ',');
        key(o, "lhs");
        str(o, d->lhs);
        zi_out_char(o, ',');
        key(o, "value");
        num(o, f->lhs);
        zi_out_char(o, ',');
        key(o, "threshold");
        num(o, f->rhs);
        zi_out_char(o, ',');
        key(o, "shortfall");
        num(o, shortfall);
        zi_out_char(o, ',');
        key(o, "text");
        zi_out_json_string(o, s->p ? s->p : "", s->len);
        zi_out_char(o, '}');
    }
    zi_out_str(o, "],\"points_lost\":[");
    if (!b->units[u].unreadable) {
        struct zi_loss loss[5];
        uint32_t nl =
            zi_explain_losses(m, r->lost, zi_explain_lost_items(m, b, u, r->first_input, r->lost), loss, 5);
        for (uint32_t k = 0; k < nl; k++) {
            const struct zi_output_desc *d = &m->outputs[loss[k].output];
            zi_out_str(o, k ? ",{" : "{");
            key(o, "item");
            str(o, d->code);
            zi_out_char(o, ',');
            key(o, "title");
            str(o, d->title);
            zi_out_char(o, ',');
            key(o, "lost");
            num(o, loss[k].lost);
            zi_out_char(o, ',');
            key(o, "weight");
            num(o, loss[k].weight);
            zi_out_char(o, '}');
        }
    }
    zi_out_str(o, "]}");
}

/* "proposable":"no","prerequisites":[{"name":…,"condition":…,"relaxation":false,"status":"unmet",
 * "missing":[]},…], every condition of the reached verdict's prerequisites block; with --explain each has
 * the values it read. */
static void proposability(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    struct zi_buf *s = &r->scratch;
    enum zi_proposable p = zi_report_propose(r, b, u);
    key(o, "proposable");
    if (p == ZI_PROPOSE_NA) {
        zi_out_str(o, "null,\"prerequisites\":[],");
        return;
    }
    zi_out_char(o, '"');
    zi_out_str(o, zi_report_proposable(p, 0, r->c->lang));
    zi_out_str(o, "\",\"prerequisites\":[");
    const struct zi_verdict_desc *vd = &m->verdicts[b->verdict[u]];
    static const char *const status[] = {"met", "unmet", "unknown"};
    for (uint32_t k = 0; k < vd->n_prerequisites; k++) {
        uint32_t c = vd->first_prerequisite + k;
        zi_out_str(o, k ? ",{" : "{");
        key(o, "name");
        str(o, zi_propose_name(m, c));
        zi_out_char(o, ',');
        key(o, "condition");
        str(o, m->conditions[c].text);
        zi_out_char(o, ',');
        key(o, "relaxation");
        zi_out_str(o, m->conditions[c].role == ZI_CONDITION_RELAXATION ? "true," : "false,");
        key(o, "status");
        str(o, status[r->status[k]]);
        zi_out_char(o, ',');
        key(o, "missing");
        uint32_t n =
            r->status[k] == ZI_PREREQ_UNKNOWN ? zi_propose_missing(&r->c->propose, m, b, u, c, r->facts) : 0;
        zi_out_char(o, '[');
        for (uint32_t j = 0; j < n; j++) {
            if (j) zi_out_char(o, ',');
            str(o, m->inputs[r->facts[j]].key);
        }
        zi_out_char(o, ']');
        if (r->c->explain) {
            s->len = 0;
            zi_propose_values(s, &r->c->propose, m, b, u, c, '.');
            zi_out_char(o, ',');
            key(o, "values");
            zi_out_json_string(o, s->p ? s->p : "", s->len);
        }
        zi_out_char(o, '}');
    }
    zi_out_str(o, "],");
}

/* A changed answer: its label, its number, or null when it was not answered. */
static void gap_value(struct zi_out *o, const struct zi_module *m, uint32_t input, double v)
{
    const struct zi_input_desc *d = &m->inputs[input];
    if (!zi_input_has_labels(d->kind)) {
        num(o, v);
    } else if (v < 1 || v > d->n_labels) {
        zi_out_str(o, "null");
    } else {
        const struct zi_scale_label *l = &d->labels[(uint32_t)v - 1];
        str(o, l->printed_as ? d->labels[l->printed_as - 1].label : l->label);
    }
}

/* ,"gap":{"target":"WBK","status":"minimal","minimal":true,"total_before":…,"total_after":…,
 * "changes":[{"input":…,"item":…,"from":…,"to":…,"points":…,"outside":false}],"prerequisites":[NAME]} —
 * or null for a unit with errors. */
static void gap(struct zi_report *r, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    const struct zi_gap_result *g = zi_gap_get(r->gap, u);
    zi_out_str(o, ",\"gap\":");
    if (g->status == ZI_GAP_NA) {
        zi_out_str(o, "null");
        return;
    }
    zi_out_char(o, '{');
    key(o, "target");
    str(o, m->verdicts[g->target].id);
    zi_out_char(o, ',');
    key(o, "status");
    str(o, zi_gap_status_code(g->status));
    zi_out_char(o, ',');
    key(o, "minimal");
    zi_out_str(o, g->status == ZI_GAP_MINIMAL || g->status == ZI_GAP_REACHED ? "true," : "false,");
    key(o, "total_before");
    num(o, g->total_before);
    zi_out_char(o, ',');
    key(o, "total_after");
    num(o, g->total_after);
    zi_out_str(o, ",\"changes\":[");
    for (uint32_t k = 0; k < g->n_changes; k++) {
        const struct zi_gap_change *ch = &g->changes[k];
        const struct zi_input_desc *d = &m->inputs[ch->input];
        zi_out_str(o, k ? ",{" : "{");
        key(o, "input");
        str(o, d->key);
        zi_out_char(o, ',');
        key(o, "item");
        str(o, m->outputs[d->item].code);
        zi_out_char(o, ',');
        key(o, "from");
        gap_value(o, m, ch->input, ch->from);
        zi_out_char(o, ',');
        key(o, "to");
        gap_value(o, m, ch->input, ch->to);
        zi_out_char(o, ',');
        key(o, "points");
        num(o, ch->points);
        zi_out_char(o, ',');
        key(o, "outside");
        zi_out_str(o, ch->outside ? "true}" : "false}");
    }
    zi_out_str(o, "],\"prerequisites\":[");
    for (uint32_t k = 0; k < g->n_prerequisites; k++) {
        if (k) zi_out_char(o, ',');
        str(o, zi_propose_name(m, g->prerequisites[k]));
    }
    zi_out_str(o, "]}");
}

static void unit(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    const struct zi_unit *un = &b->units[u];
    int ok = un->n_errors == 0, show = !un->unreadable;
    zi_out_str(o, r->units + u ? ",\n{" : "\n{");
    key(o, "id");
    zi_out_json_string(o, zi_batch_str(b, un->id), un->id_len);
    zi_out_char(o, ',');
    key(o, r->c->json_input ? "line" : "row");
    zi_out_u64(o, un->row);
    zi_out_str(o, ok ? ",\"status\":\"ok\"," : ",\"status\":\"error\",");
    key(o, "total");
    if (show)
        score(r, zi_batch_out(b, u, (uint32_t)m->total_output));
    else
        zi_out_str(o, "null");
    zi_out_char(o, ',');
    const struct zi_verdict_desc *v = ok ? &m->verdicts[b->verdict[u]] : NULL;
    key(o, "verdict");
    str(o, v ? v->id : NULL);
    zi_out_char(o, ',');
    key(o, "verdict_title");
    str(o, v ? v->title : NULL);
    zi_out_char(o, ',');
    if (r->c->propose.any) proposability(r, b, u);
    key(o, "scores");
    if (show) {
        zi_out_char(o, '{');
        for (uint32_t k = 0; k < r->n_cols; k++) {
            const char *path = m->outputs[r->cols[k]].path;
            if (k) zi_out_char(o, ',');
            zi_out_json_string(o, path, strlen(path));
            zi_out_char(o, ':');
            score(r, zi_batch_out(b, u, r->cols[k]));
        }
        zi_out_str(o, "},\"items\":{");
        int first = 1;
        for (uint32_t k = 0; k < m->n_outputs; k++) {
            const struct zi_output_desc *d = &m->outputs[k];
            if (d->kind != ZI_OUTPUT_ITEM) continue;
            if (!first) zi_out_char(o, ',');
            first = 0;
            zi_out_json_string(o, d->code, strlen(d->code));
            zi_out_char(o, ':');
            score(r, zi_batch_out(b, u, k));
        }
        zi_out_str(o, "},");
    } else {
        zi_out_str(o, "null,\"items\":null,");
    }
    key(o, "missing");
    zi_out_char(o, '[');
    uint32_t nm = zi_unit_missing(m, b, u, r->items, m->n_outputs);
    for (uint32_t k = 0; k < nm; k++) {
        if (k) zi_out_char(o, ',');
        str(o, m->outputs[r->items[k]].code);
    }
    zi_out_str(o, "],");
    errors(r, b, un);
    uint32_t nf = ok ? zi_explain_failures(m, b, u, r->fails, m->n_conditions) : 0;
    zi_out_str(o, ",\"failed\":[");
    for (uint32_t k = 0; k < nf; k++) {
        zi_out_str(o, k ? ",{" : "{");
        key(o, "verdict");
        str(o, m->verdicts[r->fails[k].verdict].id);
        zi_out_char(o, ',');
        key(o, "condition");
        str(o, m->conditions[r->fails[k].condition].text);
        zi_out_char(o, '}');
    }
    zi_out_char(o, ']');
    if (r->c->explain) explain(r, b, u, nf);
    if (r->gap) gap(r, u);
    zi_out_char(o, '}');
}

void zi_report_json_batch(struct zi_report *r, const struct zi_batch *b)
{
    for (uint32_t u = 0; u < b->n; u++)
        unit(r, b, u);
}

void zi_report_json_end(struct zi_report *r, const struct zi_run_stats *st, int complete)
{
    struct zi_out *o = &r->out;
    zi_out_str(o, r->units ? "\n],\"summary\":{" : "],\"summary\":{");
    key(o, "units");
    zi_out_u64(o, st->units);
    zi_out_char(o, ',');
    key(o, "scored");
    zi_out_u64(o, st->scored);
    zi_out_char(o, ',');
    key(o, "with_errors");
    zi_out_u64(o, st->with_errors);
    zi_out_char(o, ',');
    key(o, "with_missing");
    zi_out_u64(o, st->with_missing);
    zi_out_char(o, ',');
    key(o, "warnings");
    zi_out_u64(o, st->warnings);
    zi_out_char(o, ',');
    key(o, "complete");
    zi_out_str(o, complete ? "true}}\n" : "false}}\n");
}
