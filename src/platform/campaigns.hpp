#pragma once
// Campaigns: created by a coordinator for their organisation, with a versioned consent text,
// a rescan interval, a retention period and the helpers who take part.
#include <string>
#include <vector>

#include "platform/context.hpp"

namespace weerbaar::platform {

class Campaigns {
 public:
  explicit Campaigns(Context& ctx) : ctx_(ctx) {}

  Result<Id> create(const Actor& who, const CampaignInput& in);
  Result<Campaign> get(const Actor& who, Id campaign);
  // The public sign-up page's view; anyone may read it.
  Result<Campaign> by_slug(const std::string& slug);
  // Coordinators: their organisation's; administrators: all.
  Result<std::vector<Campaign>> list(const Actor& who);
  // A changed consent text becomes a new version; earlier consents keep their own text.
  Result<int> set_consent_text(const Actor& who, Id campaign, const std::string& body);
  Status set_rescan_interval(const Actor& who, Id campaign, int days);

  Status add_helper(const Actor& who, Id campaign, Id helper);
  Result<std::vector<User>> helpers(const Actor& who, Id campaign);
  // Helpers: the campaigns they take part in.
  Result<std::vector<Campaign>> campaigns_of_helper(const Actor& who);

 private:
  Context& ctx_;
};

// Reads a campaign with its current consent text inside a transaction; nullopt if absent.
std::optional<Campaign> load_campaign(store::Tx& tx, Id campaign);

}  // namespace weerbaar::platform
