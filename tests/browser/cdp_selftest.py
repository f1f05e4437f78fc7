#!/usr/bin/env python3
"""cdp_selftest.py WORKDIR — the browser harness (cdp.py) sees what a page does, so that the page tests that rely
on an empty list of errors and requests are not passing because the harness is blind.

A clean page reports nothing; a page that logs an error, throws and asks for an image on the network has each
of these reported; evaluation, the screenshot (PNG) and the A4 PDF work; the command line's exit codes are 0 for
the clean page and 1 for the other; no Chromium process is left behind.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

work = sys.argv[1]
failed = 0


def expect(what, got, want):
    global failed
    if got != want:
        failed += 1
        print("FAIL: %s: got %r, want %r" % (what, got, want))


clean = os.path.join(work, "cdp_clean.html")
dirty = os.path.join(work, "cdp_dirty.html")
with open(clean, "w", encoding="utf-8") as f:
    f.write('<!doctype html><meta charset="utf-8"><title>bersih</title><img src="data:image/gif;base64,'
            'R0lGODlhAQABAAAAACw="><p id="n" data-v="87.5">87,50</p>'
            '<script>console.log("siap")</script>')
with open(dirty, "w", encoding="utf-8") as f:
    f.write('<!doctype html><title>kotor</title><script>console.error("salah")</script>'
            '<img src="http://zic.invalid/logo.png"><script>throw new Error("boom")</script>')

with cdp.Browser() as browser:
    page = browser.open(clean)
    expect("clean: errors", page.errors(), [])
    expect("clean: exceptions", page.exceptions, [])
    expect("clean: requests", page.requests, [])
    expect("clean: console.log seen", [m["text"] for m in page.console if m["level"] == "log"], ["siap"])
    expect("eval", page.eval("document.getElementById('n').dataset.v"), "87.5")
    expect("eval awaits", page.eval("Promise.resolve(6 * 7)"), 42)
    png, pdf = os.path.join(work, "cdp_clean.png"), os.path.join(work, "cdp_clean.pdf")
    page.screenshot(png)
    page.pdf(pdf)
    with open(png, "rb") as f:
        expect("screenshot is a PNG", f.read(8), b"\x89PNG\r\n\x1a\n")
    with open(pdf, "rb") as f:
        expect("print is a PDF", f.read(5), b"%PDF-")
    try:
        page.eval("undefinedName.x")
        expect("eval of a throwing expression raises", False, True)
    except cdp.BrowserError as e:
        expect("eval error names the cause", "undefinedName" in str(e), True)

    page = browser.open(dirty)
    expect("dirty: console error", "salah" in page.errors(), True)
    expect("dirty: exception", len(page.exceptions) == 1 and "boom" in page.exceptions[0], True)
    expect("dirty: request", page.requests, ["http://zic.invalid/logo.png"])
    pid = browser.proc.pid

try:
    os.killpg(pid, 0)
    expect("chromium killed on exit", "alive", "gone")
except ProcessLookupError:
    pass

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cdp.py")
run = subprocess.run([sys.executable, here, "check", clean, "--eval", "document.title"], capture_output=True)
expect("cli clean exit", run.returncode, 0)
expect("cli eval", json.loads(run.stdout)["eval"], ["bersih"])
run = subprocess.run([sys.executable, here, "check", dirty], capture_output=True)
expect("cli dirty exit", run.returncode, 1)

print("cdp_selftest: %s" % ("FAILED" if failed else "ok"))
sys.exit(1 if failed else 0)
