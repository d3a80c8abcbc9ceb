// tls.cert_signature: is any certificate in the chain signed with SHA-1 or MD5?
#include <algorithm>
#include <cctype>

#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

bool weak_hash(std::string alg) {
  std::transform(alg.begin(), alg.end(), alg.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return alg.find("sha1") != std::string::npos || alg.find("md5") != std::string::npos ||
         alg.find("md2") != std::string::npos || alg.find("md4") != std::string::npos;
}

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.cert_signature");
  const CertificateFacts* cert = certificate_or_explain(facts, v);
  if (cert == nullptr) return std::move(v).done();
  for (const auto& c : cert->chain) {
    // A root's own signature is never checked by clients, so SHA-1 there is harmless.
    if (c.self_signed && &c != &cert->chain.front()) continue;
    if (weak_hash(c.signature_algorithm)) {
      v.fail("TLS_CERT_SHA1_SIGNATURE", {{"algorithm", c.signature_algorithm}, {"subject", c.subject}});
      break;
    }
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.cert_signature",
    .family = Family::tls,
    .findings = {"TLS_CERT_SHA1_SIGNATURE"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
