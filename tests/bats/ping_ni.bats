#!/usr/bin/env bats
# IPv6 node information queries (ping -N, RFC 4620) against iputils 20221126.
# The Linux kernel does not answer them, so each sandbox runs a small
# responder (python3, a raw ICMPv6 socket in the peer's namespace, bounded in
# queries and time) whose answers cover every reply shape ping prints; the
# reference and nsbox ping the same responder and must print the same bytes.
#
# Topology: this netns pv0 fd00:1::1/64 --- pv1 fd00:1::2/64 [netns peer]

load helpers

setup_file() {
  nsbox_bin_setup
  export NI_RESPONDER="$BATS_FILE_TMPDIR/ni_responder.py"
  cat >"$NI_RESPONDER" <<'PY'
# Answers node information queries (type 139) with replies (type 140) that
# echo the query's nonce, qtype and flags:
#   qtype 2 (name): "peer.example.org" (FQDN), "www" + a compression
#     pointer to "example.org", "node" (not fully qualified);
#   qtype 3 (IPv6): one address; with the "all" flag three, and the
#     truncate flag set;
#   qtype 4 (IPv4): two addresses.
# A name subject picks other shapes: refuse (code 1), unknown (code 2),
# oddcode (code 7), badqtype (qtype 9), cut (a name cut short), escape
# (labels with a dot, a space, a control byte), short (no data at all); a
# name whose first label is an IDN A-label ("xn--...") comes back as the
# query wrote it.
# Writes "ready" to stdout once listening; exits after MAX queries or
# SECONDS seconds.
import socket, struct, sys, time

max_queries, seconds = int(sys.argv[1]), float(sys.argv[2])

def labels(*names):
    return b"".join(bytes([len(n)]) + n for n in names)

s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
print("ready", flush=True)
end = time.monotonic() + seconds
answered = 0
while answered < max_queries and time.monotonic() < end:
    s.settimeout(max(0.01, end - time.monotonic()))
    try:
        data, addr = s.recvfrom(4096)
    except socket.timeout:
        break
    if len(data) < 16 or data[0] != 139:
        continue
    code = data[1]
    qtype, flags = struct.unpack("!HH", data[4:8])
    nonce, subject = data[8:16], data[16:]
    rcode, rqtype, rflags, body = 0, qtype, flags, b""
    ttl = struct.pack("!I", 0)
    name = b""
    if code == 1:
        p, parts = 0, []
        while p < len(subject) and subject[p]:
            parts.append(subject[p + 1:p + 1 + subject[p]])
            p += 1 + subject[p]
        name = b".".join(parts)
    if name == b"refuse":
        rcode = 1
    elif name == b"unknown":
        rcode = 2
    elif name == b"oddcode":
        rcode = 7
    elif name == b"badqtype":
        rqtype, body = 9, ttl
    elif name == b"cut":
        body = ttl + labels(b"peer", b"exam")[:-2]
    elif name == b"escape":
        body = ttl + labels(b"a.b", b"c d", b"e\x01f") + b"\x00"
    elif name == b"short":
        body = b""
    elif name.startswith(b"xn--"):
        body = ttl + subject # (the name as the query wrote it, for IDN)
    elif qtype == 2:
        # "example.org" is at offset 9 of the data (after the TTL and "peer").
        body = ttl + labels(b"peer", b"example", b"org") + b"\x00"
        body += labels(b"www") + bytes([0xc0, 9]) + labels(b"node") + b"\x00\x00"
    elif qtype == 3:
        addrs = ["fd00:1::2"]
        if flags & 0x0002:
            addrs += ["fd00:1::7", "fe80::ff:fe00:2"]
            rflags |= 0x0001
        body = b"".join(ttl + socket.inet_pton(socket.AF_INET6, a) for a in addrs)
    elif qtype == 4:
        body = b"".join(ttl + socket.inet_pton(socket.AF_INET, a) for a in ["10.9.0.2", "10.9.1.2"])
    s.sendto(struct.pack("!BBHHH", 140, rcode, 0, rqtype, rflags) + nonce + body, addr)
    answered += 1
PY
}

PRE='
mask() { sed -E "s/, time [0-9]+ms/, time Tms/; s#(rtt min/avg/max/mdev = )[0-9./]+ ms#\1T ms#; s#(mdev = T ms), pipe [0-9]+#\1#; s#(ipg/ewma )[0-9./]+ ms#\1T ms#; s/time=[0-9.]+ ms/time=T ms/"; }
I=/usr/sbin/ip
$I netns add peer
for ns in "" "$I netns exec peer"; do
  $ns sh -c "echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad"
done
$I link add pv0 address 02:00:00:00:00:01 type veth peer name pv1 address 02:00:00:00:00:02 netns peer
$I -6 addr add fd00:1::1/64 dev pv0 nodad; $I link set pv0 up
$I -n peer -6 addr add fd00:1::2/64 dev pv1 nodad; $I -n peer link set pv1 up; $I -n peer link set lo up
/usr/bin/ping -c 1 -W 3 fd00:1::2 >/dev/null
# The responder, bounded: 40 queries or 30 s; stopped by PID at the end.
$I netns exec peer timeout 35 python3 @NI_RESPONDER@ 40 30 >ready &
rp=$!
for i in $(seq 50); do [ -s ready ] && break; sleep 0.1; done
# Without the responder both tools would time out alike and agree.
[ -s ready ] || { echo "the node information responder did not start" >&2; exit 97; }
# One query before the compared ones, so that neither tool waits on
# neighbour discovery.
/usr/bin/ping -c 1 -W 3 -N ipv6 fd00:1::2 >/dev/null
'
POST='
kill $rp 2>/dev/null; wait $rp 2>/dev/null; true'

