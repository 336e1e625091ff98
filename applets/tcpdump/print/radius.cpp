// RADIUS (UDP ports 1645, 1646, 1700, 1812, 1813, 3799, and -T radius), as
// tcpdump 4.99.3 prints it: the code, id and length; from -v on the
// authenticator and each attribute by name with its value (strings, numbers
// and their standard names, addresses, IPv6 prefixes, times, vendor
// attributes, ARAP's and the location attributes of RFC 5580, EAP messages),
// and from -vv on each attribute's bytes in hex.

#include <ctime>

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr Tok command_names[] = {
    {1, "Access-Request"},      {2, "Access-Accept"},   {3, "Access-Reject"},  {4, "Accounting-Request"},
    {5, "Accounting-Response"}, {11, "Access-Challenge"}, {12, "Status-Server"}, {13, "Status-Client"},
    {40, "Disconnect-Request"}, {41, "Disconnect-ACK"}, {42, "Disconnect-NAK"}, {43, "CoA-Request"},
    {44, "CoA-ACK"},            {45, "CoA-NAK"},        {255, "Reserved"},
};

// SMI private enterprise numbers tcpdump names (its smi_values, swept
// through the reference for every number below 3,000,000).
constexpr Tok smi_names[] = {
    {0, "IETF (reserved)"},
    {5, "ACC"},
    {9, "Cisco"},
    {11, "Hewlett Packard"},
    {42, "Sun Microsystems"},
    {61, "Merit"},
    {74, "AT&T"},
    {161, "Motorola"},
    {166, "Shiva"},
    {193, "Ericsson AB"},
    {255, "Cisco VPN 5000"},
    {307, "Livingston"},
    {311, "Microsoft"},
    {429, "3Com"},
    {529, "Ascend"},
    {1584, "Bay Networks"},
    {1991, "Foundry"},
    {2180, "Versanet"},
    {2352, "Redback"},
    {2636, "Juniper Networks"},
    {2637, "Aptis"},
    {2937, "Deutsche Telekom AG"},
    {3054, "Ixia Communications"},
    {3076, "Cisco VPN 3000"},
    {3085, "CoSine Communications"},
    {3199, "Shasta"},
    {3224, "Netscreen"},
    {3309, "Nomadix"},
    {3414, "T-Mobile"},
    {3561, "The Broadband Forum"},
    {3902, "ZTE"},
    {4329, "Siemens"},
    {4491, "CableLabs"},
    {4874, "Unisphere Networks"},
    {5263, "Cisco BBSM"},
    {5535, "3rd Generation Partnership Project 2 (3GPP2)"},
    {5806, "SK Telecom"},
    {5925, "ipUnplugged"},
    {5948, "Issanni Communications"},
    {5951, "Netscaler"},
    {6490, "T-Mobile"},
    {6618, "Quintum"},
    {6728, "Interlink"},
    {7951, "CNCTC"},
    {8164, "Starent Networks"},
    {8744, "Colubris"},
    {10415, "3GPP"},
    {10529, "Gemtek-Systems"},
    {10704, "Barracuda Networks"},
    {10923, "Ericsson AB - Packet Core Networks"},
    {11665, "dacom"},
    {11862, "Columbia University"},
    {12356, "Fortinet"},
    {12951, "Verizon Wireless"},
    {13745, "Plixer"},
    {14122, "Wi-Fi Alliance"},
    {16787, "T-Systems Nova"},
    {20942, "China Telecom - Guangzhou Research Institute"},
    {26866, "Gigamon Systems"},
    {32622, "CACE Technologies"},
    {35632, "ntop"},
    {46098, "Ericsson Canada"},
};

