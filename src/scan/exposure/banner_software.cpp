#include "scan/exposure/banner_software.hpp"

#include <chrono>
#include <vector>

#include "scan/check.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::exposure {

CheckResult judge_banner_software(const BannerSoftwareRule& rule, const HostFacts& facts) {
  Verdict v(rule.check);
  if (!facts.exposure) return std::move(v).inconclusive("exposed services were not probed").done();
  const ExposureFacts& e = *facts.exposure;
  if (e.addresses.empty()) return std::move(v).not_applicable("the domain has no address to probe").done();
  const auto today = std::chrono::floor<std::chrono::days>(facts.scanned_at);
  bool judged = false;
  std::string skipped;                 // why a banner that was read is not judged, for the record
  std::vector<std::string> undecided;  // addresses where it cannot be told whether the service is there
  for (const auto& address : e.addresses) {
    bool identified = false;
    std::string trouble;
    for (const auto& p : e.probes) {
      if (p.address != address || p.service != rule.service || p.status != NetStatus::ok) continue;
      const bool v6 = p.address.find(':') != std::string::npos;
      const std::string where = (v6 ? "[" + p.address + "]" : p.address) + ":" + std::to_string(p.port);
      // A port that accepts without speaking the protocol (a tarpit, a honeypot) may hide the
      // service: its software cannot be told, which is not the same as no such server.
      if (!p.recognised) {
        if (trouble.empty()) trouble = where + ": accepts connections but does not answer as " + rule.label;
        continue;
      }
      identified = true;
      auto d = p.banner.empty() ? std::nullopt : rule.detect(p.banner);
      if (!d) {
        if (skipped.empty()) skipped = "\"" + p.banner + "\" names no version this scan judges";
        continue;
      }
      // A distribution backports fixes under the same number (docs/decisions.md, issue 11 part 3).
      if (d->distribution_build) {
        if (skipped.empty()) skipped = "\"" + p.banner + "\" is a distribution's package";
        continue;
      }
      judged = true;
      const auto verdict = software::judge(*d, today);
      if (verdict.status != software::Status::vulnerable && verdict.status != software::Status::exploited) continue;
      Params params{{"where", where},
                    {"software", verdict.label + " " + (d->announced.empty() ? d->version : d->announced)},
                    {"cves", web::text::join(verdict.cves)},
                    {"banner", p.banner}};
      if (verdict.status == software::Status::exploited) {
        v.fail_as(Severity::high, rule.finding, std::move(params));
      } else {
        v.fail(rule.finding, std::move(params));
      }
    }
    if (identified) continue;
    if (!trouble.empty()) {
      undecided.push_back(trouble);
    } else if (!e.answered(address)) {
      undecided.push_back(address + ": nothing answered on any port (the host is down, or drops everything)");
    }
  }
  if (!undecided.empty()) {
    std::string reason = rule.label + ": ";
    for (std::size_t i = 0; i < undecided.size(); ++i) reason += (i == 0 ? "" : "; ") + undecided[i];
    v.inconclusive(std::move(reason));
  } else if (!judged) {
    v.not_applicable(skipped.empty() ? "no " + rule.label + " server identified itself" : rule.label + ": " + skipped);
  }
  return std::move(v).done();
}

BannerSoftwareRegistration::BannerSoftwareRegistration(BannerSoftwareRule rule) {
  std::string id = rule.check;
  std::string finding = rule.finding;
  Catalogue::instance().add(CheckSpec{
      .id = std::move(id),
      .family = Family::exposure,
      .findings = {std::move(finding)},
      .run = [rule = std::move(rule)](const HostFacts& facts) { return judge_banner_software(rule, facts); }});
}

}  // namespace weerbaar::scan::exposure
