// Recorded kernel replies for ip route (kernel 6.18, iproute2 6.1 as the
// reference), made in a sandbox by tests/unit/README-style recipe:
//   links: 1 lo, 2 v2, 3 v1 (10.0.0.1/24, fd00::1/64), 4 v4, 5 v3
//   (10.0.1.1/24, fd00:1::1/64), then routes of every kind:
//     10.5.0.0/16 via 10.0.0.2 metric 5 proto static
//     10.6.0.0/16 dev v3 src 10.0.1.1 proto 99 mtu lock 1400 advmss 1300
//         rtt 2s rttvar 500ms congctl reno quickack 1 features ecn
//     10.7.0.0/24 via 10.0.1.2 table 100; 10.7.1.0/24 dev v1 table 1000 scope host
//     blackhole / unreachable / prohibit / throw 10.8.x.0
//     default via 10.0.0.254; 10.9.0.0/16 dev v1 tos 0x28 realms 3/5
//     10.20.0.0/16 nexthop via 10.0.0.2 weight 2 nexthop via 10.0.1.2 dev v3 onlink
//     10.30.0.0/16 via inet6 fe80::1 dev v1
//     fd00:5::/64 via fd00::2 metric 9 pref high
//     fd00:20::/64 nexthop via fd00::2 nexthop via fd00:1::2 weight 3
//     fd00:34::/64 from fd00:9::/64 dev v1; unreachable fd00:35::/64
//     fd00:36::/64 dev v1 table 200 mtu 1280
// route_dump is `ip route save table all` without its magic (the messages
// exactly as the kernel sent them); get_* are the kernel's answers to
// RTM_GETROUTE for one address. The ref_* texts are what iproute2 6.1
// printed for that state with an empty /etc/iproute2 (built-in names only).
#pragma once

#include <string_view>

