#pragma once
// Set-Cookie header values (RFC 6265 section 5.2, with SameSite from RFC 6265bis).
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::scan::web {

enum class SameSite { unset, strict, lax, none, invalid };

struct SetCookie {
  std::string name;
  bool secure = false;
  bool http_only = false;
  SameSite same_site = SameSite::unset;
  std::optional<long long> max_age;  // seconds, when a valid Max-Age is given
  std::optional<int> expires_year;   // year of Expires, when it holds a four-digit year
};

// nullopt when a browser would ignore the header (no '=' in the name-value pair, empty name
// and value). Attribute names are case-insensitive; for a repeated attribute the last wins.
std::optional<SetCookie> parse_set_cookie(std::string_view value);

}  // namespace weerbaar::scan::web
