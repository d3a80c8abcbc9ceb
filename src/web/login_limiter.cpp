#include "web/login_limiter.hpp"

#include <algorithm>

namespace weerbaar::web {

std::optional<std::chrono::seconds> LoginLimiter::wait(std::map<std::string, Failures, std::less<>>& m,
                                                       std::string_view key, std::size_t limit, Clock::time_point now) {
  auto it = m.find(key);
  if (it == m.end()) return std::nullopt;
  Failures& f = it->second;
  while (!f.empty() && now - f.front() >= limits_.window) f.pop_front();
  if (f.empty()) {
    m.erase(it);
    return std::nullopt;
  }
  if (f.size() < limit) return std::nullopt;
  // Free again when the oldest failure that keeps the count at the limit leaves the window.
  auto until = f[f.size() - limit] + limits_.window;
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(until - now));
}

void LoginLimiter::add(std::map<std::string, Failures, std::less<>>& m, std::string_view key, Clock::time_point now) {
  if (m.size() >= limits_.max_keys && m.find(key) == m.end()) {
    auto last = [](const Failures& f) { return f.empty() ? Clock::time_point::min() : f.back(); };
    auto oldest = std::min_element(m.begin(), m.end(),
                                   [&](const auto& a, const auto& b) { return last(a.second) < last(b.second); });
    if (oldest != m.end()) m.erase(oldest);
  }
  Failures& f = m[std::string(key)];
  f.push_back(now);
  // Only the failures that can still count are kept.
  while (f.size() > std::max(limits_.per_account, limits_.per_address)) f.pop_front();
}

std::optional<std::chrono::seconds> LoginLimiter::blocked(std::string_view account, std::string_view address,
                                                          Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto a = wait(accounts_, account, limits_.per_account, now);
  auto b = wait(addresses_, address, limits_.per_address, now);
  if (a && b) return std::max(*a, *b);
  return a ? a : b;
}

void LoginLimiter::failed(std::string_view account, std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  add(accounts_, account, now);
  add(addresses_, address, now);
}

void LoginLimiter::succeeded(std::string_view account) {
  std::lock_guard lock(mu_);
  if (auto it = accounts_.find(account); it != accounts_.end()) accounts_.erase(it);
}

}  // namespace weerbaar::web
