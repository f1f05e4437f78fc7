/* test_gap.c — gap.c: the fewest answer changes that reach a target verdict, on a module written here in C.
 *
 * The toy criteria (scale abc: A = 1, B = 0.5, C = 0; an item scores weight × value):
 *   items I1..I6 of weights 4 3 3 | 2 2 1, areas X = I1+I2+I3 and Y = I4+I5+I6;
 *   a survey S, a number in [0, 4] scoring S points; a fact F (yes/no), read only by a prerequisite;
 *   BEST: total >= 17, X >= 8, S >= 3.6
 *   GOOD: total >= 13, X >= 5, Y >= 2, S >= 3.0   (prerequisite: F)
 *   otherwise NONE
 * Variants: `bool_cond` replaces GOOD's Y >= 2 by the boolean "I4 is A or I5 is A" (no proof of minimality
 * from a boolean); `impossible` makes GOOD need total >= 25 (more than the criteria give).
 *
 * The search is checked against brute force: for random units below GOOD, every way of raising any answers
 * (each scale answer to any better label, S to 4) is scored, and the fewest changes that reach GOOD, and the
 * fewest steps among those, must be what --gap says, with the survey's value the smallest that suffices.
 *
 * Then zi_run with --gap on the fixture modules (fixture_module.c, fixture_facts.c) against golden reports:
 * the lines under each unit in the table, the gap_* columns of the CSV, the gap object of the JSON.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "fixture.h"
#include "score/gap.h"
#include "zirt.h"

enum { N_ITEMS = 6, IN_S = N_ITEMS, IN_F, N_IN };
enum { OUT_TOTAL, OUT_X, OUT_Y, OUT_ITEM0, OUT_S = OUT_ITEM0 + N_ITEMS, N_OUT };
enum { C_BEST_TOTAL, C_BEST_X, C_BEST_S, C_GOOD_TOTAL, C_GOOD_X, C_GOOD_Y, C_GOOD_S, C_GOOD_F, N_COND };

static const double weight[N_ITEMS] = {4, 3, 3, 2, 2, 1};
static int bool_cond, impossible; /* the variant being tested (set before each test's runs) */

static const struct zi_scale_label abc[] = {{"A", 1, 0, 0}, {"B", 0.5, 0, 0}, {"C", 0, 0, 0}};
static const struct zi_scale_label yes_no[] = {{"ya", 1, 0, 0}, {"tidak", 0, 0, 0}};

/* One row: the outputs, the conditions' operands, the failed bits and the verdict. */
static void score_row(uint64_t n, uint64_t r, const uint8_t *codes, const double *numbers, double *outputs,
                      int32_t *verdict, uint64_t *failed, double *lhs, double *rhs)
{
    (void)n;
    double item[N_ITEMS], x = 0, y = 0;
    for (int i = 0; i < N_ITEMS; i++) {
        uint8_t c = codes[zi_tile_index(r, (uint32_t)i, N_ITEMS + 1)];
        item[i] = c ? weight[i] * abc[c - 1].value : 0;
        if (i < 3)
            x += item[i];
        else
            y += item[i];
    }
    double s = numbers[zi_tile_index(r, 0, 1)], sp = s == s ? s : 0;
    int f = codes[zi_tile_index(r, N_ITEMS, N_ITEMS + 1)] == 1;
    double total = x + y + sp;
    double out[N_OUT] = {total, x, y};
    for (int i = 0; i < N_ITEMS; i++)
        out[OUT_ITEM0 + i] = item[i];
    out[OUT_S] = sp;
    for (uint32_t o = 0; o < N_OUT; o++)
        outputs[zi_tile_index(r, o, N_OUT)] = out[o];
    int bool_y = codes[zi_tile_index(r, 3, N_ITEMS + 1)] == 1 || codes[zi_tile_index(r, 4, N_ITEMS + 1)] == 1;
    double l[N_COND] = {total, x, sp, total, x, bool_cond ? bool_y : y, sp, f};
    double rr[N_COND] = {17, 8, 3.6, impossible ? 25 : 13, 5, bool_cond ? 1 : 2, 3.0, 1};
    uint64_t bits = 0;
    for (uint32_t c = 0; c < N_COND; c++) {
        if (lhs) lhs[zi_tile_index(r, c, N_COND)] = l[c];
        if (rhs) rhs[zi_tile_index(r, c, N_COND)] = rr[c];
        if (!(l[c] >= rr[c] - 1e-9)) bits |= 1ull << c;
    }
    failed[zi_tile_index(r, 0, 1)] = bits;
    verdict[r] = !(bits & 7) ? 0 : !(bits & 0x78) ? 1 : 2;
}

