#!/usr/bin/env python3
"""lke_reference.py — an independent reference calculator for the LKE Zona Integritas of PermenPANRB 90/2021.

Written from the domain facts (shared/domain/lke-zi-2021.md), NOT from criteria/lke-zi-2021.zi, so that it can
cross-check the numbers zic produces. Python 3 standard library only.

The worksheet, as embedded below:
  * Total 100 = Pengungkit 60 (Pemenuhan 30 + Reform 30; six areas 4 / 3.5 / 5 / 5 / 7.5 / 5 in each category)
    + Hasil 40 (B.I 22.5 = IPAK 17.5 + capaian kinerja 5; B.II 17.5 = IPKP).
  * Sub-area score = sub-area weight x mean of its questions' values; area = sum of its sub-areas; category =
    sum of its areas; Pengungkit = Pemenuhan + Reform; Total = Pengungkit + Hasil. "area.<id>" is an area over
    both categories (Pemenuhan + Reform, weight 8 / 7 / 10 / 10 / 15 / 10).
  * Scales: ya_tidak Ya 1 Tidak 0; abc 1 / 0.5 / 0; abcd 1 / 0.67 / 0.33 / 0; abcde 1 / 0.75 / 0.5 / 0.25 / 0.
  * The eight percent items of Reform are ratios of counts, capped to [0, 1], with their zero-denominator rules;
    a numerator larger than allowed is a data error (verdict ERROR), except A.II.1.i.a and A.II.5.ii.a (cap at 1)
    and A.II.3.iii.a (more violations this year than last scores 0).
  * IPAK (B.I.a) and IPKP (B.II.a) are survey indices in [0, 4]; score = index / 4 x 17.5.
  * Missing answers (empty cell, spaces, "-", NA, N/A) score 0; a percent item with any count missing scores 0,
    and its numerator <= denominator rule is not checked.
  * Verdict: the first of WBBM, WBK whose conditions all hold, else BELUM (thresholds in THRESHOLDS below).

Input (detected from the content):
  * wide CSV: first column `unit`, then one column per input key (item code; a count is `CODE.name`, e.g.
    `A.II.1.i.a.perubahan`); separator `,` or `;`; an optional UTF-8 BOM; CRLF or LF;
  * long CSV: header `unit,item,answer` (or with `;`), one answer per row, in any order;
  * JSON: {"units": [{"id": "...", "answers": {"A.I.1.i.a": "Ya", ..., "B.I.a": 3.7}}]}.
  Scale answers are labels compared case-insensitively with spaces trimmed and collapsed; numbers may use a
  decimal point or a decimal comma (when both appear, the last one is the decimal separator).

Output: CSV `unit,total,verdict,pengungkit,pemenuhan,reform,hasil,area.<id>...` on standard output.
  * default: IEEE doubles, computed in the order the worksheet states (sub-area = weight * (sum / n), sums left to
    right), printed with repr() (shortest round-trip form); comparisons with the tolerance 1e-9 of
    docs/language.md, which only absorbs floating-point noise;
  * --decimal: exact rational arithmetic (fractions.Fraction; 0.67 is Fraction('0.67')), exact comparisons;
    values printed as repr(float(value)), i.e. the double nearest to the exact value (--fractions prints p/q).
  A unit that breaks a data rule (or has an unreadable cell) gets verdict ERROR with empty scores; the reason
  goes to standard error and the exit status is 1.

Other options: --explain (failed predicate conditions per unit, to stderr), --subareas and --items (extra
columns keyed by worksheet code), --keys (print the input keys in worksheet order), --self-test.
"""

import argparse
import csv
import io
import json
import re
import signal
import sys
from fractions import Fraction

# ---------------------------------------------------------------------------------------------------------------
# The worksheet (from shared/domain/lke-zi-2021.md)
# ---------------------------------------------------------------------------------------------------------------