namespace nsbox::testdata {

constexpr std::string_view route_dump =
    "3c0000001800220019fb0b6bfa0c000002180000640300010000000008000f0064000000080001000a070000080005000a00"
    "01020800040005000000340000001800220019fb0b6bfa0c000002180000fc03fe010000000008000f00e803000008000100"
    "0a0701000800040003000000340000001800220019fb0b6bfa0c000002000000fe0300010000000008000f00fe0000000800"
    "05000a0000fe08000400030000003c0000001800220019fb0b6bfa0c000002180000fe02fd010000000008000f00fe000000"
    "080001000a000000080007000a00000108000400030000003c0000001800220019fb0b6bfa0c000002180000fe02fd010000"
    "000008000f00fe000000080001000a000100080007000a0001010800040005000000440000001800220019fb0b6bfa0c0000"
    "02100000fe0400010000000008000f00fe000000080001000a0500000800060005000000080005000a000002080004000300"
    "0000840000001800220019fb0b6bfa0c000002100000fe63fd010000000008000f00fe000000080001000a06000048000800"
    "0800010004000000080002007805000008000400803e000008000500d0070000080008001405000008000c00010000000800"
    "0f00010000000900100072656e6f00000000080007000a00010108000400050000002c0000001800220019fb0b6bfa0c0000"
    "02100000fe0300060000000008000f00fe000000080001000a0800002c0000001800220019fb0b6bfa0c000002180000fe03"
    "00070000000008000f00fe000000080001000a0801002c0000001800220019fb0b6bfa0c000002180000fe03000800000000"
    "08000f00fe000000080001000a0802002c0000001800220019fb0b6bfa0c000002180000fe0300090000000008000f00fe00"
    "0000080001000a0803003c0000001800220019fb0b6bfa0c000002100028fe03fd010000000008000f00fe00000008000100"
    "0a090000080004000300000008000b0005000300500000001800220019fb0b6bfa0c000002100000fe030001000000000800"
    "0f00fe000000080001000a140000240009001000000103000000080005000a0000021000040005000000080005000a000102"
    "4c0000001800220019fb0b6bfa0c000002100000fe0300010000000008000f00fe000000080001000a1e0000160012000a00"
    "fe800000000000000000000000000001000008000400030000003c0000001800220019fb0b6bfa0c000002200000ff02fe02"
    "0000000008000f00ff000000080001000a000001080007000a00000108000400030000003c0000001800220019fb0b6bfa0c"
    "000002200000ff02fd030000000008000f00ff000000080001000a0000ff080007000a00000108000400030000003c000000"
    "1800220019fb0b6bfa0c000002200000ff02fe020000000008000f00ff000000080001000a000101080007000a0001010800"
    "0400050000003c0000001800220019fb0b6bfa0c000002200000ff02fd030000000008000f00ff000000080001000a0001ff"
    "080007000a00010108000400050000003c0000001800220019fb0b6bfa0c000002080000ff02fe020000000008000f00ff00"
    "0000080001007f000000080007007f00000108000400010000003c0000001800220019fb0b6bfa0c000002200000ff02fe02"
    "0000000008000f00ff000000080001007f000001080007007f00000108000400010000003c0000001800220019fb0b6bfa0c"
    "000002200000ff02fd030000000008000f00ff000000080001007fffffff080007007f000001080004000100000080000000"
    "1800220019fb0b6bfa0c00000a400000c80300010000000008000f00c800000014000100fd00003600000000000000000000"
    "00000c00080008000200000500000800060000040000080004000300000024000c0000000000000000000000000000000000"
    "000000000000000000000000000000000500140000000000740000001800220019fb0b6bfa0c00000a400000fe0200010000"
    "000008000f00fe00000014000100fd0000000000000000000000000000000800060000010000080004000300000024000c00"
    "00000000000000000000000000000000000000000000000000000000000000000500140000000000740000001800220019fb"
    "0b6bfa0c00000a400000fe0200010000000008000f00fe00000014000100fd00000100000000000000000000000008000600"
    "00010000080004000500000024000c0000000000000000000000000000000000000000000000000000000000000000000500"
    "140000000000880000001800220019fb0b6bfa0c00000a400000fe0300010000000008000f00fe00000014000100fd000005"
    "000000000000000000000000080006000900000014000500fd00000000000000000000000000000208000400030000002400"
    "0c0000000000000000000000000000000000000000000000000000000000000000000500140001000000a800000018002200"
    "19fb0b6bfa0c00000a400000fe0300010000000008000f00fe00000014000100fd0000200000000000000000000000000800"
    "0600000400003c0009001c0000000300000014000500fd0000000000000000000000000000021c0000020500000014000500"
    "fd00000100000000000000000000000224000c00000000000000000000000000000000000000000000000000000000000000"
    "00000500140000000000880000001800220019fb0b6bfa0c00000a404000fe0300010000000008000f00fe00000014000100"
    "fd00003400000000000000000000000014000200fd0000090000000000000000000000000800060000040000080004000300"
    "000024000c000000000000000000000000000000000000000000000000000000000000000000050014000000000074000000"
    "1800220019fb0b6bfa0c00000a400000fe0300070000000008000f00fe00000014000100fd00003500000000000000000000"
    "00000800060000040000080004000100000024000c0000000000000000000000000000000000000000000000000000000000"
    "000000000500140000000000740000001800220019fb0b6bfa0c00000a400000fe0200010000000008000f00fe0000001400"
    "0100fe8000000000000000000000000000000800060000010000080004000200000024000c00000000000000000000000000"
    "00000000000000000000000000000000000000000500140000000000740000001800220019fb0b6bfa0c00000a400000fe02"
    "00010000000008000f00fe00000014000100fe80000000000000000000000000000008000600000100000800040003000000"
    "24000c0000000000000000000000000000000000000000000000000000000000000000000500140000000000740000001800"
    "220019fb0b6bfa0c00000a400000fe0200010000000008000f00fe00000014000100fe800000000000000000000000000000"
    "0800060000010000080004000400000024000c00000000000000000000000000000000000000000000000000000000000000"
    "00000500140000000000740000001800220019fb0b6bfa0c00000a400000fe0200010000000008000f00fe00000014000100"
    "fe8000000000000000000000000000000800060000010000080004000500000024000c000000000000000000000000000000"
    "0000000000000000000000000000000000000500140000000000740000001800220019fb0b6bfa0c00000a800000ff020002"
    "0000000008000f00ff0000001400010000000000000000000000000000000001080006000000000008000400010000002400"
    "0c00000000000000000000000000000000000000000000000000000000000000000005001400000000007400000018002200"
    "19fb0b6bfa0c00000a800000ff0200020000000008000f00ff00000014000100fd0000000000000000000000000000010800"
    "060000000000080004000300000024000c000000000000000000000000000000000000000000000000000000000000000000"
    "0500140000000000740000001800220019fb0b6bfa0c00000a800000ff0200020000000008000f00ff00000014000100fd00"
    "00010000000000000000000000010800060000000000080004000500000024000c0000000000000000000000000000000000"
    "000000000000000000000000000000000500140000000000740000001800220019fb0b6bfa0c00000a800000ff0200020000"
    "000008000f00ff00000014000100fe80000000000000000000fffe0001010800060000000000080004000300000024000c00"
    "00000000000000000000000000000000000000000000000000000000000000000500140000000000740000001800220019fb"
    "0b6bfa0c00000a800000ff0200020000000008000f00ff00000014000100fe80000000000000000000fffe00010208000600"
    "00000000080004000200000024000c0000000000000000000000000000000000000000000000000000000000000000000500"
    "140000000000740000001800220019fb0b6bfa0c00000a800000ff0200020000000008000f00ff00000014000100fe800000"
    "00000000000000fffe0002010800060000000000080004000500000024000c00000000000000000000000000000000000000"
    "00000000000000000000000000000500140000000000740000001800220019fb0b6bfa0c00000a800000ff02000200000000"
    "08000f00ff00000014000100fe80000000000000000000fffe0002020800060000000000080004000400000024000c000000"
    "0000000000000000000000000000000000000000000000000000000000000500140000000000740000001800220019fb0b6b"
    "fa0c00000a080000ff0200050000000008000f00ff00000014000100ff000000000000000000000000000000080006000001"
    "0000080004000200000024000c00000000000000000000000000000000000000000000000000000000000000000005001400"
    "00000000740000001800220019fb0b6bfa0c00000a080000ff0200050000000008000f00ff00000014000100ff0000000000"
    "000000000000000000000800060000010000080004000300000024000c000000000000000000000000000000000000000000"
    "0000000000000000000000000500140000000000740000001800220019fb0b6bfa0c00000a080000ff020005000000000800"
    "0f00ff00000014000100ff0000000000000000000000000000000800060000010000080004000400000024000c0000000000"
    "000000000000000000000000000000000000000000000000000000000500140000000000740000001800220019fb0b6bfa0c"
    "00000a080000ff0200050000000008000f00ff00000014000100ff0000000000000000000000000000000800060000010000"
    "080004000500000024000c000000000000000000000000000000000000000000000000000000000000000000050014000000"
    "0000";

constexpr std::string_view route_get4 =
    "680000001800000001000000060d000002200000fe0000010002000008000f00fe000000080001000a000005080004000300"
    "0000080007000a000001080019000000000024000c0002000000000000000000000000000000000000000000000000000000"
    "00000000";

constexpr std::string_view route_get4local =
    "680000001800000001000000090d000002200000fe0000020002008008000f00fe000000080001000a000001080004000100"
    "0000080007000a000001080019000000000024000c0001000000000000000000000000000000000000000000000000000000"
    "00000000";

constexpr std::string_view route_get6 =
    "b000000018000000010000000c0d00000a808000fe0300010000000008000f00fe00000014000100fd000005000000000000"
    "000000000001140002000000000000000000000000000000000014000700fd00000000000000000000000000000108000600"
    "0900000014000500fd000000000000000000000000000002080004000300000024000c000200000000000000000000000000"
    "0000000000000000000000000000000000000500140001000000";

constexpr std::string_view ref_route_showdump = R"(10.7.0.0/24 via 10.0.1.2 dev v3 table 100 
10.7.1.0/24 dev v1 table 1000 scope host 
default via 10.0.0.254 dev v1 
10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 
10.0.1.0/24 dev v3 proto kernel scope link src 10.0.1.1 
10.5.0.0/16 via 10.0.0.2 dev v1 proto static metric 5 
10.6.0.0/16 dev v3 proto 99 scope link src 10.0.1.1 mtu lock 1400 rtt 2s rttvar 500ms advmss 1300 features ecn quickack 1 congctl reno 
blackhole 10.8.0.0/16 
unreachable 10.8.1.0/24 
prohibit 10.8.2.0/24 
throw 10.8.3.0/24 
10.9.0.0/16 tos 0x28 dev v1 scope link realms 3/5 
10.20.0.0/16 
	nexthop via 10.0.0.2 dev v1 weight 2 
	nexthop via 10.0.1.2 dev v3 weight 1 onlink 
10.30.0.0/16 via inet6 fe80::1 dev v1 
local 10.0.0.1 dev v1 table local proto kernel scope host src 10.0.0.1 
broadcast 10.0.0.255 dev v1 table local proto kernel scope link src 10.0.0.1 
local 10.0.1.1 dev v3 table local proto kernel scope host src 10.0.1.1 
broadcast 10.0.1.255 dev v3 table local proto kernel scope link src 10.0.1.1 
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
fd00:36::/64 dev v1 table 200 metric 1024 mtu 1280 pref medium
fd00::/64 dev v1 proto kernel metric 256 pref medium
fd00:1::/64 dev v3 proto kernel metric 256 pref medium
fd00:5::/64 via fd00::2 dev v1 metric 9 pref high
fd00:20::/64 metric 1024 pref medium
	nexthop via fd00::2 dev v1 weight 1 
	nexthop via fd00:1::2 dev v3 weight 3 
fd00:34::/64 from fd00:9::/64 dev v1 metric 1024 pref medium
unreachable fd00:35::/64 dev lo metric 1024 pref medium
fe80::/64 dev v2 proto kernel metric 256 pref medium
fe80::/64 dev v1 proto kernel metric 256 pref medium
fe80::/64 dev v4 proto kernel metric 256 pref medium
fe80::/64 dev v3 proto kernel metric 256 pref medium
local ::1 dev lo table local proto kernel metric 0 pref medium
local fd00::1 dev v1 table local proto kernel metric 0 pref medium
local fd00:1::1 dev v3 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:101 dev v1 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:102 dev v2 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:201 dev v3 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:202 dev v4 table local proto kernel metric 0 pref medium
multicast ff00::/8 dev v2 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v1 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v4 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v3 table local proto kernel metric 256 pref medium
)";

