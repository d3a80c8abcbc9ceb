#pragma once
// SPF macros (RFC 7208 §7): the syntax check done when a record is parsed, and the expansion
// done while it is evaluated. Pure functions over untrusted text: no exceptions, no DNS. The one
// macro that needs DNS, %{p}, is computed by the evaluator beforehand and passed in.
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::scan::mail::spf {

// Where a macro-string appears decides which letters it may use: c, r and t only in the text of
// an explanation (§7.1), never in a domain-spec.
enum class MacroUse { domain, explanation };

// The values macros expand to, already in their textual form.
struct MacroValues {
  std::string sender;                      // s: local-part@domain ("postmaster@helo" when MAIL FROM is empty)
  std::string local_part;                  // l
  std::string sender_domain;               // o
  std::string domain;                      // d: the domain whose record is being evaluated
  std::string ip_dotted;                   // i: dotted quad, or 32 dot-separated nibbles for IPv6
  std::string ip_readable;                 // c: dotted quad, or the compressed IPv6 form
  std::string ip_version;                  // v: "in-addr" or "ip6"
  std::string helo;                        // h
  std::string validated_name = "unknown";  // p, computed by the evaluator when needed
  std::string receiver = "unknown";        // r
  std::string timestamp;                   // t
};

// A syntax error in a macro-string as a plain-English reason; nullopt when it is well-formed.
[[nodiscard]] std::optional<std::string> macro_syntax_error(std::string_view text, MacroUse use);

// True when text contains a %{p} (or %{P}) macro, so that the caller knows it must look up
// the validated name first (which costs DNS queries).
[[nodiscard]] bool uses_validated_name(std::string_view text);

struct Expansion {
  std::optional<std::string> text;  // nullopt on a syntax error
  std::string error;
};

// Expands a macro-string (§7.3/§7.4). Uppercase macro letters are URL-escaped.
[[nodiscard]] Expansion expand_macros(std::string_view text, const MacroValues& values, MacroUse use);

// Expands a domain-spec into the name to query: macros expanded, a trailing dot dropped, and
// labels removed from the left until it fits in 253 characters (§7.3).
[[nodiscard]] Expansion expand_domain_spec(std::string_view domain_spec, const MacroValues& values);

// §7.3: removes whole labels from the left until name is at most 253 characters.
[[nodiscard]] std::string truncate_domain(std::string name);

}  // namespace weerbaar::scan::mail::spf
