#pragma once
// A stored scan (weerbaar.scan/1 JSON, docs/json.md) read back for the pages by the command
// line's one reader (report::read_json): ids, outcomes, subjects, parameters and each finding's
// own severity, from which the pages render the content's texts as the CLI does.
#include <optional>
#include <string_view>

#include "scan/engine.hpp"

namespace weerbaar::web {

// The first scanned domain; nullopt when the text is not such a document or has none.
std::optional<scan::DomainReport> scanned_domain(std::string_view text);

}  // namespace weerbaar::web
