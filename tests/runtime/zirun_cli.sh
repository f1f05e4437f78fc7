#!/bin/sh
# zirun_cli.sh — the zirun command line: options, exit codes, standard input and output, --verify, and that
# the binary links no LLVM. Usage: zirun_cli.sh ZIRUN MODULES_DIR DATA_DIR TMP_DIR
set -u
zirun=$1 modules=$2 data=$3 tmp=$4
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"
cli_prefix=$tmp/cli
golden=$data/../golden

expect 0 "--version" -- "$zirun" --version
contains "$tmp/cli.out" "zirun 0.1.0 (module ABI 5)" "--version"
expect 0 "--help" -- "$zirun" --help
contains "$tmp/cli.out" "usage: zirun MODULE.so DATA" "--help"
contains "$tmp/cli.out" "  --allow-missing-columns score inputs the file has no column for as unanswered" "--help lists the data options"
expect 2 "no arguments" -- "$zirun"
contains "$tmp/cli.err" "no module given" "no arguments"
expect 2 "unknown option" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --frobnicate
contains "$tmp/cli.err" "unknown option '--frobnicate'" "unknown option"
expect 2 "bad --format" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --format xml
contains "$tmp/cli.err" "--format takes table, csv, json, xlsx, csv-excel or html, not 'xml'" "bad --format"
expect 2 "no data" -- "$zirun" "$modules/fixture.so"
expect 2 "missing data file" -- "$zirun" "$modules/fixture.so" "$tmp/no-such.csv"
contains "$tmp/cli.err" "cannot open" "missing data file"

expect 0 "--verify" -- "$zirun" --verify "$modules/fixture.so"
contains "$tmp/cli.out" "a valid scoring module" "--verify"
contains "$tmp/cli.out" "source sha256: 3b1f0c9a6d2e4f5a" "--verify"
expect 2 "--verify of a broken module" -- "$zirun" --verify "$modules/bad_abi.so"
contains "$tmp/cli.err" "module ABI version 99" "--verify of a broken module"
expect 2 "a refused module" -- "$zirun" "$modules/bad_checksum.so" "$data/clean.csv"
contains "$tmp/cli.err" "checksum mismatch" "a refused module"
expect 2 "a text file as module" -- "$zirun" "$data/clean.csv" "$data/clean.csv"
contains "$tmp/cli.err" "not an ELF shared object" "a text file as module"

expect 0 "clean data" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --format csv
contains "$tmp/cli.out" "U02,75.7,WBK,ok," "clean data"
expect 1 "data with errors" -- "$zirun" "$modules/fixture.so" "$data/wide.csv" --format=json --explain
contains "$tmp/cli.err" "zirun: $data/wide.csv: 12 units, 5 scored, 7 with errors" "data with errors"
contains "$tmp/cli.out" '"not_reached"' "data with errors"

# Standard input and -o, a bare module name in the current directory, options after the files.
expect 0 "stdin" -- sh -c "cat '$data/clean.jsonl' | ${ZI_TEST_EXEC:-} '$zirun' '$modules/fixture.so' - -o '$tmp/cli.csv' --format csv"
same_as_golden "$tmp/cli.csv" "$golden/clean.csv.out" "stdin"
expect 0 "module in the current directory" -- sh -c "cd '$modules' && ${ZI_TEST_EXEC:-} '$zirun' fixture.so '$data/clean.csv' --format csv -o -"
contains "$tmp/cli.out" "U01,98.5,WBBM,ok" "module in the current directory"
expect 0 "long format forced" -- "$zirun" "$modules/fixture.so" "$data/clean_long.csv" --input-format long --format csv
same_as_golden "$tmp/cli.out" "$golden/clean.csv.out" "long format forced"
expect 2 "long format forced on a wide file" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --input-format long
contains "$tmp/cli.err" "row 1: a long-format CSV needs a unit, an item and an answer column, and this header has not all three: 'unit,A.1,A.2," "long format forced on a wide file"
expect 2 "unwritable output" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" -o "$tmp/no-such-dir/out.csv"
contains "$tmp/cli.err" "cannot create" "unwritable output"

