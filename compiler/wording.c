/* wording.c — plain words for the checks' messages. Evaluators read these: a list of groups is "'a', 'b' and
 * 3 more", not an array, and a number has at most two decimals, as the worksheet prints it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"

/* More names than this make a message no one reads to the end; the rest are counted. */
enum { LIST_SHOWN = 4 };

const char *zi_name_list(struct zi_checker *ck, unsigned n, const char *(*at)(const void *items, unsigned i),
                         const void *items, bool quoted)
{
    unsigned shown = n > LIST_SHOWN + 1 ? LIST_SHOWN : n;
    const char *text = "";
    for (unsigned i = 0; i < shown; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == shown && shown == n) ? " and " : ", ";
        text = zi_arena_printf(ck->arena, quoted ? "%s%s'%s'" : "%s%s%s", text, sep, at(items, i));
    }
    if (shown < n) text = zi_arena_printf(ck->arena, "%s and %u more", text, n - shown);
    return text;
}

const char *zi_number_text(struct zi_checker *ck, double x)
{
    if (!isfinite(x)) return x > 0 ? "infinity" : "minus infinity";
    char buf[64];
    if (fabs(x) >= 1e15) return zi_arena_printf(ck->arena, "%g", x); /* "%.2f" would print 300 digits */
    snprintf(buf, sizeof buf, "%.2f", x);
    char *end = buf + strlen(buf);
    while (end > buf && end[-1] == '0')
        *--end = '\0';
    if (end > buf && end[-1] == '.') *--end = '\0';
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    return zi_arena_strndup(ck->arena, buf, strlen(buf));
}
