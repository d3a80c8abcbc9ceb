// web.csp: does the site limit where scripts and other content may come from?
#include <algorithm>
#include <array>

#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/csp.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

std::vector<CspPolicy> enforced_policies(const HttpResponse& response) {
  std::vector<CspPolicy> policies;
  // Report-Only policies are not enforced and do not count.
  for (const auto& value : response.all("content-security-policy")) {
    for (auto& p : parse_csp(value)) policies.push_back(std::move(p));
  }
  for (const auto& value : meta_csp_values(response.body)) {
    for (auto& p : parse_csp(value)) {
      p.from_meta = true;
      policies.push_back(std::move(p));
    }
  }
  return policies;
}

// A browser enforces every policy: something is allowed only if each policy that governs it
// allows it. So a weakness counts only when all governing policies share it.
template <typename Allows>
bool allowed_by_all(const std::vector<CspPolicy>& policies, std::string_view directive, Allows allows) {
  bool governed = false;
  for (const auto& p : policies) {
    const CspDirective* d = effective_directive(p, directive);
    if (d == nullptr) continue;
    governed = true;
    if (!allows(d->sources)) return false;
  }
  return governed;
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void judge_unsafe(const std::vector<CspPolicy>& policies, Verdict& v) {
  std::vector<std::string> keywords;
  if (allowed_by_all(policies, "script-src-elem", allows_unsafe_inline)) keywords.emplace_back("'unsafe-inline'");
  if (allowed_by_all(policies, "script-src", allows_unsafe_eval)) keywords.emplace_back("'unsafe-eval'");
  if (!keywords.empty()) v.fail("WEB_CSP_UNSAFE", {{"keywords", text::join(keywords)}});
}

// Mozilla's Observatory judges script and object sources: either can run code.
void judge_wildcards(const std::vector<CspPolicy>& policies, Verdict& v) {
  std::vector<std::string> broad;
  for (std::string_view directive : {"script-src-elem", "object-src"}) {
    auto is_broad = [](const std::vector<std::string>& s) { return !broad_sources(s).empty(); };
    if (!allowed_by_all(policies, directive, is_broad)) continue;
    for (const auto& p : policies) {
      if (const CspDirective* d = effective_directive(p, directive)) {
        for (const auto& s : broad_sources(d->sources)) add_unique(broad, s);
      }
    }
  }
  if (!broad.empty()) v.fail("WEB_CSP_WILDCARD", {{"sources", text::join(broad)}});
}

// X-Frame-Options does what frame-ancestors does; with a <meta> policy, which cannot carry
// frame-ancestors, it is the only way, so it completes the policy in that respect.
bool framing_denied_by_header(const HttpResponse& response) {
  const std::string* xfo = response.header("x-frame-options");
  if (xfo == nullptr) return false;
  std::string value = text::to_lower(text::trim(*xfo));
  return value == "deny" || value == "sameorigin";
}

void judge_completeness(const std::vector<CspPolicy>& policies, const HttpResponse& response, Verdict& v) {
  std::vector<std::string> missing;
  for (std::string_view name : {"default-src", "frame-ancestors", "base-uri", "form-action"}) {
    if (name == "frame-ancestors" && framing_denied_by_header(response)) continue;
    bool present = std::any_of(policies.begin(), policies.end(), [&](const CspPolicy& p) {
      // Browsers ignore frame-ancestors in a <meta> policy (CSP3 section 6.4.2).
      return p.find(name) != nullptr && !(p.from_meta && name == "frame-ancestors");
    });
    if (!present) missing.emplace_back(name);
  }
  if (!missing.empty()) v.fail("WEB_CSP_INCOMPLETE", {{"missing", text::join(missing)}});
}

CheckResult run(const HostFacts& facts) {
  Verdict v("web.csp");
  const HttpResponse* response = page_response(facts, v);
  if (response == nullptr) return std::move(v).done();
  auto policies = enforced_policies(*response);
  if (policies.empty()) return std::move(v.fail("WEB_CSP_MISSING")).done();
  judge_unsafe(policies, v);
  judge_wildcards(policies, v);
  judge_completeness(policies, *response, v);
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.csp",
     .family = Family::web,
     .findings = {"WEB_CSP_MISSING", "WEB_CSP_UNSAFE", "WEB_CSP_WILDCARD", "WEB_CSP_INCOMPLETE"},
     .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
