/* lke_hand.h — a hand-written C scorer of the LKE Zona Integritas (criteria/lke-zi-2021.zi), for the kernel
 * benchmark (bench_kernel.c): what a C programmer would write by hand, for speed, for this one worksheet, to
 * measure zic's generated module against. It is not part of zic and knows nothing of the language: the
 * worksheet's structure, weights, scales and thresholds are written out in lke_hand.c.
 *
 * It reads and writes the batch layout of a module's score_batch (zi/module.h: tiles of ZI_TILE units) and
 * gives the same results: every output but the items, bit for bit (it performs the language's operations in
 * the language's order, docs/language.md §5), the same verdicts and the same failed-condition bits. Compile
 * it with -ffp-contract=off, as the project does, so that no multiply and add are fused. lke_hand_check.c
 * checks it against the module and the interpreter. */
#ifndef LKE_HAND_H
#define LKE_HAND_H

#include <stddef.h>
#include <stdint.h>

#include "zi/module.h"

struct lke_hand;

/* Resolves, from a module's descriptor `d`, where each input and output of the LKE lives (columns, output
 * indices, condition bits, verdict indices), checking on the way that `d` is the worksheet this scorer was
 * written for: same items, scales, weights, groups, thresholds and rules. Returns a scorer the caller frees
 * with lke_hand_free, or NULL with a message in `err` (at most errlen bytes) when `d` is another criteria or
 * memory runs out. The scorer does not keep `d`. */
struct lke_hand *lke_hand_new(const struct zi_module *d, char *err, size_t errlen);
/* Frees `h`; NULL is fine. */
void lke_hand_free(struct lke_hand *h);
/* Scores n units with the contract of a module's score_batch (zi_score_batch_fn): reads codes and numbers in
 * the descriptor's columns, writes every output but the items, verdict and failed for every row (and, as a
 * module may, for the rows of the last tile past n). Pure: no allocation, safe from several threads on
 * disjoint buffers. */
void lke_hand_score(const struct lke_hand *h, uint64_t n, const uint8_t *codes, const double *numbers,
                    double *outputs, int32_t *verdict, uint64_t *failed);

#endif
