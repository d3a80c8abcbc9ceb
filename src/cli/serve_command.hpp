#pragma once
#include <CLI/CLI.hpp>

namespace weerbaar::cli {

// weerbaar serve: the campaign platform in the browser.
void add_serve_command(CLI::App& app, int& code);

}  // namespace weerbaar::cli
