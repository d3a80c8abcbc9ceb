#include "scan/web/csp.hpp"

#include <algorithm>
#include <array>

#include "scan/web/html_scan.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

constexpr std::size_t kMaxDirectives = 100;
constexpr std::size_t kMaxSources = 1000;

bool has_keyword(const std::vector<std::string>& sources, std::string_view keyword) {
  return std::any_of(sources.begin(), sources.end(), [&](const std::string& s) { return text::iequals(s, keyword); });
}

bool is_nonce_or_hash(std::string_view s) {
  return text::istarts_with(s, "'nonce-") || text::istarts_with(s, "'sha256-") || text::istarts_with(s, "'sha384-") ||
         text::istarts_with(s, "'sha512-");
}

// "https:", "data:", "blob:" ...: a scheme and a colon, nothing else.
bool is_bare_scheme(std::string_view s) {
  if (s.size() < 2 || s.back() != ':' || !text::is_alpha(s.front())) return false;
  for (char c : s.substr(0, s.size() - 1)) {
    if (!(text::is_alpha(c) || text::is_digit(c) || c == '+' || c == '-' || c == '.')) return false;
  }
  return true;
}

}  // namespace

const CspDirective* CspPolicy::find(std::string_view name) const {
  for (const auto& d : directives) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::vector<CspPolicy> parse_csp(std::string_view header_value) {
  std::vector<CspPolicy> policies;
  for (std::string_view policy_text : text::split(header_value, ',')) {
    CspPolicy policy;
    for (std::string_view directive_text : text::split(policy_text, ';')) {
      auto tokens = text::split_ws(directive_text);
      if (tokens.empty()) continue;
      std::string name = text::to_lower(tokens.front());
      if (policy.find(name) != nullptr) continue;  // first one wins
      if (policy.directives.size() >= kMaxDirectives) break;
      CspDirective d{std::move(name), {}};
      for (std::size_t i = 1; i < tokens.size() && d.sources.size() < kMaxSources; ++i) {
        d.sources.emplace_back(tokens[i]);
      }
      policy.directives.push_back(std::move(d));
    }
    if (!policy.directives.empty()) policies.push_back(std::move(policy));
  }
  return policies;
}

std::vector<std::string> meta_csp_values(std::string_view html) {
  std::vector<std::string> out;
  for (const auto& tag : find_tags(html, {"meta"})) {
    const std::string* equiv = tag.attribute("http-equiv");
    const std::string* content = tag.attribute("content");
    if (equiv != nullptr && content != nullptr && text::iequals(text::trim(*equiv), "content-security-policy")) {
      out.push_back(*content);
    }
  }
  return out;
}

const CspDirective* effective_directive(const CspPolicy& policy, std::string_view name) {
  if (const auto* d = policy.find(name)) return d;
  if (name == "script-src-elem" || name == "script-src-attr") {
    if (const auto* d = policy.find("script-src")) return d;
  } else if (name == "style-src-elem" || name == "style-src-attr") {
    if (const auto* d = policy.find("style-src")) return d;
  }
  // Only fetch directives fall back to default-src; base-uri, form-action and
  // frame-ancestors deliberately do not.
  static constexpr std::array<std::string_view, 5> no_fallback{"base-uri", "form-action", "frame-ancestors", "sandbox",
                                                               "report-uri"};
  if (std::find(no_fallback.begin(), no_fallback.end(), name) != no_fallback.end()) return nullptr;
  return policy.find("default-src");
}

bool allows_unsafe_inline(const std::vector<std::string>& sources) {
  if (!has_keyword(sources, "'unsafe-inline'")) return false;
  if (has_keyword(sources, "'strict-dynamic'")) return false;
  return std::none_of(sources.begin(), sources.end(), [](const std::string& s) { return is_nonce_or_hash(s); });
}

bool allows_unsafe_eval(const std::vector<std::string>& sources) {
  return has_keyword(sources, "'unsafe-eval'");
}

std::vector<std::string> broad_sources(const std::vector<std::string>& sources) {
  if (has_keyword(sources, "'strict-dynamic'")) return {};
  std::vector<std::string> out;
  for (const auto& s : sources) {
    bool any_host = s == "*" || text::iequals(s, "http://*") || text::iequals(s, "https://*") ||
                    text::iequals(s, "http://*:*") || text::iequals(s, "https://*:*");
    if (any_host || is_bare_scheme(s)) out.push_back(s);
  }
  return out;
}

}  // namespace weerbaar::scan::web
