// exposure.docker: the Docker Engine API without TLS (port 2375). The probe asks
// "GET /version", which only describes the engine. This API has no login: whoever reaches it
// can start containers with full control over the server.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  const int status = http_status(raw);
  if (status == 0) return not_http_banner(raw);
  const std::string_view body = http_body(raw);
  if (status == 200 && body.find("\"ApiVersion\"") != std::string_view::npos) {
    b.recognised = true;
    b.auth = ServiceAuth::none;
    const std::string version = json_string_field(body, "Version");
    const std::string api = json_string_field(body, "ApiVersion");
    b.text = "Docker" + (version.empty() ? std::string() : " " + version) +
             (api.empty() ? std::string() : " (API " + api + ")");
  } else {
    b.text = printable_line(raw);
  }
  return b;
}

const ServiceRegistration reg{{
    .name = "docker",
    .label = "Docker API",
    .ports = {2375},
    .request = "GET /version HTTP/1.0\r\nAccept: application/json\r\nUser-Agent: Weerbaar-scanner\r\n\r\n",
    .parse = parse,
    .max_bytes = 2048,
    .findings = {"EXPOSURE_DOCKER_API_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
