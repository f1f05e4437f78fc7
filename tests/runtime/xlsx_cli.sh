#!/bin/sh
# xlsx_cli.sh — Excel in and out through zirun: workbooks written by openpyxl (xlsx_fixtures.py, generated
# here, not checked in) score byte for byte as their CSV files do; cells are located as Sheet!D17; damaged,
# oversized and foreign archives stop the run with exit 2; --format xlsx is read back by openpyxl and compared
# value by value with the CSV report (xlsx_check.py).
# Usage: xlsx_cli.sh ZIRUN MODULES_DIR DATA_DIR TMP_DIR PYTHON ZIC ROOT
set -u
zirun=$1 modules=$2 data=$3 tmp=$4 python=$5 zic=$6 root=$7
here=$(cd "$(dirname "$0")" && pwd)
fx=$tmp/xlsx_fixtures
m=$modules/fixture.so

# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$here/../lib/cli.sh"
cli_prefix=$tmp/x

rm -rf "$fx" && mkdir -p "$fx"
"$python" "$here/xlsx_fixtures.py" "$fx" "$data" || { echo "FAIL: xlsx_fixtures.py" >&2; exit 1; }

# The same answers as CSV and as a workbook: the same report, byte for byte.
same_as_csv() { # WORKBOOK CSV DESCRIPTION [OPTIONS FOR THE WORKBOOK...]
    book=$1 text=$2 what=$3
    shift 3
    expect 0 "$what (CSV)" -- "$zirun" "$m" "$text" --format csv --explain
    mv "$tmp/x.out" "$tmp/x.csv.out"
    expect 0 "$what" -- "$zirun" "$m" "$book" --format csv --explain "$@"
    cmp -s "$tmp/x.out" "$tmp/x.csv.out" || fail "$what: report differs from the CSV file's: $(diff "$tmp/x.csv.out" "$tmp/x.out" | head -5)"
    [ -s "$tmp/x.err" ] && fail "$what: says $(head -c 300 "$tmp/x.err")"
}
same_as_csv "$fx/clean_wide.xlsx" "$data/clean.csv" "wide workbook, inline strings, a formula's cached value"
same_as_csv "$fx/clean_wide_shared.xlsx" "$data/clean.csv" "wide workbook, shared strings"
same_as_csv "$fx/offset_wide.xlsx" "$data/clean.csv" "a table from B2"
same_as_csv "$fx/offset_wide.xlsx" "$data/clean.csv" "a table from B2, --header-row 2" --header-row 2
same_as_csv "$fx/clean_long.xlsx" "$data/clean_long.csv" "long workbook"
same_as_csv "$fx/clean_long.xlsx" "$data/clean_long.csv" "long workbook, --input-format long" --input-format long
same_as_csv "$fx/second_sheet.xlsx" "$data/clean.csv" "--sheet with a space in its name" --sheet "Data 2026"
expect 0 "a workbook on standard input" -- sh -c "${ZI_TEST_EXEC:-} '$zirun' '$m' - --format csv --explain < '$fx/clean_wide.xlsx'"
zirun_csv() { ${ZI_TEST_EXEC:-} "$zirun" "$m" "$data/clean.csv" --format csv --explain; }
zirun_csv 2>/dev/null | cmp -s - "$tmp/x.out" || fail "a workbook on standard input: report differs"

