/* source.c — reading a .zi file and mapping byte offsets to lines and columns. */
#include "source.h"

#include "chars.h"
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int build_line_map(struct zi_source *source)
{
    size_t n = 1;
    for (size_t i = 0; i < source->len; i++)
        n += source->text[i] == '\n';
    uint32_t *starts = realloc(source->line_starts, n * sizeof *starts);
    if (!starts) return -1;
    source->line_starts = starts;
    source->n_lines = 0;
    source->line_starts[source->n_lines++] = 0;
    for (size_t i = 0; i < source->len; i++)
        if (source->text[i] == '\n') source->line_starts[source->n_lines++] = (uint32_t)(i + 1);
    return 0;
}

/* Appends `len` bytes of `text` as the next file of the chain, named `name` (copied). The first file takes
 * the text as it is, so a single file is exactly what it always was; a later one follows a '\n', so no line
 * holds the end of one file and the start of the next. Returns 0, or -1 when out of room or memory. */
static int add_file(struct zi_source *source, const char *name, const char *text, size_t len)
{
    size_t gap = source->n_files ? 1 : 0;
    if (source->n_files == ZI_SOURCE_MAX_FILES || len > ZI_SOURCE_MAX_BYTES ||
        source->len + gap + len > ZI_SOURCE_MAX_BYTES)
        return -1;
    char *copy = malloc(strlen(name) + 1);
    char *bigger = realloc(source->text, source->len + gap + len + 1);
    if (!copy || !bigger) {
        free(copy);
        return -1;
    }
    strcpy(copy, name);
    source->text = bigger;
    if (gap) source->text[source->len++] = '\n';
    struct zi_source_file *file = &source->files[source->n_files];
    file->name = copy;
    file->begin = (uint32_t)source->len;
    if (len) memcpy(source->text + source->len, text, len);
    source->len += len;
    source->text[source->len] = '\0';
    file->end = (uint32_t)source->len;
    file->first_line = (uint32_t)(source->n_lines ? source->n_lines : 0);
    zi_sha256_hex(text, len, file->sha256);
    source->n_files++;
    source->name = source->files[0].name;
    return build_line_map(source);
}

int zi_source_from_memory(struct zi_source *source, const char *name, const char *text, size_t len)
{
    memset(source, 0, sizeof *source);
    if (add_file(source, name, text, len) != 0) {
        zi_source_free(source);
        return -1;
    }
    return 0;
}

/* Reads the whole of `name` ("-": standard input) into a malloc'd buffer. Returns it, or NULL with a message
 * in `err`. */
static char *read_all(const char *name, size_t *out_len, char *err, size_t errlen)
{
    if (errlen) err[0] = '\0';
    int is_stdin = strcmp(name, "-") == 0;
    FILE *file = is_stdin ? stdin : fopen(name, "rb");
    if (!file) {
        snprintf(err, errlen, "cannot open '%s': %s", name, strerror(errno));
        return NULL;
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
        return NULL;
    }
    *out_len = len;
    return text;
}

int zi_source_append(struct zi_source *source, const char *name, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = read_all(name, &len, err, errlen);
    if (!text) return -1;
    int status = add_file(source, name, text, len);
    free(text);
    if (status != 0) {
        if (source->n_files == ZI_SOURCE_MAX_FILES)
            snprintf(err, errlen, "more than %d files in one chain of 'extends'", ZI_SOURCE_MAX_FILES);
        else
            snprintf(err, errlen, "out of memory reading '%s', or the files of the chain exceed %u MiB", name,
                     ZI_SOURCE_MAX_BYTES >> 20);
        return -1;
    }
    return 0;
}

int zi_source_read(struct zi_source *source, const char *name, char *err, size_t errlen)
{
    memset(source, 0, sizeof *source);
    if (zi_source_append(source, name, err, errlen) != 0) {
        zi_source_free(source);
        return -1;
    }
    return 0;
}

void zi_source_free(struct zi_source *source)
{
    for (size_t i = 0; i < source->n_files; i++)
        free((char *)source->files[i].name);
    free(source->text);
    free(source->line_starts);
    memset(source, 0, sizeof *source);
}

const struct zi_source_file *zi_source_file_at(const struct zi_source *source, uint32_t offset)
{
    size_t k = source->n_files ? source->n_files - 1 : 0;
    while (k > 0 && offset < source->files[k].begin)
        k--;
    return &source->files[k];
}

/* Does the file starting at `begin` start with a byte-order mark? */
static int has_bom(const struct zi_source *source, const struct zi_source_file *file)
{
    return file->end - file->begin >= 3 && memcmp(source->text + file->begin, "\xEF\xBB\xBF", 3) == 0;
}

/* Bytes in the UTF-8 sequence that lead byte `c` starts; 1 for ASCII and for bytes that start none. */
static size_t sequence_length(unsigned char c)
{
    return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
}

enum zi_source_encoding zi_source_guess_encoding(const struct zi_source *source, size_t file, uint32_t *first)
{
    uint32_t base = source->files[file].begin;
    const unsigned char *t = (const unsigned char *)source->text + base;
    size_t len = source->files[file].end - base;
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
        size_t n = zi_utf8_valid_length(source->text + base, i, len);
        /* Real UTF-8 text, or a character cut by the end of the file: bad bytes are bad bytes. */
        if (n || i + sequence_length(t[i]) > len) return ZI_ENCODING_UTF8;
        char unused[4];
        if (!zi_cp1252_char(t[i], unused)) return ZI_ENCODING_UTF8;
        if (!bad++) *first = base + (uint32_t)i;
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
    const struct zi_source_file *file = zi_source_file_at(source, offset);
    uint32_t column = 1;
    uint32_t from = source->line_starts[index];
    /* The byte-order mark the scanner skips is invisible in an editor: it takes no column. */
    if (index == file->first_line && has_bom(source, file))
        from = offset < file->begin + 3 ? offset : file->begin + 3;
    /* A column counts code points (and stray bytes of invalid UTF-8, each shown as one character). */
    for (uint32_t i = from; i < offset; i++)
        column += (uint32_t)zi_source_starts_column(source->text, from, i);
    *line = (uint32_t)(index - file->first_line) + 1;
    *col = column;
}

const char *zi_source_line(const struct zi_source *source, uint32_t line, size_t *len)
{
    if (line == 0 || line > source->n_lines) {
        *len = 0;
        return "";
    }
    uint32_t begin = source->line_starts[line - 1];
    const struct zi_source_file *file = zi_source_file_at(source, begin);
    if (line - 1 == file->first_line && has_bom(source, file))
        begin = file->begin + 3; /* not echoed: it would shift the caret by a column it does not take */
    size_t end = line < source->n_lines ? source->line_starts[line] - 1 : source->len;
    if (end > begin && source->text[end - 1] == '\r') end--;
    *len = end - begin;
    return source->text + begin;
}

const char *zi_source_line_at(const struct zi_source *source, uint32_t offset, size_t *len)
{
    return zi_source_line(source, zi_source_line_number(source, offset), len);
}

const char *zi_source_slice(const struct zi_source *source, struct zi_span span, size_t *len)
{
    uint32_t end = span.end > source->len ? (uint32_t)source->len : span.end;
    uint32_t begin = span.begin > end ? end : span.begin;
    *len = end - begin;
    return source->text + begin;
}
