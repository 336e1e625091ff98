#!/usr/bin/env bats
# Live captures, in a sandbox: h1 - r - h2 through veth pairs, traffic from
# the reference ping and the kernel's own ICMP errors. The reference tcpdump
# and nsbox's capture the same interface at the same time, so both see the
# same packets: their outputs (with -t, as the two sockets stamp packets a few
# microseconds apart) and their files must agree.
#
# Debian's tcpdump drops to the user "tcpdump" after opening the device;
# "-Z root" keeps it root so that it can write into the test directory.

load helpers

# The lab: h1 (10.0.1.2) - r - h2 (10.0.2.2), r-h2 with MTU 1000, and a
# route on r whose gateway is on h1's side (ICMP redirects). No IPv6 (its
# router solicitations and MLD reports would arrive at random moments).
#
# The captures compare what they saw in two windows that close a moment
# apart, so nothing may be sent at a moment the kernel chooses: every
# neighbour on both links is permanent, both ways, on fixed MAC addresses.
# Unpinned, a host re-probes its neighbour (unicast ARP, request and reply)
# about 5 s after it first learned it from a request, and that exchange
# could fall in one window and not the other. The only ARP left is r asking,
# three times one second apart, for the two addresses nobody answers
# (10.0.1.3, the redirect gateway; 10.0.2.99), well inside both windows.
TOPOLOGY='
set -e
for n in h1 r h2; do
  ip netns add $n; ip -n $n link set lo up
  ip netns exec $n /usr/sbin/sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
done
ip link add h1-r netns h1 address 02:00:00:00:01:02 type veth peer name r-h1 netns r address 02:00:00:00:01:01
ip link add h2-r netns h2 address 02:00:00:00:02:02 type veth peer name r-h2 netns r address 02:00:00:00:02:01
ip -n h1 addr add 10.0.1.2/24 dev h1-r; ip -n h1 link set h1-r up
ip -n h2 addr add 10.0.2.2/24 dev h2-r; ip -n h2 link set h2-r up
ip -n r addr add 10.0.1.1/24 dev r-h1; ip -n r addr add 10.0.2.1/24 dev r-h2
ip -n r link set r-h1 up; ip -n r link set r-h2 up; ip -n r link set r-h2 mtu 1000
ip netns exec r /usr/sbin/sysctl -qw net.ipv4.ip_forward=1
ip -n h1 route add default via 10.0.1.1; ip -n h2 route add default via 10.0.2.1
ip -n r route add 10.0.9.0/24 via 10.0.1.3 dev r-h1 onlink
ip -n h1 neigh replace 10.0.1.1 dev h1-r lladdr 02:00:00:00:01:01 nud permanent
ip -n r neigh replace 10.0.1.2 dev r-h1 lladdr 02:00:00:00:01:02 nud permanent
ip -n r neigh replace 10.0.2.2 dev r-h2 lladdr 02:00:00:00:02:02 nud permanent
ip -n h2 neigh replace 10.0.2.1 dev h2-r lladdr 02:00:00:00:02:01 nud permanent
set +e
'

# Echo, TTL expiry, UDP and TCP to closed ports, a DNS query from glibc's
# resolver (to h2, which has no server: a port unreachable answers it),
# need-to-frag, a redirect, host unreachable (after ARP gives up, about 3
# seconds). The resolver's configuration is bind-mounted in the sandbox only.
# The last 1.5 s let both captures read everything before they are stopped:
# libpcap's TPACKET_V3 ring hands a block over when it fills or when its
# 1-second timeout expires, and each capture's timer runs on its own.
TRAFFIC='
ip netns exec h1 /usr/bin/ping -c 2 -i 0.2 10.0.2.2 >/dev/null
ip netns exec h1 /usr/bin/ping -c 1 -t 1 10.0.2.2 >/dev/null
ip netns exec h1 bash -c "echo hello >/dev/udp/10.0.2.2/33434"
printf "nameserver 10.0.2.2\noptions timeout:1 attempts:1\n" >lab-resolv.conf
mount --bind lab-resolv.conf /etc/resolv.conf
ip netns exec h1 getent ahostsv4 lab.test >/dev/null
ip netns exec h1 bash -c "exec 3<>/dev/tcp/10.0.2.2/8888" 2>/dev/null
ip netns exec h1 /usr/bin/ping -c 1 -M do -s 1200 10.0.2.2 >/dev/null
ip netns exec h1 /usr/bin/ping -c 1 -W 1 10.0.9.9 >/dev/null
ip netns exec h1 /usr/bin/ping -c 1 -W 4 10.0.2.99 >/dev/null
sleep 1.5
'

