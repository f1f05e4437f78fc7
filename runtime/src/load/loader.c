/* loader.c — zi_module_load: from a file name to a descriptor the runtime can trust.
 *
 * The file is read once into memory, and everything after that is about those bytes, never the file again:
 * the signature (sign.c) when there is one or when trusted keys are given, the ELF checks (elfcheck.c), and
 * dlopen, which loads a sealed in-memory copy of exactly those bytes (a memfd with every write sealed off,
 * opened as /proc/self/fd/N). Replacing or overwriting the file during a run — or between the checks and
 * dlopen — therefore changes nothing that was checked or loaded: a module opened straight from its file would
 * be mapped from the page cache, where `cp` over it rewrites the running code (and truncating it makes the
 * next page fault a SIGBUS).
 *
 * Then: it exports ZI_MODULE_SYMBOL; the descriptor passes every check of zi_module_validate, with the extra
 * requirement that each pointer in it stays inside the object just loaded (its PT_LOAD segments, found with
 * dl_iterate_phdr), so a damaged table is refused instead of followed.
 */
#define _GNU_SOURCE /* dl_iterate_phdr, memfd_create, F_ADD_SEALS */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zirt.h"

#define ZI_MAX_MODULE_BYTES ((size_t)64 << 20) /* docs/limits.md: the LKE's module is about 130 KB */
#define ZI_MAX_SEGMENTS 64

struct zi_loaded_module {
    void *handle;
    int fd; /* the sealed copy, open while the module is loaded (see zi_module_load_trusted) */
    const struct zi_module *m;
    char signer[200];
};

struct segments {
    uintptr_t probe; /* an address inside the object (the descriptor) */
    struct zi_mem_range r[ZI_MAX_SEGMENTS];
    size_t n;
    int found;
};

static int collect(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct segments *s = data;
    int mine = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && s->probe >= lo && s->probe < lo + ph->p_memsz) mine = 1;
    }
    if (!mine) return 0;
    for (int i = 0; i < info->dlpi_phnum && s->n < ZI_MAX_SEGMENTS; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_R)) continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        s->r[s->n].lo = lo;
        s->r[s->n].hi = lo + ph->p_memsz;
        s->r[s->n].exec = (ph->p_flags & PF_X) != 0;
        s->n++;
    }
    s->found = 1;
    return 1;
}

static struct zi_loaded_module *refuse(void *handle, char *err, size_t errlen, const char *path,
                                       const char *why)
{
    if (err && errlen) snprintf(err, errlen, "'%s' was refused: %s", path, why);
    if (handle) dlclose(handle);
    return NULL;
}

/* The whole file at `path`, read once: *n bytes, owned by the caller; NULL with a message. */
static unsigned char *read_module(const char *path, size_t *n, char *err, size_t errlen)
{
    /* Opened without blocking and looked at before reading: a read would wait forever on a FIFO that no one
     * writes to. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (S_ISDIR(st.st_mode))
        why = "a directory";
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file";
    else if ((uint64_t)st.st_size > ZI_MAX_MODULE_BYTES)
        why = "larger than 64 MiB";
    if (why) {
        close(fd);
        if (S_ISDIR(st.st_mode))
            snprintf(err, errlen, "'%s' is a directory, not a scoring module", path);
        else if (!S_ISREG(st.st_mode))
            snprintf(err, errlen, "'%s' is not a regular file", path);
        else
            snprintf(err, errlen, "'%s' cannot be a scoring module: %s", path, why);
        return NULL;
    }
    /* Read to the end, not to the size fstat gave: the file may change while it is read, and what was read
     * is what will be checked and loaded. */
    size_t cap = (size_t)st.st_size + 1, len = 0;
    unsigned char *p = malloc(cap);
    while (p) {
        if (len == cap) {
            unsigned char *bigger = cap < ZI_MAX_MODULE_BYTES ? realloc(p, cap * 2) : NULL;
            if (!bigger) break;
            p = bigger;
            cap *= 2;
        }
        ssize_t got = read(fd, p + len, cap - len);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            if (got < 0) why = strerror(errno);
            close(fd);
            if (!why) {
                *n = len;
                return p;
            }
            free(p);
            snprintf(err, errlen, "cannot read '%s': %s", path, why);
            return NULL;
        }
        len += (size_t)got;
    }
    close(fd);
    free(p);
    snprintf(err, errlen, "cannot read '%s': out of memory, or it grew past 64 MiB while it was read", path);
    return NULL;
}

