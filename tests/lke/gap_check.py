#!/usr/bin/env python3
"""gap_check.py — `zirun --gap WBK` on the bundled LKE (issue 15 item 3, "Done when"), from the outside.

  gap_check.py ZIC ZIRUN ROOT            the test: random units below WBK (seeded), every suggestion applied to
                                         the data and scored again by zirun must reach WBK, with the total the
                                         report announced; for each unit reported minimal with at most three
                                         changes, no smaller set of changes reaches WBK (brute force); the
                                         workbook's sheet Perbaikan, read by openpyxl, lists the same changes
  gap_check.py ZIC ZIRUN ROOT --bench N  the figure of docs/runtime.md: N units through --gap WBK, timed

The brute force changes what the search may change (docs/runtime.md, "What to fix first"): every scale answer
and every number that is its item's only input. It sets each changed answer to its best value — the first
label of its scale (the LKE's scales list the best first) or the top of the number's range — which is
enough because the LKE's scores only rise when an answer does: a set that reaches WBK with some values
reaches it with the best ones.

ZI_TEST_SCALE (16 under valgrind) divides the units, and ZI_TEST_EXEC wraps every zic and zirun call.
"""
import csv
import io
import itertools
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time

SEED = 20261206
UNITS = 1000
BRUTE_THREE = 100  # units with three changes whose pairs are all tried (each is ~5,500 rows)


