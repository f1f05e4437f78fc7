/* doc_md.c — the document as Markdown that renders on GitHub (and in any CommonMark viewer with tables):
 * headings, paragraphs and pipe tables; the data-* attributes are the HTML page's alone. */
#include <string.h>

#include "doc.h"

/* Writes `text` so that it shows as written: the characters Markdown would read as markup get a backslash,
 * and a line end inside a table cell becomes <br> (a cell is one line). */
static void text(struct zi_doc_writer *w, const char *s, int in_cell)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            fputs(in_cell ? "<br>" : " ", w->out);
        } else if (*p == '\r') {
            continue;
        } else {
            if (strchr("\\`*_[]<>|#~", *p)) fputc('\\', w->out);
            fputc(*p, w->out);
        }
    }
}

static void md_begin(struct zi_doc_writer *w, const char *title, const char *subtitle)
{
    fputs("# ", w->out);
    text(w, title, 0);
    fputs("\n\n", w->out);
    text(w, subtitle, 0);
    fputs("\n", w->out);
}

static void md_heading(struct zi_doc_writer *w, int level, const char *id, const char *s,
                       const struct zi_doc_attr *attrs, unsigned n_attrs)
{
    (void)id, (void)attrs, (void)n_attrs; /* GitHub makes its own anchors from the text */
    int hashes = level + 1 > 6 ? 6 : level + 1;
    fprintf(w->out, "\n%.*s ", hashes, "######");
    text(w, s, 0);
    fputs("\n", w->out);
}

static void md_paragraph(struct zi_doc_writer *w, const char *s)
{
    fputs("\n", w->out);
    text(w, s, 0);
    fputs("\n", w->out);
}

static void md_table(struct zi_doc_writer *w, unsigned n_columns, const char *const *header)
{
    w->n_columns = n_columns;
    fputs("\n|", w->out);
    for (unsigned k = 0; k < n_columns; k++) {
        fputc(' ', w->out);
        text(w, header[k], 1);
        fputs(" |", w->out);
    }
    fputs("\n|", w->out);
    for (unsigned k = 0; k < n_columns; k++)
        fputs("---|", w->out);
    fputs("\n", w->out);
}

static void md_row(struct zi_doc_writer *w, const char *const *cells, const struct zi_doc_attr *attrs,
                   unsigned n_attrs)
{
    (void)attrs, (void)n_attrs;
    fputc('|', w->out);
    for (unsigned k = 0; k < w->n_columns; k++) {
        fputc(' ', w->out);
        text(w, cells[k], 1);
        fputs(" |", w->out);
    }
    fputs("\n", w->out);
}

static void md_table_end(struct zi_doc_writer *w)
{
    w->n_columns = 0;
}

static void md_end(struct zi_doc_writer *w)
{
    (void)w;
}

const struct zi_doc_ops zi_doc_markdown_ops = {md_begin, md_heading,   md_paragraph, md_table,
                                               md_row,   md_table_end, md_end};
