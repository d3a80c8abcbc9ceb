#pragma once
// Everything a platform process needs, built from one set of options: the database (migrated),
// the services, and the workers with the engine as scanner and SMTP as mail. `weerbaar serve`
// and `weerbaar worker` both build it, so they scan and send alike.
#include <memory>
#include <string>

#include "platform/mail_sender.hpp"
#include "platform/platform.hpp"
#include "platform/worker.hpp"
#include "scan/engine.hpp"

namespace weerbaar::platform {

struct RuntimeOptions {
  std::string db_url = "weerbaar.db";  // a SQLite file, or postgresql://...
  Config config;
  WorkerOptions worker;
  SmtpOptions smtp;        // smtp.url empty: the worker takes no e-mail; it waits for a process with a sender
  scan::ScanOptions scan;  // lab mode, resolver, CA file, timeouts: as for `weerbaar scan`
};

struct Runtime {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Platform> platform;
  std::unique_ptr<Worker> worker;  // not started
};

// Throws store::DbError when the database cannot be opened or migrated.
Runtime make_runtime(const RuntimeOptions& opt);

}  // namespace weerbaar::platform
