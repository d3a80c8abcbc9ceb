// exposure.elasticsearch: an Elasticsearch (or OpenSearch) server (port 9200). The probe asks
// "GET /", which only describes the cluster: 200 with the cluster's name and version means
// anyone can read and change its data; 401 means a password is asked.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view raw) {
  Banner b;
  const int status = http_status(raw);
  if (status == 0) return not_http_banner(raw);
  // HTTP/1.0: the server closes when done; reading stops there or at max_bytes.
  const std::string_view body = http_body(raw);
  if (status == 200 && (body.find("\"cluster_name\"") != std::string_view::npos ||
                        body.find("You Know, for Search") != std::string_view::npos)) {
    b.recognised = true;
    b.auth = ServiceAuth::none;
    const std::string version = json_string_field(body, "number");
    b.text = "Elasticsearch" + (version.empty() ? std::string() : " " + version);
  } else if (status == 401 || status == 403) {
    b.auth = ServiceAuth::required;
    b.recognised = raw.find("security_exception") != std::string_view::npos ||
                   raw.find("realm=\"security\"") != std::string_view::npos;
    b.text = printable_line(raw);
  } else {
    b.text = printable_line(raw);
  }
  return b;
}

std::string finding(const ServiceProbe& p) {
  return p.auth == ServiceAuth::none ? "EXPOSURE_ELASTICSEARCH_NO_AUTH" : "EXPOSURE_ELASTICSEARCH_OPEN";
}

const ServiceRegistration reg{{
    .name = "elasticsearch",
    .label = "Elasticsearch",
    .ports = {9200},
    .request = "GET / HTTP/1.0\r\nAccept: application/json\r\nUser-Agent: Weerbaar-scanner\r\n\r\n",
    .parse = parse,
    .max_bytes = 2048,
    .findings = {"EXPOSURE_ELASTICSEARCH_OPEN", "EXPOSURE_ELASTICSEARCH_NO_AUTH"},
    .finding = finding,
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
