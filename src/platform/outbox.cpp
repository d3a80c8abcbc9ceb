#include "platform/outbox.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/content.hpp"
#include "core/content_files.hpp"
#include "platform/jobs.hpp"

namespace weerbaar::platform {
namespace {

const nlohmann::json& templates() {
  static const nlohmann::json t = [] {
    for (const auto& f : content::detail::embedded_files()) {
      if (f.path == "platform/mail.json") return nlohmann::json::parse(f.text);
    }
    throw std::runtime_error("content/platform/mail.json is missing");
  }();
  return t;
}

}  // namespace

MailText render_mail(const std::string& template_name, const std::string& lang, const Params& params) {
  const auto& t = templates();
  if (!t.contains(template_name)) throw std::runtime_error("unknown mail template " + template_name);
  const std::string l = lang == "en" ? "en" : "nl";
  const auto& m = t.at(template_name);
  return MailText{content::render(m.at("subject").at(l).get<std::string>(), params),
                  content::render(m.at("body").at(l).get<std::string>(), params)};
}

Id queue_mail(store::Tx& tx, Time now, const std::string& template_name, const std::string& lang,
              const std::string& recipient, const Params& params, Id business) {
  auto text = render_mail(template_name, lang, params);
  Id id = tx.insert(
      "INSERT INTO outbox (recipient, subject, body, template, business_id, state, created_at) "
      "VALUES (?, ?, ?, ?, ?, 'queued', ?) RETURNING id",
      {recipient, text.subject, text.body, template_name, business > 0 ? store::Value(business) : store::null_value(),
       now});
  enqueue_job(tx, now, JobKind::email, business, std::to_string(id));
  return id;
}

}  // namespace weerbaar::platform
