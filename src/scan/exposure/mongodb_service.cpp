// exposure.mongodb: a MongoDB server (port 27017). The probe sends the handshake every driver
// sends first, isMaster as an OP_QUERY on admin.$cmd (which servers accept without login), and
// reads the reply's wire version. Nothing is logged in and no data is read.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

constexpr std::uint32_t kRequestId = 0x57424152;  // "RABW"
constexpr std::uint32_t kOpReply = 1, kOpMsg = 2013;
constexpr std::uint32_t kMaxMessage = 48U * 1000U * 1000U;  // MongoDB's maxMessageSizeBytes

std::string le32(std::uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  return s;
}

std::string request() {
  const std::string doc_body = std::string("\x10isMaster\0", 10) + le32(1) + std::string(1, '\0');
  const std::string doc = le32(static_cast<std::uint32_t>(4 + doc_body.size())) + doc_body;
  const std::string body = le32(0) + std::string("admin.$cmd\0", 11) + le32(0) + le32(0xffffffffU) + doc;
  return le32(static_cast<std::uint32_t>(16 + body.size())) + le32(kRequestId) + le32(0) + le32(2004) + body;
}

Banner parse(std::string_view raw) {
  Banner b;
  std::uint32_t length = 0, response_to = 0, op = 0;
  if (!read_le(raw, 0, 4, length) || !read_le(raw, 8, 4, response_to) || !read_le(raw, 12, 4, op)) {
    b.text = printable_line(raw);
    return b;
  }
  const bool sane =
      length >= 16 && length <= kMaxMessage && response_to == kRequestId && (op == kOpReply || op == kOpMsg);
  b.complete = !sane || raw.size() >= length;
  if (!sane) {
    b.text = printable_line(raw);
    return b;
  }
  b.recognised = true;
  b.text = "MongoDB";
  // The reply document's maxWireVersion (an int32 element, type 0x10) tells the server's era.
  const std::string key("\x10maxWireVersion\0", 16);
  if (auto at = raw.find(key); at != std::string_view::npos) {
    std::uint32_t wire = 0;
    if (read_le(raw, at + key.size(), 4, wire) && wire < 1000) b.text += " (wire version " + std::to_string(wire) + ")";
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "mongodb",
    .label = "MongoDB",
    .ports = {27017},
    .request = request(),
    .parse = parse,
    .max_bytes = 2048,
    .findings = {"EXPOSURE_MONGODB_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
