// web.server_version: does the site tell attackers which software version it runs?
#include <array>

#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/server_version.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.server_version");
  SiteResponse site = site_response(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  std::vector<std::string> disclosed;
  for (std::string_view name : {"server", "x-powered-by"}) {
    for (const auto& value : site.response->all(name)) {
      if (carries_version(value)) disclosed.push_back(std::string(text::trim(value)));
    }
  }
  // ASP.NET's own headers hold nothing but a version number.
  for (std::string_view name : {"x-aspnet-version", "x-aspnetmvc-version"}) {
    for (const auto& value : site.response->all(name)) {
      if (!text::trim(value).empty()) disclosed.push_back("ASP.NET " + std::string(text::trim(value)));
    }
  }
  if (!disclosed.empty()) v.fail("WEB_SERVER_VERSION_DISCLOSED", {{"header", text::join(disclosed)}});
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.server_version", .family = Family::web, .findings = {"WEB_SERVER_VERSION_DISCLOSED"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
