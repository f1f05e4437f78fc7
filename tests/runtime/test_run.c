/* test_run.c — zi_run end to end with the fixture module: every input format and report format against
 * golden files (tests/runtime/golden), and the promises of docs/runtime.md that goldens cannot show — no
 * unit lost, a bad row does not stop the others, exit codes, an output that cannot be written.
 *
 * ZI_UPDATE_GOLDEN=1 in the environment rewrites the golden files instead of comparing (then read the diff).
 */
#include <jansson.h>

#include "fixture.h"
#include "zirt.h"

static struct zi_loaded_module *lm;
static const struct zi_module *m;

static void setup(void)
{
    lm = fixture_load("fixture");
    m = zi_loaded_module_get(lm);
}

static void teardown(void)
{
    zi_module_unload(lm);
}

struct run_result {
    int rc;
    struct zi_run_stats st;
    char *out, *diag;
};

/* Runs zi_run with `mod` on data/NAME (named NAME in messages), capturing report and diagnostics. */
static struct run_result run(const struct zi_module *mod, const char *data, const struct zi_run_options *opt)
{
    char path[1024], out_path[1024], diag_path[1024];
    snprintf(path, sizeof path, "%s/%s", ZI_DATA_DIR, data);
    snprintf(out_path, sizeof out_path, "%s/run.out", ZI_TMP_DIR);
    snprintf(diag_path, sizeof diag_path, "%s/run.diag", ZI_TMP_DIR);
    FILE *in = fopen(path, "rb");
    ck_assert_msg(in != NULL, "cannot open %s", path);
    FILE *out = fopen(out_path, "wb"), *diag = fopen(diag_path, "wb");
    struct run_result r;
    r.rc = zi_run(mod, in, data, out, diag, opt, &r.st);
    fclose(in);
    fclose(out);
    fclose(diag);
    r.out = slurp(out_path, NULL);
    r.diag = slurp(diag_path, NULL);
    return r;
}

static void free_result(struct run_result *r)
{
    free(r->out);
    free(r->diag);
}

static void compare(const char *golden, const char *got)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ZI_GOLDEN_DIR, golden);
    const char *update = getenv("ZI_UPDATE_GOLDEN");
    if (update && *update == '1') {
        spit(path, got, strlen(got));
        return;
    }
    char *want = slurp(path, NULL);
    ck_assert_msg(want != NULL, "missing golden file %s (ZI_UPDATE_GOLDEN=1 creates it)", path);
    if (strcmp(want, got) != 0) {
        size_t i = 0;
        while (want[i] && want[i] == got[i])
            i++;
        size_t line = 1;
        for (size_t k = 0; k < i; k++)
            line += want[k] == '\n';
        ck_abort_msg("%s differs at line %zu:\nwant: %.120s\ngot:  %.120s", golden, line, want + i, got + i);
    }
    free(want);
}

struct golden {
    const char *data;
    enum zi_data_format in;
    enum zi_report_format report;
    int explain;
    uint32_t batch;
    const char *out;  /* golden report */
    const char *diag; /* golden diagnostics, or NULL when there must be none */
    int rc;
};