# Each problem cell is the error of its unit, located by sheet and cell; the other cells are read.
expect 1 "error cells" -- "$zirun" "$m" "$fx/cell_errors.xlsx" --format csv
contains "$tmp/x.err" "cell_errors.xlsx:Sheet!D4: error: unit 'U03': item A.3.perubahan: '#N/A' is Excel's error value, not an answer: correct the cell or its formula in the workbook" "#N/A located"
contains "$tmp/x.err" "cell_errors.xlsx:Sheet!K2: error: unit 'U01': item B.2: '2026-01-31' is not an answer on scale abc (accepted: A, B, C)" "a date is its ISO text, never its day number"
contains "$tmp/x.err" "cell_errors.xlsx:Sheet!D3: error: unit 'U02': item A.3.perubahan: '=C3*2' is a formula saved without its value, not an answer" "a formula without its value"
contains "$tmp/x.err" "cell_errors.xlsx:Sheet!I3: error: unit 'U02': item A.7: 'Ya\\x0ananti' is not an answer" "a line break in a cell"
contains "$tmp/x.err" "cell_errors.xlsx:Sheet!H5: error: unit 'U04': item A.6: 'TRUE' is not an answer on scale ya_tidak (accepted: Ya, Tidak)" "a boolean"
contains "$tmp/x.err" "cell_errors.xlsx:Sheet row 6: error: unit '#REF!': the unit id '#REF!' is Excel's error value, not a name" "an error cell as unit id"
contains "$tmp/x.out" 'U03,,,error,,,,,,,,,,,,,"Sheet!D4: item A.3.perubahan: ' "the report locates the cell too"
contains "$tmp/x.out" "# end of report: 5 units | 0 scored | 5 with errors" "every unit reported"

expect 2 "data on the second sheet" -- "$zirun" "$m" "$fx/second_sheet.xlsx"
contains "$tmp/x.err" "zirun: $fx/second_sheet.xlsx: row 1: the header names no input of the criteria: 'Lembar kerja penilaian, lihat sheet berikutnya'" "data on the second sheet"
contains "$tmp/x.err" "  the workbook has other sheets: 'Data 2026' (give --sheet NAME to read another)" "data on the second sheet"

# Not a workbook, or not one to trust: exit 2 and a plain reason, no report.
expect 2 "no such sheet" -- "$zirun" "$m" "$fx/second_sheet.xlsx" --sheet Nilai
is "$tmp/x.err" "zirun: $fx/second_sheet.xlsx: --sheet 'Nilai': the workbook has no such sheet; its sheets are 'Catatan', 'Data 2026'" "no such sheet"
expect 2 "--sheet with CSV" -- "$zirun" "$m" "$data/clean.csv" --sheet Data
is "$tmp/x.err" "zirun: $data/clean.csv: --sheet 'Data' names a sheet of an Excel workbook (.xlsx), and this is not one" "--sheet with CSV"
expect 2 "a zip bomb" -- "$zirun" "$m" "$fx/bomb.xlsx"
is "$tmp/x.err" "zirun: $fx/bomb.xlsx: the workbook's part xl/worksheets/sheet1.xml is 1126 MiB inflated, more than the 1024 MiB allowed (docs/limits.md): not a worksheet, or a zip bomb" "a zip bomb"
expect 2 "a truncated workbook" -- "$zirun" "$m" "$fx/truncated.xlsx"
contains "$tmp/x.err" "zirun: $fx/truncated.xlsx: this looks like an Excel workbook (a zip archive), but it cannot be opened: " "a truncated workbook"
expect 2 "a zip that is no workbook" -- "$zirun" "$m" "$fx/not_a_workbook.xlsx"
is "$tmp/x.err" "zirun: $fx/not_a_workbook.xlsx: this is a zip archive, but not an Excel workbook (it has no xl/workbook.xml)" "a zip that is no workbook"
expect 2 "a workbook as JSON" -- "$zirun" "$m" "$fx/clean_wide.xlsx" --input-format json
contains "$tmp/x.err" "this is an Excel workbook (.xlsx), not JSON" "a workbook as JSON"
[ -s "$tmp/x.out" ] && fail "a refused workbook printed a report"

# Writing: a workbook file only, read back by openpyxl and compared with the CSV report value by value.
expect 2 "--format xlsx to standard output" -- "$zirun" "$m" "$data/clean.csv" --format xlsx
contains "$tmp/x.err" "zirun: --format xlsx writes a workbook file, not to standard output: give -o FILE.xlsx" "--format xlsx to standard output"
for input in clean.csv wide.csv long.csv; do
    for explain in "" --explain; do
        want=0
        [ "$input" = clean.csv ] || want=1
        rm -f "$tmp/x.xlsx"
        expect $want "--format xlsx $input $explain" -- "$zirun" "$m" "$data/$input" --format xlsx $explain -o "$tmp/x.xlsx"
        expect $want "--format csv $input $explain" -- "$zirun" "$m" "$data/$input" --format csv $explain -o "$tmp/x.csv"
        "$python" "$here/xlsx_check.py" "$tmp/x.xlsx" "$tmp/x.csv" || fail "--format xlsx $input $explain: differs from the CSV report"
    done
