// web.https: is the website reachable over HTTPS at all?
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.https");
  if (!facts.web) return std::move(v.not_applicable("the website was not probed")).done();
  const WebFacts& web = *facts.web;
  switch (https_state(web)) {
    case HttpsState::offered: return std::move(v).done();
    case HttpsState::unknown: return std::move(v.inconclusive(no_https_answer(web))).done();
    case HttpsState::absent: break;
  }
  // Something listening on 443 that cannot complete a handshake is broken HTTPS, whatever port
  // 80 does: the owner has HTTPS and must have it repaired, not "turned on". Nothing on 443 is
  // only a missing-HTTPS finding if there is a website on port 80; a domain with no web server
  // at all is not judged here.
  if (web.https_root.status == NetStatus::tls_failed) {
    // `cause` names one of the finding's phrases in content (what an owner can act on); `reason`
    // keeps OpenSSL's words for the technician. Facts recorded before the kind existed say none.
    const TlsFailure kind =
        web.https_root.tls_failure == TlsFailure::none ? TlsFailure::other : web.https_root.tls_failure;
    return std::move(
               v.fail("WEB_HTTPS_BROKEN", {{"cause", std::string(to_string(kind))}, {"reason", web.https_root.error}}))
        .done();
  }
  const PlainState plain = plain_state(web);
  if (plain == PlainState::answered) {
    return std::move(v.fail("WEB_HTTPS_MISSING", {{"reason", web.https_root.error}})).done();
  }
  if (plain == PlainState::unknown) {
    return std::move(v.inconclusive("no HTTPS, and plain HTTP did not answer in time")).done();
  }
  return std::move(v.not_applicable("no website: nothing answers on port 80 or 443")).done();
}

const CheckRegistration reg{
    {.id = "web.https", .family = Family::web, .findings = {"WEB_HTTPS_MISSING", "WEB_HTTPS_BROKEN"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
