/* zic_fmt.c — `zic fmt FILE.zi...`: each file rewritten in place in the canonical layout (through
 * zi/outfile.h: atomically, and only when it changes), or with --check the names of the files that would
 * change, or with --diff what would change as a unified diff; `-` reads standard input and writes standard
 * output. A file with syntax errors is never formatted: its diagnostics are printed and it counts as failed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text_diff.h"
#include "zi/outfile.h"
#include "zic_common.h"
#include "zic_fmt.h"

static const char fmt_help[] =
    "usage: zic fmt [--check | --diff] FILE.zi...\n"
    "\n"
    "Rewrites criteria files in the one canonical layout (docs/tools.md): two spaces a level, one member a\n"
    "line, blank lines around groups and verdicts, numbers without leading zeros; strings and comments are\n"
    "kept as written, and the file parses to the same criteria. A file with syntax errors is not formatted.\n"
    "A file already formatted is not written.\n"
    "\n"
    "options:\n"
    "  --check                 write nothing; list the files that are not formatted (exit 1 if any): for CI\n"
    "  --diff                  write nothing; show what would change as a unified diff on standard output\n"
    "                          (exit 1 if anything would)\n"
    "  --color=auto|always|never\n"
    "                          colour diagnostics (auto: only on a terminal, never with NO_COLOR)\n"
    "  -h, --help              show this help\n"
    "\n"
    "FILE '-' reads standard input and writes the formatted text to standard output.\n"
    "exit status: 0 formatted, 1 syntax errors or (--check, --diff) a file not formatted, 2 usage or I/O "
    "problem.\n";

enum fmt_mode { FMT_WRITE, FMT_CHECK, FMT_DIFF };

static int write_file(const char *path, const char *text, size_t len)
{
    struct zi_outfile out;
    char err[512];
    if (zi_outfile_open(&out, path, ZI_OUTFILE_STREAM, NULL, NULL, 0, err, sizeof err) != 0) {
        fprintf(stderr, "zic: error: %s\n", err);
        return ZIC_EXIT_USAGE;
    }
    fwrite(text, 1, len, out.f);
    if (zi_outfile_commit(&out, err, sizeof err) != 0) {
        fprintf(stderr, "zic: error: %s\n", err);
        return ZIC_EXIT_USAGE;
    }
    return 0;
}

/* Formats one file as `mode` says. Returns its exit status. */
static int fmt_file(const char *path, enum fmt_mode mode, int colour)
{
    struct zi_source source;
    char err[512];
    if (zi_source_read(&source, path, err, sizeof err) != 0) {
        fprintf(stderr, "zic: error: %s\n", err);
        return ZIC_EXIT_USAGE;
    }
    struct zi_arena arena;
    zi_arena_init(&arena);
    struct zi_diag diag;
    zi_diag_init(&diag, &source, &arena);
    char *formatted = NULL;
    size_t len = 0;
    int status = zi_format_source(&source, &diag, &arena, &formatted, &len);
    if (status == 1) {
        zi_diag_print(&diag, stderr, zic_want_colour(colour));
        zi_diag_print_summary(stderr, diag.n_errors + diag.n_dropped, diag.n_warnings);
        fprintf(stderr, "zic: '%s' not formatted: fix the errors above first\n", path);
        status = ZIC_EXIT_ERRORS;
    } else if (status != 0) {
        fputs("zic: error: out of memory\n", stderr);
        status = ZIC_EXIT_USAGE;
    } else {
        bool changed = len != source.len || memcmp(formatted, source.text, len) != 0;
        bool is_stdin = strcmp(path, "-") == 0;
        if (mode == FMT_CHECK && changed) {
            printf("%s\n", path);
            status = ZIC_EXIT_ERRORS;
        } else if (mode == FMT_DIFF && changed) {
            char *old_name = zi_arena_printf(&arena, "a/%s", path),
                 *new_name = zi_arena_printf(&arena, "b/%s", path);
            if (zi_text_diff(stdout, old_name, source.text, source.len, new_name, formatted, len) != 0) {
                fputs("zic: error: out of memory\n", stderr);
                status = ZIC_EXIT_USAGE;
            } else {
                status = ZIC_EXIT_ERRORS;
            }
        } else if (mode == FMT_WRITE && is_stdin) {
            fwrite(formatted, 1, len, stdout);
        } else if (mode == FMT_WRITE && changed) {
            status = write_file(path, formatted, len);
        }
    }
    free(formatted);
    zi_arena_free(&arena);
    zi_source_free(&source);
    return status;
}

int zic_fmt_main(int argc, char **argv)
{
    enum fmt_mode mode = FMT_WRITE;
    int colour = -1, n_files = 0;
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            argv[n_files++] = argv[i];
        } else if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(fmt_help, stdout);
            return 0;
        } else if (strcmp(arg, "--check") == 0 || strcmp(arg, "--diff") == 0) {
            enum fmt_mode wanted = arg[2] == 'c' ? FMT_CHECK : FMT_DIFF;
            if (mode != FMT_WRITE && mode != wanted) {
                fputs("zic: error: --check and --diff cannot be used together\nTry 'zic fmt --help'.\n",
                      stderr);
                return ZIC_EXIT_USAGE;
            }
            mode = wanted;
        } else if (strncmp(arg, "--color=", 8) == 0 &&
                   (strcmp(arg + 8, "auto") == 0 || strcmp(arg + 8, "always") == 0 ||
                    strcmp(arg + 8, "never") == 0)) {
            colour = arg[8] == 'a' && arg[9] == 'u' ? -1 : arg[8] == 'a';
        } else {
            fprintf(stderr, "zic: error: unknown option '%s'\nTry 'zic fmt --help'.\n", arg);
            return ZIC_EXIT_USAGE;
        }
    }
    if (n_files == 0) {
        fputs("zic: error: no input file\nTry 'zic fmt --help'.\n", stderr);
        return ZIC_EXIT_USAGE;
    }
    int status = 0;
    for (int k = 0; k < n_files; k++) {
        int s = fmt_file(argv[k], mode, colour);
        status = s > status ? s : status;
    }
    return status;
}
