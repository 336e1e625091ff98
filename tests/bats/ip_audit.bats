#!/usr/bin/env bats
# Audit of the ip command surface against iproute2 6.1: `ip -d address`
# (the link's -d details in the address listing), `ip -s address`, and the
# mismatches found walking the issue's command surface.

load helpers
load ip_cases

# A bridge with a veth port, a macvlan and a vxlan, all with fixed MACs.
AUDIT_LAB='mkbr br0; mkveth v1 v2; $R link set v1 master br0
$R link add mv0 link v2 address 02:00:00:00:0c:01 type macvlan mode bridge
$R link add vx0 address 02:00:00:00:0d:01 type vxlan id 42 remote 10.9.9.9 dstport 4789 dev v2
$R link set br0 up; $R link set v1 up; $R link set v2 up; $R link set mv0 up; $R link set vx0 up
$R addr add 10.0.0.1/24 dev br0; $R addr add fd00::1/64 dev br0; $R addr add 10.0.1.1/24 brd + dev mv0 label mv0:a
$R addr add 10.0.2.1/24 dev vx0
settle br0 v1 v2 mv0 vx0
# The bridge timers run: masked, in text and JSON.
M() { sed -E "s/timer +[0-9.]+/timer T/g; s/(_timer\": ?)[0-9.]+/\\1T/g"; }
'

@test "ip -d address: link details in the address listing, text and JSON" {
  cases=(
    "$AUDIT_LAB"'ip -d address show | M'
    "$AUDIT_LAB"'ip -d addr show dev br0 | M; ip -d a s dev v1 | M; ip -d a s v2 | M; ip -d a s mv0 | M; ip -d a s vx0 | M; ip -d a s lo | M'
    "$AUDIT_LAB"'ip -d -j addr | jq -e . >/dev/null && ip -d -j addr | M'
    "$AUDIT_LAB"'ip -d -j -p addr show dev br0 | M; ip -d -j a s dev v1 | M'
    "$AUDIT_LAB"'ip -d -o addr | M; ip -d -o -4 addr show dev mv0 | M'
    "$AUDIT_LAB"'ip -d -4 addr | M; ip -d -6 addr show dev br0 | M; ip -d addr show master br0 | M; ip -d addr show type veth | M'
    "$AUDIT_LAB"'ip -d -br addr | M; ip -d addr show label mv0:a | M'
  )
  ip_cases "${cases[@]}"
}

@test "ip -s address and ip -s -d address" {
  # Counters of links that carry no traffic in a fresh sandbox are fixed
  # (all zero but lo's, and lo sees none here).
  cases=(
    'mkveth v1 v2; ip -s addr show dev v1; ip -s -s addr show dev v1; ip -s a s lo'
    'mkveth v1 v2; ip -s -d addr show dev v1; ip -s -d -j addr show dev v1'
    'mkveth v1 v2; ip -s -o addr show dev v1; ip -s -d -o addr show dev v1; ip -s -br addr show dev v1'
    'mkveth v1 v2; ip -s -j -p addr show dev v1'
  )
  ip_cases "${cases[@]}"
}

@test "-batch: after a link show, address show prints links as ip link show does (iproute2's do_link stays set)" {
  B='mkveth v1 v2; $R addr add 10.0.0.1/24 dev v1; '
  cases=(
    "$B"'printf "link show dev nosuch\naddr show\naddr show dev v1\naddr show up\naddr show dev v1 group default\naddr flush dev v1\naddr show\n" | ip -force -batch - 2>&1'
    "$B"'printf "addr show dev v1\nlink show v1\naddr show dev v1\n" | ip -batch -; printf "link set v1 up\naddr show dev v1\n" | ip -batch -'
    "$B"'printf "link\naddr show dev v1\n" | ip -o -batch -; printf "link\naddr\n" | ip -o -batch -; printf "l\na s v1\n" | ip -s -batch -; printf "link show lo\naddr\n" | ip -j -batch -'
    "$B"'printf "link\naddr show dev v1 up\n" | ip -batch -; printf "link\naddr show to 10.0.0.0/8\n" | ip -batch -; printf "link\naddr show dev v1\n" | ip -d -batch -'
    "$B"'printf "link\naddr\n" | ip -br -batch -; printf "link\naddr\n" | ip -4 -batch -; printf "link\naddr\n" | ip -4 -br -batch -; printf "link\naddr show dev v1\n" | ip -4 -br -batch -'
    "$B"'printf "link show v2\naddr show dev v1\n" | ip -br -batch -; printf "link show v2\naddr show dev v1\n" | ip -j -p -batch -; printf "link\naddr show dev v1\n" | ip -4 -batch -; printf "link\naddr show dev nosuch\n" | ip -batch -; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link set/add: addrgenmode, carrier, protodown (the kernel's refusals passed through)" {
  cases=(
    'mkveth v1 v2; ip link set v1 addrgenmode none; ip -d link show v1 | grep -o "addrgenmode [a-z_]*"; ip link set v1 addrgenmode random; ip -d link show v1 | grep -o "addrgenmode [a-z_]*"; ip link set v1 addrgenmode stable_secret; echo $?; ip link set v1 addrgenmode eui64; ip -d -j link show v1 | jq -c ".[0].inet6_addr_gen_mode"'
    'mkveth v1 v2; ip link set v1 addrgenmode foo; echo $?; ip link set v1 addrgenmode; echo $?; ip link set v1 addrgen none; echo $?; ip -d link show v1 | grep -o "addrgenmode [a-z_]*"'
    'ip link add br0 address 02:00:00:00:aa:aa addrgenmode none type bridge; ip -d link show br0 | grep -o "addrgenmode [a-z]*"; ip link add v1 addrgenmode none type veth peer name v2 addrgenmode random; echo $?; ip -d link show v1 | grep -o "addrgenmode [a-z]*"; ip -d link show v2 | grep -o "addrgenmode [a-z]*"'
    'mkveth v1 v2; ip link set v1 protodown on; echo $?; ip link set v1 protodown foo; echo $?; ip link set v1 carrier off; echo $?; ip link set v1 carrier maybe; echo $?; ip link set v1 carrier; echo $?; ip link set v1 up carrier on; echo $?; ip link show v1'
    'mkveth v1 v2; printf "link set v1 carrier x\nlink show v1\n" | ip -batch -; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "type bridge: an abbreviated option is read as iproute2 reads it" {
  # iproute2 reads "stp" as stp_state (more in ip_bridge_opts.bats).
  cases=(
    'ip link add br0 type bridge stp 1; echo $?; ip -d link show br0 | grep -o "stp_state [0-9]*"'
    'ip link add br0 type bridge help; echo $?; ip link add br0 type bridge foo; echo $?; ip -br link show type bridge'
  )
  ip_cases "${cases[@]}"
}
