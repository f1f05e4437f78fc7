/* fixture_module.c — a scoring module written by hand, standing in for what `zic build` will produce, so
 * the runtime can be tested before the compiler exists. The criteria it implements, in the language:
 *
 *   criteria fixture "Fixture criteria" {
 *     regulation "PermenPANRB 90/2021 (fixture)"
 *     scale ya_tidak { "Ya" = 1, "Tidak" = 0 }
 *     scale abc { "A" = 1, "B" = 0.5, "C" = 0 }
 *     group pengungkit "Komponen Pengungkit" weight 60 {
 *       group pemenuhan "Pemenuhan" weight 30 {
 *         group mp "Manajemen Perubahan" weight 16 {
 *           question "A.1" tim "Tim kerja dibentuk" : ya_tidak
 *           question "A.2" prosedur "Prosedur pemilihan anggota" : abc
 *         }
 *         group pw "Penataan Wewenang" weight 14 {
 *           score "A.3" integrasi "Perubahan terintegrasi" {
 *             input perubahan "Jumlah perubahan" : count in [0, 1000]
 *             input terintegrasi "Perubahan terintegrasi" : count in [0, 1000]
 *             require terintegrasi <= perubahan "terintegrasi tidak boleh melebihi perubahan"
 *             = ratio(terintegrasi, perubahan)
 *           }
 *           question "A.4" pelatihan "Pegawai terlatih" : percent
 *         }
 *       }
 *       group reform "Reform" weight 30 {
 *         group mp "Manajemen Perubahan" weight 16 { question "A.5" agen "Agen perubahan" : abc }
 *         group pw "Penataan Wewenang" weight 14 {
 *           question "A.6" pelimpahan "Pelimpahan wewenang" : ya_tidak missing exclude
 *           question "A.7" sop "SOP ditetapkan" : ya_tidak missing error
 *         }
 *       }
 *     }
 *     group hasil "Komponen Hasil" weight 40 {
 *       question "B.1" ipak "Indeks Persepsi Anti Korupsi" : number in [0, 4] weight 30 = answer / 4
 *       question "B.2" capaian "Capaian kinerja" : abc weight 10
 *     }
 *     view area "Area" = pengungkit.pemenuhan + pengungkit.reform
 *     let ipak_gap "Selisih IPAK" = hasil.ipak.answer - 3.60
 *     verdict WBBM "Wilayah Birokrasi Bersih dan Melayani" {
 *       total >= 85; all area >= 75%; hasil.ipak.answer >= 3.60 }
 *     verdict WBK "Wilayah Bebas dari Korupsi" {
 *       total >= 75; all area >= 60%; hasil.ipak.answer >= 3.20 }
 *     otherwise BELUM "Belum memenuhi syarat"
 *   }
 *
 * Items carry their nominal share of the group's weight (8 for each of two questions in a group of 16), so
 * that the runtime can say how many points each cost. ZI_FIXTURE_BREAK selects a deliberately broken variant
 * for the loader's tests; ZI_FIXTURE_CHECKSUM is normally the generated value (gen_checksum.c).
 */
#include <stdint.h>

#include "zi/module.h"

#ifndef ZI_FIXTURE_CHECKSUM
#include "fixture_checksum.h"
#endif
#ifndef ZI_FIXTURE_BREAK
#define ZI_FIXTURE_BREAK 0
#endif

enum { IN_A1, IN_A2, IN_A3P, IN_A3T, IN_A4, IN_A5, IN_A6, IN_A7, IN_B1, IN_B2, N_IN };
enum { N_CODES = 6, N_NUMBERS = 4 }; /* the scale inputs, and the others */
enum {
    O_TOTAL,
    O_PENGUNGKIT,
    O_PEMENUHAN,
    O_MP1,
    O_A1,
    O_A2,
    O_PW1,
    O_A3,
    O_A4,
    O_REFORM,
    O_MP2,
    O_A5,
    O_PW2,
    O_A6,
    O_A7,
    O_HASIL,
    O_B1,
    O_B2,
    O_AREA_MP,
    O_AREA_PW,
    O_GAP,
    N_OUT
};
enum {
    C_REQ,
    C_WBBM_TOTAL,
    C_WBBM_MP,
    C_WBBM_PW,
    C_WBBM_IPAK,
    C_WBK_TOTAL,
    C_WBK_MP,
    C_WBK_PW,
    C_WBK_IPAK,
    N_COND
};

