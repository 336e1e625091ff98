#!/usr/bin/env bats
# tcpdump --netns: one capture across network namespaces. There is no
# reference for --netns itself: each namespace's part of nsbox's capture is
# compared with what the reference tcpdump prints when it runs alone in that
# namespace on the same traffic (started at the same time, with the same
# filter and -t), and the merged lines are checked against exact expected
# lines (the ICMP id, which ping draws at random, replaced by ID).

load helpers

# The tutorial lab (scripts/lab.sh) with the reference tools: red behind the
# bridge br, ens33 out to the namespace "internet" (198.51.100.8), and the
# MASQUERADE rule. No IPv6 anywhere (router solicitations and MLD reports
# would come at random moments); ARP is filtered out of every capture.
TOPOLOGY='
set -e
for n in internet red; do
  ip netns add $n; ip -n $n link set lo up
  ip netns exec $n sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
done
sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
ip link add dev ens33 type veth peer name isp0
ip link set isp0 netns internet
ip addr add 203.0.113.2/24 dev ens33; ip link set ens33 up
ip -n internet addr add 203.0.113.1/24 dev isp0
ip -n internet addr add 198.51.100.8/32 dev lo
ip -n internet link set isp0 up
ip route add default via 203.0.113.1
sysctl -qw net.ipv4.ip_forward=1
ip link add dev br type bridge; ip link set dev br up
ip link add dev red-eth type veth peer name br-red
ip link set red-eth netns red
ip link set br-red master br
ip addr add 10.0.0.1/24 dev br
ip link set br-red up
ip -n red addr add 10.0.0.2/24 dev red-eth
ip -n red link set red-eth up
ip -n red route add default via 10.0.0.1
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE
# Every neighbour known before the captures start (a bridge port takes a
# moment to forward: bounded retries).
ok=0
for _ in $(seq 30); do ip netns exec red ping -c 1 -W 1 198.51.100.8 >/dev/null && { ok=1; break; }; sleep 0.2; done
[ $ok = 1 ]
set +e
'

# wait_listening FILE [N]: waits (bounded) until FILE has N "listening on" lines.
# (FILE may not be there yet: the capture'"'"'s redirection runs in the child.)
WAIT_LISTENING='
wait_listening() { local n; for _ in $(seq 100); do n=$(grep -c "listening on" "$1" 2>/dev/null); [ "${n:-0}" -ge "${2:-1}" ] && return 0; sleep 0.1; done; return 1; }
'

setup() {
  export TD="$BATS_TEST_TMPDIR"
  SANDBOX_TIMEOUT=60
}

# same_files A B: A and B have the same bytes; shows the difference if not.
same_files() {
  cmp -s "$1" "$2" && return 0
  echo "--- $1 and $2 differ:"; diff "$1" "$2" | head -30; return 1
}

# the ping from red to 198.51.100.8, through every interface on the way, in order
EXPECTED_PATH='red red-eth Out IP 10.0.0.2 > 198.51.100.8: ICMP echo request, id ID, seq 1, length 64
. br-red In  IP 10.0.0.2 > 198.51.100.8: ICMP echo request, id ID, seq 1, length 64
. br    In  IP 10.0.0.2 > 198.51.100.8: ICMP echo request, id ID, seq 1, length 64
. ens33 Out IP 203.0.113.2 > 198.51.100.8: ICMP echo request, id ID, seq 1, length 64
internet isp0  In  IP 203.0.113.2 > 198.51.100.8: ICMP echo request, id ID, seq 1, length 64
internet isp0  Out IP 198.51.100.8 > 203.0.113.2: ICMP echo reply, id ID, seq 1, length 64
. ens33 In  IP 198.51.100.8 > 203.0.113.2: ICMP echo reply, id ID, seq 1, length 64
. br    Out IP 198.51.100.8 > 10.0.0.2: ICMP echo reply, id ID, seq 1, length 64
. br-red Out IP 198.51.100.8 > 10.0.0.2: ICMP echo reply, id ID, seq 1, length 64
red red-eth In  IP 198.51.100.8 > 10.0.0.2: ICMP echo reply, id ID, seq 1, length 64'

