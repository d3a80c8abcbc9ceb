#pragma once
// The platform's JSON API (docs/openapi.yaml): a business network's own website shows its
// campaigns, embeds the sign-up form and shows the campaign's anonymised results. Each request
// carries an organisation's API key (`Authorization: Bearer <key>`, made by a coordinator);
// it reaches that organisation's campaigns and their aggregates only, never a single
// business's data. No cookies, no CSRF: no browser credential authenticates these requests.
#include "platform/platform.hpp"
#include "web/app.hpp"

namespace weerbaar::web::api {

// Registers /api/v1/... on the app's router (so `weerbaar serve --list-routes` lists them).
// platform may be null only for listing the routes (they then answer 503).
void add_api_routes(App& app, platform::Platform* platform);

}  // namespace weerbaar::web::api