#define EPS 1e-9

static const struct zi_scale_label ya_tidak[] = {
#if ZI_FIXTURE_BREAK == 5
    {"Ya", 1, 0, 0}, {"Tidax", 0, 0, 0}, /* one byte changed on disk: the checksum no longer matches */
#else
    {"Ya", 1, 0, 0},
    {"Tidak", 0, 0, 0},
#endif
};
static const struct zi_scale_label abc[] = {{"A", 1, 0, 0}, {"B", 0.5, 0, 0}, {"C", 0, 0, 0}};

static const struct zi_input_desc inputs[N_IN] = {
    {"A.1", "A.1", "Tim kerja dibentuk", "ya_tidak", ya_tidak, 2, ZI_INPUT_SCALE, ZI_MISSING_ZERO, O_A1,
     ZI_ROLE_ANSWER, 0, 0, 1},
    {"A.2", "A.2", "Prosedur pemilihan anggota", "abc", abc, 3, ZI_INPUT_SCALE, ZI_MISSING_ZERO, O_A2,
     ZI_ROLE_ANSWER, 1, 0, 1},
    {"A.3.perubahan", "A.3", "Jumlah perubahan", 0, 0, 0, ZI_INPUT_COUNT, ZI_MISSING_ZERO,
#if ZI_FIXTURE_BREAK == 4
     99, /* an output index out of range */
#else
     O_A3,
#endif
     ZI_ROLE_ANSWER, 0, 0, 1000},
    {"A.3.terintegrasi", "A.3", "Perubahan terintegrasi", 0, 0, 0, ZI_INPUT_COUNT, ZI_MISSING_ZERO, O_A3,
     ZI_ROLE_ANSWER, 1, 0, 1000},
    {"A.4", "A.4", "Pegawai terlatih", 0, 0, 0, ZI_INPUT_PERCENT, ZI_MISSING_ZERO, O_A4, ZI_ROLE_ANSWER, 2, 0,
     1},
    {"A.5", "A.5", "Agen perubahan", "abc", abc, 3, ZI_INPUT_SCALE, ZI_MISSING_ZERO, O_A5, ZI_ROLE_ANSWER, 2,
     0, 1},
    {"A.6", "A.6", "Pelimpahan wewenang", "ya_tidak", ya_tidak, 2, ZI_INPUT_SCALE, ZI_MISSING_EXCLUDE, O_A6,
     ZI_ROLE_ANSWER, 3, 0, 1},
    {"A.7", "A.7", "SOP ditetapkan", "ya_tidak", ya_tidak, 2, ZI_INPUT_SCALE, ZI_MISSING_ERROR, O_A7,
     ZI_ROLE_ANSWER, 4, 0, 1},
    {"B.1", "B.1", "Indeks Persepsi Anti Korupsi", 0, 0, 0, ZI_INPUT_NUMBER, ZI_MISSING_ZERO, O_B1,
     ZI_ROLE_ANSWER, 3, 0, 4},
    {"B.2", "B.2", "Capaian kinerja", "abc", abc, 3, ZI_INPUT_SCALE, ZI_MISSING_ZERO, O_B2, ZI_ROLE_ANSWER, 5,
     0, 1},
};

