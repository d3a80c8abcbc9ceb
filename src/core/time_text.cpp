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

}  // namespace weerbaar
