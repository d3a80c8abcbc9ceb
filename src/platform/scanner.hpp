#pragma once
// What a scan job runs. The platform's scanner runs the engine as a library (scan_runner.hpp);
// tests use a scripted one. Either way the outcome is the report as JSON (the same document
// as `weerbaar scan --format json`) plus its findings for the dashboard and comparisons.
#include <string>
#include <vector>

namespace weerbaar::platform {

struct FindingRow {
  std::string id;       // e.g. TLS_CERT_EXPIRED
  std::string subject;  // empty: the domain itself; else the other server judged
  std::string severity;
  bool operator==(const FindingRow&) const = default;
};

struct ScanOutput {
  std::string status;  // the DomainStatus: scanned, refused, unresolved, ...
  std::string report_json;
  std::vector<FindingRow> findings;
};

class Scanner {
 public:
  virtual ~Scanner() = default;
  // Blocking; bounded by the engine's own deadlines. lang: "nl" or "en" for the report texts.
  virtual ScanOutput scan(const std::string& domain, const std::string& lang) = 0;
};

}  // namespace weerbaar::platform
