#pragma once
// The frame of every page: skip link, header with the menu for the visitor's role, the
// language switch, the main landmark with the page's h1, and the footer. NL Design System
// (Utrecht) classes; CSS and scripts only from /assets/.
#include <string>

#include "web/app.hpp"
#include "web/html.hpp"

namespace weerbaar::web {

struct PageSpec {
  std::string title{};  // the h1 and the <title>
  Html main{};          // what comes below the h1
  http::status status = http::status::ok;
  bool charts = false;  // load chart.js
};

Response page(Context& ctx, const PageSpec& spec);

// 401, 403, 404, 405, 413, 500 ...: a page in the visitor's language that says what happened
// and what to do. detail_key, when given, replaces the standard explanation.
Response error_page(Context& ctx, http::status status, std::string_view detail_key = {});

// True when htmx sent the request (HX-Request: true): the answer is a fragment of the page that
// replaces a part of it, not the whole page. Every such form is an ordinary form as well, so
// without JavaScript the same request gets the whole page (or a redirect) instead.
bool htmx_request(const Context& ctx);
// A fragment for htmx: only the markup given, with the session's cookies and the same headers
// as a page (the CSP included).
Response fragment(const Html& body, http::status status = http::status::ok);

// <p class="utrecht-paragraph">text</p>
Html paragraph(std::string_view text);
// <a class="utrecht-link" href="...">text</a>
Html link(std::string_view href, std::string_view text);

}  // namespace weerbaar::web
