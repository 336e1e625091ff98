// The UDP application printers (NTP, BOOTP/DHCP, DHCPv6, RIP, RIPng, SNMP,
// TFTP, syslog, VXLAN, ESP in UDP), IGMP, MACsec, CDP, LLDP and SCTP against
// known bytes. Every expected text is what the reference tcpdump 4.99.3
// printed for the same bytes and options with -t: the frames come from
// tcpdump's test corpus and from tests/data/tcpdump.

#include <gtest/gtest.h>

#include <pcap/dlt.h>

#include <string>
#include <string_view>
#include <vector>

#include "applets/tcpdump/print/names.hpp"
#include "applets/tcpdump/print/packet.hpp"
#include "applets/tcpdump/print/snmp_mib.hpp"

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
    {"DHCPv6 advertise",
     "02000000000202000000000186dd60000000009f1140fe800000000000000000000000000001fe8000000000000000000000"
     "0000000202230222009fd9cb0212345600030028000000010000070800000b4000050018fd00000000000000000000000000"
     "010000000e1000001c200001000e000100012b0a0b0c0200000000020002000a0003000102000000000100070001ff001700"
     "20fd000000000000000000000000000053fe8000000000000000000000000000010018001a036c6162076578616d706c6500"
     "076578616d706c65036f726700",
     213, "-n -v",
     "IP6 (hlim 64, next-header UDP (17) payload length: 159) fe80::1.547 > fe80::2.546: [udp sum ok] dhcp6 advertise (xid=123456 (IA_NA IAID:1 T1:1800 T2:2880 (IA_ADDR fd00::100 pltime:3600 vltime:7200)) (client-ID hwaddr/time type 1 time 722078476 020000000002) (server-ID hwaddr type 1 020000000001) (preference 255) (DNS-server fd00::53 fe80::1) (DNS-search-list lab.example. example.org.))\n"},
    {"DHCPv6 relay-forward with a relayed solicit",
     "02000000000202000000000186dd6000000000761140fe800000000000000000000000000001ff0200000000000000000000"
     "0001000202230223007658a60c00fd000000000000000000000000000100fe8000000000000000000000000000020012000f"
     "657468302e3130302d706f72742d370009001c010000420001000e000100012b0a0b0c020000000002000800020001002500"
     "150000000972656d6f74652d6964656e746966696572",
     172, "-n -v",
     "IP6 (hlim 64, next-header UDP (17) payload length: 118) fe80::1.547 > ff02::1:2.547: [udp sum ok] dhcp6 relay-fwd (linkaddr=fd00::100 peeraddr=fe80::2 (interface-ID 657468302e3130302d70...) (relay-message (dhcp6 solicit (xid=42 (client-ID hwaddr/time type 1 time 722078476 020000000002) (elapsed-time 1))) (Remote-ID 9 72656d6f74652d696465...))\n"},
    {"DHCPv6 solicit",
     "02000000000202000000000186dd6000000000441140fe800000000000000000000000000002ff0200000000000000000000"
     "000100020222022300448f79011234560001000e000100012b0a0b0c02000000000200060008001700180038fff000080002"
     "00000003000c000000010000000000000000000e0000",
     122, "-n",
     "IP6 fe80::2.546 > ff02::1:2.547: dhcp6 solicit\n"},
    {"RIPv2 response with authentication",
     "02000000000202000000000108004500005c00010000401190860a000001e0000009020802080048cb7002020000ffff0003"
     "002c01100000004d0000000000000000000200000a010000ffff00000000000000000001ffff000100010203040506070809"
     "0a0b0c0d0e0f",
     106, "-n -v",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 92)\n    10.0.0.1.520 > 224.0.0.9.520: \n\tRIPv2, Response, length: 64, routes: 3 or less\n\t  Auth header: Packet Len 44, Key-ID 1, Auth Data Len 16, SeqNo 77, MBZ 0, MBZ 0\n\t  AFI IPv4,        10.1.0.0/16, tag 0x0000, metric: 1, next-hop: self\n\t  Auth trailer:\n\t  0x0000:  0001 0203 0405 0607 0809 0a0b 0c0d 0e0f\n"},
    {"RIPv1 response",
     "020000000002020000000001080045000084000100004011905e0a000001e0000009020802080070e2c50201000000020000"
     "0a010000000000000000000000000001000200000a020000000000000000000000000002000000000a030000000000000000"
     "0000000000030007000001020304000000000000000000000004000200010a040000000000000000000000000005",
     146, "-n -vv",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 132)\n    10.0.0.1.520 > 224.0.0.9.520: [udp sum ok] \n\tRIPv1, Response, length: 104, routes: 5\n\t  10.1.0.0, metric: 1\n\t  10.2.0.0, metric: 2\n\t  AFI 0, 10.3.0.0, metric: 3\n\t AFI ISO, \n\t  0x0000:  0102 0304 0000 0000 0000 0000 0000 0004\n\t  0x0000:  0002 0001 0a04 0000 0000 0000 0000 0000\n\t  0x0010:  0000 0005\n\t0x0000:  0201 0000 0002 0000 0a01 0000 0000 0000\n\t0x0010:  0000 0000 0000 0001 0002 0000 0a02 0000\n\t0x0020:  0000 0000 0000 0000 0000 0002 0000 0000\n\t0x0030:  0a03 0000 0000 0000 0000 0000 0000 0003\n\t0x0040:  0007 0000 0102 0304 0000 0000 0000 0000\n\t0x0050:  0000 0004 0002 0001 0a04 0000 0000 0000\n\t0x0060:  0000 0000 0000 0005\n"},
    {"RIPng response",
     "02000000000202000000000186dd6000000000481140fe800000000000000000000000000001ff0200000000000000000000"
     "0000000902090209004833e902010000fd00000000000001000000000000000000004001fd00000000000002000000000000"
     "00000005400020010db800000000000000000000000000002010",
     126, "-n -v",
     "IP6 (hlim 64, next-header UDP (17) payload length: 72) fe80::1.521 > ff02::9.521: [udp sum ok]  ripng-resp 3: fd00:0:0:1::/64 (1) fd00:0:0:2::/64 [5] 2001:db8::/32 (16)\n"},
    {"CDPv2 announcement",
     "01000ccccccc020000000001013eaaaa0300000c200002b4beef0001000b7377312e6c61620002002d000000020101cc0004"
     "0a0000010208aaaa0300000086dd0010fd000000000000000000000000000001000300164769676162697445746865726e65"
     "74302f31000400080000002900050039436973636f20494f5320536f6674776172650a56657273696f6e2031352e32283429"
     "450a0a436f70797269676874202863292001e900060012636973636f2057532d43323936300007000e0a01000010c0a80100"
     "18000800240000000000000000000000000000000000000000000000000000000000000000000900074c4142000a00060064"
     "000b00050100160011000000010101cc00040a0000010014000b7379736e616d65001000063c2800110008000005dc001200"
     "050000130005050017000b01726f6f6d2d3100170005020015000906032b0601",
     332, "-n -v",
     "CDPv2, ttl: 180s, checksum: 0xbeef (unverified), length 310\n\tDevice-ID (0x01), value length: 7 bytes: 'sw1.lab'\n\tAddress (0x02), value length: 41 bytes: IPv4 (2) 10.0.0.1 IPv6 (1) fd00::1\n\tPort-ID (0x03), value length: 18 bytes: 'GigabitEthernet0/1'\n\tCapability (0x04), value length: 4 bytes: (0x00000029): Router, L2 Switch, IGMP snooping\n\tVersion String (0x05), value length: 53 bytes: \n\t  Cisco IOS Software\n\t  Version 15.2(4)E\n\t  \n\t  Copyright (c) ^AM-i\n\tPlatform (0x06), value length: 14 bytes: 'cisco WS-C2960'\n\tPrefixes (0x07), value length: 10 bytes:  IPv4 Prefixes (2): 10.1.0.0/16 192.168.1.0/24\n\tProtocol-Hello option (0x08), value length: 32 bytes: \n\tVTP Management Domain (0x09), value length: 3 bytes: 'LAB'\n\tNative VLAN ID (0x0a), value length: 2 bytes: 100\n\tDuplex (0x0b), value length: 1 byte: full\n\tManagement Addresses (0x16), value length: 13 bytes: IPv4 (1) 10.0.0.1\n\tSystem Name (0x14), value length: 7 bytes: 'sysname'\n\tpower consumption (0x10), value length: 2 bytes: 15.40W\n\tMTU (0x11), value length: 4 bytes: 1500 bytes\n\tAVVID trust bitmap (0x12), value length: 1 byte: 0x00\n\tAVVID untrusted ports CoS (0x13), value length: 1 byte: 0x05\n\tPhysical Location (0x17), value length: 7 bytes: 0x01/room-1\n\tPhysical Location (0x17), value length: 1 byte: 0x02\n\tSystem Object ID (not decoded) (0x15), value length: 5 bytes: \n"},
    {"CDPv1 Device-ID only",
     "01000ccccccc0200000000010074aaaa0300000c2000013cbeef0001000a726f757465720002001f00000003010181000301"
     "02030101cc0004c0a801010101cc00040a000b000500000e0007010064000f00062000000f000701000a0010000507001000"
     "07010203000c000678780030000f756e6b6e6f776e2d746c76000000057a",
     130, "-n",
     "CDPv1, ttl: 60s, Device-ID 'router'\n\t  0x0000:  0000 0003 0101 8100 0301 0203 0101 cc00\n\t  0x0010:  04c0 a801 0101 01cc 0004 0a\n\t  0x0000:  00\n\t  0x0000:  0100 64\n\t  0x0000:  2000\n\t  0x0000:  0100 0a\n\t  0x0000:  07\n\t  0x0000:  0102 03\n\t  0x0000:  7878\n\t  0x0000:  756e 6b6e 6f77 6e2d 746c 76\n\t  0x0000:  7a, length 108\n"},
    {"SNMPv1 GetResponse with every SMIv1 value type",
     "02000000000202000000000108004500015d000100004011658d0a0000010a00000200a19c400149e72c3082013d02010004"
     "067075626c6963a282012e02010102010002010030820121300d06082b06010201010000020100300d06082b060102010101"
     "0002012a300d06082b060102010102000201ff300e06082b060102010103000202ff7f301006082b0601020101040002047f"
     "ffffff301006082b06010201010500020480000000301906082b06010201010600040d4c696e757820626f7820362e31300c"
     "06082b060102010107000400300f06082b0601020101080004030001ff301406082b06010201010900040874616209686572"
     "65301606082b06010201010a00060a2b06010401bf0803020a300f06082b06010201010b000603883703301006082b060102"
     "01010c0040040a000001300f06082b06010201010d0040030a0001301106082b06010201010e00410500ffffffff300f0608"
     "2b06010201010f00420301e240",
     363, "-n",
     "IP 10.0.0.1.161 > 10.0.0.2.40000:  GetResponse(302)  .1.3.6.1.2.1.1.0.0=0 .1.3.6.1.2.1.1.1.0=42 .1.3.6.1.2.1.1.2.0=-1 .1.3.6.1.2.1.1.3.0=-129 .1.3.6.1.2.1.1.4.0=2147483647 .1.3.6.1.2.1.1.5.0=-2147483648 .1.3.6.1.2.1.1.6.0=\"Linux box 6.1\" .1.3.6.1.2.1.1.7.0=\"\" .1.3.6.1.2.1.1.8.0=00_01_ff .1.3.6.1.2.1.1.9.0=74_61_62_09_68_65_72_65 .1.3.6.1.2.1.1.10.0=.1.3.6.1.4.1.8072.3.2.10 .1.3.6.1.2.1.1.11.0=.2.999.3 .1.3.6.1.2.1.1.12.0=10.0.0.1 .1.3.6.1.2.1.1.13.0=[inetaddr len!=4]10.0.1 .1.3.6.1.2.1.1.14.0=4294967295 .1.3.6.1.2.1.1.15.0=123456\n"},
    {"SNMPv1 enterprise-specific trap",
     "02000000000202000000000108004500005a00010000401166900a0000010a0000029c4000a200465036303c020100040574"
     "72617073a430060a2b06010401bf0803020a4004c0a800010201060201114302138830123010060b2b06010401bf08020302"
     "01020163",
     104, "-n -v",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 90)\n    10.0.0.1.40000 > 10.0.0.2.162:  { SNMPv1 C=\"traps\" { Trap(48)  .1.3.6.1.4.1.8072.3.2.10 192.168.0.1 enterpriseSpecific s=17 5000 .1.3.6.1.4.1.8072.2.3.2.1=99 } } \n"},
    {"SNMPv3 with USM and a scoped PDU",
     "020000000002020000000001080045000080000100004011666a0a0000010a0000029c4000a1006c7c3a3062020103300e02"
     "0107020300ffe304010502010304273025040580001f8880020105020204d2040561646d696e040c01010101010101010101"
     "010104003024040580001f88800400a019020115020100020100300e300c06082b060102010101000500",
     142, "-n -v",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 128)\n    10.0.0.1.40000 > 10.0.0.2.161:  { SNMPv3 { F=ar } { USM B=5 T=1234 U=\"admin\" } { ScopedPDU E=_80_00_1f_88_80 C=\"\" { GetRequest(25) R=21  .1.3.6.1.2.1.1.1.0 } } } \n"},
    {"SNMPv2c trap over IPv6",
     "02000000000202000000000186dd60000000004b1140fd000000000000000000000000000001fd0000000000000000000000"
     "000000029c4100a2004b0951304102010104067075626c6963a73402011f0201000201003029300e06082b06010201010300"
     "430230393017060a2b06010603010104010006092b0601060301010501",
     129, "-n -v",
     "IP6 (hlim 64, next-header UDP (17) payload length: 75) fd00::1.40001 > fd00::2.162: [udp sum ok]  { SNMPv2c { V2Trap(52) R=31  .1.3.6.1.2.1.1.3.0=12345 .1.3.6.1.6.3.1.1.4.1.0=.1.3.6.1.6.3.1.1.5.1 } } \n"},
    {"SCTP INIT ACK and SHUTDOWN",
     "02000000000202000000000108004500005000010000408466270a0000010a0000021770138811223344f165a3f202000028"
     "deadbeef0001a000000affff00003039000500080a00000180000004c0000006800200000700000800000000",
     94, "-n",
     "IP 10.0.0.1.6000 > 10.0.0.2.5000: sctp (1) [INIT ACK] [init tag: 3735928559] [rwnd: 106496] [OS: 10] [MIS: 65535] [init TSN: 12345] , (2) [SHUTDOWN] \n"},
    {"SCTP DATA chunks with every flag, payload under -vv",
     "0200000000020200000000010800450000d000010000408465a70a0000010a0000021388177011223344c6f18d1100030024"
     "0000303a000100010000002e7878787878787878787878787878787878787878000200140000303b00020002000000050100"
     "0101000000110000303c000200020000000501000000000100130000303d000200020000000502030400000400120000303e"
     "000300000000001261620000000700130000303f000300000000001a616263000003001400003040000300000000001b6162"
     "6364000300110000304100030000ffffffff7a000000",
     222, "-n -vv",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto SCTP (132), length 208)\n    10.0.0.1.5000 > 10.0.0.2.6000: sctp\n\t1) [DATA] (B)(E) [TSN: 12346] [SID: 1] [SSEQ 1] [PPID 0x2e] [Payload:\n\t0x0000:  7878 7878 7878 7878 7878 7878 7878 7878  xxxxxxxxxxxxxxxx\n\t0x0010:  7878 7878                                xxxx]\n\t2) [DATA] (B) [TSN: 12347] [SID: 2] [SSEQ 2] [PPID M2PA] [Payload:\n\t0x0000:  0100 0101                                ....]\n\t3) [DATA] [TSN: 12348] [SID: 2] [SSEQ 2] [PPID M2PA] [Payload:\n\t0x0000:  01                                       .]\n\t4) [DATA] (E) [TSN: 12349] [SID: 2] [SSEQ 2] [PPID M2PA] [Payload:\n\t0x0000:  0203 04                                  ...]\n\t5) [DATA] (U) [TSN: 12350] [SID: 3] [SSEQ 0] [PPID S1AP] [Payload:\n\t0x0000:  6162                                     ab]\n\t6) [DATA] (U)(B)(E) [TSN: 12351] [SID: 3] [SSEQ 0] [PPID 0x1a] [Payload:\n\t0x0000:  6162 63                                  abc]\n\t7) [DATA] (B)(E) [TSN: 12352] [SID: 3] [SSEQ 0] [PPID X2AP] [Payload:\n\t0x0000:  6162 6364                                abcd]\n\t8) [DATA] (B)(E) [TSN: 12353] [SID: 3] [SSEQ 0] [PPID 0xffffffff] [Payload:\n\t0x0000:  7a                                       z]\n"},
    {"SCTP SACK with gap blocks and duplicate TSNs",
     "02000000000202000000000108004500004400010000408466330a0000010a000002177013881122334418d87ef403000024"
     "fffffff000010000000300020002000400060008001e001f00000064ffffffff",
     82, "-n -v",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto SCTP (132), length 68)\n    10.0.0.1.6000 > 10.0.0.2.5000: sctp (1) [SACK] [cum ack 4294967280] [a_rwnd 65536] [#gap acks 3] [#dup tsns 2] \n\t\t[gap ack block #1: start = 4294967282, end = 4294967284] \n\t\t[gap ack block #2: start = 4294967286, end = 4294967288] \n\t\t[gap ack block #3: start = 14, end = 15] \n\t\t[dup TSN #1: 100] \n\t\t[dup TSN #2: 4294967295] \n"},
    {"SCTP DATA and SACK over IPv6",
     "02000000000202000000000186dd6000000000408440fd000000000000000000000000000001fd0000000000000000000000"
     "0000000213881770112233445835ffad000300190000000700000000000000006f7665722069707636000000030000180000"
     "0006000003e8000100010002000300000004",
     118, "-n -v",
     "IP6 (hlim 64, next-header SCTP (132) payload length: 64) fd00::1.5000 > fd00::2.6000: sctp (1) [DATA] (B)(E) [TSN: 7] [SID: 0] [SSEQ 0] [PPID 0x0] , (2) [SACK] [cum ack 6] [a_rwnd 1000] [#gap acks 1] [#dup tsns 1] \n\t\t[gap ack block #1: start = 8, end = 9] \n\t\t[dup TSN #1: 4] \n"},
    {"ESP in UDP on port 4500 (RFC 3948)",
     "02000000000202000000000108004500003c000100004011455cc0a85a01c0a85a02119411940028c2890000600600000001"
     "000102030405060708090a0b0c0d0e0f1011121314151617",
     74, "-n -vv",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 60)\n    192.168.90.1.4500 > 192.168.90.2.4500: [udp sum ok] UDP-encap: ESP(spi=0x00006006,seq=0x1), length 32\n"},
    {"NAT keep-alive on port 4500",
     "02000000000202000000000108004500001d000100004011457bc0a85a01c0a85a0211949c4000091db2ff",
     43, "-n",
     "IP 192.168.90.1.4500 > 192.168.90.2.40000: isakmp-nat-keep-alive\n"},
    {"ESP in UDP over IPv6",
     "02000000000202000000000186dd6000000000281140fd000000000000000000000000000001fd0000000000000000000000"
     "00000002119411940028cdd60000900900000001000102030405060708090a0b0c0d0e0f1011121314151617",
     94, "-n -v",
     "IP6 (hlim 64, next-header UDP (17) payload length: 40) fd00::1.4500 > fd00::2.4500: [udp sum ok] UDP-encap: ESP(spi=0x00009009,seq=0x1), length 32\n"},
    {"LLDP 802.1 congestion notification and ETS, exact and one byte short",
     "0180c200000e02000000000188cc0207040200000000010405056574683006020078fe060080c208a50ffe050080c208a5fe"
     "190080c209cb012345670a141e280000000002020000010100fffe180080c2097f012345670a141e28000000000202000001"
     "0100fe190080c20a00012345670a141e280000000002020000010100fffe180080c20a00012345670a141e28000000000202"
     "00000101000000",
     157, "-n -v",
     "LLDP, length 143\n\tChassis ID TLV (1), length 7\n\t  Subtype MAC address (4): 02:00:00:00:00:01\n\tPort ID TLV (2), length 5\n\t  Subtype Interface Name (5): eth0\n\tTime to Live TLV (3), length 2: TTL 120s\n\tOrganization specific TLV (127), length 6: OUI Ethernet bridged (0x0080c2)\n\t  Congestion Notification Subtype (8)\n\t    Pre-Priority CNPV Indicator\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : 1  0  1  0  0  1  0  1  \n\t    Pre-Priority Ready Indicator\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : 1  1  1  1  0  0  0  0  \n\tOrganization specific TLV (127), length 5: OUI Ethernet bridged (0x0080c2)\n\t  Congestion Notification Subtype (8)\n\tOrganization specific TLV (127), length 25: OUI Ethernet bridged (0x0080c2)\n\t  ETS Configuration Subtype (9)\n\t    Willing:1, CBS:2, RES:1, Max TCs:3\n\t    Priority Assignment Table\n\t     Priority : 0   1   2   3   4   5   6   7\n\t     Value    : 0   1   2   3   4   5   6   7  \n\t    TC Bandwidth Table\n\t     TC%   : 0   1   2   3   4   5   6   7\n\t     Value : 10  20  30  40  0   0   0   0  \n\t    TSA Assignment Table\n\t     Traffic Class: 0   1   2   3   4   5   6   7\n\t     Value        : 2   2   0   0   1   1   0   255\n\tOrganization specific TLV (127), length 24: OUI Ethernet bridged (0x0080c2)\n\t  ETS Configuration Subtype (9)\n\tOrganization specific TLV (127), length 25: OUI Ethernet bridged (0x0080c2)\n\t  ETS Recommendation Subtype (10)\n\t    RES: 0\n\t    Priority Assignment Table\n\t     Priority : 0   1   2   3   4   5   6   7\n\t     Value    : 0   1   2   3   4   5   6   7  \n\t    TC Bandwidth Table\n\t     TC%   : 0   1   2   3   4   5   6   7\n\t     Value : 10  20  30  40  0   0   0   0  \n\t    TSA Assignment Table\n\t     Traffic Class: 0   1   2   3   4   5   6   7\n\t     Value        : 2   2   0   0   1   1   0   255\n\tOrganization specific TLV (127), length 24: OUI Ethernet bridged (0x0080c2)\n\t  ETS Recommendation Subtype (10)\n\tEnd TLV (0), length 0\n"},
    {"LLDP-MED extended power via MDI",
     "0180c200000e02000000000188cc0207040200000000010405056574683006020078fe070012bb01003303fe070012bb01ff"
     "c009fe060012bb010001fe080012bb02014014b8fe080012bb0209fffffffe070012bb02020000fe070012bb04510078fe07"
     "0012bb046e03fffe070012bb04800400fe070012bb040ffffffe070012bb04000005fe060012bb0400000000",
     144, "-n -v",
     "LLDP, length 130\n\tChassis ID TLV (1), length 7\n\t  Subtype MAC address (4): 02:00:00:00:00:01\n\tPort ID TLV (2), length 5\n\t  Subtype Interface Name (5): eth0\n\tTime to Live TLV (3), length 2: TTL 120s\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  LLDP-MED Capabilities Subtype (1)\n\t    Media capabilities [LLDP-MED capabilities, network policy, extended power via MDI-PD, Inventory] (0x0033)\n\t    Device type [endpoint class 3] (0x03)\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  LLDP-MED Capabilities Subtype (1)\n\t    Media capabilities [none] (0xffc0)\n\t    Device type [unknown] (0x09)\n\tOrganization specific TLV (127), length 6: OUI ANSI/TIA (0x0012bb)\n\t  LLDP-MED Capabilities Subtype (1)\n\tOrganization specific TLV (127), length 8: OUI ANSI/TIA (0x0012bb)\n\t  Network policy Subtype (2)\n\t    Application type [voice] (0x01), Flags [Tagged]\n\t    Vlan id 10, L2 priority 2, DSCP value 56\n\tOrganization specific TLV (127), length 8: OUI ANSI/TIA (0x0012bb)\n\t  Network policy Subtype (2)\n\t    Application type [none] (0x09), Flags [Unknown, Tagged, reserved]\n\t    Vlan id 4095, L2 priority 7, DSCP value 63\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  Network policy Subtype (2)\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  Extended power-via-MDI Subtype (4)\n\t    Power type [PD device], Power source [PSE - primary power source]\n\t    Power priority [critical] (0x01), Power 12.0 Watts\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  Extended power-via-MDI Subtype (4)\n\t    Power type [PD device], Power source [local - backup power source]\n\t    Power priority [none] (0x0e), Power 102.3 Watts\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  Extended power-via-MDI Subtype (4)\n\t    Power type [PSE device], Power source [none]\n\t    Power priority [none] (0x00), Power 1024 (Reserved)\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  Extended power-via-MDI Subtype (4)\n\t    Power type [PD device], Power source [none]\n\t    Power priority [none] (0x0f), Power 65535 (Reserved)\n\tOrganization specific TLV (127), length 7: OUI ANSI/TIA (0x0012bb)\n\t  Extended power-via-MDI Subtype (4)\n\t    Power type [PSE device], Power source [none]\n\t    Power priority [none] (0x00), Power 0.5 Watts\n\tOrganization specific TLV (127), length 6: OUI ANSI/TIA (0x0012bb)\n\t  Extended power-via-MDI Subtype (4)\n\tEnd TLV (0), length 0\n"},
    {"LLDP DCBX 1.01 control, priority groups, PFC and application",
     "0180c200000e02000000000188cc0207040200000000010405056574683006020078fe19001b2102020a01020000002a0000"
     "00291207756e6b6e6f776efe15001b21021203756e6b020a01020000002a00000029fe07001b2101010203fe10001b210302"
     "0a01020000002a000000290000",
     113, "-n -v",
     "LLDP, length 99\n\tChassis ID TLV (1), length 7\n\t  Subtype MAC address (4): 02:00:00:00:00:01\n\tPort ID TLV (2), length 5\n\t  Subtype Interface Name (5): eth0\n\tTime to Live TLV (3), length 2: TTL 120s\n\tOrganization specific TLV (127), length 25: OUI DCBX (0x001b21)\n\t  DCB Capability Exchange Protocol Rev 1.01 Subtype (2)\n\t    Control - Protocol Control (type 0x1, length 10)\n\t      Oper_Version: 1\n\t      Max_Version: 2\n\t      Sequence Number: 42\n\t      Acknowledgement Number: 41\n\t    0x0000:  756e 6b6e 6f77 6e\n\t  0x0000:  001b 2102 020a 0102 0000 002a 0000 0029\n\t  0x0010:  1207 756e 6b6e 6f77 6e\n\tOrganization specific TLV (127), length 21: OUI DCBX (0x001b21)\n\t  DCB Capability Exchange Protocol Rev 1.01 Subtype (2)\n\t    0x0000:  756e 6b\n\t    Control - Protocol Control (type 0x1, length 10)\n\t      Oper_Version: 1\n\t      Max_Version: 2\n\t      Sequence Number: 42\n\t      Acknowledgement Number: 41\n\tOrganization specific TLV (127), length 7: OUI DCBX (0x001b21)\n\t  DCB Capability Exchange Protocol Rev 1 Subtype (1)\n\t  0x0000:  001b 2101 0102 03\n\tOrganization specific TLV (127), length 16: OUI DCBX (0x001b21)\n\t  unknown Subtype (3)\n\t    Control - Protocol Control (type 0x1, length 10)\n\t      Oper_Version: 1\n\t      Max_Version: 2\n\t      Sequence Number: 42\n\t      Acknowledgement Number: 41\n\tEnd TLV (0), length 0\n"},
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

// tcpdump's built-in OID tree: lookups by path, and what is not in it.
TEST(PrintUdpApps, SnmpMibTree)
{
    namespace mib = nsbox::tcpdump::mib;
    auto walk = [](std::initializer_list<uint32_t> path) {
        mib::Node n = mib::root;
        for (uint32_t o : path)
            n = mib::child(n, o);
        return n;
    };
    EXPECT_STREQ(mib::name(walk({1})), "iso");
    EXPECT_STREQ(mib::name(walk({1, 3, 6, 1, 2, 1, 1, 1})), "sysDescr");
    EXPECT_STREQ(mib::name(walk({1, 3, 6, 1, 2, 1, 2, 2, 1, 10})), "ifInOctets");
    EXPECT_STREQ(mib::name(walk({1, 3, 6, 1, 4, 1, 9})), "cisco");
    EXPECT_EQ(walk({0}), mib::none);
    EXPECT_EQ(walk({1, 3, 6, 1, 2, 1, 1, 8}), mib::none);
    EXPECT_EQ(walk({1, 3, 6, 1, 2, 1, 1, 1, 0}), mib::none); // a leaf has no children
    EXPECT_EQ(mib::child(walk({1, 3, 6, 1, 2, 1}), 257), mib::none); // tcpdump compares with a byte
    EXPECT_EQ(mib::child(mib::none, 1), mib::none);
    for (const mib::Abbrev& a : mib::abbrevs)
        EXPECT_NE(a.node, mib::none);
    EXPECT_STREQ(mib::name(mib::abbrevs[1].node), "enterprises");
}
