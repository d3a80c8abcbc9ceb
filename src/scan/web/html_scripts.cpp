#include "scan/web/html_scripts.hpp"

#include "scan/web/html_scan.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {

std::vector<ScriptTag> external_scripts(std::string_view html) {
  std::vector<ScriptTag> out;
  for (const auto& tag : find_tags(html, {"script"})) {
    const std::string* src = tag.attribute("src");
    if (src == nullptr || text::trim(*src).empty()) continue;
    ScriptTag script{std::string(text::trim(*src)), std::nullopt};
    if (const std::string* integrity = tag.attribute("integrity")) script.integrity = *integrity;
    out.push_back(std::move(script));
  }
  return out;
}

}  // namespace weerbaar::scan::web
