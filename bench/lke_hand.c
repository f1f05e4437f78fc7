/* lke_hand.c — the LKE Zona Integritas of PermenPANRB 90/2021 (criteria/lke-zi-2021.zi) scored by hand, in
 * plain C, for the kernel benchmark (lke_hand.h).
 *
 * The worksheet is written out twice, as a C programmer would for one worksheet. As data, for lke_hand_new:
 * every score (the total, the groups, the `area` view) with its weight and parent, every item with its code,
 * scale and group, the Reform items computed from two counts, the predicates with their thresholds;
 * lke_hand_new finds each of them in the module's descriptor (a column per input, an output index per score,
 * a bit per condition) and checks that the descriptor says the same, tree and order included. As code, in
 * score_tile: each sub-area, group and condition is one formula, naming items and scores by their worksheet
 * numbers (A.I.1.i.a is A_I_1_i_a, sub-area A.I.1.i is A_I_1_i).
 *
 * The batch comes in tiles of ZI_TILE units, column-major within a tile (zi/module.h). Each formula is a loop
 * over the rows of a tile that writes one column and reads a few, over a count the compiler knows, so that
 * the compiler vectorises every loop on its own. (zic's module makes one loop of the whole worksheet; GCC 12
 * makes such a loop 64 units wide, for the bytes of the label numbers, and drowns in spills.) A tile is
 * scored whole, past n in the last one, as a module does: the buffers hold whole tiles and those rows mean
 * nothing.
 *
 * The results are the module's bit for bit, because the operations are the language's, in the language's
 * order (docs/language.md §5, compiler/model.c): a sub-area is weight × (sum of its item scores in worksheet
 * order / number of items); a group is the sum of its children left to right; ratio(n, d, z) is z when d is 0
 * (within ε), else n / d clamped to [0, 1]; a >= b holds when a - b >= -ε. Every item of the LKE scores a
 * missing answer 0 (checked), so a unit is withheld only for a broken `require` rule.
 *
 * Written for the vectoriser: quiet comparisons (isless, isgreaterequal) and `&` rather than `&&` where an
 * operand may be a NaN, so that evaluating both sides cannot trap and the compiler may turn branches into
 * selects; scale values computed rather than looked up (see ya_tidak). Compile with -ffp-contract=off, as the
 * project does: a fused multiply-add would round differently from the module. */
#include "lke_hand.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The comparison tolerance of the language (docs/language.md §5). */
#define EPS 1e-9

/* Rows of a tile: every loop of the scorer runs over them. */
#define ROWS ZI_TILE

/* ---- the worksheet ----------------------------------------------------------------------------------- */

/* How an item is answered: on one of the four scales, as two counts (a Reform percentage), or as a survey
 * index on the 0-4 scale (B.I.a IPAK, B.II.a IPKP). */
enum answer { YA_TIDAK, ABC, ABCD, ABCDE, COUNTS, INDEX };

/* The scales' values by label, first label first: what lke_hand_new expects of the descriptor. */
static const double YA_TIDAK_VALUES[] = {1, 0};
static const double ABC_VALUES[] = {1, 0.5, 0};
static const double ABCD_VALUES[] = {1, 0.67, 0.33, 0}; /* the worksheet's two decimals, not 2/3 and 1/3 */
static const double ABCDE_VALUES[] = {1, 0.75, 0.5, 0.25, 0};

static const struct scale_spec {
    const char *id;
    const double *values;
    unsigned n;
} SCALES[] = {
    [YA_TIDAK] = {"ya_tidak", YA_TIDAK_VALUES, 2},
    [ABC] = {"abc", ABC_VALUES, 3},
    [ABCD] = {"abcd", ABCD_VALUES, 4},
    [ABCDE] = {"abcde", ABCDE_VALUES, 5},
};

/* The value of label number c (1 = the first label; 0 = missing, which scores +0), as the scoring loops
 * compute it: with arithmetic the compiler vectorises (GCC turns a chain of `c == 1 ? … : c == 2 ? …` into a
 * table lookup, which it does not). On an evenly spaced scale of n labels, label c is worth n - c steps of
 * 1/(n - 1): an integer (masked to 0 when c is 0) times a power of two, which is exact. lke_hand_new checks
 * every label of every scale against the tables above and the descriptor. Codes never exceed the labels
 * (zi/module.h). */
static inline double ya_tidak(unsigned c)
{
    return c == 1 ? 1.0 : 0.0;
}

static inline double abc(unsigned c)
{
    return (double)((3 - (int)c) & -(int)(c != 0)) * 0.5;
}

static inline double abcd(unsigned c)
{
    double x = c, v = isless(x, 3.5) ? 0.33 : 0.0;
    v = isless(x, 2.5) ? 0.67 : v;
    v = isless(x, 1.5) ? 1.0 : v;
    return isless(x, 0.5) ? 0.0 : v;
}

static inline double abcde(unsigned c)
{
    return (double)((5 - (int)c) & -(int)(c != 0)) * 0.25;
}

static double scale_value(enum answer answer, unsigned c)
{
    switch (answer) {
    case YA_TIDAK:
        return ya_tidak(c);
    case ABC:
        return abc(c);
    case ABCD:
        return abcd(c);
    default:
        return abcde(c);
    }
}

/* Every score the scorer writes, by worksheet number, in the descriptor's order: the total, the groups
 * (A Komponen Pengungkit, its categories A.I Pemenuhan and A.II Reform, their areas and sub-areas; B Komponen
 * Hasil and its two groups), and the six members of the `area` view (Pemenuhan + Reform, area by area). */
enum output {
    TOTAL,
    A,
    A_I,
    A_I_1,
    A_I_1_i,
    A_I_1_ii,
    A_I_1_iii,
    A_I_1_iv,
    A_I_2,
    A_I_2_i,
    A_I_2_ii,
    A_I_2_iii,
    A_I_3,
    A_I_3_i,
    A_I_3_ii,
    A_I_3_iii,
    A_I_3_iv,
    A_I_3_v,
    A_I_3_vi,
    A_I_4,
    A_I_4_i,
    A_I_4_ii,
    A_I_5,
    A_I_5_i,
    A_I_5_ii,
    A_I_5_iii,
    A_I_5_iv,
    A_I_5_v,
    A_I_6,
    A_I_6_i,
    A_I_6_ii,
    A_I_6_iii,
    A_I_6_iv,
    A_I_6_v,
    A_II,
    A_II_1,
    A_II_1_i,
    A_II_1_ii,
    A_II_1_iii,
    A_II_2,
    A_II_2_i,
    A_II_2_ii,
    A_II_2_iii,
    A_II_3,
    A_II_3_i,
    A_II_3_ii,
    A_II_3_iii,
    A_II_4,
    A_II_4_i,
    A_II_4_ii,
    A_II_4_iii,
    A_II_5,
    A_II_5_i,
    A_II_5_ii,
    A_II_5_iii,
    A_II_6,
    A_II_6_i,
    A_II_6_ii,
    B,
    B_I,
    B_II,
    AREA_1,
    AREA_2,
    AREA_3,
    AREA_4,
    AREA_5,
    AREA_6,
    N_OUTPUTS
};

#define NONE (-1) /* no parent: a top-level group, the total, a view's member */

