// The SMTP dialogue (src/scan/mail/smtp.hpp) against scripted servers on 127.0.0.1: a good one,
// one that says "go away" (554), one that never greets, one that injects data after STARTTLS.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "scan/mail/smtp.hpp"

namespace weerbaar::scan::mail {
namespace {
namespace asio = net::asio;

// What the scripted server says: the greeting, then one answer per line the client sends.
struct Script {
  std::string greeting;
  std::vector<std::string> answers;
};

net::awaitable<void> serve(net::tcp::acceptor& acceptor, Script script) {
  auto sock = co_await acceptor.async_accept(asio::use_awaitable);
  boost::system::error_code ec;
  if (!script.greeting.empty())
    co_await asio::async_write(sock, asio::buffer(script.greeting), asio::redirect_error(asio::use_awaitable, ec));
  asio::streambuf in;
  for (const auto& answer : script.answers) {
    co_await asio::async_read_until(sock, in, "\r\n", asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    in.consume(in.size());
    co_await asio::async_write(sock, asio::buffer(answer), asio::redirect_error(asio::use_awaitable, ec));
  }
  // Keep the connection open (silent) until the client goes.
  std::array<char, 64> sink{};
  while (!ec) co_await sock.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
}

struct Outcome {
  bool upgraded = false;
  SmtpFacts facts;
};

Outcome talk(Script script, bool upgrade) {
  asio::io_context io;
  net::tcp::acceptor acceptor(io, net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  Outcome out;
  asio::co_spawn(io, serve(acceptor, std::move(script)), asio::detached);
  asio::co_spawn(
      io,
      [&]() -> net::awaitable<void> {
        net::tcp::socket sock(io);
        co_await sock.async_connect(acceptor.local_endpoint(), asio::use_awaitable);
        out.upgraded = co_await smtp_dialogue(sock, "scanner.test", upgrade, net::Duration(300), out.facts);
        sock.close();
        acceptor.close();
      },
      asio::detached);
  io.run_for(std::chrono::seconds(5));
  return out;
}

const std::string kEhlo = "250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n";

TEST(SmtpDialogue, UpgradesWhenOffered) {
  auto o = talk({"220 mx.test ESMTP\r\n", {kEhlo, "220 2.0.0 Ready to start TLS\r\n"}}, true);
  EXPECT_TRUE(o.upgraded) << o.facts.error;
  EXPECT_EQ(o.facts.status, NetStatus::ok);
  EXPECT_EQ(o.facts.greeting_code, 220);
  EXPECT_EQ(o.facts.banner, "mx.test ESMTP");
  EXPECT_TRUE(o.facts.starttls_offered);
}

TEST(SmtpDialogue, LooksAndQuitsWithoutUpgrading) {
  auto o = talk({"220 mx.test ESMTP\r\n", {kEhlo, "221 bye\r\n"}}, false);
  EXPECT_FALSE(o.upgraded);
  EXPECT_EQ(o.facts.status, NetStatus::ok);
  EXPECT_TRUE(o.facts.starttls_offered);
  EXPECT_EQ(o.facts.ehlo, (std::vector<std::string>{"PIPELINING", "STARTTLS"}));
}

TEST(SmtpDialogue, GoAwayGreetingIsRecorded) {
  auto o = talk({"554 5.7.1 no scanners here\r\n", {"221 bye\r\n"}}, true);
  EXPECT_FALSE(o.upgraded);
  EXPECT_EQ(o.facts.status, NetStatus::protocol_error);
  EXPECT_EQ(o.facts.greeting_code, 554);
  EXPECT_FALSE(o.facts.starttls_offered);
}

TEST(SmtpDialogue, SilentServerTimesOut) {
  auto o = talk({"", {}}, true);
  EXPECT_FALSE(o.upgraded);
  EXPECT_EQ(o.facts.status, NetStatus::timeout);
}

TEST(SmtpDialogue, NotSmtpIsAProtocolError) {
  auto o = talk({"HTTP/1.1 400 Bad Request\r\n\r\n", {}}, true);
  EXPECT_FALSE(o.upgraded);
  EXPECT_EQ(o.facts.status, NetStatus::protocol_error);
}

TEST(SmtpDialogue, DataAfterStarttlsReplyIsRefused) {
  auto o = talk({"220 mx.test ESMTP\r\n", {kEhlo, "220 Ready\r\n250 injected\r\n"}}, true);
  EXPECT_FALSE(o.upgraded);
  EXPECT_EQ(o.facts.status, NetStatus::protocol_error);
}

TEST(SmtpDialogue, StarttlsRefused) {
  auto o = talk({"220 mx.test ESMTP\r\n", {kEhlo, "454 TLS not available\r\n", "221 bye\r\n"}}, true);
  EXPECT_FALSE(o.upgraded);
  EXPECT_EQ(o.facts.status, NetStatus::protocol_error);
}

}  // namespace
}  // namespace weerbaar::scan::mail
