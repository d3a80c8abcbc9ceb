#include "scan/mail/spf/macro.hpp"

#include <gtest/gtest.h>
#include <strings.h>

namespace weerbaar::scan::mail::spf {
namespace {

// RFC 7208 §7.4: sender strong-bad@email.example.com, client 192.0.2.3 (or 2001:db8::cb01).
MacroValues rfc_values() {
  MacroValues v;
  v.sender = "strong-bad@email.example.com";
  v.local_part = "strong-bad";
  v.sender_domain = "email.example.com";
  v.domain = "email.example.com";
  v.ip_dotted = "192.0.2.3";
  v.ip_readable = "192.0.2.3";
  v.ip_version = "in-addr";
  v.helo = "mx.example.org";
  return v;
}

std::string expand(std::string_view s, const MacroValues& v, MacroUse use = MacroUse::domain) {
  Expansion e = expand_macros(s, v, use);
  EXPECT_TRUE(e.text) << s << ": " << e.error;
  return e.text.value_or("<error>");
}

TEST(SpfMacro, Rfc7208Section74Examples) {
  const MacroValues v = rfc_values();
  EXPECT_EQ(expand("%{s}", v), "strong-bad@email.example.com");
  EXPECT_EQ(expand("%{o}", v), "email.example.com");
  EXPECT_EQ(expand("%{d}", v), "email.example.com");
  EXPECT_EQ(expand("%{d4}", v), "email.example.com");
  EXPECT_EQ(expand("%{d3}", v), "email.example.com");
  EXPECT_EQ(expand("%{d2}", v), "example.com");
  EXPECT_EQ(expand("%{d1}", v), "com");
  EXPECT_EQ(expand("%{dr}", v), "com.example.email");
  EXPECT_EQ(expand("%{d2r}", v), "example.email");
  EXPECT_EQ(expand("%{l}", v), "strong-bad");
  EXPECT_EQ(expand("%{l-}", v), "strong.bad");
  EXPECT_EQ(expand("%{lr}", v), "strong-bad");
  EXPECT_EQ(expand("%{lr-}", v), "bad.strong");
  EXPECT_EQ(expand("%{l1r-}", v), "strong");
  EXPECT_EQ(expand("%{ir}.%{v}._spf.%{d2}", v), "3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(expand("%{lr-}.lp._spf.%{d2}", v), "bad.strong.lp._spf.example.com");
  EXPECT_EQ(expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", v), "bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", v), "3.2.0.192.in-addr.strong.lp._spf.example.com");
  EXPECT_EQ(expand("%{d2}.trusted-domains.example.net", v), "example.com.trusted-domains.example.net");
}

TEST(SpfMacro, Rfc7208Section74Ipv6Example) {
  MacroValues v = rfc_values();
  v.ip_dotted = "2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.C.B.0.1";  // as the evaluator makes it
  v.ip_version = "ip6";
  // The RFC writes the nibbles in lowercase; the evaluator writes them in uppercase, as the
  // conformance suite's expected explanations demand. DNS names ignore case, so compare so.
  std::string got = expand("%{ir}.%{v}._spf.%{d2}", v);
  std::string want = "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com";
  EXPECT_TRUE(strcasecmp(got.c_str(), want.c_str()) == 0) << got;
}

TEST(SpfMacro, EscapesAndUrlEncoding) {
  MacroValues v = rfc_values();
  EXPECT_EQ(expand("macro%%percent%_%_space%-url-space.example.com", v),
            "macro%percent  space%20url-space.example.com");
  v.local_part = "~jack&jill=up-a_b3.c";
  EXPECT_EQ(expand("http://example.com/why.html?l=%{L}", v, MacroUse::explanation),
            "http://example.com/why.html?l=~jack%26jill%3Dup-a_b3.c");
  v.local_part = "foo-bar+zip+quux";
  EXPECT_EQ(expand("%{l2r+-}", v), "bar.foo");
}

TEST(SpfMacro, SyntaxErrorsAndLettersByPlace) {
  EXPECT_TRUE(macro_syntax_error("%(ir).sbl.example.com", MacroUse::domain));
  EXPECT_TRUE(macro_syntax_error("foo%.sbl.example.com", MacroUse::domain));
  EXPECT_TRUE(macro_syntax_error("%", MacroUse::domain));
  EXPECT_TRUE(macro_syntax_error("%{d", MacroUse::domain));
  EXPECT_TRUE(macro_syntax_error("%{d0}", MacroUse::domain));
  EXPECT_TRUE(macro_syntax_error("%{x}", MacroUse::explanation));
  EXPECT_TRUE(macro_syntax_error("%{d2x}", MacroUse::domain));
  // c, r and t only in explanation text (§7.1).
  EXPECT_TRUE(macro_syntax_error("%{c}.example.com", MacroUse::domain));
  EXPECT_FALSE(macro_syntax_error("%{c} %{r} %{t}", MacroUse::explanation));
  // Spaces only in explanation text.
  EXPECT_TRUE(macro_syntax_error("a b", MacroUse::domain));
  EXPECT_FALSE(macro_syntax_error("a b", MacroUse::explanation));
  EXPECT_TRUE(uses_validated_name("%{p}.x.example"));
  EXPECT_TRUE(uses_validated_name("%{P2}.x.example"));
  EXPECT_FALSE(uses_validated_name("%%{p}"));
}

TEST(SpfMacro, DomainTruncationTo253) {
  MacroValues v = rfc_values();
  v.sender_domain = "somewhat.long.exp.example.com";
  Expansion e = expand_domain_spec("foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com.", v);
  ASSERT_TRUE(e.text);
  EXPECT_LE(e.text->size(), 253U);
  EXPECT_EQ(e.text->rfind("somewhat.long.exp.example.com.", 0), 0U) << *e.text;
  EXPECT_EQ(e.text->back(), 'm');  // the trailing dot is dropped for a query
  EXPECT_EQ(truncate_domain(std::string(300, 'a')), "");
}

}  // namespace
}  // namespace weerbaar::scan::mail::spf
