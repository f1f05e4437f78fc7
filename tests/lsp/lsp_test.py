#!/usr/bin/python3
"""lsp_test.py ZIC SOURCE_DIR TMP_DIR — `zic lsp` driven by a scripted LSP client over stdio, as an editor
drives it: the lifecycle, diagnostics as the text changes (the exact messages, codes and ranges of `zic check`),
fix-its as code actions, hover, go to definition, completion and formatting at known positions, a file that
`extends` criteria/lke-zi-2021.zi, a base with an error, positions after multi-byte characters (UTF-16), and
the protocol's errors. Under ZI_TEST_EXEC (valgrind, from scripts/test.sh) the server runs wrapped in it.
Python standard library only."""
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading

zic, source_dir, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
TIMEOUT = 300  # seconds for one answer: valgrind is slow to start a server that links LLVM
failures = []


def check(what, got, want):
    if got != want:
        failures.append(what)
        print(f"FAIL: {what}\n  got:  {json.dumps(got, ensure_ascii=False)}\n  want: {json.dumps(want, ensure_ascii=False)}")


def uri_of(path):
    return "file://" + os.path.realpath(path)


class Server:
    """`zic lsp` in a process; messages read on a thread so that a hung server fails the test, not CI."""

    def __init__(self):
        prefix = os.environ.get("ZI_TEST_EXEC", "").split()
        self.proc = subprocess.Popen(prefix + [zic, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.messages = queue.Queue()
        self.notes = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send_raw(self, body):
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(dict(message, jsonrpc="2.0")).encode())

    def notify(self, method, params=None):
        self.send({"method": method, "params": params or {}})

    def _next(self):
        message = self.messages.get(timeout=TIMEOUT)
        if message is None:
            raise RuntimeError("the server closed its output")
        return message

    def request(self, method, params=None):
        """The response (result or error) to one request; notifications meanwhile are kept."""
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params or {}})
        while True:
            message = self._next()
            if "method" in message:
                self.notes.append(message)
            elif message.get("id") == self.next_id:
                return message

    def response(self):
        """The next response (to a message without an id of ours: a parse error)."""
        while True:
            message = self._next()
            if "method" not in message:
                return message
            self.notes.append(message)

    def diagnostics(self, uri):
        """The next diagnostics published for `uri`."""
        while True:
            for i, note in enumerate(self.notes):
                if note["method"] == "textDocument/publishDiagnostics" and note["params"]["uri"] == uri:
                    del self.notes[i]
                    return note["params"]["diagnostics"]
            self.notes.append(self._next())

    def finish(self):
        self.request("shutdown")
        self.notify("exit")
        return self.proc.wait(timeout=TIMEOUT)


def pos(line, character):
    return {"line": line, "character": character}


def rng(line, start, end_line, end):
    return {"start": pos(line, start), "end": pos(end_line, end)}


def doc(uri, line, character):
    return {"textDocument": {"uri": uri}, "position": pos(line, character)}


def labels(completion):
    return sorted(item["label"] for item in completion["result"])


clean = open(os.path.join(source_dir, "tests/lsp/uji.zi"), encoding="utf-8").read()
work = os.path.join(tmp, "lsp")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
uji_path = os.path.join(work, "uji.zi")
with open(uji_path, "w", encoding="utf-8") as f:
    f.write(clean)
uji = uri_of(uji_path)

server = Server()

# ---- the lifecycle, and what comes before it ----
check("a request before initialize", server.request("textDocument/hover", doc(uji, 0, 0)).get("error"),
      {"code": -32002, "message": "the server is not initialized: send 'initialize' first"})
init = server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})["result"]
check("capabilities", init["capabilities"], {
    "positionEncoding": "utf-16",
    "textDocumentSync": {"openClose": True, "change": 1, "save": {"includeText": False}},
    "hoverProvider": True, "definitionProvider": True,
    "completionProvider": {"triggerCharacters": [":", ".", "\""]},
    "codeActionProvider": {"codeActionKinds": ["quickfix"]},
    "documentFormattingProvider": True})
