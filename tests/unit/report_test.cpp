// Scores, traffic lights and the text/JSON reports, on a hand-made scan result.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/advice.hpp"
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

// The request to the supplier is a field of its own, besides the message that carries it.
TEST(JsonReport, RequestIsAFieldOfItsOwn) {
  auto started = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23};
  auto doc = nlohmann::json::parse(render_json({sample()}, Library::embedded(), Lang::nl, started));
  const auto& f = doc["domains"][0]["checks"][0]["findings"][0];
  ASSERT_TRUE(f.contains("request")) << f.dump();
  const auto request = f["request"].get<std::string>();
  EXPECT_EQ(request.rfind("Wilt u", 0), 0U) << request;
  EXPECT_NE(f["message"].get<std::string>().find(request), std::string::npos) << f.dump();
}

// The ready-made message goes to the supplier: it asks them (the finding's `request`), never
// passes on the owner's "Vraag uw webhoster ...", and keeps the technician's lines.
TEST(Advice, MessageAsksTheSupplier) {
  const auto& lib = Library::embedded();
  const auto r = Verdict("web.hsts").fail("WEB_HSTS_MISSING").done();
  const Advice a = advise(r, r.findings[0], "bakkerij-jansen.test", lib, Lang::nl);
  EXPECT_NE(a.fix.find("Vraag uw webhoster"), std::string::npos) << "the owner's own text stays";
  EXPECT_EQ(a.message.find("Goedendag, een beveiligingscheck van mijn domein bakkerij-jansen.test meldt: '" + a.title +
                           "'. Wilt u HSTS aanzetten op mijn website"),
            0U)
      << a.message;
  EXPECT_NE(a.message.find("Voor de technicus: nginx: 'add_header Strict-Transport-Security"), std::string::npos)
      << a.message;
  EXPECT_EQ(a.message.find("Vraag uw"), std::string::npos) << a.message;
}

TEST(Advice, NoMessageSpeaksToTheOwner) {
  const auto& lib = Library::embedded();
  for (const auto& [cid, check] : lib.checks()) {
    for (const auto& [fid, text] : check.findings) {
      for (const char* subject : {"", "mx.bakkerij-jansen.test"}) {
        if (*subject != '\0' && check.family != Family::tls) continue;
        auto r = Verdict(cid).fail(fid).done();
        r.subject = subject;
        for (const Lang lang : {Lang::nl, Lang::en}) {
          const Advice a = advise(r, r.findings[0], "bakkerij-jansen.test", lib, lang);
          for (const char* owner_words : {"Vraag uw", "Laat uw", "vraag uw", "Ask your", "Have your", "ask your"}) {
            EXPECT_EQ(a.message.find(owner_words), std::string::npos) << fid << " " << subject << ": " << a.message;
          }
          EXPECT_NE(a.message.find(a.request), std::string::npos) << fid;
          EXPECT_EQ(a.message.find("{domain}"), std::string::npos) << fid << ": " << a.message;
        }
      }
    }
  }
}

// Details and requests name the scanned domain's records, not "uwdomein.nl".
TEST(Advice, DetailsNameTheRealDomain) {
  const auto& lib = Library::embedded();
  const auto r = Verdict("mail.dmarc").fail("MAIL_DMARC_MISSING").done();
  const Advice a = advise(r, r.findings[0], "bakkerij-jansen.test", lib, Lang::nl);
  EXPECT_NE(a.details.find("TXT-record op _dmarc.bakkerij-jansen.test"), std::string::npos) << a.details;
  EXPECT_NE(a.details.find("rua=mailto:dmarc@bakkerij-jansen.test"), std::string::npos) << a.details;
  EXPECT_NE(a.message.find("_dmarc.bakkerij-jansen.test"), std::string::npos) << a.message;
  // A finding's own {domain} wins.
  const auto mx = Verdict("mail.mx").fail("MAIL_MX_MISSING", {{"domain", "winkel.bakkerij-jansen.test"}}).done();
  EXPECT_EQ(finding_params(mx.findings[0], "bakkerij-jansen.test").at("domain"), "winkel.bakkerij-jansen.test");
}

