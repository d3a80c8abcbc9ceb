#pragma once
// Times as text, always in UTC: reports are compared across machines and time zones.
#include <chrono>
#include <ctime>
#include <string>

namespace weerbaar {

std::tm utc_tm(std::chrono::system_clock::time_point t);
std::string iso8601_utc(std::chrono::system_clock::time_point t);  // 2026-11-23T21:40:00Z
std::string date_utc(std::chrono::system_clock::time_point t);     // 2026-11-23

}  // namespace weerbaar
