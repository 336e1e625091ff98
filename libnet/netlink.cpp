#include "libnet/netlink.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>
#include <cerrno>
#include <ctime>
#include <memory>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

namespace nsbox::net {

namespace {

constexpr size_t attr_align(size_t n) { return (n + NLA_ALIGNTO - 1) & ~size_t(NLA_ALIGNTO - 1); }

template <Plain T>
T load(Bytes b, size_t off = 0)
{
    T v;
    std::memcpy(&v, b.data() + off, sizeof v);
    return v;
}

[[noreturn]] void throw_errno(const char* what) { throw Error(errno, {}, what); }

} // namespace

Error::Error(int code, std::string extack, std::string context)
    : std::runtime_error(std::strerror(code)), code_(code), extack_(std::move(extack)),
      context_(std::move(context))
{
}

// ---------------------------------------------------------------------------
// Parsing

std::string_view Attr::str() const
{
    std::string_view s(reinterpret_cast<const char*>(payload_.data()), payload_.size());
    return s.substr(0, s.find('\0'));
}

Attrs Attr::nested() const { return Attrs(payload_); }

void Attrs::iterator::load()
{
    if (rest_.empty())
        return;
    if (rest_.size() < sizeof(nlattr))
        throw Malformed("netlink attribute header truncated");
    auto hdr = nsbox::net::load<nlattr>(rest_);
    if (hdr.nla_len < sizeof(nlattr) || hdr.nla_len > rest_.size())
        throw Malformed("netlink attribute length runs past its container");
    type_ = hdr.nla_type & NLA_TYPE_MASK;
    payload_ = rest_.subspan(sizeof(nlattr), hdr.nla_len - sizeof(nlattr));
    step_ = attr_align(hdr.nla_len);
}

AttrTable::AttrTable(Attrs attrs, uint16_t max) : limit_(uint32_t(max) + 1)
{
    if (limit_ > inline_types) {
        spill_.assign(limit_, Attr(0, Bytes{}));
        for (Attr a : attrs) {
            // Presence is a non-null payload pointer (a zero-length
            // attribute's points just past its header).
            if (a.type() <= max && a.payload().data())
                spill_[a.type()] = a;
        }
        return;
    }
    for_each_attr(attrs.bytes(), [&](uint16_t t, const Attr& a) {
        if (t <= max) {
            ::new (storage_ + t * sizeof(Attr)) Attr(a);
            present_[t / 64] |= uint64_t(1) << (t % 64);
        }
    });
}

namespace {

// Calls f(msg) for each message of a buffer of back-to-back messages; stops
// early when f returns false.
template <class F>
void for_each_message(Bytes buf, F f)
{
    while (!buf.empty()) {
        if (buf.size() < sizeof(nlmsghdr))
            throw Malformed("netlink message header truncated");
        const auto* hdr = reinterpret_cast<const nlmsghdr*>(buf.data());
        uint32_t len = load<nlmsghdr>(buf).nlmsg_len;
        if (len < sizeof(nlmsghdr) || len > buf.size())
            throw Malformed("netlink message length runs past the buffer");
        if (!f(Msg(*hdr, buf.subspan(NLMSG_HDRLEN, len - NLMSG_HDRLEN))))
            return;
        buf = buf.subspan(std::min<size_t>(NLMSG_ALIGN(len), buf.size()));
    }
}

} // namespace

std::vector<Msg> split_messages(Bytes buf)
{
    std::vector<Msg> out;
    for_each_message(buf, [&](const Msg& m) {
        out.push_back(m);
        return true;
    });
    return out;
}

Ack parse_error(const Msg& m)
{
    Bytes p = m.payload();
    if (p.size() < sizeof(nlmsgerr))
        throw Malformed("netlink error message truncated");
    auto err = load<nlmsgerr>(p);
    Ack ack{m.seq(), -err.error, {}};
    if (!(m.flags() & NLM_F_ACK_TLVS))
        return ack;
    // The TLVs follow the echoed request: its header only, unless the kernel
    // says it sent the whole request back (NLM_F_CAPPED absent).
    size_t off = sizeof(nlmsgerr);
    if (!(m.flags() & NLM_F_CAPPED))
        off += err.msg.nlmsg_len > sizeof(nlmsghdr) ? err.msg.nlmsg_len - sizeof(nlmsghdr) : 0;
    off = attr_align(off);
    if (off >= p.size())
        return ack;
    for (Attr a : Attrs(p.subspan(off)))
        if (a.type() == NLMSGERR_ATTR_MSG)
            ack.extack = std::string(a.str());
    return ack;
}

// ---------------------------------------------------------------------------
// Building

Message::Message(uint16_t type, uint16_t flags)
{
    buf_.reserve(256);
    nlmsghdr h{};
    h.nlmsg_len = sizeof h;
    h.nlmsg_type = type;
    h.nlmsg_flags = flags;
    append(&h, sizeof h);
}

nlmsghdr& Message::header() { return *std::launder(reinterpret_cast<nlmsghdr*>(buf_.data())); }

void Message::append(const void* data, size_t len)
{
    const auto* p = static_cast<const std::byte*>(data);
    if (len)
        buf_.insert(buf_.end(), p, p + len);
    pad();
}

void Message::pad()
{
    buf_.resize(attr_align(buf_.size()));
    sync_len();
}

void Message::sync_len() { header().nlmsg_len = static_cast<uint32_t>(buf_.size()); }

std::byte* Message::add_attr(uint16_t type, size_t len)
{
    if (len > 0xffff - sizeof(nlattr))
        throw std::length_error("netlink attribute too large");
    nlattr a{static_cast<uint16_t>(sizeof(nlattr) + len), type};
    size_t at = buf_.size();
    buf_.resize(at + attr_align(sizeof a + len)); // (zeroes: padding, a string's NUL)
    std::memcpy(buf_.data() + at, &a, sizeof a);
    sync_len();
    return buf_.data() + at + sizeof a;
}

void Message::put(uint16_t type, const void* data, size_t len)
{
    std::byte* p = add_attr(type, len);
    if (len)
        std::memcpy(p, data, len);
}

void Message::put(uint16_t type, Bytes payload) { put(type, payload.data(), payload.size()); }

void Message::put_be16(uint16_t type, uint16_t v)
{
    v = static_cast<uint16_t>((v >> 8) | (v << 8));
    put(type, v);
}
void Message::put_be32(uint16_t type, uint32_t v) { put(type, __builtin_bswap32(v)); }
void Message::put_be64(uint16_t type, uint64_t v) { put(type, __builtin_bswap64(v)); }

void Message::put_str(uint16_t type, std::string_view s)
{
    std::byte* p = add_attr(type, s.size() + 1);
    if (!s.empty())
        std::memcpy(p, s.data(), s.size());
}

Message::Nest Message::nest(uint16_t type)
{
    size_t off = buf_.size();
    put(static_cast<uint16_t>(type | NLA_F_NESTED), nullptr, 0);
    return Nest(*this, off);
}

void Message::Nest::end()
{
    if (!msg_)
        return;
    size_t len = msg_->buf_.size() - offset_;
    if (len > 0xffff)
        throw std::length_error("netlink nest too large");
    auto l = static_cast<uint16_t>(len);
    std::memcpy(msg_->buf_.data() + offset_, &l, sizeof l);
    msg_ = nullptr;
}

Batch::Batch(Batch&& o) noexcept
    : buf_(std::exchange(o.buf_, nullptr)), size_(std::exchange(o.size_, 0)), cap_(std::exchange(o.cap_, 0)),
      first_(o.first_), next_(o.next_)
{
}

Batch& Batch::operator=(Batch&& o) noexcept
{
    if (this != &o) {
        std::free(buf_);
        buf_ = std::exchange(o.buf_, nullptr);
        size_ = std::exchange(o.size_, 0);
        cap_ = std::exchange(o.cap_, 0);
        first_ = o.first_;
        next_ = o.next_;
    }
    return *this;
}

Batch::~Batch() { std::free(buf_); }

void Batch::reserve(size_t n)
{
    if (n <= cap_)
        return;
    auto* p = static_cast<std::byte*>(std::realloc(buf_, n));
    if (!p)
        throw std::bad_alloc();
    buf_ = p;
    cap_ = n;
}

uint32_t Batch::add(Message& m)
{
    uint32_t seq = next_++;
    m.set_seq(seq);
    Bytes b = m.bytes();
    if (size_ + b.size() > cap_)
        reserve(std::max({size_ + b.size(), 2 * cap_, size_t{4096}}));
    std::memcpy(buf_ + size_, b.data(), b.size());
    size_ += b.size();
    return seq;
}

// ---------------------------------------------------------------------------
// The socket

Socket::Socket(int protocol) : seq_(static_cast<uint32_t>(time(nullptr))), protocol_(protocol)
{
    fd_ = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
    if (fd_ < 0)
        throw_errno("socket");
    int one = 1;
    // Extended ACK: best effort (older kernels lack it; errors still arrive).
    setsockopt(fd_, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
    if (protocol == NETLINK_ROUTE)
        setsockopt(fd_, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one);
    int rcvbuf = 1 << 20;
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
        int e = errno;
        ::close(fd_);
        throw Error(e, {}, "bind");
    }
    socklen_t len = sizeof addr;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) < 0) {
        int e = errno;
        ::close(fd_);
        throw Error(e, {}, "getsockname");
    }
    port_ = addr.nl_pid;
}

