#include "cli/commands.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "assess/assess_validation.hpp"
#include "cli/check_command.hpp"
#include "cli/judge_command.hpp"
#include "cli/scan_command.hpp"
#include "cli/seed_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/worker_command.hpp"
#include "core/content.hpp"
#include "scan/check.hpp"
#include "scan/content_validation.hpp"

namespace weerbaar::cli {
namespace {

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

  add_scan_command(app, code);
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
