// The netlink layer every kernel conversation goes through: a socket, a
// message builder with RAII nests, a bounds-checked attribute parser, request
// with ACK and extended-ACK text, multi-part dumps and batches.
//
// Nothing here prints or exits: failures are thrown as net::Error (an errno
// and, when the kernel sent one, its extended-ACK message) or
// net::Malformed (bytes that are not valid netlink).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <linux/netlink.h>

namespace nsbox::net {

using Bytes = std::span<const std::byte>;

// A failed system call or a kernel refusal. code() is a positive errno.
class Error : public std::runtime_error {
public:
    Error(int code, std::string extack = {}, std::string context = {});
    int code() const noexcept { return code_; }
    // The kernel's extended-ACK message ("Unknown device type"), or empty.
    const std::string& extack() const noexcept { return extack_; }
    // What was being done when it failed ("socket", "sendmsg"), or empty for a
    // kernel refusal of a request.
    const std::string& context() const noexcept { return context_; }

private:
    int code_;
    std::string extack_;
    std::string context_;
};

// Bytes that break netlink's framing: an attribute or message whose length
// runs past its container, or a header too short for its type.
class Malformed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

template <class T>
concept Plain = std::is_trivially_copyable_v<T> && std::is_standard_layout_v<T>;

// ---------------------------------------------------------------------------
// Parsing

// One attribute: its type (flags stripped) and payload.
class Attr {
public:
    Attr(uint16_t type, Bytes payload) : type_(type), payload_(payload) {}
    uint16_t type() const noexcept { return type_; }
    Bytes payload() const noexcept { return payload_; }

    // The payload as T when it is exactly sizeof(T) bytes long.
    template <Plain T>
    std::optional<T> as() const
    {
        if (payload_.size() != sizeof(T))
            return std::nullopt;
        T v;
        std::memcpy(&v, payload_.data(), sizeof v);
        return v;
    }
    // A string attribute, up to its first NUL (NUL termination is optional).
    std::string_view str() const;
    // The payload as a sequence of attributes (a nest).
    class Attrs nested() const;

private:
    uint16_t type_;
    Bytes payload_;
};

// Iterates the attributes in a byte range. Throws Malformed on an attribute
// whose header or length does not fit.
class Attrs {
public:
    Attrs() = default;
    explicit Attrs(Bytes data) : data_(data) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Attr;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Attr;
        iterator() = default;
        explicit iterator(Bytes rest) : rest_(rest) { load(); }
        Attr operator*() const { return Attr(type_, payload_); }
        iterator& operator++()
        {
            rest_ = rest_.subspan(std::min(step_, rest_.size()));
            load();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const iterator& o) const { return rest_.size() == o.rest_.size(); }

    private:
        void load();
        Bytes rest_{};
        uint16_t type_ = 0;
        Bytes payload_{};
        size_t step_ = 0;
    };

    iterator begin() const { return iterator(data_); }
    iterator end() const { return iterator(); }
    Bytes bytes() const noexcept { return data_; }

private:
    Bytes data_{};
};

// Calls f(type, attr) for each attribute in `b`, in order, with the framing
// checks of Attrs (Malformed on a truncated header or a length past the
// container). The loop every dump runs for every attribute: AttrTable fills
// its table with it, and decoders that read each attribute once take them
// from it directly.
template <class F>
void for_each_attr(Bytes b, F&& f)
{
    const std::byte* p = b.data();
    size_t left = b.size();
    while (left) {
        if (left < sizeof(nlattr))
            throw Malformed("netlink attribute header truncated");
        nlattr h;
        std::memcpy(&h, p, sizeof h);
        if (h.nla_len < sizeof(nlattr) || h.nla_len > left)
            throw Malformed("netlink attribute length runs past its container");
        auto type = static_cast<uint16_t>(h.nla_type & NLA_TYPE_MASK);
        f(type, Attr(type, Bytes(p + sizeof(nlattr), h.nla_len - sizeof(nlattr))));
        size_t step = NLA_ALIGN(h.nla_len);
        if (step >= left)
            break;
        p += step;
        left -= step;
    }
}

// Attributes indexed by type, the way most replies are read: parse once,
// then look up. Types above `max` are skipped; a repeated type keeps the last.
class AttrTable {
public:
    AttrTable() = default;
    AttrTable(Attrs attrs, uint16_t max);

