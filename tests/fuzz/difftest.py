#!/usr/bin/env python3
"""Differential test of nsbox tcpdump against the reference tcpdump.

Generates random (and randomly damaged) Ethernet frames within what nsbox
decodes - Ethernet, 802.1Q, 802.3/LLC/SNAP, ARP, IPv4 with options, ICMP with
quoted datagrams, UDP and TCP on ports no tcpdump dissector claims - writes
them to a pcap, prints it with both tools under several option sets, and
reports every packet whose text differs. DNS messages (UDP and TCP port 53,
mDNS on 5353), well-formed and damaged, are part of the mix.

    tests/fuzz/difftest.py [--seed N] [--count N] [--rounds N] [--nsbox PATH]

Exit status 1 when anything differs. Nothing is sent anywhere: the packets
only ever exist in a temporary file.
"""

import argparse
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

# Ports tcpdump 4.99.3 decodes (UDP and TCP); the generator avoids them so
# that the generic "UDP, length N" / "length N" lines are what both print.
UDP_DISSECTED = {53, 67, 68, 69, 88, 123, 161, 162, 319, 320, 496, 500, 514, 520, 521, 525, 546, 547, 646,
                 654, 698, 701, 750, 921, 1589, 1645, 1646, 1700, 1701, 1812, 1813, 1985, 2049, 2103, 2104,
                 3456, 3503, 3784, 3785, 3799, 4342, 4500, 4567, 4784, 4789, 4790, 5060, 5353, 5359, 6081,
                 6343, 6635, 6696, 6697, 6784, 7500, 8231, 8472, 8500, 12222, 12223, 17754, 30490, 49152}
UDP_DISSECTED |= set(range(7000, 7010)) | set(range(200, 328)) | set(range(768, 896)) | set(range(16512, 16640))
TCP_DISSECTED = {21, 22, 23, 25, 43, 53, 80, 323, 139, 179, 445, 554, 646, 639, 1723, 2049, 3128, 5355, 6379,
                 6633, 6653, 8000, 8080, 8554, 10288, 1494, 2000, 4000, 4001}


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


