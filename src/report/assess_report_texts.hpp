#pragma once
// What the two renderers of the Basisscan report (assess_report_html.cpp, assess_report_pdf.cpp)
// share: the labels of content/ui.json in the report's language, and the texts both print alike.
#include <string>
#include <string_view>

#include "core/content.hpp"
#include "report/assess_report.hpp"

namespace weerbaar::report::detail {

struct Texts {
  const content::Library& lib;
  content::Lang lang;
  [[nodiscard]] std::string t(std::string_view key, const Params& params = {}) const {
    return content::render(lib.ui(key, lang), params);
  }
};

// The business's name, or the words for "not named".
std::string business_of(const ReportData& d, const Texts& tx);
// "the website scan of DOMAIN on DATE".
std::string examined_scan(const ReportScan& s, const Texts& tx);

}  // namespace weerbaar::report::detail
