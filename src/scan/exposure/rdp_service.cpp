// exposure.rdp: Windows Remote Desktop (RDP, port 3389). The probe sends the first packet every
// RDP client sends, an X.224 Connection Request asking for TLS or CredSSP ([MS-RDPBCGR] 2.2.1.1),
// and reads the Connection Confirm; it never logs in.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

// TPKT (4) + X.224 CR (7) + RDP_NEG_REQ (8) asking for PROTOCOL_SSL | PROTOCOL_HYBRID.
const std::string kRequest("\x03\x00\x00\x13\x0e\xe0\x00\x00\x00\x00\x00\x01\x00\x08\x00\x03\x00\x00\x00", 19);

Banner parse(std::string_view raw) {
  Banner b;
  if (raw.size() < 4) return b;
  if (raw[0] != '\x03' || raw[1] != '\x00') {  // not TPKT
    b.complete = true;
    b.text = printable_line(raw);
    return b;
  }
  const std::size_t length =
      (static_cast<std::size_t>(static_cast<unsigned char>(raw[2])) << 8) | static_cast<unsigned char>(raw[3]);
  b.complete = raw.size() >= length || length < 7;
  if (raw.size() < 6 || length < 7) return b;
  if ((static_cast<unsigned char>(raw[5]) & 0xf0) != 0xd0) return b;  // not a Connection Confirm
  b.recognised = true;
  b.text = "RDP";
  // RDP_NEG_RSP (type 2) names the security protocol the server chose; RDP_NEG_FAILURE is type 3.
  if (raw.size() >= 19 && length >= 19) {
    std::uint32_t chosen = 0;
    const auto type = static_cast<unsigned char>(raw[11]);
    if (type == 2 && read_le(raw, 15, 4, chosen)) {
      b.text += chosen == 0          ? " (standard RDP security)"
                : (chosen & 2U) != 0 ? " (NLA/CredSSP)"
                : (chosen & 1U) != 0 ? " (TLS)"
                                     : "";
    } else if (type == 3) {
      b.text += " (negotiation refused)";
    }
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "rdp",
    .label = "Remote Desktop (RDP)",
    .ports = {3389},
    .request = kRequest,
    .parse = parse,
    .findings = {"EXPOSURE_RDP_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
