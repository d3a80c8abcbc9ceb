#pragma once
// A signed-up business as its entrepreneur, its helper and its campaign's coordinator see it;
// the helper's notes and the Basisscan answers; the entrepreneur's AVG/GDPR rights.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/context.hpp"

namespace weerbaar::platform {

struct NoteInput {
  std::string discussed;
  std::string agreed;     // what the entrepreneur will do
  std::string follow_up;  // YYYY-MM-DD or empty
};

// Where a business stands on its way through the campaign, as the lists of businesses show it
// (the helper's caseload, the entrepreneur's own, the coordinator's campaign).
struct Standing {
  enum class Step { confirm_email, prove_domain, waiting, scan_queued, scan_running, scan_failed, scanned };
  Step step = Step::confirm_email;
  std::optional<Time> last_scan_at;  // the latest scan stored
  // The follow-up date of the latest note that has one (YYYY-MM-DD); empty for whoever may not
  // read the notes (the coordinator).
  std::string follow_up;
};

class Businesses {
 public:
  explicit Businesses(Context& ctx) : ctx_(ctx) {}

  Result<Business> get(const Actor& who, Id business);
  // Coordinator: every active business of the campaign; helper: those assigned to them.
  Result<std::vector<Business>> of_campaign(const Actor& who, Id campaign);
  // Entrepreneur: their own businesses; helper: all assigned to them.
  Result<std::vector<Business>> mine(const Actor& who);

  // Coordinator of the campaign; the helper must take part in the campaign (0 unassigns).
  Status assign_helper(const Actor& who, Id business, Id helper);

  // Of each business the actor may see the record of; others are left out of the answer.
  Result<std::map<Id, Standing>> standings(const Actor& who, const std::vector<Id>& businesses);

  Result<Id> add_note(const Actor& who, Id business, const NoteInput& in);  // the assigned helper
  Result<std::vector<Note>> notes(const Actor& who, Id business);

  // The Basisscan answers as the assess model's JSON (assess::Answers), saved as they go.
  Status save_assessment(const Actor& who, Id business, const std::string& answers_json);
  Result<std::optional<std::string>> assessment(const Actor& who, Id business);

  // Everything the platform holds about the business, as one JSON document (the entrepreneur).
  Result<std::string> export_data(const Actor& who, Id business);
  // Withdraws consent: no scan runs any more, personal data, reports, notes and answers are
  // deleted at once. What stays is anonymous: sector, postcode area and the finding ids of
  // past scans, so the dashboard's counts remain right.
  Status withdraw(const Actor& who, Id business);

 private:
  Context& ctx_;
};

// Erases a business's personal data and reports inside tx (withdrawal and retention).
void erase_business(store::Tx& tx, Time now, Id business, std::string_view status);
Business business_from(const store::Row& r);
extern const char* const kBusinessColumns;

}  // namespace weerbaar::platform
