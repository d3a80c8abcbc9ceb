// exposure.postgresql: a PostgreSQL server (port 5432). The probe sends an SSLRequest (8 bytes,
// protocol 3 "Message Formats"); the server answers one byte: 'S' (TLS offered) or 'N'.
// Nothing is logged in; the probe closes right after.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  if (raw.empty()) return b;
  b.complete = true;
  if (raw.size() == 1 && raw[0] == 'S') {
    b.recognised = true;
    b.text = "PostgreSQL (offers TLS)";
  } else if (raw.size() == 1 && raw[0] == 'N') {
    b.recognised = true;
    b.text = "PostgreSQL (no TLS)";
  } else if (raw[0] == 'E') {  // a server too old for SSLRequest answers with an error message
    b.recognised = raw.size() >= 5;
    b.text = "PostgreSQL error: " + printable_line(raw.substr(std::min<std::size_t>(5, raw.size())), 120);
  } else {
    b.text = printable_line(raw);
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "postgresql",
    .label = "PostgreSQL",
    .ports = {5432},
    .request = std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8),
    .parse = parse,
    .max_bytes = 64,
    .findings = {"EXPOSURE_POSTGRESQL_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
