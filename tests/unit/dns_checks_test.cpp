// The dns family in the catalogue, and the probe's pure helpers (CAA rdata, RFC 8659 tree
// climbing, NS climbing, wire-format names). The dns checks on facts are data cases:
// tests/data/checks/dns/.
#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "scan/dns/dns_probe.hpp"

namespace weerbaar::scan {
namespace {

TEST(DnsChecks, AllFamilyDns) {
  for (const char* id : {"dns.dnssec", "dns.caa", "dns.ipv6", "dns.ns_ipv6"}) {
    const auto* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    EXPECT_EQ(spec->family, Family::dns) << id;
  }
}

TEST(NsClimb, FromHostUpToAndIncludingTheTld) {
  using V = std::vector<std::string>;
  EXPECT_EQ(dns::ns_climb("www.example.nl"), (V{"www.example.nl", "example.nl", "nl"}));
  EXPECT_EQ(dns::ns_climb("example.nl."), (V{"example.nl", "nl"}));
  EXPECT_TRUE(dns::ns_climb("").empty());
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

TEST(LookupStatus, OneMappingFromHowAQueryEnded) {
  auto of = [](dns::DnsStatus status, std::vector<std::string> rdata) {
    dns::Answer a;
    a.status = status;
    a.rdata = std::move(rdata);
    return dns::lookup_status(a);
  };
  EXPECT_EQ(of(dns::DnsStatus::ok, {"x"}), LookupStatus::ok);
  // An answer without records says the same as NODATA: checks must not tell them apart.
  EXPECT_EQ(of(dns::DnsStatus::ok, {}), LookupStatus::nodata);
  EXPECT_EQ(of(dns::DnsStatus::nodata, {}), LookupStatus::nodata);
  EXPECT_EQ(of(dns::DnsStatus::nxdomain, {}), LookupStatus::nxdomain);
  for (auto s : {dns::DnsStatus::servfail, dns::DnsStatus::timeout, dns::DnsStatus::error}) {
    EXPECT_EQ(of(s, {}), LookupStatus::failed) << dns::to_string(s);
  }
  EXPECT_EQ(to_string(DnssecStatus::bogus), "bogus");
  EXPECT_EQ(to_string(LookupStatus::failed), "failed");
}

}  // namespace
}  // namespace weerbaar::scan
