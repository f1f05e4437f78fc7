/* report_html.c — the report as one page people read (--format html): an index of the units, sortable, and a
 * section per unit with
 *   - its predicate and whether it may be proposed, as badges;
 *   - a bar per operand of the verdicts' score conditions (the total, the components, each view member — in
 *     the LKE the six areas — and any survey index a verdict tests) against each verdict's threshold;
 *   - its scores per top-level group and view member (what the table report shows);
 *   - the conditions of better verdicts it does not meet, with the shortfall, and the prerequisites that keep
 * it from being proposed;
 *   - the items that cost it the most points and the items it left unanswered;
 *   - its errors, when it has no verdict: every unit read appears.
 * Everything is drawn from the module's descriptors and condition bits: no criteria's name or threshold is
 * written here.
 *
 * It streams like the other reports: each unit's section is written as soon as its batch is scored, and
 * nothing is kept across batches. The index is built in the browser by the page's script from the sections'
 * data- attributes, so the report's memory does not grow with the units (the page itself does: an HTML report
 * is meant for the units one evaluator reads, not for a million). The data- attributes carry the numbers as
 * the CSV report writes them (shortest round trip), so a test compares the two exactly.
 */
#include <math.h>
#include <stdlib.h>

#include "html.h"
#include "score/gap.h"

#define ZI_HTML_TOP_LOSSES                                                                                   \
    10 /* items listed as costing the most points (a page has room for more than a line) */

/* One bar of the chart: an operand that verdict conditions compare, with every such condition's threshold. */
struct zi_html_gauge {
    uint32_t cond; /* its first condition: the operand's name (lhs) and output */
    double lo,
        hi; /* the scale: [0, weight] of the output, or the input's range; NaN: from the unit's values */
};

struct zi_html_report {
    struct zi_html_gauge *gauges;
    uint32_t n_gauges;
    uint32_t *gauge_of;         /* per condition: its gauge, or ZI_NONE */
    struct zi_html_mark *marks; /* scratch: one per verdict condition of a gauge */
    struct zi_buf titles;       /* scratch: the marks' titles */
    uint32_t sections;          /* units written so far: section ids u1, u2, … */
};

/* The text of a comparison's operator, as people write it. */
static const char *op_text(int32_t op)
{
    static const char *const ops[] = {"\xE2\x89\xA5", ">", "\xE2\x89\xA4", "<", "=", "\xE2\x89\xA0", ""};
    return op >= 0 && op <= ZI_COND_BOOL ? ops[op] : "";
}

/* The source operator of a comparison in a condition's text ("total >= 75"). */
static const char *op_source(int32_t op)
{
    static const char *const ops[] = {">=", ">", "<=", "<", "==", "!="};
    return op >= 0 && op < ZI_COND_BOOL ? ops[op] : NULL;
}

/* The scale of a gauge whose operand is not a weighted output: the range of the input it reads, when its
 * operand names one ("q.answer >= 3.60" compares an index in [0, 4]): by the whole name, or by its item's
 * path, which names a question's only input. */
static void input_scale(const struct zi_ctx *c, const struct zi_condition_desc *d, struct zi_html_gauge *g)
{
    const char *op = op_source(d->op), *at = op ? strstr(d->text, op) : NULL;
    if (!at) return;
    size_t len = (size_t)(at - d->text);
    int32_t i = zi_names_find(&c->names, d->text, len);
    size_t dot = len;
    while (dot > 0 && d->text[dot - 1] != '.')
        dot--;
    if (i < 0 && dot > 1) i = zi_names_find(&c->names, d->text, dot - 1);
    if (i < 0) return;
    const struct zi_input_desc *in = &c->m->inputs[i];
    if (isfinite(in->min) && isfinite(in->max) && in->max > in->min) {
        g->lo = in->min;
        g->hi = in->max;
    }
}

