/* numfmt.c — numbers to text, exactly and fast.
 *
 * Reports print every score as the shortest decimal that reads back as the same double, so a result
 * written to CSV or JSON and read again is bit for bit the one the module computed. printf cannot do that
 * in one call ("%.17g" prints 0.1 as 0.10000000000000001), and trying "%.15g", "%.16g", "%.17g" with a
 * strtod after each costs about a microsecond a number — a million units with fifty scores each would
 * spend nearly a minute there. So the common case (1e-11 <= |x| < 2^53) is done here with integer
 * arithmetic on the exact binary value:
 *
 *   x = m · 2^e (m < 2^53). For n = 15, 16, 17 significant digits, with k = n − 1 − floor(log10 x),
 *   D = round_half_even(x · 10^k) = round(m · 5^k · 2^(e+k)) is computed exactly in 128 bits (5^k < 2^63
 *   for k <= 27), and D · 10^−k reads back as x exactly when |D − x·10^k| is below half a unit in the last
 *   place of x scaled the same way, which is again an exact integer comparison. The first n that reads back
 *   wins; 17 always does. Fifteen digits never have two candidates inside one double's rounding interval
 *   (their spacing is wider than any double's), so a 15-digit answer with its trailing zeros dropped is the
 *   shortest there is.
 *
 * Before that, two cheaper paths take what most scores are: integers, and short decimals (at most eight
 * decimals, from 1e-4 to 1e7), whose digits come from x · 10^8 directly. Values outside the range of the
 * exact path (tiny noise, huge numbers, subnormals) take the printf-and-check path.
 */
#include <math.h>
#include <stdlib.h>

#include "zirt.h"

__extension__ typedef unsigned __int128 zi_u128; /* GCC and Clang; the exact products need 120 bits */

#define ZI_MAX_K 27 /* 5^27 < 2^63: the largest power of 5 that fits the 64-bit table */

static const uint64_t pow5[ZI_MAX_K + 1] = {
    1ull,
    5ull,
    25ull,
    125ull,
    625ull,
    3125ull,
    15625ull,
    78125ull,
    390625ull,
    1953125ull,
    9765625ull,
    48828125ull,
    244140625ull,
    1220703125ull,
    6103515625ull,
    30517578125ull,
    152587890625ull,
    762939453125ull,
    3814697265625ull,
    19073486328125ull,
    95367431640625ull,
    476837158203125ull,
    2384185791015625ull,
    11920928955078125ull,
    59604644775390625ull,
    298023223876953125ull,
    1490116119384765625ull,
    7450580596923828125ull,
};

static const uint64_t pow10u[20] = {
    1ull,
    10ull,
    100ull,
    1000ull,
    10000ull,
    100000ull,
    1000000ull,
    10000000ull,
    100000000ull,
    1000000000ull,
    10000000000ull,
    100000000000ull,
    1000000000000ull,
    10000000000000ull,
    100000000000000ull,
    1000000000000000ull,
    10000000000000000ull,
    100000000000000000ull,
    1000000000000000000ull,
    10000000000000000000ull,
};

/* D = round_half_even(m · 2^e · 10^k) into *d (0 when out of the exact range handled here); returns whether
 * D · 10^−k reads back as m · 2^e. Both come from one 128-bit product P = m · 5^k, since
 * x · 10^k = P / 2^s with s = −(e + k): D is P shifted with rounding, and D reads back when it lies within
 * half a unit in the last place of x, i.e. 2 · |D · 2^s − P| < 5^k — and |D · 2^s − P| is the remainder of
 * that same shift (or its complement when rounding went up). At m = 2^52 the double below x is nearer (its
 * exponent is one less), so below x the interval is half as wide: 4 · |…| < 5^k. A tie reads back when m is
 * even (strtod rounds half to even). *floor_d is x · 10^k rounded down, to tell a carry from a longer x.
 * Returns -1 (and D = 0) when the numbers do not fit the 128 bits this works in. */
