// Name tables the printers share, as constexpr data. The names are the
// words tcpdump 4.99.3 prints; each table was checked against the reference
// binary by sweeping every value through it (see tests/fuzz/README.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace nsbox::tcpdump {

struct Tok {
    uint32_t value;
    std::string_view name;
};

// tcpdump's tok2str(): the name for `value`, or nullopt. The first row with
// the value wins, as in tcpdump (0x0080c2 is "Ethernet bridged").
inline std::optional<std::string_view> tok_lookup(std::span<const Tok> table, uint32_t value)
{
    for (const auto& t : table)
        if (t.value == value)
            return t.name;
    return std::nullopt;
}

// tok2str() with a fallback: `fallback` is a fmt format string taking the
// value ("Unknown (0x{:04x})").
template <typename F>
std::string tok_or(std::span<const Tok> table, uint32_t value, F&& fallback)
{
    if (auto n = tok_lookup(table, value))
        return std::string(*n);
    return fallback(value);
}

// tcpdump's bittok2str(): the names of every row whose bits are all set in
// `value`, joined by `sep`; `none` when no row matches (a row of value 0
// never matches). Bits no row names are left out.
inline std::string bittok_string(std::span<const Tok> table, uint32_t value, std::string_view none,
                                 std::string_view sep = ", ")
{
    std::string s;
    bool first = true;
    for (const auto& t : table) {
        if (t.value != 0 && (value & t.value) == t.value) {
            if (!first)
                s += sep;
            s += t.name;
            first = false;
        }
    }
    if (first)
        s = none;
    return s;
}

// Ethernet types (ethertype_values). Values below 0x600 only show up where a
// protocol field carries an ethertype, e.g. ARP's protocol type.
inline constexpr Tok ethertype_names[] = {
    {0x0800, "IPv4"},
    {0x8847, "MPLS unicast"},
    {0x8848, "MPLS multicast"},
    {0x86dd, "IPv6"},
    {0x8100, "802.1Q"},
    {0x9100, "802.1Q-9100"},
    {0x88a8, "802.1Q-QinQ"},
    {0x9200, "802.1Q-9200"},
    {0x88e5, "802.1AE MACsec"},
    {0x0200, "PUP"},
    {0x0806, "ARP"},
    {0x8035, "Reverse ARP"},
    {0x0600, "NS"},
    {0x0500, "Sprite"},
    {0x1000, "Trail"},
    {0x6001, "MOP DL"},
    {0x6002, "MOP RC"},
    {0x6003, "DN"},
    {0x6004, "LAT"},
    {0x6007, "SCA"},
    {0x6558, "TEB"},
    {0x8038, "Lanbridge"},
    {0x803c, "DEC DNS"},
    {0x803e, "DEC DTS"},
    {0x805b, "VEXP"},
    {0x805c, "VPROD"},
    {0x809b, "Appletalk"},
    {0x80f3, "Appletalk ARP"},
    {0x8137, "IPX"},
    {0x880b, "PPP"},
    {0x8808, "MPCP"},
    {0x8809, "Slow Protocols"},
    {0x8863, "PPPoE D"},
    {0x8864, "PPPoE S"},
    {0x888e, "EAPOL"},
    {0x8899, "Realtek protocols"},
    {0x886f, "MS NLB heartbeat"},
    {0x8870, "Jumbo"},
    {0x894f, "NSH"},
    {0x9000, "Loopback"},
    {0xfefe, "OSI"},
    {0x00fe, "GRE-OSI"},
    {0xabcd, "CFM (old)"},
    {0x8902, "CFM"},
    {0x893a, "IEEE1905.1"},
    {0x88cc, "LLDP"},
    {0x88ca, "TIPC"},
    {0x0707, "GeoNet (old)"},
    {0x8947, "GeoNet"},
    {0x1111, "CALM FAST"},
    {0x88a2, "AoE"},
    {0x88f7, "PTP"},
    {0xd28b, "Arista Vendor Specific Protocol"},
};

namespace ethertype {
inline constexpr uint16_t ipv4 = 0x0800;
inline constexpr uint16_t arp = 0x0806;
inline constexpr uint16_t revarp = 0x8035;
inline constexpr uint16_t trail = 0x1000;
inline constexpr uint16_t ipv6 = 0x86dd;
inline constexpr uint16_t vlan = 0x8100;
inline constexpr uint16_t qinq = 0x88a8;
inline constexpr uint16_t vlan9100 = 0x9100;
inline constexpr uint16_t vlan9200 = 0x9200;
inline constexpr uint16_t lldp = 0x88cc;
inline constexpr uint16_t eapol = 0x888e;
inline constexpr uint16_t mpls = 0x8847;
inline constexpr uint16_t mpls_multicast = 0x8848;
inline constexpr uint16_t nsh = 0x894f;
} // namespace ethertype

