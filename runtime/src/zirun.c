/* zirun.c — the command line: score a data file with a compiled module, without LLVM.
 *
 *   zirun MODULE.so DATA [data options: zi/runtime.h, ZI_RUN_OPTIONS_HELP] [-o OUT] [--trust KEYS]
 *   zirun --verify MODULE.so [--trust KEYS]
 *   zirun compare MODULE.so NAME=FILE NAME=FILE [NAME=FILE] [options]      (compare/cli.c)
 *   zirun progress MODULE.so PERIOD=FILE … | FILE --period-column NAME      (compare/cli.c)
 *
 * Everything but argument handling is libzirt (zi/runtime.h), shared with `zic run`. Exit codes: 0 every
 * unit scored without a data error, 1 some unit was reported with errors, 2 usage, I/O or module refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compare/cli.h"
#include "zi/outfile.h"
#include "zi/runtime.h"

static const char usage[] =
    "usage: zirun MODULE.so DATA [options]      score the units in DATA ('-' reads standard input)\n"
    "       zirun --verify MODULE.so            check a module and print where it comes from\n"
    "       zirun compare MODULE.so NAME=FILE NAME=FILE [NAME=FILE]\n"
    "                                           the same units at two or three tiers, side by side\n"
    "       zirun progress MODULE.so PERIOD=FILE PERIOD=FILE ... | FILE --period-column NAME\n"
    "                                           each unit's scores over the periods\n"
    "       (zirun compare --help, zirun progress --help: their options)\n"
    "\n"
    "options:\n" ZI_RUN_OPTIONS_HELP
    "  -o, --output FILE       write the report to FILE ('-' is standard output, the default)\n"
    "  --trust KEYS            load only a module signed by one of the public keys in the file KEYS\n"
    "                          (`zic keygen` makes them, `zic build --sign` signs)\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 all units scored, 1 some units have data errors (all are in the report),\n"
    "             2 usage, input/output or module problem\n";

struct args {
    const char *module, *data, *output, *trust;
    int verify;
    struct zi_run_options opt;
};

static int bad_usage(const char *fmt, const char *what)
{
    fprintf(stderr, "zirun: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n(zirun --help shows the usage)\n");
    return 2;
}

/* Splits "--opt=value" or takes the next argument; NULL when there is none. */
static const char *value_of(int argc, char **argv, int *i, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq && arg[0] == '-' && arg[1] == '-') return eq + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

static int option_is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* 0 to go on, or the exit code (after --help/--version, or a usage error). */
static int parse(int argc, char **argv, struct args *a, int *done)
{
    int positional = 0, only_positional = 0, shared;
    char err[200];
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (positional == 0)
                a->module = arg;
            else if (positional == 1)
                a->data = arg;
            else
                return bad_usage("unexpected argument '%s'", arg);
            positional++;
        } else if ((shared = zi_run_option_parse(&a->opt, argc, argv, &i, err, sizeof err)) != 0) {
            if (shared < 0) return bad_usage("%s", err);
        } else if (strcmp(arg, "--") == 0) {
            only_positional = 1;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            *done = 1;
            return 0;
        } else if (strcmp(arg, "--version") == 0) {
            printf("zirun %s (module ABI %u)\n", ZI_VERSION, ZI_MODULE_ABI_VERSION);
            *done = 1;
            return 0;
        } else if (strcmp(arg, "--verify") == 0) {
            a->verify = 1;
        } else if (strcmp(arg, "-o") == 0 || option_is(arg, "--output")) {
            a->output = value_of(argc, argv, &i, arg);
            if (!a->output) return bad_usage("%s needs a file name", arg);
        } else if (option_is(arg, "--trust")) {
            a->trust = value_of(argc, argv, &i, arg);
            if (!a->trust) return bad_usage("%s needs a file of trusted public keys", arg);
        } else {
            return bad_usage("unknown option '%s'", arg);
        }
    }
    if (!a->module) return bad_usage("%s", "no module given");
    if (a->verify) {
        if (a->data) return bad_usage("--verify takes only a module, not '%s'", a->data);
        return 0;
    }
    if (!a->data) return bad_usage("%s", "no data file given");
    /* A workbook is a zip archive: nothing a terminal or a pipe should receive. */
    if (a->opt.report_format == ZI_REPORT_XLSX && (!a->output || strcmp(a->output, "-") == 0))
        return bad_usage("%s",
                         "--format xlsx writes a workbook file, not to standard output: give -o FILE.xlsx");
    return 0;
}

