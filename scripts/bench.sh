#!/usr/bin/env bash
# bench.sh — every benchmark of docs/performance.md in one run, side by side, printed as one table.
#
#   scripts/bench.sh [--quick]
#
# Builds a Release tree in build-bench/ (installing what is missing, the peers included), then measures on the
# bundled LKE criteria and generated units:
#   1. kernel: scoring pre-parsed batches — interpreter, the module at each CPU level and the one the runtime
#      picks here, --cpu=native, hand-written C (bench/bench_kernel.c)
#   2. peers: GoRules zen-engine, json-logic-js and CLIPS on the same rules and units, each verified against
#      zic's scores first (bench/peers/run.sh)
#   2b. duckdb: the same rules as SQL over the end-to-end files below, CSV report out, at 1 and 2 threads,
#      verified against zic's report first (bench/peers/duckdb.js)
#   3. end to end: zirun, wide CSV in, CSV report out, at 10k, 100k and 1M units, on 1 and 2 threads (the two
#      reports compared byte for byte first): units/s, MB/s, peak RSS
#   4. compile latency: zic build of the LKE at each -O level, by phase
#   5. explain cost: zirun with and without --explain
# Every figure is a median over several runs (min–max beside it); ratios are of medians measured in this one
# run. --quick uses fewer units and runs (a smoke test of the script, not figures to quote).
# Output: the table on stdout; the raw lines of every part in build-bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1

runs=7 kernel_units=20000000 peer_units=20000 sizes="10000 100000 1000000" e2e_runs=5 compile_runs=9
if [ "$quick" = 1 ]; then
  runs=3 kernel_units=2000000 peer_units=2000 sizes="10000 100000" e2e_runs=3 compile_runs=3
fi

scripts/deps.sh
build=build-bench
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release ${ZI_LLVM_VERSION:+-DZI_LLVM_VERSION=$ZI_LLVM_VERSION} >/dev/null
fi
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
out=$build/results
data=$build/bench-data
mkdir -p "$out" "$data"
zic=$build/compiler/zic zirun=$build/runtime/zirun criteria=criteria/lke-zi-2021.zi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
minmax() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }

echo "== machine"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) ($(nproc) cores)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "zic: $($zic --version | head -1)"
  echo "cc: $(cc --version | head -1)"
} | tee "$out/machine.txt"

echo "== 1. kernel (scoring pre-parsed batches, one core)"
"$build/bench/bench_kernel" "$criteria" --units "$kernel_units" --runs "$runs" | tee "$out/kernel.txt"

echo "== units for the peers and the end-to-end runs"
largest=${sizes##* }
if [ ! -s "$data/units-$largest.csv" ]; then
  # lke_crosscheck writes random LKE units as a wide CSV of scale labels and numbers (tests/lke/crosscheck.c).
  "$build/tests/lke/lke_crosscheck" "$largest" 902021 "$data/units-$largest.csv" "$data/unused.csv" \
    --half-missing >/dev/null
fi
for n in $sizes; do
  [ -s "$data/units-$n.csv" ] || head -n $((n + 1)) "$data/units-$largest.csv" >"$data/units-$n.csv"
done
[ -s "$data/units-$peer_units.csv" ] || head -n $((peer_units + 1)) "$data/units-$largest.csv" \
  >"$data/units-$peer_units.csv"
"$zic" build "$criteria" -o "$data/lke.so"
"$zic" build "$criteria" -o "$data/lke-native.so" --cpu=native

echo "== 2. peers (the same rules in their own formats, verified against zic first)"
"$zirun" "$data/lke.so" "$data/units-$peer_units.csv" --format csv -o "$data/peer-scores.csv" 2>/dev/null || true
bash bench/peers/run.sh "$data/units-$peer_units.csv" "$data/peer-scores.csv" "$runs" | tee "$out/peers.txt"

echo "== 2b. duckdb (the LKE as SQL over section 3's wide CSV files, CSV report out, verified against zic first)"
# bench/peers/duckdb.js: per thread count (SET threads = 1, then 2), one run whose report is compared with zic's
# unit by unit, then $e2e_runs timed runs of file in -> report file out, and the same query alone over the units
# loaded in a table. A unit on which DuckDB and zic disagree stops the benchmark (run.sh exits 1).
: >"$out/duckdb.txt"
for n in $sizes; do
  "$zirun" "$data/lke.so" "$data/units-$n.csv" --format csv -o "$data/duckdb-zic.csv" 2>/dev/null || true
  PEERS_ONLY=duckdb PEERS_DUCKDB_THREADS="1 2" bash bench/peers/run.sh "$data/units-$n.csv" "$data/duckdb-zic.csv" \
    "$e2e_runs" | tee -a "$out/duckdb.txt"
done
rm -f "$data/duckdb-zic.csv"

echo "== 3. end to end: zirun, wide CSV in, CSV report out, on 1 and 2 threads"
: >"$out/e2e.txt"
for n in $sizes; do
  bytes=$(stat -c %s "$data/units-$n.csv")
  # The report of two threads must be the report of one, byte for byte, before either is timed.
  for t in 1 2; do
    "$zirun" "$data/lke.so" "$data/units-$n.csv" --format csv --threads $t -o "$data/report-$t.csv" 2>/dev/null || true
  done
  cmp -s "$data/report-1.csv" "$data/report-2.csv" || { echo "bench.sh: --threads 2 wrote another report" >&2; exit 1; }
  declare -A rates=() rss=()
  for r in $(seq "$e2e_runs"); do
    for t in 1 2; do
      # Wall time from the shell's clock (/usr/bin/time rounds to 10 ms), peak RSS from /usr/bin/time. zirun
      # exits 1 when some unit has errors (the generated data breaks a rule now and then, on purpose), and
      # /usr/bin/time then writes a line about it before the figure. Runs of 1 and 2 threads alternate. Each
      # run writes a new report: the previous run's is removed first, untimed (replacing a half-gigabyte file
      # makes the file system free the old one inside the rename, ~0.1 s that belongs to no contender's job;
      # duckdb.js does the same).
      rm -f "$data/report.csv"
      start=$(date +%s.%N)
      /usr/bin/time -f "%M" -o "$data/time.txt" "$zirun" "$data/lke.so" "$data/units-$n.csv" --format csv \
        --threads $t -o "$data/report.csv" 2>/dev/null || true
      rates[$t]+="$(awk -v n="$n" -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", n / (b - a) }')"$'\n'
      rss[$t]+="$(tail -n 1 "$data/time.txt")"$'\n'
    done
  done
  for t in 1 2; do
    med=$(printf '%s' "${rates[$t]}" | median)
    echo "e2e units=$n threads=$t median_ups=$med range_ups=$(printf '%s' "${rates[$t]}" | minmax)" \
      "mb_per_s=$(awk -v b="$bytes" -v u="$med" -v n="$n" 'BEGIN { printf "%.1f", b / 1e6 * u / n }')" \
      "peak_rss_kb=$(printf '%s' "${rss[$t]}" | median)" | tee -a "$out/e2e.txt"
  done
  unset rates rss