static void explain(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs,
                    int32_t *verdict, uint64_t *failed, uint64_t *unknown, double *lhs, double *rhs)
{
    for (uint64_t r = 0; r < n; r++) {
        score_row(n, r, codes, numbers, outputs, verdict, failed, lhs, rhs);
        unknown[zi_tile_index(r, 0, 1)] = 0;
    }
}

static void score(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs, int32_t *verdict,
                  uint64_t *failed, uint64_t *unknown)
{
    explain(n, codes, numbers, outputs, verdict, failed, unknown, NULL, NULL);
}

static struct zi_input_desc inputs[N_IN];
static struct zi_output_desc outputs[N_OUT];
static struct zi_condition_desc conditions[N_COND];
static const struct zi_verdict_desc verdicts[] = {
    {"BEST", "Best", C_BEST_TOTAL, 3, 0, 0, 0},
    {"GOOD", "Good", C_GOOD_TOTAL, 4, 0, C_GOOD_F, 1},
    {"NONE", "None", 0, 0, 1, 0, 0},
};
static struct zi_module toy;

static void toy_init(void)
{
    static const char *const keys[N_ITEMS] = {"I1", "I2", "I3", "I4", "I5", "I6"};
    for (uint32_t i = 0; i < N_ITEMS; i++)
        inputs[i] = (struct zi_input_desc){
            keys[i], keys[i], keys[i], "abc", abc, 3, ZI_INPUT_SCALE, 0, (int32_t)(OUT_ITEM0 + i),
            0,       i,       0,       1};
    inputs[IN_S] =
        (struct zi_input_desc){"S", "S", "Survey", NULL, NULL, 0, ZI_INPUT_NUMBER, 0, OUT_S, 0, 0, 0, 4};
    inputs[IN_F] = (struct zi_input_desc){"f.ok", NULL, "Fact",       NULL,    yes_no, 2, ZI_INPUT_BOOLEAN,
                                          0,      -1,   ZI_ROLE_FACT, N_ITEMS, 0,      1};
    outputs[OUT_TOTAL] = (struct zi_output_desc){"total", NULL, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 19};
    outputs[OUT_X] = (struct zi_output_desc){"x", NULL, "X", ZI_OUTPUT_GROUP, -1, 0, 1, 10};
    outputs[OUT_Y] = (struct zi_output_desc){"y", NULL, "Y", ZI_OUTPUT_GROUP, -1, 0, 1, 5};
    for (uint32_t i = 0; i < N_ITEMS; i++)
        outputs[OUT_ITEM0 + i] = (struct zi_output_desc){
            keys[i], keys[i], keys[i], ZI_OUTPUT_ITEM, i < 3 ? OUT_X : OUT_Y, 1, 1, weight[i]};
    outputs[OUT_S] = (struct zi_output_desc){"s", "S", "Survey", ZI_OUTPUT_ITEM, -1, 0, 1, 4};
    static const char *const text[N_COND] = {"total >= 17", "x >= 8", "S >= 3.6", "total >= 13",
                                             "x >= 5",      "y >= 2", "S >= 3.0", "f.ok"};
    static const int32_t lhs_out[N_COND] = {OUT_TOTAL, OUT_X, -1, OUT_TOTAL, OUT_X, OUT_Y, -1, -1};
    for (uint32_t c = 0; c < N_COND; c++) {
        int32_t op = c == C_GOOD_F || (bool_cond && c == C_GOOD_Y) ? ZI_COND_BOOL : ZI_COND_GE;
        conditions[c] =
            (struct zi_condition_desc){text[c],
                                       text[c],
                                       c == C_GOOD_F ? "Fakta terpenuhi" : NULL,
                                       c < C_GOOD_TOTAL ? 0 : 1,
                                       c == C_GOOD_F ? ZI_CONDITION_PREREQUISITE : ZI_CONDITION_VERDICT,
                                       op,
                                       lhs_out[c],
                                       -1,
                                       0,
                                       0};
    }
    memset(&toy, 0, sizeof toy);
    toy.title = "Toy";
    toy.n_inputs = N_IN;
    toy.n_outputs = N_OUT;
    toy.n_conditions = N_COND;
    toy.n_verdicts = 3;
    toy.n_failed_words = 1;
    toy.total_output = OUT_TOTAL;
    toy.n_code_columns = N_ITEMS + 1;
    toy.n_number_columns = 1;
    toy.inputs = inputs;
    toy.outputs = outputs;
    toy.conditions = conditions;
    toy.verdicts = verdicts;
    toy.score_batch = score;
    toy.explain_batch = explain;
}

