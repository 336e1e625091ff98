#!/usr/bin/env bats
# The ip half of the namespace lab (issue 2), verbatim, with every show along
# the way, against iproute2 6.1.

load helpers
load ip_cases

# MACs are fixed afterwards (with the reference ip) so that link-local
# addresses, and so every byte of the show output, match between runs.
LAB='
ip netns add red
ip netns add green
ip netns list
ip link add dev br type bridge
$R link set dev br address 02:00:00:00:00:aa
ip link set dev br up
ip link add dev red-eth type veth peer name br-red
ip link add dev green-eth type veth peer name br-green
$R link set red-eth address 02:00:00:00:01:01; $R link set br-red address 02:00:00:00:01:02
$R link set green-eth address 02:00:00:00:02:01; $R link set br-green address 02:00:00:00:02:02
nsdad red; nsdad green
ip link set red-eth netns red
ip link set green-eth netns green
ip link set br-red master br
ip link set br-green master br
ip addr add 10.0.0.1/24 dev br
ip link set br-red up
ip link set br-green up
ip netns exec red ip addr add 10.0.0.2/24 dev red-eth
ip netns exec red ip link set red-eth up
ip netns exec green ip link set green-eth up
ip netns exec green ip addr add 10.0.0.3/24 dev green-eth
ip netns exec red ip route add default via 10.0.0.1
ip netns exec green ip route add default via 10.0.0.1
settle br br-red br-green; ip netns exec red sh -c "sleep 0.3"
'

@test "the lab's ip commands leave the same state and print the same" {
  # The shows change nothing, so they share one lab (building it is most of
  # a case's cost).
  cases=(
    "$LAB"'ip netns list; ip link; ip addr; ip route; ip -6 route
ip netns exec red ip addr; ip netns exec red ip route; ip -n green addr; ip -n green route
ip -j link | jq -e . >/dev/null && ip -j link; ip -j addr | jq -e . >/dev/null && ip -j addr
ip -j route | jq -e . >/dev/null && ip -j route; ip -n red -j -p route; ip -n red -j -p addr show red-eth
ip -br link; ip -br addr; ip -n red -br a; ip -4 a; ip -6 a
ip link show br-red; ip link show dev br; ip a s dev br; ip l; ip r'
    # the lab's wiring works: red reaches green through the bridge
    "$LAB"'ip netns exec red /usr/bin/ping -c1 -W2 10.0.0.3 >/dev/null; echo ping=$?'
    # and it comes apart again
    # (only what is synchronous: a deleted namespace's links go later, on
    # the kernel's own schedule; "ip link del br" would read "br" as
    # "broadcast", as iproute2 does)
    "$LAB"'ip link set br-red nomaster; ip -br link show br-red; ip link del dev br; ip link show dev br; ip netns del red; ip netns del green; ip netns list; ls /run/netns'
  )
  ip_cases "${cases[@]}"
}
