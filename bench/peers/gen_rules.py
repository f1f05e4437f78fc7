#!/usr/bin/env python3
"""gen_rules.py — writes the LKE ZI 2021 rules (PermenPANRB 90/2021) in the formats of three peer engines.

    python3 bench/peers/gen_rules.py            # (re)writes the files below; --check: fail if they would change

The rules come from the tables of scripts/lke_reference.py (imported, not copied: SCALES, SUBS, PERCENT, AREAS,
HASIL, THRESHOLDS), the independent reference calculator. criteria/lke-zi-2021.zi is read only to name zic's
output columns (group paths such as pengungkit.pemenuhan.manajemen_perubahan.tim_kerja) and to check, item by
item, that it states the same structure: the same item codes in the same sub-areas, the same answer types and
the same weights; the generator stops if the two disagree.

Written (all under bench/peers/):
  model.json                       inputs, outputs and their zic columns, shared by the converter and verifier
  zen/lke-zi-2021.jdm.json         GoRules JDM graph: expression nodes (items, sub-areas, areas, totals) and a
                                   decision table (the verdict, hit policy "first")
  jsonlogic/lke-zi-2021.rules.json json-logic: one rule per output, in evaluation order
  clips/lke-zi-2021.clp            CLIPS: templates, table facts, generic item rules, one rule per group

What every encoding computes, per unit (the semantics of zic, docs/language.md §3–§5):
  * scale item: missing -> 0; a label of its scale -> the label's value; any other label -> the unit's data is
    unreadable (WITHHELD: zic prints no scores and no verdict);
  * percent item from counts (a, b): a count that is not a whole number >= 0 -> WITHHELD; either count missing
    -> 0 (and its require rule is not applied); b == 0 -> the item's zero rule; else clamp(a / b, 0, 1);
    A.II.3.iii.a is clamp((a - b) / a, 0, 1), and when a == 0: 1 if b == 0 else 0; a `require a <= b` rule that
    fails -> ERROR (zic shows the scores but gives no verdict);
  * survey index (B.I.a IPAK, B.II.a IPKP): missing -> 0; outside [0, 4] -> WITHHELD; points = clamp(x / 4) x 17.5;
  * sub-area = weight x (sum of its items' values, left to right / their number); an area = the sum of its
    sub-areas; a category the sum of its areas; pengungkit = pemenuhan + reform; B.I bersih = IPAK points +
    capaian (B.I.b value x 5); B.II pelayanan = IPKP points; hasil = bersih + pelayanan; total = pengungkit +
    hasil; area.<id> = the area in Pemenuhan + the same area in Reform;
  * verdict: WITHHELD, else ERROR, else the first of WBBM, WBK whose conditions all hold, else BELUM; a
    condition `x >= t` holds when x - t >= -1e-9 (zic's comparison tolerance, docs/language.md §5), and
    `all area >= p%` is area.<id> >= p x (its weight 8/7/10/10/15/10).
"""

import argparse
import json
import os
import re
import sys
from decimal import Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.dont_write_bytecode = True  # nothing written outside bench/peers (scripts/__pycache__)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import lke_reference as ref  # noqa: E402

CRITERIA = os.path.join(ROOT, "criteria", "lke-zi-2021.zi")
EPSILON = "0.000000001"  # 1e-9, zic's comparison tolerance, written out for every engine

# ---------------------------------------------------------------------------------------------------------------
# The model, from lke_reference's tables
# ---------------------------------------------------------------------------------------------------------------


def nm(code):
    """A worksheet code or input key as an identifier every engine accepts: A.I.1.i.a -> A_I_1_i_a."""
    return code.replace(".", "_")


def num(text):
    """A decimal string as the shortest literal of the same value: '1' -> '1', '0.50' -> '0.5'."""
    d = Decimal(text).normalize()
    s = format(d, "f")
    return s


def parse_zi(path):
    """A small line reader for the layout of criteria/lke-zi-2021.zi (one declaration a line). Returns
      items:   {item code: (group path list, type, declaration line with its strings blanked)}
      weights: {group path tuple: weight text}
      scales:  {scale id: {label (lower case): value text}}
      scores:  {score item code: {"inputs": [names], "require": [rule texts], "expr": score expression}}
      verdicts: [(verdict id, [condition texts])]"""
    items, weights, scales, scores, verdicts = {}, {}, {}, {}, []
    stack = []  # group ids, "verdict", or 1 for any other brace
    score, score_depth = None, 0
    string_re = re.compile(r'"(?:[^"\\]|\\.)*"')
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("//"):
                continue
            strings = string_re.findall(line)
            bare = string_re.sub('""', line).split("//", 1)[0]
            g = re.match(r'\s*group\s+(\w+)\s+(?:""\s+)?weight\s+([\d.]+)', bare)
            q = re.match(r'\s*(question|score)\s+""', bare)
            sc = re.match(r'\s*scale\s+(\w+)', bare)
            v = re.match(r'\s*(verdict|otherwise)\s+(\w+)', bare)
            if sc:
                pairs = re.findall(r'"((?:[^"\\]|\\.)*)"\s*=\s*([\d.]+%?)', line)
                scales[sc.group(1)] = {lab.lower(): val for lab, val in pairs}
            if q:
                typ = "percent" if q.group(1) == "score" else re.search(r":\s*(\w+)", bare).group(1)
                items[strings[0][1:-1]] = ([x for x in stack if isinstance(x, str)], typ, bare)
                if q.group(1) == "score":
                    score, score_depth = strings[0][1:-1], len(stack) + 1
                    scores[score] = {"inputs": [], "require": [], "expr": None}
            elif score is not None:
                m = re.match(r"\s*input\s+(\w+)", bare)
                if m:
                    scores[score]["inputs"].append(m.group(1))
                m = re.match(r"\s*require\s+(.*?)\s*\"\"\s*$", bare)
                if m:
                    scores[score]["require"].append(" ".join(m.group(1).split()))
                m = re.match(r"\s*=\s*(.*?)\s*$", bare)
                if m:
                    scores[score]["expr"] = " ".join(m.group(1).split())
            if v and v.group(1) == "verdict":
                verdicts.append((v.group(2), []))
            elif stack and stack[-1] == "verdict" and bare.strip() not in ("", "}"):
                verdicts[-1][1].append(" ".join(bare.split()))
            for ch in bare:
                if ch == "{":
                    if g:
                        stack.append(g.group(1))
                        weights[tuple(x for x in stack if isinstance(x, str))] = g.group(2)
                        g = None
                    elif v:
                        stack.append("verdict")
                    else:
                        stack.append(1)
                elif ch == "}":
                    stack.pop()
                    if len(stack) < score_depth:
                        score, score_depth = None, 0
    return items, weights, scales, scores, verdicts