static int candidate(uint64_t m, int e, int k, uint64_t *d, uint64_t *floor_d)
{
    *d = *floor_d = 0;
    if (k < 0) { /* 1e16 <= x < 1e17: an integer below 2^57, so x · 10^k is a plain integer division */
        if (k < -2 || e < 0 || e > 8) return -1;
        uint64_t x = m << e, div = pow10u[-k];
        uint64_t q = x / div, r = x % div;
        int up = 2 * r > div || (2 * r == div && (q & 1));
        uint64_t diff = up ? div - r : r;
        *floor_d = q;
        *d = q + (uint64_t)up;
        /* The same test as below with the units unscaled: within half a unit in the last place (2^e). */
        uint64_t scaled_diff = diff * ((!up && r && m == (1ull << 52)) ? 4u : 2u), ulp = 1ull << e;
        return scaled_diff < ulp || (scaled_diff == ulp && (m & 1) == 0);
    }
    zi_u128 p = (zi_u128)m * pow5[k];
    int t = e + k;
    if (t >= 0) { /* x · 10^k is an integer: exact, so it reads back */
        if (t > 8) return -1;
        p <<= t;
        if (p >> 64) return -1;
        *d = *floor_d = (uint64_t)p;
        return 1;
    }
    int s = -t;
    if (s >= 120) return -1;
    zi_u128 q = p >> s;
    zi_u128 r = p - (q << s);
    zi_u128 half = (zi_u128)1 << (s - 1);
    int up = r > half || (r == half && (q & 1));
    zi_u128 diff = up ? ((zi_u128)1 << s) - r : r;
    if ((q + 1) >> 64) return -1;
    *floor_d = (uint64_t)q;
    *d = (uint64_t)q + (uint64_t)up;
    zi_u128 scaled_diff = diff * ((!up && r && m == (1ull << 52)) ? 4u : 2u);
    zi_u128 five = pow5[k];
    return scaled_diff < five || (scaled_diff == five && (m & 1) == 0);
}

static const char digits2[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Exactly 8 digits of v < 10^8, all at once in one 64-bit word: split into two halves of four digits in
 * 32-bit lanes, each lane into two of two digits in 16-bit lanes (dividing by 100 as a multiplication and a
 * shift, exact below 10^4), each of those into two digits in bytes (dividing by 10 likewise, exact below
 * 100), then '0' added to every byte. The first digit lands in the lowest byte: memory order on a
 * little-endian machine. A loop of divisions by 100 took a fifth of the time of printing a long score. */
static void put8(uint32_t v, char *out)
{
    uint64_t y = (uint64_t)(v / 10000) | (uint64_t)(v % 10000) << 32;
    uint64_t hundreds = ((y * 10486) >> 20) & 0x0000007f0000007full;
    y = hundreds | (y - 100 * hundreds) << 16;
    uint64_t tens = ((y * 103) >> 10) & 0x000f000f000f000full;
    y = tens | (y - 10 * tens) << 8;
    y += 0x3030303030303030ull;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    y = __builtin_bswap64(y);
#endif
    memcpy(out, &y, sizeof y);
}

/* How many decimal digits v has (1 for 0): the bit length times log10(2), corrected by one comparison. */
static size_t digit_count(uint64_t v)
{
    unsigned t = ((64u - (unsigned)__builtin_clzll(v | 1)) * 1233u) >> 12; /* 1233 / 4096 ~ log10(2) */
    return t + (v >= pow10u[t]) + (v == 0);
}

/* Writes v's digits at out, last digit first from where they end: no scratch buffer and no copy of a
 * variable length (a call to memmove each, which cost as much as the digits). Returns how many. */
static size_t put_digits(uint64_t v, char *out)
{
    size_t n = digit_count(v);
    char *p = out + n;
    while (v >= 100000000) { /* scores have up to 17 digits: at most two rounds of 8 */
        p -= 8;
        put8((uint32_t)(v % 100000000), p);
        v /= 100000000;
    }
    uint32_t w = (uint32_t)v;
    while (w >= 100) {
        uint32_t r = w % 100;
        w /= 100;
        p -= 2;
        memcpy(p, digits2 + 2 * r, 2);
    }
    if (w >= 10) {
        p -= 2;
        memcpy(p, digits2 + 2 * w, 2);
    } else {
        *--p = (char)('0' + w);
    }
    return n;
}

size_t zi_fmt_u64(uint64_t v, char *buf)
{
    size_t n = put_digits(v, buf);
    buf[n] = '\0';
    return n;
}

/* Writes D · 10^−k (D > 0) without trailing zeros, after the sign already in out[0..at). The digits are
 * written where they go; a decimal point inside them is made room for by moving the whole part (a digit or
 * two for a score) one place left. */
static size_t emit(char *out, size_t at, uint64_t d, int k)
{
    while (d % 10000 == 0) {
        d /= 10000;
        k -= 4;
    }
    while (d % 10 == 0) {
        d /= 10;
        k--;
    }
    int nd = (int)digit_count(d);
    int e10 = nd - 1 - k; /* exponent of the first digit */
    char *o = out + at;
    if (e10 >= -4 && e10 < 17) { /* where %g would switch to an exponent too */
        if (e10 >= 0) {
            int whole = e10 + 1;
            if (nd <= whole) {
                o += put_digits(d, o);
                for (int i = nd; i < whole; i++)
                    *o++ = '0';
            } else {
                put_digits(d, o + 1);
                for (int i = 0; i < whole; i++)
                    o[i] = o[i + 1];
                o[whole] = '.';
                o += nd + 1;
            }
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -e10 - 1; i++)
                *o++ = '0';
            o += put_digits(d, o);
        }
    } else {
        put_digits(d, o + 1);
        o[0] = o[1];
        if (nd > 1) {
            o[1] = '.';
            o += nd + 1;
        } else {
            o++;
        }
        *o++ = 'e';
        *o++ = e10 < 0 ? '-' : '+';
        int ae = e10 < 0 ? -e10 : e10;
        if (ae < 10) *o++ = '0';
        o += put_digits((uint64_t)ae, o);
    }
    *o = '\0';
    return (size_t)(o - out);
}

