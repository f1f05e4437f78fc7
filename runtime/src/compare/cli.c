/* cli.c — the command lines of `zirun compare` (tiers) and `zirun progress` (periods):
 *
 *   zirun compare MODULE.so NAME=FILE NAME=FILE [NAME=FILE] [options]
 *   zirun progress MODULE.so PERIOD=FILE PERIOD=FILE … [options]
 *   zirun progress MODULE.so FILE --period-column COLUMN [options]
 *
 * Each file is read and scored whole by zi_run_collect with the usual data options (zi/runtime.h), its
 * warnings and first unit errors on standard error under its own name; a file that cannot be read stops the
 * command (exit 2) before anything is written: a comparison missing a tier would look complete. The units are
 * then joined (join.c) and the report written through zi/outfile.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "zi/outfile.h"

#define ZI_MAX_TIERS 3
#define ZI_MAX_PERIODS 120 /* ten years of months */

static const char compare_usage[] =
    "usage: zirun compare MODULE.so NAME=FILE NAME=FILE [NAME=FILE] [options]\n"
    "\n"
    "Compares the same units' worksheets from two or three tiers, in the order given (each tier checks the\n"
    "one before, e.g. mandiri=unit.csv tpi=tpi.csv tpn=tpn.csv): per unit the total, the areas and the\n"
    "verdict at each tier, every item whose answer differs with its score at each, and where the later tier\n"
    "lowered scores most often. Units are joined by id, ignoring case and spaces; a unit missing from a "
    "file\n"
    "is listed, never dropped.\n"
    "\n"
    "options:\n"
    "  --format table|csv|json|html\n"
    "                          report format (default table; html: a page for people)\n"
    "  -o, --output FILE       write the report to FILE ('-' is standard output, the default)\n"
    "  --trust KEYS            load only a module signed by one of the public keys in the file KEYS\n"
    "  --lang id|en            language of the report (default: the criteria's)\n"
    "  and the data options of zirun (--input-format, --separator, --header-row, --id-column,\n"
    "  --allow-missing-columns, --sheet), which apply to every file\n"
    "\n"
    "exit status: 0 every unit scored in every file, 1 some unit has errors in some file (all are in the\n"
    "             report), 2 usage, input/output or module problem\n";

static const char progress_usage[] =
    "usage: zirun progress MODULE.so PERIOD=FILE PERIOD=FILE ... [options]\n"
    "       zirun progress MODULE.so FILE --period-column COLUMN [options]\n"
    "\n"
    "Shows each unit's scores over time: per period the total, the areas and the verdict, and the change\n"
    "since the unit's previous period (points, and the verdict reached or lost). Periods come from one file\n"
    "per period, in the order given, or from a column of one file (e.g. periode: 2026-01, 2026-02), sorted\n"
    "(numbers in a period's name compared as numbers).\n"
    "\n"
    "options:\n"
    "  --period-column NAME    the column that names each row's period (one file; the wide layout)\n"
    "  --format table|csv|json|html\n"
    "                          report format (default table; html: a page with a line chart per unit)\n"
    "  -o, --output FILE       write the report to FILE ('-' is standard output, the default)\n"
    "  --trust KEYS            load only a module signed by one of the public keys in the file KEYS\n"
    "  --lang id|en            language of the report (default: the criteria's)\n"
    "  and the data options of zirun (--input-format, --separator, --header-row, --id-column,\n"
    "  --allow-missing-columns, --sheet), which apply to every file\n"
    "\n"
    "exit status: 0 every unit scored in every period, 1 some unit has errors in some period (all are in\n"
    "             the report), 2 usage, input/output or module problem\n";

struct cmd {
    const char *name; /* "compare" or "progress" */
    const char *usage;
    const char *module, *output, *trust;
    const char *names[ZI_MAX_PERIODS], *files[ZI_MAX_PERIODS];
    size_t n_files;
    struct zi_run_options opt;
};

static int bad_usage(const struct cmd *c, const char *fmt, const char *what)
{
    fprintf(stderr, "zirun %s: ", c->name);
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n(zirun %s --help shows the usage)\n", c->name);
    return 2;
}

static int option_is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static const char *value_of(int argc, char **argv, int *i, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq && arg[0] == '-' && arg[1] == '-') return eq + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

/* Names compared as people read them: ignoring ASCII case. */
static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (x != y) return 0;
    }
    return *a == *b;
}

