#include "scan/mail/spf/evaluator.hpp"

#include <gtest/gtest.h>

#include <strings.h>

#include <algorithm>

#include "support/spf_zone.hpp"

namespace weerbaar::scan::mail::spf {
namespace {

using test::MemoryZone;
using test::run_check_host;

SpfQuery from(const char* ip, const char* mail_from, const char* helo = "mail.example.org") {
  return SpfQuery{boost::asio::ip::make_address(ip), mail_from, helo, "unknown"};
}

TEST(SpfEvaluator, PassFailAndTheExplanation) {
  MemoryZone zone;
  zone.add("example.com", "TXT", "v=spf1 ip4:192.0.2.0/24 mx -all exp=why.%{d}")
      .add("example.com", "TXT", "google-site-verification=abc")  // not SPF: ignored
      .add("example.com", "MX", "mx.example.com")
      .add("mx.example.com", "A", "198.51.100.7")
      .add("why.example.com", "TXT", "%{i} may not send for %{d} (%{l})");

  auto ok = run_check_host(zone, from("192.0.2.77", "alice@example.com"));
  EXPECT_EQ(ok.result, SpfResult::pass) << ok.reason;
  EXPECT_EQ(ok.dns_lookups, 0);

  auto via_mx = run_check_host(zone, from("198.51.100.7", "alice@example.com"));
  EXPECT_EQ(via_mx.result, SpfResult::pass) << via_mx.reason;
  EXPECT_EQ(via_mx.dns_lookups, 1);

  auto bad = run_check_host(zone, from("203.0.113.9", "alice@example.com"));
  EXPECT_EQ(bad.result, SpfResult::fail);
  EXPECT_EQ(bad.explanation, "203.0.113.9 may not send for example.com (alice)");
  EXPECT_EQ(bad.domain, "example.com");
  EXPECT_NE(bad.reason.find("-all"), std::string::npos) << bad.reason;
}

TEST(SpfEvaluator, NoneWhenNoRecordAndPermerrorWhenTwo) {
  MemoryZone zone;
  zone.add("plain.example", "TXT", "hello")
      .add("two.example", "TXT", "v=spf1 -all")
      .add("two.example", "TXT", "v=spf1 +all");
  EXPECT_EQ(run_check_host(zone, from("192.0.2.1", "a@plain.example")).result, SpfResult::none);
  EXPECT_EQ(run_check_host(zone, from("192.0.2.1", "a@nowhere.example")).result, SpfResult::none);
  auto two = run_check_host(zone, from("192.0.2.1", "a@two.example"));
  EXPECT_EQ(two.result, SpfResult::permerror);
  EXPECT_NE(two.reason.find("2 SPF records"), std::string::npos) << two.reason;
}

TEST(SpfEvaluator, TimeoutIsTemperror) {
  MemoryZone zone;
  zone.timeout("slow.example");
  zone.add("inc.example", "TXT", "v=spf1 include:slow.example -all");
  EXPECT_EQ(run_check_host(zone, from("192.0.2.1", "a@slow.example")).result, SpfResult::temperror);
  EXPECT_EQ(run_check_host(zone, from("192.0.2.1", "a@inc.example")).result, SpfResult::temperror);
}

TEST(SpfEvaluator, CountsLookupsAndStopsAfterTen) {
  MemoryZone zone;
  // A chain of includes: each costs one lookup.
  for (int i = 0; i < 12; ++i) {
    zone.add("i" + std::to_string(i) + ".example", "TXT", "v=spf1 include:i" + std::to_string(i + 1) + ".example ~all");
  }
  zone.add("i12.example", "TXT", "v=spf1 ip4:192.0.2.1 -all");
  zone.add("short.example", "TXT", "v=spf1 include:i3.example -all");
  auto shortchain = run_check_host(zone, from("192.0.2.1", "a@short.example"));
  EXPECT_EQ(shortchain.result, SpfResult::pass) << shortchain.reason;
  EXPECT_EQ(shortchain.dns_lookups, 10);

  auto longchain = run_check_host(zone, from("192.0.2.1", "a@i0.example"));
  EXPECT_EQ(longchain.result, SpfResult::permerror);
  EXPECT_NE(longchain.reason.find("more than 10 DNS lookups"), std::string::npos) << longchain.reason;
  EXPECT_EQ(longchain.dns_lookups, 11);
}

TEST(SpfEvaluator, VoidLookupsLimit) {
  MemoryZone zone;
  zone.add("two.example", "TXT", "v=spf1 a:gone1.example a:gone2.example ?all");
  zone.add("three.example", "TXT", "v=spf1 a:gone1.example a:gone2.example a:gone3.example ?all");
  auto two = run_check_host(zone, from("192.0.2.1", "a@two.example"));
  EXPECT_EQ(two.result, SpfResult::neutral);
  EXPECT_EQ(two.void_lookups, 2);
  EXPECT_EQ(run_check_host(zone, from("192.0.2.1", "a@three.example")).result, SpfResult::permerror);
}

TEST(SpfEvaluator, HeloIdentityAndIpv6) {
  MemoryZone zone;
  zone.add("mail.example.org", "TXT", "v=spf1 a -all").add("mail.example.org", "AAAA", "2001:db8::25");
  EXPECT_EQ(run_check_host(zone, from("2001:db8::25", "", "mail.example.org")).result, SpfResult::pass);
  EXPECT_EQ(run_check_host(zone, from("2001:db8::26", "", "mail.example.org")).result, SpfResult::fail);
}

TEST(SpfEvaluator, IpMacroForIpv6UsesNibbles) {
  MemoryZone zone;
  zone.add("v6.example", "TXT", "v=spf1 exists:%{ir}.%{v}.bl.example -all");
  auto out = run_check_host(zone, from("2001:db8::cb01", "x@v6.example"));
  EXPECT_EQ(out.result, SpfResult::fail);
  auto q = zone.queries();
  bool asked = std::any_of(q.begin(), q.end(), [](const std::string& s) {
    return strcasecmp(s.c_str(), "A 1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.bl.example") ==
           0;
  });
  EXPECT_TRUE(asked);
}

}  // namespace
}  // namespace weerbaar::scan::mail::spf
