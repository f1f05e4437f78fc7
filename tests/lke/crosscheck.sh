#!/usr/bin/env bash
# crosscheck.sh — zic's interpreter against the independent reference calculator.
#
#   crosscheck.sh LKE_CROSSCHECK_TOOL SOURCE_DIR [PYTHON [TEST_LKE]]
#
# The tool (tests/lke/crosscheck.c) generates N random LKE units, writes them as a wide CSV with scale labels,
# and writes the interpreter's scores. scripts/lke_reference.py — written from shared/domain/lke-zi-2021.md,
# not from the .zi file — scores the same CSV twice: in IEEE doubles, and in exact rational arithmetic
# (--decimal, where comparisons have no tolerance at all). Per unit, the verdicts must be identical (ERROR for a
# unit that breaks a data rule) and every score (total, pengungkit, pemenuhan, reform, hasil, the six areas)
# within 1e-9. Every verdict must occur among the random units.
#
# Given TEST_LKE (the test_lke binary), the same comparison is made on the units of its tests — units exactly
# on each predicate threshold and just below it, the data rules, the zero denominators, the worked example —
# which test_lke writes out when ZI_LKE_DUMP is set. In exact arithmetic the reference needs no tolerance, so
# this checks that zic's tolerant comparisons give the exact verdict on every boundary unit.
#
# Environment: LKE_CROSSCHECK_UNITS (default 2000), LKE_CROSSCHECK_SEED (default 902021),
# LKE_CROSSCHECK_HALF_MISSING=1 also generates percent items whose denominator alone is missing (a case the two
# calculators define differently: expect mismatches), LKE_CROSSCHECK_KEEP=DIR keeps the files in DIR.
set -euo pipefail

tool=$1
src=$2
py=${3:-python3}
test_lke=${4:-}
n=${LKE_CROSSCHECK_UNITS:-2000}
seed=${LKE_CROSSCHECK_SEED:-902021}
extra=()
if [[ ${LKE_CROSSCHECK_HALF_MISSING:-0} == 1 ]]; then
    extra=(--half-missing)
fi

if [[ -n ${LKE_CROSSCHECK_KEEP:-} ]]; then
    tmp=$LKE_CROSSCHECK_KEEP
    mkdir -p "$tmp"
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
fi

cat >"$tmp/compare.py" <<'PY'
import csv
import sys

label, zic_path, float_path, decimal_path, units_path, every = sys.argv[1:7]
COLUMNS = ["total", "pengungkit", "pemenuhan", "reform", "hasil", "area.manajemen_perubahan", "area.tatalaksana",
           "area.sdm", "area.akuntabilitas", "area.pengawasan", "area.pelayanan_publik"]
TOLERANCE = 1e-9


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {r["unit"]: r for r in rows}, [r["unit"] for r in rows]


zic, order = load(zic_path)
with open(units_path, newline="") as f:
    units = {r["unit"]: r for r in csv.DictReader(f)}
failed = False
for mode, path in (("float", float_path), ("--decimal", decimal_path)):
    ref, ref_order = load(path)
    mismatches = []
    worst = 0.0
    if ref_order != order:
        mismatches.append(("(all)", "the reference lists %d units, zic %d, or in another order"
                           % (len(ref_order), len(order))))
    counts = {"WBBM": 0, "WBK": 0, "BELUM": 0, "ERROR": 0}
    for unit in order:
        z, r = zic[unit], ref.get(unit)
        counts[z["verdict"]] = counts.get(z["verdict"], 0) + 1
        if r is None:
            mismatches.append((unit, "missing from the reference's output"))
            continue
        problems = []
        if z["verdict"] != r["verdict"]:
            problems.append("verdict zic %s, reference %s" % (z["verdict"], r["verdict"]))
        if z["verdict"] != "ERROR" and r["verdict"] != "ERROR":
            for c in COLUMNS:
                d = abs(float(z[c]) - float(r[c]))
                worst = max(worst, d)
                if not d <= TOLERANCE:
                    problems.append("%s zic %s, reference %s (differ by %.3g)" % (c, z[c], r[c], d))
        if problems:
            mismatches.append((unit, "; ".join(problems)))
    for unit, why in mismatches[:10]:
        print("crosscheck (%s, %s): MISMATCH %s: %s" % (label, mode, unit, why), file=sys.stderr)
        if unit in units:
            print("    answers: " + ", ".join("%s=%s" % (k, v) for k, v in units[unit].items() if k != "unit"),
                  file=sys.stderr)
    print("crosscheck (%s, %s): %d units, %d mismatches, verdicts WBBM %d / WBK %d / BELUM %d / ERROR %d, "
          "largest score difference %.3g" % (label, mode, len(order), len(mismatches), counts["WBBM"],
                                            counts["WBK"], counts["BELUM"], counts["ERROR"], worst))
    if mismatches:
        failed = True
    missing = [v for v in ("WBBM", "WBK", "BELUM", "ERROR") if counts.get(v, 0) == 0]
    if every == "1" and missing:
        print("crosscheck: no unit got %s: the generator does not reach every verdict" % ", ".join(missing),
              file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
PY

# compare LABEL UNITS.csv ZIC.csv REQUIRE_EVERY_VERDICT
compare() {
    local label=$1 units=$2 zic=$3 every=$4 mode status
    for mode in float decimal; do
        local args=()
        [[ $mode == decimal ]] && args=(--decimal)
        status=0
        # The reference exits 1 when a unit has a data error (it prints ERROR for that unit): expected here.
        "$py" "$src/scripts/lke_reference.py" "${args[@]}" "$units" >"$zic.ref-$mode" 2>"$zic.ref-$mode.err" ||
            status=$?
        if ((status > 1)); then
            echo "crosscheck: lke_reference.py ($mode) failed with status $status:" >&2
            cat "$zic.ref-$mode.err" >&2
            return 1
        fi
    done
    "$py" "$tmp/compare.py" "$label" "$zic" "$zic.ref-float" "$zic.ref-decimal" "$units" "$every"
}

status=0
"$tool" "$n" "$seed" "$tmp/units.csv" "$tmp/zic.csv" "${extra[@]}"
compare "random units, seed $seed" "$tmp/units.csv" "$tmp/zic.csv" 1 || status=1

if [[ -n $test_lke ]]; then
    rm -f "$tmp/threshold-units.csv" "$tmp/threshold-zic.csv"
    if ! ZI_LKE_DUMP="$tmp/threshold" "$test_lke" >"$tmp/test_lke.out" 2>&1; then
        cat "$tmp/test_lke.out" >&2
        echo "crosscheck: test_lke failed; its units are compared all the same" >&2
        status=1
    fi
    compare "test_lke's threshold units" "$tmp/threshold-units.csv" "$tmp/threshold-zic.csv" 0 || status=1
fi
exit $status