static const struct golden goldens[] = {
    /* One set of units, five spellings of the file: the same report. */
    {"clean.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "clean.csv.out", NULL, 0},
    {"clean_semicolon.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "clean.csv.out", NULL, 0},
    {"clean_long.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "clean.csv.out", NULL, 0},
    {"clean.json", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "clean.csv.out", NULL, 0},
    {"clean.jsonl", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "clean.csv.out", NULL, 0},
    {"clean.csv", ZI_DATA_WIDE_CSV, ZI_REPORT_CSV, 0, 2, "clean.csv.out", NULL, 0},
    {"clean.jsonl", ZI_DATA_JSON_LINES, ZI_REPORT_CSV, 0, 1, "clean.csv.out", NULL, 0},
    {"clean.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 0, 0, "clean.table.out", NULL, 0},
    {"clean.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 0, 0, "clean.json.out", NULL, 0},
    {"clean.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 1, 0, "clean.explain.table.out", NULL, 0},
    {"clean.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 1, 0, "clean.explain.csv.out", NULL, 0},
    {"clean.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 1, 0, "clean.explain.json.out", NULL, 0},
    /* Errors of every kind among good units. */
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 0, 0, "wide.table.out", "wide.diag", 1},
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "wide.csv.out", "wide.diag", 1},
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 1, "wide.csv.out", "wide.diag", 1},
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 0, 3, "wide.json.out", "wide.diag", 1},
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 1, 0, "wide.explain.table.out", "wide.diag", 1},
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 1, 0, "wide.explain.csv.out", "wide.diag", 1},
    {"wide.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 1, 0, "wide.explain.json.out", "wide.diag", 1},
    {"errors.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "errors.csv.out", "errors.diag", 1},
    {"errors.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 0, 0, "errors.json.out", "errors.diag", 1},
    {"spellings.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "spellings.csv.out", NULL, 0},
    {"long.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "long.csv.out", "long.diag", 1},
    {"units.json", ZI_DATA_AUTO, ZI_REPORT_JSON, 0, 0, "units.json.out", "units.diag", 1},
    {"units.json", ZI_DATA_JSON, ZI_REPORT_TABLE, 1, 2, "units.explain.table.out", "units.batch2.diag", 1},
    {"names.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "names.csv.out", "names.diag", 0},
};

/* The module with facts and prerequisites (fixture_facts.c): proposable, relaxed, blocked, unknown, a wrong
 * fact value, fact columns absent, in every layout. */
static const struct golden fact_goldens[] = {
    {"facts.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 0, 0, "facts.table.out", "facts.diag", 1},
    {"facts.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "facts.csv.out", "facts.diag", 1},
    {"facts.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 0, 0, "facts.json.out", "facts.diag", 1},
    {"facts.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 1, 0, "facts.explain.table.out", "facts.diag", 1},
    {"facts.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 1, 2, "facts.explain.csv.out", "facts.diag", 1},
    {"facts.csv", ZI_DATA_AUTO, ZI_REPORT_JSON, 1, 3, "facts.explain.json.out", "facts.diag", 1},
    {"facts_long.csv", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "facts_long.csv.out", "facts_long.diag", 0},
    {"facts.jsonl", ZI_DATA_AUTO, ZI_REPORT_CSV, 0, 0, "facts_jsonl.csv.out", "facts_jsonl.diag", 1},
    {"facts_no_columns.csv", ZI_DATA_AUTO, ZI_REPORT_TABLE, 0, 0, "facts_no_columns.table.out",
     "facts_no_columns.diag", 0},
};

static void check_golden(const struct zi_module *mod, const struct golden *g)
{
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.data_format = g->in;
    opt.report_format = g->report;
    opt.explain = g->explain;
    opt.batch_size = g->batch;
    struct run_result r = run(mod, g->data, &opt);
    ck_assert_msg(r.rc == g->rc, "%s -> %s: exit code %d, want %d; diagnostics:\n%s", g->data, g->out, r.rc,
                  g->rc, r.diag);
    compare(g->out, r.out);
    if (g->diag)
        compare(g->diag, r.diag);
    else
        ck_assert_msg(r.diag[0] == '\0', "%s: unexpected diagnostics:\n%s", g->data, r.diag);
    free_result(&r);
}

/* Reports in a language asked for (--lang) and the CSV for Excel in Indonesian (';', decimal comma, BOM). */
static const struct {
    const char *module, *data;
    enum zi_report_format report;
    int explain;
    enum zi_lang lang;
    const char *out, *diag;
    int rc;
} lang_goldens[] = {
    {"facts", "facts.csv", ZI_REPORT_TABLE, 1, ZI_LANG_ID, "facts.explain.id.table.out", "facts.diag", 1},
    {"facts", "facts.csv", ZI_REPORT_CSV_EXCEL, 1, ZI_LANG_ID, "facts.explain.id.csv-excel.out", "facts.diag",
     1},
    {"fixture", "wide.csv", ZI_REPORT_CSV_EXCEL, 0, ZI_LANG_AUTO, "wide.csv-excel.out", "wide.diag", 1},
    {"fixture", "wide.csv", ZI_REPORT_TABLE, 1, ZI_LANG_ID, "wide.explain.id.table.out", "wide.diag", 1},
};

START_TEST(language_goldens)
{
    struct zi_loaded_module *mod = fixture_load(lang_goldens[_i].module);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = lang_goldens[_i].report;
    opt.explain = lang_goldens[_i].explain;
    opt.lang = lang_goldens[_i].lang;
    struct run_result r = run(zi_loaded_module_get(mod), lang_goldens[_i].data, &opt);
    ck_assert_int_eq(r.rc, lang_goldens[_i].rc);
    compare(lang_goldens[_i].out, r.out);
    compare(lang_goldens[_i].diag, r.diag);
    free_result(&r);
    zi_module_unload(mod);
}
END_TEST

START_TEST(golden_reports)
{
    check_golden(m, &goldens[_i]);
}
END_TEST

START_TEST(fact_golden_reports)
{
    struct zi_loaded_module *facts = fixture_load("facts");
    check_golden(zi_loaded_module_get(facts), &fact_goldens[_i]);
    zi_module_unload(facts);
}
END_TEST

/* The JSON report of a criteria with prerequisites is valid JSON, and says for each unit what the table
 * says: proposability, and each prerequisite's status with the facts an unknown one needs. */
START_TEST(facts_json_report)
{
    struct zi_loaded_module *facts = fixture_load("facts");
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = ZI_REPORT_JSON;
    struct run_result r = run(zi_loaded_module_get(facts), "facts.csv", &opt);
    json_error_t jerr;
    json_t *doc = json_loads(r.out, 0, &jerr);
    ck_assert_msg(doc != NULL, "not JSON: line %d: %s", jerr.line, jerr.text);
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "bases")), 2);
    static const struct {
        const char *id, *proposable;
        const char *status[5]; /* of WBK's four prerequisites and its relaxation */
        const char *missing;   /* the facts the first unknown one names */
    } want[] = {
        {"Unggul", "yes", {0}, 0},
        {"Layak", "yes", {"met", "met", "met", "met", "unmet"}, 0},
        {"Relaksasi RSUD", "relaxed", {"unmet", "met", "unmet", "met", "met"}, 0},
        {"Terhambat", "no", {"unmet", "met", "met", "met", "unmet"}, 0},
        {"Belum diketahui", "unknown", {"unknown", "met", "met", "met", "unmet"}, "instansi.opini"},
        {"Relaksasi belum diketahui", "unknown", {"unmet", "met", "met", "met", "unknown"}, "unit.layanan"},
        {"Belum", NULL, {0}, 0},
        {"Nilai salah", NULL, {0}, 0},
        {"Total kurang", "no", {"met", "met", "met", "unmet", "unmet"}, 0},
    };
    json_t *units = json_object_get(doc, "units");
    ck_assert_uint_eq(json_array_size(units), sizeof want / sizeof want[0]);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        json_t *u = json_array_get(units, k);
        ck_assert_str_eq(json_string_value(json_object_get(u, "id")), want[k].id);
        json_t *p = json_object_get(u, "proposable");
        if (want[k].proposable)
            ck_assert_str_eq(json_string_value(p), want[k].proposable);
        else
            ck_assert_msg(json_is_null(p), "%s: proposable is not null", want[k].id);
        json_t *pre = json_object_get(u, "prerequisites");
        ck_assert_uint_eq(json_array_size(pre), want[k].status[0] ? 5 : 0);
        for (size_t j = 0; j < json_array_size(pre); j++) {
            json_t *e = json_array_get(pre, j);
            ck_assert_str_eq(json_string_value(json_object_get(e, "status")), want[k].status[j]);
            ck_assert(json_is_true(json_object_get(e, "relaxation")) == (j == 4));
            json_t *missing = json_object_get(e, "missing");
            if (strcmp(want[k].status[j], "unknown") == 0) {
                ck_assert_uint_eq(json_array_size(missing), 1);
                ck_assert_str_eq(json_string_value(json_array_get(missing, 0)), want[k].missing);
            } else {
                ck_assert_uint_eq(json_array_size(missing), 0);
            }
        }
    }
    /* A prerequisite without a name is called by its source text. */
    json_t *layak = json_object_get(json_array_get(units, 1), "prerequisites");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(layak, 0), "name")), "Opini BPK WTP");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(layak, 1), "name")),
                     "instansi.sakip >= \"B\"");
    json_decref(doc);
    free_result(&r);
    zi_module_unload(facts);
}
END_TEST

START_TEST(one_bad_row_among_ten_thousand)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tenk.csv", ZI_TMP_DIR);
    FILE *f = fopen(path, "wb");
    fputs("unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2\n", f);
    for (int i = 0; i < 10000; i++) {
        if (i == 4321)
            fprintf(f, "U%05d,Ya,A,10,\"10,100%%,A,Ya,Ya,3.8,A\n", i); /* a quote never closed */
        else
            fprintf(f, "U%05d,Ya,%c,%d,%d,%d%%,B,Ya,Ya,3.%d,A\n", i, "ABC"[i % 3], 10 + i % 5, i % 10,
                    i % 101, i % 10);
    }
    fclose(f);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = ZI_REPORT_CSV;
    FILE *in = fopen(path, "rb");
    char out_path[1024];
    snprintf(out_path, sizeof out_path, "%s/tenk.out", ZI_TMP_DIR);
    FILE *out = fopen(out_path, "wb");
    struct zi_run_stats st;
    int rc = zi_run(m, in, "tenk.csv", out, NULL, &opt, &st);
    fclose(in);
    fclose(out);
    ck_assert_int_eq(rc, ZI_RUN_UNIT_ERRORS);
    ck_assert_uint_eq(st.units, 10000);
    ck_assert_uint_eq(st.scored, 9999);
    ck_assert_uint_eq(st.with_errors, 1);
    char *text = slurp(out_path, NULL);
    size_t lines = 0;
    for (char *p = text; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, 10002); /* the header, 10,000 units, the last line */
    ck_assert_ptr_nonnull(strstr(text, "\n# end of report: 10000 units | 9999 scored | 1 with errors\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nU04321,,,error,"));
    ck_assert_ptr_nonnull(strstr(text, "row 4323: malformed row: a quoted field is not closed"));
    ck_assert_ptr_nonnull(strstr(text, "\nU04322,"));
    free(text);
}
END_TEST

/* zi_run_collect keeps what the JSON report says, unit for unit: every unit of the file in input order
 * (errors included), its id, row, verdict, proposability, errors and every score. */
static void check_collect(const struct zi_module *mod, const char *data)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ZI_DATA_DIR, data);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = ZI_REPORT_JSON;
    struct run_result json = run(mod, data, &opt);
    FILE *in = fopen(path, "rb");
    ck_assert_ptr_nonnull(in);
    struct zi_results kept;
    int rc = zi_run_collect(mod, in, data, NULL, &opt, &kept);
    fclose(in);
    ck_assert_int_eq(rc, json.rc);
    ck_assert_uint_eq(kept.stats.units, json.st.units);
    ck_assert_uint_eq(kept.stats.with_errors, json.st.with_errors);
    ck_assert_uint_eq(kept.n, json.st.units);
    static const char *const proposable[] = {"-", "yes", "relaxed", "no", "unknown"};
    const char *line = strchr(json.out, '\n') + 1; /* the header line, then a unit a line */
    for (size_t k = 0; k < kept.n; k++, line = strchr(line, '\n') + 1) {
        const struct zi_unit_result *u = &kept.units[k];
        json_error_t err;
        size_t len = strcspn(line, "\n");
        if (len && line[len - 1] == ',') len--;
        json_t *unit = json_loadb(line, len, 0, &err);
        ck_assert_msg(unit != NULL, "unit %zu: %s", k, err.text);
        ck_assert_str_eq(u->id, json_string_value(json_object_get(unit, "id")));
        json_t *row = json_object_get(unit, "row");
        ck_assert_uint_eq(u->row, (uint64_t)json_integer_value(row ? row : json_object_get(unit, "line")));
        const char *verdict = json_string_value(json_object_get(unit, "verdict"));
        if (u->verdict == ZI_VERDICT_NONE)
            ck_assert_ptr_null(verdict);
        else
            ck_assert_str_eq(mod->verdicts[u->verdict].id, verdict);
        json_t *p = json_object_get(unit, "proposable");
        if (json_is_null(p))
            ck_assert_int_eq(u->proposable, ZI_PROPOSE_NA);
        else if (p)
            ck_assert_str_eq(proposable[u->proposable], json_string_value(p));
        ck_assert_uint_eq(u->n_errors, json_array_size(json_object_get(unit, "errors")));
        ck_assert(u->n_errors == 0 ||
                  strstr(u->errors,
                         json_string_value(json_object_get(json_array_get(json_object_get(unit, "errors"), 0),
                                                           "message"))) != NULL);
        if (u->n_errors == 0)
            ck_assert_double_eq(u->outputs[mod->total_output],
                                json_number_value(json_object_get(unit, "total")));
        json_decref(unit);
    }
    zi_results_free(&kept);
    ck_assert_ptr_null(kept.units);
    free_result(&json);
}

