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
(cd build && ZI_TEST_SCALE=16 CK_FORK=no ctest -T memcheck -j "$jobs" --output-on-failure -LE novalgrind \
  | tee memcheck.log)
if grep -q "Defects:" build/memcheck.log || grep -qE "MemCheck: #[0-9]+.*Defect" build/memcheck.log; then
  echo "valgrind found defects:" >&2
  find build/Testing/Temporary -name 'MemoryChecker.*.log' -size +0 -exec sh -c 'echo "--- $1"; head -60 "$1"' _ {} \; >&2
  exit 1
fi
echo "all test passes clean"
