/* cp1252.c — unit ids saved by Excel in Windows-1252 instead of UTF-8.
 *
 * Excel on Windows saves "CSV (Comma delimited)" in the machine's code page, Windows-1252 in Indonesia, so
 * a unit named "Café" reaches zirun as the byte 0xE9, which no UTF-8 reader can show ("Caf\xe9", or "Caf�"
 * in a browser). A valid UTF-8 text of more than a few bytes is almost never also valid Windows-1252 with
 * letters above 0x7F, and the reverse holds too, so an id that is not UTF-8 is read as Windows-1252 — every
 * byte is a character there — and the run says so once per file (source.c). Ids only: cells are compared
 * with the criteria's labels, which are ASCII, and a cell that is not one is an error quoting its bytes.
 */
#include "zirt.h"

/* U+0080–U+009F as Windows-1252 has them; 0 for the five bytes it leaves undefined (read as U+FFFD). */
static const uint16_t c1[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int zi_utf8_valid(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || (size_t)(end - p) < n) return 0;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80) return 0;
        /* Overlong three- and four-byte forms, surrogates, and code points above U+10FFFF. */
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) || (c == 0xF0 && p[1] < 0x90) ||
            (c == 0xF4 && p[1] >= 0x90))
            return 0;
        p += n;
    }
    return 1;
}

void zi_cp1252_to_utf8(const char *text, size_t len, struct zi_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)text[i];
        if (c < 0x80) {
            zi_buf_putc(out, (char)c);
            continue;
        }
        unsigned u = c >= 0xA0 ? c : c1[c - 0x80] ? c1[c - 0x80] : 0xFFFD;
        char t[3];
        if (u < 0x800) {
            t[0] = (char)(0xC0 | u >> 6);
            t[1] = (char)(0x80 | (u & 0x3F));
            zi_buf_append(out, t, 2);
        } else {
            t[0] = (char)(0xE0 | u >> 12);
            t[1] = (char)(0x80 | ((u >> 6) & 0x3F));
            t[2] = (char)(0x80 | (u & 0x3F));
            zi_buf_append(out, t, 3);
        }
    }
}
