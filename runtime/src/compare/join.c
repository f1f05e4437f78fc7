/* join.c — the units of several sets matched by id. A tier's file is typed by other people than the unit's
 * own, so the same unit arrives as "Kanwil Jatim" in one and "kanwil jatim " in another: ids are compared
 * without ASCII case, spaces and tabs, the folding of the run's own warning about ids that differ only so
 * (read/source.c). A unit is never dropped: one present in some sets and not in others has ZI_NONE there,
 * and a set that holds one id twice keeps the first and marks the row, so the report can say which rows of
 * which file clash rather than pick one of them silently.
 */
#include <stdlib.h>

#include "compare.h"

/* The folded id into key (emptied first): without ASCII spaces and tabs, ASCII letters lower-cased. */
static void fold(struct zi_buf *key, const char *p, size_t len)
{
    key->len = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = p[i];
        if (ch == ' ' || ch == '\t') continue;
        zi_buf_putc(key, (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch);
    }
}

void zi_join_free(struct zi_join *j)
{
    free(j->rows);
    free(j->at_store);
    free(j->dup_store);
    memset(j, 0, sizeof *j);
}

int zi_join_build(struct zi_join *j, const struct zi_set *sets, size_t n_sets)
{
    memset(j, 0, sizeof *j);
    j->n_sets = n_sets;
    size_t total = 0;
    for (size_t s = 0; s < n_sets; s++)
        total += sets[s].n;
    struct zi_strmap map;
    struct zi_buf key;
    zi_buf_init(&key);
    int ok = zi_strmap_init(&map) == 0;
    j->rows = malloc((total + 1) * sizeof *j->rows);
    j->at_store = malloc((total * n_sets + 1) * sizeof *j->at_store);
    j->dup_store = calloc(total * n_sets + 1, sizeof *j->dup_store);
    ok = ok && j->rows && j->at_store && j->dup_store && total < ZI_NONE;
    for (size_t s = 0; ok && s < n_sets; s++) {
        for (size_t u = 0; ok && u < sets[s].n; u++) {
            const struct zi_set_unit *su = &sets[s].units[u];
            fold(&key, su->id, su->id_len);
            if (key.failed) break;
            uint32_t row = key.len ? zi_strmap_get(&map, key.p, key.len) : ZI_NONE;
            if (row == ZI_NONE) {
                row = (uint32_t)j->n++;
                if (key.len && zi_strmap_put(&map, key.p, key.len, row, NULL) < 0) ok = 0;
                struct zi_joined *r = &j->rows[row];
                r->id = su->id;
                r->id_len = su->id_len;
                r->at = j->at_store + (size_t)row * n_sets;
                r->dup = j->dup_store + (size_t)row * n_sets;
                for (size_t k = 0; k < n_sets; k++)
                    r->at[k] = ZI_NONE;
            }
            struct zi_joined *r = &j->rows[row];
            if (r->at[s] == ZI_NONE)
                r->at[s] = (uint32_t)u;
            else if (!r->dup[s])
                r->dup[s] = su->r->row ? su->r->row : 1;
        }
    }
    ok = ok && !key.failed;
    zi_buf_free(&key);
    zi_strmap_free(&map);
    if (!ok) zi_join_free(j);
    return ok ? 0 : -1;
}
