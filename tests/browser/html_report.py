#!/usr/bin/env python3
"""html_report.py ZIC ZIRUN ROOT WORKDIR — zirun's --format html in a real browser (headless Chromium, cdp.py).

For the bundled LKE 2024 criteria on examples/units-2024.csv (--lang id), the 2021 criteria on
examples/units-wide.csv (--lang en) and a copy of the 2024 units with errors in it, the page written by zirun
(wrapped in ZI_TEST_EXEC, valgrind in CI; Chromium never is):
  - loads with no console error, no exception and no network request;
  - has a section for EVERY unit of the CSV report (--format csv of the same run), in order, whose total,
    predicate, proposability, status and every score column it shows (the top-level groups and the view
    members: the LKE's six areas) equal the CSV report's exactly, as do the bars' values and the gap to the next
    predicate (the CSV report's --gap next columns); the total as people read it ("87,50" in Indonesian,
    "87.50" in English); the errors of a unit without a predicate;
  - has an index with one row per unit that sorts by total and by predicate when a header is clicked;
  - prints on A4 with one unit per page and no sorting widgets (print media emulated; the PDF's pages counted).
A run cut short (a JSON document that ends inside a unit) writes the units it read and says at the top and at
the end of the page that the report is incomplete. The first case's screenshot and PDF are kept as
WORKDIR/report.png and WORKDIR/report.pdf (CI artefacts).
`zic run --format html` writes the same page as zirun, and zirun writes it to standard output too.
"""
import csv
import decimal
import os
import re
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


