#pragma once
// Escaping for HTML text and quoted attribute values: the one place both the HTML report and
// the platform's pages use.
#include <string>
#include <string_view>

namespace weerbaar {

// Escapes &, <, >, " and ' so the text is safe in element content and in quoted attributes.
std::string html_escape(std::string_view text);

}  // namespace weerbaar
