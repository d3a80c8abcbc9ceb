// The report of `weerbaar check` as HTML and PDF (src/report/assess_report.hpp).
#include "report/assess_report.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace weerbaar::report {
namespace {

ReportData sample() {
  ReportData d;
  d.lang = content::Lang::nl;
  d.business = "Garage <script>alert(1)</script> & Zn";
  d.date = "23 november 2026";
  d.scan = ReportScan{"garage-demo.nl",
                      "23 november 2026",
                      {{"Website", 70}},
                      {{Light::red, "Het certificaat is verlopen", "Vraag een nieuw certificaat aan."}}};
  d.topics = {{"Back-ups", 40, 1}, {"Wachtwoorden", 20, 0}};
  for (int i = 1; i <= 5; ++i) {
    d.top.push_back(
        {"Actie nummer " + std::to_string(i),
         "uzelf",
         "30 minuten",
         i == 2,
         i == 3,
         "Zo werkt het",
         {"Stap een", "Stap twee"},
         std::string("Wie: uzelf. Tijd: ongeveer 30 minuten.") + (i == 1 ? " Kosten: ongeveer € 5 per maand." : "")});
  }
  d.later.push_back({"Later te doen", "uw IT-leverancier", "2 uur", false, false, {}, {}, {}});
  return d;
}

TEST(AssessReportHtml, EscapesTheBusinessName) {
  const std::string html = render_html(sample());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("Garage &lt;script&gt;alert(1)&lt;/script&gt; &amp; Zn"), std::string::npos);
}

TEST(AssessReportHtml, HasTheLanguageAndOneH1) {
  const std::string html = render_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("<html lang=\"nl\">"), std::string::npos);
  auto d = sample();
  d.lang = content::Lang::en;
  EXPECT_NE(render_html(d).find("<html lang=\"en\">"), std::string::npos);
  std::size_t h1 = 0;
  for (auto p = html.find("<h1"); p != std::string::npos; p = html.find("<h1", p + 1)) ++h1;
  EXPECT_EQ(h1, 1U);
  EXPECT_NE(html.find("<th scope=\"col\">"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(AssessReportHtml, ContainsTheTopActionsInOrder) {
  const std::string html = render_html(sample());
  std::size_t at = html.find("Doe dit eerst");
  ASSERT_NE(at, std::string::npos);
  for (int i = 1; i <= 5; ++i) {
    const auto next = html.find("<h3>Actie nummer " + std::to_string(i) + "</h3>", at);
    ASSERT_NE(next, std::string::npos) << i;
    at = next;
  }
  EXPECT_GT(html.find("Later te doen"), at);
  // Who, time and cost under the action, as report::action_meta wrote them.
  EXPECT_NE(html.find("<p class=\"wb-meta-line\">Wie: uzelf. Tijd: ongeveer 30 minuten. Kosten: ongeveer € 5 per "
                      "maand.</p>"),
            std::string::npos);
}

TEST(AssessReportHtml, TrafficLightHasItsWord) {
  const std::string html = render_html(sample());
  EXPECT_NE(html.find("wb-light--red\"><span class=\"wb-dot\" aria-hidden=\"true\"></span>ERNSTIG</span>"),
            std::string::npos);
}

TEST(AssessReportHtml, DateInDutch) {
  EXPECT_EQ(human_date(2026, 3, 4, content::Lang::nl, content::Library::embedded()), "4 maart 2026");
  EXPECT_EQ(human_date(2026, 3, 4, content::Lang::en, content::Library::embedded()), "4 March 2026");
}

TEST(AssessReportPdf, WritesAPdf) {
  const auto path = std::filesystem::temp_directory_path() / "weerbaar-assess-report-test.pdf";
  render_pdf(sample(), path.string());
  std::ifstream in(path, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  std::filesystem::remove(path);
}

TEST(AssessReportPdf, UnwritablePathThrows) {
  EXPECT_THROW(render_pdf(sample(), "/nonexistent-dir/x/report.pdf"), ReportError);
}

}  // namespace
}  // namespace weerbaar::report
