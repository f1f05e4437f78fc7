/* outfile.c — an output file written beside its target and renamed over it only when complete
 * (zi/outfile.h says what is guaranteed).
 *
 * Signals: the temporary files in progress are kept in a small fixed table of atomic pointers, the only
 * thing the handler reads, and the handler calls only unlink, and re-raises the signal with its default
 * action (SA_RESETHAND) so the exit status still says the process was killed. All three are
 * async-signal-safe, and a lock-free atomic is the one kind of object C11 lets a handler read. A signal that
 * the process started with ignored (nohup, a background job of a shell) stays ignored.
 */
#define _GNU_SOURCE /* mkostemp: the temporary file is not inherited by the linker zic runs */
#include "zi/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ZI_OUTFILE_SLOTS                                                                                     \
    8 /* files open at once: zic build has three outputs (module, IR, object) and two objects */

static _Atomic(const char *) pending[ZI_OUTFILE_SLOTS];
static atomic_int handlers_installed;
static atomic_int child; /* a process writing one of the files (zic's linker), or 0 */

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_CLEANUP_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])

static void on_signal(int sig)
{
    int saved = errno;
    /* The linker first: left running, it could write its output again after the unlink below. */
    int pid = atomic_load(&child);
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    for (int i = 0; i < ZI_OUTFILE_SLOTS; i++) {
        const char *p = atomic_load(&pending[i]);
        if (p) unlink(p);
    }
    /* SA_RESETHAND restored the default action; the signal is blocked until this handler returns, and then
     * ends the process as it would have without us. */
    raise(sig);
    errno = saved;
}

static void install_handlers(void)
{
    if (atomic_exchange(&handlers_installed, 1)) return;
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN) continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t k = 0; k < N_CLEANUP_SIGNALS; k++)
            sigaddset(&sa.sa_mask, cleanup_signals[k]); /* one cleanup at a time */
        sa.sa_flags = SA_RESETHAND;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

static void hold_signals(sigset_t *old)
{
    sigset_t hold;
    sigemptyset(&hold);
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        sigaddset(&hold, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &hold, old);
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
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

/* The output must not be one of the inputs. Only an existing output can be: stat follows symbolic links,
 * and a hard link has the same inode. */
static int check_inputs(const char *path, const struct stat *out, const char *const *inputs,
                        const char *const *what, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (!inputs[i]) continue;
        int is_stdin = strcmp(inputs[i], "-") == 0;
        if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(inputs[i], &st)) != 0) continue;
        if (st.st_dev != out->st_dev || st.st_ino != out->st_ino) continue;
        const char *name = is_stdin ? "<stdin>" : inputs[i], *role = what && what[i] ? what[i] : "an input";
        if (strcmp(name, path) == 0)
            return fail(err, errlen, "'%s' is %s: refusing to write over it (choose another output file)",
                        path, role);
        return fail(
            err, errlen,
            "'%s' is the same file as %s '%s': refusing to write over it (choose another output file)", path,
            role, name);
    }
    return 0;
}

static int take_slot(const char *temp)
{
    for (int i = 0; i < ZI_OUTFILE_SLOTS; i++) {
        const char *expected = NULL;
        if (atomic_compare_exchange_strong(&pending[i], &expected, temp)) return i;
    }
    return -1;
}

static void release(struct zi_outfile *o)
{
    if (o->slot >= 0) atomic_store(&pending[o->slot], NULL);
    o->slot = -1;
    free(o->temp);
    free(o->target);
    o->temp = o->target = NULL;
    o->f = NULL;
}

/* "dir/.name.zi-XXXXXX" beside `target`. */
static char *temp_name(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = target + dir_len;
    size_t n = dir_len + 1 + strlen(base) + sizeof ".zi-XXXXXX";
    char *t = malloc(n);
    if (t) snprintf(t, n, "%.*s.%s.zi-XXXXXX", (int)dir_len, target, base);
    return t;
}

/* Creates o->temp (a mkostemp template) and registers it for the signal handler. Returns the open file, or
 * -1 with errno set and nothing created. */
