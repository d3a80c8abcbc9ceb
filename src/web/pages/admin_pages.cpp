// Administrators: organisations, inviting their coordinators, and the audit log.
#include "core/time_text.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"

namespace weerbaar::web {
namespace {

using platform::Role;

Response organisations_page(Context& ctx, const std::string& name, const std::string& email, platform::Id org,
                            const FieldErrors& errors, http::status status) {
  auto& accounts = ctx.app.platform().accounts();
  auto orgs = accounts.organisations(actor_of(ctx));
  if (!orgs) return failure_page(ctx, orgs.error());
  Html main;
  main << error_summary(ctx, errors);
  main << "<h2 class=\"utrecht-heading-2\" id=\"organisations\">"_h << ctx.t("web.admin.organisations") << "</h2>"_h;
  if (orgs->empty()) {
    main << paragraph(ctx.t("web.admin.no_organisations"));
  } else {
    main << "<ul class=\"utrecht-unordered-list\" aria-labelledby=\"organisations\">"_h;
    for (const auto& o : *orgs) main << "<li>"_h << o.name << "</li>"_h;
    main << "</ul>"_h;
  }
  main << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.admin.new_organisation") << "</h2>"_h
       << "<form method=\"post\" action=\"/admin/organisations\" class=\"wb-form\" novalidate>"_h << csrf_input(ctx)
       << text_field(ctx,
                     {.name = "name", .label = ctx.t("web.admin.organisation_name"), .value = name, .required = true},
                     errors)
       << submit_button(ctx.t("web.admin.add_organisation"), "add-organisation") << "</form>"_h;
  if (!orgs->empty()) {
    std::vector<std::pair<std::string, std::string>> options{{"", ctx.t("web.form.choose")}};
    for (const auto& o : *orgs) options.emplace_back(std::to_string(o.id), o.name);
    main << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.admin.invite_coordinator") << "</h2>"_h
         << "<form method=\"post\" action=\"/admin/invitations\" class=\"wb-form\" novalidate>"_h << csrf_input(ctx)
         << text_field(ctx,
                       {.name = "email",
                        .label = ctx.t("web.admin.coordinator_email"),
                        .value = email,
                        .type = "email",
                        .autocomplete = "off",
                        .required = true},
                       errors)
         << select_field(ctx,
                         {.name = "organisation",
                          .label = ctx.t("web.admin.organisation"),
                          .value = org == 0 ? std::string() : std::to_string(org),
                          .required = true},
                         options, errors)
         << submit_button(ctx.t("web.admin.send_invitation"), "invite-coordinator") << "</form>"_h;
  }
  return page(ctx, {.title = ctx.t("web.menu.organisations"), .main = main, .status = status});
}

Response show_organisations(Context& ctx) {
  return organisations_page(ctx, "", "", 0, {}, http::status::ok);
}

Response add_organisation(Context& ctx) {
  const std::string name = ctx.form.get("name");
  auto id = ctx.app.platform().accounts().create_organisation(actor_of(ctx), name);
  if (!id) {
    FieldErrors errors;
    add_error(errors, ctx, id.error(), "name");
    return organisations_page(ctx, name, "", 0, errors, http::status::unprocessable_entity);
  }
  ctx.notice(ctx.t("web.admin.organisation_added", {{"name", name}}));
  return redirect("/admin/organisations");
}

Response invite_coordinator(Context& ctx) {
  const std::string email = ctx.form.get("email");
  platform::Id org = 0;
  try {
    org = std::stoll(ctx.form.get("organisation"));
  } catch (const std::exception&) {
    org = 0;
  }
  platform::InviteInput in{.email = email, .role = Role::coordinator, .organisation = org, .campaign = 0};
  auto token = ctx.app.platform().accounts().invite(actor_of(ctx), in);
  if (!token) {
    FieldErrors errors;
    add_error(errors, ctx, token.error(), "email");
    return organisations_page(ctx, "", email, org, errors, http::status::unprocessable_entity);
  }
  ctx.notice(ctx.t("web.admin.invitation_sent", {{"email", email}}));
  return redirect("/admin/organisations");
}

Response audit_log(Context& ctx) {
  auto entries = ctx.app.platform().audit_log(actor_of(ctx), 500);
  if (!entries) return failure_page(ctx, entries.error());
  Html main;
  main << paragraph(ctx.t("web.audit.intro"))
       << "<div class=\"wb-table-wrap\"><table class=\"utrecht-table utrecht-table--html-table\" id=\"audit-log\">"_h
       << "<caption class=\"utrecht-table__caption\">"_h << ctx.t("web.audit.caption") << "</caption>"_h
       << "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"_h;
  for (const char* key :
       {"web.audit.when", "web.audit.who", "web.audit.role", "web.audit.action", "web.audit.object"}) {
    main << "<th scope=\"col\" class=\"utrecht-table__header-cell\">"_h << ctx.t(key) << "</th>"_h;
  }
  main << "</tr></thead><tbody class=\"utrecht-table__body\">"_h;
  for (const auto& e : *entries) {
    std::string when = iso8601_utc(std::chrono::system_clock::time_point(std::chrono::seconds(e.at)));
    main << "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"_h << when
         << "</td><td class=\"utrecht-table__cell\">"_h
         << (e.actor == 0 ? std::string("-") : "#" + std::to_string(e.actor))
         << "</td><td class=\"utrecht-table__cell\">"_h << e.actor_role << "</td><td class=\"utrecht-table__cell\">"_h
         << e.action << "</td><td class=\"utrecht-table__cell\">"_h << e.object_type << " #"_h
         << std::to_string(e.object) << "</td></tr>"_h;
  }
  main << "</tbody></table></div>"_h;
  return page(ctx, {.title = ctx.t("web.menu.audit"), .main = main});
}

}  // namespace

void add_admin_pages(App& app) {
  Router& r = app.router();
  const Access admin = Access::only({Role::administrator});
  r.add(http::verb::get, "/admin/organisations", admin, show_organisations);
  r.add(http::verb::post, "/admin/organisations", admin, add_organisation);
  r.add(http::verb::post, "/admin/invitations", admin, invite_coordinator);
  r.add(http::verb::get, "/admin/audit", admin, audit_log);
}

}  // namespace weerbaar::web
