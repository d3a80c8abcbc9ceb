// web.exposed_files: files on the website that should never be public (.git, .env, backups,
// configuration copies, server-status, directory listings, phpinfo), judged on their content.
#include <map>

#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/exposed_files.hpp"
#include "scan/web/site_paths.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.exposed_files");
  SiteResponse site = probed_site(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  const WebFacts& web = *facts.web;
  std::map<Exposure, std::vector<std::string>> found;
  std::size_t answered = 0;
  // The home page itself may be a directory listing (a site without an index page).
  if (auto e = exposed_file("/", *site.response)) found[*e].push_back("/");
  for (const auto& p : web.paths) {
    if (p.exchange.status != NetStatus::ok || !p.exchange.response) continue;
    ++answered;
    if (auto e = exposed_file(p.path, *p.exchange.response)) found[*e].push_back(p.path);
  }
  for (const auto& [e, paths] : found) v.fail(std::string(finding_id(e)), {{"paths", text::join(paths)}});
  // Nothing answered at all (every request failed): nothing can be said.
  if (found.empty() && answered == 0) v.inconclusive("none of the paths got an HTTP answer");
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.exposed_files",
     .family = Family::web,
     .findings = {"WEB_EXPOSED_VERSION_CONTROL", "WEB_EXPOSED_ENV_FILE", "WEB_EXPOSED_CONFIG_BACKUP",
                  "WEB_EXPOSED_BACKUP", "WEB_EXPOSED_SERVER_STATUS", "WEB_DIRECTORY_LISTING", "WEB_EXPOSED_PHPINFO"},
     .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