SCALES = {
    "ya_tidak": {"ya": "1", "tidak": "0"},
    "abc": {"a": "1", "b": "0.5", "c": "0"},
    "abcd": {"a": "1", "b": "0.67", "c": "0.33", "d": "0"},  # the worksheet's 0.67 / 0.33, not 2/3, 1/3
    "abcde": {"a": "1", "b": "0.75", "c": "0.5", "d": "0.25", "e": "0"},
}

# Sub-area code, sub-area weight, then each question's letter and answer type ("percent" = computed from counts).
SUBAREAS = """
A.I.1.i      0.5   a:ya_tidak b:abc
A.I.1.ii     1     a:ya_tidak b:abc c:abc
A.I.1.iii    1     a:abcd b:abcd c:abcd
A.I.1.iv     1.5   a:ya_tidak b:abc c:abc d:abcd
A.I.2.i      1     a:abcd b:abcde c:abcde
A.I.2.ii     2     a:abc b:abc c:abc d:abc
A.I.2.iii    0.5   a:abc b:abc
A.I.3.i      0.25  a:ya_tidak b:abcd c:ya_tidak
A.I.3.ii     0.5   a:ya_tidak b:abcde c:ya_tidak
A.I.3.iii    1.25  a:ya_tidak b:abcd c:abcd d:abcd e:abcd f:abc
A.I.3.iv     2     a:abcd b:abcd c:abcde d:ya_tidak
A.I.3.v      0.75  a:abcd
A.I.3.vi     0.25  a:abc
A.I.4.i      2.5   a:abc b:abc c:abcd
A.I.4.ii     2.5   a:ya_tidak b:ya_tidak c:ya_tidak d:abcd e:ya_tidak f:abc g:ya_tidak h:abc
A.I.5.i      1.5   a:abc b:abcd
A.I.5.ii     1.5   a:abcde b:abcde c:abc d:abc
A.I.5.iii    1.5   a:abc b:ya_tidak c:abc d:abc
A.I.5.iv     1.5   a:abc b:abc c:abc
A.I.5.v      1.5   a:abcd b:abcd c:abcd d:abc e:abc
A.I.6.i      1     a:abcde b:abcd c:abcd d:ya_tidak
A.I.6.ii     1     a:abcde b:abcd c:abcd d:abcd e:abcd f:abcde
A.I.6.iii    1     a:abcde b:abc c:abc
A.I.6.iv     1     a:abcde b:abc c:abcd
A.I.6.v      1     a:abcd b:ya_tidak c:abc
A.II.1.i     2     a:percent b:percent
A.II.1.ii    1     a:abcde
A.II.1.iii   1     a:abcd
A.II.2.i     0.5   a:abcd
A.II.2.ii    1     a:abc b:abc
A.II.2.iii   2     a:abcde b:abcde c:abcde
A.II.3.i     1.5   a:abc
A.II.3.ii    1.5   a:abc
A.II.3.iii   2     a:percent
A.II.4.i     2     a:percent
A.II.4.ii    1.5   a:abcd
A.II.4.iii   1.5   a:abcd
A.II.5.i     2.5   a:abcde
A.II.5.ii    3     a:percent
A.II.5.iii   2     a:percent b:percent
A.II.6.i     2.5   a:abcd b:percent
A.II.6.ii    2.5   a:abcd
"""

# Area number -> (identifier, title, weight in each category).
AREAS = {
    1: ("manajemen_perubahan", "Manajemen Perubahan", "4"),
    2: ("tatalaksana", "Penataan Tatalaksana", "3.5"),
    3: ("sdm", "Penataan Sistem Manajemen SDM Aparatur", "5"),
    4: ("akuntabilitas", "Penguatan Akuntabilitas", "5"),
    5: ("pengawasan", "Penguatan Pengawasan", "7.5"),
    6: ("pelayanan_publik", "Peningkatan Kualitas Pelayanan Publik", "5"),
}
CATEGORIES = {"I": ("pemenuhan", "30"), "II": ("reform", "30")}
PENGUNGKIT_WEIGHT = "60"

