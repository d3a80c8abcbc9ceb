// mail.server_ipv6: can every mail server (MX host) be reached over IPv6 (has an AAAA record)?
#include "scan/check.hpp"
#include "scan/mail/mail_server_gate.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.server_ipv6");
  const auto* servers = servers_or_explain(facts, v);
  if (servers == nullptr) return std::move(v).done();
  std::vector<std::string> unknown;
  for (const auto& s : *servers) {
    if (s.no_address) continue;  // broken mail, reported once by mail.mx
    if (!s.has_aaaa) {
      unknown.push_back(s.name + ": the AAAA lookup failed");
    } else if (!*s.has_aaaa) {
      v.fail("MAIL_SERVER_IPV6_MISSING", {{"mx", s.name}});
    }
  }
  if (!unknown.empty()) v.inconclusive(joined_reasons(unknown));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.server_ipv6",
    .family = Family::mail,
    .findings = {"MAIL_SERVER_IPV6_MISSING"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
