#pragma once
// The per-address rate limit of the exposure probe, as a pure schedule: it books the moment a
// new connection to an address may start, without sleeping itself (the probe waits until then),
// so that tests can drive it with a made-up clock.
#include <algorithm>
#include <chrono>
#include <map>
#include <string>

namespace weerbaar::scan::exposure {

template <typename Clock>
class BasicRateSchedule {
 public:
  using time_point = typename Clock::time_point;
  using duration = typename Clock::duration;

  // per_second <= 0 would mean no spacing at all; it is clamped to one connection a minute at
  // the least so that a mistake cannot turn the limit off.
  explicit BasicRateSchedule(double per_second)
      : gap_(
            std::chrono::duration_cast<duration>(std::chrono::duration<double>(1.0 / std::max(per_second, 1.0 / 60)))) {
  }

  // When the next new connection to address may start, given the time now; books that moment.
  // Connections to one address are spaced at least 1/per_second apart; the first may start now.
  time_point reserve(const std::string& address, time_point now) {
    auto [it, fresh] = next_.try_emplace(address, now);
    const time_point at = fresh ? now : std::max(now, it->second);
    it->second = at + gap_;
    return at;
  }

  [[nodiscard]] duration gap() const { return gap_; }
  [[nodiscard]] std::size_t size() const { return next_.size(); }

  // Drops the addresses whose next free moment is not after now: for them reserve() answers
  // the same whether they are remembered or not.
  void forget_before(time_point now) {
    std::erase_if(next_, [&](const auto& e) { return e.second <= now; });
  }

 private:
  duration gap_;
  std::map<std::string, time_point> next_;  // per address: the earliest free moment
};

using RateSchedule = BasicRateSchedule<std::chrono::steady_clock>;

}  // namespace weerbaar::scan::exposure
