#pragma once
// The certificate checks all start the same way: is there a certificate to judge?
#include <optional>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan::tls {

// The certificate facts when a handshake succeeded; otherwise marks the verdict not
// applicable (no HTTPS at all) or inconclusive (it did not complete) and returns nullptr.
inline const CertificateFacts* certificate_or_explain(const HostFacts& facts, Verdict& v) {
  if (!facts.tls) {
    v.not_applicable("TLS was not probed");
    return nullptr;
  }
  const CertificateFacts& c = facts.tls->certificate;
  if (c.status == NetStatus::refused) {
    v.not_applicable("nothing listens for HTTPS on port 443");
    return nullptr;
  }
  if (c.status != NetStatus::ok) {
    v.inconclusive("TLS handshake did not complete: " + std::string(to_string(c.status)) +
                   (c.error.empty() ? "" : " (" + c.error + ")"));
    return nullptr;
  }
  if (c.chain.empty()) {
    v.inconclusive("the server sent no certificate");
    return nullptr;
  }
  return &c;
}

}  // namespace weerbaar::scan::tls
