/* test_numbers.c — numfmt.c and numparse.c: exact text for doubles and doubles for text. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "zirt.h"

/* The random cases per test: 60,000, divided by ZI_TEST_SCALE (8 under ASan, 16 under valgrind), whose passes
 * look for memory errors the first pass already showed absent from the arithmetic. */
static int random_cases(void)
{
    const char *s = getenv("ZI_TEST_SCALE");
    int scale = s ? atoi(s) : 1;
    return 60000 / (scale > 1 ? scale : 1);
}

static const char *shortest(double x)
{
    static char buf[ZI_FMT_MAX];
    zi_fmt_shortest(x, buf);
    return buf;
}

START_TEST(shortest_known_values)
{
    ck_assert_str_eq(shortest(0), "0");
    ck_assert_str_eq(shortest(-0.0), "0");
    ck_assert_str_eq(shortest(1), "1");
    ck_assert_str_eq(shortest(75), "75");
    ck_assert_str_eq(shortest(-12), "-12");
    ck_assert_str_eq(shortest(0.1), "0.1");
    ck_assert_str_eq(shortest(82.5), "82.5");
    ck_assert_str_eq(shortest(-3.41), "-3.41");
    ck_assert_str_eq(shortest(0.1 + 0.2), "0.30000000000000004");
    ck_assert_str_eq(shortest(16 * (2.0 / 3)), "10.666666666666666");
    ck_assert_str_eq(shortest(4 * (2.0 / 3)), "2.6666666666666665");
    ck_assert_str_eq(shortest(123456.789), "123456.789");
    ck_assert_str_eq(shortest(0.0001), "0.0001");
    ck_assert_str_eq(shortest(0.00001), "1e-05");
    ck_assert_str_eq(shortest(1.5e-7), "1.5e-07");
    ck_assert_str_eq(shortest(5.551115123125783e-17), "5.551115123125783e-17");
    ck_assert_str_eq(shortest(1e21), "1e+21");
    ck_assert_str_eq(shortest(9007199254740992.0), "9007199254740992");
    ck_assert_str_eq(shortest(4503599627370495.5), "4503599627370495.5");
    ck_assert_str_eq(shortest(DBL_MAX), "1.7976931348623157e+308");
    ck_assert_str_eq(shortest(5e-324), "5e-324");
    ck_assert_str_eq(shortest(2.5e-12), "2.5e-12");
    ck_assert_str_eq(shortest(NAN), "nan");
    ck_assert_str_eq(shortest(-INFINITY), "-inf");
}
END_TEST

/* The digits of the shortest %.Ng that reads back: what the fast path must match. */
static int reference_digits(double x)
{
    char buf[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, x);
        if (strtod(buf, NULL) == x) return p;
    }
    return 17;
}

/* Digits from the first to the last nonzero one, before any exponent: "0.0120" and "1200" both have 2. */
static int significant_digits(const char *s)
{
    int first = -1, last = -1, at = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9') continue;
        if (*s != '0') {
            if (first < 0) first = at;
            last = at;
        }
        at++;
    }
    return first < 0 ? 0 : last - first + 1;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void check_round_trip(double x)
{
    const char *s = shortest(x);
    ck_assert_msg(strtod(s, NULL) == x || (x == 0 && strtod(s, NULL) == 0), "%.17g printed as %s", x, s);
    if (x != 0 && fabs(x) < 1e15 && x == x) {
        int want = reference_digits(x), got = significant_digits(s);
        ck_assert_msg(got == want, "%.17g printed as %s: %d digits, shortest has %d", x, s, got, want);
    }
}

START_TEST(shortest_round_trips)
{
    for (int i = 0; i < random_cases(); i++) {
        /* Random bit patterns over the range scores live in, and sums of two-decimal values. */
        uint64_t bits = (rng() & 0x000fffffffffffffull) | ((uint64_t)(1023 - 40 + (int)(rng() % 90)) << 52);
        double x;
        memcpy(&x, &bits, sizeof x);
        check_round_trip(x);
        check_round_trip(-x);
        double y = (double)(rng() % 10000) / 100 + (double)(rng() % 300) / 3 * 0.67;
        check_round_trip(y);
        check_round_trip(y / 7);
    }
}
END_TEST

/* The text printf gives x with its shortest digits, written without an exponent: %.Ne for the digits and
 * the exponent, then %.Nf with as many decimals as those digits reach, trailing zeros dropped. */
static void reference_fixed(double x, char *out, size_t size)
{
    int p = reference_digits(x);
    char e[64];
    snprintf(e, sizeof e, "%.*e", p - 1, x);
    int e10 = atoi(strchr(e, 'e') + 1);
    int decimals = p - 1 - e10 > 0 ? p - 1 - e10 : 0;
    snprintf(out, size, "%.*f", decimals, x);
    if (strchr(out, '.')) {
        size_t n = strlen(out);
        while (out[n - 1] == '0')
            out[--n] = '\0';
        if (out[n - 1] == '.') out[n - 1] = '\0';
    }
}

