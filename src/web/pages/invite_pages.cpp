// Accepting an invitation (also the administrator's one-time link at first start): choose a
// name and a password, then continue signed in.
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"

namespace weerbaar::web {
namespace {

Response invite_form(Context& ctx, const platform::Invitation& inv, const std::string& name, const FieldErrors& errors,
                     http::status status) {
  const std::string token = ctx.params.at("token");
  Html main;
  main << paragraph(
              ctx.t("web.invite.intro",
                    {{"email", inv.email}, {"role", ctx.t("web.role." + std::string(platform::to_string(inv.role)))}}))
       << error_summary(ctx, errors) << "<form method=\"post\" class=\"wb-form\" novalidate"_h
       << attr("action"_h, "/invite/" + token) << ">"_h << csrf_input(ctx)
       << text_field(ctx,
                     {.name = "name",
                      .label = ctx.t("web.invite.name"),
                      .value = name,
                      .autocomplete = "name",
                      .required = true},
                     errors)
       << text_field(ctx,
                     {.name = "password",
                      .label = ctx.t("web.invite.password"),
                      .hint = ctx.t("web.password.hint"),
                      .type = "password",
                      .autocomplete = "new-password",
                      .required = true},
                     errors)
       << submit_button(ctx.t("web.invite.submit"), "invite-submit") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.invite.title"), .main = main, .status = status});
}

Response invitation_problem(Context& ctx, const platform::Error& e) {
  Html main;
  main << "<div class=\"utrecht-alert utrecht-alert--error\" role=\"alert\"><div class=\"utrecht-alert__content\">"_h
       << paragraph(message(ctx, e)) << "</div></div>"_h;
  const auto status = e.key == "invitation.invalid" ? http::status::not_found : http::status::gone;
  return page(ctx, {.title = ctx.t("web.invite.title"), .main = main, .status = status});
}

Response show_invite(Context& ctx) {
  auto inv = ctx.app.platform().accounts().invitation(ctx.params.at("token"));
  if (!inv) return invitation_problem(ctx, inv.error());
  return invite_form(ctx, *inv, "", {}, http::status::ok);
}

Response accept_invite(Context& ctx) {
  const std::string& token = ctx.params.at("token");
  auto& accounts = ctx.app.platform().accounts();
  auto inv = accounts.invitation(token);
  if (!inv) return invitation_problem(ctx, inv.error());
  const std::string name = ctx.form.get("name");
  auto actor = accounts.accept_invitation(token, name, ctx.form.get("password"));
  if (!actor) {
    FieldErrors errors;
    add_error(errors, ctx, actor.error(), actor.error().key.starts_with("password") ? "password" : "name");
    return invite_form(ctx, *inv, name, errors, http::status::unprocessable_entity);
  }
  sign_in(ctx, *actor, name);
  return redirect(home_path(actor->role));
}

}  // namespace

void add_invite_pages(App& app) {
  Router& r = app.router();
  r.add(http::verb::get, "/invite/{token}", Access::public_(), show_invite);
  r.add(http::verb::post, "/invite/{token}", Access::public_(), accept_invite);
}

}  // namespace weerbaar::web
