// mail.server_dnssec: are the names of the mail servers (MX hosts) signed with DNSSEC? Without
// it, DANE cannot protect the mail (internet.nl tests DNSSEC of the mail server domains).
#include "scan/check.hpp"
#include "scan/mail/mail_server_gate.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.server_dnssec");
  const auto* servers = servers_or_explain(facts, v);
  if (servers == nullptr) return std::move(v).done();
  std::vector<std::string> unknown;
  for (const auto& s : *servers) {
    if (s.no_address) continue;  // broken mail, reported once by mail.mx
    switch (s.dnssec) {
      case DnssecStatus::secure: break;
      case DnssecStatus::insecure: v.fail("MAIL_SERVER_DNSSEC_MISSING", {{"mx", s.name}}); break;
      case DnssecStatus::bogus: v.fail("MAIL_SERVER_DNSSEC_BOGUS", {{"mx", s.name}}); break;
      case DnssecStatus::unknown:
        unknown.push_back(s.name + ": not validated (no trust anchor, or the lookup failed)");
        break;
    }
  }
  if (!unknown.empty()) v.inconclusive(joined_reasons(unknown));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.server_dnssec",
    .family = Family::mail,
    .findings = {"MAIL_SERVER_DNSSEC_MISSING", "MAIL_SERVER_DNSSEC_BOGUS"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
