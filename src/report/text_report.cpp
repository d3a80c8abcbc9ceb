#include <algorithm>
#include <cmath>
#include <ctime>
#include <sstream>

#include "core/time_text.hpp"
#include "report/advice.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"

namespace weerbaar::report {
namespace {
using content::Lang;

constexpr std::size_t kWidth = 78;
constexpr std::size_t kIndent = 13;  // room for the widest light label

// Word-wraps text to the report width; the first line continues after `first_used` columns.
std::string wrap(std::string_view text, std::size_t indent, std::size_t first_used) {
  std::string out;
  std::size_t col = first_used;
  std::istringstream words{std::string(text)};
  std::string word;
  bool first = true;
  while (words >> word) {
    if (!first && col + 1 + word.size() > kWidth) {
      out += "\n" + std::string(indent, ' ');
      col = indent;
    } else if (!first) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    first = false;
  }
  return out;
}

std::string date_text(std::chrono::system_clock::time_point t, const content::Library& lib, Lang lang) {
  std::tm tm = utc_tm(t);
  char clock[16];
  std::strftime(clock, sizeof clock, "%H:%M", &tm);
  std::string month = lib.ui("month." + std::to_string(tm.tm_mon + 1), lang);
  if (lang == Lang::nl)
    return std::to_string(tm.tm_mday) + " " + month + " " + std::to_string(tm.tm_year + 1900) + " " + clock + " UTC";
  return std::to_string(tm.tm_mday) + " " + month + " " + std::to_string(tm.tm_year + 1900) + ", " + clock + " UTC";
}

std::string seconds_text(std::chrono::milliseconds d, Lang lang) {
  char buf[32];
  const double seconds = static_cast<double>(d.count()) / 1000.0;
  std::snprintf(buf, sizeof buf, seconds < 10 ? "%.2f" : "%.1f", seconds);
  std::string s = buf;
  if (lang == Lang::nl) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

const char* ansi(Light l) {
  switch (l) {
    case Light::green: return "\033[32m";
    case Light::blue: return "\033[34m";
    case Light::orange: return "\033[33m";
    case Light::red: return "\033[31m";
    case Light::grey: return "\033[90m";
  }
  return "";
}

int order_of(Light l) {
  switch (l) {
    case Light::red: return 0;
    case Light::orange: return 1;
    case Light::blue: return 2;
    case Light::grey: return 3;
    case Light::green: return 4;
  }
  return 5;
}

class Writer {
 public:
  Writer(const content::Library& lib, const RenderOptions& opt) : lib_(lib), opt_(opt) {}

  void domain(const scan::DomainReport& r) {
    const Lang lang = opt_.lang;
    domain_ = r.domain;
    out_ << content::render(lib_.ui("report.title", lang), {{"domain", r.domain.empty() ? r.input : r.domain}}) << "\n";
    if (r.status != scan::DomainStatus::scanned) {
      out_ << content::render(lib_.ui("report.not_scanned", lang), {{"message", r.message}}) << "\n\n";
      return;
    }
    // A domain that only does mail has no address of its own to name. Facts judged again
    // (`weerbaar judge`) took no time here: the report says so instead of "in 0,00 seconds".
    const bool judged = r.duration.count() == 0;
    // A site that lives only on www is named: its address is www's, not the domain's.
    const char* scanned = !r.facts.site_host.empty() ? (judged ? "report.judged_www" : "report.scanned_www")
                          : r.facts.no_address ? (judged ? "report.judged_no_address" : "report.scanned_no_address")
                                               : (judged ? "report.judged" : "report.scanned");
    out_ << wrap(content::render(lib_.ui(scanned, lang), {{"date", date_text(r.facts.scanned_at, lib_, lang)},
                                                          {"address", r.facts.address},
                                                          {"domain", r.domain},
                                                          {"site", r.facts.site_host},
                                                          {"seconds", seconds_text(r.duration, lang)}}),
                 0, 0)
         << "\n";
    auto scores = family_scores(r.results, lib_);
    if (!scores.empty()) {
      out_ << lib_.ui("report.scores", lang) << ":";
      const char* sep = " ";
      for (const auto& [family, score] : scores) {
        out_ << sep << lib_.ui("family." + std::string(to_string(family)), lang) << " " << score << "/100";
        sep = " | ";
      }
      out_ << "\n";
    }
    summary(r);
    first(r);
    out_ << "\n" << lib_.ui("report.rest", lang) << "\n";
    for (Family family : {Family::web, Family::tls, Family::mail, Family::dns, Family::exposure}) {
      std::vector<const CheckResult*> in_family;
      for (const auto& c : r.results) {
        const auto* text = lib_.check(c.check);
        if (c.subject.empty() && text != nullptr && text->family == family && visible(c)) in_family.push_back(&c);
      }
      section(lib_.ui("family." + std::string(to_string(family)), lang), in_family);
    }
    // Then each mail server, with what its STARTTLS showed.
    std::vector<std::string> subjects;
    for (const auto& c : r.results) {
      if (!c.subject.empty() && std::find(subjects.begin(), subjects.end(), c.subject) == subjects.end()) {
        subjects.push_back(c.subject);
      }
    }
    for (const auto& subject : subjects) {
      std::vector<const CheckResult*> of_subject;
      for (const auto& c : r.results) {
        if (c.subject == subject && visible(c)) of_subject.push_back(&c);
      }
      section(content::render(lib_.ui("report.mail_server", lang), {{"name", subject}}), of_subject);
    }
    technician();
    out_ << "\n";
  }

  [[nodiscard]] std::string str() const { return out_.str(); }

 private:
  // With --only-problems, what passed or does not apply is left out (and so is a family
  // heading with nothing under it).
  [[nodiscard]] bool visible(const CheckResult& c) const {
    return opt_.show_passed || c.outcome == Outcome::fail || c.outcome == Outcome::inconclusive;
  }

  // A heading and its checks, the worst first; nothing when there is nothing to show.
  void section(const std::string& heading, std::vector<const CheckResult*> checks) {
    if (checks.empty()) return;
    std::stable_sort(checks.begin(), checks.end(), [&](const CheckResult* a, const CheckResult* b) {
      return order_of(light_of(*a, lib_)) < order_of(light_of(*b, lib_));
    });
    out_ << "\n" << heading << "\n";
    for (const auto* c : checks) check(*c);
  }

  // The few findings to fix first, mail servers included, each with who to ask and a message to
  // send them; then the rest by family.
  void first(const scan::DomainReport& r) {
    const Lang lang = opt_.lang;
    const auto top = fix_first(r.results, lib_);
    out_ << "\n" << lib_.ui("report.first", lang) << "\n";
    if (top.empty()) {
      out_ << "  " << wrap(lib_.ui("report.first_none", lang), 2, 2) << "\n";
      return;
    }
    std::string indent(kIndent, ' ');
    int n = 0;
    for (const auto& [check, finding] : top) {
      const Advice a = advise(*check, *finding, r.domain, lib_, lang);
      out_ << "  " << ++n << ".";
      label(light_of(a.severity));
      out_ << wrap(a.title, kIndent + 4, kIndent + 4) << "\n";
      out_ << indent << wrap(lib_.ui("report.impact", lang) + " " + a.impact, kIndent, kIndent) << "\n";
      out_ << indent << wrap(lib_.ui("report.fix", lang) + " " + a.fix, kIndent, kIndent) << "\n";
      out_ << indent << wrap(lib_.ui("report.who", lang) + " " + a.who, kIndent, kIndent) << "\n";
      out_ << indent << wrap(lib_.ui("report.message_intro", lang) + " \"" + a.message + "\"", kIndent, kIndent)
           << "\n";
    }
  }

  // The configuration lines of the findings above, apart from the owner's text: a part the owner
  // can forward as it is.
  void technician() {
    if (tech_.empty()) return;
    const Lang lang = opt_.lang;
    out_ << "\n" << lib_.ui("report.technician", lang) << "\n";
    out_ << "  " << wrap(lib_.ui("report.technician_intro", lang), 2, 2) << "\n";
    for (const auto& [title, details] : tech_) {
      out_ << "  - " << wrap(title, 4, 4) << "\n";
      out_ << "    " << wrap(details, 4, 4) << "\n";
    }
    tech_.clear();
  }

  // Findings are counted by their own severity (a low finding in a check that also found a high
  // one is "to improve", not "serious"); checks that passed or could not tell, by check.
  void summary(const scan::DomainReport& r) {
    int high = 0, other = 0, tips = 0, passed = 0, unknown = 0;
    for (const auto& c : r.results) {
      if (c.outcome == Outcome::pass) ++passed;
      if (c.outcome == Outcome::inconclusive) ++unknown;
      for (const auto& f : c.findings) {
        switch (content::severity_of(f, lib_)) {
          case Severity::high: ++high; break;
          case Severity::medium:
          case Severity::low: ++other; break;
          case Severity::notice: ++tips; break;
        }
      }
    }
    out_ << content::render(lib_.ui("report.summary", opt_.lang), {{"high", std::to_string(high)},
                                                                   {"other", std::to_string(other)},
                                                                   {"tips", std::to_string(tips)},
                                                                   {"passed", std::to_string(passed)},
                                                                   {"unknown", std::to_string(unknown)}})
         << "\n";
  }

  void label(Light l) { label_text(l, lib_.ui("light." + std::string(to_string(l)), opt_.lang)); }

  void label_text(Light l, const std::string& word) {
    std::string text = "[" + word + "]";
    if (opt_.color) out_ << ansi(l);
    out_ << "  " << text;
    if (opt_.color) out_ << "\033[0m";
    out_ << std::string(kIndent > text.size() + 2 ? kIndent - text.size() - 2 : 1, ' ');
  }

  void check(const CheckResult& c) {
    const Lang lang = opt_.lang;
    const auto* text = lib_.check(c.check);
    const std::string title = text != nullptr ? text->title.in(lang) : c.check;
    Light l = light_of(c, lib_);
    if (c.outcome == Outcome::pass) {
      if (!opt_.show_passed) return;
      label(l);
      out_ << wrap(title + ": " + (text != nullptr ? text->pass.in(lang) : ""), kIndent, kIndent) << "\n";
      return;
    }
    if (c.outcome != Outcome::fail) {
      const bool inconclusive = c.outcome == Outcome::inconclusive;
      // Not applicable is no problem; an undecided check is something to look into.
      if (!inconclusive && !opt_.show_passed) return;
      label_text(l, lib_.ui(inconclusive ? "light.grey" : "label.not_applicable", lang));
      std::string what = lib_.ui(inconclusive ? "report.inconclusive" : "report.not_applicable", lang);
      // Reasons are recorded in English (for logs and JSON); a Dutch report keeps to Dutch.
      const bool show_reason = !c.reason.empty() && lang == Lang::en;
      out_ << wrap(title + ": " + what + (show_reason ? " (" + c.reason + ")" : ""), kIndent, kIndent) << "\n";
      return;
    }
    for (const auto& f : c.findings) {
      if (lib_.finding(f.id) == nullptr) continue;
      const Advice a = advise(c, f, domain_, lib_, lang);
      label(light_of(a.severity));
      out_ << wrap(a.title + " [" + f.id + "]", kIndent, kIndent) << "\n";
      std::string indent(kIndent, ' ');
      out_ << indent << wrap(lib_.ui("report.impact", lang) + " " + a.impact, kIndent, kIndent) << "\n";
      out_ << indent << wrap(lib_.ui("report.fix", lang) + " " + a.fix, kIndent, kIndent) << "\n";
      out_ << indent << wrap(lib_.ui("report.who", lang) + " " + a.who, kIndent, kIndent) << "\n";
      if (!a.details.empty()) tech_.emplace_back(a.title + " [" + f.id + "]", a.details);
    }
  }

  const content::Library& lib_;
  const RenderOptions& opt_;
  std::ostringstream out_;
  std::string domain_;
  std::vector<std::pair<std::string, std::string>> tech_;  // (title [ID], details) of this domain
};

}  // namespace

std::string render_text(const std::vector<scan::DomainReport>& reports, const content::Library& lib,
                        const RenderOptions& opt) {
  Writer w(lib, opt);
  for (const auto& r : reports) w.domain(r);
  return w.str();
}

}  // namespace weerbaar::report
