#include "platform/businesses.hpp"

#include <nlohmann/json.hpp>

#include "core/time_text.hpp"
#include "platform/access.hpp"
#include "platform/audit.hpp"
#include "platform/outbox.hpp"
#include "platform/signups.hpp"
#include "platform/validate.hpp"

namespace weerbaar::platform {

const char* const kBusinessColumns =
    "b.id, b.campaign_id, b.status, b.name, b.contact_name, b.email, b.domain, b.sector, b.postcode, "
    "b.postcode_area, b.lang, COALESCE(b.entrepreneur_id, 0), COALESCE(b.helper_id, 0), b.email_confirmed_at, "
    "b.proof_verified_at, b.proof_method, b.created_at, b.next_scan_at, "
    "(SELECT COUNT(*) FROM consents k WHERE k.business_id = b.id AND k.withdrawn_at IS NULL)";

Business business_from(const store::Row& r) {
  Business b;
  b.id = r.integer(0);
  b.campaign = r.integer(1);
  b.status = r.text(2) == "active"      ? BusinessStatus::active
             : r.text(2) == "withdrawn" ? BusinessStatus::withdrawn
                                        : BusinessStatus::expired;
  b.name = r.text(3);
  b.contact_name = r.text(4);
  b.email = r.text(5);
  b.domain = r.text(6);
  b.sector = r.text(7);
  b.postcode = r.text(8);
  b.postcode_area = r.text(9);
  b.lang = r.text(10);
  b.entrepreneur = r.integer(11);
  b.helper = r.integer(12);
  b.progress = Progress{r.integer(18) > 0 && b.status == BusinessStatus::active, !r.null(13), !r.null(14)};
  b.proof_method = r.text(15);
  b.created_at = r.integer(16);
  b.next_scan_at = r.opt_integer(17);
  return b;
}

namespace {

std::vector<Business> businesses_from(const store::Rows& rows) {
  std::vector<Business> out;
  for (const auto& r : rows) out.push_back(business_from(r));
  return out;
}

std::string select_businesses(std::string_view where) {
  return std::string("SELECT ") + kBusinessColumns + " FROM businesses b WHERE " + std::string(where) +
         " ORDER BY b.id";
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
  }
  int month = std::stoi(s.substr(5, 2));
  int day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string iso(Time t) {
  return iso8601_utc(std::chrono::system_clock::time_point(std::chrono::seconds(t)));
}

}  // namespace

void erase_business(store::Tx& tx, Time now, Id business, std::string_view status) {
  auto owner = tx.one("SELECT COALESCE(entrepreneur_id, 0) FROM businesses WHERE id = ?", {business});
  tx.exec("UPDATE consents SET withdrawn_at = COALESCE(withdrawn_at, ?) WHERE business_id = ?", {now, business});
  // A running scan finds the business gone when it completes and writes nothing.
  tx.exec("UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE business_id = ? AND state = 'queued'",
          {now, business});
  tx.exec("UPDATE scans SET report_json = NULL WHERE business_id = ?", {business});
  // A subject is a server's name (mx.bakkerij.nl): it could name the business, so it goes.
  tx.exec("UPDATE scan_findings SET subject = '' WHERE scan_id IN (SELECT id FROM scans WHERE business_id = ?)",
          {business});
  tx.exec("DELETE FROM notes WHERE business_id = ?", {business});
  tx.exec("DELETE FROM assessments WHERE business_id = ?", {business});
  tx.exec("DELETE FROM email_tokens WHERE business_id = ?", {business});
  tx.exec(
      "UPDATE outbox SET recipient = NULL, subject = NULL, body = NULL, "
      "state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END WHERE business_id = ?",
      {business});
  tx.exec(
      "UPDATE businesses SET status = ?, name = NULL, contact_name = NULL, email = NULL, domain = NULL, "
      "postcode = NULL, entrepreneur_id = NULL, helper_id = NULL, proof_token = NULL, next_scan_at = NULL, "
      "ended_at = ? WHERE id = ?",
      {std::string(status), now, business});
  // The entrepreneur's account goes with their last business.
  if (Id user = owner ? owner->integer(0) : 0;
      user > 0 && !tx.one("SELECT 1 FROM businesses WHERE entrepreneur_id = ?", {user})) {
    tx.exec("DELETE FROM sessions WHERE user_id = ?", {user});
    tx.exec("DELETE FROM users WHERE id = ? AND role = 'entrepreneur'", {user});
  }
}

Result<Business> Businesses::get(const Actor& who, Id business) {
  return guarded([&]() -> Result<Business> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Business> {
      // Not found rather than forbidden: a guessed id must not tell that it exists.
      if (!business_access(tx, who, business).record) return errors::not_found();
      auto r = tx.one(select_businesses("b.id = ?"), {business});
      if (!r) return errors::not_found();
      audit(tx, ctx_.now(), who, "business.view", "business", business);
      return business_from(*r);
    });
  });
}

