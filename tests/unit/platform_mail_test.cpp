// The platform's e-mail: templates in both languages, the wire format, and (run by
// tests/store/smtp_postfix.sh) delivery through a real Postfix, read back from its Maildir.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "platform/mail_sender.hpp"
#include "platform/outbox.hpp"
#include "platform/worker.hpp"
#include "support/platform_fixture.hpp"

namespace weerbaar::platform_testing {
namespace {

TEST(PlatformMail, TemplatesInBothLanguages) {
  for (const char* t : {"invitation", "confirm_email", "report_ready", "withdrawn"}) {
    auto nl = render_mail(t, "nl", {{"link", "https://x/y"}});
    auto en = render_mail(t, "en", {{"link", "https://x/y"}});
    EXPECT_FALSE(nl.subject.empty()) << t;
    EXPECT_NE(nl.body, en.body) << t;
  }
  EXPECT_NE(render_mail("confirm_email", "nl", {{"link", "https://p/confirm/abc"}}).body.find("https://p/confirm/abc"),
            std::string::npos);
  EXPECT_EQ(render_mail("invitation", "fr", {}).body, render_mail("invitation", "nl", {}).body);
  EXPECT_THROW(render_mail("nope", "nl", {}), std::runtime_error);
}

TEST(PlatformMail, WireFormatEncodesAndRefusesHeaderInjection) {
  auto msg = format_message({"platform@weerbaar.test", "jan@bakkerij.test", "Uw rapport voor café.test\r\nBcc: x@y.z",
                             "Regel één\n.\nRegel twee"},
                            "id@weerbaar.test", "Wed, 02 Dec 2026 07:00:00 +0000");
  EXPECT_NE(msg.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(msg.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(msg.find("Regel \xC3\xA9\xC3\xA9n\r\n.\r\nRegel twee\r\n"), std::string::npos);
  EXPECT_NE(msg.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
}

// Reads every message delivered into a Maildir's new/ within a few seconds.
std::vector<std::string> delivered(const std::string& maildir, std::size_t want) {
  std::vector<std::string> out;
  for (int i = 0; i < 100 && out.size() < want; ++i) {
    out.clear();
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(maildir + "/new", ec)) {
      std::ifstream in(e.path());
      std::stringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    if (out.size() < want) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

class SmtpDelivery : public PlatformTest {
 protected:
  void SetUp() override {
    const char* url = std::getenv("WEERBAAR_TEST_SMTP_URL");
    const char* dir = std::getenv("WEERBAAR_TEST_MAILDIR");
    if (url == nullptr || dir == nullptr)
      GTEST_SKIP() << "run by tests/store/smtp_postfix.sh (ctest store_smtp_postfix)";
    smtp_url = url;
    maildir = dir;
    PlatformTest::SetUp();
  }
  std::string smtp_url;
  std::string maildir;
};

TEST_P(SmtpDelivery, InvitationArrivesThroughTheOutboxAndWorker) {
  p->context().config.mail_from = "platform@weerbaar.test";
  Id org = organisation();
  auto token = p->accounts().invite(admin(), {"coordinator@mail.test", Role::coordinator, org, 0});
  ASSERT_TRUE(token.ok());
  WorkerOptions o;
  o.name = "smtp-test";
  Worker w(p->context(), nullptr, std::make_shared<SmtpSender>(SmtpOptions{smtp_url, {}, {}, false, 10}), o);
  while (w.run_once()) {
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND recipient IS NULL"), 1);
  auto mails = delivered(maildir, 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].find("To: coordinator@mail.test"), std::string::npos);
  EXPECT_NE(mails[0].find("From: platform@weerbaar.test"), std::string::npos);
  EXPECT_NE(mails[0].find("https://platform.test/invite/" + *token), std::string::npos) << mails[0];
}

TEST(SmtpDeliveryRefused, AnUnreachableServerIsAOneLineError) {
  SmtpSender s({"smtp://127.62.5.3:1/weerbaar.test", {}, {}, false, 5});
  auto problem = s.send({"a@weerbaar.test", "b@mail.test", "x", "y"});
  EXPECT_TRUE(problem.starts_with("smtp: ")) << problem;
  EXPECT_EQ(problem.find("b@mail.test"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Store, SmtpDelivery, ::testing::Values("sqlite"), backend_name);

}  // namespace
}  // namespace weerbaar::platform_testing
