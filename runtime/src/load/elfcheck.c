/* elfcheck.c — look at a module's bytes before handing them to dlopen.
 *
 * The loader reads the file once into memory (loader.c) and checks those bytes, the very bytes it then loads:
 * what the file on disk becomes meanwhile cannot matter.
 *
 * dlopen's own messages for a wrong file are terse ("invalid ELF header", "file too short"), and a shared
 * object cut short by an interrupted copy can be mapped and then fault with SIGBUS when the missing pages are
 * touched. Reading the ELF header, the program header table and the section header table first lets zirun
 * say what the file is and why it cannot be loaded, and guarantees that every loadable segment lies within
 * the file.
 *
 * It also refuses a file whose loading would run code of its own or load other libraries: dlopen runs a
 * shared object's constructors (DT_INIT, DT_INIT_ARRAY, DT_PREINIT_ARRAY), calls the resolvers of its
 * indirect functions (GNU IFUNC: an IRELATIVE relocation, or a relocation against an IFUNC symbol the file
 * defines) while relocating it, and maps what it needs (DT_NEEDED) — all before zirun can look at the
 * descriptor inside. A module zic built has none of these (it is linked with no start files and no
 * libraries, and defines no indirect function), so nothing of a file runs before its descriptor has been
 * checked.
 */
#include <elf.h>

#include "zirt.h"

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr zi_ehdr;
typedef Elf64_Phdr zi_phdr;
typedef Elf64_Dyn zi_dyn;
typedef Elf64_Rel zi_rel;
typedef Elf64_Rela zi_rela;
typedef Elf64_Sym zi_sym;
#define ZI_ELF_CLASS ELFCLASS64
#define ZI_ELF_BITS 64
#define ZI_R_TYPE(info) ELF64_R_TYPE(info)
#define ZI_R_SYM(info) ELF64_R_SYM(info)
#define ZI_ST_TYPE(info) ELF64_ST_TYPE(info)
#else
typedef Elf32_Ehdr zi_ehdr;
typedef Elf32_Phdr zi_phdr;
typedef Elf32_Dyn zi_dyn;
typedef Elf32_Rel zi_rel;
typedef Elf32_Rela zi_rela;
typedef Elf32_Sym zi_sym;
#define ZI_ELF_CLASS ELFCLASS32
#define ZI_ELF_BITS 32
#define ZI_R_TYPE(info) ELF32_R_TYPE(info)
#define ZI_R_SYM(info) ELF32_R_SYM(info)
#define ZI_ST_TYPE(info) ELF32_ST_TYPE(info)
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

/* The relocation that calls an indirect function's resolver at load time, on this host. */
#if defined(__x86_64__)
#define ZI_R_IRELATIVE R_X86_64_IRELATIVE
#elif defined(__aarch64__)
#define ZI_R_IRELATIVE R_AARCH64_IRELATIVE
#elif defined(__i386__)
#define ZI_R_IRELATIVE R_386_IRELATIVE
#elif defined(__arm__)
#define ZI_R_IRELATIVE R_ARM_IRELATIVE
#elif defined(__riscv)
#define ZI_R_IRELATIVE R_RISCV_IRELATIVE
#elif defined(__powerpc64__)
#define ZI_R_IRELATIVE R_PPC64_IRELATIVE
#elif defined(__s390x__)
#define ZI_R_IRELATIVE R_390_IRELATIVE
#else
#define ZI_R_IRELATIVE (-1) /* unknown host: relocations are left to dlopen */
#endif

#define ZI_MAX_LOADS                                                                                         \
    16 /* loadable segments kept to find the dynamic tables in the file (zic's modules: 4)                   \
        */

static int host_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* The module's bytes, read with bounds checks. */
struct image {
    const unsigned char *p;
    uint64_t size;
};

static int fail(char *err, size_t errlen, const char *fmt, ...) ZI_PRINTF(3, 4);
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
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

/* Loadable segments: where a virtual address of the file's dynamic tables lies in the file. */
struct loads {
    uint64_t vaddr[ZI_MAX_LOADS], offset[ZI_MAX_LOADS], size[ZI_MAX_LOADS];
    unsigned n;
};

/* The file offset of [vaddr, vaddr + len), or UINT64_MAX when no segment holds it within the file. */
static uint64_t file_offset(const struct loads *l, uint64_t vaddr, uint64_t len)
{
    for (unsigned i = 0; i < l->n; i++)
        if (vaddr >= l->vaddr[i] && len <= l->size[i] && vaddr - l->vaddr[i] <= l->size[i] - len)
            return l->offset[i] + (vaddr - l->vaddr[i]);
    return UINT64_MAX;
}

