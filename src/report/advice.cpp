#include "report/advice.hpp"

#include <algorithm>

namespace weerbaar::report {

std::string owner_of(const CheckResult& r, const content::Library& lib) {
  if (!r.subject.empty()) return "mail_provider";
  const auto* check = lib.check(r.check);
  const Family family = check != nullptr ? check->family : Family::web;
  switch (family) {
    case Family::web:
    case Family::tls: return "web_host";
    case Family::mail: return "mail_provider";
    case Family::dns: return "dns_manager";
    case Family::exposure: return "it_supplier";
  }
  return "it_supplier";
}

Advice advise(const CheckResult& r, const Finding& f, const std::string& domain, const content::Library& lib,
              content::Lang lang) {
  Advice a;
  a.severity = content::severity_of(f, lib);
  a.owner = owner_of(r, lib);
  a.who = lib.ui("owner." + a.owner, lang);
  const auto* text = lib.finding(f.id);
  if (text == nullptr) {
    a.title = f.id;
    return a;
  }
  a.title = content::render(text->title.in(lang), f.params);
  a.impact = content::render(text->impact.in(lang), f.params);
  a.fix = content::render(text->fix.in(lang), f.params);
  a.details = content::render(text->details.in(lang), f.params);
  // The message goes to whoever fixes it: the check's own advice and the lines they need.
  std::string technical = a.fix;
  if (!a.details.empty()) technical += " " + lib.ui("report.details_inline", lang) + " " + a.details;
  if (!r.subject.empty()) {
    // A mail server's STARTTLS is not a website: no browser warns anyone, and the web host is
    // not who runs it. The check's own advice goes to the technician, in the message.
    const Params p{{"mx", r.subject}};
    a.title = content::render(lib.ui("mail_server.title", lang), {{"mx", r.subject}, {"title", a.title}});
    a.impact = content::render(lib.ui("mail_server.impact", lang), p);
    auto unchecked = f.params.find("checked_by_senders");
    if (unchecked != f.params.end() && unchecked->second == "no") {
      a.impact += " " + content::render(lib.ui("mail_server.unchecked", lang), p);
    }
    a.fix = content::render(lib.ui("mail_server.fix", lang), p);
  }
  a.message = content::render(lib.ui("report.message", lang),
                              {{"who", a.who}, {"domain", domain}, {"title", a.title}, {"advice", technical}});
  return a;
}

std::vector<Ranked> fix_first(const std::vector<CheckResult>& results, const content::Library& lib, std::size_t most) {
  std::vector<std::pair<Severity, Ranked>> all;
  for (const auto& r : results) {
    if (!r.subject.empty()) continue;
    for (const auto& f : r.findings) all.push_back({content::severity_of(f, lib), {&r, &f}});
  }
  for (const auto& r : results) {
    if (r.subject.empty()) continue;
    for (const auto& f : r.findings) all.push_back({content::severity_of(f, lib), {&r, &f}});
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<Ranked> out;
  for (const auto& [sev, ranked] : all) {
    if (sev == Severity::notice || out.size() >= most) break;
    out.push_back(ranked);
  }
  return out;
}

}  // namespace weerbaar::report
