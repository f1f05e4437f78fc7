/* buf.c — growable bytes with a sticky failure flag.
 *
 * Messages, ids and keys are built with many small appends; checking each for out-of-memory would bury the
 * logic, so a failed allocation marks the buf and later appends do nothing. Whoever owns the buf checks
 * `failed` at a convenient point (after a batch) and gives up cleanly.
 */
#include <stdlib.h>

#include "zirt.h"

void zi_buf_init(struct zi_buf *b)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void zi_buf_free(struct zi_buf *b)
{
    free(b->p);
    zi_buf_init(b);
}

int zi_buf_reserve(struct zi_buf *b, size_t extra)
{
    if (b->failed) return -1;
    /* +1 keeps room for the terminating NUL every append maintains. */
    if (extra < SIZE_MAX / 2 && b->len + extra + 1 <= b->cap) return 0;
    if (extra >= SIZE_MAX / 4 || b->len >= SIZE_MAX / 4) {
        b->failed = 1;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void zi_buf_append(struct zi_buf *b, const void *p, size_t n)
{
    if (zi_buf_reserve(b, n) != 0) return;
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void zi_buf_puts(struct zi_buf *b, const char *s)
{
    zi_buf_append(b, s, strlen(s));
}

void zi_buf_putc(struct zi_buf *b, char c)
{
    zi_buf_append(b, &c, 1);
}

void zi_buf_vprintf(struct zi_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return;
    }
    if ((size_t)n < sizeof small) {
        zi_buf_append(b, small, (size_t)n);
    } else if (zi_buf_reserve(b, (size_t)n) == 0) {
        vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void zi_buf_printf(struct zi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    zi_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void zi_buf_put_printable(struct zi_buf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c == 0x7f)
            zi_buf_printf(b, "\\x%02x", c);
        else
            zi_buf_putc(b, (char)c);
    }
}
