#!/usr/bin/env bats
# ping over IPv6 (ping -6, ping6, IPv6 literals and names) against iputils
# 20221126, for both socket kinds.
#
# Topology (inside each sandbox, /usr/sbin/ip; fixed MAC addresses so that
# link-local addresses are the same in both sandboxes):
#   this netns c0 fd00:1::1/64 --- r0 fd00:1::fe [netns r, forwarding] r1 fd00:2::fe --- b0 fd00:2::3/64 [netns b]
# r0's link-local address is fe80::ff:fe00:fe. fd00:1::9 is on the link
# with nobody behind it; the router has no route for fd00:5::/64.

load helpers

setup_file() {
  nsbox_bin_setup
}

PRE='
mask() {
  sed -E "s/time=[0-9.]+ ms/time=T ms/; s/, time [0-9]+ms/, time Tms/;
          s#(rtt min/avg/max/mdev = )[0-9./]+ ms#\1T ms#; s#(mdev = T ms), pipe [0-9]+#\1#"
}
I=/usr/sbin/ip
$I netns add r; $I netns add b
# No duplicate address detection: addresses, link-local ones included, are
# usable at once.
for ns in "" "$I netns exec r" "$I netns exec b"; do
  $ns sh -c "echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad"
done
$I link add c0 address 02:00:00:00:00:01 type veth peer name r0 address 02:00:00:00:00:fe
$I link set r0 netns r
$I -n r link add r1 type veth peer name b0; $I -n r link set b0 netns b
$I -6 addr add fd00:1::1/64 dev c0 nodad; $I link set c0 up; $I -6 route add default via fd00:1::fe
$I -n r -6 addr add fd00:1::fe/64 dev r0 nodad; $I -n r -6 addr add fd00:2::fe/64 dev r1 nodad
$I -n r link set r0 up; $I -n r link set r1 up; $I -n r link set lo up
$I netns exec r sh -c "echo 1 > /proc/sys/net/ipv6/conf/all/forwarding"
$I -n b -6 addr add fd00:2::3/64 dev b0 nodad; $I -n b link set b0 up; $I -n b link set lo up
$I -n b -6 route add default via fd00:2::fe
dgram() { echo "0 2147483647" > /proc/sys/net/ipv4/ping_group_range; }
reject() { $I netns exec r /usr/sbin/ip6tables-nft -A FORWARD -d fd00:2::3 -j REJECT --reject-with "$1"; }
# Let the router learn its neighbours, so that the compared runs do not
# wait on neighbour discovery.
/usr/bin/ping -c 1 -W 3 fd00:2::3 >/dev/null
'

same() { assert_same "$PRE$1"; }

@test "replies over IPv6: 'PING host(addr) N data bytes', hop limit as ttl" {
  same 'ping -c 2 -i 0.3 fd00:2::3 | mask'
  same 'dgram; ping -c 2 -i 0.3 fd00:2::3 | mask'
  same 'ping -q -c 2 -i 0.2 fd00:2::3 | mask; ping -c 2 -i 0.2 -s 8 fd00:2::3 | mask; ping -c 1 -s 0 fd00:1::fe | mask'
  same 'ping -c 1 ::1 | mask'
}

@test "ping6, ping4 and -4/-6 against the address family" {
  same 'ping6 -c 1 fd00:2::3 | mask'
  same 'ping4 -c 1 fd00:2::3'
  same 'ping6 -c 1 -4 fd00:2::3'
  same 'ping -4 -c 1 ::1; ping -6 -c 1 127.0.0.1'
}

@test "link-local with a scope; -I a device" {
  same 'ping -c 2 -i 0.3 fe80::ff:fe00:fe%c0 | mask'
  same 'ping -c 1 -I c0 fe80::ff:fe00:fe | mask'
  same 'ping -c 1 -I c0 fd00:2::3 | mask; ping -c 1 -I fd00:1::1 fd00:2::3 | mask'
  same 'ping -c 1 -I fd00:9::1 fd00:2::3; ping -c 1 -I nosuch fd00:2::3; ping -c 1 fe80::1%nosuch'
}

@test "no neighbour: Destination unreachable: Address unreachable (no pipe on IPv6)" {
  same 'ping -c 3 -i 0.5 fd00:1::9 | mask'
  same 'dgram; ping -c 3 -i 0.5 fd00:1::9 | mask'
}

@test "no route: connect: Network is unreachable; the router's No route" {
  same '$I -6 route del default; ping -c 1 fd00:2::3'
  same 'ping -c 2 -i 0.3 fd00:5::5 | mask'
}

@test "-t 1: Time exceeded: Hop limit" {
  same 'ping -c 2 -i 0.3 -t 1 fd00:2::3 | mask'
  same 'dgram; ping -c 2 -i 0.3 -t 1 fd00:2::3 | mask'
}

@test "REJECT with each ICMPv6 code" {
  for how in icmp6-adm-prohibited icmp6-port-unreachable icmp6-addr-unreachable icmp6-no-route; do
    same "reject $how; ping -c 2 -i 0.3 fd00:2::3 | mask"
  done
  same 'dgram; reject icmp6-port-unreachable; ping -c 2 -i 0.3 fd00:2::3 | mask'
}

@test "path MTU: Packet too big, then fragments or local errors" {
  mtu='$I -n r link set r1 mtu 1300; $I -n b link set b0 mtu 1300;'
  same "$mtu"' ping -c 3 -i 0.3 -s 1400 fd00:2::3 | mask'
  same "$mtu"' dgram; ping -c 3 -i 0.3 -s 1400 -M do fd00:2::3 | mask'
  same 'ping -c 1 -s 1500 -M do fd00:1::fe | mask'
  same 'ping -c 1 -s 70000 fd00:2::3 | mask'
}

@test "names: ::1 before 127.0.0.1, the typed name heads the output" {
  same 'mkdir -p /run/etc
printf "127.0.0.1 localhost\n::1 localhost ip6-localhost\nfd00:2::3 six\n10.0.0.3 dual\nfd00:2::3 dual\n" >/run/etc/hosts
printf "hosts: files\n" >/run/etc/nsswitch.conf
mount --bind /run/etc/hosts /etc/hosts; mount --bind /run/etc/nsswitch.conf /etc/nsswitch.conf
ping -c 1 localhost | mask; ping -c 1 ip6-localhost | mask; ping -c 1 six | mask
ping -c 1 dual | mask; ping -4 -c 1 six; ping -6 -c 1 dual | mask'
}
