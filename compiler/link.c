/* link.c — the LLVM C API has no linker: the system linker turns the object into a shared object. It is
 * spawned with an argument vector (never through a shell, so no file name is ever interpreted), and with no
 * library and no start files because a module calls no library function at all: `ldd` shows it depends on
 * nothing. `ld` is run directly rather than through `cc -shared`: the compiler driver and collect2 cost
 * twice the time of the link itself (about 20 ms of a build of 200). ZI_LD names another linker. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "codegen_internal.h"

extern char **environ;

int zi_link_shared(const char *const *objects, unsigned n_objects, const char *output,
                   void (*watch_child)(int pid), char *err, size_t errlen)
{
    const char *ld = getenv("ZI_LD");
    if (!ld || !ld[0]) ld = "ld";
    /* What `cc -shared -nostdlib` would pass: a GNU hash table, a build id, read-only relocations after
     * loading, and a stack that is not executable. */
    char *argv[10 + ZI_CODEGEN_MAX_OBJECTS + 1] = {
        (char *)ld, "-shared", "--hash-style=gnu", "--build-id", "-z",
        "relro",    "-z",      "noexecstack",      "-o",         (char *)output};
    if (n_objects > ZI_CODEGEN_MAX_OBJECTS) {
        snprintf(err, errlen, "internal error: %u objects to link", n_objects);
        return -1;
    }
    for (unsigned i = 0; i < n_objects; i++)
        argv[10 + i] = (char *)objects[i];
    /* Every signal held from the spawn to watch_child, so that no signal handler runs while the linker is
     * running unknown to it; the linker itself starts with the mask we had. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &old);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    pid_t pid;
    int rc = posix_spawnp(&pid, ld, NULL, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    if (rc == 0 && watch_child) watch_child(pid);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        snprintf(err, errlen, "cannot run the linker '%s': %s (set ZI_LD to a linker)", ld, strerror(rc));
        return -1;
    }
    /* Waited for without reaping, then forgotten by watch_child, then reaped: the id is never another's. */
    siginfo_t info;
    while (watch_child && waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    if (watch_child) watch_child(0);
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
