#include "web/sessions.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <utility>

namespace weerbaar::web {

std::string random_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("no randomness");
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned bits = 0;
  int have = 0;
  for (unsigned char b : bytes) {
    bits = (bits << 8) | b;
    have += 8;
    while (have >= 6) {
      out += alphabet[(bits >> (have - 6)) & 63];
      have -= 6;
    }
  }
  if (have > 0) out += alphabet[(bits << (6 - have)) & 63];
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool SessionStore::expired(const Session& s, Clock::time_point now) const {
  return now - s.last_seen > limits_.idle || now - s.created > limits_.absolute;
}

void SessionStore::sweep(Clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = expired(it->second, now) ? sessions_.erase(it) : std::next(it);
  }
  // Still full: the anonymous sessions idle longest go first.
  while (sessions_.size() >= limits_.max_sessions) {
    auto oldest = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.signed_in()) continue;
      if (oldest == sessions_.end() || it->second.last_seen < oldest->second.last_seen) oldest = it;
    }
    if (oldest == sessions_.end()) oldest = sessions_.begin();
    sessions_.erase(oldest);
  }
}

Session SessionStore::keep(Session s, Clock::time_point now) {
  s.created = now;
  s.last_seen = now;
  std::lock_guard lock(mu_);
  if (sessions_.size() >= limits_.max_sessions) sweep(now);
  sessions_[s.id] = s;
  return s;
}

Session SessionStore::create(Clock::time_point now) {
  Session s;
  s.id = random_token();
  s.csrf = random_token();
  return keep(std::move(s), now);
}

std::optional<Session> SessionStore::find(std::string_view id, Clock::time_point now) {
  std::unique_lock lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    if (!backend_ || id.empty()) return std::nullopt;
    // Signed in before a restart: the database still knows the session.
    lock.unlock();
    auto loaded = backend_->load(id);
    if (!loaded) return std::nullopt;
    return keep(std::move(*loaded), now);
  }
  if (expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

Session SessionStore::sign_in(std::string_view old_id, const SignedInUser& user, Clock::time_point now) {
  destroy(old_id);
  Session s;
  if (backend_) {
    auto stored = backend_->create(user);
    if (!stored) throw std::runtime_error("the session could not be stored");
    s.id = std::move(stored->token);
    s.csrf = std::move(stored->csrf);
  } else {
    s.id = random_token();
    s.csrf = random_token();
  }
  s.user_id = user.id;
  s.role = user.role;
  s.user_name = user.name;
  s.organisation = user.organisation;
  return keep(std::move(s), now);
}

void SessionStore::destroy(std::string_view id) {
  if (id.empty()) return;
  {
    std::lock_guard lock(mu_);
    if (auto it = sessions_.find(id); it != sessions_.end()) sessions_.erase(it);
  }
  if (backend_) backend_->end(id);
}

void SessionStore::destroy_user(std::int64_t user_id) {
  std::lock_guard lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.user_id == user_id ? sessions_.erase(it) : std::next(it);
  }
}

void SessionStore::set_notice(std::string_view id, std::string notice) {
  std::lock_guard lock(mu_);
  if (auto it = sessions_.find(id); it != sessions_.end()) it->second.notice = std::move(notice);
}

std::string SessionStore::take_notice(std::string_view id) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return {};
  return std::exchange(it->second.notice, {});
}

std::size_t SessionStore::size() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::string session_cookie_name(bool https) {
  return https ? "__Host-weerbaar" : "weerbaar";
}

std::string session_cookie(std::string_view id, bool https, std::chrono::seconds max_age) {
  std::string c = session_cookie_name(https) + "=" + std::string(id) +
                  "; Path=/; Max-Age=" + std::to_string(max_age.count()) + "; HttpOnly; SameSite=Lax";
  if (https) c += "; Secure";
  return c;
}

std::string session_cookie_removal(bool https) {
  std::string c = session_cookie_name(https) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  if (https) c += "; Secure";
  return c;
}

}  // namespace weerbaar::web
