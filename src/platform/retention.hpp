#pragma once
// Scheduled upkeep: rescans that are due, and the retention period of each campaign.
#include "platform/context.hpp"

namespace weerbaar::platform {

// Queues a scan for every active business whose next_scan_at has come; returns how many.
int queue_due_rescans(store::Database& db, Time now);
// Erases businesses signed up longer ago than their campaign's retention period, as a
// withdrawal does (status "expired"), and the outbox's leftovers older than 30 days; returns
// how many businesses were erased.
int apply_retention(store::Database& db, Time now);

}  // namespace weerbaar::platform
