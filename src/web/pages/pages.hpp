#pragma once
// Each group of pages registers its routes on the app.
#include <string>

#include "web/app.hpp"

namespace weerbaar::web {

void add_public_pages(App& app);
void add_account_pages(App& app);

// Where a role starts after signing in.
std::string home_path(Role r);
// A path on this site taken from a parameter ("next", "back"); anything else becomes "/".
std::string local_path(const std::string& candidate);

}  // namespace weerbaar::web
