// DHCPv6 (RFC 8415) on UDP ports 546 and 547, as tcpdump 4.99.3 prints it
// (4.99 leaves DUID-UUID, user-class, Bootfile-URL and SZTP unnamed/undecoded):
// the message type alone by default; from -v on the transaction id (or a
// relay message's link and peer addresses) and every option in parentheses,
// options inside IA_NA, IA_TA, IA_PD, IA addresses and prefixes nested, a
// relayed message printed whole inside its relay-message option.
//
// Two kinds of truncation, as in tcpdump: an option longer than what is
// left of the message (or of the enclosing option) ends that option list
// with " [|dhcp6]" and the enclosing levels go on closing their
// parentheses; a read past the captured bytes ends the packet (Truncated).

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

namespace msg {
constexpr uint8_t renew = 5, inform_req = 11, relay_forw = 12, relay_reply = 13;
}

constexpr Tok dhcp6_msg_names[] = {
    {1, "solicit"},   {2, "advertise"},    {3, "request"},    {4, "confirm"},
    {5, "renew"},     {6, "rebind"},       {7, "reply"},      {8, "release"},
    {9, "decline"},   {10, "reconfigure"}, {11, "inf-req"},   {12, "relay-fwd"},
    {13, "relay-reply"}, {14, "leasequery"}, {15, "leasequery-reply"},
};

namespace opt {
constexpr uint16_t clientid = 1, serverid = 2, ia_na = 3, ia_ta = 4, ia_addr = 5, oro = 6, preference = 7,
                   elapsed_time = 8, relay_msg = 9, auth = 11, unicast = 12, status_code = 13,
                   rapid_commit = 14, vendor_class = 16, vendor_opts = 17, interface_id = 18,
                   reconf_msg = 19, reconf_accept = 20, sip_server_d = 21, sip_server_a = 22, dns_servers = 23,
                   domain_list = 24, ia_pd = 25, ia_pd_prefix = 26, nis_servers = 27, nisp_servers = 28,
                   nis_name = 29, nisp_name = 30, sntp_servers = 31, lifetime = 32, bcmcs_server_d = 33,
                   bcmcs_server_a = 34, geoconf_civic = 36, remote_id = 37, subscriber_id = 38,
                   client_fqdn = 39, pana_agent = 40, new_posix_timezone = 41, new_tzdb_timezone = 42, ero = 43,
                   lq_query = 44, client_data = 45, clt_time = 46, lq_relay_data = 47, lq_client_link = 48,
                   ntp_server = 56, aftr_name = 64, mudurl = 112;
}

constexpr Tok dhcp6_opt_names[] = {
    {opt::clientid, "client-ID"},
    {opt::serverid, "server-ID"},
    {opt::ia_na, "IA_NA"},
    {opt::ia_ta, "IA_TA"},
    {opt::ia_addr, "IA_ADDR"},
    {opt::oro, "option-request"},
    {opt::preference, "preference"},
    {opt::elapsed_time, "elapsed-time"},
    {opt::relay_msg, "relay-message"},
    {opt::auth, "authentication"},
    {opt::unicast, "server-unicast"},
    {opt::status_code, "status-code"},
    {opt::rapid_commit, "rapid-commit"},
    {15, "user-class"},
    {opt::vendor_class, "vendor-class"},
    {opt::vendor_opts, "vendor-specific-info"},
    {opt::interface_id, "interface-ID"},
    {opt::reconf_msg, "reconfigure-message"},
    {opt::reconf_accept, "reconfigure-accept"},
    {opt::sip_server_d, "SIP-servers-domain"},
    {opt::sip_server_a, "SIP-servers-address"},
    {opt::dns_servers, "DNS-server"},
    {opt::domain_list, "DNS-search-list"},
    {opt::ia_pd, "IA_PD"},
    {opt::ia_pd_prefix, "IA_PD-prefix"},
    {opt::sntp_servers, "SNTP-servers"},
    {opt::lifetime, "lifetime"},
    {opt::nis_servers, "NIS-server"},
    {opt::nisp_servers, "NIS+-server"},
    {opt::nis_name, "NIS-domain-name"},
    {opt::nisp_name, "NIS+-domain-name"},
    {opt::bcmcs_server_d, "BCMCS-domain-name"},
    {opt::bcmcs_server_a, "BCMCS-server"},
    {opt::geoconf_civic, "Geoconf-Civic"},
    {opt::remote_id, "Remote-ID"},
    {opt::subscriber_id, "Subscriber-ID"},
    {opt::client_fqdn, "Client-FQDN"},
    {opt::pana_agent, "PANA-agent"},
    {opt::new_posix_timezone, "POSIX-timezone"},
    {opt::new_tzdb_timezone, "POSIX-tz-database"},
    {opt::ero, "Echo-request-option"},
    {opt::lq_query, "Lease-query"},
    {opt::client_data, "LQ-client-data"},
    {opt::clt_time, "Clt-time"},
    {opt::lq_relay_data, "LQ-relay-data"},
    {opt::lq_client_link, "LQ-client-link"},
    {opt::ntp_server, "NTP-server"},
    {opt::aftr_name, "AFTR-Name"},
    {opt::mudurl, "MUD-URL"},
};

