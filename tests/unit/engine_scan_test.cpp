// The engine through its library API (scan/scan.hpp), on a scripted network: a scripted DNS
// server and small real servers on loopback addresses of the test's own block (127.62.4.100-199; the web tests use
// 127.62.4.1-3). Covers the safety rules for names met on the way (redirect targets, mail servers), the caches shared
// by all scans of a context, the time budget and cancellation.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include "scan/check.hpp"
#include "scan/scan.hpp"
#include "scan/scan_settings.hpp"
#include "support/engine_options.hpp"
#include "support/scripted_dns.hpp"
#include "support/tiny_servers.hpp"

namespace weerbaar::scan {
namespace {

namespace asio = net::asio;
using namespace std::chrono_literals;
using testing::DnsReply;
using testing::ScriptedDns;
using testing::TinyServers;

using testing::kA;
using testing::kMx;
using testing::lab_options;

// Runs the coroutine on a fresh io_context until it has no work left (at most 20 s).
template <typename F>
void run(asio::io_context& io, F&& f) {
  asio::co_spawn(io, std::forward<F>(f), [](const std::exception_ptr& e) {
    if (e) std::rethrow_exception(e);
  });
  io.run_for(20s);
  ASSERT_TRUE(io.stopped()) << "the scans left work on the event loop";
}

const CheckResult* result(const DomainReport& r, std::string_view check, std::string_view subject = "") {
  for (const auto& c : r.results) {
    if (c.check == check && c.subject == subject) return &c;
  }
  return nullptr;
}

TEST(EngineScan, ScansThroughTheApiOnASharedExecutor) {
  ScriptedDns dns;
  TinyServers host("127.62.4.110");
  dns.a("winkel.test", "127.62.4.110");
  dns.a("bakker.test", "127.62.4.110");
  asio::io_context io;
  ScanContext context(io.get_executor(), lab_options(dns));
  std::vector<DomainReport> reports(2);
  run(io, [&]() -> net::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    auto [a, b] = co_await (scan(context, "winkel.test") && scan(context, "Bakker.test"));
    reports = {std::move(a), std::move(b)};
  });
  ASSERT_EQ(reports[0].status, DomainStatus::scanned) << reports[0].message;
  ASSERT_EQ(reports[1].status, DomainStatus::scanned) << reports[1].message;
  EXPECT_EQ(reports[1].domain, "bakker.test");
  EXPECT_EQ(reports[0].facts.address, "127.62.4.110");
  EXPECT_TRUE(reports[0].facts.web && reports[0].facts.tls && reports[0].facts.dns && reports[0].facts.mail &&
              reports[0].facts.exposure);
  EXPECT_FALSE(reports[0].results.empty());
  EXPECT_GE(host.accepted(443), 1);
}

TEST(EngineScan, RejectsAndRefusesBeforeAnyConnection) {
  ScriptedDns dns;
  dns.a("thuis.test", "127.62.4.120");
  asio::io_context io;
  ScanOptions opt = lab_options(dns);
  opt.lab_mode = false;  // outside lab mode, a loopback answer must be refused
  ScanContext context(io.get_executor(), opt);
  DomainReport refused, rejected, unknown;
  run(io, [&]() -> net::awaitable<void> {
    refused = co_await scan(context, "thuis.test");
    rejected = co_await scan(context, "https://thuis.test/");
    unknown = co_await scan(context, "bestaat-niet.test");
  });
  EXPECT_EQ(refused.status, DomainStatus::refused);
  EXPECT_NE(refused.message.find("loopback"), std::string::npos) << refused.message;
  EXPECT_EQ(rejected.status, DomainStatus::rejected);
  EXPECT_EQ(unknown.status, DomainStatus::unresolved);
}

TEST(EngineScan, SafeResolveAppliesTheRulesToNamesMetOnTheWay) {
  ScriptedDns dns;
  dns.a("intern.test", "10.1.2.3");
  dns.a("publiek.test", "93.184.216.34");
  dns.a("bezwaar.test", "93.184.216.35");
  dns.a("adres-bezwaar.test", "93.184.216.99");
  asio::io_context io;
  ScanOptions opt = lab_options(dns);
  opt.lab_mode = false;
  opt.opt_out = OptOutList::parse("bezwaar.test\n93.184.216.99\n", "test");
  ScanContext context(io.get_executor(), opt);
  std::map<std::string, net::SafeAddresses> got;
  run(io, [&]() -> net::awaitable<void> {
    for (std::string name : {"intern.test", "publiek.test", "bezwaar.test", "adres-bezwaar.test", "geen.test", "a b"})
      got[name] = co_await safe_resolve(context, name);
  });
  EXPECT_TRUE(got["intern.test"].addresses.empty());
  EXPECT_NE(got["intern.test"].refusal.find("private"), std::string::npos) << got["intern.test"].refusal;
  ASSERT_EQ(got["publiek.test"].addresses.size(), 1u);
  EXPECT_EQ(got["publiek.test"].addresses[0].to_string(), "93.184.216.34");
  EXPECT_TRUE(got["bezwaar.test"].addresses.empty());
  EXPECT_NE(got["bezwaar.test"].refusal.find("opt-out"), std::string::npos);
  EXPECT_TRUE(got["adres-bezwaar.test"].addresses.empty());
  EXPECT_NE(got["adres-bezwaar.test"].refusal.find("opt-out"), std::string::npos);
  EXPECT_TRUE(got["geen.test"].addresses.empty());
  EXPECT_TRUE(got["a b"].addresses.empty());
}

TEST(EngineScan, MailServerAndRedirectTargetOnTheOptOutListAreNeverContacted) {
  ScriptedDns dns;
  TinyServers web("127.62.4.130");
  TinyServers forbidden("127.62.4.131");
  dns.a("verhuizer.test", "127.62.4.130");
  dns.script("verhuizer.test", kMx, DnsReply{0, {{kMx, testing::mx_rdata(10, "mx.verboden.test")}}, {}, false});
  dns.a("mx.verboden.test", "127.62.4.131");
  // The web server's http:// redirects to https://tiny.test/, which is on the opt-out list too.
  dns.a("tiny.test", "127.62.4.131");
  asio::io_context io;
  ScanOptions opt = lab_options(dns);
  opt.opt_out = OptOutList::parse("127.62.4.131\n", "test");
  opt.families = {Family::web, Family::mail};
  ScanContext context(io.get_executor(), opt);
  DomainReport r;
  run(io, [&]() -> net::awaitable<void> { r = co_await scan(context, "verhuizer.test"); });
  ASSERT_EQ(r.status, DomainStatus::scanned) << r.message;
  ASSERT_TRUE(r.facts.mail);
  ASSERT_EQ(r.facts.mail->servers.size(), 1u);
  EXPECT_TRUE(r.facts.mail->servers[0].address.empty());
  EXPECT_NE(r.facts.mail->servers[0].error.find("opt-out"), std::string::npos) << r.facts.mail->servers[0].error;
  ASSERT_TRUE(r.facts.web);
  EXPECT_GE(r.facts.web->http_chain.size(), 1u);
  EXPECT_EQ(forbidden.accepted(25) + forbidden.accepted(443) + forbidden.accepted(80), 0);
  EXPECT_GE(web.accepted(80), 1);
}

// Two domains with the same mail server and the same address: the mail server and the
// address's service ports are probed once for both, within the cache's lifetime.
// Each test has its own address: CTest runs tests at once, and the servers listen on fixed ports.
void shared_servers(const std::string& address, std::chrono::seconds lifetime, int expected_smtp_probes_factor) {
  ScriptedDns dns;
  TinyServers host(address, true, true, {6379});
  for (std::string d : {"eerste.test", "tweede.test"}) {
    dns.a(d, address);
    dns.script(d, kMx, DnsReply{0, {{kMx, testing::mx_rdata(10, "mx.provider.test")}}, {}, false});
  }
  dns.a("mx.provider.test", address);
  asio::io_context io;
  ScanOptions opt = lab_options(dns);
  opt.cache_lifetime = lifetime;
  ScanContext context(io.get_executor(), opt);
  DomainReport first, second;
  int smtp_after_first = 0, redis_after_first = 0;
  run(io, [&]() -> net::awaitable<void> {
    first = co_await scan(context, "eerste.test");
    smtp_after_first = host.accepted(25);
    redis_after_first = host.accepted(6379);
    second = co_await scan(context, "tweede.test");
  });
  ASSERT_EQ(second.status, DomainStatus::scanned) << second.message;
  ASSERT_GE(smtp_after_first, 1);
  EXPECT_EQ(redis_after_first, 1);
  EXPECT_EQ(host.accepted(25), smtp_after_first * expected_smtp_probes_factor);
  EXPECT_EQ(host.accepted(6379), expected_smtp_probes_factor);
  ASSERT_TRUE(second.facts.mail && second.facts.mail->servers.size() == 1);
  EXPECT_EQ(second.facts.mail->servers[0].smtp.status, NetStatus::ok);
  ASSERT_TRUE(second.facts.exposure);
  EXPECT_FALSE(second.facts.exposure->probes.empty());
}

TEST(EngineScan, SharedMailServerAndAddressProbedOncePerContext) {
  shared_servers("127.62.4.140", std::chrono::hours(1), 1);
}

TEST(EngineScan, SharedServersProbedAgainWhenTheCacheHasGrownOld) {
  shared_servers("127.62.4.141", std::chrono::seconds(0), 2);
}

TEST(EngineScan, TimeBudgetMakesTheUnfinishedInconclusive) {
  ScriptedDns dns;
  TinyServers host("127.62.4.150");
  dns.a("traag.test", "127.62.4.150");
  // The MX answer never comes (the DNS deadline is longer than the budget).
  dns.script("traag.test", kMx, DnsReply{0, {}, {}, true});
  asio::io_context io;
  ScanOptions opt = lab_options(dns);
  opt.timeouts.dns = 10000ms;
  opt.domain_budget = 1500ms;
  opt.families = {Family::web, Family::mail};
  ScanContext context(io.get_executor(), opt);
  DomainReport r;
  const auto t0 = net::Clock::now();
  run(io, [&]() -> net::awaitable<void> { r = co_await scan(context, "traag.test"); });
  EXPECT_LT(net::Clock::now() - t0, 6s);
  ASSERT_EQ(r.status, DomainStatus::scanned);
  EXPECT_FALSE(r.facts.mail);
  const CheckResult* mx = result(r, "mail.mx");
  ASSERT_NE(mx, nullptr);
  EXPECT_EQ(mx->outcome, Outcome::inconclusive);
  EXPECT_NE(mx->reason.find("time budget"), std::string::npos) << mx->reason;
  EXPECT_TRUE(mx->findings.empty());
  // What finished in time is judged as usual.
  ASSERT_TRUE(r.facts.web);
  const CheckResult* https = result(r, "web.https");
  ASSERT_NE(https, nullptr);
  EXPECT_EQ(https->reason.find("time budget"), std::string::npos);
}

TEST(EngineScan, CancelledByTheCallerEndsPromptlyAndTheContextStaysUsable) {
  ScriptedDns dns;
  TinyServers host("127.62.4.160", true, true, {6379});
  dns.a("afgebroken.test", "127.62.4.160");
  dns.script("afgebroken.test", kMx, DnsReply{0, {{kMx, testing::mx_rdata(10, "mx.afgebroken.test")}}, 30ms, false});
  dns.a("mx.afgebroken.test", "127.62.4.160");
  asio::io_context io;
  ScanContext context(io.get_executor(), lab_options(dns));
  bool cancelled = false;
  DomainReport after;
  run(io, [&]() -> net::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer stop(co_await asio::this_coro::executor, 60ms);
    auto r = co_await (scan(context, "afgebroken.test") || stop.async_wait(asio::use_awaitable));
    cancelled = r.index() == 1;
    // The mail server and the address whose probes were cut short are probed again now.
    after = co_await scan(context, "afgebroken.test");
  });
  EXPECT_TRUE(cancelled);
  ASSERT_EQ(after.status, DomainStatus::scanned);
  ASSERT_TRUE(after.facts.mail && after.facts.mail->servers.size() == 1);
  EXPECT_EQ(after.facts.mail->servers[0].smtp.status, NetStatus::ok);
  ASSERT_TRUE(after.facts.exposure);
  EXPECT_TRUE(after.facts.exposure->answered("127.62.4.160"));
}

