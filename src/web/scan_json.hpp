#pragma once
// The check results of a stored scan (weerbaar.scan/1 JSON, docs/json.md): the ids, outcomes,
// findings and their parameters, from which the pages render the content's texts.
#include <optional>
#include <string_view>
#include <vector>

#include "core/finding.hpp"

namespace weerbaar::web {

// The first scanned domain's results; nullopt when the text is not such a document.
std::optional<std::vector<CheckResult>> results_from_json(std::string_view text);

}  // namespace weerbaar::web
