// The protocol-level TLS checks over hand-built facts: a clean server passes every one, and
// each rule of docs/checks.md makes exactly its finding appear.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/content.hpp"
#include "scan/check.hpp"
#include "scan/tls/groups.hpp"

namespace weerbaar::scan {
namespace {

constexpr const char* kChecks[] = {
    "tls.protocols",   "tls.ciphers",       "tls.cipher_order",          "tls.key_exchange",
    "tls.compression", "tls.renegotiation", "tls.extended_master_secret"};

// A server configured by the book: TLS 1.2 and 1.3, ECDHE with AES-GCM/CHACHA20, own order.
HostFacts clean() {
  HostFacts h;
  h.host = "bakkerij-jansen.nl";
  TlsFacts t;
  t.versions = {{TlsVersion::ssl3, false},
                {TlsVersion::tls1_0, false},
                {TlsVersion::tls1_1, false},
                {TlsVersion::tls1_2, true},
                {TlsVersion::tls1_3, true}};
  t.suites[TlsVersion::tls1_2] = {0xC030, 0xCCA8, 0xC02F};
  t.suites[TlsVersion::tls1_3] = {0x1302, 0x1303, 0x1301};
  t.server_order = true;
  t.groups = {{tls::group::x25519, TlsVersion::tls1_2},
              {tls::group::secp256r1, TlsVersion::tls1_2},
              {tls::group::x25519, TlsVersion::tls1_3},
              {tls::group::secp384r1, TlsVersion::tls1_3}};
  t.compression = false;
  t.secure_renegotiation = true;
  t.client_renegotiation = false;
  t.extended_master_secret = true;
  h.tls = t;
  return h;
}

CheckResult run(const char* id, const HostFacts& facts) {
  const CheckSpec* spec = Catalogue::instance().find(id);
  if (spec == nullptr) {
    ADD_FAILURE() << id << " is not registered";
    return {};
  }
  return spec->run(facts);
}

std::vector<std::string> ids(const CheckResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.id);
  return out;
}

const Finding* finding(const CheckResult& r, const std::string& id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

using Ids = std::vector<std::string>;

TEST(TlsChecks, CleanServerPassesEverything) {
  const HostFacts h = clean();
  for (const char* id : kChecks) {
    const CheckResult r = run(id, h);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
    EXPECT_TRUE(r.findings.empty()) << id;
  }
}

TEST(TlsChecks, NoTlsAtAllIsNotApplicableAndUnknownIsInconclusive) {
  HostFacts none = clean();
  none.tls->status = NetStatus::refused;
  HostFacts slow = clean();
  slow.tls->status = NetStatus::timeout;
  slow.tls->error = "no TCP connection within 3000 ms";
  HostFacts unprobed = clean();
  unprobed.tls.reset();
  HostFacts silent = clean();
  silent.tls->versions.clear();
  for (const char* id : kChecks) {
    EXPECT_EQ(run(id, none).outcome, Outcome::not_applicable) << id;
    EXPECT_EQ(run(id, unprobed).outcome, Outcome::not_applicable) << id;
    const CheckResult r = run(id, slow);
    EXPECT_EQ(r.outcome, Outcome::inconclusive) << id;
    EXPECT_NE(r.reason.find("3000 ms"), std::string::npos) << id << ": " << r.reason;
    EXPECT_EQ(run(id, silent).outcome, Outcome::inconclusive) << id;
  }
}

TEST(TlsChecks, Protocols) {
  HostFacts h = clean();
  h.tls->versions[TlsVersion::ssl3] = true;
  h.tls->versions[TlsVersion::tls1_0] = true;
  h.tls->versions[TlsVersion::tls1_1] = true;
  h.tls->versions[TlsVersion::tls1_2] = false;
  h.tls->versions[TlsVersion::tls1_3] = false;
  CheckResult r = run("tls.protocols", h);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(ids(r),
            (Ids{"TLS_SSL3_OFFERED", "TLS_1_0_OFFERED", "TLS_1_1_OFFERED", "TLS_1_3_MISSING", "TLS_1_2_MISSING"}));
  EXPECT_EQ(finding(r, "TLS_1_0_OFFERED")->params.at("version"), "TLS 1.0");

  // TLS 1.3 only is good by the NCSC table as a whole (tests/unit/calibration_test.cpp).
  HostFacts only13 = clean();
  only13.tls->versions[TlsVersion::tls1_2] = false;
  EXPECT_EQ(run("tls.protocols", only13).outcome, Outcome::pass);

  // A version that could not be determined: what is known stands, the rest is inconclusive.
  HostFacts partial = clean();
  partial.tls->versions.erase(TlsVersion::tls1_1);
  r = run("tls.protocols", partial);
  EXPECT_EQ(r.outcome, Outcome::inconclusive);
  EXPECT_NE(r.reason.find("TLS 1.1"), std::string::npos);
  partial.tls->versions[TlsVersion::tls1_0] = true;
  r = run("tls.protocols", partial);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(ids(r), (Ids{"TLS_1_0_OFFERED"}));
}

TEST(TlsChecks, Ciphers) {
  HostFacts h = clean();
  h.tls->versions[TlsVersion::tls1_0] = true;
  h.tls->suites[TlsVersion::tls1_0] = {0xC013, 0x000A};                          // CBC-SHA1, 3DES
  h.tls->suites[TlsVersion::tls1_2] = {0xC030, 0xC028, 0x009E, 0xC013, 0x000A};  // + phase out
  CheckResult r = run("tls.ciphers", h);
  EXPECT_EQ(ids(r), (Ids{"TLS_CIPHER_INSUFFICIENT", "TLS_CIPHER_PHASE_OUT"}));
  EXPECT_EQ(finding(r, "TLS_CIPHER_INSUFFICIENT")->params.at("suites"), "ECDHE-RSA-AES128-SHA, DES-CBC3-SHA");
  EXPECT_EQ(finding(r, "TLS_CIPHER_PHASE_OUT")->params.at("suites"),
            "ECDHE-RSA-AES256-SHA384, DHE-RSA-AES128-GCM-SHA256");

  HostFacts ccm8 = clean();
  ccm8.tls->suites[TlsVersion::tls1_3].push_back(0x1305);
  EXPECT_EQ(ids(run("tls.ciphers", ccm8)), (Ids{"TLS_CIPHER_INSUFFICIENT"}));

  HostFacts sufficient = clean();
  sufficient.tls->suites[TlsVersion::tls1_3].push_back(0x1304);
  EXPECT_EQ(run("tls.ciphers", sufficient).outcome, Outcome::pass) << "sufficient is fine";

  HostFacts missing = clean();
  missing.tls->suites.erase(TlsVersion::tls1_3);
  EXPECT_EQ(run("tls.ciphers", missing).outcome, Outcome::inconclusive);

  HostFacts nothing = clean();
  for (auto& [v, ok] : nothing.tls->versions) ok = false;
  EXPECT_EQ(run("tls.ciphers", nothing).outcome, Outcome::not_applicable);
}

TEST(TlsChecks, CipherOrder) {
  // Client order with only good suites: harmless.
  HostFacts h = clean();
  h.tls->server_order = false;
  EXPECT_EQ(run("tls.cipher_order", h).outcome, Outcome::pass);

  // Client order while weaker suites are accepted.
  h.tls->suites[TlsVersion::tls1_2].push_back(0xC027);
  EXPECT_EQ(ids(run("tls.cipher_order", h)), (Ids{"TLS_CIPHER_ORDER_NOT_ENFORCED"}));

  // Server order, but a phase-out suite before a good one.
  HostFacts wrong = clean();
  wrong.tls->suites[TlsVersion::tls1_2] = {0xC030, 0xC027, 0xC02F};
  CheckResult r = run("tls.cipher_order", wrong);
  EXPECT_EQ(ids(r), (Ids{"TLS_CIPHER_ORDER_WRONG"}));
  EXPECT_EQ(finding(r, "TLS_CIPHER_ORDER_WRONG")->params.at("before"), "ECDHE-RSA-AES128-SHA256");
  EXPECT_EQ(finding(r, "TLS_CIPHER_ORDER_WRONG")->params.at("after"), "ECDHE-RSA-AES128-GCM-SHA256");

  // Server order, worse suites last: fine.
  HostFacts right = clean();
  right.tls->suites[TlsVersion::tls1_2] = {0xC030, 0xC02F, 0xC027, 0x009E, 0xC013};
  EXPECT_EQ(run("tls.cipher_order", right).outcome, Outcome::pass);

  // Sufficient before good is also the wrong way round.
  HostFacts ccm = clean();
  ccm.tls->suites[TlsVersion::tls1_2] = {0xC0AC, 0xC02B};
  EXPECT_EQ(ids(run("tls.cipher_order", ccm)), (Ids{"TLS_CIPHER_ORDER_WRONG"}));

  HostFacts unknown = clean();
  unknown.tls->server_order.reset();
  EXPECT_EQ(run("tls.cipher_order", unknown).outcome, Outcome::inconclusive);

  HostFacts single = clean();
  single.tls->suites[TlsVersion::tls1_2] = {0xC013};
  single.tls->server_order.reset();
  EXPECT_EQ(run("tls.cipher_order", single).outcome, Outcome::pass) << "one suite: nothing to order";

  HostFacts only13 = clean();
  only13.tls->versions[TlsVersion::tls1_2] = false;
  EXPECT_EQ(run("tls.cipher_order", only13).outcome, Outcome::not_applicable);
}

TEST(TlsChecks, KeyExchange) {
  HostFacts h = clean();
  h.tls->groups.push_back({19, TlsVersion::tls1_2});                     // secp192r1
  h.tls->groups.push_back({21, TlsVersion::tls1_2});                     // secp224r1: phase out
  h.tls->groups.push_back({tls::group::secp521r1, TlsVersion::tls1_2});  // good: no finding
  h.tls->groups.push_back({tls::group::ffdhe2048, TlsVersion::tls1_3});  // insufficient (NCSC 2025)
  h.tls->groups.push_back({tls::group::ffdhe3072, TlsVersion::tls1_3});  // phase out
  CheckResult r = run("tls.key_exchange", h);
  EXPECT_EQ(ids(r), (Ids{"TLS_GROUP_INSUFFICIENT", "TLS_GROUP_PHASE_OUT"}));
  EXPECT_EQ(finding(r, "TLS_GROUP_INSUFFICIENT")->params.at("groups"), "secp192r1, ffdhe2048");
  EXPECT_EQ(finding(r, "TLS_GROUP_PHASE_OUT")->params.at("groups"), "secp224r1, ffdhe3072");

  // DHE with RFC 7919 primes: judged as that group.
  HostFacts dhe = clean();
  dhe.tls->suites[TlsVersion::tls1_2].push_back(0x009E);
  dhe.tls->dhe_bits = 2048;
  dhe.tls->dhe_is_rfc7919 = true;
  r = run("tls.key_exchange", dhe);
  EXPECT_EQ(ids(r), (Ids{"TLS_GROUP_INSUFFICIENT"}));
  EXPECT_EQ(finding(r, "TLS_GROUP_INSUFFICIENT")->params.at("groups"), "DHE ffdhe2048");
  dhe.tls->dhe_bits = 3072;
  EXPECT_EQ(ids(run("tls.key_exchange", dhe)), (Ids{"TLS_GROUP_PHASE_OUT"}));

  // A home-made prime: its own finding, and too weak as well below 2048 bits.
  dhe.tls->dhe_is_rfc7919 = false;
  r = run("tls.key_exchange", dhe);
  EXPECT_EQ(ids(r), (Ids{"TLS_DHE_GROUP_CUSTOM"}));
  EXPECT_EQ(finding(r, "TLS_DHE_GROUP_CUSTOM")->params.at("bits"), "3072");
  dhe.tls->dhe_bits = 1024;
  EXPECT_EQ(ids(run("tls.key_exchange", dhe)), (Ids{"TLS_DHE_GROUP_CUSTOM", "TLS_GROUP_INSUFFICIENT"}));

  // DHE suites accepted but the prime unknown; ECDHE accepted but no curves seen.
  HostFacts blind = clean();
  blind.tls->suites[TlsVersion::tls1_2].push_back(0x009E);
  EXPECT_EQ(run("tls.key_exchange", blind).outcome, Outcome::inconclusive);
  HostFacts no_curves = clean();
  std::erase_if(no_curves.tls->groups, [](const KeyExchangeGroup& g) { return g.version == TlsVersion::tls1_2; });
  EXPECT_EQ(run("tls.key_exchange", no_curves).outcome, Outcome::inconclusive);
}

TEST(TlsChecks, Compression) {
  HostFacts h = clean();
  h.tls->compression = true;
  EXPECT_EQ(ids(run("tls.compression", h)), (Ids{"TLS_COMPRESSION"}));
  h.tls->compression.reset();
  EXPECT_EQ(run("tls.compression", h).outcome, Outcome::inconclusive);
  h.tls->versions[TlsVersion::tls1_2] = false;  // TLS 1.3 only: compression does not exist
  EXPECT_EQ(run("tls.compression", h).outcome, Outcome::pass);
}

TEST(TlsChecks, Renegotiation) {
  HostFacts h = clean();
  h.tls->secure_renegotiation = false;
  EXPECT_EQ(ids(run("tls.renegotiation", h)), (Ids{"TLS_SECURE_RENEGOTIATION_MISSING"}));
  h.tls->client_renegotiation = true;
  EXPECT_EQ(ids(run("tls.renegotiation", h)), (Ids{"TLS_SECURE_RENEGOTIATION_MISSING", "TLS_CLIENT_RENEGOTIATION"}));
  HostFacts unknown = clean();
  unknown.tls->client_renegotiation.reset();
  EXPECT_EQ(run("tls.renegotiation", unknown).outcome, Outcome::inconclusive);
  unknown.tls->secure_renegotiation = false;
  EXPECT_EQ(run("tls.renegotiation", unknown).outcome, Outcome::fail) << "what is known stands";
}

TEST(TlsChecks, ExtendedMasterSecret) {
  HostFacts h = clean();
  h.tls->extended_master_secret = false;
  CheckResult r = run("tls.extended_master_secret", h);
  EXPECT_EQ(ids(r), (Ids{"TLS_EMS_MISSING"}));
  EXPECT_EQ(finding(r, "TLS_EMS_MISSING")->params.at("version"), "TLS 1.2");
  h.tls->extended_master_secret.reset();
  EXPECT_EQ(run("tls.extended_master_secret", h).outcome, Outcome::inconclusive);
  h.tls->versions[TlsVersion::tls1_2] = false;
  EXPECT_EQ(run("tls.extended_master_secret", h).outcome, Outcome::pass) << "built into TLS 1.3";
}

// Each check's content describes exactly the findings it may report, and every {name} a text
// uses is a param the check fills.
TEST(TlsChecks, ContentMatchesTheChecks) {
  const auto& lib = content::Library::embedded();
  for (const char* id : kChecks) {
    const CheckSpec* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    const content::CheckText* text = lib.check(id);
    ASSERT_NE(text, nullptr) << "content/checks/" << id << ".json";
    EXPECT_EQ(text->family, Family::tls);
    std::vector<std::string> described;
    for (const auto& [fid, unused] : text->findings) described.push_back(fid);
    auto expected = spec->findings;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(described, expected) << id;
  }
  // Render with the params the checks set: no placeholder may survive.
  const Params params{{"suites", "X"},        {"groups", "X"}, {"bits", "1"},
                      {"version", "TLS 1.0"}, {"before", "X"}, {"after", "Y"}};
  for (const char* id : kChecks) {
    for (const auto& [fid, f] : lib.check(id)->findings) {
      for (const auto* t : {&f.title, &f.impact, &f.fix}) {
        for (auto lang : {content::Lang::nl, content::Lang::en}) {
          const std::string out = content::render(t->in(lang), params);
          EXPECT_EQ(out.find('{'), std::string::npos) << fid << ": " << out;
        }
      }
    }
  }
}

}  // namespace
}  // namespace weerbaar::scan