constexpr std::string_view ref_route_all_txt = R"(10.7.0.0/24 via 10.0.1.2 dev v3 table 100 
10.7.1.0/24 dev v1 table 1000 scope host 
default via 10.0.0.254 dev v1 
10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 
10.0.1.0/24 dev v3 proto kernel scope link src 10.0.1.1 
10.5.0.0/16 via 10.0.0.2 dev v1 proto static metric 5 
10.6.0.0/16 dev v3 proto 99 scope link src 10.0.1.1 mtu lock 1400 rtt 2s rttvar 500ms advmss 1300 features ecn quickack 1 congctl reno 
blackhole 10.8.0.0/16 
unreachable 10.8.1.0/24 
prohibit 10.8.2.0/24 
throw 10.8.3.0/24 
10.9.0.0/16 tos 0x28 dev v1 scope link realms 3/5 
10.20.0.0/16 
	nexthop via 10.0.0.2 dev v1 weight 2 
	nexthop via 10.0.1.2 dev v3 weight 1 onlink 
10.30.0.0/16 via inet6 fe80::1 dev v1 
local 10.0.0.1 dev v1 table local proto kernel scope host src 10.0.0.1 
broadcast 10.0.0.255 dev v1 table local proto kernel scope link src 10.0.0.1 
local 10.0.1.1 dev v3 table local proto kernel scope host src 10.0.1.1 
broadcast 10.0.1.255 dev v3 table local proto kernel scope link src 10.0.1.1 
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
fd00:36::/64 dev v1 table 200 metric 1024 mtu 1280 pref medium
fd00::/64 dev v1 proto kernel metric 256 pref medium
fd00:1::/64 dev v3 proto kernel metric 256 pref medium
fd00:5::/64 via fd00::2 dev v1 metric 9 pref high
fd00:20::/64 metric 1024 pref medium
	nexthop via fd00::2 dev v1 weight 1 
	nexthop via fd00:1::2 dev v3 weight 3 
