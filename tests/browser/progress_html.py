#!/usr/bin/env python3
"""progress_html.py ZIC ZIRUN ROOT WORKDIR — `zirun progress --format html` in headless Chromium (cdp.py).

On the LKE 2021 criteria and examples/progress/lke-2026.csv (a periode column), the page written by zirun
(wrapped in ZI_TEST_EXEC, valgrind in CI; Chromium never is):
  - loads with no console error, no exception and no network request;
  - has a section for EVERY unit of the CSV report of the same run, in order, and in it a row per period the
    CSV report has for the unit, with the same status and exactly the same total (data-total);
  - draws a line chart per unit whose points are the CSV report's scores: one point per scored period for the
    total and for each area column, with exactly the CSV's values (data-value), none for a period without one.
The screenshot is kept as WORKDIR/progress.png (a CI artefact).
"""
import csv
import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

zic, zirun, root, work = (os.path.abspath(a) for a in sys.argv[1:5])
wrap = os.environ.get("ZI_TEST_EXEC", "").split()
failed = 0


def fail(message):
    global failed
    failed += 1
    print("FAIL: " + message)


def expect(what, got, want):
    if got != want:
        fail("%s: got %r, want %r" % (what, got, want))


module = os.path.join(work, "progress_lke.so")
p = subprocess.run([zic, "build", os.path.join(root, "criteria", "lke-zi-2021.zi"), "-o", module], capture_output=True)
if p.returncode:
    sys.exit("zic build: " + p.stderr.decode(errors="replace"))
data = os.path.join(root, "examples", "progress", "lke-2026.csv")
page_file = os.path.join(work, "progress.html")
common = [zirun, "progress", module, data, "--period-column", "periode", "--lang", "id"]
for args in (["--format", "html", "-o", page_file], ["--format", "csv"]):
    p = subprocess.run(wrap + common + args, capture_output=True, timeout=1800)
    if p.returncode != 0:
        sys.exit("zirun %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode(errors="replace")))
rows = [r for r in csv.DictReader(io.StringIO(p.stdout.decode())) if not r["unit"].startswith("#")]
score_columns = [c for c in rows[0] if c not in ("unit", "period", "file", "row", "status", "total", "verdict",
                                               "since", "total_change", "verdict_change", "errors")
                 and not c.endswith("_change")]
units = list(dict.fromkeys(r["unit"] for r in rows))

READ = """(() => [...document.querySelectorAll('section.unit')].map(s => ({
  unit: s.dataset.unit,
  periods: [...s.querySelectorAll('tr[data-period]')].map(tr => [tr.dataset.period, tr.dataset.status,
                                                                 tr.dataset.total]),
  points: [...s.querySelectorAll('svg.chart circle')].map(c => [c.dataset.series, c.dataset.value])})))()"""

with cdp.Browser(timeout=60) as browser:
    page = browser.open(page_file)
    got = page.eval(READ)
    page.screenshot(os.path.join(work, "progress.png"))
    expect("console errors and exceptions", page.errors() + page.exceptions, [])
    expect("network requests", page.requests, [])

expect("units, in order", [s["unit"] for s in got], units)
for section in got:
    mine = [r for r in rows if r["unit"] == section["unit"]]
    expect(section["unit"] + ": periods", section["periods"], [[r["period"], r["status"], r["total"]] for r in mine])
    want = []
    for column in ["total"] + score_columns:
        series = "total" if column == "total" else column
        want += [[series, r[column]] for r in mine if r["status"] == "ok"]
    expect(section["unit"] + ": chart points", sorted(section["points"]), sorted(want))

if failed:
    sys.exit("%d failures" % failed)
print("progress_html: all passed")
