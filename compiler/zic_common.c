/* zic_common.c — what the zic commands share (zic_common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zi/outfile.h"
#include "zic_common.h"

const char *zic_compiler_version(void)
{
    /* Written once, on the driver's only thread, before any command runs. */
    static char version[64];
    if (!version[0]) snprintf(version, sizeof version, "zic %s (%s)", ZI_VERSION, zi_codegen_llvm_version());
    return version;
}

bool zic_want_colour(int colour)
{
    if (colour >= 0) return colour == 1;
    const char *no_colour = getenv("NO_COLOR");
    return isatty(STDERR_FILENO) && !(no_colour && no_colour[0]);
}

int zic_diagnostics_option(const char *arg, struct zi_frontend_options *frontend, int *colour)
{
    if (strcmp(arg, "-Werror") == 0) {
        frontend->werror = true;
    } else if (strncmp(arg, "-ferror-limit=", 14) == 0) {
        char *end;
        long n = strtol(arg + 14, &end, 10);
        if (*end || n < 0 || end == arg + 14) {
            fprintf(stderr, "zic: error: invalid error limit '%s'\n", arg + 14);
            return -1;
        }
        frontend->error_limit = (unsigned)n;
    } else if (strncmp(arg, "--color=", 8) == 0 || strncmp(arg, "--colour=", 9) == 0) {
        const char *v = strchr(arg, '=') + 1;
        if (strcmp(v, "auto") == 0)
            *colour = -1;
        else if (strcmp(v, "always") == 0)
            *colour = 1;
        else if (strcmp(v, "never") == 0)
            *colour = 0;
        else {
            fprintf(stderr, "zic: error: --color takes auto, always or never\n");
            return -1;
        }
    } else {
        return 0;
    }
    return 1;
}

const char *zic_temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    return tmp && tmp[0] ? tmp : "/tmp";
}

int zic_open_clean(struct zi_compilation *c, const char *path, const struct zi_frontend_options *frontend,
                   int colour)
{
    bool ok = zi_compilation_open(c, path, frontend);
    if (c->io_failed) {
        fprintf(stderr, "zic: error: %s\n", c->io_error);
        zi_compilation_free(c);
        return ZIC_EXIT_USAGE;
    }
    zi_diag_print(&c->diag, stderr, zic_want_colour(colour));
    zi_diag_print_summary(stderr, c->diag.n_errors + c->diag.n_dropped, c->diag.n_warnings);
    if (!ok) {
        zi_compilation_free(c);
        return ZIC_EXIT_ERRORS;
    }
    return 0;
}

int zic_build_module(const struct zi_model *model, const struct zi_codegen_options *given, const char *output,
                     struct zi_codegen_timing *timing, char *err, size_t errlen)
{
    struct zi_codegen_options options = *given;
    options.watch_child = zi_outfile_watch_child;
    struct zi_outfile objects[ZI_CODEGEN_MAX_OBJECTS];
    int made = 0, status = 0;
    for (; made < ZI_CODEGEN_MAX_OBJECTS && status == 0; made++)
        status = zi_outfile_temp(&objects[made], zic_temp_dir(), "zic-object", err, errlen);
    if (status != 0) made--; /* the one that failed released itself */
    for (int k = 0; k < made; k++)
        options.objects[k] = zi_outfile_path(&objects[k]);
    if (status == 0) status = zi_codegen_build(model, &options, output, timing, err, errlen);
    for (int k = 0; k < made; k++)
        zi_outfile_abort(&objects[k]);
    return status;
}

/* Why a file and not ORC's LLJIT: the build time is spent in optimisation and instruction selection, which a
 * JIT shares; linking is the only step it would save (about 20 ms of a -O0 build of the full LKE, `zic build
 * --time`), and a real file keeps one code path for everything a module goes through. */
struct zi_loaded_module *zic_load_model(const struct zi_model *model,
                                        const struct zi_codegen_options *options, char *err, size_t errlen)
{
    struct zi_outfile module;
    struct zi_loaded_module *loaded = NULL;
    /* Built to run here and now: the one level of a portable module this CPU would run. */
    struct zi_codegen_options here = *options;
    if (here.cpu == ZI_CODEGEN_PORTABLE) here.cpu = ZI_CODEGEN_HOST_LEVEL;
    if (zi_outfile_temp(&module, zic_temp_dir(), "zic-run-module", err, errlen) != 0) return NULL;
    if (zic_build_module(model, &here, zi_outfile_path(&module), NULL, err, errlen) == 0)
        loaded = zi_module_load(zi_outfile_path(&module), err, errlen);
    zi_outfile_abort(&module); /* the module is in memory now (zi_module_load) */
    return loaded;
}
