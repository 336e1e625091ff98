// nf_tables over netlink: tables, chains, rules and their expressions, the
// dumps that read them back, and batches (transactions) that change them.
//
// Expressions are encoded attribute for attribute in the order libnftnl
// writes them, so that a rule built here is byte for byte the rule
// iptables-nft or nft would send. Expressions nsbox does not model are kept
// as Unknown (name plus the kernel's attribute bytes) so that a rule read
// from the kernel can always be written back unchanged.
//
// Like the rest of libnet: no printing, no argv, no exit(); kernel refusals
// are returned (commit) or thrown as net::Error (dumps, queries).
#pragma once

#include <cerrno>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <netinet/in.h> // before the UAPI headers, which then skip their copy

#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>

#include "libnet/netlink.hpp"

namespace nsbox::net::nft {

using Data = std::vector<uint8_t>;

// ---------------------------------------------------------------------------
// Expressions (NFTA_EXPR_*), one struct per kind nsbox reads and writes.

struct Payload {
    uint32_t dreg = NFT_REG_1;
    uint32_t base = NFT_PAYLOAD_NETWORK_HEADER;
    uint32_t offset = 0;
    uint32_t len = 0;
    bool operator==(const Payload&) const = default;
};

struct Meta {
    uint32_t key = 0;
    uint32_t dreg = NFT_REG_1;
    bool operator==(const Meta&) const = default;
};

struct Cmp {
    uint32_t sreg = NFT_REG_1;
    uint32_t op = NFT_CMP_EQ;
    Data data;
    bool operator==(const Cmp&) const = default;
};

struct Bitwise {
    uint32_t sreg = NFT_REG_1;
    uint32_t dreg = NFT_REG_1;
    std::optional<uint32_t> op; // the kernel reports it; iptables never sets it
    uint32_t len = 0;
    Data mask;
    Data xor_;
    bool operator==(const Bitwise&) const = default;
};

struct Range {
    uint32_t sreg = NFT_REG_1;
    uint32_t op = NFT_RANGE_EQ;
    Data from;
    Data to;
    bool operator==(const Range&) const = default;
};

struct Counter {
    uint64_t bytes = 0;
    uint64_t packets = 0;
    bool operator==(const Counter&) const = default;
};

// A packet-rate or byte-rate limit (NFTA_LIMIT_*).
struct Limit {
    uint64_t rate = 0;
    uint64_t unit = 1; // seconds
    uint32_t burst = 0;
    uint32_t type = NFT_LIMIT_PKTS;
    uint32_t flags = 0;
    bool operator==(const Limit&) const = default;
};

// An immediate that loads a verdict (accept, drop, return, jump, goto).
struct Immediate {
    uint32_t dreg = NFT_REG_VERDICT;
    int32_t verdict = NF_ACCEPT;
    std::string chain; // jump and goto only
    bool operator==(const Immediate&) const = default;
};

// nft_compat: an x_tables match or target run inside nf_tables.
struct Match {
    std::string name;
    uint32_t rev = 0;
    Data info;
    bool operator==(const Match&) const = default;
};
struct Target {
    std::string name;
    uint32_t rev = 0;
    Data info;
    bool operator==(const Target&) const = default;
};

// Any other expression: its name and NFTA_EXPR_DATA payload as received.
struct Unknown {
    std::string name;
    Data data;
    bool operator==(const Unknown&) const = default;
};

using Expr = std::variant<Payload, Meta, Cmp, Bitwise, Range, Counter, Limit, Immediate, Match, Target, Unknown>;

// The expression's kernel name ("payload", "cmp", ...).
std::string_view expr_name(const Expr& e);

// Writes NFTA_RULE_EXPRESSIONS (a list of NFTA_LIST_ELEM) into `m`.
void put_expressions(Message& m, std::span<const Expr> exprs);
// Reads an NFTA_RULE_EXPRESSIONS payload. Throws Malformed on bad framing or
// a known expression missing a mandatory attribute.
std::vector<Expr> parse_expressions(Attrs list);

// ---------------------------------------------------------------------------
// Objects

struct Table {
    std::string name;
    uint32_t flags = 0;
    uint32_t use = 0;
    uint64_t handle = 0;
};

struct Hook {
    uint32_t num = 0;
    int32_t priority = 0;
    bool operator==(const Hook&) const = default;
};

struct Chain {
    std::string table;
    std::string name;
    std::optional<uint64_t> handle;
    std::optional<Hook> hook; // present for base chains only
    std::optional<uint32_t> policy;
    std::optional<uint32_t> use; // references from jump/goto rules
    std::string type;            // "filter", "nat", "route" (base chains)
    std::optional<Counter> counters;
    std::optional<uint32_t> flags;
};

struct Compat {
    uint32_t proto = 0;
    uint32_t flags = 0;
    bool operator==(const Compat&) const = default;
};

struct Rule {
    std::string table;
    std::string chain;
    std::optional<uint64_t> handle;
    std::optional<uint64_t> position; // insert before/after this handle
    // A rule of this batch: its id, and the id of the rule of this batch
    // it goes before/after (the kernel's NFTA_RULE_ID, _POSITION_ID).
    std::optional<uint32_t> id, position_id;
    std::optional<Data> userdata;
    std::vector<Expr> exprs;
    std::optional<Compat> compat;
};

// nfnetlink message type of an nf_tables message (NFT_MSG_NEWRULE, ...).
constexpr uint16_t msg_type(uint16_t nft_msg)
{
    return static_cast<uint16_t>((NFNL_SUBSYS_NFTABLES << 8) | nft_msg);
}

// Builders. Attributes appear in libnftnl's order; only what is set is sent.
Message table_message(uint16_t nft_msg, uint16_t flags, uint8_t family, std::string_view name);
Message chain_message(uint16_t nft_msg, uint16_t flags, uint8_t family, const Chain& c);
Message rule_message(uint16_t nft_msg, uint16_t flags, uint8_t family, const Rule& r);

// Decoders for one reply message each. Throw Malformed on bad bytes.
Table parse_table(const Msg& m);
Chain parse_chain(const Msg& m);
Rule parse_rule(const Msg& m);

// ---------------------------------------------------------------------------
// Reading the kernel's state

// The ruleset generation (NFT_MSG_GETGEN), to pin a batch to the state it
// was computed from.
uint32_t generation(Socket& s);

std::vector<Table> dump_tables(Socket& s, uint8_t family);
// Chains of one table (all chains of the family when `table` is empty).
std::vector<Chain> dump_chains(Socket& s, uint8_t family, std::string_view table);
// One chain by name, or nullopt when it (or its table) does not exist.
std::optional<Chain> get_chain(Socket& s, uint8_t family, std::string_view table, std::string_view chain);
// Rules of one chain in order (all chains of the table when `chain` is empty).
std::vector<Rule> dump_rules(Socket& s, uint8_t family, std::string_view table, std::string_view chain);
// The same rules, each handed to `each` as its datagram is read: neither
// the dump nor the parsed rules are kept (a listing of many rules touches
// only what the caller keeps of each).
void each_rule(Socket& s, uint8_t family, std::string_view table, std::string_view chain,
               const std::function<void(Rule&&)>& each);

// ---------------------------------------------------------------------------
// Transactions

// A refused batch: which message (index into the list given to commit) and
// why. index is -1 when the refusal was for the batch itself.
struct Refusal {
    int index = -1;
    int error = 0; // positive errno
    std::string extack;
};

// A batch being built, its messages written straight into the one buffer
// commit() sends: BATCH_BEGIN (with NFNL_BATCH_GENID, the ruleset generation
// the changes were computed from), then each message, numbered from 1 as
// iptables-nft numbers them.
class Transaction {
public:
    explicit Transaction(uint32_t genid);
    // Appends `m`; returns its index among the messages.
    size_t add(Message& m);
    size_t size() const noexcept { return at_.size(); }
    // Message i, read in place (valid until the next add).
    Msg message(size_t i) const;
    // Writes `m` over message i, whose length it must have.
    void replace(size_t i, Message& m);
    // Appends BATCH_END (once) and returns the whole batch.
    Batch& finish();

private:
    Batch b_;
    std::vector<uint32_t> at_; // each message's offset in b_
    bool ended_ = false;
};

// Sends BATCH_BEGIN (with NFNL_BATCH_GENID = genid), the messages, and
// BATCH_END in one sendmsg: the kernel applies all of them or none. Returns
// the first refusal, or nullopt when the batch was applied. A refusal with
// error ERESTART means the ruleset changed since `genid` was read: read the
// state again and rebuild the batch (see transact).
std::optional<Refusal> commit(Socket& s, uint32_t genid, std::vector<Message>& msgs);
// The same for a transaction built for `genid` (which it already carries).
std::optional<Refusal> commit(Socket& s, uint32_t genid, Transaction& t);

// The bytes commit() would send (for tests): BEGIN, msgs, END with
// sequence numbers starting at 1, as iptables-nft numbers them.
std::vector<std::byte> batch_bytes(uint32_t genid, std::vector<Message>& msgs);

// Runs read() until the ruleset generation is the same before and after it
// (bounded: each round lost is lost to a commit that was applied), as
// iptables-nft fetches its cache again when the generation moved under it:
// a dump a commit interrupted can mix two states or miss rules.
template <class Read>
void consistent(Socket& s, Read&& read)
{
    constexpr int attempts = 64;
    for (int i = 0; i < attempts; ++i) {
        uint32_t genid = generation(s);
        read();
        if (generation(s) == genid)
            return;
    }
}

// Runs build(genid) -> messages (or a Transaction) and commits them, rebuilding and retrying
// while the kernel answers ERESTART (bounded). `build` may return nullopt to
// stop without sending anything. Returns the final refusal, if any.
template <class Build>
std::optional<Refusal> transact(Socket& s, Build&& build)
{
    // Each round that loses the race loses it to a batch that was applied, so
    // this bounds the wait by the number of concurrent writers.
    constexpr int attempts = 64;
    std::optional<Refusal> last;
    for (int i = 0; i < attempts; ++i) {
        uint32_t genid = generation(s);
        auto msgs = build(genid);
        // What build() read (a dump another writer's commit interrupted, or
        // rules of a newer generation) holds only if the generation is still
        // the one it started from: a rule it did not find, or a position it
        // chose, may be wrong otherwise. iptables-nft reads the generation
        // again after fetching its cache, and fetches again, the same way.
        if (generation(s) != genid)
            continue;
        if (!msgs)
            return std::nullopt;
        last = commit(s, genid, *msgs);
        if (!last || last->error != ERESTART)
            return last;
    }
    return last;
}

} // namespace nsbox::net::nft
