#include "core/finding.hpp"

#include <array>
#include <utility>

namespace weerbaar {
namespace {
constexpr std::array severity_names{"notice", "low", "medium", "high"};
constexpr std::array family_names{"web", "tls", "mail", "dns", "exposure"};
constexpr std::array outcome_names{"pass", "fail", "inconclusive", "not_applicable"};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char*, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i) {
    if (s == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(Severity s) {
  return severity_names.at(static_cast<std::size_t>(s));
}
std::string_view to_string(Family f) {
  return family_names.at(static_cast<std::size_t>(f));
}
std::string_view to_string(Outcome o) {
  return outcome_names.at(static_cast<std::size_t>(o));
}
std::optional<Severity> severity_from_string(std::string_view s) {
  return lookup<Severity>(severity_names, s);
}
std::optional<Family> family_from_string(std::string_view s) {
  return lookup<Family>(family_names, s);
}

Verdict& Verdict::fail(std::string finding_id, Params params) {
  result_.findings.push_back(Finding{std::move(finding_id), std::move(params), std::nullopt});
  return *this;
}
Verdict& Verdict::fail_as(Severity severity, std::string finding_id, Params params) {
  result_.findings.push_back(Finding{std::move(finding_id), std::move(params), severity});
  return *this;
}
Verdict& Verdict::inconclusive(std::string reason) {
  forced_ = Outcome::inconclusive;
  result_.reason = std::move(reason);
  return *this;
}
Verdict& Verdict::not_applicable(std::string reason) {
  forced_ = Outcome::not_applicable;
  result_.reason = std::move(reason);
  return *this;
}
CheckResult Verdict::done() {
  // Findings that were established stand even if another part of the check could not be
  // completed: the result is a fail then, with the reason kept for the record.
  if (!result_.findings.empty()) {
    result_.outcome = Outcome::fail;
  } else {
    result_.outcome = forced_.value_or(Outcome::pass);
  }
  return std::move(result_);
}

}  // namespace weerbaar
