/* elfcheck.c — look at a file before handing it to dlopen.
 *
 * dlopen's own messages for a wrong file are terse ("invalid ELF header", "file too short"), and a shared
 * object cut short by an interrupted copy can be mapped and then fault with SIGBUS when the missing pages are
 * touched. Reading the ELF header, the program header table and the section header table first lets zirun
 * say what the file is and why it cannot be loaded, and guarantees that every loadable segment lies within
 * the file.
 *
 * It also refuses a file whose loading would run code of its own or load other libraries: dlopen runs a
 * shared object's constructors (DT_INIT, DT_INIT_ARRAY, DT_PREINIT_ARRAY) and maps what it needs (DT_NEEDED)
 * before zirun can look at the descriptor inside. A module zic built has none of these (it is linked with no
 * start files and no libraries), so nothing of a file runs before its descriptor has been checked.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zirt.h"

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr zi_ehdr;
typedef Elf64_Phdr zi_phdr;
typedef Elf64_Dyn zi_dyn;
#define ZI_ELF_CLASS ELFCLASS64
#define ZI_ELF_BITS 64
#else
typedef Elf32_Ehdr zi_ehdr;
typedef Elf32_Phdr zi_phdr;
typedef Elf32_Dyn zi_dyn;
#define ZI_ELF_CLASS ELFCLASS32
#define ZI_ELF_BITS 32
#endif

#if defined(__x86_64__)
#define ZI_ELF_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define ZI_ELF_MACHINE EM_AARCH64
#elif defined(__i386__)
#define ZI_ELF_MACHINE EM_386
#elif defined(__arm__)
#define ZI_ELF_MACHINE EM_ARM
#elif defined(__riscv)
#define ZI_ELF_MACHINE EM_RISCV
#elif defined(__powerpc64__)
#define ZI_ELF_MACHINE EM_PPC64
#elif defined(__s390x__)
#define ZI_ELF_MACHINE EM_S390
#else
#define ZI_ELF_MACHINE EM_NONE /* unknown host: the machine is left to dlopen */
#endif

