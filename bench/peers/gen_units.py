#!/usr/bin/env python3
"""gen_units.py — deterministic random LKE worksheets (wide CSV) for the peer benchmark.

    python3 bench/peers/gen_units.py N SEED OUT.csv

Same input format as examples/units-wide.csv: `unit`, then one column per input key of the worksheet (from
scripts/lke_reference.py's tables), answers as the worksheet holds them — scale labels, counts, survey indices
with two decimals — and empty cells for missing answers. The mix follows tests/lke/crosscheck.c, so that every
verdict occurs and many units land on or next to a threshold:

  * six fixed units first: every answer at its best (100, WBBM), every answer missing (0, BELUM), the best with
    IPKP exactly 3.20 (WBK) and 3,19 (BELUM), the best with capaian B (3.75: still WBBM) and C (WBK);
  * a tenth of the rest answer by answer at random (a tenth of the answers missing), the others near-perfect:
    each answer off its best with a probability drawn per unit, a few missing;
  * survey indices often exactly at or next to 3.20 and 3.60; a decimal comma now and then (3,60);
  * counts with zero denominators, capped ratios (more changes than agents, more complaints resolved than
    required, more violations than last year) and percent items with one count missing;
  * missing cells written as "", " ", "-", "NA" or "n/a"; labels now and then in other case or with spaces;
  * about one unit in fifty breaks a `require` rule (zic: ERROR, scores shown, no verdict), and about one in
    seventy has a cell zic cannot read — a label not on its scale, an index outside [0, 4], a count that is
    not a whole number >= 0 (zic: scores withheld, no verdict).

The generator is xorshift64* seeded from SEED, so a given (N, SEED) always gives the same file.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # nothing written outside bench/peers (scripts/__pycache__)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import lke_reference as ref  # noqa: E402

MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed):
        self.x = (seed * 0x9E3779B97F4A7C15 + 1) & MASK or 1

    def next(self):
        x = self.x
        x ^= x >> 12
        x ^= (x << 25) & MASK
        x ^= x >> 27
        self.x = x
        return (x * 0x2545F4914F6CDD1D) & MASK

    def below(self, n):
        return self.next() % n if n else 0

    def uniform(self):
        return (self.next() >> 11) / 9007199254740992.0

    def chance(self, p):
        return self.uniform() < p

    def pick(self, seq):
        return seq[self.below(len(seq))]


# Labels as the worksheet spells them, best first.
LABELS = {"ya_tidak": ["Ya", "Tidak"], "abc": ["A", "B", "C"], "abcd": ["A", "B", "C", "D"],
          "abcde": ["A", "B", "C", "D", "E"]}
NOT_A_LABEL = {"ya_tidak": ["Yaa", "Iya", "B"], "abc": ["D", "E", "Ya"], "abcd": ["E", "F"], "abcde": ["F", "Z"]}
MISSING_SPELLINGS = ["", "", "", "", "", " ", "-", "NA", "n/a"]
STRICT = [c for c, (_, _, strict) in ref.PERCENT.items() if strict]


def columns():
    """(key, kind, detail) in worksheet order: kind scale (detail: scale), count (detail: (item, role)), index."""
    cols = []
    for s in ref.SUBS:
        for code, typ in s["items"]:
            if typ == "percent":
                a, b = ref.PERCENT[code][0]
                cols.append((code + "." + a, "count", (code, 0)))
                cols.append((code + "." + b, "count", (code, 1)))
            else:
                cols.append((code, "scale", typ))
    for code, (typ, _w, _p) in ref.HASIL.items():
        cols.append((code, "index" if typ == "index" else "scale", typ))
    assert [c[0] for c in cols] == ref.input_keys()
    return cols


COLS = columns()


def messy(r, label):
    """A label as people type it now and then: other case, spaces around."""
    k = r.below(4)
    return [label.lower(), label.upper(), " " + label + " ", "  " + label.lower()][k]


def survey(r, good):
    pick = r.below(10)
    if pick < 3:
        v = r.pick([319, 320, 321, 359, 360, 361, 360, 320])
    elif good or pick < 8:
        v = 300 + r.below(101)
    else:
        v = r.below(401)
    text = "%d.%02d" % (v // 100, v % 100)
    return text.replace(".", ",") if r.chance(0.1) else text


def percent_counts(r, code, best):
    """(numerator, denominator) for a percent item; for A.II.3.iii.a (last year, this year)."""
    strict = ref.PERCENT[code][2]
    d = r.below(1001) if r.below(4) == 0 else 1 + r.below(40)
    if r.chance(0.05):
        d = 0
    if code == "A.II.3.iii.a":
        if best:
            return d, 0
        return d, (d + 1 + r.below(5)) if r.chance(0.15) else r.below(d + 1)
    if best:
        return d, d
    if not strict and r.chance(0.15):
        return d + 1 + r.below(20), d  # a cap, not an error
    return r.below(d + 1), d


def best_unit():
    row = {}
    for key, kind, detail in COLS:
        if kind == "scale":
            row[key] = LABELS[detail][0]
        elif kind == "index":
            row[key] = "4"
        else:
            row[key] = "5"
    row["A.II.3.iii.a.tahun_ini"] = "0"
    return row


def random_unit(r):
    style = r.below(20)
    qs = [0.01, 0.03, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35]
    random_style = style < 2
    q = 1.0 if random_style else r.pick(qs)
    missing = 0.1 if style == 0 else (0.01 if r.chance(0.3) else 0.0)
    good_survey = not random_style and r.chance(0.8)
    row = {}
    counts = {}
    for key, kind, detail in COLS:
        if kind == "scale":
            labels = LABELS[detail]
            lab = r.pick(labels) if r.chance(q) else labels[0]
            row[key] = messy(r, lab) if r.chance(0.01) else lab
        elif kind == "index":
            row[key] = survey(r, good_survey)
        else:
            continue
        if r.chance(missing):
            row[key] = r.pick(MISSING_SPELLINGS)
    for code in ref.PERCENT:
        a, b = ref.PERCENT[code][0]
        na, nb = percent_counts(r, code, not r.chance(q))
        ta, tb = str(na), str(nb)
        if r.chance(missing):
            how = r.below(3)  # 0: both missing, 1: the denominator missing, 2: the numerator missing
            if how != 1:
                ta = r.pick(MISSING_SPELLINGS)
            if how != 2:
                tb = r.pick(MISSING_SPELLINGS)
        row[code + "." + a], row[code + "." + b] = ta, tb
        counts[code] = (na, nb)
    if r.chance(0.02):  # break a require rule: numerator above denominator, both given
        code = r.pick(STRICT)
        a, b = ref.PERCENT[code][0]
        nb = counts[code][1]
        row[code + "." + a], row[code + "." + b] = str(nb + 1 + r.below(5)), str(nb)
    if r.chance(0.015):  # a cell zic cannot read: the unit's scores are withheld
        kind = r.below(4)
        if kind == 0:
            key, _, scale = r.pick([c for c in COLS if c[1] == "scale"])
            row[key] = r.pick(NOT_A_LABEL[scale])
        elif kind == 1:
            row[r.pick(["B.I.a", "B.II.a"])] = r.pick(["4.2", "4,01", "5", "-0.5"])
        else:
            key = r.pick([c[0] for c in COLS if c[1] == "count"])
            row[key] = r.pick(["2.5", "-1", "0,5"])
    return row


def main(argv):
    if len(argv) != 4:
        print("usage: gen_units.py N SEED OUT.csv", file=sys.stderr)
        return 2
    n, seed, out = int(argv[1]), int(argv[2]), argv[3]
    r = Rng(seed)
    fixed = []
    fixed.append(best_unit())
    fixed.append({})
    for ipkp in ("3.20", "3,19"):
        u = best_unit()
        u["B.II.a"] = ipkp
        fixed.append(u)
    for cap in ("B", "C"):
        u = best_unit()
        u["B.I.b"] = cap
        fixed.append(u)
    keys = [c[0] for c in COLS]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("unit," + ",".join(keys) + "\n")
        for i in range(n):
            row = fixed[i] if i < len(fixed) else random_unit(r)
            cells = [row.get(k, "") for k in keys]
            for c in cells:
                assert "," not in c or c.count(",") == 1
            # a decimal comma needs quoting in a comma-separated file
            f.write("u%06d," % i + ",".join('"%s"' % c if "," in c else c for c in cells) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
