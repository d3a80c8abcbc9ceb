#include "report/score.hpp"

#include <algorithm>
#include <cmath>

namespace weerbaar::report {

std::string_view to_string(Light l) {
  switch (l) {
    case Light::green: return "green";
    case Light::blue: return "blue";
    case Light::orange: return "orange";
    case Light::red: return "red";
    case Light::grey: return "grey";
  }
  return "grey";
}

int severity_weight(Severity s) {
  switch (s) {
    case Severity::notice: return 0;
    case Severity::low: return 1;
    case Severity::medium: return 3;
    case Severity::high: return 5;
  }
  return 0;
}

std::optional<Severity> worst_severity(const CheckResult& r, const content::Library& lib) {
  std::optional<Severity> worst;
  for (const auto& f : r.findings) {
    Severity s = content::severity_of(f, lib);
    if (!worst || s > *worst) worst = s;
  }
  return worst;
}

Light light_of(const CheckResult& r, const content::Library& lib) {
  switch (r.outcome) {
    case Outcome::pass: return Light::green;
    case Outcome::inconclusive:
    case Outcome::not_applicable: return Light::grey;
    case Outcome::fail: break;
  }
  auto worst = worst_severity(r, lib);
  if (!worst) return Light::grey;
  return light_of(*worst);
}

Light light_of(Severity s) {
  switch (s) {
    case Severity::high: return Light::red;
    case Severity::notice: return Light::blue;
    case Severity::medium:
    case Severity::low: return Light::orange;
  }
  return Light::red;
}

std::map<Family, int> family_scores(const std::vector<CheckResult>& results, const content::Library& lib) {
  // A check weighs as much as the worst thing it can find; a failed check loses the weight of
  // what it did find. So a short HSTS costs less than none at all.
  std::map<Family, std::pair<int, int>> sums;  // earned, possible
  for (const auto& r : results) {
    if (r.outcome != Outcome::pass && r.outcome != Outcome::fail) continue;
    const auto* check = lib.check(r.check);
    if (check == nullptr) continue;
    int possible = 0;
    for (const auto& [id, f] : check->findings) possible = std::max(possible, severity_weight(f.severity));
    if (possible == 0) continue;
    auto worst = worst_severity(r, lib);
    int lost = worst ? std::min(possible, severity_weight(*worst)) : 0;
    auto& [earned, total] = sums[check->family];
    earned += possible - lost;
    total += possible;
  }
  std::map<Family, int> scores;
  for (const auto& [family, s] : sums) {
    if (s.second > 0) scores[family] = static_cast<int>(std::lround(100.0 * s.first / s.second));
  }
  return scores;
}

}  // namespace weerbaar::report
