#include "scan/judge.hpp"

#include "scan/check.hpp"
#include "scan/mail/sender_validation.hpp"

namespace weerbaar::scan {

std::vector<CheckResult> judge(const HostFacts& facts, const std::set<Family>& families) {
  std::vector<CheckResult> results;
  for (const auto& spec : Catalogue::instance().checks()) {
    if (!families.contains(spec.family)) continue;
    // A domain without an address (one that only does mail) has no website to judge; one whose
    // site lives only on www is judged on www (site_host).
    if (facts.no_address && facts.site_host.empty() && (spec.family == Family::web || spec.family == Family::tls)) {
      results.push_back(
          Verdict(spec.id).not_applicable("the domain has no address (no A or AAAA record): no website").done());
      continue;
    }
    results.push_back(spec.run(facts));
  }
  // Each mail server's STARTTLS is judged by the same TLS rules as the web host's port 443.
  if (!facts.mail || !families.contains(Family::mail)) return results;
  for (const auto& server : facts.mail->servers) {
    if (!server.tls) continue;
    // Only the TLS facts: the TLS checks must not judge the domain's web or DNS facts again.
    // What senders check of its certificate decides how much a bad certificate weighs.
    const HostFacts mx{.host = server.name,
                       .address = server.address,
                       .no_address = false,
                       .site_host = {},
                       .scanned_at = facts.scanned_at,
                       .web = std::nullopt,
                       .tls = server.tls,
                       .dns = std::nullopt,
                       .mail = std::nullopt,
                       .exposure = std::nullopt,
                       .mail_server = mail::sender_validation(facts.mail->policy, server)};
    for (const auto& spec : Catalogue::instance().checks()) {
      if (!spec.on_mail_servers) continue;
      CheckResult r = spec.run(mx);
      r.subject = server.name;
      results.push_back(std::move(r));
    }
  }
  return results;
}

}  // namespace weerbaar::scan
