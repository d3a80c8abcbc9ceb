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

// One of the probe's connections: takes the next path not yet asked until none is left. The
// connections share `next` on the domain's executor, which runs one of them at a time.
net::awaitable<void> ask_in_turn(net::tcp::endpoint ep, std::string host, bool https,
                                 const std::vector<std::string>& paths, std::size_t& next, const HttpOptions& opt,
                                 net::Limiter& host_slots, std::vector<PathFetch>& out) {
  auto slot = co_await host_slots.acquire();  // one slot: one connection at a time
  KeptConnection connection(ep, host, https, opt);
  while (next < paths.size()) {
    const std::size_t i = next++;
    out[i].path = paths[i];
    out[i].exchange = co_await connection.get(paths[i]);
  }
}

}  // namespace

net::awaitable<std::vector<PathFetch>> probe_site_paths(net::tcp::endpoint ep, std::string host, bool https,
                                                        const HttpOptions& opt, net::Limiter& host_slots) {
  HttpOptions small = opt;
  small.max_body = kSitePathMaxBody;
  std::vector<std::string> paths(site_paths().begin(), site_paths().end());
  paths.emplace_back(kNotFoundProbePath);
  std::vector<PathFetch> out(paths.size());
  // Two connections kept open, each asking one path after another: a small business's server
  // sees a short, slow trickle, not a burst of connections (and the scanner saves a TLS
  // handshake per path, most of its CPU per domain: docs/benchmarks.md).
  std::size_t next = 0;
  std::vector<net::awaitable<void>> tasks;
  tasks.reserve(2);
  for (int i = 0; i < 2; ++i) tasks.push_back(ask_in_turn(ep, host, https, paths, next, small, host_slots, out));
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
