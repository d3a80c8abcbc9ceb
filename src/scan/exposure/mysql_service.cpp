// exposure.mysql: a MySQL or MariaDB server (port 3306). It greets with a handshake packet
// carrying its version (protocol 10), or an error packet when it refuses the client's address;
// nothing is sent.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  std::uint32_t length = 0;
  if (!read_le(raw, 0, 3, length)) return b;  // no packet header yet
  const std::size_t have = raw.size() - 4;
  b.complete = have >= length;
  if (raw.size() < 5 || length == 0) return b;
  const std::string_view payload = raw.substr(4, std::min<std::size_t>(length, have));
  const auto kind = static_cast<unsigned char>(payload[0]);
  if (kind == 0x0a) {  // HandshakeV10: the version, NUL-terminated
    const auto end = payload.find('\0', 1);
    if (end == std::string_view::npos) {
      b.complete = b.complete || raw.size() >= 256;
      return b;
    }
    const std::string version = printable_line(payload.substr(1, end - 1), 80);
    b.recognised = !version.empty();
    b.text = (version.find("MariaDB") != std::string::npos ? "MariaDB " : "MySQL ") + version;
    b.complete = true;
  } else if (kind == 0xff && payload.size() >= 3) {  // ERR packet: code (2), message
    std::uint32_t code = 0;
    read_le(payload, 1, 2, code);
    std::string_view message = payload.substr(3);
    if (!message.empty() && message[0] == '#' && message.size() >= 6) message = message.substr(6);  // SQL state
    b.recognised = true;
    b.text = "MySQL error " + std::to_string(code) + ": " + printable_line(message, 120);
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "mysql",
    .label = "MySQL",
    .ports = {3306},
    .parse = parse,
    .findings = {"EXPOSURE_MYSQL_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
