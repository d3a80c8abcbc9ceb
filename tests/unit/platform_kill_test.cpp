// A worker process killed with SIGKILL in the middle of its scans, then a new worker: every
// scan job finishes exactly once, with exactly one stored result, on SQLite and PostgreSQL.
// The scanner is scripted (a slow one in the victim), so the test needs no lab.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "platform/worker.hpp"
#include "support/platform_fixture.hpp"

namespace weerbaar::platform_testing {
namespace {

class SleepyScanner : public Scanner {
 public:
  explicit SleepyScanner(std::chrono::milliseconds d) : d_(d) {}
  ScanOutput scan(const std::string& domain, const std::string&) override {
    std::this_thread::sleep_for(d_);
    return ScanOutput{"scanned", "{\"domain\":\"" + domain + "\"}", {{"WEB_NO_HSTS", "", "medium"}}};
  }

 private:
  std::chrono::milliseconds d_;
};

using KillTest = PlatformTest;

TEST_P(KillTest, EveryJobFinishesExactlyOnceAfterKillNine) {
  now = system_now();  // the worker processes use the real clock for their leases
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  constexpr int kBusinesses = 6;
  for (int i = 0; i < kBusinesses; ++i) {
    ready_business(c, "k" + std::to_string(i) + ".test", "k" + std::to_string(i) + "@x.test");
  }
  ASSERT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state = 'queued'"), kBusinesses);
  const std::string url = GetParam() == "postgres" ? std::getenv("WEERBAAR_TEST_PG_URL") : "sqlite:" + file.string();

  WorkerOptions o;
  o.threads = 2;
  o.lease_seconds = 2;
  o.heartbeat_seconds = 1;
  o.idle_poll_ms = 50;
  o.kinds = {JobKind::scan};
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The victim: its own connection, slow scans, killed before any finishes.
    auto own = store::open_database(url);
    Context ctx{*own, {}, system_now};
    o.name = "victim";
    Worker w(ctx, std::make_shared<SleepyScanner>(std::chrono::seconds(30)), nullptr, o);
    w.start();
    pause();
    _exit(0);
  }
  // Wait until the victim holds two scans, then kill it without warning.
  for (int i = 0; i < 200 && count("SELECT COUNT(*) FROM jobs WHERE state = 'running'") < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND lease_owner LIKE 'victim%'"), 2);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  // The restarted worker: picks up the queued jobs at once and the victim's after its lease.
  Context ctx{*db, {}, system_now};
  o.name = "survivor";
  Worker w(ctx, std::make_shared<SleepyScanner>(std::chrono::milliseconds(10)), nullptr, o);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state <> 'done'") > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    if (!w.run_once()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state = 'done'"), kBusinesses);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scans"), kBusinesses);
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT business_id FROM scans GROUP BY business_id HAVING COUNT(*) > 1) x"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND attempts = 2"), 2);  // the victim's two
}

// Counts scans per domain from several threads at once.
class CountingScanner : public Scanner {
 public:
  ScanOutput scan(const std::string& domain, const std::string&) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard lock(mu);
    ++calls[domain];
    return ScanOutput{"scanned", "{}", {}};
  }
  std::mutex mu;
  std::map<std::string, int> calls;
};

TEST_P(KillTest, ConcurrentWorkersClaimEachJobOnce) {
  now = system_now();
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  constexpr int kBusinesses = 12;
  for (int i = 0; i < kBusinesses; ++i) {
    ready_business(c, "c" + std::to_string(i) + ".test", "c" + std::to_string(i) + "@x.test");
  }
  auto scanner = std::make_shared<CountingScanner>();
  Context ctx{*db, {}, system_now};
  WorkerOptions o;
  o.threads = 4;
  o.idle_poll_ms = 20;
  o.kinds = {JobKind::scan};
  {
    Worker a(ctx, scanner, nullptr, o);
    Worker b(ctx, scanner, nullptr, o);  // a second "process" on the same database
    a.start();
    b.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state <> 'done'") > 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM scans"), kBusinesses);
  EXPECT_EQ(scanner->calls.size(), static_cast<std::size_t>(kBusinesses));
  for (const auto& [domain, n] : scanner->calls) EXPECT_EQ(n, 1) << domain;
}

INSTANTIATE_TEST_SUITE_P(Store, KillTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace weerbaar::platform_testing
