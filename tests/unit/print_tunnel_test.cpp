// The spanning tree and tunnel printers (STP, GRE, Geneve) against known
// bytes. Every expected text is what the reference tcpdump 4.99.3 printed
// for the same bytes with -t -n (the frames are from stp-lab.pcap and the
// crafted captures in tests/data/tcpdump).

#include <gtest/gtest.h>

#include <pcap/dlt.h>

#include <string>
#include <string_view>
#include <vector>

#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/packet.hpp"

namespace {

using nsbox::tcpdump::Names;
using nsbox::tcpdump::PacketHeader;
using nsbox::tcpdump::PacketPrinter;
using nsbox::tcpdump::PrintOptions;

std::vector<std::byte> from_hex(std::string_view hex)
{
    std::vector<std::byte> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(std::byte(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}

std::string print(std::string_view hex, uint32_t wire, int vflag, size_t caplen = SIZE_MAX)
{
    PrintOptions opt;
    opt.tflag = 1;
    opt.nflag = 1;
    opt.vflag = vflag;
    Names names(true);
    PacketPrinter printer(opt, names, DLT_EN10MB);
    auto bytes = from_hex(hex);
    if (caplen < bytes.size())
        bytes.resize(caplen);
    PacketHeader h{1700000000, 0, static_cast<uint32_t>(bytes.size()), wire};
    std::string out;
    printer.print(h, bytes, 1, out);
    return out;
}

struct Case {
    const char* name;
    const char* hex;
    uint32_t wire;
    int vflag;
    const char* expected;
};

const Case cases[] = {
    {"802.1D topology change notification from a kernel bridge",
     "0180c2000000020000000021000742420300000080",
     21, 1,
     "STP 802.1d, Topology Change\n"},
    {"802.1D config BPDU with both topology change flags",
     "0180c20000000200000000110026424203000000008110000200000000100000000010000200000000108001000006000100"
     "0200",
     52, 1,
     "STP 802.1d, Config, Flags [Topology change, Topology change ACK], bridge-id 1000.02:00:00:00:00:10.8001, length 35\n\tmessage-age 0.00s, max-age 6.00s, hello-time 1.00s, forwarding-delay 2.00s\n\troot-id 1000.02:00:00:00:00:10, root-pathcost 0\n"},
    {"MSTP BPDU with two MSTIs",
     "0180c20000000200000000100089424203000003027c10000200000000010000000480000200000000028001010014000200"
     "0f0000006000726567696f6e2d610000000000000000000000000000000000000000000000000007a0a1a2a3a4a5a6a7a8a9"
     "aaabacadaeaf00030d408000020000000003147d8001020000000004000007d080901306800202000000000500000fa08090"
     "12",
     151, 1,
     "STP 802.1s, Rapid STP, CIST Flags [Learn, Forward, Agreement], length 134\n\tport-role Designated, CIST root-id 1000.02:00:00:00:00:01, CIST ext-pathcost 4\n\tCIST regional-root-id 8000.02:00:00:00:00:02, CIST port-id 8001,\n\tmessage-age 1.00s, max-age 20.00s, hello-time 2.00s, forwarding-delay 15.00s\n\tv3len 96, MCID Name region-a, rev 7,\n\t\tdigest a0a1a2a3a4a5a6a7a8a9aaabacadaeaf, CIST int-root-pathcost 200000,\n\tCIST bridge-id 8000.02:00:00:00:00:03, CIST remaining-hops 20\n\tMSTI 1, Flags [Topology change, Learn, Forward, Agreement], port-role Designated\n\t\tMSTI regional-root-id 8001.02:00:00:00:00:04, pathcost 2000\n\t\tMSTI bridge-prio 8, port-prio 9, hops 19\n\tMSTI 2, Flags [Proposal], port-role Alternate\n\t\tMSTI regional-root-id 8002.02:00:00:00:00:05, pathcost 4000\n\t\tMSTI bridge-prio 8, port-prio 9, hops 18\n"},
    {"unknown STP protocol version",
     "0180c20000000200000000100026424203000001000010000200000000010000000480000200000000028001010014000200"
     "0f000000000000000000",
     60, 0,
     "STP Unknown STP protocol (0x01)\n"},
    {"RSTP behind RFC 2684 SNAP",
     "01000ccccccd020000000010002caaaa030080c2000e000002023c1000020000000001000000048000020000000002800101"
     "00140002000f00000000",
     60, 1,
     "STP 802.1w, Rapid STP, Flags [Learn, Forward], bridge-id 8000.02:00:00:00:00:02.8001, length 36\n\tmessage-age 1.00s, max-age 20.00s, hello-time 2.00s, forwarding-delay 15.00s\n\troot-id 1000.02:00:00:00:00:01, root-pathcost 4, port-role Designated\n"},
    {"GRE with IP and ASN source routes",
     "02000000000202000000000108004500005600010000402f6d24c0a84601c0a84602c00008000000000c080004080a000001"
     "0a000002fffe0204006400c8123400027879000000004500001c00010000400166520a4600010a4600020800f7fe00010000",
     100, 1,
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto GRE (47), length 86)\n    192.168.70.1 > 192.168.70.2: GREv0, Flags [checksum present, routing present], sum 0x0, off 0xc, (rtaf=ip 10.0.0.1 *10.0.0.2), (rtaf=asn 64 *c8), (rtaf=0x1234), length 66\n\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto ICMP (1), length 28)\n    10.70.0.1 > 10.70.0.2: ICMP echo request, id 1, seq 0, length 8\n"},
    {"GRE key and sequence around IPv6",
     "02000000000202000000000108004500005000010000402f6d2ac0a84601c0a84602300086dd1234abcd0000000760000000"
     "00083a40fd000000000000000000000000000001fd00000000000000000000000000000280007b9a00010001",
     94, 0,
     "IP 192.168.70.1 > 192.168.70.2: GREv0, key=0x1234abcd, seq 7, length 60: IP6 fd00::1 > fd00::2: ICMP6, echo request, id 1, seq 1, length 8\n"},
    {"GRE length too short for the checksum",
     "02000000000202000000000108004500001a00010000402f6d46c0a84601c0a84602800008004500001c0001000040016652"
     "0a4600010a4600020800f7fe00010000",
     66, 1,
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto GRE (47), length 26, bad cksum 6d46 (->6d60)!)\n    192.168.70.1 > 192.168.70.2: GREv0, Flags [checksum present], sum 0x4500 [|gre]\n"},
    {"PPTP GRE acknowledgment without payload",
     "02000000000202000000000108004500002000010000402f6d5ac0a84601c0a846022081880b0000424200000009",
     46, 0,
     "IP 192.168.70.1 > 192.168.70.2: GREv1, call 16962, ack 9, no-payload, length 12\n"},
    {"Geneve options with data words",
     "0200000000020200000000010800450000660001000040115932c0a85001c0a85002afc817c10052fb040600655812345600"
     "01008002010203040506070801020100fff57f016162636402000000bb0102000000aa0108004500001c000100004001663e"
     "0a5000010a5000020800f7fe00010000",
     116, 2,
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 102)\n    192.168.80.1.45000 > 192.168.80.2.6081: [udp sum ok] Geneve, Flags [none], vni 0x123456, options [class Linux (0x100) type 0x80(C) len 12 data 01020304 05060708, class Open Virtual Networking (OVN) (0x102) type 0x1 len 4, class Experimental (0xfff5) type 0x7f len 8 data 61626364]\n\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto ICMP (1), length 28)\n    10.80.0.1 > 10.80.0.2: ICMP echo request, id 1, seq 0, length 8\n"},
    {"Geneve option area past the packet",
     "0200000000020200000000010800450000240001000040115974c0a85001c0a85002afc817c10010a1bb0500080012345600",
     50, 0,
     "IP 192.168.80.1.45000 > 192.168.80.2.6081: Geneve, Flags [none], vni 0x123456 truncated-geneve - 20 bytes missing\n"},
};

TEST(PrintTunnels, PrintWhatTcpdumpPrints)
{
    for (const auto& c : cases)
        EXPECT_EQ(print(c.hex, c.wire, c.vflag), c.expected) << c.name;
}

// Cut anywhere, every case still prints a line and throws nothing: the
// printers read only through the bounded Reader.
TEST(PrintTunnels, EverySnapshotLengthPrintsALine)
{
    for (const auto& c : cases) {
        size_t n = std::string_view(c.hex).size() / 2;
        for (size_t cap = 0; cap <= n; ++cap) {
            for (int v = 0; v <= 2; ++v) {
                std::string out;
                EXPECT_NO_THROW(out = print(c.hex, c.wire, v, cap)) << c.name << " cut at " << cap;
                EXPECT_FALSE(out.empty()) << c.name << " cut at " << cap;
            }
        }
    }
}

} // namespace
