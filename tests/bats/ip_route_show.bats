#!/usr/bin/env bats
# ip route show: every selector, table all with the local and IPv6 local
# tables, -o/-d/-s/-j/-j -p, the names of /etc/iproute2 (Debian's, a custom
# one, none), against iproute2 6.1.

load helpers
load ip_cases

# Two veth pairs up with addresses, and routes of every kind in the main
# table and in tables 100, 1000 and 200 (IPv6). Set up with the reference ip.
SHOW_SETUP='mkveth v1 v2; mkveth v3 v4 02; for d in v1 v2 v3 v4; do $R link set $d up; done; settle v1 v2 v3 v4
$R addr add 10.0.0.1/24 dev v1; $R addr add fd00::1/64 dev v1; $R addr add 10.0.1.1/24 dev v3; $R addr add fd00:1::1/64 dev v3
$R route add 10.5.0.0/16 via 10.0.0.2 metric 5 proto static
$R route add 10.6.0.0/16 dev v3 src 10.0.1.1 proto 99
$R route add 10.7.0.0/24 via 10.0.1.2 table 100
$R route add 10.7.1.0/24 dev v1 table 1000 scope host
$R route add blackhole 10.8.0.0/16; $R route add unreachable 10.8.1.0/24
$R route add default via 10.0.0.254
$R route add 10.9.0.0/16 dev v1 tos 0x28 realms 3/5
$R route add 10.20.0.0/16 nexthop via 10.0.0.2 weight 2 nexthop via 10.0.1.2 dev v3 onlink
$R -6 route add fd00:5::/64 via fd00::2 metric 9 pref high
$R -6 route add fd00:6::/64 dev v3 table 200
'

