#!/usr/bin/env bats
# ip route flush (selectors, -s rounds, -s -s listing, the cache, IPv6),
# save / restore / showdump, against iproute2 6.1. Each case ends by
# listing every table with the reference ip, so the state left behind is
# compared too.

load helpers
load ip_cases

FLUSH_SETUP='mkveth v1 v2; mkveth v3 v4 02; for d in v1 v2 v3 v4; do $R link set $d up; done; settle v1 v2 v3 v4
$R addr add 10.0.0.1/24 dev v1; $R addr add fd00::1/64 dev v1; $R addr add 10.0.1.1/24 dev v3; $R addr add fd00:1::1/64 dev v3
# (the kernel adds an IPv6 address'"'"'s local route from a work queue: a
# save taken before it is there restores without it; bounded wait)
for i in $(seq 100); do $R -6 route show table local | grep -q "^local fd00:1::1 " &&
  $R -6 route show table local | grep -q "^local fd00::1 " && break; sleep 0.02; done
$R route add 10.7.0.0/24 via 10.0.1.2 table 100
$R route add blackhole 10.8.0.0/16
$R -6 route add fd00:5::/64 via fd00::2 metric 9
many() { for i in $(seq 1 $1); do echo "route add 10.$2.$i.0/24 via 10.0.0.2 proto static"; done | $R -batch -; }
state() { echo "--- state"; $R route show table all; $R -6 route show table all; }
'

@test "route flush" {
  cases=(
    'ip route flush; echo $?; ip route flush foo; echo $?; ip route flush dev nosuch; echo $?; ip route flush table 999; echo $?; ip route flush table; echo $?; state'
    'many 3 50; ip route flush proto static; echo $?; many 3 51; ip -s route flush proto static; ip -s route flush proto static; state'
    'many 150 52; ip -s route flush proto static; state'
    'many 3 53; ip -s -s route flush proto static; ip -j -s -s route flush dev v3; state'
    'ip route flush cache; ip -s route flush cache; ip -6 -s route flush cache; ip -s route flush table cache; state'
    'ip -s -s -6 route flush dev v1; ip -6 route flush table all proto static; state'
    'ip route flush table 100; ip route flush root 10.8.0.0/16; many 2 54; ip route flush via 10.0.0.2; ip route flush type blackhole; ip -s route flush table all dev v1 scope link; state'
  )
  for c in "${cases[@]}"; do s+=("$FLUSH_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route save, restore, showdump" {
  # The saved stream carries the dump's sequence numbers and port, which
  # differ from run to run: compare it from the first route's rtmsg on.
  cases=(
    'ip route save > /run/s; echo $?; od -An -tx1 -j 20 -N 40 /run/s; ip route save table all > /run/all; ip route showdump < /run/all; ip -j route showdump < /run/all; ip -6 route showdump < /run/all'
    '$R route save table all > /run/all; $R -6 route save > /run/six; ip route flush table all; ip -6 route flush table all; ip route restore < /run/all; echo $?; ip route restore < /run/six; echo $?; state'
    '$R route save table 100 > /run/s; ip route flush table 100; ip route restore < /run/s; echo $?; ip route show table 100; head -c 50 /run/s > /run/cut; ip route showdump < /run/cut; echo $?; ip route restore < /run/cut; echo $?'
    'echo garbage | ip route showdump; echo $?; ip route showdump < /dev/null; echo $?; ip route restore < /dev/null; echo $?; ip route save 10.8.0.0/16 | od -An -tx1 -j 20'
  )
  for c in "${cases[@]}"; do s+=("$FLUSH_SETUP$c"); done
  ip_cases "${s[@]}"
}
