#!/usr/bin/env python3
"""editors.py ROOT — the editor grammars of editors/ are usable and complete: the TextMate grammar and the
VS Code manifest parse as JSON, every regular expression of the TextMate grammar compiles (Python's re accepts
the Oniguruma subset they use), and every keyword of the scanner (grammar/scanner.l) is highlighted by both the
TextMate grammar and the Vim syntax file."""
import json
import os
import re
import sys

root = sys.argv[1]
failed = []
with open(os.path.join(root, "editors/vscode/package.json"), encoding="utf-8") as f:
    package = json.load(f)
grammar_path = os.path.join(root, "editors/vscode", package["contributes"]["grammars"][0]["path"])
with open(grammar_path, encoding="utf-8") as f:
    grammar = json.load(f)
with open(os.path.join(root, "editors/vscode/language-configuration.json"), encoding="utf-8") as f:
    json.load(f)

regexes = []


def walk(node):
    if isinstance(node, dict):
        for key in ("match", "begin", "end"):
            if key in node:
                regexes.append(node[key])
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)


walk(grammar)
for rx in regexes:
    try:
        re.compile(rx)
    except re.error as e:
        failed.append(f"TextMate regex {rx!r} does not compile: {e}")

with open(os.path.join(root, "grammar/scanner.l"), encoding="utf-8") as f:
    keywords = re.findall(r'^"([a-z]+)"\s', f.read(), re.M)
with open(os.path.join(root, "editors/vim/syntax/zi.vim"), encoding="utf-8") as f:
    vim_words = set()
    for line in f:
        if line.startswith("syn keyword"):
            vim_words.update(line.split()[3:])
for word in keywords:
    if not any(re.fullmatch(p["match"], word) for p in grammar["repository"]["keywords"]["patterns"]):
        failed.append(f"keyword '{word}' is not in the TextMate grammar's keywords")
    if word not in vim_words:
        failed.append(f"keyword '{word}' is not in editors/vim/syntax/zi.vim")
if not os.path.exists(os.path.join(root, "editors/vim/ftdetect/zi.vim")):
    failed.append("no editors/vim/ftdetect/zi.vim")
if len(keywords) < 20:
    failed.append(f"found only {len(keywords)} keywords in grammar/scanner.l")
for message in failed:
    print("FAIL: " + message)
if failed:
    sys.exit(1)
print(f"ok: {len(regexes)} TextMate regexes compile; {len(keywords)} scanner keywords in both grammars")
