# Records igmp-lab.pcap: a Linux bridge as IGMPv3 querier and a host that joins
# and leaves groups as IGMPv2 and IGMPv3 (with a source). Run once, as root:
#   unshare --net --mount bash igmp-lab.sh OUT.pcap
set -e
ip link add br0 type bridge mcast_querier 1 mcast_igmp_version 3 mcast_query_interval 100 mcast_startup_query_interval 100
ip link add v1 type veth peer name v1p
ip link set v1p master br0
ip addr add 192.168.77.1/24 dev br0
ip link set lo up; ip link set v1p up; ip link set br0 up
ip addr add 192.168.77.2/24 dev v1
ip link set v1 up
tcpdump -i v1 -w "$1" -U 'igmp' 2>/dev/null & tp=$!
sleep 1.5
echo 2 > /proc/sys/net/ipv4/conf/v1/force_igmp_version
timeout 3 python3 -c '
import socket,struct,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
m=struct.pack("4s4s",socket.inet_aton("239.1.2.3"),socket.inet_aton("192.168.77.2"))
s.setsockopt(socket.IPPROTO_IP,socket.IP_ADD_MEMBERSHIP,m); time.sleep(0.5)
s.setsockopt(socket.IPPROTO_IP,socket.IP_DROP_MEMBERSHIP,m); time.sleep(0.3)
' || true
echo 3 > /proc/sys/net/ipv4/conf/v1/force_igmp_version
timeout 4 python3 -c '
import socket,struct,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
m=struct.pack("4s4s4s",socket.inet_aton("239.5.6.7"),socket.inet_aton("192.168.77.2"),socket.inet_aton("192.168.77.9"))
s.setsockopt(socket.IPPROTO_IP,39,m); time.sleep(0.5)
s.setsockopt(socket.IPPROTO_IP,40,m); time.sleep(0.5)
' || true
sleep 1
kill $tp; wait $tp || true
