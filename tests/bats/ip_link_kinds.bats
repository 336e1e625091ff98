#!/usr/bin/env bats
# ip link add for each kind (bridge, veth, macvlan, vxlan, dummy, vlan) with
# the generic options at creation, and what ip -d prints for them, against
# iproute2 6.1. The development kernel has no dummy and no 802.1Q vlan:
# there both must pass the kernel's refusal through alike (the request
# bytes are compared in ip_link_request.bats).

load helpers
load ip_cases

@test "link add bridge and veth: generic options at creation, ip -d" {
  cases=(
    'ip link add br0 address 02:00:00:00:00:aa mtu 1400 txqueuelen 50 type bridge; ip -d link show br0'
    'ip link add name br0 address 02:00:00:00:00:aa broadcast 02:ff:ff:ff:ff:ff type bridge; ip link show br0; ip -d -j link show br0'
    'ip link add v1 address 02:00:00:00:01:01 mtu 1400 txqueuelen 10 type veth peer name v2 address 02:00:00:00:01:02 mtu 1300 txqueuelen 20 alias peerside group 3; ip link; ip -d link show v2'
    'mkbr br0; ip link add v1 address 02:00:00:00:01:01 type veth peer name v2 address 02:00:00:00:01:02 master br0; ip link show; ip -d link show v2'
    'ip netns add red; ip link add v1 address 02:00:00:00:01:01 type veth peer name v2 address 02:00:00:00:01:02 netns red mtu 1280; ip -d link show v1; ip -n red -d link show v2'
    'ip netns add blue; ip link add br9 address 02:00:00:00:00:99 netns blue type bridge; ip link show br9; echo $?; ip -n blue link show br9'
    # a PID for netns: a process the sandbox started in a namespace of its own
    'unshare --net sleep 5 & p=$!; sleep 0.3; ip link add br9 address 02:00:00:00:00:99 netns $p type bridge; echo $?; nsenter -t $p -n /usr/sbin/ip -br link show br9; kill $p'
    'ip link add v1 address 02:00:00:00:01:01 type veth peer; ip -br link | cut -d" " -f1; ip link add v3 type veth peer name v4 type veth; echo $?; ip link add v5 type veth peer name v6 name v7; echo $?'
    'ip link add v5 type veth peer name v6 dev v7; echo $?; ip link add v1 type veth peer name v2 link nosuch; echo $?; ip link add v1 type veth peer name v2 group 4 netns; echo $?'
    'ip link add br0 type bridge index 0; echo $?; ip link add br0 index 77 address 02:00:00:00:00:aa type bridge; ip link show br0; ip link set br0 index 78; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link add macvlan: modes, flags, errors; ip -d" {
  cases=(
    'mkbr br0; ip link add link br0 name mv0 address 02:00:00:00:05:01 type macvlan mode bridge; ip link show mv0; ip -d link show mv0; ip -d -j -p link show mv0'
    'mkbr br0; for m in private vepa passthru source; do ip link add link br0 name mv-$m address 02:00:00:00:05:02 type macvlan mode $m; echo $m=$?; ip -d link show mv-$m | sed -n 3p; ip link del mv-$m; done'
    'mkbr br0; ip link add link br0 mv0 address 02:00:00:00:05:01 type macvlan mode vepa bcqueuelen 50 nodst; ip -d link show mv0 | sed -n 3p; ip -d -j link show mv0 | jq -c ".[0].linkinfo"'
    'mkbr br0; ip link add link br0 mv0 address 02:00:00:00:05:01 type macvlan mode passthru nopromisc; echo $?; ip -d link show mv0 | sed -n 3p; ip -br link show mv0'
    'mkbr br0; ip link add link br0 mv1 address 02:00:00:00:05:01 type macvtap mode bridge; echo $?; ip -d link show mv1 | sed -n 3p'
    'mkbr br0; ip link add mv type macvlan; echo $?; ip link add link br0 mv type macvlan mode foo; echo $?; ip link add link br0 mv type macvlan nopromisc; echo $?'
    'mkbr br0; ip link add link br0 mv type macvlan bogus; echo $?; ip link add link br0 mv type macvlan flag zz; echo $?; ip link add link br0 mv type macvlan bcqueuelen -5; echo $?'
    'ip link add link nosuch mv2 type macvlan; echo $?; ip link add mv2 link nosuch type macvlan mode bridge; echo $?; ip link help macvlan; echo $?; ip link help macvtap'
  )
  ip_cases "${cases[@]}"
}

@test "link add vxlan: id, remote, local, group, dev, ports, ttl, tos, learning; ip -d; errors" {
  cases=(
    'ip link add vx0 address 02:00:00:00:07:07 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789; ip link show vx0; ip -d link show vx0; ip -d -j -p link show vx0'
    'ip link add vx0 address 02:00:00:00:07:07 type vxlan id 42 remote 10.0.0.2 dstport 4789 ttl 5 tos 10 nolearning; ip -d link show vx0 | sed -n 3p; ip -d -j link show vx0 | jq -c ".[0].linkinfo"'
    'mkbr br0; ip link add vx0 address 02:00:00:00:07:07 type vxlan id 7 group 239.1.1.1 dev br0 dstport 4789 srcport 1000 2000 ttl inherit tos inherit ageing 0 maxaddress 10 proxy l2miss l3miss noudpcsum; ip -d link show vx0 | sed -n 3p; ip -d -j link show vx0 | jq -c ".[0].linkinfo"'
    'ip link add vx0 address 02:00:00:00:07:07 type vxlan id 9 remote fd00::2 local fd00::1 dstport 4789 ttl auto df set flowlabel 0x1234 learning udp6zerocsumtx udp6zerocsumrx; ip -d link show vx0 | sed -n 3p; ip -d -j link show vx0 | jq -c ".[0].linkinfo"'
    'ip link add vx0 address 02:00:00:00:07:07 type vxlan id 10; echo $?; ip -d link show vx0 | sed -n 3p; ip link add vx1 address 02:00:00:00:07:08 type vxlan external dstport 0; echo $?; ip -d link show vx1 | sed -n 3p'
    'ip -4 link add vx0 address 02:00:00:00:07:07 type vxlan id 10 dstport 4789; ip -d link show vx0 | sed -n 3p; ip -6 link add vx1 address 02:00:00:00:07:08 type vxlan id 11 dstport 4789 gpe; echo $?'
    'ip link add vx type vxlan id 16777216; echo $?; ip link add vx type vxlan; echo $?; ip link add vx type vxlan id x; echo $?; ip link add vx type vxlan id 1 id 2; echo $?'
    'ip link add vx type vxlan id 1 remote 239.1.1.1; echo $?; ip link add vx type vxlan id 1 group 10.1.1.1; echo $?; ip link add vx type vxlan id 1 remote 10.1.1.1 group 239.1.1.1; echo $?; ip link add vx type vxlan id 1 group 239.1.1.1 dstport 4789; echo $?'
    'ip link add vx type vxlan id 1 foo; echo $?; ip link add vx type vxlan id 1 remote zz; echo $?; ip link add vx type vxlan external id 1; echo $?; ip link add vx type vxlan id 1 local 239.0.0.1; echo $?'
    'ip link add vx type vxlan id 1 dstport 4789 dev nosuch; echo $?; ip link add vx type vxlan id 1 dstport 99999; echo $?; ip link add vx type vxlan id 1 ttl 300; echo $?; ip link add vx type vxlan id 1 ttl x; echo $?'
    'ip link add vx type vxlan id 1 df maybe; echo $?; ip link add vx type vxlan id 1 tos zz; echo $?; ip link add vx type vxlan id 1 flowlabel 0x100000; echo $?; ip link add vx type vxlan id 1 srcport 1; echo $?; ip link add vx type vxlan vnifilter; echo $?'
    'ip link add vx type vxlan help; echo $?; ip link help vxlan; echo $?; ip link add vx0 type vxlan id 5 dstport 4789 nolearning learning; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link add dummy and vlan: the kernel's refusal passed through alike; option errors" {
  cases=(
    'ip link add d0 type dummy; echo $?; ip link add d0 address 02:00:00:00:00:01 mtu 1400 type dummy; echo $?; ip link add d0 type dummy extra words; echo $?'
    'ip link add link lo name v10 type vlan id 10; echo $?; ip link add link lo name v10 type vlan protocol 802.1ad id 10 reorder_hdr off gvrp on mvrp off loose_binding on bridge_binding off; echo $?'
    'mkbr br0; ip link add link br0 name br0.5 type vlan proto 802.1Q id 5; echo $?; ip link add br0.6 link br0 type vlan id 6; echo $?; ip link add v10 type vlan id 10; echo $?'
    'ip link add v10 type vlan id 5000; echo $?; ip link add v10 type vlan id x; echo $?; ip link add v10 type vlan protocol foo id 1; echo $?'
    'ip link add v10 type vlan bogus; echo $?; ip link add v10 type vlan gvrp maybe; echo $?; ip link add link nosuch v10 type vlan id 3; echo $?'
    'ip link help dummy; echo $?; ip link help vlan; echo $?; ip link help veth; echo $?; ip link help bridge; echo $?; ip link help nosuchkind; echo $?'
    'ip link add x type foo; echo $?; ip link add x type foo bar; echo $?; ip link add x address 02:00:00:00:00:11 type ifb; echo $?; ip link add x type nlmon; echo $?; ip -br link show x'
    'ip link add x type bridge help; echo $?; ip link add x type vlan help; echo $?; ip link add x type macvlan help; echo $?'
  )
  ip_cases "${cases[@]}"
}
