#!/usr/bin/env bats
# tcpdump's -w file rotation: -C (size), -G (time), -W (count), -z (a
# command on each closed file). Each case runs the same script with the
# reference tcpdump and with nsbox's (assert_same), in a sandbox, and shows
# the names, sizes and checksums of the files written.
#
# Size rotation is deterministic: a 4.3 MB capture made here is read with -r
# and written with -w -C. Time rotation is tested with packets fed through a
# pipe with pauses between them (-r -), started just after a second
# boundary (tcpdump compares whole seconds), and once live, on lo.
#
# Debian's tcpdump drops to the user "tcpdump" after opening the device;
# "-Z root" keeps it root so that it can write into the test directory.

load helpers

setup() {
  export TD="$BATS_TEST_TMPDIR"
  SANDBOX_TIMEOUT=60
  # 3000 UDP packets of 142 to 1441 bytes: 4,374,024 bytes with the header;
  # and for the pipe tests a header, its packets in two halves (half1,
  # half2), and single packets (p0 ... p7).
  python3 - "$TD" <<'EOF'
import struct, sys
d = sys.argv[1]
def pkt(i, pl):
    eth = bytes.fromhex('020000000002020000000001') + b'\x08\x00'
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28 + pl, i & 0xffff, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    udp = struct.pack('!HHHH', 1000 + i % 7, 2000, 8 + pl, 0)
    data = eth + ip + udp + bytes([i & 0xff]) * pl
    return struct.pack('<IIII', 1700000000 + i // 1000, (i % 1000) * 1000, len(data), len(data)) + data
hdr = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)
records = [pkt(i, 100 + (i * 37) % 1300) for i in range(3000)]
open(d + '/big.pcap', 'wb').write(hdr + b''.join(records))
open(d + '/half1', 'wb').write(b''.join(records[:1500]))
open(d + '/half2', 'wb').write(b''.join(records[1500:]))
open(d + '/hdr', 'wb').write(hdr)
for i in range(8):
    open('%s/p%d' % (d, i), 'wb').write(pkt(i, 100))
EOF
}

# fresh_dir: the start of a sandbox script: each side works in a directory
# of its own (the test directory is shared), with links to the captures.
fresh_dir() {
  [[ -d $TD && -e $TD/big.pcap ]] || { echo "no test directory" >&2; return 1; }
  echo "cd \"\$(mktemp -d '$TD/side.XXXXXX')\" && ln -s ../big.pcap ../hdr ../half? ../p? . || exit 1"
}

