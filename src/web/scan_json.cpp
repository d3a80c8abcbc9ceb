#include "web/scan_json.hpp"

#include "report/scan_report.hpp"

namespace weerbaar::web {

std::optional<scan::DomainReport> scanned_domain(std::string_view text) {
  report::ScanDocument doc;
  try {
    doc = report::read_json(text);
  } catch (const report::ScanJsonError&) {
    return std::nullopt;
  }
  for (auto& r : doc.reports) {
    if (r.status == scan::DomainStatus::scanned) return std::move(r);
  }
  return std::nullopt;
}

}  // namespace weerbaar::web
