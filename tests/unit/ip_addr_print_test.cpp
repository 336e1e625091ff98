// The ip address printers on a recorded dump, against what iproute2 6.1
// printed for the same state, with and without its filters. No root, no
// kernel: LinkNames is offline.
//
// Recorded from a sandbox: lo; a veth pair v1/v2 and a bridge br0, up,
// with fixed MACs; on v1 an address with "brd +" and a label, a secondary,
// a peer, a metric, noprefixroute, finite lifetimes (4000/3000 s, printed
// as 3999/2999 in the second they were read), a deprecated one, and IPv6
// addresses with nodad home mngtmpaddr noprefixroute and a peer; on v2 a
// link-scope address; on br0 an explicit broadcast. The link dump was
// asked with RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS, the address dump for
// AF_UNSPEC, as `ip address show` asks them.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "tests/unit/hex.hpp"
#include "applets/ip/ip.hpp"
#include "libnet/rtnl/rtnl.hpp"

using namespace nsbox;

namespace {

namespace rec {

constexpr std::string_view links =
    "4c0400001000020001000000a00b000000000403010000004900010000000000070003006c6f000008000d00e80300000500"
    "1000000000000500110000000000050043000100000008000400000001000800320000000000080033000000000008001b00"
    "0000000008001e000000000008003d000000000008001f000100000008002800ffff0000080029000000010008003a000000"
    "010008003f0000000100080040000000010008003b00f8ff070008003c00ffff000008004200000000000800200001000000"
    "0500210001000000080023000000000008002f00000000000800300000000000060044000000000006004500000000000500"
    "2700000000000a00010000000000000000000a0002000000000000000000cc00170000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000064000700000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000c002b0005000200000000000c000600"
    "6e6f717565756500c0011a008c00020088000100000000000000000000000000010000000100000001000000010000000000"
    "0000010000000000000000000000000000000000000000000000010000000100000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000010270000e8030000000000000000000000000000000000000100"
    "000030010a00080001000000008014000500ffff0000e0ba170090690000e8030000f4000200000000004000000000000100"
    "01000000010000000100000001000000ffffffffa00f0000e8030000ffffffff803a09008051010003000000580200001000"
    "00000000000001000000010000000100000060ea0000000000000000000000000000000000000000000000000000ffffffff"
    "000000000000000010270000e803000001000000000000000000000001000000000000000000000001000000000000000000"
    "0000000000000000000080ee3600000000000000000001000000000000000000000000000000000000000000000000040000"
    "00000000ffff0000ffffffff0100000000000000000000000000000014000700000000000000000000000000000000000500"
    "08000000000024000e00000000000000000000000000000000000000000000000000000000000000000004003e8004004180"
    "640400001000020001000000a00b000000000100020000004310010000000000070003007632000008000d00e80300000500"
    "1000060000000500110000000000050043000000000008000400dc050000080032004400000008003300ffff000008001b00"
    "0000000008001e000000000008003d000000000008001f000200000008002800ffff0000080029000000010008003a000000"
    "010008003f0000000100080040000000010008003b00f8ff070008003c00ffff000008004200000000000800200002000000"
    "0500210001000000080023000200000008002f00010000000800300001000000060044000000000006004500000000000500"
    "2700000000000a00010002000000010200000a000200ffffffffffff0000cc00170007000000000000000500000000000000"
    "da02000000000000ae0100000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000000000000640007000700000005000000da020000"
    "ae01000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000c002b00050002000000000010001200"
    "09000100766574680000000008000500030000000c0006006e6f717565756500c0011a008c00020088000100000000000000"
    "0000000000000100000001000000010000000100000000000000010000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001027"
    "0000e8030000000000000000000000000000000000000100000030010a00080001001000008014000500ffff0000e3ba1700"
    "b07c0000e8030000f40002000000000040000000dc05000001000000010000000100000001000000ffffffffa00f0000e803"
    "000000000000803a0900805101000300000058020000100000000000000001000000010000000100000060ea000000000000"
    "000000000000000000000000000000000000000000000000000000000000000010270000e803000001000000000000000000"
    "0000010000000000000000000000010000000000000000000000000000000000000080ee3600000000000000000001000000"
    "00000000000000000000000000000000000000000004000000000000ffff0000ffffffff0100000000000000000000000000"
    "00001400070000000000000000000000000000000000050008000000000024000e0000000000000000000000000000000000"
    "0000000000000000000000000000000004003e8004004180640400001000020001000000a00b000000000100030000004310"
    "010000000000070003007631000008000d00e803000005001000060000000500110000000000050043000000000008000400"
    "dc050000080032004400000008003300ffff000008001b000000000008001e000000000008003d000000000008001f000200"
    "000008002800ffff0000080029000000010008003a000000010008003f0000000100080040000000010008003b00f8ff0700"
    "08003c00ffff0000080042000000000008002000020000000500210001000000080023000200000008002f00010000000800"
    "3000010000000600440000000000060045000000000005002700000000000a00010002000000010100000a000200ffffffff"
    "ffff0000cc00170005000000000000000700000000000000ae01000000000000da0200000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000640007000500000007000000ae010000da02000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000c002b0005000200000000001000120009000100766574680000000008000500020000000c0006006e6f"
    "717565756500c0011a008c000200880001000000000000000000000000000100000001000000010000000100000000000000"
    "0100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000010270000e80300000000000000000000000000000000000001000000"
    "30010a00080001001000008014000500ffff0000e3ba1700a4a60000e8030000f40002000000000040000000dc0500000100"
    "0000010000000100000001000000ffffffffa00f0000e803000000000000803a090080510100030000005802000010000000"
    "0000000001000000010000000100000060ea0000000000000000000000000000000000000000000000000000000000000000"
    "00000000000010270000e8030000010000000000000000000000010000000000000000000000010000000000000000000000"
    "000000000000000080ee36000000000000000000010000000000000000000000000000000000000000000000000400000000"
    "0000ffff0000ffffffff01000000000000000000000000000000140007000000000000000000000000000000000005000800"
    "0000000024000e00000000000000000000000000000000000000000000000000000000000000000004003e8004004180e805"
    "00001000020001000000a00b000000000100040000000310000000000000080003006272300008000d00e803000005001000"
    "020000000500110000000000050043000100000008000400dc050000080032004400000008003300ffff000008001b000000"
    "000008001e000000000008003d000000000008001f000100000008002800ffff0000080029000000010008003a0000000100"
    "08003f0000000100080040000000010008003b000000010008003c00ffff0000080042000000000008002000010000000500"
    "210000000000080023000100000008002f000000000008003000010000000600440000000000060045000000000005002700"
    "000000000a00010002000000aaaa00000a000200ffffffffffff0000cc001700000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000010000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000640007000000000000000000000000000000"
    "0000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000000000c002b0005000200000000009c0112000b00"
    "010062726964676500008c0102000c00100000000000000000000c00110000000000000000000c0012000000000000000000"
    "0c001300e07400000000000008000100dc05000008000200c800000008000300d00700000800040030750000080005000000"
    "00000600060000800000050007000000000006000900000000000c000b00800002000000aaaa0c000a00800002000000aaaa"
    "06000c000000000008000d000000000005000e000000000005000f00000000000a0014000180c200000000000c002e000000"
    "00001f0000000800300000000000080031000000000005001600010000000500170001000000050018000000000005001900"
    "0000000005002a000000000008001a001000000008001b000010000008001c000200000008001d000200000005002b000200"
    "000005002c00010000000c001e0064000000000000000c001f0090650000000000000c0020009c630000000000000c002100"
    "d4300000000000000c002200e8030000000000000c002300340c000000000000050024000000000005002500000000000500"
    "2600000000000c0006006e6f717565756500c0011a008c000200880001000000000000000000000000000100000001000000"
    "0100000001000000000000000100000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000010270000e80300000000000000000000"
    "00000000000000000100000030010a00080001000000000014000500ffff0000e2ba1700985f0000e8030000f40002000000"
    "000040000000dc05000001000000010000000100000001000000ffffffffa00f0000e803000000000000803a090080510100"
    "0300000058020000100000000000000001000000010000000100000060ea0000000000000000000000000000000000000000"
    "00000000000000000000000000000000000010270000e8030000010000000000000000000000010000000000000000000000"
    "010000000000000000000000000000000000000080ee36000000000000000000010000000000000000000000000000000000"
    "0000000000000004000000000000ffff0000ffffffff01000000000000000000000000000000140007000000000000000000"
    "0000000000000000050008000000000024000e00000000000000000000000000000000000000000000000000000000000000"
    "000004003e8004004180";

constexpr std::string_view addrs =
    "4c0000001400020001000000c90b0000020880fe01000000080001007f000001080002007f000001070003006c6f00000800"
    "08008000000014000600ffffffffffffffffe0ba1700e0ba17004c0000001400020001000000c90b0000021880fd02000000"
    "080001000a000301080002000a0003010700030076320000080008008000000014000600ffffffffffffffffe8ba1700e8ba"
    "1700580000001400020001000000c90b00000218800003000000080001000a000001080002000a000001080004000a0000ff"
    "0900030076313a6100000000080008008000000014000600ffffffffffffffffe5ba1700e5ba17004c000000140002000100"
    "0000c90b00000220800003000000080001000a000502080002000a0005010700030076310000080008008000000014000600"
    "ffffffffffffffffe6ba1700e6ba1700540000001400020001000000c90b00000218800003000000080001000a000c010800"
    "02000a000c0107000300763100000800080080000000080009000700000014000600ffffffffffffffffe6ba1700e6ba1700"
    "4c0000001400020001000000c90b00000218800003000000080001000a000f01080002000a000f0107000300763100000800"
    "08008002000014000600ffffffffffffffffe7ba1700e7ba17004c0000001400020001000000c90b00000218000003000000"
    "080001000a000801080002000a0008010700030076310000080008000000000014000600b70b00009f0f0000e7ba1700e7ba"
    "17004c0000001400020001000000c90b00000218a00003000000080001000a000b01080002000a000b010700030076310000"
    "08000800a000000014000600ffffffffffffffffe8ba1700e8ba17004c0000001400020001000000c90b0000021881000300"
    "0000080001000a000002080002000a0000020700030076310000080008008100000014000600ffffffffffffffffe6ba1700"
    "e6ba1700540000001400020001000000c90b0000021880000400000008000100c0a8070108000200c0a8070108000400c0a8"
    "074d0800030062723000080008008000000014000600ffffffffffffffffeaba1700eaba1700500000001400020001000000"
    "c90b00000a8080fe01000000140001000000000000000000000000000000000114000600ffffffffffffffffe0ba1700e0ba"
    "1700080008008000000005000b0001000000500000001400020001000000c90b00000a4080fd0200000014000100fe800000"
    "00000000000000fffe00010214000600ffffffffffffffffe3ba1700e3ba1700080008008000000005000b00030000005c00"
    "00001400020001000000c90b00000a8080000300000014000200fd00000000000000000000000000000514000100fd000000"
    "00000000000000000000000614000600ffffffffffffffffe9ba1700e9ba1700080008008000000048000000140002000100"
    "0000c90b00000a4092000300000014000100fd00000000000000000000000000000214000600ffffffffffffffffe8ba1700"
    "e8ba17000800080092030000500000001400020001000000c90b00000a4080fd0300000014000100fe800000000000000000"
    "00fffe00010114000600ffffffffffffffffe3ba1700e3ba1700080008008000000005000b0003000000";

constexpr std::string_view ref_text = R"(1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: v2@v1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether 02:00:00:00:01:02 brd ff:ff:ff:ff:ff:ff
    inet 10.0.3.1/24 scope link v2
       valid_lft forever preferred_lft forever
    inet6 fe80::ff:fe00:102/64 scope link 
       valid_lft forever preferred_lft forever
3: v1@v2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether 02:00:00:00:01:01 brd ff:ff:ff:ff:ff:ff
    inet 10.0.0.1/24 brd 10.0.0.255 scope global v1:a
       valid_lft forever preferred_lft forever
    inet 10.0.5.1 peer 10.0.5.2/32 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.12.1/24 metric 7 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.15.1/24 scope global noprefixroute v1
       valid_lft forever preferred_lft forever
    inet 10.0.8.1/24 scope global dynamic v1
       valid_lft 3999sec preferred_lft 2999sec
    inet 10.0.11.1/24 scope global deprecated v1
       valid_lft forever preferred_lft forever
    inet 10.0.0.2/24 scope global secondary v1
       valid_lft forever preferred_lft forever
    inet6 fd00::5 peer fd00::6/128 scope global 
       valid_lft forever preferred_lft forever
    inet6 fd00::2/64 scope global nodad home mngtmpaddr noprefixroute 
       valid_lft forever preferred_lft forever
    inet6 fe80::ff:fe00:101/64 scope link 
       valid_lft forever preferred_lft forever
4: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000
    link/ether 02:00:00:00:aa:aa brd ff:ff:ff:ff:ff:ff
    inet 192.168.7.1/24 brd 192.168.7.77 scope global br0
       valid_lft forever preferred_lft forever
)";

constexpr std::string_view ref_json = R"([{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"::1","prefixlen":128,"scope":"host","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"ifindex":2,"link":"v1","ifname":"v2","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:01:02","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{"family":"inet","local":"10.0.3.1","prefixlen":24,"scope":"link","label":"v2","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fe80::ff:fe00:102","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"ifindex":3,"link":"v2","ifname":"v1","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:01:01","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24,"broadcast":"10.0.0.255","scope":"global","label":"v1:a","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"10.0.5.1","address":"10.0.5.2","prefixlen":32,"scope":"global","label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"10.0.12.1","prefixlen":24,"metric":7,"scope":"global","label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"10.0.15.1","prefixlen":24,"scope":"global","noprefixroute":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"10.0.8.1","prefixlen":24,"scope":"global","dynamic":true,"label":"v1","valid_life_time":3999,"preferred_life_time":2999},{"family":"inet","local":"10.0.11.1","prefixlen":24,"scope":"global","deprecated":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"10.0.0.2","prefixlen":24,"scope":"global","secondary":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fd00::5","address":"fd00::6","prefixlen":128,"scope":"global","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fd00::2","prefixlen":64,"scope":"global","nodad":true,"home":true,"mngtmpaddr":true,"noprefixroute":true,"valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fe80::ff:fe00:101","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"ifindex":4,"ifname":"br0","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"mtu":1500,"qdisc":"noqueue","operstate":"DOWN","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:aa:aa","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{"family":"inet","local":"192.168.7.1","prefixlen":24,"broadcast":"192.168.7.77","scope":"global","label":"br0","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
)";

constexpr std::string_view ref_pretty = R"([ {
        "ifindex": 1,
        "ifname": "lo",
        "flags": [ "LOOPBACK","UP","LOWER_UP" ],
        "mtu": 65536,
        "qdisc": "noqueue",
        "operstate": "UNKNOWN",
        "group": "default",
        "txqlen": 1000,
        "link_type": "loopback",
        "address": "00:00:00:00:00:00",
        "broadcast": "00:00:00:00:00:00",
        "addr_info": [ {
                "family": "inet",
                "local": "127.0.0.1",
                "prefixlen": 8,
                "scope": "host",
                "label": "lo",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet6",
                "local": "::1",
                "prefixlen": 128,
                "scope": "host",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            } ]
    },{
        "ifindex": 2,
        "link": "v1",
        "ifname": "v2",
        "flags": [ "BROADCAST","MULTICAST","UP","LOWER_UP" ],
        "mtu": 1500,
        "qdisc": "noqueue",
        "operstate": "UP",
        "group": "default",
        "txqlen": 1000,
        "link_type": "ether",
        "address": "02:00:00:00:01:02",
        "broadcast": "ff:ff:ff:ff:ff:ff",
        "addr_info": [ {
                "family": "inet",
                "local": "10.0.3.1",
                "prefixlen": 24,
                "scope": "link",
                "label": "v2",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet6",
                "local": "fe80::ff:fe00:102",
                "prefixlen": 64,
                "scope": "link",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            } ]
    },{
        "ifindex": 3,
        "link": "v2",
        "ifname": "v1",
        "flags": [ "BROADCAST","MULTICAST","UP","LOWER_UP" ],
        "mtu": 1500,
        "qdisc": "noqueue",
        "operstate": "UP",
        "group": "default",
        "txqlen": 1000,
        "link_type": "ether",
        "address": "02:00:00:00:01:01",
        "broadcast": "ff:ff:ff:ff:ff:ff",
        "addr_info": [ {
                "family": "inet",
                "local": "10.0.0.1",
                "prefixlen": 24,
                "broadcast": "10.0.0.255",
                "scope": "global",
                "label": "v1:a",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet",
                "local": "10.0.5.1",
                "address": "10.0.5.2",
                "prefixlen": 32,
                "scope": "global",
                "label": "v1",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet",
                "local": "10.0.12.1",
                "prefixlen": 24,
                "metric": 7,
                "scope": "global",
                "label": "v1",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet",
                "local": "10.0.15.1",
                "prefixlen": 24,
                "scope": "global",
                "noprefixroute": true,
                "label": "v1",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet",
                "local": "10.0.8.1",
                "prefixlen": 24,
                "scope": "global",
                "dynamic": true,
                "label": "v1",
                "valid_life_time": 3999,
                "preferred_life_time": 2999
            },{
                "family": "inet",
                "local": "10.0.11.1",
                "prefixlen": 24,
                "scope": "global",
                "deprecated": true,
                "label": "v1",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet",
                "local": "10.0.0.2",
                "prefixlen": 24,
                "scope": "global",
                "secondary": true,
                "label": "v1",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet6",
                "local": "fd00::5",
                "address": "fd00::6",
                "prefixlen": 128,
                "scope": "global",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet6",
                "local": "fd00::2",
                "prefixlen": 64,
                "scope": "global",
                "nodad": true,
                "home": true,
                "mngtmpaddr": true,
                "noprefixroute": true,
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            },{
                "family": "inet6",
                "local": "fe80::ff:fe00:101",
                "prefixlen": 64,
                "scope": "link",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            } ]
    },{
        "ifindex": 4,
        "ifname": "br0",
        "flags": [ "NO-CARRIER","BROADCAST","MULTICAST","UP" ],
        "mtu": 1500,
        "qdisc": "noqueue",
        "operstate": "DOWN",
        "group": "default",
        "txqlen": 1000,
        "link_type": "ether",
        "address": "02:00:00:00:aa:aa",
        "broadcast": "ff:ff:ff:ff:ff:ff",
        "addr_info": [ {
                "family": "inet",
                "local": "192.168.7.1",
                "prefixlen": 24,
                "broadcast": "192.168.7.77",
                "scope": "global",
                "label": "br0",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295
            } ]
    } ]
)";

