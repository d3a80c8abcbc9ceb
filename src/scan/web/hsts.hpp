#pragma once
// Strict-Transport-Security header values (RFC 6797 section 6.1).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::scan::web {

struct HstsPolicy {
  std::int64_t max_age = 0;  // seconds; absurdly large values are capped, not wrapped
  bool include_subdomains = false;
  bool preload = false;
};

struct HstsParse {
  std::optional<HstsPolicy> policy;  // nullopt: a browser ignores this header
  std::string error;                 // why, when policy is nullopt
};

// Directives separated by ';', names case-insensitive, values a token or a quoted-string.
// A repeated directive or a missing/non-numeric max-age makes the whole header invalid, as
// RFC 6797 section 6.1 requires; unknown directives are ignored.
HstsParse parse_hsts(std::string_view value);

}  // namespace weerbaar::scan::web
