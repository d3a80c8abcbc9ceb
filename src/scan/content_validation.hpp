#pragma once
#include <string>
#include <vector>

#include "core/content.hpp"
#include "scan/check.hpp"

namespace weerbaar::scan {

// Every problem between the check catalogue and its texts, one line each: a check without
// content, a finding a check may report that content does not describe, content for a check
// or finding that does not exist. Empty when all is well.
std::vector<std::string> validate_content(const content::Library& lib, const Catalogue& catalogue);

}  // namespace weerbaar::scan
