#!/bin/sh
# zirun_cli.sh — the zirun command line: options, exit codes, standard input and output, --verify, and that
# the binary links no LLVM. Usage: zirun_cli.sh ZIRUN MODULES_DIR DATA_DIR TMP_DIR
set -u
zirun=$1 modules=$2 data=$3 tmp=$4
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect CODE DESCRIPTION -- COMMAND...: runs the command, output in $tmp/cli.out and $tmp/cli.err
expect() {
    want=$1 what=$2
    shift 3
    # Under ZI_TEST_EXEC (valgrind, from scripts/test.sh) zirun runs wrapped; `sh -c` commands wrap it inside.
    [ "$1" = "$zirun" ] && set -- ${ZI_TEST_EXEC:-} "$@"
    "$@" >"$tmp/cli.out" 2>"$tmp/cli.err"
    got=$?
    [ "$got" -eq "$want" ] || fail "$what: exit $got, want $want ($(head -c 300 "$tmp/cli.err"))"
}

contains() { # FILE TEXT DESCRIPTION
    grep -qF -- "$2" "$1" || fail "$3: '$2' not in $(basename "$1"): $(head -c 300 "$1")"
}

expect 0 "--version" -- "$zirun" --version
contains "$tmp/cli.out" "zirun 0.1.0 (module ABI 2)" "--version"
expect 0 "--help" -- "$zirun" --help
contains "$tmp/cli.out" "usage: zirun MODULE.so DATA" "--help"
expect 2 "no arguments" -- "$zirun"
contains "$tmp/cli.err" "no module given" "no arguments"
expect 2 "unknown option" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --frobnicate
contains "$tmp/cli.err" "unknown option '--frobnicate'" "unknown option"
expect 2 "bad --format" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --format xml
contains "$tmp/cli.err" "--format takes table, csv or json, not 'xml'" "bad --format"
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
cmp -s "$tmp/cli.csv" "$data/../golden/clean.csv.out" || fail "stdin: report differs from golden/clean.csv.out"
expect 0 "module in the current directory" -- sh -c "cd '$modules' && ${ZI_TEST_EXEC:-} '$zirun' fixture.so '$data/clean.csv' --format csv -o -"
contains "$tmp/cli.out" "U01,98.5,WBBM,ok" "module in the current directory"
expect 0 "long format forced" -- "$zirun" "$modules/fixture.so" "$data/clean_long.csv" --input-format long --format csv
cmp -s "$tmp/cli.out" "$data/../golden/clean.csv.out" || fail "long format forced: report differs"
expect 2 "long format forced on a wide file" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" --input-format long
contains "$tmp/cli.err" "row 1: a long-format CSV needs a unit, an item and an answer column, and this header has not all three: 'unit,A.1,A.2," "long format forced on a wide file"
expect 2 "unwritable output" -- "$zirun" "$modules/fixture.so" "$data/clean.csv" -o "$tmp/no-such-dir/out.csv"
contains "$tmp/cli.err" "cannot create" "unwritable output"

# One malformed row among 10,000: 9,999 scored, the bad one reported, exit 1.
awk 'BEGIN {
    print "unit,A.1,A.2,A.3.perubahan,A.3.terintegrasi,A.4,A.5,A.6,A.7,B.1,B.2"
    for (i = 0; i < 10000; i++)
        if (i == 7777) printf "U%05d,Ya,A,10\n", i
        else printf "U%05d,Ya,B,10,%d,%d%%,A,Ya,Ya,3.%d,B\n", i, i % 11, i % 101, i % 10
}' >"$tmp/cli_10k.csv"
expect 1 "10,000 rows, one malformed" -- "$zirun" "$modules/fixture.so" "$tmp/cli_10k.csv" --format csv
[ "$(wc -l <"$tmp/cli.out")" -eq 10001 ] || fail "10,000 rows: $(wc -l <"$tmp/cli.out") report lines, want 10001"
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

[ "$failures" -eq 0 ] && echo "zirun command line: all checks passed"
[ "$failures" -eq 0 ]