static const struct output_spec {
    const char *path;
    double weight;
    int parent; /* enum output, or NONE */
} OUTPUTS[N_OUTPUTS] = {
    [TOTAL] = {"total", 100, NONE},
    [A] = {"pengungkit", 60, NONE},
    [A_I] = {"pengungkit.pemenuhan", 30, A},
    [A_I_1] = {"pengungkit.pemenuhan.manajemen_perubahan", 4, A_I},
    [A_I_1_i] = {"pengungkit.pemenuhan.manajemen_perubahan.tim_kerja", 0.5, A_I_1},
    [A_I_1_ii] = {"pengungkit.pemenuhan.manajemen_perubahan.rencana", 1, A_I_1},
    [A_I_1_iii] = {"pengungkit.pemenuhan.manajemen_perubahan.monev", 1, A_I_1},
    [A_I_1_iv] = {"pengungkit.pemenuhan.manajemen_perubahan.budaya_kerja", 1.5, A_I_1},
    [A_I_2] = {"pengungkit.pemenuhan.tatalaksana", 3.5, A_I},
    [A_I_2_i] = {"pengungkit.pemenuhan.tatalaksana.sop", 1, A_I_2},
    [A_I_2_ii] = {"pengungkit.pemenuhan.tatalaksana.spbe", 2, A_I_2},
    [A_I_2_iii] = {"pengungkit.pemenuhan.tatalaksana.keterbukaan_informasi", 0.5, A_I_2},
    [A_I_3] = {"pengungkit.pemenuhan.sdm", 5, A_I},
    [A_I_3_i] = {"pengungkit.pemenuhan.sdm.kebutuhan_pegawai", 0.25, A_I_3},
    [A_I_3_ii] = {"pengungkit.pemenuhan.sdm.mutasi", 0.5, A_I_3},
    [A_I_3_iii] = {"pengungkit.pemenuhan.sdm.pengembangan_kompetensi", 1.25, A_I_3},
    [A_I_3_iv] = {"pengungkit.pemenuhan.sdm.kinerja_individu", 2, A_I_3},
    [A_I_3_v] = {"pengungkit.pemenuhan.sdm.disiplin", 0.75, A_I_3},
    [A_I_3_vi] = {"pengungkit.pemenuhan.sdm.sistem_informasi", 0.25, A_I_3},
    [A_I_4] = {"pengungkit.pemenuhan.akuntabilitas", 5, A_I},
    [A_I_4_i] = {"pengungkit.pemenuhan.akuntabilitas.keterlibatan_pimpinan", 2.5, A_I_4},
    [A_I_4_ii] = {"pengungkit.pemenuhan.akuntabilitas.akuntabilitas_kinerja", 2.5, A_I_4},
    [A_I_5] = {"pengungkit.pemenuhan.pengawasan", 7.5, A_I},
    [A_I_5_i] = {"pengungkit.pemenuhan.pengawasan.gratifikasi", 1.5, A_I_5},
    [A_I_5_ii] = {"pengungkit.pemenuhan.pengawasan.spip", 1.5, A_I_5},
    [A_I_5_iii] = {"pengungkit.pemenuhan.pengawasan.pengaduan_masyarakat", 1.5, A_I_5},
    [A_I_5_iv] = {"pengungkit.pemenuhan.pengawasan.wbs", 1.5, A_I_5},
    [A_I_5_v] = {"pengungkit.pemenuhan.pengawasan.benturan_kepentingan", 1.5, A_I_5},
    [A_I_6] = {"pengungkit.pemenuhan.pelayanan_publik", 5, A_I},
    [A_I_6_i] = {"pengungkit.pemenuhan.pelayanan_publik.standar_pelayanan", 1, A_I_6},
    [A_I_6_ii] = {"pengungkit.pemenuhan.pelayanan_publik.budaya_pelayanan", 1, A_I_6},
    [A_I_6_iii] = {"pengungkit.pemenuhan.pelayanan_publik.pengaduan", 1, A_I_6},
    [A_I_6_iv] = {"pengungkit.pemenuhan.pelayanan_publik.kepuasan", 1, A_I_6},
    [A_I_6_v] = {"pengungkit.pemenuhan.pelayanan_publik.teknologi_informasi", 1, A_I_6},
    [A_II] = {"pengungkit.reform", 30, A},
    [A_II_1] = {"pengungkit.reform.manajemen_perubahan", 4, A_II},
    [A_II_1_i] = {"pengungkit.reform.manajemen_perubahan.komitmen_perubahan", 2, A_II_1},
    [A_II_1_ii] = {"pengungkit.reform.manajemen_perubahan.komitmen_pimpinan", 1, A_II_1},
    [A_II_1_iii] = {"pengungkit.reform.manajemen_perubahan.budaya_kerja", 1, A_II_1},
    [A_II_2] = {"pengungkit.reform.tatalaksana", 3.5, A_II},
    [A_II_2_i] = {"pengungkit.reform.tatalaksana.proses_bisnis", 0.5, A_II_2},
    [A_II_2_ii] = {"pengungkit.reform.tatalaksana.spbe_terintegrasi", 1, A_II_2},
    [A_II_2_iii] = {"pengungkit.reform.tatalaksana.transformasi_digital", 2, A_II_2},
    [A_II_3] = {"pengungkit.reform.sdm", 5, A_II},
    [A_II_3_i] = {"pengungkit.reform.sdm.kinerja_individu", 1.5, A_II_3},
    [A_II_3_ii] = {"pengungkit.reform.sdm.assessment", 1.5, A_II_3},
    [A_II_3_iii] = {"pengungkit.reform.sdm.pelanggaran_disiplin", 2, A_II_3},
    [A_II_4] = {"pengungkit.reform.akuntabilitas", 5, A_II},
    [A_II_4_i] = {"pengungkit.reform.akuntabilitas.capaian_kinerja", 2, A_II_4},
    [A_II_4_ii] = {"pengungkit.reform.akuntabilitas.reward_punishment", 1.5, A_II_4},
    [A_II_4_iii] = {"pengungkit.reform.akuntabilitas.kerangka_logis", 1.5, A_II_4},
    [A_II_5] = {"pengungkit.reform.pengawasan", 7.5, A_II},
    [A_II_5_i] = {"pengungkit.reform.pengawasan.pengendalian", 2.5, A_II_5},
    [A_II_5_ii] = {"pengungkit.reform.pengawasan.pengaduan_masyarakat", 3, A_II_5},
    [A_II_5_iii] = {"pengungkit.reform.pengawasan.lhk", 2, A_II_5},
    [A_II_6] = {"pengungkit.reform.pelayanan_publik", 5, A_II},
    [A_II_6_i] = {"pengungkit.reform.pelayanan_publik.inovasi", 2.5, A_II_6},
    [A_II_6_ii] = {"pengungkit.reform.pelayanan_publik.pengaduan", 2.5, A_II_6},
    [B] = {"hasil", 40, NONE},
    [B_I] = {"hasil.bersih", 22.5, B},
    [B_II] = {"hasil.pelayanan", 17.5, B},
    [AREA_1] = {"area.manajemen_perubahan", 8, NONE},
    [AREA_2] = {"area.tatalaksana", 7, NONE},
    [AREA_3] = {"area.sdm", 10, NONE},
    [AREA_4] = {"area.akuntabilitas", 10, NONE},
    [AREA_5] = {"area.pengawasan", 15, NONE},
    [AREA_6] = {"area.pelayanan_publik", 10, NONE},
};

static inline double weight(enum output o)
{
    return OUTPUTS[o].weight;
}

/* Every item, by worksheet number, in worksheet order (the descriptor's): its code, how it is answered, the
 * group it belongs to. A scale question's data key is its code; a count item's, CODE.NAME (COUNT_ITEMS). */
enum item {
    A_I_1_i_a,
    A_I_1_i_b,
    A_I_1_ii_a,
    A_I_1_ii_b,
    A_I_1_ii_c,
    A_I_1_iii_a,
    A_I_1_iii_b,
    A_I_1_iii_c,
    A_I_1_iv_a,
    A_I_1_iv_b,
    A_I_1_iv_c,
    A_I_1_iv_d,
    A_I_2_i_a,
    A_I_2_i_b,
    A_I_2_i_c,
    A_I_2_ii_a,
    A_I_2_ii_b,
    A_I_2_ii_c,
    A_I_2_ii_d,
    A_I_2_iii_a,
    A_I_2_iii_b,
    A_I_3_i_a,
    A_I_3_i_b,
    A_I_3_i_c,
    A_I_3_ii_a,
    A_I_3_ii_b,
    A_I_3_ii_c,
    A_I_3_iii_a,
    A_I_3_iii_b,
    A_I_3_iii_c,
    A_I_3_iii_d,
    A_I_3_iii_e,
    A_I_3_iii_f,
    A_I_3_iv_a,
    A_I_3_iv_b,
    A_I_3_iv_c,
    A_I_3_iv_d,
    A_I_3_v_a,
    A_I_3_vi_a,
    A_I_4_i_a,
    A_I_4_i_b,
    A_I_4_i_c,
    A_I_4_ii_a,
    A_I_4_ii_b,
    A_I_4_ii_c,
    A_I_4_ii_d,
    A_I_4_ii_e,
    A_I_4_ii_f,
    A_I_4_ii_g,
    A_I_4_ii_h,
    A_I_5_i_a,
    A_I_5_i_b,
    A_I_5_ii_a,
    A_I_5_ii_b,
    A_I_5_ii_c,
    A_I_5_ii_d,
    A_I_5_iii_a,
    A_I_5_iii_b,
    A_I_5_iii_c,
    A_I_5_iii_d,
    A_I_5_iv_a,
    A_I_5_iv_b,
    A_I_5_iv_c,
    A_I_5_v_a,
    A_I_5_v_b,
    A_I_5_v_c,
    A_I_5_v_d,
    A_I_5_v_e,
    A_I_6_i_a,
    A_I_6_i_b,
    A_I_6_i_c,
    A_I_6_i_d,
    A_I_6_ii_a,
    A_I_6_ii_b,
    A_I_6_ii_c,
    A_I_6_ii_d,
    A_I_6_ii_e,
    A_I_6_ii_f,
    A_I_6_iii_a,
    A_I_6_iii_b,
    A_I_6_iii_c,
    A_I_6_iv_a,
    A_I_6_iv_b,
    A_I_6_iv_c,
    A_I_6_v_a,
    A_I_6_v_b,
    A_I_6_v_c,
    A_II_1_i_a,
    A_II_1_i_b,
    A_II_1_ii_a,
    A_II_1_iii_a,
    A_II_2_i_a,
    A_II_2_ii_a,
    A_II_2_ii_b,
    A_II_2_iii_a,
    A_II_2_iii_b,
    A_II_2_iii_c,
    A_II_3_i_a,
    A_II_3_ii_a,
    A_II_3_iii_a,
    A_II_4_i_a,
    A_II_4_ii_a,
    A_II_4_iii_a,
    A_II_5_i_a,
    A_II_5_ii_a,
    A_II_5_iii_a,
    A_II_5_iii_b,
    A_II_6_i_a,
    A_II_6_i_b,
    A_II_6_ii_a,
    B_I_a,
    B_I_b,
    B_II_a,
    N_ITEMS
};

