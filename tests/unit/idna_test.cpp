// libnet/idna: Punycode (RFC 3492) both ways, names to ASCII and back, and
// the locale test. Expected A-labels are what Python's punycode codec and
// libidn2 (iputils' ping -N, checked in tests/bats/ping_ni.bats) give.

#include <cstdlib>

#include <gtest/gtest.h>

#include "libnet/idna.hpp"

namespace nsbox::net::idna {
namespace {

TEST(Idna, PunycodeBothWays)
{
    const std::pair<std::u32string, std::string> cases[] = {
        {U"bücher", "bcher-kva"},   {U"münchen", "mnchen-3ya"}, {U"пример", "e1afmkfd"},
        {U"испытание", "80akhbyknj4f"}, {U"中文", "fiq228c"},  {U"ελληνικά", "hxargifdar"},
        {U"straße", "strae-oqa"},   {U"a-ü", "a--yka"},        {U"ü-x", "-x-wka"},
    };
    for (const auto& [u, a] : cases) {
        EXPECT_EQ(punycode_encode(u).value_or("?"), a);
        EXPECT_EQ(punycode_decode(a).value_or(U"?"), u) << a;
    }
    EXPECT_FALSE(punycode_decode("kva!"));   // not a Punycode digit
    EXPECT_FALSE(punycode_decode("bcher-k")); // cut in the middle of a number
    EXPECT_FALSE(punycode_decode("99999999999"));
}

TEST(Idna, NamesToAsciiAndBack)
{
    EXPECT_EQ(to_ascii("Host.EXAMPLE").value_or("?"), "host.example");
    EXPECT_EQ(to_ascii("bücher.example").value_or("?"), "xn--bcher-kva.example");
    EXPECT_EQ(to_ascii("MÜNCHEN.de").value_or("?"), "xn--mnchen-3ya.de");
    EXPECT_EQ(to_ascii("ПРИМЕР.испытание.").value_or("?"), "xn--e1afmkfd.xn--80akhbyknj4f.");
    EXPECT_EQ(to_ascii("ΕΛΛΗΝΙΚΆ").value_or("?"), "xn--hxargifdar");
    EXPECT_EQ(to_ascii("ŁÓDŹ").value_or("?"), to_ascii("łódź").value_or("!"));
    EXPECT_FALSE(to_ascii("b\xfc" "cher"));    // Latin-1, not UTF-8
    EXPECT_FALSE(to_ascii("\xc0\xaf"));        // overlong
    EXPECT_FALSE(to_ascii("\xed\xa0\x80"));    // a surrogate
    EXPECT_EQ(to_unicode("xn--bcher-kva.example"), "bücher.example");
    EXPECT_EQ(to_unicode("XN--mnchen-3ya.de."), "münchen.de.");
    EXPECT_EQ(to_unicode("xn--!!.xn--.plain"), "xn--!!.xn--.plain");
    EXPECT_TRUE(is_ascii("host.example"));
    EXPECT_FALSE(is_ascii("bücher"));
}

TEST(Idna, LocaleFromTheEnvironment)
{
    auto with = [](const char* all, const char* ctype, const char* lang) {
        auto set = [](const char* k, const char* v) { v ? setenv(k, v, 1) : unsetenv(k); };
        set("LC_ALL", all);
        set("LC_CTYPE", ctype);
        set("LANG", lang);
        return utf8_locale();
    };
    EXPECT_FALSE(with(nullptr, nullptr, nullptr));
    EXPECT_FALSE(with("C", nullptr, "en_US.UTF-8"));
    EXPECT_TRUE(with("", nullptr, "en_US.UTF-8"));
    EXPECT_TRUE(with(nullptr, "C.utf8", "C"));
    EXPECT_TRUE(with("de_DE.UTF-8@euro", nullptr, nullptr));
    EXPECT_FALSE(with("POSIX", nullptr, nullptr));
    EXPECT_FALSE(with("en_US.ISO-8859-1", nullptr, nullptr));
    with(nullptr, nullptr, nullptr);
}

} // namespace
} // namespace nsbox::net::idna
