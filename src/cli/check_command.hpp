#pragma once
// `weerbaar check`: the self-assessment (Basisscan) in the terminal. The questionnaire, the
// scores and the plan are the model of src/assess/; this is only its terminal front end.
#include <iosfwd>
#include <string>

#include "scan/scan_settings.hpp"

namespace CLI {
class App;
}

namespace weerbaar::cli {

inline constexpr const char* kDefaultCheckState = "weerbaar-check.json";

struct CheckArgs {
  std::string lang;     // nl or en; empty: the saved state's language, else nl
  std::string answers;  // scripted: a weerbaar.assess-state/1 file with the answers
  std::string state = kDefaultCheckState;
  bool state_given = false;  // --state on the command line (shown in the resume hint)
  std::string scan;          // a `weerbaar scan --format json` result, or a domain to scan
  std::string format = "text";
  std::string html;                  // write the report as an HTML page here
  std::string pdf;                   // write the report as a PDF here
  std::string business;              // name of the business in the report (default: the scanned domain)
  std::string organiser;             // who organised the scan (the report's part "about this report")
  std::string contact;               // whom to ask about the report
  scan::ScanSettings scan_settings;  // for --scan DOMAIN: the same settings as `weerbaar scan`
};

// Runs the check with the terminal as in/out (prompts go to `out`, or to `err` with
// --format json so that stdout stays JSON). Returns an exit code (cli/commands.hpp).
int run_check(const CheckArgs& a, std::istream& in, std::ostream& out, std::ostream& err);

// Registers the `check` subcommand; its callback stores the exit code in `code`.
void add_check_command(CLI::App& app, int& code);

}  // namespace weerbaar::cli