static const struct item_spec {
    const char *code;
    enum answer answer;
    enum output group;
} ITEMS[N_ITEMS] = {
    [A_I_1_i_a] = {"A.I.1.i.a", YA_TIDAK, A_I_1_i},
    [A_I_1_i_b] = {"A.I.1.i.b", ABC, A_I_1_i},
    [A_I_1_ii_a] = {"A.I.1.ii.a", YA_TIDAK, A_I_1_ii},
    [A_I_1_ii_b] = {"A.I.1.ii.b", ABC, A_I_1_ii},
    [A_I_1_ii_c] = {"A.I.1.ii.c", ABC, A_I_1_ii},
    [A_I_1_iii_a] = {"A.I.1.iii.a", ABCD, A_I_1_iii},
    [A_I_1_iii_b] = {"A.I.1.iii.b", ABCD, A_I_1_iii},
    [A_I_1_iii_c] = {"A.I.1.iii.c", ABCD, A_I_1_iii},
    [A_I_1_iv_a] = {"A.I.1.iv.a", YA_TIDAK, A_I_1_iv},
    [A_I_1_iv_b] = {"A.I.1.iv.b", ABC, A_I_1_iv},
    [A_I_1_iv_c] = {"A.I.1.iv.c", ABC, A_I_1_iv},
    [A_I_1_iv_d] = {"A.I.1.iv.d", ABCD, A_I_1_iv},
    [A_I_2_i_a] = {"A.I.2.i.a", ABCD, A_I_2_i},
    [A_I_2_i_b] = {"A.I.2.i.b", ABCDE, A_I_2_i},
    [A_I_2_i_c] = {"A.I.2.i.c", ABCDE, A_I_2_i},
    [A_I_2_ii_a] = {"A.I.2.ii.a", ABC, A_I_2_ii},
    [A_I_2_ii_b] = {"A.I.2.ii.b", ABC, A_I_2_ii},
    [A_I_2_ii_c] = {"A.I.2.ii.c", ABC, A_I_2_ii},
    [A_I_2_ii_d] = {"A.I.2.ii.d", ABC, A_I_2_ii},
    [A_I_2_iii_a] = {"A.I.2.iii.a", ABC, A_I_2_iii},
    [A_I_2_iii_b] = {"A.I.2.iii.b", ABC, A_I_2_iii},
    [A_I_3_i_a] = {"A.I.3.i.a", YA_TIDAK, A_I_3_i},
    [A_I_3_i_b] = {"A.I.3.i.b", ABCD, A_I_3_i},
    [A_I_3_i_c] = {"A.I.3.i.c", YA_TIDAK, A_I_3_i},
    [A_I_3_ii_a] = {"A.I.3.ii.a", YA_TIDAK, A_I_3_ii},
    [A_I_3_ii_b] = {"A.I.3.ii.b", ABCDE, A_I_3_ii},
    [A_I_3_ii_c] = {"A.I.3.ii.c", YA_TIDAK, A_I_3_ii},
    [A_I_3_iii_a] = {"A.I.3.iii.a", YA_TIDAK, A_I_3_iii},
    [A_I_3_iii_b] = {"A.I.3.iii.b", ABCD, A_I_3_iii},
    [A_I_3_iii_c] = {"A.I.3.iii.c", ABCD, A_I_3_iii},
    [A_I_3_iii_d] = {"A.I.3.iii.d", ABCD, A_I_3_iii},
    [A_I_3_iii_e] = {"A.I.3.iii.e", ABCD, A_I_3_iii},
    [A_I_3_iii_f] = {"A.I.3.iii.f", ABC, A_I_3_iii},
    [A_I_3_iv_a] = {"A.I.3.iv.a", ABCD, A_I_3_iv},
    [A_I_3_iv_b] = {"A.I.3.iv.b", ABCD, A_I_3_iv},
    [A_I_3_iv_c] = {"A.I.3.iv.c", ABCDE, A_I_3_iv},
    [A_I_3_iv_d] = {"A.I.3.iv.d", YA_TIDAK, A_I_3_iv},
    [A_I_3_v_a] = {"A.I.3.v.a", ABCD, A_I_3_v},
    [A_I_3_vi_a] = {"A.I.3.vi.a", ABC, A_I_3_vi},
    [A_I_4_i_a] = {"A.I.4.i.a", ABC, A_I_4_i},
    [A_I_4_i_b] = {"A.I.4.i.b", ABC, A_I_4_i},
    [A_I_4_i_c] = {"A.I.4.i.c", ABCD, A_I_4_i},
    [A_I_4_ii_a] = {"A.I.4.ii.a", YA_TIDAK, A_I_4_ii},
    [A_I_4_ii_b] = {"A.I.4.ii.b", YA_TIDAK, A_I_4_ii},
    [A_I_4_ii_c] = {"A.I.4.ii.c", YA_TIDAK, A_I_4_ii},
    [A_I_4_ii_d] = {"A.I.4.ii.d", ABCD, A_I_4_ii},
    [A_I_4_ii_e] = {"A.I.4.ii.e", YA_TIDAK, A_I_4_ii},
    [A_I_4_ii_f] = {"A.I.4.ii.f", ABC, A_I_4_ii},
    [A_I_4_ii_g] = {"A.I.4.ii.g", YA_TIDAK, A_I_4_ii},
    [A_I_4_ii_h] = {"A.I.4.ii.h", ABC, A_I_4_ii},
    [A_I_5_i_a] = {"A.I.5.i.a", ABC, A_I_5_i},
    [A_I_5_i_b] = {"A.I.5.i.b", ABCD, A_I_5_i},
    [A_I_5_ii_a] = {"A.I.5.ii.a", ABCDE, A_I_5_ii},
    [A_I_5_ii_b] = {"A.I.5.ii.b", ABCDE, A_I_5_ii},
    [A_I_5_ii_c] = {"A.I.5.ii.c", ABC, A_I_5_ii},
    [A_I_5_ii_d] = {"A.I.5.ii.d", ABC, A_I_5_ii},
    [A_I_5_iii_a] = {"A.I.5.iii.a", ABC, A_I_5_iii},
    [A_I_5_iii_b] = {"A.I.5.iii.b", YA_TIDAK, A_I_5_iii},
    [A_I_5_iii_c] = {"A.I.5.iii.c", ABC, A_I_5_iii},
    [A_I_5_iii_d] = {"A.I.5.iii.d", ABC, A_I_5_iii},
    [A_I_5_iv_a] = {"A.I.5.iv.a", ABC, A_I_5_iv},
    [A_I_5_iv_b] = {"A.I.5.iv.b", ABC, A_I_5_iv},
    [A_I_5_iv_c] = {"A.I.5.iv.c", ABC, A_I_5_iv},
    [A_I_5_v_a] = {"A.I.5.v.a", ABCD, A_I_5_v},
    [A_I_5_v_b] = {"A.I.5.v.b", ABCD, A_I_5_v},
    [A_I_5_v_c] = {"A.I.5.v.c", ABCD, A_I_5_v},
    [A_I_5_v_d] = {"A.I.5.v.d", ABC, A_I_5_v},
    [A_I_5_v_e] = {"A.I.5.v.e", ABC, A_I_5_v},
    [A_I_6_i_a] = {"A.I.6.i.a", ABCDE, A_I_6_i},
    [A_I_6_i_b] = {"A.I.6.i.b", ABCD, A_I_6_i},
    [A_I_6_i_c] = {"A.I.6.i.c", ABCD, A_I_6_i},
    [A_I_6_i_d] = {"A.I.6.i.d", YA_TIDAK, A_I_6_i},
    [A_I_6_ii_a] = {"A.I.6.ii.a", ABCDE, A_I_6_ii},
    [A_I_6_ii_b] = {"A.I.6.ii.b", ABCD, A_I_6_ii},
    [A_I_6_ii_c] = {"A.I.6.ii.c", ABCD, A_I_6_ii},
    [A_I_6_ii_d] = {"A.I.6.ii.d", ABCD, A_I_6_ii},
    [A_I_6_ii_e] = {"A.I.6.ii.e", ABCD, A_I_6_ii},
    [A_I_6_ii_f] = {"A.I.6.ii.f", ABCDE, A_I_6_ii},
    [A_I_6_iii_a] = {"A.I.6.iii.a", ABCDE, A_I_6_iii},
    [A_I_6_iii_b] = {"A.I.6.iii.b", ABC, A_I_6_iii},
    [A_I_6_iii_c] = {"A.I.6.iii.c", ABC, A_I_6_iii},
    [A_I_6_iv_a] = {"A.I.6.iv.a", ABCDE, A_I_6_iv},
    [A_I_6_iv_b] = {"A.I.6.iv.b", ABC, A_I_6_iv},
    [A_I_6_iv_c] = {"A.I.6.iv.c", ABCD, A_I_6_iv},
    [A_I_6_v_a] = {"A.I.6.v.a", ABCD, A_I_6_v},
    [A_I_6_v_b] = {"A.I.6.v.b", YA_TIDAK, A_I_6_v},
    [A_I_6_v_c] = {"A.I.6.v.c", ABC, A_I_6_v},
    [A_II_1_i_a] = {"A.II.1.i.a", COUNTS, A_II_1_i},
    [A_II_1_i_b] = {"A.II.1.i.b", COUNTS, A_II_1_i},
    [A_II_1_ii_a] = {"A.II.1.ii.a", ABCDE, A_II_1_ii},
    [A_II_1_iii_a] = {"A.II.1.iii.a", ABCD, A_II_1_iii},
    [A_II_2_i_a] = {"A.II.2.i.a", ABCD, A_II_2_i},
    [A_II_2_ii_a] = {"A.II.2.ii.a", ABC, A_II_2_ii},
    [A_II_2_ii_b] = {"A.II.2.ii.b", ABC, A_II_2_ii},
    [A_II_2_iii_a] = {"A.II.2.iii.a", ABCDE, A_II_2_iii},
    [A_II_2_iii_b] = {"A.II.2.iii.b", ABCDE, A_II_2_iii},
    [A_II_2_iii_c] = {"A.II.2.iii.c", ABCDE, A_II_2_iii},
    [A_II_3_i_a] = {"A.II.3.i.a", ABC, A_II_3_i},
    [A_II_3_ii_a] = {"A.II.3.ii.a", ABC, A_II_3_ii},
    [A_II_3_iii_a] = {"A.II.3.iii.a", COUNTS, A_II_3_iii},
    [A_II_4_i_a] = {"A.II.4.i.a", COUNTS, A_II_4_i},
    [A_II_4_ii_a] = {"A.II.4.ii.a", ABCD, A_II_4_ii},
    [A_II_4_iii_a] = {"A.II.4.iii.a", ABCD, A_II_4_iii},
    [A_II_5_i_a] = {"A.II.5.i.a", ABCDE, A_II_5_i},
    [A_II_5_ii_a] = {"A.II.5.ii.a", COUNTS, A_II_5_ii},
    [A_II_5_iii_a] = {"A.II.5.iii.a", COUNTS, A_II_5_iii},
    [A_II_5_iii_b] = {"A.II.5.iii.b", COUNTS, A_II_5_iii},
    [A_II_6_i_a] = {"A.II.6.i.a", ABCD, A_II_6_i},
    [A_II_6_i_b] = {"A.II.6.i.b", COUNTS, A_II_6_i},
    [A_II_6_ii_a] = {"A.II.6.ii.a", ABCD, A_II_6_ii},
    [B_I_a] = {"B.I.a", INDEX, B_I},
    [B_I_b] = {"B.I.b", ABCDE, B_I},
    [B_II_a] = {"B.II.a", INDEX, B_II},
};

