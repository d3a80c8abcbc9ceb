#include "web/api/api.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace weerbaar::web::api {
namespace {

using nlohmann::json;
namespace pf = platform;

constexpr pf::Id kApiKeyActor = -2;

Response json_response(http::status status, const json& body) {
  Response res = text_response(status, body.dump(), "application/json");
  // Answers are for the key holder's server, not for a browser cache or another origin.
  res.set(http::field::cache_control, "no-store");
  return res;
}

Response error_response(http::status status, std::string_view key, std::string_view field = {}) {
  json e{{"key", key}};
  if (!field.empty()) e["field"] = field;
  Response res = json_response(status, json{{"error", e}});
  if (status == http::status::unauthorized) res.set(http::field::www_authenticate, "Bearer realm=\"weerbaar\"");
  return res;
}

// Service errors as HTTP: an unknown or foreign campaign is 404 (ids reveal nothing), input
// problems are 422 with the field, a database failure is 503.
Response service_error(const pf::Error& e) {
  if (e.key == "error.not_found") return error_response(http::status::not_found, e.key);
  if (e.key == "error.forbidden") return error_response(http::status::forbidden, e.key);
  if (e.key == "error.storage") return error_response(http::status::service_unavailable, e.key);
  return error_response(http::status::unprocessable_entity, e.key, e.field);
}

// The key's actor: the organisation's campaigns, read only. nullopt: no or an unknown key.
std::optional<pf::Actor> key_actor(Context& ctx, pf::Platform& p) {
  auto it = ctx.req.find(http::field::authorization);
  if (it == ctx.req.end()) return std::nullopt;
  std::string_view v(it->value().data(), it->value().size());
  constexpr std::string_view scheme = "Bearer ";
  if (v.size() <= scheme.size() || !std::equal(scheme.begin(), scheme.end(), v.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
      })) {
    return std::nullopt;
  }
  auto org = p.accounts().api_key_organisation(std::string(v.substr(scheme.size())));
  if (!org) return std::nullopt;
  // The key's organisation reads as its coordinators do; the handlers here call reads and the
  // public sign-up only. No user stands behind a key: the audit log records kApiKeyActor.
  return pf::Actor{kApiKeyActor, pf::Role::coordinator, *org};
}