# -o never loses a file (docs/runtime.md, "Output files"): an output that is the data or the module, by its name,
# a symbolic link or a hard link, is refused and both stay as they were.
out_dir="$tmp/cli_out"
rm -rf "$out_dir" && mkdir -p "$out_dir"
cp "$data/clean.csv" "$out_dir/data.csv"
cp "$modules/fixture.so" "$out_dir/mod.so"
ln -s data.csv "$out_dir/link.csv"
ln "$out_dir/data.csv" "$out_dir/hard.csv"
expect 2 "-o the data file" -- "$zirun" "$out_dir/mod.so" "$out_dir/data.csv" -o "$out_dir/data.csv"
contains "$tmp/cli.err" "zirun: '$out_dir/data.csv' is the data file: refusing to write over it (choose another output file)" "-o the data file"
expect 2 "-o the module" -- "$zirun" "$out_dir/mod.so" "$out_dir/data.csv" -o "$out_dir/mod.so"
contains "$tmp/cli.err" "zirun: '$out_dir/mod.so' is the module: refusing to write over it" "-o the module"
expect 2 "-o a symbolic link to the data" -- "$zirun" "$out_dir/mod.so" "$out_dir/data.csv" -o "$out_dir/link.csv"
contains "$tmp/cli.err" "'$out_dir/link.csv' is the same file as the data file '$out_dir/data.csv'" "-o a symbolic link to the data"
expect 2 "-o a hard link to the data" -- "$zirun" "$out_dir/mod.so" "$out_dir/data.csv" -o "$out_dir/hard.csv"
contains "$tmp/cli.err" "'$out_dir/hard.csv' is the same file as the data file" "-o a hard link to the data"
expect 2 "-o the data read from standard input" -- sh -c "${ZI_TEST_EXEC:-} '$zirun' '$out_dir/mod.so' - -o '$out_dir/data.csv' <'$out_dir/data.csv'"
contains "$tmp/cli.err" "is the same file as the data file '<stdin>'" "-o the data read from standard input"
cmp -s "$out_dir/data.csv" "$data/clean.csv" || fail "-o the data file: the data file changed"
cmp -s "$out_dir/mod.so" "$modules/fixture.so" || fail "-o the module: the module changed"
[ -L "$out_dir/link.csv" ] || fail "-o a symbolic link: the link was replaced"
# A full disk: the message names the output and the reason, and the run stops (exit 2).
if [ -w /dev/full ]; then
    expect 2 "-o /dev/full" -- "$zirun" "$out_dir/mod.so" "$out_dir/data.csv" -o /dev/full
    contains "$tmp/cli.err" "zirun: cannot write the report to '/dev/full': No space left on device (stopped after 5 units)" "-o /dev/full"
fi
# A disk that fills up while the temporary file is written (a 12 KiB tmpfs, where mounting one is allowed): the
# message names the output, the old output is untouched and no temporary file is left.
full_dir="$tmp/cli_tiny"
mkdir -p "$full_dir"
if mount -t tmpfs -o size=12k tmpfs "$full_dir" 2>/dev/null; then
    trap 'umount "$full_dir" 2>/dev/null' EXIT INT TERM # never leave the mount behind
    echo "old report" >"$full_dir/out.csv"
    awk 'BEGIN { print "unit,A.1,A.2"; for (i = 0; i < 3000; i++) printf "U%05d,Ya,B\n", i }' >"$tmp/cli_3k.csv"
    expect 2 "-o on a full disk" -- "$zirun" "$out_dir/mod.so" "$tmp/cli_3k.csv" --format csv -o "$full_dir/out.csv" --allow-missing-columns
    contains "$tmp/cli.err" "zirun: cannot write the report to '$full_dir/out.csv': No space left on device (stopped after" "-o on a full disk"
    [ "$(cat "$full_dir/out.csv")" = "old report" ] || fail "-o on a full disk: the old output changed"
    [ "$(ls -A "$full_dir")" = "out.csv" ] || fail "-o on a full disk: left $(ls -A "$full_dir")"
    umount "$full_dir"
    trap - EXIT INT TERM