constexpr std::string_view ref_brief = R"(lo               UNKNOWN        127.0.0.1/8 ::1/128 
v2@v1            UP             10.0.3.1/24 fe80::ff:fe00:102/64 
v1@v2            UP             10.0.0.1/24 10.0.5.1 peer 10.0.5.2/32 10.0.12.1/24 metric 7 10.0.15.1/24 10.0.8.1/24 10.0.11.1/24 10.0.0.2/24 fd00::5 peer fd00::6/128 fd00::2/64 fe80::ff:fe00:101/64 
br0              DOWN           192.168.7.1/24 
)";

constexpr std::string_view ref_oneline = R"(1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \       valid_lft forever preferred_lft forever
2: v2    inet 10.0.3.1/24 scope link v2\       valid_lft forever preferred_lft forever
2: v2    inet6 fe80::ff:fe00:102/64 scope link \       valid_lft forever preferred_lft forever
3: v1    inet 10.0.0.1/24 brd 10.0.0.255 scope global v1:a\       valid_lft forever preferred_lft forever
3: v1    inet 10.0.5.1 peer 10.0.5.2/32 scope global v1\       valid_lft forever preferred_lft forever
3: v1    inet 10.0.12.1/24 metric 7 scope global v1\       valid_lft forever preferred_lft forever
3: v1    inet 10.0.15.1/24 scope global noprefixroute v1\       valid_lft forever preferred_lft forever
3: v1    inet 10.0.8.1/24 scope global dynamic v1\       valid_lft 3999sec preferred_lft 2999sec
3: v1    inet 10.0.11.1/24 scope global deprecated v1\       valid_lft forever preferred_lft forever
3: v1    inet 10.0.0.2/24 scope global secondary v1\       valid_lft forever preferred_lft forever
3: v1    inet6 fd00::5 peer fd00::6/128 scope global \       valid_lft forever preferred_lft forever
3: v1    inet6 fd00::2/64 scope global nodad home mngtmpaddr noprefixroute \       valid_lft forever preferred_lft forever
3: v1    inet6 fe80::ff:fe00:101/64 scope link \       valid_lft forever preferred_lft forever
4: br0    inet 192.168.7.1/24 brd 192.168.7.77 scope global br0\       valid_lft forever preferred_lft forever
)";

