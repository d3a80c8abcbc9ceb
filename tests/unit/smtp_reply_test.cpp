// The SMTP reply parser and EHLO keywords (src/scan/mail/smtp.hpp): multi-line replies,
// malformed and oversized input from a hostile server.
#include <gtest/gtest.h>

#include <string>

#include "scan/mail/smtp.hpp"

namespace weerbaar::scan::mail {
namespace {

TEST(SmtpReply, SingleLine) {
  auto p = parse_reply("220 mx.bakker.nl ESMTP Postfix\r\n");
  ASSERT_EQ(p.status, ReplyStatus::complete);
  EXPECT_EQ(p.reply.code, 220);
  ASSERT_EQ(p.reply.lines.size(), 1U);
  EXPECT_EQ(p.reply.lines[0], "mx.bakker.nl ESMTP Postfix");
  EXPECT_EQ(p.used, 32U);
}

TEST(SmtpReply, MultiLineAndWhatFollows) {
  const std::string buf = "250-mx.bakker.nl\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n221 bye\r\n";
  auto p = parse_reply(buf);
  ASSERT_EQ(p.status, ReplyStatus::complete);
  EXPECT_EQ(p.reply.code, 250);
  EXPECT_EQ(p.reply.lines.size(), 4U);
  EXPECT_EQ(buf.substr(p.used), "221 bye\r\n");
}

TEST(SmtpReply, BareCodeAndBareLf) {
  auto p = parse_reply("250\n");
  ASSERT_EQ(p.status, ReplyStatus::complete);
  EXPECT_EQ(p.reply.code, 250);
  EXPECT_EQ(p.reply.lines.front(), "");
}

TEST(SmtpReply, IncompleteNeedsMore) {
  EXPECT_EQ(parse_reply("").status, ReplyStatus::need_more);
  EXPECT_EQ(parse_reply("220 mx.bak").status, ReplyStatus::need_more);
  EXPECT_EQ(parse_reply("250-mx\r\n250-SIZE\r\n").status, ReplyStatus::need_more);
}

TEST(SmtpReply, Malformed) {
  EXPECT_EQ(parse_reply("HTTP/1.1 400 Bad Request\r\n").status, ReplyStatus::malformed);
  EXPECT_EQ(parse_reply("22 short\r\n").status, ReplyStatus::malformed);
  EXPECT_EQ(parse_reply("220xmx\r\n").status, ReplyStatus::malformed);
  EXPECT_EQ(parse_reply("999 no such class\r\n").status, ReplyStatus::malformed);
  // A multi-line reply must keep its code.
  EXPECT_EQ(parse_reply("250-mx\r\n550 other\r\n").status, ReplyStatus::malformed);
}

TEST(SmtpReply, OversizedLineOrReply) {
  EXPECT_EQ(parse_reply("220 " + std::string(SmtpLimits::max_line + 10, 'a')).status, ReplyStatus::too_large);
  EXPECT_EQ(parse_reply("220 " + std::string(SmtpLimits::max_line + 10, 'a') + "\r\n").status, ReplyStatus::too_large);
  std::string many;
  for (std::size_t i = 0; i < SmtpLimits::max_lines + 1; ++i) many += "250-X\r\n";
  EXPECT_EQ(parse_reply(many).status, ReplyStatus::too_large);
  std::string big;
  while (big.size() <= SmtpLimits::max_reply) big += "250-" + std::string(100, 'k') + "\r\n";
  EXPECT_EQ(parse_reply(big).status, ReplyStatus::too_large);
}

TEST(SmtpReply, EhloKeywords) {
  auto p =
      parse_reply("250-mx.bakker.nl Hello\r\n250-pipelining\r\n250-SIZE 10240000\r\n250-StartTLS \r\n250 CHUNKING\r\n");
  ASSERT_EQ(p.status, ReplyStatus::complete);
  auto k = ehlo_keywords(p.reply);
  ASSERT_EQ(k.size(), 4U);
  EXPECT_EQ(k[0], "PIPELINING");
  EXPECT_EQ(k[1], "SIZE 10240000");
  EXPECT_TRUE(offers(k, "STARTTLS"));
  EXPECT_TRUE(offers(k, "SIZE"));
  EXPECT_FALSE(offers(k, "SMTPUTF8"));
  EXPECT_FALSE(offers({"STARTTLSX"}, "STARTTLS"));
  // The first line names the server: "250 STARTTLS" alone is a greeting, not an offer.
  auto only = parse_reply("250 STARTTLS\r\n");
  EXPECT_TRUE(ehlo_keywords(only.reply).empty());
}

}  // namespace
}  // namespace weerbaar::scan::mail
