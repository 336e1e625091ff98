// The packet printers against known bytes. Every expected line is what the
// reference tcpdump 4.99.3 printed for the same bytes and options (with -t
// and TZ=GMT), recorded when the case was written: run
//   tcpdump -t OPTIONS -r FILE
// on a pcap holding the bytes to check one.

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

// The command-line flags these tests use.
PrintOptions options(std::string_view flags)
{
    PrintOptions o;
    o.tflag = 1;
    for (size_t i = 0; i < flags.size(); ++i) {
        if (flags[i] != '-')
            continue;
        for (++i; i < flags.size() && flags[i] != ' '; ++i) {
            switch (flags[i]) {
            case 'n': ++o.nflag; break;
            case 'v': ++o.vflag; break;
            case 'e': ++o.eflag; break;
            case 'q': ++o.qflag; o.suppress_default_print = true; break;
            case 'x': ++o.xflag; o.suppress_default_print = true; break;
            case 'X': ++o.Xflag; o.suppress_default_print = true; break;
            default: ADD_FAILURE() << "unknown flag " << flags[i];
            }
        }
    }
    return o;
}

std::string print(std::string_view hex, uint32_t wire, std::string_view flags, int linktype = DLT_EN10MB)
{
    PrintOptions opt = options(flags);
    Names names(true);
    PacketPrinter printer(opt, names, linktype);
    auto bytes = from_hex(hex);
    PacketHeader h{1700000000, 123456, static_cast<uint32_t>(bytes.size()), wire};
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
    {"echo request",
     "02000000000202000000000108004500002404d24000400122050a0000010a000002080003e3123400077878787878787878",
     50, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 16\n"},
    {"echo reply with -v",
     "02000000000202000000000108004500002404d24000400122050a0000010a00000200001a0c000500097979797979797979",
     50, "-n -v",
     "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 36)\n    10.0.0.1 > 10.0.0.2: ICMP echo reply, id 5, seq 9, length 16\n"},
    {"echo request with -e",
     "02000000000202000000000108004500002404d24000400122050a0000010a000002080003e3123400077878787878787878",
     50, "-n -e",
     "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 50: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 16\n"},
    {"port unreachable quoting UDP",
     "02000000000202000000000108004500003804d24000400121e90a0000090a0000020303de0f000000004500002604d24000401121eb0a0000020a0000099c40829a00120000",
     70, "-n",
     "IP 10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n"},
    {"port unreachable with -v prints the quoted datagram",
     "02000000000202000000000108004500003804d24000400121e90a0000090a0000020303de0f000000004500002604d24000401121eb0a0000020a0000099c40829a00120000",
     70, "-n -v",
     "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 38)\n    10.0.0.2.40000 > 10.0.0.9.33434: UDP, length 10\n"},
    {"host unreachable",
     "02000000000202000000000108004500003804d24000400121f10a0000010a0000020301de11000000004500002604d24000401121eb0a0000020a0000099c40829a00120000",
     70, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ICMP host 10.0.0.9 unreachable, length 36\n"},
    {"need to frag with mtu",
     "02000000000202000000000108004500003804d24000400121f10a0000010a0000020304d832000005dc4500002604d24000401121eb0a0000020a0000099c40829a00120000",
     70, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ICMP 10.0.0.9 unreachable - need to frag (mtu 1500), length 36\n"},
    {"redirect to host",
     "02000000000202000000000108004500003804d24000400121f10a0000010a0000020501d1130a0000fe4500002604d24000401121eb0a0000020a0000099c40829a00120000",
     70, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ICMP redirect 10.0.0.9 to host 10.0.0.254, length 36\n"},
    {"time exceeded in transit",
     "02000000000202000000000108004500003804d24000400121f10a0000010a0000020b00d612000000004500002604d24000401121eb0a0000020a0000099c40829a00120000",
     70, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ICMP time exceeded in-transit, length 36\n"},
    {"unknown ICMP type",
     "02000000000202000000000108004500001c04d240004001220d0a0000010a0000022a00d5ff00000000",
     42, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ICMP type-#42, length 8\n"},
    {"ARP request",
     "ffffffffffff020000000001080600010800060400010200000000010a0000010000000000000a000002",
     42, "-n",
     "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"},
    {"ARP reply with -e",
     "020000000002020000000001080600010800060400020200000000010a0000010000000000000a000002",
     42, "-n -e",
     "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype ARP (0x0806), length 42: Reply 10.0.0.1 is-at 02:00:00:00:00:01, length 28\n"},
    {"ARP with -v",
     "020000000002020000000001080600010800060400010200000000010a0000010200000000090a000002",
     42, "-n -v",
     "ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.0.2 (02:00:00:00:00:09) tell 10.0.0.1, length 28\n"},
    {"UDP without a dissector",
     "02000000000202000000000108004500002104d24000401121f80a0000010a00000204d215b3000d000068656c6c6f",
     47, "-n",
     "IP 10.0.0.1.1234 > 10.0.0.2.5555: UDP, length 5\n"},
    {"UDP checksum with -vv",
     "02000000000202000000000108004500002104d24000401121f80a0000010a00000204d215b3000d123468656c6c6f",
     47, "-n -vv",
     "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 33)\n    10.0.0.1.1234 > 10.0.0.2.5555: [bad udp cksum 0x1234 -> 0x8d7a!] UDP, length 5\n"},
    {"UDP length larger than the IP payload",
     "02000000000202000000000108004500002104d24000401121f80a0000010a00000204d215b30028000068656c6c6f",
     47, "-n",
     "IP 10.0.0.1.1234 > 10.0.0.2.5555: UDP, bad length 32 > 5\n"},
    {"TCP SYN with options",
     "02000000000202000000000108004500003c04d24000400621e80a0000010a00000204d222b80000006400000000a002faf000000000020405b40402080a000000010000000001030307",
     74, "-n",
     "IP 10.0.0.1.1234 > 10.0.0.2.8888: Flags [S], seq 100, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n"},
    {"unknown IP protocol",
     "02000000000202000000000108004500001804d24000406321af0a0000010a00000261626364",
     38, "-n",
     "IP 10.0.0.1 > 10.0.0.2:  ip-proto-99 4\n"},
    {"IP fragment",
     "02000000000202000000000108004500001804d20010401161f10a0000010a00000261626364",
     38, "-n",
     "IP 10.0.0.1 > 10.0.0.2: ip-proto-17\n"},
    {"IP options with -v",
     "02000000000202000000000108004700002c04d2400040010ef20a0000010a0000020707040102030400080003e3123400077878787878787878",
     58, "-n -v",
     "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 44, options (RR 1.2.3.4,EOL))\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 16\n"},
    {"bad IP header checksum with -v",
     "02000000000202000000000108004500002404d24000400112340a0000010a000002080003e3123400077878787878787878",
     50, "-n -v",
     "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 36, bad cksum 1234 (->2205)!)\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 16\n"},
    {"unknown ethertype, raw bytes",
     "02000000000202000000000112340102036162636465666768696a",
     27, "-n",
     "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x1234), length 27: \n\t0x0000:  0102 0361 6263 6465 6667 6869 6a         ...abcdefghij\n"},
    {"802.1Q tag with -e",
     "0200000000020200000000018100206408004500002404d24000400122050a0000010a000002080003e3123400077878787878787878",
     54, "-n -e",
     "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype 802.1Q (0x8100), length 54: vlan 100, p 1, ethertype IPv4 (0x0800), 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 16\n"},
    {"hex dump with -x",
     "02000000000202000000000108004500002404d24000400122050a0000010a000002080003e3123400077878787878787878",
     50, "-n -x",
     "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 16\n\t0x0000:  4500 0024 04d2 4000 4001 2205 0a00 0001\n\t0x0010:  0a00 0002 0800 03e3 1234 0007 7878 7878\n\t0x0020:  7878 7878\n"},
    {"quiet",
     "02000000000202000000000108004500002104d24000401121f80a0000010a00000204d215b3000d000068656c6c6f",
     47, "-n -q",
     "IP 10.0.0.1.1234 > 10.0.0.2.5555: UDP, length 5\n"},
    {"frame shorter than an Ethernet header",
     "02000000000202000000",
     10, "-n",
     " [|ether]\n"},
    {"capture ends inside the IP header",
     "02000000000202000000000108004500002404d24000400122050a000001",
     50, "-n",
     "IP  [|ip]\n"},
    {"capture ends inside ICMP",
     "02000000000202000000000108004500002404d24000400122050a0000010a000002080003e3",
     50, "-n",
     "IP 10.0.0.1 > 10.0.0.2:  [|icmp]\n"},
    {"capture ends inside the quoted datagram, -v",
     "02000000000202000000000108004500003804d24000400121e90a0000090a0000020303de0f000000004500002604d24000",
     70, "-n -v",
     "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n"},
    {"IP length beyond the frame",
     "02000000000202000000000108004500006404d24000400121c50a0000010a000002080003e3123400077878787878787878",
     50, "-n",
     "IP truncated-ip - 64 bytes missing! 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 80\n"},
    {"IP header length below 20",
     "02000000000202000000000108004400002404d24000400123050a0000010a000002080003e3123400077878787878787878",
     50, "-n",
     "IP bad-hlen 16\n"},
    {"IP total length below the header",
     "02000000000202000000000108004500000c04d240004001221d0a0000010a000002080003e3123400077878787878787878",
     50, "-n",
     "IP bad-len 12\n"},
    {"IP version 6 behind an IPv4 ethertype",
     "02000000000202000000000108006500002404d24000400102050a0000010a000002080003e3123400077878787878787878",
     50, "-n",
     "IP6, wrong link-layer encapsulation (invalid)\n"},
    {"ARP cut short",
     "020000000002020000000001080600010800060400010200000000010a00",
     42, "-n",
     " [|arp]\n"},
    {"UDP header cut short",
     "02000000000202000000000108004500002104d24000401121f80a0000010a00000204d215b3",
     47, "-n",
     "IP 10.0.0.1.1234 > 10.0.0.2.5555:  [|udp]\n"},
    {"TCP header cut short",
     "02000000000202000000000108004500002804d24000400621fc0a0000010a000002000000000000",
     54, "-n",
     "IP 10.0.0.1.0 > 10.0.0.2.0:  [|tcp]\n"},
    {"ICMPv6 neighbor solicitation",
     "02000000000202000000000186dd6000000000203aff00000000000000000000000000000000ff0200000000000000000001ffa44c198700000000000000fe80000000000000a0a1f2fffea44c190e012f0550494a57",
     86, "-n",
     "IP6 :: > ff02::1:ffa4:4c19: ICMP6, neighbor solicitation, who has fe80::a0a1:f2ff:fea4:4c19, length 32\n"},
    {"ICMPv6 neighbor solicitation with -v",
     "02000000000202000000000186dd6000000000203aff00000000000000000000000000000000ff0200000000000000000001ffa44c198700000000000000fe80000000000000a0a1f2fffea44c190e012f0550494a57",
     86, "-n -v",
     "IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) :: > ff02::1:ffa4:4c19: [bad icmp6 cksum 0x0000 -> 0x795b!] ICMP6, neighbor solicitation, length 32, who has fe80::a0a1:f2ff:fea4:4c19\n\t  unknown option (14), length 8 (1): \n\t  0x0000:  2f05 5049 4a57\n"},
    {"invalid capture header: len below caplen",
     "02000000000202000000000108004500002404d24000400122050a0000010a000002080003e3123400077878787878787878",
     20, "-n",
     "[Invalid header: len(20) < caplen(50)]\n"},    {"dns query with EDNS cookie",
     "02000000000202000000000108004500005012344000401114670a0000010a0000029c400035003c0000123401000001000000000001076578616d706c6503636f6d000001000100002904d000008000000c000a00080001020304050607",
     94, "-n",
     "IP 10.0.0.1.40000 > 10.0.0.2.53: 4660+ [1au] A? example.com. (52)\n"},
    {"dns query with EDNS cookie -n -vv",
     "02000000000202000000000108004500005012344000401114670a0000010a0000029c400035003c0000123401000001000000000001076578616d706c6503636f6d000001000100002904d000008000000c000a00080001020304050607",
     94, "-n -vv",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 80)\n"
     "    10.0.0.1.40000 > 10.0.0.2.53: [no cksum] 4660+ [1au] A? example.com. ar: . OPT UDPsize=1232 DO [COOKIE 0001020304050607] (52)\n"},
    {"dns response with a CNAME chain",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f6d00c00c0001000100000e100004c0000201c00c001c000100015180001020010db8000000000000000000000001",
     148, "-n",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: 4660 3/0/0 CNAME web.example.com., A 192.0.2.1, AAAA 2001:db8::1 (106)\n"},
    {"dns response with a CNAME chain -n -v",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f6d00c00c0001000100000e100004c0000201c00c001c000100015180001020010db8000000000000000000000001",
     148, "-n -v",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 134)\n"
     "    10.0.0.2.53 > 10.0.0.1.40000: 4660 3/0/0 www.example.com. CNAME web.example.com., www.example.com. A 192.0.2.1, www.example.com. AAAA 2001:db8::1 (106)\n"},
    {"dns response with a CNAME chain -n -vvv",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f6d00c00c0001000100000e100004c0000201c00c001c000100015180001020010db8000000000000000000000001",
     148, "-n -vvv",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 134)\n"
     "    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 4660 q: A? www.example.com. 3/0/0 www.example.com. [5m] CNAME web.example.com., www.example.com. [1h] A 192.0.2.1, www.example.com. [1d] AAAA 2001:db8::1 (106)\n"},
    {"dns response with a CNAME chain -n -q",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f6d00c00c0001000100000e100004c0000201c00c001c000100015180001020010db8000000000000000000000001",
     148, "-n -q",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: UDP, length 106\n"},
    {"dns NXDomain with SOA",
     "02000000000202000000000108004500007612344000401114410a0000020a00000100359c4000620000000781830001000000010000046e6f7065076578616d706c6500001c0001c01100060001000003840030036e7331076578616d706c65000561646d696e076578616d706c65000000000100001c2000000e10001275000000012c",
     132, "-n",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: 7 NXDomain 0/1/0 (90)\n"},
    {"dns NXDomain with SOA -n -vv",
     "02000000000202000000000108004500007612344000401114410a0000020a00000100359c4000620000000781830001000000010000046e6f7065076578616d706c6500001c0001c01100060001000003840030036e7331076578616d706c65000561646d696e076578616d706c65000000000100001c2000000e10001275000000012c",
     132, "-n -vv",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n"
     "    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA ns1.example. admin.example. 1 7200 3600 1209600 300 (90)\n"},
    {"dns forward compression pointer -n -v",
     "02000000000202000000000108004500004712344000401114700a0000020a00000100359c40003300000009818000010001000000000161076578616d706c650000010001c040000100010000003c000401020304",
     85, "-n -v",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 71)\n"
     "    10.0.0.2.53 > 10.0.0.1.40000: 9 1/0/0 <BAD PTR> [|domain]\n"},
    {"dns TXT and SRV",
     "02000000000202000000000108004500007512344000401114420a0000020a00000100359c4000610000000a85800001000200000000076578616d706c65036f72670000100001c00c001000010000003c000d0568656c6c6f06776f72016421c00c002100010000003c0017000a000513c403736970076578616d706c65036f726700",
     131, "-n",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: 10* 2/0/0 TXT \"hello\" \"wor^Ad!\", SRV sip.example.org.:5060 10 5 (89)\n"},
    {"mdns cache flush -n -v",
     "0200000000020200000000010800450000451234400040113d770a000002e00000fb14e914e900310000000084000000000100000000077072696e746572056c6f63616c0000018001000000780004c0a80109",
     83, "-n -v",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 69)\n"
     "    10.0.0.2.5353 > 224.0.0.251.5353: 0*- [0q] 1/0/0 printer.local. (Cache flush) A 192.168.1.9 (41)\n"},
    {"mdns QU question",
     "02000000000202000000000108004500003d1234400040113d7f0a000002e00000fb14e914e900290000000000000001000000000000045f697070045f746370056c6f63616c00000c8001",
     75, "-n",
     "IP 10.0.0.2.5353 > 224.0.0.251.5353: 0 PTR (QU)? _ipp._tcp.local. (33)\n"},
    {"dns over tcp",
     "02000000000202000000000108004500005e12344000400614640a0000010a0000029c400035000003e8000007d050180200000000000034123401000001000000000001076578616d706c6503636f6d000001000100002904d000008000000c000a00080001020304050607",
     108, "-n",
     "IP 10.0.0.1.40000 > 10.0.0.2.53: Flags [P.], seq 1000:1054, ack 2000, win 512, length 54 4660+ [1au] A? example.com. (52)\n"},
    {"dns over tcp, wrong prefix",
     "02000000000202000000000108004500005e12344000400614640a0000010a0000029c400035000003e8000007d050180200000000000005123401000001000000000001076578616d706c6503636f6d000001000100002904d000008000000c000a00080001020304050607",
     108, "-n",
     "IP 10.0.0.1.40000 > 10.0.0.2.53: Flags [P.], seq 1000:1054, ack 2000, win 512, length 54 [prefix length(5) != length(52)] (invalid)\n"},
    {"dns header cut short",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c4000720000123481800001",
     148, "-n",
     "IP 10.0.0.2.53 > 10.0.0.1.40000:  [|domain]\n"},
    {"dns header cut short -n -x",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c4000720000123481800001",
     148, "-n -x",
     "IP 10.0.0.2.53 > 10.0.0.1.40000:  [|domain]\n"
     "\t0x0000:  4500 0086 1234 4000 4011 1431 0a00 0002\n"
     "\t0x0010:  0a00 0001 0035 9c40 0072 0000 1234 8180\n"
     "\t0x0020:  0001\n"},
    {"dns answer cut short",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f",
     148, "-n",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: 4660 3/0/0 CNAME [|domain]\n"},
    {"dns answer cut short -n -v",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f",
     148, "-n -v",
     "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 134)\n"
     "    10.0.0.2.53 > 10.0.0.1.40000: 4660 3/0/0 www.example.com. CNAME [|domain]\n"},
    {"dns answer cut short -n -x",
     "02000000000202000000000108004500008612344000401114310a0000020a00000100359c400072000012348180000100030000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c001103776562076578616d706c6503636f",
     148, "-n -x",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: 4660 3/0/0 CNAME [|domain]\n"
     "\t0x0000:  4500 0086 1234 4000 4011 1431 0a00 0002\n"
     "\t0x0010:  0a00 0001 0035 9c40 0072 0000 1234 8180\n"
     "\t0x0020:  0001 0003 0000 0000 0377 7777 0765 7861\n"
     "\t0x0030:  6d70 6c65 0363 6f6d 0000 0100 01c0 0c00\n"
     "\t0x0040:  0500 0100 0001 2c00 1103 7765 6207 6578\n"
     "\t0x0050:  616d 706c 6503 636f\n"},
    {"dns message shorter than its header",
     "02000000000202000000000108004500002412344000401114930a0000020a00000100359c40001000001234818000010003",
     50, "-n",
     "IP 10.0.0.2.53 > 10.0.0.1.40000: domain [length 8 < 12] (invalid)\n"},

};

TEST(PrintPacket, PrintsWhatTcpdumpPrints)
{
    for (const auto& c : cases)
        EXPECT_EQ(print(c.hex, c.wire, c.flags), c.expected) << c.name;
}

// An ICMP port unreachable quoting a UDP datagram, captured with every
// snapshot length from 1 byte to the whole frame, printed with -v: each
// truncation ends in the marker of the layer it cut, as in tcpdump.
const char* const cut_packet = "02000000000202000000000108004500003804d24000400121e90a0000090a0000020303de0f000000004500002604d24000401121eb0a0000020a0000099c40829a00120000";
const char* const cut_expected[] = {
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2:  [|icmp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 38)\n    10.0.0.2.40000 > 10.0.0.9.33434:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 38)\n    10.0.0.2.40000 > 10.0.0.9.33434:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 38)\n    10.0.0.2.40000 > 10.0.0.9.33434:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 38)\n    10.0.0.2.40000 > 10.0.0.9.33434:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto ICMP (1), length 56)\n    10.0.0.9 > 10.0.0.2: ICMP 10.0.0.9 udp port 33434 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 1234, offset 0, flags [DF], proto UDP (17), length 38)\n    10.0.0.2.40000 > 10.0.0.9.33434: UDP, length 10\n"
};

