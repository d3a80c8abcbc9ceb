#pragma once
// The platform's Scanner: the scan engine run as a library inside this process (no shelling
// out to the CLI), its report rendered as the same JSON document the CLI writes.
#include <mutex>

#include "platform/scanner.hpp"
#include "scan/engine.hpp"

namespace weerbaar::platform {

class EngineScanner : public Scanner {
 public:
  explicit EngineScanner(scan::ScanOptions opt) : opt_(std::move(opt)) {}
  ScanOutput scan(const std::string& domain, const std::string& lang) override;

 private:
  scan::ScanOptions opt_;
};

// The rows the dashboard and the comparison need, from a finished domain report.
std::vector<FindingRow> finding_rows(const scan::DomainReport& r);

}  // namespace weerbaar::platform