int zi_report_html_open(struct zi_report *r)
{
    const struct zi_module *m = r->m;
    struct zi_html_report *h = calloc(1, sizeof *h);
    if (!h) return -1;
    r->html = h;
    zi_buf_init(&h->titles);
    h->gauges = malloc(((size_t)m->n_conditions + 1) * sizeof *h->gauges);
    h->gauge_of = malloc(((size_t)m->n_conditions + 1) * sizeof *h->gauge_of);
    h->marks = malloc(((size_t)m->n_conditions + 1) * sizeof *h->marks);
    if (!h->gauges || !h->gauge_of || !h->marks) return -1;
    for (uint32_t k = 0; k < m->n_conditions; k++)
        h->gauge_of[k] = ZI_NONE;
    /* Best verdict first, so the bars come in the order its conditions are written. */
    for (uint32_t v = 0; v < m->n_verdicts; v++) {
        const struct zi_verdict_desc *vd = &m->verdicts[v];
        for (uint32_t k = vd->first_condition; k < vd->first_condition + vd->n_conditions; k++) {
            const struct zi_condition_desc *d = &m->conditions[k];
            if (d->role != ZI_CONDITION_VERDICT || d->op == ZI_COND_BOOL) continue;
            uint32_t g = 0;
            for (; g < h->n_gauges; g++) {
                const struct zi_condition_desc *e = &m->conditions[h->gauges[g].cond];
                if (d->lhs_output >= 0 ? e->lhs_output == d->lhs_output
                                       : e->lhs_output < 0 && strcmp(e->lhs, d->lhs) == 0)
                    break;
            }
            h->gauge_of[k] = g;
            if (g < h->n_gauges) continue;
            struct zi_html_gauge *ng = &h->gauges[h->n_gauges++];
            ng->cond = k;
            ng->lo = ng->hi = NAN;
            const struct zi_output_desc *od = d->lhs_output >= 0 ? &m->outputs[d->lhs_output] : NULL;
            if (od && od->has_weight && od->weight > 0) {
                ng->lo = 0;
                ng->hi = od->weight;
            } else {
                input_scale(r->c, d, ng);
            }
        }
    }
    return 0;
}

void zi_report_html_free(struct zi_report *r)
{
    struct zi_html_report *h = r->html;
    if (!h) return;
    free(h->gauges);
    free(h->gauge_of);
    free(h->marks);
    zi_buf_free(&h->titles);
    free(h);
    r->html = NULL;
}

/* Report-specific layout, after the shared stylesheet. */
static const char css[] =
    ".unit>header{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin-bottom:6px}"
    ".unit>header h2{margin-right:6px;word-break:break-all}\n"
    ".total{font-size:16px;margin:4px 0 0}.total b{font-size:20px}\n"
    "table.chart td.label{width:34%}table.chart td.barcell{width:36%}table.chart td.limits{font-size:12px;"
    "color:var(--muted)}table.chart td.limits span{white-space:nowrap}\n"
    ".legend{font-size:12px;color:var(--muted)}ul.plain{margin:4px 0;padding-left:20px}\n"
    ".errors li{color:var(--bad)}.muted{color:var(--muted)}\n"
    ".banner{padding:10px 14px;border-radius:6px;font-weight:600;margin:0 0 16px}\n"
    "footer{color:var(--muted);font-size:12px;margin-top:8px}\n";

/* Builds the index from the sections and sorts it on a header's click (aria-sort says how it is sorted). A
 * report cut short (its footer says so) gets the footer's warning at the top too. */
static const char script[] =
    "(function () {\n"
    "  'use strict';\n"
    "  var units = Array.prototype.slice.call(document.querySelectorAll('section.unit'));\n"
    "  var body = document.querySelector('#index tbody');\n"
    "  var withPropose = document.querySelector('#index th[data-key=prank]') !== null;\n"
    "  units.forEach(function (s, i) {\n"
    "    var tr = document.createElement('tr');\n"
    "    tr.dataset.order = i; tr.dataset.unit = s.dataset.unit; tr.dataset.total = s.dataset.total;\n"
    "    tr.dataset.rank = s.dataset.rank; tr.dataset.prank = s.dataset.prank || '';\n"
    "    var a = document.createElement('a'); a.href = '#' + s.id; a.textContent = s.dataset.unit;\n"
    "    var cells = [a, document.createTextNode(s.dataset.totalText),\n"
    "                 s.querySelector('.vbadge').cloneNode(true)];\n"
    "    if (withPropose) {\n"
    "      var p = s.querySelector('.pbadge');\n"
    "      cells.push(p ? p.cloneNode(true) : document.createTextNode('\\u2013'));\n"
    "    }\n"
    "    cells.forEach(function (c, k) {\n"
    "      var td = document.createElement('td'); if (k === 1) td.className = 'num';\n"
    "      td.appendChild(c); tr.appendChild(td);\n"
    "    });\n"
    "    body.appendChild(tr);\n"
    "  });\n"
    "  var heads = Array.prototype.slice.call(document.querySelectorAll('#index th[data-key]'));\n"
    "  function value(tr, key, numeric) {\n"
    "    var v = tr.dataset[key];\n"
    "    if (!numeric) return v;\n"
    "    return v === '' ? NaN : Number(v);\n"
    "  }\n"
    "  function sort(th) {\n"
    "    var key = th.dataset.key, numeric = th.dataset.type === 'num';\n"
    "    var now = th.getAttribute('aria-sort');\n"
    "    var dir = now ? (now === 'ascending' ? 'descending' : 'ascending') : th.dataset.first;\n"
    "    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });\n"
    "    th.setAttribute('aria-sort', dir);\n"
    "    var sign = dir === 'ascending' ? 1 : -1;\n"
    "    var rows = Array.prototype.slice.call(body.rows);\n"
    "    rows.sort(function (a, b) {\n"
    "      var x = value(a, key, numeric), y = value(b, key, numeric), c;\n"
    "      if (numeric) {\n"
    "        if (isNaN(x) || isNaN(y)) c = isNaN(x) - isNaN(y);\n" /* no number: last either way */
    "        else c = sign * (x - y);\n"
    "      } else {\n"
    "        c = sign * x.localeCompare(y, document.documentElement.lang, {numeric: true});\n"
    "      }\n"
    "      return c || Number(a.dataset.order) - Number(b.dataset.order);\n"
    "    });\n"
    "    rows.forEach(function (tr) { body.appendChild(tr); });\n"
    "  }\n"
    "  heads.forEach(function (th) {\n"
    "    th.querySelector('button').addEventListener('click', function () { sort(th); });\n"
    "  });\n"
    "  document.getElementById('count').textContent = units.length;\n"
    "  var end = document.querySelector('footer[data-complete=\"0\"]');\n"
    "  if (end) {\n"
    "    var b = document.createElement('p'); b.className = 'banner bad'; b.textContent = end.textContent;\n"
    "    document.querySelector('main').insertBefore(b, document.querySelector('main').firstChild);\n"
    "  }\n"
    "})();\n";