done
# A workbook in, a workbook out.
expect 0 "xlsx to xlsx" -- "$zirun" "$m" "$fx/clean_wide_shared.xlsx" --format xlsx -o "$tmp/x.xlsx"
expect 0 "xlsx to csv" -- "$zirun" "$m" "$fx/clean_wide_shared.xlsx" --format csv -o "$tmp/x.csv"
"$python" "$here/xlsx_check.py" "$tmp/x.xlsx" "$tmp/x.csv" || fail "xlsx to xlsx: differs from the CSV report"
# A cell that is not UTF-8, quoted in an error, is written as U+FFFD: Excel refuses a workbook with such bytes.
printf 'unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2\nU01,Ya\377,A,10,10,100%%,A,Ya,Ya,3.80,A\n' >"$tmp/x_latin1.csv"
expect 1 "invalid UTF-8 into a workbook" -- "$zirun" "$m" "$tmp/x_latin1.csv" --format xlsx -o "$tmp/x.xlsx"
"$python" -c "import openpyxl, sys; v = openpyxl.load_workbook(sys.argv[1])['Ringkasan']['Q2'].value; sys.exit(v != \"row 2, column 2: item A.1: 'Ya\ufffd' is not an answer on scale ya_tidak (accepted: Ya, Tidak)\")" "$tmp/x.xlsx" ||
    fail "invalid UTF-8 into a workbook: not U+FFFD"
# The LKE criteria through `zic run` (the same library, a module compiled in memory): 121 inputs, six areas.
lke=$root/criteria/lke-zi-2021.zi units=$root/examples/units-wide.csv
"$zic" run "$lke" "$units" --format xlsx --explain -o "$tmp/x_lke.xlsx" 2>"$tmp/x.err" || fail "zic run --format xlsx: $(cat "$tmp/x.err")"
"$zic" run "$lke" "$units" --format csv --explain -o "$tmp/x_lke.csv" 2>"$tmp/x.err" || fail "zic run --format csv: $(cat "$tmp/x.err")"
"$python" "$here/xlsx_check.py" "$tmp/x_lke.xlsx" "$tmp/x_lke.csv" || fail "zic run --format xlsx: differs from the CSV report"
# The 2024 criteria have prerequisites: Ringkasan has "Dapat diusulkan", the CSV report's proposable in words.
lke24=$root/criteria/lke-zi-2024.zi units24=$root/examples/units-2024.csv
for format in xlsx csv; do # exit 1: some of its units have data errors, reported in both
    "$zic" run "$lke24" "$units24" --format $format --explain -o "$tmp/x_lke24.$format" 2>"$tmp/x.err"
    [ $? -le 1 ] || fail "LKE 2024 --format $format: $(head -c 400 "$tmp/x.err")"
done
"$python" "$here/xlsx_check.py" "$tmp/x_lke24.xlsx" "$tmp/x_lke24.csv" || fail "LKE 2024 --format xlsx: differs from the CSV report"
"$zic" run "$lke" "$units" --format xlsx >"$tmp/x.out" 2>"$tmp/x.err" && fail "zic run --format xlsx to standard output"
contains "$tmp/x.err" "zic: error: --format xlsx writes a workbook file, not to standard output: give -o FILE.xlsx" "zic run --format xlsx to standard output"

# A run that fails leaves no workbook behind (zi/outfile.h).
rm -f "$tmp/x.xlsx"
expect 2 "a failed run writes no workbook" -- "$zirun" "$m" "$fx/truncated.xlsx" --format xlsx -o "$tmp/x.xlsx"
[ -e "$tmp/x.xlsx" ] && fail "a failed run left $tmp/x.xlsx"

finish "xlsx_cli"
