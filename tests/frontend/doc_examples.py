#!/usr/bin/env python3
"""doc_examples.py ZIC DOC.md... — every `zi` example of the documents is checked as its marker says.

A ```zi block must be preceded (on the line before it) by one of:
  <!-- zi-example: clean -->             a whole file: `zic check` prints nothing and exits 0
  <!-- zi-example: syntax -->            an excerpt: lines holding only '…' are dropped, a block not starting
                                         with `criteria` is wrapped in one; no lexical or syntax error
                                         (codes E001-E014)
  <!-- zi-example: errors CODE... -->    a whole file: exactly these codes, in order of position
  <!-- zi-example: file NAME.zi -->      a whole file that checks clean, kept as NAME.zi beside the examples that
                                         follow in the same document, so that they can `extends "NAME.zi"`
"""
import os
import re
import subprocess
import sys
import tempfile

zic = os.path.abspath(sys.argv[1])
failed = 0
checked = 0


def codes_of(tmp, text, name="example.zi"):
    """Checks `text` saved as `name` in the folder `tmp`, beside the files kept for `extends`; a diagnostic in
    such a base counts as the example's own."""
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    # ZI_TEST_EXEC (valgrind, in scripts/test.sh) goes in front of every zic the test runs.
    prefix = os.environ.get("ZI_TEST_EXEC", "").split()
    out = subprocess.run(prefix + [zic, "check", "--color=never", name], cwd=tmp, capture_output=True,
                         env=dict(os.environ, NO_COLOR=""))
    found = re.findall(r"^\S+?\.zi:\d+:\d+: (?:error|warning): .* \[([EW]\d{3})[],]", out.stderr.decode(), re.M)
    return out.returncode, found, out.stderr.decode() + out.stdout.decode()


for doc in sys.argv[2:]:
    files = tempfile.TemporaryDirectory()
    with open(doc, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line.strip() != "```zi":
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
        body = "\n".join(lines[i + 1:end]) + "\n"
        where = f"{os.path.basename(doc)}:{i + 1}"
        marker = re.match(r"<!-- zi-example: (clean|syntax|errors|file)((?: [EW]\d{3})*| [\w-]+\.zi) -->$",
                          lines[i - 1].strip()) if i else None
        if not marker:
            print(f"FAIL: {where}: a zi example without a '<!-- zi-example: … -->' marker on the line before")
            failed += 1
            continue
        checked += 1
        mode, expected = marker.group(1), marker.group(2).split()
        if mode == "file":
            status, codes, output = codes_of(files.name, body, expected[0])
            if status != 0 or output:
                print(f"FAIL: {where}: {expected[0]} is expected to check clean, got exit {status}:\n{output}")
                failed += 1
            continue
        if mode == "syntax":
            body = "\n".join(l for l in body.split("\n") if l.strip() != "…") + "\n"
            if not body.lstrip().startswith("criteria"):
                body = "criteria example {\n" + body + "}\n"
        status, codes, output = codes_of(files.name, body)
        if mode == "clean" and (status != 0 or output):
            print(f"FAIL: {where}: expected to check clean, got exit {status}:\n{output}")
            failed += 1
        elif mode == "syntax" and any(c[0] == "E" and int(c[1:]) <= 14 for c in codes):
            print(f"FAIL: {where}: lexical or syntax errors in an example:\n{output}")
            failed += 1
        elif mode == "errors" and codes != expected:
            print(f"FAIL: {where}: expected {' '.join(expected)}, got {' '.join(codes)}:\n{output}")
            failed += 1

    files.cleanup()

if failed:
    sys.exit(1)
print(f"ok: {checked} examples checked as their markers say")
