#!/usr/bin/env python3
"""xlsx_check.py REPORT.xlsx REPORT.csv — reads zirun's --format xlsx report back with openpyxl (an
independent reader) and compares every value with zirun's CSV report of the same run (--format csv, same
options): each unit's row of Ringkasan against its CSV row, numbers to 16 significant digits, then the sheets'
layout (frozen header, filters, two-decimal formats) and, with --explain, Alasan against the explain column.
Prints what differs and exits 1, or exits 0.
"""
import csv
import sys

import openpyxl

book, report = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(book)
problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)


with open(report, newline="", encoding="utf-8") as f:
    lines = [l for l in f if not l.startswith("#")]
rows = list(csv.reader(lines))
head, units = rows[0], rows[1:]
explain = head[-1] == "explain"
# Criteria with prerequisites: the CSV report's proposable and prerequisites columns, the workbook's
# "Dapat diusulkan" (in words) only; the CSV columns are renumbered as the workbook's.
propose = head[3] == "proposable"
WORDS = {"-": "-", "yes": "ya", "relaxed": "ya, dengan relaksasi", "no": "tidak", "unknown": "belum diketahui"}
proposable = [u[3] for u in units] if propose else []
if propose:
    head = head[:3] + head[5:]
    units = [u[:3] + u[5:] for u in units]
P = 1 if propose else 0
expect(wb.sheetnames == (["Ringkasan", "Alasan", "Jawaban"] if explain else ["Ringkasan", "Jawaban"]),
       "sheets: %s" % wb.sheetnames)

ws = wb["Ringkasan"]
got = list(ws.iter_rows(values_only=True))
titles = got[0]
expect(titles[:4 + P] == ("Unit", "Nilai total", "Predikat") + (("Dapat diusulkan",) if propose else ()) + ("Status",),
       "first headers %s" % (titles[:4 + P],))
n_scores = len(head) - 4 - (3 if explain else 2)
for k in range(n_scores):  # each score column is titled "Title (path)" or by its path
    path, title = head[4 + k], titles[4 + P + k]
    expect(title == path or title.endswith("(%s)" % path), "column %d: %s" % (4 + P + k, title))
expect(titles[4 + P + n_scores:] == ("Jawaban kosong", "Kesalahan"), "last headers %s" % (titles[4 + P + n_scores:],))
expect(ws.freeze_panes == "B2", "Ringkasan frozen at %s" % ws.freeze_panes)
expect(ws.auto_filter.ref == "A1:%s%d" % (openpyxl.utils.get_column_letter(len(titles)), len(units) + 1),
       "Ringkasan filter %s" % ws.auto_filter.ref)
expect(got[len(units) + 1] == (None,) * len(titles), "a blank row after the units")
expect(str(got[len(units) + 2][0]).startswith("akhir laporan: %d unit" % len(units)), "last line %s" % (got[-1],))

STATUS = {"ok": "dinilai", "error": "kesalahan"}
for i, csv_row in enumerate(units):
    x = got[i + 1]
    if propose:
        expect(x[3] == WORDS[proposable[i]], "row %d: proposable %r, CSV %r" % (i + 2, x[3], proposable[i]))
        x = x[:3] + x[4:]
    where = "Ringkasan row %d (unit %s)" % (i + 2, csv_row[0])
    expect((x[0] or "") == csv_row[0], "%s: unit %r" % (where, x[0]))
    for k in [1] + list(range(4, 4 + n_scores)):
        # The CSV report's doubles to the 16 significant digits libxlsxwriter writes (Excel shows 15).
        want = float("%.16g" % float(csv_row[k])) if csv_row[k] else None
        have = x[k]
        expect(have == want, "%s, %s: %r, CSV %r" % (where, head[k], x[k], csv_row[k]))
        if want is not None:
            column = k + 1 + (P if k >= 3 else 0)
            expect(ws.cell(row=i + 2, column=column).number_format == "0.00", "%s: format of %s" % (where, head[k]))
    expect((x[2] or "") == csv_row[2], "%s: predicate %r, CSV %r" % (where, x[2], csv_row[2]))
    expect(x[3] == STATUS[csv_row[3]], "%s: status %r, CSV %r" % (where, x[3], csv_row[3]))
    expect((x[4 + n_scores] or "") == csv_row[4 + n_scores], "%s: missing %r" % (where, x[4 + n_scores]))
    expect((x[5 + n_scores] or "").replace("\n", "; ") == csv_row[5 + n_scores],
           "%s: errors %r, CSV %r" % (where, x[5 + n_scores], csv_row[5 + n_scores]))

if explain:
    reasons = list(wb["Alasan"].iter_rows(values_only=True))
    expect(reasons[0] == ("Unit", "Alasan"), "Alasan headers %s" % (reasons[0],))
    want = []
    for csv_row in units:
        # The CSV report's explanation, with a decimal point; the workbook's, for people, with a comma.
        for line in filter(None, csv_row[-1].split("; ")):
            want.append((csv_row[0], line.replace(",", ".")))
    have = [(u or "", (l or "").replace(",", ".")) for u, l in reasons[1:]]
    expect(have == want, "Alasan differs from the explain column: %s" % [
        (h, w) for h, w in zip(have + [None] * len(want), want + [None] * len(have)) if h != w][:3])

answers = list(wb["Jawaban"].iter_rows(values_only=True))
expect(answers[0][0] == "Unit", "Jawaban header %s" % (answers[0],))
expect([a[0] or "" for a in answers[1:]] == [u[0] for u in units], "Jawaban lists the units in order")

for p in problems[:30]:
    print("xlsx_check: %s" % p, file=sys.stderr)
sys.exit(1 if problems else 0)
