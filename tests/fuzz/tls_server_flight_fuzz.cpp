// The server's first flight (ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, alerts)
// as the hello prober reads it, and the FlightReader that reads it as it trickles in: read in
// pieces, it must end where one parse of all the bytes ends.
#include <span>

#include "fuzz_support.hpp"
#include "scan/tls/flight_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::tls;
  std::span<const std::uint8_t> bytes(data, size);
  auto whole = parse_server_flight(bytes);
  if (whole.alert) (void)alert_name(whole.alert->description);
  FlightReader reader;
  std::size_t fed = 0;
  for (std::size_t cut : {std::size_t{1}, std::size_t{5}, size / 3, size / 2, size - size / 4}) {
    if (cut < fed || cut > size) continue;  // the reader's bytes only grow
    (void)reader.feed(bytes.first(cut));
    fed = cut;
  }
  const auto& read = reader.feed(bytes);
  const bool capped = read.error.find("records before") != std::string::npos;
  if (!capped && (read.status != whole.status || read.hello.has_value() != whole.hello.has_value() ||
                  read.certificates.size() != whole.certificates.size())) {
    __builtin_trap();
  }
  return 0;
}