/* emit, after folding a rounding carry into a new digit (9.99…5 -> 10.0…: D = 10^n) back to n digits. */
static size_t emit_carry(char *out, size_t at, uint64_t d, int k, int n)
{
    if (d >= pow10u[n]) {
        d /= 10;
        k--;
    }
    return emit(out, at, d, k);
}

/* The slow exact path, for the rare values outside the fast range: the first %.Ng that strtod reads back. */
static size_t fallback(double x, char *buf)
{
    for (int prec = 1; prec <= 17; prec++) {
        int n = snprintf(buf, ZI_FMT_MAX, "%.*g", prec, x);
        if (prec == 17 || strtod(buf, NULL) == x) return (size_t)n;
    }
    return 0; /* not reached: %.17g always reads back */
}

/* floor(log10(2) · b), exact for |b| < 1650 (78913 / 2^18 is log10(2) to 6 digits). */
static int floor_log10_pow2(int b)
{
    return b >= 0 ? (b * 78913) >> 18 : -((-b * 78913 + (1 << 18) - 1) >> 18);
}

size_t zi_fmt_shortest(double x, char *buf)
{
    if (isnan(x)) {
        memcpy(buf, "nan", 4);
        return 3;
    }
    if (isinf(x)) {
        strcpy(buf, x < 0 ? "-inf" : "inf");
        return x < 0 ? 4 : 3;
    }
    if (x == 0) {
        memcpy(buf, "0", 2);
        return 1;
    }
    size_t at = 0;
    double ax = x;
    if (x < 0) {
        buf[at++] = '-';
        ax = -x;
    }
    if (ax < 9007199254740992.0 && ax == (double)(uint64_t)ax) {
        at += put_digits((uint64_t)ax, buf + at);
        buf[at] = '\0';
        return at;
    }
    /* Most scores are short decimals (1.5, 0.375, 3.1416): x · 10^8 is then an integer, and the decimal reads
     * back when dividing it by 10^8 gives x again (strtod's correct rounding of the decimal is that
     * division's, both operands being exact). It has at most 15 digits (x < 10^7), and no two decimals of 15
     * digits or fewer round to the same double, so without its trailing zeros it is the shortest. Written as
     * the whole part and eight decimals whose trailing zeros are counted in one word, with no branch on the
     * digits: a third of the time the exact path below takes (from 1e-4, where %g writes no exponent either).
     */
    if (ax < 1e7 && ax >= 1e-4) {
        double scaled = ax * 1e8;
        uint64_t d = (uint64_t)scaled;
        if (scaled == (double)d && scaled / 1e8 == ax) {
            uint32_t fraction = (uint32_t)(d % 100000000);
            at += put_digits(d / 100000000, buf + at);
            if (fraction) {
                buf[at] = '.';
                put8(fraction, buf + at + 1);
                uint64_t word; /* the eight digits, the last one in the most significant byte */
                memcpy(&word, buf + at + 1, sizeof word);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
                word = __builtin_bswap64(word);
#endif
                word ^= 0x3030303030303030ull; /* '0' becomes a zero byte; fraction > 0: not all are */
                at += 9 - (size_t)(__builtin_clzll(word) / 8);
            }
            buf[at] = '\0';
            return at;
        }
    }
    if (ax < 1e-11 || ax >= 1e17) return fallback(x, buf);
    uint64_t bits;
    memcpy(&bits, &ax, sizeof bits);
    int be = (int)(bits >> 52); /* biased exponent; ax is normal in this range */
    uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    int e = be - 1075;
    /* floor(log10 x) is this estimate or one more: one more exactly when x · 10^(15 − estimate), rounded
     * down, has 17 digits (the estimate is at most 15 here, so the power of 5 is in the table). That probe
     * is then the 17-digit candidate, otherwise the 16-digit one, so it is not computed twice. */
    int k10 = floor_log10_pow2(be - 1023);
    uint64_t probe, below, d16, d17 = 0;
    int ok_probe = candidate(m, e, 15 - k10, &probe, &below);
    int ok16;
    if (ok_probe < 0) return fallback(x, buf);
    if (below >= pow10u[16]) {
        k10++;
        d17 = probe;
        ok16 = candidate(m, e, 15 - k10, &d16, &below);
    } else {
        d16 = probe;
        ok16 = ok_probe;
    }
    if (ok16 < 0) return fallback(x, buf);
    /* If no 16-digit decimal reads back, no 15-digit one does (padded with a zero it would be a 16-digit
     * one), so the answer has 17 digits; 17 significant digits always read back. */
    if (!ok16) {
        if (!d17 && candidate(m, e, 16 - k10, &d17, &below) < 0) return fallback(x, buf);
        return emit_carry(buf, at, d17, 16 - k10, 17);
    }
    /* Fifteen digits may do (from 10^16 they may while sixteen are not the nearest) — but only when the
     * sixteen end in 9, 0 or 1: a fifteen-digit decimal that reads back is a multiple of ten within half an
     * ulp of x · 10^k (under 1.12 units of the sixteenth digit, since m >= 2^52 and x · 10^k < 10^16), and
     * D16 is within half a unit of the same point, so the two differ by less than 1.62. */
    uint64_t last = d16 % 10;
    if (14 - k10 >= -2 && (last <= 1 || last == 9)) {
        uint64_t d15;
        if (candidate(m, e, 14 - k10, &d15, &below) == 1) return emit_carry(buf, at, d15, 14 - k10, 15);
    }
    return emit_carry(buf, at, d16, 15 - k10, 16);
}