// Protocol names for -v's "proto NAME (n)" (ipproto_values).
inline constexpr Tok ipproto_names[] = {
    {0, "Options"},   {1, "ICMP"},     {2, "IGMP"},          {4, "IPIP"},     {6, "TCP"},
    {8, "EGP"},       {9, "IGRP"},     {17, "UDP"},          {33, "DCCP"},    {41, "IPv6"},
    {43, "Routing"},  {44, "Fragment"}, {46, "RSVP"},        {47, "GRE"},     {50, "ESP"},
    {51, "AH"},       {55, "Mobile IP"}, {58, "ICMPv6"},     {62, "Mobile IP (old)"},
    {88, "EIGRP"},    {89, "OSPF"},    {103, "PIM"},         {108, "Compressed IP"},
    {112, "VRRP"},    {113, "PGM"},    {132, "SCTP"},        {135, "Mobility"},
    {143, "Ethernet"},
};

// The /etc/protocols names tcpdump carries for protocols it does not decode
// (netdb_protoname(), printed without -n); "" where it has none.
inline constexpr std::string_view netdb_protonames[256] = {
    "hopopt", "icmp", "igmp", "ggp", "ipencap", "st", "tcp", "cbt", "egp", "igp",
    "bbn-rcc-mon", "nvp-ii", "pup", "argus", "emcon", "xnet", "chaos", "udp", "mux", "dcn-meas",
    "hmp", "prm", "xns-idp", "trunk-1", "trunk-2", "leaf-1", "leaf-2", "rdp", "irtp", "iso-tp4",
    "netblt", "mfe-nsp", "merit-inp", "dccp", "3pc", "idpr", "xtp", "ddp", "idpr-cmtp", "tp++",
    "il", "ipv6", "sdrp", "ipv6-route", "ipv6-frag", "idrp", "rsvp", "gre", "dsr", "bna",
    "esp", "ah", "i-nlsp", "swipe", "narp", "mobile", "tlsp", "skip", "ipv6-icmp", "ipv6-nonxt",
    "ipv6-opts", "", "cftp", "", "sat-expak", "kryptolan", "rvd", "ippc", "", "sat-mon",
    "visa", "ipcv", "cpnx", "rspf", "wsn", "pvp", "br-sat-mon", "sun-nd", "wb-mon", "wb-expak",
    "iso-ip", "vmtp", "secure-vmtp", "vines", "ttp", "nsfnet-igp", "dgp", "tcf", "eigrp", "ospf",
    "sprite-rpc", "larp", "mtp", "ax.25", "ipip", "micp", "scc-sp", "etherip", "encap", "",
    "gmtp", "ifmp", "pnni", "pim", "aris", "scps", "qnx", "a/n", "ipcomp", "snp",
    "compaq-peer", "ipx-in-ip", "vrrp", "pgm", "", "l2tp", "ddx", "iatp", "stp", "srp",
    "uti", "smp", "sm", "ptp", "isis", "fire", "crtp", "crudp", "sscopmce", "iplt",
    "sps", "pipe", "sctp", "fc", "rsvp-e2e-ignore", "mobility-header", "udplite", "mpls-in-ip", "manet", "hip",
    "shim6", "wesp", "rohc", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "",
    "", "", "", "exptest-253", "exptest-254", "reserved",
};
static_assert(netdb_protonames[142] == "rohc" && netdb_protonames[255] == "reserved");

// Vendors tcpdump names after a MAC address without -n ("(oui Cisco)").
inline constexpr Tok oui_names[] = {
    {0x000000, "Ethernet"},
    {0x00000c, "Cisco"},
    {0x00005e, "IANA"},
    {0x000081, "Nortel Networks SONMP"},
    {0x0000f8, "Cisco bridged"},
    {0x0080c2, "Ethernet bridged"},
    {0x00a03e, "ATM Forum"},
    {0x00e02f, "DOCSIS Spanning Tree"},
    {0x080007, "Appletalk"},
    {0x009069, "Juniper"},
    {0x080009, "Hewlett-Packard"},
    {0x0080c2, "IEEE 802.1 Private"},
    {0x00120f, "IEEE 802.3 Private"},
    {0x0012bb, "ANSI/TIA"},
    {0x001b21, "DCBX"},
    {0x002320, "Nicira Networks"},
    {0x5c16c7, "Big Switch Networks"},
    {0xb0d2f5, "Vello Systems"},
    {0x002481, "HP"},
    {0x0004ea, "HP-Labs"},
    {0x748771, "Infoblox Inc"},
    {0xa42305, "Open Networking Lab"},
    {0x00049f, "Freescale"},
    {0x0015ad, "Netronome"},
    {0x001018, "Broadcom"},
    {0x00e004, "PMC-Sierra"},
    {0xd0f0db, "Ericsson"},
};

} // namespace nsbox::tcpdump
