#pragma once
// Which risky services answered on the addresses of the business's own web and mail hosts.
// Part of HostFacts (facts.hpp includes this; include facts.hpp instead).
#include <cstdint>
#include <string>
#include <vector>

namespace weerbaar::scan {

struct ServiceProbe {
  std::string address;
  std::uint16_t port = 0;
  std::string service;  // "rdp", "redis", ...: the service registered for this port
  // ok: the port accepted a connection; refused: closed; timeout: filtered or no answer;
  // unreachable: the address could not be reached at all.
  NetStatus status = NetStatus::timeout;
  std::string banner;  // what the service said (first line, printable), when it said anything
  std::string error;
};

struct ExposureFacts {
  std::vector<std::string> addresses;  // every address probed: web host first, then mail servers
  std::vector<ServiceProbe> probes;
};

}  // namespace weerbaar::scan