# Percent items: (numerator, denominator) input names, the zero-denominator rule, whether numerator > denominator
# is a data error. The zero rule "lalu_ini" is A.II.3.iii.a's: 1 if this year is also 0, else 0.
# Ratio = clamp(numerator / denominator, 0, 1); for A.II.3.iii.a the numerator is tahun_lalu - tahun_ini.
PERCENT = {
    "A.II.1.i.a": (("perubahan", "agen"), "0", False),
    "A.II.1.i.b": (("terintegrasi", "perubahan"), "0", True),
    "A.II.3.iii.a": (("tahun_lalu", "tahun_ini"), "lalu_ini", False),
    "A.II.4.i.a": (("tercapai", "sasaran"), "0", True),
    "A.II.5.ii.a": (("selesai", "masuk"), "1", False),
    "A.II.5.iii.a": (("lapor", "wajib"), "1", True),
    "A.II.5.iii.b": (("lapor", "wajib"), "1", True),
    "A.II.6.i.b": (("dipermudah", "terdata"), "0", True),
}

# Hasil: B.I = IPAK (index 0-4, weight 17.5) + capaian kinerja (abcde, weight 5); B.II = IPKP (index 0-4, 17.5).
HASIL = {
    "B.I.a": ("index", "17.5", "bersih"),
    "B.I.b": ("abcde", "5", "bersih"),
    "B.II.a": ("index", "17.5", "pelayanan"),
}
HASIL_WEIGHTS = {"bersih": "22.5", "pelayanan": "17.5", "hasil": "40"}
INDEX_RANGE = ("0", "4")

# Predicates, tried in order. (what, operator, threshold). "area%" = every area (Pemenuhan + Reform) as a share of
# its weight 8 / 7 / 10 / 10 / 15 / 10.
THRESHOLDS = [
    ("WBBM", "Wilayah Birokrasi Bersih dan Melayani", [
        ("total", "85"),
        ("pengungkit", "48"),
        ("area%", "0.75"),
        ("bersih", "19.5"),
        ("ipak_index", "3.60"),
        ("capaian", "3.75"),
        ("ipkp_index", "3.60"),
    ]),
    ("WBK", "Wilayah Bebas dari Korupsi", [
        ("total", "75"),
        ("pengungkit", "40"),
        ("area%", "0.60"),
        ("bersih", "18.25"),
        ("ipak_index", "3.60"),
        ("capaian", "2.5"),
        ("ipkp_index", "3.20"),
    ]),
]
FALLBACK = ("BELUM", "Belum memenuhi syarat")
EPSILON = 1e-9  # docs/language.md, "Numbers, rounding and thresholds" (float mode only)


def build_table():
    """-> list of sub-areas: dict(code, cat, area, weight, items=[(code, type)])."""
    subs = []
    for line in SUBAREAS.strip().splitlines():
        parts = line.split()
        code, weight, qs = parts[0], parts[1], parts[2:]
        _, cat, area, _ = code.split(".")
        items = []
        for q in qs:
            letter, typ = q.split(":")
            items.append((code + "." + letter, typ))
        subs.append({"code": code, "cat": cat, "area": int(area), "weight": weight, "items": items})
    return subs


SUBS = build_table()


def input_keys():
    """Every data key in worksheet order: item codes, `CODE.name` for the counts of percent items."""
    keys = []
    for s in SUBS:
        for code, typ in s["items"]:
            if typ == "percent":
                keys.extend(code + "." + n for n in PERCENT[code][0])
            else:
                keys.append(code)
    keys.extend(HASIL)
    return keys


# ---------------------------------------------------------------------------------------------------------------
# Arithmetic: IEEE doubles or exact fractions
# ---------------------------------------------------------------------------------------------------------------

