/* source.h — a .zi file held in memory, with the line map diagnostics need to print a source line and a
 * caret, and columns counted in code points so carets line up under Indonesian text. */
#ifndef ZI_SOURCE_H
#define ZI_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* A half-open byte range [begin, end) of the source text. Every AST node and token carries one. */
struct zi_span {
    uint32_t begin, end;
};

struct zi_source {
    const char *name; /* as given on the command line; borrowed */
    char *text;       /* owned; NUL-terminated, but may contain NUL bytes before `len` */
    size_t len;
    uint32_t *line_starts; /* owned; byte offset of each line's first byte */
    size_t n_lines;
};

/* Sources larger than this are refused before scanning (docs/language.md, limits): 64 MiB is two orders of
 * magnitude above the full LKE and keeps every offset in 32 bits. */
#define ZI_SOURCE_MAX_BYTES (64u * 1024u * 1024u)

/* Reads a file ("-" for standard input) into `source`. Returns 0, or -1 with a message in `err`. */
int zi_source_read(struct zi_source *source, const char *name, char *err, size_t errlen);

/* Builds a source from memory (tests, fuzzing); copies `text`. Returns 0, or -1 when too large. */
int zi_source_from_memory(struct zi_source *source, const char *name, const char *text, size_t len);

/* How a file that is not UTF-8 was plainly saved: as UTF-16 (Notepad's "Unicode"), or as Windows-1252
 * ("ANSI": bytes that are no UTF-8 and no valid multi-byte sequence anywhere, every such byte a Windows-1252
 * character). */
enum zi_source_encoding { ZI_ENCODING_UTF8, ZI_ENCODING_UTF16, ZI_ENCODING_CP1252 };

/* Guesses the encoding of `source`; for Windows-1252, `*first` gets the offset of the first byte that is not
 * UTF-8. A file that is neither plainly (a few bad bytes among UTF-8 text) is ZI_ENCODING_UTF8: the scanner
 * reports each bad byte (E003). */
enum zi_source_encoding zi_source_guess_encoding(const struct zi_source *source, uint32_t *first);

/* Releases what the source owns. */
void zi_source_free(struct zi_source *source);

/* 1-based line of byte offset `offset`: a binary search, where zi_source_position also counts the column. */
uint32_t zi_source_line_number(const struct zi_source *source, uint32_t offset);

/* 1-based line and code-point column of byte offset `offset`. */
void zi_source_position(const struct zi_source *source, uint32_t offset, uint32_t *line, uint32_t *col);

/* Does the byte at text[offset] begin a new column? A character's first byte does; so does a byte of invalid
 * UTF-8 (a terminal shows it as a replacement character). Looks back at most 3 bytes, never before `begin`.
 */
int zi_source_starts_column(const char *text, size_t begin, size_t offset);

/* The text of 1-based line `line` without its line end; `*len` gets its length in bytes. */
const char *zi_source_line(const struct zi_source *source, uint32_t line, size_t *len);

/* The source text of a span (not NUL-terminated); `*len` gets its length. */
const char *zi_source_slice(const struct zi_source *source, struct zi_span span, size_t *len);

#endif