check("server name", init["serverInfo"]["name"], "zic")
server.notify("initialized")

# ---- diagnostics as you type ----
# A decimal comma after an em dash, an en dash and U+1F4CB (two UTF-16 code units): zic check says column 107
# (code points); LSP counts 107 UTF-16 units before it (106 code points, one of them two units).
comma = clean.replace("weight 40 = answer", "weight 40,0 = answer")
server.notify("textDocument/didOpen", {"textDocument": {"uri": uji, "languageId": "zi", "version": 1, "text": comma}})
e014 = {"range": rng(13, 107, 13, 108), "severity": 1, "code": "E014", "source": "zic",
        "message": "decimal comma in '40,0'; write 40.0 (numbers take a decimal point; two numbers take a space "
                   "after the comma: '40, 0')"}
check("a syntax error after multi-byte characters", server.diagnostics(uji), [e014])
actions = server.request("textDocument/codeAction", {"textDocument": {"uri": uji}, "range": rng(13, 107, 13, 107),
                                                     "context": {"diagnostics": []}})["result"]
check("the fix-it as a code action", actions, [{
    "title": "Replace ',' with '.'", "kind": "quickfix", "diagnostics": [e014], "isPreferred": True,
    "edit": {"changes": {uji: [{"range": rng(13, 107, 13, 108), "newText": "."}]}}}])
check("no code action elsewhere", server.request("textDocument/codeAction", {
    "textDocument": {"uri": uji}, "range": rng(2, 0, 2, 5), "context": {"diagnostics": []}})["result"], [])

# Errors of the checks: a warning, a hint (a note without a place: a line of the message, as the terminal
# prints it under the error) and a note with a place (relatedInformation).
checks = clean.replace(": abc\n", ": abcd\n").replace('"A.I.1.i.b"', '"A.I.1.i.a"')
server.notify("textDocument/didChange", {"textDocument": {"uri": uji, "version": 2}, "contentChanges": [{"text": checks}]})
check("the checks' diagnostics", server.diagnostics(uji), [
    {"range": rng(5, 8, 5, 11), "severity": 2, "code": "W101", "source": "zic", "message": "scale 'abc' is never used"},
    {"range": rng(9, 15, 9, 26), "severity": 1, "code": "E021", "source": "zic",
     "message": "item code 'A.I.1.i.a' is already used",
     "relatedInformation": [{"location": {"uri": uji, "range": rng(8, 15, 8, 26)},
                             "message": "first used here"}]},
    {"range": rng(9, 89, 9, 93), "severity": 1, "code": "E032", "source": "zic",
     "message": "unknown answer type 'abcd'; did you mean 'abc'?\n"
                "note: an answer type is 'number', 'percent', 'count' or a scale's name"}])

# A ranged change (clients may send one whatever the server asks): the slips undone one by one.
server.notify("textDocument/didChange", {"textDocument": {"uri": uji, "version": 3}, "contentChanges": [
    {"range": rng(9, 89, 9, 93), "text": "abc"}, {"range": rng(9, 15, 9, 26), "text": '"A.I.1.i.b"'}]})
check("the diagnostics go once the text is fixed", server.diagnostics(uji), [])

# ---- hover ----
hover = server.request("textDocument/hover", doc(uji, 8, 18))["result"]
check("hover on an item's code: range", hover["range"], rng(8, 15, 8, 26))
check("hover on an item's code", hover["contents"], {"kind": "markdown", "value": (
    "**A.I.1.i.a** — question `pengungkit.tim_kerja.a`\n\nUnit kerja telah membentuk tim\n\n"
    "Maximum points: **30** in group `tim_kerja` \"Penyusunan Tim Kerja\"\n\n"
    "Scale `ya_tidak` \"Ya/Tidak\":\n\n| Answer | Score | Points |\n|---|---|---|\n| \"Ya\" | 1 | 30 |\n"
    "| \"Tidak\" | 0 | 0 |\n\nRead by:\n\n- verdict **WBK**: `total >= 75` (through what holds it)\n"
    "- verdict **WBK**: `siap` (through what holds it)")})