static int read_at(const struct image *f, uint64_t off, void *p, size_t n)
{
    if (off > f->size || n > f->size - off) return 0;
    memcpy(p, f->p + off, n);
    return 1;
}

/* The tables relocation reads (from the dynamic section). */
struct relocs {
    uint64_t table[3], size[3], entsize[3]; /* DT_RELA, DT_REL, DT_JMPREL (whose kind says DT_PLTREL) */
    uint64_t symtab, syment;
    int plt_rela;
};

/* Whether any relocation of the file would call code of the file while dlopen relocates it: an IRELATIVE
 * relocation, or one against an indirect function the file defines. 0: none; 1: some; -1: a table lies
 * outside the file (a damaged file). */
static int runs_resolvers(const struct image *f, const struct loads *l, const struct relocs *r)
{
    for (int t = 0; t < 3; t++) {
        int rela = t == 0 || (t == 2 && r->plt_rela);
        uint64_t ent = r->entsize[t] ? r->entsize[t] : rela ? sizeof(zi_rela) : sizeof(zi_rel);
        if (!r->size[t]) continue;
        uint64_t base = file_offset(l, r->table[t], r->size[t]);
        if (ent < sizeof(zi_rel) || base == UINT64_MAX) return -1;
        for (uint64_t at = 0; at + ent <= r->size[t]; at += ent) {
            zi_rel rel; /* r_offset and r_info: the start of a Rel and of a Rela alike */
            if (!read_at(f, base + at, &rel, sizeof rel)) return -1;
            if ((long long)ZI_R_TYPE(rel.r_info) == (long long)ZI_R_IRELATIVE) return 1;
            uint64_t sym = ZI_R_SYM(rel.r_info);
            if (sym == 0 || !r->symtab) continue;
            uint64_t syment = r->syment ? r->syment : sizeof(zi_sym);
            zi_sym s;
            if (syment < sizeof s || sym > UINT64_MAX / syment) return -1;
            uint64_t off = file_offset(l, r->symtab + sym * syment, sizeof s);
            if (off == UINT64_MAX || !read_at(f, off, &s, sizeof s)) return -1;
            if (ZI_ST_TYPE(s.st_info) == STT_GNU_IFUNC && s.st_shndx != SHN_UNDEF) return 1;
        }
    }
    return 0;
}

