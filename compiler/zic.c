/* zic.c — the command line: `zic check`, and the commands built on the same front end. Exit codes: 0 success
 * (warnings allowed unless -Werror), 1 errors in the criteria, 2 usage or I/O problems. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <time.h>

#include "codegen.h"
#include "diag_export.h"
#include "frontend.h"
#include "model.h"
#include "template.h"
#include "zi/outfile.h"
#include "zi/runtime.h"
#include "zic_common.h"
#include "zic_fmt.h"
#include "zic_doc.h"
#include "zic_lsp.h"
#include "zic_diff.h"
#include "zic_sign.h"
#include "zic_test.h"

enum { EXIT_ERRORS = ZIC_EXIT_ERRORS, EXIT_USAGE = ZIC_EXIT_USAGE };

/* The options every command that reads criteria takes, as each help lists them. */
#define DIAGNOSTICS_HELP                                                                                     \
    "  -Werror                 treat warnings as errors\n"                                                   \
    "  -ferror-limit=N         stop after N errors per file (default 50, 0 = no limit)\n"                    \
    "  --color=auto|always|never\n"                                                                          \
    "                          colour diagnostics (auto: only on a terminal, never with NO_COLOR)\n"

static const char usage[] =
    "usage: zic COMMAND [OPTIONS] FILE.zi...\n"
    "\n"
    "Compiles Zona Integritas assessment criteria (.zi) into native scoring modules.\n"
    "\n"
    "commands:\n"
    "  check FILE.zi...        check criteria files and report every problem found\n"
    "  build FILE.zi [-o OUT.so]\n"
    "                          compile criteria into a native scoring module (default FILE.so)\n"
    "  run FILE.zi DATA [--format table|csv|json] [--explain] [-o OUT] [data options]\n"
    "                          compile and score DATA straight away (the edit-and-try loop; -O0 unless\n"
    "                          told otherwise); DATA and its options as for zirun, - for standard input\n"
    "  template FILE.zi [--format csv|wide|long|json] [-o OUT]\n"
    "                          write the blank worksheet units fill in (default: csv, one row per answer)\n"
    "  keygen KEYFILE          make a key pair to sign modules: KEYFILE (secret) and KEYFILE.pub\n"
    "  doc FILE.zi [--format md|html|json] [--lang id|en] [-o OUT]\n"
    "                          write the rule set as a document to review and sign (the annex's tables)\n"
    "  test FILE.zi|FILE.zt... run the criteria's tests (FILE.zt) and say which cases pass\n"
    "  fmt [--check | --diff] FILE.zi...\n"
    "                          rewrite criteria files in the canonical layout (--check: list those that\n"
    "                          are not; --diff: show what would change)\n"
    "  lsp                     serve the Language Server Protocol on standard input/output (for editors)\n"
    "  diff OLD.zi NEW.zi [--data UNITS]\n"
    "                          what changed between two rule sets, and which units it moves\n"
    "\n"
    "options:\n" DIAGNOSTICS_HELP "  --diagnostics-format=text|json|sarif\n"
    "                          (check) diagnostics as text, or as JSON or SARIF 2.1.0 on standard output\n"
    "  -h, --help              show this help; 'zic COMMAND --help' shows a command's options\n"
    "  --version               show the version\n"
    "\n"
    "exit status: 0 no errors, 1 errors in the criteria, 2 usage or I/O problem.\n"
    "The language is described in docs/language.md.\n";

/* The options each command takes (one bit an option): any other is an error, never silently ignored. */
enum {
    OPT_WERROR = 1 << 0,
    OPT_ERROR_LIMIT = 1 << 1,
    OPT_COLOR = 1 << 2,
    OPT_FORMAT = 1 << 3,
    OPT_OUTPUT = 1 << 4,
    OPT_OPT_LEVEL = 1 << 5,
    OPT_CPU = 1 << 6,
    OPT_EMIT = 1 << 7,
    OPT_TIME = 1 << 8,
    OPT_RUN_DATA = 1 << 9, /* the data and report options zirun has (zi_run_option_parse) */
    OPT_DIAG_FORMAT = 1 << 10,
    OPT_SIGN = 1 << 11,
    OPT_DIAGNOSTICS = OPT_WERROR | OPT_ERROR_LIMIT | OPT_COLOR,
};