constexpr Tok dhcp6_status_names[] = {
    {0, "Success"},      {1, "UnspecFail"},        {2, "NoAddrsAvail"},   {3, "NoBinding"},
    {4, "NotOnLink"},    {5, "UseMulticast"},      {6, "NoPrefixAvail"},  {7, "UnknownQueryType"},
    {8, "MalformedQuery"}, {9, "NotConfigured"},   {10, "NotAllowed"},
};

std::string opt_name(uint32_t v)
{
    return tok_or(dhcp6_opt_names, v, [](uint32_t x) { return fmt::format("opt_{}", x); });
}

// The message and its options over `p`, whose end is the end of the
// capture (tcpdump's snapend); offsets are into `p`.
class Dhcp6Printer {
public:
    Dhcp6Printer(Ctx& c, Bytes p) : c_(c), p_(p), r_(p) {}

    void message(uint32_t length);

private:
    Ctx& c_;
    Bytes p_;
    Reader r_;

    uint8_t u8(size_t off) const { return r_.peek_u8(off); }
    uint16_t be16(size_t off) const { return r_.peek_be16(off); }
    uint32_t be32(size_t off) const { return uint32_t(be16(off)) << 16 | be16(off + 2); }
    std::string addr6(size_t off) { return ip6addr_string(c_, peek_addr6(r_, off)); }
    void hex(size_t from, size_t to)
    {
        for (size_t i = from; i < to; ++i)
            c_.print("{:02x}", u8(i));
    }
    void printjnp(size_t off, size_t n) { tcpdump::printjnp(c_, r_, off, n); }

    // Each returns false after " [|dhcp6]", which ends the list of options.
    void options(size_t cp, size_t ep);
    bool option(uint16_t type, size_t tp, uint16_t optlen);
    void duid(size_t tp, uint16_t optlen);
    void auth(size_t tp, uint16_t optlen);
    bool ntp_server(size_t tp, uint16_t optlen);
};

void Dhcp6Printer::message(uint32_t length)
{
    c_.proto = "dhcp6";
    c_.put("dhcp6");
    size_t ep = std::min<size_t>(p_.size(), length);
    if (p_.size() < 4) {
        c_.print_trunc();
        return;
    }
    uint8_t type = u8(0);
    std::string name = tok_or(dhcp6_msg_names, type, [](uint32_t v) { return fmt::format("msgtype-{}", v); });
    if (!c_.opt.vflag) {
        c_.print(" {}", name);
        return;
    }
    c_.print(" {} (", name);
    if (type != msg::relay_forw && type != msg::relay_reply) {
        c_.print("xid={:x}", be32(0) & 0x00ffffff);
        options(4, ep);
    } else {
        c_.print("linkaddr={}", addr6(2));
        c_.print(" peeraddr={}", addr6(18));
        options(34, ep);
    }
    c_.put(')');
}

