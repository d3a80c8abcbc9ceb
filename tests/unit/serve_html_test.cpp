// Escaping by construction: text is always escaped, markup only comes from _h literals.
#include "web/html.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace weerbaar::web {
namespace {

TEST(WebHtml, TextIsEscaped) {
  Html h;
  h << "<p>"_h << std::string("<script>alert('x')</script> & \"q\"") << "</p>"_h;
  EXPECT_EQ(h.str(), "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST(WebHtml, PlainStringLiteralsAreTextNotMarkup) {
  Html h;
  h << "<b>";  // without _h a literal is text like any other
  EXPECT_EQ(h.str(), "&lt;b&gt;");
}

TEST(WebHtml, AttributeValuesCannotBreakOut) {
  Html h;
  h << "<a"_h << attr("href"_h, "/x\" onclick=\"evil()") << ">"_h;
  EXPECT_EQ(h.str(), "<a href=\"/x&quot; onclick=&quot;evil()\">");
}

TEST(WebHtml, ComposedHtmlIsNotEscapedTwice) {
  Html inner;
  inner << "<em>"_h
        << "a<b"
        << "</em>"_h;
  Html outer;
  outer << "<p>"_h << inner << "</p>"_h;
  EXPECT_EQ(outer.str(), "<p><em>a&lt;b</em></p>");
}

TEST(WebHtml, MarkupCannotBeMadeFromARuntimeString) {
  // Only the literal operator makes Markup; there is no constructor from a string.
  EXPECT_FALSE((std::is_constructible_v<Markup, std::string>));
  EXPECT_FALSE((std::is_constructible_v<Markup, std::string_view>));
  EXPECT_FALSE((std::is_constructible_v<Markup, const char*>));
}

TEST(WebHtml, NumbersAreWritten) {
  Html h;
  h << 42 << " "_h << std::size_t{7};
  EXPECT_EQ(h.str(), "42 7");
}

}  // namespace
}  // namespace weerbaar::web
