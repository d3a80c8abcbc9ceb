// Proof of domain control as the platform looks for it: the DNS TXT record through the
// scanner's resolver and safety rules (run by tests/store/knot_proof.sh against a real Knot),
// and the matching of a proof file's text.
#include <gtest/gtest.h>

#include <cstdlib>

#include "platform/network_proof.hpp"

namespace weerbaar::platform {
namespace {

TEST(PlatformProof, FileMatchesTheWholeLineOnly) {
  EXPECT_TRUE(proof_file_matches("weerbaar-proof=abc\n", "weerbaar-proof=abc"));
  EXPECT_TRUE(proof_file_matches("# ours\r\n  weerbaar-proof=abc  \r\n", "weerbaar-proof=abc"));
  EXPECT_FALSE(proof_file_matches("weerbaar-proof=abcd\n", "weerbaar-proof=abc"));
  EXPECT_FALSE(proof_file_matches("xweerbaar-proof=abc", "weerbaar-proof=abc"));
  EXPECT_FALSE(proof_file_matches("", "weerbaar-proof=abc"));
}

class ProofDns : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dns = std::getenv("WEERBAAR_TEST_DNS");
    if (dns == nullptr) GTEST_SKIP() << "run by tests/store/knot_proof.sh (ctest store_proof_dns)";
    opt.resolver.forwarder = dns;
    opt.resolver.served_special_zones = {"test."};
    opt.resolver.use_root_anchor = false;
    opt.timeouts.dns = std::chrono::milliseconds(2000);
    opt.timeouts.connect = std::chrono::milliseconds(1000);
  }
  NetworkProofOptions opt;
};

TEST_F(ProofDns, FindsTheTxtRecordAndNothingElse) {
  opt.lab_mode = true;
  NetworkProofChecker checker(opt);
  auto found = checker.check("proof.test", "weerbaar-proof=the-right-token");
  EXPECT_TRUE(found.found);
  EXPECT_EQ(found.method, "dns");
  auto wrong = checker.check("proof.test", "weerbaar-proof=another-token");
  EXPECT_FALSE(wrong.found);
  EXPECT_EQ(wrong.problem_key, "proof.not_found");
  EXPECT_FALSE(checker.check("missing-txt.proof.test", "weerbaar-proof=the-right-token").found);
}

TEST_F(ProofDns, FindsTheFileOverVerifiedHttps) {
  opt.lab_mode = true;
  opt.ca_file = std::getenv("WEERBAAR_TEST_PROOF_CA");
  NetworkProofChecker checker(opt);
  auto found = checker.check("file.proof.test", "weerbaar-proof=the-file-token");
  EXPECT_TRUE(found.found);
  EXPECT_EQ(found.method, "file");
  EXPECT_FALSE(checker.check("file.proof.test", "weerbaar-proof=another-token").found);
  // The same server without trusting its certificate: no proof.
  opt.ca_file = "/etc/ssl/certs/ca-certificates.crt";
  EXPECT_FALSE(NetworkProofChecker(opt).check("file.proof.test", "weerbaar-proof=the-file-token").found);
}

TEST_F(ProofDns, AppliesTheScannersSafetyRules) {
  opt.lab_mode = true;
  EXPECT_EQ(NetworkProofChecker(opt).safety_problem("proof.test"), "");
  EXPECT_EQ(NetworkProofChecker(opt).safety_problem("nergens.proof.test"), "signup.domain_unresolved");
  // The lab is loopback: a lab name pointing at a private address is refused, as the scan does.
  EXPECT_EQ(NetworkProofChecker(opt).safety_problem("intern.proof.test"), "signup.domain_unsafe");
  opt.opt_out.add_domain("proof.test");
  EXPECT_EQ(NetworkProofChecker(opt).safety_problem("proof.test"), "signup.domain_opted_out");
  // Outside lab mode a loopback address is refused, and no file is fetched from it.
  NetworkProofOptions outside = opt;
  outside.lab_mode = false;
  outside.opt_out = OptOutList{};
  NetworkProofChecker strict(outside);
  EXPECT_EQ(strict.safety_problem("missing-txt.proof.test"), "signup.domain_unsafe");
  EXPECT_EQ(strict.check("missing-txt.proof.test", "weerbaar-proof=x").problem_key, "signup.domain_unsafe");
}

}  // namespace
}  // namespace weerbaar::platform