static const char check_help[] =
    "usage: zic check [OPTIONS] FILE.zi...\n"
    "\n"
    "Checks criteria files and reports every problem found, each at its line with the fix where there is "
    "one.\n"
    "\n"
    "options:\n" DIAGNOSTICS_HELP "  --diagnostics-format=text|json|sarif\n"
    "                          text on standard error (default), or one JSON or SARIF 2.1.0 document on\n"
    "                          standard output for editors and CI, fix-its included\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 no errors, 1 errors in the criteria, 2 usage or I/O problem.\n";

static const char build_help[] =
    "usage: zic build [OPTIONS] FILE.zi\n"
    "\n"
    "Compiles criteria into a native scoring module (default FILE.so in the current directory).\n"
    "\n"
    "options:\n"
    "  -o FILE                 write the module to FILE\n"
    "  -O0, -O1, -O2, -O3      optimisation level (default -O2)\n"
    "  --cpu=portable|generic|native\n"
    "                          portable (default): the score loop for x86-64, x86-64-v3 (AVX2) and\n"
    "                          x86-64-v4 (AVX-512), the runtime runs the best the CPU has; generic:\n"
    "                          x86-64 only; native: this machine's CPU only\n"
    "  --emit-llvm FILE        also write the optimised LLVM IR to FILE\n"
    "  --emit-obj FILE         also keep the object file as FILE\n"
    "  --sign KEYFILE          sign the module with a secret key (zic keygen; zirun --trust)\n"
    "  --time                  print how long each phase took\n" DIAGNOSTICS_HELP
    "  -h, --help              show this help\n";

static const char run_help[] =
    "usage: zic run [OPTIONS] FILE.zi DATA\n"
    "\n"
    "Compiles criteria and scores DATA straight away (the edit-and-try loop; -O0 unless told otherwise).\n"
    "DATA as for zirun; - for standard input.\n"
    "\n"
    "options:\n" ZI_RUN_OPTIONS_HELP "  -o FILE                 write the report to FILE\n"
    "  -O0, -O1, -O2, -O3, --cpu=generic|native   as for zic build\n" DIAGNOSTICS_HELP
    "  -h, --help              show this help\n";

static const char template_help[] =
    "usage: zic template [OPTIONS] FILE.zi\n"
    "\n"
    "Writes the blank worksheet units fill in.\n"
    "\n"
    "options:\n"
    "  --format csv|wide|long|json\n"
    "                          one row per answer (csv, default), one column per answer (wide), one row per\n"
    "                          unit and answer (long), or JSON\n"
    "  -o FILE                 write the template to FILE (- for standard output)\n" DIAGNOSTICS_HELP
    "  -h, --help              show this help\n";

static const char keygen_help[] =
    "usage: zic keygen KEYFILE\n"
    "\n"
    "Makes a key pair to sign modules: KEYFILE (the secret key, for zic build --sign) and KEYFILE.pub (the\n"
    "public key, for zirun --trust).\n"
    "\n"
    "options:\n"
    "  -h, --help              show this help\n";

struct cli {
    struct zi_frontend_options frontend;
    struct zi_codegen_options codegen;
    struct zi_run_options run; /* zic run: how to read the data and write the report */
    const char *output, *sign;
    const char *format;
    enum zi_diag_format diag_format;
    bool timing, opt_given;
    int colour; /* -1 auto, 0 never, 1 always */
    const char **files;
    int n_files;
};

/* Which bit of the option table `arg` is, or 0 for an option zic does not know at all. */
static unsigned option_bit(const char *arg)
{
    static const struct {
        const char *name;
        bool prefix; /* takes its value after '=' */
        unsigned bit;
    } options[] = {
        {"-Werror", false, OPT_WERROR},  {"-ferror-limit=", true, OPT_ERROR_LIMIT},
        {"--color=", true, OPT_COLOR},   {"--colour=", true, OPT_COLOR},
        {"--format", false, OPT_FORMAT}, {"--format=", true, OPT_FORMAT},
        {"-o", false, OPT_OUTPUT},       {"--emit-llvm", false, OPT_EMIT},
        {"--emit-obj", false, OPT_EMIT}, {"--cpu=", true, OPT_CPU},
        {"--time", false, OPT_TIME},     {"--diagnostics-format=", true, OPT_DIAG_FORMAT},
        {"--sign", false, OPT_SIGN},
    };
    if (arg[0] == '-' && arg[1] == 'O' && arg[2] >= '0' && arg[2] <= '3' && arg[3] == '\0')
        return OPT_OPT_LEVEL;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (options[i].prefix ? strncmp(arg, options[i].name, strlen(options[i].name)) == 0
                              : strcmp(arg, options[i].name) == 0)
            return options[i].bit;
    return zi_run_option_known(arg) ? OPT_RUN_DATA : 0;
}

