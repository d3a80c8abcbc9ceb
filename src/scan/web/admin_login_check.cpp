// web.admin_login: the CMS's admin login page can be reached from the whole internet. A notice:
// common and not wrong by itself, but worth two-step sign-in.
#include "scan/check.hpp"
#include "scan/web/admin_login.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/site_paths.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.admin_login");
  SiteResponse site = probed_site(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  const WebFacts& web = *facts.web;
  const HttpExchange* not_found = web.path(kNotFoundProbePath);
  const HttpExchange& home = site.https ? web.landing() : web.http_chain.front();
  std::vector<std::string> paths;
  std::string product;
  for (std::string_view path : {"/wp-login.php", "/administrator/", "/user/login"}) {
    const HttpExchange* ex = web.path(path);
    if (ex == nullptr || ex->status != NetStatus::ok || !ex->response) continue;
    if (auto login = admin_login(path, *ex->response, not_found, &home)) {
      paths.push_back(login->path);
      if (product.empty()) product = login->product;
    }
  }
  if (!paths.empty()) {
    v.fail("WEB_ADMIN_LOGIN_EXPOSED", {{"paths", text::join(paths)}, {"product", product.empty() ? "CMS" : product}});
  }
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.admin_login", .family = Family::web, .findings = {"WEB_ADMIN_LOGIN_EXPOSED"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
