#!/bin/sh
# compare_cli.sh — `zirun compare` (tiers) and `zirun progress` (periods): golden reports on the fixture's tier
# and period files (a unit missing from a tier, one only in a later tier, a unit with errors in one tier, one
# twice in a file, ids spelled in other case and spacing, a period column and rows without a period), and on
# the LKE examples of examples/tiers and examples/progress; usage errors; a file that cannot be read stops the
# command before anything is written. Set ZI_UPDATE_GOLDEN=1 to rewrite the goldens.
# Usage: compare_cli.sh ZIRUN MODULES_DIR DATA_DIR TMP_DIR ZIC ROOT
set -u
zirun=$1 modules=$2 data=$3 tmp=$4 zic=$5 root=$6
golden=$data/../golden
m=$modules/fixture.so
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"
cli_prefix=$tmp/cmp
update_golden=${ZI_UPDATE_GOLDEN:-0}

# Relative file names in the reports: run from the data folder.
cd "$data" || exit 1

# ---- tiers on the fixture ------------------------------------------------------------------------------
tiers="mandiri=tier_mandiri.csv tpi=tier_tpi.csv tpn=tier_tpn.csv"
expect 1 "compare, table" -- "$zirun" compare "$m" $tiers --lang id
same_as_golden "$tmp/cmp.out" "$golden/compare.table.out" "compare, table"
contains "$tmp/cmp.out" "U03   mandiri   34,00" "a unit missing from a tier is listed"
contains "$tmp/cmp.out" "      tpn      tidak ada di tier_tpn.csv" "a unit missing from a tier is listed"
contains "$tmp/cmp.out" "  U06: tidak ada di mandiri" "a unit only in later tiers is listed"
contains "$tmp/cmp.out" "    ! tpi: baris 5, kolom 2: butir A.1: 'Yaa' bukan jawaban" "a unit's errors in one tier"
contains "$tmp/cmp.out" "      tpn      dua kali di tier_tpn.csv (baris 5 dan 6): perbaiki berkas itu" "twice in a file"
contains "$tmp/cmp.out" "    A.3 Perubahan terintegrasi: 10/8 5,60 → 10/8 5,60 → 10/6 4,20" "a changed item of two inputs"
contains "$tmp/cmp.err" "tier_tpi.csv:5:2: error: unit 'U04': butir A.1: 'Yaa'" "each file's errors on stderr"
expect 1 "compare, CSV" -- "$zirun" compare "$m" $tiers --format csv --lang en
same_as_golden "$tmp/cmp.out" "$golden/compare.csv.out" "compare, CSV"
contains "$tmp/cmp.out" 'U02,tpn,tier_tpn.csv,3,ok,74.3,BELUM,43.8,30.5,20,23.799999999999997,A.3.terintegrasi: 8 -> 6 (5.6000000000000005 -> 4.2),' "CSV: the change from the tier before"
expect 1 "compare, JSON" -- "$zirun" compare "$m" $tiers --format json
same_as_golden "$tmp/cmp.out" "$golden/compare.json.out" "compare, JSON"
expect 1 "compare, English table" -- "$zirun" compare "$m" $tiers --lang en
contains "$tmp/cmp.out" "scores lowered from tpi to tpn (3 units scored at both; verdict lowered for 3):" "English labels"
contains "$tmp/cmp.out" "end of comparison: 6 units, 3 tiers, 2 with errors, 2 not in every file" "English last line"
# The page (tests/browser/compare_html.py loads it in a browser): the same units, errors and files twice.
expect 1 "compare, HTML" -- "$zirun" compare "$m" $tiers --format html --lang id -o "$tmp/cmp.html"
contains "$tmp/cmp.html" 'data-unit="U06"' "compare, HTML: a unit only in later tiers"
contains "$tmp/cmp.html" "baris 5, kolom 2: butir A.1: &#39;Yaa&#39; bukan jawaban" "compare, HTML: a unit's errors"
contains "$tmp/cmp.html" "dua kali di tier_tpn.csv (baris 5 dan 6): perbaiki berkas itu" "compare, HTML: twice in a file"
contains "$tmp/cmp.html" "akhir perbandingan: 6 unit, 3 tingkat, 2 dengan kesalahan, 2 tidak ada di setiap berkas" "compare, HTML: the last line"
# Two tiers where every unit is scored: exit 0.
expect 0 "two clean tiers" -- "$zirun" compare "$m" a=clean.csv b=clean.csv
contains "$tmp/cmp.out" "  no score was lowered" "two clean tiers"

