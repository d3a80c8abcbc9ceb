// dns.ipv6: does the web host have an IPv6 address (AAAA record)? Presence only: reachability
// over IPv6 is not tested.
#include "scan/check.hpp"

namespace weerbaar::scan::dns {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("dns.ipv6");
  if (facts.no_address && facts.site_host.empty())
    return std::move(v).not_applicable("the domain has no address: no website").done();
  if (!facts.dns) return std::move(v).inconclusive("the DNS was not probed").done();
  const DnsFacts& d = *facts.dns;
  if (!d.aaaa) return std::move(v).inconclusive(d.aaaa_error.empty() ? "the AAAA lookup failed" : d.aaaa_error).done();
  if (d.aaaa->empty()) v.fail("DNS_IPV6_MISSING");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "dns.ipv6",
    .family = Family::dns,
    .findings = {"DNS_IPV6_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::dns
