#!/usr/bin/env bats
# ip -color: which text fields iproute2 6.1 colours, and where each escape
# starts and ends, in every text form of link, address, route and neigh
# (plain, -br, -o, -d, -s), in both palettes. JSON is never coloured.

load helpers
load ip_cases

@test "colour: links in every text form, states, masters, link kinds" {
  cases=(
    # UP green, DOWN red, UNKNOWN plain; "name@peer: " and the -br padding inside the colour; master plain
    'mkveth v1 v2; mkbr br0; ip link set v1 master br0; ip link set v1 up; ip link set br0 up; settle v1 br0; ip -c link; ip -c -br link; ip -c -o link; ip -c -s link show v1; ip -c -s -s link show lo'
    'mkveth v1 v2; mkbr br0; ip link set v1 master br0; ip -c -d link show v1; ip -c -d link show br0; ip -c -br -d link show v2'
    'mkveth v1 v2; ip link add vx0 address 02:00:00:00:0f:01 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dev v1 dstport 4789; ip link add link v1 name mv0 address 02:00:00:00:0f:02 type macvlan mode bridge; ip -c -d link show vx0; ip -c -d link show mv0; ip -c -br link show mv0'
  )
  ip_cases "${cases[@]}"
}

@test "colour: addresses with peer and broadcast, brief and one-line" {
  cases=(
    'mkveth v1 v2; ip link set v1 up; settle v1; ip addr add 10.0.0.1/24 brd + dev v1; ip addr add 10.0.1.1 peer 10.0.1.2/32 dev v1; ip addr add 10.0.2.1/24 broadcast 10.0.2.9 dev v1; ip addr add fd00::1/64 dev v1; ip addr add fd00:1::1 peer fd00:1::2 dev v1; ip -c addr show v1; ip -c -br addr; ip -c -o addr; ip -c -4 addr show v1; ip -c -6 -o addr show v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 brd + dev v1 label v1:a; ip -c -br -4 addr; ip -c addr show label "v1:*"'
  )
  ip_cases "${cases[@]}"
}

@test "colour: routes: dst, from, via, dev, src, iif; multipath and route get" {
  cases=(
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add fd00::1/64 dev v1; ip route add default via 10.0.0.2; ip route add 10.1.0.0/16 via 10.0.0.2 dev v1 src 10.0.0.1; ip route add 10.2.0.0/16 nexthop via 10.0.0.2 weight 1 nexthop via 10.0.0.3 weight 2; ip route add blackhole 10.3.0.0/16; ip route add unreachable 10.9.0.0/16; ip route add 10.4.0.0/16 via inet6 fe80::1 dev v1; ip route add multicast 239.0.0.0/8 dev v1 table main; ip -6 route add fd01::/64 via fd00::2; ip -6 route add fd02::/64 from fd03::/64 via fd00::2; ip -6 route add default via fd00::2 dev v1
      ip -c route; ip -c -6 route; ip -c -o route; ip -c -d route; ip -c route show table local; ip -c -6 route show table local; ip -c -4 route show dev v1; ip -c route show via 10.0.0.2'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add fd00::1/64 dev v1; ip route add 10.1.0.0/16 via 10.0.0.2 dev v1 src 10.0.0.1; ip -6 route add fd01::/64 via fd00::2; echo 1 > /proc/sys/net/ipv4/ip_forward
      ip -c route get 10.1.2.3; ip -c route get 10.0.0.1; ip -c -o route get 10.0.0.2; ip -c route get fd01::1; ip -c route get 10.1.2.3 from 10.0.0.9 iif v1; ip -c -d route get 10.1.2.3'
  )
  ip_cases "${cases[@]}"
}

@test "colour: neighbours: dst, dev, lladdr in every text form" {
  cases=(
    # one entry per family in a listing: the kernel's hash order of several differs per namespace.
    # Proxies listed by device: an entry of a namespace being torn down
    # (for no device) can show in another namespace's full listing.
    'pneigh_lock; mkveth v1 v2; ip link set v1 up; settle v1; ip addr add 10.0.0.1/24 dev v1; ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev v1; ip neigh add fd00::5 lladdr 02:00:00:00:00:06 dev v1 router; ip neigh add proxy 10.0.0.7 dev v1
      ip -c -4 neigh; ip -c -6 neigh; ip -c neigh show proxy dev v1; ip -c -br -4 neigh; ip -c -br -6 neigh; ip -c -o -4 neigh; ip -c -d -6 neigh; ip -c -4 neigh show dev v1; ip -c -br -6 neigh show dev v1; ip -c -4 neigh show nud permanent'
    'mkveth v1 v2; ip link set v1 up; settle v1; ip neigh add 10.0.0.6 dev v1 nud failed; ip neigh add fd00::6 dev v1 nud noarp; ip -c -4 neigh; ip -c -6 neigh; ip -c -br -4 neigh'
  )
  ip_cases "${cases[@]}"
}

@test "colour: the dark palette everywhere; never in JSON; batch" {
  cases=(
    'mkveth v1 v2; ip link set v1 up; settle v1; ip addr add 10.0.0.1/24 brd + dev v1; ip addr add fd00::1/64 dev v1; ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev v1; export COLORFGBG="15;0"; ip -c link show v1; ip -c -br addr show v1; ip -c addr show v1; ip -c route; ip -c -6 route show dev v1; ip -c neigh; ip -c -br neigh'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev v1; ip -c -j route; ip -c=always -j neigh; ip -c -j -p addr show v1; ip -c -br -j link show v1'
    'mkveth v1 v2; ip link set v1 up; settle v1; ip addr add 10.0.0.1/24 dev v1; printf "route show\nneigh show\naddress show v1\nlink show v1\n" | ip -c -br -batch -; printf "route show\nneigh show\n" | ip -c -o -batch -'
  )
  ip_cases "${cases[@]}"
}
