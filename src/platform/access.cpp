#include "platform/access.hpp"

namespace weerbaar::platform {

Id campaign_organisation(store::Tx& tx, Id campaign) {
  auto r = tx.one("SELECT organisation_id FROM campaigns WHERE id = ?", {campaign});
  return r ? r->integer(0) : 0;
}

bool may_manage_campaign(store::Tx& tx, const Actor& who, Id campaign) {
  if (who.is_system()) return true;
  if (who.anonymous() || who.role != Role::coordinator) return false;
  Id org = campaign_organisation(tx, campaign);
  return org != 0 && org == who.organisation;
}

bool may_change_campaign(store::Tx& tx, const Actor& who, Id campaign) {
  return !who.api && may_manage_campaign(tx, who, campaign);
}

BusinessAccess business_access(store::Tx& tx, const Actor& who, Id business) {
  if (who.is_system()) return {true, true, true};
  if (who.anonymous() || who.api) return {};
  auto r = tx.one(
      "SELECT b.entrepreneur_id, b.helper_id, c.organisation_id, b.status FROM businesses b "
      "JOIN campaigns c ON c.id = b.campaign_id WHERE b.id = ?",
      {business});
  // A withdrawn or expired business has no personal data left to reach.
  if (!r || r->text(3) != "active") return {};
  switch (who.role) {
    case Role::entrepreneur:
      if (r->integer(0) == who.user) return {true, true, true};
      return {};
    case Role::helper:
      if (r->integer(1) == who.user) return {true, true, false};
      return {};
    case Role::coordinator:
      if (r->integer(2) == who.organisation) return {true, false, false};
      return {};
    case Role::administrator: return {};
  }
  return {};
}

}  // namespace weerbaar::platform
