#pragma once
// The <script src=...> tags of a page, with their Subresource Integrity attribute.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan::web {

struct ScriptTag {
  std::string src;                       // as written (entities decoded), not yet resolved
  std::optional<std::string> integrity;  // present, even if empty, when the attribute is
};

// Scripts with a non-empty src, in document order; inline scripts and commented-out ones are
// not listed.
std::vector<ScriptTag> external_scripts(std::string_view html);

}  // namespace weerbaar::scan::web
