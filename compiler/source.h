/* source.h — the .zi text of a compilation held in memory, with the line map diagnostics need to print a
 * source line and a caret, and columns counted in code points so carets line up under Indonesian text.
 *
 * A compilation reads one file, or a chain of them when a criteria `extends` another: the text is then every
 * file of the chain one after the other (the compiled file first, then its base, and so on; a '\n' between
 * two), each file a region of it. Spans stay offsets into that one text, so a tree merged from several files
 * still points at the right place; positions are counted within the file that holds the offset. */
#ifndef ZI_SOURCE_H
#define ZI_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* A half-open byte range [begin, end) of the source text. Every AST node and token carries one. */
struct zi_span {
    uint32_t begin, end;
};

/* One file of a chain: its region [begin, end) of the text. */
struct zi_source_file {
    const char
        *name; /* as given on the command line, or the base's path joined to its file's folder; owned */
    uint32_t begin, end; /* its bytes in the text */
    uint32_t first_line; /* index in line_starts of its first line */
    char sha256[65];     /* of its bytes, lowercase hex: the provenance a module lists */
};

/* Files in one chain: a base of a base … (docs/language.md, `extends`); a longer chain is E055. */
#define ZI_SOURCE_MAX_FILES 16

struct zi_source {
    const char *name; /* the compiled file's name (files[0].name) */
    char *text;       /* owned; NUL-terminated, but may contain NUL bytes before `len` */
    size_t len;
    uint32_t *line_starts; /* owned; byte offset of each line's first byte */
    size_t n_lines;
    struct zi_source_file files[ZI_SOURCE_MAX_FILES]; /* the chain, compiled file first */
    size_t n_files;
};

/* Sources larger than this are refused before scanning (docs/language.md, limits): 64 MiB is two orders of
 * magnitude above the full LKE and keeps every offset in 32 bits. */
#define ZI_SOURCE_MAX_BYTES (64u * 1024u * 1024u)

/* Reads a file ("-" for standard input) into `source`. Returns 0, or -1 with a message in `err`. */
int zi_source_read(struct zi_source *source, const char *name, char *err, size_t errlen);

/* Reads the file `name` and appends it to `source` as the next file of its chain (after a '\n'); the text
 * moves, so pointers into it are stale, while offsets stay valid. Returns 0, or -1 with a message in `err`
 * (the file cannot be read, the chain would exceed ZI_SOURCE_MAX_FILES files or the size limit). */
int zi_source_append(struct zi_source *source, const char *name, char *err, size_t errlen);

/* Builds a source from memory (tests, fuzzing); copies `text`. Returns 0, or -1 when too large. */
int zi_source_from_memory(struct zi_source *source, const char *name, const char *text, size_t len);

/* How a file that is not UTF-8 was plainly saved: as UTF-16 (Notepad's "Unicode"), or as Windows-1252
 * ("ANSI": bytes that are no UTF-8 and no valid multi-byte sequence anywhere, every such byte a Windows-1252
 * character). */
enum zi_source_encoding { ZI_ENCODING_UTF8, ZI_ENCODING_UTF16, ZI_ENCODING_CP1252 };

/* Guesses the encoding of the file `file` of `source`; for Windows-1252, `*first` gets the offset of the
 * first byte that is not UTF-8. A file that is neither plainly (a few bad bytes among UTF-8 text) is
 * ZI_ENCODING_UTF8: the scanner reports each bad byte (E003). */
enum zi_source_encoding zi_source_guess_encoding(const struct zi_source *source, size_t file,
                                                 uint32_t *first);

/* The file holding byte offset `offset` (the last file for an offset past the end). Never NULL; it points
 * into `source`, valid until the source is freed. */
const struct zi_source_file *zi_source_file_at(const struct zi_source *source, uint32_t offset);

/* Releases what the source owns. */
void zi_source_free(struct zi_source *source);

/* 1-based line of byte offset `offset` in the whole text: a binary search, for telling whether two offsets
 * are on one line (zi_source_position gives the line a reader sees, within the file). */
uint32_t zi_source_line_number(const struct zi_source *source, uint32_t offset);

/* 1-based line and code-point column of byte offset `offset`, within the file that holds it. */
void zi_source_position(const struct zi_source *source, uint32_t offset, uint32_t *line, uint32_t *col);

/* Does the byte at text[offset] begin a new column? A character's first byte does; so does a byte of invalid
 * UTF-8 (a terminal shows it as a replacement character). Looks back at most 3 bytes, never before `begin`.
 */
int zi_source_starts_column(const char *text, size_t begin, size_t offset);

/* The text of 1-based line `line` of the whole text without its line end; `*len` gets its length in bytes. */
const char *zi_source_line(const struct zi_source *source, uint32_t line, size_t *len);

/* The text of the line holding byte offset `offset`, as zi_source_line gives it. */
const char *zi_source_line_at(const struct zi_source *source, uint32_t offset, size_t *len);

/* The source text of a span (not NUL-terminated); `*len` gets its length. */
const char *zi_source_slice(const struct zi_source *source, struct zi_span span, size_t *len);

#endif
