#pragma once
// Admin login pages of the usual CMSes, reachable from anywhere.
#include <optional>
#include <string>
#include <string_view>

#include "scan/facts.hpp"

namespace weerbaar::scan::web {

struct AdminLogin {
  std::string path;
  std::string product;  // "WordPress", "Joomla", "Drupal", or "" when the page does not say
};

// Whether the answer to GET path is a login form (a form with a password field), which is not
// simply what the site answers for any path (not_found) or its home page (home).
std::optional<AdminLogin> admin_login(std::string_view path, const HttpResponse& r, const HttpExchange* not_found,
                                      const HttpExchange* home);

}  // namespace weerbaar::scan::web
