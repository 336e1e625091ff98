#!/usr/bin/env bats
# ping's less common options against iputils 20221126 (/usr/bin/ping): -f,
# -A, -b, -B, -R, -T, -v, -F and the error for each bad value. The same
# script runs in two fresh sandboxes (reference first on PATH, then nsbox);
# stdout, stderr and the exit code must match once times are masked.
#
# Topology (built inside each sandbox with /usr/sbin/ip):
#   this netns veth-a 10.0.0.1/24 --- 10.0.0.2 [netns r, forwarding] 10.0.1.2 --- 10.0.1.3 [netns b]
# plus 10.0.0.3 [netns c] on the first link, so that a broadcast on
# 10.0.0.0/24 has one host that answers it (the router ignores broadcasts).

load helpers

setup_file() {
  nsbox_bin_setup
}

PRE='
mask() {
  sed -E "s/time=[0-9.]+ ms/time=T ms/; s/, time [0-9]+ms/, time Tms/;
          s#(rtt min/avg/max/mdev = )[0-9./]+ ms#\1T ms#; s#(mdev = T ms), pipe [0-9]+#\1#; s#(ipg/ewma )[0-9./]+ ms#\1T ms#;
          s/ident=[0-9]+/ident=N/"
}
# -T: the timestamps are milliseconds since midnight UTC, and their deltas.
tsmask() { sed -E "s/\t[0-9]+( absolute)?\$/\tT\1/"; }
I=/usr/sbin/ip
$I netns add r; $I netns add b; $I netns add c
$I link add veth-a address 02:00:00:00:0b:01 type veth peer name veth-r address 02:00:00:00:0b:02
$I link set veth-r netns r
$I link add veth-c type veth peer name br-c
$I link set veth-c netns c
$I link add br0 type bridge; $I link set br-c master br0; $I link set br-c up
$I -n r link add veth-rb address 02:00:00:00:0c:02 type veth peer name veth-b address 02:00:00:00:0c:03 netns b
$I addr add 10.0.0.1/24 dev veth-a; $I link set veth-a up
$I route add default via 10.0.0.2
$I -n r addr add 10.0.0.2/24 dev veth-r; $I -n r link set veth-r up
$I -n r addr add 10.0.1.2/24 dev veth-rb; $I -n r link set veth-rb up
$I netns exec r sh -c "echo 1 > /proc/sys/net/ipv4/ip_forward"
$I -n b addr add 10.0.1.3/24 dev veth-b; $I -n b link set veth-b up; $I -n b link set lo up
$I -n b route add default via 10.0.1.2
# Static neighbours on both hops: no ARP delay before the first reply (under
# load it could reorder the dots and backspaces of a flood in one tool only).
$I neigh add 10.0.0.2 lladdr 02:00:00:00:0b:02 dev veth-a nud permanent
$I -n r neigh add 10.0.0.1 lladdr 02:00:00:00:0b:01 dev veth-r nud permanent
$I -n r neigh add 10.0.1.3 lladdr 02:00:00:00:0c:03 dev veth-rb nud permanent
$I -n b neigh add 10.0.1.2 lladdr 02:00:00:00:0c:02 dev veth-b nud permanent
dgram() { echo "0 2147483647" > /proc/sys/net/ipv4/ping_group_range; }
silent() { $I netns exec b sh -c "echo 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all"; }
'

same() { assert_same "$PRE$1"; }

# --- -f flood

@test "-f: a dot per probe, a backspace per reply, the summary with ipg/ewma" {
  # One probe in flight at a time: each reply comes back well within the
  # 10 ms flood ping waits before it sends the next probe anyway.
  same 'ping -f -c 10 10.0.1.3 | mask | od -c'
  same 'dgram; ping -f -c 5 10.0.1.3 | mask | od -c'
}

@test "-f -q: only the statistics; -f with -i keeps the interval" {
  same 'ping -f -q -c 20 10.0.1.3 | mask'
  same 'ping -f -i 0.1 -c 3 10.0.1.3 | mask | od -c'
}

@test "-f with no replies: the dots stay, exit 1" {
  same 'silent; ping -f -c 5 -W 0.5 10.0.1.3 | mask | od -c'
}

@test "-f with ICMP errors: E marks" {
  same 'ping -f -c 3 -t 1 10.0.1.3 | mask | od -c'
}

# --- -A adaptive

@test "-A: the interval follows the round trip; ipg/ewma in the summary" {
  same 'ping -A -c 5 10.0.1.3 | mask'
  same 'dgram; ping -A -q -c 5 10.0.1.3 | mask'
}

# --- -B sticky source

@test "-B: the header names the source it binds to" {
  same 'ping -B -c 2 -i 0.2 10.0.1.3 | mask'
  same 'dgram; ping -B -c 1 10.0.1.3 | mask'
  same 'ping -B -I veth-a -c 1 10.0.1.3 | mask'
}

# --- -b broadcast

@test "broadcast without -b: iputils' refusal, exit 2" {
  same 'ping -c 1 10.0.0.255'
  same 'dgram; ping -c 1 10.0.0.255'
}

