/* strmap.c — a string → uint32 map with open addressing and linear probing.
 *
 * Small and used where a name must be looked up per cell or per row (long-format item codes, JSON answer
 * keys, long-format unit ids), so lookups avoid allocation and compare a 64-bit hash before any bytes.
 * Keys are copied into one growing buffer and referred to by offset, so growing never invalidates them.
 */
#include <stdlib.h>

#include "zirt.h"

uint64_t zi_hash_bytes(const char *p, size_t len)
{
    /* FNV-1a, then a murmur-style finaliser so that the low bits (the slot) depend on every byte. */
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h ? h : 1; /* 0 marks an empty slot */
}

int zi_strmap_init(struct zi_strmap *m)
{
    m->cap = 64;
    m->n = 0;
    zi_buf_init(&m->keys);
    m->slots = calloc(m->cap, sizeof *m->slots);
    return m->slots ? 0 : -1;
}

void zi_strmap_free(struct zi_strmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->n = 0;
    zi_buf_free(&m->keys);
}

static size_t find(const struct zi_strmap *m, uint64_t h, const char *p, size_t len)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct zi_strmap_slot *s = &m->slots[i];
        if (s->hash == 0) return i;
        if (s->hash == h && s->key_len == len && memcmp(m->keys.p + s->key, p, len) == 0) return i;
    }
}

uint32_t zi_strmap_get(const struct zi_strmap *m, const char *p, size_t len)
{
    uint64_t h = zi_hash_bytes(p, len);
    const struct zi_strmap_slot *s = &m->slots[find(m, h, p, len)];
    return s->hash ? s->value : ZI_NONE;
}

uint32_t *zi_strmap_ref(struct zi_strmap *m, const char *p, size_t len)
{
    uint64_t h = zi_hash_bytes(p, len);
    struct zi_strmap_slot *s = &m->slots[find(m, h, p, len)];
    return s->hash ? &s->value : NULL;
}

static int grow(struct zi_strmap *m)
{
    size_t cap = m->cap * 2;
    struct zi_strmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].hash) continue;
        size_t j = (size_t)m->slots[i].hash & (cap - 1);
        while (slots[j].hash)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

int zi_strmap_put(struct zi_strmap *m, const char *p, size_t len, uint32_t value, uint32_t *old)
{
    if (len > UINT32_MAX || m->keys.len > UINT32_MAX - len - 1) return -1;
    if ((m->n + 1) * 4 > m->cap * 3 && grow(m) != 0) return -1;
    uint64_t h = zi_hash_bytes(p, len);
    struct zi_strmap_slot *s = &m->slots[find(m, h, p, len)];
    if (s->hash) {
        if (old) *old = s->value;
        return 1;
    }
    size_t off = m->keys.len;
    zi_buf_append(&m->keys, p, len);
    zi_buf_putc(&m->keys, '\0');
    if (m->keys.failed) return -1;
    s->hash = h;
    s->key = (uint32_t)off;
    s->key_len = (uint32_t)len;
    s->value = value;
    m->n++;
    return 0;
}
