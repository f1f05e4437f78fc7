/* zic_common.h — what the zic commands share: the compiler's version string, opening a criteria file that
 * must be clean, and building a model into a module loaded in this process (zic run, zic test, zic diff). */
#ifndef ZIC_COMMON_H
#define ZIC_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "codegen.h"
#include "frontend.h"
#include "model.h"
#include "zi/runtime.h"

enum { ZIC_EXIT_ERRORS = 1, ZIC_EXIT_USAGE = 2 };

/* "zic 0.2.0 (LLVM 14.0.6)": static storage, valid for the process. */
const char *zic_compiler_version(void);

/* Whether diagnostics on stderr get colour: `colour` is -1 (auto: a terminal, and NO_COLOR unset), 0 or 1. */
bool zic_want_colour(int colour);

/* Parses `arg` when it is one of the diagnostics options every command that reads criteria takes (-Werror,
 * -ferror-limit=N, --color=auto|always|never or --colour=…) into `frontend` and `colour` (-1 auto, 0, 1).
 * Returns 1 when it was one, 0 when it is not, -1 after a message on stderr when its value is wrong. */
int zic_diagnostics_option(const char *arg, struct zi_frontend_options *frontend, int *colour);

/* TMPDIR, or /tmp. */
const char *zic_temp_dir(void);

/* Reads and checks `path` for a command that needs a clean file, printing its diagnostics (with colour as
 * zic_want_colour says) and their summary on stderr. Returns 0 with `c` open (the caller frees it with
 * zi_compilation_free), or the exit status (ZIC_EXIT_ERRORS: errors in the criteria; ZIC_EXIT_USAGE: the
 * file could not be read) with `c` already freed. */
int zic_open_clean(struct zi_compilation *c, const char *path, const struct zi_frontend_options *frontend,
                   int colour);

/* zi_codegen_build with the object files in temporary files of zic_temp_dir(), registered so that a zic
 * stopped by a signal leaves none behind (zi/outfile.h), and removed on every other path. 0, or -1 with a
 * one-line message in err. */
int zic_build_module(const struct zi_model *model, const struct zi_codegen_options *options,
                     const char *output, struct zi_codegen_timing *timing, char *err, size_t errlen);

/* The model compiled into a module in a private temporary file, loaded with the runtime's own loader (the
 * same checks as zirun), and the file removed at once. Returns the loaded module (release it with
 * zi_module_unload), or NULL with a one-line message in err. A portable build (options->cpu) is made for the
 * one level this CPU runs. */
struct zi_loaded_module *zic_load_model(const struct zi_model *model,
                                        const struct zi_codegen_options *options, char *err, size_t errlen);

#endif /* ZIC_COMMON_H */
