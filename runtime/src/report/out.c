/* out.c — buffered report output.
 *
 * Reports append small pieces (a separator, a number, an id) millions of times; going through stdio for each
 * costs a lock and a call, so pieces are copied into one 256 KiB buffer that is written with fwrite when
 * full. A failed write (a full disk, a closed pipe) is remembered with its errno, and later writes are
 * skipped: zi_run stops at the end of the batch in which it happened.
 */
#define _GNU_SOURCE /* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>

#include "zirt.h"

#define ZI_OUT_BUF ((size_t)256 << 10)
#define ZI_OUT_WRITEBACK ((uint64_t)8 << 20)

int zi_out_init(struct zi_out *o, FILE *f)
{
    o->f = f;
    o->len = 0;
    o->cap = ZI_OUT_BUF;
    o->failed = 0;
    o->written = o->to_disk = 0;
    o->p = malloc(o->cap);
    return o->p ? 0 : -1;
}

/* A report file is forced to the disk before it replaces its target (outfile.c), and a million units' report
 * is half a gigabyte: left to the end, that fsync waited 0.15-0.25 s with every core idle, as long as all
 * the scoring on two threads. So every ZI_OUT_WRITEBACK bytes the disk is asked to start on what was written
 * (sync_file_range without waiting), and the final fsync finds most of it done. Only advice: a pipe or a
 * terminal refuses it, and any error of the data's writing is the fsync's to report. */
static void start_writeback(struct zi_out *o)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (o->written - o->to_disk < ZI_OUT_WRITEBACK || fflush(o->f) != 0) return;
    /* The whole file (offset 0, length 0: to its end), which also suits a stream that did not start at
     * offset 0; pages already on their way are skipped. */
    (void)sync_file_range(fileno(o->f), 0, 0, SYNC_FILE_RANGE_WRITE);
    o->to_disk = o->written;
#else
    (void)o;
#endif
}

/* Writes [p, p+n) to the stream unless a write failed before, remembering why when this one fails. */
static void put(struct zi_out *o, const char *p, size_t n)
{
    if (!n || o->failed) return;
    errno = 0;
    if (fwrite(p, 1, n, o->f) != n) {
        o->failed = errno ? errno : EIO;
        return;
    }
    o->written += n;
    start_writeback(o);
}

int zi_out_flush(struct zi_out *o)
{
    if (!o->f) return o->failed ? -1 : 0; /* kept in memory: the caller takes the bytes */
    put(o, o->p, o->len);
    o->len = 0;
    errno = 0;
    if (!o->failed && fflush(o->f) != 0) o->failed = errno ? errno : EIO;
    return o->failed ? -1 : 0;
}

void zi_out_free(struct zi_out *o)
{
    free(o->p);
    o->p = NULL;
    o->len = o->cap = 0;
}

/* A buffer with no stream (zi_out_init with f NULL) keeps everything: room for n more bytes, or ENOMEM. */
static int grow(struct zi_out *o, size_t n)
{
    if (o->cap - o->len >= n) return 0;
    size_t cap = o->cap * 2 > o->len + n ? o->cap * 2 : o->len + n;
    char *p = o->failed ? NULL : realloc(o->p, cap);
    if (!p) {
        o->failed = ENOMEM;
        return -1;
    }
    o->p = p;
    o->cap = cap;
    return 0;
}