def check_zi_rules(zi_scales, zi_scores, zi_verdicts, expect):
    """The scales, the percent items' rules and the verdicts of the .zi against lke_reference's tables."""
    for s, labels in ref.SCALES.items():
        got = zi_scales.get(s, {})
        expect(set(got) == set(labels), "scale %s: labels %s in the .zi, %s in the reference" % (
            s, sorted(got), sorted(labels)))
        for lab, val in labels.items():
            zv = got.get(lab, "")
            zv = Fraction(zv[:-1]) / 100 if zv.endswith("%") else Fraction(zv or "-1")
            expect(zv == Fraction(val), "scale %s, %s: %s in the .zi, %s in the reference" % (s, lab, zv, val))
    for code, ((a, b), zero, strict) in ref.PERCENT.items():
        sc = zi_scores.get(code)
        expect(sc is not None, "%s: not a score item in the .zi" % code)
        if sc is None:
            continue
        expect(sc["inputs"] == [a, b], "%s: inputs %s in the .zi, %s in the reference" % (code, sc["inputs"], [a, b]))
        want_require = ["%s <= %s" % (a, b)] if strict else []
        expect(sc["require"] == want_require, "%s: require %s in the .zi, %s in the reference" % (
            code, sc["require"], want_require))
        if zero == "lalu_ini":
            want = "ratio(%s - %s, %s, if %s == 0 then 1 else 0)" % (a, b, a, b)
        else:
            want = "ratio(%s, %s, %s)" % (a, b, zero)
        expect(sc["expr"] == want, "%s: score %s in the .zi, %s from the reference" % (code, sc["expr"], want))
    names = {"total": "total", "pengungkit": "pengungkit", "all area": "area%", "hasil.bersih": "bersih",
             "hasil.bersih.ipak.answer": "ipak_index", "hasil.bersih.capaian": "capaian",
             "hasil.pelayanan.ipkp.answer": "ipkp_index"}
    got = []
    for vid, conds in zi_verdicts:
        cs = []
        for c in conds:
            m = re.match(r"(.+?)\s*>=\s*([\d.]+)(%?)$", c)
            if not m or m.group(1) not in names:
                expect(False, "verdict %s: condition '%s' is not one the generator knows" % (vid, c))
                continue
            thr = Fraction(m.group(2)) / (100 if m.group(3) else 1)
            cs.append((names[m.group(1)], thr))
        got.append((vid, cs))
    want = [(vid, [(w, Fraction(t)) for w, t in conds]) for vid, _title, conds in ref.THRESHOLDS]
    expect(got == want, "verdicts %s in the .zi, %s in the reference" % (got, want))


