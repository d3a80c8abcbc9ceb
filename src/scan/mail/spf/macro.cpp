#include "scan/mail/spf/macro.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <variant>
#include <vector>

#include "scan/dns/wire.hpp"

namespace weerbaar::scan::mail::spf {
namespace {

// One %{...} macro-expand.
struct Macro {
  char letter = 0;          // lowercase
  bool url_escape = false;  // the letter was written in uppercase
  std::size_t keep = 0;     // right-hand parts to keep; 0 = all
  bool reverse = false;
  std::string delimiters;  // empty = "."
};
using Piece = std::variant<std::string, Macro>;  // literal text, or a macro

struct Parsed {
  std::vector<Piece> pieces;
  std::string error;  // empty when well-formed
};

bool is_letter_allowed(char lower, MacroUse use) {
  switch (lower) {
    case 's':
    case 'l':
    case 'o':
    case 'd':
    case 'i':
    case 'p':
    case 'h':
    case 'v': return true;
    case 'c':
    case 'r':
    case 't': return use == MacroUse::explanation;
    default: return false;
  }
}

bool is_delimiter(char c) {
  return c == '.' || c == '-' || c == '+' || c == ',' || c == '/' || c == '_' || c == '=';
}

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// macro-literal = %x21-24 / %x26-7E; explanations may also hold spaces (explain-string).
bool is_literal_char(char c, MacroUse use) {
  auto u = static_cast<unsigned char>(c);
  if (u == ' ') return use == MacroUse::explanation;
  return u >= 0x21 && u <= 0x7e && c != '%';
}

std::string quote_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u <= 0x7e) return std::string("'") + c + "'";
  static const char* hex = "0123456789ABCDEF";
  return std::string("byte 0x") + hex[u >> 4] + hex[u & 0xf];
}

Parsed parse(std::string_view s, MacroUse use) {
  Parsed out;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) out.pieces.emplace_back(std::exchange(literal, {}));
  };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c != '%') {
      if (!is_literal_char(c, use)) {
        out.error = "the character " + quote_char(c) + " is not allowed here";
        return out;
      }
      literal += c;
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) {
      out.error = "a '%' at the end must be written as '%%'";
      return out;
    }
    char next = s[i + 1];
    if (next == '%') {
      literal += '%';
      i += 2;
      continue;
    }
    if (next == '_') {
      literal += ' ';
      i += 2;
      continue;
    }
    if (next == '-') {
      literal += "%20";
      i += 2;
      continue;
    }
    if (next != '{') {
      out.error = "a '%' must be followed by '{', '%', '_' or '-', not " + quote_char(next);
      return out;
    }
    // %{ letter *DIGIT [r] *delimiter }
    std::size_t j = i + 2;
    if (j >= s.size()) {
      out.error = "a macro '%{' is not closed";
      return out;
    }
    Macro m;
    char letter = s[j];
    m.letter = to_lower(letter);
    m.url_escape = is_upper(letter);
    if (!is_letter_allowed(m.letter, use)) {
      out.error = "%{" + std::string(1, letter) + "} is not a macro " +
                  (use == MacroUse::domain ? "allowed in a domain name" : "SPF knows");
      return out;
    }
    ++j;
    std::size_t digits = 0;
    bool has_digits = false;
    while (j < s.size() && is_digit(s[j])) {
      has_digits = true;
      // More parts than a name can hold is the same as "all": saturate instead of overflowing.
      digits = digits >= 1000 ? 1000 : digits * 10 + static_cast<std::size_t>(s[j] - '0');
      ++j;
    }
    if (has_digits && digits == 0) {
      out.error = "the number of parts in a macro must not be zero";
      return out;
    }
    m.keep = digits;
    if (j < s.size() && (s[j] == 'r' || s[j] == 'R')) {
      m.reverse = true;
      ++j;
    }
    while (j < s.size() && is_delimiter(s[j])) m.delimiters += s[j++];
    if (j >= s.size() || s[j] != '}') {
      out.error = "the macro starting at '%{" + std::string(1, letter) + "' is malformed or not closed";
      return out;
    }
    flush();
    out.pieces.emplace_back(std::move(m));
    i = j + 1;
  }
  flush();
  return out;
}

const std::string& value_of(char letter, const MacroValues& v) {
  switch (letter) {
    case 's': return v.sender;
    case 'l': return v.local_part;
    case 'o': return v.sender_domain;
    case 'd': return v.domain;
    case 'i': return v.ip_dotted;
    case 'p': return v.validated_name;
    case 'h': return v.helo;
    case 'c': return v.ip_readable;
    case 'r': return v.receiver;
    case 't': return v.timestamp;
    default: return v.ip_version;  // 'v'; parse() admits no other letters
  }
}

// §7.3: split on the delimiters, optionally reverse, keep the right-hand parts, join with '.'.
std::string transform(const std::string& value, const Macro& m) {
  if (m.keep == 0 && !m.reverse && m.delimiters.empty()) return value;
  std::string_view delims = m.delimiters.empty() ? std::string_view(".") : std::string_view(m.delimiters);
  std::vector<std::string_view> parts;
  std::string_view rest(value);
  std::size_t start = 0;
  for (std::size_t k = 0; k <= rest.size(); ++k) {
    if (k == rest.size() || delims.find(rest[k]) != std::string_view::npos) {
      parts.push_back(rest.substr(start, k - start));
      start = k + 1;
    }
  }
  if (m.reverse) std::reverse(parts.begin(), parts.end());
  std::size_t first = (m.keep != 0 && m.keep < parts.size()) ? parts.size() - m.keep : 0;
  std::string out;
  for (std::size_t k = first; k < parts.size(); ++k) {
    if (k != first) out += '.';
    out += parts[k];
  }
  return out;
}

// §7.3: uppercase macros are URL-escaped; only "unreserved" characters stay as they are.
std::string url_escape(std::string_view in) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : in) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xf];
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> macro_syntax_error(std::string_view text, MacroUse use) {
  Parsed p = parse(text, use);
  if (p.error.empty()) return std::nullopt;
  return p.error;
}

bool uses_validated_name(std::string_view text) {
  Parsed p = parse(text, MacroUse::explanation);
  for (const Piece& piece : p.pieces) {
    if (const auto* m = std::get_if<Macro>(&piece); m != nullptr && m->letter == 'p') return true;
  }
  return false;
}

Expansion expand_macros(std::string_view text, const MacroValues& values, MacroUse use) {
  Parsed p = parse(text, use);
  if (!p.error.empty()) return {std::nullopt, p.error};
  std::string out;
  for (const Piece& piece : p.pieces) {
    if (const auto* lit = std::get_if<std::string>(&piece)) {
      out += *lit;
      continue;
    }
    const auto& m = std::get<Macro>(piece);
    std::string v = transform(value_of(m.letter, values), m);
    out += m.url_escape ? url_escape(v) : v;
  }
  return {std::move(out), {}};
}

std::string truncate_domain(std::string name) {
  while (name.size() > 253) {
    auto dot = name.find('.');
    if (dot == std::string::npos) return {};  // one label longer than a whole name: nothing fits
    name.erase(0, dot + 1);
  }
  return name;
}

Expansion expand_domain_spec(std::string_view domain_spec, const MacroValues& values) {
  Expansion e = expand_macros(domain_spec, values, MacroUse::domain);
  if (!e.text) return e;
  std::string& name = *e.text;
  name.resize(dns::without_root_dot(name).size());
  name = truncate_domain(std::move(name));
  return e;
}

}  // namespace weerbaar::scan::mail::spf