/* What a Reform item computed from two counts x and y (its inputs CODE.X and CODE.Y) scores. */
enum count_rule {
    RATIO_OR_0, /* ratio(x, y, 0): x / y, and 0 when y is 0 */
    RATIO_OR_1, /* ratio(x, y, 1): x / y, and 1 when y is 0 */
    DECREASE,   /* ratio(x - y, x, if y == 0 then 1 else 0): the fall from last year (x) to this year (y) */
};

static const struct count_item_spec {
    enum item item;
    const char *x, *y;
    enum count_rule rule;
    bool x_at_most_y; /* the item's rule `require x <= y` */
} COUNT_ITEMS[] = {
    {A_II_1_i_a, "perubahan", "agen", RATIO_OR_0, false},
    {A_II_1_i_b, "terintegrasi", "perubahan", RATIO_OR_0, true},
    {A_II_3_iii_a, "tahun_lalu", "tahun_ini", DECREASE, false},
    {A_II_4_i_a, "tercapai", "sasaran", RATIO_OR_0, true},
    {A_II_5_ii_a, "selesai", "masuk", RATIO_OR_1, false},
    {A_II_5_iii_a, "lapor", "wajib", RATIO_OR_1, true},
    {A_II_5_iii_b, "lapor", "wajib", RATIO_OR_1, true},
    {A_II_6_i_b, "dipermudah", "terdata", RATIO_OR_0, true},
};

enum { N_COUNT_ITEMS = sizeof COUNT_ITEMS / sizeof COUNT_ITEMS[0] };

/* The points of Komponen Hasil's items (their weights in their groups). */
#define IPAK_WEIGHT 17.5
#define CAPAIAN_WEIGHT 5.0
#define IPKP_WEIGHT 17.5

/* The conditions of a predicate, in the order the criteria state them; each compares with `>=`. */
enum condition {
    C_TOTAL,
    C_PENGUNGKIT,
    C_AREA_1, /* ... C_AREA_1 + 5: each area over both categories, against a share of its weight */
    C_BERSIH = C_AREA_1 + 6,
    C_IPAK,    /* the index answered, not its points */
    C_CAPAIAN, /* B.I.b's points */
    C_IPKP,
    N_CONDITIONS
};

/* What each condition compares, as the descriptor's condition texts name it. */
static const char *const CONDITION_LHS[N_CONDITIONS] = {
    "total",
    "pengungkit",
    "area.manajemen_perubahan",
    "area.tatalaksana",
    "area.sdm",
    "area.akuntabilitas",
    "area.pengawasan",
    "area.pelayanan_publik",
    "hasil.bersih",
    "hasil.bersih.ipak.answer",
    "hasil.bersih.capaian",
    "hasil.pelayanan.ipkp.answer",
};

enum { N_PREDICATES = 2 };

static const struct predicate_spec {
    const char *id;
    double threshold[N_CONDITIONS]; /* an area's: the share of its weight */
} PREDICATES[N_PREDICATES] = {
    {"WBBM", {85, 48, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 19.5, 3.60, 3.75, 3.60}},
    {"WBK", {75, 40, 0.60, 0.60, 0.60, 0.60, 0.60, 0.60, 18.25, 3.60, 2.5, 3.20}},
};

/* ---- the scorer: the worksheet resolved against a descriptor ----------------------------------------- */

struct predicate {
    double threshold[N_CONDITIONS]; /* in the unit of what is compared: points, or an index */
    uint64_t bit[N_CONDITIONS];     /* the condition's bit in the failed word */
    uint64_t mask;                  /* all of them */
};

struct lke_hand {
    uint32_t n_code_columns, n_number_columns, n_outputs; /* of the batch's buffers */
    uint32_t label[N_ITEMS];                              /* a scale question's column in `codes` */
    uint32_t x[N_ITEMS], y[N_ITEMS]; /* a count item's columns in `numbers`; a survey index's in x */
    uint32_t out[N_OUTPUTS];         /* each score's output index */
    struct predicate predicates[N_PREDICATES]; /* in the order they are tried */
    int32_t fallback;                          /* the verdict when no predicate holds */
    struct require {
        enum item item;
        uint64_t bit;
    } requires[N_COUNT_ITEMS];
    unsigned n_requires;
    uint64_t require_mask;
};

/* ---- scoring ----------------------------------------------------------------------------------------- */

/* The language's ratio(n, d, z). Dividing first and choosing after gives the same result as choosing first
 * (the quotient is not used when d is 0) and lets the compiler vectorise. */
static inline double ratio(double n, double d, double z)
{
    double q = n / d;
    q = q > 0 ? q : 0;
    q = q < 1 ? q : 1;
    return ((d <= EPS) & (d >= -EPS)) ? z : q;
}

/* A count item's score from its counts x and y (NaN when missing): 0 when either is missing. The score is in
 * [0, 1] already, so the clamp the language puts around every score expression changes nothing. */
