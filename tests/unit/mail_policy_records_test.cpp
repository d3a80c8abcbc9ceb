// The mail policy parsers over well-formed and malformed records.
#include <gtest/gtest.h>

#include <string>

#include "scan/mail/policy_records.hpp"

namespace weerbaar::scan::mail {
namespace {

const char* kRsa2048 =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyAz1wbzuHt2SAPAi2ce7MX9PDt6vuPowPPinYsET3Oc1bLKnD/eW"
    "/6Gozj+cGn4Bsn/c3CMOC+mJ4MHS9vQkO0/7E70sTCQKZQ4JD+FTZcfv/9xjeuv9per9jyQkIc5hTECHbMlEYiQ/KpZuBNWa/P"
    "DkaJ6smyA6O3fq+BdP97PUSUlZkyevpQsq9v6m8MxU0ZKbEMCZ206JspZb7lN2Z69FTrS2uwHQ/Sv0Wwj1xtTcZ4xUv/Zd8fHi"
    "ahBhFuqaGEMST/tnESDMDErERRImM7mcttEi1DdsRgydezCCiSnWJbqeC3U025Cr+BOm4prIfGK2GwOJhwHMz/85zlVY7QIDAQAB";
const char* kRsa512 =
    "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANtoBop7/JKEYsXTf24oAvREkeiKTdhfvXYMNbeWfqOn7vJjNctreEvcqYa3Xwmu"
    "DXOyQEJeKL2aAngQBPkFj98CAwEAAQ==";

TEST(MailPolicyTagList, ParsesTrimsAndRejects) {
  std::string error;
  auto tags = parse_tag_list(" v=DMARC1 ;P = reject; rua=mailto:a@b.example; ", error);
  ASSERT_TRUE(tags) << error;
  ASSERT_EQ(tags->size(), 3U);
  EXPECT_EQ((*tags)[1].first, "p");
  EXPECT_EQ((*tags)[1].second, "reject");
  EXPECT_FALSE(parse_tag_list("v=DMARC1;; p=reject", error));
  EXPECT_FALSE(parse_tag_list("v=DMARC1; p", error));
  EXPECT_FALSE(parse_tag_list("v=DMARC1; p=none; p=reject", error));
  EXPECT_NE(error.find("twice"), std::string::npos) << error;
  EXPECT_FALSE(parse_tag_list("v=DMARC1; 1p=none", error));
  EXPECT_FALSE(parse_tag_list("=x", error));
}

TEST(MailPolicyDmarc, ValidRecords) {
  auto r = parse_dmarc("v=DMARC1; p=quarantine; sp=reject; rua=mailto:d@x.example!10m, mailto:e@y.example; pct=50");
  ASSERT_TRUE(r.record) << r.error;
  EXPECT_EQ(r.record->policy, DmarcPolicy::quarantine);
  EXPECT_EQ(r.record->subdomain_policy, DmarcPolicy::reject);
  ASSERT_EQ(r.record->rua.size(), 2U);
  EXPECT_EQ(r.record->rua[0], "mailto:d@x.example");
  EXPECT_EQ(r.record->pct, 50);
  auto minimal = parse_dmarc("v=DMARC1;p=none");
  ASSERT_TRUE(minimal.record) << minimal.error;
  EXPECT_FALSE(minimal.record->subdomain_policy);
  EXPECT_TRUE(minimal.record->rua.empty());
}

TEST(MailPolicyDmarc, MalformedRecords) {
  EXPECT_FALSE(parse_dmarc("p=reject; v=DMARC1").record);                // v not first
  EXPECT_FALSE(parse_dmarc("v=dmarc1; p=reject").record);                // DMARC1 is case-sensitive
  EXPECT_FALSE(parse_dmarc("v=DMARC1; rua=mailto:a@b.example").record);  // no p
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=weigeren").record);
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=reject; sp=maybe").record);
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=reject; rua=dmarc@x.example").record);
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=reject; rua=mailto:@x.example").record);
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=reject; pct=101").record);
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=reject; pct=-1").record);
  EXPECT_FALSE(parse_dmarc("v=DMARC1; p=reject; adkim=x").record);
  EXPECT_FALSE(parse_dmarc("").record);
  EXPECT_FALSE(parse_dmarc(std::string(5000, ';')).record);
  EXPECT_TRUE(is_dmarc_candidate("p=reject; v=DMARC1"));
  EXPECT_FALSE(is_dmarc_candidate("google-site-verification=abc"));
}

TEST(MailPolicyDkim, KeysAndTheirSizes) {
  auto good = parse_dkim_key(std::string("v=DKIM1; k=rsa; p=") + kRsa2048);
  ASSERT_TRUE(good.key) << good.error;
  EXPECT_EQ(good.key->bits, 2048);
  EXPECT_FALSE(good.key->revoked);
  auto weak = parse_dkim_key(std::string("p=") + kRsa512);  // v and k are optional
  ASSERT_TRUE(weak.key) << weak.error;
  EXPECT_EQ(weak.key->bits, 512);
  auto ed = parse_dkim_key("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
  ASSERT_TRUE(ed.key) << ed.error;
  EXPECT_EQ(ed.key->key_type, "ed25519");
  auto revoked = parse_dkim_key("v=DKIM1; p=");
  ASSERT_TRUE(revoked.key);
  EXPECT_TRUE(revoked.key->revoked);
  // Whitespace inside p= is allowed (folded records).
  std::string folded =
      std::string("p=") + std::string(kRsa2048).substr(0, 40) + " \t" + std::string(kRsa2048).substr(40);
  EXPECT_TRUE(parse_dkim_key(folded).key);
}

TEST(MailPolicyDkim, MalformedKeys) {
  EXPECT_FALSE(parse_dkim_key("v=DKIM1; k=rsa").key);          // no p
  EXPECT_FALSE(parse_dkim_key("k=rsa; v=DKIM1; p=AAAA").key);  // v not first
  EXPECT_FALSE(parse_dkim_key("v=DKIM2; p=AAAA").key);
  EXPECT_FALSE(parse_dkim_key("k=dsa; p=AAAA").key);
  EXPECT_FALSE(parse_dkim_key("p=not*base64").key);
  EXPECT_FALSE(parse_dkim_key("p=AAAA").key);             // base64, but not a key
  EXPECT_FALSE(parse_dkim_key("k=ed25519; p=AAAA").key);  // 3 bytes, not 32
  EXPECT_FALSE(decode_base64("AAA"));
  EXPECT_FALSE(decode_base64("AA=A"));
  EXPECT_EQ(decode_base64("aGk="), std::string("hi"));
  EXPECT_TRUE(is_dkim_candidate("v=DKIM1; p="));
  EXPECT_FALSE(is_dkim_candidate("v=spf1 -all"));
  EXPECT_GE(dkim_selectors().size(), 10U);
}

TEST(MailPolicyMtaSts, Record) {
  auto r = parse_mta_sts_record("v=STSv1; id=20250101T000000;");
  ASSERT_TRUE(r.record) << r.error;
  EXPECT_EQ(r.record->id, "20250101T000000");
  EXPECT_FALSE(parse_mta_sts_record("v=STSv1;").record);
  EXPECT_FALSE(parse_mta_sts_record("v=STSv1; id=has-dash").record);
  EXPECT_FALSE(parse_mta_sts_record("v=STSv1; id=" + std::string(33, 'a')).record);
  EXPECT_FALSE(parse_mta_sts_record("id=abc; v=STSv1").record);
  EXPECT_TRUE(is_mta_sts_candidate(" v=STSv1; id=1"));
  EXPECT_FALSE(is_mta_sts_candidate("id=1; v=STSv1"));
}

TEST(MailPolicyMtaSts, Policy) {
  auto p = parse_mta_sts_policy(
      "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n"
      "max_age: 604800\r\n");
  ASSERT_TRUE(p.policy) << p.error;
  EXPECT_EQ(p.policy->mode, MtaStsMode::enforce);
  EXPECT_EQ(p.policy->max_age, 604800);
  ASSERT_EQ(p.policy->mx.size(), 2U);
  auto lf = parse_mta_sts_policy("version: STSv1\nmode: none\nmax_age: 86400\n");  // LF only, none needs no mx
  ASSERT_TRUE(lf.policy) << lf.error;
  EXPECT_EQ(lf.policy->mode, MtaStsMode::none);
}

TEST(MailPolicyMtaSts, MalformedPolicies) {
  EXPECT_FALSE(parse_mta_sts_policy("").policy);
  EXPECT_FALSE(parse_mta_sts_policy("mode: enforce\nmx: a.example\nmax_age: 1\n").policy);  // no version
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n").policy);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n").policy);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmax_age: 1\n").policy);     // no mx
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\n").policy);  // no max_age
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n").policy);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 99999999999\n").policy);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -5\n").policy);
  EXPECT_FALSE(parse_mta_sts_policy("<html>not found</html>").policy);
}

