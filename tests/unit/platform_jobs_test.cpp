// The durable job queue and its workers against a real database: leases, heartbeats,
// re-claiming a dead worker's job, exactly-once completion, the schedule of rescans,
// retention, and the comparison of first and latest scan.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

#include "platform/reports.hpp"
#include "platform/retention.hpp"
#include "platform/worker.hpp"
#include "support/platform_fixture.hpp"

namespace weerbaar::platform_testing {
namespace {

// Answers each domain with the findings the test sets for it.
class ScriptedScanner : public Scanner {
 public:
  std::map<std::string, std::vector<FindingRow>> findings;
  int calls = 0;
  ScanOutput scan(const std::string& domain, const std::string& lang) override {
    // The worker runs two jobs at once by default: findings[] inserts, so it is guarded too.
    std::lock_guard lock(mutex_);
    ++calls;
    return ScanOutput{"scanned", R"({"schema":"weerbaar.scan/1","lang":")" + lang + R"(","domain":")" + domain + "\"}",
                      findings[domain]};
  }

 private:
  std::mutex mutex_;
};

// A worker with several threads sends mail from each of them (DrainRunsJobsSideBySideEachOnce):
// without the lock two sends at once corrupted `sent` (AddressSanitizer, session 11).
class FakeMail : public MailSender {
 public:
  std::vector<OutgoingMail> sent;  // read by the tests once the worker has stopped
  std::string fail_with;
  std::string send(const OutgoingMail& m) override {
    std::lock_guard lock(mutex_);
    if (!fail_with.empty()) return fail_with;
    sent.push_back(m);
    return {};
  }

 private:
  std::mutex mutex_;
};

class Jobs : public PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    scanner = std::make_shared<ScriptedScanner>();
    mail = std::make_shared<FakeMail>();
    WorkerOptions o;
    o.name = "test-worker";
    o.lease_seconds = 60;
    worker = std::make_unique<Worker>(p->context(), scanner, mail, o);
    coord = coordinator(organisation());
    c = campaign(coord);
  }
  void TearDown() override {
    worker.reset();
    PlatformTest::TearDown();
  }
  // The fixture's invitation mail is a job too; some tests want an empty queue.
  void clear_queue() {
    db->write([](store::Tx& tx) { tx.exec("UPDATE jobs SET state = 'cancelled'"); });
  }
  void drain() {
    while (worker->run_once()) {
    }
  }

  std::shared_ptr<ScriptedScanner> scanner;
  std::shared_ptr<FakeMail> mail;
  std::unique_ptr<Worker> worker;
  Actor coord;
  Id c = 0;
};

TEST_P(Jobs, ClaimCompleteExactlyOnce) {
  auto& q = p->jobs();
  clear_queue();
  Id id = db->write([&](store::Tx& tx) { return enqueue_job(tx, now, JobKind::scan, 0, "x"); });
  auto a = q.claim("a", {JobKind::scan}, 30);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->id, id);
  EXPECT_FALSE(q.claim("b", {JobKind::scan}, 30).has_value());  // leased
  EXPECT_FALSE(q.claim("b", {JobKind::email}, 30).has_value());
  int writes = 0;
  EXPECT_TRUE(q.complete(*a, [&](store::Tx&) { ++writes; }));
  EXPECT_FALSE(q.complete(*a, [&](store::Tx&) { ++writes; }));
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(q.count(JobState::done), 1);
}

TEST_P(Jobs, ExpiredLeaseIsClaimedAgainAndTheOldWorkerCannotFinish) {
  auto& q = p->jobs();
  db->write([&](store::Tx& tx) { enqueue_job(tx, now, JobKind::scan, 0); });
  auto a = q.claim("a", {JobKind::scan}, 30);
  ASSERT_TRUE(a.has_value());
  now += 20;
  EXPECT_TRUE(q.heartbeat(*a, 30));  // renewed until now + 30
  now += 25;
  EXPECT_FALSE(q.claim("b", {JobKind::scan}, 30).has_value());
  now += 10;  // the lease ran out: worker a is presumed dead
  auto b = q.claim("b", {JobKind::scan}, 30);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->attempts, 2);
  EXPECT_FALSE(q.heartbeat(*a, 30));
  int writes = 0;
  EXPECT_FALSE(q.complete(*a, [&](store::Tx&) { ++writes; }));  // a woke up late: nothing written
  EXPECT_TRUE(q.complete(*b, [&](store::Tx&) { ++writes; }));
  EXPECT_EQ(writes, 1);
}