def build_model():
    zi_items, zi_weights, zi_scales, zi_scores, zi_verdicts = parse_zi(CRITERIA)
    problems = []

    def expect(cond, what):
        if not cond:
            problems.append(what)

    check_zi_rules(zi_scales, zi_scores, zi_verdicts, expect)

    scales = {s: [(lab, val) for lab, val in labels.items()] for s, labels in ref.SCALES.items()}
    inputs = []      # {key, name, kind: scale|count|index, scale?}
    items = []       # {code, name, kind, ...}
    subareas = []    # {code, name, weight, items: [names], zic}
    area_paths = {}  # (cat, area) -> zic path
    cat_paths = {}
    for s in ref.SUBS:
        sub_zic = None
        for code, typ in s["items"]:
            zi = zi_items.get(code)
            expect(zi is not None, "%s: not in %s" % (code, CRITERIA))
            if zi is None:
                continue
            path, zi_type, _ = zi
            expect(zi_type == typ, "%s: type %s in the reference, %s in the .zi" % (code, typ, zi_type))
            expect(sub_zic in (None, tuple(path)), "%s: in another group than its sub-area's other items" % code)
            sub_zic = tuple(path)
            if typ == "percent":
                (a, b), zero, strict = ref.PERCENT[code]
                for n in (a, b):
                    inputs.append({"key": code + "." + n, "name": nm(code + "." + n), "kind": "count"})
                items.append({"code": code, "name": "i_" + nm(code), "kind": "percent",
                              "num": nm(code + "." + a), "den": nm(code + "." + b),
                              "rule": "decline" if zero == "lalu_ini" else "ratio",
                              "zero": None if zero == "lalu_ini" else zero, "strict": strict})
            else:
                inputs.append({"key": code, "name": nm(code), "kind": "scale", "scale": typ})
                items.append({"code": code, "name": "i_" + nm(code), "kind": "scale", "scale": typ,
                              "input": nm(code)})
        expect(sub_zic is not None and len(sub_zic) == 4, "%s: no group of its own in the .zi" % s["code"])
        if sub_zic is None:
            continue
        expect(Fraction(zi_weights[sub_zic]) == Fraction(s["weight"]),
               "%s: weight %s in the reference, %s in the .zi" % (s["code"], s["weight"], zi_weights[sub_zic]))
        area_paths[(s["cat"], s["area"])] = sub_zic[:3]
        cat_paths[s["cat"]] = sub_zic[:2]
        subareas.append({"code": s["code"], "name": "s_" + nm(s["code"]), "weight": s["weight"],
                         "cat": s["cat"], "area": s["area"],
                         "items": ["i_" + nm(c) for c, _ in s["items"]], "zic": ".".join(sub_zic)})
    # every .zi item is in the reference
    ref_codes = {c for s in ref.SUBS for c, _ in s["items"]} | set(ref.HASIL)
    for code in zi_items:
        expect(code in ref_codes, "%s: in the .zi, not in the reference" % code)
    # areas and categories
    areas = []
    for cat, (cat_id, cat_weight) in ref.CATEGORIES.items():
        expect(Fraction(zi_weights[cat_paths[cat]]) == Fraction(cat_weight), "category %s weight" % cat)
        for a, (aid, _title, w) in ref.AREAS.items():
            path = area_paths[(cat, a)]
            expect(path[2] == aid, "area %s.%d: %s in the .zi, %s in the reference" % (cat, a, path[2], aid))
            expect(Fraction(zi_weights[path]) == Fraction(w), "area %s.%d weight" % (cat, a))
            areas.append({"code": "A.%s.%d" % (cat, a), "name": "a_A_%s_%d" % (cat, a), "cat": cat, "area": a,
                          "subareas": [s["name"] for s in subareas if s["cat"] == cat and s["area"] == a],
                          "zic": ".".join(path)})
    cats = [{"code": "A." + cat, "name": "c_A_" + cat, "zic": ".".join(cat_paths[cat]),
             "areas": [a["name"] for a in areas if a["cat"] == cat]} for cat in ref.CATEGORIES]
    # Hasil
    for code, (typ, weight, part) in ref.HASIL.items():
        zi = zi_items.get(code)
        expect(zi is not None and zi[1] == ("number" if typ == "index" else typ), "%s: type" % code)
        expect(zi is not None and ("weight %s" % num(weight)) in zi[2], "%s: weight %s" % (code, weight))
        if typ == "index":
            inputs.append({"key": code, "name": nm(code), "kind": "index", "lo": ref.INDEX_RANGE[0],
                           "hi": ref.INDEX_RANGE[1]})
        else:
            inputs.append({"key": code, "name": nm(code), "kind": "scale", "scale": typ})
    expect(Fraction(ref.HASIL["B.I.a"][1]) + Fraction(ref.HASIL["B.I.b"][1]) == Fraction(ref.HASIL_WEIGHTS["bersih"]),
           "bersih weight")
    if problems:
        for p in problems:
            print("gen_rules.py: the reference and %s disagree: %s" % (CRITERIA, p), file=sys.stderr)
        sys.exit(1)

    views = [{"name": "area_" + aid, "zic": "area." + aid, "weight": str(Fraction(w) * 2),
              "parts": ["a_A_I_%d" % a, "a_A_II_%d" % a]} for a, (aid, _t, w) in ref.AREAS.items()]
    # outputs compared with zic's CSV columns (every group and view member zic reports, and the total)
    outputs = [{"name": s["name"], "zic": s["zic"]} for s in subareas]
    outputs += [{"name": a["name"], "zic": a["zic"]} for a in areas]
    outputs += [{"name": c["name"], "zic": c["zic"]} for c in cats]
    outputs += [{"name": "pengungkit", "zic": "pengungkit"}, {"name": "bersih", "zic": "hasil.bersih"},
                {"name": "pelayanan", "zic": "hasil.pelayanan"}, {"name": "hasil", "zic": "hasil"},
                {"name": "total", "zic": "total"}]
    outputs += [{"name": v["name"], "zic": v["zic"]} for v in views]
    # verdict conditions: (peer value name, threshold as a decimal string, label)
    values = {"total": "total", "pengungkit": "pengungkit", "bersih": "bersih", "ipak_index": "ipak_answer",
              "capaian": "capaian", "ipkp_index": "ipkp_answer"}
    verdicts = []
    for vid, title, conds in ref.THRESHOLDS:
        cs = []
        for what, thr in conds:
            if what == "area%":
                for v in views:
                    cs.append({"value": v["name"], "threshold": num(str(Decimal(thr) * Decimal(v["weight"]))),
                               "threshold_double": repr(float(thr) * float(v["weight"])),
                               "text": "%s >= %s%% of %s" % (v["zic"], num(str(Decimal(thr) * 100)), v["weight"])})
            else:
                cs.append({"value": values[what], "threshold": num(thr), "threshold_double": repr(float(thr)),
                           "text": "%s >= %s" % (what, thr)})
        verdicts.append({"id": vid, "title": title, "conditions": cs})
    return {
        "criteria": "lke_zi_2021", "regulation": "PermenPANRB 90/2021",
        "generated_by": "bench/peers/gen_rules.py from scripts/lke_reference.py (checked against "
                        "criteria/lke-zi-2021.zi)",
        "epsilon": EPSILON,
        "scales": {s: [{"label": lab, "value": val} for lab, val in labels] for s, labels in scales.items()},
        "inputs": inputs, "items": items, "subareas": subareas, "areas": areas, "categories": cats,
        "views": views, "outputs": outputs, "verdicts": verdicts, "fallback": ref.FALLBACK[0],
        "hasil": {"ipak": {"input": "B_I_a", "weight": ref.HASIL["B.I.a"][1]},
                  "capaian": {"input": "B_I_b", "scale": ref.HASIL["B.I.b"][0], "weight": ref.HASIL["B.I.b"][1]},
                  "ipkp": {"input": "B_II_a", "weight": ref.HASIL["B.II.a"][1]},
                  "index_hi": ref.INDEX_RANGE[1]},
    }


# ---------------------------------------------------------------------------------------------------------------
# json-logic: one rule per output, in evaluation order; each writes data[name] for the rules after it
# ---------------------------------------------------------------------------------------------------------------

def jl_var(n):
    return {"var": n}


def jl_missing(n):
    return {"==": [jl_var(n), None]}


def jl_clamp01(x):
    return {"min": [{"max": [x, 0]}, 1]}


def jl_ge(value, threshold):
    return {">=": [{"-": [jl_var(value), float(threshold)]}, -1e-9]}


def jl_sum(names):
    return {"+": [jl_var(n) for n in names]}