@test "route show: tables" {
  cases=(
    'ip route show table all; ip route list table all'
    'ip -6 route show table all; ip -6 route show table local; ip route show table local'
    'ip route show table 100; ip route show table 1000; ip -6 route show table 200; ip route show table main; ip route show table default; echo $?'
    'ip -4 route show table all; ip -6 route show table main; ip route show table 254; ip route show table 0x64'
  )
  for c in "${cases[@]}"; do s+=("$SHOW_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route show: selectors" {
  cases=(
    'ip route show proto static; ip route show proto kernel; ip route show proto 99; ip route show proto all; ip route show proto boot'
    'ip route show scope link; ip route show scope host table all; ip route show scope global; ip route show scope all'
    'ip route show type blackhole; ip route show type unreachable; ip route show type local table local; ip route show type broadcast table all; ip route show type unicast'
    'ip route show dev v1; ip route show dev v3; ip -6 route show dev v1; ip route show oif v3 table all'
    'ip route show via 10.0.0.2; ip route show via 10.0.0.0/24; ip route show via inet 10.0.1.2; ip -6 route show via fd00::2'
    'ip route show src 10.0.1.1; ip route show src 10.0.0.0/8 table all'
    'ip route show 10.5.0.0/16; ip route show exact 10.5.0.0/16; ip route show root 10.0.0.0/8; ip route show match 10.5.1.1; ip route show to match 10.8.1.7; ip route show default; ip route show exact default; ip route show match default'
    'ip route show metric 5; ip route show tos AF11; ip route show tos 0x28; ip route show realms 3/5; ip route show realm 5; ip route show cached; ip route show table cache; ip -6 route show cached'
    'ip r s t 100; ip ro ls ta all ty blackhole; ip r l pro static; ip r sh sc link; ip r s m 5; ip r s ma 10.5.1.1; ip r s from 0/0; ip r s from root 10.0.0.0/8'
  )
  for c in "${cases[@]}"; do s+=("$SHOW_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route show: JSON, pretty, one line, details, statistics" {
  cases=(
    'for s in "" "table all" "table 100" "proto static" "dev v1" "type blackhole" "match 10.5.1.1" "scope link" "tos AF11"; do ip -j route show $s | jq -e . >/dev/null || echo "BAD JSON: $s"; ip -j route show $s; ip -j -p route show $s; done'
    'ip -j -6 route show table all | jq -e . >/dev/null && ip -j -p -6 route show table all; ip -j -6 route'
    'ip -o route show table all; ip -o -6 route; ip -d route show table all; ip -s route; ip -d -j route show table all | jq -c .'
  )
  for c in "${cases[@]}"; do s+=("$SHOW_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "route show: errors" {
  cases=(
    'ip route show table foo; echo $?; ip route show proto foo; echo $?; ip route show scope foo; echo $?; ip route show type foo; echo $?; ip route show dev nosuch; echo $?; ip route show iif nosuch; echo $?; ip route show foo; echo $?; ip route show table; echo $?'
    'ip route show table 999; echo $?; ip -6 route show table 999; echo $?; ip -j route show table 999; echo $?; ip route show mark x; echo $?; ip route show metric x; echo $?; ip route show vrf red; echo $?; ip route show via inet6 10.0.0.1; echo $?; ip route show realms x; echo $?; ip route show tos x; echo $?'
    'ip -0 route; echo $?; ip -0 route add 10.9.0.0/16 dev v1; echo $?; ip -0 route get 10.0.0.5; echo $?; ip -M route add 10.9.0.0/16 dev v1; echo $?; ip -B route; echo $?; ip -j -0 route'
  )
  for c in "${cases[@]}"; do s+=("$SHOW_SETUP$c"); done
  ip_cases "${s[@]}"
}

# Names: with Debian's /etc/iproute2 (the machine's), with an empty one
# (built-in names only), with a custom rt_tables, rt_tables.d, rt_protos,
# rt_scopes, rt_realms and rt_dsfield (a corrupt line included), and with no
# /etc at all. The sandbox's own mount namespace keeps the bind mounts in.
NAMES_SETUP='mkveth v1 v2; $R link set v1 up; $R link set v2 up; settle v1 v2; $R addr add 10.0.0.1/24 dev v1
mkdir -p /run/names/empty /run/names/custom/rt_tables.d
printf "# custom\n255\tlocal\n254 main\n100 blue # a comment\n0x65\tgreen\n200 red\n  300 big\n1000 red2\nbad line\n400 never\n" > /run/names/custom/rt_tables
printf "77 pink\n" > /run/names/custom/rt_tables.d/x.conf
printf "88 ignored\n" > /run/names/custom/rt_tables.d/y.txt
printf "4 mystatic\n99 myopenr\n150 custom\n" > /run/names/custom/rt_protos
printf "0 global\n253 mylink\n" > /run/names/custom/rt_scopes
printf "5 five\n" > /run/names/custom/rt_realms
printf "0x28 myaf\n" > /run/names/custom/rt_dsfield
$R route add 10.1.0.0/16 dev v1 table 100 proto 99
$R route add 10.2.0.0/16 dev v1 table 101 proto 150
$R route add 10.3.0.0/16 dev v1 table 300 proto 4 realm 5 tos 0x28
$R route add 10.4.0.0/16 dev v1 table 77 proto 186
$R route add 10.5.0.0/16 dev v1 table 88 proto 0
names() {
  ip route show table all | grep -v "^local\|^broadcast"; ip -d route show table all | grep -v "^local\|^broadcast"
  for t in blue green red big red2 pink never 100 main local default unspec; do echo "== table $t"; ip route show table $t; echo $?; done
  for p in mystatic myopenr custom static openr bgp boot 99; do echo "== proto $p"; ip route show table all proto $p; echo $?; done
  ip route show table all scope mylink | head -3; ip route show table all tos myaf; ip route show table all tos AF11; ip route show table all realm five
  ip -j route show table all | jq -c "[.[] | select(.table != \"local\")]"
}
'

@test "route names: /etc/iproute2, built-ins, custom files, no /etc" {
  cases=(
    'names'
    'mount --bind /run/names/empty /etc/iproute2; names'
    'mount --bind /run/names/custom /etc/iproute2; names; ip route add 10.6.0.0/16 dev v1 table blue proto myopenr scope mylink realm five tos myaf; echo $?; ip route add 10.7.0.0/16 dev v1 table pink proto custom; echo $?; ip -d route show table all | grep -v "^local\|^broadcast"'
    'mount -t tmpfs none /etc; names; ip route add 10.6.0.0/16 dev v1 table blue; echo $?; ip route add 10.7.0.0/16 dev v1 table 7 proto static; ip route show table all proto static'
  )
  for c in "${cases[@]}"; do s+=("$NAMES_SETUP$c"); done
  ip_cases "${s[@]}"
}
