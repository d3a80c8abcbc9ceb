// Cancellation stress: scans through the engine's API on one and on two threads (a few hundred
// in all), each cancelled at a random moment (or not at all), against a scripted DNS server whose answers
// come late or never (slow MX, an SPF include chain whose every step is slow, a silent
// TLS-RPT name) and tiny real servers. Whatever await point a cancellation hits, nothing may be
// used after it is freed or leaked (the sanitizer build runs this test: label "sanitize"),
// nothing may be left on the event loop, and the shared context must give whole scans after.
//
// Built on its own from the engine's core and scan sources in the sanitizer configuration
// (target weerbaar_cancel_stress in build-fuzz), and as part of the unit tests in build/.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <random>
#include <thread>

#include "scan/scan.hpp"
#include "support/engine_options.hpp"
#include "support/scripted_dns.hpp"
#include "support/tiny_servers.hpp"

namespace weerbaar::scan {
namespace {

namespace asio = net::asio;
using namespace std::chrono_literals;

// Runs io on `threads` threads until it has no work left (at most a minute).
void run_on_threads(asio::io_context& io, unsigned threads) {
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&] { io.run_for(60s); });
  io.run_for(60s);
  for (auto& t : pool) t.join();
}

testing::DnsReply txt(const std::string& text, std::chrono::milliseconds delay) {
  return testing::DnsReply{0, {{testing::kTxt, testing::txt_rdata(text)}}, delay, false};
}

// `scans` scans of a dozen domains on `threads` threads, each raced against a timer of a random
// delay (a few past any scan, so some finish). address and dns_address: the servers', in the
// engine helper's block and used by no other test (CTest runs tests at once).
void cancel_at_random(const std::string& address, const std::string& dns_address, unsigned threads, int scans) {
  testing::ScriptedDns dns(dns_address);
  testing::TinyServers host(address, true, true, {6379, 3306});
  std::vector<std::string> domains;
  for (int i = 0; i < 12; ++i) {
    const std::string d = "stress" + std::to_string(i) + ".test";
    domains.push_back(d);
    dns.a(d, address);
    const auto slow = std::chrono::milliseconds(10 * (i % 6));
    dns.script(d, testing::kMx,
               testing::DnsReply{
                   0, {{testing::kMx, testing::mx_rdata(10, "mx" + std::to_string(i % 3) + ".test")}}, slow, false});
    // SPF: a chain of includes, each answered late, so that cancellations land inside the SPF
    // evaluation and its own overall deadline (the case that once left libunbound a freed query).
    dns.script(d, testing::kTxt, txt("v=spf1 include:a" + std::to_string(i) + ".spf.test -all", slow));
    dns.script("a" + std::to_string(i) + ".spf.test", testing::kTxt,
               txt("v=spf1 include:b" + std::to_string(i) + ".spf.test -all", 40ms));
    dns.script("b" + std::to_string(i) + ".spf.test", testing::kTxt, txt("v=spf1 ip4:" + address + " -all", 40ms));
    // A name that never answers: its query is cut by its own deadline or by the cancellation.
    dns.script("_smtp._tls." + d, testing::kTxt, testing::DnsReply{0, {}, {}, true});
  }
  for (int i = 0; i < 3; ++i) dns.a("mx" + std::to_string(i) + ".test", address);

  ScanOptions opt = testing::lab_options(dns);
  opt.timeouts.dns = 1500ms;  // the silent name costs this much of a scan that is not cancelled

  asio::io_context io;
  ScanContext context(asio::make_strand(io), opt);
  std::mt19937 random(20261202);
  // Most scans are cancelled somewhere between their first query and their exposure stage;
  // some run to the end (a delay past any scan).
  std::uniform_int_distribution<int> delay_ms(0, 600);
  std::atomic<int> cancelled = 0, finished = 0;
  for (int i = 0; i < scans; ++i) {
    const int ms = delay_ms(random);
    const auto delay = ms > 550 ? std::chrono::milliseconds(60000) : std::chrono::milliseconds(ms);
    asio::co_spawn(
        asio::make_strand(io),
        [&, i, delay]() -> net::awaitable<void> {
          using namespace asio::experimental::awaitable_operators;
          asio::steady_timer stop(co_await asio::this_coro::executor, delay);
          auto r = co_await (scan(context, domains[static_cast<std::size_t>(i) % domains.size()]) ||
                             stop.async_wait(asio::use_awaitable));
          ++(r.index() == 0 ? finished : cancelled);
        },
        [](const std::exception_ptr& e) {
          if (e) std::rethrow_exception(e);
        });
  }
  run_on_threads(io, threads);
  EXPECT_TRUE(io.stopped()) << "cancelled scans left work on the event loop";
  EXPECT_EQ(cancelled + finished, scans);
  EXPECT_GT(cancelled, scans / 2);
  EXPECT_GT(finished, 0);

  // Afterwards every domain scans whole through the same context.
  io.restart();
  std::vector<DomainReport> after(domains.size());
  for (std::size_t i = 0; i < domains.size(); ++i) {
    asio::co_spawn(
        asio::make_strand(io), [&, i]() -> net::awaitable<void> { after[i] = co_await scan(context, domains[i]); },
        asio::detached);
  }
  run_on_threads(io, threads);
  EXPECT_TRUE(io.stopped());
  for (const auto& r : after) {
    ASSERT_EQ(r.status, DomainStatus::scanned) << r.domain << ": " << r.message;
    ASSERT_TRUE(r.facts.mail && r.facts.mail->servers.size() == 1) << r.domain;
    EXPECT_EQ(r.facts.mail->servers[0].smtp.status, NetStatus::ok) << r.domain;
    ASSERT_TRUE(r.facts.web) << r.domain;
    ASSERT_TRUE(r.facts.exposure) << r.domain;
    EXPECT_TRUE(r.facts.exposure->answered(address)) << r.domain;
  }
}

TEST(EngineCancel, RandomCancellationsOnOneThread) {
  cancel_at_random("127.62.4.170", "127.62.4.172", 1, 120);
}

TEST(EngineCancel, ThreeHundredScansCancelledAtRandomOnTwoThreads) {
  cancel_at_random("127.62.4.180", "127.62.4.182", 2, 300);
}

}  // namespace
}  // namespace weerbaar::scan
