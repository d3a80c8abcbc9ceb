#include "cli/check_command.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "assess/assess_content.hpp"
#include "assess/flow.hpp"
#include "assess/plan.hpp"
#include "cli/commands.hpp"
#include "cli/scan_settings_options.hpp"
#include "core/content.hpp"
#include "core/target.hpp"
#include "core/time_text.hpp"
#include "report/assess_report.hpp"
#include "report/report_data.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"
#include "scan/scan.hpp"

namespace weerbaar::cli {
namespace {

using assess::AssessContent;
using assess::Plan;
using assess::Question;
using assess::State;
using content::Lang;

// A one-line error for the user: a file that cannot be used, an answer missing.
class CheckError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Texts of the user interface in the language chosen, from content/ui.json.
struct Ui {
  const content::Library& lib;
  Lang lang;
  [[nodiscard]] std::string t(std::string_view key, const Params& params = {}) const {
    return content::render(lib.ui(key, lang), params);
  }
};

std::string slurp(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckError(std::string("cannot read ") + what + " '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written beside the old file and renamed over it: an interrupted write never loses answers.
void write_state(const std::string& path, const State& st) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << assess::save_state(st);
    out.flush();
    if (!out) throw CheckError("cannot write the answers to '" + tmp + "'");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw CheckError("cannot save the answers in '" + path + "': " + ec.message());
}

State read_state(const AssessContent& c, const std::string& path, const char* what) {
  try {
    return assess::load_state(c, slurp(path, what));
  } catch (const assess::AnswerError& e) {
    std::string_view msg = e.what();
    if (msg.starts_with("saved answers: ")) msg.remove_prefix(std::string_view("saved answers: ").size());
    throw CheckError(std::string(what) + " '" + path + "': " + std::string(msg));
  }
}

std::string trim(const std::string& s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string trim_lower(std::string s) {
  s = trim(s);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

// 1..max, or 0 when the text is not such a number.
int parse_choice(const std::string& s, std::size_t max) {
  if (s.empty() || s.size() > 3 ||
      !std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; })) {
    return 0;
  }
  const int n = std::stoi(s);
  return n >= 1 && static_cast<std::size_t>(n) <= max ? n : 0;
}

std::string quote_arg(const std::string& s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char ch) {
    return std::isalnum(ch) != 0 || std::string_view("-_./:@+=,").find(static_cast<char>(ch)) != std::string_view::npos;
  });
  if (plain) return s;
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string resume_command(const CheckArgs& a) {
  std::string cmd = "weerbaar check";
  if (a.state_given) cmd += " --state " + quote_arg(a.state);
  if (!a.scan.empty()) cmd += " --scan " + quote_arg(a.scan);
  if (a.format != "text") cmd += " --format " + a.format;
  return cmd;
}

// ---- the scan to merge ----

struct ScanInput {
  scan::DomainReport report;  // for the report on paper (--html, --pdf)
  std::vector<assess::ScanFinding> findings;
};

// What the Basisscan takes from one scanned domain.
ScanInput scan_input(const scan::DomainReport& r, const content::Library& lib) {
  return ScanInput{r, assess::scan_findings(r.results, lib)};
}

ScanInput scan_from_json(const std::string& path, const content::Library& lib) {
  report::ScanDocument doc;
  try {
    doc = report::read_json(slurp(path, "scan result"));
  } catch (const report::ScanJsonError& e) {
    throw CheckError("'" + path + "' is not a weerbaar scan result (schema weerbaar.scan/1): " + e.what());
  }
  for (const auto& r : doc.reports) {
    if (r.status == scan::DomainStatus::scanned) return scan_input(r, lib);
  }
  throw CheckError("scan result '" + path + "' has no scanned domain");
}

ScanInput scan_domain(const std::string& domain, const scan::ScanSettings& settings, const content::Library& lib,
                      const Ui& ui, std::ostream& talk) {
  scan::ScanOptions opt;
  try {
    opt = scan::make_scan_options(settings);
  } catch (const scan::SettingsError& e) {
    throw CheckError(e.what());
  }
  talk << ui.t("check.scanning", {{"domain", domain}}) << "\n" << std::flush;
  std::vector<scan::DomainReport> reports;
  try {
    reports = scan::scan_list(opt, {domain}, 1);
  } catch (const std::exception& e) {
    throw CheckError(std::string("scan of ") + domain + ": " + e.what());
  }
  if (reports.empty() || reports.front().status != scan::DomainStatus::scanned) {
    throw CheckError(domain + ": " + (reports.empty() ? std::string("not scanned") : reports.front().message));
  }
  return scan_input(reports.front(), lib);
}

// --scan is a file when it exists; otherwise a domain name to scan now.
std::optional<ScanInput> load_scan(const CheckArgs& a, const content::Library& lib, const Ui& ui, std::ostream& talk) {
  if (a.scan.empty()) return std::nullopt;
  if (std::filesystem::exists(a.scan) || a.scan.find('/') != std::string::npos || a.scan.ends_with(".json")) {
    return scan_from_json(a.scan, lib);
  }
  auto d = parse_domain(a.scan);
  if (!d.ok()) throw CheckError("--scan: '" + a.scan + "' is neither a scan result file nor a domain: " + d.error);
  return scan_domain(d.domain, a.scan_settings, lib, ui, talk);
}

// ---- the plan as text ----

std::string plan_text(const Plan& p, const AssessContent& c, const Ui& ui) {
  const Lang lang = ui.lang;
  std::ostringstream o;
  o << ui.t("check.scores_title") << "\n";
  for (const auto& t : p.topics) {
    Params params{{"topic", report::topic_title(c, t.topic, lang)},
                  {"score", std::to_string(t.score)},
                  {"unknown", std::to_string(t.unknown)}};
    o << "  " << ui.t(t.unknown > 0 ? "check.score_unknown" : "check.score_line", params) << "\n";
  }
  o << "\n";
  if (p.actions.empty()) {
    o << ui.t("check.no_actions") << "\n";
    return o.str();
  }
  o << ui.t("check.top_title") << "\n";
  const std::size_t top = std::min(p.actions.size(), Plan::top_count);
  for (std::size_t i = 0; i < top; ++i) {
    const auto& pa = p.actions[i];
    const auto& a = *pa.action;
    o << "\n  " << (i + 1) << ". " << a.title.in(lang) << "\n";
    o << "     " << report::action_meta(a, ui.lib, ui.lang) << "\n";
    if (pa.unsure) o << "     " << ui.t("check.unsure") << "\n";
    if (!pa.findings.empty()) o << "     " << ui.t("check.because_scan") << "\n";
    if (const auto* h = c.howto(a.howto)) {
      o << "     " << ui.t("check.howto", {{"title", h->title.in(lang)}}) << "\n";
      for (std::size_t s = 0; s < h->steps.size(); ++s) {
        o << "       " << (s + 1) << ") " << h->steps[s].in(lang) << "\n";
      }
    }
  }
  if (p.actions.size() > top) {
    o << "\n" << ui.t("check.later_title") << "\n";
    for (std::size_t i = top; i < p.actions.size(); ++i) {
      const auto& a = *p.actions[i].action;
      o << "  - "
        << ui.t("check.later_line", {{"title", a.title.in(lang)},
                                     {"who", report::who_text(a, ui.lib, ui.lang)},
                                     {"minutes", report::duration_text(a.minutes, ui.lib, ui.lang)}})
        << "\n";
    }
  }
  return o.str();
}

// ---- the report on paper (--html, --pdf) ----

void write_reports(const Plan& p, const AssessContent& c, const std::optional<ScanInput>& scan, const CheckArgs& a,
                   const Ui& ui, std::ostream& talk) {
  if (a.html.empty() && a.pdf.empty()) return;
  const report::ReportData d =
      report::report_data(p, c, scan ? &scan->report : nullptr, {a.business, a.organiser, a.contact}, ui.lib, ui.lang);
  if (!a.html.empty()) {
    std::ofstream out(a.html, std::ios::binary | std::ios::trunc);
    out << report::render_html(d, ui.lib);
    out.flush();
    if (!out) throw CheckError("cannot write the report to '" + a.html + "'");
    talk << ui.t("report.written", {{"file", a.html}}) << "\n";
  }
  if (!a.pdf.empty()) {
    try {
      report::render_pdf(d, a.pdf, ui.lib);
    } catch (const report::ReportError& e) {
      throw CheckError(e.what());
    }
    talk << ui.t("report.written", {{"file", a.pdf}}) << "\n";
  }
}

// ---- the questions in the terminal ----

enum class Asked { complete, quit, eof };

void say_saved(const CheckArgs& a, const Ui& ui, std::ostream& talk) {
  talk << ui.t("check.saved", {{"file", a.state}}) << "\n"
       << ui.t("check.resume_hint", {{"command", resume_command(a)}}) << "\n"
       << std::flush;
}

void show_question(const Question& q, const assess::Progress& p, const Ui& ui, std::ostream& talk) {
  talk << "\n"
       << ui.t("check.progress", {{"n", std::to_string(p.answered + 1)}, {"total", std::to_string(p.total)}}) << "\n";
  talk << q.text.in(ui.lang) << "\n";
  talk << ui.t("check.why", {{"why", q.why.in(ui.lang)}}) << "\n";
  for (std::size_t i = 0; i < q.answers.size(); ++i) {
    talk << "  " << (i + 1) << ". " << q.answers[i].text.in(ui.lang) << "\n";
  }
}

Asked ask_questions(const AssessContent& c, State& st, const CheckArgs& a, const Ui& ui, std::istream& in,
                    std::ostream& talk) {
  const std::string key_why = trim_lower(ui.t("check.key.why"));
  const std::string key_back = trim_lower(ui.t("check.key.back"));
  const std::string key_quit = trim_lower(ui.t("check.key.quit"));
  while (const Question* q = assess::next_question(c, st.answers)) {
    show_question(*q, assess::progress(c, st.answers), ui, talk);
    const std::string max = std::to_string(q->answers.size());
    for (;;) {
      talk << ui.t("check.prompt", {{"max", max}}) << std::flush;
      std::string line;
      if (!std::getline(in, line)) {
        talk << "\n";
        write_state(a.state, st);
        say_saved(a, ui, talk);
        return Asked::eof;
      }
      const std::string s = trim_lower(line);
      if (s == key_why) {
        talk << ui.t("check.why", {{"why", q->why.in(ui.lang)}}) << "\n";
        continue;
      }
      if (s == key_quit) {
        write_state(a.state, st);
        say_saved(a, ui, talk);
        return Asked::quit;
      }
      if (s == key_back) {
        const auto asked = assess::asked_questions(c, st.answers);
        auto here = std::find(asked.begin(), asked.end(), q);
        if (here == asked.begin() || here == asked.end()) {
          talk << ui.t("check.no_back") << "\n";
          continue;
        }
        st.answers.erase((*std::prev(here))->id);
        write_state(a.state, st);
        break;
      }
      if (int n = parse_choice(s, q->answers.size()); n > 0) {
        st.answers[q->id] = q->answers[static_cast<std::size_t>(n - 1)].id;
        write_state(a.state, st);
        break;
      }
      talk << ui.t("check.invalid", {{"max", max}}) << "\n";
    }
  }
  return Asked::complete;
}

// At a fresh start: the business's name (for the report) and its domain (to offer a scan of at
// the end). Both may be skipped with Enter; end of input skips too (the questions then save).
void ask_business(State& st, const CheckArgs& a, const Ui& ui, std::istream& in, std::ostream& talk) {
  std::string line;
  talk << ui.t("check.ask_business") << std::flush;
  if (!std::getline(in, line)) return;
  st.business = trim(line);
  for (;;) {
    talk << ui.t("check.ask_domain") << std::flush;
    if (!std::getline(in, line)) break;
    const std::string s = trim_lower(line);
    if (s.empty()) break;
    auto d = parse_domain(s);
    if (d.ok()) {
      st.domain = d.domain;
      break;
    }
    talk << ui.t("check.domain_invalid", {{"error", d.error}}) << "\n";
  }
  write_state(a.state, st);
}

// A yes or a no; no on end of input.
bool ask_yes(const std::string& question, const Ui& ui, std::istream& in, std::ostream& talk) {
  const std::string yes = trim_lower(ui.t("check.key.yes"));
  const std::string no = trim_lower(ui.t("check.key.no"));
  for (;;) {
    talk << question << std::flush;
    std::string line;
    if (!std::getline(in, line)) {
      talk << "\n";
      return false;
    }
    const std::string s = trim_lower(line);
    if (s == yes || s == ui.t("check.key.yes_word")) return true;
    if (s == no || s == ui.t("check.key.no_word")) return false;
    talk << ui.t("check.yes_no") << "\n";
  }
}

// Asks whether to continue the saved questionnaire; false on end of input.
bool ask_resume(State& st, const AssessContent& c, const CheckArgs& a, const Ui& ui, std::istream& in,
                std::ostream& talk) {
  talk << ui.t("check.resume_ask",
               {{"n", std::to_string(assess::effective_answers(c, st.answers).size())}, {"file", a.state}})
       << "\n";
  for (;;) {
    talk << ui.t("check.resume_choices") << std::flush;
    std::string line;
    if (!std::getline(in, line)) {
      talk << "\n";
      return false;
    }
    const std::string s = trim_lower(line);
    if (s == "1") {
      talk << ui.t("check.resumed", {{"n", std::to_string(assess::progress(c, st.answers).answered + 1)}}) << "\n";
      return true;
    }
    if (s == "2") {
      st.answers.clear();
      write_state(a.state, st);
      return true;
    }
    talk << ui.t("check.resume_invalid") << "\n";
  }
}

int check(const CheckArgs& a, std::istream& in, std::ostream& out, std::ostream& err) {
  std::optional<Lang> lang_arg;
  if (!a.lang.empty()) {
    lang_arg = content::lang_from_string(a.lang);
    if (!lang_arg) throw CheckError("--lang must be nl or en");
  }
  const auto& lib = content::Library::embedded();
  const auto& c = AssessContent::embedded();
  std::ostream& talk = a.format == "json" ? err : out;  // stdout stays JSON

  State st;
  st.lang = lang_arg.value_or(Lang::nl);
  const bool saved = std::filesystem::exists(a.state);
  if (saved) {
    st = read_state(c, a.state, "saved answers");
    if (lang_arg) st.lang = *lang_arg;
  }
  const bool scripted = !a.answers.empty();
  if (scripted) {
    State given = read_state(c, a.answers, "answers file");
    if (!lang_arg && !saved) st.lang = given.lang;
    for (auto& [q, ans] : given.answers) st.answers[q] = ans;
    if (const auto* q = assess::next_question(c, st.answers)) {
      throw CheckError("answers file '" + a.answers + "': question " + q->id + " has no answer");
    }
    if (a.state_given) write_state(a.state, st);
  }
  Ui ui{lib, st.lang};
  // The scan is loaded before the questions: a bad file is reported before any typing.
  auto scan = load_scan(a, lib, ui, talk);

  if (!scripted) {
    if (saved && !ask_resume(st, c, a, ui, in, talk)) {
      say_saved(a, ui, talk);
      return Exit::bad_input;
    }
    if (assess::next_question(c, st.answers) != nullptr) {
      talk << ui.t("check.intro", {{"file", a.state}}) << "\n";
    }
    if (st.answers.empty() && st.business.empty() && st.domain.empty() && a.business.empty()) {
      ask_business(st, a, ui, in, talk);
    }
    switch (ask_questions(c, st, a, ui, in, talk)) {
      case Asked::quit: return Exit::ok;
      case Asked::eof: return Exit::bad_input;
      case Asked::complete: break;
    }
    talk << "\n" << ui.t("check.done") << "\n\n";
    // The scan of the domain typed at the start, offered now that the questions are done.
    if (!scan && !st.domain.empty() && ask_yes(ui.t("check.offer_scan", {{"domain", st.domain}}), ui, in, talk)) {
      try {
        scan = scan_domain(st.domain, a.scan_settings, lib, ui, talk);
      } catch (const CheckError& e) {
        talk << ui.t("check.scan_failed", {{"error", e.what()}}) << "\n";
      }
    }
  }

  std::optional<std::vector<assess::ScanFinding>> findings;
  if (scan) {
    findings = scan->findings;
    talk << ui.t("check.scan_merged",
                 {{"domain", scan->report.domain}, {"count", std::to_string(scan->findings.size())}})
         << "\n\n";
  }
  const Plan p = assess::plan(c, assess::effective_answers(c, st.answers), findings);
  if (a.format == "json") {
    out << assess::plan_to_json(p, c);
  } else {
    out << plan_text(p, c, ui);
  }
  out << std::flush;
  CheckArgs with = a;
  if (with.business.empty()) with.business = st.business;
  if (!scripted && a.format == "text" && a.pdf.empty() && ask_yes("\n" + ui.t("check.offer_pdf"), ui, in, talk)) {
    with.pdf = ui.t("check.pdf_default");
  }
  write_reports(p, c, scan, with, ui, talk);
  return Exit::ok;
}

}  // namespace

int run_check(const CheckArgs& a, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    return check(a, in, out, err);
  } catch (const CheckError& e) {
    err << "weerbaar: " << e.what() << "\n";
    return Exit::bad_input;
  }
}

