#!/usr/bin/env python3
"""codes_table.py ROOT — the table of diagnostic codes in C (compiler/diag_codes.c, which SARIF's rules come
from) is the table of docs/language.md §6: the same codes in the same order, each with the same severity and
the same meaning, word for word."""
import os
import re
import sys

root = sys.argv[1]
with open(os.path.join(root, "docs/language.md"), encoding="utf-8") as f:
    docs = [m.groups() for m in (re.match(r"^\| ([EW][0-9]{3}) \| (error|warning) \| (.*) \|$", line.rstrip("\n"))
                                 for line in f) if m]
with open(os.path.join(root, "compiler/diag_codes.c"), encoding="utf-8") as f:
    source = f.read()
table = []
# {"E001", ZI_SEV_ERROR, "text" "more text"}: clang-format splits long strings into adjacent literals.
for m in re.finditer(r'\{"([EW][0-9]{3})", ZI_SEV_(ERROR|WARNING),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\}', source):
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(3))
    meaning = "".join(literals).replace('\\"', '"').replace("\\\\", "\\")
    table.append((m.group(1), m.group(2).lower(), meaning))

failed = False
if not docs or not table:
    print(f"FAIL: {len(docs)} codes in the docs, {len(table)} in compiler/diag_codes.c")
    failed = True
for i in range(max(len(docs), len(table))):
    d = docs[i] if i < len(docs) else None
    c = table[i] if i < len(table) else None
    if d != c:
        print(f"FAIL: entry {i + 1}: docs/language.md has {d}, compiler/diag_codes.c has {c}")
        failed = True
if failed:
    sys.exit(1)
print(f"ok: the {len(table)} codes of compiler/diag_codes.c are docs/language.md's table, entry by entry")
