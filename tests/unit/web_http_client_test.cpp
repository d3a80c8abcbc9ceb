// The HTTP client against tiny servers on 127.0.0.1 that behave well, badly and hostilely.
// Only loopback addresses are ever used.
#include "scan/web/http_client.hpp"
#include "scan/web/site_paths.hpp"
#include "scan/web/url.hpp"

#include "core/content.hpp"
#include "report/advice.hpp"
#include "support/check_runner.hpp"
#include "support/tiny_servers.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace weerbaar::scan::web {
namespace {
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;
using Ms = std::chrono::milliseconds;

// One accepted connection, plain or TLS, as the test's handler sees it.
class Conn {
 public:
  virtual ~Conn() = default;
  std::string request;  // request line and headers
  std::string sni;      // server name the client sent (TLS only)
  bool write(std::string_view data) {
    boost::system::error_code ec;
    write_some_all(data, ec);
    return !ec;
  }
  // Blocks until the client gives up and closes: a server that never answers.
  void wait_for_close() {
    char buf[256];
    boost::system::error_code ec;
    while (!ec) read_some(asio::buffer(buf), ec);
  }
  [[nodiscard]] std::string header(std::string_view name) const {
    auto pos = request.find("\r\n" + std::string(name) + ": ");
    if (pos == std::string::npos) return {};
    pos += name.size() + 4;
    return request.substr(pos, request.find("\r\n", pos) - pos);
  }
  // Reads the next request on the same connection (one kept open); false when the client
  // closed it.
  bool next_request() {
    request.clear();
    char c = 0;
    boost::system::error_code ec;
    while (request.size() < 65536 && request.find("\r\n\r\n") == std::string::npos) {
      if (read_some(asio::buffer(&c, 1), ec) != 1) return false;
      request += c;
    }
    return true;
  }
  [[nodiscard]] std::string target() const {
    auto sp = request.find(' ');
    return request.substr(sp + 1, request.find(' ', sp + 1) - sp - 1);
  }

 protected:
  virtual void write_some_all(std::string_view data, boost::system::error_code& ec) = 0;
  virtual std::size_t read_some(asio::mutable_buffer b, boost::system::error_code& ec) = 0;
};

class PlainConn : public Conn {
 public:
  explicit PlainConn(tcp::socket s) : s_(std::move(s)) {}

 protected:
  void write_some_all(std::string_view d, boost::system::error_code& ec) override {
    asio::write(s_, asio::buffer(d), ec);
  }
  std::size_t read_some(asio::mutable_buffer b, boost::system::error_code& ec) override { return s_.read_some(b, ec); }

 public:
  tcp::socket s_;
};

class TlsConn : public Conn {
 public:
  TlsConn(tcp::socket s, ssl::context& ctx) : s_(std::move(s), ctx) {}

 protected:
  void write_some_all(std::string_view d, boost::system::error_code& ec) override {
    asio::write(s_, asio::buffer(d), ec);
  }
  std::size_t read_some(asio::mutable_buffer b, boost::system::error_code& ec) override { return s_.read_some(b, ec); }

 public:
  ssl::stream<tcp::socket> s_;
};

// Reads one request's headers byte by byte (tests only; keeps the body, if any, unread).
template <typename Stream>
bool read_request(Stream& s, std::string& out) {
  char c;
  boost::system::error_code ec;
  while (out.size() < 65536 && out.find("\r\n\r\n") == std::string::npos) {
    if (asio::read(s, asio::buffer(&c, 1), ec) != 1) return false;
    out += c;
  }
  return true;
}

// A self-signed certificate for "localhost", made fresh for the test run.
std::shared_ptr<ssl::context> test_tls_context() {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  weerbaar::testing::use_self_signed_certificate(*ctx, "localhost");
  return ctx;
}

// Accepts on 127.0.0.1 (a free port) and runs handler for each connection in its own thread.
class LocalServer {
 public:
  using Handler = std::function<void(Conn&)>;
  enum class Mode { read_request_first, speak_first };
  explicit LocalServer(Handler handler, std::shared_ptr<ssl::context> tls = nullptr,
                       Mode mode = Mode::read_request_first)
      : handler_(std::move(handler)),
        tls_(std::move(tls)),
        mode_(mode),
        acceptor_(io_, {asio::ip::address_v4::loopback(), 0}) {
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
  ~LocalServer() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket wake(io_);
    wake.connect(endpoint(), ec);  // unblocks accept()
    accept_thread_.join();
    std::lock_guard lock(mutex_);
    for (auto& t : workers_) t.join();
  }
  [[nodiscard]] tcp::endpoint endpoint() const { return {asio::ip::address_v4::loopback(), port()}; }
  [[nodiscard]] std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  [[nodiscard]] int connections() const { return connections_; }