static void index_head(struct zi_out *o, const char *key, const char *type, const char *first,
                       const char *label, int numeric)
{
    zi_out_str(o, numeric ? "<th class=\"num\" data-key=\"" : "<th data-key=\"");
    zi_out_str(o, key);
    zi_out_str(o, "\" data-type=\"");
    zi_out_str(o, type);
    zi_out_str(o, "\" data-first=\"");
    zi_out_str(o, first);
    zi_out_str(o, "\"><button class=\"sort\" type=\"button\">");
    zi_html_str(o, label);
    zi_out_str(o, "</button></th>");
}

void zi_report_html_begin(struct zi_report *r)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    zi_html_page_begin(o, lang, m->title, css);
    zi_out_str(o, "<main>\n<h1>");
    zi_html_str(o, m->title);
    zi_out_str(o, "</h1>\n<p class=\"sub\">");
    if (m->regulation && *m->regulation) {
        zi_html_str(o, m->regulation);
        zi_out_str(o, " \xC2\xB7 ");
    }
    zi_out_str(o, ZI_WORDS(lang, "data: ", "data: "));
    zi_html_str(o, r->c->in_name);
    zi_out_str(o, "</p>\n<section class=\"card index\">\n<h2>");
    zi_out_str(o, ZI_WORDS(lang, "Daftar unit", "Units"));
    zi_out_str(o, " (<span id=\"count\"></span>)</h2>\n<p class=\"no-print muted\">");
    zi_out_str(o, ZI_WORDS(lang, "Klik judul kolom untuk mengurutkan.", "Click a column's title to sort."));
    zi_out_str(o, "</p>\n<table id=\"index\"><thead><tr>");
    index_head(o, "unit", "text", "ascending", "Unit", 0);
    index_head(o, "total", "num", "descending", m->outputs[m->total_output].title, 1);
    index_head(o, "rank", "num", "ascending", ZI_WORDS(lang, "Predikat", "Predicate"), 0);
    if (r->c->propose.any)
        index_head(o, "prank", "num", "ascending", ZI_WORDS(lang, "Dapat diusulkan", "May be proposed"), 0);
    zi_out_str(o, "</tr></thead><tbody></tbody></table>\n<noscript><p>");
    zi_out_str(o, ZI_WORDS(lang, "Daftar ini dibuat oleh skrip halaman; setiap unit tetap ada di bawah.",
                           "The page's script builds this list; every unit is still below."));
    zi_out_str(o, "</p></noscript>\n</section>\n");
}

/* Proposability's colour and its place when sorting (best first). */
static const char *const proposable_class[] = {"none", "good", "ok", "bad", "warn"};
static const char proposable_rank[] = {'4', '0', '1', '3', '2'};

/* The colour of verdict v (best first; the `otherwise` verdict grey). */
static const char *verdict_class(const struct zi_module *m, int32_t v)
{
    static const char *const rank[] = {"r0", "r1", "r2"};
    if (v < 0) return "bad";
    if (m->verdicts[v].is_fallback) return "none";
    return rank[v < 2 ? v : 2];
}

static void attr_double(struct zi_out *o, const char *name, double x)
{
    zi_out_char(o, ' ');
    zi_out_str(o, name);
    zi_out_str(o, "=\"");
    zi_out_double(o, x);
    zi_out_char(o, '"');
}

