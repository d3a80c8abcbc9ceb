#include "scan/web/cookies.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::web {
namespace {

TEST(ParseSetCookie, Attributes) {
  auto c = parse_set_cookie("session=abc; Path=/; Secure; HttpOnly; SameSite=Lax");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "session");
  EXPECT_TRUE(c->secure);
  EXPECT_TRUE(c->http_only);
  EXPECT_EQ(c->same_site, SameSite::lax);

  c = parse_set_cookie("id=1");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->secure);
  EXPECT_FALSE(c->http_only);
  EXPECT_EQ(c->same_site, SameSite::unset);
}

TEST(ParseSetCookie, CaseSpacingAndValues) {
  auto c = parse_set_cookie(" sid = x=y ;secure;HTTPONLY ; samesite = STRICT ");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "sid");
  EXPECT_TRUE(c->secure);
  EXPECT_TRUE(c->http_only);
  EXPECT_EQ(c->same_site, SameSite::strict);
  EXPECT_EQ(parse_set_cookie("a=b; SameSite=None; Secure")->same_site, SameSite::none);
  EXPECT_EQ(parse_set_cookie("a=b; SameSite=Sometimes")->same_site, SameSite::invalid);
  EXPECT_EQ(parse_set_cookie("a=b; SameSite")->same_site, SameSite::invalid);
  // The value may look like an attribute; it is still the value.
  EXPECT_FALSE(parse_set_cookie("a=Secure")->secure);
}

TEST(ParseSetCookie, LifetimeForDeletions) {
  EXPECT_EQ(parse_set_cookie("a=; Max-Age=0")->max_age, 0);
  EXPECT_EQ(parse_set_cookie("a=; Max-Age=-5")->max_age, -5);
  EXPECT_FALSE(parse_set_cookie("a=; Max-Age=soon")->max_age);
  EXPECT_EQ(parse_set_cookie("a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT")->expires_year, 1970);
  EXPECT_FALSE(parse_set_cookie("a=; Expires=tomorrow")->expires_year);
}

TEST(ParseSetCookie, IgnoredLikeBrowsers) {
  EXPECT_FALSE(parse_set_cookie(""));
  EXPECT_FALSE(parse_set_cookie("noequals; Secure"));
  EXPECT_FALSE(parse_set_cookie("=; Secure"));
  EXPECT_TRUE(parse_set_cookie("=value"));  // nameless cookie, RFC 6265bis
}

TEST(ParseSetCookie, HostileInput) {
  std::string many = "a=b";
  for (int i = 0; i < 20000; ++i) many += ";x";
  EXPECT_TRUE(parse_set_cookie(many + "; HttpOnly")->http_only);
  EXPECT_TRUE(parse_set_cookie("a=b; Max-Age=" + std::string(1000, '9'))->max_age.value() > 0);
}

}  // namespace
}  // namespace weerbaar::scan::web
