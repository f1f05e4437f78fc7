#!/usr/bin/env bash
# build.sh [BUILD_DIR] [CMAKE_ARGS...] — configures (once) and builds. Default directory: build/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${ZI_LLVM_VERSION:+-DZI_LLVM_VERSION=$ZI_LLVM_VERSION} "$@" >/dev/null
fi
cmake --build "$dir" -j "$jobs"
