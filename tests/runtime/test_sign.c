/* test_sign.c — signed modules (sign.c, loader.c): a key pair, a signature the loader accepts with the
 * signer's key trusted, and each refusal with its own message — unsigned, signed by another key, altered
 * after signing — made before anything of the file is checked or loaded: a library whose constructor would
 * run at dlopen is refused for its signature, not for its constructor. Also the key files' formats and the
 * in-memory copy that makes a module immune to its file being overwritten.
 */
#include "fixture.h"

/* A key pair named `name`; the public line is also written to tmp/NAME.pub as a trusted-keys file. */
struct pair {
    char *secret, *public;
    char pub_path[1024];
};

static struct pair make_pair(const char *name)
{
    struct pair p;
    ck_assert_int_eq(zi_key_generate(name, &p.secret, &p.public), 0);
    snprintf(p.pub_path, sizeof p.pub_path, "%s/%s.pub", ZI_TMP_DIR, name);
    spit(p.pub_path, p.public, strlen(p.public));
    return p;
}

static void free_pair(struct pair *p)
{
    free(p->secret);
    free(p->public);
}

/* modules/NAME.so signed with `secret` (or not, when NULL), with byte `flip` inverted (-1: none), written to
 * tmp/OUT. */
static void write_module(const char *name, const char *secret, long flip, const char *out, char *path,
                         size_t cap)
{
    char src[1024];
    snprintf(src, sizeof src, "%s/%s.so", ZI_MODULES_DIR, name);
    size_t len;
    char *bytes = slurp(src, &len);
    ck_assert_ptr_nonnull(bytes);
    bytes = realloc(bytes, len + ZI_SIGNATURE_SIZE);
    if (secret) {
        char err[200];
        ck_assert_msg(zi_module_sign((unsigned char *)bytes, len, secret, (unsigned char *)bytes + len, err,
                                     sizeof err) == 0,
                      "%s", err);
        len += ZI_SIGNATURE_SIZE;
    }
    if (flip >= 0) bytes[flip] = (char)~bytes[flip];
    snprintf(path, cap, "%s/%s", ZI_TMP_DIR, out);
    spit(path, bytes, len);
    free(bytes);
}

static struct zi_loaded_module *load(const char *path, const char *keys, char *err, size_t errlen)
{
    struct zi_keyring *k = NULL;
    if (keys) {
        k = zi_keyring_load(keys, err, errlen);
        ck_assert_msg(k != NULL, "%s", err);
    }
    struct zi_loaded_module *lm = zi_module_load_trusted(path, k, err, errlen);
    zi_keyring_free(k);
    return lm;
}

static void refused(const char *path, const char *keys, const char *want)
{
    char err[1400] = "";
    struct zi_loaded_module *lm = load(path, keys, err, sizeof err);
    ck_assert_msg(lm == NULL, "%s should be refused", path);
    ck_assert_str_eq(err, want);
}

START_TEST(signed_module_loads_with_its_key)
{
    struct pair ministry = make_pair("ministry");
    char path[1024], err[600];
    write_module("fixture", ministry.secret, -1, "signed.so", path, sizeof path);
    struct zi_loaded_module *lm = load(path, ministry.pub_path, err, sizeof err);
    ck_assert_msg(lm != NULL, "%s", err);
    char id[ZI_KEY_ID_SIZE], want[200];
    memcpy(id, ministry.public + 8, 16);
    id[16] = '\0';
    snprintf(want, sizeof want, "ed25519 key %s (ministry, trusted)", id);
    ck_assert_str_eq(zi_loaded_module_signer(lm), want);
    ck_assert_str_eq(zi_loaded_module_get(lm)->criteria_id, "fixture");
    zi_module_unload(lm);
    /* Without trusted keys the signature is still checked, and said to be unchecked against any key. */
    lm = load(path, NULL, err, sizeof err);
    ck_assert_msg(lm != NULL, "%s", err);
    snprintf(want, sizeof want,
             "ed25519 key %s (signature valid; not checked against trusted keys: use --trust)", id);
    ck_assert_str_eq(zi_loaded_module_signer(lm), want);
    zi_module_unload(lm);
    lm = load(ZI_MODULES_DIR "/fixture.so", NULL, err, sizeof err);
    ck_assert_str_eq(zi_loaded_module_signer(lm), "not signed");
    zi_module_unload(lm);
    free_pair(&ministry);
}
END_TEST