constexpr std::string_view ref_inet_text = R"(1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: v2@v1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    inet 10.0.3.1/24 scope link v2
       valid_lft forever preferred_lft forever
3: v1@v2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    inet 10.0.0.1/24 brd 10.0.0.255 scope global v1:a
       valid_lft forever preferred_lft forever
    inet 10.0.5.1 peer 10.0.5.2/32 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.12.1/24 metric 7 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.15.1/24 scope global noprefixroute v1
       valid_lft forever preferred_lft forever
    inet 10.0.8.1/24 scope global dynamic v1
       valid_lft 3999sec preferred_lft 2999sec
    inet 10.0.11.1/24 scope global deprecated v1
       valid_lft forever preferred_lft forever
    inet 10.0.0.2/24 scope global secondary v1
       valid_lft forever preferred_lft forever
4: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000
    inet 192.168.7.1/24 brd 192.168.7.77 scope global br0
       valid_lft forever preferred_lft forever
)";

constexpr std::string_view ref_label_text = R"(    inet 10.0.0.1/24 brd 10.0.0.255 scope global v1:a
       valid_lft forever preferred_lft forever
    inet 10.0.5.1 peer 10.0.5.2/32 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.12.1/24 metric 7 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.15.1/24 scope global noprefixroute v1
       valid_lft forever preferred_lft forever
    inet 10.0.8.1/24 scope global dynamic v1
       valid_lft 3999sec preferred_lft 2999sec
    inet 10.0.11.1/24 scope global deprecated v1
       valid_lft forever preferred_lft forever
    inet 10.0.0.2/24 scope global secondary v1
       valid_lft forever preferred_lft forever
    inet6 fd00::5 peer fd00::6/128 scope global 
       valid_lft forever preferred_lft forever
    inet6 fd00::2/64 scope global nodad home mngtmpaddr noprefixroute 
       valid_lft forever preferred_lft forever
    inet6 fe80::ff:fe00:101/64 scope link 
       valid_lft forever preferred_lft forever
)";