class Arith:
    def __init__(self, exact):
        self.exact = exact

    def num(self, text):
        return Fraction(text) if self.exact else float(text)

    def ge(self, a, b):
        return a >= b if self.exact else a - b >= -EPSILON

    def fmt(self, v, fractions=False):
        if self.exact and fractions:
            return str(v)
        return repr(float(v))

    def clamp01(self, v):
        zero, one = self.num("0"), self.num("1")
        return zero if v < zero else one if v > one else v

    def ratio(self, n, d, z):
        if d == 0:
            return z
        return self.clamp01(n / d)


class DataError(Exception):
    pass


MISSING_RE = re.compile(r"^\s*(-|na|n/a)?\s*$", re.IGNORECASE)
NUMBER_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")


def is_missing(cell):
    return cell is None or bool(MISSING_RE.match(cell))


def normalize_number(text):
    """'3,65' -> '3.65', '1.234,5' -> '1234.5', '+ 12' -> '12'; raises DataError."""
    t = text.strip()
    if t.startswith("+"):
        t = t[1:].strip()
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        if t.count(",") > 1:
            raise DataError("not a number: %r" % text)
        t = t.replace(",", ".")
    if not NUMBER_RE.match(t):
        raise DataError("not a number: %r" % text)
    return t


def norm_label(text):
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------------------------

