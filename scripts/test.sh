#!/usr/bin/env bash
# test.sh — every test, as CI runs it: the whole suite in a normal build, again under AddressSanitizer +
# UndefinedBehaviorSanitizer, and again under valgrind memcheck. ZI_TEST_QUICK=1 runs only the first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== normal build: ctest"
scripts/build.sh build
(cd build && ctest --output-on-failure -j "$jobs")
[ "${ZI_TEST_QUICK:-0}" = 1 ] && exit 0

# The sanitizer and valgrind passes run the same tests on fewer random units (ZI_TEST_SCALE divides the
# differential test's batches): they look for memory errors, which the first pass already proved absent in
# the arithmetic.
echo "== AddressSanitizer + UndefinedBehaviorSanitizer build: ctest"
scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DZI_SANITIZE=ON
(cd build-asan && ZI_TEST_SCALE=8 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$jobs")

echo "== valgrind memcheck: ctest -T memcheck"
# ctest's memcheck wraps each test's command; for a test that is a shell script that would check the shell
# (and find the shell's own leaks) but not the zic/zirun it runs. Those tests (label `script`) run instead
# with ZI_TEST_EXEC set, which each script puts in front of every zic, zirun or test binary it starts.
(cd build && ZI_TEST_SCALE=16 CK_FORK=no ctest -T memcheck -j "$jobs" --output-on-failure -LE script \
  | tee memcheck.log)
if grep -qE "MemCheck: #[0-9]+.*Defect" build/memcheck.log; then
  echo "valgrind found defects:" >&2
  find build/Testing/Temporary -name 'MemoryChecker.*.log' -size +0 -exec sh -c 'echo "--- $1"; head -60 "$1"' _ {} \; >&2
  exit 1
fi
echo "== valgrind memcheck: script tests, each binary under valgrind"
(cd build && ZI_TEST_SCALE=16 CK_FORK=no LKE_CROSSCHECK_UNITS=200 \
  ZI_TEST_EXEC="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
  ctest -j "$jobs" --output-on-failure -L script)

echo "== fuzzing: each libFuzzer target for 20 s (scripts/fuzz.sh; build-fuzz/findings keeps what it finds)"
scripts/fuzz.sh 20
echo "all test passes clean"
