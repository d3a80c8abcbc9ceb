// tls.early_data: does the server accept TLS 1.3 0-RTT data, which an attacker can replay?
#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.early_data");
  if (certificate_or_explain(facts, v) == nullptr) return std::move(v).done();
  if (!facts.tls->early_data) return std::move(v.inconclusive("no session ticket arrived to read it from")).done();
  if (*facts.tls->early_data) v.fail("TLS_EARLY_DATA");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.early_data",
    .family = Family::tls,
    .findings = {"TLS_EARLY_DATA"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
