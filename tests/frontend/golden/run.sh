#!/bin/sh
# run.sh — golden tests of `zic check`: each NAME.zi in DIR has beside it NAME.expected, the exact standard error
# of `zic check --color=never [ARGS] NAME.zi` run from DIR (so paths print as NAME.zi), then a line `exit: N`.
# ARGS are read from NAME.args when it exists (e.g. -Werror). Standard output must stay empty.
#
#   run.sh ZIC DIR            compare every case; print the diff of each that differs; fail if any does
#   run.sh ZIC DIR --update   rewrite the .expected files from what zic prints now (review the diff!)
#   run.sh ZIC DIR --build    the same comparison for `zic build -o TMP/NAME.so [ARGS] NAME.zi`, which must print
#                             what check prints and write a module only when it exits 0: a slip that check calls
#                             an error never compiles into a module
#   run.sh --clean ZIC FILE   FILE must check clean: no output at all, exit 0
set -u

if [ "${1:-}" = "--clean" ]; then
    [ $# -eq 3 ] || { echo "usage: run.sh --clean ZIC FILE" >&2; exit 2; }
    out=$(${ZI_TEST_EXEC:-} "$2" check --color=never "$3" 2>&1)
    status=$?
    if [ $status -ne 0 ] || [ -n "$out" ]; then
        printf '%s\n' "$out"
        echo "FAIL: $3 does not check clean (exit $status)" >&2
        exit 1
    fi
    echo "ok: $3 checks clean"
    exit 0
fi

[ $# -ge 2 ] || { echo "usage: run.sh ZIC DIR [--update]" >&2; exit 2; }
zic=$1
dir=$2
update=${3:-}
case $zic in /*) ;; *) zic=$(pwd)/$zic ;; esac
cd "$dir" || exit 2

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

failed=0
count=0
for zi in *.zi; do
    [ -e "$zi" ] || continue
    name=${zi%.zi}
    count=$((count + 1))
    args=
    [ -f "$name.args" ] && args=$(cat "$name.args")
    if [ "$update" = "--build" ]; then
        # shellcheck disable=SC2086 # ARGS are words on purpose
        NO_COLOR='' ${ZI_TEST_EXEC:-} "$zic" build --color=never $args "$zi" -o "$tmp/$name.so" \
            >"$tmp/stdout" 2>"$tmp/actual"
    else
        # shellcheck disable=SC2086
        NO_COLOR='' ${ZI_TEST_EXEC:-} "$zic" check --color=never $args "$zi" >"$tmp/stdout" 2>"$tmp/actual"
    fi
    status=$?
    echo "exit: $status" >>"$tmp/actual"
    if [ "$update" = "--build" ]; then
        wrote=no
        [ -s "$tmp/$name.so" ] && wrote=yes
        if { [ $status -eq 0 ] && [ $wrote = no ]; } || { [ $status -ne 0 ] && [ $wrote = yes ]; }; then
            echo "FAIL: $name: zic build exited $status, and wrote a module: $wrote"
            failed=$((failed + 1))
        fi
        rm -f "$tmp/$name.so"
    fi
    if [ -s "$tmp/stdout" ]; then
        echo "FAIL: $name: zic wrote to standard output:"
        cat "$tmp/stdout"
        failed=$((failed + 1))
    fi
    if [ "$update" = "--update" ]; then
        if ! cmp -s "$tmp/actual" "$name.expected" 2>/dev/null; then
            cp "$tmp/actual" "$name.expected"
            echo "updated: $name.expected"
        fi
    elif ! diff -u "$name.expected" "$tmp/actual" >"$tmp/diff" 2>&1; then
        echo "FAIL: $name (--- expected, +++ actual)"
        cat "$tmp/diff"
        failed=$((failed + 1))
    fi
done

if [ "$count" -eq 0 ]; then
    echo "FAIL: no golden cases in $dir" >&2
    exit 1
fi
if [ "$failed" -ne 0 ]; then
    echo "$failed of $count golden cases failed; if the new output is better, run: $0 ZIC DIR --update" >&2
    exit 1
fi
echo "ok: $count golden cases"
