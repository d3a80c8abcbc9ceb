#pragma once
// The report of `weerbaar check` for people on paper or in a browser: business, date, what was
// examined, the scan summary, the topic scores and the action plan, as one self-contained HTML
// page and as an A4 PDF (cairo + pango). ReportData holds finished texts in one language, so the
// renderers know nothing of the assess model or the scan engine; labels come from content/ui.json.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/content.hpp"
#include "report/score.hpp"

namespace weerbaar::report {

struct ReportFinding {
  Light light = Light::grey;
  std::string title;      // what is wrong, one line
  std::string fix;        // what to do about it, in plain words
  std::string details{};  // configuration lines for the technician; empty when there are none
};

struct ReportFamilyScore {
  std::string name;  // e.g. "Website"
  int score = 0;     // 0..100
};

// A summary of one scanned domain.
struct ReportScan {
  std::string domain;
  std::string scanned_at;  // a date for people, e.g. "23 november 2026"
  std::vector<ReportFamilyScore> scores;
  std::vector<ReportFinding> findings;  // worst first
};

struct ReportTopic {
  std::string title;
  int score = 0;    // 0..100
  int unknown = 0;  // times "I don't know"
};

struct ReportAction {
  std::string title;
  std::string who;         // e.g. "uw IT-leverancier"
  std::string time;        // e.g. "30 minuten"
  bool unsure = false;     // find out first
  bool from_scan = false;  // found by the scan
  std::string howto_title;
  std::vector<std::string> steps;
  std::string meta;  // who, time and cost in one line (report::action_meta)
};

struct ReportData {
  content::Lang lang = content::Lang::nl;
  std::string business;  // name of the business
  std::string date;      // date of the report, for people
  std::optional<ReportScan> scan;
  std::vector<ReportTopic> topics;
  std::vector<ReportAction> top;    // do this first, in order
  std::vector<ReportAction> later;  // afterwards, in order
  // For the page "about this report": who organised the scan and whom to ask. Empty: not named.
  std::string organiser{};
  std::string contact{};
};

class ReportError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A date for people in the report's language: "23 november 2026" (month names from ui.json).
std::string human_date(int year, int month, int day, content::Lang lang, const content::Library& lib);

// One HTML5 page with its CSS inline (NL Design System manner, print styles); every text escaped.
std::string render_html(const ReportData& data, const content::Library& lib = content::Library::embedded());

// Writes an A4 PDF to path. Throws ReportError when the file cannot be written.
void render_pdf(const ReportData& data, const std::string& path,
                const content::Library& lib = content::Library::embedded());
// The same PDF as bytes (for a download). Throws ReportError when cairo fails.
std::string render_pdf_bytes(const ReportData& data, const content::Library& lib);

}  // namespace weerbaar::report
