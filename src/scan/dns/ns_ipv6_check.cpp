// dns.ns_ipv6: do at least two name servers of the domain's zone have an IPv6 address (AAAA)?
// internet.nl's rule (checks/tasks/ipv6.py do_ns and the ns_aaaa verdicts in
// checks/categories.py: good with more than one, "only one" fails): IPv6-only resolvers need a
// second server to fall back on; name servers with IPv4 only beside two with IPv6 do no harm.
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
  int with_ipv6 = 0;
  int not_known = 0;
  auto add = [](std::string& list, const std::string& name) { list += (list.empty() ? "" : ", ") + name; };
  for (const auto& ns : d.name_servers) {
    if (!ns.has_aaaa) {
      add(unknown, ns.name);
      ++not_known;
    } else if (*ns.has_aaaa) {
      ++with_ipv6;
    } else {
      add(without, ns.name);
    }
  }
  if (with_ipv6 >= 2) return std::move(v).done();
  // The failed lookups could still make two: cannot tell.
  if (with_ipv6 + not_known >= 2) return std::move(v).inconclusive("the AAAA lookup failed for " + unknown).done();
  v.fail("DNS_NS_IPV6_MISSING", {{"servers", without.empty() ? "-" : without},
                                 {"zone", d.ns_zone},
                                 {"with_ipv6", std::to_string(with_ipv6)},
                                 {"total", std::to_string(d.name_servers.size())}});
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