TEST_P(Jobs, SameOwnerNameCannotFinishAnOlderAttempt) {
  auto& q = p->jobs();
  db->write([&](store::Tx& tx) { enqueue_job(tx, now, JobKind::scan, 0); });
  auto first = q.claim("w", {JobKind::scan}, 10);
  now += 11;
  auto second = q.claim("w", {JobKind::scan}, 10);  // a restarted worker with the same name
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(q.complete(*first));
  EXPECT_TRUE(q.complete(*second));
}

TEST_P(Jobs, RetriesThenFails) {
  auto& q = p->jobs();
  clear_queue();
  db->write([&](store::Tx& tx) { enqueue_job(tx, now, JobKind::email, 0); });
  for (int i = 0; i < 3; ++i) {
    auto j = q.claim("a", {JobKind::email}, 30);
    ASSERT_TRUE(j.has_value()) << i;
    EXPECT_TRUE(q.fail(*j, "smtp: connection refused", 60));
    EXPECT_FALSE(q.claim("a", {JobKind::email}, 30).has_value());  // not before run_after
    now += 61;
  }
  EXPECT_EQ(q.count(JobState::failed), 1);
  // A job whose every attempt crashed ends as failed too, instead of looping for ever.
  db->write([&](store::Tx& tx) { enqueue_job(tx, now, JobKind::scan, 0); });
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(q.claim("a", {JobKind::scan}, 5).has_value());
    now += 6;
  }
  EXPECT_FALSE(q.claim("a", {JobKind::scan}, 5).has_value());
  EXPECT_EQ(q.count(JobState::failed), 2);
}

TEST_P(Jobs, ScanRunsStoresReportAndMailsWhenReady) {
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  scanner->findings["een.test"] = {{"WEB_NO_HSTS", "", "medium"}, {"TLS_OLD_PROTOCOLS", "mx.een.test", "high"}};
  drain();
  EXPECT_EQ(scanner->calls, 1);
  auto rep = p->reports().report(owner, b);
  ASSERT_TRUE(rep.ok());
  ASSERT_EQ(rep->scans.size(), 1u);
  EXPECT_EQ(rep->scans[0].findings.size(), 2u);
  ASSERT_TRUE(rep->latest_json.has_value());
  EXPECT_NE(rep->latest_json->find("een.test"), std::string::npos);
  EXPECT_FALSE(rep->scan_pending);
  EXPECT_EQ(rep->next_scan_at, now + 30 * 86400);
  // Confirmation and "report ready" went out; the outbox keeps no address after sending.
  ASSERT_EQ(mail->sent.size(), 3u);  // coordinator's invitation, confirmation, report ready
  EXPECT_EQ(mail->sent.back().to, "een@een.test");
  // The link leads to the business's page (/businesses/{id}, a route that exists).
  EXPECT_NE(mail->sent.back().body.find("https://platform.test/businesses/" + std::to_string(b) + "\n"),
            std::string::npos)
      << mail->sent.back().body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE recipient IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'sent'"), 3);
}

// Holds each scan until `width` scans are running at once (or a generous deadline passes, so a
// serial drain fails the test instead of hanging it).
class GatedScanner : public Scanner {
 public:
  explicit GatedScanner(int width) : width_(width) {}
  ScanOutput scan(const std::string& domain, const std::string& lang) override {
    std::unique_lock lock(mu_);
    ++running_;
    most_ = std::max(most_, running_);
    ++calls_[domain];
    cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(20), [&] { return most_ >= width_; });
    --running_;
    return ScanOutput{"scanned", R"({"schema":"weerbaar.scan/1","lang":")" + lang + "\"}", {}};
  }
  int most() {
    std::lock_guard lock(mu_);
    return most_;
  }
  std::map<std::string, int> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  int width_;
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0, most_ = 0;
  std::map<std::string, int> calls_;
};