int main(int argc, char **argv)
{
    /* The sub-commands come first; a module file named like one is given as ./compare. */
    if (argc > 1 && strcmp(argv[1], "compare") == 0) return zi_compare_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "progress") == 0) return zi_progress_main(argc - 1, argv + 1);
    struct args a = {0};
    zi_run_options_init(&a.opt);
    int done;
    int rc = parse(argc, argv, &a, &done);
    if (rc || done) return rc;
    char err[600];
    struct zi_keyring *trusted = a.trust ? zi_keyring_load(a.trust, err, sizeof err) : NULL;
    struct zi_loaded_module *lm =
        a.trust && !trusted ? NULL : zi_module_load_trusted(a.module, trusted, err, sizeof err);
    zi_keyring_free(trusted);
    if (!lm) {
        fprintf(stderr, "zirun: %s\n", err);
        return 2;
    }
    const struct zi_module *m = zi_loaded_module_get(lm);
    if (a.verify) {
        printf("%s: a valid scoring module\n", a.module);
        printf("signature:     %s\n", zi_loaded_module_signer(lm));
        rc = zi_module_describe(m, stdout) == 0 ? 0 : 2;
        /* Valid, but of no use here (a --cpu=native module of another machine): a module problem. */
        if (rc == 0 && zi_module_pick_level(m, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "zirun: %s: %s\n", a.module, err);
            rc = 2;
        }
        zi_module_unload(lm);
        return rc;
    }
    /* A level the module lacks or this CPU cannot run is the module's problem, named by the module's file
     * before the data is opened (zi_run would say it of the data it was reading). */
    if (zi_module_pick_level(m, a.opt.cpu_level, err, sizeof err) < 0) {
        fprintf(stderr, "zirun: %s: %s\n", a.module, err);
        zi_module_unload(lm);
        return 2;
    }
    int from_stdin = strcmp(a.data, "-") == 0;
    FILE *in = from_stdin ? stdin : fopen(a.data, "rb");
    if (!in) {
        fprintf(stderr, "zirun: cannot open '%s': %s\n", a.data, strerror(errno));
        zi_module_unload(lm);
        return 2;
    }
    /* The report goes to a temporary file renamed over OUT only once complete (zi/outfile.h). */
    const char *reads[] = {a.data, a.module};
    const char *what[] = {"the data file", "the module"};
    struct zi_outfile out;
    int xlsx = a.opt.report_format == ZI_REPORT_XLSX;
    if (zi_outfile_open(&out, a.output, xlsx ? ZI_OUTFILE_PATH : ZI_OUTFILE_STREAM, reads, what, 2, err,
                        sizeof err) != 0) {
        fprintf(stderr, "zirun: %s\n", err);
        if (!from_stdin) fclose(in);
        zi_module_unload(lm);
        return 2;
    }
    a.opt.out_name = a.output;
    if (xlsx) a.opt.out_path = zi_outfile_path(&out);
    rc = zi_run(m, in, from_stdin ? "<stdin>" : a.data, out.f, stderr, &a.opt, NULL);
    if (!from_stdin) fclose(in);
    if (rc == ZI_RUN_FAILED) {
        zi_outfile_abort(&out);
    } else if (zi_outfile_commit(&out, err, sizeof err) != 0) {
        fprintf(stderr, "zirun: %s\n", err);
        rc = 2;
    }
    zi_module_unload(lm);
    return rc;
}
