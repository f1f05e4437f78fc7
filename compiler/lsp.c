/* lsp.c — one LSP session: the lifecycle (initialize, initialized, shutdown, exit) and each method to its
 * handler. Errors are answers, never a crash or a silent drop: a body that is not JSON gets ParseError, a
 * message that is not a request InvalidRequest, an unknown request MethodNotFound, a request before
 * initialize ServerNotInitialized, a request whose params are not what LSP says InvalidParams. Unknown
 * notifications are ignored, as LSP asks. */
#include <string.h>

#include "lsp.h"

/* JSON-RPC and LSP error codes. */
enum {
    PARSE_ERROR = -32700,
    INVALID_REQUEST = -32600,
    METHOD_NOT_FOUND = -32601,
    INVALID_PARAMS = -32602,
    SERVER_NOT_INITIALIZED = -32002,
    REQUEST_FAILED = -32803,
};

static void respond(struct zi_lsp *s, json_t *id, json_t *result)
{
    zi_lsp_write(s->out, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id, "result",
                                   result ? result : json_null()));
}

static void respond_error(struct zi_lsp *s, json_t *id, int code, const char *message)
{
    zi_lsp_write(s->out, json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                                   "error", "code", code, "message", message));
}

static json_t *capabilities(void)
{
    return json_pack(
        "{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:b, s:b, s:{s:[s,s,s]}, s:{s:[s]}, s:b}, s:{s:s, s:s}}",
        "capabilities", "positionEncoding", "utf-16", "textDocumentSync", "openClose", 1, "change", 1, "save",
        "includeText", 0, "hoverProvider", 1, "definitionProvider", 1, "completionProvider",
        "triggerCharacters", ":", ".", "\"", "codeActionProvider", "codeActionKinds", "quickfix",
        "documentFormattingProvider", 1, "serverInfo", "name", "zic", "version", ZI_VERSION);
}

/* didChange: the full text (the sync kind we announce), or ranged changes applied in order, which some
 * clients send whatever the server asks. */
static bool apply_changes(struct zi_lsp *s, const char *uri, json_t *changes)
{
    struct zi_lsp_doc *doc = zi_lsp_doc_find(s, uri);
    if (!doc || !json_is_array(changes)) return false;
    char *text = strdup(doc->text);
    size_t len = doc->len, i;
    json_t *change;
    bool ok = text != NULL;
    json_array_foreach(changes, i, change)
    {
        const char *piece;
        size_t piece_len;
        json_t *range = NULL;
        if (!ok || json_unpack(change, "{s:s%, s?o}", "text", &piece, &piece_len, "range", &range) != 0) {
            ok = false;
            break;
        }
        uint32_t from = 0, to = (uint32_t)len;
        if (range && (!zi_lsp_offset_of(text, len, json_object_get(range, "start"), &from) ||
                      !zi_lsp_offset_of(text, len, json_object_get(range, "end"), &to) || to < from)) {
            ok = false;
            break;
        }
        size_t new_len = len - (to - from) + piece_len;
        char *next = malloc(new_len + 1);
        if (!next) {
            ok = false;
            break;
        }
        memcpy(next, text, from);
        memcpy(next + from, piece, piece_len);
        memcpy(next + from + piece_len, text + to, len - to);
        next[new_len] = '\0';
        free(text);
        text = next;
        len = new_len;
    }
    if (ok) zi_lsp_doc_set(s, uri, text, len);
    free(text);
    return ok;
}

/* The document and the byte offset a TextDocumentPositionParams names; false when it is no open document or
 * no position. */
static bool doc_position(struct zi_lsp *s, json_t *params, struct zi_lsp_doc **doc, uint32_t *offset)
{
    const char *uri;
    json_t *pos;
    if (json_unpack(params, "{s:{s:s}, s:o}", "textDocument", "uri", &uri, "position", &pos) != 0)
        return false;
    *doc = zi_lsp_doc_find(s, uri);
    return *doc && zi_lsp_offset_of((*doc)->text, (*doc)->len, pos, offset);
}

