#pragma once
// Organisations, accounts, invitations and sessions.
#include <optional>
#include <string>
#include <vector>

#include "platform/context.hpp"

namespace weerbaar::platform {

struct InviteInput {
  std::string email;
  Role role = Role::helper;
  Id organisation = 0;  // required for coordinators and helpers
  Id campaign = 0;      // helpers: the campaign they join (optional)
};

class Accounts {
 public:
  explicit Accounts(Context& ctx) : ctx_(ctx) {}

  // First start: while no administrator exists, creates an invitation for one and returns its
  // token (print base_url + "/invite/" + token). Nullopt once an administrator exists.
  std::optional<std::string> first_start(const std::string& email);

  Result<Id> create_organisation(const Actor& who, const std::string& name);
  Result<std::vector<Organisation>> organisations(const Actor& who);

  // Administrators invite administrators and coordinators; coordinators invite helpers to
  // their own organisation. Queues the invitation e-mail; returns the link's token.
  Result<std::string> invite(const Actor& who, const InviteInput& in);
  // What an invitation link offers, or invitation.invalid / .expired / .used.
  Result<Invitation> invitation(const std::string& token);
  // Creates the account and uses up the invitation (single use).
  Result<Actor> accept_invitation(const std::string& token, const std::string& name, const std::string& password);

  // login.failed for a wrong e-mail or password alike (no account probing).
  Result<Actor> login(const std::string& email, const std::string& password);
  Result<User> user(const Actor& who, Id id);         // oneself; administrators anyone
  Result<std::vector<User>> users(const Actor& who);  // administrators: all; coordinators: their organisation

  // Sessions live in the database so a restart logs nobody out. A new session on every
  // login (renewal); the old one is ended by the caller with end_session.
  Result<Session> create_session(const Actor& who);
  std::optional<Session> session(const std::string& token);
  void end_session(const std::string& token);

  // Per-organisation keys for the JSON API; the key is shown once.
  Result<std::string> create_api_key(const Actor& who, const std::string& label);
  std::optional<Id> api_key_organisation(const std::string& key);

 private:
  Context& ctx_;
};

Actor actor_of(const User& u);

}  // namespace weerbaar::platform