    const Attr* get(uint16_t type) const
    {
        if (type >= limit_)
            return nullptr;
        if (!spill_.empty())
            return spill_[type].payload().data() ? &spill_[type] : nullptr;
        if (type >= inline_types)
            return nullptr;
        return (present_[type / 64] >> (type % 64)) & 1 ? slot(type) : nullptr;
    }
    bool has(uint16_t type) const { return get(type) != nullptr; }
    template <Plain T>
    std::optional<T> as(uint16_t type) const
    {
        const Attr* a = get(type);
        return a ? a->as<T>() : std::nullopt;
    }
    std::optional<std::string_view> str(uint16_t type) const
    {
        const Attr* a = get(type);
        return a ? std::optional(a->str()) : std::nullopt;
    }
    AttrTable nested(uint16_t type, uint16_t max) const
    {
        const Attr* a = get(type);
        return a ? AttrTable(a->nested(), max) : AttrTable();
    }

private:
    // Tables up to `inline_types` types (every rtnetlink message's) live in
    // place, marked present bit by bit, so that parsing a message allocates
    // and clears nothing; larger ones spill into a vector.
    static constexpr size_t inline_types = 128;
    const Attr* slot(uint16_t type) const
    {
        return std::launder(reinterpret_cast<const Attr*>(storage_)) + type;
    }
    uint32_t limit_ = 0; // max + 1
    uint64_t present_[inline_types / 64] = {};
    alignas(Attr) std::byte storage_[inline_types * sizeof(Attr)];
    std::vector<Attr> spill_;
};

// A netlink message as received: header plus payload.
class Msg {
public:
    Msg(const nlmsghdr& hdr, Bytes payload) : hdr_(&hdr), payload_(payload) {}
    uint16_t type() const noexcept { return hdr_->nlmsg_type; }
    uint16_t flags() const noexcept { return hdr_->nlmsg_flags; }
    uint32_t seq() const noexcept { return hdr_->nlmsg_seq; }
    const nlmsghdr& header() const noexcept { return *hdr_; }
    Bytes payload() const noexcept { return payload_; }

    // The family header (ifinfomsg, rtmsg, nfgenmsg, ...) at the start of the
    // payload; throws Malformed when the payload is too short for it.
    template <Plain T>
    T family() const
    {
        if (payload_.size() < sizeof(T))
            throw Malformed("netlink message too short for its header");
        T v;
        std::memcpy(&v, payload_.data(), sizeof v);
        return v;
    }
    // The attributes following a family header of type T.
    template <Plain T>
    Attrs attrs() const
    {
        size_t off = NLMSG_ALIGN(sizeof(T));
        if (payload_.size() < sizeof(T))
            throw Malformed("netlink message too short for its header");
        return Attrs(payload_.subspan(std::min(off, payload_.size())));
    }

private:
    const nlmsghdr* hdr_;
    Bytes payload_;
};

// Splits a buffer of back-to-back netlink messages. Throws Malformed on a
// message whose length is shorter than its header or runs past the buffer.
std::vector<Msg> split_messages(Bytes buf);

// One dump's replies, read datagram by datagram: what Socket::dump_each
// does with each datagram it receives, apart from the socket (so that
// tests can feed it recorded or constructed replies).
class DumpReader {
public:
    // The dump request's sequence number and the socket's port: replies
    // with another number or port are skipped.
    DumpReader(uint32_t seq, uint32_t port) : seq_(seq), port_(port) {}
    // Hands each message of the dump in `datagram` to `each`, up to
    // NLMSG_DONE; returns whether NLMSG_DONE has been read. Throws Error
    // for an NLMSG_ERROR or an NLMSG_DONE that carries an errno, Malformed
    // for bytes that are not netlink messages.
    bool feed(Bytes datagram, const std::function<void(const Msg&)>& each);
    // Whether any message of the dump so far (NLMSG_DONE included) carried
    // NLM_F_DUMP_INTR.
    bool interrupted() const noexcept { return interrupted_; }

private:
    uint32_t seq_;
    uint32_t port_;
    bool interrupted_ = false;
    bool done_ = false;
};

// ---------------------------------------------------------------------------
// Building

// A request under construction: nlmsghdr, an optional family header, then
// attributes. The buffer grows as needed; nothing is ever silently dropped.
class Message {
public:
    Message(uint16_t type, uint16_t flags);
    template <Plain T>
    Message(uint16_t type, uint16_t flags, const T& family) : Message(type, flags)
    {
        append(&family, sizeof family);
    }

