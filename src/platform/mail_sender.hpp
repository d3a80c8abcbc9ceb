#pragma once
// Sends one message. The platform's sender speaks SMTP through libcurl to the server named in
// the configuration (a well-kept client rather than a new one); tests may use a fake.
#include <string>

namespace weerbaar::platform {

struct OutgoingMail {
  std::string from;
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8, \n line ends
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Empty on success; else a one-line reason without addresses (it goes to the job's log).
  virtual std::string send(const OutgoingMail& m) = 0;
};

struct SmtpOptions {
  // smtp://host:port/ehlo-name or smtps://...; the path is the name we give in EHLO.
  std::string url;
  std::string username;  // optional SMTP AUTH
  std::string password;
  bool require_tls = false;  // STARTTLS must succeed (smtp:// with upgrade)
  long timeout_seconds = 30;
};

class SmtpSender : public MailSender {
 public:
  explicit SmtpSender(SmtpOptions opt) : opt_(std::move(opt)) {}
  std::string send(const OutgoingMail& m) override;

 private:
  SmtpOptions opt_;
};

// The message as it goes on the wire: headers (Subject RFC 2047-encoded), CRLF line ends.
std::string format_message(const OutgoingMail& m, const std::string& message_id, const std::string& date);

}  // namespace weerbaar::platform
