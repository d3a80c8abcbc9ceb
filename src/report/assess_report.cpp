// The Basisscan report's pieces shared by its HTML renderer (assess_report_html.cpp) and its PDF
// renderer (assess_report_pdf.cpp).
#include "report/assess_report.hpp"

#include "report/assess_report_texts.hpp"

namespace weerbaar::report {

namespace detail {

std::string business_of(const ReportData& d, const Texts& tx) {
  return d.business.empty() ? tx.t("report.no_business") : d.business;
}

std::string examined_scan(const ReportScan& s, const Texts& tx) {
  return tx.t("report.examined_scan", {{"domain", s.domain}, {"date", s.scanned_at}});
}

}  // namespace detail

std::string human_date(int year, int month, int day, content::Lang lang, const content::Library& lib) {
  if (month < 1 || month > 12) return std::to_string(year);
  return std::to_string(day) + " " + lib.ui("month." + std::to_string(month), lang) + " " + std::to_string(year);
}

}  // namespace weerbaar::report