START_TEST(trust_refuses_each_case_with_its_message)
{
    struct pair ministry = make_pair("ministry"), other = make_pair("other");
    char path[1024], msg[1400], other_id[17];
    memcpy(other_id, other.public + 8, 16);
    other_id[16] = '\0';
    /* Unsigned. */
    refused(ZI_MODULES_DIR "/fixture.so", ministry.pub_path,
            "'" ZI_MODULES_DIR "/fixture.so' was refused: it is not signed, and --trust accepts only modules "
            "signed by a trusted key (`zic build --sign KEY` signs one)");
    /* Signed by another key. */
    write_module("fixture", other.secret, -1, "other.so", path, sizeof path);
    snprintf(msg, sizeof msg,
             "'%s' was refused: it is signed by key %s, which is not one of the trusted keys", path,
             other_id);
    refused(path, ministry.pub_path, msg);
    /* One byte flipped, in the code, in the signature, and in the key (which makes it another key). */
    char ministry_id[17];
    memcpy(ministry_id, ministry.public + 8, 16);
    ministry_id[16] = '\0';
    size_t len = 0;
    char *plain = slurp(ZI_MODULES_DIR "/fixture.so", &len);
    ck_assert_ptr_nonnull(plain);
    free(plain);
    const long flips[] = {100, (long)len / 2, (long)len + 40};
    for (size_t i = 0; i < sizeof flips / sizeof flips[0]; i++) {
        write_module("fixture", ministry.secret, flips[i], "flipped.so", path, sizeof path);
        snprintf(msg, sizeof msg,
                 "'%s' was refused: it was altered after it was signed (the signature of key %s does not "
                 "match its bytes): get the module again from whoever signed it",
                 path, ministry_id);
        refused(path, ministry.pub_path, msg);
        refused(path, NULL, msg); /* a signature that does not match is refused even without --trust */
    }
    write_module("fixture", ministry.secret, (long)len + 3, "flipped_key.so", path, sizeof path);
    char err[600];
    ck_assert_ptr_null(load(path, ministry.pub_path, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "which is not one of the trusted keys"));
    /* A library whose constructor would run at dlopen: refused for its signature before any check of its
     * ELF headers (which would refuse it too), so before anything could run it. */
    write_module("ctor_library", other.secret, -1, "ctor_other.so", path, sizeof path);
    snprintf(msg, sizeof msg,
             "'%s' was refused: it is signed by key %s, which is not one of the trusted keys", path,
             other_id);
    refused(path, ministry.pub_path, msg);
    refused(ZI_MODULES_DIR "/ctor_library.so", ministry.pub_path,
            "'" ZI_MODULES_DIR "/ctor_library.so' was refused: it is not signed, and --trust accepts only "
            "modules signed by a trusted key (`zic build --sign KEY` signs one)");
    /* A trusted signature does not excuse the other checks. */
    write_module("ctor_library", ministry.secret, -1, "ctor_ministry.so", path, sizeof path);
    ck_assert_ptr_null(load(path, ministry.pub_path, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "has code that runs when it is loaded or unloaded (constructors)"));
    free_pair(&ministry);
    free_pair(&other);
}
END_TEST

