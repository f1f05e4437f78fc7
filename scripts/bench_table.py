#!/usr/bin/env python3
"""bench_table.py RESULTS_DIR — the summary table of scripts/bench.sh, from the raw lines it saved.

Reads kernel.txt, peers.txt, duckdb.txt, e2e.txt, compile.txt, compile-modules.txt and explain.txt (lines of
`name key=value ...`), prints one table with each figure, its range, the targets of issues 6 and 16 and whether they
are met. Ratios are of medians measured in the same run.
"""
import os
import re
import sys


def fields(line):
    return dict(re.findall(r"(\w+)=(\S+)", line))


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        return []


def mups(x):
    return "%.2f M/s" % (float(x) / 1e6)


def duckdb_rows(d, row):
    """The DuckDB peer (duckdb.txt, bench/peers/duckdb.js): end to end and the query alone, per file size and thread
    count, and zirun's end-to-end figure over DuckDB's at the same size and thread count (e2e.txt lines without
    threads= are one thread)."""
    runs = [fields(l) | {"name": l.split()[1]} for l in read(os.path.join(d, "duckdb.txt")) if l.startswith("peer ")]
    zirun = {}
    for line in read(os.path.join(d, "e2e.txt")):
        f = fields(line)
        zirun[(f["units"], f.get("threads", "1"))] = float(f["median_ups"])
    for p in runs:
        what = "end to end" if p["name"] == "duckdb" else "query alone, units in a table"
        row("peer: duckdb %s, %s units, %s thread(s) (verified %s)" % (what, p["units"], p["threads"], p["verified"]),
            "%.0f /s" % float(p["median_ups"]), "%.0f - %.0f" % (float(p["min_ups"]), float(p["max_ups"])), "", None)
    for p in runs:
        z = zirun.get((p["units"], p["threads"]))
        if p["name"] == "duckdb" and z is not None:
            ratio = z / float(p["median_ups"])
            row("zirun / duckdb, end to end, %s units, %s thread(s)" % (p["units"], p["threads"]), "%.1fx" % ratio,
                "", ">= 5x", ratio >= 5)


def main():
    d = sys.argv[1]
    rows = []

    def row(what, value, spread, target, met):
        rows.append((what, value, spread, target, "" if met is None else ("yes" if met else "NO")))

    kernel = {}
    for line in read(os.path.join(d, "kernel.txt")):
        if line.startswith("kernel "):
            name = line[len("kernel "):line.index(" median_ups=")]
            kernel[name] = fields(line)
    hand = kernel.get("hand-written C")
    # The default module as the runtime runs it on this machine: the level it picks (issue 16).
    picked = next((n for n in kernel if n.startswith("module -O2 picked")), None)
    for name, f in kernel.items():
        m = float(f["median_ups"])
        target, met = "", None
        if name == picked and hand:
            target = "within 1.25x of hand C"
            met = m * 1.25 >= float(hand["median_ups"])
        note = ""
        if hand and name != "hand-written C":
            note = " (hand C / it = %.2f)" % (float(hand["median_ups"]) / m)
        row("kernel: " + name + note, mups(m), mups(f["min_ups"]) + " - " + mups(f["max_ups"]), target, met)
    # Each lower level against the hand-written C compiled for a CPU of that level (bench/CMakeLists.txt): what
    # an evaluator's machine of that level runs, against what its own C programmer would have compiled.
    for name, f in kernel.items():
        if not name.startswith("hand-written C ("):
            continue
        level = name[len("hand-written C ("):-1]
        mod = kernel.get("module -O2 level (%s)" % level)
        if mod:
            ratio = float(f["median_ups"]) / float(mod["median_ups"])
            row("kernel: level %s, hand C built for it / the module's loop" % level, "%.2f" % ratio, "",
                "<= 1.25", ratio <= 1.25)

    peers = [fields(l) | {"name": l.split()[1]} for l in read(os.path.join(d, "peers.txt")) if l.startswith("peer ")]
    if peers:
        fastest = max(peers, key=lambda p: float(p["median_ups"]))
        for p in peers:
            row("peer: %s (%s units, verified %s)" % (p["name"], p["units"], p.get("verified", "?")),
                "%.0f /s" % float(p["median_ups"]), "%.0f - %.0f" % (float(p["min_ups"]), float(p["max_ups"])), "", None)
        for name in [n for n in kernel if n.startswith("module -O2 level (x86-64)") or n == picked]:
            ratio = float(kernel[name]["median_ups"]) / float(fastest["median_ups"])
            row("zic %s / fastest peer (%s)" % (name, fastest["name"]), "%.0fx" % ratio, "", ">= 100x", ratio >= 100)

    duckdb_rows(d, row)

    e2e = [fields(line) for line in read(os.path.join(d, "e2e.txt"))]
    one = {f["units"]: float(f["median_ups"]) for f in e2e if f.get("threads", "1") == "1"}
    largest = max(e2e, key=lambda f: int(f["units"]))["units"] if e2e else None
    for f in e2e:
        m = float(f["median_ups"])
        lo, hi = f["range_ups"].split("-")
        threads = f.get("threads", "1")
        target, met = "", None
        if threads == "2" and f["units"] == largest:
            speedup = m / one[f["units"]] if f["units"] in one else 0
            target, met = ">= 0.8 M/s and >= 1.7x 1 thread (%.2fx)" % speedup, m >= 0.8e6 and speedup >= 1.7
        row("end to end: %s units, %s thread%s (%s MB/s, peak RSS %.1f MB)" % (
            f["units"], threads, "" if threads == "1" else "s", f["mb_per_s"], float(f["peak_rss_kb"]) / 1024),
            mups(m), mups(lo) + " - " + mups(hi), target, met)

    for line in read(os.path.join(d, "compile.txt")):
        f = fields(line)
        level = line.split()[1]
        detail = "parse %s, codegen %s, optimise %s, object %s, link %s; %s modules on %s threads, CPU %s" % (
            f.get("parse"), f.get("codegen"), f.get("optimise"), f.get("object"), f.get("link"), f.get("modules"),
            f.get("threads"), f.get("cpu"))
        target, met = "", None
        if level == "-O2":
            target, met = "<= 150 ms (default -O)", float(f["total"]) <= 150
        row("compile %s (%s)" % (level, detail), "%s ms" % f["total"], "", target, met)

    # Where the default build's time goes: object emission of each LLVM module (they run on several threads).
    for line in read(os.path.join(d, "compile-modules.txt")):
        m = re.match(r'module (-O\d) what="([^"]*)" object=(\S+)', line)
        if m and m.group(1) == "-O2":
            row("  compile -O2, object code of: %s" % m.group(2), "%s ms" % m.group(3), "", "", None)

    explain = {line.split()[1]: fields(line) for line in read(os.path.join(d, "explain.txt"))}
    if "on" in explain and "off" in explain:
        ratio = float(explain["on"]["median_ups"]) / float(explain["off"]["median_ups"])
        row("explain on / off (100k units, CSV)", "%.0f%%" % (100 * ratio),
            "%s vs %s" % (mups(explain["on"]["median_ups"]), mups(explain["off"]["median_ups"])), ">= 30%", ratio >= 0.30)

    widths = [max(len(r[i]) for r in rows + [("what", "median", "min - max", "target", "met")]) for i in range(5)]
    header = ("what", "median", "min - max", "target", "met")
    for r in [header] + rows:
        print("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())


if __name__ == "__main__":
    main()
