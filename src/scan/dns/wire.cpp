#include "scan/dns/wire.hpp"

namespace weerbaar::scan::dns {

namespace {
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxName = 255;  // octets on the wire, RFC 1035 §3.1
}  // namespace

std::optional<std::string> decode_name(std::string_view wire) {
  std::string out;
  std::size_t i = 0;
  while (true) {
    if (i >= wire.size() || i >= kMaxName) return std::nullopt;
    const std::size_t len = static_cast<unsigned char>(wire[i]);
    if (len == 0) {
      if (i + 1 != wire.size()) return std::nullopt;  // bytes after the name
      return out;
    }
    // A length above 63 is a compression pointer (or reserved): never valid in this rdata.
    if (len > kMaxLabel || len > wire.size() - i - 1) return std::nullopt;
    if (!out.empty()) out += '.';
    for (const char c : wire.substr(i + 1, len)) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '.' || c == '\\' || u < 0x21 || u > 0x7e) {
        out += '\\';
        out += static_cast<char>('0' + u / 100);
        out += static_cast<char>('0' + (u / 10) % 10);
        out += static_cast<char>('0' + u % 10);
      } else {
        out += c;
      }
    }
    i += 1 + len;
  }
}

std::string lower_name(std::string name) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

std::string_view without_root_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

std::string comparable_name(std::string_view name) {
  return lower_name(std::string(without_root_dot(name)));
}

std::optional<std::string> decode_txt(std::string_view rdata) {
  std::string out;
  std::size_t i = 0;
  while (i < rdata.size()) {
    const std::size_t len = static_cast<unsigned char>(rdata[i]);
    if (len > rdata.size() - i - 1) return std::nullopt;
    out.append(rdata.substr(i + 1, len));
    i += 1 + len;
  }
  return out;
}

std::optional<std::string> decode_mx(std::string_view rdata) {
  if (rdata.size() < 3) return std::nullopt;
  return decode_name(rdata.substr(2));
}

}  // namespace weerbaar::scan::dns
