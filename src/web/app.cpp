#include "web/app.hpp"

#include "web/layout.hpp"

namespace weerbaar::web {
namespace {

bool changes_state(http::verb m) {
  return m != http::verb::get && m != http::verb::head;
}

std::string_view header_value(const Request& req, std::string_view name) {
  auto it = req.find(name);
  return it == req.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

}  // namespace

std::string Context::t(std::string_view key, const Params& p) const {
  return content::render(app.library().ui(key, lang), p);
}

const std::string& Context::csrf() {
  if (!session) use_session(app.sessions().create());
  return session->csrf;
}

std::string Context::path() const {
  return std::string(target_path(std::string_view(req.target().data(), req.target().size())));
}

void Context::use_session(std::optional<Session> s) {
  const SessionLimits limits;
  session = std::move(s);
  cookies.push_back(session ? session_cookie(session->id, origin.https, limits.absolute)
                            : session_cookie_removal(origin.https));
}

void Context::notice(std::string text) {
  if (session) app.sessions().set_notice(session->id, std::move(text));
}

App::App(AppOptions opt, Assets assets, const content::Library& lib)
    : opt_(std::move(opt)), assets_(std::move(assets)), lib_(lib) {}

Response App::dispatch(const Request& req, const Origin& origin) {
  const std::string_view target(req.target().data(), req.target().size());
  const std::string_view path = target_path(target);
  if (path.starts_with("/assets/") && (req.method() == http::verb::get || req.method() == http::verb::head)) {
    return assets_.serve(req, path.substr(8));
  }
  Context ctx{*this, req, origin};
  ctx.query = Form::parse(target_query(target));
  if (auto lang = cookie(req, kLangCookie)) ctx.lang = content::lang_from_string(*lang).value_or(content::Lang::nl);
  if (auto id = cookie(req, session_cookie_name(origin.https))) ctx.session = sessions_.find(*id);
  if (req.method() == http::verb::post &&
      header_value(req, "Content-Type").starts_with("application/x-www-form-urlencoded")) {
    ctx.form = Form::parse(req.body());
  }
  Response res = route(ctx);
  for (const auto& c : ctx.cookies) res.insert(http::field::set_cookie, c);
  return res;
}

Response App::route(Context& ctx) {
  const std::string path = ctx.path();
  auto m = router_.match(ctx.req.method(), path);
  if (m.route == nullptr) {
    if (!m.path_known) return error_page(ctx, http::status::not_found);
    Response res = error_page(ctx, http::status::method_not_allowed);
    std::string allow;
    for (const auto& r : router_.routes()) {
      Router::Match probe = router_.match(r.method, path);
      if (probe.route == &r) allow += (allow.empty() ? "" : ", ") + std::string(http::to_string(r.method));
    }
    res.set(http::field::allow, allow);
    return res;
  }
  const Route& route = *m.route;
  if (route.access.api_key) {
    ctx.params = std::move(m.params);
    return route.handler(ctx);
  }
  if (!route.access.anyone) {
    if (!ctx.signed_in()) {
      if (ctx.req.method() == http::verb::get) {
        std::string target(ctx.req.target().data(), ctx.req.target().size());
        return redirect("/login?next=" + url_encode(target));
      }
      return error_page(ctx, http::status::unauthorized);
    }
    if (!route.access.allows(ctx.session->role)) {
      // A path that names one object (/businesses/{id}/..., /campaigns/{id}/...) answers 404 to
      // a role that may never use it, as the services answer someone else's object: one answer
      // for "not yours", whatever the reason, so no status tells that the object exists.
      return error_page(ctx, route.names_object() ? http::status::not_found : http::status::forbidden);
    }
  }
  if (changes_state(ctx.req.method())) {
    std::string token = ctx.form.get(kCsrfField);
    if (token.empty()) token = std::string(header_value(ctx.req, kCsrfHeader));
    if (!ctx.session || !same_secret(token, ctx.session->csrf)) {
      return error_page(ctx, http::status::forbidden, "web.error.csrf");
    }
  }
  ctx.params = std::move(m.params);
  return route.handler(ctx);
}

}  // namespace weerbaar::web
