#pragma once
#include <string_view>
#include <vector>

namespace weerbaar::content::detail {
struct EmbeddedFile {
  std::string_view path;  // relative to content/, e.g. "checks/web.hsts.json"
  std::string_view text;
};
const std::vector<EmbeddedFile>& embedded_files();
}  // namespace weerbaar::content::detail
