/* lsp_format.c — textDocument/formatting through `zic fmt`'s formatter (format.h): one edit that replaces the
 * whole text with its canonical layout, none when the text is already canonical. A text that does not parse
 * is not formatted (a formatter never guesses): the request fails saying so, and the diagnostics show why. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lsp.h"

json_t *zi_lsp_format(struct zi_lsp_doc *doc, const char **error)
{
    char *out;
    size_t out_len;
    int status = zi_format_text(doc->path ? doc->path : doc->uri, doc->text, doc->len, &out, &out_len);
    if (status != 0) {
        *error = status > 0 ? "the file does not parse, so it is not formatted: fix the errors shown first"
                            : "out of memory";
        return NULL;
    }
    json_t *edits = json_array();
    if (out_len != doc->len || memcmp(out, doc->text, out_len) != 0) {
        json_t *whole = json_pack("{s:{s:i, s:i}, s:o}", "start", "line", 0, "character", 0, "end",
                                  zi_lsp_text_end(doc->text, doc->len));
        json_array_append_new(edits, json_pack("{s:o, s:s%}", "range", whole, "newText", out, out_len));
    }
    free(out);
    return edits;
}
