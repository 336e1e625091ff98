#!/usr/bin/env bats
# ip link add/set ... type bridge OPTS and ip link set DEV type bridge_slave
# OPTS against iproute2 6.1: the request bytes (under strace, normalized as
# in ip_link_request.bats), the errors for bad values, and the kernel state
# afterwards as the reference ip -d prints it ($R is the reference ip).

load helpers
load ip_cases
load ip_request

# The bridge's settings as the reference prints them (timers vary).
BRSTATE='brstate() { $R -d link show "$1" | sed -n 3p | grep -o "forward_delay .* vlan_filtering [0-9]*\|vlan_protocol [^ ]*\|vlan_default_pvid [0-9]*\|group_fwd_mask .* nf_call_arptables [0-9]*"; }
'
state_cases() {
  local out=() s
  for s in "$@"; do out+=("$BRSTATE$s"); done
  ip_cases "${out[@]}"
}

@test "bridge options: request bytes" {
  req_cases \
    'req ip link add br0 type bridge stp_state 1 forward_delay 400 hello_time 300 max_age 2500 ageing_time 6000' \
    'req ip link add br0 type bridge priority 0x1000 vlan_filtering 1 vlan_default_pvid 7 mcast_snooping 0 nf_call_iptables 1' \
    'req ip link add br0 type bridge vlan_protocol 802.1ad group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e mcast_querier 1' \
    'req ip link add br0 type bridge mcast_router 2 mcast_query_use_ifaddr 1 mcast_hash_elasticity 4 mcast_hash_max 1024 mcast_last_member_count 3 mcast_startup_query_count 3' \
    'req ip link add br0 type bridge mcast_last_member_interval 200 mcast_membership_interval 30000 mcast_querier_interval 25500 mcast_query_interval 12000 mcast_query_response_interval 1000 mcast_startup_query_interval 3000' \
    'req ip link add br0 type bridge mcast_stats_enabled 1 mcast_igmp_version 3 mcast_mld_version 2 nf_call_ip6tables 1 nf_call_arptables 1 vlan_stats_enabled 1 vlan_stats_per_port 1' \
    'req ip link add br0 type bridge no_linklocal_learn 1 vlan_filtering 1 mcast_vlan_snooping 1 no_linklocal_learn 0 stp_state 0' \
    'mkbr br0; req ip link set br0 type bridge stp_state 1 fdb_flush priority 9; req ip link set dev br0 type bridge ageing_time 100 ageing_time 200' \
    'req ip link add br0 type bridge st 1 f 500 h 200 m 2000 a 100 p 5 vlan_f 1 vlan_stats 1 mcast_s 1 mcast_quer 1 nf_call_ip 1 g 3 mcast_q 1' \
    'req ip link add br0 type bridge mcast_l 2 mcast_st 3 mcast_m 9 mcast_h 4 n 1 v 1 vlan_d 3 mcast_i 2 mcast_r 1 mcast_ 1 vlan_p 802.1Q fd'
}

@test "bridge options: bad values and words" {
  ip_cases \
    'ip link add br0 type bridge stp_state x; echo $?; ip link add br0 type bridge forward_delay; echo $?; ip link add br0 type bridge priority 65536; echo $?' \
    'ip link add br0 type bridge vlan_filtering 256; echo $?; ip link add br0 type bridge vlan_protocol foo; echo $?; ip link add br0 type bridge group_address zz; echo $?' \
    'ip link add br0 type bridge mcast_query_interval -1; echo $?; ip link add br0 type bridge hello_time 4294967296; echo $?; ip link add br0 type bridge mcast_vlan_snooping x; echo $?' \
    'ip link add br0 type bridge mst_enabled 1; echo $?; ip link add br0 type bridge bogus; echo $?; ip link add br0 type bridge help; echo $?; ip link show br0; echo $?' \
    'ip link add br0 type bridge max_age 1; echo $?; ip link add br0 type bridge mcast_vlan_snooping 1; echo $?; ip link add br0 type bridge vlan_protocol ip; echo $?; ip -br link | cut -d" " -f1' \
    'ip link add br0 type bridge mcast_vlan_snoop 1; echo $?; ip link add br0 type bridge no_linklocal 1; echo $?; ip link add br0 type bridge vlan_filtering 1 mcast_vlan_snooping; echo $?'
}

