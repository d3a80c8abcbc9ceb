// The one set of rdata decoders every module reads DNS with (scan/dns/wire.hpp).
#include "scan/dns/wire.hpp"

#include <gtest/gtest.h>

#include <string>

namespace weerbaar::scan::dns {
namespace {

std::string bytes(const char* s, std::size_t n) {
  return {s, n};
}

TEST(DnsWire, NamesInPresentationFormKeepingCase) {
  EXPECT_EQ(decode_name(bytes("\x03ns1\x04test\x00", 10)), "ns1.test");
  EXPECT_EQ(decode_name(bytes("\x03NS1\x00", 5)), "NS1");  // callers that compare lower it
  EXPECT_EQ(decode_name(bytes("\x00", 1)), "");            // the root
}

TEST(DnsWire, MalformedNamesAreRefused) {
  EXPECT_FALSE(decode_name(""));
  EXPECT_FALSE(decode_name(bytes("\x03ns1", 4)));                                             // no root label
  EXPECT_FALSE(decode_name(bytes("\x09ns1\x00", 5)));                                         // label runs past the end
  EXPECT_FALSE(decode_name(bytes("\xc0\x0c", 2)));                                            // compression pointer
  EXPECT_FALSE(decode_name(bytes("\x02mx\x00\x01", 5)));                                      // bytes after the name
  EXPECT_FALSE(decode_name(bytes("\x40", 1) + std::string(64, 'a') + std::string(1, '\0')));  // label of 64
}

TEST(DnsWire, NamesLongerThan255OctetsAreRefused) {
  std::string wire;
  for (int i = 0; i < 4; ++i) wire += bytes("\x3f", 1) + std::string(63, 'a');  // 256 octets of labels
  EXPECT_FALSE(decode_name(wire + std::string(1, '\0')));
  std::string fits;
  for (int i = 0; i < 3; ++i) fits += bytes("\x3f", 1) + std::string(63, 'a');
  fits += bytes("\x3d", 1) + std::string(61, 'a');  // 254 octets, plus the root: 255
  EXPECT_TRUE(decode_name(fits + std::string(1, '\0')));
}

TEST(DnsWire, HostileBytesInLabelsAreEscaped) {
  // A dot inside a label must not become a label boundary; control bytes must not reach a report.
  EXPECT_EQ(decode_name(bytes("\x03"
                              "a.b\x00",
                              5)),
            "a\\046b");
  EXPECT_EQ(decode_name(bytes("\x02"
                              "\n\\\x00",
                              4)),
            "\\010\\092");
}

TEST(DnsWire, TxtJoinsCharacterStrings) {
  EXPECT_EQ(decode_txt(bytes("\x06v=spf1\x05 -all", 13)), "v=spf1 -all");
  EXPECT_EQ(decode_txt(""), "");
  EXPECT_FALSE(decode_txt(bytes("\x09short", 6)));
}

TEST(DnsWire, MxIsTheExchangeAfterThePreference) {
  EXPECT_EQ(decode_mx(bytes("\x00\x0a\x02mx\x03org\x00", 10)), "mx.org");
  EXPECT_EQ(decode_mx(bytes("\x00\x00\x00", 3)), "");  // null MX (RFC 7505)
  EXPECT_FALSE(decode_mx(bytes("\x00", 1)));
}

TEST(DnsWire, LowerNameTouchesAsciiLettersOnly) {
  EXPECT_EQ(lower_name("MX.Example.NL"), "mx.example.nl");
  EXPECT_EQ(lower_name("A\\200B"), "a\\200b");
}

TEST(DnsWire, ANameWithOrWithoutItsRootDotIsOneName) {
  EXPECT_EQ(without_root_dot("example.nl."), "example.nl");
  EXPECT_EQ(without_root_dot("example.nl"), "example.nl");
  EXPECT_EQ(without_root_dot("Example.NL."), "Example.NL") << "case is kept";
  EXPECT_EQ(without_root_dot("example.nl.."), "example.nl.") << "one dot only: the rest is the caller's error";
  EXPECT_EQ(without_root_dot("."), "");
  EXPECT_EQ(without_root_dot(""), "");
  EXPECT_EQ(comparable_name("MX.Example.NL."), "mx.example.nl");
  EXPECT_EQ(comparable_name("mx.example.nl"), comparable_name("MX.EXAMPLE.NL."));
}

}  // namespace
}  // namespace weerbaar::scan::dns
