#include <nlohmann/json.hpp>

#include "core/time_text.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"

namespace weerbaar::report {
namespace {
using nlohmann::ordered_json;

ordered_json check_json(const CheckResult& r, const content::Library& lib, content::Lang lang) {
  ordered_json j;
  const auto* text = lib.check(r.check);
  j["id"] = r.check;
  j["family"] = text != nullptr ? std::string(to_string(text->family)) : "";
  j["outcome"] = std::string(to_string(r.outcome));
  j["light"] = std::string(to_string(light_of(r, lib)));
  j["title"] = text != nullptr ? text->title.in(lang) : r.check;
  if (!r.reason.empty()) j["reason"] = r.reason;
  if (!r.subject.empty()) j["subject"] = r.subject;
  ordered_json findings = ordered_json::array();
  for (const auto& f : r.findings) {
    ordered_json fj;
    const auto* ft = lib.finding(f.id);
    fj["id"] = f.id;
    fj["severity"] = ft != nullptr ? std::string(to_string(ft->severity)) : "high";
    if (ft != nullptr) {
      fj["title"] = content::render(ft->title.in(lang), f.params);
      fj["impact"] = content::render(ft->impact.in(lang), f.params);
      fj["fix"] = content::render(ft->fix.in(lang), f.params);
    }
    fj["params"] = f.params;
    findings.push_back(std::move(fj));
  }
  j["findings"] = std::move(findings);
  return j;
}

}  // namespace

std::string render_json(const std::vector<scan::DomainReport>& reports, const content::Library& lib, content::Lang lang,
                        std::chrono::system_clock::time_point started) {
  ordered_json doc;
  doc["schema"] = "weerbaar.scan/1";
  doc["tool"] = {{"name", "weerbaar"}, {"version", WEERBAAR_VERSION}};
  doc["started_at"] = iso8601_utc(started);
  doc["lang"] = lang == content::Lang::nl ? "nl" : "en";
  ordered_json domains = ordered_json::array();
  for (const auto& r : reports) {
    ordered_json d;
    d["input"] = r.input;
    d["domain"] = r.domain;
    d["status"] = std::string(to_string(r.status));
    if (!r.message.empty()) d["message"] = r.message;
    d["addresses"] = r.addresses;
    if (r.status == scan::DomainStatus::scanned) {
      d["address_scanned"] = r.facts.address;
      d["scanned_at"] = iso8601_utc(r.facts.scanned_at);
    }
    d["duration_ms"] = r.duration.count();
    ordered_json scores = ordered_json::object();
    for (const auto& [family, score] : family_scores(r.results, lib)) scores[std::string(to_string(family))] = score;
    d["scores"] = std::move(scores);
    std::optional<Severity> worst;
    for (const auto& c : r.results) {
      auto w = worst_severity(c, lib);
      if (w && (!worst || *w > *worst)) worst = w;
    }
    d["highest_severity"] = worst ? ordered_json(std::string(to_string(*worst))) : ordered_json(nullptr);
    ordered_json checks = ordered_json::array();
    for (const auto& c : r.results) checks.push_back(check_json(c, lib, lang));
    d["checks"] = std::move(checks);
    domains.push_back(std::move(d));
  }
  doc["domains"] = std::move(domains);
  return doc.dump(2) + "\n";
}

}  // namespace weerbaar::report