Socket::Socket(Socket&& o) noexcept
    : fd_(o.fd_), port_(o.port_), seq_(o.seq_), protocol_(o.protocol_), rx_(std::move(o.rx_)),
      rx_cap_(o.rx_cap_), on_dump_intr_(std::move(o.on_dump_intr_)), sndbuf_(o.sndbuf_)
{
    o.fd_ = -1;
    o.rx_cap_ = 0;
}

Socket::~Socket()
{
    if (fd_ >= 0)
        ::close(fd_);
}

void Socket::send(Bytes bytes)
{
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    for (;;) {
        ssize_t n = ::sendto(fd_, bytes.data(), bytes.size(), 0,
                             reinterpret_cast<sockaddr*>(&kernel), sizeof kernel);
        if (n >= 0)
            return;
        if (errno != EINTR)
            throw_errno("sendmsg");
    }
}

std::vector<std::byte> Socket::receive(bool nonblock)
{
    int flags = nonblock ? MSG_DONTWAIT : 0;
    for (;;) {
        ssize_t need = ::recv(fd_, nullptr, 0, MSG_PEEK | MSG_TRUNC | flags);
        if (need < 0) {
            if (errno == EINTR)
                continue;
            if (nonblock && (errno == EAGAIN || errno == EWOULDBLOCK))
                return {};
            throw_errno("recvmsg");
        }
        // At least 32 KiB: the kernel sizes its dump datagrams by the
        // largest buffer a reader has offered (nlk->max_recvmsg_len), so
        // reading exactly the peeked size would keep every later datagram
        // to a message or two (1000 datagrams for a 2000-link dump).
        constexpr ssize_t min_buffer = 32768;
        std::vector<std::byte> buf(static_cast<size_t>(std::max(need, min_buffer)));
        ssize_t n = ::recv(fd_, buf.data(), buf.size(), flags);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw_errno("recvmsg");
        }
        buf.resize(static_cast<size_t>(n));
        return buf;
    }
}

