#include "platform/engine_scanner.hpp"

#include "report/scan_report.hpp"
#include "scan/scan.hpp"

namespace weerbaar::platform {

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

ScanOutput EngineScanner::scan(const std::string& domain, const std::string& lang) {
  auto started = std::chrono::system_clock::now();
  // A context per scan for now (scan::scan_list); a long-lived ScanContext shared by the
  // worker's scans is the engine's API for that (scan/scan.hpp).
  auto reports = scan::scan_list(opt_, {domain}, 1);
  const auto& r = reports.at(0);
  auto l = content::lang_from_string(lang).value_or(content::Lang::nl);
  return ScanOutput{std::string(to_string(r.status)),
                    report::render_json(reports, content::Library::embedded(), l, started), finding_rows(r)};
}

}  // namespace weerbaar::platform