/* Short decimals (a score like 3.75 or 0.0625) take a path of their own: up to 8 decimals, from 1e-4 to 1e7.
 * Its edges, its neighbours one ulp away (which need 16 or 17 digits) and random decimals of each length,
 * against printf's text. */
START_TEST(shortest_short_decimals)
{
    static const double edges[] = {
        1e-4,        1e7,        9999999.99999999, 0.00010000000000000001, 1e-4 * 3,
        0.5,         0.00390625, 0.0078125,        1234567.8765432,        0.1 + 0.7,
        99.99999999, 1e-8};
    char want[64];
    for (int i = 0; i < random_cases(); i++) {
        double x;
        if (i < (int)(sizeof edges / sizeof edges[0])) {
            x = edges[i];
        } else {
            static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
            x = (double)(rng() % 1000000000000000ull) / scale[rng() % 10];
            while (x >= 1e7)
                x /= 1000;
        }
        for (int k = 0; k < 3; k++) {
            double y = k == 0 ? x : k == 1 ? nextafter(x, 0) : nextafter(x, INFINITY);
            if (!(y >= 1e-4 && y < 1e7)) continue;
            reference_fixed(y, want, sizeof want);
            ck_assert_msg(strcmp(shortest(y), want) == 0, "%.17g printed as %s, printf: %s", y, shortest(y),
                          want);
            ck_assert_msg(shortest(-y)[0] == '-' && strcmp(shortest(-y) + 1, want) == 0,
                          "%.17g printed as %s", -y, shortest(-y));
        }
    }
}
END_TEST

START_TEST(fixed_and_human)
{
    char buf[ZI_FMT_MAX];
    zi_fmt_fixed(82.5, 2, ',', buf);
    ck_assert_str_eq(buf, "82,50");
    zi_fmt_fixed(3.405, 2, ',', buf); /* 3.40499999… in binary */
    ck_assert_str_eq(buf, "3,40");
    zi_fmt_fixed(-0.001, 2, ',', buf);
    ck_assert_str_eq(buf, "0,00");
    zi_fmt_fixed(74.996, 3, '.', buf);
    ck_assert_str_eq(buf, "74.996");
    zi_fmt_human(3.41, buf);
    ck_assert_str_eq(buf, "3,41");
    zi_fmt_u64(18446744073709551615ull, buf);
    ck_assert_str_eq(buf, "18446744073709551615");
    zi_fmt_fixed(0.125, 2, '.', buf); /* an exact tie: half to even, as printf */
    ck_assert_str_eq(buf, "0.12");
    zi_fmt_fixed(0.375, 2, '.', buf);
    ck_assert_str_eq(buf, "0.38");
    zi_fmt_fixed(0, 2, ',', buf);
    ck_assert_str_eq(buf, "0,00");
    zi_fmt_fixed(7, 0, ',', buf);
    ck_assert_str_eq(buf, "7");
    zi_fmt_fixed(0.004, 2, ',', buf);
    ck_assert_str_eq(buf, "0,00");
    zi_fmt_fixed(1e-20, 3, ',', buf);
    ck_assert_str_eq(buf, "0,000");
    zi_fmt_fixed(2e15, 2, ',', buf);
    ck_assert_str_eq(buf, "2000000000000000,00");
}
END_TEST

START_TEST(fixed_matches_printf)
{
    char mine[ZI_FMT_MAX], theirs[64];
    for (int i = 0; i < random_cases(); i++) {
        uint64_t bits = (rng() & 0x000fffffffffffffull) | ((uint64_t)(1023 - 30 + (int)(rng() % 70)) << 52);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (i & 1) x = -x;
        if (i % 3 == 0) x = (double)(rng() % 100000) / 1000; /* values near ties */
        int dec = (int)(rng() % 8);
        zi_fmt_fixed(x, dec, '.', mine);
        snprintf(theirs, sizeof theirs, "%.*f", dec, x);
        if (strspn(theirs, "-0.") == strlen(theirs) && theirs[0] == '-')
            memmove(theirs, theirs + 1, strlen(theirs));
        ck_assert_msg(strcmp(mine, theirs) == 0, "%.17g with %d decimals: %s, printf says %s", x, dec, mine,
                      theirs);
    }
}
END_TEST

static double parse(const char *s, int shift)
{
    struct zi_number n;
    ck_assert_msg(zi_number_scan(s, strlen(s), &n) == 0, "'%s' should be a number", s);
    return zi_number_value(&n, shift);
}

static void bad(const char *s)
{
    struct zi_number n;
    ck_assert_msg(zi_number_scan(s, strlen(s), &n) != 0, "'%s' should not be a number", s);
}

