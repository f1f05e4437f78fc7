/* csv.c — RFC 4180 records, parsed in place.
 *
 * The fast path is a line without a quote character, which is nearly every line a worksheet export has:
 * memchr finds the end of the line, one pass splits it at the separator, and the fields point into the
 * input buffer — no copy, no allocation per field. A line with a quote takes the careful path: find where
 * the record ends (a newline outside quotes; quoted fields may span lines), then unescape each quoted field
 * in place ("" becomes ", and the text only ever shrinks, so writing behind the reading position is safe).
 *
 * A malformed record never stops the reader: text after a closing quote is kept in the field and the record
 * flagged; an opening quote that is never closed would otherwise swallow the rest of the file (or the next
 * rows, up to the next quote), so when no closing quote comes within ZI_MAX_QUOTED bytes or before the end of
 * the file, or when a quoted field spanning lines "closes" with text right after it, the record ends at its
 * own line end instead, flagged, and reading goes on with the next line.
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_MAX_QUOTED ((size_t)1 << 20) /* a quoted cell longer than 1 MiB is not worksheet data */
/* Fields kept per record: 16 MiB of field pointers, ten times the widest worksheet anyone would make (the LKE
 * has 121 columns), where a 64 MiB line of bare separators would otherwise take a gigabyte. The rest of
 * such a record is dropped and the record flagged (docs/limits.md). */
#define ZI_MAX_FIELDS ((size_t)1 << 20)

void zi_csv_init(struct zi_csv *r, struct zi_input *in, char sep)
{
    memset(r, 0, sizeof *r);
    r->in = in;
    r->sep = sep;
    r->next_row = 1;
}

void zi_csv_free(struct zi_csv *r)
{
    free(r->f);
    r->f = NULL;
    r->capf = r->nf = 0;
}

static int grow_fields(struct zi_csv *r)
{
    size_t cap = r->capf ? r->capf * 2 : 64;
    struct zi_field *f = realloc(r->f, cap * sizeof *f);
    if (!f) return -1;
    r->f = f;
    r->capf = cap;
    return 0;
}

static inline int push(struct zi_csv *r, const char *p, size_t len)
{
    if (r->nf == ZI_MAX_FIELDS) {
        r->problem = "more than 1048576 fields";
        return 0;
    }
    if (r->nf == r->capf && grow_fields(r) != 0) return -1;
    r->f[r->nf].p = p;
    r->f[r->nf].len = len;
    r->nf++;
    return 0;
}

/* Bit 7 set in each byte of x that is zero, and nowhere else (no borrow between bytes, unlike the shorter
 * (x - 0x01…) & ~x test, whose false positives would split a field in two). */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
    return ~(((x & low7) + low7) | x | low7);
}

/* A line without quotes, eight bytes at a time: each word's separators as a bit mask, one field per bit. The
 * loads may run past `stop` into the rest of the buffer or its zeroed padding (ZI_INPUT_PAD); bytes there are
 * never taken for separators. */
