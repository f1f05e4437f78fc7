#!/bin/sh
# help.sh ZIC — every subcommand answers --help (and -h) on standard output with its own usage, exit 0; an option
# a command does not take, and an unknown one, is a usage error (exit 2) naming it, with nothing on standard output.
set -u
zic=${1:?usage: help.sh ZIC}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"
cli_prefix=$tmp/help
for command in check build run template keygen doc fmt test lsp diff; do
    for flag in --help -h; do
        expect 0 "zic $command $flag" -- "$zic" "$command" "$flag"
        case $(cat "$tmp/help.out") in
        "usage: zic $command "*) ;;
        *) fail "zic $command $flag does not begin with its usage: $(cat "$tmp/help.out")" ;;
        esac
    done
done
expect_usage_error() { # EXPECTED-MESSAGE ARGS...
    message=$1
    shift
    expect 2 "zic $*" -- "$zic" "$@"
    contains "$tmp/help.err" "$message" "zic $*"
    [ -s "$tmp/help.out" ] && fail "zic $*: wrote to standard output: $(cat "$tmp/help.out")"
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
    ${ZI_TEST_EXEC:-} "$zic" run --help | grep -q -e "^  $option" || fail "zic run --help does not list $option"
done
expect_usage_error "--diagnostics-format takes text, json or sarif" check --diagnostics-format=xml x.zi
expect_usage_error "unknown option '--bogus'" fmt --bogus x.zi
expect_usage_error "'zic lsp' takes no option '--port'" lsp --port 9000
finish "--help on every command; options a command does not take are errors"
