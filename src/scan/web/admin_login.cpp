#include "scan/web/admin_login.hpp"

#include "scan/web/html_scan.hpp"
#include "scan/web/site_paths.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {

std::optional<AdminLogin> admin_login(std::string_view path, const HttpResponse& r, const HttpExchange* not_found,
                                      const HttpExchange* home) {
  if (r.status != 200 || same_as(r, not_found) || same_as(r, home)) return std::nullopt;
  bool form = false;
  bool password = false;
  for (const auto& tag : find_tags(r.body, {"form", "input"}, 500)) {
    if (tag.name == "form") form = true;
    const auto* type = tag.attribute("type");
    if (tag.name == "input" && type != nullptr && text::iequals(*type, "password")) password = true;
  }
  if (!form || !password) return std::nullopt;
  AdminLogin out{std::string(path), ""};
  const std::string_view body = r.body;
  if (path == "/wp-login.php" &&
      (body.find("wp-submit") != std::string_view::npos || body.find("user_login") != std::string_view::npos)) {
    out.product = "WordPress";
  } else if (path == "/administrator/" && text::ifind(body, "joomla") != std::string_view::npos) {
    out.product = "Joomla";
  } else if (path == "/user/login" && text::ifind(body, "drupal") != std::string_view::npos) {
    out.product = "Drupal";
  }
  return out;
}

}  // namespace weerbaar::scan::web