static inline double count_score(double x, double y, enum count_rule rule)
{
    double score;
    switch (rule) {
    case RATIO_OR_0:
        score = ratio(x, y, 0);
        break;
    case RATIO_OR_1:
        score = ratio(x, y, 1);
        break;
    default:
        score = ratio(x - y, x, (islessequal(y, EPS) & isgreaterequal(y, -EPS)) ? 1 : 0);
        break;
    }
    return ((x == x) & (y == y)) ? score : 0;
}

/* A survey index (NaN when missing) to the item's points: weight × clamp(index / 4, 0, 1). */
static inline double survey_points(double index, double weight)
{
    double s = index / 4;
    s = s > 0 ? s : 0;
    s = s < 1 ? s : 1;
    return index == index ? s * weight : 0;
}

/* The bits of the conditions of predicate p that fail. */
static inline uint64_t predicate_failed(const struct predicate *p, const double value[N_CONDITIONS])
{
    uint64_t failed = 0;
    for (int c = 0; c < N_CONDITIONS; c++)
        failed |= isgreaterequal(value[c] - p->threshold[c], -EPS) ? 0 : p->bit[c];
    return failed;
}

/* Scores the ROWS units of one tile; t_* point at the tile in each buffer. */
static void score_tile(const struct lke_hand *h, const uint8_t *t_codes, const double *t_numbers,
                       double *t_outputs, int32_t *verdict, uint64_t *failed)
{
    /* Where each item's answers and each score's values are in this tile. */
    const uint8_t *q[N_ITEMS];             /* a scale question's label numbers */
    const double *x[N_ITEMS], *y[N_ITEMS]; /* a count item's two counts; a survey index */
    double *out[N_OUTPUTS];
    for (int i = 0; i < N_ITEMS; i++) {
        q[i] = t_codes + h->label[i] * ROWS;
        x[i] = t_numbers + h->x[i] * ROWS;
        y[i] = t_numbers + h->y[i] * ROWS;
    }
    for (int o = 0; o < N_OUTPUTS; o++)
        out[o] = t_outputs + h->out[o] * ROWS;

    /* Komponen Pengungkit, sub-area by sub-area: weight × (sum of the item scores / number of items). */
    /* A.I.1.i Penyusunan Tim Kerja (0.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_1_i_a][r]) + abc(q[A_I_1_i_b][r]);
        out[A_I_1_i][r] = weight(A_I_1_i) * (sum / 2);
    }
    /* A.I.1.ii Rencana Pembangunan Zona Integritas (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_1_ii_a][r]) + abc(q[A_I_1_ii_b][r]) + abc(q[A_I_1_ii_c][r]);
        out[A_I_1_ii][r] = weight(A_I_1_ii) * (sum / 3);
    }
    /* A.I.1.iii Pemantauan dan Evaluasi Pembangunan WBK/WBBM (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcd(q[A_I_1_iii_a][r]) + abcd(q[A_I_1_iii_b][r]) + abcd(q[A_I_1_iii_c][r]);
        out[A_I_1_iii][r] = weight(A_I_1_iii) * (sum / 3);
    }
    /* A.I.1.iv Perubahan pola pikir dan budaya kerja (1.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_1_iv_a][r]) + abc(q[A_I_1_iv_b][r]) + abc(q[A_I_1_iv_c][r]) +
                     abcd(q[A_I_1_iv_d][r]);
        out[A_I_1_iv][r] = weight(A_I_1_iv) * (sum / 4);
    }
    /* A.I.2.i Prosedur Operasional Tetap (SOP) Kegiatan Utama (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcd(q[A_I_2_i_a][r]) + abcde(q[A_I_2_i_b][r]) + abcde(q[A_I_2_i_c][r]);
        out[A_I_2_i][r] = weight(A_I_2_i) * (sum / 3);
    }
    /* A.I.2.ii Sistem Pemerintahan Berbasis Elektronik (SPBE) (2) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum =
            abc(q[A_I_2_ii_a][r]) + abc(q[A_I_2_ii_b][r]) + abc(q[A_I_2_ii_c][r]) + abc(q[A_I_2_ii_d][r]);
        out[A_I_2_ii][r] = weight(A_I_2_ii) * (sum / 4);
    }
    /* A.I.2.iii Keterbukaan Informasi Publik (0.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abc(q[A_I_2_iii_a][r]) + abc(q[A_I_2_iii_b][r]);
        out[A_I_2_iii][r] = weight(A_I_2_iii) * (sum / 2);
    }
    /* A.I.3.i Perencanaan Kebutuhan Pegawai sesuai dengan Kebutuhan Organisasi (0.25) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_3_i_a][r]) + abcd(q[A_I_3_i_b][r]) + ya_tidak(q[A_I_3_i_c][r]);
        out[A_I_3_i][r] = weight(A_I_3_i) * (sum / 3);
    }
    /* A.I.3.ii Pola Mutasi Internal (0.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_3_ii_a][r]) + abcde(q[A_I_3_ii_b][r]) + ya_tidak(q[A_I_3_ii_c][r]);
        out[A_I_3_ii][r] = weight(A_I_3_ii) * (sum / 3);
    }
    /* A.I.3.iii Pengembangan Pegawai Berbasis Kompetensi (1.25) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_3_iii_a][r]) + abcd(q[A_I_3_iii_b][r]) + abcd(q[A_I_3_iii_c][r]) +
                     abcd(q[A_I_3_iii_d][r]) + abcd(q[A_I_3_iii_e][r]) + abc(q[A_I_3_iii_f][r]);
        out[A_I_3_iii][r] = weight(A_I_3_iii) * (sum / 6);
    }
    /* A.I.3.iv Penetapan Kinerja Individu (2) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcd(q[A_I_3_iv_a][r]) + abcd(q[A_I_3_iv_b][r]) + abcde(q[A_I_3_iv_c][r]) +
                     ya_tidak(q[A_I_3_iv_d][r]);
        out[A_I_3_iv][r] = weight(A_I_3_iv) * (sum / 4);
    }
    /* A.I.3.v Penegakan Aturan Disiplin/Kode Etik/Kode Perilaku Pegawai (0.75) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_3_v][r] = weight(A_I_3_v) * abcd(q[A_I_3_v_a][r]);
    /* A.I.3.vi Sistem Informasi Kepegawaian (0.25) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_3_vi][r] = weight(A_I_3_vi) * abc(q[A_I_3_vi_a][r]);
    /* A.I.4.i Keterlibatan Pimpinan (2.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abc(q[A_I_4_i_a][r]) + abc(q[A_I_4_i_b][r]) + abcd(q[A_I_4_i_c][r]);
        out[A_I_4_i][r] = weight(A_I_4_i) * (sum / 3);
    }
    /* A.I.4.ii Pengelolaan Akuntabilitas Kinerja (2.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = ya_tidak(q[A_I_4_ii_a][r]) + ya_tidak(q[A_I_4_ii_b][r]) + ya_tidak(q[A_I_4_ii_c][r]) +
                     abcd(q[A_I_4_ii_d][r]) + ya_tidak(q[A_I_4_ii_e][r]) + abc(q[A_I_4_ii_f][r]) +
                     ya_tidak(q[A_I_4_ii_g][r]) + abc(q[A_I_4_ii_h][r]);
        out[A_I_4_ii][r] = weight(A_I_4_ii) * (sum / 8);
    }
    /* A.I.5.i Pengendalian Gratifikasi (1.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abc(q[A_I_5_i_a][r]) + abcd(q[A_I_5_i_b][r]);
        out[A_I_5_i][r] = weight(A_I_5_i) * (sum / 2);
    }
    /* A.I.5.ii Penerapan Sistem Pengendalian Intern Pemerintah (SPIP) (1.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum =
            abcde(q[A_I_5_ii_a][r]) + abcde(q[A_I_5_ii_b][r]) + abc(q[A_I_5_ii_c][r]) + abc(q[A_I_5_ii_d][r]);
        out[A_I_5_ii][r] = weight(A_I_5_ii) * (sum / 4);
    }
    /* A.I.5.iii Pengaduan Masyarakat (1.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abc(q[A_I_5_iii_a][r]) + ya_tidak(q[A_I_5_iii_b][r]) + abc(q[A_I_5_iii_c][r]) +
                     abc(q[A_I_5_iii_d][r]);
        out[A_I_5_iii][r] = weight(A_I_5_iii) * (sum / 4);
    }
    /* A.I.5.iv Whistle-Blowing System (1.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abc(q[A_I_5_iv_a][r]) + abc(q[A_I_5_iv_b][r]) + abc(q[A_I_5_iv_c][r]);
        out[A_I_5_iv][r] = weight(A_I_5_iv) * (sum / 3);
    }
    /* A.I.5.v Penanganan Benturan Kepentingan (1.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcd(q[A_I_5_v_a][r]) + abcd(q[A_I_5_v_b][r]) + abcd(q[A_I_5_v_c][r]) +
                     abc(q[A_I_5_v_d][r]) + abc(q[A_I_5_v_e][r]);
        out[A_I_5_v][r] = weight(A_I_5_v) * (sum / 5);
    }
    /* A.I.6.i Standar Pelayanan (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcde(q[A_I_6_i_a][r]) + abcd(q[A_I_6_i_b][r]) + abcd(q[A_I_6_i_c][r]) +
                     ya_tidak(q[A_I_6_i_d][r]);
        out[A_I_6_i][r] = weight(A_I_6_i) * (sum / 4);
    }
    /* A.I.6.ii Budaya Pelayanan Prima (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcde(q[A_I_6_ii_a][r]) + abcd(q[A_I_6_ii_b][r]) + abcd(q[A_I_6_ii_c][r]) +
                     abcd(q[A_I_6_ii_d][r]) + abcd(q[A_I_6_ii_e][r]) + abcde(q[A_I_6_ii_f][r]);
        out[A_I_6_ii][r] = weight(A_I_6_ii) * (sum / 6);
    }
    /* A.I.6.iii Pengelolaan Pengaduan (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcde(q[A_I_6_iii_a][r]) + abc(q[A_I_6_iii_b][r]) + abc(q[A_I_6_iii_c][r]);
        out[A_I_6_iii][r] = weight(A_I_6_iii) * (sum / 3);
    }
    /* A.I.6.iv Penilaian Kepuasan terhadap Pelayanan (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcde(q[A_I_6_iv_a][r]) + abc(q[A_I_6_iv_b][r]) + abcd(q[A_I_6_iv_c][r]);
        out[A_I_6_iv][r] = weight(A_I_6_iv) * (sum / 3);
    }
    /* A.I.6.v Pemanfaatan Teknologi Informasi (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcd(q[A_I_6_v_a][r]) + ya_tidak(q[A_I_6_v_b][r]) + abc(q[A_I_6_v_c][r]);
        out[A_I_6_v][r] = weight(A_I_6_v) * (sum / 3);
    }
    /* A.II.1.i Komitmen dalam Perubahan (2) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = count_score(x[A_II_1_i_a][r], y[A_II_1_i_a][r], RATIO_OR_0) +
                     count_score(x[A_II_1_i_b][r], y[A_II_1_i_b][r], RATIO_OR_0);
        out[A_II_1_i][r] = weight(A_II_1_i) * (sum / 2);
    }
    /* A.II.1.ii Komitmen Pimpinan (1) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_1_ii][r] = weight(A_II_1_ii) * abcde(q[A_II_1_ii_a][r]);
    /* A.II.1.iii Membangun Budaya Kerja (1) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_1_iii][r] = weight(A_II_1_iii) * abcd(q[A_II_1_iii_a][r]);
    /* A.II.2.i Peta Proses Bisnis Mempengaruhi Penyederhanaan Jabatan (0.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_2_i][r] = weight(A_II_2_i) * abcd(q[A_II_2_i_a][r]);
    /* A.II.2.ii Sistem Pemerintahan Berbasis Elektronik (SPBE) yang Terintegrasi (1) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abc(q[A_II_2_ii_a][r]) + abc(q[A_II_2_ii_b][r]);
        out[A_II_2_ii][r] = weight(A_II_2_ii) * (sum / 2);
    }
    /* A.II.2.iii Transformasi Digital Memberikan Nilai Manfaat (2) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcde(q[A_II_2_iii_a][r]) + abcde(q[A_II_2_iii_b][r]) + abcde(q[A_II_2_iii_c][r]);
        out[A_II_2_iii][r] = weight(A_II_2_iii) * (sum / 3);
    }
    /* A.II.3.i Kinerja Individu (1.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_3_i][r] = weight(A_II_3_i) * abc(q[A_II_3_i_a][r]);
    /* A.II.3.ii Assessment Pegawai (1.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_3_ii][r] = weight(A_II_3_ii) * abc(q[A_II_3_ii_a][r]);
    /* A.II.3.iii Pelanggaran Disiplin Pegawai (2) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_3_iii][r] =
            weight(A_II_3_iii) * count_score(x[A_II_3_iii_a][r], y[A_II_3_iii_a][r], DECREASE);
    /* A.II.4.i Meningkatnya capaian kinerja unit kerja (2) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_4_i][r] = weight(A_II_4_i) * count_score(x[A_II_4_i_a][r], y[A_II_4_i_a][r], RATIO_OR_0);
    /* A.II.4.ii Pemberian Reward and Punishment (1.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_4_ii][r] = weight(A_II_4_ii) * abcd(q[A_II_4_ii_a][r]);
    /* A.II.4.iii Kerangka Logis Kinerja (1.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_4_iii][r] = weight(A_II_4_iii) * abcd(q[A_II_4_iii_a][r]);
    /* A.II.5.i Mekanisme Pengendalian (2.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_5_i][r] = weight(A_II_5_i) * abcde(q[A_II_5_i_a][r]);
    /* A.II.5.ii Penanganan Pengaduan Masyarakat (3) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_5_ii][r] = weight(A_II_5_ii) * count_score(x[A_II_5_ii_a][r], y[A_II_5_ii_a][r], RATIO_OR_1);
    /* A.II.5.iii Penyampaian Laporan Harta Kekayaan (2) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = count_score(x[A_II_5_iii_a][r], y[A_II_5_iii_a][r], RATIO_OR_1) +
                     count_score(x[A_II_5_iii_b][r], y[A_II_5_iii_b][r], RATIO_OR_1);
        out[A_II_5_iii][r] = weight(A_II_5_iii) * (sum / 2);
    }
    /* A.II.6.i Upaya dan/atau Inovasi Pelayanan Publik (2.5) */
    for (unsigned r = 0; r < ROWS; r++) {
        double sum = abcd(q[A_II_6_i_a][r]) + count_score(x[A_II_6_i_b][r], y[A_II_6_i_b][r], RATIO_OR_0);
        out[A_II_6_i][r] = weight(A_II_6_i) * (sum / 2);
    }
    /* A.II.6.ii Penanganan Pengaduan Pelayanan dan Konsultasi (2.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_6_ii][r] = weight(A_II_6_ii) * abcd(q[A_II_6_ii_a][r]);

    /* Komponen Hasil. B.I: IPAK and capaian kinerja (separate statements, so that no compiler fuses a
     * multiply and an add); B.II: IPKP. */
    double capaian[ROWS];
    for (unsigned r = 0; r < ROWS; r++) {
        double ipak = survey_points(x[B_I_a][r], IPAK_WEIGHT);
        capaian[r] = abcde(q[B_I_b][r]) * CAPAIAN_WEIGHT;
        out[B_I][r] = ipak + capaian[r];
        out[B_II][r] = survey_points(x[B_II_a][r], IPKP_WEIGHT);
    }

    /* The groups, bottom up: each the sum of its children, in worksheet order. */
    /* A.I.1 Manajemen Perubahan (4) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_1][r] = out[A_I_1_i][r] + out[A_I_1_ii][r] + out[A_I_1_iii][r] + out[A_I_1_iv][r];
    /* A.I.2 Penataan Tatalaksana (3.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_2][r] = out[A_I_2_i][r] + out[A_I_2_ii][r] + out[A_I_2_iii][r];
    /* A.I.3 Penataan Sistem Manajemen SDM Aparatur (5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_3][r] = out[A_I_3_i][r] + out[A_I_3_ii][r] + out[A_I_3_iii][r] + out[A_I_3_iv][r] +
                        out[A_I_3_v][r] + out[A_I_3_vi][r];
    /* A.I.4 Penguatan Akuntabilitas (5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_4][r] = out[A_I_4_i][r] + out[A_I_4_ii][r];
    /* A.I.5 Penguatan Pengawasan (7.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_5][r] =
            out[A_I_5_i][r] + out[A_I_5_ii][r] + out[A_I_5_iii][r] + out[A_I_5_iv][r] + out[A_I_5_v][r];
    /* A.I.6 Peningkatan Kualitas Pelayanan Publik (5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I_6][r] =
            out[A_I_6_i][r] + out[A_I_6_ii][r] + out[A_I_6_iii][r] + out[A_I_6_iv][r] + out[A_I_6_v][r];
    /* A.II.1 Manajemen Perubahan (4) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_1][r] = out[A_II_1_i][r] + out[A_II_1_ii][r] + out[A_II_1_iii][r];
    /* A.II.2 Penataan Tatalaksana (3.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_2][r] = out[A_II_2_i][r] + out[A_II_2_ii][r] + out[A_II_2_iii][r];
    /* A.II.3 Penataan Sistem Manajemen SDM Aparatur (5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_3][r] = out[A_II_3_i][r] + out[A_II_3_ii][r] + out[A_II_3_iii][r];
    /* A.II.4 Penguatan Akuntabilitas (5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_4][r] = out[A_II_4_i][r] + out[A_II_4_ii][r] + out[A_II_4_iii][r];
    /* A.II.5 Penguatan Pengawasan (7.5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_5][r] = out[A_II_5_i][r] + out[A_II_5_ii][r] + out[A_II_5_iii][r];
    /* A.II.6 Peningkatan Kualitas Pelayanan Publik (5) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II_6][r] = out[A_II_6_i][r] + out[A_II_6_ii][r];
    /* A.I Pemenuhan (30) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_I][r] =
            out[A_I_1][r] + out[A_I_2][r] + out[A_I_3][r] + out[A_I_4][r] + out[A_I_5][r] + out[A_I_6][r];
    /* A.II Reform (30) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A_II][r] = out[A_II_1][r] + out[A_II_2][r] + out[A_II_3][r] + out[A_II_4][r] + out[A_II_5][r] +
                       out[A_II_6][r];
    /* A Komponen Pengungkit (60) */
    for (unsigned r = 0; r < ROWS; r++)
        out[A][r] = out[A_I][r] + out[A_II][r];
    /* B Komponen Hasil (40) */
    for (unsigned r = 0; r < ROWS; r++)
        out[B][r] = out[B_I][r] + out[B_II][r];
    for (unsigned r = 0; r < ROWS; r++)
        out[TOTAL][r] = out[A][r] + out[B][r];

    /* The `area` view: each area over both categories (one loop each: the compiler checks that a loop's
     * columns do not overlap, and gives up on a loop of 18). */
    for (unsigned r = 0; r < ROWS; r++)
        out[AREA_1][r] = out[A_I_1][r] + out[A_II_1][r];
    for (unsigned r = 0; r < ROWS; r++)
        out[AREA_2][r] = out[A_I_2][r] + out[A_II_2][r];
    for (unsigned r = 0; r < ROWS; r++)
        out[AREA_3][r] = out[A_I_3][r] + out[A_II_3][r];
    for (unsigned r = 0; r < ROWS; r++)
        out[AREA_4][r] = out[A_I_4][r] + out[A_II_4][r];
    for (unsigned r = 0; r < ROWS; r++)
        out[AREA_5][r] = out[A_I_5][r] + out[A_II_5][r];
    for (unsigned r = 0; r < ROWS; r++)
        out[AREA_6][r] = out[A_I_6][r] + out[A_II_6][r];

    /* The predicates' conditions, then the require rules: the failed-condition word. */
    struct predicate p0 = h->predicates[0], p1 = h->predicates[1];
    for (unsigned r = 0; r < ROWS; r++) {
        double ipak = x[B_I_a][r], ipkp = x[B_II_a][r];
        double value[N_CONDITIONS] = {
            [C_TOTAL] = out[TOTAL][r],       [C_PENGUNGKIT] = out[A][r],
            [C_AREA_1] = out[AREA_1][r],     [C_AREA_1 + 1] = out[AREA_2][r],
            [C_AREA_1 + 2] = out[AREA_3][r], [C_AREA_1 + 3] = out[AREA_4][r],
            [C_AREA_1 + 4] = out[AREA_5][r], [C_AREA_1 + 5] = out[AREA_6][r],
            [C_BERSIH] = out[B_I][r],        [C_IPAK] = ipak == ipak ? ipak : 0,
            [C_CAPAIAN] = capaian[r],        [C_IPKP] = ipkp == ipkp ? ipkp : 0,
        };
        failed[r] = predicate_failed(&p0, value) | predicate_failed(&p1, value);
    }
    /* require x <= y: broken when both counts are given and x - y > ε. */
    for (unsigned k = 0; k < h->n_requires; k++) {
        const double *rx = x[h->requires[k].item], *ry = y[h->requires[k].item];
        uint64_t bit = h->requires[k].bit;
        for (unsigned r = 0; r < ROWS; r++)
            failed[r] |= ((rx[r] == rx[r]) & (ry[r] == ry[r]) & !islessequal(rx[r] - ry[r], EPS)) ? bit : 0;
    }

    /* The verdict: none when a require rule is broken, else the first predicate that holds, else the
     * fallback. */
    uint64_t requires = h->require_mask, mask0 = p0.mask, mask1 = p1.mask;
    int32_t fallback = h->fallback;
    for (unsigned r = 0; r < ROWS; r++) {
        int32_t v = (failed[r] & mask1) == 0 ? 1 : fallback;
        v = (failed[r] & mask0) == 0 ? 0 : v;
        verdict[r] = failed[r] & requires ? ZI_VERDICT_NONE : v;
    }
}

