// libnet/packet/reader.hpp: big-endian reads, at the cursor and at offsets,
// and Truncated exactly where the captured bytes end.

#include <gtest/gtest.h>

#include <array>
#include <cstddef>

#include "libnet/packet/reader.hpp"

namespace {

using nsbox::net::packet::Reader;
using nsbox::net::packet::Truncated;

constexpr std::array<std::byte, 5> bytes{std::byte{0x12}, std::byte{0x34}, std::byte{0x56}, std::byte{0x78},
                                         std::byte{0x9a}};

TEST(PacketReader, Be24ReadsThreeBytesAndMoves)
{
    Reader r(bytes);
    EXPECT_EQ(r.be24(), 0x123456u);
    EXPECT_EQ(r.offset(), 3u);
    EXPECT_EQ(r.be16(), 0x789au);
    EXPECT_THROW(r.be24(), Truncated);
}

TEST(PacketReader, Be24CutShortThrowsWithoutMoving)
{
    Reader r(nsbox::net::packet::Bytes(bytes).first(2));
    EXPECT_THROW(r.be24(), Truncated);
    EXPECT_EQ(r.offset(), 0u);
}

TEST(PacketReader, PeekBe24AtEveryOffset)
{
    Reader r(bytes);
    EXPECT_EQ(r.peek_be24(0), 0x123456u);
    EXPECT_EQ(r.peek_be24(2), 0x56789au);
    EXPECT_THROW(r.peek_be24(3), Truncated);
    EXPECT_THROW(r.peek_be24(6), Truncated);
    EXPECT_EQ(r.offset(), 0u);
    r.skip(1);
    EXPECT_EQ(r.peek_be24(1), 0x56789au);
    EXPECT_THROW(r.peek_be24(2), Truncated);
}

} // namespace