fi
# A run that fails leaves the old output as it was; one that succeeds replaces it (through a symbolic link, the
# file it names), keeping its permissions; no temporary file is left either way.
echo "old report" >"$out_dir/out.csv"
chmod 640 "$out_dir/out.csv"
ln -s out.csv "$out_dir/out-link.csv"
expect 2 "-o with a broken input" -- sh -c "printf 'unit,\"A.1\n' | ${ZI_TEST_EXEC:-} '$zirun' '$out_dir/mod.so' - -o '$out_dir/out.csv'"
[ "$(cat "$out_dir/out.csv")" = "old report" ] || fail "-o with a broken input: the old output changed"
expect 0 "-o through a link" -- "$zirun" "$out_dir/mod.so" "$out_dir/data.csv" --format csv -o "$out_dir/out-link.csv"
same_as_golden "$out_dir/out.csv" "$golden/clean.csv.out" "-o through a link"
[ -L "$out_dir/out-link.csv" ] || fail "-o through a link: the link was replaced"
[ "$(stat -c %a "$out_dir/out.csv")" = 640 ] || fail "-o: the output's permissions became $(stat -c %a "$out_dir/out.csv")"
leftover=$(ls -A "$out_dir" | grep -F '.zi-' || true)
[ -z "$leftover" ] || fail "-o: temporary files left: $leftover"

# Runs fed slowly through FIFOs, so that what happens mid-run is deterministic. wait_for_temp DIR: until a
# temporary output file exists in DIR (zirun creates it after loading the module and opening the data).
wait_for_temp() {
    n=0
    while ! ls -A "$1" | grep -qF '.zi-'; do
        n=$((n + 1))
        [ "$n" -gt 600 ] && return 1
        sleep 0.1
    done
}
fifo_dir="$tmp/cli_fifo"
rm -rf "$fifo_dir" && mkdir -p "$fifo_dir"
head -n 3 "$data/clean.csv" >"$fifo_dir/head.csv"
tail -n +4 "$data/clean.csv" >"$fifo_dir/rest.csv"

# SIGTERM mid-run: the previous report is intact and no temporary file is left.
echo "previous report" >"$fifo_dir/out.csv"
mkfifo "$fifo_dir/in.fifo"
${ZI_TEST_EXEC:-} "$zirun" "$modules/fixture.so" "$fifo_dir/in.fifo" --format csv -o "$fifo_dir/out.csv" 2>"$fifo_dir/term.err" &
pid=$!
exec 3>"$fifo_dir/in.fifo"
cat "$fifo_dir/head.csv" >&3
if wait_for_temp "$fifo_dir"; then
    kill -TERM "$pid"
    wait "$pid"
    status=$?
    [ "$status" -eq 143 ] || fail "SIGTERM mid-run: exit $status, want 143 (killed by SIGTERM)"
else
    fail "SIGTERM mid-run: no temporary output appeared"
    kill -TERM "$pid"
    wait "$pid"
fi
exec 3>&-
[ "$(cat "$fifo_dir/out.csv")" = "previous report" ] || fail "SIGTERM mid-run: the previous out.csv changed"
leftover=$(ls -A "$fifo_dir" | grep -F '.zi-' || true)
[ -z "$leftover" ] || fail "SIGTERM mid-run: temporary files left: $leftover"

# The module file overwritten (cp truncates it, then writes another module) while a run is in progress: the
# run goes on with the module it checked and loaded, and its results are right.
cp "$modules/fixture.so" "$fifo_dir/mod.so"
${ZI_TEST_EXEC:-} "$zirun" "$fifo_dir/mod.so" "$fifo_dir/in.fifo" --format csv -o "$fifo_dir/report.csv" 2>"$fifo_dir/cp.err" &
pid=$!
exec 3>"$fifo_dir/in.fifo"
cat "$fifo_dir/head.csv" >&3
wait_for_temp "$fifo_dir" || fail "module overwritten: no temporary output appeared"
cp "$modules/bad_checksum.so" "$fifo_dir/mod.so"
cat "$fifo_dir/rest.csv" >&3
exec 3>&-
wait "$pid"
status=$?
[ "$status" -eq 0 ] || fail "module overwritten mid-run: exit $status ($(head -c 300 "$fifo_dir/cp.err"))"
same_as_golden "$fifo_dir/report.csv" "$golden/clean.csv.out" "module overwritten mid-run"

