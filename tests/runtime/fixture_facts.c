/* fixture_facts.c — a scoring module written by hand with facts and prerequisites (module ABI 3), standing
 * in for what `zic build` makes of criteria like these, so that the runtime's reading of facts and its
 * proposability reports are tested on their own (tests/runtime/zirun_cli.sh, test_report.c):
 *
 *   criteria facts_fixture "Fixture with facts" extends "base.zi" {     // base.zi extends root.zi
 *     regulation "Fixture regulation with prerequisites"
 *     scale ya_tidak { "Ya" = 1, "Tidak" = 0 }
 *     group kinerja "Kinerja" weight 100 {
 *       question "A.1" tim "Tim kerja dibentuk" : ya_tidak weight 50
 *       question "A.2" capaian "Capaian kinerja" : percent weight 50
 *     }
 *     category opini "Opini BPK" {
 *       "WTP" | "Wajar Tanpa Pengecualian", "WDP" | "Wajar Dengan Pengecualian", "TMP" | "Disclaimer" }
 *     grade nilai "Nilai" { "A" > "B" > "C" }
 *     category layanan "Jenis layanan" { "rsud" | "Rumah Sakit Umum Daerah", "lain" }
 *     facts instansi "Data Instansi" {
 *       fact opini "Opini BPK" : opini
 *       fact sakip "Nilai SAKIP" : nilai
 *     }
 *     facts unit "Data Unit" {
 *       fact inti "Unit pelayanan inti" : boolean
 *       fact tlhp "Tindak lanjut hasil pemeriksaan" : percent
 *       fact layanan "Jenis layanan" : layanan
 *     }
 *     verdict WBBM "Wilayah Birokrasi Bersih dan Melayani" { total >= 100 }
 *     verdict WBK "Wilayah Bebas dari Korupsi" { total >= 50 }
 *     otherwise BELUM "Belum memenuhi syarat"
 *     prerequisites WBK "Syarat WBK" {
 *       instansi.opini == "WTP"  "Opini BPK WTP"
 *       instansi.sakip >= "B"
 *       unit.tlhp >= 100%        "TLHP 100%"
 *       total >= 60              "Nilai total minimal 60"
 *       relaxation unit.layanan in ["rsud"]  "Unit layanan rumah sakit"
 *     }
 *   }
 *
 * WBBM has no prerequisites (a unit that reaches it may be proposed on its score alone); a condition that
 * reads a missing fact is unknown (its `failed` bit set too), never guessed.
 */
#include <stdint.h>

#include "zi/module.h"

#ifndef ZI_FIXTURE_CHECKSUM
#include "fixture_facts_checksum.h"
#endif

enum { IN_A1, IN_A2, IN_OPINI, IN_SAKIP, IN_INTI, IN_TLHP, IN_LAYANAN, N_IN };
enum { N_CODES = 5, N_NUMBERS = 2 };
enum { O_TOTAL, O_KINERJA, O_A1, O_A2, N_OUT };
enum { C_WBBM, C_WBK, P_OPINI, P_SAKIP, P_TLHP, P_TOTAL, R_LAYANAN, N_COND };

#define EPS 1e-9

static const struct zi_scale_label ya_tidak[] = {{"Ya", 1, 0, 0}, {"Tidak", 0, 0, 0}};
static const struct zi_scale_label opini[] = {
    {"WTP", 1, 0, 0}, {"Wajar Tanpa Pengecualian", 1, 1, 0},
    {"WDP", 2, 0, 0}, {"Wajar Dengan Pengecualian", 2, 3, 0},
    {"TMP", 3, 0, 0}, {"Disclaimer", 3, 5, 0},
};
static const struct zi_scale_label nilai[] = {{"A", 3, 0, 0}, {"B", 2, 0, 0}, {"C", 1, 0, 0}};
static const struct zi_scale_label boolean[] = {
    {"Ya", 1, 0, 0},    {"Tidak", 0, 0, 0}, {"Y", 1, 1, 0},    {"T", 0, 2, 0},
    {"Yes", 1, 1, 0},   {"No", 0, 2, 0},    {"True", 1, 1, 0}, {"False", 0, 2, 0},
    {"Benar", 1, 1, 0}, {"Salah", 0, 2, 0}, {"1", 1, 1, 0},    {"0", 0, 2, 0},
};
static const struct zi_scale_label layanan[] = {
    {"rsud", 1, 0, 0}, {"Rumah Sakit Umum Daerah", 1, 1, 0}, {"lain", 2, 0, 0}};

