#!/usr/bin/env bash
# The network-namespace tutorial lab, run on nsbox alone.
#
# Builds nsbox if needed, then inside a throwaway sandbox (new network and
# mount namespaces, private /run) puts nsbox's symlinks first on PATH and runs
# the lab, printing each command and its output. The outside world is
# simulated: the uplink ens33 (203.0.113.2/24) leads to an "internet"
# namespace that holds 198.51.100.8 and has no route back to 10.0.0.0/24, so
# the first ping out fails and the one after MASQUERADE works. Nothing is
# left behind: the namespaces die with the sandbox.
#
#   scripts/lab.sh              run the lab on nsbox
#   scripts/lab.sh --reference  run it on the reference tools instead
set -euo pipefail

if [[ ${1:-} != --inside ]]; then
  root=$(cd "$(dirname "$0")/.." && pwd)
  mode=nsbox
  [[ ${1:-} == --reference ]] && mode=reference
  if [[ $(id -u) != 0 ]]; then
    echo "lab.sh: needs root (it creates namespaces inside a sandbox)" >&2
    exit 1
  fi
  bin=$(mktemp -d /tmp/nsbox-lab.XXXXXX)
  trap 'rm -rf "$bin"' EXIT
  path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  if [[ $mode == nsbox ]]; then
    nsbox=${NSBOX:-$root/build/nsbox}
    if [[ ! -x $nsbox ]]; then
      echo "lab.sh: building nsbox"
      "$root/scripts/deps.sh"
      cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build "$root/build" -j"$(nproc)" --target nsbox
    fi
    "$nsbox" --install "$bin" >/dev/null
    path="$bin:$path"
  fi
  rc=0
  timeout --kill-after=10 300 unshare --net --mount --propagation private --fork -- \
    env -i PATH="$path" HOME=/root TERM=dumb LC_ALL=C LAB_MODE="$mode" \
    bash "$0" --inside || rc=$?
  exit "$rc"
fi

# ---------------------------------------------------------------------------
# Inside the sandbox.

mount -t tmpfs -o mode=0755 lab-run /run
work=/run/lab
mkdir -p "$work"
# The simulated world has no name server: point the resolver at loopback,
# where nothing listens, so reverse lookups (tcpdump without -n) fail at once
# instead of waiting for the host's real name server.
echo "nameserver 127.0.0.1" >"$work/resolv.conf"
[[ -e /etc/resolv.conf ]] && mount --bind "$work/resolv.conf" /etc/resolv.conf

say() { printf '\n### %s\n' "$*"; }
# run CMD...: prints the command as typed, then runs it; its status is kept.
run() {
  printf '$ %s\n' "$*"
  local rc=0
  eval "$*" 2>&1 || rc=$?
  ((rc == 0)) || printf '[exit %d]\n' "$rc"
  return 0
}
# check NAME CONDITION...: one line of the verdict.
failures=()
check() {
  local name=$1
  shift
  if "$@"; then
    printf 'ok    %s\n' "$name"
  else
    printf 'FAIL  %s\n' "$name"
    failures+=("$name")
  fi
}

echo "nsbox lab: $LAB_MODE tools ($(command -v ip))"
ip link set lo up

say "simulated outside world: uplink ens33 -> namespace 'internet' holding 198.51.100.8"
run ip netns add internet
run ip link add dev ens33 type veth peer name isp0
run ip link set isp0 netns internet
run ip addr add 203.0.113.2/24 dev ens33
run ip link set ens33 up
run ip -n internet link set lo up
run ip -n internet addr add 203.0.113.1/24 dev isp0
run ip -n internet addr add 198.51.100.8/32 dev lo
run ip -n internet link set isp0 up
run ip route add default via 203.0.113.1
run sysctl -w net.ipv4.ip_forward=1

say "namespaces and a bridge"
run ip netns add red
run ip netns add green
run ip netns list
run ip link add dev br type bridge
run ip link set dev br up
run ip link add dev red-eth type veth peer name br-red
run ip link add dev green-eth type veth peer name br-green
run ip link set red-eth netns red
run ip link set green-eth netns green
run ip link set br-red master br
run ip link set br-green master br
run ip addr add 10.0.0.1/24 dev br
run ip link set br-red up
run ip link set br-green up

say "inside red: an interactive shell"
printf '$ ip netns exec red bash\n'
ip netns exec red bash <<'EOF' 2>&1
set -x
ip addr add 10.0.0.2/24 dev red-eth
ip link set red-eth up
ip link set lo up
EOF
run ip netns exec green ip link set green-eth up
run ip netns exec green ip addr add 10.0.0.3/24 dev green-eth
run ip netns exec green ip link set lo up

say "red and green talk over the bridge"
run ip netns exec red ip addr show dev red-eth
run ip netns exec red ping -c 3 -i 0.2 10.0.0.3 | tee "$work/red-green"
run ip netns exec green ping -c 3 -i 0.2 10.0.0.2 | tee "$work/green-red"

say "a default route out through the bridge"
run ip netns exec red ip route add default via 10.0.0.1
run ip netns exec green ip route add default via 10.0.0.1
run ip netns exec red ip route show

say "the outside is unreachable: no NAT yet"
tcpdump -i ens33 -p -l icmp >"$work/tcpdump.out" 2>"$work/tcpdump.err" &
tcpdump_pid=$!
for _ in $(seq 50); do
  grep -q 'listening on' "$work/tcpdump.err" 2>/dev/null && break
  sleep 0.1
done
printf '$ tcpdump -i ens33 -p icmp &\n'
run ip netns exec red ping -c 3 -i 0.2 -W 1 198.51.100.8 | tee "$work/before-nat"
sleep 0.3
kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" || true
# As a terminal shows it: the banner, the packets, then the summary.
sed -n '1,/listening on/p' "$work/tcpdump.err"
cat "$work/tcpdump.out"
sed '1,/listening on/d' "$work/tcpdump.err"

say "masquerade the private network"
run iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE
run ip netns exec red ping -c 3 -i 0.2 198.51.100.8 | tee "$work/after-nat"
run iptables -t nat -L -n | tee "$work/nat-list"
run iptables -A FORWARD --in-interface br -j ACCEPT
run iptables -A FORWARD --out-interface br -j ACCEPT
run iptables -S FORWARD | tee "$work/forward"

say "verdict ($LAB_MODE)"
received() { grep -q " $2 received" "$work/$1"; }
check "red pings green over the bridge" received red-green 3
check "green pings red over the bridge" received green-red 3
check "before MASQUERADE the outside does not answer (100% loss)" grep -q '100% packet loss' "$work/before-nat"
check "tcpdump on ens33 sees requests leave with the private source" \
  grep -q 'IP 10.0.0.2 > 198.51.100.8: ICMP echo request' "$work/tcpdump.out"
check "tcpdump on ens33 sees no reply" bash -c "! grep -q 'echo reply' '$work/tcpdump.out'"
check "after MASQUERADE the outside answers" received after-nat 3
check "iptables -t nat -L -n lists the MASQUERADE rule" \
  grep -Eq '^MASQUERADE +(all|0) +-- +10\.0\.0\.0/24 +0\.0\.0\.0/0' "$work/nat-list"
check "the FORWARD rules are in place" grep -q -- '-A FORWARD -i br -j ACCEPT' "$work/forward"

if ((${#failures[@]})); then
  printf '\nLAB FAILED (%s tools): %d check(s) failed\n' "$LAB_MODE" "${#failures[@]}"
  exit 1
fi
printf '\nLAB PASSED (%s tools): every step of the lab works\n' "$LAB_MODE"
