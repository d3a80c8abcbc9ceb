// The Basisscan in the browser: the questions of content/assess one at a time, adaptive and
// resumable (the answers are saved after each question), then the one action plan merged with
// the findings of the latest scan. The flow and the plan are src/assess's, as in the terminal;
// the report as a PDF is report::report_data's, as `weerbaar check --pdf`.
#include "assess/flow.hpp"
#include "assess/plan.hpp"
#include "report/report_data.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"
#include "web/scan_json.hpp"

namespace weerbaar::web {
namespace {

const assess::AssessContent& questionnaire() {
  return assess::AssessContent::embedded();
}

std::string base_of(platform::Id id) {
  return "/businesses/" + std::to_string(id);
}

// The saved answers; an unreadable or absent state starts empty.
assess::State load(Context& ctx, platform::Id id, bool& ok) {
  ok = true;
  auto saved = ctx.app.platform().businesses().assessment(actor_of(ctx), id);
  if (!saved) {
    ok = false;
    return {};
  }
  if (!saved->has_value()) return {ctx.lang, {}};
  try {
    return assess::load_state(questionnaire(), **saved);
  } catch (const assess::AnswerError&) {
    return {ctx.lang, {}};
  }
}

// One question: progress, the message of a failed answer, the form. htmx replaces this step
// with the next one (the form posts with hx-post); without JavaScript the form posts as usual
// and the page is loaded again.
Html question_step(Context& ctx, platform::Id id, const assess::State& st, const assess::Question& question,
                   const std::string& error) {
  const auto* q = &question;
  auto prog = assess::progress(questionnaire(), st.answers);
  const std::string progress =
      ctx.t("check.progress", {{"n", std::to_string(prog.answered + 1)}, {"total", std::to_string(prog.total)}});
  const std::string action = base_of(id) + "/basisscan";
  Html main;
  // data-announce: what the live region says after htmx put this step in, as focus moves to
  // the new question (data-focus) whose legend the screen reader reads.
  main << "<div class=\"wb-basisscan-step\" id=\"basisscan-step\""_h << attr("data-announce"_h, progress)
       << "><p class=\"utrecht-paragraph\" id=\"progress\">"_h << progress << "</p>"_h;
  if (!error.empty()) {
    main
        << "<div class=\"utrecht-alert utrecht-alert--error\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\"><div class=\"utrecht-alert__content\">"_h
        << paragraph(error) << "</div></div>"_h;
  }
  main
      << "<form method=\"post\" class=\"wb-form\""_h << attr("action"_h, action) << attr("hx-post"_h, action)
      << " hx-target=\"#basisscan-step\" hx-swap=\"outerHTML\">"_h << csrf_input(ctx)
      << "<input type=\"hidden\" name=\"question\""_h << attr("value"_h, q->id) << ">"_h
      << "<fieldset class=\"utrecht-form-fieldset utrecht-form-fieldset--html-fieldset\" id=\"question-group\" tabindex=\"-1\""_h;
  // After a mistake focus goes to the message (weerbaar.js), otherwise to the question.
  if (!error.empty()) main << " aria-describedby=\"error-summary\""_h;
  if (error.empty()) main << " data-focus"_h;
  main
      << "><legend class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\" id=\"question\">"_h
      << q->text.in(ctx.lang) << "</legend><p class=\"utrecht-paragraph utrecht-form-field-description\">"_h
      << ctx.t("check.why", {{"why", q->why.in(ctx.lang)}}) << "</p>"_h;
  int n = 0;
  auto current = st.answers.find(q->id);
  for (const auto& a : q->answers) {
    const std::string box = "answer-" + std::to_string(++n);
    main << "<div class=\"utrecht-form-field utrecht-form-field--radio\"><div class=\"utrecht-form-field__input\">"_h
         << "<input type=\"radio\" class=\"utrecht-radio-button utrecht-radio-button--html-input\" name=\"answer\""_h
         << attr("id"_h, box) << attr("value"_h, a.id);
    if (current != st.answers.end() && current->second == a.id) main << " checked"_h;
    main
        << "></div><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label utrecht-form-label--radio\""_h
        << attr("for"_h, box) << ">"_h << a.text.in(ctx.lang) << "</label></div></div>"_h;
  }
  main << "</fieldset><div class=\"wb-actions\">"_h << submit_button(ctx.t("web.basisscan.next"), "basisscan-next");
  if (prog.answered > 0) {
    main
        << "<button type=\"submit\" name=\"back\" value=\"1\" class=\"utrecht-button utrecht-button--secondary-action\" id=\"basisscan-back\">"_h
        << ctx.t("web.basisscan.back") << "</button>"_h;
  }
  main << "</div></form></div>"_h;
  return main;
}

Response question_page(Context& ctx, platform::Id id, const assess::State& st, const std::string& error,
                       http::status status) {
  const assess::Question* q = assess::next_question(questionnaire(), st.answers);
  if (htmx_request(ctx)) {
    // The last answer given: htmx loads the plan as a whole page.
    if (q == nullptr) {
      Response res = fragment(Html{});
      res.set("HX-Redirect", base_of(id) + "/plan");
      return res;
    }
    return fragment(question_step(ctx, id, st, *q, error), status);
  }
  if (q == nullptr) return redirect(base_of(id) + "/plan");
  Html main;
  main << question_step(ctx, id, st, *q, error) << paragraph(ctx.t("web.basisscan.resumable"));
  return page(ctx, {.title = ctx.t("web.basisscan.title"), .main = main, .status = status});
}

Response show_question(Context& ctx) {
  bool ok = true;
  auto st = load(ctx, id_param(ctx), ok);
  if (!ok) return error_page(ctx, http::status::not_found);
  return question_page(ctx, id_param(ctx), st, "", http::status::ok);
}

Response answer(Context& ctx) {
  const platform::Id id = id_param(ctx);
  bool ok = true;
  auto st = load(ctx, id, ok);
  if (!ok) return error_page(ctx, http::status::not_found);
  const auto& c = questionnaire();
  if (ctx.form.has("back")) {
    // Back: the last question answered is asked again.
    auto asked = assess::asked_questions(c, st.answers);
    for (auto it = asked.rbegin(); it != asked.rend(); ++it) {
      if (auto a = st.answers.find((*it)->id); a != st.answers.end()) {
        st.answers.erase(a);
        break;
      }
    }
  } else {
    const std::string question = ctx.form.get("question");
    const std::string choice = ctx.form.get("answer");
    if (choice.empty())
      return question_page(ctx, id, st, ctx.t("web.basisscan.choose"), http::status::unprocessable_entity);
    if (auto why = assess::check_answer(c, st.answers, question, choice)) {
      return question_page(ctx, id, st, ctx.t("web.basisscan.choose"), http::status::unprocessable_entity);
    }
    st.answers[question] = choice;
  }
  auto saved = ctx.app.platform().businesses().save_assessment(actor_of(ctx), id, assess::save_state(st));
  if (!saved) return failure_page(ctx, saved.error());
  // htmx: the next question in place of this one (or the plan); otherwise post/redirect/get.
  if (htmx_request(ctx)) return question_page(ctx, id, st, "", http::status::ok);
  return redirect(base_of(id) + "/basisscan");
}

Html action_html(Context& ctx, const assess::PlannedAction& pa) {
  const auto& a = *pa.action;
  Html h;
  h << "<li><strong>"_h << a.title.in(ctx.lang) << "</strong><br>"_h
    << report::action_meta(a, ctx.app.library(), ctx.lang);
  if (pa.unsure) h << "<br>"_h << ctx.t("check.unsure");
  if (!pa.findings.empty()) h << "<br>"_h << ctx.t("check.because_scan");
  if (const auto* howto = questionnaire().howto(a.howto)) {
    h << "<details><summary>"_h << ctx.t("check.howto", {{"title", howto->title.in(ctx.lang)}})
      << "</summary><ol class=\"utrecht-ordered-list\">"_h;
    for (const auto& step : howto->steps) h << "<li>"_h << step.in(ctx.lang) << "</li>"_h;
    h << "</ol></details>"_h;
  }
  h << "</li>"_h;
  return h;
}

// The plan of the answers given so far, merged with the findings of the latest scan.
assess::Plan plan_of(Context& ctx, const assess::State& st, const std::optional<scan::DomainReport>& scanned) {
  const auto& c = questionnaire();
  std::optional<std::vector<assess::ScanFinding>> findings;
  if (scanned) findings = assess::scan_findings(scanned->results, ctx.app.library());
  return assess::plan(c, assess::effective_answers(c, st.answers), findings);
}

std::optional<scan::DomainReport> latest_scan(const platform::BusinessReport& rep) {
  if (!rep.latest_json) return std::nullopt;
  return scanned_domain(*rep.latest_json);
}

Response show_plan(Context& ctx) {
  const platform::Id id = id_param(ctx);
  bool ok = true;
  auto st = load(ctx, id, ok);
  if (!ok) return error_page(ctx, http::status::not_found);
  const auto& c = questionnaire();
  auto rep = ctx.app.platform().reports().report(actor_of(ctx), id);
  auto p = plan_of(ctx, st, rep ? latest_scan(*rep) : std::nullopt);
  Html main;
  if (assess::next_question(c, st.answers) != nullptr) {
    main << "<p class=\"utrecht-paragraph\">"_h << link(base_of(id) + "/basisscan", ctx.t("web.basisscan.continue"))
         << "</p>"_h;
  }
  if (!p.topics.empty()) {
    main
        << "<div class=\"wb-table-wrap\"><table class=\"utrecht-table utrecht-table--html-table\"><caption class=\"utrecht-table__caption\">"_h
        << ctx.t("check.scores_title")
        << "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"_h
        << "<th scope=\"col\" class=\"utrecht-table__header-cell\">"_h << ctx.t("web.basisscan.topic")
        << "</th><th scope=\"col\" class=\"utrecht-table__header-cell\">"_h << ctx.t("web.basisscan.score")
        << "</th></tr></thead><tbody class=\"utrecht-table__body\">"_h;
    for (const auto& t : p.topics) {
      auto it = c.topics.find(t.topic);
      main << "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"_h
           << (it == c.topics.end() ? t.topic : it->second.in(ctx.lang))
           << "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"_h << std::to_string(t.score)
           << "</td></tr>"_h;
    }
    main << "</tbody></table></div>"_h;
  }
  if (p.actions.empty()) {
    main << paragraph(ctx.t("check.no_actions"));
  } else {
    main << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("check.top_title")
         << "</h2><ol class=\"utrecht-ordered-list\" id=\"plan-top\">"_h;
    for (std::size_t i = 0; i < p.actions.size() && i < assess::Plan::top_count; ++i)
      main << action_html(ctx, p.actions[i]);
    main << "</ol>"_h;
    if (p.actions.size() > assess::Plan::top_count) {
      main << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("check.later_title")
           << "</h2><ol class=\"utrecht-ordered-list\" id=\"plan-later\">"_h;
      for (std::size_t i = assess::Plan::top_count; i < p.actions.size(); ++i) main << action_html(ctx, p.actions[i]);
      main << "</ol>"_h;
    }
  }
  main << "<p class=\"utrecht-paragraph\">"_h << link(base_of(id), ctx.t("web.basisscan.to_report")) << "</p>"_h;
  return page(ctx, {.title = ctx.t("web.basisscan.plan_title"), .main = main});
}

// The report on paper as `weerbaar check --pdf` makes it (report::report_data): the plan of the
// Basisscan so far and the latest scan, for the entrepreneur and the assigned helper only.
Response report_pdf(Context& ctx) {
  const platform::Id id = id_param(ctx);
  auto& p = ctx.app.platform();
  auto b = p.businesses().get(actor_of(ctx), id);
  if (!b) return failure_page(ctx, b.error());
  auto rep = p.reports().report(actor_of(ctx), id);  // the report's own access rule
  if (!rep) return failure_page(ctx, rep.error());
  bool ok = true;
  auto st = load(ctx, id, ok);
  if (!ok) return error_page(ctx, http::status::not_found);
  const auto scanned = latest_scan(*rep);
  const auto data = report::report_data(plan_of(ctx, st, scanned), questionnaire(), scanned ? &*scanned : nullptr,
                                        {b->name, rep->organiser, rep->contact}, ctx.app.library(), ctx.lang);
  std::string pdf;
  try {
    pdf = report::render_pdf_bytes(data, ctx.app.library());
  } catch (const report::ReportError&) {
    return error_page(ctx, http::status::internal_server_error);
  }
  Response res = text_response(http::status::ok, std::move(pdf), "application/pdf");
  res.set(http::field::content_disposition, "inline; filename=\"weerbaar-rapport-" + std::to_string(id) + ".pdf\"");
  return res;
}

}  // namespace

void add_basisscan_pages(App& app) {
  Router& r = app.router();
  const Access owner = Access::only({platform::Role::entrepreneur, platform::Role::helper});
  r.add(http::verb::get, "/businesses/{id}/basisscan", owner, show_question);
  r.add(http::verb::post, "/businesses/{id}/basisscan", owner, answer);
  r.add(http::verb::get, "/businesses/{id}/plan", owner, show_plan);
  r.add(http::verb::get, "/businesses/{id}/report.pdf", owner, report_pdf);
}

}  // namespace weerbaar::web