def score_unit(answers, ar):
    """answers: key -> cell text (str) or None. Returns a dict of results; raises DataError."""
    n0, n1 = ar.num("0"), ar.num("1")
    errors = []

    def scale_value(key, scale):
        cell = answers.get(key)
        if is_missing(cell):
            return None
        lab = norm_label(cell)
        if lab not in SCALES[scale]:
            labels = "/".join(k.upper() if len(k) == 1 else k.capitalize() for k in SCALES[scale])
            errors.append("%s: %r is not one of %s" % (key, cell, labels))
            return None
        return ar.num(SCALES[scale][lab])

    def number(key, lo, hi, whole=False):
        cell = answers.get(key)
        if is_missing(cell):
            return None
        try:
            t = normalize_number(cell)
        except DataError as e:
            errors.append("%s: %s" % (key, e))
            return None
        v = ar.num(t)
        if whole and Fraction(t).denominator != 1:
            errors.append("%s: %r is not a whole number" % (key, cell))
            return None
        if v < ar.num(lo) or (hi is not None and v > ar.num(hi)):
            errors.append("%s: %r is outside [%s, %s]" % (key, cell, lo, hi if hi is not None else "inf"))
            return None
        return v

    item_value = {}   # code -> normalised value in [0, 1] (0 when missing)
    missing = []
    for s in SUBS:
        for code, typ in s["items"]:
            if typ != "percent":
                v = scale_value(code, typ)
            else:
                (a, b), zero_rule, strict = PERCENT[code]
                na = number(code + "." + a, "0", None, whole=True)
                nb = number(code + "." + b, "0", None, whole=True)
                # data rule: the numerator must not exceed the denominator; like zic (docs/language.md,
                # "Missing answers") the rule applies only when both counts are given
                if strict and na is not None and nb is not None and na > nb:
                    errors.append("%s: %s (%s) is larger than %s (%s)" % (code, a, na, b, nb))
                if na is None or nb is None:
                    v = None
                elif code == "A.II.3.iii.a":
                    lalu, ini = na, nb
                    v = ar.ratio(lalu - ini, lalu, n1 if ini == 0 else n0)
                else:
                    v = ar.ratio(na, nb, ar.num(zero_rule))
            if v is None:
                missing.append(code)
                v = n0
            item_value[code] = v

    ipak = number("B.I.a", *INDEX_RANGE)
    capaian = scale_value("B.I.b", "abcde")
    ipkp = number("B.II.a", *INDEX_RANGE)
    for code, v in (("B.I.a", ipak), ("B.I.b", capaian), ("B.II.a", ipkp)):
        if v is None:
            missing.append(code)
    if errors:
        raise DataError("; ".join(errors))

    sub_score = {}
    area_score = {}  # (cat, area) -> points
    for s in SUBS:
        vals = [item_value[c] for c, _ in s["items"]]
        acc = vals[0]
        for v in vals[1:]:
            acc = acc + v
        sub_score[s["code"]] = ar.num(s["weight"]) * (acc / len(vals))
    for cat in CATEGORIES:
        for a in AREAS:
            acc = None
            for s in SUBS:
                if s["cat"] == cat and s["area"] == a:
                    acc = sub_score[s["code"]] if acc is None else acc + sub_score[s["code"]]
            area_score[(cat, a)] = acc
    cat_score = {}
    for cat in CATEGORIES:
        acc = area_score[(cat, 1)]
        for a in range(2, 7):
            acc = acc + area_score[(cat, a)]
        cat_score[cat] = acc
    pengungkit = cat_score["I"] + cat_score["II"]

    ipak_v = n0 if ipak is None else ipak
    ipkp_v = n0 if ipkp is None else ipkp
    capaian_v = n0 if capaian is None else capaian
    ipak_pts = ar.num("17.5") * ar.clamp01(ipak_v / ar.num("4"))
    capaian_pts = ar.num("5") * capaian_v
    ipkp_pts = ar.num("17.5") * ar.clamp01(ipkp_v / ar.num("4"))
    bersih = ipak_pts + capaian_pts
    pelayanan = ipkp_pts
    hasil = bersih + pelayanan
    total = pengungkit + hasil

    combined = {}
    for a, (aid, _, w) in AREAS.items():
        combined[aid] = (area_score[("I", a)] + area_score[("II", a)], ar.num(w) + ar.num(w))

    values = {
        "total": total, "pengungkit": pengungkit, "bersih": bersih,
        "ipak_index": ipak_v, "capaian": capaian_pts, "ipkp_index": ipkp_v,
    }
    verdict, failed_by = None, {}
    for vid, _title, conds in THRESHOLDS:
        failed = []
        for what, thr in conds:
            t = ar.num(thr)
            if what == "area%":
                for aid, (pts, w) in combined.items():
                    if not ar.ge(pts, t * w):
                        failed.append("area.%s %s < %s (%s%% of %s)" % (
                            aid, ar.fmt(pts), ar.fmt(t * w), ar.fmt(t * 100), ar.fmt(w)))
            elif not ar.ge(values[what], t):
                failed.append("%s %s < %s" % (what, ar.fmt(values[what]), thr))
        failed_by[vid] = failed
        if not failed and verdict is None:
            verdict = vid
    if verdict is None:
        verdict = FALLBACK[0]

    return {
        "total": total, "verdict": verdict, "pengungkit": pengungkit, "pemenuhan": cat_score["I"],
        "reform": cat_score["II"], "hasil": hasil, "bersih": bersih, "pelayanan": pelayanan,
        "area": {aid: pts for aid, (pts, _) in combined.items()},
        "subareas": sub_score, "items": item_value, "missing": missing, "failed": failed_by,
    }


# ---------------------------------------------------------------------------------------------------------------
# Reading data
# ---------------------------------------------------------------------------------------------------------------