/* Parses the options of `command`, which takes those in `allowed`; returns -1 after printing a usage error.
 */
static int parse_options(struct cli *cli, const char *command, unsigned allowed, int argc, char **argv)
{
    cli->frontend.error_limit = 50;
    cli->codegen.opt_level = 2;
    cli->colour = -1;
    zi_run_options_init(&cli->run);
    cli->run.program = "zic"; /* libzirt's messages name the command the user ran */
    cli->files = calloc((size_t)argc, sizeof *cli->files);
    if (!cli->files) return -1;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (allowed & OPT_RUN_DATA) {
            char err[200];
            int shared = zi_run_option_parse(&cli->run, argc, argv, &i, err, sizeof err);
            if (shared < 0) {
                fprintf(stderr, "zic: error: %s\nTry 'zic %s --help'.\n", err, command);
                return -1;
            }
            if (shared > 0) continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            unsigned bit = option_bit(arg);
            if (!bit) {
                fprintf(stderr, "zic: error: unknown option '%s'\nTry 'zic %s --help'.\n", arg, command);
                return -1;
            }
            if (!(bit & allowed)) {
                fprintf(stderr, "zic: error: 'zic %s' takes no option '%s'\nTry 'zic %s --help'.\n", command,
                        arg, command);
                return -1;
            }
        }
        int diagnostics = zic_diagnostics_option(arg, &cli->frontend, &cli->colour);
        if (diagnostics < 0) return -1;
        if (diagnostics > 0) continue;
        if (strncmp(arg, "--diagnostics-format=", 21) == 0) {
            const char *v = arg + 21;
            if (strcmp(v, "text") == 0)
                cli->diag_format = ZI_DIAG_TEXT;
            else if (strcmp(v, "json") == 0)
                cli->diag_format = ZI_DIAG_JSON;
            else if (strcmp(v, "sarif") == 0)
                cli->diag_format = ZI_DIAG_SARIF;
            else {
                fprintf(stderr, "zic: error: --diagnostics-format takes text, json or sarif\n");
                return -1;
            }
        } else if (strncmp(arg, "--format=", 9) == 0) {
            cli->format = arg + 9;
        } else if (strcmp(arg, "--format") == 0) {
            if (!value) {
                fprintf(stderr, "zic: error: '--format' needs a value\n");
                return -1;
            }
            cli->format = value;
            i++;
        } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--emit-llvm") == 0 ||
                   strcmp(arg, "--emit-obj") == 0 || strcmp(arg, "--sign") == 0) {
            if (!value) {
                fprintf(stderr, "zic: error: '%s' needs a file name\n", arg);
                return -1;
            }
            if (arg[1] == 'o')
                cli->output = value;
            else if (strcmp(arg, "--sign") == 0)
                cli->sign = value;
            else if (strcmp(arg, "--emit-llvm") == 0)
                cli->codegen.emit_llvm = value;
            else
                cli->codegen.emit_obj = value;
            i++;
        } else if (arg[0] == '-' && arg[1] == 'O' && arg[2] >= '0' && arg[2] <= '3' && arg[3] == '\0') {
            cli->codegen.opt_level = arg[2] - '0';
            cli->opt_given = true;
        } else if (strcmp(arg, "--cpu=native") == 0 || strcmp(arg, "--cpu=generic") == 0 ||
                   strcmp(arg, "--cpu=portable") == 0) {
            cli->codegen.cpu = arg[6] == 'n'   ? ZI_CODEGEN_NATIVE
                               : arg[6] == 'g' ? ZI_CODEGEN_GENERIC
                                               : ZI_CODEGEN_PORTABLE;
        } else if (strcmp(arg, "--time") == 0) {
            cli->timing = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "zic: error: invalid value in '%s'\nTry 'zic %s --help'.\n", arg, command);
            return -1;
        } else {
            cli->files[cli->n_files++] = arg;
        }
    }
    return 0;
}

