/* sign.c — Ed25519 signatures of scoring modules (libsodium), the key files, and the trusted keys.
 *
 * Modules travel from the ministry to every Inspektorat and are native code, so an evaluator must be able to
 * tell that a module is the one its author built. A signed module is the ELF image followed by a trailer of
 * ZI_SIGNATURE_SIZE bytes (docs/runtime.md, "Signed modules"):
 *
 *   32 bytes  the signer's Ed25519 public key
 *   64 bytes  the Ed25519 signature of the image (every byte before the trailer)
 *    8 bytes  the image's length, little-endian
 *    8 bytes  "ZISIG01\n"
 *
 * A trailer rather than an ELF section: the signature must cover every byte that is loaded, which a section
 * inside the image cannot do without a rule for leaving itself out; and the dynamic loader reads only what
 * the ELF headers point to, so a signed module is still an ordinary shared object. zirun checks and loads the
 * image alone (loader.c).
 *
 * Key files are one line of text each, so that they can be mailed, printed and compared by eye:
 *   public:  "ed25519 <64 hex digits> NAME"          (a trusted-keys file holds any number of these)
 *   secret:  "ed25519-secret <128 hex digits> NAME"  (libsodium's secret key: the seed, then the public key)
 */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>

#include "zirt.h"

static const char magic[8] = {'Z', 'I', 'S', 'I', 'G', '0', '1', '\n'};

struct zi_keyring {
    size_t n;
    struct zi_key_entry {
        unsigned char key[crypto_sign_PUBLICKEYBYTES];
        char name[128];
    } keys[];
};

static void hex(char *dst, const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = digits[p[i] >> 4];
        dst[2 * i + 1] = digits[p[i] & 15];
    }
    dst[2 * n] = '\0';
}

static int unhex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Exactly 2n hex digits at s, then the end or a space; returns what follows, or NULL. */
static const char *unhex(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = unhex_digit(s[2 * i]), lo = hi < 0 ? -1 : unhex_digit(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return NULL;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    s += 2 * n;
    return *s == '\0' || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ? s : NULL;
}

/* The name after the key: spaces around it and the line end trimmed. */
static void copy_name(char *dst, size_t cap, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strcspn(s, "\r\n");
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= cap) n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

void zi_key_id(const unsigned char key[ZI_PUBLIC_KEY_SIZE], char id[ZI_KEY_ID_SIZE])
{
    hex(id, key, (ZI_KEY_ID_SIZE - 1) / 2);
}

int zi_key_generate(const char *name, char **secret_text, char **public_text)
{
    *secret_text = *public_text = NULL;
    if (sodium_init() < 0) return -1;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    size_t name_len = strlen(name);
    size_t sn = sizeof "ed25519-secret " + 2 * sizeof sk + 1 + name_len + 1;
    size_t pn = sizeof "ed25519 " + 2 * sizeof pk + 1 + name_len + 1;
    char *s = malloc(sn), *p = malloc(pn);
    if (!s || !p) {
        free(s);
        free(p);
        sodium_memzero(sk, sizeof sk);
        return -1;
    }
    char h[2 * crypto_sign_SECRETKEYBYTES + 1];
    hex(h, sk, sizeof sk);
    snprintf(s, sn, "ed25519-secret %s %s\n", h, name);
    hex(h, pk, sizeof pk);
    snprintf(p, pn, "ed25519 %s %s\n", h, name);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(h, sizeof h);
    *secret_text = s;
    *public_text = p;
    return 0;
}

int zi_module_sign(const unsigned char *image, size_t n, const char *secret_text,
                   unsigned char trailer[ZI_SIGNATURE_SIZE], char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "the cryptography library could not start");
        return -1;
    }
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    const char *prefix = "ed25519-secret ";
    if (strncmp(secret_text, prefix, strlen(prefix)) != 0 ||
        !unhex(secret_text + strlen(prefix), sk, sizeof sk)) {
        snprintf(
            err, errlen,
            strncmp(secret_text, "ed25519 ", 8) == 0
                ? "it is a public key: sign with the secret key file (the one without .pub)"
                : "it is not a secret key made by `zic keygen` (expected: ed25519-secret <128 hex digits>)");
        sodium_memzero(sk, sizeof sk);
        return -1;
    }
    /* The secret key ends with its public key: a damaged file would sign with one key and name another. */
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    unsigned char seed[crypto_sign_SEEDBYTES], check_pk[crypto_sign_PUBLICKEYBYTES], check_sk[sizeof sk];
    crypto_sign_ed25519_sk_to_seed(seed, sk);
    crypto_sign_seed_keypair(check_pk, check_sk, seed);
    int consistent = memcmp(pk, check_pk, sizeof pk) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(check_sk, sizeof check_sk);
    if (!consistent) {
        sodium_memzero(sk, sizeof sk);
        snprintf(err, errlen, "the secret key is damaged (its two halves do not belong together)");
        return -1;
    }
    memcpy(trailer, pk, sizeof pk);
    crypto_sign_detached(trailer + 32, NULL, image, n, sk);
    sodium_memzero(sk, sizeof sk);
    for (int i = 0; i < 8; i++)
        trailer[96 + i] = (unsigned char)((uint64_t)n >> (8 * i));
    memcpy(trailer + 104, magic, sizeof magic);
    return 0;
}

