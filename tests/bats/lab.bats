#!/usr/bin/env bats
# The tutorial lab end to end: scripts/lab.sh on nsbox, and the lab's core in
# a root filesystem that holds nothing but nsbox, its symlinks and a static
# shell.

load helpers

@test "scripts/lab.sh passes on nsbox" {
  run env NSBOX="$NSBOX" "$NSBOX_ROOT/scripts/lab.sh"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"LAB PASSED (nsbox tools)"* ]]
  # and it really ran nsbox's applets, not the reference tools
  [[ "$output" == *"nsbox lab: nsbox tools (/tmp/nsbox-lab."*"/ip)"* ]]
}

@test "the lab's core runs chrooted into nsbox + a static shell and nothing else" {
  [[ -z ${NSBOX_DYNAMIC:-} ]] || skip "the chroot holds no shared libraries: needs the static build"
  [[ -x /bin/bash-static ]] || skip "bash-static is not installed (scripts/deps.sh installs it)"
  root="$BATS_TEST_TMPDIR/root"
  mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/run"
  cp "$NSBOX" "$root/bin/nsbox"
  cp /bin/bash-static "$root/bin/sh"
  # Inside: only bash builtins and nsbox applets. No /etc, no /dev, no libs.
  cat >"$root/lab-core" <<'LAB'
set -e
nsbox --install /bin
ip link set lo up
ip netns add internet
ip link add dev ens33 type veth peer name isp0
ip link set isp0 netns internet
ip addr add 203.0.113.2/24 dev ens33
ip link set ens33 up
ip -n internet addr add 203.0.113.1/24 dev isp0
ip -n internet addr add 198.51.100.8/32 dev lo
ip -n internet link set isp0 up
ip -n internet link set lo up
ip route add default via 203.0.113.1
sysctl -w net.ipv4.ip_forward=1
ip netns add red
ip netns add green
ip link add dev br type bridge
ip link set dev br up
ip link add dev red-eth type veth peer name br-red
ip link add dev green-eth type veth peer name br-green
ip link set red-eth netns red
ip link set green-eth netns green
ip link set br-red master br
ip link set br-green master br
ip addr add 10.0.0.1/24 dev br
ip link set br-red up
ip link set br-green up
ip netns exec red ip addr add 10.0.0.2/24 dev red-eth
ip netns exec red ip link set red-eth up
ip netns exec green ip addr add 10.0.0.3/24 dev green-eth
ip netns exec green ip link set green-eth up
ip netns exec red ip route add default via 10.0.0.1
ip netns exec green ip route add default via 10.0.0.1
out=$(ip netns exec red ping -c 2 -i 0.2 10.0.0.3)
[[ $out == *"2 received"* ]] || { echo "red -> green failed: $out"; exit 1; }
rc=0; out=$(ip netns exec red ping -c 2 -i 0.2 -W 1 198.51.100.8) || rc=$?
[[ $rc == 1 && $out == *"100% packet loss"* ]] || { echo "ping out before NAT: rc=$rc $out"; exit 1; }
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE
out=$(ip netns exec red ping -c 2 -i 0.2 198.51.100.8)
[[ $out == *"2 received"* ]] || { echo "ping out after NAT failed: $out"; exit 1; }
out=$(iptables -t nat -S POSTROUTING)
[[ $out == *"-A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE"* ]] || { echo "nat rule: $out"; exit 1; }
echo "chroot lab core: ok"
LAB
  # The root is a mount point, as in a container (ip netns exec, like
  # iproute2's, makes / a recursive slave mount and needs it to be one).
  run sandbox "mount --bind '$root' '$root' &&
               mount -t proc proc '$root/proc' && mount -t sysfs sysfs '$root/sys' &&
               mount -t tmpfs -o mode=0755 run '$root/run' &&
               chroot '$root' /bin/sh /lab-core"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"chroot lab core: ok"* ]]
}
