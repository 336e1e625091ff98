// SNMP (RFC 1157, 1905, 3412, 3414) on UDP ports 161 and 162, as tcpdump
// 4.99.3 prints it without libsmi: a BER walker that prints each field as it
// decodes it, with tcpdump's bracketed texts for what does not fit ("[len5<
// asnlen9]", "[reqId!=INT]", "[v2 PDU in v1 message]", ...). SNMPv1 and
// v2c print the community (when it is not "public"), the PDU and its
// variable bindings; SNMPv3 its header, USM parameters and scoped PDU. From
// -v on the version, request id and braces around each part are added.
//
// Object identifiers print as numbers (".1.3.6.1.2.1.1.1.0"), which is what
// tcpdump prints under -n; without -n tcpdump names them from its compiled-in
// MIB, which nsbox does not carry.
//
// Two kinds of truncation, as in tcpdump: an element whose content is not
// all captured prints " [|snmp]" and ends that part (the enclosing parts
// still close their braces); a tag or length byte that is not captured
// throws Truncated, which ends the whole line with " [|snmp]".

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/snmp_mib.hpp"

namespace nsbox::tcpdump {

namespace {

// Universal, application and context tag names (only those the SMI uses are
// decoded; the others name themselves in error texts).
constexpr const char* universal_names[] = {
    "U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes", "U-8",
    "U-9", "U-10",    "U-11",    "U-12",      "U-13",   "U-14", "U-15",  "Sequence",  "Set",
};
constexpr const char* application_names[] = {
    "IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64",
};
constexpr const char* context_names[] = {
    "GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
    "GetBulk",    "Inform",         "V2Trap",      "Report",
};
constexpr const char* exception_names[] = {"noSuchObject", "noSuchInstance", "endOfMibView"};
constexpr const char* private_names[] = {"P-0"};

struct TagClass {
    const char* const* ids;
    int count;
};
// tcpdump names every class "x" in its error texts (its table macro quotes
// the parameter's name, not its value).
constexpr TagClass classes[] = {
    {universal_names, 18},
    {application_names, 7},
    {context_names, 9},
    {private_names, 1},
};
constexpr const char* class_name = "x";

constexpr const char* error_status_names[] = {
    "noError",          "tooBig",      "noSuchName",        "badValue",           "readOnly",
    "genErr",           "noAccess",    "wrongType",         "wrongLength",        "wrongEncoding",
    "wrongValue",       "noCreation",  "inconsistentValue", "resourceUnavailable", "commitFailed",
    "undoFailed",       "authorizationError", "notWritable", "inconsistentName",
};
constexpr const char* generic_trap_names[] = {
    "coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure", "egpNeighborLoss", "enterpriseSpecific",
};
constexpr const char* version_names[] = {"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"};

enum PduId : uint16_t {
    getreq = 0, getnextreq = 1, getresp = 2, setreq = 3, trap = 4, getbulkreq = 5, informreq = 6, v2trap = 7,
    report = 8,
};
constexpr int gt_enterprise = 6;
constexpr int version_1 = 0, version_2 = 1, version_3 = 3;

enum class BeType : uint8_t { any, null, octet, oid, integer, uns, str, seq, inetaddr, pdu, uns64, nosuchobject,
                              nosuchinst, endofmibview };

// One decoded element: its tag, its content's offset and length.
struct Be {
    uint32_t asnlen = 0;
    size_t data = 0;  // offset of the content in the message
    int32_t integer = 0;
    uint32_t uns = 0;
    uint64_t uns64 = 0;
    uint16_t id = 0;
    uint8_t form = 0, cls = 0;
    BeType type = BeType::any;
};

class Snmp {
public:
    Snmp(Ctx& c, Bytes p) : c_(c), r_(p) {}

    void message(uint32_t length);

private:
    uint8_t byte(size_t off) const { return r_.peek_u8(off); }
    bool captured(size_t off, size_t n) const { return r_.has(off + n); }
    int trunc()
    {
        c_.print_trunc();
        return -1;
    }

