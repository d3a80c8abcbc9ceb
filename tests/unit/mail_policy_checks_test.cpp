// The mail policy checks over hand-built facts, and the SPF evaluation over an in-memory DNS.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "scan/mail/policy_records.hpp"
#include "scan/mail/spf_evaluation.hpp"
#include "support/check_runner.hpp"
#include "support/spf_zone.hpp"

namespace weerbaar::scan {
namespace {

using check_testing::Ids;
using check_testing::ids;
using check_testing::run;
using mail::spf::SpfResult;

const char* kRsa2048Record =
    "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyAz1wbzuHt2SAPAi2ce7MX9PDt6vuPowPPinYsET3Oc1bLKnD/eW"
    "/6Gozj+cGn4Bsn/c3CMOC+mJ4MHS9vQkO0/7E70sTCQKZQ4JD+FTZcfv/9xjeuv9per9jyQkIc5hTECHbMlEYiQ/KpZuBNWa/P"
    "DkaJ6smyA6O3fq+BdP97PUSUlZkyevpQsq9v6m8MxU0ZKbEMCZ206JspZb7lN2Z69FTrS2uwHQ/Sv0Wwj1xtTcZ4xUv/Zd8fHi"
    "ahBhFuqaGEMST/tnESDMDErERRImM7mcttEi1DdsRgydezCCiSnWJbqeC3U025Cr+BOm4prIfGK2GwOJhwHMz/85zlVY7QIDAQAB";
const char* kRsa512Record =
    "p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANtoBop7/JKEYsXTf24oAvREkeiKTdhfvXYMNbeWfqOn7vJjNctreEvcqYa3Xwmu"
    "DXOyQEJeKL2aAngQBPkFj98CAwEAAQ==";

TxtAnswer txt(std::vector<std::string> records) {
  TxtAnswer t;
  t.status = records.empty() ? LookupStatus::nodata : LookupStatus::ok;
  t.records = std::move(records);
  return t;
}

TxtAnswer failed_txt() {
  TxtAnswer t;
  t.status = LookupStatus::failed;
  t.error = "timeout";
  return t;
}

// A clean mail domain: every check passes on it.
HostFacts clean() {
  HostFacts f;
  f.host = "example.test";
  f.mail.emplace();
  MailPolicyFacts& p = f.mail->policy;
  p.mx_status = LookupStatus::ok;
  p.mx = {{10, "mx1.provider.test"}, {20, "mx2.provider.test"}};
  p.apex_txt = txt({"google-site-verification=x", "v=spf1 mx -all"});
  p.spf = SpfEvaluation{SpfResult::fail, "'-all' matched", 1, 0};
  p.dmarc = txt({"v=DMARC1; p=reject; rua=mailto:dmarc@example.test"});
  for (const auto& s : mail::dkim_selectors()) p.dkim.push_back({s, txt({})});
  p.dkim[3].txt = txt({kRsa2048Record});
  p.mta_sts = txt({"v=STSv1; id=1"});
  MtaStsFetch fetch;
  fetch.url = "https://mta-sts.example.test/.well-known/mta-sts.txt";
  fetch.http_status = 200;
  fetch.content_type = "text/plain";
  fetch.body = "version: STSv1\r\nmode: enforce\r\nmx: *.provider.test\r\nmax_age: 1209600\r\n";
  p.mta_sts_policy = fetch;
  p.tls_rpt = txt({"v=TLSRPTv1; rua=mailto:tls@example.test"});
  return f;
}

HostFacts no_mail_domain() {
  HostFacts f;
  f.host = "geenmail.test";
  f.mail.emplace();
  MailPolicyFacts& p = f.mail->policy;
  p.mx_status = LookupStatus::ok;
  p.mx = {{0, ""}};
  p.apex_txt = txt({"v=spf1 -all"});
  p.spf = SpfEvaluation{SpfResult::fail, "'-all' matched", 0, 0};
  p.dmarc = txt({"v=DMARC1; p=reject; rua=mailto:dmarc@geenmail.test"});
  for (const auto& s : mail::dkim_selectors()) p.dkim.push_back({s, txt({})});
  p.mta_sts = txt({});
  p.tls_rpt = txt({});
  return f;
}

const char* kChecks[] = {"mail.mx", "mail.spf", "mail.dmarc", "mail.dkim", "mail.mta_sts", "mail.tls_rpt"};

TEST(MailPolicyChecks, CleanDomainPassesEverything) {
  auto f = clean();
  for (const char* id : kChecks) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
    EXPECT_EQ(ids(r), Ids{}) << id;
  }
  EXPECT_NE(run("mail.dkim", f).reason.find("selector1"), std::string::npos);
}

TEST(MailPolicyChecks, NullMxDomainIsCleanOrNotApplicable) {
  auto f = no_mail_domain();
  for (const char* id : {"mail.mx", "mail.spf", "mail.dmarc"}) EXPECT_EQ(run(id, f).outcome, Outcome::pass) << id;
  for (const char* id : {"mail.dkim", "mail.mta_sts", "mail.tls_rpt"}) {
    EXPECT_EQ(run(id, f).outcome, Outcome::not_applicable) << id;
  }
}

TEST(MailPolicyChecks, NotProbedIsInconclusive) {
  HostFacts f;
  for (const char* id : kChecks) EXPECT_EQ(run(id, f).outcome, Outcome::inconclusive) << id;
}

TEST(MailPolicyChecks, Mx) {
  auto f = clean();
  f.mail->policy.mx_status = LookupStatus::nodata;
  f.mail->policy.mx.clear();
  EXPECT_EQ(ids(run("mail.mx", f)), Ids{"MAIL_MX_MISSING"});
  f.mail->policy.mx_status = LookupStatus::nxdomain;
  EXPECT_EQ(ids(run("mail.mx", f)), Ids{"MAIL_MX_MISSING"});
  f.mail->policy.mx_status = LookupStatus::failed;
  EXPECT_EQ(run("mail.mx", f).outcome, Outcome::inconclusive);
  // Without MX, MTA-STS and TLS-RPT have nothing to protect.
  f.mail->policy.mx_status = LookupStatus::nodata;
  EXPECT_EQ(run("mail.mta_sts", f).outcome, Outcome::not_applicable);
  EXPECT_EQ(run("mail.tls_rpt", f).outcome, Outcome::not_applicable);
}

TEST(MailPolicyChecks, Spf) {
  auto with = [](std::vector<std::string> records, SpfEvaluation e) {
    auto f = clean();
    f.mail->policy.apex_txt = txt(std::move(records));
    f.mail->policy.spf = e;
    return ids(run("mail.spf", f));
  };
  SpfEvaluation fail{SpfResult::fail, "", 1, 0};
  EXPECT_EQ(with({"v=spf1 mx ~all"}, {SpfResult::softfail, "", 1, 0}), Ids{});
  EXPECT_EQ(with({"hello"}, fail), Ids{"MAIL_SPF_MISSING"});
  EXPECT_EQ(with({}, fail), Ids{"MAIL_SPF_MISSING"});
  EXPECT_EQ(with({"v=spf1 -all", "v=spf1 a -all"}, {SpfResult::permerror, "two", 0, 0}), Ids{"MAIL_SPF_MULTIPLE"});
  EXPECT_EQ(with({"v=spf1 ip4:192.0.2.300 -all"}, {SpfResult::permerror, "syntax", 0, 0}), Ids{"MAIL_SPF_INVALID"});
  EXPECT_EQ(with({"v=spf1 mx +all"}, {SpfResult::pass, "", 1, 0}), Ids{"MAIL_SPF_ALLOWS_ALL"});
  EXPECT_EQ(with({"v=spf1 mx ?all"}, {SpfResult::neutral, "", 1, 0}), Ids{"MAIL_SPF_NO_FAIL"});
  EXPECT_EQ(with({"v=spf1 mx"}, {SpfResult::neutral, "", 1, 0}), Ids{"MAIL_SPF_NO_FAIL"});
  EXPECT_EQ(with({"v=spf1 ptr -all"}, {SpfResult::fail, "", 1, 0}), Ids{"MAIL_SPF_PTR"});
  EXPECT_EQ(with({"v=spf1 include:a.test -all"}, {SpfResult::permerror, "more than 10", 11, 0}),
            Ids{"MAIL_SPF_TOO_MANY_LOOKUPS"});
  EXPECT_EQ(with({"v=spf1 include:a.test -all"}, {SpfResult::permerror, "no SPF at a.test", 1, 1}),
            Ids{"MAIL_SPF_PERMERROR"});
  auto f = clean();
  f.mail->policy.spf = SpfEvaluation{SpfResult::temperror, "timeout", 1, 0};
  EXPECT_EQ(run("mail.spf", f).outcome, Outcome::inconclusive);
  f.mail->policy.apex_txt = failed_txt();
  EXPECT_EQ(run("mail.spf", f).outcome, Outcome::inconclusive);
}

TEST(MailPolicyChecks, Dmarc) {
  auto with = [](std::vector<std::string> records) {
    auto f = clean();
    f.mail->policy.dmarc = txt(std::move(records));
    return ids(run("mail.dmarc", f));
  };
  EXPECT_EQ(with({"v=DMARC1; p=quarantine; rua=mailto:d@x.test"}), Ids{});
  EXPECT_EQ(with({}), Ids{"MAIL_DMARC_MISSING"});
  EXPECT_EQ(with({"some other text"}), Ids{"MAIL_DMARC_MISSING"});
  EXPECT_EQ(with({"v=DMARC1; p=reject; rua=mailto:d@x.test", "v=DMARC1; p=none"}), Ids{"MAIL_DMARC_INVALID"});
  EXPECT_EQ(with({"v=DMARC1; p=weigeren; rua=mailto:d@x.test"}), Ids{"MAIL_DMARC_INVALID"});
  EXPECT_EQ(with({"p=reject; v=DMARC1"}), Ids{"MAIL_DMARC_INVALID"});
  EXPECT_EQ(with({"v=DMARC1; p=none; rua=mailto:d@x.test"}), Ids{"MAIL_DMARC_POLICY_NONE"});
  EXPECT_EQ(with({"v=DMARC1; p=reject"}), Ids{"MAIL_DMARC_NO_REPORTS"});
  EXPECT_EQ(with({"v=DMARC1; p=reject; sp=none; rua=mailto:d@x.test"}), Ids{"MAIL_DMARC_SUBDOMAIN_NONE"});
  EXPECT_EQ(with({"v=DMARC1; p=none; sp=none"}), (Ids{"MAIL_DMARC_POLICY_NONE", "MAIL_DMARC_NO_REPORTS"}));
  auto f = clean();
  f.mail->policy.dmarc = failed_txt();
  EXPECT_EQ(run("mail.dmarc", f).outcome, Outcome::inconclusive);
}

TEST(MailPolicyChecks, Dkim) {
  auto f = clean();
  for (auto& s : f.mail->policy.dkim) s.txt = txt({});
  auto none = run("mail.dkim", f);
  EXPECT_EQ(ids(none), Ids{"MAIL_DKIM_NOT_DETERMINABLE"});
  f.mail->policy.dkim[0].txt = txt({"v=DKIM1; p="});  // revoked: not a key in use
  EXPECT_EQ(ids(run("mail.dkim", f)), Ids{"MAIL_DKIM_NOT_DETERMINABLE"});
  f.mail->policy.dkim[0].txt = txt({"v=DKIM1; p=garbage!"});
  EXPECT_EQ(ids(run("mail.dkim", f)), Ids{"MAIL_DKIM_NOT_DETERMINABLE"});
  f.mail->policy.dkim[1].txt = txt({kRsa512Record});
  EXPECT_EQ(ids(run("mail.dkim", f)), Ids{"MAIL_DKIM_WEAK_KEY"});
  for (auto& s : f.mail->policy.dkim) s.txt = failed_txt();
  EXPECT_EQ(run("mail.dkim", f).outcome, Outcome::inconclusive);
}

TEST(MailPolicyChecks, MtaSts) {
  auto with_policy = [](std::string body) {
    auto f = clean();
    f.mail->policy.mta_sts_policy->body = std::move(body);
    return ids(run("mail.mta_sts", f));
  };
  EXPECT_EQ(with_policy("version: STSv1\nmode: testing\nmx: *.provider.test\nmax_age: 604800\n"),
            Ids{"MAIL_MTA_STS_TESTING"});
  EXPECT_EQ(with_policy("version: STSv1\nmode: none\nmax_age: 604800\n"), Ids{"MAIL_MTA_STS_MODE_NONE"});
  EXPECT_EQ(with_policy("version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 604800\n"),
            Ids{"MAIL_MTA_STS_MX_MISMATCH"});
  EXPECT_EQ(with_policy("version: STSv1\nmode: enforce\nmx: *.provider.test\nmax_age: 3600\n"),
            Ids{"MAIL_MTA_STS_SHORT_MAX_AGE"});
  EXPECT_EQ(with_policy("<html>hello</html>"), Ids{"MAIL_MTA_STS_INVALID"});

  auto f = clean();
  f.mail->policy.mta_sts = txt({});
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_MISSING"});
  f.mail->policy.mta_sts = txt({"v=STSv1;"});
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_INVALID"});
  f.mail->policy.mta_sts = txt({"v=STSv1; id=1", "v=STSv1; id=2"});
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_INVALID"});

  f = clean();
  f.mail->policy.mta_sts_policy->http_status = 404;
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_POLICY_UNAVAILABLE"});
  f = clean();
  f.mail->policy.mta_sts_policy->status = NetStatus::tls_failed;
  f.mail->policy.mta_sts_policy->certificate_error = "self-signed certificate";
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_POLICY_UNAVAILABLE"});
  f = clean();
  f.mail->policy.mta_sts_policy->content_type = "text/html";
  EXPECT_EQ(ids(run("mail.mta_sts", f)), Ids{"MAIL_MTA_STS_INVALID"});
  f = clean();
  f.mail->policy.mta_sts_policy->status = NetStatus::timeout;
  EXPECT_EQ(run("mail.mta_sts", f).outcome, Outcome::inconclusive);
  f = clean();
  f.mail->policy.mta_sts = failed_txt();
  EXPECT_EQ(run("mail.mta_sts", f).outcome, Outcome::inconclusive);
}

TEST(MailPolicyChecks, TlsRpt) {
  auto f = clean();
  f.mail->policy.tls_rpt = txt({});
  EXPECT_EQ(ids(run("mail.tls_rpt", f)), Ids{"MAIL_TLS_RPT_MISSING"});
  f.mail->policy.tls_rpt = txt({"v=TLSRPTv1; rua=tls@example.test"});
  EXPECT_EQ(ids(run("mail.tls_rpt", f)), Ids{"MAIL_TLS_RPT_INVALID"});
  f.mail->policy.tls_rpt = txt({"v=TLSRPTv1; rua=mailto:a@x.test", "v=TLSRPTv1; rua=mailto:b@x.test"});
  EXPECT_EQ(ids(run("mail.tls_rpt", f)), Ids{"MAIL_TLS_RPT_INVALID"});
  f.mail->policy.tls_rpt = failed_txt();
  EXPECT_EQ(run("mail.tls_rpt", f).outcome, Outcome::inconclusive);
}

SpfEvaluation evaluate(test::MemoryZone& zone, const std::string& domain) {
  boost::asio::io_context io;
  SpfEvaluation out;
  boost::asio::co_spawn(io, mail::evaluate_spf(zone, domain, std::chrono::seconds(5)),
                        [&](std::exception_ptr e, SpfEvaluation r) {
                          if (e) std::rethrow_exception(e);
                          out = std::move(r);
                        });
  io.run();
  return out;
}

TEST(MailPolicySpfEvaluation, WalksEveryTermForAStranger) {
  test::MemoryZone zone;
  zone.add("shop.test", "TXT", "v=spf1 mx include:_spf.provider.test -all")
      .add("shop.test", "MX", "mx.provider.test")
      .add("mx.provider.test", "A", "198.51.100.7")
      .add("_spf.provider.test", "TXT", "v=spf1 ip4:198.51.100.0/24 ~all");
  auto e = evaluate(zone, "shop.test");
  EXPECT_EQ(e.result, SpfResult::fail) << e.reason;
  EXPECT_EQ(e.dns_lookups, 2);

  std::string chain = "v=spf1";
  for (int i = 1; i <= 11; ++i) {
    chain += " include:_spf" + std::to_string(i) + ".big.test";
    zone.add("_spf" + std::to_string(i) + ".big.test", "TXT", "v=spf1 ip4:198.51.100." + std::to_string(i) + " -all");
  }
  zone.add("big.test", "TXT", chain + " -all");
  auto big = evaluate(zone, "big.test");
  EXPECT_EQ(big.result, SpfResult::permerror);
  EXPECT_GT(big.dns_lookups, 10);

  zone.timeout("slow.test");
  EXPECT_EQ(evaluate(zone, "slow.test").result, SpfResult::temperror);
}

}  // namespace
}  // namespace weerbaar::scan
