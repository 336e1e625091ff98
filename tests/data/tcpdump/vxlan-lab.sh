# Records vxlan-lab.pcap: two namespaces joined by a VXLAN (VNI 42, port
# 4789) over a veth pair; a ping and an ARP across the overlay, seen on the
# underlay. With "default" after the file it records vxlan-default-lab.pcap
# instead: the VXLAN created without dstport, so on the kernel's default UDP
# port 8472, which tcpdump 4.99.3 decodes as OTV. Run once, as root:
#   unshare --net --mount bash vxlan-lab.sh OUT.pcap [default]
set -e
out=$1
dst=(dstport 4789) port=4789
if [ "${2:-}" = default ]; then dst=() port=8472; fi
mount -t tmpfs none /run
ip netns add a; ip netns add b
ip link add ua netns a type veth peer name ub netns b
ip -n a addr add 192.168.50.1/24 dev ua; ip -n b addr add 192.168.50.2/24 dev ub
ip -n a link set ua up; ip -n b link set ub up
ip -n a link add vx0 type vxlan id 42 remote 192.168.50.2 local 192.168.50.1 "${dst[@]}" dev ua 2>/dev/null
ip -n b link add vx0 type vxlan id 42 remote 192.168.50.1 local 192.168.50.2 "${dst[@]}" dev ub 2>/dev/null
ip -n a link set vx0 address 02:00:00:00:aa:01; ip -n b link set vx0 address 02:00:00:00:bb:01
ip -n a addr add 10.42.0.1/24 dev vx0; ip -n b addr add 10.42.0.2/24 dev vx0
ip -n a link set vx0 up; ip -n b link set vx0 up
ip netns exec a tcpdump -i ua -w "$out" -U "udp port $port" 2>/dev/null & tp=$!
sleep 1
ip netns exec a ping -c 2 -i 0.3 -W 1 10.42.0.2 >/dev/null
sleep 0.5
kill $tp; wait $tp || true