# Two runs on one -o at once: the output is one whole report, never rows of both.
mkfifo "$fifo_dir/a.fifo" "$fifo_dir/b.fifo"
${ZI_TEST_EXEC:-} "$zirun" "$modules/fixture.so" "$fifo_dir/a.fifo" --format csv -o "$fifo_dir/shared.csv" 2>/dev/null &
pid_a=$!
${ZI_TEST_EXEC:-} "$zirun" "$modules/fixture.so" "$fifo_dir/b.fifo" --format csv -o "$fifo_dir/shared.csv" 2>/dev/null &
pid_b=$!
exec 4>"$fifo_dir/a.fifo" 5>"$fifo_dir/b.fifo"
cat "$fifo_dir/head.csv" >&4
head -n 4 "$data/wide.csv" >&5
cat "$fifo_dir/rest.csv" >&4
tail -n +5 "$data/wide.csv" >&5
exec 4>&- 5>&-
wait "$pid_a"
wait "$pid_b"
if ! cmp -s "$fifo_dir/shared.csv" "$golden/clean.csv.out" && ! cmp -s "$fifo_dir/shared.csv" "$golden/wide.csv.out"; then
    fail "two runs on one -o: the output is neither report whole: $(head -c 300 "$fifo_dir/shared.csv")"
fi
leftover=$(ls -A "$fifo_dir" | grep -F '.zi-' || true)
[ -z "$leftover" ] || fail "two runs on one -o: temporary files left: $leftover"

# One malformed row among 10,000: 9,999 scored, the bad one reported, exit 1.
awk 'BEGIN {
    print "unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2"
    for (i = 0; i < 10000; i++)
        if (i == 7777) printf "U%05d,Ya,A,10\n", i
        else printf "U%05d,Ya,B,10,%d,%d%%,A,Ya,Ya,3.%d,B\n", i, i % 11, i % 101, i % 10
}' >"$tmp/cli_10k.csv"
expect 1 "10,000 rows, one malformed" -- "$zirun" "$modules/fixture.so" "$tmp/cli_10k.csv" --format csv
[ "$(wc -l <"$tmp/cli.out")" -eq 10002 ] || fail "10,000 rows: $(wc -l <"$tmp/cli.out") report lines, want 10002"
[ "$(tail -n 1 "$tmp/cli.out")" = "# end of report: 10000 units | 9999 scored | 1 with errors" ] ||
    fail "10,000 rows: last line '$(tail -n 1 "$tmp/cli.out")'"
[ "$(grep -c ',ok,' "$tmp/cli.out")" -eq 9999 ] || fail "10,000 rows: $(grep -c ',ok,' "$tmp/cli.out") ok units"
contains "$tmp/cli.out" "U07777,,,error," "10,000 rows, one malformed"
contains "$tmp/cli.err" "10000 units, 9999 scored, 1 with errors" "10,000 rows, one malformed"

# A unit id holding a terminal escape sequence is shown escaped, on stderr and in the table (a hostile
# worksheet must not drive the evaluator's terminal).
printf 'unit,A.1\n"a\033]0;x\007b",Ya\n' >"$tmp/cli_escape.csv"
expect 1 "escape sequence in an id" -- "$zirun" "$modules/fixture.so" "$tmp/cli_escape.csv" --allow-missing-columns
contains "$tmp/cli.err" "unit 'a\x1b]0;x\x07b': item A.7" "escape sequence in an id"
contains "$tmp/cli.out" 'a\x1b]0;x\x07b' "escape sequence in an id, table"
if grep -q "$(printf '\033')" "$tmp/cli.out" "$tmp/cli.err"; then fail "escape sequence in an id: an ESC byte was printed"; fi

# ---- Issue 11: what zirun did not understand stops the run (exit 2), saying what the file seems to be ----
expected="  expected: a unit column (unit, nama unit kerja, satker) and a column per input, such as 'A.1', 'A.2', 'A.3.perubahan', … (\`zic template --format wide\` writes it); or the long layout: unit, item (kode, butir) and answer (jawaban, nilai) columns"

