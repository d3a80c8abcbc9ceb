// The dns checks (dnssec, caa, ipv6, ns_ipv6) on hand-built facts, and the probe's pure helpers
// (CAA rdata, RFC 8659 tree climbing, NS climbing, wire-format names).
#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "scan/dns/dns_probe.hpp"
#include "support/check_runner.hpp"

namespace weerbaar::scan {
namespace {

HostFacts good_host() {
  HostFacts f;
  f.host = "bakkerij-jansen.nl";
  f.dns.emplace();
  f.dns->dnssec = DnssecStatus::secure;
  f.dns->caa_known = true;
  f.dns->caa = {CaaRecord{0, "issue", "letsencrypt.org"}};
  f.dns->caa_owner = "bakkerij-jansen.nl";
  f.dns->aaaa = std::vector<std::string>{"2001:db8::10"};
  f.dns->ns_known = true;
  f.dns->ns_zone = "bakkerij-jansen.nl";
  f.dns->name_servers = {{"ns1.hoster.nl", true}, {"ns2.hoster.nl", true}};
  return f;
}

using check_testing::Ids;
using check_testing::ids;
using check_testing::run;

TEST(DnsChecks, GoodHostPassesAll) {
  const auto f = good_host();
  for (const char* id : {"dns.dnssec", "dns.caa", "dns.ipv6", "dns.ns_ipv6"}) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
    EXPECT_TRUE(r.findings.empty()) << id;
  }
}

TEST(DnsChecks, AllFamilyDns) {
  for (const char* id : {"dns.dnssec", "dns.caa", "dns.ipv6", "dns.ns_ipv6"}) {
    const auto* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    EXPECT_EQ(spec->family, Family::dns) << id;
  }
}

TEST(DnsChecks, NotProbedIsInconclusive) {
  HostFacts f;
  f.host = "bakkerij-jansen.nl";
  for (const char* id : {"dns.dnssec", "dns.caa", "dns.ipv6", "dns.ns_ipv6"}) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::inconclusive) << id;
    EXPECT_FALSE(r.reason.empty()) << id;
  }
}

