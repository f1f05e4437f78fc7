#!/bin/sh
# run.sh — golden tests of `zic test`: each NAME.zt in DIR has beside it NAME.expected, the exact output of
# `zic test --color=never [ARGS] NAME.zt` run from DIR: its standard output, its standard error and its exit
# status, in three sections. ARGS are read from NAME.args when it exists (e.g. --coverage).
#
#   run.sh ZIC DIR            compare every case; print the diff of each that differs; fail if any does
#   run.sh ZIC DIR --update   rewrite the .expected files from what zic prints now (review the diff!)
#   run.sh --bundled ZIC ARGS…  `zic test ARGS…` must pass: exit 0, a PASS per case, no FAIL, nothing on stderr
#
# ZI_TEST_EXEC (valgrind in scripts/test.sh) wraps every zic call.
set -u
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"

if [ "${1:-}" = "--bundled" ]; then
    shift
    zic=$1
    shift
    err=${TMPDIR:-/tmp}/zic-test-bundled-$$
    out=$(${ZI_TEST_EXEC:-} "$zic" test --color=never "$@" 2>"$err")
    status=$?
    said=$(cat "$err")
    rm -f "$err"
    printf '%s\n' "$out"
    if [ $status -ne 0 ] || [ -n "$said" ] || printf '%s\n' "$out" | grep -q '^FAIL' ||
        ! printf '%s\n' "$out" | grep -q '^PASS'; then
        printf '%s\n' "$said"
        echo "FAIL: zic test $* (exit $status)" >&2
        exit 1
    fi
    exit 0
fi

[ $# -ge 2 ] || { echo "usage: run.sh ZIC DIR [--update]" >&2; exit 2; }
zic=$1
dir=$2
[ "${3:-}" = --update ] && update_golden=1
case $zic in /*) ;; *) zic=$(pwd)/$zic ;; esac
cd "$dir" || exit 2

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

count=0
for zt in *.zt; do
    [ -e "$zt" ] || continue
    name=${zt%.zt}
    count=$((count + 1))
    args=
    [ -f "$name.args" ] && args=$(cat "$name.args")
    # shellcheck disable=SC2086 # ARGS are words on purpose
    NO_COLOR='' ${ZI_TEST_EXEC:-} "$zic" test --color=never $args "$zt" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    { echo "== stdout"; cat "$tmp/stdout"; echo "== stderr"; cat "$tmp/stderr"; echo "exit: $status"; } >"$tmp/actual"
    same_as_golden "$tmp/actual" "$name.expected" "$zt"
done
[ $count -gt 0 ] || { echo "no .zt cases in $dir" >&2; exit 2; }
finish "$count golden runs of zic test"
