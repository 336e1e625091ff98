#!/usr/bin/env bats
# The RTM_NEWLINK / RTM_DELLINK bytes nsbox sends, against the bytes iproute2
# 6.1 sends for the same command: each command runs under strace in a
# sandbox, the link request is cut out of the sendmsg dump and normalized
# (sequence number and port id zeroed, and NLA_F_NESTED cleared: nsbox marks
# its nests as the kernel prefers, iproute2 does not), then compared along
# with stderr and the exit code. This is how dummy and 802.1Q vlan, which
# the development kernel lacks, are checked: the request must be iproute2's
# and the kernel's refusal must come out the same.
#
# Attributes are in iproute2's order for options written in the order
# address, broadcast, txqueuelen, mtu, netns, master, alias, group (iproute2
# sends them in command-line order; nsbox in that fixed order).

load helpers
load ip_cases
load ip_request

@test "request bytes: req() prints the request nsbox sent, normalized" {
  run nsb "${REQ//REQ_AWK_PATH/$REQ_AWK}"'req ip link add d0 type dummy'
  # header (len, RTM_NEWLINK, flags, seq 0, port 0), ifinfomsg, IFLA_IFNAME "d0",
  # IFLA_LINKINFO { IFLA_INFO_KIND "dummy" } with NLA_F_NESTED cleared
  [ "${lines[0]}" = "Error: Unknown device type." ]
  [ "${lines[1]}" = "rc=2" ]
  [ "${lines[2]}" = 38000000100005060000000000000000000000000000000000000000000000000700030064300000100012000900010064756d6d79000000 ]
}

@test "request bytes: dummy and vlan (refused by this kernel) as iproute2 sends them" {
  req_cases \
    'req ip link add d0 type dummy' \
    'req ip link add d0 address 02:00:00:00:00:01 mtu 1400 type dummy' \
    'req ip link add name d0 txqueuelen 100 mtu 9000 group 4 type dummy' \
    'req ip link add d0 type dummy extra words' \
    'req ip link add link lo name v10 type vlan id 10' \
    'req ip link add link lo name v10 type vlan protocol 802.1ad id 10' \
    'req ip link add link lo name v10 address 02:00:00:00:00:10 type vlan id 4094 reorder_hdr off gvrp on' \
    'req ip link add link lo v11 type vlan protocol 802.1Q id 11 loose_binding on bridge_binding off mvrp on' \
    'req ip link add v12 type vlan id 12'
}

@test "request bytes: bridge, veth, macvlan, vxlan" {
  req_cases \
    'req ip link add br0 type bridge' \
    'req ip link add br0 address 02:00:00:00:00:aa broadcast 02:ff:ff:ff:ff:ff txqueuelen 5 mtu 1400 type bridge' \
    'req ip link add v1 type veth peer name v2' \
    'req ip link add v1 address 02:00:00:00:01:01 mtu 1400 type veth peer name v2 address 02:00:00:00:01:02 mtu 1300 alias other' \
    'mkbr br0; req ip link add v1 type veth peer name v2 master br0' \
    'req ip link add v1 type veth peer' \
    'mkbr br0; req ip link add link br0 name mv0 type macvlan mode bridge' \
    'mkbr br0; req ip link add link br0 name mv0 type macvlan bcqueuelen 10 mode passthru nopromisc' \
    'req ip link add vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789' \
    'req ip link add vx0 type vxlan ttl 5 tos 10 id 42 nolearning dstport 4789' \
    'req ip link add vx0 type vxlan dev lo ttl inherit df set flowlabel 7 ageing 30 maxaddress 9 srcport 100 200 proxy l2miss udp6zerocsumtx id 3 group 239.1.1.1 dstport 0' \
    'req ip link add vx0 type vxlan id 9 remote fd00::2 local fd00::1' \
    'req ip -4 link add vx0 type vxlan id 9 dstport 4789' \
    'req ip link add vx0 type vxlan external gbp dstport 4789'
}

@test "request bytes: set, delete" {
  req_cases \
    'mkveth v1 v2; req ip link set v1 up' \
    'mkveth v1 v2; req ip link set dev v1 down' \
    'mkveth v1 v2; req ip link set v1 address 02:00:00:00:09:09 broadcast 02:ff:ff:ff:ff:ff txqueuelen 9 mtu 1280' \
    'mkveth v1 v2; req ip link set v1 promisc on arp off multicast off allmulticast on dynamic on trailers off' \
    'mkveth v1 v2; req ip link set v1 name w1' \
    'mkveth v1 v2; req ip link set v1 mtu 1400 mode dormant state up' \
    'mkbr br0; mkveth v1 v2; req ip link set v1 master br0; req ip link set v1 nomaster' \
    'mkveth v1 v2; req ip link set v1 alias "an alias" group 7' \
    'mkveth v1 v2; req ip link set mtu 1400 group 0; ip -br link | cut -d" " -f1' \
    'mkveth v1 v2; req ip link del v1; mkveth v1 v2; req ip link delete dev v1 type veth' \
    'mkveth v1 v2; $R link set v1 group 3; req ip link delete group 3' \
    '$R link add vx0 type vxlan id 1 dstport 4789; req ip link set vx0 type vxlan ttl 9; req ip link set vx0 type vxlan learning'
}
