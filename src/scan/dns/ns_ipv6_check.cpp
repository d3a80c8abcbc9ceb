// dns.ns_ipv6: do the name servers of the domain's zone have IPv6 addresses (AAAA)? As
// internet.nl tests it: a name server without one cannot be asked by IPv6-only resolvers.
#include "scan/check.hpp"

namespace weerbaar::scan::dns {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("dns.ns_ipv6");
  if (!facts.dns) return std::move(v).inconclusive("the DNS was not probed").done();
  const DnsFacts& d = *facts.dns;
  if (!d.ns_known)
    return std::move(v).inconclusive(d.ns_error.empty() ? "the name servers are unknown" : d.ns_error).done();
  std::string without;
  std::string unknown;
  auto add = [](std::string& list, const std::string& name) { list += (list.empty() ? "" : ", ") + name; };
  for (const auto& ns : d.name_servers) {
    if (!ns.has_aaaa) {
      add(unknown, ns.name);
    } else if (!*ns.has_aaaa) {
      add(without, ns.name);
    }
  }
  if (!without.empty()) v.fail("DNS_NS_IPV6_MISSING", {{"servers", without}, {"zone", d.ns_zone}});
  if (!unknown.empty()) v.inconclusive("the AAAA lookup failed for " + unknown);
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "dns.ns_ipv6",
    .family = Family::dns,
    .findings = {"DNS_NS_IPV6_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::dns
