#include "report/report_data.hpp"

#include <algorithm>
#include <ctime>
#include <tuple>

#include "report/advice.hpp"
#include "report/score.hpp"

namespace weerbaar::report {
namespace {

using content::Lang;

// A finding text with its parameters; a part in brackets whose parameter is unknown (a scan
// file without params) is left out rather than shown as "{name}".
std::string finding_text(const std::string& text, const Params& params) {
  std::string s = content::render(text, params);
  for (auto open = s.find(" ("); open != std::string::npos; open = s.find(" (", open + 1)) {
    const auto close = s.find(')', open);
    if (close == std::string::npos) break;
    if (s.find('{', open) < close) s.erase(open, close - open + 1);
  }
  return s;
}

ReportAction report_action(const assess::PlannedAction& pa, const assess::AssessContent& c, const content::Library& lib,
                           Lang lang) {
  const auto& a = *pa.action;
  ReportAction out{a.title.in(lang),
                   who_text(a, lib, lang),
                   duration_text(a.minutes, lib, lang),
                   pa.unsure,
                   !pa.findings.empty(),
                   {},
                   {},
                   action_meta(a, lib, lang)};
  if (const auto* h = c.howto(a.howto)) {
    out.howto_title = h->title.in(lang);
    for (const auto& step : h->steps) out.steps.push_back(step.in(lang));
  }
  return out;
}

ReportScan report_scan(const scan::DomainReport& r, const content::Library& lib, Lang lang) {
  ReportScan s;
  s.domain = r.domain;
  s.scanned_at = report_date(r.facts.scanned_at, lib, lang);
  for (const auto& [family, score] : family_scores(r.results, lib)) {
    s.scores.push_back({lib.ui("family." + std::string(to_string(family)), lang), score});
  }
  // By severity, then by the content's priority, as the text report's "fix these first".
  std::vector<std::tuple<Severity, int, ReportFinding>> found;
  for (const auto& c : r.results) {
    for (const auto& f : c.findings) {
      const auto* text = lib.finding(f.id);
      if (text == nullptr) continue;
      const Severity sev = content::severity_of(f, lib);
      const Params params = content::phrased(*text, finding_params(f, r.domain), lang);
      if (!c.subject.empty()) {
        // A mail server's finding: its own title, the mail provider to ask, lines for mail
        // software (advise), never the website's "browsers warn ... ask your web host".
        const Advice a = advise(c, f, r.domain, lib, lang);
        found.emplace_back(sev, text->priority, ReportFinding{light_of(sev), a.title, a.fix, a.details});
        continue;
      }
      found.emplace_back(
          sev, text->priority,
          ReportFinding{light_of(sev), finding_text(text->title.in(lang), params),
                        finding_text(text->fix.in(lang), params),
                        text->details.nl.empty() ? std::string() : finding_text(text->details.in(lang), params)});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
    return std::get<1>(x) > std::get<1>(y);
  });
  for (auto& f : found) s.findings.push_back(std::move(std::get<2>(f)));
  return s;
}

}  // namespace

std::string duration_text(int minutes, const content::Library& lib, Lang lang) {
  if (minutes < 90) return content::render(lib.ui("check.minutes", lang), {{"n", std::to_string(minutes)}});
  return content::render(lib.ui("check.hours", lang), {{"n", std::to_string((minutes + 30) / 60)}});
}

std::string who_text(const assess::Action& a, const content::Library& lib, Lang lang) {
  if (!a.who) return a.who_name;
  return lib.ui("who." + std::string(assess::to_string(*a.who)), lang);
}

std::string action_meta(const assess::Action& a, const content::Library& lib, Lang lang) {
  std::string meta =
      content::render(lib.ui("check.action_meta", lang),
                      {{"who", who_text(a, lib, lang)}, {"minutes", duration_text(a.minutes, lib, lang)}});
  if (!a.cost.in(lang).empty())
    meta += " " + content::render(lib.ui("check.action_cost", lang), {{"cost", a.cost.in(lang)}});
  return meta;
}

std::string topic_title(const assess::AssessContent& c, const std::string& topic, Lang lang) {
  auto it = c.topics.find(topic);
  return it == c.topics.end() ? topic : it->second.in(lang);
}

std::string report_date(std::chrono::system_clock::time_point t, const content::Library& lib, Lang lang) {
  std::tm tm{};
  if (t != std::chrono::system_clock::time_point{}) {
    const std::time_t s = std::chrono::system_clock::to_time_t(t);
    gmtime_r(&s, &tm);
  } else {
    const std::time_t now = std::time(nullptr);
    localtime_r(&now, &tm);
  }
  return human_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, lang, lib);
}

ReportData report_data(const assess::Plan& plan, const assess::AssessContent& c, const scan::DomainReport* scan,
                       const ReportPeople& people, const content::Library& lib, Lang lang) {
  ReportData d;
  d.lang = lang;
  d.business = !people.business.empty() ? people.business : scan != nullptr ? scan->domain : std::string{};
  d.organiser = people.organiser;
  d.contact = people.contact;
  d.date = report_date({}, lib, lang);
  if (scan != nullptr) d.scan = report_scan(*scan, lib, lang);
  for (const auto& t : plan.topics) d.topics.push_back({topic_title(c, t.topic, lang), t.score, t.unknown});
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    (i < assess::Plan::top_count ? d.top : d.later).push_back(report_action(plan.actions[i], c, lib, lang));
  }
  return d;
}

}  // namespace weerbaar::report