    int parse(size_t np, uint32_t len, Be& e);
    int print_octets(const Be& e);
    int print_string(const Be& e);
    int print(const Be& e);
    void varbinds(uint16_t pduid, size_t np, uint32_t length);
    void snmp_pdu(uint16_t pduid, size_t np, uint32_t length);
    void trap_pdu(size_t np, uint32_t length);
    void pdu(size_t np, uint32_t length, int version);
    void scoped_pdu(size_t np, uint32_t length, int version);
    void community(size_t np, uint32_t length, int version);
    void usm(size_t np, uint32_t length);
    void v3msg(size_t np, uint32_t length);
    // Parses an element expected to be of `type`; on a mismatch prints
    // "[what]" and the element. False when the caller stops.
    bool expect(size_t np, uint32_t length, Be& e, int& count, BeType type, const char* what)
    {
        if ((count = parse(np, length, e)) < 0)
            return false;
        if (e.type != type) {
            c_.print("[{}]", what);
            print(e);
            return false;
        }
        return true;
    }

    Ctx& c_;
    Reader r_;
};

// tcpdump's asn1_parse(): the element at `np` of at most `len` bytes. The
// bytes it takes (tag, length and content), or -1 after printing why not.
int Snmp::parse(size_t np, uint32_t len, Be& e)
{
    e.asnlen = 0;
    e.type = BeType::any;
    if (len < 1) {
        c_.put("[nothing to parse]");
        return -1;
    }
    size_t p = np;
    uint8_t id = byte(p) & 0x1f;
    uint8_t form = (byte(p) & 0x20) >> 5;
    uint8_t cls = (byte(p) & 0xc0) >> 6;
    e.form = form;
    e.cls = cls;
    e.id = id;
    ++p;
    --len;
    uint32_t hdr = 1;
    if (id == 0x1f) {
        // Extended tag: 7 bits per byte while the high bit is set (tcpdump
        // keeps only the low 8 bits of the result).
        id = 0;
        while (byte(p) & 0x80) {
            if (len < 1) {
                c_.put("[Xtagfield?]");
                return -1;
            }
            id = uint8_t(id << 7 | (byte(p) & 0x7f));
            --len;
            ++hdr;
            ++p;
        }
        if (len < 1) {
            c_.put("[Xtagfield?]");
            return -1;
        }
        id = uint8_t(id << 7 | byte(p));
        e.id = id;
        --len;
        ++hdr;
        ++p;
    }
    if (len < 1) {
        c_.put("[no asnlen]");
        return -1;
    }
    e.asnlen = byte(p);
    ++p;
    --len;
    ++hdr;
    if (e.asnlen & 0x80) {
        uint32_t noct = e.asnlen % 0x80;
        e.asnlen = 0;
        if (len < noct) {
            c_.print("[asnlen? {}<{}]", int(len), int(noct));
            return -1;
        }
        if (!captured(p, noct))
            return trunc();
        for (; noct != 0; --len, ++hdr, --noct) {
            e.asnlen = e.asnlen << 8 | byte(p);
            ++p;
        }
    }
    if (len < e.asnlen) {
        c_.print("[len{}<asnlen{}]", int(len), e.asnlen);
        return -1;
    }
    if (int(id) >= classes[cls].count) {
        c_.print("[id?{}/{}/{}]", form ? 'C' : 'P', class_name, id);
        return -1;
    }
    if (!captured(p, e.asnlen))
        return trunc();

    e.data = p;
    const char* name = classes[cls].ids[id];
    if (form == 0) {
        switch (cls) {
        case 0:  // universal
            switch (id) {
            case 4:
                e.type = BeType::str;
                break;
            case 2: {
                e.type = BeType::integer;
                if (e.asnlen == 0) {
                    c_.put("[asnlen=0]");
                    return -1;
                }
                uint32_t data = (byte(p) & 0x80) ? ~uint32_t(0) : 0;
                for (uint32_t i = 0; i < e.asnlen; ++i)
                    data = data << 8 | byte(p + i);
                e.integer = int32_t(data);
                break;
            }
            case 6:
                e.type = BeType::oid;
                break;
            case 5:
                e.type = BeType::null;
                break;
            default:
                e.type = BeType::octet;
                c_.print("[P/U/{}]", name);
                break;
            }
            break;
        case 1:  // application
            switch (id) {
            case 0:
                e.type = BeType::inetaddr;
                break;
            case 1:
            case 2:
            case 3: {
                e.type = BeType::uns;
                uint32_t data = 0;
                for (uint32_t i = 0; i < e.asnlen; ++i)
                    data = (data << 8) + byte(p + i);
                e.uns = data;
                break;
            }
            case 6: {
                e.type = BeType::uns64;
                uint64_t data = 0;
                for (uint32_t i = 0; i < e.asnlen; ++i)
                    data = (data << 8) + byte(p + i);
                e.uns64 = data;
                break;
            }
            default:
                e.type = BeType::octet;
                c_.print("[P/A/{}]", name);
                break;
            }
            break;
        case 2:  // context: the SNMPv2 exceptions
            if (id == 0)
                e.type = BeType::nosuchobject;
            else if (id == 1)
                e.type = BeType::nosuchinst;
            else if (id == 2)
                e.type = BeType::endofmibview;
            break;
        default:
            c_.print("[P/{}/{}]", class_name, name);
            e.type = BeType::octet;
            break;
        }
    } else {
        switch (cls) {
        case 0:
            if (id == 16) {
                e.type = BeType::seq;
            } else {
                e.type = BeType::octet;
                c_.print("C/U/{}", name);
            }
            break;
        case 2:
            e.type = BeType::pdu;
            break;
        default:
            e.type = BeType::octet;
            c_.print("C/{}/{}", class_name, name);
            break;
        }
    }
    return int(e.asnlen + hdr);
}

int Snmp::print_octets(const Be& e)
{
    if (!captured(e.data, e.asnlen))
        return trunc();
    for (uint32_t i = 0; i < e.asnlen; ++i)
        c_.print("_{:02x}", byte(e.data + i));
    return 0;
}

int Snmp::print_string(const Be& e)
{
    if (!captured(e.data, e.asnlen))
        return trunc();
    bool printable = true;
    for (uint32_t i = 0; printable && i < e.asnlen; ++i) {
        uint8_t ch = byte(e.data + i);
        printable = ch >= 0x20 && ch <= 0x7e;
    }
    if (printable) {
        c_.put('"');
        for (uint32_t i = 0; i < e.asnlen; ++i)
            c_.put(char(byte(e.data + i)));
        c_.put('"');
    } else {
        for (uint32_t i = 0; i < e.asnlen; ++i)
            c_.print("{}{:02x}", i == 0 ? "" : "_", byte(e.data + i));
    }
    return 0;
}

// tcpdump's asn1_print() under -n.
int Snmp::print(const Be& e)
{
    switch (e.type) {
    case BeType::octet:
        return print_octets(e);
    case BeType::null:
        break;
    case BeType::oid: {
        // Sub-identifiers of 7 bits per byte; the first holds two
        // (first * 40 + second, the first at most 2). tcpdump adds them up
        // in a signed int. Without -n each is looked up among the names
        // under the one before (once one is not found, numbers follow),
        // after one of the abbreviated prefixes or from the root.
        bool names = !c_.opt.nflag;
        mib::Node node = mib::none;
        uint32_t i = 0;
        int first = -1;
        if (names && e.asnlen > 2) {
            for (const mib::Abbrev& a : mib::abbrevs) {
                if (e.asnlen < a.len || !captured(e.data, a.len))
                    continue;
                bool same = true;
                for (uint8_t k = 0; k < a.len && same; ++k)
                    same = byte(e.data + k) == a.ber[k];
                if (same) {
                    node = a.node;
                    i = a.len;
                    c_.print("{}", a.prefix);
                    first = 1;
                    break;
                }
            }
        }
        auto component = [&](int32_t o, bool suppress_dot) {
            node = mib::child(node, uint32_t(o));
            if (!suppress_dot)
                c_.print(".");
            if (node != mib::none)
                c_.print("{}", mib::name(node));
            else
                c_.print("{}", uint32_t(o));
        };
        int32_t o = 0;
        for (; i < e.asnlen; ++i) {
            uint8_t b = byte(e.data + i);
            o = int32_t(uint32_t(o) << 7) + (b & 0x7f);
            if (b & 0x80)
                continue;
            if (first < 0) {
                if (names)
                    node = mib::root;
                first = 0;
                int32_t s = o / 40;
                if (s > 2)
                    s = 2;
                component(s, false);
                o -= s * 40;
            }
            component(o, first > 0);
            if (--first < 0)
                first = 0;
            o = 0;
        }
        break;
    }
    case BeType::integer:
        c_.print("{}", e.integer);
        break;
    case BeType::uns:
        c_.print("{}", e.uns);
        break;
    case BeType::uns64:
        c_.print("{}", e.uns64);
        break;
    case BeType::str:
        return print_string(e);
    case BeType::seq:
        c_.print("Seq({})", e.asnlen);
        break;
    case BeType::inetaddr:
        if (e.asnlen != 4)
            c_.put("[inetaddr len!=4]");
        if (!captured(e.data, e.asnlen))
            return trunc();
        for (uint32_t i = 0; i < e.asnlen; ++i)
            c_.print("{}{}", i == 0 ? "" : ".", byte(e.data + i));
        break;
    case BeType::nosuchobject:
    case BeType::nosuchinst:
    case BeType::endofmibview:
        c_.print("[{}]", exception_names[e.id]);
        break;
    case BeType::pdu:
        c_.print("{}({})", context_names[e.id], e.asnlen);
        break;
    case BeType::any:
        c_.put("[BE_ANY!?]");
        break;
    }
    return 0;
}

void Snmp::varbinds(uint16_t pduid, size_t np, uint32_t length)
{
    Be e;
    int count = 0;
    if (!expect(np, length, e, count, BeType::seq, "!SEQ of varbind"))
        return;
    if (uint32_t(count) < length)
        c_.print("[{} extra after SEQ of varbind]", int(length - count));
    length = e.asnlen;
    np = e.data;
    bool request = pduid == getreq || pduid == getnextreq || pduid == getbulkreq;
    while (length > 0) {
        c_.put(' ');
        if (!expect(np, length, e, count, BeType::seq, "!varbind"))
            return;
        size_t vbend = np + count;
        uint32_t vblength = length - count;
        length = e.asnlen;
        np = e.data;
        // objName
        if (!expect(np, length, e, count, BeType::oid, "objName!=OID"))
            return;
        if (print(e) < 0)
            return;
        length -= count;
        np += count;
        if (!request)
            c_.put('=');
        // objVal
        if ((count = parse(np, length, e)) < 0)
            return;
        if (request) {
            if (e.type != BeType::null) {
                c_.put("[objVal!=NULL]");
                if (print(e) < 0)
                    return;
            }
        } else if (e.type != BeType::null) {
            if (print(e) < 0)
                return;
        }
        length = vblength;
        np = vbend;
    }
}

const char* error_status(int32_t v, std::string& buf)
{
    if (v >= 0 && size_t(v) < std::size(error_status_names))
        return error_status_names[v];
    buf = fmt::format("err={}", uint32_t(v));
    return buf.c_str();
}

void Snmp::snmp_pdu(uint16_t pduid, size_t np, uint32_t length)
{
    Be e;
    int count = 0;
    if (!expect(np, length, e, count, BeType::integer, "reqId!=INT"))
        return;
    if (c_.opt.vflag)
        c_.print("R={} ", e.integer);
    length -= count;
    np += count;

    bool must_be_zero = pduid == getreq || pduid == getnextreq || pduid == setreq || pduid == informreq ||
                        pduid == v2trap || pduid == report;
    std::string buf;
    if (!expect(np, length, e, count, BeType::integer, "errorStatus!=INT"))
        return;
    int32_t status = 0;
    if (must_be_zero && e.integer != 0) {
        c_.print("[errorStatus({})!=0]", error_status(e.integer, buf));
    } else if (pduid == getbulkreq) {
        c_.print(" N={}", e.integer);
    } else if (e.integer != 0) {
        c_.print(" {}", error_status(e.integer, buf));
        status = e.integer;
    }
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::integer, "errorIndex!=INT"))
        return;
    if (must_be_zero && e.integer != 0)
        c_.print("[errorIndex({})!=0]", e.integer);
    else if (pduid == getbulkreq)
        c_.print(" M={}", e.integer);
    else if (e.integer != 0) {
        if (!status)
            c_.print("[errorIndex({}) w/o errorStatus]", e.integer);
        else
            c_.print("@{}", e.integer);
    } else if (status) {
        c_.put("[errorIndex==0]");
    }
    length -= count;
    np += count;
    varbinds(pduid, np, length);
}