START_TEST(collect_keeps_what_the_report_says)
{
    check_collect(m, "errors.csv");
    check_collect(m, "clean.jsonl");
    struct zi_loaded_module *facts = fixture_load("facts");
    check_collect(zi_loaded_module_get(facts), "facts.csv");
    zi_module_unload(facts);
}
END_TEST

static int run_text(const char *text, enum zi_report_format fmt, char **out_text, struct zi_run_stats *st)
{
    char in_path[1024], out_path[1024];
    snprintf(in_path, sizeof in_path, "%s/text.in", ZI_TMP_DIR);
    snprintf(out_path, sizeof out_path, "%s/text.out", ZI_TMP_DIR);
    spit(in_path, text, strlen(text));
    FILE *in = fopen(in_path, "rb"), *out = fopen(out_path, "wb");
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = fmt;
    opt.allow_missing_columns = 1; /* these texts answer a few inputs; test_readers.c tests the refusal */
    int rc = zi_run(m, in, "text.in", out, NULL, &opt, st);
    fclose(in);
    fclose(out);
    *out_text = slurp(out_path, NULL);
    return rc;
}

START_TEST(empty_inputs)
{
    char *out;
    struct zi_run_stats st;
    ck_assert_int_eq(run_text("", ZI_REPORT_CSV, &out, &st), ZI_RUN_OK);
    ck_assert_str_eq(out,
                     "unit,total,verdict,status,pengungkit,pengungkit.pemenuhan,pengungkit.pemenuhan.mp,"
                     "pengungkit.pemenuhan.pw,pengungkit.reform,pengungkit.reform.mp,pengungkit.reform.pw,"
                     "hasil,area.mp,area.pw,ipak_gap,missing,errors\n"
                     "# end of report: 0 units | 0 scored | 0 with errors\n");
    ck_assert_uint_eq(st.units, 0);
    ck_assert_uint_eq(st.warnings, 1); /* "no units in the input" */
    free(out);
    ck_assert_int_eq(run_text("unit,A.1\n", ZI_REPORT_JSON, &out, &st), ZI_RUN_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"units\":[],\"summary\":{\"units\":0,"));
    free(out);
    ck_assert_int_eq(run_text("{\"units\": []}", ZI_REPORT_TABLE, &out, &st), ZI_RUN_OK);
    ck_assert_ptr_nonnull(strstr(out, "unit   total  pengungkit  hasil  area.mp  area.pw  verdict\n"));
    free(out);
}
END_TEST

