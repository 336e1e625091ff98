#!/usr/bin/env bats
# ip route get: IPv4 (with its uid and cache lines) and IPv6, from/iif/oif/
# mark/uid/tos/ipproto/ports, fibmatch, connected, -j/-j -p/-o/-d, and the
# kernel's refusals, against iproute2 6.1.

load helpers
load ip_cases

GET_SETUP='mkveth v1 v2; mkveth v3 v4 02; for d in v1 v2 v3 v4; do $R link set $d up; done; settle v1 v2 v3 v4
$R addr add 10.0.0.1/24 dev v1; $R addr add fd00::1/64 dev v1; $R addr add 10.0.1.1/24 dev v3; $R addr add fd00:1::1/64 dev v3
$R route add 10.5.0.0/16 via 10.0.0.2 metric 5 proto static
$R -6 route add fd00:5::/64 via fd00::2 metric 9 pref high
'

@test "route get: IPv4 and IPv6" {
  cases=(
    'ip route get 10.0.0.5; ip route get 10.5.9.9; ip -j route get 10.0.0.5; ip -j -p route get 10.5.9.9'
    'ip route get 10.0.0.1; ip route get 127.0.0.1; ip route get 10.0.0.255; ip -j route get 10.0.0.255 | jq -e . >/dev/null && ip -j -p route get 10.0.0.255'
    'ip -6 route get fd00::5; ip route get fd00::5 from fd00::1; ip -6 route get ::1; ip -6 route get fd00:5::1; ip -j -p -6 route get fd00:5::1; ip -j route get fd00::1'
    'ip route get 10.0.0.5 from 10.0.0.1; ip route get 10.0.0.5 from 10.0.0.9 iif v1; echo $?; ip route get 10.0.0.5 oif v1 mark 5; ip route get 10.0.0.5 mark 0x20; ip route get 10.0.0.5 uid 1000; ip route get to 10.0.0.5 tos 0x10; ip route get 10.0.1.7 oif v3'
    'ip route get 10.5.1.1 fibmatch; ip route get fibmatch 10.0.0.5; ip -j route get 10.5.1.1 fibmatch; ip -6 route get fibmatch fd00:5::7; ip -j -6 route get fd00:5::7 fibmatch'
    'ip route get 10.0.0.5/24; ip -6 route get fd00::5/64; ip route get 10.0.0.5 10.0.0.6; ip route get default; ip -4 route get default'
    'ip route get 10.0.0.5 connected; ip -j route get 10.0.0.5 connected; ip route get 10.0.0.5 from 10.0.0.1 connected'
    'ip -d route get 10.0.0.9; ip -o route get 10.0.0.9; ip -o -6 route get fd00::5; ip -d -j route get 10.0.0.9; ip r g 10.0.0.9; ip ro get 10.0.0.9 f 10.0.0.1'
    'echo 1 > /proc/sys/net/ipv4/ip_forward; echo 1 > /proc/sys/net/ipv6/conf/all/forwarding; ip route get 10.0.1.5 from 10.0.0.9 iif v1; ip -j route get 10.0.1.5 from 10.0.0.9 iif v1; ip -6 route get fd00:1::5 from fd00::9 iif v1; ip -d route get 10.0.1.5 from 10.0.0.9 iif v1; ip route get 10.0.0.1 from 10.0.0.9 iif v1; ip route get 10.0.0.255 from 10.0.0.9 iif v1; ip route get 224.0.0.5 from 10.0.0.9 iif v1; echo $?'
    'ip route get 10.0.0.5 ipproto tcp sport 5 dport 6; ip route get 10.0.0.5 ipproto udp dport 53; ip -6 route get fd00::5 ipproto ipv6-icmp; ip route get 10.0.0.5 ipproto 17'
  )
  for c in "${cases[@]}"; do s+=("$GET_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route get: refusals and errors" {
  cases=(
    'ip route get; echo $?; ip route get x; echo $?; ip route get 203.0.113.9; echo $?; ip -6 route get fd99::1; echo $?; ip -6 route get 10.0.0.1; echo $?'
    'ip route get 10.0.0.5 dev nosuch; echo $?; ip route get 10.0.0.5 iif nosuch; echo $?; ip route get 10.0.0.5 ipproto 300; echo $?; ip route get 10.0.0.5 as 10.0.0.9; echo $?; ip route get 10.0.0.5 mark x; echo $?; ip route get 10.0.0.5 from; echo $?; ip route get 10.0.0.5 sport 70000; echo $?; ip route get 10.0.0.5 uid x; echo $?; ip route get 10.0.0.5 tos x; echo $?; ip route get 10.0.0.5 vrf nosuch; echo $?'
    'ip route get help; echo $?; ip route get 10.0.0.5 from help; echo $?; ip route get 10.0.0.5 flowlabel 5; echo $?'
    'ip route add blackhole 10.77.0.0/16; ip route add unreachable 10.78.0.0/16; ip route add prohibit 10.79.0.0/16; ip route get 10.77.1.1; echo $?; ip route get 10.78.1.1; echo $?; ip route get 10.79.1.1; echo $?; ip route get 10.77.1.1 fibmatch; ip -6 route add unreachable fd00:77::/64; ip -6 route get fd00:77::1; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$GET_SETUP$c"); done
  ip_cases "${s[@]}"
}
