// Scores, traffic lights and the text/JSON reports, on a hand-made scan result.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/scan_report.hpp"
#include "report/score.hpp"

namespace weerbaar::report {
namespace {
using content::Lang;
using content::Library;

scan::DomainReport sample() {
  scan::DomainReport r;
  r.input = "Bakkerij-Jansen.test";
  r.domain = "bakkerij-jansen.test";
  r.addresses = {"127.60.0.10"};
  r.facts.address = "127.60.0.10";
  r.facts.scanned_at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{21};
  r.duration = std::chrono::milliseconds(1234);
  r.results.push_back(
      Verdict("tls.certificate").fail("TLS_CERT_EXPIRES_SOON", {{"days", "10"}, {"not_after", "2026-12-03"}}).done());
  r.results.push_back(Verdict("tls.cert_key").done());
  r.results.push_back(Verdict("tls.cert_signature").done());
  r.results.push_back(Verdict("tls.ocsp_stapling").fail("TLS_OCSP_STAPLING_MISSING").done());
  r.results.push_back(Verdict("tls.early_data").inconclusive("timeout").done());
  return r;
}

TEST(Score, LightsFollowWorstSeverity) {
  const auto& lib = Library::embedded();
  auto r = sample();
  EXPECT_EQ(light_of(r.results[0], lib), Light::orange);
  EXPECT_EQ(light_of(r.results[1], lib), Light::green);
  EXPECT_EQ(light_of(r.results[3], lib), Light::blue);
  EXPECT_EQ(light_of(r.results[4], lib), Light::grey);
  EXPECT_EQ(light_of(Verdict("tls.certificate").fail("TLS_CERT_EXPIRED").done(), lib), Light::red);
}

TEST(Score, FamilyScoreWeighsWhatWasLost) {
  const auto& lib = Library::embedded();
  // certificate: weight 5, lost 3 (medium) -> 2; cert_key 5/5; cert_signature 5/5;
  // ocsp (notice only) and the inconclusive early_data do not count.
  auto scores = family_scores(sample().results, lib);
  ASSERT_EQ(scores.count(Family::tls), 1u);
  EXPECT_EQ(scores.at(Family::tls), 80);  // 12 of 15
  std::vector<CheckResult> none{Verdict("tls.early_data").inconclusive("timeout").done()};
  EXPECT_TRUE(family_scores(none, lib).empty());
}

TEST(TextReport, DutchReportReadsAsAReport) {
  auto text = render_text({sample()}, Library::embedded(), {.lang = Lang::nl});
  EXPECT_NE(text.find("Weerbaar-scan van bakkerij-jansen.test"), std::string::npos) << text;
  EXPECT_NE(text.find("Gescand op 23 november 2026 21:00 UTC, adres 127.60.0.10, in 1,23 seconden."), std::string::npos)
      << text;
  EXPECT_NE(text.find("Beveiligde verbinding (TLS) 80/100"), std::string::npos) << text;
  EXPECT_NE(text.find("[LET OP]"), std::string::npos);
  EXPECT_NE(text.find("Het beveiligingscertificaat verloopt binnenkort"), std::string::npos) << text;
  EXPECT_NE(text.find("Het certificaat verloopt over 10 dagen"), std::string::npos) << text;
  EXPECT_NE(text.find("[TLS_CERT_EXPIRES_SOON]"), std::string::npos) << text;
  EXPECT_NE(text.find("Wat kunt u doen?"), std::string::npos);
  EXPECT_NE(text.find("[ONBEKEND] 0-RTT (vroege data): Niet vast te stellen\n"), std::string::npos)
      << "a Dutch report shows no English reason";
  // Problems come before what is fine.
  EXPECT_LT(text.find("[LET OP]"), text.find("[GOED]"));
  for (std::size_t start = 0, nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    EXPECT_LE(nl - start, 90u) << "line too long: " << text.substr(start, nl - start);
  }
}

TEST(TextReport, EnglishAndUnscanned) {
  auto r = sample();
  scan::DomainReport bad;
  bad.input = "https://x.test/";
  bad.status = scan::DomainStatus::rejected;
  bad.message = "'https://x.test/' is a URL";
  auto text = render_text({r, bad}, Library::embedded(), {.lang = Lang::en});
  EXPECT_NE(text.find("Weerbaar scan of bakkerij-jansen.test"), std::string::npos) << text;
  EXPECT_NE(text.find("The certificate expires in 10 days"), std::string::npos) << text;
  EXPECT_NE(text.find("[UNKNOWN]  0-RTT (early data): Could not be determined (timeout)"), std::string::npos) << text;
  EXPECT_NE(text.find("Not scanned: 'https://x.test/' is a URL"), std::string::npos) << text;
}

TEST(JsonReport, CarriesIdsTextsAndScores) {
  auto started = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23};
  auto doc = nlohmann::json::parse(render_json({sample()}, Library::embedded(), Lang::en, started));
  EXPECT_EQ(doc["schema"], "weerbaar.scan/1");
  EXPECT_EQ(doc["started_at"], "2026-11-23T00:00:00Z");
  const auto& d = doc["domains"][0];
  EXPECT_EQ(d["input"], "Bakkerij-Jansen.test");
  EXPECT_EQ(d["status"], "scanned");
  EXPECT_EQ(d["scores"]["tls"], 80);
  EXPECT_EQ(d["highest_severity"], "medium");
  EXPECT_EQ(d["checks"][0]["id"], "tls.certificate");
  EXPECT_EQ(d["checks"][0]["light"], "orange");
  const auto& f = d["checks"][0]["findings"][0];
  EXPECT_EQ(f["id"], "TLS_CERT_EXPIRES_SOON");
  EXPECT_EQ(f["severity"], "medium");
  EXPECT_EQ(f["params"]["days"], "10");
  EXPECT_EQ(f["title"], "The security certificate expires soon");
  EXPECT_NE(f["impact"].get<std::string>().find("expires in 10 days (2026-12-03)"), std::string::npos) << f["impact"];
  EXPECT_EQ(d["checks"][4]["outcome"], "inconclusive");
  EXPECT_EQ(d["checks"][4]["reason"], "timeout");
}

}  // namespace
}  // namespace weerbaar::report