// `weerbaar worker --drain --workers N` runs N jobs at once, each exactly once (it ran them one
// by one, which made the demo's first scans take minutes).
TEST_P(Jobs, DrainRunsJobsSideBySideEachOnce) {
  std::vector<std::string> domains;
  for (int i = 0; i < 8; ++i) {
    domains.push_back("zij" + std::to_string(i) + ".test");
    ready_business(c, domains.back(), "ondernemer@" + domains.back());
  }
  auto gated = std::make_shared<GatedScanner>(4);
  WorkerOptions o;
  o.name = "drain-worker";
  o.threads = 4;
  Worker four(p->context(), gated, mail, o);
  four.drain();
  EXPECT_EQ(gated->most(), 4);
  auto calls = gated->calls();
  ASSERT_EQ(calls.size(), domains.size());
  for (const auto& d : domains) EXPECT_EQ(calls[d], 1) << d;
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state = 'done'"), 8);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')"), 0);
}

// Starts threads until the `refuse_at`-th request, and from then on answers as a system out of
// threads does (std::thread throws std::system_error with EAGAIN).
std::function<std::thread(std::function<void()>)> refusing_from(int refuse_at) {
  auto asked = std::make_shared<std::atomic<int>>(0);
  return [asked, refuse_at](std::function<void()> body) {
    if (++*asked >= refuse_at) throw std::system_error(EAGAIN, std::generic_category());
    return std::thread(std::move(body));
  };
}

// A drain whose system refuses threads runs on those it got (the process used to end in
// std::terminate, a started thread dropped unjoined), and leaves no job running.
TEST_P(Jobs, DrainRunsOnTheThreadsItGot) {
  for (int i = 0; i < 6; ++i) {
    const std::string domain = "krap" + std::to_string(i) + ".test";
    ready_business(c, domain, "o@" + domain);
  }
  WorkerOptions o;
  o.name = "short-of-threads";
  o.threads = 4;
  o.start_thread = refusing_from(3);  // the heartbeat and one job thread; the calling thread is the other
  Worker w(p->context(), scanner, mail, o);
  DrainResult r = w.drain();
  EXPECT_EQ(r.threads.jobs, 2);
  EXPECT_EQ(r.threads.refused, std::generic_category().message(EAGAIN));
  EXPECT_EQ(scanner->calls, 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state = 'done'"), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')"), 0);

  // Not a single thread: the calling thread drains alone.
  ready_business(c, "alleen.test", "o@alleen.test");
  o.start_thread = refusing_from(2);
  Worker alone(p->context(), scanner, mail, o);
  EXPECT_EQ(alone.drain().threads.jobs, 1);
  EXPECT_EQ(scanner->calls, 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')"), 0);
}

