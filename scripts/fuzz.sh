#!/usr/bin/env bash
# Builds every libFuzzer target in tests/fuzz (clang, ASan + UBSan) and runs
# each for a bounded time on seeds made from recorded data (tests/fuzz/seeds.py),
# after replaying the regression inputs in tests/fuzz/regress/, as many at
# once as there are cores. Any crash,
# leak, sanitizer report or timeout fails the run; the input that failed is
# left in build-fuzz/findings/ to be copied into tests/fuzz/regress/TARGET/.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]    default 30 (NSBOX_FUZZ_SECONDS)
#   scripts/fuzz.sh --runs N                each target for N inputs instead
set -euo pipefail
cd "$(dirname "$0")/.."

limit=(-max_total_time="${NSBOX_FUZZ_SECONDS:-30}")
case ${1:-} in
  --runs) limit=(-runs="$2") ;;
  '') ;;
  *) limit=(-max_total_time="$1") ;;
esac

# NSBOX_FUZZ_BUILD names a build directory configured already with
# NSBOX_FUZZ=ON (scripts/test.sh passes its sanitizer build); by default
# build-fuzz, configured here.
build=${NSBOX_FUZZ_BUILD:-build-fuzz}
if [[ -z ${NSBOX_FUZZ_BUILD:-} ]]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build-fuzz -DNSBOX_FUZZ=ON -DNSBOX_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null
fi
grep -q '^NSBOX_FUZZ:BOOL=ON' "$build/CMakeCache.txt" \
  || { echo "fuzz.sh: $build is not configured with NSBOX_FUZZ=ON" >&2; exit 1; }
targets=()
for src in tests/fuzz/*_fuzzer.cpp; do
  targets+=("fuzz_$(basename "$src" .cpp)")
done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

work=$build/run
rm -rf "$work" "$build/findings"
mkdir -p "$build/findings"
python3 tests/fuzz/seeds.py "$work/seeds"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# As many targets at once as there are cores; the results print in order.
run_one() { # TARGET: its line in $work/NAME.result; fails on a finding
  local t=$1 name=${1#fuzz_} corpus="$work/corpus/${1#fuzz_}" runs
  mkdir -p "$corpus" "$work/seeds/$name"
  # New inputs go to $corpus; the seeds are read, never written.
  if "$build/$t" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/findings/$name-" "$corpus" "$work/seeds/$name" >"$work/$name.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log" | tail -1)
    printf '%-14s ok, %s inputs\n' "$name" "${runs:-?}" >"$work/$name.result"
  else
    { printf '%-14s FAILED (log: %s)\n' "$name" "$work/$name.log"
      grep -m5 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$work/$name.log" || true; } >"$work/$name.result"
    return 1
  fi
}
failed=0
running=0
for t in "${targets[@]}"; do
  if ((running >= $(nproc))); then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || failed=1
  running=$((running - 1))
done
for t in "${targets[@]}"; do
  cat "$work/${t#fuzz_}.result"
done
exit $failed