def gen_jsonlogic(M):
    rules = []
    invalid, broken = [], []
    for it in M["items"]:
        if it["kind"] == "scale":
            labels = M["scales"][it["scale"]]
            chain = [jl_missing(it["input"]), 0]
            for lab in labels:
                chain += [{"===": [jl_var(it["input"]), lab["label"]]}, float(lab["value"])]
            chain.append(None)  # not a label of the scale: null, and the unit is withheld
            rules.append([it["name"], {"if": chain}])
            invalid.append({"===": [jl_var(it["name"]), None]})
        else:
            a, b = it["num"], it["den"]
            either_missing = {"or": [jl_missing(a), jl_missing(b)]}
            if it["rule"] == "decline":
                value = {"if": [either_missing, 0,
                                {"===": [jl_var(a), 0]}, {"if": [{"===": [jl_var(b), 0]}, 1, 0]},
                                jl_clamp01({"/": [{"-": [jl_var(a), jl_var(b)]}, jl_var(a)]})]}
            else:
                value = {"if": [either_missing, 0,
                                {"===": [jl_var(b), 0]}, float(it["zero"]),
                                jl_clamp01({"/": [jl_var(a), jl_var(b)]})]}
            rules.append([it["name"], value])
            for c in (a, b):  # a count must be a whole number >= 0
                invalid.append({"and": [{"!": jl_missing(c)},
                                        {"or": [{"<": [jl_var(c), 0]}, {"!==": [{"%": [jl_var(c), 1]}, 0]}]}]})
            if it["strict"]:
                broken.append({"and": [{"!": either_missing}, {">": [jl_var(a), jl_var(b)]}]})
    H = M["hasil"]
    hi = float(H["index_hi"])
    for key, out in (("ipak", "ipak_answer"), ("ipkp", "ipkp_answer")):
        x = H[key]["input"]
        rules.append([out, {"if": [jl_missing(x), 0, jl_var(x)]}])
        invalid.append({"and": [{"!": jl_missing(x)}, {"or": [{"<": [jl_var(x), 0]}, {">": [jl_var(x), hi]}]}]})
    cap = H["capaian"]
    chain = [jl_missing(cap["input"]), 0]
    for lab in M["scales"][cap["scale"]]:
        chain += [{"===": [jl_var(cap["input"]), lab["label"]]}, float(lab["value"])]
    chain.append(None)
    rules.append(["i_B_I_b", {"if": chain}])
    invalid.append({"===": [jl_var("i_B_I_b"), None]})
    rules.append(["withheld", {"or": invalid}])
    rules.append(["broken", {"or": broken}])
    for s in M["subareas"]:
        rules.append([s["name"], {"*": [float(s["weight"]), {"/": [jl_sum(s["items"]), len(s["items"])]}]}])
    for a in M["areas"]:
        rules.append([a["name"], jl_sum(a["subareas"])])
    for c in M["categories"]:
        rules.append([c["name"], jl_sum(c["areas"])])
    rules.append(["pengungkit", jl_sum([c["name"] for c in M["categories"]])])
    rules.append(["p_B_I_a", {"*": [jl_clamp01({"/": [jl_var("ipak_answer"), 4]}), float(H["ipak"]["weight"])]}])
    rules.append(["capaian", {"*": [jl_var("i_B_I_b"), float(cap["weight"])]}])
    rules.append(["p_B_II_a", {"*": [jl_clamp01({"/": [jl_var("ipkp_answer"), 4]}), float(H["ipkp"]["weight"])]}])
    rules.append(["bersih", jl_sum(["p_B_I_a", "capaian"])])
    rules.append(["pelayanan", jl_var("p_B_II_a")])
    rules.append(["hasil", jl_sum(["bersih", "pelayanan"])])
    rules.append(["total", jl_sum(["pengungkit", "hasil"])])
    for v in M["views"]:
        rules.append([v["name"], jl_sum(v["parts"])])
    chain = [jl_var("withheld"), "WITHHELD", jl_var("broken"), "ERROR"]
    for v in M["verdicts"]:
        chain += [{"and": [jl_ge(c["value"], c["threshold_double"]) for c in v["conditions"]]}, v["id"]]
    chain.append(M["fallback"])
    rules.append(["verdict", {"if": chain}])
    return {"about": "LKE ZI 2021 (PermenPANRB 90/2021) as json-logic rules, one per output, applied in this "
                     "order; each result is stored under its name in the unit's data for the rules after it. "
                     "Generated by bench/peers/gen_rules.py; see bench/peers/README.md.",
            "rules": rules}


# ---------------------------------------------------------------------------------------------------------------
# GoRules zen-engine: a JDM graph
# ---------------------------------------------------------------------------------------------------------------