constexpr std::string_view ref_label_json = R"([{"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24,"broadcast":"10.0.0.255","scope":"global","label":"v1:a","valid_life_time":4294967295,"preferred_life_time":4294967295},{},{},{},{},{},{},{},{},{}]}]
)";

constexpr std::string_view ref_to_text = R"(2: v2@v1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    inet 10.0.3.1/24 scope link v2
       valid_lft forever preferred_lft forever
3: v1@v2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    inet 10.0.0.1/24 brd 10.0.0.255 scope global v1:a
       valid_lft forever preferred_lft forever
    inet 10.0.5.1 peer 10.0.5.2/32 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.12.1/24 metric 7 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.15.1/24 scope global noprefixroute v1
       valid_lft forever preferred_lft forever
    inet 10.0.8.1/24 scope global dynamic v1
       valid_lft 3999sec preferred_lft 2999sec
    inet 10.0.11.1/24 scope global deprecated v1
       valid_lft forever preferred_lft forever
    inet 10.0.0.2/24 scope global secondary v1
       valid_lft forever preferred_lft forever
)";

constexpr std::string_view ref_scope_link_json = R"([{"ifindex":2,"link":"v1","ifname":"v2","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:01:02","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{"family":"inet","local":"10.0.3.1","prefixlen":24,"scope":"link","label":"v2","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fe80::ff:fe00:102","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"ifindex":3,"link":"v2","ifname":"v1","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:01:01","broadcast":"ff:ff:ff:ff:ff:ff","addr_info":[{},{},{},{},{},{},{},{},{},{"family":"inet6","local":"fe80::ff:fe00:101","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
)";

