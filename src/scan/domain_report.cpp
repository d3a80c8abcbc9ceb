#include "scan/engine.hpp"

namespace weerbaar::scan {

std::string_view to_string(DomainStatus s) {
  switch (s) {
    case DomainStatus::scanned: return "scanned";
    case DomainStatus::rejected: return "rejected";
    case DomainStatus::refused: return "refused";
    case DomainStatus::unresolved: return "unresolved";
    case DomainStatus::failed: return "failed";
  }
  return "unknown";
}

}  // namespace weerbaar::scan
