#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET...] — builds the libFuzzer targets (fuzz/README.md) with clang in build-fuzz/ and
# runs each for SECONDS (default 60), one after the other: frontend, csv, json, answer, module, tests unless
# named.
# Prints each target's executions; exits 1 on a finding, leaving the input that caused it in
# build-fuzz/findings/TARGET/ (crash-*, leak-*, timeout-*, oom-*) and the log beside it.
#
# Environment: ZI_FUZZ_DIR (build dir, default build-fuzz), ZI_FUZZ_JOBS (build jobs), ZI_FUZZ_NICE (a nice
# level for the fuzzers, default 0), ZI_FUZZ_TIMEOUT (seconds one input may take, default 10; long runs on a
# busy machine need more). New inputs that reach new code go to build-fuzz/corpus/TARGET, never to
# the committed seeds in fuzz/corpus.
set -euo pipefail
dir=${ZI_FUZZ_DIR:+$(realpath -m "$ZI_FUZZ_DIR")}
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(frontend csv json answer module tests)
dir=${dir:-$root/build-fuzz}
jobs=${ZI_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}

if [ ! -f "$dir/CMakeCache.txt" ]; then
  CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZI_FUZZ=ON \
    ${ZI_LLVM_VERSION:+-DZI_LLVM_VERSION=$ZI_LLVM_VERSION} >/dev/null
fi
if ! cmake --build "$dir" -j "$jobs" --target zi_fuzz >"$dir/build.log" 2>&1; then
  tail -30 "$dir/build.log" >&2
  echo "fuzz.sh: the build failed (log: $dir/build.log)" >&2
  exit 2
fi

# Per target: the longest input (a module file is ~150 KB; text inputs stay small so that a run explores
# structure rather than bulk — the bulk cases are in tests/hostile), the memory limit, the time one input
# may take, and an optional dictionary.
max_len() {
  case $1 in
  module) echo 262144 ;;
  frontend) echo 32768 ;;
  answer) echo 1024 ;;
  *) echo 8192 ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  bin="$dir/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: no target '$t' (frontend, csv, json, answer, module, tests)" >&2; exit 2; }
  work="$dir/corpus/$t"
  out="$dir/findings/$t"
  mkdir -p "$work" "$out"
  seeds=("$root/fuzz/corpus/$t")
  [ "$t" = module ] && seeds+=("$dir/fuzz/seeds/module")
  opts=(-max_total_time="$seconds" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout="${ZI_FUZZ_TIMEOUT:-10}"
        -print_final_stats=1 -artifact_prefix="$out/")
  [ -f "$root/fuzz/$t.dict" ] && opts+=(-dict="$root/fuzz/$t.dict")
  log="$out/fuzz.log"
  echo "== fuzz $t: ${seconds} s"
  rc=0
  (cd "$out" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    nice -n "${ZI_FUZZ_NICE:-0}" "$bin" "${opts[@]}" "$work" "${seeds[@]}") >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  echo "   executions: ${execs:-?}, ${cov:-cov: ?}, exit $rc, log $log"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "   FINDING in $t:" >&2
    grep -E "ERROR: |runtime error|fuzz: |SUMMARY" "$log" | head -5 >&2 || true
    ls "$out" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | sed 's|^|   kept: '"$out"'/|' >&2 || true
  fi
done
exit $status
