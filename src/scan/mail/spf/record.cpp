#include "scan/mail/spf/record.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "scan/dns/wire.hpp"
#include "scan/mail/spf/macro.hpp"

namespace weerbaar::scan::mail::spf {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// 1*DIGIT without leading zeros (RFC 7208 forbids them in ip4-network; the suite, and common
// sense, extend that to CIDR lengths), at most max. -1 when invalid.
int parse_cidr(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3) return -1;
  if (digits.size() > 1 && digits[0] == '0') return -1;
  int v = 0;
  for (char c : digits) {
    if (!is_digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v <= max ? v : -1;
}

// ip4-network = qnum "." qnum "." qnum "." qnum, qnum = 0..255 without leading zeros.
std::optional<boost::asio::ip::address_v4> parse_ip4(std::string_view s) {
  boost::asio::ip::address_v4::bytes_type bytes{};
  std::size_t part = 0;
  std::size_t i = 0;
  while (part < 4) {
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    std::string_view num = s.substr(start, i - start);
    int v = parse_cidr(num, 255);  // same rules: 1-3 digits, no leading zero
    if (v < 0) return std::nullopt;
    bytes[part++] = static_cast<unsigned char>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  return boost::asio::ip::address_v4(bytes);
}

std::optional<boost::asio::ip::address_v6> parse_ip6(std::string_view s) {
  if (s.empty() || s.size() > 45) return std::nullopt;
  std::string text(s);
  std::array<unsigned char, 16> buf{};
  if (inet_pton(AF_INET6, text.c_str(), buf.data()) != 1) return std::nullopt;
  boost::asio::ip::address_v6::bytes_type bytes{};
  std::copy(buf.begin(), buf.end(), bytes.begin());
  return boost::asio::ip::address_v6(bytes);
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
bool is_toplabel(std::string_view label) {
  if (label.empty()) return false;
  bool has_alpha = false;
  bool has_dash = false;
  for (char c : label) {
    if (c == '-') {
      has_dash = true;
    } else if (is_alpha(c)) {
      has_alpha = true;
    } else if (!is_digit(c)) {
      return false;
    }
  }
  if (has_dash) return is_alnum(label.front()) && is_alnum(label.back());
  return has_alpha;
}

// The literal text after the last macro-expand of a (syntactically valid) macro-string; empty
// when the string ends in a macro-expand ("%{d}", "%%", "%_", "%-").
std::string_view literal_tail(std::string_view spec) {
  std::size_t tail = 0;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%' || i + 1 >= spec.size()) continue;
    if (spec[i + 1] == '{') {
      auto close = spec.find('}', i);
      if (close == std::string_view::npos) return spec.substr(tail);
      i = close;
    } else {
      ++i;
    }
    tail = i + 1;
  }
  return spec.substr(tail);
}

struct Cidrs {
  std::string_view head;  // what precedes the dual-cidr-length
  int cidr4 = 32;
  int cidr6 = 128;
  std::string error;
};

// Splits a trailing dual-cidr-length ("/24", "//64", "/24//64") off a/mx arguments. The
// domain-spec may itself hold '/' (§7.1 allows any visible character), so only a suffix of
// digits counts; anything else stays in the head and fails the domain-spec check.
Cidrs split_dual_cidr(std::string_view rest) {
  Cidrs out;
  out.head = rest;
  auto take_digits = [](std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[s.size() - 1 - n])) ++n;
    return n;
  };
  std::string_view s = rest;
  std::size_t n = take_digits(s);
  if (n > 0 && n + 2 <= s.size() && s[s.size() - n - 1] == '/' && s[s.size() - n - 2] == '/') {
    out.cidr6 = parse_cidr(s.substr(s.size() - n), 128);
    if (out.cidr6 < 0)
      out.error = "the IPv6 prefix length '" + std::string(s.substr(s.size() - n)) + "' is not a number from 0 to 128";
    s.remove_suffix(n + 2);
    n = take_digits(s);
  }
  if (n > 0 && n + 1 <= s.size() && s[s.size() - n - 1] == '/' && (n + 2 > s.size() || s[s.size() - n - 2] != '/')) {
    out.cidr4 = parse_cidr(s.substr(s.size() - n), 32);
    if (out.cidr4 < 0 && out.error.empty())
      out.error = "the IPv4 prefix length '" + std::string(s.substr(s.size() - n)) + "' is not a number from 0 to 32";
    s.remove_suffix(n + 1);
  }
  out.head = s;
  return out;
}

struct TermError {
  std::string reason;
};

std::optional<TermError> parse_domain_arg(std::string_view rest, bool required, Mechanism& m) {
  if (rest.empty()) {
    if (required) return TermError{"'" + m.text + "' needs ':' and a domain"};
    return std::nullopt;
  }
  if (rest.front() != ':') return TermError{"'" + m.text + "' is not a valid mechanism"};
  std::string_view spec = rest.substr(1);
  if (spec.empty()) return TermError{"'" + m.text + "' has an empty domain after ':'"};
  if (auto err = domain_spec_error(spec)) return TermError{"in '" + m.text + "': " + *err};
  m.domain_spec = std::string(spec);
  return std::nullopt;
}

std::optional<TermError> parse_mechanism(std::string_view term, Mechanism& m) {
  m.text = std::string(term);
  std::string_view s = term;
  switch (s.front()) {
    case '+':
      m.qualifier = Qualifier::pass;
      s.remove_prefix(1);
      break;
    case '-':
      m.qualifier = Qualifier::fail;
      s.remove_prefix(1);
      break;
    case '~':
      m.qualifier = Qualifier::softfail;
      s.remove_prefix(1);
      break;
    case '?':
      m.qualifier = Qualifier::neutral;
      s.remove_prefix(1);
      break;
    default: break;
  }
  std::size_t n = 0;
  while (n < s.size() && is_alnum(s[n])) ++n;
  std::string name = lower(s.substr(0, n));
  std::string_view rest = s.substr(n);
  if (name == "all") {
    m.kind = MechanismKind::all;
    if (!rest.empty()) return TermError{"'" + m.text + "': 'all' takes no argument"};
    return std::nullopt;
  }
  if (name == "include" || name == "exists") {
    m.kind = name == "include" ? MechanismKind::include : MechanismKind::exists;
    return parse_domain_arg(rest, true, m);
  }
  if (name == "ptr") {
    m.kind = MechanismKind::ptr;
    return parse_domain_arg(rest, false, m);
  }
  if (name == "a" || name == "mx") {
    m.kind = name == "a" ? MechanismKind::a : MechanismKind::mx;
    Cidrs c = split_dual_cidr(rest);
    if (!c.error.empty()) return TermError{"in '" + m.text + "': " + c.error};
    m.cidr4 = c.cidr4;
    m.cidr6 = c.cidr6;
    return parse_domain_arg(c.head, false, m);
  }
  if (name == "ip4" || name == "ip6") {
    bool v4 = name == "ip4";
    m.kind = v4 ? MechanismKind::ip4 : MechanismKind::ip6;
    if (rest.empty() || rest.front() != ':')
      return TermError{"'" + m.text + "' needs ':' and an " + (v4 ? "IPv4" : "IPv6") + " address"};
    rest.remove_prefix(1);
    std::string_view addr = rest;
    std::string_view cidr;
    bool has_cidr = false;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
      addr = rest.substr(0, slash);
      cidr = rest.substr(slash + 1);
      has_cidr = true;
    }
    if (v4) {
      auto a = parse_ip4(addr);
      if (!a) return TermError{"'" + std::string(addr) + "' in '" + m.text + "' is not an IPv4 address"};
      m.network = *a;
    } else {
      auto a = parse_ip6(addr);
      if (!a) return TermError{"'" + std::string(addr) + "' in '" + m.text + "' is not an IPv6 address"};
      m.network = *a;
    }
    if (has_cidr) {
      int len = parse_cidr(cidr, v4 ? 32 : 128);
      if (len < 0)
        return TermError{"the prefix length in '" + m.text + "' is not a number from 0 to " + (v4 ? "32" : "128")};
      (v4 ? m.cidr4 : m.cidr6) = len;
    }
    return std::nullopt;
  }
  return TermError{"'" + m.text + "' is not a mechanism SPF knows"};
}