TEST(PrintPacket, EverySnapshotLengthPrintsWhatTcpdumpPrints)
{
    std::string hex = cut_packet;
    uint32_t wire = static_cast<uint32_t>(hex.size() / 2);
    for (uint32_t n = 1; n <= wire; ++n)
        EXPECT_EQ(print(hex.substr(0, 2 * n), wire, "-n -v"), cut_expected[n - 1]) << "captured " << n;
}

// A DNS NXDomain response (question, compression pointer, SOA in the
// authority section) with every snapshot length, printed with -vv: where
// tcpdump stops, and whether it still prints the sections before the cut.
const char* const dns_cut_packet =
    "02000000000202000000000108004500007612344000401114410a0000020a00000100359c4000620000000781830001000000010000046e6f7065076578616d706c6500001c0001c01100060001000003840030036e7331076578616d706c65000561646d696e076578616d706c65000000000100001c2000000e10001275000000012c";
const char* const dns_cut_expected[] = {
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ether]\n",
    " [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP  [|ip]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2 > 10.0.0.1:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2 > 10.0.0.1:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2 > 10.0.0.1:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2 > 10.0.0.1:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000:  [|udp]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum]  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns:  [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. (90)\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA [|domain]\n",
    "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto UDP (17), length 118)\n    10.0.0.2.53 > 10.0.0.1.40000: [no cksum] 7 NXDomain q: AAAA? nope.example. 0/1/0 ns: example. SOA ns1.example. admin.example. 1 7200 3600 1209600 300 (90)\n",
};

