#include "scan/web/site_paths.hpp"

#include "scan/net/run_all.hpp"

namespace weerbaar::scan::web {

const std::vector<std::string_view>& site_paths() {
  static const std::vector<std::string_view> paths{
      // exposed files (exposed_files.cpp)
      "/.git/HEAD", "/.env", "/wp-config.php.bak", "/backup.zip", "/backup.sql", "/server-status", "/phpinfo.php",
      "/info.php", "/uploads/", "/wp-content/uploads/",
      // CMS fingerprints (cms.cpp)
      "/feed/", "/administrator/manifests/files/joomla.xml", "/CHANGELOG.txt", "/magento_version",
      // admin login pages (admin_login.cpp)
      "/wp-login.php", "/administrator/", "/user/login"};
  return paths;
}

namespace {

net::awaitable<void> fetch_one(net::tcp::endpoint ep, std::string host, bool https, std::string path,
                               const HttpOptions& opt, net::Limiter& host_slots, net::Limiter& mine, PathFetch& out) {
  auto own = co_await mine.acquire();
  auto slot = co_await host_slots.acquire();
  out.path = path;
  out.exchange = co_await fetch(ep, std::move(host), https, std::move(path), opt);
}

}  // namespace

net::awaitable<std::vector<PathFetch>> probe_site_paths(net::tcp::endpoint ep, std::string host, bool https,
                                                        const HttpOptions& opt, net::Limiter& host_slots) {
  HttpOptions small = opt;
  small.max_body = kSitePathMaxBody;
  std::vector<std::string> paths(site_paths().begin(), site_paths().end());
  paths.emplace_back(kNotFoundProbePath);
  std::vector<PathFetch> out(paths.size());
  // Two at a time: a small business's server sees a short, slow trickle, not a burst.
  net::Limiter mine(co_await net::asio::this_coro::executor, 2);
  std::vector<net::awaitable<void>> tasks;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    tasks.push_back(fetch_one(ep, host, https, paths[i], small, host_slots, mine, out[i]));
  }
  co_await net::run_all(std::move(tasks));
  co_return out;
}

SiteResponse probed_site(const HostFacts& facts, Verdict& v) {
  SiteResponse site = site_response(facts, v);
  if (site.response != nullptr && facts.web->paths.empty()) {
    v.inconclusive("the site's paths were not probed");
    site.response = nullptr;
  }
  return site;
}

bool same_as(const HttpResponse& r, const HttpExchange* other) {
  if (other == nullptr || other->status != NetStatus::ok || !other->response) return false;
  return other->response->status == r.status && other->response->body == r.body;
}

}  // namespace weerbaar::scan::web
