/* link.c — the LLVM C API has no linker: the system compiler driver links the object into a shared object.
 * It is spawned with an argument vector (never through a shell, so no file name is ever interpreted), with
 * -nostdlib because a module calls no library function at all: `ldd` shows it depends on nothing. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "codegen_internal.h"

extern char **environ;

int zi_link_shared(const char *object, const char *output, char *err, size_t errlen)
{
    const char *cc = getenv("ZI_CC");
    if (!cc || !cc[0])
        cc = "cc";
    char *argv[] = {(char *)cc, "-shared", "-nostdlib", "-Wl,-z,noexecstack", "-o", (char *)output,
                    (char *)object, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, cc, NULL, NULL, argv, environ);
    if (rc != 0) {
        snprintf(err, errlen, "cannot run the linker '%s': %s (set ZI_CC to a C compiler driver)", cc, strerror(rc));
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
        snprintf(err, errlen, "the linker '%s' failed while writing '%s'", cc, output);
        return -1;
    }
    return 0;
}