TEST(PrintPacket, EveryDnsSnapshotLengthPrintsWhatTcpdumpPrints)
{
    std::string hex = dns_cut_packet;
    uint32_t wire = static_cast<uint32_t>(hex.size() / 2);
    for (uint32_t n = 1; n <= wire; ++n)
        EXPECT_EQ(print(hex.substr(0, 2 * n), wire, "-n -vv"), dns_cut_expected[n - 1]) << "captured " << n;
}

TEST(PrintPacket, PacketNumbersAndTimestamps)
{
    setenv("TZ", "GMT", 1);
    tzset();
    auto bytes = from_hex(cases[0].hex);
    Names names(true);
    auto line = [&](PrintOptions opt, int64_t sec, uint32_t frac, uint32_t number = 1) {
        PacketPrinter p(opt, names, DLT_EN10MB);
        std::string out;
        p.print({sec, frac, static_cast<uint32_t>(bytes.size()), static_cast<uint32_t>(bytes.size())}, bytes, number, out);
        return out.substr(0, out.find(" IP"));
    };
    PrintOptions o;
    o.nflag = 1;
    EXPECT_EQ(line(o, 1700000000, 123456), "22:13:20.123456");
    o.tflag = 2;
    EXPECT_EQ(line(o, 1700000000, 7), "1700000000.000007");
    o.tflag = 4;
    EXPECT_EQ(line(o, 1700000000, 7), "2023-11-14 22:13:20.000007");
    o.tflag = 0;
    o.nano = true;
    EXPECT_EQ(line(o, 1700000000, 123456789), "22:13:20.123456789");
    o.nano = false;
    // tcpdump 4.99 cannot convert times with bit 31 set.
    EXPECT_EQ(line(o, 0x80000000LL, 0), "[Error converting time]");
    o.packet_number = true;
    EXPECT_EQ(line(o, 1700000000, 0, 42), "   42  22:13:20.000000");
}

