// web.hsts: does the HTTPS site tell browsers to use HTTPS only, for long enough?
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/hsts.hpp"

namespace weerbaar::scan::web {
namespace {

constexpr std::int64_t kOneYear = 31536000;  // internet.nl and the HSTS preload list

CheckResult run(const HostFacts& facts) {
  Verdict v("web.hsts");
  const HttpResponse* response = https_response(facts, v);
  if (response == nullptr) return std::move(v).done();
  // RFC 6797 section 8.1: a browser acts on the first header only.
  const std::string* header = response->header("strict-transport-security");
  if (header == nullptr) return std::move(v.fail("WEB_HSTS_MISSING")).done();
  HstsParse parsed = parse_hsts(*header);
  if (!parsed.policy) {
    // A header the browser ignores protects no more than no header.
    return std::move(v.fail("WEB_HSTS_MISSING", {{"header", *header}, {"problem", parsed.error}})).done();
  }
  if (parsed.policy->max_age < kOneYear) {
    v.fail("WEB_HSTS_SHORT", {{"max_age", std::to_string(parsed.policy->max_age)},
                              {"days", std::to_string(parsed.policy->max_age / 86400)}});
  }
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.hsts", .family = Family::web, .findings = {"WEB_HSTS_MISSING", "WEB_HSTS_SHORT"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
