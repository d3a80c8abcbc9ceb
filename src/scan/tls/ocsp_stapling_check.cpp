// tls.ocsp_stapling: does the server staple an OCSP response (faster, more private checks)?
// Only asked when the certificate names an OCSP responder: internet.nl's verdict
// "not-in-cert" (checks/tasks/tls/evaluation.py TLSOCSPEvaluation) is not tested, and its
// subtest counts as a notice (scoring.py WEB_TLS_OCSP_STAPLING_WORST_STATUS).
#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.ocsp_stapling");
  const CertificateFacts* cert = certificate_or_explain(facts, v);
  if (cert == nullptr) return std::move(v).done();
  if (cert->ocsp_stapled) return std::move(v).done();
  if (cert->chain.front().ocsp_urls.empty())
    return std::move(v).not_applicable("the certificate names no OCSP responder: there is nothing to staple").done();
  v.fail("TLS_OCSP_STAPLING_MISSING", {{"responder", cert->chain.front().ocsp_urls.front()}});
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
