#include "scan/web/server_version.hpp"

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

// "1.18.0", "10.0", "7.4.3-1ubuntu": digits, a dot, a digit, at the start of the token.
bool is_dotted_version(std::string_view token) {
  std::size_t i = 0;
  while (i < token.size() && text::is_digit(token[i])) ++i;
  return i > 0 && i + 1 < token.size() && token[i] == '.' && text::is_digit(token[i + 1]);
}

}  // namespace

bool carries_version(std::string_view value) {
  for (std::string_view token : text::split_ws(value)) {
    // Comments such as "(Debian)" or "(Win64)" name a platform, not a version.
    if (token.front() == '(') continue;
    auto slash = token.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < token.size() && text::is_digit(token[slash + 1])) {
      return true;
    }
    if (is_dotted_version(token)) return true;
  }
  return false;
}

}  // namespace weerbaar::scan::web