# ---- usage ---------------------------------------------------------------------------------------------
expect 2 "one tier" -- "$zirun" compare "$m" a=clean.csv
contains "$tmp/cmp.err" "give two or three tiers as NAME=FILE" "one tier"
expect 2 "four tiers" -- "$zirun" compare "$m" a=clean.csv b=clean.csv c=clean.csv d=clean.csv
contains "$tmp/cmp.err" "too many files: at most 3 tiers" "four tiers"
expect 2 "a tier without a name" -- "$zirun" compare "$m" a=clean.csv clean.csv
contains "$tmp/cmp.err" "'clean.csv' has no name: give NAME=FILE" "a tier without a name"
expect 2 "NAME= without a file" -- "$zirun" compare "$m" a=clean.csv b=
contains "$tmp/cmp.err" "'b=' is not NAME=FILE" "NAME= without a file"
expect 2 "a name twice" -- "$zirun" compare "$m" tpi=clean.csv TPI=clean.csv
contains "$tmp/cmp.err" "the name 'TPI' is given twice" "a name twice"
expect 2 "xlsx" -- "$zirun" compare "$m" a=clean.csv b=clean.csv --format xlsx
contains "$tmp/cmp.err" "--format takes table, csv, json or html here" "xlsx"
expect 2 "--explain" -- "$zirun" compare "$m" a=clean.csv b=clean.csv --explain
contains "$tmp/cmp.err" "--explain is for a single file" "--explain"
expect 0 "compare --help" -- "$zirun" compare --help
contains "$tmp/cmp.out" "usage: zirun compare MODULE.so NAME=FILE NAME=FILE [NAME=FILE] [options]" "compare --help"
expect 0 "progress --help" -- "$zirun" progress --help
contains "$tmp/cmp.out" "--period-column NAME" "progress --help"
expect 0 "zirun --help names the sub-commands" -- "$zirun" --help
contains "$tmp/cmp.out" "zirun compare MODULE.so NAME=FILE NAME=FILE [NAME=FILE]" "zirun --help"
contains "$tmp/cmp.out" "zirun progress MODULE.so PERIOD=FILE PERIOD=FILE ... | FILE --period-column NAME" "zirun --help"

# A file that cannot be read stops the command, and -o keeps the old report: a comparison missing a tier
# would look complete.
echo "old report" >"$tmp/cmp_report.txt"
printf 'TITLE\nnothing,here\n' >"$tmp/cmp_title.csv"
expect 2 "an unreadable tier" -- "$zirun" compare "$m" a=clean.csv b="$tmp/cmp_title.csv" -o "$tmp/cmp_report.txt"
contains "$tmp/cmp.err" "'$tmp/cmp_title.csv' could not be read to its end: nothing is compared" "an unreadable tier"
[ "$(cat "$tmp/cmp_report.txt")" = "old report" ] || fail "an unreadable tier: the old report was replaced"
expect 2 "-o a tier's file" -- "$zirun" compare "$m" a=clean.csv b=wide.csv -o clean.csv
contains "$tmp/cmp.err" "'clean.csv' is a data file: refusing to write over it" "-o a tier's file"
expect 2 "a missing file" -- "$zirun" compare "$m" a=clean.csv b=no-such.csv
contains "$tmp/cmp.err" "cannot open 'no-such.csv'" "a missing file"

# ---- progress with a period column ---------------------------------------------------------------------
expect 1 "progress, period column, table" -- "$zirun" progress "$m" progress_periode.csv --period-column periode --lang id
same_as_golden "$tmp/cmp.out" "$golden/progress.table.out" "progress, period column, table"
contains "$tmp/cmp.out" "      2026-10   98,50       60,00  38,50    32,00    28,00  WBBM  (+18,80; WBBM dicapai)" "the verdict reached"
contains "$tmp/cmp.out" "    ! -: baris 10, kolom 1: tidak ada periode di kolom 'periode'" "a row without a period is listed"
lacks "$tmp/cmp.err" "unknown column" "the period column is not an unknown column"
expect 1 "progress, period column, CSV" -- "$zirun" progress "$m" progress_periode.csv --period-column periode --format csv
same_as_golden "$tmp/cmp.out" "$golden/progress.csv.out" "progress, period column, CSV"
expect 1 "progress, period column, JSON" -- "$zirun" progress "$m" progress_periode.csv --period-column periode --format json
same_as_golden "$tmp/cmp.out" "$golden/progress.json.out" "progress, period column, JSON"
# The period column is a data option: zirun alone scores each row as the unit in its period.
expect 1 "zirun --period-column" -- "$zirun" "$m" progress_periode.csv --period-column periode --format csv
contains "$tmp/cmp.out" "U01 [2026-10],98.5,WBBM,ok," "zirun --period-column"
lacks "$tmp/cmp.err" "unknown column" "zirun --period-column: the period column is known"
expect 2 "--period-column naming no column" -- "$zirun" progress "$m" progress_periode.csv --period-column bulan
contains "$tmp/cmp.err" "row 1: --period-column 'bulan' names no column of the header" "--period-column naming no column"
expect 2 "--period-column is the unit column" -- "$zirun" progress "$m" progress_periode.csv --period-column unit
contains "$tmp/cmp.err" "--period-column 'unit' is the unit column" "--period-column is the unit column"
expect 2 "--period-column on a long file" -- "$zirun" progress "$m" clean_long.csv --period-column periode
contains "$tmp/cmp.err" "--period-column reads the wide layout (a row per unit and period), and this is the long layout" "--period-column on a long file"
expect 2 "--period-column on JSON" -- "$zirun" progress "$m" clean.json --period-column periode
contains "$tmp/cmp.err" "and this is JSON: give one file per period instead" "--period-column on JSON"
expect 2 "--period-column with two files" -- "$zirun" progress "$m" a=clean.csv b=clean.csv --period-column periode
contains "$tmp/cmp.err" "--period-column reads one file" "--period-column with two files"
expect 2 "progress with one file" -- "$zirun" progress "$m" a=clean.csv
contains "$tmp/cmp.err" "give two or more periods as PERIOD=FILE" "progress with one file"