TEST(PrintPacket, DeltaTimestampsFromThePreviousOrTheFirstPacket)
{
    auto bytes = from_hex(cases[0].hex);
    Names names(true);
    for (int t : {3, 5}) {
        PrintOptions o;
        o.nflag = 1;
        o.tflag = t;
        PacketPrinter p(o, names, DLT_EN10MB);
        std::string out;
        uint32_t len = static_cast<uint32_t>(bytes.size());
        p.print({100, 500000, len, len}, bytes, 1, out);
        p.print({101, 250000, len, len}, bytes, 2, out);
        p.print({103, 250000, len, len}, bytes, 3, out);
        p.print({102, 0, len, len}, bytes, 4, out);
        std::vector<std::string> stamps;
        for (size_t pos = 0; pos < out.size();) {
            size_t nl = out.find('\n', pos);
            std::string l = out.substr(pos, nl - pos);
            stamps.push_back(l.substr(0, l.find(" IP")));
            pos = nl + 1;
        }
        if (t == 3)
            EXPECT_EQ(stamps, (std::vector<std::string>{" 00:00:00.000000", " 00:00:00.750000", " 00:00:02.000000",
                                                        "-00:00:01.250000"}));
        else
            EXPECT_EQ(stamps, (std::vector<std::string>{" 00:00:00.000000", " 00:00:00.750000", " 00:00:02.750000",
                                                        " 00:00:01.500000"}));
    }
}

