#pragma once
// What every service shares: the database, the configuration and the clock.
#include <chrono>
#include <functional>
#include <string>

#include "platform/model.hpp"
#include "platform/result.hpp"
#include "platform/secrets.hpp"
#include "store/database.hpp"

namespace weerbaar::platform {

struct Config {
  std::string base_url = "http://localhost:8080";  // links in e-mail start with this
  std::string mail_from = "weerbaar@localhost";
  int invitation_days = 7;
  int email_token_hours = 48;
  int session_hours = 12;
  PasswordCost password_cost = PasswordCost::interactive;
};

using Clock = std::function<Time()>;
inline Time system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Context {
  store::Database& db;
  Config config;
  Clock now = system_now;
};

// Runs body and turns a failure of the database into errors::storage, so that services
// return errors as values even when the disk or the server fails.
template <typename F>
auto guarded(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const store::DbError& e) {
    return errors::storage(e.what());
  }
}

}  // namespace weerbaar::platform