/* 0 to go on, or the exit status (after --help, or a usage error). */
static int parse(struct cmd *c, int argc, char **argv, int *done, size_t max_files)
{
    int only_positional = 0, shared;
    char err[200];
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (!c->module) {
                c->module = arg;
                continue;
            }
            if (c->n_files == max_files) {
                char t[80];
                snprintf(t, sizeof t, "too many files: at most %zu %s", max_files,
                         strcmp(c->name, "compare") == 0 ? "tiers" : "periods");
                return bad_usage(c, "%s", t);
            }
            const char *eq = strchr(arg, '=');
            c->names[c->n_files] = eq ? arg : NULL;
            c->files[c->n_files] = eq ? eq + 1 : arg;
            if (eq && (eq == arg || !eq[1]))
                return bad_usage(c, "'%s' is not NAME=FILE (a name and a file, e.g. tpi=tpi.csv)", arg);
            c->n_files++;
        } else if ((shared = zi_run_option_parse(&c->opt, argc, argv, &i, err, sizeof err)) != 0) {
            if (shared < 0) return bad_usage(c, "%s", err);
        } else if (strcmp(arg, "--") == 0) {
            only_positional = 1;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(c->usage, stdout);
            *done = 1;
            return 0;
        } else if (strcmp(arg, "-o") == 0 || option_is(arg, "--output")) {
            c->output = value_of(argc, argv, &i, arg);
            if (!c->output) return bad_usage(c, "%s needs a file name", arg);
        } else if (option_is(arg, "--trust")) {
            c->trust = value_of(argc, argv, &i, arg);
            if (!c->trust) return bad_usage(c, "%s needs a file of trusted public keys", arg);
        } else {
            return bad_usage(c, "unknown option '%s'", arg);
        }
    }
    if (!c->module) return bad_usage(c, "%s", "no module given");
    if (c->opt.report_format != ZI_REPORT_TABLE && c->opt.report_format != ZI_REPORT_CSV &&
        c->opt.report_format != ZI_REPORT_JSON && c->opt.report_format != ZI_REPORT_HTML)
        return bad_usage(c, "%s", "--format takes table, csv, json or html here");
    /* An option that would change nothing is refused rather than ignored: the reports have no explanation. */
    if (c->opt.explain)
        return bad_usage(c, "%s", "--explain is for a single file: run zirun MODULE FILE --explain");
    return 0;
}

/* The options' defaults, then parse(). */
static int start(struct cmd *c, int argc, char **argv, int *done, size_t max_files)
{
    zi_run_options_init(&c->opt);
    return parse(c, argc, argv, done, max_files);
}

/* Cuts a split name ("tpi=tpi.csv") into its name: the names point into argv, so the '=' is replaced. */
static int check_names(struct cmd *c, int need_names)
{
    for (size_t k = 0; k < c->n_files; k++) {
        if (!c->names[k]) {
            if (need_names)
                return bad_usage(c, "'%s' has no name: give NAME=FILE (e.g. tpi=tpi.csv)", c->files[k]);
            continue;
        }
        char *eq = (char *)c->files[k] - 1;
        *eq = '\0';
        for (size_t p = 0; p < k; p++)
            if (c->names[p] && same_name(c->names[p], c->names[k]))
                return bad_usage(c, "the name '%s' is given twice", c->names[k]);
    }
    return 0;
}

/* What the run needs to free. */
struct loaded {
    struct zi_loaded_module *lm;
    struct zi_results res[ZI_MAX_PERIODS];
    size_t n_res;
    struct zi_set sets[ZI_MAX_PERIODS];
    size_t n_sets;
    char *period_names; /* the periods of a period column, NUL-separated */
};

static void loaded_free(struct loaded *l)
{
    for (size_t s = 0; s < l->n_sets; s++)
        free(l->sets[s].units);
    for (size_t k = 0; k < l->n_res; k++)
        zi_results_free(&l->res[k]);
    free(l->period_names);
    zi_module_unload(l->lm);
}

/* Reads and scores every file; 0, or the exit status 2 after a message. */
static int collect(struct cmd *c, struct loaded *l)
{
    char err[600];
    struct zi_keyring *trusted = c->trust ? zi_keyring_load(c->trust, err, sizeof err) : NULL;
    l->lm = c->trust && !trusted ? NULL : zi_module_load_trusted(c->module, trusted, err, sizeof err);
    zi_keyring_free(trusted);
    if (!l->lm) {
        fprintf(stderr, "zirun: %s\n", err);
        return 2;
    }
    const struct zi_module *m = zi_loaded_module_get(l->lm);
    for (size_t k = 0; k < c->n_files; k++) {
        int from_stdin = strcmp(c->files[k], "-") == 0;
        FILE *in = from_stdin ? stdin : fopen(c->files[k], "rb");
        if (!in) {
            fprintf(stderr, "zirun: cannot open '%s': %s\n", c->files[k], strerror(errno));
            return 2;
        }
        c->opt.program = "zirun";
        int rc = zi_run_collect(m, in, from_stdin ? "<stdin>" : c->files[k], stderr, &c->opt, &l->res[k]);
        l->n_res++;
        if (!from_stdin) fclose(in);
        if (rc == ZI_RUN_FAILED) {
            fprintf(stderr, "zirun %s: '%s' could not be read to its end: nothing is compared\n", c->name,
                    c->files[k]);
            return 2;
        }
    }
    return 0;
}

