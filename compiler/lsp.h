/* lsp.h — `zic lsp`, a language server (LSP 3.17 over standard input and output) for .zi files. One header
 * for its files, in the order a message goes through them:
 *
 *   lsp_io.c        Content-Length framing: read a message, write one
 *   lsp.c           the session: initialize, shutdown, exit, and each method to its handler
 *   lsp_doc.c       open documents, compiled from the editor's text; diagnostics and code actions
 *   lsp_text.c      positions (LSP counts UTF-16 code units, .zi is UTF-8) and file URIs
 *   lsp_nav.c       what the cursor is on, and go to definition
 *   lsp_hover.c     hover: what a name is, its weight and points, its scale, where verdicts read it
 *   lsp_complete.c  completion: scale names, group paths, item codes, keywords
 *   lsp_format.c    formatting, through `zic fmt`'s formatter (format.h)
 *
 * Every document is compiled by the front end that `zic check` runs (frontend.h), so the editor shows the
 * same messages, codes and places. JSON is jansson's; a request the server cannot answer gets an error
 * response, never a crash. */
#ifndef ZI_LSP_H
#define ZI_LSP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "frontend.h"

/* One open document: the editor's text of `uri`, and its compilation (refreshed on every change). */
struct zi_lsp_doc {
    char *uri;
    char *path; /* the file's path when `uri` is a file: URI (bases are found beside it), else NULL */
    char *text;
    size_t len;
    struct zi_compilation comp;
    struct zi_diagnostic **sorted; /* comp's diagnostics by position, `n_sorted` of them (in its arena) */
    size_t n_sorted;
    json_t *published; /* the other files (bases) this document's last diagnostics went to: array of URIs */
};

struct zi_lsp {
    FILE *in, *out;
    struct zi_lsp_doc **docs;
    size_t n_docs, cap_docs;
    bool initialized, shutdown, exited;
};

/* ---- lsp_io.c ---- */

/* Reads one message. Returns 1 and the parsed body in *msg (the caller decrefs), 0 at the end of input, or -1
 * for a message that is not JSON (its bytes are consumed; *msg is NULL) — the session answers ParseError and
 * goes on. A header without Content-Length, or a body cut short, ends the input (returns 0): the stream
 * cannot be resynchronised. */
int zi_lsp_read(FILE *in, json_t **msg);

/* Writes `msg` framed, and flushes. Steals the reference. Returns 0, or -1 when the output failed. */
int zi_lsp_write(FILE *out, json_t *msg);

/* ---- lsp.c ---- */

/* Serves one session from `in` to `out` until `exit` or the end of input. Returns the process's exit status:
 * 0 after shutdown then exit, 1 otherwise (as LSP says). */
int zi_lsp_serve(FILE *in, FILE *out);

/* ---- lsp_doc.c ---- */

/* The open document of `uri`, or NULL. Borrowed from the server. */
struct zi_lsp_doc *zi_lsp_doc_find(struct zi_lsp *s, const char *uri);

/* didOpen and didChange (full text): stores the text, compiles it, publishes the diagnostics. */
void zi_lsp_doc_set(struct zi_lsp *s, const char *uri, const char *text, size_t len);

/* didSave of `uri`: compiles again every other open document whose chain of bases holds that file, so that an
 * edit of a base shows in its variants once saved (bases are read from disk). */
void zi_lsp_doc_saved(struct zi_lsp *s, const char *uri);

/* didClose: forgets the document and clears the diagnostics it published. */
void zi_lsp_doc_close(struct zi_lsp *s, const char *uri);

/* Releases every document. */
void zi_lsp_docs_free(struct zi_lsp *s);

/* textDocument/codeAction: the fix-its of the diagnostics in `range` as quick fixes. A new reference. */
json_t *zi_lsp_code_actions(struct zi_lsp_doc *doc, json_t *range);

/* ---- lsp_text.c ---- */

/* {line, character} (0-based, character in UTF-16 code units) of byte offset `offset` of the source, within
 * the file that holds it. A new reference. */
json_t *zi_lsp_position(const struct zi_source *src, uint32_t offset);

/* {start, end} of `span`. A new reference. */
json_t *zi_lsp_range(const struct zi_source *src, struct zi_span span);

/* The byte offset in `text` (one file) of LSP position (line, character): a position past a line's end is
 * its end, past the last line the text's end; a character inside a UTF-8 sequence goes to its start. */
uint32_t zi_lsp_offset(const char *text, size_t len, json_int_t line, json_int_t character);

/* The position just after the last character of `text`. A new reference. */
json_t *zi_lsp_text_end(const char *text, size_t len);

