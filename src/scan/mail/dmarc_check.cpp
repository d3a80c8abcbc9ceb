// mail.dmarc: a valid DMARC record at _dmarc.<domain> that tells receivers to quarantine or
// reject mail failing SPF and DKIM, for the subdomains too, and where to send reports.
// Only _dmarc.<domain> of the scanned domain is read, not the organizational domain's (RFC 7489
// §6.6.3): Weerbaar scans registrable domains, for which the two are the same.
#include <algorithm>

#include "scan/check.hpp"
#include "scan/mail/policy_records.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.dmarc");
  if (!facts.mail) return std::move(v).inconclusive("the mail policy was not probed").done();
  const TxtAnswer& txt = facts.mail->policy.dmarc;
  if (txt.status == LookupStatus::failed)
    return std::move(v).inconclusive("the DMARC lookup failed: " + txt.error).done();
  std::vector<std::string> records;
  std::copy_if(txt.records.begin(), txt.records.end(), std::back_inserter(records), is_dmarc_candidate);
  if (records.empty()) return std::move(v.fail("MAIL_DMARC_MISSING")).done();
  if (records.size() > 1) {
    // §6.6.3: more than one record means no DMARC policy at all.
    return std::move(v.fail("MAIL_DMARC_INVALID", {{"error", std::to_string(records.size()) + " DMARC records"}}))
        .done();
  }
  auto parsed = parse_dmarc(records.front());
  if (!parsed.record) {
    return std::move(v.fail("MAIL_DMARC_INVALID", {{"record", records.front()}, {"error", parsed.error}})).done();
  }
  const DmarcRecord& r = *parsed.record;
  if (r.policy == DmarcPolicy::none) {
    v.fail("MAIL_DMARC_POLICY_NONE");
  } else if (r.subdomain_policy == DmarcPolicy::none) {
    v.fail("MAIL_DMARC_SUBDOMAIN_NONE", {{"policy", std::string(to_string(r.policy))}});
  }
  if (r.rua.empty()) v.fail("MAIL_DMARC_NO_REPORTS");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.dmarc",
    .family = Family::mail,
    .findings = {"MAIL_DMARC_MISSING", "MAIL_DMARC_INVALID", "MAIL_DMARC_POLICY_NONE", "MAIL_DMARC_SUBDOMAIN_NONE",
                 "MAIL_DMARC_NO_REPORTS"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
