#!/usr/bin/env bats
# arping against iputils-arping 20221126 (/usr/sbin/arping): the same script
# runs in two fresh sandboxes, once with the reference first on PATH and once
# with nsbox's arping; stdout, stderr and the exit code must match once the
# round-trip times are masked.
#
# Topology (inside each sandbox, /usr/sbin/ip, fixed MAC addresses):
#   this netns veth-a 10.0.0.1/24 02:00:00:00:00:01 <-> netns b: veth-b 10.0.0.3/24 02:00:00:00:00:03
# 10.0.0.9 is on the link with nobody behind it. dup() puts a bridge in b
# and a second host, netns d (02:00:00:00:00:04), behind it that claims
# 10.0.0.3 as well: a duplicate address.

load helpers

setup_file() {
  nsbox_bin_setup
}

PRE='
mask() { sed -E "s/ [0-9]+\.[0-9]{3}ms$/ Tms/"; }
I=/usr/sbin/ip
$I netns add b
$I link add veth-a address 02:00:00:00:00:01 type veth peer name veth-b address 02:00:00:00:00:03
$I link set veth-b netns b
$I addr add 10.0.0.1/24 dev veth-a
$I link set veth-a up
$I -n b addr add 10.0.0.3/24 dev veth-b
$I -n b link set veth-b up
$I -n b link set lo up
# Both ends up (operstate, so carrier too) before the first probe: a probe
# sent while the link is still coming up is lost, and one tool would then
# count a probe more than the other.
for i in $(seq 100); do
  [ "$(cat /sys/class/net/veth-a/operstate)" = up ] && $I -n b link show veth-b | grep -q "state UP" && break
  sleep 0.02
done
# A bridge in b joins a second host, d, to the link: d answers for 10.0.0.3
# too (a duplicate address), with its own MAC.
dup() {
  $I netns add d
  $I -n b link add br0 type bridge
  $I -n b link set veth-b nomaster 2>/dev/null
  $I -n b addr flush dev veth-b
  $I -n b link set veth-b master br0
  $I -n b addr add 10.0.0.3/24 dev br0
  $I -n b link set br0 address 02:00:00:00:00:03
  $I -n b link set br0 up
  $I -n b link add veth-bd type veth peer name veth-d address 02:00:00:00:00:04 netns d
  $I -n b link set veth-bd master br0; $I -n b link set veth-bd up
  $I -n d addr add 10.0.0.3/24 dev veth-d; $I -n d link set veth-d up
  sleep 0.2
}
'

same() { assert_same "$PRE$1"; }

@test "replies: Unicast reply lines, the counts, exit 0" {
  same 'arping -c 2 -I veth-a 10.0.0.3 | mask'
}

@test "no -I: the device of the route towards the target" {
  same 'arping -c 1 10.0.0.3 | mask'
}

@test "no reply: all probes broadcast, exit 1" {
  same 'arping -c 2 -I veth-a 10.0.0.9 | mask'
}

@test "-f quits on the first reply; -q prints nothing" {
  same 'arping -f -c 3 -I veth-a 10.0.0.3 | mask'
  same 'arping -q -c 1 -I veth-a 10.0.0.3; echo "rc=$?"'
  same 'arping -q -c 1 -I veth-a 10.0.0.9; echo "rc=$?"'
}

@test "-b keeps broadcasting" {
  same 'arping -b -c 2 -I veth-a 10.0.0.3 | mask'
}

@test "-s: the source address; a bad one" {
  same 'arping -s 10.0.0.1 -c 1 -I veth-a 10.0.0.3 | mask'
  same 'arping -s 10.0.0.77 -c 1 -I veth-a 10.0.0.3 | mask'
  same 'arping -s 1.2.3.x -c 1 -I veth-a 10.0.0.3 | mask'
}

@test "-D: a free address is exit 0, a taken one exit 1" {
  same 'arping -D -c 2 -I veth-a 10.0.0.9 | mask'
  same 'arping -D -c 2 -I veth-a 10.0.0.3 | mask'
}

@test "two hosts claim the address: both reply lines, -D says taken" {
  # -w with -c 2 ends at the second reply; which host answers first varies,
  # so the lines are sorted (and -D, which stops at the first, loses the MAC).
  same 'dup; arping -c 2 -w 2 -I veth-a 10.0.0.3 | mask | sort'
  same 'dup; arping -D -c 2 -I veth-a 10.0.0.3 | mask | sed -E "s/\[[0-9A-F:]+\]/[MAC]/"; echo "rc=$?"'
  # More replies than probes: exit 1 (the second probe goes to whichever
  # host answered last, so the addresses are masked).
  same 'dup; arping -c 2 -I veth-a 10.0.0.3 | mask | sed -E "s/\[[0-9A-F:]+\]/[MAC]/"; echo "rc=$?"'
}

@test "-U and -A: gratuitous ARP, exit 0, seen by the neighbour" {
  same 'arping -U -c 2 -I veth-a 10.0.0.1 | mask; $I -n b neigh show 10.0.0.1 | cut -d" " -f1-5'
  same 'arping -A -c 1 -I veth-a 10.0.0.1 | mask'
  same 'arping -U -s 10.0.0.1 -c 1 -I veth-a 10.0.0.3 | mask'
}

@test "-w: a deadline with -c; exit 1 when fewer replies than -c" {
  same 'arping -w 1 -c 1 -I veth-a 10.0.0.3 | mask'
  same 'arping -w 1 -c 2 -i 5 -I veth-a 10.0.0.9 | mask'
}

@test "devices that cannot ARP: down, loopback, unknown" {
  same 'arping -c 1 -I lo 127.0.0.1'
  same 'arping -D -c 1 -I lo 127.0.0.1; echo "rc=$?"'
  same '$I link set veth-a down; arping -c 1 -I veth-a 10.0.0.3'
  same 'arping -c 1 -I nosuch 10.0.0.3'
  same 'arping -c 1 10.9.9.9'
}

@test "command line: usage, bad values, names" {
  same 'arping'
  same 'arping -h'
  same 'arping -z 10.0.0.3'
  same 'arping 10.0.0.3 10.0.0.4'
  same 'arping -c 0 10.0.0.3'
  same 'arping -c x -I veth-a 10.0.0.3'
  same 'arping -w -1 10.0.0.3'
  same 'arping -i 1x 10.0.0.3'
  same 'arping -c 1 -I veth-a nosuchhost'
  same 'arping -c1 -Iveth-a 10.0.0.3 | mask'
}

@test "-V names iputils' version nsbox follows" {
  run -0 "$NSBOX" arping -V
  [[ "$output" == *"iputils 20221126"* ]]
}
