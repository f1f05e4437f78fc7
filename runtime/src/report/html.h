/* html.h — pages people read: the pieces any page of zirun shares (html_page.c: escaping, the page shell and
 * its stylesheet, numbers in the reader's language, badges, inline-SVG bars) and the HTML report
 * (report_html.c). A page is one self-contained file: its style and script are inline, and its
 * Content-Security-Policy lets it load nothing else (no font, no image, no request), so that it opens the
 * same from a mail attachment on a machine with no network as on the evaluator's own.
 *
 * Everything writes to a struct zi_out (out.c); a failed write is remembered there, as for every report.
 */
#ifndef ZI_REPORT_HTML_H
#define ZI_REPORT_HTML_H

#include "zirt.h"

/* ---- html_page.c ----------------------------------------------------------------------------------------
 */
/* [p, p+n) as HTML text, safe both between tags and inside a double-quoted attribute: & < > " ' escaped, a
 * control byte other than tab and newline dropped, a byte that is not UTF-8 written as U+FFFD. */
ZI_HIDDEN void zi_html_text(struct zi_out *o, const char *p, size_t n);
ZI_HIDDEN void zi_html_str(struct zi_out *o, const char *s); /* zi_html_text of a NUL-terminated string */
/* x with `decimals` places for people: "87,50" in Indonesian, "87.50" in English; "–" when x is not finite.
 */
ZI_HIDDEN void zi_html_number(struct zi_out *o, double x, int decimals, enum zi_lang lang);
/* The page up to and including <body>: doctype, language, charset, the policy that forbids loading anything,
 * the title (escaped), the shared stylesheet (screen, and print on A4) and then `css` (NULL for none). */
ZI_HIDDEN void zi_html_page_begin(struct zi_out *o, enum zi_lang lang, const char *title, const char *css);
/* `script` (NULL for none; inline, so it must not contain "</script"), then </body></html>. */
ZI_HIDDEN void zi_html_page_end(struct zi_out *o, const char *script);
/* <span class="badge CLS">text</span>: a verdict, a status; CLS is one of the stylesheet's colours (good, ok,
 * warn, bad, none, or r0..r3 for a rank, best first). */
ZI_HIDDEN void zi_html_badge(struct zi_out *o, const char *cls, const char *text);
/* A mark on a bar: a threshold at `at` (in the bar's units), drawn in colour class `cls`, named `title` (the
 * tooltip; escaped). */
struct zi_html_mark {
    double at;
    const char *cls;
    const char *title;
};
/* A horizontal bar (inline SVG, as wide as its container): `value` filled from lo to hi in colour class
 * `cls`, with the marks across it. A value or a mark outside [lo, hi] is drawn at the nearer end; a value
 * that is not finite leaves the bar empty. `label` (escaped) names the bar for screen readers. */
ZI_HIDDEN void zi_html_bar(struct zi_out *o, double value, double lo, double hi, const char *cls,
                           const struct zi_html_mark *marks, size_t n_marks, const char *label);

/* ---- report_html.c: --format html (report.c calls these) --------------------------------------------------
 * open prepares the per-module tables and returns 0, or -1 out of memory; begin writes the page's head and
 * the index's frame; batch writes each unit's section; end writes the last line (complete or not) and the
 * script that builds and sorts the index. */
ZI_HIDDEN int zi_report_html_open(struct zi_report *r);
ZI_HIDDEN void zi_report_html_begin(struct zi_report *r);
ZI_HIDDEN void zi_report_html_batch(struct zi_report *r, const struct zi_batch *b);
ZI_HIDDEN void zi_report_html_end(struct zi_report *r, const struct zi_run_stats *st, int complete);
ZI_HIDDEN void zi_report_html_free(struct zi_report *r);

#endif /* ZI_REPORT_HTML_H */
