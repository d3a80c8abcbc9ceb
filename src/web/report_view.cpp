#include "web/report_view.hpp"

#include <algorithm>

#include "report/advice.hpp"
#include "report/score.hpp"

namespace weerbaar::web {
namespace {

using content::Lang;

int order_of(report::Light l) {
  switch (l) {
    case report::Light::red: return 0;
    case report::Light::orange: return 1;
    case report::Light::blue: return 2;
    case report::Light::grey: return 3;
    case report::Light::green: return 4;
  }
  return 5;
}

Markup light_class(report::Light l) {
  switch (l) {
    case report::Light::red: return "wb-finding wb-finding--red"_h;
    case report::Light::orange: return "wb-finding wb-finding--orange"_h;
    case report::Light::blue: return "wb-finding wb-finding--blue"_h;
    case report::Light::green: return "wb-finding wb-finding--green"_h;
    case report::Light::grey: return "wb-finding"_h;
  }
  return "wb-finding"_h;
}

std::string label_of(report::Light l, const content::Library& lib, Lang lang) {
  return lib.ui("light." + std::string(report::to_string(l)), lang);
}

// The finding as the command line tells it (report::advise): its own severity's light, and for a
// mail server the words for its owner.
Html finding_html(const CheckResult& c, const Finding& f, const std::string& domain, const content::Library& lib,
                  Lang lang) {
  Html h;
  if (lib.finding(f.id) == nullptr) return h;
  const report::Advice a = report::advise(c, f, domain, lib, lang);
  const report::Light l = report::light_of(a.severity);
  h << "<section"_h << attr("class"_h, std::string(light_class(l).view())) << attr("id"_h, "finding-" + f.id)
    << "><h4 class=\"utrecht-heading-4\"><span class=\"wb-label\">"_h << label_of(l, lib, lang) << "</span>"_h
    << a.title << "</h4>"_h
    << "<p class=\"utrecht-paragraph\"><strong>"_h << lib.ui("report.impact", lang) << "</strong> "_h << a.impact
    << "</p><p class=\"utrecht-paragraph\"><strong>"_h << lib.ui("report.fix", lang) << "</strong> "_h << a.fix
    << "</p>"_h;
  // The configuration lines for the technician, folded away from the owner's text.
  if (!a.details.empty()) {
    h << R"(<details class="wb-technician"><summary>)"_h << lib.ui("report.technician", lang)
      << R"(</summary><p class="utrecht-paragraph"><code>)"_h << a.details << "</code></p></details>"_h;
  }
  h << "</section>"_h;
  return h;
}

std::string finding_title(const FindingKey& k, const content::Library& lib, Lang lang) {
  std::string title = aggregate_title(k.id, lib, lang);
  if (!k.subject.empty()) title += " (" + k.subject + ")";
  return title;
}

}  // namespace

std::string aggregate_title(std::string_view finding_id, const content::Library& lib, Lang lang) {
  const auto* ft = lib.finding(finding_id);
  if (ft == nullptr) return std::string(finding_id);
  std::string title = content::render(ft->title.in(lang), {});
  if (title.find('{') == std::string::npos) return title;
  for (const auto& [id, check] : lib.checks()) {
    if (check.findings.contains(std::string(finding_id))) return check.title.in(lang);
  }
  return std::string(finding_id);
}

std::string short_title(std::string_view finding_id, const content::Library& lib, Lang lang) {
  for (const auto& [id, check] : lib.checks()) {
    if (check.findings.contains(std::string(finding_id))) return check.title.in(lang);
  }
  return aggregate_title(finding_id, lib, lang);
}

Html report_html(const scan::DomainReport& scanned, const content::Library& lib, Lang lang) {
  const auto& results = scanned.results;
  Html h;
  for (Family family : {Family::web, Family::tls, Family::mail, Family::dns, Family::exposure}) {
    std::vector<const CheckResult*> problems;
    std::vector<const CheckResult*> fine;
    for (const auto& c : results) {
      const auto* text = lib.check(c.check);
      if (text == nullptr || text->family != family) continue;
      (c.outcome == Outcome::fail ? problems : fine).push_back(&c);
    }
    if (problems.empty() && fine.empty()) continue;
    std::stable_sort(problems.begin(), problems.end(), [&](const CheckResult* a, const CheckResult* b) {
      return order_of(report::light_of(*a, lib)) < order_of(report::light_of(*b, lib));
    });
    h << "<section class=\"wb-family\""_h << attr("id"_h, "family-" + std::string(to_string(family)))
      << "><h2 class=\"utrecht-heading-2\">"_h << lib.ui("family." + std::string(to_string(family)), lang) << "</h2>"_h;
    for (const auto* c : problems) {
      if (!c->subject.empty()) {
        h << "<h3 class=\"utrecht-heading-3\">"_h
          << content::render(lib.ui("report.mail_server", lang), {{"name", c->subject}}) << "</h3>"_h;
      }
      for (const auto& f : c->findings) h << finding_html(*c, f, scanned.domain, lib, lang);
    }
    if (!fine.empty()) {
      h << "<ul class=\"utrecht-unordered-list wb-passed\">"_h;
      for (const auto* c : fine) {
        const auto* text = lib.check(c->check);
        h << "<li>"_h << text->title.in(lang) << ": "_h;
        switch (c->outcome) {
          case Outcome::pass: h << text->pass.in(lang); break;
          case Outcome::inconclusive: h << lib.ui("report.inconclusive", lang); break;
          default: h << lib.ui("report.not_applicable", lang); break;
        }
        if (!c->subject.empty()) h << " ("_h << c->subject << ")"_h;
        h << "</li>"_h;
      }
      h << "</ul>"_h;
    }
    h << "</section>"_h;
  }
  return h;
}

Html change_html(const ScanChange& change, const content::Library& lib, Lang lang) {
  Html h;
  struct Group {
    const char* key;
    const char* id;
    const std::set<FindingKey>* items;
  };
  for (const Group& g : {Group{"web.change.fixed", "change-fixed", &change.fixed},
                         Group{"web.change.added", "change-new", &change.added},
                         Group{"web.change.still_open", "change-open", &change.still_open}}) {
    h << "<h3 class=\"utrecht-heading-3\""_h << attr("id"_h, g.id) << ">"_h
      << content::render(lib.ui(g.key, lang), {{"n", std::to_string(g.items->size())}}) << "</h3>"_h;
    if (g.items->empty()) continue;
    h << "<ul class=\"utrecht-unordered-list\""_h << attr("aria-labelledby"_h, g.id) << ">"_h;
    for (const auto& k : *g.items) h << "<li>"_h << finding_title(k, lib, lang) << "</li>"_h;
    h << "</ul>"_h;
  }
  return h;
}

}  // namespace weerbaar::web
