// web.cms: is the website's CMS (WordPress, Joomla, Drupal, Magento) a version that still gets
// security updates, and free of vulnerabilities known to be exploited?
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/cms.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.cms");
  SiteResponse site = site_response(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  auto cms = detect_cms(*facts.web);
  if (!cms) {
    v.not_applicable("no CMS recognised");
    return std::move(v).done();
  }
  auto verdict = software::judge(*cms, std::chrono::floor<std::chrono::days>(facts.scanned_at));
  Params params{{"product", verdict.label.empty() ? cms->product : verdict.label},
                {"version", cms->version.empty() ? "?" : cms->version},
                {"evidence", cms->evidence}};
  switch (verdict.status) {
    case software::Status::exploited:
      params["cves"] = text::join(verdict.cves);
      v.fail("WEB_CMS_EXPLOITED", params);
      break;
    case software::Status::end_of_life:
      params["eol"] = verdict.eol;
      v.fail("WEB_CMS_END_OF_LIFE", params);
      break;
    case software::Status::supported:
    case software::Status::vulnerable:  // no CMS has such ranges in the dataset (only exploited ones)
    case software::Status::unknown: break;
  }
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.cms", .family = Family::web, .findings = {"WEB_CMS_EXPLOITED", "WEB_CMS_END_OF_LIFE"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
