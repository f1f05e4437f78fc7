#!/usr/bin/env python3
"""xlsx_fixtures.py OUT_DIR DATA_DIR — writes the Excel workbooks the xlsx tests read, with openpyxl (an
independent spreadsheet writer), from the CSV files in DATA_DIR, so that no binary file is checked in.

Each workbook holds the same answers as its CSV file, typed the way a person types them in Excel: numbers as
numbers (a percentage as a fraction formatted 0%), labels as text, an empty cell for an empty answer, one
answer computed by a formula whose value is stored. openpyxl writes text as inline strings; the *_shared
variants move it into the shared-strings part, as Excel does, so both ways of storing text are read.

  clean_wide.xlsx, clean_wide_shared.xlsx   clean.csv (sheet "Penilaian", a second sheet "Catatan")
  offset_wide.xlsx                          clean.csv from cell B2 (column A and row 1 empty): --header-row 2
  clean_long.xlsx                           clean_long.csv, shared strings
  second_sheet.xlsx                         a notes sheet first, clean.csv's data in sheet "Data 2026"
  cell_errors.xlsx                          clean.csv with #N/A in D4, a date, a formula without its value,
                                            a boolean, a line break; and the unit id of row 6 an error cell
  bomb.xlsx                                 a sheet that inflates to 1.1 GiB of spaces
  truncated.xlsx, not_a_workbook.xlsx       half of clean_wide.xlsx; a zip archive of a text file
"""
import csv
import datetime
import os
import re
import sys
import zipfile

import openpyxl

out, data = sys.argv[1], sys.argv[2]


def rows_of(name):
    with open(os.path.join(data, name), newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def put(ws, row, col, text):
    """A CSV cell as a person would type it into Excel."""
    cell = ws.cell(row=row, column=col)
    if text == "":
        return cell
    if text.endswith("%") and NUMBER.match(text[:-1].strip()):
        cell.value = float(text[:-1]) / 100
        cell.number_format = "0%"
    elif NUMBER.match(text):
        cell.value = int(text) if text.lstrip("-").isdigit() else float(text)
    else:
        cell.value = text
    return cell


def sheet_from(ws, rows):
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            put(ws, r, c, text)


def formula_with_value(path, ref, formula, value):
    """openpyxl stores a formula without its value (<v></v>); Excel stores the value it computed."""
    rewrite(path, lambda name, xml: re.sub(
        r'(<c r="%s"[^>]*>)<f>%s</f><v\s*/?>(</v>)?' % (ref, re.escape(formula)),
        r"\1<f>%s</f><v>%s</v>" % (formula, value), xml) if name.startswith("xl/worksheets/") else xml)


def rewrite(path, change):
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in parts:
            z.writestr(info.filename, change(info.filename, body.decode("utf-8")).encode("utf-8"))


def shared_strings(path):
    """Moves every inline string into xl/sharedStrings.xml (t="s" cells), as Excel writes text."""
    strings, index = [], {}

    def to_shared(m):
        text = m.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return '<c r="%s" t="s"><v>%d</v></c>' % (m.group(1), index[text])

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename).decode("utf-8") for i in z.infolist()}
    for name in parts:
        if name.startswith("xl/worksheets/"):
            parts[name] = re.sub(r'<c r="([A-Z]+\d+)"[^>]*t="inlineStr"[^>]*><is><t[^>]*>(.*?)</t></is></c>',
                                 to_shared, parts[name])
    sst = ''.join('<si><t xml:space="preserve">%s</t></si>' % s for s in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" count="%d" uniqueCount="%d">%s</sst>' % (len(strings), len(strings), sst))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body.encode("utf-8"))


def workbook(name, fill):
    wb = openpyxl.Workbook()
    fill(wb)
    path = os.path.join(out, name)
    wb.save(path)
    return path


wide, long_rows = rows_of("clean.csv"), rows_of("clean_long.csv")
# U05's A.3.perubahan (column D, row 6) is 10: computed by a formula whose value is stored.
assert wide[0][3] == "A.3.perubahan" and wide[5][3] == "10"


def clean_wide(wb):
    ws = wb.active
    ws.title = "Penilaian"
    sheet_from(ws, wide)
    ws["D6"] = "=4+6"
    notes = wb.create_sheet("Catatan")
    notes["A1"] = "dinilai oleh TPI"


path = workbook("clean_wide.xlsx", clean_wide)


def offset_wide(wb):
    """The table from B2, column A and row 1 left empty, as people often lay a sheet out."""
    ws = wb.active
    for r, row in enumerate(wide, 2):
        for c, text in enumerate(row, 2):
            put(ws, r, c, text)


workbook("offset_wide.xlsx", offset_wide)
formula_with_value(path, "D6", "4+6", "10")
path = workbook("clean_wide_shared.xlsx", clean_wide)
formula_with_value(path, "D6", "4+6", "10")
shared_strings(path)


def clean_long(wb):
    sheet_from(wb.active, long_rows)


shared_strings(workbook("clean_long.xlsx", clean_long))


def second_sheet(wb):
    wb.active.title = "Catatan"
    wb.active["A1"] = "Lembar kerja penilaian, lihat sheet berikutnya"
    sheet_from(wb.create_sheet("Data 2026"), wide)


workbook("second_sheet.xlsx", second_sheet)


def cell_errors(wb):
    ws = wb.active
    sheet_from(ws, wide)
    ws["D4"] = "#N/A"  # openpyxl writes an error cell (t="e") for an error value
    ws["K2"] = datetime.date(2026, 1, 31)  # a date where a label is asked for
    ws["D3"] = "=C3*2"  # a formula saved without its value
    ws["H5"] = True
    ws["I3"] = "Ya\nnanti"  # a line break in a cell (Alt+Enter): the rows after it keep their places
    ws["A6"] = "#REF!"


workbook("cell_errors.xlsx", cell_errors)

with open(os.path.join(out, "clean_wide.xlsx"), "rb") as f:
    book = f.read()
with open(os.path.join(out, "truncated.xlsx"), "wb") as f:
    f.write(book[: len(book) // 2])
with zipfile.ZipFile(os.path.join(out, "not_a_workbook.xlsx"), "w") as z:
    z.writestr("notes.txt", "not a workbook")

# A zip bomb: a workbook whose sheet inflates to 1.1 GiB (from about a megabyte).
with zipfile.ZipFile(os.path.join(out, "clean_wide.xlsx")) as src, \
        zipfile.ZipFile(os.path.join(out, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for info in src.infolist():
        if info.filename != "xl/worksheets/sheet1.xml":
            z.writestr(info.filename, src.read(info.filename))
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        chunk = b" " * (1 << 20)
        for _ in range(1126):
            sheet.write(chunk)