// name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), directly followed by '='.
std::size_t modifier_name_length(std::string_view term) {
  if (term.empty() || !is_alpha(term.front())) return 0;
  std::size_t n = 1;
  while (n < term.size() && (is_alnum(term[n]) || term[n] == '-' || term[n] == '_' || term[n] == '.')) ++n;
  return (n < term.size() && term[n] == '=') ? n : 0;
}

}  // namespace

std::string_view to_string(MechanismKind k) {
  switch (k) {
    case MechanismKind::all: return "all";
    case MechanismKind::include: return "include";
    case MechanismKind::a: return "a";
    case MechanismKind::mx: return "mx";
    case MechanismKind::ptr: return "ptr";
    case MechanismKind::ip4: return "ip4";
    case MechanismKind::ip6: return "ip6";
    case MechanismKind::exists: return "exists";
  }
  return "?";
}

bool Mechanism::needs_dns() const {
  return kind == MechanismKind::include || kind == MechanismKind::a || kind == MechanismKind::mx ||
         kind == MechanismKind::ptr || kind == MechanismKind::exists;
}

bool is_spf1(std::string_view txt) {
  if (txt.size() < 6 || lower(txt.substr(0, 6)) != "v=spf1") return false;
  return txt.size() == 6 || txt[6] == ' ';
}

