#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the GoogleTest suite
# and the bats suite on the static release build, then both again on a
# dynamically linked AddressSanitizer + UBSan build of the same code.
#
#   scripts/test.sh              everything (what CI runs)
#   scripts/test.sh --no-sanitize   skip the sanitizer pass
#   scripts/test.sh FILE.bats...    only these bats files (release build)
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=1
bats_files=()
for a in "$@"; do
  case $a in
    --no-sanitize) sanitize=0 ;;
    *.bats) bats_files+=("$a"); sanitize=0 ;;
    *) echo "usage: scripts/test.sh [--no-sanitize] [FILE.bats...]" >&2; exit 2 ;;
  esac
done
((${#bats_files[@]})) || bats_files=(tests/bats)

if [[ $(id -u) != 0 ]]; then
  echo "test.sh: the bats suite creates namespaces and needs root" >&2
  exit 1
fi

scripts/deps.sh
jobs=$(nproc)

step() { printf '\n==> %s\n' "$*"; }

step "build (static release)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

step "unit tests"
build/nsbox_unit --gtest_brief=1

step "bats tests"
NSBOX="$PWD/build/nsbox" bats --timing "${bats_files[@]}"

if ((sanitize)); then
  step "build (AddressSanitizer + UBSan, dynamic)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSBOX_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
  step "unit tests (sanitizers)"
  build-asan/nsbox_unit --gtest_brief=1
  step "bats tests (sanitizers)"
  NSBOX="$PWD/build-asan/nsbox" NSBOX_DYNAMIC=1 bats --timing "${bats_files[@]}"
fi

step "all tests passed"
