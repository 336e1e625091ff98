#!/usr/bin/env python3
"""Builds the seed corpora of the libFuzzer targets from recorded data.

    tests/fuzz/seeds.py OUTDIR [CORPUS_DIR]

OUTDIR/NAME/ gets one file per seed for each target fuzz_NAME:
  rtnl_fuzzer   the kernel dumps recorded in tests/unit/*_dump.hpp (hex),
                whole and cut into single messages
  rule_fuzzer   the recorded rule dump
  nft_fuzzer    the NEWRULE messages recorded from iptables-nft in
                tests/unit/iptables_*_test.cpp
  print_fuzzer  every packet of the classic pcaps in tests/data/tcpdump and
                CORPUS_DIR (tcpdump's own captures), with the 4-byte prefix
                print_fuzzer.cpp reads (link-type selector, options, extra length)
  restore_fuzzer  the restore files and the rules of tests/bats/iptables*.bats
  etc_fuzzer    this machine's /etc/hosts, nsswitch.conf, passwd, group,
                sysctl.conf and /etc/iproute2 files (group too), each behind its
                reader's selector byte
  netdb_fuzzer  this machine's /etc/protocols, services, hosts and networks,
                and an /etc/ethers made of the pcaps' MAC addresses
  ping_fuzzer   the IPv4 options of every packet of the pcaps that has some,
                and the -R / -T option bytes ping sends
  batch_fuzzer  the ip command lines of the bats tests (tests/bats/ip_*),
                one per seed and in files of 32 lines
  routedump_fuzzer  the recorded route dumps, as `ip route save` writes them
                (magic, messages), for showdump and restore; the recorded
                rule dumps as `ip rule save` writes them, for ip rule restore
Then every file under tests/fuzz/regress/NAME/ (inputs that once failed) is
added, so each run replays them first.
"""

import glob
import os
import re
import shutil
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def put(outdir, name, i, data):
    d = os.path.join(outdir, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, '%05d' % i), 'wb') as f:
        f.write(data)


