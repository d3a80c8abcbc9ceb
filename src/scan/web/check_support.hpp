#pragma once
// What the web checks share: which response a check judges, and when it cannot judge one.
#include <string>
#include <string_view>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan::web {

// Whether something speaks TLS on the HTTPS port (an HTTP answer is not needed for "offered").
enum class HttpsState { offered, absent, unknown };
HttpsState https_state(const WebFacts& web);
// Why a check cannot judge HTTPS in the unknown state, one line with the client's reason.
std::string no_https_answer(const WebFacts& web);

bool is_redirect_status(int status);

// The https://host/ response for checks that judge HTTPS only. nullptr after marking the verdict
// not applicable (no HTTPS, or the website was not probed) or inconclusive (timeout, garbage).
const HttpResponse* https_response(const HostFacts& facts, Verdict& verdict);

// The https://host/ response, or the http://host/ one when the site has no HTTPS at all; for
// checks where a plain-HTTP site deserves the same judgement (cookies, CORS, server version).
struct SiteResponse {
  const HttpResponse* response = nullptr;  // nullptr: verdict already says why
  bool https = false;
};
SiteResponse site_response(const HostFacts& facts, Verdict& verdict);

// For "is this another party?" questions: true when host is site or a subdomain of it ("cdn.bakker.nl" belongs to
// "bakker.nl"), or when both are the same name with and without "www.".
bool belongs_to_site(std::string_view host, std::string_view site);

}  // namespace weerbaar::scan::web
