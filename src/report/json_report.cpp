#include <nlohmann/json.hpp>

#include "core/time_text.hpp"
#include "report/advice.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"
#include "scan/facts_json.hpp"

namespace weerbaar::report {
namespace {
using nlohmann::ordered_json;

ordered_json check_json(const CheckResult& r, const std::string& domain, const content::Library& lib,
                        content::Lang lang) {
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
    fj["severity"] = std::string(to_string(content::severity_of(f, lib)));
    if (ft != nullptr) {
      const Advice a = advise(r, f, domain, lib, lang);
      fj["title"] = a.title;
      fj["impact"] = a.impact;
      fj["fix"] = a.fix;
      // What the owner asks of the supplier, on its own: a platform or a network's website
      // builds its own message from it (`message` is this one, with greeting and details).
      if (!a.request.empty()) fj["request"] = a.request;
      if (!a.details.empty()) fj["details"] = a.details;
      fj["owner"] = a.owner;
      fj["who"] = a.who;
      fj["message"] = a.message;
    }
    fj["params"] = f.params;
    findings.push_back(std::move(fj));
  }
  j["findings"] = std::move(findings);
  return j;
}

}  // namespace

namespace {

ordered_json domain_json(const scan::DomainReport& r, const content::Library& lib, content::Lang lang,
                         bool with_facts) {
  ordered_json d;
  d["input"] = r.input;
  d["domain"] = r.domain;
  d["status"] = std::string(to_string(r.status));
  if (!r.message.empty()) d["message"] = r.message;
  d["addresses"] = r.addresses;
  if (r.status == scan::DomainStatus::scanned) {
    // A domain that only does mail has no address of its own: no address_scanned then.
    if (r.facts.no_address) d["no_address"] = true;
    // ... and one whose site lives only on www names the host its website was judged on.
    if (!r.facts.site_host.empty()) d["site_host"] = r.facts.site_host;
    if (!r.facts.address.empty()) d["address_scanned"] = r.facts.address;
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
  for (const auto& c : r.results) checks.push_back(check_json(c, r.domain, lib, lang));
  // The few findings to fix first, as the text report opens with them.
  ordered_json first = ordered_json::array();
  for (const auto& [check, finding] : fix_first(r.results, lib)) {
    ordered_json fj{{"check", check->check}, {"id", finding->id}};
    if (!check->subject.empty()) fj["subject"] = check->subject;
    first.push_back(std::move(fj));
  }
  d["fix_first"] = std::move(first);
  d["checks"] = std::move(checks);
  if (with_facts && r.status == scan::DomainStatus::scanned) d["facts"] = scan::facts_to_json(r.facts);
  return d;
}

}  // namespace

std::string render_json_head(content::Lang lang, std::chrono::system_clock::time_point started) {
  ordered_json doc;
  doc["schema"] = "weerbaar.scan/1";
  doc["tool"] = {{"name", "weerbaar"}, {"version", WEERBAAR_VERSION}};
  doc["started_at"] = iso8601_utc(started);
  doc["lang"] = lang == content::Lang::nl ? "nl" : "en";
  std::string head = doc.dump(2);
  head.pop_back();  // the closing brace: "domains" comes last
  while (!head.empty() && head.back() == '\n') head.pop_back();
  return head + ",\n  \"domains\": [";
}

std::string render_json_domain(const scan::DomainReport& r, const content::Library& lib, content::Lang lang,
                               bool with_facts) {
  // Indented to sit inside "domains".
  std::string out = "    ";
  for (char c : domain_json(r, lib, lang, with_facts).dump(2)) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

std::string json_domain_separator(std::size_t index) {
  return index == 0 ? "\n" : ",\n";
}

std::string render_json_tail() {
  return "\n  ]\n}\n";
}

std::string render_json_line(const scan::DomainReport& r, const content::Library& lib, content::Lang lang,
                             bool with_facts) {
  return domain_json(r, lib, lang, with_facts).dump();
}

std::string render_json(const std::vector<scan::DomainReport>& reports, const content::Library& lib, content::Lang lang,
                        std::chrono::system_clock::time_point started, bool with_facts) {
  std::string out = render_json_head(lang, started);
  for (std::size_t i = 0; i < reports.size(); ++i) {
    out += json_domain_separator(i) + render_json_domain(reports[i], lib, lang, with_facts);
  }
  return out + render_json_tail();
}

// ---------------------------------------------------------------- reading
namespace {
using nlohmann::json;

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw ScanJsonError(path + ": " + what);
}

// Fields of one object, each read at most once, with the path for errors. Fields the reader
// does not take (titles, advice, scores: derived from the content) are allowed.
class Obj {
 public:
  Obj(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) bad(path_, "expected an object");
  }
  [[nodiscard]] const json* find(const char* key) const {
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }
  [[nodiscard]] std::string at(const char* key) const { return path_ + "." + key; }
  [[nodiscard]] std::string text(const char* key, bool required = false) const {
    const json* v = find(key);
    if (v == nullptr) {
      if (required) bad(at(key), "missing");
      return {};
    }
    if (!v->is_string()) bad(at(key), "expected a string");
    return v->get<std::string>();
  }
  [[nodiscard]] const json& list(const char* key) const {
    static const json empty = json::array();
    const json* v = find(key);
    if (v == nullptr) return empty;
    if (!v->is_array()) bad(at(key), "expected a list");
    return *v;
  }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  const json& j_;
  std::string path_;
};

std::chrono::system_clock::time_point time_at(const Obj& o, const char* key) {
  const std::string s = o.text(key);
  if (s.empty()) return {};
  auto t = parse_iso8601_utc(s);
  if (!t) bad(o.at(key), "expected a UTC time such as 2026-11-23T21:40:00Z");
  return *t;
}

scan::DomainStatus status_named(const std::string& s, const std::string& path) {
  using S = scan::DomainStatus;
  for (S v : {S::scanned, S::rejected, S::refused, S::unresolved, S::failed}) {
    if (to_string(v) == s) return v;
  }
  bad(path, "unknown status '" + s + "'");
}

Outcome outcome_named(const std::string& s, const std::string& path) {
  for (Outcome v : {Outcome::pass, Outcome::fail, Outcome::inconclusive, Outcome::not_applicable}) {
    if (to_string(v) == s) return v;
  }
  bad(path, "unknown outcome '" + s + "'");
}

CheckResult check_from(const json& j, const std::string& path) {
  const Obj o{j, path};
  CheckResult r;
  r.check = o.text("id", true);
  const std::string outcome = o.text("outcome", true);
  r.outcome = outcome_named(outcome, o.at("outcome"));
  r.reason = o.text("reason");
  r.subject = o.text("subject");
  const json& findings = o.list("findings");
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Obj f{findings[i], o.at("findings") + "[" + std::to_string(i) + "]"};
    Finding finding{f.text("id", true), {}, std::nullopt};
    // The severity the scan gave this finding where it was found (a mail server's certificate
    // that no sender checks is a notice) travels with it; content::severity_of reads it back.
    if (const std::string sev = f.text("severity"); !sev.empty()) {
      finding.severity = severity_from_string(sev);
      if (!finding.severity) bad(f.at("severity"), "unknown severity '" + sev + "'");
    }
    if (const json* params = f.find("params")) {
      if (!params->is_object()) bad(f.at("params"), "expected an object");
      for (const auto& [k, v] : params->items()) {
        if (!v.is_string()) bad(f.at("params") + "." + k, "expected a string");
        finding.params[k] = v.get<std::string>();
      }
    }
    r.findings.push_back(std::move(finding));
  }
  return r;
}

