/* progress_html.c — `zirun progress --format html`: one self-contained page (report/html.h's shell, policy
 * and stylesheet), a section per unit with its table of periods — total, areas, verdict, change — and a line
 * chart (inline SVG) of the total and each area over the periods, each as a percentage of its weight so that
 * one scale fits them all. A period where the unit is missing or has errors leaves a gap in its lines, never
 * a point at zero: a zero would read as a score.
 *
 * The numbers a test compares are in data attributes as the CSV report writes them (shortest round-trip),
 * beside the text people read ("87,50").
 */
#include <math.h>
#include <stdlib.h>

#include "compare.h"
#include "report/html.h"

#define ZI_SERIES_COLOURS 8
/* The plot inside the chart's 640 × 240 box: room on the left for the axis labels, below for the periods. */
#define X0 48.0
#define X1 596.0
#define Y0 12.0
#define Y1 200.0

static const char css[] =
    "svg.chart{display:block;width:100%;height:auto;margin-top:8px}\n"
    "svg.chart .grid{stroke:#e3e6ec;stroke-width:1}svg.chart text{font-size:11px;fill:#5b6475}\n"
    "svg.chart polyline{fill:none;stroke-width:2.5}svg.chart circle{stroke:#fff;stroke-width:1}\n"
    ".s0{stroke:#1d2330;fill:#1d2330;background:#1d2330}.s1{stroke:#1d5fa8;fill:#1d5fa8;background:#1d5fa8}"
    ".s2{stroke:#1e7b3c;fill:#1e7b3c;background:#1e7b3c}.s3{stroke:#c0392b;fill:#c0392b;background:#c0392b}"
    ".s4{stroke:#8e44ad;fill:#8e44ad;background:#8e44ad}.s5{stroke:#d49a2a;fill:#d49a2a;background:#d49a2a}"
    ".s6{stroke:#16a085;fill:#16a085;background:#16a085}.s7{stroke:#7f8c8d;fill:#7f8c8d;background:#7f8c8d}\n"
    ".legend{font-size:12px;color:#5b6475}.change{white-space:nowrap}\n"
    ".scroll{overflow-x:auto}.scroll table{font-size:12px}.scroll th{max-width:9em}\n";

/* Output o as a percentage of its weight for unit r, or NaN (no weight, or not scored there). */
static double percent(const struct zi_sheet *sh, size_t row, size_t s, uint32_t o)
{
    const struct zi_output_desc *d = &sh->m->outputs[o];
    if (!d->has_weight || d->weight <= 0 || zi_at_state(sh->j, sh->sets, row, s) != ZI_AT_OK) return NAN;
    return zi_at_unit(sh->j, sh->sets, row, s)->outputs[o] / d->weight * 100;
}

static void coord(struct zi_out *o, double x)
{
    char t[ZI_FMT_MAX];
    zi_out_bytes(o, t, zi_fmt_fixed(x, 1, '.', t));
}

static double x_at(size_t s, size_t n)
{
    return n < 2 ? (X0 + X1) / 2 : X0 + (X1 - X0) * (double)s / (double)(n - 1);
}

/* The chart's scale runs from lo % (a multiple of 10 below the unit's lowest value, so that a change of a few
 * points shows) to 100 %. */
static double y_at(double pct, double lo)
{
    double p = pct < lo ? lo : pct > 100 ? 100 : pct;
    return Y1 - (Y1 - Y0) * (p - lo) / (100 - lo);
}

/* One series: polylines over the runs of periods that have a value, and a point (with its value as a
 * tooltip) at each. */
static void series(struct zi_sheet *sh, size_t row, uint32_t out, unsigned colour, const size_t *shown,
                   size_t n_shown, double lo)
{
    struct zi_out *o = &sh->out;
    const struct zi_output_desc *d = &sh->m->outputs[out];
    char cls[8];
    snprintf(cls, sizeof cls, "s%u", colour % ZI_SERIES_COLOURS);
    for (size_t k = 0; k < n_shown;) {
        size_t end = k;
        while (end < n_shown && !isnan(percent(sh, row, shown[end], out)))
            end++;
        if (end - k >= 2) {
            zi_out_str(o, "<polyline class=\"");
            zi_out_str(o, cls);
            zi_out_str(o, "\" points=\"");
            for (size_t i = k; i < end; i++) {
                if (i > k) zi_out_char(o, ' ');
                coord(o, x_at(i, n_shown));
                zi_out_char(o, ',');
                coord(o, y_at(percent(sh, row, shown[i], out), lo));
            }
            zi_out_str(o, "\"/>");
        }
        k = end == k ? k + 1 : end;
    }
    for (size_t i = 0; i < n_shown; i++) {
        double pct = percent(sh, row, shown[i], out);
        if (isnan(pct)) continue;
        double v = zi_at_unit(sh->j, sh->sets, row, shown[i])->outputs[out];
        zi_out_str(o, "<circle class=\"");
        zi_out_str(o, cls);
        zi_out_str(o, "\" r=\"3.5\" cx=\"");
        coord(o, x_at(i, n_shown));
        zi_out_str(o, "\" cy=\"");
        coord(o, y_at(pct, lo));
        zi_out_str(o, "\" data-series=\"");
        zi_html_str(o, d->path);
        zi_out_str(o, "\" data-value=\"");
        zi_out_double(o, v);
        zi_out_str(o, "\"><title>");
        zi_html_str(o, d->title);
        zi_out_str(o, ", ");
        zi_html_str(o, sh->sets[shown[i]].name);
        zi_out_str(o, ": ");
        zi_html_number(o, v, 2, sh->lang);
        zi_out_str(o, "</title></circle>");
    }
}

