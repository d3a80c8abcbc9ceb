#include "scan/web/csp.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::web {
namespace {

using Sources = std::vector<std::string>;

TEST(ParseCsp, DirectivesAndPolicies) {
  auto policies = parse_csp("default-src 'self'; Script-Src 'self' https://cdn.example ; img-src *, script-src 'none'");
  ASSERT_EQ(policies.size(), 2u);
  ASSERT_EQ(policies[0].directives.size(), 3u);
  const auto* script = policies[0].find("script-src");
  ASSERT_NE(script, nullptr);
  EXPECT_EQ(script->sources, (Sources{"'self'", "https://cdn.example"}));
  EXPECT_EQ(policies[1].find("script-src")->sources, Sources{"'none'"});
}

TEST(ParseCsp, FirstDirectiveWinsAndEmptyPartsVanish) {
  auto policies = parse_csp(";;script-src 'none';; SCRIPT-SRC *; upgrade-insecure-requests ,, ");
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_EQ(policies[0].find("script-src")->sources, Sources{"'none'"});
  ASSERT_NE(policies[0].find("upgrade-insecure-requests"), nullptr);
  EXPECT_TRUE(policies[0].find("upgrade-insecure-requests")->sources.empty());
  EXPECT_TRUE(parse_csp("").empty());
  EXPECT_TRUE(parse_csp(" ; , ;").empty());
}

TEST(ParseCsp, HostileSizeIsBounded) {
  std::string huge;
  for (int i = 0; i < 5000; ++i) huge += "d" + std::to_string(i) + " a b;";
  auto policies = parse_csp(huge);
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_LE(policies[0].directives.size(), 100u);
  std::string sources = "script-src";
  for (int i = 0; i < 5000; ++i) sources += " s" + std::to_string(i);
  EXPECT_LE(parse_csp(sources)[0].directives[0].sources.size(), 1000u);
}

TEST(EffectiveDirective, FallsBackLikeBrowsers) {
  auto p = parse_csp("default-src 'self'; script-src 'none'; frame-ancestors 'none'")[0];
  EXPECT_EQ(effective_directive(p, "script-src-elem")->name, "script-src");
  EXPECT_EQ(effective_directive(p, "script-src-attr")->name, "script-src");
  EXPECT_EQ(effective_directive(p, "img-src")->name, "default-src");
  EXPECT_EQ(effective_directive(p, "base-uri"), nullptr);  // no fallback for navigation/document directives
  EXPECT_EQ(effective_directive(p, "form-action"), nullptr);
  auto bare = parse_csp("frame-ancestors 'none'")[0];
  EXPECT_EQ(effective_directive(bare, "script-src"), nullptr);
}

TEST(SourceHelpers, UnsafeInlineNeutralisedByNonceHashOrStrictDynamic) {
  EXPECT_TRUE(allows_unsafe_inline({"'self'", "'unsafe-inline'"}));
  EXPECT_TRUE(allows_unsafe_inline({"'UNSAFE-INLINE'"}));
  EXPECT_FALSE(allows_unsafe_inline({"'unsafe-inline'", "'nonce-abc'"}));
  EXPECT_FALSE(allows_unsafe_inline({"'unsafe-inline'", "'sha256-abc='"}));
  EXPECT_FALSE(allows_unsafe_inline({"'unsafe-inline'", "'strict-dynamic'"}));
  EXPECT_FALSE(allows_unsafe_inline({"unsafe-inline"}));  // without quotes it is a host name
  EXPECT_TRUE(allows_unsafe_eval({"'self'", "'unsafe-eval'"}));
  EXPECT_FALSE(allows_unsafe_eval({"'wasm-unsafe-eval'"}));
}

TEST(SourceHelpers, BroadSources) {
  EXPECT_EQ(broad_sources({"'self'", "*", "https:", "data:", "blob:", "https://*", "https://*.example.com",
                           "example.com", "'none'"}),
            (Sources{"*", "https:", "data:", "blob:", "https://*"}));
  EXPECT_TRUE(broad_sources({"'nonce-x'", "'strict-dynamic'", "https:"}).empty());
  EXPECT_TRUE(broad_sources({":", "1a:", "http:x"}).empty());
}

TEST(MetaCsp, FindsPoliciesInHtml) {
  const char* html = R"(<html><head>
    <!-- <meta http-equiv="Content-Security-Policy" content="default-src *"> -->
    <META HTTP-EQUIV=content-security-policy CONTENT="default-src &#39;self&#39;; script-src &apos;none&apos;">
    <meta content='img-src https:' http-equiv='Content-Security-Policy' />
    <meta http-equiv="refresh" content="5">
    <script>var s = '<meta http-equiv="Content-Security-Policy" content="script-src *">';</script>
    </head></html>)";
  auto values = meta_csp_values(html);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0], "default-src 'self'; script-src 'none'");
  EXPECT_EQ(values[1], "img-src https:");
}

TEST(MetaCsp, BrokenMarkupEndsSafely) {
  EXPECT_TRUE(meta_csp_values("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src").size() <= 1);
  EXPECT_TRUE(meta_csp_values("<meta").empty());
  EXPECT_TRUE(meta_csp_values("<!--").empty());
  EXPECT_TRUE(meta_csp_values(std::string(100000, '<')).empty());
}

}  // namespace
}  // namespace weerbaar::scan::web