def read_units(path):
    """-> list of (unit id, {key: cell text or None})."""
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8-sig")
    if text.lstrip().startswith("{"):
        doc = json.loads(text, parse_float=str, parse_int=str)
        units = []
        for u in doc["units"]:
            ans = {}
            for k, v in u.get("answers", {}).items():
                if v is None:
                    ans[k] = None
                elif isinstance(v, bool) or not isinstance(v, str):
                    raise SystemExit("%s: unit %s, %s: unsupported JSON value %r" % (path, u.get("id"), k, v))
                else:
                    ans[k] = v
            units.append((str(u["id"]), ans))
        return units
    first = text.splitlines()[0] if text else ""
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    rows = [r for r in rows if any(c.strip() for c in r)]
    header = [h.strip() for h in rows[0]]
    if header[0].lower() != "unit":
        raise SystemExit("%s: the first column must be `unit`" % path)
    known = set(input_keys())
    if [h.lower() for h in header] == ["unit", "item", "answer"]:
        units, index = [], {}
        for n, r in enumerate(rows[1:], start=2):
            r = r + [""] * (3 - len(r))
            uid, key, cell = r[0].strip(), r[1].strip(), r[2]
            if key not in known:
                print("%s:%d: warning: unknown item %r ignored" % (path, n, key), file=sys.stderr)
                continue
            if uid not in index:
                index[uid] = len(units)
                units.append((uid, {}))
            ans = units[index[uid]][1]
            if key in ans:
                raise SystemExit("%s:%d: %s answered twice for unit %s" % (path, n, key, uid))
            ans[key] = cell
        return units
    for h in header[1:]:
        if h not in known:
            print("%s: warning: unknown column %r ignored" % (path, h), file=sys.stderr)
    units = []
    for r in rows[1:]:
        r = r + [""] * (len(header) - len(r))
        units.append((r[0].strip(), {h: c for h, c in zip(header[1:], r[1:]) if h in known}))
    return units


def header_columns(opts):
    cols = ["unit", "total", "verdict", "pengungkit", "pemenuhan", "reform", "hasil"]
    cols += ["area." + aid for aid, _, _ in AREAS.values()]
    if opts.subareas:
        cols += ["bersih", "pelayanan"] + [s["code"] for s in SUBS]
    if opts.items:
        cols += [c for s in SUBS for c, _ in s["items"]]
    return cols


def run(opts):
    ar = Arith(opts.decimal)
    units = read_units(opts.file)
    out = csv.writer(sys.stdout, lineterminator="\n")
    cols = header_columns(opts)
    out.writerow(cols)
    status = 0
    for uid, answers in units:
        try:
            r = score_unit(answers, ar)
        except DataError as e:
            print("%s: ERROR: %s" % (uid, e), file=sys.stderr)
            out.writerow([uid, "", "ERROR"] + [""] * (len(cols) - 3))
            status = 1
            continue
        f = lambda v: ar.fmt(v, opts.fractions)
        row = [uid, f(r["total"]), r["verdict"], f(r["pengungkit"]), f(r["pemenuhan"]), f(r["reform"]),
               f(r["hasil"])]
        row += [f(r["area"][aid]) for aid, _, _ in AREAS.values()]
        if opts.subareas:
            row += [f(r["bersih"]), f(r["pelayanan"])] + [f(r["subareas"][s["code"]]) for s in SUBS]
        if opts.items:
            row += [f(r["items"][c]) for s in SUBS for c, _ in s["items"]]
        out.writerow(row)
        if opts.explain:
            print("%s: total %.2f -> %s; missing: %s" % (
                uid, float(r["total"]), r["verdict"], ", ".join(r["missing"]) or "none"), file=sys.stderr)
            for vid, failed in r["failed"].items():
                print("  %s: %s" % (vid, "; ".join(failed) if failed else "all conditions hold"), file=sys.stderr)
    return status


# ---------------------------------------------------------------------------------------------------------------
# Self-test
# ---------------------------------------------------------------------------------------------------------------

