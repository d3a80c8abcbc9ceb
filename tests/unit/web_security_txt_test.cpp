#include "scan/web/security_txt.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::web {
namespace {
using namespace std::chrono;

sys_seconds at(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s};
}

TEST(ParseRfc3339, ZuluOffsetsAndFractions) {
  EXPECT_EQ(parse_rfc3339("2025-12-31T23:59:59Z"), at(2025, 12, 31, 23, 59, 59));
  EXPECT_EQ(parse_rfc3339("2025-12-31t23:59:59z"), at(2025, 12, 31, 23, 59, 59));
  EXPECT_EQ(parse_rfc3339("2026-01-01T01:00:00+01:00"), at(2026, 1, 1, 0, 0, 0));
  EXPECT_EQ(parse_rfc3339("2025-06-01T10:00:00.123-02:30"), at(2025, 6, 1, 12, 30, 0));
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), at(2024, 2, 29));
}

TEST(ParseRfc3339, RejectsWhatIsNotOne) {
  for (const char* s :
       {"", "2025-12-31", "2025-12-31T23:59:59", "2025-12-31 23:59:59Z", "31-12-2025T00:00:00Z", "2025-13-01T00:00:00Z",
        "2025-02-29T00:00:00Z", "2025-12-31T24:00:00Z", "2025-12-31T23:59:59+0100", "2025-12-31T23:59:59Zjunk",
        "2025-12-31T23:59:59.Z", "Tue, 31 Dec 2025 23:59:59 GMT", "2025-1-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(s)) << s;
  }
}

TEST(ParseSecurityTxt, PlainFile) {
  auto f = parse_security_txt(
      "# Our policy\r\nContact: mailto:security@example.nl\r\ncontact: https://example.nl/report\r\n"
      "Expires: 2026-05-31T22:00:00Z\r\nPreferred-Languages: nl, en\r\n");
  EXPECT_TRUE(f.problems.empty());
  EXPECT_EQ(f.contacts, (std::vector<std::string>{"mailto:security@example.nl", "https://example.nl/report"}));
  EXPECT_EQ(f.expires, at(2026, 5, 31, 22));
  EXPECT_FALSE(f.is_signed);
  EXPECT_EQ(f.fields.size(), 4u);
}

TEST(ParseSecurityTxt, SignedFileIgnoresArmour) {
  auto f = parse_security_txt(
      "-----BEGIN PGP SIGNED MESSAGE-----\n"
      "Hash: SHA256\n"
      "\n"
      "Contact: mailto:security@example.nl\n"
      "- Expires: 2026-05-31T22:00:00Z\n"
      "-----BEGIN PGP SIGNATURE-----\n"
      "\n"
      "iQIzBAEBCAAdFiEE: not-a-field-but-looks-like-one\n"
      "Expires: 1999-01-01T00:00:00Z\n"
      "-----END PGP SIGNATURE-----\n");
  EXPECT_TRUE(f.is_signed);
  EXPECT_TRUE(f.problems.empty()) << f.problems.front();
  EXPECT_EQ(f.expires, at(2026, 5, 31, 22));
  EXPECT_EQ(f.fields.size(), 2u);
}

TEST(ParseSecurityTxt, Problems) {
  auto f = parse_security_txt("Expires: 2026-05-31T22:00:00Z\n");
  EXPECT_EQ(f.problems, std::vector<std::string>{"no Contact field"});
  EXPECT_TRUE(f.expires);  // still known, so an expired file without Contact is both

  f = parse_security_txt("Contact: mailto:a@b.nl\n");
  EXPECT_EQ(f.problems, std::vector<std::string>{"no Expires field"});

  f = parse_security_txt("Contact: mailto:a@b.nl\nExpires: 2026-01-01T00:00:00Z\nExpires: 2027-01-01T00:00:00Z\n");
  EXPECT_EQ(f.problems, std::vector<std::string>{"Expires appears more than once"});
  EXPECT_FALSE(f.expires);

  f = parse_security_txt("Contact: mailto:a@b.nl\nExpires: 31 December 2026\n");
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_NE(f.problems[0].find("not an RFC 3339 date"), std::string::npos);

  f = parse_security_txt("Contact:\nExpires: 2026-01-01T00:00:00Z\n");
  EXPECT_EQ(f.problems, std::vector<std::string>{"no Contact field"});
}

TEST(ParseSecurityTxt, HostileInput) {
  EXPECT_EQ(parse_security_txt("").problems.size(), 2u);
  EXPECT_EQ(parse_security_txt("-----BEGIN PGP SIGNED MESSAGE-----").problems.size(), 2u);
  std::string html = "<html><body>" + std::string(100000, 'x') + "</body></html>";
  EXPECT_EQ(parse_security_txt(html).problems.size(), 2u);
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "X-Field: value\n";
  EXPECT_LE(parse_security_txt(many).fields.size(), 10000u);
  EXPECT_EQ(parse_security_txt(std::string("Contact: a\0b\nExpires: x", 23)).problems.size(), 1u);
}

}  // namespace
}  // namespace weerbaar::scan::web
