// exposure.vnc: a VNC server (port 5900). It greets with its protocol version, "RFB 003.008\n"
// (RFC 6143 7.1.1); nothing is sent.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

constexpr std::size_t kVersionLength = 12;

Banner parse(std::string_view raw) {
  Banner b;
  b.complete = raw.size() >= kVersionLength;
  const auto v = raw.substr(0, kVersionLength);
  auto digits = [&](std::size_t from) {
    for (std::size_t i = from; i < from + 3; ++i) {
      if (v[i] < '0' || v[i] > '9') return false;
    }
    return true;
  };
  b.recognised =
      v.size() == kVersionLength && v.substr(0, 4) == "RFB " && digits(4) && v[7] == '.' && digits(8) && v[11] == '\n';
  b.text = printable_line(b.recognised ? v : raw);
  return b;
}

const ServiceRegistration reg{{
    .name = "vnc",
    .label = "VNC",
    .ports = {5900},
    .parse = parse,
    .findings = {"EXPOSURE_VNC_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