    // Ends a nest when it goes out of scope (or on end()), writing its length.
    class Nest {
    public:
        Nest(Message& m, size_t offset) : msg_(&m), offset_(offset) {}
        Nest(Nest&& o) noexcept : msg_(o.msg_), offset_(o.offset_) { o.msg_ = nullptr; }
        Nest(const Nest&) = delete;
        Nest& operator=(const Nest&) = delete;
        Nest& operator=(Nest&&) = delete;
        ~Nest() { end(); }
        void end();

    private:
        Message* msg_;
        size_t offset_;
    };

    void put(uint16_t type, Bytes payload);
    void put(uint16_t type, const void* data, size_t len);
    template <Plain T>
    void put(uint16_t type, const T& v)
    {
        put(type, &v, sizeof v);
    }
    void put_u8(uint16_t type, uint8_t v) { put(type, v); }
    void put_u16(uint16_t type, uint16_t v) { put(type, v); }
    void put_u32(uint16_t type, uint32_t v) { put(type, v); }
    void put_u64(uint16_t type, uint64_t v) { put(type, v); }
    void put_be16(uint16_t type, uint16_t v);
    void put_be32(uint16_t type, uint32_t v);
    void put_be64(uint16_t type, uint64_t v);
    // A NUL-terminated string attribute.
    void put_str(uint16_t type, std::string_view s);
    // An attribute with no payload (a flag).
    void put_flag(uint16_t type) { put(type, nullptr, 0); }
    [[nodiscard]] Nest nest(uint16_t type);
    // An attribute whose payload is a fixed header followed by attributes
    // (veth's VETH_INFO_PEER carries an ifinfomsg, then the peer's
    // attributes). Not marked NLA_F_NESTED: the payload is not only
    // attributes.
    template <Plain T>
    [[nodiscard]] Nest nest_with_header(uint16_t type, const T& header)
    {
        size_t off = buf_.size();
        put(type, &header, sizeof header);
        return Nest(*this, off);
    }

    nlmsghdr& header();
    void set_seq(uint32_t seq) { header().nlmsg_seq = seq; }
    // The finished message; nlmsg_len is kept current on every append.
    Bytes bytes() const { return {buf_.data(), buf_.size()}; }
    size_t size() const noexcept { return buf_.size(); }
    // Mutable view of the family header for requests built field by field.
    template <Plain T>
    T& family()
    {
        static_assert(alignof(T) <= NLMSG_ALIGNTO);
        if (buf_.size() < NLMSG_HDRLEN + sizeof(T))
            throw std::logic_error("message has no family header of that size");
        return *std::launder(reinterpret_cast<T*>(buf_.data() + NLMSG_HDRLEN));
    }

private:
    void append(const void* data, size_t len);
    void pad();
    void sync_len();
    // Appends an attribute header for `len` bytes of payload, the payload
    // and its padding zeroed; returns where the payload goes.
    std::byte* add_attr(uint16_t type, size_t len);
    std::vector<std::byte> buf_;
};

// Several messages sent in one sendmsg (nf_tables transactions, ip -batch).
// Its bytes grow with realloc, which moves a large buffer by remapping its
// pages rather than copying them into new ones: a batch of many messages
// touches about its own size, where a vector grown message by message
// touches each size it passes through.
class Batch {
public:
    Batch() = default;
    Batch(Batch&& o) noexcept;
    Batch& operator=(Batch&& o) noexcept;
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    ~Batch();

    // Appends a copy of `m` with the next sequence number; returns that number.
    uint32_t add(Message& m);
    // Room for `n` bytes in all, taken now.
    void reserve(size_t n);
    Bytes bytes() const { return {buf_, size_}; }
    // The bytes at [at, at + len), to overwrite in place.
    std::byte* data_at(size_t at) { return buf_ + at; }
    size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    uint32_t first_seq() const noexcept { return first_; }
    uint32_t last_seq() const noexcept { return next_ - 1; }
    void start_at(uint32_t seq) { first_ = next_ = seq; }

private:
    std::byte* buf_ = nullptr;
    size_t size_ = 0;
    size_t cap_ = 0;
    uint32_t first_ = 1;
    uint32_t next_ = 1;
};

// ---------------------------------------------------------------------------
// The socket

struct Ack {
    uint32_t seq;
    int error;           // 0 for success, else positive errno
    std::string extack;  // kernel message, may be empty
};

