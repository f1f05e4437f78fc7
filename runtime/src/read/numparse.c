/* numparse.c — decimals as people type them into a worksheet.
 *
 * docs/language.md §8: a decimal point or a decimal comma (3.41, 3,41); when both appear the last one is
 * the decimal separator and the other groups thousands (1.234,5 and 1,234.5); one kind of separator
 * appearing more than once can only be grouping (1.234.567). Grouping must look like grouping — a first
 * group of one to three digits, then groups of exactly three — so a typo such as 12.34.56 is an error rather
 * than a silently different number. A leading sign, spaces around, an exponent (Excel writes 1,2E+15), and a
 * trailing % (with or without a space before it) are accepted.
 *
 * The value is the correctly rounded double of the exact decimal: up to 19 significant digits are kept as
 * an integer, and mantissa ÷ 10^k or × 10^k with k <= 22 is a single correctly rounded IEEE operation when
 * the mantissa is below 2^53 (both operands exact). Everything else goes through strtod on a normalised
 * copy. Doing it this way, rather than strtod first, makes "87,3 %" the same double as the literal 0.873,
 * not 87.3 / 100 rounded twice.
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_MAX_SIG 19   /* significant digits that fit a uint64 */
#define ZI_MAX_TEXT 400 /* longer text is not a number anyone typed */

static const double pow10d[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether the separators `group` in [p, q) split digits into 1–3, then 3, 3, … */
static int grouping_ok(const char *p, const char *q, char group)
{
    size_t run = 0, groups = 0;
    for (; p < q; p++) {
        if (*p == group) {
            if (run == 0 || run > 3 || (groups > 0 && run != 3)) return 0;
            groups++;
            run = 0;
        } else {
            run++;
        }
    }
    return groups == 0 || run == 3;
}

int zi_number_scan(const char *p, size_t len, struct zi_number *n)
{
    memset(n, 0, sizeof *n);
    n->exact = 1;
    zi_trim(&p, &len);
    if (len == 0 || len > ZI_MAX_TEXT) return -1;
    if (p[len - 1] == '%') {
        n->percent = 1;
        len--;
        while (len && is_space(p[len - 1]))
            len--;
    }
    const char *s = p, *end = p + len;
    if (s < end && (*s == '+' || *s == '-')) {
        n->negative = *s == '-';
        s++;
    }
    /* The body: digits and separators. */
    const char *body = s;
    size_t dots = 0, commas = 0, digits = 0;
    const char *last_sep = NULL;
    for (; s < end; s++) {
        if (is_digit(*s)) {
            digits++;
        } else if (*s == '.' || *s == ',') {
            dots += *s == '.';
            commas += *s == ',';
            last_sep = s;
        } else {
            break;
        }
    }
    const char *body_end = s;
    if (digits == 0) return -1;
    int exp10 = 0;
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        int eneg = 0;
        if (s < end && (*s == '+' || *s == '-')) eneg = *s++ == '-';
        if (s == end || !is_digit(*s)) return -1;
        long ev = 0;
        for (; s < end && is_digit(*s); s++)
            if (ev < 100000) ev = ev * 10 + (*s - '0');
        exp10 = (int)(eneg ? -ev : ev);
    }
    if (s != end) return -1;

    char decimal = 0, group = 0;
    if (dots && commas) {
        decimal = *last_sep;
        group = decimal == '.' ? ',' : '.';
        if ((decimal == '.' ? dots : commas) != 1) return -1;
    } else if (dots + commas == 1) {
        decimal = *last_sep;
    } else if (dots + commas > 1) {
        group = dots ? '.' : ',';
    }
    n->thousands = dots + commas == 1 && body_end == end && last_sep - body >= 1 && last_sep - body <= 3 &&
                   body_end - last_sep == 4;
    const char *int_end = decimal ? last_sep : body_end;
    if (group && !grouping_ok(body, int_end, group)) return -1;

    /* Significant digits: the first ZI_MAX_SIG exactly, later ones only move the exponent (zeros) or make
     * the value inexact (anything else). */
    uint64_t m = 0;
    int sig = 0, frac = 0, started = 0, dropped_nonzero = 0, dropped = 0;
    char kept[ZI_MAX_TEXT + 1];
    size_t nkept = 0;
    for (const char *q = body; q < body_end; q++) {
        if (*q == group) continue;
        if (*q == decimal) {
            frac = 1;
            continue;
        }
        int dg = *q - '0';
        if (frac) exp10--;
        if (!started && dg == 0) continue;
        started = 1;
        kept[nkept++] = *q;
        if (sig < ZI_MAX_SIG) {
            m = m * 10 + (uint64_t)dg;
            sig++;
        } else {
            dropped++;
            dropped_nonzero |= dg != 0;
        }
    }
    if (dropped_nonzero) {
        /* A normalised copy for strtod: all significant digits and the exponent of the last one. */
        char text[ZI_MAX_TEXT + 16];
        memcpy(text, kept, nkept);
        snprintf(text + nkept, sizeof text - nkept, "e%d", exp10);
        n->exact = 0;
        n->approx = strtod(text, NULL);
    }
    n->mantissa = m;
    n->exp10 = exp10 + dropped;
    return 0;
}

double zi_number_value(const struct zi_number *n, int shift)
{
    double v;
    if (!n->exact) {
        v = n->approx;
        if (shift < 0 && shift >= -22)
            v /= pow10d[-shift];
        else if (shift > 0 && shift <= 22)
            v *= pow10d[shift];
    } else {
        long e = (long)n->exp10 + shift;
        uint64_t m = n->mantissa;
        if (m == 0) {
            v = 0;
        } else if (m <= (1ull << 53) && e >= -22 && e <= 22) {
            v = e >= 0 ? (double)m * pow10d[e] : (double)m / pow10d[-e];
        } else {
            char text[48];
            snprintf(text, sizeof text, "%llue%ld", (unsigned long long)m, e);
            v = strtod(text, NULL);
        }
    }
    return n->negative ? -v : v;
}