// No thread for the heartbeat: the drain fails with one line and takes no job, and the same
// worker drains once the system gives threads again.
TEST_P(Jobs, DrainWithoutAHeartbeatTakesNoJob) {
  ready_business(c, "geen.test", "o@geen.test");
  const auto queued = count("SELECT COUNT(*) FROM jobs WHERE state = 'queued'");
  ASSERT_GT(queued, 0);
  bool refuse = true;
  WorkerOptions o;
  o.name = "no-threads";
  o.start_thread = [&refuse](std::function<void()> body) {
    if (refuse) throw std::system_error(EAGAIN, std::generic_category());
    return std::thread(std::move(body));
  };
  Worker w(p->context(), scanner, mail, o);
  try {
    w.drain();
    ADD_FAILURE() << "drain ran without a heartbeat";
  } catch (const std::runtime_error& e) {
    // One line that says what failed, not only the system's "Resource temporarily unavailable".
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("thread"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(std::generic_category().message(EAGAIN)), std::string::npos) << e.what();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state = 'queued' AND attempts = 0"), queued);
  EXPECT_EQ(scanner->calls, 0);
  refuse = false;
  w.drain();
  EXPECT_EQ(scanner->calls, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')"), 0);
}

// `weerbaar worker` and serve: as many job threads as the system gives; none at all is one
// line, with nothing left running.
TEST_P(Jobs, StartRunsOnTheThreadsItGot) {
  ready_business(c, "start.test", "o@start.test");
  WorkerOptions o;
  o.name = "started";
  o.threads = 3;
  o.idle_poll_ms = 20;
  o.start_thread = refusing_from(3);  // the heartbeat and one job thread
  {
    Worker w(p->context(), scanner, mail, o);
    WorkerThreads got = w.start();
    EXPECT_EQ(got.jobs, 1);
    EXPECT_FALSE(got.refused.empty());
    for (int i = 0; i < 500 && count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')") > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    w.stop();
  }
  EXPECT_EQ(scanner->calls, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')"), 0);
  for (int refuse_at : {1, 2}) {  // no heartbeat; a heartbeat but no job thread
    o.start_thread = refusing_from(refuse_at);
    Worker w(p->context(), scanner, mail, o);
    EXPECT_THROW(w.start(), std::runtime_error) << refuse_at;
  }
}

// A worker without a mail server (`weerbaar worker` without --smtp) takes no e-mail: it used
// to take each message and give it back for 600 s, using up its attempts, while a worker with
// SMTP stood idle.
TEST_P(Jobs, WorkerWithoutMailLeavesEmailForOneWithMail) {
  ready_business(c, "post.test", "o@post.test");
  const auto mails = count("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND state = 'queued'");
  ASSERT_GT(mails, 0);
  WorkerOptions o;
  o.name = "scans-only";
  Worker scans_only(p->context(), scanner, nullptr, o);
  while (scans_only.run_once()) {
  }
  EXPECT_EQ(scanner->calls, 1);
  // The scan's "report ready" mail joined the queue; nothing was taken.
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND (state <> 'queued' OR attempts > 0)"), 0);
  const auto waiting = count("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND state = 'queued'");
  EXPECT_EQ(waiting, mails + 1);
  EXPECT_EQ(scans_only.drain().mail_waiting, waiting);
  // A worker with SMTP sends them at once, each on its first attempt.
  drain();
  EXPECT_EQ(static_cast<std::int64_t>(mail->sent.size()), waiting);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND state = 'done' AND attempts = 1"), waiting);
  EXPECT_EQ(worker->drain().mail_waiting, 0);
}

// The same for scans: a worker without a scanner used to cancel them.
TEST_P(Jobs, WorkerWithoutScannerLeavesScans) {
  ready_business(c, "scan.test", "o@scan.test");
  WorkerOptions o;
  o.name = "mail-only";
  Worker mail_only(p->context(), nullptr, mail, o);
  mail_only.drain();
  EXPECT_FALSE(mail->sent.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state = 'queued' AND attempts = 0"), 1);
  drain();
  EXPECT_EQ(scanner->calls, 1);
}

TEST_P(Jobs, RescanComparesFirstAndLatest) {
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  scanner->findings["een.test"] = {{"WEB_NO_HSTS", "", "medium"}, {"TLS_OLD_PROTOCOLS", "mx.een.test", "high"}};
  drain();
  // Repaired one, broke another; asked for a rescan.
  scanner->findings["een.test"] = {{"TLS_OLD_PROTOCOLS", "mx.een.test", "high"}, {"WEB_NO_CSP", "", "low"}};
  ASSERT_TRUE(p->reports().request_rescan(owner, b).ok());
  drain();
  auto rep = p->reports().report(owner, b).value();
  ASSERT_EQ(rep.scans.size(), 2u);
  ASSERT_TRUE(rep.since_first.has_value());
  ASSERT_EQ(rep.since_first->fixed.size(), 1u);
  EXPECT_EQ(rep.since_first->fixed[0].id, "WEB_NO_HSTS");
  ASSERT_EQ(rep.since_first->added.size(), 1u);
  EXPECT_EQ(rep.since_first->added[0].id, "WEB_NO_CSP");
  ASSERT_EQ(rep.since_first->still_open.size(), 1u);
  EXPECT_EQ(rep.since_first->still_open[0].subject, "mx.een.test");
}

TEST_P(Jobs, RescansFollowTheCampaignInterval) {
  ready_business(c, "een.test", "een@een.test");
  drain();
  EXPECT_EQ(queue_due_rescans(*db, now + 29 * 86400), 0);
  now += 30 * 86400;
  EXPECT_EQ(queue_due_rescans(*db, now), 1);
  EXPECT_EQ(queue_due_rescans(*db, now), 0);  // queued once, however often the schedule runs
  drain();
  EXPECT_EQ(scanner->calls, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scans"), 2);
}

TEST_P(Jobs, WithdrawalDuringAScanWritesNoResults) {
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  auto job = p->jobs().claim("slow", {JobKind::scan}, 60);
  ASSERT_TRUE(job.has_value());
  ASSERT_TRUE(p->businesses().withdraw(owner, b).ok());
  ScanOutput out{"scanned", "{}", {{"WEB_NO_HSTS", "", "medium"}}};
  // Copied, not captured: clang 14 cannot capture a structured binding.
  EXPECT_TRUE(p->jobs().complete(*job, [&, business = b](store::Tx& tx) {
    EXPECT_EQ(store_scan(tx, now, business, job->id, out, "https://x"), 0);
  }));
  EXPECT_EQ(count("SELECT COUNT(*) FROM scans"), 0);
}

TEST_P(Jobs, WithdrawalKeepsOnlyAnonymousCounts) {
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  scanner->findings["een.test"] = {{"TLS_OLD_PROTOCOLS", "mx.een.test", "high"}};
  drain();
  ASSERT_TRUE(p->businesses().withdraw(owner, b).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM scans WHERE report_json IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scan_findings WHERE subject <> ''"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scan_findings WHERE finding_id = 'TLS_OLD_PROTOCOLS'"), 1);
  now += 365 * 86400;
  EXPECT_EQ(queue_due_rescans(*db, now), 0);  // never scanned again
}

TEST_P(Jobs, RetentionErasesExpiredBusinesses) {
  ready_business(c, "een.test", "een@een.test");
  drain();
  EXPECT_EQ(apply_retention(*db, now + 364 * 86400), 0);
  EXPECT_EQ(apply_retention(*db, now + 366 * 86400), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM businesses WHERE status = 'expired' AND email IS NULL AND domain IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE role = 'entrepreneur'"), 0);
  EXPECT_EQ(apply_retention(*db, now + 367 * 86400), 0);
}

TEST_P(Jobs, FailedMailIsRetriedAndKeptUntilSent) {
  mail->fail_with = "smtp: Couldn't connect to server";
  drain();  // the coordinator's invitation: first attempt fails
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'queued' AND recipient IS NOT NULL"), 1);
  mail->fail_with.clear();
  now += 61;
  drain();
  EXPECT_EQ(mail->sent.size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'sent'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Store, Jobs, ::testing::ValuesIn(backends()), backend_name);

TEST(PlatformCompare, ByFindingIdAndSubject) {
  std::vector<FindingRow> first{{"A", "", "high"}, {"B", "mx1", "low"}, {"B", "mx2", "low"}};
  std::vector<FindingRow> latest{{"B", "mx2", "low"}, {"C", "", "medium"}};
  auto c = compare(first, latest);
  ASSERT_EQ(c.fixed.size(), 2u);
  EXPECT_EQ(c.fixed[1].subject, "mx1");
  ASSERT_EQ(c.still_open.size(), 1u);
  ASSERT_EQ(c.added.size(), 1u);
  EXPECT_EQ(c.added[0].id, "C");
}

}  // namespace
}  // namespace weerbaar::platform_testing
