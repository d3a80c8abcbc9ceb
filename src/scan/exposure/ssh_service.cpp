// ssh: an SSH server (port 22). Collected, not judged on its own: an open SSH port is how servers
// are administered and no finding by itself. Its identification string (RFC 4253 4.2:
// "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13") is kept in the facts for exposure.ssh_software.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

// RFC 4253 4.2: one line of at most 255 characters with its CR LF. A server may send other lines
// first; only the first is read, so such a server is simply not recognised (its software is not
// judged), which costs nothing but a verdict on it.
constexpr std::size_t kMaxLine = 255;
constexpr std::string_view kOurs = "SSH-2.0-Weerbaar_scan";

Banner parse(std::string_view raw) {
  Banner b;
  b.complete = raw.find('\n') != std::string_view::npos || raw.size() >= kMaxLine;
  const auto line = raw.substr(0, raw.find('\n'));
  b.text = printable_line(line);  // 160 characters hold the version, which comes first
  // "SSH-protoversion-softwareversion": protoversion 2.0, or 1.99 for a server that also speaks 1.
  // An echo of our own identification (a honeypot) is not a server's.
  b.recognised = (line.starts_with("SSH-2.0-") || line.starts_with("SSH-1.99-")) && !line.starts_with(kOurs);
  return b;
}

const ServiceRegistration reg{{
    .name = "ssh",
    .label = "SSH",
    .ports = {22},
    // Our own identification first (the protocol lets both sides send it at once): the server's
    // log then names the scanner instead of "did not receive identification string".
    .request = std::string(kOurs) + "\r\n",
    .parse = parse,
    .max_bytes = kMaxLine,
    .own_check = false,
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
