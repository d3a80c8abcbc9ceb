#include "platform/model.hpp"

namespace weerbaar::platform {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::administrator: return "administrator";
    case Role::coordinator: return "coordinator";
    case Role::helper: return "helper";
    case Role::entrepreneur: return "entrepreneur";
  }
  return "entrepreneur";
}

std::optional<Role> role_from_string(std::string_view s) {
  for (auto r : {Role::administrator, Role::coordinator, Role::helper, Role::entrepreneur}) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}

std::string_view to_string(BusinessStatus s) {
  switch (s) {
    case BusinessStatus::active: return "active";
    case BusinessStatus::withdrawn: return "withdrawn";
    case BusinessStatus::expired: return "expired";
  }
  return "active";
}

}  // namespace weerbaar::platform
