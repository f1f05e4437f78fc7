/* zic_test.c — `zic test FILE…`: builds the criteria once, scores every case of its tests file through the
 * module as zirun would score a worksheet, and reports like a test runner (docs/tools.md, "zic test").
 *
 * The cases (testcase.c) become one wide CSV in memory, read by zi_run_collect with the loaded module: the
 * same reader, checks and scoring as a real run, with every unit kept (a few hundred cases at most, so
 * memory is no concern). */
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testcase.h"
#include "zi/results.h"
#include "zic_common.h"
#include "zic_test.h"

static const char help[] =
    "usage: zic test [OPTIONS] FILE...\n"
    "\n"
    "Runs the tests of criteria. FILE.zi runs the cases of FILE.zt beside it; FILE.zt runs its cases "
    "against\n"
    "the criteria its `tests` line names. Each case is scored through the compiled module, as zirun scores "
    "a\n"
    "worksheet, and reported PASS or FAIL with what differed.\n"
    "\n"
    "options:\n"
    "  --criteria FILE.zi      run the cases against FILE.zi instead (e.g. a base's tests against a rule\n"
    "                          set that extends it)\n"
    "  --coverage              list every verdict condition and prerequisite with the cases that hold it\n"
    "                          and fail it, and those no case sits on both sides of\n"
    "  --require-coverage      the same, and exit 1 when some condition lacks a side\n"
    "  --format text|json      the report as text (default) or as one JSON object per tests file\n"
    "  --color=auto|always|never\n"
    "                          colour diagnostics (auto: only on a terminal, never with NO_COLOR)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 every case passed, 1 a case failed or a file has errors, 2 usage or I/O problem.\n";

struct options {
    const char *criteria;
    bool coverage, require_coverage, json;
    int colour;
};

/* What one tests file came to. */
struct outcome {
    size_t passed, failed, not_run;
    uint32_t uncovered; /* conditions not seen on both sides */
};

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* FILE.zi -> FILE.zt (malloc'd), or NULL when `path` does not end in .zi. */
static char *tests_beside(const char *path)
{
    size_t len = strlen(path);
    if (len < 3 || strcmp(path + len - 3, ".zi") != 0) return NULL;
    char *tests = malloc(len + 1);
    if (!tests) return NULL;
    memcpy(tests, path, len + 1);
    tests[len - 1] = 't';
    return tests;
}

static char *folder_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy) return NULL;
    char *dir = strdup(dirname(copy));
    free(copy);
    return dir;
}

static bool takes_part(int32_t role)
{
    return role == ZI_CONDITION_VERDICT || role == ZI_CONDITION_PREREQUISITE ||
           role == ZI_CONDITION_RELAXATION;
}

static const char *condition_owner(const struct zi_module *m, uint32_t c)
{
    const struct zi_condition_desc *cd = &m->conditions[c];
    return cd->verdict >= 0 ? m->verdicts[cd->verdict].id : "";
}

static const char *condition_name(const struct zi_condition_desc *cd)
{
    return cd->role != ZI_CONDITION_VERDICT && cd->message ? cd->message : cd->text;
}

static const char *role_word(int32_t role)
{
    return role == ZI_CONDITION_VERDICT        ? "condition"
           : role == ZI_CONDITION_PREREQUISITE ? "prerequisite"
                                               : "relaxation";
}

static void print_coverage(const struct zi_module *m, const uint32_t *holds, const uint32_t *fails,
                           bool table)
{
    uint32_t n = 0, missing = 0;
    for (uint32_t c = 0; c < m->n_conditions; c++)
        if (takes_part(m->conditions[c].role)) n++, missing += !holds[c] || !fails[c];
    if (table) {
        printf("coverage: %u verdict conditions and prerequisites of %s; cases holding and failing each:\n",
               n, m->criteria_id);
        for (uint32_t c = 0; c < m->n_conditions; c++)
            if (takes_part(m->conditions[c].role))
                printf("  %-5s %-12s holds %3u  fails %3u  %s\n", condition_owner(m, c),
                       role_word(m->conditions[c].role), holds[c], fails[c],
                       condition_name(&m->conditions[c]));
    }
    if (!missing) {
        printf("coverage: every one of the %u conditions is held by some case and failed by another\n", n);
        return;
    }
    printf("coverage: %u of %u conditions lack a case on one side:\n", missing, n);
    for (uint32_t c = 0; c < m->n_conditions; c++)
        if (takes_part(m->conditions[c].role) && (!holds[c] || !fails[c]))
            printf("  %s %s \"%s\": %s\n", condition_owner(m, c), role_word(m->conditions[c].role),
                   condition_name(&m->conditions[c]),
                   !holds[c] && !fails[c] ? "no case decides it"
                   : !holds[c]            ? "no case holds it"
                                          : "no case fails it");
}

