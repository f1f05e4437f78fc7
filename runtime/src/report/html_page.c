/* html_page.c — what every page of zirun shares (html.h): escaping, the page shell and its stylesheet,
 * numbers in the reader's language, badges and bars. Nothing here knows about units or criteria, so that
 * other pages (the progress chart of `zirun compare`) are drawn with the same pieces and look the same.
 *
 * The bars are SVG drawn in a 1000 × 20 box stretched to the container's width: only rectangles and lines
 * (with strokes that do not scale), so stretching distorts nothing; text stays in HTML around them, where it
 * wraps, prints and is read by screen readers.
 */
#include <math.h>

#include "html.h"

/* The policy a page carries: nothing may be fetched — inline style and script run, images only as data:. A
 * page that tried would show it as a console error in the browser test (tests/browser). */
#define ZI_HTML_POLICY                                                                                       \
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

static const char stylesheet[] =
    ":root{--ink:#1d2330;--muted:#5b6475;--line:#d5dae3;--bg:#f5f7fa;--good:#1e7b3c;--good-bg:#dcf2e3;"
    "--ok:#1d5fa8;--ok-bg:#dde9f8;--warn:#8a5a00;--warn-bg:#fcefd0;--bad:#a4232f;--bad-bg:#f9dfe1;"
    "--none:#4a5160;--none-bg:#e6e8ec}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;padding:24px;font:14px/1.45 \"DejaVu Sans\",\"Segoe "
    "UI\",Arial,sans-serif;color:var(--ink);"
    "background:var(--bg)}\n"
    "main{max-width:1040px;margin:0 auto}\n"
    "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0}h3{font-size:14px;margin:18px 0 6px;"
    "color:var(--muted);text-transform:uppercase;letter-spacing:.04em}\n"
    ".sub{color:var(--muted);margin:0 0 16px}\n"
    "section.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;"
    "margin:0 0 20px}\n"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;"
    "border-bottom:1px solid var(--line);vertical-align:middle}\n"
    "th{font-weight:600;color:var(--muted);font-size:12px}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;font-size:12px;"
    "margin-left:6px;white-space:nowrap}\n"
    ".good,.r0{color:var(--good);background:var(--good-bg)}.ok,.r1{color:var(--ok);background:var(--ok-bg)}"
    ".warn,.r2{color:var(--warn);background:var(--warn-bg)}.bad,.r3{color:var(--bad);background:var(--bad-bg)"
    "}"
    ".none{color:var(--none);background:var(--none-bg)}\n"
    "svg.bar{display:block;width:100%;height:20px}\n"
    "svg.bar .track{fill:#eef0f4}svg.bar .fill{fill:currentColor}svg.bar line{stroke-width:3}\n"
    "svg.bar.good,svg.bar.r0{color:#3a9d5d}svg.bar.ok,svg.bar.r1{color:#4a86c8}"
    "svg.bar.warn,svg.bar.r2{color:#d49a2a}svg.bar.bad,svg.bar.r3{color:#d0505c}svg.bar.none{color:#9aa1ad}\n"
    "svg.bar line.good,svg.bar line.r0{stroke:var(--good)}svg.bar line.ok,svg.bar line.r1{stroke:var(--ok)}"
    "svg.bar line.warn,svg.bar line.r2{stroke:var(--warn)}svg.bar line.bad,svg.bar line.r3{stroke:var(--bad)}"
    "svg.bar line.none{stroke:var(--none)}svg.bar{background:transparent}\n"
    ".swatch{display:inline-block;width:12px;height:4px;vertical-align:middle;margin:0 4px 0 10px}\n"
    "button.sort{all:unset;cursor:pointer;font:inherit;color:inherit}button.sort:focus-visible{outline:2px "
    "solid var(--ok)}\n"
    "th[aria-sort=ascending] button.sort::after{content:\" \\25B2\"}"
    "th[aria-sort=descending] button.sort::after{content:\" \\25BC\"}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{background:#fff;padding:0;font-size:10pt}main{max-width:none}"
    "section.card{border:none;padding:0;margin:0}section.unit{break-before:page}"
    ".no-print,th button.sort::after{display:none}tr,svg{break-inside:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