START_TEST(fatal_problems)
{
    char *out;
    struct zi_run_stats st;
    /* A broken JSON structure after two units: both are reported, then the run fails. */
    ck_assert_int_eq(run_text("{\"units\":[{\"id\":\"a\",\"answers\":{\"A.7\":\"Ya\"}},"
                              "{\"id\":\"b\",\"answers\":{\"A.7\":\"Ya\"}} {\"id\":\"c\"}]}",
                              ZI_REPORT_CSV, &out, &st),
                     ZI_RUN_FAILED);
    ck_assert_uint_eq(st.units, 2);
    ck_assert_ptr_nonnull(strstr(out, "\na,"));
    ck_assert_ptr_nonnull(strstr(out, "\nb,"));
    /* The last line says the report is not whole; a JSON report's summary says "complete":false. */
    const char *last =
        "\n# INCOMPLETE report: the run stopped after 2 units (the error is on standard error)\n";
    ck_assert_ptr_nonnull(strstr(out, last));
    ck_assert_str_eq(strstr(out, last), last);
    free(out);
    ck_assert_int_eq(run_text("[{\"id\":\"a\",\"answers\":{}} {\"id\":\"c\"}]", ZI_REPORT_JSON, &out, &st),
                     ZI_RUN_FAILED);
    /* One warning: unit a answered none of the inputs (a row that may not be a unit). */
    ck_assert_ptr_nonnull(strstr(out, "\"warnings\":1,\"complete\":false}}\n"));
    free(out);
    ck_assert_int_eq(run_text("unit,\"A.1\n", ZI_REPORT_CSV, &out, &st), ZI_RUN_FAILED); /* a broken header */
    free(out);
}
END_TEST