def zen_str(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def zen_clamp01(x):
    return "(%s < 0 ? 0 : (%s > 1 ? 1 : %s))" % (x, x, x)


def zen_expressions(M):
    """[(node, key, expression)] in evaluation order. A value computed by the rules is referred to as {name}: it
    becomes `name` when an earlier node computed it, `$.name` when it was computed earlier in the same node."""
    exprs = []
    invalid, broken = [], []

    def add(node, key, value):
        exprs.append((node, key, value))

    for it in M["items"]:
        if it["kind"] == "scale":
            x = it["input"]
            labels = M["scales"][it["scale"]]
            chain = "%s == null ? 0 : " % x
            for lab in labels:
                chain += "%s == %s ? %s : " % (x, zen_str(lab["label"]), num(lab["value"]))
            add("items", it["name"], chain + "0")  # not a label: 0 here, and the unit is withheld
            invalid.append("(%s != null and not (%s in [%s]))" % (x, x, ", ".join(zen_str(l["label"]) for l in labels)))
        else:
            a, b = it["num"], it["den"]
            if it["rule"] == "decline":
                v = "%s == null or %s == null ? 0 : (%s == 0 ? (%s == 0 ? 1 : 0) : %s)" % (
                    a, b, a, b, zen_clamp01("((%s - %s) / %s)" % (a, b, a)))
            else:
                v = "%s == null or %s == null ? 0 : (%s == 0 ? %s : %s)" % (
                    a, b, b, num(it["zero"]), zen_clamp01("(%s / %s)" % (a, b)))
            add("items", it["name"], v)
            for c in (a, b):  # a count must be a whole number >= 0
                invalid.append("(%s != null and (%s < 0 or %s %% 1 != 0))" % (c, c, c))
            if it["strict"]:
                broken.append("(%s != null and %s != null and %s > %s)" % (a, b, a, b))
    H = M["hasil"]
    for key, out in (("ipak", "ipak_answer"), ("ipkp", "ipkp_answer")):
        x = H[key]["input"]
        add("items", out, "%s == null ? 0 : %s" % (x, x))
        invalid.append("(%s != null and (%s < 0 or %s > %s))" % (x, x, x, num(H["index_hi"])))
    cap = H["capaian"]
    x = cap["input"]
    labels = M["scales"][cap["scale"]]
    chain = "%s == null ? 0 : " % x
    for lab in labels:
        chain += "%s == %s ? %s : " % (x, zen_str(lab["label"]), num(lab["value"]))
    add("items", "i_B_I_b", chain + "0")
    invalid.append("(%s != null and not (%s in [%s]))" % (x, x, ", ".join(zen_str(l["label"]) for l in labels)))
    add("items", "withheld", " or ".join(invalid))
    add("items", "broken", " or ".join(broken))

    def ref_sum(names):
        return " + ".join("{%s}" % n for n in names)

    for s in M["subareas"]:
        add("subareas", s["name"], "%s * ((%s) / %d)" % (num(s["weight"]), ref_sum(s["items"]), len(s["items"])))
    add("subareas", "p_B_I_a", "%s * %s" % (zen_clamp01("({ipak_answer} / 4)"), num(H["ipak"]["weight"])))
    add("subareas", "capaian", "{i_B_I_b} * %s" % num(cap["weight"]))
    add("subareas", "p_B_II_a", "%s * %s" % (zen_clamp01("({ipkp_answer} / 4)"), num(H["ipkp"]["weight"])))
    for a in M["areas"]:
        add("areas", a["name"], ref_sum(a["subareas"]))
    for c in M["categories"]:
        add("totals", c["name"], ref_sum(c["areas"]))
    add("totals", "pengungkit", ref_sum([c["name"] for c in M["categories"]]))
    add("totals", "bersih", ref_sum(["p_B_I_a", "capaian"]))
    add("totals", "pelayanan", "{p_B_II_a}")
    add("totals", "hasil", ref_sum(["bersih", "pelayanan"]))
    add("totals", "total", ref_sum(["pengungkit", "hasil"]))
    for v in M["views"]:
        add("totals", v["name"], ref_sum(v["parts"]))
    return exprs


def gen_zen(M, layout):
    """layout: {stage: node name}, mapping the stages items, subareas, areas, totals onto expression nodes."""
    counter = [0]

    def uid(prefix):
        counter[0] += 1
        return "%s-%03d" % (prefix, counter[0])

    exprs = zen_expressions(M)
    where = {}
    nodes_exprs = {}
    node_order = []
    for stage, key, value in exprs:
        node = layout[stage]
        if node not in nodes_exprs:
            nodes_exprs[node] = []
            node_order.append(node)
        value = re.sub(r"\{(\w+)\}", lambda m: ("$." if where[m.group(1)] == node else "") + m.group(1), value)
        nodes_exprs[node].append((key, value))
        where[key] = node

    nodes = [{"id": "request", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 100}}]
    for i, node in enumerate(node_order):
        nodes.append({"id": node, "type": "expressionNode", "name": node, "position": {"x": 250 * (i + 1), "y": 100},
                      "content": {"expressions": [{"id": uid("e"), "key": k, "value": v} for k, v in nodes_exprs[node]],
                                  # the first node needs only the answers; later ones pass on what came before
                                  "passThrough": i > 0, "inputField": None, "outputPath": None,
                                  "executionMode": "single"}})

    # the verdict: a decision table with hit policy "first"
    columns = [("withheld", "withheld"), ("broken", "broken")]
    cond_cols = []
    for v in M["verdicts"]:
        for c in v["conditions"]:
            if c["value"] not in cond_cols:
                cond_cols.append(c["value"])
    columns += [(c, c) for c in cond_cols]
    inputs = [{"id": "in-" + name, "name": name, "field": field} for name, field in columns]
    out_id = "out-verdict"
    rules = []

    def row(cells, verdict, description):
        r = {"_id": uid("r"), "_description": description}
        for name, _ in columns:
            r["in-" + name] = cells.get(name, "")
        r[out_id] = zen_str(verdict)
        rules.append(r)

    row({"withheld": "true"}, "WITHHELD", "data that could not be read: no scores, no verdict")
    row({"withheld": "false", "broken": "true"}, "ERROR", "a require rule is broken: scores, no verdict")
    for v in M["verdicts"]:
        cells = {"withheld": "false", "broken": "false"}
        for c in v["conditions"]:
            # zic's tolerance: x >= t holds when x - t >= -1e-9
            cells[c["value"]] = "$ - %s >= -%s" % (c["threshold"], EPSILON)
        row(cells, v["id"], "%s %s: %s" % (v["id"], v["title"], "; ".join(c["text"] for c in v["conditions"])))
    row({"withheld": "false", "broken": "false"}, M["fallback"], "none of the verdicts above")
    nodes.append({"id": "verdict", "type": "decisionTableNode", "name": "verdict",
                  "position": {"x": 250 * (len(node_order) + 1), "y": 100},
                  "content": {"hitPolicy": "first", "inputs": inputs,
                              "outputs": [{"id": out_id, "name": "verdict", "field": "verdict"}],
                              "rules": rules, "passThrough": True, "inputField": None, "outputPath": None,
                              "executionMode": "single"}})
    nodes.append({"id": "response", "type": "outputNode", "name": "response",
                  "position": {"x": 250 * (len(node_order) + 2), "y": 100}})
    order = [n["id"] for n in nodes]
    edges = [{"id": "edge-%d" % i, "type": "edge", "sourceId": s, "targetId": t}
             for i, (s, t) in enumerate(zip(order, order[1:]))]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


ZEN_LAYOUTS = {
    "one": {"items": "score", "subareas": "score", "areas": "score", "totals": "score"},
    "two": {"items": "items", "subareas": "groups", "areas": "groups", "totals": "groups"},
    "four": {"items": "items", "subareas": "subareas", "areas": "areas", "totals": "totals"},
}


# ---------------------------------------------------------------------------------------------------------------
# CLIPS
# ---------------------------------------------------------------------------------------------------------------

def clp_float(text):
    return repr(float(text))


def clp_sum(vars_):
    return vars_[0] if len(vars_) == 1 else "(+ %s)" % " ".join(vars_)


