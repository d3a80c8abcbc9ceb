#pragma once
// Small ASCII helpers shared by the web parsers. Header values and HTML are untrusted bytes:
// these never use the locale, never throw and treat every byte >= 0x80 as "not a letter".
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan::web::text {

constexpr char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string to_lower(std::string_view s);
std::string_view trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
// Position of needle in haystack ignoring ASCII case, or npos.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0);
// Splits on sep; empty pieces are kept (callers decide whether they matter).
std::vector<std::string_view> split(std::string_view s, char sep);
// Splits on runs of whitespace; no empty pieces.
std::vector<std::string_view> split_ws(std::string_view s);
// "a, b, c" for findings' params.
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

}  // namespace weerbaar::scan::web::text
