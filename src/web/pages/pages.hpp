#pragma once
// Each group of pages registers its routes on the app.
#include <string>

#include "web/app.hpp"

namespace weerbaar::platform {
class Platform;
}

namespace weerbaar::web {

void add_public_pages(App& app);
void add_account_pages(App& app);
// These use the platform's services (App::platform()).
void add_invite_pages(App& app);
void add_admin_pages(App& app);
void add_campaign_pages(App& app);
void add_dashboard_pages(App& app);
void add_signup_pages(App& app);
void add_business_pages(App& app);
void add_basisscan_pages(App& app);
// The routes of all pages that use the platform (for --list-routes without a database).
void add_platform_routes(App& app);
// Those routes, with sign-in and sessions through the platform p.
void add_platform_pages(App& app, platform::Platform& p);

// Where a role starts after signing in.
std::string home_path(Role r);
// A path on this site taken from a parameter ("next", "back"); anything else becomes "/".
std::string local_path(const std::string& candidate);

}  // namespace weerbaar::web
