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
  const Params params = content::phrased(*text, finding_params(f, domain), lang);
  a.title = content::render(text->title.in(lang), params);
  a.impact = content::render(text->impact.in(lang), params);
  a.fix = content::render(text->fix.in(lang), params);
  a.request = content::render(text->request.in(lang), params);
  // A mail server's technician gets the lines for mail software, never a web server's.
  a.details = content::render((r.subject.empty() ? text->details : text->details_mail).in(lang), params);
  // The message goes to whoever fixes it: what the owner asks of them (never the owner's own
  // `fix`, which says "ask your web host") and the lines their technician needs.
  std::string asked = a.request.empty() ? a.fix : a.request;
  if (!a.details.empty()) asked += " " + lib.ui("report.details_inline", lang) + " " + a.details;
  if (!r.subject.empty()) {
    // A mail server's STARTTLS is not a website: no browser warns anyone, and the web host is
    // not who runs it. The check's request (written for any server) goes in the message.
    const Params p{{"mx", r.subject}};
    a.title = content::render(lib.ui("mail_server.title", lang), {{"mx", r.subject}, {"title", a.title}});
    a.impact = content::render(lib.ui("mail_server.impact", lang), p);
    auto unchecked = f.params.find("checked_by_senders");
    if (unchecked != f.params.end() && unchecked->second == "no") {
      a.impact += " " + content::render(lib.ui("mail_server.unchecked", lang), p);
    }
    a.fix = content::render(lib.ui("mail_server.fix", lang), p);
  }
  a.message =
      content::render(lib.ui("report.message", lang), {{"domain", domain}, {"title", a.title}, {"request", asked}});
  return a;
}

Params finding_params(const Finding& f, const std::string& domain) {
  Params p = f.params;
  if (!domain.empty()) p.try_emplace("domain", domain);
  return p;
}

std::vector<Ranked> fix_first(const std::vector<CheckResult>& results, const content::Library& lib, std::size_t most) {
  struct Entry {
    Severity severity;
    int priority;
    Ranked ranked;
  };
  std::vector<Entry> all;
  // The website's findings first, so that a stable sort keeps them before a mail server's.
  for (const bool mail_server : {false, true}) {
    for (const auto& r : results) {
      if (r.subject.empty() == mail_server) continue;
      for (const auto& f : r.findings) {
        const auto* text = lib.finding(f.id);
        all.push_back({content::severity_of(f, lib), text != nullptr ? text->priority : 0, {&r, &f}});
      }
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Entry& x, const Entry& y) {
    if (x.severity != y.severity) return x.severity > y.severity;
    return x.priority > y.priority;
  });
  std::vector<Ranked> out;
  for (const auto& e : all) {
    if (e.severity == Severity::notice || out.size() >= most) break;
    out.push_back(e.ranked);
  }
  return out;
}

}  // namespace weerbaar::report
