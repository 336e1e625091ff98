#!/usr/bin/env bats
# ping's name lookups against iputils 20221126 + glibc's resolver. nsbox is
# static and has no NSS modules: it reads /etc/hosts itself and asks DNS
# through c-ares, in nsswitch.conf's order. Each sandbox bind-mounts its own
# /etc/hosts, /etc/nsswitch.conf and /etc/resolv.conf; DNS questions go to a
# small responder on the sandbox's loopback (127.0.0.53) or to 203.0.113.53,
# which has no route there (nothing leaves the sandbox).
#
# Topology as in ping.bats: this netns 10.0.0.1/24 <-> netns b 10.0.0.3/24.

load helpers

setup_file() {
  nsbox_bin_setup
}

PRE='
mask() {
  sed -E "s/time=[0-9.]+ ms/time=T ms/; s/, time [0-9]+ms/, time Tms/;
          s#(rtt min/avg/max/mdev = )[0-9./]+ ms#\1T ms#"
}
I=/usr/sbin/ip
$I netns add b
$I link add veth-a type veth peer name veth-b
$I link set veth-b netns b
$I addr add 10.0.0.1/24 dev veth-a
$I link set veth-a up
$I -n b addr add 10.0.0.3/24 dev veth-b
$I -n b link set veth-b up
mkdir -p /run/etc
cat >/run/etc/hosts <<"H"
# test hosts
127.0.0.1	localhost
10.0.0.3   green green.lab   # the replying host
10.0.0.9 ghost
10.0.0.9 ghost2 GHOST3
H
printf "nameserver 203.0.113.53\n" >/run/etc/resolv.conf
printf "hosts: files dns\n" >/run/etc/nsswitch.conf
for f in hosts resolv.conf nsswitch.conf; do mount --bind /run/etc/$f /etc/$f; done
files_only() { printf "hosts: files\n" >/run/etc/nsswitch.conf; }
with_bridge() { echo "10.0.0.1 bridge" >>/run/etc/hosts; }
'

# A DNS responder (Python standard library only): A, CNAME and PTR answers,
# NOERROR without data for other types of known names, NXDOMAIN otherwise.
# It stops by itself after 30 s; the script also kills it by PID.
DNS='
cat >/run/dns.py <<"PY"
import socket, struct, sys, time
A = {"web.lab": "10.0.0.3", "gw.lab": "10.0.0.1"}
CNAME = {"alias.lab": "web.lab"}
PTR = {"3.0.0.10.in-addr.arpa": "web.lab"}
def name(b, o):
    labels = []
    while b[o]:
        n = b[o]; labels.append(b[o + 1:o + 1 + n].decode()); o += 1 + n
    return ".".join(labels), o + 1
def enc(n):
    return b"".join(bytes([len(p)]) + p.encode() for p in n.split(".")) + b"\0"
def rr(owner, t, data):
    return enc(owner) + struct.pack("!HHIH", t, 1, 60, len(data)) + data
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
s.settimeout(1)
end = time.time() + 30
while time.time() < end:
    try:
        q, peer = s.recvfrom(512)
    except socket.timeout:
        continue
    qid, flags = struct.unpack("!HH", q[:4])
    qn, o = name(q, 12)
    qt = struct.unpack("!H", q[o:o + 2])[0]
    key = qn.lower().rstrip(".")
    ans, rcode, target = [], 0, key
    if key in CNAME:
        ans.append(rr(key, 5, enc(CNAME[key]))); target = CNAME[key]
    if qt == 1 and target in A:
        ans.append(rr(target, 1, socket.inet_aton(A[target])))
    elif qt == 12 and key in PTR:
        ans.append(rr(key, 12, enc(PTR[key])))
    elif not ans and target not in A and key not in PTR:
        rcode = 3
    hdr = struct.pack("!HHHHHH", qid, 0x8180 | (flags & 0x0100) | rcode, 1, len(ans), 0, 0)
    s.sendto(hdr + q[12:o + 4] + b"".join(ans), peer)
PY
printf "nameserver 127.0.0.53\nsearch lab\n" >/run/etc/resolv.conf
$I addr add 127.0.0.53/8 dev lo
/usr/bin/python3 /run/dns.py 127.0.0.53 & dnspid=$!
trap "kill $dnspid" EXIT
for i in $(seq 50); do grep -q ":0035 " /proc/net/udp && break; sleep 0.1; done
'

same() { assert_same "$PRE$1"; }

@test "a hosts alias: the canonical name heads the output, replies name the host" {
  same 'ping -c 2 -i 0.2 green.lab | mask'
}

@test "names compare without case; the first matching line gives the name" {
  same 'ping -c 1 -W 0.5 GHOST3 | mask; ping -c 1 -W 0.5 ghost | mask'
}

@test "-n: no reverse lookups, the header keeps the name" {
  same 'ping -n -c 2 -i 0.2 green | mask'
}

@test "a numeric target makes no lookups at all" {
  same 'ping -c 1 10.0.0.3 | mask'
}

@test "unknown name, hosts only: Name or service not known" {
  same 'files_only; ping -c 1 nosuchhost'
}

@test "unknown name, unreachable name server: Temporary failure in name resolution" {
  same 'ping -c 1 nosuchhost'
  same 'printf "" >/run/etc/resolv.conf; ping -c 1 nosuchhost'
}

@test "From lines: the name, the number twice when no source knows it, once when DNS fails" {
  same 'with_bridge; ping -c 4 -i 0.5 ghost | mask'
  same 'files_only; ping -c 4 -i 0.5 ghost | mask'
  same 'ping -c 4 -i 0.5 ghost | mask'
}

@test "DNS: search domain, CNAME chain, reverse answers" {
  same "$DNS"'ping -c 2 -i 0.2 web | mask; ping -c 1 alias | mask; ping -c 1 web.lab. | mask'
}

@test "DNS: NXDOMAIN is Name or service not known; no PTR gives the number twice" {
  same "$DNS"'ping -c 1 nosuch; ping -c 2 -i 0.2 gw.lab | mask'
}

@test "localhost from the hosts file" {
  same 'ping -c 1 localhost | mask'
}
