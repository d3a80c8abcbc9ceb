// Coordinators: campaigns, their helpers and businesses.
#include <array>
#include <sstream>

#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"

namespace weerbaar::web {
namespace {

using platform::Role;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos) continue;
    out.push_back(line.substr(a, line.find_last_not_of(" \t\r") - a + 1));
  }
  return out;
}

int number_or(const std::string& s, int fallback) {
  try {
    std::size_t used = 0;
    int n = std::stoi(s, &used);
    return used == s.size() ? n : -1;
  } catch (const std::exception&) {
    return s.empty() ? fallback : -1;
  }
}

// The service names a field as the campaign stores it; the forms here use shorter names. A
// message must land at the field it is about (beside it, aria-invalid, the summary's link), or
// the field is left without a word about what is wrong.
platform::Error on_form_field(platform::Error e) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> names{
      {{"consent_text", "consent"}, {"rescan_interval_days", "interval"}, {"retention_days", "retention"}}};
  for (const auto& [stored, form] : names) {
    if (e.field == stored) e.field = form;
  }
  return e;
}

struct CampaignForm {
  std::string name, description, region, sectors, consent, interval = "30", retention = "365";
  bool round_robin = false;
};

CampaignForm read_form(const Form& f) {
  return {f.get("name"),    f.get("description"), f.get("region"),    f.get("sectors"),
          f.get("consent"), f.get("interval"),    f.get("retention"), f.has("round_robin")};
}

Response campaign_form_page(Context& ctx, const CampaignForm& v, const FieldErrors& errors, http::status status) {
  Html main;
  main << error_summary(ctx, errors)
       << "<form method=\"post\" action=\"/campaigns/new\" class=\"wb-form\" novalidate>"_h << csrf_input(ctx)
       << text_field(ctx, {.name = "name", .label = ctx.t("web.campaign.name"), .value = v.name, .required = true},
                     errors)
       << textarea_field(
              ctx, {.name = "description", .label = ctx.t("web.campaign.description"), .value = v.description}, errors)
       << text_field(ctx,
                     {.name = "region",
                      .label = ctx.t("web.campaign.region"),
                      .value = v.region,
                      .hint = ctx.t("web.campaign.region_hint"),
                      .required = true},
                     errors)
       << textarea_field(ctx,
                         {.name = "sectors",
                          .label = ctx.t("web.campaign.sectors"),
                          .value = v.sectors,
                          .hint = ctx.t("web.campaign.sectors_hint"),
                          .required = true},
                         errors)
       << textarea_field(ctx,
                         {.name = "consent",
                          .label = ctx.t("web.campaign.consent"),
                          .value = v.consent,
                          .hint = ctx.t("web.campaign.consent_hint"),
                          .required = true},
                         errors)
       << text_field(ctx,
                     {.name = "interval",
                      .label = ctx.t("web.campaign.interval"),
                      .value = v.interval,
                      .hint = ctx.t("web.campaign.interval_hint"),
                      .type = "number",
                      .required = true},
                     errors)
       << text_field(ctx,
                     {.name = "retention",
                      .label = ctx.t("web.campaign.retention"),
                      .value = v.retention,
                      .hint = ctx.t("web.campaign.retention_hint"),
                      .type = "number",
                      .required = true},
                     errors)
       << checkbox_field(
              {.name = "round_robin", .label = ctx.t("web.campaign.round_robin"), .value = v.round_robin ? "yes" : ""},
              errors)
       << submit_button(ctx.t("web.campaign.create"), "create-campaign") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.campaign.new_title"), .main = main, .status = status});
}

Response new_campaign(Context& ctx) {
  return campaign_form_page(ctx, {}, {}, http::status::ok);
}

Response create_campaign(Context& ctx) {
  CampaignForm v = read_form(ctx.form);
  FieldErrors errors;
  platform::CampaignInput in;
  in.name = v.name;
  in.description = v.description;
  in.region = v.region;
  in.sectors = lines_of(v.sectors);
  in.consent_text = v.consent;
  in.rescan_interval_days = number_or(v.interval, 30);
  in.retention_days = number_or(v.retention, 365);
  in.round_robin = v.round_robin;
  auto id = ctx.app.platform().campaigns().create(actor_of(ctx), in);
  if (!id) {
    add_error(errors, ctx, on_form_field(id.error()), "name");
    return campaign_form_page(ctx, v, errors, http::status::unprocessable_entity);
  }
  ctx.notice(ctx.t("web.campaign.created"));
  return redirect("/campaigns/" + std::to_string(*id));
}