fd00:34::/64 from fd00:9::/64 dev v1 metric 1024 pref medium
unreachable fd00:35::/64 dev lo metric 1024 pref medium
fe80::/64 dev v2 proto kernel metric 256 pref medium
fe80::/64 dev v1 proto kernel metric 256 pref medium
fe80::/64 dev v4 proto kernel metric 256 pref medium
fe80::/64 dev v3 proto kernel metric 256 pref medium
local ::1 dev lo table local proto kernel metric 0 pref medium
local fd00::1 dev v1 table local proto kernel metric 0 pref medium
local fd00:1::1 dev v3 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:101 dev v1 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:102 dev v2 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:201 dev v3 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:202 dev v4 table local proto kernel metric 0 pref medium
multicast ff00::/8 dev v2 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v1 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v4 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v3 table local proto kernel metric 256 pref medium
)";

constexpr std::string_view ref_route_all_details = R"(unicast 10.7.0.0/24 via 10.0.1.2 dev v3 table 100 proto boot scope global 
unicast 10.7.1.0/24 dev v1 table 1000 proto boot scope host 
unicast default via 10.0.0.254 dev v1 table main proto boot scope global 
unicast 10.0.0.0/24 dev v1 table main proto kernel scope link src 10.0.0.1 
unicast 10.0.1.0/24 dev v3 table main proto kernel scope link src 10.0.1.1 
unicast 10.5.0.0/16 via 10.0.0.2 dev v1 table main proto static scope global metric 5 
unicast 10.6.0.0/16 dev v3 table main proto 99 scope link src 10.0.1.1 mtu lock 1400 rtt 2s rttvar 500ms advmss 1300 features ecn quickack 1 congctl reno 
blackhole 10.8.0.0/16 table main proto boot scope global 
unreachable 10.8.1.0/24 table main proto boot scope global 
prohibit 10.8.2.0/24 table main proto boot scope global 
throw 10.8.3.0/24 table main proto boot scope global 
unicast 10.9.0.0/16 tos 0x28 dev v1 table main proto boot scope link realms 3/5 
unicast 10.20.0.0/16 table main proto boot scope global 
	nexthop via 10.0.0.2 dev v1 weight 2 
	nexthop via 10.0.1.2 dev v3 weight 1 onlink 
unicast 10.30.0.0/16 via inet6 fe80::1 dev v1 table main proto boot scope global 
local 10.0.0.1 dev v1 table local proto kernel scope host src 10.0.0.1 
broadcast 10.0.0.255 dev v1 table local proto kernel scope link src 10.0.0.1 
local 10.0.1.1 dev v3 table local proto kernel scope host src 10.0.1.1 
broadcast 10.0.1.255 dev v3 table local proto kernel scope link src 10.0.1.1 
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
unicast fd00:36::/64 dev v1 table 200 proto boot scope global metric 1024 mtu 1280 pref medium
unicast fd00::/64 dev v1 table main proto kernel scope global metric 256 pref medium
unicast fd00:1::/64 dev v3 table main proto kernel scope global metric 256 pref medium
unicast fd00:5::/64 via fd00::2 dev v1 table main proto boot scope global metric 9 pref high
unicast fd00:20::/64 table main proto boot scope global metric 1024 pref medium
	nexthop via fd00::2 dev v1 weight 1 
	nexthop via fd00:1::2 dev v3 weight 3 
