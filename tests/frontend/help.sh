#!/bin/sh
# help.sh ZIC — every subcommand answers --help (and -h) on standard output with its own usage, exit 0; an option
# a command does not take, and an unknown one, is a usage error (exit 2) naming it, with nothing on standard output.
set -u
zic=${1:?usage: help.sh ZIC}
failed=0
for command in check build run template keygen doc fmt test lsp diff; do
    for flag in --help -h; do
        out=$(${ZI_TEST_EXEC:-} "$zic" "$command" "$flag") || { echo "FAIL: zic $command $flag exits $?"; failed=1; }
        case $out in
        "usage: zic $command "*) ;;
        *) echo "FAIL: zic $command $flag does not begin with its usage:"; echo "$out"; failed=1 ;;
        esac
    done
done
expect_usage_error() { # EXPECTED-MESSAGE ARGS...
    message=$1
    shift
    out=$(${ZI_TEST_EXEC:-} "$zic" "$@" 2>"${TMPDIR:-/tmp}/zic-help-$$")
    status=$?
    err=$(cat "${TMPDIR:-/tmp}/zic-help-$$")
    rm -f "${TMPDIR:-/tmp}/zic-help-$$"
    if [ $status -ne 2 ] || [ -n "$out" ] || ! printf '%s\n' "$err" | grep -qF -e "$message"; then
        echo "FAIL: zic $*: exit $status, expected 2 and '$message'; said:"
        printf '%s\n' "$err"
        failed=1
    fi
}
expect_usage_error "'zic check' takes no option '--format=json'" check --format=json x.zi
expect_usage_error "'zic build' takes no option '--diagnostics-format=json'" build --diagnostics-format=json x.zi
expect_usage_error "'zic template' takes no option '-O2'" template -O2 x.zi
expect_usage_error "'zic check' takes no option '--sign'" check --sign key x.zi
expect_usage_error "unknown option '--bogus'" run --bogus x.zi data.csv
expect_usage_error "invalid value in '--cpu=fast'" build --cpu=fast x.zi
expect_usage_error "'zic build' takes no option '--header-row'" build --header-row 3 x.zi
expect_usage_error "'zic template' takes no option '--allow-missing-columns'" template --allow-missing-columns x.zi
expect_usage_error "--header-row takes a row number from 1 to 1000000, not 'x'" run --header-row x x.zi data.csv
expect_usage_error "--id-column needs a value: a column name" run x.zi data.csv --id-column
expect_usage_error "'zic test' takes no option '--bogus'" test --bogus x.zi
expect_usage_error "--format takes text or json, not 'xml'" test --format xml x.zt
# zic run lists the data options zirun has (one text, ZI_RUN_OPTIONS_HELP).
for option in --input-format --separator --header-row --id-column --allow-missing-columns --batch-size --explain; do
    ${ZI_TEST_EXEC:-} "$zic" run --help | grep -q -e "^  $option" || { echo "FAIL: zic run --help does not list $option"; failed=1; }
done
expect_usage_error "--diagnostics-format takes text, json or sarif" check --diagnostics-format=xml x.zi
expect_usage_error "unknown option '--bogus'" fmt --bogus x.zi
expect_usage_error "'zic lsp' takes no option '--port'" lsp --port 9000
[ $failed -eq 0 ] && echo "ok: --help on every command; options a command does not take are errors"
exit $failed