Response list_campaigns(Context& ctx) {
  auto list = ctx.app.platform().campaigns().list(actor_of(ctx));
  if (!list) return failure_page(ctx, list.error());
  Html main;
  main
      << "<p class=\"utrecht-paragraph\"><a class=\"utrecht-button-link utrecht-button-link--primary-action\" href=\"/campaigns/new\" id=\"new-campaign\">"_h
      << ctx.t("web.campaign.new_title") << "</a></p>"_h;
  if (list->empty()) main << paragraph(ctx.t("web.campaign.none"));
  main << "<ul class=\"utrecht-unordered-list\">"_h;
  for (const auto& c : *list) {
    main << "<li>"_h << link("/campaigns/" + std::to_string(c.id), c.name) << " ("_h << c.region << ")"_h
         << "</li>"_h;
  }
  main << "</ul>"_h;
  return page(ctx, {.title = ctx.t("web.menu.campaigns"), .main = main});
}

// A business's row on the campaign page has a helper select of its own, so the row is the
// field a problem with the assignment belongs to: its select's id is field_id() of this, which
// is where the error summary links to.
std::string assign_field(platform::Id business) {
  return "assign-" + std::to_string(business);
}

// What went wrong with an assignment, the same in the row's status with htmx and without.
Html assign_problem(const std::string& text) {
  Html h;
  h << "<span class=\"wb-assign-status--error\">"_h << text << "</span>"_h;
  return h;
}

std::string signup_url(Context& ctx, const platform::Campaign& c) {
  std::string base = ctx.app.options().public_url;
  return base + "/c/" + c.slug;
}