void Dhcp6Printer::options(size_t cp, size_t ep)
{
    while (cp < ep) {
        if (ep < cp + 4 || p_.size() < cp + 4) {
            c_.print_trunc();
            return;
        }
        uint16_t optlen = be16(cp + 2);
        if (ep < cp + 4 + optlen) {
            c_.print_trunc();
            return;
        }
        uint16_t type = be16(cp);
        c_.print(" ({}", opt_name(type));
        if (p_.size() < cp + 4 + optlen) {
            c_.print_trunc();
            return;
        }
        if (!option(type, cp + 4, optlen)) {
            c_.print_trunc();
            return;
        }
        cp += 4 + size_t(optlen);
    }
}

void Dhcp6Printer::duid(size_t tp, uint16_t optlen)
{
    if (optlen < 2) {
        c_.put(" ?)");
        return;
    }
    uint16_t type = be16(tp);
    switch (type) {
    case 1: // DUID-LLT
        if (optlen < 8) {
            c_.put(" ?)");
            return;
        }
        c_.print(" hwaddr/time type {} time {} ", be16(tp + 2), be32(tp + 4));
        hex(tp + 8, tp + optlen);
        c_.put(')');
        return;
    case 2: // DUID-EN: 4.99 shows the first 8 bytes as a "vid"
        if (optlen < 10) {
            c_.put(" ?)");
            return;
        }
        c_.put(" vid ");
        hex(tp + 2, tp + 10);
        c_.put(')');
        return;
    case 3: // DUID-LL
        if (optlen < 4) {
            c_.put(" ?)");
            return;
        }
        c_.print(" hwaddr type {} ", be16(tp + 2));
        hex(tp + 4, tp + optlen);
        c_.put(')');
        return;
    default:
        c_.print(" type {})", type);
        return;
    }
}

void Dhcp6Printer::auth(size_t tp, uint16_t optlen)
{
    if (optlen < 11) {
        c_.put(" ?)");
        return;
    }
    uint8_t proto = u8(tp);
    if (proto == 2)
        c_.put(" proto: delayed");
    else if (proto == 3)
        c_.put(" proto: reconfigure");
    else
        c_.print(" proto: {}", proto);
    uint8_t alg = u8(tp + 1);
    if (alg == 1)
        c_.put(", alg: HMAC-MD5");
    else
        c_.print(", alg: {}", alg);
    uint8_t rdm = u8(tp + 2);
    if (rdm == 0)
        c_.put(", RDM: mono");
    else
        c_.print(", RDM: {}", rdm);
    c_.put(", RD:");
    tp += 3;
    for (int i = 0; i < 4; ++i, tp += 2)
        c_.print(" {:04x}", be16(tp));
    size_t infolen = size_t(optlen) - 11;
    if (proto == 2) {
        if (infolen != 0) {
            if (infolen < 20) {
                c_.put(" ??");
            } else {
                size_t realmlen = infolen - 20;
                if (realmlen > 0)
                    c_.put(", realm: ");
                for (size_t i = 0; i < realmlen; ++i, ++tp)
                    c_.print("{:02x}", u8(tp));
                c_.print(", key ID: {:08x}", be32(tp));
                tp += 4;
                c_.put(", HMAC-MD5:");
                for (int i = 0; i < 4; ++i, tp += 4)
                    c_.print(" {:08x}", be32(tp));
            }
        }
    } else if (proto == 3) {
        if (infolen != 17) {
            c_.put(" ??");
        } else {
            uint8_t t = u8(tp);
            if (t == 1)
                c_.put(" reconfig-key");
            else if (t == 2)
                c_.put(" type: HMAC-MD5");
            else
                c_.put(" type: ??");
            ++tp;
            c_.put(" value:");
            for (int i = 0; i < 4; ++i, tp += 4)
                c_.print(" {:08x}", be32(tp));
        }
    } else {
        c_.put(" ??");
    }
    c_.put(')');
}

