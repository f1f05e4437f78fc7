#!/bin/sh
# diff.sh — `zic diff`: the bundled rule sets against each other (2021 against each documented variant and
# against 2024, with the example units), identical files, and the hand-made pair of this folder (old.zi,
# new.zi: one change of each kind; units.csv: units that change verdict, and that one side cannot score), as
# a table and as JSON, each compared with its golden file; then the exit codes and the usage errors.
# Usage: diff.sh ZIC SOURCE_DIR TMP_DIR [--update] (run from SOURCE_DIR, so paths in the output are the
# repository's). --update rewrites the golden files instead of comparing.
set -u
zic=$1 src=$2 tmp=$3 update=${4:-}
golden=tests/diff/golden
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"
[ "$update" = --update ] && update_golden=1
cd "$src" || exit 2
mkdir -p "$tmp"

# check NAME WANT_EXIT ARGS...: runs `zic diff ARGS` (under ZI_TEST_EXEC: valgrind in CI), and compares its
# standard output with golden/NAME.out (SHA-256 hashes left out) and its standard error with golden/NAME.err
# (when that exists or is being written).
check() {
    name=$1 want=$2
    shift 2
    cli_prefix=$tmp/$name
    expect "$want" "$name" -- "$zic" diff "$@"
    # The files' hashes change with every edit of a bundled criteria, which the line numbers already show.
    sed -i 's/"sha256": "[0-9a-f]\{64\}"/"sha256": "…"/g' "$tmp/$name.out"
    same_as_golden "$tmp/$name.out" "$golden/$name.out" "$name: standard output"
    if [ -f "$golden/$name.err" ] || { [ "$update_golden" = 1 ] && [ -s "$tmp/$name.err" ]; }; then
        same_as_golden "$tmp/$name.err" "$golden/$name.err" "$name: standard error"
    fi
}

# The bundled rule sets: each documented variant of 2021 and the 2024 amendment, with the example units.
check 2021-bersih-wbk 1 criteria/lke-zi-2021.zi criteria/lke-zi-2021-bersih-wbk.zi --data examples/units-wide.csv
check 2021-area-per-kategori 1 criteria/lke-zi-2021.zi criteria/lke-zi-2021-area-per-kategori.zi \
    --data examples/units-wide.csv
check 2021-2024 1 criteria/lke-zi-2021.zi criteria/lke-zi-2024.zi --data examples/units-2024.csv
check 2021-2024.json 1 criteria/lke-zi-2021.zi criteria/lke-zi-2024.zi --format json
# Identical rules: exit 0, whatever the units say.
check identical 0 criteria/lke-zi-2021.zi criteria/lke-zi-2021.zi

# The hand-made pair: every kind of change, then the units.
check pair 1 tests/diff/old.zi tests/diff/new.zi
check pair-data 1 tests/diff/old.zi tests/diff/new.zi --data tests/diff/units.csv
check pair-data-reverse 1 tests/diff/new.zi tests/diff/old.zi --data tests/diff/units.csv
check reordered 0 tests/diff/old.zi tests/diff/reordered.zi
check formula 1 tests/diff/formula-old.zi tests/diff/formula-new.zi
check pair-data.json 1 --format=json tests/diff/old.zi tests/diff/new.zi --data=tests/diff/units.csv
# Through `extends`: the merged rules, each change at its file and line.
check variant-2024 1 criteria/lke-zi-2024.zi tests/diff/variant-2024.zi --data examples/units-2024.csv

# The JSON documents parse.
for name in 2021-2024.json pair-data.json; do
    /usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/$name.out" ||
        fail "$name: not valid JSON"
done

# -o writes what standard output would show.
${ZI_TEST_EXEC:-} "$zic" diff tests/diff/old.zi tests/diff/new.zi -o "$tmp/pair-o.txt" >"$tmp/o.out" 2>&1
[ $? -eq 1 ] || fail "-o: exit status"
cmp -s "$tmp/pair-o.txt" "$tmp/pair.out" || fail "-o: the file differs from standard output"
[ -s "$tmp/o.out" ] && fail "-o: wrote to the terminal: $(cat "$tmp/o.out")"

# Trouble is 2: usage errors, a file that cannot be read, criteria with errors, data no side can read.
usage() { # MESSAGE ARGS...
    message=$1
    shift
    cli_prefix=$tmp/usage
    expect 2 "zic diff $*" -- "$zic" diff "$@"
    contains "$tmp/usage.err" "$message" "zic diff $*"
    [ -s "$tmp/usage.out" ] && fail "zic diff $*: wrote to standard output"
}
usage "diff takes two criteria files, the old and the new" tests/diff/old.zi
usage "diff takes two criteria files, not 'x.zi' too" tests/diff/old.zi tests/diff/new.zi x.zi
usage "--format takes table or json, not 'csv'" --format csv tests/diff/old.zi tests/diff/new.zi
usage "data options need --data UNITS" --id-column unit tests/diff/old.zi tests/diff/new.zi
usage "'zic diff' takes no option '--explain'" --explain tests/diff/old.zi tests/diff/new.zi
usage "unknown option '--bogus'" --bogus tests/diff/old.zi tests/diff/new.zi
usage "--data needs a file" tests/diff/old.zi tests/diff/new.zi --data -
usage "cannot open" tests/diff/old.zi tests/diff/no-such.zi
usage "cannot open 'tests/diff/no-such.csv': No such file or directory" tests/diff/old.zi tests/diff/new.zi --data tests/diff/no-such.csv
printf 'criteria broken "x" {\n  group g weight 1 { question "a" "A" : nothing }\n}\n' >"$tmp/broken.zi"
usage "error:" tests/diff/old.zi "$tmp/broken.zi"
usage "is the data file: refusing to write over it" tests/diff/old.zi tests/diff/new.zi --data tests/diff/units.csv -o tests/diff/units.csv

finish "zic diff"
