// exposure.memcached: a Memcached server (port 11211). The probe sends "version", which changes
// nothing. Memcached's text protocol has no login at all: whoever reaches it can read and
// overwrite what it holds (and it has been used to amplify attacks).
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  b.complete = raw.find('\n') != std::string_view::npos;
  b.text = printable_line(raw);
  if (raw.starts_with("VERSION ") && b.complete) {
    b.recognised = true;
    b.auth = ServiceAuth::none;
    b.text = "Memcached " + printable_line(raw.substr(8), 60);
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "memcached",
    .label = "Memcached",
    .ports = {11211},
    .request = "version\r\n",
    .parse = parse,
    .findings = {"EXPOSURE_MEMCACHED_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
