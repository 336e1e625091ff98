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
