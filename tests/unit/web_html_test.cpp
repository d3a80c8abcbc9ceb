#include <gtest/gtest.h>

#include "scan/web/html_scan.hpp"
#include "scan/web/html_scripts.hpp"

namespace weerbaar::scan::web {
namespace {

TEST(ExternalScripts, QuotesCaseAndAttributeOrder) {
  auto scripts = external_scripts(R"(
    <script src="/a.js"></script>
    <SCRIPT crossorigin=anonymous Integrity='sha384-abc' SRC='https://cdn.example/b.js'></SCRIPT>
    <script defer src=https://cdn.example/c.js async></script>
    <script>inline()</script>
    <script src=""></script>
    <script type="module" src = "  //cdn.example/d.js  " integrity></script>)");
  ASSERT_EQ(scripts.size(), 4u);
  EXPECT_EQ(scripts[0].src, "/a.js");
  EXPECT_FALSE(scripts[0].integrity);
  EXPECT_EQ(scripts[1].src, "https://cdn.example/b.js");
  EXPECT_EQ(scripts[1].integrity, "sha384-abc");
  EXPECT_EQ(scripts[2].src, "https://cdn.example/c.js");
  EXPECT_EQ(scripts[3].src, "//cdn.example/d.js");
  EXPECT_EQ(scripts[3].integrity, "");
}

TEST(ExternalScripts, CommentsAndScriptTextHideTags) {
  auto scripts = external_scripts(R"(
    <!-- <script src="https://old.example/x.js"></script> -->
    <script>document.write('<script src="https://evil.example/y.js"></scr' + 'ipt>');</script>
    <style>/* <script src="https://z.example/z.js"> */</style>
    <script src="https://real.example/r.js"></script>)");
  ASSERT_EQ(scripts.size(), 1u);
  EXPECT_EQ(scripts[0].src, "https://real.example/r.js");
}

TEST(ExternalScripts, EntitiesAndFirstAttributeWins) {
  auto scripts = external_scripts(R"(<script src="https://cdn.example/a.js?x=1&amp;y=2" src="/other.js"></script>)");
  ASSERT_EQ(scripts.size(), 1u);
  EXPECT_EQ(scripts[0].src, "https://cdn.example/a.js?x=1&y=2");
}

TEST(ExternalScripts, BrokenAndHostileMarkup) {
  EXPECT_TRUE(external_scripts("").empty());
  EXPECT_TRUE(external_scripts("<script src=\"https://x.example/a.js").size() <= 1);
  EXPECT_TRUE(external_scripts("<script src=").empty());
  EXPECT_TRUE(external_scripts("<!-- never closed <script src=a.js>").empty());
  EXPECT_TRUE(external_scripts("<script>never closed <script src=a.js>").empty());
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "<script src=/s.js></script>";
  EXPECT_EQ(external_scripts(many).size(), 5000u);  // bounded
  std::string attrs = "<script";
  for (int i = 0; i < 5000; ++i) attrs += " a" + std::to_string(i) + "=1";
  attrs += " src=/late.js>";
  EXPECT_TRUE(external_scripts(attrs).empty());  // beyond the attribute cap: not seen, not a crash
}

TEST(DecodeEntities, CommonReferencesOnly) {
  EXPECT_EQ(decode_entities("&quot;a&quot; &#39;b&#x27; &lt;&gt;&amp;"), "\"a\" 'b' <>&");
  EXPECT_EQ(decode_entities("&unknown; &#0; &#x110000; & &;"), "&unknown; &#0; &#x110000; & &;");
}

TEST(FindTags, NamesAreLowerCased) {
  auto tags = find_tags("<META Name=x><Meta/><br>", {"meta"});
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(*tags[0].attribute("name"), "x");
  EXPECT_EQ(tags[1].name, "meta");
}

}  // namespace
}  // namespace weerbaar::scan::web