Bytes Socket::receive_view(bool nonblock)
{
    int flags = nonblock ? MSG_DONTWAIT : 0;
    for (;;) {
        ssize_t need = ::recv(fd_, nullptr, 0, MSG_PEEK | MSG_TRUNC | flags);
        if (need < 0) {
            if (errno == EINTR)
                continue;
            if (nonblock && (errno == EAGAIN || errno == EWOULDBLOCK))
                return {};
            throw_errno("recvmsg");
        }
        // At least 32 KiB, for the reason receive() gives. The buffer is
        // kept from one datagram to the next and never cleared: the kernel
        // writes every byte that is read back.
        size_t want = std::max(static_cast<size_t>(need), size_t(32768));
        if (want > rx_cap_) {
            rx_ = std::make_unique_for_overwrite<std::byte[]>(want);
            rx_cap_ = want;
        }
        ssize_t n = ::recv(fd_, rx_.get(), rx_cap_, flags);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw_errno("recvmsg");
        }
        return {rx_.get(), static_cast<size_t>(n)};
    }
}

void Socket::request(Message& m, const std::function<void(const Msg&)>& on_reply)
{
    m.header().nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    uint32_t seq = next_seq();
    m.set_seq(seq);
    send(m.bytes());
    bool done = false;
    std::optional<Error> refused;
    while (!done) {
        for_each_message(receive_view(), [&](const Msg& r) {
            if (r.seq() != seq || r.header().nlmsg_pid != port_)
                return true; // a stale reply or another socket's, not ours
            if (r.type() == NLMSG_ERROR) {
                Ack a = parse_error(r);
                if (a.error)
                    refused.emplace(a.error, std::move(a.extack));
                done = true;
                return false;
            }
            if (on_reply)
                on_reply(r);
            return true;
        });
    }
    if (refused)
        throw std::move(*refused);
}

std::vector<std::byte> Socket::query(Message& m)
{
    std::vector<std::byte> out;
    request(m, [&](const Msg& r) {
        const auto* p = reinterpret_cast<const std::byte*>(&r.header());
        out.insert(out.end(), p, p + NLMSG_ALIGN(r.header().nlmsg_len));
    });
    return out;
}

std::vector<std::byte> Socket::query_noack(Message& m)
{
    m.header().nlmsg_flags |= NLM_F_REQUEST;
    m.header().nlmsg_flags &= static_cast<uint16_t>(~NLM_F_ACK);
    uint32_t seq = next_seq();
    m.set_seq(seq);
    send(m.bytes());
    std::vector<std::byte> out;
    std::optional<Error> refused;
    bool done = false;
    while (!done) {
        for_each_message(receive_view(), [&](const Msg& r) {
            if (r.seq() != seq || r.header().nlmsg_pid != port_)
                return true; // a stale reply or another socket's, not ours
            done = true;
            if (r.type() == NLMSG_ERROR) {
                Ack a = parse_error(r);
                if (a.error)
                    refused.emplace(a.error, std::move(a.extack));
                return false;
            }
            const auto* p = reinterpret_cast<const std::byte*>(&r.header());
            out.insert(out.end(), p, p + NLMSG_ALIGN(r.header().nlmsg_len));
            return false;
        });
    }
    if (refused)
        throw std::move(*refused);
    return out;
}