static void json_coverage(const struct zi_module *m, const uint32_t *holds, const uint32_t *fails)
{
    fputs(",\"coverage\":[", stdout);
    bool first = true;
    for (uint32_t c = 0; c < m->n_conditions; c++) {
        if (!takes_part(m->conditions[c].role)) continue;
        printf("%s{\"verdict\":", first ? "" : ",");
        json_string(stdout, condition_owner(m, c));
        printf(",\"role\":\"%s\",\"condition\":", role_word(m->conditions[c].role));
        json_string(stdout, condition_name(&m->conditions[c]));
        printf(",\"holds\":%u,\"fails\":%u}", holds[c], fails[c]);
        first = false;
    }
    fputc(']', stdout);
}

/* Prints a case's outcome (text), or adds it to the JSON array. */
static void report_case(const struct options *o, const struct zi_source *tests, const struct zi_test_unit *u,
                        const struct zi_test_failure *failures, bool first)
{
    const struct zi_test_case *c = u->c;
    bool run = u->ok;
    uint32_t line, col;
    zi_source_position(tests, c->span.begin, &line, &col);
    if (o->json) {
        printf("%s{\"name\":", first ? "" : ",");
        json_string(stdout, c->name.text);
        printf(",\"line\":%u,\"status\":\"%s\",\"unchecked\":%u,\"failures\":[", line,
               !run                          ? "not run"
               : failures || u->n_unresolved ? "fail"
                                             : "pass",
               u->n_unresolved);
        for (const struct zi_test_failure *f = failures; f; f = f->next) {
            uint32_t fl, fc;
            zi_source_position(tests, f->line->span.begin, &fl, &fc);
            printf("%s{\"line\":%u,\"column\":%u,\"message\":", f == failures ? "" : ",", fl, fc);
            json_string(stdout, f->message);
            fputs(",\"detail\":", stdout);
            json_string(stdout, f->detail);
            fputc('}', stdout);
        }
        fputs("]}", stdout);
        return;
    }
    if (!run) {
        printf("FAIL %s: not run, its lines have errors (above)\n", c->name.text);
        return;
    }
    if (!failures && u->n_unresolved) {
        printf("FAIL %s: %u line%s not checked (errors above)\n", c->name.text, u->n_unresolved,
               u->n_unresolved == 1 ? "" : "s");
        return;
    }
    printf("%s %s\n", failures ? "FAIL" : "PASS", c->name.text);
    for (const struct zi_test_failure *f = failures; f; f = f->next) {
        uint32_t fl, fc;
        zi_source_position(tests, f->line->span.begin, &fl, &fc);
        printf("  %s:%u:%u: %s\n", tests->name, fl, fc, f->message);
        for (const char *p = f->detail; *p;) {
            size_t n = strcspn(p, "\n");
            if (n) printf("    %.*s\n", (int)n, p);
            p += n + (p[n] == '\n');
        }
    }
    if (failures && u->n_unresolved)
        printf("  and %u line%s not checked (errors above)\n", u->n_unresolved,
               u->n_unresolved == 1 ? "" : "s");
}

