#pragma once
// The checks judge facts: what a scan does after its probes, and what a replay of saved facts
// (weerbaar judge, the platform re-judging stored facts, tests/data/checks/) does without the
// network. Pure: the same facts give the same results.
#include <set>
#include <vector>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan {

inline const std::set<Family> kAllFamilies{Family::web, Family::tls, Family::dns, Family::mail, Family::exposure};

// Every registered check of the given families, in catalogue order; then the TLS checks once
// more for each mail server with STARTTLS (results with subject = the server's name).
std::vector<CheckResult> judge(const HostFacts& facts, const std::set<Family>& families = kAllFamilies);

}  // namespace weerbaar::scan
