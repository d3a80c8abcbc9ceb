#include "platform/retention.hpp"

#include "platform/audit.hpp"
#include "platform/businesses.hpp"
#include "platform/signups.hpp"

namespace weerbaar::platform {

int queue_due_rescans(store::Database& db, Time now) {
  auto due = db.read([&](store::Tx& tx) {
    std::vector<Id> ids;
    for (const auto& r : tx.query(
             "SELECT id FROM businesses WHERE status = 'active' AND next_scan_at IS NOT NULL AND next_scan_at <= ?",
             {now})) {
      ids.push_back(r.integer(0));
    }
    return ids;
  });
  int queued = 0;
  for (Id b : due) {
    // One business per transaction. Clearing the due date is the claim: of several
    // schedulers at once, only the one whose UPDATE still finds it queues the scan.
    db.write([&](store::Tx& tx) {
      if (!tx.one("UPDATE businesses SET next_scan_at = NULL WHERE id = ? AND next_scan_at IS NOT NULL AND "
                  "next_scan_at <= ? RETURNING id",
                  {b, now}))
        return;  // another scheduler took it
      if (enqueue_scan(tx, now, b) != 0) {
        ++queued;
        audit(tx, now, Actor::system(), "scan.schedule", "business", b);
      }
    });
  }
  return queued;
}

int apply_retention(store::Database& db, Time now) {
  return db.write([&](store::Tx& tx) {
    int erased = 0;
    for (const auto& r :
         tx.query("SELECT b.id FROM businesses b JOIN campaigns c ON c.id = b.campaign_id WHERE b.status = 'active' "
                  "AND b.created_at + c.retention_days * 86400 < ?",
                  {now})) {
      erase_business(tx, now, r.integer(0), "expired");
      audit(tx, now, Actor::system(), "business.expire", "business", r.integer(0));
      ++erased;
    }
    tx.exec(
        "UPDATE outbox SET recipient = NULL, subject = NULL, body = NULL WHERE created_at < ? AND recipient IS NOT "
        "NULL",
        {now - 30 * 86400});
    return erased;
  });
}

}  // namespace weerbaar::platform
