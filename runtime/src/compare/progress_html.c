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

void zi_progress_html(struct zi_sheet *sh)
{
    struct zi_out *o = &sh->out;
    zi_sheet_html_head(sh, ZI_WORDS(sh->lang, "Kemajuan per periode", "Progress over time"),
                       ZI_WORDS(sh->lang, "Periode: ", "Periods: "), css);
    size_t *shown = malloc((sh->n_sets + 1) * sizeof *shown);
    if (!shown) {
        sh->line.failed = 1;
        return;
    }
    for (size_t row = 0; row < sh->j->n; row++) {
        size_t n_shown = 0;
        for (size_t s = 0; s < sh->n_sets; s++)
            if (!zi_at_skip(sh->j, sh->sets, row, s)) shown[n_shown++] = s;
        zi_sheet_html_unit(sh, row, ZI_WORDS(sh->lang, "periode", "period"),
                           ZI_WORDS(sh->lang, "perubahan", "change"));
        for (size_t k = 0; k < n_shown; k++)
            zi_sheet_html_row(sh, row, shown[k], "data-period", 1);
        zi_out_str(o, "</tbody></table></div>");
        chart(sh, row, shown, n_shown);
        zi_out_str(o, "</section>\n");
    }
    free(shown);
    char t[300];
    zi_progress_last_line(sh, ", ", t, sizeof t);
    zi_sheet_html_end(sh, t);
}