static int create_registered(struct zi_outfile *o)
{
    install_handlers();
    /* Created and registered with the signals held, so that no moment has a temporary file the handler does
     * not know, nor a half-made name it would unlink. */
    sigset_t old;
    hold_signals(&old);
    int fd = mkostemp(o->temp, O_CLOEXEC);
    int e = errno;
    if (fd >= 0 && (o->slot = take_slot(o->temp)) < 0) {
        unlink(o->temp);
        close(fd);
        fd = -1;
        e = EMFILE;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return fd;
}

void zi_outfile_watch_child(int pid)
{
    install_handlers();
    atomic_store(&child, pid);
}

int zi_outfile_temp(struct zi_outfile *o, const char *dir, const char *prefix, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->slot = -1;
    size_t n = strlen(dir) + 1 + strlen(prefix) + sizeof "-XXXXXX";
    o->temp = malloc(n);
    if (!o->temp) return fail(err, errlen, "out of memory");
    snprintf(o->temp, n, "%s/%s-XXXXXX", dir, prefix);
    o->name = o->temp;
    int fd = create_registered(o);
    if (fd < 0) {
        int e = errno;
        release(o);
        return fail(err, errlen, "cannot create a temporary file in '%s': %s", dir, strerror(e));
    }
    close(fd);
    return 0;
}

static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

int zi_outfile_open(struct zi_outfile *o, const char *path, int mode, const char *const *inputs,
                    const char *const *what, size_t n_inputs, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->slot = -1;
    o->name = path ? path : "-";
    if (!path || strcmp(path, "-") == 0) {
        if (mode == ZI_OUTFILE_PATH) return fail(err, errlen, "this output cannot be standard output");
        o->f = stdout;
        return 0;
    }
    int secret = o->secret = mode & ZI_OUTFILE_SECRET;
    mode &= ~ZI_OUTFILE_SECRET;
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (secret && exists)
        return fail(err, errlen, "'%s' exists already: a secret key is never written over a file", path);
    if (exists && check_inputs(path, &st, inputs, what, n_inputs, err, errlen) != 0) return -1;
    if (exists && S_ISDIR(st.st_mode)) return fail(err, errlen, "cannot write '%s': it is a directory", path);
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device or a pipe: written as it is (renaming over /dev/null would replace the device). */
        o->target = strdup(path);
        if (!o->target) return fail(err, errlen, "out of memory");
        if (mode == ZI_OUTFILE_STREAM && !(o->f = fopen(path, "wb"))) {
            int e = errno;
            release(o);
            return fail(err, errlen, "cannot create '%s': %s", path, strerror(e));
        }
        return 0;
    }
    /* Through a symbolic link, the file it names is replaced, not the link. */
    o->target = exists ? realpath(path, NULL) : strdup(path);
    if (!o->target) return fail(err, errlen, "cannot create '%s': %s", path, strerror(errno));
    o->temp = temp_name(o->target);
    if (!o->temp) {
        release(o);
        return fail(err, errlen, "out of memory");
    }
    int fd = create_registered(o);
    if (fd < 0) {
        int e = errno;
        release(o);
        return fail(err, errlen, "cannot create '%s': %s", path, strerror(e));
    }
    if (fchmod(fd, secret   ? 0600
                   : exists ? (st.st_mode & 07777)
                            : new_file_mode()) != 0 ||
        (mode == ZI_OUTFILE_STREAM && !(o->f = fdopen(fd, "wb")))) {
        int e = errno;
        close(fd);
        zi_outfile_abort(o);
        return fail(err, errlen, "cannot create '%s': %s", path, strerror(e));
    }
    if (mode == ZI_OUTFILE_PATH) close(fd);
    return 0;
}

const char *zi_outfile_path(const struct zi_outfile *o)
{
    return o->temp ? o->temp : o->target;
}

/* Forces the written file to the disk: a rename that reached the disk before the data would leave an empty
 * or partial file under the target's name after a power cut. */
static int sync_file(struct zi_outfile *o)
{
    if (o->f) {
        FILE *f = o->f;
        o->f = NULL;
        int failed = fflush(f) != 0 || (o->temp && fsync(fileno(f)) != 0);
        int e = errno;
        if (f != stdout && fclose(f) != 0 && !failed) {
            failed = 1;
            e = errno;
        }
        errno = e;
        return failed ? -1 : 0;
    }
    if (!o->temp) return 0;
    int fd = open(o->temp, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int failed = fsync(fd) != 0;
    int e = errno;
    close(fd);
    errno = e;
    return failed ? -1 : 0;
}

int zi_outfile_commit(struct zi_outfile *o, char *err, size_t errlen)
{
    if (sync_file(o) != 0) {
        int e = errno;
        zi_outfile_abort(o);
        return fail(err, errlen, "cannot write '%s': %s", o->name, strerror(e));
    }
    if (!o->temp) {
        release(o);
        return 0;
    }
    /* The rename and the end of the registration happen with the cleanup signals held, so the handler never
     * sees a name that is already the target's. */
    sigset_t old;
    hold_signals(&old);
    /* A secret is linked into place, which fails rather than replace a file created since the open. */
    int renamed =
        o->secret ? link(o->temp, o->target) == 0 && unlink(o->temp) == 0 : rename(o->temp, o->target) == 0;
    int e = errno;
    if (renamed && o->slot >= 0) {
        atomic_store(&pending[o->slot], NULL);
        o->slot = -1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (!renamed) {
        zi_outfile_abort(o);
        return fail(err, errlen, "cannot write '%s': %s", o->name, strerror(e));
    }
    /* The rename itself reaches the disk with the folder. */
    char *slash = strrchr(o->target, '/');
    if (slash) *slash = '\0';
    int dir = open(slash ? (slash == o->target ? "/" : o->target) : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
    release(o);
    return 0;
}

void zi_outfile_abort(struct zi_outfile *o)
{
    if (o->f && o->f != stdout) fclose(o->f);
    o->f = NULL;
    if (o->temp) unlink(o->temp);
    release(o);
}