def fail(message):
    print("gap_check.py: FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def run(args, expect=(0,)):
    wrap = shlex.split(os.environ.get("ZI_TEST_EXEC", ""))
    p = subprocess.run(wrap + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in expect:
        fail("%s exited %d\n%s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def template(zic, criteria):
    """The inputs of the criteria in order: (key, type, labels or (lo, hi))."""
    doc = json.loads(run([zic, "template", criteria, "--format", "json"]))
    inputs = []
    for it in doc["items"]:
        if it["type"] == "scale":
            inputs.append((it["key"], "scale", [s.strip() for s in it["accepted"].split(" / ")]))
        elif it["type"] == "number":
            # "number 0-4 (3,41 or 3.41)"
            lo, hi = it["accepted"].split()[1].split("-")
            inputs.append((it["key"], "number", (float(lo), float(hi))))
        else:
            inputs.append((it["key"], it["type"], None))
    return inputs


def random_unit(rng, inputs, near):
    """A unit's answers: near WBK (mostly best labels, then a few degraded) or anywhere."""
    row = {}
    for key, kind, spec in inputs:
        if kind == "scale":
            if near:
                row[key] = spec[0] if rng.random() < 0.8 else spec[min(1, len(spec) - 1)]
            else:
                row[key] = rng.choice(spec)
        elif kind == "number":
            lo, hi = spec
            row[key] = "%.2f" % rng.uniform(3.6 if near else 2.5, hi)
    # Counts come in pairs (a part and its whole): the part never exceeds the whole (the rules of the data).
    counts = [key for key, kind, _ in inputs if kind == "count"]
    for part, whole in zip(counts[0::2], counts[1::2]):
        w = rng.randint(1, 20)
        row[whole] = str(w)
        row[part] = str(rng.randint(w // 2 if near else 0, w))
    if near:
        scales = [(key, spec) for key, kind, spec in inputs if kind == "scale"]
        for _ in range(rng.randint(1, 6)):
            r = rng.random()
            if r < 0.15:
                row["B.I.a"] = "%.2f" % rng.uniform(3.3, 3.59)
            elif r < 0.3:
                row["B.II.a"] = "%.2f" % rng.uniform(2.9, 3.19)
            else:
                key, spec = rng.choice(scales)
                row[key] = spec[-1]
    return row


def write_csv(path, keys, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unit"] + keys)
        for uid, row in rows:
            w.writerow([uid] + [row.get(k, "") for k in keys])


def verdicts(zirun, module, path):
    out = run([zirun, module, path, "--format", "csv"], expect=(0, 1))
    rows = [r for r in csv.reader(io.StringIO(out)) if r and not r[0].startswith("#")]
    head = rows[0]
    return {r[0]: (r[head.index("verdict")], float(r[head.index("total")]) if r[1] else None) for r in rows[1:]}


def units_below_wbk(zic, zirun, module, criteria, tmp, n, rng):
    """n units scored BELUM, about half of them near WBK."""
    inputs = template(zic, criteria)
    keys = [k for k, _, _ in inputs]
    rows = []
    while len(rows) < n:
        batch = [("u%06d" % (len(rows) + i), random_unit(rng, inputs, i % 2 == 0)) for i in range(2 * n)]
        path = os.path.join(tmp, "candidates.csv")
        write_csv(path, keys, batch)
        got = verdicts(zirun, module, path)
        rows += [(uid, row) for uid, row in batch if got[uid][0] == "BELUM"][: n - len(rows)]
    return inputs, keys, rows


def best_value(kind, spec):
    return spec[0] if kind == "scale" else "%g" % spec[1]


def main():
    zic, zirun, root = sys.argv[1:4]
    bench = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--bench" else 0
    scale = max(1, int(os.environ.get("ZI_TEST_SCALE", "1")))
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        criteria = os.path.join(root, "criteria", "lke-zi-2021.zi")
        module = os.path.join(tmp, "lke.so")
        run([zic, "build", criteria, "-o", module])
        n = bench or max(20, UNITS // scale)
        inputs, keys, rows = units_below_wbk(zic, zirun, module, criteria, tmp, n, rng)
        data = os.path.join(tmp, "units.csv")
        write_csv(data, keys, rows)
        if bench:
            # CPU time of zirun (the children's user + system time): the build machine is shared, and wall
            # time there says more about the neighbours than about zirun.
            def timed(args):
                before = os.times()
                t = time.monotonic()
                run(args)
                after = os.times()
                cpu = after.children_user + after.children_system - before.children_user - before.children_system
                return cpu, time.monotonic() - t

            plain = timed([zirun, module, data, "--format", "csv", "-o", os.path.join(tmp, "plain.csv")])
            gap = timed([zirun, module, data, "--gap", "WBK", "--format", "csv", "-o", os.path.join(tmp, "gap.csv")])
            print("%d units below WBK: zirun %.2f s CPU (%.2f s wall), zirun --gap WBK %.2f s CPU (%.2f s wall)"
                  % (n, plain[0], plain[1], gap[0], gap[1]))
            return

        report = json.loads(run([zirun, module, data, "--gap", "WBK", "--format", "json"]))
        gaps = {u["id"]: u["gap"] for u in report["units"]}
        status = {}
        for uid, _ in rows:
            status[gaps[uid]["status"]] = status.get(gaps[uid]["status"], 0) + 1
        if set(status) - {"minimal", "heuristic"}:
            fail("units below WBK without a suggestion: %s" % status)

        # 1. Every suggestion, applied to the data and scored again, reaches WBK with the announced total.
        fixed = []
        for uid, row in rows:
            row = dict(row)
            for ch in gaps[uid]["changes"]:
                row[ch["input"]] = ch["to"] if isinstance(ch["to"], str) else repr(ch["to"])
            fixed.append((uid, row))
        path = os.path.join(tmp, "fixed.csv")
        write_csv(path, keys, fixed)
        got = verdicts(zirun, module, path)
        for uid, _ in rows:
            verdict, total = got[uid]
            if verdict not in ("WBK", "WBBM"):
                fail("%s: the suggestion %s gives %s, not WBK" % (uid, gaps[uid]["changes"], verdict))
            if abs(total - gaps[uid]["total_after"]) > 1e-9:
                fail("%s: total %r after the changes, the report said %r" % (uid, total, gaps[uid]["total_after"]))

        # 2. The workbook (--format xlsx) lists the same changes in its sheet Perbaikan.
        import openpyxl  # Debian's python3-openpyxl: ctest runs this script with /usr/bin/python3

        book = os.path.join(tmp, "gap.xlsx")
        run([zirun, module, data, "--gap", "WBK", "--format", "xlsx", "--lang", "id", "-o", book])
        sheet = openpyxl.load_workbook(book, read_only=True)["Perbaikan"]
        got_rows = list(sheet.iter_rows(values_only=True))
        if got_rows[0][:4] != ("Unit", "Menuju", "Hasil pencarian", "Butir"):
            fail("Perbaikan's header: %s" % (got_rows[0],))
        want_rows = []
        for uid, _ in rows:
            word = "minimal" if gaps[uid]["status"] == "minimal" else "heuristik: mungkin bukan yang terkecil"
            for ch in gaps[uid]["changes"]:
                want_rows.append((uid, "WBK", word, ch["input"], ch["from"], ch["to"], ch["points"],
                                  "ya" if ch["outside"] else "tidak"))
        got = [(r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[8]) for r in got_rows[1:] if r[0] is not None]
        if got != want_rows:
            diff = next(i for i, (a, b) in enumerate(zip(got + [None] * len(want_rows), want_rows)) if a != b)
            fail("Perbaikan row %d: %s, the JSON report says %s" % (diff + 2, got[diff:diff + 1], want_rows[diff]))

        # 3. Units reported minimal with two or three changes: no smaller set reaches WBK.
        searched = [(k, kind, spec) for k, kind, spec in inputs if kind in ("scale", "number")]
        by_id = dict(rows)
        small = [uid for uid, _ in rows if gaps[uid]["status"] == "minimal" and 2 <= len(gaps[uid]["changes"]) <= 3]
        threes = [uid for uid in small if len(gaps[uid]["changes"]) == 3][: max(2, BRUTE_THREE // scale)]
        checked = [uid for uid in small if len(gaps[uid]["changes"]) == 2] + threes
        tries, owner = [], {}
        for uid in checked:
            for subset in itertools.combinations(searched, len(gaps[uid]["changes"]) - 1):
                row = dict(by_id[uid])
                for key, kind, spec in subset:
                    row[key] = best_value(kind, spec)
                name = "t%07d" % len(tries)
                owner[name] = (uid, [k for k, _, _ in subset])
                tries.append((name, row))
        path = os.path.join(tmp, "brute.csv")
        write_csv(path, keys, tries)
        got = verdicts(zirun, module, path) if tries else {}
        for name, (verdict, _) in got.items():
            if verdict in ("WBK", "WBBM"):
                uid, subset = owner[name]
                fail("%s: reported minimal with %d changes, but changing %s reaches WBK"
                     % (uid, len(gaps[uid]["changes"]), subset))
        sizes = {}
        for uid, _ in rows:
            k = len(gaps[uid]["changes"])
            sizes[k] = sizes.get(k, 0) + 1
        print("gap_check.py: %d units below WBK (%s); all reach WBK with their changes; %d minimal units of two "
              "or three changes brute-forced (%d smaller sets tried), none smaller; changes per unit %s"
              % (len(rows), ", ".join("%d %s" % (v, k) for k, v in sorted(status.items())), len(checked),
                 len(tries), dict(sorted(sizes.items()))))


if __name__ == "__main__":
    main()
