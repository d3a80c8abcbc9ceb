// web.cors: may any other website read this site's pages in a visitor's browser?
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/text.hpp"
#include "scan/web/url.hpp"

namespace weerbaar::scan::web {
namespace {

// The probe asks with an Origin under the reserved .invalid top-level domain (RFC 2606): no
// real site lives there, so a server that allows it reflects whatever Origin it is sent.
bool is_reflected_probe(std::string_view allow_origin) {
  auto url = parse_url(allow_origin);
  if (!url) return false;
  return url->host == "invalid" || (url->host.size() > 8 && url->host.ends_with(".invalid"));
}

CheckResult run(const HostFacts& facts) {
  Verdict v("web.cors");
  SiteResponse site = site_response(facts, v);
  if (site.response == nullptr) return std::move(v).done();
  const std::string* acao = site.response->header("access-control-allow-origin");
  if (acao == nullptr) return std::move(v).done();
  const std::string* acac = site.response->header("access-control-allow-credentials");
  bool credentials = acac != nullptr && text::iequals(text::trim(*acac), "true");
  std::string_view allowed = text::trim(*acao);
  if (allowed == "*") {
    // Browsers never send cookies to a '*' answer, so credentials do not matter here.
    return std::move(
               v.fail("WEB_CORS_ANY_ORIGIN", {{"allow_origin", "*"}, {"reflected", "false"}, {"credentials", "false"}}))
        .done();
  }
  if (is_reflected_probe(allowed)) {
    v.fail("WEB_CORS_ANY_ORIGIN", {{"allow_origin", std::string(allowed)},
                                   {"reflected", "true"},
                                   {"credentials", credentials ? "true" : "false"}});
  }
  return std::move(v).done();
}

const CheckRegistration reg{{.id = "web.cors", .family = Family::web, .findings = {"WEB_CORS_ANY_ORIGIN"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