static void section_head(struct zi_report *r, const struct zi_batch *b, uint32_t u, enum zi_proposable p)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    const struct zi_unit *un = &b->units[u];
    int32_t v = un->n_errors ? -1 : b->verdict[u];
    double total = un->unreadable ? NAN : zi_batch_out(b, u, (uint32_t)m->total_output);
    zi_out_str(o, "<section class=\"card unit\" id=\"u");
    zi_out_u64(o, ++r->html->sections);
    zi_out_str(o, "\" data-unit=\"");
    zi_html_text(o, zi_batch_str(b, un->id), un->id_len);
    zi_out_str(o, "\" data-row=\"");
    zi_out_u64(o, un->row);
    zi_out_char(o, '"');
    attr_double(o, "data-total", total);
    zi_out_str(o, " data-total-text=\"");
    zi_html_number(o, total, 2, lang);
    zi_out_str(o, "\" data-verdict=\"");
    if (v >= 0) zi_html_str(o, m->verdicts[v].id);
    zi_out_str(o, "\" data-rank=\"");
    zi_out_u64(o, v >= 0 ? (uint64_t)v : m->n_verdicts); /* no verdict sorts below every verdict */
    zi_out_str(o, un->n_errors ? "\" data-status=\"error\"" : "\" data-status=\"ok\"");
    if (r->c->propose.any) {
        zi_out_str(o, " data-proposable=\"");
        zi_out_str(o, zi_report_proposable(p, 0, lang));
        zi_out_str(o, "\" data-prank=\"");
        zi_out_char(o, proposable_rank[p]);
        zi_out_char(o, '"');
    }
    zi_out_str(o, ">\n<header><h2>");
    zi_html_text(o, zi_batch_str(b, un->id), un->id_len);
    zi_out_str(o, "</h2><span class=\"vbadge badge ");
    zi_out_str(o, verdict_class(m, v));
    zi_out_str(o, "\"");
    if (v >= 0) {
        zi_out_str(o, " title=\"");
        zi_html_str(o, m->verdicts[v].title);
        zi_out_str(o, "\">");
        zi_html_str(o, m->verdicts[v].id);
    } else {
        zi_out_str(o, ">");
        zi_out_str(o, ZI_WORDS(lang, "tanpa predikat: ada kesalahan", "no predicate: errors"));
    }
    zi_out_str(o, "</span>");
    if (r->c->propose.any && p != ZI_PROPOSE_NA) {
        zi_out_str(o, "<span class=\"pbadge badge ");
        zi_out_str(o, proposable_class[p]);
        zi_out_str(o, "\">");
        zi_out_str(o, ZI_WORDS(lang, "dapat diusulkan: ", "may be proposed: "));
        zi_html_str(o, zi_report_proposable(p, 1, lang));
        zi_out_str(o, "</span>");
    }
    zi_out_str(o, "</header>\n<p class=\"total\">");
    zi_html_str(o, m->outputs[m->total_output].title);
    zi_out_str(o, ": <b>");
    zi_html_number(o, total, 2, lang);
    zi_out_str(o, "</b>");
    const struct zi_output_desc *td = &m->outputs[m->total_output];
    if (td->has_weight && !un->unreadable) {
        zi_out_str(o, " / ");
        zi_html_number(o, td->weight, 2, lang);
    }
    zi_out_str(o, "</p>\n");
}

static double cond_lhs(const struct zi_batch *b, uint32_t u, uint32_t c)
{
    return b->lhs ? b->lhs[zi_tile_index(u, c, b->n_conditions)] : NAN;
}
static double cond_rhs(const struct zi_batch *b, uint32_t u, uint32_t c)
{
    return b->rhs ? b->rhs[zi_tile_index(u, c, b->n_conditions)] : NAN;
}

/* One row of the chart: gauge g of unit u, its thresholds per verdict, coloured by the best verdict whose
 * conditions on it the unit meets. */
