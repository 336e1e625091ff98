#!/usr/bin/env bats
# ip link set (flags, name, mtu, address, broadcast, alias, txqueuelen,
# master, netns, group) and ip link delete (by name, with type, by group),
# against iproute2 6.1: same output, same errors, same state afterwards.

load helpers
load ip_cases

@test "link set: promisc, arp, multicast, allmulticast, dynamic, trailers" {
  cases=(
    'mkveth v1 v2; ip link set v1 promisc on; ip link set v1 arp off; ip link set v1 multicast off; ip link set v1 allmulticast on; ip link show v1; ip -d link show v1 | sed -n 2p'
    'mkveth v1 v2; ip link set v1 promisc on arp off multicast off; ip link set v1 promisc off arp on multicast on allmulticast off; ip link show v1'
    'mkveth v1 v2; ip link set v1 dynamic on trailers off; ip link show v1; ip -j link show v1; ip link set v1 dynamic off trailers on; ip -br link show v1'
    'mkveth v1 v2; ip link set v1 mode dormant; echo $?; ip link show v1; ip link set v1 mode foo; echo $?; ip link set v1 state bogus; echo $?; ip link set v1 mode DEFAULT state dormant; ip link show v1; ip -j link show v1'
    'mkveth v1 v2; ip link set v1 promisc maybe; echo $?; ip link set v1 arp; echo $?; ip link set v1 multicast 1; echo $?; ip link set v1 allmulticast; echo $?; ip link set v1 dynamic x; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link set: name, mtu, address, broadcast, alias, txqueuelen, group" {
  cases=(
    'mkveth v1 v2; ip link set dev v1 name v1new address 02:00:00:00:0a:0a mtu 9000; ip link show v1new; ip link set v1new name v1; ip link change v1 mtu 1500; ip link show v1'
    'mkveth v1 v2; ip link set v1 txqueuelen 42 broadcast 02:ff:ff:ff:ff:ff; ip link show v1; ip link set v1 qlen 7; ip link set v1 txqlen 8; ip link show v1'
    'mkveth v1 v2; ip link set v1 alias "my uplink"; ip link show v1; ip -j link show v1; ip link set v1 alias ""; ip link show v1'
    'mkveth v1 v2; ip link set v1 alias $(printf "%0130d" 0); echo $?; ip link set v1 txqueuelen x; echo $?; ip link set v1 mtu 100; echo $?; ip link set v1 mtu 70000; echo $?'
    'mkveth v1 v2; ip link set v1 group 5; ip link set v2 group 5; ip link show group 5; ip link set group 5 mtu 1400; ip link; ip link set group 5 up; ip -br link | cut -d" " -f1'
    'mkveth v1 v2; ip link set v1 group foo; echo $?; ip link set v1 group 1 group 2; echo $?; ip link set group 9 type veth foo; echo $?; ip link add x group 3 type bridge; echo $?'
    'mkveth v1 v2; ip link set v1 broadcast ff:ff; echo $?; ip link set v1 address 02:00; echo $?; ip link set v1 address 1:2:3:4:5:666; echo $?; ip link set v1 name v2; echo $?; ip link set v1 name "a/b"; echo $?'
    'mkveth v1 v2; ip link set v1 mtu 1400 mtu 1300; echo $?; ip link set v1 name x name y; echo $?; ip link set v1 v2; echo $?; ip link set dev; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link set: master, nomaster, netns NAME and PID, up and down" {
  cases=(
    'mkbr br0; mkbr br1 bb; mkveth v1 v2; ip link set v1 master br0; ip -br link show master br0; ip link set v1 master br1; ip -br link show master br1; ip link set v1 nomaster; ip link show v1'
    'ip netns add red; mkveth v1 v2; ip link set v2 netns red; ip link show v1; ip -n red link show v2; ip -n red link set v2 netns nosuchns; echo $?'
    # a PID inside the sandbox: a process it started in a network namespace of its own
    'unshare --net sleep 5 & p=$!; sleep 0.3; mkveth v1 v2; ip link set v2 netns $p; echo $?; ip link show v1; nsenter -t $p -n /usr/sbin/ip -br link | cut -d" " -f1; kill $p'
    'mkveth v1 v2; ip link set v1 up; ip link set v2 up; waitstate v1 up; waitstate v2 up; ip -br link; ip link set v1 down; waitstate v2 lowerlayerdown; ip -br link'
    'mkveth v1 v2; ip link set v1 netns -1; echo $?; ip link set v1 netns 1x; echo $?; ip link set v1 netns red netns blue; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link delete: by name, dev, with type, by group; errors" {
  cases=(
    'mkveth v1 v2; mkbr br0; ip link delete v1 type veth; echo $?; ip link del br0 type bridge; echo $?; ip link'
    'mkveth v1 v2; mkveth v3 v4 03; ip link set v1 group 9; ip link set v3 group 9; ip link delete group 9; echo $?; ip link'
    'ip link del dev nosuch type veth; echo $?; ip link delete group 5; echo $?; ip link delete group nosuch; echo $?'
    'mkbr br0; ip link del br0 type veth; echo $?; ip -br link show br0 | cut -d" " -f1; ip link del dev br0 extra; echo $?; ip link del br0 type bridge foo; echo $?'
  )
  ip_cases "${cases[@]}"
}

@test "link property add/del altname; the names find the link; errors" {
  L='$(printf "a%.0s" $(seq 130))'
  cases=(
    'mkveth v1 v2; ip link property add dev v1 altname foo; ip link property add dev v1 altname bar altname baz; echo $?; $R link show v1; ip link property del dev v1 altname bar; ip link prop a v1 a five; ip -4 link property add v1 altname four; $R -j link show v1; ip link show foo; ip link set foo up; ip link property del dev foo altname baz; $R -br link show v1'
    'mkveth v1 v2; ip link property add dev v1 altname foo; ip link property add dev v1 altname foo; echo $?; ip link property add dev v1 altname v2; echo $?; ip link property add dev v1; echo $?; ip link property del dev v1 altname nosuch; echo $?; $R link show v1'
    'mkveth v1 v2; for a in "" foo delete "d dev v1 altname x" "add dev nosuch altname x" "add dev v1 altname" "add dev v1 altname ab/c" "add dev v1 foo bar" "add" "add dev" "add v1 help" help "add dev v1 altname '"$L"'"; do ip link property $a; echo $?; done; $R link show v1'
    'mkveth v1 v2; ip link set dev '"$L"' up; echo $?; ip link property add dev '"$L"' altname x; echo $?'
  )
  ip_cases "${cases[@]}"
}
