/* compare_html.c — `zirun compare --format html`: one self-contained page (report/html.h's shell): per unit,
 * its table of tiers (total, areas, verdict as a badge, or why a tier has none) and the answers that differ
 * between the tiers with the item's score at each; then, for each tier and the one before it, where scores
 * were lowered: the areas and the items ranked as in the table report, each with a bar of the share of units
 * lowered. Data attributes hold what a test compares with the CSV report.
 */
#include <math.h>

#include "compare.h"
#include "report/html.h"

static const char css[] = "td.down{color:var(--bad)}td.up{color:var(--good)}\n"
                          ".scroll{overflow-x:auto}.scroll table{font-size:12px}.scroll th{max-width:9em}\n"
                          "table.changes{margin-top:10px}td.bar{width:30%}\n";

/* A row of changed answers: item (or fact), the answer and score at each tier, the score's change from the
 * first tier scored to the last. */
static void change_row(struct zi_cmp *c, size_t row, uint32_t o, int32_t fact)
{
    struct zi_sheet *sh = &c->sh;
    struct zi_out *out = &sh->out;
    const struct zi_module *m = sh->m;
    zi_out_str(out, "<tr data-item=\"");
    zi_html_str(out, fact >= 0            ? m->inputs[fact].key
                     : m->outputs[o].code ? m->outputs[o].code
                                          : m->outputs[o].path);
    zi_out_str(out, "\"><td>");
    if (fact >= 0) {
        zi_out_str(out, ZI_WORDS(sh->lang, "fakta ", "fact "));
        zi_html_str(out, m->inputs[fact].key);
    } else {
        zi_html_str(out, m->outputs[o].code ? m->outputs[o].code : m->outputs[o].path);
        zi_out_char(out, ' ');
        zi_html_str(out, m->outputs[o].title);
    }
    zi_out_str(out, "</td>");
    double first = NAN, last = NAN;
    for (size_t s = 0; s < sh->n_sets; s++) {
        zi_out_str(out, "<td>");
        if (zi_at_state(sh->j, sh->sets, row, s) != ZI_AT_OK) {
            zi_out_str(out, "–</td>");
            continue;
        }
        const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
        sh->line.len = 0;
        if (fact >= 0)
            zi_answer_text(&sh->line, &m->inputs[fact], r->answers[fact], sh->point,
                           ZI_WORDS(sh->lang, "kosong", "missing"));
        else
            zi_cmp_item_answers(c, r, o);
        if (!sh->line.failed) zi_html_text(out, sh->line.p ? sh->line.p : "", sh->line.len);
        if (fact < 0) {
            zi_out_str(out, " (");
            zi_html_number(out, r->outputs[o], 2, sh->lang);
            zi_out_char(out, ')');
            if (isnan(first)) first = r->outputs[o];
            last = r->outputs[o];
        }
        zi_out_str(out, "</td>");
    }
    double d = last - first;
    zi_out_str(out, d < -1e-9  ? "<td class=\"num down\">"
                    : d > 1e-9 ? "<td class=\"num up\">"
                               : "<td class=\"num\">");
    if (!isnan(d)) {
        char t[ZI_FMT_MAX];
        zi_people_change(d, sh->point, t);
        zi_out_str(out, t);
    }
    zi_out_str(out, "</td></tr>");
}

static void changes(struct zi_cmp *c, size_t row)
{
    struct zi_sheet *sh = &c->sh;
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    int any = 0;
    for (uint32_t out = 0; out < m->n_outputs; out++) {
        int item = m->outputs[out].kind == ZI_OUTPUT_ITEM && zi_cmp_item_changed(c, row, out);
        if (!item) continue;
        if (!any++) {
            zi_out_str(o, "<h3>");
            zi_out_str(o, ZI_WORDS(sh->lang, "Jawaban yang berbeda", "Answers that differ"));
            zi_out_str(o, "</h3><div class=\"scroll\"><table class=\"changes\"><thead><tr><th>");
            zi_out_str(o, ZI_WORDS(sh->lang, "butir", "item"));
            zi_out_str(o, "</th>");
            for (size_t s = 0; s < sh->n_sets; s++) {
                zi_out_str(o, "<th>");
                zi_html_str(o, sh->sets[s].name);
                zi_out_str(o, "</th>");
            }
            zi_out_str(o, "<th class=\"num\">");
            zi_out_str(o, ZI_WORDS(sh->lang, "perubahan", "change"));
            zi_out_str(o, "</th></tr></thead><tbody>");
        }
        change_row(c, row, out, -1);
    }
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        if (m->inputs[i].role != ZI_ROLE_FACT || !zi_cmp_input_changed(c, row, i)) continue;
        if (!any++) zi_out_str(o, "<div class=\"scroll\"><table class=\"changes\"><tbody>");
        change_row(c, row, 0, (int32_t)i);
    }
    if (any) zi_out_str(o, "</tbody></table></div>");
}