// Attribute types with a case of their own in the value printers.
enum : uint8_t {
    frm_ipaddr = 8, log_iphost = 14, frm_ipx = 23, session_timeout = 27, idle_timeout = 28, frm_atalk_link = 37,
    frm_atalk_network = 38, acct_delay = 41, acct_session_time = 46, egress_vlan_id = 56, egress_vlan_name = 58,
    tunnel_type = 64, tunnel_medium = 65, tunnel_client_end = 66, tunnel_server_end = 67, tunnel_pass = 69,
    arap_pass = 70, arap_features = 71, eap_message = 79, tunnel_priv_group = 81, tunnel_assign_id = 82,
    tunnel_preference = 83, arap_challenge_resp = 84, acct_int_interval = 85, tunnel_client_auth = 90,
    tunnel_server_auth = 91, error_cause = 101,
};

constexpr Tok rfc4675_tagged[] = {{0x31, "Tagged"}, {0x32, "Untagged"}};

// The standard values of an attribute, from 0 or from 1 (the first slot then
// unused, as in tcpdump's tables).
constexpr std::string_view serv_type[] = {
    "", "Login", "Framed", "Callback Login", "Callback Framed", "Outbound", "Administrative", "NAS Prompt",
    "Authenticate Only", "Callback NAS Prompt", "Call Check", "Callback Administrative", "Voice", "Fax",
    "Modem Relay", "IAPP-Register", "IAPP-AP-Check", "Authorize Only", "Framed-Management",
    "Additional-Authorization"};
constexpr std::string_view frm_proto[] = {"", "PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP",
                                          "X.75 Synchronous", "GPRS PDP Context"};
constexpr std::string_view frm_routing[] = {"None", "Send", "Listen", "Send&Listen"};
constexpr std::string_view frm_comp[] = {"None", "VJ TCP/IP", "IPX", "Stac-LZS"};
constexpr std::string_view login_serv[] = {"Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT",
                                           "X.25-PAD", "X.25-T3POS", "Unassigned", "TCP Clear Quiet"};
constexpr std::string_view term_action[] = {"Default", "RADIUS-Request"};
constexpr std::string_view ingress_filters[] = {"", "Enabled", "Disabled"};
constexpr std::string_view nas_port_type[] = {
    "Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual", "PIAFS",
    "HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT", "ISDN-DSL", "Ethernet", "xDSL",
    "Cable", "Wireless - Other", "Wireless - IEEE 802.11", "Token-Ring", "FDDI", "Wireless - CDMA200",
    "Wireless - UMTS", "Wireless - 1X-EV", "IAPP", "FTTP", "Wireless - IEEE 802.16", "Wireless - IEEE 802.20",
    "Wireless - IEEE 802.22", "PPPoA", "PPPoEoA", "PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ", "xPON", "Wireless - XGP",
    "WiMAX Pre-Release 8 IWK Function", "WIMAX-WIFI-IWK", "WIMAX-SFF", "WIMAX-HA-LMA", "WIMAX-DHCP", "WIMAX-LBS",
    "WIMAX-WVS"};
constexpr std::string_view acct_status[] = {
    "", "Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned", "Accounting-On",
    "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject", "Tunnel-Link-Start", "Tunnel-Link-Stop",
    "Tunnel-Link-Reject", "Failed"};
constexpr std::string_view acct_auth[] = {"", "RADIUS", "Local", "Remote", "Diameter"};
constexpr std::string_view acct_term[] = {
    "", "User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout", "Admin Reset",
    "Admin Reboot", "Port Error", "NAS Error", "NAS Request", "NAS Reboot", "Port Unneeded", "Port Preempted",
    "Port Suspended", "Service Unavailable", "Callback", "User Error", "Host Request", "Supplicant Restart",
    "Reauthentication Failure", "Port Reinitialized", "Port Administratively Disabled", "Lost Power"};
constexpr std::string_view tunnel_types[] = {"", "PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP",
                                             "MIN-IP-IP", "ESP", "GRE", "DVS", "IP-in-IP Tunneling", "VLAN"};
constexpr std::string_view tunnel_media[] = {"", "IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163",
                                             "E.164", "F.69", "X.121", "IPX", "Appletalk", "Decnet IV",
                                             "Banyan Vines", "E.164 with NSAP subaddress"};
constexpr std::string_view arap_zone[] = {"", "Only access to dfl zone", "Use zone filter inc.", "Not used",
                                          "Use zone filter exc."};
