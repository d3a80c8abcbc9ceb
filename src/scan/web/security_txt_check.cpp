// web.security_txt: can someone who finds a problem tell the business (RFC 9116)?
#include <cstdio>

#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/security_txt.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

std::string iso_date(std::chrono::sys_seconds t) {
  std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

CheckResult run(const HostFacts& facts) {
  Verdict v("web.security_txt");
  if (!facts.web) return std::move(v.not_applicable("the website was not probed")).done();
  const WebFacts& web = *facts.web;
  // RFC 9116 section 3: the file is only valid over HTTPS.
  switch (https_state(web)) {
    case HttpsState::absent: return std::move(v.not_applicable("HTTPS is not offered")).done();
    case HttpsState::unknown: return std::move(v.inconclusive(no_https_answer(web))).done();
    case HttpsState::offered: break;
  }
  const HttpExchange& ex = web.security_txt;
  if (ex.status != NetStatus::ok || !ex.response) {
    return std::move(v.inconclusive("no usable answer for " + ex.url + ": " + ex.error)).done();
  }
  const HttpResponse& r = *ex.response;
  if (is_redirect_status(r.status)) {
    // RFC 9116 allows a redirect; the probe does not follow it, so we cannot tell.
    const std::string* location = r.header("location");
    return std::move(v.inconclusive("security.txt redirects to " + (location ? *location : std::string("?")) +
                                    ", which was not followed"))
        .done();
  }
  const std::string* type = r.header("content-type");
  if (r.status != 200 || type == nullptr || !text::istarts_with(text::trim(*type), "text/plain")) {
    // Many sites answer every path with their home page: a 200 in HTML is not a security.txt.
    return std::move(v.fail("WEB_SECURITYTXT_MISSING",
                            {{"status", std::to_string(r.status)}, {"content_type", type ? *type : std::string()}}))
        .done();
  }
  SecurityTxt file = parse_security_txt(r.body);
  if (!file.problems.empty()) v.fail("WEB_SECURITYTXT_INVALID", {{"problem", text::join(file.problems, "; ")}});
  if (file.expires && *file.expires < std::chrono::floor<std::chrono::seconds>(facts.scanned_at)) {
    v.fail("WEB_SECURITYTXT_EXPIRED", {{"expires", iso_date(*file.expires)}});
  }
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.security_txt",
     .family = Family::web,
     .findings = {"WEB_SECURITYTXT_MISSING", "WEB_SECURITYTXT_INVALID", "WEB_SECURITYTXT_EXPIRED"},
     .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
