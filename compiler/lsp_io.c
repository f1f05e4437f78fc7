/* lsp_io.c — LSP's base protocol: a header block ("Content-Length: N\r\n", optionally Content-Type, then an
 * empty line) and N bytes of JSON. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp.h"

/* A body larger than this is refused: a .zi file is at most ZI_SOURCE_MAX_BYTES, and JSON escaping can at
 * most double it (\n for a newline); anything bigger is not a message of ours. */
#define MAX_BODY (2u * ZI_SOURCE_MAX_BYTES + 65536u)

/* One header line without its line end, in `line`. Returns its length, or -1 at the end of input. */
static long read_header_line(FILE *in, char *line, size_t size)
{
    size_t n = 0;
    int c;
    while ((c = fgetc(in)) != EOF && c != '\n')
        if (n + 1 < size) line[n++] = (char)c;
    if (c == EOF && n == 0) return -1;
    if (n && line[n - 1] == '\r') n--;
    line[n] = '\0';
    return (long)n;
}

int zi_lsp_read(FILE *in, json_t **msg)
{
    *msg = NULL;
    char line[256];
    long body = -1, n;
    while ((n = read_header_line(in, line, sizeof line)) != 0) {
        if (n < 0) return 0;
        static const char key[] = "content-length:";
        if (strncasecmp(line, key, sizeof key - 1) == 0) {
            char *end;
            body = strtol(line + sizeof key - 1, &end, 10);
            if (end == line + sizeof key - 1 || body < 0 || (unsigned long)body > MAX_BODY) body = -2;
        }
    }
    if (body < 0) return 0;
    char *text = malloc((size_t)body + 1);
    if (!text) return 0;
    if (fread(text, 1, (size_t)body, in) != (size_t)body) {
        free(text);
        return 0;
    }
    json_error_t error;
    *msg = json_loadb(text, (size_t)body, JSON_ALLOW_NUL, &error);
    free(text);
    return *msg ? 1 : -1;
}

int zi_lsp_write(FILE *out, json_t *msg)
{
    char *text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
    json_decref(msg);
    if (!text) return -1;
    size_t len = strlen(text);
    fprintf(out, "Content-Length: %zu\r\n\r\n", len);
    fwrite(text, 1, len, out);
    free(text);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
