/* zic_diff.c — `zic diff OLD.zi NEW.zi [--data UNITS]`: the driver. Both files go through the front end and
 * are lowered (a criteria that extends another is compared as merged), model_diff.c compares the models,
 * diff_impact.c scores the units with both when asked; this file parses the options and writes the rules'
 * changes as a table for people or as JSON. Exit status as diff(1)'s: 0 identical rules, 1 differences,
 * 2 trouble. */
#include "zic_diff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "diff_impact.h"
#include "model_diff.h"
#include "zi/outfile.h"
#include "zic_common.h"

enum { DIFF_SAME = 0, DIFF_DIFFERENT = 1, DIFF_TROUBLE = 2 };

static const char diff_help[] =
    "usage: zic diff [OPTIONS] OLD.zi NEW.zi\n"
    "\n"
    "Says what changed between two rule sets, in the worksheet's terms: items added, removed, moved and\n"
    "re-texted; weights; scales and their scores; verdicts, their thresholds and conditions; prerequisites "
    "and\n"
    "relaxations; data checks; facts. A criteria that extends another is compared as merged; each change "
    "names\n"
    "the file and line of each side.\n"
    "\n"
    "options:\n"
    "  --format table|json     a table for people (default) or one JSON document for tools\n"
    "  --data UNITS            also score UNITS (CSV, JSON or .xlsx, as zirun reads them) with both rule "
    "sets:\n"
    "                          every unit whose predicate or proposability changes and why, the count of "
    "each\n"
    "                          change, and how the scores moved\n"
    "  -o FILE                 write the report to FILE (default: standard output)\n"
    "  data options, as for zirun (with --data):\n"
    "  --input-format auto|wide|long|json|jsonl, --separator ','|';'|tab, --header-row N, --id-column NAME,\n"
    "  --allow-missing-columns, --sheet NAME, --batch-size N\n"
    "  -Werror                 treat warnings in the criteria as errors\n"
    "  -ferror-limit=N         stop after N errors per file (default 50, 0 = no limit)\n"
    "  --color=auto|always|never\n"
    "                          colour diagnostics (auto: only on a terminal, never with NO_COLOR)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 the rules are identical, 1 they differ, 2 trouble (usage, I/O, errors in a criteria "
    "file,\n"
    "data a rule set cannot read).\n";

static const char usage_line[] =
    "usage: zic diff [--format table|json] [--data UNITS] [-o FILE] OLD.zi NEW.zi\n";

struct options {
    struct zi_frontend_options frontend;
    struct zi_run_options run;
    int colour;
    bool json, data_options;
    const char *data, *output;
    const char *files[2];
    int n_files;
};

/* The data options of zirun that mean something here (the report's own options do not). */
static bool data_option(const char *arg)
{
    static const char *const names[] = {
        "--input-format",          "--separator", "--header-row", "--id-column",
        "--allow-missing-columns", "--sheet",     "--batch-size"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t n = strlen(names[k]);
        if (strncmp(arg, names[k], n) == 0 && (arg[n] == '\0' || arg[n] == '=')) return true;
    }
    return false;
}

/* The value of `name` given as "name=value" or as the next argument; NULL after a message when missing. */
static const char *value_of(const char *name, int argc, char **argv, int *i)
{
    size_t n = strlen(name);
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "zic: error: '%s' needs a value\n%s", name, usage_line);
        return NULL;
    }
    return argv[++*i];
}

