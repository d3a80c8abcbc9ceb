#pragma once
// security.txt (RFC 9116): "Field: value" lines, '#' comments, optionally wrapped in an
// OpenPGP cleartext signature (RFC 4880 section 7), whose armour is not part of the fields.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan::web {

struct SecurityTxtField {
  std::string name;  // lower case
  std::string value;
};

struct SecurityTxt {
  std::vector<SecurityTxtField> fields;
  std::vector<std::string> contacts;
  std::optional<std::chrono::sys_seconds> expires;  // when exactly one valid Expires is present
  std::string expires_text;                         // the (first) Expires value as written
  bool is_signed = false;
  // RFC 9116 rules broken that make the file unusable: no Contact, Expires missing, repeated
  // or not a date. Empty: valid.
  std::vector<std::string> problems;
};

SecurityTxt parse_security_txt(std::string_view body);

// An RFC 3339 date-time ("2025-12-31T23:59:59Z", "2025-12-31T23:59:59.5+01:00"); nullopt if
// it is not one (RFC 9116 requires this format for Expires).
std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view s);

}  // namespace weerbaar::scan::web
