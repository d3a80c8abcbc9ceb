#pragma once
// Slows down password guessing: after too many failed sign-ins for one account, or from one
// address, further attempts are refused for a while, whether the password is right or not.
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::web {

struct LoginLimits {
  std::chrono::seconds window{15 * 60};
  std::size_t per_account = 5;   // failures for one account name within the window
  std::size_t per_address = 20;  // failures from one client address within the window
  std::size_t max_keys = 50000;  // memory cap: the oldest keys are forgotten first
};

class LoginLimiter {
 public:
  using Clock = std::chrono::system_clock;
  explicit LoginLimiter(LoginLimits limits = {}) : limits_(limits) {}

  // nullopt when an attempt may be made; otherwise how long to wait.
  std::optional<std::chrono::seconds> blocked(std::string_view account, std::string_view address,
                                              Clock::time_point now = Clock::now());
  void failed(std::string_view account, std::string_view address, Clock::time_point now = Clock::now());
  // A successful sign-in clears the account's failures (not the address's).
  void succeeded(std::string_view account);

 private:
  using Failures = std::deque<Clock::time_point>;
  std::optional<std::chrono::seconds> wait(std::map<std::string, Failures, std::less<>>& m, std::string_view key,
                                           std::size_t limit, Clock::time_point now);
  void add(std::map<std::string, Failures, std::less<>>& m, std::string_view key, Clock::time_point now);
  LoginLimits limits_;
  std::mutex mu_;
  std::map<std::string, Failures, std::less<>> accounts_;
  std::map<std::string, Failures, std::less<>> addresses_;
};

}  // namespace weerbaar::web