TEST(DnssecCheck, InsecureIsMissing) {
  auto f = good_host();
  f.dns->dnssec = DnssecStatus::insecure;
  auto r = run("dns.dnssec", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(ids(r), Ids{"DNS_DNSSEC_MISSING"});
}

TEST(DnssecCheck, BogusIsHighWithReason) {
  auto f = good_host();
  f.dns->dnssec = DnssecStatus::bogus;
  f.dns->dnssec_reason = "signature expired";
  auto r = run("dns.dnssec", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  ASSERT_EQ(ids(r), Ids{"DNS_DNSSEC_BOGUS"});
  EXPECT_EQ(r.findings[0].params.at("reason"), "signature expired");
}

TEST(DnssecCheck, NotValidatedIsInconclusive) {
  auto f = good_host();
  f.dns->dnssec = DnssecStatus::unknown;
  f.dns->dnssec_reason = "DNSSEC was not validated: the resolver has no trust anchor";
  auto r = run("dns.dnssec", f);
  EXPECT_EQ(r.outcome, Outcome::inconclusive);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_NE(r.reason.find("trust anchor"), std::string::npos);
}

TEST(CaaCheck, NoneFoundIsMissing) {
  auto f = good_host();
  f.dns->caa.clear();
  f.dns->caa_owner.clear();
  auto r = run("dns.caa", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(ids(r), Ids{"DNS_CAA_MISSING"});
}

TEST(CaaCheck, FoundAtParentPasses) {
  auto f = good_host();
  f.host = "www.bakkerij-jansen.nl";
  auto r = run("dns.caa", f);
  EXPECT_EQ(r.outcome, Outcome::pass);
}

TEST(CaaCheck, FailedLookupIsInconclusive) {
  auto f = good_host();
  f.dns->caa.clear();
  f.dns->caa_known = false;
  f.dns->caa_error = "the CAA lookup of bakkerij-jansen.nl failed (timeout)";
  auto r = run("dns.caa", f);
  EXPECT_EQ(r.outcome, Outcome::inconclusive);
  EXPECT_TRUE(r.findings.empty());
}

TEST(Ipv6Check, NoAaaaIsMissing) {
  auto f = good_host();
  f.dns->aaaa = std::vector<std::string>{};
  auto r = run("dns.ipv6", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(ids(r), Ids{"DNS_IPV6_MISSING"});
}

TEST(Ipv6Check, FailedLookupIsInconclusive) {
  auto f = good_host();
  f.dns->aaaa.reset();
  f.dns->aaaa_error = "the AAAA lookup failed (servfail)";
  auto r = run("dns.ipv6", f);
  EXPECT_EQ(r.outcome, Outcome::inconclusive);
  EXPECT_EQ(r.reason, "the AAAA lookup failed (servfail)");
}

TEST(NsIpv6Check, NameServerWithoutAaaaIsNamed) {
  auto f = good_host();
  f.dns->name_servers[1].has_aaaa = false;
  auto r = run("dns.ns_ipv6", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  ASSERT_EQ(ids(r), Ids{"DNS_NS_IPV6_MISSING"});
  EXPECT_EQ(r.findings[0].params.at("servers"), "ns2.hoster.nl");
}

TEST(NsIpv6Check, UnknownNameServersAreInconclusive) {
  auto f = good_host();
  f.dns->ns_known = false;
  f.dns->name_servers.clear();
  f.dns->ns_error = "the NS lookup of bakkerij-jansen.nl failed (timeout)";
  auto r = run("dns.ns_ipv6", f);
  EXPECT_EQ(r.outcome, Outcome::inconclusive);
  EXPECT_EQ(r.reason, f.dns->ns_error);
  // One AAAA lookup failed, the other server has none: the established finding stands (fail).
  f = good_host();
  f.dns->name_servers[0].has_aaaa.reset();
  f.dns->name_servers[1].has_aaaa = false;
  r = run("dns.ns_ipv6", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(ids(r), Ids{"DNS_NS_IPV6_MISSING"});
}

TEST(NsClimb, FromHostUpToAndIncludingTheTld) {
  using V = std::vector<std::string>;
  EXPECT_EQ(dns::ns_climb("www.example.nl"), (V{"www.example.nl", "example.nl", "nl"}));
  EXPECT_EQ(dns::ns_climb("example.nl."), (V{"example.nl", "nl"}));
  EXPECT_TRUE(dns::ns_climb("").empty());
}

TEST(WireName, DecodesUncompressedNamesOnly) {
  EXPECT_EQ(dns::decode_wire_name(std::string("\x03ns1\x04test\x00", 10)), "ns1.test");
  EXPECT_EQ(dns::decode_wire_name(std::string("\x03NS1\x00", 5)), "ns1");
  EXPECT_EQ(dns::decode_wire_name(std::string("\x00", 1)), ".");
  EXPECT_FALSE(dns::decode_wire_name("").has_value());
  EXPECT_FALSE(dns::decode_wire_name(std::string("\x03ns1", 4)).has_value());      // no root label
  EXPECT_FALSE(dns::decode_wire_name(std::string("\x09ns1\x00", 5)).has_value());  // label runs past the end
  EXPECT_FALSE(dns::decode_wire_name(std::string("\xc0\x0c", 2)).has_value());     // compression pointer
}

TEST(CaaClimb, FromHostUpToButNotIncludingTheTld) {
  using V = std::vector<std::string>;
  EXPECT_EQ(dns::caa_climb("a.b.example.nl"), (V{"a.b.example.nl", "b.example.nl", "example.nl"}));
  EXPECT_EQ(dns::caa_climb("bakkerij-jansen.nl"), V{"bakkerij-jansen.nl"});
  EXPECT_EQ(dns::caa_climb("bakkerij-jansen.nl."), V{"bakkerij-jansen.nl"});
  EXPECT_TRUE(dns::caa_climb("nl").empty());
  EXPECT_TRUE(dns::caa_climb("").empty());
}

TEST(CaaRdata, ParsesFlagsTagAndValue) {
  const std::string rd = std::string("\x80\x05") + "ISSUE" + "letsencrypt.org";
  auto r = dns::parse_caa(rd);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->flags, 128);
  EXPECT_EQ(r->tag, "issue");
  EXPECT_EQ(r->value, "letsencrypt.org");
  // An empty value is allowed ("issue ;" forbids issuance; here simply empty).
  auto empty = dns::parse_caa(std::string("\x00\x05", 2) + "issue");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->value, "");
}

TEST(CaaRdata, RejectsMalformed) {
  EXPECT_FALSE(dns::parse_caa("").has_value());
  EXPECT_FALSE(dns::parse_caa(std::string("\x00", 1)).has_value());
  EXPECT_FALSE(dns::parse_caa(std::string("\x00\x00", 2)).has_value());            // empty tag
  EXPECT_FALSE(dns::parse_caa(std::string("\x00\x09", 2) + "issue").has_value());  // tag runs past the end
}

TEST(DnssecState, MapsResolverStates) {
  EXPECT_EQ(dns::to_dnssec_status(dns::DnssecState::secure), DnssecStatus::secure);
  EXPECT_EQ(dns::to_dnssec_status(dns::DnssecState::insecure), DnssecStatus::insecure);
  EXPECT_EQ(dns::to_dnssec_status(dns::DnssecState::bogus), DnssecStatus::bogus);
  EXPECT_EQ(dns::to_dnssec_status(dns::DnssecState::unknown), DnssecStatus::unknown);
  EXPECT_EQ(to_string(DnssecStatus::bogus), "bogus");
}

}  // namespace
}  // namespace weerbaar::scan