class Gen:
    def __init__(self, rnd):
        self.r = rnd

    def port(self, dissected):
        while True:
            p = self.r.choice([self.r.randrange(1024, 65536), self.r.randrange(0, 1024), 33434, 5555, 12345])
            if p not in dissected:
                return p

    def ip4(self):
        return bytes(self.r.choice([[10, 0, 0, self.r.randrange(256)], [self.r.randrange(256) for _ in range(4)],
                                    [255, 255, 255, 255], [224, 0, 0, 1]]))

    def mac(self):
        return self.r.choice([bytes([2, 0, 0, 0, 0, self.r.randrange(256)]), b'\xff' * 6,
                              bytes(self.r.randrange(256) for _ in range(6)), b'\x01\x00\x5e\x00\x00\x01'])

    def ip_options(self):
        r = self.r
        kind = r.randrange(8)
        if kind == 0:
            return b''
        if kind == 1:
            return bytes([1, 1, 1, 0])
        if kind == 2:
            n = r.randrange(1, 4)
            ptr = r.choice([4, 8, 4 + 4 * n, r.randrange(256)])
            o = bytes([7, 3 + 4 * n, ptr]) + b''.join(self.ip4() for _ in range(n))
            return o + b'\0' * ((4 - len(o) % 4) % 4)
        if kind == 3:
            return bytes([148, 4, r.randrange(2), r.randrange(256)])
        if kind == 4:
            flag = r.choice([0, 1, 3, 2, 5, 0x11])
            hop = 4 if (flag & 0xf) == 0 else 8
            n = r.randrange(1, 4)
            ptr = r.choice([5, 5 + hop, 5 + hop * n, r.randrange(256)])
            o = bytes([68, 4 + hop * n, ptr, flag]) + bytes(r.randrange(256) for _ in range(hop * n))
            return o + b'\0' * ((4 - len(o) % 4) % 4)
        if kind == 5:
            return bytes([r.choice([131, 137]), 11, 4]) + self.ip4() + self.ip4() + b'\0'
        if kind == 6:
            return bytes(r.randrange(256) for _ in range(4 * r.randrange(1, 5)))
        return bytes([r.randrange(256), r.randrange(0, 6), 0, 0])

    def ipv4(self, proto, payload, frag=False):
        r = self.r
        opts = self.ip_options()
        hl = 20 + len(opts)
        tot = hl + len(payload)
        if r.random() < 0.08:
            tot = r.choice([0, r.randrange(0, 20), tot + r.randrange(1, 50), max(0, tot - r.randrange(1, 10))])
        ihl = hl // 4 if r.random() > 0.03 else r.randrange(16)
        ver = 4 if r.random() > 0.02 else r.choice([5, 6, 0])
        off = 0x4000
        if frag or r.random() < 0.05:
            off = r.choice([0x2000, 0x0001, 0x2010, 0x8000, 0xe000, 0x0000])
        tos = r.choice([0, 0, 0x10, 0xb8, 1, 2, 3])
        ttl = r.choice([64, 1, 0, 255])
        h = struct.pack('!BBHHHBBH4s4s', (ver << 4) | (ihl & 0xf), tos, tot & 0xffff, r.randrange(65536), off,
                        ttl, proto, 0, self.ip4(), self.ip4()) + opts
        c = csum(h) if r.random() > 0.05 else r.randrange(65536)
        return h[:10] + struct.pack('!H', c) + h[12:] + payload

    def udp(self, inner=False):
        r = self.r
        sport, dport = self.port(UDP_DISSECTED), self.port(UDP_DISSECTED)
        if r.random() < 0.3:
            data = self.dns()
            port = r.choice([53, 53, 5353])
            if r.random() < 0.5:
                sport = port
            else:
                dport = port
        else:
            data = bytes(r.randrange(256) for _ in range(r.randrange(0, 40)))
        ulen = 8 + len(data)
        if r.random() < 0.1:
            ulen = r.choice([0, 4, 7, ulen + 10, ulen - 1 if ulen > 8 else 8, 70000 & 0xffff])
        cks = r.choice([0, r.randrange(65536)])
        return struct.pack('!HHHH', sport, dport, ulen, cks) + data

    def tcp(self):
        r = self.r
        opts = b''
        for _ in range(r.randrange(0, 4)):
            opts += r.choice([b'\x01', b'\x02\x04\x05\xb4', b'\x03\x03\x07', b'\x04\x02',
                              b'\x08\x0a' + bytes(r.randrange(256) for _ in range(8)),
                              b'\x05\x0a' + bytes(r.randrange(256) for _ in range(8)),
                              b'\x1c\x04\x00\x10', b'\x22\x02', b'\x22\x06abcd', b'\xfe\x06\xf9\x89ab',
                              bytes([r.choice([x for x in range(256) if x != 30]), r.randrange(0, 12)]) + bytes(r.randrange(256) for _ in range(4)),
                              b'\x00'])
        opts += b'\0' * ((4 - len(opts) % 4) % 4)
        off = (20 + len(opts)) // 4
        if r.random() < 0.05:
            off = r.randrange(16)
        flags = r.choice([0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x14, r.randrange(256)])
        data = bytes(r.randrange(256) for _ in range(r.choice([0, 0, r.randrange(1, 60)])))
        return struct.pack('!HHIIBBHHH', self.port(TCP_DISSECTED), self.port(TCP_DISSECTED), r.randrange(1 << 32),
                           r.randrange(1 << 32), off << 4, flags, r.randrange(65536), r.randrange(65536),
                           r.randrange(65536)) + opts + data

    def tcp_text(self):
        """A TCP segment carrying text on a port tcpdump prints as text."""
        r = self.r
        port = r.choice([80, 8080, 21, 25, 43, 22, 554, 8554])
        lines = r.choice([
            [b'GET / HTTP/1.1', b'Host: example.org', b'Accept: */*', b''],
            [b'HTTP/1.1 200 OK', b'Content-Length: 3', b'', b'abc'],
            [b'get /x HTTP/1.0'], [b'FOO bar'], [b'220 ftp ready'], [b'SSH-2.0-OpenSSH_9.2'],
            [b'PLAY rtsp://x RTSP/1.0', b'CSeq: 2'], [bytes(r.randrange(256) for _ in range(20))],
            [b'x' * 140], [b'HTTP/1.1\t404 Not Found'], [b'GET\r/ HTTP/1.1'],
        ])
        sep = r.choice([b'\r\n', b'\n', b'\r', b'\r\n'])
        data = sep.join(lines) + r.choice([sep, b'', b'\r'])
        sport, dport = (port, self.port(TCP_DISSECTED)) if r.random() < 0.5 else (self.port(TCP_DISSECTED), port)
        flags = r.choice([0x18, 0x18, 0x14, 0x10])
        return struct.pack('!HHIIBBHHH', sport, dport, r.randrange(1 << 32), r.randrange(1 << 32), 5 << 4, flags,
                           r.randrange(65536), r.randrange(65536), 0) + data

    def dns_name(self, msg, names):
        """A domain name to append to `msg`; `names` holds offsets of earlier
        names that a compression pointer may point to."""
        r = self.r
        out = b''
        for _ in range(r.choice([0, 1, 2, 2, 3, 4])):
            kind = r.random()
            if kind < 0.8:
                n = r.choice([1, 3, 7, 12, 63, r.randrange(1, 64)])
                alphabet = b'abcdefghijklmnopqrstuvwxyz0123456789-_' if r.random() < 0.9 else bytes(range(256))
                out += bytes([n]) + bytes(r.choice(alphabet) for _ in range(n))
            elif kind < 0.85:
                bits = r.choice([0, 1, 4, 5, 8, 12, 17, 32, r.randrange(256)])
                nbytes = ((bits or 256) + 7) // 8
                out += bytes([0x41, bits]) + bytes(r.randrange(256) for _ in range(nbytes))
            elif kind < 0.9:
                out += bytes([r.choice([0x42, 0x7f, 0x80, 0xbf]), 3]) + b'abc'
            else:
                break
        if r.random() < 0.1:
            out += b'\x0a' + b'x' * 10
            out = out * r.randrange(1, 30)
        if names and r.random() < 0.5:
            target = r.choice(names) if r.random() < 0.9 else r.randrange(0x4000)
            return out + struct.pack('!H', 0xc000 | target)
        if r.random() < 0.03:
            return out + struct.pack('!H', 0xc000 | (len(msg) + len(out)))  # points at itself
        names.append(len(msg))
        return out + b'\0'

    def dns_rdata(self, typ, msg, names):
        r = self.r
        if typ == 1:
            return self.ip4()
        if typ in (2, 5, 12, 39):
            return self.dns_name(msg, names)
        if typ == 6:
            return self.dns_name(msg, names) + self.dns_name(msg, names) + struct.pack(
                '!IIIII', *(r.randrange(1 << 32) for _ in range(5)))
        if typ == 15:
            return struct.pack('!H', r.randrange(65536)) + self.dns_name(msg, names)
        if typ == 16:
            out = b''
            for _ in range(r.randrange(1, 4)):
                t = bytes(r.choice(b'hello world "=;\x01\xff') for _ in range(r.randrange(0, 20)))
                out += bytes([len(t) if r.random() > 0.05 else r.randrange(256)]) + t
            return out
        if typ == 33:
            return struct.pack('!HHH', r.randrange(100), r.randrange(100), r.randrange(65536)) + self.dns_name(msg, names)
        if typ == 28:
            return self.ip6addr()
        if typ == 38:
            pbit = r.choice([0, 64, 128, 127, 1, 200, r.randrange(129)])
            return bytes([pbit]) + bytes(r.randrange(256) for _ in range(16 - (pbit & ~7) // 8 if pbit <= 128 else 0)) + (
                self.dns_name(msg, names) if pbit else b'')
        if typ == 256:
            return struct.pack('!HH', 10, 1)[:r.choice([4, 4, 2, 0])] + b'https://example.org/'
        if typ == 41:
            out = b''
            for _ in range(r.randrange(0, 4)):
                code = r.choice([3, 5, 6, 7, 8, 8, 9, 10, 10, 11, 12, 13, 14, 15, 65001, r.randrange(65536)])
                if code == 8:
                    fam = r.choice([1, 2, 1, 3])
                    src = r.choice([24, 32, 56, 0, 33, 17, 129])
                    data = struct.pack('!HBB', fam, src, r.choice([0, 0, 24, 200])) + bytes(
                        r.randrange(256) for _ in range(r.choice([(src + 7) // 8, 3, 0])))
                elif code == 10:
                    data = bytes(r.randrange(256) for _ in range(r.choice([8, 16, 24, 40, 7, 12, 41])))
                elif code == 13:
                    data = b'\x07example\x03com\x00' if r.random() < 0.7 else b'\xc0\x00'
                else:
                    data = bytes(r.randrange(256) for _ in range(r.choice([0, 1, 2, 4, 8, 3])))
                out += struct.pack('!HH', code, len(data) if r.random() > 0.05 else r.randrange(64)) + data
            return out
        if typ == 250:
            mac = bytes(r.randrange(256) for _ in range(r.choice([0, 16])))
            return (self.dns_name(msg, names) + bytes(6) + struct.pack('!HH', 300, len(mac)) + mac +
                    struct.pack('!HHH', r.randrange(65536), r.choice([0, 16, 18]), 0))
        return bytes(r.randrange(256) for _ in range(r.randrange(0, 12)))

    DNS_TYPES = [1, 1, 28, 28, 5, 2, 12, 39, 6, 15, 16, 33, 38, 256, 41, 250, 255, 13, 99, 104, 64, 65, 0, 300]

    def dns(self):
        """A DNS message: mostly well-formed, sometimes damaged."""
        r = self.r
        qd = r.choice([1, 1, 1, 0, 2])
        an = r.choice([0, 0, 1, 2, 3])
        ns = r.choice([0, 0, 1])
        ar = r.choice([0, 0, 1, 2])
        flags = r.choice([0x0100, 0x0120, 0x8180, 0x8183, 0x8580, 0x8100, 0x0110, 0x8380, 0x2800, 0x8000,
                          r.randrange(65536)])
        msg = bytearray(struct.pack('!HHHHHH', r.randrange(65536), flags, qd, an, ns, ar))
        names = []
        for _ in range(qd):
            msg += self.dns_name(msg, names)
            cls = r.choice([1, 1, 1, 3, 4, 255, 0x8001, 254])
            msg += struct.pack('!HH', r.choice(self.DNS_TYPES), cls)
        for _ in range(an + ns + ar):
            typ = r.choice(self.DNS_TYPES)
            owner = self.dns_name(msg, names) if typ != 41 else b'\0'
            rdata = self.dns_rdata(typ, bytes(msg) + owner + bytes(10), names)
            cls = r.choice([1, 1, 0x8001, 3, 4096, 512]) if typ != 41 else r.choice([512, 1232, 4096])
            ttl = r.choice([0, 60, 3600, 86400, 31536000 + 7, r.randrange(1 << 32)])
            if typ == 41:
                ttl = r.choice([0, 0x8000, 0x01000000, 0x00008000 | (r.randrange(256) << 24)])
            rdlen = len(rdata) if r.random() > 0.05 else r.randrange(0, 80)
            msg += owner + struct.pack('!HHIH', typ, cls, ttl, rdlen) + rdata
        if r.random() < 0.05:
            del msg[r.randrange(len(msg)):]
        return bytes(msg)

    def tcp_dns(self):
        """A TCP segment carrying a DNS message with its length prefix."""
        r = self.r
        msg = self.dns()
        prefix = struct.pack('!H', len(msg) if r.random() > 0.1 else r.randrange(65536))
        data = (prefix + msg)[:r.choice([None, None, None, 1])]
        sport, dport = (53, self.port(TCP_DISSECTED)) if r.random() < 0.5 else (self.port(TCP_DISSECTED), 53)
        return struct.pack('!HHIIBBHHH', sport, dport, r.randrange(1 << 32), r.randrange(1 << 32), 5 << 4, 0x18,
                           r.randrange(65536), r.randrange(65536), 0) + data

    def icmp(self, depth=0):
        r = self.r
        t = r.choice([0, 8, 3, 3, 3, 5, 11, 12, 4, 9, 10, 13, 14, 17, 18, 42, r.randrange(256)])
        code = r.choice([0, 1, 2, 3, 4, 13, r.randrange(256)]) if t in (3, 5, 11, 12) else r.choice([0, 0, 1])
        if t in (3, 4, 5, 11, 12):
            inner_proto = r.choice([17, 6, 1, 99])
            if inner_proto == 17:
                payload = self.udp(True)
            elif inner_proto == 6:
                payload = self.tcp()
            elif inner_proto == 1 and depth == 0:
                payload = self.icmp(1)
            else:
                payload = bytes(r.randrange(256) for _ in range(8))
            inner = self.ipv4(inner_proto, payload)
            keep = r.choice([28, 28, len(inner), r.randrange(0, len(inner) + 1)])
            rest = struct.pack('!I', r.choice([0, 1500, r.randrange(1 << 32)])) if t != 5 else self.ip4()
            if t == 3 and code == 4:
                rest = struct.pack('!HH', 0, r.choice([0, 1400]))
            body = rest + inner[:keep]
            if r.random() < 0.1:
                body += b'\xff' * r.randrange(100, 200)
        elif t == 9:
            n = r.randrange(0, 3)
            body = bytes([n, r.choice([2, 2, 3])]) + struct.pack('!H', r.choice([30, 1800, 9000])) + b''.join(
                self.ip4() + struct.pack('!I', r.randrange(1 << 32)) for _ in range(n))
        elif t in (13, 14):
            body = struct.pack('!HH', r.randrange(65536), r.randrange(65536)) + bytes(
                r.randrange(256) for _ in range(12))
        else:
            body = struct.pack('!HH', r.randrange(65536), r.randrange(65536)) + bytes(
                r.randrange(256) for _ in range(r.randrange(0, 60)))
        h = struct.pack('!BBH', t, code, 0) + body
        c = csum(h) if r.random() > 0.1 else r.randrange(65536)
        return h[:2] + struct.pack('!H', c) + h[4:]

    def arp(self):
        r = self.r
        hrd = r.choice([1, 1, 1, 6, 15, 19, 32, r.randrange(65536)])
        pro = r.choice([0x0800, 0x0800, 0x1000, 0x86dd, r.randrange(65536)])
        hln = r.choice([6, 6, 6, 0, 8, r.randrange(20)])
        pln = r.choice([4, 4, 4, 16, r.randrange(20)])
        op = r.choice([1, 1, 2, 2, 3, 4, 8, 9, 10, r.randrange(65536)])
        sha = bytes(r.randrange(256) for _ in range(hln))
        tha = r.choice([b'\0' * hln, bytes(r.randrange(256) for _ in range(hln))])
        spa = bytes(r.randrange(256) for _ in range(pln))
        tpa = bytes(r.randrange(256) for _ in range(pln))
        return struct.pack('!HHBBH', hrd, pro, hln, pln, op) + sha + spa + tha + tpa

    def ip6addr(self):
        r = self.r
        return r.choice([b'\xfe\x80' + b'\0' * 6 + bytes(r.randrange(256) for _ in range(8)),
                         b'\xff\x02' + b'\0' * 13 + bytes([r.choice([1, 2, 0x16])]), b'\0' * 16,
                         b'\x20\x01\x0d\xb8' + bytes(r.randrange(256) for _ in range(12)),
                         b'\0' * 10 + b'\xff\xff' + bytes(r.randrange(256) for _ in range(4))])

    def nd_options(self):
        r = self.r
        out = b''
        for _ in range(r.randrange(0, 4)):
            t = r.choice([1, 2, 3, 5, 25, 24, 7, 8, 14, 31, 4])
            if t in (1, 2):
                out += bytes([t, 1]) + bytes(r.randrange(256) for _ in range(6))
            elif t == 3:
                out += bytes([3, 4, r.randrange(129), r.choice([0xc0, 0x80, 0])]) + struct.pack(
                    '!III', r.choice([86400, 0xffffffff]), 14400, 0) + self.ip6addr()
            elif t == 5:
                out += bytes([5, 1, 0, 0]) + struct.pack('!I', 1500)
            elif t == 25:
                n = r.randrange(1, 3)
                out += bytes([25, 1 + 2 * n, 0, 0]) + struct.pack('!I', 600) + b''.join(self.ip6addr() for _ in range(n))
            elif t == 24:
                ln = r.choice([1, 2, 3])
                out += bytes([24, ln, 48, 0x08]) + struct.pack('!I', 1800) + bytes(8 * (ln - 1))
            elif t == 31:
                name = b'\x07example\x03com\x00'
                body = struct.pack('!HI', 0, 600) + name
                body += b'\0' * ((8 - (len(body) + 2) % 8) % 8)
                out += bytes([31, (len(body) + 2) // 8]) + body
            else:
                out += bytes([t, r.choice([1, 2, 0])]) + bytes(r.randrange(256) for _ in range(6))
        return out

    def icmp6(self):
        r = self.r
        t = r.choice([128, 129, 133, 134, 135, 136, 137, 143, 130, 131, 132, 1, 2, 3, 4, 138, 139, 140, 155, 144, 145, 146, 147, r.randrange(256)])
        code = r.choice([0, 0, 1, 2, 3, 4, 5])
        if t in (128, 129):
            body = struct.pack('!HH', r.randrange(65536), r.randrange(65536)) + bytes(r.randrange(256) for _ in range(r.randrange(0, 30)))
        elif t == 133:
            body = b'\0' * 4 + self.nd_options()
        elif t == 134:
            body = bytes([64, r.choice([0, 0xc0, 0x18, 0x08])]) + struct.pack('!HII', 1800, 0, 0) + self.nd_options()
        elif t in (135, 136):
            body = struct.pack('!I', r.choice([0, 0x60000000, 0xe0000000])) + self.ip6addr() + self.nd_options()
        elif t == 137:
            body = b'\0' * 4 + self.ip6addr() + self.ip6addr() + self.nd_options()
        elif t == 143:
            n = r.randrange(0, 3)
            recs = b''
            for _ in range(n):
                ns = r.randrange(0, 2)
                recs += bytes([r.randrange(1, 8), 0]) + struct.pack('!H', ns) + self.ip6addr() + b''.join(self.ip6addr() for _ in range(ns))
            body = struct.pack('!HH', 0, n if r.random() > 0.1 else n + 1) + recs
        elif t == 130:
            body = struct.pack('!HH', r.randrange(65536), 0) + self.ip6addr() + (bytes([r.randrange(16), r.randrange(256)]) + struct.pack('!H', 0) if r.random() > 0.5 else b'')
        elif t in (131, 132):
            body = struct.pack('!HH', r.randrange(65536), 0) + self.ip6addr()
        elif t in (1, 2, 3, 4):
            inner = self.ipv6(r.choice([17, 6, 58]), quoted=True)
            body = struct.pack('!I', r.randrange(1 << 32)) + inner[:r.choice([48, 48, len(inner), r.randrange(len(inner) + 1)])]
        else:
            body = bytes(r.randrange(256) for _ in range(r.randrange(0, 30)))
        return struct.pack('!BBH', t, code, r.randrange(65536)) + body

    def ipv6(self, nh=None, quoted=False):
        r = self.r
        if nh is None:
            nh = r.choice([58, 58, 17, 6, 99])
        if nh == 58 and not quoted:
            payload = self.icmp6()
        elif nh == 17:
            payload = self.udp()
        elif nh == 6:
            payload = self.tcp()
        else:
            payload = bytes(r.randrange(256) for _ in range(r.randrange(0, 20)))
        exts = []
        for _ in range(r.choice([0, 0, 1, 2])):
            exts.append(r.choice([0, 60, 44, 43]))
        if 0 in exts:
            exts.remove(0)
            exts.insert(0, 0)
        hdrs = b''
        chain = exts + [nh]
        for i, e in enumerate(exts):
            nxt = chain[i + 1]
            if e in (0, 60):
                opts = r.choice([b'\x05\x02\x00\x00\x01\x00', b'\x01\x04\x00\x00\x00\x00', b'\x00' * 6,
                                 b'\xc2\x04\x00\x01\x00\x00', bytes(r.randrange(256) for _ in range(6))])
                hdrs += bytes([nxt, 0]) + opts
            elif e == 44:
                hdrs += bytes([nxt, 0]) + struct.pack('!HI', r.choice([0, 0, 1, 8, 0x10]), r.randrange(1 << 32))
            else:
                n = r.randrange(0, 3)
                typ = r.choice([0, 4, 2, 7])
                hdrs += bytes([nxt, 2 * n, typ, r.randrange(4)]) + b'\0' * 4 + b''.join(self.ip6addr() for _ in range(n))
        body = hdrs + payload
        plen = len(body)
        if r.random() < 0.08:
            plen = r.choice([0, plen + 5, max(0, plen - 3)])
        ver = 6 if r.random() > 0.03 else r.choice([4, 0])
        first = (ver << 28) | (r.choice([0, 0, 0xb8]) << 20) | r.choice([0, 0x12345])
        return struct.pack('!IHBB', first, plen, exts[0] if exts else nh, r.choice([64, 255, 1])) + self.ip6addr() + self.ip6addr() + body

    def frame(self):
        r = self.r
        kind = r.choice(['icmp', 'icmp', 'udp', 'tcp', 'arp', 'ipraw', 'unknown', 'llc', 'vlan', 'ip6', 'ip6', 'ip6'])
        if kind == 'ip6':
            return self.mac() + self.mac() + b'\x86\xdd' + self.ipv6()
        dst, src = self.mac(), self.mac()
        if kind == 'arp':
            return dst + src + struct.pack('!H', r.choice([0x0806, 0x8035])) + self.arp()
        if kind == 'unknown':
            et = r.choice([0x1234, 0x88b5, 0x0600, 0x8137 + 1, r.randrange(0x600, 0x10000)])
            if et in (0x0800, 0x0806, 0x8035, 0x86dd, 0x8100, 0x88a8, 0x9100, 0x9200):
                et = 0x1234
            if et in DISSECTED_ETHERTYPES:
                et = 0x1234
            return dst + src + struct.pack('!H', et) + bytes(r.randrange(256) for _ in range(r.randrange(0, 80)))
        if kind == 'llc':
            body = r.choice([b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + self.ipv4(1, self.icmp()),
                             b'\xaa\xaa\x03' + bytes(r.randrange(256) for _ in range(5)) + b'xyz',
                             bytes([r.randrange(0x10, 0x40) & 0xfe, r.randrange(0x10, 0x40)]) +
                             bytes([r.choice([0x03, 0xaf, 0xbf, 0xe3, 0x01, 0x05, 0x00, 0x02])]) +
                             bytes(r.randrange(256) for _ in range(r.randrange(0, 12))),
                             b'\x06\x06\x03' + self.ipv4(17, self.udp())])
            ln = len(body) if r.random() > 0.1 else r.randrange(0, 1501)
            return dst + src + struct.pack('!H', ln) + body
        if kind == 'vlan':
            inner = r.choice([0x0800, 0x0806, 0x8100, 0x88a8, 0x1234])
            tci = r.randrange(65536)
            payload = self.ipv4(1, self.icmp()) if inner == 0x0800 else self.arp()
            if inner in (0x8100, 0x88a8):
                payload = struct.pack('!HH', r.randrange(65536), 0x0800) + self.ipv4(17, self.udp())
            return dst + src + struct.pack('!HHH', r.choice([0x8100, 0x88a8, 0x9100]), tci, inner) + payload
        if kind == 'tcp' and r.random() < 0.3:
            return dst + src + b'\x08\x00' + self.ipv4(6, self.tcp_text())
        if kind == 'tcp' and r.random() < 0.2:
            return dst + src + b'\x08\x00' + self.ipv4(6, self.tcp_dns())
        proto = {'icmp': 1, 'udp': 17, 'tcp': 6}.get(kind)
        if proto is None:
            proto = r.choice([4, 99, 77, 250, 253, 0x8e, 58, 59, 41, 143])
            payload = self.ipv4(1, self.icmp()) if proto == 4 else bytes(r.randrange(256) for _ in range(20))
            if proto == 41:
                payload = self.ipv6()
        else:
            payload = {'icmp': self.icmp, 'udp': self.udp, 'tcp': self.tcp}[kind]()
        return dst + src + b'\x08\x00' + self.ipv4(proto, payload)

    def packet(self):
        r = self.r
        data = self.frame()
        if r.random() < 0.05:
            data += b'\0' * r.randrange(1, 20)  # Ethernet padding
        wire = len(data)
        cap = wire
        roll = r.random()
        if roll < 0.25:
            cap = r.randrange(0, wire + 1)
        elif roll < 0.3:
            wire += r.randrange(1, 100)
        if cap == 0:
            cap = 1
        return data[:cap], wire


# Ethertypes tcpdump decodes and nsbox does not; the generator avoids them.
DISSECTED_ETHERTYPES = {0x6003, 0x809b, 0x80f3, 0x8137, 0xfefe, 0x8863, 0x8864, 0x888e, 0x8899, 0x880b,
                        0x8808, 0x8809, 0x8902, 0xabcd, 0x88cc, 0x894f, 0x9000, 0x8847, 0x8848, 0x88ca, 0x886f,
                        0x0707, 0x8947, 0x1111, 0x88a2, 0x88f7, 0xd28b, 0x88e5, 0x8870}


def write_pcap(path, packets, base):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, (data, wire) in enumerate(packets):
            f.write(struct.pack('<IIII', base + i, (i * 7919) % 1000000, len(data), wire) + data)


def split_packets(text):
    """Splits -# output into {number: text}."""
    out = {}
    cur = None
    for line in text.split('\n'):
        m = re.match(r'^\s*(\d+)  ', line)
        if m:
            cur = int(m.group(1))
            out[cur] = line
        elif cur is not None:
            out[cur] += '\n' + line
    return out


def run(cmd, path, opts):
    r = subprocess.run(cmd + ['-#'] + opts + ['-r', path], capture_output=True, env=dict(os.environ, TZ='GMT'),
                       timeout=120)
    return r.stdout.decode('latin1'), r.returncode


OPTION_SETS = [['-n'], ['-n', '-v'], ['-n', '-vv'], ['-n', '-e'], ['-n', '-q'], ['-n', '-x'], ['-n', '-e', '-X'],
               ['-n', '-e', '-q'], ['-n', '-A'], ['-n', '-S', '-v'], ['-n', '-xx'], ['-n', '-e', '-v'], ['-n', '-vvv']]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=2000)
    ap.add_argument('--rounds', type=int, default=1)
    ap.add_argument('--nsbox', default=os.path.join(os.path.dirname(__file__), '../../build/nsbox'))
    ap.add_argument('--show', type=int, default=5)
    args = ap.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rnd in range(args.rounds):
            seed = args.seed + rnd
            gen = Gen(random.Random(seed))
            packets = [gen.packet() for _ in range(args.count)]
            path = os.path.join(tmp, 'd.pcap')
            write_pcap(path, packets, 1700000000)
            for opts in OPTION_SETS:
                ref, ref_rc = run(['/usr/bin/tcpdump'], path, opts)
                got, got_rc = run([args.nsbox, 'tcpdump'], path, opts)
                if ref == got and ref_rc == got_rc:
                    continue
                a, b = split_packets(ref), split_packets(got)
                bad = [n for n in sorted(set(a) | set(b)) if a.get(n) != b.get(n)]
                failures += len(bad)
                print(f'seed {seed} {" ".join(opts)}: {len(bad)} packets differ (rc {ref_rc}/{got_rc})')
                for n in bad[:args.show]:
                    data, wire = packets[n - 1]
                    print(f'  packet {n} wire {wire} cap {len(data)}: {data.hex()}')
                    print('    ref: ' + repr(a.get(n)))
                    print('    nsb: ' + repr(b.get(n)))
    print('differences:', failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
