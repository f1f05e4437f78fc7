#!/usr/bin/env bash
# deps.sh — installs the Debian packages zic needs, only those missing. Safe to run again.
# ZI_LLVM_VERSION=19 also installs llvm-19-dev (the build picks it with -DZI_LLVM_VERSION=19).
set -euo pipefail

llvm_version=${ZI_LLVM_VERSION:-}
# libclang-rt-14-dev: libFuzzer's runtime for clang 14 (libclang_rt.fuzzer-x86_64.a), for scripts/fuzz.sh.
# libsodium-dev: Ed25519 signatures of scoring modules (zic build --sign, zirun --trust).
# python3-jsonschema: the test that validates `zic check --diagnostics-format=sarif` against the SARIF schema.
# libzip-dev, libexpat1-dev: reading .xlsx worksheets (a ZIP of XML parts); libxlsxwriter-dev: --format xlsx.
# python3-openpyxl: the tests write .xlsx fixtures with it and read zirun's .xlsx reports back.
# chromium, fonts-dejavu-core: the HTML pages (zirun --format html, zic doc) are tested in headless Chromium.
packages=(cmake make gcc flex bison check pkg-config libjansson-dev valgrind clang libclang-rt-14-dev
  libsodium-dev python3-jsonschema libzip-dev libexpat1-dev libxlsxwriter-dev python3-openpyxl
  chromium fonts-dejavu-core)
if [ -n "$llvm_version" ]; then
  packages+=("llvm-${llvm_version}-dev" libzstd-dev) # zstd: LLVM 19's static libraries need it
else
  packages+=(llvm-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 2; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