/* Pair p's lowered areas or items: name, units (with a bar of units lowered over units compared), points. */
static void lowered(struct zi_cmp *c, size_t p, int items)
{
    struct zi_sheet *sh = &c->sh;
    const struct zi_module *m = sh->m;
    struct zi_out *o = &sh->out;
    uint32_t n = zi_cmp_ranked(c, p, items);
    if (!n) return;
    zi_out_str(o, "<h3>");
    zi_out_str(o, items ? ZI_WORDS(sh->lang, "Butir", "Items") : ZI_WORDS(sh->lang, "Area", "Areas"));
    zi_out_str(o, "</h3><table><thead><tr><th></th><th class=\"num\">");
    zi_out_str(o, ZI_WORDS(sh->lang, "unit diturunkan", "units lowered"));
    zi_out_str(o, "</th><th></th><th class=\"num\">");
    zi_out_str(o, ZI_WORDS(sh->lang, "poin", "points"));
    zi_out_str(o, "</th></tr></thead><tbody>");
    for (uint32_t k = 0; k < n; k++) {
        const struct zi_output_desc *d = &m->outputs[c->order[k]];
        const struct zi_lowered *lw = &c->low[p * m->n_outputs + c->order[k]];
        zi_out_str(o, "<tr data-output=\"");
        zi_html_str(o, items && d->code ? d->code : d->path);
        zi_out_str(o, "\" data-units=\"");
        zi_out_u64(o, lw->units);
        zi_out_str(o, "\"><td>");
        zi_html_str(o, items && d->code ? d->code : d->path);
        zi_out_char(o, ' ');
        zi_html_str(o, d->title);
        zi_out_str(o, "</td><td class=\"num\">");
        zi_out_u64(o, lw->units);
        zi_out_str(o, "</td><td class=\"bar\">");
        zi_html_bar(o, lw->units, 0, c->pair_units[p] ? c->pair_units[p] : 1, "bad", NULL, 0, d->title);
        zi_out_str(o, "</td><td class=\"num\">");
        zi_html_number(o, lw->points, 2, sh->lang);
        zi_out_str(o, "</td></tr>");
    }
    zi_out_str(o, "</tbody></table>");
}

void zi_compare_html(struct zi_cmp *c)
{
    struct zi_sheet *sh = &c->sh;
    struct zi_out *o = &sh->out;
    zi_sheet_html_head(sh, ZI_WORDS(sh->lang, "Perbandingan tingkat penilaian", "Tier comparison"),
                       ZI_WORDS(sh->lang, "Tingkat: ", "Tiers: "), css);
    for (size_t row = 0; row < sh->j->n; row++) {
        zi_sheet_html_unit(sh, row, ZI_WORDS(sh->lang, "tingkat", "tier"), NULL);
        for (size_t s = 0; s < sh->n_sets; s++)
            zi_sheet_html_row(sh, row, s, "data-tier", 0);
        zi_out_str(o, "</tbody></table></div>");
        changes(c, row);
        zi_out_str(o, "</section>\n");
    }
    for (size_t p = 0; p + 1 < sh->n_sets; p++) {
        char t[300];
        zi_out_str(o, "<section class=\"card lowered\" data-from=\"");
        zi_html_str(o, sh->sets[p].name);
        zi_out_str(o, "\" data-to=\"");
        zi_html_str(o, sh->sets[p + 1].name);
        zi_out_str(o, "\"><h2>");
        snprintf(t, sizeof t,
                 ZI_WORDS(sh->lang, "Nilai yang diturunkan dari %s ke %s", "Scores lowered from %s to %s"),
                 sh->sets[p].name, sh->sets[p + 1].name);
        zi_html_str(o, t);
        zi_out_str(o, "</h2><p class=\"sub\">");
        if (sh->lang == ZI_LANG_ID)
            snprintf(t, sizeof t, "%u unit dinilai di keduanya; predikat turun untuk %u", c->pair_units[p],
                     c->pair_verdict[p]);
        else
            snprintf(t, sizeof t, "%u units scored at both; verdict lowered for %u", c->pair_units[p],
                     c->pair_verdict[p]);
        zi_out_str(o, t);
        zi_out_str(o, "</p>");
        lowered(c, p, 0);
        lowered(c, p, 1);
        zi_out_str(o, "</section>\n");
    }
    char t[300];
    zi_sheet_last_line(sh, ", ", ZI_WORDS(sh->lang, "akhir perbandingan", "end of comparison"),
                       ZI_WORDS(sh->lang, "tingkat", "tiers"),
                       ZI_WORDS(sh->lang, "tidak ada di setiap berkas", "not in every file"), t, sizeof t);
    zi_sheet_html_end(sh, t);
}