class Socket {
public:
    // NETLINK_ROUTE, NETLINK_NETFILTER, ... Close-on-exec, extended ACK on,
    // strict dump checking where the protocol supports it.
    explicit Socket(int protocol);
    ~Socket();
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    Socket(Socket&& o) noexcept;
    Socket& operator=(Socket&&) = delete;

    int fd() const noexcept { return fd_; }
    uint32_t port() const noexcept { return port_; }
    uint32_t next_seq() { return ++seq_; }

    // Sends `m` with NLM_F_ACK and waits for its ACK. Replies that arrive
    // before the ACK (NLM_F_ECHO, a GET without DUMP) go to `on_reply`.
    // Throws Error on refusal.
    void request(Message& m, const std::function<void(const Msg&)>& on_reply = {});

    // Sends a GET without NLM_F_DUMP and returns the single reply's bytes
    // (the kernel answers with one message, or an error which is thrown).
    std::vector<std::byte> query(Message& m);
    // The same without NLM_F_ACK: the reply (or the error) is the whole
    // answer, so one datagram is read instead of two (the reply, then its
    // ACK). For lookups repeated per line of a batch.
    std::vector<std::byte> query_noack(Message& m);

    // Dumps: sends `m` with NLM_F_DUMP and returns every message's bytes up
    // to NLMSG_DONE, concatenated. A dump the kernel marks interrupted
    // (NLM_F_DUMP_INTR on any of its messages: the table changed while it
    // was read) is not tried again, as iproute2's rtnl_dump_filter does not:
    // what it brought is returned, `interrupted` says so, and the handler
    // set with on_dump_interrupted() is called once the dump has ended.
    std::vector<std::byte> dump(Message& m, bool* interrupted = nullptr);
    // The same dump, message by message as the datagrams arrive, without
    // keeping them: `each` sees every message up to NLMSG_DONE (the view
    // lasts for the call only). Returns whether the kernel marked the dump
    // interrupted (after calling the on_dump_interrupted() handler).
    bool dump_each(Message& m, const std::function<void(const Msg&)>& each);
    // What to do at the end of every dump on this socket that the kernel
    // marked interrupted, when it ended without an error (iproute2 prints a
    // warning then and goes on with what it has; libnet prints nothing).
    void on_dump_interrupted(std::function<void()> f) { on_dump_intr_ = std::move(f); }

    // Sends a whole batch in one sendmsg and collects every ACK and error
    // the kernel queued for it. Does not throw on kernel refusals: the caller
    // maps sequence numbers back to its messages.
    std::vector<Ack> send_batch(const Batch& b);

    // Raw send of prepared bytes, for callers that read replies themselves.
    void send(Bytes bytes);
    // Receives one datagram (grown to fit: MSG_PEEK|MSG_TRUNC sizing).
    // Returns an empty vector on EAGAIN when `nonblock` is true.
    std::vector<std::byte> receive(bool nonblock = false);

private:
    // Receives one datagram into rx_ (grown to fit, never cleared); empty on
    // EAGAIN when `nonblock`. The view lasts until the next receive.
    Bytes receive_view(bool nonblock = false);
    int fd_ = -1;
    uint32_t port_ = 0;
    uint32_t seq_;
    int protocol_;
    std::unique_ptr<std::byte[]> rx_;
    size_t rx_cap_ = 0;
    std::function<void()> on_dump_intr_;
    size_t sndbuf_ = 0; // the send buffer asked for by send_batch, 0: the default
};

// Requests sent in batches of at most `batch_bytes` each (one sendmsg per
// batch, no ACK asked), for deleting many objects at once as iproute2's
// flush does: a batch stays under the socket's send buffer, and the kernel
// queues one error per refused request.
class BoundedBatch {
public:
    explicit BoundedBatch(Socket& s, size_t batch_bytes = 32768);
    // Sends the pending batch first when `m` would not fit in it.
    void add(Message& m);
    // Sends what is pending; returns every refusal of every batch.
    std::vector<Ack> finish();

private:
    void send();
    Socket& sock_;
    size_t limit_;
    Batch batch_;
    std::vector<Ack> refused_;
};

// Decodes an NLMSG_ERROR payload into an Ack (the errno and any extended-ACK
// message). Throws Malformed when too short.
Ack parse_error(const Msg& m);

} // namespace nsbox::net
