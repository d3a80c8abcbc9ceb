// mail.dane: does each mail server publish a TLSA record (DANE, RFC 7672) in a signed zone, and
// does it match the certificate the server presents after STARTTLS?
#include <algorithm>
#include <optional>

#include "scan/check.hpp"
#include "scan/mail/dane.hpp"
#include "scan/mail/mail_server_gate.hpp"

namespace weerbaar::scan::mail {
namespace {

// One server's judgement; adds findings to v, returns a reason when it cannot tell.
std::optional<std::string> judge(const MailServerFacts& s, Verdict& v) {
  if (s.tlsa_status == LookupStatus::failed) {
    return s.name + ": the TLSA lookup failed" + (s.tlsa_error.empty() ? "" : " (" + s.tlsa_error + ")");
  }
  if (s.tlsa_status != LookupStatus::ok || s.tlsa.empty()) {
    v.fail("MAIL_DANE_MISSING", {{"mx", s.name}});
    return std::nullopt;
  }
  if (s.tlsa_dnssec == DnssecStatus::unknown) return s.name + ": TLSA found, but not validated (no trust anchor)";
  if (s.tlsa_dnssec != DnssecStatus::secure) {
    v.fail("MAIL_DANE_UNSIGNED", {{"mx", s.name}});
    return std::nullopt;
  }
  const bool any_usable = std::any_of(s.tlsa.begin(), s.tlsa.end(), usable_for_smtp);
  if (!any_usable) {
    // Senders treat the server as if it had no TLSA records (RFC 7672 section 2.2).
    v.fail("MAIL_DANE_MISSING", {{"mx", s.name}, {"problem", "no TLSA record usable for SMTP (usage 2 or 3)"}});
    return std::nullopt;
  }
  if (s.address.empty() || s.smtp.status != NetStatus::ok) return unreachable_reason(s);
  if (!s.smtp.starttls_offered) {
    // With usable TLSA records, DANE senders refuse to deliver without STARTTLS.
    v.fail("MAIL_DANE_MISMATCH", {{"mx", s.name}, {"problem", "no STARTTLS"}});
    return std::nullopt;
  }
  if (!s.tls || s.tls->certificate.status != NetStatus::ok || s.tls->certificate.chain.empty()) {
    return s.name + ": no certificate to compare (the TLS handshake after STARTTLS did not complete)";
  }
  if (dane_match(s.tlsa, s.tls->certificate.chain) != DaneMatch::match) {
    v.fail("MAIL_DANE_MISMATCH", {{"mx", s.name}, {"problem", "no TLSA record matches the certificate"}});
  }
  return std::nullopt;
}

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.dane");
  const auto* servers = servers_or_explain(facts, v);
  if (servers == nullptr) return std::move(v).done();
  std::vector<std::string> unknown;
  for (const auto& s : *servers) {
    if (s.no_address) continue;  // broken mail, reported once by mail.mx
    if (auto why = judge(s, v)) unknown.push_back(*why);
  }
  if (!unknown.empty()) v.inconclusive(joined_reasons(unknown));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.dane",
    .family = Family::mail,
    .findings = {"MAIL_DANE_MISSING", "MAIL_DANE_UNSIGNED", "MAIL_DANE_MISMATCH"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
