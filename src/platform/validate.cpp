#include "platform/validate.hpp"

#include <algorithm>
#include <cctype>

namespace weerbaar::platform {
namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::optional<std::string> clean_line(std::string_view s, std::size_t max) {
  std::string t = trim(s);
  if (t.empty() || t.size() > max) return std::nullopt;
  for (char c : t) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
  }
  return t;
}

std::optional<std::string> normalise_email(std::string_view s) {
  std::string t = trim(s);
  if (t.size() < 3 || t.size() > 254) return std::nullopt;
  auto at = t.find('@');
  if (at == std::string::npos || at == 0 || t.find('@', at + 1) != std::string::npos) return std::nullopt;
  for (char c : t) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == '"')
      return std::nullopt;
  }
  std::string domain = t.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos)
    return std::nullopt;
  std::transform(domain.begin(), domain.end(), domain.begin(), lower);
  return t.substr(0, at + 1) + domain;
}

std::optional<std::string> normalise_postcode(std::string_view s) {
  std::string compact;
  for (char c : s) {
    if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (compact.size() != 6) return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if (std::isdigit(static_cast<unsigned char>(compact[i])) == 0) return std::nullopt;
  }
  for (int i = 4; i < 6; ++i) {
    if (compact[i] < 'A' || compact[i] > 'Z') return std::nullopt;
  }
  if (compact[0] == '0') return std::nullopt;
  auto letters = compact.substr(4);
  if (letters == "SA" || letters == "SD" || letters == "SS") return std::nullopt;
  return compact;
}

std::string postcode_area(std::string_view normalised_postcode) {
  return std::string(normalised_postcode.substr(0, 2));
}

std::string slugify(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80) {
      out += lower(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 60) out.resize(60);
  return out.empty() ? "campagne" : out;
}

}  // namespace weerbaar::platform
