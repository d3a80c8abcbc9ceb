#include "scan/web/site_paths.hpp"

#include "scan/net/run_all.hpp"
#include "scan/web/text.hpp"
#include "scan/web/url.hpp"

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

// One of the probe's two askers: takes the next path not yet asked until none is left. The
// askers share `next` on the domain's executor, which runs one of them at a time; the pool gives
// each its turn on one of the origin's two connections.
net::awaitable<void> ask_in_turn(OriginPool& pool, net::tcp::endpoint ep, const Url& origin,
                                 const std::vector<std::string>& paths, std::size_t& next,
                                 std::vector<PathFetch>& out) {
  while (next < paths.size()) {
    const std::size_t i = next++;
    Url url = origin;
    url.target = paths[i];
    out[i].path = paths[i];
    out[i].exchange = co_await pool.get(ep, url, {}, kSitePathMaxBody);
  }
}

}  // namespace

net::awaitable<std::vector<PathFetch>> probe_site_paths(OriginPool& pool, net::tcp::endpoint ep, std::string host,
                                                        bool https) {
  std::vector<std::string> paths(site_paths().begin(), site_paths().end());
  paths.emplace_back(kNotFoundProbePath);
  std::vector<PathFetch> out(paths.size());
  Url origin{.https = https, .host = text::to_lower(host), .port = ep.port(), .target = "/"};
  // Two askers, each one path after another: a small business's server sees a short, slow
  // trickle over connections it already has open, not a burst of connections (and the scanner
  // saves a TLS handshake per path, once most of its CPU per domain: docs/benchmarks.md).
  std::size_t next = 0;
  std::vector<net::awaitable<void>> tasks;
  tasks.reserve(2);
  for (int i = 0; i < 2; ++i) tasks.push_back(ask_in_turn(pool, ep, origin, paths, next, out));
  co_await net::run_all(std::move(tasks));
  co_return out;
}

net::awaitable<std::vector<PathFetch>> probe_site_paths(net::tcp::endpoint ep, std::string host, bool https,
                                                        const HttpOptions& opt, net::Limiter& host_slots) {
  OriginPool pool(co_await net::asio::this_coro::executor, opt, host_slots);
  co_return co_await probe_site_paths(pool, ep, std::move(host), https);
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
