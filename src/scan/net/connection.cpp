#include "scan/net/connection.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/error.hpp>

namespace weerbaar::scan::net {
namespace {

bool is_address_literal(const std::string& name) {
  error_code ec;
  (void)asio::ip::make_address(name, ec);
  return !ec;
}

// OpenSSL's reasons that mean the peer sent bytes that are not TLS, or TLS that breaks its own
// rules (records longer than allowed, messages out of order): garbage, not a refusal.
bool is_garbage_reason(int reason) {
  switch (reason) {
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
    case SSL_R_ENCRYPTED_LENGTH_TOO_LONG:
    case SSL_R_DATA_LENGTH_TOO_LONG:
    case SSL_R_RECORD_LENGTH_MISMATCH:
    case SSL_R_BAD_PACKET_LENGTH:
    case SSL_R_BAD_LENGTH:
    case SSL_R_LENGTH_MISMATCH:
    case SSL_R_LENGTH_TOO_SHORT:
    case SSL_R_UNEXPECTED_MESSAGE:
    case SSL_R_UNEXPECTED_RECORD:
    case SSL_R_UNKNOWN_PROTOCOL:
    case SSL_R_HTTP_REQUEST:
    case SSL_R_HTTPS_PROXY_REQUEST:
    case SSL_R_EXCESSIVE_MESSAGE_SIZE:
    case SSL_R_BAD_RECORD_TYPE:
    case SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC:
    case SSL_R_BAD_HANDSHAKE_LENGTH:
    case SSL_R_RECORD_TOO_SMALL: return true;
    default: return false;
  }
}

// OpenSSL's reasons for "no version both sides speak": the server's protocol_version alert, or
// a ServerHello with a version outside what the client allows (an SSL 3.0-only server).
bool is_version_reason(int reason) {
  switch (reason) {
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_UNSUPPORTED_SSL_VERSION:
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
    case SSL_R_WRONG_SSL_VERSION:
    case SSL_R_VERSION_TOO_LOW:
    case SSL_R_VERSION_TOO_HIGH: return true;
    default: return false;
  }
}

TlsFailure tls_failure_of(int reason) {
  if (is_garbage_reason(reason)) return TlsFailure::not_tls;
  if (is_version_reason(reason)) return TlsFailure::no_common_version;
  if (reason == SSL_R_TLSV1_UNRECOGNIZED_NAME) return TlsFailure::unknown_name;
  if (reason >= SSL_AD_REASON_OFFSET) return TlsFailure::refused;
  return TlsFailure::other;
}

std::string where(Step step) {
  switch (step) {
    case Step::connect: return "while connecting";
    case Step::tls_handshake: return "during the TLS handshake";
    case Step::send: return "while sending";
    case Step::receive: return "before a complete answer";
  }
  return "";
}

}  // namespace

std::string_view to_string(Step s) {
  switch (s) {
    case Step::connect: return "connect";
    case Step::tls_handshake: return "TLS handshake";
    case Step::send: return "send";
    case Step::receive: return "receive";
  }
  return "step";
}

Outcome classify(Step step, const error_code& ec) {
  namespace err = asio::error;
  if (!ec) return {};
  if (ec == err::operation_aborted) return {NetStatus::timeout, "given up " + where(step)};
  if (ec == err::connection_refused) return {NetStatus::refused, "connection refused"};
  if (ec == err::connection_reset || ec == err::broken_pipe || ec == err::connection_aborted) {
    // A reset in answer to a connection attempt is how some firewalls say "closed".
    if (step == Step::connect) return {NetStatus::refused, "connection reset while connecting (closed)"};
    return {NetStatus::reset, "the server reset the connection " + where(step)};
  }
  if (ec == err::eof || ec == ssl::error::stream_truncated) {
    return {NetStatus::closed, "the server closed the connection " + where(step)};
  }
  if (ec == err::timed_out) return {NetStatus::timeout, "the connection timed out " + where(step)};
  if (ec == err::host_unreachable || ec == err::network_unreachable || ec == err::network_down ||
      ec == err::address_family_not_supported || ec == err::no_permission || ec == err::access_denied) {
    return {NetStatus::unreachable, "unreachable: " + ec.message()};
  }
  if (ec.category() == asio::error::get_ssl_category()) {
    const auto code = static_cast<unsigned long>(ec.value());
    const int reason = ERR_GET_REASON(code);
    const TlsFailure failure = tls_failure_of(reason);
    if (failure == TlsFailure::not_tls) {
      return {NetStatus::protocol_error, "the answer is not valid TLS: " + ec.message(), failure};
    }
    if (reason >= SSL_AD_REASON_OFFSET) return {NetStatus::tls_failed, "the server refused: " + ec.message(), failure};
    return {NetStatus::tls_failed, "TLS failed: " + ec.message(), failure};
  }
  if (step == Step::connect) return {NetStatus::unreachable, ec.message()};
  return {NetStatus::protocol_error, ec.message() + " " + where(step)};
}

Outcome timed_out(Step step, Duration limit) {
  std::string what;
  switch (step) {
    case Step::connect: what = "no TCP connection"; break;
    case Step::tls_handshake: what = "no TLS handshake"; break;
    case Step::send: what = "could not send"; break;
    case Step::receive: what = "no complete answer"; break;
  }
  return {NetStatus::timeout, what + " within " + std::to_string(limit.count()) + " ms"};
}

awaitable<Outcome> connect(tcp::socket& socket, const tcp::endpoint& ep, Duration limit) {
  auto ec = co_await with_deadline(
      [&]() -> awaitable<error_code> {
        error_code e;
        co_await socket.async_connect(ep, asio::redirect_error(asio::use_awaitable, e));
        co_return e;
      }(),
      limit);
  if (!ec) co_return timed_out(Step::connect, limit);
  co_return classify(Step::connect, *ec);
}

awaitable<Outcome> tls_handshake(ssl::stream<tcp::socket>& stream, const std::string& server_name, Duration limit) {
  if (!server_name.empty() && !is_address_literal(server_name)) {
    SSL_set_tlsext_host_name(stream.native_handle(), server_name.c_str());
  }
  auto ec = co_await with_deadline(
      [&]() -> awaitable<error_code> {
        error_code e;
        co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, e));
        co_return e;
      }(),
      limit);
  if (!ec) co_return timed_out(Step::tls_handshake, limit);
  co_return classify(Step::tls_handshake, *ec);
}

void close(tcp::socket& socket) {
  // No shutdown first: it sent a FIN, and then the close a reset as well whenever an answer was
  // left unread, as the TLS probe leaves the rest of a flight after the ServerHello. That extra
  // exchange of packets was 4% of the TLS probe's CPU; the close alone ends it either way.
  error_code ignored;
  socket.close(ignored);
}

}  // namespace weerbaar::scan::net