# ---- the LKE examples ----------------------------------------------------------------------------------
lke=$tmp/cmp_lke.so
"$zic" build "$root/criteria/lke-zi-2021.zi" -o "$lke" 2>"$tmp/cmp.err" || fail "zic build: $(head -c 300 "$tmp/cmp.err")"
cd "$root/examples/tiers" || exit 1
expect 0 "examples/tiers" -- "$zirun" compare "$lke" mandiri=mandiri.csv tpi=tpi.csv tpn=tpn.csv --lang id
same_as_golden "$tmp/cmp.out" "$golden/compare.lke.table.out" "examples/tiers"
contains "$tmp/cmp.out" "RSUD-C                mandiri   76,00" "examples/tiers: ids joined ignoring case and spaces"
contains "$tmp/cmp.out" "                      tpn       74,35       41,57  32,77" "examples/tiers: rsud-c lowered at TPN"
contains "$tmp/cmp.out" "  kelurahan-f: tidak ada di tpn" "examples/tiers: the unit missing from the TPN file"
contains "$tmp/cmp.out" "  kantor-pertanahan-i: tidak ada di mandiri, tpn" "examples/tiers: the extra unit"
expect 0 "examples/tiers JSON" -- "$zirun" compare "$lke" mandiri=mandiri.csv tpi=tpi.csv tpn=tpn.csv --format json
# The provenance names the build's paths and LLVM version: the golden starts at the tiers.
sed '1s/^{.*,"tiers":/{"tiers":/' "$tmp/cmp.out" >"$tmp/cmp.units" && mv "$tmp/cmp.units" "$tmp/cmp.out"
same_as_golden "$tmp/cmp.out" "$golden/compare.lke.json.out" "examples/tiers JSON"
cd "$root/examples/progress" || exit 1
expect 0 "examples/progress, a file per period" -- "$zirun" progress "$lke" 2026-01=2026-01.csv 2026-02=2026-02.csv 2026-03=2026-03.csv --lang id
same_as_golden "$tmp/cmp.out" "$golden/progress.lke.table.out" "examples/progress, a file per period"
contains "$tmp/cmp.out" "(+1,02; WBK dicapai)" "examples/progress: rsud-c reaches WBK"
contains "$tmp/cmp.out" "                      2026-03   74,86       43,67  31,19                      6,73              3,88      5,84                6,67            12,94                   7,60  BELUM  (+2,52; sejak 2026-01)" "examples/progress: the change since the last period the unit was in"
# One file with a period column gives the same units, scores and changes as a file per period (all but the
# file and row columns).
expect 0 "examples/progress, a period column" -- "$zirun" progress "$lke" lke-2026.csv --period-column periode --format csv
cut -d, -f1,2,5- "$tmp/cmp.out" >"$tmp/cmp_column.csv"
expect 0 "examples/progress, a file per period, CSV" -- "$zirun" progress "$lke" 2026-01=2026-01.csv 2026-02=2026-02.csv 2026-03=2026-03.csv --format csv
cut -d, -f1,2,5- "$tmp/cmp.out" >"$tmp/cmp_files.csv"
cmp -s "$tmp/cmp_column.csv" "$tmp/cmp_files.csv" ||
    fail "a period column and a file per period differ: $(diff "$tmp/cmp_column.csv" "$tmp/cmp_files.csv" | head -c 600)"

finish "compare_cli"
