/* symtab.c — scope tables and the "did you mean …?" suggestion. */
#include <string.h>

#include "checks.h"

static unsigned hash_name(const char *name)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

struct zi_symbol *zi_symtab_lookup(const struct zi_symtab *tab, const char *name)
{
    if (!tab->cap) return NULL;
    for (unsigned i = hash_name(name) & (tab->cap - 1);; i = (i + 1) & (tab->cap - 1)) {
        struct zi_symbol *slot = &tab->slots[i];
        if (!slot->name) return NULL;
        if (strcmp(slot->name, name) == 0) return slot;
    }
}

static void grow(struct zi_arena *arena, struct zi_symtab *tab)
{
    unsigned cap = tab->cap ? tab->cap * 2 : 16;
    struct zi_symbol *slots = zi_arena_alloc(arena, cap * sizeof *slots);
    for (unsigned i = 0; i < tab->cap; i++) {
        if (!tab->slots[i].name) continue;
        unsigned j = hash_name(tab->slots[i].name) & (cap - 1);
        while (slots[j].name)
            j = (j + 1) & (cap - 1);
        slots[j] = tab->slots[i];
    }
    tab->slots = slots;
    tab->cap = cap;
}

struct zi_symbol *zi_symtab_insert(struct zi_arena *arena, struct zi_symtab *tab, const char *name,
                                   struct zi_ref ref, struct zi_span span)
{
    struct zi_symbol *existing = zi_symtab_lookup(tab, name);
    if (existing) return existing;
    if ((tab->n + 1) * 2 > tab->cap) grow(arena, tab);
    unsigned i = hash_name(name) & (tab->cap - 1);
    while (tab->slots[i].name)
        i = (i + 1) & (tab->cap - 1);
    tab->slots[i].name = name;
    tab->slots[i].ref = ref;
    tab->slots[i].span = span;
    tab->n++;
    return NULL;
}

/* Damerau–Levenshtein distance (the optimal-string-alignment form: an adjacent transposition is one edit, as
 * a typing slip is: `abdc` is one edit from `abcd`), giving up (returning limit + 1) once every path exceeds
 * `limit`. */
static unsigned distance(const char *a, const char *b, unsigned limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
    unsigned rows[3][65], *before = rows[0], *prev = rows[1], *cur = rows[2];
    unsigned prev_best = 0;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned best = cur[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && before[j - 2] + 1 < v)
                v = before[j - 2] + 1;
            cur[j] = v;
            if (v < best) best = v;
        }
        /* A later row builds on this row and the one before (a transposition reaches back two): when both
         * exceed the limit, so does everything after them. */
        if (best > limit && prev_best > limit) return limit + 1;
        prev_best = best;
        unsigned *spare = before;
        before = prev;
        prev = cur;
        cur = spare;
    }
    return prev[lb];
}

const char *zi_suggest(struct zi_arena *arena, const char *name, const char *const *candidates, unsigned n)
{
    size_t len = strlen(name);
    /* Short names are too easily "close" to anything: allow one edit below 4 characters. */
    unsigned limit = len < 4 ? 1 : 2;
    /* Rank by distance, then by the difference in length: `abdc` is as close to `abc` (a deletion) as to
     * `abcd` (a transposition), but a slip that keeps every letter is the likelier one. Ties are all listed:
     * picking one at random would be a guess the writer might take as the answer. */
    unsigned best_distance = limit + 1;
    size_t best_skew = (size_t)-1;
    for (unsigned i = 0; i < n; i++) {
        if (!candidates[i] || strcmp(candidates[i], name) == 0) continue;
        unsigned d = distance(name, candidates[i], limit);
        size_t clen = strlen(candidates[i]), skew = clen > len ? clen - len : len - clen;
        if (d < best_distance || (d == best_distance && skew < best_skew)) {
            best_distance = d;
            best_skew = skew;
        }
    }
    if (best_distance > limit) return NULL;
    enum { MAX_LISTED = 5 };
    const char *chosen[MAX_LISTED];
    unsigned n_chosen = 0;
    for (unsigned i = 0; i < n && n_chosen < MAX_LISTED; i++) {
        if (!candidates[i] || strcmp(candidates[i], name) == 0) continue;
        size_t clen = strlen(candidates[i]), skew = clen > len ? clen - len : len - clen;
        if (skew != best_skew || distance(name, candidates[i], limit) != best_distance) continue;
        bool seen = false;
        for (unsigned k = 0; k < n_chosen; k++)
            seen |= strcmp(chosen[k], candidates[i]) == 0;
        if (!seen) chosen[n_chosen++] = candidates[i];
    }
    if (n_chosen == 0) return NULL; /* unreachable: the best candidate is chosen; keeps the compiler sure */
    const char *text = zi_arena_printf(arena, "'%s'", chosen[0]);
    for (unsigned k = 1; k < n_chosen; k++)
        text = zi_arena_printf(arena, "%s%s'%s'", text, k + 1 == n_chosen ? " or " : ", ", chosen[k]);
    return text;
}