int zi_elf_check(const char *path, const unsigned char *bytes, size_t n, char *err, size_t errlen)
{
    struct image image = {.p = bytes, .size = n}, *f = &image;
    uint64_t size = image.size;
    unsigned char ident[EI_NIDENT];
    if (!read_at(f, 0, ident, EI_NIDENT) || memcmp(ident, ELFMAG, SELFMAG) != 0)
        return fail(err, errlen,
                    "'%s' is not a scoring module: not an ELF shared object (build one with `zic build`)",
                    path);
    if (ident[EI_CLASS] != ZI_ELF_CLASS)
        return fail(err, errlen, "'%s' is a %d-bit ELF file; this zirun loads %d-bit modules", path,
                    ident[EI_CLASS] == ELFCLASS32 ? 32 : 64, ZI_ELF_BITS);
    if (ident[EI_DATA] != (host_little_endian() ? ELFDATA2LSB : ELFDATA2MSB))
        return fail(err, errlen, "'%s' was built for a machine of the other byte order", path);
    zi_ehdr eh;
    if (!read_at(f, 0, &eh, sizeof eh))
        return fail(err, errlen, "'%s' is truncated: %llu bytes, shorter than an ELF header", path,
                    (unsigned long long)size);
    if (eh.e_type != ET_DYN)
        return fail(err, errlen,
                    "'%s' is an ELF %s, not a shared object: a scoring module is built with `zic build`",
                    path,
                    eh.e_type == ET_EXEC  ? "executable"
                    : eh.e_type == ET_REL ? "object file"
                                          : "file");
    if (ZI_ELF_MACHINE != EM_NONE && eh.e_machine != ZI_ELF_MACHINE)
        return fail(err, errlen, "'%s' was built for another machine (ELF machine %u, this one is %u)", path,
                    (unsigned)eh.e_machine, (unsigned)ZI_ELF_MACHINE);
    if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(zi_phdr))
        return fail(err, errlen, "'%s' is damaged: bad program header table", path);
    if (!within(eh.e_phoff, eh.e_phnum, eh.e_phentsize, size))
        return fail(err, errlen,
                    "'%s' is truncated: its program headers end past its %llu bytes (copy the module again)",
                    path, (unsigned long long)size);
    if (eh.e_shnum && !within(eh.e_shoff, eh.e_shnum, eh.e_shentsize, size))
        return fail(
            err, errlen,
            "'%s' is truncated: its section headers end at byte %llu but the file has %llu bytes (copy "
            "the module again)",
            path, (unsigned long long)(eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize),
            (unsigned long long)size);
    int loads = 0;
    struct loads segments = {.n = 0};
    uint64_t dyn_off = 0, dyn_size = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        zi_phdr ph;
        if (!read_at(f, eh.e_phoff + (uint64_t)i * sizeof ph, &ph, sizeof ph))
            return fail(err, errlen, "'%s' is damaged: bad program header table", path);
        if (ph.p_type == PT_INTERP)
            return fail(err, errlen, "'%s' is a program (it names an interpreter), not a scoring module",
                        path);
        if (ph.p_type == PT_DYNAMIC && within(ph.p_offset, 1, ph.p_filesz, size)) {
            dyn_off = ph.p_offset;
            dyn_size = ph.p_filesz;
        }
        if (ph.p_type != PT_LOAD) continue;
        loads++;
        if (segments.n < ZI_MAX_LOADS) {
            /* What of the segment the file holds: the rest (its .bss) is zeros, and no table lies there. */
            segments.vaddr[segments.n] = ph.p_vaddr;
            segments.offset[segments.n] = ph.p_offset;
            segments.size[segments.n] = ph.p_filesz;
            segments.n++;
        }
        if (!within(ph.p_offset, 1, ph.p_filesz, size))
            return fail(err, errlen,
                        "'%s' is truncated: a loadable segment ends at byte %llu but the file has %llu bytes "
                        "(copy the module again)",
                        path, (unsigned long long)(ph.p_offset + ph.p_filesz), (unsigned long long)size);
    }
    if (loads == 0) return fail(err, errlen, "'%s' has no loadable segments", path);
    struct relocs relocs = {.plt_rela = 0};
    for (uint64_t at = 0; at + sizeof(zi_dyn) <= dyn_size; at += sizeof(zi_dyn)) {
        zi_dyn d;
        if (!read_at(f, dyn_off + at, &d, sizeof d))
            return fail(err, errlen, "'%s' is damaged: its dynamic section lies outside the file", path);
        if (d.d_tag == DT_NULL) break;
        switch (d.d_tag) {
        case DT_RELA:
            relocs.table[0] = d.d_un.d_ptr;
            break;
        case DT_RELASZ:
            relocs.size[0] = d.d_un.d_val;
            break;
        case DT_RELAENT:
            relocs.entsize[0] = d.d_un.d_val;
            break;
        case DT_REL:
            relocs.table[1] = d.d_un.d_ptr;
            break;
        case DT_RELSZ:
            relocs.size[1] = d.d_un.d_val;
            break;
        case DT_RELENT:
            relocs.entsize[1] = d.d_un.d_val;
            break;
        case DT_JMPREL:
            relocs.table[2] = d.d_un.d_ptr;
            break;
        case DT_PLTRELSZ:
            relocs.size[2] = d.d_un.d_val;
            break;
        case DT_PLTREL:
            relocs.plt_rela = d.d_un.d_val == DT_RELA;
            break;
        case DT_SYMTAB:
            relocs.symtab = d.d_un.d_ptr;
            break;
        case DT_SYMENT:
            relocs.syment = d.d_un.d_val;
            break;
        default:
            break;
        }
        if (d.d_tag == DT_NEEDED)
            return fail(
                err, errlen,
                "'%s' needs other libraries to load: not a scoring module (a module zic builds needs none)",
                path);
        int runs = d.d_tag == DT_INIT || d.d_tag == DT_FINI || d.d_tag == DT_PREINIT_ARRAY ||
                   ((d.d_tag == DT_INIT_ARRAYSZ || d.d_tag == DT_FINI_ARRAYSZ) && d.d_un.d_val != 0);
        if (runs)
            return fail(err, errlen,
                        "'%s' has code that runs when it is loaded or unloaded (constructors): not a scoring "
                        "module (a module zic builds has none), and not opened",
                        path);
    }
    relocs.entsize[2] = relocs.entsize[relocs.plt_rela ? 0 : 1];
    int resolvers = runs_resolvers(f, &segments, &relocs);
    if (resolvers < 0)
        return fail(err, errlen,
                    "'%s' is damaged: a relocation table lies outside the file (copy the module again)",
                    path);
    if (resolvers)
        return fail(
            err, errlen,
            "'%s' has indirect functions whose resolvers run when it is loaded (GNU IFUNC): not a scoring "
            "module (a module zic builds has none), and not opened",
            path);
    return 0;
}