constexpr std::string_view ref_noprefixroute_brief = R"(v1@v2            UP             10.0.15.1/24 fd00::2/64 
)";

constexpr std::string_view ref_secondary_text = R"(3: v1@v2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether 02:00:00:00:01:01 brd ff:ff:ff:ff:ff:ff
    inet 10.0.0.2/24 scope global secondary v1
       valid_lft forever preferred_lft forever
)";

constexpr std::string_view ref_oneline_up_json = R"([{"addr_info":[{"index":1,"dev":"lo","family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":1,"dev":"lo","family":"inet6","local":"::1","prefixlen":128,"scope":"host","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"addr_info":[{"index":2,"dev":"v2","family":"inet","local":"10.0.3.1","prefixlen":24,"scope":"link","label":"v2","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":2,"dev":"v2","family":"inet6","local":"fe80::ff:fe00:102","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"addr_info":[{"index":3,"dev":"v1","family":"inet","local":"10.0.0.1","prefixlen":24,"broadcast":"10.0.0.255","scope":"global","label":"v1:a","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet","local":"10.0.5.1","address":"10.0.5.2","prefixlen":32,"scope":"global","label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet","local":"10.0.12.1","prefixlen":24,"metric":7,"scope":"global","label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet","local":"10.0.15.1","prefixlen":24,"scope":"global","noprefixroute":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet","local":"10.0.8.1","prefixlen":24,"scope":"global","dynamic":true,"label":"v1","valid_life_time":3999,"preferred_life_time":2999},{"index":3,"dev":"v1","family":"inet","local":"10.0.11.1","prefixlen":24,"scope":"global","deprecated":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet","local":"10.0.0.2","prefixlen":24,"scope":"global","secondary":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet6","local":"fd00::5","address":"fd00::6","prefixlen":128,"scope":"global","valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet6","local":"fd00::2","prefixlen":64,"scope":"global","nodad":true,"home":true,"mngtmpaddr":true,"noprefixroute":true,"valid_life_time":4294967295,"preferred_life_time":4294967295},{"index":3,"dev":"v1","family":"inet6","local":"fe80::ff:fe00:101","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"addr_info":[{"index":4,"dev":"br0","family":"inet","local":"192.168.7.1","prefixlen":24,"broadcast":"192.168.7.77","scope":"global","label":"br0","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
)";


} // namespace rec