void Snmp::trap_pdu(size_t np, uint32_t length)
{
    Be e;
    int count = 0;
    c_.put(' ');
    if (!expect(np, length, e, count, BeType::oid, "enterprise!=OID"))
        return;
    if (print(e) < 0)
        return;
    length -= count;
    np += count;
    c_.put(' ');

    if (!expect(np, length, e, count, BeType::inetaddr, "agent-addr!=INETADDR"))
        return;
    if (print(e) < 0)
        return;
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::integer, "generic-trap!=INT"))
        return;
    int32_t generic = e.integer;
    if (generic >= 0 && size_t(generic) < std::size(generic_trap_names))
        c_.print(" {}", generic_trap_names[generic]);
    else
        c_.print(" gt={}", generic);
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::integer, "specific-trap!=INT"))
        return;
    if (generic != gt_enterprise) {
        if (e.integer != 0)
            c_.print("[specific-trap({})!=0]", e.integer);
    } else {
        c_.print(" s={}", e.integer);
    }
    length -= count;
    np += count;
    c_.put(' ');

    if (!expect(np, length, e, count, BeType::uns, "time-stamp!=TIMETICKS"))
        return;
    if (print(e) < 0)
        return;
    length -= count;
    np += count;
    varbinds(trap, np, length);
}