static const struct zi_output_desc outputs[N_OUT] = {
    {"total", 0, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 100},
    {"pengungkit", 0, "Komponen Pengungkit", ZI_OUTPUT_GROUP, -1, 0, 1, 60},
    {"pengungkit.pemenuhan", 0, "Pemenuhan", ZI_OUTPUT_GROUP, O_PENGUNGKIT, 1, 1, 30},
#if ZI_FIXTURE_BREAK == 6
    {"pengungkit.pemenuhan.mp", 0, 0, ZI_OUTPUT_GROUP, O_PEMENUHAN, 2, 1, 16}, /* a NULL title */
#else
    {"pengungkit.pemenuhan.mp", 0, "Manajemen Perubahan", ZI_OUTPUT_GROUP, O_PEMENUHAN, 2, 1, 16},
#endif
    {"pengungkit.pemenuhan.mp.tim", "A.1", "Tim kerja dibentuk", ZI_OUTPUT_ITEM, O_MP1, 3, 1, 8},
    {"pengungkit.pemenuhan.mp.prosedur", "A.2", "Prosedur pemilihan anggota", ZI_OUTPUT_ITEM, O_MP1, 3, 1, 8},
    {"pengungkit.pemenuhan.pw", 0, "Penataan Wewenang", ZI_OUTPUT_GROUP, O_PEMENUHAN, 2, 1, 14},
    {"pengungkit.pemenuhan.pw.integrasi", "A.3", "Perubahan terintegrasi", ZI_OUTPUT_ITEM, O_PW1, 3, 1, 7},
    {"pengungkit.pemenuhan.pw.pelatihan", "A.4", "Pegawai terlatih", ZI_OUTPUT_ITEM, O_PW1, 3, 1, 7},
    {"pengungkit.reform", 0, "Reform", ZI_OUTPUT_GROUP, O_PENGUNGKIT, 1, 1, 30},
    {"pengungkit.reform.mp", 0, "Manajemen Perubahan", ZI_OUTPUT_GROUP, O_REFORM, 2, 1, 16},
    {"pengungkit.reform.mp.agen", "A.5", "Agen perubahan", ZI_OUTPUT_ITEM, O_MP2, 3, 1, 16},
    {"pengungkit.reform.pw", 0, "Penataan Wewenang", ZI_OUTPUT_GROUP, O_REFORM, 2, 1, 14},
    {"pengungkit.reform.pw.pelimpahan", "A.6", "Pelimpahan wewenang", ZI_OUTPUT_ITEM, O_PW2, 3, 1, 7},
    {"pengungkit.reform.pw.sop", "A.7", "SOP ditetapkan", ZI_OUTPUT_ITEM, O_PW2, 3, 1, 7},
    {"hasil", 0, "Komponen Hasil", ZI_OUTPUT_GROUP, -1, 0, 1, 40},
    {"hasil.ipak", "B.1", "Indeks Persepsi Anti Korupsi", ZI_OUTPUT_ITEM, O_HASIL, 1, 1, 30},
    {"hasil.capaian", "B.2", "Capaian kinerja", ZI_OUTPUT_ITEM, O_HASIL, 1, 1, 10},
    {"area.mp", 0, "Manajemen Perubahan", ZI_OUTPUT_VIEW, -1, 0, 1, 32},
    {"area.pw", 0, "Penataan Wewenang", ZI_OUTPUT_VIEW, -1, 0, 1, 28},
    {"ipak_gap", 0, "Selisih IPAK", ZI_OUTPUT_LET, -1, 0, 0, 0},
};

static const struct zi_condition_desc conditions[N_COND] = {
    {"terintegrasi <= perubahan", "terintegrasi", "terintegrasi tidak boleh melebihi perubahan", -1,
     ZI_CONDITION_REQUIRE, ZI_COND_LE, -1, O_A3, 0, 0},
    {"total >= 85", "total", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, O_TOTAL, -1, 0, 0},
    {"area.mp >= 75%", "area.mp", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, O_AREA_MP, -1, 32, 0.75},
    {"area.pw >= 75%", "Area Penataan Wewenang", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, O_AREA_PW, -1, 28,
     0.75},
    {"hasil.ipak.answer >= 3.60", "hasil.ipak.answer", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, -1, -1, 0, 0},
    {"total >= 75", "total", 0, 1, ZI_CONDITION_VERDICT, ZI_COND_GE, O_TOTAL, -1, 0, 0},
    {"area.mp >= 60%", "area.mp", 0, 1, ZI_CONDITION_VERDICT, ZI_COND_GE, O_AREA_MP, -1, 32, 0.6},
    {"area.pw >= 60%", "Area Penataan Wewenang", 0, 1, ZI_CONDITION_VERDICT, ZI_COND_GE, O_AREA_PW, -1, 28,
     0.6},
    {"hasil.ipak.answer >= 3.20", "hasil.ipak.answer", 0, 1, ZI_CONDITION_VERDICT, ZI_COND_GE, -1, -1, 0, 0},
};

