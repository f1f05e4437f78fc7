#!/bin/sh
# threads_cli.sh — zirun --threads N writes what --threads 1 writes, byte for byte: the report, everything on
# standard error, and the exit code, on inputs with errors, warnings, quoted line breaks (in the id and in
# text cells), CRLF, duplicate ids across chunks, a missing final newline, a byte-order mark, the LKE's
# example units and a bigger generated file. Tiny batch sizes make many chunks (par.c: at most 16 batches
# each), so that their boundaries fall everywhere.
# Usage: threads_cli.sh ZIRUN ZIC LKE_CROSSCHECK MODULES_DIR DATA_DIR SOURCE_DIR TMP_DIR
set -u
zirun=$1 zic=$2 crosscheck=$3 modules=$4 data=$5 src=$6 tmp=$7/threads
mkdir -p "$tmp"
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"

# run NAME ARGS...: zirun (under ZI_TEST_EXEC, as scripts/test.sh runs it) into $tmp/NAME.{out,err,rc}
run() {
    name=$1
    shift
    ${ZI_TEST_EXEC:-} "$zirun" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >"$tmp/$name.rc"
}

# same WHAT MODULE DATA [OPTIONS...]: --threads 2, 3 and 8 against --threads 1 with the same batch size (the
# batches decide where warnings fall among the echoed errors), of 1, 2, 3 units and the default
same() {
    what=$1
    shift
    for config in "2 256" "3 1" "8 3" "2 2"; do
        run one "$@" --batch-size "${config#* }" --threads 1
        run many "$@" --batch-size "${config#* }" --threads "${config% *}"
        for part in out err rc; do
            cmp -s "$tmp/one.$part" "$tmp/many.$part" ||
                fail "$what, --threads ${config% *}, --batch-size ${config#* }: standard $part differs from --threads 1 ($(diff "$tmp/one.$part" "$tmp/many.$part" | head -c 400))"
        done
    done
}

# A worksheet of the fixture's columns with everything one thread has to get right in order.
gen=$tmp/mixed.csv
{
    printf '\357\273\277unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2,catatan\r\n'
    i=1
    while [ $i -le 150 ]; do
        case $((i % 15)) in
        0) printf 'U%03d,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,"a note\nover two lines, with ""quotes"""\r\n' $i ;;
        1) printf '"U%03d\nsplit",Ya,B,10,8,80%%,B,Ya,Ya,3.40,B,\r\n' $i ;;
        2) printf 'U%03d,Mungkin,A,10,10,101%%,A,Ya,Ya,tiga,Z,x\n' $i ;;
        3) printf 'U%03d,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\n' $((i - 2)) ;;         # a duplicate id
        4) printf 'u %03d ,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\n' $((i - 10)) ;;     # the same but for case
        5) printf 'Jumlah,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\n' ;;                  # a footer
        6) printf 'U%03d,,,,,,,,,,,x\n' $i ;;                                       # nearly empty
        7) printf 'K\351 %03d,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\n' $i ;;           # Windows-1252
        8) printf 'U%03d,"Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\n' $i ;;               # a quote never closed
        9) printf 'U%03d,Ya,A,10\n\n,,,,\n' $i ;;                                   # short, empty rows
        10) printf 'U001,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\n' ;;                    # the first id again
        *) printf 'U%03d,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,x\r\n' $i ;;
        esac
        i=$((i + 1))
    done
    printf 'U999,Ya,A,10,10,100%%,A,Ya,Ya,3.80,A,"last, no newline"'
} >"$gen"

for format in csv json csv-excel; do
    same "mixed input, $format" "$modules/fixture.so" "$gen" --format $format
done
same "mixed input, explained" "$modules/fixture.so" "$gen" --format json --explain --lang en
same "errors.csv" "$modules/fixture.so" "$data/errors.csv" --format csv
same "wide.csv" "$modules/fixture.so" "$data/wide.csv" --format json
same "facts.csv" "$modules/facts.so" "$data/facts.csv" --format csv
same "formats kept on one thread" "$modules/fixture.so" "$gen" --format table
same "a full disk" "$modules/fixture.so" "$gen" --format csv -o /dev/full
# Standard input, through sh so that zirun reads a pipe.
for t in 1 2; do
    sh -c "cat '$gen' | ${ZI_TEST_EXEC:-} '$zirun' '$modules/fixture.so' - --format csv --batch-size 2 --threads $t" \
        >"$tmp/stdin$t.out" 2>"$tmp/stdin$t.err"
done
cmp -s "$tmp/stdin1.out" "$tmp/stdin2.out" || fail "standard input: the reports differ"
cmp -s "$tmp/stdin1.err" "$tmp/stdin2.err" || fail "standard input: standard error differs"
cmp -s "$tmp/stdin1.out" "$tmp/one.out" 2>/dev/null && fail "standard input: compared with the wrong run"

# What the mixed input must show at all (so that the comparisons above compare something).
run one "$modules/fixture.so" "$gen" --format csv --threads 2 --batch-size 1
grep -qF "duplicate unit id 'U001' (first at row 4)" "$tmp/one.err" || fail "mixed input: no duplicate of U001 echoed"
grep -qF "more unit errors not shown here" "$tmp/one.err" || fail "mixed input: the echo limit not reached"
grep -qF "(further rows like this are not listed)" "$tmp/one.err" || fail "mixed input: the row warnings' limit not reached"
grep -qF "Windows-1252" "$tmp/one.err" || fail "mixed input: no Windows-1252 note"
[ "$(grep -c "Windows-1252" "$tmp/one.err")" -eq 1 ] || fail "mixed input: the Windows-1252 note more than once"
grep -qF '"U016' "$tmp/one.out" || fail "mixed input: the id with a line break is not in the report"
[ "$(cat "$tmp/one.rc")" -eq 1 ] || fail "mixed input: exit $(cat "$tmp/one.rc"), want 1"

# The LKE: its example units and a bigger file of random units, half of them with answers missing.
"$zic" build "$src/criteria/lke-zi-2021.zi" -o "$tmp/lke.so" >/dev/null || fail "zic build of the LKE"
same "the LKE's example units" "$tmp/lke.so" "$src/examples/units-wide.csv" --format csv
"$crosscheck" 3000 902021 "$tmp/lke-units.csv" "$tmp/lke-unused.csv" --half-missing >/dev/null ||
    fail "lke_crosscheck"
for format in csv json; do
    run one "$tmp/lke.so" "$tmp/lke-units.csv" --format $format --threads 1
    run many "$tmp/lke.so" "$tmp/lke-units.csv" --format $format --threads 2
    for part in out err rc; do
        cmp -s "$tmp/one.$part" "$tmp/many.$part" || fail "3000 LKE units, $format: standard $part differs"
    done
done
[ "$(wc -l <"$tmp/one.out")" -gt 3000 ] || fail "3000 LKE units: the report is short"

# --threads itself.
run bad "$modules/fixture.so" "$gen" --threads x
grep -qF -- "--threads takes a number from 0 (the cores available) to 256, not 'x'" "$tmp/bad.err" ||
    fail "--threads x: $(cat "$tmp/bad.err")"
run zero "$modules/fixture.so" "$gen" --format csv --threads 0
cmp -s "$tmp/zero.out" "$tmp/stdin1.out" || fail "--threads 0: the report differs"

finish "threads_cli"
