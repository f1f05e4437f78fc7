/* idset.c — duplicate unit ids, in about 20 bytes per unit.
 *
 * Every unit id must be checked against every earlier one, so something has to grow with the number of
 * units. Keeping only a 64-bit hash and the first row of each id (12 bytes a slot, not the id's text) keeps
 * that to about 20 MB per million units while the report itself streams; splitting the table into shards
 * that grow one at a time keeps the moment of growth from doubling the peak. The price of keeping hashes:
 * two different ids with the same 64-bit hash would be reported as duplicates — for a million units, a
 * chance of about one in 3·10^7.
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_IDSET_FIRST 16 /* slots per shard at the start */
/* Ids a shard may hold: 2^21 a shard, so about 134 million units a run (2.7 GB of table) before the run stops
 * with a clear error instead of the machine running out of memory (docs/limits.md). Tests build this file
 * with a smaller value. */
#ifndef ZI_IDSET_SHARD_MAX
#define ZI_IDSET_SHARD_MAX ((uint32_t)1 << 21)
#endif

int zi_idset_init(struct zi_idset *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < ZI_IDSET_SHARDS; i++) {
        struct zi_idset_shard *sh = &s->shard[i];
        sh->cap = ZI_IDSET_FIRST;
        sh->hash = calloc(sh->cap, sizeof *sh->hash);
        sh->row = calloc(sh->cap, sizeof *sh->row);
        if (!sh->hash || !sh->row) {
            zi_idset_free(s);
            return -1;
        }
    }
    return 0;
}

void zi_idset_free(struct zi_idset *s)
{
    for (int i = 0; i < ZI_IDSET_SHARDS; i++) {
        free(s->shard[i].hash);
        free(s->shard[i].row);
    }
    memset(s, 0, sizeof *s);
}

static int grow(struct zi_idset_shard *sh)
{
    size_t cap = (size_t)sh->cap * 2;
    uint64_t *hash = calloc(cap, sizeof *hash);
    uint32_t *row = calloc(cap, sizeof *row);
    if (!hash || !row || cap > UINT32_MAX) {
        free(hash);
        free(row);
        return -1;
    }
    for (size_t i = 0; i < sh->cap; i++) {
        if (!sh->hash[i]) continue;
        size_t j = (size_t)sh->hash[i] & (cap - 1);
        while (hash[j])
            j = (j + 1) & (cap - 1);
        hash[j] = sh->hash[i];
        row[j] = sh->row[i];
    }
    free(sh->hash);
    free(sh->row);
    sh->hash = hash;
    sh->row = row;
    sh->cap = (uint32_t)cap;
    return 0;
}

int zi_idset_add(struct zi_idset *s, uint64_t h, uint64_t row, uint64_t *first_row)
{
    struct zi_idset_shard *sh = &s->shard[h >> (64 - ZI_IDSET_SHARD_BITS)];
    if (sh->n >= ZI_IDSET_SHARD_MAX) return -2;
    if (((size_t)sh->n + 1) * 4 > (size_t)sh->cap * 3 && grow(sh) != 0) return -1;
    size_t mask = sh->cap - 1;
    size_t i = (size_t)h & mask;
    while (sh->hash[i]) {
        if (sh->hash[i] == h) {
            if (first_row) *first_row = sh->row[i];
            return 1;
        }
        i = (i + 1) & mask;
    }
    sh->hash[i] = h;
    sh->row[i] = row > UINT32_MAX ? UINT32_MAX : (uint32_t)row; /* rows past 4·10^9 are not worksheets */
    sh->n++;
    return 0;
}
