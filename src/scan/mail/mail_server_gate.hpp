#pragma once
// The mail server checks all start the same way: are there mail servers to judge?
#include <algorithm>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan::mail {

// The mail servers when the domain has MX hosts; otherwise marks the verdict not applicable
// (no MX, or the null MX: the domain receives no mail) or inconclusive (the MX lookup failed)
// and returns nullptr.
inline const std::vector<MailServerFacts>* servers_or_explain(const HostFacts& facts, Verdict& v) {
  if (!facts.mail) {
    v.not_applicable("mail was not probed");
    return nullptr;
  }
  const MailFacts& m = *facts.mail;
  if (m.policy.mx_status == LookupStatus::failed) {
    v.inconclusive("the MX lookup failed" + (m.policy.mx_error.empty() ? "" : ": " + m.policy.mx_error));
    return nullptr;
  }
  if (m.policy.null_mx()) {
    v.not_applicable("the domain receives no mail (null MX)");
    return nullptr;
  }
  if (m.servers.empty()) {
    v.not_applicable("the domain has no MX record");
    return nullptr;
  }
  // An MX that names a host without an address is broken mail (mail.mx says so); there is no
  // server to ask for STARTTLS, DANE, IPv6 or DNSSEC. Callers skip such servers.
  if (std::all_of(m.servers.begin(), m.servers.end(), [](const MailServerFacts& s) { return s.no_address; })) {
    v.not_applicable("no mail server of the domain has an address");
    return nullptr;
  }
  return &m.servers;
}

// Why a server could not be judged, for an inconclusive reason: "mx2.example.nl: refused (...)".
inline std::string unreachable_reason(const MailServerFacts& s) {
  if (s.address.empty()) return s.name + ": " + (s.error.empty() ? "no address" : s.error);
  return s.name + ": port 25 " + std::string(to_string(s.smtp.status)) +
         (s.smtp.error.empty() ? "" : " (" + s.smtp.error + ")");
}

// "a; b" joined, for reasons.
inline std::string joined_reasons(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

}  // namespace weerbaar::scan::mail
