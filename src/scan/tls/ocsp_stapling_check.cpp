// tls.ocsp_stapling: does the server staple an OCSP response (faster, more private checks)?
#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.ocsp_stapling");
  const CertificateFacts* cert = certificate_or_explain(facts, v);
  if (cert == nullptr) return std::move(v).done();
  if (!cert->ocsp_stapled) v.fail("TLS_OCSP_STAPLING_MISSING");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.ocsp_stapling",
    .family = Family::tls,
    .findings = {"TLS_OCSP_STAPLING_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
