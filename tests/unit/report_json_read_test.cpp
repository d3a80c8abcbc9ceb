// The scan JSON read back (report::read_json): every field of a DomainReport the document holds
// comes back, the subject of a check on a mail server included, and a broken document is named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/scan_report.hpp"
#include "scan/facts_json.hpp"
#include "support/full_facts.hpp"

namespace weerbaar::report {
namespace {
using content::Lang;
using content::Library;
using namespace std::chrono_literals;

std::vector<scan::DomainReport> sample_reports() {
  scan::DomainReport r;
  r.input = "Bakkerij-Jansen.test";
  r.domain = "bakkerij-jansen.test";
  r.status = scan::DomainStatus::scanned;
  r.addresses = {"127.60.0.10", "::1"};
  r.facts = scan::facts_samples::full_facts();
  r.duration = 1234ms;
  r.results.push_back(Verdict("tls.certificate").fail("TLS_CERT_EXPIRED", {{"not_after", "2026-11-01"}}).done());
  CheckResult mx = Verdict("tls.certificate").fail("TLS_CERT_EXPIRED", {{"not_after", "2026-10-01"}}).done();
  mx.subject = "mx.bakkerij-jansen.test";
  r.results.push_back(mx);
  r.results.push_back(Verdict("tls.early_data").inconclusive("timeout").done());
  r.results.push_back(Verdict("web.hsts").not_applicable("no HTTPS").done());
  r.results.push_back(Verdict("web.cookies").done());
  scan::DomainReport refused;
  refused.input = "intern.test";
  refused.domain = "intern.test";
  refused.status = scan::DomainStatus::refused;
  refused.message = "resolves to a loopback address";
  refused.addresses = {"127.0.0.1"};
  refused.duration = 3ms;
  return {r, refused};
}

void expect_same(const CheckResult& a, const CheckResult& b) {
  EXPECT_EQ(a.check, b.check);
  EXPECT_EQ(a.outcome, b.outcome) << a.check;
  EXPECT_EQ(a.reason, b.reason) << a.check;
  EXPECT_EQ(a.subject, b.subject) << a.check;
  ASSERT_EQ(a.findings.size(), b.findings.size()) << a.check;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].id, b.findings[i].id);
    EXPECT_EQ(a.findings[i].params, b.findings[i].params);
  }
}

void expect_same(const scan::DomainReport& a, const scan::DomainReport& b, bool with_facts) {
  EXPECT_EQ(a.input, b.input);
  EXPECT_EQ(a.domain, b.domain);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.addresses, b.addresses);
  EXPECT_EQ(a.duration, b.duration);
  if (with_facts) {
    EXPECT_EQ(scan::facts_to_json(a.facts), scan::facts_to_json(b.facts));
  } else if (a.status == scan::DomainStatus::scanned) {
    EXPECT_EQ(a.facts.address, b.facts.address);
    // The document gives the time scanned to the second.
    EXPECT_EQ(std::chrono::floor<std::chrono::seconds>(a.facts.scanned_at), b.facts.scanned_at);
  }
  ASSERT_EQ(a.results.size(), b.results.size());
  for (std::size_t i = 0; i < a.results.size(); ++i) expect_same(a.results[i], b.results[i]);
}

TEST(ScanJsonRead, EveryFieldComesBackWithFacts) {
  const auto reports = sample_reports();
  const auto started = scan::facts_samples::at(2026, 11, 23) + 21h;
  const std::string text = render_json(reports, Library::embedded(), Lang::en, started, true);
  const ScanDocument doc = read_json(text);
  EXPECT_EQ(doc.started, started);
  EXPECT_EQ(doc.lang, Lang::en);
  ASSERT_EQ(doc.reports.size(), reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i) expect_same(reports[i], doc.reports[i], true);
  // Written again, the document is the same.
  EXPECT_EQ(render_json(doc.reports, Library::embedded(), Lang::en, doc.started, true), text);
}

TEST(ScanJsonRead, WithoutFactsTheAddressAndTimeComeBack) {
  const auto reports = sample_reports();
  const ScanDocument doc = read_json(render_json(reports, Library::embedded(), Lang::nl, {}, false));
  EXPECT_EQ(doc.lang, Lang::nl);
  ASSERT_EQ(doc.reports.size(), reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i) expect_same(reports[i], doc.reports[i], false);
  EXPECT_FALSE(doc.reports[0].facts.tls.has_value());
}

TEST(ScanJsonRead, TheMailServerStaysTheSubject) {
  const ScanDocument doc = read_json(render_json(sample_reports(), Library::embedded(), Lang::nl, {}));
  const auto& results = doc.reports.at(0).results;
  EXPECT_EQ(results.at(0).subject, "");
  EXPECT_EQ(results.at(1).subject, "mx.bakkerij-jansen.test");
}

void expect_error(const std::string& text, const std::string& where) {
  try {
    (void)read_json(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const ScanJsonError& e) {
    EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
  }
}

TEST(ScanJsonRead, ABrokenDocumentIsNamed) {
  expect_error("{", "not JSON");
  expect_error(R"({"schema": "weerbaar.facts/1"})", "schema weerbaar.scan/1");
  expect_error(R"({"schema": "weerbaar.scan/1"})", "scan.domains: missing");
  expect_error(R"({"schema": "weerbaar.scan/1", "domains": [{"status": "sort of"}]})",
               "domains[0].status: unknown status 'sort of'");
  expect_error(R"({"schema": "weerbaar.scan/1", "domains": [{"status": "scanned", "checks": [{"id": "x"}]}]})",
               "domains[0].checks[0].outcome: missing");
  expect_error(R"({"schema": "weerbaar.scan/1", "domains": [{"status": "scanned",
                  "checks": [{"id": "x", "outcome": "pass", "findings": [{"id": "A", "params": {"n": 1}}]}]}]})",
               "domains[0].checks[0].findings[0].params.n: expected a string");
  expect_error(
      R"({"schema": "weerbaar.scan/1", "domains": [{"status": "scanned", "facts": {"tls": {"status": "meh"}}}]})",
      "domains[0].facts: tls.status: unknown value 'meh'");
}

}  // namespace
}  // namespace weerbaar::report
