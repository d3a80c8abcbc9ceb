#pragma once
#include <string>
#include <vector>

#include "assess/assess_content.hpp"
#include "scan/check.hpp"

namespace weerbaar::assess {

// Every problem in content/assess/, one line each: a text without nl or en, an answer without a
// score that is not the explicit don't-know, a question without exactly one don't-know answer,
// an ask_if on a later or unknown question or answer, a triggered action that does not exist,
// an action without a how-to page that exists, a scan finding mapped that no check of the
// catalogue reports. Empty when all is well.
std::vector<std::string> validate_assess_content(const AssessContent& c, const scan::Catalogue& catalogue);

}  // namespace weerbaar::assess
