/* zic.c — the command line: `zic check`, and the commands built on the same front end. Exit codes: 0 success
 * (warnings allowed unless -Werror), 1 errors in the criteria, 2 usage or I/O problems. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend.h"

enum { EXIT_ERRORS = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: zic COMMAND [OPTIONS] FILE.zi...\n"
    "\n"
    "Compiles Zona Integritas assessment criteria (.zi) into native scoring modules.\n"
    "\n"
    "commands:\n"
    "  check FILE.zi...        check criteria files and report every problem found\n"
    "\n"
    "options:\n"
    "  -Werror                 treat warnings as errors\n"
    "  -ferror-limit=N         stop after N errors per file (default 50, 0 = no limit)\n"
    "  --color=auto|always|never\n"
    "                          colour diagnostics (auto: only on a terminal, never with NO_COLOR)\n"
    "  -h, --help              show this help\n"
    "  --version               show the version\n"
    "\n"
    "exit status: 0 no errors, 1 errors in the criteria, 2 usage or I/O problem.\n"
    "The language is described in docs/language.md.\n";

struct cli {
    struct zi_frontend_options frontend;
    int colour; /* -1 auto, 0 never, 1 always */
    const char **files;
    int n_files;
};

static bool want_colour(const struct cli *cli)
{
    if (cli->colour >= 0)
        return cli->colour == 1;
    const char *no_colour = getenv("NO_COLOR");
    return isatty(STDERR_FILENO) && !(no_colour && no_colour[0]);
}

/* Parses the options shared by every command; returns -1 after printing a usage error. */
static int parse_options(struct cli *cli, int argc, char **argv)
{
    cli->frontend.error_limit = 50;
    cli->colour = -1;
    cli->files = calloc((size_t)argc, sizeof *cli->files);
    if (!cli->files)
        return -1;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-Werror") == 0) {
            cli->frontend.werror = true;
        } else if (strncmp(arg, "-ferror-limit=", 14) == 0) {
            char *end;
            long n = strtol(arg + 14, &end, 10);
            if (*end || n < 0 || end == arg + 14) {
                fprintf(stderr, "zic: error: invalid error limit '%s'\n", arg + 14);
                return -1;
            }
            cli->frontend.error_limit = (unsigned)n;
        } else if (strncmp(arg, "--color=", 8) == 0 || strncmp(arg, "--colour=", 9) == 0) {
            const char *v = strchr(arg, '=') + 1;
            if (strcmp(v, "auto") == 0)
                cli->colour = -1;
            else if (strcmp(v, "always") == 0)
                cli->colour = 1;
            else if (strcmp(v, "never") == 0)
                cli->colour = 0;
            else {
                fprintf(stderr, "zic: error: --color takes auto, always or never\n");
                return -1;
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "zic: error: unknown option '%s'\nTry 'zic --help'.\n", arg);
            return -1;
        } else {
            cli->files[cli->n_files++] = arg;
        }
    }
    return 0;
}

static int cmd_check(struct cli *cli)
{
    if (cli->n_files == 0) {
        fprintf(stderr, "zic: error: no input files\nusage: zic check FILE.zi...\n");
        return EXIT_USAGE;
    }
    bool colour = want_colour(cli);
    unsigned errors = 0, warnings = 0;
    int status = 0;
    for (int i = 0; i < cli->n_files; i++) {
        struct zi_compilation c;
        zi_compilation_open(&c, cli->files[i], &cli->frontend);
        if (c.io_failed) {
            fprintf(stderr, "zic: error: %s\n", c.io_error);
            status = EXIT_USAGE;
        } else {
            zi_diag_print(&c.diag, stderr, colour);
            errors += c.diag.n_errors + c.diag.n_dropped;
            warnings += c.diag.n_warnings;
        }
        zi_compilation_free(&c);
    }
    zi_diag_print_summary(stderr, errors, warnings);
    if (status)
        return status;
    return errors ? EXIT_ERRORS : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0 || strcmp(command, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(command, "--version") == 0 || strcmp(command, "version") == 0) {
        printf("zic %s\n", ZI_VERSION);
        return 0;
    }
    struct cli cli = {0};
    if (parse_options(&cli, argc - 2, argv + 2) != 0) {
        free(cli.files);
        return EXIT_USAGE;
    }
    int status;
    if (strcmp(command, "check") == 0) {
        status = cmd_check(&cli);
    } else {
        fprintf(stderr, "zic: error: unknown command '%s'\nTry 'zic --help'.\n", command);
        status = EXIT_USAGE;
    }
    free(cli.files);
    return status;
}