unicast fd00:34::/64 from fd00:9::/64 dev v1 table main proto boot scope global metric 1024 pref medium
unreachable fd00:35::/64 dev lo table main proto boot scope global metric 1024 pref medium
unicast fe80::/64 dev v2 table main proto kernel scope global metric 256 pref medium
unicast fe80::/64 dev v1 table main proto kernel scope global metric 256 pref medium
unicast fe80::/64 dev v4 table main proto kernel scope global metric 256 pref medium
unicast fe80::/64 dev v3 table main proto kernel scope global metric 256 pref medium
local ::1 dev lo table local proto kernel scope global metric 0 pref medium
local fd00::1 dev v1 table local proto kernel scope global metric 0 pref medium
local fd00:1::1 dev v3 table local proto kernel scope global metric 0 pref medium
local fe80::ff:fe00:101 dev v1 table local proto kernel scope global metric 0 pref medium
local fe80::ff:fe00:102 dev v2 table local proto kernel scope global metric 0 pref medium
local fe80::ff:fe00:201 dev v3 table local proto kernel scope global metric 0 pref medium
local fe80::ff:fe00:202 dev v4 table local proto kernel scope global metric 0 pref medium
multicast ff00::/8 dev v2 table local proto kernel scope global metric 256 pref medium
multicast ff00::/8 dev v1 table local proto kernel scope global metric 256 pref medium
multicast ff00::/8 dev v4 table local proto kernel scope global metric 256 pref medium
multicast ff00::/8 dev v3 table local proto kernel scope global metric 256 pref medium
)";

constexpr std::string_view ref_route_all_oneline = R"(10.7.0.0/24 via 10.0.1.2 dev v3 table 100 
10.7.1.0/24 dev v1 table 1000 scope host 
default via 10.0.0.254 dev v1 
10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 
10.0.1.0/24 dev v3 proto kernel scope link src 10.0.1.1 
10.5.0.0/16 via 10.0.0.2 dev v1 proto static metric 5 
10.6.0.0/16 dev v3 proto 99 scope link src 10.0.1.1 mtu lock 1400 rtt 2s rttvar 500ms advmss 1300 features ecn quickack 1 congctl reno 
blackhole 10.8.0.0/16 
unreachable 10.8.1.0/24 
prohibit 10.8.2.0/24 
throw 10.8.3.0/24 
10.9.0.0/16 tos 0x28 dev v1 scope link realms 3/5 
10.20.0.0/16 \	nexthop via 10.0.0.2 dev v1 weight 2 \	nexthop via 10.0.1.2 dev v3 weight 1 onlink 
10.30.0.0/16 via inet6 fe80::1 dev v1 
local 10.0.0.1 dev v1 table local proto kernel scope host src 10.0.0.1 
broadcast 10.0.0.255 dev v1 table local proto kernel scope link src 10.0.0.1 
local 10.0.1.1 dev v3 table local proto kernel scope host src 10.0.1.1 
broadcast 10.0.1.255 dev v3 table local proto kernel scope link src 10.0.1.1 
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
fd00:36::/64 dev v1 table 200 metric 1024 mtu 1280 pref medium
fd00::/64 dev v1 proto kernel metric 256 pref medium
fd00:1::/64 dev v3 proto kernel metric 256 pref medium
fd00:5::/64 via fd00::2 dev v1 metric 9 pref high
fd00:20::/64 metric 1024 pref medium\	nexthop via fd00::2 dev v1 weight 1 \	nexthop via fd00:1::2 dev v3 weight 3 
fd00:34::/64 from fd00:9::/64 dev v1 metric 1024 pref medium
unreachable fd00:35::/64 dev lo metric 1024 pref medium
fe80::/64 dev v2 proto kernel metric 256 pref medium
fe80::/64 dev v1 proto kernel metric 256 pref medium
fe80::/64 dev v4 proto kernel metric 256 pref medium
fe80::/64 dev v3 proto kernel metric 256 pref medium
local ::1 dev lo table local proto kernel metric 0 pref medium
local fd00::1 dev v1 table local proto kernel metric 0 pref medium
local fd00:1::1 dev v3 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:101 dev v1 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:102 dev v2 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:201 dev v3 table local proto kernel metric 0 pref medium
local fe80::ff:fe00:202 dev v4 table local proto kernel metric 0 pref medium
multicast ff00::/8 dev v2 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v1 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v4 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev v3 table local proto kernel metric 256 pref medium
)";