def hex_dumps():
    """(name, bytes) for every hex string constant in the unit tests' dumps."""
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/unit/*_dump.hpp'))):
        text = open(path).read()
        for m in re.finditer(r'constexpr std::string_view (\w+)\s*=\s*((?:\s*"[0-9a-f]*"\s*)+);', text):
            hexes = ''.join(re.findall(r'"([0-9a-f]*)"', m.group(2)))
            if hexes and len(hexes) % 2 == 0:
                yield m.group(1), bytes.fromhex(hexes)


def split_netlink(b):
    out, off = [], 0
    while off + 16 <= len(b):
        n = struct.unpack_from('<I', b, off)[0]
        if n < 16 or off + n > len(b):
            break
        out.append(b[off:off + n])
        off += (n + 3) & ~3
    return out


# print_fuzzer's link-type selector: index into its table.
LINKTYPES = {1: 0, 101: 1, 0: 2, 113: 3, 276: 4, 228: 5, 229: 6, 108: 7, 12: 1, 14: 1}


def pcap_packets(path):
    b = open(path, 'rb').read()
    if len(b) < 24:
        return
    magic = b[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        e = '<'
    elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '>'
    else:
        return
    linktype = struct.unpack_from(e + 'I', b, 20)[0] & 0xffff
    if linktype not in LINKTYPES:
        return
    off = 24
    while off + 16 <= len(b):
        _, _, incl, orig = struct.unpack_from(e + 'IIII', b, off)
        off += 16
        if incl > 262144 or off + incl > len(b):
            return
        extra = min(max(orig - incl, 0), 0x7fff)  # (byte 2's top bit is a -T bit)
        yield LINKTYPES[linktype], extra, b[off:off + incl]
        off += incl


def ipv4_header(sel, pkt):
    """The IPv4 header of a captured packet (print_fuzzer's link selector), or None."""
    off = {0: 14, 1: 0, 3: 16}.get(sel)
    if off is None or len(pkt) < off + 20:
        return None
    if sel == 0:
        etype = struct.unpack_from('>H', pkt, 12)[0]
        while etype == 0x8100 and len(pkt) >= off + 24:
            etype = struct.unpack_from('>H', pkt, off + 2)[0]
            off += 4
        if etype != 0x0800:
            return None
    elif sel == 3 and struct.unpack_from('>H', pkt, 14)[0] != 0x0800:
        return None
    ihl = (pkt[off] & 0xf) * 4
    if pkt[off] >> 4 != 4 or ihl < 20 or len(pkt) < off + ihl:
        return None
    return pkt[off:off + ihl]


IP_WORDS = r'(?:route|rule|link|address|addr|neighbour|neighbor|neigh|ro|ru|r|a|l|n)'


def ip_command_lines():
    """The ip command lines written in the bats tests, without the leading `ip`."""
    seen = set()
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/bats/ip_*'))):
        for line in open(path, errors='replace'):
            for m in re.finditer(r'(?:^|[\s;(\'"])(?:/usr/sbin/)?ip((?: -[46])?) (' + IP_WORDS + r' [^;|&\'"\n)]*)', line):
                cmd = (m.group(1).strip() + ' ' + m.group(2)).strip()
                cmd = re.sub(r'\s+[0-9]?>.*$', '', cmd).rstrip()
                if '$' in cmd or cmd in seen:
                    continue
                seen.add(cmd)
                yield cmd


def restore_files():
    """restore_fuzzer's seeds: each restore file written out in
    tests/bats/iptables*.bats ("*table" to "COMMIT"), and each rule those
    tests add with -A/-I, as a one-rule file of its table."""
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/bats/iptables*.bats'))):
        text = open(path).read()
        for m in re.finditer(r'^\*[a-z]+\n(?:.*\n)*?COMMIT$', text, re.M):
            yield m.group(0) + '\n'
        for m in re.finditer(r'(?:iptables|REF"?\'?) (?:-t ([a-z]+) )?(-[AI] [A-Z]+ [^;|\'\n]*)', text):
            yield '*%s\n%s\nCOMMIT\n' % (m.group(1) or 'filter', m.group(2).strip())


def main():
    outdir = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, '..', 'shared', 'corpus', 'tcpdump')
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    n = 0
    for name, b in hex_dumps():
        target = 'rule_fuzzer' if 'rule' in name else 'rtnl_fuzzer'
        put(outdir, target, n, b)
        n += 1
        for m in split_netlink(b):
            put(outdir, target, n, m)
            n += 1
        if target == 'rule_fuzzer':
            put(outdir, 'rtnl_fuzzer', n, b)
            n += 1
    # RTM_NEWNSID as the kernel sent them to `ip netns list-id` (recorded
    # with strace): a reply to RTM_GETNSID, and a dump entry with
    # target-nsid (NETNSA_NSID 7, NETNSA_CURRENT_NSID 0), then NLMSG_DONE.
    def nsid_msg(flags, attrs):
        body = struct.pack('=B3x', 0) + b''.join(struct.pack('=HHi', 8, t, v) for t, v in attrs)
        return struct.pack('=IHHII', 16 + len(body), 88, flags, 1, 0) + body
    done = struct.pack('=IHHIIi', 20, 3, 2, 1, 0, 0)
    put(outdir, 'rtnl_fuzzer', n, nsid_msg(0, [(1, 5)]))
    put(outdir, 'rtnl_fuzzer', n + 1, nsid_msg(2, [(1, 7), (5, 0)]) + nsid_msg(2, [(1, 0), (5, -1)]) + done)
    n += 2
    # nf_tables NEWRULE messages recorded from iptables-nft (unit tests).
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/unit/iptables_*_test.cpp'))):
        for lit in re.finditer(r'((?:"[0-9a-f]{8,}"\s*)+)', open(path).read()):
            hexes = ''.join(re.findall(r'"([0-9a-f]*)"', lit.group(1)))
            if len(hexes) >= 32 and len(hexes) % 2 == 0:
                put(outdir, 'nft_fuzzer', n, bytes.fromhex(hexes))
                n += 1
    pcaps = sorted(glob.glob(os.path.join(ROOT, 'tests/data/tcpdump/*.pcap')) +
                   glob.glob(os.path.join(corpus, '*.pcap')))
    # The -T types a capture was made for (print_fuzzer's PacketType index).
    forced = {'rtp': (5, 6, 7), 'carp': (8,), 'someip': (9,), 'cnfp': (10,), 'resp': (11,), 'ptp': (12,),
              'zmtp1': (13,), 'aodv': (14,), 'wb': (15,), 'rpc': (16,), 'radius': (17,)}
    for path in pcaps:
        types = forced.get(os.path.basename(path)[:-5], ())
        for k, (sel, extra, pkt) in enumerate(pcap_packets(path)):
            if k >= 64:
                break
            # Two option sets per packet: plain -n, and -vv -e -x; then -n
            # with each -T type the capture was made for.
            for bits, t in [(0, 0), (0x16, 0)] + [(0, t) for t in types]:
                head = bytes([sel | (t & 15) << 3, bits, extra >> 8 | (t >> 4) << 7, extra & 0xff])
                put(outdir, 'print_fuzzer', n, head + pkt)
                n += 1
    # ping_fuzzer: IPv4 options seen in the captures, then what -R and -T send.
    ether_macs = []
    for path in pcaps:
        for sel, _, pkt in pcap_packets(path):
            if sel == 0 and len(pkt) >= 14 and not pkt[6] & 1 and pkt[6:12] not in ether_macs:
                ether_macs.append(pkt[6:12])
            h = ipv4_header(sel, pkt)
            if h is not None and len(h) > 20:
                for flags in (0, 4 | 1):
                    put(outdir, 'ping_fuzzer', n, bytes([flags, 0]) + h[20:])
                    n += 1
    rr = bytes([1, 7, 39, 4]) + bytes(36)
    put(outdir, 'ping_fuzzer', n, bytes([4, 0]) + rr[1:4] + bytes([10, 0, 0, 1, 10, 0, 1, 2]) + bytes(28))
    n += 1
    for flags, opt in ((0, rr), (0x08, bytes([68, 36, 5, 1]) + bytes(32)), (0, bytes([68, 40, 5, 0]) + bytes(36)),
                       (0x10 | 0x40, bytes([68, 20, 5, 3, 10, 0, 0, 1, 0, 0, 0, 0, 10, 0, 0, 2, 0, 0, 0, 0]))):
        put(outdir, 'ping_fuzzer', n, bytes([flags, 0]) + opt)
        n += 1
    # batch_fuzzer: the bats tests' ip command lines.
    lines = list(ip_command_lines())
    for cmd in lines:
        put(outdir, 'batch_fuzzer', n, (cmd + '\n').encode())
        n += 1
    for i in range(0, len(lines), 32):
        put(outdir, 'batch_fuzzer', n, ('\n'.join(lines[i:i + 32]) + '\n').encode())
        n += 1
    put(outdir, 'batch_fuzzer', n, b'# comment\nroute add 10.1.0.0/16 \\\n via 10.0.0.2 dev v1 "metric" \'5\'\n\nrule add from 10.0.0.0/8 table 100 # tail\n')
    n += 1
    # routedump_fuzzer: each recorded route dump as `ip route save` writes it.
    for name, b in hex_dumps():
        if 'route' not in name:
            continue
        for sel in (0, 1, 0x0e, 0x21):
            put(outdir, 'routedump_fuzzer', n, bytes([sel]) + struct.pack('<I', 0x45311224) + b)
            n += 1
    # ... and each recorded rule dump as `ip rule save` writes it, for ip
    # rule restore (selector bit 7).
    for name, b in hex_dumps():
        if 'rule' in name:
            put(outdir, 'routedump_fuzzer', n, bytes([0x80]) + struct.pack('<I', 0x71706986) + b)
            n += 1
    netdb = [(0, '/etc/protocols'), (1, '/etc/services'), (2, '/etc/hosts'), (3, '/etc/networks')]
    for sel, path in netdb:
        if os.path.isfile(path):
            put(outdir, 'netdb_fuzzer', n, bytes([sel]) + open(path, 'rb').read()[:65536])
            n += 1
    ethers = ''.join('%s h%d.example # from a capture\n' % (':'.join('%02x' % c for c in mac), i)
                     for i, mac in enumerate(ether_macs[:16]))
    put(outdir, 'netdb_fuzzer', n, bytes([4]) + ethers.encode())
    n += 1
    etc = [(0, '/etc/hosts'), (1, '/etc/nsswitch.conf'), (2, '/etc/passwd'), (3, '/etc/group'),
           (4, '/etc/sysctl.conf'), (5, '/etc/iproute2/rt_tables'), (6, '/etc/iproute2/rt_protos'),
           (7, '/etc/iproute2/rt_scopes'), (8, '/etc/iproute2/rt_dsfield'), (9, '/etc/iproute2/rt_realms'),
           (10, '/etc/iproute2/group')]
    for sel, path in etc:
        for p in (path, '/usr/share' + path[4:], '/usr/lib' + path[4:]):
            if os.path.isfile(p):
                put(outdir, 'etc_fuzzer', n, bytes([sel]) + open(p, 'rb').read()[:65536])
                n += 1
                break
    for f in restore_files():
        put(outdir, 'restore_fuzzer', n, f.encode())
        n += 1
    for d in sorted(glob.glob(os.path.join(ROOT, 'tests/fuzz/regress/*'))):
        for f in sorted(glob.glob(os.path.join(d, '*'))):
            put(outdir, os.path.basename(d), n, open(f, 'rb').read())
            n += 1


if __name__ == '__main__':
    main()
