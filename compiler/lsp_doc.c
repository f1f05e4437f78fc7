/* lsp_doc.c — the open documents. Each is compiled from the editor's text on every change, as `zic check`
 * compiles a file (frontend.h): a file: URI through zi_compilation_open_text, so the bases it `extends` are
 * read from disk beside it; any other URI (an unsaved buffer) from memory, where `extends` is E055. Its
 * diagnostics are published per file of the chain: an error in a base goes to the base's URI. */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* No -Werror and the default error limit: what `zic check FILE` reports. */
static const struct zi_frontend_options check_options = {false, ZI_DIAG_ERROR_LIMIT};

struct zi_lsp_doc *zi_lsp_doc_find(struct zi_lsp *s, const char *uri)
{
    for (size_t i = 0; i < s->n_docs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0) return s->docs[i];
    return NULL;
}

/* An LSP Diagnostic: notes with a place become relatedInformation, hints (no place) lines of the message, as
 * the terminal prints them under it. */
static json_t *lsp_diagnostic(const struct zi_lsp_doc *doc, struct zi_arena *arena,
                              const struct zi_diagnostic *d)
{
    const char *message = d->message;
    json_t *related = json_array();
    for (const struct zi_diag_note *n = d->notes; n; n = n->next) {
        if (n->has_span)
            json_array_append_new(related, json_pack("{s:o*, s:s}", "location", zi_lsp_location(doc, n->span),
                                                     "message", n->message));
        else
            message = zi_arena_printf(arena, "%s\nnote: %s", message, n->message);
    }
    json_t *o =
        json_pack("{s:o, s:i, s:s, s:s, s:s}", "range", zi_lsp_range(&doc->comp.source, d->span), "severity",
                  d->severity == ZI_SEV_ERROR ? 1 : 2, "code", d->code, "source", "zic", "message", message);
    if (o && json_array_size(related))
        json_object_set_new(o, "relatedInformation", related);
    else
        json_decref(related);
    return o;
}

static void publish(struct zi_lsp *s, const char *uri, json_t *diagnostics)
{
    zi_lsp_write(s->out, json_pack("{s:s, s:s, s:{s:s, s:o}}", "jsonrpc", "2.0", "method",
                                   "textDocument/publishDiagnostics", "params", "uri", uri, "diagnostics",
                                   diagnostics));
}

/* Publishes the document's diagnostics, one list per file of its chain, and clears those of a base it
 * published to before and no longer does. */
static void publish_all(struct zi_lsp *s, struct zi_lsp_doc *doc)
{
    json_t *by_uri = json_object(); /* uri -> diagnostics; the document's own first, even when empty */
    json_object_set_new(by_uri, doc->uri, json_array());
    if (doc->comp.io_failed) /* too large to hold: no source, no line map; the message at the start */
        json_array_append_new(json_object_get(by_uri, doc->uri),
                              json_pack("{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:i, s:s, s:s}", "range", "start",
                                        "line", 0, "character", 0, "end", "line", 0, "character", 0,
                                        "severity", 1, "source", "zic", "message", doc->comp.io_error));
    struct zi_arena arena;
    zi_arena_init(&arena);
    for (size_t i = 0; i < doc->n_sorted; i++) {
        char *uri = zi_lsp_uri_at(doc, doc->sorted[i]->span.begin);
        if (!uri) continue;
        json_t *list = json_object_get(by_uri, uri);
        if (!list) json_object_set_new(by_uri, uri, list = json_array());
        json_array_append_new(list, lsp_diagnostic(doc, &arena, doc->sorted[i]));
        free(uri);
    }
    zi_arena_free(&arena);
    json_t *others = json_array();
    const char *uri;
    json_t *list;
    json_object_foreach(by_uri, uri, list)
    {
        publish(s, uri, json_incref(list));
        if (strcmp(uri, doc->uri) != 0) json_array_append_new(others, json_string(uri));
    }
    size_t i;
    json_t *old;
    json_array_foreach(doc->published, i, old)
    {
        if (!json_object_get(by_uri, json_string_value(old)))
            publish(s, json_string_value(old), json_array());
    }
    json_decref(doc->published);
    doc->published = others;
    json_decref(by_uri);
}

static void doc_free(struct zi_lsp_doc *doc)
{
    zi_compilation_free(&doc->comp);
    json_decref(doc->published);
    free(doc->uri);
    free(doc->path);
    free(doc->text);
    free(doc);
}

