#!/usr/bin/env bats
# ip rule: add, del, show with selectors, flush, save/restore, -6, -j and
# errors, against iproute2 6.1. After each change the state is listed with
# the reference ($R rule), so nsbox's command must leave the kernel as
# iproute2's does.

load helpers
load ip_cases

# A veth pair for iif/oif, and a few rules of every kind for the selectors.
RULE_SETUP='mkveth v1 v2; '
RULES='ip rule add from 10.0.0.0/24 table 100 pref 100; ip rule add not fwmark 0x10/0xff iif v1 pref 200 goto 32766; ip rule add uidrange 100-200 ipproto tcp sport 1000-2000 dport 80 protocol static realms 1/2 suppress_prefixlength 0 table 1000 pref 300; ip rule add unreachable pref 400 to 10.1.2.3; ip rule add oif v2 tos 0x10 lookup main pref 500; ip rule add tun_id 5 table 7 pref 600; '

@test "rule add/del and show" {
  cases=(
    'ip rule add from 10.0.0.0/24 table 100; $R rule; ip rule'
    'ip rule add fwmark 1 lookup 100; ip rule add fwmark 0x10/0xff table 200 pref 50; ip rule add fwmark 0/0 table 5; $R rule; ip rule'
    'ip rule add to 192.168.5.0/24 lookup main pref 1000; ip rule add from 10.1.1.1 to 10.2.0.0/16 tos 0x10 table 7; $R rule; ip rule show; ip rule list; ip rule lst'
    'ip rule add iif v1 table 10; ip rule add oif v2 table 11; ip rule add dev nosuch table 12; ip rule add iif v2 oif nosuch table 13; $R rule; ip rule'
    'ip rule add not from 10.0.0.0/8 table 5 pref 10; ip rule add pref 20 goto 30; ip rule add pref 30 nop; ip rule add pref 40 goto 99; $R rule; ip rule'
    'ip rule add unreachable pref 100; ip rule add prohibit pref 101; ip rule add blackhole pref 102; ip rule add type unreachable from 10.9.0.0/16; $R rule; ip rule'
    'ip rule add uidrange 100-200 table 5; ip rule add ipproto tcp dport 80 table 6; ip rule add ipproto udp sport 1000-2000 table 7; ip rule add ipproto 1 table 8; $R rule; ip rule'
    'ip rule add suppress_prefixlength 0 table main pref 50; ip rule add table main suppress_ifgroup 3 pref 51; ip rule add realms 1/2 table 5; ip rule add realms 3 table 6; ip rule add protocol static table 9; ip rule add tun_id 5 table 10; $R rule; ip rule; ip -d rule'
    'ip rule add from 10.0.0.0/24 table 1000; ip rule add fwmark 3 table 70000; ip rule add table 255 pref 7; $R rule; ip rule'
    'ip rule add from 10.0.0.0/24 table 100 pref 100; ip rule add fwmark 1 table 5; ip rule del pref 100; ip rule del fwmark 1 table 5; ip rule delete table main; $R rule; ip rule'
    'ip rule add from default to all lookup 7; ip -4 rule add from default lookup 8 pref 9; ip rule add from all to any table 9 pref 10; $R rule'
    'ip rule add sport 70000 table 5; ip rule add dport 5-x table 6; ip rule add pref 5 pref 6 table 7; $R rule'
    'ip rule add l3mdev pref 1000; echo $?; $R rule; ip rule; ip -j rule'
    'ip rule add nat 10.1.1.1 table 5; echo $?; $R rule; ip rule'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule edge values" {
  cases=(
    'ip -6 rule add from fd00::1 to fd00::2/128 table 5; ip -6 rule; ip rule add from 0.0.0.0/0 to 0/0 table 6; ip rule add priority 0 table 7; ip rule; $R rule'
    'ip rule add from 10.0.0.1/32 to 10.0.0.2/32 table 5 pref 5; ip rule add fwmark 0xffffffff/0xffffffff table 6; ip rule add fwmark 0 table 7; ip rule; ip -j rule'
    'ip rule add iif lo oif lo table 5; ip rule show iif lo; ip rule show oif lo; ip rule show iif v1; ip -o rule; ip -br rule; echo $?'
    'ip rule add uidrange 0-4294967295 table 5; ip rule add sport 0 table 6; ip rule add dport 0-65535 table 7; ip rule show sport 0; ip rule show dport 0-65535; ip rule'
    'ip rule add table 0 pref 5; echo $?; ip rule add lookup local pref 6; ip rule add lookup default pref 7; ip rule add table 4294967295 pref 8; echo $?; ip rule; ip -j -p rule show pref 6'
    'ip rule add from 10.0.0.0/8 table 5; ip rule add from 10.0.0.0/8 table 5 pref 32765; echo $?; ip rule del from 10.0.0.0/8; ip rule; ip rule del from 10.0.0.0/8; echo $?; ip rule del from 10.0.0.0/8; echo $?'
    'ip rule add tos 0x1c table 5; ip rule add dsfield AF11 table 6; echo $?; ip rule; ip rule show tos 0x1c; ip rule show tos 28'
    'ip rule add realms 0x10002 table 5; ip rule add realms 5/ table 6; echo $?; ip rule add realms /5 table 7; echo $?; ip rule; ip -j rule'
    'ip rule add suppress_prefixlength 200 table 5 ; ip rule add suppress_prefixlength 0x10 table 6; ip rule add suppress_ifgroup default table 7; ip rule; ip -j rule'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule keyword abbreviations" {
  cases=(
    'ip rule a pr 5 ta 7; ip rule a order 6 lookup 8 dsfield 0x10; ip rule a p 9 t 5; ip rule a pri 10 sup_pl 1 ta 5; ip rule a pri 11 sup_group 2 ta 5; ip rule a pri 12 r 4 ta 5; ip rule a pri 13 pro 99 ta 5; ip rule a pri 14 g 13; ip rule a pri 15 no; ip ru; ip ru s; $R rule'
    'ip rule add pref 5 table 7; ip rule d pri 5; ip rule del pref 32766; $R rule; ip rule sh; ip rule l'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule -6, JSON, colour" {
  cases=(
    'ip -6 rule add from fd00::/64 table 100; ip -6 rule add to fd01::1 table 101 pref 5; ip -6 rule add from fd02::1 to fd03::/48 iif v1 table 102; ip -6 rule; $R -6 rule; ip -6 rule del pref 5; $R -6 rule; ip rule'
    "$RULES"'ip -j rule | jq -e . >/dev/null && ip -j rule; ip -j -p rule'
    'ip -6 rule add from fd00::/64 table 100 pref 7; ip -6 rule add not to fd01::/16 fwmark 4 table 8; ip -j -6 rule | jq -e . >/dev/null && ip -j -6 rule; ip -j -p -6 rule'
    "$RULES"'ip -c=always rule; ip -d -j rule'
    "$RULES"'ip rule add suppress_ifgroup 3 table main pref 700; ip rule add prohibit pref 701; ip -N rule; ip -N -j rule; ip -N -d rule'
    'ip -6 rule add from fd00::/64 table 100; ip -4 rule add from 10.0.0.0/8 table 5; ip -6 rule; ip -4 rule; ip rule'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule show selectors" {
  cases=(
    "$RULES"'ip rule show pref 100; ip rule show from 10.0.0.0/16; ip rule show from 10.0.0.0/25; ip rule show table 100; ip rule list lookup main; ip rule show not; ip rule show fwmark 0x10/0xff; ip rule show fwmark 0x10'
    "$RULES"'ip rule show iif v1; ip rule show dev v1; ip rule show oif v2; ip rule show to 10.1.0.0/16; ip rule show 10.1.2.3; ip rule show dst 10.1.2.0/24; ip rule show tos 0x10; ip rule show uidrange 100-200; ip rule show ipproto tcp; ip rule show sport 1000-2000; ip rule show sport 1000; ip rule show dport 80'
    "$RULES"'ip rule show l3mdev; ip rule show protocol static; ip rule show tun_id 5; ip rule show from all; ip rule show src 10.0.0.0/24 table 100 pref 100; ip rule show table 999; ip rule show lookup default'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule flush, save and restore" {
  cases=(
    "$RULES"'ip rule flush; echo $?; $R rule; ip -6 rule add from fd00::/64 table 5; ip -6 rule flush; $R -6 rule'
    "$RULES"'ip rule flush table 100; $R rule; ip rule flush protocol static; $R rule; ip rule flush pref 32766; $R rule; ip rule flush iif v1; $R rule'
    "$RULES"'ip -j rule flush; echo $?; $R rule'
    "$RULES"'ip rule save > /run/r.bin; echo $?; $R rule flush; $R rule; ip rule restore < /run/r.bin; echo $?; $R rule'
    "$RULES"'$R rule save > /run/r.bin; $R rule flush; ip rule restore < /run/r.bin; $R rule; ip rule save > /run/n.bin; $R rule flush; $R rule restore < /run/n.bin; $R rule'
    'ip -6 rule add from fd00::/64 table 5 pref 10; ip -6 rule save > /run/r.bin; $R -6 rule flush; ip -6 rule restore < /run/r.bin; $R -6 rule'
    'echo xxxx | ip rule restore; echo $?; printf "\x86\x69\x70\x71\x20" | ip rule restore; echo $?; printf "\x86\x69\x70\x71\x08\x00\x00\x00\x20\x00\x00\x00\x00\x00\x00\x00" | ip rule restore; echo $?; ip rule restore < /dev/null; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule errors" {
  cases=(
    'ip rule add; echo $?; ip rule del; echo $?; ip rule del pref 12345; echo $?; ip rule add from 10.0.0.0/33; echo $?; ip rule add from 2001:db8::/32; echo $?; ip rule add lookup foo; echo $?'
    'ip rule add iif a/b; echo $?; ip rule add oif ""; echo $?; ip rule add fwmark 1/x; echo $?; ip rule add fwmark y; echo $?; ip rule add xyz; echo $?; ip rule add l3mdev table 5; echo $?'
    'ip rule add goto; echo $?; ip rule add goto x; echo $?; ip rule add ipproto 0x6; echo $?; ip rule add uidrange 5; echo $?; ip rule add sport x; echo $?; ip rule add dport -; echo $?; ip rule add pref x; echo $?; ip rule add tos zz; echo $?'
    'ip rule add realms x/y; echo $?; ip rule add protocol nosuch; echo $?; ip rule add suppress_prefixlength -1; echo $?; ip rule add suppress_ifgroup nosuch; echo $?; ip rule add tun_id x; echo $?; ip rule add to; echo $?'
    'ip rule foo; echo $?; ip rule help; echo $?; ip rule add help; echo $?; ip rule list foo; echo $?; ip rule save x; echo $?; ip rule add local; echo $?; ip rule add nat foo; echo $?'
    'ip rule list table foo; echo $?; ip rule show pref x; echo $?; ip rule show iif a/b; echo $?; ip rule show protocol nosuch; echo $?; ip rule show uidrange 1; echo $?; ip rule show tun_id y; echo $?; ip rule show dport z; echo $?; ip -6 rule show from 10.0.0.0/8; echo $?'
    'ip rule add from 10.0.0.0/24 table 5; ip rule add from 10.0.0.0/24 table 5; echo $?; ip -4 rule add from fd00::/64; echo $?; ip -6 rule add from 10.0.0.0/8; echo $?; ip rule add goto 5 pref 5; echo $?; $R rule'
    'ip -0 rule; echo $?; ip -f link rule; echo $?; ip -j -0 rule; echo $?; ip -0 rule add from 10.0.0.0/8; echo $?; ip -f bridge rule add table 5; echo $?; ip -f inet6 rule add table 5; ip -6 rule'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

@test "rule in a batch" {
  cases=(
    'printf "rule add from 10.0.0.0/24 table 5\nrule show\nrule add from 10.0.0.0/24 table 5\nrule del table 5\n" | ip -batch -; echo $?; $R rule'
    'printf "rule add from 10.0.0.0/24 table 5\nrule add from 10.0.0.0/24 table 5\nrule show\n" | ip -force -batch -; echo $?; $R rule'
  )
  for c in "${cases[@]}"; do s+=("$RULE_SETUP$c"); done
  ip_cases "${s[@]}"
}

# Custom names in /etc/iproute2 (tables, protocols, realms, DS fields,
# groups), none at all, and no /etc (no /etc/protocols either).
RULE_NAMES='mkdir -p /run/names/custom/rt_tables.d
printf "255 local\n254 main\n100 blue\n300 big\n1000 red2\n" > /run/names/custom/rt_tables
printf "77 pink\n" > /run/names/custom/rt_tables.d/x.conf
printf "99 myopenr\n" > /run/names/custom/rt_protos
printf "5 five\n" > /run/names/custom/rt_realms
printf "0x28 myaf\n" > /run/names/custom/rt_dsfield
printf "0 default\n7 seven\n" > /run/names/custom/group
$R rule add from 10.1.0.0/16 table 100 pref 10
$R rule add from 10.2.0.0/16 table 300 pref 20 protocol 99 realms 5/5 tos 0x28
$R rule add from 10.3.0.0/16 table 1000 pref 30 suppress_ifgroup 7
$R rule add from 10.4.0.0/16 table 77 pref 40 ipproto 6
names() { ip rule; ip -d rule; ip -j rule; for t in blue big red2 pink main 100; do ip rule show table $t; echo $?; done; }
'

@test "rule names: /etc/iproute2, built-ins, no /etc" {
  cases=(
    'names'
    'mount --bind /run/names/custom /etc/iproute2; names; ip rule add from 10.5.0.0/16 lookup blue protocol myopenr realms five tos myaf pref 50; ip rule add table red2 suppress_ifgroup seven pref 60; echo $?; $R rule; ip rule flush table big; $R rule'
    'mount -t tmpfs none /etc; names; ip rule add table blue; echo $?; ip rule add ipproto 17 table 5 pref 5; ip rule show pref 5'
  )
  for c in "${cases[@]}"; do s+=("$RULE_NAMES$c"); done
  ip_cases "${s[@]}"
}