size_t zi_signature_split(const unsigned char *p, size_t n, struct zi_signature *s)
{
    memset(s, 0, sizeof *s);
    if (n < ZI_SIGNATURE_SIZE || memcmp(p + n - sizeof magic, magic, sizeof magic) != 0) return n;
    const unsigned char *t = p + n - ZI_SIGNATURE_SIZE;
    uint64_t len = 0;
    for (int i = 0; i < 8; i++)
        len |= (uint64_t)t[96 + i] << (8 * i);
    s->present = 1;
    s->length_ok = len == n - ZI_SIGNATURE_SIZE;
    memcpy(s->key, t, sizeof s->key);
    memcpy(s->sig, t + 32, sizeof s->sig);
    return n - ZI_SIGNATURE_SIZE;
}

int zi_signature_verify(const unsigned char *image, size_t n, const struct zi_signature *s)
{
    if (!s->present || !s->length_ok || sodium_init() < 0) return 0;
    return crypto_sign_verify_detached(s->sig, image, n, s->key) == 0;
}

struct zi_keyring *zi_keyring_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read the trusted keys '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct zi_keyring *k = calloc(1, sizeof *k);
    if (!k) snprintf(err, errlen, "out of memory");
    char line[1024];
    unsigned lineno = 0;
    while (k && fgets(line, sizeof line, f)) {
        lineno++;
        const char *s = line + strspn(line, " \t");
        if (*s == '#' || *s == '\n' || *s == '\r' || *s == '\0') continue;
        struct zi_key_entry e;
        const char *rest = strncmp(s, "ed25519 ", 8) == 0 ? unhex(s + 8, e.key, sizeof e.key) : NULL;
        if (!rest) {
            snprintf(
                err, errlen, "%s:%u: %s", path, lineno,
                strncmp(s, "ed25519-secret ", 15) == 0
                    ? "this is a secret key: trust the public key (the .pub file), and keep the secret one "
                      "with its owner"
                    : "not a public key (expected: ed25519 <64 hex digits> [name], as `zic keygen` writes)");
            free(k);
            fclose(f);
            return NULL;
        }
        copy_name(e.name, sizeof e.name, rest);
        struct zi_keyring *bigger = realloc(k, sizeof *k + (k->n + 1) * sizeof k->keys[0]);
        if (!bigger) {
            snprintf(err, errlen, "out of memory");
            free(k);
            k = NULL;
            break;
        }
        k = bigger;
        k->keys[k->n++] = e;
    }
    fclose(f);
    if (k && k->n == 0) {
        snprintf(err, errlen, "'%s' holds no public key", path);
        free(k);
        return NULL;
    }
    return k;
}

void zi_keyring_free(struct zi_keyring *k)
{
    free(k);
}

const char *zi_keyring_find(const struct zi_keyring *k, const unsigned char key[ZI_PUBLIC_KEY_SIZE])
{
    for (size_t i = 0; i < k->n; i++)
        if (memcmp(k->keys[i].key, key, ZI_PUBLIC_KEY_SIZE) == 0) return k->keys[i].name;
    return NULL;
}
