// Pages anyone may see: home, privacy statement, language switch, security.txt.
#include <chrono>
#include <cstdio>

#include "web/layout.hpp"
#include "web/pages/pages.hpp"

namespace weerbaar::web {
namespace {

std::string home_of(Role r) {
  switch (r) {
    case Role::administrator: return "/admin/organisations";
    case Role::coordinator: return "/campaigns";
    case Role::helper: return "/caseload";
    case Role::entrepreneur: return "/my";
  }
  return "/";
}

Response home(Context& ctx) {
  Html main;
  main << paragraph(ctx.t("web.home.intro")) << paragraph(ctx.t("web.home.signup"));
  if (ctx.signed_in())
    main << "<p class=\"utrecht-paragraph\">"_h << link(home_of(ctx.session->role), ctx.t("web.home.continue"))
         << "</p>"_h;
  return page(ctx, {.title = ctx.t("web.home.title"), .main = main});
}

Response privacy(Context& ctx) {
  Html main;
  for (const char* key : {"web.privacy.who", "web.privacy.what", "web.privacy.why", "web.privacy.rights",
                          "web.privacy.logs", "web.privacy.cookies"}) {
    main << paragraph(ctx.t(key));
  }
  return page(ctx, {.title = ctx.t("web.privacy.title"), .main = main});
}

Response switch_language(Context& ctx) {
  auto lang = content::lang_from_string(ctx.query.get("to")).value_or(content::Lang::nl);
  Response res = redirect(local_path(ctx.query.get("back")));
  std::string c = std::string(kLangCookie) + "=" + (lang == content::Lang::nl ? "nl" : "en") +
                  "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax";
  if (ctx.origin.https) c += "; Secure";
  ctx.cookies.push_back(c);
  return res;
}

std::string host_of(Context& ctx) {
  const std::string& url = ctx.app.options().public_url;
  if (!url.empty()) {
    auto start = url.find("://");
    std::string rest = start == std::string::npos ? url : url.substr(start + 3);
    return rest.substr(0, rest.find_first_of(":/"));
  }
  std::string host(ctx.req[http::field::host].data(), ctx.req[http::field::host].size());
  return host.substr(0, host.rfind(':') == std::string::npos || host.front() == '[' ? host.size() : host.rfind(':'));
}

// RFC 9116: a contact and an expiry less than a year ahead; renewed by being computed.
Response security_txt(Context& ctx) {
  std::string contact = ctx.app.options().security_contact;
  if (contact.empty()) contact = "mailto:security@" + host_of(ctx);
  auto expires = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(180);
  std::chrono::year_month_day ymd{expires};
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02u-%02uT00:00:00Z", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  std::string body = "Contact: " + contact + "\nExpires: " + date + "\nPreferred-Languages: nl, en\n";
  Response res = text_response(http::status::ok, std::move(body));
  res.set(http::field::cache_control, "public, max-age=86400");
  return res;
}

}  // namespace

void add_public_pages(App& app) {
  Router& r = app.router();
  r.add(http::verb::get, "/", Access::public_(), home);
  r.add(http::verb::get, "/privacy", Access::public_(), privacy);
  r.add(http::verb::get, "/lang", Access::public_(), switch_language);
  r.add(http::verb::get, "/.well-known/security.txt", Access::public_(), security_txt);
}

std::string home_path(Role r) {
  return home_of(r);
}

// Only a path on this site: a redirect parameter must not become an open redirect.
std::string local_path(const std::string& candidate) {
  if (candidate.empty() || candidate.front() != '/' || candidate.starts_with("//") ||
      candidate.find('\\') != std::string::npos || candidate.find_first_of("\r\n") != std::string::npos) {
    return "/";
  }
  return candidate;
}

}  // namespace weerbaar::web
