// dns.dnssec: is the domain signed with DNSSEC, and do its signatures validate?
#include "scan/check.hpp"

namespace weerbaar::scan::dns {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("dns.dnssec");
  if (!facts.dns) return std::move(v).inconclusive("the DNS was not probed").done();
  const DnsFacts& d = *facts.dns;
  switch (d.dnssec) {
    case DnssecStatus::secure: break;
    case DnssecStatus::insecure: v.fail("DNS_DNSSEC_MISSING"); break;
    case DnssecStatus::bogus: v.fail("DNS_DNSSEC_BOGUS", {{"reason", d.dnssec_reason}}); break;
    case DnssecStatus::unknown:
      v.inconclusive(d.dnssec_reason.empty() ? "DNSSEC was not validated" : d.dnssec_reason);
      break;
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "dns.dnssec",
    .family = Family::dns,
    .findings = {"DNS_DNSSEC_MISSING", "DNS_DNSSEC_BOGUS"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::dns