/* Reads a {line, character} object into an offset of `text`. Returns false when `pos` is not one. */
bool zi_lsp_offset_of(const char *text, size_t len, json_t *pos, uint32_t *offset);

/* The path of a file: URI ("file:///a/Lembar%20Kerja.zi" -> "/a/Lembar Kerja.zi"), malloc'd; NULL for any
 * other URI or out of memory. */
char *zi_lsp_uri_to_path(const char *uri);

/* The file: URI of `path` (resolved to an absolute path without ".." when the file exists, so that it is the
 * URI the editor uses), malloc'd; NULL out of memory. */
char *zi_lsp_path_to_uri(const char *path);

/* The URI of the file of the chain that holds `offset`: the document's own URI for its text, else the base's.
 * malloc'd; NULL out of memory. */
char *zi_lsp_uri_at(const struct zi_lsp_doc *doc, uint32_t offset);

/* A Location {uri, range} of `span` in the document's chain. A new reference, NULL out of memory. */
json_t *zi_lsp_location(const struct zi_lsp_doc *doc, struct zi_span span);

/* ---- lsp_nav.c ---- */

/* What a position names: a declaration or a use of one. */
enum zi_lsp_target_kind {
    ZI_LSP_NONE,
    ZI_LSP_REF,     /* a group, item, input, let, view, view member, facts block, fact or `total`: `ref` */
    ZI_LSP_SCALE,   /* `scale` */
    ZI_LSP_LABELS,  /* a grade or category: `labels` */
    ZI_LSP_VERDICT, /* `verdict` */
};

struct zi_lsp_target {
    enum zi_lsp_target_kind kind;
    struct zi_ref ref;
    struct zi_scale *scale;
    struct zi_labels *labels;
    struct zi_verdict *verdict;
    struct zi_span at; /* the text that names it, at the position */
};

/* What the document's text at byte offset `offset` names (ZI_LSP_NONE when nothing: a keyword, a number,
 * a comment, or a tree that did not parse). */
struct zi_lsp_target zi_lsp_target_at(struct zi_lsp_doc *doc, uint32_t offset);

/* Where `t` is declared: its name's span (an item's code). False for `total` and ZI_LSP_NONE. */
bool zi_lsp_target_span(const struct zi_lsp_target *t, struct zi_span *span);

/* The dotted path of a group or an item from the top ("hasil.bersih.capaian"), in the arena. */
const char *zi_lsp_group_path(struct zi_arena *arena, const struct zi_group *group,
                              const struct zi_item *item);

/* What `name` means at `offset`: an input of the item there, else a top-level name (a group or item at
 * the top, a let, view, facts block, or `total`); kind ZI_REF_NONE when nothing. */
struct zi_ref zi_lsp_name(struct zi_criteria *c, const char *name, uint32_t offset);

/* The item whose block holds `offset`, or NULL. */
struct zi_item *zi_lsp_item_at(struct zi_criteria *c, uint32_t offset);

/* The word before `at` in `text`, spaces skipped: "scale" in `scale abc`, ":" in `: abc`. Returns its length
 * and its start in *word (length 0: none). */
size_t zi_lsp_word_before(const char *text, uint32_t at, const char **word);

/* Is the word of `len` bytes at `word` (as zi_lsp_word_before gives it) `keyword`? */
bool zi_lsp_word_is(const char *word, size_t len, const char *keyword);

/* Is `offset` inside a string literal of its line? Gives the literal's contents' span. A comment ends the
 * search; a backslash escapes the next byte, as the scanner reads strings. */
bool zi_lsp_in_string(const char *text, size_t len, uint32_t offset, struct zi_span *inside);

/* textDocument/definition: a Location, or JSON null. A new reference. */
json_t *zi_lsp_definition(struct zi_lsp_doc *doc, uint32_t offset);

/* ---- lsp_hover.c ---- */

/* textDocument/hover: {contents: Markdown, range}, or JSON null. A new reference. */
json_t *zi_lsp_hover(struct zi_lsp_doc *doc, uint32_t offset);

/* ---- lsp_complete.c ---- */

/* textDocument/completion: a list of CompletionItems for the position. A new reference. */
json_t *zi_lsp_complete(struct zi_lsp_doc *doc, uint32_t offset);

/* ---- lsp_format.c ---- */

/* textDocument/formatting: the TextEdits that give the document its canonical layout ([] when it has it), or
 * NULL with the reason in *error (the text does not parse; out of memory). A new reference. */
json_t *zi_lsp_format(struct zi_lsp_doc *doc, const char **error);

#endif
