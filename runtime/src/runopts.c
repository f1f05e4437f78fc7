/* runopts.c — the options that say how to read the data and write the report, parsed and described once for
 * both command lines that score data: zirun and `zic run` (zi/runtime.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zi/runtime.h"

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

enum option {
    OPT_FORMAT,
    OPT_EXPLAIN,
    OPT_INPUT_FORMAT,
    OPT_SEPARATOR,
    OPT_HEADER_ROW,
    OPT_ID_COLUMN,
    OPT_ALLOW_MISSING,
    OPT_BATCH_SIZE,
};

static const struct {
    const char *name;
    enum option which;
    int takes_value;
} options[] = {
    {"--format", OPT_FORMAT, 1},
    {"--explain", OPT_EXPLAIN, 0},
    {"--input-format", OPT_INPUT_FORMAT, 1},
    {"--separator", OPT_SEPARATOR, 1},
    {"--header-row", OPT_HEADER_ROW, 1},
    {"--id-column", OPT_ID_COLUMN, 1},
    {"--allow-missing-columns", OPT_ALLOW_MISSING, 0},
    {"--batch-size", OPT_BATCH_SIZE, 1},
};

/* The index in `options` of the option `arg` is ("--name" or, for one that takes a value, "--name=value"),
 * or the table's size when it is none of them. */
static size_t find(const char *arg)
{
    for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
        size_t n = strlen(options[k].name);
        if (strncmp(arg, options[k].name, n) == 0 &&
            (arg[n] == '\0' || (arg[n] == '=' && options[k].takes_value)))
            return k;
    }
    return sizeof options / sizeof options[0];
}

int zi_run_option_known(const char *arg)
{
    return find(arg) < sizeof options / sizeof options[0];
}

static int pick(const char *value, const char *const *names, int *out)
{
    for (int i = 0; names[i]; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

/* A whole number from 1 to max, or 0. */
static unsigned long count(const char *v, unsigned long max)
{
    char *end = NULL;
    unsigned long n = v[0] >= '0' && v[0] <= '9' ? strtoul(v, &end, 10) : 0;
    return n && !*end && n <= max ? n : 0;
}

int zi_run_option_parse(struct zi_run_options *opt, int argc, char **argv, int *i, char *err, size_t errlen)
{
    static const char *const formats[] = {"table", "csv", "json", NULL};
    static const char *const inputs[] = {"auto", "wide", "long", "json", "jsonl", NULL};
    const char *arg = argv[*i];
    size_t k = find(arg);
    if (k == sizeof options / sizeof options[0]) return 0;
    const char *v = NULL;
    if (options[k].takes_value) {
        const char *eq = strchr(arg, '=');
        if (eq)
            v = eq + 1;
        else if (*i + 1 < argc)
            v = argv[++*i];
        else
            return fail(err, errlen, "%s needs a value", arg);
    }
    int f;
    unsigned long n;
    switch (options[k].which) {
    case OPT_FORMAT:
        if (pick(v, formats, &f) != 0)
            return fail(err, errlen, "--format takes table, csv or json, not '%s'", v);
        opt->report_format = (enum zi_report_format)f;
        break;
    case OPT_EXPLAIN:
        opt->explain = 1;
        break;
    case OPT_INPUT_FORMAT:
        if (pick(v, inputs, &f) != 0)
            return fail(err, errlen, "--input-format takes auto, wide, long, json or jsonl, not '%s'", v);
        opt->data_format = (enum zi_data_format)f;
        break;
    case OPT_SEPARATOR:
        if (strcmp(v, "tab") == 0)
            opt->separator = '\t';
        else if (strcmp(v, ",") == 0 || strcmp(v, ";") == 0 || strcmp(v, "\t") == 0)
            opt->separator = v[0];
        else
            return fail(err, errlen, "--separator takes ',', ';' or tab, not '%s'", v);
        break;
    case OPT_HEADER_ROW:
        if (!(n = count(v, 1000000)))
            return fail(err, errlen, "--header-row takes a row number from 1 to 1000000, not '%s'", v);
        opt->header_row = (uint32_t)n;
        break;
    case OPT_ID_COLUMN:
        if (!*v) return fail(err, errlen, "%s needs a column name", arg);
        opt->id_column = v;
        break;
    case OPT_ALLOW_MISSING:
        opt->allow_missing_columns = 1;
        break;
    case OPT_BATCH_SIZE:
        if (!(n = count(v, 1ul << 20)))
            return fail(err, errlen, "--batch-size takes a number from 1 to 1048576, not '%s'", v);
        opt->batch_size = (uint32_t)n;
        break;
    }
    return 1;
}