TEST(MailPolicyMtaSts, MxPatterns) {
  EXPECT_TRUE(mx_pattern_matches("mail.example.com", "MAIL.example.com."));
  EXPECT_TRUE(mx_pattern_matches("*.example.com", "mx1.example.com"));
  EXPECT_FALSE(mx_pattern_matches("*.example.com", "a.b.example.com"));  // one label only
  EXPECT_FALSE(mx_pattern_matches("*.example.com", "example.com"));
  EXPECT_FALSE(mx_pattern_matches("mail.example.com", "mail.example.org"));
  EXPECT_FALSE(mx_pattern_matches("*.example.com", "evilexample.com"));
  EXPECT_FALSE(mx_pattern_matches("", "a.example"));
}

TEST(MailPolicyTlsRpt, Records) {
  auto r = parse_tls_rpt("v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.com/tls");
  ASSERT_TRUE(r.record) << r.error;
  EXPECT_EQ(r.record->rua.size(), 2U);
  EXPECT_FALSE(parse_tls_rpt("v=TLSRPTv1;").record);
  EXPECT_FALSE(parse_tls_rpt("v=TLSRPTv1; rua=").record);
  EXPECT_FALSE(parse_tls_rpt("v=TLSRPTv1; rua=tls@example.com").record);
  EXPECT_FALSE(parse_tls_rpt("rua=mailto:tls@example.com; v=TLSRPTv1").record);
  EXPECT_FALSE(parse_tls_rpt("v=TLSRPTv1; rua=http://example.com/x").record);
  EXPECT_TRUE(is_tls_rpt_candidate("v=TLSRPTv1; rua=mailto:a@b.c"));
  EXPECT_FALSE(is_tls_rpt_candidate("rua=mailto:a@b.c; v=TLSRPTv1"));
  EXPECT_FALSE(parse_tls_rpt("v=TLSRPTv10; rua=mailto:a@b.c").record);
}

}  // namespace
}  // namespace weerbaar::scan::mail