# same SCRIPT: assert_same, in a fresh directory, with show (DIR: each
# file's name, size and MD5, in name order) and settle (waits, at most 5 s,
# until FILE has N lines: -z children outlive tcpdump) defined.
same() {
  assert_same "$(fresh_dir)
    show() { local f; for f in \$(ls -1 \"\$1\" | LC_ALL=C sort); do
      echo \"\$f \$(wc -c <\"\$1/\$f\") \$(md5sum <\"\$1/\$f\" | cut -c1-32)\"; done; }
    settle() { local i; for i in \$(seq 50); do [ \"\$(cat \"\$1\" 2>/dev/null | wc -l)\" -ge \"\$2\" ] && return 0; sleep 0.1; done; echo \"settle: \$1 has not \$2 lines\"; }
    $1"
}

@test "-C: NAME, then NAME1, NAME2 ...: the same files, byte for byte" {
  same 'mkdir a b c
    tcpdump -Z root -r big.pcap -w a/f -C 1; echo "exit $?"; show a
    tcpdump -Z root -r big.pcap -w b/f.pcap -C 2; echo "exit $?"; show b
    tcpdump -Z root -r big.pcap -w c/f -C 1 "udp port 1003"; echo "exit $?"; show c'
}

@test "-C with -W: counts padded to the digits of W-1, wrapping around at W" {
  same 'for w in 1 2 3 10 11 101; do
      mkdir w$w; tcpdump -Z root -r big.pcap -w w$w/f -C 1 -W $w; echo "-W $w: exit $?"; show w$w
    done'
}

@test "-C with --print, -U and -c: the printed packets and the files" {
  same 'mkdir a b
    tcpdump -Z root -n --print -r big.pcap -w a/f -C 1 "udp port 1002" | md5sum; echo "exit ${PIPESTATUS[0]}"; show a
    tcpdump -Z root -U -c 1500 -r big.pcap -w b/f -C 1 -W 3; echo "exit $?"; show b'
}

@test "-w - with -C: a pipe cannot tell its size; a file on stdout rotates to -1, -2 ..." {
  same 'mkdir a; cd a
    tcpdump -Z root -r ../big.pcap -w - -C 1 | wc -c; echo "exit ${PIPESTATUS[0]}"
    tcpdump -Z root -r ../big.pcap -w - -C 1 >stdout.pcap; echo "exit $?"; show .'
}

@test "bad -C, -G, -W values: tcpdump's messages and exit codes" {
  same 'for a in "-C 0" "-C x" "-C -1" "-C 1x" "-C \"\"" "-C 1k" "-C 9223372036855" "-C 99999999999999999999" \
           "-W 0" "-W x" "-W -1" "-G -1" "-G -1 -W 0" "-W 0 -C 0" "-C 0 -W 0"; do
      eval "tcpdump -r big.pcap -w f $a"; echo "$a: exit $?"; ls -d f* 2>/dev/null
    done'
}

@test "values tcpdump lets through: -C ' 1', -C +1, -C 9223372036854, -W 1x, -G x, -G 0; -C, -G, -W, -z without -w" {
  same 'for a in "-C \" 1\"" "-C +1" "-C 9223372036854" "-W 1x" "-G x" "-G 0" "-C 1" "-G 1 -W 2" "-z true" "-z /nonexistent -C 1"; do
      eval "tcpdump -Z root -n -c 2 -r big.pcap $a"; echo "$a: exit $?"
    done; ls'
}

@test "names too long for a count: tcpdump's message; an unwritable name: libpcap's" {
  same 'long=$(printf "a%.0s" $(seq 4096))
    tcpdump -Z root -r big.pcap -w "$long" -C 1 -W 10; echo "exit $?"
    tcpdump -Z root -r big.pcap -w /nonexistent/f -C 1; echo "exit $?"'
}

@test "-G names go through strftime; with -C the count follows" {
  # -G 3600: no time rotation in a run this short; the year and %% do not
  # depend on the moment either side runs.
  same 'mkdir a b
    tcpdump -Z root -r big.pcap -w "a/g-%Y-%%" -G 3600; echo "exit $?"; show a
    tcpdump -Z root -r big.pcap -w "b/gc-%Y-" -G 3600 -C 1 -W 3; echo "exit $?"; show b'
}

@test "-z COMMAND FILE on each file a rotation closes (not the last), at nice 19; its status is ignored" {
  same 'printf "#!/bin/sh\necho \"\$# [\$*] nice \$(cut -d\" \" -f19 /proc/self/stat)\" >>z.log\nexit 7\n" >z.sh; chmod +x z.sh
    mkdir a; tcpdump -Z root -r big.pcap -w a/f -C 1 -z ./z.sh; echo "exit $?"
    settle z.log 2; LC_ALL=C sort z.log; show a'
}

@test "-z with a command that cannot run: the child's message, the capture goes on" {
  # Read through a pipe: the reference's child leaves through exit(), which
  # on a -r file moves the read offset it shares with the parent (which may
  # then fail at random); nsbox's does not (README).
  same 'mkdir a; cat big.pcap | tcpdump -Z root -r - -w a/f -C 1 -W 3 -z "gzip -9" 2>err; echo "exit $?"
    settle err 3; LC_ALL=C sort err; show a'
}

@test "-G with -W and -z, packets through a pipe: two files, then the limit" {
  # Starts 50 ms after a second boundary: p0 p1 in the first second, p2 p3
  # 1.5 s later (the first rotation), p4 at 3 s ends the capture (-W 2),
  # uncounted in no file. Names show the second relative to the start.
  same 'printf "#!/bin/sh\necho \"\$# [\$*]\" >>z.log\n" >z.sh; chmod +x z.sh; mkdir a
    python3 -c "import time; time.sleep(1.05 - time.time() % 1)"; t0=$(date +%s)
    (cat hdr p0 p1; sleep 1.5; cat p2 p3; sleep 1.5; cat p4; sleep 1.5; cat p5 p6) |
      tcpdump -Z root -n --print -r - -w "a/g-%s-%%" -G 1 -W 2 -z ./z.sh; echo "exit ${PIPESTATUS[1]}"
    settle z.log 2
    rel() { local f s; while read -r f; do s=${f#*g-}; s=${s%%-*}; echo "${f%%g-*}g-T+$((s - t0))-${f#*g-*-}"; done; }
    ls -1 a | LC_ALL=C sort | rel; LC_ALL=C sort z.log | rel
    for f in $(ls -1 a | LC_ALL=C sort); do /usr/bin/tcpdump -n -r "a/$f" 2>/dev/null; md5sum <"a/$f"; done'
}

@test "-G with -C and -W: a time rotation starts the count again, under the new name" {
  # As above: half the packets (1.2 MB: a size rotation), 1.5 s, the rest.
  same 'printf "#!/bin/sh\necho \"\$# [\$*]\" >>z.log\n" >z.sh; chmod +x z.sh; mkdir a
    python3 -c "import time; time.sleep(1.05 - time.time() % 1)"; t0=$(date +%s)
    (cat hdr half1; sleep 1.5; cat half2) |
      tcpdump -Z root -r - -w "a/g-%s-" -G 1 -C 1 -W 3 -z ./z.sh; echo "exit ${PIPESTATUS[1]}"
    settle z.log 3
    rel() { local f s; while read -r f; do s=${f#*g-}; s=${s%%-*}; echo "${f%%g-*}g-T+$((s - t0))-${f#*g-*-}"; done; }
    LC_ALL=C sort z.log | rel
    for f in $(ls -1 a | LC_ALL=C sort); do echo "$(echo "$f" | rel) $(wc -c <"a/$f") $(md5sum <"a/$f" | cut -c1-32)"; done'
}

@test "-G 1 -W 2 live on lo: two files, the limit message, the summary; -z on both" {
  # ping every 0.2 s (at most 40): the first packet handed over in each new
  # second rotates, the second rotation ends the capture. Counts and times
  # vary (libpcap hands packets over in blocks, about once a second, so
  # either file may be empty): the names' digits and the summary's numbers
  # are masked, and only the two files together must hold echo packets.
  compare "$(fresh_dir)"'
    mkdir a
    printf "#!/bin/sh\necho \"\$#\" >>z.log\n" >z.sh; chmod +x z.sh
    /usr/bin/ping -q -c 40 -i 0.2 127.0.0.1 >/dev/null & p=$!
    timeout 20 tcpdump -Z root -i lo -w "a/live-%s" -G 1 -W 2 -z ./z.sh icmp 2>err; echo "exit $?"
    kill $p; wait $p
    for i in $(seq 50); do [ "$(cat z.log 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.1; done
    ls -1 a | sed "s/[0-9]/N/g" | uniq -c; cat z.log
    for f in a/*; do /usr/bin/tcpdump -n -r "$f" >/dev/null 2>&1 && echo "$f: a capture"; done | sed "s/[0-9]/N/g"
    n=0; for f in a/*; do n=$((n + $(/usr/bin/tcpdump -n -r "$f" 2>/dev/null | grep -c "ICMP echo"))); done
    [ "$n" -gt 0 ] && echo "echo packets written"
    sed -E "s/^[0-9]+ /N /" err'
  assert_compared
}