Result<std::vector<Business>> Businesses::of_campaign(const Actor& who, Id campaign) {
  return guarded([&]() -> Result<std::vector<Business>> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<std::vector<Business>> {
      if (who.api) return errors::not_found();  // API clients see no single business
      if (may_manage_campaign(tx, who, campaign))
        return businesses_from(tx.query(select_businesses("b.campaign_id = ? AND b.status = 'active'"), {campaign}));
      if (who.role == Role::helper && !who.anonymous())
        return businesses_from(tx.query(
            select_businesses("b.campaign_id = ? AND b.status = 'active' AND b.helper_id = ?"), {campaign, who.user}));
      return errors::not_found();
    });
  });
}

Result<std::vector<Business>> Businesses::mine(const Actor& who) {
  if (who.anonymous()) return errors::forbidden();
  return guarded([&]() -> Result<std::vector<Business>> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<std::vector<Business>> {
      if (who.role == Role::entrepreneur)
        return businesses_from(
            tx.query(select_businesses("b.entrepreneur_id = ? AND b.status = 'active'"), {who.user}));
      if (who.role == Role::helper)
        return businesses_from(tx.query(select_businesses("b.helper_id = ? AND b.status = 'active'"), {who.user}));
      return std::vector<Business>{};
    });
  });
}

Status Businesses::assign_helper(const Actor& who, Id business, Id helper) {
  return guarded([&]() -> Status {
    return ctx_.db.write([&](store::Tx& tx) -> Status {
      auto r = tx.one("SELECT campaign_id FROM businesses WHERE id = ? AND status = 'active'", {business});
      if (!r || !may_change_campaign(tx, who, r->integer(0))) return errors::not_found();
      if (helper > 0 &&
          !tx.one("SELECT 1 FROM campaign_helpers WHERE campaign_id = ? AND user_id = ?", {r->integer(0), helper}))
        return Error::of("business.helper_invalid", "helper");
      tx.exec("UPDATE businesses SET helper_id = ? WHERE id = ?",
              {helper > 0 ? store::Value(helper) : store::null_value(), business});
      audit(tx, ctx_.now(), who, "business.assign", "business", business, "user " + std::to_string(helper));
      return ok();
    });
  });
}

Result<std::map<Id, Standing>> Businesses::standings(const Actor& who, const std::vector<Id>& businesses) {
  return guarded([&]() -> Result<std::map<Id, Standing>> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<std::map<Id, Standing>> {
      std::map<Id, Standing> out;
      for (Id id : businesses) {
        const BusinessAccess access = business_access(tx, who, id);
        if (!access.record) continue;
        auto b = tx.one(
            "SELECT email_confirmed_at, proof_verified_at, (SELECT MAX(scanned_at) FROM scans s WHERE "
            "s.business_id = b.id) FROM businesses b WHERE b.id = ?",
            {id});
        if (!b) continue;
        Standing st;
        st.last_scan_at = b->opt_integer(2);
        // The newest scan job tells whether a scan waits, runs or gave up.
        auto job =
            tx.one("SELECT state FROM jobs WHERE business_id = ? AND kind = 'scan' ORDER BY id DESC LIMIT 1", {id});
        const std::string state = job ? job->text(0) : "";
        using Step = Standing::Step;
        if (b->null(0))
          st.step = Step::confirm_email;
        else if (b->null(1))
          st.step = Step::prove_domain;
        else if (state == "running")
          st.step = Step::scan_running;
        else if (state == "queued")
          st.step = Step::scan_queued;
        else if (st.last_scan_at)
          st.step = Step::scanned;
        else if (state == "failed")
          st.step = Step::scan_failed;
        else
          st.step = Step::waiting;
        if (access.report) {
          if (auto n = tx.one("SELECT follow_up FROM notes WHERE business_id = ? AND follow_up IS NOT NULL AND "
                              "follow_up <> '' ORDER BY id DESC LIMIT 1",
                              {id}))
            st.follow_up = n->text(0);
        }
        out.emplace(id, std::move(st));
      }
      return out;
    });
  });
}

Result<Id> Businesses::add_note(const Actor& who, Id business, const NoteInput& in) {
  if (who.role != Role::helper) return errors::forbidden();
  if (in.discussed.find_first_not_of(" \t\r\n") == std::string::npos || in.discussed.size() > 10000)
    return Error::of("note.discussed_required", "discussed");
  if (in.agreed.size() > 10000) return Error::of("note.agreed_too_long", "agreed");
  if (!in.follow_up.empty() && !valid_date(in.follow_up)) return Error::of("note.follow_up_invalid", "follow_up");
  return guarded([&]() -> Result<Id> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Id> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      Id id = tx.insert(
          "INSERT INTO notes (business_id, author_id, discussed, agreed, follow_up, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {business, who.user, in.discussed, in.agreed,
           in.follow_up.empty() ? store::null_value() : store::Value(in.follow_up), ctx_.now()});
      audit(tx, ctx_.now(), who, "note.create", "business", business);
      return id;
    });
  });
}

