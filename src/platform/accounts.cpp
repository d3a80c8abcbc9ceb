#include "platform/accounts.hpp"

#include "core/time_text.hpp"
#include "platform/access.hpp"
#include "platform/audit.hpp"
#include "platform/outbox.hpp"
#include "platform/validate.hpp"

namespace weerbaar::platform {
namespace {

constexpr const char* kUserColumns = "id, email, name, role, COALESCE(organisation_id, 0), lang, disabled";

User user_from(const store::Row& r) {
  return User{r.integer(0), r.text(1), r.text(2),        role_from_string(r.text(3)).value_or(Role::entrepreneur),
              r.integer(4), r.text(5), r.integer(6) != 0};
}

std::string date_of(Time t) {
  return date_utc(std::chrono::system_clock::time_point(std::chrono::seconds(t)));
}

store::Value org_value(Id org) {
  return org > 0 ? store::Value(org) : store::null_value();
}

// An invitation that can still be accepted, or why not.
Result<Invitation> usable_invitation(store::Tx& tx, const std::string& token, Time now) {
  auto r = tx.one(
      "SELECT id, email, role, COALESCE(organisation_id, 0), COALESCE(campaign_id, 0), expires_at, used_at "
      "FROM invitations WHERE token_hash = ?",
      {token_hash(token)});
  if (!r) return Error::of("invitation.invalid");
  if (!r->null(6)) return Error::of("invitation.used");
  if (r->integer(5) < now) return Error::of("invitation.expired");
  return Invitation{r->integer(0), r->text(1),    role_from_string(r->text(2)).value_or(Role::helper),
                    r->integer(3), r->integer(4), r->integer(5),
                    false};
}

}  // namespace

Actor actor_of(const User& u) {
  return Actor{u.id, u.role, u.organisation};
}

std::optional<std::string> Accounts::first_start(const std::string& email) {
  auto clean = normalise_email(email);
  if (!clean) return std::nullopt;
  return ctx_.db.write([&](store::Tx& tx) -> std::optional<std::string> {
    if (tx.one("SELECT 1 FROM users WHERE role = 'administrator'")) return std::nullopt;
    std::string token = random_token();
    const Time now = ctx_.now();
    tx.exec(
        "INSERT INTO invitations (token_hash, email, role, expires_at, created_at) "
        "VALUES (?, ?, 'administrator', ?, ?)",
        {token_hash(token), *clean, now + 86400 * Time{ctx_.config.invitation_days}, now});
    audit(tx, now, Actor::system(), "invitation.create", "invitation", 0, "first administrator");
    return token;
  });
}

Result<Id> Accounts::create_organisation(const Actor& who, const std::string& name) {
  if (who.anonymous() || who.role != Role::administrator) return errors::forbidden();
  auto clean = clean_line(name, 200);
  if (!clean) return Error::of("organisation.name_invalid", "name");
  return guarded([&]() -> Result<Id> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Id> {
      if (tx.one("SELECT 1 FROM organisations WHERE name = ?", {*clean}))
        return Error::of("organisation.duplicate", "name");
      Id id =
          tx.insert("INSERT INTO organisations (name, created_at) VALUES (?, ?) RETURNING id", {*clean, ctx_.now()});
      audit(tx, ctx_.now(), who, "organisation.create", "organisation", id);
      return id;
    });
  });
}

Result<std::vector<Organisation>> Accounts::organisations(const Actor& who) {
  if (who.anonymous()) return errors::forbidden();
  return guarded([&]() -> Result<std::vector<Organisation>> {
    return ctx_.db.read([&](store::Tx& tx) {
      std::vector<Organisation> out;
      // Everyone but an administrator sees only their own organisation.
      auto rows = who.role == Role::administrator
                      ? tx.query("SELECT id, name FROM organisations ORDER BY name")
                      : tx.query("SELECT id, name FROM organisations WHERE id = ?", {who.organisation});
      for (const auto& r : rows) out.push_back(Organisation{r.integer(0), r.text(1)});
      return out;
    });
  });
}

