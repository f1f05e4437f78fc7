/* chars.c — names and replacements for the characters that reach criteria by copy and paste. The table
 * holds the ones seen in worksheets pasted from Word and Excel; any other character is named by its code
 * point alone ("U+2603"). */
#include "chars.h"

#include <string.h>

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
    if ((t[i] == 0xE0 && t[i + 1] < 0xA0) || (t[i] == 0xED && t[i + 1] > 0x9F) ||
        (t[i] == 0xF0 && t[i + 1] < 0x90) || (t[i] == 0xF4 && t[i + 1] > 0x8F))
        return 0;
    return n;
}

uint32_t zi_utf8_decode(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len == 2) return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    if (len == 3) return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    if (len == 4)
        return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 |
               (s[3] & 0x3F);
    return s[0];
}

static const struct {
    uint32_t cp;
    struct zi_char_info info;
} known[] = {
    {0x0009, {"CHARACTER TABULATION", " ", 1}},
    {0x00A0, {"NO-BREAK SPACE", " ", 1}},
    {0x00AD, {"SOFT HYPHEN", "", 0}},
    {0x00D7, {"MULTIPLICATION SIGN", "*", 0}},
    {0x00F7, {"DIVISION SIGN", "/", 0}},
    {0x2002, {"EN SPACE", " ", 1}},
    {0x2003, {"EM SPACE", " ", 1}},
    {0x2007, {"FIGURE SPACE", " ", 1}},
    {0x2009, {"THIN SPACE", " ", 1}},
    {0x200B, {"ZERO WIDTH SPACE", "", 1}},
    {0x200C, {"ZERO WIDTH NON-JOINER", "", 1}},
    {0x200D, {"ZERO WIDTH JOINER", "", 1}},
    {0x2013, {"EN DASH", "-", 0}},
    {0x2014, {"EM DASH", "-", 0}},
    {0x2018, {"LEFT SINGLE QUOTATION MARK", NULL, 0}},
    {0x2019, {"RIGHT SINGLE QUOTATION MARK", NULL, 0}},
    {0x201C, {"LEFT DOUBLE QUOTATION MARK", "\"", 0}},
    {0x201D, {"RIGHT DOUBLE QUOTATION MARK", "\"", 0}},
    {0x2026, {"HORIZONTAL ELLIPSIS", NULL, 0}},
    {0x202F, {"NARROW NO-BREAK SPACE", " ", 1}},
    {0x2060, {"WORD JOINER", "", 1}},
    {0x2212, {"MINUS SIGN", "-", 0}},
    {0x2260, {"NOT EQUAL TO", "!=", 0}},
    {0x2264, {"LESS-THAN OR EQUAL TO", "<=", 0}},
    {0x2265, {"GREATER-THAN OR EQUAL TO", ">=", 0}},
    {0x3000, {"IDEOGRAPHIC SPACE", " ", 1}},
    {0xFEFF, {"ZERO WIDTH NO-BREAK SPACE", "", 1}},
};

struct zi_char_info zi_char_info(uint32_t cp)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].cp == cp) return known[i].info;
    struct zi_char_info none = {NULL, NULL, 0};
    return none;
}

/* Windows-1252 0x80–0x9F; 0xA0–0xFF are Latin-1, the same code points as the bytes. 0 marks the undefined. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

int zi_cp1252_char(unsigned char b, char out[4])
{
    uint32_t cp = b < 0xA0 ? cp1252_high[b - 0x80] : b;
    if (b < 0x80 || !cp) return 0;
    memset(out, 0, 4);
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
    }
    return 1;
}