std::optional<std::string> domain_spec_error(std::string_view spec) {
  if (spec.empty()) return "the domain is empty";
  if (auto err = macro_syntax_error(spec, MacroUse::domain)) return *err;
  std::string_view tail = literal_tail(spec);
  if (tail.empty()) return std::nullopt;  // ends in a macro: checked after expansion only by DNS
  tail = dns::without_root_dot(tail);
  auto dot = tail.rfind('.');
  if (dot == std::string_view::npos)
    return "'" + std::string(spec) + "' is not a domain name: it has no top-level domain";
  std::string_view top = tail.substr(dot + 1);
  if (!is_toplabel(top))
    return "'" + std::string(spec) + "' does not end in a valid top-level domain ('" + std::string(top) + "')";
  return std::nullopt;
}

ParsedRecord parse_record(std::string_view txt) {
  ParsedRecord out;
  if (!is_spf1(txt)) {
    out.error = "the record does not start with 'v=spf1'";
    return out;
  }
  // Only the space separates terms (§4.6.1); any other control or non-ASCII byte is an error,
  // reported here once rather than as a confusing mechanism error.
  for (char c : txt) {
    auto u = static_cast<unsigned char>(c);
    if (u != ' ' && (u < 0x21 || u > 0x7e)) {
      static const char* hex = "0123456789ABCDEF";
      out.error = std::string("the record holds the byte 0x") + hex[u >> 4] + hex[u & 0xf] +
                  ", but SPF records are plain ASCII with terms separated by spaces";
      return out;
    }
  }
  Record rec;
  std::size_t i = 6;
  while (i < txt.size()) {
    if (txt[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = txt.find(' ', i);
    if (end == std::string_view::npos) end = txt.size();
    std::string_view term = txt.substr(i, end - i);
    i = end;
    if (std::size_t n = modifier_name_length(term); n > 0) {
      std::string name = lower(term.substr(0, n));
      std::string_view value = term.substr(n + 1);
      if (name == "redirect" || name == "exp") {
        auto& slot = name == "redirect" ? rec.redirect : rec.exp;
        if (slot) {
          out.error = "the modifier '" + name + "=' appears more than once";
          return out;
        }
        if (auto err = domain_spec_error(value)) {
          out.error = "in '" + std::string(term) + "': " + *err;
          return out;
        }
        slot = std::string(value);
      } else {
        if (auto err = macro_syntax_error(value, MacroUse::explanation)) {
          out.error = "in '" + std::string(term) + "': " + *err;
          return out;
        }
        rec.unknown_modifiers.push_back({std::move(name), std::string(value)});
      }
      continue;
    }
    Mechanism m;
    if (auto err = parse_mechanism(term, m)) {
      out.error = std::move(err->reason);
      return out;
    }
    rec.mechanisms.push_back(std::move(m));
  }
  out.record = std::move(rec);
  return out;
}

}  // namespace weerbaar::scan::mail::spf