void lke_hand_score(const struct lke_hand *h, uint64_t n, const uint8_t *codes, const double *numbers,
                    double *outputs, int32_t *verdict, uint64_t *failed)
{
    /* Whole tiles precede `start`: a buffer of k columns holds k * ROWS elements per tile. */
    for (uint64_t start = 0; start < n; start += ROWS)
        score_tile(h, codes + start * h->n_code_columns, numbers + start * h->n_number_columns,
                   outputs + start * h->n_outputs, verdict + start, failed + start);
}

/* ---- resolving the worksheet against a descriptor ---------------------------------------------------- */

struct resolver {
    const struct zi_module *d;
    char *err;
    size_t errlen;
    bool failed;
    unsigned n_inputs; /* of the descriptor's, how many the scorer reads */
};

static void fail(struct resolver *R, const char *fmt, const char *what)
{
    if (!R->failed) snprintf(R->err, R->errlen, fmt, what);
    R->failed = true;
}

/* The input `key` of kind `kind` and item output `item`, scoring a missing answer 0: its index, or -1 (and R
 * failed). */
static int input(struct resolver *R, const char *key, int32_t kind, int32_t item)
{
    for (uint32_t i = 0; i < R->d->n_inputs; i++) {
        const struct zi_input_desc *in = &R->d->inputs[i];
        if (strcmp(in->key, key) != 0) continue;
        if (in->kind != kind || in->item != item || in->missing != ZI_MISSING_ZERO) {
            fail(R, "input '%s' is not the LKE's (kind, item or missing-answer rule)", key);
            return -1;
        }
        R->n_inputs++;
        return (int)i;
    }
    fail(R, "the criteria have no input '%s'", key);
    return -1;
}