static int host_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static int fail(char *err, size_t errlen, FILE *f, const char *fmt, ...) ZI_PRINTF(4, 5);
static int fail(char *err, size_t errlen, FILE *f, const char *fmt, ...)
{
    if (f) fclose(f);
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Whether [off, off + count × size) lies within a file of `file_size` bytes, without overflow. */
static int within(uint64_t off, uint64_t count, uint64_t size, uint64_t file_size)
{
    if (size && count > (UINT64_MAX - off) / size) return 0;
    return off + count * size <= file_size;
}

int zi_elf_check(const char *path, char *err, size_t errlen)
{
    /* Opened without blocking and looked at before reading: fopen would wait forever on a FIFO that no one
     * writes to. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail(err, errlen, NULL, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int failed = errno;
        close(fd);
        return fail(err, errlen, NULL, "cannot read '%s': %s", path, strerror(failed));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        if (S_ISDIR(st.st_mode))
            return fail(err, errlen, NULL, "'%s' is a directory, not a scoring module", path);
        return fail(err, errlen, NULL, "'%s' is not a regular file", path);
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return fail(err, errlen, NULL, "cannot read '%s': %s", path, strerror(errno));
    }
    uint64_t size = (uint64_t)st.st_size;
    unsigned char ident[EI_NIDENT];
    if (size < EI_NIDENT || fread(ident, 1, EI_NIDENT, f) != EI_NIDENT || memcmp(ident, ELFMAG, SELFMAG) != 0)
        return fail(err, errlen, f,
                    "'%s' is not a scoring module: not an ELF shared object (build one with `zic build`)",
                    path);
    if (ident[EI_CLASS] != ZI_ELF_CLASS)
        return fail(err, errlen, f, "'%s' is a %d-bit ELF file; this zirun loads %d-bit modules", path,
                    ident[EI_CLASS] == ELFCLASS32 ? 32 : 64, ZI_ELF_BITS);
    if (ident[EI_DATA] != (host_little_endian() ? ELFDATA2LSB : ELFDATA2MSB))
        return fail(err, errlen, f, "'%s' was built for a machine of the other byte order", path);
    zi_ehdr eh;
    if (size < sizeof eh || fseek(f, 0, SEEK_SET) != 0 || fread(&eh, sizeof eh, 1, f) != 1)
        return fail(err, errlen, f, "'%s' is truncated: %llu bytes, shorter than an ELF header", path,
                    (unsigned long long)size);
    if (eh.e_type != ET_DYN)
        return fail(err, errlen, f,
                    "'%s' is an ELF %s, not a shared object: a scoring module is built with `zic build`",
                    path,
                    eh.e_type == ET_EXEC  ? "executable"
                    : eh.e_type == ET_REL ? "object file"
                                          : "file");
    if (ZI_ELF_MACHINE != EM_NONE && eh.e_machine != ZI_ELF_MACHINE)
        return fail(err, errlen, f, "'%s' was built for another machine (ELF machine %u, this one is %u)",
                    path, (unsigned)eh.e_machine, (unsigned)ZI_ELF_MACHINE);
    if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(zi_phdr))
        return fail(err, errlen, f, "'%s' is damaged: bad program header table", path);
    if (!within(eh.e_phoff, eh.e_phnum, eh.e_phentsize, size))
        return fail(err, errlen, f,
                    "'%s' is truncated: its program headers end past its %llu bytes (copy the module again)",
                    path, (unsigned long long)size);
    if (eh.e_shnum && !within(eh.e_shoff, eh.e_shnum, eh.e_shentsize, size))
        return fail(
            err, errlen, f,
            "'%s' is truncated: its section headers end at byte %llu but the file has %llu bytes (copy "
            "the module again)",
            path, (unsigned long long)(eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize),
            (unsigned long long)size);
    if (fseek(f, (long)eh.e_phoff, SEEK_SET) != 0)
        return fail(err, errlen, f, "cannot read '%s': %s", path, strerror(errno));
    int loads = 0;
    uint64_t dyn_off = 0, dyn_size = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        zi_phdr ph;
        if (fread(&ph, sizeof ph, 1, f) != 1)
            return fail(err, errlen, f, "cannot read '%s': %s", path,
                        ferror(f) ? strerror(errno) : "short read");
        if (ph.p_type == PT_INTERP)
            return fail(err, errlen, f, "'%s' is a program (it names an interpreter), not a scoring module",
                        path);
        if (ph.p_type == PT_DYNAMIC && within(ph.p_offset, 1, ph.p_filesz, size)) {
            dyn_off = ph.p_offset;
            dyn_size = ph.p_filesz;
        }
        if (ph.p_type != PT_LOAD) continue;
        loads++;
        if (!within(ph.p_offset, 1, ph.p_filesz, size))
            return fail(err, errlen, f,
                        "'%s' is truncated: a loadable segment ends at byte %llu but the file has %llu bytes "
                        "(copy the module again)",
                        path, (unsigned long long)(ph.p_offset + ph.p_filesz), (unsigned long long)size);
    }
    if (loads == 0) return fail(err, errlen, f, "'%s' has no loadable segments", path);
    if (dyn_size && fseek(f, (long)dyn_off, SEEK_SET) != 0)
        return fail(err, errlen, f, "cannot read '%s': %s", path, strerror(errno));
    for (uint64_t at = 0; at + sizeof(zi_dyn) <= dyn_size; at += sizeof(zi_dyn)) {
        zi_dyn d;
        if (fread(&d, sizeof d, 1, f) != 1)
            return fail(err, errlen, f, "cannot read '%s': %s", path,
                        ferror(f) ? strerror(errno) : "short read");
        if (d.d_tag == DT_NULL) break;
        if (d.d_tag == DT_NEEDED)
            return fail(
                err, errlen, f,
                "'%s' needs other libraries to load: not a scoring module (a module zic builds needs none)",
                path);
        int runs = d.d_tag == DT_INIT || d.d_tag == DT_FINI || d.d_tag == DT_PREINIT_ARRAY ||
                   ((d.d_tag == DT_INIT_ARRAYSZ || d.d_tag == DT_FINI_ARRAYSZ) && d.d_un.d_val != 0);
        if (runs)
            return fail(err, errlen, f,
                        "'%s' has code that runs when it is loaded or unloaded (constructors): not a scoring "
                        "module (a module zic builds has none), and not opened",
                        path);
    }
    fclose(f);
    return 0;
}