static const struct zi_verdict_desc verdicts[] = {
    {"WBBM", "Wilayah Birokrasi Bersih dan Melayani", C_WBBM_TOTAL, 4, 0, 0, 0},
    {"WBK", "Wilayah Bebas dari Korupsi", C_WBK_TOTAL, 4, 0, 0, 0},
    {"BELUM", "Belum memenuhi syarat", N_COND, 0, 1, 0, 0},
};

static const struct zi_source_desc sources[] = {
    {"fixture.zi", "3b1f0c9a6d2e4f5a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a"},
};

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Everything one unit computes; both entry points use it so they cannot disagree. */
struct unit {
    double out[N_OUT];
    double lhs[N_COND], rhs[N_COND];
    int failed[N_COND];
    int32_t verdict;
};

/* Input i of unit `row`, per zi/module.h: a scale label's value or a number, 0 when absent. */
static double value_of(uint64_t row, const uint8_t *codes, const double *numbers, int i)
{
    const struct zi_input_desc *d = &inputs[i];
    if (d->kind == ZI_INPUT_SCALE) {
        uint8_t code = codes[zi_tile_index(row, d->column, N_CODES)];
        return code ? d->labels[code - 1].value : 0.0;
    }
    double x = numbers[zi_tile_index(row, d->column, N_NUMBERS)];
    return x == x ? x : 0.0;
}

static int present_of(uint64_t row, const uint8_t *codes, const double *numbers, int i)
{
    const struct zi_input_desc *d = &inputs[i];
    if (d->kind == ZI_INPUT_SCALE) return codes[zi_tile_index(row, d->column, N_CODES)] != 0;
    double x = numbers[zi_tile_index(row, d->column, N_NUMBERS)];
    return x == x;
}

static void evaluate(uint64_t row, const uint8_t *codes, const double *numbers, struct unit *u)
{
#define V(i) value_of(row, codes, numbers, (i))
#define P(i) present_of(row, codes, numbers, (i))
    double n1 = V(IN_A1), n2 = V(IN_A2), n4 = V(IN_A4), n5 = V(IN_A5), n7 = V(IN_A7), n9 = V(IN_B2);
    double per = V(IN_A3P), ter = V(IN_A3T);
    int a3_present = P(IN_A3P) && P(IN_A3T);
    double n3 = a3_present ? (per == 0 ? 0 : clamp01(ter / per)) : 0;
    double ipak = V(IN_B1);

    u->out[O_A1] = 16 * (n1 / 2);
    u->out[O_A2] = 16 * (n2 / 2);
    u->out[O_MP1] = 16 * ((n1 + n2) / 2);
    u->out[O_A3] = 14 * (n3 / 2);
    u->out[O_A4] = 14 * (n4 / 2);
    u->out[O_PW1] = 14 * ((n3 + n4) / 2);
    u->out[O_PEMENUHAN] = u->out[O_MP1] + u->out[O_PW1];
    u->out[O_A5] = 16 * n5;
    u->out[O_MP2] = 16 * n5;
    double count = (P(IN_A6) ? 1 : 0) + 1; /* A.6 is left out of the mean when missing (exclude) */
    u->out[O_A6] = P(IN_A6) ? 14 * (V(IN_A6) / count) : 0;
    u->out[O_A7] = 14 * (n7 / count);
    u->out[O_PW2] = 14 * (((P(IN_A6) ? V(IN_A6) : 0) + n7) / count);
    u->out[O_REFORM] = u->out[O_MP2] + u->out[O_PW2];
    u->out[O_PENGUNGKIT] = u->out[O_PEMENUHAN] + u->out[O_REFORM];
    u->out[O_B1] = 30 * clamp01(ipak / 4);
    u->out[O_B2] = 10 * n9;
    u->out[O_HASIL] = u->out[O_B1] + u->out[O_B2];
    u->out[O_TOTAL] = u->out[O_PENGUNGKIT] + u->out[O_HASIL];
    u->out[O_AREA_MP] = u->out[O_MP1] + u->out[O_MP2];
    u->out[O_AREA_PW] = u->out[O_PW1] + u->out[O_PW2];
    u->out[O_GAP] = ipak - 3.60;

    u->lhs[C_REQ] = ter;
    u->rhs[C_REQ] = per;
    u->failed[C_REQ] = a3_present && ter - per > EPS;
    static const int lhs_of[N_COND] = {0,       O_TOTAL,   O_AREA_MP, O_AREA_PW, -1,
                                       O_TOTAL, O_AREA_MP, O_AREA_PW, -1};
    static const double rhs_of[N_COND] = {0, 85, 0.75 * 32, 0.75 * 28, 3.60, 75, 0.6 * 32, 0.6 * 28, 3.20};
    for (int c = C_WBBM_TOTAL; c < N_COND; c++) {
        u->lhs[c] = lhs_of[c] >= 0 ? u->out[lhs_of[c]] : ipak;
        u->rhs[c] = rhs_of[c];
        u->failed[c] = u->lhs[c] - u->rhs[c] < -EPS;
    }
    if (u->failed[C_REQ] || !P(IN_A7))
        u->verdict = ZI_VERDICT_NONE;
    else if (!u->failed[1] && !u->failed[2] && !u->failed[3] && !u->failed[4])
        u->verdict = 0;
    else if (!u->failed[5] && !u->failed[6] && !u->failed[7] && !u->failed[8])
        u->verdict = 1;
    else
        u->verdict = 2;
#undef V
#undef P
}

