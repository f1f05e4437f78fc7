/* test_hostile_modules.c — files that are not a module zirun can use, each refused with its own message
 * before anything in it runs: an ELF for another machine, of the other word size or byte order, an object
 * file, an executable, a position-independent executable (an ET_DYN that dlopen itself refuses), a FIFO and a
 * device (which must not make zirun wait or read forever). Each is a copy of the fixture module with a header
 * field changed, so only that field differs from a module that loads.
 *
 * Covered in tests/runtime/test_module.c and not repeated: a module of another ABI version (bad_abi) or of
 * ABI 1 (old_abi), a plain shared library (plain_library), a text file, a directory, an empty file, four
 * truncations, a damaged descriptor of each kind.
 */
#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

static char *fixture;
static size_t fixture_len;

static void setup(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/fixture.so", ZI_MODULES_DIR);
    fixture = slurp(path, &fixture_len);
    ck_assert_ptr_nonnull(fixture);
    ck_assert_uint_ge(fixture_len, sizeof(Elf64_Ehdr));
}

static void teardown(void)
{
    free(fixture);
}

/* Loading `path` fails with exactly `want` (after the path, which the messages quote). */
static void refused(const char *path, const char *want)
{
    char err[1024];
    struct zi_loaded_module *lm = zi_module_load(path, err, sizeof err);
    ck_assert_msg(lm == NULL, "%s was loaded", path);
    ck_assert_msg(strcmp(err, want) == 0, "loading %s:\n got: %s\nwant: %s", path, err, want);
}

/* A copy of the fixture with `len` bytes at `offset` replaced; returns its path (static buffer). */
static const char *patched(const char *name, size_t offset, const void *bytes, size_t len)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", ZI_TMP_DIR, name);
    char *copy = malloc(fixture_len);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, fixture, fixture_len);
    memcpy(copy + offset, bytes, len);
    spit(path, copy, fixture_len);
    free(copy);
    return path;
}

START_TEST(elf_for_another_machine)
{
    uint16_t aarch64 = EM_AARCH64;
    const char *p = patched("aarch64.so", offsetof(Elf64_Ehdr, e_machine), &aarch64, sizeof aarch64);
    char want[1200];
    snprintf(want, sizeof want, "'%s' was built for another machine (ELF machine 183, this one is %u)", p,
             (unsigned)EM_X86_64);
#if defined(__x86_64__)
    refused(p, want);
#endif
    unsigned char class32 = ELFCLASS32, msb = ELFDATA2MSB;
    p = patched("elf32.so", EI_CLASS, &class32, 1);
    snprintf(want, sizeof want, "'%s' is a 32-bit ELF file; this zirun loads 64-bit modules", p);
    refused(p, want);
    p = patched("bigendian.so", EI_DATA, &msb, 1);
    snprintf(want, sizeof want, "'%s' was built for a machine of the other byte order", p);
    refused(p, want);
}
END_TEST

START_TEST(elf_that_is_not_a_shared_object)
{
    uint16_t rel = ET_REL, exec = ET_EXEC, core = ET_CORE;
    char want[1200];
    const char *p = patched("object.o", offsetof(Elf64_Ehdr, e_type), &rel, sizeof rel);
    snprintf(want, sizeof want,
             "'%s' is an ELF object file, not a shared object: a scoring module is built with `zic build`",
             p);
    refused(p, want);
    p = patched("exec.so", offsetof(Elf64_Ehdr, e_type), &exec, sizeof exec);
    snprintf(want, sizeof want,
             "'%s' is an ELF executable, not a shared object: a scoring module is built with `zic build`", p);
    refused(p, want);
    p = patched("core.so", offsetof(Elf64_Ehdr, e_type), &core, sizeof core);
    snprintf(want, sizeof want,
             "'%s' is an ELF file, not a shared object: a scoring module is built with `zic build`", p);
    refused(p, want);
    /* zirun itself: a position-independent executable is an ET_DYN, as a module is; its program
     * interpreter gives it away before dlopen sees it, and nothing of it runs. */
    snprintf(want, sizeof want, "'%s' is a program (it names an interpreter), not a scoring module",
             ZI_ZIRUN);
    refused(ZI_ZIRUN, want);
}
END_TEST

START_TEST(fifo_and_device)
{
    char path[1024], want[1200];
    snprintf(path, sizeof path, "%s/module.fifo", ZI_TMP_DIR);
    unlink(path);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    /* No one writes to the FIFO: opening it to read would block forever. */
    snprintf(want, sizeof want, "'%s' is not a regular file", path);
    refused(path, want);
    unlink(path);
    refused("/dev/zero", "'/dev/zero' is not a regular file");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hostile modules");
    TCase *tc = tcase_create("modules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, elf_for_another_machine);
    tcase_add_test(tc, elf_that_is_not_a_shared_object);
    tcase_add_test(tc, fifo_and_device);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