/* A file's units as a set, joined by their own ids. */
static int whole_set(struct zi_set *set, const struct zi_results *r, const char *name, const char *file)
{
    set->name = name;
    set->file = file;
    set->n = r->n;
    set->units = malloc((r->n + 1) * sizeof *set->units);
    if (!set->units) return -1;
    for (size_t u = 0; u < r->n; u++) {
        set->units[u].r = &r->units[u];
        set->units[u].id = r->units[u].id;
        set->units[u].id_len = strlen(r->units[u].id);
    }
    return 0;
}

/* Writes the report; the exit status. */
static int report(struct cmd *c, struct loaded *l, int progress)
{
    const struct zi_module *m = zi_loaded_module_get(l->lm);
    char err[600];
    struct zi_join j;
    if (zi_join_build(&j, l->sets, l->n_sets) != 0) {
        fprintf(stderr, "zirun %s: out of memory\n", c->name);
        return 2;
    }
    const char *reads[ZI_MAX_PERIODS + 1];
    const char *what[ZI_MAX_PERIODS + 1];
    for (size_t k = 0; k < c->n_files; k++) {
        reads[k] = c->files[k];
        what[k] = "a data file";
    }
    reads[c->n_files] = c->module;
    what[c->n_files] = "the module";
    struct zi_outfile out;
    if (zi_outfile_open(&out, c->output, ZI_OUTFILE_STREAM, reads, what, c->n_files + 1, err, sizeof err) !=
        0) {
        fprintf(stderr, "zirun: %s\n", err);
        zi_join_free(&j);
        return 2;
    }
    /* Asked for, or the criteria's own (`language id` in the .zi), or English, as zi_run decides. */
    enum zi_lang lang = c->opt.lang != ZI_LANG_AUTO                     ? c->opt.lang
                        : m->language && strcmp(m->language, "id") == 0 ? ZI_LANG_ID
                                                                        : ZI_LANG_EN;
    int werr = 0;
    int rc = progress ? zi_progress_write(m, l->sets, l->n_sets, &j, out.f, c->opt.report_format, lang, &werr)
                      : zi_compare_write(m, l->sets, l->n_sets, &j, out.f, c->opt.report_format, lang, &werr);
    struct zi_sheet counts = {.j = &j, .sets = l->sets, .n_sets = l->n_sets};
    size_t with_errors = 0, absent = 0;
    zi_sheet_counts(&counts, &with_errors, &absent);
    zi_join_free(&j);
    if (rc != 0) {
        fprintf(stderr, "zirun %s: cannot write the report to '%s': %s\n", c->name,
                c->output && strcmp(c->output, "-") != 0 ? c->output : "<stdout>",
                werr ? strerror(werr) : "out of memory");
        zi_outfile_abort(&out);
        return 2;
    }
    if (zi_outfile_commit(&out, err, sizeof err) != 0) {
        fprintf(stderr, "zirun: %s\n", err);
        return 2;
    }
    return with_errors ? 1 : 0;
}

/* Period names in order: digit runs compared as numbers ("2026-2" before "2026-10"), the rest byte by byte.
 */
static int period_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb) return na < nb ? -1 : 1;
            int d = strncmp(a, b, na);
            if (d) return d;
            a += na;
            b += nb;
        } else if (*a != *b) {
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        } else {
            a++;
            b++;
        }
    }
    return *a ? 1 : *b ? -1 : 0;
}

/* Where a period column put the period in a unit's id ("ID [PERIOD]", ingest_wide.c): the index of the " ["
 * before it, or 0 when the id has none (an empty id, or a row whose period could not be read). */
static size_t period_at(const char *id)
{
    size_t n = strlen(id);
    if (n < 4 || id[n - 1] != ']') return 0;
    for (size_t k = n - 1; k-- > 1;)
        if (id[k] == '[') return id[k - 1] == ' ' ? k - 1 : 0;
    return 0;
}

/* One file with a period column: a set per period, sorted, and one named "-" (last) for the rows whose
 * period could not be read, so that none is dropped. 0, or 2 after a message. */