static void gauge_row(struct zi_report *r, const struct zi_batch *b, uint32_t u, uint32_t g)
{
    const struct zi_module *m = r->m;
    struct zi_html_report *h = r->html;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    const struct zi_html_gauge *ga = &h->gauges[g];
    const struct zi_condition_desc *d0 = &m->conditions[ga->cond];
    double value = cond_lhs(b, u, ga->cond), lo = ga->lo, hi = ga->hi;
    char point = lang == ZI_LANG_EN ? '.' : ',';
    /* The marks' titles first (the buffer may move while it grows), then the marks pointing into it. */
    struct zi_buf *t = &h->titles;
    t->len = 0;
    size_t n = 0, at[64];
    int32_t best = -1;
    double top = value; /* the largest of the value and the thresholds */
    for (uint32_t v = 0; v < m->n_verdicts; v++) {
        const struct zi_verdict_desc *vd = &m->verdicts[v];
        int met = 1, any = 0;
        for (uint32_t k = vd->first_condition; k < vd->first_condition + vd->n_conditions; k++) {
            if (h->gauge_of[k] != g) continue;
            any = 1;
            met &= !zi_batch_cond_failed(b, u, k);
            if (n == sizeof at / sizeof at[0]) continue;
            char x[ZI_FMT_MAX];
            double rhs = cond_rhs(b, u, k);
            zi_fmt_fixed(rhs, 2, point, x);
            at[n] = t->len;
            zi_buf_printf(t, "%s %s %s", vd->id, op_text(m->conditions[k].op), x);
            zi_buf_putc(t, '\0');
            h->marks[n].at = rhs;
            h->marks[n].cls = verdict_class(m, (int32_t)v);
            n++;
            if (!(top >= rhs)) top = rhs;
        }
        if (any && met && best < 0) best = (int32_t)v;
    }
    if (t->failed) return;
    if (!isfinite(ga->hi)) { /* no scale of its own: room for the value and every threshold */
        lo = 0;
        hi = top > 0 ? top * 1.2 : 1;
    }
    for (size_t k = 0; k < n; k++)
        h->marks[k].title = t->p + at[k];
    zi_out_str(o, "<tr");
    if (d0->lhs_output >= 0) {
        zi_out_str(o, " data-path=\"");
        zi_html_str(o, m->outputs[d0->lhs_output].path);
        zi_out_char(o, '"');
    }
    attr_double(o, "data-value", value);
    zi_out_str(o, "><td class=\"label\">");
    zi_html_str(o, d0->lhs);
    zi_out_str(o, "</td><td class=\"barcell\">");
    zi_html_bar(o, value, lo, hi, best >= 0 ? verdict_class(m, best) : "r3", h->marks, n, d0->lhs);
    zi_out_str(o, "</td><td class=\"num\">");
    zi_html_number(o, value, 2, lang);
    if (isfinite(ga->hi) && ga->lo == 0) {
        zi_out_str(o, " / ");
        zi_html_number(o, ga->hi, 2, lang);
    }
    zi_out_str(o, "</td><td class=\"limits\">");
    for (size_t k = 0; k < n; k++) {
        zi_out_str(o, k ? " \xC2\xB7 <span>" : "<span>");
        zi_html_str(o, h->marks[k].title);
        zi_out_str(o, "</span>");
    }
    zi_out_str(o, "</td></tr>\n");
}

static void heading(struct zi_out *o, const char *text)
{
    zi_out_str(o, "<h3>");
    zi_out_str(o, text);
    zi_out_str(o, "</h3>\n");
}

/* <table class="CLS"><thead>…</thead><tbody>: a column's title that starts with '#' is a number's (right
 * aligned; the '#' is not shown). */
static void table_head(struct zi_out *o, const char *cls, const char *const *titles, size_t n)
{
    zi_out_str(o, "<table class=\"");
    zi_out_str(o, cls);
    zi_out_str(o, "\"><thead><tr>");
    for (size_t k = 0; k < n; k++) {
        int num = titles[k][0] == '#';
        zi_out_str(o, num ? "<th class=\"num\">" : "<th>");
        zi_out_str(o, titles[k] + num);
        zi_out_str(o, "</th>");
    }
    zi_out_str(o, "</tr></thead><tbody>\n");
}

static void chart(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    if (!r->html->n_gauges) return;
    heading(o, ZI_WORDS(lang, "Nilai terhadap batas predikat", "Scores against the predicates' thresholds"));
    zi_out_str(o, "<p class=\"legend\">");
    for (uint32_t v = 0; v < m->n_verdicts; v++) {
        if (m->verdicts[v].is_fallback) continue;
        zi_out_str(o, "<span class=\"swatch ");
        zi_out_str(o, verdict_class(m, (int32_t)v));
        zi_out_str(o, "\" style=\"background:currentColor\"></span>");
        zi_out_str(o, ZI_WORDS(lang, "batas ", "threshold of "));
        zi_html_str(o, m->verdicts[v].id);
    }
    zi_out_str(o, "</p>\n<table class=\"chart\"><tbody>\n");
    for (uint32_t g = 0; g < r->html->n_gauges; g++)
        gauge_row(r, b, u, g);
    zi_out_str(o, "</tbody></table>\n");
}

/* The scores of the top-level groups and view members (the table report's columns), against their weights. */
static void scores(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    heading(o, ZI_WORDS(lang, "Nilai per komponen dan area", "Scores per component and area"));
    const char *titles[] = {"", ZI_WORDS(lang, "#Nilai", "#Score"), ZI_WORDS(lang, "#Bobot", "#Weight"),
                            "#%"};
    table_head(o, "scores", titles, 4);
    for (uint32_t k = 0; k < r->n_cols; k++) {
        const struct zi_output_desc *d = &m->outputs[r->cols[k]];
        double x = zi_batch_out(b, u, r->cols[k]);
        zi_out_str(o, "<tr data-path=\"");
        zi_html_str(o, d->path);
        zi_out_char(o, '"');
        attr_double(o, "data-value", x);
        zi_out_str(o, "><td>");
        zi_html_str(o, d->title);
        zi_out_str(o, "</td><td class=\"num\">");
        zi_html_number(o, x, 2, lang);
        zi_out_str(o, "</td><td class=\"num\">");
        if (d->has_weight) zi_html_number(o, d->weight, 2, lang);
        zi_out_str(o, "</td><td class=\"num\">");
        if (d->has_weight && d->weight > 0) zi_html_number(o, 100 * x / d->weight, 1, lang);
        zi_out_str(o, "</td></tr>\n");
    }
    zi_out_str(o, "</tbody></table>\n");
}