constexpr std::string_view prompt[] = {"No Echo", "Echo"};

constexpr Tok error_causes[] = {
    {201, "Residual Session Context Removed"}, {202, "Invalid EAP Packet (Ignored)"},
    {401, "Unsupported Attribute"},            {402, "Missing Attribute"},
    {403, "NAS Identification Mismatch"},      {404, "Invalid Request"},
    {405, "Unsupported Service"},              {406, "Unsupported Extension"},
    {407, "Invalid Attribute Value"},          {501, "Administratively Prohibited"},
    {502, "Request Not Routable (Proxy)"},     {503, "Session Context Not Found"},
    {504, "Session Context Not Removable"},    {505, "Other Proxy Processing Error"},
    {506, "Resources Unavailable"},            {507, "Request Initiated"},
    {508, "Multiple Session Selection Unsupported"}, {509, "Location Info Required"},
};

constexpr std::pair<uint64_t, std::string_view> mip6_features[] = {
    {0x1, "MIP6_INTEGRATED"},
    {0x2, "LOCAL_HOME_AGENT_ASSIGNMENT"},
    {0x0000010000000000, "PMIP6_SUPPORTED"},
    {0x0000020000000000, "IP4_HOA_SUPPORTED"},
    {0x0000040000000000, "LOCAL_MAG_ROUTING_SUPPORTED"},
    {0x0000080000000000, "ASSIGN_LOCAL_IP"},
    {0x0000100000000000, "MIP4_SUPPORTED"},
    {0x0000200000000000, "OPTIMIZED_IDLE_MODE_MOBILITY"},
    {0x0000400000000000, "GTPv2_SUPPORTED"},
    {0x0000800000000000, "IP4_TRANSPORT_SUPPORTED"},
    {0x0001000000000000, "IP4_HOA_ONLY_SUPPORTED"},
    {0x0002000000000000, "INTER_MAG_ROUTING_SUPPORTED"},
};

constexpr Tok operator_namespaces[] = {{0x30, "TADIG"}, {0x31, "REALM"}, {0x32, "E212"}, {0x33, "ICC"}};
constexpr Tok location_codes[] = {{0, "Civic"}, {1, "Geospatial"}};
constexpr Tok location_entities[] = {{0, "User"}, {1, "RADIUS"}};
constexpr Tok blpr_flags[] = {
    {0x0001, "MBZ-15"}, {0x0002, "MBZ-14"}, {0x0004, "MBZ-13"}, {0x0008, "MBZ-12"},
    {0x0010, "MBZ-11"}, {0x0020, "MBZ-10"}, {0x0040, "MBZ-9"},  {0x0080, "MBZ-8"},
    {0x0100, "MBZ-7"},  {0x0200, "MBZ-6"},  {0x0400, "MBZ-5"},  {0x0800, "MBZ-4"},
    {0x1000, "MBZ-3"},  {0x2000, "MBZ-2"},  {0x4000, "MBZ-1"},  {0x8000, "Retransmission Allowed"},
};

// How an attribute's value prints (none: nothing, as for passwords).
enum class Kind : uint8_t {
    none, string, num, address, address6, netmask6, vendor, time, strange, vector64, mip6_prefix, operator_name,
    location_info, location_data, location_rules
};

struct Attr {
    std::string_view name;
    Kind kind;
    std::span<const std::string_view> values = {};
    uint8_t first = 0; // the first standard value: 0 or 1
};

