// tls.certificate: is the certificate trusted, for this name, and in date?
#include <chrono>
#include <ctime>

#include "core/time_text.hpp"
#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

constexpr auto kExpiresSoon = std::chrono::days(30);

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.certificate");
  const CertificateFacts* cert = certificate_or_explain(facts, v);
  if (cert == nullptr) return std::move(v).done();
  const CertificateInfo& leaf = cert->chain.front();
  if (!cert->trusted) {
    v.fail("TLS_CERT_UNTRUSTED", {{"reason", cert->verify_error}, {"issuer", leaf.issuer}});
  }
  if (!cert->name_matches) {
    v.fail("TLS_CERT_NAME_MISMATCH", {{"host", facts.host}, {"names", joined(leaf.names)}});
  }
  const auto now = facts.scanned_at;
  if (now > leaf.not_after || now < leaf.not_before) {
    v.fail("TLS_CERT_EXPIRED", {{"not_after", date_utc(leaf.not_after)}, {"not_before", date_utc(leaf.not_before)}});
  } else if (leaf.not_after - now < kExpiresSoon) {
    auto days = std::chrono::duration_cast<std::chrono::days>(leaf.not_after - now).count();
    v.fail("TLS_CERT_EXPIRES_SOON", {{"not_after", date_utc(leaf.not_after)}, {"days", std::to_string(days)}});
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.certificate",
    .family = Family::tls,
    .findings = {"TLS_CERT_UNTRUSTED", "TLS_CERT_NAME_MISMATCH", "TLS_CERT_EXPIRED", "TLS_CERT_EXPIRES_SOON"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
