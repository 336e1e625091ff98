# A DNS responder for the sandboxes (Python standard library only), on the
# address in argv[1], port 53: A, AAAA, CNAME and PTR answers from the
# tables below, NOERROR without data for other types of known names,
# NXDOMAIN otherwise. It stops by itself after 30 s (the scripts also kill
# it by PID). Started by DNS_START (helpers.bash).
import socket, struct, sys, time
A = {"web.lab": "10.0.0.3", "gw.lab": "10.0.0.1"}
AAAA = {"web6.lab": "fd00::3"}
CNAME = {"alias.lab": "web.lab"}
PTR = {"3.0.0.10.in-addr.arpa": "web.lab", "4.0.0.10.in-addr.arpa": "four.lab", "0.0.0.10.in-addr.arpa": "zero.lab",
       "3.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa": "web6.lab"}
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
    elif qt == 28 and target in AAAA:
        ans.append(rr(target, 28, socket.inet_pton(socket.AF_INET6, AAAA[target])))
    elif qt == 12 and key in PTR:
        ans.append(rr(key, 12, enc(PTR[key])))
    elif not ans and target not in A and target not in AAAA and key not in PTR:
        rcode = 3
    hdr = struct.pack("!HHHHHH", qid, 0x8180 | (flags & 0x0100) | rcode, 1, len(ans), 0, 0)
    s.sendto(hdr + q[12:o + 4] + b"".join(ans), peer)
