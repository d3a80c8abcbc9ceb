#pragma once
// A tolerant scanner for start tags in untrusted HTML: enough to find <script src> and
// <meta http-equiv>, not a parser. It skips comments, end tags, doctype, and the raw text of
// <script> and <style> (so "<meta" inside JavaScript is not a tag), and it never reads past the
// end however the markup is broken.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace weerbaar::scan::web {

struct HtmlTag {
  std::string name;                                             // lower case
  std::vector<std::pair<std::string, std::string>> attributes;  // names lower case, values unescaped

  // First occurrence wins, as in HTML.
  [[nodiscard]] const std::string* attribute(std::string_view name) const;
};

// The start tags with one of the given names (lower case), in document order. Stops collecting
// after max_tags, so a page of a million tags costs bounded memory.
std::vector<HtmlTag> find_tags(std::string_view html, std::initializer_list<std::string_view> names,
                               std::size_t max_tags = 5000);

// Replaces the character references that matter in attribute values (&quot; &#39; &amp; ...).
std::string decode_entities(std::string_view s);

}  // namespace weerbaar::scan::web