TEST(PrintPacket, UnsupportedLinkTypesDumpTheFrame)
{
    EXPECT_EQ(print("0102030405", 5, "-n", 147),
              "UNSUPPORTED\n\t0x0000:  0102 0304 05                             .....\n");
}

TEST(PrintPacket, NamesWithoutNumericMode)
{
    // Host names come from the lookup (here a fixed table), MAC addresses get
    // "Broadcast" or their vendor; services come from /etc/services.
    PrintOptions opt = options("-e");
    Names names(false);
    names.set_host_lookup(
        [](const std::array<uint8_t, 4>& a) { return a[3] == 1 ? std::string("one.example") : std::string(); },
        [](const std::array<uint8_t, 16>&) { return std::string(); });
    PacketPrinter printer(opt, names, DLT_EN10MB);
    auto bytes = from_hex(cases[10].hex); // the ARP request, to ff:ff:ff:ff:ff:ff
    std::string out;
    printer.print({0, 0, static_cast<uint32_t>(bytes.size()), static_cast<uint32_t>(bytes.size())}, bytes, 1, out);
    EXPECT_EQ(out, "02:00:00:00:00:01 (oui Unknown) > Broadcast, ethertype ARP (0x0806), length 42: "
                   "Request who-has 10.0.0.2 tell one.example, length 28\n");
}

} // namespace

