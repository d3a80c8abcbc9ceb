#pragma once
// Scores and traffic lights, derived from check results and the severities in content/.
// The model is documented in docs/scoring.md.
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "core/finding.hpp"

namespace weerbaar::report {

enum class Light { green, blue, orange, red, grey };
std::string_view to_string(Light l);

// The worst severity among a result's findings, if it has any.
std::optional<Severity> worst_severity(const CheckResult& r, const content::Library& lib);
Light light_of(const CheckResult& r, const content::Library& lib);
// The light of one finding of this severity: red high, orange medium or low, blue notice.
Light light_of(Severity s);

// 0..100 per family, over the checks that came to a verdict (pass or fail). Absent when no
// check of that family came to one.
std::map<Family, int> family_scores(const std::vector<CheckResult>& results, const content::Library& lib);

int severity_weight(Severity s);

}  // namespace weerbaar::report
