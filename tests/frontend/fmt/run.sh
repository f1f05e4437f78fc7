#!/bin/sh
# run.sh — golden tests of `zic fmt`, and its command line.
#
# Each NAME.zi in DIR has beside it NAME.expected: what `zic fmt --color=never - < NAME.zi` prints on standard
# output when it exits 0 (the formatted file), or on standard error followed by a line `exit: N` when it does not
# (a file with syntax errors is never formatted). Each formatted NAME.expected formats to itself (idempotent) and
# passes `zic fmt --check`. NAME.diff, where there is one, is the exact output of `zic fmt --diff NAME.zi` run
# from DIR. Then the command line: a file rewritten in place (and not rewritten when already formatted),
# --check and --diff writing nothing, a file with syntax errors left as it was, usage errors.
#
#   run.sh ZIC DIR            compare every case; print the diff of each that differs; fail if any does
#   run.sh ZIC DIR --update   rewrite the .expected and .diff files from what zic prints now (review the diff!)
set -u
[ $# -ge 2 ] || { echo "usage: run.sh ZIC DIR [--update]" >&2; exit 2; }
zic=$1
dir=$2
update=${3:-}
case $zic in /*) ;; *) zic=$(pwd)/$zic ;; esac
cd "$dir" || exit 2

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

# compare NAME EXPECTED ACTUAL: the golden file against what zic printed (or --update it).
compare() {
    if [ "$update" = "--update" ]; then
        cp "$3" "$2"
    elif ! cmp -s "$2" "$3"; then
        fail "$1: output differs from $2:"
        diff -u "$2" "$3"
    fi
}

count=0
for zi in *.zi; do
    name=${zi%.zi}
    count=$((count + 1))
    NO_COLOR='' ${ZI_TEST_EXEC:-} "$zic" fmt --color=never - <"$zi" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    if [ $status -eq 0 ]; then
        [ -s "$tmp/stderr" ] && fail "$name: zic fmt printed on standard error:" && cat "$tmp/stderr"
        compare "$name" "$name.expected" "$tmp/stdout"
        # Formatting the formatted text changes nothing, and --check says so.
        ${ZI_TEST_EXEC:-} "$zic" fmt - <"$name.expected" >"$tmp/again" 2>&1
        cmp -s "$name.expected" "$tmp/again" || fail "$name: formatting $name.expected changes it again"
        cp "$name.expected" "$tmp/$name.zi"
        out=$(cd "$tmp" && ${ZI_TEST_EXEC:-} "$zic" fmt --check "$name.zi" 2>&1) ||
            fail "$name: zic fmt --check $name.expected exits $?: $out"
    else
        [ -s "$tmp/stdout" ] && fail "$name: zic fmt exited $status and printed a text on standard output"
        echo "exit: $status" >>"$tmp/stderr"
        compare "$name" "$name.expected" "$tmp/stderr"
    fi
    if [ -f "$name.diff" ] || { [ "$update" = "--update" ] && [ "$name" = layout ]; }; then
        ${ZI_TEST_EXEC:-} "$zic" fmt --diff "$zi" >"$tmp/diff" 2>&1
        status=$?
        [ $status -eq 1 ] || fail "$name: zic fmt --diff exits $status, expected 1 (the file would change)"
        compare "$name" "$name.diff" "$tmp/diff"
    fi
done
[ $count -gt 0 ] || fail "no case in $dir"

# In place: written through a temporary file renamed over it (a new inode), and only when it changes.
cp layout.zi "$tmp/inplace.zi"
chmod 640 "$tmp/inplace.zi"
before=$(ls -i "$tmp/inplace.zi" | cut -d' ' -f1)
out=$(${ZI_TEST_EXEC:-} "$zic" fmt "$tmp/inplace.zi" 2>&1) || fail "zic fmt FILE exits $?: $out"
[ -z "$out" ] || fail "zic fmt FILE printed: $out"
cmp -s layout.expected "$tmp/inplace.zi" || fail "zic fmt FILE did not write the formatted text"
after=$(ls -i "$tmp/inplace.zi" | cut -d' ' -f1)
[ "$before" != "$after" ] || fail "zic fmt FILE did not replace the file atomically (same inode)"
[ "$(stat -c %a "$tmp/inplace.zi")" = 640 ] || fail "zic fmt FILE changed the file's mode"
${ZI_TEST_EXEC:-} "$zic" fmt "$tmp/inplace.zi" || fail "zic fmt on a formatted file exits $?"
[ "$(ls -i "$tmp/inplace.zi" | cut -d' ' -f1)" = "$after" ] || fail "zic fmt rewrote a file already formatted"

# --check and --diff write nothing; --check names the files that would change, and exits 1.
cp layout.zi "$tmp/check.zi"
cp layout.expected "$tmp/clean.zi"
out=$(cd "$tmp" && ${ZI_TEST_EXEC:-} "$zic" fmt --check clean.zi check.zi)
status=$?
[ $status -eq 1 ] && [ "$out" = "check.zi" ] || fail "zic fmt --check: exit $status, printed '$out'; expected 1, 'check.zi'"
cmp -s layout.zi "$tmp/check.zi" || fail "zic fmt --check wrote the file"
(cd "$tmp" && ${ZI_TEST_EXEC:-} "$zic" fmt --diff check.zi >/dev/null)
cmp -s layout.zi "$tmp/check.zi" || fail "zic fmt --diff wrote the file"
out=$(cd "$tmp" && ${ZI_TEST_EXEC:-} "$zic" fmt --diff clean.zi)
[ $? -eq 0 ] && [ -z "$out" ] || fail "zic fmt --diff on a formatted file: printed '$out'"

# A file with syntax errors is left as it is, and fails the run; the other files are still formatted.
cp syntax_error.zi "$tmp/broken.zi"
cp layout.zi "$tmp/good.zi"
${ZI_TEST_EXEC:-} "$zic" fmt --color=never "$tmp/broken.zi" "$tmp/good.zi" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
[ $status -eq 1 ] || fail "zic fmt on a file with syntax errors exits $status, expected 1"
cmp -s syntax_error.zi "$tmp/broken.zi" || fail "zic fmt changed a file with syntax errors"
cmp -s layout.expected "$tmp/good.zi" || fail "zic fmt did not format the good file after a broken one"
grep -q "broken.zi' not formatted: fix the errors above first" "$tmp/stderr" || fail "zic fmt did not say the file was not formatted"

# Usage and I/O problems exit 2.
usage_error() { # EXPECTED-MESSAGE ARGS...
    message=$1
    shift
    ${ZI_TEST_EXEC:-} "$zic" fmt "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    if [ $status -ne 2 ] || [ -s "$tmp/stdout" ] || ! grep -qF -e "$message" "$tmp/stderr"; then
        fail "zic fmt $*: exit $status, expected 2 and '$message'; said:"
        cat "$tmp/stderr"
    fi
}
usage_error "no input file"
usage_error "--check and --diff cannot be used together" --check --diff layout.zi
usage_error "unknown option '--width=80'" --width=80 layout.zi
usage_error "cannot open '$tmp/none.zi'" "$tmp/none.zi"

[ $failed -eq 0 ] && echo "ok: $count zic fmt cases, in place, --check, --diff, syntax errors, usage errors"
[ $failed -eq 0 ]
