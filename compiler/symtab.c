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

/* Levenshtein distance, giving up (returning limit + 1) once every path exceeds `limit`. */
static unsigned distance(const char *a, const char *b, unsigned limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
    unsigned row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0], best = row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            unsigned v = diag + cost;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            if (up + 1 < v) v = up + 1;
            row[j] = v;
            diag = up;
            if (v < best) best = v;
        }
        if (best > limit) return limit + 1;
    }
    return row[lb];
}

const char *zi_suggest(const char *name, const char *const *candidates, unsigned n)
{
    size_t len = strlen(name);
    /* Short names are too easily "close" to anything: allow one edit below 4 characters. */
    unsigned limit = len < 4 ? 1 : 2;
    const char *best = NULL;
    unsigned best_distance = limit + 1;
    for (unsigned i = 0; i < n; i++) {
        if (!candidates[i] || strcmp(candidates[i], name) == 0) continue;
        unsigned d = distance(name, candidates[i], limit);
        if (d < best_distance) {
            best_distance = d;
            best = candidates[i];
        }
    }
    return best;
}