// A domain with no address of its own whose www has one: the site lives only on www. It is
// judged there (issue 10, part 2), and its www obeys the safety rules of the domain itself.
TEST(EngineScan, ADomainWithoutAnAddressIsJudgedOnItsWww) {
  ScriptedDns dns;
  TinyServers host("127.62.4.190");
  const DnsReply nodata{0, {}, {}, false};
  constexpr int kAaaa = 28;
  for (const char* apex : {"alleenwww.test", "elders.test"}) {
    dns.script(apex, kA, nodata);
    dns.script(apex, kAaaa, nodata);
  }
  dns.a("www.alleenwww.test", "127.62.4.190");
  dns.a("www.elders.test", "10.1.2.3");  // in lab mode only loopback may be scanned
  asio::io_context io;
  ScanContext context(io.get_executor(), lab_options(dns));
  DomainReport site;
  DomainReport elsewhere;
  run(io, [&]() -> net::awaitable<void> {
    site = co_await scan(context, "alleenwww.test");
    elsewhere = co_await scan(context, "elders.test");
  });
  ASSERT_EQ(site.status, DomainStatus::scanned) << site.message;
  EXPECT_TRUE(site.facts.no_address);
  EXPECT_EQ(site.facts.site_host, "www.alleenwww.test");
  EXPECT_EQ(site.facts.website(), "www.alleenwww.test");
  EXPECT_EQ(site.facts.address, "127.62.4.190");
  EXPECT_EQ(site.addresses, std::vector<std::string>{"127.62.4.190"});
  EXPECT_TRUE(site.facts.web && site.facts.tls);
  EXPECT_GE(host.accepted(443), 1);
  const CheckResult* bare = result(site, "web.bare_domain");
  ASSERT_NE(bare, nullptr);
  ASSERT_EQ(bare->findings.size(), 1U);
  EXPECT_EQ(bare->findings[0].id, "WEB_BARE_DOMAIN_NO_ADDRESS");
  EXPECT_EQ(bare->findings[0].params.at("site"), "www.alleenwww.test");
  const CheckResult* https = result(site, "web.https");
  ASSERT_NE(https, nullptr);
  EXPECT_NE(https->outcome, Outcome::not_applicable) << "the site on www is judged";

  EXPECT_EQ(elsewhere.status, DomainStatus::refused);
  EXPECT_NE(elsewhere.message.find("www.elders.test"), std::string::npos) << elsewhere.message;
}

// Scans cancelled at random moments, many times: tests/unit/engine_cancel_stress_test.cpp.

}  // namespace
}  // namespace weerbaar::scan
