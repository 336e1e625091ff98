#!/usr/bin/env bats
# ip address: add, del, show (text, JSON, -4/-6, -br, -o), against iproute2 6.1.

load helpers
load ip_cases

@test "addr add/del and show, IPv4 and IPv6" {
  cases=(
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr show dev v1; ip addr'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add fd00::1/64 dev v1; ip addr show'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add 10.0.0.2/24 dev v1; ip addr show v1; ip addr del 10.0.0.1/24 dev v1; ip a s dev v1'
    'mkveth v1 v2; ip addr add 10.0.0.7 dev v1; ip addr add fd00::7 dev v1; ip addr add 127.0.0.9/8 dev v1; ip addr show v1'
    'mkveth v1 v2; ip addr add 10.1/8 dev v1; ip addr add 010.0.0.1/8 dev v1; ip addr add 10.0.0.1/024 dev v1; ip addr add 10.0.0.9/255.255.0.0 dev v1; ip -4 addr show v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr del 10.0.0.1 dev v1; echo $?; ip -4 addr show v1'
    'mkveth v1 v2; ip addr add local 10.0.0.1/24 dev v1 scope link; ip addr show v1'
    'mkveth v1 v2; ip a add 10.0.0.1/24 dev v1; ip a d 10.0.0.1/24 dev v1; ip addr list; ip addr lst; ip a l'
    'ip addr add 10.0.0.1/24 dev lo; ip -6 addr add fd00::1/128 dev lo; ip a; ip addr del fd00::1/128 dev lo; ip -6 a'
  )
  ip_cases "${cases[@]}"
}

