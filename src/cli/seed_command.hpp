#pragma once
#include <CLI/CLI.hpp>

namespace weerbaar::cli {

// weerbaar seed: a platform database filled for the demo or the route x role matrix test.
void add_seed_command(CLI::App& app, int& code);

}  // namespace weerbaar::cli
