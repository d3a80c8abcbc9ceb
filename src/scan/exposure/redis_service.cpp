// exposure.redis: a Redis server (port 6379). The probe sends PING, which changes nothing:
// "+PONG" means anyone may use it without a password; "-NOAUTH" (a password is set) or
// "-DENIED" (protected mode) means it refuses strangers, but still answers the internet.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  b.complete = raw.find('\n') != std::string_view::npos;
  b.text = printable_line(raw);
  if (raw.empty() || (raw[0] != '+' && raw[0] != '-')) return b;  // not a RESP simple string or error
  const std::string_view line = raw.substr(0, raw.find_first_of("\r\n"));
  if (line == "+PONG") {
    b.recognised = true;
    b.auth = ServiceAuth::none;
  } else if (line.starts_with("-NOAUTH") || line.starts_with("-DENIED") || line.starts_with("-WRONGPASS")) {
    b.recognised = true;
    b.auth = ServiceAuth::required;
  } else {
    b.recognised = b.complete && line.starts_with("-ERR");
  }
  return b;
}

std::string finding(const ServiceProbe& p) {
  return p.auth == ServiceAuth::none ? "EXPOSURE_REDIS_NO_AUTH" : "EXPOSURE_REDIS_OPEN";
}

const ServiceRegistration reg{{
    .name = "redis",
    .label = "Redis",
    .ports = {6379},
    .request = "PING\r\n",
    .parse = parse,
    .findings = {"EXPOSURE_REDIS_OPEN", "EXPOSURE_REDIS_NO_AUTH"},
    .finding = finding,
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