Result<std::string> Accounts::invite(const Actor& who, const InviteInput& in) {
  if (who.anonymous() || who.api) return errors::forbidden();
  auto email = normalise_email(in.email);
  if (!email) return Error::of("invitation.email_invalid", "email");
  const bool admin_invites =
      who.role == Role::administrator && (in.role == Role::administrator || in.role == Role::coordinator);
  const bool coordinator_invites =
      who.role == Role::coordinator && in.role == Role::helper && in.organisation == who.organisation;
  if (!admin_invites && !coordinator_invites) return errors::forbidden();
  if (in.role != Role::administrator && in.organisation <= 0) return Error::of("invitation.organisation_required");
  return guarded([&]() -> Result<std::string> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<std::string> {
      auto org = tx.one("SELECT name FROM organisations WHERE id = ?", {in.organisation});
      if (in.role != Role::administrator && !org) return errors::not_found();
      if (in.campaign > 0 && campaign_organisation(tx, in.campaign) != in.organisation) return errors::forbidden();
      if (tx.one("SELECT 1 FROM users WHERE email = ?", {*email})) return Error::of("invitation.email_taken", "email");
      std::string token = random_token();
      const Time now = ctx_.now();
      const Time expires = now + 86400 * Time{ctx_.config.invitation_days};
      Id id = tx.insert(
          "INSERT INTO invitations (token_hash, email, role, organisation_id, campaign_id, invited_by, expires_at, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {token_hash(token), *email, std::string(to_string(in.role)), org_value(in.organisation),
           in.campaign > 0 ? store::Value(in.campaign) : store::null_value(),
           who.user > 0 ? store::Value(who.user) : store::null_value(), expires, now});
      auto inviter = tx.one("SELECT name FROM users WHERE id = ?", {who.user});
      queue_mail(tx, now, "invitation", "nl", *email,
                 {{"inviter", inviter ? inviter->text(0) : "Weerbaar"},
                  {"role", std::string(to_string(in.role))},
                  {"link", ctx_.config.base_url + "/invite/" + token},
                  {"expires", date_of(expires)}});
      audit(tx, now, who, "invitation.create", "invitation", id, std::string(to_string(in.role)));
      return token;
    });
  });
}

Result<Invitation> Accounts::invitation(const std::string& token) {
  return guarded([&]() -> Result<Invitation> {
    return ctx_.db.read([&](store::Tx& tx) { return usable_invitation(tx, token, ctx_.now()); });
  });
}

Result<Actor> Accounts::accept_invitation(const std::string& token, const std::string& name,
                                          const std::string& password) {
  auto clean_name = clean_line(name, 200);
  if (!clean_name) return Error::of("account.name_invalid", "name");
  if (auto p = password_problem(password); !p.empty()) return Error::of(p, "password");
  // Hash outside the transaction: Argon2id takes a while and must not hold the write lock.
  std::string hash = hash_password(password, ctx_.config.password_cost);
  return guarded([&]() -> Result<Actor> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Actor> {
      const Time now = ctx_.now();
      auto inv = usable_invitation(tx, token, now);
      if (!inv) return inv.error();
      if (tx.one("SELECT 1 FROM users WHERE email = ?", {inv->email})) return Error::of("invitation.email_taken");
      // Single use even for two simultaneous clicks: only one UPDATE finds it unused.
      if (!tx.one("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL RETURNING id", {now, inv->id}))
        return Error::of("invitation.used");
      Id user = tx.insert(
          "INSERT INTO users (email, name, role, organisation_id, password_hash, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {inv->email, *clean_name, std::string(to_string(inv->role)), org_value(inv->organisation), hash, now});
      if (inv->campaign > 0 && inv->role == Role::helper) {
        tx.exec("INSERT INTO campaign_helpers (campaign_id, user_id, added_at) VALUES (?, ?, ?)",
                {inv->campaign, user, now});
      }
      Actor a{user, inv->role, inv->organisation};
      audit(tx, now, a, "invitation.accept", "invitation", inv->id);
      return a;
    });
  });
}

Result<Actor> Accounts::login(const std::string& email, const std::string& password) {
  auto clean = normalise_email(email);
  return guarded([&]() -> Result<Actor> {
    auto row = ctx_.db.read([&](store::Tx& tx) {
      return tx.one("SELECT id, role, COALESCE(organisation_id, 0), password_hash, disabled FROM users WHERE email = ?",
                    {clean.value_or("")});
    });
    // Verify something even for an unknown address, so timing does not tell which exist.
    static const std::string dummy = hash_password("not-a-real-password", PasswordCost::minimal);
    bool good = verify_password(row && !row->null(3) ? row->text(3) : dummy, password);
    if (!row || !good || row->integer(4) != 0) return Error::of("login.failed");
    Actor a{row->integer(0), role_from_string(row->text(1)).value_or(Role::entrepreneur), row->integer(2)};
    ctx_.db.write([&](store::Tx& tx) { audit(tx, ctx_.now(), a, "login", "user", a.user); });
    return a;
  });
}