{ printf 'LEMBAR KERJA EVALUASI ZONA INTEGRITAS\nUnit: Kanwil\n\n'; cat "$data/clean.csv"; } >"$tmp/cli_title.csv"
expect 2 "title rows above the header" -- "$zirun" "$modules/fixture.so" "$tmp/cli_title.csv"
is "$tmp/cli.err" "zirun: $tmp/cli_title.csv: row 1: the header names no input of the criteria: 'LEMBAR KERJA EVALUASI ZONA INTEGRITAS'
$expected
  the header seems to start at row 4, below a title: give --header-row 4 (or delete the rows above it)" "title rows above the header"
[ -s "$tmp/cli.out" ] && fail "title rows above the header: a report was written"
expect 0 "--header-row 4" -- "$zirun" "$modules/fixture.so" "$tmp/cli_title.csv" --header-row 4 --format csv
same_as_golden "$tmp/cli.out" "$golden/clean.csv.out" "--header-row 4"
# As Excel saves a sheet with a title: the title's row and the empty row under it padded with separators.
{ printf 'LEMBAR KERJA EVALUASI ZONA INTEGRITAS,,\nUnit: Kanwil,,\n,,\n'; cat "$data/clean.csv"; } >"$tmp/cli_title_excel.csv"
expect 2 "title rows padded with separators" -- "$zirun" "$modules/fixture.so" "$tmp/cli_title_excel.csv"
contains "$tmp/cli.err" "the header seems to start at row 4, below a title: give --header-row 4" "title rows padded with separators"
expect 2 "--header-row past the end" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --header-row 99
is "$tmp/cli.err" "zirun: $data/clean.csv: --header-row 99: the file has no row there" "--header-row past the end"

expect 2 "a wrong --separator" -- "$zirun" "$modules/fixture.so" "$data/clean_semicolon.csv" --separator ,
contains "$tmp/cli.err" "row 1: the header names no input of the criteria: 'Unit Kerja;A.1;A.2;A.3.perubahan;" "a wrong --separator"
contains "$tmp/cli.err" "  the header names inputs when split at ';': the separator is ';', not ',' (give --separator ';', or leave --separator out to detect it)" "a wrong --separator"

printf 'PK\003\004\024\000\006\000[Content_Types].xml xl/workbook.xml' >"$tmp/cli_book.csv"
# A workbook is told by its content, whatever its name (xlsx_cli.sh reads real ones); this one is cut short.
expect 2 "a damaged .xlsx named .csv" -- "$zirun" "$modules/fixture.so" "$tmp/cli_book.csv"
is "$tmp/cli.err" "zirun: $tmp/cli_book.csv: this looks like an Excel workbook (a zip archive), but it cannot be opened: Not a zip archive (a truncated or damaged file?)" "a damaged .xlsx named .csv"
printf '\320\317\021\340\241\261\032\341rest' >"$tmp/cli_book.xls"
expect 2 "an .xls passed as CSV" -- "$zirun" "$modules/fixture.so" "$tmp/cli_book.xls"
contains "$tmp/cli.err" "this is an Excel 97-2003 workbook (.xls), not CSV text" "an .xls passed as CSV"
printf '\377\376u\000n\000i\000t\000,\000A\000.\0001\000\n\000' >"$tmp/cli_utf16.csv"
expect 2 "UTF-16 Unicode Text" -- "$zirun" "$modules/fixture.so" "$tmp/cli_utf16.csv"
is "$tmp/cli.err" "zirun: $tmp/cli_utf16.csv: this is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8: in Excel, save it with Save As, type CSV UTF-8" "UTF-16 Unicode Text"
printf 'u\000n\000i\000t\000,\000A\000.\0001\000\n\000' >"$tmp/cli_utf16.csv"
expect 2 "UTF-16 without a byte-order mark" -- "$zirun" "$modules/fixture.so" "$tmp/cli_utf16.csv"
contains "$tmp/cli.err" "this has NUL bytes: UTF-16 text or a binary file, not CSV text" "UTF-16 without a byte-order mark"

