/* encoding.c — UTF-8 validity and the Windows-1252 table, once for the compiler and the runtime
 * (zi/encoding.h). */
#include "zi/encoding.h"

size_t zi_utf8_valid_length(const char *text, size_t i, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t n = t[i] >= 0xC2 && t[i] <= 0xDF   ? 2
               : t[i] >= 0xE0 && t[i] <= 0xEF ? 3
               : t[i] >= 0xF0 && t[i] <= 0xF4 ? 4
                                              : 0;
    if (!n || i + n > len) return 0;
    for (size_t k = 1; k < n; k++)
        if ((t[i + k] & 0xC0) != 0x80) return 0;
    /* Overlong three- and four-byte forms, surrogates, and code points above U+10FFFF. */
    if ((t[i] == 0xE0 && t[i + 1] < 0xA0) || (t[i] == 0xED && t[i + 1] > 0x9F) ||
        (t[i] == 0xF0 && t[i + 1] < 0x90) || (t[i] == 0xF4 && t[i + 1] > 0x8F))
        return 0;
    return n;
}

int zi_utf8_valid(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        if ((unsigned char)text[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = zi_utf8_valid_length(text, i, len);
        if (!n) return 0;
        i += n;
    }
    return 1;
}

/* Windows-1252 0x80–0x9F; 0xA0–0xFF are Latin-1, the same code points as the bytes. 0 marks the undefined. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

uint32_t zi_cp1252_code_point(unsigned char b)
{
    return b >= 0x80 && b < 0xA0 ? cp1252_high[b - 0x80] : b;
}

size_t zi_utf8_encode_bmp(uint32_t cp, char out[3])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}