Response show_campaign(Context& ctx, const std::string& helper_email, const FieldErrors& errors, http::status status) {
  auto& p = ctx.app.platform();
  const platform::Actor me = actor_of(ctx);
  const platform::Id id = id_param(ctx);
  auto c = p.campaigns().get(me, id);
  if (!c) return failure_page(ctx, c.error());
  auto helpers = p.campaigns().helpers(me, id);
  auto businesses = p.businesses().of_campaign(me, id);
  if (!helpers) return failure_page(ctx, helpers.error());
  if (!businesses) return failure_page(ctx, businesses.error());
  std::vector<platform::Id> ids;
  for (const auto& b : *businesses) ids.push_back(b.id);
  auto standings = p.businesses().standings(me, ids);
  if (!standings) return failure_page(ctx, standings.error());
  const std::string base = "/campaigns/" + std::to_string(id);

  Html main;
  main << error_summary(ctx, errors) << paragraph(c->description) << "<dl class=\"wb-facts\"><dt>"_h
       << ctx.t("web.campaign.signup_link") << "</dt><dd><a class=\"utrecht-link\" id=\"signup-link\""_h
       << attr("href"_h, "/c/" + c->slug) << ">"_h << signup_url(ctx, *c) << "</a></dd><dt>"_h
       << ctx.t("web.campaign.region") << "</dt><dd>"_h << c->region << "</dd><dt>"_h
       << ctx.t("web.campaign.consent_version") << "</dt><dd>"_h << std::to_string(c->consent.version) << "</dd><dt>"_h
       << ctx.t("web.campaign.interval") << "</dt><dd>"_h << std::to_string(c->rescan_interval_days) << "</dd></dl>"_h
       << "<div class=\"wb-actions\">"_h << link(base + "/dashboard", ctx.t("web.dashboard.title"))
       << link(base + "/edit", ctx.t("web.campaign.edit")) << "</div>"_h;

  // Businesses and who helps them.
  std::vector<std::pair<std::string, std::string>> helper_options{{"0", ctx.t("web.campaign.no_helper")}};
  for (const auto& h : *helpers) helper_options.emplace_back(std::to_string(h.id), h.name.empty() ? h.email : h.name);
  main << "<h2 class=\"utrecht-heading-2\" id=\"businesses\">"_h << ctx.t("web.campaign.businesses") << "</h2>"_h;
  if (businesses->empty()) {
    main << paragraph(ctx.t("web.campaign.no_businesses"));
  } else {
    main
        << "<div class=\"wb-table-wrap\"><table class=\"utrecht-table utrecht-table--html-table\" aria-labelledby=\"businesses\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"_h;
    for (const char* key : {"web.business.name", "web.business.domain", "web.business.sector", "web.business.progress",
                            "web.business.helper"}) {
      main << "<th scope=\"col\" class=\"utrecht-table__header-cell\">"_h << ctx.t(key) << "</th>"_h;
    }
    main << "</tr></thead><tbody class=\"utrecht-table__body\">"_h;
    for (const auto& b : *businesses) {
      const std::string select_id = field_id(assign_field(b.id));
      const std::string status_id = "assign-status-" + std::to_string(b.id);
      const std::string* problem = errors.find(assign_field(b.id));
      main << "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"_h << b.name
           << "</th><td class=\"utrecht-table__cell\">"_h << b.domain << "</td><td class=\"utrecht-table__cell\">"_h
           << b.sector << "</td><td class=\"utrecht-table__cell\">"_h
           << (standings->contains(b.id) ? standing_html(ctx, standings->at(b.id)) : Html{})
           << "</td><td class=\"utrecht-table__cell\"><form method=\"post\" class=\"wb-inline-form\""_h
           << attr("action"_h, base + "/assign") << attr("hx-post"_h, base + "/assign")
           << attr("hx-target"_h, "#" + status_id) << " hx-swap=\"innerHTML\">"_h << csrf_input(ctx)
           << "<input type=\"hidden\" name=\"business\""_h
           << attr("value"_h, std::to_string(b.id))
           // The column's header says "Helper" for the eye; each select keeps its own name for a
           // screen reader, which reads the label alone when it lands on the select.
           << "><label class=\"utrecht-form-label wb-visually-hidden\""_h << attr("for"_h, select_id) << ">"_h
           << ctx.t("web.campaign.helper_for", {{"business", b.name}})
           << "</label> <select class=\"utrecht-select utrecht-select--html-select wb-assign-select"_h;
      if (problem != nullptr) main << " utrecht-select--invalid"_h;
      main << R"(" name="helper")"_h << attr("id"_h, select_id);
      if (problem != nullptr) main << R"( aria-invalid="true")"_h << attr("aria-describedby"_h, status_id);
      main << ">"_h;
      for (const auto& [value, label] : helper_options) {
        main << "<option"_h << attr("value"_h, value);
        if (value == std::to_string(b.helper)) main << " selected"_h;
        main << ">"_h << label << "</option>"_h;
      }
      // htmx puts the answer here; the form stays, so focus stays on its button, and the
      // status role makes a screen reader read the answer out.
      main << "</select> <button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">"_h
           << ctx.t("web.campaign.assign") << "</button></form> <span class=\"wb-assign-status\" role=\"status\""_h
           << attr("id"_h, status_id) << ">"_h << (problem != nullptr ? assign_problem(*problem) : Html{})
           << "</span></td></tr>"_h;
    }
    main << "</tbody></table></div>"_h;
  }

  main << "<h2 class=\"utrecht-heading-2\" id=\"helpers\">"_h << ctx.t("web.campaign.helpers") << "</h2>"_h;
  if (helpers->empty()) main << paragraph(ctx.t("web.campaign.no_helpers"));
  main << "<ul class=\"utrecht-unordered-list\" aria-labelledby=\"helpers\">"_h;
  for (const auto& h : *helpers) main << "<li>"_h << (h.name.empty() ? h.email : h.name) << "</li>"_h;
  main << "</ul><h3 class=\"utrecht-heading-3\">"_h << ctx.t("web.campaign.invite_helper") << "</h3>"_h
       << "<form method=\"post\" class=\"wb-form\" novalidate"_h << attr("action"_h, base + "/helpers") << ">"_h
       << csrf_input(ctx)
       << text_field(ctx,
                     {.name = "email",
                      .label = ctx.t("web.campaign.helper_email"),
                      .value = helper_email,
                      .type = "email",
                      .autocomplete = "off",
                      .required = true},
                     errors)
       << submit_button(ctx.t("web.admin.send_invitation"), "invite-helper") << "</form>"_h;
  return page(ctx, {.title = c->name, .main = main, .status = status});
}

Response show_campaign_page(Context& ctx) {
  return show_campaign(ctx, "", {}, http::status::ok);
}

Response invite_helper(Context& ctx) {
  const std::string email = ctx.form.get("email");
  const platform::Actor me = actor_of(ctx);
  platform::InviteInput in{
      .email = email, .role = Role::helper, .organisation = me.organisation, .campaign = id_param(ctx)};
  auto token = ctx.app.platform().accounts().invite(me, in);
  if (!token) {
    FieldErrors errors;
    add_error(errors, ctx, token.error(), "email");
    return show_campaign(ctx, email, errors, http::status::unprocessable_entity);
  }
  ctx.notice(ctx.t("web.admin.invitation_sent", {{"email", email}}));
  return redirect("/campaigns/" + std::to_string(id_param(ctx)));
}

