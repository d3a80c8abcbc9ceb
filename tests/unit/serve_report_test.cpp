// The platform's report reads a stored scan with the command line's reader and builder: a
// finding shown by its own severity (a mail server's expired certificate that no sender checks
// is a tip there, while the same finding on the website is serious), in the page and in the
// PDF's data, and the PDF made in memory is a whole PDF.
#include <gtest/gtest.h>

#include <algorithm>

#include "assess/plan.hpp"
#include "report/report_data.hpp"
#include "report/scan_report.hpp"
#include "web/report_view.hpp"
#include "web/scan_json.hpp"

namespace weerbaar::web {
namespace {
using content::Lang;
using content::Library;

// The stored scan as the platform's workers write it (report::render_json).
std::string stored_scan() {
  scan::DomainReport r;
  r.input = r.domain = "bakkerij-jansen.test";
  r.status = scan::DomainStatus::scanned;
  r.facts.scanned_at = std::chrono::system_clock::time_point{std::chrono::seconds{1795428000}};
  CheckResult mx =
      Verdict("tls.certificate").fail_as(Severity::notice, "TLS_CERT_EXPIRED", {{"not_after", "2026-10-01"}}).done();
  mx.subject = "mx.bakkerij-jansen.test";
  r.results.push_back(mx);
  r.results.push_back(Verdict("web.hsts").fail("WEB_HSTS_MISSING").done());
  return report::render_json({r}, Library::embedded(), Lang::nl, r.facts.scanned_at);
}

std::string page_of(const scan::DomainReport& r) {
  return report_html(r, Library::embedded(), Lang::en).str();
}

TEST(ServeReport, StoredScanKeepsEachFindingsOwnSeverity) {
  ASSERT_EQ(content::severity_of(Finding{"TLS_CERT_EXPIRED", {}}, Library::embedded()), Severity::high)
      << "the test needs a finding whose content severity is higher than the one given here";
  auto r = scanned_domain(stored_scan());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->domain, "bakkerij-jansen.test");
  ASSERT_EQ(r->results.size(), 2U);
  ASSERT_EQ(r->results[0].findings.size(), 1U);
  EXPECT_EQ(r->results[0].findings[0].severity, Severity::notice);
  EXPECT_EQ(r->results[0].subject, "mx.bakkerij-jansen.test");
}

TEST(ServeReport, PageShowsTheMailServersExpiredCertificateAsATip) {
  auto r = scanned_domain(stored_scan());
  ASSERT_TRUE(r);
  const std::string html = page_of(*r);
  const auto at = html.find("id=\"finding-TLS_CERT_EXPIRED\"");
  ASSERT_NE(at, std::string::npos) << html;
  const std::string section = html.substr(html.rfind("<section", at), 200);
  EXPECT_NE(section.find("wb-finding--blue"), std::string::npos) << section;
  EXPECT_EQ(section.find("wb-finding--red"), std::string::npos) << section;
  // The words are the command line's (report::advise): about the mail server, not a website.
  EXPECT_NE(html.find("mx.bakkerij-jansen.test"), std::string::npos);
}

TEST(ServeReport, PdfDataTakesTheSameSeverities) {
  auto r = scanned_domain(stored_scan());
  ASSERT_TRUE(r);
  const auto& c = assess::AssessContent::embedded();
  const auto plan = assess::plan(c, {}, assess::scan_findings(r->results, Library::embedded()));
  const auto d =
      report::report_data(plan, c, &*r, {"Bakkerij Jansen", "Gemeente Test", "Sam"}, Library::embedded(), Lang::nl);
  EXPECT_EQ(d.business, "Bakkerij Jansen");
  ASSERT_TRUE(d.scan);
  ASSERT_EQ(d.scan->findings.size(), 2U);
  // Worst first: HSTS (medium, orange) before the mail server's certificate (a tip, blue).
  EXPECT_EQ(d.scan->findings[0].light, report::Light::orange);
  EXPECT_EQ(d.scan->findings[1].light, report::Light::blue);
  EXPECT_EQ(d.scan->scanned_at, "23 november 2026");

  const std::string pdf = report::render_pdf_bytes(d, Library::embedded());
  ASSERT_GT(pdf.size(), 1000U);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("%%EOF", pdf.size() - 32), std::string::npos);
}

// The dashboard and the change list know a finding by its id only: no title may show a raw
// "{header}". A title without placeholders is the content's own; one with them gives way to
// its check's title.
TEST(ServeReport, AggregateTitlesHaveNoPlaceholders) {
  const auto& lib = Library::embedded();
  int own = 0;
  for (const auto& [check_id, check] : lib.checks()) {
    for (const auto& [id, f] : check.findings) {
      for (Lang lang : {Lang::nl, Lang::en}) {
        const std::string title = aggregate_title(id, lib, lang);
        EXPECT_EQ(title.find('{'), std::string::npos) << id << ": " << title;
        const std::string rendered = content::render(f.title.in(lang), {});
        if (rendered.find('{') == std::string::npos) {
          EXPECT_EQ(title, rendered) << id;
          ++own;
        } else {
          EXPECT_EQ(title, check.title.in(lang)) << id;
        }
      }
    }
  }
  EXPECT_GT(own, 0);
  EXPECT_EQ(aggregate_title("NO_SUCH_FINDING", lib, Lang::nl), "NO_SUCH_FINDING");
}

// A chart's axis names a weakness by its check's title, which is shorter than the finding's
// own (the table beside the chart keeps that one).
TEST(ServeReport, ShortTitlesAreTheChecksTitles) {
  const auto& lib = Library::embedded();
  std::size_t longest = 0;
  for (const auto& [check_id, check] : lib.checks()) {
    for (const auto& [id, f] : check.findings) {
      for (Lang lang : {Lang::nl, Lang::en}) {
        const std::string s = short_title(id, lib, lang);
        EXPECT_EQ(s, check.title.in(lang)) << id;
        longest = std::max(longest, s.size());
      }
    }
  }
  EXPECT_EQ(short_title("WEB_HSTS_MISSING", lib, Lang::nl), "HTTPS altijd gebruiken (HSTS)");
  EXPECT_LE(longest, 60u);  // a chart label; the finding titles run to 90 and more
  EXPECT_EQ(short_title("NO_SUCH_FINDING", lib, Lang::nl), "NO_SUCH_FINDING");
}

TEST(ServeReport, NotAScanDocumentIsNothing) {
  EXPECT_FALSE(scanned_domain("{}"));
  EXPECT_FALSE(scanned_domain("not json"));
  EXPECT_FALSE(scanned_domain(R"({"schema":"weerbaar.scan/1","domains":[]})"));
}

}  // namespace
}  // namespace weerbaar::web