/* A unit's answers: codes of I1..I6 (0 = not answered), S (NaN = not answered), F. */
struct unit {
    uint8_t code[N_ITEMS];
    double s;
    uint8_t f;
};

static void put_unit(struct zi_batch *b, const struct unit *x)
{
    uint32_t u = zi_batch_add_unit(b, b->n + 2, "u", 1);
    for (uint32_t i = 0; i < N_ITEMS; i++)
        zi_batch_set(b, u, i, x->code[i]);
    zi_batch_set(b, u, IN_S, x->s);
    zi_batch_set(b, u, IN_F, x->f);
}

/* The verdicts of n units, scored in one batch, into v. */
static void verdicts_of(const struct unit *x, uint32_t n, int32_t *v)
{
    struct zi_batch b;
    ck_assert_int_eq(zi_batch_init(&b, &toy, n, 0), 0);
    for (uint32_t k = 0; k < n; k++)
        put_unit(&b, &x[k]);
    toy.score_batch(b.n, b.codes, b.numbers, b.outputs, b.verdict, b.failed, b.unknown);
    memcpy(v, b.verdict, n * sizeof *v);
    zi_batch_free(&b);
}

static int32_t verdict_of(const struct unit *x)
{
    int32_t v;
    verdicts_of(x, 1, &v);
    return v;
}

/* Scores the units and searches their gaps to `target`; the caller frees both. */
static struct zi_gap *run_gap(struct zi_batch *b, const struct unit *units, uint32_t n, int32_t target)
{
    ck_assert_int_eq(zi_batch_init(b, &toy, n, 0), 0);
    for (uint32_t k = 0; k < n; k++)
        put_unit(b, &units[k]);
    toy.score_batch(b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed, b->unknown);
    struct zi_gap *g = zi_gap_new(&toy, toy.score_batch, target);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(zi_gap_batch(g, b), 0);
    return g;
}

static struct unit applied(const struct unit *x, const struct zi_gap_result *r)
{
    struct unit y = *x;
    for (uint32_t k = 0; k < r->n_changes; k++) {
        const struct zi_gap_change *ch = &r->changes[k];
        if (ch->input == IN_S)
            y.s = ch->to;
        else
            y.code[ch->input] = (uint8_t)ch->to;
    }
    return y;
}

/* Steps of raising code `from` to `to` (abc: A = 1, B = 2, C = 3; 0 not answered, below C). */
static uint32_t steps(uint8_t from, uint8_t to)
{
    uint32_t rank_from = from ? 3u - from : 0, rank_to = 3u - to; /* C = 0, B = 1, A = 2 */
    return from ? rank_to - rank_from : rank_to + 1;
}

/* Every way of raising a unit's answers: each item unchanged or at a better label (4 ways), S unchanged or 4.
 */
#define WAYS (4 * 4 * 4 * 4 * 4 * 4 * 2)

/* Way w applied to x: 0 when it changes an answer to one that is not better, else 1 with its changes and
 * steps. */
static int way(const struct unit *x, uint32_t w, struct unit *y, uint32_t *n, uint32_t *st)
{
    *y = *x;
    *n = *st = 0;
    for (uint32_t i = 0; i < N_ITEMS; i++, w /= 4) {
        uint8_t to = (uint8_t)(w % 4), from = x->code[i];
        if (to == 0) continue;            /* unchanged */
        if (from && to >= from) return 0; /* not better: A is 1 */
        y->code[i] = to;
        ++*n;
        *st += steps(from, to);
    }
    if (w % 2) {
        if (x->s == 4) return 0;
        y->s = 4;
        ++*n;
        ++*st;
    }
    return 1;
}

