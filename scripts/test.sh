#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the GoogleTest suite
# and the bats suite on the static release build, then both again on a
# dynamically linked AddressSanitizer + UBSan build of the same code, then
# every libFuzzer target for a bounded time (scripts/fuzz.sh).
#
#   scripts/test.sh              everything (what CI runs)
#   scripts/test.sh --no-sanitize   skip the sanitizer pass and the fuzzers
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
files_given=${#bats_files[@]}
((files_given)) || bats_files=(tests/bats)

if [[ $(id -u) != 0 ]]; then
  echo "test.sh: the bats suite creates namespaces and needs root" >&2
  exit 1
fi

scripts/deps.sh
jobs=$(nproc)
# bats files run side by side (tests within a file stay in order): most of
# the suite waits on timers and the kernel, not on the CPU. Every test has
# its own sandbox, so files cannot see each other. NSBOX_BATS_JOBS=1 runs
# them one at a time.
bats_jobs=${NSBOX_BATS_JOBS:-$((jobs + 1))}
bats_par=()
((bats_jobs > 1)) && bats_par=(--jobs "$bats_jobs" --no-parallelize-within-files)

# Each step says how long the run has taken so far, so a slow CI run shows
# where its time went.
step() { printf '\n==> %s  [%dm%02ds]\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "build (static release)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

# The later builds (the aarch64 cross build, the sanitizer build) start now
# at the lowest priority and take the CPU the release tests leave idle: most
# of the bats suite waits on timers and the kernel. Each writes its own
# directory and log; the steps that need one wait for it there.
arm64=0
if ((!files_given)) && command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64-static >/dev/null; then
  arm64=1
fi
declare -A bg_pid=()
background() { # NAME COMMAND...: run at nice 19, output to build/background-NAME.log
  local name=$1; shift
  ( renice -n 19 -p "$BASHPID" >/dev/null; "$@" ) >"build/background-$name.log" 2>&1 &
  bg_pid[$name]=$!
}
wait_for() { # NAME: waits; its log and the run's end on failure
  local rc=0
  wait "${bg_pid[$1]}" || rc=$?
  unset "bg_pid[$1]"
  if ((rc)); then
    echo "test.sh: the background $1 build failed ($rc):" >&2
    tail -40 "build/background-$1.log" >&2
    exit "$rc"
  fi
}
# A run that stops early stops the builds it started (by PID, with their
# children).
kill_tree() { local c; for c in $(ps -o pid= --ppid "$1"); do kill_tree "$c"; done; kill "$1" 2>/dev/null || true; }
trap 'for p in "${bg_pid[@]}"; do kill_tree "$p"; done' EXIT
# One clang build serves the sanitizer pass and the fuzzers: every object
# carries ASan, UBSan and libFuzzer's coverage hooks (nothing reads them in
# nsbox and nsbox_unit; their cost there was not measured apart: with them
# a command takes 3,849 page faults against the gcc build's 6,408), so the
# fuzz step links its targets instead of compiling everything again.
# -O1 with line tables: what ASan's reports need, and a shorter build.
asan_build() {
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSBOX_SANITIZE=ON -DNSBOX_FUZZ=ON \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
        "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" >/dev/null
  cmake --build build-asan -j"$jobs"
}
((arm64)) && background arm64 scripts/build-arm64.sh --no-test
((sanitize)) && background asan asan_build

step "unit tests"
build/nsbox_unit --gtest_brief=1

step "bats tests"
NSBOX="$PWD/build/nsbox" bats --timing "${bats_par[@]}" "${bats_files[@]}"

# The aarch64 cross build, its unit tests and a smoke test under qemu, when
# the cross tools are there (scripts/deps.sh installs them).
if ((arm64)); then
  step "arm64 cross build, unit tests and smoke test under qemu"
  wait_for arm64
  scripts/build-arm64.sh
fi

if ((sanitize)); then
  step "build (AddressSanitizer + UBSan + libFuzzer hooks, clang, dynamic)"
  wait_for asan
  cmake --build build-asan -j"$jobs" # (nothing left to do: says so)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
  step "unit tests (sanitizers)"
  build-asan/nsbox_unit --gtest_brief=1
  step "bats tests (sanitizers)"
  NSBOX="$PWD/build-asan/nsbox" NSBOX_DYNAMIC=1 bats --timing "${bats_par[@]}" "${bats_files[@]}"

  # Every libFuzzer target for a bounded time each, on seeds made from
  # recorded data (tests/fuzz/README.md): ten targets at 30 s, as many
  # at once as there are cores.
  step "fuzzers (${NSBOX_FUZZ_SECONDS:=30} s per target)"
  NSBOX_FUZZ_SECONDS=$NSBOX_FUZZ_SECONDS NSBOX_FUZZ_BUILD=build-asan scripts/fuzz.sh
fi

step "all tests passed"
