#pragma once
// Sessions of the platform's visitors, held in the server's memory (a restart signs everyone
// out; see docs/decisions.md). The id is 256 random bits in a cookie; each session carries its
// own CSRF token (synchronizer token pattern). Signing in gives a new id, so an id planted
// before login is worth nothing after it.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "platform/model.hpp"

namespace weerbaar::web {

// The platform's roles; to_string and role_from_string come with them.
using Role = platform::Role;

// A user the store vouches for.
struct SignedInUser {
  std::int64_t id = 0;
  Role role = Role::entrepreneur;
  std::string name;
  std::int64_t organisation = 0;  // coordinators and helpers: their organisation
};

struct Session {
  std::string id;
  std::string csrf;
  std::optional<std::int64_t> user_id;  // nullopt: an anonymous visitor (e.g. filling in sign-up)
  Role role = Role::entrepreneur;
  std::string user_name;  // shown in the header
  std::int64_t organisation = 0;
  std::string notice;  // one message for the next page ("Saved."), shown once
  std::chrono::system_clock::time_point created;
  std::chrono::system_clock::time_point last_seen;
  [[nodiscard]] bool signed_in() const { return user_id.has_value(); }
};

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};           // signed out after half an hour without a request
  std::chrono::seconds absolute{12 * 60 * 60};  // and after twelve hours whatever happens
  std::size_t max_sessions = 100000;            // anonymous floods cannot exhaust memory
};

// Where signed-in sessions are kept beyond this process: the platform's database, so that a
// restart signs nobody out. Anonymous sessions (a CSRF token for the sign-up form) stay in memory.
class SessionBackend {
 public:
  virtual ~SessionBackend() = default;
  struct Created {
    std::string token;
    std::string csrf;
  };
  virtual std::optional<Created> create(const SignedInUser& user) = 0;
  virtual std::optional<Session> load(std::string_view token) = 0;
  virtual void end(std::string_view token) = 0;
};

class SessionStore {
 public:
  using Clock = std::chrono::system_clock;
  explicit SessionStore(SessionLimits limits = {}) : limits_(limits) {}

  // A new anonymous session.
  Session create(Clock::time_point now = Clock::now());
  // The session with this id if it exists and has not expired; touches it.
  std::optional<Session> find(std::string_view id, Clock::time_point now = Clock::now());
  // Signs a user in: the old session (if any) is ended and a new one with a new id and a new
  // CSRF token is returned.
  // Throws std::runtime_error when the backend cannot store the session.
  Session sign_in(std::string_view old_id, const SignedInUser& user, Clock::time_point now = Clock::now());
  void set_backend(std::shared_ptr<SessionBackend> backend) { backend_ = std::move(backend); }
  void destroy(std::string_view id);
  // Ends every session of a user (password changed, account removed).
  void destroy_user(std::int64_t user_id);
  void set_notice(std::string_view id, std::string notice);
  // Returns the notice and clears it.
  std::string take_notice(std::string_view id);
  [[nodiscard]] std::size_t size();

 private:
  // Stores s (created and last seen now) and returns it.
  Session keep(Session s, Clock::time_point now);
  void sweep(Clock::time_point now);
  [[nodiscard]] bool expired(const Session& s, Clock::time_point now) const;
  SessionLimits limits_;
  std::shared_ptr<SessionBackend> backend_;
  std::mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_;
};

// 256 random bits, base64url without padding (43 characters).
std::string random_token();
// Compares secrets in time independent of where they differ.
bool same_secret(std::string_view a, std::string_view b);

// Set-Cookie values for the session cookie. With HTTPS the name carries the __Host- prefix, so
// the browser insists on Secure, Path=/ and no Domain.
std::string session_cookie_name(bool https);
std::string session_cookie(std::string_view id, bool https, std::chrono::seconds max_age);
std::string session_cookie_removal(bool https);

}  // namespace weerbaar::web