START_TEST(brute_force_agrees)
{
    bool_cond = impossible = 0;
    toy_init();
    srand(20261206);
    /* 300 units, a sixteenth under valgrind (ZI_TEST_SCALE): the toy is small, the brute force is not. */
    const char *scale = getenv("ZI_TEST_SCALE");
    uint32_t N = 300 / (scale && atoi(scale) > 1 ? (uint32_t)atoi(scale) : 1);
    struct unit *units = calloc(N, sizeof *units), *ways = calloc(WAYS, sizeof *ways);
    int32_t *v = malloc(WAYS * sizeof *v);
    ck_assert(units && ways && v);
    for (uint32_t k = 0; k < N; k++) {
        for (uint32_t i = 0; i < N_ITEMS; i++)
            units[k].code[i] = (uint8_t)(rand() % 4);
        units[k].s = rand() % 5 ? (250 + rand() % 151) / 100.0 : NAN;
        units[k].f = 1;
    }
    struct zi_batch b;
    struct zi_gap *g = run_gap(&b, units, N, 1);
    uint32_t below = 0, with_s = 0;
    for (uint32_t k = 0; k < N; k++) {
        const struct zi_gap_result *r = zi_gap_get(g, k);
        if (verdict_of(&units[k]) <= 1) {
            ck_assert_int_eq(r->status, ZI_GAP_REACHED);
            continue;
        }
        below++;
        uint32_t best_n = 99, best_steps = 99, n, st;
        for (uint32_t w = 0; w < WAYS; w++)
            way(&units[k], w, &ways[w], &n, &st);
        verdicts_of(ways, WAYS, v);
        for (uint32_t w = 0; w < WAYS; w++) {
            struct unit y;
            if (!way(&units[k], w, &y, &n, &st) || v[w] > 1) continue;
            if (n < best_n || (n == best_n && st < best_steps)) {
                best_n = n;
                best_steps = st;
            }
        }
        ck_assert_int_eq(r->status, ZI_GAP_MINIMAL);
        ck_assert_uint_eq(r->n_changes, best_n);
        struct unit y = applied(&units[k], r);
        ck_assert_int_le(verdict_of(&y), 1);
        st = 0;
        for (uint32_t c = 0; c < r->n_changes; c++) {
            const struct zi_gap_change *ch = &r->changes[c];
            ck_assert_uint_eq(ch->outside, ch->input == IN_S);
            st += ch->input == IN_S ? 1 : steps((uint8_t)ch->from, (uint8_t)ch->to);
            if (ch->input == IN_S) { /* the smallest value on the grid of hundredths that still reaches */
                with_s++;
                struct unit z = y;
                z.s = ch->to - 0.01;
                if (ch->from == ch->from && z.s > ch->from) ck_assert_int_gt(verdict_of(&z), 1);
                ck_assert_double_eq_tol(ch->to * 100, round(ch->to * 100), 1e-9);
            }
        }
        ck_assert_uint_eq(st, best_steps);
    }
    ck_assert_uint_gt(below, N / 3);
    ck_assert_uint_gt(with_s, N / 30);
    zi_gap_free(g);
    zi_batch_free(&b);
    free(units);
    free(ways);
    free(v);
}
END_TEST

START_TEST(lines_in_both_languages)
{
    bool_cond = impossible = 0;
    toy_init();
    /* X = 2 + 1.5 + 0 = 3.5 < 5, total 11.4 < 13, S 2.9 < 3.0, F not met. Two changes at least (S, and X
     * short by 1.5): I1 B -> A (+2, one step) rather than I3 C -> A (+3, two steps). */
    struct unit x = {{2, 2, 3, 1, 1, 1}, 2.9, 2};
    struct zi_batch b;
    struct zi_gap *g = run_gap(&b, &x, 1, zi_gap_parse_target(&toy, "good"));
    const struct zi_gap_result *r = zi_gap_get(g, 0);
    struct zi_buf o;
    zi_buf_init(&o);
    zi_gap_lines(&o, &toy, r, ',', ZI_LANG_ID, "> ");
    ck_assert_str_eq(o.p, "> menuju GOOD (minimal): 2 perubahan, total 11,40 → 13,50\n"
                          ">   I1: B → A, +2,00 poin\n"
                          ">   di luar lembar kerja: S harus naik dari 2,90 menjadi 3,00, +0,10 poin\n"
                          ">   di luar lembar kerja: syarat pengusulan belum terpenuhi: Fakta terpenuhi\n");
    o.len = 0;
    zi_gap_lines(&o, &toy, r, '.', ZI_LANG_EN, "");
    ck_assert_str_eq(o.p, "to reach GOOD (minimal): 2 changes, total 11.40 → 13.50\n"
                          "  I1: B → A, +2.00 points\n"
                          "  outside the worksheet: S must rise from 2.90 to 3.00, +0.10 points\n"
                          "  outside the worksheet: proposal prerequisite not met: Fakta terpenuhi\n");
    o.len = 0;
    zi_gap_text(&o, &toy, r);
    ck_assert_str_eq(o.p, "I1: B -> A (+2); S: 2.9 -> 3 (+0.1, outside); prerequisite: Fakta terpenuhi");
    zi_buf_free(&o);
    zi_gap_free(g);
    zi_batch_free(&b);
}
END_TEST

