/* chars.c — names and replacements for the characters that reach criteria by copy and paste. The table
 * holds the ones seen in worksheets pasted from Word and Excel; any other character is named by its code
 * point alone ("U+2603"). */
#include "chars.h"

#include <string.h>

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

int zi_cp1252_char(unsigned char b, char out[4])
{
    uint32_t cp = zi_cp1252_code_point(b);
    if (b < 0x80 || !cp) return 0;
    memset(out, 0, 4);
    zi_utf8_encode_bmp(cp, out);
    return 1;
}
