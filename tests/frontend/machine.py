#!/usr/bin/env python3
"""machine.py ZIC ROOT — the machine-readable diagnostics of `zic check`.

SARIF: every golden case of tests/frontend/golden (and all of them in one run) gives a document that validates
against the official SARIF 2.1.0 schema (tests/frontend/sarif), with one result per diagnostic of the text
output, the same codes, lines and columns, and the fix-its as replacements; tool.driver.rules holds each code
used, once, with its meaning from the table of docs/language.md §6, and each result's ruleIndex points at its rule.
JSON: the same diagnostics, fields and fix-its, for tests/frontend/golden/fixits.zi compared to fixits.json.
"""
import glob
import json
import os
import re
import subprocess
import sys

import jsonschema

zic, root = os.path.abspath(sys.argv[1]), sys.argv[2]
golden = os.path.join(root, "tests/frontend/golden")
with open(os.path.join(root, "tests/frontend/sarif/sarif-schema-2.1.0.json"), encoding="utf-8") as f:
    schema = json.load(f)
validator = jsonschema.Draft4Validator(schema)
failed = 0


def fail(message):
    global failed
    failed += 1
    print("FAIL: " + message)


def run(args):
    env = dict(os.environ, NO_COLOR="")
    # ZI_TEST_EXEC (valgrind, in scripts/test.sh) goes in front of every zic the test runs.
    prefix = os.environ.get("ZI_TEST_EXEC", "").split()
    return subprocess.run(prefix + [zic, "check", "--color=never"] + args, cwd=golden, capture_output=True,
                          env=env)


def text_diagnostics(stderr):
    """(code, file, line, column) of each diagnostic in the text output, in order."""
    found = []
    for line in stderr.decode("utf-8", "replace").splitlines():
        m = re.match(r"^(\S+?):(\d+):(\d+): (?:error|warning): .* \[([EW]\d{3})[],]", line)
        if m:
            found.append((m.group(4), m.group(1), int(m.group(2)), int(m.group(3))))
    return found


def text_notes(stderr):
    """(file, line, column) of each note with a place in the text output, in order."""
    return [(m.group(1), int(m.group(2)), int(m.group(3)))
            for m in (re.match(r"^(\S+?):(\d+):(\d+): note: ", line)
                      for line in stderr.decode("utf-8", "replace").splitlines()) if m]


# The code table of docs/language.md §6: code -> meaning (Markdown).
documented = {}
with open(os.path.join(root, "docs/language.md"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r"^\| ([EW][0-9]{3}) \| (?:error|warning) \| (.*) \|$", line.rstrip("\n"))
        if m:
            documented[m.group(1)] = m.group(2)

cases = sorted(os.path.basename(p) for p in glob.glob(os.path.join(golden, "*.zi")))
for case in cases + [cases]:
    files = case if isinstance(case, list) else [case]
    name = "all cases" if isinstance(case, list) else case
    sarif = run(["--diagnostics-format=sarif"] + files)
    text = run(files)
    if sarif.returncode != text.returncode:
        fail(f"{name}: exit {sarif.returncode} with sarif, {text.returncode} with text")
    try:
        doc = json.loads(sarif.stdout)
    except ValueError as e:
        fail(f"{name}: not JSON: {e}")
        continue
    errors = sorted(validator.iter_errors(doc), key=str)
    for e in errors[:3]:
        fail(f"{name}: SARIF schema: {e.message} at {list(e.absolute_path)}")
    results = doc["runs"][0]["results"]
    # Each result and related location names its own file: a criteria's base is a file of its own.
    got = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in results]
    want = text_diagnostics(text.stderr)
    if got != want:
        fail(f"{name}: SARIF results {got} differ from the text diagnostics {want}")
    related = [(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"],
                loc["physicalLocation"]["region"]["startColumn"])
               for r in results for loc in r.get("relatedLocations", []) if "physicalLocation" in loc]
    if related != text_notes(text.stderr):
        fail(f"{name}: SARIF related locations {related} differ from the text notes {text_notes(text.stderr)}")
    for r in results:
        if r["level"] not in ("error", "warning"):
            fail(f"{name}: level {r['level']}")
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    used = list(dict.fromkeys(r["ruleId"] for r in results))
    if [rule["id"] for rule in rules] != used:
        fail(f"{name}: rules {[rule['id'] for rule in rules]}, expected the codes used {used}")
    for r in results:
        if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
            fail(f"{name}: ruleIndex {r['ruleIndex']} of {r['ruleId']} points at {rules[r['ruleIndex']]['id']}")
    for rule in rules:
        want_level = "error" if rule["id"][0] == "E" else "warning"
        if (rule["shortDescription"]["markdown"] != documented.get(rule["id"]) or
                rule["defaultConfiguration"]["level"] != want_level):
            fail(f"{name}: rule {rule} is not the docs' {rule['id']}: {documented.get(rule['id'])}")

# The JSON shape compared whole: fix-its (fixits.zi), and diagnostics and notes in a base file, each with its own
# file (extends_duplicate.zi).
for case, want_exit in (("fixits", 1), ("extends_duplicate", 1)):
    out = run(["--diagnostics-format=json", case + ".zi"])
    actual = json.loads(out.stdout)
    actual["tool"] = "zic"  # the version changes with every release and LLVM
    path = os.path.join(golden, case + ".json")
    if "--update" in sys.argv:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(actual, f, indent=1, ensure_ascii=False)
            f.write("\n")
    else:
        with open(path, encoding="utf-8") as f:
            expected = json.load(f)
        if actual != expected:
            fail(f"{case}.zi: --diagnostics-format=json differs from {case}.json:\n" +
                 json.dumps(actual, indent=1, ensure_ascii=False))
    if out.returncode != want_exit:
        fail(f"{case}.zi: exit {out.returncode}, expected {want_exit}")

if failed:
    sys.exit(1)
print(f"ok: {len(cases)} golden cases give valid SARIF 2.1.0 matching the text diagnostics; JSON as expected")