using K = Kind;
// By type, 0 to 129; "Unknown" past them and for 0.
constexpr Attr attrs[] = {
    {"", K::none},
    {"User-Name", K::string},
    {"User-Password", K::none},
    {"CHAP-Password", K::none},
    {"NAS-IP-Address", K::address},
    {"NAS-Port", K::num},
    {"Service-Type", K::num, serv_type, 1},
    {"Framed-Protocol", K::num, frm_proto, 1},
    {"Framed-IP-Address", K::address},
    {"Framed-IP-Netmask", K::address},
    {"Framed-Routing", K::num, frm_routing, 0},
    {"Filter-Id", K::string},
    {"Framed-MTU", K::num},
    {"Framed-Compression", K::num, frm_comp, 0},
    {"Login-IP-Host", K::address},
    {"Login-Service", K::num, login_serv, 0},
    {"Login-TCP-Port", K::num},
    {"Unassigned", K::none},
    {"Reply-Message", K::string},
    {"Callback-Number", K::string},
    {"Callback-Id", K::string},
    {"Unassigned", K::none},
    {"Framed-Route", K::string},
    {"Framed-IPX-Network", K::num},
    {"State", K::string},
    {"Class", K::string},
    {"Vendor-Specific", K::vendor},
    {"Session-Timeout", K::num},
    {"Idle-Timeout", K::num},
    {"Termination-Action", K::num, term_action, 0},
    {"Called-Station-Id", K::string},
    {"Calling-Station-Id", K::string},
    {"NAS-Identifier", K::string},
    {"Proxy-State", K::string},
    {"Login-LAT-Service", K::string},
    {"Login-LAT-Node", K::string},
    {"Login-LAT-Group", K::string},
    {"Framed-AppleTalk-Link", K::num},
    {"Framed-AppleTalk-Network", K::num},
    {"Framed-AppleTalk-Zone", K::string},
    {"Acct-Status-Type", K::num, acct_status, 1},
    {"Acct-Delay-Time", K::num},
    {"Acct-Input-Octets", K::num},
    {"Acct-Output-Octets", K::num},
    {"Acct-Session-Id", K::string},
    {"Acct-Authentic", K::num, acct_auth, 1},
    {"Acct-Session-Time", K::num},
    {"Acct-Input-Packets", K::num},
    {"Acct-Output-Packets", K::num},
    {"Acct-Terminate-Cause", K::num, acct_term, 1},
    {"Acct-Multi-Session-Id", K::string},
    {"Acct-Link-Count", K::num},
    {"Acct-Input-Gigawords", K::num},
    {"Acct-Output-Gigawords", K::num},
    {"Unassigned", K::none},
    {"Event-Timestamp", K::time},
    {"Egress-VLANID", K::num},
    {"Ingress-Filters", K::num, ingress_filters, 1},
    {"Egress-VLAN-Name", K::string},
    {"User-Priority-Table", K::none},
    {"CHAP-Challenge", K::string},
    {"NAS-Port-Type", K::num, nas_port_type, 0},
    {"Port-Limit", K::num},
    {"Login-LAT-Port", K::string},
    {"Tunnel-Type", K::num, tunnel_types, 1},
    {"Tunnel-Medium-Type", K::num, tunnel_media, 1},
    {"Tunnel-Client-Endpoint", K::string},
    {"Tunnel-Server-Endpoint", K::string},
    {"Acct-Tunnel-Connection", K::string},
    {"Tunnel-Password", K::string},
    {"ARAP-Password", K::strange},
    {"ARAP-Features", K::strange},
    {"ARAP-Zone-Access", K::num, arap_zone, 1},
    {"ARAP-Security", K::string},
    {"ARAP-Security-Data", K::string},
    {"Password-Retry", K::num},
    {"Prompt", K::num, prompt, 0},
    {"Connect-Info", K::string},
    {"Configuration-Token", K::string},
    {"EAP-Message", K::string},
    {"Message-Authenticator", K::string},
    {"Tunnel-Private-Group-ID", K::string},
    {"Tunnel-Assignment-ID", K::string},
    {"Tunnel-Preference", K::num},
    {"ARAP-Challenge-Response", K::strange},
    {"Acct-Interim-Interval", K::num},
    {"Acct-Tunnel-Packets-Lost", K::num},
    {"NAS-Port-Id", K::string},
    {"Framed-Pool", K::string},
    {"CUI", K::string},
    {"Tunnel-Client-Auth-ID", K::string},
    {"Tunnel-Server-Auth-ID", K::string},
    {"NAS-Filter-Rule", K::string},
    {"Unassigned", K::none},
    {"Originating-Line-Info", K::none},
    {"NAS-IPv6-Address", K::address6},
    {"Framed-Interface-ID", K::none},
    {"Framed-IPv6-Prefix", K::netmask6},
    {"Login-IPv6-Host", K::address6},
    {"Framed-IPv6-Route", K::string},
    {"Framed-IPv6-Pool", K::string},
    {"Error-Cause", K::strange},
    {"EAP-Key-Name", K::none},
    {"Digest-Response", K::string},
    {"Digest-Realm", K::string},
    {"Digest-Nonce", K::string},
    {"Digest-Response-Auth", K::string},
    {"Digest-Nextnonce", K::string},
    {"Digest-Method", K::string},
    {"Digest-URI", K::string},
    {"Digest-Qop", K::string},
    {"Digest-Algorithm", K::string},
    {"Digest-Entity-Body-Hash", K::string},
    {"Digest-CNonce", K::string},
    {"Digest-Nonce-Count", K::string},
    {"Digest-Username", K::string},
    {"Digest-Opaque", K::string},
    {"Digest-Auth-Param", K::string},
    {"Digest-AKA-Auts", K::string},
    {"Digest-Domain", K::string},
    {"Digest-Stale", K::string},
    {"Digest-HA1", K::string},
    {"SIP-AOR", K::string},
    {"Delegated-IPv6-Prefix", K::netmask6},
    {"MIP6-Feature-Vector", K::vector64},
    {"MIP6-Home-Link-Prefix", K::mip6_prefix},
    {"Operator-Name", K::operator_name},
    {"Location-Information", K::location_info},
    {"Location-Data", K::location_data},
    {"Basic-Location-Policy-Rules", K::location_rules},
};
constexpr size_t attr_count = std::size(attrs);

