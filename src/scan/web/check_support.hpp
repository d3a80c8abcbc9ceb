#pragma once
// What the web checks share: which response a check judges, and when it cannot judge one.
#include <string>
#include <string_view>

#include "core/finding.hpp"
#include "scan/facts.hpp"
#include "scan/web/url.hpp"

namespace weerbaar::scan::web {

// Whether something speaks TLS on the HTTPS port (an HTTP answer is not needed for "offered").
enum class HttpsState { offered, absent, unknown };
HttpsState https_state(const WebFacts& web);
// Why a check cannot judge HTTPS in the unknown state, one line with the client's reason.
std::string no_https_answer(const WebFacts& web);
// Whether a website answered on plain HTTP (http://host/, before any redirect): answered, did
// not answer in time (unknown), or nothing there or not probed (absent).
enum class PlainState { answered, absent, unknown };
PlainState plain_state(const WebFacts& web);

bool is_redirect_status(int status);

// The https://host/ response itself, for what a browser learns from the domain's own answer
// (HSTS). nullptr after marking the verdict not applicable (no HTTPS, or the website was not
// probed) or inconclusive (timeout, garbage).
const HttpResponse* https_response(const HostFacts& facts, Verdict& verdict);

// The page a visitor sees over HTTPS (WebFacts::landing: https://www.host/ when the apex
// redirects there), for what protects the page itself (security headers, CSP, scripts).
// nullptr as for https_response.
const HttpResponse* page_response(const HostFacts& facts, Verdict& verdict);

// The page over HTTPS (as page_response), or the http://host/ one when the site has no HTTPS at
// all; for checks where a plain-HTTP site deserves the same judgement (cookies, CORS, server version).
struct SiteResponse {
  const HttpResponse* response = nullptr;  // nullptr: verdict already says why
  bool https = false;
};
SiteResponse site_response(const HostFacts& facts, Verdict& verdict);

}  // namespace weerbaar::scan::web
