#!/usr/bin/env bats
# tcpdump's command line: options, errors and exit codes, reading and writing
# files, filters. Each case runs the same script with the reference tcpdump
# and with nsbox's (assert_same), in a sandbox.

load helpers

DATA="$BATS_TEST_DIRNAME/../data/tcpdump"

setup() {
  # Captures built for these tests live in the test's own directory.
  export TD="$BATS_TEST_TMPDIR"
  cp "$DATA"/*.pcap "$TD"/ 2>/dev/null || true
}

# same SCRIPT: assert_same, with the test directory as the working directory.
same() { assert_same "cd '$TD'; $1"; }

# The usage text starts with the versions; the reference's has a third line
# naming the OpenSSL it links, which nsbox does not (no -E/-M decryption).
no_openssl() { echo "$1"' 2>&1 | grep -v "^OpenSSL "; echo "exit ${PIPESTATUS[0]}"'; }

@test "bad options: getopt's messages, the usage text, exit 1" {
  same "$(no_openssl 'tcpdump -k')"
  same "$(no_openssl 'tcpdump --frobnicate')"
  same "$(no_openssl 'tcpdump -c')"
  same "$(no_openssl 'tcpdump -r')"
  same "$(no_openssl 'tcpdump -n -w')"
}

@test "bad option values: tcpdump's messages and exit codes" {
  same 'tcpdump -c 0 -r x'
  same 'tcpdump -c abc -r x'
  same 'tcpdump -c -3 -r x'
  same 'tcpdump -s abc -r x'
  same 'tcpdump -s 262145 -r x'
  same 'tcpdump -s -1 -r x'
  same 'tcpdump -tttttt -r x'
  same 'tcpdump -y NOSUCHDLT -r x'
  same 'tcpdump -Q sideways -r x'
  same 'tcpdump -B 0 -r x'
  same 'tcpdump -j nosuchtype -r x'
  same 'tcpdump --time-stamp-precision=pico -r x'
}

@test "-h prints the usage on stdout and exits 0; --version starts with tcpdump's and libpcap's versions" {
  same "$(no_openssl 'tcpdump -h 2>/dev/null')"
  same "$(no_openssl 'tcpdump --help 2>/dev/null')"
  # The reference adds the OpenSSL it links; nsbox has no OpenSSL.
  compare 'tcpdump --version'
  [ "$ref_rc" = 0 ]
  [ "$nsb_rc" = 0 ]
  head -2 "$ref_out_file" >"$TD/ref.version"
  same_bytes "$TD/ref.version" "$nsb_out_file" "stdout (the reference's first two lines)"
}

@test "reading files: missing, empty, not a capture" {
  same 'tcpdump -r /nonexistent/file.pcap'
  same 'tcpdump -n -r /dev/null'
  same 'printf "not a pcap file at all" >junk; tcpdump -n -r junk'
  same 'tcpdump -n -r lab-icmp.pcap -c 2; echo "exit $?"'
}

@test "filters on a file: icmp, arp, host, port, and, not" {
  for f in icmp arp 'host 10.0.2.2' 'udp port 33434' 'icmp and src 10.0.1.1' 'not icmp' 'tcp[tcpflags] & tcp-rst != 0'; do
    same "tcpdump -n -r lab-icmp.pcap '$f'"
  done
  # The expression as separate words, as shells usually pass it.
  same "tcpdump -n -r lab-icmp.pcap icmp and src 10.0.1.1"
  same "tcpdump -n -r lab-icmp.pcap -e udp or arp"
}

@test "filter syntax errors: tcpdump's message, exit 1" {
  same 'tcpdump -n -r lab-icmp.pcap icmp and'
  same 'tcpdump -n -r lab-icmp.pcap frobnicate'
  same 'tcpdump -n -r lab-icmp.pcap "host 999.1.2.3"'
  same 'tcpdump -n -r lab-icmp.pcap "ip proto 300"'
}

@test "-F reads the filter from a file, comments blanked" {
  same 'printf "icmp # only ICMP\n and not src 10.0.1.1\n" >f; tcpdump -n -F f -r lab-icmp.pcap'
}

@test "-d, -dd, -ddd print the compiled filter" {
  same 'tcpdump -d -r lab-icmp.pcap icmp'
  same 'tcpdump -dd -r lab-icmp.pcap "host 10.0.2.2 and udp"'
  same 'tcpdump -ddd -r lab-icmp.pcap arp'
  same 'tcpdump -d -O -r lab-icmp.pcap "icmp or arp"'
}

@test "-c N stops after N packets; --count counts" {
  same 'tcpdump -n -c 3 -r lab-icmp.pcap'
  same 'tcpdump -n -c 1 -r lab-icmp.pcap icmp'
  same 'tcpdump --count -r lab-icmp.pcap'
  same 'tcpdump --count -r lab-icmp.pcap icmp'
  same 'tcpdump --count -c 2 -r lab-icmp.pcap'
}

# -V: a list of files read one after the other, each up to -c packets; a
# file of another link type switches the printer and the filter (and
# stops -w); the later files are read at microsecond precision whatever
# --nano says, as in tcpdump 4.99.3. raw.pcap is lab-icmp.pcap relabelled
# as raw IP (link type 101).
@test "-V FILE reads the captures it lists" {
  same 'printf "lab-icmp.pcap\nvxlan.pcap\nlab-icmp.pcap" >list; tcpdump -n -V list; echo "exit $?"'
  same 'printf "vxlan.pcap\nvxlan.pcap\n" >list; tcpdump -n -c 2 -# -ttt -V list; tcpdump -n --nano -V list; tcpdump --count -V list icmp'
  same 'cp lab-icmp.pcap raw.pcap; printf "\145\0\0\0" | dd of=raw.pcap bs=1 seek=20 conv=notrunc 2>/dev/null
printf "vxlan.pcap\nraw.pcap\nvxlan.pcap\n" >list; tcpdump -n -V list; tcpdump -n -e -V list icmp; tcpdump -V list -w out.pcap; echo "exit $?"'
  same 'printf "vxlan.pcap\n\nvxlan.pcap\n" >list; tcpdump -n -V list; echo "exit $?"; printf "vxlan.pcap\nnope\n" | tcpdump -n -c 1 -V -; echo "exit $?"'
  same 'tcpdump -n -V /dev/null; echo "exit $?"; tcpdump -n -V nolist; echo "exit $?"; tcpdump -n -V /dev/null -r vxlan.pcap; echo "exit $?"'
}

# -T TYPE forces a UDP payload's printer (before checksums, whatever -q
# says) and stops TCP's dissectors by port (domain: DNS over TCP).
@test "-T TYPE for each type nsbox carries, any case; an unknown type" {
  for t in vxlan VXLAN snmp tftp domain vat Rtp rtcp carp someip CNFP resp ptp zmtp1 aodv wb rpc Radius; do
    same "tcpdump -n -T $t -r vxlan.pcap; tcpdump -n -v -T $t -r snmp.pcap; tcpdump -q -T $t -r tftp-syslog.pcap; tcpdump -n -vv -T $t -r lab-icmp.pcap"
  done
  same 'tcpdump -n -T quic -r vxlan.pcap; echo "exit $?"; tcpdump -n -T "" -r vxlan.pcap; echo "exit $?"'
}

@test "-T with a type whose printer nsbox does not carry says so, exit 1" {
  for t in pgm pgm_zmtp1 lmp; do
    run "$NSBOX" tcpdump -n -T $t -r "$TD/vxlan.pcap"
    [ "$status" = 1 ]
    [ "$output" = "tcpdump: packet type $t (-T) is not supported by nsbox" ]
  done
}

@test "-w writes a file the other tcpdump reads back identically, from a file and through a filter" {
  same 'tcpdump -Z root -r lab-icmp.pcap -w out.pcap icmp; echo "exit $?"; tcpdump -n -r out.pcap'
  # Each tool reads the other's file the same way.
  run "$NSBOX" tcpdump -r "$TD/lab-icmp.pcap" -w "$TD/n.pcap"
  [ "$status" -eq 0 ]
  /usr/bin/tcpdump -Z root -r "$TD/lab-icmp.pcap" -w "$TD/r.pcap"
  cmp "$TD/n.pcap" "$TD/r.pcap"
}

@test "-w - writes the capture to stdout and nothing else" {
  same 'tcpdump -Z root -r lab-icmp.pcap -w - icmp | od -An -tx1 | sed -n 1,4p'
  same 'tcpdump -Z root -r lab-icmp.pcap -w - arp | tcpdump -n -r -'
}

@test "--print prints while writing" {
  same 'tcpdump -Z root -n --print -r lab-icmp.pcap -w out.pcap udp; tcpdump -n -r out.pcap'
}

@test "timestamps: -t -tt -ttt -tttt -ttttt, --nano, -# (TZ=GMT)" {
  for o in -t -tt -ttt -tttt -ttttt '-# -tttt' '--nano' '--nano -ttt' '-# -t'; do
    same "tcpdump -n $o -r lab-icmp.pcap"
  done
}

@test "timestamps in local time follow TZ" {
  same 'TZ=Asia/Kolkata tcpdump -n -r lab-icmp.pcap -c 3'
  same 'TZ=America/St_Johns tcpdump -n -tttt -r lab-icmp.pcap -c 3'
}

@test "-l line-buffers, -U packet-buffers: the text is the same" {
  same 'tcpdump -n -l -r lab-icmp.pcap | cat'
  same 'tcpdump -Z root -U -r lab-icmp.pcap -w u.pcap; tcpdump -n -r u.pcap'
}

@test "-Z USER: a missing user is tcpdump's error, exit 1" {
  same 'tcpdump -Z nosuchuser -n -r lab-icmp.pcap'
  same 'tcpdump -Z nosuchuser-with-a-very-long-name-to-truncate -n -r lab-icmp.pcap'
}

@test "-Z USER switches to that user before writing: the file belongs to USER" {
  same 'chmod 777 .; tcpdump -Z nobody -r lab-icmp.pcap -w z.pcap; stat -c "%U %s" z.pcap'
}

@test "-Z USER reads /etc/passwd itself: a user only in a bind-mounted passwd is found" {
  # nsbox is static and has no NSS: it must read the file, whatever it holds.
  run sandbox "cd '$TD'; printf 'root:x:0:0::/root:/bin/sh\nzuser:x:4242:4242::/:/bin/sh\n' >passwd
    mount --bind passwd /etc/passwd; chmod 777 .
    \"\$NSBOX\" tcpdump -Z zuser -r lab-icmp.pcap -w z.pcap && stat -c '%u %g' z.pcap"
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "4242 4242" ]
}

@test "names without -n: /etc/hosts, /etc/services, Broadcast and the vendor" {
  # A private /etc/hosts and no DNS server: the lookups stay in the sandbox.
  same "printf '10.0.1.2 hostone\n10.0.2.2 hosttwo.example.org hosttwo\n' >hosts; mount --bind hosts /etc/hosts
    printf 'nameserver 127.0.0.1\n' >resolv; mount --bind resolv /etc/resolv.conf
    tcpdump -r lab-icmp.pcap; tcpdump -e -r lab-icmp.pcap arp; tcpdump -N -r lab-icmp.pcap -c 4"
}

@test "-D lists the sandbox's interfaces as tcpdump does" {
  same '/usr/sbin/ip link add tda type veth peer name tdb; /usr/sbin/ip link set tda up; tcpdump -D'
}

@test "-i with a missing device: tcpdump's message, exit 1" {
  same 'tcpdump -i nosuchdev0'
  same 'tcpdump -i nosuchdev0 -c 1 icmp'
}

@test "-L lists the link types of a device" {
  same 'tcpdump -i lo -L'
}