/* The conditions of the verdicts above the unit's that it does not meet, with the shortfall. */
static void unmet(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    uint32_t n = zi_explain_failures(m, b, u, r->fails, m->n_conditions);
    heading(o, ZI_WORDS(lang, "Syarat nilai yang belum terpenuhi", "Score conditions not met"));
    if (!n) {
        zi_out_str(o, "<p class=\"muted\">");
        zi_out_str(o, ZI_WORDS(lang, "Tidak ada: predikat tertinggi tercapai.",
                               "None: the highest predicate is reached."));
        zi_out_str(o, "</p>\n");
        return;
    }
    const char *titles[] = {ZI_WORDS(lang, "Predikat", "Predicate"), ZI_WORDS(lang, "Syarat", "Condition"),
                            ZI_WORDS(lang, "#Nilai", "#Value"), ZI_WORDS(lang, "#Batas", "#Required"),
                            ZI_WORDS(lang, "#Kekurangan", "#Shortfall")};
    table_head(o, "unmet", titles, 5);
    for (uint32_t k = 0; k < n; k++) {
        const struct zi_failure *f = &r->fails[k];
        const struct zi_condition_desc *d = &m->conditions[f->condition];
        zi_out_str(o, "<tr data-verdict=\"");
        zi_html_str(o, m->verdicts[f->verdict].id);
        zi_out_char(o, '"');
        if (d->lhs_output >= 0) {
            zi_out_str(o, " data-path=\"");
            zi_html_str(o, m->outputs[d->lhs_output].path);
            zi_out_char(o, '"');
        }
        zi_out_str(o, "><td>");
        zi_html_str(o, m->verdicts[f->verdict].id);
        zi_out_str(o, "</td><td>");
        zi_html_str(o, d->op == ZI_COND_BOOL ? d->text : d->lhs);
        zi_out_str(o, "</td><td class=\"num\">");
        if (d->op == ZI_COND_BOOL) {
            zi_out_str(o, ZI_WORDS(lang, "tidak berlaku", "does not hold"));
            zi_out_str(o, "</td><td></td><td></td></tr>\n");
            continue;
        }
        /* As many decimals as it takes to tell the value from the threshold (explain.c). */
        int dec = zi_explain_decimals(f->lhs, f->rhs);
        double gap = d->op == ZI_COND_GE || d->op == ZI_COND_GT   ? f->rhs - f->lhs
                     : d->op == ZI_COND_LE || d->op == ZI_COND_LT ? f->lhs - f->rhs
                                                                  : fabs(f->lhs - f->rhs);
        zi_html_number(o, f->lhs, dec, lang);
        zi_out_str(o, "</td><td class=\"num\">");
        zi_out_str(o, op_text(d->op));
        zi_out_char(o, ' ');
        zi_html_number(o, f->rhs, dec, lang);
        zi_out_str(o, "</td><td class=\"num\"");
        attr_double(o, "data-shortfall", gap);
        zi_out_char(o, '>');
        if (d->op != ZI_COND_NE) zi_html_number(o, gap, dec, lang);
        zi_out_str(o, "</td></tr>\n");
    }
    zi_out_str(o, "</tbody></table>\n");
}

/* Lines ("a\nb\n", from a shared writer of report.c) as list items. */
static void list_lines(struct zi_out *o, const struct zi_buf *s, const char *cls)
{
    zi_out_str(o, "<ul class=\"plain ");
    zi_out_str(o, cls);
    zi_out_str(o, "\">\n");
    for (const char *p = s->p, *end = s->p + s->len; p && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        zi_out_str(o, "<li>");
        zi_html_text(o, p, (size_t)(nl - p));
        zi_out_str(o, "</li>\n");
        p = nl + 1;
    }
    zi_out_str(o, "</ul>\n");
}