 private:
  void accept_loop() {
    while (true) {
      tcp::socket s(io_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      ++connections_;
      std::lock_guard lock(mutex_);
      workers_.emplace_back([this, sock = std::move(s)]() mutable { serve(std::move(sock)); });
    }
  }
  void serve(tcp::socket s) {
    boost::system::error_code ec;
    if (tls_) {
      TlsConn conn(std::move(s), *tls_);
      conn.s_.handshake(ssl::stream_base::server, ec);
      if (ec) return;
      if (const char* sni = SSL_get_servername(conn.s_.native_handle(), TLSEXT_NAMETYPE_host_name)) conn.sni = sni;
      if (read_request(conn.s_, conn.request)) handler_(conn);
      conn.s_.shutdown(ec);
    } else {
      PlainConn conn(std::move(s));
      if (mode_ == Mode::speak_first || read_request(conn.s_, conn.request)) handler_(conn);
      conn.s_.shutdown(tcp::socket::shutdown_both, ec);
    }
  }

  Handler handler_;
  std::shared_ptr<ssl::context> tls_;
  Mode mode_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread accept_thread_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
};

// A loopback port with nothing listening.
std::uint16_t closed_port() {
  asio::io_context io;
  tcp::acceptor a(io, {asio::ip::address_v4::loopback(), 0});
  return a.local_endpoint().port();
}

HttpOptions short_options() {
  HttpOptions opt;
  opt.user_agent = "weerbaar-test/1";
  opt.timeouts.connect = Ms(1000);
  opt.timeouts.handshake = Ms(1000);
  opt.timeouts.http_request = Ms(500);
  opt.max_body = 64 * 1024;
  return opt;
}

template <typename T>
T run(asio::io_context& io, net::awaitable<T> op) {
  std::optional<T> out;
  std::exception_ptr error;
  asio::co_spawn(io, std::move(op), [&](std::exception_ptr e, T v) {
    error = e;
    if (!e) out = std::move(v);
  });
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

HttpExchange fetch_now(tcp::endpoint ep, std::string host, bool https, std::string target, const HttpOptions& opt,
                       std::vector<HttpHeader> extra = {}) {
  asio::io_context io;
  return run(io, fetch(ep, std::move(host), https, std::move(target), opt, std::move(extra)));
}

const std::string kOk =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Mixed-Case: Yes\r\n"
    "Content-Length: 5\r\n\r\nhello";

TEST(HttpClient, NormalResponse) {
  std::string seen;
  LocalServer server([&](Conn& c) {
    seen = c.request;
    c.write(kOk);
  });
  auto ex = fetch_now(server.endpoint(), "shop.example", false, "/index.html", short_options(),
                      {{"origin", "https://weerbaar-cors-probe.invalid"}});
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_EQ(ex.url, "http://shop.example:" + std::to_string(server.port()) + "/index.html");
  ASSERT_TRUE(ex.response);
  EXPECT_EQ(ex.response->status, 200);
  EXPECT_EQ(ex.response->body, "hello");
  EXPECT_FALSE(ex.response->body_truncated);
  EXPECT_EQ(ex.response->all("set-cookie"), (std::vector<std::string>{"a=1", "b=2"}));
  ASSERT_NE(ex.response->header("x-mixed-case"), nullptr);
  EXPECT_EQ(*ex.response->header("x-mixed-case"), "Yes");

  EXPECT_EQ(seen.substr(0, 24), "GET /index.html HTTP/1.1");
  EXPECT_NE(seen.find("Host: shop.example:" + std::to_string(server.port())), std::string::npos) << seen;
  EXPECT_NE(seen.find("User-Agent: weerbaar-test/1"), std::string::npos);
  EXPECT_NE(seen.find("Accept: text/html"), std::string::npos);
  EXPECT_NE(seen.find("Connection: close"), std::string::npos);
  EXPECT_NE(seen.find("origin: https://weerbaar-cors-probe.invalid"), std::string::npos) << seen;
}

TEST(HttpClient, BodyEndedByCloseWithoutLength) {
  LocalServer server([](Conn& c) { c.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nContact: x\n"); });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_EQ(ex.response->body, "Contact: x\n");
  EXPECT_FALSE(ex.response->body_truncated);
}

TEST(HttpClient, RefusedConnection) {
  auto ex = fetch_now({asio::ip::address_v4::loopback(), closed_port()}, "localhost", false, "/", short_options());
  EXPECT_EQ(ex.status, NetStatus::refused);
  EXPECT_FALSE(ex.response);
}

TEST(HttpClient, ServerThatNeverAnswersTimesOut) {
  LocalServer server([](Conn& c) { c.wait_for_close(); });
  auto start = std::chrono::steady_clock::now();
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ex.status, NetStatus::timeout) << ex.error;
  EXPECT_LT(took, Ms(2000));
  EXPECT_GE(took, Ms(450));
}

TEST(HttpClient, EndlessBodyIsTruncatedAtTheCap) {
  LocalServer server([](Conn& c) {
    if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")) return;
    std::string chunk(8192, 'x');
    while (c.write(chunk)) {
    }
  });
  auto opt = short_options();
  opt.timeouts.http_request = Ms(5000);  // the cap, not the deadline, must end this
  auto start = std::chrono::steady_clock::now();
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", opt);
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_TRUE(ex.response->body_truncated);
  EXPECT_EQ(ex.response->body.size(), opt.max_body);
  EXPECT_LT(std::chrono::steady_clock::now() - start, Ms(4000));
}

TEST(HttpClient, HugeDeclaredLengthIsTruncatedNotRefused) {
  LocalServer server([](Conn& c) {
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n" + std::string(100 * 1024, 'y'));
  });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_TRUE(ex.response->body_truncated);
  EXPECT_EQ(ex.response->body.size(), 64u * 1024);
}

TEST(HttpClient, SlowBodyKeepsHeadersWhenTheDeadlinePasses) {
  LocalServer server([](Conn& c) {
    c.write("HTTP/1.1 200 OK\r\nServer: drip/1.0\r\nContent-Length: 1000\r\n\r\nab");
    c.wait_for_close();
  });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_EQ(*ex.response->header("server"), "drip/1.0");
  EXPECT_EQ(ex.response->body, "ab");
  EXPECT_TRUE(ex.response->body_truncated);
  EXPECT_NE(ex.error.find("deadline"), std::string::npos);
}

TEST(HttpClient, ConnectionClosedMidBodyIsTruncated) {
  LocalServer server([](Conn& c) { c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this"); });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_EQ(ex.response->body, "only this");
  EXPECT_TRUE(ex.response->body_truncated);
}

TEST(HttpClient, GarbageIsAProtocolError) {
  LocalServer server([](Conn& c) { c.write("SSH-2.0-OpenSSH_9.2\r\n\r\n\x01\x02\x03"); });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  EXPECT_EQ(ex.status, NetStatus::protocol_error);
  // Hanging up without a word is "closed" (the connection layer's word for it), not garbage.
  LocalServer silent_close([](Conn&) {});
  EXPECT_EQ(fetch_now(silent_close.endpoint(), "localhost", false, "/", short_options()).status, NetStatus::closed);
}

TEST(HttpClient, HugeHeadersAreTooLarge) {
  LocalServer server([](Conn& c) {
    std::string big = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 2000; ++i) big += "X-Filler-" + std::to_string(i) + ": " + std::string(60, 'z') + "\r\n";
    c.write(big + "\r\n");
  });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/", short_options());
  EXPECT_EQ(ex.status, NetStatus::too_large) << ex.error;
}

TEST(HttpClient, UnsafeTargetIsNeverSent) {
  LocalServer server([](Conn& c) { c.write(kOk); });
  auto ex = fetch_now(server.endpoint(), "localhost", false, "/a\r\nX-Evil: 1", short_options());
  EXPECT_EQ(ex.status, NetStatus::protocol_error);
  EXPECT_EQ(server.connections(), 0);
}

TEST(HttpClient, HttpsWithSniAndAnUntrustedCertificate) {
  std::string sni;
  LocalServer server(
      [&](Conn& c) {
        sni = c.sni;
        c.write(kOk);
      },
      test_tls_context());
  auto ex = fetch_now(server.endpoint(), "localhost", true, "/", short_options());
  ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
  EXPECT_EQ(ex.url, "https://localhost:" + std::to_string(server.port()) + "/");
  EXPECT_EQ(ex.response->body, "hello");
  EXPECT_EQ(sni, "localhost");
}

TEST(HttpClient, HttpsAgainstAServerThatIsNotTls) {
  LocalServer garbage([](Conn& c) { c.write("220 mail.example ESMTP ready\r\n"); }, nullptr,
                      LocalServer::Mode::speak_first);
  auto ex = fetch_now(garbage.endpoint(), "localhost", true, "/", short_options());
  EXPECT_EQ(ex.status, NetStatus::tls_failed) << ex.error;
  EXPECT_FALSE(ex.response);
}

TEST(HttpClient, HttpsHandshakeThatNeverCompletesTimesOut) {
  LocalServer silent([](Conn& c) { c.wait_for_close(); }, nullptr, LocalServer::Mode::speak_first);
  auto opt = short_options();
  opt.timeouts.handshake = Ms(400);
  auto start = std::chrono::steady_clock::now();
  auto ex = fetch_now(silent.endpoint(), "localhost", true, "/", opt);
  EXPECT_EQ(ex.status, NetStatus::timeout) << ex.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, Ms(2000));
}

// ---------------------------------------------------------------- why HTTPS is broken
// Handshakes that fail for real, as the client records them for https://host/, then judged by
// web.https and worded for the owner. The kind is a fact (from OpenSSL's reason code); the texts
// say it in plain words, and OpenSSL's own words stay only in the technician's marked note.

HttpExchange fetch_https(const LocalServer& server) {
  return fetch_now(server.endpoint(), "localhost", true, "/", short_options());
}

// A server that has nothing for the name asked, as nginx's ssl_reject_handshake: the
// unrecognized_name alert in answer to the ClientHello.
std::shared_ptr<ssl::context> rejecting_every_name() {
  auto ctx = test_tls_context();
  SSL_CTX_set_client_hello_cb(
      ctx->native_handle(),
      [](SSL* /*ssl*/, int* alert, void* /*arg*/) {
        *alert = SSL_AD_UNRECOGNIZED_NAME;
        return SSL_CLIENT_HELLO_ERROR;
      },
      nullptr);
  return ctx;
}

// A peer that sends bytes of its own as soon as it accepts, then waits for the client to close.
LocalServer sending(std::string bytes) {
  return LocalServer(
      [bytes = std::move(bytes)](Conn& c) {
        c.write(bytes);
        c.wait_for_close();
      },
      nullptr, LocalServer::Mode::speak_first);
}

void expect_worded(const HttpExchange& ex, TlsFailure kind) {
  ASSERT_EQ(ex.status, NetStatus::tls_failed) << ex.error;
  EXPECT_EQ(ex.tls_failure, kind) << ex.error;
  HostFacts facts;
  facts.host = "localhost";
  facts.web = WebFacts{};
  facts.web->https_root = ex;
  const CheckResult r = check_testing::run("web.https", facts);
  ASSERT_EQ(check_testing::ids(r), check_testing::Ids{"WEB_HTTPS_BROKEN"});
  const Finding& f = r.findings.front();
  EXPECT_EQ(f.params.at("cause"), to_string(kind));
  EXPECT_EQ(f.params.at("reason"), ex.error);

  const auto& lib = content::Library::embedded();
  const content::Text& phrase = lib.finding("WEB_HTTPS_BROKEN")->phrases.at("cause").at(std::string(to_string(kind)));
  // OpenSSL's part of the reason, e.g. "wrong version number (SSL routines)".
  const std::string openssl_words = ex.error.substr(ex.error.rfind(": ") + 2);
  const report::Advice nl = report::advise(r, f, "localhost", lib, content::Lang::nl);
  EXPECT_TRUE(nl.details.starts_with(phrase.nl)) << nl.details;
  const auto note = nl.details.find("Technische melding");
  ASSERT_NE(note, std::string::npos) << nl.details;
  for (const std::string& text : {nl.title, nl.impact, nl.fix, nl.request, nl.details.substr(0, note)}) {
    EXPECT_EQ(text.find(openssl_words), std::string::npos) << text;
    EXPECT_EQ(text.find("SSL"), std::string::npos) << text;
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
  }
  EXPECT_NE(nl.details.find(ex.error, note), std::string::npos) << "the technician keeps the reason: " << nl.details;
  const report::Advice en = report::advise(r, f, "localhost", lib, content::Lang::en);
  EXPECT_TRUE(en.details.starts_with(phrase.en)) << en.details;
  EXPECT_NE(en.details.find(ex.error), std::string::npos) << en.details;
}

TEST(HttpsBrokenCause, PlainHttpOnTheHttpsPortIsNotTls) {
  LocalServer plain([](Conn& c) { c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); }, nullptr,
                    LocalServer::Mode::speak_first);
  const HttpExchange ex = fetch_https(plain);
  EXPECT_NE(ex.error.find("wrong version number"), std::string::npos) << ex.error;
  expect_worded(ex, TlsFailure::not_tls);
}

TEST(HttpsBrokenCause, ProtocolVersionAlertIsNoCommonVersion) {
  // What a server that speaks only versions older than the client's says: a fatal protocol_version alert.
  const LocalServer old = sending(std::string("\x15\x03\x00\x00\x02\x02\x46", 7));
  const HttpExchange ex = fetch_https(old);
  EXPECT_NE(ex.error.find("protocol version"), std::string::npos) << ex.error;
  expect_worded(ex, TlsFailure::no_common_version);
}

TEST(HttpsBrokenCause, ServerWithNothingForTheNameIsUnknownName) {
  const LocalServer server([](Conn& /*c*/) {}, rejecting_every_name());
  const HttpExchange ex = fetch_https(server);
  EXPECT_NE(ex.error.find("unrecognized name"), std::string::npos) << ex.error;
  expect_worded(ex, TlsFailure::unknown_name);
}

TEST(HttpsBrokenCause, ServerWithoutACertificateRefuses) {
  // An OpenSSL server with no certificate at all accepts no suite, and says so with an alert.
  const LocalServer server([](Conn& /*c*/) {}, std::make_shared<ssl::context>(ssl::context::tls_server));
  const HttpExchange ex = fetch_https(server);
  EXPECT_NE(ex.error.find("the server refused"), std::string::npos) << ex.error;
  expect_worded(ex, TlsFailure::refused);
}

TEST(HttpsBrokenCause, AServerHelloTheClientCannotUseIsOther) {
  // A TLS 1.2 ServerHello choosing suite 0x0000, which no client offers: the client gives up itself.
  std::string hello("\x16\x03\x03\x00\x2a\x02\x00\x00\x26\x03\x03", 11);
  hello += std::string(32, '\x01') + std::string("\x00\x00\x00\x00", 4);
  const LocalServer odd = sending(hello);
  const HttpExchange ex = fetch_https(odd);
  expect_worded(ex, TlsFailure::other);
}

TEST(HttpsBrokenCause, EveryKindHasAPhraseInBothLanguages) {
  const auto& phrases = content::Library::embedded().finding("WEB_HTTPS_BROKEN")->phrases.at("cause");
  for (TlsFailure kind : {TlsFailure::not_tls, TlsFailure::no_common_version, TlsFailure::unknown_name,
                          TlsFailure::refused, TlsFailure::other}) {
    const auto it = phrases.find(std::string(to_string(kind)));
    ASSERT_NE(it, phrases.end()) << to_string(kind);
    EXPECT_FALSE(it->second.nl.empty() || it->second.en.empty()) << to_string(kind);
  }
  EXPECT_EQ(phrases.size(), 5U) << "a phrase for a kind the check never names";
}

// ---------------------------------------------------------------- probe_web

struct ProbeSetup {
  HttpOptions opt = short_options();
  std::vector<std::string> resolved;
};

WebFacts probe_now(LocalServer& http, std::uint16_t https_port, ProbeSetup& setup) {
  setup.opt.http_port = http.port();
  setup.opt.https_port = https_port;
  asio::io_context io;
  net::Limiter slots(io.get_executor(), 2);
  auto port = http.port();
  RedirectResolver resolver = [&setup, port](std::string host,
                                             std::uint16_t p) -> net::awaitable<std::optional<tcp::endpoint>> {
    setup.resolved.push_back(host + ":" + std::to_string(p));
    if (host == "other.test" && p == port) co_return tcp::endpoint(asio::ip::address_v4::loopback(), p);
    co_return std::nullopt;
  };
  return run(io, probe_web(http.endpoint(), "site.test", setup.opt, slots, resolver));
}

TEST(ProbeWeb, FollowsARedirectChainAcrossHosts) {
  std::string port;
  LocalServer server([&](Conn& c) {
    if (c.target() == "/") {
      c.write("HTTP/1.1 301 Moved\r\nLocation: /step2\r\nContent-Length: 0\r\n\r\n");
    } else if (c.target() == "/step2") {
      c.write("HTTP/1.1 302 Found\r\nLocation: http://other.test:" + port + "/final#frag\r\nContent-Length: 0\r\n\r\n");
    } else if (c.target() == "/final" && c.header("Host") == "other.test:" + port) {
      c.write(kOk);
    } else {
      c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }
  });
  port = std::to_string(server.port());
  ProbeSetup setup;
  WebFacts facts = probe_now(server, closed_port(), setup);
  ASSERT_EQ(facts.http_chain.size(), 3u);
  EXPECT_EQ(facts.http_chain[0].url, "http://site.test:" + port + "/");
  EXPECT_EQ(facts.http_chain[0].response->status, 301);
  EXPECT_EQ(facts.http_chain[1].url, "http://site.test:" + port + "/step2");
  EXPECT_EQ(facts.http_chain[2].url, "http://other.test:" + port + "/final");
  ASSERT_EQ(facts.http_chain[2].status, NetStatus::ok) << facts.http_chain[2].error;
  EXPECT_EQ(facts.http_chain[2].response->status, 200);
  EXPECT_EQ(setup.resolved, std::vector<std::string>{"other.test:" + port});
  EXPECT_EQ(facts.https_root.status, NetStatus::refused);
  EXPECT_EQ(facts.security_txt.status, NetStatus::refused);
}

TEST(ProbeWeb, StopsAtTheRedirectLimit) {
  LocalServer server(
      [](Conn& c) { c.write("HTTP/1.1 302 Found\r\nLocation: " + c.target() + "x\r\nContent-Length: 0\r\n\r\n"); });
  ProbeSetup setup;
  WebFacts facts = probe_now(server, closed_port(), setup);
  ASSERT_EQ(facts.http_chain.size(), max_redirect_hops);
  EXPECT_EQ(facts.http_chain.back().status, NetStatus::ok);
  EXPECT_NE(facts.http_chain.back().error.find("limit"), std::string::npos);
  EXPECT_EQ(server.connections(), static_cast<int>(max_redirect_hops));
}

TEST(ProbeWeb, DoesNotContactHostsTheResolverRefuses) {
  LocalServer server([](Conn& c) {
    c.write("HTTP/1.1 301 Moved\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\n\r\n");
  });
  ProbeSetup setup;
  WebFacts facts = probe_now(server, closed_port(), setup);
  ASSERT_EQ(facts.http_chain.size(), 2u);
  EXPECT_EQ(facts.http_chain[1].status, NetStatus::unreachable);
  EXPECT_EQ(facts.http_chain[1].url, "http://169.254.169.254/latest/meta-data/");
  EXPECT_FALSE(facts.http_chain[1].response);
  EXPECT_EQ(server.connections(), 1);
}

TEST(ProbeWeb, HttpsRootAndSecurityTxt) {
  LocalServer http(
      [](Conn& c) { c.write("HTTP/1.1 301 Moved\r\nLocation: https://site.test/\r\nContent-Length: 0\r\n\r\n"); });
  std::mutex m;
  std::vector<std::string> https_requests;
  LocalServer https(
      [&](Conn& c) {
        {
          std::lock_guard lock(m);
          https_requests.push_back(c.target() + " origin=" + c.header("origin") + " sni=" + c.sni);
        }
        if (c.target() == "/.well-known/security.txt") {
          c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nContact: x\n");
        } else {
          c.write(kOk);
        }
      },
      test_tls_context());
  ProbeSetup setup;
  WebFacts facts = probe_now(http, https.port(), setup);
  ASSERT_EQ(facts.https_root.status, NetStatus::ok) << facts.https_root.error;
  EXPECT_EQ(facts.https_root.response->body, "hello");
  ASSERT_EQ(facts.security_txt.status, NetStatus::ok) << facts.security_txt.error;
  EXPECT_EQ(facts.security_txt.response->body, "Contact: x\n");
  // The chain's https://site.test/ is on port 443 of the same address: nothing listens there.
  ASSERT_EQ(facts.http_chain.size(), 2u);
  EXPECT_EQ(facts.http_chain[1].url, "https://site.test/");
  // The home page (with the CORS probe), security.txt, and the short fixed list of site paths
  // plus the one path that cannot exist (web/site_paths.hpp): nothing else, each once.
  std::vector<std::string> expected{"/ origin=https://weerbaar-cors-probe.invalid sni=site.test",
                                    "/.well-known/security.txt origin= sni=site.test",
                                    std::string(web::kNotFoundProbePath) + " origin= sni=site.test"};
  for (auto p : web::site_paths()) expected.push_back(std::string(p) + " origin= sni=site.test");
  std::sort(expected.begin(), expected.end());
  std::sort(https_requests.begin(), https_requests.end());
  EXPECT_EQ(https_requests, expected);
}

// An apex that only redirects to www: the page at www is what a visitor sees, and what the
// page checks judge; the site's paths are asked there too.
TEST(ProbeWeb, FollowsTheHttpsRootToThePageWithinTheSite) {
  LocalServer http([](Conn& c) { c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"); });
  std::string port;
  std::mutex m;
  std::vector<std::string> www_requests;
  LocalServer https(
      [&](Conn& c) {
        if (c.sni == "site.test") {
          c.write("HTTP/1.1 301 Moved\r\nLocation: https://www.site.test:" + port + c.target() +
                  "\r\nContent-Length: 0\r\n\r\n");
          return;
        }
        {
          std::lock_guard lock(m);
          www_requests.push_back(c.target());
        }
        c.write(kOk);
      },
      test_tls_context());
  port = std::to_string(https.port());
  ProbeSetup setup;
  setup.opt.http_port = http.port();
  setup.opt.https_port = https.port();
  asio::io_context io;
  net::Limiter slots(io.get_executor(), 2);
  std::vector<std::string> resolved;
  RedirectResolver resolver = [&](std::string host, std::uint16_t p) -> net::awaitable<std::optional<tcp::endpoint>> {
    resolved.push_back(host);
    if (host == "www.site.test") co_return tcp::endpoint(asio::ip::address_v4::loopback(), p);
    co_return std::nullopt;
  };
  WebFacts facts = run(io, probe_web(http.endpoint(), "site.test", setup.opt, slots, resolver));
  ASSERT_EQ(facts.https_root.status, NetStatus::ok) << facts.https_root.error;
  EXPECT_EQ(facts.https_root.response->status, 301);
  ASSERT_EQ(facts.https_landing.size(), 1u);
  EXPECT_EQ(facts.https_landing[0].url, "https://www.site.test:" + port + "/");
  EXPECT_EQ(&facts.landing(), &facts.https_landing[0]);
  EXPECT_EQ(facts.landing().response->body, "hello");
  // The page was asked once with the CORS origin, then the site's paths on www.
  std::sort(www_requests.begin(), www_requests.end());
  EXPECT_EQ(std::count(www_requests.begin(), www_requests.end(), "/"), 1);
  EXPECT_EQ(std::count(www_requests.begin(), www_requests.end(), std::string(web::kNotFoundProbePath)), 1);
  ASSERT_FALSE(facts.paths.empty());
  EXPECT_EQ(facts.paths[0].exchange.url.rfind("https://www.site.test:", 0), 0u) << facts.paths[0].exchange.url;
}

TEST(ProbeWeb, DoesNotFollowTheHttpsRootOffTheSiteOrBackToHttp) {
  for (std::string location : {"https://elders.test/", "http://www.site.test/"}) {
    LocalServer http([](Conn& c) { c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"); });
    LocalServer https(
        [&](Conn& c) { c.write("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n"); },
        test_tls_context());
    ProbeSetup setup;
    WebFacts facts = probe_now(http, https.port(), setup);
    ASSERT_EQ(facts.https_root.status, NetStatus::ok) << location << ": " << facts.https_root.error;
    EXPECT_TRUE(facts.https_landing.empty()) << location;
    EXPECT_EQ(&facts.landing(), &facts.https_root) << location;
    EXPECT_TRUE(setup.resolved.empty()) << location;
  }
}

// ------------------------------------------------------------------ kept-open connections

std::string page_for(const std::string& target, const std::string& extra_header = "") {
  const std::string body = "page " + target;
  return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + extra_header +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::vector<HttpExchange> get_in_turn(tcp::endpoint ep, bool https, const std::vector<std::string>& targets,
                                      const HttpOptions& opt) {
  asio::io_context io;
  return run(io, [&]() -> net::awaitable<std::vector<HttpExchange>> {
    KeptConnection connection(ep, "localhost", https, opt);
    std::vector<HttpExchange> out;
    out.reserve(targets.size());
    for (const auto& t : targets) out.push_back(co_await connection.get(t));
    co_return out;
  }());
}

// Many small requests, one connection and one handshake (RFC 9112 section 9.3).
TEST(KeptConnection, AsksOneTargetAfterAnotherOverOneConnection) {
  std::mutex m;
  std::vector<std::string> seen;
  LocalServer server(
      [&](Conn& c) {
        do {
          {
            std::lock_guard lock(m);
            seen.push_back(c.request);
          }
          if (!c.write(page_for(c.target()))) return;
        } while (c.next_request());
      },
      test_tls_context());
  const std::vector<std::string> targets{"/een", "/twee", "/drie", "/vier"};
  auto out = get_in_turn(server.endpoint(), true, targets, short_options());
  ASSERT_EQ(out.size(), targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    ASSERT_EQ(out[i].status, NetStatus::ok) << targets[i] << ": " << out[i].error;
    EXPECT_EQ(out[i].response->body, "page " + targets[i]);
    EXPECT_EQ(out[i].url, "https://localhost:" + std::to_string(server.port()) + targets[i]);
  }
  EXPECT_EQ(server.connections(), 1);
  std::lock_guard lock(m);
  ASSERT_EQ(seen.size(), targets.size());
  for (const auto& r : seen) EXPECT_EQ(r.find("Connection: close"), std::string::npos) << r;
}

// Interim answers (103 Early Hints) before each real one: read past, so that each path gets its
// own answer on a kept connection (the second request used to get the first one's answer).
TEST(KeptConnection, InterimAnswersAreReadPast) {
  LocalServer server([](Conn& c) {
    do {
      if (!c.write("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" + page_for(c.target()))) return;
    } while (c.next_request());
  });
  auto out = get_in_turn(server.endpoint(), false, {"/een", "/twee", "/drie"}, short_options());
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].response->status, 200);
  EXPECT_EQ(out[0].response->body, "page /een");
  EXPECT_EQ(out[1].response->body, "page /twee");
  EXPECT_EQ(out[2].response->body, "page /drie");
  EXPECT_EQ(server.connections(), 1);
}

// A server that says it closes gets a new connection for the next request.
TEST(KeptConnection, ServerThatClosesAfterEachAnswer) {
  LocalServer server([](Conn& c) { c.write(page_for(c.target(), "Connection: close\r\n")); });
  auto out = get_in_turn(server.endpoint(), false, {"/a", "/b", "/c"}, short_options());
  for (const auto& ex : out) {
    ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
    EXPECT_EQ(ex.response->body.substr(0, 5), "page ");
  }
  EXPECT_EQ(server.connections(), 3);
}

// A server that closes a kept connection without saying so (its idle timeout): the request
// that met the closed connection is asked again on a new one, and nothing is lost.
TEST(KeptConnection, SilentCloseIsAskedAgainOnANewConnection) {
  LocalServer server([](Conn& c) { c.write(page_for(c.target())); }, test_tls_context());
  auto out = get_in_turn(server.endpoint(), true, {"/a", "/b", "/c"}, short_options());
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].response->body, "page /a");
  ASSERT_EQ(out[1].status, NetStatus::ok) << out[1].error;
  EXPECT_EQ(out[1].response->body, "page /b");
  ASSERT_EQ(out[2].status, NetStatus::ok) << out[2].error;
  EXPECT_EQ(out[2].response->body, "page /c");
  EXPECT_EQ(server.connections(), 3);
}

// A body cut at the cap leaves the rest on the wire: that connection is not used again.
TEST(KeptConnection, CappedBodyEndsTheConnection) {
  LocalServer server([](Conn& c) {
    do {
      if (!c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'))) return;
    } while (c.next_request());
  });
  HttpOptions opt = short_options();
  opt.max_body = 10;
  auto out = get_in_turn(server.endpoint(), false, {"/groot", "/nog"}, opt);
  for (const auto& ex : out) {
    ASSERT_EQ(ex.status, NetStatus::ok) << ex.error;
    EXPECT_EQ(ex.response->body, std::string(10, 'x'));
    EXPECT_TRUE(ex.response->body_truncated);
  }
  EXPECT_EQ(server.connections(), 2);
}

// A server that answers nothing on a kept connection: the deadline ends the request, as for a
// single fetch, and a hang is impossible.
TEST(KeptConnection, SilenceOnAKeptConnectionTimesOut) {
  LocalServer server([](Conn& c) {
    if (!c.write(page_for(c.target()))) return;
    if (c.next_request()) c.wait_for_close();
  });
  auto start = std::chrono::steady_clock::now();
  auto out = get_in_turn(server.endpoint(), false, {"/a", "/b"}, short_options());
  EXPECT_EQ(out[0].status, NetStatus::ok);
  EXPECT_EQ(out[1].status, NetStatus::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// Every request of one site's probe to its https origin (the root, security.txt and the extra
// paths) goes over at most two kept connections: two TLS handshakes per site rather than one per
// request; the http chain's hop to the root takes the root's answer.
TEST(ProbeWeb, EveryRequestToTheSiteSharesTwoConnections) {
  std::atomic<int> requests{0};
  LocalServer https(
      [&](Conn& c) {
        do {
          ++requests;
          const bool ok = c.target() == "/" ? c.write(page_for("/"))
                                            : c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
          if (!ok) return;
        } while (c.next_request());
      },
      test_tls_context());
  const std::string https_port = std::to_string(https.endpoint().port());
  LocalServer http([&](Conn& c) {
    c.write("HTTP/1.1 301 Moved\r\nLocation: https://site.test:" + https_port + "/\r\nContent-Length: 0\r\n\r\n");
  });
  ProbeSetup setup;
  WebFacts facts = probe_now(http, https.endpoint().port(), setup);
  ASSERT_EQ(facts.https_root.status, NetStatus::ok) << facts.https_root.error;
  EXPECT_EQ(facts.https_root.response->status, 200);
  ASSERT_EQ(facts.http_chain.size(), 2U);
  ASSERT_EQ(facts.http_chain[1].status, NetStatus::ok) << facts.http_chain[1].error;
  EXPECT_EQ(facts.http_chain[1].response->status, 200);
  ASSERT_EQ(facts.security_txt.status, NetStatus::ok) << facts.security_txt.error;
  EXPECT_EQ(facts.security_txt.response->status, 404);
  ASSERT_EQ(facts.paths.size(), site_paths().size() + 1);
  for (const auto& p : facts.paths) EXPECT_EQ(p.exchange.status, NetStatus::ok) << p.path << ": " << p.exchange.error;
  // The chain's hop to https://site.test/ takes the root's answer: the root is asked once.
  EXPECT_EQ(requests.load(), 2 + static_cast<int>(facts.paths.size()));
  EXPECT_LE(https.connections(), 2);
}

// The site-path probe asks its 18 paths over at most two connections.
TEST(ProbeSitePaths, TwoConnectionsKeptOpen) {
  std::atomic<int> requests{0};
  LocalServer server(
      [&](Conn& c) {
        do {
          ++requests;
          if (!c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")) return;
        } while (c.next_request());
      },
      test_tls_context());
  asio::io_context io;
  net::Limiter slots(io.get_executor(), 4);
  auto paths = run(io, probe_site_paths(server.endpoint(), "localhost", true, short_options(), slots));
  ASSERT_EQ(paths.size(), site_paths().size() + 1);
  for (const auto& p : paths) {
    ASSERT_EQ(p.exchange.status, NetStatus::ok) << p.path << ": " << p.exchange.error;
    EXPECT_EQ(p.exchange.response->status, 404);
  }
  EXPECT_EQ(requests.load(), static_cast<int>(paths.size()));
  EXPECT_LE(server.connections(), 2);
}

// A kept connection counts against the host's connection limit while it idles (the TLS probe
// of the same host waits for the same slots); a request to another origin of the pool closes it
// rather than wait for the slot it holds.
TEST(OriginPool, AnIdleConnectionHoldsItsSlotUntilAnotherOriginNeedsIt) {
  LocalServer server(
      [&](Conn& c) {
        do {
          if (!c.write(page_for(c.target()))) return;
        } while (c.next_request());
      },
      test_tls_context());
  asio::io_context io;
  net::Limiter slots(io.get_executor(), 1);
  const HttpOptions opt = short_options();
  bool slot_free_while_idle = true;
  HttpExchange other;
  run(io, [&]() -> net::awaitable<int> {
    OriginPool pool(co_await asio::this_coro::executor, opt, slots);
    Url apex{.https = true, .host = "localhost", .port = server.endpoint().port(), .target = "/een"};
    HttpExchange first = co_await pool.get(server.endpoint(), apex);
    EXPECT_EQ(first.status, NetStatus::ok) << first.error;
    // Another prober of the host (the TLS probe) does not get the only slot meanwhile.
    auto taken = co_await net::with_deadline(
        [&]() -> net::awaitable<bool> {
          auto slot = co_await slots.acquire();
          co_return true;
        }(),
        std::chrono::milliseconds(200));
    slot_free_while_idle = taken.has_value();
    Url www = apex;
    www.host = "www.localhost";
    www.target = "/twee";
    other = co_await pool.get(server.endpoint(), www);  // with one slot: only after closing the idle one
    co_return 0;
  }());
  EXPECT_FALSE(slot_free_while_idle);
  ASSERT_EQ(other.status, NetStatus::ok) << other.error;
  EXPECT_EQ(other.response->body, "page /twee");
  EXPECT_EQ(server.connections(), 2);
}

// With a single slot for the host (--host-connections 1) the probe still asks every path, never
// waiting on itself, over one connection.
TEST(ProbeSitePaths, OneSlotForTheHostIsEnough) {
  LocalServer server(
      [&](Conn& c) {
        do {
          if (!c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")) return;
        } while (c.next_request());
      },
      test_tls_context());
  asio::io_context io;
  net::Limiter slots(io.get_executor(), 1);
  HttpOptions opt = short_options();
  opt.host_connections = 1;
  auto paths = run(io, probe_site_paths(server.endpoint(), "localhost", true, opt, slots));
  ASSERT_EQ(paths.size(), site_paths().size() + 1);
  for (const auto& p : paths) EXPECT_EQ(p.exchange.status, NetStatus::ok) << p.path << ": " << p.exchange.error;
  EXPECT_EQ(server.connections(), 1);
}

}  // namespace
}  // namespace weerbaar::scan::web
