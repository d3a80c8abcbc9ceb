// exposure.telnet: a Telnet server (port 23). It starts with option negotiation (IAC sequences,
// RFC 854) and/or a login prompt; nothing is sent.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

constexpr unsigned char kIac = 255, kSb = 250, kSe = 240, kWill = 251, kDont = 254;

Banner parse(std::string_view raw) {
  Banner b;
  std::string text;
  int commands = 0;
  bool cut = false;  // the bytes end inside a sequence
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c != kIac) {
      text += raw[i];
      continue;
    }
    if (i + 1 >= raw.size()) {
      cut = true;
      break;
    }
    const auto cmd = static_cast<unsigned char>(raw[i + 1]);
    if (cmd == kIac) {  // an escaped 255 data byte
      ++i;
      continue;
    }
    ++commands;
    if (cmd >= kWill && cmd <= kDont) {  // WILL/WONT/DO/DONT option
      if (i + 2 >= raw.size()) {
        cut = true;
        break;
      }
      i += 2;
    } else if (cmd == kSb) {  // subnegotiation up to IAC SE
      const auto end = raw.find(std::string{static_cast<char>(kIac), static_cast<char>(kSe)}, i + 2);
      if (end == std::string_view::npos) {
        cut = true;
        break;
      }
      i = end + 1;
    } else {
      ++i;  // a two-byte command (NOP, GA, ...)
    }
  }
  b.recognised = commands > 0;
  b.text = printable_line(text);
  if (b.text.empty() && commands > 0) b.text = "(Telnet option negotiation)";
  // Negotiation alone is enough to know; a server without it is read until its first line.
  b.complete = !cut && (commands > 0 || text.find('\n') != std::string::npos || text.find(':') != std::string::npos);
  return b;
}

const ServiceRegistration reg{{
    .name = "telnet",
    .label = "Telnet",
    .ports = {23},
    .parse = parse,
    .findings = {"EXPOSURE_TELNET_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