/* Scores the plan's cases through `m` and reports them. Returns 0, or ZIC_EXIT_USAGE when the run failed. */
static int run_cases(const struct options *o, const struct zi_source *tests, const struct zi_test_plan *plan,
                     const struct zi_module *m, struct zi_arena *arena, struct outcome *out)
{
    char *csv = NULL, *said = NULL;
    size_t csv_len = 0, said_len = 0;
    FILE *w = open_memstream(&csv, &csv_len);
    if (!w || zi_test_plan_csv(plan, w) != 0 || fclose(w) != 0) {
        fputs("zic: error: out of memory\n", stderr);
        free(csv);
        return ZIC_EXIT_USAGE;
    }
    FILE *in = fmemopen(csv, csv_len, "rb");
    FILE *diag = open_memstream(&said, &said_len);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.program = "zic";
    opt.id_column = "case";
    opt.data_format = ZI_DATA_WIDE_CSV;
    opt.separator = ',';
    struct zi_results results;
    int status = in && diag ? zi_run_collect(m, in, tests->name, diag, &opt, &results) : ZI_RUN_FAILED;
    if (in) fclose(in);
    if (diag) fclose(diag);
    if (status == ZI_RUN_FAILED) {
        fprintf(stderr, "zic: error: the cases of %s could not be scored:\n%s", tests->name,
                said ? said : "");
        if (in && diag) zi_results_free(&results);
        free(csv);
        free(said);
        return ZIC_EXIT_USAGE;
    }
    uint32_t *holds = calloc(m->n_conditions + 1, sizeof *holds),
             *fails = calloc(m->n_conditions + 1, sizeof *fails);
    if (!holds || !fails) {
        fputs("zic: error: out of memory\n", stderr);
        exit(ZIC_EXIT_USAGE);
    }
    /* Every scored case must come back, in order, under its own name: a case without its result would pass
     * unchecked. */
    size_t n_scored = 0, next = 0; /* next: the result of the next scored case */
    for (size_t k = 0; k < plan->n; k++) {
        char name[32];
        snprintf(name, sizeof name, "%zu", k + 1);
        if (plan->units[k].ok && (n_scored >= results.n || strcmp(results.units[n_scored++].id, name) != 0))
            n_scored = results.n + 1;
    }
    if (n_scored != results.n) {
        fprintf(stderr, "zic: error: the cases of %s did not all come back from scoring:\n%s", tests->name,
                said ? said : "");
        free(holds), free(fails), free(csv), free(said);
        zi_results_free(&results);
        return ZIC_EXIT_USAGE;
    }
    if (o->json) {
        fputs("{\"tests\":", stdout);
        json_string(stdout, tests->name);
        fputs(",\"criteria\":", stdout);
        json_string(stdout, m->source_name);
        fputs(",\"cases\":[", stdout);
    }
    for (size_t k = 0; k < plan->n; k++) {
        const struct zi_test_unit *u = &plan->units[k];
        const struct zi_test_failure *failures = NULL;
        if (u->ok) {
            failures = zi_test_check(plan, k, &results.units[next], arena);
            zi_test_cover(plan, &results.units[next], holds, fails);
            next++;
        }
        report_case(o, tests, u, failures, k == 0);
        if (!u->ok)
            out->not_run++;
        else if (failures || u->n_unresolved)
            out->failed++;
        else
            out->passed++;
    }
    for (uint32_t c = 0; c < m->n_conditions; c++)
        out->uncovered += takes_part(m->conditions[c].role) && (!holds[c] || !fails[c]);
    if (o->json) {
        fputc(']', stdout);
        json_coverage(m, holds, fails);
        printf(",\"passed\":%zu,\"failed\":%zu,\"not_run\":%zu}\n", out->passed, out->failed, out->not_run);
    } else {
        if (o->coverage || o->require_coverage) print_coverage(m, holds, fails, o->coverage);
        printf("%s: %zu case%s against %s: %zu passed, %zu failed", tests->name, plan->n,
               plan->n == 1 ? "" : "s", m->source_name, out->passed, out->failed + out->not_run);
        printf("%s\n", out->not_run ? zi_arena_printf(arena, " (%zu not run)", out->not_run) : "");
    }
    free(holds);
    free(fails);
    zi_results_free(&results);
    free(csv);
    free(said);
    return 0;
}