void Snmp::pdu(size_t np, uint32_t length, int version)
{
    Be e;
    int count = 0;
    if ((count = parse(np, length, e)) < 0)
        return;
    if (e.type != BeType::pdu) {
        c_.put("[no PDU]");
        return;
    }
    if (uint32_t(count) < length)
        c_.print("[{} extra after PDU]", int(length - count));
    if (c_.opt.vflag)
        c_.put("{ ");
    if (print(e) < 0)
        return;
    c_.put(' ');
    length = e.asnlen;
    np = e.data;

    if (version == version_1 && (e.id == getbulkreq || e.id == informreq || e.id == v2trap || e.id == report)) {
        c_.put("[v2 PDU in v1 message]");
        return;
    }
    if (version == version_2 && e.id == trap) {
        c_.put("[v1 PDU in v2 message]");
        return;
    }
    if (e.id == trap)
        trap_pdu(np, length);
    else if (e.id <= report)
        snmp_pdu(e.id, np, length);
    if (c_.opt.vflag)
        c_.put(" } ");
}

void Snmp::scoped_pdu(size_t np, uint32_t length, int version)
{
    Be e;
    int count = 0;
    if (!expect(np, length, e, count, BeType::seq, "!scoped PDU"))
        return;
    length = e.asnlen;
    np = e.data;

    if (!expect(np, length, e, count, BeType::str, "contextEngineID!=STR"))
        return;
    length -= count;
    np += count;
    c_.put("E=");
    if (print_octets(e) == -1)
        return;
    c_.put(' ');

    if (!expect(np, length, e, count, BeType::str, "contextName!=STR"))
        return;
    length -= count;
    np += count;
    c_.put("C=");
    if (print_string(e) == -1)
        return;
    c_.put(' ');
    pdu(np, length, version);
}

