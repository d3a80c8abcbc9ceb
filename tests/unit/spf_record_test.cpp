#include "scan/mail/spf/record.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::mail::spf {
namespace {

TEST(SpfRecord, RecognisesVersionOnly) {
  EXPECT_TRUE(is_spf1("v=spf1"));
  EXPECT_TRUE(is_spf1("V=SpF1 -all"));
  EXPECT_FALSE(is_spf1("v=spf10"));
  EXPECT_FALSE(is_spf1("v=spf1mx"));
  EXPECT_FALSE(is_spf1("spf1 -all"));
  EXPECT_FALSE(is_spf1(""));
}

TEST(SpfRecord, ParsesMechanismsQualifiersAndCidrs) {
  auto p = parse_record(
      "v=spf1 +a -mx:mail.example.com/24//64 ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 "
      "include:_spf.example.net exists:%{i}.bl.example.org ptr -all");
  ASSERT_TRUE(p.record) << p.error;
  const auto& m = p.record->mechanisms;
  ASSERT_EQ(m.size(), 8U);
  EXPECT_EQ(m[0].kind, MechanismKind::a);
  EXPECT_EQ(m[0].qualifier, Qualifier::pass);
  EXPECT_TRUE(m[0].domain_spec.empty());
  EXPECT_EQ(m[1].kind, MechanismKind::mx);
  EXPECT_EQ(m[1].qualifier, Qualifier::fail);
  EXPECT_EQ(m[1].domain_spec, "mail.example.com");
  EXPECT_EQ(m[1].cidr4, 24);
  EXPECT_EQ(m[1].cidr6, 64);
  EXPECT_EQ(m[2].qualifier, Qualifier::softfail);
  EXPECT_EQ(m[2].network.to_string(), "192.0.2.0");
  EXPECT_EQ(m[2].cidr4, 24);
  EXPECT_EQ(m[3].qualifier, Qualifier::neutral);
  EXPECT_EQ(m[3].cidr6, 32);
  EXPECT_EQ(m[4].domain_spec, "_spf.example.net");
  EXPECT_EQ(m[5].kind, MechanismKind::exists);
  EXPECT_EQ(m[6].kind, MechanismKind::ptr);
  EXPECT_EQ(m[7].kind, MechanismKind::all);
  EXPECT_TRUE(m[4].needs_dns());
  EXPECT_FALSE(m[2].needs_dns());
}

TEST(SpfRecord, ParsesModifiers) {
  auto p = parse_record("v=spf1 redirect=_spf.example.com exp=explain.%{d} moo.cow-far_out=man:dog/cat");
  ASSERT_TRUE(p.record) << p.error;
  EXPECT_EQ(p.record->redirect, "_spf.example.com");
  EXPECT_EQ(p.record->exp, "explain.%{d}");
  ASSERT_EQ(p.record->unknown_modifiers.size(), 1U);
  EXPECT_EQ(p.record->unknown_modifiers[0].name, "moo.cow-far_out");
}

TEST(SpfRecord, TrailingAndRepeatedSpacesAreFine) {
  EXPECT_TRUE(parse_record("v=spf1 a  -all ").record);
  EXPECT_TRUE(parse_record("v=spf1").record);
}

TEST(SpfRecord, SyntaxErrorsHaveAReason) {
  for (const char* bad : {"v=spf1 -all moo",
                          "v=spf1 all.",
                          "v=spf1 -all:foo",
                          "v=spf1 -all/8",
                          "v=spf1 a/33",
                          "v=spf1 a//129",
                          "v=spf1 a/24/64",
                          "v=spf1 ip4:1.2.3.4/032",
                          "v=spf1 ip4:1.2.3",
                          "v=spf1 ip4:1.2.3.4:8080",
                          "v=spf1 ip4:1.2.3.4//32",
                          "v=spf1 ip4:01.2.3.4",
                          "v=spf1 ip6:::1.1.1.1/129",
                          "v=spf1 ip6::CAFE::BABE",
                          "v=spf1 ip6",
                          "v=spf1 include",
                          "v=spf1 include:",
                          "v=spf1 exists:mail.example.com/24",
                          "v=spf1 ptr/0",
                          "v=spf1 a:museum",
                          "v=spf1 a:museum.",
                          "v=spf1 a:abc.123",
                          "v=spf1 a:example.-com",
                          "v=spf1 a:foo-bar",
                          "v=spf1 redirect:t2.example.com",
                          "v=spf1 1up=foo",
                          "v=spf1 =all",
                          "v=spf1 exp=",
                          "v=spf1 exp=-all",
                          "v=spf1 redirect=a.example.com redirect=b.example.com",
                          "v=spf1 foo=%abc",
                          "v=spf1 exists:%(ir).sbl.example.com",
                          "v=spf1 exp=%{r}.example.com",
                          "v=spf1 a:%{a}.example.com",
                          "v=spf1 a:%{d0}.example.com",
                          "v=spf1 a:ctrl.example.com\rptr -all",
                          "v=spf1 ip4:192.0.2.5\n include:x.example",
                          "v=spf1 \200a -all"}) {  // \200: the byte 0x80 (a hex escape would take the a)
    std::string text(bad);
    auto p = parse_record(text);
    EXPECT_FALSE(p.record) << text;
    EXPECT_FALSE(p.error.empty()) << text;
  }
  // A NUL byte inside the record (not only as the end of a C string).
  EXPECT_FALSE(parse_record(std::string("v=spf1 a:foo.example.com\0", 25)).record);
}

TEST(SpfRecord, DomainSpecs) {
  EXPECT_FALSE(domain_spec_error("example.com"));
  EXPECT_FALSE(domain_spec_error("example.com."));
  EXPECT_FALSE(domain_spec_error("foo:bar/baz.example.com"));
  EXPECT_FALSE(domain_spec_error("foo.example.xn--zckzah"));
  EXPECT_FALSE(domain_spec_error("_spfh.%{d2}"));
  EXPECT_FALSE(domain_spec_error("%{H}"));
  EXPECT_TRUE(domain_spec_error(""));
  EXPECT_TRUE(domain_spec_error("111.222.33.44"));
  EXPECT_TRUE(domain_spec_error("example.com:8080"));
  EXPECT_TRUE(domain_spec_error("%{d}com"));
}

TEST(SpfRecord, UntrustedInputNeverThrows) {
  // Every prefix of some awkward records: parsing must be total.
  std::string samples[] = {"v=spf1 a:%{ir}.%{v}._spf.%{d2}/24//64 ip6:::ffff:1.2.3.4/128 exp=%{p}.x.y",
                           "v=spf1 %{ %% %- %_ a:/ //1 ///2 ip4:/ ip6:/ exists:%{",
                           "v=spf1 a:%{l9999999999999r.-+,/_=}.x.com"};
  for (const auto& s : samples) {
    for (std::size_t n = 0; n <= s.size(); ++n) EXPECT_NO_THROW((void)parse_record(s.substr(0, n)));
  }
}

}  // namespace
}  // namespace weerbaar::scan::mail::spf
