#pragma once
// An SPF record (RFC 7208 §4.5, §4.6, §5, §6, §12) parsed into its terms. Pure and total over
// untrusted text: any syntax error is a value (the record's permerror), with a plain-English
// reason, never an exception.
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan::mail::spf {

enum class Qualifier : char { pass = '+', fail = '-', softfail = '~', neutral = '?' };

enum class MechanismKind { all, include, a, mx, ptr, ip4, ip6, exists };
std::string_view to_string(MechanismKind k);

struct Mechanism {
  Qualifier qualifier = Qualifier::pass;
  MechanismKind kind = MechanismKind::all;
  // include, exists: always set. a, mx, ptr: empty means the current domain.
  std::string domain_spec;
  // ip4, ip6: the network (host bits are kept as written; matching masks both sides).
  boost::asio::ip::address network;
  // a, mx (dual-cidr-length), ip4 (cidr4), ip6 (cidr6). Defaults match a single address.
  int cidr4 = 32;
  int cidr6 = 128;
  std::string text;  // the term as written, for reasons and reports

  // include, a, mx, ptr and exists cost a DNS lookup and count toward the limit of 10 (§4.6.4).
  [[nodiscard]] bool needs_dns() const;
};

struct UnknownModifier {
  std::string name;  // lowercase
  std::string value;
};

struct Record {
  std::vector<Mechanism> mechanisms;               // in order of evaluation
  std::optional<std::string> redirect;             // domain-spec
  std::optional<std::string> exp;                  // domain-spec
  std::vector<UnknownModifier> unknown_modifiers;  // ignored by evaluation (§6)
};

struct ParsedRecord {
  std::optional<Record> record;  // nullopt: a syntax error, see error
  std::string error;
};

// True when a TXT string is an SPF version 1 record: "v=spf1" (any case), then a space or the
// end (§4.5). Records failing this are not SPF records at all, not broken ones.
[[nodiscard]] bool is_spf1(std::string_view txt);

// Parses a record that is_spf1(). Every term is checked before anything is evaluated (§4.6).
[[nodiscard]] ParsedRecord parse_record(std::string_view txt);

// domain-spec = macro-string domain-end (§7.1): valid macros, visible characters, and ending in
// a macro or in "." toplabel ["."]. A plain-English reason, or nullopt when valid.
[[nodiscard]] std::optional<std::string> domain_spec_error(std::string_view spec);

}  // namespace weerbaar::scan::mail::spf
