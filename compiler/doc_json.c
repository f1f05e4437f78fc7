/* doc_json.c — `zic doc --format json`: the numbers of the lowered model, from its descriptor (what a built
 * module carries), not from the tree the Markdown and HTML are written from. Tests compare the two: every
 * weight and item count the page shows must be the model's. */
#include <stdlib.h>

#include "doc.h"
#include "template.h"

static void number(FILE *out, const char *name, double x)
{
    fprintf(out, ", \"%s\": %.17g", name, x);
}

static void string(FILE *out, const char *first, const char *name, const char *text)
{
    fprintf(out, "%s\"%s\": ", first, name);
    zi_json_string(out, text);
}

int zi_doc_json(const struct zi_module *d, FILE *out)
{
    /* Items under each output: every item counts for each group above it. */
    unsigned *items = calloc(d->n_outputs ? d->n_outputs : 1, sizeof *items);
    if (!items) return -1;
    unsigned n_items = 0;
    for (uint32_t o = 0; o < d->n_outputs; o++) {
        if (d->outputs[o].kind != ZI_OUTPUT_ITEM) continue;
        n_items++;
        for (int32_t p = d->outputs[o].parent; p >= 0; p = d->outputs[p].parent)
            items[p]++;
    }
    string(out, "{", "criteria", d->criteria_id);
    string(out, ", ", "title", d->title);
    string(out, ", ", "regulation", d->regulation);
    string(out, ", ", "compiler", d->compiler_version);
    fprintf(out, ",\n \"total\": {\"weight\": %.17g, \"items\": %u}", d->outputs[d->total_output].weight,
            n_items);
    static const struct {
        const char *name;
        int32_t kind;
    } lists[] = {{"groups", ZI_OUTPUT_GROUP}, {"views", ZI_OUTPUT_VIEW}, {"items", ZI_OUTPUT_ITEM}};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        fprintf(out, ",\n \"%s\": [", lists[l].name);
        const char *sep = "\n  {";
        for (uint32_t o = 0; o < d->n_outputs; o++) {
            const struct zi_output_desc *x = &d->outputs[o];
            if (x->kind != lists[l].kind) continue;
            string(out, sep, "path", x->path);
            if (x->code) string(out, ", ", "code", x->code);
            number(out, x->kind == ZI_OUTPUT_ITEM ? "points" : "weight", x->weight);
            if (x->kind == ZI_OUTPUT_GROUP) fprintf(out, ", \"items\": %u", items[o]);
            fputc('}', out);
            sep = ",\n  {";
        }
        fputs("]", out);
    }
    fputs(",\n \"verdicts\": [", out);
    for (uint32_t v = 0; v < d->n_verdicts; v++) {
        const struct zi_verdict_desc *x = &d->verdicts[v];
        string(out, v ? ",\n  {" : "\n  {", "id", x->id);
        fprintf(out, ", \"conditions\": %u, \"prerequisites\": %u}", x->n_conditions, x->n_prerequisites);
    }
    fputs("],\n \"sources\": [", out);
    for (uint32_t s = 0; s < d->n_sources; s++) {
        string(out, s ? ",\n  {" : "\n  {", "name", d->sources[s].name);
        string(out, ", ", "sha256", d->sources[s].sha256);
        fputc('}', out);
    }
    fputs("]}\n", out);
    free(items);
    return 0;
}