/* zic_open_clean for a command that takes one criteria file. */
static int open_clean(struct cli *cli, struct zi_compilation *c, const char *usage_line)
{
    if (cli->n_files != 1) {
        fprintf(stderr, "zic: error: %s\nusage: %s\n",
                cli->n_files ? "give one criteria file" : "no input file", usage_line);
        return EXIT_USAGE;
    }
    return zic_open_clean(c, cli->files[0], &cli->frontend, cli->colour);
}

static int cmd_check(struct cli *cli)
{
    if (cli->n_files == 0) {
        fprintf(stderr, "zic: error: no input files\nusage: zic check FILE.zi...\n");
        return EXIT_USAGE;
    }
    bool colour = zic_want_colour(cli->colour);
    unsigned errors = 0, warnings = 0;
    int status = 0;
    struct zi_diag_export export;
    if (cli->diag_format != ZI_DIAG_TEXT)
        zi_diag_export_begin(&export, stdout, cli->diag_format, zic_compiler_version());
    for (int i = 0; i < cli->n_files; i++) {
        struct zi_compilation c;
        zi_compilation_open(&c, cli->files[i], &cli->frontend);
        if (c.io_failed) {
            fprintf(stderr, "zic: error: %s\n", c.io_error);
            status = EXIT_USAGE;
        } else {
            if (cli->diag_format == ZI_DIAG_TEXT)
                zi_diag_print(&c.diag, stderr, colour);
            else
                zi_diag_export_add(&export, &c.diag);
            errors += c.diag.n_errors + c.diag.n_dropped;
            warnings += c.diag.n_warnings;
        }
        zi_compilation_free(&c);
    }
    if (cli->diag_format == ZI_DIAG_TEXT)
        zi_diag_print_summary(stderr, errors, warnings);
    else if (zi_diag_export_end(&export, errors, warnings) != 0 || fflush(stdout) != 0)
        status = EXIT_USAGE;
    if (status) return status;
    return errors ? EXIT_ERRORS : 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* "criteria/lke.zi" -> "lke.so" in the current directory, as cc names a.out: next to the user, not the
 * source. */
static char *default_output(const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".zi") == 0) len -= 3;
    char *out = malloc(len + 4);
    if (out) {
        memcpy(out, base, len);
        memcpy(out + len, ".so", 4);
    }
    return out;
}

/* Every file a command writes goes through zi/outfile.h: beside its target, renamed over it only once whole,
 * and never over the files the command reads. */
#define ZIC_BUILD_OUTPUTS 3 /* the module, --emit-llvm, --emit-obj */

static int cmd_build(struct cli *cli)
{
    double start = now_ms();
    struct zi_compilation c;
    int failed = open_clean(cli, &c, "zic build FILE.zi [-o OUT.so] [-O0..3] [--sign KEYFILE]");
    if (failed) return failed;
    struct zi_model *model = zi_model_lower(c.criteria, &c.source, zic_compiler_version(), &c.arena);
    double front_ms = now_ms() - start;
    char *fallback = cli->output ? NULL : default_output(cli->files[0]);
    const char *output = cli->output ? cli->output : fallback;
    const char *reads[] = {cli->files[0], cli->sign}, *what[] = {"the criteria file", "the secret key"};
    const char *targets[ZIC_BUILD_OUTPUTS] = {output, cli->codegen.emit_llvm, cli->codegen.emit_obj};
    struct zi_outfile outs[ZIC_BUILD_OUTPUTS];
    char err[1024];
    int status = 0, opened = 0;
    for (; opened < ZIC_BUILD_OUTPUTS && status == 0; opened++)
        if (targets[opened])
            status = zi_outfile_open(&outs[opened], targets[opened], ZI_OUTFILE_PATH, reads, what, 2, err,
                                     sizeof err);
    if (status != 0) opened--; /* the one that failed released itself */
    struct zi_codegen_options options = cli->codegen;
    struct zi_codegen_timing timing;
    if (status == 0) {
        options.emit_llvm = targets[1] ? zi_outfile_path(&outs[1]) : NULL;
        options.emit_obj = targets[2] ? zi_outfile_path(&outs[2]) : NULL;
        status = zic_build_module(model, &options, zi_outfile_path(&outs[0]), &timing, err, sizeof err);
    }
    if (status == 0 && cli->sign)
        status = zic_sign_module(zi_outfile_path(&outs[0]), cli->sign, err, sizeof err);
    for (int k = 0; k < opened; k++) {
        if (!targets[k]) continue;
        if (status != 0)
            zi_outfile_abort(&outs[k]);
        else
            status = zi_outfile_commit(&outs[k], err, sizeof err);
    }
    if (status != 0)
        fprintf(stderr, "zic: error: %s\n", err);
    else if (cli->timing)
        fprintf(
            stderr,
            "zic: %s: parse+check+lower %.1f ms, codegen %.1f ms, optimise (-O%d) %.1f ms, object %.1f ms, "
            "link %.1f ms, total %.1f ms (%u LLVM modules on %u threads, %.1f ms of CPU)\n",
            output, front_ms, timing.generate_ms, cli->codegen.opt_level, timing.optimise_ms, timing.emit_ms,
            timing.link_ms, now_ms() - start, timing.modules, timing.threads, timing.cpu_ms);
    if (status == 0 && cli->timing) /* where the time goes: each LLVM module of the build */
        for (unsigned k = 0; k < timing.modules; k++)
            fprintf(stderr, "zic:   %s: codegen %.1f ms, optimise %.1f ms, object %.1f ms\n",
                    timing.module[k].what, timing.module[k].generate_ms, timing.module[k].optimise_ms,
                    timing.module[k].emit_ms);
    free(fallback);
    zi_compilation_free(&c);
    return status == 0 ? 0 : EXIT_USAGE;
}

