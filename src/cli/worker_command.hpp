#pragma once
// `weerbaar worker`: runs the platform's jobs (scans, e-mail, schedule) as a separate process,
// any number of them beside `weerbaar serve` on one PostgreSQL (or SQLite) database.
#include <optional>
#include <string>

#include "platform/runtime.hpp"

namespace CLI {
class App;
}

namespace weerbaar::cli {

// The options serve and worker share: database, mail, base URL and the scanner's options.
struct PlatformArgs {
  std::string db = "weerbaar.db";
  std::string base_url = "http://localhost:8080";
  std::string smtp;
  std::string mail_from = "weerbaar@localhost";
  bool lab = false;
  std::string resolver;
  std::string trust_anchor;
  std::string ca_file;
  std::string opt_out;  // the scanner's opt-out list (default /etc/weerbaar/opt-out.txt if present)
  int threads = 2;
  int lease_seconds = 120;
};
void add_platform_options(CLI::App& cmd, PlatformArgs& a);
// Throws std::runtime_error with a one-line message for unusable options.
platform::RuntimeOptions runtime_options(const PlatformArgs& a);

// Starts the in-process workers of `weerbaar serve` and `weerbaar worker`: one line on standard
// error when they got fewer threads than asked, or none (nullopt), or have no --smtp.
std::optional<platform::WorkerThreads> start_workers(platform::Worker& worker, const PlatformArgs& a,
                                                     const std::string& command);

void add_worker_command(CLI::App& app, int& code);

}  // namespace weerbaar::cli
