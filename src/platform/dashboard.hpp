#pragma once
// The coordinator's dashboard, anonymised in the service (not in the page): any group of
// fewer than kMinGroup businesses is suppressed, and so is any count of 1 to 4 businesses (a
// weakness's first and latest count together), in every view and in the CSV export, because
// the export is built from the same values.
#include <optional>
#include <string>
#include <vector>

#include "platform/context.hpp"

namespace weerbaar::platform {

inline constexpr int kMinGroup = 5;

// A number of businesses that may be shown, or not: 1 to 4 are suppressed (value is then 0).
struct Count {
  int value = 0;
  bool suppressed = false;
  static Count of(int n) { return n > 0 && n < kMinGroup ? Count{0, true} : Count{n, false}; }
};

struct Funnel {
  Count signed_up, consent_active, email_confirmed, domain_proven, scanned, rescanned, withdrawn;
};

// Operational, not statistical: the coordinator assigned these businesses by name, so a
// helper's caseload is shown as it is.
struct Caseload {
  Id helper = 0;
  std::string name;
  int businesses = 0;
  int with_notes = 0;
};

// A weakness in a group: both counts are shown, or (when either is 1 to 4) both suppressed.
struct WeaknessShare {
  std::string finding_id;
  std::string severity;
  Count first;                        // businesses with it at their first scan
  Count latest;                       // at their latest scan
  std::optional<double> first_share;  // of the group's scanned businesses; absent when suppressed
  std::optional<double> latest_share;
};

struct GroupStats {
  std::string group;        // a sector, or a postcode area ("35")
  Count businesses;         // scanned businesses in the group
  bool suppressed = false;  // fewer than kMinGroup: no weaknesses shown
  std::vector<WeaknessShare> weaknesses;
};

struct Dashboard {
  Id campaign = 0;
  Funnel funnel;
  std::vector<Caseload> caseload;
  GroupStats overall;  // the campaign as a whole; its weaknesses are the most common first
  std::vector<GroupStats> by_sector;
  std::vector<GroupStats> by_area;
};

class Dashboards {
 public:
  explicit Dashboards(Context& ctx) : ctx_(ctx) {}
  // The campaign's coordinators only.
  Result<Dashboard> dashboard(const Actor& who, Id campaign);
  // The same numbers as CSV (RFC 4180), suppressed cells written as "<5".
  Result<std::string> csv(const Actor& who, Id campaign);

 private:
  Context& ctx_;
};

std::string dashboard_csv(const Dashboard& d);

}  // namespace weerbaar::platform
