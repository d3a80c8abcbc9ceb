#pragma once
// The scan report in the browser: every finding with what it means and what to do, in the
// same words as the command line (content/checks, via the same scoring of src/report), and
// what changed since the first scan.
#include <set>
#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/finding.hpp"
#include "scan/engine.hpp"
#include "web/html.hpp"

namespace weerbaar::web {

// A finding as it is compared between scans: its id and the server it was about.
struct FindingKey {
  std::string id;
  std::string subject;
  auto operator<=>(const FindingKey&) const = default;
};

struct ScanChange {
  std::set<FindingKey> fixed;       // at the first scan, not any more
  std::set<FindingKey> added;       // new since the first scan
  std::set<FindingKey> still_open;  // at both
};

// The findings grouped by family, worst first, each with its light (by its own severity) and
// advice as the command line gives them (report::advise); passed checks in one list per family.
Html report_html(const scan::DomainReport& scanned, const content::Library& lib, content::Lang lang);

// A finding's title where its parameters are not at hand (the dashboard's aggregates, the
// change list): the content's title rendered with no parameters; a title that still needs one
// ("{header}") gives way to the title of the check that reports the finding.
std::string aggregate_title(std::string_view finding_id, const content::Library& lib, content::Lang lang);

// The title of the check that reports the finding ("HTTPS altijd gebruiken (HSTS)"): short
// enough for a chart's axis; the finding's own title stays in the table beside it.
std::string short_title(std::string_view finding_id, const content::Library& lib, content::Lang lang);

// "Fixed", "New" and "Still open" lists with the finding titles.
Html change_html(const ScanChange& change, const content::Library& lib, content::Lang lang);

}  // namespace weerbaar::web
