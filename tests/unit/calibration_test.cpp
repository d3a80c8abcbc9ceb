// One test per rule calibrated against the Dutch reference (issue 10). Each names its source:
// internet.nl (github.com/internetstandards/Internet.nl, checks/...) or the NCSC-NL TLS
// guidelines of 2025 (section numbers as internet.nl cites them). docs/checks.md has the table.
#include <gtest/gtest.h>

#include <algorithm>

#include "assess/plan.hpp"
#include "core/content.hpp"
#include "report/score.hpp"
#include "scan/check.hpp"
#include "scan/mail/sender_validation.hpp"
#include "scan/tls/groups.hpp"
#include "support/check_runner.hpp"

namespace weerbaar::scan {
namespace {
using namespace std::chrono;
using check_testing::Ids;
using check_testing::ids;
using check_testing::run;

const auto kNow = sys_days{year{2026} / 11 / 23} + hours{12};

Severity content_severity(const std::string& id) {
  const auto* f = content::Library::embedded().finding(id);
  EXPECT_NE(f, nullptr) << id;
  return f != nullptr ? f->severity : Severity::high;
}

HostFacts tls_host(std::map<TlsVersion, bool> versions) {
  HostFacts h;
  h.host = "bakker.nl";
  TlsFacts t;
  t.versions = std::move(versions);
  if (t.versions[TlsVersion::tls1_3]) t.suites[TlsVersion::tls1_3] = {0x1302};
  if (t.versions[TlsVersion::tls1_2]) t.suites[TlsVersion::tls1_2] = {0xC02F};
  h.tls = t;
  return h;
}

// NCSC 2025 3.3.1 via internet.nl checks/tasks/tls/tls_constants.py (PROTOCOLS_GOOD = [1.3],
// PROTOCOLS_SUFFICIENT = [1.2], PROTOCOLS_PHASE_OUT = []): the table as a whole. TLS 1.3 only
// is good; TLS 1.2 only is sufficient (a notice for 1.3); older versions insufficient.
TEST(Calibration, ProtocolsJudgedByTheTableAsAWhole) {
  auto only13 = tls_host({{TlsVersion::ssl3, false},
                          {TlsVersion::tls1_0, false},
                          {TlsVersion::tls1_1, false},
                          {TlsVersion::tls1_2, false},
                          {TlsVersion::tls1_3, true}});
  EXPECT_EQ(run("tls.protocols", only13).outcome, Outcome::pass);
  auto only12 = tls_host({{TlsVersion::ssl3, false},
                          {TlsVersion::tls1_0, false},
                          {TlsVersion::tls1_1, false},
                          {TlsVersion::tls1_2, true},
                          {TlsVersion::tls1_3, false}});
  EXPECT_EQ(ids(run("tls.protocols", only12)), Ids{"TLS_1_3_MISSING"});
  EXPECT_EQ(content_severity("TLS_1_3_MISSING"), Severity::notice);
  auto old = tls_host({{TlsVersion::ssl3, false},
                       {TlsVersion::tls1_0, true},
                       {TlsVersion::tls1_1, false},
                       {TlsVersion::tls1_2, false},
                       {TlsVersion::tls1_3, false}});
  EXPECT_EQ(ids(run("tls.protocols", old)), (Ids{"TLS_1_0_OFFERED", "TLS_1_3_MISSING", "TLS_1_2_MISSING"}));
}

// NCSC 2025 3.3.3.1 via internet.nl tls_constants.py FFDHE_PHASE_OUT_PRIMES (3072..8192) and
// evaluation.py TLSForwardSecrecyParameterEvaluation (any other DH group is bad): ffdhe2048 is
// insufficient, the larger groups phase out, and the advice is to turn DHE off.
TEST(Calibration, FiniteFieldGroups) {
  EXPECT_EQ(tls::classify_group(tls::group::ffdhe2048), tls::NcscLevel::insufficient);
  for (auto g : {tls::group::ffdhe3072, tls::group::ffdhe4096, tls::group::ffdhe6144, tls::group::ffdhe8192})
    EXPECT_EQ(tls::classify_group(g), tls::NcscLevel::phase_out) << g;
  // tls_constants.py FS_EC_GOOD includes secp521r1.
  EXPECT_EQ(tls::classify_group(tls::group::secp521r1), tls::NcscLevel::good);
  const auto* phase_out = content::Library::embedded().finding("TLS_GROUP_PHASE_OUT");
  ASSERT_NE(phase_out, nullptr);
  EXPECT_EQ(phase_out->fix.en.find("ffdhe3072 or ffdhe4096"), std::string::npos) << "must not advise a phase-out group";
  EXPECT_NE(phase_out->fix.en.find("Turn DHE off"), std::string::npos);
}

// internet.nl checks/categories.py: result_phase_out is STATUS_NOTICE with full points
// (scoring.py WEB_TLS_PUBKEY_OK, WEB_TLS_SUITES_OK, WEB_TLS_FS_OK = FULL_WEIGHT_POINTS).
TEST(Calibration, PhaseOutIsANotice) {
  for (const char* id : {"TLS_CERT_KEY_PHASE_OUT", "TLS_CIPHER_PHASE_OUT", "TLS_GROUP_PHASE_OUT"})
    EXPECT_EQ(content_severity(id), Severity::notice) << id;
}

// internet.nl scoring.py: CAA_WORST_STATUS, WEB_APPSECPRIV_*_WORST_STATUS (CSP, Referrer-Policy,
// X-Content-Type-Options, security.txt: NOTICE; X-Frame-Options: INFO) and
// WEB_TLS_CLIENT_RENEG_WORST_STATUS (INFO): none counts in its score.
TEST(Calibration, WhatTheReferenceDoesNotScoreIsANotice) {
  for (const char* id :
       {"DNS_CAA_MISSING", "WEB_CSP_MISSING", "WEB_CSP_UNSAFE", "WEB_CSP_WILDCARD", "WEB_CSP_INCOMPLETE",
        "WEB_REFERRER_POLICY_WEAK", "WEB_XCTO_MISSING", "WEB_FRAME_OPTIONS_MISSING", "WEB_SECURITYTXT_MISSING",
        "WEB_SECURITYTXT_INVALID", "WEB_SECURITYTXT_EXPIRED", "TLS_CLIENT_RENEGOTIATION", "TLS_OCSP_STAPLING_MISSING"})
    EXPECT_EQ(content_severity(id), Severity::notice) << id;
}

// A notice never lowers a score (docs/scoring.md; internet.nl categories.py Category: only
// subtests with worst_status FAIL add to max_score).
TEST(Calibration, NoticesDoNotLowerTheScore) {
  const auto& lib = content::Library::embedded();
  std::vector<CheckResult> results;
  results.push_back(Verdict("web.hsts").done());
  results.push_back(Verdict("web.csp").fail("WEB_CSP_MISSING").done());
  results.push_back(Verdict("dns.caa").fail("DNS_CAA_MISSING").done());
  results.push_back(Verdict("web.security_txt").fail("WEB_SECURITYTXT_MISSING").done());
  EXPECT_EQ(report::family_scores(results, lib).at(Family::web), 100);
}

// A host whose TLS shows one certificate for its own name, valid from 10 days ago for 100 more.
HostFacts with_leaf(const std::string& host) {
  HostFacts f;
  f.host = host;
  f.scanned_at = kNow;
  f.tls.emplace();
  CertificateInfo leaf;
  leaf.names = {host};
  leaf.not_before = kNow - days{10};
  leaf.not_after = kNow + days{100};
  f.tls->certificate.chain = {leaf};
  return f;
}

// internet.nl checks/tasks/tls/evaluation.py TLSOCSPEvaluation: a certificate without an OCSP
// responder is "not_in_cert" (categories.py WebTlsOCSPStapling.result_not_in_cert: not tested).
TEST(Calibration, OcspStaplingOnlyWhenTheCertificateNamesAResponder) {
  HostFacts f = with_leaf("bakker.nl");
  f.tls->certificate.ocsp_stapled = false;
  EXPECT_EQ(run("tls.ocsp_stapling", f).outcome, Outcome::not_applicable);
  f.tls->certificate.chain.front().ocsp_urls = {"http://ocsp.example/"};
  EXPECT_EQ(ids(run("tls.ocsp_stapling", f)), Ids{"TLS_OCSP_STAPLING_MISSING"});
}

HostFacts with_name_servers(std::vector<std::optional<bool>> aaaa) {
  HostFacts f;
  f.host = "bakker.nl";
  f.dns.emplace();
  f.dns->ns_known = true;
  f.dns->ns_zone = "bakker.nl";
  int i = 0;
  for (auto a : aaaa) f.dns->name_servers.push_back({"ns" + std::to_string(++i) + ".hoster.nl", a});
  return f;
}

// internet.nl checks/tasks/ipv6.py (ns_aaaa: result_good when more than one name server has
// AAAA, result_only_one fails): at least two, not every one.
TEST(Calibration, NameServersAtLeastTwoWithIpv6) {
  EXPECT_EQ(run("dns.ns_ipv6", with_name_servers({true, true, false})).outcome, Outcome::pass);
  EXPECT_EQ(ids(run("dns.ns_ipv6", with_name_servers({true, false}))), Ids{"DNS_NS_IPV6_MISSING"});
  EXPECT_EQ(ids(run("dns.ns_ipv6", with_name_servers({true}))), Ids{"DNS_NS_IPV6_MISSING"});
  EXPECT_EQ(run("dns.ns_ipv6", with_name_servers({true, std::nullopt})).outcome, Outcome::inconclusive);
}

// internet.nl checks/tasks/mail.py dmarc_verify_sufficient_policy: p=none (and sp=none, which
// wins for the organisational domain) is invalid_p_sp: a fail, with partial points. Medium here.
TEST(Calibration, DmarcPolicyNoneAsTheReferenceRatesIt) {
  EXPECT_EQ(content_severity("MAIL_DMARC_POLICY_NONE"), Severity::medium);
  EXPECT_EQ(content_severity("MAIL_DMARC_SUBDOMAIN_NONE"), Severity::medium);
  EXPECT_LT(content_severity("MAIL_DMARC_POLICY_NONE"), Severity::high);
}

HostFacts mx_certificate(bool trusted, bool name, std::optional<SenderValidation> validation) {
  HostFacts f = with_leaf("mx.bakker.nl");
  f.tls->certificate.trusted = trusted;
  f.tls->certificate.name_matches = name;
  f.mail_server = validation;
  return f;
}

// internet.nl scoring.py MAIL_TLS_TRUSTED_WORST_STATUS and MAIL_TLS_HOSTMATCH_WORST_STATUS are
// INFO: SMTP does not validate certificates. With MTA-STS enforce (RFC 8461 §4.2) or DANE-TA
// (RFC 7672 §3.2, categories.py MailTlsCertHostmatch.result_has_daneTA) it is the real failure.
TEST(Calibration, MailServerCertificateCountsOnlyWhenSendersCheckIt) {
  const auto& lib = content::Library::embedded();
  auto none = run("tls.certificate", mx_certificate(false, false, SenderValidation{}));
  ASSERT_EQ(ids(none), (Ids{"TLS_CERT_UNTRUSTED", "TLS_CERT_NAME_MISMATCH"}));
  for (const auto& f : none.findings) EXPECT_EQ(content::severity_of(f, lib), Severity::notice) << f.id;
  EXPECT_EQ(report::light_of(none, lib), report::Light::blue);

  auto enforce = run("tls.certificate", mx_certificate(false, false, SenderValidation{.mta_sts_enforce = true}));
  for (const auto& f : enforce.findings) EXPECT_EQ(content::severity_of(f, lib), Severity::high) << f.id;

  auto dane_ee = run("tls.certificate", mx_certificate(true, false, SenderValidation{.dane = true}));
  EXPECT_EQ(content::severity_of(dane_ee.findings.at(0), lib), Severity::notice);
  auto dane_ta = run("tls.certificate", mx_certificate(true, false, SenderValidation{.dane = true, .dane_ta = true}));
  EXPECT_EQ(content::severity_of(dane_ta.findings.at(0), lib), Severity::high);

  // The website itself: a browser checks everything.
  auto web = run("tls.certificate", mx_certificate(false, true, std::nullopt));
  EXPECT_EQ(content::severity_of(web.findings.at(0), lib), Severity::high);
}

// RFC 8461 §2 and RFC 7672: DANE already makes DANE senders insist; internet.nl does not test
// MTA-STS at all. Missing MTA-STS is not applicable when every MX validates by DANE.
TEST(Calibration, MtaStsMissingNotApplicableWhenDaneValidates) {
  HostFacts f;
  f.host = "bakker.nl";
  f.mail.emplace();
  f.mail->policy.mx_status = LookupStatus::ok;
  f.mail->policy.mx = {{10, "mx.bakker.nl"}};
  f.mail->policy.mta_sts.status = LookupStatus::nodata;
  MailServerFacts s;
  s.name = "mx.bakker.nl";
  s.address = "192.0.2.25";
  s.tls.emplace();
  CertificateInfo leaf;
  leaf.der = {0x30, 0x01, 0x02};
  s.tls->certificate.chain = {leaf};
  s.tlsa_status = LookupStatus::ok;
  s.tlsa_dnssec = DnssecStatus::secure;
  s.tlsa = {TlsaRecord{3, 0, 0, leaf.der}};
  f.mail->servers = {s};
  EXPECT_TRUE(mail::dane_validates(s));
  EXPECT_EQ(run("mail.mta_sts", f).outcome, Outcome::not_applicable);
  f.mail->servers.front().tlsa.clear();
  f.mail->servers.front().tlsa_status = LookupStatus::nodata;
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_MISSING"});
}

// RFC 7505 §3: a domain that publishes a null MX MUST NOT publish other MX records; an MX that
// names a host without an address cannot receive mail (RFC 5321 §5.1). Both are broken mail, and
// such a server is not asked for STARTTLS, DANE, IPv6 or DNSSEC.
TEST(Calibration, BrokenMxSaidPlainly) {
  const auto& lib = content::Library::embedded();
  HostFacts f;
  f.host = "bakker.nl";
  f.mail.emplace();
  f.mail->policy.mx_status = LookupStatus::ok;
  f.mail->policy.mx = {{0, ""}, {10, "mx.bakker.nl"}};
  MailServerFacts gone;
  gone.name = "mx.bakker.nl";
  gone.no_address = true;
  f.mail->servers = {gone};
  auto mx = run("mail.mx", f);
  EXPECT_EQ(ids(mx), (Ids{"MAIL_MX_NULL_MIXED", "MAIL_MX_NO_ADDRESS"}));
  // No mail server left: no mail arrives at all.
  EXPECT_EQ(content::severity_of(mx.findings.at(1), lib), Severity::high);
  for (const char* id : {"mail.starttls", "mail.dane", "mail.server_ipv6", "mail.server_dnssec", "mail.mta_sts"})
    EXPECT_EQ(run(id, f).outcome, Outcome::not_applicable) << id;
}

// The finding's own severity is what the report shows: a low finding in a check that also found
// a high one is orange, not red.
TEST(Calibration, FindingsKeepTheirOwnSeverity) {
  const auto& lib = content::Library::embedded();
  EXPECT_EQ(report::light_of(content_severity("WEB_HSTS_SHORT")), report::Light::orange);
  EXPECT_EQ(report::light_of(content_severity("TLS_CERT_EXPIRED")), report::Light::red);
  Finding low{"WEB_HSTS_SHORT", {}, std::nullopt};
  EXPECT_EQ(content::severity_of(low, lib), Severity::low);
  Finding lowered{"TLS_CERT_EXPIRED", {}, Severity::notice};
  EXPECT_EQ(content::severity_of(lowered, lib), Severity::notice);
}

}  // namespace
}  // namespace weerbaar::scan