constexpr std::string_view ref_route_all_json = R"([{"dst":"10.7.0.0/24","gateway":"10.0.1.2","dev":"v3","table":"100","flags":[]},{"dst":"10.7.1.0/24","dev":"v1","table":"1000","scope":"host","flags":[]},{"dst":"default","gateway":"10.0.0.254","dev":"v1","flags":[]},{"dst":"10.0.0.0/24","dev":"v1","protocol":"kernel","scope":"link","prefsrc":"10.0.0.1","flags":[]},{"dst":"10.0.1.0/24","dev":"v3","protocol":"kernel","scope":"link","prefsrc":"10.0.1.1","flags":[]},{"dst":"10.5.0.0/16","gateway":"10.0.0.2","dev":"v1","protocol":"static","metric":5,"flags":[]},{"dst":"10.6.0.0/16","dev":"v3","protocol":"99","scope":"link","prefsrc":"10.0.1.1","flags":[],"metrics":[{"mtu":1400,"rtt":2000,"rttvar":500,"advmss":1300,"ecn":null,"quickack":1,"congestion":"reno"}]},{"type":"blackhole","dst":"10.8.0.0/16","flags":[]},{"type":"unreachable","dst":"10.8.1.0/24","flags":[]},{"type":"prohibit","dst":"10.8.2.0/24","flags":[]},{"type":"throw","dst":"10.8.3.0/24","flags":[]},{"dst":"10.9.0.0/16","tos":"0x28","dev":"v1","scope":"link","flags":[],"flow":{"from":"3","to":"5"}},{"dst":"10.20.0.0/16","flags":[],"nexthops":[{"gateway":"10.0.0.2","dev":"v1","weight":2,"flags":[]},{"gateway":"10.0.1.2","dev":"v3","weight":1,"flags":["onlink"]}]},{"dst":"10.30.0.0/16","via":{"family":"inet6","host":"fe80::1"},"dev":"v1","flags":[]},{"type":"local","dst":"10.0.0.1","dev":"v1","table":"local","protocol":"kernel","scope":"host","prefsrc":"10.0.0.1","flags":[]},{"type":"broadcast","dst":"10.0.0.255","dev":"v1","table":"local","protocol":"kernel","scope":"link","prefsrc":"10.0.0.1","flags":[]},{"type":"local","dst":"10.0.1.1","dev":"v3","table":"local","protocol":"kernel","scope":"host","prefsrc":"10.0.1.1","flags":[]},{"type":"broadcast","dst":"10.0.1.255","dev":"v3","table":"local","protocol":"kernel","scope":"link","prefsrc":"10.0.1.1","flags":[]},{"type":"local","dst":"127.0.0.0/8","dev":"lo","table":"local","protocol":"kernel","scope":"host","prefsrc":"127.0.0.1","flags":[]},{"type":"local","dst":"127.0.0.1","dev":"lo","table":"local","protocol":"kernel","scope":"host","prefsrc":"127.0.0.1","flags":[]},{"type":"broadcast","dst":"127.255.255.255","dev":"lo","table":"local","protocol":"kernel","scope":"link","prefsrc":"127.0.0.1","flags":[]},{"dst":"fd00:36::/64","dev":"v1","table":"200","metric":1024,"flags":[],"metrics":[{"mtu":1280}],"pref":"medium"},{"dst":"fd00::/64","dev":"v1","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"fd00:1::/64","dev":"v3","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"fd00:5::/64","gateway":"fd00::2","dev":"v1","metric":9,"flags":[],"pref":"high"},{"dst":"fd00:20::/64","metric":1024,"flags":[],"pref":"medium","nexthops":[{"gateway":"fd00::2","dev":"v1","weight":1,"flags":[]},{"gateway":"fd00:1::2","dev":"v3","weight":3,"flags":[]}]},{"dst":"fd00:34::/64","from":"fd00:9::/64","dev":"v1","metric":1024,"flags":[],"pref":"medium"},{"type":"unreachable","dst":"fd00:35::/64","dev":"lo","metric":1024,"flags":[],"pref":"medium"},{"dst":"fe80::/64","dev":"v2","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"fe80::/64","dev":"v1","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"fe80::/64","dev":"v4","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"fe80::/64","dev":"v3","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"type":"local","dst":"::1","dev":"lo","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"local","dst":"fd00::1","dev":"v1","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"local","dst":"fd00:1::1","dev":"v3","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"local","dst":"fe80::ff:fe00:101","dev":"v1","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"local","dst":"fe80::ff:fe00:102","dev":"v2","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"local","dst":"fe80::ff:fe00:201","dev":"v3","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"local","dst":"fe80::ff:fe00:202","dev":"v4","table":"local","protocol":"kernel","metric":0,"flags":[],"pref":"medium"},{"type":"multicast","dst":"ff00::/8","dev":"v2","table":"local","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"type":"multicast","dst":"ff00::/8","dev":"v1","table":"local","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"type":"multicast","dst":"ff00::/8","dev":"v4","table":"local","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"type":"multicast","dst":"ff00::/8","dev":"v3","table":"local","protocol":"kernel","metric":256,"flags":[],"pref":"medium"}]
)";

