#include "platform/signups.hpp"

#include <algorithm>

#include "core/target.hpp"
#include "core/time_text.hpp"
#include "platform/access.hpp"
#include "platform/audit.hpp"
#include "platform/campaigns.hpp"
#include "platform/jobs.hpp"
#include "platform/outbox.hpp"
#include "platform/validate.hpp"

namespace weerbaar::platform {
namespace {

constexpr const char* kProofPrefix = "weerbaar-proof=";

std::string date_of(Time t) {
  return date_utc(std::chrono::system_clock::time_point(std::chrono::seconds(t)));
}

// In turn: the campaign's helper with the fewest active businesses (the lowest id on a tie),
// so that a helper who joined late catches up instead of the cycle starting over.
Id next_helper(store::Tx& tx, Id campaign) {
  auto r = tx.one(
      "SELECT h.user_id FROM campaign_helpers h JOIN users u ON u.id = h.user_id AND u.disabled = 0 "
      "WHERE h.campaign_id = ? ORDER BY (SELECT COUNT(*) FROM businesses b WHERE b.helper_id = h.user_id "
      "AND b.status = 'active' AND b.campaign_id = h.campaign_id), h.user_id LIMIT 1",
      {campaign});
  return r ? r->integer(0) : 0;
}

// A fresh confirmation link (earlier ones stop working) and the mail that carries it.
std::string send_confirmation(store::Tx& tx, const Context& ctx, Time now, Id business, const std::string& email,
                              const std::string& lang, const Params& params) {
  std::string token = random_token();
  const Time expires = now + 3600 * Time{ctx.config.email_token_hours};
  tx.exec("DELETE FROM email_tokens WHERE business_id = ?", {business});
  tx.exec("INSERT INTO email_tokens (token_hash, business_id, expires_at) VALUES (?, ?, ?)",
          {token_hash(token), business, expires});
  Params p = params;
  p["link"] = ctx.config.base_url + "/confirm/" + token;
  p["expires"] = date_of(expires);
  queue_mail(tx, now, "confirm_email", lang, email, p, business);
  return token;
}

}  // namespace

Progress progress_of(store::Tx& tx, Id business) {
  auto r = tx.one(
      "SELECT email_confirmed_at, proof_verified_at, status, "
      "(SELECT COUNT(*) FROM consents WHERE business_id = b.id AND withdrawn_at IS NULL) FROM businesses b "
      "WHERE id = ?",
      {business});
  if (!r || r->text(2) != "active") return {};
  return Progress{r->integer(3) > 0, !r->null(0), !r->null(1)};
}

Id enqueue_scan(store::Tx& tx, Time now, Id business) {
  // Writing the business row first locks it (PostgreSQL), so two requests at once for the
  // same business queue one scan: the second sees the first's job. No scheduled rescan while
  // a scan waits; the worker sets the next date when it is done.
  tx.exec("UPDATE businesses SET next_scan_at = NULL WHERE id = ?", {business});
  if (!progress_of(tx, business).may_scan()) return 0;
  if (tx.one("SELECT 1 FROM jobs WHERE business_id = ? AND kind = 'scan' AND state IN ('queued', 'running')",
             {business}))
    return 0;
  return enqueue_job(tx, now, JobKind::scan, business);
}

Result<SignupReceipt> Signups::sign_up(const std::string& campaign_slug, const SignupInput& in) {
  auto name = clean_line(in.business_name, 200);
  if (!name) return Error::of("signup.business_name_invalid", "business_name");
  auto contact = clean_line(in.contact_name, 200);
  if (!contact) return Error::of("signup.contact_name_invalid", "contact_name");
  auto email = normalise_email(in.email);
  if (!email) return Error::of("signup.email_invalid", "email");
  auto domain = parse_domain(in.domain);
  if (!domain.ok()) return Error::of("signup.domain_invalid", "domain", domain.error);
  auto postcode = normalise_postcode(in.postcode);
  if (!postcode) return Error::of("signup.postcode_invalid", "postcode");
  if (!in.consent_given) return Error::of("signup.consent_required", "consent");
  const std::string lang = in.lang == "en" ? "en" : "nl";

  return guarded([&]() -> Result<SignupReceipt> {
    auto campaign = ctx_.db.read([&](store::Tx& tx) -> std::optional<Campaign> {
      auto r = tx.one("SELECT id FROM campaigns WHERE slug = ?", {campaign_slug});
      return r ? load_campaign(tx, r->integer(0)) : std::nullopt;
    });
    if (!campaign) return errors::not_found();
    if (std::find(campaign->sectors.begin(), campaign->sectors.end(), in.sector) == campaign->sectors.end())
      return Error::of("signup.sector_invalid", "sector");
    // The form showed an older text than the one in force: show the new text, ask again.
    if (in.consent_version != campaign->consent.version) return Error::of("signup.consent_outdated", "consent");
    auto taken = [&](store::Tx& tx) {
      return tx
          .one("SELECT 1 FROM businesses WHERE campaign_id = ? AND domain = ? AND status = 'active'",
               {campaign->id, domain.domain})
          .has_value();
    };
    // Cheap duplicate check before the network is asked; checked again when writing.
    if (ctx_.db.read(taken)) return Error::of("signup.duplicate", "domain");
    if (checker_) {
      if (auto problem = checker_->safety_problem(domain.domain); !problem.empty()) return Error::of(problem, "domain");
    }
    return ctx_.db.write([&](store::Tx& tx) -> Result<SignupReceipt> {
      if (taken(tx)) return Error::of("signup.duplicate", "domain");
      const Time now = ctx_.now();
      Id helper = campaign->round_robin ? next_helper(tx, campaign->id) : 0;
      Id id = tx.insert(
          "INSERT INTO businesses (campaign_id, status, name, contact_name, email, domain, sector, postcode, "
          "postcode_area, lang, helper_id, proof_token, created_at) "
          "VALUES (?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {campaign->id, *name, *contact, *email, domain.domain, in.sector, *postcode, postcode_area(*postcode), lang,
           helper > 0 ? store::Value(helper) : store::null_value(), random_token(), now});
      // The exact text the entrepreneur agreed to, its version and the moment: what a
      // municipality must be able to show for every scan it ran.
      tx.exec("INSERT INTO consents (business_id, consent_text_id, version, body, given_at) VALUES (?, ?, ?, ?, ?)",
              {id, campaign->consent.id, std::int64_t{campaign->consent.version}, campaign->consent.body, now});
      std::string token = send_confirmation(tx, ctx_, now, id, *email, lang,
                                            {{"contact", *contact}, {"business", *name}, {"campaign", campaign->name}});
      audit(tx, now, Actor::nobody(), "business.sign_up", "business", id);
      if (helper > 0) audit(tx, now, Actor::system(), "business.assign", "business", id, "round robin");
      return SignupReceipt{id, token};
    });
  });
}

