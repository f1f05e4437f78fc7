# cli.sh — what the command-line test scripts share (tests/runtime/*_cli.sh, tests/diff/diff.sh, tests/e2e,
# tests/ztest, tests/frontend): counting failures, running zic or zirun with its exit code checked, asserting
# what a file says, comparing with a golden file, and the last line and exit code. Sourced, never run:
#     . "$(dirname "$0")/../lib/cli.sh"
# POSIX sh, as the scripts are (dash runs them). Sh has no local variables: each function's are prefixed with
# its name, so that none overwrites a script's.
#
# What a script sets for these functions:
#   cli_prefix     expect's output files are $cli_prefix.out and $cli_prefix.err (is writes $cli_prefix.want)
#   zirun, zic     the binaries expect runs under ZI_TEST_EXEC (either may be unset)
#   update_golden  1: same_as_golden writes the golden files instead of comparing (each script has its switch)
# shellcheck disable=SC2154 # cli_prefix is the sourcing script's
failures=0
update_golden=0

# fail MESSAGE...: writes "FAIL: MESSAGE" on standard error and counts it in $failures.
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect CODE DESCRIPTION -- COMMAND...: runs COMMAND, its output in $cli_prefix.out and $cli_prefix.err; a
# failure unless it exits CODE. Under ZI_TEST_EXEC (valgrind, from scripts/test.sh) a COMMAND that is $zirun or
# $zic runs wrapped in it; a `sh -c` command puts ${ZI_TEST_EXEC:-} in front of zirun itself.
expect() {
    expect_want=$1 expect_what=$2
    shift 3
    if [ "$1" = "${zirun:-}" ] || [ "$1" = "${zic:-}" ]; then
        # shellcheck disable=SC2086 # ZI_TEST_EXEC is a command and its options: words on purpose
        set -- ${ZI_TEST_EXEC:-} "$@"
    fi
    "$@" >"$cli_prefix.out" 2>"$cli_prefix.err"
    expect_got=$?
    [ "$expect_got" -eq "$expect_want" ] ||
        fail "$expect_what: exit $expect_got, want $expect_want ($(head -c 400 "$cli_prefix.err"))"
}

# contains FILE TEXT DESCRIPTION: a failure unless FILE holds TEXT (as it is, not a pattern).
contains() {
    grep -qF -- "$2" "$1" || fail "$3: '$2' not in $(basename "$1"): $(head -c 400 "$1")"
}

# lacks FILE TEXT DESCRIPTION: a failure if FILE holds TEXT (as it is, not a pattern).
lacks() {
    grep -qF -- "$2" "$1" && fail "$3: '$2' in $(basename "$1")"
    return 0
}

# is FILE TEXT DESCRIPTION: a failure unless FILE is exactly TEXT and a newline (a message asserted whole, not a
# fragment of it); writes TEXT to $cli_prefix.want to compare.
is() {
    printf '%s\n' "$2" >"$cli_prefix.want"
    cmp -s "$1" "$cli_prefix.want" ||
        fail "$3: $(basename "$1") is not as expected: $(diff "$cli_prefix.want" "$1" | head -c 600)"
}

# same_as_golden FILE GOLDEN DESCRIPTION: a failure, with the differences, unless FILE is byte for byte GOLDEN;
# with update_golden=1, copies FILE over GOLDEN instead.
same_as_golden() {
    if [ "$update_golden" = 1 ]; then
        cp "$1" "$2"
    elif ! same_as_golden_diff=$(diff -u "$2" "$1" 2>&1); then
        fail "$3: differs from $2 (--- golden, +++ now):
$same_as_golden_diff"
    fi
}

# finish WHAT: the script's last line and exit code: "ok: WHAT" and 0 when no check failed, else the count of
# failures on standard error and 1.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "FAIL: $1: $failures failure(s)" >&2
        exit 1
    fi
    echo "ok: $1"
    exit 0
}
