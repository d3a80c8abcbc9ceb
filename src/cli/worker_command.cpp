#include "cli/worker_command.hpp"

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "scan/scan_settings.hpp"

namespace weerbaar::cli {
void add_platform_options(CLI::App& cmd, PlatformArgs& a) {
  cmd.add_option("--db", a.db, "Database: a SQLite file, or postgresql://user@host:port/name")->capture_default_str();
  cmd.add_option("--base-url", a.base_url, "The platform's public address, for links in e-mail")->capture_default_str();
  cmd.add_option("--smtp", a.smtp,
                 "Mail server, e.g. smtp://mail.example.nl:25/ehlo-name (none: e-mail waits for a process with one)");
  cmd.add_option("--mail-from", a.mail_from, "Sender address of the platform's e-mail")->capture_default_str();
  cmd.add_flag("--lab", a.lab, "Allow loopback and other non-public addresses (the test lab only)");
  cmd.add_option("--resolver", a.resolver, "DNS resolver, ADDR or ADDR:PORT (default: /etc/resolv.conf)");
  cmd.add_option("--trust-anchor", a.trust_anchor, "DNSSEC trust anchor file (default: the root key)");
  cmd.add_option("--ca-file", a.ca_file, "Extra trusted root certificates (PEM), e.g. the lab's CA");
  cmd.add_option("--opt-out", a.opt_out,
                 "Opt-out list, as for weerbaar scan (default: /etc/weerbaar/opt-out.txt if present)");
  cmd.add_option("--workers", a.threads, "Jobs run at once in this process")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  cmd.add_option("--lease", a.lease_seconds, "Seconds before a dead worker's job is claimed again")
      ->check(CLI::Range(5, 3600))
      ->capture_default_str();
}

platform::RuntimeOptions runtime_options(const PlatformArgs& a) {
  platform::RuntimeOptions o;
  o.db_url = a.db;
  o.config.base_url = a.base_url;
  o.config.mail_from = a.mail_from;
  o.smtp.url = a.smtp;
  o.worker.threads = a.threads;
  o.worker.lease_seconds = a.lease_seconds;
  o.worker.heartbeat_seconds = std::max(1, a.lease_seconds / 5);
  // The scan's options are built where every front end builds them.
  scan::ScanSettings s;
  s.lab = a.lab;
  s.resolver = a.resolver;
  s.trust_anchor = a.trust_anchor;
  s.ca_file = a.ca_file;
  // The same list the scanner honours: refused at sign-up, never proven, never scanned.
  s.opt_out = a.opt_out;
  o.scan = scan::make_scan_options(s);
  return o;
}

namespace {

// "1 of 4 jobs at once: the system refused a thread (...)" when a worker got fewer threads
// than asked; empty when it got them all.
std::string fewer_threads(const platform::WorkerThreads& got, int asked) {
  if (got.refused.empty()) return {};
  return std::to_string(got.jobs) + " of " + std::to_string(asked) + " jobs at once: the system refused a thread (" +
         got.refused + ")";
}

}  // namespace

std::optional<platform::WorkerThreads> start_workers(platform::Worker& worker, const PlatformArgs& a,
                                                     const std::string& command) {
  platform::WorkerThreads got;
  try {
    got = worker.start();
  } catch (const std::exception& e) {
    std::cerr << "weerbaar " << command << ": " << e.what() << "\n";
    return std::nullopt;
  }
  if (auto fewer = fewer_threads(got, a.threads); !fewer.empty())
    std::cerr << "weerbaar " << command << ": " << fewer << "\n";
  if (a.smtp.empty()) std::cerr << "weerbaar " << command << ": no --smtp: e-mail waits for a process with one\n";
  return got;
}

namespace {

// `weerbaar worker --drain` ran every job it could, and e-mail is left for a process with
// --smtp: not a failure, and not all done either.
constexpr int kMailWaiting = 1;

int drain_queue(const PlatformArgs& a, platform::Worker& worker) {
  platform::DrainResult r;
  try {
    r = worker.drain();
  } catch (const std::exception& e) {
    // A database that went away, or no thread for the heartbeat: the jobs are safe in the queue.
    std::cerr << "weerbaar worker: " << e.what() << "\n";
    return Exit::failed;
  }
  if (auto fewer = fewer_threads(r.threads, std::max(1, a.threads)); !fewer.empty())
    std::cerr << "weerbaar worker: ran " << fewer << "\n";
  if (r.mail_waiting == 0) return Exit::ok;
  std::cerr << "weerbaar worker: " << r.mail_waiting << (r.mail_waiting == 1 ? " e-mail is" : " e-mails are")
            << " waiting for a worker with SMTP settings (--smtp)\n";
  return kMailWaiting;
}

int run_worker(const PlatformArgs& a, bool drain) {
  platform::Runtime rt;
  try {
    rt = platform::make_runtime(runtime_options(a));  // bad options and databases: one line
  } catch (const std::exception& e) {
    std::cerr << "weerbaar worker: " << e.what() << "\n";
    return Exit::bad_input;
  }
  if (drain) return drain_queue(a, *rt.worker);  // what is ready now, then exit: for scripts and tests
  // Block the stop signals in every thread, then wait for one here: a clean stop lets the
  // running jobs finish; a kill -9 is what the leases are for.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  auto got = start_workers(*rt.worker, a, "worker");
  if (!got) return Exit::failed;
  std::cerr << "weerbaar worker: running (" << got->jobs << " at once); stop with Ctrl-C\n";
  int sig = 0;
  sigwait(&stop, &sig);
  std::cerr << "weerbaar worker: stopping after the running jobs\n";
  rt.worker->stop();
  return Exit::ok;
}

}  // namespace

void add_worker_command(CLI::App& app, int& code) {
  static PlatformArgs args;
  static bool drain = false;
  auto* cmd = app.add_subcommand("worker", "Run the platform's scans and e-mail from its job queue");
  add_platform_options(*cmd, args);
  cmd->add_flag("--drain", drain,
                "Run the jobs that are ready, then exit (exit code 1: e-mail is left for a process with --smtp)");
  cmd->callback([&code] { code = run_worker(args, drain); });
}

}  // namespace weerbaar::cli