# (The sandbox starts with an empty environment: the responder's path is
# written into the script.)
same() { assert_same "${PRE//@NI_RESPONDER@/$NI_RESPONDER}$1$POST"; }
# What ping decides before it sends: no network needed.
early() { assert_same "$1"; }

@test "-N name, ipv6, ipv4 queries: the names and addresses of the reply, seq= from the nonce" {
  same 'ping -c 1 -N name fd00:1::2 | mask; ping -c 1 -N fqdn fd00:1::2 | mask'
  same 'ping -c 1 -N ipv6 fd00:1::2 | mask; ping -c 1 -N ipv6-global -N ipv6-linklocal fd00:1::2 | mask'
  same 'ping -c 1 -N ipv6-all fd00:1::2 | mask; ping -c 1 -N ipv4 fd00:1::2 | mask; ping -c 1 -N ipv4-all fd00:1::2 | mask'
  same 'ping -c 3 -i 0.2 -N name fd00:1::2 | mask; echo rc=$?'
  # (-f: whether the second probe leaves before the first reply depends on
  # the responder's speed, in iputils and nsbox alike: the dots and erasures
  # are counted, and "pipe N" dropped)
  same 'ping -v -c 2 -i 0.2 -N name fd00:1::2 2>&1 | mask | sed -E "s/ident=[0-9]+/ident=N/"
        ping -f -c 2 -N ipv6 fd00:1::2 | mask | sed -E "s/^pipe [0-9]+, //" |
          awk '"'"'/\010/ { d = gsub(/\./, ""); e = gsub(/\010 \010/, ""); printf "dots %d, erased %d [%s]\n", d, e, $0; next } { print }'"'"''
  same 'ping -c 2 -i 0.2 -q -N ipv6 fd00:1::2 | mask'
}

@test "-N with a subject: refused, unknown, odd codes and qtypes, names that do not parse" {
  same 'ping -c 1 -N name -N subject-name=refuse fd00:1::2 | mask; ping -c 1 -N name -N subject-name=unknown fd00:1::2 | mask'
  same 'ping -c 1 -N name -N subject-name=oddcode fd00:1::2 | mask; ping -c 1 -N name -N subject-name=badqtype fd00:1::2 | mask'
  same 'ping -c 1 -N name -N subject-name=cut fd00:1::2 | mask; ping -c 1 -N name -N subject-name=escape fd00:1::2 | mask'
  same 'ping -c 1 -N name -N subject-name=short fd00:1::2 | mask; ping -c 1 -N ipv6 -N subject-name=short fd00:1::2 | mask'
  same 'ping -c 1 -N name -N subject-fqdn=Node fd00:1::2 | mask; ping -c 1 -N ipv6 -N subject-ipv4=10.9.0.2 fd00:1::2 | mask'
  same 'ping -c 1 -N name -N subject-ipv6=fd00:1::2 fd00:1::2 | mask'
}

@test "-N subject-name in Unicode: sent as libidn2 converts it in a UTF-8 locale, refused in the C locale" {
  # The responder answers an A-label subject with that name, so the line
  # shows what went out: lower case, Punycode, per label.
  same 'for n in bücher.example MÜNCHEN.de ПРИМЕР.испытание Ελληνικά; do LC_ALL=C.UTF-8 ping -c 1 -N name -N subject-name=$n fd00:1::2 | mask; done'
  early 'ping -N subject-name=bücher.example ::1; echo rc=$?; LANG=C.UTF-8 LC_ALL=POSIX ping -N subject-name=Ελληνικά ::1; echo rc=$?
LANG=C.UTF-8 ping -N subject-name=b$(printf "\xfc")cher ::1'
}

@test "-N subject alone sends echo requests, on a raw socket" {
  same 'ping -c 1 -N subject-name=node fd00:1::2 | mask'
  same 'ping -c 1 -v -N subject-ipv6=fd00:1::2 fd00:1::2 2>&1 | mask | sed -E "s/ident=[0-9]+/ident=N/; s/fd: [0-9]+/fd: N/g"'
}

@test "-N help, bad words, conflicts and subjects that cannot be used" {
  early 'ping -N help; echo rc=$?; ping -N help -c 0 ::1'
  early 'ping -N foo ::1; echo rc=$?; ping -N name=x ::1; echo rc=$?; ping -N ipv6-all= ::1'
  early 'ping -N name -N ipv6 ::1; echo rc=$?; ping -N ipv4 -N ipv6-all ::1'
  early 'ping -N subject-ipv4=10.0.0.1 -N subject-ipv6=fd00::1 ::1; echo rc=$?; ping -N subject-name=a -N subject-ipv4=10.0.0.1 ::1'
  early 'ping -N subject-ipv6=10.0.0.1 ::1; echo rc=$?; ping -N subject-ipv4=fd00::1 ::1'
  early 'ping -N subject-name=a%0123456789abcdef ::1; echo rc=$?; ping -N subject-name=a..b ::1'
  early 'ping -N subject-name=$(printf "x%.0s" $(seq 64)) ::1; echo rc=$?; ping -N subject-name=a- ::1; echo rc=$?; ping -N subject-name=ab--c ::1'
  early 'ping -N "subject-name=$(printf "x%.0s" $(seq 50)).$(printf "x%.0s" $(seq 50)).$(printf "x%.0s" $(seq 50)).$(printf "x%.0s" $(seq 50)).$(printf "x%.0s" $(seq 50))" ::1'
  early 'ping -N; echo rc=$?; ping -N name'
}
