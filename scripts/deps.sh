#!/usr/bin/env bash
# Installs every Debian package nsbox needs to build, test and compare against
# the reference tools. Idempotent: runs apt-get only when something is missing.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config linux-libc-dev
  libboost-dev libboost-program-options-dev libboost-filesystem-dev
  libpcap-dev libdbus-1-dev libc-ares-dev libfmt-dev
  # tests
  libgtest-dev bats clang libclang-rt-14-dev bash-static file jq
  util-linux procps valgrind git strace time parallel
  # the reference tools (test oracles)
  iproute2 iputils-ping iputils-arping tcpdump iptables nftables
)

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

# The reference iptables must be the nf_tables one (iptables-nft).
if [[ -x /usr/sbin/iptables-nft ]] && [[ $(readlink -f /usr/sbin/iptables) != /usr/sbin/xtables-nft-multi ]]; then
  update-alternatives --set iptables /usr/sbin/iptables-nft >/dev/null
fi
