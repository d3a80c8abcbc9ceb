#include "scan/web/hsts.hpp"

#include <set>

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

constexpr std::int64_t kMaxAgeCap = std::int64_t{1} << 40;  // ~35,000 years: "forever" enough

HstsParse invalid(std::string why) {
  return {std::nullopt, std::move(why)};
}

// Removes the quotes of a quoted-string and its backslash escapes; nullopt if unterminated.
std::optional<std::string> unquote(std::string_view v) {
  if (v.empty() || v.front() != '"') return std::string(v);
  std::string out;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      out += v[++i];
    } else if (v[i] == '"') {
      if (i + 1 != v.size()) return std::nullopt;  // text after the closing quote
      return out;
    } else {
      out += v[i];
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> delta_seconds(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : digits) {
    if (!text::is_digit(c)) return std::nullopt;
    value = std::min(kMaxAgeCap, value * 10 + (c - '0'));
  }
  return value;
}

}  // namespace

HstsParse parse_hsts(std::string_view value) {
  HstsPolicy policy;
  bool have_max_age = false;
  std::set<std::string> seen;
  // A quoted value could hold a ';'; HSTS values never legitimately do, so a plain split is
  // enough, and a quote left open by it makes the header invalid below.
  for (std::string_view part : text::split(value, ';')) {
    part = text::trim(part);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string name = text::to_lower(text::trim(part.substr(0, eq)));
    if (name.empty()) return invalid("a directive without a name");
    if (!seen.insert(name).second) return invalid("directive " + name + " appears more than once");
    std::optional<std::string> arg;
    if (eq != std::string_view::npos) {
      arg = unquote(text::trim(part.substr(eq + 1)));
      if (!arg) return invalid("unterminated quoted value in " + name);
    }
    if (name == "max-age") {
      if (!arg) return invalid("max-age without a value");
      auto seconds = delta_seconds(*arg);
      if (!seconds) return invalid("max-age is not a number of seconds");
      policy.max_age = *seconds;
      have_max_age = true;
    } else if (name == "includesubdomains") {
      if (arg) return invalid("includeSubDomains takes no value");
      policy.include_subdomains = true;
    } else if (name == "preload") {
      policy.preload = true;  // not in RFC 6797; the preload list's own directive
    }
  }
  if (!have_max_age) return invalid("max-age is missing");
  return {policy, {}};
}

}  // namespace weerbaar::scan::web
