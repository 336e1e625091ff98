#!/usr/bin/env bats
# ip link show: filters (dev, up, type, master, nomaster, group, label),
# -d details, -s and -s -s statistics, -br, -o, -j and -j -p, against
# iproute2 6.1. Every -j output is also parsed by jq.

load helpers
load ip_cases

# Two bridges with a port each, one more veth pair, and an up link.
TOPO='mkbr br0; mkbr br1 bb; mkveth v1 v2; mkveth v3 v4 03; ip link set v1 master br0; ip link set v3 master br1; $R link set v2 group 7; $R link set v4 up; '

# Deterministic traffic: red pings the root namespace 5 times over a veth,
# no IPv6, permanent neighbours (no ARP), so every counter is known.
TRAFFIC='ip netns add red; mkveth v1 v2
$R link set v2 netns red
echo 1 > /proc/sys/net/ipv6/conf/v1/disable_ipv6
$R netns exec red sh -c "echo 1 > /proc/sys/net/ipv6/conf/v2/disable_ipv6"
$R addr add 10.9.0.1/24 dev v1; $R -n red addr add 10.9.0.2/24 dev v2
$R neigh add 10.9.0.2 lladdr 02:00:00:00:01:02 dev v1 nud permanent
$R -n red neigh add 10.9.0.1 lladdr 02:00:00:00:01:01 dev v2 nud permanent
$R link set v1 up; $R -n red link set v2 up; settle v1
$R netns exec red /usr/bin/ping -q -c5 -i0.2 -s 1000 10.9.0.1 >/dev/null
'

@test "link show filters: dev, up, type, master, nomaster, group, label" {
  cases=(
    "$TOPO"'ip link show master br0; ip link show master br1; ip -br link show nomaster'
    "$TOPO"'ip link show type veth; ip -br link show type bridge; ip -br link show type bridge_slave; ip -br link show type foo'
    "$TOPO"'ip -j link show type bridge | jq -e . >/dev/null && ip -j link show type bridge; ip -j link show type foo'
    "$TOPO"'ip link show group 7; ip -br link show group default; ip -j link show group 7; ip link show group nosuch; echo $?'
    "$TOPO"'ip link show up; ip -j link show up; ip -br link show up type veth; ip link show dev v4 up; ip -j link show dev v2 up'
    "$TOPO"'ip link show master nosuch; echo $?; ip link show master; echo $?; ip link show type; echo $?'
    "$TOPO"'ip link show label foo; echo $?; ip -j link show label x; ip link show scope link v1; ip link show scope bogus; echo $?'
    "$TOPO"'ip link show permanent v1; ip link show dev v1 dev v2; echo $?; ip link show v1 help; echo $?; ip l sh up master br0; ip link show dev v2 group 7'
    # "ifN": iproute2 asks by name and fails, unless a group filter makes it ask by index.
    'mkveth v1 v2; for d in if2 if99; do ip link show $d; echo $?; ip -j link show dev $d; echo $?; ip -j -p link show dev $d; ip -br link show dev $d group 0; echo $?; ip -j link show dev $d group default; done'
  )
  ip_cases "${cases[@]}"
}

@test "link show -d: bridge, bridge ports, veth, macvlan, vxlan; text, -o, -j" {
  cases=(
    "$TOPO"'ip -d link show br0; ip -d link show v1; ip -d link show v2'
    "$TOPO"'ip -d -j link | jq -e . >/dev/null && ip -d -j link show br0; ip -d -j -p link show v1'
    "$TOPO"'ip -d link; ip -d -o link show v1; ip -d -br link'
    "$TOPO"'ip link set v1 alias "uplink to br0"; ip -d link show v1; ip link show v1; ip -j link show v1; ip -o link show v1'
    'mkbr br0; ip link add link br0 name mv0 address 02:00:00:00:05:01 type macvlan mode private; ip link add vx0 address 02:00:00:00:07:07 type vxlan id 5 local 10.1.1.1 dev br0 dstport 4789; ip -d link; ip -d -j link | jq -e . >/dev/null && ip -d -j -p link show vx0'
    # a port that is up: its timers run, so they are masked
    'mkbr br0; mkveth v1 v2; ip link set v1 master br0; $R link set br0 up; $R link set v1 up; $R link set v2 up; settle br0 v1 v2; ip -d link show v1 | sed -E "s/timer +[0-9.]+/timer T/g"; ip -d link show br0 | sed -E "s/timer +[0-9.]+/timer T/g"'
  )
  ip_cases "${cases[@]}"
}

@test "link show -s and -s -s: RX/TX blocks, column widths, -j" {
  cases=(
    'mkveth v1 v2; ip -s link show v1; ip -s -s link show v2; ip -s link'
    "$TRAFFIC"'ip -s link show v1; ip -s -s link show v1; ip -n red -s -s link show v2'
    "$TRAFFIC"'ip -s -j link show v1 | jq -e . >/dev/null && ip -s -j link show v1; ip -s -s -j -p link show v1'
    "$TRAFFIC"'ip -s -o link show v1; ip -s -s -o link show v1; ip -s -br link show v1; ip -s -d link show v1'
    'ip -s link show lo; ip -s -s -j link show lo | jq -c ".[0].stats64"'
  )
  ip_cases "${cases[@]}"
}

@test "link show -br, -o, -j for every kind" {
  cases=(
    "$TOPO"'ip -br link; ip -br -j link | jq -e . >/dev/null && ip -br -j link; ip -br -j -p link show br0'
    "$TOPO"'ip -o link; ip -o -j link | jq -e . >/dev/null; ip -j -p link show v3'
    'mkbr br0; ip link add link br0 name mv0 address 02:00:00:00:05:01 type macvlan mode bridge; ip link add vx0 address 02:00:00:00:07:07 type vxlan id 5 remote 10.1.1.2 dstport 4789; ip -br link; ip -o link; ip -j link | jq -e . >/dev/null && ip -j link'
    # UTF-8 names are padded by bytes, as printf's %-16s pads them
    'mkveth "$(printf "caf\xc3\xa9")" "$(printf "\xe4\xb8\xad")"; ip -br link; ip -br addr; ip -br -j link; $R neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev "$(printf "caf\xc3\xa9")"; ip -br neigh; ip -br -j neigh'
  )
  ip_cases "${cases[@]}"
}