// One attribute's value: `r` holds the packet from the value's first byte
// (len of them, the attribute's length less 2). A `goto trunc` of tcpdump's
// is print_trunc() and a normal return; a read past the capture throws.
class Value {
public:
    Value(Ctx& c, Reader r, uint32_t len, uint8_t type) : c_(c), r_(r), len_(len), type_(type) {}

    void print()
    {
        switch (attrs[type_].kind) {
        case K::none: break;
        case K::string: string(); break;
        case K::num: num(); break;
        case K::address: address(); break;
        case K::address6:
            if (len_ != 16)
                c_.print("ERROR: length {} != 16", len_);
            else
                c_.put(ip6addr_string(c_, peek_addr6(r_, 0)));
            break;
        case K::netmask6: netmask6(); break;
        case K::vendor: vendor(); break;
        case K::time: time(); break;
        case K::strange: strange(); break;
        case K::vector64: vector64(); break;
        case K::mip6_prefix: mip6_prefix(); break;
        case K::operator_name: operator_name(); break;
        case K::location_info: location_info(); break;
        case K::location_data: location_data(); break;
        case K::location_rules: location_rules(); break;
        }
    }

private:
    // ND_TCHECK_LEN of the whole value.
    bool captured() const { return r_.has(len_); }

    uint8_t u8(size_t off) const { return r_.peek_u8(off); }
    uint32_t be24(size_t off) const { return r_.peek_be24(off); }

    // Printable ASCII as is, '.' for any other byte.
    void dotted(size_t off, size_t n, bool stop_at_nul)
    {
        for (size_t i = 0; i < n; ++i) {
            uint8_t ch = u8(off + i);
            if (stop_at_nul && ch == 0)
                break;
            c_.put(ch >= 0x20 && ch < 0x7f ? char(ch) : '.');
        }
    }
    void printn(size_t off, size_t n) { tcpdump::printn(c_, r_, off, n); }
    void tag(uint8_t t)
    {
        if (t)
            c_.print("Tag[{}] ", t);
        else
            c_.put("Tag[Unused] ");
    }