static void notification(struct zi_lsp *s, const char *method, json_t *params)
{
    const char *uri, *text;
    size_t len;
    if (strcmp(method, "exit") == 0) {
        s->exited = true;
    } else if (!s->initialized) {
        return; /* LSP: notifications before initialize are dropped, except exit */
    } else if (strcmp(method, "textDocument/didOpen") == 0) {
        if (json_unpack(params, "{s:{s:s, s:s%}}", "textDocument", "uri", &uri, "text", &text, &len) == 0)
            zi_lsp_doc_set(s, uri, text, len);
    } else if (strcmp(method, "textDocument/didChange") == 0) {
        json_t *changes;
        if (json_unpack(params, "{s:{s:s}, s:o}", "textDocument", "uri", &uri, "contentChanges", &changes) ==
            0)
            apply_changes(s, uri, changes);
    } else if (strcmp(method, "textDocument/didSave") == 0) {
        if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) == 0) zi_lsp_doc_saved(s, uri);
    } else if (strcmp(method, "textDocument/didClose") == 0) {
        if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) == 0) zi_lsp_doc_close(s, uri);
    }
}

static void request(struct zi_lsp *s, json_t *id, const char *method, json_t *params)
{
    if (strcmp(method, "initialize") == 0) {
        s->initialized = true;
        respond(s, id, capabilities());
        return;
    }
    if (!s->initialized) {
        respond_error(s, id, SERVER_NOT_INITIALIZED,
                      "the server is not initialized: send 'initialize' first");
        return;
    }
    if (s->shutdown) {
        respond_error(s, id, INVALID_REQUEST, "the server is shutting down: only 'exit' is accepted");
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        s->shutdown = true;
        respond(s, id, NULL);
        return;
    }
    struct zi_lsp_doc *doc;
    uint32_t offset;
    if (strcmp(method, "textDocument/hover") == 0 || strcmp(method, "textDocument/definition") == 0 ||
        strcmp(method, "textDocument/completion") == 0) {
        if (!doc_position(s, params, &doc, &offset)) {
            respond_error(s, id, INVALID_PARAMS, "expected the position in an open document");
        } else {
            respond(s, id,
                    method[13] == 'h'   ? zi_lsp_hover(doc, offset)
                    : method[13] == 'd' ? zi_lsp_definition(doc, offset)
                                        : zi_lsp_complete(doc, offset));
        }
        return;
    }
    if (strcmp(method, "textDocument/codeAction") == 0) {
        const char *uri;
        json_t *range;
        if (json_unpack(params, "{s:{s:s}, s:o}", "textDocument", "uri", &uri, "range", &range) != 0 ||
            !(doc = zi_lsp_doc_find(s, uri)))
            respond_error(s, id, INVALID_PARAMS, "expected a range in an open document");
        else
            respond(s, id, zi_lsp_code_actions(doc, range));
        return;
    }
    if (strcmp(method, "textDocument/formatting") == 0) {
        const char *uri, *error = NULL;
        json_t *edits;
        if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0 ||
            !(doc = zi_lsp_doc_find(s, uri)))
            respond_error(s, id, INVALID_PARAMS, "expected an open document");
        else if (!(edits = zi_lsp_format(doc, &error)))
            respond_error(s, id, REQUEST_FAILED, error);
        else
            respond(s, id, edits);
        return;
    }
    respond_error(s, id, METHOD_NOT_FOUND, "unknown method");
}

/* One message from the client: a request (id and method), a notification (method), or a response to a
 * request of ours (id, no method: we send none, so it is ignored). */
static void dispatch(struct zi_lsp *s, json_t *msg)
{
    json_t *id = json_object_get(msg, "id");
    json_t *method = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    bool id_ok = id && (json_is_integer(id) || json_is_string(id));
    if (!json_is_object(msg) || (method && !json_is_string(method)) || (id && !id_ok) || (!method && !id)) {
        respond_error(s, id_ok ? id : NULL, INVALID_REQUEST, "not a JSON-RPC request or notification");
        return;
    }
    if (!method) return;
    if (id)
        request(s, id, json_string_value(method), params);
    else
        notification(s, json_string_value(method), params);
}

int zi_lsp_serve(FILE *in, FILE *out)
{
    struct zi_lsp s = {.in = in, .out = out};
    json_t *msg;
    int got;
    while (!s.exited && (got = zi_lsp_read(in, &msg)) != 0) {
        if (got < 0)
            respond_error(&s, NULL, PARSE_ERROR, "the message is not JSON");
        else
            dispatch(&s, msg);
        json_decref(msg);
    }
    zi_lsp_docs_free(&s);
    return s.exited && s.shutdown ? 0 : 1;
}
