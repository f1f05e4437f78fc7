/* fuzz_module.c — the module loader's checks on a module file with bytes flipped: the file check before
 * dlopen (elfcheck.c) and the descriptor check after it (validate.c, checksum.c), then what reads a checked
 * descriptor (describe.c, answer.c, names.c).
 *
 * What this target does not do, and why: it never dlopens its input. zirun's loader must hand the file to
 * the dynamic loader before the descriptor can be checked, and ld.so is not written for damaged files — a
 * flipped byte in a relocation makes it write anywhere in the process, one in .init_array or a DT_NEEDED
 * entry makes it run or load anything — so a fuzzer that dlopened its inputs would crash in ld.so, or
 * corrupt its own memory and report nonsense, on files that zirun's checks have no way to see into
 * (docs/limits.md, "Modules"). Instead, after the real zi_elf_check on the bytes, a stand-in for dlopen that
 * only copies: the PT_LOAD segments are copied into one heap block, the relocations a zic module has
 * (RELATIVE, and 64/GLOB_DAT/JUMP_SLOT against its own symbols) are applied inside the block — any other
 * relocation, or one outside the block, and the file is skipped, as one ld.so could not load — the
 * descriptor is found through the dynamic symbol table, and zi_module_validate_in gets the block's segments
 * exactly as loader.c passes the mapped ones. Everything in the block outside those segments is poisoned,
 * so ASan reports any read the validator makes beyond what it was told it may read. Nothing from the file
 * is ever executed: the block is not executable, and the entry points are only compared with the segments.
 *
 * Seeds are built fresh by the fuzz build (fuzz/CMakeLists.txt), so this target follows the module ABI.
 */
#define _GNU_SOURCE /* ElfW in link.h */
#include <elf.h>
#include <link.h>
#include <sanitizer/asan_interface.h>

#include "fuzz.h"
#include "zirt.h"

#define MAX_IMAGE ((uint64_t)64 << 20) /* a bigger image is skipped: ld.so would map it, we would copy it */
#define MAX_SEGMENTS 64                /* loader.c's ZI_MAX_SEGMENTS */

static int debug; /* ZI_FUZZ_DEBUG set: say how far each input got, on stderr */

struct image {
    const uint8_t *file;
    size_t size;
    unsigned char *base;
    uint64_t len;
    ElfW(Ehdr) eh;
    uint64_t symtab, strtab, strsz, syment, rela, relasz, relaent, hash, gnu_hash, nsyms;
};

/* Whether [off, off + n) lies in the image; every read of the image goes through this. */
static int in_image(const struct image *im, uint64_t off, uint64_t n)
{
    return off <= im->len && n <= im->len - off;
}

static int read_image(const struct image *im, uint64_t off, void *out, size_t n)
{
    if (!in_image(im, off, n)) return 0;
    memcpy(out, im->base + off, n);
    return 1;
}

static ElfW(Phdr) phdr(const struct image *im, unsigned i)
{
    ElfW(Phdr) ph;
    memcpy(&ph, im->file + im->eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph); /* elfcheck saw them */
    return ph;
}

/* Copies the loadable segments into a fresh block; 0 when the file has none ld.so could map. */
static int map_segments(struct image *im)
{
    uint64_t len = 0;
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        ElfW(Phdr) ph = phdr(im, i);
        if (ph.p_type != PT_LOAD) continue;
        if (ph.p_filesz > ph.p_memsz || ph.p_vaddr > MAX_IMAGE || ph.p_memsz > MAX_IMAGE - ph.p_vaddr)
            return 0;
        if (ph.p_vaddr + ph.p_memsz > len) len = ph.p_vaddr + ph.p_memsz;
    }
    if (len == 0) return 0;
    im->len = len;
    im->base = aligned_alloc(4096, (len + 4095) & ~(uint64_t)4095);
    if (!im->base) abort();
    memset(im->base, 0, len);
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        ElfW(Phdr) ph = phdr(im, i);
        if (ph.p_type == PT_LOAD) memcpy(im->base + ph.p_vaddr, im->file + ph.p_offset, ph.p_filesz);
    }
    return 1;
}

