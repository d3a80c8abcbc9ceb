#include "platform/audit.hpp"

namespace weerbaar::platform {

void audit(store::Tx& tx, Time at, const Actor& who, std::string_view action, std::string_view object_type, Id object,
           std::string_view detail) {
  std::string role = who.is_system()   ? "system"
                     : who.api         ? "api"
                     : who.anonymous() ? "anonymous"
                                       : std::string(to_string(who.role));
  tx.exec(
      "INSERT INTO audit_log (at, actor_id, actor_role, action, object_type, object_id, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {at, who.user > 0 ? store::Value(who.user) : store::null_value(), role, std::string(action),
       std::string(object_type), object, std::string(detail)});
}

Result<std::vector<AuditEntry>> audit_entries(Context& ctx, const Actor& who, int limit) {
  if (who.role != Role::administrator || who.anonymous()) return errors::forbidden();
  return guarded([&]() -> Result<std::vector<AuditEntry>> {
    return ctx.db.write([&](store::Tx& tx) {
      std::vector<AuditEntry> out;
      for (const auto& r :
           tx.query("SELECT id, at, actor_id, actor_role, action, object_type, object_id, detail FROM audit_log "
                    "ORDER BY id DESC LIMIT ?",
                    {std::int64_t{limit}})) {
        out.push_back(AuditEntry{r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5),
                                 r.integer(6), r.text(7)});
      }
      audit(tx, ctx.now(), who, "audit.view", "audit_log", 0);
      return out;
    });
  });
}

}  // namespace weerbaar::platform