# Waits (bounded) until FILE contains "listening on".
WAIT_LISTENING='
wait_listening() { for _ in $(seq 100); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
'

setup() {
  export TD="$BATS_TEST_TMPDIR"
  SANDBOX_TIMEOUT=90
}

# both_capture ARGS: in a sandbox with the lab, runs the reference tcpdump and
# nsbox's in r with ARGS (output to $TD/{ref,nsb}.{out,err}, exit codes to
# $TD/{ref,nsb}.rc), runs the traffic, then interrupts both with SIGNAL
# (default INT) unless ARGS make them stop by themselves.
both_capture() {
  local args=$1 signal=${2:-INT}
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    ip netns exec r /usr/bin/tcpdump $args >ref.out 2>ref.err & ref=\$!
    ip netns exec r \"\$NSBOX\" tcpdump $args >nsb.out 2>nsb.err & nsb=\$!
    wait_listening ref.err && wait_listening nsb.err || { echo 'not listening'; exit 1; }
    $TRAFFIC
    [ $signal = NONE ] || kill -$signal \$ref \$nsb
    wait \$ref; echo \$? >ref.rc
    wait \$nsb; echo \$? >nsb.rc"
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

# same_summary: ref.err and nsb.err agree line for line, but for the count of
# packets received by filter: the two tools get their signal a moment apart,
# and a packet the kernel queues in between (a neighbour probe, say) is
# counted by one of them only. The packets they capture and print must agree.
same_summary() {
  sed -E 's/^[0-9]+ (packets received by filter)$/N \1/' "$TD/ref.err" >"$TD/ref.err.n"
  sed -E 's/^[0-9]+ (packets received by filter)$/N \1/' "$TD/nsb.err" >"$TD/nsb.err.n"
  same_files "$TD/ref.err.n" "$TD/nsb.err.n"
}

# same_files A B: A and B have the same bytes; shows the difference if not.
same_files() {
  cmp -s "$1" "$2" && return 0
  echo "--- $1 and $2 differ:"; diff "$1" "$2" | head -30; return 1
}

@test "-w: both tools capture the same packets; each reads both files as the other does" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    ip netns exec r /usr/bin/tcpdump -Z root -i r-h1 -w ref.pcap 2>ref.err & ref=\$!
    ip netns exec r \"\$NSBOX\" tcpdump -i r-h1 -w nsb.pcap 2>nsb.err & nsb=\$!
    wait_listening ref.err && wait_listening nsb.err || exit 1
    $TRAFFIC
    kill -INT \$ref \$nsb; wait \$ref; echo \$? >ref.rc; wait \$nsb; echo \$? >nsb.rc"
  [ "$status" -eq 0 ]
  [ "$(cat "$TD/ref.rc")" = 0 ]
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  # Banner and summary: the same lines (the same count of packets captured).
  same_summary
  grep -q '^tcpdump: listening on r-h1, link-type EN10MB (Ethernet), snapshot length 262144 bytes$' "$TD/nsb.err"
  grep -Eq '^[0-9]+ packets captured$' "$TD/nsb.err"
  grep -Eq '^[0-9]+ packets received by filter$' "$TD/nsb.err"
  # The files hold the same packets: both print alike without timestamps.
  for tool in /usr/bin/tcpdump "$NSBOX tcpdump"; do
    TZ=GMT $tool -t -n -v -r "$TD/ref.pcap" >"$TD/a.txt" 2>&1
    TZ=GMT $tool -t -n -v -r "$TD/nsb.pcap" >"$TD/b.txt" 2>&1
    sed -i 's/ref.pcap/F/' "$TD/a.txt"; sed -i 's/nsb.pcap/F/' "$TD/b.txt"
    same_files "$TD/a.txt" "$TD/b.txt"
  done
  # Each file printed by both tools, with timestamps and the link layer.
  for f in ref nsb; do
    for o in '-n' '-n -e -v' '-# -n -tttt' '-n -x'; do
      # shellcheck disable=SC2086
      TZ=GMT /usr/bin/tcpdump $o -r "$TD/$f.pcap" >"$TD/r.txt" 2>&1
      # shellcheck disable=SC2086
      TZ=GMT "$NSBOX" tcpdump $o -r "$TD/$f.pcap" >"$TD/n.txt" 2>&1
      same_files "$TD/r.txt" "$TD/n.txt"
    done
  done
  # The kernel's ICMP errors are all there.
  grep -q 'ICMP time exceeded in-transit' "$TD/n.txt"
  TZ=GMT "$NSBOX" tcpdump -n -r "$TD/nsb.pcap" >"$TD/n.txt" 2>/dev/null
  grep -q 'ICMP 10.0.2.2 udp port 33434 unreachable, length' "$TD/n.txt"
  grep -Eq '^[0-9:.]+ IP 10.0.1.2.[0-9]+ > 10.0.2.2.53: [0-9]+\+ A\? lab.test. \(26\)$' "$TD/n.txt"
  grep -q 'ICMP 10.0.2.2 unreachable - need to frag (mtu 1000)' "$TD/n.txt"
  grep -q 'ICMP redirect 10.0.9.9 to host 10.0.1.3' "$TD/n.txt"
  # (r rate-limits its ICMP errors to h1: one of the two may be missing)
  grep -Eq 'ICMP host 10.0.(9.9|2.99) unreachable' "$TD/n.txt"
  grep -q 'ARP, Request who-has 10.0.1.3 tell 10.0.1.1, length 28' "$TD/n.txt"
}

@test "SIGUSR2 flushes the -w file and SIGUSR1 prints the counts; the capture goes on" {
  # Four ICMP packets pass r-h1; neither tool has written them to its file
  # (stdio holds them) until SIGUSR2, after which both files hold the four
  # (a block of TPACKET_V3 reaches the tool within its 1 s timeout, and
  # nsbox flushes at its loop's next turn); SIGUSR1 prints the one-line
  # counts; then SIGINT ends both as usual.
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    ip netns exec r /usr/bin/tcpdump -Z root -i r-h1 -w ref.pcap icmp 2>ref.err & ref=\$!
    ip netns exec r \"\$NSBOX\" tcpdump -i r-h1 -w nsb.pcap icmp 2>nsb.err & nsb=\$!
    wait_listening ref.err && wait_listening nsb.err || exit 1
    ip netns exec h1 /usr/bin/ping -c 2 -i 0.2 10.0.2.2 >/dev/null
    sleep 1.5
    packets() { /usr/bin/tcpdump -n -r \$1 2>/dev/null | wc -l; }
    echo before \$(packets ref.pcap) \$(packets nsb.pcap)
    kill -USR2 \$ref \$nsb; sleep 1.5
    echo after \$(packets ref.pcap) \$(packets nsb.pcap)
    kill -0 \$ref && kill -0 \$nsb && echo alive
    kill -USR1 \$ref \$nsb; sleep 1.5
    kill -0 \$ref && kill -0 \$nsb && echo alive
    kill -INT \$ref \$nsb; wait \$ref; echo \$? >ref.rc; wait \$nsb; echo \$? >nsb.rc"
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'before 0 0\nafter 4 4\nalive\nalive')" ] || { echo "$output"; false; }
  [ "$(cat "$TD/ref.rc")" = 0 ]
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  # The SIGUSR1 line and the summary, as the reference prints them.
  same_summary
  grep -Eq '^tcpdump: 4 packets captured, [0-9]+ packets received by filter, 0 packets dropped by kernel$' "$TD/nsb.err"
}