hover = server.request("textDocument/hover", doc(uji, 15, 40))["result"]
check("hover on a group path", hover["contents"]["value"], (
    "**Penyusunan Tim Kerja** — group `pengungkit.tim_kerja` (A.I.1.i)\n\nWeight (maximum points): **60**\n\n"
    "2 members; scores its weight × the mean of its members' scores.\n\nRead by:\n\n"
    "- verdict **WBK**: `total >= 75` (through what holds it)\n- verdict **WBK**: `siap` (through what holds it)"))
check("hover on a group path: the segment under the cursor", hover["range"], rng(15, 39, 15, 48))
check("hover on a scale", server.request("textDocument/hover", doc(uji, 9, 92))["result"]["contents"]["value"],
      "**scale `abc`** — A/B/C\n\n| Answer | Score |\n|---|---|\n| \"A\" | 1 |\n| \"B\" | 0.5 |\n| \"C\" | 0 |")
# `answer` after the em dash, the en dash and U+1F4CB: 109 code points before it, 110 UTF-16 units; UTF-16
# character 111 is its 'n'.
hover = server.request("textDocument/hover", doc(uji, 13, 111))["result"]
check("hover after multi-byte characters: range", hover["range"], rng(13, 110, 13, 116))
check("hover after multi-byte characters", hover["contents"]["value"].split("\n")[0],
      "**Indeks Persepsi Anti Korupsi (IPAK) — skala 0–4 📋** — input `B.I.a`: number in [0, 4]")
check("hover on a let", server.request("textDocument/hover", doc(uji, 19, 5))["result"]["contents"]["value"],
      "**let siap** — Siap dinilai\n\n`= pengungkit.tim_kerja >= 30`\n\nRead by:\n\n- verdict **WBK**: `siap`")
check("hover on a fact", server.request("textDocument/hover", doc(uji, 27, 15))["result"]["contents"]["value"],
      "**Nilai SAKIP instansi** — fact `instansi.sakip`: nilai\n\nRead by:\n\n"
      "- prerequisites of **WBK**: `instansi.sakip >= \"B\"`")
check("hover on a facts block", server.request("textDocument/hover", doc(uji, 27, 6))["result"]["contents"]["value"],
      "**facts instansi** — Data Instansi\n\nRead by:\n\n"
      "- prerequisites of **WBK**: `instansi.sakip >= \"B\"` (through what holds it)")
check("hover on a grade", server.request("textDocument/hover", doc(uji, 24, 40))["result"]["contents"]["value"],
      "**grade `nilai`** — Nilai SAKIP\n\nValues, best first: \"AA\", \"A\", \"B\", \"C\"")
check("hover on a keyword", server.request("textDocument/hover", doc(uji, 16, 3))["result"], None)

# ---- go to definition ----
check("definition of a scale", server.request("textDocument/definition", doc(uji, 8, 62))["result"],
      {"uri": uji, "range": rng(4, 8, 4, 16)})
check("definition of a group in a path", server.request("textDocument/definition", doc(uji, 15, 40))["result"],
      {"uri": uji, "range": rng(7, 10, 7, 19)})
check("definition of a let", server.request("textDocument/definition", doc(uji, 19, 6))["result"],
      {"uri": uji, "range": rng(15, 6, 15, 10)})
check("definition of a verdict", server.request("textDocument/definition", doc(uji, 16, 11))["result"],
      {"uri": uji, "range": rng(16, 10, 16, 13)})
check("definition of a fact", server.request("textDocument/definition", doc(uji, 27, 15))["result"],
      {"uri": uji, "range": rng(24, 9, 24, 14)})
check("definition of a grade", server.request("textDocument/definition", doc(uji, 24, 40))["result"],
      {"uri": uji, "range": rng(22, 8, 22, 13)})
check("definition of a verdict named by prerequisites", server.request("textDocument/definition", doc(uji, 26, 16))["result"],
      {"uri": uji, "range": rng(16, 10, 16, 13)})
