#!/usr/bin/env bash
# Cross-builds the fully static nsbox for aarch64 (arm64) with Debian's cross
# toolchain (g++-aarch64-linux-gnu) and Debian's arm64 -dev packages, then runs
# the GoogleTest suite and a smoke test under qemu-user-static.
#
#   scripts/build-arm64.sh            build-arm64/nsbox, unit tests, smoke test
#   scripts/build-arm64.sh --no-test  only build
#
# The arm64 libraries (Boost, libpcap, c-ares, fmt, GoogleTest...) are the
# Debian arm64 packages, unpacked into NSBOX_ARM64_SYSROOT
# (/opt/nsbox-arm64-sysroot) by `scripts/deps.sh --arm64` rather than
# installed as multiarch packages: installing libpcap-dev:arm64 and friends
# with apt needs every Multi-Arch: same package they depend on (linux-libc-dev,
# libsystemd0, libkrb5-3, libssl3...) at exactly the amd64 version, so on a
# machine whose amd64 packages lag the mirror apt upgrades them (systemd
# included). The unpacked sysroot leaves the host's packages alone.
# cmake/aarch64-linux-gnu.cmake is the toolchain file.
set -euo pipefail
cd "$(dirname "$0")/.."

run_tests=1
case ${1:-} in
  --no-test) run_tests=0 ;;
  "") ;;
  *) echo "usage: scripts/build-arm64.sh [--no-test]" >&2; exit 2 ;;
esac

export NSBOX_ARM64_SYSROOT=${NSBOX_ARM64_SYSROOT:-/opt/nsbox-arm64-sysroot}
if ! command -v aarch64-linux-gnu-g++ >/dev/null || [[ ! -f $NSBOX_ARM64_SYSROOT/.complete ]]; then
  scripts/deps.sh --arm64
fi

build=build-arm64
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
toolchain=()
[[ -f $build/CMakeCache.txt ]] || toolchain=(--toolchain cmake/aarch64-linux-gnu.cmake)
cmake -S . -B "$build" "${toolchain[@]}" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target nsbox nsbox_unit

bin=$build/nsbox
# (Not `tee /dev/stderr`: reopening stderr truncates a log file it points to.)
info=$(file "$bin")
echo "$info" >&2
[[ $info == *"ARM aarch64"*"statically linked"* ]] \
  || { echo "build-arm64: $bin is not a static aarch64 binary" >&2; exit 1; }
echo "build-arm64: $(stat -c %s "$bin") bytes stripped"
((run_tests)) || exit 0

qemu=$(command -v qemu-aarch64-static) || { echo "build-arm64: no qemu-aarch64-static" >&2; exit 1; }
# The unit tests read their data from the source tree (NSBOX_SOURCE_DIR).
# nsbox_unit is linked dynamically against glibc (as on x86-64): qemu finds
# the aarch64 loader and libraries of the cross toolchain with -L.
"$qemu" -L /usr/aarch64-linux-gnu "$build/nsbox_unit" --gtest_brief=1

# Smoke test: the applet table, ip's version line and tcpdump reading a corpus
# capture, each compared with the x86-64 build when there is one, else with
# the reference tool.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pcap=tests/data/tcpdump/lab-icmp.pcap
"$qemu" "$bin" --list >"$tmp/list"
grep -qx 'tcpdump' "$tmp/list" || { echo "build-arm64: --list lacks tcpdump" >&2; cat "$tmp/list" >&2; exit 1; }
"$qemu" "$bin" ip -V >"$tmp/ipv"
"$qemu" "$bin" tcpdump -n -r "$pcap" >"$tmp/td.out" 2>"$tmp/td.err"
if [[ -x build/nsbox ]]; then
  ref=(build/nsbox); what="the x86-64 build"
  "${ref[@]}" --list | cmp - "$tmp/list"
  "${ref[@]}" ip -V | cmp - "$tmp/ipv"
else
  ref=(); what="tcpdump"
  grep -q '^ip utility, iproute2-' "$tmp/ipv"
fi
"${ref[@]}" tcpdump -n -r "$pcap" >"$tmp/ref.out" 2>"$tmp/ref.err"
cmp "$tmp/ref.out" "$tmp/td.out" && cmp "$tmp/ref.err" "$tmp/td.err" \
  || { echo "build-arm64: tcpdump -n -r $pcap differs from $what" >&2; diff "$tmp/ref.out" "$tmp/td.out" | head >&2; exit 1; }
[[ -s $tmp/td.out ]] || { echo "build-arm64: tcpdump printed nothing" >&2; exit 1; }
echo "build-arm64: smoke test passed ($(wc -l <"$tmp/td.out") packets, same as $what)"