done

echo "== 4. compile latency: zic build of the LKE, by phase (ms, median of $compile_runs)"
: >"$out/compile.txt"
: >"$out/compile-modules.txt"
for level in 0 1 2 3; do
  for r in $(seq "$compile_runs"); do
    "$zic" build "$criteria" -o "$data/c.so" -O$level --time 2>&1
  done >"$data/compile-O$level.txt"
  line="compile -O$level"
  for phase in "parse+check+lower" "codegen" "optimise" "object" "link" "total"; do
    # The build's own line (it names the total), not the per-module lines below it.
    value=$(grep ' total ' "$data/compile-O$level.txt" | grep -o "$phase[^,]* [0-9.]* ms" | awk '{ print $(NF-1) }' |
      median)
    line+=" ${phase%%+*}=$value"
  done
  # The LLVM modules of a build compile on several threads: cpu is what one core would take.
  line+=" cpu=$(grep -o "[0-9.]* ms of CPU" "$data/compile-O$level.txt" | awk '{ print $1 }' | median)"
  line+=" $(grep -o "[0-9]* LLVM modules on [0-9]* threads" "$data/compile-O$level.txt" | head -1 |
    awk '{ printf "modules=%s threads=%s", $1, $5 }')"
  echo "$line" | tee -a "$out/compile.txt"
  # Where the time goes: each LLVM module of the build (object emission is most of it), median of the runs.
  grep '^zic:   ' "$data/compile-O$level.txt" | sed 's/^zic:   \(.*\): codegen.*object \([0-9.]*\) ms$/\1\t\2/' \
    >"$data/modules.txt"
  cut -f1 "$data/modules.txt" | sort -u | while read -r what; do
    echo "module -O$level what=\"$what\" object=$(grep -F "$what"$'\t' "$data/modules.txt" | cut -f2 | median)"
  done >>"$out/compile-modules.txt"
done

echo "== 5. explain cost: zirun on 100,000 units, CSV report, with and without --explain"
n=100000
[ -s "$data/units-$n.csv" ] || head -n $((n + 1)) "$data/units-$largest.csv" >"$data/units-$n.csv"
: >"$out/explain.txt"
for mode in off on; do
  flag=""
  [ "$mode" = on ] && flag=--explain
  rates=""
  for r in $(seq "$e2e_runs"); do
    rm -f "$data/report.csv" # a new report each run, as in part 3
    start=$(date +%s.%N)
    "$zirun" "$data/lke.so" "$data/units-$n.csv" --format csv $flag -o "$data/report.csv" 2>/dev/null || true
    rates+="$(awk -v n="$n" -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", n / (b - a) }')"$'\n'
  done
  echo "explain $mode median_ups=$(printf '%s' "$rates" | median) range_ups=$(printf '%s' "$rates" | minmax)" |
    tee -a "$out/explain.txt"
done

echo
echo "== summary"
python3 scripts/bench_table.py "$out"