@test "printing live: the same lines as the reference, the banner, SIGINT's extra newline and the summary" {
  both_capture '-i r-h1 -n -t "not ip6"'
  [ "$(cat "$TD/ref.rc")" = 0 ]
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  same_files "$TD/ref.out" "$TD/nsb.out"
  same_summary
  head -2 "$TD/nsb.err" | diff - <(printf '%s\n' \
    'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode' \
    'listening on r-h1, link-type EN10MB (Ethernet), snapshot length 262144 bytes')
  # SIGINT may land mid-line: tcpdump ends what it printed with a newline.
  [ "$(tail -c 2 "$TD/nsb.out" | od -An -c | tr -d ' ')" = '\n\n' ]
  tail -3 "$TD/nsb.err" | grep -Eq '^[0-9]+ packets dropped by kernel$'
}

@test "SIGTERM ends a capture like SIGINT" {
  both_capture '-i r-h1 -n -t -v icmp' TERM
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  same_files "$TD/ref.out" "$TD/nsb.out"
  same_summary
  grep -q 'listening on r-h1' "$TD/nsb.err"
  grep -q 'ICMP echo request' "$TD/nsb.out"
}

@test "-c N: both stop after the same N packets, with the summary" {
  both_capture '-i r-h1 -n -t -c 3 icmp' NONE
  [ "$(cat "$TD/ref.rc")" = 0 ]
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  [ "$(wc -l <"$TD/nsb.out")" = 3 ]
  same_files "$TD/ref.out" "$TD/nsb.out"
  same_summary
  grep -qx '3 packets captured' "$TD/nsb.err"
}

