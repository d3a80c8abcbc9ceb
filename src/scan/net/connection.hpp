#pragma once
// The one connection layer: connecting, the TLS handshake, sending and receiving, each with its
// own deadline, and the one mapping of what the network did to an outcome (NetStatus) with a
// reason a person understands. Every client of the scan (HTTP, SMTP, the MTA-STS fetch, both TLS
// probes, the exposure probe) goes through here, so that a reset means the same everywhere.
#include <algorithm>
#include <array>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/net/tls_contexts.hpp"  // the TLS client contexts every connection uses

namespace weerbaar::scan::net {

namespace ssl = asio::ssl;
using boost::system::error_code;

// Where in a conversation something happened; named in the reasons.
enum class Step { connect, tls_handshake, send, receive };
std::string_view to_string(Step s);

struct Outcome {
  NetStatus status = NetStatus::ok;
  std::string error{};  // one line for people; empty when ok
  // Why a TLS handshake failed (not_tls also with protocol_error); none for every other outcome.
  TlsFailure tls_failure = TlsFailure::none;

  [[nodiscard]] bool ok() const { return status == NetStatus::ok; }
};

// The one mapping. Refused: nobody listens (a closed port). Reset: the peer broke the
// connection off (hostile or overloaded: never an answer in itself). Closed: the peer hung up
// in good order before a complete answer. Timeout: the deadline passed. Unreachable: the
// address cannot be reached. tls_failed: the peer refused TLS (an alert, no common version or
// suite). protocol_error: the peer sent something that is not the protocol. A failure in
// OpenSSL also says which TlsFailure it was, from OpenSSL's reason code.
Outcome classify(Step step, const error_code& ec);
// The outcome of a step whose deadline passed.
Outcome timed_out(Step step, Duration limit);

// Connects within limit.
awaitable<Outcome> connect(tcp::socket& socket, const tcp::endpoint& ep, Duration limit);

// The client side of a TLS handshake within limit. The server name goes in SNI unless it is an
// address literal (RFC 6066 section 3); empty: no SNI.
awaitable<Outcome> tls_handshake(ssl::stream<tcp::socket>& stream, const std::string& server_name, Duration limit);

// Sends all of data within limit.
template <typename Stream>
awaitable<Outcome> send(Stream& stream, asio::const_buffer data, Duration limit) {
  auto ec = co_await with_deadline(
      [&]() -> awaitable<error_code> {
        error_code e;
        co_await asio::async_write(stream, data, asio::redirect_error(asio::use_awaitable, e));
        co_return e;
      }(),
      limit);
  if (!ec) co_return timed_out(Step::send, limit);
  co_return classify(Step::send, *ec);
}

// Says whether what arrived so far is a whole answer (the caller parses it).
using Enough = std::function<bool(std::string_view received)>;

// Reads into buf (appending) until enough(buf) holds, at most max bytes in buf, within limit.
// ok: enough; too_large: max bytes and still not enough; closed, reset, timeout: buf keeps
// what came before. enough is also asked once before the first read (buf may hold leftovers).
template <typename Stream>
awaitable<Outcome> receive(Stream& stream, std::string& buf, std::size_t max, const Enough& enough, Duration limit) {
  if (enough(buf)) co_return Outcome{};
  auto ec = co_await with_deadline(
      [&]() -> awaitable<error_code> {
        std::array<char, 4096> chunk{};
        while (buf.size() < max) {
          error_code e;
          const std::size_t want = std::min(chunk.size(), max - buf.size());
          const std::size_t n = co_await stream.async_read_some(asio::buffer(chunk.data(), want),
                                                                asio::redirect_error(asio::use_awaitable, e));
          buf.append(chunk.data(), n);
          if (enough(buf)) co_return error_code{};
          if (e) co_return e;
        }
        co_return error_code(asio::error::message_size);
      }(),
      limit);
  if (!ec) co_return timed_out(Step::receive, limit);
  if (*ec == asio::error::message_size) {
    co_return Outcome{NetStatus::too_large, "the answer is larger than " + std::to_string(max) + " bytes"};
  }
  co_return classify(Step::receive, *ec);
}

// Closes without waiting for anything; never fails.
void close(tcp::socket& socket);

}  // namespace weerbaar::scan::net