static bool is_option(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* Returns 0, 1 for --help (printed), or -1 after a usage message. */
static int parse(struct options *o, int argc, char **argv)
{
    o->frontend.error_limit = 50;
    o->colour = -1;
    zi_run_options_init(&o->run);
    o->run.program = "zic";
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(diff_help, stdout);
            return 1;
        }
        int diagnostics = zic_diagnostics_option(arg, &o->frontend, &o->colour);
        if (diagnostics < 0) return -1;
        if (diagnostics > 0) continue;
        if (is_option(arg, "--format")) {
            const char *v = value_of("--format", argc, argv, &i);
            if (!v) return -1;
            if (strcmp(v, "json") != 0 && strcmp(v, "table") != 0) {
                fprintf(stderr, "zic: error: --format takes table or json, not '%s'\n%s", v, usage_line);
                return -1;
            }
            o->json = strcmp(v, "json") == 0;
        } else if (is_option(arg, "--data")) {
            if (!(o->data = value_of("--data", argc, argv, &i))) return -1;
        } else if (strcmp(arg, "-o") == 0) {
            if (!(o->output = value_of("-o", argc, argv, &i))) return -1;
        } else if (data_option(arg)) {
            char err[200];
            if (zi_run_option_parse(&o->run, argc, argv, &i, err, sizeof err) < 0) {
                fprintf(stderr, "zic: error: %s\nTry 'zic diff --help'.\n", err);
                return -1;
            }
            o->data_options = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "zic: error: %s '%s'\nTry 'zic diff --help'.\n",
                    zi_run_option_known(arg) ? "'zic diff' takes no option" : "unknown option", arg);
            return -1;
        } else if (o->n_files < 2) {
            o->files[o->n_files++] = arg;
        } else {
            fprintf(stderr, "zic: error: diff takes two criteria files, not '%s' too\n%s", arg, usage_line);
            return -1;
        }
    }
    if (o->n_files != 2) {
        fprintf(stderr, "zic: error: diff takes two criteria files, the old and the new\n%s", usage_line);
        return -1;
    }
    if (o->data_options && !o->data) {
        fprintf(stderr, "zic: error: data options need --data UNITS\n%s", usage_line);
        return -1;
    }
    if (o->data && strcmp(o->data, "-") == 0) {
        fprintf(stderr, "zic: error: --data needs a file: both rule sets read it, one after the other\n");
        return -1;
    }
    return 0;
}

/* ---- the table ----------------------------------------------------------------------------------------- */

static void write_sources(FILE *out, const char *which, const struct zi_module *m)
{
    fprintf(out, "%s  %s: %s \"%s\"", which, m->source_name, m->criteria_id, m->title);
    for (uint32_t k = 1; k < m->n_sources; k++)
        fprintf(out, "%s%s", k == 1 ? ", extends " : " and ", m->sources[k].name);
    fputc('\n', out);
}