    void string()
    {
        if (!captured())
            return c_.print_trunc();
        size_t at = 0;
        uint32_t len = len_;
        switch (type_) {
        case tunnel_pass:
            if (len < 3)
                return c_.print_trunc();
            tag(u8(0) <= 0x1f ? u8(0) : 0);
            c_.print("Salt {} ", r_.peek_be16(1));
            at = 3;
            len -= 3;
            break;
        case tunnel_client_end:
        case tunnel_server_end:
        case tunnel_priv_group:
        case tunnel_assign_id:
        case tunnel_client_auth:
        case tunnel_server_auth:
            if (u8(0) <= 0x1f) {
                tag(u8(0));
                at = 1;
                len -= 1;
            }
            break;
        case egress_vlan_name:
            c_.print("{} (0x{:02x}) ", tok_lookup(rfc4675_tagged, u8(0)).value_or("Unknown tag"), u8(0));
            at = 1;
            len -= 1;
            break;
        case eap_message:
            return eap_print(c_, r_.rest(), len_);
        default:
            break;
        }
        dotted(at, len, true);
    }

    void num()
    {
        if (len_ != 4)
            return c_.print("ERROR: length {} != 4", len_);
        const Attr& a = attrs[type_];
        if (!a.values.empty()) {
            uint32_t v;
            if (type_ == tunnel_type || type_ == tunnel_medium) {
                tag(u8(0));
                v = be24(1);
            } else {
                v = r_.peek_be32(0);
            }
            if (v >= a.first && v < a.values.size())
                c_.put(a.values[v]);
            else
                c_.print("#{}", v);
            return;
        }
        switch (type_) {
        case frm_ipx:
            if (r_.peek_be32(0) == 0xfffffffe)
                c_.put("NAS Select");
            else
                c_.put_dec(r_.peek_be32(0));
            break;
        case session_timeout:
        case idle_timeout:
        case acct_delay:
        case acct_session_time:
        case acct_int_interval: {
            uint32_t t = r_.peek_be32(0);
            if (t < 60)
                c_.print("{:02} secs", t);
            else if (t < 3600)
                c_.print("{:02}:{:02} min", t / 60, t % 60);
            else
                c_.print("{:02}:{:02}:{:02} hours", t / 3600, t % 3600 / 60, t % 60);
            break;
        }
        case frm_atalk_link:
        case frm_atalk_network:
            if (uint32_t v = r_.peek_be32(0))
                c_.put_dec(v);
            else
                c_.put(type_ == frm_atalk_link ? "Unnumbered" : "NAS assigned");
            break;
        case tunnel_preference:
            tag(u8(0));
            c_.put_dec(be24(1));
            break;
        case egress_vlan_id:
            c_.print("{} (0x{:02x}) ", tok_lookup(rfc4675_tagged, u8(0)).value_or("Unknown tag"), u8(0));
            c_.put_dec(be24(1));
            break;
        default:
            c_.put_dec(r_.peek_be32(0));
            break;
        }
    }

    void address()
    {
        if (len_ != 4)
            return c_.print("ERROR: length {} != 4", len_);
        uint32_t v = r_.peek_be32(0);
        if ((type_ == frm_ipaddr || type_ == log_iphost) && v == 0xffffffff)
            c_.put("User Selected");
        else if ((type_ == frm_ipaddr || type_ == log_iphost) && v == 0xfffffffe)
            c_.put("NAS Select");
        else
            c_.put(ipaddr_string(c_, peek_addr4(r_, 0)));
    }

    void netmask6()
    {
        if (len_ < 2 || len_ > 18)
            return c_.print("ERROR: length {} not in range (2..18)", len_);
        if (!captured())
            return c_.print_trunc();
        uint8_t plen = u8(1);
        if (plen > 128)
            return c_.print("ERROR: netmask {} not in range (0..128)", plen);
        std::array<uint8_t, 16> a{};
        for (uint32_t i = 2; i < len_; ++i)
            a[i - 2] = u8(i);
        c_.print("{}/{}", ip6addr_string(c_, a), plen);
        if (plen > 8 * (len_ - 2))
            c_.put(" (inconsistent prefix length)");
    }

