// web.cookies: are the cookies the site sets protected the way browsers allow?
#include <algorithm>
#include <chrono>

#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/cookies.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

// A cookie sent only to delete one ("Max-Age=0", "Expires=Thu, 01 Jan 1970") stores nothing.
bool is_deletion(const SetCookie& c, std::chrono::system_clock::time_point now) {
  if (c.max_age) return *c.max_age <= 0;  // RFC 6265 5.3: Max-Age wins over Expires
  if (!c.expires_year) return false;
  auto year = static_cast<int>(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
  return *c.expires_year < year;
}

void add_unique(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

CheckResult run(const HostFacts& facts) {
  Verdict v("web.cookies");
  SiteResponse site = site_response(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  std::vector<std::string> not_secure;
  std::vector<std::string> not_http_only;
  std::vector<std::string> no_same_site;
  for (const auto& header : site.response->all("set-cookie")) {
    auto cookie = parse_set_cookie(header);
    if (!cookie || is_deletion(*cookie, facts.scanned_at)) continue;
    // Over plain HTTP a browser refuses Secure cookies, so only HTTPS can be blamed for it.
    if (site.https && !cookie->secure) add_unique(not_secure, cookie->name);
    if (!cookie->http_only) add_unique(not_http_only, cookie->name);
    if (cookie->same_site == SameSite::unset || cookie->same_site == SameSite::invalid) {
      add_unique(no_same_site, cookie->name);
    }
  }
  if (!not_secure.empty()) v.fail("WEB_COOKIE_NOT_SECURE", {{"cookies", text::join(not_secure)}});
  if (!not_http_only.empty()) v.fail("WEB_COOKIE_NOT_HTTPONLY", {{"cookies", text::join(not_http_only)}});
  if (!no_same_site.empty()) v.fail("WEB_COOKIE_NO_SAMESITE", {{"cookies", text::join(no_same_site)}});
  return std::move(v).done();
}

const CheckRegistration reg{{.id = "web.cookies",
                             .family = Family::web,
                             .findings = {"WEB_COOKIE_NOT_SECURE", "WEB_COOKIE_NOT_HTTPONLY", "WEB_COOKIE_NO_SAMESITE"},
                             .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
