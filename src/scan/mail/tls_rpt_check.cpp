// mail.tls_rpt: a TLS-RPT record (RFC 8460) at _smtp._tls.<domain>, so that sending servers
// report failed encrypted deliveries to the domain.
#include <algorithm>

#include "scan/check.hpp"
#include "scan/mail/policy_records.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.tls_rpt");
  if (!facts.mail) return std::move(v).inconclusive("the mail policy was not probed").done();
  const MailPolicyFacts& p = facts.mail->policy;
  if (p.null_mx()) return std::move(v).not_applicable("the domain receives no mail (null MX)").done();
  if (p.mx_status == LookupStatus::nodata || p.mx_status == LookupStatus::nxdomain) {
    return std::move(v).not_applicable("the domain has no MX records").done();
  }
  const TxtAnswer& txt = p.tls_rpt;
  if (txt.status == LookupStatus::failed)
    return std::move(v).inconclusive("the TLS-RPT lookup failed: " + txt.error).done();
  std::vector<std::string> records;
  std::copy_if(txt.records.begin(), txt.records.end(), std::back_inserter(records), is_tls_rpt_candidate);
  if (records.empty()) return std::move(v.fail("MAIL_TLS_RPT_MISSING")).done();
  if (records.size() > 1) {
    // RFC 8460 §3: with more than one record, none is used.
    return std::move(v.fail("MAIL_TLS_RPT_INVALID", {{"error", std::to_string(records.size()) + " TLS-RPT records"}}))
        .done();
  }
  auto parsed = parse_tls_rpt(records.front());
  if (!parsed.record) v.fail("MAIL_TLS_RPT_INVALID", {{"record", records.front()}, {"error", parsed.error}});
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.tls_rpt",
    .family = Family::mail,
    .findings = {"MAIL_TLS_RPT_MISSING", "MAIL_TLS_RPT_INVALID"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