static const struct zi_input_desc inputs[N_IN] = {
    {"A.1", "A.1", "Tim kerja dibentuk", "ya_tidak", ya_tidak, 2, ZI_INPUT_SCALE, ZI_MISSING_ZERO, O_A1,
     ZI_ROLE_ANSWER, 0, 0, 1},
    {"A.2", "A.2", "Capaian kinerja", 0, 0, 0, ZI_INPUT_PERCENT, ZI_MISSING_ZERO, O_A2, ZI_ROLE_ANSWER, 0, 0,
     1},
    {"instansi.opini", 0, "Opini BPK", "opini", opini, 6, ZI_INPUT_CATEGORY, ZI_MISSING_ZERO, -1,
     ZI_ROLE_FACT, 1, 1, 3},
    {"instansi.sakip", 0, "Nilai SAKIP", "nilai", nilai, 3, ZI_INPUT_GRADE, ZI_MISSING_ZERO, -1, ZI_ROLE_FACT,
     2, 1, 3},
    {"unit.inti", 0, "Unit pelayanan inti", "boolean", boolean, 12, ZI_INPUT_BOOLEAN, ZI_MISSING_ZERO, -1,
     ZI_ROLE_FACT, 3, 0, 1},
    {"unit.tlhp", 0, "Tindak lanjut hasil pemeriksaan", 0, 0, 0, ZI_INPUT_PERCENT, ZI_MISSING_ZERO, -1,
     ZI_ROLE_FACT, 1, 0, 1},
    {"unit.layanan", 0, "Jenis layanan", "layanan", layanan, 3, ZI_INPUT_CATEGORY, ZI_MISSING_ZERO, -1,
     ZI_ROLE_FACT, 4, 1, 2},
};

static const struct zi_output_desc outputs[N_OUT] = {
    {"total", 0, "Total", ZI_OUTPUT_TOTAL, -1, 0, 1, 100},
    {"kinerja", 0, "Kinerja", ZI_OUTPUT_GROUP, -1, 0, 1, 100},
    {"kinerja.tim", "A.1", "Tim kerja dibentuk", ZI_OUTPUT_ITEM, O_KINERJA, 1, 1, 50},
    {"kinerja.capaian", "A.2", "Capaian kinerja", ZI_OUTPUT_ITEM, O_KINERJA, 1, 1, 50},
};

static const struct zi_condition_desc conditions[N_COND] = {
    {"total >= 100", "total", 0, 0, ZI_CONDITION_VERDICT, ZI_COND_GE, O_TOTAL, -1, 0, 0},
    {"total >= 50", "total", 0, 1, ZI_CONDITION_VERDICT, ZI_COND_GE, O_TOTAL, -1, 0, 0},
    {"instansi.opini == \"WTP\"", "instansi.opini", "Opini BPK WTP", 1, ZI_CONDITION_PREREQUISITE, ZI_COND_EQ,
     -1, -1, 0, 0},
    {"instansi.sakip >= \"B\"", "instansi.sakip", 0, 1, ZI_CONDITION_PREREQUISITE, ZI_COND_GE, -1, -1, 0, 0},
    {"unit.tlhp >= 100%", "unit.tlhp", "TLHP 100%", 1, ZI_CONDITION_PREREQUISITE, ZI_COND_GE, -1, -1, 0, 0},
    {"total >= 60", "total", "Nilai total minimal 60", 1, ZI_CONDITION_PREREQUISITE, ZI_COND_GE, O_TOTAL, -1,
     0, 0},
    {"unit.layanan in [\"rsud\"]", "unit.layanan", "Unit layanan rumah sakit", 1, ZI_CONDITION_RELAXATION,
     ZI_COND_BOOL, -1, -1, 0, 0},
};

static const struct zi_verdict_desc verdicts[] = {
    {"WBBM", "Wilayah Birokrasi Bersih dan Melayani", C_WBBM, 1, 0, 0, 0},
    {"WBK", "Wilayah Bebas dari Korupsi", C_WBK, 1, 0, P_OPINI, R_LAYANAN - P_OPINI + 1},
    {"BELUM", "Belum memenuhi syarat", N_COND, 0, 1, 0, 0},
};

static const struct zi_source_desc sources[] = {
    {"facts.zi", "1111111111111111111111111111111111111111111111111111111111111111"},
    {"base.zi", "2222222222222222222222222222222222222222222222222222222222222222"},
    {"root.zi", "3333333333333333333333333333333333333333333333333333333333333333"},
};