START_TEST(refused_module_and_unwritable_output)
{
    struct zi_module bad = *m;
    bad.abi_version = 7;
    FILE *in = fopen(ZI_DATA_DIR "/clean.csv", "rb");
    ck_assert_int_eq(zi_run(&bad, in, "clean.csv", stdout, NULL, NULL, NULL), ZI_RUN_FAILED);
    rewind(in);
    FILE *full = fopen("/dev/full", "wb");
    if (full) {
        /* The message names the output and the reason, not the input. */
        char diag_path[1024];
        snprintf(diag_path, sizeof diag_path, "%s/full.diag", ZI_TMP_DIR);
        FILE *diag = fopen(diag_path, "wb");
        struct zi_run_options opt;
        zi_run_options_init(&opt);
        opt.out_name = "/dev/full";
        ck_assert_int_eq(zi_run(m, in, "clean.csv", full, diag, &opt, NULL), ZI_RUN_FAILED);
        fclose(full);
        fclose(diag);
        char *text = slurp(diag_path, NULL);
        ck_assert_str_eq(text, "zirun: cannot write the report to '/dev/full': No space left on device "
                               "(stopped after 5 units)\n");
        free(text);
    }
    fclose(in);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime run");
    TCase *tc = tcase_create("run");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, golden_reports, 0, (int)(sizeof goldens / sizeof goldens[0]));
    tcase_add_loop_test(tc, fact_golden_reports, 0, (int)(sizeof fact_goldens / sizeof fact_goldens[0]));
    tcase_add_test(tc, facts_json_report);
    tcase_add_loop_test(tc, language_goldens, 0, (int)(sizeof lang_goldens / sizeof lang_goldens[0]));
    tcase_add_test(tc, one_bad_row_among_ten_thousand);
    tcase_add_test(tc, collect_keeps_what_the_report_says);
    tcase_add_test(tc, empty_inputs);
    tcase_add_test(tc, fatal_problems);
    tcase_add_test(tc, refused_module_and_unwritable_output);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
