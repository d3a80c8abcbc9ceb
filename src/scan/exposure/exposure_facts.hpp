#pragma once
// Which risky services answered on the addresses of the business's own web and mail hosts.
// Part of HostFacts (facts.hpp includes this; include facts.hpp instead).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan {

// What one harmless request told about authentication (Redis PING, Elasticsearch GET /).
// unknown: the protocol was not asked, or its answer did not say.
enum class ServiceAuth { unknown, none, required };
std::string_view to_string(ServiceAuth a);

struct ServiceProbe {
  std::string address{};
  std::uint16_t port = 0;
  std::string service{};  // "rdp", "redis", ...: the service registered for this port
  // ok: the port accepted a connection; refused: closed; timeout: filtered or no answer;
  // unreachable: the address could not be reached at all.
  NetStatus status = NetStatus::timeout;
  std::string banner{};  // what the service said (first line, printable), when it said anything
  std::string error{};
  // What it said is recognisably this protocol (an FTP 220 line, an RFB version, ...). Only then
  // does the service count as open: a tarpit or honeypot accepts every port and says anything.
  bool recognised = false;
  ServiceAuth auth = ServiceAuth::unknown;
};

struct ExposureFacts {
  std::vector<std::string> addresses{};  // every address probed: web host first, then mail servers
  std::vector<ServiceProbe> probes{};
  // Ports that are not judged (80, 443, 25), probed only on an address where no service port
  // answered: they tell a live address whose risky ports are filtered (good) from one where
  // nothing answers at all (dead host: the checks cannot tell).
  std::vector<ServiceProbe> reference{};

  // Something on the address answered: a connection accepted or refused, on any port.
  [[nodiscard]] bool answered(std::string_view address) const {
    auto live = [&](const ServiceProbe& p) {
      return p.address == address && (p.status == NetStatus::ok || p.status == NetStatus::refused);
    };
    return std::any_of(probes.begin(), probes.end(), live) || std::any_of(reference.begin(), reference.end(), live);
  }
};

}  // namespace weerbaar::scan