@test "filters live: icmp, arp, host, udp" {
  for f in icmp arp 'host 10.0.2.99' 'udp or tcp' 'icmp[icmptype] == icmp-unreach'; do
    both_capture "-i r-h1 -n -t -e '$f'"
    same_files "$TD/ref.out" "$TD/nsb.out"
    same_summary
    [ -s "$TD/nsb.out" ]
  done
}

@test "-p (no promiscuous mode), -s, -q and -v live" {
  both_capture '-i r-h2 -p -s 96 -n -t -q -v "not ip6"'
  same_files "$TD/ref.out" "$TD/nsb.out"
  same_summary
  grep -q 'snapshot length 96 bytes' "$TD/nsb.err"
  # The only ARP on r-h2 is r's own request for 10.0.2.99 (no neighbour
  # re-probe: the lab pins them all).
  grep -q 'Request who-has 10.0.2.99 tell 10.0.2.1, length 28' "$TD/nsb.out" || { cat "$TD/nsb.out"; false; }
  [ -z "$(grep ARP "$TD/nsb.out" | grep -v 'Request who-has 10.0.2.99 tell 10.0.2.1, length 28$')" ]
}

@test "-i any: Linux cooked captures print the interface and direction" {
  both_capture '-i any -n -t icmp'
  same_files "$TD/ref.out" "$TD/nsb.out"
  same_summary
  grep -q 'LINUX_SLL2' "$TD/nsb.err"
  grep -Eq '^r-h1 +In  IP 10.0.1.2 > 10.0.2.2: ICMP echo request' "$TD/nsb.out"
}

@test "no user account needed: with an empty /etc/passwd nsbox captures, the reference cannot" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'; : >passwd; mount --bind passwd /etc/passwd
    ip netns exec r /usr/bin/tcpdump -i r-h1 -n -c 1 icmp >ref.out 2>ref.err; echo \$? >ref.rc
    ip netns exec r \"\$NSBOX\" tcpdump -i r-h1 -n -t -c 1 icmp >nsb.out 2>nsb.err & nsb=\$!
    wait_listening nsb.err || exit 1
    ip netns exec h1 /usr/bin/ping -c 1 10.0.2.2 >/dev/null
    wait \$nsb; echo \$? >nsb.rc"
  [ "$status" -eq 0 ]
  # Debian's tcpdump wants its "tcpdump" user.
  [ "$(cat "$TD/ref.rc")" = 1 ]
  grep -q "Couldn't find user 'tcpdump'" "$TD/ref.err"
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  grep -q 'IP 10.0.1.2 > 10.0.2.2: ICMP echo request' "$TD/nsb.out"
}

@test "-Z USER live: nsbox switches to USER after opening the device" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'; chmod 777 .
    ip netns exec r \"\$NSBOX\" tcpdump -Z nobody -i r-h1 -c 2 -w z.pcap icmp 2>nsb.err & nsb=\$!
    wait_listening nsb.err || exit 1
    ip netns exec h1 /usr/bin/ping -c 1 10.0.2.2 >/dev/null
    wait \$nsb; echo \$?; stat -c %U z.pcap"
  [ "$status" -eq 0 ]
  [ "${lines[-2]}" = 0 ]
  [ "${lines[-1]}" = nobody ]
}

@test "without CAP_NET_RAW: tcpdump's permission error, exit 1, and nsbox names the capability" {
  compare 'setpriv --inh-caps=-all --bounding-set=-net_raw tcpdump -i lo -c 1 icmp'
  [ "$ref_rc" = 1 ]
  [ "$nsb_rc" = 1 ]
  same_bytes "$ref_out_file" "$nsb_out_file" stdout
  # The reference's two lines, then the missing capability.
  { cat "$ref_err_file"; echo "(capturing needs the CAP_NET_RAW capability)"; } >"$TD/want.err"
  same_bytes "$TD/want.err" "$nsb_err_file" stderr
}
