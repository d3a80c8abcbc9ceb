#pragma once
// The platform's Scanner: the scan engine run as a library inside this process (no shelling
// out to the CLI), its report rendered as the same JSON document the CLI writes.
//
// One engine per process, shared by every job the process runs: one io_context on its own
// threads and one scan::ScanContext, so that the resolver's cache, the exposure probe's
// politeness limits (per address, over all jobs) and the caches of shared mail servers hold
// for the process's lifetime, as issue 8 asks of a long-lived server. The worker's threads
// call scan() and wait for their own scan; the scans themselves run on the engine's threads.
#include <memory>

#include "platform/scanner.hpp"
#include "scan/engine.hpp"

namespace weerbaar::platform {

class EngineScanner : public Scanner {
 public:
  // threads: the engine's event-loop threads (0: one per core). Throws dns::ResolverError when
  // the resolver settings are unusable.
  explicit EngineScanner(scan::ScanOptions opt, unsigned threads = 0);
  // Waits for the scans still running (the worker stops before its scanner is released).
  ~EngineScanner() override;
  EngineScanner(const EngineScanner&) = delete;
  EngineScanner& operator=(const EngineScanner&) = delete;

  ScanOutput scan(const std::string& domain, const std::string& lang) override;

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
};

// The rows the dashboard and the comparison need, from a finished domain report.
std::vector<FindingRow> finding_rows(const scan::DomainReport& r);

}  // namespace weerbaar::platform