void zi_out_slow(struct zi_out *o, const void *p, size_t n)
{
    if (!o->f) {
        if (grow(o, n) == 0) {
            memcpy(o->p + o->len, p, n);
            o->len += n;
        }
        return;
    }
    const char *s = p;
    while (n) {
        if (o->len == o->cap) {
            put(o, o->p, o->len);
            o->len = 0;
        }
        size_t k = o->cap - o->len < n ? o->cap - o->len : n;
        memcpy(o->p + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
    }
}

void zi_out_double(struct zi_out *o, double x)
{
    if (x - x != 0) /* NaN or infinity: no CSV or JSON number says it; callers print an empty cell or null */
        return;
    char t[ZI_FMT_MAX];
    zi_out_bytes(o, t, zi_fmt_shortest(x, t));
}

/* Bits of a NaN: never a key, since NaN is never printed as a number. */
#define ZI_NUMCACHE_EMPTY 0x7ff8000000dead00ull

struct zi_numcache *zi_numcache_new(void)
{
    struct zi_numcache *c = malloc(sizeof *c);
    if (c)
        for (size_t i = 0; i < (1u << ZI_NUMCACHE_BITS); i++)
            c->slot[i].bits = ZI_NUMCACHE_EMPTY;
    return c;
}

size_t zi_numcache_write(struct zi_numcache *c, double x, char *dst)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    struct zi_numcache_slot *s = zi_numcache_slot(c, x);
    if (s->bits == bits) {
        /* The text and the length byte after it, a constant size the compiler copies in a move or two; dst
         * has room (see zirt.h), and what lies past the length is never counted. */
        memcpy(dst, s->text, sizeof s->text + 1);
        return s->len;
    }
    if (x - x != 0) return 0;
    size_t n = zi_fmt_shortest(x, dst);
    if (n <= sizeof s->text) {
        s->bits = bits;
        s->len = (uint8_t)n;
        memcpy(s->text, dst, n);
    }
    return n;
}

void zi_out_double_cached(struct zi_out *o, struct zi_numcache *c, double x)
{
    char t[ZI_FMT_MAX];
    zi_out_bytes(o, t, zi_numcache_write(c, x, t));
}

char *zi_out_reserve(struct zi_out *o, size_t n)
{
    if (!o->f) return grow(o, n) == 0 ? o->p + o->len : NULL;
    if (o->cap - o->len < n) {
        put(o, o->p, o->len);
        o->len = 0;
        if (o->cap < n) {
            char *bigger = realloc(o->p, n);
            if (!bigger) return NULL;
            o->p = bigger;
            o->cap = n;
        }
    }
    return o->p + o->len;
}

void zi_out_u64(struct zi_out *o, uint64_t v)
{
    char t[ZI_FMT_MAX];
    zi_out_bytes(o, t, zi_fmt_u64(v, t));
}

void zi_out_spaces(struct zi_out *o, size_t n)
{
    static const char sp[] = "                                ";
    while (n) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        zi_out_bytes(o, sp, k);
        n -= k;
    }
}

/* Length of the valid UTF-8 sequence at p (1–4), or 0 when the bytes there are not one. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void zi_out_json_string(struct zi_out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    zi_out_char(o, '"');
    size_t run = 0; /* bytes copied as they are, written in one piece */
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = c >= 0x20 && c != '"' && c != '\\' ? utf8_len(p + i, n - i) : 0;
        if (len) {
            run += len;
            i += len;
            continue;
        }
        zi_out_bytes(o, p + i - run, run);
        run = 0;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            zi_out_bytes(o, e, 2);
        } else if (c == '\n') {
            zi_out_bytes(o, "\\n", 2);
        } else if (c == '\t') {
            zi_out_bytes(o, "\\t", 2);
        } else if (c == '\r') {
            zi_out_bytes(o, "\\r", 2);
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            zi_out_bytes(o, e, 6);
        } else {
            zi_out_bytes(o, "\xEF\xBF\xBD", 3); /* U+FFFD for a byte that is not UTF-8 */
        }
        i++;
    }
    zi_out_bytes(o, p + n - run, run);
    zi_out_char(o, '"');
}

/* '#' is quoted too: a reader that drops the report's last line as a comment (pandas' comment='#') would
 * drop a row whose id starts with one, or cut a field at one, outside quotes. */
void zi_out_csv_field(struct zi_out *o, const char *p, size_t n)
{
    int quote = n > 0 && (p[0] == ' ' || p[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r' || p[i] == ';' || p[i] == '#';
    if (!quote) {
        zi_out_bytes(o, p, n);
        return;
    }
    zi_out_char(o, '"');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"') {
            zi_out_bytes(o, p + start, i + 1 - start);
            zi_out_char(o, '"');
            start = i + 1;
        }
    }
    zi_out_bytes(o, p + start, n - start);
    zi_out_char(o, '"');
}

size_t zi_utf8_width(const char *p, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)p[i] & 0xC0) != 0x80;
    return w;
}