@test "addr errors" {
  cases=(
    'ip addr add 10.0.0.1/24 dev nosuch; echo $?'
    'mkveth v1 v2; for p in 10.0.0.1/33 10.0.0.300/24 foo 10.0.0.1/ 1.2.3.4/8/9 1.2.3.4/-1 0x0a000008/8 fd00::6/129 default; do ip addr add $p dev v1; echo $?; done'
    'mkveth v1 v2; ip addr add 10.0.0.1/24; echo $?; ip addr del 10.0.0.1/24; echo $?'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add 10.0.0.1/24 dev v1; echo $?'
    'mkveth v1 v2; ip addr del 10.0.0.9/24 dev v1; echo $?'
    'mkveth v1 v2; ip addr add dev v1; echo $?'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev; echo $?'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1 foo; echo $?'
    'mkveth v1 v2; ip -6 addr add 10.0.0.1/24 dev v1; echo $?; ip -4 addr add fd00::1/64 dev v1; echo $?'
    'ip addr show dev nosuch; echo $?; ip addr foo; echo $?'
    # "ifN" names index N when no device has that name (iproute2 asks by index).
    'mkveth v1 v2; for d in if2 if3 if99; do ip addr show dev $d; echo $?; ip -br addr show $d; ip -j addr show dev $d; echo $?; ip -j -p -4 a s dev $d; ip -o -6 addr show dev $d group 0; done'
    'mkveth v1 v2; printf "link show\naddr show dev if2\n" | ip -batch -; echo $?; printf "addr show dev if3\nlink show dev if3\n" | ip -batch -; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "addr show: JSON, pretty, -4/-6, -br, -o, link-local and peers in other namespaces" {
  cases=(
    'mkbr br0; mkveth v1 v2; ip link set br0 up; ip link set v1 up; ip link set v2 up; settle br0 v1 v2; ip addr add 10.0.0.1/24 dev br0; ip addr add fd00::1/64 dev br0; ip -j addr | jq -e . >/dev/null && ip -j addr'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -j -p addr show dev v1'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -4 addr; ip -6 addr; ip -j -4 a; ip -j -p -6 a'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -br addr; ip -br -4 addr; ip -br -6 a; ip -br -j addr; ip -br -j -p a show v1'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; settle v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -o addr; ip -o -4 a'
    'ip netns add red; nsdad red; mkveth v1 v2; ip link set v2 netns red; ip link set v1 up; ip -n red link set v2 up; settle v1; sleep 0.3; ip addr; ip -n red addr; ip -n red -j addr show v2'
    'mkveth v1 v2; ip link set v1 up; ip addr show up; ip -j addr show up'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip -o -j addr | jq -c .; ip -o -j -p a'
    'ip -c=never addr show lo; ip -color=auto addr show lo; ip -c -j addr show lo'
  )
  ip_cases "${cases[@]}"
}

# Lifetimes count down between the command and the listing: mask them.
LFT='sed -E "s/(valid_lft|preferred_lft) [0-9]+sec/\1 Nsec/g; s/\"(valid|preferred)_life_time\":[0-9]+/\"\1_life_time\":N/g"'

@test "addr add: broadcast, peer, label, scope, metric, lifetimes, flags" {
  cases=(
    'mkveth v1 v2; ip addr add 10.0.0.1/24 brd + dev v1; ip addr add 10.0.1.1/24 broadcast - dev v1; ip addr add 10.0.2.1/24 brd 10.0.2.77 dev v1; ip addr add 10.0.3.1/31 brd + dev v1; ip addr add 10.0.4.1/30 b + dev v1; $R -4 addr show v1'
    'mkveth v1 v2; ip addr add 10.0.5.1 peer 10.0.5.2/32 dev v1; ip addr add 10.0.6.1 remote 10.0.6.0/24 brd + dev v1; ip addr add fd00::5/64 peer fd00::6 dev v1; $R addr show v1; ip -j addr show v1; ip -br addr show v1'
    'mkveth v1 v2; ip addr add 10.0.6.1/24 dev v1 label v1:x; ip addr add 10.0.7.1/24 label v1:y dev v1; ip addr add 10.0.8.1/24 dev v1 metric 7; ip addr add 10.0.9.1/24 dev v1 pref 9; ip addr show v1; ip -j -p addr show v1; ip -br a s v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1 scope link; ip addr add 10.0.1.1/24 dev v1 scope host; ip addr add 10.0.2.1/24 dev v1 scope 0x10; ip addr add 127.0.0.9/8 dev v1; ip addr add 127.0.0.10/8 dev v1 scope global; ip addr add 10.0.3.1/24 dev v1 scope nowhere; ip addr show v1; ip -j addr show v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1 valid_lft 1000 preferred_lft 500; ip addr add 10.0.1.1/24 dev v1 valid_lft forever preferred_lft 0; ip -6 addr add fd00::1/64 dev v1 valid_lft 2000 preferred_lft forever; ip addr add 10.0.2.1/24 dev v1 valid 300 pref 5; ip addr show v1 | '"$LFT"'; ip -j addr show v1 | '"$LFT"
    'mkveth v1 v2; ip -6 addr add fd00::2/64 dev v1 nodad noprefixroute mngtmpaddr home; ip addr add fd00::3/64 dev v1 optimistic; ip addr add 10.0.15.1/24 dev v1 noprefixroute; ip addr add 224.0.0.5/24 dev v1 autojoin; ip -6 addr add ff02::77/128 dev v1 autojoin; ip addr show v1; ip -j addr show v1; $R route show dev v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1 tentative nodad; ip addr add nodad fd00::3/64 dev v1; ip addr add 10.0.0.2/24 dev v1 secondary temporary permanent deprecated dadfailed stable-privacy; ip addr show v1'
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr add 10.0.0.2/24 dev v1; ip addr add 10.0.0.3/24 dev v1; ip addr del 10.0.0.1/24 dev v1; $R addr show v1; echo 1 > /proc/sys/net/ipv4/conf/v1/promote_secondaries; ip addr add 10.0.0.1/24 dev v1; ip addr del 10.0.0.2/24 dev v1; $R addr show v1'
  )
  ip_cases "${cases[@]}"
}

@test "addr change and replace" {
  cases=(
    'mkveth v1 v2; ip addr add 10.0.0.1/24 dev v1; ip addr change 10.0.0.1/24 dev v1 valid_lft 1000 preferred_lft 1000; $R -o addr show v1 | '"$LFT"'; ip addr replace 10.0.0.1/24 dev v1 metric 9; ip addr replace 10.0.0.2/24 dev v1; $R addr show v1'
    'mkveth v1 v2; ip addr change 10.0.0.3/24 dev v1; echo $?; ip addr chg 10.0.0.3/24 dev v1; echo $?; $R addr show v1'
    'mkveth v1 v2; ip -6 addr add fd00::1/64 dev v1; ip addr change fd00::1/64 dev v1 noprefixroute; ip -6 addr replace fd00::1/64 dev v1 valid_lft 100 preferred_lft 50; $R -6 addr show v1 | '"$LFT"'; $R -6 route show dev v1'
  )
  ip_cases "${cases[@]}"
}

@test "addr show filters: label, to, scope, flags, master, type, group, up" {
  setup='mkveth v1 v2; mkbr br0; $R link set v1 master br0; $R addr add 10.0.0.1/24 dev v1 label v1:a; $R addr add 10.0.0.2/24 dev v1 label v1:b; $R addr add 10.0.1.1/24 dev v2; $R addr add 10.0.2.1/24 dev br0; $R -6 addr add fd00::1/64 dev v1; '
  cases=(
    'ip a s label "v1:*"; ip -j a s label "v1:a"; ip -br a s label v1:a; ip -o a s label v1:b; ip a s label foo; ip -j a s dev v1 label foo'
    'ip a s to 10.0.0.0/24; ip a s to fd00::/16; ip a s to 10.0.0.1; ip -j a s to 10.0.2.0/24; ip a s to 0/0 | head -3; ip -4 a s to fd00::/8; echo $?; ip a s to foo; echo $?'
    'ip a s scope host; ip a s scope all | head -3; ip -j a s scope link; ip a s scope foo; echo $?; ip a s scope; echo $?'
    'ip a s primary; ip -4 a s secondary; ip a s dynamic; ip -br a s permanent; ip a s -tentative dev v1; ip a s -secondary dev v1; ip a s -primary; ip a s temporary'
    'ip a s master br0; ip -j a s master br0; ip a s master nosuch; echo $?; ip -br a s nomaster; ip -4 -j a s master br0; ip -4 -br a s nomaster'
    'ip -br a s type veth; ip -br a s type bridge_slave; ip -j a s type bridge; ip -br a s type foo; ip -j a s type foo; ip -o a s type foo; ip -4 -j a s type veth'
    'ip -br a s group default; ip -br a s group 0; ip -j a s group 5; ip a s group foo; echo $?; ip a s vrf br0; echo $?'
    '$R link set v2 up; ip a s up; ip -o a s up; ip -o -j a s up; ip a s dev v1 up; ip -j a s dev v1 up; ip -o a s type bridge_slave'
    'ip a s dev v1 dev v2; echo $?; ip a s v1 v2; echo $?; ip a s dev; echo $?; ip a s novf; echo $?; ip a s label; echo $?'
  )
  for c in "${cases[@]}"; do s+=("$setup$c"); done
  ip_cases "${s[@]}"
}

@test "addr flush" {
  cases=(
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; $R addr add 10.0.0.2/24 dev v1; $R -6 addr add fd00::1/64 dev v1; ip -s addr flush dev v1; echo $?; $R addr show v1'
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; $R addr add 10.0.0.2/24 dev v1; ip -s -s addr flush dev v1; $R -6 addr add fd00::1/64 dev v1; $R -6 addr add fd00::2/64 dev v1; ip -s -s -6 a f dev v1; ip -j -s -s a f dev lo; $R addr'
    'mkveth v1 v2; ip addr flush; echo $?; ip -0 addr flush dev v1; echo $?; ip addr flush dev nosuch; echo $?; ip -s addr flush dev v1; ip addr flush dev v1; echo $?'
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; $R addr add 10.0.0.9/8 dev v1; $R addr add 10.0.0.2/24 dev v1; ip -s addr flush primary dev v1; $R addr show v1; ip -s addr flush secondary; $R addr show v1'
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; $R addr add 10.0.0.2/24 dev v1; echo 1 > /proc/sys/net/ipv4/conf/v1/promote_secondaries; ip -s addr flush dev v1; $R addr show v1'
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1 label v1:a; $R addr add 10.0.0.2/24 dev v1 label v1:b; $R addr add 10.0.1.1/24 dev v2; ip -s addr flush label v1:a; $R addr show v1; ip addr flush label "v1*"; ip -s a flush to 10.0.0.0/8; $R -br addr'
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; $R addr add 10.0.1.1/24 dev v2; ip -s addr flush dev v1 up; ip -s addr flush type bridge; $R -br addr; ip -s addr flush scope host; $R -br addr'
    'mkveth v1 v2; for i in $(seq 1 150); do echo "addr add 10.1.$((i/250)).$((i%250+1))/16 dev v1"; done > /run/b; $R -batch /run/b; ip -s addr flush dev v1; $R -4 addr show v1'
  )
  ip_cases "${cases[@]}"
}

@test "addr modify errors change nothing" {
  cases=(
    'mkveth v1 v2; for c in "10.0.9.1/24 dev v1 valid_lft 0" "10.0.10.1/24 dev v1 valid_lft 10 preferred_lft 50" "fd00::1/64 dev v1 brd +" "10.0.13.1/24 dev v1 brd + brd +" "10.0.16.1/24 dev v1 autojoin" "10.0.17.1/24 dev v1 valid_lft foo" "10.0.18.1/24 dev v1 metric foo"; do ip addr add $c; echo "rc=$?"; done; $R addr show v1'
    'mkveth v1 v2; for c in "10.0.19.1/24 dev v1 scope 300" "10.0.21.1/24 peer 10.0.21.2 peer 10.0.21.3 dev v1" "10.0.22.1/24 dev v1 preferred_lft 5 preferred_lft 6" "10.0.23.1/24 dev v1 label" "10.0.0.1/24 dev v1 scope universe" "10.0.0.1/24 dev v1 anycast foo" "10.0.0.1/24 dev v1 brd 1.2.3.4/8"; do ip addr add $c; echo "rc=$?"; done; $R addr show v1'
    'mkveth v1 v2; for c in "10.0.0.1/24 dev v1 peer foo" "10.0.0.1/24 dev v1 h" "10.0.0.1/24 dev v1 proto 5" "10.0.0.1/24 dev v1 valid_lft" "10.0.0.1/24 10.0.0.2/24 dev v1" "10.0.0.1/24 dev v1 dev nosuch" "10.0.0.1/24 brd 10.0.0.255 dev v1 broadcast 10.0.0.254" "10.0.0.1/24 dev v1 home"; do ip addr add $c; echo "rc=$?"; done; $R addr show v1'
    'mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; ip addr del 10.0.0.1/24 dev v1 label foo; echo $?; ip addr del 10.0.0.1/24 peer 10.0.0.5 dev v1; echo $?; ip addr del 10.0.0.1/16 dev v1; echo $?; ip a del 10.0.0.1/24 dev v1 brd +; echo $?; $R addr show v1'
    'mkveth v1 v2; ip addr help; echo $?; ip addr add help; echo $?'
  )
  ip_cases "${cases[@]}"
}