START_TEST(targets_and_statuses)
{
    bool_cond = impossible = 0;
    toy_init();
    ck_assert_int_eq(zi_gap_parse_target(&toy, "BEST"), 0);
    ck_assert_int_eq(zi_gap_parse_target(&toy, "Next"), ZI_GAP_TARGET_NEXT);
    ck_assert_int_eq(zi_gap_parse_target(&toy, "NONE"), -1); /* the otherwise verdict is no target */
    ck_assert_int_eq(zi_gap_parse_target(&toy, "WBK"), -1);
    struct unit units[] = {
        {{1, 1, 1, 1, 1, 1}, 4, 1},   /* BEST: nothing above it */
        {{1, 1, 1, 1, 1, 1}, 3.5, 1}, /* GOOD: next is BEST, S must reach 3.6 */
        {{0, 0, 0, 0, 0, 0}, NAN, 1}, /* nothing answered: next is GOOD */
    };
    struct zi_batch b;
    struct zi_gap *g = run_gap(&b, units, 3, ZI_GAP_TARGET_NEXT);
    ck_assert_int_eq(zi_gap_get(g, 0)->status, ZI_GAP_REACHED);
    const struct zi_gap_result *r = zi_gap_get(g, 1);
    ck_assert_int_eq(r->target, 0);
    ck_assert_int_eq(r->status, ZI_GAP_MINIMAL);
    ck_assert_uint_eq(r->n_changes, 1);
    ck_assert_double_eq(r->changes[0].to, 3.6);
    r = zi_gap_get(g, 2);
    ck_assert_int_eq(r->target, 1);
    ck_assert_int_eq(r->status, ZI_GAP_MINIMAL);
    /* total 13 needs S (3 at least) and 10 points of items with X >= 5, Y >= 2: I1 A (4), I2 A (3), I4 A. */
    ck_assert_uint_eq(r->n_changes, 4);
    struct unit y = applied(&units[2], r);
    ck_assert_int_le(verdict_of(&y), 1);
    zi_gap_free(g);
    zi_batch_free(&b);
}
END_TEST

/* The variant's gap to GOOD of one unit: its status, and the unit with the changes applied, scored. */
static enum zi_gap_status variant_gap(int boolean, int impossible_total, struct unit x, int32_t *verdict,
                                      char *lines, size_t cap)
{
    bool_cond = boolean;
    impossible = impossible_total;
    toy_init();
    struct zi_batch b;
    struct zi_gap *g = run_gap(&b, &x, 1, 1);
    const struct zi_gap_result *r = zi_gap_get(g, 0);
    struct unit y = applied(&x, r);
    *verdict = verdict_of(&y);
    struct zi_buf o;
    zi_buf_init(&o);
    zi_gap_lines(&o, &toy, r, '.', ZI_LANG_EN, "");
    snprintf(lines, cap, "%s", o.p ? o.p : "");
    enum zi_gap_status st = r->status;
    zi_buf_free(&o);
    zi_gap_free(g);
    zi_batch_free(&b);
    return st;
}

START_TEST(boolean_is_heuristic)
{
    struct unit x = {{1, 1, 1, 3, 3, 1}, 3.5, 1}; /* neither I4 nor I5 is A */
    int32_t v;
    char lines[512];
    ck_assert_int_eq(variant_gap(1, 0, x, &v, lines, sizeof lines), ZI_GAP_HEURISTIC);
    ck_assert_int_le(v, 1);
    ck_assert_str_eq(lines,
                     "to reach GOOD (heuristic: maybe not the smallest): 1 change, total 14.50 → 16.50\n"
                     "  I4: C → A, +2.00 points\n");
}
END_TEST

START_TEST(impossible_is_unreachable)
{
    struct unit x = {{3, 3, 3, 3, 3, 3}, 3.5, 1};
    int32_t v;
    char lines[512];
    ck_assert_int_eq(variant_gap(0, 1, x, &v, lines, sizeof lines), ZI_GAP_UNREACHABLE);
    ck_assert_int_gt(v, 1); /* nothing changed */
    ck_assert_str_eq(lines, "to reach GOOD (not reachable by changing answers)\n");
}
END_TEST