static int cmd_template(struct cli *cli)
{
    static const struct {
        const char *name;
        enum zi_template_format format;
    } formats[] = {{"csv", ZI_TEMPLATE_CSV},
                   {"wide", ZI_TEMPLATE_WIDE},
                   {"long", ZI_TEMPLATE_LONG},
                   {"json", ZI_TEMPLATE_JSON}};
    enum zi_template_format format = ZI_TEMPLATE_CSV;
    bool known = cli->format == NULL;
    for (size_t i = 0; cli->format && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(cli->format, formats[i].name) == 0) {
            format = formats[i].format;
            known = true;
        }
    if (!known) {
        fprintf(stderr, "zic: error: unknown template format '%s' (csv, wide, long or json)\n", cli->format);
        return EXIT_USAGE;
    }
    struct zi_compilation c;
    int status = open_clean(cli, &c, "zic template FILE.zi [--format csv|wide|long|json] [-o OUT]");
    if (status) return status;
    struct zi_model *model = zi_model_lower(c.criteria, &c.source, zic_compiler_version(), &c.arena);
    const char *reads[] = {cli->files[0]}, *what[] = {"the criteria file"};
    struct zi_outfile out;
    char err[1024];
    if (zi_outfile_open(&out, cli->output, ZI_OUTFILE_STREAM, reads, what, 1, err, sizeof err) != 0) {
        fprintf(stderr, "zic: error: %s\n", err);
        zi_compilation_free(&c);
        return EXIT_USAGE;
    }
    if (zi_template_write(&model->descriptor, format, out.f) != 0) {
        zi_outfile_abort(&out);
        fprintf(stderr, "zic: error: cannot write '%s': %s\n", out.name, strerror(errno));
        status = EXIT_USAGE;
    } else if (zi_outfile_commit(&out, err, sizeof err) != 0) {
        fprintf(stderr, "zic: error: %s\n", err);
        status = EXIT_USAGE;
    }
    zi_compilation_free(&c);
    return status;
}

