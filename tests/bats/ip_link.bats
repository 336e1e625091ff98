#!/usr/bin/env bats
# ip link: add (bridge, veth), set, del, show, against iproute2 6.1.

load helpers
load ip_cases

@test "link add bridge/veth and show" {
  cases=(
    'ip link add dev br0 address 02:00:00:00:00:aa type bridge; ip link show br0; ip link show dev br0'
    'ip link add br0 address 02:00:00:00:00:aa type bridge; ip link add name br1 address 02:00:00:00:00:bb type bridge; ip link'
    'ip link add dev v1 address 02:00:00:00:01:01 type veth peer name v2 address 02:00:00:00:01:02; ip link show'
    'ip link add v1 address 02:00:00:00:01:01 type veth peer v2 address 02:00:00:00:01:02; ip link show v2'
    'ip link add v1 type veth; ip -br link | sed "s/[0-9a-f:]\{17\}/MAC/"'
    'ip link add v1 address 02:00:00:00:01:01 mtu 1400 txqueuelen 500 type veth peer name v2 mtu 1300 address 02:00:00:00:01:02; ip link show v1; ip link show v2'
    'ip netns add red; ip link add v1 address 02:00:00:00:01:01 type veth peer name v2 netns red; ip link show v1; ip -n red link show v2 | head -1'
    'ip link add type bridge; ip -br link | cut -c1-20'
  )
  ip_cases "${cases[@]}"
}

@test "link set up/down/master/nomaster/netns/name/mtu" {
  cases=(
    'mkbr br0; mkveth v1 v2; ip link set dev br0 up; ip link set v1 master br0; ip link set dev v2 up; ip link set v1 up; settle br0 v1 v2; ip link show'
    'mkbr br0; mkveth v1 v2; ip link set dev v1 master br0; ip link show v1; ip link set dev v1 nomaster; ip link show v1'
    'mkveth v1 v2; ip link set v1 up; settle v1; ip link show v1; ip link set v1 down; ip link show v1'
    'ip netns add red; mkveth v1 v2; ip link set v2 netns red; ip link show; ip -n red link show'
    'mkveth v1 v2; ip link set dev v1 name w1; ip link show w1; ip link set w1 mtu 1280; ip link show w1'
    'mkveth v1 v2; ip link set v1 address 02:00:00:00:09:09; ip link show v1'
    'mkveth v1 v2; ip link s v1 up; ip l sh v1; ip link ls v1; ip link l v1; ip link list v1'
    'mkveth v1 v2; ip link set v1 up; ip link show up'
    'mkveth v1 v2; ip link delete v1; ip link show; mkveth v3 v4; ip link del dev v4; ip link'
  )
  ip_cases "${cases[@]}"
}

@test "link errors: existing names, unknown devices, bad arguments" {
  cases=(
    'mkveth v1 v2; ip link add dev v1 type veth peer name v3; echo $?; ip link show v3; echo $?'
    # a veth whose peer name exists creates nothing (one atomic RTM_NEWLINK)
    'mkveth v1 v2; ip link add dev v3 type veth peer name v2; echo $?; ip -br link | cut -d" " -f1'
    'ip link add dev v1 type veth peer name v1; echo $?; ip -br link | cut -d" " -f1'
    'ip link add dev x; echo $?'
    'ip link add dev; echo $?'
    'ip link add dev x type; echo $?'
    'ip link add dev x type foo; echo $?'
    'ip link add x type bridge foo; echo $?'
    'ip link add x type veth foo; echo $?'
    'ip link add x type veth peer name; echo $?'
    'ip link add abcdefghijklmnopq type bridge; echo $?'
    'ip link add dev "a b" type bridge; echo $?'
    'ip link add name y dev z type bridge; echo $?'
    'ip link add name y name z type bridge; echo $?'
    'ip link add a1 a2 type bridge; echo $?'
    'ip link set dev nosuch up; echo $?; ip link set nosuch down; echo $?'
    'ip link set up; echo $?'
    'mkveth v1 v2; ip link set dev v1 foo; echo $?'
    'mkveth v1 v2; ip link set dev v1 master nosuch; echo $?'
    'mkveth v1 v2; ip link set dev v1 netns nosuch; echo $?'
    'mkveth v1 v2; ip link set dev v1 netns 999999; echo $?'
    'mkveth v1 v2; ip link set v1 netns; echo $?; ip link set v1 master; echo $?'
    'mkveth v1 v2; ip link set v1 mtu foo; echo $?; ip link set v1 address 00:11; echo $?; ip link set v1 address zz; echo $?'
    'ip link del dev nosuch; echo $?; ip link del nosuch; echo $?; ip link del; echo $?'
    'mkveth v1 v2; ip link del dev v1 extra; echo $?'
    'ip link show nosuch; echo $?; ip link show dev nosuch; echo $?; ip link show lo lo; echo $?'
    'ip link foo; echo $?'
    'ip link help; echo $?; ip l h; echo $?; ip link add x help; echo $?; ip link set help; echo $?'
    'ip help; echo $?; ip; echo $?; ip addr help; echo $?; ip a add 10.0.0.1/24 help; echo $?; ip netns help; echo $?; ip route help; echo $?'
    'ip foo; echo $?; ip -foo link; echo $?; ip -f foo addr; echo $?; ip -family; echo $?'
    # "br" is an abbreviation of "broadcast" in `ip link set`, as in iproute2
    'mkbr br; ip link set br up; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link show: JSON, pretty JSON, brief, oneline, M-DOWN and NO-CARRIER, peers in other namespaces" {
  cases=(
    'mkbr br0; mkveth v1 v2; ip link set v1 master br0; ip link set v1 up; ip -j link | jq -e . >/dev/null && ip -j link'
    'mkbr br0; mkveth v1 v2; ip link set v1 master br0; ip -j -p link show'
    'mkveth v1 v2; ip -j -p link show dev v1 | jq -c .'
    'mkveth v1 v2; ip link set v1 up; ip -br link; ip -br -j link; ip -br -j -p link show v1'
    'mkveth v1 v2; ip -o link'
    'ip netns add red; mkveth v1 v2; ip link set v2 netns red; ip link show v1; ip -j link show v1; ip -n red link show v2; ip -n red -j -p link show v2'
    'mkveth v1 v2; ip -4 link; ip -6 link; ip -0 link show v1'
  )
  ip_cases "${cases[@]}"
}
