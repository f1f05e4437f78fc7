/* lsp_text.c — positions and URIs. LSP counts a line's characters in UTF-16 code units (its default and the
 * only encoding every client supports): a character of the Basic Multilingual Plane is one unit, one above it
 * (four UTF-8 bytes) two. A byte that is no valid UTF-8 counts one unit, as the U+FFFD an editor shows for
 * it. Lines end at '\n' (a '\r' before it belongs to the line end), as in the source's line map. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "zi/encoding.h"

/* UTF-16 units of the character at text[i], and its bytes in *bytes. */
static unsigned units_at(const char *text, size_t i, size_t len, size_t *bytes)
{
    size_t n = (unsigned char)text[i] < 0x80 ? 1 : zi_utf8_valid_length(text, i, len);
    *bytes = n ? n : 1;
    return n == 4 ? 2 : 1;
}

json_t *zi_lsp_position(const struct zi_source *src, uint32_t offset)
{
    uint32_t line, col;
    zi_source_position(src, offset, &line, &col);
    size_t line_len;
    const char *start = zi_source_line_at(src, offset, &line_len);
    size_t from = (size_t)(start - src->text), units = 0;
    for (size_t i = from, bytes; i < offset && i < src->len; i += bytes)
        units += units_at(src->text, i, src->len, &bytes);
    return json_pack("{s:I, s:I}", "line", (json_int_t)line - 1, "character", (json_int_t)units);
}

json_t *zi_lsp_range(const struct zi_source *src, struct zi_span span)
{
    uint32_t end = span.end > span.begin ? span.end : span.begin;
    return json_pack("{s:o, s:o}", "start", zi_lsp_position(src, span.begin), "end",
                     zi_lsp_position(src, end));
}

uint32_t zi_lsp_offset(const char *text, size_t len, json_int_t line, json_int_t character)
{
    size_t i = 0;
    for (json_int_t l = 0; l < line; l++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl) return (uint32_t)len;
        i = (size_t)(nl - text) + 1;
    }
    json_int_t units = 0;
    size_t bytes;
    while (i < len && text[i] != '\n' && !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')) {
        units += units_at(text, i, len, &bytes);
        if (units > character) break; /* inside this character (between a surrogate pair): its start */
        i += bytes;
    }
    return (uint32_t)i;
}

json_t *zi_lsp_text_end(const char *text, size_t len)
{
    json_int_t line = 0;
    size_t start = 0, units = 0, bytes;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') {
            line++;
            start = i + 1;
        }
    for (size_t i = start; i < len; i += bytes)
        units += units_at(text, i, len, &bytes);
    return json_pack("{s:I, s:I}", "line", line, "character", (json_int_t)units);
}

bool zi_lsp_offset_of(const char *text, size_t len, json_t *pos, uint32_t *offset)
{
    json_int_t line, character;
    if (!pos || json_unpack(pos, "{s:I, s:I}", "line", &line, "character", &character) != 0 || line < 0 ||
        character < 0)
        return false;
    *offset = zi_lsp_offset(text, len, line, character);
    return true;
}

static int hex_value(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

char *zi_lsp_uri_to_path(const char *uri)
{
    static const char scheme[] = "file://";
    if (strncmp(uri, scheme, sizeof scheme - 1) != 0) return NULL;
    const char *p = uri + sizeof scheme - 1;
    if (*p != '/') return NULL; /* a host (file://server/share) is not a local path */
    char *path = malloc(strlen(p) + 1), *q = path;
    if (!path) return NULL;
    for (; *p; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hex_value((unsigned char)p[1])) >= 0 &&
            (lo = hex_value((unsigned char)p[2])) >= 0) {
            *q++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
    if (strlen(path) != (size_t)(q - path)) { /* a %00: no file has that name */
        free(path);
        return NULL;
    }
    return path;
}

char *zi_lsp_path_to_uri(const char *path)
{
    char *real = realpath(path, NULL);
    const char *p = real ? real : path;
    char *uri = malloc(sizeof "file://" + 3 * strlen(p)), *q = uri;
    if (uri) {
        q += sprintf(q, "file://");
        for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
            if (isalnum(*c) || strchr("-._~/", *c))
                *q++ = (char)*c;
            else
                q += sprintf(q, "%%%02X", *c);
        }
        *q = '\0';
    }
    free(real);
    return uri;
}

char *zi_lsp_uri_at(const struct zi_lsp_doc *doc, uint32_t offset)
{
    const struct zi_source_file *file = zi_source_file_at(&doc->comp.source, offset);
    if (file == &doc->comp.source.files[0]) return strdup(doc->uri);
    return zi_lsp_path_to_uri(file->name);
}

json_t *zi_lsp_location(const struct zi_lsp_doc *doc, struct zi_span span)
{
    char *uri = zi_lsp_uri_at(doc, span.begin);
    if (!uri) return NULL;
    json_t *loc = json_pack("{s:s, s:o}", "uri", uri, "range", zi_lsp_range(&doc->comp.source, span));
    free(uri);
    return loc;
}