/* The dynamic section's entries this loader needs; 0 when there is none or it is outside the image. */
static int read_dynamic(struct image *im)
{
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        ElfW(Phdr) ph = phdr(im, i);
        if (ph.p_type != PT_DYNAMIC) continue;
        for (uint64_t off = ph.p_vaddr; off + sizeof(ElfW(Dyn)) <= ph.p_vaddr + ph.p_memsz;
             off += sizeof(ElfW(Dyn))) {
            ElfW(Dyn) d;
            if (!read_image(im, off, &d, sizeof d)) return 0;
            uint64_t v = d.d_un.d_val;
            switch (d.d_tag) {
            case DT_NULL:
                return im->symtab && im->strtab;
            case DT_SYMTAB:
                im->symtab = v;
                break;
            case DT_STRTAB:
                im->strtab = v;
                break;
            case DT_STRSZ:
                im->strsz = v;
                break;
            case DT_SYMENT:
                im->syment = v;
                break;
            case DT_RELA:
                im->rela = v;
                break;
            case DT_RELASZ:
                im->relasz = v;
                break;
            case DT_RELAENT:
                im->relaent = v;
                break;
            case DT_HASH:
                im->hash = v;
                break;
            case DT_GNU_HASH:
                im->gnu_hash = v;
                break;
            case DT_REL:
                return 0; /* not used on this machine: ld.so would refuse it */
            default:
                break;
            }
        }
        return 0;
    }
    return 0;
}

/* How many dynamic symbols there are, from DT_HASH or from the GNU hash table's chains. */
static int count_symbols(struct image *im)
{
    uint32_t w[4];
    if (im->hash) {
        if (!read_image(im, im->hash, w, 8)) return 0;
        im->nsyms = w[1];
        return 1;
    }
    if (!im->gnu_hash || !read_image(im, im->gnu_hash, w, sizeof w)) return 0;
    uint64_t nbuckets = w[0], symoffset = w[1], bloom = w[2];
    uint64_t buckets = im->gnu_hash + 16 + bloom * sizeof(ElfW(Addr));
    uint64_t chains = buckets + nbuckets * 4;
    if (nbuckets > im->len || bloom > im->len || !in_image(im, buckets, nbuckets * 4)) return 0;
    uint32_t last = 0;
    for (uint64_t b = 0; b < nbuckets; b++) {
        uint32_t s;
        read_image(im, buckets + b * 4, &s, 4);
        if (s > last) last = s;
    }
    if (last < symoffset) {
        im->nsyms = symoffset;
        return 1;
    }
    for (;;) {
        uint32_t h;
        if (!read_image(im, chains + ((uint64_t)last - symoffset) * 4, &h, 4)) return 0;
        if (h & 1) break;
        last++;
    }
    im->nsyms = (uint64_t)last + 1;
    return 1;
}

static int symbol(const struct image *im, uint64_t i, ElfW(Sym) * s)
{
    return i < im->nsyms && read_image(im, im->symtab + i * sizeof *s, s, sizeof *s);
}

/* Applies the relocations; 0 when one of them is something ld.so would do differently or refuse. */
static int relocate(struct image *im)
{
#if defined(__x86_64__)
    if (!im->rela) return 1;
    if (im->relaent != sizeof(ElfW(Rela)) || !in_image(im, im->rela, im->relasz)) return 0;
    for (uint64_t off = 0; off + sizeof(ElfW(Rela)) <= im->relasz; off += sizeof(ElfW(Rela))) {
        ElfW(Rela) r;
        read_image(im, im->rela + off, &r, sizeof r);
        uint64_t type = ELF64_R_TYPE(r.r_info), value;
        if (type == R_X86_64_NONE) continue;
        if (!in_image(im, r.r_offset, 8)) return 0;
        if (type == R_X86_64_RELATIVE) {
            value = (uint64_t)(uintptr_t)im->base + (uint64_t)r.r_addend;
        } else if (type == R_X86_64_64 || type == R_X86_64_GLOB_DAT || type == R_X86_64_JUMP_SLOT) {
            ElfW(Sym) s;
            if (!symbol(im, ELF64_R_SYM(r.r_info), &s)) return 0;
            if (s.st_shndx == SHN_UNDEF) {
                if (ELF64_ST_BIND(s.st_info) != STB_WEAK) return 0; /* would come from another library */
                value = 0;
            } else {
                value = (uint64_t)(uintptr_t)im->base + s.st_value;
            }
            if (type == R_X86_64_64) value += (uint64_t)r.r_addend;
        } else {
            return 0;
        }
        memcpy(im->base + r.r_offset, &value, sizeof value);
    }
    return 1;
#else
    (void)im;
    return 0;
#endif
}