/* Refuses, or describes, the module's signature: 0 to go on, -1 with a message. */
static int check_signature(const char *path, const unsigned char *image, size_t n,
                           const struct zi_signature *sig, const struct zi_keyring *trusted,
                           struct zi_loaded_module *lm, char *err, size_t errlen)
{
    char id[ZI_KEY_ID_SIZE];
    zi_key_id(sig->key, id);
    if (!sig->present) {
        if (trusted) {
            snprintf(
                err, errlen,
                "'%s' was refused: it is not signed, and --trust accepts only modules signed by a trusted "
                "key (`zic build --sign KEY` signs one)",
                path);
            return -1;
        }
        snprintf(lm->signer, sizeof lm->signer, "not signed");
        return 0;
    }
    const char *name = trusted ? zi_keyring_find(trusted, sig->key) : NULL;
    if (trusted && !name) {
        snprintf(err, errlen,
                 "'%s' was refused: it is signed by key %s, which is not one of the trusted keys", path, id);
        return -1;
    }
    if (!zi_signature_verify(image, n, sig)) {
        snprintf(
            err, errlen,
            "'%s' was refused: it was altered after it was signed (the signature of key %s does not match "
            "its bytes): get the module again from whoever signed it",
            path, id);
        return -1;
    }
    if (name)
        snprintf(lm->signer, sizeof lm->signer, "ed25519 key %s (%s%strusted)", id, name,
                 name[0] ? ", " : "");
    else
        snprintf(lm->signer, sizeof lm->signer,
                 "ed25519 key %s (signature valid; not checked against trusted keys: use --trust)", id);
    return 0;
}

/* A sealed in-memory file holding exactly [p, p+n): nothing can write to it, grow it or shrink it any more.
 * Its descriptor, or -1 with a message. */
static int sealed_copy(const char *path, const unsigned char *p, size_t n, char *err, size_t errlen)
{
    int fd = memfd_create("zi-module", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        snprintf(err, errlen, "'%s' was not loaded: cannot make a sealed copy in memory: %s", path,
                 strerror(errno));
        return -1;
    }
    for (size_t done = 0; done < n;) {
        ssize_t w = write(fd, p + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            snprintf(err, errlen, "'%s' was not loaded: cannot copy it in memory: %s", path,
                     w < 0 ? strerror(errno) : "no progress");
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        snprintf(err, errlen, "'%s' was not loaded: cannot seal its copy in memory: %s", path,
                 strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

struct zi_loaded_module *zi_module_load_trusted(const char *path, const struct zi_keyring *trusted, char *err,
                                                size_t errlen)
{
    char scratch[8];
    if (!err || !errlen) err = scratch, errlen = sizeof scratch;
    struct zi_loaded_module *lm = calloc(1, sizeof *lm);
    if (!lm) return refuse(NULL, err, errlen, path, "out of memory");
    size_t size;
    unsigned char *bytes = read_module(path, &size, err, errlen);
    if (!bytes) {
        free(lm);
        return NULL;
    }
    struct zi_signature sig;
    size_t n = zi_signature_split(bytes, size, &sig);
    int fd = -1;
    if (check_signature(path, bytes, n, &sig, trusted, lm, err, errlen) == 0 &&
        zi_elf_check(path, bytes, n, err, errlen) == 0)
        fd = sealed_copy(path, bytes, n, err, errlen);
    free(bytes);
    if (fd < 0) {
        free(lm);
        return NULL;
    }
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    dlerror();
    void *h = dlopen(proc, RTLD_NOW | RTLD_LOCAL);
    /* The copy stays open until zi_module_unload: dlopen knows an object by its name first, so a second
     * module opened as the same /proc/self/fd/N — the number of a closed copy, reused — would be given the
     * first module's handle, and a process that loads two would score with the wrong one. */
    if (!h) {
        close(fd);
        free(lm);
        const char *why = dlerror();
        if (!why) why = "dlopen failed";
        /* dlerror names the copy ("/proc/self/fd/3: …"); the user knows the module by its own name. */
        size_t proc_len = strlen(proc);
        if (strncmp(why, proc, proc_len) == 0 && strncmp(why + proc_len, ": ", 2) == 0) why += proc_len + 2;
        if (access("/proc/self/fd", F_OK) != 0)
            why = "/proc is not mounted, and modules are loaded through it";
        return refuse(NULL, err, errlen, path, why);
    }
    dlerror();
    const struct zi_module *m = dlsym(h, ZI_MODULE_SYMBOL);
    if (!m) {
        close(fd);
        free(lm);
        dlerror();
        if (dlsym(h, "zi_module_v1"))
            return refuse(h, err, errlen, path,
                          "it was built for module ABI 1 by an older zic; rebuild it with `zic build`");
        return refuse(h, err, errlen, path,
                      "it does not export " ZI_MODULE_SYMBOL ": not a zic scoring module");
    }
    struct segments seg = {.probe = (uintptr_t)m};
    dl_iterate_phdr(collect, &seg);
    char why[400];
    if (!seg.found || zi_module_validate_in(m, seg.r, seg.n, why, sizeof why) != 0) {
        close(fd);
        free(lm);
        return refuse(h, err, errlen, path, seg.found ? why : ZI_MODULE_SYMBOL " does not lie in the module");
    }
    lm->handle = h;
    lm->fd = fd;
    lm->m = m;
    return lm;
}

struct zi_loaded_module *zi_module_load(const char *path, char *err, size_t errlen)
{
    return zi_module_load_trusted(path, NULL, err, errlen);
}

const char *zi_loaded_module_signer(const struct zi_loaded_module *lm)
{
    return lm->signer;
}

const struct zi_module *zi_loaded_module_get(const struct zi_loaded_module *lm)
{
    return lm->m;
}

void zi_module_unload(struct zi_loaded_module *lm)
{
    if (!lm) return;
    dlclose(lm->handle);
    close(lm->fd);
    free(lm);
}