using nsbox_test::unhex;

struct Recorded {
    std::vector<net::rtnl::Link> links = net::rtnl::decode_links(unhex(rec::links));
    std::vector<net::rtnl::Addr> addrs = net::rtnl::decode_addrs(unhex(rec::addrs));
};

// `ip [opt] address show` with the filter `f`, printed into a string.
std::string show(const ip::Options& opt, const ip::LinkFilter& f = {}, bool color = false)
{
    static const Recorded r;
    char* buf = nullptr;
    size_t len = 0;
    FILE* out = open_memstream(&buf, &len);
    {
        ip::Context c(opt, out);
        if (color)
            c.out.enable_color();
        ip::LinkCache& names = c.links;
        names.offline();
        ip::print_links(c, names, r.links, r.addrs, f, false);
        c.out.flush();
    }
    std::fclose(out);
    std::string s(buf, len);
    std::free(buf);
    return s;
}

ip::Options json(int pretty = 0)
{
    ip::Options o;
    o.json = 1;
    o.pretty = pretty;
    return o;
}

} // namespace

TEST(IpAddrPrint, RecordedDumpDecodes)
{
    Recorded r;
    ASSERT_EQ(r.links.size(), 4u);
    ASSERT_EQ(r.addrs.size(), 15u);
    auto find = [&](std::string_view local) -> const net::rtnl::Addr& {
        for (const auto& a : r.addrs) {
            const auto& l = a.local ? a.local : a.address;
            if (l && net::format_address(*l) == local)
                return a;
        }
        throw std::runtime_error("no such address in the recording");
    };
    // 10.0.12.1/24 metric 7: IFA_RT_PRIORITY.
    EXPECT_EQ(find("10.0.12.1").rt_priority, 7u);
    EXPECT_FALSE(find("10.0.0.1").rt_priority);
    EXPECT_EQ(find("10.0.0.1").label, "v1:a");
    ASSERT_TRUE(find("10.0.0.1").broadcast);
    EXPECT_EQ(net::format_address(*find("10.0.0.1").broadcast), "10.0.0.255");
    // A peer: IFA_LOCAL and IFA_ADDRESS differ.
    EXPECT_EQ(net::format_address(*find("10.0.5.1").address), "10.0.5.2");
    // fd00::2 carries IFA_ADDRESS only, and flags above 0xff in IFA_FLAGS.
    const auto& v6 = find("fd00::2");
    EXPECT_FALSE(v6.local);
    const uint32_t want = IFA_F_NOPREFIXROUTE | IFA_F_MANAGETEMPADDR | IFA_F_NODAD | IFA_F_HOMEADDRESS;
    EXPECT_EQ(v6.flags & want, want);
    ASSERT_TRUE(find("10.0.8.1").cacheinfo);
    EXPECT_EQ(find("10.0.8.1").cacheinfo->ifa_valid, 3999u);
    EXPECT_EQ(find("10.0.8.1").cacheinfo->ifa_prefered, 2999u);
}

