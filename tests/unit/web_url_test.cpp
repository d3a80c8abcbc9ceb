#include "scan/web/url.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::web {
namespace {

TEST(ParseUrl, AbsoluteHttpAndHttps) {
  auto u = parse_url("HTTPS://WWW.Example.NL./shop?x=1#top");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->https);
  EXPECT_EQ(u->host, "www.example.nl");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->target, "/shop?x=1");
  EXPECT_EQ(u->str(), "https://www.example.nl/shop?x=1");

  u = parse_url("http://user:pw@example.nl:8080");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "example.nl");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->target, "/");
  EXPECT_EQ(u->authority(), "example.nl:8080");

  u = parse_url("http://[::1]:8080/a");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->str(), "http://[::1]:8080/a");
  EXPECT_EQ(parse_url("http://example.nl?q")->target, "/?q");
}

TEST(ParseUrl, Rejects) {
  for (const char* s : {"", "ftp://example.nl/", "javascript:alert(1)", "http:/example.nl", "http://", "http://:80/",
                        "http://example.nl:0/", "http://example.nl:99999/", "http://exa mple.nl/",
                        "http://example.nl/\r\nX-Injected: 1", "http://[::1/", "http://ex<ample.nl/"}) {
    EXPECT_FALSE(parse_url(s)) << s;
  }
}

TEST(ResolveReference, RelativeForms) {
  Url base = *parse_url("https://example.nl/shop/cart?step=2");
  EXPECT_EQ(resolve_reference(base, "/login")->str(), "https://example.nl/login");
  EXPECT_EQ(resolve_reference(base, "pay")->str(), "https://example.nl/shop/pay");
  EXPECT_EQ(resolve_reference(base, "?step=3")->str(), "https://example.nl/shop/cart?step=3");
  EXPECT_EQ(resolve_reference(base, "//cdn.example/x.js")->str(), "https://cdn.example/x.js");
  EXPECT_EQ(resolve_reference(base, "http://other.example/")->str(), "http://other.example/");
  EXPECT_EQ(resolve_reference(base, "")->str(), base.str());
  EXPECT_FALSE(resolve_reference(base, "data:text/javascript,1"));
  EXPECT_FALSE(resolve_reference(base, "mailto:a@b.nl"));
  EXPECT_FALSE(resolve_reference(base, "/x\ny"));
  EXPECT_FALSE(resolve_reference(base, "a:b/c"));
}

TEST(ResolveReference, DotSegmentsAndEdgeForms) {
  // RFC 3986 section 5.4's examples, on an http(s) base.
  Url base = *parse_url("http://a.example/b/c/d;p?q");
  const std::pair<const char*, const char*> cases[] = {
      {"g", "http://a.example/b/c/g"},
      {"./g", "http://a.example/b/c/g"},
      {"g/", "http://a.example/b/c/g/"},
      {"/g", "http://a.example/g"},
      {"?y", "http://a.example/b/c/d;p?y"},
      {"g?y", "http://a.example/b/c/g?y"},
      {"#s", "http://a.example/b/c/d;p?q"},
      {";x", "http://a.example/b/c/;x"},
      {".", "http://a.example/b/c/"},
      {"./", "http://a.example/b/c/"},
      {"..", "http://a.example/b/"},
      {"../g", "http://a.example/b/g"},
      {"../..", "http://a.example/"},
      {"../../g", "http://a.example/g"},
      {"../../../g", "http://a.example/g"},
      {"/./g", "http://a.example/g"},
      {"/../g", "http://a.example/g"},
      {"g/../h", "http://a.example/b/c/h"},
      {"./g/.", "http://a.example/b/c/g/"},
      {"g;x=1/../y", "http://a.example/b/c/y"},
      {"//other.example:8443/x", "http://other.example:8443/x"},
      {"HTTPS://Other.Example./", "https://other.example/"},
  };
  for (const auto& [ref, want] : cases) {
    auto got = resolve_reference(base, ref);
    ASSERT_TRUE(got) << ref;
    EXPECT_EQ(got->str(), want) << ref;
  }
  // Other ports and schemes are told apart (the client decides whether to follow).
  EXPECT_EQ(resolve_reference(base, "https://a.example:8443/")->port, 8443);
  EXPECT_FALSE(resolve_reference(base, "ftp://a.example/"));
  EXPECT_FALSE(resolve_reference(base, "http://a.example:70000/"));
  EXPECT_FALSE(resolve_reference(base, "http://%61.example/"));
}

TEST(SameHost, CaseAndTrailingDot) {
  EXPECT_TRUE(same_host("Example.NL.", "example.nl"));
  EXPECT_FALSE(same_host("www.example.nl", "example.nl"));
}

// Found by tests/fuzz/url_fuzz: "https://Exa../x/" was taken as host "exa.", whose str() read
// back as host "exa": what we print must parse back to the same URL.
TEST(ParseUrl, EmptyLabelsAreNoHostAndPrintedUrlsReadBack) {
  for (const char* bad : {"https://exa../x/", "https://a..b.nl/", "https://.a.nl/", "http://../"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
  for (const char* good : {"https://Example.NL:8443/a/b?c=d#frag", "http://[::1]:8080/", "https://example.nl./x"}) {
    auto u = parse_url(good);
    ASSERT_TRUE(u) << good;
    auto again = parse_url(u->str());
    ASSERT_TRUE(again) << u->str();
    EXPECT_EQ(again->str(), u->str());
  }
}

// Found by tests/fuzz/url_fuzz (session 5): Boost.URL 1.81 read "https://a@b@c" as host "b" with
// the path "@c"; printed, that is a URL of host "c". A path after the authority must start
// with '/', so such a URL is refused, and a Location header cannot name one host and lead to
// another.
TEST(ParseUrl, APathNotStartingWithASlashAfterTheHostIsRefused) {
  for (const char* bad :
       {"https://a@b@c", "https://ushttpes@examhttpes@exampl=pl=e.nlple.nl6s", "http://user@good.nl@evil.nl/x"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
  auto u = parse_url("https://user@good.nl/x");  // userinfo is allowed, and dropped
  ASSERT_TRUE(u);
  EXPECT_EQ(u->str(), "https://good.nl/x");
  const Url base{.https = true, .host = "example.nl", .port = 443, .target = "/"};
  EXPECT_FALSE(resolve_reference(base, "//a@b@c/"));
}

}  // namespace
}  // namespace weerbaar::scan::web