namespace {

// An LLDP frame: chassis MAC, port name, TTL, system name, IEEE 802.1 PVID,
// IEEE 802.3 MAC/PHY, End (recorded from tcpdump 4.99.3 -t).
constexpr const char* lldp_frame =
    "0180c200000e02000000000188cc02070402000000000104050565746830060200780a03737731fe060080c201000afe0900120f01036c0100"
    "100000";

TEST(PrintPacket, Lldp)
{
    EXPECT_EQ(print(lldp_frame, 60, "-n"), "LLDP, length 46: sw1\n");
    EXPECT_EQ(print(std::string_view(lldp_frame).substr(0, 60), 60, "-n"), "LLDP, length 46 [|lldp]\n");
    EXPECT_EQ(print(lldp_frame, 60, "-n -v"),
              "LLDP, length 46\n"
              "\tChassis ID TLV (1), length 7\n"
              "\t  Subtype MAC address (4): 02:00:00:00:00:01\n"
              "\tPort ID TLV (2), length 5\n"
              "\t  Subtype Interface Name (5): eth0\n"
              "\tTime to Live TLV (3), length 2: TTL 120s\n"
              "\tSystem Name TLV (5), length 3: sw1\n"
              "\tOrganization specific TLV (127), length 6: OUI Ethernet bridged (0x0080c2)\n"
              "\t  Port VLAN Id Subtype (1)\n"
              "\t    port vlan id (PVID): 10\n"
              "\tOrganization specific TLV (127), length 9: OUI IEEE 802.3 Private (0x00120f)\n"
              "\t  MAC/PHY configuration/status Subtype (1)\n"
              "\t    autonegotiation [supported, enabled] (0x03)\n"
              "\t    PMD autoneg capability [10BASE-T hdx, 10BASE-T fdx, 100BASE-TX hdx, 100BASE-TX fdx, 1000BASE-T "
              "fdx] (0x6c01)\n"
              "\t    MAU type 100BASETX fdx (0x0010)\n"
              "\tEnd TLV (0), length 0\n");
    EXPECT_EQ(print(std::string_view(lldp_frame).substr(0, 60), 60, "-n -vv"),
              "LLDP, length 46\n"
              "\tChassis ID TLV (1), length 7\n"
              "\t  Subtype MAC address (4): 02:00:00:00:00:01\n"
              "\t  0x0000:  0402 0000 0000 01\n"
              "\tPort ID TLV (2), length 5\n"
              "\t  Subtype Interface Name (5): eth0\n"
              "\t  0x0000:  0565 7468 30 [|lldp]\n");
}

} // namespace