TEST(IpAddrPrint, Text) { EXPECT_EQ(show({}), rec::ref_text); }

TEST(IpAddrPrint, Json) { EXPECT_EQ(show(json()), rec::ref_json); }

TEST(IpAddrPrint, PrettyJson) { EXPECT_EQ(show(json(1)), rec::ref_pretty); }

TEST(IpAddrPrint, Brief)
{
    ip::Options o;
    o.brief = 1;
    EXPECT_EQ(show(o), rec::ref_brief);
}

TEST(IpAddrPrint, Oneline)
{
    ip::Options o;
    o.oneline = 1;
    EXPECT_EQ(show(o), rec::ref_oneline);
}

TEST(IpAddrPrint, FamilyFilter)
{
    ip::Options o;
    o.family = AF_INET;
    EXPECT_EQ(show(o), rec::ref_inet_text);
}

// label: the link lines go, non-matching addresses of a kept link leave
// "{}" in JSON.
TEST(IpAddrPrint, LabelFilter)
{
    ip::LinkFilter f;
    f.label = "v1*";
    EXPECT_EQ(show({}, f), rec::ref_label_text);
    f.label = "v1:a";
    EXPECT_EQ(show(json(), f), rec::ref_label_json);
}

// to 10.0.0.0/16 implies -4 for the printers (ip address show prints with
// that family; list_links hands the printers options saying so).
TEST(IpAddrPrint, ToFilter)
{
    ip::Options o;
    o.family = AF_INET;
    ip::LinkFilter f;
    f.to = net::parse_prefix("10.0.0.0/16");
    EXPECT_EQ(show(o, f), rec::ref_to_text);
}

TEST(IpAddrPrint, ScopeAndFlagFilters)
{
    ip::LinkFilter scope;
    scope.scope = RT_SCOPE_LINK;
    scope.scopemask = 0xff;
    EXPECT_EQ(show(json(), scope), rec::ref_scope_link_json);
    ip::Options br;
    br.brief = 1;
    ip::LinkFilter npr;
    npr.flags = npr.flagmask = IFA_F_NOPREFIXROUTE;
    EXPECT_EQ(show(br, npr), rec::ref_noprefixroute_brief);
    ip::LinkFilter sec;
    sec.flags = sec.flagmask = IFA_F_SECONDARY;
    EXPECT_EQ(show({}, sec), rec::ref_secondary_text);
}

