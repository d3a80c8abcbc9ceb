#include "cli/commands.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "assess/assess_validation.hpp"
#include "cli/check_command.hpp"
#include "cli/judge_command.hpp"
#include "cli/seed_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/worker_command.hpp"
#include "core/content.hpp"
#include "core/operator_input.hpp"
#include "report/scan_report.hpp"
#include "report/score.hpp"
#include "scan/check.hpp"
#include "scan/content_validation.hpp"
#include "scan/engine.hpp"

namespace weerbaar::cli {
namespace {

constexpr const char* kDefaultOptOut = "/etc/weerbaar/opt-out.txt";

// One-line errors: the user's mistake, not a stack of context.
class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(std::string("cannot read ") + what + " '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One entry of a domain list with where it came from ("domains.txt:3"), so that an error about
// it names the file and line. A bad line is kept: it is reported (rejected, with its reason)
// and the good lines of the same list are still scanned.
struct ListEntry {
  std::string origin;
  std::string text;
};

std::vector<ListEntry> domains_from_file(const std::string& path) {
  const bool stdin_list = path == "-";
  const std::string source = stdin_list ? "standard input" : path;
  std::string text =
      stdin_list ? std::string(std::istreambuf_iterator<char>(std::cin), {}) : read_file(path, "domain list");
  std::vector<ListEntry> out;
  std::string_view rest = text;
  for (std::size_t line_no = 1; !rest.empty(); ++line_no) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    auto parsed = parse_domain_list_line(line);
    if (!parsed.domain && parsed.error.empty()) continue;  // blank or comment
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto first = line.find_first_not_of(" \t\r");
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    out.push_back({source + ":" + std::to_string(line_no), std::string(line)});
  }
  return out;
}

struct ScanArgs {
  std::vector<std::string> domains;
  std::string input;
  std::string lang = "nl";
  std::string format = "text";
  bool lab = false;
  std::string resolver;
  std::string trust_anchor;
  std::string ca_file;
  std::vector<std::string> only;
  std::string opt_out;
  double timeout_scale = 1.0;
  int parallel = 8;
  int host_connections = 6;
  int exposure_connections = 32;
  double exposure_rate = 5.0;
  std::string ehlo_name;
  bool no_progress = false;
  bool quiet_passed = false;
  std::string save_facts;   // a directory: one weerbaar.facts/1 file per scanned domain
  bool with_facts = false;  // the scan JSON carries each domain's facts
};

int run_scan(const ScanArgs& a) {
  auto lang = content::lang_from_string(a.lang);
  if (!lang) throw UsageError("--lang must be nl or en");
  scan::ScanOptions opt;
  opt.lab_mode = a.lab;
  opt.resolver.forwarder = a.resolver;
  opt.resolver.trust_anchor_file = a.trust_anchor;
  if (!a.ca_file.empty() && !std::filesystem::exists(a.ca_file))
    throw UsageError("--ca-file '" + a.ca_file + "' does not exist");
  opt.ca_file = a.ca_file;
  opt.parallel_domains = a.parallel;
  opt.connections_per_host = a.host_connections;
  opt.exposure.max_connections = a.exposure_connections;
  opt.exposure.per_host_per_second = a.exposure_rate;
  if (!a.ehlo_name.empty()) {
    if (auto why = ehlo_name_error(a.ehlo_name); !why.empty()) throw UsageError(why);
  }
  opt.ehlo_name = a.ehlo_name;
  auto scale = [&](scan::net::Duration d) {
    return scan::net::Duration(static_cast<long>(static_cast<double>(d.count()) * a.timeout_scale));
  };
  opt.timeouts.connect = scale(opt.timeouts.connect);
  opt.timeouts.handshake = scale(opt.timeouts.handshake);
  opt.timeouts.http_request = scale(opt.timeouts.http_request);
  opt.timeouts.dns = scale(opt.timeouts.dns);
  if (!a.only.empty()) {
    opt.families.clear();
    for (const auto& f : a.only) {
      auto family = family_from_string(f);
      if (!family) throw UsageError("--only: unknown family '" + f + "' (web, tls, mail, dns, exposure)");
      opt.families.insert(*family);
    }
  }
  std::string opt_out_path = a.opt_out.empty() && std::filesystem::exists(kDefaultOptOut) ? kDefaultOptOut : a.opt_out;
  if (!opt_out_path.empty()) {
    try {
      opt.opt_out = OptOutList::parse(read_file(opt_out_path, "opt-out list"), opt_out_path);
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }
  std::vector<std::string> inputs = a.domains;
  std::vector<std::string> origins(inputs.size());  // "file:line" of each input from a list
  if (!a.input.empty()) {
    for (auto& entry : domains_from_file(a.input)) {
      inputs.push_back(std::move(entry.text));
      origins.push_back(std::move(entry.origin));
    }
  }
  if (inputs.empty()) throw UsageError("no domain given: weerbaar scan example.nl, or --input domains.txt");

  const auto& lib = content::Library::embedded();
  const bool tty = isatty(STDERR_FILENO) != 0 && !a.no_progress;
  scan::Engine engine(std::move(opt));
  auto started = std::chrono::system_clock::now();
  std::vector<scan::DomainReport> reports;
  try {
    reports = engine.scan_all(inputs, [&](const scan::DomainReport& r, std::size_t done, std::size_t total) {
      if (tty) {
        std::cerr << "\r\033[K[" << done << "/" << total << "] " << (r.domain.empty() ? r.input : r.domain) << " ("
                  << to_string(r.status) << ", " << r.duration.count() << " ms)" << std::flush;
      }
    });
  } catch (const scan::dns::ResolverError& e) {
    throw UsageError(e.what());
  }
  if (tty) std::cerr << "\r\033[K" << std::flush;

  bool any_high = false;
  bool any_unscanned = false;
  bool any_failed = false;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    if (r.status == scan::DomainStatus::failed) any_failed = true;
    if (r.status != scan::DomainStatus::scanned) {
      any_unscanned = true;
      // A rejected line of a list is named by file and line; its reason names the text.
      if (r.status == scan::DomainStatus::rejected && i < origins.size() && !origins[i].empty()) {
        std::cerr << "weerbaar: " << origins[i] << ": " << r.message << "\n";
      } else {
        std::cerr << "weerbaar: " << (r.domain.empty() ? r.input : r.domain) << ": " << r.message << "\n";
      }
    }
    for (const auto& c : r.results) {
      if (report::worst_severity(c, lib) == Severity::high) any_high = true;
    }
  }
  if (!a.save_facts.empty()) {
    try {
      save_facts(reports, a.save_facts);
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }
  if (a.format == "json") {
    std::cout << report::render_json(reports, lib, *lang, started, a.with_facts);
  } else {
    report::RenderOptions ro{.lang = *lang, .color = isatty(STDOUT_FILENO) != 0, .show_passed = !a.quiet_passed};
    std::cout << report::render_text(reports, lib, ro);
  }
  if (any_failed) return Exit::failed;
  if (any_unscanned) return Exit::bad_input;
  return any_high ? Exit::high_findings : Exit::ok;
}

std::string lab_script() {
  if (const char* env = std::getenv("WEERBAAR_LAB_SCRIPT"); env != nullptr && *env != '\0') return env;
  return std::string(WEERBAAR_SOURCE_DIR) + "/scripts/lab/lab.py";
}

int run_lab(const std::string& action, const std::string& state) {
  std::string script = lab_script();
  if (!std::filesystem::exists(script))
    throw UsageError("lab script not found at " + script + " (set WEERBAAR_LAB_SCRIPT)");
  std::vector<std::string> args{"python3", script, action};
  if (!state.empty()) {
    args.emplace_back("--state");
    args.push_back(state);
  }
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execvp("python3", argv.data());
  throw UsageError("cannot run python3 for the lab: " + std::string(std::strerror(errno)));
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Weerbaar: security scan and advice for small businesses"};
  app.set_version_flag("--version", std::string("weerbaar ") + WEERBAAR_VERSION);
  app.require_subcommand(1);
  int code = Exit::ok;

  ScanArgs scan_args;
  auto* scan_cmd = app.add_subcommand("scan", "Scan the website and TLS of one or more domains from the outside");
  scan_cmd->add_option("domains", scan_args.domains, "Domain names, e.g. bakkerij-jansen.nl");
  scan_cmd->add_option("-i,--input", scan_args.input, "File with one domain per line (- for standard input)");
  scan_cmd->add_option("-l,--lang", scan_args.lang, "Language of the report: nl or en")->capture_default_str();
  scan_cmd->add_option("-f,--format", scan_args.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  scan_cmd->add_flag("--lab", scan_args.lab, "Allow loopback and other non-public addresses (the test lab only)");
  scan_cmd->add_option("--resolver", scan_args.resolver,
                       "DNS resolver to use, ADDR or ADDR:PORT (default: /etc/resolv.conf)");
  scan_cmd->add_option("--trust-anchor", scan_args.trust_anchor, "DNSSEC trust anchor file (default: the root key)");
  scan_cmd->add_option("--ca-file", scan_args.ca_file, "Extra trusted root certificates (PEM), e.g. the lab's CA");
  scan_cmd->add_option("--only", scan_args.only, "Only these families: web, tls, mail, dns, exposure (default: all)")
      ->delimiter(',')
      ->allow_extra_args(false);
  scan_cmd->add_option("--opt-out", scan_args.opt_out,
                       std::string("Opt-out list (default: ") + kDefaultOptOut + " if present)");
  scan_cmd->add_option("--timeout-scale", scan_args.timeout_scale, "Multiply every network deadline by this")
      ->check(CLI::Range(0.1, 20.0))
      ->capture_default_str();
  scan_cmd->add_option("--parallel", scan_args.parallel, "Domains scanned at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  scan_cmd->add_option("--host-connections", scan_args.host_connections, "Connections to one host at once")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
  scan_cmd
      ->add_option("--exposure-connections", scan_args.exposure_connections,
                   "Service-port connections at once, over the whole run")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  scan_cmd
      ->add_option("--exposure-rate", scan_args.exposure_rate, "New service-port connections per second to one address")
      ->check(CLI::Range(0.5, 100.0))
      ->capture_default_str();
  scan_cmd->add_option("--ehlo-name", scan_args.ehlo_name,
                       "Name the scanner gives mail servers in EHLO (default: " + scan::default_ehlo_name() + ")");
  scan_cmd->add_flag("--no-progress", scan_args.no_progress, "No progress line on the terminal");
  scan_cmd->add_flag("--only-problems", scan_args.quiet_passed, "Leave passed checks out of the text report");
  scan_cmd->add_option("--save-facts", scan_args.save_facts,
                       "Also write what the probes saw, one DIR/<domain>.facts.json each (weerbaar judge reads them)");
  scan_cmd->add_flag("--with-facts", scan_args.with_facts,
                     "JSON output: each domain with its facts (for weerbaar judge)");
  scan_cmd->callback([&] { code = run_scan(scan_args); });

  add_check_command(app, code);
  add_worker_command(app, code);
  add_seed_command(app, code);
  add_judge_command(app, code);
  add_serve_command(app, code);

  std::string lab_state;
  auto* lab_cmd = app.add_subcommand("lab", "The simulated internet of businesses on loopback addresses");
  lab_cmd->require_subcommand(1);
  for (const char* action : {"up", "down", "status", "hosts", "businesses"}) {
    auto* sub = lab_cmd->add_subcommand(action, std::string("lab ") + action);
    sub->add_option("--state", lab_state, "State directory (default: .lab in the source tree)");
    sub->callback([&, action] { code = run_lab(action, lab_state); });
  }

  auto* content_cmd = app.add_subcommand("content", "Work with the advice texts");
  content_cmd->require_subcommand(1);
  auto* content_check = content_cmd->add_subcommand("check", "Validate content/ against the checks");
  content_check->callback([&] {
    try {
      auto problems = scan::validate_content(content::Library::embedded(), scan::Catalogue::instance());
      for (auto& p : assess::validate_assess_content(assess::AssessContent::embedded(), scan::Catalogue::instance())) {
        problems.push_back("assess: " + p);
      }
      for (const auto& p : problems) std::cerr << "content: " << p << "\n";
      code = problems.empty() ? Exit::ok : Exit::failed;
    } catch (const content::ContentError& e) {
      std::cerr << "content: " << e.what() << "\n";
      code = Exit::failed;
    }
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? Exit::ok : Exit::bad_input;
  } catch (const UsageError& e) {
    std::cerr << "weerbaar: " << e.what() << "\n";
    return Exit::bad_input;
  } catch (const content::ContentError& e) {
    std::cerr << "weerbaar: content: " << e.what() << "\n";
    return Exit::failed;
  }
  return code;
}

}  // namespace weerbaar::cli