std::vector<std::byte> Socket::dump(Message& m, bool* interrupted)
{
    std::vector<std::byte> out;
    bool intr = dump_each(m, [&](const Msg& r) {
        const auto* p = reinterpret_cast<const std::byte*>(&r.header());
        out.insert(out.end(), p, p + NLMSG_ALIGN(r.header().nlmsg_len));
    });
    if (interrupted)
        *interrupted = intr;
    return out;
}

bool DumpReader::feed(Bytes datagram, const std::function<void(const Msg&)>& each)
{
    for_each_message(datagram, [&](const Msg& r) {
        if (r.seq() != seq_ || r.header().nlmsg_pid != port_)
            return true; // a stale reply or another socket's, not ours
        // The kernel checks its sequence counter as it writes each message,
        // so the flag may be on any of them, NLMSG_DONE included.
        if (r.flags() & NLM_F_DUMP_INTR)
            interrupted_ = true;
        if (r.type() == NLMSG_DONE) {
            // A dump that fails part way ends with NLMSG_DONE carrying a
            // negative errno (and maybe extended-ACK attributes).
            if (r.payload().size() >= sizeof(int)) {
                int err;
                std::memcpy(&err, r.payload().data(), sizeof err);
                if (err < 0) {
                    std::string extack;
                    if (r.flags() & NLM_F_ACK_TLVS)
                        for (Attr a : Attrs(r.payload().subspan(attr_align(sizeof(int)))))
                            if (a.type() == NLMSGERR_ATTR_MSG)
                                extack = std::string(a.str());
                    throw Error(-err, std::move(extack));
                }
            }
            done_ = true;
            return false;
        }
        if (r.type() == NLMSG_ERROR) {
            Ack a = parse_error(r);
            throw Error(a.error ? a.error : EPROTO, std::move(a.extack));
        }
        each(r);
        return true;
    });
    return done_;
}

bool Socket::dump_each(Message& m, const std::function<void(const Msg&)>& each)
{
    m.header().nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
    uint32_t seq = next_seq();
    m.set_seq(seq);
    send(m.bytes());
    DumpReader d(seq, port_);
    while (!d.feed(receive_view(), each)) {
    }
    if (d.interrupted() && on_dump_intr_)
        on_dump_intr_();
    return d.interrupted();
}

std::vector<Ack> Socket::send_batch(const Batch& b)
{
    std::vector<Ack> acks;
    // The kernel refuses (EMSGSIZE) a datagram larger than the socket's send
    // buffer: raise it to the batch's size first, as iptables-nft does
    // (SO_SNDBUFFORCE, which CAP_NET_ADMIN allows past wmem_max; without it,
    // SO_SNDBUF up to that limit).
    if (b.bytes().size() > sndbuf_) {
        int want = static_cast<int>(std::min<size_t>(b.bytes().size(), INT_MAX / 2));
        if (setsockopt(fd_, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof want) == 0 ||
            setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &want, sizeof want) == 0)
            sndbuf_ = static_cast<size_t>(want);
    }
    send(b.bytes());
    // The kernel processes a batch inside sendmsg, so every reply is queued
    // by the time it returns: read until the socket is empty.
    for (;;) {
        Bytes buf = receive_view(true);
        if (buf.empty())
            break;
        for_each_message(buf, [&](const Msg& r) {
            if (r.seq() >= b.first_seq() && r.seq() <= b.last_seq() && r.type() == NLMSG_ERROR)
                acks.push_back(parse_error(r));
            return true;
        });
    }
    return acks;
}

BoundedBatch::BoundedBatch(Socket& s, size_t batch_bytes) : sock_(s), limit_(batch_bytes)
{
    batch_.start_at(sock_.next_seq());
}

void BoundedBatch::add(Message& m)
{
    if (!batch_.empty() && batch_.bytes().size() + m.size() > limit_)
        send();
    batch_.add(m);
}

std::vector<Ack> BoundedBatch::finish()
{
    send();
    return std::move(refused_);
}

void BoundedBatch::send()
{
    if (batch_.empty())
        return;
    for (Ack& a : sock_.send_batch(batch_))
        if (a.error)
            refused_.push_back(std::move(a));
    uint32_t next = batch_.last_seq() + 1;
    batch_ = Batch();
    batch_.start_at(next);
}

} // namespace nsbox::net
