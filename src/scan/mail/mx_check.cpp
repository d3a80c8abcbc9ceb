// mail.mx: does the domain say in DNS where its mail goes (MX), or that it takes none (null MX)?
// And is what it says usable: a null MX beside other MX records (RFC 7505 §3: MUST NOT), or an MX
// naming a host without any address, is broken mail, whatever the servers would say.
#include <algorithm>

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
  if (p.mx_status != LookupStatus::ok) return std::move(v).done();
  const bool has_null = std::any_of(p.mx.begin(), p.mx.end(), [](const MxRecord& r) { return r.host.empty(); });
  if (has_null && p.mx.size() > 1) {
    std::string hosts;
    for (const auto& r : p.mx) {
      if (!r.host.empty()) hosts += (hosts.empty() ? "" : ", ") + r.host;
    }
    v.fail("MAIL_MX_NULL_MIXED", {{"domain", facts.host}, {"hosts", hosts}});
  }
  std::string nowhere;
  std::size_t usable = 0;
  for (const auto& s : facts.mail->servers) {
    if (s.no_address) {
      nowhere += (nowhere.empty() ? "" : ", ") + s.name;
    } else {
      ++usable;
    }
  }
  if (!nowhere.empty()) {
    Params params{{"domain", facts.host}, {"hosts", nowhere}};
    // With no mail server left at all, no mail arrives: act now. A dead backup is to plan.
    usable == 0 ? v.fail_as(Severity::high, "MAIL_MX_NO_ADDRESS", std::move(params))
                : v.fail("MAIL_MX_NO_ADDRESS", std::move(params));
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.mx",
    .family = Family::mail,
    .findings = {"MAIL_MX_MISSING", "MAIL_MX_NULL_MIXED", "MAIL_MX_NO_ADDRESS"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
