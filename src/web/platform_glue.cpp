#include "web/platform_glue.hpp"

#include <charconv>
#include <chrono>

#include "report/assess_report.hpp"
#include "web/layout.hpp"

namespace weerbaar::web {

platform::Actor actor_of(const Context& ctx) {
  if (!ctx.signed_in()) return platform::Actor::nobody();
  return platform::Actor{*ctx.session->user_id, ctx.session->role, ctx.session->organisation};
}

std::string message(const Context& ctx, std::string_view key) {
  try {
    return ctx.t(key);
  } catch (const content::ContentError&) {
    return ctx.t("error.storage");
  }
}

std::string message(const Context& ctx, const platform::Error& e) {
  std::string text = message(ctx, e.key);
  // The scanner's own advice about a typed domain ("write it without: example.nl") is shown.
  if (e.key == "signup.domain_invalid" && !e.detail.empty()) text += " (" + e.detail + ")";
  return text;
}

void add_error(FieldErrors& errors, const Context& ctx, const platform::Error& e, std::string fallback_field) {
  errors.add(e.field.empty() ? std::move(fallback_field) : e.field, message(ctx, e));
}

Response failure_page(Context& ctx, const platform::Error& e) {
  if (e.key == "error.not_found" || e.key == "error.forbidden") return error_page(ctx, http::status::not_found);
  return error_page(ctx, http::status::internal_server_error);
}

std::string human_time(const Context& ctx, platform::Time t) {
  auto day = std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(t)));
  std::chrono::year_month_day ymd{day};
  return report::human_date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                            static_cast<int>(static_cast<unsigned>(ymd.day())), ctx.lang, ctx.app.library());
}

namespace {

// All of text is one decimal number: what std::from_chars reads to the end.
bool whole_number(std::string_view text, int& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

}  // namespace

Html standing_html(const Context& ctx, const platform::Standing& st) {
  using Step = platform::Standing::Step;
  std::vector<std::string> lines;
  const std::string scanned = st.last_scan_at ? human_time(ctx, *st.last_scan_at) : std::string();
  switch (st.step) {
    case Step::confirm_email: lines.push_back(ctx.t("web.standing.confirm")); break;
    case Step::prove_domain: lines.push_back(ctx.t("web.standing.proof")); break;
    case Step::waiting: lines.push_back(ctx.t("web.standing.waiting")); break;
    case Step::scan_queued: lines.push_back(ctx.t("web.standing.queued")); break;
    case Step::scan_running: lines.push_back(ctx.t("web.standing.running")); break;
    case Step::scan_failed: lines.push_back(ctx.t("web.standing.failed")); break;
    case Step::scanned: lines.push_back(ctx.t("web.standing.scanned", {{"date", scanned}})); break;
  }
  if (st.step != Step::scanned && st.last_scan_at)
    lines.push_back(ctx.t("web.standing.last_scan", {{"date", scanned}}));
  // The date as the helper typed it (YYYY-MM-DD, checked when the note was saved).
  const std::string_view f = st.follow_up;
  if (int y = 0, m = 0, d = 0; f.size() == 10 && f[4] == '-' && f[7] == '-' && whole_number(f.substr(0, 4), y) &&
                               whole_number(f.substr(5, 2), m) && whole_number(f.substr(8, 2), d)) {
    lines.push_back(
        ctx.t("web.standing.follow_up", {{"date", report::human_date(y, m, d, ctx.lang, ctx.app.library())}}));
  }
  Html h;
  for (const auto& line : lines) h << "<span class=\"wb-standing\">"_h << line << "</span>"_h;
  return h;
}

platform::Id id_param(const Context& ctx, const std::string& name) {
  auto it = ctx.params.find(name);
  if (it == ctx.params.end()) return 0;
  platform::Id id = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || id <= 0) return 0;
  return id;
}

void sign_in(Context& ctx, const platform::Actor& actor, std::string name) {
  if (name.empty()) {
    auto user = ctx.app.platform().accounts().user(actor, actor.user);
    if (user) name = user->name.empty() ? user->email : user->name;
  }
  const std::string old = ctx.session ? ctx.session->id : std::string();
  ctx.use_session(ctx.app.sessions().sign_in(old, SignedInUser{actor.user, actor.role, name, actor.organisation}));
}

}  // namespace weerbaar::web