static void chart(struct zi_sheet *sh, size_t row, const size_t *shown, size_t n_shown)
{
    struct zi_out *o = &sh->out;
    const struct zi_module *m = sh->m;
    zi_out_str(o, "<svg class=\"chart\" viewBox=\"0 0 640 240\" role=\"img\" aria-label=\"");
    zi_out_str(o, ZI_WORDS(sh->lang, "Nilai per periode, persen dari bobot",
                           "Scores per period, percent of weight"));
    zi_out_str(o, "\">");
    double lo = 100;
    for (size_t i = 0; i < n_shown; i++) {
        double p = percent(sh, row, shown[i], (uint32_t)m->total_output);
        if (p < lo) lo = p;
        for (uint32_t k = 0; k < sh->n_cols; k++)
            if ((p = percent(sh, row, shown[i], sh->cols[k])) < lo) lo = p;
    }
    lo = lo > 10 ? floor((lo - 5) / 10) * 10 : 0;
    double step = (100 - lo) / 4;
    for (double g = lo; g <= 100.001; g += step) {
        zi_out_str(o, "<line class=\"grid\" x1=\"48\" x2=\"596\" y1=\"");
        coord(o, y_at(g, lo));
        zi_out_str(o, "\" y2=\"");
        coord(o, y_at(g, lo));
        zi_out_str(o, "\"/><text x=\"8\" y=\"");
        coord(o, y_at(g, lo) + 4);
        zi_out_str(o, "\">");
        char t[ZI_FMT_MAX];
        zi_out_bytes(o, t, zi_fmt_fixed(g, 0, '.', t));
        zi_out_str(o, "%</text>");
    }
    for (size_t i = 0; i < n_shown; i++) {
        zi_out_str(o, "<text text-anchor=\"middle\" x=\"");
        coord(o, x_at(i, n_shown));
        zi_out_str(o, "\" y=\"224\">");
        zi_html_str(o, sh->sets[shown[i]].name);
        zi_out_str(o, "</text>");
    }
    series(sh, row, (uint32_t)m->total_output, 0, shown, n_shown, lo);
    for (uint32_t k = 0; k < sh->n_cols; k++)
        series(sh, row, sh->cols[k], k + 1, shown, n_shown, lo);
    zi_out_str(o, "</svg><p class=\"legend\">");
    for (uint32_t k = 0; k <= sh->n_cols; k++) {
        const struct zi_output_desc *d = &m->outputs[k ? sh->cols[k - 1] : (uint32_t)m->total_output];
        char t[64];
        snprintf(t, sizeof t, "<span class=\"swatch s%u\"></span>", k % ZI_SERIES_COLOURS);
        zi_out_str(o, t);
        zi_html_str(o, d->title);
    }
    zi_out_str(o, "</p>");
}

static void cell_number(struct zi_sheet *sh, double x, int ok)
{
    struct zi_out *o = &sh->out;
    zi_out_str(o, "<td class=\"num\">");
    if (ok)
        zi_html_number(o, x, 2, sh->lang);
    else
        zi_out_str(o, "–");
    zi_out_str(o, "</td>");
}

/* The table row of period s: the numbers, the verdict as a badge (ranked: the best verdict r0), the change.
 */