bool Dhcp6Printer::ntp_server(size_t tp, uint16_t optlen)
{
    if (optlen < 4) {
        c_.put(" ?)");
        return true;
    }
    size_t end = tp + optlen;
    while (tp < end - 4) {
        uint16_t code = be16(tp);
        uint16_t len = be16(tp + 2);
        tp += 4;
        if (tp + len > end)
            return false;
        c_.print(" subopt:{}", code);
        if (code == 1 || code == 2) {
            if (len != 16)
                c_.put(" ?");
            else
                c_.print(" {}", addr6(tp));
        } else if (code == 3) {
            c_.put(' ');
            if (!fqdn_print(c_, p_, int64_t(tp), int64_t(tp + len)))
                return false;
        } else {
            c_.put(" ?");
        }
        tp += len;
    }
    c_.put(')');
    return true;
}

bool Dhcp6Printer::option(uint16_t type, size_t tp, uint16_t optlen)
{
    size_t end = tp + optlen;
    switch (type) {
    case opt::clientid:
    case opt::serverid:
        duid(tp, optlen);
        return true;
    case opt::ia_addr:
        if (optlen < 24) {
            c_.put(" ?)");
            return true;
        }
        c_.print(" {}", addr6(tp));
        c_.print(" pltime:{} vltime:{}", be32(tp + 16), be32(tp + 20));
        if (optlen > 24)
            options(tp + 24, end);
        c_.put(')');
        return true;
    case opt::oro:
    case opt::ero:
        if (optlen % 2) {
            c_.put(" ?)");
            return true;
        }
        for (size_t i = 0; i < optlen; i += 2)
            c_.print(" {}", opt_name(be16(tp + i)));
        c_.put(')');
        return true;
    case opt::preference:
        if (optlen != 1)
            c_.put(" ?)");
        else
            c_.print(" {})", u8(tp));
        return true;
    case opt::elapsed_time:
        if (optlen != 2)
            c_.put(" ?)");
        else
            c_.print(" {})", be16(tp));
        return true;
    case opt::relay_msg: {
        c_.put(" (");
        // The relayed message ends where the option does.
        Bytes inner = p_.subspan(tp, std::min<size_t>(optlen, p_.size() - tp));
        Dhcp6Printer(c_, inner).message(optlen);
        c_.put(')');
        return true;
    }
    case opt::auth:
        auth(tp, optlen);
        return true;
    case opt::rapid_commit:
    case opt::reconf_accept:
        c_.put(')');
        return true;
    case opt::interface_id:
    case opt::subscriber_id:
        c_.put(' ');
        hex(tp, tp + std::min<size_t>(optlen, 10));
        c_.put("...)");
        return true;
    case opt::reconf_msg:
        if (optlen != 1) {
            c_.put(" ?)");
            return true;
        }
        if (u8(tp) == msg::renew)
            c_.put(" for renew)");
        else if (u8(tp) == msg::inform_req)
            c_.put(" for inf-req)");
        else
            c_.print(" for ?\?\?({:02x}))", u8(tp));
        return true;
    case opt::sip_server_a:
    case opt::dns_servers:
    case opt::sntp_servers:
    case opt::nis_servers:
    case opt::nisp_servers:
    case opt::bcmcs_server_a:
    case opt::pana_agent:
    case opt::lq_client_link:
        if (optlen % 16) {
            c_.put(" ?)");
            return true;
        }
        for (size_t i = 0; i < optlen; i += 16)
            c_.print(" {}", addr6(tp + i));
        c_.put(')');
        return true;
    case opt::sip_server_d:
    case opt::domain_list:
        while (tp < end) {
            c_.put(' ');
            auto next = fqdn_print(c_, p_, int64_t(tp), int64_t(end));
            if (!next)
                return false;
            tp = size_t(*next);
        }
        c_.put(')');
        return true;
    case opt::status_code:
        if (optlen < 2) {
            c_.put(" ?)");
            return true;
        }
        {
            uint16_t code = be16(tp);
            if (code > 255)
                c_.put(" INVALID code)");
            else
                c_.print(" {})",
                         tok_or(dhcp6_status_names, code, [](uint32_t v) { return fmt::format("code{}", v); }));
        }
        return true;
    case opt::ia_na:
    case opt::ia_pd:
        if (optlen < 12) {
            c_.put(" ?)");
            return true;
        }
        c_.print(" IAID:{} T1:{} T2:{}", be32(tp), be32(tp + 4), be32(tp + 8));
        if (optlen > 12)
            options(tp + 12, end);
        c_.put(')');
        return true;
    case opt::ia_ta:
        if (optlen < 4) {
            c_.put(" ?)");
            return true;
        }
        c_.print(" IAID:{}", be32(tp));
        if (optlen > 4)
            options(tp + 4, end);
        c_.put(')');
        return true;
    case opt::ia_pd_prefix:
        if (optlen < 25) {
            c_.put(" ?)");
            return true;
        }
        c_.print(" {}/{}", addr6(tp + 9), u8(tp + 8));
        c_.print(" pltime:{} vltime:{}", be32(tp), be32(tp + 4));
        if (optlen > 25)
            options(tp + 25, end);
        c_.put(')');
        return true;
    case opt::lifetime:
    case opt::clt_time:
        if (optlen != 4)
            c_.put(" ?)");
        else
            c_.print(" {})", be32(tp));
        return true;
    case opt::remote_id:
        if (optlen < 4) {
            c_.put(" ?)");
            return true;
        }
        c_.print(" {} ", be32(tp));
        hex(tp + 4, tp + std::min<size_t>(optlen, 14));
        c_.put("...)");
        return true;
    case opt::lq_query: {
        if (optlen < 17) {
            c_.put(" ?)");
            return true;
        }
        uint8_t qt = u8(tp);
        if (qt == 1)
            c_.put(" by-address");
        else if (qt == 2)
            c_.put(" by-clientID");
        else
            c_.print(" type_{}", qt);
        c_.print(" {}", addr6(tp + 1));
        if (optlen > 17)
            options(tp + 17, end);
        c_.put(')');
        return true;
    }
    case opt::client_data:
        if (optlen > 0)
            options(tp, end);
        c_.put(')');
        return true;
    case opt::lq_relay_data:
        if (optlen < 16) {
            c_.put(" ?)");
            return true;
        }
        c_.print(" {} ", addr6(tp));
        hex(tp + 16, tp + std::min<size_t>(optlen, 26));
        c_.put("...)");
        return true;
    case opt::ntp_server:
        return ntp_server(tp, optlen);
    case opt::aftr_name: {
        if (optlen < 3) {
            c_.put(" ?)");
            return true;
        }
        size_t remain = optlen;
        c_.put(' ');
        while (remain && u8(tp)) {
            size_t label = u8(tp);
            ++tp;
            if (label < remain - 1) {
                printjnp(tp, label);
                tp += label;
                remain -= label + 1;
                if (u8(tp))
                    c_.put('.');
            } else {
                c_.put(" ?");
                break;
            }
        }
        c_.put(')');
        return true;
    }
    case opt::new_posix_timezone:
    case opt::new_tzdb_timezone:
    case opt::mudurl:
        if (optlen < 5) {
            c_.put(" ?)");
            return true;
        }
        c_.put(' ');
        printjnp(tp, optlen);
        c_.put(')');
        return true;
    default:
        c_.put(')');
        return true;
    }
}

} // namespace

void dhcp6_print(Ctx& c, Bytes p, uint32_t length)
{
    Dhcp6Printer(c, p).message(length);
}

} // namespace nsbox::tcpdump
