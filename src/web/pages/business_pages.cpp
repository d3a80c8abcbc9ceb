// One business as its entrepreneur and assigned helper see it: where it stands, the report
// with every finding and its advice, the change since the first scan, rescan, the helper's
// notes, and the entrepreneur's rights (download data, withdraw consent).
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"
#include "web/report_view.hpp"
#include "web/scan_json.hpp"

namespace weerbaar::web {
namespace {

using platform::Role;

std::string base_of(platform::Id id) {
  return "/businesses/" + std::to_string(id);
}

Response list_mine(Context& ctx, const char* title_key, const char* caption_key) {
  auto& businesses = ctx.app.platform().businesses();
  auto list = businesses.mine(actor_of(ctx));
  if (!list) return failure_page(ctx, list.error());
  std::vector<platform::Id> ids;
  for (const auto& b : *list) ids.push_back(b.id);
  auto standings = businesses.standings(actor_of(ctx), ids);
  if (!standings) return failure_page(ctx, standings.error());
  Html main;
  if (list->empty()) main << paragraph(ctx.t("web.business.none"));
  if (!list->empty()) {
    // The caption says what the table holds, not the page's title again (a screen reader
    // would read the same words twice in a row).
    main
        << "<div class=\"wb-table-wrap\"><table class=\"utrecht-table utrecht-table--html-table\"><caption class=\"utrecht-table__caption\">"_h
        << ctx.t(caption_key) << "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"_h;
    for (const char* key : {"web.business.name", "web.business.domain", "web.business.progress"}) {
      main << "<th scope=\"col\" class=\"utrecht-table__header-cell\">"_h << ctx.t(key) << "</th>"_h;
    }
    main << "</tr></thead><tbody class=\"utrecht-table__body\">"_h;
    for (const auto& b : *list) {
      auto st = standings->find(b.id);
      main << "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"_h
           << link(base_of(b.id), b.name) << "</th><td class=\"utrecht-table__cell\">"_h << b.domain
           << "</td><td class=\"utrecht-table__cell\""_h << attr("id"_h, "standing-" + std::to_string(b.id)) << ">"_h
           << (st == standings->end() ? Html{} : standing_html(ctx, st->second)) << "</td></tr>"_h;
    }
    main << "</tbody></table></div>"_h;
  }
  return page(ctx, {.title = ctx.t(title_key), .main = main});
}

Response my_businesses(Context& ctx) {
  return list_mine(ctx, "web.menu.my", "web.business.my_caption");
}
Response caseload(Context& ctx) {
  return list_mine(ctx, "web.menu.caseload", "web.business.caseload_caption");
}

ScanChange change_of(const platform::Comparison& c) {
  ScanChange out;
  for (const auto& f : c.fixed) out.fixed.insert({f.id, f.subject});
  for (const auto& f : c.added) out.added.insert({f.id, f.subject});
  for (const auto& f : c.still_open) out.still_open.insert({f.id, f.subject});
  return out;
}

// The conversations and, for the helper, the form to record one. htmx replaces the whole
// section with the answer to that form (the new note in the list, or the form with its
// message); saved is the answer after a note was added that way.
Html notes_section(Context& ctx, const platform::Business& b, const Form& values, const FieldErrors& errors,
                   bool saved = false) {
  Html h;
  auto notes = ctx.app.platform().businesses().notes(actor_of(ctx), b.id);
  h << "<div class=\"wb-notes\" id=\"notes-section\"><h2 class=\"utrecht-heading-2\" id=\"notes\">"_h
    << ctx.t("web.notes.title") << "</h2>"_h;
  if (notes && notes->empty()) h << paragraph(ctx.t("web.notes.none"));
  if (notes) {
    for (const auto& n : *notes) {
      h << "<article class=\"wb-note\"><h3 class=\"utrecht-heading-3\">"_h << human_time(ctx, n.created_at) << " – "_h
        << n.author_name << "</h3><p class=\"utrecht-paragraph\"><strong>"_h << ctx.t("web.notes.discussed")
        << "</strong> "_h << n.discussed << "</p>"_h;
      if (!n.agreed.empty()) {
        h << "<p class=\"utrecht-paragraph\"><strong>"_h << ctx.t("web.notes.agreed") << "</strong> "_h << n.agreed
          << "</p>"_h;
      }
      if (!n.follow_up.empty()) {
        h << "<p class=\"utrecht-paragraph\"><strong>"_h << ctx.t("web.notes.follow_up") << "</strong> "_h
          << n.follow_up << "</p>"_h;
      }
      h << "</article>"_h;
    }
  }
  if (saved) {
    // Focus moves here (weerbaar.js, data-focus): the button that had it is gone with the old
    // form, and a screen reader reads the message out.
    h << "<div class=\"utrecht-alert utrecht-alert--ok\" role=\"status\" id=\"note-saved\" tabindex=\"-1\" data-focus>"_h
      << "<div class=\"utrecht-alert__content\"><p class=\"utrecht-alert__message utrecht-paragraph\">"_h
      << ctx.t("web.notes.saved") << "</p></div></div>"_h;
  }
  if (ctx.session->role == Role::helper) {
    const std::string action = base_of(b.id) + "/notes";
    h << "<h3 class=\"utrecht-heading-3\">"_h << ctx.t("web.notes.add") << "</h3>"_h << error_summary(ctx, errors)
      << "<form method=\"post\" class=\"wb-form\" novalidate"_h << attr("action"_h, action) << attr("hx-post"_h, action)
      << " hx-target=\"#notes-section\" hx-swap=\"outerHTML\">"_h << csrf_input(ctx)
      << textarea_field(ctx,
                        {.name = "discussed",
                         .label = ctx.t("web.notes.discussed"),
                         .value = values.get("discussed"),
                         .required = true},
                        errors)
      << textarea_field(ctx, {.name = "agreed", .label = ctx.t("web.notes.agreed"), .value = values.get("agreed")},
                        errors)
      << text_field(ctx,
                    {.name = "follow_up",
                     .label = ctx.t("web.notes.follow_up"),
                     .value = values.get("follow_up"),
                     .type = "date"},
                    errors)
      << submit_button(ctx.t("web.notes.save"), "note-save") << "</form>"_h;
  }
  return h << "</div>"_h;
}

Response business_page(Context& ctx, const Form& note_values, const FieldErrors& note_errors, http::status status) {
  const platform::Id id = id_param(ctx);
  auto& p = ctx.app.platform();
  const platform::Actor me = actor_of(ctx);
  auto b = p.businesses().get(me, id);
  if (!b) return failure_page(ctx, b.error());
  Html main;
  main << "<p class=\"utrecht-paragraph\">"_h << ctx.t("web.business.domain") << ": <strong>"_h << b->domain
       << "</strong></p>"_h;
  if (!b->progress.email_confirmed || !b->progress.domain_proven) {
    main << paragraph(!b->progress.email_confirmed ? ctx.t("web.progress.confirm") : ctx.t("web.progress.proof"));
    if (b->progress.email_confirmed) {
      main << "<p class=\"utrecht-paragraph\">"_h << link(base_of(id) + "/proof", ctx.t("web.proof.go")) << "</p>"_h;
    }
  }
  auto rep = p.reports().report(me, id);
  if (!rep) return failure_page(ctx, rep.error());
  main << "<div class=\"wb-actions\">"_h;
  if (rep->latest_json) {
    main << "<button type=\"button\" class=\"utrecht-button utrecht-button--secondary-action\" data-print>"_h
         << ctx.t("web.report.print") << "</button>"_h << link(base_of(id) + "/report.pdf", ctx.t("web.report.pdf"));
  }
  main << link(base_of(id) + "/basisscan", ctx.t("web.basisscan.title")) << "</div>"_h;
  if (rep->scan_pending) main << paragraph(ctx.t("web.report.pending"));
  if (b->progress.may_scan() && !rep->scan_pending && !rep->scans.empty()) {
    main << "<form method=\"post\""_h << attr("action"_h, base_of(id) + "/rescan") << ">"_h << csrf_input(ctx)
         << submit_button(ctx.t("web.report.rescan"), "rescan") << "</form>"_h;
  }
  if (rep->since_first) {
    main << "<div class=\"wb-change\"><h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.report.change") << "</h2>"_h
         << change_html(change_of(*rep->since_first), ctx.app.library(), ctx.lang) << "</div>"_h;
  }
  if (rep->latest_json) {
    if (auto scanned = scanned_domain(*rep->latest_json)) {
      main << "<p class=\"utrecht-paragraph\">"_h
           << ctx.t("web.report.scanned_at", {{"date", human_time(ctx, rep->scans.back().scanned_at)}}) << "</p>"_h
           << report_html(*scanned, ctx.app.library(), ctx.lang);
    }
  } else if (b->progress.may_scan()) {
    main << paragraph(ctx.t("web.report.none_yet"));
  }
  main << notes_section(ctx, *b, note_values, note_errors);
  if (ctx.session->role == Role::entrepreneur) {
    main << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.rights.title") << "</h2>"_h
         << paragraph(ctx.t("web.rights.text")) << "<div class=\"wb-actions\">"_h
         << link(base_of(id) + "/export.json", ctx.t("web.rights.download")) << "</div>"_h
         << "<form method=\"post\""_h << attr("action"_h, base_of(id) + "/withdraw")
         << attr("data-confirm"_h, ctx.t("web.rights.withdraw_confirm")) << ">"_h << csrf_input(ctx)
         << "<button type=\"submit\" class=\"utrecht-button utrecht-button--warning\" id=\"withdraw\">"_h
         << ctx.t("web.rights.withdraw") << "</button></form>"_h;
  }
  return page(ctx, {.title = b->name, .main = main, .status = status});
}

Response show_business(Context& ctx) {
  return business_page(ctx, Form{}, {}, http::status::ok);
}

// Without JavaScript: the whole page again (with the form's messages) or a redirect to it.
// With htmx: only the notes section, so the report above stays where the helper was reading.
Response add_note(Context& ctx) {
  platform::NoteInput in{ctx.form.get("discussed"), ctx.form.get("agreed"), ctx.form.get("follow_up")};
  auto& businesses = ctx.app.platform().businesses();
  auto id = businesses.add_note(actor_of(ctx), id_param(ctx), in);
  if (!id && id.error().key == "error.not_found") return failure_page(ctx, id.error());
  FieldErrors errors;
  if (!id) add_error(errors, ctx, id.error(), "discussed");
  if (htmx_request(ctx)) {
    auto b = businesses.get(actor_of(ctx), id_param(ctx));
    if (!b) return failure_page(ctx, b.error());
    if (!id) return fragment(notes_section(ctx, *b, ctx.form, errors), http::status::unprocessable_entity);
    return fragment(notes_section(ctx, *b, Form{}, {}, true));
  }
  if (!id) return business_page(ctx, ctx.form, errors, http::status::unprocessable_entity);
  ctx.notice(ctx.t("web.notes.saved"));
  return redirect(base_of(id_param(ctx)) + "#notes");
}

Response rescan(Context& ctx) {
  auto job = ctx.app.platform().reports().request_rescan(actor_of(ctx), id_param(ctx));
  if (!job && job.error().key == "error.not_found") return failure_page(ctx, job.error());
  ctx.notice(job ? ctx.t("web.report.rescan_queued") : message(ctx, job.error()));
  return redirect(base_of(id_param(ctx)));
}

Response export_data(Context& ctx) {
  auto json = ctx.app.platform().businesses().export_data(actor_of(ctx), id_param(ctx));
  if (!json) return failure_page(ctx, json.error());
  Response res = text_response(http::status::ok, *json, "application/json");
  res.set(http::field::content_disposition,
          "attachment; filename=\"weerbaar-gegevens-" + std::to_string(id_param(ctx)) + ".json\"");
  return res;
}

Response withdraw(Context& ctx) {
  auto done = ctx.app.platform().businesses().withdraw(actor_of(ctx), id_param(ctx));
  if (!done) return failure_page(ctx, done.error());
  // The account may be gone with the data: the session ends too.
  if (ctx.session) ctx.app.sessions().destroy(ctx.session->id);
  ctx.use_session(ctx.app.sessions().create());
  ctx.notice(ctx.t("web.rights.withdrawn"));
  return redirect("/");
}

}  // namespace

void add_business_pages(App& app) {
  Router& r = app.router();
  const Access owner = Access::only({Role::entrepreneur, Role::helper});
  const Access entrepreneur = Access::only({Role::entrepreneur});
  r.add(http::verb::get, "/my", entrepreneur, my_businesses);
  r.add(http::verb::get, "/caseload", Access::only({Role::helper}), caseload);
  r.add(http::verb::get, "/businesses/{id}", owner, show_business);
  r.add(http::verb::post, "/businesses/{id}/notes", Access::only({Role::helper}), add_note);
  r.add(http::verb::post, "/businesses/{id}/rescan", owner, rescan);
  r.add(http::verb::get, "/businesses/{id}/export.json", entrepreneur, export_data);
  r.add(http::verb::post, "/businesses/{id}/withdraw", entrepreneur, withdraw);
}

}  // namespace weerbaar::web