Result<std::vector<Note>> Businesses::notes(const Actor& who, Id business) {
  return guarded([&]() -> Result<std::vector<Note>> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<std::vector<Note>> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      std::vector<Note> out;
      for (const auto& r :
           tx.query("SELECT n.id, n.business_id, n.author_id, u.name, n.discussed, n.agreed, n.follow_up, n.created_at "
                    "FROM notes n JOIN users u ON u.id = n.author_id WHERE n.business_id = ? ORDER BY n.id",
                    {business})) {
        out.push_back(
            Note{r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7)});
      }
      audit(tx, ctx_.now(), who, "note.view", "business", business);
      return out;
    });
  });
}

Status Businesses::save_assessment(const Actor& who, Id business, const std::string& answers_json) {
  if (answers_json.size() > 200000 || !nlohmann::json::accept(answers_json))
    return Error::of("assessment.invalid", "answers");
  return guarded([&]() -> Status {
    return ctx_.db.write([&](store::Tx& tx) -> Status {
      if (!business_access(tx, who, business).report) return errors::not_found();
      tx.exec("DELETE FROM assessments WHERE business_id = ?", {business});
      tx.exec("INSERT INTO assessments (business_id, answers, updated_by, updated_at) VALUES (?, ?, ?, ?)",
              {business, answers_json, who.user, ctx_.now()});
      audit(tx, ctx_.now(), who, "assessment.save", "business", business);
      return ok();
    });
  });
}

Result<std::optional<std::string>> Businesses::assessment(const Actor& who, Id business) {
  return guarded([&]() -> Result<std::optional<std::string>> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<std::optional<std::string>> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      auto r = tx.one("SELECT answers FROM assessments WHERE business_id = ?", {business});
      return r ? std::optional<std::string>(r->text(0)) : std::nullopt;
    });
  });
}

Result<std::string> Businesses::export_data(const Actor& who, Id business) {
  return guarded([&]() -> Result<std::string> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<std::string> {
      if (!business_access(tx, who, business).owner) return errors::not_found();
      auto r = tx.one(select_businesses("b.id = ?"), {business});
      if (!r) return errors::not_found();
      Business b = business_from(*r);
      nlohmann::ordered_json doc;
      doc["schema"] = "weerbaar.export/1";
      doc["exported_at"] = iso(ctx_.now());
      doc["business"] = {{"name", b.name},
                         {"contact_name", b.contact_name},
                         {"email", b.email},
                         {"domain", b.domain},
                         {"sector", b.sector},
                         {"postcode", b.postcode},
                         {"language", b.lang},
                         {"signed_up_at", iso(b.created_at)},
                         {"proof_method", b.proof_method}};
      auto& consents = doc["consents"] = nlohmann::ordered_json::array();
      for (const auto& c :
           tx.query("SELECT version, body, given_at, withdrawn_at FROM consents WHERE business_id = ? ORDER BY id",
                    {business})) {
        consents.push_back(
            {{"version", c.integer(0)},
             {"text", c.text(1)},
             {"given_at", iso(c.integer(2))},
             {"withdrawn_at", c.null(3) ? nlohmann::ordered_json() : nlohmann::ordered_json(iso(c.integer(3)))}});
      }
      auto& scans = doc["scans"] = nlohmann::ordered_json::array();
      for (const auto& s : tx.query(
               "SELECT id, scanned_at, status, report_json FROM scans WHERE business_id = ? ORDER BY id", {business})) {
        scans.push_back({{"scanned_at", iso(s.integer(1))},
                         {"status", s.text(2)},
                         {"report", s.null(3) ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(s.text(3))}});
      }
      auto& notes = doc["notes"] = nlohmann::ordered_json::array();
      for (const auto& n :
           tx.query("SELECT discussed, agreed, follow_up, created_at FROM notes WHERE business_id = ? ORDER BY id",
                    {business})) {
        notes.push_back(
            {{"discussed", n.text(0)}, {"agreed", n.text(1)}, {"follow_up", n.text(2)}, {"at", iso(n.integer(3))}});
      }
      auto a = tx.one("SELECT answers FROM assessments WHERE business_id = ?", {business});
      doc["basisscan_answers"] = a ? nlohmann::ordered_json::parse(a->text(0)) : nlohmann::ordered_json();
      audit(tx, ctx_.now(), who, "business.export", "business", business);
      return doc.dump(2) + "\n";
    });
  });
}

Status Businesses::withdraw(const Actor& who, Id business) {
  return guarded([&]() -> Status {
    return ctx_.db.write([&](store::Tx& tx) -> Status {
      if (!business_access(tx, who, business).owner) return errors::not_found();
      auto r = tx.one(
          "SELECT b.email, b.domain, b.lang, c.name FROM businesses b JOIN campaigns c ON c.id = b.campaign_id "
          "WHERE b.id = ?",
          {business});
      const Time now = ctx_.now();
      // The confirmation is not tied to the business, so erasing it does not cancel it; the
      // outbox erases the address once it is sent.
      queue_mail(tx, now, "withdrawn", r->text(2), r->text(0), {{"campaign", r->text(3)}, {"domain", r->text(1)}});
      erase_business(tx, now, business, "withdrawn");
      audit(tx, now, who, "business.withdraw", "business", business);
      return ok();
    });
  });
}

}  // namespace weerbaar::platform
