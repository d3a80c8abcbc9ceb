#pragma once
// What the libFuzzer harnesses share: the input as text, and a cheap way to split one input
// into the several strings a parser takes (so that one corpus file can drive a whole call).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace weerbaar::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits at each NUL byte, at most max_parts pieces (the last keeps the rest).
inline std::vector<std::string_view> parts(std::string_view s, std::size_t max_parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < max_parts) {
    auto nul = s.find('\0');
    if (nul == std::string_view::npos) break;
    out.push_back(s.substr(0, nul));
    s.remove_prefix(nul + 1);
  }
  out.push_back(s);
  return out;
}

}  // namespace weerbaar::fuzz
