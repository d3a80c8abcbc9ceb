// dns.caa: does a CAA record say which certificate authorities may issue for the domain?
#include "scan/check.hpp"

namespace weerbaar::scan::dns {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("dns.caa");
  if (!facts.dns) return std::move(v).inconclusive("the DNS was not probed").done();
  const DnsFacts& d = *facts.dns;
  if (!d.caa_known) return std::move(v).inconclusive(d.caa_error.empty() ? "a CAA lookup failed" : d.caa_error).done();
  if (d.caa.empty()) v.fail("DNS_CAA_MISSING");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "dns.caa",
    .family = Family::dns,
    .findings = {"DNS_CAA_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::dns