namespace weerbaar::assess {
namespace {

// Issue 10: an expired, misnamed or untrusted certificate, broken DNSSEC, an open remote desktop
// or database are "today" actions: in the top five of the plan whatever the answers weigh. Here
// every question gets its weakest answer, so that every action competes.
TEST(PlanUrgency, UrgentFindingAlwaysInTheTopFive) {
  const auto& c = AssessContent::embedded();
  Answers weakest;
  for (const auto& q : c.questions) {
    const Answer* worst = nullptr;
    for (const auto& a : q.answers) {
      if (a.score && (worst == nullptr || *a.score < *worst->score)) worst = &a;
    }
    if (worst == nullptr && !q.answers.empty()) worst = &q.answers.front();
    if (worst != nullptr) weakest[q.id] = worst->id;
  }
  for (const char* id : {"TLS_CERT_EXPIRED", "TLS_CERT_NAME_MISMATCH", "TLS_CERT_UNTRUSTED", "DNS_DNSSEC_BOGUS",
                         "EXPOSURE_RDP_OPEN", "EXPOSURE_MYSQL_OPEN", "EXPOSURE_REDIS_NO_AUTH"}) {
    const auto* action = c.action_for_finding(id);
    ASSERT_NE(action, nullptr) << id;
    // Also with the other urgent findings at once: all of them still fit in the top five.
    std::vector<ScanFinding> scan{{id, Severity::medium},
                                  {"TLS_CERT_EXPIRED", Severity::high},
                                  {"DNS_DNSSEC_BOGUS", Severity::high},
                                  {"EXPOSURE_RDP_OPEN", Severity::high},
                                  {"EXPOSURE_MYSQL_OPEN", Severity::medium},
                                  {"MAIL_SPF_ALLOWS_ALL", Severity::high}};
    auto p = plan(c, weakest, scan);
    auto it = std::find_if(p.actions.begin(), p.actions.end(),
                           [&](const PlannedAction& a) { return a.action->id == action->id; });
    ASSERT_NE(it, p.actions.end()) << id;
    EXPECT_LT(static_cast<std::size_t>(it - p.actions.begin()), Plan::top_count) << id << " -> " << action->id;
    EXPECT_TRUE(it->urgent) << id;
  }
  // A notice (a mail server's certificate no sender checks) is not urgent.
  auto p = plan(c, weakest, std::vector<ScanFinding>{{"TLS_CERT_EXPIRED", Severity::notice}});
  for (const auto& a : p.actions) EXPECT_FALSE(a.urgent) << a.action->id;
}

// MFA and remote access each appeared twice with the same how-to: one action per how-to page
// for these (issue 10).
TEST(PlanUrgency, NoDuplicateActionsForOneHowto) {
  const auto& c = AssessContent::embedded();
  std::map<std::string, int> per_howto;
  for (const auto& [id, a] : c.actions) ++per_howto[a.howto];
  EXPECT_EQ(per_howto["mfa"], 1);
  EXPECT_EQ(per_howto["remote_access"], 1);
}

}  // namespace
}  // namespace weerbaar::assess
