#include "platform/worker.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <stdexcept>

#include "platform/reports.hpp"
#include "platform/retention.hpp"
#include "platform/signups.hpp"

namespace weerbaar::platform {

std::string default_worker_name() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "worker") + ":" + std::to_string(getpid());
}

Worker::Worker(Context& ctx, std::shared_ptr<Scanner> scanner, std::shared_ptr<MailSender> mail, WorkerOptions opt)
    : ctx_(ctx), queue_(ctx), scanner_(std::move(scanner)), mail_(std::move(mail)), opt_(std::move(opt)) {
  if (opt_.name.empty()) opt_.name = default_worker_name();
  // A job taken that this worker cannot run would use up one of its attempts and wait out a
  // retry, while a worker that can run it stands idle.
  std::erase_if(opt_.kinds,
                [&](JobKind k) { return (k == JobKind::email && !mail_) || (k == JobKind::scan && !scanner_); });
}

Worker::~Worker() {
  stop();
}

std::thread Worker::spawn(std::function<void()> body) const {
  if (opt_.start_thread) return opt_.start_thread(std::move(body));
  return std::thread(std::move(body));
}

WorkerThreads Worker::start() {
  stopping_ = false;
  // Room for every thread before the first starts: a push_back below cannot throw, so no
  // started thread is ever dropped unjoined (std::terminate).
  threads_.reserve(threads_.size() + static_cast<std::size_t>(std::max(0, opt_.threads)) + 1);
  try {
    threads_.push_back(spawn([this] { heartbeats(); }));
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot start a thread: ") + e.what());
  }
  WorkerThreads got;
  for (int i = 0; i < opt_.threads; ++i) {
    try {
      threads_.push_back(spawn([this, i] { loop(i); }));
      ++got.jobs;
    } catch (const std::exception& e) {
      got.refused = e.what();
      break;
    }
  }
  if (got.jobs == 0 && opt_.threads > 0) {
    stop();
    throw std::runtime_error("cannot start a thread: " + got.refused);
  }
  return got;
}

void Worker::stop() {
  {
    // Under the lock, so that a thread between its check and its wait cannot miss the wake-up.
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void Worker::loop(int slot) {
  auto last_schedule = std::chrono::steady_clock::time_point{};
  while (!stopping_) {
    bool worked = false;
    try {
      // Thread 0 also keeps the schedule; in several processes each does, harmlessly.
      if (slot == 0 && std::chrono::steady_clock::now() - last_schedule > std::chrono::seconds(opt_.schedule_seconds)) {
        last_schedule = std::chrono::steady_clock::now();
        schedule();
      }
      worked = run_once(slot);
    } catch (const std::exception&) {
      // The database was unreachable: wait and try again; the jobs are safe in it.
    }
    if (!worked) {
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, std::chrono::milliseconds(opt_.idle_poll_ms), [this] { return stopping_.load(); });
    }
  }
}

void Worker::heartbeats() {
  while (!stopping_) {
    std::vector<Job> jobs;
    {
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, std::chrono::seconds(opt_.heartbeat_seconds), [this] { return stopping_.load(); });
      for (const auto& [id, job] : running_) jobs.push_back(job);
    }
    for (const auto& job : jobs) {
      try {
        queue_.heartbeat(job, opt_.lease_seconds);
      } catch (const std::exception&) {
        // Try again next round; the lease is long enough for a few misses.
      }
    }
  }
}

bool Worker::run_once(int slot) {
  auto job = queue_.claim(opt_.name + "#" + std::to_string(slot), opt_.kinds, opt_.lease_seconds);
  if (!job) return false;
  {
    std::lock_guard lock(mu_);
    running_[job->id] = *job;
  }
  try {
    run(*job);
  } catch (const std::exception& e) {
    try {
      queue_.fail(*job, std::string("internal error: ") + e.what(), 300);
    } catch (const std::exception&) {
      // The lease will expire and the job be claimed again.
    }
  }
  std::lock_guard lock(mu_);
  running_.erase(job->id);
  return true;
}

