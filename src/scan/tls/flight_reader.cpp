#include "scan/tls/flight_reader.hpp"

#include <string>

namespace weerbaar::scan::tls {

const ServerFlight& FlightReader::feed(std::span<const std::uint8_t> all) {
  if (flight_.status != ParseStatus::need_more) return flight_;
  bool changed = false;
  while (all.size() >= next_record_ + 5) {
    if (!header_seen_) {
      header_seen_ = true;
      changed = true;
    }
    const std::size_t length = (std::size_t{all[next_record_ + 3]} << 8) | all[next_record_ + 4];
    if (all.size() < next_record_ + 5 + length) break;
    next_record_ += 5 + length;
    header_seen_ = false;
    changed = true;
    if (++records_ > kMaxFlightRecords) {
      flight_ = ServerFlight{};
      flight_.status = ParseStatus::malformed;
      flight_.error = "more than " + std::to_string(kMaxFlightRecords) + " records before the flight was complete";
      return flight_;
    }
  }
  if (changed) flight_ = parse_server_flight(all);
  return flight_;
}

}  // namespace weerbaar::scan::tls
