/* doc.c — zi_doc_write: the content told to the Markdown or the HTML writer, or the model's numbers as JSON.
 */
#include "doc.h"

int zi_doc_write(const struct zi_doc_input *in, enum zi_doc_format format, FILE *out)
{
    if (format == ZI_DOC_JSON) {
        if (zi_doc_json(in->module, out) != 0) return -1;
    } else {
        struct zi_doc_writer w = {.out = out, .lang = in->lang, .arena = in->arena};
        w.ops = format == ZI_DOC_HTML ? &zi_doc_html_ops : &zi_doc_markdown_ops;
        if (format == ZI_DOC_HTML) { /* a first pass collects the headings for the table of contents */
            w.collecting = 1;
            zi_doc_content(in, &w);
            w.collecting = 0;
        }
        zi_doc_content(in, &w);
    }
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