std::optional<pf::Id> id_param(const Context& ctx) {
  auto it = ctx.params.find("id");
  if (it == ctx.params.end()) return std::nullopt;
  pf::Id id = 0;
  const auto& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc{} || end != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

json campaign_json(const pf::Campaign& c, const std::string& public_url) {
  return json{{"id", c.id},
              {"slug", c.slug},
              {"name", c.name},
              {"description", c.description},
              {"region", c.region},
              {"sectors", c.sectors},
              {"rescan_interval_days", c.rescan_interval_days},
              {"signup_url", public_url + "/c/" + c.slug},
              {"consent", {{"version", c.consent.version}, {"text", c.consent.body}}}};
}

json count_json(const pf::Count& c) {
  return c.suppressed ? json{{"suppressed", true}} : json{{"value", c.value}};
}

json group_json(const pf::GroupStats& g) {
  json out{{"group", g.group}, {"businesses", count_json(g.businesses)}, {"suppressed", g.suppressed}};
  json weaknesses = json::array();
  for (const auto& w : g.weaknesses) {
    json row{{"finding", w.finding_id},
             {"severity", w.severity},
             {"first_scan", count_json(w.first)},
             {"latest_scan", count_json(w.latest)}};
    if (w.first_share) row["first_share"] = *w.first_share;
    if (w.latest_share) row["latest_share"] = *w.latest_share;
    weaknesses.push_back(std::move(row));
  }
  out["weaknesses"] = std::move(weaknesses);
  return out;
}

json results_json(const pf::Dashboard& d) {
  const auto& f = d.funnel;
  json groups_sector = json::array();
  for (const auto& g : d.by_sector) groups_sector.push_back(group_json(g));
  json groups_area = json::array();
  for (const auto& g : d.by_area) groups_area.push_back(group_json(g));
  // The helpers' caseload is left out: it names people and is for the coordinator's eyes.
  return json{{"campaign", d.campaign},
              {"minimum_group", pf::kMinGroup},
              {"funnel",
               {{"signed_up", count_json(f.signed_up)},
                {"consent_active", count_json(f.consent_active)},
                {"email_confirmed", count_json(f.email_confirmed)},
                {"domain_proven", count_json(f.domain_proven)},
                {"scanned", count_json(f.scanned)},
                {"rescanned", count_json(f.rescanned)},
                {"withdrawn", count_json(f.withdrawn)}}},
              {"overall", group_json(d.overall)},
              {"by_sector", std::move(groups_sector)},
              {"by_postcode_area", std::move(groups_area)}};
}

std::string public_url(const Context& ctx) {
  std::string url = ctx.app.options().public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// A string member of the sign-up body; nullopt if present but not a string.
std::optional<std::string> text_member(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Response sign_up(Context& ctx, pf::Platform& p, const pf::Campaign& c) {
  auto type = ctx.req.find(http::field::content_type);
  if (type == ctx.req.end() ||
      !std::string_view(type->value().data(), type->value().size()).starts_with("application/json")) {
    return error_response(http::status::unsupported_media_type, "api.json_required");
  }
  json body = json::parse(ctx.req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return error_response(http::status::bad_request, "api.json_invalid");
  pf::SignupInput in;
  struct Field {
    const char* name;
    std::string* into;
  };
  for (Field f : {Field{"business_name", &in.business_name}, Field{"contact_name", &in.contact_name},
                  Field{"email", &in.email}, Field{"domain", &in.domain}, Field{"sector", &in.sector},
                  Field{"postcode", &in.postcode}, Field{"lang", &in.lang}}) {
    auto v = text_member(body, f.name);
    if (!v) return error_response(http::status::unprocessable_entity, "api.type_invalid", f.name);
    *f.into = std::move(*v);
  }
  if (in.lang.empty()) in.lang = "nl";
  auto consent = body.find("consent_given");
  auto version = body.find("consent_version");
  if (consent != body.end() && !consent->is_boolean()) {
    return error_response(http::status::unprocessable_entity, "api.type_invalid", "consent_given");
  }
  if (version != body.end() && !version->is_number_integer()) {
    return error_response(http::status::unprocessable_entity, "api.type_invalid", "consent_version");
  }
  in.consent_given = consent != body.end() && consent->get<bool>();
  in.consent_version = version != body.end() ? version->get<int>() : 0;
  auto r = p.signups().sign_up(c.slug, in);
  if (!r) return service_error(r.error());
  // Nothing about the business is handed back: it becomes real only when its owner confirms
  // the e-mail, and the key holder is not that owner.
  return json_response(http::status::created, json{{"status", "confirmation_sent"}});
}

}  // namespace

void add_api_routes(App& app, platform::Platform* platform) {
  Router& r = app.router();
  if (platform == nullptr) {
    // weerbaar serve --list-routes: the routes without a database behind them.
    auto none = [](Context&) { return error_response(http::status::service_unavailable, "error.storage"); };
    for (const char* path : {"/api/v1/campaigns", "/api/v1/campaigns/{id}", "/api/v1/campaigns/{id}/results",
                             "/api/v1/campaigns/{id}/results.csv"}) {
      r.add(http::verb::get, path, Access::api(), none);
    }
    r.add(http::verb::post, "/api/v1/campaigns/{id}/signups", Access::api(), none);
    return;
  }
  platform::Platform& p = *platform;
  // Every handler starts the same way: a valid key, then (for /{id}) a campaign of its organisation.
  auto with_campaign = [&p](auto&& then) {
    return [&p, then](Context& ctx) -> Response {
      auto who = key_actor(ctx, p);
      if (!who) return error_response(http::status::unauthorized, "api.key_invalid");
      auto id = id_param(ctx);
      if (!id) return error_response(http::status::not_found, "error.not_found");
      auto c = p.campaigns().get(*who, *id);
      if (!c) return service_error(c.error());
      return then(ctx, *who, *c);
    };
  };

  r.add(http::verb::get, "/api/v1/campaigns", Access::api(), [&p](Context& ctx) -> Response {
    auto who = key_actor(ctx, p);
    if (!who) return error_response(http::status::unauthorized, "api.key_invalid");
    auto list = p.campaigns().list(*who);
    if (!list) return service_error(list.error());
    json out = json::array();
    for (const auto& c : *list) out.push_back(campaign_json(c, public_url(ctx)));
    return json_response(http::status::ok, json{{"campaigns", std::move(out)}});
  });
  r.add(http::verb::get, "/api/v1/campaigns/{id}", Access::api(),
        with_campaign([](Context& ctx, const pf::Actor&, const pf::Campaign& c) {
          return json_response(http::status::ok, campaign_json(c, public_url(ctx)));
        }));
  r.add(http::verb::get, "/api/v1/campaigns/{id}/results", Access::api(),
        with_campaign([&p](Context&, const pf::Actor& who, const pf::Campaign& c) {
          auto d = p.dashboards().dashboard(who, c.id);
          if (!d) return service_error(d.error());
          return json_response(http::status::ok, results_json(*d));
        }));
  r.add(http::verb::get, "/api/v1/campaigns/{id}/results.csv", Access::api(),
        with_campaign([&p](Context&, const pf::Actor& who, const pf::Campaign& c) {
          auto csv = p.dashboards().csv(who, c.id);
          if (!csv) return service_error(csv.error());
          Response res = text_response(http::status::ok, *csv, "text/csv; charset=utf-8");
          res.set(http::field::cache_control, "no-store");
          return res;
        }));
  r.add(http::verb::post, "/api/v1/campaigns/{id}/signups", Access::api(),
        with_campaign([&p](Context& ctx, const pf::Actor&, const pf::Campaign& c) { return sign_up(ctx, p, c); }));
}

}  // namespace weerbaar::web::api
