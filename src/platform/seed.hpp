#pragma once
// Direct creation of platform data for tests and the demo, without the network and without
// e-mail round trips: staff accounts with a password, businesses that are signed up, have
// consented, confirmed and proven their domain ("seeded"), and completed scans from stored
// report JSON. The web pages never call this; `weerbaar serve --seed-demo` and the tests do.
#include <string>
#include <utility>

#include "platform/context.hpp"

namespace weerbaar::platform {

// A sign-up as the form would send it (consent is given with the current version), and the
// password the entrepreneur chooses when confirming.
struct SeedBusiness {
  SignupInput signup;
  std::string password;
};

class Seeder {
 public:
  explicit Seeder(Context& ctx) : ctx_(ctx) {}

  Result<Id> organisation(const std::string& name);
  // An account of any role with this password (staff: organisation required but for admins).
  Result<Actor> user(const std::string& email, const std::string& name, Role role, Id organisation,
                     const std::string& password);
  // An invitation with the given expiry (in the past for the "expired invitation" case).
  Result<std::string> invitation(const std::string& email, Role role, Id organisation, Time expires_at);
  // Signed up with the campaign's current consent, confirmed and proven (proof method
  // "seeded"). queue_scan: also queue its first scan for the workers (the demo scans the lab).
  Result<std::pair<Id, Actor>> ready_business(Id campaign, const SeedBusiness& b, bool queue_scan);
  // A completed scan with this weerbaar.scan/1 JSON, at the given time; its findings are read
  // from the JSON for the comparisons and the dashboard.
  Result<Id> completed_scan(Id business, const std::string& report_json, Time scanned_at);

 private:
  Context& ctx_;
};

}  // namespace weerbaar::platform
