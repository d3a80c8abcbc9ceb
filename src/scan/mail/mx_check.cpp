// mail.mx: does the domain say in DNS where its mail goes (MX), or that it takes none (null MX)?
#include "scan/check.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.mx");
  if (!facts.mail) return std::move(v).inconclusive("the mail policy was not probed").done();
  const MailPolicyFacts& p = facts.mail->policy;
  switch (p.mx_status) {
    case LookupStatus::failed: return std::move(v).inconclusive("the MX lookup failed: " + p.mx_error).done();
    case LookupStatus::nodata:
    case LookupStatus::nxdomain: v.fail("MAIL_MX_MISSING", {{"domain", facts.host}}); break;
    case LookupStatus::ok: break;  // a null MX (RFC 7505) is a deliberate "no mail here": fine
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.mx",
    .family = Family::mail,
    .findings = {"MAIL_MX_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