static bool same_or_null(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether c and the next change come from the same `all` line(s) and changed alike: the table shows them
 * once. */
static bool same_line(const struct zi_diff_change *c, const struct zi_diff_change *next)
{
    return (c->old_line || c->new_line) && next->section == c->section && next->kind == c->kind &&
           strcmp(next->subject, c->subject) == 0 && same_or_null(next->aspect, c->aspect) &&
           same_or_null(next->old_line, c->old_line) && same_or_null(next->new_line, c->new_line) &&
           same_or_null(next->old_at, c->old_at) && same_or_null(next->new_at, c->new_at);
}

/* Writes change c, or the `n` changes from c that one line declared; the where lines name each side's
 * file:line. */
static void write_change(FILE *out, const struct zi_diff_change *c, size_t n)
{
    const char *old_text = n > 1 ? c->old_line : c->old_text, *new_text = n > 1 ? c->new_line : c->new_text;
    switch (c->kind) {
    case ZI_DIFF_ADDED:
        fprintf(out, "  + %s: %s", c->subject, new_text);
        break;
    case ZI_DIFF_REMOVED:
        fprintf(out, "  - %s: %s", c->subject, old_text);
        break;
    case ZI_DIFF_CHANGED:
        fprintf(out, "  ~ %s %s: %s → %s", c->subject, c->aspect, old_text, new_text);
        break;
    }
    if (n > 1) fprintf(out, " (%zu conditions, one per member)", n);
    fputc('\n', out);
    if (c->old_at && c->new_at && strcmp(c->old_at, c->new_at) == 0)
        fprintf(out, "      at %s (both)\n", c->old_at);
    else if (c->old_at && c->new_at)
        fprintf(out, "      at %s → %s\n", c->old_at, c->new_at);
    else if (c->old_at || c->new_at)
        fprintf(out, "      at %s\n", c->old_at ? c->old_at : c->new_at);
}

/* The changes to the rules, the criteria's own id, title and regulation aside. */
static size_t rule_changes(const struct zi_diff *d)
{
    size_t n = 0;
    for (size_t k = 0; k < d->n; k++)
        n += d->changes[k].section != ZI_DIFF_CRITERIA;
    return n;
}

static void write_table(FILE *out, const struct zi_diff *d, const struct zi_module *a,
                        const struct zi_module *b)
{
    write_sources(out, "old", a);
    write_sources(out, "new", b);
    for (int s = 0; s < ZI_DIFF_N_SECTIONS; s++) {
        size_t n = 0;
        for (size_t k = 0; k < d->n; k++)
            n += d->changes[k].section == (enum zi_diff_section)s;
        if (!n) continue;
        fprintf(out, "\n%s (%zu)\n", zi_diff_section_title((enum zi_diff_section)s), n);
        for (size_t k = 0; k < d->n; k++) {
            if (d->changes[k].section != (enum zi_diff_section)s) continue;
            size_t run = 1;
            while (k + run < d->n && same_line(&d->changes[k], &d->changes[k + run]))
                run++;
            write_change(out, &d->changes[k], run);
            k += run - 1;
        }
    }
    size_t rules = rule_changes(d);
    if (rules)
        fprintf(out, "\n%zu change%s to the rules.\n", rules, rules == 1 ? "" : "s");
    else
        fputs("\nThe rules are identical: the same items, weights, scales, conditions and verdicts.\n", out);
}

/* ---- JSON ---------------------------------------------------------------------------------------------- */

static void json_field(FILE *out, const char *name, const char *value)
{
    if (!value) return;
    fprintf(out, ", \"%s\": ", name);
    zi_json_string(out, value);
}

static void json_side(FILE *out, const char *name, const struct zi_module *m)
{
    fprintf(out, "  \"%s\": {\"file\": ", name);
    zi_json_string(out, m->source_name);
    json_field(out, "criteria", m->criteria_id);
    json_field(out, "title", m->title);
    json_field(out, "language", m->language);
    json_field(out, "regulation", m->regulation);
    fputs(", \"sources\": [", out);
    for (uint32_t k = 0; k < m->n_sources; k++) {
        fprintf(out, "%s{\"name\": ", k ? ", " : "");
        zi_json_string(out, m->sources[k].name);
        json_field(out, "sha256", m->sources[k].sha256);
        fputc('}', out);
    }
    fputs("]},\n", out);
}

static void write_json_changes(FILE *out, const struct zi_diff *d)
{
    static const char *const kinds[] = {"added", "removed", "changed"};
    fprintf(out, "  \"identical\": %s,\n  \"changes\": [", rule_changes(d) ? "false" : "true");
    for (size_t k = 0; k < d->n; k++) {
        const struct zi_diff_change *c = &d->changes[k];
        fprintf(out, "%s\n    {\"section\": \"%s\", \"change\": \"%s\"", k ? "," : "",
                zi_diff_section_key(c->section), kinds[c->kind]);
        json_field(out, "subject", c->subject);
        json_field(out, "aspect", c->aspect);
        json_field(out, "old", c->old_text);
        json_field(out, "new", c->new_text);
        if (c->has_values) {
            char x[48], y[48];
            fprintf(out, ", \"old_value\": %s, \"new_value\": %s", zi_diff_shortest(c->old_value, x),
                    zi_diff_shortest(c->new_value, y));
        }
        json_field(out, "old_at", c->old_at);
        json_field(out, "new_at", c->new_at);
        fputc('}', out);
    }
    fputs(d->n ? "\n  ]" : "]", out);
}

/* ---- the command --------------------------------------------------------------------------------------- */

struct rule_set {
    struct zi_compilation c;
    struct zi_model *model;
    struct zi_loaded_module *loaded;
    bool open;
};

static int open_side(struct rule_set *r, const char *path, const struct options *o)
{
    int status = zic_open_clean(&r->c, path, &o->frontend, o->colour);
    if (status) return DIFF_TROUBLE; /* errors in a criteria file are trouble here: 1 means "they differ" */
    r->open = true;
    r->model = zi_model_lower(r->c.criteria, &r->c.source, zic_compiler_version(), &r->c.arena);
    return 0;
}

static int load_side(struct rule_set *r)
{
    struct zi_codegen_options codegen = {0}; /* -O0: the quickest build, as `zic run` does */
    char err[1024];
    r->loaded = zic_load_model(r->model, &codegen, err, sizeof err);
    if (!r->loaded) fprintf(stderr, "zic: error: %s: %s\n", r->c.source.name, err);
    return r->loaded ? 0 : DIFF_TROUBLE;
}

static int write_report(FILE *out, const struct options *o, const struct zi_diff *d, const struct rule_set *r,
                        const struct zi_impact *im)
{
    const struct zi_module *a = &r[0].model->descriptor, *b = &r[1].model->descriptor;
    if (!o->json) {
        write_table(out, d, a, b);
        return im ? zi_impact_write_text(im, d, out) : 0;
    }
    fputs("{\n", out);
    json_side(out, "old", a);
    json_side(out, "new", b);
    write_json_changes(out, d);
    if (im) {
        fputs(",\n  \"impact\": ", out);
        if (zi_impact_write_json(im, d, out) != 0) return -1;
    }
    fputs("\n}\n", out);
    return 0;
}

int zic_diff_main(int argc, char **argv)
{
    struct options o = {0};
    int parsed = parse(&o, argc, argv);
    if (parsed) return parsed > 0 ? 0 : DIFF_TROUBLE;
    struct rule_set r[2] = {0};
    int status = open_side(&r[0], o.files[0], &o);
    if (!status) status = open_side(&r[1], o.files[1], &o);
    struct zi_diff d = {0};
    struct zi_impact im = {0};
    if (!status) {
        struct zi_diff_side a = {r[0].model, &r[0].c.source, r[0].c.criteria};
        struct zi_diff_side b = {r[1].model, &r[1].c.source, r[1].c.criteria};
        zi_diff_models(&a, &b, &d);
    }
    if (!status && o.data) {
        status = load_side(&r[0]);
        if (!status) status = load_side(&r[1]);
        if (!status)
            status = zi_impact_collect(&im, zi_loaded_module_get(r[0].loaded), o.files[0],
                                       zi_loaded_module_get(r[1].loaded), o.files[1], o.data, &o.run, stderr);
    }
    if (!status) {
        const char *reads[] = {o.files[0], o.files[1], o.data};
        const char *what[] = {"the old criteria file", "the new criteria file", "the data file"};
        struct zi_outfile out;
        char err[1024];
        if (zi_outfile_open(&out, o.output, ZI_OUTFILE_STREAM, reads, what, 3, err, sizeof err) != 0) {
            fprintf(stderr, "zic: error: %s\n", err);
            status = DIFF_TROUBLE;
        } else if (write_report(out.f, &o, &d, r, o.data ? &im : NULL) != 0 || ferror(out.f)) {
            fprintf(stderr, "zic: error: cannot write '%s': %s\n", out.name ? out.name : "-",
                    strerror(errno));
            zi_outfile_abort(&out);
            status = DIFF_TROUBLE;
        } else if (zi_outfile_commit(&out, err, sizeof err) != 0) {
            fprintf(stderr, "zic: error: %s\n", err);
            status = DIFF_TROUBLE;
        } else {
            status = rule_changes(&d) ? DIFF_DIFFERENT : DIFF_SAME;
        }
    }
    zi_impact_free(&im);
    zi_diff_free(&d);
    for (int k = 0; k < 2; k++) {
        if (r[k].loaded) zi_module_unload(r[k].loaded);
        if (r[k].open) zi_compilation_free(&r[k].c);
    }
    return status;
}
