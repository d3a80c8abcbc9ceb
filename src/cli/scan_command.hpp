#pragma once
// `weerbaar scan`: domains from the command line or a list, scanned through the engine's API
// (scan/scan.hpp), each written as soon as it can be.

namespace CLI {
class App;
}

namespace weerbaar::cli {

// Registers the `scan` subcommand; its callback stores the exit code in `code`.
void add_scan_command(CLI::App& app, int& code);

}  // namespace weerbaar::cli