constexpr std::string_view ref_route_all_pretty = R"([ {
        "dst": "10.7.0.0/24",
        "gateway": "10.0.1.2",
        "dev": "v3",
        "table": "100",
        "flags": [ ]
    },{
        "dst": "10.7.1.0/24",
        "dev": "v1",
        "table": "1000",
        "scope": "host",
        "flags": [ ]
    },{
        "dst": "default",
        "gateway": "10.0.0.254",
        "dev": "v1",
        "flags": [ ]
    },{
        "dst": "10.0.0.0/24",
        "dev": "v1",
        "protocol": "kernel",
        "scope": "link",
        "prefsrc": "10.0.0.1",
        "flags": [ ]
    },{
        "dst": "10.0.1.0/24",
        "dev": "v3",
        "protocol": "kernel",
        "scope": "link",
        "prefsrc": "10.0.1.1",
        "flags": [ ]
    },{
        "dst": "10.5.0.0/16",
        "gateway": "10.0.0.2",
        "dev": "v1",
        "protocol": "static",
        "metric": 5,
        "flags": [ ]
    },{
        "dst": "10.6.0.0/16",
        "dev": "v3",
        "protocol": "99",
        "scope": "link",
        "prefsrc": "10.0.1.1",
        "flags": [ ],
        "metrics": [ {
                "mtu": 1400,
                "rtt": 2000,
                "rttvar": 500,
                "advmss": 1300,
                "ecn": null,
                "quickack": 1,
                "congestion": "reno"
            } ]
    },{
        "type": "blackhole",
        "dst": "10.8.0.0/16",
        "flags": [ ]
    },{
        "type": "unreachable",
        "dst": "10.8.1.0/24",
        "flags": [ ]
    },{
        "type": "prohibit",
        "dst": "10.8.2.0/24",
        "flags": [ ]
    },{
        "type": "throw",
        "dst": "10.8.3.0/24",
        "flags": [ ]
    },{
        "dst": "10.9.0.0/16",
        "tos": "0x28",
        "dev": "v1",
        "scope": "link",
        "flags": [ ],
        "flow": {
            "from": "3",
            "to": "5"
        }
    },{
        "dst": "10.20.0.0/16",
        "flags": [ ],
        "nexthops": [ {
                "gateway": "10.0.0.2",
                "dev": "v1",
                "weight": 2,
                "flags": [ ]
            },{
                "gateway": "10.0.1.2",
                "dev": "v3",
                "weight": 1,
                "flags": [ "onlink" ]
            } ]
    },{
        "dst": "10.30.0.0/16",
        "via": {
            "family": "inet6",
            "host": "fe80::1"
        },
        "dev": "v1",
        "flags": [ ]
    },{
        "type": "local",
        "dst": "10.0.0.1",
        "dev": "v1",
        "table": "local",
        "protocol": "kernel",
        "scope": "host",
        "prefsrc": "10.0.0.1",
        "flags": [ ]
    },{
        "type": "broadcast",
        "dst": "10.0.0.255",
        "dev": "v1",
        "table": "local",
        "protocol": "kernel",
        "scope": "link",
        "prefsrc": "10.0.0.1",
        "flags": [ ]
    },{
        "type": "local",
        "dst": "10.0.1.1",
        "dev": "v3",
        "table": "local",
        "protocol": "kernel",
        "scope": "host",
        "prefsrc": "10.0.1.1",
        "flags": [ ]
    },{
        "type": "broadcast",
        "dst": "10.0.1.255",
        "dev": "v3",
        "table": "local",
        "protocol": "kernel",
        "scope": "link",
        "prefsrc": "10.0.1.1",
        "flags": [ ]
    },{
        "type": "local",
        "dst": "127.0.0.0/8",
        "dev": "lo",
        "table": "local",
        "protocol": "kernel",
        "scope": "host",
        "prefsrc": "127.0.0.1",
        "flags": [ ]
    },{
        "type": "local",
        "dst": "127.0.0.1",
        "dev": "lo",
        "table": "local",
        "protocol": "kernel",
        "scope": "host",
        "prefsrc": "127.0.0.1",
        "flags": [ ]
    },{
        "type": "broadcast",
        "dst": "127.255.255.255",
        "dev": "lo",
        "table": "local",
        "protocol": "kernel",
        "scope": "link",
        "prefsrc": "127.0.0.1",
        "flags": [ ]
    },{
        "dst": "fd00:36::/64",
        "dev": "v1",
        "table": "200",
        "metric": 1024,
        "flags": [ ],
        "metrics": [ {
                "mtu": 1280
            } ],
        "pref": "medium"
    },{
        "dst": "fd00::/64",
        "dev": "v1",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fd00:1::/64",
        "dev": "v3",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fd00:5::/64",
        "gateway": "fd00::2",
        "dev": "v1",
        "metric": 9,
        "flags": [ ],
        "pref": "high"
    },{
        "dst": "fd00:20::/64",
        "metric": 1024,
        "flags": [ ],
        "pref": "medium",
        "nexthops": [ {
                "gateway": "fd00::2",
                "dev": "v1",
                "weight": 1,
                "flags": [ ]
            },{
                "gateway": "fd00:1::2",
                "dev": "v3",
                "weight": 3,
                "flags": [ ]
            } ]
    },{
        "dst": "fd00:34::/64",
        "from": "fd00:9::/64",
        "dev": "v1",
        "metric": 1024,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "unreachable",
        "dst": "fd00:35::/64",
        "dev": "lo",
        "metric": 1024,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v2",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v1",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v4",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v3",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "::1",
        "dev": "lo",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "fd00::1",
        "dev": "v1",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "fd00:1::1",
        "dev": "v3",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "fe80::ff:fe00:101",
        "dev": "v1",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "fe80::ff:fe00:102",
        "dev": "v2",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "fe80::ff:fe00:201",
        "dev": "v3",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "local",
        "dst": "fe80::ff:fe00:202",
        "dev": "v4",
        "table": "local",
        "protocol": "kernel",
        "metric": 0,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "multicast",
        "dst": "ff00::/8",
        "dev": "v2",
        "table": "local",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "multicast",
        "dst": "ff00::/8",
        "dev": "v1",
        "table": "local",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "multicast",
        "dst": "ff00::/8",
        "dev": "v4",
        "table": "local",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "multicast",
        "dst": "ff00::/8",
        "dev": "v3",
        "table": "local",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    } ]
)";

