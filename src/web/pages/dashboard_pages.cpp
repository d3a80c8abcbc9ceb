// The coordinator's dashboard: charts with an accessible table beside each, every number as
// the platform's dashboard service gives it (groups under five businesses already suppressed).
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "web/layout.hpp"
#include "web/pages/pages.hpp"
#include "web/platform_glue.hpp"
#include "web/report_view.hpp"

namespace weerbaar::web {
namespace {

using platform::Count;

std::string count_text(const Context& ctx, const Count& c) {
  return c.suppressed ? ctx.t("web.dashboard.suppressed") : std::to_string(c.value);
}

std::string share_text(const Context& ctx, const std::optional<double>& s) {
  if (!s) return ctx.t("web.dashboard.suppressed");
  return std::to_string(static_cast<int>(std::lround(*s * 100))) + "%";
}

std::string finding_title(const Context& ctx, const std::string& id) {
  return aggregate_title(id, ctx.app.library(), ctx.lang);
}

// <canvas data-chart=...> for weerbaar.js; the chart is decoration for sighted users, the
// table next to it carries the same numbers. A suppressed number is null (no bar, rather than a
// bar of 0); with nothing left to draw, no empty axes but a sentence (none_key) that says why.
// (A chart of zeros alone would be empty axes as well.)
Html chart(const Context& ctx, const std::string& id, const nlohmann::json& spec, const char* none_key) {
  bool any = false;
  for (const auto& set : spec["datasets"]) {
    for (const auto& v : set["data"]) any = any || (v.is_number() && v.get<double>() != 0);
  }
  Html h;
  if (!any)
    return h << "<p class=\"utrecht-paragraph wb-chart-none\""_h << attr("id"_h, id) << ">"_h << ctx.t(none_key)
             << "</p>"_h;
  h << "<div class=\"wb-chart\" aria-hidden=\"true\"><canvas"_h << attr("id"_h, id) << attr("data-chart"_h, spec.dump())
    << "></canvas></div>"_h;
  return h;
}

nlohmann::json share_value(const std::optional<double>& s) {
  return s ? nlohmann::json(std::lround(*s * 100)) : nlohmann::json(nullptr);
}

// caption: what the table holds, in other words than the heading above it (a screen reader
// reads both, one after the other).
Html table_start(const Context& ctx, const std::string& caption, std::initializer_list<const char*> headers) {
  Html h;
  h << "<div class=\"wb-table-wrap\"><table class=\"utrecht-table utrecht-table--html-table\"><caption class=\"utrecht-table__caption\">"_h
    << caption << "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"_h;
  for (const char* key : headers)
    h << "<th scope=\"col\" class=\"utrecht-table__header-cell\">"_h << ctx.t(key) << "</th>"_h;
  h << "</tr></thead><tbody class=\"utrecht-table__body\">"_h;
  return h;
}

Html row(const std::string& head, std::initializer_list<std::string> cells) {
  Html h;
  h << "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"_h << head
    << "</th>"_h;
  for (const auto& c : cells)
    h << "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"_h << c << "</td>"_h;
  h << "</tr>"_h;
  return h;
}

Html funnel(const Context& ctx, const platform::Funnel& f) {
  const std::pair<const char*, const Count*> steps[] = {
      {"web.dashboard.signed_up", &f.signed_up},       {"web.dashboard.consent", &f.consent_active},
      {"web.dashboard.confirmed", &f.email_confirmed}, {"web.dashboard.proven", &f.domain_proven},
      {"web.dashboard.scanned", &f.scanned},           {"web.dashboard.rescanned", &f.rescanned},
      {"web.dashboard.withdrawn", &f.withdrawn}};
  nlohmann::json labels = nlohmann::json::array();
  nlohmann::json values = nlohmann::json::array();
  Html rows;
  for (const auto& [key, c] : steps) {
    labels.push_back(ctx.t(key));
    values.push_back(c->suppressed ? nlohmann::json(nullptr) : nlohmann::json(c->value));
    rows << row(ctx.t(key), {count_text(ctx, *c)});
  }
  Html h;
  h << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.dashboard.funnel") << "</h2>"_h
    << chart(ctx, "chart-funnel",
             {{"type", "bar"},
              {"labels", labels},
              {"datasets", {{{"label", ctx.t("web.dashboard.businesses")}, {"data", values}}}}},
             "web.dashboard.group_suppressed")
    << table_start(ctx, ctx.t("web.dashboard.funnel_caption"), {"web.dashboard.step", "web.dashboard.businesses"})
    << rows << "</tbody></table></div>"_h;
  return h;
}

Html weaknesses(const Context& ctx, const platform::GroupStats& g, const std::string& id, const std::string& caption) {
  Html h;
  if (g.suppressed) return h << paragraph(ctx.t("web.dashboard.group_suppressed"));
  std::vector<const platform::WeaknessShare*> drawn;
  Html rows;
  std::size_t shown = 0;
  for (const auto& w : g.weaknesses) {
    if (++shown > 10) break;
    // The chart draws the weaknesses with a share to show; the table lists them all.
    if (w.first_share || w.latest_share) drawn.push_back(&w);
    rows << row(finding_title(ctx, w.finding_id), {share_text(ctx, w.first_share), share_text(ctx, w.latest_share)});
  }
  if (shown == 0) return h << paragraph(ctx.t("web.dashboard.no_weaknesses"));
  // The axis names each bar by its check's title (short); two findings of one check keep their
  // own titles there. The full title is the tooltip's and the table's.
  std::map<std::string, int> uses;
  for (const auto* w : drawn) ++uses[short_title(w->finding_id, ctx.app.library(), ctx.lang)];
  nlohmann::json labels = nlohmann::json::array();
  nlohmann::json titles = nlohmann::json::array();
  nlohmann::json first = nlohmann::json::array();
  nlohmann::json latest = nlohmann::json::array();
  for (const auto* w : drawn) {
    std::string label = short_title(w->finding_id, ctx.app.library(), ctx.lang);
    labels.push_back(uses[label] > 1 ? finding_title(ctx, w->finding_id) : label);
    titles.push_back(finding_title(ctx, w->finding_id));
    first.push_back(share_value(w->first_share));
    latest.push_back(share_value(w->latest_share));
  }
  h << chart(ctx, id,
             {{"type", "bar"},
              {"percent", true},
              {"labels", labels},
              {"titles", titles},
              {"datasets",
               {{{"label", ctx.t("web.dashboard.first_scan")}, {"data", first}},
                {{"label", ctx.t("web.dashboard.latest_scan")}, {"data", latest}}}}},
             // The group itself may be large ("bouw en techniek (15)"): it is each weakness's
             // count that is too small, which "too few businesses" would not say.
             "web.dashboard.chart_none")
    << table_start(ctx, caption, {"web.dashboard.weakness", "web.dashboard.first_scan", "web.dashboard.latest_scan"})
    << rows << "</tbody></table></div>"_h;
  return h;
}

Html groups(const Context& ctx, const std::vector<platform::GroupStats>& list, const char* heading,
            const char* prefix) {
  Html h;
  h << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t(heading) << "</h2>"_h;
  if (list.empty()) return h << paragraph(ctx.t("web.dashboard.no_groups"));
  int n = 0;
  for (const auto& g : list) {
    h << "<h3 class=\"utrecht-heading-3\">"_h << g.group << " ("_h << count_text(ctx, g.businesses) << ")</h3>"_h
      << weaknesses(ctx, g, std::string(prefix) + std::to_string(++n),
                    ctx.t("web.dashboard.weaknesses_of", {{"group", g.group}}));
  }
  return h;
}

Response dashboard(Context& ctx) {
  const platform::Id id = id_param(ctx);
  auto& p = ctx.app.platform();
  auto c = p.campaigns().get(actor_of(ctx), id);
  if (!c) return failure_page(ctx, c.error());
  auto d = p.dashboards().dashboard(actor_of(ctx), id);
  if (!d) return failure_page(ctx, d.error());
  Html main;
  main << paragraph(ctx.t("web.dashboard.intro")) << "<div class=\"wb-actions\">"_h
       << link("/campaigns/" + std::to_string(id) + "/export.csv", ctx.t("web.dashboard.csv")) << "</div>"_h
       << funnel(ctx, d->funnel) << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.dashboard.common") << "</h2>"_h
       << weaknesses(ctx, d->overall, "chart-overall", ctx.t("web.dashboard.common_caption"))
       << groups(ctx, d->by_sector, "web.dashboard.by_sector", "chart-sector-")
       << groups(ctx, d->by_area, "web.dashboard.by_area", "chart-area-");
  main << "<h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.dashboard.caseload") << "</h2>"_h;
  if (d->caseload.empty()) {
    main << paragraph(ctx.t("web.campaign.no_helpers"));
  } else {
    main << table_start(ctx, ctx.t("web.dashboard.caseload_caption"),
                        {"web.business.helper", "web.dashboard.businesses", "web.dashboard.with_notes"});
    for (const auto& cl : d->caseload)
      main << row(cl.name, {std::to_string(cl.businesses), std::to_string(cl.with_notes)});
    main << "</tbody></table></div>"_h;
  }
  return page(ctx, {.title = ctx.t("web.dashboard.title") + ": " + c->name, .main = main, .charts = true});
}

Response export_csv(Context& ctx) {
  auto csv = ctx.app.platform().dashboards().csv(actor_of(ctx), id_param(ctx));
  if (!csv) return failure_page(ctx, csv.error());
  Response res = text_response(http::status::ok, *csv, "text/csv; charset=utf-8");
  res.set(http::field::content_disposition,
          "attachment; filename=\"weerbaar-campagne-" + std::to_string(id_param(ctx)) + ".csv\"");
  return res;
}

}  // namespace

void add_dashboard_pages(App& app) {
  Router& r = app.router();
  const Access coordinator = Access::only({platform::Role::coordinator});
  r.add(http::verb::get, "/campaigns/{id}/dashboard", coordinator, dashboard);
  r.add(http::verb::get, "/campaigns/{id}/export.csv", coordinator, export_csv);
}

}  // namespace weerbaar::web
