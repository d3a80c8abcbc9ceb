// web.bare_domain: does the domain itself lead to the website? A site that lives only on
// www.<domain>, with no address on the domain itself, is not found by a visitor who types the
// bare domain, or follows a link to it: browsers do not add the www for them. The website itself
// is judged on www (HostFacts::site_host) by the other web and TLS checks.
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"

namespace weerbaar::scan::web {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("web.bare_domain");
  if (!facts.web) return std::move(v.not_applicable("the website was not probed")).done();
  if (facts.no_address && !facts.site_host.empty()) {
    v.fail("WEB_BARE_DOMAIN_NO_ADDRESS", {{"site", facts.site_host}});
    return std::move(v).done();
  }
  // The pass says a visitor who types the domain reaches the website: only when a website
  // answered there (over HTTPS, or plain HTTP). A dead or broken site is web.https's finding,
  // and must not earn this check's points.
  const WebFacts& web = *facts.web;
  if (https_state(web) == HttpsState::offered || plain_state(web) == PlainState::answered) {
    return std::move(v).done();
  }
  // A site that did not answer in time may be there: undecided, as web.https is.
  if (https_state(web) == HttpsState::unknown || plain_state(web) == PlainState::unknown) {
    return std::move(v.inconclusive(no_https_answer(web))).done();
  }
  return std::move(v.not_applicable("no website answered on the domain itself")).done();
}

const CheckRegistration reg{{
    .id = "web.bare_domain",
    .family = Family::web,
    .findings = {"WEB_BARE_DOMAIN_NO_ADDRESS"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::web