size_t zi_fmt_fixed(double x, int decimals, char point, char *buf)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 17) decimals = 17;
    if (!isfinite(x)) return zi_fmt_shortest(x, buf);
    /* The same exact rounding as printf's %.Nf (the binary value, half to even), without printf: tables and
     * explanations print several numbers per unit. */
    double ax = fabs(x);
    uint64_t bits, d, below;
    memcpy(&bits, &ax, sizeof bits);
    int be = (int)(bits >> 52);
    if (ax != 0 && be > 0 && ax < 1e15 &&
        candidate((bits & ((1ull << 52) - 1)) | (1ull << 52), be - 1075, decimals, &d, &below) >= 0) {
        size_t at = 0;
        if (x < 0 && d != 0) /* -0,00 reads as a negative number to people: it is zero */
            buf[at++] = '-';
        char dig[24];
        size_t nd = put_digits(d, dig);
        size_t whole = nd > (size_t)decimals ? nd - (size_t)decimals : 0;
        if (whole) {
            memcpy(buf + at, dig, whole);
            at += whole;
        } else {
            buf[at++] = '0';
        }
        if (decimals) {
            buf[at++] = point;
            for (size_t z = nd; z < (size_t)decimals; z++)
                buf[at++] = '0';
            memcpy(buf + at, dig + whole, nd - whole);
            at += nd - whole;
        }
        buf[at] = '\0';
        return at;
    }
    int n = snprintf(buf, ZI_FMT_MAX, "%.*f", decimals, x);
    if (n < 0 || n >= ZI_FMT_MAX) /* only for |x| near 1e22 and beyond, which no score reaches */
        return zi_fmt_shortest(x, buf);
    int all_zero = 1;
    for (int i = 0; i < n; i++) {
        if (buf[i] == '.')
            buf[i] = point;
        else if (buf[i] >= '1' && buf[i] <= '9')
            all_zero = 0;
    }
    if (buf[0] == '-' && all_zero) {
        memmove(buf, buf + 1, (size_t)n);
        n--;
    }
    return (size_t)n;
}

size_t zi_fmt_human(double x, char *buf)
{
    size_t n = zi_fmt_shortest(x, buf);
    char *dot = memchr(buf, '.', n);
    if (dot) *dot = ',';
    return n;
}
