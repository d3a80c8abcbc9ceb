#include "platform/engine_scanner.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "report/scan_report.hpp"
#include "scan/scan.hpp"

namespace weerbaar::platform {

namespace asio = scan::net::asio;

std::vector<FindingRow> finding_rows(const scan::DomainReport& r) {
  const auto& lib = content::Library::embedded();
  std::vector<FindingRow> rows;
  for (const auto& c : r.results) {
    if (c.outcome != Outcome::fail) continue;
    for (const auto& f : c.findings) {
      // The finding's own severity where it was found (a mail server certificate no sender
      // checks is a notice), as the reports show it.
      rows.push_back(FindingRow{f.id, c.subject, std::string(to_string(content::severity_of(f, lib)))});
    }
  }
  return rows;
}

struct EngineScanner::Engine {
  Engine(scan::ScanOptions opt, unsigned threads)
      : work(asio::make_work_guard(io)), home(asio::make_strand(io)), context(home, std::move(opt)) {
    unsigned n = threads > 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i) pool.emplace_back([this] { io.run(); });
  }
  ~Engine() {
    // Without the guard the threads return once the last scan's handlers have run; the
    // context is then released on an idle executor, as scan/scan.hpp requires.
    work.reset();
    for (auto& t : pool) t.join();
  }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  asio::strand<asio::io_context::executor_type> home;
  scan::ScanContext context;
  std::vector<std::thread> pool;  // last: started when everything above exists
};

EngineScanner::EngineScanner(scan::ScanOptions opt, unsigned threads)
    : engine_(std::make_unique<Engine>(std::move(opt), threads)) {}

EngineScanner::~EngineScanner() = default;

ScanOutput EngineScanner::scan(const std::string& domain, const std::string& lang) {
  auto started = std::chrono::system_clock::now();
  // Each scan on a strand of its own (scan/scan.hpp: one handler of a scan at a time), many
  // scans in flight on the engine's threads.
  auto done = asio::co_spawn(
      asio::make_strand(engine_->io),
      [this, domain]() -> scan::net::awaitable<scan::DomainReport> {
        try {
          co_return co_await scan::scan(engine_->context, domain);
        } catch (const std::exception& e) {
          // As scan_list does: a bug is this domain's failed scan, not the worker's crash.
          scan::DomainReport r;
          r.input = domain;
          r.status = scan::DomainStatus::failed;
          r.message = std::string("internal error while scanning: ") + e.what();
          co_return r;
        }
      },
      asio::use_future);
  std::vector<scan::DomainReport> reports{done.get()};
  auto l = content::lang_from_string(lang).value_or(content::Lang::nl);
  return ScanOutput{std::string(to_string(reports[0].status)),
                    report::render_json(reports, content::Library::embedded(), l, started), finding_rows(reports[0])};
}

}  // namespace weerbaar::platform
