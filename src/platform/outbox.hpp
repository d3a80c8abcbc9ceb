#pragma once
// E-mail goes through an outbox in the database: a change and the mail it causes are
// committed together, and a worker sends it later (retried, never lost on a crash). After
// sending, the message's address and text are erased: the outbox keeps no personal data.
#include <string>

#include "core/finding.hpp"
#include "platform/context.hpp"

namespace weerbaar::platform {

struct MailText {
  std::string subject;
  std::string body;
};

// Renders a template of content/platform/mail.json in "nl" or "en" (anything else: nl).
// Throws std::runtime_error for an unknown template: a programming error.
MailText render_mail(const std::string& template_name, const std::string& lang, const Params& params);

// Queues a message and the job that sends it, inside the caller's transaction.
Id queue_mail(store::Tx& tx, Time now, const std::string& template_name, const std::string& lang,
              const std::string& recipient, const Params& params, Id business = 0);

}  // namespace weerbaar::platform