void zi_html_text(struct zi_out *o, const char *p, size_t n)
{
    size_t run = 0; /* bytes copied as they are, written in one piece */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        const char *esc = NULL;
        size_t len = 0;
        switch (c) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            if (c >= 0x80) {
                len = zi_utf8_valid_length(p, i, n);
                if (!len) esc = "\xEF\xBF\xBD"; /* U+FFFD for a byte that is not UTF-8 */
            } else if ((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n') {
                len = 1;
            } else {
                esc = ""; /* another control byte: not text */
            }
        }
        if (len) {
            run += len;
            i += len;
            continue;
        }
        zi_out_bytes(o, p + i - run, run);
        run = 0;
        zi_out_str(o, esc);
        i++;
    }
    zi_out_bytes(o, p + n - run, run);
}

void zi_html_str(struct zi_out *o, const char *s)
{
    zi_html_text(o, s, strlen(s));
}

void zi_html_number(struct zi_out *o, double x, int decimals, enum zi_lang lang)
{
    if (!isfinite(x)) {
        zi_out_str(o, "\xE2\x80\x93"); /* an en dash: no number */
        return;
    }
    char t[ZI_FMT_MAX];
    zi_out_bytes(o, t, zi_fmt_fixed(x, decimals, lang == ZI_LANG_EN ? '.' : ',', t));
}

void zi_html_page_begin(struct zi_out *o, enum zi_lang lang, const char *title, const char *css)
{
    zi_out_str(o, "<!DOCTYPE html>\n<html lang=\"");
    zi_out_str(o, lang == ZI_LANG_EN ? "en" : "id");
    zi_out_str(o, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
                  "content=\"" ZI_HTML_POLICY
                  "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    zi_html_str(o, title);
    zi_out_str(o, "</title>\n<style>\n");
    zi_out_str(o, stylesheet);
    if (css) zi_out_str(o, css);
    zi_out_str(o, "</style>\n</head>\n<body>\n");
}

void zi_html_page_end(struct zi_out *o, const char *script)
{
    if (script) {
        zi_out_str(o, "<script>\n");
        zi_out_str(o, script);
        zi_out_str(o, "</script>\n");
    }
    zi_out_str(o, "</body>\n</html>\n");
}

void zi_html_badge(struct zi_out *o, const char *cls, const char *text)
{
    zi_out_str(o, "<span class=\"badge ");
    zi_out_str(o, cls);
    zi_out_str(o, "\">");
    zi_html_str(o, text);
    zi_out_str(o, "</span>");
}

/* Where x falls in the 1000 units of a bar over [lo, hi], clamped to the bar. */
static double bar_x(double x, double lo, double hi)
{
    double f = hi > lo ? (x - lo) / (hi - lo) : 0;
    return 1000 * (f < 0 ? 0 : f > 1 ? 1 : f);
}

static void put_coord(struct zi_out *o, double x)
{
    char t[ZI_FMT_MAX];
    zi_out_bytes(o, t, zi_fmt_fixed(x, 1, '.', t));
}

void zi_html_bar(struct zi_out *o, double value, double lo, double hi, const char *cls,
                 const struct zi_html_mark *marks, size_t n_marks, const char *label)
{
    zi_out_str(o, "<svg class=\"bar ");
    zi_out_str(o, cls);
    zi_out_str(o, "\" viewBox=\"0 0 1000 20\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"");
    zi_html_str(o, label);
    zi_out_str(o, "\"><rect class=\"track\" x=\"0\" y=\"4\" width=\"1000\" height=\"12\"/>");
    if (isfinite(value)) {
        zi_out_str(o, "<rect class=\"fill\" x=\"0\" y=\"4\" height=\"12\" width=\"");
        put_coord(o, bar_x(value, lo, hi));
        zi_out_str(o, "\"/>");
    }
    for (size_t k = 0; k < n_marks; k++) {
        if (!isfinite(marks[k].at)) continue;
        double x = bar_x(marks[k].at, lo, hi);
        zi_out_str(o, "<line class=\"");
        zi_out_str(o, marks[k].cls);
        zi_out_str(o, "\" vector-effect=\"non-scaling-stroke\" y1=\"0\" y2=\"20\" x1=\"");
        put_coord(o, x);
        zi_out_str(o, "\" x2=\"");
        put_coord(o, x);
        zi_out_str(o, "\"><title>");
        zi_html_str(o, marks[k].title);
        zi_out_str(o, "</title></line>");
    }
    zi_out_str(o, "</svg>");
}
