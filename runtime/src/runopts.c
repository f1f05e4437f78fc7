/* runopts.c — the options that say how to read the data and write the report, parsed and described once for
 * both command lines that score data: zirun and `zic run` (zi/runtime.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zi/runtime.h"

enum option {
    OPT_FORMAT,
    OPT_EXPLAIN,
    OPT_INPUT_FORMAT,
    OPT_SEPARATOR,
    OPT_HEADER_ROW,
    OPT_ID_COLUMN,
    OPT_ALLOW_MISSING,
    OPT_BATCH_SIZE,
    OPT_SHEET,
    OPT_LANG,
    OPT_GAP,
    OPT_PERIOD_COLUMN,
    OPT_CPU_LEVEL,
};

static const struct {
    const char *name;
    enum option which;
    const char *takes; /* the values it takes, as its error says them; NULL: it takes none */
} options[] = {
    {"--format", OPT_FORMAT, "table, csv, json, xlsx, csv-excel or html"},
    {"--explain", OPT_EXPLAIN, NULL},
    {"--input-format", OPT_INPUT_FORMAT, "auto, wide, long, json or jsonl"},
    {"--separator", OPT_SEPARATOR, "',', ';' or tab"},
    {"--header-row", OPT_HEADER_ROW, "a row number from 1 to 1000000"},
    {"--id-column", OPT_ID_COLUMN, "a column name"},
    {"--allow-missing-columns", OPT_ALLOW_MISSING, NULL},
    {"--batch-size", OPT_BATCH_SIZE, "a number from 1 to 1048576"},
    {"--sheet", OPT_SHEET, "a sheet name of the workbook"},
    {"--lang", OPT_LANG, "id or en"},
    {"--gap", OPT_GAP, "a verdict of the criteria or next"},
    {"--period-column", OPT_PERIOD_COLUMN, "a column name"},
    {"--cpu-level", OPT_CPU_LEVEL, "a level of the module's score loop (zirun --verify lists them)"},
};

/* The index in `options` of the option `arg` is ("--name" or, for one that takes a value, "--name=value"),
 * or the table's size when it is none of them. */
static size_t find(const char *arg)
{
    for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
        size_t n = strlen(options[k].name);
        if (strncmp(arg, options[k].name, n) == 0 && (arg[n] == '\0' || (arg[n] == '=' && options[k].takes)))
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

/* Sets the option options[k] to `v` (NULL for one without a value); -1 when `v` is not one it takes. */
static int set(struct zi_run_options *opt, size_t k, const char *v)
{
    static const struct {
        const char *name;
        enum zi_report_format format;
    } formats[] = {
        {"table", ZI_REPORT_TABLE},         {"csv", ZI_REPORT_CSV},
        {"json", ZI_REPORT_JSON},           {"xlsx", ZI_REPORT_XLSX},
        {"csv-excel", ZI_REPORT_CSV_EXCEL}, {"html", ZI_REPORT_HTML},
    };
    static const char *const inputs[] = {"auto", "wide", "long", "json", "jsonl", NULL};
    static const char *const langs[] = {"id", "en", NULL};
    int f;
    unsigned long n;
    switch (options[k].which) {
    case OPT_FORMAT:
        for (size_t k2 = 0; k2 < sizeof formats / sizeof formats[0]; k2++)
            if (strcmp(v, formats[k2].name) == 0) {
                opt->report_format = formats[k2].format;
                return 0;
            }
        return -1;
    case OPT_EXPLAIN:
        opt->explain = 1;
        return 0;
    case OPT_INPUT_FORMAT:
        if (pick(v, inputs, &f) != 0) return -1;
        opt->data_format = (enum zi_data_format)f;
        return 0;
    case OPT_SEPARATOR:
        if (strcmp(v, "tab") == 0)
            opt->separator = '\t';
        else if (strcmp(v, ",") == 0 || strcmp(v, ";") == 0 || strcmp(v, "\t") == 0)
            opt->separator = v[0];
        else
            return -1;
        return 0;
    case OPT_HEADER_ROW:
        if (!(n = count(v, 1000000))) return -1;
        opt->header_row = (uint32_t)n;
        return 0;
    case OPT_ID_COLUMN:
        if (!*v) return -1;
        opt->id_column = v;
        return 0;
    case OPT_ALLOW_MISSING:
        opt->allow_missing_columns = 1;
        return 0;
    case OPT_BATCH_SIZE:
        if (!(n = count(v, 1ul << 20))) return -1;
        opt->batch_size = (uint32_t)n;
        return 0;
    case OPT_SHEET:
        if (!*v) return -1;
        opt->sheet = v;
        return 0;
    case OPT_LANG:
        if (pick(v, langs, &f) != 0) return -1;
        opt->lang = (enum zi_lang)(f + 1);
        return 0;
    case OPT_GAP:
        if (!*v) return -1;
        opt->gap = v;
        return 0;
    case OPT_PERIOD_COLUMN:
        if (!*v) return -1;
        opt->period_column = v;
        return 0;
    case OPT_CPU_LEVEL:
        if (!*v) return -1;
        opt->cpu_level = v;
        return 0;
    }
    return -1;
}

int zi_run_option_parse(struct zi_run_options *opt, int argc, char **argv, int *i, char *err, size_t errlen)
{
    const char *arg = argv[*i];
    size_t k = find(arg);
    if (k == sizeof options / sizeof options[0]) return 0;
    const char *v = NULL;
    if (options[k].takes) {
        const char *eq = strchr(arg, '=');
        if (eq) {
            v = eq + 1;
        } else if (*i + 1 < argc) {
            v = argv[++*i];
        } else {
            snprintf(err, errlen, "%s needs a value: %s", arg, options[k].takes);
            return -1;
        }
    }
    if (set(opt, k, v) != 0) {
        snprintf(err, errlen, "%s takes %s, not '%s'", options[k].name, options[k].takes, v);
        return -1;
    }
    return 1;
}
