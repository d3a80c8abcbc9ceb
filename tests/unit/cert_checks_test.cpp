// The certificate checks, on hand-built facts: each finds what is planted and nothing else.
#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "support/check_runner.hpp"

namespace weerbaar::scan {
namespace {
using namespace std::chrono;

const auto kNow = sys_days{year{2026} / 11 / 23} + hours{12};

HostFacts good_host() {
  HostFacts f;
  f.host = "bakkerij-jansen.test";
  f.scanned_at = kNow;
  f.tls.emplace();
  auto& c = f.tls->certificate;
  CertificateInfo leaf;
  leaf.subject = "CN = bakkerij-jansen.test";
  leaf.issuer = "CN = Lab CA";
  leaf.names = {"bakkerij-jansen.test"};
  leaf.not_before = kNow - days{30};
  leaf.not_after = kNow + days{300};
  leaf.key_type = "EC";
  leaf.key_bits = 256;
  leaf.signature_algorithm = "ecdsa-with-SHA256";
  leaf.ocsp_urls = {"http://ocsp.lab-ca.test/"};
  c.chain = {leaf};
  c.trusted = true;
  c.name_matches = true;
  c.ocsp_stapled = true;
  f.tls->early_data = false;
  return f;
}

using check_testing::Ids;
using check_testing::ids;
using check_testing::run;

TEST(CertificateChecks, GoodHostPassesAll) {
  for (const char* id :
       {"tls.certificate", "tls.cert_key", "tls.cert_signature", "tls.early_data", "tls.ocsp_stapling"}) {
    auto r = run(id, good_host());
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
    EXPECT_TRUE(r.findings.empty()) << id;
  }
}

TEST(CertificateChecks, EachPlantedProblemFoundAlone) {
  auto f = good_host();
  f.tls->certificate.trusted = false;
  f.tls->certificate.verify_error = "self-signed certificate";
  EXPECT_EQ(ids(run("tls.certificate", f)), Ids{"TLS_CERT_UNTRUSTED"});

  f = good_host();
  f.tls->certificate.name_matches = false;
  auto r = run("tls.certificate", f);
  EXPECT_EQ(ids(r), Ids{"TLS_CERT_NAME_MISMATCH"});
  EXPECT_EQ(r.findings[0].params.at("names"), "bakkerij-jansen.test");

  f = good_host();
  f.tls->certificate.chain[0].not_after = kNow - days{1};
  r = run("tls.certificate", f);
  EXPECT_EQ(ids(r), Ids{"TLS_CERT_EXPIRED"});
  EXPECT_EQ(r.findings[0].params.at("not_after"), "2026-11-22");

  f = good_host();
  f.tls->certificate.chain[0].not_before = kNow + days{1};
  EXPECT_EQ(ids(run("tls.certificate", f)), Ids{"TLS_CERT_EXPIRED"});

  f = good_host();
  f.tls->certificate.chain[0].not_after = kNow + days{10};
  r = run("tls.certificate", f);
  EXPECT_EQ(ids(r), Ids{"TLS_CERT_EXPIRES_SOON"});
  EXPECT_EQ(r.findings[0].params.at("days"), "10");

  f = good_host();
  f.tls->certificate.chain[0].not_after = kNow + days{31};
  EXPECT_TRUE(ids(run("tls.certificate", f)).empty());
}

TEST(CertificateChecks, KeyLevelsFollowNcsc) {
  auto with_key = [](std::string type, int bits) {
    auto f = good_host();
    f.tls->certificate.chain[0].key_type = std::move(type);
    f.tls->certificate.chain[0].key_bits = bits;
    return ids(run("tls.cert_key", f));
  };
  EXPECT_EQ(with_key("RSA", 1024), Ids{"TLS_CERT_KEY_WEAK"});
  EXPECT_EQ(with_key("RSA", 2047), Ids{"TLS_CERT_KEY_WEAK"});
  EXPECT_EQ(with_key("RSA", 2048), Ids{"TLS_CERT_KEY_PHASE_OUT"});
  EXPECT_EQ(with_key("RSA", 3071), Ids{"TLS_CERT_KEY_PHASE_OUT"});
  EXPECT_TRUE(with_key("RSA", 3072).empty());
  EXPECT_EQ(with_key("EC", 224), Ids{"TLS_CERT_KEY_WEAK"});
  EXPECT_TRUE(with_key("EC", 384).empty());
  EXPECT_TRUE(with_key("ED25519", 256).empty());
  EXPECT_EQ(with_key("DSA", 2048), Ids{"TLS_CERT_KEY_WEAK"});
}

TEST(CertificateChecks, SelfSignedRootInChainIsNotJudged) {
  auto f = good_host();
  CertificateInfo root;
  root.self_signed = true;
  root.key_type = "RSA";
  root.key_bits = 1024;
  root.signature_algorithm = "sha1WithRSAEncryption";
  f.tls->certificate.chain.push_back(root);
  EXPECT_TRUE(ids(run("tls.cert_key", f)).empty());
  EXPECT_TRUE(ids(run("tls.cert_signature", f)).empty());
  f.tls->certificate.chain[0].signature_algorithm = "sha1WithRSAEncryption";
  EXPECT_EQ(ids(run("tls.cert_signature", f)), Ids{"TLS_CERT_SHA1_SIGNATURE"});
}

TEST(CertificateChecks, EarlyDataAndStapling) {
  auto f = good_host();
  f.tls->early_data = true;
  EXPECT_EQ(ids(run("tls.early_data", f)), Ids{"TLS_EARLY_DATA"});
  f.tls->early_data.reset();
  EXPECT_EQ(run("tls.early_data", f).outcome, Outcome::inconclusive);
  f = good_host();
  f.tls->certificate.ocsp_stapled = false;
  EXPECT_EQ(ids(run("tls.ocsp_stapling", f)), Ids{"TLS_OCSP_STAPLING_MISSING"});
}

TEST(CertificateChecks, NoHttpsIsNotApplicableAndTimeoutInconclusive) {
  auto f = good_host();
  f.tls->certificate = CertificateFacts{};
  f.tls->certificate.status = NetStatus::refused;
  for (const char* id :
       {"tls.certificate", "tls.cert_key", "tls.cert_signature", "tls.early_data", "tls.ocsp_stapling"}) {
    EXPECT_EQ(run(id, f).outcome, Outcome::not_applicable) << id;
  }
  f.tls->certificate.status = NetStatus::timeout;
  for (const char* id :
       {"tls.certificate", "tls.cert_key", "tls.cert_signature", "tls.early_data", "tls.ocsp_stapling"}) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::inconclusive) << id;
    EXPECT_NE(r.reason.find("timeout"), std::string::npos) << r.reason;
  }
}

}  // namespace
}  // namespace weerbaar::scan