@test "bridge options: kernel state afterwards" {
  # brstate finds the settings (the differential cases below cannot pass
  # on two empty outputs).
  run nsb "$IP_PRELUDE$BRSTATE"'ip link add br0 type bridge stp_state 1 priority 4096 mcast_hash_max 1024; brstate br0'
  [[ $output == *"stp_state 1 priority 4096 vlan_filtering 0"*"mcast_hash_max 1024 "*"nf_call_arptables 0"* ]]
  state_cases \
    'ip link add br0 type bridge stp_state 1 forward_delay 400 hello_time 300 max_age 2500 ageing_time 6000 priority 4096; brstate br0' \
    'ip link add br0 type bridge vlan_filtering 1 vlan_default_pvid 7 vlan_protocol 802.1ad mcast_snooping 0 nf_call_iptables 1 nf_call_ip6tables 1; brstate br0' \
    'mkbr br0; ip link set br0 type bridge group_fwd_mask 0x4000 mcast_querier 1 mcast_router 2 mcast_hash_max 1024 mcast_igmp_version 3 mcast_mld_version 2; brstate br0' \
    'mkbr br0; ip link set br0 type bridge vlan_filtering 1 mcast_vlan_snooping 1 no_linklocal_learn 1; echo $?; $R -d -j link show br0 | jq -c ".[0].linkinfo.info_data | {vlan_filtering, mcast_vlan_snooping, no_linklocal_learn}"'
}

@test "bridge_slave options: request bytes" {
  req_cases \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; req ip link set v1 type bridge_slave cost 5 priority 9 state 3 learning off flood off hairpin on isolated on' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; req ip link set v1 type bridge_slave guard on root_block on fastleave on mcast_flood off bcast_flood off mcast_to_unicast on' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; req ip link set v1 type bridge_slave proxy_arp on proxy_arp_wifi on mcast_router 2 mcast_fast_leave off neigh_suppress on group_fwd_mask 0x4000 vlan_tunnel off locked on' \
    'mkbr br0; mkveth v1 v2; mkveth v3 v4 03; $R link set v1 master br0; $R link set v3 master br0; req ip link set v1 type bridge_slave backup_port v3; req ip link set v1 type bridge_slave nobackup_port fdb_flush' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; req ip link set v1 type bridge_slave c 7 p 3 s 1 l on f off fa on proxy_arp off mcast_f on' \
    'mkveth v1 v2; req ip link set v1 type bridge_slave cost 5; req ip link set v1 type bridge_slave'
}

@test "bridge_slave options: bad values, words and kernel state" {
  run nsb "$IP_PRELUDE"'mkbr br0; mkveth v1 v2; $R link set v1 master br0; ip link set v1 type bridge_slave cost 5 hairpin on; $R -d link show v1 | sed -n 4p'
  [[ $output == *"bridge_slave state "*" cost 5 hairpin on "* ]]
  ip_cases \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; ip link set v1 type bridge_slave hairpin x; echo $?; ip link set v1 type bridge_slave cost x; echo $?; ip link set v1 type bridge_slave state 256; echo $?' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; ip link set v1 type bridge_slave priority -1; echo $?; ip link set v1 type bridge_slave mcast_router x; echo $?; ip link set v1 type bridge_slave group_fwd_mask 0x10000; echo $?' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; ip link set v1 type bridge_slave bogus; echo $?; ip link set v1 type bridge_slave mab on; echo $?; ip link set v1 type bridge_slave help; echo $?; ip link set v1 type bridge_slave cost; echo $?' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; ip link set v1 type bridge_slave backup_port nosuch; echo $?; ip link set v1 type bridge_slave state 9; echo $?; ip link set v1 type bridge_slave priority 64; echo $?' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; $R link set br0 up; ip link set v1 type bridge_slave cost 5 priority 9 state 0 learning off flood off hairpin on isolated on guard on; echo $?; $R -d link show v1 | sed -n 4p | grep -o "bridge_slave state [a-z]* priority [0-9]* cost [0-9]* hairpin [a-z]* guard [a-z]* root_block [a-z]* fastleave [a-z]* learning [a-z]* flood [a-z]*\|isolated [a-z]*"' \
    'mkbr br0; mkveth v1 v2; $R link set v1 master br0; ip link set v1 type bridge_slave cost 5 priority 9 learning off flood off hairpin on isolated on guard on; $R -d link show v1 | sed -n 4p | grep -o "bridge_slave state [a-z]* priority [0-9]* cost [0-9]* hairpin [a-z]* guard [a-z]* root_block [a-z]* fastleave [a-z]* learning [a-z]* flood [a-z]*\|isolated [a-z]*"' \
    'mkbr br0; mkveth v1 v2; mkveth v3 v4 03; $R link set v1 master br0; $R link set v3 master br0; ip link set v1 type bridge_slave mcast_flood off bcast_flood off proxy_arp on neigh_suppress on group_fwd_mask 0x4000 locked on backup_port v3; echo $?; $R -d -j link show v1 | jq -c ".[0].linkinfo.info_slave_data | with_entries(select(.key | test(\"timer\") | not))"' \
    'ip link help bridge_slave; echo $?; ip link help bridge; echo $?'
}
