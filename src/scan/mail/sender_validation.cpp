#include "scan/mail/sender_validation.hpp"

#include <algorithm>

#include "scan/mail/dane.hpp"
#include "scan/mail/policy_records.hpp"

namespace weerbaar::scan::mail {

bool mta_sts_enforces(const MailPolicyFacts& policy, const std::string& mx_host) {
  if (!policy.mta_sts_policy) return false;
  const MtaStsFetch& f = *policy.mta_sts_policy;
  if (f.status != NetStatus::ok || f.http_status != 200 || f.content_type.rfind("text/plain", 0) != 0) return false;
  auto parsed = parse_mta_sts_policy(f.body);
  if (!parsed.policy || parsed.policy->mode != MtaStsMode::enforce) return false;
  const auto& patterns = parsed.policy->mx;
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return mx_pattern_matches(p, mx_host); });
}

bool dane_validates(const MailServerFacts& s) {
  if (s.tlsa_status != LookupStatus::ok || s.tlsa_dnssec != DnssecStatus::secure) return false;
  if (!s.tls || s.tls->certificate.status != NetStatus::ok || s.tls->certificate.chain.empty()) return false;
  return dane_match(s.tlsa, s.tls->certificate.chain) == DaneMatch::match;
}

SenderValidation sender_validation(const MailPolicyFacts& policy, const MailServerFacts& server) {
  SenderValidation v;
  v.mta_sts_enforce = mta_sts_enforces(policy, server.name);
  v.dane = dane_validates(server);
  // DANE-TA (usage 2) still checks the name and the dates from the anchor down (RFC 7672 §3.2).
  v.dane_ta = v.dane && std::any_of(server.tlsa.begin(), server.tlsa.end(), [&](const TlsaRecord& r) {
                return r.usage == 2 && usable_for_smtp(r) && server.tls &&
                       std::any_of(server.tls->certificate.chain.begin() + 1, server.tls->certificate.chain.end(),
                                   [&](const CertificateInfo& c) { return record_matches(r, c); });
              });
  return v;
}

}  // namespace weerbaar::scan::mail