check("definition of nothing", server.request("textDocument/definition", doc(uji, 0, 3))["result"], None)

# ---- completion ----
check("completion of scale names after ':'", labels(server.request("textDocument/completion", doc(uji, 8, 62))),
      ["abc", "boolean", "count", "nilai", "number", "percent", "ya_tidak"])
check("completion of a group's members after '.'", labels(server.request("textDocument/completion", doc(uji, 15, 39))),
      ["tim_kerja"])
item = server.request("textDocument/completion", doc(uji, 18, 10))["result"]
check("completion replaces the segment typed", [i for i in item if i["label"] == "ipak"],
      [{"label": "ipak", "kind": 5, "detail": "B.I.a", "textEdit": {"range": rng(18, 10, 18, 10), "newText": "ipak"}}])
top = labels(server.request("textDocument/completion", doc(uji, 17, 4)))
check("completion at the start of a condition: names", [l for l in top if l in ("hasil", "pengungkit", "siap", "total")],
      ["hasil", "pengungkit", "siap", "total"])
with open(os.path.join(source_dir, "grammar/scanner.l"), encoding="utf-8") as f:
    scanner_keywords = sorted(set(re.findall(r'^"([a-z]+)"\s', f.read(), re.M)))
keywords = sorted(i["label"] for i in server.request("textDocument/completion", doc(uji, 17, 4))["result"] if i["kind"] == 14)
check("completion offers every keyword of the scanner", keywords, scanner_keywords)

# ---- formatting (zic fmt's canonical layout: the same text as `zic fmt -`) ----
# uji.zi is laid out by hand (no blank lines around its groups); `zic fmt` would add them.
prefix = os.environ.get("ZI_TEST_EXEC", "").split()
canonical = subprocess.run(prefix + [zic, "fmt", "-"], input=clean.encode(), capture_output=True, check=True).stdout.decode()
check("zic fmt puts a blank line before a group", "= 0 }\n\n  group pengungkit" in canonical, True)
messy = clean.replace("  regulation", "regulation      ")
server.notify("textDocument/didChange", {"textDocument": {"uri": uji, "version": 4}, "contentChanges": [{"text": messy}]})
check("a messy layout checks clean", server.diagnostics(uji), [])
formatting = {"textDocument": {"uri": uji}, "options": {"tabSize": 2, "insertSpaces": True}}
edits = server.request("textDocument/formatting", formatting)["result"]
check("formatting: one edit, the whole text", [e["range"] for e in edits], [rng(0, 0, 30, 0)])
check("formatting: the canonical text, as zic fmt writes it", edits[0]["newText"] if edits else None, canonical)
server.notify("textDocument/didChange", {"textDocument": {"uri": uji, "version": 5}, "contentChanges": [{"text": canonical}]})
server.diagnostics(uji)
check("formatting a formatted file: no edit", server.request("textDocument/formatting", formatting)["result"], [])
server.notify("textDocument/didChange", {"textDocument": {"uri": uji, "version": 6}, "contentChanges": [{"text": comma}]})
server.diagnostics(uji)
check("a file that does not parse is not formatted", server.request("textDocument/formatting", formatting).get("error"),
      {"code": -32803, "message": "the file does not parse, so it is not formatted: fix the errors shown first"})

# ---- a file that extends criteria/lke-zi-2021.zi (the bundled variant, compiled from the editor's text) ----
variant_path = os.path.join(source_dir, "criteria/lke-zi-2021-bersih-wbk.zi")
variant, base = uri_of(variant_path), uri_of(os.path.join(source_dir, "criteria/lke-zi-2021.zi"))
base_abs = os.path.realpath(os.path.join(source_dir, "criteria/lke-zi-2021.zi"))
variant_text = open(variant_path, encoding="utf-8").read()
server.notify("textDocument/didOpen", {"textDocument": {"uri": variant, "languageId": "zi", "version": 1,
                                                        "text": variant_text}})


