#pragma once
// Times as text, always in UTC: reports are compared across machines and time zones.
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar {

std::tm utc_tm(std::chrono::system_clock::time_point t);
std::string iso8601_utc(std::chrono::system_clock::time_point t);  // 2026-11-23T21:40:00Z
std::string date_utc(std::chrono::system_clock::time_point t);     // 2026-11-23
// As iso8601_utc, with the fraction of the second when there is one (2026-11-23T21:40:00.25Z),
// so that a time read back is the same time.
std::string iso8601_utc_exact(std::chrono::system_clock::time_point t);
// Reads what the two above write: YYYY-MM-DDTHH:MM:SS, up to nine digits of fraction, Z.
std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(std::string_view text);

}  // namespace weerbaar
