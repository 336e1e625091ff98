// The UDP application printers (NTP, BOOTP/DHCP, TFTP, syslog, VXLAN), IGMP
// and MACsec against known bytes. Every expected text is what the reference
// tcpdump 4.99.3 printed for the same bytes and options with -t: the frames
// come from tcpdump's test corpus and from tests/data/tcpdump.

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

PrintOptions options(std::string_view flags)
{
    PrintOptions o;
    o.tflag = 1;
    o.nflag = flags.find('n') != std::string_view::npos;
    o.eflag = flags.find('e') != std::string_view::npos;
    for (char ch : flags)
        o.vflag += ch == 'v';
    return o;
}

std::string print(std::string_view hex, uint32_t wire, std::string_view flags, size_t caplen = SIZE_MAX)
{
    PrintOptions opt = options(flags);
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
    const char* flags;
    const char* expected;
};

const Case cases[] = {
    {"NTP client with a digest",
     "001213141516001213141517080045000064e2b5400040110e7fc0a86402c0a86401e2c6007b005049b62300002000000000"
     "0000000000000000000000000000000000000000000000000000000000000000a4b39cd101fb24bf0000000857ea530f6d74"
     "350cc5286bfec1ab8ca747c73584",
     114, "-n -v",
     "IP (tos 0x0, ttl 64, id 58037, offset 0, flags [DF], proto UDP (17), length 100)\n    192.168.100.2.58054 > 192.168.100.1.123: NTPv4, Client, length 72\n\tLeap indicator:  (0), Stratum 0 (unspecified), poll 0 (1s), precision 32\n\tRoot Delay: 0.000000, Root dispersion: 0.000000, Reference-ID: (unspec)\n\t  Reference Timestamp:  0.000000000\n\t  Originator Timestamp: 0.000000000\n\t  Receive Timestamp:    0.000000000\n\t  Transmit Timestamp:   2763234513.007738396 (1987-07-25T21:08:33Z)\n\t    Originator - Receive Timestamp:  0.000000000\n\t    Originator - Transmit Timestamp: 2763234513.007738396 (1987-07-25T21:08:33Z)\n\tKey id: 8\n\tAuthentication: 57ea530f6d74350cc5286bfec1ab8ca747c73584\n"},
    {"NTP control response",
     "00000000000000000000000086dd6b8834cf01a0114000000000000000000000000000000001000000000000000000000000"
     "00000001007b968301a001b316820044061800000000018a76657273696f6e3d226e74706420342e322e3870313040312e33"
     "3732382d6f20467269204d61792032362031343a30373a323920555443203230313720283129222c0d0a70726f636573736f"
     "723d227838365f3634222c2073797374656d3d224c696e75782f342e342e37392d31382e32362d64656661756c74222c206c"
     "6561703d302c0d0a7374726174756d3d332c20707265636973696f6e3d2d32312c20726f6f7464656c61793d302e3730382c"
     "20726f6f74646973703d36392e3833392c0d0a72656669643d3133322e3139392e342e312c2072656674696d653d30786464"
     "3437663034392e30333439386139662c0d0a636c6f636b3d307864643437663331342e39636335613434352c20706565723d"
     "34383832392c2074633d382c206d696e74633d332c206f66667365743d2d302e3438363633332c0d0a6672657175656e6379"
     "3d2d37362e3339372c207379735f6a69747465723d302e3030303030302c20636c6b5f6a69747465723d302e3331342c0d0a"
     "636c6b5f77616e6465723d302e3036330d0a0000",
     470, "-n -v",
     "IP6 (class 0xb8, flowlabel 0x834cf, hlim 64, next-header UDP (17) payload length: 416) ::1.123 > ::1.38531: [bad udp cksum 0x01b3 -> 0x412f!] NTPv2, Control Message, length 408\n\tLeap indicator:  (0), Response, OK, Last, OpCode=2\n\tSequence=68, Status=0x618, Assoc.=0, Offset=0, Count=394\n\tTO-BE-DONE: data not interpreted\n"},
    {"DHCP request with options",
     "ffffffffffff000c291f7406080045100148000000008011399600000000ffffffff004400430134818d0101060006e32864"
     "0000000000000000000000000000000000000000000c291f7406000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000638253633501013204c0a801043707011c02030f060c"
     "4d25077375626f707431117375626f7074322d3132333435363738390a7375626f7074332d3132ff0000",
     342, "-n -v",
     "IP (tos 0x10, ttl 128, id 0, offset 0, flags [none], proto UDP (17), length 328)\n    0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 00:0c:29:1f:74:06, length 300, xid 0x6e32864, Flags [none]\n\t  Client-Ethernet-Address 00:0c:29:1f:74:06\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x63825363\n\t    DHCP-Message (53), length 1: Discover\n\t    Requested-IP (50), length 4: 192.168.1.4\n\t    Parameter-Request (55), length 7: \n\t      Subnet-Mask (1), BR (28), Time-Zone (2), Default-Gateway (3)\n\t      Domain-Name (15), Domain-Name-Server (6), Hostname (12)\n\t    User-Class (77), length 37: \n\t      instance#1: \"subopt1\", length 7\n\t      instance#2: \"subopt2-123456789\", length 17\n\t      instance#3: \"subopt3-12\", length 10\n"},
    {"DHCP reply",
     "000c291f7406001018000000080045000134000000004011f663c0a80101c0a8010400430044012087f70201060006e32864"
     "0000000000000000c0a801040000000000000000000c291f7406000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000638253633501023604c0a801013304000151800104ff"
     "ffff000304c0a801010604c0a801010f04486f6d65ff",
     322, "-n",
     "IP 192.168.1.1.67 > 192.168.1.4.68: BOOTP/DHCP, Reply, length 280\n"},
    {"IGMPv3 report with sources",
     "01005e000001020000000001080046c00068000740000102f9b10a000001e0000016940400002200feb40000000701000000"
     "ef01020302000001ef0909090a00000903000000ef01010104000000ef01010205000002ef0101030a0000010a0000020600"
     "0001ef0101040a00000309000000ef010105",
     118, "-n -vv",
     "IP (tos 0xc0, ttl 1, id 7, offset 0, flags [DF], proto IGMP (2), length 104, options (RA))\n    10.0.0.1 > 224.0.0.22: igmp v3 report, 7 group record(s) [gaddr 239.1.2.3 is_in { }] [gaddr 239.9.9.9 is_ex { 10.0.0.9 }] [gaddr 239.1.1.1 to_in { }] [gaddr 239.1.1.2 to_ex { }] [gaddr 239.1.1.3 allow { 10.0.0.1 10.0.0.2 }] [gaddr 239.1.1.4 block { 10.0.0.3 }] [gaddr 239.1.1.5  [v3-report-#9] { }]\n"},
    {"IGMP v2 query",
     "01005e000001020000000001080046c00020000740000102e90b0a000001ef01020394040000110afdf0ef010203",
     46, "-n",
     "IP 10.0.0.1 > 239.1.2.3: igmp query v2 [max resp time 10] [gaddr 239.1.2.3]\n"},
    {"VXLAN with an inner ARP",
     "02000000000202000000000108004500004e000100004011954ac0a83201c0a832029c4012b5003ae1c808000000ffffff00"
     "ffffffffffff02000000aa010806000108000604000102000000aa010a2a00010000000000000a2a0002",
     92, "-n -e",
     "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 92: 192.168.50.1.40000 > 192.168.50.2.4789: VXLAN, flags [I] (0x08), vni 16777215\n02:00:00:00:aa:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.42.0.2 tell 10.42.0.1, length 28\n"},
    {"TFTP read request with options",
     "02000000000202000000000108004500003b000100004011815dc0a83c01c0a83c029c4100450027bdc0000166006f637465"
     "7400626c6b73697a650031343238007473697a65003000",
     73, "-n",
     "IP 192.168.60.1.40001 > 192.168.60.2.69: TFTP, length 31, RRQ \"f\" octet blksize 1428 tsize 0\n"},
    {"syslog message",
     "0200000000020200000000010800450000460001000040118152c0a83c01c0a83c029c42020200326f4f3c31333e44656320"
     "20352032333a33303a303020686f737420757365723a2068656c6c6f20776f726c64",
     84, "-n -v",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 70)\n    192.168.60.1.40002 > 192.168.60.2.514: SYSLOG, length: 42\n\tFacility user (1), Severity notice (5)\n\tMsg: Dec  5 23:30:00 host user: hello world\n"},
    {"MACsec with SCI",
     "02000000000202000000000188e5200000000001020000000001000108004500002400010000400166d60a0000010a000002"
     "0800f7ff000000006162636465666768000102030405060708090a0b0c0d0e0f",
     82, "-n -e",
     "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype 802.1AE MACsec (0x88e5), length 82: an 0, pn 1, flags I, sci 0200000000010001, ethertype IPv4 (0x0800), 10.0.0.1 > 10.0.0.2: ICMP echo request, id 0, seq 0, length 16\n"},
};

TEST(PrintUdpApps, PrintWhatTcpdumpPrints)
{
    for (const auto& c : cases)
        EXPECT_EQ(print(c.hex, c.wire, c.flags), c.expected) << c.name;
}

// Cut anywhere, every case still prints a line and throws nothing: the
// printers read only through the bounded Reader.
TEST(PrintUdpApps, EverySnapshotLengthPrintsALine)
{
    for (const auto& c : cases) {
        size_t n = std::string_view(c.hex).size() / 2;
        for (size_t cap = 0; cap <= n; ++cap) {
            std::string out;
            EXPECT_NO_THROW(out = print(c.hex, c.wire, c.flags, cap)) << c.name << " cut at " << cap;
            EXPECT_FALSE(out.empty()) << c.name << " cut at " << cap;
        }
    }
}

} // namespace