def line_of(text, needle):
    """The 0-based line of `text` holding `needle`, and the needle's column (the bundled files change)."""
    for number, line in enumerate(text.split("\n")):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(f"{needle!r} is not in the file")



check("the bundled variant is clean", server.diagnostics(variant), [])
# `replace hasil.bersih >= 19.5 with …`: the base's group, its weight and who reads it.
line, column = line_of(variant_text, "replace hasil.bersih >= 19.5")
hover = server.request("textDocument/hover", doc(variant, line, column + 16))["result"]["contents"]["value"]
check("hover across extends", hover.split("\n\n")[:2],
      ["**Birokrasi yang Bersih dan Akuntabel** — group `hasil.bersih` (B.I)", "Weight (maximum points): **22.5**"])
check("hover across extends: the variant's thresholds", "- verdict **WBBM**: `hasil.bersih >= 18.25`" in hover, True)
# `capaian` in `replace hasil.bersih.capaian >= 3.75 …`: the item, at its code in the base.
line, column = line_of(variant_text, "replace hasil.bersih.capaian")
base_line, base_column = line_of(open(base_abs, encoding="utf-8").read(), '"B.I.b" capaian')
check("definition across extends", server.request("textDocument/definition", doc(variant, line, column + 23))["result"],
      {"uri": base, "range": rng(base_line, base_column, base_line, base_column + 7)})

# The bundled LKE itself: a view, and an item that the predicates read through its groups and the view.
lke_text = open(base_abs, encoding="utf-8").read()
server.notify("textDocument/didOpen", {"textDocument": {"uri": base, "languageId": "zi", "version": 1, "text": lke_text}})
check("the bundled LKE is clean", server.diagnostics(base), [])
line, column = line_of(lke_text, "all area >= 75%")
check("hover on a view", server.request("textDocument/hover", doc(base, line, column + 5))["result"]["contents"]["value"],
      "**view area** — Area (Pemenuhan + Reform)\n\n"
      "`view area \"Area (Pemenuhan + Reform)\" = pengungkit.pemenuhan + pengungkit.reform`\n\n6 members\n\n"
      "Read by:\n\n- verdict **WBBM**: `all area >= 75%`\n- verdict **WBK**: `all area >= 60%`")
line, column = line_of(lke_text, 'question "A.I.1.i.a"')
hover = server.request("textDocument/hover", doc(base, line, column + 12))["result"]["contents"]["value"]
check("hover on an LKE item: its points", "Maximum points: **0.25** in group `tim_kerja` \"Penyusunan Tim Kerja\"" in hover, True)
check("hover on an LKE item: the predicates that read it", hover.split("Read by:\n\n")[1].split("\n"), [
    "- verdict **WBBM**: `total >= 85` (through what holds it)",
    "- verdict **WBBM**: `pengungkit >= 48` (through what holds it)",
    "- verdict **WBBM**: `all area >= 75%` (through what holds it)",
    "- verdict **WBK**: `total >= 75` (through what holds it)",
    "- verdict **WBK**: `pengungkit >= 40` (through what holds it)",
    "- verdict **WBK**: `all area >= 60%` (through what holds it)"])
server.notify("textDocument/didClose", {"textDocument": {"uri": base}})
check("closing the LKE clears its diagnostics", server.diagnostics(base), [])

# A variant of it in another folder (absolute base path), with an edit naming an item the base lacks; its
# codes complete from the base.
ext_path = os.path.join(work, "varian.zi")
ext = uri_of(ext_path)
ext_text = ('criteria varian "Varian — ujicoba" extends "%s" {\n  regulation "Uji"\n  replace weight "B.I.z" 5\n}\n'
            % base_abs)
server.notify("textDocument/didOpen", {"textDocument": {"uri": ext, "languageId": "zi", "version": 1, "text": ext_text}})
diagnostics = server.diagnostics(ext)
check("an edit of an item the base lacks", [(d["code"], d["range"]) for d in diagnostics], [("E054", rng(2, 17, 2, 24))])
codes = labels(server.request("textDocument/completion", doc(ext, 2, 19)))
check("item codes of the base complete in an edit", ("A.I.1.i.a" in codes, "B.I.b" in codes, len(codes)), (True, True, 113))