/* The items that cost the unit the most points. */
static void losses(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    struct zi_loss loss[ZI_HTML_TOP_LOSSES];
    uint32_t n = zi_explain_losses(m, r->lost, zi_explain_lost_items(m, b, u, r->first_input, r->lost), loss,
                                   ZI_HTML_TOP_LOSSES);
    if (!n) return;
    heading(o,
            ZI_WORDS(lang, "Butir yang paling banyak mengurangi nilai", "Items that cost the most points"));
    const char *titles[] = {ZI_WORDS(lang, "Butir", "Item"), ZI_WORDS(lang, "#Nilai hilang", "#Points lost"),
                            ZI_WORDS(lang, "#Bobot", "#Weight")};
    table_head(o, "losses", titles, 3);
    for (uint32_t k = 0; k < n; k++) {
        const struct zi_output_desc *d = &m->outputs[loss[k].output];
        zi_out_str(o, "<tr data-item=\"");
        zi_html_str(o, d->code ? d->code : d->path);
        zi_out_str(o, "\"><td><b>");
        zi_html_str(o, d->code ? d->code : d->path);
        zi_out_str(o, "</b> ");
        zi_html_str(o, d->title);
        zi_out_str(o, "</td><td class=\"num\">");
        zi_html_number(o, loss[k].lost, 2, lang);
        zi_out_str(o, "</td><td class=\"num\">");
        zi_html_number(o, loss[k].weight, 2, lang);
        zi_out_str(o, "</td></tr>\n");
    }
    zi_out_str(o, "</tbody></table>\n");
}

/* A gap's answer (before or after the change) as a table cell. */
static void gap_value(struct zi_report *r, const struct zi_gap_change *ch, double v)
{
    struct zi_buf *s = &r->scratch;
    s->len = 0;
    zi_gap_value(s, r->m, ch, v, ZI_WORDS(r->c->lang, ',', '.'), r->c->lang);
    zi_out_str(&r->out, "<td class=\"num\">");
    zi_html_text(&r->out, s->p, s->len);
    zi_out_str(&r->out, "</td>");
}

/* What to fix first (score/gap.h): the fewest answer changes that reach the target predicate, the numbers it
 * needs from outside the worksheet, and the prerequisites no answer changes. The CSV report's gap columns are
 * in data- attributes (gap_target, gap_minimal, gap_changes), for the browser test. */
static void gap_section(struct zi_report *r, uint32_t u)
{
    const struct zi_module *m = r->m;
    struct zi_out *o = &r->out;
    struct zi_buf *s = &r->scratch;
    enum zi_lang lang = r->c->lang;
    const struct zi_gap_result *g = zi_gap_get(r->gap, u);
    if (g->status == ZI_GAP_NA || g->status == ZI_GAP_REACHED) return;
    const char *target = m->verdicts[g->target].id;
    s->len = 0;
    zi_gap_text(s, m, g);
    zi_out_str(o, "<div class=\"gap\" data-gap-target=\"");
    zi_html_str(o, target);
    zi_out_str(o, g->status == ZI_GAP_MINIMAL ? "\" data-gap-minimal=\"yes\"" : "\" data-gap-minimal=\"no\"");
    zi_out_str(o, " data-gap-changes=\"");
    zi_html_text(o, s->p, s->len);
    zi_out_str(o, "\">\n<h3>");
    zi_out_str(o, ZI_WORDS(lang, "Yang diperbaiki lebih dulu: menuju ", "What to fix first: towards "));
    zi_html_str(o, target);
    zi_out_str(o, "</h3>\n<p>");
    if (g->status != ZI_GAP_UNREACHABLE) {
        zi_out_u64(o, g->n_changes);
        zi_out_str(o, ZI_WORDS(lang, " perubahan, total ",
                               g->n_changes == 1 ? " change, total " : " changes, total "));
        zi_html_number(o, g->total_before, 2, lang);
        zi_out_str(o, " \xE2\x86\x92 ");
        zi_html_number(o, g->total_after, 2, lang);
    }
    zi_html_badge(o,
                  g->status == ZI_GAP_MINIMAL     ? "good"
                  : g->status == ZI_GAP_HEURISTIC ? "warn"
                                                  : "bad",
                  zi_gap_status_word(g->status, lang));
    zi_out_str(o, "</p>\n");
    for (int outside = 0; outside < 2; outside++) {
        uint32_t n = 0;
        for (uint32_t k = 0; k < g->n_changes; k++)
            n += g->changes[k].outside == outside;
        if (!n) continue;
        const char *titles[] = {
            outside ? ZI_WORDS(lang, "Diperlukan di luar lembar kerja", "Needed outside the worksheet")
                    : ZI_WORDS(lang, "Butir", "Item"),
            ZI_WORDS(lang, "#Sekarang", "#Now"), ZI_WORDS(lang, "#Menjadi", "#To"),
            ZI_WORDS(lang, "#Poin", "#Points")};
        table_head(o, outside ? "gap outside" : "gap answers", titles, 4);
        for (uint32_t k = 0; k < g->n_changes; k++) {
            const struct zi_gap_change *ch = &g->changes[k];
            if (ch->outside != outside) continue;
            const struct zi_input_desc *in = &m->inputs[ch->input];
            zi_out_str(o, "<tr><td><b>");
            zi_html_str(o, in->key);
            zi_out_str(o, "</b> ");
            zi_html_str(o, in->item >= 0 ? m->outputs[in->item].title : in->text);
            zi_out_str(o, "</td>");
            gap_value(r, ch, ch->from);
            gap_value(r, ch, ch->to);
            zi_out_str(o, "<td class=\"num\">+");
            zi_html_number(o, ch->points, 2, lang);
            zi_out_str(o, "</td></tr>\n");
        }
        zi_out_str(o, "</tbody></table>\n");
    }
    if (g->n_prerequisites) {
        zi_out_str(o, "<p>");
        zi_out_str(o, ZI_WORDS(lang, "Syarat pengusulan yang tidak berubah dengan jawaban:",
                               "Prerequisites that no answer changes:"));
        zi_out_str(o, "</p>\n<ul class=\"plain\">\n");
        for (uint32_t k = 0; k < g->n_prerequisites; k++) {
            zi_out_str(o, "<li>");
            zi_html_str(o, zi_propose_name(m, g->prerequisites[k]));
            zi_out_str(o, "</li>\n");
        }
        zi_out_str(o, "</ul>\n");
    }
    zi_out_str(o, "</div>\n");
}