def gen_clips(M):
    out = []
    w = out.append
    w(""";;; lke-zi-2021.clp — LKE Zona Integritas, PermenPANRB 90/2021, for CLIPS 6.30.
;;; Generated by bench/peers/gen_rules.py from scripts/lke_reference.py; do not edit (see bench/peers/README.md).
;;;
;;; Facts in:  (unit (id "U")) and one (answer (unit "U") (key K) (value V)) per answered cell: V is the label
;;;            in lower case (a string) or a number. A missing answer has no answer fact.
;;; Facts out: (result (unit "U") (verdict WBBM|WBK|BELUM|ERROR|WITHHELD)) per unit, and (score (unit "U")
;;;            (name N) (value X)) for every group, view member and the total (N as in bench/peers/model.json).
;;; Item values are (item (unit "U") (name N) (value X)) facts, made by generic rules from the table facts
;;; (scale-item, label, percent-item, count-input, index-item); each group is one rule that joins its children.
;;; The verdict rules fire at salience -10, after every score (salience 0) is known.

(deftemplate unit (slot id))
(deftemplate answer (slot unit) (slot key) (slot value))
(deftemplate scale-item (slot key) (slot name) (slot scale))
(deftemplate label (slot scale) (slot text) (slot value))
(deftemplate count-input (slot key))
(deftemplate percent-item (slot code) (slot num) (slot den) (slot rule) (slot when-zero) (slot strict))
(deftemplate index-item (slot key) (slot answer) (slot hi))
(deftemplate item (slot unit) (slot name) (slot value))
(deftemplate score (slot unit) (slot name) (slot value))
(deftemplate invalid (slot unit) (slot key))
(deftemplate broken (slot unit) (slot code))
(deftemplate holds (slot unit) (slot verdict))
(deftemplate result (slot unit) (slot verdict))

(deffunction clamp01 (?x) (min (max ?x 0.0) 1.0))
""")
    w("(deffacts lke-tables")
    for s, labels in M["scales"].items():
        for lab in labels:
            w('  (label (scale %s) (text "%s") (value %s))' % (s, lab["label"], clp_float(lab["value"])))
    for inp in M["inputs"]:
        if inp["kind"] == "scale":
            w("  (scale-item (key %s) (name i_%s) (scale %s))" % (inp["name"], inp["name"], inp["scale"]))
        elif inp["kind"] == "count":
            w("  (count-input (key %s))" % inp["name"])
    for it in M["items"]:
        if it["kind"] == "percent":
            w("  (percent-item (code %s) (num %s) (den %s) (rule %s) (when-zero %s) (strict %s))" % (
                it["name"], it["num"], it["den"], it["rule"],
                clp_float(it["zero"]) if it["zero"] is not None else "nil", "TRUE" if it["strict"] else "FALSE"))
    H = M["hasil"]
    for key, out_name in (("ipak", "ipak_answer"), ("ipkp", "ipkp_answer")):
        w("  (index-item (key %s) (answer %s) (hi %s))" % (H[key]["input"], out_name, clp_float(H["index_hi"])))
    w(")")
    w("""
;;; ---- items --------------------------------------------------------------------------------------------------

(defrule scale-answer
  (answer (unit ?u) (key ?k) (value ?l))
  (scale-item (key ?k) (name ?n) (scale ?s))
  (label (scale ?s) (text ?l) (value ?v))
  =>
  (assert (item (unit ?u) (name ?n) (value ?v))))

(defrule scale-answer-not-a-label
  (answer (unit ?u) (key ?k) (value ?l))
  (scale-item (key ?k) (scale ?s))
  (not (label (scale ?s) (text ?l)))
  =>
  (assert (invalid (unit ?u) (key ?k))))

(defrule scale-answer-missing
  (unit (id ?u))
  (scale-item (key ?k) (name ?n))
  (not (answer (unit ?u) (key ?k)))
  =>
  (assert (item (unit ?u) (name ?n) (value 0.0))))

(defrule count-not-whole
  (answer (unit ?u) (key ?k) (value ?x))
  (count-input (key ?k))
  (test (or (not (integerp ?x)) (< ?x 0)))
  =>
  (assert (invalid (unit ?u) (key ?k))))

(defrule percent-ratio
  (percent-item (code ?c) (num ?nk) (den ?dk) (rule ratio) (when-zero ?z))
  (answer (unit ?u) (key ?nk) (value ?a&:(numberp ?a)))
  (answer (unit ?u) (key ?dk) (value ?b&:(numberp ?b)))
  =>
  (assert (item (unit ?u) (name ?c) (value (if (= ?b 0) then ?z else (clamp01 (/ ?a ?b)))))))

(defrule percent-decline
  (percent-item (code ?c) (num ?nk) (den ?dk) (rule decline))
  (answer (unit ?u) (key ?nk) (value ?a&:(numberp ?a)))
  (answer (unit ?u) (key ?dk) (value ?b&:(numberp ?b)))
  =>
  (assert (item (unit ?u) (name ?c)
                (value (if (= ?a 0) then (if (= ?b 0) then 1.0 else 0.0) else (clamp01 (/ (- ?a ?b) ?a)))))))

(defrule percent-missing
  (unit (id ?u))
  (percent-item (code ?c) (num ?nk) (den ?dk))
  (or (not (answer (unit ?u) (key ?nk)))
      (not (answer (unit ?u) (key ?dk))))
  =>
  (assert (item (unit ?u) (name ?c) (value 0.0))))

(defrule percent-require
  (percent-item (code ?c) (num ?nk) (den ?dk) (strict TRUE))
  (answer (unit ?u) (key ?nk) (value ?a&:(numberp ?a)))
  (answer (unit ?u) (key ?dk) (value ?b&:(numberp ?b)&:(> ?a ?b)))
  =>
  (assert (broken (unit ?u) (code ?c))))

(defrule index-answer
  (answer (unit ?u) (key ?k) (value ?x&:(numberp ?x)))
  (index-item (key ?k) (answer ?n))
  =>
  (assert (item (unit ?u) (name ?n) (value ?x))))

(defrule index-answer-missing
  (unit (id ?u))
  (index-item (key ?k) (answer ?n))
  (not (answer (unit ?u) (key ?k)))
  =>
  (assert (item (unit ?u) (name ?n) (value 0.0))))

(defrule index-out-of-range
  (answer (unit ?u) (key ?k) (value ?x))
  (index-item (key ?k) (hi ?hi))
  (test (or (not (numberp ?x)) (< ?x 0) (> ?x ?hi)))
  =>
  (assert (invalid (unit ?u) (key ?k))))
""")
    w(";;; ---- groups: one rule each, its children joined on the unit ------------------------------------------------\n")

    def group_rule(rule_name, kind, children, result_name, expr_of):
        vs = ["?v%d" % (i + 1) for i in range(len(children))]
        w("(defrule %s" % rule_name)
        for (ck, cn), v in zip(children, vs):
            w("  (%s (unit ?u) (name %s) (value %s))" % (ck, cn, v))
        w("  =>")
        w("  (assert (%s (unit ?u) (name %s) (value %s))))\n" % (kind, result_name, expr_of(vs)))

    for s in M["subareas"]:
        n = len(s["items"])
        children = [("item", it) for it in s["items"]]
        group_rule("subarea-" + s["code"], "score", children, s["name"],
                   lambda vs, s=s, n=n: "(* %s (/ %s %s))" % (clp_float(s["weight"]), clp_sum(vs), clp_float(n)))
    for a in M["areas"]:
        group_rule("area-" + a["code"], "score", [("score", x) for x in a["subareas"]], a["name"], clp_sum)
    for c in M["categories"]:
        group_rule("category-" + c["code"], "score", [("score", x) for x in c["areas"]], c["name"], clp_sum)
    group_rule("pengungkit", "score", [("score", c["name"]) for c in M["categories"]], "pengungkit", clp_sum)
    cap = H["capaian"]
    group_rule("bersih", "score", [("item", "ipak_answer"), ("item", "i_" + cap["input"])], "bersih",
               lambda vs: "(+ (* (clamp01 (/ %s 4.0)) %s) (* %s %s))" % (
                   vs[0], clp_float(H["ipak"]["weight"]), vs[1], clp_float(cap["weight"])))
    group_rule("capaian", "score", [("item", "i_" + cap["input"])], "capaian",
               lambda vs: "(* %s %s)" % (vs[0], clp_float(cap["weight"])))
    group_rule("pelayanan", "score", [("item", "ipkp_answer")], "pelayanan",
               lambda vs: "(* (clamp01 (/ %s 4.0)) %s)" % (vs[0], clp_float(H["ipkp"]["weight"])))
    group_rule("hasil", "score", [("score", "bersih"), ("score", "pelayanan")], "hasil", clp_sum)
    group_rule("total", "score", [("score", "pengungkit"), ("score", "hasil")], "total", clp_sum)
    for v in M["views"]:
        group_rule("view-" + v["name"], "score", [("score", p) for p in v["parts"]], v["name"], clp_sum)

    w(";;; ---- verdicts: x >= t holds when x - t >= -1e-9 (zic's tolerance) ---------------------------------------\n")
    source = {"ipak_answer": "item", "ipkp_answer": "item"}
    for v in M["verdicts"]:
        w("(defrule holds-%s" % v["id"])
        for i, c in enumerate(v["conditions"]):
            w("  (%s (unit ?u) (name %s) (value ?x%d&:(>= (- ?x%d %s) -%s)))  ; %s" % (
                source.get(c["value"], "score"), c["value"], i, i, clp_float(c["threshold_double"]), EPSILON,
                c["text"]))
        w("  =>")
        w("  (assert (holds (unit ?u) (verdict %s))))\n" % v["id"])
    w("""(defrule result-withheld
  (declare (salience -10))
  (unit (id ?u))
  (exists (invalid (unit ?u)))
  =>
  (assert (result (unit ?u) (verdict WITHHELD))))

(defrule result-error
  (declare (salience -10))
  (unit (id ?u))
  (not (invalid (unit ?u)))
  (exists (broken (unit ?u)))
  =>
  (assert (result (unit ?u) (verdict ERROR))))
""")
    earlier = []
    for v in M["verdicts"]:
        w("(defrule result-%s" % v["id"])
        w("  (declare (salience -10))")
        w("  (unit (id ?u))")
        w("  (not (invalid (unit ?u)))")
        w("  (not (broken (unit ?u)))")
        for e in earlier:
            w("  (not (holds (unit ?u) (verdict %s)))" % e)
        w("  (holds (unit ?u) (verdict %s))" % v["id"])
        w("  =>")
        w("  (assert (result (unit ?u) (verdict %s))))\n" % v["id"])
        earlier.append(v["id"])
    w("(defrule result-%s" % M["fallback"])
    w("  (declare (salience -10))")
    w("  (unit (id ?u))")
    w("  (not (invalid (unit ?u)))")
    w("  (not (broken (unit ?u)))")
    for e in earlier:
        w("  (not (holds (unit ?u) (verdict %s)))" % e)
    w("  =>")
    w("  (assert (result (unit ?u) (verdict %s))))\n" % M["fallback"])
    w(""";;; ---- output ---------------------------------------------------------------------------------------------------

(deffunction count-results ()
  "The timed collection step: walk every result fact; returns how many there are."
  (bind ?n 0)
  (do-for-all-facts ((?r result)) TRUE (bind ?n (+ ?n 1)))
  ?n)

(deffunction write-results (?path)
  "Not timed: every result and score, one a line, tab-separated, for the verifier: R unit verdict, S unit name value."
  (open ?path lke-out "w")
  (do-for-all-facts ((?r result)) TRUE
    (printout lke-out "R" tab ?r:unit tab ?r:verdict crlf))
  (do-for-all-facts ((?s score)) TRUE
    (printout lke-out "S" tab ?s:unit tab ?s:name tab (format nil "%.17g" ?s:value) crlf))
  (close lke-out))
""")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------------
# DuckDB: SQL over the wide CSV file
# ---------------------------------------------------------------------------------------------------------------