# A column absent from the whole file: refused, naming it and the nearest header; or scored as unanswered.
sed '1s/,B\.2$/,B.2x/' "$data/clean.csv" >"$tmp/cli_renamed.csv"
expect 2 "a renamed column" -- "$zirun" "$modules/fixture.so" "$tmp/cli_renamed.csv"
is "$tmp/cli.err" "$tmp/cli_renamed.csv:1: warning: 1 unknown column: 'B.2x' (ignored)
zirun: $tmp/cli_renamed.csv: row 1: 1 input of the criteria has no column: 'B.2' (nearest header: 'B.2x')
  every unit would count as not having answered it: correct the header, or give --allow-missing-columns to score it as unanswered" "a renamed column"
expect 0 "--allow-missing-columns" -- "$zirun" "$modules/fixture.so" "$tmp/cli_renamed.csv" --allow-missing-columns --format csv
contains "$tmp/cli.err" "warning: 1 input has no column: 'B.2' (counted as missing answers)" "--allow-missing-columns"
contains "$tmp/cli.out" "U01,88.5,WBBM,ok," "--allow-missing-columns"

# The long layout with a row number, Indonesian header words and a notes column; the same units.
awk -F, 'NR == 1 { print "No,Nama Unit Kerja,Butir,Nilai,Keterangan"; next } { print NR - 1 "," $0 ",catatan" }' \
    "$data/clean_long.csv" >"$tmp/cli_long.csv"
expect 0 "long layout with extra columns" -- "$zirun" "$modules/fixture.so" "$tmp/cli_long.csv" --format csv
same_as_golden "$tmp/cli.out" "$golden/clean.csv.out" "long layout with extra columns"
is "$tmp/cli.err" "$tmp/cli_long.csv:1: warning: 'No', 'Keterangan' are not read: the long layout reads the unit, item and answer columns" "long layout with extra columns"
grep -v ',A\.6,' "$tmp/cli_long.csv" >"$tmp/cli_long6.csv"
expect 2 "long layout without an item" -- "$zirun" "$modules/fixture.so" "$tmp/cli_long6.csv"
contains "$tmp/cli.err" "zirun: $tmp/cli_long6.csv: 1 input of the criteria appears in no row: 'A.6'" "long layout without an item"

# The unit column: a No column is not it; --id-column names it.
awk -F, 'NR == 1 { print "No,Kantor," substr($0, 6); next } { print NR - 1 "," $0 }' "$data/clean.csv" >"$tmp/cli_no.csv"
expect 0 "a No column is not the id" -- "$zirun" "$modules/fixture.so" "$tmp/cli_no.csv" --format csv
same_as_golden "$tmp/cli.out" "$golden/clean.csv.out" "a No column is not the id"
awk -F, 'NR == 1 { print "Kode Unit,Nama," substr($0, 6); next } { print $1 ",nama " NR "," substr($0, length($1) + 2) }' "$data/clean.csv" >"$tmp/cli_idcol.csv"
expect 0 "--id-column" -- "$zirun" "$modules/fixture.so" "$tmp/cli_idcol.csv" --id-column "kode unit" --format csv
contains "$tmp/cli.out" "U02,75.7,WBK,ok," "--id-column"
expect 2 "--id-column naming no column" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --id-column satker
is "$tmp/cli.err" "zirun: $data/clean.csv: row 1: --id-column 'satker' names no column of the header" "--id-column naming no column"
head -1 "$data/clean.csv" | sed 's/^unit,//' >"$tmp/cli_noid.csv"
expect 2 "no unit column" -- "$zirun" "$modules/fixture.so" "$tmp/cli_noid.csv"
contains "$tmp/cli.err" "row 1: no column of the header names the unit: call it 'unit' (or 'nama unit kerja', 'satker') or give --id-column NAME" "no unit column"

