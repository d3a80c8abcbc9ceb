// Signing in and out.
#include <algorithm>
#include <cctype>

#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"

namespace weerbaar::web {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Response login_form(Context& ctx, const std::string& email, const FieldErrors& errors, http::status status) {
  Html main;
  main << error_summary(ctx, errors) << "<form method=\"post\" action=\"/login\" class=\"wb-form\" novalidate>"_h
       << csrf_input(ctx) << "<input type=\"hidden\" name=\"next\""_h
       << attr("value"_h, local_path(ctx.form.has("next") ? ctx.form.get("next") : ctx.query.get("next"))) << ">"_h
       << text_field(ctx,
                     {.name = "email",
                      .label = ctx.t("web.login.email"),
                      .value = email,
                      .type = "email",
                      .autocomplete = "username",
                      .required = true},
                     errors)
       << text_field(ctx,
                     {.name = "password",
                      .label = ctx.t("web.login.password"),
                      .type = "password",
                      .autocomplete = "current-password",
                      .required = true},
                     errors)
       << submit_button(ctx.t("web.login.submit"), "login-submit") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.login.title"), .main = main, .status = status});
}

Response show_login(Context& ctx) {
  return login_form(ctx, "", {}, http::status::ok);
}

Response do_login(Context& ctx) {
  const std::string email = ctx.form.get("email");
  const std::string password = ctx.form.get("password");
  FieldErrors errors;
  if (email.empty()) errors.add("email", ctx.t("web.login.email_missing"));
  if (password.empty()) errors.add("password", ctx.t("web.login.password_missing"));
  if (!errors.empty()) return login_form(ctx, email, errors, http::status::unprocessable_entity);
  const std::string account = lower(email);
  if (auto wait = ctx.app.login_limiter().blocked(account, ctx.origin.client_address)) {
    errors.add("email", ctx.t("web.login.blocked", {{"minutes", std::to_string((wait->count() + 59) / 60)}}));
    return login_form(ctx, email, errors, http::status::too_many_requests);
  }
  if (!ctx.app.verify_login()) {
    errors.add("email", ctx.t("web.login.unavailable"));
    return login_form(ctx, email, errors, http::status::service_unavailable);
  }
  auto user = ctx.app.verify_login()(account, password);
  if (!user) {
    ctx.app.login_limiter().failed(account, ctx.origin.client_address);
    // One message for a wrong address and a wrong password: no one learns which accounts exist.
    errors.add("email", ctx.t("web.login.failed"));
    return login_form(ctx, email, errors, http::status::unprocessable_entity);
  }
  ctx.app.login_limiter().succeeded(account);
  const std::string old_id = ctx.session ? ctx.session->id : std::string();
  ctx.use_session(ctx.app.sessions().sign_in(old_id, *user));
  std::string next = local_path(ctx.form.get("next"));
  return redirect(next == "/" ? home_path(user->role) : next);
}

Response do_logout(Context& ctx) {
  if (ctx.session) ctx.app.sessions().destroy(ctx.session->id);
  // A fresh anonymous session carries the notice to the next page.
  ctx.use_session(ctx.app.sessions().create());
  ctx.notice(ctx.t("web.logout.done"));
  return redirect("/");
}

}  // namespace

void add_account_pages(App& app) {
  Router& r = app.router();
  r.add(http::verb::get, "/login", Access::public_(), show_login);
  r.add(http::verb::post, "/login", Access::public_(), do_login);
  r.add(http::verb::post, "/logout", Access::public_(), do_logout);
}

}  // namespace weerbaar::web
