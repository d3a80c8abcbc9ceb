#pragma once
// The report on paper, its texts assembled in one place: a Basisscan plan and (optionally) a
// scanned domain become a ReportData in one language. `weerbaar check --html/--pdf` and the
// platform's /businesses/{id}/report.pdf both call report_data, so the report says the same
// wherever it is made. The small texts of the plan (who, how long, topic names) are shared by
// the terminal and the browser as well.
#include <chrono>
#include <optional>
#include <string>

#include "assess/assess_content.hpp"
#include "assess/plan.hpp"
#include "report/assess_report.hpp"
#include "scan/engine.hpp"

namespace weerbaar::report {

// Who the report is for and about. Empty business: the scanned domain names it.
struct ReportPeople {
  std::string business;
  std::string organiser;
  std::string contact;
};

// "30 minuten", "2 uur".
std::string duration_text(int minutes, const content::Library& lib, content::Lang lang);
// Who does an action: the party in ui.json, or the name content gives an unknown party.
std::string who_text(const assess::Action& a, const content::Library& lib, content::Lang lang);
// The line under an action of the plan: who, how long, and what it costs when it costs money.
// One text for the terminal, the web pages, the HTML and the PDF.
std::string action_meta(const assess::Action& a, const content::Library& lib, content::Lang lang);
std::string topic_title(const assess::AssessContent& c, const std::string& topic, content::Lang lang);

// The UTC date of t for people; the epoch (not known): today.
std::string report_date(std::chrono::system_clock::time_point t, const content::Library& lib, content::Lang lang);

// scan: a scanned domain (status scanned) as the engine made it or report::read_json read it
// back; each finding is shown by its own severity (content::severity_of).
ReportData report_data(const assess::Plan& plan, const assess::AssessContent& c, const scan::DomainReport* scan,
                       const ReportPeople& people, const content::Library& lib, content::Lang lang);

}  // namespace weerbaar::report