    void mip6_prefix()
    {
        if (len_ != 17)
            return c_.print("ERROR: length {} != 17", len_);
        if (!captured())
            return c_.print_trunc();
        if (u8(0) > 128)
            return c_.print("ERROR: netmask {} not in range (0..128)", u8(0));
        c_.print("{}/{}", ip6addr_string(c_, peek_addr6(r_, 1)), u8(0));
    }

    void operator_name()
    {
        if (!captured())
            return c_.print_trunc();
        if (len_ < 2)
            return c_.print("ERROR: length {} < 2", len_);
        c_.print("[{}] ", tok_or(operator_namespaces, u8(0), [](uint32_t v) {
                     return fmt::format("unknown namespace {}", v);
                 }));
        printn(1, len_ - 1);
    }

    // An NTP timestamp at `off` (tcpdump's p_ntp_time).
    void ntp_time(size_t off) { p_ntp_time(c_, r_.peek_be32(off), r_.peek_be32(off + 4)); }

    void location_info()
    {
        if (!captured())
            return c_.print_trunc();
        if (len_ < 21)
            return c_.print("ERROR: length {} < 21", len_);
        auto unknown = [](uint32_t v) { return fmt::format("Unknown ({})", v); };
        c_.print("index {}, code {}, entity {}, ", r_.peek_be16(0), tok_or(location_codes, u8(2), unknown),
                 tok_or(location_entities, u8(3), unknown));
        c_.put("sighting time ");
        ntp_time(4);
        c_.put(", time to live ");
        ntp_time(12);
        c_.put(", method \"");
        printn(20, len_ - 20);
        c_.put('"');
    }

    void location_data()
    {
        if (!captured())
            return c_.print_trunc();
        if (len_ < 3)
            return c_.print("ERROR: length {} < 3", len_);
        c_.print("index {}, location", r_.peek_be16(0));
        hex_and_ascii_print(c_, "\n\t    ", r_.rest().subspan(2), len_ - 2);
    }

    void location_rules()
    {
        if (!captured())
            return c_.print_trunc();
        if (len_ < 10)
            return c_.print("ERROR: length {} < 10", len_);
        c_.print("flags [{}], retention expires ", bittok_string(blpr_flags, r_.peek_be16(0), "none"));
        ntp_time(2);
        if (len_ > 10) {
            c_.put(", note well \"");
            printn(10, len_ - 10);
            c_.put('"');
        }
    }

