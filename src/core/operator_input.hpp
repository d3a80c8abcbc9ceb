#pragma once
// What the operator types or hands in (domain lists, the EHLO name) is untrusted too: parsed
// strictly, with a one-line reason, never silently taken to mean something else. (Opt-out lists
// are in target.hpp, answers files in assess/flow.hpp, the resolver in scan/dns/forwarder.hpp.)
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar {

// One line of a domain list (--input): the domain, nothing for a blank or comment (#) line, or
// a one-line reason why the line is not one domain name. Callers prefix "file:line: ".
struct DomainListLine {
  std::optional<std::string> domain;
  std::string error;  // empty when accepted
};
DomainListLine parse_domain_list_line(std::string_view line);

// A whole domain list, strictly: throws std::runtime_error "source:line: reason" at the first
// line that is not a domain name.
std::vector<std::string> parse_domain_list(std::string_view text, std::string_view source_name);

// The name the scanner gives in SMTP's EHLO: a host name (letters, digits, hyphens and dots,
// as parse_domain), or a one-line reason. A name with spaces or line ends would let the
// operator's typo write SMTP commands.
std::string ehlo_name_error(std::string_view name);

}  // namespace weerbaar