static void period_row(struct zi_sheet *sh, size_t row, size_t s)
{
    struct zi_out *o = &sh->out;
    const struct zi_module *m = sh->m;
    enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    int ok = at == ZI_AT_OK;
    zi_out_str(o, "<tr data-period=\"");
    zi_html_str(o, sh->sets[s].name);
    zi_out_str(o, "\" data-status=\"");
    zi_out_str(o, zi_at_status(at));
    zi_out_str(o, "\" data-total=\"");
    if (ok) zi_out_double(o, r->outputs[m->total_output]);
    zi_out_str(o, "\"><th scope=\"row\">");
    zi_html_str(o, sh->sets[s].name);
    zi_out_str(o, "</th>");
    cell_number(sh, ok ? r->outputs[m->total_output] : NAN, ok);
    for (uint32_t k = 0; k < sh->n_cols; k++)
        cell_number(sh, ok ? r->outputs[sh->cols[k]] : NAN, ok);
    zi_out_str(o, "<td>");
    if (ok) {
        char cls[] = "r0";
        cls[1] = (char)('0' + (r->verdict < 3 ? r->verdict : 3));
        zi_html_badge(o, m->verdicts[r->verdict].is_fallback ? "none" : cls, m->verdicts[r->verdict].id);
    } else if (at == ZI_AT_ERRORS) {
        zi_html_badge(o, "bad", ZI_WORDS(sh->lang, "KESALAHAN", "ERROR"));
    } else {
        zi_html_badge(o, "none",
                      at == ZI_AT_TWICE ? ZI_WORDS(sh->lang, "dua kali", "twice")
                                        : ZI_WORDS(sh->lang, "tidak ada", "absent"));
    }
    zi_out_str(o, "</td><td class=\"change\">");
    long p = -1;
    for (size_t k = s; ok && k-- > 0;)
        if (zi_at_state(sh->j, sh->sets, row, k) == ZI_AT_OK) {
            p = (long)k;
            break;
        }
    if (p >= 0) {
        const struct zi_unit_result *a = zi_at_unit(sh->j, sh->sets, row, (size_t)p);
        char t[ZI_FMT_MAX];
        zi_people_change(r->outputs[m->total_output] - a->outputs[m->total_output], sh->point, t);
        zi_out_str(o, t);
        if (r->verdict != a->verdict) {
            int reached = r->verdict < a->verdict;
            zi_out_str(o, "; ");
            zi_html_str(o, m->verdicts[reached ? r->verdict : a->verdict].id);
            zi_out_str(o, reached ? ZI_WORDS(sh->lang, " dicapai", " reached")
                                  : ZI_WORDS(sh->lang, " lepas", " lost"));
        }
    }
    zi_out_str(o, "</td></tr>");
    if (at != ZI_AT_ERRORS) return;
    zi_out_str(o, "<tr class=\"errors\"><td></td><td colspan=\"99\">");
    zi_html_str(o, r->errors);
    zi_out_str(o, "</td></tr>");
}

void zi_progress_html(struct zi_sheet *sh)
{
    struct zi_out *o = &sh->out;
    const struct zi_module *m = sh->m;
    const char *heading = ZI_WORDS(sh->lang, "Kemajuan per periode", "Progress over time");
    zi_html_page_begin(o, sh->lang, heading, css);
    zi_out_str(o, "<main><h1>");
    zi_html_str(o, heading);
    zi_out_str(o, "</h1><p class=\"sub\">");
    zi_html_str(o, m->title);
    if (m->regulation) {
        zi_out_str(o, " — ");
        zi_html_str(o, m->regulation);
    }
    zi_out_str(o, "<br>");
    zi_out_str(o, ZI_WORDS(sh->lang, "Periode: ", "Periods: "));
    for (size_t s = 0; s < sh->n_sets; s++) {
        zi_out_str(o, s ? ", " : "");
        zi_html_str(o, sh->sets[s].name);
        zi_out_str(o, " (");
        zi_html_str(o, sh->sets[s].file);
        zi_out_char(o, ')');
    }
    zi_out_str(o, "</p>");
    size_t *shown = malloc((sh->n_sets + 1) * sizeof *shown);
    if (!shown) {
        sh->line.failed = 1;
        return;
    }
    for (size_t row = 0; row < sh->j->n; row++) {
        const struct zi_joined *jr = &sh->j->rows[row];
        size_t n_shown = 0;
        for (size_t s = 0; s < sh->n_sets; s++)
            if (!zi_at_skip(sh->j, sh->sets, row, s)) shown[n_shown++] = s;
        zi_out_str(o, "<section class=\"card unit\" data-unit=\"");
        zi_html_text(o, jr->id, jr->id_len);
        zi_out_str(o, "\"><h2>");
        if (jr->id_len)
            zi_html_text(o, jr->id, jr->id_len);
        else
            zi_out_str(o, ZI_WORDS(sh->lang, "(tanpa id)", "(no id)"));
        zi_out_str(o, "</h2><div class=\"scroll\"><table><thead><tr><th>");
        zi_out_str(o, ZI_WORDS(sh->lang, "periode", "period"));
        zi_out_str(o, "</th><th class=\"num\">");
        zi_html_str(o, m->outputs[m->total_output].title);
        zi_out_str(o, "</th>");
        for (uint32_t k = 0; k < sh->n_cols; k++) {
            zi_out_str(o, "<th class=\"num\" title=\"");
            zi_html_str(o, m->outputs[sh->cols[k]].path);
            zi_out_str(o, "\">");
            zi_html_str(o, m->outputs[sh->cols[k]].title);
            zi_out_str(o, "</th>");
        }
        zi_out_str(o, "<th>");
        zi_out_str(o, ZI_WORDS(sh->lang, "predikat", "verdict"));
        zi_out_str(o, "</th><th>");
        zi_out_str(o, ZI_WORDS(sh->lang, "perubahan", "change"));
        zi_out_str(o, "</th></tr></thead><tbody>");
        for (size_t k = 0; k < n_shown; k++)
            period_row(sh, row, shown[k]);
        zi_out_str(o, "</tbody></table></div>");
        chart(sh, row, shown, n_shown);
        zi_out_str(o, "</section>\n");
    }
    free(shown);
    char t[300];
    zi_progress_last_line(sh, ", ", t, sizeof t);
    zi_out_str(o, "<p class=\"sub\" id=\"end\">");
    zi_out_str(o, t);
    zi_out_str(o, "</p></main>");
    zi_html_page_end(o, NULL);
}
