/* idset.c — duplicate unit ids, in 16 bytes per unit.
 *
 * Every unit id must be checked against every earlier one, so something has to grow with the number of
 * units; keeping only a 64-bit hash and the first row (not the id text) keeps that at 16 bytes a slot —
 * 32 MB for a million units at worst — while the report itself streams. The price is that two different
 * ids with the same 64-bit hash would be reported as duplicates: for a million units, a chance of about
 * one in 3·10^7.
 */
#include <stdlib.h>

#include "zirt.h"

int zi_idset_init(struct zi_idset *s)
{
    s->cap = 1024;
    s->n = 0;
    s->hash = calloc(s->cap, sizeof *s->hash);
    s->row = calloc(s->cap, sizeof *s->row);
    if (!s->hash || !s->row) {
        zi_idset_free(s);
        return -1;
    }
    return 0;
}

void zi_idset_free(struct zi_idset *s)
{
    free(s->hash);
    free(s->row);
    s->hash = s->row = NULL;
    s->cap = s->n = 0;
}

static int grow(struct zi_idset *s)
{
    size_t cap = s->cap * 2;
    uint64_t *hash = calloc(cap, sizeof *hash), *row = calloc(cap, sizeof *row);
    if (!hash || !row) {
        free(hash);
        free(row);
        return -1;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->hash[i])
            continue;
        size_t j = (size_t)s->hash[i] & (cap - 1);
        while (hash[j])
            j = (j + 1) & (cap - 1);
        hash[j] = s->hash[i];
        row[j] = s->row[i];
    }
    free(s->hash);
    free(s->row);
    s->hash = hash;
    s->row = row;
    s->cap = cap;
    return 0;
}

int zi_idset_add(struct zi_idset *s, const char *p, size_t len, uint64_t row, uint64_t *first_row)
{
    if ((s->n + 1) * 4 > s->cap * 3 && grow(s) != 0)
        return -1;
    uint64_t h = zi_hash_bytes(p, len);
    size_t mask = s->cap - 1;
    size_t i = (size_t)h & mask;
    while (s->hash[i]) {
        if (s->hash[i] == h) {
            if (first_row)
                *first_row = s->row[i];
            return 1;
        }
        i = (i + 1) & mask;
    }
    s->hash[i] = h;
    s->row[i] = row;
    s->n++;
    return 0;
}
