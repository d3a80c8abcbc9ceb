// tls.certificate: is the certificate trusted, for this name, and in date? On a mail server
// these count only when senders check them (DANE or MTA-STS in enforce mode); otherwise they are
// notices, as internet.nl rates them (information only: SMTP does not validate certificates).
#include <chrono>
#include <ctime>

#include "core/time_text.hpp"
#include "scan/check.hpp"
#include "scan/tls/certificate_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

// ACME clients renew 30 days before the end (certbot, Let's Encrypt's advice); with 14 days
// left, renewal has been failing for two weeks. A 30-day warning would flag healthy sites
// between renewal attempts, and short-lived certificates all the time.
constexpr auto kExpiresSoon = std::chrono::days(14);

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
  // Who checks what: a browser everything; a sender nothing, unless DANE or MTA-STS asks it to.
  bool chain_counts = true;
  bool name_and_dates_count = true;
  if (facts.mail_server) {
    chain_counts = facts.mail_server->mta_sts_enforce;
    name_and_dates_count = facts.mail_server->checks_certificate();
  }
  auto report = [&v](bool counts, std::string id, Params params) {
    if (!counts) params["checked_by_senders"] = "no";
    counts ? v.fail(std::move(id), std::move(params)) : v.fail_as(Severity::notice, std::move(id), std::move(params));
  };
  if (!cert->trusted) {
    report(chain_counts, "TLS_CERT_UNTRUSTED", {{"reason", cert->verify_error}, {"issuer", leaf.issuer}});
  }
  if (!cert->name_matches) {
    report(name_and_dates_count, "TLS_CERT_NAME_MISMATCH", {{"host", facts.website()}, {"names", joined(leaf.names)}});
  }
  const auto now = facts.scanned_at;
  if (now > leaf.not_after || now < leaf.not_before) {
    report(name_and_dates_count, "TLS_CERT_EXPIRED",
           {{"not_after", date_utc(leaf.not_after)}, {"not_before", date_utc(leaf.not_before)}});
  } else if (leaf.not_after - now < kExpiresSoon) {
    auto days = std::chrono::duration_cast<std::chrono::days>(leaf.not_after - now).count();
    report(name_and_dates_count, "TLS_CERT_EXPIRES_SOON",
           {{"not_after", date_utc(leaf.not_after)}, {"days", std::to_string(days)}});
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