/* A scale question's column, after checking its scale's labels have the values this scorer gives them. */
static uint32_t scale_column(struct resolver *R, const struct item_spec *spec, int32_t item)
{
    int i = input(R, spec->code, ZI_INPUT_SCALE, item);
    if (i < 0) return 0;
    const struct zi_input_desc *in = &R->d->inputs[i];
    const struct scale_spec *s = &SCALES[spec->answer];
    bool same = in->scale && strcmp(in->scale, s->id) == 0 && in->n_labels == s->n &&
                scale_value(spec->answer, 0) == 0;
    for (unsigned k = 0; same && k < s->n; k++)
        same = in->labels[k].value == s->values[k] && scale_value(spec->answer, k + 1) == s->values[k];
    if (!same) fail(R, "question '%s' is not answered on the scale the LKE gives it", spec->code);
    return in->column;
}

/* A count item's input CODE.NAME: its column. */
static uint32_t count_column(struct resolver *R, const char *code, const char *name, int32_t item)
{
    char key[128];
    snprintf(key, sizeof key, "%s.%s", code, name);
    int i = input(R, key, ZI_INPUT_COUNT, item);
    return i < 0 ? 0 : R->d->inputs[i].column;
}

/* The scores: each output found by path, of the right kind, weight and parent, in the same order. */
static void resolve_outputs(struct resolver *R, struct lke_hand *h)
{
    const struct zi_module *d = R->d;
    int64_t previous = -1;
    for (int o = 0; o < N_OUTPUTS; o++) {
        const struct output_spec *spec = &OUTPUTS[o];
        int32_t kind = o == TOTAL ? ZI_OUTPUT_TOTAL : o >= AREA_1 ? ZI_OUTPUT_VIEW : ZI_OUTPUT_GROUP;
        int32_t parent = spec->parent == NONE ? -1 : (int32_t)h->out[spec->parent];
        uint32_t k = 0;
        while (k < d->n_outputs && strcmp(d->outputs[k].path, spec->path) != 0)
            k++;
        if (k == d->n_outputs || d->outputs[k].kind != kind || !d->outputs[k].has_weight ||
            d->outputs[k].weight != spec->weight || d->outputs[k].parent != parent ||
            (int64_t)k <= previous) {
            fail(R, "'%s' is not the LKE's (weight, place or order)", spec->path);
            return;
        }
        h->out[o] = k;
        previous = k;
    }
    unsigned scored = 0;
    for (uint32_t k = 0; k < d->n_outputs; k++)
        scored += d->outputs[k].kind != ZI_OUTPUT_ITEM;
    if (scored != N_OUTPUTS) fail(R, "%s", "the criteria have groups, views or lets the LKE does not have");
}