def self_test():
    F = Fraction
    # weights
    per_cat = {}
    for s in SUBS:
        per_cat[(s["cat"], s["area"])] = per_cat.get((s["cat"], s["area"]), F(0)) + F(s["weight"])
    for cat in CATEGORIES:
        for a, (_, _, w) in AREAS.items():
            assert per_cat[(cat, a)] == F(w), (cat, a, per_cat[(cat, a)], w)
        assert sum(per_cat[(cat, a)] for a in AREAS) == F(CATEGORIES[cat][1])
    combined = [per_cat[("I", a)] + per_cat[("II", a)] for a in sorted(AREAS)]
    assert combined == [8, 7, 10, 10, 15, 10], combined
    assert sum(F(CATEGORIES[c][1]) for c in CATEGORIES) == F(PENGUNGKIT_WEIGHT) == 60
    assert F(HASIL["B.I.a"][1]) + F(HASIL["B.I.b"][1]) == F(HASIL_WEIGHTS["bersih"]) == F("22.5")
    assert F(HASIL["B.II.a"][1]) == F(HASIL_WEIGHTS["pelayanan"]) == F("17.5")
    assert F(HASIL_WEIGHTS["bersih"]) + F(HASIL_WEIGHTS["pelayanan"]) == F(HASIL_WEIGHTS["hasil"]) == 40
    assert F(PENGUNGKIT_WEIGHT) + F(HASIL_WEIGHTS["hasil"]) == 100
    # counts
    items = [(c, t, s["cat"]) for s in SUBS for c, t in s["items"]]
    assert len(items) == 110, len(items)
    assert sum(1 for _, _, cat in items if cat == "I") == 87
    assert sum(1 for _, _, cat in items if cat == "II") == 23
    assert sorted(c for c, t, _ in items if t == "percent") == sorted(PERCENT)
    assert len(PERCENT) == 8 and len(SUBS) == 42
    assert len(set(c for c, _, _ in items)) == 110
    assert len(input_keys()) == 110 - 8 + 16 + 3
    for s in SUBS:
        for c, t in s["items"]:
            assert t == "percent" or t in SCALES, c
    # scales
    assert [F(v) for v in SCALES["abcd"].values()] == [1, F("0.67"), F("0.33"), 0]
    assert [F(v) for v in SCALES["abcde"].values()] == [1, F("0.75"), F("0.5"), F("0.25"), 0]

    def best():
        ans = {}
        for s in SUBS:
            for c, t in s["items"]:
                if t == "percent":
                    a, b = PERCENT[c][0]
                    ans[c + "." + a], ans[c + "." + b] = "5", "5"
                else:
                    ans[c] = "A" if t != "ya_tidak" else "Ya"
        ans["A.II.3.iii.a.tahun_ini"] = "0"
        ans.update({"B.I.a": "4", "B.I.b": "A", "B.II.a": "4"})
        return ans

    for exact in (False, True):
        ar = Arith(exact)
        r = score_unit(best(), ar)
        assert r["total"] == 100 and r["verdict"] == "WBBM", r["total"]
        r = score_unit({}, ar)
        assert r["total"] == 0 and r["verdict"] == "BELUM" and len(r["missing"]) == 113
        # zero-denominator rules and caps
        def pct(code, a, b):
            ans = best()
            n1, n2 = PERCENT[code][0]
            ans[code + "." + n1], ans[code + "." + n2] = a, b
            return score_unit(ans, ar)["items"][code]
        assert pct("A.II.1.i.a", "7", "5") == 1 and pct("A.II.1.i.a", "0", "0") == 0
        assert pct("A.II.1.i.b", "0", "0") == 0 and pct("A.II.1.i.b", "3", "4") == ar.num("3") / ar.num("4")
        assert pct("A.II.3.iii.a", "0", "0") == 1 and pct("A.II.3.iii.a", "0", "2") == 0
        assert pct("A.II.3.iii.a", "4", "6") == 0 and pct("A.II.3.iii.a", "4", "1") == ar.num("3") / ar.num("4")
        assert pct("A.II.4.i.a", "0", "0") == 0
        assert pct("A.II.5.ii.a", "0", "0") == 1 and pct("A.II.5.ii.a", "9", "8") == 1
        assert pct("A.II.5.iii.a", "0", "0") == 1 and pct("A.II.5.iii.b", "0", "0") == 1
        assert pct("A.II.6.i.b", "0", "0") == 0
        # a percent item with one count missing is missing (scores 0)
        assert pct("A.II.5.ii.a", "", "") == 0
        for code in ("A.II.1.i.b", "A.II.4.i.a", "A.II.5.iii.a", "A.II.5.iii.b", "A.II.6.i.b"):
            try:
                pct(code, "6", "5")
                raise AssertionError("require not enforced for " + code)
            except DataError:
                pass
        for bad in (("A.II.1.i.a.agen", "-1"), ("A.II.1.i.a.agen", "2.5"), ("A.I.1.i.a", "B"),
                    ("B.I.a", "4,01"), ("B.I.a", "tiga")):
            ans = best()
            ans[bad[0]] = bad[1]
            try:
                score_unit(ans, ar)
                raise AssertionError("accepted bad data %r" % (bad,))
            except DataError:
                pass
        # messy answers
        ans = best()
        ans.update({"A.I.1.i.a": "  yA ", "A.I.1.i.b": "a", "B.I.a": " 4,0 ", "A.II.1.i.a.agen": "5,0"})
        assert score_unit(ans, ar)["total"] == 100
        # thresholds: on the threshold is enough
        ans = best()
        ans["B.II.a"] = "3.20"  # IPKP exactly 80 %: WBK condition holds, WBBM's does not
        r = score_unit(ans, ar)
        assert r["verdict"] == "WBK" and not r["failed"]["WBK"], r["failed"]
        ans["B.II.a"] = "3,19"
        assert score_unit(ans, ar)["verdict"] == "BELUM"
        ans = best()
        ans["B.I.b"] = "B"  # capaian 3.75 exactly: still WBBM
        assert score_unit(ans, ar)["verdict"] == "WBBM"
        ans["B.I.b"] = "C"
        assert score_unit(ans, ar)["verdict"] == "WBK"
        # abcd mean: (1 + 0.67 + 0.33) / 3 x 1 = 2/3 exactly in decimal mode
        ans = best()
        ans.update({"A.I.1.iii.a": "A", "A.I.1.iii.b": "B", "A.I.1.iii.c": "C"})
        v = score_unit(ans, ar)["subareas"]["A.I.1.iii"]
        assert (v == F(2, 3)) if exact else abs(v - 2 / 3) < 1e-15
    assert normalize_number("1.234,5") == "1234.5" and normalize_number("1,234.5") == "1234.5"
    assert normalize_number("+3,41") == "3.41" and is_missing(" n/A ") and is_missing("-") and is_missing("  ")
    print("self-test passed: Pengungkit 60 (Pemenuhan 30 + Reform 30), Hasil 40 (22.5 + 17.5), areas "
          "8/7/10/10/15/10, 110 Pengungkit items (87 + 23, 8 percent), 3 Hasil items")
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description="Reference calculator for LKE Zona Integritas (PermenPANRB 90/2021).")
    p.add_argument("file", nargs="?", help="wide CSV, long CSV or JSON worksheet")
    p.add_argument("--decimal", action="store_true", help="exact arithmetic with fractions.Fraction")
    p.add_argument("--fractions", action="store_true", help="with --decimal: print exact values as p/q")
    p.add_argument("--explain", action="store_true", help="print failed predicate conditions to stderr")
    p.add_argument("--subareas", action="store_true", help="add B.I, B.II and every sub-area's score")
    p.add_argument("--items", action="store_true", help="add every Pengungkit item's normalised value")
    p.add_argument("--keys", action="store_true", help="print the input keys in worksheet order and exit")
    p.add_argument("--self-test", action="store_true", help="check the embedded worksheet and exit")
    opts = p.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    if opts.self_test:
        return self_test()
    if opts.keys:
        print("\n".join(input_keys()))
        return 0
    if not opts.file:
        p.error("a worksheet file is required")
    return run(opts)


if __name__ == "__main__":
    sys.exit(main())