    // Seconds since 1970 as ctime() writes them, in local time.
    void time()
    {
        if (len_ != 4)
            return c_.print("ERROR: length {} != 4", len_);
        time_t t = r_.peek_be32(0);
        struct tm tm;
        char buf[64];
        if (localtime_r(&t, &tm) && std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm))
            c_.put(buf);
    }

    void vector64()
    {
        if (len_ != 8)
            return c_.print("ERROR: length {} != 8", len_);
        uint64_t v = uint64_t(r_.peek_be32(0)) << 32 | r_.peek_be32(4);
        c_.put('[');
        const char* sep = "";
        for (const auto& [bit, name] : mip6_features)
            if (v & bit) {
                c_.put(sep);
                c_.put(name);
                sep = ", ";
            }
        c_.put(']');
    }

    // Bytes in upper-case hex (PRINT_HEX).
    void hex(size_t off, size_t n)
    {
        for (size_t i = 0; i < n; ++i)
            c_.print("{:02X}", u8(off + i));
    }

    void strange()
    {
        switch (type_) {
        case arap_pass:
            if (len_ != 16)
                return c_.print("ERROR: length {} != 16", len_);
            c_.put("User_challenge (");
            hex(0, 8);
            c_.put(") User_resp(");
            hex(8, 8);
            c_.put(')');
            break;
        case arap_features:
            if (len_ != 14)
                return c_.print("ERROR: length {} != 14", len_);
            c_.put(u8(0) ? "User can change password" : "User cannot change password");
            c_.print(", Min password length: {}, created at: ", u8(1));
            hex(2, 4);
            c_.put(", expires in: ");
            hex(6, 4);
            c_.put(", Current Time: ");
            hex(10, 4);
            break;
        case arap_challenge_resp:
            if (len_ < 8)
                return c_.print("ERROR: length {} != 8", len_);
            hex(0, 8);
            break;
        case error_cause: {
            if (len_ != 4)
                return c_.print("Error: length {} != 4", len_);
            uint32_t v = r_.peek_be32(0);
            c_.print("Error cause {}: {}", v, tok_or(error_causes, v, [](uint32_t e) {
                         return fmt::format("Error-Cause {} not known", e);
                     }));
            break;
        }
        default:
            break;
        }
    }

    void vendor()
    {
        if (len_ < 4)
            return c_.print_trunc();
        uint32_t id = r_.peek_be32(0);
        c_.print("Vendor: {} ({})", tok_lookup(smi_names, id).value_or("Unknown"), id);
        size_t at = 4;
        uint32_t left = len_ - 4;
        while (left >= 2) {
            uint8_t vtype = u8(at), vlen = u8(at + 1);
            if (vlen < 2)
                return c_.print("\n\t    Vendor Attribute: {}, Length: {} (bogus, must be >= 2)", vtype, vlen);
            if (vlen > left)
                return c_.print(
                    "\n\t    Vendor Attribute: {}, Length: {} (bogus, goes past end of vendor-specific attribute)",
                    vtype, vlen);
            at += 2;
            vlen -= 2;
            left -= 2;
            if (!r_.has(at + vlen))
                return c_.print_trunc();
            c_.print("\n\t    Vendor Attribute: {}, Length: {}, Value: ", vtype, vlen);
            dotted(at, vlen, false);
            at += vlen;
            left -= vlen;
        }
    }

    Ctx& c_;
    Reader r_;
    uint32_t len_;
    uint8_t type_;
};

// The attributes after the header: `r` at the first, `length` bytes of them.
void attrs_print(Ctx& c, Reader r, uint32_t length)
{
    while (length > 0) {
        if (length < 2 || !r.has(2))
            return c.print_trunc();
        uint8_t type = r.peek_u8(0), len = r.peek_u8(1);
        c.print("\n\t  {} Attribute ({}), length: {}", type != 0 && type < attr_count ? attrs[type].name : "Unknown",
                type, len);
        if (len < 2)
            return c.put(" (bogus, must be >= 2)");
        if (len > length)
            return c.put(" (bogus, goes past end of packet)");
        c.put(", Value: ");
        if (type < attr_count && len > 2) {
            Reader v = r;
            v.skip(2);
            Value(c, v, len - 2u, type).print();
        }
        if (c.opt.vflag > 1)
            print_unknown_data(c, r.rest(), 2, "\n\t    ", len - 2u);
        length -= len;
        if (length == 0)
            break;
        if (!r.has(len)) // (the next attribute's header is not captured)
            return c.print_trunc();
        r.skip(len);
    }
}

} // namespace

void radius_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "radius";
    Reader r(p);
    constexpr uint32_t hdr = 20;
    if (!r.has(hdr))
        return c.print_trunc();
    uint32_t len = r.peek_be16(2);
    if (len < hdr)
        return c.print_trunc();
    len = std::min(len, length);
    uint8_t code = r.peek_u8(0);
    std::string_view name = tok_lookup(command_names, code).value_or("Unknown Command");
    if (c.opt.vflag < 1)
        return c.print("RADIUS, {} ({}), id: 0x{:02x} length: {}", name, code, r.peek_u8(1), len);
    c.print("RADIUS, length: {}\n\t{} ({}), id: 0x{:02x}, Authenticator: ", len, name, code, r.peek_u8(1));
    for (size_t i = 4; i < hdr; ++i)
        c.print("{:02x}", r.peek_u8(i));
    if (len > hdr) {
        r.skip(hdr);
        attrs_print(c, r, len - hdr);
    }
}

} // namespace nsbox::tcpdump