void add_check_command(CLI::App& app, int& code) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand("check", "The self-assessment (Basisscan): questions, scores and an action plan");
  cmd->add_option("-l,--lang", args->lang, "Language: nl or en (default: that of the saved answers, else nl)")
      ->check(CLI::IsMember({"nl", "en"}));
  cmd->add_option("--answers", args->answers, "Answers from a file (weerbaar.assess-state/1); asks nothing");
  auto* state = cmd->add_option("--state", args->state, "Where the answers are saved after every question")
                    ->capture_default_str();
  cmd->add_option("--scan", args->scan,
                  "Merge a scan: a `weerbaar scan --format json` result, or a domain to scan now");
  cmd->add_option("-f,--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--html", args->html, "Also write the report (scores, scan, plan) as an HTML page to this file");
  cmd->add_option("--pdf", args->pdf, "Also write the report as a PDF (A4) to this file");
  cmd->add_option("--business", args->business, "Name of the business in the report (default: the scanned domain)");
  cmd->add_option("--organiser", args->organiser, "Who organised the scan, named in the report's last part");
  cmd->add_option("--contact", args->contact, "Whom the business can ask about the report (name, e-mail or phone)");
  add_scan_settings_options(*cmd, args->scan_settings, "Scanning a domain with --scan DOMAIN");
  cmd->callback([args, state, &code] {
    args->state_given = state->count() > 0;
    code = run_check(*args, std::cin, std::cout, std::cerr);
  });
}

}  // namespace weerbaar::cli