# ---- Issue 11: counts as Indonesians write them: 1.000 is a thousand, never one ------------------------------
printf 'unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2\nT1,Ya,A,1.000,1.000,100%%,A,Ya,Ya,3.80,A\nT2,Ya,A,1000,"1,000",100%%,A,Ya,Ya,3.80,A\nT3,Ya,A,12.500,10,100%%,A,Ya,Ya,3.80,A\n' >"$tmp/cli_thousands.csv"
expect 1 "thousands in counts" -- "$zirun" "$modules/fixture.so" "$tmp/cli_thousands.csv" --format csv
is "$tmp/cli.err" "$tmp/cli_thousands.csv:4:4: error: unit 'T3': item A.3.perubahan: '12.500' is outside the range [0, 1000] (read as 12500: a dot before three digits groups thousands)
zirun: $tmp/cli_thousands.csv: 3 units, 2 scored, 1 with errors" "thousands in counts"
[ "$(sed -n 2p "$tmp/cli.out" | cut -d, -f2-)" = "$(sed -n 3p "$tmp/cli.out" | cut -d, -f2-)" ] || fail "thousands in counts: 1.000 and 1000 score differently: $(sed -n 2,3p "$tmp/cli.out")"
printf '{"units": [{"id": "J1", "answers": {"A.3.perubahan": "1.000", "A.3.terintegrasi": 1000, "A.7": "Ya"}},\n{"id": "J2", "answers": {"A.3.perubahan": 1000, "A.3.terintegrasi": "1.000", "A.7": "Ya"}},\n{"id": "J3", "answers": {"A.3.perubahan": 1.000, "A.3.terintegrasi": 1000, "A.7": "Ya"}},\n{"id": "J4", "answers": {"A.3.perubahan": "12.500", "A.7": "Ya"}}]}\n' >"$tmp/cli_thousands.json"
expect 1 "thousands in JSON" -- "$zirun" "$modules/fixture.so" "$tmp/cli_thousands.json" --format csv --allow-missing-columns
# J3: the JSON number 1.000 is one (JSON's own syntax), so its 1000 changes break the rule.
is "$tmp/cli.err" "$tmp/cli_thousands.json:3: error: unit 'J3': item A.3: terintegrasi tidak boleh melebihi perubahan (rule: terintegrasi <= perubahan)
$tmp/cli_thousands.json:4: error: unit 'J4': item A.3.perubahan: '12.500' is outside the range [0, 1000] (read as 12500: a dot before three digits groups thousands)
zirun: $tmp/cli_thousands.json: 4 units, 2 scored, 2 with errors" "thousands in JSON"
[ "$(sed -n 2p "$tmp/cli.out" | cut -d, -f2-)" = "$(sed -n 3p "$tmp/cli.out" | cut -d, -f2-)" ] || fail "thousands in JSON: \"1.000\" and 1000 score differently"
[ "$(sed -n 2p "$tmp/cli.out" | cut -d, -f2-)" = "$(sed -n 4p "$tmp/cli.out" | cut -d, -f2-)" ] && fail "thousands in JSON: the JSON number 1.000 (one) scores as a thousand"

# ---- Issue 11: rows that are not units -------------------------------------------------------------------
{ cat "$data/clean.csv"; printf ',,,,,,,,,,\nU01 ,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A\nu 02,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A\nKosong,,,,,,,,,,\nRata-rata,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A\n'; printf 'Caf\351 Kota,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A\n'; } >"$tmp/cli_rows.csv"
expect 1 "rows that are not units" -- "$zirun" "$modules/fixture.so" "$tmp/cli_rows.csv" --format csv
is "$tmp/cli.err" "$tmp/cli_rows.csv:12:1: warning: the unit id 'Caf\\xe9 Kota' is not UTF-8 text: read as Windows-1252, 'Café Kota', as is every such id in this file (save it from Excel as CSV UTF-8 to avoid this)
$tmp/cli_rows.csv:9: warning: unit id 'u 02' differs from the id at row 3 only in case or spaces: the same unit twice?
$tmp/cli_rows.csv:10: warning: unit 'Kosong' answered 0 of 10 inputs: an empty or unfinished row, or not a unit? (scored with the rest missing)
$tmp/cli_rows.csv:11: warning: 'Rata-rata' looks like a footer row (a total or an average), not a unit: it is scored as a unit; delete the row if it is not one
$tmp/cli_rows.csv:8: error: unit 'U01': duplicate unit id 'U01' (first at row 2)
$tmp/cli_rows.csv:10: error: unit 'Kosong': item A.7: no answer, and a missing answer is an error for this item
zirun: $tmp/cli_rows.csv: 10 units, 8 scored, 2 with errors" "rows that are not units"
[ "$(grep -vc '^#' "$tmp/cli.out")" -eq 11 ] || fail "rows that are not units: $(grep -vc '^#' "$tmp/cli.out") report lines, want 11"
contains "$tmp/cli.out" "Café Kota,98.5,WBBM,ok," "rows that are not units"

