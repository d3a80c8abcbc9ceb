// web.redirect: does http://host/ send visitors to https://, and first to the same host?
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/url.hpp"

namespace weerbaar::scan::web {
namespace {

// The Location of the chain's last hop when the chain ended on a redirect back to a URL it
// already visited: a loop, which no browser gets out of. A chain cut at the hop limit is not
// called endless (browsers follow up to 20): that stays undecided.
std::optional<std::string> endless_redirect(const std::vector<HttpExchange>& chain) {
  const HttpExchange& last = chain.back();
  if (last.status != NetStatus::ok || !last.response || !is_redirect_status(last.response->status)) return std::nullopt;
  const std::string* location = last.response->header("location");
  auto here = parse_url(last.url);
  if (location == nullptr || !here) return std::nullopt;
  auto next = resolve_reference(*here, *location);
  if (!next) return std::nullopt;
  for (const auto& hop : chain) {
    if (hop.url == next->str()) return next->str();
  }
  return std::nullopt;
}

CheckResult run(const HostFacts& facts) {
  Verdict v("web.redirect");
  if (!facts.web) return std::move(v.not_applicable("the website was not probed")).done();
  const auto& chain = facts.web->http_chain;
  if (chain.empty()) return std::move(v.inconclusive("plain HTTP was not probed")).done();
  const HttpExchange& first = chain.front();
  if (first.status == NetStatus::refused || first.status == NetStatus::unreachable) {
    return std::move(v.not_applicable("plain HTTP is not offered, so there is nothing to redirect")).done();
  }
  if (first.status != NetStatus::ok || !first.response) {
    return std::move(v.inconclusive("http://" + facts.website() + "/ gave no usable answer: " + first.error)).done();
  }
  if (!is_redirect_status(first.response->status) || first.response->header("location") == nullptr) {
    return std::move(v.fail("WEB_HTTP_NO_REDIRECT",
                            {{"status", std::to_string(first.response->status)}, {"final_url", first.url}}))
        .done();
  }
  // Where the visitor ends up: the last URL of the chain, even if that hop itself failed.
  const HttpExchange& last = chain.back();
  // Redirects that go round in a loop never reach a page: the site cannot be opened, whatever
  // each hop looks like.
  if (const auto endless = endless_redirect(chain)) {
    return std::move(v.fail("WEB_REDIRECT_ENDLESS", {{"hops", std::to_string(chain.size())}, {"location", *endless}}))
        .done();
  }
  auto final_url = parse_url(last.url);
  bool ends_on_https = final_url && final_url->https;
  if (!ends_on_https) {
    if (chain.size() >= 2 && last.status == NetStatus::ok && !last.error.empty()) {
      return std::move(v.inconclusive("redirects were not followed to the end: " + last.error)).done();
    }
    return std::move(v.fail("WEB_HTTP_NO_REDIRECT",
                            {{"status", std::to_string(first.response->status)}, {"final_url", last.url}}))
        .done();
  }
  // internet.nl: the first hop must go to https on the same name, so that HSTS for this name
  // is set before the visitor goes anywhere else.
  auto origin = parse_url(first.url);
  auto first_target = chain.size() >= 2 ? parse_url(chain[1].url) : std::nullopt;
  if (origin && first_target && !(first_target->https && same_host(first_target->host, origin->host))) {
    return std::move(v.fail("WEB_HTTP_REDIRECT_OTHER_HOST", {{"location", chain[1].url}})).done();
  }
  return std::move(v).done();
}

const CheckRegistration reg{
    {.id = "web.redirect",
     .family = Family::web,
     .findings = {"WEB_HTTP_NO_REDIRECT", "WEB_HTTP_REDIRECT_OTHER_HOST", "WEB_REDIRECT_ENDLESS"},
     .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
