// The platform's server, for real, on 127.62.4.1: headers, limits, CSRF, sessions, TLS,
// redirect, trusted proxy and a graceful stop.
#include <gtest/gtest.h>

#include <thread>

#include "support/serve_client.hpp"
#include "web/platform_glue.hpp"
#include "web/security_headers.hpp"

namespace weerbaar::web {
namespace {

using namespace testing;

std::string header(const Response& r, std::string_view name) {
  auto it = r.find(name);
  return it == r.end() ? std::string() : std::string(it->value());
}

TEST(WebServer, EveryResponseCarriesTheSecurityHeaders) {
  TestPlatform p;
  for (const char* target : {"/", "/login", "/does-not-exist", "/assets/weerbaar.css"}) {
    Reply r = send(p.server->port(), get(target));
    ASSERT_EQ(r.error, "") << target;
    const std::string csp = header(r.res, "Content-Security-Policy");
    EXPECT_EQ(csp, kContentSecurityPolicy) << target;
    EXPECT_EQ(csp.find("unsafe-"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(header(r.res, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(r.res, "X-Frame-Options"), "DENY");
    EXPECT_EQ(header(r.res, "Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(header(r.res, "Server"), "");
    EXPECT_EQ(header(r.res, "Strict-Transport-Security"), "");  // plain HTTP: HSTS means nothing
  }
}

TEST(WebServer, PagesAreDutchFirstWithAnEnglishSwitch) {
  TestPlatform p;
  Reply r = send(p.server->port(), get("/"));
  EXPECT_EQ(r.res.result(), http::status::ok);
  EXPECT_NE(r.res.body().find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(r.res.body().find("href=\"#main\""), std::string::npos);  // skip link
  EXPECT_EQ(r.res.body().find("style="), std::string::npos);          // no inline styles
  EXPECT_EQ(r.res.body().find("<script>"), std::string::npos);        // no inline scripts

  Reply sw = send(p.server->port(), get("/lang?to=en&back=/privacy"));
  EXPECT_EQ(sw.res.result(), http::status::see_other);
  EXPECT_EQ(header(sw.res, "Location"), "/privacy");
  EXPECT_EQ(set_cookie_value(sw.res, "weerbaar_lang"), "en");
  Request en = get("/privacy");
  en.set(http::field::cookie, "weerbaar_lang=en");
  Reply page = send(p.server->port(), en);
  EXPECT_NE(page.res.body().find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(page.res.body().find("Privacy statement"), std::string::npos);

  Reply evil = send(p.server->port(), get("/lang?to=en&back=//evil.example/"));
  EXPECT_EQ(header(evil.res, "Location"), "/");  // no open redirect
}

TEST(WebServer, UnknownPathsAndMethods) {
  TestPlatform p;
  EXPECT_EQ(send(p.server->port(), get("/nope")).res.result(), http::status::not_found);
  Request del{http::verb::delete_, "/login", 11};
  Reply r = send(p.server->port(), del);
  EXPECT_EQ(r.res.result(), http::status::method_not_allowed);
  EXPECT_EQ(header(r.res, "Allow"), "GET, POST");
  Request head{http::verb::head, "/", 11};
  Reply h = send(p.server->port(), head);
  EXPECT_EQ(h.res.result(), http::status::ok);
}

TEST(WebServer, PostWithoutTheSessionsCsrfTokenIsRefused) {
  TestPlatform p;
  // No session at all.
  Reply none = send(p.server->port(), post_form("/login", "email=a%40b.nl&password=x"));
  EXPECT_EQ(none.res.result(), http::status::forbidden);
  // A session, but the token of another.
  Reply form = send(p.server->port(), get("/login"));
  std::string sid = set_cookie_value(form.res, "weerbaar");
  ASSERT_FALSE(sid.empty());
  Request forged = post_form("/login", "csrf=" + random_token() + "&email=a%40b.nl&password=x");
  forged.set(http::field::cookie, "weerbaar=" + sid);
  EXPECT_EQ(send(p.server->port(), forged).res.result(), http::status::forbidden);
}

TEST(WebServer, LoginKeepsWhatWasTypedAndRenewsTheSession) {
  TestPlatform p;
  Reply form = send(p.server->port(), get("/login?next=/campaigns"));
  std::string sid = set_cookie_value(form.res, "weerbaar");
  std::string csrf = csrf_of(form.res.body());
  ASSERT_FALSE(csrf.empty());
  // A wrong password: the form comes back with the address kept and the error tied to the field.
  Request wrong =
      post_form("/login", "csrf=" + csrf + "&next=%2Fcampaigns&email=coordinator%40example.test&password=nee");
  wrong.set(http::field::cookie, "weerbaar=" + sid);
  Reply bad = send(p.server->port(), wrong);
  EXPECT_EQ(bad.res.result(), http::status::unprocessable_entity);
  EXPECT_NE(bad.res.body().find("value=\"coordinator@example.test\""), std::string::npos);
  EXPECT_NE(bad.res.body().find("aria-describedby=\"f-email-error\""), std::string::npos);
  EXPECT_NE(bad.res.body().find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_EQ(bad.res.body().find("nee"), std::string::npos);  // a password is never echoed

  Request right = post_form(
      "/login", "csrf=" + csrf + "&next=%2Fcampaigns&email=Coordinator%40example.test&password=juist+wachtwoord");
  right.set(http::field::cookie, "weerbaar=" + sid);
  Reply ok = send(p.server->port(), right);
  EXPECT_EQ(ok.res.result(), http::status::see_other);
  EXPECT_EQ(header(ok.res, "Location"), "/campaigns");
  std::string fresh = set_cookie_value(ok.res, "weerbaar");
  EXPECT_FALSE(fresh.empty());
  EXPECT_NE(fresh, sid);  // renewed on login
  EXPECT_FALSE(p.app.sessions().find(sid));
  auto s = p.app.sessions().find(fresh);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->role, Role::coordinator);
}

TEST(WebServer, LoginIsRateLimited) {
  TestPlatform p;
  Reply form = send(p.server->port(), get("/login"));
  std::string sid = set_cookie_value(form.res, "weerbaar");
  std::string csrf = csrf_of(form.res.body());
  auto attempt = [&](const std::string& password) {
    Request r = post_form("/login", "csrf=" + csrf + "&email=coordinator%40example.test&password=" + password);
    r.set(http::field::cookie, "weerbaar=" + sid);
    return send(p.server->port(), r).res.result();
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("fout"), http::status::unprocessable_entity);
  // Now even the right password waits.
  EXPECT_EQ(attempt("juist+wachtwoord"), http::status::too_many_requests);
}

TEST(WebServer, SignedInPagesSendVisitorsToLogin) {
  TestPlatform p;
  p.app.router().add(http::verb::get, "/campaigns", Access::only({Role::coordinator}),
                     [](Context&) { return text_response(http::status::ok, "campaigns"); });
  Reply r = send(p.server->port(), get("/campaigns?x=1"));
  EXPECT_EQ(r.res.result(), http::status::see_other);
  EXPECT_EQ(header(r.res, "Location"), "/login?next=%2Fcampaigns%3Fx%3D1");
  Session helper = p.app.sessions().sign_in("", {2, Role::helper, "Hans"});
  Request as_helper = get("/campaigns");
  as_helper.set(http::field::cookie, "weerbaar=" + helper.id);
  EXPECT_EQ(send(p.server->port(), as_helper).res.result(), http::status::forbidden);
}

// A path that names one object answers a role that may never use it as it answers someone
// else's object: 404, so the status does not tell that the id exists. Other routes say 403.
TEST(WebServer, ObjectRoutesAreNotFoundForOtherRoles) {
  TestPlatform p;
  p.app.router().add(http::verb::get, "/businesses/{id}/report.pdf", Access::only({Role::entrepreneur, Role::helper}),
                     [](Context&) { return text_response(http::status::ok, "pdf"); });
  p.app.router().add(http::verb::get, "/caseload", Access::only({Role::helper}),
                     [](Context&) { return text_response(http::status::ok, "caseload"); });
  Session coordinator = p.app.sessions().sign_in("", {3, Role::coordinator, "Carla", 1});
  auto as_coordinator = [&](std::string target) {
    Request r = get(std::move(target));
    r.set(http::field::cookie, "weerbaar=" + coordinator.id);
    return send(p.server->port(), r).res.result();
  };
  EXPECT_EQ(as_coordinator("/businesses/7/report.pdf"), http::status::not_found);
  EXPECT_EQ(as_coordinator("/caseload"), http::status::forbidden);
  Session helper = p.app.sessions().sign_in("", {2, Role::helper, "Hans"});
  Request r = get("/businesses/7/report.pdf");
  r.set(http::field::cookie, "weerbaar=" + helper.id);
  EXPECT_EQ(send(p.server->port(), r).res.result(), http::status::ok);
}

TEST(WebServer, OversizedRequestsAreRefused) {
  ServerOptions opt;
  opt.body_limit = 1024;
  opt.header_limit = 2048;
  TestPlatform p(opt);
  Reply big = send(p.server->port(), post_form("/login", std::string(4096, 'a')));
  EXPECT_EQ(big.res.result(), http::status::payload_too_large);
  Request fat = get("/");
  fat.set("X-Filler", std::string(4096, 'b'));
  EXPECT_EQ(send(p.server->port(), fat).res.result(), http::status::request_header_fields_too_large);
}

TEST(WebServer, ASilentClientIsDisconnectedAtTheDeadline) {
  ServerOptions opt;
  opt.request_timeout = std::chrono::seconds(1);
  TestPlatform p(opt);
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket s(ioc);
  s.connect({boost::asio::ip::make_address(kTestAddress), p.server->port()});
  boost::asio::write(s, boost::asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));  // never finished
  auto t0 = std::chrono::steady_clock::now();
  char buf[64];
  boost::system::error_code ec;
  s.read_some(boost::asio::buffer(buf), ec);
  EXPECT_TRUE(ec);  // closed by the server
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(WebServer, HttpsWithHstsAndOnlyModernTls) {
  TestCert cert;
  ServerOptions opt;
  opt.tls = cert.files();
  opt.redirect_listen = std::string(kTestAddress) + ":0";
  TestPlatform p(opt);
  Reply r = send(p.server->port(), get("/login"), true);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(header(r.res, "Strict-Transport-Security"), kHsts);
  const std::string cookie = set_cookie_line(r.res, "__Host-weerbaar");
  EXPECT_FALSE(cookie.empty());
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);

  // TLS 1.1 is refused.
  boost::asio::io_context ioc;
  boost::asio::ssl::context old(boost::asio::ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(old.native_handle(), TLS1_1_VERSION);
  SSL_CTX_set_max_proto_version(old.native_handle(), TLS1_1_VERSION);
  SSL_CTX_set_security_level(old.native_handle(), 0);
  boost::beast::ssl_stream<boost::beast::tcp_stream> s(ioc, old);
  boost::system::error_code ec;
  boost::beast::get_lowest_layer(s).expires_after(std::chrono::seconds(5));
  boost::beast::get_lowest_layer(s).connect({boost::asio::ip::make_address(kTestAddress), p.server->port()}, ec);
  ASSERT_FALSE(ec);
  s.handshake(boost::asio::ssl::stream_base::client, ec);
  EXPECT_TRUE(ec);

  // Plain HTTP on the redirect port goes to the same host over HTTPS.
  Reply redirect = send(p.server->redirect_port(), get("/login?x=1"), false, "platform.test");
  EXPECT_EQ(redirect.res.result(), http::status::moved_permanently);
  EXPECT_EQ(header(redirect.res, "Location"),
            "https://platform.test:" + std::to_string(p.server->port()) + "/login?x=1");
}

TEST(WebServer, ForwardedHeadersCountOnlyFromTrustedProxies) {
  ServerOptions opt;
  opt.trusted_proxies = {"127.62.4.2"};
  TestPlatform p(opt);
  Request via = get("/login");
  via.set("X-Forwarded-Proto", "https");
  via.set("X-Forwarded-For", "198.51.100.7, 127.62.4.50");
  Reply trusted = send(p.server->port(), via, false, kTestAddress, "127.62.4.2");
  ASSERT_EQ(trusted.error, "");
  EXPECT_EQ(header(trusted.res, "Strict-Transport-Security"), kHsts);  // the proxy speaks HTTPS to the visitor
  EXPECT_FALSE(set_cookie_value(trusted.res, "__Host-weerbaar").empty());
  Reply untrusted = send(p.server->port(), via, false, kTestAddress, "127.62.4.3");
  ASSERT_EQ(untrusted.error, "");
  EXPECT_EQ(header(untrusted.res, "Strict-Transport-Security"), "");
  EXPECT_FALSE(set_cookie_value(untrusted.res, "weerbaar").empty());
}

TEST(WebServer, StopsGracefully) {
  auto p = std::make_unique<TestPlatform>();
  std::uint16_t port = p->server->port();
  EXPECT_EQ(send(port, get("/")).res.result(), http::status::ok);
  auto t0 = std::chrono::steady_clock::now();
  p.reset();  // stop() and wait
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
  EXPECT_NE(send(port, get("/")).error, "");  // nobody listens any more
}

TEST(WebServer, ListenAddressesAreChecked) {
  EXPECT_THROW(parse_listen("localhost:80"), ServerError);
  EXPECT_THROW(parse_listen("127.0.0.1"), ServerError);
  EXPECT_THROW(parse_listen("127.0.0.1:99999"), ServerError);
  EXPECT_EQ(parse_listen("[::1]:8443").first, "::1");
  EXPECT_EQ(parse_listen("127.62.4.1:8080").second, 8080);
}

}  // namespace
// A business's standing in the lists: the follow-up date of the latest note, written for people;
// a date that is not YYYY-MM-DD is left out, not guessed at.
TEST(WebStanding, FollowUpDateForPeople) {
  App app(AppOptions{}, fake_assets());
  const Request req;
  const Origin origin;
  Context ctx(app, req, origin);
  platform::Standing st;
  st.step = platform::Standing::Step::waiting;
  st.follow_up = "2027-01-15";
  EXPECT_NE(standing_html(ctx, st).str().find("Vervolggesprek op 15 januari 2027"), std::string::npos);
  ctx.lang = content::Lang::en;
  EXPECT_NE(standing_html(ctx, st).str().find("Follow-up on 15 January 2027"), std::string::npos);
  for (const char* bad : {"", "2027/01/15", "15-01-2027", "2027-01-1x", "2027-+1-15", " 2027-1-15"}) {
    st.follow_up = bad;
    const std::string html = standing_html(ctx, st).str();
    EXPECT_NE(html.find("Waiting for the scan"), std::string::npos) << bad;
    EXPECT_EQ(html.find("Follow-up"), std::string::npos) << bad;
  }
}

}  // namespace weerbaar::web