static int period_sets(struct cmd *c, struct loaded *l)
{
    const struct zi_results *r = &l->res[0];
    size_t names_len = 0;
    for (size_t u = 0; u < r->n; u++)
        names_len += strlen(r->units[u].id) + 1;
    l->period_names = malloc(names_len + 2);
    const char **names = malloc((r->n + 1) * sizeof *names);
    int rc = l->period_names && names ? 0 : 2;
    size_t n_names = 0, used = 0, no_period = 0;
    for (size_t u = 0; rc == 0 && u < r->n; u++) {
        const char *id = r->units[u].id;
        size_t at = period_at(id);
        if (!at) {
            no_period++;
            continue;
        }
        size_t len = strlen(id) - at - 3;
        char *name = l->period_names + used;
        memcpy(name, id + at + 2, len);
        name[len] = '\0';
        size_t k = 0;
        while (k < n_names && strcmp(names[k], name) != 0)
            k++;
        if (k < n_names) continue;
        if (n_names == ZI_MAX_PERIODS - 1) {
            fprintf(stderr, "zirun progress: '%s' has more than %d periods\n", c->files[0],
                    ZI_MAX_PERIODS - 1);
            rc = 2;
            break;
        }
        names[n_names++] = name;
        used += len + 1;
    }
    /* Insertion sort: a few dozen periods. */
    for (size_t i = 1; i < n_names; i++)
        for (size_t k = i; k > 0 && period_cmp(names[k - 1], names[k]) > 0; k--) {
            const char *t = names[k];
            names[k] = names[k - 1];
            names[k - 1] = t;
        }
    size_t n_sets = n_names + (no_period > 0);
    for (size_t s = 0; rc == 0 && s < n_sets; s++, l->n_sets++) {
        struct zi_set *set = &l->sets[s];
        set->name = s < n_names ? names[s] : "-";
        set->optional = s == n_names;
        set->file = c->files[0];
        set->units = malloc((r->n + 1) * sizeof *set->units);
        if (!set->units) {
            rc = 2;
            break;
        }
        for (size_t u = 0; u < r->n; u++) {
            const char *id = r->units[u].id;
            size_t at = period_at(id);
            if (s < n_names ? !at || strlen(id) - at - 3 != strlen(set->name) ||
                                  memcmp(id + at + 2, set->name, strlen(set->name)) != 0
                            : at != 0)
                continue;
            set->units[set->n++] = (struct zi_set_unit){&r->units[u], id, at ? at : strlen(id)};
        }
    }
    free(names);
    if (rc) fprintf(stderr, "zirun progress: out of memory\n");
    return rc;
}

/* Reads every file, makes the sets (a file each, or a period each of a period column's file), writes the
 * report; the exit status. */
static int run(struct cmd *c, int progress)
{
    struct loaded l;
    memset(&l, 0, sizeof l);
    int rc = collect(c, &l);
    if (rc == 0 && c->opt.period_column) rc = period_sets(c, &l);
    for (size_t k = 0; rc == 0 && !c->opt.period_column && k < c->n_files; k++, l.n_sets++)
        if (whole_set(&l.sets[k], &l.res[k], c->names[k], c->files[k]) != 0) rc = 2;
    if (rc == 0) rc = report(c, &l, progress);
    loaded_free(&l);
    return rc;
}

int zi_compare_main(int argc, char **argv)
{
    struct cmd c = {.name = "compare", .usage = compare_usage};
    int done, rc = start(&c, argc, argv, &done, ZI_MAX_TIERS);
    if (rc || done) return rc;
    if (c.n_files < 2) return bad_usage(&c, "%s", "give two or three tiers as NAME=FILE (e.g. tpi=tpi.csv)");
    if ((rc = check_names(&c, 1)) != 0) return rc;
    return run(&c, 0);
}

int zi_progress_main(int argc, char **argv)
{
    struct cmd c = {.name = "progress", .usage = progress_usage};
    int done, rc = start(&c, argc, argv, &done, ZI_MAX_PERIODS);
    if (rc || done) return rc;
    if (c.opt.period_column) {
        if (c.n_files != 1 || c.names[0])
            return bad_usage(
                &c, "%s", "--period-column reads one file, given without a name: FILE --period-column NAME");
    } else if (c.n_files < 2) {
        return bad_usage(&c, "%s",
                         "give two or more periods as PERIOD=FILE (e.g. 2026-01=jan.csv), or one file and "
                         "--period-column NAME");
    } else if ((rc = check_names(&c, 1)) != 0) {
        return rc;
    }
    return run(&c, 1);
}