def run(args, wrapped=True, codes=(0, 1)):
    p = subprocess.run((wrap if wrapped else []) + args, capture_output=True, timeout=1800)
    if p.returncode not in codes:
        fail("%s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.decode(errors="replace")))
    return p


def build(criteria, name):
    out = os.path.join(work, name + ".so")
    p = subprocess.run([zic, "build", os.path.join(root, "criteria", criteria), "-o", out], capture_output=True)
    if p.returncode != 0:
        sys.exit("zic build %s: %s" % (criteria, p.stderr.decode(errors="replace")))
    return out


def csv_report(module, data, lang):
    p = run([zirun, module, data, "--format", "csv", "--lang", lang, "--gap", "next"])
    lines = [l for l in p.stdout.decode().splitlines(True) if not l.startswith("#")]
    rows = list(csv.reader(lines))
    return rows[0], rows[1:]


def people(number, lang):
    """A CSV number as the page shows it: two decimals, rounded as zi_fmt_fixed does (the exact binary
    value, half to even), with a decimal comma in Indonesian."""
    if number == "":
        return "\u2013"
    text = str(decimal.Decimal(float(number)).quantize(decimal.Decimal("0.01"), decimal.ROUND_HALF_EVEN))
    if text == "-0.00":
        text = "0.00"
    return text.replace(".", ",") if lang == "id" else text


# Everything the checks read from the page, in one evaluation.
READ_PAGE = r"""
(() => {
  const units = [...document.querySelectorAll('section.unit')].map(s => ({
    id: s.id, unit: s.dataset.unit, total: s.dataset.total, totalText: s.dataset.totalText,
    verdict: s.dataset.verdict, proposable: s.dataset.proposable, status: s.dataset.status,
    badge: s.querySelector('.vbadge').textContent,
    scores: Object.fromEntries([...s.querySelectorAll('table.scores tr[data-path]')]
                               .map(tr => [tr.dataset.path, tr.dataset.value])),
    bars: [...s.querySelectorAll('table.chart tr')].map(tr => [tr.dataset.path || '', tr.dataset.value,
                                                               tr.querySelectorAll('svg line').length]),
    errors: [...s.querySelectorAll('ul.errors li')].map(li => li.textContent),
    gap: s.querySelector('div.gap') && ['gapTarget', 'gapMinimal', 'gapChanges'].map(
      k => s.querySelector('div.gap').dataset[k]),
    unmet: s.querySelectorAll('table.unmet tbody tr').length,
  }));
  const index = [...document.querySelectorAll('#index tbody tr')].map(tr => tr.dataset.unit);
  return {units, index, lang: document.documentElement.lang,
          title: document.querySelector('.index h2').textContent,
          footer: Object.assign({}, document.querySelector('footer').dataset)};
})()
"""

SORT = r"""
((key) => {
  document.querySelector('#index th[data-key=' + key + '] button').click();
  const th = document.querySelector('#index th[data-key=' + key + ']');
  return {dir: th.getAttribute('aria-sort'),
          values: [...document.querySelectorAll('#index tbody tr')].map(tr => tr.dataset[key])};
})
"""

PRINT = r"""
(() => {
  const hint = document.querySelector('.index p.no-print');
  const unit = document.querySelector('section.unit');
  const button = document.querySelector('#index th[data-key=total] button');
  return {hint: getComputedStyle(hint).display, breakBefore: getComputedStyle(unit).breakBefore,
          arrow: getComputedStyle(button, '::after').display};
})()
"""


def check_sorting(page, name):
    numeric = lambda v: float("inf") if v == "" else float(v)  # noqa: E731
    got = page.eval(SORT + "('total')")
    expect(name + ": first click on the total sorts", got["dir"], "descending")
    expect(name + ": sorted by total, highest first", got["values"],
           sorted(got["values"], key=lambda v: -numeric(v) if v else float("inf")))
    got = page.eval(SORT + "('total')")
    expect(name + ": second click reverses", got["dir"], "ascending")
    expect(name + ": sorted by total, lowest first", got["values"], sorted(got["values"], key=numeric))
    got = page.eval(SORT + "('rank')")
    expect(name + ": sorted by predicate, best first", got["values"], sorted(got["values"], key=int))
    if len(set(got["values"])) < 2:
        fail(name + ": the predicate sort was not tried on two predicates")


def check_case(browser, name, module, data, lang, keep=False):
    head, rows = csv_report(module, data, lang)
    html = os.path.join(work, name + ".html")
    p = run([zirun, module, data, "--format", "html", "--lang", lang, "-o", html])
    if not os.path.exists(html):
        fail("%s: no page written (%s)" % (name, p.stderr.decode(errors="replace")))
        return
    page = browser.open(html)
    got = page.eval(READ_PAGE)
    col = {h: i for i, h in enumerate(head)}
    units = got["units"]
    expect(name + ": a section per unit of the CSV report", [u["unit"] for u in units], [r[0] for r in rows])
    expect(name + ": an index row per unit", got["index"], [r[0] for r in rows])
    expect(name + ": page language", got["lang"], lang)
    expect(name + ": the footer counts the units", got["footer"]["units"], str(len(rows)))
    expect(name + ": the footer says the report is complete", got["footer"]["complete"], "1")
    if not got["title"].startswith("Daftar unit" if lang == "id" else "Units"):
        fail("%s: index title %r is not in language %s" % (name, got["title"], lang))
    for u, r in zip(units, rows):
        who = "%s: unit %s" % (name, r[0])
        expect(who + ": total", u["total"], r[col["total"]])
        expect(who + ": total as people read it", u["totalText"], people(r[col["total"]], lang))
        expect(who + ": predicate", u["verdict"], r[col["verdict"]])
        expect(who + ": status", u["status"], r[col["status"]])
        if "proposable" in col:
            expect(who + ": proposable", u["proposable"], r[col["proposable"]])
        if r[col["verdict"]]:
            expect(who + ": predicate badge", u["badge"], r[col["verdict"]])
        if not u["scores"] and r[col["total"]]:
            fail(who + ": no scores shown")
        for path, value in u["scores"].items():
            expect("%s: %s" % (who, path), value, r[col[path]])
        for path, value, marks in u["bars"]:
            if path in col:  # an item's score (a bar may show one) is no CSV column
                expect("%s: bar of %s" % (who, path), value, r[col[path]])
            if marks < 1:
                fail("%s: bar of %s has no threshold" % (who, path))
        # The gap to the next predicate (the page's default), as the CSV report's --gap next columns; a unit
        # at its target or without a verdict has none.
        gap = [r[col[k]] for k in ("gap_target", "gap_minimal", "gap_changes")]
        expect(who + ": gap to the next predicate", u["gap"], gap if gap[2] else None)
        if r[col["status"]] == "error":
            expect(who + ": its errors", "; ".join(u["errors"]), r[col["errors"]])
        elif not u["bars"]:
            fail(who + ": no chart")
    areas = [p for p in (units[0]["scores"] if units else {}) if p.startswith("area.")]
    if "2024" in name or "2021" in name:
        expect(name + ": the six areas shown", len(areas), 6)
    check_sorting(page, name)
    if keep:
        page.screenshot(os.path.join(work, "report.png"))
        page.pdf(os.path.join(work, "report.pdf"))
        with open(os.path.join(work, "report.pdf"), "rb") as f:
            pages = len(re.findall(rb"/Type\s*/Page\b", f.read()))
        if pages < len(rows) + 1:
            fail("%s: the PDF has %d pages for %d units (one unit per page, after the index)"
                 % (name, pages, len(rows)))
        page.send("Emulation.setEmulatedMedia", {"media": "print"})
        expect(name + ": in print", page.eval(PRINT), {"hint": "none", "breakBefore": "page", "arrow": "none"})
    page.eval("0")
    expect(name + ": console errors", page.errors(), [])
    expect(name + ": exceptions", page.exceptions, [])
    expect(name + ": network requests", page.requests, [])
    return html


lke24, lke21 = build("lke-zi-2024.zi", "html_lke2024"), build("lke-zi-2021.zi", "html_lke2021")
units24 = os.path.join(root, "examples", "units-2024.csv")

# The 2024 units with errors: a cell that is no answer, an empty unit id, a duplicate id.
with open(units24, newline="", encoding="utf-8") as f:
    table = list(csv.reader(f))
table[2][5] = "bukan jawaban"
table[3][0] = ""
table[5][0] = table[4][0]
errors_csv = os.path.join(work, "html_errors.csv")
with open(errors_csv, "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(table)

with cdp.Browser(timeout=60) as browser:
    first = check_case(browser, "lke2024", lke24, units24, "id", keep=True)
    check_case(browser, "lke2021-wide", lke21, os.path.join(root, "examples", "units-wide.csv"), "en")
    check_case(browser, "errors", lke24, errors_csv, "id")

    # A run that stops part way (a JSON document cut short), written to standard output: the units read are
    # there, and the page says at its top and at its end that it is incomplete.
    with open(os.path.join(root, "examples", "units.json"), encoding="utf-8") as f:
        text = f.read()
    cut = os.path.join(work, "html_cut.json")
    with open(cut, "w", encoding="utf-8") as f:
        f.write(text[:len(text) * 2 // 3])
    p = run([zirun, lke21, cut, "--format", "html", "--lang", "en", "--batch-size", "1"], codes=(2,))
    expect("cut short: exit status", p.returncode, 2)
    partial = os.path.join(work, "html_cut.html")
    with open(partial, "wb") as f:
        f.write(p.stdout)
    page = browser.open(partial)
    got = page.eval("({units: document.querySelectorAll('section.unit').length,"
                    " complete: document.querySelector('footer').dataset.complete,"
                    " banner: (document.querySelector('main > p.banner') || {}).textContent})")
    expect("cut short: footer", got["complete"], "0")
    if not got["units"] or not (got["banner"] or "").startswith("INCOMPLETE report: the run stopped after %d unit"
                                                               % got["units"]):
        fail("cut short: no warning at the top of the page: %r" % got)
    expect("cut short: console errors", page.errors() + page.exceptions + page.requests, [])

# The same page from zic run (the module compiled in memory) and from zirun to standard output.
if first:
    with open(first, "rb") as f:
        want = f.read()
    p = subprocess.run([zic, "run", os.path.join(root, "criteria", "lke-zi-2024.zi"), units24, "--format", "html",
                        "--lang", "id", "-o", os.path.join(work, "html_zic.html")], capture_output=True)
    expect("zic run --format html exit", p.returncode, 0)
    with open(os.path.join(work, "html_zic.html"), "rb") as f:
        expect("zic run --format html writes zirun's page", f.read() == want, True)
    p = run([zirun, lke24, units24, "--format", "html", "--lang", "id"])
    expect("zirun --format html to standard output", p.stdout == want, True)

print("html_report: %s" % ("FAILED" if failed else "ok"))
sys.exit(1 if failed else 0)
