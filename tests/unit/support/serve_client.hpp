#pragma once
// A small synchronous HTTP(S) client and an in-process platform server for the web layer's
// tests. Servers listen on the web helper's test block, 127.62.4.0/24, on a free port.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "tiny_servers.hpp"
#include "web/app.hpp"
#include "web/http.hpp"
#include "web/pages/pages.hpp"
#include "web/server.hpp"

namespace weerbaar::web::testing {

inline constexpr const char* kTestAddress = "127.62.4.1";

inline Assets fake_assets() {
  Assets a;
  for (auto path : kRequiredAssets) a.add(std::string(path), "/* " + std::string(path) + " */");
  return a;
}

struct Reply {
  Response res;
  std::string error;  // transport error, empty when a response arrived
};

// One request on a new connection; https without certificate verification (a test certificate).
inline Reply send(std::uint16_t port, Request req, bool https = false, std::string_view host = kTestAddress,
                  std::string_view source = {}) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  asio::io_context ioc;
  Reply out;
  boost::system::error_code ec;
  asio::ip::tcp::endpoint ep(asio::ip::make_address(kTestAddress), port);
  req.version(11);
  if (req.find(http::field::host) == req.end())
    req.set(http::field::host, std::string(host) + ":" + std::to_string(port));
  req.prepare_payload();
  beast::flat_buffer buf;
  // A response to HEAD announces a length but carries no body.
  http::response_parser<http::string_body> parser;
  parser.skip(req.method() == http::verb::head);
  if (https) {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_verify_mode(asio::ssl::verify_none);
    beast::ssl_stream<beast::tcp_stream> s(ioc, ctx);
    beast::get_lowest_layer(s).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(s).connect(ep, ec);
    if (!ec) s.handshake(asio::ssl::stream_base::client, ec);
    if (!ec) http::write(s, req, ec);
    if (!ec) http::read(s, buf, parser, ec);
    if (ec) out.error = ec.message();
    if (!ec) out.res = parser.release();
    return out;
  }
  beast::tcp_stream s(ioc);
  s.expires_after(std::chrono::seconds(10));
  if (!source.empty()) {
    s.socket().open(asio::ip::tcp::v4());
    s.socket().bind({asio::ip::make_address(std::string(source)), 0});
  }
  s.connect(ep, ec);
  if (!ec) http::write(s, req, ec);
  if (!ec) http::read(s, buf, parser, ec);
  if (ec) out.error = ec.message();
  if (!ec) out.res = parser.release();
  return out;
}

inline Request get(std::string target) {
  return Request{http::verb::get, target, 11};
}

inline Request post_form(std::string target, std::string body) {
  Request r{http::verb::post, target, 11};
  r.set(http::field::content_type, "application/x-www-form-urlencoded");
  r.body() = std::move(body);
  return r;
}

// The whole Set-Cookie line for cookie `name` ("" when absent); the last wins.
inline std::string set_cookie_line(const Response& res, std::string_view name) {
  std::string found;
  for (auto it = res.find(http::field::set_cookie); it != res.end() && it->name() == http::field::set_cookie; ++it) {
    std::string_view v(it->value().data(), it->value().size());
    if (v.starts_with(std::string(name) + "=")) found = std::string(v);
  }
  return found;
}

// The value of cookie `name` from the response's Set-Cookie headers ("" when absent).
inline std::string set_cookie_value(const Response& res, std::string_view name) {
  std::string line = set_cookie_line(res, name);
  if (line.empty()) return line;
  auto start = name.size() + 1;
  return line.substr(start, line.find(';') - start);
}

// The value="..." of the hidden csrf input in a page.
inline std::string csrf_of(const std::string& body) {
  auto at = body.find("name=\"csrf\" value=\"");
  if (at == std::string::npos) return {};
  at += 19;
  return body.substr(at, body.find('"', at) - at);
}

// A throw-away key and self-signed certificate for 127.62.4.1, as PEM files.
struct TestCert {
  TestCert() {
    dir = std::filesystem::temp_directory_path() / ("weerbaar-web-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto made = weerbaar::testing::make_self_signed("platform.test");
    FILE* f = std::fopen((dir / "cert.pem").c_str(), "w");
    PEM_write_X509(f, made.cert.get());
    std::fclose(f);
    f = std::fopen((dir / "key.pem").c_str(), "w");
    PEM_write_PrivateKey(f, made.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
  }
  ~TestCert() { std::filesystem::remove_all(dir); }
  [[nodiscard]] TlsFiles files() const { return {(dir / "cert.pem").string(), (dir / "key.pem").string(), ""}; }
  std::filesystem::path dir;
};

// The platform's app (public and account pages) on a real server in this process.
struct TestPlatform {
  explicit TestPlatform(ServerOptions opt = {}) : app(AppOptions{}, fake_assets()) {
    add_public_pages(app);
    add_account_pages(app);
    app.set_verify_login([](std::string_view email, std::string_view password) -> std::optional<SignedInUser> {
      if (email == "coordinator@example.test" && password == "juist wachtwoord")
        return SignedInUser{1, Role::coordinator, "Coby"};
      return std::nullopt;
    });
    if (opt.listen == "127.0.0.1:8080") opt.listen = std::string(kTestAddress) + ":0";
    opt.threads = 2;
    server = std::make_unique<Server>(opt, [this](const Request& r, const Origin& o) { return app.dispatch(r, o); });
    server->start();
  }
  ~TestPlatform() {
    server->stop();
    server->wait(false);
  }
  TestPlatform(const TestPlatform&) = delete;
  TestPlatform& operator=(const TestPlatform&) = delete;
  App app;
  std::unique_ptr<Server> server;
};

}  // namespace weerbaar::web::testing
