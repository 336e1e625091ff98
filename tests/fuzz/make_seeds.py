#!/usr/bin/env python3
"""Turns pcap files into a seed directory for print_fuzzer.cpp: one file per
packet and option set, each the packet prefixed with the fuzzer's four
bytes (link-type selector, option bits, extra wire length 0).

    tests/fuzz/make_seeds.py SEED_DIR tests/data/tcpdump/*.pcap [CORPUS/*.pcap]

pcapng files are skipped (none of ours is pcapng).
"""
import hashlib
import os
import struct
import sys

# pcap link types -> the index print_fuzzer.cpp maps byte 0 to.
LINKTYPE_INDEX = {1: 0, 101: 1, 0: 2, 113: 3, 276: 4, 228: 5, 229: 6, 108: 7}
# Option bits (byte 1): -vvv, and -v -e.
OPTION_BITS = (0x03, 0x05)


def packets(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return None, []
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        end = "<"
    elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
        end = ">"
    else:
        return None, []
    linktype = struct.unpack(end + "I", data[20:24])[0] & 0xFFFF
    out, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack(end + "I", data[off + 8:off + 12])[0]
        out.append(data[off + 16:off + 16 + caplen])
        off += 16 + caplen
    return linktype, out


def main():
    seed_dir, paths = sys.argv[1], sys.argv[2:]
    os.makedirs(seed_dir, exist_ok=True)
    written = 0
    for path in paths:
        linktype, pkts = packets(path)
        if linktype not in LINKTYPE_INDEX:
            continue
        for pkt in pkts:
            for bits in OPTION_BITS:
                seed = bytes([LINKTYPE_INDEX[linktype], bits, 0, 0]) + pkt
                name = hashlib.sha1(seed).hexdigest()
                with open(os.path.join(seed_dir, name), "wb") as f:
                    f.write(seed)
                written += 1
    print(f"{written} seeds in {seed_dir}")


if __name__ == "__main__":
    main()
