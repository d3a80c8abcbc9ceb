#include "scan/mail/mta_sts_fetch.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace weerbaar::scan::mail {
namespace {
namespace asio = net::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using boost::system::error_code;
using net::tcp;

constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

MtaStsFetch failed(MtaStsFetch f, NetStatus status, std::string error) {
  f.status = status;
  f.error = std::move(error);
  return f;
}

}  // namespace

net::awaitable<MtaStsFetch> fetch_mta_sts_policy(tcp::endpoint ep, std::string host, const MtaStsFetchOptions& opt) {
  MtaStsFetch out;
  out.url = "https://" + host + "/.well-known/mta-sts.txt";
  try {
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_default_verify_paths();
    if (!opt.ca_file.empty()) {
      error_code ec;
      ctx.load_verify_file(opt.ca_file, ec);
      if (ec) co_return failed(std::move(out), NetStatus::tls_failed, "cannot read the CA file " + opt.ca_file);
    }
    ctx.set_verify_mode(ssl::verify_peer);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    auto executor = co_await asio::this_coro::executor;
    ssl::stream<tcp::socket> stream(executor, ctx);
    SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
    // The certificate must be valid for the policy host's name (RFC 8461 §3.3).
    SSL_set1_host(stream.native_handle(), host.c_str());

    auto connected = co_await net::with_deadline(
        [&]() -> net::awaitable<error_code> {
          error_code e;
          co_await stream.next_layer().async_connect(ep, asio::redirect_error(asio::use_awaitable, e));
          co_return e;
        }(),
        opt.timeouts.connect);
    if (!connected) co_return failed(std::move(out), NetStatus::timeout, "no TCP connection within the deadline");
    if (*connected == asio::error::connection_refused)
      co_return failed(std::move(out), NetStatus::refused, "connection refused");
    if (*connected) co_return failed(std::move(out), NetStatus::unreachable, connected->message());

    auto shaken = co_await net::with_deadline(
        [&]() -> net::awaitable<error_code> {
          error_code e;
          co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, e));
          co_return e;
        }(),
        opt.timeouts.handshake);
    if (!shaken) co_return failed(std::move(out), NetStatus::timeout, "no TLS handshake within the deadline");
    if (*shaken) {
      long verify = SSL_get_verify_result(stream.native_handle());
      if (verify != X509_V_OK) out.certificate_error = X509_verify_cert_error_string(verify);
      std::string why =
          out.certificate_error.empty() ? shaken->message() : "certificate not valid: " + out.certificate_error;
      co_return failed(std::move(out), NetStatus::tls_failed, "TLS handshake failed: " + why);
    }

    http::request<http::empty_body> req{http::verb::get, "/.well-known/mta-sts.txt", 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, opt.user_agent);
    req.set(http::field::accept, "text/plain");
    req.set(http::field::connection, "close");
    http::response_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(kMaxHeaderBytes));
    parser.body_limit(kMtaStsMaxBody);
    auto read = co_await net::with_deadline(
        [&]() -> net::awaitable<error_code> {
          error_code e;
          co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, e));
          if (e) co_return e;
          beast::flat_buffer buffer(kMaxHeaderBytes + kMtaStsMaxBody + 4096);
          co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, e));
          co_return e;
        }(),
        opt.timeouts.http_request);
    if (!read) co_return failed(std::move(out), NetStatus::timeout, "no complete HTTP response within the deadline");
    error_code ec = *read;
    if (ec == ssl::error::stream_truncated && parser.is_done()) ec = {};
    if (ec == http::error::body_limit) {
      out.body_truncated = true;
      co_return failed(std::move(out), NetStatus::too_large, "the policy is larger than 64 KiB");
    }
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      co_return failed(std::move(out), NetStatus::too_large, "response headers larger than the limit");
    }
    if (ec) co_return failed(std::move(out), NetStatus::protocol_error, "not a valid HTTP response: " + ec.message());
    const auto& res = parser.get();
    out.http_status = static_cast<int>(res.result_int());
    auto type = res[http::field::content_type];
    out.content_type.assign(type.data(), type.size());
    for (char& c : out.content_type) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    out.body = res.body();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    co_return failed(std::move(out), NetStatus::protocol_error, std::string("unexpected failure: ") + e.what());
  }
  co_return out;
}

}  // namespace weerbaar::scan::mail
