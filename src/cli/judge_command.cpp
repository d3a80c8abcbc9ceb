#include "cli/judge_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"
#include "scan/facts_json.hpp"
#include "scan/judge.hpp"

namespace weerbaar::cli {
namespace {

class JudgeError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JudgeError("cannot read facts '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The facts of one file: a facts document is one domain; a scan result with facts is each of
// its scanned domains (a domain written without facts cannot be judged again).
std::vector<scan::DomainReport> facts_of(const std::string& path) {
  const std::string text = read_text(path);
  std::vector<scan::DomainReport> out;
  if (text.find("\"weerbaar.scan/1\"") != std::string::npos) {
    report::ScanDocument doc;
    try {
      doc = report::read_json(text);
    } catch (const report::ScanJsonError& e) {
      throw JudgeError(path + ": " + e.what());
    }
    for (auto& r : doc.reports) {
      if (r.status != scan::DomainStatus::scanned) continue;
      if (!r.facts.web && !r.facts.tls && !r.facts.dns && !r.facts.mail && !r.facts.exposure) {
        throw JudgeError(path + ": " + r.domain + " was written without its facts (scan with --with-facts)");
      }
      out.push_back(std::move(r));
    }
    return out;
  }
  scan::DomainReport r;
  try {
    r.facts = scan::read_facts_document(text);
  } catch (const scan::FactsError& e) {
    throw JudgeError(path + ": " + e.what());
  }
  r.input = r.facts.host;
  r.domain = r.facts.host;
  r.addresses = {r.facts.address};
  out.push_back(std::move(r));
  return out;
}

}  // namespace

int run_judge(const JudgeArgs& a, std::ostream& out, std::ostream& err) {
  try {
    auto lang = content::lang_from_string(a.lang);
    if (!lang) throw JudgeError("--lang must be nl or en");
    std::set<Family> families = scan::kAllFamilies;
    if (!a.only.empty()) {
      families.clear();
      for (const auto& f : a.only) {
        auto family = family_from_string(f);
        if (!family) throw JudgeError("--only: unknown family '" + f + "' (web, tls, mail, dns, exposure)");
        families.insert(*family);
      }
    }
    if (a.files.empty()) throw JudgeError("no facts given: weerbaar judge example.nl.facts.json");
    std::vector<scan::DomainReport> reports;
    for (const auto& path : a.files) {
      for (auto& r : facts_of(path)) reports.push_back(std::move(r));
    }
    const auto& lib = content::Library::embedded();
    bool any_high = false;
    for (auto& r : reports) {
      r.status = scan::DomainStatus::scanned;
      r.results = scan::judge(r.facts, families);
      for (const auto& c : r.results) any_high = any_high || report::worst_severity(c, lib) == Severity::high;
    }
    if (a.format == "json") {
      out << report::render_json(reports, lib, *lang, std::chrono::system_clock::now(), true);
    } else {
      report::RenderOptions ro{.lang = *lang, .color = isatty(STDOUT_FILENO) != 0, .show_passed = !a.quiet_passed};
      out << report::render_text(reports, lib, ro);
    }
    return any_high ? Exit::high_findings : Exit::ok;
  } catch (const JudgeError& e) {
    err << "weerbaar: " << e.what() << "\n";
    return Exit::bad_input;
  }
}

void add_judge_command(CLI::App& app, int& code) {
  auto args = std::make_shared<JudgeArgs>();
  auto* cmd = app.add_subcommand("judge", "Run the checks again over saved facts, without the network");
  cmd->add_option("facts", args->files, "Facts (weerbaar scan --save-facts) or a scan result written --with-facts")
      ->required();
  cmd->add_option("-l,--lang", args->lang, "Language of the report: nl or en")->capture_default_str();
  cmd->add_option("-f,--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--only", args->only, "Only these families: web, tls, mail, dns, exposure (default: all)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_flag("--only-problems", args->quiet_passed, "Leave passed checks out of the text report");
  cmd->callback([args, &code] { code = run_judge(*args, std::cout, std::cerr); });
}

void save_facts(const std::vector<scan::DomainReport>& reports, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("--save-facts: cannot create '" + dir + "': " + ec.message());
  for (const auto& r : reports) {
    if (r.status != scan::DomainStatus::scanned) continue;
    const auto path = std::filesystem::path(dir) / (r.domain + ".facts.json");
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << scan::write_facts_document(r.facts);
    if (!f) throw std::runtime_error("--save-facts: cannot write '" + path.string() + "'");
  }
}

}  // namespace weerbaar::cli