/* zic run: the module is built into a private temporary file and loaded (zic_load_model). */
static int cmd_run(struct cli *cli)
{
    if (cli->n_files != 2) {
        fprintf(stderr, "zic: error: run takes a criteria file and a data file\n"
                        "usage: zic run FILE.zi DATA [OPTIONS] (zic run --help lists them)\n");
        return EXIT_USAGE;
    }
    const char *data = cli->files[1];
    cli->n_files = 1;
    struct zi_compilation c;
    int status = open_clean(cli, &c, "zic run FILE.zi DATA");
    if (status) return status;
    struct zi_model *model = zi_model_lower(c.criteria, &c.source, zic_compiler_version(), &c.arena);
    if (!cli->opt_given) cli->codegen.opt_level = 0;

    char err[1024];
    struct zi_loaded_module *loaded = zic_load_model(model, &cli->codegen, err, sizeof err);
    if (!loaded) fprintf(stderr, "zic: error: %s\n", err);
    if (!loaded) {
        zi_compilation_free(&c);
        return EXIT_USAGE;
    }
    FILE *in = strcmp(data, "-") == 0 ? stdin : fopen(data, "rb");
    const char *reads[] = {cli->files[0], data}, *what[] = {"the criteria file", "the data file"};
    struct zi_outfile out;
    if (!in) {
        fprintf(stderr, "zic: error: cannot open '%s': %s\n", data, strerror(errno));
        status = EXIT_USAGE;
    } else if (cli->run.report_format == ZI_REPORT_XLSX && (!cli->output || strcmp(cli->output, "-") == 0)) {
        fprintf(stderr, "zic: error: --format xlsx writes a workbook file, not to standard output: give -o "
                        "FILE.xlsx\n");
        status = EXIT_USAGE;
    } else if (zi_outfile_open(&out, cli->output,
                               cli->run.report_format == ZI_REPORT_XLSX ? ZI_OUTFILE_PATH : ZI_OUTFILE_STREAM,
                               reads, what, 2, err, sizeof err) != 0) {
        fprintf(stderr, "zic: error: %s\n", err);
        status = EXIT_USAGE;
    } else {
        cli->run.out_name = cli->output;
        if (cli->run.report_format == ZI_REPORT_XLSX) cli->run.out_path = zi_outfile_path(&out);
        status = zi_run(zi_loaded_module_get(loaded), in, strcmp(data, "-") == 0 ? "<stdin>" : data, out.f,
                        stderr, &cli->run, NULL);
        if (status == ZI_RUN_FAILED) {
            zi_outfile_abort(&out);
        } else if (zi_outfile_commit(&out, err, sizeof err) != 0) {
            fprintf(stderr, "zic: error: %s\n", err);
            status = EXIT_USAGE;
        }
    }
    if (in && in != stdin) fclose(in);
    zi_module_unload(loaded);
    zi_compilation_free(&c);
    return status;
}

static int cmd_keygen(struct cli *cli)
{
    if (cli->n_files != 1) {
        fprintf(stderr, "zic: error: keygen takes one key file name\nusage: zic keygen KEYFILE\n");
        return EXIT_USAGE;
    }
    return zic_keygen(cli->files[0]);
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
        printf("%s\n", zic_compiler_version());
        return 0;
    }
    /* A command has `run` and the shared options its `allowed` bits name, or — a command with options of its
     * own, in its own file (zic_COMMAND.c) — `own`, which gets its arguments after the command's name. */
    static const struct {
        const char *name;
        int (*run)(struct cli *);
        unsigned allowed;
        const char *help;
        int (*own)(int argc, char **argv);
    } commands[] = {
        {"check", cmd_check, OPT_DIAGNOSTICS | OPT_DIAG_FORMAT, check_help, NULL},
        {"build", cmd_build,
         OPT_DIAGNOSTICS | OPT_OUTPUT | OPT_OPT_LEVEL | OPT_CPU | OPT_EMIT | OPT_TIME | OPT_SIGN, build_help,
         NULL},
        {"run", cmd_run, OPT_DIAGNOSTICS | OPT_RUN_DATA | OPT_OUTPUT | OPT_OPT_LEVEL | OPT_CPU, run_help,
         NULL},
        {"template", cmd_template, OPT_DIAGNOSTICS | OPT_FORMAT | OPT_OUTPUT, template_help, NULL},
        {"keygen", cmd_keygen, 0, keygen_help, NULL},
        {"doc", NULL, 0, NULL, zic_doc_main},
        {"test", NULL, 0, NULL, zic_test_main},
        {"fmt", NULL, 0, NULL, zic_fmt_main},
        {"lsp", NULL, 0, NULL, zic_lsp_main},
        {"diff", NULL, 0, NULL, zic_diff_main},
    };
    size_t k = 0;
    while (k < sizeof commands / sizeof commands[0] && strcmp(command, commands[k].name) != 0)
        k++;
    if (k == sizeof commands / sizeof commands[0]) {
        fprintf(stderr, "zic: error: unknown command '%s'\nTry 'zic --help'.\n", command);
        return EXIT_USAGE;
    }
    if (commands[k].own) return commands[k].own(argc - 2, argv + 2);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(commands[k].help, stdout);
            return 0;
        }
    struct cli cli = {0};
    int status;
    if (parse_options(&cli, command, commands[k].allowed, argc - 2, argv + 2) != 0)
        status = EXIT_USAGE;
    else
        status = commands[k].run(&cli);
    free(cli.files);
    return status;
}