# Facts and prerequisites (facts.so): whether a unit may be proposed is a result, not an error — the exit
# status says only whether data could be read; a wrong fact value is a located data error.
expect 0 "proposability does not change the exit status" -- "$zirun" "$modules/facts.so" "$data/facts_long.csv" --format csv
contains "$tmp/cli.out" 'Terhambat,70,WBK,no,"unmet: Opini BPK WTP; unmet: instansi.sakip >= ""B""; unmet relaxation: Unit layanan rumah sakit",ok,' "a blocked unit"
expect 0 "fact columns absent" -- "$zirun" "$modules/facts.so" "$data/facts_no_columns.csv" --lang id
contains "$tmp/cli.out" "WBK      dapat diusulkan: belum diketahui" "fact columns absent"
contains "$tmp/cli.out" "    syarat belum diketahui: Opini BPK WTP (data kosong: instansi.opini)" "fact columns absent"
contains "$tmp/cli.err" "warning: tidak ada kolom untuk fakta 'instansi.opini', 'instansi.sakip', 'unit.inti', 'unit.layanan': syarat yang membacanya menjadi belum diketahui" "fact columns absent"
expect 1 "a wrong fact value" -- "$zirun" "$modules/facts.so" "$data/facts.csv" --lang id
contains "$tmp/cli.err" "facts.csv:9:4: error: unit 'Nilai salah': fakta instansi.opini: 'WTX' bukan nilai dari opini (yang diterima: WTP (Wajar Tanpa Pengecualian), WDP (Wajar Dengan Pengecualian), TMP (Disclaimer))" "a wrong fact value, in Indonesian"
contains "$tmp/cli.out" "Relaksasi RSUD              70,00    70,00  WBK      dapat diusulkan: ya, dengan relaksasi" "a relaxed unit"
expect 1 "the same in English" -- "$zirun" "$modules/facts.so" "$data/facts.csv" --lang en
contains "$tmp/cli.out" "Relaksasi RSUD              70.00    70.00  WBK      may be proposed: yes, under the relaxation" "--lang en"
contains "$tmp/cli.out" "    prerequisite not met: Opini BPK WTP (value: WDP)" "--lang en"
contains "$tmp/cli.err" "facts.csv:9:4: error: unit 'Nilai salah': fact instansi.opini: 'WTX' is not a value of opini (accepted: WTP (Wajar Tanpa Pengecualian), WDP (Wajar Dengan Pengecualian), TMP (Disclaimer))" "a wrong fact value, in English"
expect 0 "--verify lists every file of the chain" -- "$zirun" --verify "$modules/facts.so"
contains "$tmp/cli.out" "source sha256: 1111111111111111111111111111111111111111111111111111111111111111" "--verify, the file compiled"
contains "$tmp/cli.out" "extends:       base.zi sha256 2222222222222222222222222222222222222222222222222222222222222222" "--verify, its base"
contains "$tmp/cli.out" "               root.zi sha256 3333333333333333333333333333333333333333333333333333333333333333" "--verify, the base's base"
contains "$tmp/cli.out" "facts:         5 (unscored, tested by prerequisites)" "--verify, the facts"

# A shared library that needs others (as any built by a C compiler does) is refused before it is opened:
# dlopen would load those too, and run their constructors, before the descriptor could be checked.
lib=$(ldd "$zirun" 2>/dev/null | awk '/libjansson/ { print $3 }')
if [ -n "$lib" ] && [ -f "$lib" ]; then
    expect 2 "a library that needs others" -- "$zirun" --verify "$lib"
    contains "$tmp/cli.err" "needs other libraries to load: not a scoring module" "a library that needs others"
fi

# No LLVM in zirun, ever (the runtime must run where no compiler is installed).
if command -v ldd >/dev/null 2>&1; then
    ldd "$zirun" >"$tmp/cli.ldd" 2>&1
    if grep -qi llvm "$tmp/cli.ldd"; then fail "zirun links LLVM: $(grep -i llvm "$tmp/cli.ldd")"; fi
fi

finish "zirun command line"
