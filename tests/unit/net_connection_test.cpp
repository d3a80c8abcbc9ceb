// The connection layer's one mapping of what the network did, against listeners on 127.0.0.1
// that this test starts: a port nobody listens on, one that accepts and resets, one that
// accepts and says nothing, one that hangs up halfway, and TLS peers that refuse or send garbage.
#include "scan/net/connection.hpp"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <thread>

namespace weerbaar::scan::net {
namespace {
using Ms = std::chrono::milliseconds;

// A listener on 127.0.0.1 (a free port) whose one connection is handled by handler on a
// thread of its own; stops with the test.
class Listener {
 public:
  explicit Listener(std::function<void(tcp::socket&)> handler)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this, handler = std::move(handler)] {
      error_code ec;
      tcp::socket s(io_);
      acceptor_.accept(s, ec);
      if (!ec) handler(s);
    });
  }
  ~Listener() {
    error_code ignored;
    acceptor_.close(ignored);
    thread_.join();
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  [[nodiscard]] tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

// Waits until the client has closed its end (or 5 s): a server that holds the line.
void hold(tcp::socket& s) {
  s.non_blocking(false);
  timeval tv{5, 0};
  setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[512];
  error_code ec;
  while (!ec) s.read_some(asio::buffer(buf), ec);
}

void reset(tcp::socket& s) {
  s.set_option(asio::socket_base::linger(true, 0));
  error_code ignored;
  s.close(ignored);
}

template <typename T>
T run(std::function<awaitable<T>()> body) {
  asio::io_context io;
  std::optional<T> out;
  asio::co_spawn(
      io, [&]() -> awaitable<void> { out = co_await body(); }, asio::detached);
  io.run();
  return *out;
}

// Connects to ep and reads one answer (as much as comes within the deadline).
Outcome connect_and_receive(tcp::endpoint ep, std::string& buf, Duration limit = Ms(2000)) {
  return run<Outcome>([&]() -> awaitable<Outcome> {
    tcp::socket s(co_await asio::this_coro::executor);
    Outcome c = co_await connect(s, ep, Ms(2000));
    if (!c.ok()) co_return c;
    Outcome sent = co_await send(s, asio::buffer(std::string_view("hello\r\n")), Ms(2000));
    if (!sent.ok()) co_return sent;
    co_return co_await receive(
        s, buf, 1024, [](std::string_view b) { return b.find('\n') != b.npos; }, limit);
  });
}

tcp::endpoint closed_port() {
  asio::io_context io;
  tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  auto ep = a.local_endpoint();
  a.close();
  return ep;
}

TEST(NetConnection, RefusingPortIsRefused) {
  std::string buf;
  Outcome o = connect_and_receive(closed_port(), buf);
  EXPECT_EQ(o.status, NetStatus::refused) << o.error;
  EXPECT_EQ(o.error, "connection refused");
}

TEST(NetConnection, AcceptThenResetIsReset) {
  Listener l([](tcp::socket& s) {
    char c;
    error_code ec;
    s.read_some(asio::buffer(&c, 1), ec);  // the client's first byte, then break it off
    reset(s);
  });
  std::string buf;
  Outcome o = connect_and_receive(l.endpoint(), buf);
  EXPECT_EQ(o.status, NetStatus::reset) << o.error;
  EXPECT_NE(o.error.find("reset"), std::string::npos) << o.error;
}

TEST(NetConnection, SilentPeerTimesOut) {
  Listener l(hold);
  std::string buf;
  const auto started = Clock::now();
  Outcome o = connect_and_receive(l.endpoint(), buf, Ms(300));
  EXPECT_EQ(o.status, NetStatus::timeout) << o.error;
  EXPECT_EQ(o.error, "no complete answer within 300 ms");
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
}

TEST(NetConnection, HangUpHalfwayIsClosedAndKeepsWhatCame) {
  Listener l([](tcp::socket& s) {
    asio::write(s, asio::buffer(std::string_view("220 half a li")));
    error_code ignored;
    s.shutdown(tcp::socket::shutdown_send, ignored);
    hold(s);
  });
  std::string buf;
  Outcome o = connect_and_receive(l.endpoint(), buf);
  EXPECT_EQ(o.status, NetStatus::closed) << o.error;
  EXPECT_EQ(buf, "220 half a li");
}

TEST(NetConnection, EnoughEndsTheReadAndEndlessIsTooLarge) {
  Listener l([](tcp::socket& s) {
    asio::write(s, asio::buffer(std::string_view("250 ok\r\n")));
    hold(s);
  });
  std::string buf;
  EXPECT_TRUE(connect_and_receive(l.endpoint(), buf).ok());
  EXPECT_EQ(buf, "250 ok\r\n");

  Listener endless([](tcp::socket& s) {
    const std::string line(100, 'x');
    error_code ec;
    for (int i = 0; i < 1000 && !ec; ++i) asio::write(s, asio::buffer(line), ec);
    hold(s);
  });
  buf.clear();
  Outcome o = connect_and_receive(endless.endpoint(), buf);
  EXPECT_EQ(o.status, NetStatus::too_large) << o.error;
  EXPECT_EQ(buf.size(), 1024U);
}

// A TLS handshake against a peer that writes raw bytes after reading the ClientHello.
Outcome handshake_against(std::string answer, bool then_close) {
  Listener l([answer = std::move(answer), then_close](tcp::socket& s) {
    char buf[4096];
    error_code ec;
    s.read_some(asio::buffer(buf), ec);
    asio::write(s, asio::buffer(answer), ec);
    if (then_close) {
      s.shutdown(tcp::socket::shutdown_send, ec);
    }
    hold(s);
  });
  return run<Outcome>([&]() -> awaitable<Outcome> {
    auto ctx = permissive_client_context();
    ssl::stream<tcp::socket> stream(co_await asio::this_coro::executor, *ctx);
    Outcome c = co_await connect(stream.next_layer(), l.endpoint(), Ms(2000));
    if (!c.ok()) co_return c;
    co_return co_await tls_handshake(stream, "example.test", Ms(2000));
  });
}

TEST(NetConnection, TlsGarbageIsAProtocolError) {
  Outcome o = handshake_against("HTTP/1.1 400 Bad Request\r\n\r\n", true);
  EXPECT_EQ(o.status, NetStatus::protocol_error) << o.error;
  EXPECT_EQ(o.tls_failure, TlsFailure::not_tls) << o.error;
  // A record header that announces more than TLS allows (2^14 + 2048 bytes).
  o = handshake_against(std::string("\x16\x03\x03\xff\xff", 5) + std::string(64, 'a'), false);
  EXPECT_EQ(o.status, NetStatus::protocol_error) << o.error;
}

TEST(NetConnection, TlsAlertIsARefusal) {
  // A fatal handshake_failure alert.
  Outcome o = handshake_against(std::string("\x15\x03\x03\x00\x02\x02\x28", 7), false);
  EXPECT_EQ(o.status, NetStatus::tls_failed) << o.error;
  EXPECT_EQ(o.tls_failure, TlsFailure::refused) << o.error;
  // protocol_version and unrecognized_name: refusals with a kind of their own.
  o = handshake_against(std::string("\x15\x03\x03\x00\x02\x02\x46", 7), false);
  EXPECT_EQ(o.status, NetStatus::tls_failed) << o.error;
  EXPECT_EQ(o.tls_failure, TlsFailure::no_common_version) << o.error;
  o = handshake_against(std::string("\x15\x03\x03\x00\x02\x02\x70", 7), false);
  EXPECT_EQ(o.status, NetStatus::tls_failed) << o.error;
  EXPECT_EQ(o.tls_failure, TlsFailure::unknown_name) << o.error;
}

TEST(NetConnection, TlsHangUpHalfwayThroughARecordIsClosed) {
  // The start of a ServerHello record, then the end of the connection.
  Outcome o = handshake_against(std::string("\x16\x03\x03\x00\x40\x02\x00\x00", 8), true);
  EXPECT_EQ(o.status, NetStatus::closed) << o.error;
  EXPECT_EQ(o.tls_failure, TlsFailure::none) << "a hang-up is no refusal of TLS";
}

TEST(NetConnection, TlsSilentPeerTimesOut) {
  Listener l(hold);
  Outcome o = run<Outcome>([&]() -> awaitable<Outcome> {
    auto ctx = permissive_client_context();
    ssl::stream<tcp::socket> stream(co_await asio::this_coro::executor, *ctx);
    co_await connect(stream.next_layer(), l.endpoint(), Ms(2000));
    co_return co_await tls_handshake(stream, "example.test", Ms(300));
  });
  EXPECT_EQ(o.status, NetStatus::timeout);
  EXPECT_EQ(o.error, "no TLS handshake within 300 ms");
}

TEST(NetConnection, ClassifyNamesEveryStep) {
  EXPECT_EQ(classify(Step::connect, asio::error::connection_reset).status, NetStatus::refused);
  EXPECT_EQ(classify(Step::receive, asio::error::connection_reset).status, NetStatus::reset);
  EXPECT_EQ(classify(Step::send, asio::error::broken_pipe).status, NetStatus::reset);
  EXPECT_EQ(classify(Step::receive, asio::error::eof).status, NetStatus::closed);
  EXPECT_EQ(classify(Step::tls_handshake, ssl::error::stream_truncated).status, NetStatus::closed);
  EXPECT_EQ(classify(Step::connect, asio::error::host_unreachable).status, NetStatus::unreachable);
  EXPECT_EQ(classify(Step::connect, asio::error::network_unreachable).status, NetStatus::unreachable);
  EXPECT_EQ(classify(Step::receive, asio::error::timed_out).status, NetStatus::timeout);
  EXPECT_TRUE(classify(Step::receive, {}).ok());
  EXPECT_EQ(timed_out(Step::connect, Ms(1500)).error, "no TCP connection within 1500 ms");
}

}  // namespace
}  // namespace weerbaar::scan::net
