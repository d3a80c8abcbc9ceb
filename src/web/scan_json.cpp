#include "web/scan_json.hpp"

#include <nlohmann/json.hpp>

namespace weerbaar::web {

std::optional<std::vector<CheckResult>> results_from_json(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || j.value("schema", std::string()) != "weerbaar.scan/1" || !j.contains("domains") ||
      !j["domains"].is_array()) {
    return std::nullopt;
  }
  for (const auto& d : j["domains"]) {
    if (!d.is_object() || d.value("status", std::string()) != "scanned" || !d.contains("checks")) continue;
    std::vector<CheckResult> out;
    for (const auto& ch : d["checks"]) {
      if (!ch.is_object()) return std::nullopt;
      CheckResult r;
      r.check = ch.value("id", std::string());
      r.subject = ch.value("subject", std::string());
      const std::string outcome = ch.value("outcome", std::string("pass"));
      r.outcome = outcome == "fail"             ? Outcome::fail
                  : outcome == "inconclusive"   ? Outcome::inconclusive
                  : outcome == "not_applicable" ? Outcome::not_applicable
                                                : Outcome::pass;
      if (ch.contains("findings") && ch["findings"].is_array()) {
        for (const auto& f : ch["findings"]) {
          if (!f.is_object() || !f.contains("id") || !f["id"].is_string()) return std::nullopt;
          Params params;
          if (f.contains("params") && f["params"].is_object()) {
            for (const auto& [k, v] : f["params"].items()) {
              if (v.is_string()) params[k] = v.get<std::string>();
            }
          }
          r.findings.push_back({f["id"].get<std::string>(), std::move(params)});
        }
      }
      out.push_back(std::move(r));
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace weerbaar::web