/* zi_run with --gap: the report against golden/NAME (ZI_UPDATE_GOLDEN=1 rewrites it). */
static const struct {
    const char *module, *data, *gap;
    enum zi_report_format report;
    enum zi_lang lang;
    const char *golden;
    int rc;
} goldens[] = {
    {"fixture", "wide.csv", "WBBM", ZI_REPORT_TABLE, ZI_LANG_ID, "gap.wide.table.out", 1},
    {"fixture", "clean.csv", "next", ZI_REPORT_TABLE, ZI_LANG_EN, "gap.clean.table.out", 0},
    {"fixture", "wide.csv", "wbbm", ZI_REPORT_CSV, ZI_LANG_ID, "gap.wide.csv.out", 1},
    {"fixture", "clean.csv", "WBK", ZI_REPORT_JSON, ZI_LANG_EN, "gap.clean.json.out", 0},
    {"facts", "facts.csv", "next", ZI_REPORT_TABLE, ZI_LANG_ID, "gap.facts.table.out", 1},
    {"facts", "facts.csv", "WBBM", ZI_REPORT_CSV, ZI_LANG_EN, "gap.facts.csv.out", 1},
    {"facts", "facts.csv", "next", ZI_REPORT_CSV_EXCEL, ZI_LANG_ID, "gap.facts.csv-excel.out", 1},
};

START_TEST(golden_reports)
{
    char path[1024], out_path[1024];
    struct zi_loaded_module *lm = fixture_load(goldens[_i].module);
    snprintf(path, sizeof path, "%s/%s", ZI_DATA_DIR, goldens[_i].data);
    snprintf(out_path, sizeof out_path, "%s/gap.out", ZI_TMP_DIR);
    FILE *in = fopen(path, "rb"), *out = fopen(out_path, "wb"), *diag = tmpfile();
    ck_assert(in && out && diag);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.report_format = goldens[_i].report;
    opt.lang = goldens[_i].lang;
    opt.gap = goldens[_i].gap;
    ck_assert_int_eq(zi_run(zi_loaded_module_get(lm), in, goldens[_i].data, out, diag, &opt, NULL),
                     goldens[_i].rc);
    fclose(in);
    fclose(out);
    fclose(diag);
    char *got = slurp(out_path, NULL);
    snprintf(path, sizeof path, "%s/%s", ZI_GOLDEN_DIR, goldens[_i].golden);
    const char *update = getenv("ZI_UPDATE_GOLDEN");
    if (update && *update == '1') spit(path, got, strlen(got));
    char *want = slurp(path, NULL);
    ck_assert_msg(want != NULL, "no golden %s (ZI_UPDATE_GOLDEN=1 writes it)", path);
    ck_assert_msg(strcmp(got, want) == 0, "%s differs from golden %s (ZI_UPDATE_GOLDEN=1 rewrites it)",
                  goldens[_i].data, path);
    free(got);
    free(want);
    zi_module_unload(lm);
}
END_TEST

/* --gap names a verdict the criteria do not have: the run stops before reading, and says which they have. */
START_TEST(unknown_target)
{
    struct zi_loaded_module *lm = fixture_load("fixture");
    char path[1024];
    snprintf(path, sizeof path, "%s/clean.csv", ZI_DATA_DIR);
    FILE *in = fopen(path, "rb"), *out = tmpfile(), *diag = tmpfile();
    ck_assert(in && out && diag);
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.gap = "BELUM";
    ck_assert_int_eq(zi_run(zi_loaded_module_get(lm), in, "clean.csv", out, diag, &opt, NULL), ZI_RUN_FAILED);
    char text[512] = "";
    rewind(diag);
    size_t n = fread(text, 1, sizeof text - 1, diag);
    text[n] = '\0';
    ck_assert_str_eq(
        text, "zirun: clean.csv: --gap BELUM: the criteria have no verdict of that name to aim at (they "
              "have WBBM, WBK, next)\n");
    fclose(in);
    fclose(out);
    fclose(diag);
    zi_module_unload(lm);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("runtime gap");
    TCase *tc = tcase_create("gap");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, brute_force_agrees);
    tcase_add_test(tc, lines_in_both_languages);
    tcase_add_test(tc, targets_and_statuses);
    tcase_add_test(tc, boolean_is_heuristic);
    tcase_add_test(tc, impossible_is_unreachable);
    tcase_add_loop_test(tc, golden_reports, 0, sizeof goldens / sizeof goldens[0]);
    tcase_add_test(tc, unknown_target);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
