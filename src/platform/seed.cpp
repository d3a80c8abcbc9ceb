#include "platform/seed.hpp"

#include <nlohmann/json.hpp>

#include "platform/accounts.hpp"
#include "platform/audit.hpp"
#include "platform/jobs.hpp"
#include "platform/reports.hpp"
#include "platform/signups.hpp"

namespace weerbaar::platform {

Result<Id> Seeder::organisation(const std::string& name) {
  return Accounts(ctx_).create_organisation(Actor::system(), name);
}

Result<Actor> Seeder::user(const std::string& email, const std::string& name, Role role, Id organisation,
                           const std::string& password) {
  auto token = invitation(email, role, organisation, ctx_.now() + 3600);
  if (!token) return token.error();
  return Accounts(ctx_).accept_invitation(*token, name, password);
}

Result<std::string> Seeder::invitation(const std::string& email, Role role, Id organisation, Time expires_at) {
  return guarded([&]() -> Result<std::string> {
    std::string token = random_token();
    ctx_.db.write([&](store::Tx& tx) {
      tx.exec(
          "INSERT INTO invitations (token_hash, email, role, organisation_id, expires_at, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {token_hash(token), email, std::string(to_string(role)),
           organisation > 0 ? store::Value(organisation) : store::null_value(), expires_at, ctx_.now()});
      audit(tx, ctx_.now(), Actor::system(), "invitation.create", "invitation", 0, "seeded");
    });
    return token;
  });
}

Result<std::pair<Id, Actor>> Seeder::ready_business(Id campaign, const SeedBusiness& b, bool queue_scan) {
  auto slug = guarded([&]() -> Result<std::string> {
    auto r = ctx_.db.read([&](store::Tx& tx) { return tx.one("SELECT slug FROM campaigns WHERE id = ?", {campaign}); });
    if (!r) return errors::not_found();
    return r->text(0);
  });
  if (!slug) return slug.error();
  // The real sign-up and confirmation, without the network's safety check (no checker).
  Signups signups(ctx_, nullptr);
  auto version = guarded([&]() -> Result<int> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<int> {
      return static_cast<int>(
          tx.one("SELECT MAX(version) FROM consent_texts WHERE campaign_id = ?", {campaign})->integer(0));
    });
  });
  if (!version) return version.error();
  SignupInput in = b.signup;
  in.consent_given = true;
  in.consent_version = *version;
  auto receipt = signups.sign_up(*slug, in);
  if (!receipt) return receipt.error();
  auto who = signups.confirm_email(receipt->email_token, b.password);
  if (!who) return who.error();
  return guarded([&]() -> Result<std::pair<Id, Actor>> {
    ctx_.db.write([&](store::Tx& tx) {
      const Time now = ctx_.now();
      tx.exec("UPDATE businesses SET proof_verified_at = ?, proof_method = 'seeded' WHERE id = ?",
              {now, receipt->business});
      audit(tx, now, Actor::system(), "business.check_proof", "business", receipt->business, "seeded");
      if (queue_scan) enqueue_scan(tx, now, receipt->business);
    });
    return std::make_pair(receipt->business, *who);
  });
}

Result<Id> Seeder::completed_scan(Id business, const std::string& report_json, Time scanned_at) {
  ScanOutput out{"scanned", report_json, {}};
  try {
    auto doc = nlohmann::json::parse(report_json);
    const auto& d = doc.at("domains").at(0);
    out.status = d.value("status", "scanned");
    for (const auto& c : d.value("checks", nlohmann::json::array())) {
      for (const auto& f : c.value("findings", nlohmann::json::array())) {
        out.findings.push_back(
            FindingRow{f.at("id").get<std::string>(), c.value("subject", ""), f.value("severity", "high")});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Error::of("seed.report_invalid", {}, e.what());
  }
  return guarded([&]() -> Result<Id> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Id> {
      Id job = enqueue_job(tx, scanned_at, JobKind::scan, business);
      tx.exec("UPDATE jobs SET state = 'done', attempts = 1, finished_at = ? WHERE id = ?", {scanned_at, job});
      Id scan = store_scan(tx, scanned_at, business, job, out, ctx_.config.base_url);
      if (scan == 0) return errors::not_found();
      return scan;
    });
  });
}

}  // namespace weerbaar::platform