// A mail server's finding keeps its own words for the owner; its message asks for the change on
// that server.
TEST(Advice, MailServerMessage) {
  const auto& lib = Library::embedded();
  auto r = Verdict("tls.protocols").fail("TLS_1_0_OFFERED").done();
  r.subject = "mx.bakkerij-jansen.test";
  const Advice a = advise(r, r.findings[0], "bakkerij-jansen.test", lib, Lang::nl);
  EXPECT_EQ(a.owner, "mail_provider");
  EXPECT_EQ(a.fix, content::render(lib.ui("mail_server.fix", Lang::nl), {}));
  EXPECT_NE(a.message.find("meldt: 'Mailserver mx.bakkerij-jansen.test: De server staat een verouderde versleuteling "
                           "toe (TLS 1.0)'. Wilt u TLS 1.0 op de server uitzetten?"),
            std::string::npos)
      << a.message;
  // The technician of a mail server gets lines for mail software, not for a web server.
  EXPECT_NE(a.details.find("Postfix: 'smtpd_tls_protocols = >=TLSv1.2'"), std::string::npos) << a.details;
  for (const auto& [cid, check] : lib.checks()) {
    if (check.family != Family::tls) continue;
    for (const auto& [fid, text] : check.findings) {
      auto on_mx = Verdict(cid).fail(fid).done();
      on_mx.subject = "mx.bakkerij-jansen.test";
      for (const Lang lang : {Lang::nl, Lang::en}) {
        const Advice m = advise(on_mx, on_mx.findings[0], "bakkerij-jansen.test", lib, lang);
        for (const char* web_server : {"nginx", "Apache", "IIS:", "ssl_ciphers", "SSLCipherSuite"}) {
          EXPECT_EQ(m.details.find(web_server), std::string::npos) << fid << ": " << m.details;
          EXPECT_EQ(m.message.find(web_server), std::string::npos) << fid << ": " << m.message;
        }
      }
    }
  }
}

// Within one severity the content's priority decides: an open remote desktop, then no HTTPS and
// an expired certificate (the website's before a mail server's), then TLS compression.
TEST(FixFirst, WithinASeverityByPriority) {
  const auto& lib = Library::embedded();
  std::vector<CheckResult> results;
  results.push_back(Verdict("tls.compression").fail("TLS_COMPRESSION").done());
  results.push_back(Verdict("web.headers").fail("WEB_XCTO_MISSING").done());
  results.push_back(Verdict("web.hsts").fail("WEB_HSTS_MISSING").done());
  results.push_back(Verdict("exposure.mysql").fail("EXPOSURE_MYSQL_OPEN", {{"where", "127.0.0.1:3306"}}).done());
  auto mx = Verdict("tls.certificate").fail("TLS_CERT_EXPIRED").done();
  mx.subject = "mx.bakkerij-jansen.test";
  results.push_back(mx);
  results.push_back(Verdict("tls.certificate").fail("TLS_CERT_EXPIRED").done());
  results.push_back(Verdict("web.https").fail("WEB_HTTPS_MISSING").done());
  results.push_back(Verdict("exposure.rdp").fail("EXPOSURE_RDP_OPEN", {{"where", "127.0.0.1:3389"}}).done());
  std::vector<std::string> order;
  for (const auto& [check, finding] : fix_first(results, lib, 10)) {
    order.push_back(finding->id + (check->subject.empty() ? "" : "@mx"));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"EXPOSURE_RDP_OPEN", "TLS_CERT_EXPIRED", "WEB_HTTPS_MISSING",
                                             "TLS_CERT_EXPIRED@mx", "TLS_COMPRESSION", "EXPOSURE_MYSQL_OPEN",
                                             "WEB_HSTS_MISSING"}));
  EXPECT_EQ(fix_first(results, lib).size(), 5U);
}

}  // namespace
}  // namespace weerbaar::report
