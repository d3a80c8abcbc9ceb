#pragma once
// `weerbaar judge`: the checks run again over saved facts, without the network (facts written
// by `weerbaar scan --save-facts`, or a scan JSON written with --with-facts). What a platform
// does with stored facts when the rules change.
#include <iosfwd>
#include <string>
#include <vector>

#include "scan/engine.hpp"

namespace CLI {
class App;
}

namespace weerbaar::cli {

struct JudgeArgs {
  std::vector<std::string> files;  // weerbaar.facts/1 documents, or weerbaar.scan/1 with facts
  std::string lang = "nl";
  std::string format = "text";
  std::vector<std::string> only;  // families; empty: all
  bool quiet_passed = false;
};

// Returns an exit code (cli/commands.hpp): as for a scan of the same facts.
int run_judge(const JudgeArgs& a, std::ostream& out, std::ostream& err);

// Registers the `judge` subcommand; its callback stores the exit code in `code`.
void add_judge_command(CLI::App& app, int& code);

// Writes each scanned domain's facts to DIR/<domain>.facts.json (weerbaar.facts/1), creating
// DIR. Throws std::runtime_error with a one-line reason when a file cannot be written.
void save_facts(const std::vector<scan::DomainReport>& reports, const std::string& dir);

}  // namespace weerbaar::cli
