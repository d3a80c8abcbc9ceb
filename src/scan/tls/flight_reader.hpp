#pragma once
// Reading the server's first flight as it arrives, in linear time.
#include <cstddef>
#include <span>

#include "scan/tls/client_hello.hpp"

namespace weerbaar::scan::tls {

// For a read loop: parse_server_flight runs again only when the bytes could change its answer
// (a record header, or a whole record, more than before). Re-parsing the whole buffer after
// every read is quadratic in the answer's size when a server trickles it a byte at a time (64 KiB
// a byte at a time: 2·10⁹ byte steps); this is linear. More than kMaxFlightRecords records before
// the flight is complete is malformed (real servers need a handful).
inline constexpr std::size_t kMaxFlightRecords = 512;

class FlightReader {
 public:
  // all: every byte received so far (the previous call's bytes and what came since).
  const ServerFlight& feed(std::span<const std::uint8_t> all);

 private:
  ServerFlight flight_;
  std::size_t next_record_ = 0;  // offset of the first record not yet complete
  bool header_seen_ = false;     // whether that record's header was parsed
  std::size_t records_ = 0;
};

}  // namespace weerbaar::scan::tls
