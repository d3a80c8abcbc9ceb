// mail.dkim: is a DKIM key published under one of the common selectors? DKIM keys cannot be
// listed, so finding none means "could not be determined", never "missing".
#include "scan/check.hpp"
#include "scan/mail/policy_records.hpp"

namespace weerbaar::scan::mail {
namespace {

// RFC 8301 §3.2: verifiers must not accept RSA keys shorter than 1024 bits.
constexpr int kMinRsaBits = 1024;

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.dkim");
  if (!facts.mail) return std::move(v).inconclusive("the mail policy was not probed").done();
  const MailPolicyFacts& p = facts.mail->policy;
  if (p.null_mx()) return std::move(v).not_applicable("the domain sends and receives no mail (null MX)").done();
  std::vector<std::string> found;
  std::size_t failed = 0;
  for (const auto& s : p.dkim) {
    if (s.txt.status == LookupStatus::failed) ++failed;
    for (const auto& record : s.txt.records) {
      if (!is_dkim_candidate(record)) continue;
      auto parsed = parse_dkim_key(record);
      if (!parsed.key || parsed.key->revoked) continue;
      found.push_back(s.selector);
      if (parsed.key->key_type == "rsa" && parsed.key->bits < kMinRsaBits) {
        v.fail("MAIL_DKIM_WEAK_KEY", {{"selector", s.selector}, {"bits", std::to_string(parsed.key->bits)}});
      }
    }
  }
  if (found.empty()) {
    if (failed > 0 && failed == p.dkim.size()) return std::move(v).inconclusive("every DKIM lookup failed").done();
    v.fail("MAIL_DKIM_NOT_DETERMINABLE", {{"selectors", std::to_string(p.dkim.size())}});
    return std::move(v).done();
  }
  CheckResult r = std::move(v).done();
  std::string names;
  for (const auto& s : found) names += (names.empty() ? "" : ", ") + s;
  if (r.outcome == Outcome::pass) r.reason = "DKIM key found under selector " + names;
  return r;
}

const CheckRegistration reg{{
    .id = "mail.dkim",
    .family = Family::mail,
    .findings = {"MAIL_DKIM_NOT_DETERMINABLE", "MAIL_DKIM_WEAK_KEY"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
