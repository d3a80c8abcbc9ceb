#pragma once
// The command-line options that become scan::ScanSettings, the same for every command that
// scans (`weerbaar scan`, `weerbaar check --scan DOMAIN`).
#include "scan/scan_settings.hpp"

namespace CLI {
class App;
}

namespace weerbaar::cli {

// Adds the options to cmd (in a group of their own when group is not empty); they fill s.
void add_scan_settings_options(CLI::App& cmd, scan::ScanSettings& s, const char* group = "");

}  // namespace weerbaar::cli
