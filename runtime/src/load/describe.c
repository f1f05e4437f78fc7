/* describe.c — zi_module_describe: a module's provenance, for `zirun --verify` and for people auditing a
 * result: which criteria, which regulation, which source text (by SHA-256), which compiler, and how big. */
#include "zirt.h"

int zi_module_describe(const struct zi_module *m, FILE *out)
{
    unsigned kinds[ZI_INPUT_BOOLEAN + 1] = {0}, outs[5] = {0}, requires = 0, facts = 0;
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        if (m->inputs[i].role == ZI_ROLE_FACT)
            facts++;
        else
            kinds[m->inputs[i].kind]++;
    }
    for (uint32_t o = 0; o < m->n_outputs; o++)
        outs[m->outputs[o].kind]++;
    for (uint32_t c = 0; c < m->n_conditions; c++)
    requires += m->conditions[c].role == ZI_CONDITION_REQUIRE;
    fprintf(out, "criteria:      %s\n", m->criteria_id);
    fprintf(out, "title:         %s\n", m->title);
    fprintf(out, "regulation:    %s\n", m->regulation ? m->regulation : "(none given)");
    fprintf(out, "language:      %s\n",
            !m->language                     ? "not declared (reports in English unless --lang id)"
            : strcmp(m->language, "id") == 0 ? "id (Bahasa Indonesia: reports in Indonesian unless --lang en)"
                                             : "en (English)");
    fprintf(out, "source:        %s\n", m->source_name);
    fprintf(out, "source sha256: %s\n", m->source_sha256);
    /* A rule set built on others: every file it was compiled from, the one named above first. */
    for (uint32_t s = 1; s < m->n_sources; s++)
        fprintf(out, "%s %s sha256 %s\n", s == 1 ? "extends:      " : "              ", m->sources[s].name,
                m->sources[s].sha256);
    fprintf(out, "compiler:      %s\n", m->compiler_version);
    fprintf(out, "module ABI:    %u, checksum 0x%016llx\n", (unsigned)ZI_MODULE_ABI_VERSION,
            (unsigned long long)m->checksum);
    /* Which of its score loops runs here (module ABI 5): the question when a module is slower on one machine.
     */
    if (m->n_score_levels) {
        fputs("score loop:   ", out);
        for (uint32_t k = 0; k < m->n_score_levels; k++)
            fprintf(out, "%s %s (%u units a step)", k ? "," : "", m->score_levels[k].name,
                    (unsigned)m->score_levels[k].lanes);
        fputc('\n', out);
    }
    char why[512];
    int level = zi_module_pick_level(m, NULL, why, sizeof why);
    uint32_t cpu = zi_cpu_levels();
    if (level >= 0)
        fprintf(out, "this CPU:      %s: runs %s\n", zi_cpu_level_name(cpu), zi_module_level_name(m, level));
    else
        fprintf(out, "this CPU:      %s: cannot run it: %s\n", zi_cpu_level_name(cpu), why);
    fprintf(out, "inputs:        %u (%u scale, %u number, %u percent, %u count)\n",
            (unsigned)(m->n_inputs - facts), kinds[ZI_INPUT_SCALE], kinds[ZI_INPUT_NUMBER],
            kinds[ZI_INPUT_PERCENT], kinds[ZI_INPUT_COUNT]);
    if (facts) fprintf(out, "facts:         %u (unscored, tested by prerequisites)\n", facts);
    fprintf(out, "outputs:       %u (%u groups, %u items, %u view members, %u lets, total)\n",
            (unsigned)m->n_outputs, outs[ZI_OUTPUT_GROUP], outs[ZI_OUTPUT_ITEM], outs[ZI_OUTPUT_VIEW],
            outs[ZI_OUTPUT_LET]);
    fprintf(out, "conditions:    %u (%u require rules)\n", (unsigned)m->n_conditions, requires);
    for (uint32_t v = 0; v < m->n_verdicts; v++) {
        const struct zi_verdict_desc *d = &m->verdicts[v];
        if (d->is_fallback)
            fprintf(out, "%s %s \"%s\" (otherwise)\n", v ? "              " : "verdicts:     ", d->id,
                    d->title);
        else
            fprintf(out, "%s %s \"%s\" (%u conditions%s)\n", v ? "              " : "verdicts:     ", d->id,
                    d->title, (unsigned)d->n_conditions, d->n_prerequisites ? ", with prerequisites" : "");
    }
    return ferror(out) ? -1 : 0;
}
