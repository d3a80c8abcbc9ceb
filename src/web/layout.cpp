#include "web/layout.hpp"

#include <algorithm>
#include <iterator>

namespace weerbaar::web {
namespace {

struct MenuItem {
  const char* href;
  const char* key;
};

std::vector<MenuItem> menu_for(const Context& ctx) {
  if (!ctx.signed_in()) return {};
  switch (ctx.session->role) {
    case Role::administrator:
      return {{"/admin/organisations", "web.menu.organisations"}, {"/admin/audit", "web.menu.audit"}};
    case Role::coordinator: return {{"/campaigns", "web.menu.campaigns"}};
    case Role::helper: return {{"/caseload", "web.menu.caseload"}};
    case Role::entrepreneur: return {{"/my", "web.menu.my"}};
  }
  return {};
}

Html header(Context& ctx) {
  Html h;
  h << "<header class=\"utrecht-page-header wb-header\"><div class=\"utrecht-page-header__content wb-header__content\">"_h
    << "<a class=\"wb-brand utrecht-link\" href=\"/\">Weerbaar</a>"_h;
  auto items = menu_for(ctx);
  if (!items.empty()) {
    h << "<nav class=\"wb-menu\""_h << attr("aria-label"_h, ctx.t("web.menu.label"))
      << "><ul class=\"utrecht-nav-list\">"_h;
    const std::string current = ctx.path();
    for (const auto& item : items) {
      bool here = current == item.href || current.starts_with(std::string(item.href) + "/");
      h << "<li class=\"utrecht-nav-list__item\"><a class=\"utrecht-nav-list__link utrecht-link\""_h
        << attr("href"_h, item.href);
      if (here) h << " aria-current=\"page\""_h;
      h << ">"_h << ctx.t(item.key) << "</a></li>"_h;
    }
    h << "</ul></nav>"_h;
  }
  h << "<div class=\"wb-account\">"_h;
  if (ctx.signed_in()) {
    h << "<span class=\"wb-account__name\">"_h
      << ctx.t("web.account.signed_in_as", {{"name", ctx.session->user_name},
                                            {"role", ctx.t("web.role." + std::string(to_string(ctx.session->role)))}})
      << "</span> <form class=\"wb-inline-form\" method=\"post\" action=\"/logout\">"_h
      << "<input type=\"hidden\" name=\"csrf\""_h << attr("value"_h, ctx.csrf()) << ">"_h
      << "<button type=\"submit\" class=\"utrecht-button utrecht-button--subtle\" id=\"sign-out\">"_h
      << ctx.t("web.account.sign_out") << "</button></form>"_h;
  } else {
    h << "<a class=\"utrecht-link\" href=\"/login\" id=\"sign-in-link\">"_h << ctx.t("web.account.sign_in") << "</a>"_h;
  }
  // The switch names the other language in that language.
  const bool nl = ctx.lang == content::Lang::nl;
  h << " <a class=\"utrecht-link wb-lang\" id=\"lang-switch\""_h
    << attr("href"_h,
            std::string("/lang?to=") + (nl ? "en" : "nl") + "&back=" + url_encode(std::string(ctx.req.target())))
    << attr("lang"_h, nl ? "en" : "nl") << attr("hreflang"_h, nl ? "en" : "nl") << ">"_h
    << (nl ? "English" : "Nederlands") << "</a></div></div></header>"_h;
  return h;
}

Html footer(Context& ctx) {
  Html h;
  h << "<footer class=\"utrecht-page-footer wb-footer\"><div class=\"utrecht-page-footer__content\">"_h
    << "<ul class=\"wb-footer__links\"><li>"_h << link("/privacy", ctx.t("web.footer.privacy")) << "</li><li>"_h
    << link("/.well-known/security.txt", ctx.t("web.footer.security")) << "</li></ul>"_h
    << "<p class=\"utrecht-paragraph\">"_h << ctx.t("web.footer.about") << "</p></div></footer>"_h;
  return h;
}

}  // namespace

bool htmx_request(const Context& ctx) {
  auto it = ctx.req.find("HX-Request");
  return it != ctx.req.end() && it->value() == "true";
}

Response fragment(const Html& body, http::status status) {
  Response res = html_page(status, body);
  // The same URL answers a page or a fragment: caches must keep them apart.
  res.set(http::field::vary, "HX-Request");
  return res;
}

Html paragraph(std::string_view text) {
  Html h;
  h << "<p class=\"utrecht-paragraph\">"_h << text << "</p>"_h;
  return h;
}

Html link(std::string_view href, std::string_view text) {
  Html h;
  h << "<a class=\"utrecht-link\""_h << attr("href"_h, href) << ">"_h << text << "</a>"_h;
  return h;
}

Response page(Context& ctx, const PageSpec& spec) {
  Html h;
  h << "<!DOCTYPE html>\n<html"_h << attr("lang"_h, ctx.lang == content::Lang::nl ? "nl" : "en") << ">"_h
    << "<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"_h
    << "<title>"_h << spec.title
    << " - Weerbaar</title>"_h
    // htmx may not add inline styles (the CSP forbids them) nor evaluate code.
    << "<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,\"allowEval\":false,"_h
    << "\"allowScriptTags\":false,\"selfRequestsOnly\":true,"_h
    // A form with a mistake answers 422 with the form and its messages: htmx must swap that in
    // too (by default it swaps no 4xx answer).
    << "\"responseHandling\":[{\"code\":\"204\",\"swap\":false},{\"code\":\"[23]..\",\"swap\":true},"_h
    << "{\"code\":\"422\",\"swap\":true},{\"code\":\"[45]..\",\"swap\":false,\"error\":true}]}'>"_h;
  if (ctx.session) h << "<meta name=\"csrf-token\""_h << attr("content"_h, ctx.session->csrf) << ">"_h;
  h << "<link rel=\"stylesheet\" href=\"/assets/nlds/design-tokens.css\">"_h
    << "<link rel=\"stylesheet\" href=\"/assets/nlds/component-library.css\">"_h
    << "<link rel=\"stylesheet\" href=\"/assets/weerbaar.css\">"_h
    << "<script src=\"/assets/htmx.min.js\" defer></script>"_h;
  if (spec.charts) h << "<script src=\"/assets/chart.umd.min.js\" defer></script>"_h;
  h << "<script src=\"/assets/weerbaar.js\" defer></script></head>"_h
    << "<body class=\"utrecht-document utrecht-document--surface\">"_h
    << "<a class=\"utrecht-skip-link utrecht-skip-link--visible-on-focus\" href=\"#main\">"_h << ctx.t("web.skip_link")
    << "</a><div class=\"utrecht-page wb-page\">"_h << header(ctx)
    << "<main class=\"utrecht-page-content wb-main\" id=\"main\" tabindex=\"-1\">"_h;
  if (ctx.session) {
    std::string notice = ctx.app.sessions().take_notice(ctx.session->id);
    if (!notice.empty()) {
      h << "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\" id=\"notice\"><div class=\"utrecht-alert__content\">"_h
        << "<p class=\"utrecht-alert__message utrecht-paragraph\">"_h << notice << "</p></div></div>"_h;
    }
  }
  h << "<h1 class=\"utrecht-heading-1\" id=\"page-title\">"_h << spec.title << "</h1>"_h << spec.main
    << "</main>"_h
    // Where weerbaar.js says what a part of the page that htmx replaced now holds: a live
    // region is only heard when it exists before its text changes.
    << "<div class=\"wb-visually-hidden\" id=\"wb-live\" role=\"status\" aria-live=\"polite\"></div>"_h << footer(ctx)
    << "</div></body></html>\n"_h;
  Response res = html_page(spec.status, h);
  return res;
}

Response error_page(Context& ctx, http::status status, std::string_view detail_key) {
  // Texts exist for these; any other status is explained as a fault of ours.
  static constexpr int kExplained[] = {400, 401, 403, 404, 405, 413, 500};
  int n = static_cast<int>(status);
  if (std::find(std::begin(kExplained), std::end(kExplained), n) == std::end(kExplained)) n = 500;
  const std::string code = std::to_string(n);
  const std::string title_key = "web.error." + code + ".title";
  const std::string text_key = detail_key.empty() ? "web.error." + code + ".text" : std::string(detail_key);
  Html main;
  main << paragraph(ctx.t(text_key)) << "<p class=\"utrecht-paragraph\">"_h << link("/", ctx.t("web.error.home"))
       << "</p>"_h;
  return page(ctx, {.title = ctx.t(title_key), .main = main, .status = status});
}

}  // namespace weerbaar::web