Status Signups::resend_confirmation(const std::string& campaign_slug, const std::string& email) {
  auto clean = normalise_email(email);
  if (!clean) return Error::of("signup.email_invalid", "email");
  return guarded([&]() -> Status {
    return ctx_.db.write([&](store::Tx& tx) -> Status {
      auto r = tx.one(
          "SELECT b.id, b.lang, b.contact_name, b.name, c.name FROM businesses b JOIN campaigns c ON c.id = "
          "b.campaign_id WHERE c.slug = ? AND b.email = ? AND b.status = 'active' AND b.email_confirmed_at IS NULL",
          {campaign_slug, *clean});
      // The same answer whether or not the address signed up: no probing who took part.
      if (!r) return ok();
      send_confirmation(tx, ctx_, ctx_.now(), r->integer(0), *clean, r->text(1),
                        {{"contact", r->text(2)}, {"business", r->text(3)}, {"campaign", r->text(4)}});
      return ok();
    });
  });
}

Result<Actor> Signups::confirm_email(const std::string& token, const std::string& password) {
  if (auto p = password_problem(password); !p.empty()) return Error::of(p, "password");
  return guarded([&]() -> Result<Actor> {
    auto found = ctx_.db.read([&](store::Tx& tx) {
      return tx.one(
          "SELECT t.business_id, t.expires_at, t.used_at, b.email, b.contact_name, b.lang, b.status FROM "
          "email_tokens t JOIN businesses b ON b.id = t.business_id WHERE t.token_hash = ?",
          {token_hash(token)});
    });
    if (!found || found->text(6) != "active") return Error::of("confirm.invalid");
    if (!found->null(2)) return Error::of("confirm.used");
    if (found->integer(1) < ctx_.now()) return Error::of("confirm.expired");
    const std::string email = found->text(3);
    auto existing = ctx_.db.read(
        [&](store::Tx& tx) { return tx.one("SELECT id, role, password_hash FROM users WHERE email = ?", {email}); });
    // One account per address: an entrepreneur with a second business signs in as before.
    if (existing && existing->text(1) != "entrepreneur") return Error::of("confirm.email_taken", "password");
    if (existing && !verify_password(existing->text(2), password))
      return Error::of("confirm.password_wrong", "password");
    std::string hash = existing ? std::string() : hash_password(password, ctx_.config.password_cost);
    return ctx_.db.write([&](store::Tx& tx) -> Result<Actor> {
      const Time now = ctx_.now();
      const Id business = found->integer(0);
      if (!tx.one("UPDATE email_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL RETURNING business_id",
                  {now, token_hash(token)}))
        return Error::of("confirm.used");
      Id user = existing ? existing->integer(0)
                         : tx.insert(
                               "INSERT INTO users (email, name, role, password_hash, lang, created_at) "
                               "VALUES (?, ?, 'entrepreneur', ?, ?, ?) RETURNING id",
                               {email, found->text(4), hash, found->text(5), now});
      tx.exec("UPDATE businesses SET email_confirmed_at = ?, entrepreneur_id = ? WHERE id = ?", {now, user, business});
      Actor a{user, Role::entrepreneur, 0};
      audit(tx, now, a, "business.confirm_email", "business", business);
      enqueue_scan(tx, now, business);
      return a;
    });
  });
}

Result<ProofInstructions> Signups::proof_instructions(const Actor& who, Id business) {
  return guarded([&]() -> Result<ProofInstructions> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<ProofInstructions> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      auto r = tx.one("SELECT domain, proof_token FROM businesses WHERE id = ?", {business});
      if (!r) return errors::not_found();
      const std::string d = r->text(0);
      const std::string value = kProofPrefix + r->text(1);
      return ProofInstructions{d, "_weerbaar." + d, value, "https://" + d + "/.well-known/weerbaar-proof.txt", value};
    });
  });
}

Result<ProofCheck> Signups::check_proof(const Actor& who, Id business) {
  auto instructions = proof_instructions(who, business);
  if (!instructions) return instructions.error();
  if (!checker_) return Error::of("proof.unavailable");
  ProofCheck check = checker_->check(instructions->domain, instructions->dns_value);
  return guarded([&]() -> Result<ProofCheck> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<ProofCheck> {
      const Time now = ctx_.now();
      audit(tx, now, who, "business.check_proof", "business", business, check.found ? check.method : "not found");
      if (!check.found) return check;
      tx.exec("UPDATE businesses SET proof_verified_at = COALESCE(proof_verified_at, ?), proof_method = ? WHERE id = ?",
              {now, check.method, business});
      enqueue_scan(tx, now, business);
      return check;
    });
  });
}

}  // namespace weerbaar::platform
