#!/usr/bin/env python3
"""compare_html.py ZIC ZIRUN ROOT WORKDIR — `zirun compare --format html` in headless Chromium (cdp.py).

On the LKE 2021 criteria and the three tier files of examples/tiers, the page written by zirun (wrapped in
ZI_TEST_EXEC, valgrind in CI; Chromium never is):
  - loads with no console error, no exception and no network request;
  - has a section for EVERY unit of the CSV report of the same run, in order, with a row per tier whose status
    and total (data-total) are exactly the CSV report's — a unit missing from a tier included;
  - lists, per unit, every item the CSV report says changed from one tier to the next;
  - for each pair of tiers, lists the areas lowered, each with its count of units.
The screenshot is kept as WORKDIR/compare.png (a CI artefact).
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


def expect(what, got, want):
    global failed
    if got != want:
        failed += 1
        print("FAIL: %s: got %r, want %r" % (what, got, want))


module = os.path.join(work, "compare_lke.so")
p = subprocess.run([zic, "build", os.path.join(root, "criteria", "lke-zi-2021.zi"), "-o", module], capture_output=True)
if p.returncode:
    sys.exit("zic build: " + p.stderr.decode(errors="replace"))
tiers = os.path.join(root, "examples", "tiers")
page_file = os.path.join(work, "compare.html")
common = [zirun, "compare", module] + ["%s=%s" % (t, os.path.join(tiers, t + ".csv")) for t in ("mandiri", "tpi", "tpn")]
reports = {}
for fmt, args in (("html", ["--format", "html", "-o", page_file]), ("csv", ["--format", "csv"]),
                  ("json", ["--format", "json"])):
    p = subprocess.run(wrap + common + args, capture_output=True, timeout=1800)
    if p.returncode != 0:
        sys.exit("zirun %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode(errors="replace")))
    reports[fmt] = p.stdout.decode()
rows = [r for r in csv.DictReader(io.StringIO(reports["csv"])) if not r["unit"].startswith("#")]
units = list(dict.fromkeys(r["unit"] for r in rows))
import json  # noqa: E402
lowered = json.loads(reports["json"])["lowered"]

READ = """(() => ({
  units: [...document.querySelectorAll('section.unit')].map(s => ({
    unit: s.dataset.unit,
    tiers: [...s.querySelectorAll('tr[data-tier]')].map(tr => [tr.dataset.tier, tr.dataset.status, tr.dataset.total]),
    items: [...s.querySelectorAll('table.changes tr[data-item]')].map(tr => tr.dataset.item)})),
  lowered: [...document.querySelectorAll('section.lowered')].map(s => ({
    from: s.dataset.from, to: s.dataset.to,
    outputs: [...s.querySelectorAll('tr[data-output]')].map(tr => [tr.dataset.output, +tr.dataset.units])}))}))()"""

with cdp.Browser(timeout=60) as browser:
    page = browser.open(page_file)
    got = page.eval(READ)
    page.screenshot(os.path.join(work, "compare.png"))
    expect("console errors and exceptions", page.errors() + page.exceptions, [])
    expect("network requests", page.requests, [])

expect("units, in order", [s["unit"] for s in got["units"]], units)
for section in got["units"]:
    mine = [r for r in rows if r["unit"] == section["unit"]]
    expect(section["unit"] + ": tiers", section["tiers"], [[r["tier"], r["status"], r["total"]] for r in mine])
    changed = {c.split(":")[0] for r in mine for c in r["changed"].split("; ") if c}
    # The CSV names inputs (A.II.1.i.a.agen), the page items (A.II.1.i.a): each input's item is listed.
    for key in changed:
        if not any(key == item or key.startswith(item + ".") for item in section["items"]):
            expect(section["unit"] + ": changed input " + key + " listed", False, True)
expect("pairs of tiers", [(s["from"], s["to"]) for s in got["lowered"]], [(x["from"], x["to"]) for x in lowered])
for section, pair in zip(got["lowered"], lowered):
    want = [[a["output"], a["units"]] for a in pair["areas"]] + [[i["item"], i["units"]] for i in pair["items"]]
    expect("lowered from %s to %s" % (pair["from"], pair["to"]), section["outputs"], want)

if failed:
    sys.exit("%d failures" % failed)
print("compare_html: all passed")
