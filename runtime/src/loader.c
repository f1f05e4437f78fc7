/* loader.c — zi_module_load: from a file name to a descriptor the runtime can trust.
 *
 * Order of checks, each with its own message: the file is an ELF shared object for this machine and is not
 * truncated (elfcheck.c); dlopen succeeds; it exports ZI_MODULE_SYMBOL; the descriptor passes every check of
 * zi_module_validate, with the extra requirement that each pointer in it stays inside the object just loaded
 * (its PT_LOAD segments, found with dl_iterate_phdr), so a damaged table is refused instead of followed.
 */
#define _GNU_SOURCE /* dl_iterate_phdr: the only way to learn where the object's segments were mapped */
#include <dlfcn.h>
#include <link.h>
#include <stdlib.h>

#include "zirt.h"

#define ZI_MAX_SEGMENTS 64

struct zi_loaded_module {
    void *handle;
    const struct zi_module *m;
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

struct zi_loaded_module *zi_module_load(const char *path, char *err, size_t errlen)
{
    if (zi_elf_check(path, err, errlen) != 0) return NULL;
    /* dlopen searches the library path for a bare name; a module is always a file the user named. */
    char *local = NULL;
    const char *open_path = path;
    if (!strchr(path, '/')) {
        local = malloc(strlen(path) + 3);
        if (!local) return refuse(NULL, err, errlen, path, "out of memory");
        strcpy(local, "./");
        strcat(local, path);
        open_path = local;
    }
    dlerror();
    void *h = dlopen(open_path, RTLD_NOW | RTLD_LOCAL);
    free(local);
    if (!h) {
        const char *why = dlerror();
        return refuse(NULL, err, errlen, path, why ? why : "dlopen failed");
    }
    dlerror();
    const struct zi_module *m = dlsym(h, ZI_MODULE_SYMBOL);
    if (!m) {
        dlerror();
        if (dlsym(h, "zi_module_v1"))
            return refuse(h, err, errlen, path,
                          "it was built for module ABI 1 by an older zic; rebuild it with `zic build`");
        return refuse(h, err, errlen, path,
                      "it does not export " ZI_MODULE_SYMBOL ": not a zic scoring module");
    }
    struct segments seg = {.probe = (uintptr_t)m};
    dl_iterate_phdr(collect, &seg);
    if (!seg.found) return refuse(h, err, errlen, path, ZI_MODULE_SYMBOL " does not lie in the module");
    char why[400];
    if (zi_module_validate_in(m, seg.r, seg.n, why, sizeof why) != 0)
        return refuse(h, err, errlen, path, why);
    struct zi_loaded_module *lm = malloc(sizeof *lm);
    if (!lm) return refuse(h, err, errlen, path, "out of memory");
    lm->handle = h;
    lm->m = m;
    return lm;
}

const struct zi_module *zi_loaded_module_get(const struct zi_loaded_module *lm)
{
    return lm->m;
}

void zi_module_unload(struct zi_loaded_module *lm)
{
    if (!lm) return;
    dlclose(lm->handle);
    free(lm);
}
