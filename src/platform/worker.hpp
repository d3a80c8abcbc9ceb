#pragma once
// Workers run the queue's jobs: scans through a Scanner, e-mail through a MailSender. Any
// number of them, in the serve process (threads) or as `weerbaar worker` processes on other
// machines; the queue's leases keep them from doing a job twice. One thread also keeps the
// schedule: rescans when a business's interval is up, and retention.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/context.hpp"
#include "platform/jobs.hpp"
#include "platform/mail_sender.hpp"
#include "platform/scanner.hpp"

namespace weerbaar::platform {

struct WorkerOptions {
  int threads = 2;             // jobs at once in this process
  int lease_seconds = 120;     // a dead worker's job is claimed again after this
  int heartbeat_seconds = 20;  // renewal while a job runs; well inside the lease
  int idle_poll_ms = 1000;     // how often an idle thread looks for work
  int schedule_seconds = 60;   // how often the schedule (rescans, retention) runs
  std::string name;            // this process's name in leases; default host:pid
  // Of these, a worker takes only the kinds it has a runner for: without a mail sender it
  // leaves e-mail queued for a worker that has one.
  std::vector<JobKind> kinds{JobKind::scan, JobKind::email};
  // Starts a thread (empty: std::thread). Tests make it refuse the way a system out of
  // threads does (std::system_error).
  std::function<std::thread(std::function<void()>)> start_thread;
};

// The threads a worker got. When the system refuses one (out of threads or memory), the
// worker runs with those it has rather than not at all.
struct WorkerThreads {
  int jobs = 0;         // jobs run at once
  std::string refused;  // the system's reason for the first refusal; empty when there was none
};

struct DrainResult {
  WorkerThreads threads;
  int mail_waiting = 0;  // e-mail jobs left queued for a worker with a mail sender (this one has none)
};

class Worker {
 public:
  Worker(Context& ctx, std::shared_ptr<Scanner> scanner, std::shared_ptr<MailSender> mail, WorkerOptions opt);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Starts the heartbeat and opt.threads job threads, or as many of those as the system gives.
  // Throws std::runtime_error, with nothing left running, when it gives none (opt.threads > 0)
  // or no heartbeat: without one a long job would lose its lease and run twice.
  WorkerThreads start();
  // Stops taking jobs and waits for the ones running to end.
  void stop();

  // Claims and runs one job on the calling thread; false when none was ready. For tests and
  // for a worker that drains the queue and exits.
  bool run_once(int slot = 0);
  // Runs the jobs that are ready on opt.threads threads at once (the calling thread one of
  // them, so fewer when the system refuses more) and returns when none is left (the schedule
  // runs first): `weerbaar worker --drain`. Rethrows the first database error after the
  // running jobs have ended; throws std::runtime_error, having taken no job, when the system
  // refuses the heartbeat's thread.
  DrainResult drain();
  // Queues rescans that are due and erases data past its campaign's retention period.
  // Idempotent and safe to run in several processes at once.
  void schedule();

 private:
  void loop(int slot);
  void heartbeats();
  void run(const Job& job);
  void run_scan(const Job& job);
  void run_email(const Job& job);
  std::thread spawn(std::function<void()> body) const;

  Context& ctx_;
  JobQueue queue_;
  std::shared_ptr<Scanner> scanner_;
  std::shared_ptr<MailSender> mail_;
  WorkerOptions opt_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable wake_;
  std::map<Id, Job> running_;  // for the heartbeat thread
  std::vector<std::thread> threads_;
};

// This process's default worker name: host name and process id, so that an operator can
// tell from a lease which machine holds a job.
std::string default_worker_name();

}  // namespace weerbaar::platform
