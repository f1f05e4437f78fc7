#!/usr/bin/env bash
# run.sh ZIC ZIRUN SOURCE_DIR WORK_DIR — end to end from the command line: the bundled criteria check clean,
# build at every -O level into modules that depend on nothing, zirun links no LLVM, and every example
# worksheet (wide CSV, long CSV, JSON, the ';' Excel export) scores exactly as the independent reference
# calculator (scripts/lke_reference.py) says, whatever the format and the -O level.
set -uo pipefail
zic=$1 zirun=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
failures=0 passes=0
pass() { passes=$((passes + 1)); echo "ok: $*"; }
fail() { failures=$((failures + 1)); echo "FAIL: $*"; }

out=$(${ZI_TEST_EXEC:-} "$zic" check "$src/criteria/lke-zi-2021.zi" 2>&1) && [ -z "$out" ] && pass "zic check is clean" \
  || fail "zic check: $out"

for level in 0 1 2 3; do
  if ${ZI_TEST_EXEC:-} "$zic" build "$src/criteria/lke-zi-2021.zi" -o "$work/lke-O$level.so" -O$level 2>"$work/build.err"; then
    pass "zic build -O$level"
  else
    fail "zic build -O$level: $(cat "$work/build.err")"
  fi
done

deps=$(ldd "$work/lke-O2.so" 2>&1)
if echo "$deps" | grep -qiE 'llvm|libzi|=>'; then fail "the module depends on something: $deps"; else pass "module has no dependencies (ldd: $(echo "$deps" | head -1 | xargs))"; fi
if ldd "$zirun" | grep -qi llvm; then fail "zirun links LLVM"; else pass "zirun links no LLVM"; fi

# The reference's columns, for comparison: unit,total,verdict,pengungkit,pemenuhan,reform,hasil,area.*
expected="$src/examples/expected-scores.csv"
# A report's last line is a comment (docs/runtime.md, "The last line"): skipped as pandas' comment='#' does.
pick='BEGIN { FS = "," } /^#/ { next } NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { printf "%s,%s,%s,%s,%s,%s,%s\n", $col["unit"], $col["total"], $col["verdict"], $col[k1], $col[k2], $col[k3], $col[k4] }'
# Units come out in the order they first appear, which for a shuffled long CSV is not the reference's order.
want=$(awk -v k1=pengungkit -v k2=pemenuhan -v k3=reform -v k4=hasil "$pick" "$expected" | sort)
for data in units-wide.csv units-long.csv units.json units-2.csv; do
  for level in 0 2 3; do
    ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O$level.so" "$src/examples/$data" --format csv -o "$work/out.csv" 2>"$work/run.err"
    status=$?
    got=$(awk -v k1=pengungkit -v k2=pengungkit.pemenuhan -v k3=pengungkit.reform -v k4=hasil "$pick" "$work/out.csv" | sort)
    if [ "$status" -gt 1 ]; then
      fail "zirun $data -O$level exited $status: $(head -3 "$work/run.err")"
    elif [ "$(tail -n 1 "$work/out.csv")" != "# end of report: 8 units | 8 scored | 0 with errors" ]; then
      fail "zirun $data -O$level: the report's last line is '$(tail -n 1 "$work/out.csv")'"
    elif [ "$got" != "$want" ]; then
      fail "zirun $data -O$level differs from the reference:"; diff <(echo "$want") <(echo "$got") | head -10
    else
      pass "zirun $data -O$level: every total, verdict and component equals the reference"
    fi
  done
done

# zic run gives what zic build + zirun give.
${ZI_TEST_EXEC:-} "$zic" run "$src/criteria/lke-zi-2021.zi" "$src/examples/units-wide.csv" --format csv >"$work/run.csv" 2>/dev/null
${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O0.so" "$src/examples/units-wide.csv" --format csv >"$work/zirun.csv" 2>/dev/null
if cmp -s "$work/run.csv" "$work/zirun.csv"; then pass "zic run equals zic build + zirun"; else fail "zic run differs"; fi

# A blank worksheet from zic template scores: every unit present, every answer missing.
${ZI_TEST_EXEC:-} "$zic" template "$src/criteria/lke-zi-2021.zi" --format long -o "$work/blank.csv"
${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$work/blank.csv" --format csv >"$work/blank-out.csv" 2>/dev/null
if grep -q '^UNIT-ID,0,BELUM' "$work/blank-out.csv"; then pass "blank template scores 0, BELUM"; else fail "blank template: $(head -2 "$work/blank-out.csv")"; fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
