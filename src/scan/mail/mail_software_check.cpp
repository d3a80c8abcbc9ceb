// mail.server_software: the mail server software a greeting announces (Exim), judged against the
// software dataset: end of life, or known to be exploited.
#include "scan/check.hpp"
#include "scan/mail/mail_server_gate.hpp"
#include "scan/software/software.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::mail {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.server_software");
  const auto* servers = servers_or_explain(facts, v);
  if (servers == nullptr) return std::move(v).done();
  const auto today = std::chrono::floor<std::chrono::days>(facts.scanned_at);
  bool any_banner = false;
  for (const auto& s : *servers) {
    if (s.smtp.banner.empty()) continue;
    any_banner = true;
    auto d = software::from_smtp_banner(s.smtp.banner);
    if (!d || d->distribution_build) continue;
    auto verdict = software::judge(*d, today);
    Params params{{"mx", s.name}, {"software", verdict.label + " " + d->version}};
    if (verdict.status == software::Status::exploited) {
      params["cves"] = web::text::join(verdict.cves);
      v.fail("MAIL_SOFTWARE_EXPLOITED", params);
    } else if (verdict.status == software::Status::end_of_life) {
      params["eol"] = verdict.eol;
      v.fail("MAIL_SOFTWARE_END_OF_LIFE", params);
    }
  }
  // Only announced versions are judged; a server that did not greet announced nothing (its
  // STARTTLS check says why it could not be reached).
  if (!any_banner) v.not_applicable("no mail server greeting to judge");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.server_software",
    .family = Family::mail,
    .findings = {"MAIL_SOFTWARE_EXPLOITED", "MAIL_SOFTWARE_END_OF_LIFE"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