static int split_plain(struct zi_csv *r, const char *p, const char *stop)
{
    const uint64_t seps = 0x0101010101010101ull * (unsigned char)r->sep;
    const char *field = p;
    for (const char *q = p; q < stop; q += 8) {
        uint64_t w;
        memcpy(&w, q, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        uint64_t hits = zero_bytes(w ^ seps);
        if ((size_t)(stop - q) < 8) hits &= (1ull << (8 * (size_t)(stop - q))) - 1;
        while (hits) {
            const char *s = q + __builtin_ctzll(hits) / 8;
            if (push(r, field, (size_t)(s - field)) != 0) return -1;
            field = s + 1;
            hits &= hits - 1;
        }
    }
    return push(r, field, (size_t)(stop - field));
}

static int split_quoted(struct zi_csv *r, char *p, char *stop)
{
    const char sep = r->sep;
    for (;;) {
        if (p < stop && *p == '"') {
            char *w = p, *s = p + 1;
            int closed = 0;
            while (s < stop) {
                if (*s == '"') {
                    if (s + 1 < stop && s[1] == '"') {
                        *w++ = '"';
                        s += 2;
                        continue;
                    }
                    closed = 1;
                    s++;
                    break;
                }
                *w++ = *s++;
            }
            if (!closed) r->problem = "a quoted field is not closed";
            if (s < stop && *s != sep) {
                r->problem = "text after the closing quote of a field";
                while (s < stop && *s != sep)
                    *w++ = *s++;
            }
            if (push(r, p, (size_t)(w - p)) != 0) return -1;
            if (s >= stop) return 0;
            p = s + 1;
        } else {
            char *s = p;
            while (s < stop && *s != sep)
                s++;
            if (push(r, p, (size_t)(s - p)) != 0) return -1;
            if (s >= stop) return 0;
            p = s + 1;
        }
    }
}

/* Where the record starting at `start` ends (its newline, or `end`), honouring quotes the way split_quoted
 * reads them: a quote opens a quoted field only at the start of a field. NULL when the data so far ends
 * inside the record; *open tells whether a quoted field is still open there, *stray whether some closing
 * quote was followed by text (which, in a record spanning lines, means the quote was never meant to close
 * there: an opening quote was left unclosed and the next line's quote was taken as its end). */
static char *record_end(char *start, char *end, char sep, int *open, int *stray)
{
    enum { FIELD_START, PLAIN, QUOTED, QUOTE_IN_QUOTED } st = FIELD_START;
    *stray = 0;
    for (char *q = start; q < end; q++) {
        char c = *q;
        if (st == QUOTED) {
            if (c == '"') st = QUOTE_IN_QUOTED;
            continue;
        }
        if (st == QUOTE_IN_QUOTED) {
            if (c == '"') { /* "" inside a quoted field */
                st = QUOTED;
                continue;
            }
            if (c != sep && c != '\n' && c != '\r') *stray = 1;
            st = PLAIN; /* the field is closed; c is read below like any text after it */
        }
        if (c == '\n') {
            *open = 0;
            return q;
        }
        if (c == sep)
            st = FIELD_START;
        else if (st == FIELD_START && c == '"')
            st = QUOTED;
        else
            st = PLAIN;
    }
    *open = st == QUOTED;
    return NULL;
}

/* Finds the next record, the way zi_csv_next and zi_csv_skip both read it: 1 with the record in
 * [*start, *stop) (its line end and a CR before it excluded), *quoted telling whether it has a quote (then
 * r->problem may already say it is malformed); 0 at the end of input; -1 when reading failed. */
static int find_record(struct zi_csv *r, char **start_out, char **stop_out, int *quoted)
{
    struct zi_input *in = r->in;
    for (;;) {
        char *start = in->buf + in->pos, *end = in->buf + in->len;
        char *nl = memchr(start, '\n', (size_t)(end - start));
        if (!nl && !in->eof) {
            if (zi_input_more(in) < 0) return -1;
            continue;
        }
        if (start == end) return 0;
        char *line_end = nl ? nl : end;
        r->nf = 0;
        r->problem = NULL;
        if (!memchr(start, '"', (size_t)(line_end - start))) {
            r->row = r->next_row++;
            in->pos = (size_t)((nl ? nl + 1 : end) - in->buf);
            char *stop = line_end;
            if (stop > start && stop[-1] == '\r') stop--;
            /* An empty line, or one of only separators (what a spreadsheet saves for an empty row): counted
             * as a row, not a record. A row of units stops at its first byte here. */
            const char *q = start;
            while (q < stop && (*q == r->sep || *q == ' ' || *q == '\t'))
                q++;
            if (q == stop) continue;
            *start_out = start;
            *stop_out = stop;
            *quoted = 0;
            return 1;
        }
        int open, stray;
        char *rec = record_end(start, end, r->sep, &open, &stray);
        if (!rec && !in->eof && (size_t)(end - start) <= ZI_MAX_QUOTED) {
            if (zi_input_more(in) < 0) return -1;
            continue;
        }
        if ((!rec && open) || (rec && stray && rec > line_end)) {
            rec = line_end; /* never closed: the record is its first line */
            r->problem = "a quoted field is not closed";
        } else if (!rec) {
            rec = end;
        }
        r->row = r->next_row++;
        in->pos = (size_t)(rec - in->buf) + (rec < end);
        char *stop = rec;
        if (stop > start && stop[-1] == '\r') stop--;
        *start_out = start;
        *stop_out = stop;
        *quoted = 1;
        return 1;
    }
}

/* The fields of the record [start, stop) that find_record found (or a span replays), keeping the problem
 * it saw. */
static int split_record(struct zi_csv *r, char *start, char *stop, int quoted)
{
    if (!quoted) return split_plain(r, start, stop) == 0 ? 1 : -1;
    const char *problem = r->problem;
    if (split_quoted(r, start, stop) != 0) return -1;
    if (problem) r->problem = problem;
    return 1;
}

int zi_csv_next(struct zi_csv *r)
{
    char *start, *stop;
    int quoted;
    if (r->spans) {
        if (r->next_span == r->n_spans) return 0;
        const struct zi_csv_span *sp = &r->spans[r->next_span++];
        r->nf = 0;
        r->problem = sp->problem;
        r->row = sp->row;
        r->next_row = sp->row + 1;
        start = r->base + sp->off;
        return split_record(r, start, start + sp->len, sp->quoted);
    }
    int got = find_record(r, &start, &stop, &quoted);
    return got == 1 ? split_record(r, start, stop, quoted) : got;
}

int zi_csv_skip(struct zi_csv *r, struct zi_csv_span *span, const char **start)
{
    char *p, *stop;
    int quoted;
    int got = find_record(r, &p, &stop, &quoted);
    if (got != 1) return got;
    *start = p;
    span->len = (size_t)(stop - p);
    span->row = r->row;
    span->problem = r->problem;
    span->quoted = quoted;
    return 1;
}

char zi_csv_guess_separator(const char *line, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    int inq = 0;
    for (size_t i = 0; i < len && line[i] != '\n'; i++) {
        char c = line[i];
        if (c == '"')
            inq = !inq;
        else if (!inq)
            comma += c == ',', semi += c == ';', tab += c == '\t';
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}