MISSING_SQL = "('', '-', 'na', 'n/a')"  # zirun's missing cells, once trimmed and in lower case


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def sql_ident(s):
    return '"' + s.replace('"', '""') + '"'


def sql_dbl(text):
    """A DOUBLE literal: a plain 0.67 is a DECIMAL in DuckDB, and arithmetic on it would not be zic's doubles."""
    return "%s::DOUBLE" % sql_str(num(text))


def sql_clamp01(x):
    return "least(greatest(%s, %s), %s)" % (x, sql_dbl("0"), sql_dbl("1"))


def sql_sum(names):
    return " + ".join(names)  # left to right, as zic adds


def sql_layer(name, source, columns):
    """One step of the query: every column of the step before it, and these new ones."""
    body = ",\n".join("    %s AS %s" % (expr, col) for col, expr in columns)
    return "%s AS (\n  SELECT *,\n%s\n  FROM %s\n)" % (name, body, source)


def gen_sql(M):
    H = M["hasil"]
    types = ",\n    ".join("%s: 'VARCHAR'" % sql_str(k) for k in ["unit"] + [i["key"] for i in M["inputs"]])
    # cells: a scale cell as zirun compares it (trimmed, lower case; NULL when empty); a count or index cell as a
    # number (a decimal comma read as a point; NULL when it is not a number) and whether it was left empty
    cells = []
    for inp in M["inputs"]:
        col = sql_ident(inp["key"])
        if inp["kind"] == "scale":
            cells.append((inp["name"], "coalesce(lower(trim(%s)), '')" % col))
        else:
            cells.append(("m_" + inp["name"], "coalesce(lower(trim(%s)) IN %s, true)" % (col, MISSING_SQL)))
            cells.append((inp["name"], "TRY_CAST(replace(trim(%s), ',', '.') AS DOUBLE)" % col))
    # items: the value of each item; NULL for a label not on its scale (the unit is withheld)
    items, invalid, broken = [], [], []

    def scale_value(x, scale):
        whens = " ".join("WHEN %s = %s THEN %s" % (x, sql_str(lab["label"]), sql_dbl(lab["value"]))
                         for lab in M["scales"][scale])
        return "CASE WHEN %s IN %s THEN %s %s END" % (x, MISSING_SQL, sql_dbl("0"), whens)

    for it in M["items"]:
        if it["kind"] == "scale":
            items.append((it["name"], scale_value(it["input"], it["scale"])))
            invalid.append("%s IS NULL" % it["name"])
            continue
        a, b = it["num"], it["den"]
        either_missing = "m_%s OR m_%s" % (a, b)
        if it["rule"] == "decline":
            value = "CASE WHEN %s THEN %s WHEN %s = 0 THEN (CASE WHEN %s = 0 THEN %s ELSE %s END) ELSE %s END" % (
                either_missing, sql_dbl("0"), a, b, sql_dbl("1"), sql_dbl("0"),
                sql_clamp01("(%s - %s) / %s" % (a, b, a)))
        else:
            value = "CASE WHEN %s THEN %s WHEN %s = 0 THEN %s ELSE %s END" % (
                either_missing, sql_dbl("0"), b, sql_dbl(it["zero"]), sql_clamp01("%s / %s" % (a, b)))
        items.append((it["name"], value))
        for c in (a, b):  # a count must be a whole number >= 0
            invalid.append("(NOT m_%s AND coalesce(%s < 0 OR %s <> floor(%s), true))" % (c, c, c, c))
        if it["strict"]:
            broken.append("(NOT (%s) AND %s > %s)" % (either_missing, a, b))
    hi = sql_dbl(H["index_hi"])
    for key, out in (("ipak", "ipak_answer"), ("ipkp", "ipkp_answer")):
        x = H[key]["input"]
        items.append((out, "CASE WHEN m_%s THEN %s ELSE %s END" % (x, sql_dbl("0"), x)))
        invalid.append("(NOT m_%s AND coalesce(%s < 0 OR %s > %s, true))" % (x, x, x, hi))
    cap = H["capaian"]
    items.append(("i_" + cap["input"], scale_value(cap["input"], cap["scale"])))
    invalid.append("i_%s IS NULL" % cap["input"])
    flags = [("withheld", "coalesce(%s, true)" % " OR ".join(invalid)),
             ("broken", "coalesce(%s, false)" % " OR ".join(broken))]
    subs = [(s["name"], "%s * ((%s) / %d)" % (sql_dbl(s["weight"]), sql_sum(s["items"]), len(s["items"])))
            for s in M["subareas"]]
    subs += [("p_B_I_a", "%s * %s" % (sql_clamp01("ipak_answer / %s" % sql_dbl("4")), sql_dbl(H["ipak"]["weight"]))),
             ("capaian", "i_%s * %s" % (cap["input"], sql_dbl(cap["weight"]))),
             ("p_B_II_a", "%s * %s" % (sql_clamp01("ipkp_answer / %s" % sql_dbl("4")), sql_dbl(H["ipkp"]["weight"])))]
    areas = [(a["name"], sql_sum(a["subareas"])) for a in M["areas"]]
    areas += [("bersih", "p_B_I_a + capaian"), ("pelayanan", "p_B_II_a")]
    cats = [(c["name"], sql_sum(c["areas"])) for c in M["categories"]]
    cats += [(v["name"], sql_sum(v["parts"])) for v in M["views"]] + [("hasil", "bersih + pelayanan")]
    tops = [("pengungkit", sql_sum([c["name"] for c in M["categories"]]))]
    whens = []
    for v in M["verdicts"]:
        conds = " AND ".join("%s - %s >= -%s" % (c["value"], sql_dbl(c["threshold"]), sql_dbl(EPSILON))
                             for c in v["conditions"])
        whens.append("WHEN %s THEN %s" % (conds, sql_str(v["id"])))
    final = [("total", "pengungkit + hasil")]
    verdict = "CASE WHEN withheld OR broken THEN NULL %s ELSE %s END" % (" ".join(whens), sql_str(M["fallback"]))
    report = ["unit", "CASE WHEN withheld THEN NULL ELSE total END AS total", "%s AS verdict" % verdict,
              "CASE WHEN withheld OR broken THEN 'error' ELSE 'ok' END AS status"]
    report += ["CASE WHEN withheld THEN NULL ELSE %s END AS %s" % (o["name"], sql_ident(o["zic"]))
               for o in M["outputs"] if o["name"] != "total"]
    layers = [sql_layer("cells", "lke_units", cells), sql_layer("items", "cells", items),
              sql_layer("flags", "items", flags + subs), sql_layer("areas", "flags", areas),
              sql_layer("cats", "areas", cats), sql_layer("tops", "cats", tops), sql_layer("totals", "tops", final)]
    return """-- lke-zi-2021.sql — LKE Zona Integritas, PermenPANRB 90/2021, as SQL for DuckDB.
-- Generated by bench/peers/gen_rules.py from scripts/lke_reference.py; do not edit (see bench/peers/README.md).
--
-- Three statements, run in this order by bench/peers/duckdb.js, which puts the files' names and the CSV's
-- separator in place of {units}, {report} and {sep} (as SQL string literals):
--   1. lke_units: the wide CSV file, every column by its header name as text (a column missing from the file
--      stops the query; its order in the file does not matter);
--   2. lke_report: the report, one row per unit, the columns of zirun --format csv: unit, total, verdict,
--      status, then every group and view member under zic's name. status 'error' with empty scores: a cell
--      that could not be read (zic withholds the unit); 'error' with scores: a require rule broken; else 'ok'
--      and the verdict;
--   3. the report written to a CSV file.
-- Numbers are DOUBLEs computed in zic's order (sums left to right, weight * (sum / n)); a condition x >= t
-- holds when x - t >= -1e-9, zic's tolerance.

CREATE OR REPLACE TEMP VIEW lke_units AS
SELECT * FROM read_csv({units}, header = true, delim = {sep}, quote = '"', escape = '"', types = {
    %s
});

CREATE OR REPLACE TEMP VIEW lke_report AS
WITH
%s
SELECT
  %s
FROM totals;

COPY (SELECT * FROM lke_report) TO {report} (FORMAT csv, HEADER true);
""" % (types, ",\n".join(layers), ",\n  ".join(report))


# ---------------------------------------------------------------------------------------------------------------

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true", help="exit 1 if a generated file is not up to date")
    opts = p.parse_args()
    M = build_model()
    files = {
        "model.json": json.dumps(M, indent=1, ensure_ascii=False) + "\n",
        "jsonlogic/lke-zi-2021.rules.json": json.dumps(gen_jsonlogic(M), indent=1, ensure_ascii=False) + "\n",
        "zen/lke-zi-2021.jdm.json": json.dumps(gen_zen(M, ZEN_LAYOUTS["four"]), indent=1, ensure_ascii=False) + "\n",
        "clips/lke-zi-2021.clp": gen_clips(M),
        "duckdb/lke-zi-2021.sql": gen_sql(M),
    }
    stale = []
    for rel, text in files.items():
        path = os.path.join(HERE, rel)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old == text:
            continue
        stale.append(rel)
        if not opts.check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if opts.check:
        if stale:
            print("gen_rules.py: not up to date: %s" % ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    print("gen_rules.py: %d items, %d sub-areas, %d outputs checked against zic's columns; wrote %s" % (
        len(M["items"]) + 3, len(M["subareas"]), len(M["outputs"]), ", ".join(stale) or "nothing (up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
