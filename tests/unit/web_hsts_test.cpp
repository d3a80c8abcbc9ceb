#include "scan/web/hsts.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::web {
namespace {

TEST(ParseHsts, NormalHeaders) {
  auto p = parse_hsts("max-age=31536000; includeSubDomains; preload");
  ASSERT_TRUE(p.policy) << p.error;
  EXPECT_EQ(p.policy->max_age, 31536000);
  EXPECT_TRUE(p.policy->include_subdomains);
  EXPECT_TRUE(p.policy->preload);

  p = parse_hsts("max-age=300");
  ASSERT_TRUE(p.policy);
  EXPECT_EQ(p.policy->max_age, 300);
  EXPECT_FALSE(p.policy->include_subdomains);
}

TEST(ParseHsts, CaseQuotesSpacesAndOrder) {
  auto p = parse_hsts("  IncludeSubDomains ;MAX-AGE = \"63072000\" ; ;");
  ASSERT_TRUE(p.policy) << p.error;
  EXPECT_EQ(p.policy->max_age, 63072000);
  EXPECT_TRUE(p.policy->include_subdomains);
  EXPECT_TRUE(parse_hsts("max-age=0").policy);  // valid: it tells the browser to forget
  EXPECT_TRUE(parse_hsts("max-age=10; future-directive=\"x\"").policy);
}

TEST(ParseHsts, InvalidHeadersAreIgnoredByBrowsers) {
  EXPECT_FALSE(parse_hsts("").policy);
  EXPECT_FALSE(parse_hsts("includeSubDomains").policy);
  EXPECT_FALSE(parse_hsts("max-age").policy);
  EXPECT_FALSE(parse_hsts("max-age=").policy);
  EXPECT_FALSE(parse_hsts("max-age=-1").policy);
  EXPECT_FALSE(parse_hsts("max-age=1y").policy);
  EXPECT_FALSE(parse_hsts("max-age=\"100").policy);
  EXPECT_FALSE(parse_hsts("max-age=\"100\"x").policy);
  EXPECT_FALSE(parse_hsts("=5; max-age=5").policy);
  auto dup = parse_hsts("max-age=100; max-age=200");
  EXPECT_FALSE(dup.policy);
  EXPECT_NE(dup.error.find("more than once"), std::string::npos);
  EXPECT_FALSE(parse_hsts("max-age=100; includesubdomains; INCLUDESUBDOMAINS").policy);
}

TEST(ParseHsts, HostileValuesDoNotOverflow) {
  auto p = parse_hsts("max-age=" + std::string(5000, '9'));
  ASSERT_TRUE(p.policy);
  EXPECT_GT(p.policy->max_age, 31536000);
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "x" + std::to_string(i) + ";";
  EXPECT_TRUE(parse_hsts(many + "max-age=1").policy);
  EXPECT_FALSE(parse_hsts(std::string("max-age=1\0;", 11)).policy);
}

}  // namespace
}  // namespace weerbaar::scan::web
