#pragma once
// The platform's services in one place: what `weerbaar serve` and `weerbaar worker` build
// once and the web layer calls. No HTTP in here; see /work/wt/STORE_API.md (and
// docs/platform-api.md) for the calls, their inputs and their error keys.
#include <memory>

#include "platform/accounts.hpp"
#include "platform/audit.hpp"
#include "platform/businesses.hpp"
#include "platform/campaigns.hpp"
#include "platform/context.hpp"
#include "platform/dashboard.hpp"
#include "platform/jobs.hpp"
#include "platform/proof_checker.hpp"
#include "platform/reports.hpp"
#include "platform/signups.hpp"

namespace weerbaar::platform {

class Platform {
 public:
  // The database must outlive the platform. checker may be null (then sign-up skips the
  // safety check and proof checks answer proof.unavailable): tests of other parts only.
  Platform(store::Database& db, Config config, std::shared_ptr<ProofChecker> checker, Clock clock = system_now)
      : ctx_{db, std::move(config), std::move(clock)},
        accounts_(ctx_),
        campaigns_(ctx_),
        signups_(ctx_, std::move(checker)),
        businesses_(ctx_),
        reports_(ctx_),
        dashboards_(ctx_),
        jobs_(ctx_) {}
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  Accounts& accounts() { return accounts_; }
  Campaigns& campaigns() { return campaigns_; }
  Signups& signups() { return signups_; }
  Businesses& businesses() { return businesses_; }
  Reports& reports() { return reports_; }
  Dashboards& dashboards() { return dashboards_; }
  JobQueue& jobs() { return jobs_; }
  Result<std::vector<AuditEntry>> audit_log(const Actor& who, int limit = 200) {
    return audit_entries(ctx_, who, limit);
  }
  Context& context() { return ctx_; }

 private:
  Context ctx_;
  Accounts accounts_;
  Campaigns campaigns_;
  Signups signups_;
  Businesses businesses_;
  Reports reports_;
  Dashboards dashboards_;
  JobQueue jobs_;
};

}  // namespace weerbaar::platform
