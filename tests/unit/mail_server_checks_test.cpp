// The mail server checks (starttls, dane, server_dnssec, server_ipv6) on hand-built facts, and the
// TLS checks that also judge a mail server's STARTTLS.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "scan/check.hpp"
#include "scan/mail/dane.hpp"
#include "support/check_runner.hpp"

namespace weerbaar::scan {
namespace {

using check_testing::Ids;
using check_testing::ids;
using check_testing::run;

const char* const kChecks[] = {"mail.starttls", "mail.dane", "mail.server_dnssec", "mail.server_ipv6"};

CertificateInfo leaf_with_spki(std::vector<std::uint8_t> spki) {
  CertificateInfo c;
  c.names = {"mx.bakker.nl"};
  c.spki_der = std::move(spki);
  c.der = {0x30, 0x01, 0x02};
  return c;
}

std::vector<std::uint8_t> sha256(const std::vector<std::uint8_t>& d) {
  std::vector<std::uint8_t> out(32);
  unsigned int len = 0;
  EVP_Digest(d.data(), d.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

MailServerFacts good_server(const std::string& name) {
  MailServerFacts s;
  s.name = name;
  s.preference = 10;
  s.addresses = {"192.0.2.25", "2001:db8::25"};
  s.address = "192.0.2.25";
  s.smtp.greeting_code = 220;
  s.smtp.banner = name + " ESMTP";
  s.smtp.ehlo = {"PIPELINING", "STARTTLS"};
  s.smtp.starttls_offered = true;
  s.tls.emplace();
  const std::vector<std::uint8_t> spki{0x30, 0x59, 0x01, 0x02, 0x03};
  s.tls->certificate.chain = {leaf_with_spki(spki)};
  s.tls->certificate.trusted = true;
  s.tls->certificate.name_matches = true;
  s.dnssec = DnssecStatus::secure;
  s.has_aaaa = true;
  s.tlsa_status = LookupStatus::ok;
  s.tlsa_dnssec = DnssecStatus::secure;
  s.tlsa = {TlsaRecord{3, 1, 1, sha256(spki)}};
  return s;
}

HostFacts mail_host(std::vector<MailServerFacts> servers) {
  HostFacts f;
  f.host = "bakker.nl";
  f.mail.emplace();
  f.mail->policy.mx_status = LookupStatus::ok;
  for (const auto& s : servers) f.mail->policy.mx.push_back({s.preference, s.name});
  f.mail->servers = std::move(servers);
  return f;
}

TEST(MailServerChecks, GoodServersPassAll) {
  const auto f = mail_host({good_server("mx1.bakker.nl"), good_server("mx2.bakker.nl")});
  for (const char* id : kChecks) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
    const auto* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(spec->family, Family::mail);
  }
}

TEST(MailServerChecks, NoMailNullMxOrFailedLookup) {
  HostFacts none;
  none.host = "bakker.nl";
  HostFacts null_mx = mail_host({});
  null_mx.mail->policy.mx = {{0, ""}};
  HostFacts no_mx = mail_host({});
  no_mx.mail->policy.mx_status = LookupStatus::nodata;
  HostFacts failed = mail_host({});
  failed.mail->policy.mx_status = LookupStatus::failed;
  for (const char* id : kChecks) {
    EXPECT_EQ(run(id, none).outcome, Outcome::not_applicable) << id;
    EXPECT_EQ(run(id, null_mx).outcome, Outcome::not_applicable) << id;
    EXPECT_EQ(run(id, no_mx).outcome, Outcome::not_applicable) << id;
    EXPECT_EQ(run(id, failed).outcome, Outcome::inconclusive) << id;
  }
}

TEST(MailServerChecks, StarttlsMissingNamesTheServer) {
  auto bad = good_server("mx2.bakker.nl");
  bad.smtp.starttls_offered = false;
  bad.smtp.ehlo = {"PIPELINING"};
  bad.tls.reset();
  auto r = run("mail.starttls", mail_host({good_server("mx1.bakker.nl"), bad}));
  EXPECT_EQ(ids(r), Ids{"MAIL_STARTTLS_MISSING"});
  EXPECT_EQ(r.findings.front().params.at("mx"), "mx2.bakker.nl");
}

TEST(MailServerChecks, UnreachableOrRefusingServerIsInconclusive) {
  auto down = good_server("mx2.bakker.nl");
  down.smtp = {};
  down.smtp.status = NetStatus::refused;
  down.tls.reset();
  auto r = run("mail.starttls", mail_host({good_server("mx1.bakker.nl"), down}));
  EXPECT_EQ(r.outcome, Outcome::inconclusive);
  EXPECT_NE(r.reason.find("mx2.bakker.nl"), std::string::npos);

  auto go_away = good_server("mx1.bakker.nl");
  go_away.smtp.status = NetStatus::protocol_error;
  go_away.smtp.greeting_code = 554;
  go_away.smtp.starttls_offered = false;
  EXPECT_EQ(run("mail.starttls", mail_host({go_away})).outcome, Outcome::inconclusive);

  auto unresolved = good_server("mx1.bakker.nl");
  unresolved.address.clear();
  unresolved.error = "mx1.bakker.nl has no address";
  EXPECT_EQ(run("mail.starttls", mail_host({unresolved})).outcome, Outcome::inconclusive);

  // A finding on one server stands even when another cannot be judged.
  auto plain = good_server("mx1.bakker.nl");
  plain.smtp.starttls_offered = false;
  EXPECT_EQ(ids(run("mail.starttls", mail_host({plain, down}))), Ids{"MAIL_STARTTLS_MISSING"});
}

TEST(MailServerChecks, DaneMissingUnsignedMismatch) {
  auto none = good_server("mx.bakker.nl");
  none.tlsa_status = LookupStatus::nodata;
  none.tlsa.clear();
  EXPECT_EQ(ids(run("mail.dane", mail_host({none}))), Ids{"MAIL_DANE_MISSING"});

  auto unsigned_zone = good_server("mx.bakker.nl");
  unsigned_zone.tlsa_dnssec = DnssecStatus::insecure;
  EXPECT_EQ(ids(run("mail.dane", mail_host({unsigned_zone}))), Ids{"MAIL_DANE_UNSIGNED"});

  auto wrong = good_server("mx.bakker.nl");
  wrong.tlsa = {TlsaRecord{3, 1, 1, std::vector<std::uint8_t>(32, 0xab)}};
  EXPECT_EQ(ids(run("mail.dane", mail_host({wrong}))), Ids{"MAIL_DANE_MISMATCH"});

  auto no_starttls = good_server("mx.bakker.nl");
  no_starttls.smtp.starttls_offered = false;
  no_starttls.tls.reset();
  EXPECT_EQ(ids(run("mail.dane", mail_host({no_starttls}))), Ids{"MAIL_DANE_MISMATCH"});

  auto pkix_only = good_server("mx.bakker.nl");
  pkix_only.tlsa.front().usage = 1;
  EXPECT_EQ(ids(run("mail.dane", mail_host({pkix_only}))), Ids{"MAIL_DANE_MISSING"});
}

TEST(MailServerChecks, DaneCannotTell) {
  auto failed = good_server("mx.bakker.nl");
  failed.tlsa_status = LookupStatus::failed;
  EXPECT_EQ(run("mail.dane", mail_host({failed})).outcome, Outcome::inconclusive);

  auto unvalidated = good_server("mx.bakker.nl");
  unvalidated.tlsa_dnssec = DnssecStatus::unknown;
  EXPECT_EQ(run("mail.dane", mail_host({unvalidated})).outcome, Outcome::inconclusive);

  auto down = good_server("mx.bakker.nl");
  down.smtp.status = NetStatus::timeout;
  down.tls.reset();
  EXPECT_EQ(run("mail.dane", mail_host({down})).outcome, Outcome::inconclusive);

  auto no_handshake = good_server("mx.bakker.nl");
  no_handshake.tls->certificate.status = NetStatus::tls_failed;
  no_handshake.tls->certificate.chain.clear();
  EXPECT_EQ(run("mail.dane", mail_host({no_handshake})).outcome, Outcome::inconclusive);
}

TEST(MailServerChecks, ServerDnssec) {
  auto insecure = good_server("mx.bakker.nl");
  insecure.dnssec = DnssecStatus::insecure;
  auto bogus = good_server("mx2.bakker.nl");
  bogus.dnssec = DnssecStatus::bogus;
  EXPECT_EQ(ids(run("mail.server_dnssec", mail_host({insecure, bogus}))),
            (Ids{"MAIL_SERVER_DNSSEC_MISSING", "MAIL_SERVER_DNSSEC_BOGUS"}));
  auto unknown = good_server("mx.bakker.nl");
  unknown.dnssec = DnssecStatus::unknown;
  EXPECT_EQ(run("mail.server_dnssec", mail_host({unknown})).outcome, Outcome::inconclusive);
}

TEST(MailServerChecks, ServerIpv6) {
  auto v4 = good_server("mx.bakker.nl");
  v4.has_aaaa = false;
  auto r = run("mail.server_ipv6", mail_host({v4}));
  EXPECT_EQ(ids(r), Ids{"MAIL_SERVER_IPV6_MISSING"});
  EXPECT_EQ(r.findings.front().params.at("mx"), "mx.bakker.nl");
  auto failed = good_server("mx.bakker.nl");
  failed.has_aaaa.reset();
  EXPECT_EQ(run("mail.server_ipv6", mail_host({failed})).outcome, Outcome::inconclusive);
}

TEST(MailServerChecks, WhichTlsChecksJudgeStarttls) {
  for (const char* id :
       {"tls.protocols", "tls.ciphers", "tls.cipher_order", "tls.key_exchange", "tls.certificate", "tls.cert_key",
        "tls.cert_signature", "tls.compression", "tls.renegotiation", "tls.extended_master_secret"}) {
    const auto* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    EXPECT_TRUE(spec->on_mail_servers) << id;
  }
  for (const char* id : {"tls.ocsp_stapling", "tls.early_data"}) {
    const auto* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    EXPECT_FALSE(spec->on_mail_servers) << id;
  }
}

}  // namespace
}  // namespace weerbaar::scan