scan::DomainReport domain_from(const json& j, const std::string& path) {
  const Obj o{j, path};
  scan::DomainReport r;
  r.input = o.text("input");
  r.domain = o.text("domain");
  r.status = status_named(o.text("status", true), o.at("status"));
  r.message = o.text("message");
  for (const auto& a : o.list("addresses")) {
    if (!a.is_string()) bad(o.at("addresses"), "expected a list of strings");
    r.addresses.push_back(a.get<std::string>());
  }
  if (const json* facts = o.find("facts")) {
    try {
      r.facts = scan::facts_from_json(*facts);
    } catch (const scan::FactsError& e) {
      bad(o.at("facts"), e.what());
    }
  } else {
    r.facts.address = o.text("address_scanned");
    if (const json* none = o.find("no_address")) {
      if (!none->is_boolean()) bad(o.at("no_address"), "expected true or false");
      r.facts.no_address = none->get<bool>();
    }
    r.facts.site_host = o.text("site_host");
    r.facts.scanned_at = time_at(o, "scanned_at");
    r.facts.host = r.status == scan::DomainStatus::scanned ? r.domain : std::string{};
  }
  if (const json* ms = o.find("duration_ms")) {
    if (!ms->is_number_integer()) bad(o.at("duration_ms"), "expected a whole number");
    r.duration = std::chrono::milliseconds(ms->get<std::int64_t>());
  }
  const json& checks = o.list("checks");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    r.results.push_back(check_from(checks[i], o.at("checks") + "[" + std::to_string(i) + "]"));
  }
  return r;
}

}  // namespace

ScanDocument read_json(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw ScanJsonError("not JSON");
  if (!doc.is_object() || doc.value("schema", json()) != "weerbaar.scan/1") {
    throw ScanJsonError("not a weerbaar scan result (schema weerbaar.scan/1)");
  }
  const Obj o{doc, "scan"};
  ScanDocument out;
  out.started = time_at(o, "started_at");
  const std::string lang = o.text("lang");
  if (!lang.empty()) {
    auto l = content::lang_from_string(lang);
    if (!l) bad(o.at("lang"), "unknown language '" + lang + "'");
    out.lang = *l;
  }
  const json& domains = o.list("domains");
  if (o.find("domains") == nullptr) bad(o.at("domains"), "missing");
  for (std::size_t i = 0; i < domains.size(); ++i) {
    out.reports.push_back(domain_from(domains[i], "domains[" + std::to_string(i) + "]"));
  }
  return out;
}

}  // namespace weerbaar::report
