#!/usr/bin/env bash
# setup.sh — the first command on a fresh Debian machine: installs what is missing, builds, then runs the
# main job: checks the bundled LKE ZI criteria of the law as it stands (PermenPANRB 90/2021 as amended by
# 5/2024, built on the 2021 worksheet), compiles them to a native scoring module and scores the example units
# with zirun (verdict, total and per-area breakdown, whether each unit may be proposed, and the reasons).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build

echo "== zic check criteria/lke-zi-2024.zi"
build/compiler/zic check criteria/lke-zi-2024.zi && echo "clean"
echo "== zic build criteria/lke-zi-2024.zi -o build/lke-zi-2024.so"
build/compiler/zic build criteria/lke-zi-2024.zi -o build/lke-zi-2024.so --time
echo "== zirun build/lke-zi-2024.so examples/units-2024.csv"
status=0
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv || status=$?
echo "== zirun --explain (why each unit got its verdict)"
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv --explain >/dev/null 2>&1 || true
build/runtime/zirun build/lke-zi-2024.so examples/units-2024.csv --explain | head -40 || true
# Exit status 1 from zirun means some unit was reported with errors (the examples include an incomplete
# unit on purpose when its items are `missing error`); anything else is a real failure.
[ "$status" -le 1 ]