@test "-b: pinging broadcast, one host answers" {
  same '$I netns exec c sh -c "echo 0 > /proc/sys/net/ipv4/icmp_echo_ignore_broadcasts"
        $I -n c addr add 10.0.0.3/24 dev veth-c; $I -n c link set veth-c up
        $I link set veth-a master br0; $I link set br0 up; $I addr flush dev veth-a
        $I addr add 10.0.0.1/24 dev br0
        ping -b -c 2 -i 0.3 10.0.0.255 | mask'
}

@test "-b with a unicast target is a plain ping" {
  same 'ping -b -c 1 10.0.1.3 | mask'
}

# --- -R record route

@test "-R: the RR list through the router, then (same route)" {
  same 'ping -R -c 3 -i 0.2 10.0.1.3 | mask'
  same 'dgram; ping -R -c 2 -i 0.2 10.0.1.3 | mask'
  same 'ping -R -c 1 10.0.0.2 | mask'
}

@test "-R -q and -R -f print no route" {
  same 'ping -R -q -c 2 -i 0.2 10.0.1.3 | mask'
  same 'ping -R -f -c 3 10.0.1.3 | mask | od -c'
}

# --- -T timestamps

@test "-T tsonly and tsandaddr: the TS list" {
  same 'ping -T tsonly -c 2 -i 0.2 10.0.1.3 | mask | tsmask'
  same 'ping -T tsandaddr -c 2 -i 0.2 10.0.1.3 | mask | tsmask'
  same 'dgram; ping -T tsandaddr -c 1 10.0.1.3 | mask | tsmask'
}

@test "-T tsprespec with hops named before the target" {
  same 'ping -T tsprespec 10.0.0.2 10.0.1.3 -c 2 -i 0.2 | mask | tsmask'
  same 'ping -T tsprespec -c 1 10.0.1.3 | mask | tsmask'
}

@test "-R and -T: bad values and combinations" {
  same 'ping -T foo -c 1 10.0.1.3'
  same 'ping -R -T tsonly -c 1 10.0.1.3'
  same 'ping -T tsonly -R -c 1 10.0.1.3'
  same 'ping -R -c 1 10.0.0.2 10.0.1.3'
  same 'ping -T tsonly -c 1 10.0.0.2 10.0.1.3'
  same 'ping -T tsprespec -c 1 10.0.0.2 10.0.0.2 10.0.0.2 10.0.0.2 10.0.0.2 10.0.1.3'
}

# --- -v verbose

@test "-v: the socket and address lines, ident in the reply line" {
  same 'ping -v -c 2 -i 0.2 10.0.1.3 | mask'
  same 'dgram; ping -v -c 1 10.0.1.3 | mask'
  same 'dgram; ping -v -c 1 -e 77 10.0.1.3 | mask'
  same 'ping -4 -v -c 1 10.0.1.3 | mask'
  same 'ping -v -c 2 -i 0.2 -t 1 10.0.1.3 | mask'
}

# --- IPv6 -F

@test "-F: bad flow labels" {
  same 'ping -F xyz ::1'
  same 'ping -F 0x100000 ::1'
  same 'ping -F 1048576 ::1'
  same 'ping -F 99999999999 ::1'
}

@test "-F: the flow label goes out in the probes" {
  # A capture on the router's side shows the label each probe carries.
  same '$I -6 addr add fd00:1::1/64 dev veth-a nodad
        $I -n r -6 addr add fd00:1::2/64 dev veth-r nodad
        $I netns exec r tcpdump -l -n -i veth-r -c 2 -v icmp6 and "ip6[40] == 128" 2>/dev/null >/run/cap & cap=$!
        sleep 1
        ping -F 0x12345 -c 2 -i 0.2 fd00:1::2 | mask
        wait $cap; sed -E "s/^[0-9:.]+ //; s/hlim [0-9]+, //" /run/cap | cut -c1-40'
  # Label 0: the kernel picks one.
  same 'ping -6 -F 0 -c 1 ::1 | mask | sed -E "s/flow 0x[0-9a-f]+/flow L/"'
  same 'ping -F 0x12345 -c 1 10.0.1.3 | mask'
}

# --- the same options over IPv6

V6='$I -6 addr add fd00:1::1/64 dev veth-a nodad; $I -n r -6 addr add fd00:1::2/64 dev veth-r nodad; '

@test "IPv6: -f, -A, -B and -v" {
  same "$V6"'ping -f -c 5 fd00:1::2 | mask | od -c'
  same "$V6"'ping -A -c 3 fd00:1::2 | mask'
  same "$V6"'ping -B -c 1 fd00:1::2 | mask'
  same "$V6"'ping -v -c 2 -i 0.2 fd00:1::2 | mask'
  same "$V6"'dgram; ping -v -f -c 3 fd00:1::2 | mask | od -c'
}

@test "IPv6: -f with no neighbour: an E per ICMPv6 error" {
  # The three probes wait for a neighbour that never answers (about 3 s),
  # then each comes back as Address unreachable.
  same "$V6"'ping -f -c 3 -W 5 fd00:1::9 | mask | od -c'
}

# --- IPv6 -N: tests/bats/ping_ni.bats (a node information responder).