/* Input i of unit `row`: a label's value or a number; *present says whether the unit has it. */
static double value_of(uint64_t row, const uint8_t *codes, const double *numbers, int i, int *present)
{
    const struct zi_input_desc *d = &inputs[i];
    if (d->labels) {
        uint8_t code = codes[zi_tile_index(row, d->column, N_CODES)];
        *present = code != 0;
        return code ? d->labels[code - 1].value : 0.0;
    }
    double x = numbers[zi_tile_index(row, d->column, N_NUMBERS)];
    *present = x == x;
    return x == x ? x : 0.0;
}

static void score(uint64_t n, const uint8_t *codes, const double *numbers, double *out, int32_t *verdict,
                  uint64_t *failed, uint64_t *unknown, double *lhs, double *rhs)
{
    for (uint64_t row = 0; row < n; row++) {
        int has[N_IN];
        double v[N_IN];
        for (int i = 0; i < N_IN; i++)
            v[i] = value_of(row, codes, numbers, i, &has[i]);
        double o[N_OUT];
        o[O_A1] = 50 * v[IN_A1];
        o[O_A2] = 50 * v[IN_A2];
        o[O_KINERJA] = o[O_A1] + o[O_A2];
        o[O_TOTAL] = o[O_KINERJA];
        for (int k = 0; k < N_OUT; k++)
            if (lhs || outputs[k].kind != ZI_OUTPUT_ITEM) out[zi_tile_index(row, k, N_OUT)] = o[k];
        /* Per condition: operands, whether it holds, whether it could be decided. */
        double l[N_COND] = {o[O_TOTAL], o[O_TOTAL], v[IN_OPINI], v[IN_SAKIP], v[IN_TLHP], o[O_TOTAL], 0};
        double r[N_COND] = {100, 50, 1, 2, 1, 60, 1};
        int holds[N_COND],
            decided[N_COND] = {1, 1, has[IN_OPINI], has[IN_SAKIP], has[IN_TLHP], 1, has[IN_LAYANAN]};
        holds[C_WBBM] = l[C_WBBM] - r[C_WBBM] >= -EPS;
        holds[C_WBK] = l[C_WBK] - r[C_WBK] >= -EPS;
        holds[P_OPINI] = l[P_OPINI] == r[P_OPINI];
        holds[P_SAKIP] = l[P_SAKIP] >= r[P_SAKIP];
        holds[P_TLHP] = l[P_TLHP] - r[P_TLHP] >= -EPS;
        holds[P_TOTAL] = l[P_TOTAL] - r[P_TOTAL] >= -EPS;
        holds[R_LAYANAN] = v[IN_LAYANAN] == 1;
        l[R_LAYANAN] = holds[R_LAYANAN];
        uint64_t f = 0, u = 0;
        for (int c = 0; c < N_COND; c++) {
            f |= (uint64_t)(!holds[c] || !decided[c]) << c;
            u |= (uint64_t)!decided[c] << c;
            if (lhs) {
                lhs[zi_tile_index(row, c, N_COND)] = l[c];
                rhs[zi_tile_index(row, c, N_COND)] = r[c];
            }
        }
        failed[row] = f;
        unknown[row] = u;
        verdict[row] = holds[C_WBBM] ? 0 : holds[C_WBK] ? 1 : 2;
    }
}

static void score_batch(uint64_t n, const uint8_t *codes, const double *numbers, double *out,
                        int32_t *verdict, uint64_t *failed, uint64_t *unknown)
{
    score(n, codes, numbers, out, verdict, failed, unknown, 0, 0);
}

static void explain_batch(uint64_t n, const uint8_t *codes, const double *numbers, double *out,
                          int32_t *verdict, uint64_t *failed, uint64_t *unknown, double *lhs, double *rhs)
{
    score(n, codes, numbers, out, verdict, failed, unknown, lhs, rhs);
}

const struct zi_module zi_scoring_module = {
    ZI_MODULE_MAGIC,
    ZI_MODULE_ABI_VERSION,
    sizeof(struct zi_module),
    0,
    ZI_FIXTURE_CHECKSUM,
    "facts_fixture",
    "Fixture with facts",
    "Fixture regulation with prerequisites",
    "facts.zi",
    "1111111111111111111111111111111111111111111111111111111111111111",
    "zic 0.1.0 (hand-written fixture)",
    N_IN,
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
    3,
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
