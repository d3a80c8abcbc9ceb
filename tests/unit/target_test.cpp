#include "core/target.hpp"

#include <gtest/gtest.h>

namespace weerbaar {
namespace {
using boost::asio::ip::make_address;

TEST(ParseDomain, AcceptsAndLowercases) {
  auto d = parse_domain("  Bakkerij-Jansen.NL ");
  ASSERT_TRUE(d.ok()) << d.error;
  EXPECT_EQ(d.domain, "bakkerij-jansen.nl");
  EXPECT_TRUE(parse_domain("xn--bcher-kva.example").ok());
  EXPECT_TRUE(parse_domain("a.b.c.d.test").ok());
}

TEST(ParseDomain, RejectsWithOneLineReason) {
  struct Case {
    const char* input;
    const char* says;
  };
  for (const Case& c :
       {Case{"https://example.nl/shop", "is a URL; give only the domain name, for example: example.nl"},
        Case{"example.nl/", "is a URL"}, Case{"bäckerei.de", "xn-- form"},
        Case{"example.nl.", "ends with a dot; write it without: example.nl"}, Case{"192.0.2.1", "is an IP address"},
        Case{"::1", "is an IP address"}, Case{"localhost", "is not a domain name"},
        Case{"exa_mple.nl", "may only hold letters"}, Case{"-a.nl", "may only hold letters"},
        Case{"a..nl", "may only hold letters"}, Case{"example.123", "top-level domain"},
        Case{"user@example.nl", "is not a domain name"}, Case{"example.nl:8443", "is not a domain name"},
        Case{"a b.nl", "contains a space"}, Case{"", "empty domain name"}}) {
    auto d = parse_domain(c.input);
    EXPECT_FALSE(d.ok()) << c.input;
    EXPECT_NE(d.error.find(c.says), std::string::npos) << c.input << " -> " << d.error;
    EXPECT_EQ(d.error.find('\n'), std::string::npos);
  }
  EXPECT_FALSE(parse_domain(std::string(300, 'a') + ".nl").ok());
}

TEST(Classify, KnowsTheNonPublicRanges) {
  EXPECT_EQ(classify(make_address("8.8.8.8")), AddressClass::global);
  EXPECT_EQ(classify(make_address("127.60.0.10")), AddressClass::loopback);
  EXPECT_EQ(classify(make_address("10.1.2.3")), AddressClass::private_use);
  EXPECT_EQ(classify(make_address("172.31.255.1")), AddressClass::private_use);
  EXPECT_EQ(classify(make_address("172.32.0.1")), AddressClass::global);
  EXPECT_EQ(classify(make_address("192.168.1.1")), AddressClass::private_use);
  EXPECT_EQ(classify(make_address("169.254.169.254")), AddressClass::link_local);
  EXPECT_EQ(classify(make_address("100.64.0.1")), AddressClass::shared);
  EXPECT_EQ(classify(make_address("0.0.0.0")), AddressClass::reserved);
  EXPECT_EQ(classify(make_address("255.255.255.255")), AddressClass::reserved);
  EXPECT_EQ(classify(make_address("224.0.0.1")), AddressClass::multicast);
  EXPECT_EQ(classify(make_address("::1")), AddressClass::loopback);
  EXPECT_EQ(classify(make_address("fd00::1")), AddressClass::private_use);
  EXPECT_EQ(classify(make_address("fe80::1")), AddressClass::link_local);
  EXPECT_EQ(classify(make_address("2001:db8::1")), AddressClass::documentation);
  EXPECT_EQ(classify(make_address("::ffff:10.0.0.1")), AddressClass::private_use);
  EXPECT_EQ(classify(make_address("2a00:1450::1")), AddressClass::global);
}

TEST(OptOut, CoversSubdomainsAndPrefixes) {
  auto list = OptOutList::parse("# owners who said no\nvoorbeeld.nl\n198.51.100.0/24 # whole net\n2001:db8::1\n",
                                "opt-out.txt");
  EXPECT_TRUE(list.covers_domain("voorbeeld.nl"));
  EXPECT_TRUE(list.covers_domain("www.voorbeeld.nl"));
  EXPECT_FALSE(list.covers_domain("anderevoorbeeld.nl"));
  EXPECT_TRUE(list.covers_address(make_address("198.51.100.77")));
  EXPECT_FALSE(list.covers_address(make_address("198.51.101.1")));
  EXPECT_TRUE(list.covers_address(make_address("2001:db8::1")));
  EXPECT_FALSE(list.covers_address(make_address("2001:db8::2")));
}

TEST(OptOut, BadLineNamesFileAndLine) {
  try {
    (void)OptOutList::parse("ok.nl\nhttps://x.nl/\n", "opt-out.txt");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("opt-out.txt:2: "), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace weerbaar