@test "--netns all follows one ping of the lab from red-eth through br-red, br and ens33 (NAT) to the internet and back" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns all -n -t -c 10 icmp >nsb.out 2>nsb.err & nsb=\$!
    ip netns exec red tcpdump -i any -n -t -c 2 icmp >red.out 2>red.err & red=\$!
    ip netns exec internet tcpdump -i any -n -t -c 2 icmp >internet.out 2>internet.err & inet=\$!
    tcpdump -i any -n -t -c 6 icmp >root.out 2>root.err & root=\$!
    wait_listening nsb.err 3 && wait_listening red.err && wait_listening internet.err && wait_listening root.err || { echo 'not listening'; cat nsb.err; kill \$nsb \$red \$inet \$root; exit 1; }
    ip netns exec red ping -c 1 -W 2 198.51.100.8 >/dev/null || echo 'ping failed'
    for p in \$nsb \$red \$inet \$root; do
      for _ in \$(seq 50); do kill -0 \$p 2>/dev/null || break; sleep 0.1; done
      kill -0 \$p 2>/dev/null && { echo \"capture \$p did not stop\"; kill \$p; }
    done
    wait \$nsb; echo \$? >nsb.rc
    wait \$red; wait \$inet; wait \$root
    true"
  [ "$status" -eq 0 ]
  [ -z "$output" ] || { echo "$output"; false; }
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  # Each namespace's lines are the reference's lines in that namespace.
  for ns in red internet; do
    sed -n "s/^$ns //p" "$TD/nsb.out" >"$TD/nsb.$ns"
    same_files "$TD/$ns.out" "$TD/nsb.$ns"
  done
  sed -n 's/^\. //p' "$TD/nsb.out" >"$TD/nsb.root"
  same_files "$TD/root.out" "$TD/nsb.root"
  # The order along the path, the namespaces and interfaces, the NAT rewrite.
  sed -E 's/, id [0-9]+,/, id ID,/' "$TD/nsb.out" >"$TD/nsb.path"
  diff "$TD/nsb.path" <(printf '%s\n' "$EXPECTED_PATH")
  # The banner names every handle; the summary counts the whole capture.
  diff "$TD/nsb.err" <(printf '%s\n' \
    'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode' \
    'listening on internet/any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes' \
    'listening on red/any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes' \
    'listening on ./any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes' \
    '10 packets captured' '10 packets received by filter' '0 packets dropped by kernel')
}

@test "-c counts the whole capture: the first three packets along the path, wherever they were seen" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns all -n -t -c 3 icmp >nsb.out 2>nsb.err & nsb=\$!
    wait_listening nsb.err 3 || { echo 'not listening'; kill \$nsb; exit 1; }
    ip netns exec red ping -c 1 -W 2 198.51.100.8 >/dev/null || echo 'ping failed'
    for _ in \$(seq 50); do kill -0 \$nsb 2>/dev/null || break; sleep 0.1; done
    kill -0 \$nsb 2>/dev/null && { echo 'capture did not stop'; kill \$nsb; }
    wait \$nsb; echo \$? >nsb.rc
    true"
  [ "$status" -eq 0 ]
  [ -z "$output" ] || { echo "$output"; false; }
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  sed -E 's/, id [0-9]+,/, id ID,/' "$TD/nsb.out" >"$TD/nsb.path"
  diff "$TD/nsb.path" <(printf '%s\n' "$EXPECTED_PATH" | head -3)
  tail -3 "$TD/nsb.err" | head -1 | grep -qx '3 packets captured'
}

@test "-i DEV in one namespace: the reference's lines on DEV there, with the namespace, DEV and the direction in front" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns red --netns red -i red-eth -n -t -c 2 icmp >nsb.out 2>nsb.err & nsb=\$!
    ip netns exec red tcpdump -i red-eth -n -t -c 2 icmp >ref.out 2>ref.err & ref=\$!
    wait_listening nsb.err && wait_listening ref.err || { echo 'not listening'; kill \$nsb \$ref; exit 1; }
    ip netns exec red ping -c 1 -W 2 198.51.100.8 >/dev/null || echo 'ping failed'
    for p in \$nsb \$ref; do
      for _ in \$(seq 50); do kill -0 \$p 2>/dev/null || break; sleep 0.1; done
      kill -0 \$p 2>/dev/null && { echo \"capture \$p did not stop\"; kill \$p; }
    done
    wait \$nsb; echo \$? >nsb.rc; wait \$ref
    true"
  [ "$status" -eq 0 ]
  [ -z "$output" ] || { echo "$output"; false; }
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  [ "$(grep -c . "$TD/ref.out")" = 2 ]
  sed -E 's/^red red-eth (Out|In ) //' "$TD/nsb.out" >"$TD/nsb.stripped"
  same_files "$TD/ref.out" "$TD/nsb.stripped"
  diff <(cut -d' ' -f1-3 "$TD/nsb.out") <(printf '%s\n' 'red red-eth Out' 'red red-eth In')
  head -2 "$TD/nsb.err" | diff - <(printf '%s\n' \
    'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode' \
    'listening on red/red-eth, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes')
}

