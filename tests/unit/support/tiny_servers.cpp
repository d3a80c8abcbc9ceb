#include "tiny_servers.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <map>
#include <mutex>
#include <thread>

namespace weerbaar::testing {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

const std::string kPage =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 38\r\nConnection: close\r\n\r\n"
    "<html><body>tiny test page</body></html>";

}  // namespace

struct TinyServers::Impl {
  asio::io_context io;
  ssl::context tls{ssl::context::tls_server};
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::thread thread;
  mutable std::mutex mutex;
  std::map<std::uint16_t, int> counts;

  void count(std::uint16_t port) {
    std::lock_guard lock(mutex);
    ++counts[port];
  }

  static asio::awaitable<void> https(tcp::socket s, ssl::context& tls) {
    ssl::stream<tcp::socket> stream(std::move(s), tls);
    error_code ec;
    co_await stream.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    asio::streambuf request;
    co_await asio::async_read_until(stream, request, "\r\n\r\n", asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await asio::async_write(stream, asio::buffer(kPage), asio::redirect_error(asio::use_awaitable, ec));
    co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
  }

  static asio::awaitable<void> http(tcp::socket s) {
    error_code ec;
    asio::streambuf request;
    co_await asio::async_read_until(s, request, "\r\n\r\n", asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    const std::string moved =
        "HTTP/1.1 301 Moved Permanently\r\nLocation: https://tiny.test/\r\nContent-Length: 0\r\nConnection: "
        "close\r\n\r\n";
    co_await asio::async_write(s, asio::buffer(moved), asio::redirect_error(asio::use_awaitable, ec));
  }

  static asio::awaitable<void> smtp(tcp::socket s) {
    error_code ec;
    const std::string greeting = "220 tiny.test ESMTP\r\n";
    co_await asio::async_write(s, asio::buffer(greeting), asio::redirect_error(asio::use_awaitable, ec));
    asio::streambuf in;
    for (int i = 0; i < 8 && !ec; ++i) {
      std::size_t n = co_await asio::async_read_until(s, in, "\r\n", asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      std::string line(asio::buffers_begin(in.data()), asio::buffers_begin(in.data()) + static_cast<long>(n));
      in.consume(n);
      std::string reply = "250 ok\r\n";
      if (line.rfind("EHLO", 0) == 0 || line.rfind("ehlo", 0) == 0) reply = "250-tiny.test\r\n250 SIZE 1000000\r\n";
      if (line.rfind("QUIT", 0) == 0) reply = "221 bye\r\n";
      if (line.rfind("STARTTLS", 0) == 0) reply = "454 TLS not available\r\n";
      co_await asio::async_write(s, asio::buffer(reply), asio::redirect_error(asio::use_awaitable, ec));
      if (reply.rfind("221", 0) == 0) co_return;
    }
  }

  asio::awaitable<void> accept(tcp::acceptor& acceptor, std::uint16_t port) {
    for (;;) {
      error_code ec;
      tcp::socket s = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) continue;
      count(port);
      if (port == 443) {
        asio::co_spawn(io, https(std::move(s), tls), asio::detached);
      } else if (port == 80) {
        asio::co_spawn(io, http(std::move(s)), asio::detached);
      } else if (port == 25) {
        asio::co_spawn(io, smtp(std::move(s)), asio::detached);
      } else {
        s.close(ec);
      }
    }
  }

  void listen(const std::string& address, std::uint16_t port) {
    auto a = std::make_unique<tcp::acceptor>(io);
    tcp::endpoint ep(asio::ip::make_address(address), port);
    a->open(ep.protocol());
    a->set_option(tcp::acceptor::reuse_address(true));
    a->bind(ep);
    a->listen();
    asio::co_spawn(io, accept(*a, port), asio::detached);
    acceptors.push_back(std::move(a));
  }
};

SelfSigned make_self_signed(const std::string& common_name) {
  SelfSigned out{std::shared_ptr<EVP_PKEY>(EVP_EC_gen("P-256"), EVP_PKEY_free),
                 std::shared_ptr<X509>(X509_new(), X509_free)};
  X509* cert = out.cert.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_set_pubkey(cert, out.key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert, name);
  X509_sign(cert, out.key.get(), EVP_sha256());
  return out;
}

void use_self_signed_certificate(boost::asio::ssl::context& ctx, const std::string& common_name) {
  const SelfSigned made = make_self_signed(common_name);
  SSL_CTX_use_certificate(ctx.native_handle(), made.cert.get());
  SSL_CTX_use_PrivateKey(ctx.native_handle(), made.key.get());
}

TinyServers::TinyServers(const std::string& address, bool https, bool smtp, std::vector<std::uint16_t> extra)
    : impl_(std::make_unique<Impl>()) {
  use_self_signed_certificate(impl_->tls, "tiny.test");
  if (https) {
    impl_->listen(address, 443);
    impl_->listen(address, 80);
  }
  if (smtp) impl_->listen(address, 25);
  for (auto port : extra) impl_->listen(address, port);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

TinyServers::~TinyServers() {
  asio::post(impl_->io, [this] {
    for (auto& a : impl_->acceptors) {
      error_code ec;
      a->close(ec);
    }
    impl_->io.stop();
  });
  impl_->thread.join();
}

int TinyServers::accepted(std::uint16_t port) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->counts.find(port);
  return it == impl_->counts.end() ? 0 : it->second;
}

}  // namespace weerbaar::testing
