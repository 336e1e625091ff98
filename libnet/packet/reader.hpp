// A bounded reader over captured bytes. Every read checks the captured length
// first; a read past it throws Truncated, which a printer catches once per
// packet to print its ` [|proto]` marker.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>

namespace nsbox::net::packet {

using Bytes = std::span<const std::byte>;

class Truncated : public std::exception {
public:
    const char* what() const noexcept override { return "captured data ends here"; }
};

class Reader {
public:
    Reader() = default;
    explicit Reader(Bytes data) : data_(data) {}

    size_t remaining() const noexcept { return data_.size() - pos_; }
    size_t offset() const noexcept { return pos_; }
    bool empty() const noexcept { return remaining() == 0; }
    // True when n more bytes are captured.
    bool has(size_t n) const noexcept { return remaining() >= n; }
    Bytes rest() const noexcept { return data_.subspan(pos_); }
    Bytes whole() const noexcept { return data_; }

    uint8_t u8() { return static_cast<uint8_t>(take(1)[0]); }
    uint16_t be16()
    {
        auto b = take(2);
        return static_cast<uint16_t>(uint16_t(b[0]) << 8 | uint16_t(b[1]));
    }
    uint32_t be24()
    {
        auto b = take(3);
        return uint32_t(b[0]) << 16 | uint32_t(b[1]) << 8 | uint32_t(b[2]);
    }
    uint32_t be32()
    {
        auto b = take(4);
        return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | uint32_t(b[3]);
    }
    uint64_t be64()
    {
        uint64_t hi = be32();
        return hi << 32 | be32();
    }
    uint16_t le16()
    {
        auto b = take(2);
        return static_cast<uint16_t>(uint16_t(b[1]) << 8 | uint16_t(b[0]));
    }
    uint32_t le32()
    {
        auto b = take(4);
        return uint32_t(b[3]) << 24 | uint32_t(b[2]) << 16 | uint32_t(b[1]) << 8 | uint32_t(b[0]);
    }
    std::array<uint8_t, 4> addr4() { return array<4>(); }
    std::array<uint8_t, 16> addr6() { return array<16>(); }
    std::array<uint8_t, 6> mac() { return array<6>(); }
    void skip(size_t n) { take(n); }
    // The next n bytes, consumed.
    Bytes bytes(size_t n) { return take(n); }
    // A reader over the next n bytes (consumed from this one).
    Reader sub(size_t n) { return Reader(take(n)); }
    // A reader over at most n bytes: what is captured of a header that claims
    // n bytes. Reads past the captured part still throw Truncated.
    Reader sub_upto(size_t n)
    {
        size_t k = n < remaining() ? n : remaining();
        return Reader(take(k));
    }
    // Reads at an absolute offset without moving.
    uint8_t peek_u8(size_t off = 0) const
    {
        if (remaining() <= off)
            throw Truncated();
        return static_cast<uint8_t>(data_[pos_ + off]);
    }
    uint16_t peek_be16(size_t off = 0) const
    {
        if (remaining() < off + 2)
            throw Truncated();
        return static_cast<uint16_t>(uint16_t(data_[pos_ + off]) << 8 | uint16_t(data_[pos_ + off + 1]));
    }
    uint32_t peek_be24(size_t off = 0) const
    {
        if (off > remaining() || remaining() - off < 3)
            throw Truncated();
        return uint32_t(peek_u8(off)) << 16 | peek_be16(off + 1);
    }
    uint32_t peek_be32(size_t off = 0) const
    {
        if (off > remaining() || remaining() - off < 4)
            throw Truncated();
        return uint32_t(peek_be16(off)) << 16 | peek_be16(off + 2);
    }

private:
    Bytes take(size_t n)
    {
        if (remaining() < n)
            throw Truncated();
        Bytes b = data_.subspan(pos_, n);
        pos_ += n;
        return b;
    }
    template <size_t N>
    std::array<uint8_t, N> array()
    {
        auto b = take(N);
        std::array<uint8_t, N> a;
        for (size_t i = 0; i < N; ++i)
            a[i] = static_cast<uint8_t>(b[i]);
        return a;
    }

    Bytes data_{};
    size_t pos_ = 0;
};

} // namespace nsbox::net::packet