START_TEST(parse_spellings)
{
    ck_assert(parse("3.41", 0) == 3.41);
    ck_assert(parse("3,41", 0) == 3.41);
    ck_assert(parse("  +3,41 ", 0) == 3.41);
    ck_assert(parse("-5", 0) == -5);
    ck_assert(parse("1.234,5", 0) == 1234.5);
    ck_assert(parse("1,234.5", 0) == 1234.5);
    ck_assert(parse("1.234.567", 0) == 1234567);
    ck_assert(parse("1,234,567", 0) == 1234567);
    ck_assert(parse("1.234.567,89", 0) == 1234567.89);
    ck_assert(parse("1.234", 0) == 1.234); /* one separator: the decimal one (docs/language.md §8) */
    ck_assert(parse("1,234", 0) == 1.234);
    ck_assert(parse("3.", 0) == 3);
    ck_assert(parse(",5", 0) == 0.5);
    ck_assert(parse("007", 0) == 7);
    ck_assert(parse("1e3", 0) == 1000);
    ck_assert(parse("1,2E+3", 0) == 1200);
    ck_assert(parse("2.5e-1", 0) == 0.25);
    ck_assert(parse("0", 0) == 0);
    bad("");
    bad("   ");
    bad(".");
    bad(",");
    bad("abc");
    bad("12a");
    bad("1 234");
    bad("--1");
    bad("+");
    bad("%");
    bad("12.34.56");
    bad("1,2,3");
    bad("1.234,5.6");
    bad("1.23,45,6");
    bad("1e");
    bad("1e+");
    bad("0x10");
}
END_TEST

/* Whether the text could be thousands grouping in a whole number (answer.c reads a count so). */
static int thousands(const char *s)
{
    struct zi_number n;
    ck_assert_msg(zi_number_scan(s, strlen(s), &n) == 0, "'%s' should be a number", s);
    return n.thousands;
}

START_TEST(parse_thousands_flag)
{
    /* The value stays the decimal one (1.000 is one): only a count reads the flag. */
    ck_assert(parse("1.000", 0) == 1);
    ck_assert(thousands("1.000") && thousands("12.500") && thousands("999,999") && thousands(" -1.000 "));
    ck_assert(!thousands("1000") && !thousands("1.00") && !thousands("1.0000") && !thousands("1234.000"));
    ck_assert(!thousands("1.000e0") && !thousands("1.000.000") && !thousands("1.000,5") &&
              !thousands(".000"));
}
END_TEST

START_TEST(parse_percent_sign)
{
    struct zi_number n;
    ck_assert_int_eq(zi_number_scan("87%", 3, &n), 0);
    ck_assert(n.percent);
    ck_assert(zi_number_value(&n, -2) == 0.87);
    ck_assert_int_eq(zi_number_scan("87,5 %", 6, &n), 0);
    ck_assert(n.percent);
    ck_assert(zi_number_value(&n, -2) == 0.875);
    ck_assert_int_eq(zi_number_scan("87.3", 4, &n), 0);
    ck_assert(!n.percent);
    /* 87.3 points is the double nearest 0.873, not 87.3 / 100 rounded twice. */
    ck_assert(zi_number_value(&n, -2) == 0.873);
}
END_TEST

START_TEST(parse_is_correctly_rounded)
{
    char text[64], comma[64];
    for (int i = 0; i < random_cases(); i++) {
        unsigned long long m = rng() % 1000000000000000ull;
        int frac = (int)(rng() % 12);
        int len = snprintf(text, sizeof text, "%llu", m);
        if (frac >= len) /* pad so the point has digits before it */
            len = snprintf(text, sizeof text, "%0*llu", frac + 1, m);
        memmove(text + len - frac + 1, text + len - frac, (size_t)frac + 1);
        text[len - frac] = '.';
        strcpy(comma, text);
        *strchr(comma, '.') = ',';
        double want = strtod(text, NULL);
        ck_assert_msg(parse(text, 0) == want, "%s", text);
        ck_assert_msg(parse(comma, 0) == want, "%s", comma);
    }
    ck_assert(parse("0.1234567890123456789012345", 0) == strtod("0.1234567890123456789012345", NULL));
    ck_assert(parse("123456789012345678901234567890", 0) == 123456789012345678901234567890.0);
    ck_assert(parse("12345678901234567890000", 0) == 12345678901234567890000.0);
    ck_assert(parse("1e-30", 0) == 1e-30);
    ck_assert(parse("9007199254740993", 0) == 9007199254740992.0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime numbers");
    TCase *fmt = tcase_create("format");
    tcase_add_test(fmt, shortest_known_values);
    tcase_add_test(fmt, shortest_round_trips);
    tcase_add_test(fmt, shortest_short_decimals);
    tcase_add_test(fmt, fixed_and_human);
    tcase_add_test(fmt, fixed_matches_printf);
    tcase_set_timeout(fmt, 120);
    suite_add_tcase(s, fmt);
    TCase *prs = tcase_create("parse");
    tcase_add_test(prs, parse_spellings);
    tcase_add_test(prs, parse_thousands_flag);
    tcase_add_test(prs, parse_percent_sign);
    tcase_add_test(prs, parse_is_correctly_rounded);
    tcase_set_timeout(prs, 120);
    suite_add_tcase(s, prs);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
