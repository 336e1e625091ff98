# Records stp-lab.pcap: two kernel bridges running 802.1D STP (stp_state 1)
# joined by a veth pair, seen from the root bridge's port: configuration
# BPDUs, the other bridge's topology change notification when its second
# port starts forwarding, and the root's topology change flags.
# Run once, as root: unshare --net --mount bash stp-lab.sh OUT.pcap
set -e
out=$1
mount -t tmpfs none /run
ip link add br0 address 02:00:00:00:00:10 type bridge stp_state 1 priority 4096 hello_time 100 forward_delay 200 max_age 600
ip link add br1 address 02:00:00:00:00:20 type bridge stp_state 1 hello_time 100 forward_delay 200 max_age 600
ip link add a0 address 02:00:00:00:00:11 type veth peer name a1 address 02:00:00:00:00:21
ip link add c1 address 02:00:00:00:00:22 type veth peer name c0 address 02:00:00:00:00:32
ip link set a0 master br0; ip link set a1 master br1; ip link set c1 master br1
ip link set br0 up; ip link set br1 up; ip link set a0 up; ip link set c0 up; ip link set c1 up
tcpdump -i a0 -w "$out" -U stp 2>/dev/null & tp=$!
sleep 1
ip link set a1 up
sleep 7
kill $tp; wait $tp || true
