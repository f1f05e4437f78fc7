#!/usr/bin/env python3
"""doc_page.py ZIC SOURCE_DIR WORKDIR — `zic doc --format html` in headless Chromium (cdp.py).

The page of criteria/lke-zi-2024.zi (Indonesian) and of tests/frontend/doc/kecil.zi (English, relative weights,
a let, every kind of fact): no console error, no exception, no network request, no script, image, font or other
file; every group's weight and item count, every view member's weight, every item's maximum points, every
verdict's number of conditions and prerequisites, every source's SHA-256 in the DOM equal to the model's — read
from `zic doc --format json`, which is written from the lowered descriptor, not from the tree the page is written
from — and each group's weight and item's points as the page prints them ("22,50", "0,3333"); every link of the table of contents lands on a
heading. A screenshot (PNG) and the printed A4 PDF are kept in WORKDIR.

zic runs under $ZI_TEST_EXEC (valgrind in scripts/test.sh), the browser never.
"""
import json
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

zic, source, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
failed = 0


def expect(what, got, want):
    global failed
    if got != want:
        failed += 1
        print("FAIL: %s: got %r, want %r" % (what, got, want))


def run_zic(*args):
    command = shlex.split(os.environ.get("ZI_TEST_EXEC", "")) + [zic] + list(args)
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        raise SystemExit("zic %s: exit %d: %s" % (" ".join(args), done.returncode, done.stderr.decode()))


def printed(x, lang):
    """Points as the page prints them: two decimals (up to four when two would hide part of the number: 1/3 is
    0,3333), a decimal comma in Indonesian."""
    text = "%.2f" % x
    if abs(x * 100 - round(x * 100)) > 1e-6:
        text = ("%.4f" % x).rstrip("0")
    return text.replace(".", ",") if lang == "id" else text


# Everything the page carries in data-* attributes, and the texts the checks below read.
DOM = """(() => {
  const rows = sel => [...document.querySelectorAll(sel)];
  const num = v => v === undefined ? null : Number(v);
  return {
    summary: rows('tr[data-depth]').map(r => ({path: r.dataset.path, weight: num(r.dataset.weight),
                                               items: num(r.dataset.items), shown: r.cells[2].textContent})),
    total: rows('tr[data-path="total"]').map(r => ({weight: num(r.dataset.weight), items: num(r.dataset.items)})),
    headings: rows('h1,h2,h3,h4,h5,h6').filter(h => h.dataset.path).map(h => ({
        id: h.id, path: h.dataset.path, weight: num(h.dataset.weight), items: num(h.dataset.items)})),
    views: rows('tr[data-path]:not([data-depth]):not([data-items])').map(r => ({
        path: r.dataset.path, weight: num(r.dataset.weight)})),
    items: rows('tr[data-code]').map(r => ({code: r.dataset.code, points: num(r.dataset.points)})),
    items_shown: rows('tr[data-code]').map(r => r.cells[3].textContent),
    verdicts: rows('[data-conditions]').map(h => ({id: h.dataset.verdict, conditions: num(h.dataset.conditions)})),
    prerequisites: rows('[data-prerequisites]').map(h => ({id: h.dataset.verdict,
                                                           n: num(h.dataset.prerequisites)})),
    sources: rows('tr[data-sha256]').map(r => r.dataset.sha256),
    toc: rows('nav.toc a').map(a => a.getAttribute('href')),
    toc_broken: rows('nav.toc a').filter(a => !document.getElementById(a.getAttribute('href').slice(1)))
                                 .map(a => a.getAttribute('href')),
    external: rows('script,link,img,iframe,object,embed,video,audio,source,svg image').length,
    stylesheets: [...document.styleSheets].map(s => s.href),
    lang: document.documentElement.lang,
  };
})()"""


def check(name, criteria, lang):
    html, model_json = os.path.join(work, name + ".html"), os.path.join(work, name + ".json")
    run_zic("doc", criteria, "--format", "html", "--lang", lang, "-o", html)
    run_zic("doc", criteria, "--format", "json", "-o", model_json)
    with open(model_json, encoding="utf-8") as f:
        model = json.load(f)
    with cdp.Browser() as browser:
        page = browser.open(html)
        dom = page.eval(DOM)
        page.screenshot(os.path.join(work, name + ".png"))
        page.pdf(os.path.join(work, name + ".pdf"))
        page.eval("0")  # collect anything the page logged meanwhile
        expect(name + ": console errors", page.errors(), [])
        expect(name + ": exceptions", page.exceptions, [])
        expect(name + ": network requests", page.requests, [])
    expect(name + ": script, image, font or other element that loads", dom["external"], 0)
    expect(name + ": stylesheets not inline", [s for s in dom["stylesheets"] if s], [])
    expect(name + ": <html lang>", dom["lang"], lang)

    groups = {g["path"]: g for g in model["groups"]}
    expect(name + ": groups in the summary", [r["path"] for r in dom["summary"]], list(groups))
    for r in dom["summary"]:
        g = groups.get(r["path"], {})
        expect(name + ": summary weight of " + r["path"], r["weight"], g.get("weight"))
        expect(name + ": summary items of " + r["path"], r["items"], g.get("items"))
        expect(name + ": printed weight of " + r["path"], r["shown"], printed(g.get("weight", 0), lang))
    expect(name + ": group headings", [h["path"] for h in dom["headings"]], list(groups))
    for h in dom["headings"]:
        g = groups.get(h["path"], {})
        expect(name + ": heading weight of " + h["path"], h["weight"], g.get("weight"))
        expect(name + ": heading items of " + h["path"], h["items"], g.get("items"))
    expect(name + ": total", dom["total"], [model["total"]])
    expect(name + ": view members", dom["views"], [{"path": v["path"], "weight": v["weight"]} for v in model["views"]])
    expect(name + ": items", dom["items"], [{"code": i["code"], "points": i["points"]} for i in model["items"]])
    expect(name + ": printed points of the items", dom["items_shown"],
           [printed(i["points"], lang) for i in model["items"]])
    expect(name + ": verdicts", dom["verdicts"], [{"id": v["id"], "conditions": v["conditions"]}
                                                  for v in model["verdicts"]])
    expect(name + ": prerequisites", dom["prerequisites"], [{"id": v["id"], "n": v["prerequisites"]}
                                                            for v in model["verdicts"] if v["prerequisites"]])
    expect(name + ": sources' SHA-256", dom["sources"], [s["sha256"] for s in model["sources"]])
    expect(name + ": table of contents empty", len(dom["toc"]) > 0, True)
    expect(name + ": links of the table of contents to no heading", dom["toc_broken"], [])

    with open(os.path.join(work, name + ".png"), "rb") as f:
        expect(name + ": screenshot is a PNG", f.read(8), b"\x89PNG\r\n\x1a\n")
    with open(os.path.join(work, name + ".pdf"), "rb") as f:
        pdf = f.read()
    expect(name + ": print is a PDF", pdf[:5], b"%PDF-")
    # A4 is 595 x 842 points; Chromium writes each page's MediaBox uncompressed.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    expect(name + ": PDF pages are A4", bool(boxes) and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1
                                                           for w, h in boxes), True)
    print("%s: %d groups, %d items, %d PDF pages checked" % (name, len(groups), len(model["items"]), len(boxes)))


check("lke-zi-2024", os.path.join(source, "criteria", "lke-zi-2024.zi"), "id")
check("kecil-en", os.path.join(source, "tests", "frontend", "doc", "kecil.zi"), "en")
print("doc_page: %s" % ("FAILED" if failed else "ok"))
sys.exit(1 if failed else 0)
