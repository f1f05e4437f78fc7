/* link.c — the LLVM C API has no linker: the system linker turns the object into a shared object. It is
 * spawned with an argument vector (never through a shell, so no file name is ever interpreted), and with no
 * library and no start files because a module calls no library function at all: `ldd` shows it depends on
 * nothing. `ld` is run directly rather than through `cc -shared`: the compiler driver and collect2 cost
 * twice the time of the link itself (about 20 ms of a build of 200). ZI_LD names another linker. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "codegen_internal.h"

extern char **environ;

#define ZI_MAX_OBJECTS 4

int zi_link_shared(const char *const *objects, unsigned n_objects, const char *output, char *err,
                   size_t errlen)
{
    const char *ld = getenv("ZI_LD");
    if (!ld || !ld[0]) ld = "ld";
    /* What `cc -shared -nostdlib` would pass: a GNU hash table, a build id, read-only relocations after
     * loading, and a stack that is not executable. */
    char *argv[10 + ZI_MAX_OBJECTS + 1] = {
        (char *)ld, "-shared", "--hash-style=gnu", "--build-id", "-z",
        "relro",    "-z",      "noexecstack",      "-o",         (char *)output};
    if (n_objects > ZI_MAX_OBJECTS) {
        snprintf(err, errlen, "internal error: %u objects to link", n_objects);
        return -1;
    }
    for (unsigned i = 0; i < n_objects; i++)
        argv[10 + i] = (char *)objects[i];
    pid_t pid;
    int rc = posix_spawnp(&pid, ld, NULL, NULL, argv, environ);
    if (rc != 0) {
        snprintf(err, errlen, "cannot run the linker '%s': %s (set ZI_LD to a linker)", ld, strerror(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            snprintf(err, errlen, "waiting for the linker: %s", strerror(errno));
            return -1;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "the linker '%s' failed while writing '%s'", ld, output);
        return -1;
    }
    return 0;
}
