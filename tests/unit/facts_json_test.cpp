// Facts as JSON and back (weerbaar.facts/1): every field of HostFacts travels, names are read
// back strictly, and a facts struct cannot gain a field that the JSON forgets.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time_text.hpp"
#include "scan/facts_json.hpp"
#include "support/full_facts.hpp"

namespace weerbaar::scan {
namespace {
using namespace std::chrono_literals;
using facts_samples::at;
using facts_samples::full_facts;

TEST(FactsJson, EveryFieldOfEveryStructIsNamed) {
  const auto unknown = facts_json_unknown_fields();
  EXPECT_TRUE(unknown.empty()) << unknown.front()
                               << ": add the field to describe() in src/scan/facts_json.cpp and to docs/json.md";
}

TEST(FactsJson, RoundTripKeepsEveryField) {
  const HostFacts f = full_facts();
  const std::string text = write_facts_document(f);
  const HostFacts back = read_facts_document(text);
  EXPECT_EQ(write_facts_document(back), text);
  // A few fields by hand, so that the comparison above is not of two equal mistakes.
  EXPECT_EQ(back.scanned_at, f.scanned_at);
  ASSERT_TRUE(back.tls && back.mail && back.dns && back.web && back.exposure);
  EXPECT_EQ(back.tls->suites.at(TlsVersion::tls1_2), (std::vector<std::uint16_t>{0xc02f, 0x009c}));
  EXPECT_EQ(back.tls->certificate.chain.at(1).not_after, f.tls->certificate.chain.at(1).not_after);
  EXPECT_EQ(back.tls->certificate.chain.at(0).der, (std::vector<std::uint8_t>{0x30, 0x82, 0x00, 0xff}));
  EXPECT_EQ(back.mail->servers.at(0).tlsa.at(0).data, (std::vector<std::uint8_t>{0xde, 0xad, 0xbe, 0xef}));
  EXPECT_EQ(back.mail->servers.at(0).has_aaaa, std::optional<bool>(false));
  EXPECT_EQ(back.dns->name_servers.at(1).has_aaaa, std::nullopt);
  EXPECT_EQ(back.mail->policy.mx.at(1).host, "");
  EXPECT_EQ(back.exposure->reference.at(0).auth, ServiceAuth::required);
  EXPECT_EQ(back.web->http_chain.at(1).response, std::nullopt);
  EXPECT_EQ(back.web->https_root.tls_failure, TlsFailure::unknown_name);
  EXPECT_TRUE(back.web->http_chain.at(0).response->body_truncated);
}

TEST(FactsJson, WrittenInTheDocumentedShape) {
  const auto j = nlohmann::json::parse(write_facts_document(full_facts()));
  EXPECT_EQ(j.at("schema"), "weerbaar.facts/1");
  EXPECT_EQ(j.at("scanned_at"), "2026-11-23T21:40:00.123456789Z");
  EXPECT_EQ(j.at("tls").at("suites").at("TLS 1.2"), (nlohmann::json{"0xc02f", "0x009c"}));
  EXPECT_EQ(j.at("tls").at("versions").at("TLS 1.0"), false);
  EXPECT_EQ(j.at("tls").at("certificate").at("chain").at(0).at("der"), "308200ff");
  EXPECT_EQ(j.at("dns").at("dnssec"), "bogus");
  EXPECT_EQ(j.at("web").at("https_root").at("tls_failure"), "unknown_name");
  EXPECT_EQ(j.at("mail").at("policy").at("spf").at("result"), "softfail");
  EXPECT_TRUE(j.at("dns").at("name_servers").at(1).at("has_aaaa").is_null());
}

TEST(FactsJson, LeftOutFieldsKeepTheirDefaults) {
  const auto f = read_facts_document(R"({"schema": "weerbaar.facts/1", "host": "a.test",
                                         "dns": {"dnssec": "insecure"}})");
  EXPECT_EQ(f.host, "a.test");
  ASSERT_TRUE(f.dns.has_value());
  EXPECT_EQ(f.dns->dnssec, DnssecStatus::insecure);
  EXPECT_FALSE(f.dns->caa_known);
  EXPECT_FALSE(f.tls.has_value());
  EXPECT_FALSE(f.dns->aaaa.has_value());
}

void expect_error(const std::string& text, const std::string& where) {
  try {
    (void)read_facts_document(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const FactsError& e) {
    EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
  }
}

TEST(FactsJson, MistakesAreNamedWithTheirPlace) {
  expect_error("not json", "not JSON");
  expect_error(R"({"schema": "weerbaar.scan/1"})", "schema weerbaar.facts/1");
  expect_error(R"({"schema": "weerbaar.facts/1", "hots": "a"})", "hots: unknown field");
  expect_error(R"({"schema": "weerbaar.facts/1", "dns": {"dnssec": "secured"}})",
               "dns.dnssec: unknown value 'secured'");
  expect_error(R"({"schema": "weerbaar.facts/1", "tls": {"versions": {"TLS 1.9": true}}})",
               "tls.versions.TLS 1.9: unknown value");
  expect_error(R"({"schema": "weerbaar.facts/1", "tls": {"suites": {"TLS 1.2": ["c02f"]}}})", "tls.suites.TLS 1.2");
  expect_error(R"({"schema": "weerbaar.facts/1", "exposure": {"probes": [{"port": 70000}]}})",
               "exposure.probes[0].port: number out of range");
  expect_error(R"({"schema": "weerbaar.facts/1", "scanned_at": "2026-02-30T00:00:00Z"})", "scanned_at");
  expect_error(R"({"schema": "weerbaar.facts/1", "mail": {"servers": [{"tlsa": [{"data": "abc"}]}]}})",
               "mail.servers[0].tlsa[0].data: odd number");
  expect_error(R"({"schema": "weerbaar.facts/1", "host": 5})", "host: expected a string");
}

TEST(TimeText, ExactTimesReadBack) {
  const auto t = at(2026, 11, 23) + 21h + 40min + 5s + 250ms;
  EXPECT_EQ(iso8601_utc_exact(t), "2026-11-23T21:40:05.25Z");
  EXPECT_EQ(iso8601_utc_exact(at(2026, 11, 23)), "2026-11-23T00:00:00Z");
  EXPECT_EQ(parse_iso8601_utc("2026-11-23T21:40:05.25Z"), t);
  EXPECT_EQ(parse_iso8601_utc(iso8601_utc(t)), t - 250ms);
  for (const char* bad : {"2026-11-23", "2026-11-23T21:40:05", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z",
                          "2026-11-23T21:40:05.Z", "2026-11-23T21:40:05.1234567890Z", "2026-11-23 21:40:05Z"}) {
    EXPECT_EQ(parse_iso8601_utc(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace weerbaar::scan
