// mail.mta_sts: MTA-STS (RFC 8461) tells sending servers to deliver to the domain only over TLS
// with a valid certificate. Judged: the _mta-sts TXT record, the policy fetched over HTTPS with
// a verified certificate, its mode, whether it covers the MX hosts, and its max_age.
#include <algorithm>

#include "scan/check.hpp"
#include "scan/mail/policy_records.hpp"
#include "scan/mail/sender_validation.hpp"

namespace weerbaar::scan::mail {
namespace {

// Shorter than a day protects little: a sender forgets the policy before an attacker needs to
// wait it out. RFC 8461 §3.2 advises weeks.
constexpr std::int64_t kMinMaxAge = 86400;

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.mta_sts");
  if (!facts.mail) return std::move(v).inconclusive("the mail policy was not probed").done();
  const MailPolicyFacts& p = facts.mail->policy;
  if (p.null_mx()) return std::move(v).not_applicable("the domain receives no mail (null MX)").done();
  if (p.mx_status == LookupStatus::nodata || p.mx_status == LookupStatus::nxdomain) {
    return std::move(v).not_applicable("the domain has no MX records").done();
  }
  if (p.mx_status == LookupStatus::failed)
    return std::move(v).inconclusive("the MX lookup failed: " + p.mx_error).done();
  const auto& servers = facts.mail->servers;
  if (!servers.empty() &&
      std::all_of(servers.begin(), servers.end(), [](const MailServerFacts& s) { return s.no_address; })) {
    return std::move(v).not_applicable("no mail server of the domain has an address (mail.mx reports it)").done();
  }
  const TxtAnswer& txt = p.mta_sts;
  if (txt.status == LookupStatus::failed)
    return std::move(v).inconclusive("the MTA-STS lookup failed: " + txt.error).done();
  std::vector<std::string> records;
  std::copy_if(txt.records.begin(), txt.records.end(), std::back_inserter(records), is_mta_sts_candidate);
  if (records.empty()) {
    // DANE already makes senders insist on encryption and the right server; MTA-STS adds
    // nothing for senders that do DANE, and those that do only MTA-STS are few (RFC 8461 §2
    // leaves the choice to the domain). internet.nl does not test MTA-STS at all.
    if (!servers.empty() && std::all_of(servers.begin(), servers.end(), dane_validates)) {
      return std::move(v).not_applicable("every mail server is protected by DANE").done();
    }
    return std::move(v.fail("MAIL_MTA_STS_MISSING")).done();
  }
  if (records.size() > 1) {
    // §3.1: with more than one record, senders act as if there is none.
    return std::move(v.fail("MAIL_MTA_STS_INVALID", {{"error", std::to_string(records.size()) + " MTA-STS records"}}))
        .done();
  }
  auto record = parse_mta_sts_record(records.front());
  if (!record.record) return std::move(v.fail("MAIL_MTA_STS_INVALID", {{"error", record.error}})).done();

  if (!p.mta_sts_policy) return std::move(v).inconclusive("the MTA-STS policy was not fetched").done();
  const MtaStsFetch& f = *p.mta_sts_policy;
  // No answer in time, or a connection broken off: the policy host could not be asked, which
  // is not the same as a policy that is not there.
  if (f.status == NetStatus::timeout || f.status == NetStatus::reset) {
    return std::move(v).inconclusive(f.url + ": " + f.error).done();
  }
  if (f.status != NetStatus::ok) {
    return std::move(v.fail("MAIL_MTA_STS_POLICY_UNAVAILABLE", {{"url", f.url}, {"error", f.error}})).done();
  }
  if (f.http_status != 200) {
    return std::move(v.fail("MAIL_MTA_STS_POLICY_UNAVAILABLE",
                            {{"url", f.url}, {"error", "HTTP status " + std::to_string(f.http_status)}}))
        .done();
  }
  // §3.3: the policy is served as text/plain.
  if (f.content_type.rfind("text/plain", 0) != 0) {
    return std::move(v.fail("MAIL_MTA_STS_INVALID",
                            {{"error", "the policy is served as '" + f.content_type + "', not text/plain"}}))
        .done();
  }
  auto parsed = parse_mta_sts_policy(f.body);
  if (!parsed.policy) return std::move(v.fail("MAIL_MTA_STS_INVALID", {{"error", parsed.error}})).done();
  const MtaStsPolicy& policy = *parsed.policy;
  if (policy.mode == MtaStsMode::none) return std::move(v.fail("MAIL_MTA_STS_MODE_NONE")).done();
  if (policy.mode == MtaStsMode::testing) v.fail("MAIL_MTA_STS_TESTING");
  std::string uncovered;
  for (const auto& mx : p.mx) {
    if (mx.host.empty()) continue;  // a (misplaced) null MX names no server; mail.mx reports it
    bool covered = std::any_of(policy.mx.begin(), policy.mx.end(),
                               [&](const std::string& pattern) { return mx_pattern_matches(pattern, mx.host); });
    if (!covered) uncovered += (uncovered.empty() ? "" : ", ") + mx.host;
  }
  if (!uncovered.empty()) v.fail("MAIL_MTA_STS_MX_MISMATCH", {{"hosts", uncovered}});
  if (policy.max_age < kMinMaxAge) v.fail("MAIL_MTA_STS_SHORT_MAX_AGE", {{"max_age", std::to_string(policy.max_age)}});
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.mta_sts",
    .family = Family::mail,
    .findings = {"MAIL_MTA_STS_MISSING", "MAIL_MTA_STS_INVALID", "MAIL_MTA_STS_POLICY_UNAVAILABLE",
                 "MAIL_MTA_STS_MODE_NONE", "MAIL_MTA_STS_TESTING", "MAIL_MTA_STS_MX_MISMATCH",
                 "MAIL_MTA_STS_SHORT_MAX_AGE"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