START_TEST(key_files)
{
    struct pair a = make_pair("a"), b = make_pair("b");
    ck_assert_int_eq(strncmp(a.secret, "ed25519-secret ", 15), 0);
    ck_assert_uint_eq(strlen(a.secret), 15 + 128 + 1 + 1 + 1); /* "… a\n" */
    ck_assert_int_eq(strncmp(a.public, "ed25519 ", 8), 0);
    /* A trusted-keys file of several keys, with comments: a module signed by the second is accepted. */
    char keys[1024], text[1400], path[1024], err[600];
    snprintf(keys, sizeof keys, "%s/keys.txt", ZI_TMP_DIR);
    snprintf(text, sizeof text, "# Inspektorat trusted keys\n\n%s%s", a.public, b.public);
    spit(keys, text, strlen(text));
    write_module("fixture", b.secret, -1, "by_b.so", path, sizeof path);
    struct zi_loaded_module *lm = load(path, keys, err, sizeof err);
    ck_assert_msg(lm != NULL, "%s", err);
    ck_assert_ptr_nonnull(strstr(zi_loaded_module_signer(lm), "(b, trusted)"));
    zi_module_unload(lm);
    /* The wrong files. */
    spit(keys, a.secret, strlen(a.secret));
    ck_assert_ptr_null(zi_keyring_load(keys, err, sizeof err));
    snprintf(
        text, sizeof text,
        "%s:1: this is a secret key: trust the public key (the .pub file), and keep the secret one with its "
        "owner",
        keys);
    ck_assert_str_eq(err, text);
    spit(keys, "# nothing\n", 10);
    ck_assert_ptr_null(zi_keyring_load(keys, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "holds no public key"));
    spit(keys, "ed25519 abcd\n", 13);
    ck_assert_ptr_null(zi_keyring_load(keys, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, ":1: not a public key (expected: ed25519 <64 hex digits> [name]"));
    ck_assert_ptr_null(zi_keyring_load(ZI_TMP_DIR "/no-such-keys", err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "cannot read the trusted keys"));
    unsigned char image[4] = {1, 2, 3, 4}, trailer[ZI_SIGNATURE_SIZE];
    ck_assert_int_eq(zi_module_sign(image, 4, a.public, trailer, err, sizeof err), -1);
    ck_assert_str_eq(err, "it is a public key: sign with the secret key file (the one without .pub)");
    free_pair(&a);
    free_pair(&b);
}
END_TEST

/* The loader keeps no tie to the file: overwriting it after loading (as `cp` over a module in use does,
 * truncating it first) changes nothing in the loaded module. */
START_TEST(overwriting_the_file_changes_nothing)
{
    char path[1024], err[600];
    write_module("fixture", NULL, -1, "overwritten.so", path, sizeof path);
    struct zi_loaded_module *lm = load(path, NULL, err, sizeof err);
    ck_assert_msg(lm != NULL, "%s", err);
    const struct zi_module *m = zi_loaded_module_get(lm);
    spit(path, "", 0);
    write_module("bad_checksum", NULL, -1, "overwritten.so", path, sizeof path);
    ck_assert_uint_eq(m->checksum, zi_module_checksum(m));
    ck_assert_int_eq(zi_module_validate(m, err, sizeof err), 0);
    FILE *in = fopen(ZI_DATA_DIR "/clean.csv", "rb");
    char out_path[1024];
    snprintf(out_path, sizeof out_path, "%s/overwritten.out", ZI_TMP_DIR);
    FILE *out = fopen(out_path, "wb");
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = ZI_REPORT_CSV;
    ck_assert_int_eq(zi_run(m, in, "clean.csv", out, NULL, &opt, NULL), ZI_RUN_OK);
    fclose(in);
    fclose(out);
    char *got = slurp(out_path, NULL), *want = slurp(ZI_GOLDEN_DIR "/clean.csv.out", NULL);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    zi_module_unload(lm);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime sign");
    TCase *tc = tcase_create("sign");
    tcase_add_test(tc, signed_module_loads_with_its_key);
    tcase_add_test(tc, trust_refuses_each_case_with_its_message);
    tcase_add_test(tc, key_files);
    tcase_add_test(tc, overwriting_the_file_changes_nothing);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
