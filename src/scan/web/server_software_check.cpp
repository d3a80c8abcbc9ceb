// web.server_software: the web server and language versions the site announces (Server,
// X-Powered-By), judged against the software dataset: end of life, or known to be exploited.
#include "scan/check.hpp"
#include "scan/software/software.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.server_software");
  SiteResponse site = site_response(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  std::vector<std::string> eol;
  std::vector<std::string> exploited;
  std::vector<std::string> cves;
  bool judged = false;
  const auto today = std::chrono::floor<std::chrono::days>(facts.scanned_at);
  for (std::string_view name : {"server", "x-powered-by"}) {
    for (const auto& value : site.response->all(name)) {
      for (const auto& d : software::from_http_header(name == "server" ? "Server" : "X-Powered-By", value)) {
        // A distribution's package keeps its version while it gets fixes: the version says too
        // little to judge (docs/decisions.md).
        if (d.distribution_build) continue;
        judged = true;
        auto verdict = software::judge(d, today);
        const std::string what = verdict.label + " " + d.version;
        if (verdict.status == software::Status::exploited) {
          exploited.push_back(what);
          cves.insert(cves.end(), verdict.cves.begin(), verdict.cves.end());
        } else if (verdict.status == software::Status::end_of_life) {
          eol.push_back(what + " (" + verdict.eol + ")");
        }
      }
    }
  }
  if (!exploited.empty())
    v.fail("WEB_SOFTWARE_EXPLOITED", {{"software", text::join(exploited)}, {"cves", text::join(cves)}});
  if (!eol.empty()) v.fail("WEB_SOFTWARE_END_OF_LIFE", {{"software", text::join(eol)}});
  if (!judged && exploited.empty() && eol.empty()) v.not_applicable("the site does not announce software versions");
  return std::move(v).done();
}

const CheckRegistration reg{{.id = "web.server_software",
                             .family = Family::web,
                             .findings = {"WEB_SOFTWARE_EXPLOITED", "WEB_SOFTWARE_END_OF_LIFE"},
                             .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
