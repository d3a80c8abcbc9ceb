#include "core/time_text.hpp"

namespace weerbaar {
namespace {
std::string format(std::chrono::system_clock::time_point t, const char* pattern) {
  std::tm tm = utc_tm(t);
  char buf[32];
  std::size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
  return std::string(buf, n);
}
}  // namespace

std::tm utc_tm(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
  return format(t, "%Y-%m-%dT%H:%M:%SZ");
}
std::string date_utc(std::chrono::system_clock::time_point t) {
  return format(t, "%Y-%m-%d");
}

std::string iso8601_utc_exact(std::chrono::system_clock::time_point t) {
  using std::chrono::nanoseconds;
  const auto whole = std::chrono::floor<std::chrono::seconds>(t);
  auto ns = std::chrono::duration_cast<nanoseconds>(t - whole).count();
  std::string out = format(whole, "%Y-%m-%dT%H:%M:%S");
  if (ns != 0) {
    std::string digits = std::to_string(ns);
    digits.insert(0, 9 - digits.size(), '0');
    digits.erase(digits.find_last_not_of('0') + 1);
    out += "." + digits;
  }
  return out + "Z";
}

std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(std::string_view text) {
  // Fixed positions: 2026-11-23T21:40:00 then an optional fraction, then Z.
  auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
    if (at + len > text.size()) return std::nullopt;
    int v = 0;
    for (char c : text.substr(at, len)) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z') {
    return std::nullopt;
  }
  const auto year = number(0, 4);
  const auto month = number(5, 2);
  const auto day = number(8, 2);
  const auto hour = number(11, 2);
  const auto minute = number(14, 2);
  const auto second = number(17, 2);
  if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  std::chrono::nanoseconds fraction{0};
  const std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty()) {
    if (rest.size() < 2 || rest.size() > 10 || rest[0] != '.') return std::nullopt;
    const auto digits = number(20, rest.size() - 1);
    if (!digits) return std::nullopt;
    long long scale = 1;
    for (std::size_t i = rest.size() - 1; i < 9; ++i) scale *= 10;
    fraction = std::chrono::nanoseconds{*digits * scale};
  }
  const auto t = std::chrono::sys_days{date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
                 std::chrono::seconds{*second} + fraction;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(t);
}

}  // namespace weerbaar