/* The items: each found by code among the item outputs, in its group, in the same order; its inputs. */
static void resolve_items(struct resolver *R, struct lke_hand *h)
{
    const struct zi_module *d = R->d;
    int64_t previous = -1;
    uint32_t item_output[N_ITEMS] = {0};
    unsigned n_items = 0;
    for (uint32_t k = 0; k < d->n_outputs; k++)
        n_items += d->outputs[k].kind == ZI_OUTPUT_ITEM;
    if (n_items != N_ITEMS) {
        fail(R, "%s", "the criteria do not have the LKE's items");
        return;
    }
    for (int i = 0; i < N_ITEMS && !R->failed; i++) {
        const struct item_spec *spec = &ITEMS[i];
        uint32_t k = 0;
        while (k < d->n_outputs && !(d->outputs[k].kind == ZI_OUTPUT_ITEM && d->outputs[k].code &&
                                     strcmp(d->outputs[k].code, spec->code) == 0))
            k++;
        if (k == d->n_outputs || d->outputs[k].parent != (int32_t)h->out[spec->group] ||
            (int64_t)k <= previous) {
            fail(R, "item '%s' is not where the LKE has it", spec->code);
            return;
        }
        previous = k;
        item_output[i] = k;
        switch (spec->answer) {
        case COUNTS:
            for (int c = 0; c < N_COUNT_ITEMS; c++)
                if (COUNT_ITEMS[c].item == (enum item)i) {
                    h->x[i] = count_column(R, spec->code, COUNT_ITEMS[c].x, (int32_t)k);
                    h->y[i] = count_column(R, spec->code, COUNT_ITEMS[c].y, (int32_t)k);
                }
            break;
        case INDEX: {
            int in = input(R, spec->code, ZI_INPUT_NUMBER, (int32_t)k);
            if (in >= 0 && (d->inputs[in].min != 0 || d->inputs[in].max != 4))
                fail(R, "survey index '%s' is not on the 0-4 scale", spec->code);
            h->x[i] = in < 0 ? 0 : d->inputs[in].column;
            break;
        }
        default:
            h->label[i] = scale_column(R, spec, (int32_t)k);
            break;
        }
    }
    /* Komponen Hasil's items count with their points, which score_tile writes out. */
    if (!R->failed && (d->outputs[item_output[B_I_a]].weight != IPAK_WEIGHT ||
                       d->outputs[item_output[B_I_b]].weight != CAPAIAN_WEIGHT ||
                       d->outputs[item_output[B_II_a]].weight != IPKP_WEIGHT))
        fail(R, "%s", "Komponen Hasil's items do not have the LKE's weights");
    if (!R->failed && R->n_inputs != d->n_inputs)
        fail(R, "%s", "the criteria have inputs the LKE does not have");
}

/* Predicate `spec` against verdict `v`: each condition "LHS >= THRESHOLD" matched to one of the scorer's. */
static void resolve_predicate(struct resolver *R, const struct predicate_spec *spec,
                              const struct zi_verdict_desc *v, struct predicate *p)
{
    if (v->n_conditions != N_CONDITIONS || v->first_condition + v->n_conditions > 64) {
        fail(R, "verdict %s does not have the LKE's conditions", spec->id);
        return;
    }
    memset(p, 0, sizeof *p);
    for (uint32_t c = v->first_condition; c < v->first_condition + v->n_conditions; c++) {
        const struct zi_condition_desc *cd = &R->d->conditions[c];
        const char *ge = strstr(cd->text, " >= ");
        int which = -1;
        for (int k = 0; ge && k < N_CONDITIONS; k++)
            if (strlen(CONDITION_LHS[k]) == (size_t)(ge - cd->text) &&
                strncmp(cd->text, CONDITION_LHS[k], (size_t)(ge - cd->text)) == 0)
                which = k;
        if (which < 0 || cd->op != ZI_COND_GE || p->bit[which]) {
            fail(R, "verdict condition '%s' is not one of the LKE's", cd->text);
            return;
        }
        char *end;
        double threshold = strtod(ge + 4, &end);
        bool is_area = which >= C_AREA_1 && which < C_AREA_1 + 6;
        if (is_area && *end == '%') {
            threshold /= 100;
            end++;
        }
        /* An area's threshold in points: the share times the area's weight over both categories, as the
         * language computes it (docs/language.md §4). */
        double area_weight = is_area ? weight(AREA_1 + (which - C_AREA_1)) : 0;
        if (*end != '\0' || threshold != spec->threshold[which] ||
            (is_area && (cd->rhs_percent != threshold || cd->rhs_weight != area_weight))) {
            fail(R, "verdict condition '%s' does not have the LKE's threshold", cd->text);
            return;
        }
        p->threshold[which] = is_area ? threshold * area_weight : threshold;
        p->bit[which] = (uint64_t)1 << c;
        p->mask |= p->bit[which];
    }
}

/* The require rules: for each count item that has one, a condition of no verdict, of that item, "x <= y". */
static void resolve_requires(struct resolver *R, struct lke_hand *h)
{
    const struct zi_module *d = R->d;
    for (int c = 0; c < N_COUNT_ITEMS && !R->failed; c++) {
        const struct count_item_spec *spec = &COUNT_ITEMS[c];
        if (!spec->x_at_most_y) continue;
        char text[128];
        snprintf(text, sizeof text, "%s <= %s", spec->x, spec->y);
        int found = -1;
        for (uint32_t k = 0; k < d->n_conditions; k++) {
            const struct zi_condition_desc *cd = &d->conditions[k];
            if (cd->verdict == -1 && cd->item >= 0 && d->outputs[cd->item].code &&
                strcmp(d->outputs[cd->item].code, ITEMS[spec->item].code) == 0 && cd->op == ZI_COND_BOOL &&
                strcmp(cd->text, text) == 0)
                found = (int)k;
        }
        if (found < 0) {
            fail(R, "item '%s' does not have the LKE's require rule", ITEMS[spec->item].code);
            return;
        }
        h->requires[h->n_requires].item = spec->item;
        h->requires[h->n_requires].bit = (uint64_t)1 << found;
        h->require_mask |= h->requires[h->n_requires++].bit;
    }
}

struct lke_hand *lke_hand_new(const struct zi_module *d, char *err, size_t errlen)
{
    struct lke_hand *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    struct resolver resolver = {.d = d, .err = err, .errlen = errlen}, *R = &resolver;
    if (!d || d->magic != ZI_MODULE_MAGIC || d->abi_version != ZI_MODULE_ABI_VERSION)
        fail(R, "%s", "not a module descriptor of this ABI version");
    else if (d->n_conditions > 64 || d->n_verdicts != N_PREDICATES + 1)
        fail(R, "%s", "the criteria do not have the LKE's verdicts and conditions");
    if (!R->failed) {
        h->n_code_columns = d->n_code_columns;
        h->n_number_columns = d->n_number_columns;
        h->n_outputs = d->n_outputs;
        resolve_outputs(R, h);
    }
    if (!R->failed) resolve_items(R, h);

    /* The predicates in the order the criteria try them (the scoring loop tries verdict 0, then 1), then the
     * fallback. */
    for (int k = 0; k < N_PREDICATES && !R->failed; k++) {
        const struct zi_verdict_desc *v = &d->verdicts[k];
        int which = -1;
        for (int j = 0; j < N_PREDICATES; j++)
            if (strcmp(v->id, PREDICATES[j].id) == 0) which = j;
        if (which < 0 || v->is_fallback)
            fail(R, "verdict '%s' is not one of the LKE's", v->id);
        else
            resolve_predicate(R, &PREDICATES[which], v, &h->predicates[k]);
    }
    if (!R->failed &&
        (!d->verdicts[N_PREDICATES].is_fallback || strcmp(d->verdicts[N_PREDICATES].id, "BELUM") != 0))
        fail(R, "%s", "the criteria's last verdict is not BELUM");
    h->fallback = N_PREDICATES;
    if (!R->failed) resolve_requires(R, h);
    if (!R->failed && N_PREDICATES * N_CONDITIONS + h->n_requires != d->n_conditions)
        fail(R, "%s", "the criteria have conditions the LKE does not have");

    if (R->failed) {
        free(h);
        return NULL;
    }
    return h;
}

void lke_hand_free(struct lke_hand *h)
{
    free(h);
}