// -o: no link lines, and so no link filters but "up" per address.
TEST(IpAddrPrint, OnelineJsonUp)
{
    ip::Options o = json();
    o.oneline = 1;
    ip::LinkFilter f;
    f.up = true;
    EXPECT_EQ(show(o, f), rec::ref_oneline_up_json);
}

namespace {

// The text without its colour escapes.
std::string plain(std::string s)
{
    size_t i;
    while ((i = s.find('\033')) != std::string::npos)
        s.erase(i, s.find('m', i) - i + 1);
    return s;
}

} // namespace

// `ip -c address`: iproute2 6.1's escapes (as it printed them for the same
// kinds of link and address): the name with "@peer: ", UP/DOWN and the
// space after them, MACs, addresses (a broadcast with its space); the rest
// is the plain text.
TEST(IpAddrPrint, Colour)
{
    const std::string text = show({}, {}, true);
    EXPECT_EQ(plain(text), rec::ref_text);
    EXPECT_NE(text.find("3: \033[36mv1@v2: \033[0m<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state "
                        "\033[32mUP \033[0mgroup default qlen 1000\n"
                        "    link/ether \033[33m02:00:00:00:01:01\033[0m brd \033[33mff:ff:ff:ff:ff:ff\033[0m\n"
                        "    inet \033[35m10.0.0.1\033[0m/24 brd \033[35m10.0.0.255 \033[0mscope global v1:a\n"),
              std::string::npos);
    EXPECT_NE(text.find("    inet \033[35m10.0.5.1\033[0m peer \033[35m10.0.5.2\033[0m/32 scope global v1\n"),
              std::string::npos);
    EXPECT_NE(text.find("    inet6 \033[34mfd00::5\033[0m peer \033[34mfd00::6\033[0m/128 scope global \n"),
              std::string::npos);
    EXPECT_NE(text.find("1: \033[36mlo: \033[0m<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN "),
              std::string::npos);
    EXPECT_NE(text.find("4: \033[36mbr0: \033[0m<NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                        "\033[31mDOWN \033[0mgroup"),
              std::string::npos);
}

TEST(IpAddrPrint, ColourBrief)
{
    ip::Options o;
    o.brief = 1;
    const std::string text = show(o, {}, true);
    EXPECT_EQ(plain(text), rec::ref_brief);
    EXPECT_NE(text.find("\033[36mlo               \033[0mUNKNOWN        \033[35m127.0.0.1\033[0m/8 \033[34m::1\033[0m/128 \n"),
              std::string::npos);
    EXPECT_NE(text.find("\033[36mbr0              \033[0m\033[31mDOWN           \033[0m\033[35m192.168.7.1\033[0m/24 \n"),
              std::string::npos);
}

TEST(IpAddrPrint, ColourNeverInJson) { EXPECT_EQ(show(json(), {}, true), rec::ref_json); }
// -d: the link's details between its link/ line and its addresses, as
// `ip -d link` prints them but without addrgenmode (iproute2 prints the
// IPv6 address generation mode only for `ip link`).
TEST(IpAddrPrint, DetailsWithoutAddrgenmode)
{
    ip::Options o;
    o.details = 1;
    std::string s = show(o);
    EXPECT_NE(s.find("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 "
                     "maxmtu 0 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 "
                     "tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n    inet 127.0.0.1/8 "),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("\n    veth numtxqueues"), std::string::npos) << s;
    EXPECT_EQ(s.find("addrgenmode"), std::string::npos) << s;
    // -s: the link's statistics after its addresses (iproute2's
    // print_link_stats after print_selected_addrinfo), each block ended
    // by a newline.
    o.stats = 1;
    std::string st = show(o);
    EXPECT_NE(st.find("    inet 192.168.7.1/24 brd 192.168.7.77 scope global br0\n"
                      "       valid_lft forever preferred_lft forever\n"
                      "    RX:  bytes packets errors dropped  missed   mcast           \n"),
              std::string::npos)
        << st;
    EXPECT_TRUE(st.ends_with("    TX:  bytes packets errors dropped carrier collsns           \n"
                             "             0       0      0       1       0       0 \n"))
        << st;
    // -br prints no statistics (its link printer returns 0).
    o.details = 0;
    o.brief = 1;
    ip::Options br;
    br.brief = 1;
    EXPECT_EQ(show(o), show(br));
}
