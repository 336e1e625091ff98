#!/usr/bin/env bats
# ping's reports of ICMP errors from a router, against iputils 20221126, for
# both socket kinds. A raw socket reads errors from the socket itself and
# from its error queue; a datagram socket only from the error queue, which
# is why iputils words a redirect differently ("From X:" vs "From X") and
# counts it as an error only on a datagram socket.
#
# Topology (inside each sandbox, built with /usr/sbin/ip):
#   this netns c0 10.0.0.1/24 --- r0 10.0.0.254 [netns r, forwarding] r1 10.0.1.254 --- b0 10.0.1.3/24 [netns b]
# The client's default route is the router; the router has no route for
# 10.5.0.0/16.

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
$I link add c0 type veth peer name r0; $I link set r0 netns r
$I -n r link add r1 type veth peer name b0; $I -n r link set b0 netns b
$I addr add 10.0.0.1/24 dev c0; $I link set c0 up; $I route add default via 10.0.0.254
$I -n r addr add 10.0.0.254/24 dev r0; $I -n r addr add 10.0.1.254/24 dev r1
$I -n r link set r0 up; $I -n r link set r1 up; $I -n r link set lo up
$I netns exec r sh -c "echo 1 > /proc/sys/net/ipv4/ip_forward"
$I -n b addr add 10.0.1.3/24 dev b0; $I -n b link set b0 up; $I -n b link set lo up
$I -n b route add default via 10.0.1.254
dgram() { echo "0 2147483647" > /proc/sys/net/ipv4/ping_group_range; }
reject() { $I netns exec r /usr/sbin/iptables-nft -A FORWARD -d 10.0.1.3 -j REJECT --reject-with "$1"; }
'

same() { assert_same "$PRE$1"; }

@test "through the router: ttl one less" {
  same 'ping -c 2 -i 0.3 10.0.1.3 | mask'
}

@test "-t 1: Time to live exceeded" {
  same 'ping -c 2 -i 0.3 -t 1 10.0.1.3 | mask'
  same 'dgram; ping -c 2 -i 0.3 -t 1 10.0.1.3 | mask'
}

@test "-w stops at the first error" {
  same 'ping -w 3 -i 0.3 -t 1 10.0.1.3 | mask'
}

@test "no route at the router: Destination Net Unreachable" {
  same 'ping -c 2 -i 0.3 10.5.5.5 | mask'
  same 'dgram; ping -c 2 -i 0.3 10.5.5.5 | mask'
}

@test "REJECT with each ICMP code" {
  for how in icmp-admin-prohibited icmp-host-prohibited icmp-net-prohibited icmp-port-unreachable \
             icmp-proto-unreachable icmp-host-unreachable icmp-net-unreachable; do
    same "reject $how; ping -c 2 -i 0.3 10.0.1.3 | mask"
  done
  same 'dgram; reject icmp-admin-prohibited; ping -c 2 -i 0.3 10.0.1.3 | mask'
  same 'dgram; reject icmp-port-unreachable; ping -q -c 3 -i 0.3 10.0.1.3 | mask'
}

@test "dropped at the router: plain loss" {
  same '$I netns exec r /usr/sbin/iptables-nft -A FORWARD -j DROP; ping -c 2 -i 0.3 -W 1 10.0.1.3 | mask'
}

@test "path MTU: Frag needed from the router, then local errors" {
  # One ping learns the path MTU from the router's Frag needed; the next
  # one's probes fail locally. (In one ping of three probes, whether the
  # second still leaves depends on how soon the kernel delivers the first
  # Frag needed: under load, after the next send, in either tool.)
  mtu='$I -n r link set r1 mtu 1300; $I -n b link set b0 mtu 1300;'
  big='ping -M do -s 1400'
  same "$mtu"' '"$big"' -c 1 10.0.1.3 | mask; '"$big"' -c 2 -i 0.3 10.0.1.3 | mask'
  same "$mtu"' dgram; '"$big"' -c 1 10.0.1.3 | mask; '"$big"' -c 2 -i 0.3 10.0.1.3 | mask'
  same "$mtu"' ping -M dont -s 1400 -c 2 -i 0.3 10.0.1.3 | mask'
}

# Redirects need the router and the better gateway on one link: a bridge in
# netns r joins the client, the router and g (10.0.0.3), which routes
# 10.0.9.0/24; the client sends 10.0.9.9 to the router, which redirects it.
REDIRECT='
mask() {
  sed -E "s/time=[0-9.]+ ms/time=T ms/; s/, time [0-9]+ms/, time Tms/;
          s#(rtt min/avg/max/mdev = )[0-9./]+ ms#\1T ms#; s#(mdev = T ms), pipe [0-9]+#\1#"
}
I=/usr/sbin/ip
$I netns add r; $I netns add g
$I -n r link add dev brx type bridge; $I -n r link set dev brx up; $I -n r link set lo up
$I link add c0 type veth peer name rc; $I link set rc netns r
$I -n g link add g0 type veth peer name rg; $I -n g link set rg netns r
$I -n r link set rc master brx; $I -n r link set rg master brx; $I -n r link set rc up; $I -n r link set rg up
$I -n r addr add 10.0.0.254/24 dev brx
$I netns exec r sh -c "echo 1 > /proc/sys/net/ipv4/ip_forward"
$I -n r route add 10.0.9.0/24 via 10.0.0.3
$I addr add 10.0.0.1/24 dev c0; $I link set c0 up; $I route add 10.0.9.0/24 via 10.0.0.254
$I -n g addr add 10.0.0.3/24 dev g0; $I -n g link set g0 up; $I -n g link set lo up
$I -n g addr add 10.0.9.9/32 dev lo
sleep 1
'

@test "redirect, raw socket: From X: ... Redirect Host(New nexthop: ...)" {
  assert_same "$REDIRECT"'ping -c 3 -i 0.3 10.0.9.9 | mask'
}

@test "redirect, datagram socket: an error with the gateway" {
  assert_same "$REDIRECT"'echo "0 2147483647" > /proc/sys/net/ipv4/ping_group_range; ping -c 3 -i 0.3 10.0.9.9 | mask'
}
