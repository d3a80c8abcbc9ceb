// The entrepreneur's way in: the campaign's public sign-up form with the exact consent text,
// the confirmation link (choose a password), and proof of control of the domain.
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"

namespace weerbaar::web {
namespace {

Response signup_form(Context& ctx, const platform::Campaign& c, const Form& values, const FieldErrors& errors,
                     http::status status) {
  std::vector<std::pair<std::string, std::string>> sectors{{"", ctx.t("web.form.choose")}};
  for (const auto& s : c.sectors) sectors.emplace_back(s, s);
  Html main;
  main << paragraph(c.description) << paragraph(ctx.t("web.signup.intro")) << error_summary(ctx, errors)
       << "<form method=\"post\" class=\"wb-form\" novalidate"_h << attr("action"_h, "/c/" + c.slug) << ">"_h
       << csrf_input(ctx) << "<input type=\"hidden\" name=\"consent_version\""_h
       << attr("value"_h, std::to_string(c.consent.version)) << ">"_h
       << text_field(ctx,
                     {.name = "business_name",
                      .label = ctx.t("web.signup.business_name"),
                      .value = values.get("business_name"),
                      .autocomplete = "organization",
                      .required = true},
                     errors)
       << text_field(ctx,
                     {.name = "contact_name",
                      .label = ctx.t("web.signup.contact_name"),
                      .value = values.get("contact_name"),
                      .autocomplete = "name",
                      .required = true},
                     errors)
       << text_field(ctx,
                     {.name = "email",
                      .label = ctx.t("web.signup.email"),
                      .value = values.get("email"),
                      .type = "email",
                      .autocomplete = "email",
                      .required = true},
                     errors)
       << text_field(ctx,
                     {.name = "domain",
                      .label = ctx.t("web.signup.domain"),
                      .value = values.get("domain"),
                      .hint = ctx.t("web.signup.domain_hint"),
                      .autocomplete = "url",
                      .required = true},
                     errors)
       << select_field(
              ctx,
              {.name = "sector", .label = ctx.t("web.signup.sector"), .value = values.get("sector"), .required = true},
              sectors, errors)
       << text_field(ctx,
                     {.name = "postcode",
                      .label = ctx.t("web.signup.postcode"),
                      .value = values.get("postcode"),
                      .hint = ctx.t("web.signup.postcode_hint"),
                      .autocomplete = "postal-code",
                      .required = true},
                     errors)
       << "<h2 class=\"utrecht-heading-2\" id=\"consent-title\">"_h << ctx.t("web.signup.consent_title")
       << "</h2><blockquote class=\"utrecht-blockquote wb-consent\" id=\"consent-text\">"_h;
  for (const auto& line : [&] {
         std::vector<std::string> paragraphs;
         std::string cur;
         for (char ch : c.consent.body) {
           if (ch == '\n') {
             if (!cur.empty()) paragraphs.push_back(cur);
             cur.clear();
           } else {
             cur += ch;
           }
         }
         if (!cur.empty()) paragraphs.push_back(cur);
         return paragraphs;
       }()) {
    main << paragraph(line);
  }
  main << "</blockquote>"_h
       << checkbox_field({.name = "consent",
                          .label = ctx.t("web.signup.consent_box"),
                          .value = values.has("consent") ? "yes" : "",
                          .required = true},
                         errors)
       << submit_button(ctx.t("web.signup.submit"), "signup-submit") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.signup.title", {{"campaign", c.name}}), .main = main, .status = status});
}

Response show_signup(Context& ctx) {
  auto c = ctx.app.platform().campaigns().by_slug(ctx.params.at("slug"));
  if (!c) return failure_page(ctx, c.error());
  return signup_form(ctx, *c, Form{}, {}, http::status::ok);
}

Response do_signup(Context& ctx) {
  auto& p = ctx.app.platform();
  const std::string& slug = ctx.params.at("slug");
  auto c = p.campaigns().by_slug(slug);
  if (!c) return failure_page(ctx, c.error());
  platform::SignupInput in;
  in.business_name = ctx.form.get("business_name");
  in.contact_name = ctx.form.get("contact_name");
  in.email = ctx.form.get("email");
  in.domain = ctx.form.get("domain");
  in.sector = ctx.form.get("sector");
  in.postcode = ctx.form.get("postcode");
  in.lang = ctx.lang == content::Lang::nl ? "nl" : "en";
  in.consent_given = ctx.form.has("consent");
  try {
    in.consent_version = std::stoi(ctx.form.get("consent_version"));
  } catch (const std::exception&) {
    in.consent_version = 0;
  }
  auto receipt = p.signups().sign_up(slug, in);
  if (!receipt) {
    FieldErrors errors;
    const auto& e = receipt.error();
    std::string field = e.field;
    if (field.empty() && e.key.starts_with("signup.consent")) field = "consent";
    if (field.empty() && e.key.starts_with("signup.domain")) field = "domain";
    if (field.empty() && e.key == "signup.duplicate") field = "domain";
    errors.add(field.empty() ? "business_name" : field, message(ctx, e));
    // A consent text that changed while the form was open: the new text is shown and must be
    // agreed to again.
    Form kept = ctx.form;
    if (e.key == "signup.consent_outdated") kept.erase("consent");
    return signup_form(ctx, *c, kept, errors, http::status::unprocessable_entity);
  }
  Html main;
  main << "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\"><div class=\"utrecht-alert__content\">"_h
       << paragraph(ctx.t("web.signup.check_mail", {{"email", in.email}})) << "</div></div>"_h
       << paragraph(ctx.t("web.signup.next_steps"));
  return page(ctx, {.title = ctx.t("web.signup.thanks"), .main = main});
}

Response confirm_form(Context& ctx, const FieldErrors& errors, http::status status) {
  Html main;
  main << paragraph(ctx.t("web.confirm.intro")) << error_summary(ctx, errors)
       << "<form method=\"post\" class=\"wb-form\" novalidate"_h
       << attr("action"_h, "/confirm/" + ctx.params.at("token")) << ">"_h << csrf_input(ctx)
       << text_field(ctx,
                     {.name = "password",
                      .label = ctx.t("web.confirm.password"),
                      .hint = ctx.t("web.password.hint"),
                      .type = "password",
                      .autocomplete = "new-password",
                      .required = true},
                     errors)
       << submit_button(ctx.t("web.confirm.submit"), "confirm-submit") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.confirm.title"), .main = main, .status = status});
}

Response show_confirm(Context& ctx) {
  return confirm_form(ctx, {}, http::status::ok);
}

Response do_confirm(Context& ctx) {
  auto actor = ctx.app.platform().signups().confirm_email(ctx.params.at("token"), ctx.form.get("password"));
  if (!actor) {
    FieldErrors errors;
    add_error(errors, ctx, actor.error(), "password");
    return confirm_form(ctx, errors, http::status::unprocessable_entity);
  }
  sign_in(ctx, *actor);
  ctx.notice(ctx.t("web.confirm.done"));
  return redirect("/my");
}

Response proof_page(Context& ctx, const std::string& problem, http::status status) {
  const platform::Id id = id_param(ctx);
  auto& p = ctx.app.platform();
  auto b = p.businesses().get(actor_of(ctx), id);
  if (!b) return failure_page(ctx, b.error());
  if (b->progress.domain_proven) return redirect("/businesses/" + std::to_string(id));
  auto proof = p.signups().proof_instructions(actor_of(ctx), id);
  if (!proof) return failure_page(ctx, proof.error());
  Html main;
  if (!problem.empty()) {
    main
        << "<div class=\"utrecht-alert utrecht-alert--warning\" role=\"alert\" id=\"proof-problem\"><div class=\"utrecht-alert__content\">"_h
        << paragraph(problem) << "</div></div>"_h;
  }
  main << paragraph(ctx.t("web.proof.intro", {{"domain", proof->domain}})) << "<h2 class=\"utrecht-heading-2\">"_h
       << ctx.t("web.proof.dns_title") << "</h2>"_h << paragraph(ctx.t("web.proof.dns_text"))
       << "<dl class=\"wb-facts\"><dt>"_h << ctx.t("web.proof.dns_name")
       << "</dt><dd class=\"wb-proof\" id=\"proof-dns-name\">"_h << proof->dns_name << "</dd><dt>"_h
       << ctx.t("web.proof.dns_value") << "</dt><dd class=\"wb-proof\" id=\"proof-dns-value\">"_h << proof->dns_value
       << "</dd></dl><h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.proof.file_title") << "</h2>"_h
       << paragraph(ctx.t("web.proof.file_text", {{"url", proof->file_url}}))
       << "<p class=\"utrecht-paragraph wb-proof\" id=\"proof-file-body\">"_h << proof->file_body << "</p>"_h
       << "<form method=\"post\""_h << attr("action"_h, "/businesses/" + std::to_string(id) + "/proof") << ">"_h
       << csrf_input(ctx) << submit_button(ctx.t("web.proof.check"), "proof-check") << "</form>"_h;
  return page(ctx, {.title = ctx.t("web.proof.title", {{"domain", proof->domain}}), .main = main, .status = status});
}

Response show_proof(Context& ctx) {
  return proof_page(ctx, "", http::status::ok);
}

Response check_proof(Context& ctx) {
  const platform::Id id = id_param(ctx);
  auto check = ctx.app.platform().signups().check_proof(actor_of(ctx), id);
  if (!check) return failure_page(ctx, check.error());
  if (!check->found) {
    return proof_page(ctx, message(ctx, check->problem_key.empty() ? "proof.not_found" : check->problem_key),
                      http::status::unprocessable_entity);
  }
  ctx.notice(ctx.t("web.proof.found"));
  return redirect("/businesses/" + std::to_string(id));
}

}  // namespace

void add_signup_pages(App& app) {
  Router& r = app.router();
  const Access owner = Access::only({platform::Role::entrepreneur, platform::Role::helper});
  r.add(http::verb::get, "/c/{slug}", Access::public_(), show_signup);
  r.add(http::verb::post, "/c/{slug}", Access::public_(), do_signup);
  r.add(http::verb::get, "/confirm/{token}", Access::public_(), show_confirm);
  r.add(http::verb::post, "/confirm/{token}", Access::public_(), do_confirm);
  r.add(http::verb::get, "/businesses/{id}/proof", owner, show_proof);
  r.add(http::verb::post, "/businesses/{id}/proof", owner, check_proof);
}

}  // namespace weerbaar::web