@test "--netns all -i DEV: the namespaces without DEV are named on stderr and left out; a named one without DEV fails" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns all -i isp0 -n -t -c 2 icmp >nsb.out 2>nsb.err & nsb=\$!
    wait_listening nsb.err || { echo 'not listening'; kill \$nsb; exit 1; }
    ip netns exec red ping -c 1 -W 2 198.51.100.8 >/dev/null || echo 'ping failed'
    for _ in \$(seq 50); do kill -0 \$nsb 2>/dev/null || break; sleep 0.1; done
    kill -0 \$nsb 2>/dev/null && { echo 'capture did not stop'; kill \$nsb; }
    wait \$nsb; echo \$? >nsb.rc
    \"\$NSBOX\" tcpdump --netns internet --netns red -i isp0 -n >bad.out 2>bad.err; echo \$? >bad.rc
    true"
  [ "$status" -eq 0 ]
  [ -z "$output" ] || { echo "$output"; false; }
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  sed -E 's/, id [0-9]+,/, id ID,/' "$TD/nsb.out" >"$TD/nsb.path"
  diff "$TD/nsb.path" <(printf '%s\n' "$EXPECTED_PATH" | sed -n 5,6p)
  head -4 "$TD/nsb.err" | diff - <(printf '%s\n' \
    'tcpdump: network namespace red has no interface isp0: not captured' \
    'tcpdump: network namespace . has no interface isp0: not captured' \
    'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode' \
    'listening on internet/isp0, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes')
  [ "$(cat "$TD/bad.rc")" = 1 ]
  [ ! -s "$TD/bad.out" ]
  [ "$(cat "$TD/bad.err")" = 'tcpdump: red: isp0: No such device exists' ]
}

@test "a --netns NAME that does not exist fails before anything is captured, naming it" {
  run sandbox "
    ip netns add red
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns red --netns nope -n >out 2>err; echo \$? >rc
    \"\$NSBOX\" tcpdump --netns all --netns nope -n -c 1 >out2 2>err2; echo \$? >rc2
    true"
  [ "$status" -eq 0 ]
  [ "$(cat "$TD/rc")" = 1 ]
  [ ! -s "$TD/out" ]
  [ "$(cat "$TD/err")" = 'tcpdump: Cannot open network namespace "nope": No such file or directory' ]
  [ "$(cat "$TD/rc2")" = 1 ]
  [ ! -s "$TD/out2" ]
  [ "$(cat "$TD/err2")" = 'tcpdump: Cannot open network namespace "nope": No such file or directory' ]
}

@test "--netns refuses what it cannot do, with exit 1" {
  run sandbox "
    ip netns add red
    cd '$TD'
    for o in '-r x.pcap' '-w x.pcap -C 1' '-y EN10MB' '-d'; do
      \"\$NSBOX\" tcpdump --netns red \$o >>out 2>>err; echo \$? >>rc
    done
    true"
  [ "$status" -eq 0 ]
  [ ! -s "$TD/out" ]
  diff "$TD/rc" <(printf '1\n1\n1\n1\n')
  diff "$TD/err" <(printf '%s\n' \
    'tcpdump: --netns captures live: it cannot be used with -r' \
    'tcpdump: --netns cannot be used with -C, -G, -W or -z' \
    'tcpdump: --netns captures Linux cooked v2 packets: -y cannot be used with it' \
    'tcpdump: --netns cannot be used with -L, -J or -d')
}

# pcapng_interfaces FILE: the if_name of each interface description block.
pcapng_interfaces() {
  python3 -c '
import struct, sys
b = open(sys.argv[1], "rb").read()
i = 0
while i + 12 <= len(b):
    t, n = struct.unpack_from("<II", b, i)
    if t == 1:
        j = i + 16
        while j < i + n - 4:
            code, ln = struct.unpack_from("<HH", b, j)
            if code == 0:
                break
            if code == 2:
                print(b[j + 4:j + 4 + ln].decode())
            j += 4 + (ln + 3) // 4 * 4
    i += n
' "$1"
}