/* Both entry points; explaining (items and operands too) when lhs is given. */
static void score(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs_, int32_t *verdict,
                  uint64_t *failed, uint64_t *unknown, double *lhs, double *rhs)
{
    for (uint64_t row = 0; row < n; row++) {
        struct unit u;
        evaluate(row, codes, numbers, &u);
        for (int o = 0; o < N_OUT; o++)
            if (lhs || outputs[o].kind != ZI_OUTPUT_ITEM) outputs_[zi_tile_index(row, o, N_OUT)] = u.out[o];
        verdict[row] = u.verdict;
        uint64_t bits = 0;
        for (int c = 0; c < N_COND; c++)
            bits |= (uint64_t)u.failed[c] << c;
        failed[row] = bits;
        unknown[row] = 0; /* the fixture has no facts: every condition is decided */
        for (int c = 0; lhs && c < N_COND; c++) {
            lhs[zi_tile_index(row, c, N_COND)] = u.lhs[c];
            rhs[zi_tile_index(row, c, N_COND)] = u.rhs[c];
        }
    }
}

static void score_batch(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs_,
                        int32_t *verdict, uint64_t *failed, uint64_t *unknown)
{
    score(n, codes, numbers, outputs_, verdict, failed, unknown, 0, 0);
}

static void explain_batch(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs_,
                          int32_t *verdict, uint64_t *failed, uint64_t *unknown, double *lhs, double *rhs)
{
    score(n, codes, numbers, outputs_, verdict, failed, unknown, lhs, rhs);
}

/* Variant 8 stands for a module built by the zic of ABI 1, which exported its descriptor by another name. */
#if ZI_FIXTURE_BREAK == 8
#define ZI_FIXTURE_SYMBOL zi_module_v1
#else
#define ZI_FIXTURE_SYMBOL zi_scoring_module
#endif
const struct zi_module ZI_FIXTURE_SYMBOL = {
#if ZI_FIXTURE_BREAK == 1
    0x12345678u,
#else
    ZI_MODULE_MAGIC,
#endif
#if ZI_FIXTURE_BREAK == 2
    99u,
#else
    ZI_MODULE_ABI_VERSION,
#endif
#if ZI_FIXTURE_BREAK == 3
    8u,
#else
    sizeof(struct zi_module),
#endif
    0,
    ZI_FIXTURE_CHECKSUM,
    "fixture",
    "Fixture criteria",
    "PermenPANRB 90/2021 (fixture)",
    "fixture.zi",
    "3b1f0c9a6d2e4f5a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
    "zic 0.1.0 (hand-written fixture)",
#if ZI_FIXTURE_BREAK == 7
    5000000u,
#else
    N_IN,
#endif
    N_OUT,
    N_COND,
    3,
    1,
    O_TOTAL,
    N_CODES,
    N_NUMBERS,
    inputs,
    outputs,
    conditions,
    verdicts,
    1,
    0,
    sources,
    score_batch,
    explain_batch,
    0 /* no `language`: English */,
    0,
    0,
    0 /* no views */,
    0,
    0,
    0 /* no score levels: score_batch for any CPU */,
};
