#include "platform/engine_scanner.hpp"

#include "report/scan_report.hpp"

namespace weerbaar::platform {

std::vector<FindingRow> finding_rows(const scan::DomainReport& r) {
  const auto& lib = content::Library::embedded();
  std::vector<FindingRow> rows;
  for (const auto& c : r.results) {
    if (c.outcome != Outcome::fail) continue;
    for (const auto& f : c.findings) {
      const auto* text = lib.finding(f.id);
      rows.push_back(
          FindingRow{f.id, c.subject, std::string(to_string(text != nullptr ? text->severity : Severity::high))});
    }
  }
  return rows;
}

ScanOutput EngineScanner::scan(const std::string& domain, const std::string& lang) {
  auto started = std::chrono::system_clock::now();
  // One engine per scan: its options are fixed, and engines share nothing between runs.
  scan::Engine engine(opt_);
  auto reports = engine.scan_all({domain});
  const auto& r = reports.at(0);
  auto l = content::lang_from_string(lang).value_or(content::Lang::nl);
  return ScanOutput{std::string(to_string(r.status)),
                    report::render_json(reports, content::Library::embedded(), l, started), finding_rows(r)};
}

}  // namespace weerbaar::platform
