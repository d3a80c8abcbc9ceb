#pragma once
// A small business site that does everything right, as the web probes would see it. Tests of a
// web check start from this and break one thing, so each test shows exactly what triggers it.
#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "scan/check.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan::webtest {

inline HttpResponse response(int status, std::vector<HttpHeader> headers, std::string body = {}) {
  HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

inline HttpExchange answered(std::string url, HttpResponse r) {
  HttpExchange ex;
  ex.url = std::move(url);
  ex.response = std::move(r);
  return ex;
}

inline HttpExchange failed(std::string url, NetStatus status, std::string error = "test failure") {
  HttpExchange ex;
  ex.url = std::move(url);
  ex.status = status;
  ex.error = std::move(error);
  return ex;
}

// Replaces every header of that name by one with this value.
inline void set_header(HttpResponse& r, const std::string& name, const std::string& value) {
  std::erase_if(r.headers, [&](const HttpHeader& h) { return h.name == name; });
  r.headers.push_back({name, value});
}
inline void remove_header(HttpResponse& r, const std::string& name) {
  std::erase_if(r.headers, [&](const HttpHeader& h) { return h.name == name; });
}

inline constexpr std::string_view kGoodPage = R"(<!DOCTYPE html>
<html lang="nl"><head>
<meta charset="utf-8"><title>Bakkerij Jansen</title>
<script src="/js/app.js" defer></script>
<script src="https://static.bakkerij-jansen.nl/menu.js"></script>
<script src="https://cdn.example.com/slider.min.js"
        integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>
<script nonce="r4nd0m">window.shop = {open: true};</script>
</head><body><h1>Vers brood</h1></body></html>
)";

inline HostFacts good_site() {
  using namespace std::chrono;
  HostFacts facts;
  facts.host = "bakkerij-jansen.nl";
  facts.address = "192.0.2.10";
  facts.scanned_at = sys_days{year{2025} / June / 1} + hours{12};

  HttpResponse page =
      response(200,
               {{"content-type", "text/html; charset=utf-8"},
                {"server", "nginx"},
                {"strict-transport-security", "max-age=63072000; includeSubDomains; preload"},
                {"content-security-policy",
                 "default-src 'self'; script-src 'self' 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'; "
                 "object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'"},
                {"x-content-type-options", "nosniff"},
                {"x-frame-options", "SAMEORIGIN"},
                {"referrer-policy", "strict-origin-when-cross-origin"},
                {"set-cookie", "session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax"},
                {"set-cookie", "old_tracking=; Max-Age=0; Path=/"}},
               std::string(kGoodPage));

  WebFacts web;
  web.http_chain.push_back(answered("http://bakkerij-jansen.nl/",
                                    response(301, {{"location", "https://bakkerij-jansen.nl/"}, {"server", "nginx"}})));
  web.http_chain.push_back(answered("https://bakkerij-jansen.nl/", page));
  web.https_root = answered("https://bakkerij-jansen.nl/", page);
  web.security_txt = answered(
      "https://bakkerij-jansen.nl/.well-known/security.txt",
      response(200, {{"content-type", "text/plain; charset=utf-8"}},
               "# Bakkerij Jansen\nContact: mailto:security@bakkerij-jansen.nl\nExpires: 2026-05-31T22:00:00Z\n"
               "Preferred-Languages: nl, en\n"));
  facts.web = std::move(web);
  return facts;
}

inline HttpResponse& https_page(HostFacts& facts) {
  return *facts.web->https_root.response;
}

inline CheckResult run_check(std::string_view id, const HostFacts& facts) {
  const CheckSpec* spec = Catalogue::instance().find(id);
  if (spec == nullptr) return CheckResult{std::string(id), Outcome::inconclusive, {}, "check not registered", {}};
  return spec->run(facts);
}

inline const Finding* finding(const CheckResult& r, std::string_view id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

}  // namespace weerbaar::scan::webtest
