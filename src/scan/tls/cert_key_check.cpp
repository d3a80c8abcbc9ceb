// tls.cert_key: are the keys of the certificates strong enough (NCSC-NL levels)?
#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

enum class KeyLevel { good, phase_out, insufficient };

KeyLevel level_of(const CertificateInfo& c) {
  if (c.key_type == "RSA") {
    if (c.key_bits < 2048) return KeyLevel::insufficient;
    if (c.key_bits < 3072) return KeyLevel::phase_out;
    return KeyLevel::good;
  }
  if (c.key_type == "EC") return c.key_bits < 256 ? KeyLevel::insufficient : KeyLevel::good;
  if (c.key_type == "ED25519" || c.key_type == "ED448") return KeyLevel::good;
  return KeyLevel::insufficient;  // DSA and anything unknown
}

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.cert_key");
  const CertificateFacts* cert = certificate_or_explain(facts, v);
  if (cert == nullptr) return std::move(v).done();
  // Every certificate the server sends, except a self-signed root: its key is the trust
  // anchor's business, and clients do not use the copy sent.
  std::string weak, phase_out;
  for (const auto& c : cert->chain) {
    if (c.self_signed && &c != &cert->chain.front()) continue;
    std::string desc = c.key_type + " " + std::to_string(c.key_bits) + " bits";
    switch (level_of(c)) {
      case KeyLevel::insufficient: weak += (weak.empty() ? "" : "; ") + desc; break;
      case KeyLevel::phase_out: phase_out += (phase_out.empty() ? "" : "; ") + desc; break;
      case KeyLevel::good: break;
    }
  }
  if (!weak.empty()) v.fail("TLS_CERT_KEY_WEAK", {{"key", weak}});
  if (!phase_out.empty()) v.fail("TLS_CERT_KEY_PHASE_OUT", {{"key", phase_out}});
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.cert_key",
    .family = Family::tls,
    .findings = {"TLS_CERT_KEY_WEAK", "TLS_CERT_KEY_PHASE_OUT"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