DrainResult Worker::drain() {
  schedule();
  stopping_ = false;
  const int wanted = std::max(1, opt_.threads);
  std::vector<std::thread> slots;
  // Before any thread starts: from here on nothing may throw past a running thread.
  slots.reserve(static_cast<std::size_t>(wanted - 1));
  std::thread beat;
  try {
    beat = spawn([this] { heartbeats(); });
  } catch (const std::exception& e) {
    // Without heartbeats a job longer than the lease would be claimed again midway: take none.
    throw std::runtime_error(std::string("cannot start a thread, so no job was taken: ") + e.what());
  }
  std::mutex failed_mu;
  std::exception_ptr failed;
  auto slot = [&](int i) {
    try {
      while (run_once(i)) {
      }
    } catch (const std::exception&) {
      std::lock_guard lock(failed_mu);
      if (!failed) failed = std::current_exception();
    }
  };
  DrainResult result;
  // Slot 0 is the calling thread, so the queue drains even when the system gives no more.
  for (int i = 1; i < wanted; ++i) {
    try {
      slots.push_back(spawn([&slot, i] { slot(i); }));
    } catch (const std::exception& e) {
      result.threads.refused = e.what();
      break;
    }
  }
  result.threads.jobs = static_cast<int>(slots.size()) + 1;
  slot(0);
  for (auto& t : slots) t.join();
  {
    // Under the lock, so that a thread between its check and its wait cannot miss the wake-up.
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  beat.join();
  if (failed) std::rethrow_exception(failed);
  if (!mail_) result.mail_waiting = queue_.count(JobState::queued, JobKind::email);
  return result;
}

void Worker::schedule() {
  queue_due_rescans(ctx_.db, ctx_.now());
  apply_retention(ctx_.db, ctx_.now());
}

void Worker::run(const Job& job) {
  switch (job.kind) {
    case JobKind::scan: run_scan(job); break;
    case JobKind::email: run_email(job); break;
  }
}

void Worker::run_scan(const Job& job) {
  auto target = ctx_.db.read([&](store::Tx& tx) -> std::optional<std::pair<std::string, std::string>> {
    // Checked again here, not only when queued: consent may have been withdrawn meanwhile.
    if (!progress_of(tx, job.business).may_scan()) return std::nullopt;
    auto r = tx.one("SELECT domain, lang FROM businesses WHERE id = ?", {job.business});
    return std::make_pair(r->text(0), r->text(1));
  });
  if (!target) {
    queue_.cancel(job, "the business may no longer be scanned");
    return;
  }
  ScanOutput out = scanner_->scan(target->first, target->second);
  // The results and the job's completion commit together; if the lease was lost meanwhile,
  // neither is written and the worker that holds it now finishes the job.
  queue_.complete(job,
                  [&](store::Tx& tx) { store_scan(tx, ctx_.now(), job.business, job.id, out, ctx_.config.base_url); });
}

void Worker::run_email(const Job& job) {
  auto row = ctx_.db.read([&](store::Tx& tx) {
    return tx.one("SELECT recipient, subject, body, state FROM outbox WHERE id = ?", {std::stoll(job.payload)});
  });
  if (!row || row->text(3) != "queued" || row->null(0)) {
    queue_.cancel(job, "the message was withdrawn");
    return;
  }
  // mail_ is set: a worker without a sender takes no e-mail (the constructor).
  std::string problem = mail_->send(OutgoingMail{ctx_.config.mail_from, row->text(0), row->text(1), row->text(2)});
  if (!problem.empty()) {
    queue_.fail(job, problem, 60 * job.attempts);
    return;
  }
  // Sent: the address and text go, the count stays. A crash between sending and this commit
  // sends the message again on the retry: e-mail is at least once, never lost.
  queue_.complete(job, [&](store::Tx& tx) {
    tx.exec("UPDATE outbox SET state = 'sent', sent_at = ?, recipient = NULL, subject = NULL, body = NULL WHERE id = ?",
            {ctx_.now(), std::stoll(job.payload)});
  });
}

}  // namespace weerbaar::platform
