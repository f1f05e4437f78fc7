#!/usr/bin/env bash
# setup.sh — the first command on a fresh Debian machine: installs what is missing, builds, then runs the
# main job: checks the bundled LKE ZI criteria of the law as it stands (PermenPANRB 90/2021 as amended by
# 5/2024, built on the 2021 worksheet), compiles them to a native scoring module and scores the example units
# with zirun (verdict, total and per-area breakdown, whether each unit may be proposed, the reasons, what to
# fix first), runs the criteria's tests, and writes the HTML report and the rules as a document.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build

echo "== zic check criteria/lke-zi-2024.zi"
build/compiler/zic check criteria/lke-zi-2024.zi && echo "clean"
echo "== zic test criteria/lke-zi-2024.zi (the criteria's own tests, criteria/lke-zi-2024.zt)"
build/compiler/zic test criteria/lke-zi-2024.zi | tail -1
echo "== zic build criteria/lke-zi-2024.zi -o build/lke-zi-2024.so"
build/compiler/zic build criteria/lke-zi-2024.zi -o build/lke-zi-2024.so --time
echo "== zirun build/lke-zi-2024.so examples/units-2024.csv"
status=0
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv || status=$?
echo "== zirun --explain (why each unit got its verdict)"
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv --explain >/dev/null 2>&1 || true
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv --explain | head -40 || true
echo "== zirun --gap next (the fewest answer changes to the next predicate, verified through the module)"
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv --gap next 2>/dev/null | grep -B1 -A4 "menuju" | head -30 || true
echo "== zirun --format html -o build/laporan-2024.html (a report to read; zic doc: the rules as a document)"
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv --format html -o build/laporan-2024.html 2>/dev/null || true
build/compiler/zic doc criteria/lke-zi-2024.zi --format html -o build/lke-zi-2024.html
ls -l build/laporan-2024.html build/lke-zi-2024.html
# Exit status 1 from zirun means some unit was reported with errors (the examples include an incomplete
# unit on purpose when its items are `missing error`); anything else is a real failure.
[ "$status" -le 1 ]