static void unit_section(struct zi_report *r, const struct zi_batch *b, uint32_t u)
{
    struct zi_out *o = &r->out;
    struct zi_buf *s = &r->scratch;
    enum zi_lang lang = r->c->lang;
    const struct zi_unit *un = &b->units[u];
    enum zi_proposable p = r->c->propose.any ? zi_report_propose(r, b, u) : ZI_PROPOSE_NA;
    section_head(r, b, u, p);
    if (un->n_errors) {
        heading(o, ZI_WORDS(lang, "Kesalahan: unit ini tidak diberi predikat",
                            "Errors: this unit gets no predicate"));
        s->len = 0;
        for (uint32_t e = un->first_error; e != ZI_NONE; e = b->errors[e].next) {
            zi_report_error_text(s, r->c, b, &b->errors[e]);
            zi_buf_putc(s, '\n');
        }
        list_lines(o, s, "errors");
    } else {
        chart(r, b, u);
    }
    if (!un->unreadable) scores(r, b, u);
    if (!un->n_errors) {
        unmet(r, b, u);
        s->len = 0;
        zi_report_propose_lines(r, b, u, p, s);
        if (s->len) {
            heading(o, ZI_WORDS(lang, "Syarat pengusulan", "Prerequisites for proposing"));
            list_lines(o, s, "prerequisites");
        }
    }
    if (!un->n_errors && r->gap) gap_section(r, u);
    if (!un->unreadable) losses(r, b, u);
    if (zi_report_missing_codes(r, b, u, s)) {
        heading(o, ZI_WORDS(lang, "Butir belum dijawab", "Items not answered"));
        zi_out_str(o, "<p class=\"missing\">");
        zi_html_text(o, s->p, s->len);
        zi_out_str(o, "</p>\n");
    }
    zi_out_str(o, "</section>\n");
}

void zi_report_html_batch(struct zi_report *r, const struct zi_batch *b)
{
    for (uint32_t u = 0; u < b->n; u++)
        unit_section(r, b, u);
}

void zi_report_html_end(struct zi_report *r, const struct zi_run_stats *st, int complete)
{
    struct zi_out *o = &r->out;
    enum zi_lang lang = r->c->lang;
    zi_out_str(o, "<footer data-complete=\"");
    zi_out_str(o, complete ? "1\"" : "0\"");
    zi_out_str(o, " data-units=\"");
    zi_out_u64(o, st->units);
    zi_out_str(o, "\" data-scored=\"");
    zi_out_u64(o, st->scored);
    zi_out_str(o, "\" data-errors=\"");
    zi_out_u64(o, st->with_errors);
    zi_out_str(o, "\">");
    if (!complete) {
        zi_out_str(o, ZI_WORDS(lang, "Laporan TIDAK LENGKAP: penilaian berhenti setelah ",
                               "INCOMPLETE report: the run stopped after "));
        zi_out_u64(o, st->units);
        zi_out_str(o, ZI_WORDS(lang, " unit (kesalahannya tertulis di standard error)",
                               st->units == 1 ? " unit (the error is on standard error)"
                                              : " units (the error is on standard error)"));
    } else {
        zi_out_str(o, ZI_WORDS(lang, "akhir laporan: ", "end of report: "));
        zi_out_u64(o, st->units);
        zi_out_str(o, ZI_WORDS(lang, " unit, ", st->units == 1 ? " unit, " : " units, "));
        zi_out_u64(o, st->scored);
        zi_out_str(o, ZI_WORDS(lang, " dinilai, ", " scored, "));
        zi_out_u64(o, st->with_errors);
        zi_out_str(o, ZI_WORDS(lang, " dengan kesalahan", " with errors"));
    }
    zi_out_str(o, "</footer>\n</main>\n");
    zi_html_page_end(o, script);
}
