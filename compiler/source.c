/* source.c — reading a .zi file and mapping byte offsets to lines and columns. */
#include "source.h"

#include "chars.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int build_line_map(struct zi_source *source)
{
    size_t n = 1;
    for (size_t i = 0; i < source->len; i++)
        n += source->text[i] == '\n';
    source->line_starts = malloc(n * sizeof *source->line_starts);
    if (!source->line_starts) return -1;
    source->n_lines = 0;
    source->line_starts[source->n_lines++] = 0;
    for (size_t i = 0; i < source->len; i++)
        if (source->text[i] == '\n') source->line_starts[source->n_lines++] = (uint32_t)(i + 1);
    return 0;
}

int zi_source_from_memory(struct zi_source *source, const char *name, const char *text, size_t len)
{
    memset(source, 0, sizeof *source);
    if (len > ZI_SOURCE_MAX_BYTES) return -1;
    source->name = name;
    source->text = malloc(len + 1);
    if (!source->text) return -1;
    if (len) memcpy(source->text, text, len);
    source->text[len] = '\0';
    source->len = len;
    if (build_line_map(source) != 0) {
        zi_source_free(source);
        return -1;
    }
    return 0;
}

int zi_source_read(struct zi_source *source, const char *name, char *err, size_t errlen)
{
    memset(source, 0, sizeof *source);
    if (errlen) err[0] = '\0';
    int is_stdin = strcmp(name, "-") == 0;
    FILE *file = is_stdin ? stdin : fopen(name, "rb");
    if (!file) {
        snprintf(err, errlen, "cannot open '%s': %s", name, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap + 1);
    int failed = text == NULL;
    while (!failed) {
        size_t got = fread(text + len, 1, cap - len, file);
        len += got;
        if (len < cap) {
            if (ferror(file)) {
                snprintf(err, errlen, "cannot read '%s': %s", name, strerror(errno));
                failed = 1;
            }
            break;
        }
        if (cap >= ZI_SOURCE_MAX_BYTES) {
            snprintf(err, errlen, "'%s' is larger than %u MiB; a criteria file never is", name,
                     ZI_SOURCE_MAX_BYTES >> 20);
            failed = 1;
            break;
        }
        char *bigger = realloc(text, cap * 2 + 1);
        if (!bigger) {
            failed = 1;
            break;
        }
        text = bigger;
        cap *= 2;
    }
    if (!is_stdin) fclose(file);
    if (failed) {
        if (!text || !err[0]) snprintf(err, errlen, "out of memory reading '%s'", name);
        free(text);
        return -1;
    }
    text[len] = '\0';
    source->name = name;
    source->text = text;
    source->len = len;
    if (build_line_map(source) != 0) {
        snprintf(err, errlen, "out of memory reading '%s'", name);
        zi_source_free(source);
        return -1;
    }
    return 0;
}

void zi_source_free(struct zi_source *source)
{
    free(source->text);
    free(source->line_starts);
    memset(source, 0, sizeof *source);
}

static int has_bom(const struct zi_source *source)
{
    return source->len >= 3 && memcmp(source->text, "\xEF\xBB\xBF", 3) == 0;
}

/* Bytes in the UTF-8 sequence that lead byte `c` starts; 1 for ASCII and for bytes that start none. */
static size_t sequence_length(unsigned char c)
{
    return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
}

enum zi_source_encoding zi_source_guess_encoding(const struct zi_source *source, uint32_t *first)
{
    const unsigned char *t = (const unsigned char *)source->text;
    size_t len = source->len;
    if (len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF)))
        return ZI_ENCODING_UTF16;
    /* Without a byte-order mark: ASCII text in UTF-16 has a NUL in every other byte. */
    size_t head = len < 256 ? len : 256, nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < head; i++)
        if (!t[i]) {
            if (i % 2)
                nul_odd++;
            else
                nul_even++;
        }
    if (head >= 8 && ((nul_odd * 4 >= head && !nul_even) || (nul_even * 4 >= head && !nul_odd)))
        return ZI_ENCODING_UTF16;
    size_t bad = 0;
    for (size_t i = 0; i < len; i++) {
        if (t[i] < 0x80) continue;
        size_t n = zi_utf8_valid_length(source->text, i, len);
        /* Real UTF-8 text, or a character cut by the end of the file: bad bytes are bad bytes. */
        if (n || i + sequence_length(t[i]) > len) return ZI_ENCODING_UTF8;
        char unused[4];
        if (!zi_cp1252_char(t[i], unused)) return ZI_ENCODING_UTF8;
        if (!bad++) *first = (uint32_t)i;
    }
    return bad ? ZI_ENCODING_CP1252 : ZI_ENCODING_UTF8;
}

int zi_source_starts_column(const char *text, size_t begin, size_t offset)
{
    if (((unsigned char)text[offset] & 0xC0) != 0x80) return 1;
    /* A continuation byte continues the character of the lead byte before it, if that lead byte wants it. */
    for (size_t k = 1; k <= 3 && offset >= begin + k; k++) {
        unsigned char c = (unsigned char)text[offset - k];
        if ((c & 0xC0) != 0x80) return sequence_length(c) <= k;
    }
    return 1;
}

static size_t line_index(const struct zi_source *source, uint32_t offset)
{
    size_t lo = 0, hi = source->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (source->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

uint32_t zi_source_line_number(const struct zi_source *source, uint32_t offset)
{
    return (uint32_t)line_index(source, offset > source->len ? (uint32_t)source->len : offset) + 1;
}

void zi_source_position(const struct zi_source *source, uint32_t offset, uint32_t *line, uint32_t *col)
{
    if (offset > source->len) offset = (uint32_t)source->len;
    size_t index = line_index(source, offset);
    uint32_t column = 1;
    uint32_t from = source->line_starts[index];
    /* The byte-order mark the scanner skips is invisible in an editor: it takes no column. */
    if (index == 0 && has_bom(source)) from = offset < 3 ? offset : 3;
    /* A column counts code points (and stray bytes of invalid UTF-8, each shown as one character). */
    for (uint32_t i = from; i < offset; i++)
        column += (uint32_t)zi_source_starts_column(source->text, from, i);
    *line = (uint32_t)index + 1;
    *col = column;
}

const char *zi_source_line(const struct zi_source *source, uint32_t line, size_t *len)
{
    if (line == 0 || line > source->n_lines) {
        *len = 0;
        return "";
    }
    uint32_t begin = source->line_starts[line - 1];
    if (line == 1 && has_bom(source))
        begin = 3; /* not echoed: it would shift the caret by a column it does not take */
    size_t end = line < source->n_lines ? source->line_starts[line] - 1 : source->len;
    if (end > begin && source->text[end - 1] == '\r') end--;
    *len = end - begin;
    return source->text + begin;
}

const char *zi_source_slice(const struct zi_source *source, struct zi_span span, size_t *len)
{
    uint32_t end = span.end > source->len ? (uint32_t)source->len : span.end;
    uint32_t begin = span.begin > end ? end : span.begin;
    *len = end - begin;
    return source->text + begin;
}
