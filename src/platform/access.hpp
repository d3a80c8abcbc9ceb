#pragma once
// The rules of access, applied in the services whatever the pages do (defence in depth):
// an entrepreneur reaches only their own business, a helper only the businesses assigned to
// them, a coordinator only their organisation's campaigns. Administrators manage
// organisations and accounts; they do not read businesses' reports.
#include "platform/context.hpp"

namespace weerbaar::platform {

struct BusinessAccess {
  bool record = false;  // name, domain, status, helper (coordinator of its campaign too)
  bool report = false;  // findings, notes, Basisscan: the entrepreneur and the assigned helper
  bool owner = false;   // export and withdrawal: the entrepreneur
};

BusinessAccess business_access(store::Tx& tx, const Actor& who, Id business);
bool may_manage_campaign(store::Tx& tx, const Actor& who, Id campaign);
// Managing and changing: not for API clients, which only read.
bool may_change_campaign(store::Tx& tx, const Actor& who, Id campaign);
// The organisation that owns a campaign, or 0 when there is no such campaign.
Id campaign_organisation(store::Tx& tx, Id campaign);

}  // namespace weerbaar::platform
