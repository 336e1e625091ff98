// Sun RPC under -T rpc, as tcpdump 4.99.3 prints it: a call through its
// sunrpc_print() (the transaction id and the portmapper's procedures; the
// program as "#N" without -n: Debian's tcpdump is built without
// getrpcbynumber(), so it never names one), any other message through its
// nfsreply_print(), which under -T rpc has seen no NFS call to match and so
// prints the reply's status alone. Neither prints the UDP ports: the
// transaction id stands in their place.

#include "applets/tcpdump/print/print.hpp"
#include "applets/tcpdump/print/tables.hpp"

namespace nsbox::tcpdump {

namespace {

constexpr uint32_t rpc_call = 0, rpc_version = 2;
constexpr uint16_t pmap_port = 111, nfs_port = 2049;
enum : uint32_t { pmap_null, pmap_set, pmap_unset, pmap_getport, pmap_dump, pmap_callit };
constexpr Tok pmap_procs[] = {{pmap_null, "null"},       {pmap_set, "set"},   {pmap_unset, "unset"},
                              {pmap_getport, "getport"}, {pmap_dump, "dump"}, {pmap_callit, "call"}};
constexpr Tok auth_errors[] = {{0, "OK"},
                               {1, "Bogus Credentials (seal broken)"},
                               {2, "Rejected Credentials (client should begin new session)"},
                               {3, "Bogus Verifier (seal broken)"},
                               {4, "Verifier expired or was replayed"},
                               {5, "Credentials are too weak"},
                               {6, "Bogus response verifier"},
                               {7, "Unknown failure"}};

void call(Ctx& c, const Reader& r, uint32_t length, const IpInfo& ip)
{
    c.proto = "sunrpc";
    // Nothing of a call is printed unless its header up to the procedure
    // is captured (the reference prints "IP  [|sunrpc]").
    if (!r.has(24))
        throw Truncated();
    std::string srcid = fmt::format("{:#x}", r.peek_be32(0));
    std::string dstid = c.opt.nflag ? fmt::format("{:#x}", pmap_port) : "sunrpc";
    std::string src = ip_src_string(c, ip), dst = ip_dst_string(c, ip);
    c.print("{}.{} > {}.{}: {}", src, srcid, dst, dstid, length);
    uint32_t proc = r.peek_be32(20);
    c.print(" {}", tok_or(pmap_procs, proc, [](uint32_t v) { return fmt::format(" proc #{}", v); }));
    if (uint32_t v = r.peek_be32(8); v != rpc_version)
        c.print(" [rpcver {}]", v);
    if (proc == pmap_set || proc == pmap_unset || proc == pmap_getport || proc == pmap_callit) {
        uint32_t prog = r.peek_be32(12);
        c.put(c.opt.nflag ? " " : " #");
        c.put_dec(prog);
        c.print(".{}", r.peek_be32(16));
    }
}

void reply(Ctx& c, const Reader& r, uint32_t length, const IpInfo& ip)
{
    c.proto = "nfs";
    std::string srcid = c.opt.nflag ? fmt::format("{}", nfs_port) : "nfs";
    std::string dstid = fmt::format("{}", r.peek_be32(0));
    // (tcpdump copies each address into INET6_ADDRSTRLEN bytes: a longer
    // host name is cut to 45 characters.)
    auto addr = [](std::string s) { return s.size() > 45 ? s.substr(0, 45) : s; };
    std::string src = addr(ip_src_string(c, ip)), dst = addr(ip_dst_string(c, ip));
    c.print("{}.{} > {}.{}: ", src, srcid, dst, dstid);
    // A status that is not captured ends the line (no longjmp in 4.99.3).
    auto have = [&](size_t end) {
        if (r.has(end))
            return true;
        c.print_trunc();
        return false;
    };
    if (!have(12))
        return;
    uint32_t stat = r.peek_be32(8);
    if (stat == 0) {
        c.print("reply ok {}", length);
    } else if (stat == 1) {
        c.print("reply ERR {}: ", length);
        if (!have(16))
            return;
        uint32_t why = r.peek_be32(12);
        if (why == 0) {
            if (!have(24))
                return;
            c.print("RPC Version mismatch ({}-{})", r.peek_be32(16), r.peek_be32(20));
        } else if (why == 1) {
            if (!have(20))
                return;
            c.print("Auth {}", tok_or(auth_errors, r.peek_be32(16),
                                      [](uint32_t v) { return fmt::format("Invalid failure code {}", v); }));
        } else {
            c.print("Unknown reason for rejecting rpc message {}", why);
        }
    } else {
        c.print("reply Unknown rpc response code={} {}", stat, length);
    }
}

} // namespace

void sunrpc_print(Ctx& c, Bytes p, uint32_t length, const IpInfo& ip)
{
    Reader r(p);
    if (r.peek_be32(4) == rpc_call) // (read as UDP's: a cut here is " [|udp]")
        call(c, r, length, ip);
    else
        reply(c, r, length, ip);
}

} // namespace nsbox::tcpdump