/* Runs one FILE argument. Returns its exit status. */
static int test_file(const struct options *o, const char *arg)
{
    char *beside = tests_beside(arg);
    const char *tests_path = beside ? beside : arg;
    struct zi_source tests;
    char err[1024];
    if (zi_source_read(&tests, tests_path, err, sizeof err) != 0) {
        if (beside)
            fprintf(stderr,
                    "zic: error: no tests for %s: %s (write its cases in %s; docs/tools.md, \"zic test\")\n",
                    arg, err, tests_path);
        else
            fprintf(stderr, "zic: error: %s\n", err);
        free(beside);
        return ZIC_EXIT_USAGE;
    }
    struct zi_arena arena;
    zi_arena_init(&arena);
    struct zi_diag diag;
    zi_diag_init(&diag, &tests, &arena);
    struct zi_test_file *file = zi_parse_tests(&tests, &arena, &diag);
    char *dir = folder_of(tests_path);
    const char *criteria = o->criteria ? o->criteria : beside ? arg : NULL;
    char *named = NULL;
    if (!criteria && !zi_diag_has_errors(&diag)) {
        const char *name = file->criteria.text;
        bool here = name[0] == '/' || strcmp(dir, ".") == 0; /* "kecil.zi", not "./kecil.zi", in messages */
        named = here ? strdup(name) : malloc(strlen(dir) + strlen(name) + 2);
        if (named && !here) sprintf(named, "%s/%s", dir, name);
        criteria = named;
    }
    int status = 0;
    struct zi_compilation c;
    struct zi_loaded_module *loaded = NULL;
    if (zi_diag_has_errors(&diag)) {
        zi_diag_print(&diag, stderr, zic_want_colour(o->colour));
        zi_diag_print_summary(stderr, diag.n_errors + diag.n_dropped, diag.n_warnings);
        status = ZIC_EXIT_ERRORS;
    } else if ((status = zic_open_clean(&c, criteria, &(struct zi_frontend_options){false, 50}, o->colour)) ==
               0) {
        struct zi_model *model = zi_model_lower(c.criteria, &c.source, zic_compiler_version(), &c.arena);
        struct zi_codegen_options codegen = {0}; /* -O0: the cases are few, the build is most of the time */
        loaded = zic_load_model(model, &codegen, err, sizeof err);
        if (!loaded) {
            fprintf(stderr, "zic: error: %s\n", err);
            status = ZIC_EXIT_USAGE;
        } else {
            struct zi_test_plan plan;
            zi_test_plan_make(&plan, file, model, zi_loaded_module_get(loaded), dir, &arena, &diag);
            zi_diag_print(&diag, stderr, zic_want_colour(o->colour));
            if (diag.first) zi_diag_print_summary(stderr, diag.n_errors + diag.n_dropped, diag.n_warnings);
            struct outcome out = {0};
            status = run_cases(o, &tests, &plan, zi_loaded_module_get(loaded), &arena, &out);
            if (!status && (out.failed || out.not_run || zi_diag_has_errors(&diag) ||
                            (o->require_coverage && out.uncovered)))
                status = ZIC_EXIT_ERRORS;
            zi_module_unload(loaded);
        }
        zi_compilation_free(&c);
    }
    free(named);
    free(dir);
    free(beside);
    zi_arena_free(&arena);
    zi_source_free(&tests);
    return status;
}

int zic_test_main(int argc, char **argv)
{
    struct options o = {NULL, false, false, false, -1};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int n_files = 0;
    if (!files) return ZIC_EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(help, stdout);
            free(files);
            return 0;
        } else if (strcmp(arg, "--coverage") == 0) {
            o.coverage = true;
        } else if (strcmp(arg, "--require-coverage") == 0) {
            o.require_coverage = true;
        } else if (strcmp(arg, "--criteria") == 0 && value) {
            o.criteria = value;
            i++;
        } else if (strncmp(arg, "--criteria=", 11) == 0) {
            o.criteria = arg + 11;
        } else if ((strcmp(arg, "--format") == 0 && value) || strncmp(arg, "--format=", 9) == 0) {
            const char *v = arg[8] == '=' ? arg + 9 : argv[++i];
            if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0) {
                fprintf(stderr, "zic: error: --format takes text or json, not '%s'\nTry 'zic test --help'.\n",
                        v);
                free(files);
                return ZIC_EXIT_USAGE;
            }
            o.json = strcmp(v, "json") == 0;
        } else if (strncmp(arg, "--color=", 8) == 0 || strncmp(arg, "--colour=", 9) == 0) {
            const char *v = strchr(arg, '=') + 1;
            o.colour = strcmp(v, "always") == 0  ? 1
                       : strcmp(v, "never") == 0 ? 0
                       : strcmp(v, "auto") == 0  ? -1
                                                 : -2;
            if (o.colour == -2) {
                fprintf(stderr, "zic: error: invalid value in '%s'\nTry 'zic test --help'.\n", arg);
                free(files);
                return ZIC_EXIT_USAGE;
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "zic: error: %s '%s'\nTry 'zic test --help'.\n",
                    strcmp(arg, "--criteria") == 0 || strcmp(arg, "--format") == 0
                        ? "a value is needed after"
                        : "'zic test' takes no option",
                    arg);
            free(files);
            return ZIC_EXIT_USAGE;
        } else {
            files[n_files++] = arg;
        }
    }
    if (n_files == 0) {
        fputs("zic: error: no tests to run\nusage: zic test [OPTIONS] FILE... (zic test --help lists them)\n",
              stderr);
        free(files);
        return ZIC_EXIT_USAGE;
    }
    int status = 0;
    for (int k = 0; k < n_files; k++) {
        int s = test_file(&o, files[k]);
        if (s > status) status = s;
    }
    free(files);
    return status;
}