Result<User> Accounts::user(const Actor& who, Id id) {
  if (who.anonymous()) return errors::forbidden();
  if (who.user != id && who.role != Role::administrator) return errors::forbidden();
  return guarded([&]() -> Result<User> {
    auto r = ctx_.db.read([&](store::Tx& tx) {
      return tx.one(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id});
    });
    if (!r) return errors::not_found();
    return user_from(*r);
  });
}

Result<std::vector<User>> Accounts::users(const Actor& who) {
  if (who.anonymous() || (who.role != Role::administrator && who.role != Role::coordinator)) return errors::forbidden();
  return guarded([&]() -> Result<std::vector<User>> {
    return ctx_.db.read([&](store::Tx& tx) {
      std::vector<User> out;
      auto rows = who.role == Role::administrator
                      ? tx.query(std::string("SELECT ") + kUserColumns +
                                 " FROM users WHERE role <> 'entrepreneur' ORDER BY role, name")
                      : tx.query(std::string("SELECT ") + kUserColumns +
                                     " FROM users WHERE organisation_id = ? AND role IN ('coordinator', 'helper') "
                                     "ORDER BY role, name",
                                 {who.organisation});
      for (const auto& r : rows) out.push_back(user_from(r));
      return out;
    });
  });
}

Result<Session> Accounts::create_session(const Actor& who) {
  if (who.anonymous() || who.is_system()) return errors::forbidden();
  return guarded([&]() -> Result<Session> {
    Session s{random_token(), random_token(), who, ctx_.now() + 3600 * Time{ctx_.config.session_hours}};
    ctx_.db.write([&](store::Tx& tx) {
      // Expired sessions are swept whenever a new one starts; no separate job needed.
      tx.exec("DELETE FROM sessions WHERE expires_at < ?", {ctx_.now()});
      tx.exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
              {token_hash(s.token), who.user, s.csrf, ctx_.now(), s.expires_at});
    });
    return s;
  });
}

std::optional<Session> Accounts::session(const std::string& token) {
  try {
    auto r = ctx_.db.read([&](store::Tx& tx) {
      return tx.one(
          "SELECT s.csrf_token, s.expires_at, u.id, u.role, COALESCE(u.organisation_id, 0), u.disabled "
          "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at >= ?",
          {token_hash(token), ctx_.now()});
    });
    if (!r || r->integer(5) != 0) return std::nullopt;
    return Session{token, r->text(0),
                   Actor{r->integer(2), role_from_string(r->text(3)).value_or(Role::entrepreneur), r->integer(4)},
                   r->integer(1)};
  } catch (const store::DbError&) {
    return std::nullopt;  // no session is the safe answer when the database fails
  }
}

void Accounts::end_session(const std::string& token) {
  try {
    ctx_.db.write([&](store::Tx& tx) { tx.exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash(token)}); });
  } catch (const store::DbError&) {
  }
}

Result<std::string> Accounts::create_api_key(const Actor& who, const std::string& label) {
  if (who.anonymous() || who.api || who.role != Role::coordinator) return errors::forbidden();
  auto clean = clean_line(label, 100);
  if (!clean) return Error::of("apikey.label_invalid", "label");
  return guarded([&]() -> Result<std::string> {
    std::string key = "wb_" + random_token();
    ctx_.db.write([&](store::Tx& tx) {
      Id id = tx.insert(
          "INSERT INTO api_keys (organisation_id, key_hash, label, created_at) VALUES (?, ?, ?, ?) RETURNING id",
          {who.organisation, token_hash(key), *clean, ctx_.now()});
      audit(tx, ctx_.now(), who, "apikey.create", "api_key", id);
    });
    return key;
  });
}

std::optional<Id> Accounts::api_key_organisation(const std::string& key) {
  try {
    auto r = ctx_.db.read([&](store::Tx& tx) {
      return tx.one("SELECT organisation_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                    {token_hash(key)});
    });
    if (!r) return std::nullopt;
    return r->integer(0);
  } catch (const store::DbError&) {
    return std::nullopt;
  }
}

}  // namespace weerbaar::platform
