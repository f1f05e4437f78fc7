#!/bin/sh
# codes.sh ROOT — every diagnostic code is documented and tested: each code in the table of docs/language.md §6
# must be asserted by a front-end or hostile-input (tests/hostile) Check suite or appear in a golden .expected
# file (tests/frontend/golden, or tests/ztest for a tests file's codes), and each code the front end can emit
# (grammar/, compiler/ front-end sources, compiler/testcase.c for tests files) must be in that table.
set -u
root=${1:?usage: codes.sh ROOT}
doc=$root/docs/language.md
tests=$root/tests/frontend
[ -f "$doc" ] || { echo "no $doc" >&2; exit 2; }

documented=$(grep -oE '^\| [EW][0-9]{3} \|' "$doc" | grep -oE '[EW][0-9]{3}' | sort -u)
emitted=$(cat "$root"/grammar/scanner.l "$root"/grammar/parser.y "$root"/grammar/build*.c \
              "$root"/compiler/check*.c "$root"/compiler/symtab.c "$root"/compiler/frontend.c "$root"/compiler/merge.c \
              "$root"/compiler/testcase.c \
          | grep -oE '"[EW][0-9]{3}"' | tr -d '"' | sort -u)
[ -n "$documented" ] || { echo "FAIL: no code table found in $doc" >&2; exit 1; }

failed=0
for code in $documented; do
    if ! grep -q "\"$code\"" "$tests"/*.c "$root"/tests/hostile/*.c 2>/dev/null &&
        ! grep -q "\[$code[],]" "$tests"/golden/*.expected "$root"/tests/ztest/*.expected; then
        echo "FAIL: $code is documented but no front-end test expects it"
        failed=1
    fi
done
for code in $emitted; do
    if ! printf '%s\n' "$documented" | grep -qx "$code"; then
        echo "FAIL: $code is emitted by the front end but not in the table of docs/language.md"
        failed=1
    fi
done
[ $failed -eq 0 ] && echo "ok: $(printf '%s\n' "$documented" | wc -l) documented codes, each tested; every emitted code documented"
exit $failed
