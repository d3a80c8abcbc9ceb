// Sign-in and sessions through the platform: passwords are checked by the store (Argon2id), and
// signed-in sessions live in its database, so a restart of `weerbaar serve` signs nobody out.
#include "platform/platform.hpp"
#include "web/pages/pages.hpp"

namespace weerbaar::web {
namespace {

class PlatformSessions : public SessionBackend {
 public:
  explicit PlatformSessions(platform::Platform& p) : p_(p) {}

  std::optional<Created> create(const SignedInUser& user) override {
    auto s = p_.accounts().create_session(platform::Actor{user.id, user.role, user.organisation});
    if (!s) return std::nullopt;
    return Created{s->token, s->csrf};
  }

  std::optional<Session> load(std::string_view token) override {
    auto s = p_.accounts().session(std::string(token));
    if (!s) return std::nullopt;
    Session out;
    out.id = s->token.empty() ? std::string(token) : s->token;
    out.csrf = s->csrf;
    out.user_id = s->actor.user;
    out.role = s->actor.role;
    out.organisation = s->actor.organisation;
    if (auto u = p_.accounts().user(s->actor, s->actor.user)) out.user_name = u->name.empty() ? u->email : u->name;
    return out;
  }

  void end(std::string_view token) override { p_.accounts().end_session(std::string(token)); }

 private:
  platform::Platform& p_;
};

}  // namespace

void add_platform_pages(App& app, platform::Platform& p) {
  app.set_platform(&p);
  app.sessions().set_backend(std::make_shared<PlatformSessions>(p));
  app.set_verify_login([&p](std::string_view email, std::string_view password) -> std::optional<SignedInUser> {
    auto actor = p.accounts().login(std::string(email), std::string(password));
    if (!actor) return std::nullopt;
    std::string name;
    if (auto u = p.accounts().user(*actor, actor->user)) name = u->name.empty() ? u->email : u->name;
    return SignedInUser{actor->user, actor->role, name, actor->organisation};
  });
  add_platform_routes(app);
}

void add_platform_routes(App& app) {
  add_invite_pages(app);
  add_admin_pages(app);
  add_campaign_pages(app);
  add_dashboard_pages(app);
  add_signup_pages(app);
  add_business_pages(app);
  add_basisscan_pages(app);
}

}  // namespace weerbaar::web