Response assign_helper(Context& ctx) {
  auto& p = ctx.app.platform();
  // Access before input: another organisation's campaign is 404 whatever the form holds, so a
  // malformed form cannot tell a guesser that the campaign exists (400 would).
  if (auto c = p.campaigns().get(actor_of(ctx), id_param(ctx)); !c) return failure_page(ctx, c.error());
  platform::Id business = 0;
  platform::Id helper = 0;
  try {
    business = std::stoll(ctx.form.get("business"));
    helper = std::stoll(ctx.form.get("helper"));
  } catch (const std::exception&) {
    return error_page(ctx, http::status::bad_request);
  }
  // The business must belong to this campaign: the path says which campaign is meant.
  auto b = p.businesses().get(actor_of(ctx), business);
  if (!b || b->campaign != id_param(ctx)) return error_page(ctx, http::status::not_found);
  auto done = p.businesses().assign_helper(actor_of(ctx), business, helper);
  if (htmx_request(ctx)) {
    // Only the row's status: the coordinator may go on down the list where they are.
    if (!done) return fragment(assign_problem(message(ctx, done.error())), http::status::unprocessable_entity);
    Html h;
    return fragment(h << ctx.t("web.campaign.assigned", {{"business", b->name}}));
  }
  if (!done) {
    // The service names the field "helper", but every row has a select of that name: the
    // message goes to this business's row, where the summary's link must land.
    FieldErrors errors;
    errors.add(assign_field(business), message(ctx, done.error()));
    return show_campaign(ctx, "", errors, http::status::unprocessable_entity);
  }
  ctx.notice(ctx.t("web.campaign.assigned", {{"business", b->name}}));
  return redirect("/campaigns/" + std::to_string(id_param(ctx)));
}

Response edit_page(Context& ctx, const std::string& consent, const std::string& interval, const FieldErrors& errors,
                   http::status status) {
  auto c = ctx.app.platform().campaigns().get(actor_of(ctx), id_param(ctx));
  if (!c) return failure_page(ctx, c.error());
  Html main;
  main << error_summary(ctx, errors) << "<form method=\"post\" class=\"wb-form\" novalidate"_h
       << attr("action"_h, "/campaigns/" + std::to_string(c->id) + "/edit") << ">"_h << csrf_input(ctx)
       << textarea_field(
              ctx,
              {.name = "consent",
               .label = ctx.t("web.campaign.consent"),
               .value = consent.empty() ? c->consent.body : consent,
               .hint = ctx.t("web.campaign.consent_new_version", {{"version", std::to_string(c->consent.version)}}),
               .required = true},
              errors)
       << text_field(ctx,
                     {.name = "interval",
                      .label = ctx.t("web.campaign.interval"),
                      .value = interval.empty() ? std::to_string(c->rescan_interval_days) : interval,
                      .hint = ctx.t("web.campaign.interval_hint"),
                      .type = "number",
                      .required = true},
                     errors)
       << submit_button(ctx.t("web.form.save"), "save-campaign") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.campaign.edit") + ": " + c->name, .main = main, .status = status});
}

Response show_edit(Context& ctx) {
  return edit_page(ctx, "", "", {}, http::status::ok);
}

Response save_edit(Context& ctx) {
  auto& campaigns = ctx.app.platform().campaigns();
  const platform::Actor me = actor_of(ctx);
  const platform::Id id = id_param(ctx);
  auto c = campaigns.get(me, id);
  if (!c) return failure_page(ctx, c.error());
  const std::string consent = ctx.form.get("consent");
  const std::string interval = ctx.form.get("interval");
  FieldErrors errors;
  if (consent != c->consent.body) {
    auto v = campaigns.set_consent_text(me, id, consent);
    if (!v) add_error(errors, ctx, on_form_field(v.error()), "consent");
  }
  if (errors.empty()) {
    auto s = campaigns.set_rescan_interval(me, id, number_or(interval, c->rescan_interval_days));
    if (!s) add_error(errors, ctx, on_form_field(s.error()), "interval");
  }
  if (!errors.empty()) return edit_page(ctx, consent, interval, errors, http::status::unprocessable_entity);
  ctx.notice(ctx.t("web.form.saved"));
  return redirect("/campaigns/" + std::to_string(id));
}

}  // namespace

void add_campaign_pages(App& app) {
  Router& r = app.router();
  const Access coordinator = Access::only({Role::coordinator});
  r.add(http::verb::get, "/campaigns", coordinator, list_campaigns);
  r.add(http::verb::get, "/campaigns/new", coordinator, new_campaign);
  r.add(http::verb::post, "/campaigns/new", coordinator, create_campaign);
  r.add(http::verb::get, "/campaigns/{id}", coordinator, show_campaign_page);
  r.add(http::verb::get, "/campaigns/{id}/edit", coordinator, show_edit);
  r.add(http::verb::post, "/campaigns/{id}/edit", coordinator, save_edit);
  r.add(http::verb::post, "/campaigns/{id}/helpers", coordinator, invite_helper);
  r.add(http::verb::post, "/campaigns/{id}/assign", coordinator, assign_helper);
}

}  // namespace weerbaar::web
