/* doc_html.c — the document as ONE self-contained HTML page: the style inline, no script, no font, image or
 * any other request (a Content-Security-Policy says so to the browser too), a table of contents, and a print
 * stylesheet for A4 so the page printed is the document people sign. The model's numbers are in data-*
 * attributes of the rows and headings, for tests and tools.
 *
 * The table of contents comes before the headings it lists: the content is told twice, the first time only
 * to collect the headings (`collecting`). */
#include <string.h>

#include "doc.h"

/* Headings down to this level are in the table of contents: sections, components, categories, areas. */
enum { TOC_LEVELS = 4 };

static void escaped(FILE *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\n':
            fputs("<br>", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

static void attributes(FILE *out, const struct zi_doc_attr *attrs, unsigned n)
{
    for (unsigned k = 0; k < n; k++) {
        fprintf(out, " data-%s=\"", attrs[k].name);
        escaped(out, attrs[k].value);
        fputc('"', out);
    }
}

static const char style[] =
    ":root{color-scheme:light}"
    "body{font-family:\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;font-size:14px;line-height:1.45;"
    "color:#1a1a1a;background:#fff;max-width:1100px;margin:0 auto;padding:24px}"
    "h1{font-size:1.6em;margin:0 0 .2em}"
    ".subtitle{color:#555;margin:0 0 1em}"
    "h2{font-size:1.35em;border-bottom:2px solid #2b5797;padding-bottom:.2em;margin-top:2em}"
    "h3{font-size:1.15em;margin-top:1.6em}"
    "h4,h5,h6{font-size:1em;margin-top:1.2em}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1em}"
    "th,td{border:1px solid #c8c8c8;padding:4px 6px;text-align:left;vertical-align:top}"
    "th{background:#eef2f8}"
    "td:first-child{white-space:nowrap}"
    "td.num{text-align:right;white-space:nowrap}"
    "nav.toc{background:#f6f8fb;border:1px solid #dde3ec;padding:8px 16px;margin-bottom:1em}"
    "nav.toc h2{margin-top:.5em;border:0}"
    "nav.toc ol{margin:0;padding-left:1.4em}"
    "a{color:#2b5797}"
    "@page{size:A4;margin:15mm 12mm}"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}"
    "main h2{break-before:page}"
    "nav.toc{break-after:page;background:none;border:0}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid}"
    "h2,h3,h4,h5,h6{break-after:avoid}"
    "a{color:inherit;text-decoration:none}}";

static void toc(struct zi_doc_writer *w)
{
    FILE *out = w->out;
    fprintf(out, "<nav class=\"toc\"><h2>%s</h2>\n", ZI_DOC_WORDS(w->lang, "Daftar isi", "Contents"));
    int depth = 0;
    for (unsigned k = 0; k < w->n_toc; k++) {
        const struct zi_doc_toc_entry *e = &w->toc[k];
        if (e->level > depth) {
            for (; depth < e->level; depth++)
                fputs("<ol>", out);
        } else {
            fputs("</li>\n", out);
            for (; depth > e->level; depth--)
                fputs("</ol></li>\n", out);
        }
        fprintf(out, "<li><a href=\"#%s\">", e->id);
        escaped(out, e->text);
        fputs("</a>", out);
    }
    if (depth) fputs("</li>", out);
    for (; depth > 1; depth--)
        fputs("</ol></li>", out);
    fputs(depth ? "</ol>\n</nav>\n" : "</nav>\n", out);
}

static void html_begin(struct zi_doc_writer *w, const char *title, const char *subtitle)
{
    if (w->collecting) return;
    FILE *out = w->out;
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
            "'unsafe-inline'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"zic doc\">\n<title>",
            w->lang == ZI_LANG_EN ? "en" : "id");
    escaped(out, title);
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>", style);
    escaped(out, title);
    fputs("</h1><p class=\"subtitle\">", out);
    escaped(out, subtitle);
    fputs("</p></header>\n", out);
    toc(w);
    fputs("<main>\n", out);
}

static void html_heading(struct zi_doc_writer *w, int level, const char *id, const char *text,
                         const struct zi_doc_attr *attrs, unsigned n_attrs)
{
    if (w->collecting) {
        if (level > TOC_LEVELS) return;
        if (w->n_toc == w->cap_toc) {
            unsigned cap = w->cap_toc ? 2 * w->cap_toc : 32;
            struct zi_doc_toc_entry *bigger = zi_arena_alloc(w->arena, cap * sizeof *bigger);
            if (w->n_toc) memcpy(bigger, w->toc, w->n_toc * sizeof *bigger);
            w->toc = bigger;
            w->cap_toc = cap;
        }
        w->toc[w->n_toc++] = (struct zi_doc_toc_entry){level, id, text};
        return;
    }
    int h = level + 1 > 6 ? 6 : level + 1;
    fprintf(w->out, "<h%d id=\"%s\"", h, id);
    attributes(w->out, attrs, n_attrs);
    fputc('>', w->out);
    escaped(w->out, text);
    fprintf(w->out, "</h%d>\n", h);
}

static void html_paragraph(struct zi_doc_writer *w, const char *text)
{
    if (w->collecting) return;
    fputs("<p>", w->out);
    escaped(w->out, text);
    fputs("</p>\n", w->out);
}

static void html_table(struct zi_doc_writer *w, unsigned n_columns, const char *const *header)
{
    w->n_columns = n_columns;
    if (w->collecting) return;
    fputs("<table>\n<thead><tr>", w->out);
    for (unsigned k = 0; k < n_columns; k++) {
        fputs("<th>", w->out);
        escaped(w->out, header[k]);
        fputs("</th>", w->out);
    }
    fputs("</tr></thead>\n<tbody>\n", w->out);
}

/* A cell that is only a number ("0,25", "87,5%") is set right, as numbers line up in a printed table. */
static int numeric(const char *s)
{
    return s[0] >= '0' && s[0] <= '9' && s[strspn(s, "0123456789,.%")] == '\0';
}

static void html_row(struct zi_doc_writer *w, const char *const *cells, const struct zi_doc_attr *attrs,
                     unsigned n_attrs)
{
    if (w->collecting) return;
    fputs("<tr", w->out);
    attributes(w->out, attrs, n_attrs);
    fputc('>', w->out);
    for (unsigned k = 0; k < w->n_columns; k++) {
        fputs(k > 0 && numeric(cells[k]) ? "<td class=\"num\">" : "<td>", w->out);
        escaped(w->out, cells[k]);
        fputs("</td>", w->out);
    }
    fputs("</tr>\n", w->out);
}

static void html_table_end(struct zi_doc_writer *w)
{
    w->n_columns = 0;
    if (!w->collecting) fputs("</tbody>\n</table>\n", w->out);
}

static void html_end(struct zi_doc_writer *w)
{
    if (!w->collecting) fputs("</main>\n</body>\n</html>\n", w->out);
}

const struct zi_doc_ops zi_doc_html_ops = {html_begin, html_heading,   html_paragraph, html_table,
                                           html_row,   html_table_end, html_end};