# A base with an error: published for the base's URI (the editor shows it there), cleared once the variant no
# longer extends it.
shutil.copy(os.path.join(source_dir, "tests/frontend/golden/bases/weights_e025.zi"), os.path.join(work, "rusak.zi"))
broken_base = uri_of(os.path.join(work, "rusak.zi"))
server.notify("textDocument/didChange", {"textDocument": {"uri": ext, "version": 2}, "contentChanges": [
    {"text": 'criteria varian "Varian" extends "rusak.zi" {\n  regulation "Uji"\n}\n'}]})
check("the variant's own diagnostics", server.diagnostics(ext), [])
check("an error of the base, for the base", [(d["code"], d["range"]) for d in server.diagnostics(broken_base)],
      [("E025", rng(4, 39, 4, 41))])
# The base fixed and saved (in another tab): the variant is compiled again, and the base's error goes.
with open(os.path.join(work, "rusak.zi"), encoding="utf-8") as f:
    fixed = f.read().replace(": ya_tidak weight 15", ": ya_tidak weight 20")
with open(os.path.join(work, "rusak.zi"), "w", encoding="utf-8") as f:
    f.write(fixed)
server.notify("textDocument/didSave", {"textDocument": {"uri": broken_base}})
check("a base saved: its variant compiled again", [(d["code"], d["range"]) for d in server.diagnostics(broken_base)], [])
check("a base saved: the variant is clean", server.diagnostics(ext), [])
with open(os.path.join(work, "rusak.zi"), "w", encoding="utf-8") as f:
    f.write(open(os.path.join(source_dir, "tests/frontend/golden/bases/weights_e025.zi"), encoding="utf-8").read())
server.notify("textDocument/didSave", {"textDocument": {"uri": broken_base}})
check("a base broken again and saved", [d["code"] for d in server.diagnostics(broken_base)], ["E025"])
server.diagnostics(ext)
server.notify("textDocument/didChange", {"textDocument": {"uri": ext, "version": 3}, "contentChanges": [{"text": ext_text}]})
check("the base's diagnostics are cleared", server.diagnostics(broken_base), [])
check("the variant's error is back", [d["code"] for d in server.diagnostics(ext)], ["E054"])
server.notify("textDocument/didClose", {"textDocument": {"uri": ext}})
check("closing clears the document's diagnostics", server.diagnostics(ext), [])

# An unsaved buffer has no folder: `extends` is refused as from memory (E055), not guessed.
untitled = "untitled:Untitled-1"
server.notify("textDocument/didOpen", {"textDocument": {"uri": untitled, "languageId": "zi", "version": 1,
                                                        "text": 'criteria v "V" extends "lke-zi-2021.zi" {\n}\n'}})
check("an unsaved buffer cannot extend", [d["code"] for d in server.diagnostics(untitled)], ["E055"])

# ---- the protocol's errors ----
server.send_raw(b"{not json")
check("a body that is not JSON", server.response(), {"jsonrpc": "2.0", "id": None, "error": {
    "code": -32700, "message": "the message is not JSON"}})
server.send_raw(b"[1, 2]")
check("JSON that is no request", server.response()["error"]["code"], -32600)
check("an unknown request", server.request("textDocument/rename", doc(uji, 0, 0))["error"],
      {"code": -32601, "message": "unknown method"})
check("a position in no open document", server.request("textDocument/hover", doc("file:///nowhere.zi", 0, 0))["error"]["code"],
      -32602)
server.notify("workspace/didChangeConfiguration", {"settings": {}})  # ignored, as LSP says
check("shutdown, then exit: status 0", server.finish(), 0)

# The input ending without shutdown: status 1.
quitter = Server()
quitter.proc.stdin.close()
check("no shutdown: status 1", quitter.proc.wait(timeout=TIMEOUT), 1)

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
print("ok: zic lsp — lifecycle, diagnostics, code actions, hover, definition, completion, formatting, extends")
