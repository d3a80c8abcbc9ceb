// mail.starttls: does every mail server (MX host) offer STARTTLS on port 25?
#include "scan/check.hpp"
#include "scan/mail/mail_server_gate.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.starttls");
  const auto* servers = servers_or_explain(facts, v);
  if (servers == nullptr) return std::move(v).done();
  std::vector<std::string> unknown;
  for (const auto& s : *servers) {
    if (s.no_address) continue;  // broken mail, reported once by mail.mx
    // A server that cannot be reached or refuses the session (greeting 554) cannot be judged:
    // a backup MX that is down is common and says nothing about encryption.
    if (s.address.empty() || s.smtp.status != NetStatus::ok) {
      unknown.push_back(unreachable_reason(s));
      continue;
    }
    if (!s.smtp.starttls_offered) v.fail("MAIL_STARTTLS_MISSING", {{"mx", s.name}});
  }
  if (!unknown.empty()) v.inconclusive("not every mail server could be asked: " + joined_reasons(unknown));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.starttls",
    .family = Family::mail,
    .findings = {"MAIL_STARTTLS_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
