/* names.c — from a column header or JSON key to an input.
 *
 * Worksheets name their columns in different ways: by the LKE number ("A.I.1.i.a", the input key), by the
 * criteria's path ("pengungkit.pemenuhan.tim_kerja.a"), or by a short identifier ("ipak"), and Excel users
 * change case freely. Names are tried in that order of precedence: a key always wins over a path, a path over
 * an identifier, so adding an identifier can never steal a column from a key. A name that two inputs share
 * at the same precedence (an identifier such as "a" that many items have, or two keys that differ only in
 * case) is ambiguous and reported as such rather than guessed. A fact is named by its key alone
 * ("instansi.opini_bpk", FACTS.FACT, which is also its path).
 */
#include <stdlib.h>

#include "zirt.h"

#define ZI_AMBIG (UINT32_MAX - 1)
#define ZI_MAX_NAME 512

static void fold(const char *p, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++)
        out[i] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] - 'A' + 'a') : p[i];
}

/* The part of an input's key after its item code ("perubahan" in "A.II.1.i.a.perubahan"), or NULL. */
static const char *input_name(const struct zi_input_desc *d)
{
    size_t n = strlen(d->item_code);
    if (strncmp(d->key, d->item_code, n) == 0 && d->key[n] == '.' && d->key[n + 1]) return d->key + n + 1;
    return NULL;
}

/* Adds one precedence tier of names: within the tier a repeated name with another input is ambiguous; a
 * name already present from a stronger tier is left alone. */
static int add_tier(struct zi_strmap *map, char **names, const uint32_t *inputs, uint32_t n)
{
    struct zi_strmap tier;
    if (zi_strmap_init(&tier) != 0) return -1;
    int rc = 0;
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        if (!names[i]) continue;
        size_t len = strlen(names[i]);
        uint32_t old;
        int r = zi_strmap_put(&tier, names[i], len, inputs[i], &old);
        if (r < 0)
            rc = -1;
        else if (r == 1 && old != inputs[i])
            *zi_strmap_ref(&tier, names[i], len) = ZI_AMBIG;
    }
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        if (!names[i]) continue;
        size_t len = strlen(names[i]);
        if (zi_strmap_put(map, names[i], len, zi_strmap_get(&tier, names[i], len), NULL) < 0) rc = -1;
    }
    zi_strmap_free(&tier);
    return rc;
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    char *s = malloc(la + lb + 2);
    if (!s) return NULL;
    memcpy(s, a, la);
    if (b) {
        s[la] = '.';
        memcpy(s + la + 1, b, lb);
        la += lb + 1;
    }
    s[la] = '\0';
    return s;
}

int zi_names_init(struct zi_names *nm, const struct zi_module *m)
{
    uint32_t n = m->n_inputs;
    int rc = -1;
    memset(nm, 0, sizeof *nm);
    uint32_t *inputs = malloc((n ? n : 1) * sizeof *inputs);
    uint32_t *per_item = calloc(m->n_outputs, sizeof *per_item);
    char **names[3] = {calloc(n ? n : 1, sizeof(char *)), calloc(n ? n : 1, sizeof(char *)),
                       calloc(n ? n : 1, sizeof(char *))};
    if (!inputs || !per_item || !names[0] || !names[1] || !names[2] || zi_strmap_init(&nm->exact) != 0 ||
        zi_strmap_init(&nm->folded) != 0)
        goto out;
    for (uint32_t i = 0; i < n; i++) {
        inputs[i] = i;
        if (m->inputs[i].role == ZI_ROLE_ANSWER) per_item[m->inputs[i].item]++;
    }
    /* Tier 0 keys, tier 1 paths, tier 2 identifiers (the path's last segment). */
    int oom = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct zi_input_desc *d = &m->inputs[i];
        names[0][i] = join(d->key, NULL);
        oom |= !names[0][i];
        if (d->role == ZI_ROLE_FACT) continue; /* its key is its path: FACTS.FACT */
        const char *path = m->outputs[d->item].path;
        const char *sub = per_item[d->item] > 1 ? input_name(d) : NULL;
        const char *dot = strrchr(path, '.');
        if (per_item[d->item] == 1 || sub) {
            names[1][i] = join(path, sub);
            names[2][i] = join(dot ? dot + 1 : path, sub);
            oom |= !names[1][i] || !names[2][i];
        }
    }
    if (oom) goto out;
    for (int t = 0; t < 3; t++)
        if (add_tier(&nm->exact, names[t], inputs, n) != 0) goto out;
    for (int t = 0; t < 3; t++) {
        for (uint32_t i = 0; i < n; i++)
            if (names[t][i]) fold(names[t][i], strlen(names[t][i]), names[t][i]);
        if (add_tier(&nm->folded, names[t], inputs, n) != 0) goto out;
    }
    rc = 0;
out:
    for (int t = 0; t < 3; t++) {
        for (uint32_t i = 0; names[t] && i < n; i++)
            free(names[t][i]);
        free(names[t]);
    }
    free(inputs);
    free(per_item);
    if (rc != 0) zi_names_free(nm);
    return rc;
}

void zi_names_free(struct zi_names *nm)
{
    zi_strmap_free(&nm->exact);
    zi_strmap_free(&nm->folded);
}

static int32_t decode(uint32_t v)
{
    return v == ZI_NONE ? ZI_NAME_UNKNOWN : v == ZI_AMBIG ? ZI_NAME_AMBIGUOUS : (int32_t)v;
}

int32_t zi_names_find(const struct zi_names *nm, const char *p, size_t len)
{
    zi_trim(&p, &len);
    uint32_t v = zi_strmap_get(&nm->exact, p, len);
    if (v != ZI_NONE) return decode(v);
    if (len > ZI_MAX_NAME) return ZI_NAME_UNKNOWN;
    char low[ZI_MAX_NAME];
    fold(p, len, low);
    return decode(zi_strmap_get(&nm->folded, low, len));
}
