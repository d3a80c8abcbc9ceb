// The platform judged by Weerbaar's own web checks: the scanner's HTTP probe against the
// platform's server (HTTPS with the redirect from plain HTTP), then every check of the web
// family. Not one may find anything: the platform practises what it preaches.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>

#include "scan/check.hpp"
#include "scan/web/http_client.hpp"
#include "support/serve_client.hpp"

namespace weerbaar::web {
namespace {

using namespace testing;
namespace asio = boost::asio;

scan::WebFacts probe_platform(std::uint16_t http_port, std::uint16_t https_port) {
  scan::web::HttpOptions opt;
  opt.user_agent = "weerbaar-selfscan-test/1";
  opt.http_port = http_port;
  opt.https_port = https_port;
  asio::io_context io;
  scan::net::Limiter slots(io.get_executor(), 2);
  scan::web::RedirectResolver resolve =
      [](std::string host, std::uint16_t port) -> scan::net::awaitable<std::optional<scan::net::tcp::endpoint>> {
    if (host != "platform.test") co_return std::nullopt;
    co_return scan::net::tcp::endpoint(asio::ip::make_address(kTestAddress), port);
  };
  std::optional<scan::WebFacts> out;
  asio::co_spawn(
      io, scan::web::probe_web({asio::ip::make_address(kTestAddress), http_port}, "platform.test", opt, slots, resolve),
      [&](std::exception_ptr e, scan::WebFacts f) {
        if (!e) out = std::move(f);
      });
  io.run();
  return out.value_or(scan::WebFacts{});
}

TEST(WebSelfScan, ThePlatformPassesEveryWebCheck) {
  TestCert cert;
  ServerOptions opt;
  opt.tls = cert.files();
  opt.redirect_listen = std::string(kTestAddress) + ":0";
  TestPlatform p(opt);

  scan::HostFacts facts;
  facts.host = "platform.test";
  facts.address = kTestAddress;
  facts.scanned_at = std::chrono::system_clock::now();
  facts.web = probe_platform(p.server->redirect_port(), p.server->port());
  ASSERT_TRUE(facts.web->https_root.response) << facts.web->https_root.error;

  int judged = 0;
  for (const auto& spec : scan::Catalogue::instance().checks()) {
    if (spec.family != Family::web) continue;
    CheckResult r = spec.run(facts);
    ++judged;
    EXPECT_NE(r.outcome, Outcome::fail) << spec.id << ": " << (r.findings.empty() ? "" : r.findings.front().id);
    EXPECT_NE(r.outcome, Outcome::inconclusive) << spec.id << ": " << r.reason;
  }
  EXPECT_GE(judged, 10);
}

}  // namespace
}  // namespace weerbaar::web