void Snmp::community(size_t np, uint32_t length, int version)
{
    Be e;
    int count = 0;
    if (!expect(np, length, e, count, BeType::str, "comm!=STR"))
        return;
    bool is_public = e.asnlen == 6 && byte(e.data) == 'p' && byte(e.data + 1) == 'u' && byte(e.data + 2) == 'b' &&
                     byte(e.data + 3) == 'l' && byte(e.data + 4) == 'i' && byte(e.data + 5) == 'c';
    if (!is_public) {
        c_.put("C=");
        if (print_string(e) == -1)
            return;
        c_.put(' ');
    }
    length -= count;
    np += count;
    pdu(np, length, version);
}

void Snmp::usm(size_t np, uint32_t length)
{
    Be e;
    int count = 0;
    if (!expect(np, length, e, count, BeType::seq, "!usm"))
        return;
    length = e.asnlen;
    np = e.data;

    if (!expect(np, length, e, count, BeType::str, "msgAuthoritativeEngineID!=STR"))
        return;
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::integer, "msgAuthoritativeEngineBoots!=INT"))
        return;
    if (c_.opt.vflag)
        c_.print("B={} ", e.integer);
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::integer, "msgAuthoritativeEngineTime!=INT"))
        return;
    if (c_.opt.vflag)
        c_.print("T={} ", e.integer);
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::str, "msgUserName!=STR"))
        return;
    length -= count;
    np += count;
    c_.put("U=");
    if (print_string(e) == -1)
        return;
    c_.put(' ');

    if (!expect(np, length, e, count, BeType::str, "msgAuthenticationParameters!=STR"))
        return;
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::str, "msgPrivacyParameters!=STR"))
        return;
    length -= count;
    np += count;
    if (uint32_t(count) < length)
        c_.print("[{} extra after usm SEQ]", int(length - count));
}

