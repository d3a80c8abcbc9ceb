#include "web/sessions.hpp"

#include <gtest/gtest.h>

#include <set>

#include "web/http.hpp"
#include "web/login_limiter.hpp"

namespace weerbaar::web {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

TEST(WebSessions, TokensAreLongRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string t = random_token();
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(WebSessions, SecretsCompare) {
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abc", "abd"));
  EXPECT_FALSE(same_secret("abc", "ab"));
  EXPECT_FALSE(same_secret("", ""));  // an empty token never matches
}

TEST(WebSessions, SignInGivesANewIdAndToken) {
  SessionStore store;
  Session anon = store.create();
  Session user = store.sign_in(anon.id, {7, Role::helper, "Sam"});
  EXPECT_NE(user.id, anon.id);
  EXPECT_NE(user.csrf, anon.csrf);
  EXPECT_FALSE(store.find(anon.id).has_value());  // the old id is worth nothing now
  auto found = store.find(user.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, 7);
  EXPECT_EQ(found->role, Role::helper);
}

TEST(WebSessions, IdleAndAbsoluteExpiry) {
  SessionStore store({.idle = 30min, .absolute = 2h});
  auto t0 = Clock::now();
  Session s = store.create(t0);
  EXPECT_TRUE(store.find(s.id, t0 + 29min));
  EXPECT_TRUE(store.find(s.id, t0 + 58min));   // touched at 29 min
  EXPECT_FALSE(store.find(s.id, t0 + 90min));  // idle for 32 min
  Session busy = store.create(t0);
  for (auto t = t0; t < t0 + 2h; t += 20min) ASSERT_TRUE(store.find(busy.id, t));
  EXPECT_FALSE(store.find(busy.id, t0 + 2h + 1min));  // however busy
}

TEST(WebSessions, CapacityDropsAnonymousFirst) {
  SessionStore store({.max_sessions = 3});
  auto t0 = Clock::now();
  Session user = store.sign_in("", {1, Role::coordinator, "C"}, t0);
  for (int i = 0; i < 10; ++i) store.create(t0 + std::chrono::seconds(i));
  EXPECT_LE(store.size(), 3u);
  EXPECT_TRUE(store.find(user.id, t0 + 20s));
}

TEST(WebSessions, EndingAUsersSessions) {
  SessionStore store;
  Session a = store.sign_in("", {5, Role::entrepreneur, "A"});
  Session b = store.sign_in("", {5, Role::entrepreneur, "A"});
  Session other = store.sign_in("", {6, Role::entrepreneur, "B"});
  store.destroy_user(5);
  EXPECT_FALSE(store.find(a.id));
  EXPECT_FALSE(store.find(b.id));
  EXPECT_TRUE(store.find(other.id));
}

TEST(WebSessions, NoticeIsShownOnce) {
  SessionStore store;
  Session s = store.create();
  store.set_notice(s.id, "Saved.");
  EXPECT_EQ(store.take_notice(s.id), "Saved.");
  EXPECT_EQ(store.take_notice(s.id), "");
}

TEST(WebSessions, CookieAttributes) {
  std::string https = session_cookie("abc", true, 3600s);
  EXPECT_EQ(https, "__Host-weerbaar=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure");
  std::string plain = session_cookie("abc", false, 3600s);
  EXPECT_EQ(plain.find("Secure"), std::string::npos);  // a browser drops Secure cookies over http
  EXPECT_NE(plain.find("HttpOnly"), std::string::npos);
  EXPECT_NE(session_cookie_removal(true).find("Max-Age=0"), std::string::npos);
}

TEST(WebSessions, CookieHeaderIsRead) {
  Request req;
  req.set(http::field::cookie, "a=1; __Host-weerbaar=xyz ; weerbaar_lang=en");
  EXPECT_EQ(cookie(req, "__Host-weerbaar"), "xyz");
  EXPECT_EQ(cookie(req, "weerbaar_lang"), "en");
  EXPECT_FALSE(cookie(req, "weerbaar"));
}

TEST(WebLoginLimiter, BlocksAnAccountAfterFiveFailures) {
  LoginLimiter l;
  auto t0 = Clock::now();
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(l.blocked("a@b.nl", "127.62.4.9", t0));
    l.failed("a@b.nl", "127.62.4.9", t0);
  }
  auto wait = l.blocked("a@b.nl", "127.62.4.10", t0 + 1min);  // another address does not help
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 14min);
  EXPECT_FALSE(l.blocked("other@b.nl", "127.62.4.10", t0 + 1min));
  EXPECT_FALSE(l.blocked("a@b.nl", "127.62.4.10", t0 + 16min));  // the window has passed
}

TEST(WebLoginLimiter, BlocksAnAddressTryingManyAccounts) {
  LoginLimiter l;
  auto t0 = Clock::now();
  for (int i = 0; i < 20; ++i) l.failed("user" + std::to_string(i) + "@b.nl", "127.62.4.9", t0);
  EXPECT_TRUE(l.blocked("new@b.nl", "127.62.4.9", t0));
  EXPECT_FALSE(l.blocked("new@b.nl", "127.62.4.8", t0));
}

TEST(WebLoginLimiter, SuccessClearsTheAccount) {
  LoginLimiter l;
  auto t0 = Clock::now();
  for (int i = 0; i < 4; ++i) l.failed("a@b.nl", "127.62.4.9", t0);
  l.succeeded("a@b.nl");
  l.failed("a@b.nl", "127.62.4.9", t0);
  EXPECT_FALSE(l.blocked("a@b.nl", "127.62.4.9", t0));
}

TEST(WebForm, DecodesFieldsAndKeepsRepeats) {
  Form f = Form::parse("name=Bakkerij+Jansen&sector=food&sector=retail&x=%3Cb%3E&broken=%zz");
  EXPECT_EQ(f.get("name"), "Bakkerij Jansen");
  EXPECT_EQ(f.all("sector"), (std::vector<std::string>{"food", "retail"}));
  EXPECT_EQ(f.get("x"), "<b>");
  EXPECT_FALSE(f.has("broken"));
  EXPECT_EQ(url_decode("%00"), std::nullopt);  // no NUL bytes into the application
  EXPECT_EQ(url_encode("a b/é"), "a%20b%2F%C3%A9");
}

}  // namespace
}  // namespace weerbaar::web
