# Records udp-lab.pcap on a private loopback: util-linux logger sending
# syslog (RFC 3164 and RFC 5424) and busybox tftp asking for a file and
# sending one (no server: the kernel answers port unreachable).
# Run once, as root: unshare --net --mount bash udp-lab.sh OUT.pcap
set -e
ip link set lo up
tcpdump -i lo -w "$1" -U 'udp port 514 or udp port 69 or icmp' 2>/dev/null & tp=$!
sleep 1
logger --udp --rfc3164 -n 127.0.0.1 -P 514 -p local3.warning -t lab "link br-red is up"
logger --udp --rfc5424 -n 127.0.0.1 -P 514 -p daemon.err -t lab "dhcp lease lost"
timeout 2 busybox tftp -g -r pxelinux.0 -b 1024 127.0.0.1 2>/dev/null || true
echo data > /tmp/tftp-lab-$$.txt
timeout 2 busybox tftp -p -l /tmp/tftp-lab-$$.txt -r up.txt 127.0.0.1 2>/dev/null || true
rm -f /tmp/tftp-lab-$$.txt
sleep 0.5
kill $tp; wait $tp || true
