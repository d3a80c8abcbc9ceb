#include "scan/web/check_support.hpp"

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

void not_probed(Verdict& v) {
  v.not_applicable("the website was not probed");
}

}  // namespace

HttpsState https_state(const WebFacts& web) {
  switch (web.https_root.status) {
    case NetStatus::ok:
    case NetStatus::protocol_error:  // TLS worked; what came over it was not HTTP
    case NetStatus::too_large: return HttpsState::offered;
    case NetStatus::refused:
    case NetStatus::unreachable:
    case NetStatus::tls_failed: return HttpsState::absent;
    case NetStatus::timeout:
    // A reset or a hang-up during the handshake is no refusal of TLS: a hostile or overloaded
    // server must not be judged as a site without HTTPS.
    case NetStatus::reset:
    case NetStatus::closed: return HttpsState::unknown;
  }
  return HttpsState::unknown;
}

std::string no_https_answer(const WebFacts& web) {
  return "HTTPS gave no answer" + (web.https_root.error.empty() ? std::string() : ": " + web.https_root.error);
}

PlainState plain_state(const WebFacts& web) {
  if (web.http_chain.empty()) return PlainState::absent;
  switch (web.http_chain.front().status) {
    case NetStatus::ok: return PlainState::answered;
    case NetStatus::timeout: return PlainState::unknown;
    default: return PlainState::absent;
  }
}

bool is_redirect_status(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

const HttpResponse* https_response(const HostFacts& facts, Verdict& verdict) {
  if (!facts.web) {
    not_probed(verdict);
    return nullptr;
  }
  const HttpExchange& root = facts.web->https_root;
  if (root.status == NetStatus::ok && root.response) return &*root.response;
  switch (https_state(*facts.web)) {
    case HttpsState::absent: verdict.not_applicable("HTTPS is not offered"); break;
    case HttpsState::unknown: verdict.inconclusive(no_https_answer(*facts.web)); break;
    case HttpsState::offered: verdict.inconclusive("no usable HTTPS response: " + root.error); break;
  }
  return nullptr;
}

const HttpResponse* page_response(const HostFacts& facts, Verdict& verdict) {
  const HttpResponse* root = https_response(facts, verdict);
  if (root == nullptr) return nullptr;
  return &*facts.web->landing().response;  // landing() is https_root or a page with a response
}

SiteResponse site_response(const HostFacts& facts, Verdict& verdict) {
  if (!facts.web) {
    not_probed(verdict);
    return {};
  }
  const WebFacts& web = *facts.web;
  if (web.https_root.status == NetStatus::ok && web.https_root.response) return {&*web.landing().response, true};
  if (https_state(web) != HttpsState::absent) return {https_response(facts, verdict), true};
  if (web.http_chain.empty()) {
    verdict.inconclusive("HTTPS is not offered and plain HTTP was not probed");
    return {};
  }
  const HttpExchange& first = web.http_chain.front();
  if (first.status == NetStatus::ok && first.response) return {&*first.response, false};
  if (first.status == NetStatus::refused || first.status == NetStatus::unreachable) {
    verdict.not_applicable("no website: neither HTTPS nor plain HTTP answers");
  } else {
    verdict.inconclusive("HTTPS is not offered and plain HTTP gave no usable answer: " + first.error);
  }
  return {};
}

}  // namespace weerbaar::scan::web
