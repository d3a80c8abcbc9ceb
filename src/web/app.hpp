#pragma once
// The platform as the server sees it: one dispatch function from a request to a response. It
// serves /assets/, finds the session, matches the route, enforces who may use it and the CSRF
// token of every state-changing request, and renders error pages; the pages do the rest.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/content.hpp"
#include "web/assets.hpp"
#include "web/login_limiter.hpp"
#include "web/router.hpp"
#include "web/server.hpp"
#include "web/sessions.hpp"

namespace weerbaar::web {

struct AppOptions {
  // The address people reach the platform on, for links in e-mails and the one-time link,
  // e.g. https://weerbaar.example.nl. Empty: taken from the listen address.
  std::string public_url;
  // Contact line of /.well-known/security.txt (mailto: or https:). Empty: security@ the host.
  std::string security_contact;
};

class App;
}  // namespace weerbaar::web
namespace weerbaar::platform {
class Platform;
}
namespace weerbaar::web {

// Checks an e-mail address and password against the store; nullopt when they do not match.
using VerifyLogin = std::function<std::optional<SignedInUser>(std::string_view email, std::string_view password)>;

// Everything a handler gets for one request.
struct Context {
  Context(App& a, const Request& r, const Origin& o) : app(a), req(r), origin(o) {}
  App& app;
  const Request& req;
  const Origin& origin;
  std::map<std::string, std::string> params;  // from the path pattern
  Form query;
  Form form;  // the body of a POST form
  std::optional<Session> session;
  content::Lang lang = content::Lang::nl;
  std::vector<std::string> cookies;  // Set-Cookie values to send

  // A text of content/web.json (or ui.json) in the visitor's language, {placeholders} filled.
  [[nodiscard]] std::string t(std::string_view key, const Params& params = {}) const;
  // The session's CSRF token; starts an anonymous session when there is none yet, so that a
  // public form (sign-up) is protected too.
  const std::string& csrf();
  [[nodiscard]] bool signed_in() const { return session && session->signed_in(); }
  [[nodiscard]] std::string path() const;
  // Replaces the session (sign-in, sign-out) and sets or clears its cookie.
  void use_session(std::optional<Session> s);
  // A message shown once on the next page (after a redirect).
  void notice(std::string text);
};

class App {
 public:
  App(AppOptions opt, Assets assets, const content::Library& lib = content::Library::embedded());

  Response dispatch(const Request& req, const Origin& origin);

  Router& router() { return router_; }
  SessionStore& sessions() { return sessions_; }
  LoginLimiter& login_limiter() { return limiter_; }
  const content::Library& library() const { return lib_; }
  const AppOptions& options() const { return opt_; }
  const Assets& assets() const { return assets_; }
  void set_verify_login(VerifyLogin v) { verify_login_ = std::move(v); }
  // The platform's services; the pages that use them are only added when there is one.
  void set_platform(platform::Platform* p) { platform_ = p; }
  [[nodiscard]] platform::Platform& platform() const { return *platform_; }
  [[nodiscard]] const VerifyLogin& verify_login() const { return verify_login_; }

 private:
  Response route(Context& ctx);
  AppOptions opt_;
  Assets assets_;
  const content::Library& lib_;
  Router router_;
  SessionStore sessions_;
  LoginLimiter limiter_;
  VerifyLogin verify_login_;
  platform::Platform* platform_ = nullptr;
};

// Form field name of the CSRF token, and the header htmx sends it in.
inline constexpr std::string_view kCsrfField = "csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kLangCookie = "weerbaar_lang";

}  // namespace weerbaar::web
