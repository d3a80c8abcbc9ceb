#include "scan/web/cookies.hpp"

#include <charconv>

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

std::optional<long long> parse_max_age(std::string_view v) {
  // RFC 6265 5.2.2: an optional '-' then digits; anything else and the attribute is ignored.
  bool negative = !v.empty() && v.front() == '-';
  auto digits = negative ? v.substr(1) : v;
  if (digits.empty()) return std::nullopt;
  long long value = 0;
  for (char c : digits) {
    if (!text::is_digit(c)) return std::nullopt;
    if (value < 1'000'000'000'000LL) value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

// The first run of exactly four digits in a cookie date ("Thu, 01 Jan 1970 00:00:00 GMT").
std::optional<int> year_of(std::string_view date) {
  for (std::size_t i = 0; i < date.size();) {
    std::size_t start = i;
    while (i < date.size() && text::is_digit(date[i])) ++i;
    if (i - start == 4) {
      int year = 0;
      std::from_chars(date.data() + start, date.data() + i, year);
      return year;
    }
    if (i == start) ++i;
  }
  return std::nullopt;
}

SameSite same_site_of(std::string_view v) {
  v = text::trim(v);
  if (text::iequals(v, "strict")) return SameSite::strict;
  if (text::iequals(v, "lax")) return SameSite::lax;
  if (text::iequals(v, "none")) return SameSite::none;
  return SameSite::invalid;
}

}  // namespace

std::optional<SetCookie> parse_set_cookie(std::string_view value) {
  auto parts = text::split(value, ';');
  std::string_view pair = parts.front();
  auto eq = pair.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  SetCookie cookie;
  cookie.name = std::string(text::trim(pair.substr(0, eq)));
  if (cookie.name.empty() && text::trim(pair.substr(eq + 1)).empty()) return std::nullopt;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto attr_eq = parts[i].find('=');
    std::string_view name = text::trim(parts[i].substr(0, attr_eq));
    std::string_view arg =
        attr_eq == std::string_view::npos ? std::string_view{} : text::trim(parts[i].substr(attr_eq + 1));
    if (text::iequals(name, "secure")) {
      cookie.secure = true;
    } else if (text::iequals(name, "httponly")) {
      cookie.http_only = true;
    } else if (text::iequals(name, "samesite")) {
      cookie.same_site = same_site_of(arg);
    } else if (text::iequals(name, "max-age")) {
      if (auto v = parse_max_age(arg)) cookie.max_age = v;
    } else if (text::iequals(name, "expires")) {
      if (auto y = year_of(arg)) cookie.expires_year = y;
    }
  }
  return cookie;
}

}  // namespace weerbaar::scan::web
