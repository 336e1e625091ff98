#!/usr/bin/env bats
# The two-host lab: two namespaces as hosts, each with its own bridge, joined
# by a vxlan over a veth "wire"; a namespace behind each bridge pings the
# other across. Built with the ip under test (nsbox, then iproute2 6.1), and
# every show along the way compared.

load helpers
load ip_cases

# hosta and hostb are the hosts; the wire is wa (in hosta) -- wb (in hostb),
# 192.168.100.0/24; each host has a bridge (sw: "br" would read as
# "broadcast", as in iproute2) with its vxlan (vx, VNI 100)
# and a veth to a client namespace (ca, cb) on the overlay 10.10.0.0/24.
LAB='
ip netns add hosta; ip netns add hostb; ip netns add ca; ip netns add cb
for n in hosta hostb ca cb; do nsdad $n; done
ip link add wa address 02:00:00:00:0a:01 netns hosta type veth peer name wb address 02:00:00:00:0b:01 netns hostb
ip -n hosta addr add 192.168.100.1/24 dev wa; ip -n hosta link set wa up
ip -n hostb addr add 192.168.100.2/24 dev wb; ip -n hostb link set wb up
ip -n hosta link add sw address 02:00:00:00:0a:aa type bridge
ip -n hostb link add sw address 02:00:00:00:0b:aa type bridge
ip -n hosta link add vx address 02:00:00:00:0a:0e type vxlan id 100 local 192.168.100.1 remote 192.168.100.2 dstport 4789 dev wa
ip -n hostb link add vx address 02:00:00:00:0b:0e type vxlan id 100 local 192.168.100.2 remote 192.168.100.1 dstport 4789 dev wb
ip -n hosta link set vx master sw; ip -n hostb link set vx master sw
ip -n hosta link add pa address 02:00:00:00:0a:02 type veth peer name eth0 address 02:00:00:00:0c:01 netns ca
ip -n hostb link add pb address 02:00:00:00:0b:02 type veth peer name eth0 address 02:00:00:00:0d:01 netns cb
ip -n hosta link set pa master sw; ip -n hostb link set pb master sw
for l in sw vx pa; do ip -n hosta link set $l up; done
for l in sw vx pb; do ip -n hostb link set $l up; done
ip -n ca addr add 10.10.0.1/24 dev eth0; ip -n ca link set eth0 up
ip -n cb addr add 10.10.0.2/24 dev eth0; ip -n cb link set eth0 up
sleep 0.3
'
# Bridge and port timers run once a bridge is up.
MASK='sed -E "s/timer +[0-9.]+/timer T/g; s/\"([a-z_]+_timer)\": ?[0-9.]+/\"\1\":T/g"'

@test "two-host lab: vxlan over a veth wire between two bridges pings across" {
  cases=(
    "$LAB"'ip netns exec ca /usr/bin/ping -c2 -i0.2 -W2 10.10.0.2 >/dev/null; echo ping=$?; ip netns exec cb /usr/bin/ping -c1 -W2 10.10.0.1 >/dev/null; echo ping=$?'
    "$LAB"'ip -n hosta -d link show vx | '"$MASK"'; ip -n hostb -d link show vx | '"$MASK"
    "$LAB"'ip -n hosta -d -j link show vx | jq -e . >/dev/null && ip -n hosta -d -j -p link show vx | '"$MASK"
    "$LAB"'ip -n hosta link; ip -n hostb -br link; ip -n ca link; ip -n hosta link show master sw; ip -n hosta -br link show type vxlan'
    "$LAB"'ip -n hosta -d link show sw | '"$MASK"'; ip -n hosta -d link show pa | '"$MASK"'; ip -n hosta -d -j link show vx | '"$MASK"
  )
  ip_cases "${cases[@]}"
  # and the lab works: both clients reach each other over the vxlan
  run nsb "$IP_PRELUDE$LAB"'ip netns exec ca /usr/bin/ping -c2 -i0.2 -W2 10.10.0.2 >/dev/null; echo ping=$?; ip netns exec cb /usr/bin/ping -c1 -W2 10.10.0.1 >/dev/null; echo ping=$?'
  [ "$output" = $'ping=0\nping=0' ]
}