void zi_lsp_doc_set(struct zi_lsp *s, const char *uri, const char *text, size_t len)
{
    struct zi_lsp_doc *doc = zi_lsp_doc_find(s, uri);
    char *copy = malloc(len + 1);
    if (!copy) return;
    memcpy(copy, text, len);
    copy[len] = '\0';
    if (doc) {
        zi_compilation_free(&doc->comp);
        free(doc->text);
    } else {
        if (s->n_docs == s->cap_docs) {
            size_t cap = s->cap_docs ? 2 * s->cap_docs : 8;
            struct zi_lsp_doc **docs = realloc(s->docs, cap * sizeof *docs);
            if (!docs) {
                free(copy);
                return;
            }
            s->docs = docs;
            s->cap_docs = cap;
        }
        doc = calloc(1, sizeof *doc);
        if (!doc || !(doc->uri = strdup(uri))) {
            free(doc);
            free(copy);
            return;
        }
        doc->path = zi_lsp_uri_to_path(uri);
        doc->published = json_array();
        s->docs[s->n_docs++] = doc;
    }
    doc->text = copy;
    doc->len = len;
    if (doc->path)
        zi_compilation_open_text(&doc->comp, doc->path, copy, len, &check_options);
    else
        zi_compilation_open_memory(&doc->comp, uri, copy, len, &check_options);
    doc->n_sorted = 0;
    doc->sorted = doc->comp.io_failed ? NULL : zi_diag_sorted(&doc->comp.diag, &doc->n_sorted);
    publish_all(s, doc);
}

void zi_lsp_doc_saved(struct zi_lsp *s, const char *uri)
{
    for (size_t i = 0; i < s->n_docs; i++) {
        struct zi_lsp_doc *doc = s->docs[i];
        bool reads_it = false;
        for (size_t k = 1; k < doc->comp.source.n_files && !reads_it; k++) {
            char *base = zi_lsp_path_to_uri(doc->comp.source.files[k].name);
            reads_it = base && strcmp(base, uri) == 0;
            free(base);
        }
        if (reads_it)
            zi_lsp_doc_set(s, doc->uri, doc->text, doc->len); /* copies the text before freeing it */
    }
}

void zi_lsp_doc_close(struct zi_lsp *s, const char *uri)
{
    for (size_t i = 0; i < s->n_docs; i++) {
        struct zi_lsp_doc *doc = s->docs[i];
        if (strcmp(doc->uri, uri) != 0) continue;
        size_t k;
        json_t *other;
        json_array_foreach(doc->published, k, other) publish(s, json_string_value(other), json_array());
        publish(s, uri, json_array());
        doc_free(doc);
        s->docs[i] = s->docs[--s->n_docs];
        return;
    }
}

void zi_lsp_docs_free(struct zi_lsp *s)
{
    for (size_t i = 0; i < s->n_docs; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    s->docs = NULL;
    s->n_docs = s->cap_docs = 0;
}

/* ---- code actions ---- */

/* A fix's title, in the words of the terminal's fix-it line: what it replaces with what. */
static const char *fix_title(const struct zi_lsp_doc *doc, struct zi_arena *arena,
                             const struct zi_diag_fixit *f)
{
    size_t len;
    const char *old = zi_source_slice(&doc->comp.source, f->span, &len);
    if (f->span.end <= f->span.begin) return zi_arena_printf(arena, "Insert '%s'", f->text);
    if (!f->text[0]) return zi_arena_printf(arena, "Delete '%.*s'", (int)len, old);
    return zi_arena_printf(arena, "Replace '%.*s' with '%s'", (int)len, old, f->text);
}

json_t *zi_lsp_code_actions(struct zi_lsp_doc *doc, json_t *range)
{
    json_t *actions = json_array();
    uint32_t from, to;
    if (doc->comp.io_failed ||
        !zi_lsp_offset_of(doc->text, doc->len, json_object_get(range, "start"), &from) ||
        !zi_lsp_offset_of(doc->text, doc->len, json_object_get(range, "end"), &to))
        return actions;
    struct zi_arena arena;
    zi_arena_init(&arena);
    for (size_t i = 0; i < doc->n_sorted; i++) {
        const struct zi_diagnostic *d = doc->sorted[i];
        if (!d->fixits || d->span.begin > to ||
            (d->span.end > d->span.begin ? d->span.end : d->span.begin) < from ||
            d->span.begin >= doc->comp.source.files[0].end)
            continue;
        json_t *changes = json_object();
        for (const struct zi_diag_fixit *f = d->fixits; f; f = f->next) {
            char *uri = zi_lsp_uri_at(doc, f->span.begin);
            if (!uri) continue;
            json_t *edits = json_object_get(changes, uri);
            if (!edits) json_object_set_new(changes, uri, edits = json_array());
            json_array_append_new(edits,
                                  json_pack("{s:o, s:s}", "range", zi_lsp_range(&doc->comp.source, f->span),
                                            "newText", f->text));
            free(uri);
        }
        json_array_append_new(actions, json_pack("{s:s, s:s, s:[o], s:b, s:{s:o}}", "title",
                                                 fix_title(doc, &arena, d->fixits), "kind", "quickfix",
                                                 "diagnostics", lsp_diagnostic(doc, &arena, d), "isPreferred",
                                                 1, "edit", "changes", changes));
    }
    zi_arena_free(&arena);
    return actions;
}