@test "-w with --netns: pcapng with one interface per (namespace, device) named NETNS/DEV, which the reference tcpdump -r reads" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns all -c 10 -w nsb.pcapng icmp 2>nsb.err & nsb=\$!
    \"\$NSBOX\" tcpdump --netns all -n -t -c 10 icmp >print.out 2>print.err & prt=\$!
    wait_listening nsb.err 3 && wait_listening print.err 3 || { echo 'not listening'; kill \$nsb \$prt; exit 1; }
    ip netns exec red ping -c 1 -W 2 198.51.100.8 >/dev/null || echo 'ping failed'
    for p in \$nsb \$prt; do
      for _ in \$(seq 50); do kill -0 \$p 2>/dev/null || break; sleep 0.1; done
      kill -0 \$p 2>/dev/null && { echo \"capture \$p did not stop\"; kill \$p; }
    done
    wait \$nsb; echo \$? >nsb.rc; wait \$prt
    tcpdump -n -t -r nsb.pcapng >ref.out 2>ref.err; echo \$? >ref.rc
    \"\$NSBOX\" tcpdump -n -t -r nsb.pcapng >nsbr.out 2>nsbr.err; echo \$? >nsbr.rc
    true"
  [ "$status" -eq 0 ]
  [ -z "$output" ] || { echo "$output"; false; }
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  [ "$(cat "$TD/ref.rc")" = 0 ]
  [ "$(cat "$TD/nsbr.rc")" = 0 ]
  # The reference reads the ten packets; nsbox reads them as it does.
  [ "$(grep -c . "$TD/ref.out")" = 10 ]
  same_files "$TD/ref.out" "$TD/nsbr.out"
  same_files "$TD/ref.err" "$TD/nsbr.err"
  grep -qx 'reading from file nsb.pcapng, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144' "$TD/ref.err"
  # The same packets as the capture that printed them, in the same order
  # (the reference names interfaces by the index of the namespace it runs
  # in: only what follows the interface and direction is compared).
  sed -E 's/^[^ ]+ +(In|Out) +//' "$TD/ref.out" >"$TD/ref.payload"
  sed -E 's/^[^ ]+ [^ ]+ +(In|Out) +//' "$TD/print.out" >"$TD/print.payload"
  same_files "$TD/print.payload" "$TD/ref.payload"
  # One interface block per (namespace, device), in the order first seen.
  diff <(pcapng_interfaces "$TD/nsb.pcapng") <(printf '%s\n' red/red-eth ./br-red ./br ./ens33 internet/isp0)
  head -1 "$TD/nsb.err" | grep -qx 'tcpdump: listening on internet/any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes'
}

@test "--netns all: a namespace added during the capture is picked up, one deleted is dropped, each with a line on stderr" {
  run sandbox "$TOPOLOGY $WAIT_LISTENING
    wait_line() { for _ in \$(seq 50); do grep -q \"\$2\" \"\$1\" && return 0; sleep 0.1; done; echo \"no '\$2' in \$1\"; return 1; }
    cd '$TD'
    \"\$NSBOX\" tcpdump --netns all -n -t icmp >nsb.out 2>nsb.err & nsb=\$!
    wait_listening nsb.err 3 || { echo 'not listening'; kill \$nsb; exit 1; }
    ip netns add blue
    ip -n blue link set lo up
    wait_line nsb.err 'blue appeared' || { kill \$nsb; exit 1; }
    ip netns exec blue ping -c 1 -W 2 127.0.0.1 >/dev/null || echo 'ping failed'
    sleep 0.2
    ip netns del blue
    wait_line nsb.err 'blue is gone' || { kill \$nsb; exit 1; }
    ip netns exec red ping -c 1 -W 2 10.0.0.1 >/dev/null || echo 'ping failed'
    sleep 0.3
    kill -INT \$nsb
    for _ in \$(seq 50); do kill -0 \$nsb 2>/dev/null || break; sleep 0.1; done
    kill -0 \$nsb 2>/dev/null && { echo 'capture did not stop'; kill \$nsb; }
    wait \$nsb; echo \$? >nsb.rc
    true"
  [ "$status" -eq 0 ]
  [ -z "$output" ] || { echo "$output"; false; }
  [ "$(cat "$TD/nsb.rc")" = 0 ]
  sed -E 's/, id [0-9]+,/, id ID,/' "$TD/nsb.out" >"$TD/nsb.lines"
  diff "$TD/nsb.lines" <(printf '%s\n' \
    'blue lo    In  IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id ID, seq 1, length 64' \
    'blue lo    In  IP 127.0.0.1 > 127.0.0.1: ICMP echo reply, id ID, seq 1, length 64' \
    'red red-eth Out IP 10.0.0.2 > 10.0.0.1: ICMP echo request, id ID, seq 1, length 64' \
    '. br-red In  IP 10.0.0.2 > 10.0.0.1: ICMP echo request, id ID, seq 1, length 64' \
    '. br    In  IP 10.0.0.2 > 10.0.0.1: ICMP echo request, id ID, seq 1, length 64' \
    '. br    Out IP 10.0.0.1 > 10.0.0.2: ICMP echo reply, id ID, seq 1, length 64' \
    '. br-red Out IP 10.0.0.1 > 10.0.0.2: ICMP echo reply, id ID, seq 1, length 64' \
    'red red-eth In  IP 10.0.0.1 > 10.0.0.2: ICMP echo reply, id ID, seq 1, length 64' \
    '')
  sed -n 5,6p "$TD/nsb.err" | diff - <(printf '%s\n' \
    'tcpdump: network namespace blue appeared: listening on blue/any' \
    'tcpdump: network namespace blue is gone: no longer listening on blue/any')
  tail -3 "$TD/nsb.err" | head -1 | grep -qx '8 packets captured'
}