constexpr std::string_view ref_route_main_txt = R"(default via 10.0.0.254 dev v1 
10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 
10.0.1.0/24 dev v3 proto kernel scope link src 10.0.1.1 
10.5.0.0/16 via 10.0.0.2 dev v1 proto static metric 5 
10.6.0.0/16 dev v3 proto 99 scope link src 10.0.1.1 mtu lock 1400 rtt 2s rttvar 500ms advmss 1300 features ecn quickack 1 congctl reno 
blackhole 10.8.0.0/16 
unreachable 10.8.1.0/24 
prohibit 10.8.2.0/24 
throw 10.8.3.0/24 
10.9.0.0/16 tos 0x28 dev v1 scope link realms 3/5 
10.20.0.0/16 
	nexthop via 10.0.0.2 dev v1 weight 2 
	nexthop via 10.0.1.2 dev v3 weight 1 onlink 
10.30.0.0/16 via inet6 fe80::1 dev v1 
)";

constexpr std::string_view ref_route_main6_txt = R"(fd00::/64 dev v1 proto kernel metric 256 pref medium
fd00:1::/64 dev v3 proto kernel metric 256 pref medium
fd00:5::/64 via fd00::2 dev v1 metric 9 pref high
fd00:20::/64 metric 1024 pref medium
	nexthop via fd00::2 dev v1 weight 1 
	nexthop via fd00:1::2 dev v3 weight 3 
fd00:34::/64 from fd00:9::/64 dev v1 metric 1024 pref medium
unreachable fd00:35::/64 dev lo metric 1024 pref medium
fe80::/64 dev v2 proto kernel metric 256 pref medium
fe80::/64 dev v1 proto kernel metric 256 pref medium
fe80::/64 dev v4 proto kernel metric 256 pref medium
fe80::/64 dev v3 proto kernel metric 256 pref medium
)";

constexpr std::string_view ref_route_main6_pretty = R"([ {
        "dst": "fd00::/64",
        "dev": "v1",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fd00:1::/64",
        "dev": "v3",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fd00:5::/64",
        "gateway": "fd00::2",
        "dev": "v1",
        "metric": 9,
        "flags": [ ],
        "pref": "high"
    },{
        "dst": "fd00:20::/64",
        "metric": 1024,
        "flags": [ ],
        "pref": "medium",
        "nexthops": [ {
                "gateway": "fd00::2",
                "dev": "v1",
                "weight": 1,
                "flags": [ ]
            },{
                "gateway": "fd00:1::2",
                "dev": "v3",
                "weight": 3,
                "flags": [ ]
            } ]
    },{
        "dst": "fd00:34::/64",
        "from": "fd00:9::/64",
        "dev": "v1",
        "metric": 1024,
        "flags": [ ],
        "pref": "medium"
    },{
        "type": "unreachable",
        "dst": "fd00:35::/64",
        "dev": "lo",
        "metric": 1024,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v2",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v1",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v4",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    },{
        "dst": "fe80::/64",
        "dev": "v3",
        "protocol": "kernel",
        "metric": 256,
        "flags": [ ],
        "pref": "medium"
    } ]
)";

constexpr std::string_view ref_route_table100_txt = R"(10.7.0.0/24 via 10.0.1.2 dev v3 
)";

constexpr std::string_view ref_route_main6_stats = R"(fd00::/64 dev v1 proto kernel metric 256 pref medium
fd00:1::/64 dev v3 proto kernel metric 256 pref medium
fd00:5::/64 via fd00::2 dev v1 metric 9 pref high
fd00:20::/64 metric 1024 pref medium
	nexthop via fd00::2 dev v1 weight 1 
	nexthop via fd00:1::2 dev v3 weight 3 
fd00:34::/64 from fd00:9::/64 dev v1 metric 1024 pref medium
unreachable fd00:35::/64 dev lo metric 1024 pref medium
fe80::/64 dev v2 proto kernel metric 256 pref medium
fe80::/64 dev v1 proto kernel metric 256 pref medium
fe80::/64 dev v4 proto kernel metric 256 pref medium
fe80::/64 dev v3 proto kernel metric 256 pref medium
)";

constexpr std::string_view ref_route_get4_txt = R"(10.0.0.5 dev v1 src 10.0.0.1 uid 0 
    cache 
)";

constexpr std::string_view ref_route_get4_json = R"([{"dst":"10.0.0.5","dev":"v1","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}]
)";

constexpr std::string_view ref_route_get4local_txt = R"(local 10.0.0.1 dev lo src 10.0.0.1 uid 0 
    cache <local> 
)";

constexpr std::string_view ref_route_get4local_pretty = R"([ {
        "type": "local",
        "dst": "10.0.0.1",
        "dev": "lo",
        "prefsrc": "10.0.0.1",
        "flags": [ ],
        "uid": 0,
        "cache": [ "local" ]
    } ]
)";

constexpr std::string_view ref_route_get6_txt = R"(fd00:5::1 from :: via fd00::2 dev v1 src fd00::1 metric 9 pref high
)";

constexpr std::string_view ref_route_get6_json = R"([{"dst":"fd00:5::1","from":"::","gateway":"fd00::2","dev":"v1","prefsrc":"fd00::1","metric":9,"flags":[],"pref":"high"}]
)";

} // namespace nsbox::testdata
