// exposure.ftp: an FTP server (port 21). It greets with a reply line ("220 ..."); nothing is sent.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  b.complete = raw.find('\n') != std::string_view::npos;
  b.text = printable_line(raw);
  // A reply: three digits, then a space or a hyphen (RFC 959 4.2).
  b.recognised = raw.size() >= 4 && raw[0] >= '1' && raw[0] <= '5' && raw[1] >= '0' && raw[1] <= '9' && raw[2] >= '0' &&
                 raw[2] <= '9' && (raw[3] == ' ' || raw[3] == '-');
  return b;
}

const ServiceRegistration reg{{
    .name = "ftp",
    .label = "FTP",
    .ports = {21},
    .parse = parse,
    .findings = {"EXPOSURE_FTP_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