/* The descriptor's offset in the image, as dlsym would find it; 0 when not there. */
static uint64_t find_descriptor(const struct image *im)
{
    size_t want = strlen(ZI_MODULE_SYMBOL) + 1;
    for (uint64_t i = 1; i < im->nsyms; i++) {
        ElfW(Sym) s;
        if (!symbol(im, i, &s)) return 0;
        if (s.st_shndx == SHN_UNDEF || s.st_name >= im->strsz || im->strsz - s.st_name < want) continue;
        char name[64];
        if (read_image(im, im->strtab + s.st_name, name, want) && memcmp(name, ZI_MODULE_SYMBOL, want) == 0)
            return s.st_value;
    }
    return 0;
}

/* What reads a checked descriptor without calling it. */
static void use_descriptor(const struct zi_module *m)
{
    if (zi_module_describe(m, zi_fuzz_null()) != 0) abort();
    struct zi_answers *a = zi_answers_new(m);
    struct zi_names nm;
    if (!a || zi_names_init(&nm, m) != 0) abort();
    struct zi_buf why;
    zi_buf_init(&why);
    for (uint32_t i = 0; i < m->n_inputs; i++) {
        const struct zi_input_desc *in = &m->inputs[i];
        double v;
        const char *cell = in->n_labels ? in->labels[0].label : "1";
        zi_answers_read_text(a, i, cell, strlen(cell), &v, &why);
        zi_answers_read_text(a, i, "x", 1, &v, &why);
        zi_answers_read_number(a, i, 1, &v, &why);
        why.len = 0;
        if (zi_names_find(&nm, in->key, strlen(in->key)) == ZI_NAME_UNKNOWN) abort();
    }
    zi_buf_free(&why);
    zi_names_free(&nm);
    zi_answers_free(a);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    debug = getenv("ZI_FUZZ_DEBUG") != NULL;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    /* As loader.c does: a signature trailer is split off (and checked), and the image alone goes on. */
    struct zi_signature sig;
    size = zi_signature_split(data, size, &sig);
    if (sig.present && zi_signature_verify(data, size, &sig) && debug)
        fprintf(stderr, "fuzz_module: a valid signature\n");
    if (zi_elf_check("fuzz.so", data, size, err, sizeof err) != 0) {
        if (debug) fprintf(stderr, "fuzz_module: %s\n", err);
        return 0;
    }
    struct image im = {.file = data, .size = size};
    memcpy(&im.eh, data, sizeof im.eh); /* elfcheck read it */
    if (!map_segments(&im)) return 0;
    uint64_t at = 0;
    int loaded = read_dynamic(&im) && count_symbols(&im) && relocate(&im) && (at = find_descriptor(&im)) != 0;
    if (debug && !loaded) fprintf(stderr, "fuzz_module: not loadable, or no %s\n", ZI_MODULE_SYMBOL);
    if (loaded) {
        /* loader.c: the descriptor must lie in a loadable segment of the object; its readable ones are the
         * ranges every pointer is checked against. */
        struct zi_mem_range r[MAX_SEGMENTS];
        size_t n = 0;
        int inside = 0;
        uintptr_t base = (uintptr_t)im.base;
        ASAN_POISON_MEMORY_REGION(im.base, im.len);
        for (unsigned i = 0; i < im.eh.e_phnum; i++) {
            ElfW(Phdr) ph = phdr(&im, i);
            if (ph.p_type != PT_LOAD) continue;
            if (at >= ph.p_vaddr && at - ph.p_vaddr < ph.p_memsz) inside = 1;
            if (!(ph.p_flags & PF_R) || n == MAX_SEGMENTS) continue;
            r[n].lo = base + ph.p_vaddr;
            r[n].hi = base + ph.p_vaddr + ph.p_memsz;
            r[n].exec = (ph.p_flags & PF_X) != 0;
            ASAN_UNPOISON_MEMORY_REGION(im.base + ph.p_vaddr, ph.p_memsz);
            n++;
        }
        /* The symbol's address is the file's word: only once it is known to lie in a segment is it an
         * address in the image (a flipped st_value made base + at wrap around). */
        const struct zi_module *m = inside ? (const struct zi_module *)(im.base + at) : NULL;
        int valid = m && zi_module_validate_in(m, r, n, err, sizeof err) == 0;
        if (debug) fprintf(stderr, "fuzz_module: %s\n", valid ? "valid" : inside ? err : "outside");
        if (valid) use_descriptor(m);
        ASAN_UNPOISON_MEMORY_REGION(im.base, im.len);
    }
    free(im.base);
    return 0;
}
