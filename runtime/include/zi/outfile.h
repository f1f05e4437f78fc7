/* zi/outfile.h — writing an output file so that no file is ever lost: zirun -o, zic build/run/template -o;
 * and the temporary files zic makes on the way, removed on every path.
 *
 * The output is written to a temporary file in the target's own folder, flushed to the disk (fsync) and
 * renamed over the target only when everything was written: a run that fails, or is stopped by SIGINT,
 * SIGTERM or SIGHUP, leaves the old target as it was and no temporary file behind. A target that is not a
 * regular file (a terminal, /dev/null, /dev/full, a pipe) is written directly, since renaming over it would
 * replace the device. An output that is the same file as one of the inputs (same device and inode, so also
 * through a symbolic or hard link) is refused before anything is opened for writing.
 *
 * This is not part of libzirt: cleaning up on a signal needs a process-wide handler and a process-wide list
 * of temporary files (the handler can reach nothing else), which a library must not have. The command lines
 * link it (library zi_outfile). Not thread-safe: open and commit outputs from one thread.
 */
#ifndef ZI_OUTFILE_H
#define ZI_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct zi_outfile {
    const char *name; /* as the caller gave it, for messages (not owned) */
    char *target;     /* the file replaced on commit (symbolic links followed); owned */
    char *temp;       /* the temporary file beside it, or NULL when the target is written directly; owned */
    FILE *f;          /* ZI_OUTFILE_STREAM: where to write; standard output for "-" */
    int slot;         /* where `temp` is registered for the signal handler, or -1 */
    int secret;       /* ZI_OUTFILE_SECRET: put in place with link(), which never replaces a file */
};

enum zi_outfile_mode {
    ZI_OUTFILE_STREAM = 0, /* the caller writes to o->f */
    ZI_OUTFILE_PATH = 1, /* another program or library writes the file named by zi_outfile_path (ld, LLVM) */
    /* Added to either: a secret (a key), readable by its owner only (0600) and never written over an existing
     * file, whose loss could not be undone. */
    ZI_OUTFILE_SECRET = 2,
};

/* Prepares to write `path` ("-" or NULL: standard output, stream mode only); `mode` is an enum
 * zi_outfile_mode, with ZI_OUTFILE_SECRET or'd in for a key. `inputs` lists the files the
 * command reads (n_inputs entries, "-" standing for standard input, NULL entries skipped): an output that is
 * one of them is refused ("'x' is the data file: refusing to write over it …", `what[i]` naming each input,
 * e.g. "the data file"). Creates the temporary file (mode as the old target's, or 0666 less the umask; 0600
 * for a secret) and registers it for removal on a signal. Returns 0, or -1 with a one-line message
 * in err and nothing created. */
int zi_outfile_open(struct zi_outfile *o, const char *path, int mode, const char *const *inputs,
                    const char *const *what, size_t n_inputs, char *err, size_t errlen);

/* Creates an empty temporary file `dir`/`prefix`-XXXXXX (0600) for a command's own use — zic's object files
 * and the module `zic run` loads — registered like an output's temporary file, so that a signal removes it.
 * zi_outfile_path names it; the caller removes it with zi_outfile_abort (never commits it). Returns 0, or -1
 * with a one-line message in err and nothing created. */
int zi_outfile_temp(struct zi_outfile *o, const char *dir, const char *prefix, char *err, size_t errlen);

/* A child process that writes one of the files (zic's linker), `pid`, or 0 once it has ended: a signal kills
 * it (SIGKILL) and waits for it before removing the files, so that it cannot write one again after. One at a
 * time. Call it with the cleanup signals held, as zi_link_shared does (zi_codegen_options.watch_child).
 */
void zi_outfile_watch_child(int pid);

/* The file to write in path mode: the temporary file, or the target itself when it is written directly. */
const char *zi_outfile_path(const struct zi_outfile *o);

/* Flushes and closes the stream (stream mode), forces the file to the disk and renames it over the target.
 * Returns 0, or -1 with "cannot write 'NAME': REASON" in err, having removed the temporary file and left the
 * target untouched. Either way `o` is released. */
int zi_outfile_commit(struct zi_outfile *o, char *err, size_t errlen);

/* Closes and removes the temporary file; the target is untouched. Releases `o`. Accepts an `o` already
 * committed or aborted. */
void zi_outfile_abort(struct zi_outfile *o);

#ifdef __cplusplus
}
#endif

#endif /* ZI_OUTFILE_H */
