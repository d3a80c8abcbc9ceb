// exposure.smb: Windows file sharing (SMB, port 445). The probe sends an SMB2 NEGOTIATE request
// ([MS-SMB2] 2.2.3, dialects 2.0.2 to 3.0.2), the first message every client sends, and reads
// the server's NEGOTIATE response; no session is set up and nothing is logged in. A port that
// only accepts is not SMB: the answer must carry the SMB2 (or SMB1) protocol id.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

std::string request() {
  std::string header(64, '\0');  // SMB2 header: protocol id, structure size 64, NEGOTIATE (0), 1 credit
  header[0] = '\xfe';
  header[1] = 'S';
  header[2] = 'M';
  header[3] = 'B';
  header[4] = 64;
  header[14] = 1;
  std::string body(36, '\0');  // NEGOTIATE: structure size 36, 4 dialects, signing enabled
  body[0] = 36;
  body[2] = 4;
  body[4] = 1;
  const char dialects[] = {'\x02', '\x02', '\x10', '\x02', '\x00', '\x03', '\x02', '\x03'};
  body.append(dialects, sizeof dialects);
  const std::string message = header + body;
  std::string framed(4, '\0');  // NetBIOS session message, 24-bit length
  framed[2] = static_cast<char>((message.size() >> 8) & 0xff);
  framed[3] = static_cast<char>(message.size() & 0xff);
  return framed + message;
}

constexpr std::size_t kDialectAt = 4 + 64 + 4;  // NetBIOS, SMB2 header, structure size and security mode

Banner parse(std::string_view raw) {
  Banner b;
  if (raw.size() < 8) return b;
  const std::string_view id = raw.substr(4, 4);
  if (raw[0] != '\0' || (id != std::string_view("\xfeSMB", 4) && id != std::string_view("\xffSMB", 4))) {
    b.complete = true;
    b.text = printable_line(raw);
    return b;
  }
  // A response carries the server-to-client flag (SMB2 Flags bit 0; SMB1 Flags bit 7): a
  // tarpit that echoes the request back does not.
  const std::size_t flags_at = id[0] == '\xff' ? 4 + 9 : 4 + 16;
  if (raw.size() <= flags_at) return b;
  const auto flags = static_cast<unsigned char>(raw[flags_at]);
  b.complete = true;
  if ((flags & (id[0] == '\xff' ? 0x80 : 0x01)) == 0) {
    b.text = "(an SMB request, not a response)";
    return b;
  }
  b.recognised = true;
  if (id[0] == '\xff') {
    b.text = "SMB1";
    return b;
  }
  b.text = "SMB2";
  std::uint32_t status = 0;
  if (!read_le(raw, 4 + 8, 4, status)) {
    b.complete = false;
    return b;
  }
  // An error (a server that wants SMB 3.1.1 only) still says SMB; a success names the dialect.
  b.complete = status != 0 || raw.size() >= kDialectAt + 2;
  if (status != 0 || raw.size() < kDialectAt + 2) return b;
  const char* names[][2] = {
      {"\x02\x02", "2.0.2"}, {"\x10\x02", "2.1"}, {"\x00\x03", "3.0"}, {"\x02\x03", "3.0.2"}, {"\x11\x03", "3.1.1"}};
  for (const auto& n : names) {
    if (raw.substr(kDialectAt, 2) == std::string_view(n[0], 2)) b.text += " (dialect " + std::string(n[1]) + ")";
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "smb",
    .label = "SMB",
    .ports = {445},
    .request = request(),
    .parse = parse,
    .max_bytes = 128,
    .findings = {"EXPOSURE_SMB_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
