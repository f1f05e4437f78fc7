/* text_diff.c — a unified diff of two texts (text_diff.h).
 *
 * The lines both texts begin and end with are set aside; the lines between are matched by the longest common
 * subsequence, a table of (n + 1) × (m + 1) counts. A formatter changes few lines of a file, so that middle
 * is small; when it is too large for the table (more than 4 million cells), it is shown as removed and added
 * whole: still a correct diff, only not the shortest. */
#include "text_diff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CONTEXT = 3 };
#define MAX_CELLS (4u * 1024u * 1024u)

struct text_line {
    const char *text;
    size_t len; /* with its '\n', when it has one */
};

/* One step of the edit: a line kept (' '), removed ('-') or added ('+'). */
struct step {
    char op;
    uint32_t old_line, new_line; /* 0-based: the line, or where the other text stands */
};

static struct text_line *split(const char *text, size_t len, size_t *n)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    struct text_line *lines = malloc((count + 2) * sizeof *lines);
    if (!lines) return NULL;
    *n = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        lines[*n].text = text + i;
        lines[*n].len = end - i;
        (*n)++;
        i = end;
    }
    return lines;
}

static bool same(const struct text_line *a, const struct text_line *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* The steps that turn a[0..na) into b[0..nb), through the common prefix, the middle and the common suffix. */
static struct step *edit(const struct text_line *a, size_t na, const struct text_line *b, size_t nb,
                         size_t *n_steps)
{
    struct step *steps = malloc((na + nb + 1) * sizeof *steps);
    if (!steps) return NULL;
    size_t n = 0, pre = 0, suf = 0;
    while (pre < na && pre < nb && same(&a[pre], &b[pre]))
        pre++;
    while (suf < na - pre && suf < nb - pre && same(&a[na - 1 - suf], &b[nb - 1 - suf]))
        suf++;
    for (size_t i = 0; i < pre; i++)
        steps[n++] = (struct step){' ', (uint32_t)i, (uint32_t)i};
    size_t ma = na - pre - suf, mb = nb - pre - suf;
    uint32_t *table = NULL;
    if ((ma + 1) * (mb + 1) <= MAX_CELLS) table = calloc((ma + 1) * (mb + 1), sizeof *table);
    if (table) {
        /* table[i][j]: the longest common subsequence of the middles' lines from i and from j on. */
        size_t w = mb + 1;
        for (size_t i = ma; i-- > 0;)
            for (size_t j = mb; j-- > 0;)
                table[i * w + j] =
                    same(&a[pre + i], &b[pre + j])
                        ? table[(i + 1) * w + j + 1] + 1
                        : (table[(i + 1) * w + j] >= table[i * w + j + 1] ? table[(i + 1) * w + j]
                                                                          : table[i * w + j + 1]);
        size_t i = 0, j = 0;
        while (i < ma || j < mb) {
            uint32_t oi = (uint32_t)(pre + i), nj = (uint32_t)(pre + j);
            if (i < ma && j < mb && same(&a[pre + i], &b[pre + j])) {
                steps[n++] = (struct step){' ', oi, nj};
                i++, j++;
            } else if (j == mb || (i < ma && table[(i + 1) * w + j] >= table[i * w + j + 1])) {
                steps[n++] = (struct step){'-', oi, nj};
                i++;
            } else {
                steps[n++] = (struct step){'+', oi, nj};
                j++;
            }
        }
        free(table);
    } else {
        for (size_t i = 0; i < ma; i++)
            steps[n++] = (struct step){'-', (uint32_t)(pre + i), (uint32_t)pre};
        for (size_t j = 0; j < mb; j++)
            steps[n++] = (struct step){'+', (uint32_t)(pre + ma), (uint32_t)(pre + j)};
    }
    for (size_t k = 0; k < suf; k++)
        steps[n++] = (struct step){' ', (uint32_t)(na - suf + k), (uint32_t)(nb - suf + k)};
    *n_steps = n;
    return steps;
}

static void put_line(FILE *out, char op, const struct text_line *l)
{
    fputc(op, out);
    fwrite(l->text, 1, l->len, out);
    if (l->len == 0 || l->text[l->len - 1] != '\n') fputs("\n\\ No newline at end of file\n", out);
}

/* "@@ -1,3 +1,4 @@": a range of no lines starts at the line before it, as diff -u writes it. */
static void put_range(FILE *out, char sign, uint32_t first, uint32_t count)
{
    fprintf(out, "%c%u,%u", sign, count ? first + 1 : first, count);
}

int zi_text_diff(FILE *out, const char *old_name, const char *old, size_t old_len, const char *new_name,
                 const char *new, size_t new_len)
{
    size_t na, nb, n;
    struct text_line *a = split(old, old_len, &na), *b = split(new, new_len, &nb);
    struct step *steps = a && b ? edit(a, na, b, nb, &n) : NULL;
    if (!steps) {
        free(a);
        free(b);
        return -1;
    }
    bool header = false;
    for (size_t k = 0; k < n;) {
        if (steps[k].op == ' ') {
            k++;
            continue;
        }
        /* A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that is at
         * most 2 × CONTEXT kept lines from the one before it. */
        size_t from = k > CONTEXT ? k - CONTEXT : 0, last = k, s = k + 1;
        while (s < n) {
            if (steps[s].op != ' ') {
                last = s++;
                continue;
            }
            size_t run = 0;
            while (s + run < n && steps[s + run].op == ' ')
                run++;
            if (s + run == n || run > 2 * CONTEXT) break;
            s += run;
        }
        size_t to = last + 1 + CONTEXT < n ? last + 1 + CONTEXT : n;
        uint32_t old_count = 0, new_count = 0;
        for (size_t s = from; s < to; s++) {
            old_count += steps[s].op != '+';
            new_count += steps[s].op != '-';
        }
        if (!header) {
            fprintf(out, "--- %s\n+++ %s\n", old_name, new_name);
            header = true;
        }
        fputs("@@ ", out);
        put_range(out, '-', steps[from].old_line, old_count);
        fputc(' ', out);
        put_range(out, '+', steps[from].new_line, new_count);
        fputs(" @@\n", out);
        for (size_t s = from; s < to; s++)
            put_line(out, steps[s].op, steps[s].op == '+' ? &b[steps[s].new_line] : &a[steps[s].old_line]);
        k = to;
    }
    free(steps);
    free(a);
    free(b);
    return 0;
}
