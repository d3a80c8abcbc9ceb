#pragma once
// Scan results as the entrepreneur and their helper read them: the latest report, the
// history, and what changed since the first scan (fixed, new, still open).
#include <optional>
#include <string>
#include <vector>

#include "platform/context.hpp"
#include "platform/scanner.hpp"

namespace weerbaar::platform {

struct ScanSummary {
  Id id = 0;
  Time scanned_at = 0;
  std::string status;
  std::vector<FindingRow> findings;
};

// First scan against latest, by finding id and subject.
struct Comparison {
  std::vector<FindingRow> fixed;       // in the first, gone in the latest
  std::vector<FindingRow> added;       // new in the latest
  std::vector<FindingRow> still_open;  // in both
};
Comparison compare(const std::vector<FindingRow>& first, const std::vector<FindingRow>& latest);

struct BusinessReport {
  Id business = 0;
  std::vector<ScanSummary> scans;          // oldest first
  std::optional<std::string> latest_json;  // the latest report (weerbaar.scan/1 JSON)
  std::optional<Comparison> since_first;   // with two or more scans
  bool scan_pending = false;               // a scan waits or runs
  std::optional<Time> next_scan_at;
  // For the report's page "about this report": who organised the scan (organisation and
  // campaign) and whom to ask (the assigned helper's name and e-mail; empty without a helper).
  std::string organiser;
  std::string contact;
};

class Reports {
 public:
  explicit Reports(Context& ctx) : ctx_(ctx) {}

  // The entrepreneur and the assigned helper only.
  Result<BusinessReport> report(const Actor& who, Id business);
  // A particular scan's report JSON.
  Result<std::string> scan_json(const Actor& who, Id business, Id scan);
  // A rescan now. scan.not_ready until consent, e-mail and proof are done; scan.pending when
  // one waits already.
  Result<Id> request_rescan(const Actor& who, Id business);

 private:
  Context& ctx_;
};

// Stores a finished scan inside the job's completing transaction (see JobQueue::complete).
// Returns 0 and writes nothing when the business has withdrawn meanwhile.
Id store_scan(store::Tx& tx, Time now, Id business, Id job, const ScanOutput& out, const std::string& base_url);

}  // namespace weerbaar::platform
