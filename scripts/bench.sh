#!/usr/bin/env bash
# Speed and memory of nsbox against the reference tools, measured in the same
# run and reported as ratios (nsbox / reference: below 1 means nsbox is
# faster). Every case runs inside its own throwaway sandbox.
#
#   scripts/bench.sh            all cases, 3 rounds each (best round counts)
#   ROUNDS=5 scripts/bench.sh
#
# Wall-clock figures are noisy on a shared machine; the callgrind instruction
# count at the end is deterministic for the same binaries and input.
set -euo pipefail

if [[ ${1:-} != --inside ]]; then
  root=$(cd "$(dirname "$0")/.." && pwd)
  nsbox=${NSBOX:-$root/build/nsbox}
  if [[ ! -x $nsbox ]]; then
    cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build" -j"$(nproc)" --target nsbox
  fi
  [[ $(id -u) == 0 ]] || { echo "bench.sh: needs root (namespaces)" >&2; exit 1; }
  bin=$(mktemp -d /tmp/nsbox-bench.XXXXXX)
  trap 'rm -rf "$bin"' EXIT
  "$nsbox" --install "$bin" >/dev/null
  exec env NSBOX_BIN="$bin" ROUNDS="${ROUNDS:-3}" bash "$0" --inside
fi

ref_ip=/usr/sbin/ip
nsb_ip=$NSBOX_BIN/ip
tmp=$(mktemp -d /tmp/nsbox-bench-data.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# sb SCRIPT: bash in a fresh sandbox (new netns + mount ns, private /run).
sb() {
  timeout --kill-after=10 900 unshare --net --mount --propagation private --fork -- \
    bash -c 'mount -t tmpfs -o mode=0755 bench-run /run && mkdir -p /run/netns && '"$ref_ip"' link set lo up && eval "$1"' sb "$1"
}

now_ns() { date +%s%N; }

# time_ms SETUP BODY: milliseconds BODY takes in a sandbox prepared by SETUP
# (SETUP is not timed). $IP in both is the ip under test.
time_ms() {
  sb "$1"'
    t0=$(date +%s%N); '"$2"' >/dev/null; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))' | awk '{printf "%.1f", $1 / 1000}'
}

# best SETUP BODY IP: the best of ROUNDS rounds.
best() {
  local b="" t
  for ((r = 0; r < ROUNDS; r++)); do
    t=$(time_ms "IP=$3; $1" "$2")
    if [[ -z $b ]] || awk -v a="$t" -v b="$b" 'BEGIN{exit !(a < b)}'; then b=$t; fi
  done
  echo "$b"
}

results=()
# case NAME TARGET SETUP BODY: runs both tools, records the ratio.
bench_case() {
  local name=$1 target=$2 setup=$3 body=$4 r n ratio verdict
  r=$(best "$setup" "$body" "$ref_ip")
  n=$(best "$setup" "$body" "$nsb_ip")
  ratio=$(awk -v n="$n" -v r="$r" 'BEGIN{ if (r > 0) printf "%.2f", n / r; else print "n/a" }')
  verdict=$(awk -v x="$ratio" -v t="$target" 'BEGIN{ if (x == "n/a") print "?"; else print (x <= t ? "ok" : "MISSED") }')
  results+=("$(printf '%-46s %10s %10s %7s %7s  %s' "$name" "$r" "$n" "$ratio" "$target" "$verdict")")
  printf '%s\n' "${results[-1]}"
}

# Batch files, written once.
{
  echo "link add br0 type bridge"
  for i in $(seq 1000); do
    echo "link add v$i type veth peer name p$i"
    echo "link set p$i master br0"
  done
} >"$tmp/veth1000"
{
  for i in $(seq 1000); do echo "link add v$i type veth peer name p$i"; done
  for i in $(seq 1000); do
    echo "address add 10.$((i / 250)).$((i % 250)).1/24 dev v$i"
    echo "address add 10.$((100 + i / 250)).$((i % 250)).1/24 dev p$i"
  done
} >"$tmp/links2000"
{
  echo "link add r0 type veth peer name r1"
  echo "link set r0 up"
  echo "link set r1 up"
  echo "address add 192.168.0.1/16 dev r0"
  for i in $(seq 3000); do echo "route add 10.$((i / 250)).$((i % 250)).0/24 via 192.168.0.2"; done
} >"$tmp/routes3000"

printf '%-46s %10s %10s %7s %7s\n' "case (ms, best of $ROUNDS)" iproute2 nsbox ratio target
bench_case "process start: 500 x ip link show lo" 0.45 \
  ':' 'for i in $(seq 500); do $IP link show lo; done'
bench_case "ip -j addr show, 2000 links" 0.30 \
  "$ref_ip -batch $tmp/links2000" '$IP -j addr show'
bench_case "ip -br link, 2000 links" 0.30 \
  "$ref_ip -batch $tmp/links2000" '$IP -br link'
bench_case "ip -batch: 1000 veth pairs on a bridge" 1.00 \
  ':' "\$IP -batch $tmp/veth1000"
bench_case "ip -batch: 3000 route add" 1.00 \
  ':' "\$IP -batch $tmp/routes3000"
bench_case "500 separate ip addr add (shell loop)" 0.45 \
  "$ref_ip link add a0 type veth peer name a1" \
  'for i in $(seq 500); do $IP addr add 10.1.$((i / 250)).$((i % 250))/32 dev a0; done'

echo
echo "max RSS (KiB), ip -j addr show with 2000 links:"
for ip in "$ref_ip" "$nsb_ip"; do
  rss=$(sb "$ref_ip -batch $tmp/links2000; /usr/bin/time -f %M $ip -j addr show 2>&1 >/dev/null | tail -1")
  printf '  %-40s %s\n' "$ip" "$rss"
done

if command -v valgrind >/dev/null; then
  echo
  echo "instructions (callgrind), ip addr show with 2000 links:"
  for ip in "$ref_ip" "$nsb_ip"; do
    ins=$(sb "$ref_ip -batch $tmp/links2000; valgrind --tool=callgrind --callgrind-out-file=/dev/null $ip addr show 2>&1 >/dev/null | sed -n 's/.*Collected : //p'")
    printf '  %-40s %s\n' "$ip" "$ins"
  done
fi