void Snmp::v3msg(size_t np, uint32_t length)
{
    Be e;
    int count = 0;
    size_t xnp = np;
    uint32_t xlength = length;
    if (!expect(np, length, e, count, BeType::seq, "!message"))
        return;
    length = e.asnlen;
    np = e.data;
    if (c_.opt.vflag)
        c_.put("{ ");

    if (!expect(np, length, e, count, BeType::integer, "msgID!=INT"))
        return;
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::integer, "msgMaxSize!=INT"))
        return;
    length -= count;
    np += count;

    if (!expect(np, length, e, count, BeType::str, "msgFlags!=STR"))
        return;
    if (e.asnlen != 1) {
        c_.print("[msgFlags size {}]", int(e.asnlen));
        return;
    }
    uint8_t flags = byte(e.data);
    if (flags != 0x00 && flags != 0x01 && flags != 0x03 && flags != 0x04 && flags != 0x05 && flags != 0x07) {
        c_.print("[msgFlags=0x{:02X}]", flags);
        return;
    }
    length -= count;
    np += count;
    c_.print("F={}{}{} ", flags & 1 ? "a" : "", flags & 2 ? "p" : "", flags & 4 ? "r" : "");

    if (!expect(np, length, e, count, BeType::integer, "msgSecurityModel!=INT"))
        return;
    int32_t model = e.integer;
    length -= count;
    np += count;
    if (uint32_t(count) < length)
        c_.print("[{} extra after message SEQ]", int(length - count));
    if (c_.opt.vflag)
        c_.put("} ");
    if (model != 3) {
        c_.print("[security model {}]", model);
        return;
    }
    if (c_.opt.vflag)
        c_.put("{ USM ");

    // The security parameters follow the header sequence.
    length = uint32_t(xlength - (np - xnp));
    if (!expect(np, length, e, count, BeType::str, "msgSecurityParameters!=STR"))
        return;
    length -= count;
    np += count;
    usm(e.data, e.asnlen);
    if (c_.opt.vflag)
        c_.put("} ");
    if (c_.opt.vflag)
        c_.put("{ ScopedPDU ");
    scoped_pdu(np, length, 3);
    if (c_.opt.vflag)
        c_.put("} ");
}

void Snmp::message(uint32_t length)
{
    Be e;
    int count = 0;
    size_t np = 0;
    c_.put(' ');
    if (!expect(np, length, e, count, BeType::seq, "!init SEQ"))
        return;
    if (uint32_t(count) < length)
        c_.print("[{} extra after iSEQ]", int(length - count));
    length = e.asnlen;
    np = e.data;

    if (!expect(np, length, e, count, BeType::integer, "version!=INT"))
        return;
    int32_t version = e.integer;
    if (version != version_1 && version != version_2 && version != version_3) {
        c_.print("SNMP [version = {}]", version);
        return;
    }
    if (c_.opt.vflag)
        c_.print("{{ {} ", version_names[version]);
    length -= count;
    np += count;
    if (version == version_3)
        v3msg(np, length);
    else
        community(np, length, version);
    if (c_.opt.vflag)
        c_.put("} ");
}

} // namespace

void snmp_print(Ctx& c, Bytes p, uint32_t length)
{
    c.proto = "snmp";
    Snmp(c, p).message(length);
}

} // namespace nsbox::tcpdump
