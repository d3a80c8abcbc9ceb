#pragma once
// The audit log: who saw or changed what. Written in the same transaction as the change, so
// the log and the data never disagree. Details hold ids and kinds, never personal data.
#include <string_view>
#include <vector>

#include "platform/context.hpp"

namespace weerbaar::platform {

void audit(store::Tx& tx, Time at, const Actor& who, std::string_view action, std::string_view object_type, Id object,
           std::string_view detail = {});

// Administrators only; newest first.
Result<std::vector<AuditEntry>> audit_entries(Context& ctx, const Actor& who, int limit = 200);

}  // namespace weerbaar::platform
