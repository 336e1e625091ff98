#!/usr/bin/env bats
# ip route: add, del, change/replace/append, show (text, JSON, -4/-6,
# tables), against iproute2 6.1.

load helpers
load ip_cases

# Two links up with addresses: v1 10.0.0.1/24 fd00::1/64.
ROUTE_SETUP='mkveth v1 v2; $R link set v1 up; $R link set v2 up; settle v1 v2; $R addr add 10.0.0.1/24 dev v1; $R addr add fd00::1/64 dev v1; '

@test "route add/del and show" {
  cases=(
    'ip route add default via 10.0.0.254; ip route; ip route del default; ip r'
    'ip route add default via 10.0.0.254 dev v1; ip route del default via 10.0.0.254 dev v1; ip route'
    'ip route add 10.5.0.0/16 dev v1; ip route add 10.6.0.0/16 via 10.0.0.5; ip route add 10.7.0.1 via 10.0.0.5; ip route add 10.8.0.1/32 dev v1; ip route show; ip route ls; ip route list'
    'ip route add 10.9.0.0/16 via 10.0.0.5 metric 50; ip route add 10.10.0.0/16 dev v1 src 10.0.0.1 proto static; ip route add 10.11.0.0/16 dev v1 scope host; ip r'
    'ip route add blackhole 10.77.0.0/16; ip route add unreachable 10.78.0.0/16; ip route add prohibit 10.79.0.0/16; ip route add throw 10.80.0.0/16; ip route; ip route del blackhole 10.77.0.0/16; ip route del 10.78.0.0/16; ip route'
    'ip route add 10.81.0.0/16 dev v1 table 100; ip route add 10.82.0.0/16 dev v1 table 1000; ip route show table 100; ip route show table 1000; ip route show table all | grep -v "^local\|^broadcast\|fe80\|^multicast\|^ff00"'
    'ip route show table local; ip -6 route show table local'
    'ip -6 route add fd00:2::/64 via fd00::2; ip route add fd00:3::/64 dev v1 metric 5; ip route add fd00:4::1 dev v1; ip -6 route; ip -6 route del fd00:2::/64; ip -6 r'
    'ip route add 10.5.0.0/16 via 10.0.0.5; ip route change 10.5.0.0/16 via 10.0.0.6; ip route; ip route replace 10.5.0.0/16 via 10.0.0.7; ip route replace 10.6.0.0/16 via 10.0.0.7; ip route; ip route append 10.6.0.0/16 via 10.0.0.8 metric 9; ip route prepend 10.7.0.0/16 dev v1; ip route'
    'ip route add to 10.5.0.0/16 dev v1 onlink; ip route add 10.6.0.0/16 via 10.9.9.9 dev v1 onlink; ip route'
    'ip route add all dev v1; ip route add default via 10.0.0.9 metric 5; ip r'
    'ip route add 10.30/16 dev v1; ip route add 10.40.0.0/255.255.0.0 dev v1; ip r'
    'ip route add 10.51.0.0/16 dev v1 mtu 1400; ip route add 10.52.0.0/16 dev v1 mtu lock 1300 advmss 1200 window 100 hoplimit 9 initcwnd 10 initrwnd 11 reordering 3 cwnd 4 ssthresh 5; ip route add 10.54.0.0/16 dev v1 w 5; ip route add 10.55.0.0/16 dev v1 r 5; ip route; ip route add 10.56.0.0/16 dev v1 mtu foo; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$ROUTE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route errors" {
  cases=(
    'ip route add default via 10.1.0.254; echo $?'
    'ip route add 10.5.0.0/16 dev nosuch; echo $?'
    'ip route add 10.5.0.0/16 dev v1; ip route add 10.5.0.0/16 dev v1; echo $?'
    'ip route add 10.6.0.0/33 via 10.0.0.5; echo $?; ip route add foo via 10.0.0.5; echo $?; ip route add 10.7.0.0/16 via foo; echo $?'
    'ip route add 10.7.0.0/16 via; echo $?; ip route add; echo $?'
    'ip route del 10.9.0.0/16; echo $?; ip route del default; echo $?'
    'ip route add any dev v1; echo $?; ip route add default via fd00::7; echo $?'
    'ip -6 route add 10.0.0.0/8 dev v1; echo $?; ip -4 route add fd00:9::/64 dev v1; echo $?'
    'ip route add 10.5.0.0/16 dev v1 10.6.0.0/16; echo $?'
    'ip route show table 999; echo $?'
    'ip route foo; echo $?; ip route help; echo $?'
    'ip link set v1 down; ip route add 10.5.0.0/16 dev v1; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$ROUTE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route show: JSON, pretty, -4/-6, abbreviations" {
  cases=(
    'ip route add default via 10.0.0.254; ip -j route | jq -e . >/dev/null && ip -j route; ip -j -p route'
    'ip route add fd00:5::/64 via fd00::5; ip -j -6 route | jq -e . >/dev/null && ip -j -6 route; ip -j -p -6 r'
    'ip -4 r; ip -6 r; ip r s; ip ro'
    'ip route add blackhole 10.77.0.0/16; ip -j -p route show'
    # metrics set by iproute2, including the ones nsbox cannot set yet
    '$R route add 10.53.0.0/16 dev v1 rtt 100 rttvar 2s rto_min 300ms features ecn quickack 1 congctl reno fastopen_no_cookie 1 mtu lock 1400; ip route; ip -j route | jq -c .; ip -j -p route'
    'ip -j route show table 999 | od -c | head -3; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$ROUTE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route add: multipath, via FAMILY, tos, realms, metrics, types, IPv6" {
  cases=(
    'ip route add 10.20.0.0/16 nexthop via 10.0.0.2 weight 2 nexthop via 10.0.0.3 dev v1 onlink; ip route; ip -j route; ip -o route; ip route del 10.20.0.0/16; ip route'
    'ip -6 route add fd00:20::/64 nexthop via fd00::2 nexthop via fd00::3 weight 3; ip -6 route; ip -j -p -6 route show fd00:20::/64; ip -6 route append fd00:20::/64 via fd00::4; ip -6 route'
    'ip route add 10.30.0.0/16 via inet6 fe80::1 dev v1; ip route add 10.31.0.0/16 via inet 10.0.0.9; ip route; ip -j route show 10.30.0.0/16'
    'ip route add 10.5.0.0/16 dev v1 tos 0x28 realms 3/5; ip route add 10.6.0.0/16 dev v1 dsfield AF11 realm 7 table 100; ip route add 10.7.0.0/16 dev v1 proto bgp scope 100 table main; ip route show table all | grep -v "^local\|^broadcast"; ip -j route show table all | jq -c ".[] | select(.dst == \"10.5.0.0/16\")"'
    'ip route add 10.53.0.0/16 dev v1 rtt 100 rttvar 2s rto_min 300ms features ecn quickack 1 congctl reno fastopen_no_cookie 1 mtu lock 1400; ip route add 10.54.0.0/16 dev v1 rtt 1.5s congctl lock cubic hoplimit 64 s 5 c 7 i 9; ip route; ip -j route | jq -c .'
    'ip route add local 10.0.0.9 dev v1; ip route add broadcast 10.0.0.200 dev v1; ip route add anycast 10.0.0.11 dev v1; ip route add nat 10.0.0.10 via 10.0.0.2; echo $?; ip route add 5 10.14.0.0/16 dev v1; ip route add to unreachable 10.15.0.0/16; ip route add multicast 224.1.0.0/16 dev v1; ip route show table all | grep -v "^local 127\|^broadcast 127"'
    'ip -6 route add fd00:30::/64 via fd00::2 expires 300 pref high mtu 1400; ip -6 route add fd00:31::/64 dev v1 pref low metric 7; ip -6 route add fd00:32::/64 dev v1 pref 5; ip -6 route add fd00:34::/64 from fd00:9::/64 dev v1; ip -6 route | sed "s/expires [0-9]*sec/expires Nsec/"; ip -j -6 route | jq -c "del(.[].expires)"; ip -6 route del fd00:31::/64 metric 7; ip -6 r | sed "s/expires [0-9]*sec/expires Nsec/"'
    'ip -6 route add unreachable fd00:35::/64; ip -6 route add prohibit fd00:36::/64; ip -6 route add blackhole fd00:37::/64; ip -6 route add throw fd00:38::/64; ip -6 route add fd00:39::/64 via fe80::1 dev v1 onlink; ip -6 route add local fd00::99 dev v1 table main; ip -6 route; ip -6 route show table all type local'
    'ip route add 10.60.0.0/16 via 10.0.0.2 metric 10; ip route add 10.60.0.0/16 via 10.0.0.3 metric 20; ip route test 10.60.0.0/16 via 10.0.0.2 metric 10; echo $?; ip route test 10.61.0.0/16 dev v1; echo $?; ip route chg 10.60.0.0/16 via 10.0.0.4 metric 10; ip route del 10.60.0.0/16 metric 20; ip route; ip route del 10.60.0.0/16 table 77; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$ROUTE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route add: refusals of the parser and the kernel" {
  cases=(
    'ip route add 10.5.0.0/16 via 10.0.0.2 via 10.0.0.3; echo $?; ip route add 10.5.0.0/16 dev v1 hoplimit 256; echo $?; ip route add 10.5.0.0/16 dev v1 advmss x; echo $?; ip route add 10.5.0.0/16 dev v1 rtt x; echo $?; ip route add 10.7.0.0/16 dev v1 features; echo $?; ip route add 10.7.0.0/16 dev v1 features x; echo $?; ip route add 10.7.0.0/16 dev v1 features ecn ecn; echo $?'
    'ip route add 10.8.0.0/16 dev v1 quickack 2; echo $?; ip route add 10.8.0.0/16 dev v1 quickack x; echo $?; ip route add 10.10.0.0/16 dev v1 pref bogus; echo $?; ip route add 10.10.0.0/16 dev v1 expires x; echo $?; ip route add 10.10.0.0/16 dev v1 tos bogus; echo $?; ip route add 10.11.0.0/16 dev v1 realms bogus; echo $?; ip route add 10.11.0.0/16 dev v1 scope bogus; echo $?; ip route add 10.11.0.0/16 dev v1 protocol bogus; echo $?; ip route add 10.11.0.0/16 dev v1 table bogus; echo $?'
    'ip route add 10.11.0.0/16 dev v1 nhid x; echo $?; ip route add 10.11.0.0/16 dev v1 ttl-propagate x; echo $?; ip route add 10.11.0.0/16 dev v1 vrf x; echo $?; ip route add 10.11.0.0/16 dev v1 vrf default; echo $?; ip route add 10.20.0.0/16 via 10.0.0.2 dev v1 nhid 5; echo $?; ip route add 10.21.0.0/16 dev v1 mtu lock; echo $?; ip route add 10.21.0.0/16 dev v1 ""; echo $?; ip route add ""; echo $?'
    'ip route add 10.12.0.0/16 nexthop via 10.0.0.2 dev nosuch; echo $?; ip route add 10.12.0.0/16 nexthop via 10.0.0.2 weight 0; echo $?; ip route add 10.12.0.0/16 nexthop via 10.0.0.2 weight 257; echo $?; ip route add 10.12.0.0/16 nexthop; echo $?; ip route add 10.12.0.0/16 nexthop via 10.0.0.2 foo; echo $?; ip route add 10.12.0.0/16 nexthop via x; echo $?; ip route add 10.12.0.0/16 nexthop via 10.1.0.2; echo $?'
    'ip route add 10.18.0.5/16 dev v1; echo $?; ip route add 10.0.0.0/x dev v1; echo $?; ip route add default/0 dev v1; echo $?; ip route add 10.19.0.0/16 dev v1 src 10.0.0.77; echo $?; ip route add 10.19.0.0/16 dev v1 src fd00::1; echo $?; ip route add 10.16.0.0/16 dev v1 as 10.0.0.5; echo $?; ip route add x 10.14.0.0/16 dev v1; echo $?; ip -6 route add fd00:40::/64 dev v1 expires 10 expires; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$ROUTE_SETUP$c; ip route show table all"); done
  ip_cases "${s[@]}"
}
