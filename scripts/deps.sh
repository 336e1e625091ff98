#!/usr/bin/env bash
# Installs every Debian package nsbox needs to build, test and compare against
# the reference tools, and the arm64 cross-build's toolchain and libraries.
# Idempotent: runs apt-get only when something is missing.
#
#   scripts/deps.sh           everything
#   scripts/deps.sh --arm64   only what scripts/build-arm64.sh needs
set -euo pipefail

arm64_only=0
[[ ${1:-} == --arm64 ]] && arm64_only=1

packages=(
  # build
  build-essential cmake pkg-config linux-libc-dev lld
  libboost-dev libboost-program-options-dev libboost-filesystem-dev
  libpcap-dev libdbus-1-dev libc-ares-dev libfmt-dev
  # tests
  libgtest-dev bats clang libclang-rt-14-dev bash-static file jq
  util-linux procps valgrind git strace time parallel
  # the reference tools (test oracles)
  iproute2 iputils-ping iputils-arping tcpdump iptables nftables
  # makes the sets the set match names (tests only)
  ipset
)
# The arm64 cross build (scripts/build-arm64.sh): Debian's cross toolchain and
# qemu to run its tests.
cross_packages=(g++-aarch64-linux-gnu qemu-user-static)
# The arm64 libraries, unpacked into a sysroot (see scripts/build-arm64.sh for
# why they are not installed as multiarch packages).
arm64_sysroot=${NSBOX_ARM64_SYSROOT:-/opt/nsbox-arm64-sysroot}
arm64_packages=(
  libboost1.74-dev libboost-program-options1.74-dev libboost-filesystem1.74-dev
  libboost-system1.74-dev libpcap0.8-dev libc-ares-dev libdbus-1-dev libfmt-dev
  libgtest-dev
)
if ((arm64_only)); then
  packages=("${cross_packages[@]}")
else
  packages+=("${cross_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  if [[ $(id -u) != 0 ]]; then
    echo "deps: need root to install packages" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ ! -f $arm64_sysroot/.complete ]]; then
  if [[ $(id -u) != 0 ]]; then
    echo "deps: need root to make $arm64_sysroot" >&2
    exit 1
  fi
  echo "deps: unpacking arm64 libraries into $arm64_sysroot"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
  if ! apt-cache show libpcap0.8-dev:arm64 >/dev/null 2>&1; then
    apt-get update -q
  fi
  debs=$(mktemp -d)
  chmod 755 "$debs"
  chown _apt "$debs" 2>/dev/null || true  # apt downloads as _apt
  (cd "$debs" && apt-get download -q "${arm64_packages[@]/%/:arm64}")
  rm -rf "$arm64_sysroot"
  mkdir -p "$arm64_sysroot"
  for d in "$debs"/*.deb; do dpkg-deb -x "$d" "$arm64_sysroot"; done
  (cd "$debs" && ls *.deb) >"$arm64_sysroot/.complete"
  rm -rf "$debs"
fi
((arm64_only)) && exit 0

# The reference iptables must be the nf_tables one (iptables-nft).
if [[ -x /usr/sbin/iptables-nft ]] && [[ $(readlink -f /usr/sbin/iptables) != /usr/sbin/xtables-nft-multi ]]; then
  update-alternatives --set iptables /usr/sbin/iptables-nft >/dev/null
fi
