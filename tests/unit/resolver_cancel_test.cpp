// A DNS query cancelled from outside (an outer deadline, a cancelled scan) must leave nothing
// behind: libunbound's late answer must not reach freed state (AddressSanitizer catches it
// in the sanitizer run), and no pump may keep the event loop running. The DNS server is a
// scripted one on loopback that answers slowly.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "scan/dns/resolver.hpp"
#include "support/scripted_dns.hpp"

namespace weerbaar::scan::dns {
namespace {

namespace asio = net::asio;
using namespace std::chrono_literals;
using testing::DnsReply;
using testing::ScriptedDns;

// Runs io until it has no work left, at most `limit`; true when it ran dry.
bool runs_dry(asio::io_context& io, std::chrono::milliseconds limit) {
  io.run_for(limit);
  return io.stopped();
}

TEST(ResolverCancel, OuterDeadlineDuringSlowAnswerLeavesNothingBehind) {
  ScriptedDns server;
  server.script("slow.test", 1, DnsReply{0, {{1, testing::a_rdata("127.62.4.109")}}, 300ms, false});
  asio::io_context io;
  bool cancelled = false;
  {
    Resolver resolver(io.get_executor(), testing::resolver_options(server));
    asio::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
          // The query's own deadline is long; the outer one (as the SPF evaluation's) fires first.
          auto r = co_await net::with_deadline(resolver.query("slow.test", RrType::a, 5000ms), 50ms);
          cancelled = !r.has_value();
          // Keep the loop busy past the slow answer: libunbound delivers it meanwhile.
          asio::steady_timer wait(co_await asio::this_coro::executor, 500ms);
          co_await wait.async_wait(asio::use_awaitable);
        },
        asio::detached);
    EXPECT_TRUE(runs_dry(io, 3s)) << "something kept the event loop running after the cancelled query";
  }
  EXPECT_TRUE(cancelled);
  EXPECT_GE(server.queries("slow.test", 1), 1);
}

TEST(ResolverCancel, ManyCancelledAmongAnsweredQueries) {
  ScriptedDns server;
  for (int i = 0; i < 20; ++i) {
    server.script("n" + std::to_string(i) + ".test", 1,
                  DnsReply{0, {{1, testing::a_rdata("127.62.4.109")}}, std::chrono::milliseconds(10 * (i % 5)), false});
  }
  asio::io_context io;
  int answered = 0;
  int timed_out = 0;
  {
    Resolver resolver(io.get_executor(), testing::resolver_options(server));
    for (int i = 0; i < 20; ++i) {
      asio::co_spawn(
          io,
          [&, i]() -> net::awaitable<void> {
            // Every other query is cut short by an outer deadline shorter than its answer.
            auto limit = i % 2 == 0 ? 5ms : 2000ms;
            auto r = co_await net::with_deadline(resolver.query("n" + std::to_string(i) + ".test", RrType::a, 3000ms),
                                                 limit);
            if (r && r->status == DnsStatus::ok) ++answered;
            if (!r) ++timed_out;
          },
          asio::detached);
    }
    EXPECT_TRUE(runs_dry(io, 5s));
  }
  EXPECT_EQ(answered + timed_out, 20);
  EXPECT_GE(answered, 10);
}

TEST(ResolverCancel, QueryOwnDeadlineIsATimeout) {
  ScriptedDns server;
  server.script("silent.test", 1, DnsReply{0, {}, {}, true});
  asio::io_context io;
  std::optional<Answer> answer;
  {
    Resolver resolver(io.get_executor(), testing::resolver_options(server));
    asio::co_spawn(
        io, [&]() -> net::awaitable<void> { answer = co_await resolver.query("silent.test", RrType::a, 200ms); },
        asio::detached);
    EXPECT_TRUE(runs_dry(io, 3s));
  }
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, DnsStatus::timeout);
}

TEST(ResolverCancel, ResolverDestroyedWhileAnswerIsOnTheWay) {
  ScriptedDns server;
  server.script("late.test", 1, DnsReply{0, {{1, testing::a_rdata("127.62.4.109")}}, 200ms, false});
  asio::io_context io;
  auto resolver = std::make_unique<Resolver>(io.get_executor(), testing::resolver_options(server));
  asio::co_spawn(
      io,
      [&]() -> net::awaitable<void> {
        co_await net::with_deadline(resolver->query("late.test", RrType::a, 2000ms), 20ms);
        resolver.reset();  // the owner goes while libunbound still works on the query
        asio::steady_timer wait(co_await asio::this_coro::executor, 300ms);
        co_await wait.async_wait(asio::use_awaitable);
      },
      asio::detached);
  EXPECT_TRUE(runs_dry(io, 3s));
}

}  // namespace
}  // namespace weerbaar::scan::dns
